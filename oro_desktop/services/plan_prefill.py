"""The first state of a new plan, filled from its case through the form's roles.

Why from the case: the child's or the pregnant person's name and number, the due date
and whether the consent-role persons said yes or no are already on record; typing them
again invites mistakes. Only fields the form binds by role are filled (a region's
variant with other field ids still works), and only facts, never judgements: the plan's
consent answer is prefilled only when every person who answers has answered the same
(all yes: "med"; any no: "utan"); otherwise it is left for the meeting to decide.
A protected person's identity keeps its `protected` mark; no address is ever filled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from oro_desktop.core.cases import Role
from oro_desktop.core.forms import FormDefinition
from oro_desktop.core.persons import Person
from oro_desktop.core.plans.model import WITH_CONSENT, WITHOUT_CONSENT


def _ident(p: Person) -> dict[str, Any]:
    out: dict[str, Any] = dict(p.identity.to_dict())
    if p.protected:
        out["protected"] = True
    return out


def initial_data(definition: FormDefinition, *, subject: Person | None,
                 subject_role: str, due_date: date | None, adult: Person | None,
                 answers: Mapping[str, str]) -> dict[str, Any]:
    """The prefilled data of a new plan.

    subject: the child or the expected child (its role in `subject_role`); adult: the
    pregnant person (expected child); answers: each consent-role person's newest answer
    ("yes"/"no"/"not_asked"), keyed by anything unique.
    """
    data: dict[str, Any] = {}

    def put(role: str, value: Any) -> None:
        f = definition.field_for(role)
        if f is not None and value not in (None, "", {}):
            data[f.id] = value

    type_field = definition.field_for("plan.type")
    if type_field is not None and type_field.choices:
        data[type_field.id] = type_field.choices[0].value  # the form's own kind of plan
    if subject is not None and subject_role == Role.CHILD.value:
        put("child.name", subject.name)
        put("child.identity", _ident(subject))
    if due_date is not None:
        f = definition.field_for("expected_child.due_date")
        if f is not None:
            data[f.id] = due_date.isoformat()
    if adult is not None:
        put("pregnant_person.name", adult.name)
        put("pregnant_person.identity", _ident(adult))
    values = set(answers.values())
    consent = definition.field_for("plan.consent")
    if consent is not None and values and "not_asked" not in values:
        with_consent = values == {"yes"}
        if consent.type == "yes_no":
            data[consent.id] = with_consent
        else:
            data[consent.id] = WITH_CONSENT if with_consent else WITHOUT_CONSENT
    return data


def with_current_marks(definition: FormDefinition, data: Mapping[str, Any],
                       protected: Iterable[Person]) -> dict[str, Any]:
    """`data` with `protected` set on every identity field holding the number of a person
    the case marks protected NOW (a copy; the saved version is never changed).

    Why: the mark copied in at `create` is a snapshot; a person marked protected after the
    plan was made must not have the full number printed on the next print of any version.
    """
    numbers = {(i.get("kind"), i.get("value")) for i in (p.identity.to_dict() for p in protected)}
    out = dict(data)
    for f in definition.fields():
        raw = out.get(f.id)
        if f.type == "identity" and isinstance(raw, Mapping) and not raw.get("protected") \
                and (raw.get("kind"), raw.get("value")) in numbers:
            out[f.id] = {**raw, "protected": True}
    return out

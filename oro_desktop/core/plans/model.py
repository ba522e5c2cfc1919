"""A filled plan form read into a plain model, through roles: who, what, who coordinates.

Why through roles: a region's variant of a plan form may order and name its fields
differently; the printers and the reminder must still find the participants, the
interventions, the coordinator and the follow-up date. Top-level fields are found by
`binds:` (core/forms/roles.py, `plan.*`). Columns of a repeating field cannot bind a
role, so the columns the model reads have fixed ids (PLAN_COLUMNS), which
`check_plan_definition` holds every shipped plan form to (a test runs it).

The model is read from data as saved, never validated here: a draft with gaps still
prints (empty strings and None where nothing is filled in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from oro_desktop.core.forms.model import Field, FormDefinition
from oro_desktop.core.forms.values import is_protected, is_visible, iso_date

#: Repeating-field role -> the column ids the model reads (name -> meaning).
PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "plan.participants": ("namn", "organisation", "roll", "regi"),
    "plan.interventions": ("part", "vad", "ansvarig", "fran", "status"),
    "plan.meetings": ("datum", "form"),
}

#: Values of the `plan.consent` choice (a yes_no field reads True as "med").
WITH_CONSENT = "med"
WITHOUT_CONSENT = "utan"
#: Value of the participants' `regi` column for a private provider.
PRIVATE = "privat"


@dataclass(frozen=True)
class Participant:
    name: str
    organisation: str
    role: str
    #: True public, False private (enskild), None not given.
    public: bool | None


@dataclass(frozen=True)
class Intervention:
    party: str
    what: str
    responsible: str
    start: date | None
    status: str        # the stored choice value ("" when not given)
    status_label: str  # what is printed ("Pågår")


@dataclass(frozen=True)
class Meeting:
    on: date
    how: str


@dataclass(frozen=True)
class Plan:
    """What a plan says, in the order a reader needs it. Strings are never None."""

    form_id: str
    form_version: int
    title: str
    type_value: str
    type_label: str
    #: True with consent, False without, None not yet answered.
    with_consent: bool | None
    #: The person the plan is about: the child's or the pregnant person's name.
    person_name: str
    meetings: tuple[Meeting, ...]
    participants: tuple[Participant, ...]
    goals: tuple[tuple[str, str], ...]  # (label, text) of every plan.goals field
    interventions: tuple[Intervention, ...]
    others: str
    coordinator: str
    coordinator_contact: str
    follow_up_by: str
    next_follow_up: date | None
    follow_up_how: str
    #: The person the plan is about has skyddade personuppgifter (marked on every copy).
    person_protected: bool = False

    @property
    def private_participants(self) -> tuple[Participant, ...]:
        """Participants in private ownership: the OSL disclosure rules do not reach them."""
        return tuple(p for p in self.participants if p.public is False)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Mapping):  # person_ref
        return str(value.get("name") or "").strip()
    return ""


def _rows(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list):
        return []
    return [r for r in value if isinstance(r, Mapping) and any(v not in (None, "") for v in r.values())]


def _column(f: Field | None, column: str) -> Field | None:
    if f is None:
        return None
    return next((c for c in f.columns if c.id == column), None)


class _Reader:
    def __init__(self, definition: FormDefinition, data: Mapping[str, Any]) -> None:
        self.d = definition
        self.data = data

    def field(self, role: str) -> Field | None:
        f = self.d.field_for(role)
        return f if f is not None and is_visible(self.d, f, self.data) else None

    def value(self, role: str) -> Any:
        f = self.field(role)
        return self.data.get(f.id) if f is not None else None

    def text(self, role: str) -> str:
        return _text(self.value(role))

    def consent(self) -> bool | None:
        value = self.value("plan.consent")
        if isinstance(value, bool):
            return value
        if value == WITH_CONSENT:
            return True
        if value == WITHOUT_CONSENT:
            return False
        return None

    def type(self) -> tuple[str, str]:
        f = self.field("plan.type")
        value = self.data.get(f.id) if f is not None else None
        if f is None or not isinstance(value, str) or not value:
            return "", ""
        return value, f.choice_label(value)

    def meetings(self) -> tuple[Meeting, ...]:
        f = self.field("plan.meetings")
        if f is None:
            return ()
        value = self.data.get(f.id)
        if f.type == "date":
            day = iso_date(value)
            return (Meeting(day, ""),) if day else ()
        out = []
        for r in _rows(value):
            day = iso_date(r.get("datum"))
            if day is not None:
                out.append(Meeting(day, _text(r.get("form"))))
        return tuple(sorted(out, key=lambda m: m.on))

    def participants(self) -> tuple[Participant, ...]:
        f = self.field("plan.participants")
        if f is None:
            return ()
        out = []
        for r in _rows(self.data.get(f.id)):
            if f.type == "party_list":
                out.append(Participant(_text(r.get("name")), _text(r.get("organisation")),
                                       _text(r.get("role")), None))
                continue
            regi = r.get("regi")
            public = None if regi in (None, "") else regi != PRIVATE
            out.append(Participant(_text(r.get("namn")), _text(r.get("organisation")),
                                   _text(r.get("roll")), public))
        return tuple(out)

    def interventions(self) -> tuple[Intervention, ...]:
        f = self.field("plan.interventions")
        if f is None:
            return ()
        status_field = _column(f, "status")
        out = []
        for r in _rows(self.data.get(f.id)):
            status = r.get("status") if isinstance(r.get("status"), str) else ""
            label = status_field.choice_label(status) if status_field and status else ""
            out.append(Intervention(_text(r.get("part")), _text(r.get("vad")),
                                    _text(r.get("ansvarig")), iso_date(r.get("fran")),
                                    str(status or ""), label))
        return tuple(out)

    def follow_up(self) -> tuple[date | None, str]:
        """The first date among the plan.follow_up fields, and their texts joined."""
        day: date | None = None
        texts = []
        for f in self.d.fields_for("plan.follow_up"):
            if not is_visible(self.d, f, self.data):
                continue
            value = self.data.get(f.id)
            if f.type == "date" and day is None:
                day = iso_date(value)
            elif f.type == "date_range" and day is None and isinstance(value, Mapping):
                day = iso_date(value.get("from"))
            elif f.type in ("text", "multiline") and _text(value):
                texts.append(_text(value))
        return day, "\n".join(texts)

    def person(self) -> str:
        for role in ("child.name", "pregnant_person.name"):
            name = self.text(role)
            if name:
                return name
        return ""

    def protected(self) -> bool:
        """Whether the child or the pregnant person is marked skyddade personuppgifter."""
        for role in ("child.identity", "pregnant_person.identity"):
            f = self.d.field_for(role)
            if f is not None and is_protected(self.data.get(f.id)):
                return True
        return False

    def goals(self) -> tuple[tuple[str, str], ...]:
        return tuple((f.label, _text(self.data.get(f.id)))
                     for f in self.d.fields_for("plan.goals")
                     if is_visible(self.d, f, self.data) and _text(self.data.get(f.id)))


def plan_from_data(definition: FormDefinition, data: Mapping[str, Any]) -> Plan:
    """The plan a filled form of `kind: plan` says (ValueError for another kind)."""
    if definition.kind != "plan":
        raise ValueError(f"Formuläret {definition.id} är ingen plan.")
    r = _Reader(definition, data)
    type_value, type_label = r.type()
    next_follow_up, how = r.follow_up()
    return Plan(
        form_id=definition.id, form_version=definition.version, title=definition.title,
        type_value=type_value, type_label=type_label, with_consent=r.consent(),
        person_name=r.person(), person_protected=r.protected(), meetings=r.meetings(), participants=r.participants(),
        goals=r.goals(), interventions=r.interventions(), others=r.text("plan.others"),
        coordinator=r.text("plan.coordinator"),
        coordinator_contact=r.text("plan.coordinator_contact"),
        follow_up_by=r.text("plan.follow_up_by"), next_follow_up=next_follow_up,
        follow_up_how=how,
    )


def follow_up_due(plan: Plan, today: date) -> bool:
    """True when the plan's next follow-up is today or has passed (shown in Att göra).

    A plan with no follow-up date is not due: the form requires one, and a draft
    without it is caught by validation, not by the reminder.
    """
    return plan.next_follow_up is not None and plan.next_follow_up <= today


def days_to_follow_up(plan: Plan, today: date) -> int | None:
    """Days until the next follow-up (negative: overdue); None without a date."""
    return None if plan.next_follow_up is None else (plan.next_follow_up - today).days


def check_plan_definition(definition: FormDefinition) -> list[str]:
    """What a plan form lacks for this model, in Swedish (empty: it can be read).

    The roles a plan must bind are checked when the definition loads (REQUIRED_ROLES);
    this checks the column ids of its repeating plan fields, which no role can name.
    """
    problems = []
    for role, columns in PLAN_COLUMNS.items():
        f = definition.field_for(role)
        if f is None or f.type != "repeating":
            continue
        have = {c.id for c in f.columns}
        missing = [c for c in columns if c not in have]
        if missing:
            problems.append(f"{definition.id}: fältet ”{f.label}” saknar kolumnerna "
                            f"{', '.join(missing)}.")
    return problems

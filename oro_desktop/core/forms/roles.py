"""What a field means: the vocabulary of `binds:` roles, and what each kind of form needs.

Why roles: services must find "the child's identity number", "the guardians' signature
rows" or "the validity period" in any form, including a region's variant with other
field ids and another layout. Guessing from positions ("the first identity field") or id
prefixes (`inhamtat*`) breaks the day a form is reordered; a role is declared by the
form author, checked when the definition is loaded, and read by name.

Each role says which field types may carry it (a validity period is a date range, a
guardian list is a signature field) and whether at most one field of a form may carry it
(`unique`). `REQUIRED_ROLES` says which roles a kind of form must bind because a service
reads them: the consent lifecycle (core/consent.py, services/consents.py,
services/persons.py) links the child by identity and name, the guardians by their
signature rows and computes the status from the validity period.

The vocabulary is data: adding a role is adding an entry here and a line in
forms/README.md, and every definition that uses an unknown role is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

_IDENTITY = frozenset({"identity", "person_ref"})
_TEXT = frozenset({"text"})
_TEXTS = frozenset({"text", "multiline"})


@dataclass(frozen=True)
class Role:
    """One role: its name, the field types that may carry it, whether it is unique."""

    name: str
    types: frozenset[str]
    meaning: str
    unique: bool = True


def _roles(*roles: Role) -> dict[str, Role]:
    return {r.name: r for r in roles}


#: Every role a definition may bind, by name.
ROLES: dict[str, Role] = _roles(
    # the child (barnhälsoteam consent, barnets plan, disclosure about a child)
    Role("child.identity", _IDENTITY, "the child's identity number (or why there is none)"),
    Role("child.name", _TEXT, "the child's name"),
    Role("child.address", _TEXTS, "the child's address (never printed when protected)"),
    Role("child.phone", frozenset({"phone"}), "the child's (household's) phone"),
    # consent
    Role("guardians", frozenset({"signature"}), "the signature rows naming the guardians"),
    Role("validity", frozenset({"date_range"}), "the period the consent is valid"),
    Role("parties", frozenset({"multi_choice", "party_list"}),
         "the parties that may exchange information"),
    Role("transfer_on_move", frozenset({"yes_no"}),
         "may information go to another team if the family moves"),
    Role("obtained_by.name", _TEXT, "who obtained the consent: name"),
    Role("obtained_by.function", _TEXTS, "who obtained the consent: function / unit"),
    Role("obtained_by.contact", frozenset({"text", "multiline", "phone", "email"}),
         "who obtained the consent: contact details"),
    # the adults (consent of a pregnant person; per-parent consent for a newborn)
    Role("pregnant_person.identity", _IDENTITY, "the pregnant person's identity number"),
    Role("pregnant_person.name", _TEXT, "the pregnant person's name"),
    Role("parent.identity", _IDENTITY, "the parent answering for themselves"),
    Role("parent.name", _TEXT, "the parent's name"),
    Role("expected_child.due_date", frozenset({"date"}), "the expected child's due date"),
    # a person's own answer under a guideline's working model (kind: contact_consent)
    Role("consent.answer", frozenset({"choice", "yes_no"}),
         "the person's own answer: consents or refuses"),
    Role("consent.manner", frozenset({"choice"}), "how it was given: written or oral"),
    Role("consent.given_on", frozenset({"date"}), "when the answer was given"),
    Role("consent.said", _TEXTS, "what was said (an oral answer, documented)"),
    Role("consent.contact_party", frozenset({"choice", "multi_choice", "text", "multiline"}),
         "the party that may be contacted"),
    Role("consent.content", _TEXTS, "what may be shared with that party"),
    Role("consent.signature", frozenset({"signature"}),
         "the person's own signature row (a written answer)"),
    # plans (samordnad plan för det väntade barnet, barnets plan)
    Role("plan.participants", frozenset({"party_list", "repeating"}),
         "who takes part in the plan"),
    Role("plan.interventions", frozenset({"repeating"}), "the interventions (insatser)"),
    Role("plan.coordinator", frozenset({"text", "person_ref"}),
         "who coordinates (samordningsansvar)"),
    Role("plan.follow_up", frozenset({"date", "date_range", "text", "multiline"}),
         "when and how the plan is followed up", unique=False),
    Role("plan.type", frozenset({"choice"}),
         "which plan: for an expected child, barnets plan, or part of a SIP for the adult"),
    Role("plan.consent", frozenset({"choice", "yes_no"}),
         "made with or without consent (choice values med / utan, or yes / no)"),
    Role("plan.meetings", frozenset({"date", "repeating"}),
         "the meeting date(s) (a repeating field: its first date column)"),
    Role("plan.follow_up_by", frozenset({"text", "person_ref"}), "who follows the plan up"),
    Role("plan.coordinator_contact", frozenset({"text", "multiline", "phone"}),
         "how to reach the coordinator (printed on the family copy)"),
    Role("plan.goals", _TEXTS, "the needs and goals of the plan", unique=False),
    Role("plan.others", _TEXTS, "what others do (the third SIP question)"),
    # record of a disclosure without consent (OSL 25 kap. 12 §, 26 kap. 9 §)
    Role("disclosure.date", frozenset({"date"}), "when the information was disclosed"),
    Role("disclosure.recipient", frozenset({"text", "multiline", "party_list"}),
         "to whom"),
    Role("disclosure.recipient_public", frozenset({"choice", "yes_no"}),
         "is the recipient in public or private ownership"),
    Role("disclosure.sender", _TEXTS, "which unit disclosed"),
    Role("disclosure.sender_public", frozenset({"choice", "yes_no"}),
         "is the disclosing unit in public or private ownership"),
    Role("disclosure.content", _TEXTS, "what was disclosed", unique=False),
    Role("disclosure.legal_basis", frozenset({"choice", "multi_choice", "text"}),
         "the provision the disclosure rests on"),
    Role("disclosure.decided_by", frozenset({"text", "person_ref"}), "who decided"),
    Role("disclosure.informed_before", frozenset({"yes_no", "date"}),
         "was the person told before"),
    Role("disclosure.informed_before_content", _TEXTS, "what the person was told before"),
    Role("disclosure.informed_after", frozenset({"yes_no", "date"}),
         "was the person told afterwards"),
    Role("disclosure.informed_after_content", _TEXTS, "what the person was told afterwards"),
    Role("disclosure.exemption", frozenset({"choice", "yes_no"}),
         "the person is not told (the guideline's violence exemption)"),
    Role("disclosure.exemption_reason", _TEXTS, "why the person is not told"),
)

#: The kinds of form a definition may declare (`kind:`), default "record".
#: "consent" is the guardians' written consent with a validity period (the barnhälsoteam
#: lifecycle in core/consent.py); "contact_consent" is one adult's own answer to being
#: asked, under a guideline's working model, whether a contact may be taken: written
#: or oral, yes or no, with no child number (the child may not be born) and no validity
#: period of its own (none of the guidelines gives one). A refusal is an answer too.
FORM_KINDS: tuple[str, ...] = ("consent", "contact_consent", "plan", "record")
DEFAULT_KIND = "record"

#: kind -> roles a definition of that kind must bind (what its services read).
REQUIRED_ROLES: dict[str, tuple[str, ...]] = {
    "consent": ("child.identity", "child.name", "guardians", "validity"),
    "contact_consent": ("consent.answer", "consent.manner", "consent.given_on",
                        "obtained_by.name"),
    "plan": ("plan.type", "plan.consent", "plan.participants", "plan.interventions",
             "plan.coordinator", "plan.follow_up_by", "plan.follow_up"),
    "record": (),
}

#: kind -> groups of roles of which a definition must bind exactly one per group: the
#: person who answers is either the pregnant person or one parent, never both.
REQUIRED_ONE_OF: dict[str, tuple[tuple[str, ...], ...]] = {
    "contact_consent": (("pregnant_person.identity", "parent.identity"),
                        ("pregnant_person.name", "parent.name")),
}

#: Roles copied from the same user's previous consent into a new one: the obtainer's
#: own details, never the child's.
OBTAINED_BY: tuple[str, ...] = ("obtained_by.name", "obtained_by.function", "obtained_by.contact")

assert set(REQUIRED_ROLES) == set(FORM_KINDS)
assert all(r in ROLES for roles in REQUIRED_ROLES.values() for r in roles)
assert set(REQUIRED_ONE_OF) <= set(FORM_KINDS)
assert all(r in ROLES for groups in REQUIRED_ONE_OF.values() for g in groups for r in g)
assert all(r in ROLES for r in OBTAINED_BY)

"""The barnhälsoteam guideline as data (resources/guidelines/jamtland-barnhalsoteam.yaml).

Why a model of its own: this guideline is not an Alternativ 1/2 workflow like the
collaboration guidelines of core/guidance; it describes a standing team (members by role,
levels of work, consent per guardian, special situations, moving, a yearly follow-up).
Every sentence keeps its `source` (section of the guideline) so the app can show where a
rule comes from, worded as the guideline words it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: How a role is part of every team (2.1): always, where one exists, or when needed.
PRESENCES = ("required", "if_available", "optional")
#: What a special situation means for consent (2.8, 2.9).
CONSENT_EFFECTS = (
    "required", "not_required_but_sought", "required_by_social_services",
    "required_unless_secrecy_breaking",
)
#: How a follow-up question (section 3) is answered: from the meetings or by a person.
ANSWER_KINDS = ("counted", "yes_no", "free_text")
LEVELS = ("organisation", "group", "individual")


@dataclass(frozen=True)
class Quote:
    """A sentence of the guideline as worded, where it stands, our note, its laws."""

    text: str
    source: str
    note: str = ""
    legal: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemberRole:
    """A competence every team has (2.1). `consent_party`: the box of bilaga 1 that
    covers this role's organisation (None: no box does)."""

    id: str
    label: str
    quote: Quote
    presence: str
    consent_party: str | None
    convenes: bool = False
    convenes_quote: Quote | None = None


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    quote: Quote


@dataclass(frozen=True)
class ConsentParty:
    """One check box of bilaga 1 (id = the form's choice value)."""

    id: str
    label: str


@dataclass(frozen=True)
class ConsentRules:
    form: str
    identified: Quote
    basis: Quote
    parties: tuple[ConsentParty, ...]
    parties_source: str
    per_guardian: Quote
    max_months: int
    validity: Quote
    revocation: Quote
    record: Quote
    transfer: Quote
    transfer_answers: tuple[str, ...]


@dataclass(frozen=True)
class SpecialSituation:
    id: str
    quote: Quote
    consent: str


@dataclass(frozen=True)
class FollowUpQuestion:
    id: str
    text: str
    answer: str


@dataclass(frozen=True)
class Adoption:
    """What the text says of adoption: `by` empty and `date` None when it says nothing."""

    by: str
    date: date | None
    note: str
    source: str


@dataclass(frozen=True)
class Commission:
    by: str
    when: str
    quote: Quote


@dataclass(frozen=True)
class BhtGuideline:
    id: str
    version: int
    title: str
    region: str
    seed: str
    ages: str
    purpose: Quote
    commissioned: Commission
    adopted: Adoption
    valid_through: date | None
    validity: Quote
    implementation: Quote
    members_quote: Quote
    roles: tuple[MemberRole, ...]
    mandate: Quote
    steering: Quote
    meetings: Quote
    levels_quote: Quote
    levels: tuple[Level, ...]
    tasks: tuple[Quote, ...]
    consent: ConsentRules
    moving: tuple[Quote, ...]
    special_situations: tuple[SpecialSituation, ...]
    sip: Quote
    follow_up: Quote
    questions: tuple[FollowUpQuestion, ...]
    origin: str = ""

    def role(self, role_id: str) -> MemberRole:
        """The role by id (KeyError: not a role of this guideline)."""
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def situation(self, situation_id: str) -> SpecialSituation:
        for item in self.special_situations:
            if item.id == situation_id:
                return item
        raise KeyError(situation_id)

    def question(self, question_id: str) -> FollowUpQuestion:
        for item in self.questions:
            if item.id == question_id:
                return item
        raise KeyError(question_id)

    def level(self, level_id: str) -> Level:
        for item in self.levels:
            if item.id == level_id:
                return item
        raise KeyError(level_id)

    @property
    def party_of_role(self) -> dict[str, str | None]:
        """role id -> the consent box covering it (what the identification rule reads)."""
        return {r.id: r.consent_party for r in self.roles}

    def quotes(self) -> list[tuple[str, str]]:
        """(where, text) of every sentence said to be quoted from the guideline."""
        out = [("purpose", self.purpose.text), ("commissioned", self.commissioned.quote.text),
               ("implementation", self.implementation.text),
               ("members", self.members_quote.text), ("mandate", self.mandate.text),
               ("steering", self.steering.text), ("meetings", self.meetings.text),
               ("levels", self.levels_quote.text), ("sip", self.sip.text),
               ("follow_up", self.follow_up.text)]
        out += [(f"role {r.id}", r.quote.text) for r in self.roles]
        out += [(f"role {r.id} convenes", r.convenes_quote.text)
                for r in self.roles if r.convenes_quote]
        out += [(f"level {lv.id}", lv.quote.text) for lv in self.levels]
        out += [(f"task {i}", t.text) for i, t in enumerate(self.tasks)]
        c = self.consent
        out += [("consent identified", c.identified.text), ("consent basis", c.basis.text),
                ("consent per_guardian", c.per_guardian.text),
                ("consent validity", c.validity.text), ("consent revocation", c.revocation.text),
                ("consent record", c.record.text), ("consent transfer", c.transfer.text)]
        out += [(f"consent party {p.id}", p.label) for p in c.parties]
        out += [(f"moving {i}", m.text) for i, m in enumerate(self.moving)]
        out += [(f"situation {s.id}", s.quote.text) for s in self.special_situations]
        out += [(f"question {q.id}", q.text) for q in self.questions]
        return out

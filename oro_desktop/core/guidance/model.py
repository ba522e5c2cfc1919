"""The data of a guideline and of the guidance the engine gives for a situation.

Frozen dataclasses: a loaded guideline is shared by the CLI, the GUI and the case view,
and nobody may change a shared copy. Every step and rule keeps its `source` (the place
in the guideline it comes from) so that whatever the application shows can be checked
against the text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

HEALTHCARE = "healthcare"
SOCIAL_SERVICES = "social_services"
SECTORS = (HEALTHCARE, SOCIAL_SERVICES)
SECTOR_NAMES = {HEALTHCARE: "hälso- och sjukvården", SOCIAL_SERVICES: "socialtjänsten"}

EXPECTED_CHILD = "expected_child"
NEWBORN = "newborn"
SITUATIONS = (EXPECTED_CHILD, NEWBORN)

#: Who is asked for consent: the pregnant person, or each parent for himself/herself.
PREGNANT_PERSON = "pregnant_person"
EACH_PARENT = "each_parent"
CONSENT_SUBJECTS = (PREGNANT_PERSON, EACH_PARENT)

#: Step roles the engine acts on; a step without a role is shown as it is.
STEP_ROLES = ("meeting", "plan", "disclose", "inform", "anmalningsplikt", "ask_consent")

#: Special rules the engine knows. A region's file may use any of them.
KNOWN_RULES = (
    "private_providers", "public_only", "violence_exemption", "each_parent_answers",
    "lvm_limit", "anmalningsplikt_after_birth", "after_birth_collaboration",
    "deidentified_consultation",
)


class Answer(enum.Enum):
    """A person's own answer to the question of consent."""

    NOT_ASKED = "not_asked"
    YES = "yes"
    NO = "no"


@dataclass(frozen=True)
class Sourced:
    """A sentence of the guideline (as worded), where it stands, our note, its laws."""

    text: str
    source: str
    note: str = ""
    legal: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A region's special rule (id from KNOWN_RULES), quoted, with its source and laws."""

    id: str
    text: str
    source: str
    note: str = ""
    legal: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactRoute:
    """A route of the contact directory: a kind of unit (core/contacts/kinds.py)."""

    kind: str
    label: str


@dataclass(frozen=True)
class Step:
    """One numbered step of an alternative. `initiator` empty means any initiator."""

    id: str
    number: int
    text: str
    source: str
    note: str = ""
    role: str = ""
    initiator: tuple[str, ...] = ()
    contacts: tuple[ContactRoute, ...] = ()
    legal: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegalBasis:
    """A legal reference an alternative rests on, with where the guideline cites it."""

    ref: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Interventions:
    """What the municipality and the region can do under one alternative."""

    source: str
    municipality: tuple[Sourced, ...] = ()
    region: tuple[Sourced, ...] = ()


@dataclass(frozen=True)
class Alternative:
    number: int
    title: str
    source: str
    steps: tuple[Step, ...]
    legal_bases: tuple[LegalBasis, ...] = ()
    principles: tuple[Sourced, ...] = ()
    interventions: Interventions | None = None
    motivate_consent: tuple[Sourced, ...] = ()


@dataclass(frozen=True)
class Party:
    id: str
    sector: str
    name: str
    source: str


@dataclass(frozen=True)
class Category:
    id: str
    text: str


@dataclass(frozen=True)
class Adoption:
    """Who adopted the guideline and when; `date` is None when the text gives none."""

    by: str
    source: str
    date: date | None = None
    date_text: str = ""


@dataclass(frozen=True)
class Guideline:
    id: str
    version: int
    title: str
    situation: str
    region: str
    status: str
    adopted: Adoption
    valid_through: date | None
    validity_source: str
    parties: tuple[Party, ...]
    initiators: tuple[str, ...]
    initiators_text: Sourced
    consent_subject: str
    person_label: str
    consent_text: Sourced
    concern_categories: tuple[Category, ...]
    concern_source: str
    alternatives: tuple[Alternative, ...]
    special_rules: tuple[Rule, ...] = ()
    follow_up: Sourced | None = None
    status_note: str = ""
    seed: str = ""
    also_seeds: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    origin: str = field(default="", compare=False)

    def alternative(self, number: int) -> Alternative:
        return next(a for a in self.alternatives if a.number == number)

    def rule(self, rule_id: str) -> Rule | None:
        """The special rule with that id, or None when the guideline has none."""
        return next((r for r in self.special_rules if r.id == rule_id), None)

    def party_for(self, sector: str) -> Party | None:
        return next((p for p in self.parties if p.sector == sector), None)


@dataclass(frozen=True)
class FormerCitation:
    citation: str
    law: str
    until: date | None = None


@dataclass(frozen=True)
class LegalReference:
    """A provision with its current citation, and the former one where still cited."""

    id: str
    citation: str
    law: str
    short: str
    summary: str
    source: str
    former: FormerCitation | None = None
    from_sector: str | None = None
    public_only: bool = False
    disclosure_ground: bool = False

    @property
    def display(self) -> str:
        """"SoL (2025:400) 19 kap. 1 § (tidigare SoL (2001:453) 14 kap. 1 §)"."""
        if self.former is None:
            return self.citation
        return f"{self.citation} (tidigare {self.former.citation})"

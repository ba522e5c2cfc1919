"""What the case and disclosure services hand out: plain frozen data, no store types.

Why its own module: the GUI (the case view, Att göra), the CLI (`oro-admin cases show`)
and the export all read the same shapes; keeping them here keeps services/cases.py about
the rules. A person's address is only ever `Person.shown_address()` (empty for
skyddade personuppgifter) and the number `number_display()` (masked for them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from oro_desktop.core.guidance import Guidance
from oro_desktop.core.guidance.situation import Situation
from oro_desktop.core.guidance.model import Sourced
from oro_desktop.core.identity import IdentityNumber


@dataclass(frozen=True)
class PersonInput:
    """A person to add to a case: a new one (identity, name, ...) or a stored one (uid)."""

    name: str = ""
    identity: IdentityNumber | None = None
    address: str = ""
    phone: str = ""
    protected: bool = False
    uid: str = ""


@dataclass(frozen=True)
class CaseRow:
    """One case in a list."""

    uid: str
    guideline_id: str
    guideline_title: str
    region: str
    municipality: str
    status: str            # "open" | "closed"
    status_label: str      # "Öppet" | "Avslutat"
    opened_on: date
    closed_on: date | None
    born_on: date | None
    subject: str           # "Väntat barn, BF 2026-05-01" or the child's name
    persons: tuple[str, ...]
    responsible: str       # both, for a header line: "anna, Socialtjänsten Krokom"
    responsible_user: str = ""
    responsible_unit: str = ""


@dataclass(frozen=True)
class ConsentEntry:
    """One answer of one person (asking again later is another entry)."""

    uid: str
    person_uid: str
    person_name: str
    answer: str       # "yes" | "no"
    manner: str       # "written" | "oral"
    asked_on: date
    asked_by: str
    form_uid: str
    recorded_by: str

    @property
    def answer_label(self) -> str:
        return "Ja" if self.answer == "yes" else "Nej"

    @property
    def manner_label(self) -> str:
        return "skriftligt" if self.manner == "written" else "muntligt"


@dataclass(frozen=True)
class PersonInCase:
    uid: str
    role: str
    role_label: str
    name: str
    number: str             # masked for protected identity
    address: str            # '' for protected identity
    phone: str
    protected: bool
    due_date: date | None
    answer: str             # the person's own latest answer: not_asked | yes | no
    consents: tuple[ConsentEntry, ...] = ()
    #: Hemlig vistelseort (barnhälsoteam, guideline 2.9): the address is '' as for
    #: protected identity, and the view says why.
    secret_address: bool = False


@dataclass(frozen=True)
class StepItem:
    """A step of the checklist: the guideline's step, and its newest tick."""

    step_id: str
    alternative: int | None
    number: int
    text: str
    source: str
    applies_to: tuple[str, ...]
    skipped: bool
    skipped_reason: str
    ticked: bool
    ticked_by: str = ""
    ticked_at: str = ""
    note: str = ""


@dataclass(frozen=True)
class PersonToTell:
    """Whom a disclosure without consent is to be told about: the name only (never an
    address or number), and whether the person has skyddade personuppgifter, so every
    list can mark it."""

    uid: str
    name: str
    protected: bool

    @property
    def shown(self) -> str:
        return f"{self.name} [skyddade personuppgifter]" if self.protected else self.name


@dataclass(frozen=True)
class DisclosureEntry:
    uid: str
    case_uid: str
    disclosed_on: date
    sender: str
    sender_public: bool
    recipient: str
    recipient_public: bool
    legal_basis: str
    legal_basis_text: str
    decided_by: str
    informed: str            # "yes" | "exemption"
    told_before_on: date | None
    told_before: str
    told_after_on: date | None
    told_after: str
    exemption_reason: str
    form_uid: str
    #: The persons to tell before and after: those in the consent role whose own newest
    #: answer is no (the refusal the disclosure is made without).
    to_tell: tuple[PersonToTell, ...] = ()

    @property
    def waiting_to_tell_after(self) -> bool:
        return self.informed == "yes" and self.told_after_on is None


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    by: str
    action: str
    text: str


@dataclass(frozen=True)
class ContactFacts:
    """What a case records about its contact with another body (Kronoberg's violence
    exemption turns on it): whether the contact is a report of concern about violence or
    honour-related violence and oppression, and whether the parent takes part in making
    it. `recorded` is False until someone has said (the default: not a violence report,
    so the person is told before and after)."""

    violence: bool = False
    parent_takes_part: bool = False
    recorded: bool = False

    @property
    def exempt(self) -> bool:
        """A violence report the parent is not part of (where the guideline has the rule)."""
        return self.violence and not self.parent_takes_part


@dataclass(frozen=True)
class CaseView:
    """Everything the case view shows, read (and audited) in one go."""

    row: CaseRow
    concerns: tuple[tuple[str, str], ...]   # (guideline category id, its text)
    persons: tuple[PersonInCase, ...]
    guidance: Guidance | None
    guidance_problem: str
    steps: tuple[StepItem, ...]
    consents: tuple[ConsentEntry, ...]
    motivate_consent: tuple[Sourced, ...]
    disclosures: tuple[DisclosureEntry, ...]
    history: tuple[HistoryEntry, ...]
    notices: tuple[str, ...] = ()           # e.g. anmälningsplikt after the birth
    situation: Situation | None = None      # what `guidance` was computed for (CaseService.situation)
    contact: ContactFacts = ContactFacts()  # the recorded violence facts (set_contact_facts)
    extra: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def no_consent(self) -> bool:
        """Someone in the case said no: the Alternativ 2 path applies to them."""
        return any(p.answer == "no" for p in self.persons)


@dataclass(frozen=True)
class PersonHit:
    """A person found by the global search: never an address; a protected person's
    number masked."""

    uid: str
    name: str
    number: str
    protected: bool
    case_uids: tuple[str, ...]   # the cases the person is in, open ones first
    roles: tuple[str, ...]       # the person's roles there, in Swedish


@dataclass(frozen=True)
class CaseSearch:
    """What the global search found, grouped: cases, and persons."""

    text: str
    cases: tuple[CaseRow, ...]
    persons: tuple[PersonHit, ...]


@dataclass(frozen=True)
class BornResult:
    """What "Barnet är fött" did: the notice to show and the guideline the case is under."""

    case_uid: str
    born_on: date
    notice: str
    guideline_id: str
    continued_under: str  # the newborn guideline's id, '' when the region has none

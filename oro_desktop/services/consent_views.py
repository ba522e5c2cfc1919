"""What the consent service hands out: list rows, editor views, save results, list order.

Plain frozen dataclasses, kept apart from `services/consents.py` so the service module
holds behaviour only. They carry core types (`core.consent.Consent`, `core.persons.Person`)
and views made here, never a store type: the GUI and the CLI see only these. `STATUS_ORDER` is the order of the Samtycken list: what needs
action first (expiring, awaiting signature, drafts), then what is in force, then history.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from oro_desktop.core.barnhalsoteam.special import Circumstances, marking
from oro_desktop.core.consent import Consent, ConsentStatus
from oro_desktop.core.forms import FormDefinition, Problem
from oro_desktop.core.persons import Person

STATUS_ORDER = (ConsentStatus.EXPIRING, ConsentStatus.WAITING_OTHER,
                ConsentStatus.PRINTED, ConsentStatus.DRAFT,
                ConsentStatus.ACTIVE, ConsentStatus.SIGNED, ConsentStatus.EXPIRED,
                ConsentStatus.REVOKED, ConsentStatus.DECLINED)


@dataclass(frozen=True)
class ConsentRow:
    """One line of the Samtycken list (the number already masked for protected identity)."""

    id: int
    uid: str
    status: ConsentStatus
    child_id: int | None
    child_name: str
    child_number: str
    protected: bool
    valid_from: date | None
    valid_to: date | None
    days_left: int | None
    printed_on: date | None
    form_id: str
    form_version: int
    updated_at: str
    renewed_from: int | None
    search_text: str = field(default="", repr=False)  # lower-case name + unmasked digits
    secret_address: bool = False  # hemlig vistelseort (barnhälsoteam, guideline 2.9)

    @property
    def mark(self) -> str:
        """The mark shown beside the child everywhere the row is shown ("" when none):
        "Skyddade personuppgifter" or "Hemlig vistelseort" (core/barnhalsoteam/special)."""
        return marking(Circumstances(protected_identity=self.protected,
                                     secret_address=self.secret_address))


@dataclass(frozen=True)
class GuardianView:
    """A guardian named in a consent: a person in the store (person_id), or only a name."""

    position: int
    name: str
    person_id: int | None = None


@dataclass(frozen=True)
class Scan:
    """The scan of the signed paper, read from the encrypted file."""

    mime: str
    filename: str
    size: int
    sha256: str
    content: bytes = field(repr=False)
    created_at: str
    created_by: str


@dataclass(frozen=True)
class ConsentView:
    """Everything the editor and the dialogs need about one consent.

    `form_uid` is the filled form whose versions `FormVersionService` lists."""

    id: int
    uid: str
    consent: Consent
    definition: FormDefinition
    status: ConsentStatus
    child: Person | None
    guardians: list[GuardianView]
    problems: list[Problem] = field(default_factory=list)  # what keeps it from printing
    renewed_from: int | None = None
    form_uid: str = ""
    created_at: str = ""
    created_by: str = ""
    updated_at: str = ""
    updated_by: str = ""

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.consent.data)

    @property
    def form_id(self) -> str:
        return self.consent.form_id

    @property
    def form_version(self) -> int:
        return self.consent.form_version

    @property
    def editable(self) -> bool:
        return self.status in (ConsentStatus.DRAFT, ConsentStatus.PRINTED)


@dataclass(frozen=True)
class NewConsent:
    """A consent not yet saved: which form, and the data it starts with."""

    form_id: str
    form_version: int
    data: dict[str, Any]


@dataclass(frozen=True)
class FormChoice:
    """A consent form "Nytt samtycke" can start: offered for the region setting or not."""

    form_id: str
    title: str
    regions: tuple[str, ...]   # empty: belongs to no region
    offered: bool              # offered by default for the unit's region setting

    @property
    def label(self) -> str:
        where = ", ".join(self.regions) if self.regions else "alla regioner"
        return f"{self.title} ({where})"


@dataclass(frozen=True)
class OfferedForms:
    """What "Nytt samtycke" offers: the region setting (its name, "" if none) and every
    consent form, the offered ones first."""

    region: str
    forms: tuple[FormChoice, ...]

    @property
    def offered(self) -> tuple[FormChoice, ...]:
        return tuple(f for f in self.forms if f.offered)


@dataclass(frozen=True)
class SaveResult:
    """What one save hands back: everything the editor shows afterwards.

    `view` is the consent as stored by this save (the data as written back, e.g. a
    protected identity marked, the child, the status), read inside the save's own
    transaction, so the editor does not read the consent again: one save is one write
    and one audit entry, not a write plus an audited read."""

    id: int
    problems: list[Problem]
    uid: str = ""
    view: ConsentView | None = None

    @property
    def status(self) -> ConsentStatus | None:
        return None if self.view is None else self.view.status


def list_order_key(row: ConsentRow) -> tuple[int, int, str, int]:
    rank = STATUS_ORDER.index(row.status)
    far = date.max.toordinal()
    if row.status in (ConsentStatus.EXPIRING, ConsentStatus.ACTIVE):
        within = row.valid_to.toordinal() if row.valid_to else far
    elif row.status is ConsentStatus.SIGNED:
        within = row.valid_from.toordinal() if row.valid_from else far
    elif row.status is ConsentStatus.PRINTED:
        within = row.printed_on.toordinal() if row.printed_on else far
    else:  # drafts and history: most recent first
        within = -_stamp_number(row.updated_at)
    return rank, within, row.child_name.casefold(), row.id


_NOT_DIGIT = re.compile(r"[^0-9]")


def _stamp_number(text: str) -> int:
    digits = _NOT_DIGIT.sub("", text)
    return int(digits or 0)

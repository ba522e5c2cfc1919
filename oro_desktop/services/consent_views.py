"""What the consent service hands out: list rows, editor views, save results, list order.

Plain frozen dataclasses, kept apart from `services/consents.py` so the service module
holds behaviour only. `STATUS_ORDER` is the order of the Samtycken list: what needs
action first (expiring, awaiting signature, drafts), then what is in force, then history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.core.forms import FormDefinition, Problem
from oro_desktop.store.repos.consents import ConsentRecord, Guardian
from oro_desktop.store.repos.persons import Person

STATUS_ORDER = (ConsentStatus.EXPIRING, ConsentStatus.PRINTED, ConsentStatus.DRAFT,
                ConsentStatus.ACTIVE, ConsentStatus.SIGNED, ConsentStatus.EXPIRED,
                ConsentStatus.REVOKED, ConsentStatus.DECLINED)


@dataclass(frozen=True)
class ConsentRow:
    """One line of the Samtycken list (the number already masked for protected identity)."""

    id: int
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


@dataclass(frozen=True)
class ConsentView:
    """Everything the editor and the dialogs need about one consent."""

    id: int
    record: ConsentRecord
    definition: FormDefinition
    status: ConsentStatus
    child: Person | None
    guardians: list[Guardian]
    problems: list[Problem] = field(default_factory=list)  # what keeps it from printing

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.record.consent.data)

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
class SaveResult:
    id: int
    problems: list[Problem]


def list_order_key(row: ConsentRow) -> tuple:
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


def _stamp_number(text: str) -> int:
    digits = "".join(c for c in text if c.isdigit())
    return int(digits or 0)

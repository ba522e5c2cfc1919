"""What every part of the consent service shares: the session, the form library, the
clock, one unit of work per action, the store-to-view mapping and the change stream.

Why a base of its own: `ConsentService` is split by job (saving in consents.py, the
lifecycle steps in consent_lifecycle.py, the list in consent_listing.py) and each part
needs the same plumbing. Store types (`ConsentRecord`, `Guardian`, `Attachment`) stop
here: `view_of` and friends turn them into the view types of consent_views.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.core.dates import format_date
from oro_desktop.core.forms import FormDefinition, FormLibrary, Problem, validate
from oro_desktop.core.forms.model import DATE_TYPES, Field
from oro_desktop.core.forms.bounds import within_bounds
from oro_desktop.core.forms.values import EARLIEST_DATE, LATEST_DATE, parse_date
from oro_desktop.errors import InvalidInput
from oro_desktop.services.changes import Action, Change
from oro_desktop.services.consent_views import GuardianView, Scan
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import consents as repo
from oro_desktop.store.repos.consents import Attachment, ConsentRecord, Guardian

if TYPE_CHECKING:
    from oro_desktop.services.session import Session
    from oro_desktop.store.store import UnitOfWork

def problem_text(problems: list[Problem], limit: int = 3) -> str:
    lines = [p.message for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… och {len(problems) - limit} till.")
    return "\n".join(lines)


def _raw_dates(field: Field, value: Any) -> list[date]:
    """Every well-formed date in a value, in range or not (core's dates_of drops the
    out-of-range ones, which is right for computing and wrong for refusing)."""
    if field.type == "date":
        texts = [value]
    elif field.type == "date_range" and isinstance(value, Mapping):
        texts = [value.get("from"), value.get("to")]
    elif field.type == "signature" and isinstance(value, list):
        texts = [e.get("date") for e in value if isinstance(e, Mapping)]
    else:
        texts = []
    return [d for d in map(parse_date, texts) if d is not None]


def check_dates(definition: FormDefinition, data: dict[str, Any]) -> None:
    """Refuse, before anything is written, a date outside 1900-2200 in any date field,
    and a draft whose text exceeds the form's bounds (a draft may be incomplete, never
    unbounded: core/forms/bounds.py)."""
    for f in definition.data_fields():
        values: list[tuple[Field, Any]] = [(f, data.get(f.id))]
        if f.type == "repeating" and isinstance(data.get(f.id), list):
            values = [(col, row.get(col.id)) for row in data[f.id] if isinstance(row, Mapping)
                      for col in f.columns]
        for field, value in values:
            if field.type not in DATE_TYPES:
                continue
            for day in _raw_dates(field, value):
                if not EARLIEST_DATE <= day <= LATEST_DATE:
                    raise InvalidInput(f"{field.label}: {format_date(day)} är inte ett rimligt "
                                       f"datum (tillåtet 1900–2200).")
    if not within_bounds(definition, data):
        raise InvalidInput("Någon uppgift är för lång för formuläret och sparades inte. "
                           "Korta texten och försök igen.")


class ConsentBase:
    """Plumbing shared by the parts of ConsentService; `today` is injectable for tests."""

    def __init__(self, session: "Session", library: FormLibrary, *, fonts_dir: Any = None,
                 today: Callable[[], date] = date.today) -> None:
        self._session = session
        self.library = library
        self._fonts_dir = fonts_dir
        self.today = today

    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    def _record(self, uow: "UnitOfWork", consent_id: int) -> ConsentRecord:
        record = repo.get(uow.conn, int(consent_id))
        if record is None:
            raise NotFound("Samtycket finns inte.")
        return record

    def definition_of(self, record: ConsentRecord) -> FormDefinition:
        """The definition the consent was filled with: (id, version) exactly, never newer."""
        return self.library.get(record.consent.form_id, record.consent.form_version)

    def _require_complete(self, record: ConsentRecord, today: date, what: str) -> None:
        problems = validate(self.definition_of(record), record.consent.data, today=today)
        if problems:
            raise InvalidInput(f"Samtycket kan inte {what} förrän uppgifterna är rättade:\n"
                               + problem_text(problems))

    def _publish(self, changes: Iterable[Change]) -> None:
        """After commit only: tell the views which records changed (services/changes.py)."""
        unique = list(dict.fromkeys(changes))
        if unique:
            self._session.changes.publish(*unique)

    @staticmethod
    def _consent_change(record: ConsentRecord, action: Action = "updated") -> Change:
        return Change("consent", record.uid, action)


def guardian_views(guardians: list[Guardian]) -> list[GuardianView]:
    return [GuardianView(g.position, g.name, g.person_id) for g in guardians]


def scan_view(a: Attachment | None) -> Scan | None:
    if a is None:
        return None
    return Scan(a.mime, a.filename, a.size, a.sha256, a.content, a.created_at, a.created_by)


EDITABLE = (ConsentStatus.DRAFT, ConsentStatus.PRINTED)

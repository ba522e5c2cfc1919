"""TEMPORARY ADAPTER (helper "shell", issue 8): the paged consent list over `list()`.

The lead replaces this module at merge with helper "model"'s real methods on
`ConsentService` (`list_count`, `list_page` computed in SQL, `row(uid)`, `ConsentRow.uid`,
and `Change("consent", uid, ...)` published by every write). Only
`services/services.py` imports it; the GUI is written against exactly those signatures:

    list_count(*, statuses=None, text="") -> int
    list_page(offset, limit, *, statuses=None, text="") -> list[ConsentRow]   # list order
    row(uid) -> ConsentRow | None

Here the rows come from today's `ConsentService.list()` (which parses form JSON: slow at
scale, which is why it is being replaced) and are cached until this service writes; the
uid is derived from the row id. The write methods publish the change after commit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields
from typing import Any

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.services.changes import Change
from oro_desktop.services.consent_views import ConsentRow, SaveResult
from oro_desktop.services.consents import DEFAULT_FORM, ConsentService

UID_PREFIX = "consent-"


@dataclass(frozen=True)
class PagedConsentRow(ConsentRow):
    """ConsentRow plus the stable id "model" adds to ConsentRow itself."""

    uid: str = ""


def uid_of(consent_id: int) -> str:
    return f"{UID_PREFIX}{int(consent_id)}"


def id_of(uid: str) -> int | None:
    if not uid.startswith(UID_PREFIX) or not uid[len(UID_PREFIX):].isdigit():
        return None
    return int(uid[len(UID_PREFIX):])


def _with_uid(row: ConsentRow) -> PagedConsentRow:
    values = {f.name: getattr(row, f.name) for f in fields(ConsentRow)}
    return PagedConsentRow(**values, uid=uid_of(row.id))


def _matches(row: ConsentRow, statuses: Collection[ConsentStatus] | None, text: str) -> bool:
    if statuses is not None and row.status not in statuses:
        return False
    text = text.strip()
    if not text:
        return True
    if all(c.isdigit() or c in "-+ " for c in text):
        digits = "".join(c for c in text if c.isdigit())
        return digits in row.search_text.rsplit(" ", 1)[-1]
    return text.casefold() in row.search_text


class PagedConsentService(ConsentService):
    """ConsentService with the paged list and change publishing (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: list[PagedConsentRow] | None = None
        # Writes by any other service instance (e.g. the demo seeders) also invalidate.
        self._session.changes.subscribe(self._drop_cache, kinds=["consent"])

    def _drop_cache(self, _change: Change) -> None:
        self._cache = None

    # -- the paged list ------------------------------------------------------------------
    def _all(self) -> list[PagedConsentRow]:
        if self._cache is None:
            self._cache = [_with_uid(r) for r in self.list()]
        return self._cache

    def _filtered(self, statuses: Collection[ConsentStatus] | None, text: str) -> list[PagedConsentRow]:
        return [r for r in self._all() if _matches(r, statuses, text)]

    def list_count(self, *, statuses: Collection[ConsentStatus] | None = None, text: str = "") -> int:
        return len(self._filtered(statuses, text))

    def list_page(self, offset: int, limit: int, *, statuses: Collection[ConsentStatus] | None = None,
                  text: str = "") -> list[PagedConsentRow]:
        return self._filtered(statuses, text)[max(0, offset):max(0, offset) + max(0, limit)]

    def row(self, uid: str) -> PagedConsentRow | None:
        consent_id = id_of(uid)
        if consent_id is None:
            return None
        self._cache = None
        return next((r for r in self._all() if r.id == consent_id), None)

    # -- writes publish after commit -----------------------------------------------------
    def _publish(self, consent_id: int, action: str = "updated") -> None:
        self._cache = None
        self._session.changes.publish(Change("consent", uid_of(consent_id), action))  # type: ignore[arg-type]

    def save(self, consent_id: int | None, data: Mapping[str, Any], *, form_id: str = DEFAULT_FORM,
             renewed_from: int | None = None) -> SaveResult:
        result = super().save(consent_id, data, form_id=form_id, renewed_from=renewed_from)
        self._publish(result.id, "created" if consent_id is None else "updated")
        return result

    def _change(self, consent_id: int, event: str, step: Any, detail: dict[str, Any] | None = None) -> None:
        super()._change(consent_id, event, step, detail)
        self._publish(consent_id)

    def register_signature(self, consent_id: int, **kwargs: Any) -> None:
        super().register_signature(consent_id, **kwargs)
        self._publish(consent_id)

    def attach_scan(self, consent_id: int, content: bytes, mime: str, filename: str = "") -> None:
        super().attach_scan(consent_id, content, mime, filename)
        self._publish(consent_id)

    def record_output(self, consent_id: int, *args: Any, **kwargs: Any) -> Any:
        result = super().record_output(consent_id, *args, **kwargs)
        self._publish(consent_id)
        return result


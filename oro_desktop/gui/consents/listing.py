"""Samtycken's list glue: the paged model's queries, selection, filter and counts.

Why a module of its own: the list is asked of the service in pages (gui/consents/pager.py,
`PagedConsentModel`), and the view's part in that (what to query when the filter or the
search changes, keeping the selection across a re-query, the counts in the filter menu
read off the UI thread) is one job, apart from the actions and the editors.
`ConsentListMixin` is mixed into `ConsentsView` (gui/consents/view.py), which builds the
model, the table, the status filter and the count label.
"""

from __future__ import annotations

from shiboken6 import isValid

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.consents.actions import S
from oro_desktop.gui.consents.model import ROW_ROLE, status_text
from oro_desktop.gui.tasks import run_task
from oro_desktop.services.consent_views import STATUS_ORDER, ConsentRow

ALL = "Alla samtycken"


class ConsentListMixin:
    """What `ConsentsView` shows and selects (`reload`, `search`, `select`, `busy`, ...);
    relies on the view's `model`, `table`, `status_filter`, `count`, `service`,
    `_counts_timer` and `_update_actions`."""

    @property
    def busy(self) -> bool:
        """True while the list (or a changed row, or the counts) is being read."""
        return self.model.busy or self._counts_timer.isActive() or self._counting

    _counting = False

    def reload(self, select: int | None = None) -> None:
        """Ask for the list again (in the background), keeping or moving the selection."""
        current = self.selected_row()
        self._pending_select = select if select is not None else (current.id if current else None)
        self.model.query(self._statuses(), self.model.text)
        self._counts_timer.start()

    def _statuses(self) -> set[ConsentStatus] | None:
        value = self.status_filter.currentData()
        return {ConsentStatus(value)} if value else None

    def _loaded(self) -> None:
        self._apply_pending_select()
        self._update_count()
        self._update_actions()

    def _row_refreshed(self) -> None:
        self._apply_pending_select()
        self._counts_timer.start()
        self._update_actions()

    def _load_failed(self, exc: BaseException) -> None:
        message = getattr(exc, "message", None) or "Listan kunde inte läsas."
        self.count.setText(message)

    def _keep_selection(self) -> None:
        current = self.selected_row()
        if self._pending_select is None and current is not None:
            self._pending_select = current.id

    def _apply_pending_select(self) -> None:
        if self._pending_select is not None and self.select(self._pending_select):
            self._pending_select = None

    def _count_statuses(self) -> None:
        """The counts in the filter menu and the line above the table (background)."""
        self._counts_generation += 1
        generation = self._counts_generation
        self._counting = True
        service = self.service

        def count() -> dict[ConsentStatus | None, int]:  # worker thread
            totals: dict[ConsentStatus | None, int] = {None: service.list_count()}
            for s in STATUS_ORDER:
                totals[s] = service.list_count(statuses={s})
            return totals

        def done(totals: dict[ConsentStatus | None, int]) -> None:
            if not isValid(self) or generation != self._counts_generation:
                return
            self._counting = False
            self._totals = totals
            self._fill_filter()
            self._update_count()

        def failed(_exc: BaseException) -> None:
            if isValid(self):
                self._counting = False

        run_task(count, on_result=done, on_error=failed)

    def _fill_filter(self) -> None:
        for index in range(self.status_filter.count()):
            value = self.status_filter.itemData(index)
            status = ConsentStatus(value) if value else None
            label = ALL if status is None else status_text(status)
            if status in self._totals:
                label += f" ({self._totals[status]})"
            self.status_filter.setItemText(index, label)

    def _filter_changed(self, _index: int) -> None:
        self._pending_select = None
        self.model.query(self._statuses(), self.model.text)
        self._update_actions()

    def set_status_filter(self, status: ConsentStatus | None) -> None:
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(
            status.value if status else None)))

    def _update_count(self) -> None:
        shown, total = self.model.total, self._totals.get(None, self.model.total)
        filtered = self.model.statuses is not None or bool(self.model.text)
        text = f"{shown} av {total} samtycken" if filtered else f"{shown} samtycken"
        expiring = self._totals.get(S.EXPIRING, 0)
        if expiring:
            text += f" · {expiring} går snart ut"
        self.count.setText(text)

    def visible_rows(self) -> list[ConsentRow]:
        """The rows loaded so far, in list order (the rest come as the table is scrolled)."""
        return self.model.rows()

    def selected_row(self) -> ConsentRow | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return indexes[0].data(ROW_ROLE) if indexes else None

    def select(self, consent_id: int) -> bool:
        for i, row in enumerate(self.model.rows()):
            if row.id == consent_id:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                return True
        return False

    def search(self, text: str) -> None:
        self._pending_select = None
        self.model.query(self._statuses(), text)
        self._update_actions()

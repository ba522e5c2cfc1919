"""Samtycken: every consent with its status, what needs doing first at the top.

The list comes from `ConsentService.list()` (expiring first, then awaiting signature,
drafts, active, ...; see that module for why). A status filter and the global search
(Ctrl+F: the child's name or number) narrow it through a proxy model. Each action is a
QAction with a shortcut, shown as a button and in the context menu, and enabled only
for the statuses where the lifecycle allows it, so a clinician is not offered a step
that would be refused.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.errors import OroError
from oro_desktop.gui.consents import common
from oro_desktop.gui.consents.decline_dialog import DeclineDialog
from oro_desktop.gui.consents.editor import NEW_PREFIX, ConsentEditor
from oro_desktop.gui.consents.model import (
    COL_CHILD,
    COL_DAYS,
    COL_FORM,
    COL_NUMBER,
    COL_STATUS,
    COL_VALID_TO,
    ROW_ROLE,
    ConsentFilterProxy,
    ConsentTableModel,
    status_text,
)
from oro_desktop.gui.consents.printing import print_consent
from oro_desktop.gui.consents.register_dialog import RegisterSignatureDialog
from oro_desktop.gui.consents.revoke_dialog import RevokeDialog
from oro_desktop.gui.sections import Section
from oro_desktop.services.consent_views import STATUS_ORDER, ConsentRow

S = ConsentStatus
UNSIGNED = {S.DRAFT, S.PRINTED}
IN_FORCE = {S.SIGNED, S.ACTIVE, S.EXPIRING}
ALL = "Alla samtycken"


def _default_service(session: Any):
    from oro_desktop.core.forms import FormLibrary
    from oro_desktop.paths import forms_dir
    from oro_desktop.services.consents import ConsentService

    return ConsentService(session, FormLibrary(forms_dir()))


class ConsentsView(QWidget):
    """The section widget (hooks: `search`, `flush_drafts`, `search_placeholder`)."""

    search_placeholder = "Sök barnets namn eller personnummer"

    def __init__(self, session: Any, parent: QWidget | None = None, *, service=None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = service or _default_service(session)
        self.editors: list[ConsentEditor] = []
        self.setObjectName("consentsView")
        self.setAccessibleName("Samtycken")

        heading = QLabel("Samtycken", self)
        heading.setProperty("role", "heading")
        intro = QLabel("Vårdnadshavarnas samtycken. Det som behöver göras först visas överst: "
                       "samtycken som snart går ut, sedan de som väntar på underskrift.", self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        self.model = ConsentTableModel(self)
        self.proxy = ConsentFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("consentsTable")
        self.table.setAccessibleName("Samtycken")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # No sort column: the service's order (what needs doing first) until a header click.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((COL_CHILD, 220), (COL_NUMBER, 130), (COL_STATUS, 270),
                              (COL_VALID_TO, 110), (COL_DAYS, 95), (COL_FORM, 170)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self._build_actions()
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("consentStatusFilter")
        self.status_filter.setAccessibleName("Visa samtycken med status")
        self.status_filter.setMinimumWidth(290)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        filter_label = QLabel("&Visa:", self)
        filter_label.setBuddy(self.status_filter)
        self.count = QLabel("", self)
        self.count.setObjectName("consentCount")
        self.count.setProperty("role", "muted")

        buttons = QHBoxLayout()
        for action in self.toolbar_actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(filter_label)
        filters.addWidget(self.status_filter)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.reload()

    # -- actions ------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Window-wide while this section is shown (a hidden section's shortcuts are off),
            # so Ctrl+N works even when the focus is in the navigation or the search field.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            tip = f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip.strip())
        action.setStatusTip(tip.strip())
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&Nytt samtycke", self.new_consent, "Ctrl+N",
                                       "Fyll i ett nytt samtycke")
        self.open_action = self._action("&Öppna", self.open_selected, None,
                                        "Öppna det markerade samtycket (Enter)")
        enter = QAction("Öppna", self.table)  # Enter opens only from the table itself
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda _checked=False: self.open_selected())
        self.table.addAction(enter)
        self.print_action = self._action("Skriv &ut…", self.print_selected, "Ctrl+P",
                                         "Förhandsgranska och skriv ut samtycket")
        self.register_action = self._action("&Registrera underskrivet original…",
                                            self.register_selected, "Ctrl+R",
                                            "Registrera att det underskrivna originalet kommit in")
        self.revoke_action = self._action("Åter&kalla…", self.revoke_selected, None,
                                          "Registrera en skriftlig återkallelse")
        self.decline_action = self._action("&Avböjt…", self.decline_selected, None,
                                           "Registrera att vårdnadshavaren inte samtycker")
        self.renew_action = self._action("&Förnya samtycke", self.renew_selected, "Ctrl+Shift+N",
                                         "Nytt samtycke ifyllt från det markerade")
        self.for_child_action = self._action("Nytt samtycke för &barnet", self.new_for_child, None,
                                             "Nytt samtycke med barnets kända uppgifter")
        self.toolbar_actions = [self.new_action, self.open_action, self.print_action,
                                self.register_action, self.revoke_action, self.decline_action,
                                self.renew_action]

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for action in (self.open_action, self.print_action, None, self.register_action,
                       self.revoke_action, self.decline_action, None, self.renew_action,
                       self.for_child_action, None, self.new_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu

    def _update_actions(self) -> None:
        row = self.selected_row()
        status = row.status if row else None
        self.open_action.setEnabled(row is not None)
        self.print_action.setEnabled(row is not None)
        self.register_action.setEnabled(status in UNSIGNED)
        self.decline_action.setEnabled(status in UNSIGNED)
        self.revoke_action.setEnabled(status in IN_FORCE)
        self.renew_action.setEnabled(status is not None and status not in UNSIGNED)
        self.for_child_action.setEnabled(row is not None and row.child_id is not None)

    # -- data ---------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        """Read the list again (audited), keeping or moving the selection."""
        keep = select if select is not None else (self.selected_row().id if self.selected_row() else None)
        rows = self.service.list()
        self.model.set_rows(rows)
        self._fill_filter(rows)
        if keep is not None:
            self.select(keep)
        self._update_count()
        self._update_actions()

    def _fill_filter(self, rows: list[ConsentRow]) -> None:
        current = self.status_filter.currentData()
        counts = {s: 0 for s in STATUS_ORDER}
        for r in rows:
            counts[r.status] += 1
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(f"{ALL} ({len(rows)})", None)
        for s in STATUS_ORDER:
            self.status_filter.addItem(f"{status_text(s)} ({counts[s]})", s.value)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(current)))
        self.status_filter.blockSignals(False)

    def _filter_changed(self, _index: int) -> None:
        value = self.status_filter.currentData()
        self.proxy.set_status(ConsentStatus(value) if value else None)
        self._update_count()
        self._update_actions()

    def set_status_filter(self, status: ConsentStatus | None) -> None:
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(
            status.value if status else None)))

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        expiring = sum(1 for i in range(total) if self.model.row_at(i).status is S.EXPIRING)
        text = f"{total} samtycken" if shown == total else f"{shown} av {total} samtycken"
        if expiring:
            text += f" · {expiring} går snart ut"
        self.count.setText(text)

    def visible_rows(self) -> list[ConsentRow]:
        return [self.proxy.index(i, 0).data(ROW_ROLE) for i in range(self.proxy.rowCount())]

    def selected_row(self) -> ConsentRow | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return indexes[0].data(ROW_ROLE) if indexes else None

    def select(self, consent_id: int) -> bool:
        for i in range(self.proxy.rowCount()):
            index = self.proxy.index(i, 0)
            if index.data(ROW_ROLE).id == consent_id:
                self.table.selectRow(i)
                self.table.scrollTo(index)
                return True
        return False

    # -- section hooks ------------------------------------------------------------------
    def search(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()
        self._update_actions()

    def flush_drafts(self) -> None:
        """Save every open editor's typing as a draft now. The shell calls this only right
        before a lock or a close, so the editors then close without asking."""
        for editor in list(self.editors):
            editor.prepare_for_lock()

    # -- commands -----------------------------------------------------------------------
    def _open_editor(self, editor: ConsentEditor) -> ConsentEditor:
        self.editors.append(editor)
        editor.saved.connect(lambda cid: self.reload(select=cid))
        editor.finished.connect(lambda _r, e=editor: self._editor_closed(e))
        editor.open()
        editor.offer_draft()
        return editor

    def _editor_closed(self, editor: ConsentEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)
        editor.deleteLater()

    def new_consent(self, new=None) -> ConsentEditor | None:
        """A new consent; an unsaved new one left by a crash or a lock is offered first."""
        try:
            new = new or self.service.new_draft()
        except OroError as exc:
            common.warn(self, "Samtycket kunde inte skapas", exc.message)
            return None
        orphans = [d for d in self.session.drafts.list("consent") if d.key.startswith(NEW_PREFIX)]
        key = orphans[0].key if orphans else None
        return self._open_editor(ConsentEditor(self.service, self.session, new=new, key=key,
                                               parent=self))

    def new_for_child(self) -> ConsentEditor | None:
        row = self.selected_row()
        if row is None or row.child_id is None:
            return None
        return self.new_consent(self.service.from_person(row.child_id))

    def open_consent(self, consent_id: int) -> ConsentEditor:
        return self._open_editor(ConsentEditor(self.service, self.session,
                                               consent_id=consent_id, parent=self))

    def open_selected(self) -> ConsentEditor | None:
        row = self.selected_row()
        return self.open_consent(row.id) if row else None

    def print_selected(self):
        """Preview for printing; an unsigned consent must be complete first (as in the editor)."""
        row = self.selected_row()
        if row is None:
            return None
        if row.status in UNSIGNED and self.service.get(row.id).problems:
            common.warn(self, "Samtycket är inte komplett",
                        "Öppna samtycket och rätta uppgifterna som visas innan det skrivs ut "
                        "för underskrift.")
            return None
        self.print_task = print_consent(self, self.service, row.id,
                                        on_closed=lambda: self.reload(select=row.id))
        return self.print_task

    def _fact(self, dialog_class) -> Any:
        row = self.selected_row()
        if row is None:
            return None
        subject = f"Barn: {row.child_name}" + (f" ({row.child_number})" if row.child_number else "")
        dialog = dialog_class(self.service, row.id, user=self.session.user.name,
                              subject=subject, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.reload(select=row.id))
        dialog.open()
        return dialog

    def register_selected(self) -> RegisterSignatureDialog | None:
        return self._fact(RegisterSignatureDialog)

    def revoke_selected(self) -> RevokeDialog | None:
        return self._fact(RevokeDialog)

    def decline_selected(self) -> DeclineDialog | None:
        return self._fact(DeclineDialog)

    def renew_selected(self) -> ConsentEditor | None:
        row = self.selected_row()
        if row is None:
            return None
        try:
            new_id = self.service.renew(row.id)
        except OroError as exc:
            common.warn(self, "Samtycket kunde inte förnyas", exc.message)
            return None
        self.reload(select=new_id)
        return self.open_consent(new_id)


SECTION = Section(
    id="consents",
    title="Samtycken",
    order=10,
    factory=lambda session, parent: ConsentsView(session, parent),
    description="Vårdnadshavarnas samtycken: status, utskrift, underskrift och förnyelse",
)

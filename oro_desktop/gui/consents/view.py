"""Samtycken: every consent with its status, what needs doing first at the top.

The list comes from the session's consent service in pages (`gui/consents/pager.py`:
`list_count` + `list_page`, read off the UI thread, more pages as the table is scrolled;
expiring first, then awaiting signature, drafts, active, ...; see services/consents.py
for why). The status filter and the global search (Ctrl+F: the child's name or number)
are asked of the service, not applied to rows in memory. A write anywhere publishes a
`Change` and only that row is read again. Each action is a
QAction with a shortcut, shown as a button and in the context menu, and enabled only
for the statuses where the lifecycle allows it, so a clinician is not offered a step
that would be refused.

Registered as a section by gui/sections/consents.py (kept light for start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from shiboken6 import isValid
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
from oro_desktop.gui.consents.model import (
    COL_CHILD,
    COL_DAYS,
    COL_FORM,
    COL_NUMBER,
    COL_STATUS,
    COL_VALID_TO,
    ROW_ROLE,
    status_text,
)
from oro_desktop.gui.consents.pager import PagedConsentModel
from oro_desktop.gui.tasks import run_task
from oro_desktop.services.consent_views import STATUS_ORDER, ConsentRow
from oro_desktop.services.services import Services

if TYPE_CHECKING:  # imported when first used: the editor and the dialogs cost start-up time
    from oro_desktop.gui.consents.decline_dialog import DeclineDialog
    from oro_desktop.gui.consents.editor import ConsentEditor
    from oro_desktop.gui.consents.register_dialog import RegisterSignatureDialog
    from oro_desktop.gui.consents.revoke_dialog import RevokeDialog

S = ConsentStatus
UNSIGNED = {S.DRAFT, S.PRINTED}
IN_FORCE = {S.SIGNED, S.ACTIVE, S.EXPIRING}
ALL = "Alla samtycken"


class ConsentsView(QWidget):
    """The section widget (hooks: `search`, `flush_drafts`, `search_placeholder`)."""

    search_placeholder = "Sök barnets namn eller personnummer"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.session = services.session
        self.service = services.consents
        self.editors: list[ConsentEditor] = []
        self._pending_select: int | None = None
        self.dialog: Any = None  # the form chooser of "Nytt samtycke", while open
        self._counts_generation = 0
        self.setObjectName("consentsView")
        self.setAccessibleName("Samtycken")

        heading = QLabel("Samtycken", self)
        heading.setProperty("role", "heading")
        intro = QLabel("Vårdnadshavarnas samtycken. Det som behöver göras först visas överst: "
                       "samtycken som snart går ut, sedan de som väntar på underskrift.", self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        self.model = PagedConsentModel(self.service, services.changes, self)
        self.model.loaded.connect(self._loaded)
        self.model.counted.connect(lambda _n: self._update_count())
        self.model.row_refreshed.connect(lambda _uid: self._row_refreshed())
        self.model.failed.connect(self._load_failed)
        self.model.rowsInserted.connect(lambda *_: self._apply_pending_select())
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self._totals: dict[ConsentStatus | None, int] = {}
        self._counts_timer = QTimer(self)  # many changes in a row: count once
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(100)
        self._counts_timer.timeout.connect(self._count_statuses)
        self.table = QTableView(self)
        self.table.setObjectName("consentsTable")
        self.table.setAccessibleName("Samtycken")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # The service's order (what needs doing first); only the first pages are loaded,
        # so a header click cannot sort the whole list and is not offered.
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((COL_CHILD, 300), (COL_NUMBER, 130), (COL_STATUS, 270),
                              (COL_VALID_TO, 110), (COL_DAYS, 95), (COL_FORM, 170)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self._build_actions()
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("consentStatusFilter")
        self.status_filter.setAccessibleName("Visa samtycken med status")
        self.status_filter.setMinimumWidth(290)
        self.status_filter.addItem(ALL, None)
        for s in STATUS_ORDER:
            self.status_filter.addItem(status_text(s), s.value)
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
        action.setData(tip.strip())  # the tooltip while it can act (see _enable)
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
        self.delete_action = self._action("Ta &bort utkast…", self.delete_selected, None,
                                          "Ta bort ett utkast som skapats av misstag")
        self.toolbar_actions = [self.new_action, self.open_action, self.print_action,
                                self.register_action, self.revoke_action, self.decline_action,
                                self.renew_action, self.delete_action]

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for action in (self.open_action, self.print_action, None, self.register_action,
                       self.revoke_action, self.decline_action, None, self.renew_action,
                       self.for_child_action, None, self.new_action, self.delete_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu

    @staticmethod
    def _enable(action: QAction, why_not: str) -> None:
        """Enable `action` unless there is a reason not to; the reason becomes its tooltip
        (issue 13: a button that cannot act now says why)."""
        action.setEnabled(not why_not)
        tip = why_not or str(action.data() or "")
        action.setToolTip(tip)
        action.setStatusTip(tip)

    def _update_actions(self) -> None:
        row = self.selected_row()
        status = row.status if row else None
        pick = "Markera ett samtycke i listan först." if row is None else ""
        label = status_text(status).lower() if status is not None else ""
        self._enable(self.open_action, pick)
        self._enable(self.print_action, pick)
        unsigned_only = pick or ("" if status in UNSIGNED else
                                 f"Går bara för ett samtycke som väntar på underskrift (detta är {label}).")
        self._enable(self.register_action, "" if status is S.WAITING_OTHER else unsigned_only)
        self._enable(self.decline_action, unsigned_only)
        self._enable(self.revoke_action, pick or ("" if status in IN_FORCE
                                                  or status is S.WAITING_OTHER else
                     f"Går bara för ett samtycke som gäller (detta är {label})."))
        self._enable(self.renew_action, pick or ("" if status not in UNSIGNED else
                     "Ett samtycke som inte är underskrivet förnyas inte: öppna och ändra det."))
        self._enable(self.for_child_action, pick or ("" if row is not None and row.child_id is not None
                     else "Barnet finns inte i registret (inget personnummer angivet)."))
        open_here = row is not None and any(e.consent_id == row.id for e in self.editors)
        self._enable(self.delete_action, pick or (
            "Bara ett utkast som inte har skrivits ut kan tas bort." if status is not S.DRAFT else
            "Stäng samtycket först." if open_here else ""))

    # -- data ---------------------------------------------------------------------------
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

    # -- section hooks ------------------------------------------------------------------
    def search(self, text: str) -> None:
        self._pending_select = None
        self.model.query(self._statuses(), text)
        self._update_actions()

    def flush_drafts(self) -> None:
        """Save every open editor's typing as a draft now. The shell calls this only right
        before a lock or a close, so the editors then close without asking."""
        for editor in list(self.editors):
            editor.prepare_for_lock()

    # -- commands -----------------------------------------------------------------------
    def _open_editor(self, editor: ConsentEditor) -> ConsentEditor:
        self.editors.append(editor)
        # The save published a Change: the model reads that one row again; select it then.
        editor.saved.connect(self._select_when_shown)
        editor.finished.connect(lambda _r, e=editor: self._editor_closed(e))
        editor.open()
        editor.offer_draft()
        return editor

    def _select_when_shown(self, consent_id: int) -> None:
        if not self.select(consent_id):
            self._pending_select = consent_id

    def _editor_closed(self, editor: ConsentEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)
        editor.deleteLater()

    def new_consent(self, new=None) -> ConsentEditor | None:
        """A new consent; an unsaved new one left by a crash or a lock is offered first.

        Which form: the one the region setting offers (`services.consents.offered_forms`);
        when it offers none or several, `choose_form` asks (the chooser is `self.dialog`)
        and this returns None.
        """
        from oro_desktop.gui.consents.editor import NEW_PREFIX, ConsentEditor

        orphans = [d for d in self.session.drafts.list("consent") if d.key.startswith(NEW_PREFIX)]
        key = orphans[0].key if orphans else None
        try:
            if new is None and key is not None:  # the unsaved form is the one it was
                payload = self.session.drafts.load(key) or {}
                if payload.get("form_id"):
                    new = self.service.new_draft(str(payload["form_id"]))
            if new is None:
                form_id = self._offered_form(lambda f: self.new_consent(self.service.new_draft(f)))
                if form_id is None:
                    return None
                new = self.service.new_draft(form_id)
        except OroError as exc:
            common.warn(self, "Samtycket kunde inte skapas", exc.message)
            return None
        return self._open_editor(ConsentEditor(self.service, self.session, new=new, key=key,
                                               parent=self))

    def _offered_form(self, then) -> str | None:
        """The one form the region setting offers, or None after opening the chooser
        (which calls `then(form_id)` when a form is chosen)."""
        offer = self.service.offered_forms()
        if len(offer.offered) == 1:
            return offer.offered[0].form_id
        self.choose_form(then, offer)
        return None

    def choose_form(self, then, offer=None):
        """Ask which form ("Visa alla blanketter" reaches every form explicitly)."""
        from oro_desktop.gui.consents.form_chooser import FormChooser

        dialog = FormChooser(offer or self.service.offered_forms(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(form_id: str) -> None:
            try:
                then(form_id)
            except OroError as exc:
                common.warn(self, "Samtycket kunde inte skapas", exc.message)

        dialog.chosen.connect(chosen)
        dialog.open()
        self.dialog = dialog
        return dialog

    def new_for_child(self) -> ConsentEditor | None:
        row = self.selected_row()
        if row is None or row.child_id is None:
            return None
        child = row.child_id
        try:
            form_id = self._offered_form(
                lambda f: self.new_consent(self.service.from_person(child, f)))
            return None if form_id is None else self.new_consent(
                self.service.from_person(child, form_id))
        except OroError as exc:
            common.warn(self, "Samtycket kunde inte skapas", exc.message)
            return None

    def open_consent(self, consent_id: int) -> ConsentEditor:
        from oro_desktop.gui.consents.editor import ConsentEditor

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
        from oro_desktop.gui.consents.printing import print_consent

        self.print_task = print_consent(self, self.service, row.id,
                                        on_closed=lambda: self._select_when_shown(row.id))
        return self.print_task

    def _fact(self, dialog_class) -> Any:
        row = self.selected_row()
        if row is None:
            return None
        subject = f"Barn: {row.child_name}" + (f" ({row.child_number})" if row.child_number else "")
        dialog = dialog_class(self.service, row.id, user=self.session.user.name,
                              subject=subject, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._select_when_shown(row.id))
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        """Delete the selected draft after a question (audited; services/drafts.py)."""
        from oro_desktop.services.drafts import discard_consent_draft

        row = self.selected_row()
        if row is None or row.status is not S.DRAFT:
            return False
        if not common.ask_delete_draft(self, row.child_name or "utan namn"):
            return False
        try:
            discard_consent_draft(self.session, row.id)
        except OroError as exc:
            common.warn(self, "Utkastet kunde inte tas bort", exc.message)
            return False
        return True

    def register_selected(self) -> RegisterSignatureDialog | None:
        from oro_desktop.gui.consents.register_dialog import RegisterSignatureDialog

        return self._fact(RegisterSignatureDialog)

    def revoke_selected(self) -> RevokeDialog | None:
        from oro_desktop.gui.consents.revoke_dialog import RevokeDialog

        return self._fact(RevokeDialog)

    def decline_selected(self) -> DeclineDialog | None:
        from oro_desktop.gui.consents.decline_dialog import DeclineDialog

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
        self._select_when_shown(new_id)
        return self.open_consent(new_id)


"""Att göra: the start view. Groups of things to do today; Enter opens the selected one.

Read off the UI thread (todo/load.py) when first shown and again after a change on
`session.changes` (a consent saved anywhere, a setting changed, a case or a disclosure written), queued to the UI
thread and coalesced, so a burst of writes reloads once. A consent opens in the
Samtycken section's editor, a case in Ärenden, a guideline in Vägledning (through the main window's
`show_section` / `section_widget`; outside a window, `open_requested` is emitted only).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)
from shiboken6 import isValid

from oro_desktop.gui.a11y import busy_bar
from oro_desktop.gui.tasks import run_task
from oro_desktop.gui.todo.load import TodoData, TodoRow, load_todo

ROW_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1  # a group's key, on its heading item
#: The case view's tab a group's case row opens on (Ärenden's `open_case(uid, tab=)`):
#: a plan follow-up opens the case on its Planer tab, where the passed plan is first.
CASE_TABS = {"plans": "plans"}
URGENT = QColor("#a4141a")
RELOAD_KINDS = ("consent", "setting", "case", "disclosure", "plan")


class TodoView(QWidget):
    """The section widget. Signals: `open_requested(kind, ref)` when a row is opened."""

    open_requested = Signal(str, object)
    _changed = Signal()  # from any thread; queued to the UI thread

    def __init__(self, services: Any, parent: QWidget | None = None, *,
                 now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.services = services
        self.now = now
        self.data: TodoData | None = None
        self.loading = False
        self._again = False
        self.setObjectName("todoView")
        self.setAccessibleName("Att göra")
        heading = QLabel("Att göra", self)
        heading.setProperty("role", "heading")
        intro = QLabel("Det som behöver göras i dag. Markera en rad och tryck Enter (eller "
                       "dubbelklicka) för att öppna den.", self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        self.busy = busy_bar(self, object_name="todoBusy", accessible_name="Listan läses in")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("todoTree")
        self.tree.setAccessibleName("Att göra")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Vad", "Varför"])
        self.tree.setColumnWidth(0, 420)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(lambda item, _c: self.open_item(item))
        self.tree.currentItemChanged.connect(lambda *_: self._update_actions())
        self.open_button = QPushButton("Ö&ppna", self)
        self.open_button.setObjectName("todoOpen")
        self.open_button.setAccessibleName("Öppna det markerade")
        self.open_button.clicked.connect(lambda: self.open_item(self.tree.currentItem()))
        self.reload_button = QPushButton("&Uppdatera", self)
        self.reload_button.setObjectName("todoReload")
        self.reload_button.setAccessibleName("Läs listan igen")
        self.reload_button.setToolTip("Läs listan igen (F5)")
        self.reload_button.clicked.connect(self.reload)
        refresh = QAction("Uppdatera", self)
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(lambda _c=False: self.reload())
        self.addAction(refresh)
        self.note = QLabel("En plan står kvar under ”Planer att följa upp” tills en ny version "
                           "med nästa uppföljningsdatum har sparats.", self)
        self.note.setObjectName("todoNote")
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)

        self._timer = QTimer(self)  # a burst of changes: one reload
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.reload)
        self._changed.connect(self._timer.start)  # queued: emitted from the writer's thread
        unsubscribe = services.changes.subscribe(self._hop, kinds=RELOAD_KINDS)
        self.destroyed.connect(unsubscribe)
        self._update_actions()
        self.reload()

    def _hop(self, _change: object) -> None:  # any thread
        self._changed.emit()

    @property
    def busy_now(self) -> bool:
        return self.loading or self._timer.isActive()

    def reload(self) -> None:
        """Read the groups again in the background (once more after, if asked meanwhile)."""
        if self.loading:
            self._again = True
            return
        self.loading = True
        self.busy.show()
        services, now = self.services, self.now()

        def done(data: TodoData) -> None:
            if isValid(self):
                self._finish()
                self.show_data(data)

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self._finish()
                self.note.setText("Listan kunde inte läsas: "
                                  + (getattr(exc, "message", "") or "ett oväntat fel inträffade."))

        run_task(load_todo, services, now, on_result=done, on_error=failed)

    def _finish(self) -> None:
        self.loading = False
        self.busy.hide()
        if self._again:
            self._again = False
            self.reload()

    def show_data(self, data: TodoData) -> None:
        current = self.tree.currentItem()
        keep = current.data(0, ROW_ROLE) if current is not None else None
        self.data = data
        self.tree.clear()
        select: QTreeWidgetItem | None = None
        for group in data.groups:
            shown = len(group.rows)
            count = f"{group.total}" if shown == group.total else f"visar {shown} av {group.total}"
            head = QTreeWidgetItem(self.tree, [f"{group.title} ({count})", ""])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(0, GROUP_ROLE, group.key)
            head.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{group.title}: {count}")
            if group.problem:
                line = QTreeWidgetItem(head, [f"Kunde inte läsas: {group.problem}", ""])
                line.setForeground(0, QBrush(URGENT))
            elif not group.rows:
                line = QTreeWidgetItem(head, [group.empty_text, ""])
                line.setFlags(Qt.ItemFlag.ItemIsEnabled)
                line.setForeground(0, QBrush(QColor("#4a525c")))
            for row in group.rows:
                line = QTreeWidgetItem(head, [row.title, row.detail])
                line.setData(0, ROW_ROLE, row)
                line.setToolTip(1, row.detail)
                line.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{row.title}: {row.detail}")
                if row.urgent:
                    line.setForeground(1, QBrush(URGENT))
                if keep is not None and (row.kind, row.ref) == (keep.kind, keep.ref):
                    select = line
                if select is None and keep is None:
                    select = line
            head.setExpanded(True)
        if select is not None:
            self.tree.setCurrentItem(select)
        self._update_actions()

    def rows(self, key: str | None = None) -> list[TodoRow]:
        if self.data is None:
            return []
        return [r for g in self.data.groups if key in (None, g.key) for r in g.rows]

    def select(self, kind: str, ref: object) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                row = head.child(j).data(0, ROW_ROLE)
                if row is not None and (row.kind, row.ref) == (kind, ref):
                    self.tree.setCurrentItem(head.child(j))
                    return True
        return False

    def _update_actions(self) -> None:
        item = self.tree.currentItem()
        self.open_button.setEnabled(item is not None and item.data(0, ROW_ROLE) is not None)

    # -- opening ------------------------------------------------------------------------
    def open_item(self, item: QTreeWidgetItem | None) -> Any:
        row = item.data(0, ROW_ROLE) if item is not None else None
        if row is None:
            return None
        self.open_requested.emit(row.kind, row.ref)
        window = self.window()
        show, widget_of = getattr(window, "show_section", None), getattr(window, "section_widget", None)
        if not (callable(show) and callable(widget_of)):
            return None
        if row.kind == "case":
            show("cases")
            target = widget_of("cases")
            opener = getattr(target, "open_case", None)
            if not callable(opener):
                return None
            parent = item.parent() if item is not None else None
            tab = CASE_TABS.get(parent.data(0, GROUP_ROLE) if parent is not None else None)
            return opener(row.ref, tab=tab) if tab else opener(row.ref)
        if row.kind == "consent":
            show("consents")
            target = widget_of("consents")
            opener = getattr(target, "open_consent", None)
            return opener(row.ref) if callable(opener) else None
        show("guidance")
        target = widget_of("guidance")
        chooser = getattr(target, "show_guideline", None)
        return chooser(row.ref) if callable(chooser) else None

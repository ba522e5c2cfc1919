"""The "Personer" group of the global search in Ärenden (the cases are the table below).

Why persons as their own group: a clinician who types a name or a number expects the
person, and then the person's cases; choosing a person (Enter or a double click) opens
the case when there is one, and otherwise lists that person's cases. Never an address;
a protected person's number is masked by the service and the row says why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import QLabel, QTreeWidgetItem, QVBoxLayout, QWidget

from oro_desktop.gui.cases.common import ALERT, PROTECTED, ROW_ROLE, tree
from oro_desktop.services.case_views import PersonHit

ROWS_SHOWN = 5


def cases_words(hit: PersonHit) -> str:
    n = len(hit.case_uids)
    if not n:
        return "inget ärende"
    roles = ", ".join(r.lower() for r in hit.roles)
    return f"{n} ärende{'n' if n > 1 else ''}" + (f" ({roles})" if roles else "")


class PersonResults(QWidget):
    """Signal `chosen(PersonHit)`."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePersonResults")
        self.heading = QLabel("", self)
        self.heading.setObjectName("casePersonsHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.tree = tree(self, "casePersonHits", ["Person", "Personnummer", "I ärenden"])
        self.tree.setAccessibleName("Personer som hittades")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 240)
        self.tree.itemActivated.connect(lambda item, _c: self._choose(item))
        enter = QAction("Välj", self.tree)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda _c=False: self._choose(self.tree.currentItem()))
        self.tree.addAction(enter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree)

    def show_hits(self, hits: tuple[PersonHit, ...]) -> None:
        self.tree.clear()
        for hit in hits:
            item = QTreeWidgetItem(self.tree, [hit.name, hit.number, cases_words(hit)])
            item.setData(0, ROW_ROLE, hit)
            if hit.protected:
                item.setForeground(1, QBrush(ALERT))
                for column in range(3):
                    item.setToolTip(column, f"{PROTECTED}: numret visas maskerat, adressen aldrig.")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"{hit.name}, {cases_words(hit)}" + (f", {PROTECTED}" if hit.protected else ""))
        self.heading.setText(f"Personer ({len(hits)})" if hits else "Personer: inga träffar")
        shown = max(1, min(len(hits), ROWS_SHOWN))
        row = self.tree.sizeHintForRow(0) if hits else 22
        self.tree.setFixedHeight(self.tree.header().sizeHint().height() + shown * max(row, 20) + 6)
        self.tree.setVisible(bool(hits))
        if hits:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def hits(self) -> list[PersonHit]:
        return [self.tree.topLevelItem(i).data(0, ROW_ROLE) for i in range(self.tree.topLevelItemCount())]

    def _choose(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.chosen.emit(item.data(0, ROW_ROLE))

    def choose(self, person_uid: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, ROW_ROLE).uid == person_uid:
                self.tree.setCurrentItem(item)
                self._choose(item)
                return True
        return False

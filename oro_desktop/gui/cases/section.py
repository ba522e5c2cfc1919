"""The Ärenden section widget: the list page and the case page (see gui/sections/cases.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget,
    QTableView, QVBoxLayout, QWidget,
)

from oro_desktop.gui.cases.model import ROW_ROLE, CaseTableModel
from oro_desktop.gui.cases.search_results import PersonResults
from oro_desktop.gui.cases.view import CaseDetail
from oro_desktop.services.case_views import CaseRow, PersonHit


class CasesView(QWidget):
    """Hooks: `search(text)`, `search_placeholder`, `flush_drafts()`; `open_case(uid)` for
    Att göra."""

    search_placeholder = "Sök person eller ärende"  # by name, number or case number

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.service = services.cases
        self.setObjectName("casesView")
        self.setAccessibleName("Ärenden")
        self.dialog: Any = None

        self.pages = QStackedWidget(self)
        list_page = QWidget(self.pages)
        heading = QLabel("Ärenden", list_page)
        heading.setProperty("role", "heading")
        intro = QLabel("Öppna ärenden först, nyast överst. Markera ett ärende och tryck Enter "
                       "(eller dubbelklicka) för att öppna det.", list_page)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        self.model = CaseTableModel(self.service, services.changes, self)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda exc: self.count.setText(
            getattr(exc, "message", "") or "Listan kunde inte läsas."))
        self.table = QTableView(list_page)
        self.table.setObjectName("casesTable")
        self.table.setAccessibleName("Ärenden")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((220, 260, 170, 120, 95, 80)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        enter = QAction("Öppna", self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda _c=False: self.open_selected())
        self.table.addAction(enter)

        self.new_button = QPushButton("&Nytt ärende…", list_page)
        self.new_button.setObjectName("casesNew")
        self.new_button.setToolTip("Öppna ett nytt ärende (Ctrl+N)")
        self.new_button.clicked.connect(self.new_case)
        new = QAction("Nytt ärende", self)
        new.setShortcut(QKeySequence("Ctrl+N"))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(lambda _c=False: self.new_case())
        self.addAction(new)
        self.open_button = QPushButton("Ö&ppna", list_page)
        self.open_button.setObjectName("casesOpen")
        self.open_button.clicked.connect(self.open_selected)
        self.count = QLabel("", list_page)
        self.count.setObjectName("casesCount")
        self.count.setProperty("role", "muted")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        # The global search's results, grouped: "Personer" above, "Ärenden" (the table).
        self.person_results = PersonResults(list_page)
        self.person_results.chosen.connect(self.choose_person)
        self.person_results.hide()
        self.cases_heading = QLabel("", list_page)
        self.cases_heading.setObjectName("casesHeading")
        self.cases_heading.setStyleSheet("font-weight: bold;")
        self.cases_heading.hide()
        self.all_hits = QPushButton("Visa alla träffar", list_page)
        self.all_hits.setObjectName("casesAllHits")
        self.all_hits.clicked.connect(lambda: self.model.set_person(None))
        self.all_hits.hide()
        found = QHBoxLayout()
        found.addWidget(self.cases_heading, 1)
        found.addWidget(self.all_hits)
        layout = QVBoxLayout(list_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.person_results)
        layout.addLayout(found)
        layout.addWidget(self.table, 1)

        self.detail = CaseDetail(services, self.pages)
        self.detail.back_requested.connect(self.show_list)
        back = QAction("Tillbaka", self.detail)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(lambda _c=False: self.show_list())
        self.detail.addAction(back)
        self.pages.addWidget(list_page)
        self.pages.addWidget(self.detail)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.model.requery()

    # -- state ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.model.busy or self.detail.busy

    def rows(self) -> list[CaseRow]:
        return list(self.model.rows)

    def selected_row(self) -> CaseRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select(self, uid: str) -> bool:
        at = self.model.row_of(uid)
        if at is None:
            return False
        self.table.selectRow(at)
        return True

    def _loaded(self) -> None:
        total, searching, person = self.model.total, bool(self.model.text), self.model.person
        hits = "1 träff" if total == 1 else f"{total} träffar"
        self.count.setText(hits if searching or person else f"{total} ärenden")
        self.person_results.setVisible(searching)
        if searching:
            self.person_results.show_hits(self.model.persons)
        self.cases_heading.setVisible(searching or person is not None)
        if person is not None:
            self.cases_heading.setText(f"Ärenden för {person.name} ({total})")
        else:
            self.cases_heading.setText(f"Ärenden ({total})" if total else "Ärenden: inga träffar")
        self.all_hits.setVisible(person is not None and searching)
        if self.selected_row() is None and self.model.rows:
            self.table.selectRow(0)

    def choose_person(self, hit: PersonHit) -> CaseDetail | None:
        """A person found: the one case opens; several are listed; none is said."""
        if len(hit.case_uids) == 1:
            return self.open_case(hit.case_uids[0])
        self.model.set_person(hit)
        if not hit.case_uids:
            self.count.setText(f"{hit.name} finns inte i något ärende")
        self.table.setFocus()
        return None

    # -- hooks ---------------------------------------------------------------------------
    def search(self, text: str) -> None:
        """The global search: persons (by name or number) and cases (by a person's name
        or number, or the case's id), grouped."""
        self.show_list()
        self.model.set_text(text)

    def flush_drafts(self) -> None:
        """The shell's hook before an auto-lock or a close: every open plan window of the
        shown case writes its typing as a draft and then closes without asking, and what is
        typed in the case's own forms is kept as a draft (gui/cases/typing_draft.py)."""
        self.detail.plans_tab.flush_drafts()
        self.detail.flush_drafts()

    # -- navigation ----------------------------------------------------------------------
    def show_list(self) -> None:
        self.pages.setCurrentIndex(0)
        self.table.setFocus()

    def open_selected(self) -> CaseDetail | None:
        row = self.selected_row()
        return self.open_case(row.uid) if row else None

    def open_case(self, uid: str, *, tab: str | None = None) -> CaseDetail:
        """Show the case; `tab` "plans" opens it on its Planer tab (Att göra's plan
        follow-ups), where the plans are sorted by next follow-up, the passed one first."""
        self.pages.setCurrentIndex(1)
        self.detail.open_case(uid)
        pages = {"plans": self.detail.plans_tab}
        if tab in pages:
            self.detail.tabs.setCurrentWidget(pages[tab])
            self.detail.plans_tab.table.setFocus()
        else:
            self.detail.tabs.setFocus()
        return self.detail

    def new_case(self) -> Any:
        from oro_desktop.gui.cases.new_case import NewCaseDialog

        dialog = NewCaseDialog(self.service, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self.open_case)
        dialog.open()
        self.dialog = dialog
        return dialog

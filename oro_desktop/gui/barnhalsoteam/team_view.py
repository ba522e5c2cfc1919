"""The Barnhälsoteam section's widget: teams with members and mandates, their meetings,
and the yearly follow-up (numbers from the recorded meetings, saved as PDF).

Why one widget with tabs: the team is the unit the guideline speaks of (2.1-2.4); its
meetings and its report belong to it. Every read and write goes through
`services.bht` (services/barnhalsoteam.py); the widget refreshes on Change("team" |
"meeting") from the session's change stream.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
    QWidget,
)
from PySide6.QtCore import Qt, QTimer, Signal

from oro_desktop.core.barnhalsoteam.model import LEVEL_LABELS
from oro_desktop.core.barnhalsoteam.roles import ROLE_LABELS
from oro_desktop.gui.barnhalsoteam.meeting_editor import MeetingEditor
from oro_desktop.gui.barnhalsoteam.report_tab import MONTHS, REPORT_DRAFT_KIND, ReportTab
from oro_desktop.gui.barnhalsoteam.team_actions import TeamActions

__all__ = ["MONTHS", "REPORT_DRAFT_KIND", "BhtView", "MeetingEditor"]


class BhtView(ReportTab, TeamActions, QWidget):
    #: A change published on any thread (an import runs on a worker) reaches the widget
    #: on the UI thread through this queued signal.
    changed = Signal(object)

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bht = services.bht
        self.changes = services.changes
        self.teams = QListWidget(self)
        self.teams.setAccessibleName("Barnhälsoteam")
        self.teams.currentRowChanged.connect(self._show_team)
        self.tabs = QTabWidget(self)
        # -- team tab
        team_page = QWidget(self)
        self.team_heading = QLabel(team_page)
        self.team_heading.setWordWrap(True)
        self.members = QTableWidget(0, 4, team_page)
        self.members.setHorizontalHeaderLabels(["Roll", "Namn", "Verksamhet", "Mandat"])
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.notes = QLabel(team_page)
        self.notes.setWordWrap(True)
        self.notes.setObjectName("teamNotes")
        new_team = QPushButton("N&ytt team…", team_page)
        new_team.clicked.connect(self.new_team)
        self.new_member_button = QPushButton("Ny &medlem…", team_page)
        self.new_member_button.clicked.connect(self.new_member)
        self.edit_member_button = QPushButton("Ä&ndra medlem…", team_page)
        self.edit_member_button.clicked.connect(lambda: self.edit_member())
        self.remove_member_button = QPushButton("Ta &bort medlem", team_page)
        self.remove_member_button.clicked.connect(lambda: self.remove_member())
        self.members.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.members.itemSelectionChanged.connect(self._member_actions)
        self.members.doubleClicked.connect(lambda _i: self.edit_member())
        export = QPushButton("&Exportera för flytt…", team_page)
        export.setToolTip("Ett barns material till ett annat barnhälsoteam i länet (riktlinjen 2.10)")
        export.clicked.connect(lambda: self.export_transfer())
        import_ = QPushButton("&Importera överföring…", team_page)
        import_.clicked.connect(self.import_transfer)
        tl = QVBoxLayout(team_page)
        trow = QHBoxLayout()
        trow.addWidget(self.team_heading, 1)
        trow.addWidget(new_team)
        trow.addWidget(self.new_member_button)
        trow.addWidget(self.edit_member_button)
        trow.addWidget(self.remove_member_button)
        tl.addLayout(trow)
        tl.addWidget(self.members, 1)
        tl.addWidget(self.notes)
        xrow = QHBoxLayout()
        xrow.addWidget(QLabel("Barn som flyttar:", team_page))
        xrow.addWidget(export)
        xrow.addWidget(import_)
        xrow.addStretch(1)
        tl.addLayout(xrow)
        # -- meetings tab
        meet_page = QWidget(self)
        self.meetings = QTableWidget(0, 4, meet_page)
        self.meetings.setHorizontalHeaderLabels(["Datum", "Närvarande", "Frågor", "Beslut"])
        header = self.meetings.horizontalHeader()
        for col, mode in ((0, QHeaderView.ResizeMode.ResizeToContents),
                          (1, QHeaderView.ResizeMode.ResizeToContents),
                          (2, QHeaderView.ResizeMode.Stretch),
                          (3, QHeaderView.ResizeMode.Interactive)):
            header.setSectionResizeMode(col, mode)
        self.meetings.setWordWrap(False)  # one line per topic/decision; the tooltip has all
        self.meetings.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.meetings.setColumnWidth(3, 230)
        self.meetings.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        new_meeting = QPushButton("&Nytt möte…", meet_page)
        new_meeting.clicked.connect(self.new_meeting)
        ml = QVBoxLayout(meet_page)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(new_meeting)
        ml.addLayout(row)
        ml.addWidget(self.meetings, 1)
        # -- report tab
        rep_page = QWidget(self)
        self.year = QSpinBox(rep_page)
        self.year.setRange(2000, 2200)
        self.year.setValue(self.bht.today().year)
        self.year.setAccessibleName("År")
        self.year.valueChanged.connect(self.refresh_report)
        self.implemented = QComboBox(rep_page)
        self.implemented.addItem("Ej besvarat", None)
        self.implemented.addItem("Ja", True)
        self.implemented.addItem("Nej", False)
        self.how = QPlainTextEdit(rep_page)
        self.how.setPlaceholderText("Hur har samverkan fungerat?")
        self.effects = QPlainTextEdit(rep_page)
        self.effects.setPlaceholderText("Vilka effekter har samverkan gett?")
        self.improve = QPlainTextEdit(rep_page)
        self.improve.setPlaceholderText("Vad kan förbättras?")
        for w in (self.how, self.effects, self.improve):
            w.setFixedHeight(60)
        self.numbers = QLabel(rep_page)
        self.numbers.setWordWrap(True)
        self.numbers.setObjectName("reportNumbers")
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        save = QPushButton("&Förhandsgranska rapporten…", rep_page)
        save.setToolTip("Visa rapporten som den skrivs ut; skriv ut eller spara som PDF därifrån")
        save.clicked.connect(self.preview_report)
        rl = QVBoxLayout(rep_page)
        top = QHBoxLayout()
        top.addWidget(QLabel("År:", rep_page))
        top.addWidget(self.year)
        top.addWidget(QLabel("Har riktlinjen implementerats?", rep_page))
        top.addWidget(self.implemented)
        top.addStretch(1)
        top.addWidget(save)
        rl.addLayout(top)
        rl.addWidget(self.numbers)
        for text, edit in (("&Hur har det fungerat?", self.how),  # the guideline's section 3
                           ("Vilken &effekt har teamen gett?", self.effects),
                           ("&Vad kan förbättras?", self.improve)):
            label = QLabel(text, rep_page)
            label.setBuddy(edit)
            edit.setAccessibleName(text.replace("&", ""))
            rl.addWidget(label)
            rl.addWidget(edit)
        rl.addStretch(1)
        self.tabs.addTab(team_page, "Team")
        self.tabs.addTab(meet_page, "Möten")
        self.tabs.addTab(rep_page, "Årsuppföljning")
        split = QSplitter(self)
        split.addWidget(self.teams)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._views: list = []
        # The report's answers are typed text: kept as a draft (session.drafts) as typed,
        # so an auto-lock or a crash loses nothing; one draft per team and year.
        self.session_drafts = services.session.drafts
        self._answers_key = ""
        self._answers_timer = QTimer(self)
        self._answers_timer.setSingleShot(True)
        self._answers_timer.setInterval(400)
        self._answers_timer.timeout.connect(self.flush_drafts)
        for w in (self.how, self.effects, self.improve):
            w.textChanged.connect(self._answers_timer.start)
        self.implemented.currentIndexChanged.connect(self._answers_timer.start)
        self.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        unsubscribe = self.changes.subscribe(self.changed.emit, kinds=("team", "meeting"))
        self.destroyed.connect(lambda *_: unsubscribe())
        self.reload()

    # -- data ----------------------------------------------------------------------------
    def _on_change(self, change) -> None:
        if change.kind in ("team", "meeting"):
            self.reload()

    def reload(self) -> None:
        current = self.current_team_uid()
        self._views = self.bht.teams()
        self.teams.blockSignals(True)
        self.teams.clear()
        for v in self._views:
            t = v.team
            item = QListWidgetItem(f"{t.name}\n{t.municipality}{', ' + t.area if t.area else ''}"
                                   + (" · överfört" if v.imported else ""))
            item.setData(Qt.ItemDataRole.UserRole, t.uid)
            self.teams.addItem(item)
        self.teams.blockSignals(False)
        uids = [v.team.uid for v in self._views]
        self.teams.setCurrentRow(uids.index(current) if current in uids else (0 if uids else -1))
        self._show_team(self.teams.currentRow())

    def current_team_uid(self) -> str:
        item = self.teams.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _show_team(self, row: int) -> None:
        if not 0 <= row < len(self._views):
            self.team_heading.setText("Inga barnhälsoteam ännu. Lägg till ett med ”Nytt team…”.")
            self.members.setRowCount(0)
            self.meetings.setRowCount(0)
            self._member_actions()
            return
        t = self._views[row].team
        self.team_heading.setText(f"<b>{t.name}</b> — {t.municipality}"
                                  f"{', ' + t.area if t.area else ''}, bildat "
                                  f"{t.formed_on.isoformat()}")
        self.members.clearSelection()  # a refresh never leaves another member selected
        self.members.setRowCount(len(t.members))
        for i, m in enumerate(t.members):
            for j, text in enumerate((ROLE_LABELS.get(m.role, m.role), m.name, m.organisation,
                                      m.mandate or "Mandat ej angivet")):
                self.members.setItem(i, j, QTableWidgetItem(text))
        self.members.resizeColumnsToContents()
        self._member_actions()
        notes = []
        if t.missing_roles():
            notes.append("Saknas i teamet: " + ", ".join(t.missing_roles()) + ".")
        if t.members_without_mandate():
            notes.append("Mandat ej angivet för: "
                         + ", ".join(m.name for m in t.members_without_mandate()) + ".")
        notes.append("Förskolechefen kallar till mötena. Teamet är en mötesplats för "
                     "professionen; vårdnadshavare och barn deltar inte (riktlinjen 2.6).")
        self.notes.setText(" ".join(notes))
        meetings = self.bht.meetings(team_uid=t.uid)
        labels = self.bht.child_labels(  # the name with its protection mark beside it
            x.discussion.child_uid for m in meetings for x in m.topics if x.identified)
        self.meetings.setRowCount(len(meetings))
        for i, m in enumerate(reversed(meetings)):
            topics = "\n".join(  # a named child first, so its mark is never cut off
                (f"{LEVEL_LABELS[x.level]}, med namn: {labels.get(x.discussion.child_uid, '')}"
                 f" – {x.text}") if x.identified else f"{LEVEL_LABELS[x.level]}: {x.text}"
                for x in m.topics)
            decisions = "\n".join(("SIP: " if d.kind == "initiera_sip" else "") + d.text
                                  for d in m.decisions)
            for j, text in enumerate((m.date.isoformat(),
                                      "\n".join(ROLE_LABELS[r] for r in m.roles_present),
                                      topics, decisions)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.meetings.setItem(i, j, item)
        self.meetings.resizeRowsToContents()
        self.refresh_report()

"""Nytt möte: date, who attended (by role), topics by level, decisions, follow-up.

Why the identified/de-identified choice is explicit per topic: a child at the individual
level is de-identified unless the user picks "med namn" and the child's consent allows
it (in force on the meeting date, covering every role present). "Kontrollera" asks the
service before saving; a refusal is shown with its reasons, and "Avidentifiera" switches
the topic to the de-identified way (the summary is kept; the child link is dropped).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QPlainTextEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from oro_desktop.core.barnhalsoteam import (
    DECISION, INITIATE_SIP, Attendee, Decision, DeidentifiedDiscussion, FollowUp,
)
from oro_desktop.core.barnhalsoteam.model import LEVEL_LABELS
from oro_desktop.core.barnhalsoteam.roles import ROLE_LABELS
from oro_desktop.errors import OroError
from oro_desktop.gui.barnhalsoteam.situation import SituationPanel
from oro_desktop.gui.date_fields import date_edit, error_label, to_date
from oro_desktop.services.barnhalsoteam import NamedChild, TopicInput

NO_NAME = ("Skriv inte barns namn eller personnummer i fråga, beskrivning, beslut eller "
           "uppföljning: ett nummer stoppas, ett namn kan programmet inte upptäcka.")


class MeetingEditor(QDialog):
    """`submit()` records the meeting (tests call it; the dialog is opened with open())."""

    def __init__(self, bht, team_uid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bht, self.team_uid = bht, team_uid
        self.topics: list[TopicInput] = []
        self.saved_uid = ""
        self.setWindowTitle("Nytt möte i barnhälsoteamet")
        self.setMinimumWidth(640)
        today = bht.today()
        self.day = date_edit(self, today, latest=today, name="Mötesdatum")
        self.roles: dict[str, QCheckBox] = {}
        present = QGroupBox("Närvarande (per yrkesroll; vårdnadshavare och barn deltar inte)", self)
        grid = QVBoxLayout(present)
        for role, label in ROLE_LABELS.items():
            box = QCheckBox(label, present)
            box.setChecked(role in ("forskolechef", "socialtjanst", "bhv_sjukskoterska"))
            self.roles[role] = box
            grid.addWidget(box)
        # -- one topic being written
        topic = QGroupBox("Fråga", self)
        topic_layout = QVBoxLayout(topic)
        form = QFormLayout()
        topic_layout.addLayout(form)
        self.topic_text = QLineEdit(topic)
        self.topic_text.setAccessibleName("Fråga")
        self.level = QComboBox(topic)
        for key, label in LEVEL_LABELS.items():
            self.level.addItem(label, key)
        self.level.currentIndexChanged.connect(self._level_changed)
        self.deidentified = QRadioButton("Avidentifierat (rekommenderas)", topic)
        self.identified = QRadioButton("Med namn (kräver samtycke)", topic)
        self.deidentified.setChecked(True)
        self.identified.toggled.connect(self._mode_changed)
        self.child = QLineEdit(topic)
        self.child.setPlaceholderText("Barnets personnummer")
        self.child.setAccessibleName("Barnets personnummer")
        self.summary = QPlainTextEdit(topic)
        self.summary.setAccessibleName("Beskrivning")
        self.summary.setFixedHeight(70)
        self.hint = QLabel(NO_NAME, topic)
        self.hint.setWordWrap(True)
        self.verdict = QLabel(topic)
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("identificationVerdict")
        self.verdict.setStyleSheet("color: #7a1015;")
        self.situation = SituationPanel(bht, topic)
        self.situation.changed.connect(lambda _s: self.check())
        check = QPushButton("&Kontrollera samtycket", topic)
        check.clicked.connect(self.check)
        self.to_deidentified = QPushButton("&Avidentifiera i stället", topic)
        self.to_deidentified.clicked.connect(lambda: self.deidentified.setChecked(True))
        self.to_deidentified.setVisible(False)
        add = QPushButton("&Lägg till frågan", topic)
        add.clicked.connect(self.add_topic)
        mode = QHBoxLayout()
        mode.addWidget(self.deidentified)
        mode.addWidget(self.identified)
        buttons = QHBoxLayout()
        buttons.addWidget(check)
        buttons.addWidget(self.to_deidentified)
        buttons.addStretch(1)
        buttons.addWidget(add)
        form.addRow("&Fråga:", self.topic_text)
        form.addRow("&Nivå:", self.level)
        form.addRow("Barnet:", mode)
        form.addRow("", self.child)
        form.addRow("&Beskrivning:", self.summary)
        topic_layout.addWidget(self.hint)
        topic_layout.addWidget(self.verdict)
        topic_layout.addWidget(self.situation)
        topic_layout.addLayout(buttons)
        self.topic_list = QListWidget(self)
        self.topic_list.setAccessibleName("Frågor på mötet")
        self.topic_list.setFixedHeight(80)
        self.decision = QLineEdit(self)
        self.decision.setAccessibleName("Beslut")
        self.sip = QCheckBox("Beslutet är att initiera en SIP (teamet är inget SIP-forum)", self)
        self.follow_up = QLineEdit(self)
        self.follow_up.setAccessibleName("Uppföljning")
        self.error = error_label(self)
        save = QPushButton("&Spara mötet", self)
        save.setDefault(True)
        save.clicked.connect(self.submit)
        cancel = QPushButton("Avbryt", self)
        cancel.clicked.connect(self.reject)
        top = QFormLayout()
        top.addRow("&Datum:", self.day)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(present)
        layout.addWidget(topic)
        layout.addWidget(QLabel("Frågor på mötet:", self))
        layout.addWidget(self.topic_list)
        extra = QFormLayout()
        extra.addRow("B&eslut:", self.decision)
        extra.addRow("", self.sip)
        extra.addRow("&Uppföljning:", self.follow_up)
        layout.addLayout(extra)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(save)
        row.addWidget(cancel)
        layout.addLayout(row)
        self._level_changed()

    # -- state ---------------------------------------------------------------------------
    def _level_changed(self) -> None:
        individual = self.level.currentData() == "individual"
        for w in (self.deidentified, self.identified, self.summary):
            w.setEnabled(individual)
        self._mode_changed()

    def _mode_changed(self) -> None:
        named = self.identified.isChecked() and self.level.currentData() == "individual"
        self.child.setEnabled(named)
        self.hint.setVisible(not named)
        if not named:
            self.verdict.clear()
            self.to_deidentified.setVisible(False)
            self.situation.clear()

    def _fit(self) -> None:
        """Grow to show the whole verdict (a wrapped label needs its height)."""
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def attendees(self) -> list[Attendee]:
        return [Attendee(role) for role, box in self.roles.items() if box.isChecked()]

    def meeting_date(self) -> date:
        return to_date(self.day)

    # -- actions -------------------------------------------------------------------------
    def check(self) -> bool:
        """Ask whether the child may be named; shows the verdict (and the way out)."""
        try:
            uid = self.bht.child_uid_for(self.child.text())
            result = self.bht.check_identified(uid, self.meeting_date(),
                                               [a.role for a in self.attendees()])
        except OroError as exc:
            self.verdict.setText(str(exc))
            self.to_deidentified.setVisible(True)
            self.situation.clear()
            self._fit()
            return False
        self.situation.show_child(uid)  # LVU, familjehem, skyddad, papperslös (2.8-2.9)
        if result.allowed:
            self.verdict.setText("Samtycket gäller mötesdagen och täcker alla närvarande.")
        else:
            self.verdict.setText(result.message)
        self.to_deidentified.setVisible(not result.allowed)
        self._fit()
        return result.allowed

    def _current_topic(self) -> TopicInput:
        level = str(self.level.currentData())
        text = self.topic_text.text().strip()
        summary = self.summary.toPlainText().strip()
        if level != "individual" or not summary:
            return TopicInput(text, level)
        if self.identified.isChecked():
            if not self.check():
                raise OroError(self.verdict.text())
            return TopicInput(text, level, NamedChild(self.bht.child_uid_for(self.child.text()),
                                                      summary))
        return TopicInput(text, level, DeidentifiedDiscussion(summary))

    def add_topic(self) -> bool:
        try:
            topic = self._current_topic()
            from oro_desktop.core.barnhalsoteam import Topic
            from oro_desktop.core.barnhalsoteam.no_identity import refuse_identity_number
            if not isinstance(topic.child, NamedChild):
                Topic(topic.text, topic.level, topic.child)  # validate now, not at save
                refuse_identity_number(topic.text, "Frågan")
        except OroError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            self._fit()
            return False
        self.topics.append(topic)
        mark = {NamedChild: " · med namn", DeidentifiedDiscussion: " · avidentifierat"}.get(
            type(topic.child), "")
        self.topic_list.addItem(f"{LEVEL_LABELS[topic.level]}: {topic.text}{mark}")
        self.topic_text.clear()
        self.summary.clear()
        self.child.clear()
        self.deidentified.setChecked(True)
        self.error.setVisible(False)
        return True

    def submit(self) -> bool:
        decisions = []
        if self.decision.text().strip():
            decisions.append(Decision(self.decision.text().strip(),
                                      INITIATE_SIP if self.sip.isChecked() else DECISION))
        follow = FollowUp(self.follow_up.text().strip()) if self.follow_up.text().strip() else None
        try:
            self.saved_uid = self.bht.record_meeting(
                self.team_uid, self.meeting_date(), self.attendees(), self.topics, decisions,
                follow)
        except OroError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            self._fit()
            return False
        self.accept()
        return True

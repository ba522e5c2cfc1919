"""The situation a clinician asks guidance for, as controls: one per input of the engine.

Why each parent has a control of their own: one parent can neither give nor refuse
consent for the other (Kronoberg), so a newborn's two parents get two independent
groups of radio buttons; nothing here copies one answer to the other. `situation()`
returns the same plain data `oro-admin guide --situation` reads, so the engine checks
it exactly as it checks a file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget,
)

from oro_desktop.core.guidance import Guideline, validity
from oro_desktop.gui.guidance.choices import guideline_label

ANSWERS = (("not_asked", "Inte tillfrågad"), ("yes", "Ja"), ("no", "Nej"))
PARENTS = ("Förälder 1", "Förälder 2")
SECTOR_WORDS = {"healthcare": "hälso- och sjukvård", "social_services": "socialtjänst"}


class ConsentAnswer(QGroupBox):
    """One person's own answer: not asked / yes / no (an exclusive group of its own)."""

    changed = Signal()

    def __init__(self, person: str, mnemonic: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Samtycke: {mnemonic}", parent)
        self.person = person
        self.setObjectName(f"consent_{person}")
        self.setAccessibleName(f"Samtycke från {person}")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        for value, text in ANSWERS:
            button = QRadioButton(text, self)
            button.setObjectName(f"answer_{person}_{value}")
            button.setAccessibleName(f"{person}: {text.lower()}")
            self.group.addButton(button)
            self.buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.buttons["not_asked"].setChecked(True)
        self.group.buttonToggled.connect(lambda _b, on: on and self.changed.emit())

    def answer(self) -> str:
        return next(v for v, b in self.buttons.items() if b.isChecked())

    def set_answer(self, value: str) -> None:
        self.buttons[value].setChecked(True)


class SituationForm(QWidget):
    """Guideline, municipality, initiator, consents, violence, birth and time."""

    changed = Signal()

    def __init__(self, guidelines: Sequence[Guideline], municipalities: Callable[[Guideline], list[str]],
                 *, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("situationForm")
        self.setAccessibleName("Situationen")
        self._guidelines = list(guidelines)
        self._municipalities = municipalities
        self._now = now
        self._quiet = False
        self.answers: list[ConsentAnswer] = []

        self.guideline_combo = QComboBox(self)
        self.guideline_combo.setObjectName("guidelineCombo")
        self.guideline_combo.setAccessibleName("Riktlinje")
        today = now().date()
        for g in self._guidelines:
            self.guideline_combo.addItem(guideline_label(g, today), g.id)
            self.guideline_combo.setItemData(self.guideline_combo.count() - 1, g.title, 3)  # tooltip
        self.municipality_combo = QComboBox(self)
        self.municipality_combo.setMaxVisibleItems(20)
        self.municipality_combo.setObjectName("municipalityCombo")
        self.municipality_combo.setAccessibleName("Kommun")
        self.party_combo = QComboBox(self)
        self.party_combo.setObjectName("initiatorCombo")
        self.party_combo.setAccessibleName("Vem tar initiativet")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("initiatorName")
        self.name_edit.setAccessibleName("Verksamhetens namn")
        self.name_edit.setMaxLength(120)
        self.name_edit.setPlaceholderText("t.ex. BB-avdelningen, Växjö")
        self.public_radio = QRadioButton("O&ffentlig regi", self)
        self.public_radio.setObjectName("initiatorPublic")
        self.public_radio.setAccessibleName("Verksamheten drivs i offentlig regi")
        self.private_radio = QRadioButton("Privat vår&dgivare", self)
        self.private_radio.setObjectName("initiatorPrivate")
        self.private_radio.setAccessibleName("Verksamheten är en privat vårdgivare")
        self.ownership = QButtonGroup(self)
        self.ownership.addButton(self.public_radio)
        self.ownership.addButton(self.private_radio)
        self.public_radio.setChecked(True)
        ownership_row = QHBoxLayout()
        ownership_row.setContentsMargins(0, 0, 0, 0)
        ownership_row.addWidget(self.public_radio)
        ownership_row.addWidget(self.private_radio)
        ownership_row.addStretch(1)

        self.answers_box = QVBoxLayout()
        self.answers_box.setContentsMargins(0, 0, 0, 0)
        self.answers_box.setSpacing(4)

        self.violence_check = QCheckBox("&Gäller våld eller hedersrelaterat våld", self)
        self.violence_check.setObjectName("violenceCheck")
        self.violence_check.setAccessibleName("Kontakten gäller våld i nära relation eller hedersrelaterat våld")
        self.part_check = QCheckBox("Föräldern är delaktig i a&nmälan", self)
        self.part_check.setObjectName("parentTakesPart")
        self.part_check.setAccessibleName("Föräldern är delaktig i anmälan")
        self.part_check.setEnabled(False)
        self.born_check = QCheckBox("&Barnet är fött", self)
        self.born_check.setObjectName("childBorn")
        self.born_check.setAccessibleName("Barnet är fött")

        self.now_check = QCheckBox("&Tid: nu", self)
        self.now_check.setObjectName("useNow")
        self.now_check.setAccessibleName("Använd tiden just nu")
        self.now_check.setChecked(True)
        self.time_edit = QDateTimeEdit(self)
        self.time_edit.setObjectName("situationTime")
        self.time_edit.setAccessibleName("Tidpunkt för kontakten")
        self.time_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.time_edit.setCalendarPopup(True)
        self.time_edit.setDateTime(QDateTime(now().replace(second=0, microsecond=0)))
        self.time_edit.setEnabled(False)
        time_row = QHBoxLayout()
        time_row.setContentsMargins(0, 0, 0, 0)
        time_row.addWidget(self.now_check)
        time_row.addWidget(self.time_edit, 1)

        for combo in (self.guideline_combo, self.municipality_combo, self.party_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        form.addRow(self._label("R&iktlinje:", self.guideline_combo), self.guideline_combo)
        self.validity_label = QLabel("", self)
        self.validity_label.setObjectName("guidelineValidity")
        self.validity_label.setWordWrap(True)
        form.addRow(self.validity_label)
        form.addRow(self._label("&Kommun:", self.municipality_combo), self.municipality_combo)
        form.addRow(self._label("Vem tar initiativ&et:", self.party_combo), self.party_combo)
        form.addRow(self._label("Verksamhetens na&mn:", self.name_edit), self.name_edit)
        form.addRow(ownership_row)
        form.addRow(self.answers_box)
        form.addRow(self.violence_check)
        form.addRow(self.part_check)
        form.addRow(self.born_check)
        form.addRow(time_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addStretch(1)

        self.guideline_combo.currentIndexChanged.connect(lambda _i: self._guideline_changed())
        self.guideline_combo.currentTextChanged.connect(self.guideline_combo.setToolTip)
        self.party_combo.currentIndexChanged.connect(lambda _i: self._party_changed())
        for signal in (self.municipality_combo.currentIndexChanged, self.name_edit.textChanged,
                       self.public_radio.toggled, self.born_check.toggled, self.part_check.toggled,
                       self.time_edit.dateTimeChanged):
            signal.connect(lambda *_: self._emit())
        self.violence_check.toggled.connect(self._violence_toggled)
        self.now_check.toggled.connect(self._now_toggled)
        self._guideline_changed()
        self.guideline_combo.setToolTip(self.guideline_combo.currentText())

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    # -- what changes with the guideline ------------------------------------------------
    def guideline(self) -> Guideline:
        return self._guidelines[max(0, self.guideline_combo.currentIndex())]

    def select_guideline(self, guideline_id: str) -> bool:
        index = self.guideline_combo.findData(guideline_id)
        if index >= 0:
            self.guideline_combo.setCurrentIndex(index)
        return index >= 0

    def _guideline_changed(self) -> None:
        g = self.guideline()
        self._quiet = True
        try:
            self.municipality_combo.clear()
            self.municipality_combo.addItems(self._municipalities(g))
            self.party_combo.clear()
            for party_id in g.initiators:
                party = next(p for p in g.parties if p.id == party_id)
                self.party_combo.addItem(f"{party.name} ({SECTOR_WORDS.get(party.sector, party.sector)})",
                                         party.sector)
            self._party_changed()
            for box in self.answers:
                self.answers_box.removeWidget(box)
                box.hide()
                box.deleteLater()
            if g.consent_subject == "each_parent":
                people = [(p, p.replace(" ", " &")) for p in PARENTS]  # "Förälder &1"
            else:
                label = g.person_label[:1].upper() + g.person_label[1:]
                people = [(label, "&" + label)]
            self.answers = [ConsentAnswer(person, mnemonic, self) for person, mnemonic in people]
            for box in self.answers:
                box.changed.connect(self._emit)
                self.answers_box.addWidget(box)
                box.show()
            valid = validity(g, self._now().date())
            flagged = valid.expired or valid.expires_soon
            self.validity_label.setText(valid.text if flagged else "")
            self.validity_label.setProperty("role", "warning")
            self.validity_label.setAccessibleName(valid.text)
            self.validity_label.setVisible(flagged)
            newborn = g.situation == "newborn"
            self.born_check.setChecked(newborn)
            self.born_check.setEnabled(not newborn)
            self._fix_tab_order()
        finally:
            self._quiet = False
        self.changed.emit()

    def _party_changed(self) -> None:
        g = self.guideline()
        sector = self.party_combo.currentData()
        party = next((p for p in g.parties if p.sector == sector), None)
        self.name_edit.setPlaceholderText(party.name if party else "")
        self._emit()

    def _violence_toggled(self, on: bool) -> None:
        self.part_check.setEnabled(on)
        if not on:
            self.part_check.setChecked(False)
        self._emit()

    def _now_toggled(self, on: bool) -> None:
        self.time_edit.setEnabled(not on)
        if on:
            self.time_edit.setDateTime(QDateTime(self._now().replace(second=0, microsecond=0)))
        self._emit()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.guideline_combo, self.municipality_combo, self.party_combo,
                                self.name_edit, self.public_radio, self.private_radio]
        for box in self.answers:
            chain += list(box.buttons.values())
        chain += [self.violence_check, self.part_check, self.born_check, self.now_check, self.time_edit]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- the situation ------------------------------------------------------------------
    def at(self) -> datetime:
        if self.now_check.isChecked():
            return self._now().replace(second=0, microsecond=0)
        return self.time_edit.dateTime().toPython().replace(second=0, microsecond=0)

    def situation(self) -> dict[str, Any]:
        """The plain data the engine reads (see docs/guidance.md), one answer per person."""
        g = self.guideline()
        sector = self.party_combo.currentData() or "healthcare"
        party = next((p for p in g.parties if p.sector == sector), None)
        name = self.name_edit.text().strip() or (party.name if party else "Verksamheten")
        return {
            "guideline": g.id,
            "municipality": self.municipality_combo.currentText(),
            "initiator": {"kind": sector, "name": name, "public": self.public_radio.isChecked()},
            "consents": {box.person: box.answer() for box in self.answers},
            "at": f"{self.at():%Y-%m-%d %H:%M}",
            "violence": self.violence_check.isChecked(),
            "parent_takes_part": self.part_check.isChecked(),
            "child_born": self.born_check.isChecked(),
        }

    def answer_box(self, person: str) -> ConsentAnswer:
        return next(b for b in self.answers if b.person == person)

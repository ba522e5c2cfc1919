"""The small inline forms of the case view: a person, a consent answer, a disclosure,
"Barnet är fött". Plain widgets that collect input; the case view calls the service.

Why inline rather than dialogs: each form sits in its own tab next to what it adds to,
so a clinician sees the list change as the entry is saved, and nothing is modal (the
auto-lock destroys the section widgets; an open modal dialog would block it).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit,
    QPushButton, QWidget,
)

from oro_desktop.core.cases import Role
from oro_desktop.core.identity import IdentityNumber, missing, parse_number
from oro_desktop.errors import InvalidInput
from oro_desktop.services.case_views import PersonInput

KINDS = ("barnmorskemottagning", "BVC", "BB", "socialtjänsten")
ADDABLE_ROLES = (Role.PREGNANT, Role.PARTNER, Role.GUARDIAN, Role.RELATIVE)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def date_edit(parent: QWidget, today: date, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(qdate(today))
    edit.setMaximumDate(qdate(today))
    return edit


def line(parent: QWidget, name: str, placeholder: str = "", accessible: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(accessible or placeholder)
    edit.setMaxLength(2000)
    return edit


def identity_of(number: str, today: date) -> IdentityNumber:
    """A typed personnummer, or "saknas" with the reason typed instead of a number."""
    text = number.strip()
    if not text:
        raise InvalidInput("Ange personnummer, eller skriv varför det saknas i fältet.")
    if any(c.isdigit() for c in text):
        return parse_number(text[:20], today)  # InvalidInput with one Swedish line
    return missing(text[:100])


class PersonForm(QGroupBox):
    """Lägg till en person i en roll."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Lägg till person", parent)
        self.setObjectName("casePersonForm")
        self.role = QComboBox(self)
        self.role.setObjectName("casePersonRole")
        self.role.setAccessibleName("Roll")
        for role in ADDABLE_ROLES:
            self.role.addItem(role.label, role.value)
        self.name = line(self, "casePersonName", "För- och efternamn", "Namn")
        self.number = line(self, "casePersonNumber", "ÅÅÅÅMMDD-NNNN, eller varför det saknas",
                           "Personnummer")
        self.protected = QCheckBox("Skyddade personuppgifter (adressen visas aldrig)", self)
        self.protected.setObjectName("casePersonProtected")
        self.address = line(self, "casePersonAddress", "Adress", "Adress")
        self.phone = line(self, "casePersonPhone", "Telefon", "Telefon")
        self.protected.toggled.connect(lambda on: self.address.setEnabled(not on))
        self.add = QPushButton("Lägg till", self)
        self.add.setObjectName("casePersonAdd")
        form = QFormLayout(self)
        form.addRow("Roll:", self.role)
        form.addRow("Namn:", self.name)
        form.addRow("Personnummer:", self.number)
        form.addRow("", self.protected)
        contact = QHBoxLayout()
        contact.addWidget(self.address, 2)
        contact.addWidget(self.phone, 1)
        form.addRow("Adress, telefon:", contact)
        form.addRow("", self.add)

    def value(self, today: date) -> tuple[str, PersonInput]:
        name = self.name.text().strip()
        if not name:
            raise InvalidInput("Ange personens namn.")
        protected = self.protected.isChecked()
        return str(self.role.currentData()), PersonInput(
            name=name, identity=identity_of(self.number.text(), today),
            address="" if protected else self.address.text(), phone=self.phone.text(),
            protected=protected)

    def clear(self) -> None:
        for edit in (self.name, self.number, self.address, self.phone):
            edit.clear()
        self.protected.setChecked(False)


class ConsentForm(QGroupBox):
    """Anteckna en persons eget svar (ja/nej, skriftligt/muntligt)."""

    def __init__(self, today: date, user: str, parent: QWidget | None = None) -> None:
        super().__init__("Anteckna svar på frågan om samtycke", parent)
        self.setObjectName("caseConsentForm")
        self.person = QComboBox(self)
        self.person.setObjectName("consentPerson")
        self.person.setAccessibleName("Vems svar")
        self.answer = QComboBox(self)
        self.answer.setObjectName("consentAnswer")
        self.answer.setAccessibleName("Svar")
        self.answer.addItem("Ja, samtycker", "yes")
        self.answer.addItem("Nej, samtycker inte", "no")
        self.manner = QComboBox(self)
        self.manner.setObjectName("consentManner")
        self.manner.setAccessibleName("Hur svaret lämnades")
        self.manner.addItem("Skriftligt (undertecknat)", "written")
        self.manner.addItem("Muntligt (dokumenterat)", "oral")
        self.asked_on = date_edit(self, today, "consentAskedOn")
        self.asked_on.setAccessibleName("Tillfrågad datum")
        self.asked_by = line(self, "consentAskedBy", "Vem ställde frågan", "Vem ställde frågan")
        self.asked_by.setText(user)
        self.function = line(self, "consentFunction", "t.ex. Barnmorska, BVC-sjuksköterska",
                             "Funktion")
        self.content = line(self, "consentContent", "Vilka uppgifter samtycket gäller",
                            "Vad som får lämnas")
        self.said = line(self, "consentSaid", "Vid muntligt svar: vad som sades",
                         "Vad som sades")
        self.save = QPushButton("Anteckna svaret", self)
        self.save.setObjectName("consentSave")
        self.print_button = QPushButton("Skriv ut blanketten för underskrift…", self)
        self.print_button.setObjectName("consentPrint")
        self.print_button.setToolTip("Regionens blankett ifylld för personen; svar och "
                                     "underskrift görs på papperet, sedan antecknas svaret här")
        self.manner.currentIndexChanged.connect(lambda _i: self._manner_changed())
        self._manner_changed()
        form = QFormLayout(self)
        form.addRow("Person:", self.person)
        row = QHBoxLayout()
        row.addWidget(self.answer, 1)
        row.addWidget(self.manner, 1)
        form.addRow("Svar och sätt:", row)
        form.addRow("Tillfrågad den:", self.asked_on)
        who = QHBoxLayout()
        who.addWidget(self.asked_by)
        who.addWidget(self.function)
        form.addRow("Frågan ställd av:", who)
        form.addRow("Gäller:", self.content)
        form.addRow("Vad som sades:", self.said)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        form.addRow("", buttons)

    def _manner_changed(self) -> None:
        self.said.setEnabled(self.manner.currentData() == "oral")
        self.print_button.setEnabled(self.manner.currentData() == "written")

    def set_persons(self, persons: list[tuple[str, str]]) -> None:
        """(uid, label) of the persons who answer for themselves."""
        keep = self.person.currentData()
        self.person.clear()
        for uid, label in persons:
            self.person.addItem(label, uid)
        at = self.person.findData(keep)
        if at >= 0:
            self.person.setCurrentIndex(at)
        self.setEnabled(bool(persons))

    def select_person(self, uid: str) -> None:
        self.person.setCurrentIndex(max(0, self.person.findData(uid)))

    def values(self) -> dict[str, object]:
        uid = self.person.currentData()
        if not uid:
            raise InvalidInput("Lägg först till personen som ska svara.")
        return {"person_uid": uid, "answer": self.answer.currentData(),
                "manner": self.manner.currentData(), "asked_on": pydate(self.asked_on),
                "asked_by": self.asked_by.text(), "function": self.function.text(),
                "content": self.content.text(),
                "said": self.said.text() if self.manner.currentData() == "oral" else ""}


def print_values(form: ConsentForm) -> dict[str, object]:
    """What printing the consent form for a signature needs of the consent form's fields."""
    values = form.values()
    return {k: values[k] for k in ("person_uid", "asked_by", "function", "content")}


class PartyRow(QWidget):
    """One party of a disclosure: unit name, kind of unit, public or private."""

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = line(self, f"{prefix}Name", "Enhetens namn", "Enhet")
        self.kind = QComboBox(self)
        self.kind.setObjectName(f"{prefix}Kind")
        self.kind.setAccessibleName("Typ av verksamhet")
        self.kind.setEditable(True)
        self.kind.addItems(KINDS)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(8)
        self.public = QComboBox(self)
        self.public.setObjectName(f"{prefix}Public")
        self.public.setAccessibleName("Offentlig eller privat")
        self.public.addItem("Offentlig", True)
        self.public.addItem("Privat", False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name, 2)
        row.addWidget(self.kind, 1)
        row.addWidget(self.public)


class DisclosureForm(QGroupBox):
    """Anteckna ett uppgiftslämnande utan samtycke."""

    def __init__(self, today: date, user: str, parent: QWidget | None = None) -> None:
        super().__init__("Anteckna uppgiftslämnande utan samtycke", parent)
        self.setObjectName("caseDisclosureForm")
        self.on = date_edit(self, today, "disclosureDate")
        self.on.setAccessibleName("Datum")
        self.sender = PartyRow("disclosureFrom", self)
        self.recipient = PartyRow("disclosureTo", self)
        self.recipient.kind.setCurrentText("socialtjänsten")
        self.basis = QComboBox(self)
        self.basis.setObjectName("disclosureBasis")
        self.basis.setAccessibleName("Lagrum")
        self.content = line(self, "disclosureContent", "Vad som lämnades (bara det som behövs)",
                            "Vad som lämnades")
        self.decided_by = line(self, "disclosureDecidedBy", "Vem beslutade", "Vem beslutade")
        self.decided_by.setText(user)
        self.before_on = date_edit(self, today, "disclosureBeforeOn")
        self.before_on.setAccessibleName("Informerad före, datum")
        self.before = line(self, "disclosureBefore", "Vad personen fick veta före kontakten",
                           "Informerad före, vad")
        self.exemption = QCheckBox("Undantag: anmälan om våld, föräldern ej delaktig", self)
        self.exemption.setToolTip("Orosanmälan om våld eller hedersrelaterat våld som föräldern "
                                  "inte är delaktig i: personen informeras inte.")
        self.exemption.setObjectName("disclosureExemption")
        self.exemption_reason = line(self, "disclosureExemptionReason", "Skälet för undantaget",
                                     "Skälet för undantaget")
        self.exemption.toggled.connect(lambda _on: self._exemption_changed())
        self.save = QPushButton("Anteckna uppgiftslämnandet", self)
        self.save.setObjectName("disclosureSave")
        form = QFormLayout(self)
        form.addRow("Datum:", self.on)
        form.addRow("Från:", self.sender)
        form.addRow("Till:", self.recipient)
        form.addRow("Lagrum:", self.basis)
        form.addRow("Vad lämnades:", self.content)
        form.addRow("Beslutat av:", self.decided_by)
        before = QHBoxLayout()
        before.addWidget(self.before_on)
        before.addWidget(self.before, 1)
        form.addRow("Informerad före:", before)
        form.addRow("", self.exemption)
        form.addRow("Skäl:", self.exemption_reason)
        form.addRow("", self.save)
        self._exemption_changed()

    def _exemption_changed(self) -> None:
        on = self.exemption.isChecked()
        self.exemption_reason.setEnabled(on)
        self.before_on.setEnabled(not on)
        self.before.setEnabled(not on)

    def set_bases(self, bases: list[tuple[str, str]], exemption_allowed: bool) -> None:
        keep = self.basis.currentData()
        self.basis.clear()
        for ref, label in bases:
            self.basis.addItem(label, ref)
        at = self.basis.findData(keep)
        if at >= 0:
            self.basis.setCurrentIndex(at)
        was_allowed = getattr(self, "_exemption_offered", False)
        self._exemption_offered = exemption_allowed
        self.exemption.setVisible(exemption_allowed)
        self.exemption_reason.setVisible(exemption_allowed)
        if not exemption_allowed:
            self.exemption.setChecked(False)
        elif not was_allowed:  # the case now records a violence report: the default
            self.exemption.setChecked(True)
            if not self.exemption_reason.text():
                self.exemption_reason.setText("Orosanmälan om misstänkt våld eller hedersrelaterat "
                                              "våld; föräldern är inte delaktig i kontakten.")

    def values(self) -> dict[str, object]:
        from oro_desktop.services.disclosures import Party

        values: dict[str, object] = {
            "disclosed_on": pydate(self.on),
            "sender": Party(self.sender.name.text(), self.sender.kind.currentText(),
                            bool(self.sender.public.currentData())),
            "recipient": Party(self.recipient.name.text(), self.recipient.kind.currentText(),
                               bool(self.recipient.public.currentData())),
            "legal_basis": str(self.basis.currentData() or ""),
            "content": self.content.text(), "decided_by": self.decided_by.text(),
        }
        if self.exemption.isChecked():
            values.update(exemption="vald", exemption_reason=self.exemption_reason.text())
        else:
            values.update(told_before_on=pydate(self.before_on), told_before=self.before.text())
        return values

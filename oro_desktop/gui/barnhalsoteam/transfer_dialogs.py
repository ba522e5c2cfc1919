"""Transfer on moving (guideline 2.10) in the app: export for the new team, import.

Why this shape: the rule (services.bht.may_export) is asked before anything else, so a
Nej, an expired, a revoked or a half-signed consent is refused with its reason and no
file dialog is even offered. The one-time passphrase is shown once, large and in groups
of four, with the instruction to read it to the receiving team by phone (never in the
same e-mail or on the same stick as the file). The guideline's notices for the child are
shown before the export (a protected child: social services should tell the police of
the move). Both directions run on a worker (gui/tasks.py): the Argon2id key derivation
takes a noticeable moment. An import refused (wrong passphrase, damaged file, the same
file twice) is one Swedish line and has imported nothing (the service's transaction).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QStackedWidget, QVBoxLayout, QWidget,
)

from oro_desktop.errors import OroError
from oro_desktop.gui.a11y import busy_bar
from oro_desktop.gui.barnhalsoteam.situation import SituationPanel
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.tasks import run_task

RED = "color: #7a1015;"
READ_ALOUD = ("Läs upp lösenfrasen för det mottagande barnhälsoteamet <b>per telefon</b>. "
              "Den visas bara nu och sparas ingenstans. Skicka den aldrig tillsammans med "
              "filen (inte i samma e-post, inte på samma minne).")


def fit(dialog: QDialog) -> None:
    """Grow to show what was just filled in (wrapped labels need their height)."""
    dialog.layout().activate()
    dialog.resize(max(dialog.width(), dialog.sizeHint().width()),
                  max(dialog.height(), dialog.sizeHint().height()))


def passphrase_groups(passphrase: str) -> list[str]:
    """The passphrase as the groups it is read aloud in ("K7QA", "MX3T", ...)."""
    return [g for g in passphrase.replace(" ", "-").split("-") if g]


class ExportTransferDialog(QDialog):
    """Exportera för flytt… for one child (`child_uid`), or for a child found by number."""

    exported = Signal(object)

    def __init__(self, bht, child_uid: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bht = bht
        self.child_uid = ""
        self.allowed = False
        self.outcome = None
        self._task = None
        self.setWindowTitle("Exportera för flytt till annat barnhälsoteam")
        self.setMinimumWidth(620)
        self.pages = QStackedWidget(self)
        # -- page 1: the child, the notices, the verdict
        ask = QWidget(self)
        self.number = QLineEdit(ask)
        self.number.setAccessibleName("Barnets personnummer")
        self.number.setPlaceholderText("ÅÅÅÅMMDD-NNNN")
        find = QPushButton("&Hämta barnet", ask)
        find.clicked.connect(lambda: self.choose_child(self.number.text()))
        self.number.returnPressed.connect(find.click)
        row = QHBoxLayout()
        row.addWidget(QLabel("Barnets personnummer:", ask))
        row.addWidget(self.number, 1)
        row.addWidget(find)
        self.number_row = QWidget(ask)
        self.number_row.setLayout(row)
        intro = QLabel("Riktlinjen 2.10: när barnet flyttar till en annan kommun i länet förs "
                       "materialet över till den kommunens barnhälsoteam, om vårdnadshavarna "
                       "har svarat Ja i samtycket och samtycket gäller.", ask)
        intro.setWordWrap(True)
        self.situation = SituationPanel(bht, ask, moving=True)
        self.verdict = QLabel(ask)
        self.verdict.setObjectName("transferVerdict")
        self.verdict.setWordWrap(True)
        self.busy = busy_bar(self, object_name="transferBusy", accessible_name="Krypterar, vänta")
        self.export_button = QPushButton("&Välj fil och exportera…", ask)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_file)
        close = QPushButton("Avbryt", ask)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        al = QVBoxLayout(ask)
        al.addWidget(intro)
        al.addWidget(self.number_row)
        al.addWidget(self.situation)
        al.addWidget(self.verdict)
        al.addWidget(self.busy)
        al.addStretch(1)
        al.addLayout(buttons)
        # -- page 2: the passphrase, once
        done = QWidget(self)
        self.done_text = QLabel(done)
        self.done_text.setWordWrap(True)
        self.phrase = QLabel(done)
        self.phrase.setObjectName("transferPassphrase")
        self.phrase.setAccessibleName("Lösenfras")
        self.phrase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phrase.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(22, font.pointSize() * 2))
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
        self.phrase.setFont(font)
        self.phrase.setStyleSheet("padding: 14px; border: 2px solid #444; background: #fff;")
        how = QLabel(READ_ALOUD, done)
        how.setWordWrap(True)
        how.setObjectName("transferReadAloud")
        finish = QPushButton("&Jag har läst upp den – stäng", done)
        finish.clicked.connect(self.accept)
        dl = QVBoxLayout(done)
        dl.addWidget(self.done_text)
        dl.addWidget(self.phrase)
        dl.addWidget(how)
        dl.addStretch(1)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(finish)
        dl.addLayout(end)
        self.pages.addWidget(ask)
        self.pages.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        if child_uid:
            self.number_row.setVisible(False)
            self.set_child(child_uid)

    # -- the child and the rule ------------------------------------------------------
    def choose_child(self, text: str) -> bool:
        try:
            uid = self.bht.child_uid_for(text)
        except OroError as exc:
            self._refuse(str(exc))
            self.situation.clear()
            return False
        return self.set_child(uid)

    def set_child(self, child_uid: str) -> bool:
        """Show the child's notices and whether the consent allows the transfer."""
        self.child_uid = child_uid
        self.situation.show_child(child_uid)
        try:
            allowed, reason = self.bht.may_export(child_uid)
        except OroError as exc:
            allowed, reason = False, str(exc)
        if not allowed:
            self._refuse(reason)
            return False
        self.allowed = True
        self.verdict.setStyleSheet("")
        self.verdict.setText("Samtycket svarar Ja på överföring vid flytt och gäller i dag.")
        self.export_button.setEnabled(True)
        fit(self)
        return True

    def _refuse(self, reason: str) -> None:
        self.allowed = False
        self.export_button.setEnabled(False)
        self.verdict.setStyleSheet(RED)
        self.verdict.setText(f"Kan inte exporteras: {reason}")
        fit(self)

    # -- writing ------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Spara överföringsfilen", "overforing-barnhalsoteam.oro",
            "Överföringsfil (*.oro)")
        if path:
            self.export_to(path)

    def export_to(self, path: str):
        """Write the file on a worker; the passphrase page follows. Returns the task."""
        if not self.allowed or self._task is not None:
            return None
        self.export_button.setEnabled(False)
        self.busy.setVisible(True)
        self._task = run_task(self.bht.export_transfer, self.child_uid, path,
                              on_result=self._exported, on_error=self._failed)
        return self._task

    def _exported(self, result) -> None:
        self._task = None
        self.busy.setVisible(False)
        self.outcome = result
        content = (f"{result.meetings} möten och {result.topics} frågor om barnet"
                   if result.meetings else "barnet och dess markeringar (barnet har inte "
                   "diskuterats med namn i teamet)")
        self.done_text.setText(f"<b>Överföringsfilen är sparad</b> (krypterad): {content}. "
                               "Lösenfrasen som öppnar den:")
        groups = passphrase_groups(result.passphrase)
        half = (len(groups) + 1) // 2  # two lines of three groups: read a line, pause
        self.phrase.setText("  ".join(groups[:half]) + "\n" + "  ".join(groups[half:]))
        self.phrase.setAccessibleDescription(" ".join(groups))
        self.pages.setCurrentIndex(1)
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.busy.setVisible(False)
        self._refuse(error_text(exc))

    def reject(self) -> None:
        if self._task is None:
            super().reject()


class ImportTransferDialog(QDialog):
    """Importera överföring…: a file from another team and the passphrase read by phone."""

    imported = Signal(object)

    def __init__(self, bht, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bht = bht
        self._task = None
        self.outcome = None
        self.setWindowTitle("Importera överföring från annat barnhälsoteam")
        self.setMinimumWidth(580)
        intro = QLabel("Filen kommer från barnets tidigare barnhälsoteam; lösenfrasen har "
                       "avsändaren läst upp per telefon.", self)
        intro.setWordWrap(True)
        self.path = QLineEdit(self)
        self.path.setAccessibleName("Överföringsfil")
        browse = QPushButton("&Bläddra…", self)
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setAccessibleName("Lösenfras")
        self.passphrase.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.passphrase.setMaxLength(64)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(14, font.pointSize() + 4))
        self.passphrase.setFont(font)
        form = QFormLayout()
        file_label = QLabel("&Fil:", self)  # a layout row gets no buddy of its own
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        form.addRow("&Lösenfras:", self.passphrase)
        self.message = QLabel(self)
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.busy = busy_bar(self, object_name="importBusy", accessible_name="Dekrypterar, vänta")
        self.import_button = QPushButton("&Importera", self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.submit)
        self.close_button = QPushButton("Avbryt", self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addLayout(row)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Välj överföringsfil", "",
                                              "Överföringsfil (*.oro);;Alla filer (*)")
        if path:
            self.path.setText(path)

    def submit(self):
        """Import on a worker; returns the task (None when nothing to do)."""
        if self._task is not None:
            return None
        if not self.path.text().strip() or not self.passphrase.text().strip():
            self._say("Välj filen och skriv lösenfrasen som avsändaren läste upp.", error=True)
            return None
        self.import_button.setEnabled(False)
        self.busy.setVisible(True)
        self._task = run_task(self.bht.import_transfer, self.path.text().strip(),
                              self.passphrase.text(), on_result=self._imported,
                              on_error=self._failed)
        return self._task

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet(RED if error else "")
        self.message.setText(text)
        fit(self)

    def _imported(self, result) -> None:
        self._task = None
        self.busy.setVisible(False)
        self.outcome = result
        label = ""
        try:
            label = self.bht.situation(result.child_uid).label
        except OroError:
            pass
        self._say(import_summary(escape(label) or "barnet", result), error=False)
        self.passphrase.clear()
        self.close_button.setText("S&täng")
        self.imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.busy.setVisible(False)
        self.import_button.setEnabled(True)
        self._say(error_text(exc), error=True)

    def reject(self) -> None:
        if self._task is None:
            super().reject()


def import_summary(child: str, result) -> str:
    """What an import wrote, in one line: only what was new is counted as imported."""
    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    already = (f" {n(result.unchanged, 'möte', 'möten')} fanns redan här och "
               "importerades inte igen." if result.unchanged else "")
    if not result.meetings and not result.topics:
        return f"Inget nytt om {child} att importera.{already}"
    return (f"Importerat: {child}, {n(result.meetings, 'möte', 'möten')} och "
            f"{n(result.topics, 'fråga', 'frågor')}.{already}")

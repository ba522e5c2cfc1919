"""First run: create the encrypted store and its first admin, then hand over the recovery key.

Three pages: where the store lives, the first administrator (password twice, at least
10 characters), and the recovery key, shown once, large, with a print button and a
checkbox that must be ticked before Slutför. Creating the store derives a key with a
memory-hard KDF (about half a second), so it runs off the UI thread with a busy bar.
Once the store exists the wizard cannot be cancelled or stepped back: the key would be lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from oro_desktop.gui.a11y import announce, busy_bar, error_label
from oro_desktop.gui.branding import PRODUCT_NAME
from oro_desktop.gui.recovery_print import print_recovery_key
from oro_desktop.gui.style import monospace_font
from oro_desktop.gui.tasks import BackgroundTask, run_task
from oro_desktop.gui.messages import error_text

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

MIN_PASSWORD = 10
CONFIRM_TEXT = "Jag har förvarat återställningsnyckeln på ett säkert ställe"

CreateStore = Callable[[Path, str, str], "tuple[Session, str]"]


def password_problem(password: str, repeat: str) -> str:
    """The Swedish reason the password cannot be used, or "" if it can."""
    if len(password) < MIN_PASSWORD:
        return f"Lösenordet måste ha minst {MIN_PASSWORD} tecken (nu {len(password)})."
    if password.strip() != password:
        return "Lösenordet får inte börja eller sluta med mellanslag."
    if repeat != password:
        return "Lösenorden är inte lika." if repeat else "Skriv lösenordet en gång till."
    return ""


def display_key(key: str, per_line: int = 7) -> str:
    """The dash-grouped key on lines of `per_line` groups, so it reads and copies by eye."""
    groups = key.split("-")
    return "\n".join("-".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line))


def _title(text: str) -> str:
    """A page title one size up from the body text (QWizard's default is body size)."""
    return f"<span style='font-size: 14pt'>{text}</span>"


def _label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


class PathPage(QWizardPage):
    """Where the encrypted file will live."""

    def __init__(self, default_path: Path, exists: Callable[[Path], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exists = exists
        self.setTitle(_title(f"Välkommen till {PRODUCT_NAME}"))
        self.setSubTitle("Guiden skapar en krypterad databas och det första administratörskontot.")
        intro = QLabel(
            f"Allt som sparas i {PRODUCT_NAME} ligger i en enda krypterad fil. Välj var den ska "
            "ligga. Standardplatsen passar om bara den här datorns användare ska använda den; "
            "välj annars en mapp som verksamheten säkerhetskopierar.",
            self,
        )
        intro.setWordWrap(True)
        self.path_edit = QLineEdit(str(default_path), self)
        self.path_edit.setObjectName("storePath")
        self.path_edit.setAccessibleName("Databasens sökväg")
        self.path_edit.textChanged.connect(self._changed)
        browse = QPushButton("&Bläddra…", self)
        browse.setObjectName("browseButton")
        browse.setAccessibleName("Välj plats för databasen")
        browse.clicked.connect(self._browse)
        self.problem = error_label(self)

        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(_label("&Databasfil:", self.path_edit, self))
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Välj plats för databasen", str(self.path()), "oro_desktop-databas (*.oro *.db)"
        )
        if chosen:
            self.path_edit.setText(chosen)

    def _problem_text(self) -> str:
        text = self.path_edit.text().strip()
        if not text:
            return "Ange var databasen ska ligga."
        path = self.path()
        if path.is_dir():
            return "Sökvägen är en mapp; ange ett filnamn, t.ex. oro.db."
        if self._exists(path) or path.exists():
            return "Det finns redan en fil här. Välj en annan plats eller starta med --db för att öppna den."
        return ""

    def _changed(self) -> None:
        problem = self._problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem) and bool(self.path_edit.text().strip()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self._problem_text()


class AdminPage(QWizardPage):
    """The first administrator; pressing "Skapa databas" creates the store."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_title("Första administratören"))
        self.setSubTitle(
            "Administratören lägger till användare och kan återställa glömda lösenord "
            "med återställningsnyckeln."
        )
        self.setCommitPage(True)
        self.created = False
        self._task: BackgroundTask | None = None

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("adminName")
        self.name_edit.setAccessibleName("Administratörens användarnamn")
        self.name_edit.setMaxLength(64)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("adminPassword")
        self.password_edit.setAccessibleName("Lösenord")
        self.password_edit.setAccessibleDescription(f"Minst {MIN_PASSWORD} tecken")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("adminPasswordRepeat")
        self.repeat_edit.setAccessibleName("Lösenord igen")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.name_edit, self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self._changed)

        hint = QLabel(
            f"Minst {MIN_PASSWORD} tecken. En mening av flera ord är lätt att minnas och svår att gissa.",
            self,
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        self.problem = error_label(self, object_name="passwordProblem",
                                   accessible_name="Problem med användarnamn eller lösenord",
                                   reserve_lines=2)
        self.busy = busy_bar(self, object_name="createBusy",
                             accessible_name="Skapar databasen, vänta")
        self.busy_label = QLabel("Skapar den krypterade databasen …", self)
        self.busy_label.setProperty("role", "muted")
        self.busy_label.hide()

        form = QFormLayout()
        form.addRow(_label("&Användarnamn:", self.name_edit, self), self.name_edit)
        form.addRow(_label("&Lösenord:", self.password_edit, self), self.password_edit)
        form.addRow(_label("&Upprepa lösenordet:", self.repeat_edit, self), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)

    def _name_problem(self) -> str:
        """The service's rule for user names, checked as the name is typed (issue 13)."""
        name = self.name_edit.text()
        if not name.strip():
            return "Ange ett användarnamn."
        from oro_desktop.services.users import user_name_problem  # not at start-up

        return user_name_problem(name)

    def _problem_text(self) -> str:
        return self._name_problem() or password_problem(self.password_edit.text(),
                                                        self.repeat_edit.text())

    def _changed(self) -> None:
        problem = self._problem_text()
        typed = bool(self.password_edit.text()) or (
            bool(self.name_edit.text()) and bool(self._name_problem()))
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem) and typed)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self._task is None and not self._problem_text()

    def show_error(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
        announce(self.problem)

    def set_busy(self, busy: bool) -> None:
        for edit in (self.name_edit, self.password_edit, self.repeat_edit):
            edit.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.completeChanged.emit()


class RecoveryPage(QWizardPage):
    """Shows the recovery key once; Slutför needs the confirmation checkbox."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_title("Återställningsnyckel"))
        self.setSubTitle("Visas bara den här gången. Skriv ut den eller skriv av den nu.")
        self.key = ""
        self.store_path = Path()
        self.admin_name = ""
        explain = QLabel(
            "Om en administratör glömmer sitt lösenord är återställningsnyckeln det enda sättet "
            "att komma åt uppgifterna igen. Förvara den inlåst, skild från datorn. Den som har "
            "nyckeln och filen kan läsa allt.",
            self,
        )
        explain.setWordWrap(True)
        self.key_label = QLabel("", self)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setProperty("role", "recovery-key")
        self.key_label.setFont(monospace_font(17))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setWordWrap(True)
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.print_button = QPushButton("Skriv &ut…", self)
        self.print_button.setObjectName("printRecoveryKey")
        self.print_button.setAccessibleName("Skriv ut återställningsnyckeln")
        self.print_button.clicked.connect(self._print)
        self.confirm = QCheckBox(f"&{CONFIRM_TEXT}", self)
        self.confirm.setObjectName("confirmStored")
        self.confirm.setAccessibleName(CONFIRM_TEXT)
        self.confirm.toggled.connect(self.completeChanged)

        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addSpacing(6)
        layout.addWidget(self.key_label)
        layout.addLayout(row)
        layout.addSpacing(10)
        layout.addWidget(self.confirm)
        layout.addStretch(1)

    def set_key(self, key: str, store_path: Path, admin_name: str) -> None:
        self.key, self.store_path, self.admin_name = key, store_path, admin_name
        self.key_label.setText(display_key(key))
        self.key_label.setAccessibleName(f"Återställningsnyckel: {' '.join(key)}")

    def _print(self) -> None:
        self.print_dialog = print_recovery_key(self, self.key, self.store_path, self.admin_name)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return bool(self.key) and self.confirm.isChecked()


class FirstRunWizard(QWizard):
    """Emits `created(session)` when Slutför is pressed after the key was confirmed."""

    created = Signal(object)

    def __init__(
        self,
        default_path: Path,
        create: CreateStore,
        exists: Callable[[Path], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._create = create
        self.session: Session | None = None
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(f"{PRODUCT_NAME} – kom igång")
        self.setAccessibleName(f"Kom igång med {PRODUCT_NAME}")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "&Nästa >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Tillbaka")
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Skapa databas")
        self.setButtonText(QWizard.WizardButton.FinishButton, "S&lutför")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Avbryt")
        self.setMinimumSize(640, 480)

        self.path_page = PathPage(default_path, exists, self)
        self.admin_page = AdminPage(self)
        self.recovery_page = RecoveryPage(self)
        self.addPage(self.path_page)
        self.addPage(self.admin_page)
        self.addPage(self.recovery_page)
        for which, name in (
            (QWizard.WizardButton.NextButton, "Nästa"),
            (QWizard.WizardButton.BackButton, "Tillbaka"),
            (QWizard.WizardButton.CommitButton, "Skapa databas"),
            (QWizard.WizardButton.FinishButton, "Slutför"),
            (QWizard.WizardButton.CancelButton, "Avbryt"),
        ):
            self.button(which).setAccessibleName(name)
        self.admin_page.validatePage = self._validate_admin  # type: ignore[method-assign]

    def _validate_admin(self) -> bool:
        page = self.admin_page
        if page.created:
            return True
        if page._task is not None or page._problem_text():
            return False
        path = self.path_page.path()
        name = page.name_edit.text().strip()
        password = page.password_edit.text()
        page.set_busy(True)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        page._task = run_task(
            self._create, path, name, password,
            on_result=lambda result: self._created(result, path, name),
            on_error=self._failed,
        )
        page.set_busy(True)
        return False

    def _created(self, result: tuple[Session, str], path: Path, name: str) -> None:
        page = self.admin_page
        page._task = None
        page.created = True
        page.set_busy(False)
        self.session, key = result
        page.password_edit.clear()
        page.repeat_edit.clear()
        self.recovery_page.set_key(key, path, name)
        self.next()
        self.recovery_page.key_label.setFocus()

    def _failed(self, exc: BaseException) -> None:
        page = self.admin_page
        page._task = None
        page.set_busy(False)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        page.show_error(error_text(exc))

    def store_created(self) -> bool:
        return self.admin_page.created

    def reject(self) -> None:
        # Once the store exists, leaving without the key confirmed would lose it.
        if self.store_created() or self.admin_page._task is not None:
            return
        super().reject()

    def accept(self) -> None:
        if not self.recovery_page.isComplete():
            return
        super().accept()
        self.created.emit(self.session)

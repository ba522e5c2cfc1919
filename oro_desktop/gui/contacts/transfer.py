"""Export the directory to a file, and import another clinic's, from the GUI (admins only).

The service does the real work (`export`, `check_import`, `import_file`, all audited);
this module adds the file dialogs, a confirmation that says what an import would change
before anything is written, and Swedish results. File work runs off the UI thread
(gui/tasks.py) because the file may sit on a slow network share; while it runs `busy` is
True and the section must not touch the service's cache (it defers its refresh).

The exported file is not encrypted. That is acceptable and said plainly, not as an
alarm: it holds units' contact details only, never anything about a patient.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from oro_desktop.core.contacts import ContactEntry
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.tasks import BackgroundTask, run_with_progress
from oro_desktop.services.contacts import ContactService, ImportResult

FILE_FILTER = "Kontaktkatalog (*.yaml *.yml)"
EXPORT_NOTE = (
    "Filen är inte krypterad. Den innehåller bara kontaktuppgifter till verksamheter "
    "(nummer, e-post, öppettider) – inga uppgifter om patienter."
)
NOTHING_CHANGED = "Ingenting har importerats eller ändrats."
#: At most this many names are listed in the import confirmation.
LISTED = 8
# Qt's own file dialog (used where the platform has none) says "Spara", "Öppna",
# "Avbryt", "Filnamn:" through Qt's Swedish translation, loaded by gui/app.py.


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def describe_import(service: ContactService, name: str,
                    entries: list[ContactEntry]) -> tuple[str, list[ContactEntry]]:
    """The confirmation text for importing `entries`, and the entries that would change.

    Mirrors `ContactService.import_file`: an entry equal to what is shown now is skipped.
    """
    changed = [e for e in entries if service.get(e.id) != e]
    added = sum(1 for e in changed if service.get(e.id) is None)
    regions = ", ".join(sorted({e.region for e in changed}))
    head = f"Filen ”{name}” innehåller {_plural(len(entries), 'kontakt', 'kontakter')}."
    if not changed:
        return f"{head}\nAlla stämmer redan med katalogen, så inget behöver importeras.", []
    edited = len(changed) - added
    parts = [f"{added} {'ny' if added == 1 else 'nya'}",
             f"{edited} {'ändrad' if edited == 1 else 'ändrade'}"]
    names = "\n".join(f"• {e.title}" for e in changed[:LISTED])
    more = f"\n… och {len(changed) - LISTED} till" if len(changed) > LISTED else ""
    text = (
        f"{head}\n{_plural(len(changed), 'kontakt', 'kontakter')} ändrar katalogen "
        f"({' och '.join(parts)}) i: {regions}.\n{names}{more}\n\n"
        "De sparas som lokala ändringar, går före den levererade katalogen och loggas. "
        "Importera?"
    )
    return text, changed


class DirectoryTransfer(QObject):
    """Export/import flows for one section; `on_changed` runs after a successful import."""

    def __init__(self, service: ContactService, parent: QWidget,
                 on_changed: Callable[[], None]) -> None:
        super().__init__(parent)
        self.service = service
        self.widget = parent
        self.on_changed = on_changed
        self.task: BackgroundTask | None = None
        self.file_dialog: QFileDialog | None = None
        self.message: QMessageBox | None = None  # the last result, error or question shown

    @property
    def busy(self) -> bool:
        """True while a file task runs (the service's cache belongs to it meanwhile)."""
        return self.task is not None and not self.task.done

    # -- export ----------------------------------------------------------------------

    def start_export(self) -> QFileDialog:
        """Ask where to save (non-blocking); choosing a file starts the export."""
        dialog = self._file_dialog("Exportera kontaktkatalog", QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("yaml")
        dialog.selectFile(f"kontaktkatalog-{date.today().isoformat()}.yaml")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> BackgroundTask:
        """Write the merged directory to `path` in the background, then tell the result."""
        def done(count: Any) -> None:
            self._inform(
                "Katalogen exporterad",
                f"{_plural(int(count), 'kontakt', 'kontakter')} sparades i ”{path.name}”."
                f"\n\n{EXPORT_NOTE}",
            )

        return self._run("Exporterar kontaktkatalogen…", lambda progress: self.service.export(path),
                         done, "Katalogen kunde inte exporteras")

    # -- import ----------------------------------------------------------------------

    def start_import(self) -> QFileDialog:
        """Ask for a file (non-blocking); choosing one starts the check."""
        dialog = self._file_dialog("Importera kontaktkatalog", QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.check_file(Path(path)))
        dialog.open()
        return dialog

    def check_file(self, path: Path) -> BackgroundTask:
        """Validate the whole file first; only a valid file leads to the confirmation."""
        def checked(entries: Any) -> None:
            text, changed = describe_import(self.service, path.name, list(entries))
            if not changed:
                self._inform("Inget att importera", text)
                return
            box = QMessageBox(QMessageBox.Icon.Question, "Importera kontaktkatalog", text,
                              parent=self.widget)
            box.setAccessibleName("Bekräfta import av kontaktkatalog")
            accept = box.addButton("Importera", QMessageBox.ButtonRole.AcceptRole)
            box.import_button = accept  # type: ignore[attr-defined]
            cancel = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(cancel)
            box.setEscapeButton(cancel)
            box.buttonClicked.connect(
                lambda button: self.import_file(path) if button is box.import_button else None
            )
            self.message = box
            box.open()

        return self._run("Kontrollerar filen…", lambda progress: self.service.check_import(path),
                         checked, "Filen kan inte importeras")

    def import_file(self, path: Path) -> BackgroundTask:
        """Import (all or nothing, audited) after the user confirmed."""
        def done(result: Any) -> None:
            assert isinstance(result, ImportResult)
            self.on_changed()
            self._inform(
                "Katalogen importerad",
                f"{_plural(result.changed, 'kontakt', 'kontakter')} av {result.total} i "
                f"”{path.name}” sparades som lokala ändringar.",
            )

        return self._run("Importerar kontaktkatalogen…", lambda progress: self.service.import_file(path),
                         done, "Filen kan inte importeras")

    # -- helpers ---------------------------------------------------------------------

    def _file_dialog(self, title: str, mode: QFileDialog.AcceptMode) -> QFileDialog:
        dialog = QFileDialog(self.widget, title)
        dialog.setAcceptMode(mode)
        dialog.setNameFilter(FILE_FILTER)
        dialog.setAccessibleName(title)
        self.file_dialog = dialog
        return dialog

    def _run(self, label: str, work: Callable[..., Any], on_result: Callable[[Any], None],
             error_title: str) -> BackgroundTask:
        def failed(exc: BaseException) -> None:
            extra = f"\n\n{NOTHING_CHANGED}" if error_title == "Filen kan inte importeras" else ""
            box = QMessageBox(QMessageBox.Icon.Warning, error_title, error_text(exc) + extra,
                              parent=self.widget)
            box.setAccessibleName(error_title)
            self.message = box
            box.open()

        self.task = run_with_progress(self.widget, "Kontaktkatalog", label, work,
                                      on_result=on_result, on_error=failed,
                                      on_finished=self._finished)
        return self.task

    def _finished(self) -> None:
        """Let the section catch up on what it deferred while the task ran."""
        refresh = getattr(self.widget, "refresh", None)
        if callable(refresh):
            refresh()

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.widget)
        box.setAccessibleName(title)
        self.message = box
        box.open()

"""Developer tool: grab every main screen into PNG files (for the README and reviews).

    QT_QPA_PLATFORM=offscreen python -m oro_desktop.gui.screenshots docs/screenshots

Drives the real widgets against a throwaway store with fast KDF parameters and
fictitious names; nothing of the user's is touched (QSettings are redirected too).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import oro_desktop.gui  # noqa: F401 - refcount guard before Qt objects

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication, QWidget, QWizard

MAIN_SIZE = QSize(1366, 740)  # a 1366x768 screen less a taskbar


def _settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def _wait(app: QApplication, condition, limit: int = 20000) -> None:
    import time

    end = time.monotonic() + limit / 1000
    while not condition():
        app.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("screen did not appear")
        time.sleep(0.005)
    _settle(app)


def _save(widget: QWidget, out: Path, name: str) -> None:
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="oro_shots_"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp / "settings"))

    from oro_desktop.gui.controller import AppController
    from oro_desktop.gui.settings_dialog import SettingsDialog
    from oro_desktop.gui.style import apply_style
    from oro_desktop.services.services import fast_insecure_kdf

    FAST_INSECURE = fast_insecure_kdf()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)

    # First run: the three wizard pages.
    ctl = AppController(tmp / "enhet" / "oro.db", kdf=FAST_INSECURE, remember_path=False, quit_app=False)
    ctl.start()
    wizard = ctl.wizard
    wizard.resize(720, 540)
    _settle(app)
    _save(wizard, out, "01-first-run-path")
    wizard.next()
    page = wizard.admin_page
    page.name_edit.setText("anna.admin")
    page.password_edit.setText("en lång mening som lösenord")
    page.repeat_edit.setText("en lång mening")
    _settle(app)
    _save(wizard, out, "02-first-run-admin")
    page.repeat_edit.setText("en lång mening som lösenord")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    _wait(app, lambda: wizard.currentPage() is wizard.recovery_page)
    _save(wizard, out, "03-first-run-recovery-key")
    wizard.recovery_page.confirm.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    _wait(app, lambda: ctl.window is not None)
    from oro_desktop.services.users import add_user

    add_user(ctl.session, "bertil.bm", "clinician", "bertils-losenord-1", kdf=FAST_INSECURE)
    ctl.session.drafts.save("exempel", "note", {"text": "fiktivt"})

    # Lock, then the unlock dialog with an error and the Caps Lock warning.
    ctl.lock(notice="Programmet låstes efter 10 minuter utan aktivitet.")
    dialog = ctl.unlock_dialog
    dialog.password_edit.setText("fel lösenord")
    dialog.attempt()
    _wait(app, lambda: not dialog.is_busy())
    dialog.caps_label.show()
    dialog.adjustSize()
    _settle(app)
    _save(dialog, out, "04-unlock-error")

    dialog.password_edit.setText("en lång mening som lösenord")
    dialog.attempt()
    _wait(app, lambda: ctl.window is not None)
    window = ctl.window
    window.resize(MAIN_SIZE)
    _settle(app)

    settings = SettingsDialog(ctl.session, window)
    settings.unit_edit.setText("Barnmorskemottagningen Exempelstad")
    settings.region_combo.setCurrentIndex(1)
    settings.show()
    settings.adjustSize()
    _settle(app)
    _save(settings, out, "07-settings")
    settings.reject()
    ctl.quit()

    # Demo mode.
    demo = AppController(tmp / "unused.db", demo=True, remember_path=False, quit_app=False)
    demo.start()
    _wait(app, lambda: demo.window is not None)
    demo.window.resize(MAIN_SIZE)
    _wait(app, lambda: demo.session is not None)  # the demo store opens on a worker
    _settle(app, 100)
    _save(demo.window, out, "05-main-window")  # the first section, on demo data
    if any(section.id == "contacts" for section in demo.window.sections):
        demo.window.show_section("contacts")
        _settle(app, 100)
    _save(demo.window, out, "08-demo")
    demo.window.show_section("audit_log")
    view = demo.window.current_widget()
    _wait(app, lambda: view.loaded())
    _save(demo.window, out, "06-audit-log")
    demo.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

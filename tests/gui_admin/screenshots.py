"""Save screenshots of the screens issue 13 changed: docs/screenshots/admin-*.png and more.

Run from the repository root (not collected by pytest: no test_ prefix):

    QT_QPA_PLATFORM=offscreen QT_QPA_FONTDIR=/usr/share/fonts/truetype/dejavu \\
        .venv/bin/python tests/gui_admin/screenshots.py

A throwaway store with fast KDF parameters and fictitious names; QSettings redirected.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import oro_desktop.gui  # noqa: F401  (refcount guard before any Qt object)
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
MAIN_SIZE = QSize(1366, 740)


def settle(app: QApplication, rounds: int = 40) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait(app: QApplication, condition, limit: float = 20.0) -> None:
    import time

    end = time.monotonic() + limit
    while not condition():
        app.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("screen did not appear")
        time.sleep(0.005)
    settle(app)


def save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="oro_shots13_"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp / "settings"))
    from oro_desktop.gui.admin.dialogs import AddUserDialog
    from oro_desktop.gui.controller import AppController
    from oro_desktop.gui.forms.print_preview import PdfPreviewDialog, fitted_geometry
    from oro_desktop.gui.style import apply_style
    from oro_desktop.services.services import fast_insecure_kdf
    from oro_desktop.services.users import add_user

    kdf = fast_insecure_kdf()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    from oro_desktop.gui.app import install_swedish_translation

    install_swedish_translation(app)

    demo = AppController(tmp / "unused.db", demo=True, kdf=kdf, remember_path=False,
                         quit_app=False)
    seeded: list[bool] = []
    demo.demo_seeded.connect(lambda: seeded.append(True))
    demo.start()
    wait(app, lambda: demo.window is not None and bool(seeded), limit=60)
    window = demo.window
    window.resize(MAIN_SIZE)
    session = demo.session
    add_user(session, "bertil.bm", "clinician", "bertils-losenord-1", kdf=kdf)
    add_user(session, "cecilia.ssk", "clinician", "cecilias-losenord", kdf=kdf)
    settle(app, 200)

    window.show_section("consents")
    view = window.current_widget()
    wait(app, lambda: not view.busy)
    settle(app, 100)
    view.table.selectRow(0)
    settle(app)
    save(window, "consents-list")

    window.show_section("admin")
    admin = window.current_widget()
    admin.actions.kdf = kdf
    admin.users.reload()
    admin.users.select("bertil.bm")
    settle(app)
    save(window, "admin-users")
    dialog = AddUserDialog(admin.actions, window)
    dialog.show()
    dialog.name_edit.setText("david svensson")
    dialog.password_edit.setText("ett langt losenord")
    settle(app)
    save(dialog, "admin-add-user-name-check")
    dialog.reject()
    admin.tabs.setCurrentIndex(1)
    settle(app)
    save(window, "admin-backup")
    confirm = admin.backup.confirm_restore(tmp / "oro-kopia-2026-11-30.db")
    settle(app)
    save(confirm, "admin-restore-confirm")
    confirm.reject()

    # The print preview on a 1366×768 laptop screen: the size it takes there.
    consent = session.services.consents
    rows = consent.list_page(0, 50)
    printable = next((r for r in rows if not consent.get(r.id).problems), rows[0])
    preview = PdfPreviewDialog(consent.render_pdf(printable.id), "Samtycke")
    geometry = fitted_geometry(QRect(0, 0, 1366, 728))
    preview.resize(geometry.size())
    preview.show()
    import time

    end = time.monotonic() + 3
    while time.monotonic() < end:  # QPdfView renders pages asynchronously
        app.processEvents()
        time.sleep(0.02)
    save(preview, "consents-print-preview")
    preview.close()
    demo.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Developer tool: grab the directory-editing screens into docs/screenshots/contacts-*.png.

    QT_QPA_PLATFORM=offscreen QT_QPA_FONTDIR=/usr/share/fonts/truetype/dejavu \\
        .venv/bin/python -m tests.gui_contacts_edit.screenshots docs/screenshots

Real widgets over a throwaway store with fast KDF parameters; QSettings are redirected.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import oro_desktop.gui  # noqa: F401 - refcount guard before Qt objects

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from tests.contacts.samples import BAD_IMPORT

from .conftest import NOW, SHIPPED, create_store


def _settle(app: QApplication, rounds: int = 40) -> None:
    for _ in range(rounds):
        app.processEvents()


def _wait(app: QApplication, condition) -> None:
    import time

    end = time.monotonic() + 20
    while not condition():
        app.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("screen did not appear")
        time.sleep(0.005)
    _settle(app)


def _save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"contacts-{name}.png"
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="oro_contacts_shots_"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp / "settings"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from oro_desktop.gui.sections.contacts import ContactsView
    from oro_desktop.gui.style import apply_style
    from oro_desktop.services.contacts import ContactService

    apply_style(app)
    session = create_store(tmp / "oro.db")
    service = ContactService(session, SHIPPED)
    markaryd = service.get("kronoberg/socialtjanst/markaryd")
    service.save_entry(replace(markaryd, phones=(replace(markaryd.phones[0], number="0433-999 99"),),
                               verified=NOW.date(), verification_note="Kontrollerad lokalt av anna 2026-11-27."))
    vaxjo = service.get("kronoberg/socialtjanst/vaxjo")
    service.save_entry(replace(vaxjo, id="kronoberg/lokal/familjecentralen-teleborg",
                               unit="Familjecentralen Teleborg", kind="familjecentral",
                               emails=("familjecentral@example.se",), notes=""))
    service.hide_entry("kronoberg/socialtjanst/lessebo")

    view = ContactsView(ContactService(session, SHIPPED), clock=lambda: NOW, actor="anna")
    view.resize(1180, 700)
    view.show()
    view.search("kronoberg")
    view.refresh("kronoberg/socialtjanst/markaryd")
    _settle(app)
    _save(view, out, "section-local-change")

    editor = view.edit.edit_selected()
    editor.hours.setText("mån–fre 8.00–25.00")
    editor.adjustSize()
    _settle(app)
    _save(editor, out, "editor-invalid-hours")
    editor.reject()

    editor = view.edit.new_entry()
    editor.organisation.setText("Växjö kommun")
    editor.unit.setText("Familjecentralen Araby")
    editor.kind.setCurrentText("familjecentral")
    editor.region.setCurrentText("Kronoberg")
    editor.municipality.setCurrentText("Växjö")
    editor.phones.rows[0].number_edit.setText("0470-123 45")
    editor.phones.rows[0].label_edit.setText("reception")
    editor.emails.setText("araby")
    editor.hours.setText("mån–tors 8.00–16.00, fre 8.00–15.00")
    editor.checked_today.setChecked(True)
    editor.adjustSize()
    _settle(app)
    _save(editor, out, "editor-new")
    editor.reject()

    dialog = view.edit.show_local_changes()
    _settle(app)
    _save(dialog, out, "local-changes")
    dialog.reject()

    exported = tmp / "katalog.yaml"
    service.export(exported)
    other = create_store(tmp / "klinik-b.db")
    view_b = ContactsView(ContactService(other, SHIPPED), clock=lambda: NOW, actor="anna")
    view_b.show()
    view_b.edit.transfer.check_file(exported)
    _wait(app, lambda: view_b.edit.transfer.message is not None)
    _save(view_b.edit.transfer.message, out, "import-confirm")
    view_b.edit.transfer.message.reject()
    bad = tmp / "trasig.yaml"
    bad.write_text(BAD_IMPORT, encoding="utf-8")
    view_b.edit.transfer.message = None
    view_b.edit.transfer.check_file(bad)
    _wait(app, lambda: view_b.edit.transfer.message is not None)
    _save(view_b.edit.transfer.message, out, "import-error")
    view_b.close()
    view.close()
    other.close()
    session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

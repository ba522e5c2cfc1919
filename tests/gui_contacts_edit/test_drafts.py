"""What is typed into the contact editor survives a lock: it is kept in the store's drafts."""

from __future__ import annotations


from PySide6.QtCore import Qt

from oro_desktop.gui.contacts.drafts import DRAFT_KEY
from oro_desktop.gui.sections.contacts import ContactsView
from oro_desktop.services.contacts import ContactService
from oro_desktop.services.session import Session

from .conftest import NOW, SHIPPED
from .helpers import retype, type_text

MARKARYD = "kronoberg/socialtjanst/markaryd"


def build(qtbot, session: Session) -> ContactsView:
    view = ContactsView(ContactService(session, SHIPPED), clock=lambda: NOW,
                        actor=session.user.name, drafts=session.drafts)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_typed_fields_come_back_after_the_section_is_rebuilt(qtbot, admin_session: Session) -> None:
    view = build(qtbot, admin_session)
    view.search("markaryd")
    editor = view.edit.edit_selected()
    retype(qtbot, editor.phones.rows[0].number_edit, "0433-555 55")
    type_text(qtbot, editor.notes, "Fråga efter Eva")
    view.flush_drafts()  # what the window calls before an auto-lock destroys the section
    assert admin_session.drafts.load(DRAFT_KEY)["base_id"] == MARKARYD
    editor.hide()
    view.close()

    again = build(qtbot, admin_session)
    qtbot.waitUntil(lambda: again.edit.editor is not None and again.edit.editor.isVisible())
    restored = again.edit.editor
    assert restored.base is not None and restored.base.id == MARKARYD
    assert restored.restored.isVisible()
    assert restored.phones.rows[0].number_edit.text() == "0433-555 55"
    assert restored.notes.toPlainText() == "Fråga efter Eva"
    qtbot.mouseClick(restored.save_button, Qt.MouseButton.LeftButton)
    assert ContactService(admin_session, SHIPPED).get(MARKARYD).phones[0].number == "0433-555 55"
    assert admin_session.drafts.load(DRAFT_KEY) is None  # saved: the draft is gone


def test_autosave_after_a_pause_and_cancel_drops_the_draft(qtbot, admin_session: Session) -> None:
    view = build(qtbot, admin_session)
    editor = view.edit.new_entry()
    type_text(qtbot, editor.organisation, "Ljungby kommun")
    qtbot.waitUntil(lambda: admin_session.drafts.load(DRAFT_KEY) is not None, timeout=5000)
    assert admin_session.drafts.load(DRAFT_KEY)["values"]["organisation"] == "Ljungby kommun"
    editor.reject()
    assert admin_session.drafts.load(DRAFT_KEY) is None
    assert ContactService(admin_session, SHIPPED).local_overrides() == []


def test_auto_lock_with_the_editor_open_keeps_the_typing(qtbot, tmp_path) -> None:
    """The real window: lock with the editor open, unlock, and the editor is back."""
    from oro_desktop.gui.sections.contacts import SECTION
    from tests.gui.helpers import finish, log_in, make_controller

    from .conftest import ADMIN, ADMIN_PASSWORD, create_store
    from oro_desktop.store.kdf import FAST_INSECURE

    path = tmp_path / "oro.db"
    create_store(path).close()
    controller = make_controller(path, FAST_INSECURE, sections=[SECTION])
    try:
        controller.start()
        log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
        qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
        controller.window.show_section("contacts")
        view = controller.window.section_widget("contacts")
        editor = view.edit.new_entry()
        type_text(qtbot, editor.organisation, "Tingsryds kommun")
        controller.lock_for_idle()
        log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
        qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
        controller.window.show_section("contacts")
        view = controller.window.section_widget("contacts")
        qtbot.waitUntil(lambda: view.edit.editor is not None, timeout=10_000)
        assert view.edit.editor.organisation.text() == "Tingsryds kommun"
        assert view.edit.editor.base is None
    finally:
        finish(controller)

"""Issue 13 in Samtycken: tooltips say why, a mistaken draft can be deleted (audited),
the Formulär column shows the title, a future signing date is refused with a message."""

from __future__ import annotations

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.consents import common
from oro_desktop.gui.consents.model import COL_FORM
from oro_desktop.services.audit_view import recent_entries

from .test_consents_section import fill, make_view, settle

S = ConsentStatus


def _saved_draft(qtbot, view, *, complete: bool = False) -> int:
    editor = view.new_consent()
    if complete:
        fill(qtbot, editor)
    else:
        qtbot.keyClicks(editor.form.field_widget("barn_namn").edit, "Tyra Tolvansson")
    editor.save()
    cid = editor.consent_id
    editor.reject()
    settle(qtbot, view)
    view.select(cid)
    return cid


def test_disabled_actions_say_why(qtbot, session, services, service, questions):
    view = make_view(qtbot, services)
    assert not view.open_action.isEnabled()
    assert "Markera ett samtycke" in view.open_action.toolTip()
    _saved_draft(qtbot, view)
    assert view.open_action.isEnabled() and "Öppna" in view.open_action.toolTip()
    assert not view.revoke_action.isEnabled()
    assert "gäller" in view.revoke_action.toolTip() and "utkast" in view.revoke_action.toolTip()
    assert not view.renew_action.isEnabled() and "inte är underskrivet" in view.renew_action.toolTip()
    assert view.delete_action.isEnabled()


def test_a_mistaken_draft_is_deleted_and_audited(qtbot, session, services, service,
                                                 questions, monkeypatch):
    view = make_view(qtbot, services)
    cid = _saved_draft(qtbot, view)
    asked = []
    monkeypatch.setattr(common, "ask_delete_draft", lambda p, child: asked.append(child) or True)
    assert view.delete_selected()
    assert asked == ["Tyra Tolvansson"]
    settle(qtbot, view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10_000)
    entries = recent_entries(session)
    assert any(e.action == "delete" and e.record_type == "consent" and str(e.record_id) == str(cid)
               for e in entries)
    assert session.drafts.load(f"consent:{cid}") is None


def test_a_printed_consent_cannot_be_deleted(qtbot, session, services, service, questions):
    from oro_desktop.errors import InvalidInput
    from oro_desktop.services.drafts import discard_consent_draft

    view = make_view(qtbot, services)
    cid = _saved_draft(qtbot, view, complete=True)
    service.record_output(cid, "print")
    settle(qtbot, view)
    view.select(cid)
    assert service.get(cid).status is S.PRINTED
    assert not view.delete_action.isEnabled()
    assert "inte har skrivits ut" in view.delete_action.toolTip()
    try:
        discard_consent_draft(session, cid)
    except InvalidInput as exc:
        assert "Inget har ändrats" in exc.message
    else:
        raise AssertionError("a printed consent was deleted")
    assert service.get(cid).status is S.PRINTED


def test_form_column_shows_the_title(qtbot, session, services, service, questions):
    view = make_view(qtbot, services)
    _saved_draft(qtbot, view)
    index = view.model.index(0, COL_FORM)
    shown = view.model.data(index)
    record = service.get(view.selected_row().id)
    title = service.library.get(view.selected_row().form_id, view.selected_row().form_version).title
    assert shown == title and view.selected_row().form_id not in shown
    assert record is not None


def test_future_signing_date_is_refused_with_a_message(qtbot, session, services, service, questions):
    view = make_view(qtbot, services)
    cid = _saved_draft(qtbot, view, complete=True)
    dialog = view.register_selected()
    tomorrow = dialog.signed_on.date().addDays(1)
    dialog.signed_on.setDate(tomorrow)
    assert dialog.signed_on.date() == tomorrow  # not silently replaced by today
    assert not dialog.submit()
    assert dialog.error.isVisible() and "framtiden" in dialog.error.text()
    assert service.get(cid).status is not S.SIGNED and service.get(cid).status is not S.ACTIVE


def test_a_refusal_does_not_move_the_dialog_buttons(qtbot, session, services, service, questions):
    view = make_view(qtbot, services)
    _saved_draft(qtbot, view, complete=True)
    dialog = view.register_selected()
    dialog.show()
    qtbot.waitExposed(dialog)
    before = (dialog.ok.mapTo(dialog, dialog.ok.rect().topLeft()), dialog.height(),
              dialog.sizeHint())
    dialog.signed_on.setDate(dialog.signed_on.date().addDays(3))
    assert not dialog.submit()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert dialog.error.isVisible()
    # The space was kept for it: the dialog does not want to grow, nothing moves, and the
    # message is not squeezed into less than its lines.
    assert (dialog.ok.mapTo(dialog, dialog.ok.rect().topLeft()), dialog.height(),
            dialog.sizeHint()) == before
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())


def test_a_signed_consent_says_why_it_cannot_be_saved(qtbot, session, services, service, questions):
    view = make_view(qtbot, services)
    cid = _saved_draft(qtbot, view, complete=True)
    dialog = view.register_selected()
    assert dialog.submit()
    settle(qtbot, view)
    editor = view.open_consent(cid)
    assert not editor.save_button.isEnabled()
    assert "ändras inte" in editor.save_button.toolTip()
    editor.reject()

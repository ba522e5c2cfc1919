"""One save from the consent editor is one write and one audit entry: the editor shows
what the save handed back (`SaveResult.view`) instead of reading the consent again."""

from __future__ import annotations

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.consents.editor import ConsentEditor

from .test_consents_section import fill


def audit_rows(session) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in session.store.conn.execute(
        "SELECT action, record_type, record_id FROM audit ORDER BY id")]


def test_editing_a_saved_consent_adds_exactly_one_audit_entry(qtbot, session, service, questions):
    cid = service.save(None, {"barn_namn": "Tyra Tolvansson"}).id
    editor = ConsentEditor(service, session, consent_id=cid)  # opening reads (audited) once
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.form.field_widget("barn_adress").edit, "Exempelgatan 12")
    before = audit_rows(session)
    assert editor.save()
    added = audit_rows(session)[len(before):]
    assert added == [("update", "consent", str(cid))]
    # What it shows came from the save: the stored data, the status, the problems.
    assert not editor.is_dirty()
    assert service.get(cid).data["barn_adress"] == "Exempelgatan 12"
    assert "Utkast" in editor.status_label.text() or "utkast" in editor.status_label.text()
    assert "behöver rättas" in editor.message.text()


def test_a_new_consent_saved_from_the_editor_is_never_read_back(qtbot, session, service, questions):
    editor = ConsentEditor(service, session, new=service.new_draft())
    qtbot.addWidget(editor)
    editor.show()
    fill(qtbot, editor)
    before = audit_rows(session)
    assert editor.save()
    added = audit_rows(session)[len(before):]
    assert [a for a in added if a[1] == "consent"] == [("create", "consent", str(editor.consent_id))]
    # The other entries are the persons this save created (the child, two guardians).
    assert sorted(a[:2] for a in added if a[1] != "consent") == [("create", "person")] * 3
    assert "Tyra Tolvansson" in editor.windowTitle()
    assert "komplett" in editor.message.text()
    assert not editor.is_dirty()
    assert service.get(editor.consent_id).status is ConsentStatus.DRAFT

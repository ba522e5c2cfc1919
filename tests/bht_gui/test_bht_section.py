"""The Barnhälsoteam section with real widgets: team view, the meeting editor's
identified/de-identified choice with the refusal explained, the report numbers and PDF.
`ORO_SCREENSHOTS=1` also saves docs/screenshots/bht-team.png and bht-meeting.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.sections import discover
from oro_desktop.services.barnhalsoteam_demo import demo_seed as bht_seed
from oro_desktop.services.consents_demo import demo_seed as consent_seed
from oro_desktop.services.consents_demo import skatteverket_test_number
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def services(tmp_path):
    s, _ = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
    consent_seed(s)
    bht_seed(s)
    yield Services(s)
    s.close()


def _shot(widget, name):
    if os.environ.get("ORO_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def _view(qtbot, services):
    [section] = [s for s in discover(strict=True) if s.id == "barnhalsoteam"]
    view = section.factory(services, None)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    return view


def test_team_view_shows_members_meetings_and_report(qtbot, services, tmp_path):
    view = _view(qtbot, services)
    assert view.teams.count() == 1
    assert view.members.rowCount() == 4
    assert view.meetings.rowCount() == 11
    assert "Möten" in view.numbers.text()
    _shot(view, "bht-team.png")


def test_meeting_editor_explains_a_refusal_and_offers_the_deidentified_way(qtbot, services):
    view = _view(qtbot, services)
    editor = view.new_meeting()
    qtbot.addWidget(editor)
    editor.topic_text.setText("Oro för ett barn")
    editor.level.setCurrentIndex(editor.level.findData("individual"))
    editor.identified.setChecked(True)
    waiting = [r for r in services.consents.list() if r.status is ConsentStatus.WAITING_OTHER]
    assert [r.child_name for r in waiting] == ["Elsa Väntesson"]
    editor.child.setText(skatteverket_test_number("20220101", 980))
    editor.summary.setPlainText("Oro för språket")
    assert not editor.check()
    assert "andra vårdnadshavarens underskrift" in editor.verdict.text()
    assert "avidentifierat" in editor.verdict.text()
    assert editor.to_deidentified.isVisibleTo(editor)
    _shot(editor, "bht-meeting.png")
    assert not editor.add_topic()  # refused: nothing added
    editor.to_deidentified.click()
    assert editor.deidentified.isChecked() and not editor.child.isEnabled()
    assert editor.add_topic()
    before = view.meetings.rowCount()
    assert editor.submit()
    qtbot.waitUntil(lambda: view.meetings.rowCount() == before + 1)


def test_new_team_and_member_dialogs(qtbot, services):
    view = _view(qtbot, services)
    dialog = view.new_team()
    qtbot.addWidget(dialog)
    assert not dialog.submit() and dialog.error.isVisibleTo(dialog)  # no name: refused
    dialog.name.setText("Barnhälsoteam Strömsund")
    dialog.municipality.setText("Strömsund")
    assert dialog.submit()
    qtbot.waitUntil(lambda: view.teams.count() == 2)
    view.teams.setCurrentRow([v.team.uid for v in view._views].index(dialog.saved_uid))
    member = view.new_member()
    qtbot.addWidget(member)
    member.name.setText("Kim Exempel")
    member.mandate.setPlainText("Beslutar om förskolans insatser")
    assert member.submit()
    qtbot.waitUntil(lambda: view.members.rowCount() == 1)
    assert "Socialtjänsten" in view.notes.text()  # still missing


def test_the_yearly_report_is_previewed_with_the_answers_then_saved_and_audited(
        qtbot, services, tmp_path):
    import io
    import json
    import re

    import pypdf

    view = _view(qtbot, services)
    view.tabs.setCurrentIndex(2)
    view.implemented.setCurrentIndex(view.implemented.findText("Ja"))
    view.how.setPlainText("Teamet har träffats varje månad och samverkan fungerar bra.")
    view.improve.setPlainText("Fler möten med elevhälsan.")
    before = services.session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    dialog = view.preview_report()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"Förhandsgranskning – Årlig uppföljning {view.year.value()}"
    assert dialog.document.pageCount() >= 1
    assert dialog.print_button.text() == "&Skriv ut…"
    assert dialog.save_button.text() == "Spara som &PDF…"
    # Looking is not audited; saving is, with where it went.
    after = services.session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert after == before
    out = tmp_path / "uppfoljning.pdf"
    dialog.save_to(out)
    assert (out.stat().st_mode & 0o777) == 0o600
    text = re.sub(r"\s+", " ", " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages))
    assert "Teamet har träffats varje månad" in text and "Fler möten med elevhälsan" in text
    n = services.bht.yearly_report(view.year.value(),
                                   team_uids=[view.current_team_uid()]).numbers
    assert f"{n.meeting_count}" in text
    row = services.session.store.conn.execute(
        "SELECT action, record_type, record_id, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert tuple(row[:3]) == ("export", "bht_report", str(view.year.value()))
    assert json.loads(row[3])["path"] == str(out)
    if os.environ.get("ORO_SCREENSHOTS") == "1":
        dialog.resize(820, 900)
        dialog.show()
        qtbot.wait(1500)  # QPdfView renders its pages asynchronously
        _shot(dialog, "bht-report-preview.png")


def test_the_reports_answers_are_kept_as_a_draft_per_team_and_year(qtbot, services):
    view = _view(qtbot, services)
    view.implemented.setCurrentIndex(1)
    view.how.setPlainText("Bra samverkan.")
    qtbot.waitUntil(lambda: services.session.drafts.load(view._key()) is not None)
    key = view._key()
    assert services.session.drafts.load(key)["how_it_worked"] == "Bra samverkan."
    view.year.setValue(view.year.value() - 1)  # another year: its own (empty) answers
    assert view.how.toPlainText() == "" and view.implemented.currentIndex() == 0
    view.year.setValue(view.year.value() + 1)
    assert view.how.toPlainText() == "Bra samverkan." and view.implemented.currentData() is True
    # A new widget (after an auto-lock) finds the same answers.
    again = _view(qtbot, services)
    assert again.how.toPlainText() == "Bra samverkan."
    again.how.clear()
    again.implemented.setCurrentIndex(0)
    again.flush_drafts()
    assert services.session.drafts.load(key) is None

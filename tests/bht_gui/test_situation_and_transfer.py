"""Special situations and transfer in the Barnhälsoteam GUI, with real widgets and a real
store: the notices where a child is named (meeting editor, the consent, before a
transfer), the mark beside the name, export refused with the reason or done with the
passphrase shown once, import with a wrong passphrase / the same file twice refused with
one Swedish line. `ORO_SCREENSHOTS=1` saves docs/screenshots/bht-*.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oro_desktop.gui.barnhalsoteam.consent_banner import consent_banner
from oro_desktop.gui.barnhalsoteam.team_view import BhtView
from oro_desktop.gui.barnhalsoteam.transfer_dialogs import passphrase_groups
from oro_desktop.services.barnhalsoteam_demo import demo_seed as bht_seed
from oro_desktop.services.consents_demo import demo_seed as consent_seed
from oro_desktop.services.consents_demo import skatteverket_test_number
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIGRID = skatteverket_test_number("20200614", 988)   # consent in force, Ja, family home SoL
ELSA = skatteverket_test_number("20220101", 980)     # waiting for the second guardian
LO = skatteverket_test_number("20220808", 996)       # revoked
JUNI = skatteverket_test_number("20210228", 990)     # protected identity


def _make(path):
    s, _ = Session.create(path, "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
    services = Services(s)
    services.bht.transfer_kdf = FAST_INSECURE
    return s, services


@pytest.fixture
def services(tmp_path):
    s, services = _make(tmp_path / "oro.db")
    consent_seed(s)
    bht_seed(s)
    yield services
    s.close()


@pytest.fixture
def receiver(tmp_path):
    s, services = _make(tmp_path / "mottagare.db")
    yield services
    s.close()


def _shot(widget, name):
    if os.environ.get("ORO_SCREENSHOTS") == "1":
        widget.grab().save(str(SHOTS / name))


def _view(qtbot, services):
    view = BhtView(services)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    return view


def test_meeting_editor_shows_the_childs_notices_and_mark(qtbot, services):
    view = _view(qtbot, services)
    editor = view.new_meeting()
    qtbot.addWidget(editor)
    editor.level.setCurrentIndex(editor.level.findData("individual"))
    editor.identified.setChecked(True)
    editor.child.setText(SIGRID)
    assert editor.check()
    panel = editor.situation
    assert panel.isVisibleTo(editor)
    assert "Sigrid Testberg" in panel.title.text()
    assert "familjehem enligt SoL" in panel.text.text()
    assert "ska socialtjänsten alltid inhämta samtycke" in panel.text.text()
    # Recording a secret address from the editor: the mark shows beside the name at once.
    dialog = panel.edit()
    qtbot.addWidget(dialog)
    dialog.boxes["secret_address"].setChecked(True)
    assert dialog.submit()
    assert "[Hemlig vistelseort]" in panel.title.text()
    assert "skrivs aldrig ut" in panel.text.text()
    _shot(editor, "bht-meeting-special.png")
    editor.deidentified.setChecked(True)
    assert not panel.isVisibleTo(editor)


def test_the_meeting_list_marks_a_named_child(qtbot, services):
    uid = services.bht.child_uid_for(SIGRID)
    services.bht.set_situation(uid, protected_identity=False, secret_address=True,
                               lvu_placement=False, family_home_sol=True, undocumented=False)
    view = _view(qtbot, services)
    texts = [view.meetings.item(r, 2).text() for r in range(view.meetings.rowCount())]
    named = [t for t in texts if "med namn" in t]
    assert named and all("Sigrid Testberg (Hemlig vistelseort)" in t for t in named)


def test_the_barnhalsoteam_consent_shows_the_notices_and_offers_the_transfer(qtbot, services):
    rows = {r.child_name: r for r in services.consents.list()}
    view = services.consents.get(rows["Juni Fiktiv"].id)
    banner = consent_banner(services.session, view)
    qtbot.addWidget(banner)
    banner.show()
    assert "[Skyddade personuppgifter]" in banner.situation.title.text()
    assert JUNI not in banner.situation.title.text()  # the number is masked
    assert "skrivs aldrig ut" in banner.situation.text.text()
    dialog = banner.export()
    qtbot.addWidget(dialog)
    assert "informera polisen" in dialog.situation.text.text()  # moving + protected


def test_export_is_refused_with_the_reason_for_waiting_and_revoked(qtbot, services):
    view = _view(qtbot, services)
    for number, reason in ((ELSA, "underskrift"), (LO, "återkall")):
        dialog = view.export_transfer()
        qtbot.addWidget(dialog)
        assert not dialog.choose_child(number)
        assert reason in dialog.verdict.text().lower()
        assert dialog.verdict.text().startswith("Kan inte exporteras:")
        assert not dialog.export_button.isEnabled()
        assert dialog.export_to("/tmp/never-written.oro") is None


def test_export_then_import_in_the_gui(qtbot, services, receiver, tmp_path):
    view = _view(qtbot, services)
    dialog = view.export_transfer()
    qtbot.addWidget(dialog)
    assert dialog.choose_child(SIGRID)
    assert dialog.export_button.isEnabled()
    assert "familjehem" in dialog.situation.text.text()
    out = tmp_path / "flytt.oro"
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_to(str(out))
    assert (out.stat().st_mode & 0o777) == 0o600
    assert dialog.pages.currentIndex() == 1
    groups = dialog.phrase.text().split()
    assert groups == passphrase_groups(dialog.outcome.passphrase) and len(groups) == 6
    assert all(len(g) == 4 for g in groups)
    assert dialog.phrase.font().pointSize() >= 22
    _shot(dialog, "bht-transfer-passphrase.png")
    phrase = dialog.outcome.passphrase
    dialog.accept()
    # The receiving installation.
    other = _view(qtbot, receiver)
    imp = other.import_transfer()
    qtbot.addWidget(imp)
    imp.path.setText(str(out))
    imp.passphrase.setText("ACDE-FHJK-LMNP-QRTU-VWXY-3479")
    with qtbot.waitSignal(imp.passphrase.textChanged, timeout=50, raising=False):
        pass
    task = imp.submit()
    qtbot.waitUntil(lambda: task.done if hasattr(task, "done") else imp._task is None,
                    timeout=10_000)
    assert imp.message.text() == ("Filen gick inte att öppna: fel lösenfras, eller så är "
                                  "filen skadad. Ingenting har importerats.")
    assert receiver.bht.meetings() == [] and receiver.bht.teams() == []
    imp.passphrase.setText(phrase.lower())
    with qtbot.waitSignal(imp.imported, timeout=10_000):
        imp.submit()
    assert imp.message.text().startswith("Importerat: Sigrid Testberg, 2 möten")
    assert other.teams.count() == 1 and "överfört" in other.teams.item(0).text()
    imp.passphrase.setText(phrase)
    task = imp.submit()
    qtbot.waitUntil(lambda: imp._task is None, timeout=10_000)
    assert "redan" in imp.message.text() and "\n" not in imp.message.text()
    assert len(receiver.bht.meetings()) == 2


def test_the_consent_editor_carries_the_band_for_a_barnhalsoteam_consent(qtbot, services):
    from oro_desktop.gui.consents.editor import ConsentEditor

    rows = {r.child_name: r for r in services.consents.list()}
    editor = ConsentEditor(services.consents, services.session,
                           consent_id=rows["Sigrid Testberg"].id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.bht_banner is not None and editor.bht_banner.isVisible()
    assert "familjehem enligt SoL" in editor.bht_banner.situation.text.text()
    _shot(editor, "bht-consent-special.png")
    new = ConsentEditor(services.consents, services.session)  # no child yet: no band
    qtbot.addWidget(new)
    assert new.bht_banner is None


def test_sip_is_recorded_as_a_decision_and_no_guardian_can_be_present(qtbot, services):
    view = _view(qtbot, services)
    editor = view.new_meeting()
    qtbot.addWidget(editor)
    labels = [box.text() for box in editor.roles.values()]
    assert not any("årdnadshavare" in t or t.lower().startswith("barn") for t in labels)
    from PySide6.QtWidgets import QGroupBox

    assert "vårdnadshavare och barn deltar inte" in editor.findChildren(QGroupBox)[0].title()
    editor.topic_text.setText("Barngruppens behov")
    assert editor.add_topic()
    editor.decision.setText("Initiera SIP tillsammans med familjen")
    editor.sip.setChecked(True)
    assert editor.submit()
    [meeting] = [m for m in services.bht.meetings() if m.uid == editor.saved_uid]
    assert [(d.kind, d.text) for d in meeting.decisions] == [
        ("initiera_sip", "Initiera SIP tillsammans med familjen")]
    qtbot.waitUntil(lambda: view.meetings.rowCount() == 12)
    assert view.meetings.item(0, 3).text() == "SIP: Initiera SIP tillsammans med familjen"


def test_import_of_a_folder_or_a_missing_file_is_one_swedish_line(qtbot, receiver, tmp_path):
    view = _view(qtbot, receiver)
    imp = view.import_transfer()
    qtbot.addWidget(imp)
    for path, says in ((tmp_path, "är en katalog"), (tmp_path / "saknas.oro", "finns inte")):
        imp.path.setText(str(path))
        imp.passphrase.setText("ACDE-FHJK-LMNP-QRTU-VWXY-3479")
        imp.submit()
        qtbot.waitUntil(lambda: imp._task is None, timeout=5_000)
        assert says in imp.message.text() and "\n" not in imp.message.text()
    assert receiver.bht.teams() == []


def test_a_new_consent_shows_no_band_until_it_is_reopened(qtbot, services):
    """A save stays one write and one audit entry (tests/consents_gui/test_editor_one_save):
    the band, which reads the child's situation (audited), comes when the consent is
    opened again."""
    import json as _json

    from oro_desktop.gui.consents.editor import ConsentEditor
    from oro_desktop.paths import forms_dir

    data = _json.loads((forms_dir() / "examples" / "barnhalsoteam-samtycke.v1.json")
                       .read_text("utf-8"))
    data["barn_personnummer"] = {"kind": "personnummer", "value": SIGRID}
    new = services.consents.new_draft()
    editor = ConsentEditor(services.consents, services.session,
                           new=type(new)(new.form_id, new.form_version, data))
    qtbot.addWidget(editor)
    assert editor.bht_banner is None
    assert editor.save()
    assert editor.bht_banner is None
    again = ConsentEditor(services.consents, services.session, consent_id=editor.consent_id)
    qtbot.addWidget(again)
    assert "familjehem enligt SoL" in again.bht_banner.situation.text.text()

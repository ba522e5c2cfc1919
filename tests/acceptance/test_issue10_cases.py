"""Issue #10, cases: the case view, Nytt ärende, Att göra and Kontakter as a clinician meets
them (real widgets offscreen), and the protected person, import and export through
`oro-admin` on a real store."""

from __future__ import annotations

import io
import json
import sys
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from oro_desktop.cli import options
from oro_desktop.cli.main import main
from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir
from oro_desktop.services.cases_transfer import CaseTransfer
from oro_desktop.services.disclosures import Party
from oro_desktop.services.form_versions import FormVersionService

from .conftest import FLAG, JAMTLAND, KRONOBERG, PASSWORD, USER, VGR, unnumbered, who

ADDRESS = "Hemliga gränd 7, 411 00 Göteborg"
PHONE = "070-000 00 99"
PROTECTED = ("Sekretess Testperson", "19870101-9906")


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _protected_case(services) -> tuple[str, str]:
    """VGR, a protected pregnant person who says no, a disclosure told before."""
    cases = services.cases
    uid = cases.open("Göteborg", guideline_id=VGR, due_date=cases.today() + timedelta(days=90),
                     concerns=["mental"], initiator_kind="barnmorskemottagning")
    pregnant = cases.add_person(uid, "pregnant", who(*PROTECTED, protected=True,
                                                     address=ADDRESS, phone=PHONE))
    cases.record_consent(uid, pregnant, answer="no", manner="oral", asked_on=cases.today(),
                         asked_by="Barnmorska Ulla Fiktiv", function="Barnmorska",
                         content="Att det finns en oro.", said="Vill inte.")
    services.disclosures.record(
        uid, disclosed_on=cases.today(),
        sender=Party("Barnmorskemottagningen Göteborg", "barnmorskemottagning", True),
        recipient=Party("Socialtjänsten Göteborg", "socialtjänsten", True),
        legal_basis="osl-25-12", content="Att det finns en oro.", decided_by="Enhetschef",
        told_before_on=cases.today(), told_before="Att kontakt tas.")
    return uid, pregnant


# -- the protected person's address: every view, list, PDF and export ----------------------

def test_a_protected_address_is_absent_from_view_cli_pdfs_and_both_exports(
        services, session, capsys, monkeypatch, tmp_path):
    uid, _ = _protected_case(services)
    view = services.cases.view(uid)
    assert ADDRESS not in repr(view) and PHONE not in repr(view)
    versions = FormVersionService(session, FormLibrary(forms_dir()))
    with session.store.unit_of_work(USER) as uow:
        version_uids = [r[0] for r in uow.conn.execute("SELECT uid FROM form_versions")]
    assert len(version_uids) >= 2  # the consent and the disclosure record
    for version in version_uids:
        pdf = versions.pdf_job(version)()
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "Hemliga" not in text and "411 00" not in text and "000 00 99" not in text
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    base = ("--db", str(db), "--user", USER)
    outputs = []
    for argv in (("cases", "list"), ("cases", "list", "--json"), ("cases", "show", uid),
                 ("cases", "show", uid, "--json")):
        code, out, err = run(capsys, monkeypatch, *argv, *base)
        assert code == 0, err
        outputs.append(out)
    plain = tmp_path / "ut.json"
    code, out, err = run(capsys, monkeypatch, "export", "--out", str(plain), "--plaintext", *base)
    assert code == 0 and "inte krypterad" in err
    outputs.append(plain.read_text("utf-8"))
    sealed = tmp_path / "ut.oro"
    phrase = "K7QA-MX3T-CDEF-HJKL-MNPQ-RTUV"
    monkeypatch.setenv("ORO_EXPORT_PASSPHRASE", phrase)
    code, out, err = run(capsys, monkeypatch, "export", "--out", str(sealed), *base)
    assert code == 0, err
    assert "inte krypterad" not in err
    raw = sealed.read_bytes()
    assert b"Sekretess" not in raw and b"19870101" not in raw  # encrypted: no name, no number
    outputs.append(json.dumps(CaseTransfer.read_file(sealed, phrase), ensure_ascii=False))
    for text in outputs:
        assert "Hemliga" not in text and "411 00" not in text and "000 00 99" not in text
    exported = json.loads(outputs[-1])
    person = next(p for p in exported["persons"] if p["name"] == PROTECTED[0])
    assert person["protected"] is True and person["address"] == "" and person["phone"] == ""
    assert (plain.stat().st_mode & 0o777) == 0o600 and (sealed.stat().st_mode & 0o777) == 0o600
    code, out, err = run(capsys, monkeypatch, "audit", *base, "--json")
    entries = json.loads(out)
    entries = entries if isinstance(entries, list) else entries.get("entries", [])
    assert sum(1 for e in entries if e["action"] == "export" and e["record_type"] == "case") == 2


def test_the_consent_pdf_of_a_protected_person_marks_them(services, session):
    _protected_case(services)
    versions = FormVersionService(session, FormLibrary(forms_dir()))
    with session.store.unit_of_work(USER) as uow:
        rows = uow.conn.execute(
            "SELECT v.uid FROM form_versions v WHERE v.form_id LIKE '%samtycke%'").fetchall()
    assert rows
    text = "".join(page.extract_text() for page in
                   PdfReader(io.BytesIO(versions.pdf_job(rows[0][0])())).pages)
    assert "Skyddade personuppgifter" in text or "skyddade personuppgifter" in text


# -- import: one bad record imports nothing, every problem listed --------------------------

def test_an_import_with_bad_records_imports_nothing_and_lists_every_problem(
        services, session, capsys, monkeypatch, tmp_path):
    cases = services.cases
    newborn = cases.open("Växjö", guideline_id=KRONOBERG, concerns=["parenting"],
                         child=unnumbered("Nyfödd Testare", "Nyfött, ännu ej folkbokfört"),
                         initiator_kind="BVC")
    cases.add_person(newborn, "guardian", who("Alva Provare", "19880101-9905"))
    cases.add_person(newborn, "guardian", who("Bo Provare", "19880101-9921"))
    exported = CaseTransfer(session, cases.guidance, FormLibrary(forms_dir()),
                            today=cases.today).export_data()
    bad = json.loads(json.dumps(exported))
    alva = next(p for p in bad["persons"] if p["name"] == "Alva Provare")
    alva["identity"]["value"] = "198801019906"          # wrong check digit
    bad["cases"][0]["concerns"] = ["finns-inte"]        # not the guideline's category
    bad["cases"][0]["participants"][1]["role"] = "uncle"
    path = tmp_path / "register.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    code, out, err = run(capsys, monkeypatch, "init", "--db", str(tmp_path / "ny.db"),
                         "--admin", USER, "--password-stdin", stdin=f"{PASSWORD}\n")
    assert code == 0, err
    new = ("--db", str(tmp_path / "ny.db"), "--user", USER)
    code, out, err = run(capsys, monkeypatch, "import", str(path), *new)
    assert code != 0 and "Traceback" not in err
    assert "Ingenting har importerats" in err
    assert "persons[" in err and "kontrollsiffra" in err
    assert "finns-inte" in err and "uncle" in err
    code, out, err = run(capsys, monkeypatch, "cases", "list", *new, "--json")
    assert code == 0 and json.loads(out) == []
    assert db.exists()


# -- the expiry flag wherever the guideline is used ----------------------------------------

def _jamtland_case(services) -> str:
    cases = services.cases
    uid = cases.open("Östersund", guideline_id=JAMTLAND,
                     due_date=cases.today() + timedelta(days=100), concerns=["mental"],
                     initiator_kind="barnmorskemottagning", opened_on=date(2026, 11, 2))
    cases.add_person(uid, "pregnant", who("Tova Testsson", "19850312-9804"))
    return uid


def test_the_case_view_flags_the_expired_guideline_with_the_issues_words(qtbot, services, clock):
    from oro_desktop.gui.cases.section import CasesView

    clock.day = date(2026, 12, 1)
    uid = _jamtland_case(services)
    clock.day = date(2027, 1, 4)
    assert FLAG in services.cases.view(uid).guidance.validity.text
    view = CasesView(services, None)
    qtbot.addWidget(view)
    view.resize(1366, 740)
    view.show()
    qtbot.waitUntil(lambda: not view.busy, timeout=15_000)
    detail = view.open_case(uid)
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.row.uid == uid)
    validity = detail.guidance.result.validity
    assert FLAG in validity.text() and validity.property("role") == "warning"


def test_nytt_arende_flags_an_expired_guideline(qtbot, services, clock, session):
    from PySide6.QtWidgets import QLabel

    from oro_desktop.gui.cases.new_case import NewCaseDialog

    session.set_setting("default_region", "jamtland-harjedalen")
    clock.day = date(2027, 1, 4)
    dialog = NewCaseDialog(services.cases)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.guideline.currentData() == JAMTLAND
    shown = [dialog.guideline.currentText()] + [
        label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert any(FLAG in text for text in shown), shown


def test_att_gora_flags_the_expired_guideline_with_the_issues_words(qtbot, services):
    from datetime import datetime

    from oro_desktop.gui.todo.view import TodoView

    view = TodoView(services, None, now=lambda: datetime(2027, 1, 4, 9, 0))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.busy_now and view.data is not None, timeout=15_000)
    rows = view.rows("guidelines")
    jamtland = [r for r in rows if r.ref == JAMTLAND]
    assert jamtland and FLAG in jamtland[0].detail and jamtland[0].urgent


def test_att_gora_names_the_person_still_to_be_told_afterwards(qtbot, services):
    from datetime import datetime

    from oro_desktop.gui.todo.view import TodoView

    cases = services.cases
    uid = cases.open("Krokom", guideline_id=JAMTLAND, due_date=cases.today() + timedelta(days=90),
                     concerns=["substance"], initiator_kind="socialtjänsten")
    p = cases.add_person(uid, "pregnant", who("Sara Provsdotter", "19900214-9848"))
    cases.record_consent(uid, p, answer="no", manner="oral", asked_on=cases.today(),
                         asked_by="Socialsekreterare", function="Socialtjänsten",
                         content="Oro.", said="Nej.")
    services.disclosures.record(
        uid, disclosed_on=cases.today(), sender=Party("Socialtjänsten Krokom", "socialtjänsten", True),
        recipient=Party("Barnmorskemottagningen Krokom", "barnmorskemottagning", True),
        legal_basis="osl-26-9", content="Oro.", decided_by="Enhetschef",
        told_before_on=cases.today(), told_before="Att kontakt tas.")
    view = TodoView(services, None, now=lambda: datetime(2026, 3, 2, 9, 0))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.busy_now and view.data is not None, timeout=15_000)
    (row,) = view.rows("tell_after")
    assert "Sara Provsdotter" in row.title + row.detail


# -- the region setting decides which contacts come first ---------------------------------

def test_the_region_setting_puts_its_contacts_first(qtbot, services, session):
    from oro_desktop.gui.contacts.view import make_widget

    for setting, region in (("kronoberg", "Kronoberg"), ("vastra-gotaland", "Västra Götaland")):
        session.set_setting("default_region", setting)
        view = make_widget(services)
        qtbot.addWidget(view)
        view.show()
        first = view.model.items[0].entry if view.model.items else None
        chosen = view.region_box.currentData() or ""
        assert chosen == region or (first is not None and first.region == region), (setting, chosen)


def test_the_case_view_prints_the_consent_form_for_signature(qtbot, services):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton

    from oro_desktop.gui.cases.section import CasesView

    cases = services.cases
    uid = cases.open("Östersund", guideline_id=JAMTLAND, due_date=cases.today() + timedelta(days=90),
                     concerns=["mental"], initiator_kind="barnmorskemottagning")
    cases.add_person(uid, "pregnant", who("Tova Testsson", "19850312-9804"))
    view = CasesView(services, None)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.busy, timeout=15_000)
    detail = view.open_case(uid)
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.row.uid == uid)
    texts = [b.text() for b in detail.findChildren(QAbstractButton)]
    texts += [a.text() for a in detail.findChildren(QAction)]
    assert any("skriv ut" in t.replace("&", "").lower() for t in texts), texts


def test_the_responsible_user_and_unit_are_both_shown(services, session, capsys, monkeypatch):
    cases = services.cases
    uid = cases.open("Krokom", guideline_id=JAMTLAND, due_date=cases.today() + timedelta(days=90),
                     concerns=["substance"], initiator_kind="socialtjänsten",
                     responsible_unit="Socialtjänsten Krokom")
    assert "Socialtjänsten Krokom" in repr(cases.view(uid).row)
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    code, out, err = run(capsys, monkeypatch, "cases", "show", uid, "--db", str(db),
                         "--user", USER)
    assert code == 0, err
    assert "Socialtjänsten Krokom" in out and USER in out


def test_a_violence_concern_alone_does_not_exempt_from_telling_the_parent(services):
    cases = services.cases
    uid = cases.open("Ljungby", guideline_id=KRONOBERG, concerns=["violence"],
                     child=unnumbered("Liten Testare", "Nyfött, ännu ej folkbokfört"),
                     initiator_kind="BB")
    parent = cases.add_person(uid, "guardian", who("Robin Testare", "19910909-9961"))
    cases.record_consent(uid, parent, answer="no", manner="oral", asked_on=cases.today(),
                         asked_by="Barnmorska", function="Barnmorska", content="Oro.",
                         said="Nej.")
    codes = cases.view(uid).guidance.codes()
    assert "violence_exemption" not in codes
    assert "inform_before_after" in codes


def test_a_step_not_on_the_checklist_cannot_be_ticked(services):
    from oro_desktop.errors import InvalidInput

    cases = services.cases
    uid = cases.open("Krokom", guideline_id=JAMTLAND, due_date=cases.today() + timedelta(days=90),
                     concerns=["substance"], initiator_kind="socialtjänsten")
    p = cases.add_person(uid, "pregnant", who("Sara Provsdotter", "19900214-9848"))
    cases.record_consent(uid, p, answer="no", manner="oral", asked_on=cases.today(),
                         asked_by="Socialsekreterare", function="Socialtjänsten", content="Oro.",
                         said="Nej.")
    shown = {s.step_id for s in cases.view(uid).steps}
    assert "a1-2" not in shown
    with pytest.raises(InvalidInput):
        cases.tick_step(uid, "a1-2", note="Kontakt med barnmorskan med samtycke.")


def _krokom_export(services, session) -> dict:
    cases = services.cases
    uid = cases.open("Krokom", guideline_id=JAMTLAND, due_date=cases.today() + timedelta(days=90),
                     concerns=["substance"], initiator_kind="socialtjänsten")
    p = cases.add_person(uid, "pregnant", who("Sara Provsdotter", "19900214-9848"))
    cases.add_person(uid, "partner", who("Kim Testsson", "19850312-9820"))
    cases.record_consent(uid, p, answer="no", manner="oral", asked_on=cases.today(),
                         asked_by="Socialsekreterare", function="Socialtjänsten", content="Oro.",
                         said="Nej.")
    services.disclosures.record(
        uid, disclosed_on=cases.today(), sender=Party("Socialtjänsten Krokom", "socialtjänsten", True),
        recipient=Party("Barnmorskemottagningen Krokom", "barnmorskemottagning", True),
        legal_basis="osl-26-9", content="Oro.", decided_by="Enhetschef",
        told_before_on=cases.today(), told_before="Att kontakt tas.")
    return CaseTransfer(session, cases.guidance, FormLibrary(forms_dir()),
                        today=cases.today).export_data()


@pytest.mark.parametrize("breach", ["exemption_in_jamtland", "nobody_said_no", "partner_answers"])
def test_the_import_refuses_what_the_services_refuse(services, session, breach, tmp_path):
    clean = _krokom_export(services, session)
    data = json.loads(json.dumps(clean))
    (case,) = data["cases"]
    if breach == "exemption_in_jamtland":
        d = case["disclosures"][0]
        d.update(informed="exemption", told_before_on=None, told_before="",
                 exemption_reason="Orosanmälan om våld.")
        d["form"]["data"].update(informeras="undantag", undantag_grund="vald",
                                 undantag_ej_delaktig="nej", undantag_skal="Orosanmälan om våld.")
        for key in ("fore_datum", "fore_vad"):
            d["form"]["data"].pop(key, None)
    elif breach == "nobody_said_no":
        case["consents"] = []
    else:
        partner = next(p["person"] for p in case["participants"] if p["role"] == "partner")
        case["consents"][0]["person"] = partner
    from oro_desktop.services.session import Session
    from oro_desktop.store.kdf import FAST_INSECURE

    fresh, _key = Session.create(tmp_path / "ny.db", USER, PASSWORD, kdf=FAST_INSECURE)
    try:
        transfer = CaseTransfer(fresh, services.cases.guidance, FormLibrary(forms_dir()),
                                today=services.cases.today)
        assert transfer.check(clean) == []  # the untouched export is accepted
        assert transfer.check(data), breach  # the services refuse this; so must the import
    finally:
        fresh.close()

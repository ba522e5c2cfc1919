"""Import and export of persons and cases: all or nothing, encrypted, uids kept, no protected
address; and the `oro-admin cases|import|export` commands."""

from __future__ import annotations

import io
import json
import sys
from datetime import date

import pytest

from oro_desktop.cli import options
from oro_desktop.cli.main import main
from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir
from oro_desktop.services.cases_transfer import CaseTransfer, ImportRefused
from oro_desktop.services.session import Session
from oro_desktop.store import transfer
from oro_desktop.store.kdf import FAST_INSECURE
from tests.cases.conftest import ADMIN, BABY, PARENT_A, PASSWORD, TODAY, person, public
from tests.cases.test_case_scenarios import _consent, _open

ADDRESS = "Hemligvägen 7, 352 30 Växjö"


def _fill(cases, disclosures):
    _, k, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, k, a, "yes")
    _consent(cases, k, b, "no")
    cases.tick_step(k, "a1-1", note="Klart")
    disclosures.record(k, disclosed_on=TODAY, sender=public("BVC Växjö", "BVC"),
                       recipient=public("Socialtjänsten Växjö", "socialtjänsten"),
                       legal_basis="osl-25-12", content="Oro.", decided_by="Chef",
                       told_before_on=TODAY, told_before="Att kontakt tas.")
    j = cases.open("Östersund", guideline_id="jamtland-harjedalen-vantat-barn",
                   due_date=date(2026, 6, 1))
    cases.add_person(j, "pregnant", person("Skyddad Gravid", "19850312-9846", address=ADDRESS,
                                           protected=True))
    return k, j


def _transfer(session, cases):
    return CaseTransfer(session, cases.guidance, FormLibrary(forms_dir()), today=lambda: TODAY)


def _table(session, table):
    return [r[0] for r in session.store.conn.execute(f"SELECT uid FROM {table} ORDER BY uid")]


def test_encrypted_export_round_trip_keeps_uids(session, cases, disclosures, tmp_path):
    _fill(cases, disclosures)
    out = tmp_path / "export.oro"
    result = _transfer(session, cases).export_file(out, kdf=FAST_INSECURE)
    assert result.encrypted and result.passphrase and oct(out.stat().st_mode & 0o777) == "0o600"
    raw = out.read_bytes()
    assert b"Hemlig" not in raw and b"Tova" not in raw and "Växjö".encode() not in raw
    _header, payload = transfer.open_sealed(raw, result.passphrase)
    assert "Hemligvägen" not in json.dumps(payload, ensure_ascii=False)
    fresh, _key = Session.create(tmp_path / "ny.db", ADMIN, PASSWORD, kdf=FAST_INSECURE)
    try:
        from oro_desktop.services.cases import CaseService

        new_cases = CaseService(fresh, cases.guidance, FormLibrary(forms_dir()), today=lambda: TODAY)
        data = CaseTransfer.read_file(out, result.passphrase)
        imported = _transfer(fresh, new_cases).import_data(data)
        assert (imported.persons, imported.cases) == (result.persons, result.cases) == (5, 2)
        for table in ("cases", "persons", "case_consents", "disclosures", "case_steps"):
            assert _table(fresh, table) == _table(session, table), table
        for uid in _table(session, "cases"):
            old, new = cases.view(uid), new_cases.view(uid)
            assert [(p.uid, p.role, p.answer) for p in old.persons] == \
                [(p.uid, p.role, p.answer) for p in new.persons]
            assert [s.ticked for s in old.steps] == [s.ticked for s in new.steps]
            assert "Hemligvägen" not in repr(new)
        audit = fresh.store.conn.execute("SELECT count(*) FROM audit WHERE action = 'import'").fetchone()[0]
        assert audit == 1
    finally:
        fresh.close()
    assert session.store.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'export'").fetchone()[0] == 1


def test_wrong_passphrase_imports_nothing(session, cases, disclosures, tmp_path):
    _fill(cases, disclosures)
    out = tmp_path / "export.oro"
    _transfer(session, cases).export_file(out, kdf=FAST_INSECURE)
    with pytest.raises(transfer.TransferError):
        CaseTransfer.read_file(out, transfer.new_passphrase())


def test_import_with_one_bad_record_imports_nothing(session, cases, disclosures, tmp_path):
    _fill(cases, disclosures)
    data = _transfer(session, cases).export_data()
    fresh, _key = Session.create(tmp_path / "ny.db", ADMIN, PASSWORD, kdf=FAST_INSECURE)
    try:
        from oro_desktop.services.cases import CaseService

        service = _transfer(fresh, CaseService(fresh, cases.guidance, FormLibrary(forms_dir())))
        data["cases"][1]["participants"][0]["role"] = "uncle"
        data["cases"][0]["disclosures"][0]["recipient"]["public"] = False
        data["persons"][0]["identity"] = {"kind": "personnummer", "value": "191212121213"}
        with pytest.raises(ImportRefused) as info:
            service.import_data(data)
        problems = info.value.problems
        assert len(problems) >= 3
        assert any("persons[0]" in p and "kontrollsiffra" in p for p in problems)
        assert any("cases[1].participants[0]" in p and "uncle" in p for p in problems)
        assert any("cases[0].disclosures[0]" in p and "privat" in p for p in problems)
        assert all("\n" not in p for p in problems)
        for table in ("persons", "cases", "filled_forms", "case_consents"):
            assert fresh.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    finally:
        fresh.close()


def test_plaintext_export_has_no_protected_address(session, cases, disclosures, tmp_path):
    _fill(cases, disclosures)
    out = tmp_path / "export.json"
    result = _transfer(session, cases).export_file(out, plaintext=True)
    text = out.read_text("utf-8")
    assert not result.encrypted and "Hemligvägen" not in text
    assert json.loads(text)["format"] == "oro_desktop-register"


# -- the commands ---------------------------------------------------------------------------
def run(capsys, monkeypatch, *argv, stdin=""):
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_cases_list_show_export_import(session, cases, disclosures, tmp_path, capsys, monkeypatch):
    k, j = _fill(cases, disclosures)
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    base = ("--db", str(db), "--user", ADMIN)
    code, out, err = run(capsys, monkeypatch, "cases", "list", *base, "--json")
    assert code == 0, err
    assert {r["uid"] for r in json.loads(out)} == {k, j}
    code, out, err = run(capsys, monkeypatch, "cases", "show", j, *base)
    assert code == 0, err
    assert "Den gravida" in out and "Hemligvägen" not in out and "****" in out
    code, out, err = run(capsys, monkeypatch, "cases", "show", k, *base, "--json")
    view = json.loads(out)
    assert view["alternative"] == 2 and view["disclosures"]
    code, out, err = run(capsys, monkeypatch, "cases", "show", "f" * 32, *base)
    assert code != 0 and "finns inte" in err and "Traceback" not in err
    phrase = transfer.new_passphrase()
    monkeypatch.setenv("ORO_EXPORT_PASSPHRASE", phrase)
    target = tmp_path / "ut.oro"
    code, out, err = run(capsys, monkeypatch, "export", "--out", str(target), *base)
    assert code == 0, err
    assert phrase not in out  # given by the caller: not echoed
    code, out, err = run(capsys, monkeypatch, "export", "--out", str(tmp_path / "ut.json"),
                         "--plaintext", *base)
    assert code == 0 and "varning" in err and "inte krypterad" in err
    code, out, err = run(capsys, monkeypatch, "init", "--db", str(tmp_path / "ny.db"),
                         "--admin", ADMIN, "--password-stdin", stdin=f"{PASSWORD}\n")
    assert code == 0, err
    new = ("--db", str(tmp_path / "ny.db"), "--user", ADMIN)
    code, out, err = run(capsys, monkeypatch, "import", str(target), *new, "--password-stdin",
                         "--passphrase-stdin", stdin=f"{PASSWORD}\n{phrase}\n")
    assert code == 0, err
    assert "2 ärenden" in out
    code, out, err = run(capsys, monkeypatch, "import", str(target), *new, "--passphrase-stdin",
                         stdin=f"{phrase}\n")
    assert code != 0 and "finns redan" in err and "Traceback" not in err


@pytest.mark.parametrize("path,value", [
    (("cases", 0, "participants", 0, "person"), ["a", "list"]),
    (("cases", 0, "concerns"), [["nested"]]),
    (("cases", 0, "steps", 0, "note"), "x" * 3000),
    (("cases", 0, "history", 0, "at"), 17),
    (("cases", 0, "consents", 0, "form", "data"), "not a dict"),
    (("persons", 1, "identity"), {"kind": ["x"]}),
    (("cases", 0, "disclosures", 0, "told_after"), "said without a date"),
])
def test_any_bad_value_is_one_listed_problem(session, cases, disclosures, path, value):
    _fill(cases, disclosures)
    data = _transfer(session, cases).export_data()
    target = data  # imported into the same store: besides "finns redan", this problem is listed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ImportRefused) as info:
        _transfer(session, cases).import_data(data)
    wanted = f"{path[0]}[{path[1]}]"
    assert any(p.startswith(wanted) and "finns redan" not in p for p in info.value.problems), \
        info.value.problems

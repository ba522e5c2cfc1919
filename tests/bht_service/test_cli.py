"""`oro-admin teams list`, `transfer export/import`, `report bht`, in-process through main()."""

from __future__ import annotations

import io
import json
import sys
from datetime import date, timedelta

import pytest

from oro_desktop.cli import options
from oro_desktop.cli.main import main
from oro_desktop.core.barnhalsoteam import Attendee
from oro_desktop.services.barnhalsoteam import NamedChild, TopicInput
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import example

PW = "korrekt-häst-batteri"
ALL = [Attendee("forskolechef"), Attendee("socialtjanst"), Attendee("bhv_sjukskoterska")]


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    for var in ("ORO_DB", "ORO_USER", "ORO_PASSWORD", "ORO_TRANSFER_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    options.reset_stdin_reader()
    yield
    options.reset_stdin_reader()


def run(capsys, monkeypatch, *argv, stdin=""):
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _store(tmp_path, name):
    s, _ = Session.create(tmp_path / name, "admin", PW, kdf=FAST_INSECURE)
    return s


def test_teams_transfer_and_report_through_the_cli(tmp_path, capsys, monkeypatch):
    today = date.today()
    s = _store(tmp_path, "a.db")
    start = today - timedelta(days=10)
    data = example(giltighet={"from": start.isoformat(),
                              "to": (start + timedelta(days=300)).isoformat()})
    c = s.services.consents
    cid = c.save(None, data).id
    c.register_signature(cid, signed_on=start, received_on=start, registered_by="admin",
                         guardians=2, signer="Tolvan Tolvansson")
    c.register_signature(cid, signed_on=start, received_on=start, registered_by="admin",
                         signer="Elva Elvasdotter")
    child = c.get(cid).child.uid
    bht = s.services.bht
    team = bht.create_team("Barnhälsoteam Åre", "Åre", today - timedelta(days=100))
    bht.add_member(team, "forskolechef", "Maja Exempelsson", mandate="Kallar")
    bht.record_meeting(team, today - timedelta(days=2), ALL, [
        TopicInput("Språket", "individual", NamedChild(child, "Logoped"))])
    bht.set_situation(child, protected_identity=False, secret_address=True, lvu_placement=False,
                      family_home_sol=False, undocumented=False)
    s.close()
    Session.create(tmp_path / "b.db", "admin", PW, kdf=FAST_INSECURE)[0].close()
    a = ["--db", str(tmp_path / "a.db"), "--user", "admin", "--password-stdin"]
    b = ["--db", str(tmp_path / "b.db"), "--user", "admin", "--password-stdin"]

    code, out, err = run(capsys, monkeypatch, "teams", "list", *a, "--json", stdin=PW + "\n")
    assert code == 0, err
    [t] = json.loads(out)
    assert t["uid"] == team and t["members"][0]["name"] == "Maja Exempelsson"

    out_file = tmp_path / "flytt.bin"
    code, out, err = run(capsys, monkeypatch, "transfer", "export", "20210315-9808",
                         "--out", str(out_file), *a, "--json", stdin=PW + "\n")
    assert code == 0, err
    exported = json.loads(out)
    assert exported["meetings"] == 1 and out_file.exists()
    assert exported["notices"] == ["protected", "protected_moving"]  # shown before moving

    code, out, err = run(capsys, monkeypatch, "transfer", "import", str(out_file), *b,
                         "--passphrase-stdin", stdin=f"{PW}\nAAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n")
    assert code != 0 and "fel lösenfras" in err and "Traceback" not in err
    code, out, err = run(capsys, monkeypatch, "transfer", "import", str(out_file), *b,
                         "--passphrase-stdin", stdin=f"{PW}\n{exported['passphrase']}\n")
    assert code == 0, err
    assert "1 möten" in out
    monkeypatch.setenv("ORO_TRANSFER_PASSPHRASE", exported["passphrase"])
    code, out, err = run(capsys, monkeypatch, "transfer", "import", str(out_file), *b,
                         stdin=f"{PW}\n")
    assert code != 0 and "redan" in err

    pdf = tmp_path / "rapport.pdf"
    code, out, err = run(capsys, monkeypatch, "report", "bht", "--year", str(today.year),
                         "--out", str(pdf), "--implemented", "ja", *a, "--json",
                         stdin=PW + "\n")
    assert code == 0, err
    assert json.loads(out)["meetings"] == 1
    assert pdf.read_bytes().startswith(b"%PDF") and (pdf.stat().st_mode & 0o777) == 0o600

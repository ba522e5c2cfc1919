"""`oro-admin audit` and `audit review` end to end (in-process), and render's file mode."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from oro_desktop.cli import options
from oro_desktop.cli.main import main
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

PW = "korrekt-häst-batteri"


@pytest.fixture(autouse=True)
def _kdf_warning_once(monkeypatch):
    """Keep the once-per-process KDF warning for the suites that assert it."""
    from oro_desktop.store import kdf

    monkeypatch.setattr(kdf, "_warned", kdf._warned)


@pytest.fixture
def db(tmp_path, monkeypatch):
    for var in ("ORO_DB", "ORO_USER", "ORO_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    path = tmp_path / "oro.db"
    session, _ = Session.create(path, "anna", PW, kdf=FAST_INSECURE)
    session.set_setting("unit_name", "Mödravården Exempelby")
    with session.store.unit_of_work("anna") as uow:
        for n in range(5):
            uow.audit("read", "consent", n + 1)
    session.close()
    return path


def run(capsys, monkeypatch, *argv):
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PW + "\n"))
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors exit 2 (one line)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def reader(db, *extra):
    return [*extra, "--db", str(db), "--user", "anna", "--password-stdin", "--json"]


def test_audit_shows_the_unit_and_is_itself_audited(db, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "audit", *reader(db), "--limit", "3")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 3 and rows[0]["unit"] == "Mödravården Exempelby"
    code, out, _ = run(capsys, monkeypatch, "audit", *reader(db), "--record", "audit:")
    code, out, _ = run(capsys, monkeypatch, "audit", *reader(db))
    reads_of_log = [r for r in json.loads(out) if r["record_type"] == "audit"]
    assert len(reads_of_log) == 2 and reads_of_log[-1]["detail"]["limit"] == 3


def test_since_refuses_an_impossible_date_instead_of_showing_nothing(db, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "audit", *reader(db), "--since", "2026-13-01")
    assert code == 2 and out == "" and "2026-13-01" in err and len(err.splitlines()) == 1


def test_review_draw_mark_show_and_print(db, tmp_path, capsys, monkeypatch):
    old = os.umask(0o022)
    try:
        today = date.today().isoformat()
        code, out, err = run(capsys, monkeypatch, "audit", "review", "draw", "--by", "anna",
                             "--from", today, "--to", today, "--size", "3", *reader(db)[:-1])
        assert code == 0, err
        assert "Loggranskning nr 1" in out and "Mödravården Exempelby" in out
        code, out, _ = run(capsys, monkeypatch, "audit", "review", "show", "1", *reader(db))
        review = json.loads(out)
        first = review["items"][0]["entry"]["id"]
        code, out, err = run(capsys, monkeypatch, "audit", "review", "mark", "1", str(first),
                             "--remark", "--note", "Fråga enhetschefen", *reader(db))
        assert code == 0, err
        items = {i["entry"]["id"]: i for i in json.loads(out)["items"]}
        assert items[first]["verdict"] == "remark" and items[first]["note"] == "Fråga enhetschefen"
        out_pdf = tmp_path / "granskning.pdf"
        code, out, err = run(capsys, monkeypatch, "audit", "review", "print", "1", "--out",
                             str(out_pdf), *reader(db)[:-1])
        assert code == 0 and "inte krypterad" in err
        assert stat.S_IMODE(out_pdf.stat().st_mode) == 0o600
        text = PdfReader(out_pdf).pages[0].extract_text()
        assert "Fråga enhetschefen" in text and "Med anmärkning" in text
        code, out, _ = run(capsys, monkeypatch, "audit", *reader(db), "--record",
                           "audit_review:1")
        actions = [r["action"] for r in json.loads(out)]
        assert "export" in actions and "create" in actions and "update" in actions
        export = next(r for r in json.loads(out) if r["action"] == "export")
        assert export["detail"]["path"] == str(out_pdf.resolve())
    finally:
        os.umask(old)


def test_forms_render_writes_0600_whatever_the_umask(tmp_path, capsys, monkeypatch):
    old = os.umask(0o022)
    try:
        out_pdf = tmp_path / "blank.pdf"
        code = main(["forms", "render", "barnhalsoteam-samtycke", "--out", str(out_pdf)])
        capsys.readouterr()
        assert code == 0 and stat.S_IMODE(out_pdf.stat().st_mode) == 0o600
    finally:
        os.umask(old)

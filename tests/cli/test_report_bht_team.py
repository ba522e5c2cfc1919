"""`oro-admin report bht --team`: the yearly follow-up per team and year (issue 12), a team
named by id or name, an unknown team refused in one Swedish line, Swedish metavars."""

from __future__ import annotations

import io
import json
import sys
from datetime import date

import pytest

from oro_desktop.cli import options
from oro_desktop.cli.main import main
from oro_desktop.core.barnhalsoteam import Attendee
from oro_desktop.services.barnhalsoteam import TopicInput
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

PW = "korrekt-häst-batteri"
ALL = [Attendee("forskolechef"), Attendee("socialtjanst"), Attendee("bhv_sjukskoterska")]


def run(capsys, monkeypatch, *argv):
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(tmp_path, monkeypatch):
    for var in ("ORO_DB", "ORO_USER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ORO_PASSWORD", PW)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    s, _ = Session.create(tmp_path / "a.db", "admin", PW, kdf=FAST_INSECURE)
    bht = s.services.bht
    krokom = bht.create_team("Barnhälsoteam Krokom", "Krokom", date(2025, 8, 1))
    are = bht.create_team("Barnhälsoteam Åre", "Åre", date(2025, 8, 1))
    bht.record_meeting(krokom, date(2026, 2, 4), ALL, [TopicInput("Inskolning", "organisation")])
    for day in (date(2026, 3, 4), date(2026, 4, 8), date(2026, 9, 9)):
        bht.record_meeting(are, day, ALL, [TopicInput("Språk", "group")])
    path = s.path
    s.close()
    return path, krokom, are


def report(capsys, monkeypatch, db, out, *more):
    return run(capsys, monkeypatch, "report", "bht", "--year", "2026", *more, "--out", str(out),
               "--db", str(db), "--user", "admin", "--json")


def test_one_team_by_id_by_name_and_all_together(store, tmp_path, capsys, monkeypatch):
    db, krokom, are = store
    counts = {}
    for label, more in (("are", ("--team", are)), ("krokom", ("--team", "barnhälsoteam krokom")),
                        ("both", ("--team", are, "--team", krokom)), ("all", ())):
        code, out, err = report(capsys, monkeypatch, db, tmp_path / f"{label}.pdf", *more)
        assert code == 0, err
        data = json.loads(out)
        counts[label] = data["numbers"]["meeting_count"]
        assert (tmp_path / f"{label}.pdf").read_bytes().startswith(b"%PDF")
    assert counts == {"are": 3, "krokom": 1, "both": 4, "all": 4}


def test_an_unknown_team_is_refused_and_nothing_written(store, tmp_path, capsys, monkeypatch):
    db, _krokom, _are = store
    out = tmp_path / "x.pdf"
    code, _out, err = report(capsys, monkeypatch, db, out, "--team", "Barnhälsoteam Ingenstans")
    assert code not in (0, 70)
    assert "inget eget barnhälsoteam" in err and "Ingenstans" in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()


def test_the_options_are_explained_in_swedish(capsys):
    with pytest.raises(SystemExit):
        main(["report", "bht", "--help"])
    text = capsys.readouterr().out
    assert "--team TEAM" in text and "per team och år" in text
    assert "--how-it-worked TEXT" in text and "HOW_IT_WORKED" not in text
    assert "IMPROVEMENTS" not in text and "EFFECTS" not in text

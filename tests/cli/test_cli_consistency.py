"""Issue 13: `--user` always names who signs in; filters on a user are `--by`; a relative
`--db` becomes absolute."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from oro_desktop.cli.main import build_parser

from tests.cli.test_store_admin_cli import PW, _audit, _env, run, store  # noqa: F401


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def test_user_is_the_sign_in_on_every_command_that_signs_in():
    checked = []
    for path, parser in _parsers(build_parser()):
        options = {opt: action for action in parser._actions for opt in action.option_strings}
        if "--password-stdin" not in options or path == ("init",):
            continue
        assert "--user" in options, path
        assert options["--user"].dest == "user", path  # never a filter
        assert "--as" not in options, path
        checked.append(path)
    assert ("audit",) in checked and ("audit", "review", "draw") in checked
    assert len(checked) >= 10


def test_audit_by_filters_and_user_signs_in(store, capsys, monkeypatch):
    db, _ = store
    code, _, err = run(capsys, monkeypatch, "user", "add", "bertil", "--role", "clinician",
                       "--db", str(db), "--user", "admin", "--password-stdin",
                       stdin=f"{PW}\nbertils-langa-losen\nbertils-langa-losen\n")
    assert code == 0, err
    everything = _audit(capsys, monkeypatch, db)
    assert {e["actor"] for e in everything} == {"admin"}
    assert any(e["record_id"] == "bertil" for e in everything)
    assert _audit(capsys, monkeypatch, db, "--by", "bertil") == []
    by_admin = _audit(capsys, monkeypatch, db, "--by", "admin")
    assert by_admin and all(e["actor"] == "admin" for e in by_admin)
    # The clinician signing in with --user is refused: the log is for admins.
    code, _, err = run(capsys, monkeypatch, "audit", "--db", str(db), "--user", "bertil",
                       "--password-stdin", stdin="bertils-langa-losen\n")
    assert code != 0 and "administratör" in err.lower()


def test_relative_db_is_made_absolute(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, monkeypatch, "init", "--db", "sub/oro.db", "--admin", "admin",
                         "--password-stdin", "--json", stdin=f"{PW}\n")
    assert code == 0, err
    reported = Path(json.loads(out)["db"])
    assert reported.is_absolute() and reported == tmp_path / "sub" / "oro.db"
    monkeypatch.setenv("ORO_DB", "sub/oro.db")
    code, out, err = run(capsys, monkeypatch, "user", "list", "--user", "admin",
                         "--password-stdin", "--json", stdin=f"{PW}\n")
    assert code == 0, err

"""`oro-admin --help` is Swedish throughout, argparse's own words included, on every
command and subcommand; so are its errors."""

from __future__ import annotations

import argparse
import re

import pytest

from oro_desktop.cli.main import build_parser, main

ENGLISH = re.compile(
    r"usage:|options:|optional arguments|positional arguments|show this help|"
    r"the following arguments|error:|invalid choice|\(default:|subcommands", re.IGNORECASE)


def command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths.extend(command_paths(sub, (*prefix, name)))
    return paths


PATHS = command_paths(build_parser())


def test_every_command_is_covered() -> None:
    names = {p[0] for p in PATHS if p}
    assert {"init", "check", "backup", "restore", "user", "audit", "forms", "contacts"} <= names
    assert any(len(p) == 2 for p in PATHS), "subcommands (e.g. user add) are walked too"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "oro-admin")
def test_help_is_swedish(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*path, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: oro-admin")
    assert "visa den här hjälpen och avsluta" in out
    assert "flaggor:" in out
    assert not ENGLISH.search(out), ENGLISH.search(out)


def test_errors_are_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["backup"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "oro-admin backup: följande argument krävs: UT" in err
    with pytest.raises(SystemExit):
        main(["finns-inte"])
    err = capsys.readouterr().err
    assert "oro-admin: KOMMANDO: ogiltigt val: 'finns-inte'" in err
    assert "argument KOMMANDO" not in err
    assert not ENGLISH.search(err)
    # A flag's own error names the flag, without argparse's English "argument" prefix.
    with pytest.raises(SystemExit):
        main(["guide", "--situation"])
    err = capsys.readouterr().err
    assert "--situation: ett värde saknas" in err and "argument --situation" not in err


def test_oro_desktop_help_is_swedish_too(capsys: pytest.CaptureFixture[str]) -> None:
    from oro_desktop.gui.app import parse_args

    with pytest.raises(SystemExit):
        parse_args(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("användning: oro-desktop") and "flaggor:" in out
    assert "--quit-when-shown" in out and not ENGLISH.search(out)

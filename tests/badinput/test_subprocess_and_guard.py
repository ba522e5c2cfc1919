"""The real entry point with real bytes (argv and environment are bytes on POSIX), and
the top-level guard: one line for an unexpected error, the traceback with ORO_DEBUG=1."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from oro_desktop.cli import main as cli_main
from oro_desktop.cli.commands import audit_cmds

from .conftest import ADMIN, PW, assert_refused


def _run(corpus, argv: list[bytes], env_extra: dict[bytes, bytes], stdin: bytes = b""):
    env = {k.encode(): v.encode() for k, v in os.environ.items()
           if not k.startswith("ORO_")}
    env.update({b"ORO_INSECURE_FAST_KDF": b"1", **env_extra})
    r = subprocess.run([sys.executable.encode(), b"-m", b"oro_desktop.cli.main", *argv],
                       input=stdin, capture_output=True, env=env, timeout=60)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("argv, env, stdin", [
    ([b"audit", b"--db", b"{db}", b"--user", b"adm\xffin", b"--password-stdin"], {},
     PW.encode() + b"\n"),
    ([b"audit", b"--db", b"{db}", b"--user", ADMIN.encode()], {b"ORO_PASSWORD": b"pw\xff\xfe"}, b""),
    ([b"audit", b"--db", b"{db}", b"--user", ADMIN.encode(), b"--password-stdin"], {},
     b"\xff\xfe\xfd\n"),
    ([b"audit", b"--db", b"{db}", b"--password-stdin"], {b"ORO_USER": b"\xc3\x28"},
     PW.encode() + b"\n"),
    ([b"forms", b"validate", b"barnhalsoteam-samtycke", b"--data", b"/tmp/\xff.json"], {}, b""),
], ids=["argv bytes", "ORO_PASSWORD bytes", "stdin bytes", "ORO_USER bytes", "path bytes"])
def test_non_utf8_bytes_from_outside_are_refused(corpus, argv, env, stdin):
    argv = [a.replace(b"{db}", os.fsencode(corpus.db)) for a in argv]
    before = corpus.digest()
    code, out, err = _run(corpus, argv, env, stdin)
    assert "UTF-8" in assert_refused(code, out, err)
    assert corpus.digest() == before


def test_the_guard_prints_one_line_for_a_bug(cli, monkeypatch):
    def boom(args):
        raise RuntimeError("a bug")
    monkeypatch.setattr(audit_cmds, "cmd_audit", boom)
    monkeypatch.setattr(cli_main, "build_parser", _parser_with(boom))
    code, out, err = cli(["audit"])
    assert code == cli_main.INTERNAL_ERROR
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "oväntat fel (RuntimeError)" in err and "ORO_DEBUG=1" in err


def test_the_guard_shows_the_traceback_with_oro_debug(cli, monkeypatch):
    def boom(args):
        raise RuntimeError("a bug")
    monkeypatch.setattr(cli_main, "build_parser", _parser_with(boom))
    with pytest.raises(RuntimeError):
        cli(["audit"], env={"ORO_DEBUG": "1"})


def _parser_with(func):
    real = cli_main.build_parser

    def build():
        parser = real()
        parser.set_defaults(func=func)
        for action in parser._actions:
            if hasattr(action, "choices") and isinstance(action.choices, dict):
                for sub in action.choices.values():
                    sub.set_defaults(func=func)
        return parser
    return build

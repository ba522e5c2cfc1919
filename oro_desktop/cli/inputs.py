"""`oro-admin`'s side of bounded input: argparse types, argv and environment checks,
secrets from stdin or the environment, one-line parser errors.

The rules themselves (sizes, depths, the 1900–2200 date range) live in
`oro_desktop.services.inputs`, shared with the GUI; this module adapts them to argparse
so every command refuses bad input the same way: one line on stderr, exit 2, nothing
changed. See docs/architecture.md, "Input from outside".
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from oro_desktop.errors import InvalidInput
from oro_desktop.services import inputs as rules

MAX_ARG = 4096          # one argument (PATH_MAX on Linux)
MAX_STDIN = 64 * 1024   # --password-stdin: a few secrets, one per line


def _argparse_type(fn: Callable[[str], Any], name: str) -> Callable[[str], Any]:
    """Wrap `fn` so that InvalidInput becomes argparse's own error (with the option name)."""
    def convert(text: str) -> Any:
        try:
            return fn(text)
        except InvalidInput as exc:
            raise argparse.ArgumentTypeError(exc.message) from None
    convert.__name__ = name
    return convert


def int_arg(minimum: int, maximum: int, what: str = "") -> Callable[[str], int]:
    return _argparse_type(lambda t: rules.parse_int(t, what, minimum=minimum, maximum=maximum),
                          "heltal")


def date_arg(what: str = "") -> Callable[[str], date]:
    return _argparse_type(lambda t: rules.parse_date(t, what), "datum")


def moment_arg(what: str = "") -> Callable[[str], date | datetime]:
    return _argparse_type(lambda t: rules.parse_moment(t, what), "tidpunkt")


def text_arg(what: str = "", max_len: int = 1000) -> Callable[[str], str]:
    return _argparse_type(lambda t: rules.check_text(t, what, max_len=max_len), "text")


def path_arg(text: str) -> Path:
    """A path argument: valid UTF-8, no control characters, not absurdly long."""
    try:
        return Path(rules.check_text(text, "", max_len=MAX_ARG))
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


path_arg.__name__ = "sökväg"


def output_path_arg(text: str) -> Path:
    """A file to create or replace: not a directory or device, in a folder that exists."""
    try:
        return rules.check_output_path(text, "")
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


output_path_arg.__name__ = "utfil"


# -- argv and parser errors ------------------------------------------------------------

def check_argv(argv: Sequence[str]) -> None:
    """Refuse arguments that are not UTF-8 (surrogate escapes) or longer than MAX_ARG."""
    for position, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(f"Argument {position} är inte giltig UTF-8-text.") from None
        if len(arg) > MAX_ARG:
            raise InvalidInput(f"Argument {position} är för långt (högst {MAX_ARG} tecken).")


def one_line_errors(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Make `parser` and every sub-parser report a usage error on one line (exit 2).

    argparse prints the whole usage block first; in a script's log the reason then
    drowns. `--help` still shows the usage.
    """
    def error(message: str, *, _prog: str = parser.prog) -> NoReturn:
        line = " ".join(message.split())
        sys.stderr.write(f"{_prog}: {line} (se {_prog} --help)\n")
        raise SystemExit(2)

    parser.error = error  # type: ignore[method-assign]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                one_line_errors(sub)
    return parser


# -- environment and secrets -------------------------------------------------------------

def env_text(name: str, *, max_len: int = MAX_ARG) -> str | None:
    """An environment variable checked like an argument; None when unset or empty."""
    value = os.environ.get(name)
    if not value:
        return None
    return rules.check_text(value, f"${name}", max_len=max_len)


def env_secret(name: str) -> str | None:
    value = os.environ.get(name)
    if not value:
        return None
    return check_secret(value, f"${name}")


def check_secret(value: str, what: str) -> str:
    """A password or key: UTF-8, at most MAX_SECRET characters, no control characters."""
    return rules.check_text(value, what, max_len=rules.MAX_SECRET)


def read_stdin_lines() -> list[str]:
    """All of stdin (bounded) as lines, decoded strictly as UTF-8."""
    stream = sys.stdin
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        data = raw.read(MAX_STDIN + 1)
        if len(data) > MAX_STDIN:
            raise InvalidInput(f"--password-stdin: för mycket indata (högst {MAX_STDIN // 1024} kB).")
        text = rules.decode_utf8(data, "--password-stdin")
    else:  # a text stream (in-process tests)
        text = stream.read(MAX_STDIN + 1)
        if len(text) > MAX_STDIN:
            raise InvalidInput(f"--password-stdin: för mycket indata (högst {MAX_STDIN // 1024} kB).")
    return text.splitlines()

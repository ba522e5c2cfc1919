"""Shared `oro-admin` options: which store, which user, where secrets come from, --json.

Every command that opens the store uses these, so all commands behave alike:

- `--db PATH` (else `ORO_DB`, else the default store under the user data dir);
- `--db` / `ORO_DB` relative to the current folder is made absolute first;
- `--user NAME` (else `ORO_USER`): always who signs in, on every command (filters on a
  user are `--by`);
- secrets, in this order: `--password-stdin` (one secret per line on stdin, in the order
  the command's help lists them), then the environment variable (`ORO_PASSWORD`,
  `ORO_NEW_PASSWORD`, `ORO_RECOVERY_KEY`), then an interactive prompt (new passwords are
  asked twice). Without a terminal and without another source, the command stops with
  a one-line reason instead of hanging;
- `--json`: machine-readable output on stdout.

`ORO_INSECURE_FAST_KDF=1` (tests only, prints a warning) makes new key slots cheap.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from oro_desktop.cli import inputs
from oro_desktop.errors import InvalidInput
from oro_desktop.services import kdf as kdf_mod
from oro_desktop.services.session import Session, default_store_path

ENV_DB = "ORO_DB"
ENV_USER = "ORO_USER"
ENV_PASSWORD = "ORO_PASSWORD"
ENV_NEW_PASSWORD = "ORO_NEW_PASSWORD"
ENV_RECOVERY_KEY = "ORO_RECOVERY_KEY"

SECRETS_EPILOG = (
    "Lösenord läses från --password-stdin (en rad per hemlighet), annars från "
    "miljövariabeln, annars frågar kommandot."
)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="SÖKVÄG", type=inputs.path_arg, default=None,
        help=f"databasfilen (annars ${ENV_DB}, annars {default_store_path()})",
    )


def add_user_option(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    parser.add_argument("--user", metavar="NAMN", default=None, type=inputs.text_arg(),
                        help=help_text or f"användarnamn (annars ${ENV_USER})")


def add_secret_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help="läs lösenord (och andra hemligheter) från stdin, en per rad")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="maskinläsbar utdata (JSON)")


def add_store_options(parser: argparse.ArgumentParser, *, user: bool = True, json_out: bool = True) -> None:
    """--db, --user, --password-stdin and --json in one call."""
    add_db_option(parser)
    if user:
        add_user_option(parser)
    add_secret_options(parser)
    if json_out:
        add_json_option(parser)


def db_path(args: argparse.Namespace) -> Path:
    """The store named by --db / $ORO_DB, made absolute (issue 13): a relative path is
    resolved against the folder the command was started in, once, so what is printed,
    stored and audited never depends on a later working directory."""
    value = getattr(args, "db", None) or inputs.env_text(ENV_DB)
    if not value:
        return default_store_path()
    return Path(os.path.abspath(Path(value).expanduser()))


def user_name(args: argparse.Namespace) -> str:
    value = getattr(args, "user", None) or inputs.env_text(ENV_USER, max_len=1000)
    if not value:
        raise InvalidInput(f"Ange användare med --user eller ${ENV_USER}.")
    return value


_stdin_lines: Iterator[str] | None = None


def _next_stdin_line(what: str) -> str:
    global _stdin_lines
    if _stdin_lines is None:
        _stdin_lines = iter(inputs.read_stdin_lines())
    try:
        line = next(_stdin_lines)
    except StopIteration:
        raise InvalidInput(f"--password-stdin: raden för {what} saknas på stdin.") from None
    return inputs.check_secret(line, f"--password-stdin ({what})")


def reset_stdin_reader() -> None:
    """Forget buffered stdin lines (for in-process tests that call main() repeatedly)."""
    global _stdin_lines
    _stdin_lines = None


def read_secret(args: argparse.Namespace, *, env: str, prompt: str, what: str,
                confirm: bool = False) -> str:
    """One secret from stdin, the environment or a prompt (see module docstring)."""
    if getattr(args, "password_stdin", False):
        return _next_stdin_line(what)
    from_env = inputs.env_secret(env)
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"Inget {what} angivet: använd --password-stdin eller ${env}, eller kör i en terminal."
        )
    value = inputs.check_secret(getpass.getpass(prompt), what)
    if confirm and getpass.getpass("Upprepa: ") != value:
        raise InvalidInput("Lösenorden stämmer inte överens. Inget har ändrats.")
    return value


def password(args: argparse.Namespace) -> str:
    return read_secret(args, env=ENV_PASSWORD, prompt="Lösenord: ", what="lösenord")


def new_password(args: argparse.Namespace, prompt: str = "Nytt lösenord: ") -> str:
    return read_secret(args, env=ENV_NEW_PASSWORD, prompt=prompt, what="nytt lösenord", confirm=True)


def recovery_key(args: argparse.Namespace) -> str:
    return read_secret(args, env=ENV_RECOVERY_KEY, prompt="Återställningsnyckel: ",
                       what="återställningsnyckel")


def kdf(args: argparse.Namespace | None = None) -> kdf_mod.KdfParams | None:
    """KDF parameters for new key slots: the default unless the test-only switch is set."""
    return kdf_mod.from_environment()


def open_session(args: argparse.Namespace) -> Session:
    """Unlock the store named by the arguments (user, then password)."""
    path = db_path(args)
    user = user_name(args)
    return Session.unlock(path, user, password(args), kdf=kdf(args))


@contextlib.contextmanager
def session_from_args(args: argparse.Namespace) -> Iterator[Session]:
    """`with session_from_args(args) as session:`; logs out at the end, even on errors."""
    session = open_session(args)
    try:
        yield session
    finally:
        session.close()


def emit(args: argparse.Namespace, payload, text: str | None = None) -> None:
    """Print `payload` as JSON with --json, else `text` (if given)."""
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    elif text is not None:
        print(text)

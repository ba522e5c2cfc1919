"""`oro-admin`: administration and automation on the same services as the GUI.

Commands live in `oro_desktop/cli/commands/`, one module per command group; each module
exposes `register(subparsers)` and sets `func` on its parsers. Adding a command is adding
a module, not editing this file.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from oro_desktop.errors import OroError
from oro_desktop.cli import commands as _commands
from oro_desktop.cli import inputs as _inputs

DEBUG_ENV = "ORO_DEBUG"  # ORO_DEBUG=1 shows the traceback of an unexpected error
INTERNAL_ERROR = 70      # EX_SOFTWARE: a bug, never a refused input (tests assert this)


def build_parser() -> argparse.ArgumentParser:
    # Swedish help and errors, argparse's own words included ("användning:", "flaggor:").
    from oro_desktop.argparse_sv import install as swedish_argparse

    swedish_argparse()
    parser = argparse.ArgumentParser(
        prog="oro-admin",
        description="Administration av oro_desktop: databas, användare, kontroll, "
        "säkerhetskopior, granskningslogg, formulär och kontakter.",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(_commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _inputs.check_argv(argv)
        parser = _inputs.one_line_errors(build_parser())
        args = parser.parse_args(argv)
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe is seen here, not in the interpreter's exit
        return code
    except OroError as exc:
        print(f"oro-admin: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("oro-admin: avbrutet", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`oro-admin … | head`): not an error of ours. Point stdout
        # at devnull so the interpreter's final flush does not raise again (Python docs,
        # "Note on SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # the top-level guard: one line, never a traceback
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        print(f"oro-admin: oväntat fel ({type(exc).__name__}). Kör igen med {DEBUG_ENV}=1 "
              "för detaljer och rapportera felet.", file=sys.stderr)
        return INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())

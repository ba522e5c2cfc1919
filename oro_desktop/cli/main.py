"""`oro-admin`: administration and automation on the same services as the GUI.

Commands live in `oro_desktop/cli/commands/`, one module per command group; each module
exposes `register(subparsers)` and sets `func` on its parsers. Adding a command is adding
a module, not editing this file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from oro_desktop.errors import OroError
from oro_desktop.cli import commands as _commands


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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except OroError as exc:
        print(f"oro-admin: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("oro-admin: avbrutet", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

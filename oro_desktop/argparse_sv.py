"""argparse in Swedish: "användning:", "flaggor:", "fel:" and the rest of its own texts.

argparse marks every text it prints with gettext (`_()`, `ngettext()`), looked up at call
time in the argparse module, but Python ships no Swedish catalogue. `install()` points
those two names at a table of the texts in Python 3.11's argparse; a text not in the
table (one a newer Python added) stays English rather than failing. Installed by `oro-admin`'s
`build_parser()` and by `oro-desktop`'s `parse_args()` (harmless for any other parser
in the same process). Stdlib only, so both entry points may import it cheaply.
"""

from __future__ import annotations

import argparse

SWEDISH: dict[str, str] = {
    "usage: ": "användning: ",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "positional arguments": "argument",
    "subcommands": "kommandon",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
    "expected one argument": "ett värde saknas",
    "expected at most one argument": "högst ett värde får anges",
    "expected at least one argument": "minst ett värde krävs",
    "not allowed with argument %s": "får inte anges tillsammans med %s",
    "ignored explicit argument %r": "värdet %r ignoreras",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "ambiguous option: %(option)s could match %(matches)s":
        "tvetydig flagga: %(option)s kan betyda %(matches)s",
    "unexpected option string: %s": "oväntad flagga: %s",
    "can't open '%(filename)s': %(error)s": "kan inte öppna '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "okänt kommando %(parser_name)r (välj bland: %(choices)s)",
    " (default: %(default)s)": " (standard: %(default)s)",
}
_PLURAL = {("expected %s argument", "expected %s arguments"): ("%s värde krävs", "%s värden krävs")}


def gettext(message: str) -> str:
    """argparse's `_`: the Swedish text, or the message itself (also for None)."""
    if not isinstance(message, str):
        return message
    return SWEDISH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    sv = _PLURAL.get((singular, plural))
    if sv is None:
        return singular if n == 1 else plural
    return sv[0] if n == 1 else sv[1]


def install() -> None:
    """Make argparse speak Swedish from now on (idempotent)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]

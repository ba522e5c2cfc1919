"""Refuse a personnummer or samordningsnummer in a team's own texts.

Why: the team works mostly at organisation and group level (guideline 2.2), and what is
written at those levels (the question, the decisions, the follow-up) and a de-identified
case's summary is kept as de-identified; the yearly report prints the questions as
examples. A child's identity belongs only in the identified way (a named child, resting on
the guardians' consent), never typed into free text. Numbers are found by the
`personnummer` package: any 10- or 12-digit run, with or without '-'/'+', that parses as a
valid personnummer or samordningsnummer. Names cannot be detected reliably, so nothing
here pretends to: the GUI says not to write names.
"""

from __future__ import annotations

import re

from personnummer import personnummer as _pnr

from oro_desktop.errors import InvalidInput

_CANDIDATE = re.compile(r"(?<!\d)(\d{6}(?:\d{2})?)\s?([-+]?)\s?(\d{4})(?!\d)")


def find_identity_number(text: str) -> str | None:
    """The first valid personnummer/samordningsnummer in `text`, as written, else None."""
    for match in _CANDIDATE.finditer(text or ""):
        candidate = match.group(1) + match.group(2) + match.group(3)
        try:
            if _pnr.valid(candidate):
                return match.group(0)
        except (_pnr.PersonnummerException, ValueError):  # such a run is no number
            continue
    return None


def refuse_identity_number(text: str, what: str) -> None:
    """InvalidInput (Swedish) if `text` holds a personnummer or samordningsnummer."""
    if find_identity_number(text) is not None:
        raise InvalidInput(
            f"{what} innehåller ett personnummer eller samordningsnummer. Det som skrivs "
            "på organisations- och gruppnivå och i en avidentifierad diskussion ska inte "
            "kunna identifiera ett barn: ta bort numret (och namnet), eller diskutera "
            "barnet identifierat på individnivå med vårdnadshavarnas samtycke.")

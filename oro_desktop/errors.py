"""The one family of errors a user may see.

Every error that can reach a person carries a Swedish message (`message`) meant for the
screen or the terminal. Lower layers raise these (or subclasses); the GUI shows
`message` in a dialog, the CLI prints it on one line and exits non-zero. Pure Python,
so core/ may import it.
"""

from __future__ import annotations


class OroError(Exception):
    """Base class: an expected failure with a message fit for the user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(OroError):
    """The user gave input we cannot accept; nothing was changed."""

    exit_code = 2

"""Authoring errors in guideline and legal-reference files, and bad situations.

Why no catalogue here: every data file the app loads reports its mistakes through the
one catalogue in `core/datafiles.py` (codes, Swedish and English templates), so a
guideline author sees the same words for the same kind of mistake as a form author.
The codes only a guideline or legal file can produce (a step without its source, an
unknown legal reference, steps out of the guideline's order, ...) are in that catalogue
too, under "guideline and legal-reference files".
"""

from __future__ import annotations

from oro_desktop.core.datafiles import DataFileError
from oro_desktop.errors import InvalidInput


class GuidelineError(DataFileError):
    """A guideline or legal-reference file has authoring errors; `errors` holds all.

    Every line names its file, so one error can cover the guideline folder and the
    legal-reference file at once.
    """

    heading = "Riktlinjefilerna innehåller fel:"


class SituationError(InvalidInput):
    """A situation that cannot be guided: one Swedish line saying what is wrong."""

"""Which guideline comes first, and how a guideline is named in a list: pure helpers.

Why here: the region setting (`default_region`, e.g. "kronoberg") decides the default
guideline of the Vägledning view, so a Kronoberg unit never starts on Jämtland's. The
setting holds a slug; a guideline names its region in words ("Jämtland Härjedalen").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

from oro_desktop.core.dates import day_count
from oro_desktop.core.guidance import Guideline, validity

SITUATION_NAMES = {"expected_child": "väntat barn", "newborn": "nyfött barn"}


def region_slug(region: str) -> str:
    """"Jämtland Härjedalen" -> "jamtland-harjedalen" (the settings' spelling)."""
    plain = unicodedata.normalize("NFKD", region).encode("ascii", "ignore").decode()
    return "-".join(plain.lower().split())


def ordered(guidelines: Sequence[Guideline], default_region: str) -> list[Guideline]:
    """The unit's own region first (its guidelines in id order), then the others."""
    own = region_slug(default_region) if default_region else ""
    return sorted(guidelines, key=lambda g: (region_slug(g.region) != own, g.id))


def validity_words(guideline: Guideline, today: date) -> str:
    """Short validity for a list entry: "gäller t.o.m. 2026-12-31", "har gått ut", ..."""
    valid = validity(guideline, today)
    if valid.valid_through is None:
        return "ingen giltighetstid angiven"
    end = valid.valid_through.isoformat()
    if valid.expired:
        return f"gällde t.o.m. {end} – har gått ut"
    if valid.expires_soon:
        return f"gäller t.o.m. {end}, {day_count(valid.days_left or 0)} kvar"
    return f"gäller t.o.m. {end}"


def guideline_label(guideline: Guideline, today: date) -> str:
    """"Kronoberg – nyfött barn (ingen giltighetstid angiven)" for the guideline list."""
    what = SITUATION_NAMES.get(guideline.situation, guideline.situation)
    draft = ", utkast" if guideline.status == "draft" else ""
    return f"{guideline.region} – {what} ({validity_words(guideline, today)}{draft})"

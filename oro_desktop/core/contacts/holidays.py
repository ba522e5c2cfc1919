"""Swedish public holidays, so "öppet nu" is not claimed on långfredagen.

The calendar comes from the `holidays` package (a well-kept, tested calendar) rather than
our own Easter arithmetic: its "public" category is Lag (1989:253) om allmänna helgdagar
(nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk, Kristi
himmelsfärdsdag, första maj, nationaldagen, pingstdagen, midsommardagen, alla helgons
dag, juldagen, annandag jul). Julafton, midsommarafton and nyårsafton are not public
holidays by that law, but offices are closed on them in practice and working-time rules
treat them like Sundays; the package files them as "de_facto", and the directory counts
them as closed too (the name says "afton"). Sundays, which the package also lists as
holidays by default, are left to the opening hours themselves.

Opening hours of a unit that works on holidays are then shown as closed; such a unit
should be given "dygnet runt" (always) or be an after-hours route, which holidays never
close.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache


# Public holidays by law plus the three "aftnar" (see the module docstring).
_CATEGORIES = ("public", "de_facto")


def easter_sunday(year: int) -> date:
    """Easter Sunday of `year` (Gregorian), as the holiday calendar computes it."""
    from dateutil.easter import easter  # a dependency of holidays

    result: date = easter(year)
    return result


# The law's own name, which the directory showed before the package came in.
_RENAMED = {"nationaldagen": "Sveriges nationaldag"}


def _lower_first(name: str) -> str:
    """"Långfredagen" -> "långfredagen" for use inside a sentence; a name that begins
    with a proper noun ("Kristi himmelsfärdsdag") keeps its capital."""
    if name.startswith("Kristi"):
        return name
    lowered = name[:1].lower() + name[1:]
    return _RENAMED.get(lowered, lowered)


@lru_cache(maxsize=64)
def swedish_holidays(year: int) -> dict[date, str]:
    """Every day of `year` the directory treats as closed, with its Swedish name."""
    import holidays as _holidays  # here, not at import: it loads every country (~0.15 s)

    calendar = _holidays.country_holidays(
        "SE", years=year, categories=_CATEGORIES, include_sundays=False, language="sv"
    )
    return {day: _lower_first(name) for day, name in sorted(calendar.items())}


class SwedishHolidays:
    """A container of closed days for any year: `day in SWEDISH_HOLIDAYS`."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in swedish_holidays(day.year)

    def name(self, day: date) -> str | None:
        """"långfredagen" for 2026-04-03; None on an ordinary day."""
        return swedish_holidays(day.year).get(day)


SWEDISH_HOLIDAYS = SwedishHolidays()

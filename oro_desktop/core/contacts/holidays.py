"""Swedish public holidays, so "öppet nu" is not claimed on långfredagen.

The public holidays are those of Lag (1989:253) om allmänna helgdagar (nyårsdagen,
trettondedag jul, långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag, första
maj, nationaldagen, pingstdagen, midsommardagen, alla helgons dag, juldagen, annandag
jul). Julafton, midsommarafton and nyårsafton are not public holidays by that law, but
offices are closed on them in practice and working-time rules treat them like Sundays,
so the directory counts them as closed too (the name says "afton").

Opening hours of a unit that works on holidays are then shown as closed; such a unit
should be given "dygnet runt" (always) or be an after-hours route, which holidays never
close.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Easter Sunday of `year` (Gregorian; the anonymous "Meeus/Jones/Butcher" rule)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(start: date) -> date:
    """The Saturday in the seven days from `start`."""
    return start + timedelta(days=(5 - start.weekday()) % 7)


@lru_cache(maxsize=64)
def swedish_holidays(year: int) -> dict[date, str]:
    """Every day of `year` the directory treats as closed, with its Swedish name."""
    easter = easter_sunday(year)
    midsommardagen = _saturday_between(date(year, 6, 20))
    return {
        date(year, 1, 1): "nyårsdagen",
        date(year, 1, 6): "trettondedag jul",
        easter - timedelta(days=2): "långfredagen",
        easter: "påskdagen",
        easter + timedelta(days=1): "annandag påsk",
        easter + timedelta(days=39): "Kristi himmelsfärdsdag",
        date(year, 5, 1): "första maj",
        date(year, 6, 6): "Sveriges nationaldag",
        easter + timedelta(days=49): "pingstdagen",
        midsommardagen - timedelta(days=1): "midsommarafton",
        midsommardagen: "midsommardagen",
        _saturday_between(date(year, 10, 31)): "alla helgons dag",
        date(year, 12, 24): "julafton",
        date(year, 12, 25): "juldagen",
        date(year, 12, 26): "annandag jul",
        date(year, 12, 31): "nyårsafton",
    }


class SwedishHolidays:
    """A container of closed days for any year: `day in SWEDISH_HOLIDAYS`."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in swedish_holidays(day.year)

    def name(self, day: date) -> str | None:
        """"långfredagen" for 2026-04-03; None on an ordinary day."""
        return swedish_holidays(day.year).get(day)


SWEDISH_HOLIDAYS = SwedishHolidays()

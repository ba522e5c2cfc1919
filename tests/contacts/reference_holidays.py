"""The hand-written calendar the directory used before the `holidays` package, kept as
an independent oracle: the package must give exactly these closed days and names."""
from __future__ import annotations

from datetime import date, timedelta



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



def reference_holidays(year: int) -> dict[date, str]:
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



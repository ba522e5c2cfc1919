"""Dates as the guidelines count them.

Why: a consent is valid "at most 12 months". Counted like a lease, a period that starts
on a day ends the day before the same date next year. When that date does not exist
(29 February in a non-leap year) we clamp to the month's last day first, and then step
back one day - except that clamping already made the period shorter, so we do not step
back twice. Both examples from the brief hold:

- from 2026-03-01 the last valid day is 2027-02-28 (2027-03-01 minus one day);
- from 2024-02-29 the last valid day is 2025-02-28 (2025-02-29 does not exist; the
  period may not reach 2025-03-01 minus one day = 2025-02-28, which equals the clamp).

All functions take their dates as arguments: no hidden clock.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from oro_desktop.errors import InvalidInput

MAX_VALIDITY_MONTHS = 12


def last_valid_day(start: date, months: int = MAX_VALIDITY_MONTHS) -> date:
    """Last day of a period of at most `months` months that starts on `start`.

    Same day `months` later minus one day; if that day does not exist, the last
    day of that month is already short enough (see module docstring).
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return date(year, month, last)
    return date(year, month, start.day) - timedelta(days=1)


def within_validity(start: date, end: date, months: int = MAX_VALIDITY_MONTHS) -> bool:
    """True if start..end (both inclusive) is at most `months` months long and not reversed."""
    return start <= end <= last_valid_day(start, months)


def parse_iso_date(text: str) -> date:
    """Parse ÅÅÅÅ-MM-DD (the only date format stored in form data)."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise InvalidInput(f"”{text}” är inte ett datum. Skriv ÅÅÅÅ-MM-DD.") from None


def format_date(value: date | None) -> str:
    """Swedish print format (ISO 8601, as Swedish forms write dates)."""
    return value.isoformat() if value else ""


def day_count(days: int) -> str:
    """"1 dag", "2 dagar", "0 dagar": Swedish takes the singular only for one (and minus
    one), so every "N dagar kvar" in the app goes through here."""
    return f"{days} dag" if abs(days) == 1 else f"{days} dagar"


def days_left(today: date, last_day: date) -> int:
    """Whole days from today to the last valid day (0 on the last day itself)."""
    return (last_day - today).days

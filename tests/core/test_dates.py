"""The 12-month validity rule and its edges (month ends, leap days)."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.dates import days_left, last_valid_day, parse_iso_date, within_validity
from oro_desktop.errors import InvalidInput


@pytest.mark.parametrize(
    "start, last",
    [
        (date(2026, 3, 1), date(2027, 2, 28)),   # the brief's example
        (date(2024, 2, 29), date(2025, 2, 28)),  # leap day: clamped, not 2025-02-27
        (date(2023, 3, 1), date(2024, 2, 29)),   # ends on a leap day
        (date(2026, 1, 1), date(2026, 12, 31)),
        (date(2026, 1, 31), date(2027, 1, 30)),
        (date(2026, 12, 31), date(2027, 12, 30)),
        (date(2027, 2, 28), date(2028, 2, 27)),
        (date(2026, 2, 28), date(2027, 2, 27)),
    ],
)
def test_last_valid_day(start: date, last: date) -> None:
    assert last_valid_day(start) == last


def test_other_month_counts() -> None:
    assert last_valid_day(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert last_valid_day(date(2026, 3, 15), 6) == date(2026, 9, 14)


def test_within_validity() -> None:
    assert within_validity(date(2026, 3, 1), date(2027, 2, 28))
    assert not within_validity(date(2026, 3, 1), date(2027, 3, 1))
    assert within_validity(date(2026, 3, 1), date(2026, 3, 1))
    assert not within_validity(date(2026, 3, 2), date(2026, 3, 1))


def test_parse_iso_date_and_days_left() -> None:
    assert parse_iso_date("2026-03-01") == date(2026, 3, 1)
    with pytest.raises(InvalidInput, match="ÅÅÅÅ-MM-DD"):
        parse_iso_date("1/3 2026")
    assert days_left(date(2026, 3, 1), date(2026, 3, 31)) == 30


def test_day_count_is_singular_only_for_one():
    from oro_desktop.core.dates import day_count

    assert [day_count(n) for n in (0, 1, 2, 30, -1)] == [
        "0 dagar", "1 dag", "2 dagar", "30 dagar", "-1 dag"]

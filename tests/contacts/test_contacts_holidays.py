"""Swedish public holidays and the three "aftnar" close units with office hours."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from oro_desktop.core.contacts import (
    SWEDISH_HOLIDAYS,
    ContactEntry,
    NowState,
    easter_sunday,
    entry_status,
    is_open,
    lookup,
    now_view,
    swedish_holidays,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25))],
)
def test_easter(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_the_2026_calendar() -> None:
    days = swedish_holidays(2026)
    assert days[date(2026, 4, 3)] == "långfredagen"
    assert days[date(2026, 4, 6)] == "annandag påsk"
    assert days[date(2026, 5, 14)] == "Kristi himmelsfärdsdag"
    assert days[date(2026, 6, 19)] == "midsommarafton"
    assert days[date(2026, 6, 20)] == "midsommardagen"
    assert days[date(2026, 10, 31)] == "alla helgons dag"
    assert days[date(2026, 12, 24)] == "julafton"
    assert len(days) == 16
    assert date(2026, 11, 27) not in SWEDISH_HOLIDAYS


def test_markaryd_is_closed_on_good_friday_and_opens_after_easter(by_id: dict[str, ContactEntry]) -> None:
    markaryd = by_id["kronoberg/socialtjanst/markaryd"]
    good_friday = datetime(2026, 4, 3, 10, 0)
    assert markaryd.hours is not None
    assert is_open(markaryd.hours, good_friday)  # an ordinary Friday by the hours alone
    assert not is_open(markaryd.hours, good_friday, SWEDISH_HOLIDAYS)
    status = entry_status(markaryd, good_friday)
    assert status.state is NowState.CLOSED
    # Monday is annandag påsk: the next opening is Tuesday 8.00.
    assert status.text.startswith("Stängt nu (långfredagen), öppnar tis 8.00")


def test_holidays_can_be_ignored(by_id: dict[str, ContactEntry]) -> None:
    markaryd = by_id["kronoberg/socialtjanst/markaryd"]
    assert entry_status(markaryd, datetime(2026, 12, 24, 10, 0), holidays=()).state is NowState.OPEN


def test_after_hours_route_first_on_midsummer_eve(shipped_entries: list[ContactEntry]) -> None:
    routes = lookup(shipped_entries, "Åre", "socialtjänsten")
    view = now_view(routes, datetime(2026, 6, 19, 10, 0))
    assert view.outside_office_hours
    assert view.items[0].entry.id == "jamtland-harjedalen/socialjour/are"
    assert "midsommarafton" in view.explanation


def test_the_holidays_package_gives_the_same_closed_days_as_the_hand_written_calendar() -> None:
    from tests.contacts.reference_holidays import easter_sunday as reference_easter
    from tests.contacts.reference_holidays import reference_holidays

    for year in range(2020, 2036):
        assert swedish_holidays(year) == reference_holidays(year), year
        assert easter_sunday(year) == reference_easter(year)


def test_sundays_are_left_to_the_opening_hours() -> None:
    # The package lists every Sunday as a holiday unless told not to.
    assert date(2026, 11, 29) not in SWEDISH_HOLIDAYS  # an ordinary Sunday
    assert SWEDISH_HOLIDAYS.name(date(2026, 12, 31)) == "nyårsafton"

"""Opening hours: parsing the guideline's wording and open/closed at fixed times."""

from __future__ import annotations

from datetime import datetime

import pytest

from oro_desktop.core.contacts import (
    ContactEntry,
    HoursError,
    NowState,
    entry_status,
    format_hours,
    is_open,
    next_change,
    parse_hours,
)
from oro_desktop.core.contacts.hours import hours_from_data

# 2026-11-23 is a Monday.
MON, THU, FRI, SAT, SUN = 23, 26, 27, 28, 29


def at(day: int, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 11, day, hour, minute)


@pytest.fixture()
def markaryd(by_id: dict[str, ContactEntry]) -> ContactEntry:
    return by_id["kronoberg/socialtjanst/markaryd"]


@pytest.fixture()
def almhult(by_id: dict[str, ContactEntry]) -> ContactEntry:
    return by_id["kronoberg/socialtjanst/almhult"]


@pytest.mark.parametrize(
    ("day", "time", "expected"),
    [
        (FRI, "15:30", False),  # Friday closes at 15.00
        (FRI, "14:59", True),
        (FRI, "15:00", False),  # closing time is exclusive
        (THU, "15:30", True),   # Monday-Thursday until 16.00
        (THU, "16:00", False),
        (MON, "08:00", True),
        (MON, "07:59", False),
        (SAT, "10:00", False),
        (SUN, "10:00", False),
    ],
)
def test_markaryd(markaryd: ContactEntry, day: int, time: str, expected: bool) -> None:
    assert markaryd.hours is not None
    assert is_open(markaryd.hours, at(day, time)) is expected


@pytest.mark.parametrize(
    ("day", "time", "expected"),
    [(FRI, "15:30", True), (FRI, "16:00", False), (MON, "08:00", True), (SAT, "12:00", False)],
)
def test_almhult(almhult: ContactEntry, day: int, time: str, expected: bool) -> None:
    assert almhult.hours is not None
    assert is_open(almhult.hours, at(day, time)) is expected


def test_status_text_says_when_it_opens_again(markaryd: ContactEntry) -> None:
    status = entry_status(markaryd, at(FRI, "15:30"))
    assert status.state is NowState.CLOSED
    assert status.text.startswith("Stängt nu, öppnar mån 8.00")
    status = entry_status(markaryd, at(FRI, "14:59"))
    assert status.state is NowState.OPEN
    assert status.text.startswith("Öppet nu, stänger 15.00")


def test_entry_without_hours_is_never_called_open(by_id: dict[str, ContactEntry]) -> None:
    status = entry_status(by_id["kronoberg/socialtjanst/uppvidinge"], at(MON, "10:00"))
    assert status.state is NowState.UNKNOWN
    assert "kontorstid" in status.text


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("måndag-torsdag 8.00-16.00 samt fredag 8.00-15.00", "mån–tors 8.00–16.00, fre 8.00–15.00"),
        ("mån-tors 8.00-16.00, fre 8.00-15.00", "mån–tors 8.00–16.00, fre 8.00–15.00"),
        ("Mon-Thu 8.00-16.00, Fri 8.00-15.00", "mån–tors 8.00–16.00, fre 8.00–15.00"),
        ("mån–fre 08:00–16:30", "mån–fre 8.00–16.30"),
        ("mån, ons 9-12", "mån, ons 9.00–12.00"),
        ("lör-sön 10.00-14.00", "lör, sön 10.00–14.00"),
        ("dygnet runt", "dygnet runt"),
    ],
)
def test_parse_and_format(text: str, canonical: str) -> None:
    assert format_hours(parse_hours(text)) == canonical


def test_structured_yaml_form() -> None:
    hours = hours_from_data([
        {"days": "mån-tors", "from": "8.00", "to": "16.00"},
        {"days": "fre", "from": "8.00", "to": "15.00"},
    ])
    assert hours == parse_hours("mån-tors 8.00-16.00, fre 8.00-15.00")


def test_interval_past_midnight() -> None:
    jour = parse_hours("fre 16.00-08.00")
    assert is_open(jour, at(FRI, "23:00"))
    assert is_open(jour, at(SAT, "07:59"))
    assert not is_open(jour, at(SAT, "08:00"))
    assert not is_open(jour, at(THU, "23:00"))


def test_next_change_crosses_the_weekend(markaryd: ContactEntry) -> None:
    assert markaryd.hours is not None
    assert next_change(markaryd.hours, at(FRI, "15:30")) == datetime(2026, 11, 30, 8, 0)


@pytest.mark.parametrize("bad", ["", "kontorstid", "mån 8.00", "blå 8-16", "mån 25.00-26.00", "mån 8-8"])
def test_bad_hours_are_refused_with_the_text(bad: str) -> None:
    with pytest.raises(HoursError):
        parse_hours(bad)

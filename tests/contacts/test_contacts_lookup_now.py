"""Lookup by municipality and kind, and the "who do I call now" ordering."""

from __future__ import annotations

from datetime import datetime

import pytest

from oro_desktop.core.contacts import (
    ContactEntry,
    NowState,
    canonical_kind,
    lookup,
    lookup_text,
    now_view,
    parse_lookup,
)


def ids(entries: list[ContactEntry]) -> list[str]:
    return [e.id for e in entries]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("socialtjänsten", "socialtjänstens mottagning"),
        ("Socialtjänst", "socialtjänstens mottagning"),
        ("soc", "socialtjänstens mottagning"),
        ("BMM", "barnmorskemottagning"),
        ("barnmorskemottagningen", "barnmorskemottagning"),
        ("MHV", "mödrahälsovård"),
        ("bvc", "BVC"),
        ("BUP", "barn- och ungdomspsykiatri"),
        ("okänd sak", None),
    ],
)
def test_kind_synonyms(word: str, kind: str | None) -> None:
    assert canonical_kind(word) == kind


def test_social_services_in_vaxjo(shipped_entries: list[ContactEntry]) -> None:
    assert ids(lookup(shipped_entries, "Växjö", "socialtjänsten")) == ["kronoberg/socialtjanst/vaxjo"]
    assert ids(lookup(shipped_entries, "vaxjo kommun", "soc")) == ["kronoberg/socialtjanst/vaxjo"]


def test_social_services_bring_their_after_hours_route(shipped_entries: list[ContactEntry]) -> None:
    assert ids(lookup(shipped_entries, "Östersund", "socialtjänsten")) == [
        "jamtland-harjedalen/socialtjanst/ostersund",
        "jamtland-harjedalen/socialjour/ostersund",
    ]


def test_midwife_clinic_in_ostersund_is_the_regions_switchboard_route(
    shipped_entries: list[ContactEntry],
) -> None:
    found = lookup_text(shipped_entries, "barnmorskemottagning, Östersund")
    assert ids(found) == ["jamtland-harjedalen/barnmorskemottagning/via-vaxeln"]
    assert "växel" in found[0].notes and found[0].fill_locally and not found[0].phones


def test_regional_unit_serves_every_municipality_of_its_region(
    shipped_entries: list[ContactEntry],
) -> None:
    assert ids(lookup(shipped_entries, "Markaryd", "BB")) == ["kronoberg/bb/bb-avdelningen"]
    # Kronoberg lists Mödrahälsovården, not a barnmorskemottagning: the fallback kind.
    assert ids(lookup(shipped_entries, "Växjö", "barnmorskemottagning")) == [
        "kronoberg/mhv/modrahalsovarden"
    ]
    # A region's units never serve another region's municipality.
    assert lookup(shipped_entries, "Östersund", "BB") == []


def test_unknown_municipality_gives_nothing(shipped_entries: list[ContactEntry]) -> None:
    assert lookup(shipped_entries, "Kungsbacka", "socialtjänsten") == []  # Halland


def test_goteborgs_stad(shipped_entries: list[ContactEntry]) -> None:
    found = lookup_text(shipped_entries, "socialtjänsten i Göteborgs Stad")
    assert ids(found) == ["vastra-gotaland/socialtjanst/goteborg"]
    assert found[0].fill_locally and not found[0].reachable


def test_parse_lookup() -> None:
    assert parse_lookup("socialtjänsten i Växjö") == ("socialtjänsten", "Växjö")
    assert parse_lookup("barnmorskemottagning, Östersund") == ("barnmorskemottagning", "Östersund")
    assert parse_lookup("växjö") is None


def test_after_hours_route_first_outside_office_hours(shipped_entries: list[ContactEntry]) -> None:
    routes = lookup(shipped_entries, "Östersund", "socialtjänsten")
    night = now_view(routes, datetime(2026, 11, 27, 22, 0))
    assert night.outside_office_hours
    assert night.items[0].entry.id == "jamtland-harjedalen/socialjour/ostersund"
    assert night.items[0].recommended
    assert night.items[0].entry.phones[0].number == "112"
    assert night.explanation.startswith("Utanför kontorstid")
    assert "helgdagar samt jul-, midsommar- och nyårsafton räknas som stängda" in night.explanation

    day = now_view(routes, datetime(2026, 11, 25, 10, 0))
    assert not day.outside_office_hours
    assert day.items[0].entry.id == "jamtland-harjedalen/socialtjanst/ostersund"
    assert day.items[-1].status.state is NowState.AFTER_HOURS


def test_open_units_first_and_closed_last(by_id: dict[str, ContactEntry]) -> None:
    entries = [
        by_id["kronoberg/socialtjanst/markaryd"],
        by_id["kronoberg/socialtjanst/uppvidinge"],
        by_id["kronoberg/socialtjanst/almhult"],
    ]
    view = now_view(entries, datetime(2026, 11, 27, 15, 30))  # Friday 15.30
    states = [(i.entry.id.rsplit("/", 1)[1], i.status.state) for i in view.items]
    assert states == [
        ("almhult", NowState.OPEN),
        ("uppvidinge", NowState.UNKNOWN),
        ("markaryd", NowState.CLOSED),
    ]


def test_no_after_hours_route_means_112_in_the_explanation(by_id: dict[str, ContactEntry]) -> None:
    view = now_view([by_id["kronoberg/socialtjanst/vaxjo"]], datetime(2026, 11, 28, 3, 0))
    assert view.outside_office_hours
    assert "ingen jourväg" in view.explanation and "112" in view.explanation

"""Every Kronoberg route in the guideline's "Kontaktvägar mellan verksamheter" is shipped,
exactly: numbers, e-mail addresses, hours and notes (seed lines 298-343)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oro_desktop.core.contacts import ContactEntry, Phone, format_hours

# The guidelines live in ../shared beside the project root.
SEED_PATH = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "kronoberg-oro-for-nyfott-barn.txt"

SEED_MUNICIPALITIES = {
    # municipality: (phones, emails, hours text or None, notes/hours note fragment or None)
    "alvesta": ([Phone("0472-154 35"), Phone("0472-150 00", "alternativt")], [], None, None),
    "lessebo": ([Phone("0478-125 10")], ["socialnamnden@lessebo.se"], None, None),
    "ljungby": ([Phone("0372-78 90 00", "växel (VX)")], [], None,
                "be att bli kopplad till mottagningsgruppen"),
    "markaryd": ([Phone("0433-720 00")], [], "mån–tors 8.00–16.00, fre 8.00–15.00", None),
    "uppvidinge": ([Phone("0474-470 00", "kontorstid")], ["socialkontoret@uppvidinge.se"], None,
                   "kontorstid"),
    "tingsryd": ([Phone("076-107 72 44"), Phone("0477-443 71", "eller")],
                 ["socialtjansten@tingsryd.se"], None, None),
    "vaxjo": ([Phone("0470-435 90")], ["arbete.valfard@vaxjo.se"], None, None),
    "almhult": ([Phone("0476-550 81")], ["Almhult-Soc-Mottagningsenheten@almhult.se"],
                "mån–fre 8.00–16.00", None),
}


@pytest.mark.parametrize("slug", sorted(SEED_MUNICIPALITIES))
def test_social_services_route_is_exactly_the_seeds(slug: str, by_id: dict[str, ContactEntry]) -> None:
    entry = by_id[f"kronoberg/socialtjanst/{slug}"]
    phones, emails, hours, note = SEED_MUNICIPALITIES[slug]
    assert list(entry.phones) == phones
    assert list(entry.emails) == emails
    assert entry.kind == "socialtjänstens mottagning"
    assert entry.region == "Kronoberg"
    if hours is None:
        assert entry.hours is None
    else:
        assert entry.hours is not None and format_hours(entry.hours) == hours
    if note is not None:
        assert note in entry.notes + entry.hours_note
    assert entry.source.section == "Kontaktvägar mellan verksamheter"
    assert entry.verified == date(2026, 11, 23)


def test_every_kronoberg_municipality_has_a_route(by_id: dict[str, ContactEntry]) -> None:
    municipalities = {
        e.municipality for e in by_id.values() if e.region == "Kronoberg" and e.municipality
    }
    assert municipalities == {
        "Alvesta", "Lessebo", "Ljungby", "Markaryd", "Tingsryd", "Uppvidinge", "Växjö", "Älmhult",
    }


def test_uppvidinge_office_hours_are_a_note_not_invented_times(by_id: dict[str, ContactEntry]) -> None:
    entry = by_id["kronoberg/socialtjanst/uppvidinge"]
    assert entry.hours is None
    assert "tiderna anges inte" in entry.hours_note


REGION_UNITS = {
    "kronoberg/bb/bb-avdelningen": ("BB-avdelningen", [Phone("0470-58 80 08")], [], None),
    "kronoberg/bvc/barnhalsovarden": (
        "Barnhälsovården", [], [],
        "Internt inom regionen används funktionsbrevlådan i Cosmic till respektive BVC, "
        "övriga hittar länets BVC på 1177 Vårdguiden.",
    ),
    "kronoberg/habilitering/habiliteringen": (
        "Habiliteringen", [Phone("0470-58 80 00", "växeln")], ["barnhab@kronoberg.se"],
        "(barn- och ungdom, vuxen Växjö/Ljungby, habilitering hörsel, habilitering syn, "
        "hjälpmedelscentralen)",
    ),
    "kronoberg/psykolog/foraldra-och-barnhalsovardspsykologerna": (
        "Föräldra- och barnhälsovårdspsykologerna", [Phone("0470-58 26 68")],
        ["bkc018.bkc@kronoberg.se"], None,
    ),
    "kronoberg/mhv/modrahalsovarden": ("Mödrahälsovården", [Phone("0470-58 76 48")], [], None),
    "kronoberg/neonatal/neonatalavdelningen": (
        "Neonatalavdelningen",
        [Phone("0470-58 91 79", "Ledningsansvarig sjuksköterska LAS")], [], None,
    ),
    "kronoberg/psykiatri/specialistpsykiatrin-vuxna": (
        "Specialistpsykiatrin Vuxna", [Phone("0470-58 80 00", "växeln")], [],
        "be om psykiatriska akutmottagningens tjänstetelefon",
    ),
    "kronoberg/bup/smabarnsteamet": (
        "Specialistpsykiatrin Barn och unga / Småbarnsteamet 0-6 år",
        [Phone("0470-58 80 00", "sjukhusväxeln (BUP-akuten vid behov av snabb kontakt)")], [],
        "En väg in Vårdgivarwebben - Barn och ungdom med psykisk ohälsa",
    ),
}


@pytest.mark.parametrize("entry_id", sorted(REGION_UNITS))
def test_region_unit_is_exactly_the_seeds(entry_id: str, by_id: dict[str, ContactEntry]) -> None:
    unit, phones, emails, note = REGION_UNITS[entry_id]
    entry = by_id[entry_id]
    assert entry.organisation == "Region Kronoberg"
    assert entry.municipality is None  # serves the whole region
    assert entry.unit == unit
    assert list(entry.phones) == phones
    assert list(entry.emails) == emails
    if note is not None:
        assert note in entry.notes


def test_kronoberg_has_nothing_beyond_the_seed(by_id: dict[str, ContactEntry]) -> None:
    ids = {i for i in by_id if i.startswith("kronoberg/")}
    expected = {f"kronoberg/socialtjanst/{s}" for s in SEED_MUNICIPALITIES} | set(REGION_UNITS)
    assert ids == expected


def test_every_kronoberg_number_occurs_in_the_seed(by_id: dict[str, ContactEntry]) -> None:
    if not SEED_PATH.exists():
        pytest.skip("the guideline seeds (../shared/seeds) are not beside the project")
    seed = SEED_PATH.read_text(encoding="utf-8")
    for entry in by_id.values():
        if entry.region != "Kronoberg":
            continue
        for phone in entry.phones:
            assert phone.number in seed, (entry.id, phone.number)
        for email in entry.emails:
            assert email in seed, (entry.id, email)


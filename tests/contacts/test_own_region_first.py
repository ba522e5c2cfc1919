"""The region setting decides which contacts come first: a Kronoberg unit sees
Kronoberg's routes before Jämtland's, without hiding anyone's."""

from __future__ import annotations

import pytest

from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE


@pytest.fixture
def services(tmp_path):
    s, _key = Session.create(tmp_path / "oro.db", "anna", "korrekt-hast-batteri", kdf=FAST_INSECURE)
    yield Services(s)
    s.close()


def _regions(entries):
    return [e.region for e in entries]


@pytest.mark.parametrize("setting,region", [
    ("kronoberg", "Kronoberg"), ("vastra-gotaland", "Västra Götaland"),
    ("jamtland-harjedalen", "Jämtland Härjedalen"),
])
def test_the_units_region_comes_first_and_nobody_is_hidden(services, setting, region):
    contacts = services.contacts
    before = contacts.search("socialtjänsten")
    services.session.set_setting("default_region", setting)
    after = contacts.search("socialtjänsten")
    assert sorted(e.id for e in after) == sorted(e.id for e in before)  # nobody hidden
    own = [e for e in after if e.region == region]
    assert own and after[:len(own)] == own  # the own region's block first, in its order
    assert own == [e for e in before if e.region == region]
    assert contacts.own_region() == region
    assert _regions(contacts.search("socialtjänsten", limit=3)) == [region] * 3


def test_no_setting_or_an_explicit_region_filter_keeps_the_order(services):
    contacts = services.contacts
    plain = contacts.search("socialtjänsten")
    assert contacts.own_region() == ""
    services.session.set_setting("default_region", "kronoberg")
    filtered = contacts.search("socialtjänsten", region="Jämtland Härjedalen")
    assert set(_regions(filtered)) == {"Jämtland Härjedalen"}
    services.session.set_setting("default_region", "")
    assert contacts.search("socialtjänsten") == plain

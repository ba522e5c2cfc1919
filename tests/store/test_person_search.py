"""Person search (store/repos/person_search.py): names with diacritics folded, prefixes,
numbers with or without century and dash, protected persons, and the index kept in sync."""

from __future__ import annotations

import pytest

from oro_desktop.core.identity import IdentityKind, IdentityNumber, missing
from oro_desktop.store.repos import person_search
from oro_desktop.store.repos import persons as repo

from .conftest import ADMIN

PNR = IdentityKind.PERSONNUMMER
# Fictitious: Skatteverket's test number and the 20180101/20210315 series of the tests.
PEOPLE = [
    ("Åsa Öberg", IdentityNumber(PNR, "191212121212")),
    ("Asa Berg", IdentityNumber(PNR, "201801019802")),
    ("Märta Ström", IdentityNumber(PNR, "202103159808")),
    ("Björn Östlund", IdentityNumber(PNR, "202103159816")),
    ("Tolvan Tolvansson", missing("Anges inte på samtyckesblanketten")),
]


@pytest.fixture
def ids(session):
    with session.store.unit_of_work(ADMIN) as uow:
        out = {name: repo.insert(uow.conn, ADMIN, ident, name, address="Storgatan 1",
                                 protected=name == "Märta Ström")
               for name, ident in PEOPLE}
    return out


def _names(session, text: str) -> list[str]:
    with session.store.unit_of_work(ADMIN) as uow:
        return [p.name for p in repo.search(uow.conn, text)]


@pytest.mark.parametrize("text, expected", [
    ("Åsa", ["Asa Berg", "Åsa Öberg"]),          # å folded both ways
    ("asa", ["Asa Berg", "Åsa Öberg"]),
    ("ASA ÖB", ["Åsa Öberg"]),                    # every word must match, any case
    ("ob as", ["Åsa Öberg"]),                     # words in any order
    ("ostl", ["Björn Östlund"]),                  # ö without the dots, prefix
    ("b", ["Asa Berg", "Björn Östlund"]),         # a one-letter prefix (prefix index)
    ("marta strom", ["Märta Ström"]),
    ("tolv", ["Tolvan Tolvansson"]),              # a person without a number
    ("öberg-åsa", ["Åsa Öberg"]),                 # punctuation separates words
    ("zzz", []),
    ("", []),
    ("   ", []),
    ('"', []),                                    # no words: nothing, never an FTS error
    ("asa*) (\"^", ["Asa Berg", "Åsa Öberg"]),  # FTS syntax is not interpreted
])
def test_name_search_folds_diacritics_and_matches_prefixes(session, ids, text, expected):
    assert _names(session, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("191212121212", ["Åsa Öberg"]),      # 12 digits
    ("19121212-1212", ["Åsa Öberg"]),     # with century and dash
    ("121212-1212", ["Åsa Öberg"]),       # 10 digits without century, dash
    ("1212121212", ["Åsa Öberg"]),
    ("19121212", ["Åsa Öberg"]),          # 8 digits: the date with century
    ("121212", ["Åsa Öberg"]),            # 6 digits without century
    ("210315", ["Märta Ström", "Björn Östlund"]),   # number order: ...9808 then ...9816
    ("20210315-98", ["Märta Ström", "Björn Östlund"]),
    ("180101-9802", ["Asa Berg"]),
    ("2018", ["Asa Berg"]),
    ("123", []),                           # too short to be a number, and no name
    ("121212+1212", ["Åsa Öberg"]),        # '+': 100 years or older: 1912, not 2012
])
def test_number_search_with_or_without_century_and_dash(session, ids, text, expected):
    assert _names(session, text) == expected


def test_plus_sign_means_a_hundred_years_or_older():
    assert person_search.number_prefixes("121212+1212") == ["1212121212", "181212121212",
                                                            "191212121212"]
    assert person_search.number_prefixes("121212-1212") == ["1212121212", "191212121212",
                                                            "201212121212"]
    assert person_search.number_prefixes("19121212-1212") == ["191212121212"]
    assert person_search.number_prefixes("åsa 1912") == []


def test_protected_person_is_found_but_its_address_is_not_shown(session, ids):
    with session.store.unit_of_work(ADMIN) as uow:
        by_name = repo.search(uow.conn, "marta")
        by_number = repo.search(uow.conn, "20210315-9808")
    assert [p.id for p in by_name] == [p.id for p in by_number] == [ids["Märta Ström"]]
    person = by_name[0]
    assert person.protected and person.shown_address() == ""
    assert person.number_display() == "20210315-****"


def test_index_follows_inserts_renames_and_deletes(session, ids):
    pid = ids["Björn Östlund"]
    with session.store.unit_of_work(ADMIN) as uow:
        repo.update(uow.conn, ADMIN, pid, name="Björn Ängström", address="", phone="",
                    protected=False)
    assert _names(session, "östlund") == []
    assert _names(session, "angs") == ["Björn Ängström"]
    with session.store.unit_of_work(ADMIN) as uow:
        uow.conn.execute("DELETE FROM persons WHERE id = ?", (pid,))
    assert _names(session, "björn") == []
    # The FTS index agrees with its content table (integrity_check covers FTS5).
    assert session.store.check() == []


def test_limit_and_name_order_hold_on_both_plans(session, monkeypatch):
    """Broad prefixes walk the name index, narrow ones sort: the same rows either way."""
    with session.store.unit_of_work(ADMIN) as uow:
        for i in range(60):
            repo.insert(uow.conn, ADMIN, missing("okänt"), f"Åke Nilsson {59 - i:02d}")
    narrow = _names(session, "åke")
    monkeypatch.setattr(person_search, "BROAD", 5)
    broad = _names(session, "åke")
    assert narrow == broad == [f"Åke Nilsson {i:02d}" for i in range(50)]
    with session.store.unit_of_work(ADMIN) as uow:
        assert len(repo.search(uow.conn, "nilsson", limit=7)) == 7


def test_long_input_is_bounded(session, ids):
    assert _names(session, "åsa " * 500) == ["Asa Berg", "Åsa Öberg"]
    assert person_search.match_expression("a b c d e f g h i j k").count("AND") == \
        person_search.MAX_WORDS - 1

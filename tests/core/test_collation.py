"""Swedish alphabetical order: å, ä, ö after z, case-insensitive, foreign letters placed."""

from __future__ import annotations

import random

from oro_desktop.core.collation import swedish_key, swedish_sorted


def test_a_ring_a_umlaut_and_o_umlaut_come_after_z_in_that_order() -> None:
    names = ["Östersund", "Ale", "Åre", "Älmhult", "Zinkgruvan", "Växjö", "Ödeshög", "Åmål"]
    random.Random(1).shuffle(names)
    assert swedish_sorted(names) == [
        "Ale", "Växjö", "Zinkgruvan", "Åmål", "Åre", "Älmhult", "Ödeshög", "Östersund",
    ]
    # Code-point order gets this wrong: Ä (U+00C4) before Å (U+00C5).
    assert sorted(["Åre", "Älmhult"]) == ["Älmhult", "Åre"]


def test_case_does_not_decide_the_order_but_breaks_ties() -> None:
    assert swedish_sorted(["bertil", "Anna", "åsa", "Bengt", "Ärla"]) == [
        "Anna", "Bengt", "bertil", "åsa", "Ärla",
    ]
    assert swedish_sorted(["anna", "Anna"]) == swedish_sorted(["Anna", "anna"])


def test_foreign_letters_follow_the_swedish_convention() -> None:
    assert swedish_sorted(["Vallf", "Vallé", "Valld"]) == ["Valld", "Vallé", "Vallf"]
    assert swedish_sorted(["Müller", "Myran", "Mylla"]) == ["Mylla", "Müller", "Myran"]
    assert swedish_key("Møller")[0] == swedish_key("Möller")[0]
    assert swedish_sorted(["Wallin", "Vallin", "Xu"]) == ["Vallin", "Wallin", "Xu"]


def test_sorting_by_a_field() -> None:
    rows = [("Ö", 1), ("A", 2), ("Å", 3)]
    assert [r[1] for r in swedish_sorted(rows, key=lambda r: r[0])] == [2, 3, 1]

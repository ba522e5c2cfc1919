"""core.forms.diff: field by field, row by row, with the definition's Swedish labels."""

from __future__ import annotations

from oro_desktop.core.forms.diff import FieldChange, diff
from oro_desktop.core.forms.model import Choice, Field, FormDefinition, Section, Source

COLS = (Field("part", "text", "Part"), Field("fran", "date", "Från"),
        Field("klar", "yes_no", "Klar"))
DEF = FormDefinition("plan", 3, "Plan", Source("Test"), (Section("s", "S", (
    Field("info", "fixed_text", "Info", text="Fast text"),
    Field("namn", "text", "Namn"),
    Field("pnr", "identity", "Personnummer"),
    Field("val", "choice", "Val", choices=(Choice("a", "Alfa"), Choice("b", "Beta"))),
    Field("flera", "multi_choice", "Flera", choices=(Choice("a", "Alfa"), Choice("b", "Beta"))),
    Field("period", "date_range", "Period"),
    Field("insatser", "repeating", "Insatser", columns=COLS),
    Field("parter", "party_list", "Parter"),
    Field("sign", "signature", "Underskrifter"),
)),))


def test_equal_and_empty_values_are_no_change():
    assert diff(DEF, {}, {}) == []
    assert diff(DEF, {"namn": "", "flera": [], "insatser": [{}]}, {"namn": None}) == []
    data = {"namn": "Tyra", "insatser": [{"part": "BVC"}]}
    assert diff(DEF, data, dict(data)) == []


def test_plain_fields_choice_labels_and_identity_with_protection():
    got = diff(DEF, {"namn": "Tyra", "val": "a", "flera": ["a"],
                     "pnr": {"kind": "personnummer", "value": "202103159808"}},
               {"namn": "Tyra T", "val": "b", "flera": ["a", "b"],
                "pnr": {"kind": "personnummer", "value": "202103159808", "protected": True}})
    assert got == [
        FieldChange("namn", "Namn", "Tyra", "Tyra T"),
        FieldChange("pnr", "Personnummer: Skyddade personuppgifter", "Nej", "Ja", part="protected"),
        FieldChange("val", "Val", "Alfa", "Beta"),
        FieldChange("flera", "Flera", "Alfa", "Alfa, Beta"),
    ]
    got = diff(DEF, {}, {"pnr": {"kind": "saknas", "reason": "väntat barn"}})
    assert got == [FieldChange("pnr", "Personnummer", "", "Saknas: väntat barn")]


def test_rows_compare_row_by_row_and_column_by_column():
    before = {"insatser": [{"part": "BVC", "fran": "2026-03-01", "klar": False},
                           {"part": "IFO"}],
              "sign": [{"name": "Tolvan", "date": "2026-03-02"}],
              "period": {"from": "2026-03-02", "to": "2027-03-01"}}
    after = {"insatser": [{"part": "BVC", "fran": "2026-03-05", "klar": True}],
             "parter": [{"organisation": "Förskolan", "name": "Maja"}],
             "sign": [{"name": "Tolvan", "date": "2026-03-02"}, {"name": "Elva"}],
             "period": {"from": "2026-03-02", "to": "2026-12-31"}}
    assert [(c.label, c.before, c.after, c.row) for c in diff(DEF, before, after)] == [
        ("Period: Till och med", "2027-03-01", "2026-12-31", None),
        ("Insatser, rad 1: Från", "2026-03-01", "2026-03-05", 1),
        ("Insatser, rad 1: Klar", "Nej", "Ja", 1),
        ("Insatser, rad 2: Part", "IFO", "", 2),
        ("Parter, rad 1: Verksamhet", "", "Förskolan", 1),
        ("Parter, rad 1: Namn", "", "Maja", 1),
        ("Underskrifter, rad 2: Namn", "", "Elva", 2),
    ]


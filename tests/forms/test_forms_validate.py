"""Validation of filled data: per-type checks, conditions and every registered rule."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from oro_desktop.core.forms import RULES, FormLibrary, load_definition, validate

from .conftest import FORMS_DIR, minimal

TODAY = date(2026, 11, 23)
EXAMPLE = json.loads((FORMS_DIR / "examples" / "barnhalsoteam-samtycke.v1.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def consent():
    return FormLibrary(FORMS_DIR).get("barnhalsoteam-samtycke", 1)


def _problems(definition, **changes: Any) -> dict[str, list[str]]:
    data = copy.deepcopy(EXAMPLE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    out: dict[str, list[str]] = {}
    for p in validate(definition, data, today=TODAY):
        out.setdefault(p.field, []).append(p.message)
    return out


def test_example_is_valid(consent) -> None:
    assert validate(consent, EXAMPLE, today=TODAY) == []


def test_empty_form_reports_everything_at_once(consent) -> None:
    fields = {p.field for p in validate(consent, {}, today=TODAY)}
    assert {"verksamheter", "barn_namn", "barn_personnummer", "barn_adress", "underskrifter",
            "inhamtat_namn", "inhamtat_funktion", "inhamtat_kontakt", "giltighet",
            "overforing_vid_flytt"} <= fields


def test_at_least_one_party_ticked(consent) -> None:
    assert _problems(consent, verksamheter=[]) == {
        "verksamheter": ["Markera minst en verksamhet som får utbyta information."]}
    assert _problems(consent, verksamheter=["grundskola"]) == {}
    assert "verksamheter" in _problems(consent, verksamheter=["fritids"])


@pytest.mark.parametrize(
    "identity, ok",
    [
        ({"kind": "personnummer", "value": "202103159808"}, True),
        ({"kind": "samordningsnummer", "value": "20210375-9805"}, True),
        ({"kind": "saknas", "reason": "ej folkbokfört"}, True),
        ({"kind": "saknas", "reason": ""}, False),
        ({"kind": "personnummer", "value": "202103159809"}, False),
        ({"kind": "reservnummer", "value": "R-123"}, False),   # not accepted on this form
        ("210315-9808", True),
    ],
)
def test_child_identified(consent, identity: Any, ok: bool) -> None:
    problems = _problems(consent, barn_personnummer=identity)
    assert ("barn_personnummer" not in problems) == ok, problems


def test_guardians_sign_separately(consent) -> None:
    assert _problems(consent, underskrifter=[])["underskrifter"] == [
        "Minst en förälder/vårdnadshavare måste skriva under."]
    one = [{"name": "Tolvan Tolvansson", "date": "2026-03-02"}]
    assert _problems(consent, underskrifter=one) == {}
    twice = one + [{"name": "tolvan tolvansson", "date": "2026-03-02"}]
    assert "varje person skriver under för sig" in _problems(consent, underskrifter=twice)["underskrifter"][0]
    unnamed = one + [{"name": "", "date": "2026-03-02"}]
    assert "namn saknas" in _problems(consent, underskrifter=unnamed)["underskrifter"][0]
    future = [{"name": "Tolvan Tolvansson", "date": "2026-11-24"}]
    assert "framtiden" in _problems(consent, underskrifter=future)["underskrifter[1]"][0]


@pytest.mark.parametrize(
    "start, end, ok",
    [
        ("2026-03-02", "2027-03-01", True),
        ("2026-03-02", "2027-03-02", False),
        ("2026-03-01", "2027-02-28", True),
        ("2026-03-01", "2027-03-01", False),
        ("2024-02-29", "2025-02-28", True),
        ("2024-02-29", "2025-03-01", False),
        ("2026-03-02", "2026-03-02", True),
    ],
)
def test_max_validity_12_months(consent, start: str, end: str, ok: bool) -> None:
    signed = [{"name": "Tolvan Tolvansson", "date": start}]
    problems = _problems(consent, giltighet={"from": start, "to": end}, underskrifter=signed)
    assert ("giltighet" not in problems) == ok, problems
    if not ok:
        assert "högst 12 månader" in problems["giltighet"][0]


def test_validity_range_shape(consent) -> None:
    assert "slutdatum före startdatum" in _problems(
        consent, giltighet={"from": "2026-03-05", "to": "2026-03-04"})["giltighet"][0]
    assert "inte ett datum" in _problems(
        consent, giltighet={"from": "2026-13-01", "to": "2027-01-01"})["giltighet"][0]
    assert "saknas" in _problems(consent, giltighet={"from": "2026-03-02"})["giltighet"][0]


@pytest.mark.parametrize(
    "dates, start, ok",
    [
        (["2026-03-02"], "2026-03-02", True),     # same day
        (["2026-03-02"], "2026-03-01", False),    # the day before
        (["2026-03-02", "2026-03-05"], "2026-03-04", False),  # before the LAST signature
        (["2026-03-02", "2026-03-05"], "2026-03-05", True),
        ([""], "2026-03-01", True),               # not signed yet: nothing to compare
    ],
)
def test_valid_from_not_before_signing(consent, dates: list[str], start: str, ok: bool) -> None:
    signers = [{"name": f"Vårdnadshavare {i}", "date": d} for i, d in enumerate(dates)]
    problems = _problems(consent, underskrifter=signers, giltighet={"from": start, "to": "2027-02-28"})
    assert ("giltighet" not in problems) == ok, problems


def test_transfer_question_answered(consent) -> None:
    assert _problems(consent, overforing_vid_flytt=None) == {"overforing_vid_flytt": [
        "Svara ja eller nej på om information får överföras vid flytt."]}
    assert _problems(consent, overforing_vid_flytt=False) == {}
    assert "svara ja eller nej" in _problems(consent, overforing_vid_flytt="ja")["overforing_vid_flytt"][0]


def test_phone_and_unknown_fields(consent) -> None:
    assert "telefonnummer" in _problems(consent, barn_telefon="ring mig")["barn_telefon"][0]
    assert "Okänt fält" in _problems(consent, skostorlek="30")["skostorlek"][0]


def test_protected_child_needs_no_address(consent) -> None:
    protected = {"kind": "personnummer", "value": "202103159808", "protected": True}
    assert _problems(consent, barn_personnummer=protected, barn_adress=None) == {}
    assert "barn_adress" in _problems(consent, barn_adress=None)


def test_registry_is_small_and_documented() -> None:
    assert set(RULES) == {"at_least_one_ticked", "answered", "at_least_one_row",
                          "max_validity_12_months", "not_before", "separate_signers"}


def test_conditions_hide_fields_from_validation(write_form) -> None:
    doc = minimal()
    fields = doc["sections"][0]["fields"]
    fields.append({"id": "epost", "type": "email", "label": "E-post", "required": True,
                   "condition": {"field": "val", "equals": "a"}})
    fields.append({"id": "nar", "type": "date", "label": "När",
                   "condition": {"field": "epost", "one_of": ["x@example.se"]}})
    fields.append({"id": "svar", "type": "yes_no", "label": "Svar",
                   "condition": {"field": "val", "equals": "a"}})
    doc["rules"] = [{"rule": "answered", "field": "svar"}]
    d = load_definition(write_form(doc))
    assert validate(d, {"namn": "A", "val": "b"}, today=TODAY) == []
    shown = {p.field: p.message for p in validate(d, {"namn": "A", "val": "a"}, today=TODAY)}
    assert set(shown) == {"epost", "svar"}
    bad = validate(d, {"namn": "A", "val": "a", "epost": "nej", "svar": True}, today=TODAY)
    assert [p.field for p in bad] == ["epost"] and "e-postadress" in bad[0].message
    # A field depending on a hidden field is hidden too.
    assert validate(d, {"namn": "A", "val": "b", "epost": "x@example.se", "nar": "igår"},
                    today=TODAY) == []


def test_repeating_rows_and_party_list(write_form) -> None:
    doc = minimal()
    doc["sections"][0]["fields"] += [
        {"id": "insatser", "type": "repeating", "label": "Insatser", "columns": [
            {"id": "vad", "type": "text", "label": "Vad", "required": True},
            {"id": "uppfoljning", "type": "date", "label": "Uppföljning"}]},
        {"id": "parter", "type": "party_list", "label": "Parter"},
        {"id": "vem", "type": "person_ref", "label": "Person"},
        {"id": "mer", "type": "multiline", "label": "Mer", "validation": {"max_length": 5}},
    ]
    doc["rules"] = [{"rule": "at_least_one_row", "field": "insatser"}]
    d = load_definition(write_form(doc))
    problems = {p.field: p.message for p in validate(d, {
        "namn": "A",
        "insatser": [{"vad": "Stöd", "uppfoljning": "2026-12-01"}, {"uppfoljning": "snart"}],
        "parter": [{"role": "BVC"}, {"organisation": "BVC", "fax": "1"}],
        "vem": {"identity": "19121212-1212"},
        "mer": "sex tkn",
    }, today=TODAY)}
    assert set(problems) == {"insatser[2].vad", "insatser[2].uppfoljning", "parter[1]",
                             "parter[2]", "vem", "mer"}
    assert "rad 2" in problems["insatser[2].vad"]
    assert "Fyll i minst en rad." in [p.message for p in validate(d, {"namn": "A"}, today=TODAY)]

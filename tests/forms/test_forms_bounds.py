"""Bounds: every text has a maximum length, every date lies in 1900-01-01..2200-12-31.

Before these bounds a 20 MB name validated (and rendering it ran past 180 s) and a
validity start of 9999-12-31 passed validation until date arithmetic overflowed.
"""

from __future__ import annotations

import copy
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest

from oro_desktop.errors import InvalidInput

from oro_desktop.core.consent import validity_from_data
from oro_desktop.core.forms import FormDefinitionError, FormLibrary, is_empty, load_definition, validate
from oro_desktop.core.forms.bounds import (
    COLUMN_MAX_LENGTH,
    DEFAULT_MAX_LENGTH,
    MAX_LENGTH_CEILING,
    MAX_ROWS,
    PART_MAX_LENGTH,
    clip_data,
    max_length,
    within_bounds,
)
from oro_desktop.pdf import render_form
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import FONTS_DIR, FORMS_DIR, minimal

EXAMPLE = json.loads((FORMS_DIR / "examples" / "barnhalsoteam-samtycke.v1.json").read_text("utf-8"))
TODAY = date(2026, 3, 2)
HUGE = "Å" * (20 * 1024 * 1024)  # the 20 MB name of the issue


@pytest.fixture(scope="module")
def consent():
    return FormLibrary(FORMS_DIR).get("barnhalsoteam-samtycke", 1)


def example(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(EXAMPLE)
    data.update(changes)
    return data


def messages(definition, data) -> list[str]:
    return [p.message for p in validate(definition, data, today=TODAY)]


# -- text lengths ---------------------------------------------------------------------------
def test_a_20_mb_name_is_refused_in_swedish(consent) -> None:
    assert messages(consent, example(barn_namn=HUGE)) == ["Barnet – Namn: högst 200 tecken."]


@pytest.mark.parametrize("field_id, ftype", [
    ("barn_namn", "text"), ("barn_adress", "multiline"), ("barn_telefon", "phone")])
def test_default_limit_per_type_holds_at_the_edge(consent, field_id: str, ftype: str) -> None:
    limit = DEFAULT_MAX_LENGTH[ftype]
    assert max_length(consent.field(field_id)) == limit
    at_limit = ("063 " + "1" * limit)[:limit]
    assert messages(consent, example(**{field_id: at_limit})) == []
    over = messages(consent, example(**{field_id: at_limit + "1"}))
    assert over == [f"{over[0].split(':')[0]}: högst {limit} tecken."]


def test_email_limit() -> None:
    assert DEFAULT_MAX_LENGTH["email"] == 254


def test_a_definition_may_lower_or_raise_the_limit_within_bounds(write_form) -> None:
    doc = minimal()
    doc["sections"][0]["fields"][0]["validation"] = {"max_length": 5}
    d = load_definition(write_form(doc))
    assert validate(d, {"namn": "Tolva"}, today=TODAY) == []
    assert [p.message for p in validate(d, {"namn": "Tolvan"}, today=TODAY)] == [
        "Allmänt – Namn: högst 5 tecken."]


@pytest.mark.parametrize("ftype, value", [
    ("text", 0), ("text", MAX_LENGTH_CEILING["text"] + 1), ("text", True), ("text", -3),
    ("multiline", MAX_LENGTH_CEILING["multiline"] + 1)])
def test_an_unbounded_max_length_is_an_authoring_error(write_form, ftype: str, value: Any) -> None:
    doc = minimal()
    doc["sections"][0]["fields"][0].update(type=ftype, validation={"max_length": value})
    with pytest.raises(FormDefinitionError) as caught:
        load_definition(write_form(doc))
    [error] = caught.value.errors
    assert (error.code, error.field, error.path) == ("bad_validation", "namn", "sections[0].fields[0]")


def test_text_parts_of_structured_values_are_bounded(consent) -> None:
    long = "x" * (PART_MAX_LENGTH + 1)
    signers = [{"name": long, "date": "2026-03-02"}, {"name": "Elva Elvasdotter", "date": "2026-03-02"}]
    assert any("högst 200 tecken" in m for m in messages(consent, example(underskrifter=signers)))
    missing = {"kind": "saknas", "reason": long}
    assert any("högst 200 tecken" in m for m in messages(consent, example(barn_personnummer=missing)))
    many = [{"name": f"Person {i}", "date": "2026-03-02"} for i in range(MAX_ROWS + 1)]
    assert f"Förälder/vårdnadshavare: högst {MAX_ROWS} rader." in messages(
        consent, example(underskrifter=many))


def test_unhashable_choice_values_are_problems_not_crashes(consent) -> None:
    assert messages(consent, example(verksamheter=[{"a": 1}])) == [
        "Verksamheter som får utbyta information: ska vara en lista med val."]


# -- the renderer never receives an unbounded string ----------------------------------------
def test_valid_data_passes_the_renderers_clip_unchanged(consent) -> None:
    assert clip_data(consent, EXAMPLE) == EXAMPLE


def test_within_bounds_tells_a_writer_to_refuse_before_writing(consent) -> None:
    assert within_bounds(consent, EXAMPLE)
    assert within_bounds(consent, {"barn_namn": "Tyra"})  # incomplete is not oversized
    assert not within_bounds(consent, example(barn_namn=HUGE))
    signers = [{"name": "x" * (PART_MAX_LENGTH + 1), "date": "2026-03-02"}]
    assert not within_bounds(consent, example(underskrifter=signers))


def test_a_draft_with_a_20_mb_name_renders_cut_short(consent) -> None:
    pdf = render_form(consent, example(barn_namn=HUGE), fonts_dir=FONTS_DIR)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Å" * 150 in text.replace("\n", "") and "…" in text
    assert text.count("Å") < 400
    assert len(pdf) < 200_000


# -- dates ---------------------------------------------------------------------------------
OUT_OF_RANGE = "ligger utanför de datum som går att ange (1900-01-01–2200-12-31)."


@pytest.mark.parametrize("start", ["9999-12-31", "1899-12-31", "2201-01-01"])
def test_a_validity_outside_1900_2200_is_refused_in_swedish(consent, start: str) -> None:
    data = example(giltighet={"from": start, "to": start})
    found = messages(consent, data)
    assert found and all(OUT_OF_RANGE in m for m in found), found
    assert validity_from_data(consent, data) == (None, None)


def test_dates_at_the_edges_are_accepted(write_form) -> None:
    doc = minimal()
    doc["sections"][0]["fields"].append({"id": "dag", "type": "date", "label": "Dag"})
    d = load_definition(write_form(doc))
    for ok in ("1900-01-01", "2200-12-31"):
        assert validate(d, {"namn": "Tolvan", "dag": ok}, today=TODAY) == []
    [problem] = validate(d, {"namn": "Tolvan", "dag": "2201-01-01"}, today=TODAY)
    assert problem.message == f"Allmänt – Dag: ”2201-01-01” {OUT_OF_RANGE}"


def test_a_signature_in_year_9999_is_out_of_range_not_a_crash(consent) -> None:
    signers = [{"name": "Tolvan Tolvansson", "date": "9999-12-31"}]
    found = messages(consent, example(underskrifter=signers))
    assert any(OUT_OF_RANGE in m for m in found), found


def test_save_with_a_year_9999_validity_is_refused_before_commit(tmp_path: Path) -> None:
    """Issue 9.6: refused with a Swedish message, and nothing is written (it used to
    commit and then raise)."""
    session, _key = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri",
                                   kdf=FAST_INSECURE)
    try:
        service = ConsentService(session, FormLibrary(FORMS_DIR), today=lambda: TODAY)
        with pytest.raises(InvalidInput, match="1900–2200"):
            service.save(None, example(giltighet={"from": "9999-12-31", "to": "9999-12-31"}))
        assert service.list() == []
    finally:
        session.close()


# -- every value at its limit still renders; no shape of value crashes ------------------------
def _words(n: int) -> str:
    return ("ordet " * (n // 6 + 1))[:n]


def test_every_value_at_its_limit_validates_and_renders(write_form) -> None:
    doc = minimal()
    doc["sections"][0]["fields"] = [
        {"id": "t", "type": "text", "label": "T", "validation": {"max_length": MAX_LENGTH_CEILING["text"]}},
        {"id": "m", "type": "multiline", "label": "M",
         "validation": {"max_length": MAX_LENGTH_CEILING["multiline"]}},
        {"id": "ml", "type": "multiline", "label": "ML"},
        {"id": "pl", "type": "party_list", "label": "PL"},
        {"id": "sig", "type": "signature", "label": "SIG"},
        {"id": "r", "type": "repeating", "label": "R", "columns": [
            {"id": f"c{i}", "type": "multiline" if i % 2 else "text", "label": f"C{i}",
             "validation": {"max_length": 1000}} for i in range(8)]},
    ]
    d = load_definition(write_form(doc))
    rows = 5
    data = {
        "t": _words(MAX_LENGTH_CEILING["text"]), "m": _words(MAX_LENGTH_CEILING["multiline"]),
        "ml": "\n".join(_words(49) for _ in range(80))[:4000],
        "pl": [{k: _words(PART_MAX_LENGTH) for k in ("organisation", "role", "name", "contact")}
               for _ in range(rows)],
        "sig": [{"name": _words(PART_MAX_LENGTH), "date": "2026-03-01"} for _ in range(rows)],
        # a cell is bounded by COLUMN_MAX_LENGTH even where the column says 1000; one long
        # word, too, must not break the layout
        "r": [{f"c{i}": "x" * COLUMN_MAX_LENGTH if i == 1 else _words(COLUMN_MAX_LENGTH)
               for i in range(8)} for _ in range(rows)],
    }
    assert validate(d, data, today=TODAY) == []
    too_long = copy.deepcopy(data)
    too_long["r"][0]["c0"] = _words(COLUMN_MAX_LENGTH + 1)
    [problem] = validate(d, too_long, today=TODAY)
    assert (problem.field, problem.message) == ("r[1].c0", f"C0: högst {COLUMN_MAX_LENGTH} tecken.")
    pdf = render_form(d, data, fonts_dir=FONTS_DIR)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) > 3


def _nested(depth: int, make: Any) -> Any:
    value = make()
    for _ in range(depth):
        value = make() | {"name": value} if isinstance(value, dict) else [value]
    return value


SHAPES = [[[[]]] * 3, _nested(800, list), _nested(800, dict), [{"name": [[]], "date": {}}],
          {"kind": [], "value": {}, "reason": [[]]}, 10 ** 100, 1.5, True, {"from": [], "to": {}}]


@pytest.mark.parametrize("shape", range(len(SHAPES)))
def test_no_shape_of_value_crashes_validation_or_rendering(consent, shape: int) -> None:
    for f in consent.data_fields():
        data = example(**{f.id: SHAPES[shape]})
        problems = validate(consent, data, today=TODAY)
        value = SHAPES[shape]
        accepted = is_empty(value) or (f.type == "yes_no" and value is True)
        assert accepted or any(p.field.startswith(f.id) for p in problems), f.id
        assert render_form(consent, data, fonts_dir=FONTS_DIR).startswith(b"%PDF")

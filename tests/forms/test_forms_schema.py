"""Every authoring error in the catalogue is found, and names the file and the field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from oro_desktop.core.forms import CATALOGUE, FormDefinitionError, load_definition

from .conftest import minimal

FILE = "testform.v1.yaml"


def _field(doc: dict, index: int = 0) -> dict:
    return doc["sections"][0]["fields"][index]


def _add(doc: dict, field: dict) -> dict:
    doc["sections"][0]["fields"].append(field)
    return doc


def _errors(write_form, doc: Any, name: str | None = None) -> list:
    path = write_form(doc, name or FILE)
    with pytest.raises(FormDefinitionError) as exc:
        load_definition(path)
    return exc.value.errors


CASES: list[tuple[str, str, Any]] = [
    # (code, field named in the error, mutation)
    ("unknown_key", "namn", lambda d: _field(d).update(lable="x") or d),
    ("unknown_key", "", lambda d: d.update(author="x") or d),
    ("missing_label", "namn", lambda d: _field(d).pop("label") and d),
    ("missing_key", "", lambda d: d.pop("title") and d),
    ("duplicate_id", "namn", lambda d: _add(d, {"id": "namn", "type": "text", "label": "Igen"})),
    ("bad_id", "Namn X", lambda d: _field(d).update(id="Namn X") or d),
    ("unknown_type", "namn", lambda d: _field(d).update(type="colour") or d),
    ("bad_choices", "val", lambda d: _field(d, 1).update(choices=[]) or d),
    ("bad_choices", "val", lambda d: _field(d, 1).update(choices=["a", "a"]) or d),
    ("bad_choices", "val", lambda d: _field(d, 1).update(choices=[{"value": "a"}]) or d),
    ("choices_not_allowed", "namn", lambda d: _field(d).update(choices=["a"]) or d),
    ("bad_condition", "namn", lambda d: _field(d).update(condition={"field": "val"}) or d),
    ("condition_unknown_field", "namn",
     lambda d: _field(d).update(condition={"field": "saknas", "equals": "a"}) or d),
    ("condition_bad_value", "namn",
     lambda d: _field(d).update(condition={"field": "val", "equals": "z"}) or d),
    ("unknown_rule", "namn", lambda d: d.update(rules=[{"rule": "magic", "field": "namn"}]) or d),
    ("rule_unknown_field", "borta",
     lambda d: d.update(rules=[{"rule": "answered", "field": "borta"}]) or d),
    ("rule_wrong_type", "namn", lambda d: d.update(rules=[{"rule": "answered", "field": "namn"}]) or d),
    ("bad_rule", "", lambda d: d.update(rules=[{"field": "namn"}]) or d),
    ("bad_rule", "val", lambda d: d.update(rules=[{"rule": "not_before", "field": "val"}]) or d),
    ("missing_text", "t", lambda d: _add(d, {"id": "t", "type": "fixed_text"})),
    ("missing_columns", "rader", lambda d: _add(d, {"id": "rader", "type": "repeating", "label": "R"})),
    ("unknown_type", "k", lambda d: _add(d, {"id": "rader", "type": "repeating", "label": "R",
                                             "columns": [{"id": "k", "type": "signature", "label": "K"}]})),
    ("bad_validation", "namn", lambda d: _field(d).update(validation={"max_len": 3}) or d),
    ("bad_validation", "namn", lambda d: _field(d).update(validation={"pattern": "("}) or d),
    ("bad_kinds", "pnr", lambda d: _add(d, {"id": "pnr", "type": "identity", "label": "P",
                                            "kinds": ["pass"]})),
    ("bad_reference", "namn", lambda d: _field(d).update(address_of="val") or d),
    ("bad_value", "", lambda d: d.update(version="ett") or d),
    ("bad_value", "s", lambda d: _add(d, {"id": "s", "type": "signature", "label": "S",
                                          "labels": {True: "Ja"}})),
    ("not_a_mapping", "", lambda d: ["not", "a", "mapping"]),
]


@pytest.mark.parametrize("code, field, mutate", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_authoring_error_names_file_and_field(write_form, code: str, field: str, mutate) -> None:
    doc = mutate(copy.deepcopy(minimal()))
    errors = _errors(write_form, doc)
    matching = [e for e in errors if e.code == code]
    assert matching, f"expected {code}, got {[str(e) for e in errors]}"
    error = matching[0]
    assert error.file == FILE
    assert error.field == field
    assert str(error).startswith(FILE)
    if field:
        assert f"fält ”{field}”" in str(error)


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(FormDefinitionError) as exc:
        load_definition(path)
    assert exc.value.errors[0].code == "yaml_syntax"
    assert FILE in exc.value.message


def test_file_name_must_match_id_and_version(write_form) -> None:
    errors = _errors(write_form, minimal(), "other.v1.yaml")
    assert [e.code for e in errors] == ["file_name_mismatch"]
    assert "testform.v1.yaml" in errors[0].message


def test_all_errors_are_reported_at_once(write_form) -> None:
    doc = minimal()
    _field(doc).update(lable="x")
    _field(doc, 1).update(choices=[])
    doc["rules"] = [{"rule": "magic", "field": "namn"}]
    codes = {e.code for e in _errors(write_form, doc)}
    assert {"unknown_key", "bad_choices", "unknown_rule"} <= codes


def test_every_form_case_is_a_catalogue_code() -> None:
    # Every code, of every data file, is produced in test_datafiles_catalogue.py.
    assert {c[0] for c in CASES} <= set(CATALOGUE)


def test_a_good_definition_loads(write_form) -> None:
    d = load_definition(write_form(minimal()))
    assert d.key == ("testform", 1)
    assert [f.id for f in d.fields()] == ["namn", "val"]
    assert d.field("val").choices[1].label == "b"
    assert d.source.display() == "Testriktlinje, Bilaga 9"

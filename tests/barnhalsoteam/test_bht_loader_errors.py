"""Authoring errors in the barnhälsoteam guideline file: generic catalogue codes only."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from oro_desktop.core.barnhalsoteam import BhtGuidelineError, load_bht_guideline, parse_bht_guideline
from oro_desktop.core.datafiles import CATALOGUE, MAX_DATA_FILE_BYTES
from tests.barnhalsoteam.conftest import GUIDELINE_FILE

NAME = "jamtland-barnhalsoteam.yaml"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data = yaml.safe_load(GUIDELINE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _errors(doc: object, name: str = NAME) -> BhtGuidelineError:
    with pytest.raises(BhtGuidelineError) as info:
        parse_bht_guideline(doc, name)
    assert all(code in CATALOGUE for code in info.value.codes)
    return info.value


def test_every_error_is_collected_with_its_path(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    doc["colour"] = "blue"
    del doc["sip"]
    doc["members"]["roles"][0]["presence"] = "sometimes"
    doc["special_situations"][0]["id"] = "LVU!"
    doc["levels"]["items"] = doc["levels"]["items"][:2]
    err = _errors(doc)
    found = {(e.code, e.path) for e in err.errors}
    assert ("unknown_key", "colour") in found
    assert ("missing_key", "") in found
    assert ("bad_value", "members.roles[0].presence") in found
    assert ("bad_id", "special_situations[0].id") in found
    assert ("bad_value", "levels.items") in found
    assert str(err).startswith("Riktlinjefilen för barnhälsoteam innehåller fel:")
    assert "okänd nyckel ”colour”" in str(err)


def test_wrong_types_dates_and_duplicates(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    doc["version"] = "ett"
    doc["valid_through"] = "31 december"
    doc["tasks"]["items"] = "arbeta förebyggande"
    doc["members"]["roles"][1]["id"] = "forskolechef"
    doc["members"]["roles"][2]["consent_party"] = "polisen"
    doc["consent"]["max_months"] = 24
    codes = {(e.code, e.path) for e in _errors(doc).errors}
    assert ("wrong_type", "version") in codes
    assert ("bad_date", "valid_through") in codes
    assert ("wrong_type", "tasks.items") in codes
    assert ("duplicate_id", "members.roles[1].id") in codes
    assert ("bad_value", "members.roles[2].consent_party") in codes
    assert ("bad_value", "consent.max_months") in codes


def test_two_convenors_and_wrong_kind(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    doc["members"]["roles"][1]["convenes"] = True
    doc["kind"] = "guidance"
    codes = {(e.code, e.path) for e in _errors(doc).errors}
    assert ("bad_value", "members.roles") in codes and ("bad_value", "kind") in codes


def test_not_a_mapping_and_file_name(raw: dict[str, Any]) -> None:
    assert _errors(["a", "list"]).codes == ["not_a_mapping"]
    assert "bad_id" in _errors(copy.deepcopy(raw), "annat-namn.yaml").codes


def test_unknown_legal_reference(raw: dict[str, Any]) -> None:
    with pytest.raises(BhtGuidelineError) as info:
        parse_bht_guideline(copy.deepcopy(raw), NAME, refs={"lvu"})
    assert {e.path for e in info.value.errors} >= {"sip.legal[0]", "sip.legal[1]"}


def test_unreadable_too_large_and_bad_yaml(tmp_path: Path) -> None:
    bad = tmp_path / NAME
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(BhtGuidelineError) as info:
        load_bht_guideline(bad)
    assert info.value.codes == ["yaml_syntax"]
    bad.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(BhtGuidelineError) as info:
        load_bht_guideline(bad)
    assert info.value.codes == ["file_unreadable"]
    with pytest.raises(BhtGuidelineError) as info:
        load_bht_guideline(tmp_path / "saknas.yaml")
    assert info.value.codes == ["file_unreadable"]
    with bad.open("wb") as handle:
        handle.truncate(MAX_DATA_FILE_BYTES + 1)
    with pytest.raises(BhtGuidelineError) as info:
        load_bht_guideline(bad)
    assert info.value.codes == ["file_too_large"]

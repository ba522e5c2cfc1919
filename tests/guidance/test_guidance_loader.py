"""Authoring errors in guideline and legal files name the file, the field and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from oro_desktop.core.datafiles import CATALOGUE, DataFileError
from oro_desktop.core.guidance import (
    GuidelineError, load_guideline, load_references, parse_references,
)
from oro_desktop.core.guidance._read import MAX_FILE_BYTES
from oro_desktop.services.guidance import GuidanceService
from tests.guidance.conftest import JAMTLAND, RESOURCES


def _shipped() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (RESOURCES / "guidelines" / f"{JAMTLAND}.yaml").read_text(encoding="utf-8"))
    return data


def _load(tmp_path: Path, data: dict[str, Any], service: GuidanceService,
          name: str = f"{JAMTLAND}.yaml") -> GuidelineError:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GuidelineError) as info:
        load_guideline(path, service.references)
    return info.value


def _codes(error: GuidelineError) -> list[tuple[str, str]]:
    return [(e.code, e.path) for e in error.errors]


def test_a_clean_copy_loads(tmp_path: Path, service: GuidanceService) -> None:
    path = tmp_path / f"{JAMTLAND}.yaml"
    path.write_text(yaml.safe_dump(_shipped(), allow_unicode=True), encoding="utf-8")
    assert load_guideline(path, service.references).id == JAMTLAND


def test_every_error_is_collected_with_its_field(tmp_path: Path, service: GuidanceService) -> None:
    data = _shipped()
    data["colour"] = "blue"
    step = data["alternatives"][1]["steps"][2]
    del step["source"]
    step["legal"] = ["sol-99-1"]
    data["alternatives"][0]["steps"][0]["contact"]["kind"] = "tandläkare"
    data["valid_through"] = "31/12/2026"
    data["special_rules"][0]["id"] = "secret_rule"
    error = _load(tmp_path, data, service)
    codes = _codes(error)
    assert ("unknown_key", "colour") in codes
    assert ("missing_source", "alternatives[1].steps[2].source") in codes
    assert ("unknown_legal_reference", "alternatives[1].steps[2].legal[0]") in codes
    assert ("unknown_contact_kind", "alternatives[0].steps[0].contact.kind") in codes
    assert ("bad_date", "valid_through") in codes
    assert ("unknown_rule", "special_rules[0].id") in codes
    assert str(error.errors[0]) == f"{JAMTLAND}.yaml: colour: okänd nyckel ”colour”"
    # Inside a step the error names the step's id, as a form error names its field.
    missing = next(e for e in error.errors if e.code == "missing_source")
    assert (missing.field, missing.element) == (step["id"], "steg")
    assert str(missing).startswith(
        f"{JAMTLAND}.yaml: alternatives[1].steps[2].source: steg ”{step['id']}”: källa")
    rule = next(e for e in error.errors if e.code == "unknown_rule")
    assert (rule.field, rule.element) == ("secret_rule", "regel")
    assert isinstance(error, DataFileError) and error.message.startswith(
        "Riktlinjefilerna innehåller fel:\n- ")


def test_alternatives_must_be_one_then_two(tmp_path: Path, service: GuidanceService) -> None:
    data = _shipped()
    data["alternatives"].reverse()
    assert ("bad_alternatives", "alternatives") in _codes(_load(tmp_path, data, service))


def test_a_list_of_the_wrong_type_says_so(tmp_path: Path, service: GuidanceService) -> None:
    data = _shipped()
    data["alternatives"][0]["steps"] = "ring socialtjänsten"
    error = _load(tmp_path, data, service)
    [wrong] = [e for e in error.errors if e.code == "wrong_type"]
    assert wrong.path == "alternatives[0].steps"
    assert wrong.message == "”steps” ska vara en lista" and wrong.english == "'steps' must be a list"


def test_file_name_must_match_id(tmp_path: Path, service: GuidanceService) -> None:
    error = _load(tmp_path, _shipped(), service, name="jamtland.yaml")
    assert ("file_name_mismatch", "id") in _codes(error)
    [wrong] = [e for e in error.errors if e.code == "file_name_mismatch"]
    assert wrong.message == f"filnamnet ska vara ”{JAMTLAND}.yaml” för id i filen"


def test_unknown_initiating_party_and_sector(tmp_path: Path, service: GuidanceService) -> None:
    data = _shipped()
    data["initiators"]["parties"] = ["region", "skolan"]
    data["alternatives"][0]["steps"][0]["initiator"] = ["school"]
    codes = _codes(_load(tmp_path, data, service))
    assert ("unknown_party", "initiators.parties[1]") in codes
    assert ("unknown_sector", "alternatives[0].steps[0].initiator[0]") in codes


def test_yaml_syntax_and_size(tmp_path: Path, service: GuidanceService) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(GuidelineError) as info:
        load_guideline(path, service.references)
    assert info.value.errors[0].code == "yaml_syntax"
    path.write_text("x" * (MAX_FILE_BYTES + 1), encoding="utf-8")
    with pytest.raises(GuidelineError) as info:
        load_guideline(path, service.references)
    assert info.value.errors[0].code == "file_too_large"
    path.write_bytes(b"id: \xff\xfe\n")
    with pytest.raises(GuidelineError) as info:
        load_guideline(path, service.references)
    assert info.value.errors[0].code == "file_unreadable"


def test_legal_file_refuses_former_without_current() -> None:
    raw = {"format": 1, "references": [{
        "id": "sol-old", "citation": "SoL (2001:453) 14 kap. 1 §", "law": "x", "short": "x",
        "summary": "x", "source": "x",
        "former": {"citation": "SoL (2001:453) 14 kap. 1 §", "law": "x"},
    }]}
    with pytest.raises(GuidelineError) as info:
        parse_references(raw, "references.yaml")
    assert [e.code for e in info.value.errors] == ["former_without_current"]


def test_shipped_legal_file_loads() -> None:
    assert "sol-19-1" in load_references(RESOURCES / "legal" / "references.yaml")


def test_every_code_used_in_the_loaders_is_in_the_catalogue() -> None:
    import re

    source = "".join(
        p.read_text(encoding="utf-8")
        for p in (RESOURCES.parent / "oro_desktop" / "core" / "guidance").glob("*.py")
    )
    used = set(re.findall(r'error\(\s*"([a-z_]+)"', source))
    assert used and used <= set(CATALOGUE)


def test_steps_must_keep_the_guidelines_order(tmp_path: Path, service: GuidanceService) -> None:
    data = _shipped()
    steps = data["alternatives"][1]["steps"]
    steps[1], steps[3] = steps[3], steps[1]
    codes = _codes(_load(tmp_path, data, service))
    assert ("steps_out_of_order", "alternatives[1].steps[2].number") in codes

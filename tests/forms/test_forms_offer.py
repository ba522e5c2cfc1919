"""The region setting decides which forms are offered (core/forms/offer.py).

A Kronoberg unit is never offered a Jämtland form by default; a form tied to no region
is offered everywhere; the newest version of a form is the one offered; `regions:` and
`situations:` are checked when the definition is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from oro_desktop.core.forms import FormDefinitionError, FormLibrary, load_definition
from oro_desktop.core.forms.offer import FORM_SITUATIONS, forms_for_region, offered
from oro_desktop.core.guidance.model import SITUATIONS

from .conftest import FORMS_DIR, minimal

JAMTLAND_FORMS = {"jamtland-vantat-barn-samtycke", "barnhalsoteam-samtycke"}


@pytest.fixture(scope="module")
def shipped() -> list[Any]:
    return FormLibrary(FORMS_DIR).load_all()


def _ids(definitions: list[Any]) -> set[str]:
    return {d.id for d in definitions}


def test_kronoberg_unit_never_gets_a_jamtland_form(shipped: list[Any]) -> None:
    offered_ids = _ids(forms_for_region(shipped, "Kronoberg"))
    assert "kronoberg-nyfott-barn-samtycke" in offered_ids
    assert not offered_ids & JAMTLAND_FORMS
    assert "vastra-gotaland-vantat-barn-samtycke" not in offered_ids


def test_each_region_gets_its_own_consent_form(shipped: list[Any]) -> None:
    def consents(region: str, situation: str) -> set[str]:
        return _ids(forms_for_region(shipped, region, situation, kind="contact_consent"))

    assert consents("Jämtland Härjedalen", "expected_child") == {"jamtland-vantat-barn-samtycke"}
    assert consents("Västra Götaland", "expected_child") == {"vastra-gotaland-vantat-barn-samtycke"}
    assert consents("Kronoberg", "newborn") == {"kronoberg-nyfott-barn-samtycke"}
    assert consents("Kronoberg", "expected_child") == set()


def test_region_names_compare_without_case_and_spacing(shipped: list[Any]) -> None:
    assert _ids(forms_for_region(shipped, "  jämtland   HÄRJEDALEN ")) == _ids(
        forms_for_region(shipped, "Jämtland Härjedalen"))


def test_an_unknown_or_empty_region_gets_no_regional_form(shipped: list[Any]) -> None:
    # every shipped form belongs to some region, so nothing leaks to another by default
    assert all(d.regions for d in shipped)
    assert forms_for_region(shipped, "") == [] and forms_for_region(shipped, "Skåne") == []


def test_disclosure_record_is_offered_in_the_three_regions(shipped: list[Any]) -> None:
    for region in ("Jämtland Härjedalen", "Västra Götaland", "Kronoberg"):
        assert "uppgiftslamnande-utan-samtycke" in _ids(
            forms_for_region(shipped, region, kind="record"))
    assert "barnhalsoteam-samtycke" not in _ids(
        forms_for_region(shipped, "Jämtland Härjedalen", "expected_child"))


def _write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    import yaml

    path = tmp_path / f"{doc['id']}.v{doc['version']}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_a_form_of_no_region_is_offered_everywhere_and_the_newest_version_wins(
        tmp_path: Path) -> None:
    _write(tmp_path, minimal())
    _write(tmp_path, minimal(version=2, title="Testformulär v2"))
    _write(tmp_path, minimal(id="bara-kronoberg", regions=["Kronoberg"],
                             situations=["newborn"]))
    library = FormLibrary(tmp_path).load_all()
    everywhere = forms_for_region(library, "Skåne")
    assert [(d.id, d.version) for d in everywhere] == [("testform", 2)]
    assert [d.id for d in forms_for_region(library, "kronoberg", "newborn")] == [
        "bara-kronoberg", "testform"]
    only = next(d for d in library if d.id == "bara-kronoberg")
    assert offered(only, "Kronoberg") and not offered(only, "Kronoberg", "expected_child")


@pytest.mark.parametrize(("extra", "code", "path"), [
    ({"regions": "Kronoberg"}, "wrong_type", "regions"),
    ({"regions": []}, "wrong_type", "regions"),
    ({"regions": ["Kronoberg", " kronoberg"]}, "duplicate_value", "regions"),
    ({"regions": ["K" * 101]}, "bad_value", "regions"),
    ({"situations": ["school"]}, "bad_value", "situations[0]"),
    ({"situations": [3]}, "wrong_type", "situations"),
])
def test_regions_and_situations_are_checked(
        tmp_path: Path, extra: dict[str, Any], code: str, path: str) -> None:
    with pytest.raises(FormDefinitionError) as caught:
        load_definition(_write(tmp_path, minimal(**extra)))
    [error] = caught.value.errors
    assert (error.code, error.path) == (code, path)
    assert str(error).startswith("testform.v1.yaml: " + path)


def test_form_situations_include_the_guidance_engines() -> None:
    assert set(SITUATIONS) <= set(FORM_SITUATIONS)

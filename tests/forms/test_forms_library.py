"""Every shipped definition loads; the library finds versions lazily; examples are valid."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from oro_desktop.core.forms import FormLibrary, FormNotFound, load_definition, validate
from oro_desktop.core.forms.loader import stray_files

from .conftest import FORMS_DIR, minimal

DEFINITIONS = sorted(FORMS_DIR.glob("*.yaml"))


def test_forms_dir_has_definitions() -> None:
    assert DEFINITIONS
    assert stray_files(FORMS_DIR) == []


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_every_definition_loads(path: Path) -> None:
    definition = load_definition(path)
    assert definition.title and definition.source.guideline
    assert path.name == f"{definition.id}.v{definition.version}.yaml"


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.name)
def test_every_definition_has_a_valid_example(path: Path) -> None:
    example = FORMS_DIR / "examples" / f"{path.stem}.json"
    assert example.is_file(), f"missing {example}"
    data = json.loads(example.read_text(encoding="utf-8"))
    assert validate(load_definition(path), data, today=date(2026, 11, 23)) == []


def test_library_is_lazy_and_cached(write_form, tmp_path: Path) -> None:
    write_form(minimal())
    (tmp_path / "broken.v1.yaml").write_text("id: [", encoding="utf-8")
    library = FormLibrary(tmp_path)  # listing does not parse: the broken file is no error yet
    assert library.keys() == [("broken", 1), ("testform", 1)]
    assert library.get("testform") is library.get("testform", 1)


def test_unknown_form_or_version(tmp_path: Path, write_form) -> None:
    write_form(minimal())
    library = FormLibrary(tmp_path)
    with pytest.raises(FormNotFound, match="finns inte"):
        library.get("nope")
    with pytest.raises(FormNotFound, match="version 7"):
        library.get("testform", 7)


def test_consent_definition_has_every_element_of_bilaga_1() -> None:
    d = FormLibrary(FORMS_DIR).get("barnhalsoteam-samtycke", 1)
    types = {f.id: f.type for f in d.fields()}
    assert [c.label for c in d.field("verksamheter").choices] == [
        "Förskola", "Grundskola", "BVC-Hälsocentral", "Individ- och familjeomsorgen"]
    assert types["barn_personnummer"] == "identity"
    assert d.field("barn_personnummer").kinds == ("personnummer", "samordningsnummer", "saknas")
    assert d.field("barn_adress").address_of == "barn_personnummer"
    assert types["underskrifter"] == "signature" and d.field("underskrifter").slots == 2
    assert types["giltighet"] == "date_range"
    assert types["overforing_vid_flytt"] == "yes_no"
    assert {r.rule for r in d.rules} == {"at_least_one_ticked", "at_least_one_row",
                                         "separate_signers", "max_validity_12_months",
                                         "not_before", "answered"}

"""The one catalogue of authoring errors: every code is produced by some data file.

No code without a test: each code in core/datafiles.CATALOGUE is listed here with a file
(a form definition, a contact directory file, a guideline file or the legal-reference
file) that produces it, and the error names the file, the path in the document and the
field, entry, step or reference.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from oro_desktop.core.contacts import DirectoryError, load_file
from oro_desktop.core.datafiles import CATALOGUE, MAX_DATA_FILE_BYTES, AuthoringError, DataFileError
from oro_desktop.core.forms import FormDefinitionError, load_definition
from oro_desktop.core.forms.errors import AuthoringError as FormsAuthoringError
from oro_desktop.core.guidance import GuidelineError, load_guideline, load_references

from .conftest import minimal
from .test_forms_schema import CASES

FORM_FILE = "testform.v1.yaml"
CONTACTS_FILE = "test.yaml"
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
GUIDELINE = "jamtland-harjedalen-vantat-barn"
GUIDELINE_FILE = f"{GUIDELINE}.yaml"
LEGAL_FILE = "references.yaml"
FILE_NAMES = {"form": FORM_FILE, "contacts": CONTACTS_FILE, "guideline": GUIDELINE_FILE,
              "legal": LEGAL_FILE}

CONTACTS_GOOD = """\
format: 1
region: Testlän
municipalities: [Exempelby]
source: {guideline: "Testriktlinje", date: "2026-01-01"}
verified: 2026-01-01
entries:
  - id: testlan/socialtjanst/exempelby
    organisation: Exempelby kommun
    unit: Socialtjänsten
    kind: socialtjänstens mottagning
    municipality: Exempelby
    phones: ["000-000 00"]
"""


def _form(mutate: Callable[[dict[str, Any]], Any]) -> tuple[str, bytes]:
    return "form", yaml.safe_dump(mutate(copy.deepcopy(minimal())), allow_unicode=True).encode()


def _contacts(old: str, new: str) -> tuple[str, bytes]:
    assert old in CONTACTS_GOOD
    return "contacts", CONTACTS_GOOD.replace(old, new).encode()


def _yaml_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _guideline(mutate: Callable[[dict[str, Any]], Any]) -> tuple[str, bytes]:
    doc = _yaml_of(RESOURCES / "guidelines" / GUIDELINE_FILE)
    mutate(doc)
    return "guideline", yaml.safe_dump(doc, allow_unicode=True).encode()


def _legal(mutate: Callable[[dict[str, Any]], Any]) -> tuple[str, bytes]:
    doc = _yaml_of(RESOURCES / "legal" / LEGAL_FILE)
    mutate(doc)
    return "legal", yaml.safe_dump(doc, allow_unicode=True).encode()


def _step(doc: dict[str, Any], alternative: int = 1, index: int = 2) -> dict[str, Any]:
    step: dict[str, Any] = doc["alternatives"][alternative]["steps"][index]
    return step


def _swap_steps(doc: dict[str, Any]) -> None:
    steps = doc["alternatives"][1]["steps"]
    steps[1], steps[3] = steps[3], steps[1]


def _former_alone(doc: dict[str, Any]) -> None:
    ref = next(r for r in doc["references"] if r["id"] == "sol-19-1")
    ref["citation"] = ref["former"]["citation"]


def _fields(doc: dict[str, Any], *fields: dict[str, Any]) -> dict[str, Any]:
    doc["sections"][0]["fields"] += list(fields)
    return doc


def _consent(doc: dict[str, Any]) -> dict[str, Any]:
    doc["kind"] = "consent"
    return doc


PRODUCERS: dict[str, tuple[str, bytes]] = {
    code: _form(mutate) for code, _field, mutate in reversed(CASES)  # first case per code wins
}
PRODUCERS.update({
    "yaml_syntax": ("form", b"id: [unclosed\n"),
    "file_unreadable": ("form", b"id: \xff\xfe\n"),
    "file_too_large": ("contacts", b"#" * (MAX_DATA_FILE_BYTES + 1)),
    "file_name_mismatch": ("form", yaml.safe_dump(minimal(id="annat")).encode()),
    "wrong_type": _form(lambda d: _fields(d, {"id": "x", "type": "text", "label": "X",
                                              "binds": ["child.name"]})),
    "bad_date": _contacts("verified: 2026-01-01", "verified: igår"),
    "duplicate_value": _contacts("[Exempelby]", "[Exempelby, Exempelby]"),
    "unknown_role": _form(lambda d: _fields(d, {"id": "x", "type": "text", "label": "X",
                                                "binds": "child.shoe_size"})),
    "role_wrong_type": _form(lambda d: _fields(d, {"id": "x", "type": "date", "label": "X",
                                                   "binds": "validity"})),
    "duplicate_role": _form(lambda d: _fields(
        d, {"id": "x", "type": "text", "label": "X", "binds": "child.name"},
        {"id": "y", "type": "text", "label": "Y", "binds": "child.name"})),
    "missing_role": _form(_consent),
    "conflicting_roles": _form(lambda d: _fields(
        d, {"id": "x", "type": "identity", "label": "X", "binds": "pregnant_person.identity"},
        {"id": "y", "type": "identity", "label": "Y", "binds": "parent.identity"})
        | {"kind": "contact_consent"}),
    "bad_phone": _contacts('phones: ["000-000 00"]', 'phones: ["ring"]'),
    "bad_email": _contacts('phones: ["000-000 00"]', "emails: [inte-en-adress]"),
    "bad_hours": _contacts('    phones:', "    hours: kontorstid\n    phones:"),
    "unknown_municipality": _contacts("municipality: Exempelby", "municipality: Annanstad"),
    "region_mismatch": _contacts("    unit: Socialtjänsten", "    unit: Socialtjänsten\n    region: Annat"),
    "missing_source": _guideline(lambda d: _step(d).pop("source")),
    "unknown_legal_reference": _guideline(lambda d: _step(d).update(legal=["sol-99-1"])),
    "unknown_party": _guideline(lambda d: d["initiators"]["parties"].append("skolan")),
    "unknown_sector": _guideline(lambda d: _step(d, 0, 0).update(initiator=["school"])),
    "unknown_contact_kind": _guideline(
        lambda d: d["alternatives"][0]["steps"][0]["contact"].update(kind="tandläkare")),
    "steps_out_of_order": _guideline(_swap_steps),
    "bad_alternatives": _guideline(lambda d: d["alternatives"].reverse()),
    "former_without_current": _legal(_former_alone),
})


def _load(tmp_path: Path, kind: str, content: bytes) -> list[AuthoringError]:
    path = tmp_path / FILE_NAMES[kind]
    path.write_bytes(content)
    if kind in ("guideline", "legal"):
        with pytest.raises(GuidelineError) as guideline_error:
            if kind == "legal":
                load_references(path)
            else:
                load_guideline(path, load_references(RESOURCES / "legal" / LEGAL_FILE))
        return guideline_error.value.errors
    expected = FormDefinitionError if kind == "form" else DirectoryError
    with pytest.raises(expected) as caught:
        load_definition(path) if kind == "form" else load_file(path)
    return caught.value.errors


def test_every_code_in_the_catalogue_has_a_producing_file() -> None:
    assert set(PRODUCERS) == set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(PRODUCERS))
def test_code_is_produced_and_names_file_path_and_field(tmp_path: Path, code: str) -> None:
    kind, content = PRODUCERS[code]
    errors = _load(tmp_path, kind, content)
    matching = [e for e in errors if e.code == code]
    assert matching, f"expected {code}, got {[str(e) for e in errors]}"
    error = matching[0]
    assert error.file == FILE_NAMES[kind]
    assert str(error).startswith(error.file + ": ")
    template = CATALOGUE[code]
    assert error.message and error.english
    assert "{" not in template.sv or error.message != template.sv  # parameters were filled in
    if error.path:
        assert error.path in str(error)
    if error.field:
        assert f"”{error.field}”" in str(error)


def test_errors_name_the_path_in_the_document(tmp_path: Path) -> None:
    kind, content = _form(lambda d: _fields(d, {"id": "x", "type": "text", "label": "X",
                                                "lable": "typo"}))
    [error] = _load(tmp_path, kind, content)
    assert (error.code, error.path, error.field) == ("unknown_key", "sections[0].fields[2]", "x")
    assert str(error) == f"{FORM_FILE}: sections[0].fields[2]: fält ”x”: okänd nyckel ”lable”"
    assert error.english == "unknown key 'lable'"


def test_one_error_type_for_every_file() -> None:
    # The forms' names are the shared objects, so the guideline loader can import either.
    assert FormsAuthoringError is AuthoringError
    assert issubclass(FormDefinitionError, DataFileError)
    assert issubclass(DirectoryError, DataFileError)
    assert issubclass(GuidelineError, DataFileError)


GENERIC_IN_A_GUIDELINE = {
    "unknown_key": _guideline(lambda d: d.update(colour="blue")),
    "missing_key": _guideline(lambda d: d.pop("title")),
    "bad_value": _guideline(lambda d: d.update(format=2)),
    "bad_date": _guideline(lambda d: d.update(valid_through="31/12/2026")),
    "bad_id": _guideline(lambda d: _step(d).update(id="Steg 3")),
    "duplicate_id": _guideline(lambda d: _step(d).update(id=_step(d, 1, 1)["id"])),
    "not_a_mapping": _guideline(lambda d: d.update(adopted="2024")),
    "wrong_type": _guideline(lambda d: d["alternatives"][0].update(steps="ring")),
    "unknown_rule": _guideline(lambda d: d["special_rules"][0].update(id="secret_rule")),
    "file_name_mismatch": ("guideline-named-wrong", b""),
    "yaml_syntax": ("guideline", b"id: [unclosed\n"),
    "file_unreadable": ("guideline", b"id: \xff\xfe\n"),
}


@pytest.mark.parametrize("code", sorted(GENERIC_IN_A_GUIDELINE))
def test_guideline_files_reuse_the_generic_codes(tmp_path: Path, code: str) -> None:
    kind, content = GENERIC_IN_A_GUIDELINE[code]
    if kind == "guideline-named-wrong":
        path = tmp_path / "jamtland.yaml"
        path.write_bytes((RESOURCES / "guidelines" / GUIDELINE_FILE).read_bytes())
        with pytest.raises(GuidelineError) as caught:
            load_guideline(path, load_references(RESOURCES / "legal" / LEGAL_FILE))
        errors = caught.value.errors
    else:
        errors = _load(tmp_path, kind, content)
    assert code in [e.code for e in errors], [str(e) for e in errors]
    error = next(e for e in errors if e.code == code)
    assert str(error).startswith(error.file + ": ") and error.english


def test_message_lists_at_most_twenty_errors_but_keeps_all() -> None:
    errors = [AuthoringError("unknown_key", "f.yaml", f"entries[{i}]", "", "x") for i in range(25)]
    exc = DirectoryError(errors)
    assert len(exc.errors) == 25 and exc.message.endswith("… och 5 fel till")
    assert exc.message.splitlines()[0] == "Kontaktkatalogen innehåller fel:"


def test_every_code_is_documented_in_the_architecture_page() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text("utf-8")
    for code, message in CATALOGUE.items():
        assert f"| `{code}` |" in doc and message.en in doc, code

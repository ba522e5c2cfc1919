"""The one catalogue of authoring errors: every code is produced by some data file.

No code without a test: each code in core/datafiles.CATALOGUE is listed here with a file
(a form definition or a contact directory file) that produces it, and the error names
the file, the path in the document and the field or entry.
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

from .conftest import minimal
from .test_forms_schema import CASES

FORM_FILE = "testform.v1.yaml"
CONTACTS_FILE = "test.yaml"

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
    "bad_phone": _contacts('phones: ["000-000 00"]', 'phones: ["ring"]'),
    "bad_email": _contacts('phones: ["000-000 00"]', "emails: [inte-en-adress]"),
    "bad_hours": _contacts('    phones:', "    hours: kontorstid\n    phones:"),
    "unknown_municipality": _contacts("municipality: Exempelby", "municipality: Annanstad"),
    "region_mismatch": _contacts("    unit: Socialtjänsten", "    unit: Socialtjänsten\n    region: Annat"),
})


def _load(tmp_path: Path, kind: str, content: bytes) -> list[AuthoringError]:
    name = FORM_FILE if kind == "form" else CONTACTS_FILE
    path = tmp_path / name
    path.write_bytes(content)
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
    assert error.file == (FORM_FILE if kind == "form" else CONTACTS_FILE)
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


def test_message_lists_at_most_twenty_errors_but_keeps_all() -> None:
    errors = [AuthoringError("unknown_key", "f.yaml", f"entries[{i}]", "", "x") for i in range(25)]
    exc = DirectoryError(errors)
    assert len(exc.errors) == 25 and exc.message.endswith("… och 5 fel till")
    assert exc.message.splitlines()[0] == "Kontaktkatalogen innehåller fel:"


def test_every_code_is_documented_in_the_architecture_page() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text("utf-8")
    for code, message in CATALOGUE.items():
        assert f"| `{code}` |" in doc and message.en in doc, code

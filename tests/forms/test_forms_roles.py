"""Forms say what their fields mean (`binds:`), and services read the roles, not positions.

The byte-identical tests compare with PDFs rendered on the code before roles existed
(tests/forms/fixtures, committed first): adding roles changed nothing that is printed.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from oro_desktop.core.consent import validity_from_data
from oro_desktop.core.forms import FormDefinitionError, FormLibrary, load_definition
from oro_desktop.core.forms.roles import FORM_KINDS, REQUIRED_ROLES, ROLES
from oro_desktop.errors import InvalidInput
from oro_desktop.pdf import render_form
from oro_desktop.services import persons
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import FONTS_DIR, FORMS_DIR, minimal

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = json.loads((FORMS_DIR / "examples" / "barnhalsoteam-samtycke.v1.json").read_text("utf-8"))
TODAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def consent():
    return FormLibrary(FORMS_DIR).get("barnhalsoteam-samtycke", 1)


# -- what is printed did not change ------------------------------------------------------
def test_example_pdf_is_byte_identical_to_the_one_before_roles(consent) -> None:
    before = (FIXTURES / "barnhalsoteam-samtycke.v1.example.pdf").read_bytes()
    assert render_form(consent, EXAMPLE, fonts_dir=FONTS_DIR) == before


def test_blank_pdf_is_byte_identical_to_the_one_before_roles(consent) -> None:
    before = (FIXTURES / "barnhalsoteam-samtycke.v1.blank.pdf").read_bytes()
    assert render_form(consent, None, fonts_dir=FONTS_DIR) == before


def test_rendering_is_deterministic(consent) -> None:
    assert render_form(consent, EXAMPLE, fonts_dir=FONTS_DIR) == render_form(
        consent, copy.deepcopy(EXAMPLE), fonts_dir=FONTS_DIR)


# -- the shipped consent binds every role the lifecycle reads --------------------------------
def test_barnhalsoteam_consent_binds_its_roles(consent) -> None:
    assert consent.kind == "consent"
    bound = {f.binds: f.id for f in consent.fields() if f.binds}
    assert bound == {
        "parties": "verksamheter", "child.name": "barn_namn",
        "child.identity": "barn_personnummer", "child.address": "barn_adress",
        "child.phone": "barn_telefon", "guardians": "underskrifter",
        "obtained_by.name": "inhamtat_namn", "obtained_by.function": "inhamtat_funktion",
        "obtained_by.contact": "inhamtat_kontakt", "validity": "giltighet",
        "transfer_on_move": "overforing_vid_flytt",
    }
    assert consent.field_for("validity").id == "giltighet"
    assert consent.field_for("plan.coordinator") is None
    assert consent.fields_for("guardians") == (consent.field("underskrifter"),)
    with pytest.raises(KeyError):
        consent.field_for("child.shoe_size")


def test_every_kind_needs_only_known_roles() -> None:
    assert set(REQUIRED_ROLES) == set(FORM_KINDS)
    for role in ROLES.values():
        assert role.types, role.name


# -- authoring errors of roles ------------------------------------------------------------
def _consent_doc() -> dict[str, Any]:
    """A small consent form binding exactly the roles a consent needs."""
    doc = minimal(kind="consent")
    doc["sections"][0]["fields"] = [
        {"id": "namn", "type": "text", "label": "Namn", "binds": "child.name"},
        {"id": "pnr", "type": "identity", "label": "Personnummer", "binds": "child.identity"},
        {"id": "vh", "type": "signature", "label": "Vårdnadshavare", "binds": "guardians"},
        {"id": "giltig", "type": "date_range", "label": "Giltig", "binds": "validity"},
    ]
    return doc


def _errors(write_form, doc: dict[str, Any]) -> list:
    with pytest.raises(FormDefinitionError) as caught:
        load_definition(write_form(doc))
    return caught.value.errors


def test_small_consent_form_loads(write_form) -> None:
    d = load_definition(write_form(_consent_doc()))
    assert d.kind == "consent" and d.field_for("guardians").id == "vh"


def test_unknown_role_names_file_path_and_field(write_form) -> None:
    doc = _consent_doc()
    doc["sections"][0]["fields"][0]["binds"] = "child.nickname"
    errors = _errors(write_form, doc)
    [error] = [e for e in errors if e.code == "unknown_role"]
    assert [e.code for e in errors if e is not error] == ["missing_role"]  # child.name unbound
    assert (error.code, error.file, error.path, error.field) == (
        "unknown_role", "testform.v1.yaml", "sections[0].fields[0]", "namn")
    assert "child.nickname" in error.message


def test_role_on_a_field_of_the_wrong_type(write_form) -> None:
    doc = _consent_doc()
    doc["sections"][0]["fields"][3]["type"] = "date"   # validity must be a date range
    [error] = _errors(write_form, doc)
    assert (error.code, error.path, error.field) == ("role_wrong_type", "sections[0].fields[3]", "giltig")
    assert "date_range" in error.message


def test_unique_role_bound_twice(write_form) -> None:
    doc = _consent_doc()
    doc["sections"][0]["fields"].append(
        {"id": "pnr2", "type": "identity", "label": "Annat", "binds": "child.identity"})
    [error] = _errors(write_form, doc)
    assert (error.code, error.path, error.field) == ("duplicate_role", "sections[0].fields[4]", "pnr2")
    assert "pnr" in error.message


def test_a_role_that_may_repeat_is_not_refused(write_form) -> None:
    doc = _consent_doc()
    doc["sections"][0]["fields"] += [
        {"id": "uppf1", "type": "date", "label": "Uppföljning", "binds": "plan.follow_up"},
        {"id": "uppf2", "type": "multiline", "label": "Hur", "binds": "plan.follow_up"},
    ]
    d = load_definition(write_form(doc))
    assert [f.id for f in d.fields_for("plan.follow_up")] == ["uppf1", "uppf2"]


@pytest.mark.parametrize("role", REQUIRED_ROLES["consent"])
def test_consent_form_lacking_a_role_the_lifecycle_needs(write_form, role: str) -> None:
    doc = _consent_doc()
    for f in doc["sections"][0]["fields"]:
        if f.get("binds") == role:
            del f["binds"]
    [error] = _errors(write_form, doc)
    assert (error.code, error.file) == ("missing_role", "testform.v1.yaml")
    assert role in error.message and "consent" in error.message
    assert str(error).startswith("testform.v1.yaml: ")


def test_the_same_form_as_a_record_needs_no_roles(write_form) -> None:
    doc = _consent_doc()
    doc["kind"] = "record"
    for f in doc["sections"][0]["fields"]:
        del f["binds"]
    assert load_definition(write_form(doc)).kind == "record"


def test_unknown_kind_and_binds_on_a_column_are_refused(write_form) -> None:
    doc = _consent_doc()
    doc["kind"] = "samtycke"
    doc["sections"][0]["fields"].append({
        "id": "rader", "type": "repeating", "label": "Rader",
        "columns": [{"id": "vem", "type": "text", "label": "Vem", "binds": "child.name"}]})
    errors = _errors(write_form, doc)
    assert ("bad_value", "kind", "") in {(e.code, e.path, e.field) for e in errors}
    assert ("unknown_key", "sections[0].fields[4].columns[0]", "vem") in {
        (e.code, e.path, e.field) for e in errors}


# -- services read roles, not positions or id prefixes -----------------------------------------
def _variant(version: int = 1, obtainer_prefix: str = "tagit") -> dict[str, Any]:
    """A consent laid out unlike bilaga 1: a parent's number comes first, a witness signs
    before the guardians, the child's nickname precedes the name, no 12-month rule."""
    o = obtainer_prefix
    return {
        "id": "variant-samtycke", "version": version, "kind": "consent", "title": "Variant",
        "source": {"guideline": "Testriktlinje"},
        "sections": [
            {"id": "forst", "title": "Först", "fields": [
                {"id": "foralder_pnr", "type": "identity", "label": "Förälderns nummer",
                 "binds": "parent.identity"},
                {"id": "vittne", "type": "signature", "label": "Vittne"},
            ]},
            {"id": "barn", "title": "Barnet", "fields": [
                {"id": "smeknamn", "type": "text", "label": "Smeknamn"},
                {"id": "tel", "type": "phone", "label": "Telefon", "binds": "child.phone"},
                {"id": "bostad", "type": "multiline", "label": "Bostad", "binds": "child.address"},
                {"id": "namnet", "type": "text", "label": "Namn", "binds": "child.name"},
                {"id": "numret", "type": "identity", "label": "Nummer", "binds": "child.identity"},
            ]},
            {"id": "slut", "title": "Slut", "fields": [
                {"id": "vardnadshavare", "type": "signature", "label": "VH", "slots": 2,
                 "binds": "guardians"},
                {"id": "period", "type": "date_range", "label": "Period", "binds": "validity"},
                {"id": f"{o}_namn", "type": "text", "label": "Av", "binds": "obtained_by.name"},
                {"id": f"{o}_roll", "type": "text", "label": "Roll", "binds": "obtained_by.function"},
            ]},
        ],
    }


VARIANT_DATA = {
    "foralder_pnr": {"kind": "personnummer", "value": "191212121212"},
    "vittne": [{"name": "Vittne Vittnesson", "date": "2026-03-02"}],
    "smeknamn": "Tyttan", "tel": "063-123 45 67", "bostad": "Exempelgatan 12",
    "namnet": "Tyra Tolvansson", "numret": {"kind": "personnummer", "value": "202103159808"},
    "vardnadshavare": [{"name": "Tolvan Tolvansson", "date": "2026-03-02"},
                       {"name": "Elva Elvasdotter", "date": "2026-03-02"}],
    "period": {"from": "2026-03-02", "to": "2026-09-01"},
    "tagit_namn": "Maja Exempelsson", "tagit_roll": "BVC-sjuksköterska",
}


def _write(directory: Path, doc: dict[str, Any]) -> None:
    directory.mkdir(exist_ok=True)
    (directory / f"{doc['id']}.v{doc['version']}.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def variant(tmp_path: Path):
    _write(tmp_path / "forms", _variant())
    return FormLibrary(tmp_path / "forms").get("variant-samtycke")


def test_child_fields_come_from_roles(variant) -> None:
    assert persons.child_fields(variant) == persons.ChildFields(
        identity="numret", name="namnet", address="bostad", phone="tel",
        guardians="vardnadshavare")


def test_child_guardians_and_validity_are_read_by_role(variant) -> None:
    child = persons.child_in_form(variant, VARIANT_DATA, TODAY)
    assert child is not None
    assert (child.identity.value, child.name, child.address, child.phone) == (
        "202103159808", "Tyra Tolvansson", "Exempelgatan 12", "063-123 45 67")
    assert persons.guardian_names(variant, VARIANT_DATA) == ["Tolvan Tolvansson", "Elva Elvasdotter"]
    assert validity_from_data(variant, VARIANT_DATA) == (date(2026, 3, 2), date(2026, 9, 1))


def test_a_form_without_a_child_has_no_child(write_form) -> None:
    d = load_definition(write_form(minimal()))
    assert persons.child_fields(d) is None
    assert persons.child_in_form(d, {"namn": "x"}, TODAY) is None
    assert persons.guardian_names(d, {}) == []
    assert validity_from_data(d, {}) == (None, None)


@pytest.fixture
def session(tmp_path: Path):
    s, _key = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
    yield s
    if s.is_open:
        s.close()


def test_service_links_child_guardians_and_validity_by_role(tmp_path: Path, session) -> None:
    _write(tmp_path / "forms", _variant())
    service = ConsentService(session, FormLibrary(tmp_path / "forms"), today=lambda: TODAY)
    saved = service.save(None, VARIANT_DATA, form_id="variant-samtycke")
    assert saved.problems == []
    view = service.get(saved.id)
    assert view.child is not None and view.child.name == "Tyra Tolvansson"
    assert view.child.identity.value == "202103159808"
    assert [g.name for g in view.guardians] == ["Tolvan Tolvansson", "Elva Elvasdotter"]
    consent = view.consent
    assert (consent.valid_from, consent.valid_to) == (date(2026, 3, 2), date(2026, 9, 1))


def test_new_draft_copies_the_obtainer_role_by_role_into_a_new_version(tmp_path: Path, session) -> None:
    forms = tmp_path / "forms"
    _write(forms, _variant(1))
    ConsentService(session, FormLibrary(forms), today=lambda: TODAY).save(
        None, VARIANT_DATA, form_id="variant-samtycke")
    _write(forms, _variant(2, obtainer_prefix="inhamtare"))  # v2 renames the fields
    new = ConsentService(session, FormLibrary(forms), today=lambda: TODAY).new_draft("variant-samtycke")
    assert new.form_version == 2
    assert new.data == {"inhamtare_namn": "Maja Exempelsson", "inhamtare_roll": "BVC-sjuksköterska"}


def test_new_draft_refuses_a_form_that_is_not_a_consent(tmp_path: Path, session) -> None:
    doc = _variant()
    doc["kind"] = "record"
    _write(tmp_path / "forms", doc)
    service = ConsentService(session, FormLibrary(tmp_path / "forms"), today=lambda: TODAY)
    with pytest.raises(InvalidInput, match="inget samtyckesformulär"):
        service.new_draft("variant-samtycke")


def test_every_role_is_documented_in_the_forms_readme() -> None:
    readme = (FORMS_DIR / "README.md").read_text("utf-8")
    for role in ROLES.values():
        types = ", ".join(sorted(role.types))
        assert f"| `{role.name}` | {types} | {'yes' if role.unique else 'no'} |" in readme, role.name

"""The working model's consents and the disclosure record, as form definitions.

Each form loads, validates its shipped example with no problems, and renders through the
one PDF renderer with the guideline's fixed texts. The oral path documents who asked,
when and what was said; the written path has the person's own signature row; the
newborn form records one parent's own answer and nothing about the other parent.
"""

from __future__ import annotations

import copy
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest

from oro_desktop.core.forms import FormLibrary, load_definition, validate
from oro_desktop.core.forms.roles import REQUIRED_ONE_OF, REQUIRED_ROLES, ROLES
from oro_desktop.pdf import render_form

from .conftest import FONTS_DIR, FORMS_DIR

CONSENTS = ["jamtland-vantat-barn-samtycke", "vastra-gotaland-vantat-barn-samtycke",
            "kronoberg-nyfott-barn-samtycke"]
DISCLOSURE = "uppgiftslamnande-utan-samtycke"
TODAY = date(2026, 11, 30)

#: The guidelines' own sentences each form must print (whitespace-normalised).
FIXED_TEXTS: dict[str, list[str]] = {
    "jamtland-vantat-barn-samtycke": [
        "Vid oro för ett väntat barn ska RJH eller kommunen tillfråga den gravida om samtycke "
        "att ta kontakt med den andra parten för att initiera insatser för stöd och hjälp.",
        "Om den gravida motsätter sig ett uppgiftslämnande är utgångspunkten att den gravidas "
        "vilja ska respekteras.",
        "12 kap. 2 § offentlighets- och sekretesslagen (2009:400)",
        "Den gravida kan när som helst ta tillbaka sitt samtycke.",
    ],
    "vastra-gotaland-vantat-barn-samtycke": [
        "Alternativ 1: Den gravida önskar själv stöd och hjälp från den andra parten och "
        "samtycker till att en kontakt tas.",
        "Alternativ 2: Den gravida samtycker inte till att en kontakt tas.",
        "Om den gravida motsätter sig ett uppgiftslämnande är utgångspunkten att den gravidas "
        "vilja ska respekteras.",
        "Den gravida kan när som helst ta tillbaka sitt samtycke.",
    ],
    "kronoberg-nyfott-barn-samtycke": [
        "Vid oro för ett nyfött barn ska Region Kronoberg eller kommunen tillfråga "
        "föräldern/föräldrarna om samtycke att ta kontakt med relevanta parter för att "
        "initiera insatser för stöd och hjälp.",
        "Varje förälder svarar för sig själv, på en egen blankett.",
        "Den ena föräldern kan inte ge eller motsätta sig samtycke för den andra föräldern.",
        "Om föräldern/föräldrarna motsätter sig ett uppgiftslämnande är utgångspunkten att "
        "deras vilja ska respekteras.",
        "Föräldern kan när som helst ta tillbaka sitt samtycke.",
    ],
    DISCLOSURE: [
        "Om ett uppgiftslämnande krävs för att en nödvändig insats ska kunna ges som skydd för "
        "det väntade barnet, kan uppgifterna lämnas utan samtycke.",
        "Sekretessbelagda uppgifter lämnas endast mellan hälso- och sjukvård samt socialtjänst "
        "som är i offentlig regi.",
        "OSL 25 kap. 12 § (hälso- och sjukvården)", "OSL 26 kap. 9 § (socialtjänsten)",
        "6 kap. 12 § patientsäkerhetslagen (2010:659)",
        "Efter att informationsutbytet skett informeras den gravida/föräldern om att kontakten "
        "tagits och vad som framkommit.",
    ],
}


@pytest.fixture(scope="module")
def library() -> FormLibrary:
    return FormLibrary(FORMS_DIR)


def _example(form_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FORMS_DIR / "examples" / f"{form_id}.v1.json").read_text(encoding="utf-8"))
    return data


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _problems(definition: Any, data: dict[str, Any]) -> set[str]:
    return {p.field for p in validate(definition, data, today=TODAY)}


@pytest.mark.parametrize("form_id", CONSENTS + [DISCLOSURE])
def test_form_loads_and_its_example_validates(library: FormLibrary, form_id: str) -> None:
    definition = load_definition(FORMS_DIR / f"{form_id}.v1.yaml")
    assert definition.id == form_id and definition.version == 1
    assert library.get(form_id).kind == ("record" if form_id == DISCLOSURE else "contact_consent")
    assert validate(definition, _example(form_id), today=TODAY) == []


@pytest.mark.parametrize("form_id", CONSENTS)
def test_consent_binds_what_the_contact_consent_lifecycle_reads(
        library: FormLibrary, form_id: str) -> None:
    definition = library.get(form_id)
    for role in REQUIRED_ROLES["contact_consent"] + ("consent.said", "consent.signature",
                                                     "consent.contact_party", "consent.content"):
        assert definition.field_for(role) is not None, role
    for group in REQUIRED_ONE_OF["contact_consent"]:
        assert sum(definition.field_for(r) is not None for r in group) == 1
    answer = definition.field_for("consent.answer")
    assert answer is not None and answer.required
    assert {c.value for c in answer.choices} == {"ja", "nej"}  # a refusal is recorded too


@pytest.mark.parametrize("form_id", CONSENTS)
def test_oral_answer_requires_who_asked_when_and_what_was_said(
        library: FormLibrary, form_id: str) -> None:
    definition = library.get(form_id)
    manner = definition.field_for("consent.manner")
    said = definition.field_for("consent.said")
    who = definition.field_for("obtained_by.name")
    when = definition.field_for("consent.given_on")
    assert manner and said and who and when
    oral = _example(form_id) | {manner.id: "muntligt"}
    oral.setdefault(said.id, "Fick veta vad som ska framföras och svarade ja.")
    oral.pop(definition.field_for("consent.signature").id, None)  # type: ignore[union-attr]
    assert _problems(definition, oral) == set()
    for missing in (said.id, who.id, when.id):
        broken = copy.deepcopy(oral)
        del broken[missing]
        assert missing in _problems(definition, broken), missing


@pytest.mark.parametrize("form_id", CONSENTS)
def test_written_answer_does_not_ask_what_was_said(library: FormLibrary, form_id: str) -> None:
    definition = library.get(form_id)
    manner, said = definition.field_for("consent.manner"), definition.field_for("consent.said")
    signature = definition.field_for("consent.signature")
    assert manner and said and signature
    written = _example(form_id) | {manner.id: "skriftligt"}
    written.pop(said.id, None)
    assert _problems(definition, written) == set()
    # the printed written answer has the signature row and no "what was said" box
    text = _text(render_form(definition, written, fonts_dir=FONTS_DIR))
    assert signature.label in text and "Underskrift" in text and said.label not in text
    # the written answer, its signature and who asked stay on one page
    assert len(pypdf.PdfReader(io.BytesIO(render_form(
        definition, written | {signature.id: [{"name": "Tolvan Tolvansson", "date": "2026-11-23"}]},
        fonts_dir=FONTS_DIR))).pages) == 1
    # and the answer itself (manner) is required
    del written[manner.id]
    assert manner.id in _problems(definition, written)


def test_newborn_form_records_one_parents_own_answer_only(library: FormLibrary) -> None:
    definition = library.get("kronoberg-nyfott-barn-samtycke")
    fields = list(definition.fields())
    persons = [f for f in fields if f.type in ("identity", "person_ref")]
    # one parent (the one answering) and the child; nobody else
    assert sorted(f.binds or "" for f in persons) == ["child.identity", "parent.identity"]
    answers = [f for f in fields if f.type in ("choice", "yes_no") and f.binds == "consent.answer"]
    assert len(answers) == 1
    # no second answer of any kind: the only choices are the answer, the manner, the parties
    assert {f.binds for f in fields if f.type in ("choice", "yes_no", "multi_choice")} == {
        "consent.answer", "consent.manner"}
    signatures = [f for f in fields if f.type == "signature"]
    assert [(f.binds, f.slots) for f in signatures] == [("consent.signature", 1)]
    words = " ".join(f"{f.label} {f.help}" for f in fields).lower()
    assert "andra föräldern" not in re.sub(r"den ena föräldern kan inte.*?föräldern", "", words)


@pytest.mark.parametrize("form_id", CONSENTS + [DISCLOSURE])
def test_pdf_prints_the_guidelines_fixed_texts(library: FormLibrary, form_id: str) -> None:
    definition = library.get(form_id)
    for data in (None, _example(form_id)):  # the blank form and the filled example
        text = _text(render_form(definition, data, fonts_dir=FONTS_DIR))
        for fixed in FIXED_TEXTS[form_id]:
            assert fixed in text, fixed
        assert f"Formulär {form_id}, version 1" in text and "Sida 1 av" in text


def test_disclosure_record_informing_path_and_exemption_path(library: FormLibrary) -> None:
    definition = library.get(DISCLOSURE)
    base = _example(DISCLOSURE)
    assert base["informeras"] == "ja"
    before = [definition.field_for(r) for r in
              ("disclosure.informed_before", "disclosure.informed_before_content")]
    for f in before:
        assert f is not None
        broken = copy.deepcopy(base)
        del broken[f.id]
        assert f.id in _problems(definition, broken)
    exemption = {k: v for k, v in base.items()
                 if k not in ("fore_datum", "fore_vad", "efter_datum", "efter_vad")}
    exemption["informeras"] = "undantag"
    assert _problems(definition, exemption) == {"undantag_grund", "undantag_ej_delaktig",
                                                "undantag_skal"}
    exemption |= {"undantag_grund": "heder", "undantag_ej_delaktig": "nej",
                  "undantag_skal": "Orosanmälan om misstänkt hedersrelaterat förtryck."}
    assert _problems(definition, exemption) == set()
    text = _text(render_form(definition, exemption, fonts_dir=FONTS_DIR))
    assert "ska föräldern/föräldrarna inte informeras om sådan kontakt" in text
    assert "Informerad före" not in text


def test_disclosure_record_uses_the_disclosure_roles(library: FormLibrary) -> None:
    definition = library.get(DISCLOSURE)
    bound = {f.binds for f in definition.fields() if f.binds}
    assert {r for r in ROLES if r.startswith("disclosure.")} <= bound
    basis = definition.field_for("disclosure.legal_basis")
    assert basis is not None and {c.value for c in basis.choices} == {"osl-25-12", "osl-26-9"}
    for role in ("disclosure.sender_public", "disclosure.recipient_public"):
        f = definition.field_for(role)
        assert f is not None and {c.value for c in f.choices} == {"offentlig", "privat"}


def test_legal_basis_values_are_the_guidelines_references() -> None:
    import yaml

    refs = yaml.safe_load((Path(__file__).resolve().parents[2] / "resources" / "legal"
                           / "references.yaml").read_text(encoding="utf-8"))
    ids = {r["id"] for r in refs["references"]}
    assert {"osl-25-12", "osl-26-9"} <= ids


@pytest.mark.parametrize("form_id", sorted(
    p.name.split(".v")[0] for p in FORMS_DIR.glob("*.v*.yaml")))
def test_footer_of_every_shipped_form_fits_the_page(library: FormLibrary, form_id: str) -> None:
    # The footer is drawn on one line each and never wrapped: a long source would run
    # past the margin and hide the form id and version, so the definition must keep it short.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from oro_desktop.pdf.fonts import register_fonts
    from oro_desktop.pdf.layout import CONTENT_W

    definition = library.get(form_id)
    fonts = register_fonts(FONTS_DIR)
    second = (f"{definition.source.display()} · Formulär {definition.id}, "
              f"version {definition.version}")
    assert stringWidth(second, fonts.regular, 7.5) <= CONTENT_W
    page = stringWidth("Sida 99 av 99", fonts.bold, 8.5)
    assert stringWidth(definition.title, fonts.regular, 7.5) + page + 10 <= CONTENT_W


def test_contact_consent_needs_exactly_one_person_answering(tmp_path: Path) -> None:
    import yaml

    from oro_desktop.core.forms import FormDefinitionError

    source = FORMS_DIR / "kronoberg-nyfott-barn-samtycke.v1.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    fields = doc["sections"][1]["fields"]
    assert [f["binds"] for f in fields[:2]] == ["parent.name", "parent.identity"]

    def codes(mutated: dict[str, Any]) -> list[tuple[str, str]]:
        path = tmp_path / source.name
        path.write_text(yaml.safe_dump(mutated, allow_unicode=True), encoding="utf-8")
        with pytest.raises(FormDefinitionError) as caught:
            load_definition(path)
        return [(e.code, e.message) for e in caught.value.errors]

    none = copy.deepcopy(doc)
    for f in none["sections"][1]["fields"][:2]:
        del f["binds"]
    assert ("missing_role", "ett formulär av sorten ”contact_consent” måste ha ett fält med "
            "binds: pregnant_person.identity / parent.identity") in codes(none)
    both = copy.deepcopy(doc)
    both["sections"][1]["fields"].append(
        {"id": "den_andra", "type": "identity", "label": "Den andra föräldern",
         "binds": "pregnant_person.identity"})
    assert [c for c, _ in codes(both)] == ["conflicting_roles"]

"""A protected person is marked, and the number masked, on the working model's PDFs (a plan
prefilled from the case and a consent to contact) as in the case view; never an address.
The barnhälsoteam consent (signed on paper by the guardian) keeps the full number."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.forms.values import masked_identity
from oro_desktop.paths import forms_dir, resources_dir
from oro_desktop.pdf import render_form
from oro_desktop.services.case_views import PersonInput
from tests.plans.helpers import pnr

ADDRESS = "Hemliggatan 3, 831 30 Östersund"


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _protected_case(services):
    cases = services.cases
    uid = cases.open("Östersund", guideline_id="jamtland-harjedalen-vantat-barn",
                     due_date=date(2027, 4, 1), initiator_kind="barnmorskemottagning")
    p = cases.add_person(uid, "pregnant", PersonInput(
        name="Tova Testsson", identity=pnr("19850312-9804"), protected=True, address=ADDRESS))
    return uid, p


def test_masked_identity_masks_only_a_protected_number():
    assert masked_identity({"kind": "personnummer", "value": "198503129804", "protected": True}) \
        == "19850312-****  [skyddade personuppgifter]"
    assert masked_identity({"kind": "personnummer", "value": "198503129804"}) == "19850312-9804"
    assert masked_identity({"kind": "reservnummer", "value": "R123", "protected": True}) \
        == "****  [skyddade personuppgifter]"
    assert masked_identity({"kind": "saknas", "reason": "Väntat barn", "protected": True}) \
        == "Saknas: Väntat barn  [skyddade personuppgifter]"
    assert masked_identity({}) == ""


def test_the_plan_pdf_of_a_protected_person_marks_and_masks(services):
    case, _p = _protected_case(services)
    plan = services.plans.create(case, "samordnad-plan-vantat-barn")
    text = _text(services.plans.pdf_job(plan)())
    assert "skyddade personuppgifter" in text
    assert "19850312-****" in text
    assert "9804" not in text and "Hemliggatan" not in text and "831 30" not in text


def test_the_consent_pdf_for_signature_marks_and_masks(services):
    case, p = _protected_case(services)
    text = _text(services.cases.consent_pdf(case, p, asked_by="Maja Exempelsson",
                                            function="Barnmorska", content="Att oro finns."))
    assert "Tova Testsson" in text and "19850312-**** [skyddade personuppgifter]" in text
    assert "9804" not in text and "Hemliggatan" not in text


def test_an_unprotected_person_prints_in_full_and_the_bht_consent_is_not_masked():
    library = FormLibrary(forms_dir())
    fonts = resources_dir() / "fonts"
    plan = library.get("samordnad-plan-vantat-barn")
    ident = {"kind": "personnummer", "value": "198503129804"}
    field = plan.field_for("pregnant_person.identity")
    text = _text(render_form(plan, {field.id: ident}, fonts_dir=fonts))
    assert "19850312-9804" in text and "skyddade" not in text
    bht = library.get("barnhalsoteam-samtycke")
    ident_field = next(f for s in bht.sections for f in s.fields if f.type == "identity")
    text = _text(render_form(bht, {ident_field.id: {**ident, "protected": True}}, fonts_dir=fonts))
    assert "19850312-9804" in text


def test_the_family_copy_of_a_protected_person_is_marked(services):
    case, _p = _protected_case(services)
    plan = services.plans.create(case, "samordnad-plan-vantat-barn")
    text = _text(services.plans.pdf_job(plan, family=True)())
    assert "Skyddade personuppgifter" in text
    assert "9804" not in text and "Hemliggatan" not in text
    plain, _q = _unprotected(services)
    other = services.plans.create(plain, "samordnad-plan-vantat-barn")
    assert "Skyddade" not in _text(services.plans.pdf_job(other, family=True)())


def _unprotected(services):
    cases = services.cases
    uid = cases.open("Borås", guideline_id="vastra-gotaland-vantat-barn", due_date=date(2027, 4, 1),
                     initiator_kind="barnmorskemottagning")
    p = cases.add_person(uid, "pregnant", PersonInput(name="Sara Provsdotter",
                                                      identity=pnr("19900214-9848")))
    return uid, p

"""A written consent in a case: the region's form printed for the person's own signature
(answer and signature by hand), audited, in memory; no protected address on it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from oro_desktop.core.forms import FormLibrary
from oro_desktop.errors import InvalidInput
from oro_desktop.paths import forms_dir, resources_dir
from oro_desktop.services.cases import CaseService
from tests.cases.conftest import NOW, PARENT_A, PARENT_B, TODAY, person

HIDDEN = "Hemligvägen 7, 352 30 Växjö"


@pytest.fixture
def printing(session, guidance) -> CaseService:
    return CaseService(session, guidance, FormLibrary(forms_dir()), today=lambda: TODAY,
                       now=lambda: NOW, fonts_dir=resources_dir() / "fonts")


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_each_parent_gets_their_own_form_to_sign(session, printing):
    uid = printing.open("Växjö", guideline_id="kronoberg-nyfott-barn",
                        child=person("Nova Provare", "20260220-9807"), initiator_kind="BVC")
    a = printing.add_person(uid, "guardian", person(*PARENT_A, address=HIDDEN, protected=True))
    printing.add_person(uid, "guardian", person(*PARENT_B))
    def audits(action):
        return session.store.conn.execute(
            "SELECT count(*) FROM audit WHERE action = ? AND record_type = 'case_consent'",
            (action,)).fetchone()[0]

    before = audits("read")
    pdf = printing.consent_pdf(uid, a, asked_by="Maja Exempelsson", function="BVC-sjuksköterska",
                               content="Att oro finns och vilket stöd som behövs.")
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert PARENT_A[0] in text and PARENT_B[0] not in text  # one parent's own form
    assert "Kronoberg" in text and "Maja Exempelsson" in text
    assert "Hemligvägen" not in text and HIDDEN.encode() not in pdf
    assert audits("read") == before + 1 and audits("print") == 0
    printing.record_consent_output(uid, "print", {"pages": 1, "printer": "Skrivare"})
    assert audits("print") == 1
    with pytest.raises(InvalidInput):
        printing.record_consent_output(uid, "delete", {})
    assert printing.view(uid).consents == ()  # printing records no answer


def test_only_the_consent_role_gets_a_form_and_a_closed_case_none(printing):
    uid = printing.open("Växjö", guideline_id="kronoberg-nyfott-barn",
                        child=person("Nova Provare", "20260220-9807"), initiator_kind="BVC")
    relative = printing.add_person(uid, "relative", person(*PARENT_B))
    with pytest.raises(InvalidInput, match="för sig själv"):
        printing.consent_pdf(uid, relative, asked_by="M", function="BVC", content="Oro.")
    printing.close(uid)
    with pytest.raises(InvalidInput, match="avslutat"):
        printing.consent_pdf(uid, relative, asked_by="M", function="BVC", content="Oro.")

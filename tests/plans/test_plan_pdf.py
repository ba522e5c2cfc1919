"""The printed plan (the one form renderer) and the family copy, read back with pypdf."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.plans import plan_from_data
from oro_desktop.pdf import render_form
from oro_desktop.pdf.plan_family import family_sentences, long_date, render_family_copy

from .conftest import FONTS_DIR, PLAN_FORMS, example

OWN_RECORDS = "exemplar för partens egen"
STAMP = "Version 3 · sparad 2026-11-24"


def _text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    # words only: table cells wrap anywhere, so compare without line breaks and spaces
    return "".join(page.extract_text() for page in pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("form_id", PLAN_FORMS)
def test_plan_pdf_holds_every_commitment_the_coordinator_and_the_follow_up(
        library: FormLibrary, form_id: str) -> None:
    data = example(form_id)
    text = _flat(_text(render_form(library.get(form_id), data, fonts_dir=FONTS_DIR, stamp=STAMP)))
    for row in data["insatser"]:
        for key in ("part", "vad", "ansvarig", "fran"):
            assert _flat(row[key]) in text, (key, row[key])
    for row in data["deltagare"]:
        assert _flat(row["namn"]) in text and _flat(row["organisation"]) in text
    for key in ("samordningsansvarig", "uppfoljning_ansvarig", "nasta_uppfoljning",
                "samordnare_kontakt"):
        assert _flat(data[key]) in text, key
    assert _flat(STAMP) in text
    assert _flat(f"Formulär {form_id}, version 1") in text
    raw = _text(render_form(library.get(form_id), data, fonts_dir=FONTS_DIR))
    for row in data["insatser"]:
        assert row["fran"] in raw  # the date column is wide enough not to break a date


@pytest.mark.parametrize("form_id", PLAN_FORMS)
def test_the_own_records_note_appears_only_without_consent(library: FormLibrary, form_id: str) -> None:
    d = library.get(form_id)
    data = example(form_id)
    for answer, shown in (("med", False), ("utan", True)):
        data["samtycke"] = answer
        text = _flat(_text(render_form(d, data, fonts_dir=FONTS_DIR)))
        assert (_flat(OWN_RECORDS) in text) is shown, answer
        assert (_flat("6 kap. 12 § patientsäkerhetslagen") in text) is shown


def test_the_same_plan_prints_the_same_bytes(library: FormLibrary) -> None:
    d = library.get("barnets-plan")
    first = render_form(d, example("barnets-plan"), fonts_dir=FONTS_DIR, stamp=STAMP)
    assert first == render_form(d, example("barnets-plan"), fonts_dir=FONTS_DIR, stamp=STAMP)
    plan = plan_from_data(d, example("barnets-plan"))
    assert render_family_copy(plan, fonts_dir=FONTS_DIR) == render_family_copy(plan, fonts_dir=FONTS_DIR)


@pytest.mark.parametrize("form_id", PLAN_FORMS)
def test_family_copy_says_who_does_what_when_and_whom_to_call(
        library: FormLibrary, form_id: str) -> None:
    data = example(form_id)
    plan = plan_from_data(library.get(form_id), data)
    pdf = render_family_copy(plan, fonts_dir=FONTS_DIR, stamp=STAMP)
    text = _flat(_text(pdf))
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    for row in data["insatser"]:
        assert _flat(row["vad"]) in text and _flat(row["ansvarig"]) in text
    for i in plan.interventions:
        assert i.start is not None and _flat(f"Från den {long_date(i.start)}") in text
    assert _flat(f"Ring om du undrar något: {data['samordnare_kontakt']}.") in text
    assert _flat(f"{data['samordningsansvarig']} håller ihop planen.") in text
    assert plan.next_follow_up is not None
    assert _flat(f"Vi går igenom planen igen den {long_date(plan.next_follow_up)}.") in text
    assert _flat(STAMP) in text
    # the family copy is not the record: no legal references, no form headings
    assert "OSL" not in text and "patientsäkerhetslagen" not in text and "SIP" not in text


def test_family_copy_mentions_consent_only_when_there_was_none(library: FormLibrary) -> None:
    d = library.get("barnets-plan")
    data = example("barnets-plan")
    assert "Om samtycke" in family_sentences(plan_from_data(d, data))
    data["samtycke"] = "med"
    assert "Om samtycke" not in family_sentences(plan_from_data(d, data))
    assert _flat("utan ert samtycke") not in _flat(_text(render_family_copy(
        plan_from_data(d, data), fonts_dir=FONTS_DIR)))


def test_family_sentences_are_short(library: FormLibrary) -> None:
    for form_id in PLAN_FORMS:
        sentences = family_sentences(plan_from_data(library.get(form_id), example(form_id)))
        own = [s for heading, texts in sentences.items()
               if heading not in ("Det här vill vi uppnå", "Andra som hjälper till", "Nästa gång")
               for s in texts]
        assert own and all(len(s.split()) <= 15 for s in own), own


def test_family_copy_of_an_empty_plan_still_prints(library: FormLibrary) -> None:
    plan = plan_from_data(library.get("barnets-plan"), {})
    text = _text(render_family_copy(plan, fonts_dir=FONTS_DIR))
    assert "Inga insatser är bestämda ännu." in text


def test_long_date_is_swedish() -> None:
    from datetime import date
    assert long_date(date(2027, 1, 12)) == "12 januari 2027"


def test_family_copy_names_the_meeting_days(library: FormLibrary) -> None:
    plan = plan_from_data(library.get("barnets-plan"), example("barnets-plan"))
    assert family_sentences(plan)[""][1] == (
        "Vi träffades den 21 november 2026 och den 23 november 2026 och gjorde planen tillsammans.")

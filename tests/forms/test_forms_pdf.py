"""The rendered PDF: every label and fixed text of bilaga 1, footers, boxes, old versions."""

from __future__ import annotations

import copy
import io
import json
import re

import pypdf
import pytest

from oro_desktop.core.forms import FormLibrary, load_definition
from oro_desktop.pdf import render_form

from .conftest import FONTS_DIR, FORMS_DIR, minimal

EXAMPLE = json.loads((FORMS_DIR / "examples" / "barnhalsoteam-samtycke.v1.json").read_text("utf-8"))

# The fixed texts and labels of bilaga 1, as printed on the official form
# (2009:400 corrected, see the definition's header comment).
BILAGA_1 = [
    "Samtycke till samverkan och informationsutbyte - Barnhälsoteam",
    "För att berörda verksamheter inom kommun och region på bästa sätt ska kunna samverka "
    "kring mitt barn, samtycker jag härmed till att dessa får utbyta information utan hinder "
    "av sekretess.",
    "Samtycket gäller under det samverkansarbete som nu har påbörjas.",
    "Samverkansarbetet kan exempelvis handla om kontakter per telefon och nätverksmöten.",
    "Samtycket gäller bara aktuell information som är viktig för att de samverkande "
    "verksamheterna på bästa sätt ska kunna hjälpa mitt barn.",
    "Jag medger att berörda, nedan markerade verksamheter, får utbyta information om "
    "mig/mitt barn utan hinder av sekretess i enlighet med 12 kap. 2 § offentlighets- och "
    "sekretesslagen (2009:400)",
    "Förskola", "Grundskola", "BVC-Hälsocentral", "Individ- och familjeomsorgen",
    "Barnet", "Namn", "Personnummer", "Adress", "Telefonnummer",
    "Förälder/vårdnadshavare", "Datum", "Underskrift",
    "Samtycke inhämtat av", "Funktion/verksamhet", "Kontaktuppgifter",
    "Samtycket är giltigt f.r.o.m – t.o.m (dock längst 12 månader)",
    "Information får överföras till annat barnhälsoteam inom länet vid flytt till ny kommun",
    "Ja", "Nej",
    "Observera att vissa myndigheter har rätt att delge varandra information utan barnets "
    "eller vårdnadshavarens samtycke om det kan anses vara nödvändigt för barnets bästa "
    "enligt offentlighets- och sekretesslagen (2009:400). Av 6 kap. 11 § föräldrabalken "
    "framgår vårdnadshavarens rätt och skyldighet att bestämma i frågor som rör den "
    "underåriges personliga angelägenheter.",
    "Detta dokument är en journalhandling hos berörd myndighet.",
    "Varje myndighet/vårdgivare måste kunna visa en undertecknad medgivandeblankett "
    "(original eller kopia), att den enskilda har lämnat ett samtycke.",
    "Upphävande av samtycke kan ske när som helst av berörd person i skriftlig form.",
]


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def consent():
    return FormLibrary(FORMS_DIR).get("barnhalsoteam-samtycke", 1)


@pytest.mark.parametrize("data", [None, EXAMPLE], ids=["blank", "filled"])
def test_every_label_and_fixed_text_of_bilaga_1(consent, data) -> None:
    pdf = render_form(consent, data, fonts_dir=FONTS_DIR)
    assert pdf.startswith(b"%PDF")
    text = " ".join(_pages(pdf))
    missing = [t for t in BILAGA_1 if t not in text]
    assert not missing
    assert "(2009:40)" not in text


def test_footer_on_every_page(consent) -> None:
    pages = _pages(render_form(consent, EXAMPLE, fonts_dir=FONTS_DIR))
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in page
        assert "barnhalsoteam-samtycke, version 1" in page
        assert "Riktlinje för barnhälsoteam, Jämtlands län, Bilaga 1" in page


def test_consent_fits_on_one_page(consent) -> None:
    assert len(_pages(render_form(consent, EXAMPLE, fonts_dir=FONTS_DIR))) == 1
    assert len(_pages(render_form(consent, None, fonts_dir=FONTS_DIR))) == 1


def test_filled_values_are_printed(consent) -> None:
    text = _pages(render_form(consent, EXAMPLE, fonts_dir=FONTS_DIR))[0]
    for value in ("Tyra Tolvansson", "20210315-9808", "Exempelgatan 12", "Tolvan Tolvansson",
                  "Elva Elvasdotter", "Maja Exempelsson", "2027-03-01"):
        assert value in text


def test_two_signature_slots_and_a_third_when_needed(consent) -> None:
    blank = _pages(render_form(consent, None, fonts_dir=FONTS_DIR))[0]
    assert blank.count("Underskrift") == 2
    data = copy.deepcopy(EXAMPLE)
    data["underskrifter"].append({"name": "Nils Nilsson", "date": ""})
    assert " ".join(_pages(render_form(consent, data, fonts_dir=FONTS_DIR))).count("Underskrift") == 3


def test_protected_identity_never_prints_the_address(consent) -> None:
    data = copy.deepcopy(EXAMPLE)
    data["barn_personnummer"]["protected"] = True
    text = " ".join(_pages(render_form(consent, data, fonts_dir=FONTS_DIR)))
    assert "Exempelgatan" not in text and "831 30" not in text
    assert "Skyddade personuppgifter" in text


def test_ticked_boxes_are_drawn(consent) -> None:
    # Each ticked box is drawn as two crossing lines: count "l" (lineto) operators.
    def lines(data) -> int:
        pdf = render_form(consent, data, fonts_dir=FONTS_DIR)
        content = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
        return content.count(b" l\n") + content.count(b" l ")

    none = copy.deepcopy(EXAMPLE) | {"verksamheter": [], "overforing_vid_flytt": None}
    assert lines(EXAMPLE) - lines(none) == 2 * 4  # three parties + "Ja"


def test_rendering_is_deterministic(consent) -> None:
    assert render_form(consent, EXAMPLE, fonts_dir=FONTS_DIR) == render_form(
        consent, EXAMPLE, fonts_dir=FONTS_DIR)


def test_old_version_still_renders_its_own_data(tmp_path, write_form) -> None:
    v1 = minimal()
    v2 = minimal(version=2)
    v2["sections"][0]["fields"][0]["label"] = "Fullständigt namn"
    v2["sections"][0]["fields"].append({"id": "ny", "type": "text", "label": "Nytt fält"})
    write_form(v1)
    write_form(v2)
    library = FormLibrary(tmp_path)
    assert library.versions("testform") == [1, 2]
    assert library.get("testform").version == 2
    old = library.get("testform", 1)
    text = " ".join(_pages(render_form(old, {"namn": "Tolvan Tolvansson", "val": "a"},
                                       fonts_dir=FONTS_DIR)))
    assert "Tolvan Tolvansson" in text and "Namn" in text
    assert "Fullständigt namn" not in text and "Nytt fält" not in text
    assert "testform, version 1" in text


def test_every_field_type_renders(write_form) -> None:
    doc = minimal()
    doc["sections"][0]["fields"] += [
        {"id": "d", "type": "date", "label": "Datumfält"},
        {"id": "e", "type": "email", "label": "E-post"},
        {"id": "m", "type": "multi_choice", "label": "Flera", "choices": ["x", "y"]},
        {"id": "p", "type": "person_ref", "label": "Person"},
        {"id": "pl", "type": "party_list", "label": "Parter"},
        {"id": "r", "type": "repeating", "label": "Insatser",
         "columns": [{"id": "vad", "type": "text", "label": "Vad"},
                     {"id": "klar", "type": "yes_no", "label": "Klar"}]},
        {"id": "id", "type": "identity", "label": "Id"},
        {"id": "hidden", "type": "text", "label": "Doldt fält",
         "condition": {"field": "val", "equals": "a"}},
    ]
    d = load_definition(write_form(doc))
    data = {"namn": "A", "val": "b", "m": ["y"], "d": "2026-01-02",
            "p": {"name": "Tolvan Tolvansson", "identity": {"kind": "saknas", "reason": "okänt"}},
            "pl": [{"organisation": "BVC Exempel", "role": "Sjuksköterska", "name": "Elva",
                    "contact": "063-1"}],
            "r": [{"vad": "Hembesök", "klar": True}],
            "id": {"kind": "reservnummer", "value": "R-1"}, "hidden": "syns inte"}
    text = " ".join(_pages(render_form(d, data, fonts_dir=FONTS_DIR)))
    for value in ("Verksamhet", "Roll", "Kontaktuppgifter", "BVC Exempel", "Hembesök", "Ja",
                  "Tolvan Tolvansson, Saknas: okänt", "R-1 (reservnummer)", "2026-01-02"):
        assert value in text
    assert "Doldt fält" not in text
    blank = " ".join(_pages(render_form(d, None, fonts_dir=FONTS_DIR)))
    assert "Doldt fält" in blank and "Vad" in blank

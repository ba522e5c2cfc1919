"""Fixtures for the form builder tests: the real consent definition and a synthetic one."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from oro_desktop.core.forms import FormDefinition, FormLibrary, load_definition
from oro_desktop.gui.forms.builder import FormWidget

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 3, 10)
CONSENT_ID = "barnhalsoteam-samtycke"

#: Every field type in one definition (written to a temp file and loaded like any form).
ALL_TYPES_YAML = """\
id: alla-typer
version: 1
title: Alla fälttyper
source: {guideline: Testriktlinje, appendix: Bilaga 0}
sections:
  - id: enkla
    title: Enkla fält
    help: Hjälptext för avsnittet.
    fields:
      - {id: text, type: text, label: Text, required: true, help: En hjälptext.}
      - {id: rader, type: multiline, label: Flera rader}
      - {id: datum, type: date, label: Datum}
      - {id: period, type: date_range, label: Period}
      - {id: ident, type: identity, label: Identitet}
      - {id: telefon, type: phone, label: Telefon}
      - {id: epost, type: email, label: E-post}
      - id: val
        type: choice
        label: Val
        choices: [{value: a, label: Alfa}, {value: b, label: Beta}]
      - id: lang_lista
        type: choice
        label: Lång lista
        choices: [ett, två, tre, fyra, fem, sex]
      - id: flera
        type: multi_choice
        label: Flera val
        choices: [{value: x, label: X-val}, {value: y, label: Y-val}]
      - {id: jn, type: yes_no, label: Ja eller nej}
      - id: villkor
        type: text
        label: Visas bara vid ja
        condition: {field: jn, equals: true}
      - {id: person, type: person_ref, label: Person}
  - id: rader_avsnitt
    title: Rader
    fields:
      - {id: parter, type: party_list, label: Parter}
      - id: insatser
        type: repeating
        label: Insatser
        columns:
          - {id: vad, type: text, label: Vad, required: true}
          - {id: beskrivning, type: multiline, label: Beskrivning}
          - {id: fran, type: date, label: Från}
          - {id: tfn, type: phone, label: Telefon}
          - {id: mejl, type: email, label: E-post}
          - {id: typ, type: choice, label: Typ, choices: [stöd, vård]}
          - {id: klar, type: yes_no, label: Klar}
      - id: sign
        type: signature
        label: Person som skriver under
        slots: 2
        labels: {date: Datum, name: Namnförtydligande}
      - {id: fast, type: fixed_text, text: Fast text som alltid skrivs ut.}
"""


@pytest.fixture
def consent() -> FormDefinition:
    return FormLibrary(ROOT / "forms").get(CONSENT_ID)


@pytest.fixture
def example() -> dict:
    return json.loads((ROOT / "forms/examples/barnhalsoteam-samtycke.v1.json").read_text("utf-8"))


@pytest.fixture
def all_types(tmp_path: Path) -> FormDefinition:
    path = tmp_path / "alla-typer.v1.yaml"
    path.write_text(ALL_TYPES_YAML, encoding="utf-8")
    return load_definition(path)


@pytest.fixture
def make_form(qtbot) -> Callable[[FormDefinition], FormWidget]:
    """Build a FormWidget, shown and active, so clicks, typing and focus are real."""

    def make(definition: FormDefinition) -> FormWidget:
        form = FormWidget(definition, today_provider=lambda: TODAY)
        qtbot.addWidget(form)
        form.resize(1000, 800)
        form.show()
        qtbot.waitExposed(form)
        # Focus events (leaving a field) need the window to be the active one.
        form.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
        return form

    return make


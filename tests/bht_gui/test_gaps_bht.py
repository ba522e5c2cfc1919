"""Gaps closed in wave 3 (helper gapsc) with real widgets: a number typed into a meeting's
own texts is refused on screen; the hint about names is shown at every level."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oro_desktop.gui.sections import discover
from oro_desktop.services.barnhalsoteam_demo import demo_seed as bht_seed
from oro_desktop.services.consents_demo import demo_seed as consent_seed
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

LOOK = os.environ.get("ORO_LOOK")  # a folder: save the widgets as PNG to look at them


@pytest.fixture
def services(tmp_path):
    s, _ = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
    consent_seed(s)
    bht_seed(s)
    yield Services(s)
    s.close()


def _look(widget, name: str) -> None:
    if LOOK:
        widget.grab().save(str(Path(LOOK) / name))


def _view(qtbot, services):
    [section] = [s for s in discover(strict=True) if s.id == "barnhalsoteam"]
    view = section.factory(services, None)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    return view


def test_a_number_in_a_group_question_is_refused_on_screen(qtbot, services):
    view = _view(qtbot, services)
    before = len(services.bht.meetings())
    editor = view.new_meeting()
    qtbot.addWidget(editor)
    editor.level.setCurrentIndex(editor.level.findData("group"))
    assert editor.hint.isVisibleTo(editor) and editor.hint.isEnabled()
    assert "namn" in editor.hint.text()
    editor.topic_text.setText("Tyra Tolvansson 20210315-9808")
    assert not editor.add_topic()
    assert "personnummer eller samordningsnummer" in editor.error.text()
    assert editor.topic_list.count() == 0
    editor.topic_text.setText("Språket i gruppen")
    assert editor.add_topic()
    editor.decision.setText("Kontakta BVC om 210315-9808")
    _look(editor, "meeting-number-decision.png")
    assert not editor.submit()
    assert "Beslutet innehåller ett personnummer" in editor.error.text()
    _look(editor, "meeting-number-refused.png")
    assert len(services.bht.meetings()) == before

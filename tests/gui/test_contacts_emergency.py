"""Kontakter shows the 112 line, the after-hours order by the unit's own hours, and
unverified placeholders, at fixed times."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from oro_desktop.core.contacts import NOT_VERIFIED_TEXT
from oro_desktop.gui.contacts.table_model import VERIFIED_COLUMN
from oro_desktop.gui.sections.contacts import ContactsView
from oro_desktop.services.contacts import ContactService

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "contacts"
FRIDAY_1530 = datetime(2026, 11, 27, 15, 30)


def make_view(qtbot, at: datetime) -> ContactsView:
    view = ContactsView(ContactService(None, SHIPPED), clock=lambda: at)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def test_markaryd_after_15_on_a_friday_is_closed_and_112_is_named(qtbot) -> None:
    view = make_view(qtbot, FRIDAY_1530)
    view.search("markaryd socialtjänsten")
    assert view.model.cell_text(0, 1) == "Markaryds kommun – Socialtjänsten"
    assert view.model.cell_text(0, 0) == "Stängt"
    assert view.explanation.text().startswith("Stängt nu (fre 2026-11-27 15.30)")
    assert view.emergency.isVisible()
    assert view.emergency.text() == (
        "Riktlinjen för Kronoberg anger ingen jourväg utanför kontorstid. Vid akut fara: ring 112.")


def test_jamtland_needs_no_extra_112_line(qtbot) -> None:
    view = make_view(qtbot, datetime(2026, 11, 26, 22, 0))
    view.search("östersund socialtjänsten")
    assert view.model.cell_text(0, 0) == "Jour"
    assert not view.emergency.isVisible()


def test_placeholders_say_they_are_not_verified(qtbot) -> None:
    view = make_view(qtbot, FRIDAY_1530)
    view.search("ale")
    row = [view.model.cell_text(r, 1) for r in range(view.model.rowCount())].index(
        "Ale kommun – Socialtjänsten")
    assert view.model.cell_text(row, VERIFIED_COLUMN) == NOT_VERIFIED_TEXT

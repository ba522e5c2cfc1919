"""Kontakter section: search as you type, "now" state per row, stale marks, one-click copy."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from oro_desktop.gui.sections import discover
from oro_desktop.gui.sections.contacts import STALE_MARK, ContactsView, make_widget
from oro_desktop.services.contacts import ContactService, InMemoryOverrides
from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "contacts"
FRIDAY_1530 = datetime(2026, 11, 27, 15, 30)
FRIDAY_2200 = datetime(2026, 11, 27, 22, 0)


def make_view(qtbot, at: datetime, overrides: InMemoryOverrides | None = None) -> ContactsView:
    service = ContactService(None, SHIPPED, overrides=overrides)
    view = ContactsView(service, clock=lambda: at)
    qtbot.addWidget(view)
    return view


def column(view: ContactsView, col: int) -> list[str]:
    return [view.model.cell_text(r, col) for r in range(view.model.rowCount())]


def test_section_is_registered() -> None:
    sections = {s.id: s for s in discover(strict=True)}
    assert sections["contacts"].title == "Kontakter"
    assert not sections["contacts"].admin_only


def test_search_as_you_type_and_now_state(qtbot) -> None:
    view = make_view(qtbot, FRIDAY_1530)
    assert view.model.rowCount() == 82
    for end in range(1, len("markaryd") + 1):
        view.search("markaryd"[:end])
    assert column(view, 1) == ["Markaryds kommun – Socialtjänsten"]
    assert column(view, 0) == ["Stängt"]
    assert view.count_label.text() == "1 träff"
    assert "öppnar mån 8.00" in view.model.data(view.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    view.search("0470 435 90")
    assert column(view, 1) == ["Växjö kommun – Socialtjänsten"]
    view.search("almhult")
    assert column(view, 0) == ["Öppet"]


def test_after_hours_route_first_and_bold_at_night(qtbot) -> None:
    view = make_view(qtbot, FRIDAY_2200)
    view.search("socialtjänsten östersund")
    assert column(view, 0) == ["Jour", "Tider saknas"]
    assert column(view, 3) == ["112", "fylls i lokalt"]
    font = view.model.data(view.model.index(0, 1), Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    assert view.explanation.text().startswith("Utanför kontorstid")


def test_one_click_copies_phone_and_email(qtbot) -> None:
    view = make_view(qtbot, FRIDAY_1530)
    view.show()
    view.search("vaxjo socialtjänsten")
    table = view.table
    rect = table.visualRect(view.model.index(0, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert QGuiApplication.clipboard().text() == "0470-435 90"
    assert view.copied_label.text() == "Kopierat: 0470-435 90"
    buttons = {b.accessibleName(): b for b in view.detail.findChildren(QPushButton)}
    assert set(buttons) == {"Kopiera 0470-435 90", "Kopiera arbete.valfard@vaxjo.se"}
    button = buttons["Kopiera arbete.valfard@vaxjo.se"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "arbete.valfard@vaxjo.se"


def test_stale_entries_are_marked(qtbot) -> None:
    view = make_view(qtbot, datetime(2027, 12, 1, 10, 0))
    view.search("markaryd")
    assert column(view, 5) == [f"2026-11-23 {STALE_MARK}"]
    fresh = make_view(qtbot, FRIDAY_1530)
    fresh.search("markaryd")
    assert column(fresh, 5) == ["2026-11-23"]


def test_region_filter(qtbot) -> None:
    view = make_view(qtbot, FRIDAY_1530)
    view.region_box.setCurrentIndex(view.region_box.findData("Västra Götaland"))
    assert view.model.rowCount() == 49
    assert view.count_label.text() == "49 träffar"


def test_local_change_is_shown(qtbot) -> None:
    overrides = InMemoryOverrides("Testa Testsson")
    view = make_view(qtbot, FRIDAY_1530, overrides)
    vaxjo = view.service.get("kronoberg/socialtjanst/vaxjo")
    view.service.save_entry(replace(vaxjo, notes="Lokal anteckning"))
    view.reload_local()
    view.search("lokal anteckning")
    assert column(view, 1) == ["Växjö kommun – Socialtjänsten"]
    assert column(view, 5) == ["2026-11-23 · Lokalt ändrad"]
    labels = [w.text() for w in view.detail.findChildren(QLabel)]
    assert any(t.startswith("Lokalt ändrad") and "av Testa Testsson" in t for t in labels)


def test_read_only_directory_offers_no_editing(qtbot) -> None:
    view = make_view(qtbot, FRIDAY_1530)
    assert not view.service.editable
    assert view.edit is None
    assert view.findChild(QPushButton, "contactsNew") is None


def test_factory_with_a_real_session(qtbot, store_path: Path) -> None:
    session = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD)
    try:
        widget = make_widget(session.services, None)
        qtbot.addWidget(widget)
        assert isinstance(widget, ContactsView)
        assert widget.service.editable
        widget.search("växjö")
        assert widget.model.rowCount() >= 1
    finally:
        session.close()


def test_kontakter_starts_on_the_region_setting(qtbot, store_path: Path) -> None:
    session = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD)
    try:
        first = make_widget(session.services, None)
        qtbot.addWidget(first)
        assert first.region_box.currentData() == ""  # no setting: every region
        session.set_setting("default_region", "kronoberg")
        widget = make_widget(session.services, None)
        qtbot.addWidget(widget)
        assert widget.region_box.currentData() == "Kronoberg"
        assert {i.entry.region for i in widget.model.items} == {"Kronoberg"}
        # a search that only another region answers says so, and "Alla regioner" finds it
        widget.search("östersund")
        assert widget.model.rowCount() == 0
        assert "i andra regioner" in widget.count_label.text()
        if os.environ.get("ORO_SHOTS"):
            widget.resize(1366, 740)
            widget.show()
            widget.grab().save(os.path.join(os.environ["ORO_SHOTS"], "contacts-region.png"))
        widget.region_box.setCurrentIndex(widget.region_box.findData(""))
        assert widget.model.rowCount() >= 1
        assert all(i.entry.region == "Jämtland Härjedalen" for i in widget.model.items)
    finally:
        session.close()

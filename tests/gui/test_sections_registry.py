"""The section registry: discovery, roles, lazy building, search forwarding, shortcuts."""

from __future__ import annotations

import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

import oro_desktop.gui.sections as sections_pkg
from oro_desktop.gui.main_window import MainWindow
from oro_desktop.gui.sections import Section, discover
from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD, section


class SearchableLabel(QLabel):
    """A real small section widget that records what the window asks of it."""

    def __init__(self, session, parent=None):
        super().__init__("innehåll", parent)
        self.searched: list[str] = []
        self.flushed = 0

    def search(self, text):
        self.searched.append(text)

    def flush_drafts(self):
        self.flushed += 1


@pytest.fixture
def session(store_path, kdf):
    s = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    yield s
    s.close()


def test_discover_finds_the_audit_log_section():
    found = {s.id: s for s in discover(strict=True)}
    assert "audit_log" in found
    assert found["audit_log"].title == "Granskningslogg"
    assert found["audit_log"].admin_only


def test_a_module_dropped_into_the_package_is_discovered(tmp_path, monkeypatch):
    (tmp_path / "zz_testsektion.py").write_text(textwrap.dedent('''
        from PySide6.QtWidgets import QLabel
        from oro_desktop.gui.sections import Section
        SECTION = Section(id="zz_test", title="Testdel", order=5,
                          factory=lambda session, parent: QLabel("hej", parent))
    '''), encoding="utf-8")
    (tmp_path / "zz_helper_without_section.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(sections_pkg, "__path__", [*sections_pkg.__path__, str(tmp_path)])
    found = discover(strict=True)
    ids = [s.id for s in found]
    assert "zz_test" in ids and ids.index("zz_test") < ids.index("audit_log")


def test_roles_decide_what_is_listed():
    admin_only = section("secret", SearchableLabel, admin_only=True)
    everyone = section("open", SearchableLabel)
    assert admin_only.visible_to("admin") and not admin_only.visible_to("clinician")
    assert everyone.visible_to("clinician")


def test_window_builds_lazily_forwards_search_and_flushes(qtbot, session):
    built: list[str] = []

    def factory(name):
        def make(s, parent):
            built.append(name)
            return SearchableLabel(s, parent) if name != "plain" else QLabel("ingen sökning", parent)
        return make

    window = MainWindow(session.services, [
        Section("b", "Andra", 20, factory("b")),
        Section("a", "Första", 10, factory("a"), shortcut="Ctrl+Shift+A"),
        Section("plain", "Utan sök", 30, factory("plain")),
    ])
    qtbot.addWidget(window)
    window.show()
    # Order as given (discover() sorts); the first listed is built, the others not yet.
    assert built == ["b"]
    assert window.navigation.count() == 3
    widget_b = window.current_widget()

    window.focus_search()
    assert window.search_field.isEnabled()
    qtbot.keyClicks(window.search_field, "Ann")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert widget_b.searched[-1] == "Ann"
    qtbot.waitUntil(lambda: widget_b.searched.count("Ann") >= 1)

    window.section_actions[2].trigger()  # Ctrl+3
    assert window.current_section().id == "plain"
    assert not window.search_field.isEnabled()
    assert window.search_field.text() == ""
    assert window.section_actions[1].shortcuts()[0] == QKeySequence("Ctrl+2")
    assert QKeySequence("Ctrl+Shift+A") in window.section_actions[1].shortcuts()

    window.show_section("a")
    assert built == ["b", "plain", "a"]
    assert window.flush_drafts() == []
    assert widget_b.flushed == 1


def test_a_failing_section_shows_a_message_not_a_crash(qtbot, session):
    def broken(s, parent):
        raise RuntimeError("boom")

    window = MainWindow(session.services, [Section("x", "Trasig", 1, broken)])
    qtbot.addWidget(window)
    assert "Det gick inte att öppna Trasig" in window.current_widget().text()


def test_no_sections_shows_a_calm_message_not_a_placeholder(qtbot, session, store_path, kdf):
    from oro_desktop.services.users import add_user

    only_admins = [section("secret", SearchableLabel, admin_only=True)]
    window = MainWindow(session.services, only_admins)
    qtbot.addWidget(window)
    assert window.navigation.count() == 1  # the admin sees it
    add_user(session, "cecilia", "clinician", "cecilias-losenord", kdf=kdf)
    session.close()
    clinician = Session.unlock(store_path, "cecilia", "cecilias-losenord", kdf=kdf)
    try:
        clinician_window = MainWindow(clinician.services, only_admins)
        qtbot.addWidget(clinician_window)
        assert clinician_window.navigation.count() == 0
        assert clinician_window.findChild(QLabel, "noSections") is not None
        assert not clinician_window.search_field.isEnabled()
        assert not clinician_window.settings_action.isVisible()
    finally:
        clinician.close()


def test_help_boxes_open_without_blocking(qtbot, session):
    window = MainWindow(session.services, [])
    qtbot.addWidget(window)
    window.show()
    window.show_about()
    window.show_shortcuts()
    from PySide6.QtWidgets import QMessageBox

    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert {b.windowTitle() for b in boxes} == {"Om Samverkan vid oro", "Kortkommandon"}
    for box in boxes:
        box.close()

"""The service graph: built once per session, handed to every section by the window."""

from __future__ import annotations

from oro_desktop.gui.main_window import MainWindow
from oro_desktop.gui.sections import Section
from oro_desktop.gui.sections.consents import SECTION as CONSENTS
from oro_desktop.gui.sections.contacts import SECTION as CONTACTS
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD, KDF


def test_the_session_builds_its_services_once(store_path):
    session = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    try:
        services = session.services
        assert isinstance(services, Services) and session.services is services
        assert services.consents is services.consents and services.contacts is services.contacts
        assert services.drafts is session.drafts and services.changes is session.changes
        assert services.user.name == ADMIN
    finally:
        session.close()


def test_sections_receive_the_graph_and_build_no_service(qtbot, store_path):
    session = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    received = []

    def probe(services, parent):
        received.append(services)
        from PySide6.QtWidgets import QLabel

        return QLabel("probe", parent)

    try:
        window = MainWindow(session.services, [Section("probe", "Prov", 1, probe), CONSENTS, CONTACTS])
        qtbot.addWidget(window)
        window.show()
        assert received == [session.services]
        window.show_section("consents")
        consents = window.current_widget()
        assert consents.service is session.services.consents
        window.show_section("contacts")
        contacts = window.current_widget()
        assert contacts.service is session.services.contacts
        qtbot.waitUntil(lambda: not consents.busy, timeout=10_000)
        window.destroy_sections()
    finally:
        session.close()

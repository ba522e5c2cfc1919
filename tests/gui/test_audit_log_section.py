"""Granskningslogg: newest first, filter by user, global search, admins only."""

from __future__ import annotations

import pytest

from oro_desktop.gui.sections.audit_log import SECTION, AuditLogView
from oro_desktop.services import audit_view
from oro_desktop.services.session import Session
from oro_desktop.services.users import add_user
from oro_desktop.store.errors import PermissionDenied

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS


@pytest.fixture
def session(store_path, kdf):
    admin = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    add_user(admin, "cecilia", "clinician", "cecilias-losenord", kdf=kdf)
    admin.close()
    Session.unlock(store_path, "cecilia", "cecilias-losenord", kdf=kdf).close()
    admin = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    admin.set_setting("unit_name", "BVC Exempel")
    yield admin
    admin.close()


def _view(qtbot, session) -> AuditLogView:
    view = SECTION.factory(session.services, None)
    qtbot.addWidget(view)
    qtbot.waitUntil(view.loaded, timeout=WAIT_MS)
    return view


def _column(view, column):
    return [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]


def test_newest_first_with_swedish_names(qtbot, session):
    view = _view(qtbot, session)
    times = _column(view, 0)
    assert times == sorted(times, reverse=True)
    actions = _column(view, 2)
    assert actions[0] == "Skapat"  # the setting, the newest event
    assert "Inloggning" in actions and "Utloggning" in actions
    assert _column(view, 3)[0] == "Inställning"
    assert view.status.text().endswith("händelser")


def test_filter_by_user(qtbot, session):
    view = _view(qtbot, session)
    users = [view.user_filter.itemText(i) for i in range(view.user_filter.count())]
    assert users[0] == "Alla användare" and {"anna", "cecilia"} <= set(users)
    view.user_filter.setCurrentIndex(view.user_filter.findData("cecilia"))
    qtbot.waitUntil(lambda: view.loaded() and set(_column(view, 1)) == {"cecilia"}, timeout=WAIT_MS)
    assert view.user_filter.currentData() == "cecilia"


def test_global_search_filters_rows(qtbot, session):
    view = _view(qtbot, session)
    total = view.proxy.rowCount()
    view.search("unit_name")
    assert 0 < view.proxy.rowCount() < total
    assert " av " in view.status.text()
    view.search("")
    assert view.proxy.rowCount() == total


def test_only_admins_may_read(store_path, kdf):
    admin = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    add_user(admin, "cecilia", "clinician", "cecilias-losenord", kdf=kdf)
    admin.close()
    clinician = Session.unlock(store_path, "cecilia", "cecilias-losenord", kdf=kdf)
    try:
        with pytest.raises(PermissionDenied):
            audit_view.recent_entries(clinician)
        assert not SECTION.visible_to("clinician")
    finally:
        clinician.close()

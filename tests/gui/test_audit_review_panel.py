"""The Loggranskning tab: draw a sample, mark entries, print the review (real widgets)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from oro_desktop.gui.forms.print_preview import PdfPreviewDialog
from oro_desktop.gui.sections.audit_log import SECTION, AuditLogView
from oro_desktop.services.session import Session
from oro_desktop.services.users import add_user

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS


@pytest.fixture
def session(store_path, kdf):
    admin = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    add_user(admin, "cecilia", "clinician", "cecilias-losenord", kdf=kdf)
    admin.set_setting("unit_name", "BVC Exempelby")
    admin.close()
    for _ in range(3):
        Session.unlock(store_path, "cecilia", "cecilias-losenord", kdf=kdf).close()
    admin = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    with admin.store.unit_of_work("cecilia") as uow:
        for n in range(8):
            uow.audit("read", "consent", n + 1)
        uow.audit("print", "consent", 1, {"pages": 2})
    yield admin
    admin.close()


def _panel(qtbot, session):
    view: AuditLogView = SECTION.factory(session.services, None)
    qtbot.addWidget(view)
    qtbot.waitUntil(view.loaded, timeout=WAIT_MS)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    view.tabs.setCurrentWidget(view.review_panel)
    panel = view.review_panel
    today = date.today()
    panel.period_from.setDate(QDate(today.year, today.month, 1))
    panel.period_to.setDate(QDate(today.year, today.month, today.day))
    return view, panel


def test_the_unit_column_shows_the_care_unit(qtbot, session):
    view, _ = _panel(qtbot, session)
    units = [view.proxy.index(r, 5).data() for r in range(view.proxy.rowCount())]
    assert "BVC Exempelby" in units


def test_draw_mark_and_print_a_review(qtbot, session):
    view, panel = _panel(qtbot, session)
    panel.user.setCurrentIndex(panel.user.findText("cecilia"))
    panel.size.setValue(4)
    qtbot.mouseClick(panel.draw_button, qtbot_button())
    assert panel.review is not None, panel.error.text()
    assert not panel.error.isVisibleTo(panel)
    assert panel.entries_model.rowCount() == 4
    assert panel.reviews.count() == 1 and "0/4" in panel.reviews.item(0).text()
    assert panel.entries_model.item(0, 5).text() == "BVC Exempelby"
    # A remark without a note is refused on screen, nothing is saved.
    assert not panel.mark_selected("remark")
    assert panel.error.isVisibleTo(panel) and "anteckning" in panel.error.text()
    panel.note.setText("Ingen vårdrelation")
    qtbot.mouseClick(panel.remark_button, qtbot_button())
    assert panel.review.summary.reviewed == 1
    assert panel.entries_model.item(0, 6).text() == "Med anmärkning"
    assert panel.entries_model.item(0, 7).text() == "Ingen vårdrelation"
    assert panel.selected_entry() == panel.review.items[1].entry.id  # next unreviewed
    qtbot.mouseClick(panel.ok_button, qtbot_button())
    assert "2/4" in panel.reviews.item(0).text()
    assert panel.print_review() is not None
    qtbot.waitUntil(lambda: isinstance(panel.preview, PdfPreviewDialog)
                    and panel.preview.isVisible(), timeout=WAIT_MS)
    assert panel.preview.document.pageCount() >= 1
    panel.preview.reject()


def test_bad_person_number_is_shown_not_raised(qtbot, session):
    _, panel = _panel(qtbot, session)
    panel.scope.setCurrentIndex(panel.scope.findData("person"))
    assert panel.person.isVisibleTo(panel) and not panel.user.isVisibleTo(panel)
    panel.person.setText("12345")
    assert panel.draw() is None
    assert panel.error.isVisibleTo(panel) and panel.reviews.count() == 0


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_opening_the_log_in_the_gui_is_audited(qtbot, session):
    count = lambda: session.store.conn.execute(  # noqa: E731
        "SELECT count(*) FROM audit WHERE record_type = 'audit' AND action = 'read'").fetchone()[0]
    before = count()
    view, _ = _panel(qtbot, session)
    assert count() == before + 1
    view.refresh_button.click()
    qtbot.waitUntil(lambda: view.loaded() and count() == before + 2, timeout=WAIT_MS)

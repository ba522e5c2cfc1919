"""Closing a case in the case view: asked first (with the date and what is still undone),
a history event, and then read-only with a banner; nothing reopens it."""

from __future__ import annotations

from datetime import timedelta

from oro_desktop.gui.cases.forms import qdate

from .conftest import make_cases
from .test_case_view import answer, fill_disclosure, open_detail


def test_avsluta_asks_first_and_cancel_changes_nothing(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.newborn)
    assert detail.close_button.isVisibleTo(detail) and detail.closed_banner.isHidden()
    detail.close_button.click()
    assert detail.closing.isVisibleTo(detail)
    assert "kan inte öppnas igen" in detail.closing.question.text()
    detail.closing.cancel.click()
    assert detail.closing.isHidden()
    assert services.cases.row(seeded.newborn).status == "open"
    assert not any("avslutades" in h.text for h in detail.view.history)


def test_a_closed_case_is_read_only_with_a_banner_and_a_history_event(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.newborn)
    day = services.cases.today() - timedelta(days=0)
    detail.close_button.click()
    detail.closing.closed_on.setDate(qdate(day))
    assert detail.closing.close_case()
    assert services.cases.row(seeded.newborn).status == "closed"
    assert detail.view.row.status == "closed" and detail.view.row.closed_on == day
    assert not detail.closed_banner.isHidden()
    assert detail.closed_banner.text().startswith(f"Ärendet är avslutat ({day.isoformat()})")
    assert "inte ändras" in detail.closed_banner.text()
    assert detail.history.topLevelItem(0).text(2) == f"Ärendet avslutades {day.isoformat()}."
    # read-only: no form, no tick, no "Avsluta", no "Barnet är fött"
    for widget in (detail.person_form, detail.consent_form, detail.disclosure_form,
                   detail.tick_button, detail.untick_button, detail.step_note,
                   detail.close_button, detail.closing):
        assert not widget.isVisibleTo(detail), widget.objectName()
    assert not hasattr(detail, "reopen_button")  # the service cannot reopen
    # and the service refuses a write on it, shown as one line
    assert detail.tick_selected(True) is False
    assert detail.message.isVisible() and detail.message.text() == "Ärendet är avslutat."
    # the list shows it closed, after the open ones
    view.show_list()
    qtbot.waitUntil(lambda: not view.busy and any(
        r.uid == seeded.newborn and r.status == "closed" for r in view.rows()), timeout=15_000)


def test_closing_names_the_people_still_to_be_told_afterwards(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.newborn)
    assert answer(detail, seeded.parent_b, yes=False, manner="oral", said="Nej.")
    fill_disclosure(detail, recipient_public=True)
    assert detail.record_disclosure()
    detail.close_button.click()
    assert "1 uppgiftslämnande väntar på att personen informeras i efterhand" in \
        detail.closing.question.text()
    assert detail.closing.close_case()
    assert "kan fortfarande antecknas" in detail.closed_banner.text()
    assert detail.told_after_button.isEnabled()  # the duty to tell afterwards remains
    detail.told_after.setText("Fick veta att socialtjänsten kontaktats och vad som framkom.")
    assert detail.tell_after()
    assert "kan fortfarande antecknas" not in detail.closed_banner.text()


def test_a_future_or_too_early_date_is_refused(qtbot, services, seeded):
    import pytest

    from oro_desktop.errors import InvalidInput

    with pytest.raises(InvalidInput, match="framtiden"):
        services.cases.close(seeded.newborn, services.cases.today() + timedelta(days=1))
    with pytest.raises(InvalidInput, match="före det öppnades"):
        services.cases.close(seeded.newborn, services.cases.today() - timedelta(days=400))
    assert services.cases.row(seeded.newborn).status == "open"


def test_an_expired_guideline_is_flagged_in_the_new_case_and_the_case_view(qtbot, session, seeded):
    """On and after its valid-through date (Jämtland väntat barn: 2026-12-31) the guideline
    is flagged wherever it is used: the new-case dialog and the case view."""
    from datetime import date

    from oro_desktop.services.services import Services

    from .conftest import make_cases as make

    after = Services(session, today=lambda: date(2027, 1, 5))
    view = make(qtbot, after)
    dialog = view.new_case()
    dialog.guideline.setCurrentIndex(dialog.guideline.findData("jamtland-harjedalen-vantat-barn"))
    flag = "Riktlinjen gällde t.o.m. 2026-12-31 – kontrollera om det finns en ny version."
    assert not dialog.validity.isHidden() and dialog.validity.text() == flag
    dialog.guideline.setCurrentIndex(dialog.guideline.findData("kronoberg-nyfott-barn"))
    assert dialog.validity.isHidden()  # Kronoberg's gives no end date
    dialog.reject()
    detail = open_detail(qtbot, view, seeded.expected)
    assert flag in detail.notices.text() and detail.notices.isVisibleTo(detail)
    assert detail.guidance.result.validity.text().endswith(flag)

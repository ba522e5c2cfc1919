"""Review finding: what is typed in the case view's forms is lost at an auto-lock."""

from __future__ import annotations

import pytest

from tests.gui_cases.conftest import make_cases, seeded, services, session  # noqa: F401
from tests.gui_cases.test_case_view import open_detail


@pytest.mark.xfail(strict=True, reason="REVIEW: CasesView.flush_drafts (gui/cases/section.py) "
                   "keeps only plan windows; a half-typed disclosure record is destroyed by the lock")
def test_typing_in_the_disclosure_form_survives_the_lock_hook(qtbot, services, seeded):  # noqa: F811
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.newborn)
    form = detail.disclosure_form
    form.content.setText("Oro för barnets hälsa; uppgifter om vårdkontakter 2026.")
    form.before.setText("Att kontakt tas med socialtjänsten.")
    view.flush_drafts()  # what the shell calls before an auto-lock destroys the section
    assert services.drafts.list(), "nothing of the typing was kept"

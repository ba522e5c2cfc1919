"""The demo gets a plan per guideline, one made without consent, one with a passed
follow-up, each with two saved versions whose diff shows what changed; the family copy
of the plan in the violence-exemption case is refused; no protected address anywhere."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from oro_desktop.services.demo import create_demo_store, remove_demo_store
from oro_desktop.services.plans import FamilyCopyRefused


def test_demo_has_the_plans_the_issue_asks_for():
    session, directory = create_demo_store()
    try:
        services = session.services
        plans = services.plans.list()
        guidelines = {services.plans.guideline(p.uid).id for p in plans}
        assert guidelines == {"jamtland-harjedalen-vantat-barn", "vastra-gotaland-vantat-barn",
                              "kronoberg-nyfott-barn"}
        assert {p.form_id for p in plans if services.plans.guideline(p.uid).id
                == "kronoberg-nyfott-barn"} == {"barnets-plan"}
        assert any(p.with_consent is False for p in plans)
        assert any(p.with_consent is True for p in plans)
        due = services.plans.due()
        assert due and all(p.follow_up_due and p.days_to_follow_up < 0 for p in due)
        for p in plans:
            assert p.versions >= 2 and p.coordinator and p.next_follow_up is not None
            assert services.plans.diff(p.uid, 1, 2), p.case_label  # the history shows a change
        refused = [p for p in plans if services.plans.exemption_applies(p.case_uid)]
        assert refused
        with pytest.raises(FamilyCopyRefused):
            services.plans.pdf_job(refused[0].uid, family=True)
        for p in plans:
            pdf = services.plans.pdf_job(p.uid)()
            text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
            assert "Visasaldrig" not in re.sub(r"\s+", "", text)
            assert f"Version {p.versions}" in text
    finally:
        session.close()
        remove_demo_store(directory)

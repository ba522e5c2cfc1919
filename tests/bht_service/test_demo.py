"""The demo seeds a team with a year of meetings and a consent waiting for the other guardian."""

from __future__ import annotations

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir
from oro_desktop.services.barnhalsoteam import BhtService
from oro_desktop.services.barnhalsoteam_demo import demo_seed as bht_seed
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.consents_demo import demo_seed as consent_seed

from .conftest import FONTS


def test_demo_team_meetings_and_waiting_consent(session):
    consent_seed(session)
    bht_seed(session)
    bht = BhtService(session, FormLibrary(forms_dir()), fonts_dir=FONTS)
    [team] = bht.teams()
    assert not team.team.missing_roles() and not team.team.members_without_mandate()
    meetings = bht.meetings()
    assert len(meetings) == 11
    assert any(t.identified for m in meetings for t in m.topics)
    assert any(m.initiates_sip for m in meetings)
    rows = ConsentService(session, FormLibrary(forms_dir())).list()
    assert [r.child_name for r in rows if r.status is ConsentStatus.WAITING_OTHER] == [
        "Elsa Väntesson"]

"""The yearly follow-up from a fixed set of recorded meetings, and its PDF."""

from __future__ import annotations

from datetime import date

from oro_desktop.core.barnhalsoteam import (
    Attendee, Decision, DeidentifiedDiscussion, FollowUpAnswers, INITIATE_SIP,
)
from oro_desktop.services.barnhalsoteam import NamedChild, TopicInput

from .conftest import ALL, child_uid, signed_consent


def test_report_numbers_from_a_fixed_set_of_meetings(bht, consents, clock):
    clock.day = date(2026, 3, 2)
    cuid = child_uid(consents, signed_consent(consents, start=date(2026, 3, 2)))
    clock.day = date(2026, 12, 31)
    team = bht.create_team("Barnhälsoteam Berg", "Berg", date(2025, 1, 10))
    bht.create_team("Barnhälsoteam Bräcke", "Bräcke", date(2027, 1, 1))  # formed later
    two = [Attendee("forskolechef"), Attendee("bhv_sjukskoterska")]
    bht.record_meeting(team, date(2025, 11, 3), ALL, [TopicInput("Förra året", "group")])
    bht.record_meeting(team, date(2026, 2, 9), two, [TopicInput("Språkmiljö", "group")])
    bht.record_meeting(team, date(2026, 2, 23), ALL, [
        TopicInput("Barn med oro", "individual", DeidentifiedDiscussion("Ett barn, 2 år", 2))],
        [Decision("Initiera SIP", INITIATE_SIP)])
    bht.record_meeting(team, date(2026, 5, 4), ALL, [
        TopicInput("Rutin för flytt", "organisation"),
        TopicInput("Namngivet barn", "individual", NamedChild(cuid, "Uppföljning"))])
    n = bht.yearly_report(2026).numbers
    assert n.meeting_count == 3 and n.teams_formed == 1
    assert n.per_month == (0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
    assert dict(n.participation)["socialtjanst"] == 2
    assert dict(n.participation)["forskolechef"] == 3
    assert (n.identified, n.deidentified, n.sip_initiated) == (1, 1, 1)
    assert "Namngivet barn" not in n.examples and "Språkmiljö" in n.examples
    pdf = bht.report_pdf(2026, FollowUpAnswers(True, "Bra", "Tidigare insatser", "Fler möten"))
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000

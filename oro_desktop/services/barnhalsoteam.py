"""Barnhälsoteam: teams, meetings, the identification rule, transfer on moving, yearly report.

Why the service builds core's types before it writes: `Meeting` (core/barnhalsoteam/
model.py) refuses a guardian or a child among those present and re-checks every
identified child against the meeting's date and attendees, so a write that reaches the
store has passed the guideline's rules. A named child rests on the child's barnhälsoteam
consent *in force on the meeting date* (every guardian's signature registered, within its
period, not revoked) whose ticked boxes cover every role present; otherwise
`IdentificationRefused` says why and offers the de-identified way.

Every write is one transaction with one audit entry, and publishes
`Change("team" | "meeting", uid, ...)` after the commit. A transfer file is written only
when the consent says Ja and is in force (core/barnhalsoteam/transfer_rule.py); its
passphrase is returned once and stored nowhere; an import keeps the records' uids, and a
package imported once is refused the second time (bht_imports). Both sides are audited.
"""

from __future__ import annotations

from oro_desktop.core.barnhalsoteam import IdentificationRefused
from oro_desktop.services.barnhalsoteam_base import BHT_FORM, canonical
from oro_desktop.services.barnhalsoteam_base import PAYLOAD_KIND as PAYLOAD_KIND
from oro_desktop.services.barnhalsoteam_base import BhtServiceBase as BhtServiceBase
from oro_desktop.services.barnhalsoteam_base import (
    default_guideline_path as default_guideline_path,
)
from oro_desktop.services.barnhalsoteam_meetings import BhtMeetings, NamedChild, TopicInput
from oro_desktop.services.barnhalsoteam_moving import BhtMoving, Exported
from oro_desktop.services.barnhalsoteam_reports import BhtReports
from oro_desktop.services.barnhalsoteam_teams import BhtTeams, TeamView
from oro_desktop.services.barnhalsoteam_transfer import ImportResult as Imported


class BhtService(BhtTeams, BhtMeetings, BhtReports, BhtMoving):
    """See the module docstring. `today` and `transfer_kdf` are injectable for tests.

    Put together from one class per job: teams and members (barnhalsoteam_teams.py),
    meetings and the child's situations (barnhalsoteam_meetings.py), the yearly report
    (barnhalsoteam_reports.py), transfer on moving (barnhalsoteam_moving.py), over the
    shared plumbing and consent lookup of barnhalsoteam_base.py (BhtServiceBase).
    """


__all__ = ["BHT_FORM", "BhtService", "Exported", "IdentificationRefused", "Imported",
           "NamedChild", "TeamView", "TopicInput", "canonical"]

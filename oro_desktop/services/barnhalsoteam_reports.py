"""The barnhälsoteam's yearly follow-up report (guideline section 3): figures, PDF, audit.

Why a module of its own: the report is built from this installation's own teams and
meetings only and holds counts, never a child; printing and saving it are audited. That
is this part of BhtService (services/barnhalsoteam.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oro_desktop.core.barnhalsoteam import FollowUpAnswers, FollowUpReport, follow_up_report
from oro_desktop.errors import InvalidInput
from oro_desktop.services.barnhalsoteam_base import BhtServiceBase, canonical
from oro_desktop.store.repos import barnhalsoteam as repo


class BhtReports(BhtServiceBase):
    """The yearly report of BhtService; see services/barnhalsoteam.py."""

    def yearly_report(self, year: int, answers: FollowUpAnswers = FollowUpAnswers(), *,
                      team_uids: Sequence[str] | None = None) -> FollowUpReport:
        """The section-3 report from this installation's own teams and meetings."""
        if not 2000 <= int(year) <= 2200:
            raise InvalidInput("Ange ett år mellan 2000 och 2200.")
        wanted = None if team_uids is None else {canonical(u) for u in team_uids}
        with self._uow() as uow:
            teams = [r.team for r in repo.teams(uow.conn, own_only=True)
                     if wanted is None or r.team.uid in wanted]
            uids = {t.uid for t in teams}
            meetings = [r.meeting for r in repo.meetings(uow.conn, year=year, own_only=True)
                        if r.meeting.team_uid in uids]
        return follow_up_report(teams, meetings, int(year), answers)

    def report_pdf(self, year: int, answers: FollowUpAnswers = FollowUpAnswers(), *,
                   team_uids: Sequence[str] | None = None) -> bytes:
        from oro_desktop.pdf.bht_report import render_bht_report

        report = self.yearly_report(year, answers, team_uids=team_uids)
        pdf = render_bht_report(report, self.guideline, fonts_dir=self._fonts_dir)
        with self._uow() as uow:
            uow.audit("print", "bht_report", str(year), {"meetings": report.numbers.meeting_count})
        return pdf

    def report_preview(self, year: int, answers: FollowUpAnswers = FollowUpAnswers(), *,
                       team_uids: Sequence[str] | None = None) -> bytes:
        """The report's PDF for the preview, in memory and not audited: it holds counts
        and the team's own answers, never a child; what is printed or saved from the
        preview is audited by `record_report_output`."""
        from oro_desktop.pdf.bht_report import render_bht_report

        report = self.yearly_report(year, answers, team_uids=team_uids)
        return render_bht_report(report, self.guideline, fonts_dir=self._fonts_dir)

    def record_report_output(self, year: int, action: str, detail: dict[str, Any]) -> None:
        """Audit a print or a saved PDF of the yearly report (the preview's callback)."""
        if action not in ("print", "export"):
            raise ValueError(action)
        with self._uow() as uow:
            uow.audit(action, "bht_report", str(int(year)), dict(detail))

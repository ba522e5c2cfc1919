"""The yearly follow-up tab of the Barnhälsoteam view (guideline section 3): the numbers
from the recorded meetings, the free-text answers kept as drafts per team and year (an
auto-lock loses nothing), and the report previewed before it is printed or saved.

A mixin of `BhtView` (team_view.py), which builds the widgets it uses: `year`,
`implemented`, `how`, `effects`, `improve`, `numbers`, `_answers_timer`, `_answers_key`,
`session_drafts`, `bht` and `current_team_uid()`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from oro_desktop.core.barnhalsoteam import FollowUpAnswers
from oro_desktop.core.barnhalsoteam.roles import ROLE_LABELS
from oro_desktop.errors import OroError

REPORT_DRAFT_KIND = "bht_report"
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


class ReportTab:
    # -- report --------------------------------------------------------------------------
    def answers(self) -> FollowUpAnswers:
        return FollowUpAnswers(self.implemented.currentData(), self.how.toPlainText(),
                               self.effects.toPlainText(), self.improve.toPlainText())

    def _key(self) -> str:
        uid = self.current_team_uid()
        return f"bht-report:{uid}:{self.year.value()}" if uid else ""

    def flush_drafts(self) -> None:
        """Keep the answers typed for this team and year (called before auto-lock too)."""
        self._answers_timer.stop()
        if not self._answers_key:
            return
        a = self.answers()
        if a == FollowUpAnswers():
            self.session_drafts.delete(self._answers_key)
            return
        self.session_drafts.save(self._answers_key, REPORT_DRAFT_KIND, {
            "implemented": a.implemented, "how_it_worked": a.how_it_worked,
            "effects": a.effects, "improvements": a.improvements})

    def _load_answers(self) -> None:
        """Another team or year: keep what was typed, show that one's answers."""
        key = self._key()
        if key == self._answers_key:
            return
        self.flush_drafts()
        self._answers_key = ""  # no saving while the fields are being filled
        saved = (self.session_drafts.load(key) if key else None) or {}
        self.implemented.setCurrentIndex({True: 1, False: 2}.get(saved.get("implemented"), 0))
        self.how.setPlainText(str(saved.get("how_it_worked", "")))
        self.effects.setPlainText(str(saved.get("effects", "")))
        self.improve.setPlainText(str(saved.get("improvements", "")))
        self._answers_timer.stop()
        self._answers_key = key

    def refresh_report(self) -> None:
        self._load_answers()
        uid = self.current_team_uid()
        if not uid:
            self.numbers.setText("")
            return
        n = self.bht.yearly_report(self.year.value(), team_uids=[uid]).numbers
        months = " · ".join(f"{m} {c}" for m, c in zip(MONTHS, n.per_month))
        roles = ", ".join(f"{ROLE_LABELS.get(r, r)} {c}" for r, c in n.participation)
        self.numbers.setText(
            f"<b>Möten {n.year}:</b> {n.meeting_count} &nbsp; <b>Per månad:</b> {months}<br>"
            f"<b>Deltagande (antal möten):</b> {roles or '–'}<br>"
            f"<b>Barn på individnivå:</b> {n.deidentified} avidentifierat, {n.identified} med "
            f"namn &nbsp; <b>SIP initierade:</b> {n.sip_initiated}<br>"
            f"<b>Exempel på frågor:</b> {'; '.join(n.examples) or '–'}")

    def preview_report(self):
        """The report as it will print (Årlig uppföljning), with Skriv ut… and Spara som
        PDF… (the preview warns before an unencrypted file and audits both)."""
        from oro_desktop.gui.forms.print_preview import PdfPreviewDialog

        year, uid = self.year.value(), self.current_team_uid()
        try:
            pdf = self.bht.report_preview(year, self.answers(), team_uids=[uid] if uid else None)
        except OroError as exc:
            self.numbers.setText(str(exc))
            return None
        dialog = PdfPreviewDialog(
            pdf, f"Årlig uppföljning {year}", suggested_name=f"barnhalsoteam-{year}.pdf",
            audit=lambda action, detail: self.bht.record_report_output(year, action, detail),
            parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

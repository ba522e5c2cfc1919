"""The Barnhälsoteam section: teams, meetings and the yearly follow-up (issue 12)."""

from __future__ import annotations

from oro_desktop.gui.sections import Section


def make_widget(services, parent=None):
    from oro_desktop.gui.barnhalsoteam.team_view import BhtView

    return BhtView(services, parent)


SECTION = Section(
    id="barnhalsoteam",
    title="Barnhälsoteam",
    order=40,
    factory=make_widget,
    description="Barnhälsoteamens medlemmar, möten och årliga uppföljning.",
)

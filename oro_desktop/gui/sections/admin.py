"""Administration (admins only): users, backup and restore, and the way to the audit log.

Only the section's registration lives here; the widget (gui/admin/view.py) and the
services it needs are imported when the section is first opened, so start-up does not
pay for them (tests/gui/test_sections_light.py).
"""

from __future__ import annotations

from typing import Any

from oro_desktop.gui.sections import Section


def make_widget(services: Any, parent: Any = None) -> Any:
    from oro_desktop.gui.admin.view import AdminView

    return AdminView(services.session, parent)


SECTION = Section(
    id="admin",
    title="Administration",
    order=800,
    factory=make_widget,
    admin_only=True,
    description="Användare, säkerhetskopior och granskningsloggen",
)

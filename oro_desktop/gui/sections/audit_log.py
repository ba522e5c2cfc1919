"""Granskningslogg: the section registration only; the widget is gui/audit/log_view.py.

Why split: every section module is imported by discover() before the main window is
shown, and the log's widget pulls in services.audit_view (with store.audit): start-up
time, measured by benchmarks/bench_startup.py. The widget is imported when the section
is first opened. The view module's names stay importable from here (PEP 562 module
__getattr__).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oro_desktop.gui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oro_desktop.services.services import Services


def make_widget(services: Services, parent: QWidget | None = None) -> QWidget:
    """Section factory: the audit log of the signed-in session (admins only)."""
    from oro_desktop.gui.audit.log_view import AuditLogView

    return AuditLogView(services.session, parent)


SECTION = Section(
    id="audit_log",
    title="Granskningslogg",
    order=900,
    factory=make_widget,
    admin_only=True,
    description="Vem som har läst och ändrat vad, nyast först",
)


def __getattr__(name: str) -> Any:
    from oro_desktop.gui.audit import log_view

    try:
        return getattr(log_view, name)
    except AttributeError:
        raise AttributeError(name) from None

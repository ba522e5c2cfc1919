"""Samtycken: the section registration only; the widget is gui/consents/view.py.

Why split: every section module is imported by discover() before the main window is
shown, and the consent list's widget pulls in core.consent (with core.forms), the
consent models, the pager and the consent views service: start-up time, measured by
benchmarks/bench_startup.py. The widget is imported when the section is first opened.
The view module's names stay importable from here (PEP 562 module __getattr__).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oro_desktop.gui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oro_desktop.services.services import Services


def make_widget(services: Services, parent: QWidget | None = None) -> QWidget:
    """Section factory: the consent list from the session's service graph."""
    from oro_desktop.gui.consents.view import ConsentsView

    return ConsentsView(services, parent)


SECTION = Section(
    id="consents",
    title="Samtycken",
    order=10,
    factory=make_widget,
    description="Vårdnadshavarnas samtycken: status, utskrift, underskrift och förnyelse",
)


def __getattr__(name: str) -> Any:
    from oro_desktop.gui.consents import view

    try:
        return getattr(view, name)
    except AttributeError:
        raise AttributeError(name) from None

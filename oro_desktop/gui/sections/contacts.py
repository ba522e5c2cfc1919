"""Kontakter: the section registration only; the widget is gui/contacts/view.py.

Why split: every section module is imported when the main window is built (discover),
and the contact directory's widget, model and editors cost start-up time although the
section is not the first one shown. The widget is imported when the section is opened.
The names of the view module stay importable from here (PEP 562 module __getattr__).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oro_desktop.gui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oro_desktop.services.services import Services


def make_widget(services: Services, parent: QWidget | None = None) -> QWidget:
    """Section factory: the session's contact service (shipped directory + local changes)."""
    from oro_desktop.gui.contacts import view

    return view.make_widget(services, parent)


SECTION = Section(
    id="contacts",
    title="Kontakter",
    order=20,
    factory=make_widget,
    description="Vem ringer jag nu? Kontaktvägar till socialtjänst och regionens verksamheter.",
)


def __getattr__(name: str) -> Any:
    from oro_desktop.gui.contacts import view

    if name in view.__all__:
        return getattr(view, name)
    raise AttributeError(name)

"""Ärenden: the case list (paged, off the UI thread, refreshed from the change stream)
and, in its place when a case is opened, the case view.

Why one section with two pages rather than a split: at 1366×768 the case view needs the
full width (the checklist and the guidance side by side). The global search (Ctrl+F)
finds persons (by name or number) and cases (by a person's name or number, or by the
start of the case's id), grouped (`CaseService.find`); from a section without a search
of its own it searches here (`global_search`). Enter or a double click opens the selected case; Esc or
"Tillbaka" returns to the list. Light at import: the widgets load when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oro_desktop.gui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oro_desktop.services.services import Services


def _factory(services: Services, parent: QWidget | None) -> QWidget:
    from oro_desktop.gui.cases.section import CasesView

    return CasesView(services, parent)


SECTION = Section(
    id="cases",
    title="Ärenden",
    order=5,
    factory=_factory,
    description="Ärenden enligt regionens riktlinje: personer, steg, samtycken och "
                "uppgiftslämnanden",
    global_search=True,  # Ctrl+F from Att göra or Vägledning finds persons and cases here
)

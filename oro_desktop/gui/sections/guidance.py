"""Vägledning: the region's guideline for a situation, step by step, with the law.

Light at import (the window imports every section at start-up): the widget and the
engine are imported when the section is first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oro_desktop.gui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oro_desktop.services.services import Services


def _factory(services: Services, parent: QWidget | None) -> QWidget:
    from oro_desktop.gui.guidance.view import GuidanceView

    return GuidanceView(services, parent)


SECTION = Section(
    id="guidance",
    title="Vägledning",
    order=15,
    factory=_factory,
    description="Riktlinjens steg för en situation: alternativ, varningar, kontakter och lagrum",
)

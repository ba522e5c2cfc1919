"""Att göra: the start view (first in the navigation): what needs doing today.

Light at import: the widget is imported when the section is first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oro_desktop.gui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oro_desktop.services.services import Services


def _factory(services: Services, parent: QWidget | None) -> QWidget:
    from oro_desktop.gui.todo.view import TodoView

    return TodoView(services, parent)


SECTION = Section(
    id="todo",
    title="Att göra",
    order=1,
    factory=_factory,
    description="Det som behöver göras i dag: samtycken som går ut eller väntar på underskrift, "
                "riktlinjer som gått ut",
)

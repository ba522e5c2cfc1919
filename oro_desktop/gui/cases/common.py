"""What the case view's tabs share: the host they write through, the tree and scroll
helpers, the colours, and how an address is shown.

Why a host rather than a service per tab: every write of the case view goes through one
place (`CaseHost.write`), which shows a refused write's one Swedish line and reloads the
whole `CaseView`, so every tab always shows the same read.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QScrollArea, QTreeWidget, QWidget

from oro_desktop.services.case_views import CaseView, PersonInCase

ROW_ROLE = Qt.ItemDataRole.UserRole
MUTED = QColor("#4a525c")
ALERT = QColor("#a4141a")
PROTECTED = "Skyddade personuppgifter"
OSL_BASES = ("osl-25-12", "osl-26-9")


class CaseHost(Protocol):
    """The case view shell as its tabs see it (gui/cases/view.py, `CaseDetail`)."""

    services: Any
    cases: Any
    case_uid: str
    view: CaseView | None

    def write(self, fn: Any, *args: Any, **kwargs: Any) -> Any: ...

    def show_message(self, text: str) -> None: ...

    def reload(self) -> CaseView | None: ...


def scroll(widget: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def tree(parent: QWidget, name: str, headers: list[str]) -> QTreeWidget:
    widget = QTreeWidget(parent)
    widget.setObjectName(name)
    widget.setHeaderLabels(headers)
    widget.setAlternatingRowColors(True)
    widget.setRootIsDecorated(True)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setWordWrap(True)
    return widget


def person_address(p: PersonInCase) -> str:
    if p.protected:
        return PROTECTED
    if p.secret_address:
        return "Hemlig vistelseort – adressen visas inte"
    return p.address or "–"

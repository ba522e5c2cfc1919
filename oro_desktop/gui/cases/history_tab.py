"""The case view's Historik tab: the case's own history, newest first (the service's
`case_events`, not the audit log)."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from oro_desktop.gui.cases.common import tree
from oro_desktop.services.case_views import CaseView

TITLE = "Historik"


def history_tree(parent: QWidget) -> QTreeWidget:
    widget = tree(parent, "caseHistory", ["När", "Vem", "Vad"])
    widget.setRootIsDecorated(False)
    return widget


def show_history(widget: QTreeWidget, v: CaseView) -> None:
    widget.clear()
    for h in reversed(v.history):
        item = QTreeWidgetItem(widget, [h.at[:16], h.by, h.text])
        item.setToolTip(2, h.text)
    widget.setColumnWidth(0, 130)
    widget.setColumnWidth(1, 110)

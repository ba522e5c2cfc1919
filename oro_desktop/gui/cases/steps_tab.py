"""The case view's Steg tab: the guideline's steps as a checklist (ticked by whom, when,
with a note); every tick and untick is kept by the service."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from oro_desktop.gui.cases.common import MUTED, ROW_ROLE, CaseHost, tree
from oro_desktop.services.case_views import CaseView


class StepsTab(QWidget):
    title = "Steg"

    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.steps = tree(self, "caseSteps", ["Steg", "Vad", "Bockad av", "Anteckning"])
        self.steps.setRootIsDecorated(False)
        for column, width in ((0, 110), (1, 330), (2, 150)):
            self.steps.setColumnWidth(column, width)
        self.steps.currentItemChanged.connect(lambda *_: self._step_selected())
        self.step_detail = QLabel("", self)
        self.step_detail.setObjectName("caseStepDetail")
        self.step_detail.setWordWrap(True)
        self.step_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.step_note = QLineEdit(self)
        self.step_note.setObjectName("caseStepNote")
        self.step_note.setPlaceholderText("Anteckning (vad som gjordes)")
        self.step_note.setAccessibleName("Anteckning till steget")
        self.step_note.setMaxLength(2000)
        self.tick_button = QPushButton("&Bocka av", self)
        self.tick_button.setObjectName("caseTick")
        self.tick_button.clicked.connect(lambda: self.tick_selected(True))
        self.untick_button = QPushButton("Ta bort bock", self)
        self.untick_button.setObjectName("caseUntick")
        self.untick_button.clicked.connect(lambda: self.tick_selected(False))
        self.step_note.returnPressed.connect(lambda: self.tick_selected(True))
        row = QHBoxLayout()
        row.addWidget(self.step_note, 1)
        row.addWidget(self.tick_button)
        row.addWidget(self.untick_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.step_detail)
        layout.addLayout(row)

    def show_view(self, v: CaseView, *, is_open: bool) -> None:
        self.tick_button.setEnabled(is_open)
        self.untick_button.setEnabled(is_open)
        for widget in (self.tick_button, self.untick_button, self.step_note):
            widget.setVisible(is_open)  # a closed case is read-only
        keep = self.selected_step()
        self.steps.clear()
        select = None
        for s in v.steps:
            alt = f"Alt {s.alternative}, " if s.alternative else ""
            mark = "☑" if s.ticked else "☐"
            who = f"{s.ticked_by}, {s.ticked_at[:16]}" if s.ticked else ""
            text = s.text + (f" (hoppas över: {s.skipped_reason})" if s.skipped else "")
            item = QTreeWidgetItem(self.steps, [f"{mark} {alt}steg {s.number}", text, who, s.note])
            item.setData(0, ROW_ROLE, s.step_id)
            item.setToolTip(1, f"{s.text}\nKälla: {s.source}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"{alt}steg {s.number}, {'bockad' if s.ticked else 'inte bockad'}")
            if s.skipped:
                for column in range(4):
                    item.setForeground(column, QBrush(MUTED))
            if s.step_id == keep:
                select = item
        if select is None and self.steps.topLevelItemCount():
            select = self.steps.topLevelItem(0)
        if select is not None:
            self.steps.setCurrentItem(select)

    def selected_step(self) -> str | None:
        item = self.steps.currentItem()
        return item.data(0, ROW_ROLE) if item is not None else None

    def select_step(self, step_id: str) -> bool:
        for i in range(self.steps.topLevelItemCount()):
            item = self.steps.topLevelItem(i)
            if item.data(0, ROW_ROLE) == step_id:
                self.steps.setCurrentItem(item)
                return True
        return False

    def _step_selected(self) -> None:
        item = self.steps.currentItem()
        self.step_note.setText(item.text(3) if item is not None else "")
        step_id = item.data(0, ROW_ROLE) if item is not None else None
        view = self.host.view
        step = next((s for s in (view.steps if view else ()) if s.step_id == step_id), None)
        if step is None or item is None:
            self.step_detail.setText("")
            return
        lines = [f"<b>{escape(item.text(0)[2:])}:</b> {escape(step.text)}",
                 f"<span style='color:#4a525c'>Källa: {escape(step.source)}"
                 + (f" · Gäller: {escape(', '.join(step.applies_to))}" if step.applies_to else "")
                 + "</span>"]
        if step.skipped:
            lines.append(f"Hoppas över: {escape(step.skipped_reason)}")
        if step.ticked:
            lines.append(f"Bockad av {escape(step.ticked_by)} {escape(step.ticked_at[:16])}"
                         + (f": {escape(step.note)}" if step.note else ""))
        self.step_detail.setText("<br>".join(lines))

    def tick_selected(self, ticked: bool) -> bool:
        step = self.selected_step()
        if step is None:
            self.host.show_message("Markera ett steg först.")
            return False
        done = self.host.write(self.host.cases.tick_step, self.host.case_uid, step,
                               note=self.step_note.text(), ticked=ticked)
        return bool(done)

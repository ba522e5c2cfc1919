"""A plan's history: every saved version (who, when) and what changed between any two.

Why a dialog of its own: at a follow-up the parties ask "what did we agree last time,
and what is new?". Versions are append-only (services/form_versions.py), so the list is
complete; the diff is the service's (field by field, row by row, with the definition's
Swedish labels), grouped here so that a new intervention reads as one added row
(gui/plans/diff_items.py). "Skriv ut denna version" prints the version selected in the
list exactly as it was saved.

Reads go through the plan service and are audited there (a list, a diff, a render).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from oro_desktop.gui.messages import error_text
from oro_desktop.gui.plans.diff_items import ADDED, REMOVED, DiffItem, group_changes, shown, summary_line

NUMBER_ROLE = Qt.ItemDataRole.UserRole


def when_text(created_at: str) -> str:
    """'2026-11-24T10:15:03' -> '2026-11-24 10:15' (the store keeps ISO text)."""
    text = str(created_at).replace("T", " ")
    return text[:16]


def _cell(text: str, *, bold: bool = False, muted: bool = False, indent: bool = False) -> str:
    style = ["padding: 3px 8px 3px 0"]
    if indent:
        style.append("padding-left: 18px")
    if muted:
        style.append("color: #4a525c")
    body = escape(text).replace("\n", "<br>")
    return f'<td style="{"; ".join(style)}">{"<b>" + body + "</b>" if bold else body}</td>'


def diff_html(items: list[DiffItem]) -> str:
    """The grouped diff as a table (Vad, Före, Efter); a changed row's cells under it."""
    if not items:
        return ""
    out = ['<table width="100%" cellspacing="0">',
           '<tr><th align="left" width="34%">Vad</th><th align="left" width="33%">Före</th>'
           '<th align="left" width="33%">Efter</th></tr>']
    for entry in items:
        if not entry.children:
            out.append("<tr>" + _cell(entry.title, bold=True) + _cell(shown(entry.before))
                       + _cell(shown(entry.after)) + "</tr>")
            continue
        out.append(f'<tr><td colspan="3" style="padding-top: 6px"><b>{escape(entry.title)}</b>'
                   "</td></tr>")
        for child in entry.children:
            before = "" if entry.kind == ADDED else shown(child.before)
            after = "" if entry.kind == REMOVED else shown(child.after)
            out.append("<tr>" + _cell(child.title, indent=True, muted=True) + _cell(before)
                       + _cell(after) + "</tr>")
    out.append("</table>")
    return "".join(out)


class PlanHistoryDialog(QDialog):
    """History of one plan. `compare(a, b)` shows a diff; `selected_version()`."""

    def __init__(self, plans: Any, plan_uid: str, *, title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plans = plans
        self.plan_uid = plan_uid
        self.print_task: Any = None
        self.setObjectName("planHistory")
        self.setWindowTitle(f"Historik – {title}" if title else "Planens historik")
        self.setAccessibleName(self.windowTitle())
        self.resize(980, 640)

        intro = QLabel("Varje sparad version finns kvar. Välj två versioner för att se vad som "
                       "ändrades, fält för fält och rad för rad.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        self.versions = QTreeWidget(self)
        self.versions.setObjectName("planVersions")
        self.versions.setAccessibleName("Sparade versioner")
        self.versions.setHeaderLabels(["Version", "Sparad", "Sparad av"])
        self.versions.setRootIsDecorated(False)
        self.versions.setAlternatingRowColors(True)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.from_box = QComboBox(self)
        self.from_box.setObjectName("planDiffFrom")
        self.from_box.setAccessibleName("Jämför från version")
        self.to_box = QComboBox(self)
        self.to_box.setObjectName("planDiffTo")
        self.to_box.setAccessibleName("Jämför till version")
        from_label = QLabel("&Jämför version", self)
        from_label.setBuddy(self.from_box)
        to_label = QLabel("&med version", self)
        to_label.setBuddy(self.to_box)
        self.summary = QLabel("", self)
        self.summary.setObjectName("planDiffSummary")
        self.summary.setWordWrap(True)
        # A text view, not a tree: long interventions wrap, and a screen reader reads it
        # as the sentences it is (diff_lines gives the same as plain text).
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("planDiff")
        self.diff.setAccessibleName("Ändringar mellan versionerna")
        self.diff.setOpenLinks(False)
        self.message = QLabel("", self)
        self.message.setObjectName("planHistoryMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)  # kept shown (empty): it holds Stäng to the right

        self.print_button = QPushButton("Skriv &ut denna version…", self)
        self.print_button.setObjectName("planHistoryPrint")
        self.print_button.setToolTip("Förhandsgranska och skriv ut versionen som är markerad "
                                     "i listan, precis som den sparades")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_selected)
        close = QPushButton("S&täng", self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        close.setAccessibleName("Stäng historiken")
        self.print_button.setAccessibleName("Skriv ut den markerade versionen")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Versioner", left))
        left_layout.addWidget(self.versions, 1)
        left_layout.addWidget(self.print_button)
        right = QWidget(self)
        pick = QHBoxLayout()
        pick.addWidget(from_label)
        pick.addWidget(self.from_box)
        pick.addWidget(to_label)
        pick.addWidget(self.to_box)
        pick.addStretch(1)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(pick)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([370, 610])
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.numbers: list[int] = []
        self.items: list[DiffItem] = []
        self._load()
        self.from_box.currentIndexChanged.connect(self._picked)
        self.to_box.currentIndexChanged.connect(self._picked)

    # -- loading ------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            versions = self.plans.versions(self.plan_uid)
        except Exception as exc:  # noqa: BLE001 - one Swedish line (error_text logs a bug)
            self.show_message(error_text(exc))
            versions = []
        self.numbers = [v.number for v in versions]
        for v in reversed(versions):  # newest on top
            label = f"Version {v.number}" + (" (gällande)" if v.current else "")
            item = QTreeWidgetItem([label, when_text(v.created_at), v.created_by])
            item.setData(0, NUMBER_ROLE, v.number)
            self.versions.addTopLevelItem(item)
            for box in (self.from_box, self.to_box):
                box.addItem(f"{v.number} – {when_text(v.created_at)}, {v.created_by}", v.number)
        if self.versions.topLevelItemCount():
            self.versions.setCurrentItem(self.versions.topLevelItem(0))
        self.print_button.setEnabled(bool(versions))
        if len(versions) >= 2:  # the two newest: what changed last time
            self.from_box.setCurrentIndex(1)
            self.to_box.setCurrentIndex(0)
            self.compare(self.numbers[-2], self.numbers[-1])
        elif versions:
            self.summary.setText("Planen har bara en sparad version än: inget att jämföra.")

    def _picked(self) -> None:
        a, b = self.from_box.currentData(), self.to_box.currentData()
        if a is not None and b is not None:
            self.compare(int(a), int(b))

    # -- the diff -----------------------------------------------------------------------
    def compare(self, a: int, b: int) -> list[DiffItem]:
        """Show what changed from version `a` to version `b` (also sets the two boxes)."""
        for box, number in ((self.from_box, a), (self.to_box, b)):
            at = box.findData(number)
            if at >= 0 and box.currentIndex() != at:
                box.blockSignals(True)
                box.setCurrentIndex(at)
                box.blockSignals(False)
        self.diff.clear()
        self.items = []
        if a == b:
            self.summary.setText(summary_line(0, a, b))
            return []
        try:
            changes = self.plans.diff(self.plan_uid, a, b)
        except Exception as exc:  # noqa: BLE001
            self.show_message(error_text(exc))
            return []
        self.message.setText("")
        self.items = group_changes(changes)
        self.diff.setHtml(diff_html(self.items))
        self.summary.setText(summary_line(len(changes), a, b))
        return self.items

    def diff_lines(self) -> list[str]:
        """The shown diff as plain sentences (what a screen reader or a test reads)."""
        return [line for entry in self.items for line in entry.lines()]

    # -- printing -----------------------------------------------------------------------
    def selected_version(self) -> int | None:
        item = self.versions.currentItem()
        return int(item.data(0, NUMBER_ROLE)) if item is not None else None

    def select_version(self, number: int) -> bool:
        for i in range(self.versions.topLevelItemCount()):
            item = self.versions.topLevelItem(i)
            if item.data(0, NUMBER_ROLE) == number:
                self.versions.setCurrentItem(item)
                return True
        return False

    def print_selected(self) -> Any:
        from oro_desktop.gui.plans.printing import print_plan

        number = self.selected_version()
        if number is None:
            return None
        self.print_task = print_plan(self, self.plans, self.plan_uid, version=number,
                                     on_error=self.show_message)
        return self.print_task

    def show_message(self, text: str) -> None:
        self.message.setText(f"⚠ {text}")
        self.message.setAccessibleName(f"Fel: {text}")
        self.message.show()

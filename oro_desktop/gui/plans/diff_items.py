"""The version diff as a clinician reads it: one line per field, one group per row.

Why a grouping step over `FieldChange`: the core diff (core/forms/diff.py) lists every
changed cell, "Insatser och ansvar, rad 4: Vilken part", which is exact but makes a new
row of five cells look like five unrelated changes. Here the cells of one row become one
item, "Insatser och ansvar: rad 4 tillagd" (or "borttagen", "ändrad"), with the cells
beneath it, so "a row was added" reads as such. Labels stay the core diff's (the
definition's own Swedish words); nothing is invented. Pure: no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from oro_desktop.core.forms.diff import FieldChange

ADDED, REMOVED, CHANGED = "tillagd", "borttagen", "ändrad"
EMPTY = "(tomt)"


@dataclass
class DiffItem:
    """One line of the diff; a row's cells are `children` (each a DiffItem without any)."""

    title: str
    before: str = ""
    after: str = ""
    kind: str = CHANGED  # for a row: ADDED, REMOVED or CHANGED
    children: list[DiffItem] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The item as plain sentences (for a screen reader, a copy, a test)."""
        if not self.children:
            return [f"{self.title}: {shown(self.before)} → {shown(self.after)}"]
        out = [self.title]
        for child in self.children:
            if self.kind == ADDED:
                out.append(f"  {child.title}: {child.after}")
            elif self.kind == REMOVED:
                out.append(f"  {child.title}: {child.before}")
            else:
                out.append(f"  {child.title}: {shown(child.before)} → {shown(child.after)}")
        return out


def shown(text: str) -> str:
    return text if text else EMPTY


def _split_row_label(change: FieldChange) -> tuple[str, str]:
    """'Insatser och ansvar, rad 4: Vilken part' -> ('Insatser och ansvar', 'Vilken part')."""
    marker = f", rad {change.row}: "
    at = change.label.find(marker)
    if at < 0:
        return change.label, change.part
    return change.label[:at], change.label[at + len(marker):]


def group_changes(changes: Sequence[FieldChange]) -> list[DiffItem]:
    """The changes in their order, the cells of each changed row under one item."""
    items: list[DiffItem] = []
    rows: dict[tuple[str, int], tuple[str, DiffItem]] = {}
    for change in changes:
        if change.row is None:
            items.append(DiffItem(change.label, change.before, change.after))
            continue
        field_label, column = _split_row_label(change)
        key = (change.field_id, change.row)
        if key not in rows:
            rows[key] = (field_label, DiffItem(f"{field_label}: rad {change.row}"))
            items.append(rows[key][1])
        item = rows[key][1]
        item.children.append(DiffItem(column, change.before, change.after))
    for (_fid, row), (field_label, item) in rows.items():
        befores = [c.before for c in item.children]
        afters = [c.after for c in item.children]
        if not any(befores):
            item.kind = ADDED
        elif not any(afters):
            item.kind = REMOVED
        item.title = f"{field_label}: rad {row} {item.kind}"
        summary = " · ".join(a for a in (afters if item.kind != REMOVED else befores) if a)
        if item.kind == ADDED:
            item.after = summary
        elif item.kind == REMOVED:
            item.before = summary
    return items


def summary_line(count: int, a: int, b: int) -> str:
    if a == b:
        return f"Samma version ({a}) vald två gånger: välj två olika versioner."
    if count == 0:
        return f"Inga skillnader mellan version {a} och version {b}."
    noun = "ändring" if count == 1 else "ändringar"
    return f"{count} {noun} från version {a} till version {b}."

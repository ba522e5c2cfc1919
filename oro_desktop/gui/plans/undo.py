"""Undo commands of the plan editor: a snapshot of the form before and after one edit.

Why snapshots rather than one command class per kind of edit: the form builder is
generic (any plan form, any field type), and every edit, whether a keystroke, a ticked
box, an added, moved or removed row, ends as a new value of the form's data. A snapshot
is that data with the rows *as shown* (empty rows included, so undoing "add row"
removes the empty row again); undo shows the one before, redo the one after.
Consecutive typing in one control merges into one step until the user leaves it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

Snapshot = dict[str, Any]

#: QUndoCommand.id() of typing commands (commands with equal ids may merge).
TYPING_ID = 1101


class SnapshotCommand(QUndoCommand):
    """One edit: `before` and `after` snapshots; `apply(snapshot, field_id, row)` shows one.

    already_done: the edit is on screen already (the user typed it), so the first redo,
    which QUndoStack.push calls, does nothing. A move made by the editor is not yet done.
    merge_key: set for typing; equal keys of consecutive commands merge into one step.
    """

    def __init__(self, text: str, before: Snapshot, after: Snapshot, *,
                 apply: Callable[[Snapshot, str, int | None], None], field_id: str,
                 row: int | None = None, already_done: bool = True,
                 merge_key: tuple[Any, ...] | None = None) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self._apply = apply
        self.field_id = field_id
        self.row = row
        self._skip = already_done
        self.merge_key = merge_key

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return TYPING_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, SnapshotCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._apply(self.after, self.field_id, self.row)

    def undo(self) -> None:
        self._apply(self.before, self.field_id, self.row)

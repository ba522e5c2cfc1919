"""The plan editor: a plan form on the generic builder, with Qt's undo stack over every edit.

Why a wrapper and not a new builder: a plan is a form definition like any other
(forms/*.yaml, kind: plan), so the fields, the rows, the validation and the accessible
names are the builder's (gui/forms/builder.py). This widget adds what a plan needs on
top: undo and redo (QUndoStack) of every edit, including adding, moving and removing
rows; moving the row that has focus (Alt+Upp / Alt+Ned); the guideline's intervention
lists as a pick list beside free text; and one `changed(dict)` signal on every change,
undo and redo included, so a later step can keep the typing as a draft.

Shortcuts: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, also while a text box has focus
(the text boxes' own undo is bypassed, so there is one history, not one per box).

Public API: PlanEditor(definition, *, today_provider, guideline=None, parent=None);
data() / set_data(dict) (clears the history); undo_stack; is_modified() / set_clean();
add_row(field_id, values=None); remove_row(field_id, index); move_row(field_id, index,
delta); move_focused_row(delta); flush_pending(); signals changed, settled; `form` is the
FormWidget.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QLabel, QLineEdit, QMenu, QPlainTextEdit, QToolBar, QToolButton, QVBoxLayout,
    QWidget,
)

from oro_desktop.core.forms import FormDefinition
from oro_desktop.core.forms.bounds import max_length
from oro_desktop.core.guidance import Guideline
from oro_desktop.core.plans import InterventionChoice, intervention_choices, plan_from_data
from oro_desktop.gui.forms.builder import SETTLE_MS, FormWidget
from oro_desktop.gui.forms.widgets.base import FOCUS, MESSAGE_PREFIX
from oro_desktop.gui.forms.widgets.rows import RowsField
from oro_desktop.gui.plans.undo import Snapshot, SnapshotCommand

UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))
TYPED_TYPES = frozenset({"text", "multiline", "phone", "email", "date", "person_ref",
                         "identity", "date_range"})


class PlanEditor(QWidget):
    """One plan form with undo, row moves and the guideline's pick list. See module doc."""

    changed = Signal(object)  # dict: data() after every change, undo and redo included
    settled = Signal(object)  # dict: data() once changes have paused for SETTLE_MS

    def __init__(self, definition: FormDefinition, *, today_provider: Callable[[], date],
                 guideline: Guideline | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.guideline = guideline
        self.undo_stack = QUndoStack(self)
        self.form = FormWidget(definition, today_provider=today_provider, parent=self)
        self._rows: dict[str, RowsField] = {}
        for f in definition.data_fields():
            widget = self.form.field_widget(f.id)
            if isinstance(widget, RowsField):
                self._rows[f.id] = widget
            widget.edited.connect(lambda fid=f.id: self._on_edited(fid))
            widget.left.connect(self._close_typing)
        self._applying = False
        self._session = 0  # bumped when typing must not merge into the previous step
        self._focus_row: tuple[str, int] | None = None
        self._current: Snapshot = self._snapshot()
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(lambda: self.settled.emit(self.data()))

        self.toolbar = QToolBar("Planen", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.undo_action = self.undo_stack.createUndoAction(self, "Ångra")
        self.undo_action.setShortcuts(list(UNDO_KEYS))
        self.redo_action = self.undo_stack.createRedoAction(self, "Gör om")
        self.redo_action.setShortcuts(list(REDO_KEYS))
        self.move_up_action = QAction("Flytta rad upp", self)
        self.move_up_action.setShortcut(QKeySequence("Alt+Up"))
        self.move_up_action.triggered.connect(lambda: self.move_focused_row(-1))
        self.move_down_action = QAction("Flytta rad ned", self)
        self.move_down_action.setShortcut(QKeySequence("Alt+Down"))
        self.move_down_action.triggered.connect(lambda: self.move_focused_row(1))
        for action in (self.undo_action, self.redo_action, self.move_up_action,
                       self.move_down_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)  # shortcuts work wherever focus is inside the editor
            self.toolbar.addAction(action)
        self.pick_menu = QMenu("Insats ur riktlinjen", self)
        self.pick_menu.aboutToShow.connect(self._fill_pick_menu)
        self.pick_button = QToolButton(self)
        self.pick_button.setText("Lägg till insats ur riktlinjen")
        self.pick_button.setAccessibleName("Lägg till en insats ur riktlinjens lista")
        self.pick_button.setMenu(self.pick_menu)
        self.pick_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick_button.setEnabled(guideline is not None and self._interventions_id() is not None)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.pick_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        self.private_warning = QLabel(self)
        self.private_warning.setObjectName("planPrivateWarning")
        self.private_warning.setWordWrap(True)
        self.private_warning.setStyleSheet(
            f"background: #fff4e0; border: 1px solid {FOCUS}; padding: 6px 10px;")
        self.private_warning.hide()
        layout.addWidget(self.private_warning)
        layout.addWidget(self.form)
        QApplication.instance().focusChanged.connect(self._on_focus)  # type: ignore[union-attr]
        self._watch_text_boxes()
        self._update_move_actions()

    # -- data ---------------------------------------------------------------------------
    def data(self) -> dict[str, Any]:
        """The form's data dict (the builder's `data()`: empty fields left out)."""
        return self.form.data()

    def set_data(self, data: Mapping[str, Any]) -> None:
        """Show a saved plan or a draft; the history starts here (nothing to undo)."""
        self._applying = True
        try:
            self.form.set_data(data)
        finally:
            self._applying = False
        self.undo_stack.clear()
        self._current = self._snapshot()
        self._session += 1
        self._watch_text_boxes()
        self.undo_stack.setClean()
        self._update_private_warning()

    def is_modified(self) -> bool:
        """True when something changed since set_data() or set_clean() (e.g. a saved version)."""
        return not self.undo_stack.isClean()

    def set_clean(self) -> None:
        self.undo_stack.setClean()

    def flush_pending(self) -> None:
        """Emit a pending `settled` now (before an auto-lock or closing the plan)."""
        if self._settle.isActive():
            self._settle.stop()
            self.settled.emit(self.data())

    # -- rows ---------------------------------------------------------------------------
    def rows_widget(self, field_id: str) -> RowsField:
        return self._rows[field_id]

    def add_row(self, field_id: str, values: Mapping[str, Any] | None = None) -> None:
        """Add a row (filled with `values`, else empty) as one undoable step.

        With values, an empty last row is filled instead of adding another one after it.
        """
        widget = self._rows[field_id]
        if values is None:
            widget.add_row_by_user()
            return
        before = self._current
        rows = list(before.get(field_id) or [])
        if rows and not rows[-1]:
            rows[-1] = dict(values)
        else:
            rows.append(dict(values))
        after = dict(before)
        after[field_id] = rows
        self._push(SnapshotCommand(
            f"Lägg till rad i {self._label(field_id)}", before, after, apply=self._apply,
            field_id=field_id, row=len(rows) - 1, already_done=False))

    def remove_row(self, field_id: str, index: int) -> None:
        """Remove row `index` (0-based), as the row's own button does (undoable)."""
        widget = self._rows[field_id]
        if 0 <= index < len(widget.rows):
            widget.remove_row_by_user(widget.rows[index])

    def move_row(self, field_id: str, index: int, delta: int) -> bool:
        """Move row `index` (0-based) `delta` places (-1 up, 1 down); False when it cannot."""
        before = self._current
        rows = list(before.get(field_id) or [])
        target = index + delta
        if delta == 0 or not (0 <= index < len(rows) and 0 <= target < len(rows)):
            return False
        rows.insert(target, rows.pop(index))
        after = dict(before)
        after[field_id] = rows
        way = "upp" if delta < 0 else "ned"
        self._push(SnapshotCommand(
            f"Flytta rad {index + 1} {way} i {self._label(field_id)}", before, after,
            apply=self._apply, field_id=field_id, row=target, already_done=False))
        return True

    def move_focused_row(self, delta: int) -> bool:
        """Move the row that has (or last had) keyboard focus."""
        if self._focus_row is None:
            return False
        field_id, index = self._focus_row
        return self.move_row(field_id, index, delta)

    # -- recording edits ----------------------------------------------------------------
    def _snapshot(self) -> Snapshot:
        """data() with every rows field as shown (empty rows kept): what undo restores."""
        out = self.form.data()
        for fid, widget in self._rows.items():
            out[fid] = [row.value() for row in widget.rows]
        return out

    def _on_edited(self, field_id: str) -> None:
        if self._applying:
            return
        before, after = self._current, self._snapshot()
        if after == before:
            return
        label = self._label(field_id)
        merge_key: tuple[Any, ...] | None = None
        row: int | None = None
        if field_id in self._rows:
            old, new = len(before.get(field_id) or []), len(after.get(field_id) or [])
            if new > old:
                text, row = f"Lägg till rad i {label}", new - 1
            elif new < old:
                row = _removed_index(before.get(field_id) or [], after.get(field_id) or [])
                text = f"Ta bort rad {row + 1} i {label}"
            else:
                old_rows, new_rows = before.get(field_id) or [], after.get(field_id) or []
                row = _changed_index(old_rows, new_rows)
                text = f"Ändra {label}, rad {row + 1}"
                merge_key = (self._session, field_id, row,
                             _changed_columns(old_rows[row], new_rows[row]))
        else:
            text = f"Ändra {label}"
            if self.definition.field(field_id).type in TYPED_TYPES:
                merge_key = (self._session, field_id)
        if merge_key is None:
            self._session += 1
        self._push(SnapshotCommand(text, before, after, apply=self._apply, field_id=field_id,
                                   row=row, merge_key=merge_key))

    def _close_typing(self) -> None:
        self._session += 1

    def _push(self, command: SnapshotCommand) -> None:
        self.undo_stack.push(command)
        self._current = command.after if command.merge_key is None else self._snapshot()
        if command.merge_key is None:
            self._session += 1
        self._watch_text_boxes()
        self._changed()

    def _apply(self, snapshot: Snapshot, field_id: str, row: int | None) -> None:
        """Show a snapshot (undo, redo, a move), then focus the field or row it concerns."""
        self._applying = True
        try:
            self.form.set_data(snapshot)
        finally:
            self._applying = False
        self._current = self._snapshot()
        self._session += 1
        self._watch_text_boxes()
        widget = self.form.field_widget(field_id)
        if row is not None and field_id in self._rows:
            widget.focus_row(min(row, len(self._rows[field_id].rows) - 1) + 1)
        else:
            widget.focus_first()
        self._changed()

    def _changed(self) -> None:
        self._update_move_actions()
        self._update_private_warning()
        self.changed.emit(self.data())
        self._settle.start()

    def _update_private_warning(self) -> None:
        """Without consent, name the private participants: the OSL rules do not reach them."""
        plan = plan_from_data(self.definition, self.data())
        private = [p.organisation or p.name for p in plan.private_participants]
        text = ""
        if private and plan.with_consent is False:
            text = (f"{MESSAGE_PREFIX} Privat verksamhet bland deltagarna: {', '.join(private)}. "
                    "Utan samtycke får sekretessbelagda uppgifter lämnas bara mellan hälso- och "
                    "sjukvård och socialtjänst i offentlig regi; för privata vårdgivare gäller "
                    "tystnadsplikten i 6 kap. 12 § patientsäkerhetslagen.")
        self.private_warning.setText(text)
        self.private_warning.setAccessibleName(text)
        self.private_warning.setVisible(bool(text))

    def _label(self, field_id: str) -> str:
        return self.definition.field(field_id).label

    # -- focus and shortcuts ------------------------------------------------------------
    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isAncestorOf(new):
            return
        for fid, widget in self._rows.items():
            if widget.isAncestorOf(new):
                for index, row in enumerate(widget.rows):
                    if any(cell is new or cell.isAncestorOf(new) for cell in row.cells.values()):
                        self._focus_row = (fid, index)
                        break
                break
        else:
            self._focus_row = None
        self._update_move_actions()

    def _update_move_actions(self) -> None:
        if self._focus_row is None or self._focus_row[0] not in self._rows:
            self.move_up_action.setEnabled(False)
            self.move_down_action.setEnabled(False)
            return
        fid, index = self._focus_row
        count = len(self._rows[fid].rows)
        self.move_up_action.setEnabled(index > 0)
        self.move_down_action.setEnabled(index < count - 1)

    def _watch_text_boxes(self) -> None:
        """Route Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in text boxes to the plan's undo stack."""
        for box in [*self.form.findChildren(QLineEdit), *self.form.findChildren(QPlainTextEdit)]:
            box.installEventFilter(self)  # installing twice keeps one filter
            if isinstance(box, QPlainTextEdit):
                box.setUndoRedoEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch
                   for k in (*UNDO_KEYS, *REDO_KEYS)):
                return True  # not accepted: the editor's shortcut fires, not the box's own undo
        return False

    # -- the guideline's pick list ------------------------------------------------------
    def _interventions_id(self) -> str | None:
        f = self.definition.field_for("plan.interventions")
        return f.id if f is not None and f.id in self._rows else None

    def choices(self) -> tuple[InterventionChoice, ...]:
        """The guideline's interventions for the plan's consent answer (both when unanswered)."""
        if self.guideline is None:
            return ()
        consent = plan_from_data(self.definition, self.data()).with_consent
        if consent is None:
            return intervention_choices(self.guideline, True) + tuple(
                c for c in intervention_choices(self.guideline, False)
                if c not in intervention_choices(self.guideline, True))
        return intervention_choices(self.guideline, consent)

    def pick(self, choice: InterventionChoice) -> None:
        """Add a row for a chosen intervention: its party and the guideline's text (editable)."""
        field_id = self._interventions_id()
        if field_id is None:
            return
        f = self.definition.field(field_id)
        values: dict[str, Any] = {}
        for column, text in (("part", choice.party), ("vad", choice.text)):
            col = next((c for c in f.columns if c.id == column), None)
            if col is not None:
                values[column] = text[: max_length(col, column=True)]
        self.add_row(field_id, values)

    def _fill_pick_menu(self) -> None:
        self.pick_menu.clear()
        choices = self.choices()
        if not choices:
            self.pick_menu.addAction("Riktlinjen har ingen lista – skriv insatsen fritt").setEnabled(False)
            return
        for party in dict.fromkeys(c.party for c in choices):
            sub = self.pick_menu.addMenu(f"{party} kan göra")
            for choice in (c for c in choices if c.party == party):
                shown = choice.text if len(choice.text) <= 90 else choice.text[:89] + "…"
                action = sub.addAction(shown)
                action.setToolTip(choice.text)
                action.triggered.connect(lambda _=False, c=choice: self.pick(c))


def _removed_index(before: list[Any], after: list[Any]) -> int:
    """Which row went: the first position where the lists differ."""
    for i, row in enumerate(after):
        if before[i] != row:
            return i
    return len(after)


def _changed_index(before: list[Any], after: list[Any]) -> int:
    return next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), 0)


def _changed_columns(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, ...]:
    """The cells of a row that differ: typing in another cell is another undo step."""
    return tuple(sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)))

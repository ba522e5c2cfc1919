"""The one generic builder: Qt widgets for any form definition, from the definition alone.

Why generic: adding a form, or a region's variant of one, must be adding a YAML file in
forms/, never code. This module lays out sections and fields; the per-type widgets live
in `widgets/`, validation in core (`validate`) with its messages shown by
`form_messages.py`, visibility in core (`is_visible`).

Data contract (what the consent editor and the draft store rely on):

- `data()` is exactly the filled-data shape of forms/examples/*.json: field id -> JSON
  value, with empty fields left out. Values of fields hidden by a condition (or an address
  hidden by skyddade personuppgifter) ARE kept, so switching an answer back and forth
  never loses typing; `data(include_hidden=False)` drops them and is what a finished
  form should be saved as. Keys a loaded dict had that the definition does not know are
  kept too (the validator reports them), so a draft is never silently trimmed.
- `changed(dict)` is emitted at once on every user edit; `settled(dict)` 400 ms after the
  last edit (save drafts on this one). `flush_pending()` emits a pending `settled` now
  (call it before an auto-lock). `set_data()` emits neither.

Validation: a field's messages appear beside it once the user has left it (or ticked a
box); `validate_all()` shows every problem plus a summary; `show_problems(list)` shows
the problems a caller got elsewhere (e.g. from the service on save). Messages start
with "⚠" (colour is never the only signal) and are added to the controls' accessible
descriptions.

Public API: FormWidget(definition, *, today_provider, parent=None, show_header=True);
data(*, include_hidden=True) / set_data(dict); problems() / validate_all() /
show_problems(list) / focus_first_problem(); set_read_only(bool); flush_pending();
hidden_fields(); field_widget(id) / message_label(id); signals changed, settled.

The builder never touches the store: it only reports data through its signals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.forms import FormDefinition, Problem, Section, address_hidden, is_empty
from oro_desktop.core.forms import Field, is_visible
from oro_desktop.core.forms.validate import qualified_label
from oro_desktop.gui.forms.form_messages import FormMessages
from oro_desktop.gui.forms.widgets import FieldContext, FieldWidget, make_field_widget
from oro_desktop.gui.forms.widgets.base import ERROR, FOCUS, MUTED, muted_label
from oro_desktop.gui.forms.widgets.field_row import FieldRow, place_field
from oro_desktop.gui.forms.widgets.problems import required_ids

CONTENT_MAX_WIDTH = 940
VALIDATE_MS = 300
SETTLE_MS = 400

STYLESHEET = f"""
QWidget#formPage {{ background: #f5f6f8; }}
QFrame#formSection {{ background: #ffffff; border: 1px solid #d5dae0; border-radius: 6px; }}
QLabel#formTitle {{ font-size: 15pt; font-weight: bold; }}
QLabel#sectionTitle {{ font-size: 12pt; font-weight: bold; color: #164673; }}
QLabel#fieldMessage {{ color: {ERROR}; font-weight: bold; }}
QLabel#formSummary {{ background: #fbeaea; border: 1px solid {ERROR}; border-radius: 4px;
    padding: 6px 10px; color: {ERROR}; font-weight: bold; }}
QLabel#fixedText {{ background: #f3f5f8; border-left: 3px solid #b9c1cb; padding: 8px 12px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{
    border: 2px solid {ERROR}; border-radius: 4px; }}
QLineEdit[invalid="true"]:focus, QPlainTextEdit[invalid="true"]:focus,
QComboBox[invalid="true"]:focus {{ border: 2px solid {FOCUS}; }}
"""


class FormWidget(FormMessages, QWidget):
    """Every section and field of one definition, in a scroll area. See module docstring."""

    changed = Signal(object)  # dict: the full data() after each user edit
    settled = Signal(object)  # dict: data() once edits have paused for SETTLE_MS

    def __init__(
        self,
        definition: FormDefinition,
        *,
        today_provider: Callable[[], date],
        parent: QWidget | None = None,
        show_header: bool = True,
    ) -> None:
        super().__init__(parent)
        self.definition = definition
        self._today = today_provider
        self._context = FieldContext(today=today_provider)
        self._required = required_ids(definition)
        self._label_counts = Counter(f.label for f in definition.fields())
        self._rows: dict[str, FieldRow] = {}
        self._extra: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._hidden: set[str] = set()
        self._masks: dict[str, QLabel] = {}
        self._show_all = False
        self._shown: list[Problem] = []
        self._loading = False
        self._read_only = False
        self.setStyleSheet(STYLESHEET)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Focusable on purpose: arrows and Page Down scroll to the fixed texts, which
        # take no focus themselves.
        self.scroll.setAccessibleName(f"Blankett: {definition.title}")
        page = QWidget()
        page.setObjectName("formPage")
        self.content = QWidget(page)
        self.content.setMaximumWidth(CONTENT_MAX_WIDTH)
        centred = QHBoxLayout(page)
        centred.setContentsMargins(16, 16, 16, 16)
        centred.addStretch(1)
        centred.addWidget(self.content, 100)
        centred.addStretch(1)
        self.scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        if show_header:
            self._add_header(column)
        self.summary = QLabel(self.content)
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        column.addWidget(self.summary)
        for section in definition.sections:
            column.addWidget(self._section_card(section))
        column.addStretch(1)

        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_MS)
        self._validate_timer.timeout.connect(self._refresh_messages)
        self._settle_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle_timer.timeout.connect(lambda: self.settled.emit(self.data()))
        self._update_visibility()
        self._rebuild_tab_order()

    # -- building -----------------------------------------------------------------------
    def _add_header(self, column: QVBoxLayout) -> None:
        d = self.definition
        title = QLabel(d.title, self.content)
        title.setObjectName("formTitle")
        title.setWordWrap(True)
        column.addWidget(title)
        source = muted_label(f"{d.source.display()} · version {d.version}", self.content)
        column.addWidget(source)
        if d.description:
            column.addWidget(muted_label(d.description, self.content))
        if self._required:
            legend = QLabel(
                f'Fält markerade med <span style="color:{ERROR}; font-weight:bold">*</span> '
                "måste fyllas i.", self.content)
            legend.setStyleSheet(f"color: {MUTED};")
            legend.setAccessibleName("Fält markerade med stjärna måste fyllas i.")
            column.addWidget(legend)

    def _section_card(self, section: Section) -> QFrame:
        card = QFrame(self.content)
        card.setObjectName("formSection")
        card.setAccessibleName(section.title or "Avsnitt")
        box = QVBoxLayout(card)
        box.setContentsMargins(20, 16, 20, 16)
        box.setSpacing(8)
        if section.title:
            heading = QLabel(section.title, card)
            heading.setObjectName("sectionTitle")
            box.addWidget(heading)
        if section.help:
            box.addWidget(muted_label(section.help, card))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(14)
        box.addLayout(form)
        for f in section.fields:
            self._add_field(form, card, section, f)
        return card

    def _add_field(self, form: QFormLayout, card: QWidget, section: Section, f: Field) -> None:
        widget = make_field_widget(f, self._context, card)
        qualified = qualified_label(self.definition, f)
        if self._label_counts[f.label] > 1:
            widget.rename(qualified)  # two "Namn" fields: "Barnet – Namn" for screen readers
        row = place_field(form, card, section, f, widget, required=f.id in self._required,
                          qualified=qualified)
        self._rows[f.id] = row
        widget.edited.connect(lambda fid=f.id: self._on_edited(fid))
        widget.left.connect(lambda fid=f.id: self._on_left(fid))
        widget.structure_changed.connect(self._rebuild_tab_order)

    def _rebuild_tab_order(self) -> None:
        """Tab follows reading order: section by section, field by field, row by row."""
        chain = [c for row in self._rows.values() for c in row.widget.controls()]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- data ---------------------------------------------------------------------------
    def data(self, *, include_hidden: bool = True) -> dict[str, Any]:
        """Filled data (see module docstring). include_hidden=False: what may be saved."""
        out: dict[str, Any] = dict(self._extra)
        for fid, row in self._rows.items():
            value = row.widget.value()
            if value is not None:
                out[fid] = value
        if not include_hidden:
            for fid in self._hidden_ids(out):
                out.pop(fid, None)
        return out

    def set_data(self, data: Mapping[str, Any]) -> None:
        """Show `data` (a draft or a saved form). Emits neither changed nor settled.

        Fields already filled in count as touched, so a restored draft shows their
        problems at once; empty required fields stay quiet until validate_all().
        """
        self._loading = True
        try:
            for fid, row in self._rows.items():
                row.widget.blockSignals(True)
                try:
                    row.widget.set_value(data.get(fid))
                finally:
                    row.widget.blockSignals(False)
        finally:
            self._loading = False
        fixed = {fid for fid, row in self._rows.items() if row.field.type == "fixed_text"}
        self._extra = {k: v for k, v in data.items() if k not in self._rows or k in fixed}
        self._settle_timer.stop()
        self._validate_timer.stop()
        self._touched = {k for k, v in data.items() if k in self._rows and not is_empty(v)}
        self._show_all = False
        if self._read_only:
            self.set_read_only(True)  # rows set_data added are read-only too
        self._update_visibility()
        self._rebuild_tab_order()
        self._refresh_messages()

    def mask_field(self, field_id: str, text: str | None) -> None:
        """Show `text` in place of the field (None: show the field again).

        Why: a value that must not be on screen (a child's address at a secret address)
        but is kept: it stays in data() and is saved unchanged, it only cannot be seen or
        edited here. A field hidden outright (a condition, a protected identity on the form)
        is `hidden_fields`, and is not saved.
        """
        row = self._rows[field_id]
        label = self._masks.get(field_id)
        if text is None:
            if label is not None:
                label.hide()
            row.widget.setVisible(True)
            return
        if label is None:
            label = QLabel(row.container)
            label.setObjectName("maskedField")
            label.setWordWrap(True)
            layout = row.container.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(row.widget) + 1, label)
            self._masks[field_id] = label
        label.setText(text)
        label.setAccessibleName(f"{row.field.label}: {text}")
        label.show()
        row.widget.setVisible(False)

    def masked_fields(self) -> set[str]:
        """Ids of fields shown masked now (see mask_field)."""
        return {fid for fid, label in self._masks.items() if not label.isHidden()}

    def hidden_fields(self) -> set[str]:
        """Ids of fields hidden now (condition not met, or a protected person's address)."""
        return set(self._hidden)

    def set_read_only(self, read_only: bool) -> None:
        """A signed or archived form: readable and selectable, but nothing can change."""
        self._read_only = read_only
        for row in self._rows.values():
            row.widget.set_read_only(read_only)

    def is_read_only(self) -> bool:
        return self._read_only

    def field_widget(self, field_id: str) -> FieldWidget:
        return self._rows[field_id].widget

    def message_label(self, field_id: str) -> QLabel:
        """The label beside a field where its (field-level) messages are shown."""
        return self._rows[field_id].message

    def flush_pending(self) -> None:
        """Emit a pending `settled` now (before an auto-lock or closing the form)."""
        if self._settle_timer.isActive():
            self._settle_timer.stop()
            self.settled.emit(self.data())

    # -- live behaviour -----------------------------------------------------------------
    def _on_edited(self, field_id: str) -> None:
        if self._loading:
            return
        if self._rows[field_id].widget.touch_on_edit:
            self._touched.add(field_id)
        self._update_visibility()
        self._validate_timer.start()
        self.changed.emit(self.data())
        self._settle_timer.start()

    def _on_left(self, field_id: str) -> None:
        # Moving between the parts of one field (kind -> number, cell -> cell) is not
        # leaving it: a "required" message must not appear while the user is still there.
        now = QApplication.focusWidget()
        if now is not None and self._rows[field_id].widget.isAncestorOf(now):
            return
        self._touched.add(field_id)
        self._validate_timer.start()

    def _hidden_ids(self, data: Mapping[str, Any]) -> set[str]:
        return {
            fid for fid, row in self._rows.items()
            if not is_visible(self.definition, row.field, data) or address_hidden(row.field, data)
        }

    def _update_visibility(self) -> None:
        """Show and hide conditional fields live, from core is_visible on the current data."""
        hidden = self._hidden_ids(self.data())
        for fid in hidden ^ self._hidden:
            row = self._rows[fid]
            assert row.form is not None
            row.form.setRowVisible(row.container, fid not in hidden)
        self._hidden = hidden

"""One field's place in a section: label (with required mark), widget, message, help.

Why a layout rule rather than per-form layout: a definition only says what a field is;
where its label goes follows from that. Short labels sit in an aligned label column
(QFormLayout); tables, signatures, fixed texts and long questions span the full width
with their label above, so a long question is not squeezed into a narrow column.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from oro_desktop.core.forms import Field, Section
from oro_desktop.gui.forms.widgets.base import ERROR, FieldWidget, muted_label

#: Field types laid out across the full width, label above.
WIDE_TYPES = frozenset({"fixed_text", "signature", "party_list", "repeating"})
#: Labels longer than this go above their field instead of in the label column.
LONG_LABEL = 48
LABEL_WIDTH = 210


class FieldRow:
    """One field on screen: its widget, its message label, and the form row it sits in."""

    def __init__(self, field: Field, widget: FieldWidget, container: QWidget, message: QLabel,
                 form: QFormLayout, labels: list[str], description: str) -> None:
        self.field = field
        self.widget = widget
        self.container = container  # the form row's field part; hidden with the row
        self.message = message
        self.form = form
        self.labels = labels  # labels a message may start with (dropped beside the field)
        self.description = description  # accessible description without problems


def required_mark_html(text: str, required: bool) -> str:
    """The label as rich text, with a red bold " *" when required."""
    mark = f' <span style="color:{ERROR}; font-weight:bold">*</span>' if required else ""
    return html.escape(text) + mark


def place_field(form: QFormLayout, card: QWidget, section: Section, f: Field,
                widget: FieldWidget, *, required: bool, qualified: str) -> FieldRow:
    """Add the field's row to `form` and return what the builder needs to update it."""
    widget.setObjectName(f"field_{f.id}")
    wide = f.type in WIDE_TYPES or len(f.label) > LONG_LABEL
    container = QWidget(card)
    stack = QVBoxLayout(container)
    stack.setContentsMargins(0, 0, 0, 0)
    stack.setSpacing(4)
    label: QLabel | None = None
    if f.type != "fixed_text" and f.label:
        label = QLabel(required_mark_html(f.label, required), card)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        controls = widget.controls()
        if controls:
            label.setBuddy(controls[0])
    help_label = muted_label(f.help, container) if f.help else None
    message = QLabel(container)
    message.setObjectName("fieldMessage")
    message.setWordWrap(True)
    message.hide()
    if wide:
        if label is not None:
            label.setStyleSheet("font-weight: bold;")
            stack.addWidget(label)
            # The section heading already says it (e.g. "Förälder/vårdnadshavare"): the
            # label stays as buddy and accessible name, but is not shown twice.
            label.setVisible(f.label != section.title)
        if help_label is not None:
            stack.addWidget(help_label)
        stack.addWidget(widget)
        stack.addWidget(message)
        form.addRow(container)
    else:
        stack.addWidget(widget)
        stack.addWidget(message)  # right under the field, before the help text
        if help_label is not None:
            stack.addWidget(help_label)
        if label is None:
            form.addRow(container)
        else:
            label.setFixedWidth(LABEL_WIDTH)
            label.setContentsMargins(0, 5, 0, 0)  # first line level with the box's text
            form.addRow(label, container)
    description = " ".join(p for p in ("Obligatoriskt." if required else "", f.help) if p)
    widget.describe(description)
    return FieldRow(f, widget, container, message, form, [qualified, f.label], description)

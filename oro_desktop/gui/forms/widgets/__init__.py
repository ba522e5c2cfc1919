"""One small widget class per field type, and the registry the form builder uses.

Adding a field type means adding it to core FIELD_TYPES, writing its widget here and
registering it in WIDGETS; a test checks that every type in FIELD_TYPES has a widget.
Adding a form, or a region's variant of one, needs no code at all.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from oro_desktop.core.forms.model import Field
from oro_desktop.gui.forms.widgets.base import FieldContext, FieldWidget
from oro_desktop.gui.forms.widgets.choices import ChoiceField, MultiChoiceField, YesNoField
from oro_desktop.gui.forms.widgets.dates import DateField, DateRangeField
from oro_desktop.gui.forms.widgets.identity import IdentityField
from oro_desktop.gui.forms.widgets.rows import PartyListField, RepeatingField, SignatureField
from oro_desktop.gui.forms.widgets.simple import (
    EmailField,
    FixedTextField,
    MultilineField,
    PersonRefField,
    PhoneField,
    TextField,
)

#: Field type (core FIELD_TYPES) -> widget class.
WIDGETS: dict[str, type[FieldWidget]] = {
    "text": TextField,
    "multiline": MultilineField,
    "date": DateField,
    "date_range": DateRangeField,
    "identity": IdentityField,
    "phone": PhoneField,
    "email": EmailField,
    "choice": ChoiceField,
    "multi_choice": MultiChoiceField,
    "yes_no": YesNoField,
    "person_ref": PersonRefField,
    "party_list": PartyListField,
    "repeating": RepeatingField,
    "signature": SignatureField,
    "fixed_text": FixedTextField,
}


def make_field_widget(field: Field, context: FieldContext, parent: QWidget | None = None) -> FieldWidget:
    """The widget for one field of a definition (KeyError for a type without a widget)."""
    return WIDGETS[field.type](field, context, parent)


__all__ = ["WIDGETS", "FieldContext", "FieldWidget", "make_field_widget"]

"""The form-definition model: what a YAML file in forms/ becomes after loading.

Why plain frozen dataclasses: the Qt builder, the PDF renderer, the validator and the CLI
all read the same definition and must never change it. Nothing here knows YAML, Qt or
reportlab; `schema.py` builds these objects and reports authoring errors.

Filled data (what a user typed) is a plain JSON-able dict keyed by field id; the shape of
each value per type is documented in FIELD_TYPES below and in docs of `validate.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from oro_desktop.core.forms.roles import DEFAULT_KIND, ROLES

#: Field type -> shape of its value in filled data (None/absent = not filled in).
FIELD_TYPES: dict[str, str] = {
    "text": "str",
    "multiline": "str (may contain newlines)",
    "date": "str ÅÅÅÅ-MM-DD",
    "date_range": "{'from': ÅÅÅÅ-MM-DD, 'to': ÅÅÅÅ-MM-DD}",
    "identity": "{'kind': personnummer|samordningsnummer|reservnummer|saknas, 'value': str, "
    "'reason': str, 'protected': bool}",
    "phone": "str",
    "email": "str",
    "choice": "str (a choice value)",
    "multi_choice": "list[str] (ticked choice values)",
    "yes_no": "bool",
    "person_ref": "{'person_id': str, 'name': str, 'identity': {...}, 'protected': bool}",
    "party_list": "list[{'organisation', 'role', 'name', 'contact'}]",
    "repeating": "list[{column id: value}] (columns are fields)",
    "signature": "list[{'name': str, 'date': ÅÅÅÅ-MM-DD}] (one entry per signer)",
    "fixed_text": "no value: the text is printed as is",
}

#: Types that hold no data (nothing to fill, validate or store).
NO_DATA_TYPES = frozenset({"fixed_text"})

#: Types whose value is a date, or which carry dates the validity rules read.
DATE_TYPES = frozenset({"date", "date_range", "signature"})

#: Columns of a party_list, in print order, with their Swedish labels.
PARTY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("organisation", "Verksamhet"),
    ("role", "Roll"),
    ("name", "Namn"),
    ("contact", "Kontaktuppgifter"),
)

#: Default sub-labels of a signature slot (a definition may override them in `labels`).
SIGNATURE_LABELS: dict[str, str] = {"date": "Datum", "signature": "Underskrift", "name": "Namn"}

#: Default sub-labels of a date_range.
DATE_RANGE_LABELS: dict[str, str] = {"from": "Från och med", "to": "Till och med"}

#: Default answer labels of a yes_no field.
YES_NO_LABELS: dict[str, str] = {"yes": "Ja", "no": "Nej"}

#: The `labels:` keys each type accepts, with their defaults.
SUB_LABELS: dict[str, dict[str, str]] = {
    "signature": SIGNATURE_LABELS,
    "date_range": DATE_RANGE_LABELS,
    "yes_no": YES_NO_LABELS,
}


@dataclass(frozen=True)
class Choice:
    """One option of a choice / multi_choice field: stored `value`, shown `label`."""

    value: str
    label: str


@dataclass(frozen=True)
class Condition:
    """Show (and validate) a field only when another field has a value.

    `equals` matches one value; `one_of` any of several. For a multi_choice field the
    condition holds when the wanted value is among the ticked ones; for yes_no compare
    with True/False.
    """

    field: str
    equals: Any = None
    one_of: tuple[Any, ...] = ()

    def holds(self, value: Any) -> bool:
        wanted = self.one_of if self.one_of else (self.equals,)
        if isinstance(value, list):
            return any(v in wanted for v in value)
        return value in wanted


@dataclass(frozen=True)
class Field:
    """One field. Only the attributes its type uses are set; the rest keep defaults.

    address_of: this field is the address of the person in that identity/person_ref
    field; when that person is marked protected (skyddade personuppgifter) the address is
    neither validated as required nor printed.
    print_label: False when the paper form shows no label for it (e.g. bilaga 1's boxes).
    print_size: "small" prints a fixed text in the smaller type of notes and footnotes.
    binds: the role this field plays (core.forms.roles), e.g. "child.identity"; None
    when services need not find it. Never printed: adding a role changes no output.
    """

    id: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    condition: Condition | None = None
    validation: Mapping[str, Any] = field(default_factory=dict, hash=False)
    text: str = ""
    columns: tuple[Field, ...] = ()
    kinds: tuple[str, ...] = ()
    slots: int = 1
    labels: Mapping[str, str] = field(default_factory=dict, hash=False)
    address_of: str | None = None
    print_label: bool = True
    print_size: str = "normal"
    binds: str | None = None

    def choice_label(self, value: Any) -> str:
        for c in self.choices:
            if c.value == value:
                return c.label
        return str(value)

    def sub_label(self, key: str) -> str:
        """Sub-label of signature / date_range parts, with the definition's overrides."""
        defaults = SUB_LABELS.get(self.type, {})
        return str(self.labels.get(key, defaults.get(key, key)))


@dataclass(frozen=True)
class Section:
    """A titled group of fields, printed and shown in order. title may be ""."""

    id: str
    title: str
    fields: tuple[Field, ...]
    help: str = ""


@dataclass(frozen=True)
class Source:
    """Where the form comes from: guideline and appendix, as printed in the footer."""

    guideline: str
    appendix: str = ""

    def display(self) -> str:
        return f"{self.guideline}, {self.appendix}" if self.appendix else self.guideline


@dataclass(frozen=True)
class RuleRef:
    """A form-level rule named in the definition: `rule` from core.forms.rules + args."""

    rule: str
    args: Mapping[str, Any] = field(default_factory=dict, hash=False)
    message: str = ""


@dataclass(frozen=True)
class FormDefinition:
    """One version of one form. Keyed by (id, version) in a FormLibrary."""

    id: str
    version: int
    title: str
    source: Source
    sections: tuple[Section, ...]
    rules: tuple[RuleRef, ...] = ()
    description: str = ""
    path: str = ""
    kind: str = DEFAULT_KIND
    #: Where the form is offered (core/forms/offer.py): region names; () = everywhere.
    regions: tuple[str, ...] = ()
    #: For which situations (offer.FORM_SITUATIONS); () = every situation.
    situations: tuple[str, ...] = ()

    def field_for(self, role: str) -> Field | None:
        """The first field bound to `role` (unique roles have at most one), or None.

        Services find what a form means through this (`field_for("child.identity")`),
        never through positions or id prefixes. An unknown role is a programming error.
        """
        found = self.fields_for(role)
        return found[0] if found else None

    def fields_for(self, role: str) -> tuple[Field, ...]:
        """Every field bound to `role`, in form order (KeyError for an unknown role)."""
        if role not in ROLES:
            raise KeyError(role)
        return tuple(f for f in self.fields() if f.binds == role)

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def fields(self) -> Iterator[Field]:
        """All top-level fields in order (columns of repeating fields not included)."""
        for section in self.sections:
            yield from section.fields

    def field(self, field_id: str) -> Field:
        """The field with this id; KeyError if none."""
        for f in self.fields():
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def data_fields(self) -> Iterator[Field]:
        """Fields that hold data (fixed texts skipped)."""
        return (f for f in self.fields() if f.type not in NO_DATA_TYPES)

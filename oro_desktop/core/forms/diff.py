"""What changed between two versions of a filled form, field by field, in Swedish.

Why in core: a plan's follow-up, an audit question ("what did the consent say when it was
printed?") and a transfer package all ask the same thing of two saved versions, and the
answer must use the labels of the definition the versions were filled with. Pure: a
definition and two data dicts in, a list of `FieldChange` out.

Rules:

- Fields are compared in definition order; a field that holds no data (fixed text) never
  changes. A value and an empty value ("", None, [] ...) are different; two empty
  values are the same.
- Rows (repeating, party_list, signature) are compared row by row, by position, and
  within a row column by column: "Underskrifter, rad 2: Namn". A row added or removed
  shows its values against "".
- A date range is compared part by part ("Giltighetstid: Från och med"); an identity by
  its printed form, and its protected-identity mark separately.
- `before` and `after` are display texts (as printed: choice labels, Ja/Nej, dates ISO).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from oro_desktop.core.forms.model import PARTY_COLUMNS, Field, FormDefinition
from oro_desktop.core.forms.values import display_identity, is_empty

PROTECTED_LABEL = "Skyddade personuppgifter"


@dataclass(frozen=True)
class FieldChange:
    """One changed value. `row` is 1-based for row fields; `part` the column/sub-key."""

    field_id: str
    label: str
    before: str
    after: str
    row: int | None = None
    part: str = ""


def diff(definition: FormDefinition, before: Mapping[str, Any],
         after: Mapping[str, Any]) -> list[FieldChange]:
    """Every difference between `before` and `after`, in the definition's order."""
    changes: list[FieldChange] = []
    for f in definition.data_fields():
        changes.extend(_field(f, before.get(f.id), after.get(f.id)))
    return changes


def _field(f: Field, old: Any, new: Any) -> Iterator[FieldChange]:
    if _same(old, new):
        return
    if f.type == "signature":
        parts = [("name", f.sub_label("name")), ("date", f.sub_label("date"))]
        yield from _rows(f, old, new, parts)
    elif f.type == "party_list":
        yield from _rows(f, old, new, list(PARTY_COLUMNS))
    elif f.type == "repeating":
        yield from _rows(f, old, new, [(c.id, c.label) for c in f.columns],
                         columns={c.id: c for c in f.columns})
    elif f.type == "date_range":
        for key in ("from", "to"):
            a, b = _get(old, key), _get(new, key)
            if not _same(a, b):
                yield FieldChange(f.id, f"{f.label}: {f.sub_label(key)}", _text(a), _text(b),
                                  part=key)
    elif f.type == "identity":
        a, b = display_identity(old), display_identity(new)
        if a != b:
            yield FieldChange(f.id, f.label, a, b)
        pa, pb = _protected(old), _protected(new)
        if pa != pb:
            yield FieldChange(f.id, f"{f.label}: {PROTECTED_LABEL}", _yes_no(pa), _yes_no(pb),
                              part="protected")
    else:
        a, b = display(f, old), display(f, new)
        if a != b:
            yield FieldChange(f.id, f.label, a, b)


def _rows(f: Field, old: Any, new: Any, parts: Sequence[tuple[str, str]],
          columns: Mapping[str, Field] | None = None) -> Iterator[FieldChange]:
    a_rows, b_rows = _row_list(old), _row_list(new)
    for index in range(max(len(a_rows), len(b_rows))):
        a = a_rows[index] if index < len(a_rows) else {}
        b = b_rows[index] if index < len(b_rows) else {}
        for key, label in parts:
            col = columns.get(key) if columns else None
            x = display(col, a.get(key)) if col else _text(a.get(key))
            y = display(col, b.get(key)) if col else _text(b.get(key))
            if x != y:
                yield FieldChange(f.id, f"{f.label}, rad {index + 1}: {label}", x, y,
                                  row=index + 1, part=key)


def display(f: Field, value: Any) -> str:
    """One value as text, the way the form prints it."""
    if is_empty(value):
        return ""
    if f.type == "identity":
        return display_identity(value)
    if f.type == "person_ref" and isinstance(value, Mapping):
        ident = display_identity(value.get("identity")) if value.get("identity") else ""
        return ", ".join(p for p in (str(value.get("name") or ""), ident) if p)
    if f.type == "choice":
        return f.choice_label(value)
    if f.type == "multi_choice" and isinstance(value, list):
        return ", ".join(f.choice_label(v) for v in value)
    if f.type == "yes_no":
        return f.sub_label("yes") if value else f.sub_label("no")
    if f.type == "date_range" and isinstance(value, Mapping):
        return f"{_text(value.get('from'))} – {_text(value.get('to'))}".strip(" –")
    return _text(value)


def _same(a: Any, b: Any) -> bool:
    return (is_empty(a) and is_empty(b)) or a == b


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, Mapping) else None


def _row_list(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list):
        return []
    return [r if isinstance(r, Mapping) else {} for r in value]


def _protected(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value.get("protected"))


def _yes_no(flag: bool) -> str:
    return "Ja" if flag else "Nej"


def _text(value: Any) -> str:
    if is_empty(value):
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value).strip()

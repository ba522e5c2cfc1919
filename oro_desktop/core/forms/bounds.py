"""Bounds on what a form accepts: text lengths, row counts and the range of dates.

Why: every input from outside is bounded. Before these limits a 20 MB name passed
validation and rendering it ran past 180 s, and a validity start of 9999-12-31 passed
until computing its last valid day overflowed the year. Every free-text value has a
maximum length (a default per field type; a definition may set `validation: {max_length}`
up to a ceiling per type), lists have a maximum number of rows, and a date is accepted
only between EARLIEST_DATE and LATEST_DATE.

`clip_data` is the renderer's guard: drafts may be saved with problems, so the PDF
renderer bounds what it is handed itself, whatever the validator said.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from oro_desktop.core.forms.model import Field, FormDefinition
from oro_desktop.core.forms.values import EARLIEST_DATE, LATEST_DATE

__all__ = ["COLUMN_MAX_LENGTH", "DEFAULT_MAX_LENGTH", "EARLIEST_DATE", "LATEST_DATE", "MAX_LENGTH_CEILING",
           "MAX_ROWS", "PART_MAX_LENGTH", "clip_data", "date_in_bounds", "max_length",
           "out_of_bounds_text", "too_long_text", "within_bounds"]

#: Default maximum length (characters) of a value, per field type.
DEFAULT_MAX_LENGTH: dict[str, int] = {"text": 200, "multiline": 4000, "phone": 40, "email": 254}
#: The largest `validation: {max_length}` a definition may set, per type that accepts it.
MAX_LENGTH_CEILING: dict[str, int] = {"text": 1000, "multiline": 20000}
#: Maximum length of a cell of a repeating field: 100 rows of 8 such cells render in
#: about 3 s (at 1000 characters it was 16 s).
COLUMN_MAX_LENGTH = 400
#: Maximum length of the text parts of structured values: a signer's name, a party
#: list's cells, an identity number's value and reason, a person reference's name.
PART_MAX_LENGTH = 200
#: Maximum number of rows of a repeating, party_list or signature field.
MAX_ROWS = 100
#: Nesting below a field's value that the renderer still reads (rows of cells).
_MAX_DEPTH = 3
_ELLIPSIS = "…"


def max_length(f: Field, *, column: bool = False) -> int:
    """The maximum length of a text value of `f` (the definition's, else the type's).

    column: `f` is a column of a repeating field, whose cells are at most
    COLUMN_MAX_LENGTH long whatever the definition says.
    """
    limit = f.validation.get("max_length")
    if not isinstance(limit, int) or isinstance(limit, bool):
        limit = DEFAULT_MAX_LENGTH.get(f.type, PART_MAX_LENGTH)
    return min(limit, COLUMN_MAX_LENGTH) if column else limit


def date_in_bounds(day: date) -> bool:
    """True when `day` is a date a form accepts (EARLIEST_DATE..LATEST_DATE)."""
    return EARLIEST_DATE <= day <= LATEST_DATE


def out_of_bounds_text(label: str, text: str) -> str:
    """The Swedish message for a date outside the accepted range."""
    return (f"{label}: ”{text}” ligger utanför de datum som går att ange "
            f"({EARLIEST_DATE.isoformat()}–{LATEST_DATE.isoformat()}).")


def too_long_text(label: str, limit: int) -> str:
    """The Swedish message for a text over its maximum length."""
    return f"{label}: högst {limit} tecken."


def _clip_text(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + _ELLIPSIS


def _clip(value: Any, limit: int, depth: int) -> Any:
    if isinstance(value, str):
        return _clip_text(value, limit)
    if depth >= _MAX_DEPTH:
        return None if isinstance(value, (list, tuple, Mapping)) else value
    if isinstance(value, (list, tuple)):
        return [_clip(v, limit, depth + 1) for v in value[:MAX_ROWS]]
    if isinstance(value, Mapping):
        return {str(k)[:PART_MAX_LENGTH]: _clip(v, limit, depth + 1)
                for k, v in list(value.items())[:MAX_ROWS]}
    return value


def _clip_rows(f: Field, rows: Any) -> Any:
    if not isinstance(rows, list):
        return _clip(rows, PART_MAX_LENGTH, 0)
    limits = {c.id: max_length(c, column=True) for c in f.columns}
    out: list[Any] = []
    for row in rows[:MAX_ROWS]:
        if isinstance(row, Mapping):
            out.append({str(k)[:PART_MAX_LENGTH]: _clip(v, limits.get(str(k), PART_MAX_LENGTH), 1)
                        for k, v in list(row.items())[:MAX_ROWS]})
        else:
            out.append(_clip(row, PART_MAX_LENGTH, 1))
    return out


def clip_data(definition: FormDefinition, data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `data` holding only the definition's fields, every string and list bounded.

    Valid data comes back equal (every limit here is one the validator enforces); what
    is over a limit is cut and ends with "…", so a bad draft still renders quickly.
    """
    out: dict[str, Any] = {}
    for f in definition.data_fields():
        if f.id not in data:
            continue
        value = data[f.id]
        if f.type == "repeating":
            out[f.id] = _clip_rows(f, value)
        else:
            out[f.id] = _clip(value, max_length(f), 0)
    return out


def within_bounds(definition: FormDefinition, data: Mapping[str, Any]) -> bool:
    """True when no string or list in `data` exceeds its limit (clip_data would keep all).

    For writers that store drafts with problems: an incomplete draft may be saved, an
    oversized one must be refused before anything is written (`validate` says which
    field and why). Unknown keys are the validator's business, not a bound.
    """
    known = {f.id for f in definition.data_fields()}
    return clip_data(definition, data) == {k: v for k, v in data.items() if k in known}

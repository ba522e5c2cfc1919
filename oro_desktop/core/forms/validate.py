"""Validate filled data against its definition: ALL problems at once, in Swedish.

Why all at once: a clinician filling a consent with a guardian beside her wants one list
of what is missing, not a loop of "fix one, see the next". Hidden fields (condition not
met) are not validated. `today` is passed in: identity numbers written with two-digit
years and "signed in the future" checks need a reference date, never a hidden clock.

Per-type checks: required, value shape, date format, date range order, identity number
(and the kinds the field allows), e-mail, phone, choice membership, text length/pattern,
rows of repeating fields (column checks reported as "<field>[<row>].<column>"). Then the
definition's form-level rules (core.forms.rules).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from oro_desktop.core.forms.bounds import (
    MAX_ROWS,
    PART_MAX_LENGTH,
    date_in_bounds,
    max_length,
    out_of_bounds_text,
    too_long_text,
)
from oro_desktop.core.forms.model import PARTY_COLUMNS, Field, FormDefinition
from oro_desktop.core.forms.rules import Problem, run_rule
from oro_desktop.core.forms.values import (
    address_hidden,
    is_empty,
    iso_date,
    parse_date,
    visible_field_ids,
)
from oro_desktop.core.identity import IdentityKind, identity_from_data
from oro_desktop.errors import InvalidInput

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()\-/]+$")


def _date_problem(fid: str, text: Any, label: str) -> list[Problem]:
    parsed = parse_date(text)
    if parsed is None:
        shown = _short(text)
        return [Problem(fid, f"{label}: ”{shown}” är inte ett datum (ÅÅÅÅ-MM-DD).")]
    if not date_in_bounds(parsed):
        return [Problem(fid, out_of_bounds_text(label, parsed.isoformat()))]
    return []


def _short(value: Any, limit: int = 20) -> str:
    """A value as it may appear inside a message: never longer than `limit` characters."""
    text = type(value).__name__ if isinstance(value, (list, tuple, Mapping)) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(keys: set[Any]) -> str:
    """Unknown keys as a short, sorted list for a message."""
    return _short(", ".join(sorted(str(k) for k in keys)), 60)


def _long_parts(fid: str, label: str, parts: Mapping[str, Any], keys: tuple[str, ...]) -> list[Problem]:
    """Problems for text parts of a structured value: not text, or over PART_MAX_LENGTH."""
    out: list[Problem] = []
    for key in keys:
        value = parts.get(key)
        if value is not None and not isinstance(value, str):
            out.append(Problem(fid, f"{label} ({key}): ska vara text."))
        elif isinstance(value, str) and len(value) > PART_MAX_LENGTH:
            out.append(Problem(fid, too_long_text(f"{label} ({key})", PART_MAX_LENGTH)))
    return out


def qualified_label(definition: FormDefinition, f: Field) -> str:
    """"Barnet – Namn": the label with its section title, so equal labels stay apart."""
    for section in definition.sections:
        if f in section.fields and section.title and section.title != f.label:
            return f"{section.title} – {f.label}"
    return f.label


def check_value(
    f: Field, value: Any, *, today: date, fid: str | None = None, label: str | None = None,
    column: bool = False,
) -> list[Problem]:
    """Checks of one non-empty value of one field (required-ness is checked by the caller)."""
    fid = fid or f.id
    if label is not None and label != f.label:
        f = replace(f, label=label)
    t = f.type
    where = fid

    def p(msg: str) -> list[Problem]:
        return [Problem(where, msg)]

    if t in ("text", "multiline", "phone", "email"):
        if not isinstance(value, str):
            return p(f"{f.label}: ska vara text.")
        limit = max_length(f, column=column)
        if len(value) > limit:
            return p(too_long_text(f.label, limit))
        value = value.strip()
        if t == "email" and not _EMAIL_RE.match(value):
            return p(f"{f.label}: ”{value}” är inte en e-postadress.")
        if t == "phone" and (not _PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 5):
            return p(f"{f.label}: ”{value}” är inte ett telefonnummer.")
        pattern = f.validation.get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            return p(f.validation.get("message") or f"{f.label}: har fel format.")
        return []
    if t == "date":
        return _date_problem(fid, value, f.label)
    if t == "date_range":
        if not isinstance(value, Mapping):
            return p(f"{f.label}: ange datum från och till.")
        out: list[Problem] = []
        for key in ("from", "to"):
            if is_empty(value.get(key)):
                out += p(f"{f.label}: {f.sub_label(key)} saknas.")
            else:
                out += _date_problem(fid, value.get(key), f"{f.label} ({f.sub_label(key)})")
        start, end = iso_date(value.get("from")), iso_date(value.get("to"))
        if not out and start and end and end < start:
            out += p(f"{f.label}: slutdatum före startdatum.")
        return out
    if t == "identity":
        if isinstance(value, Mapping) and (long := _long_parts(fid, f.label, value, ("value", "reason"))):
            return long
        if isinstance(value, str) and len(value) > PART_MAX_LENGTH:
            return p(too_long_text(f.label, PART_MAX_LENGTH))
        try:
            ident = identity_from_data(value, today=today)
        except InvalidInput as exc:
            return p(f"{f.label}: {exc.message}")
        if f.kinds and ident.kind.value not in f.kinds:
            allowed = ", ".join(IdentityKind(k).label.lower() for k in f.kinds)
            return p(f"{f.label}: {ident.kind.label.lower()} godtas inte här (godtas: {allowed}).")
        return []
    if t == "choice":
        if not isinstance(value, str) or value not in {c.value for c in f.choices}:
            return p(f"{f.label}: ”{value}” är inte ett av valen.")
        return []
    if t == "multi_choice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return p(f"{f.label}: ska vara en lista med val.")
        if len(value) > len(f.choices):
            return p(f"{f.label}: fler val än det finns att välja på.")
        valid = {c.value for c in f.choices}
        return [Problem(fid, f"{f.label}: ”{v[:40]}” är inte ett av valen.") for v in value if v not in valid]
    if t == "yes_no":
        return [] if isinstance(value, bool) else p(f"{f.label}: svara ja eller nej.")
    if t == "person_ref":
        if not isinstance(value, Mapping) or is_empty(value.get("name")):
            return p(f"{f.label}: namn saknas.")
        long = _long_parts(fid, f.label, value, ("name",))
        inner = value.get("identity")
        if isinstance(inner, Mapping):
            long += _long_parts(fid, f.label, inner, ("value", "reason"))
        if long:
            return long
        if not is_empty(value.get("identity")):
            try:
                identity_from_data(value["identity"], today=today)
            except InvalidInput as exc:
                return p(f"{f.label}: {exc.message}")
        return []
    if t in ("party_list", "repeating", "signature"):
        if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
            return p(f"{f.label}: ska vara en lista med rader.")
        if len(value) > MAX_ROWS:
            return p(f"{f.label}: högst {MAX_ROWS} rader.")
        return _check_rows(f, value, today)
    return []


def _check_rows(f: Field, rows: list[Mapping[str, Any]], today: date) -> list[Problem]:
    out: list[Problem] = []
    for i, row in enumerate(rows, start=1):
        if is_empty(row):
            continue
        where = f"{f.id}[{i}]"
        if f.type == "party_list":
            unknown = set(row) - {k for k, _ in PARTY_COLUMNS}
            if unknown:
                out.append(Problem(where, f"{f.label}, rad {i}: okända uppgifter {_names(unknown)}."))
            if is_empty(row.get("organisation")) and is_empty(row.get("name")):
                out.append(Problem(where, f"{f.label}, rad {i}: ange verksamhet eller namn."))
            out += _long_parts(where, f"{f.label}, rad {i}", row, tuple(k for k, _ in PARTY_COLUMNS))
        elif f.type == "signature":
            unknown = set(row) - {"name", "date"}
            if unknown:
                out.append(Problem(where, f"{f.label}, rad {i}: okända uppgifter {_names(unknown)}."))
            out += _long_parts(where, f"{f.label}, rad {i}", row, ("name", "date"))
            if isinstance(row.get("date"), str) and not is_empty(row.get("date")):
                signed = iso_date(row.get("date"))
                label = f"{f.label}, {f.sub_label('date')} {i}"
                if signed is None:
                    out += _date_problem(where, row.get("date"), label)
                elif signed > today:
                    out.append(Problem(where, f"{label}: datumet ligger i framtiden."))
        else:
            columns = {c.id: c for c in f.columns}
            for key in set(row) - set(columns):
                out.append(Problem(where, f"{f.label}, rad {i}: okänd kolumn ”{_short(key)}”."))
            for col in f.columns:
                cell = row.get(col.id)
                cid = f"{where}.{col.id}"
                if is_empty(cell):
                    if col.required:
                        out.append(Problem(cid, f"{f.label}, rad {i}: {col.label} saknas."))
                else:
                    out += check_value(col, cell, today=today, fid=cid, column=True)
    return out


def validate(
    definition: FormDefinition, data: Mapping[str, Any], *, today: date
) -> list[Problem]:
    """Every problem with `data` filled in `definition`; [] means it may be printed/saved."""
    problems: list[Problem] = []
    visible = visible_field_ids(definition, data)
    known = {f.id for f in definition.data_fields()}
    for key in data:
        if key not in known:
            problems.append(Problem(_short(key, 60), f"Okänt fält ”{_short(key, 60)}” för {definition.id} v{definition.version}."))
    for f in definition.data_fields():
        if f.id not in visible:
            continue
        value = data.get(f.id)
        label = qualified_label(definition, f)
        if is_empty(value):
            if f.required and not address_hidden(f, data):
                problems.append(Problem(f.id, f"{label}: måste fyllas i."))
            continue
        problems += check_value(f, value, today=today, label=label)
    for ref in definition.rules:
        problems += run_rule(definition, ref, data, visible)
    return problems

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

from oro_desktop.core.forms.model import PARTY_COLUMNS, Field, FormDefinition
from oro_desktop.core.forms.rules import Problem, run_rule
from oro_desktop.core.forms.values import address_hidden, is_empty, visible_field_ids
from oro_desktop.core.identity import IdentityKind, identity_from_data
from oro_desktop.errors import InvalidInput

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()\-/]+$")


def _date(text: Any) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _date_problem(fid: str, text: Any, label: str) -> list[Problem]:
    parsed = _date(text)
    if parsed is None:
        return [Problem(fid, f"{label}: ”{text}” är inte ett datum (ÅÅÅÅ-MM-DD).")]
    return []


def qualified_label(definition: FormDefinition, f: Field) -> str:
    """"Barnet – Namn": the label with its section title, so equal labels stay apart."""
    for section in definition.sections:
        if f in section.fields and section.title and section.title != f.label:
            return f"{section.title} – {f.label}"
    return f.label


def check_value(
    f: Field, value: Any, *, today: date, fid: str | None = None, label: str | None = None
) -> list[Problem]:
    """Checks of one non-empty value of one field (required-ness is checked by the caller)."""
    fid = fid or f.id
    if label is not None and label != f.label:
        f = replace(f, label=label)
    t = f.type
    p = lambda msg: [Problem(fid, msg)]  # noqa: E731
    if t in ("text", "multiline", "phone", "email"):
        if not isinstance(value, str):
            return p(f"{f.label}: ska vara text.")
        value = value.strip()
        if t == "email" and not _EMAIL_RE.match(value):
            return p(f"{f.label}: ”{value}” är inte en e-postadress.")
        if t == "phone" and (not _PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 5):
            return p(f"{f.label}: ”{value}” är inte ett telefonnummer.")
        limit = f.validation.get("max_length")
        if limit is not None and len(value) > limit:
            return p(f"{f.label}: högst {limit} tecken.")
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
        start, end = _date(value.get("from")), _date(value.get("to"))
        if not out and start and end and end < start:
            out += p(f"{f.label}: slutdatum före startdatum.")
        return out
    if t == "identity":
        try:
            ident = identity_from_data(value, today=today)
        except InvalidInput as exc:
            return p(f"{f.label}: {exc.message}")
        if f.kinds and ident.kind.value not in f.kinds:
            allowed = ", ".join(IdentityKind(k).label.lower() for k in f.kinds)
            return p(f"{f.label}: {ident.kind.label.lower()} godtas inte här (godtas: {allowed}).")
        return []
    if t == "choice":
        if value not in {c.value for c in f.choices}:
            return p(f"{f.label}: ”{value}” är inte ett av valen.")
        return []
    if t == "multi_choice":
        if not isinstance(value, list):
            return p(f"{f.label}: ska vara en lista med val.")
        valid = {c.value for c in f.choices}
        return [Problem(fid, f"{f.label}: ”{v}” är inte ett av valen.") for v in value if v not in valid]
    if t == "yes_no":
        return [] if isinstance(value, bool) else p(f"{f.label}: svara ja eller nej.")
    if t == "person_ref":
        if not isinstance(value, Mapping) or is_empty(value.get("name")):
            return p(f"{f.label}: namn saknas.")
        if not is_empty(value.get("identity")):
            try:
                identity_from_data(value["identity"], today=today)
            except InvalidInput as exc:
                return p(f"{f.label}: {exc.message}")
        return []
    if t in ("party_list", "repeating", "signature"):
        if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
            return p(f"{f.label}: ska vara en lista med rader.")
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
                out.append(Problem(where, f"{f.label}, rad {i}: okända uppgifter {sorted(unknown)}."))
            if is_empty(row.get("organisation")) and is_empty(row.get("name")):
                out.append(Problem(where, f"{f.label}, rad {i}: ange verksamhet eller namn."))
        elif f.type == "signature":
            unknown = set(row) - {"name", "date"}
            if unknown:
                out.append(Problem(where, f"{f.label}, rad {i}: okända uppgifter {sorted(unknown)}."))
            if not is_empty(row.get("date")):
                signed = _date(row.get("date"))
                label = f"{f.label}, {f.sub_label('date')} {i}"
                if signed is None:
                    out += _date_problem(where, row.get("date"), label)
                elif signed > today:
                    out.append(Problem(where, f"{label}: datumet ligger i framtiden."))
        else:
            columns = {c.id: c for c in f.columns}
            for key in set(row) - set(columns):
                out.append(Problem(where, f"{f.label}, rad {i}: okänd kolumn ”{key}”."))
            for col in f.columns:
                cell = row.get(col.id)
                cid = f"{where}.{col.id}"
                if is_empty(cell):
                    if col.required:
                        out.append(Problem(cid, f"{f.label}, rad {i}: {col.label} saknas."))
                else:
                    out += check_value(col, cell, today=today, fid=cid)
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
            problems.append(Problem(key, f"Okänt fält ”{key}” för {definition.id} v{definition.version}."))
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

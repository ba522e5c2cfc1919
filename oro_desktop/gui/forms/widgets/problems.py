"""Where each validation problem is shown: beside its field, at its row, or at the top.

Why separate from the builder: the routing is plain logic (parse "insatser[2].vad", drop
the label a message repeats, sort into field / row / form level) and is easier to read
and test without the layout code around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from oro_desktop.core.forms import FormDefinition, Problem

#: Rules that make a field effectively required: it gets the same "*" mark.
REQUIRING_RULES = frozenset({"at_least_one_ticked", "answered", "at_least_one_row"})

_PROBLEM_FIELD = re.compile(r"^(?P<root>[^\[.]+)(?:\[(?P<row>\d+)\])?(?:\.(?P<col>.+))?$")

#: Row number (1-based) -> [(column id or None for the whole row, message)].
RowMessages = dict[int, list[tuple[str | None, str]]]


def split_problem_field(field_ref: str) -> tuple[str, int | None, str | None]:
    """'insatser[2].vad' -> ('insatser', 2, 'vad'); 'barn_namn' -> ('barn_namn', None, None)."""
    match = _PROBLEM_FIELD.match(field_ref)
    if not match:
        return field_ref, None, None
    return match["root"], int(match["row"]) if match["row"] else None, match["col"]


def required_ids(definition: FormDefinition) -> set[str]:
    """Fields marked required, or made required by a rule ("tick at least one", ...)."""
    out = {f.id for f in definition.fields() if f.required}
    for ref in definition.rules:
        if ref.rule in REQUIRING_RULES and "field" in ref.args:
            out.add(ref.args["field"])
    return out


def short_message(message: str, labels: Iterable[str]) -> str:
    """Drop the field's own label from a message shown beside that field.

    "Barnet – Personnummer: ”…” är inte…" reads "”…” är inte…" under the Personnummer box;
    the full text stays in the summary and in the accessible description.
    """
    for label in labels:
        for sep in (": ", ", "):
            if label and message.startswith(label + sep):
                rest = message[len(label) + len(sep):]
                return rest[:1].upper() + rest[1:]
    return message


@dataclass
class Routed:
    """Problems sorted by where they are shown."""

    own: dict[str, list[str]] = field(default_factory=dict)  # field id -> messages
    rows: dict[str, RowMessages] = field(default_factory=dict)  # field id -> row messages
    loose: list[str] = field(default_factory=list)  # no field on screen (unknown keys)


def route(problems: Iterable[Problem], labels: Mapping[str, list[str]]) -> Routed:
    """Sort problems by field and row. `labels`: field id -> labels a message may repeat."""
    out = Routed({fid: [] for fid in labels}, {fid: {} for fid in labels})
    for p in problems:
        root, row, col = split_problem_field(p.field)
        if root not in labels:
            out.loose.append(p.message)
            continue
        text = short_message(p.message, labels[root])
        if row is None:
            out.own[root].append(text)
        else:
            out.rows[root].setdefault(row, []).append((col, text))
    return out

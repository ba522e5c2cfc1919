"""The small registry of form-level rules a definition may name under `rules:`.

Why a registry and not expressions in YAML: the rules that matter legally (who must
sign, how long a consent may last) are few, must be tested with their edge dates, and
must say what is wrong in Swedish. A definition names a rule and the field ids it
applies to; naming an unknown rule, an unknown field or a field of the wrong type is an
authoring error found when the definition is loaded.

Rules (parameters are field ids; `message:` in the definition overrides the text):

at_least_one_ticked  field: multi_choice              at least one box ticked
answered             field: yes_no | choice           the question has an answer
at_least_one_row     field: repeating | party_list | signature   at least one row/signer
max_validity_12_months field: date_range              to <= last_valid_day(from)
not_before           field, reference: date | date_range | signature
                     field's start date is not before the reference's completion date
                     (a signature completes on its LAST signer's date)
separate_signers     field: signature                 every signer named, no one twice

A rule whose field is hidden by a condition, or whose dates are not filled in yet, does
not complain: the per-field checks (required, date format) cover missing values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from oro_desktop.core.dates import MAX_VALIDITY_MONTHS, format_date, last_valid_day
from oro_desktop.core.forms.model import FormDefinition, RuleRef
from oro_desktop.core.forms.values import completed_date, is_empty, iso_date, start_date


@dataclass(frozen=True)
class Problem:
    """One thing wrong with filled data: which field, and a Swedish message."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


Check = Callable[[FormDefinition, Mapping[str, Any], Mapping[str, str], str], list[Problem]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: parameter name -> field types it accepts, and the check."""

    name: str
    params: Mapping[str, frozenset[str]]
    check: Check


RULES: dict[str, Rule] = {}


def _register(name: str, **params: frozenset[str]) -> Callable[[Check], Check]:
    def deco(fn: Check) -> Check:
        RULES[name] = Rule(name, params, fn)
        return fn

    return deco


_DATED = frozenset({"date", "date_range", "signature"})


@_register("at_least_one_ticked", field=frozenset({"multi_choice"}))
def _at_least_one_ticked(d: FormDefinition, data: Mapping[str, Any], args: Mapping[str, str], msg: str) -> list[Problem]:
    value = data.get(args["field"])
    if isinstance(value, list) and any(not is_empty(v) for v in value):
        return []
    return [Problem(args["field"], msg or "Markera minst ett alternativ.")]


@_register("answered", field=frozenset({"yes_no", "choice"}))
def _answered(d: FormDefinition, data: Mapping[str, Any], args: Mapping[str, str], msg: str) -> list[Problem]:
    if is_empty(data.get(args["field"])):
        return [Problem(args["field"], msg or "Frågan måste besvaras.")]
    return []


@_register("at_least_one_row", field=frozenset({"repeating", "party_list", "signature"}))
def _at_least_one_row(d: FormDefinition, data: Mapping[str, Any], args: Mapping[str, str], msg: str) -> list[Problem]:
    value = data.get(args["field"])
    if isinstance(value, list) and any(not is_empty(row) for row in value):
        return []
    default = (
        "Minst en person måste skriva under."
        if d.field(args["field"]).type == "signature"
        else "Fyll i minst en rad."
    )
    return [Problem(args["field"], msg or default)]


@_register("max_validity_12_months", field=frozenset({"date_range"}))
def _max_validity(d: FormDefinition, data: Mapping[str, Any], args: Mapping[str, str], msg: str) -> list[Problem]:
    f = d.field(args["field"])
    value = data.get(f.id)
    start = start_date(f, value)
    end = iso_date(value.get("to")) if isinstance(value, Mapping) else None
    if start is None or end is None or end < start:
        return []  # missing or reversed dates are reported by the field check
    last = last_valid_day(start, MAX_VALIDITY_MONTHS)
    if end > last:
        return [
            Problem(
                f.id,
                msg
                or f"Giltighetstiden får vara högst {MAX_VALIDITY_MONTHS} månader: "
                f"sista giltiga dag är {format_date(last)}.",
            )
        ]
    return []


@_register("not_before", field=_DATED, reference=_DATED)
def _not_before(d: FormDefinition, data: Mapping[str, Any], args: Mapping[str, str], msg: str) -> list[Problem]:
    f, ref = d.field(args["field"]), d.field(args["reference"])
    start = start_date(f, data.get(f.id))
    earliest = completed_date(ref, data.get(ref.id))
    if start is None or earliest is None or start >= earliest:
        return []
    return [
        Problem(
            f.id,
            msg
            or f"”{f.label}” får inte börja före ”{ref.label}” ({format_date(earliest)}).",
        )
    ]


@_register("separate_signers", field=frozenset({"signature"}))
def _separate_signers(d: FormDefinition, data: Mapping[str, Any], args: Mapping[str, str], msg: str) -> list[Problem]:
    value = data.get(args["field"])
    if not isinstance(value, list):
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, entry in enumerate(value, start=1):
        if not isinstance(entry, Mapping) or is_empty(entry):
            continue
        name = str(entry.get("name") or "").strip()
        if not name:
            problems.append(Problem(args["field"], msg or f"Underskrift {i}: namn saknas."))
        elif name.casefold() in seen:
            problems.append(
                Problem(
                    args["field"],
                    msg or f"”{name}” finns mer än en gång: varje person skriver under för sig.",
                )
            )
        seen.add(name.casefold())
    return problems


def run_rule(
    definition: FormDefinition, ref: RuleRef, data: Mapping[str, Any], visible: set[str]
) -> list[Problem]:
    """Run one rule named in a (loaded, hence checked) definition; hidden fields skip."""
    if any(target not in visible for target in ref.args.values()):
        return []
    return RULES[ref.rule].check(definition, data, ref.args, ref.message)

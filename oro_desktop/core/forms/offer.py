"""Which forms a unit is offered: the `regions:` and `situations:` of each definition.

Why metadata in the definition: a region's forms word the guideline of that region, and
a clinician in Kronoberg must never be handed the Jämtland form by default. The
definition says where it belongs (`regions:`, the region names of the guideline and
contact files, e.g. "Jämtland Härjedalen") and for which situation (`situations:`), and
`forms_for_region` is a pure filter over that, so the GUI, the CLI and the case view
offer the same forms for the same region setting. A definition without `regions:` is
offered everywhere (a form that is not tied to any region's guideline); one without
`situations:` in every situation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from oro_desktop.core.datafiles import AuthoringError, authoring_error
from oro_desktop.core.forms.model import FormDefinition

#: The situations a form may be for: the guidance engine's (expected_child, newborn;
#: core/guidance/model.SITUATIONS, a test keeps them in step) and the barnhälsoteam.
FORM_SITUATIONS: tuple[str, ...] = ("expected_child", "newborn", "child_health_team")

#: Region names are short; more is a mistake.
MAX_REGION_LENGTH = 100


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def read_offer(
    doc: Mapping[Any, Any], file: str
) -> tuple[tuple[str, ...], tuple[str, ...], list[AuthoringError]]:
    """(regions, situations, errors) from a definition's top-level `regions`/`situations`."""
    errors: list[AuthoringError] = []
    regions = _strings(doc, "regions", file, errors)
    for region in regions:
        if len(region) > MAX_REGION_LENGTH:
            errors.append(authoring_error("bad_value", file, path="regions", key="regions",
                                          detail=f"högst {MAX_REGION_LENGTH} tecken"))
    situations = _strings(doc, "situations", file, errors)
    for index, situation in enumerate(situations):
        if situation not in FORM_SITUATIONS:
            errors.append(authoring_error(
                "bad_value", file, path=f"situations[{index}]", key="situations",
                detail=f"”{situation}” är ingen situation (tillåtna: {', '.join(FORM_SITUATIONS)})"))
    return regions, situations, errors


def _strings(doc: Mapping[Any, Any], key: str, file: str,
             errors: list[AuthoringError]) -> tuple[str, ...]:
    if key not in doc:
        return ()
    raw = doc[key]
    if not isinstance(raw, list) or not raw or not all(
            isinstance(item, str) and item.strip() for item in raw):
        errors.append(authoring_error("wrong_type", file, path=key, key=key,
                                      expected="en lista av text"))
        return ()
    values = tuple(" ".join(item.split()) for item in raw)
    seen: set[str] = set()
    for value in values:
        if _norm(value) in seen:
            errors.append(authoring_error("duplicate_value", file, path=key, key=key, value=value))
        seen.add(_norm(value))
    return values


def offered(definition: FormDefinition, region: str, situation: str | None = None) -> bool:
    """Is `definition` offered to a unit in `region` (and, if given, in `situation`)?"""
    if definition.regions and _norm(region) not in {_norm(r) for r in definition.regions}:
        return False
    return situation is None or not definition.situations or situation in definition.situations


def forms_for_region(
    definitions: Iterable[FormDefinition], region: str, situation: str | None = None,
    *, kind: str | None = None,
) -> list[FormDefinition]:
    """The newest version of every form offered in `region` (and `situation`, `kind`).

    Region names compare without regard to case and spacing ("kronoberg" is
    "Kronoberg"). An empty region (no region setting yet) is offered only the forms that
    belong to no region, never another region's by default. Sorted by title.
    """
    newest: dict[str, FormDefinition] = {}
    for d in definitions:
        if d.id not in newest or d.version > newest[d.id].version:
            newest[d.id] = d
    return sorted(
        (d for d in newest.values()
         if offered(d, region, situation) and (kind is None or d.kind == kind)),
        key=lambda d: (d.title.casefold(), d.id),
    )

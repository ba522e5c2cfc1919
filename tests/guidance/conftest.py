"""Shared fixtures: the shipped guidelines, legal references and a situation builder."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from oro_desktop.core.guidance import Guidance
from oro_desktop.services.guidance import GuidanceService

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SEEDS = ROOT.parent / "shared" / "seeds"
NOW = datetime(2026, 11, 23, 10, 0)  # a Monday, office hours

JAMTLAND = "jamtland-harjedalen-vantat-barn"
VGR = "vastra-gotaland-vantat-barn"
KRONOBERG = "kronoberg-nyfott-barn"

BASE: dict[str, dict[str, Any]] = {
    JAMTLAND: {
        "guideline": JAMTLAND, "municipality": "Östersund",
        "initiator": {"kind": "barnmorskemottagning", "name": "Barnmorskemottagningen Z", "public": True},
        "consents": {"den gravida": "yes"}, "at": "2026-11-23 10:00",
    },
    VGR: {
        "guideline": VGR, "municipality": "Borås",
        "initiator": {"kind": "barnmorskemottagning", "name": "Barnmorskemottagningen Y", "public": True},
        "consents": {"den gravida": "yes"}, "at": "2026-11-23 10:00",
    },
    KRONOBERG: {
        "guideline": KRONOBERG, "municipality": "Växjö",
        "initiator": {"kind": "BB", "name": "BB-avdelningen", "public": True},
        "consents": {"Förälder A": "yes", "Förälder B": "yes"}, "at": "2026-11-23 10:00",
    },
}


@pytest.fixture(scope="session")
def service() -> GuidanceService:
    return GuidanceService(RESOURCES)


Run = Callable[..., Guidance]


@pytest.fixture
def run(service: GuidanceService) -> Run:
    """run(guideline_id, **overrides) -> Guidance; nested dicts replace whole values."""

    def _run(guideline_id: str, **overrides: Any) -> Guidance:
        situation = copy.deepcopy(BASE[guideline_id])
        situation.update(overrides)
        return service.guide(situation, now=NOW)

    return _run


FORMER_SOL = __import__("re").compile(r"2001:453|14 kap\.? ?1|kap\.? 14|2 kap\.? 7")


def former_alone(value: Any, path: str = "", covered: bool = False) -> list[str]:
    """Paths of strings that cite the former SoL with no current SoL (2025:400) beside them.

    "Beside" means in the same string, or in a string of the same mapping or of a mapping
    that contains this one (a reference's `former:` block sits inside the reference).
    """
    found: list[str] = []
    if isinstance(value, dict):
        here = covered or any(isinstance(v, str) and "2025:400" in v for v in value.values())
        for key, item in value.items():
            found += former_alone(item, f"{path}.{key}", here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += former_alone(item, f"{path}[{index}]", covered)
    elif isinstance(value, str) and FORMER_SOL.search(value):
        if not covered and "2025:400" not in value:
            found.append(path)
    return found

"""After "Barnet är fött" under an expected-child guideline (no newborn guideline in
Jämtland Härjedalen or Västra Götaland), the warnings speak of the born child: no LVM
limit about the expected child, the disclosure limit protects the child, and
anmälningsplikt applies. Before the birth both still speak of the expected child."""

from __future__ import annotations

from datetime import datetime

import pytest

from oro_desktop.paths import resources_dir
from oro_desktop.services.guidance import GuidanceService


@pytest.fixture(scope="module")
def guidance() -> GuidanceService:
    return GuidanceService(resources_dir())


@pytest.mark.parametrize("guideline, municipality", [
    ("jamtland-harjedalen-vantat-barn", "Krokom"), ("vastra-gotaland-vantat-barn", "Borås")])
def test_the_warnings_follow_the_birth(guidance, guideline, municipality):
    def warnings(born: bool) -> dict[str, str]:
        data = GuidanceService.as_data(guidance.guide(
            {"guideline": guideline, "municipality": municipality,
             "initiator": {"kind": "barnmorskemottagning", "name": "BMM", "public": True},
             "consents": {"den gravida": "no"}, "child_born": born},
            now=datetime(2026, 3, 2, 10, 0)))
        return {w["code"]: w["text"] for w in data["warnings"]}

    before, after = warnings(False), warnings(True)
    assert "lvm_not_for_expected_child" in before and "anmalningsplikt_after_birth" in before
    assert "det väntade barnet" in before["disclosure_limits"]
    assert "lvm_not_for_expected_child" not in after and "anmalningsplikt_after_birth" not in after
    assert "SoL (2025:400) 19 kap. 1 §" in after["anmalningsplikt"]
    assert "det nyfödda barnet" in after["disclosure_limits"]
    assert not any("väntade barnet" in text for text in after.values())

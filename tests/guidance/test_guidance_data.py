"""The shipped guideline files: what they say, and that it is what the guideline says."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from oro_desktop.core.guidance import Guideline
from oro_desktop.services.guidance import GuidanceService
from tests.guidance.conftest import JAMTLAND, KRONOBERG, RESOURCES, SEEDS, VGR, former_alone


def _norm(text: str) -> str:
    return " ".join(text.split())


def _quotes(guideline: Guideline) -> list[tuple[str, str]]:
    """(where, text) for every sentence the file says is quoted from the guideline."""
    out = [("initiators", guideline.initiators_text.text), ("consent", guideline.consent_text.text)]
    out += [(f"category {c.id}", c.text) for c in guideline.concern_categories]
    for alt in guideline.alternatives:
        out += [(f"A{alt.number} {s.id}", s.text) for s in alt.steps]
        out += [(f"A{alt.number} principle", p.text) for p in alt.principles]
        out += [(f"A{alt.number} motivate", m.text) for m in alt.motivate_consent]
        if alt.interventions:
            out += [(f"A{alt.number} intervention", i.text)
                    for i in alt.interventions.municipality + alt.interventions.region]
    out += [(f"rule {r.id}", r.text) for r in guideline.special_rules]
    if guideline.follow_up:
        out.append(("follow_up", guideline.follow_up.text))
    return out


def test_three_guidelines_are_shipped(service: GuidanceService) -> None:
    assert sorted(service.guidelines) == [JAMTLAND, KRONOBERG, VGR]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
@pytest.mark.parametrize("guideline_id", [JAMTLAND, VGR, KRONOBERG])
def test_every_quote_is_in_the_guideline_text(service: GuidanceService, guideline_id: str) -> None:
    guideline = service.guidelines[guideline_id]
    seeds = [guideline.seed, *guideline.also_seeds]
    text = _norm(" ".join((SEEDS / name).read_text(encoding="utf-8") for name in seeds))
    missing = [where for where, quote in _quotes(guideline) if _norm(quote) not in text]
    assert missing == []


@pytest.mark.parametrize("guideline_id", [JAMTLAND, VGR, KRONOBERG])
def test_every_step_and_rule_has_a_source(service: GuidanceService, guideline_id: str) -> None:
    guideline = service.guidelines[guideline_id]
    for alt in guideline.alternatives:
        assert alt.steps and alt.source
        assert all(s.source for s in alt.steps)
        assert all(b.source for b in alt.legal_bases)
    assert all(r.source for r in guideline.special_rules)


def test_jamtland_validity_adoption_and_private_providers(service: GuidanceService) -> None:
    g = service.guidelines[JAMTLAND]
    assert g.valid_through == date(2026, 12, 31)
    assert g.adopted.date == date(2023, 9, 29)
    assert "SamReKo HSI och Fredagsgruppen" in g.adopted.by
    rule = g.rule("private_providers")
    assert rule is not None and "icke-regiondrivna Hälsocentraler" in rule.text
    assert [s.number for s in g.alternative(1).steps] == [1, 2, 3, 4]
    assert [s.number for s in g.alternative(2).steps] == [1, 2, 3, 4, 5]
    assert g.rule("lvm_limit") is not None
    assert {p.sector for p in g.parties} == {"healthcare", "social_services"}


def test_kronoberg_each_parent_motivation_and_violence(service: GuidanceService) -> None:
    g = service.guidelines[KRONOBERG]
    assert g.consent_subject == "each_parent" and g.valid_through is None
    assert len(g.alternative(2).motivate_consent) == 5
    assert g.rule("violence_exemption") is not None
    assert g.rule("each_parent_answers") is not None
    assert [c.id for c in g.concern_categories][:2] == ["child_needs", "parenting"]


def test_vgr_is_marked_as_built_from_the_draft(service: GuidanceService) -> None:
    g = service.guidelines[VGR]
    assert g.status == "draft" and g.valid_through is None and "utkast" in g.status_note


_FORMER = re.compile(r"2001:453|14 kap\.? ?1|kap\.? 14|2 kap\.? 7")


def test_quotes_never_cite_the_former_sol_alone(service: GuidanceService) -> None:
    for guideline in service.guidelines.values():
        for where, quote in _quotes(guideline):
            if _FORMER.search(quote):
                assert "2025:400" in quote, f"{guideline.id} {where}"


def test_references_give_current_beside_former(service: GuidanceService) -> None:
    refs = service.references
    assert refs["sol-19-1"].display == "SoL (2025:400) 19 kap. 1 § (tidigare SoL (2001:453) 14 kap. 1 §)"
    assert refs["sol-10-8"].display == "SoL (2025:400) 10 kap. 8 § (tidigare SoL (2001:453) 2 kap. 7 §)"
    for ref in refs.values():
        if ref.former is not None:
            assert "2025:400" in ref.citation
    for needed in ("osl-25-12", "osl-26-9", "osl-12-2", "hsl-16-4", "psl-6-12", "lvu", "lvm",
                   "fb-6-11", "fb-6-13"):
        assert needed in refs


def test_legal_file_is_not_in_the_guideline_folder() -> None:
    root = Path(__file__).resolve().parents[2] / "resources"
    assert (root / "legal" / "references.yaml").is_file()
    assert not list((root / "guidelines").glob("references*"))


@pytest.mark.parametrize("name", sorted(p.name for p in (RESOURCES / "guidelines").glob("*.yaml"))
                         + ["../legal/references.yaml"])
def test_data_files_never_cite_the_former_sol_alone(name: str) -> None:
    data = yaml.safe_load((RESOURCES / "guidelines" / name).read_text(encoding="utf-8"))
    assert former_alone(data) == []

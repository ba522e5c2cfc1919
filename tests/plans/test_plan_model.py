"""The plan model read by roles, the follow-up reminder at fixed dates, the pick lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from oro_desktop.core.forms import FormDefinition, FormLibrary, Section, Source
from oro_desktop.core.forms.model import Field
from oro_desktop.core.guidance import Guideline
from oro_desktop.core.plans import (
    check_plan_definition, days_to_follow_up, follow_up_due, intervention_choices,
    plan_from_data,
)

from .conftest import example


@pytest.fixture
def barnets_plan(library: FormLibrary) -> FormDefinition:
    return library.get("barnets-plan")


def test_follow_up_due_at_fixed_dates(barnets_plan: FormDefinition) -> None:
    plan = plan_from_data(barnets_plan, example("barnets-plan"))  # follow-up 2026-12-15
    assert not follow_up_due(plan, date(2026, 12, 14))
    assert follow_up_due(plan, date(2026, 12, 15))
    assert follow_up_due(plan, date(2027, 1, 3))
    assert days_to_follow_up(plan, date(2026, 12, 10)) == 5
    assert days_to_follow_up(plan, date(2026, 12, 20)) == -5


def test_a_plan_without_a_follow_up_date_is_not_due(barnets_plan: FormDefinition) -> None:
    data = example("barnets-plan")
    del data["nasta_uppfoljning"]
    plan = plan_from_data(barnets_plan, data)
    assert plan.next_follow_up is None
    assert not follow_up_due(plan, date(2099, 1, 1))
    assert days_to_follow_up(plan, date(2026, 1, 1)) is None


def test_the_model_is_read_by_roles_not_by_field_ids(barnets_plan: FormDefinition) -> None:
    # A region's variant renames every top-level field: the model still finds them.
    rename = {f.id: f"x_{f.id}" for f in barnets_plan.fields()}
    sections = tuple(replace(s, fields=tuple(replace(f, id=rename[f.id]) for f in s.fields))
                     for s in barnets_plan.sections)
    variant = replace(barnets_plan, id="variant", sections=sections)
    data = {rename.get(k, k): v for k, v in example("barnets-plan").items()}
    plan = plan_from_data(variant, data)
    assert plan.coordinator == "Anna Provsson, Barnavårdscentralen Exempel"
    assert plan.next_follow_up == date(2026, 12, 15)
    assert len(plan.interventions) == 3 and plan.with_consent is False


def test_rows_meetings_and_status_labels(barnets_plan: FormDefinition) -> None:
    data = example("barnets-plan")
    data["insatser"].insert(1, {})  # an empty row in the middle (the editor keeps it)
    data["deltagare"].append({"namn": "Privat Doktorsson", "organisation": "Hälsocentralen AB",
                              "regi": "privat"})
    plan = plan_from_data(barnets_plan, data)
    assert len(plan.interventions) == 3
    assert [i.status_label for i in plan.interventions] == ["Pågår", "Planerad", "Planerad"]
    assert plan.interventions[1].start == date(2026, 11, 27)
    assert [m.on for m in plan.meetings] == [date(2026, 11, 21), date(2026, 11, 23)]
    assert [p.name for p in plan.private_participants] == ["Privat Doktorsson"]


def test_a_plan_model_refuses_another_kind(library: FormLibrary) -> None:
    with pytest.raises(ValueError):
        plan_from_data(library.get("barnhalsoteam-samtycke"), {})


def test_check_plan_definition_names_missing_columns(barnets_plan: FormDefinition) -> None:
    f = barnets_plan.field("insatser")
    fewer = replace(f, columns=tuple(c for c in f.columns if c.id != "ansvarig"))
    sections = tuple(replace(s, fields=tuple(fewer if x.id == "insatser" else x for x in s.fields))
                     for s in barnets_plan.sections)
    [problem] = check_plan_definition(replace(barnets_plan, sections=sections))
    assert "ansvarig" in problem and "Insatser och ansvar" in problem


def test_a_yes_no_consent_field_is_read_too() -> None:
    fields = (Field("samtycke", "yes_no", "Samtycke", binds="plan.consent"),
              Field("samordnare", "text", "Samordnare", binds="plan.coordinator"))
    d = FormDefinition("p", 1, "P", Source("Test"), (Section("s", "S", fields),), kind="plan")
    assert plan_from_data(d, {"samtycke": True}).with_consent is True
    assert plan_from_data(d, {"samtycke": False}).with_consent is False
    assert plan_from_data(d, {}).with_consent is None


@pytest.mark.parametrize("guideline_id", [
    "kronoberg-nyfott-barn", "jamtland-harjedalen-vantat-barn", "vastra-gotaland-vantat-barn"])
@pytest.mark.parametrize("with_consent", [True, False])
def test_intervention_choices_are_the_guidelines_lists(
        guidelines: dict[str, Guideline], guideline_id: str, with_consent: bool) -> None:
    g = guidelines[guideline_id]
    lists = g.alternative(1 if with_consent else 2).interventions
    choices = intervention_choices(g, with_consent)
    assert lists is not None
    assert [c.text for c in choices if c.party == "Kommunen"] == [i.text for i in lists.municipality]
    assert [c.text for c in choices if c.party == "Regionen"] == [i.text for i in lists.region]
    assert choices


def test_without_consent_kronoberg_offers_the_alternativ_2_lists(guidelines: dict[str, Guideline]) -> None:
    g = guidelines["kronoberg-nyfott-barn"]
    without = {c.text for c in intervention_choices(g, False)}
    with_ = {c.text for c in intervention_choices(g, True)}
    assert any("LVU" in t for t in without) and not any("LVU" in t for t in with_)
    assert "Individuell vårdplan för vistelse på BB/neonatal" in with_ - without

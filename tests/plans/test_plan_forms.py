"""The two plan forms: they load as plans, bind what the model reads, validate their examples."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.forms import FormLibrary, forms_for_region, validate
from oro_desktop.core.plans import check_plan_definition, plan_from_data

from .conftest import PLAN_FORMS, example

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("form_id", PLAN_FORMS)
def test_plan_form_loads_as_a_plan_and_its_example_is_valid(library: FormLibrary, form_id: str) -> None:
    d = library.get(form_id)
    assert d.kind == "plan"
    assert check_plan_definition(d) == []
    assert validate(d, example(form_id), today=TODAY) == []


@pytest.mark.parametrize("form_id", PLAN_FORMS)
def test_an_empty_plan_names_what_the_meeting_must_decide(library: FormLibrary, form_id: str) -> None:
    d = library.get(form_id)
    missing = {p.field for p in validate(d, {}, today=TODAY)}
    for role in ("plan.type", "plan.consent", "plan.participants", "plan.interventions",
                 "plan.coordinator", "plan.follow_up_by", "plan.meetings"):
        f = d.field_for(role)
        assert f is not None and f.id in missing, role
    follow_up_date = next(f for f in d.fields_for("plan.follow_up") if f.type == "date")
    assert follow_up_date.id in missing


@pytest.mark.parametrize("form_id", PLAN_FORMS)
def test_an_intervention_row_needs_party_what_and_who(library: FormLibrary, form_id: str) -> None:
    d = library.get(form_id)
    data = example(form_id)
    data["insatser"] = [{"vad": "Hembesök", "status": "planerad"}]
    fields = {p.field for p in validate(d, data, today=TODAY)}
    assert {"insatser[1].part", "insatser[1].ansvarig"} <= fields
    assert "insatser[1].vad" not in fields


def test_the_forms_are_offered_where_their_guidelines_apply(library: FormLibrary) -> None:
    plans = [library.get(f) for f in PLAN_FORMS]
    assert [d.id for d in forms_for_region(plans, "Kronoberg", "newborn")] == ["barnets-plan"]
    for region in ("Jämtland Härjedalen", "Västra Götaland"):
        assert [d.id for d in forms_for_region(plans, region, "expected_child")] == [
            "samordnad-plan-vantat-barn"]
    assert forms_for_region(plans, "Kronoberg", "expected_child") == []


def test_the_kinds_of_plan_are_those_of_the_guidelines(library: FormLibrary) -> None:
    expected = library.get("samordnad-plan-vantat-barn").field_for("plan.type")
    newborn = library.get("barnets-plan").field_for("plan.type")
    assert expected is not None and newborn is not None
    assert [c.label for c in expected.choices] == [
        "Samordnad plan för det väntade barnet", "Del av SIP för den gravida"]
    assert [c.label for c in newborn.choices] == [
        "Barnets plan", "Del av SIP för föräldern/föräldrarna"]


@pytest.mark.parametrize("form_id", PLAN_FORMS)
def test_the_example_reads_into_the_plan_model(library: FormLibrary, form_id: str) -> None:
    data = example(form_id)
    plan = plan_from_data(library.get(form_id), data)
    assert plan.coordinator == data["samordningsansvarig"]
    assert plan.follow_up_by == data["uppfoljning_ansvarig"]
    assert plan.next_follow_up == date.fromisoformat(data["nasta_uppfoljning"])
    assert [i.what for i in plan.interventions] == [r["vad"] for r in data["insatser"]]
    assert [p.name for p in plan.participants] == [r["namn"] for r in data["deltagare"]]
    assert plan.with_consent is (data["samtycke"] == "med")

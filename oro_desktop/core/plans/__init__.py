"""Coordinated plans (samordnad plan för det väntade barnet, barnets plan): pure model.

A plan is a filled form of `kind: plan` (forms/); this package reads it through its
`plan.*` roles into a plain model the printers, the editor and (later) the plan service
share, answers whether its follow-up is due, and offers the guideline's intervention
lists as pick lists. No Qt, no SQL, no reportlab.
"""

from oro_desktop.core.plans.choices import InterventionChoice, intervention_choices
from oro_desktop.core.plans.model import (
    PLAN_COLUMNS, Intervention, Meeting, Participant, Plan, check_plan_definition,
    days_to_follow_up, follow_up_due, plan_from_data,
)

__all__ = [
    "PLAN_COLUMNS", "Intervention", "InterventionChoice", "Meeting", "Participant", "Plan",
    "check_plan_definition", "days_to_follow_up", "follow_up_due", "intervention_choices",
    "plan_from_data",
]

"""Coordinated plans of cases: create, save versions, list by follow-up, print.

Why a service of its own: a plan (samordnad plan för det väntade barnet, barnets plan)
belongs to a case and is written by the parties together; it is a filled form on the
engine (forms/ `kind: plan`), so its history, diff and "print exactly as it did" come
from the append-only form versions (services/form_versions.py). This service adds what
makes it a plan: which plan forms fit the case, the first state filled from the case,
the columns a list sorts on (next follow-up, coordinator), the case's history, audit and
the change stream.

Rules held here, each with a test (tests/plans/):
- a version is validated by the form engine before anything is written; a bad one is
  refused with a Swedish message and changes nothing;
- the list columns are rewritten from the saved data (core.plans.plan_from_data) in the
  same transaction as the version;
- an old version prints exactly as it did: its own definition version, its own data, the
  stamp "Version N · sparad YYYY-MM-DD" from its own record;
- the family copy ("Planen i korthet") is refused when the case has a disclosure made
  under Kronoberg's violence exemption (the parents are not told of the report of
  concern): a copy handed to the family could tell them. The clinician can still print
  the plan itself for the parties' records;
- every read that shows a plan is audited; printing is audited as "print".

Writes publish `Change("plan", uid, ...)` and `Change("case", case_uid, "updated")`
(the case's history got an event) after their commit.
"""

from __future__ import annotations

# The names PlanService's public signatures use are imported here too, so its hints
# resolve against this module as they did when it held the whole service.
import builtins
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from oro_desktop.core.forms import FormDefinition
from oro_desktop.core.guidance import Guideline
from oro_desktop.services.form_versions import FieldChange, FormVersionInfo
from oro_desktop.services.plans_base import MAX_DATA_CHARS, NOT_SAVED_STAMP, FamilyCopyRefused, PlanRow
from oro_desktop.services.plans_base import PlanServiceBase as PlanServiceBase
from oro_desktop.services.plans_base import stamp_of as stamp_of
from oro_desktop.services.plans_printing import PlanPrinting
from oro_desktop.services.plans_reads import PlanReads
from oro_desktop.services.plans_writes import PlanWrites

__all__ = ["FamilyCopyRefused", "PlanRow", "PlanService", "FieldChange", "FormVersionInfo",
           "MAX_DATA_CHARS", "NOT_SAVED_STAMP"]


class PlanService(PlanReads, PlanWrites, PlanPrinting):
    """Plans of one session; see the module docstring.

    Put together from one class per job: reads and lists (services/plans_reads.py),
    writes and versions (plans_writes.py), printing (plans_printing.py), over the shared
    lookups of plans_base.py (PlanServiceBase).
    """

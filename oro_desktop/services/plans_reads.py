"""Reading plans: which plan forms fit a case, one plan, the lists by case and follow-up.

Why a module of its own: the reads are the part of PlanService (services/plans.py) that
Att göra, the case view and `oro-admin plans list` call; every read that shows a plan is
audited here.
"""

from __future__ import annotations

import builtins
from datetime import date, timedelta
from typing import Any

from oro_desktop.core.forms import FormDefinition
from oro_desktop.core.guidance import Guideline
from oro_desktop.services.plans_base import _UID_MAX, PlanRow, PlanServiceBase
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import plans as repo


class PlanReads(PlanServiceBase):
    """The reads of PlanService; see services/plans.py."""

    def kinds(self, case_uid: str) -> list[tuple[str, str]]:
        """(form_id, Swedish title) of the plan forms for the case's region and situation:
        an expected child's guideline gives the samordnad plan, a newborn's barnets plan."""
        with self._uow() as uow:
            record = self._case(uow.conn, case_uid)
        return [(d.id, d.title) for d in self._kinds(self._guideline_of(record.guideline_id))]

    def guideline(self, plan_uid: str) -> Guideline:
        """The guideline the plan's case follows (the editor's intervention pick lists)."""
        with self._uow() as uow:
            plan = self._plan(uow.conn, plan_uid)
            record = self._case(uow.conn, plan.case_uid)
        return self._guideline_of(record.guideline_id)

    # -- reads -----------------------------------------------------------------------------
    def for_case(self, case_uid: str) -> list[PlanRow]:
        """The plans of one case, oldest first."""
        today = self.today()
        with self._uow() as uow:
            record = self._case(uow.conn, case_uid)
            found = repo.of_case(uow.conn, record.id)
            if found:
                uow.audit("read", "plan", None, {"case": record.uid, "list": len(found)})
        return [self._row(r, today) for r in found]

    def list(self, *, due_before: date | None = None) -> list[PlanRow]:
        """Every plan, sorted by next follow-up (those without a date last); with
        `due_before`, only those whose follow-up is before that day."""
        today = self.today()
        until = None if due_before is None else due_before - timedelta(days=1)
        with self._uow() as uow:
            found = repo.by_follow_up(uow.conn, until=until)
            if found:
                uow.audit("read", "plan", None, {"list": len(found)})
        return [self._row(r, today) for r in found]

    def due(self, today: date | None = None) -> builtins.list[PlanRow]:
        """Plans whose follow-up date is today or has passed (Att göra), oldest first."""
        day = today or self.today()
        with self._uow() as uow:
            found = repo.by_follow_up(uow.conn, until=day)
            if found:
                uow.audit("read", "plan", None, {"due": day.isoformat(), "list": len(found)})
        return [self._row(r, day) for r in found]

    def row(self, plan_uid: str) -> PlanRow | None:
        """One plan's row (to refresh a changed one); None if there is no such plan."""
        with self._uow() as uow:
            found = repo.get_by_uid(uow.conn, str(plan_uid or "")[:_UID_MAX])
            if found is None:
                return None
            uow.audit("read", "plan", found.uid, {"list": 1})
        return self._row(found, self.today())

    def current(self, plan_uid: str) -> tuple[FormDefinition, dict[str, Any]]:
        """The newest version's definition and data (the initial data before a save)."""
        with self._uow() as uow:
            plan = self._plan(uow.conn, plan_uid)
            form = forms_repo.get(uow.conn, plan.filled_form_id)
            assert form is not None
            uow.audit("read", "plan", plan.uid, {"versions": plan.versions})
        return self.library.get(form.form_id, form.form_version), dict(form.data)

    def read_only_reason(self, plan_uid: str) -> str:
        """Why the plan cannot be changed ("" when it can): its case is closed. The plan
        window opens such a plan read-only and says this line."""
        with self._uow() as uow:
            plan = self._plan(uow.conn, plan_uid)
            case = self._case(uow.conn, plan.case_uid)
        if case.status == "open":
            return ""
        when = f" {case.closed_on.isoformat()}" if case.closed_on else ""
        return (f"Ärendet avslutades{when}: planen kan läsas och skrivas ut men inte ändras "
                "(ett avslutat ärende är skrivskyddat).")

"""Writing plans: create one from its case, validate and append a version, compare two.

Why a module of its own: a write is validated by the form engine before anything is
written, rewrites the list columns in the same transaction and adds a case-history event;
that is this part of PlanService (services/plans.py). The versions themselves are
FormVersionService's (append-only), so history and diff are read through it here.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping
from typing import Any

from oro_desktop.core.cases import Role
from oro_desktop.core.forms import FormDefinition, validate
from oro_desktop.core.guidance import Guideline
from oro_desktop.core.plans.model import plan_from_data
from oro_desktop.errors import InvalidInput
from oro_desktop.services.case_reads import consent_answers
from oro_desktop.services.changes import Change
from oro_desktop.services.form_versions import FieldChange, FormVersionInfo
from oro_desktop.services.plan_prefill import initial_data
from oro_desktop.services.plans_base import MAX_DATA_CHARS, PlanServiceBase
from oro_desktop.store.repos import cases as cases_repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo
from oro_desktop.store.repos import plans as repo


class PlanWrites(PlanServiceBase):
    """The writes and version history of PlanService; see services/plans.py."""

    def create(self, case_uid: str, form_id: str, *, uid: str | None = None) -> str:
        """A new plan of `form_id` for the case, filled from the case; returns its uid.

        Nothing is saved as a version yet: the first "Spara version" is version 1.
        """
        with self._uow() as uow:
            conn = uow.conn
            record = self._case(conn, case_uid)
            if record.status != "open":
                raise InvalidInput("Ärendet är avslutat; en ny plan kan inte skapas.")
            guideline = self._guideline_of(record.guideline_id)
            fitting = {d.id: d for d in self._kinds(guideline)}
            definition = fitting.get(str(form_id or "")[:200])
            if definition is None:
                names = ", ".join(f"{d.title} ({d.id})" for d in fitting.values()) or "ingen"
                raise InvalidInput(f"Planen ”{str(form_id)[:60]}” passar inte ärendets riktlinje "
                                   f"({guideline.title}); möjliga: {names}.")
            data = self._initial(conn, record, guideline, definition)
            row_id = repo.insert(conn, uow.actor, record.id, definition.id, definition.version,
                                 data, uid=uid)
            plan_uid = str(conn.execute("SELECT uid FROM case_plans WHERE id = ?",
                                        (row_id,)).fetchone()[0])
            self._set_columns(uow, row_id, definition, data)
            cases_repo.add_event(conn, uow.actor, record.id, "plan",
                                 f"Plan skapad: {definition.title}.",
                                 {"plan": plan_uid, "form": definition.id})
            uow.audit("create", "plan", plan_uid, {"case": record.uid, "form": definition.id})
        self._session.changes.publish(Change("plan", plan_uid, "created"),
                                      Change("case", record.uid, "updated"))
        return plan_uid

    def _initial(self, conn: Any, record: cases_repo.CaseRecord, guideline: Guideline,
                 definition: FormDefinition) -> dict[str, Any]:
        from oro_desktop.services.case_reads import CaseReads

        parts = cases_repo.participants(conn, record.id)
        people = persons_repo.get_many(conn, [p.person_id for p in parts])
        subject = next((p for p in parts if p.role in (Role.CHILD.value,
                                                         Role.EXPECTED_CHILD.value)), None)
        adult = next((p for p in parts if p.role == Role.PREGNANT.value), None)
        roles = CaseReads._consent_roles(record, guideline)
        newest = consent_answers(cases_repo.consents(conn, record.id))
        answers = {str(p.person_id): newest[p.person_id].answer if p.person_id in newest
                   else "not_asked" for p in parts if Role(p.role) in roles}
        return initial_data(
            definition, subject=people[subject.person_id] if subject else None,
            subject_role=subject.role if subject else "",
            due_date=subject.due_date if subject else None,
            adult=people[adult.person_id] if adult else None, answers=answers)

    def _set_columns(self, uow: Any, row_id: int, definition: FormDefinition,
                     data: Mapping[str, Any]) -> None:
        plan = plan_from_data(definition, data)
        repo.update_columns(uow.conn, uow.actor, row_id, with_consent=plan.with_consent,
                            coordinator=plan.coordinator, follow_up_by=plan.follow_up_by,
                            next_follow_up=plan.next_follow_up)

    def _checked(self, definition: FormDefinition, data: Any) -> dict[str, Any]:
        if not isinstance(data, Mapping):
            raise InvalidInput("Planens innehåll ska vara ett formulär (fält och värden).")
        clean = dict(data)
        try:
            size = len(json.dumps(clean, ensure_ascii=False))
        except (TypeError, ValueError):
            raise InvalidInput("Planen innehåller värden som inte kan sparas.") from None
        if size > MAX_DATA_CHARS:
            raise InvalidInput(f"Planen är för lång för att sparas (högst {MAX_DATA_CHARS} tecken).")
        known = {f.id for f in definition.data_fields()}
        unknown = sorted(str(k) for k in clean if k not in known)
        if unknown:
            raise InvalidInput(f"Planen har ett fält som formuläret inte känner: ”{unknown[0][:60]}”.")
        problems = validate(definition, clean, today=self.today())
        if problems:
            shown = " ".join(p.message for p in problems[:3])
            more = f" (och {len(problems) - 3} till)" if len(problems) > 3 else ""
            raise InvalidInput(f"Planen kan inte sparas: {shown}{more}")
        return clean

    def save_version(self, plan_uid: str, data: Mapping[str, Any]) -> FormVersionInfo:
        """Validate and append a version; update the list columns and the case history."""
        with self._uow() as uow:
            conn = uow.conn
            plan = self._plan(conn, plan_uid)
            form = forms_repo.get(conn, plan.filled_form_id)
            assert form is not None  # the foreign key
            definition = self.library.get(form.form_id, form.form_version)
            clean = self._checked(definition, data)
            case = self._case(conn, plan.case_uid)
            if case.status != "open":
                raise InvalidInput("Ärendet är avslutat; planen kan inte ändras.")
            forms_repo.add_version(conn, uow.actor, plan.filled_form_id, clean,
                                   form_id=definition.id, form_version=definition.version)
            self._set_columns(uow, plan.id, definition, clean)
            newest = forms_repo.versions(conn, plan.filled_form_id)[-1]
            cases_repo.add_event(conn, uow.actor, plan.case_id, "plan",
                                 f"Planen sparad (version {newest.number}): {definition.title}.",
                                 {"plan": plan.uid, "version": newest.number})
            uow.audit("update", "plan", plan.uid, {"version": newest.number,
                                                   "case": plan.case_uid})
        self._session.changes.publish(Change("plan", plan.uid, "saved"),
                                      Change("case", plan.case_uid, "updated"))
        return FormVersionInfo(newest.uid, newest.filled_form_uid, newest.number,
                               newest.form_id, newest.form_version, newest.created_at,
                               newest.created_by, True)

    def _form_uid(self, plan_uid: str) -> str:
        with self._uow() as uow:
            return repo.form_uid(uow.conn, self._plan(uow.conn, plan_uid))

    def versions(self, plan_uid: str) -> builtins.list[FormVersionInfo]:
        """Every saved version, oldest first (who and when; audited)."""
        return self._versions.list_versions(self._form_uid(plan_uid))

    def diff(self, plan_uid: str, a: int, b: int) -> builtins.list[FieldChange]:
        """What changed from version `a` to `b`, field by field and row by row, in Swedish."""
        with self._uow() as uow:
            plan = self._plan(uow.conn, plan_uid)
            old = self._version_uid(uow.conn, plan, int(a))
            new = self._version_uid(uow.conn, plan, int(b))
        return self._versions.diff(old.uid, new.uid)

"""Printing plans: the plan for the parties, the family copy, and the audit of both.

Why a module of its own: what is printed must be exactly what was saved (an old version
with its own definition, data and stamp) and the family copy is refused under the
violence exemption; that is this part of PlanService (services/plans.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from oro_desktop.core.plans.model import plan_from_data
from oro_desktop.services.plans_base import (
    NOT_SAVED_STAMP, FamilyCopyRefused, PlanServiceBase, stamp_of,
)
from oro_desktop.services.plan_prefill import with_current_marks
from oro_desktop.store.repos import cases as cases_repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo


class PlanPrinting(PlanServiceBase):
    """The printing of PlanService; see services/plans.py."""

    def exemption_applies(self, case_uid: str) -> bool:
        """Whether the violence exemption applies in the case (the parents are not told):
        a disclosure was made under it, or the case records that its contact is a report
        about violence the parent is not part of, under a guideline that has the
        exemption (Kronoberg). Then no family copy is printed."""
        with self._uow() as uow:
            record = self._case(uow.conn, case_uid)
            return self._exempt(uow.conn, record)

    def pdf_job(self, plan_uid: str, *, version: int | None = None,
                family: bool = False) -> Callable[[], bytes]:
        """Read the plan now (audited as a print) and return a callable that renders it on
        a worker: the plan as the form prints it, or with `family` the family copy.

        `version` None: the newest saved version (before the first save, the initial
        data, stamped as not saved). An old version renders with its own definition
        version, data and stamp, so it prints exactly as it did.
        """
        with self._uow() as uow:
            conn = uow.conn
            plan = self._plan(conn, plan_uid)
            if family and self._exempt(conn, self._case(conn, plan.case_uid)):
                raise FamilyCopyRefused(
                    "Familjeexemplaret skrivs inte ut: i ärendet gäller undantaget från att "
                    "informera föräldrarna (orosanmälan om våld eller hedersrelaterat våld). "
                    "Ett exemplar till familjen kan avslöja anmälan; skriv ut planen för "
                    "parternas egen dokumentation i stället.")
            if version is None and plan.versions == 0:
                form = forms_repo.get(conn, plan.filled_form_id)
                assert form is not None
                form_id, form_version, data = form.form_id, form.form_version, dict(form.data)
                stamp, number = NOT_SAVED_STAMP, 0
            else:
                number = plan.versions if version is None else int(version)
                found = self._version_uid(conn, plan, number)
                form_id, form_version, data = found.form_id, found.form_version, dict(found.data)
                stamp = stamp_of(found)
            uow.audit("print", "plan", plan.uid, {"version": number, "family": bool(family),
                                                  "case": plan.case_uid})
            # The case's protection marks as they are now, not as copied in at `create`.
            protected_now = [p for p in persons_repo.get_many(
                conn, [x.person_id for x in cases_repo.participants(
                    conn, plan.case_id, active_only=False)]).values() if p.protected]
        definition = self.library.get(form_id, form_version)
        data = with_current_marks(definition, data, protected_now)
        fonts = self._fonts_dir
        if family:
            model = plan_from_data(definition, data)

            def family_job() -> bytes:
                from oro_desktop.pdf import default_fonts_dir
                from oro_desktop.pdf.plan_family import render_family_copy

                return render_family_copy(model, fonts_dir=fonts or default_fonts_dir(),
                                          stamp=stamp)
            return family_job

        def plan_job() -> bytes:
            from oro_desktop.pdf import default_fonts_dir, render_form

            return render_form(definition, data, fonts_dir=fonts or default_fonts_dir(),
                               stamp=stamp)
        return plan_job

    def record_output(self, plan_uid: str, action: str,
                      detail: Mapping[str, Any] | None = None) -> None:
        """Audit a print from the preview or a saved PDF ("print"/"export"), for callers
        that print a job's bytes more than once."""
        if action not in ("print", "export"):
            raise ValueError(action)
        with self._uow() as uow:
            plan = self._plan(uow.conn, plan_uid)
            uow.audit(action, "plan", plan.uid, dict(detail or {}))

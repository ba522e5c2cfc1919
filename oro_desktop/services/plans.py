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

import builtins
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.core.cases import Role
from oro_desktop.core.forms import FormDefinition, FormLibrary, validate
from oro_desktop.core.forms.offer import forms_for_region
from oro_desktop.core.guidance import Guideline, SituationError
from oro_desktop.core.plans.model import plan_from_data
from oro_desktop.errors import InvalidInput
from oro_desktop.services.case_reads import consent_answers, contact_facts
from oro_desktop.services.changes import Change
from oro_desktop.services.form_versions import FieldChange, FormVersionInfo, FormVersionService
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.services.plan_prefill import initial_data, with_current_marks
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import cases as cases_repo
from oro_desktop.store.repos import disclosures as disclosures_repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo
from oro_desktop.store.repos import plans as repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

__all__ = ["FamilyCopyRefused", "PlanRow", "PlanService", "FieldChange", "FormVersionInfo",
           "MAX_DATA_CHARS", "NOT_SAVED_STAMP"]

#: A plan's saved data as JSON is at most this long (a long plan is ~20 000).
MAX_DATA_CHARS = 400_000
#: The stamp of a plan printed before its first save.
NOT_SAVED_STAMP = "Utkast · inte sparad"
_UID_MAX = 64


class FamilyCopyRefused(InvalidInput):
    """The family copy may not be printed for this case (the violence exemption)."""


@dataclass(frozen=True)
class PlanRow:
    """One plan in a list (Att göra, the case view, `oro-admin plans list`)."""

    uid: str
    case_uid: str
    case_label: str          # "Väntat barn, BF 2026-05-01 – Östersund", as the case view titles it
    form_id: str
    title: str               # the form's Swedish title
    with_consent: bool | None
    coordinator: str
    follow_up_by: str
    next_follow_up: date | None
    follow_up_due: bool      # the follow-up date is today or has passed
    days_to_follow_up: int | None  # negative: overdue
    versions: int            # saved versions (0: not saved yet)
    updated_at: str
    updated_by: str


def stamp_of(version: forms_repo.FormVersion | FormVersionInfo) -> str:
    """"Version 3 · sparad 2026-11-24": from the version's own record, so a reprint is
    identical."""
    return f"Version {version.number} · sparad {version.created_at[:10]}"


class PlanService:
    """Plans of one session; see the module docstring."""

    def __init__(self, session: "Session", guidance: GuidanceService, library: FormLibrary, *,
                 fonts_dir: Path | None = None,
                 today: Callable[[], date] = date.today) -> None:
        self._session = session
        self._guidance = guidance
        self.library = library
        self._fonts_dir = fonts_dir
        self._today = today
        self._versions = FormVersionService(session, library, fonts_dir=fonts_dir)
        self._titles: dict[str, str] = {}

    def today(self) -> date:
        return self._today()

    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    # -- lookups ---------------------------------------------------------------------------
    @staticmethod
    def _case(conn: Any, case_uid: str) -> cases_repo.CaseRecord:
        record = cases_repo.get_case_by_uid(conn, str(case_uid or "")[:_UID_MAX])
        if record is None:
            raise NotFound("Ärendet finns inte.")
        return record

    @staticmethod
    def _plan(conn: Any, plan_uid: str) -> repo.PlanRecord:
        record = repo.get_by_uid(conn, str(plan_uid or "")[:_UID_MAX])
        if record is None:
            raise NotFound("Planen finns inte.")
        return record

    def _guideline_of(self, guideline_id: str) -> Guideline:
        try:
            return self._guidance.guideline(guideline_id)
        except SituationError as exc:
            raise InvalidInput(exc.message) from None

    def _title(self, form_id: str) -> str:
        if form_id not in self._titles:
            try:
                self._titles[form_id] = self.library.get(form_id).title
            except Exception:  # noqa: BLE001 - a removed form still lists, by its id
                self._titles[form_id] = form_id
        return self._titles[form_id]

    def _row(self, r: repo.PlanRecord, today: date) -> PlanRow:
        days = None if r.next_follow_up is None else (r.next_follow_up - today).days
        return PlanRow(r.uid, r.case_uid, f"{r.subject} – {r.municipality}", r.form_id,
                       self._title(r.form_id), r.with_consent, r.coordinator, r.follow_up_by,
                       r.next_follow_up, days is not None and days <= 0, days, r.versions,
                       r.updated_at, r.updated_by)

    # -- which plans fit a case ------------------------------------------------------------
    def _kinds(self, guideline: Guideline) -> list[FormDefinition]:
        return forms_for_region(self.library.load_all(), guideline.region, guideline.situation,
                                kind="plan")

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

    # -- writes ----------------------------------------------------------------------------
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

    def _form_uid(self, plan_uid: str) -> str:
        with self._uow() as uow:
            return repo.form_uid(uow.conn, self._plan(uow.conn, plan_uid))

    def versions(self, plan_uid: str) -> builtins.list[FormVersionInfo]:
        """Every saved version, oldest first (who and when; audited)."""
        return self._versions.list_versions(self._form_uid(plan_uid))

    def _version_uid(self, conn: Any, plan: repo.PlanRecord, number: int) -> forms_repo.FormVersion:
        for v in forms_repo.versions(conn, plan.filled_form_id):
            if v.number == number:
                found = forms_repo.get_version(conn, v.uid)
                assert found is not None
                return found
        have = plan.versions
        raise InvalidInput(f"Planen har ingen version {number} (sparade versioner: "
                           f"{'1–' + str(have) if have else 'inga'}).")

    def diff(self, plan_uid: str, a: int, b: int) -> builtins.list[FieldChange]:
        """What changed from version `a` to `b`, field by field and row by row, in Swedish."""
        with self._uow() as uow:
            plan = self._plan(uow.conn, plan_uid)
            old = self._version_uid(uow.conn, plan, int(a))
            new = self._version_uid(uow.conn, plan, int(b))
        return self._versions.diff(old.uid, new.uid)

    def exemption_applies(self, case_uid: str) -> bool:
        """Whether the violence exemption applies in the case (the parents are not told):
        a disclosure was made under it, or the case records that its contact is a report
        about violence the parent is not part of, under a guideline that has the
        exemption (Kronoberg). Then no family copy is printed."""
        with self._uow() as uow:
            record = self._case(uow.conn, case_uid)
            return self._exempt(uow.conn, record)

    def _exempt(self, conn: Any, record: cases_repo.CaseRecord) -> bool:
        if any(d.informed == "exemption" for d in disclosures_repo.of_case(conn, record.id)):
            return True
        if not contact_facts(cases_repo.events(conn, record.id)).exempt:
            return False
        try:
            return self._guidance.guideline(record.guideline_id).rule("violence_exemption") \
                is not None
        except SituationError:
            return False

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

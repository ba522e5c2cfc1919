"""What every part of the plan service shares: the row type, the lookups, the session.

Why a module of its own: PlanService (services/plans.py) is put together from one class
per job (reads, writes and versions, printing); the lookups they all need (a case, a plan,
its guideline, a version by number, whether the violence exemption applies) live here
once, so each part stays small and no part imports another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.core.forms import FormDefinition, FormLibrary
from oro_desktop.core.forms.offer import forms_for_region
from oro_desktop.core.guidance import Guideline, SituationError
from oro_desktop.errors import InvalidInput
from oro_desktop.services.case_reads import contact_facts
from oro_desktop.services.form_versions import FormVersionInfo, FormVersionService
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import cases as cases_repo
from oro_desktop.store.repos import disclosures as disclosures_repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import plans as repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

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


class PlanServiceBase:
    """The session, the library and the lookups every part of PlanService uses."""

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

    def _kinds(self, guideline: Guideline) -> list[FormDefinition]:
        return forms_for_region(self.library.load_all(), guideline.region, guideline.situation,
                                kind="plan")

    def _version_uid(self, conn: Any, plan: repo.PlanRecord, number: int) -> forms_repo.FormVersion:
        for v in forms_repo.versions(conn, plan.filled_form_id):
            if v.number == number:
                found = forms_repo.get_version(conn, v.uid)
                assert found is not None
                return found
        have = plan.versions
        raise InvalidInput(f"Planen har ingen version {number} (sparade versioner: "
                           f"{'1–' + str(have) if have else 'inga'}).")

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

"""Reading cases: the paged list, one row, search as you type, and the case view.

Part of `CaseService` (services/cases.py holds the writes). Why paged like the consent
list: a clinic's register holds thousands of cases; `list_count`/`list_page` let a view
fetch only what is shown, `row(uid)` refreshes one changed row. Every read that shows a
case is audited (record_type "case"); a count shows nobody and is not.

The case view asks the guidance engine (GuidanceService) for the case's current
situation: its guideline and municipality, the initiating unit (public or private),
each consent person's own newest answer, what the case records about the contact
(whether it is a report of concern about violence or honour-related violence, and whether
the parent takes part in making it: `contact_facts`), and whether the child is born.
Person names are the keys of that situation; nobody's answer is taken for another's.

Why the violence facts are recorded and not read from the concern categories: Kronoberg's
exemption ("Samverkan vid avsaknad av samtycke", punkt 6) is about the contact, "om
kontakt med annan myndighet handlar om en orosanmälan utifrån misstanke om
våldsutsatthet eller hedersrelaterat våld och förtryck ... såvida föräldern inte är
delaktig i att en sådan kontakt tas". A case whose concern is violence may still be one
where the parent herself asks for help; only what the case records decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from oro_desktop.core.cases import (
    Case, CaseStatus, Participant, Role, concerns_of, consent_roles,
)
from oro_desktop.core.guidance import Guidance, Guideline, SituationError
from oro_desktop.core.guidance.situation import Situation, parse_situation
from oro_desktop.core.guidance.model import EXPECTED_CHILD, NEWBORN, PREGNANT_PERSON
from oro_desktop.core.persons import Person
from oro_desktop.errors import InvalidInput
from oro_desktop.services.case_views import (
    CaseRow, CaseView, ConsentEntry, ContactFacts, DisclosureEntry, HistoryEntry, PersonInCase,
    StepItem,
)
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import bht_situation
from oro_desktop.store.repos import cases as repo
from oro_desktop.store.repos import disclosures as disclosures_repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

MAX_PAGE = 1000
_STATUSES = {s.value: s for s in CaseStatus}
CONTACT_EVENT = "contact_facts"   # case_events.action of a recorded ContactFacts


def contact_facts(events: Iterable[repo.EventRecord]) -> ContactFacts:
    """What the case records about the contact: its newest `contact_facts` event, or
    nothing recorded (not a violence report; the person is told before and after)."""
    found = ContactFacts()
    for e in events:
        if e.action == CONTACT_EVENT:
            violence = bool(e.detail.get("violence"))
            found = ContactFacts(violence, violence and bool(e.detail.get("parent_takes_part")),
                                 True)
    return found


def consent_answers(consents: Iterable[repo.ConsentRecord]) -> dict[int, repo.ConsentRecord]:
    """Each person's newest answer (by the day asked, then the order recorded)."""
    newest: dict[int, repo.ConsentRecord] = {}
    for c in sorted(consents, key=lambda c: (c.asked_on, c.id)):
        newest[c.person_id] = c
    return newest


def responsible_text(user: str, unit: str) -> str:
    """The responsible user and unit together ("anna, Socialtjänsten Krokom"): a case has
    both, and showing only one hides who answers for it (issue 10)."""
    return ", ".join(part for part in (user.strip(), unit.strip()) if part)


def _unique(names: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        key = name[:100]
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key[:95]} ({seen[key]})")
    return out


class CaseReads:
    def __init__(self, session: "Session", guidance: GuidanceService, *,
                 today: Callable[[], date] = date.today,
                 now: Callable[[], datetime] | None = None) -> None:
        self._session = session
        self._guidance = guidance
        self._today = today
        self._now = now

    @property
    def guidance(self) -> GuidanceService:
        return self._guidance

    def today(self) -> date:
        return self._today()

    def now(self) -> datetime:
        if self._now is not None:
            return self._now()
        return datetime.combine(self.today(), datetime.now().time()).replace(microsecond=0)

    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    # -- lookups ---------------------------------------------------------------------------
    def _guideline(self, guideline_id: str) -> Guideline:
        try:
            return self._guidance.guideline(guideline_id)
        except SituationError as exc:
            raise InvalidInput(exc.message) from None

    @staticmethod
    def _case(conn: Any, case_id: int) -> repo.CaseRecord:
        record = repo.get_case(conn, case_id)
        if record is None:
            raise NotFound("Ärendet finns inte.")
        return record

    @staticmethod
    def _case_by_uid(conn: Any, case_uid: str) -> repo.CaseRecord:
        record = repo.get_case_by_uid(conn, str(case_uid or "")[:64])
        if record is None:
            raise NotFound("Ärendet finns inte.")
        return record

    @staticmethod
    def _person(conn: Any, person_id: int) -> Person:
        person = persons_repo.get(conn, person_id)
        if person is None:
            raise NotFound("Personen finns inte.")
        return person

    def _core(self, conn: Any, record: repo.CaseRecord) -> Case:
        """The case as core.cases.Case (its rules checked on building)."""
        parts = repo.participants(conn, record.id)
        people = persons_repo.get_many(conn, [p.person_id for p in parts])
        return Case(
            record.guideline_id, record.municipality,
            tuple(Participant(Role(p.role), people[p.person_id], p.due_date) for p in parts),
            record.opened_on, responsible_user=record.responsible_user,
            responsible_unit=record.responsible_unit, concerns=concerns_of(list(record.concerns)),
            status=_STATUSES[record.status], closed_on=record.closed_on, uid=record.uid,
            id=record.id)

    @staticmethod
    def _consent_roles(record: repo.CaseRecord, guideline: Guideline) -> frozenset[Role]:
        return consent_roles(guideline.situation, born=record.born_on is not None)

    def get(self, case_uid: str) -> Case:
        """The case as core data (audited as a read)."""
        with self._uow() as uow:
            record = self._case_by_uid(uow.conn, case_uid)
            case = self._core(uow.conn, record)
            uow.audit("read", "case", case_uid)
        return case

    # -- the list --------------------------------------------------------------------------
    def _rows(self, conn: Any, records: Sequence[repo.CaseRecord]) -> list[CaseRow]:
        parts = repo.participants_of_cases(conn, [r.id for r in records])
        people = persons_repo.get_many(conn, sorted({p.person_id for ps in parts.values()
                                                     for p in ps}))
        return [self._rows_from(r, parts.get(r.id, []), people) for r in records]

    def list_count(self, *, status: str | None = None) -> int:
        """How many cases there are (of one status: "open"/"closed")."""
        with self._uow() as uow:
            return repo.count_cases(uow.conn, status=status)

    def list_page(self, offset: int, limit: int, *, status: str | None = None) -> list[CaseRow]:
        """Rows offset..offset+limit: open cases first, newest opened first."""
        limit = max(0, min(int(limit), MAX_PAGE))
        with self._uow() as uow:
            records = repo.page_cases(uow.conn, offset, limit, status=status)
            rows = self._rows(uow.conn, records)
            if rows:
                uow.audit("read", "case", None, {"list": len(rows)})
        return rows

    def row(self, uid: str) -> CaseRow | None:
        """One row (to refresh a changed one), or None if there is no such case."""
        with self._uow() as uow:
            record = repo.get_case_by_uid(uow.conn, str(uid or "")[:64])
            if record is None:
                return None
            rows = self._rows(uow.conn, [record])
            uow.audit("read", "case", uid, {"list": 1})
        return rows[0]

    # -- the case view ---------------------------------------------------------------------
    def _situation(self, record: repo.CaseRecord, guideline: Guideline,
                   answers: Mapping[str, str], facts: ContactFacts) -> dict[str, Any]:
        """The guidance situation of a case (the format of `oro-admin guide`)."""
        return {
            "guideline": guideline.id, "municipality": record.municipality,
            "initiator": {"kind": record.initiator_kind,
                          "name": (record.responsible_unit or record.responsible_user)[:200],
                          "public": record.initiator_public},
            "consents": dict(answers), "at": self.now().strftime("%Y-%m-%d %H:%M"),
            "violence": facts.violence, "parent_takes_part": facts.parent_takes_part,
            "child_born": record.born_on is not None and guideline.situation == EXPECTED_CHILD,
        }

    def situation(self, case_uid: str) -> Situation:
        """The guidance situation of a case as core data (what the case view's guidance
        panel is given): its guideline and municipality, the initiating unit, each
        consent person's own newest answer (keyed by name; nobody answers for another),
        the recorded contact facts (violence report, parent taking part), whether the
        child is born, and now. Audited as a read of the case.

        Refused with one Swedish line (InvalidInput) when the case's guideline is not in
        the program or the case does not fit it.
        """
        with self._uow() as uow:
            conn = uow.conn
            record = self._case_by_uid(conn, case_uid)
            uow.audit("read", "case", case_uid, {"situation": True})
            return self._situation_in(conn, record, self._guideline(record.guideline_id))

    def _situation_in(self, conn: Any, record: repo.CaseRecord, guideline: Guideline) -> Situation:
        """The case's situation read on `conn` (no audit of its own)."""
        parts = repo.participants(conn, record.id)
        people = persons_repo.get_many(conn, [p.person_id for p in parts])
        newest = consent_answers(repo.consents(conn, record.id))
        roles = self._consent_roles(record, guideline)
        asked = [(people[p.person_id].name,
                  newest[p.person_id].answer if p.person_id in newest else "not_asked")
                 for p in parts if Role(p.role) in roles]
        try:
            return self._situation_of(record, guideline, asked,
                                      contact_facts(repo.events(conn, record.id)))
        except SituationError as exc:
            raise InvalidInput(exc.message) from None

    def _checklist(self, conn: Any, record: repo.CaseRecord, guideline: Guideline) -> set[str]:
        """The step ids on the case's checklist now (what the case view lists)."""
        situation = self._situation_in(conn, record, guideline)
        try:
            guidance = self._guidance.guide(situation, now=self.now())
        except SituationError as exc:
            raise InvalidInput(exc.message) from None
        return {result.step.id for result in guidance.steps}

    def _situation_of(self, record: repo.CaseRecord, guideline: Guideline,
                      asked: Sequence[tuple[str, str]], facts: ContactFacts) -> Situation:
        """The Situation from (name, answer) of each consent person, in participant order."""
        if guideline.consent_subject == PREGNANT_PERSON:
            asked = asked[:1]
        names = _unique([name for name, _a in asked]) or [guideline.person_label[:1].upper()
                                                          + guideline.person_label[1:]]
        answers = {name: (answer or "not_asked")
                   for name, (_n, answer) in zip(names, asked)} or {names[0]: "not_asked"}
        if guideline.situation == NEWBORN and len(answers) > 6:
            answers = dict(list(answers.items())[:6])
        return parse_situation(self._situation(record, guideline, answers, facts), now=self.now())

    def view(self, case_uid: str) -> CaseView:
        """Everything the case view shows (audited as one read of the case and its persons)."""
        with self._uow() as uow:
            conn = uow.conn
            record = self._case_by_uid(conn, case_uid)
            parts = repo.participants(conn, record.id)
            people = persons_repo.get_many(conn, [p.person_id for p in parts])
            consents = repo.consents(conn, record.id)
            steps = repo.step_history(conn, record.id)
            events = repo.events(conn, record.id)
            disclosures = disclosures_repo.of_case(conn, record.id)
            every = persons_repo.get_many(conn, sorted({c.person_id for c in consents}))
            uow.audit("read", "case", case_uid, {"persons": sorted(people)})
        try:
            guideline: Guideline | None = self._guidance.guideline(record.guideline_id)
        except SituationError:
            guideline = None
        by_person: dict[int, list[ConsentEntry]] = {}
        entries = []
        for c in consents:
            person = every.get(c.person_id) or people.get(c.person_id)
            entry = ConsentEntry(c.uid, person.uid if person else "", person.name if person else "?",
                                 c.answer, c.manner, c.asked_on, c.asked_by, c.filled_form_uid,
                                 c.recorded_by)
            entries.append(entry)
            by_person.setdefault(c.person_id, []).append(entry)
        newest = consent_answers(consents)
        roles = self._consent_roles(record, guideline) if guideline else frozenset()
        persons = []
        secret = bht_situation.with_secret_address(conn, (p.person_id for p in parts))
        for p in parts:
            person = people[p.person_id]
            answer = newest[p.person_id].answer if p.person_id in newest else "not_asked"
            hidden = p.person_id in secret
            persons.append(PersonInCase(
                person.uid, p.role, Role(p.role).label, person.name, person.number_display(),
                "" if hidden else person.shown_address(), "" if person.protected else person.phone,
                person.protected, p.due_date,
                answer if Role(p.role) in roles else "",
                tuple(by_person.get(p.person_id, ())), hidden))
        facts = contact_facts(events)
        situation, guidance, problem = self._guidance_for(record, guideline, persons, roles, facts)
        ticks: dict[str, repo.StepRecord] = {}
        for s in steps:
            if guideline is not None and s.guideline_id == guideline.id:
                ticks[s.step_id] = s
        items = []
        if guidance is not None:
            for result in guidance.steps:
                tick = ticks.get(result.step.id)
                items.append(StepItem(
                    result.step.id, result.alternative, result.step.number, result.step.text,
                    result.step.source, result.applies_to, result.skipped, result.skipped_reason,
                    bool(tick and tick.ticked), tick.marked_by if tick else "",
                    tick.marked_at if tick else "", tick.note if tick else ""))
        refs = self._guidance.references
        shown = [DisclosureEntry(
            d.uid, record.uid, d.disclosed_on, d.sender, d.sender_public, d.recipient,
            d.recipient_public, d.legal_basis,
            refs[d.legal_basis].display if d.legal_basis in refs else d.legal_basis,
            d.decided_by, d.informed, d.told_before_on, d.told_before, d.told_after_on,
            d.told_after, d.exemption_reason, d.filled_form_uid) for d in disclosures]
        notices = []
        if record.born_on is not None:
            ref = refs["sol-19-1"]
            notices.append(f"Barnet är fött {record.born_on.isoformat()}: vid oro gäller "
                           f"anmälningsplikt ({ref.display}).")
        if "violence" in record.concerns and not facts.recorded and record.status == "open":
            notices.append("Oron gäller våld: ange under Uppgiftslämnanden om kontakten är en "
                           "orosanmälan om våld eller hedersrelaterat våld och om föräldern är "
                           "delaktig i att kontakten tas (det avgör om föräldern informeras).")
        if guidance is not None and (guidance.validity.expired or guidance.validity.expires_soon):
            notices.append(guidance.validity.text)
        concerns = tuple((c, next((k.text for k in guideline.concern_categories if k.id == c), c)
                          if guideline else c) for c in record.concerns)
        motivate = guideline.alternative(2).motivate_consent if guideline and any(
            p.answer in ("no", "not_asked") for p in persons if p.answer) else ()
        return CaseView(
            self._rows_from(record, parts, people), concerns, tuple(persons), guidance, problem,
            tuple(items), tuple(entries), tuple(motivate), tuple(shown),
            tuple(HistoryEntry(e.happened_at, e.actor, e.action, e.text) for e in events),
            tuple(notices), situation=situation, contact=facts)

    def _rows_from(self, record: repo.CaseRecord, parts: Sequence[repo.ParticipantRecord],
                   people: Mapping[int, Person]) -> CaseRow:
        subject = "(barnet ej angivet)"
        others = []
        for p in parts:
            if p.role == Role.EXPECTED_CHILD.value:
                subject = f"Väntat barn, BF {p.due_date.isoformat() if p.due_date else '?'}"
            elif p.role == Role.CHILD.value:
                subject = people[p.person_id].name
            else:
                others.append(people[p.person_id].name)
        try:
            g = self._guidance.guideline(record.guideline_id)
            title, region = g.title, g.region
        except SituationError:
            title, region = record.guideline_id, ""
        return CaseRow(record.uid, record.guideline_id, title, region, record.municipality,
                       record.status, _STATUSES[record.status].label, record.opened_on,
                       record.closed_on, record.born_on, subject, tuple(others),
                       responsible_text(record.responsible_user, record.responsible_unit),
                       record.responsible_user, record.responsible_unit)

    def _guidance_for(self, record: repo.CaseRecord, guideline: Guideline | None,
                      persons: Sequence[PersonInCase], roles: frozenset[Role],
                      facts: ContactFacts) -> tuple[Situation | None, Guidance | None, str]:
        if guideline is None:
            return None, None, f"Riktlinjen ”{record.guideline_id}” finns inte i programmet."
        asked = [(p.name, p.answer) for p in persons if Role(p.role) in roles]
        try:
            situation = self._situation_of(record, guideline, asked, facts)
            return situation, self._guidance.guide(situation, now=self.now()), ""
        except SituationError as exc:
            return None, None, exc.message

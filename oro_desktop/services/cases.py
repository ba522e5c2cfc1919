"""Cases: open a concern under the region's guideline, and keep everything done on record.

Why a service of its own: the case is where the guideline meets the people. A midwife
or a BVC nurse opens a case, adds the persons in their roles, records each person's own
answer to the consent question, ticks the guideline's steps, and, when the expected
child is born, moves the case on. The rules (core/cases.py, core/guidance) are checked
before anything is written; every read and write is audited in the same transaction;
every write publishes `Change("case", uid, ...)` after its commit.

Rules held here, each with a test (tests/cases/):
- a consent answer is one person's own: it is recorded for exactly one participant in
  the guideline's consent role (the pregnant person; for a newborn each guardian), and
  nothing takes one parent's answer for the other's;
- a refusal is recorded like a yes and respected (the view puts that person on the
  Alternativ 2 path); asking again later is a new entry, the newest counts;
- "Barnet är fött" says that anmälningsplikt now applies (SoL (2025:400) 19 kap. 1 §,
  tidigare SoL (2001:453) 14 kap. 1 §) and, where the region has a newborn guideline,
  continues the case under it;
- a protected person's address is never in a row, a view or a history text.

Listing (`list_count`/`list_page`/`row`) and the case view live in services/case_reads.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.core.cases import (
    Case, CaseStatus, Participant, Role, concerns_of,
)
from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.guidance import Guideline
from oro_desktop.core.guidance.model import EXPECTED_CHILD, NEWBORN
from oro_desktop.core.guidance.routes import known_municipality
from oro_desktop.core.guidance.situation import sector_of
from oro_desktop.core.identity import IdentityKind, IdentityNumber, missing
from oro_desktop.core.region_setting import region_key
from oro_desktop.core.persons import Person
from oro_desktop.errors import InvalidInput
from oro_desktop.services.case_consents import (
    ANSWERS, MANNERS, CaseConsents, note_value as _note, text_value as _text,
)
from oro_desktop.services.case_reads import CONTACT_EVENT
from oro_desktop.services.case_views import BornResult, PersonInput
from oro_desktop.services.changes import Change
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.services.persons import ChildFacts, find_or_create
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import cases as repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

__all__ = ["CaseService", "PersonInput", "region_key", "ANSWERS", "MANNERS"]

EXPECTED_REASON = "Väntat barn"
NEWBORN_REASON = "Nyfött, ännu ej folkbokfört"
ANMALNINGSPLIKT = "sol-19-1"


class CaseService(CaseConsents):
    """Cases of one session; see the module docstring."""

    def __init__(self, session: "Session", guidance: GuidanceService, library: FormLibrary, *,
                 today: Callable[[], date] = date.today,
                 now: Callable[[], datetime] | None = None,
                 fonts_dir: Path | None = None) -> None:
        super().__init__(session, guidance, today=today, now=now)
        self.library = library
        self.fonts_dir = fonts_dir

    # -- which guideline -----------------------------------------------------------------
    def region_guidelines(self, situation: str | None = None) -> list[Guideline]:
        """The guidelines of the region setting (`default_region`), of one situation."""
        key = str(self._session.get_setting("default_region", "") or "")
        if not key:
            return []
        return [g for g in self._guidance.guidelines.values()
                if region_key(g.region) == key and g.situation in (EXPECTED_CHILD, NEWBORN)
                and (situation is None or g.situation == situation)]

    def default_guideline(self, situation: str | None = None) -> str | None:
        """The region setting's guideline for a new case (None: no setting, or a choice)."""
        found = sorted(self.region_guidelines(situation), key=lambda g: g.id)
        return found[0].id if len(found) == 1 else None

    def _municipality(self, guideline: Guideline, name: str) -> str:
        towns = guideline.municipalities or tuple(
            self._guidance.contacts.municipalities(guideline.region))
        found = known_municipality(towns, _text(name, "kommun"))
        if found is None:
            raise InvalidInput(f"Kommunen ”{name}” hör inte till riktlinjen {guideline.title} "
                               f"({guideline.region}).")
        return found

    # -- writes ----------------------------------------------------------------------------
    def open(self, municipality: str, *, guideline_id: str | None = None,
             situation: str | None = None, due_date: date | None = None,
             child: PersonInput | None = None, concerns: Iterable[str] = (),
             initiator_kind: str = "", initiator_public: bool = True,
             responsible_user: str | None = None, responsible_unit: str | None = None,
             opened_on: date | None = None, uid: str | None = None) -> str:
        """Open a case and return its uid.

        Without `guideline_id` the region setting decides (`default_guideline`). A case
        about an expected child needs `due_date` (the expected child becomes its own
        person without a number); a newborn's case needs `child`.
        """
        if guideline_id is None:
            if situation is None:
                situation = NEWBORN if child is not None and due_date is None else (
                    EXPECTED_CHILD if due_date is not None else None)
            guideline_id = self.default_guideline(situation)
            if guideline_id is None:
                raise InvalidInput("Välj riktlinje för ärendet (regioninställningen anger "
                                   "ingen ensam riktlinje för den här situationen).")
        guideline = self._guideline(guideline_id)
        town = self._municipality(guideline, municipality)
        known = {c.id for c in guideline.concern_categories}
        wanted = sorted(set(concerns))
        unknown = [c for c in wanted if c not in known]
        if unknown:
            raise InvalidInput(f"Okänd oroskategori ”{unknown[0]}” för riktlinjen "
                               f"{guideline.id} (kända: {', '.join(sorted(known))}).")
        kind = _text(initiator_kind or ("BVC" if guideline.situation == NEWBORN
                                         else "barnmorskemottagning"), "verksamhet")
        if sector_of(kind) is None:
            raise InvalidInput(f"Okänd verksamhet ”{kind}” (t.ex. barnmorskemottagning, BVC, "
                               "BB, socialtjänsten).")
        user = _text(self._session.user.name if responsible_user is None else responsible_user,
                     "ansvarig", required=False)
        unit = _text(str(self._session.get_setting("unit_name", "") or "")
                     if responsible_unit is None else responsible_unit, "ansvarig enhet",
                     required=False)
        day = opened_on or self.today()
        if guideline.situation == EXPECTED_CHILD:
            if due_date is None:
                raise InvalidInput("Ange beräknat förlossningsdatum för det väntade barnet.")
            if child is not None:
                raise InvalidInput("Ett ärende om ett väntat barn har inget fött barn ännu.")
        elif child is None:
            raise InvalidInput("Ange barnet som ärendet gäller.")
        changes: list[Change] = []
        with self._uow() as uow:
            conn = uow.conn
            if guideline.situation == EXPECTED_CHILD:
                assert due_date is not None
                subject_id = persons_repo.insert(conn, uow.actor, missing(EXPECTED_REASON),
                                                 f"Väntat barn (BF {due_date.isoformat()})")
                subject = self._person(conn, subject_id)
                changes.append(Change("person", subject.uid, "created"))
                role, due = Role.EXPECTED_CHILD, due_date
            else:
                assert child is not None
                subject = self._resolve(uow, child, changes)
                role, due = Role.CHILD, None
            Case(guideline.id, town, (Participant(role, subject, due),), day,
                 responsible_user=user, responsible_unit=unit,
                 concerns=concerns_of(wanted))  # the core rules, before the write
            case_id = repo.insert_case(
                conn, uow.actor, guideline_id=guideline.id, municipality=town,
                responsible_user=user, responsible_unit=unit, initiator_kind=kind,
                initiator_public=initiator_public, concerns=wanted, opened_on=day, uid=uid)
            record = self._case(conn, case_id)
            repo.add_participant(conn, uow.actor, case_id, subject.id, role.value, due)
            private = "" if initiator_public else " (privat verksamhet)"
            repo.add_event(conn, uow.actor, case_id, "open",
                           f"Ärendet öppnades enligt {guideline.title}, {town}; initierat av "
                           f"{kind}{private}.", {"guideline": guideline.id})
            uow.audit("create", "case", record.uid, {"guideline": guideline.id})
        self._publish(Change("case", record.uid, "created"), *changes)
        return record.uid

    def add_person(self, case_uid: str, role: Role | str, person: PersonInput) -> str:
        """Add a person in a role (core rules: one pregnant person, two guardians, ...);
        returns the person's uid."""
        role = Role(role)
        if role in (Role.CHILD, Role.EXPECTED_CHILD):
            raise InvalidInput("Barnet läggs till när ärendet öppnas.")
        changes: list[Change] = []
        with self._uow() as uow:
            record = self._open_case(uow.conn, case_uid)
            stored = self._resolve(uow, person, changes)
            case = self._core(uow.conn, record)
            case.with_participant(Participant(role, stored))  # raises if a rule is broken
            repo.add_participant(uow.conn, uow.actor, record.id, stored.id, role.value)
            repo.add_event(uow.conn, uow.actor, record.id, "add_person",
                           f"{stored.name} lades till som {role.label.lower()}.",
                           {"person": stored.uid, "role": role.value})
            uow.audit("update", "case", case_uid, {"add_person": stored.id, "role": role.value})
        self._publish(*changes, Change("case", case_uid, "updated"))
        return stored.uid

    def tick_step(self, case_uid: str, step_id: str, *, note: str = "",
                  ticked: bool = True) -> None:
        """Tick (or untick) a step of the case's guideline; every mark is kept.

        Only a step on the case's checklist now (the guidance's steps for its situation)
        can be ticked: an Alternativ 1 step after the only person said no, or a step of the
        other initiating sector, is refused and nothing is written. Unticking is always
        allowed, so a mark made before the situation changed can be taken back."""
        text = _note(note, "anteckningen")
        with self._uow() as uow:
            record = self._open_case(uow.conn, case_uid)
            guideline = self._guideline(record.guideline_id)
            steps = {s.id: s for a in guideline.alternatives for s in a.steps}
            if step_id != "ask-consent" and step_id not in steps:
                raise InvalidInput(f"Steget ”{step_id}” finns inte i riktlinjen {guideline.id}.")
            if ticked and step_id not in self._checklist(uow.conn, record, guideline):
                raise InvalidInput(f"Steget ”{step_id}” hör inte till ärendets checklista nu "
                                   "(det gäller en annan väg eller part) och kan inte bockas av.")
            repo.mark_step(uow.conn, uow.actor, record.id, guideline.id, step_id, ticked, text)
            label = (f"Steg {steps[step_id].number} (Alternativ "
                     f"{self._alternative_of(guideline, step_id)})") if step_id in steps \
                else "Frågan om samtycke"
            repo.add_event(uow.conn, uow.actor, record.id, "tick" if ticked else "untick",
                           f"{label} {'bockades av' if ticked else 'avbockades'}"
                           + (f": {text}" if text else "."), {"step": step_id})
            uow.audit("update", "case", case_uid, {"step": step_id, "ticked": ticked})
        self._publish(Change("case", case_uid, "updated"))

    def set_contact_facts(self, case_uid: str, *, violence: bool,
                          parent_takes_part: bool = False) -> None:
        """Record whether the case's contact is a report of concern about violence or
        honour-related violence, and whether the parent takes part in making it.

        Why: Kronoberg's exemption from telling the parent (Samverkan vid avsaknad av
        samtycke, punkt 6) applies to such a report only when the parent is not part of
        it; the guidance and the disclosure record read these facts, never the concern
        categories. Every change is a history entry and audited; the newest counts.
        """
        violence = bool(violence)
        takes_part = violence and bool(parent_takes_part)
        with self._uow() as uow:
            record = self._open_case(uow.conn, case_uid)
            if not violence:
                text = "Kontakten gäller inte en orosanmälan om våld eller hedersrelaterat våld."
            elif takes_part:
                text = ("Kontakten gäller en orosanmälan om våld eller hedersrelaterat våld som "
                        "föräldern är delaktig i.")
            else:
                text = ("Kontakten gäller en orosanmälan om våld eller hedersrelaterat våld som "
                        "föräldern inte är delaktig i.")
            repo.add_event(uow.conn, uow.actor, record.id, CONTACT_EVENT, text,
                           {"violence": violence, "parent_takes_part": takes_part})
            uow.audit("update", "case", case_uid,
                      {"violence": violence, "parent_takes_part": takes_part})
        self._publish(Change("case", case_uid, "updated"))

    @staticmethod
    def _alternative_of(guideline: Guideline, step_id: str) -> int:
        return next(a.number for a in guideline.alternatives if any(s.id == step_id for s in a.steps))

    def child_born(self, case_uid: str, born_on: date, *, child: PersonInput | None = None) -> BornResult:
        """"Barnet är fött": the expected child becomes the child, the pregnant person a
        guardian, anmälningsplikt applies, and the region's newborn guideline (if any)
        takes over."""
        if born_on > self.today():
            raise InvalidInput("Födelsedatumet kan inte ligga i framtiden.")
        changes: list[Change] = []
        with self._uow() as uow:
            conn = uow.conn
            record = self._open_case(conn, case_uid)
            if record.born_on is not None:
                raise InvalidInput("Barnet är redan registrerat som fött i ärendet.")
            guideline = self._guideline(record.guideline_id)
            case = self._core(conn, record)
            if not case.is_expected_child:
                raise InvalidInput("Ärendet gäller inget väntat barn.")
            parts = repo.participants(conn, record.id)
            expected = next(p for p in parts if p.role == Role.EXPECTED_CHILD.value)
            if child is not None and (child.uid or child.identity is not None):
                baby = self._resolve(uow, child, changes)
            else:
                old = self._person(conn, expected.person_id)
                name = _text(child.name, "barnets namn") if child is not None and child.name \
                    else old.name.replace("Väntat barn", "Nyfött barn")
                persons_repo.update(conn, uow.actor, old.id, name=name, address=old.address,
                                    phone=old.phone, protected=old.protected,
                                    reason=NEWBORN_REASON)
                baby = self._person(conn, old.id)
                changes.append(Change("person", baby.uid, "updated"))
            case.born(baby)  # the core rules for the new roles
            for p in parts:
                if p.role == Role.EXPECTED_CHILD.value:
                    repo.end_participant(conn, uow.actor, p.id)
                elif p.role == Role.PREGNANT.value:
                    repo.end_participant(conn, uow.actor, p.id)
            repo.add_participant(conn, uow.actor, record.id, baby.id, Role.CHILD.value)
            for p in parts:
                if p.role == Role.PREGNANT.value:
                    repo.add_participant(conn, uow.actor, record.id, p.person_id,
                                         Role.GUARDIAN.value)
            newborn = self._newborn_guideline(guideline, record.municipality)
            values: dict[str, Any] = {"born_on": born_on}
            if newborn is not None:
                values["guideline_id"] = newborn.id
            repo.update_case(conn, uow.actor, record.id, **values)
            notice = self.anmalningsplikt_notice()
            text = f"Barnet är fött {born_on.isoformat()}. {notice}"
            if newborn is not None:
                text += f" Ärendet fortsätter enligt {newborn.title}."
            repo.add_event(conn, uow.actor, record.id, "born", text,
                           {"born_on": born_on.isoformat(),
                            "guideline": newborn.id if newborn else guideline.id})
            uow.audit("update", "case", case_uid, {"born_on": born_on.isoformat()})
        self._publish(*changes, Change("case", case_uid, "updated"))
        return BornResult(case_uid, born_on, notice,
                          newborn.id if newborn else guideline.id, newborn.id if newborn else "")

    def anmalningsplikt_notice(self) -> str:
        ref = self._guidance.references[ANMALNINGSPLIKT]
        return (f"Nu när barnet är fött gäller anmälningsplikt: vid oro för att barnet far "
                f"illa ska en orosanmälan göras till socialtjänsten ({ref.display}).")

    def _newborn_guideline(self, guideline: Guideline, municipality: str) -> Guideline | None:
        for g in self._guidance.for_region(guideline.region, NEWBORN):
            towns = g.municipalities or tuple(self._guidance.contacts.municipalities(g.region))
            if known_municipality(towns, municipality) is not None:
                return g
        return None

    def close(self, case_uid: str, on: date | None = None) -> None:
        """Close the case on `on` (today by default): from then on it is read-only (every
        write refuses a closed case); there is no reopening. A history event says when."""
        day = on or self.today()
        if day > self.today():
            raise InvalidInput("Ärendet kan inte avslutas med ett datum i framtiden.")
        with self._uow() as uow:
            record = self._case_by_uid(uow.conn, case_uid)
            self._core(uow.conn, record).close(day)  # refuses closed / before opened
            repo.update_case(uow.conn, uow.actor, record.id, status=CaseStatus.CLOSED.value,
                             closed_on=day)
            repo.add_event(uow.conn, uow.actor, record.id, "close",
                           f"Ärendet avslutades {day.isoformat()}.")
            uow.audit("update", "case", case_uid, {"closed_on": day.isoformat()})
        self._publish(Change("case", case_uid, "updated"))

    # -- helpers ----------------------------------------------------------------------------
    def _resolve(self, uow: Any, person: PersonInput, changes: list[Change]) -> Person:
        """A stored person (by uid), found again by number, or new (no number: always new)."""
        conn = uow.conn
        if person.uid:
            found = persons_repo.get_by_uid(conn, person.uid)
            if found is None:
                raise NotFound("Personen finns inte.")
            return found
        name = _text(person.name, "namn")
        identity = person.identity
        if identity is None:
            raise InvalidInput(f"Ange personnummer för {name}, eller varför det saknas.")
        address = _note(person.address, "adressen", limit=500)
        phone = _text(person.phone, "telefonnummer", limit=60, required=False)
        if identity.kind is IdentityKind.SAKNAS:
            pid = persons_repo.insert(conn, uow.actor, identity, name, address=address,
                                      phone=phone, protected=person.protected)
            uow.audit("create", "person", pid, {"kind": identity.kind.value})
            stored = self._person(conn, pid)
            changes.append(Change("person", stored.uid, "created"))
            return stored
        stored, _ = find_or_create(uow, ChildFacts(identity, name, address, phone, person.protected),
                                   changes=changes)
        return stored



_ = IdentityNumber  # re-exported for callers building a PersonInput

"""Disclosures without consent (Alternativ 2): record one, tell afterwards, list the untold.

Why a service of its own: a disclosure without consent is the one act in the working
model the law limits most, so the record refuses what the law does not allow, whoever
fills it in (core/guidance/disclosure.py):

- only on a legal basis of the case's guideline for Alternativ 2 (OSL 25 kap. 12 § from
  healthcare, OSL 26 kap. 9 § from social services), each from its own sector;
- only between public bodies: a private sender or recipient is refused with the
  guidance warning (the secrecy-breaking provisions do not apply; a private provider's
  confidentiality follows Patientsäkerhetslagen 6 kap. 12 §);
- only when someone in the case has said no (otherwise it is not "without consent");
- the person is told before (when, what) and afterwards (when, what), or, only where
  the guideline has the violence exemption (Kronoberg), not at all, with the reason.

The record is a filled form of `uppgiftslamnande-utan-samtycke` (its versions are kept)
with columns beside it (store/repos/disclosures.py). Audited; publishes
`Change("disclosure", uid, ...)` and `Change("case", case_uid, "updated")` after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from collections.abc import Iterable

from oro_desktop.core.cases import Role, consent_roles
from oro_desktop.core.forms import FormLibrary, validate
from oro_desktop.core.guidance import Guideline, SituationError
from oro_desktop.errors import InvalidInput
from oro_desktop.services.case_reads import consent_answers, contact_facts
from oro_desktop.services.case_views import DisclosureEntry, PersonToTell
from oro_desktop.services.changes import Change
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import cases as cases_repo
from oro_desktop.store.repos import disclosures as repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

FORM_ID = "uppgiftslamnande-utan-samtycke"
EXEMPTION_GROUNDS = ("vald", "heder")


class DisclosureRefused(InvalidInput):
    """The law does not allow this disclosure; `warnings` are the guidance's (code, text)."""

    def __init__(self, message: str, warnings: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(message)
        self.warnings = warnings


@dataclass(frozen=True)
class Party:
    """A party of a disclosure: its unit (name), kind of unit ("BVC", "socialtjänsten"),
    and whether it is public."""

    name: str
    kind: str
    public: bool


def _text(value: str, what: str, *, limit: int = 200, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise InvalidInput(f"Ange {what}.")
    if len(text) > limit:
        raise InvalidInput(f"{what[:1].upper()}{what[1:]} är för lång (högst {limit} tecken).")
    return text


# -- the rules, as functions: the service and the import check (cases_import_check.py) ----
# call the same ones, so a register file cannot bring in what the service refuses.

def require_basis(guideline: Guideline, legal_basis: str) -> None:
    """Only a legal basis of the guideline's Alternativ 2 that is a disclosure ground."""
    bases = [b.ref for b in guideline.alternative(2).legal_bases]
    if legal_basis not in bases or legal_basis not in ("osl-25-12", "osl-26-9"):
        raise InvalidInput(f"Lagrummet ”{legal_basis}” är inte en grund för "
                           f"uppgiftslämnande utan samtycke i {guideline.title}.")


def require_refusal(answers: Iterable[str]) -> None:
    """Without consent only when consent is lacking: someone in the case has said no."""
    if "no" not in set(answers):
        raise InvalidInput("Uppgifter lämnas utan samtycke bara när samtycke saknas: "
                           "ingen i ärendet har svarat nej. Anteckna svaret först.")


#: The exemption is chosen per disclosure but rests on what the case records about the
#: contact (CaseService.set_contact_facts): a report about violence the parent is not part of.
NOT_EXEMPT = ("Undantaget från att informera gäller bara när ärendet anger att kontakten är en "
              "orosanmälan om våld eller hedersrelaterat våld som föräldern inte själv är delaktig "
              "i. Ange det under \u201dKontakten\u201d i ärendet först, eller informera personen "
              "före och efter.")


def telling(guideline: Guideline, on: date, before_on: date | None, before: str,
            after_on: date | None, after: str, exemption: str | None,
            reason: str) -> tuple[str, str, str, str]:
    """Told before and after, or (only where the guideline has the violence exemption)
    not at all, with the reason: (informed, told before, told after, exemption reason)."""
    if exemption is not None:
        if guideline.rule("violence_exemption") is None:
            raise InvalidInput(f"{guideline.title} har inget undantag från att informera "
                               "personen: informera före och efter kontakten.")
        if exemption not in EXEMPTION_GROUNDS:
            raise InvalidInput("Undantaget gäller en orosanmälan om våld (vald) eller "
                               "hedersrelaterat våld (heder).")
        if before_on or before or after_on or after:
            raise InvalidInput("Vid undantaget informeras personen inte; ange inte när "
                               "personen informerades.")
        return "exemption", "", "", _text(reason, "skälet för undantaget", limit=4000)
    if before_on is None or not str(before or "").strip():
        raise InvalidInput("Ange när personen informerades före kontakten och vad som sades "
                           "(eller undantaget, där riktlinjen har det).")
    if before_on > on:
        raise InvalidInput("Personen ska informeras före kontakten: datumet ligger efter "
                           "uppgiftslämnandet.")
    text_before = _text(before, "vad personen fick veta före", limit=4000)
    text_after = ""
    if after_on is not None or str(after or "").strip():
        if after_on is None or not str(after or "").strip():
            raise InvalidInput("Ange både när personen informerades efteråt och vad som sades.")
        if after_on < on:
            raise InvalidInput("Informationen efteråt kan inte ligga före uppgiftslämnandet.")
        text_after = _text(after, "vad personen fick veta efteråt", limit=4000)
    return "yes", text_before, text_after, ""


class DisclosureService:
    def __init__(self, session: "Session", guidance: GuidanceService, library: FormLibrary, *,
                 today: Callable[[], date] = date.today) -> None:
        self._session = session
        self._guidance = guidance
        self.library = library
        self._today = today

    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    def _to_tell(self, conn: Any, case: cases_repo.CaseRecord) -> tuple[PersonToTell, ...]:
        """Whom the case's disclosures are to be told about: the persons in the consent
        role whose own newest answer is no (all in that role if none has said no, e.g. an
        imported case). Names only: a protected person is marked, never addressed."""
        try:
            situation = self._guidance.guideline(case.guideline_id).situation
        except SituationError:
            situation = ""
        roles = (consent_roles(situation, born=case.born_on is not None) if situation
                 else frozenset({Role.PREGNANT, Role.GUARDIAN}))
        parts = [p for p in cases_repo.participants(conn, case.id) if Role(p.role) in roles]
        newest = consent_answers(cases_repo.consents(conn, case.id))
        said_no = [p for p in parts if p.person_id in newest
                   and newest[p.person_id].answer == "no"]
        chosen = said_no or parts
        people = persons_repo.get_many(conn, [p.person_id for p in chosen])
        return tuple(PersonToTell(people[p.person_id].uid, people[p.person_id].name,
                                  people[p.person_id].protected) for p in chosen)

    def _entry(self, d: repo.DisclosureRecord, case_uid: str,
               to_tell: tuple[PersonToTell, ...] = ()) -> DisclosureEntry:
        refs = self._guidance.references
        return DisclosureEntry(
            d.uid, case_uid, d.disclosed_on, d.sender, d.sender_public, d.recipient,
            d.recipient_public, d.legal_basis,
            refs[d.legal_basis].display if d.legal_basis in refs else d.legal_basis,
            d.decided_by, d.informed, d.told_before_on, d.told_before, d.told_after_on,
            d.told_after, d.exemption_reason, d.filled_form_uid, to_tell)

    def record(self, case_uid: str, *, disclosed_on: date, sender: Party, recipient: Party,
               legal_basis: str, content: str, decided_by: str,
               told_before_on: date | None = None, told_before: str = "",
               told_after_on: date | None = None, told_after: str = "",
               exemption: str | None = None, exemption_reason: str = "",
               uid: str | None = None) -> str:
        """Record a disclosure without consent; DisclosureRefused when the law says no."""
        if disclosed_on > self._today():
            raise InvalidInput("Datumet för uppgiftslämnandet kan inte ligga i framtiden.")
        what = _text(content, "vad som lämnades", limit=4000)
        who = _text(decided_by, "vem som beslutade")
        sender_name = _text(sender.name, "vilken verksamhet som lämnade uppgifterna")
        recipient_name = _text(recipient.name, "vilken verksamhet som fick uppgifterna")
        with self._uow() as uow:
            conn = uow.conn
            case = cases_repo.get_case_by_uid(conn, str(case_uid)[:64])
            if case is None:
                raise NotFound("Ärendet finns inte.")
            if case.status != "open":
                raise InvalidInput("Ärendet är avslutat.")
            try:
                guideline = self._guidance.guideline(case.guideline_id)
            except SituationError as exc:
                raise InvalidInput(exc.message) from None
            require_basis(guideline, legal_basis)
            try:
                check = self._guidance.check_disclosure(
                    (sender.kind, sender_name, sender.public),
                    (recipient.kind, recipient_name, recipient.public), legal_basis)
            except SituationError as exc:
                raise InvalidInput(exc.message) from None
            if not check.allowed:
                warnings = tuple((w.code, w.text) for w in check.warnings)
                raise DisclosureRefused(" ".join(t for _, t in warnings), warnings)
            newest = consent_answers(cases_repo.consents(conn, case.id))
            require_refusal(c.answer for c in newest.values())
            informed, before, after, reason = telling(
                guideline, disclosed_on, told_before_on, told_before, told_after_on, told_after,
                exemption, exemption_reason)
            if informed == "exemption" and not contact_facts(cases_repo.events(conn, case.id)).exempt:
                raise InvalidInput(NOT_EXEMPT)
            data = self._form_data(guideline.id, disclosed_on, who, legal_basis, what,
                                   sender_name, sender.public, recipient_name, recipient.public,
                                   informed, told_before_on, before, told_after_on, after,
                                   exemption, reason)
            definition = self.library.get(FORM_ID)
            problems = validate(definition, data, today=self._today())
            if problems:
                raise InvalidInput(" ".join(p.message for p in problems))
            form_row = forms_repo.insert(conn, uow.actor, definition.id, definition.version, data)
            row_id = repo.insert(
                conn, uow.actor, case.id, form_row, disclosed_on=disclosed_on,
                sender=sender_name, sender_public=sender.public, recipient=recipient_name,
                recipient_public=recipient.public, legal_basis=legal_basis, decided_by=who,
                informed=informed, told_before_on=told_before_on if informed == "yes" else None,
                told_before=before, told_after_on=told_after_on if after else None,
                told_after=after, exemption_reason=reason, uid=uid)
            disclosure_uid = conn.execute("SELECT uid FROM disclosures WHERE id = ?",
                                          (row_id,)).fetchone()[0]
            cite = self._guidance.references[legal_basis].display
            tail = ("Personen informeras inte (undantag: " + reason + ")." if informed == "exemption"
                    else f"Informerad före {told_before_on.isoformat() if told_before_on else ''}.")
            cases_repo.add_event(conn, uow.actor, case.id, "disclosure",
                                 f"Uppgifter lämnades utan samtycke {disclosed_on.isoformat()} "
                                 f"från {sender_name} till {recipient_name} enligt {cite}, "
                                 f"beslutat av {who}. {tail}", {"disclosure": disclosure_uid})
            uow.audit("create", "disclosure", disclosure_uid,
                      {"case": case.uid, "basis": legal_basis})
        self._session.changes.publish(Change("disclosure", disclosure_uid, "created"),
                                      Change("case", case.uid, "updated"))
        return str(disclosure_uid)

    @staticmethod
    def _form_data(guideline_id: str, on: date, who: str, basis: str, what: str, sender: str,
                   sender_public: bool, recipient: str, recipient_public: bool, informed: str,
                   before_on: date | None, before: str, after_on: date | None, after: str,
                   exemption: str | None, reason: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "riktlinje": guideline_id, "datum": on.isoformat(), "beslut_av": who,
            "lagrum": basis, "vad_lamnades": what,
            "fran_regi": "offentlig" if sender_public else "privat", "fran_enhet": sender,
            "till_regi": "offentlig" if recipient_public else "privat", "till_enhet": recipient,
            "informeras": "ja" if informed == "yes" else "undantag",
        }
        if informed == "yes":
            data.update(fore_datum=before_on.isoformat() if before_on else "", fore_vad=before)
            if after:
                data.update(efter_datum=after_on.isoformat() if after_on else "", efter_vad=after)
        else:
            data.update(undantag_grund=exemption, undantag_ej_delaktig="nej", undantag_skal=reason)
        return data

    def tell_after(self, disclosure_uid: str, on: date, what: str) -> None:
        """The person has been told that the contact was made and what came of it."""
        text = _text(what, "vad personen fick veta efteråt", limit=4000)
        if on > self._today():
            raise InvalidInput("Datumet kan inte ligga i framtiden.")
        with self._uow() as uow:
            conn = uow.conn
            d = repo.get_by_uid(conn, str(disclosure_uid)[:64])
            if d is None:
                raise NotFound("Uppgiftslämnandet finns inte.")
            if d.informed != "yes":
                raise InvalidInput("Vid undantaget informeras personen inte.")
            if d.told_after_on is not None:
                raise InvalidInput("Personen är redan informerad efteråt.")
            if on < d.disclosed_on:
                raise InvalidInput("Informationen efteråt kan inte ligga före uppgiftslämnandet.")
            form = forms_repo.get(conn, d.filled_form_id)
            assert form is not None
            data = dict(form.data)
            data.update(efter_datum=on.isoformat(), efter_vad=text)
            definition = self.library.get(form.form_id, form.form_version)
            problems = validate(definition, data, today=self._today())
            if problems:
                raise InvalidInput(" ".join(p.message for p in problems))
            forms_repo.add_version(conn, uow.actor, form.id, data)
            repo.set_told_after(conn, d.id, on, text)
            case = cases_repo.get_case(conn, d.case_id)
            assert case is not None
            cases_repo.add_event(conn, uow.actor, d.case_id, "told_after",
                                 f"Personen informerades {on.isoformat()} om att kontakten "
                                 "tagits och vad som framkommit.", {"disclosure": d.uid})
            uow.audit("update", "disclosure", d.uid, {"told_after": on.isoformat()})
        self._session.changes.publish(Change("disclosure", d.uid, "updated"),
                                      Change("case", case.uid, "updated"))

    def for_case(self, case_uid: str) -> list[DisclosureEntry]:
        with self._uow() as uow:
            case = cases_repo.get_case_by_uid(uow.conn, str(case_uid)[:64])
            if case is None:
                raise NotFound("Ärendet finns inte.")
            found = repo.of_case(uow.conn, case.id)
            to_tell = self._to_tell(uow.conn, case) if found else ()
            uow.audit("read", "disclosure", None, {"case": case.uid, "list": len(found)})
        return [self._entry(d, case.uid, to_tell) for d in found]

    def to_tell_after(self) -> list[DisclosureEntry]:
        """Disclosures whose person is still to be told afterwards (for Att göra)."""
        with self._uow() as uow:
            found = repo.to_tell_after(uow.conn)
            uids: dict[int, str] = {}
            people: dict[int, tuple[PersonToTell, ...]] = {}
            for case_id in {d.case_id for d in found}:
                case = cases_repo.get_case(uow.conn, case_id)
                uids[case_id] = case.uid if case is not None else ""
                people[case_id] = self._to_tell(uow.conn, case) if case is not None else ()
            if found:
                uow.audit("read", "disclosure", None, {"to_tell_after": len(found)})
        return [self._entry(d, uids[d.case_id], people[d.case_id]) for d in found]

"""Recording a consent answer in a case: one person's own answer, as a filled form.

Part of `CaseService` (services/cases.py opens cases and holds the other writes;
services/case_reads.py the reads). Why its own module: the consent of the working model
is a form definition on the engine, offered for the case's region and situation
(`core.forms.offer.forms_for_region`) and filled through its field roles (`binds:`), and
that is a job of its own.

Rules held here, each with a test (tests/cases/):
- the answer is recorded for exactly one participant in the guideline's consent role
  (the pregnant person; for a newborn each guardian for himself/herself); nothing takes
  one parent's answer for the other's;
- written (signed) or oral and documented (who asked, when, what was said); a refusal is
  recorded like a yes; asking again later is a new entry.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from oro_desktop.core.cases import CaseStatus, Role
from oro_desktop.core.forms import FormDefinition, validate
from oro_desktop.core.forms.offer import forms_for_region
from oro_desktop.core.guidance import Guideline
from oro_desktop.core.guidance.situation import sector_of
from oro_desktop.core.persons import Person
from oro_desktop.errors import InvalidInput
from oro_desktop.services.case_search import CaseSearching
from oro_desktop.services.changes import Change
from oro_desktop.store.repos import cases as repo
from oro_desktop.store.repos import forms as forms_repo

ANSWERS = ("yes", "no")
MANNERS = ("written", "oral")
MAX_TEXT = 200
MAX_NOTE = 2000


def text_value(value: str, what: str, *, limit: int = MAX_TEXT, required: bool = True) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise InvalidInput(f"Ange {what}.")
    if len(text) > limit:
        raise InvalidInput(f"{what[:1].upper()}{what[1:]} är för lång (högst {limit} tecken).")
    return text


def note_value(value: str, what: str, *, limit: int = MAX_NOTE, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise InvalidInput(f"Ange {what}.")
    if len(text) > limit:
        raise InvalidInput(f"{what[:1].upper()}{what[1:]} är för lång (högst {limit} tecken).")
    return text


class CaseConsents(CaseSearching):
    """The consent answers of a case; `CaseService` adds the other writes."""

    library: Any  # FormLibrary, set by CaseService
    fonts_dir: Path | None = None  # for printing a consent form, set by CaseService

    def consent_form(self, case_uid: str) -> FormDefinition:
        """The working model's consent form offered for this case's region and situation."""
        with self._uow() as uow:
            record = self._case_by_uid(uow.conn, case_uid)
        return self._consent_definition(self._guideline(record.guideline_id))

    def _consent_definition(self, guideline: Guideline) -> FormDefinition:
        found = forms_for_region(self.library.load_all(), guideline.region, guideline.situation,
                                 kind="contact_consent")
        if not found:
            raise InvalidInput(f"Det finns ingen samtyckesblankett för {guideline.region} "
                               f"({guideline.title}).")
        return found[0]

    def record_consent(self, case_uid: str, person_uid: str, *, answer: str, manner: str,
                       asked_on: date, asked_by: str, function: str, content: str,
                       contact: str = "", said: str = "", contact_info: str = "",
                       uid: str | None = None) -> str:
        """One person's own answer (yes/no, written/oral) as a filled consent form.

        The person must be in the guideline's consent role: the pregnant person, or for a
        newborn one of the guardians; the answer is that person's only. Returns the
        consent's uid.
        """
        if answer not in ANSWERS:
            raise InvalidInput("Svaret ska vara ja eller nej.")
        if manner not in MANNERS:
            raise InvalidInput("Ange om svaret lämnades skriftligt eller muntligt.")
        if asked_on > self.today():
            raise InvalidInput("Datumet för svaret kan inte ligga i framtiden.")
        who = text_value(asked_by, "vem som ställde frågan")
        with self._uow() as uow:
            conn = uow.conn
            record = self._open_case(conn, case_uid)
            guideline = self._guideline(record.guideline_id)
            person, part = self._consent_person(conn, record, guideline, person_uid)
            definition = self._consent_definition(guideline)
            data = self._consent_data(conn, record, guideline, definition, person, answer=answer,
                                      manner=manner, asked_on=asked_on, asked_by=who,
                                      function=function, content=content, contact=contact,
                                      said=said, contact_info=contact_info)
            problems = validate(definition, data, today=self.today())
            if problems:
                raise InvalidInput(" ".join(p.message for p in problems))
            form_id = forms_repo.insert(conn, uow.actor, definition.id, definition.version, data)
            consent_uid = repo.add_consent(conn, uow.actor, record.id, person.id, form_id,
                                           answer=answer, manner=manner, asked_on=asked_on,
                                           asked_by=who, uid=uid)
            words = "ja" if answer == "yes" else "nej"
            way = "skriftligt" if manner == "written" else "muntligt"
            repo.add_event(conn, uow.actor, record.id, "consent",
                           f"{person.name} ({part.lower()}) svarade {words} ({way}), "
                           f"tillfrågad {asked_on.isoformat()} av {who}.",
                           {"consent": consent_uid, "person": person.uid, "answer": answer})
            uow.audit("create", "case_consent", consent_uid,
                      {"case": case_uid, "person": person.id, "answer": answer})
        self._publish(Change("case", case_uid, "updated"))
        return consent_uid

    def consent_pdf(self, case_uid: str, person_uid: str, *, asked_by: str, function: str,
                    content: str, contact: str = "", contact_info: str = "") -> bytes:
        """The region's consent form filled for one person, to print for her or his own
        signature (a written consent: printed, signed, then registered with
        `record_consent(manner="written")`). The answer and the signature are left for
        the paper. Audited as a read; the print or save itself through
        `record_consent_output`. Rendered in memory, never written to disk here.
        """
        if self.fonts_dir is None:
            raise InvalidInput("Blanketten kan inte skrivas ut här (inga typsnitt).")
        who = text_value(asked_by, "vem som ställer frågan")
        with self._uow() as uow:
            conn = uow.conn
            record = self._open_case(conn, case_uid)
            guideline = self._guideline(record.guideline_id)
            person, _part = self._consent_person(conn, record, guideline, person_uid)
            definition = self._consent_definition(guideline)
            data = self._consent_data(conn, record, guideline, definition, person, answer=None,
                                      manner="written", asked_on=self.today(), asked_by=who,
                                      function=function, content=content, contact=contact,
                                      said="", contact_info=contact_info)
            uow.audit("read", "case_consent", None, {"case": case_uid, "person": person.id,
                                                      "form": definition.id, "preview": True})
        from oro_desktop.services.output import render_form_pdf

        return render_form_pdf(definition, data, self.fonts_dir)

    def record_consent_output(self, case_uid: str, action: str, detail: dict[str, Any]) -> None:
        """A printed ("print") or saved ("export") consent form of the case, audited."""
        if action not in ("print", "export"):
            raise InvalidInput("Okänd utskriftshändelse.")
        kept = {str(k)[:40]: str(v)[:500] for k, v in list(detail.items())[:10]}
        with self._uow() as uow:
            record = self._case_by_uid(uow.conn, case_uid)
            uow.audit(action, "case_consent", None, {"case": record.uid, **kept})

    def _consent_person(self, conn: Any, record: repo.CaseRecord, guideline: Guideline,
                        person_uid: str) -> tuple[Person, str]:
        allowed = self._consent_roles(record, guideline)
        for p in repo.participants(conn, record.id):
            person = self._person(conn, p.person_id)
            if person.uid == person_uid:
                role = Role(p.role)
                if role not in allowed:
                    who = " eller ".join(sorted(r.label.lower() for r in allowed))
                    raise InvalidInput(f"{person.name} är {role.label.lower()} i ärendet; "
                                       f"samtycke enligt riktlinjen lämnas av {who}, var och en "
                                       "för sig själv.")
                return person, role.label
        raise InvalidInput("Personen finns inte i ärendet. Lägg till personen först; ingen kan "
                           "svara för någon annan.")

    def _consent_data(self, conn: Any, record: repo.CaseRecord, guideline: Guideline,
                      definition: FormDefinition, person: Person, **v: Any) -> dict[str, Any]:
        """The consent form filled through its field roles (`binds:`)."""
        data: dict[str, Any] = {}

        def put(role: str, value: Any) -> None:
            f = definition.field_for(role)
            if f is not None and value not in (None, ""):
                data[f.id] = value

        def ident(p: Person) -> dict[str, Any]:
            out: dict[str, Any] = dict(p.identity.to_dict())
            if p.protected:
                out["protected"] = True
            return out

        for prefix in ("pregnant_person", "parent"):
            put(f"{prefix}.name", person.name)
            put(f"{prefix}.identity", ident(person))
        subject = next((self._person(conn, p.person_id) for p in repo.participants(conn, record.id)
                        if p.role in (Role.CHILD.value, Role.EXPECTED_CHILD.value)), None)
        if subject is not None:
            put("child.name", subject.name)
            put("child.identity", ident(subject))
        other_is_social = sector_of(record.initiator_kind) != "social_services"
        party = definition.field_for("consent.contact_party")
        contact = text_value(v["contact"], "kontakten", required=False) or (
            f"Socialtjänsten, {record.municipality}" if other_is_social
            else "Barnmorskemottagningen / hälso- och sjukvården")
        if party is not None and party.choices:
            # The forms list the social services' side first, healthcare's second.
            data[party.id] = party.choices[0 if other_is_social else min(1, len(party.choices) - 1)].value
        else:
            put("consent.contact_party", contact)
        if "kontakt_enhet" in {f.id for f in definition.data_fields()}:
            data["kontakt_enhet"] = contact  # no role bound to it yet (see the report)
        put("consent.content", note_value(v["content"], "vad som får lämnas", required=True))
        if v["answer"] is None:  # printed for a signature: answer and signature by hand
            put("consent.manner", "skriftligt")  # so the form shows its signature block
        else:
            put("consent.answer", "ja" if v["answer"] == "yes" else "nej")
            put("consent.manner", "skriftligt" if v["manner"] == "written" else "muntligt")
            put("consent.given_on", v["asked_on"].isoformat())
            if v["manner"] == "oral":
                put("consent.said", note_value(v["said"], "vad som sades", required=True))
            else:
                put("consent.signature", [{"name": person.name,
                                           "date": v["asked_on"].isoformat()}])
        put("obtained_by.name", v["asked_by"])
        put("obtained_by.function", text_value(v["function"], "funktion/verksamhet"))
        put("obtained_by.contact", text_value(v["contact_info"], "kontaktuppgifter", required=False))
        return data

    def _open_case(self, conn: Any, case_uid: str) -> repo.CaseRecord:
        record = self._case_by_uid(conn, case_uid)
        if record.status != CaseStatus.OPEN.value:
            raise InvalidInput("Ärendet är avslutat.")
        return record

    def _publish(self, *changes: Change) -> None:
        self._session.changes.publish(*changes)

"""Import and export of persons and cases (docs/import-export.md), for moving registers.

Why all-or-nothing: a register moved from another system must arrive whole or not at
all; half an import leaves cases without their persons. `import_data` checks every
record first and lists every problem (one Swedish line each, naming the record); only
when there is none is everything written, in one transaction, keeping the uids.

Why encrypted by default: the file leaves the encrypted store. `export_file` seals it
with the passphrase envelope of store/transfer.py (Argon2id + AES-256-GCM); plaintext
only when asked, and then the caller warns. A protected person's address is never
exported (nor shown on screen), whatever the format.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.identity import identity_from_data
from oro_desktop.errors import InvalidInput
from oro_desktop.services import inputs as bounded
from oro_desktop.services.cases_import_check import FORMAT, VERSION, ImportChecker
from oro_desktop.services.changes import Change
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.store import transfer
from oro_desktop.store.kdf import DEFAULT, KdfParams, from_environment
from oro_desktop.store.repos import bht_situation
from oro_desktop.store.repos import cases as cases_repo
from oro_desktop.store.repos import disclosures as disclosures_repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

MAX_FILE_BYTES = transfer.MAX_PAYLOAD_BYTES


class ImportRefused(InvalidInput):
    """The file has problems; nothing was imported. `problems`: one Swedish line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:50]
        more = f"\n… och {len(problems) - 50} problem till." if len(problems) > 50 else ""
        super().__init__(f"Ingenting har importerats; {len(problems)} problem:\n"
                         + "\n".join(shown) + more)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    persons: int
    cases: int
    encrypted: bool
    passphrase: str  # '' for a plaintext export; shown once, stored nowhere


@dataclass(frozen=True)
class ImportResult:
    persons: int
    cases: int


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


class CaseTransfer:
    def __init__(self, session: "Session", guidance: GuidanceService, library: FormLibrary, *,
                 today: Any = date.today) -> None:
        self._session = session
        self._guidance = guidance
        self.library = library
        self._today = today

    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    # -- export ---------------------------------------------------------------------------
    def export_data(self) -> dict[str, Any]:
        """Every person in a case and every case, as the documented JSON (audited)."""
        with self._uow() as uow:
            conn = uow.conn
            out_cases = []
            person_ids: set[int] = set()
            for case_id in cases_repo.all_case_ids(conn):
                c = cases_repo.get_case(conn, case_id)
                assert c is not None
                parts = cases_repo.participants(conn, case_id, active_only=False)
                person_ids |= {p.person_id for p in parts}
                consents = cases_repo.consents(conn, case_id)
                disclosures = disclosures_repo.of_case(conn, case_id)
                person_ids |= {x.person_id for x in consents}
                people = persons_repo.get_many(conn, sorted(person_ids))
                out_cases.append({
                    "uid": c.uid, "guideline": c.guideline_id,
                    "first_guideline": c.first_guideline_id, "municipality": c.municipality,
                    "initiator": {"kind": c.initiator_kind, "public": c.initiator_public},
                    "responsible_user": c.responsible_user,
                    "responsible_unit": c.responsible_unit, "concerns": list(c.concerns),
                    "status": c.status, "opened_on": _iso(c.opened_on),
                    "closed_on": _iso(c.closed_on), "born_on": _iso(c.born_on),
                    "participants": [
                        {"uid": p.uid, "person": people[p.person_id].uid, "role": p.role,
                         "due_date": _iso(p.due_date), "ended": p.ended_at is not None}
                        for p in parts],
                    "steps": [{"uid": s.uid, "guideline": s.guideline_id, "step": s.step_id,
                               "ticked": s.ticked, "note": s.note, "at": s.marked_at,
                               "by": s.marked_by} for s in cases_repo.step_history(conn, case_id)],
                    "consents": [self._consent_out(conn, x, people) for x in consents],
                    "disclosures": [self._disclosure_out(conn, d) for d in disclosures],
                    "history": [{"uid": e.uid, "at": e.happened_at, "by": e.actor,
                                 "action": e.action, "text": e.text, "detail": e.detail}
                                for e in cases_repo.events(conn, case_id)],
                })
            people = persons_repo.get_many(conn, sorted(person_ids))
            secret = bht_situation.with_secret_address(conn, people)
            persons = [{
                "uid": p.uid, "identity": p.identity.to_dict(), "name": p.name,
                # never a protected person's address, nor one at a secret address
                "address": "" if p.id in secret else p.shown_address(),
                "phone": "" if p.protected else p.phone, "protected": p.protected,
            } for p in sorted(people.values(), key=lambda p: p.id)]
            uow.audit("export", "case", None, {"cases": len(out_cases), "persons": len(persons)})
        return {"format": FORMAT, "version": VERSION, "exported_on": self._today().isoformat(),
                "persons": persons, "cases": out_cases}

    @staticmethod
    def _form_out(conn: Any, form_row: int) -> dict[str, Any]:
        form = forms_repo.get(conn, form_row)
        assert form is not None
        return {"uid": form.uid, "id": form.form_id, "version": form.form_version,
                "data": dict(form.data)}

    def _consent_out(self, conn: Any, x: cases_repo.ConsentRecord,
                     people: Mapping[int, Any]) -> dict[str, Any]:
        return {"uid": x.uid, "person": people[x.person_id].uid, "answer": x.answer,
                "manner": x.manner, "asked_on": _iso(x.asked_on), "asked_by": x.asked_by,
                "form": self._form_out(conn, x.filled_form_id)}

    def _disclosure_out(self, conn: Any, d: disclosures_repo.DisclosureRecord) -> dict[str, Any]:
        return {"uid": d.uid, "disclosed_on": _iso(d.disclosed_on),
                "sender": {"name": d.sender, "public": d.sender_public},
                "recipient": {"name": d.recipient, "public": d.recipient_public},
                "legal_basis": d.legal_basis, "decided_by": d.decided_by, "informed": d.informed,
                "told_before_on": _iso(d.told_before_on), "told_before": d.told_before,
                "told_after_on": _iso(d.told_after_on), "told_after": d.told_after,
                "exemption_reason": d.exemption_reason,
                "form": self._form_out(conn, d.filled_form_id)}

    def export_file(self, path: Path, *, plaintext: bool = False, passphrase: str | None = None,
                    kdf: KdfParams | None = None) -> ExportResult:
        """Write the export to `path` (0600): sealed with `passphrase` (a new one unless
        given) or, with `plaintext`, as JSON."""
        from oro_desktop.services.output import write_private_file

        data = self.export_data()
        if plaintext:
            body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
            phrase = ""
        else:
            phrase = passphrase or transfer.new_passphrase()
            transfer.normalise_passphrase(phrase)
            body = transfer.seal(data, phrase, created=self._today(),
                                 kdf=kdf or from_environment() or DEFAULT)
        written = write_private_file(Path(path), body)
        return ExportResult(written, len(data["persons"]), len(data["cases"]), not plaintext,
                            phrase)

    # -- import ---------------------------------------------------------------------------
    @staticmethod
    def read_file(path: Path, passphrase: str | None) -> dict[str, Any]:
        """The register JSON of a file: plaintext or sealed (then `passphrase` is needed)."""
        raw = bounded.read_file(path, "Importfilen", max_bytes=transfer.MAX_FILE_BYTES)
        if raw.lstrip()[:1] == b"{" and b'"cipher"' not in raw[:transfer.MAX_HEADER_BYTES].split(b"\n", 1)[0]:
            data = bounded.loads_json(bounded.decode_utf8(raw, "Importfilen"), "Importfilen")
        else:
            if not passphrase:
                raise InvalidInput("Importfilen är krypterad: ange lösenfrasen "
                                   "(--passphrase-stdin eller $ORO_IMPORT_PASSPHRASE).")
            _header, data = transfer.open_sealed(raw, passphrase)
        if not isinstance(data, dict):
            raise InvalidInput("Importfilen ska innehålla ett JSON-objekt.")
        return data

    def check(self, data: Mapping[str, Any]) -> list[str]:
        """Every problem of the file, one Swedish line each ([] when it may be imported)."""
        return ImportChecker(self, data).run()

    def import_data(self, data: Mapping[str, Any]) -> ImportResult:
        problems = self.check(data)
        if problems:
            raise ImportRefused(problems)
        persons = list(data["persons"])
        cases = list(data["cases"])
        with self._uow() as uow:
            conn = uow.conn
            ids: dict[str, int] = {}
            for p in persons:
                identity = identity_from_data(p["identity"], today=self._today())
                ids[p["uid"]] = persons_repo.insert(
                    conn, uow.actor, identity, p["name"], address=str(p.get("address") or ""),
                    phone=str(p.get("phone") or ""), protected=bool(p.get("protected")),
                    uid=p["uid"])
            for c in cases:
                self._import_case(conn, uow.actor, c, ids)
            uow.audit("import", "case", None, {"cases": len(cases), "persons": len(persons)})
        self._session.changes.publish(Change("person", "", "created"), Change("case", "", "created"))
        return ImportResult(len(persons), len(cases))

    def _import_case(self, conn: Any, actor: str, c: Mapping[str, Any], ids: Mapping[str, int]) -> None:
        d = date.fromisoformat
        case_id = cases_repo.insert_case(
            conn, actor, guideline_id=c["guideline"], municipality=c["municipality"],
            responsible_user=c.get("responsible_user") or "",
            responsible_unit=c.get("responsible_unit") or "",
            initiator_kind=c["initiator"]["kind"], initiator_public=bool(c["initiator"]["public"]),
            concerns=list(c.get("concerns") or []), opened_on=d(c["opened_on"]), uid=c["uid"],
            status=c.get("status") or "open",
            closed_on=d(c["closed_on"]) if c.get("closed_on") else None,
            born_on=d(c["born_on"]) if c.get("born_on") else None,
            first_guideline_id=c.get("first_guideline") or c["guideline"])
        for p in c.get("participants") or []:
            row = cases_repo.add_participant(
                conn, actor, case_id, ids[p["person"]], p["role"],
                d(p["due_date"]) if p.get("due_date") else None, uid=p.get("uid"))
            if p.get("ended"):
                cases_repo.end_participant(conn, actor, row)
        for s in c.get("steps") or []:
            cases_repo.mark_step(conn, str(s.get("by") or actor), case_id, s["guideline"],
                                 s["step"], bool(s["ticked"]), str(s.get("note") or ""),
                                 uid=s.get("uid"), at=s.get("at"))
        for x in c.get("consents") or []:
            f = x["form"]
            form_row = forms_repo.insert(conn, actor, f["id"], int(f["version"]), f["data"],
                                         uid=f.get("uid"))
            cases_repo.add_consent(conn, actor, case_id, ids[x["person"]], form_row,
                                   answer=x["answer"], manner=x["manner"],
                                   asked_on=d(x["asked_on"]), asked_by=x["asked_by"],
                                   uid=x["uid"])
        for y in c.get("disclosures") or []:
            f = y["form"]
            form_row = forms_repo.insert(conn, actor, f["id"], int(f["version"]), f["data"],
                                         uid=f.get("uid"))
            disclosures_repo.insert(
                conn, actor, case_id, form_row, disclosed_on=d(y["disclosed_on"]),
                sender=y["sender"]["name"], sender_public=bool(y["sender"]["public"]),
                recipient=y["recipient"]["name"], recipient_public=bool(y["recipient"]["public"]),
                legal_basis=y["legal_basis"], decided_by=y["decided_by"], informed=y["informed"],
                told_before_on=d(y["told_before_on"]) if y.get("told_before_on") else None,
                told_before=y.get("told_before") or "",
                told_after_on=d(y["told_after_on"]) if y.get("told_after_on") else None,
                told_after=y.get("told_after") or "",
                exemption_reason=y.get("exemption_reason") or "", uid=y["uid"])
        for e in c.get("history") or []:
            cases_repo.add_event(conn, str(e.get("by") or actor), case_id, str(e["action"]),
                                 str(e["text"]), dict(e.get("detail") or {}), uid=e.get("uid"),
                                 at=e.get("at"))
        cases_repo.add_event(conn, actor, case_id, "import", "Ärendet importerades.")

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
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.core.cases import Role
from oro_desktop.core.forms import FormLibrary, validate
from oro_desktop.core.guidance import SituationError
from oro_desktop.core.identity import IdentityNumber, identity_from_data
from oro_desktop.errors import InvalidInput
from oro_desktop.services import inputs as bounded
from oro_desktop.services.changes import Change
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.store import transfer
from oro_desktop.store.kdf import DEFAULT, KdfParams, from_environment
from oro_desktop.store.repos import cases as cases_repo
from oro_desktop.store.repos import disclosures as disclosures_repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

FORMAT = "oro_desktop-register"
VERSION = 1
MAX_FILE_BYTES = transfer.MAX_PAYLOAD_BYTES
MAX_RECORDS = 100_000
_UID = re.compile(r"^[0-9a-f]{32}$")
_ROLES = {r.value for r in Role}


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
            persons = [{
                "uid": p.uid, "identity": p.identity.to_dict(), "name": p.name,
                "address": p.shown_address(),  # never a protected person's address
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
        return _Checker(self, data).run()

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


class _Checker:
    """Collects every problem of an import file (never stops at the first)."""

    def __init__(self, owner: CaseTransfer, data: Mapping[str, Any]) -> None:
        self.owner = owner
        self.data = data
        self.problems: list[str] = []
        self.uids: set[str] = set()

    def bad(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")

    def uid(self, where: str, value: Any, table: str | None) -> bool:
        if not isinstance(value, str) or not _UID.match(value):
            self.bad(where, "”uid” ska vara 32 hexadecimala tecken (gemener).")
            return False
        if value in self.uids:
            self.bad(where, f"uid {value} förekommer mer än en gång i filen.")
            return False
        self.uids.add(value)
        if table is not None:
            conn = self.owner._session.store.conn
            if conn.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (value,)).fetchone():
                self.bad(where, f"uid {value} finns redan i databasen.")
                return False
        return True

    def date(self, where: str, key: str, value: Any, *, required: bool = True) -> date | None:
        if value in (None, "") and not required:
            return None
        try:
            return date.fromisoformat(str(value)) if isinstance(value, str) and len(value) == 10 \
                else _raise()
        except ValueError:
            self.bad(where, f"”{key}” ska vara ett datum ÅÅÅÅ-MM-DD.")
            return None

    def text(self, where: str, key: str, value: Any, *, limit: int = 200,
             required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
            self.bad(where, f"”{key}” ska vara en text (högst {limit} tecken)"
                     + (", inte tom." if required else "."))
            return ""
        return value

    def run(self) -> list[str]:
        data = self.data
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            return [f"Filen är inte en registerfil ({FORMAT} version {VERSION})."]
        persons, cases = data.get("persons"), data.get("cases")
        if not isinstance(persons, list) or not isinstance(cases, list):
            return ["Filen ska ha listorna ”persons” och ”cases”."]
        if len(persons) + len(cases) > MAX_RECORDS:
            return [f"Filen har fler än {MAX_RECORDS} poster."]
        known: dict[str, IdentityNumber] = {}
        numbers: set[tuple[str, str]] = set()
        conn = self.owner._session.store.conn
        for i, p in enumerate(persons):
            where = f"persons[{i}]"
            if not isinstance(p, dict):
                self.bad(where, "ska vara ett objekt.")
                continue
            ok = self.uid(where, p.get("uid"), "persons")
            self.text(where, "name", p.get("name"))
            self.text(where, "address", p.get("address"), limit=500, required=False)
            self.text(where, "phone", p.get("phone"), limit=60, required=False)
            if not isinstance(p.get("protected", False), bool):
                self.bad(where, "”protected” ska vara true eller false.")
            try:
                identity = identity_from_data(p.get("identity"), today=self.owner._today())
            except InvalidInput as exc:
                self.bad(where, f"identiteten: {exc.message}")
                continue
            if identity.value:
                key = (identity.kind.value, identity.value)
                if key in numbers or persons_repo.find_by_identity(conn, identity) is not None:
                    self.bad(where, f"personen med nummer {identity.display()} finns redan.")
                numbers.add(key)
            if ok:
                known[p["uid"]] = identity
        for i, c in enumerate(cases):
            self.case(f"cases[{i}]", c, known)
        return self.problems

    def case(self, where: str, c: Any, known: Mapping[str, IdentityNumber]) -> None:
        if not isinstance(c, dict):
            self.bad(where, "ska vara ett objekt.")
            return
        self.uid(where, c.get("uid"), "cases")
        try:
            guideline = self.owner._guidance.guideline(str(c.get("guideline")))
        except SituationError:
            self.bad(where, f"okänd riktlinje ”{c.get('guideline')}”.")
            guideline = None
        self.text(where, "municipality", c.get("municipality"))
        initiator = c.get("initiator")
        if not isinstance(initiator, dict) or not isinstance(initiator.get("kind"), str) \
                or not initiator.get("kind") or not isinstance(initiator.get("public"), bool):
            self.bad(where, "”initiator” ska vara {\"kind\": text, \"public\": true/false}.")
        if not (c.get("responsible_user") or c.get("responsible_unit")):
            self.bad(where, "ange ”responsible_user” eller ”responsible_unit”.")
        concerns = c.get("concerns") or []
        if not isinstance(concerns, list):
            self.bad(where, "”concerns” ska vara en lista.")
        elif guideline is not None:
            ids = {k.id for k in guideline.concern_categories}
            for k in concerns:
                if not isinstance(k, str) or k not in ids:
                    self.bad(where, f"okänd oroskategori ”{str(k)[:40]}” för {guideline.id}.")
        status = c.get("status", "open")
        if status not in ("open", "closed"):
            self.bad(where, "”status” ska vara open eller closed.")
        opened = self.date(where, "opened_on", c.get("opened_on"))
        closed = self.date(where, "closed_on", c.get("closed_on"), required=False)
        self.date(where, "born_on", c.get("born_on"), required=False)
        if (status == "closed") != (closed is not None):
            self.bad(where, "ett avslutat ärende har ”closed_on”, ett öppet inget.")
        if opened and closed and closed < opened:
            self.bad(where, "”closed_on” ligger före ”opened_on”.")
        parts = c.get("participants")
        if not isinstance(parts, list):
            self.bad(where, "”participants” ska vara en lista.")
            parts = []
        subjects = 0
        for j, p in enumerate(parts):
            pw = f"{where}.participants[{j}]"
            if not isinstance(p, dict):
                self.bad(pw, "ska vara ett objekt.")
                continue
            if p.get("uid") is not None:
                self.uid(pw, p.get("uid"), "case_participants")
            if not isinstance(p.get("person"), str) or p["person"] not in known:
                self.bad(pw, f"personen ”{str(p.get('person'))[:40]}” finns inte i ”persons”.")
            role = p.get("role")
            if not isinstance(role, str) or role not in _ROLES:
                self.bad(pw, f"okänd roll ”{str(role)[:40]}”.")
            due = self.date(pw, "due_date", p.get("due_date"), required=False)
            if (role == "expected_child") != (due is not None):
                self.bad(pw, "bara det väntade barnet har ”due_date”, och det har alltid ett.")
            if role == "expected_child" and p.get("person") in known and known[p["person"]].value:
                self.bad(pw, "ett väntat barn har inget identitetsnummer.")
            if role in ("child", "expected_child") and not p.get("ended"):
                subjects += 1
        if subjects != 1:
            self.bad(where, "ett ärende gäller precis ett barn eller ett väntat barn.")
        for j, x in enumerate(c.get("consents") or []):
            self.consent(f"{where}.consents[{j}]", x, known)
        for j, y in enumerate(c.get("disclosures") or []):
            self.disclosure(f"{where}.disclosures[{j}]", y)
        for key in ("consents", "disclosures", "steps", "history"):
            if not isinstance(c.get(key) or [], list):
                self.bad(where, f"”{key}” ska vara en lista.")
        for j, s in enumerate(c.get("steps") or []):
            sw = f"{where}.steps[{j}]"
            if not isinstance(s, dict) or not isinstance(s.get("ticked"), bool):
                self.bad(sw, "ska ha ”guideline”, ”step” och ”ticked” (true/false).")
                continue
            self.text(sw, "guideline", s.get("guideline"))
            self.text(sw, "step", s.get("step"))
            self.text(sw, "note", s.get("note"), limit=2000, required=False)
            self.text(sw, "at", s.get("at"), limit=40)
            self.text(sw, "by", s.get("by"))
            if s.get("uid") is not None:
                self.uid(sw, s.get("uid"), "case_steps")
        for j, e in enumerate(c.get("history") or []):
            hw = f"{where}.history[{j}]"
            if not isinstance(e, dict) or not isinstance(e.get("detail", {}), dict):
                self.bad(hw, "ska vara ett objekt med ”action”, ”text”, ”at” och ”by”.")
                continue
            self.text(hw, "action", e.get("action"), limit=60)
            self.text(hw, "text", e.get("text"), limit=2000)
            self.text(hw, "at", e.get("at"), limit=40)
            self.text(hw, "by", e.get("by"))
            if e.get("uid") is not None:
                self.uid(hw, e.get("uid"), "case_events")

    def form(self, where: str, f: Any, table_check: bool = True) -> None:
        if not isinstance(f, dict) or not isinstance(f.get("data"), dict):
            self.bad(where, "”form” ska ha ”id”, ”version” och ”data”.")
            return
        if f.get("uid") is not None:
            self.uid(where + ".form", f.get("uid"), "filled_forms")
        try:
            definition = self.owner.library.get(str(f.get("id")), int(f.get("version") or 0))
        except Exception:
            self.bad(where, f"okänt formulär ”{f.get('id')}” version {f.get('version')}.")
            return
        for problem in validate(definition, f["data"], today=self.owner._today()):
            self.bad(where, f"blanketten: {problem.message}")

    def consent(self, where: str, x: Any, known: Mapping[str, IdentityNumber]) -> None:
        if not isinstance(x, dict):
            self.bad(where, "ska vara ett objekt.")
            return
        self.uid(where, x.get("uid"), "case_consents")
        if not isinstance(x.get("person"), str) or x["person"] not in known:
            self.bad(where, f"personen ”{str(x.get('person'))[:40]}” finns inte i ”persons”.")
        if x.get("answer") not in ("yes", "no"):
            self.bad(where, "”answer” ska vara yes eller no.")
        if x.get("manner") not in ("written", "oral"):
            self.bad(where, "”manner” ska vara written eller oral.")
        self.date(where, "asked_on", x.get("asked_on"))
        self.text(where, "asked_by", x.get("asked_by"))
        self.form(where, x.get("form"))

    def disclosure(self, where: str, y: Any) -> None:
        if not isinstance(y, dict):
            self.bad(where, "ska vara ett objekt.")
            return
        self.uid(where, y.get("uid"), "disclosures")
        self.date(where, "disclosed_on", y.get("disclosed_on"))
        for side in ("sender", "recipient"):
            party = y.get(side)
            if not isinstance(party, dict) or not isinstance(party.get("name"), str) \
                    or not party.get("name") or not isinstance(party.get("public"), bool):
                self.bad(where, f"”{side}” ska vara {{\"name\": text, \"public\": true/false}}.")
            elif not party["public"]:
                self.bad(where, f"{party['name']} är privat: de sekretessbrytande bestämmelserna "
                         "i OSL gäller bara mellan verksamheter i offentlig regi.")
        if y.get("legal_basis") not in ("osl-25-12", "osl-26-9"):
            self.bad(where, "”legal_basis” ska vara osl-25-12 eller osl-26-9.")
        self.text(where, "decided_by", y.get("decided_by"))
        for key in ("told_before", "told_after", "exemption_reason"):
            self.text(where, key, y.get(key), limit=4000, required=False)
        self.date(where, "told_after_on", y.get("told_after_on"), required=False)
        if bool(y.get("told_after_on")) != bool(y.get("told_after")):
            self.bad(where, "ange både ”told_after_on” och ”told_after”, eller ingen av dem.")
        informed = y.get("informed")
        if informed == "yes":
            if not self.date(where, "told_before_on", y.get("told_before_on")) or not y.get("told_before"):
                self.bad(where, "personen ska informeras före: ange ”told_before_on” och ”told_before”.")
        elif informed == "exemption":
            if not y.get("exemption_reason"):
                self.bad(where, "ange ”exemption_reason” för undantaget.")
        else:
            self.bad(where, "”informed” ska vara yes eller exemption.")
        self.form(where, y.get("form"))


def _raise() -> date:
    raise ValueError("not a date")

"""The checks an import file must pass before anything is written (docs/import-export.md).

Why a module of its own: the import is all-or-nothing, so every record is checked first
and every problem listed, one Swedish line each naming the record; that checking is most
of the work and has nothing to do with writing or exporting (services/cases_transfer.py).

The import holds the same rules as the services, by calling the same rule code rather
than a copy of it: the case's participants are built into a `core.cases.Case` (its
invariants), a consent's person must hold the guideline's consent role
(`core.cases.consent_roles`, as `CaseService.record_consent`), and a disclosure passes
`disclosures.require_basis`, `require_refusal`, `telling` (the violence exemption only
where the guideline has it) and the guidance engine's `check_disclosure` (public bodies
only), as `DisclosureService.record` does. A file cannot tell in what order its records
were made, so "someone said no" is checked against every answer the case's file holds
(the service checks the newest answers at the moment of recording; a consent record is
never deleted, so a valid register always has that no).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from oro_desktop.core.cases import (
    Case, CaseStatus, Participant, Role, concerns_of, consent_roles,
)
from oro_desktop.core.forms import validate
from oro_desktop.core.guidance import Guideline, SituationError
from oro_desktop.core.identity import identity_from_data
from oro_desktop.core.persons import Person
from oro_desktop.errors import InvalidInput
from oro_desktop.services import disclosures as rules
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.cases_transfer import CaseTransfer

FORMAT = "oro_desktop-register"
VERSION = 1
MAX_RECORDS = 100_000
_UID = re.compile(r"^[0-9a-f]{32}$")
_ROLES = {r.value for r in Role}


class ImportChecker:
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
        known: dict[str, Person] = {}
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
                known[p["uid"]] = Person(identity, str(p.get("name") or ""),
                                         protected=p.get("protected") is True, uid=p["uid"])
        for i, c in enumerate(cases):
            self.case(f"cases[{i}]", c, known)
        return self.problems

    def case(self, where: str, c: Any, known: Mapping[str, Person]) -> None:
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
        for key in ("responsible_user", "responsible_unit"):
            self.text(where, key, c.get(key), required=False)
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
        active: list[Participant] = []
        roles_of: dict[str, set[Role]] = {}
        well_formed = True
        for j, p in enumerate(parts):
            pw = f"{where}.participants[{j}]"
            if not isinstance(p, dict):
                self.bad(pw, "ska vara ett objekt.")
                well_formed = False
                continue
            before = len(self.problems)
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
            if role == "expected_child" and p.get("person") in known \
                    and known[p["person"]].identity.value:
                self.bad(pw, "ett väntat barn har inget identitetsnummer.")
            if len(self.problems) > before:
                well_formed = False
                continue
            roles_of.setdefault(p["person"], set()).add(Role(role))
            if not p.get("ended"):
                active.append(Participant(Role(role), known[p["person"]], due))
        if well_formed and opened is not None and status in ("open", "closed") \
                and (status == "closed") == (closed is not None):
            try:  # the core model's invariants, as every case the services build
                Case(str(c.get("guideline") or ""), str(c.get("municipality") or ""),
                     tuple(active), opened,
                     responsible_user=str(c.get("responsible_user") or ""),
                     responsible_unit=str(c.get("responsible_unit") or ""),
                     concerns=concerns_of([k for k in concerns if isinstance(k, str)]
                                          if isinstance(concerns, list) else []),
                     status=CaseStatus(status), closed_on=closed)
            except InvalidInput as exc:
                self.bad(where, exc.message)
        allowed = self._consent_roles(where, c, guideline)
        answers: list[str] = []
        for j, x in enumerate(c.get("consents") or []):
            self.consent(f"{where}.consents[{j}]", x, known, roles_of, allowed)
            if isinstance(x, dict) and isinstance(x.get("answer"), str):
                answers.append(x["answer"])
        for j, y in enumerate(c.get("disclosures") or []):
            self.disclosure(f"{where}.disclosures[{j}]", y, guideline, answers)
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

    def _consent_roles(self, where: str, c: Mapping[str, Any],
                       guideline: Guideline | None) -> frozenset[Role]:
        """Who may answer in this case (`core.cases.consent_roles`, as the services): under
        the first guideline before the birth, and under the current one after it."""
        if guideline is None:
            return frozenset()
        allowed = consent_roles(guideline.situation, born=bool(c.get("born_on")))
        first = c.get("first_guideline")
        if isinstance(first, str) and first and first != guideline.id:
            try:
                before = self.owner._guidance.guideline(first)
            except SituationError:
                self.bad(where, f"okänd riktlinje ”{first[:60]}” i ”first_guideline”.")
            else:
                allowed |= consent_roles(before.situation, born=False)
        elif c.get("born_on"):
            allowed |= consent_roles(guideline.situation, born=False)
        return allowed

    def consent(self, where: str, x: Any, known: Mapping[str, Person],
                roles_of: Mapping[str, set[Role]], allowed: frozenset[Role]) -> None:
        if not isinstance(x, dict):
            self.bad(where, "ska vara ett objekt.")
            return
        self.uid(where, x.get("uid"), "case_consents")
        if not isinstance(x.get("person"), str) or x["person"] not in known:
            self.bad(where, f"personen ”{str(x.get('person'))[:40]}” finns inte i ”persons”.")
        elif x["person"] not in roles_of:
            self.bad(where, f"{known[x['person']].name} finns inte i ärendet; ingen kan svara "
                     "för någon annan.")
        elif allowed and not roles_of[x["person"]] & allowed:
            held = " och ".join(sorted(r.label.lower() for r in roles_of[x["person"]]))
            asked = " eller ".join(sorted(r.label.lower() for r in allowed))
            self.bad(where, f"{known[x['person']].name} är {held} i ärendet; samtycke enligt "
                     f"riktlinjen lämnas av {asked}, var och en för sig själv.")
        if x.get("answer") not in ("yes", "no"):
            self.bad(where, "”answer” ska vara yes eller no.")
        if x.get("manner") not in ("written", "oral"):
            self.bad(where, "”manner” ska vara written eller oral.")
        self.date(where, "asked_on", x.get("asked_on"))
        self.text(where, "asked_by", x.get("asked_by"))
        self.form(where, x.get("form"))

    def disclosure(self, where: str, y: Any, guideline: Guideline | None,
                   answers: list[str]) -> None:
        if not isinstance(y, dict):
            self.bad(where, "ska vara ett objekt.")
            return
        self.uid(where, y.get("uid"), "disclosures")
        on = self.date(where, "disclosed_on", y.get("disclosed_on"))
        parties: list[tuple[str, str, bool]] = []
        for side in ("sender", "recipient"):
            party = y.get(side)
            if not isinstance(party, dict) or not isinstance(party.get("name"), str) \
                    or not party.get("name") or not isinstance(party.get("public"), bool):
                self.bad(where, f"”{side}” ska vara {{\"name\": text, \"public\": true/false}}.")
            else:
                parties.append((str(party.get("kind") or ""), party["name"], party["public"]))
        basis = y.get("legal_basis")
        self.text(where, "decided_by", y.get("decided_by"))
        for key in ("told_before", "told_after", "exemption_reason"):
            self.text(where, key, y.get(key), limit=4000, required=False)
        before_on = self.date(where, "told_before_on", y.get("told_before_on"), required=False)
        after_on = self.date(where, "told_after_on", y.get("told_after_on"), required=False)
        informed = y.get("informed")
        if informed not in ("yes", "exemption"):
            self.bad(where, "”informed” ska vara yes eller exemption.")
        # The services' own rules (services/disclosures.py, the guidance engine).
        try:
            rules.require_refusal(answers)
        except InvalidInput as exc:
            self.bad(where, exc.message)
        if not isinstance(basis, str):
            self.bad(where, "”legal_basis” ska vara ett lagrum (t.ex. osl-25-12).")
        elif guideline is not None:
            try:
                rules.require_basis(guideline, basis)
            except InvalidInput as exc:
                self.bad(where, exc.message)
            else:
                if len(parties) == 2:
                    check = self.owner._guidance.check_disclosure(parties[0], parties[1], basis)
                    for w in check.warnings:
                        self.bad(where, w.text)
        if guideline is not None and on is not None and informed in ("yes", "exemption"):
            data = y.get("form", {}).get("data") if isinstance(y.get("form"), dict) else None
            ground = data.get("undantag_grund") if isinstance(data, dict) else None
            exemption = str(ground or "") if informed == "exemption" else None
            try:
                rules.telling(guideline, on, before_on, str(y.get("told_before") or ""),
                              after_on, str(y.get("told_after") or ""), exemption,
                              str(y.get("exemption_reason") or ""))
            except InvalidInput as exc:
                self.bad(where, exc.message)
        self.form(where, y.get("form"))


def _raise() -> date:
    raise ValueError("not a date")

"""Consents: filled consent forms and their lifecycle, as the GUI and the CLI see them.

Why a service between the GUI and the store: each action here is one transaction that
changes the facts AND writes exactly one audit entry for the consent (plus the persons
it created or updated), so a lifecycle step and its trace commit together or not at all.
Statuses are never stored: core.consent derives them from the facts and a date.

Rules a clinician will meet:

- A draft may be incomplete (`save` returns the problems); it cannot be marked printed,
  nor its signature registered, while the form has problems.
- Editing a printed consent sends it back to draft: the paper printed earlier no longer
  matches, so it has to be printed again. A signed, revoked or declined consent cannot be
  edited at all; re-consent (`renew`) starts a new draft from it.
- A print from the preview is recorded with `record_output("print", ...)`, which also
  marks a complete draft printed (one audit entry: "print"). A saved PDF is "export".

List order (`list`): what needs the clinician's action first, then what is in force,
then history: EXPIRING (fewest days left first: ask for a new consent), PRINTED (oldest
print first: chase the signed paper), DRAFT (latest edit first: unfinished work), ACTIVE
(soonest end first), SIGNED (not yet valid, soonest start first), EXPIRED, REVOKED,
DECLINED (most recent first).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from oro_desktop.core import consent as lifecycle
from oro_desktop.core.consent import ConsentStatus, clearable_fields, validity_from_data
from oro_desktop.core.dates import days_left, format_date
from oro_desktop.core.forms import FormDefinition, FormLibrary, Problem, validate
from oro_desktop.core.forms.roles import OBTAINED_BY
from oro_desktop.core.identity import missing
from oro_desktop.errors import InvalidInput
from oro_desktop.services import persons as person_service
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import consents as repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo
from oro_desktop.store.repos.consents import Attachment, ConsentRecord, Guardian
from oro_desktop.store.repos.persons import Person
from oro_desktop.services.consent_views import (
    ConsentRow,
    ConsentView,
    NewConsent,
    SaveResult,
    list_order_key,
)

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

DEFAULT_FORM = "barnhalsoteam-samtycke"
SCAN_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/tiff"}
MAX_SCAN_BYTES = 25 * 1024 * 1024
GUARDIAN_NO_NUMBER = "Anges inte på samtyckesblanketten"


def _problem_text(problems: list[Problem], limit: int = 3) -> str:
    lines = [p.message for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… och {len(problems) - limit} till.")
    return "\n".join(lines)


class ConsentService:
    """See the module docstring. `today` is injectable so tests use fixed dates."""

    def __init__(self, session: "Session", library: FormLibrary, *, fonts_dir=None,
                 today: Callable[[], date] = date.today) -> None:
        self._session = session
        self.library = library
        self._fonts_dir = fonts_dir
        self.today = today

    # -- plumbing -----------------------------------------------------------------------
    def _uow(self):
        return self._session.store.unit_of_work(self._session.user.name)

    def _record(self, uow, consent_id: int) -> ConsentRecord:
        record = repo.get(uow.conn, int(consent_id))
        if record is None:
            raise NotFound("Samtycket finns inte.")
        return record

    def definition_of(self, record: ConsentRecord) -> FormDefinition:
        """The definition the consent was filled with: (id, version) exactly, never newer."""
        return self.library.get(record.consent.form_id, record.consent.form_version)

    def _change(self, consent_id: int, event: str, step: Callable[[ConsentRecord], lifecycle.Consent],
                detail: dict | None = None) -> None:
        """Apply one lifecycle step and audit it once, in one transaction."""
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            changed = step(record)
            repo.update(uow.conn, uow.actor, record.id, changed, child_id=record.child_id)
            uow.audit("update", "consent", record.id, {"event": event, **(detail or {})})

    def _require_complete(self, record: ConsentRecord, today: date, what: str) -> None:
        problems = validate(self.definition_of(record), record.consent.data, today=today)
        if problems:
            raise InvalidInput(f"Samtycket kan inte {what} förrän uppgifterna är rättade:\n"
                               + _problem_text(problems))

    # -- new and saved ------------------------------------------------------------------
    def new_draft(self, form_id: str = DEFAULT_FORM) -> NewConsent:
        """An empty consent of the newest version, with who obtains it from this user's last.

        The obtainer's own details (the obtained_by.* roles, never the child's) are copied
        role by role from the user's last consent of the same form, whatever version it was
        filled with, so a v2 that renames or moves those fields is still pre-filled.
        """
        definition = self.library.get(form_id)
        if definition.kind != "consent":
            raise InvalidInput(f"Formuläret ”{definition.title}” är inget samtyckesformulär.")
        data: dict[str, Any] = {}
        with self._uow() as uow:
            last = repo.latest_by(uow.conn, uow.actor)
        if last is not None and last.consent.form_id == form_id:
            old = self.definition_of(last)
            for role in OBTAINED_BY:
                source, target = old.field_for(role), definition.field_for(role)
                if source is not None and target is not None and source.id in last.consent.data:
                    data[target.id] = last.consent.data[source.id]
        return NewConsent(form_id, definition.version, data)

    def from_person(self, child_id: int, form_id: str = DEFAULT_FORM) -> NewConsent:
        """A new consent for a known child: the child's details and guardians pre-filled."""
        new = self.new_draft(form_id)
        definition = self.library.get(form_id, new.form_version)
        where = person_service.child_fields(definition)
        with self._uow() as uow:
            child = persons_repo.get(uow.conn, child_id)
            if child is None:
                raise NotFound("Personen finns inte.")
            uow.audit("read", "person", child_id, {"purpose": "prefill"})
            names = list(dict.fromkeys(g.name for g in repo.guardians_of_child(uow.conn, child_id)))
        data = dict(new.data)
        if where is not None:
            ident = {**child.identity.to_dict(), **({"protected": True} if child.protected else {})}
            data[where.identity] = ident
            for fid, value in ((where.name, child.name), (where.address, child.shown_address()),
                               (where.phone, child.phone)):
                if fid and value:
                    data[fid] = value
            if where.guardians and names:
                data[where.guardians] = [{"name": n} for n in names[:2]]
        return replace(new, data=data)

    def save(self, consent_id: int | None, data: Mapping[str, Any], *,
             form_id: str = DEFAULT_FORM, renewed_from: int | None = None) -> SaveResult:
        """Create or update a consent's form data; returns its id and the form's problems."""
        today = self.today()
        data = dict(data)
        with self._uow() as uow:
            record = None if consent_id is None else self._record(uow, consent_id)
            if record is None:
                definition = self.library.get(form_id)
            else:
                definition = self.definition_of(record)
                current = lifecycle.status(record.consent, today)
                if current not in (ConsentStatus.DRAFT, ConsentStatus.PRINTED):
                    raise InvalidInput(
                        f"Samtycket är {current.label.lower()} och kan inte ändras. "
                        "Använd ”Förnya samtycke” för att göra ett nytt.")
            child_id = self._link_child(uow, definition, data, today)
            start, end = validity_from_data(definition, data)
            if start is None or end is None or end < start:
                start = end = None
            if record is None:
                form_row = forms_repo.insert(uow.conn, uow.actor, definition.id,
                                             definition.version, data)
                consent = lifecycle.Consent(definition.id, definition.version, data, start, end)
                new_id = repo.insert(uow.conn, uow.actor, form_row, consent, child_id=child_id,
                                     renewed_from=renewed_from)
                uow.audit("create", "consent", new_id,
                          {"form": definition.id, "version": definition.version,
                           **({"renewed_from": renewed_from} if renewed_from else {})})
                record_id = new_id
            else:
                record_id = record.id
                old = dict(record.consent.data)
                if old != data or record.child_id != child_id:
                    forms_repo.update_data(uow.conn, uow.actor, record.filled_form_id, data)
                    reset = record.consent.printed_on is not None and old != data
                    consent = replace(record.consent, data=data, valid_from=start, valid_to=end,
                                      printed_on=None if reset else record.consent.printed_on)
                    repo.update(uow.conn, uow.actor, record.id, consent, child_id=child_id)
                    fields = sorted(k for k in set(old) | set(data) if old.get(k) != data.get(k))
                    uow.audit("update", "consent", record.id,
                              {"fields": fields, **({"printed_reset": True} if reset else {})})
            self._link_guardians(uow, record_id, child_id, definition, data)
        return SaveResult(record_id, validate(definition, data, today=today))

    def _link_child(self, uow, definition: FormDefinition, data: dict, today: date) -> int | None:
        """Find or create the child; keep (and write back) skyddade personuppgifter."""
        facts = person_service.child_in_form(definition, data, today)
        if facts is None:
            return None
        person, protected = person_service.find_or_create(uow, facts)
        where = person_service.child_fields(definition)
        if protected and where is not None and not facts.protected:
            raw = data[where.identity]
            base = dict(raw) if isinstance(raw, Mapping) else facts.identity.to_dict()
            data[where.identity] = {**base, "protected": True}
        return person.id

    def _link_guardians(self, uow, consent_id: int, child_id: int | None,
                        definition: FormDefinition, data: Mapping[str, Any]) -> None:
        """Guardians become persons, found again through the child's earlier consents."""
        known: dict[str, int] = {}
        if child_id is not None:
            for g in repo.guardians_of_child(uow.conn, child_id):
                if g.person_id is not None:
                    known.setdefault(g.name.casefold(), g.person_id)
        linked = []
        for pos, name in enumerate(person_service.guardian_names(definition, data)):
            pid = known.get(name.casefold())
            if pid is None and child_id is not None:
                pid = persons_repo.insert(uow.conn, uow.actor, missing(GUARDIAN_NO_NUMBER), name)
                uow.audit("create", "person", pid, {"role": "guardian"})
                known[name.casefold()] = pid
            linked.append(Guardian(pos, name, pid))
        if linked != repo.guardians(uow.conn, consent_id):
            repo.set_guardians(uow.conn, consent_id, linked)

    # -- reading ------------------------------------------------------------------------
    def get(self, consent_id: int) -> ConsentView:
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            child = persons_repo.get(uow.conn, record.child_id) if record.child_id else None
            guardians = repo.guardians(uow.conn, record.id)
            uow.audit("read", "consent", record.id)
        today = self.today()
        definition = self.definition_of(record)
        return ConsentView(record.id, record, definition, lifecycle.status(record.consent, today),
                           child, guardians, validate(definition, record.consent.data, today=today))

    def list(self, today: date | None = None, status: ConsentStatus | None = None) -> list[ConsentRow]:
        """All consents (optionally of one status), in the order of the module docstring."""
        return self._rows(today or self.today(), status, None)

    def for_child(self, child_id: int, today: date | None = None) -> list[ConsentRow]:
        """All of one child's consents, same order."""
        return self._rows(today or self.today(), None, child_id)

    def _rows(self, today: date, wanted: ConsentStatus | None, child_id: int | None) -> list[ConsentRow]:
        with self._uow() as uow:
            records = repo.list_all(uow.conn, child_id=child_id)
            people = persons_repo.get_many(uow.conn, sorted({r.child_id for r in records if r.child_id}))
            rows = [self._row(r, people.get(r.child_id or -1), today) for r in records]
            rows = [r for r in rows if wanted is None or r.status is wanted]
            if rows:
                uow.audit("read", "consent", None, {"list": len(rows), "child": child_id})
        return sorted(rows, key=list_order_key)

    def _row(self, r: ConsentRecord, child: Person | None, today: date) -> ConsentRow:
        s = lifecycle.status(r.consent, today)
        signed = s in (ConsentStatus.SIGNED, ConsentStatus.ACTIVE, ConsentStatus.EXPIRING)
        left = days_left(today, r.consent.valid_to) if signed and r.consent.valid_to else None
        name = child.name if child else str(_child_name(self, r) or "(barnet ej angivet)")
        number = child.number_display() if child else ""
        digits = child.identity.value if child else ""
        return ConsentRow(r.id, s, r.child_id, name, number, bool(child and child.protected),
                          r.consent.valid_from, r.consent.valid_to, left, r.consent.printed_on,
                          r.consent.form_id, r.consent.form_version, r.updated_at,
                          r.renewed_from, f"{name.casefold()} {digits}")

    # -- printing -----------------------------------------------------------------------
    def pdf_job(self, consent_id: int) -> Callable[[], bytes]:
        """Read the consent now (audited) and return a callable that renders it.

        Split so the GUI reads on its own thread and renders on a worker. The definition
        is exactly the version the consent was filled with.
        """
        from oro_desktop.pdf import default_fonts_dir, render_form

        with self._uow() as uow:
            record = self._record(uow, consent_id)
            uow.audit("read", "consent", record.id, {"purpose": "render"})
        definition, data = self.definition_of(record), dict(record.consent.data)
        fonts = self._fonts_dir or default_fonts_dir()
        return lambda: render_form(definition, data, fonts_dir=fonts)

    def render_pdf(self, consent_id: int) -> bytes:
        return self.pdf_job(consent_id)()

    def record_output(self, consent_id: int, action: str, detail: Mapping[str, Any] | None = None) -> None:
        """Audit a print or a saved PDF (the preview's callback); a print of a complete
        draft also marks it printed, in the same single audit entry."""
        if action not in ("print", "export"):
            raise ValueError(action)
        today = self.today()
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            extra: dict[str, Any] = {}
            if action == "print" and lifecycle.status(record.consent, today) in (
                    ConsentStatus.DRAFT, ConsentStatus.PRINTED):
                if not validate(self.definition_of(record), record.consent.data, today=today):
                    marked = lifecycle.mark_printed(record.consent, today)
                    repo.update(uow.conn, uow.actor, record.id, marked, child_id=record.child_id)
                    extra["marked_printed"] = format_date(today)
            uow.audit(action, "consent", record.id, {**dict(detail or {}), **extra})

    # -- lifecycle ----------------------------------------------------------------------
    def mark_printed(self, consent_id: int, on: date | None = None) -> None:
        """Record that the form was printed for signing (refused while it has problems)."""
        today = self.today()
        day = on or today

        def step(record: ConsentRecord) -> lifecycle.Consent:
            self._require_complete(record, today, "skrivas ut för underskrift")
            return lifecycle.mark_printed(record.consent, day)
        self._change(consent_id, "printed", step, {"on": format_date(day)})

    def register_signature(self, consent_id: int, *, received_on: date, registered_by: str,
                           signed_on: date | None = None, scan: bytes | None = None,
                           mime: str = "application/pdf", filename: str = "") -> None:
        """The signed paper came back: when, who registered it, optionally its scan."""
        today = self.today()
        if scan is not None:
            _check_scan(scan, mime)
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            self._require_complete(record, today, "registreras som underskrivet")
            signed = lifecycle.register_signature(
                record.consent, signed_on=signed_on or received_on, received_on=received_on,
                registered_by=registered_by, today=today)
            if scan is not None:
                aid = repo.add_attachment(uow.conn, uow.actor, owner_type="consent",
                                          owner_id=record.id, kind="scan", mime=mime,
                                          filename=filename, content=scan)
                signed = lifecycle.attach_scan(signed, str(aid))
            repo.update(uow.conn, uow.actor, record.id, signed, child_id=record.child_id)
            uow.audit("update", "consent", record.id, {
                "event": "signed", "received_on": format_date(received_on),
                "registered_by": registered_by.strip(), "scan": scan is not None})

    def attach_scan(self, consent_id: int, content: bytes, mime: str, filename: str = "") -> None:
        """Attach (or replace) the scan of the signed paper, stored encrypted in the file."""
        _check_scan(content, mime)
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            if record.consent.signed is None:
                raise InvalidInput("Registrera underskriften innan en inskanning bifogas.")
            aid = repo.add_attachment(uow.conn, uow.actor, owner_type="consent", owner_id=record.id,
                                      kind="scan", mime=mime, filename=filename, content=content)
            repo.update(uow.conn, uow.actor, record.id,
                        lifecycle.attach_scan(record.consent, str(aid)), child_id=record.child_id)
            uow.audit("update", "consent", record.id, {"event": "scan", "attachment": aid,
                                                       "size": len(content)})

    def scan(self, consent_id: int) -> Attachment | None:
        """The attached scan (audited read), or None."""
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            ref = record.consent.signed.scan_ref if record.consent.signed else None
            if ref is None:
                return None
            uow.audit("read", "consent", record.id, {"attachment": int(ref)})
            return repo.get_attachment(uow.conn, int(ref))

    def revoke(self, consent_id: int, *, received_on: date, registered_by: str) -> None:
        """A written revocation was received: final, never active again."""
        today = self.today()
        self._change(consent_id, "revoked", lambda r: lifecycle.revoke(
            r.consent, received_on=received_on, registered_by=registered_by, today=today),
            {"received_on": format_date(received_on), "registered_by": registered_by.strip()})

    def decline(self, consent_id: int, *, on: date, registered_by: str) -> None:
        """The guardian(s) said no (before any signature was registered)."""
        today = self.today()
        self._change(consent_id, "declined", lambda r: lifecycle.decline(
            r.consent, on=on, registered_by=registered_by, today=today),
            {"on": format_date(on), "registered_by": registered_by.strip()})

    def renew(self, consent_id: int) -> int:
        """Re-consent: a new draft of the newest form version, pre-filled from the old one
        (dates and signatures cleared, the guardians' names kept)."""
        with self._uow() as uow:
            old = self._record(uow, consent_id)
            s = lifecycle.status(old.consent, self.today())
            if s in (ConsentStatus.DRAFT, ConsentStatus.PRINTED):
                raise InvalidInput("Samtycket är inte underskrivet ännu. Ändra det i stället.")
            old_def = self.definition_of(old)
            new_def = self.library.get(old.consent.form_id)
            fresh = lifecycle.renew(old.consent, clearable_fields(old_def),
                                    form_version=new_def.version)
            data = {k: v for k, v in fresh.data.items() if k in {f.id for f in new_def.data_fields()}}
            where = person_service.child_fields(new_def)
            names = person_service.guardian_names(old_def, old.consent.data)
            if where and where.guardians and names:
                data[where.guardians] = [{"name": n} for n in names]
            return self.save(None, data, form_id=new_def.id, renewed_from=old.id).id


def _child_name(service: ConsentService, record: ConsentRecord) -> str:
    where = person_service.child_fields(service.definition_of(record))
    return str(record.consent.data.get(where.name) or "") if where and where.name else ""


def _check_scan(content: bytes, mime: str) -> None:
    if mime not in SCAN_TYPES:
        raise InvalidInput("Inskanningen måste vara en PDF-, PNG-, JPEG- eller TIFF-fil.")
    if not content:
        raise InvalidInput("Filen är tom.")
    if len(content) > MAX_SCAN_BYTES:
        raise InvalidInput("Filen är för stor (högst 25 MB).")

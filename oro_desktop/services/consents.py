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

- One save is one transaction: the new version of the filled form (append-only, see
  services/form_versions.py), the consent's facts, the persons, and one audit entry for
  the consent; it is validated first (a date outside 1900-2200 is refused) and either
  all of it is written or nothing. After the commit every write publishes what it
  changed on `session.changes`: `Change("consent", uid, "created"|"updated")` and
  `Change("person", uid, ...)` for persons created or updated.

The service is split by job: this module (new, save, read, print, renew),
consent_lifecycle.py (printed, signed, scan, revoked, declined), consent_listing.py (the
list, from columns, paged), consent_base.py (plumbing and the store-to-view mapping).

List order (`list`, `list_page`): what needs the clinician's action first, then what is in force,
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
from oro_desktop.core.consent import clearable_fields, validity_from_data
from oro_desktop.core.dates import format_date
from oro_desktop.core.forms import FormDefinition, validate
from oro_desktop.core.forms.offer import forms_for_region
from oro_desktop.core.forms.roles import OBTAINED_BY
from oro_desktop.core.identity import missing
from oro_desktop.core.region_setting import region_key
from oro_desktop.errors import InvalidInput
from oro_desktop.services import persons as person_service
from oro_desktop.services.changes import Change
from oro_desktop.services.consent_base import EDITABLE, check_dates, guardian_views
from oro_desktop.services.consent_lifecycle import MAX_SCAN_BYTES, SCAN_TYPES, ConsentLifecycle
from oro_desktop.services.consent_listing import ConsentListing
from oro_desktop.services.consent_views import (
    ConsentView, FormChoice, NewConsent, OfferedForms, SaveResult,
)
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import consents as repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo
from oro_desktop.store.repos.consents import ConsentRecord, Guardian

if TYPE_CHECKING:
    from oro_desktop.store.store import UnitOfWork

__all__ = ["ConsentService", "DEFAULT_FORM", "GUARDIAN_NO_NUMBER", "MAX_SCAN_BYTES", "SCAN_TYPES"]

DEFAULT_FORM = "barnhalsoteam-samtycke"
GUARDIAN_NO_NUMBER = "Anges inte på samtyckesblanketten"


class ConsentService(ConsentListing, ConsentLifecycle):
    """See the module docstring. `today` is injectable so tests use fixed dates."""

    # -- new and saved ------------------------------------------------------------------
    def offered_forms(self) -> OfferedForms:
        """The consent forms "Nytt samtycke" offers for the region setting (`default_region`).

        Why: a region's form words that region's guideline, so a Kronoberg unit is never
        handed Jämtland's form by default (`core.forms.offer.forms_for_region`); every
        form stays reachable when asked for explicitly ("Visa alla blanketter"). Without
        a region setting only forms that belong to no region are offered.
        """
        every = self._newest_consent_forms()
        setting = str(self._session.get_setting("default_region", "") or "")
        names = {region_key(r): r for d in self.library.load_all() for r in d.regions}
        region = names.get(setting, setting) if setting else ""
        offered = {d.id for d in forms_for_region(every, region, kind="consent")}
        choices = sorted((FormChoice(d.id, d.title, d.regions, d.id in offered) for d in every),
                         key=lambda c: (not c.offered, c.title.casefold(), c.form_id))
        return OfferedForms(region, tuple(choices))

    def _newest_consent_forms(self) -> list[FormDefinition]:
        newest: dict[str, FormDefinition] = {}
        for d in self.library.load_all():
            if d.kind == "consent" and (d.id not in newest or d.version > newest[d.id].version):
                newest[d.id] = d
        return list(newest.values())

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
        data.update(_from_profile(self._session, definition))
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
            ident: dict[str, Any] = {**child.identity.to_dict(),
                                     **({"protected": True} if child.protected else {})}
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
        """Create or update a consent's form data; returns its id and the form's problems.

        Validated before anything is written: a refused save changes nothing."""
        today = self.today()
        data = dict(data)
        changes: list[Change] = []
        with self._uow() as uow:
            record = None if consent_id is None else self._record(uow, consent_id)
            if record is None:
                definition = self.library.get(form_id)
            else:
                definition = self.definition_of(record)
                current = lifecycle.status(record.consent, today)
                if current not in EDITABLE:
                    raise InvalidInput(
                        f"Samtycket är {current.label.lower()} och kan inte ändras. "
                        "Använd ”Förnya samtycke” för att göra ett nytt.")
            check_dates(definition, data)
            validate(definition, data, today=today)  # raises here, before any write, if it must
            child_id = self._link_child(uow, definition, data, today, changes,
                                        linked=record.child_id if record else None)
            start, end = validity_from_data(definition, data)
            if start is None or end is None or end < start:
                start = end = None
            name = _typed_child_name(definition, data)
            if record is None:
                form_row = forms_repo.insert(uow.conn, uow.actor, definition.id,
                                             definition.version, data)
                consent = lifecycle.Consent(definition.id, definition.version, data, start, end)
                record_id = repo.insert(uow.conn, uow.actor, form_row, consent, child_id=child_id,
                                        renewed_from=renewed_from, child_name=name)
                uow.audit("create", "consent", record_id,
                          {"form": definition.id, "version": definition.version,
                           **({"renewed_from": renewed_from} if renewed_from else {})})
                action = "created"
            else:
                record_id, action = record.id, "updated"
                old = dict(record.consent.data)
                if old != data or record.child_id != child_id:
                    if old != data:
                        forms_repo.add_version(uow.conn, uow.actor, record.filled_form_id, data,
                                               form_id=definition.id,
                                               form_version=definition.version)
                    reset = record.consent.printed_on is not None and old != data
                    consent = replace(record.consent, data=data, valid_from=start, valid_to=end,
                                      printed_on=None if reset else record.consent.printed_on)
                    repo.update(uow.conn, uow.actor, record.id, consent, child_id=child_id,
                                child_name=name)
                    fields = sorted(k for k in set(old) | set(data) if old.get(k) != data.get(k))
                    uow.audit("update", "consent", record.id,
                              {"fields": fields, **({"printed_reset": True} if reset else {})})
                else:
                    action = ""
            self._link_guardians(uow, record_id, child_id, definition, data, changes)
            problems = validate(definition, data, today=today)
            stored = repo.get(uow.conn, record_id)
            assert stored is not None
            view = self._view(uow, stored, today)  # no audit entry: the save's own entry covers it
        if action:
            changes.append(Change("consent", stored.uid, "created" if action == "created"
                                  else "updated"))
        self._publish(changes)
        return SaveResult(record_id, problems, stored.uid, view)

    def _link_child(self, uow: "UnitOfWork", definition: FormDefinition, data: dict[str, Any],
                    today: date, changes: list[Change], *,
                    linked: int | None = None) -> int | None:
        """Find or create the child; keep (and write back) skyddade personuppgifter."""
        facts = person_service.child_in_form(definition, data, today)
        if facts is None:
            return None
        person, protected = person_service.find_or_create(uow, facts, changes=changes,
                                                          linked=linked)
        where = person_service.child_fields(definition)
        if protected and where is not None and not facts.protected:
            raw = data[where.identity]
            base = dict(raw) if isinstance(raw, Mapping) else facts.identity.to_dict()
            data[where.identity] = {**base, "protected": True}
        return person.id

    def _link_guardians(self, uow: "UnitOfWork", consent_id: int, child_id: int | None,
                        definition: FormDefinition, data: Mapping[str, Any],
                        changes: list[Change]) -> None:
        """Guardians become persons, found again through the child's earlier consents."""
        known: dict[str, int] = {}
        if child_id is not None:
            for g in repo.guardians_of_child(uow.conn, child_id):
                if g.person_id is not None:
                    known.setdefault(g.name.casefold(), g.person_id)
        linked: list[Guardian] = []
        for pos, name in enumerate(person_service.guardian_names(definition, data)):
            pid = known.get(name.casefold())
            if pid is None and child_id is not None:
                pid = persons_repo.insert(uow.conn, uow.actor, missing(GUARDIAN_NO_NUMBER), name)
                uow.audit("create", "person", pid, {"role": "guardian"})
                created = persons_repo.get(uow.conn, pid)
                assert created is not None
                changes.append(Change("person", created.uid, "created"))
                known[name.casefold()] = pid
            linked.append(Guardian(pos, name, pid))
        if linked != repo.guardians(uow.conn, consent_id):
            repo.set_guardians(uow.conn, consent_id, linked)

    # -- reading ------------------------------------------------------------------------
    def get(self, consent_id: int) -> ConsentView:
        today = self.today()
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            view = self._view(uow, record, today)
            uow.audit("read", "consent", record.id)
        return view

    def _view(self, uow: "UnitOfWork", record: ConsentRecord, today: date) -> ConsentView:
        """The editor's view of a stored record, read in `uow` (the caller audits)."""
        child = persons_repo.get(uow.conn, record.child_id) if record.child_id else None
        guardians = repo.guardians(uow.conn, record.id)
        definition = self.definition_of(record)
        return ConsentView(
            record.id, record.uid, record.consent, definition,
            lifecycle.status(record.consent, today), child, guardian_views(guardians),
            validate(definition, record.consent.data, today=today),
            renewed_from=record.renewed_from, form_uid=record.filled_form_uid,
            created_at=record.created_at, created_by=record.created_by,
            updated_at=record.updated_at, updated_by=record.updated_by)

    # -- printing -----------------------------------------------------------------------
    def pdf_job(self, consent_id: int) -> Callable[[], bytes]:
        """Read the consent now (audited) and return a callable that renders it.

        Split so the GUI reads on its own thread and renders on a worker. The definition
        is exactly the version the consent was filled with.
        """
        from oro_desktop.pdf import default_fonts_dir, render_form

        from oro_desktop.services.barnhalsoteam_special import hide_address_in

        with self._uow() as uow:
            record = self._record(uow, consent_id)
            uow.audit("read", "consent", record.id, {"purpose": "render"})
            definition = self.definition_of(record)  # protected/secret address: never printed
            data = hide_address_in(uow.conn, definition, record.consent.data, record.child_id)
        fonts = self._fonts_dir or default_fonts_dir()
        return lambda: render_form(definition, data, fonts_dir=fonts)

    def render_pdf(self, consent_id: int) -> bytes:
        return self.pdf_job(consent_id)()

    def record_output(self, consent_id: int, action: str,
                      detail: Mapping[str, Any] | None = None) -> None:
        """Audit a print or a saved PDF (the preview's callback); a print of a complete
        draft also marks it printed, in the same single audit entry."""
        if action not in ("print", "export"):
            raise ValueError(action)
        today = self.today()
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            extra: dict[str, Any] = {}
            if action == "print" and lifecycle.status(record.consent, today) in EDITABLE:
                if not validate(self.definition_of(record), record.consent.data, today=today):
                    marked = lifecycle.mark_printed(record.consent, today)
                    repo.update(uow.conn, uow.actor, record.id, marked, child_id=record.child_id)
                    extra["marked_printed"] = format_date(today)
            uow.audit(action, "consent", record.id, {**dict(detail or {}), **extra})
        if extra:
            self._publish([self._consent_change(record)])

    def renew(self, consent_id: int) -> int:
        """Re-consent: a new draft of the newest form version, pre-filled from the old one
        (dates and signatures cleared, the guardians' names kept)."""
        with self._uow() as uow:
            old = self._record(uow, consent_id)
            s = lifecycle.status(old.consent, self.today())
            if s in EDITABLE:
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
            validity = new_def.field_for("validity")
            if validity is not None:  # propose the next period (core.consent.next_period)
                start, end = lifecycle.next_period(old.consent, self.today())
                data[validity.id] = {"from": start.isoformat(), "to": end.isoformat()}
        # Saved after the read's transaction, so the save's changes publish after its commit.
        return self.save(None, data, form_id=new_def.id, renewed_from=old.id).id


def _from_profile(session: Any, definition: FormDefinition) -> dict[str, Any]:
    """"Samtycke inhämtat av" from the signed-in user's profile (wins over the last
    consent's copy; empty profile fields leave the copy alone)."""
    from oro_desktop.services.users import obtained_by

    out: dict[str, Any] = {}
    for role, value in obtained_by(session).items():
        target = definition.field_for(role)
        if target is not None:
            out[target.id] = value
    return out


def _typed_child_name(definition: FormDefinition, data: Mapping[str, Any]) -> str:
    """The child's name as typed (a list column, shown while no person is linked)."""
    where = person_service.child_fields(definition)
    return str(data.get(where.name) or "") if where and where.name else ""

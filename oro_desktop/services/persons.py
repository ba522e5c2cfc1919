"""Persons: find the child and guardians of a form again, by their number.

Why a service of its own: consents (and later plans and disclosure records) all name
people. Finding a child again by personnummer is what lets all of the child's consents
be listed together and a new consent start from what is known. Every read of a person's
data is audited in the same transaction as the read.

Rules:

- A person with a personnummer, samordningsnummer or reservnummer is found again by it;
  a person without a number ("saknas") is never matched automatically: a new one is
  created, because two children without numbers are not the same child.
- Skyddade personuppgifter (protected identity) is *kept*: once a person is marked, a
  later form that does not say so does not clear it (only `set_protected` does, which is
  audited). The mark is written back into the form data so the address is never printed.
- The form knows where the child is through its fields, not by name: the child is the
  first identity field; its name, address and phone are the text, `address_of` and
  phone fields of the same section. Guardians are the names in the first signature field.

Persons are handed out as `core.persons.Person` (with their stable `uid`); writes
append `Change("person", uid, ...)` for the caller to publish after its commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from oro_desktop.core.forms import FormDefinition, is_empty
from oro_desktop.core.forms.bounds import PART_MAX_LENGTH, max_length
from oro_desktop.core.identity import IdentityNumber, identity_from_data, parse_number
from oro_desktop.errors import InvalidInput
from oro_desktop.store.errors import NotFound
from oro_desktop.core.persons import Person
from oro_desktop.services.changes import Change
from oro_desktop.store.repos import persons as repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session
    from oro_desktop.store.store import UnitOfWork

__all__ = ["Person", "PersonService", "ChildFields", "child_fields", "child_in_form",
           "guardian_names", "find_or_create", "ChildFacts"]


@dataclass(frozen=True)
class ChildFields:
    """Ids of the fields holding the child in a definition ('' when the form has none)."""

    identity: str
    name: str = ""
    address: str = ""
    phone: str = ""
    guardians: str = ""  # the signature field whose rows name the guardians


def child_fields(definition: FormDefinition) -> ChildFields | None:
    """Where a form keeps its child: the fields bound to the child.* and guardians roles.

    None when the form binds no child.identity (it is not about a child).
    """
    ident = definition.field_for("child.identity")
    if ident is None:
        return None

    def bound(role: str) -> str:
        found = definition.field_for(role)
        return found.id if found is not None else ""

    return ChildFields(
        identity=ident.id,
        name=bound("child.name"),
        address=bound("child.address"),
        phone=bound("child.phone"),
        guardians=bound("guardians"),
    )


@dataclass(frozen=True)
class ChildFacts:
    """The child as typed into a form."""

    identity: IdentityNumber
    name: str
    address: str
    phone: str
    protected: bool


def child_in_form(definition: FormDefinition, data: Mapping[str, Any], today: date) -> ChildFacts | None:
    """The child typed into `data` (through the child.* roles), or None while the name or
    a valid identity is missing, or while a value is longer than its field allows: a
    person is never created or updated from text the form itself refuses."""
    where = child_fields(definition)
    if where is None or not where.name:
        return None
    raw = data.get(where.identity)
    values: dict[str, str] = {}
    for fid in (where.name, where.address, where.phone):
        if not fid:
            continue
        value = data.get(fid)
        text = value.strip() if isinstance(value, str) else ""
        if len(text) > max_length(definition.field(fid)):
            return None
        values[fid] = text
    name = values.get(where.name, "")
    if is_empty(raw) or not name:
        return None
    parts = raw.values() if isinstance(raw, Mapping) else [raw]
    if any(isinstance(v, str) and len(v) > PART_MAX_LENGTH for v in parts):
        return None
    try:
        identity = identity_from_data(dict(raw) if isinstance(raw, Mapping) else raw, today=today)
    except InvalidInput:
        return None
    protected = isinstance(raw, Mapping) and bool(raw.get("protected"))
    return ChildFacts(identity, name, values.get(where.address, ""), values.get(where.phone, ""),
                      protected)


def guardian_names(definition: FormDefinition, data: Mapping[str, Any]) -> list[str]:
    """Names in the guardians' signature rows (the `guardians` role), in order, blanks skipped."""
    guardians = definition.field_for("guardians")
    rows = data.get(guardians.id) if guardians is not None else None
    if not isinstance(rows, list):
        return []
    return [str(r.get("name")).strip() for r in rows
            if isinstance(r, Mapping) and str(r.get("name") or "").strip()]


def find_or_create(uow: "UnitOfWork", child: ChildFacts, *,
                   changes: list[Change] | None = None,
                   linked: int | None = None) -> tuple[Person, bool]:
    """The stored person for `child` (updated with what was typed) or a new one.

    Runs inside the caller's unit of work and audits its own create/update; appends the
    `Change` to `changes` for the caller to publish after its commit. Returns
    (person, protected_in_store): the second is True when the store says protected.
    `linked`: the person the record being saved is already linked to. A child without a
    number cannot be found by it, so that person is kept while neither has a number
    (otherwise every save made a new person, and what was recorded about the child, such
    as a secret address, was left behind).
    """
    conn = uow.conn
    found = repo.find_by_identity(conn, child.identity)
    if found is None and linked is not None and not child.identity.value:
        before = repo.get(conn, linked)
        if before is not None and not before.identity.value:
            found = before
    if found is None:
        pid = repo.insert(conn, uow.actor, child.identity, child.name, address=child.address,
                          phone=child.phone, protected=child.protected)
        uow.audit("create", "person", pid, {"kind": child.identity.kind.value})
        person = _stored(conn, pid)
        if changes is not None:
            changes.append(Change("person", person.uid, "created"))
        return person, person.protected
    protected = found.protected or child.protected
    new = (child.name, child.address or found.address, child.phone or found.phone, protected)
    if new != (found.name, found.address, found.phone, found.protected):
        repo.update(conn, uow.actor, found.id, name=new[0], address=new[1], phone=new[2],
                    protected=protected)
        uow.audit("update", "person", found.id, {"from": "form"})
        found = _stored(conn, found.id)
        if changes is not None:
            changes.append(Change("person", found.uid, "updated"))
    return found, protected


def _stored(conn: Any, person_id: int) -> Person:
    person = repo.get(conn, person_id)
    if person is None:
        raise NotFound("Personen finns inte.")
    return person


class PersonService:
    """Look persons up; every read is audited with the ids that were shown."""

    def __init__(self, session: "Session") -> None:
        self._session = session

    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    def get(self, person_id: int) -> Person:
        with self._uow() as uow:
            person = repo.get(uow.conn, person_id)
            if person is None:
                raise NotFound("Personen finns inte.")
            uow.audit("read", "person", person_id)
        return person

    def find_by_number(self, text: str, *, today: date | None = None) -> Person | None:
        """The person with this personnummer/samordningsnummer (10 or 12 digits), or None."""
        identity = parse_number(text, today or date.today())
        with self._uow() as uow:
            person = repo.find_by_identity(uow.conn, identity)
            if person is not None:
                uow.audit("read", "person", person.id, {"by": "number"})
        return person

    def search(self, text: str, *, limit: int = 50) -> list[Person]:
        """Persons by part of the name or the start of the number; audited as one read."""
        with self._uow() as uow:
            found = repo.search(uow.conn, text, limit)
            if found:
                uow.audit("read", "person", None, {"search": True, "ids": [p.id for p in found]})
        return found

    def set_protected(self, person_id: int, protected: bool) -> Person:
        """Mark or unmark skyddade personuppgifter (the only way to clear the mark)."""
        with self._uow() as uow:
            person = _stored(uow.conn, person_id)
            repo.update(uow.conn, uow.actor, person_id, name=person.name, address=person.address,
                        phone=person.phone, protected=protected)
            uow.audit("update", "person", person_id, {"protected": protected})
            person = _stored(uow.conn, person_id)
        self._session.changes.publish(Change("person", person.uid, "updated"))
        return person

"""Finding cases and persons as you type: the global search (Ctrl+F) of Ärenden.

Part of `CaseService` (between the reads of services/case_reads.py and the writes). Why
persons as well as cases: a clinician types a name or a number and expects the person
too, not only the cases the person is in; a person found leads to that person's cases
(`of_person`). Persons come from the foundation's search (the FTS5 person index: the
start of words of the name, å/ä/ö folded, or the start of the number); a case is also
found by the start of its id. One audited read per search. A person hit carries no
address at all, and a protected person's number is masked (`Person.number_display`).
"""

from __future__ import annotations

import re
from typing import Any

from oro_desktop.core.cases import Role
from oro_desktop.services.case_reads import MAX_PAGE, CaseReads
from oro_desktop.services.case_views import CaseRow, CaseSearch, PersonHit
from oro_desktop.store.repos import cases as repo
from oro_desktop.store.repos import persons as persons_repo

_UID_PREFIX = re.compile(r"^[0-9a-f]{6,32}$")
MAX_PERSONS = 200
MAX_TEXT = 200


def _bounded(text: str) -> str:
    return str(text or "")[:MAX_TEXT].strip()


class CaseSearching(CaseReads):
    """Search as you type; see the module docstring."""

    def _found(self, conn: Any, text: str, limit: int,
               ) -> tuple[list[repo.CaseRecord], list[Any]]:
        found: dict[int, repo.CaseRecord] = {}
        if _UID_PREFIX.match(text.lower()):
            for r in repo.cases_with_uid_prefix(conn, text.lower(), limit):
                found[r.id] = r
        persons = persons_repo.search(conn, text, MAX_PERSONS)
        for r in repo.cases_of_persons(conn, [p.id for p in persons], limit):
            found.setdefault(r.id, r)
        records = sorted(found.values(), key=lambda r: (r.status != "open", r.opened_on))[:limit]
        return records, persons

    def search(self, text: str, *, limit: int = 50) -> list[CaseRow]:
        """Cases found as you type: by a person's name or number (the FTS person search)
        or by the start of the case's id."""
        limit = max(1, min(int(limit), MAX_PAGE))
        text = _bounded(text)
        if not text:
            return []
        with self._uow() as uow:
            records, _persons = self._found(uow.conn, text, limit)
            rows = self._rows(uow.conn, records)
            if rows:
                uow.audit("read", "case", None, {"search": True, "list": len(rows)})
        return rows

    def find(self, text: str, *, limit: int = 50, persons: int = 20) -> CaseSearch:
        """Cases and persons for the global search, grouped: the cases as `search`
        finds them, and the persons found (each with the cases they are in, any role)."""
        limit = max(1, min(int(limit), MAX_PAGE))
        persons = max(0, min(int(persons), MAX_PERSONS))
        text = _bounded(text)
        if not text:
            return CaseSearch(text, (), ())
        with self._uow() as uow:
            conn = uow.conn
            records, people = self._found(conn, text, limit)
            rows = self._rows(conn, records)
            people = people[:persons]
            in_cases = repo.cases_of_persons(conn, [p.id for p in people], MAX_PAGE)
            parts = repo.participants_of_cases(conn, [r.id for r in in_cases])
            by_person: dict[int, list[tuple[str, str]]] = {}
            for r in in_cases:
                for part in parts.get(r.id, []):
                    by_person.setdefault(part.person_id, []).append((r.uid, part.role))
            hits = tuple(PersonHit(
                p.uid, p.name, p.number_display(), p.protected,
                tuple(dict.fromkeys(uid for uid, _role in by_person.get(p.id, ()))),
                tuple(dict.fromkeys(Role(role).label for _uid, role in by_person.get(p.id, ()))))
                for p in people)
            if rows or hits:
                uow.audit("read", "case", None, {"search": True, "list": len(rows),
                                                 "persons": [p.id for p in people]})
        return CaseSearch(text, tuple(rows), hits)

    def of_person(self, person_uid: str, *, limit: int = 200) -> list[CaseRow]:
        """The cases a person is in (any role, also an ended one), open ones first."""
        limit = max(1, min(int(limit), MAX_PAGE))
        with self._uow() as uow:
            person = persons_repo.get_by_uid(uow.conn, str(person_uid or "")[:64])
            if person is None:
                return []
            records = repo.cases_of_persons(uow.conn, [person.id], limit)
            rows = self._rows(uow.conn, records)
            if rows:
                uow.audit("read", "case", None, {"person": person.id, "list": len(rows)})
        return rows

"""Barnhälsoteam teams and their members: create, change, remove (kept), list.

Why a module of its own: this is the part of BhtService (services/barnhalsoteam.py) that
Barnhälsoteam's team view calls; each write is one transaction with one audit entry and
publishes `Change("team", uid, ...)` after the commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from oro_desktop.core.barnhalsoteam import Member, Team, new_uid
from oro_desktop.errors import InvalidInput
from oro_desktop.services.barnhalsoteam_base import BhtServiceBase, canonical
from oro_desktop.store.repos import barnhalsoteam as repo


@dataclass(frozen=True)
class TeamView:
    team: Team
    imported: bool

    def to_dict(self) -> dict[str, Any]:
        t = self.team
        return {"uid": t.uid, "name": t.name, "municipality": t.municipality, "area": t.area,
                "formed_on": t.formed_on.isoformat(), "imported": self.imported,
                "missing_roles": list(t.missing_roles()),
                "members": [{"uid": m.uid, "role": m.role, "name": m.name,
                             "organisation": m.organisation, "mandate": m.mandate}
                            for m in t.members]}


class BhtTeams(BhtServiceBase):
    """The teams and members of BhtService; see services/barnhalsoteam.py."""

    def create_team(self, name: str, municipality: str, formed_on: date, *, area: str = "",
                    members: Sequence[Member] = ()) -> str:
        team = Team(new_uid(), name.strip(), municipality.strip(), formed_on, area.strip(),
                    tuple(members))
        with self._uow() as uow:
            repo.insert_team(uow.conn, uow.actor, team)
            uow.audit("create", "bht_team", team.uid, {"members": len(team.members)})
        self._publish("team", team.uid, "created")
        return team.uid

    def add_member(self, team_uid: str, role: str, name: str, *, organisation: str = "",
                   mandate: str = "") -> str:
        team_uid = canonical(team_uid)
        member = Member(new_uid(), role, name.strip(), organisation.strip(), mandate.strip())
        with self._uow() as uow:
            tid = repo.team_id(uow.conn, team_uid)
            if tid is None:
                raise InvalidInput("Teamet finns inte.")
            repo.insert_member(uow.conn, uow.actor, tid, member)
            uow.audit("update", "bht_team", team_uid, {"event": "member", "role": role})
        self._publish("team", team_uid, "updated")
        return member.uid

    def update_member(self, team_uid: str, member_uid: str, *, role: str, name: str,
                      organisation: str = "", mandate: str = "") -> None:
        """Change a member's role, name, unit or mandate (audited with what changed)."""
        team_uid, member_uid = canonical(team_uid), canonical(member_uid)
        new = Member(member_uid, role, name.strip(), organisation.strip(), mandate.strip())
        with self._uow() as uow:
            old = self._member(uow.conn, team_uid, member_uid)
            changed = [k for k in ("role", "name", "organisation", "mandate")
                       if getattr(old, k) != getattr(new, k)]
            if not changed:
                return
            repo.update_member(uow.conn, uow.actor, new)
            uow.audit("update", "bht_team", team_uid, {
                "event": "member_changed", "member": member_uid, "changed": changed})
        self._publish("team", team_uid, "updated")

    def remove_member(self, team_uid: str, member_uid: str) -> None:
        """Remove a member from the team. The record is kept (marked removed, audited):
        past meetings name the member among those present, and keep doing so."""
        team_uid, member_uid = canonical(team_uid), canonical(member_uid)
        with self._uow() as uow:
            old = self._member(uow.conn, team_uid, member_uid)
            repo.remove_member(uow.conn, uow.actor, member_uid)
            uow.audit("update", "bht_team", team_uid, {
                "event": "member_removed", "member": member_uid, "role": old.role})
        self._publish("team", team_uid, "updated")

    @staticmethod
    def _member(conn: Any, team_uid: str, member_uid: str) -> Member:
        tid = repo.team_id(conn, team_uid)
        if tid is None:
            raise InvalidInput("Teamet finns inte.")
        found = repo.member(conn, tid, member_uid)
        if found is None:
            raise InvalidInput("Medlemmen finns inte i teamet (den kan redan vara borttagen).")
        return found

    def teams(self) -> list[TeamView]:
        with self._uow() as uow:
            return [TeamView(r.team, r.imported_from is not None)
                    for r in repo.teams(uow.conn)]

    def team(self, uid: str) -> Team:
        uid = canonical(uid)
        for view in self.teams():
            if view.team.uid == uid:
                return view.team
        raise InvalidInput("Teamet finns inte.")

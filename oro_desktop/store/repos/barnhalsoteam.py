"""Barnhälsoteam rows: teams, members, meetings with their topics, imported packages.

Why rows map onto core's types (core/barnhalsoteam/model.py): the service builds a
`Meeting` (which checks the identification rule) before anything is written, and reads
meetings back as the same type for the yearly numbers. A meeting and its topics are
append-only (migration 0008). An identified topic stores the child's and the consent's
uid and a snapshot of the consent's facts (JSON, see `consent_facts`/`consent_from_facts`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from oro_desktop.core.barnhalsoteam.consent import BhtConsent
from oro_desktop.core.barnhalsoteam.discussion import (
    DeidentifiedDiscussion, IdentifiedDiscussion,
)
from oro_desktop.core.barnhalsoteam.guardians import GuardianSignature
from oro_desktop.core.barnhalsoteam.model import (
    Attendee, Decision, FollowUp, Meeting, Member, Team, Topic,
)
from oro_desktop.store.audit import now_utc


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# -- consent snapshot ---------------------------------------------------------------------
def consent_facts(c: BhtConsent) -> dict[str, Any]:
    return {"uid": c.uid, "child_uid": c.child_uid, "parties": sorted(c.parties),
            "valid_from": c.valid_from.isoformat(), "valid_to": c.valid_to.isoformat(),
            "guardians": c.guardians, "transfer_on_move": c.transfer_on_move,
            "revoked_on": _iso(c.revoked_on),
            "signatures": [{"guardian": s.guardian, "name": s.name,
                            "signed_on": s.signed_on.isoformat(),
                            "registered_on": s.registered_on.isoformat()}
                           for s in c.signatures]}


def consent_from_facts(f: dict[str, Any]) -> BhtConsent:
    sigs = tuple(GuardianSignature(int(s["guardian"]), str(s["name"]),
                                   date.fromisoformat(s["signed_on"]),
                                   date.fromisoformat(s["registered_on"]))
                 for s in f["signatures"])
    t = f.get("transfer_on_move")
    return BhtConsent(uid=str(f["uid"]), child_uid=str(f["child_uid"]),
                      parties=frozenset(str(p) for p in f["parties"]),
                      valid_from=date.fromisoformat(f["valid_from"]),
                      valid_to=date.fromisoformat(f["valid_to"]),
                      guardians=int(f["guardians"]), signatures=sigs,
                      transfer_on_move=t if isinstance(t, bool) else None,
                      revoked_on=_d(f.get("revoked_on")))


# -- teams --------------------------------------------------------------------------------
def insert_team(conn, actor: str, team: Team, *, imported_from: str | None = None) -> int:
    cur = conn.execute(
        "INSERT INTO bht_teams (uid, name, municipality, area, formed_on, imported_from,"
        " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (team.uid, team.name, team.municipality, team.area, team.formed_on.isoformat(),
         imported_from, now_utc(), actor))
    team_id = int(cur.lastrowid)
    for m in team.members:
        insert_member(conn, actor, team_id, m)
    return team_id


def insert_member(conn, actor: str, team_id: int, m: Member) -> None:
    conn.execute(
        "INSERT INTO bht_members (uid, team_id, role, name, organisation, mandate, created_at,"
        " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (m.uid, team_id, m.role, m.name, m.organisation, m.mandate, now_utc(), actor))


def team_id(conn, uid: str) -> int | None:
    r = conn.execute("SELECT id FROM bht_teams WHERE uid = ?", (uid,)).fetchone()
    return int(r[0]) if r else None


def _members(conn, tid: int) -> tuple[Member, ...]:
    """The team's current members (a removed one is kept in the table, not listed)."""
    rows = conn.execute("SELECT uid, role, name, organisation, mandate FROM bht_members"
                        " WHERE team_id = ? AND removed_at IS NULL ORDER BY id", (tid,))
    return tuple(Member(r[0], r[1], r[2], r[3], r[4]) for r in rows)


def member(conn, team_id: int, uid: str) -> Member | None:
    """A current member of the team, None if there is none (or it was removed)."""
    r = conn.execute("SELECT uid, role, name, organisation, mandate FROM bht_members"
                     " WHERE team_id = ? AND uid = ? AND removed_at IS NULL",
                     (team_id, uid)).fetchone()
    return Member(r[0], r[1], r[2], r[3], r[4]) if r else None


def update_member(conn, actor: str, m: Member) -> None:
    conn.execute("UPDATE bht_members SET role = ?, name = ?, organisation = ?, mandate = ?,"
                 " updated_at = ?, updated_by = ? WHERE uid = ? AND removed_at IS NULL",
                 (m.role, m.name, m.organisation, m.mandate, now_utc(), actor, m.uid))


def remove_member(conn, actor: str, uid: str) -> None:
    conn.execute("UPDATE bht_members SET removed_at = ?, removed_by = ? WHERE uid = ?"
                 " AND removed_at IS NULL", (now_utc(), actor, uid))


@dataclass(frozen=True)
class TeamRow:
    team: Team
    imported_from: str | None


def teams(conn, *, own_only: bool = False) -> list[TeamRow]:
    sql = "SELECT id, uid, name, municipality, formed_on, area, imported_from FROM bht_teams"
    if own_only:
        sql += " WHERE imported_from IS NULL"
    out = []
    for r in conn.execute(sql + " ORDER BY municipality, name, id").fetchall():
        out.append(TeamRow(Team(r[1], r[2], r[3], date.fromisoformat(r[4]), r[5],
                                _members(conn, int(r[0]))), r[6]))
    return out


# -- meetings -----------------------------------------------------------------------------
def meeting_exists(conn, uid: str) -> int | None:
    r = conn.execute("SELECT id FROM bht_meetings WHERE uid = ?", (uid,)).fetchone()
    return int(r[0]) if r else None


def topic_exists(conn, uid: str) -> bool:
    return conn.execute("SELECT 1 FROM bht_topics WHERE uid = ?", (uid,)).fetchone() is not None


def insert_meeting(conn, actor: str, tid: int, meeting: Meeting, topic_uids: list[str], *,
                   imported_from: str | None = None) -> int:
    fu = meeting.follow_up
    cur = conn.execute(
        "INSERT INTO bht_meetings (uid, team_id, date, attendees, decisions, follow_up,"
        " imported_from, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (meeting.uid, tid, meeting.date.isoformat(),
         json.dumps([[a.role, a.member_uid] for a in meeting.attendees]),
         json.dumps([[d.text, d.kind, d.responsible_role] for d in meeting.decisions],
                    ensure_ascii=False),
         json.dumps([fu.text, _iso(fu.by)], ensure_ascii=False) if fu else None,
         imported_from, now_utc(), actor))
    mid = int(cur.lastrowid)
    insert_topics(conn, mid, list(zip(topic_uids, meeting.topics)), start=0)
    return mid


def insert_topics(conn, mid: int, topics: list[tuple[str, Topic]], *, start: int) -> None:
    for pos, (uid, t) in enumerate(topics, start):
        d = t.discussion
        kind = None if d is None else ("identified" if isinstance(d, IdentifiedDiscussion)
                                       else "deidentified")
        child = d.child_uid if isinstance(d, IdentifiedDiscussion) else None
        consent = d.consent if isinstance(d, IdentifiedDiscussion) else None
        conn.execute(
            "INSERT INTO bht_topics (uid, meeting_id, position, text, level, discussion, summary,"
            " age_years, child_uid, consent_uid, consent_facts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, mid, pos, t.text, t.level, kind, d.summary if d else "",
             d.age_years if isinstance(d, DeidentifiedDiscussion) else None, child,
             consent.uid if consent else None,
             json.dumps(consent_facts(consent), ensure_ascii=False) if consent else None))


def next_position(conn, mid: int) -> int:
    r = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM bht_topics WHERE meeting_id = ?",
                     (mid,)).fetchone()
    return int(r[0])


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    topic_uids: tuple[str, ...]
    imported_from: str | None


def _topic(r) -> Topic:
    text, level, kind, summary, age, child, facts = r
    if kind == "identified":
        return Topic(text, level, IdentifiedDiscussion(child, consent_from_facts(json.loads(facts)),
                                                       summary))
    if kind == "deidentified":
        return Topic(text, level, DeidentifiedDiscussion(summary, age))
    return Topic(text, level)


def meetings(conn, *, team_uid: str | None = None, year: int | None = None,
             own_only: bool = False, child_uid: str | None = None) -> list[MeetingRow]:
    where, params = [], []
    if team_uid is not None:
        where.append("t.uid = ?")
        params.append(team_uid)
    if year is not None:
        where.append("substr(m.date, 1, 4) = ?")
        params.append(f"{year:04d}")
    if own_only:
        where.append("m.imported_from IS NULL")
    if child_uid is not None:
        where.append("m.id IN (SELECT meeting_id FROM bht_topics WHERE child_uid = ?)")
        params.append(child_uid)
    sql = ("SELECT m.id, m.uid, t.uid, m.date, m.attendees, m.decisions, m.follow_up,"
           " m.imported_from FROM bht_meetings m JOIN bht_teams t ON t.id = m.team_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    out = []
    for r in conn.execute(sql + " ORDER BY m.date, m.id", params).fetchall():
        trows = conn.execute(
            "SELECT uid, text, level, discussion, summary, age_years, child_uid, consent_facts"
            " FROM bht_topics WHERE meeting_id = ? ORDER BY position", (r[0],)).fetchall()
        fu = json.loads(r[6]) if r[6] else None
        meeting = Meeting(
            r[1], r[2], date.fromisoformat(r[3]),
            tuple(Attendee(a[0], a[1]) for a in json.loads(r[4])),
            tuple(_topic(t[1:]) for t in trows),
            tuple(Decision(d[0], d[1], d[2]) for d in json.loads(r[5])),
            FollowUp(fu[0], _d(fu[1])) if fu else None)
        out.append(MeetingRow(meeting, tuple(t[0] for t in trows), r[7]))
    return out


# -- imports ------------------------------------------------------------------------------
def imported_packages(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT package_id FROM bht_imports")}


def record_import(conn, actor: str, package_id: str, created: date, child_uid: str) -> None:
    conn.execute("INSERT INTO bht_imports (package_id, created, child_uid, imported_at,"
                 " imported_by) VALUES (?, ?, ?, ?, ?)",
                 (package_id, created.isoformat(), child_uid, now_utc(), actor))

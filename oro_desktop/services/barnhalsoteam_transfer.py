"""The payload of a barnhälsoteam transfer file: what leaves with a child who moves.

Why only this much: guideline 2.10 hands over *the child's* material. So the file holds
the child (name and number, never an address: a protected identity or a secret address
must not travel in a file that is read aloud about by phone), the consent in force it
rests on (as a snapshot of its facts), and of each meeting where the child was discussed
by name only the date, the roles present and the topics about this child: not other
children's topics, nor the meeting's decisions and follow-up (they may concern others).

Every record keeps its uid. A file from a version before migration 0011 writes dashed
UUIDs; an import normalises every id to the stable-id contract (32 lower-case hex), so the
same record is the same uid on both sides whichever version wrote it. On import everything is rebuilt through core's types (which
check bounds and the identification rule again) before one row is written; any fault
refuses the whole file with one Swedish line, and the caller's transaction writes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from oro_desktop.core.barnhalsoteam import (
    Attendee, IdentifiedDiscussion, Meeting, Team, Topic, normalise_uid,
)
from oro_desktop.core.identity import IdentityKind, IdentityNumber
from oro_desktop.errors import InvalidInput
from oro_desktop.store.repos import barnhalsoteam as repo
from oro_desktop.store.repos import bht_situation as situation_repo
from oro_desktop.store.repos import persons as persons_repo

KIND = "bht-child"
VERSION = 1
BAD_FILE = ("Överföringsfilen innehåller fel och kan inte importeras. "
            "Ingenting har importerats.")


@dataclass(frozen=True)
class ImportResult:
    package_id: str
    child_uid: str
    meetings: int  # meetings written, or given a topic they lacked
    topics: int  # topics written
    unchanged: int = 0  # meetings in the file already here in full (nothing written)


def _canonical(uid: object) -> str:
    """A uid from the store or from a file (32 hex or dashed) in the contract's form."""
    return normalise_uid(uid)


def build_payload(conn: Any, child_uid: str, today: date) -> tuple[dict[str, Any], int, int]:
    """(payload, meetings, topics) for the child with canonical uid `child_uid`."""
    person = persons_repo.get_by_uid(conn, uuid.UUID(child_uid).hex)
    if person is None:
        raise InvalidInput("Barnet finns inte.")
    rows = repo.meetings(conn, child_uid=child_uid)
    teams = {r.team.uid: r.team for r in repo.teams(conn)}
    meetings: list[dict[str, Any]] = []
    consents: dict[str, dict[str, Any]] = {}
    n_topics = 0
    for r in rows:
        m = r.meeting
        topics = []
        for uid, t in zip(r.topic_uids, m.topics):
            d = t.discussion
            if isinstance(d, IdentifiedDiscussion) and d.child_uid == child_uid:
                facts = repo.consent_facts(d.consent)
                consents[d.consent.uid] = facts
                topics.append({"uid": uid, "text": t.text, "level": t.level,
                               "summary": d.summary, "consent": facts})
        n_topics += len(topics)
        meetings.append({"uid": m.uid, "team_uid": m.team_uid, "date": m.date.isoformat(),
                         "attendees": [[a.role, a.member_uid] for a in m.attendees],
                         "topics": topics})
    used = {m["team_uid"] for m in meetings}
    payload = {
        "kind": KIND, "version": VERSION, "exported": today.isoformat(),
        "child": {"uid": child_uid, "name": person.name,
                  "id_kind": person.identity.kind.value, "id_value": person.identity.value,
                  "no_number_reason": person.identity.reason,
                  "protected": bool(person.protected),
                  # the special situations travel with the child, so the receiving team
                  # sees the same mark and notices (never the address itself)
                  "situation": _situation(conn, person.id)},
        "teams": [{"uid": t.uid, "name": t.name, "municipality": t.municipality,
                   "area": t.area, "formed_on": t.formed_on.isoformat()}
                  for uid, t in teams.items() if uid in used],
        "meetings": meetings,
    }
    return payload, len(meetings), n_topics


_SITUATION_KEYS = ("lvu_placement", "family_home_sol", "secret_address", "undocumented")


def _situation(conn: Any, person_id: int) -> dict[str, bool]:
    row = situation_repo.get(conn, person_id)
    return {k: bool(getattr(row, k)) for k in _SITUATION_KEYS}


def _apply_situation(conn: Any, actor: str, child_uid: str, raw: dict[str, Any]) -> None:
    """Add the sender's marks to the receiving child (a mark is never cleared by an
    import: what one side knows about protection is kept)."""
    from oro_desktop.services import barnhalsoteam_special as special

    sent = raw.get("situation", {})
    if not isinstance(sent, dict) or set(sent) - set(_SITUATION_KEYS) or any(
            not isinstance(v, bool) for v in sent.values()):
        raise ValueError("situation")
    person = persons_repo.get_by_uid(conn, uuid.UUID(child_uid).hex)
    assert person is not None
    have = situation_repo.get(conn, person.id)
    merged = {k: bool(getattr(have, k)) or bool(sent.get(k, False)) for k in _SITUATION_KEYS}
    special.write(conn, actor, child_uid,
                  protected_identity=bool(person.protected) or bool(raw.get("protected")),
                  **merged)


def _child(conn: Any, actor: str, raw: dict[str, Any]) -> str:
    """The receiving person's canonical uid: found by number, else created with the
    sender's uid (kept)."""
    identity = IdentityNumber(IdentityKind(str(raw["id_kind"])), str(raw["id_value"]),
                              str(raw.get("no_number_reason", "")))
    name = str(raw["name"])
    if not name.strip() or len(name) > 200:
        raise ValueError("name")
    found = persons_repo.find_by_identity(conn, identity)
    if found is not None:
        return _canonical(found.uid)
    sender = _canonical(raw["uid"])
    if persons_repo.get_by_uid(conn, uuid.UUID(sender).hex) is not None:
        raise ValueError("uid taken")
    persons_repo.insert(conn, actor, identity, name, protected=bool(raw.get("protected")),
                        uid=uuid.UUID(sender).hex)
    return sender


def apply_payload(conn: Any, actor: str, package_id: str,
                  payload: dict[str, Any]) -> ImportResult:
    """Write the payload's records (see the module docstring); ValueError-free: every
    fault is InvalidInput(BAD_FILE) or the rule's own Swedish reason."""
    if payload.get("kind") != KIND or payload.get("version") != VERSION:
        raise InvalidInput(BAD_FILE)
    try:
        child_uid = _child(conn, actor, payload["child"])
        _apply_situation(conn, actor, child_uid, payload["child"])
        teams = {}
        for t in payload["teams"]:
            team = Team(_canonical(t["uid"]), str(t["name"]), str(t["municipality"]),
                        date.fromisoformat(t["formed_on"]), str(t.get("area", "")))
            teams[team.uid] = team
        n_meetings = n_topics = n_unchanged = 0
        for m in payload["meetings"]:
            attendees = tuple(Attendee(str(a[0]), _canonical(a[1]) if a[1] else "")
                              for a in m["attendees"])
            topics: list[tuple[str, Topic]] = []
            for t in m["topics"]:
                facts = dict(t["consent"])
                facts["uid"] = _canonical(facts["uid"])
                facts["child_uid"] = child_uid
                consent = repo.consent_from_facts(facts)
                topics.append((_canonical(t["uid"]), Topic(
                    str(t["text"]), str(t["level"]),
                    IdentifiedDiscussion(child_uid, consent, str(t["summary"])))))
            meeting = Meeting(_canonical(m["uid"]), _canonical(m["team_uid"]),
                              date.fromisoformat(m["date"]), attendees,
                              tuple(t for _, t in topics))
            tid = repo.team_id(conn, meeting.team_uid)
            if tid is None:
                team = teams[meeting.team_uid]
                tid = repo.insert_team(conn, actor, team, imported_from=package_id)
            mid = repo.meeting_exists(conn, meeting.uid)
            if mid is None:
                repo.insert_meeting(conn, actor, tid, meeting, [u for u, _ in topics],
                                    imported_from=package_id)
                n_topics += len(topics)
                n_meetings += 1
            else:  # the same meeting from an earlier package: only what is new is written
                new = [(u, t) for u, t in topics if not repo.topic_exists(conn, u)]
                repo.insert_topics(conn, mid, new, start=repo.next_position(conn, mid))
                n_topics += len(new)
                if new:
                    n_meetings += 1
                else:
                    n_unchanged += 1
    except InvalidInput:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        raise InvalidInput(BAD_FILE) from None
    return ImportResult(package_id, child_uid, n_meetings, n_topics, n_unchanged)

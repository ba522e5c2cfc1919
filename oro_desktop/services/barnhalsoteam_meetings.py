"""Barnhälsoteam meetings: the identification rule, a child's special situations, the record.

Why a module of its own: a meeting that reaches the store has passed the guideline's
rules (core's `Meeting` refuses a guardian or a child among those present; a named child
rests on its consent in force on the meeting date, else `IdentificationRefused`); that
is this part of BhtService (services/barnhalsoteam.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from oro_desktop.core.barnhalsoteam import (
    Attendee, Decision, DeidentifiedDiscussion, FollowUp, IdentificationCheck,
    IdentifiedDiscussion, Meeting, Topic, check_identification, new_uid,
    refuse_identity_numbers,
)
from oro_desktop.errors import InvalidInput
from oro_desktop.services.barnhalsoteam_base import BhtServiceBase, canonical
from oro_desktop.store.repos import barnhalsoteam as repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.barnhalsoteam_special import ChildSituation


@dataclass(frozen=True)
class NamedChild:
    """A request to discuss a child by name: the child's uid (as the app shows it) and the
    summary. The service finds the consent in force on the meeting date."""

    child_uid: str
    summary: str


@dataclass(frozen=True)
class TopicInput:
    text: str
    level: str
    child: DeidentifiedDiscussion | NamedChild | None = None


class BhtMeetings(BhtServiceBase):
    """The meetings of BhtService; see services/barnhalsoteam.py."""

    def child_uid_for(self, text: str) -> str:
        """A child named on the command line: its uid, or its personnummer/
        samordningsnummer (the person must be in the store)."""
        from oro_desktop.core.identity import parse_number

        text = (text or "").strip()
        if len(text) > 64:
            raise InvalidInput("Barnet anges med id eller personnummer.")
        try:
            return canonical(text)
        except InvalidInput:
            pass
        identity = parse_number(text, self.today())
        with self._uow() as uow:
            found = persons_repo.find_by_identity(uow.conn, identity)
        if found is None:
            raise InvalidInput("Det finns inget barn med det numret.")
        return canonical(found.uid)

    def check_identified(self, child_uid: str, meeting_date: date,
                         roles_present: Iterable[str]) -> IdentificationCheck:
        """May this child be discussed by name at a meeting on that date with these roles?"""
        child_uid = canonical(child_uid)
        return check_identification(self.consent_for(child_uid, meeting_date), meeting_date,
                                    tuple(roles_present), child_uid)

    # -- the guideline's special situations (2.8, 2.9; services/barnhalsoteam_special.py)
    def situation(self, child_uid: str, *, moving: bool = False) -> ChildSituation:
        """The child's special situations with the guideline's notices (audited read)."""
        from oro_desktop.services import barnhalsoteam_special as special

        child_uid = canonical(child_uid)
        with self._uow() as uow:
            found = special.read(uow.conn, self.guideline, child_uid, moving=moving)
            uow.audit("read", "person", child_uid, {"purpose": "bht_situation"})
        return found

    def set_situation(self, child_uid: str, *, protected_identity: bool, secret_address: bool,
                      lvu_placement: bool, family_home_sol: bool,
                      undocumented: bool) -> ChildSituation:
        """Record the facts (one transaction, audited with what changed)."""
        from oro_desktop.services import barnhalsoteam_special as special

        child_uid = canonical(child_uid)
        with self._uow() as uow:
            changed = special.write(
                uow.conn, uow.actor, child_uid, protected_identity=protected_identity,
                secret_address=secret_address, lvu_placement=lvu_placement,
                family_home_sol=family_home_sol, undocumented=undocumented)
            if changed:
                uow.audit("update", "person", child_uid, {"bht_situation": changed})
            found = special.read(uow.conn, self.guideline, child_uid)
        if changed:
            self._publish("person", uuid.UUID(child_uid).hex, "updated")
        return found

    def child_labels(self, child_uids: Iterable[str]) -> dict[str, str]:
        """Each named child's name with its mark ("Skyddade personuppgifter" / "Hemlig
        vistelseort") beside it, for the meeting list (audited as one read)."""
        from oro_desktop.services import barnhalsoteam_special as special

        uids = sorted({canonical(u) for u in child_uids})
        if not uids:
            return {}
        out: dict[str, str] = {}
        with self._uow() as uow:
            for uid in uids:
                try:
                    out[uid] = special.read(uow.conn, self.guideline, uid).label
                except InvalidInput:
                    out[uid] = "okänt barn"
            uow.audit("read", "person", None, {"purpose": "bht_meetings", "persons": len(uids)})
        return out

    # -- meetings -----------------------------------------------------------------------
    def record_meeting(self, team_uid: str, day: date, attendees: Sequence[Attendee],
                       topics: Sequence[TopicInput] = (), decisions: Sequence[Decision] = (),
                       follow_up: FollowUp | None = None) -> str:
        """Record a meeting (append-only). A named child is refused (IdentificationRefused,
        Swedish, with the de-identified way) unless its consent allows it."""
        if day > self.today():
            raise InvalidInput("Ett möte kan inte registreras i förväg: datumet ligger i framtiden.")
        team_uid = canonical(team_uid)
        roles = tuple(dict.fromkeys(a.role for a in attendees))
        built: list[Topic] = []
        for t in topics:
            if isinstance(t.child, NamedChild):
                child_uid = canonical(t.child.child_uid)
                discussion = IdentifiedDiscussion.for_meeting(
                    child_uid, self.consent_for(child_uid, day), t.child.summary,
                    meeting_date=day, roles_present=roles)
                built.append(Topic(t.text, t.level, discussion))
            else:
                built.append(Topic(t.text, t.level, t.child))
        meeting = Meeting(new_uid(), team_uid, day, tuple(attendees), tuple(built),
                          tuple(decisions), follow_up)
        refuse_identity_numbers(meeting)  # before anything is written
        with self._uow() as uow:
            tid = repo.team_id(uow.conn, team_uid)
            if tid is None:
                raise InvalidInput("Teamet finns inte.")
            repo.insert_meeting(uow.conn, uow.actor, tid, meeting,
                                [new_uid() for _ in meeting.topics])
            uow.audit("create", "bht_meeting", meeting.uid, {
                "team": team_uid, "date": day.isoformat(), "topics": len(meeting.topics),
                "identified": [t.discussion.child_uid for t in meeting.topics
                               if isinstance(t.discussion, IdentifiedDiscussion)]})
        self._publish("meeting", meeting.uid, "created")
        return meeting.uid

    def meetings(self, *, team_uid: str | None = None, year: int | None = None) -> list[Meeting]:
        if team_uid is not None:
            team_uid = canonical(team_uid)
        with self._uow() as uow:
            rows = repo.meetings(uow.conn, team_uid=team_uid, year=year)
            if any(t.identified for r in rows for t in r.meeting.topics):
                uow.audit("read", "bht_meeting", None, {"meetings": len(rows)})
            return [r.meeting for r in rows]

"""Teams and meetings of barnhälsoteam (guideline 2.1-2.6), as frozen values.

Why these checks live in the types: a team is a forum for the professions (2.6), so a
meeting cannot be built with a guardian or a child among those present; a named child
can only be part of a meeting whose date and attendees its consent covers (2.5); SIP is
not held in the team but may be initiated by it, so "initiera SIP" is a kind of decision.
Every record that another record or a transfer file refers to has a stable uid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oro_desktop.core.barnhalsoteam._bounds import (
    MAX_NAME, MAX_TEXT, bounded, check_uid, rows,
)
from oro_desktop.core.barnhalsoteam.discussion import (
    ChildDiscussion, IdentificationRefused, IdentifiedDiscussion,
)
from oro_desktop.core.barnhalsoteam.guideline import LEVELS
from oro_desktop.core.barnhalsoteam.no_identity import refuse_identity_number
from oro_desktop.core.barnhalsoteam.roles import (
    CONVENOR, REQUIRED_ROLES, ROLES, check_role, role_label,
)
from oro_desktop.errors import InvalidInput

LEVEL_LABELS = {"organisation": "Organisationsnivå", "group": "Gruppnivå",
                "individual": "Individnivå"}
DECISION = "beslut"
INITIATE_SIP = "initiera_sip"
DECISION_KINDS = {DECISION: "Beslut", INITIATE_SIP: "Initiera SIP"}


@dataclass(frozen=True)
class Member:
    """A member of a team: a profession, the person, the unit, and the mandate (2.4)."""

    uid: str
    role: str
    name: str
    organisation: str = ""
    mandate: str = ""

    def __post_init__(self) -> None:
        check_uid(self.uid, "Medlemmen")
        check_role(self.role)
        bounded(self.name, "Namnet", MAX_NAME, required=True)
        bounded(self.organisation, "Verksamheten", MAX_NAME)
        bounded(self.mandate, "Mandatet", MAX_TEXT)


@dataclass(frozen=True)
class Team:
    """A barnhälsoteam of a municipality, or of an area within one."""

    uid: str
    name: str
    municipality: str
    formed_on: date
    area: str = ""
    members: tuple[Member, ...] = ()

    def __post_init__(self) -> None:
        check_uid(self.uid, "Teamet")
        bounded(self.name, "Teamets namn", MAX_NAME, required=True)
        bounded(self.municipality, "Kommunen", MAX_NAME, required=True)
        bounded(self.area, "Området", MAX_NAME)
        rows(self.members, "medlemmar")
        uids = [m.uid for m in self.members]
        if len(set(uids)) != len(uids):
            raise InvalidInput("Samma medlem står två gånger i teamet.")

    @property
    def convenors(self) -> tuple[Member, ...]:
        """The förskolechef(s): who convenes the meetings (2.3)."""
        return tuple(m for m in self.members if m.role == CONVENOR)

    def missing_roles(self) -> tuple[str, ...]:
        """Roles every team has (2.1) that this one lacks, as Swedish labels."""
        present = {m.role for m in self.members}
        return tuple(role_label(r) for r in REQUIRED_ROLES if r not in present)

    def members_without_mandate(self) -> tuple[Member, ...]:
        """Members whose mandate is not noted (2.4 asks that it be made clear)."""
        return tuple(m for m in self.members if not m.mandate.strip())

    def member(self, uid: str) -> Member:
        for m in self.members:
            if m.uid == uid:
                return m
        raise InvalidInput("Medlemmen finns inte i teamet.")


@dataclass(frozen=True)
class Attendee:
    """Someone present, by role; `member_uid` when it was a member of the team ("" for a
    stand-in of the same profession)."""

    role: str
    member_uid: str = ""

    def __post_init__(self) -> None:
        check_role(self.role)
        if self.member_uid:
            check_uid(self.member_uid, "Deltagaren")


@dataclass(frozen=True)
class Topic:
    """A question handled, at one level; an individual-level topic may hold a child."""

    text: str
    level: str
    discussion: ChildDiscussion | None = None

    def __post_init__(self) -> None:
        bounded(self.text, "Frågan", 300, required=True)
        if self.level not in LEVELS:
            raise InvalidInput(f"Okänd nivå ”{self.level}” (organisation, group, individual).")
        if self.discussion is not None and self.level != "individual":
            raise InvalidInput("Ett enskilt barn diskuteras bara på individnivå.")

    @property
    def identified(self) -> bool:
        return isinstance(self.discussion, IdentifiedDiscussion)


@dataclass(frozen=True)
class Decision:
    text: str
    kind: str = DECISION
    responsible_role: str = ""

    def __post_init__(self) -> None:
        bounded(self.text, "Beslutet", MAX_TEXT, required=True)
        if self.kind not in DECISION_KINDS:
            raise InvalidInput(f"Okänd sorts beslut ”{self.kind}”.")
        if self.responsible_role:
            check_role(self.responsible_role)


@dataclass(frozen=True)
class FollowUp:
    text: str
    by: date | None = None

    def __post_init__(self) -> None:
        bounded(self.text, "Uppföljningen", MAX_TEXT, required=True)


@dataclass(frozen=True)
class Meeting:
    uid: str
    team_uid: str
    date: date
    attendees: tuple[Attendee, ...]
    topics: tuple[Topic, ...] = ()
    decisions: tuple[Decision, ...] = ()
    follow_up: FollowUp | None = None

    def __post_init__(self) -> None:
        check_uid(self.uid, "Mötet")
        check_uid(self.team_uid, "Teamet")
        if not self.attendees:
            raise InvalidInput("Ange vilka som deltog i mötet.")
        rows(self.attendees, "deltagare", 30)
        rows(self.topics, "frågor", 50)
        rows(self.decisions, "beslut", 50)
        members = [a.member_uid for a in self.attendees if a.member_uid]
        if len(set(members)) != len(members):
            raise InvalidInput("Samma medlem står två gånger bland deltagarna.")
        if self.follow_up and self.follow_up.by and self.follow_up.by < self.date:
            raise InvalidInput("Uppföljningen kan inte ligga före mötet.")
        for topic in self.topics:
            if isinstance(topic.discussion, IdentifiedDiscussion):
                result = topic.discussion.check(self.date, self.roles_present)
                if not result.allowed:
                    raise IdentificationRefused(result.reasons)

    @property
    def roles_present(self) -> tuple[str, ...]:
        """The roles present, once each, in the guideline's order."""
        present = {a.role for a in self.attendees}
        return tuple(r for r in ROLES if r in present)

    @property
    def levels(self) -> tuple[str, ...]:
        present = {t.level for t in self.topics}
        return tuple(lv for lv in LEVELS if lv in present)

    @property
    def initiates_sip(self) -> bool:
        return any(d.kind == INITIATE_SIP for d in self.decisions)


def refuse_identity_numbers(meeting: Meeting) -> None:
    """Refuse (InvalidInput, Swedish) a meeting whose own texts hold a personnummer or
    samordningsnummer: every question, every decision, the follow-up and every
    de-identified summary (core/barnhalsoteam/no_identity.py). Called before a meeting is
    written, not when one is read, so a record stored before this check still opens. An
    identified child's topic is not checked: that child is named with consent, and the
    topic is never printed in the yearly report."""
    for topic in meeting.topics:
        if topic.identified:
            continue
        refuse_identity_number(topic.text, "Frågan")
        if topic.discussion is not None:
            refuse_identity_number(topic.discussion.summary, "Beskrivningen")
    for decision in meeting.decisions:
        refuse_identity_number(decision.text, "Beslutet")
    if meeting.follow_up is not None:
        refuse_identity_number(meeting.follow_up.text, "Uppföljningen")

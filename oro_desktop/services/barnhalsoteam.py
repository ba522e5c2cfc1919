"""Barnhälsoteam: teams, meetings, the identification rule, transfer on moving, yearly report.

Why the service builds core's types before it writes: `Meeting` (core/barnhalsoteam/
model.py) refuses a guardian or a child among those present and re-checks every
identified child against the meeting's date and attendees, so a write that reaches the
store has passed the guideline's rules. A named child rests on the child's barnhälsoteam
consent *in force on the meeting date* (every guardian's signature registered, within its
period, not revoked) whose ticked boxes cover every role present; otherwise
`IdentificationRefused` says why and offers the de-identified way.

Every write is one transaction with one audit entry, and publishes
`Change("team" | "meeting", uid, ...)` after the commit. A transfer file is written only
when the consent says Ja and is in force (core/barnhalsoteam/transfer_rule.py); its
passphrase is returned once and stored nowhere; an import keeps the records' uids, and a
package imported once is refused the second time (bht_imports). Both sides are audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.core.barnhalsoteam import (
    Attendee, BhtConsent, BhtGuideline, Decision, DeidentifiedDiscussion, FollowUp,
    FollowUpAnswers, FollowUpReport, GuardianSignature, IdentificationCheck,
    IdentificationRefused, IdentifiedDiscussion, Meeting, Member, Team, Topic,
    check_identification, follow_up_report, from_form, load_bht_guideline, may_export,
    new_uid, normalise_uid, refuse_identity_numbers,
)
from oro_desktop.core.forms import FormLibrary
from oro_desktop.errors import InvalidInput
from oro_desktop.services.changes import Action, Change
from oro_desktop.store import transfer
from oro_desktop.store import kdf as kdf_mod
from oro_desktop.store.repos import barnhalsoteam as repo
from oro_desktop.store.repos import consents as consents_repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.barnhalsoteam_special import ChildSituation
    from oro_desktop.services.session import Session

BHT_FORM = "barnhalsoteam-samtycke"
PAYLOAD_KIND = "bht-child"


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


@dataclass(frozen=True)
class Exported:
    passphrase: str  # show once; stored nowhere
    package_id: str
    meetings: int
    topics: int


from oro_desktop.services.barnhalsoteam_transfer import ImportResult as Imported  # noqa: E402


def canonical(uid: str) -> str:
    """A uid as the stable-id contract writes it (32 lower-case hex, as persons.uid); a
    dashed UUID (shown or exported by a version before migration 0011) is accepted."""
    return normalise_uid(uid, "Posten")


def default_guideline_path(fonts_dir: Path) -> Path:
    return Path(fonts_dir).parent / "guidelines" / "jamtland-barnhalsoteam.yaml"


class BhtService:
    """See the module docstring. `today` and `transfer_kdf` are injectable for tests."""

    def __init__(self, session: Session, library: FormLibrary, *, fonts_dir: Path,
                 guideline_path: Path | None = None,
                 today: Callable[[], date] = date.today,
                 transfer_kdf: kdf_mod.KdfParams = kdf_mod.DEFAULT) -> None:
        self._session = session
        self._library = library
        self._fonts_dir = Path(fonts_dir)
        self._guideline_path = guideline_path or default_guideline_path(self._fonts_dir)
        self._guideline: BhtGuideline | None = None
        self.today = today
        self.transfer_kdf = transfer_kdf

    # -- plumbing -----------------------------------------------------------------------
    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    def _publish(self, kind: str, uid: str, action: Action) -> None:
        self._session.changes.publish(Change(kind, uid, action))

    @property
    def guideline(self) -> BhtGuideline:
        if self._guideline is None:
            self._guideline = load_bht_guideline(self._guideline_path)
        return self._guideline

    # -- teams --------------------------------------------------------------------------
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

    # -- the child's consent ------------------------------------------------------------
    def _bht_consents(self, conn: Any, child_uid: str) -> list[BhtConsent]:
        """The child's barnhälsoteam consents (newest first) as the team's rules read them."""
        person = persons_repo.get_by_uid(conn, uuid.UUID(child_uid).hex)
        if person is None:
            return []
        out: list[BhtConsent] = []
        for rec in consents_repo.list_all(conn, child_id=person.id):
            c = rec.consent
            if c.form_id != BHT_FORM:
                continue
            sigs: list[GuardianSignature] = []
            for n, paper in ((1, c.signed), (2, c.second_signed)):
                if paper is not None:
                    sigs.append(GuardianSignature(n, paper.signer or f"Vårdnadshavare {n}",
                                                  paper.signed_on, paper.received.on))
            try:
                out.append(from_form(
                    self._library.get(c.form_id, c.form_version), c.data,
                    uid=canonical(rec.uid), child_uid=child_uid, guardians=c.guardians,
                    signatures=tuple(sigs), revoked_on=c.revoked.on if c.revoked else None))
            except InvalidInput:
                continue  # an incomplete draft is no consent
        return out

    def consent_for(self, child_uid: str, on: date) -> BhtConsent | None:
        """The child's consent in force on `on`, else the newest one (for its reason)."""
        child_uid = canonical(child_uid)
        with self._uow() as uow:
            found = self._bht_consents(uow.conn, child_uid)
        for c in found:
            if c.in_force(on):
                return c
        return found[0] if found else None

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

    # -- yearly follow-up -----------------------------------------------------------------
    def yearly_report(self, year: int, answers: FollowUpAnswers = FollowUpAnswers(), *,
                      team_uids: Sequence[str] | None = None) -> FollowUpReport:
        """The section-3 report from this installation's own teams and meetings."""
        if not 2000 <= int(year) <= 2200:
            raise InvalidInput("Ange ett år mellan 2000 och 2200.")
        wanted = None if team_uids is None else {canonical(u) for u in team_uids}
        with self._uow() as uow:
            teams = [r.team for r in repo.teams(uow.conn, own_only=True)
                     if wanted is None or r.team.uid in wanted]
            uids = {t.uid for t in teams}
            meetings = [r.meeting for r in repo.meetings(uow.conn, year=year, own_only=True)
                        if r.meeting.team_uid in uids]
        return follow_up_report(teams, meetings, int(year), answers)

    def report_pdf(self, year: int, answers: FollowUpAnswers = FollowUpAnswers(), *,
                   team_uids: Sequence[str] | None = None) -> bytes:
        from oro_desktop.pdf.bht_report import render_bht_report

        report = self.yearly_report(year, answers, team_uids=team_uids)
        pdf = render_bht_report(report, self.guideline, fonts_dir=self._fonts_dir)
        with self._uow() as uow:
            uow.audit("print", "bht_report", str(year), {"meetings": report.numbers.meeting_count})
        return pdf

    def report_preview(self, year: int, answers: FollowUpAnswers = FollowUpAnswers(), *,
                       team_uids: Sequence[str] | None = None) -> bytes:
        """The report's PDF for the preview, in memory and not audited: it holds counts
        and the team's own answers, never a child; what is printed or saved from the
        preview is audited by `record_report_output`."""
        from oro_desktop.pdf.bht_report import render_bht_report

        report = self.yearly_report(year, answers, team_uids=team_uids)
        return render_bht_report(report, self.guideline, fonts_dir=self._fonts_dir)

    def record_report_output(self, year: int, action: str, detail: dict[str, Any]) -> None:
        """Audit a print or a saved PDF of the yearly report (the preview's callback)."""
        if action not in ("print", "export"):
            raise ValueError(action)
        with self._uow() as uow:
            uow.audit(action, "bht_report", str(int(year)), dict(detail))

    # -- transfer on moving ---------------------------------------------------------------
    def may_export(self, child_uid: str) -> tuple[bool, str]:
        verdict = may_export(self.consent_for(child_uid, self.today()), self.today())
        return verdict.allowed, verdict.reason

    def export_transfer(self, child_uid: str, out: Path) -> Exported:
        """Write the child's material to `out`, encrypted, if the consent allows it."""
        from oro_desktop.services.barnhalsoteam_transfer import build_payload

        from oro_desktop.services import inputs

        child_uid = canonical(child_uid)
        today = self.today()
        verdict = may_export(self.consent_for(child_uid, today), today)
        if not verdict.allowed:
            raise InvalidInput(verdict.reason)
        out = inputs.check_output_path(Path(out), "Överföringsfilen")
        with self._uow() as uow:
            payload, n_meetings, n_topics = build_payload(uow.conn, child_uid, today)
            passphrase, package_id = transfer.write_transfer(
                Path(out), payload, created=today, kdf=self.transfer_kdf)
            uow.audit("export", "bht_transfer", package_id, {
                "child": child_uid, "meetings": n_meetings, "topics": n_topics})
        return Exported(passphrase, package_id, n_meetings, n_topics)

    def import_transfer(self, path: Path, passphrase: str) -> Imported:
        """Import a transfer file; nothing is written unless all of it is (one transaction)."""
        from oro_desktop.services.barnhalsoteam_transfer import apply_payload

        from oro_desktop.services import inputs

        # A directory, a FIFO, a missing or too large file: one Swedish line, nothing read.
        data = inputs.read_file(Path(path), "Överföringsfilen", max_bytes=transfer.MAX_FILE_BYTES)
        with self._uow() as uow:
            try:
                header, payload = transfer.open_sealed(
                    data, passphrase, already_imported=repo.imported_packages(uow.conn))
            except transfer.TransferError as exc:
                raise InvalidInput(str(exc)) from None
            result = apply_payload(uow.conn, uow.actor, header.package_id, payload)
            repo.record_import(uow.conn, uow.actor, header.package_id, header.created,
                               result.child_uid)
            uow.audit("import", "bht_transfer", header.package_id, {
                "child": result.child_uid, "meetings": result.meetings,
                "topics": result.topics, "unchanged": result.unchanged})
        self._publish("meeting", "", "created")
        return result


__all__ = ["BHT_FORM", "BhtService", "Exported", "IdentificationRefused", "Imported",
           "NamedChild", "TeamView", "TopicInput", "canonical"]

"""Log review (granskning av loggar): an admin draws a sample and marks what was seen.

HSLF-FS 2016:40 4 kap. 9 § asks the care provider to follow up access to records
systematically and regularly. Here an admin draws a random sample (stickprov) of the
reads and prints of one user, or of one person's records, in a period; marks each
drawn entry reviewed ("utan anmärkning" or "med anmärkning", with a note); and can
print the review for signing and filing. The review is kept in its own append-only
tables (migration 0006): a changed verdict is a new mark, never an edit. Every step is
audited, and so is every read of a review (it shows entries of the log).

The seed of the random draw is stored, so a review can be shown to have drawn exactly
what the same seed draws from the same population.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.core.identity import parse_number
from oro_desktop.errors import InvalidInput
from oro_desktop.services import inputs
from oro_desktop.services.audit_view import (
    AuditRow, action_label, day_after, local_time, record_label, row_from_entry,
)
from oro_desktop.store import audit
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import audit_review as repo
from oro_desktop.store.repos import consents as consents_repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

SAMPLE_ACTIONS: tuple[str, ...] = ("read", "print")
MAX_SAMPLE = 500
MAX_NOTE = 2000
VERDICTS = {"ok": "Utan anmärkning", "remark": "Med anmärkning"}
NOT_REVIEWED = "Ej granskad"
RECORD = "audit_review"


@dataclass(frozen=True)
class ReviewSummary:
    id: int
    created_at: str
    created_by: str
    unit: str | None
    scope: str            # "user" | "person"
    subject: str          # user name, or the person's id
    subject_label: str    # user name, or the person's number as shown on screen
    period_from: date
    period_to: date       # the last day, inclusive
    actions: tuple[str, ...]
    population: int
    sample_size: int
    reviewed: int

    @property
    def complete(self) -> bool:
        return self.reviewed >= self.sample_size

    def scope_text(self) -> str:
        return (f"Användare {self.subject_label}" if self.scope == "user"
                else f"Person {self.subject_label}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "created_at": self.created_at, "created_by": self.created_by,
            "unit": self.unit, "scope": self.scope, "subject": self.subject_label,
            "from": self.period_from.isoformat(), "to": self.period_to.isoformat(),
            "actions": list(self.actions), "population": self.population,
            "sample_size": self.sample_size, "reviewed": self.reviewed,
        }


@dataclass(frozen=True)
class ReviewItem:
    entry: AuditRow
    verdict: str | None   # "ok" | "remark" | None (not reviewed yet)
    note: str
    marked_by: str | None
    marked_at: str | None

    def verdict_text(self) -> str:
        return VERDICTS.get(self.verdict or "", NOT_REVIEWED)

    def to_dict(self) -> dict[str, Any]:
        return {"entry": self.entry.to_dict(), "verdict": self.verdict, "note": self.note,
                "marked_by": self.marked_by, "marked_at": self.marked_at}


@dataclass(frozen=True)
class Review:
    summary: ReviewSummary
    items: list[ReviewItem]

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary.to_dict(), "items": [i.to_dict() for i in self.items]}


def _summary(row: repo.ReviewRow, reviewed: int) -> ReviewSummary:
    return ReviewSummary(
        row.id, row.created_at, row.created_by, row.unit, row.scope, row.subject,
        row.subject_label, date.fromisoformat(row.period_from),
        date.fromisoformat(row.period_to), row.actions, row.population, row.sample_size,
        reviewed)


def _check_period(period_from: date, period_to: date) -> None:
    for value, what in ((period_from, "Från och med"), (period_to, "Till och med")):
        if not isinstance(value, date):
            raise InvalidInput(f"{what}: ska vara ett datum.")
    inputs.check_date(period_from, "Från och med")
    inputs.check_date(period_to, "Till och med")
    if period_to < period_from:
        raise InvalidInput("Perioden slutar före den börjar.")


def draw_sample(
    session: "Session", *, period_from: date, period_to: date, size: int,
    user: str | None = None, person: str | None = None,
    actions: tuple[str, ...] = SAMPLE_ACTIONS, today: date | None = None,
    seed: str | None = None,
) -> Review:
    """Draw and keep a sample of `size` entries (or all, if fewer) of one user or one person.

    `person` is a personnummer or samordningsnummer; the person's own record and their
    consents are the records drawn from. Validated before anything is written.
    """
    session.require_admin()
    if (user is None) == (person is None):  # exactly one scope
        raise InvalidInput("Ange antingen en användare eller en person för stickprovet.")
    _check_period(period_from, period_to)
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_SAMPLE:
        raise InvalidInput(f"Stickprovet ska ha mellan 1 och {MAX_SAMPLE} poster.")
    if not isinstance(actions, tuple) or not actions or any(
            not isinstance(a, str) or a not in audit.ACTIONS for a in actions):
        raise InvalidInput("Okänd händelsetyp för stickprovet.")
    identity = None
    if person is not None:
        inputs.check_text(person, "Personnummer", max_len=20)
        identity = parse_number(person, today or date.today())
    if user is not None:
        inputs.check_text(user, "Användare", max_len=200)
    seed = seed or secrets.token_hex(8)
    since, until = period_from.isoformat(), day_after(period_to).isoformat()
    with session.store.unit_of_work(session.user.name) as uow:
        if identity is not None:
            found = persons_repo.find_by_identity(uow.conn, identity)
            if found is None:
                raise NotFound("Ingen person med det numret finns i databasen.")
            records = [("person", str(found.id))] + [
                ("consent", str(c.id))
                for c in consents_repo.list_all(uow.conn, child_id=found.id)]
            scope, subject, label = "person", str(found.id), found.number_display()
            population = repo.population_ids(uow.conn, actions=actions, since=since,
                                             until=until, records=records)
            # The reviewer's own look-up is audited, after the population is taken.
            uow.audit("read", "person", found.id, {"purpose": "audit_review"})
        else:
            assert user is not None
            scope, subject, label = "user", user, user
            population = repo.population_ids(uow.conn, actions=actions, since=since,
                                             until=until, actor=user)
        drawn = sorted(random.Random(seed).sample(population, min(size, len(population))))
        review_id = repo.insert_review(
            uow.conn, actor=session.user.name, unit=audit.current_unit(uow.conn), scope=scope,
            subject=subject, subject_label=label, period_from=period_from.isoformat(),
            period_to=period_to.isoformat(), actions=actions, population=len(population),
            seed=seed, audit_ids=drawn)
        uow.audit("create", RECORD, review_id, {
            "scope": scope, "subject": subject, "from": period_from.isoformat(),
            "to": period_to.isoformat(), "population": len(population), "sample": len(drawn)})
        return _load(uow, review_id)


def _load(uow: Any, review_id: int) -> Review:
    row = repo.get_review(uow.conn, review_id)
    if row is None:
        raise NotFound(f"Det finns ingen loggranskning med nummer {review_id}.")
    marks = repo.latest_marks(uow.conn, review_id)
    entries = audit.entries_by_id(uow.conn, repo.entry_ids(uow.conn, review_id))
    items = []
    for entry in entries:
        mark = marks.get(entry.id)
        items.append(ReviewItem(
            row_from_entry(entry), mark.verdict if mark else None, mark.note if mark else "",
            mark.marked_by if mark else None, mark.marked_at if mark else None))
    return Review(_summary(row, len(marks)), items)


def get_review(session: "Session", review_id: int) -> Review:
    """One review with its entries and their newest marks (audited as a read)."""
    session.require_admin()
    with session.store.unit_of_work(session.user.name) as uow:
        review = _load(uow, review_id)
        uow.audit("read", RECORD, review_id)
    return review


def list_reviews(session: "Session") -> list[ReviewSummary]:
    """Every review, newest first (summaries only; audited as a read of the list)."""
    session.require_admin()
    with session.store.unit_of_work(session.user.name) as uow:
        counts = repo.reviewed_counts(uow.conn)
        rows = [_summary(r, counts.get(r.id, 0)) for r in repo.list_reviews(uow.conn)]
        uow.audit("read", RECORD, None, {"list": len(rows)})
    return rows


def mark(session: "Session", review_id: int, audit_id: int, *, verdict: str,
         note: str = "") -> Review:
    """Mark one drawn entry reviewed; a remark needs a note. A new mark supersedes the old."""
    session.require_admin()
    if not isinstance(verdict, str) or verdict not in VERDICTS:
        raise InvalidInput("Bedömningen ska vara 'utan anmärkning' eller 'med anmärkning'.")
    note = inputs.check_text(note or "", "Anteckningen", max_len=MAX_NOTE,
                             allow_newlines=True).strip()
    if verdict == "remark" and not note:
        raise InvalidInput("Skriv en anteckning om vad anmärkningen gäller.")
    for number, what in ((review_id, "Granskningens nummer"), (audit_id, "Postens nummer")):
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number < 2**62:
            raise InvalidInput(f"{what} ska vara ett positivt heltal.")
    with session.store.unit_of_work(session.user.name) as uow:
        if repo.get_review(uow.conn, review_id) is None:
            raise NotFound(f"Det finns ingen loggranskning med nummer {review_id}.")
        if audit_id not in repo.entry_ids(uow.conn, review_id):
            raise InvalidInput(f"Post {audit_id} ingår inte i loggranskning {review_id}.")
        repo.insert_mark(uow.conn, review_id=review_id, audit_id=audit_id,
                         actor=session.user.name, verdict=verdict, note=note)
        uow.audit("update", RECORD, review_id, {"entry": audit_id, "verdict": verdict})
        return _load(uow, review_id)


# -- the printout ------------------------------------------------------------------------

def review_document(review: Review) -> Any:
    """The plain data the pdf layer prints (pdf.review.ReviewDocument)."""
    from oro_desktop.pdf.review import ReviewDocument, ReviewLine

    s = review.summary
    facts = [
        ("Vårdenhet", s.unit or "(ingen vårdenhet angiven i inställningarna)"),
        ("Urval", s.scope_text()),
        ("Period", f"{s.period_from.isoformat()} – {s.period_to.isoformat()}"),
        ("Händelser", ", ".join(action_label(a) for a in s.actions)),
        ("Stickprov", f"{s.sample_size} av {s.population} poster (slumpvis)"),
        ("Granskade", f"{s.reviewed} av {s.sample_size}"),
        ("Upprättad", f"{local_time(s.created_at)} av {s.created_by}"),
    ]
    lines = [
        ReviewLine(
            f"#{i.entry.id}", local_time(i.entry.ts), i.entry.actor, action_label(i.entry.action),
            record_label(i.entry.record_type, i.entry.record_id), i.verdict_text(), i.note,
            f"{i.marked_by} {local_time(i.marked_at)}" if i.marked_by and i.marked_at else "")
        for i in review.items
    ]
    return ReviewDocument(f"Loggranskning nr {s.id}", facts, lines,
                          "Granskning av loggar enligt HSLF-FS 2016:40 4 kap. 9 §")


def review_pdf(session: "Session", review_id: int, *, fonts_dir: Path | None = None) -> bytes:
    """The review as PDF bytes, in memory (reading it is audited; printing separately)."""
    from oro_desktop.pdf.fonts import default_fonts_dir
    from oro_desktop.pdf.review import render_review

    review = get_review(session, review_id)
    return render_review(review_document(review), fonts_dir=fonts_dir or default_fonts_dir())


def record_output(session: "Session", review_id: int, action: str,
                  detail: dict[str, Any] | None = None) -> None:
    """Audit a print or a saved copy of a review printout (the preview's callback)."""
    session.require_admin()
    if action not in ("print", "export"):
        raise ValueError(action)
    with session.store.unit_of_work(session.user.name) as uow:
        uow.audit(action, RECORD, review_id, dict(detail or {}))


__all__ = ["Review", "ReviewItem", "ReviewSummary", "draw_sample", "get_review",
           "list_reviews", "mark", "review_pdf", "record_output", "MAX_SAMPLE", "VERDICTS"]

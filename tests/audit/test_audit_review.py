"""Reading the log is audited; log review (stickprov): draw, mark, keep, print."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from oro_desktop.core.identity import parse_number
from oro_desktop.errors import InvalidInput
from oro_desktop.services import audit_review, audit_view
from oro_desktop.services.users import add_user
from oro_desktop.services.session import Session
from oro_desktop.store.errors import NotFound, PermissionDenied, StoreError
from oro_desktop.store.kdf import FAST_INSECURE
from oro_desktop.store.repos import persons as persons_repo

TODAY = date.today()
PERIOD = dict(period_from=TODAY - timedelta(days=1), period_to=TODAY)


def _person(session, number: str = "19121212-1212") -> int:
    with session.store.unit_of_work("admin") as uow:
        return persons_repo.insert(uow.conn, "admin", parse_number(number, TODAY), "Tolvan")


def _activity(session, person_id: int) -> None:
    with session.store.unit_of_work("bertil") as uow:
        for _ in range(6):
            uow.audit("read", "person", person_id)
        uow.audit("print", "person", person_id, {"pages": 1})
        uow.audit("update", "person", person_id)       # not a read or print: never drawn
        uow.audit("read", "person", person_id + 1000)  # someone else


def _audit_rows(session, record_type: str) -> list[tuple]:
    return session.store.conn.execute(
        "SELECT actor, action, record_id, detail FROM audit WHERE record_type = ? ORDER BY id",
        (record_type,)).fetchall()


def test_reading_the_log_is_audited_with_the_filter(session):
    before = len(_audit_rows(session, "audit"))
    rows = audit_view.search(session, user="admin", limit=5)
    assert rows and all(r.actor == "admin" for r in rows)
    logged = _audit_rows(session, "audit")
    assert len(logged) == before + 1
    actor, action, _rid, detail = logged[-1]
    assert (actor, action) == ("admin", "read")
    assert '"user":"admin"' in detail and f'"shown":{len(rows)}' in detail


def test_recent_entries_returns_service_rows_not_store_types(session):
    rows = audit_view.recent_entries(session)
    assert type(rows[0]).__module__ == "oro_desktop.services.audit_view"


def test_search_limit_is_bounded(session):
    with pytest.raises(InvalidInput):
        audit_view.search(session, limit=10**20)


def test_draw_by_user_samples_only_reads_and_prints_in_the_period(session):
    pid = _person(session)
    _activity(session, pid)
    review = audit_review.draw_sample(session, user="bertil", size=5, **PERIOD)
    s = review.summary
    assert (s.scope, s.subject, s.population, s.sample_size) == ("user", "bertil", 8, 5)
    assert len(review.items) == 5
    assert all(i.entry.actor == "bertil" and i.entry.action in ("read", "print")
               for i in review.items)
    assert all(i.verdict is None for i in review.items)
    created = _audit_rows(session, "audit_review")
    assert created[-1][1] == "create"


def test_draw_by_person_takes_that_persons_records_only(session):
    pid = _person(session)
    _activity(session, pid)
    review = audit_review.draw_sample(session, person="19121212-1212", size=50, **PERIOD)
    assert review.summary.population == 7  # 6 reads + 1 print of this person
    assert {i.entry.record_id for i in review.items} == {str(pid)}
    assert review.summary.subject_label.startswith("19121212")


def test_the_same_seed_draws_the_same_sample(session):
    _activity(session, _person(session))
    a = audit_review.draw_sample(session, user="bertil", size=3, seed="abc", **PERIOD)
    b = audit_review.draw_sample(session, user="bertil", size=3, seed="abc", **PERIOD)
    assert [i.entry.id for i in a.items] == [i.entry.id for i in b.items]


def test_marks_are_kept_and_a_new_mark_supersedes(session):
    _activity(session, _person(session))
    review = audit_review.draw_sample(session, user="bertil", size=3, **PERIOD)
    rid, first = review.summary.id, review.items[0].entry.id
    audit_review.mark(session, rid, first, verdict="ok")
    with pytest.raises(InvalidInput):
        audit_review.mark(session, rid, first, verdict="remark", note="  ")
    after = audit_review.mark(session, rid, first, verdict="remark", note="Ingen vårdrelation")
    item = next(i for i in after.items if i.entry.id == first)
    assert (item.verdict, item.note, item.marked_by) == ("remark", "Ingen vårdrelation", "admin")
    assert after.summary.reviewed == 1
    marks = session.store.conn.execute(
        "SELECT verdict FROM audit_review_marks WHERE review_id = ? ORDER BY id", (rid,)).fetchall()
    assert marks == [("ok",), ("remark",)]  # both kept
    assert [r[1] for r in _audit_rows(session, "audit_review")].count("update") == 2


@pytest.mark.parametrize("table", ["audit_reviews", "audit_review_entries", "audit_review_marks"])
@pytest.mark.parametrize("sql", ["UPDATE {t} SET rowid = rowid", "DELETE FROM {t}"])
def test_review_tables_are_append_only(session, table, sql):
    _activity(session, _person(session))
    review = audit_review.draw_sample(session, user="bertil", size=2, **PERIOD)
    audit_review.mark(session, review.summary.id, review.items[0].entry.id, verdict="ok")
    with pytest.raises(StoreError):
        with session.store.unit_of_work("admin") as uow:
            uow.conn.execute(sql.format(t=table))


def test_an_entry_outside_the_sample_cannot_be_marked(session):
    _activity(session, _person(session))
    review = audit_review.draw_sample(session, user="bertil", size=1, **PERIOD)
    with pytest.raises(InvalidInput):
        audit_review.mark(session, review.summary.id, 1, verdict="ok")
    with pytest.raises(NotFound):
        audit_review.mark(session, 999, 1, verdict="ok")


@pytest.mark.parametrize("kwargs, reason", [
    (dict(user="a", person="19121212-1212"), "antingen"),
    (dict(), "antingen"),
    (dict(user="a", size=0), "mellan 1"),
    (dict(user="a", size=10_000), "mellan 1"),
    (dict(user="a", period_from=date(1800, 1, 1)), "1900"),
    (dict(user="a", period_to=date(2300, 1, 1)), "2200"),
    (dict(user="a", period_from=TODAY, period_to=TODAY - timedelta(days=3)), "före"),
    (dict(person="inte ett nummer"), "personnummer"),
    (dict(person="19121212-1212"), "Ingen person"),
])
def test_bad_draws_are_refused_and_write_nothing(session, kwargs, reason):
    args = {"size": 5, **PERIOD, **kwargs}
    before = session.store.conn.execute("SELECT count(*) FROM audit_reviews").fetchone()
    with pytest.raises((InvalidInput, NotFound)) as info:
        audit_review.draw_sample(session, **args)
    assert reason in info.value.message
    assert session.store.conn.execute("SELECT count(*) FROM audit_reviews").fetchone() == before


def test_the_review_prints_with_unit_scope_and_verdicts(session):
    session.set_setting("unit_name", "BVC Exempelby")
    _activity(session, _person(session))
    review = audit_review.draw_sample(session, user="bertil", size=2, **PERIOD)
    audit_review.mark(session, review.summary.id, review.items[0].entry.id, verdict="remark",
                      note="Kontrollera med chef")
    pdf = audit_review.review_pdf(session, review.summary.id)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("Loggranskning nr", "BVC Exempelby", "Användare bertil",
                     "Med anmärkning", "Kontrollera med chef", "Ej granskad", "Sida 1 av 1"):
        assert expected in text
    audit_review.record_output(session, review.summary.id, "print", {"pages": 1})
    assert _audit_rows(session, "audit_review")[-1][1] == "print"


def test_only_admins_review(db_path):
    admin, _key = Session.create(db_path, "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
    add_user(admin, "cecilia", "clinician", "cecilias-losenord", kdf=FAST_INSECURE)
    admin.close()
    clinician = Session.unlock(db_path, "cecilia", "cecilias-losenord", kdf=FAST_INSECURE)
    try:
        for call in (lambda: audit_review.list_reviews(clinician),
                     lambda: audit_review.draw_sample(clinician, user="x", size=1, **PERIOD),
                     lambda: audit_view.search(clinician)):
            with pytest.raises(PermissionDenied):
                call()
    finally:
        clinician.close()

"""The Samtycken list from columns: the SQL status equals core.consent.status, and the
paged, filtered list equals the old whole-list computation over the same consents."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from oro_desktop.core import consent as lifecycle
from oro_desktop.core.consent import Consent, ConsentStatus, Registration, SignedPaper
from oro_desktop.core.dates import days_left
from oro_desktop.core.identity import IdentityKind, IdentityNumber
from oro_desktop.services.consent_views import list_order_key
from oro_desktop.store.repos import consent_list
from oro_desktop.store.repos import consents as repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo

from .conftest import TODAY, audit_rows, example

DAYS = [date(2024, 2, 29), date(2025, 12, 31), date(2026, 1, 1), date(2026, 3, 2),
        date(2026, 3, 31), date(2027, 2, 28)]
OFFSETS = (-400, -366, -365, -31, -30, -29, -1, 0, 1, 29, 30, 31, 365)


def _facts(rng: random.Random, day: date) -> Consent:
    """A random, schema-valid combination of facts around `day` (edge days included)."""
    start = day + timedelta(days=rng.choice(OFFSETS))
    end = start + timedelta(days=rng.choice((0, 1, 29, 30, 31, 200, 364)))
    signed = rng.random() < 0.7
    c = Consent("f", 1, {}, valid_from=start if signed or rng.random() < .5 else None,
                valid_to=end if signed or rng.random() < .5 else None,
                printed_on=day - timedelta(days=rng.randint(0, 40)) if rng.random() < .6 else None)
    if c.valid_from is None or c.valid_to is None:
        c = replace(c, valid_from=None, valid_to=None)
    if rng.random() < 0.4:  # joint custody: two guardians (migration 0008)
        c = replace(c, guardians=2)
    if signed:
        c = replace(c, valid_from=start, valid_to=end,
                    signed=SignedPaper(start, Registration(start, "admin"), None, "Anna"))
        if c.guardians == 2 and rng.random() < 0.6:
            c = replace(c, second_signed=SignedPaper(start, Registration(start, "admin"),
                                                     None, "Bertil"))
        if rng.random() < 0.2:
            c = replace(c, revoked=Registration(start, "admin"))
    elif rng.random() < 0.2:
        c = replace(c, declined=Registration(day, "admin"))
    return c


def _as_columns(c: Consent) -> dict[str, str | None]:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {"revoked_received_on": iso(c.revoked.on if c.revoked else None),
            "declined_on": iso(c.declined.on if c.declined else None),
            "signed_on": iso(c.signed.signed_on if c.signed else None),
            "printed_on": iso(c.printed_on), "valid_from": iso(c.valid_from),
            "valid_to": iso(c.valid_to), "guardian_count": c.guardians,
            "second_signed_on": iso(c.second_signed.signed_on if c.second_signed else None)}


def test_sql_status_equals_core_status_over_generated_facts(session):
    rng = random.Random(20260302)
    conn = session.store.conn
    seen = set()
    for _ in range(3000):
        made = rng.choice(DAYS)
        facts = _facts(rng, made)
        for today in (made, made + timedelta(days=rng.choice(OFFSETS))):
            want = lifecycle.status(facts, today)
            assert consent_list.status_of_facts(conn, today, _as_columns(facts)) == want.value, (
                facts, today)
            seen.add(want)
    assert seen == set(ConsentStatus)  # every status was exercised


def _store_random_consents(session, n: int, seed: int) -> None:
    """n consents with random facts, children (some protected, some without a number)."""
    rng = random.Random(seed)
    names = ["Åsa Örnberg", "asa Berg", "Tyra Tolvansson", "Ölle Ek", "Zlatan Test", "Ärla Å"]
    with session.store.unit_of_work("admin") as uow:
        kids = []
        for i, name in enumerate(names):
            ident = (IdentityNumber(IdentityKind.PERSONNUMMER, f"20210315{i:03d}8")
                     if i % 3 else IdentityNumber(IdentityKind.SAKNAS, "", "Ej folkbokförd"))
            kids.append(persons_repo.insert(uow.conn, "admin", ident, name, protected=i == 2))
        for i in range(n):
            facts = _facts(rng, TODAY)
            form = forms_repo.insert(uow.conn, "admin", "barnhalsoteam-samtycke", 1, {})
            child = rng.choice(kids + [None, None])
            cid = repo.insert(uow.conn, "admin", form, facts, child_id=child,
                              child_name=rng.choice(["", "Typat Barn", "östen"]))
            uow.conn.execute("UPDATE consents SET updated_at = ? WHERE id = ?",
                             (f"2026-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}T10:00:00.000+00:00",
                              cid))


def _old_rows(session, today: date):
    """The list as the old code computed it: every record in Python, then sorted."""
    conn = session.store.conn
    out = []
    for r in repo.list_all(conn):
        child = persons_repo.get(conn, r.child_id) if r.child_id else None
        s = lifecycle.status(r.consent, today)
        name = child.name if child else (r.child_name or "(barnet ej angivet)")
        signed = s in (ConsentStatus.SIGNED, ConsentStatus.ACTIVE, ConsentStatus.EXPIRING)
        out.append((r.id, s, name, child.number_display() if child else "",
                    days_left(today, r.consent.valid_to) if signed else None,
                    r.consent.valid_from, r.consent.valid_to, r.consent.printed_on, r.updated_at))
    return out


@pytest.mark.parametrize("today", [TODAY, TODAY + timedelta(days=30), date(2027, 3, 1)])
def test_list_order_and_rows_equal_the_old_computation(service, session, today):
    _store_random_consents(session, 150, seed=today.toordinal())
    rows = service.list(today)
    assert rows == sorted(rows, key=list_order_key)
    old = {o[0]: o for o in _old_rows(session, today)}
    assert [r.id for r in rows] == sorted(old, key=lambda i: _key(old[i]))
    for r in rows:
        assert (r.id, r.status, r.child_name, r.child_number, r.days_left, r.valid_from,
                r.valid_to, r.printed_on, r.updated_at) == old[r.id]
    # Pages put together are the list; the count is its length.
    assert service.list_count(today=today) == len(rows)
    pages = [service.list_page(o, 40, today=today) for o in range(0, len(rows), 40)]
    assert [r for p in pages for r in p] == rows
    # Status filters.
    some = {ConsentStatus.EXPIRING, ConsentStatus.DRAFT}
    assert service.list_page(0, 1000, statuses=some, today=today) == [
        r for r in rows if r.status in some]
    assert service.list_count(statuses=some, today=today) == sum(r.status in some for r in rows)
    assert service.list_count(statuses=set(), today=today) == 0


def _key(o):
    from oro_desktop.services.consent_views import STATUS_ORDER
    rid, s, name, _n, _d, vf, vt, pr, upd = o
    if s in (ConsentStatus.EXPIRING, ConsentStatus.ACTIVE):
        within = vt.toordinal()
    elif s is ConsentStatus.SIGNED:
        within = vf.toordinal()
    elif s is ConsentStatus.PRINTED:
        within = pr.toordinal()
    else:
        within = -int("".join(ch for ch in upd if ch.isdigit()))
    return STATUS_ORDER.index(s), within, name.casefold(), rid


def test_text_filter_folds_case_and_swedish_letters_and_matches_numbers(service, session):
    _store_random_consents(session, 80, seed=7)
    rows = service.list()

    def names(text):
        return {r.child_name for r in service.list_page(0, 1000, text=text)}

    assert names("asa") == {"Åsa Örnberg", "asa Berg"}
    assert names("ÅSA ö") == {"Åsa Örnberg"}
    assert names("olle") == {"Ölle Ek"}
    assert names("typat") == {"Typat Barn"}
    assert names("OSTEN") == {"östen"}
    by_number = service.list_page(0, 1000, text="20210315-0018")
    assert by_number and {r.child_name for r in by_number} == {"asa Berg"}
    assert service.list_count(text="0315") == sum(1 for r in rows if "0315" in r.search_text)
    assert service.list_count(text="finns inte") == 0


def test_listing_audits_as_before_and_counting_not(service, session):
    service.save(None, example())
    before = len(audit_rows(session))
    service.list_count()
    assert len(audit_rows(session)) == before
    rows = service.list_page(0, 10)
    last = audit_rows(session)[-1]
    assert (last[0], last[1], last[2]) == ("read", "consent", None)
    assert '"list":1' in last[3].replace(" ", "") and len(rows) == 1
    service.list_page(50, 10)  # an empty page shows nobody: not audited
    assert len(audit_rows(session)) == before + 1
    assert service.row("0" * 32) is None


def test_segments_put_edge_days_in_the_same_status_as_core(service, session):
    """valid_to 29/30/31 days ahead, valid_from today/tomorrow, valid_to yesterday/today."""
    t = TODAY
    cases = [(t - timedelta(days=300), t + timedelta(days=d)) for d in (-1, 0, 29, 30, 31)]
    cases += [(t, t + timedelta(days=364)), (t + timedelta(days=1), t + timedelta(days=365))]
    with session.store.unit_of_work("admin") as uow:
        for start, end in cases:
            c = Consent("barnhalsoteam-samtycke", 1, {}, start, end, None,
                        SignedPaper(min(start, t), Registration(min(start, t), "admin")))
            form = forms_repo.insert(uow.conn, "admin", "barnhalsoteam-samtycke", 1, {})
            repo.insert(uow.conn, "admin", form, c, child_id=None, child_name=str(end))
    rows = {r.child_name: r.status for r in service.list(t)}
    want = {str(end): lifecycle.status(Consent("f", 1, {}, start, end, None, SignedPaper(
        min(start, t), Registration(min(start, t), "a"))), t) for start, end in cases}
    assert rows == want
    assert set(want.values()) == {ConsentStatus.EXPIRED, ConsentStatus.EXPIRING,
                                  ConsentStatus.ACTIVE, ConsentStatus.SIGNED}
    for status in set(want.values()):
        assert service.list_count(statuses={status}) == list(want.values()).count(status)


def test_a_renamed_child_moves_in_the_list(service, clock):
    def signed(name, number):
        cid = service.save(None, example(barn_namn=name, barn_personnummer={
            "kind": "personnummer", "value": number})).id
        service.mark_printed(cid, TODAY)
        service.register_signature(cid, received_on=TODAY, registered_by="admin")
        return cid

    bertil = signed("Bertil Test", "202103159808")
    cecilia = signed("Cecilia Test", "191212121212")
    assert [r.id for r in service.list()] == [bertil, cecilia]  # same dates: by name
    # A new draft names the second child differently: the person (and the list) follow.
    service.save(None, example(barn_namn="Adam Test", barn_personnummer={
        "kind": "personnummer", "value": "191212121212"}))
    active = [r for r in service.list() if r.id in (bertil, cecilia)]
    assert [(r.id, r.child_name) for r in active] == [(cecilia, "Adam Test"),
                                                       (bertil, "Bertil Test")]
    assert service.list_page(0, 10, statuses={active[0].status}) == active

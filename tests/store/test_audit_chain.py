"""The fast chain verification keeps the exact hash definition and finds every kind of damage."""

from __future__ import annotations


from oro_desktop.store import audit

ODD_DETAILS = [
    {"text": "rad 1\nrad 2\ttab \"citat\" \\ snedstreck"},
    {"namn": "Åsa Öberg", "emoji": "\U0001f600", "kontroll": "\x01\x1f\x7f", "ls": "\u2028"},
    {"tal": [1, 2.5, -3], "tomt": None, "sant": True},
    None,
]


def _fill(session, n: int, actor: str = "admin") -> None:
    with session.store.unit_of_work(actor) as uow:
        for i in range(n):
            uow.audit("read", "person", f"p{i}", ODD_DETAILS[i % len(ODD_DETAILS)])


def _reference(conn) -> list[str]:
    """The definition, row by row with row_hash (what verify_chain must agree with)."""
    problems, prev = [], audit.GENESIS
    for row_id, ts, actor, action, rtype, rid, detail, prev_hash, digest, unit, chain in conn.execute(
            "SELECT id, ts, actor, action, record_type, record_id, detail, prev_hash, hash,"
            " unit, chain FROM audit ORDER BY id"):
        if prev_hash != prev or audit.row_hash(prev_hash, row_id, ts, actor, action, rtype,
                                               rid, detail, unit=unit, chain=chain) != digest:
            problems.append(row_id)
        prev = digest
    return problems


def test_rows_with_every_kind_of_text_verify_as_row_hash_defines(session):
    _fill(session, 40, actor="märta.ström")
    conn = session.store.conn
    assert _reference(conn) == []
    assert audit.verify_chain(conn) == []
    assert session.store.check() == []


def _tamper(conn, sql: str, *args) -> None:
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    conn.execute("DROP TRIGGER IF EXISTS audit_retention_5y")
    conn.execute(sql, args)


def test_edit_gap_and_broken_link_are_each_found(session):
    _fill(session, 300)
    conn = session.store.conn
    last = conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    _tamper(conn, "UPDATE audit SET actor = 'mallory' WHERE id = ?", 20)
    _tamper(conn, "DELETE FROM audit WHERE id = ?", last - 40)
    _tamper(conn, "UPDATE audit SET prev_hash = ? WHERE id = ?", "f" * 64, last - 5)
    problems = audit.verify_chain(conn)
    assert problems == [
        "Granskningsloggen: post 20 har ändrats i efterhand.",
        f"Granskningsloggen: post {last - 40} saknas (nästa är {last - 39}).",
        f"Granskningsloggen: post {last - 39} hänger inte ihop med posten före.",
        f"Granskningsloggen: post {last - 5} hänger inte ihop med posten före.",
        f"Granskningsloggen: post {last - 5} har ändrats i efterhand.",
    ]
    # The row after the edited one still links to the stored hash: only the edit is reported.
    assert _reference(conn) == [20, last - 39, last - 5]


def test_a_row_before_the_first_is_found(session):
    _fill(session, 3)
    conn = session.store.conn
    _tamper(conn, "INSERT INTO audit (id, ts, actor, action, prev_hash, hash)"
                  " VALUES (0, 'x', 'mallory', 'read', ?, ?)", audit.GENESIS, "0" * 64)
    assert any("post 1 saknas (nästa är 0)" in p for p in audit.verify_chain(conn))


def test_many_problems_are_capped(session):
    _fill(session, 60)
    conn = session.store.conn
    _tamper(conn, "UPDATE audit SET actor = 'mallory' WHERE id > 3")
    problems = audit.verify_chain(conn)
    assert len(problems) == audit.MAX_CHAIN_PROBLEMS + 2
    assert problems[-1].endswith("avbryter.")

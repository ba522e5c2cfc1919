"""Per-child facts for the barnhälsoteam guideline's special situations (migration 0010).

Why apart from persons: LVU, family home under SoL, secret whereabouts and undocumented
matter to the barnhälsoteam rules only; skyddade personuppgifter stays on the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from oro_desktop.store.audit import now_utc


@dataclass(frozen=True)
class SituationRow:
    lvu_placement: bool = False
    family_home_sol: bool = False
    secret_address: bool = False
    undocumented: bool = False
    updated_at: str = ""
    updated_by: str = ""


def get(conn, person_id: int) -> SituationRow:
    row = conn.execute(
        "SELECT lvu_placement, family_home_sol, secret_address, undocumented, updated_at,"
        " updated_by FROM bht_child_situation WHERE person_id = ?", (person_id,)).fetchone()
    if row is None:
        return SituationRow()
    return SituationRow(bool(row[0]), bool(row[1]), bool(row[2]), bool(row[3]), row[4], row[5])


def put(conn, actor: str, person_id: int, facts: SituationRow) -> None:
    conn.execute(
        "INSERT INTO bht_child_situation (person_id, lvu_placement, family_home_sol,"
        " secret_address, undocumented, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (person_id) DO UPDATE SET lvu_placement = excluded.lvu_placement,"
        " family_home_sol = excluded.family_home_sol, secret_address = excluded.secret_address,"
        " undocumented = excluded.undocumented, updated_at = excluded.updated_at,"
        " updated_by = excluded.updated_by",
        (person_id, int(facts.lvu_placement), int(facts.family_home_sol),
         int(facts.secret_address), int(facts.undocumented), now_utc(), actor))


def secret_address(conn, person_id: int) -> bool:
    row = conn.execute("SELECT secret_address FROM bht_child_situation WHERE person_id = ?",
                       (person_id,)).fetchone()
    return bool(row and row[0])


def with_secret_address(conn, person_ids) -> set[int]:
    """Which of `person_ids` have a secret address (one query on the primary key)."""
    ids = sorted({int(i) for i in person_ids})
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    rows = conn.execute("SELECT person_id FROM bht_child_situation WHERE secret_address = 1"
                        f" AND person_id IN ({marks})", ids)
    return {int(r[0]) for r in rows}

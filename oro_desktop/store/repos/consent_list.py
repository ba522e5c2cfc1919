"""The Samtycken list from columns: status, order, filter and pages computed in SQL.

Why here and not in Python: at 100 000 consents, parsing each consent's form JSON to
list it took seconds. Everything the list shows is a column: the lifecycle facts of
`consents`, the child's name as typed (`consents.child_name`), the linked person's name,
number and protection mark, and the definition id/version of `filled_forms`.

The status is `core.consent.status` written as SQL (`STATUS_SQL`): revoked and declined
win, then unsigned (printed or draft), then one of two guardians signed (waiting_other,
migration 0008), then signed by today's date: before valid_from
signed, after valid_to expired, at most EXPIRING_DAYS left expiring, else active. A test
compares the two over generated facts and days. The order is the caller's status order,
then within a status the same keys as `services.consent_views.list_order_key`.

Why segments: a status depends on today's date, so no index can hold the list order. But
each status is a range of facts (`SEGMENTS`: e.g. expiring = signed, in force, valid_to
within 30 days), and within a status the order is one indexed column (valid_to,
valid_from, printed_on or updated_at), then `consents.child_sort` (the shown name
casefolded), then the row id: one partial index per status (migration 0004). An
unfiltered page therefore walks the segments in status order, counting (index only) the
ones it skips, takes the page's ids from the index alone and joins only those rows: the
first screen touches about 100 rows, not 100 000, and a deep page skips index entries,
not joined rows. A text or child filter uses the one general query (`_BASE`), which computes
the status per row with `STATUS_SQL`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from oro_desktop.core.consent import EXPIRING_DAYS
from oro_desktop.core.contacts.text import normalise
from oro_desktop.store.repos import person_search
from oro_desktop.store.repos.consents import NO_CHILD

__all__ = ["NO_CHILD", "STATUS_SQL", "SEGMENTS", "ListEntry", "count", "page", "everything",
           "one", "fold", "status_of_facts"]

STATUS_SQL = f"""CASE
    WHEN c.revoked_received_on IS NOT NULL THEN 'revoked'
    WHEN c.declined_on IS NOT NULL THEN 'declined'
    WHEN c.signed_on IS NULL THEN
        CASE WHEN c.printed_on IS NOT NULL THEN 'printed' ELSE 'draft' END
    WHEN c.guardian_count = 2 AND c.second_signed_on IS NULL THEN 'waiting_other'
    WHEN :today < c.valid_from THEN 'signed'
    WHEN :today > c.valid_to THEN 'expired'
    WHEN julianday(c.valid_to) - julianday(:today) <= {int(EXPIRING_DAYS)} THEN 'expiring'
    ELSE 'active'
END"""

_BASE = f"""
SELECT c.id, c.uid, {STATUS_SQL} AS status, c.child_person_id,
       coalesce(p.name, nullif(c.child_name, ''), '{NO_CHILD}') AS shown_name,
       p.id_kind, p.id_value, p.no_number_reason, coalesce(p.protected_identity, 0),
       c.valid_from, c.valid_to, c.printed_on, f.form_id, f.form_version, c.updated_at,
       c.renewed_from, c.child_sort, coalesce(s.secret_address, 0) AS secret_address
FROM consents c
JOIN filled_forms f ON f.id = c.filled_form_id
LEFT JOIN persons p ON p.id = c.child_person_id
LEFT JOIN bht_child_situation s ON s.person_id = c.child_person_id
"""

# What a filtered count or a filtered page's ordering needs: no filled_forms join. Every
# consent has its filled form (NOT NULL foreign key), so the rows are the same; the join
# costs a random read of a large encrypted row per consent, which is most of the time of
# a filtered list. The page's own rows are joined afterwards (`_rows_by_id`).
_ORDER_BASE = f"""
SELECT c.id, c.uid, {STATUS_SQL} AS status, c.child_person_id,
       coalesce(p.name, nullif(c.child_name, ''), '{NO_CHILD}') AS shown_name,
       c.valid_from, c.valid_to, c.printed_on, c.updated_at, c.child_sort
FROM consents c
LEFT JOIN persons p ON p.id = c.child_person_id
"""


@dataclass(frozen=True)
class ListEntry:
    """One consent as the list needs it (raw columns; the service makes the row)."""

    id: int
    uid: str
    status: str
    child_id: int | None
    child_name: str
    id_kind: str | None
    id_value: str
    no_number_reason: str
    protected: bool
    valid_from: date | None
    valid_to: date | None
    printed_on: date | None
    form_id: str
    form_version: int
    updated_at: str
    renewed_from: int | None
    # hemlig vistelseort (bht_child_situation, migration 0010): joined on its primary key
    secret_address: bool = False


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _entry(r) -> ListEntry:
    return ListEntry(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7] or "",
                     bool(r[8]), _d(r[9]), _d(r[10]), _d(r[11]), r[12], int(r[13]), r[14], r[15],
                     bool(r[17]))


def fold(value: str | None) -> str:
    """Case and diacritics folded ("Åsa" -> "asa"), the same for names and what is typed."""
    return normalise(value) if value else ""


def _register(conn) -> None:
    conn.create_function("oro_casefold", 1, lambda v: v.casefold() if v else "",
                         deterministic=True)
    conn.create_function("oro_fold", 1, fold, deterministic=True)


def _where(today: date, statuses: Collection[str] | None, text: str,
           child_id: int | None, uid: str | None) -> tuple[str, dict[str, object]]:
    clauses: list[str] = []
    params: dict[str, object] = {"today": today.isoformat()}
    if statuses is not None:
        marks = ", ".join(f":s{i}" for i in range(len(statuses)))
        clauses.append(f"status IN ({marks})" if statuses else "0")
        params.update({f"s{i}": s for i, s in enumerate(sorted(statuses))})
    if child_id is not None:
        clauses.append("child_person_id = :child")
        params["child"] = child_id
    if uid is not None:
        clauses.append("uid = :uid")
        params["uid"] = uid
    text = (text or "").strip()[:person_search.MAX_TEXT]
    if text:
        only_number = all(ch.isdigit() or ch in "-+ " for ch in text)
        digits = "".join(ch for ch in text if ch.isdigit())
        if only_number and digits:
            # Any part of the child's number (the birth date, the last four): a plain
            # substring test in C, no Python function per row.
            clauses.append("child_person_id IN (SELECT id FROM persons"
                           " WHERE instr(id_value, :digits) > 0)")
            params["digits"] = digits
        else:
            # Names through the FTS5 index (diacritics folded, word prefixes); a consent
            # whose child is not (yet) a person is matched on the name as typed.
            expression = person_search.match_expression(text)
            clauses.append(
                "(child_person_id IN (SELECT rowid FROM person_search WHERE person_search"
                " MATCH :match) OR (child_person_id IS NULL AND"
                " instr(oro_fold(shown_name), :text) > 0))" if expression else "0")
            params["match"], params["text"] = expression, fold(text)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _order(status_order: Sequence[str]) -> str:
    rank = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(status_order))
    return f"""
ORDER BY CASE status {rank} ELSE {len(status_order)} END,
    CASE WHEN status IN ('expiring', 'active') THEN julianday(valid_to)
         WHEN status = 'signed' THEN julianday(valid_from)
         WHEN status = 'printed' THEN julianday(printed_on) END,
    CASE WHEN status NOT IN ('expiring', 'active', 'signed', 'printed') THEN updated_at END DESC,
    child_sort, id"""


_LIVE = "c.revoked_received_on IS NULL AND c.declined_on IS NULL"
_UNSIGNED = f"{_LIVE} AND c.signed_on IS NULL"
#: every guardian signed; textually the index condition of migration 0008 (the planner
#: matches a partial index's WHERE term by term).
_COMPLETE = "(c.guardian_count = 1 OR c.second_signed_on IS NOT NULL)"
_SIGNED = f"{_LIVE} AND c.signed_on IS NOT NULL AND {_COMPLETE}"
_WAITING_OTHER = (f"{_LIVE} AND c.signed_on IS NOT NULL AND c.guardian_count = 2"
                  " AND c.second_signed_on IS NULL")

#: status -> (facts that make it, within-status order, index for counting, index for the
#: page's ids); see core.consent.status. The indexes (migration 0004) are named so that
#: each query is an index-only walk: the planner otherwise picks one that needs the rows.
#: "expired" needs no valid_from test: valid_to < today implies valid_from < today.
SEGMENTS: dict[str, tuple[str, str, str, str]] = {
    "expiring": (f"{_SIGNED} AND c.valid_from <= :today AND c.valid_to >= :today"
                 " AND c.valid_to <= :soon", "c.valid_to",
                 "consents_list_signed_to", "consents_list_signed_to"),
    "waiting_other": (_WAITING_OTHER, "c.updated_at DESC", "consents_list_waiting_other",
                      "consents_list_waiting_other"),
    "printed": (f"{_UNSIGNED} AND c.printed_on IS NOT NULL", "c.printed_on",
                "consents_list_printed", "consents_list_printed"),
    "draft": (f"{_UNSIGNED} AND c.printed_on IS NULL", "c.updated_at DESC",
              "consents_list_drafts", "consents_list_drafts"),
    "active": (f"{_SIGNED} AND c.valid_from <= :today AND c.valid_to > :soon", "c.valid_to",
               "consents_list_signed_to", "consents_list_signed_to"),
    "signed": (f"{_SIGNED} AND c.valid_from > :today", "c.valid_from",
               "consents_list_signed_from", "consents_list_signed_from"),
    "expired": (f"{_SIGNED} AND c.valid_to < :today", "c.updated_at DESC",
                "consents_list_signed_to", "consents_list_signed_updated"),
    "revoked": ("c.revoked_received_on IS NOT NULL", "c.updated_at DESC",
                "consents_list_revoked", "consents_list_revoked"),
    "declined": ("c.revoked_received_on IS NULL AND c.declined_on IS NOT NULL",
                 "c.updated_at DESC", "consents_list_declined", "consents_list_declined"),
}

_SEGMENT_SELECT = f"""
SELECT c.id, c.uid, :status, c.child_person_id,
       coalesce(p.name, nullif(c.child_name, ''), '{NO_CHILD}'),
       p.id_kind, p.id_value, p.no_number_reason, coalesce(p.protected_identity, 0),
       c.valid_from, c.valid_to, c.printed_on, f.form_id, f.form_version, c.updated_at,
       c.renewed_from, 0, coalesce(s.secret_address, 0)
FROM consents c
JOIN filled_forms f ON f.id = c.filled_form_id
LEFT JOIN persons p ON p.id = c.child_person_id
LEFT JOIN bht_child_situation s ON s.person_id = c.child_person_id
WHERE c.id IN (SELECT value FROM json_each(:ids))
"""


def _day_params(today: date) -> dict[str, object]:
    return {"today": today.isoformat(),
            "soon": (today + timedelta(days=int(EXPIRING_DAYS))).isoformat()}


def _segments(status_order: Sequence[str], statuses: Collection[str] | None) -> list[str]:
    return [s for s in status_order if statuses is None or s in statuses]


def _segment_count(conn, status: str, params: dict[str, object]) -> int:
    where, _order_by, index, _page_index = SEGMENTS[status]
    return int(conn.execute(f"SELECT count(*) FROM consents c INDEXED BY {index} WHERE {where}",
                            params).fetchone()[0])


def _segment_rows(conn, status: str, params: dict[str, object], offset: int,
                  limit: int) -> list[ListEntry]:
    """Two steps: the ids of the page from the status's index alone (skipping `offset`
    entries costs an index walk, not joins), then those rows with their joins."""
    where, column, _count_index, index = SEGMENTS[status]
    ids = [r[0] for r in conn.execute(
        f"SELECT c.id FROM consents c INDEXED BY {index} WHERE {where}"
        f" ORDER BY {column}, c.child_sort, c.id"
        f" LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset})]
    if not ids:
        return []
    found = {r[0]: r for r in conn.execute(_SEGMENT_SELECT, {"status": status,
                                                             "ids": json.dumps(ids)})}
    return [_entry(found[i]) for i in ids]


def _segmented_page(conn, today: date, status_order: Sequence[str], offset: int, limit: int,
                    statuses: Collection[str] | None) -> list[ListEntry]:
    params = _day_params(today)
    out: list[ListEntry] = []
    offset = max(0, int(offset))
    for status in _segments(status_order, statuses):
        if 0 <= limit <= len(out):
            break
        if offset > 0:
            n = _segment_count(conn, status, params)
            if offset >= n:
                offset -= n
                continue
        want = -1 if limit < 0 else limit - len(out)
        out += _segment_rows(conn, status, params, offset, want)
        offset = 0
    return out


def count(conn, today: date, *, statuses: Collection[str] | None = None, text: str = "",
          child_id: int | None = None) -> int:
    if not (text or "").strip() and child_id is None:
        params = _day_params(today)
        return sum(_segment_count(conn, s, params) for s in SEGMENTS
                   if statuses is None or s in statuses)
    _register(conn)
    where, params = _where(today, statuses, text, child_id, None)
    return int(conn.execute(f"SELECT count(*) FROM ({_ORDER_BASE}){where}",
                            params).fetchone()[0])


def page(conn, today: date, status_order: Sequence[str], offset: int, limit: int, *,
         statuses: Collection[str] | None = None, text: str = "",
         child_id: int | None = None) -> list[ListEntry]:
    """Entries `offset`..`offset+limit` in list order (limit < 0: all of them)."""
    _register(conn)
    if not (text or "").strip() and child_id is None:
        return _segmented_page(conn, today, status_order, offset, limit, statuses)
    where, params = _where(today, statuses, text, child_id, None)
    sql = (f"SELECT id FROM ({_ORDER_BASE}){where}{_order(status_order)}"
           " LIMIT :limit OFFSET :offset")
    ids = [r[0] for r in conn.execute(sql, {**params, "limit": int(limit),
                                              "offset": max(0, int(offset))})]
    return _rows_by_id(conn, today, ids)


def _rows_by_id(conn, today: date, ids: list[int]) -> list[ListEntry]:
    """The entries of `ids`, in that order, with every join (a page's worth of rows)."""
    if not ids:
        return []
    found = {r[0]: r for r in conn.execute(
        f"SELECT * FROM ({_BASE}) WHERE id IN (SELECT value FROM json_each(:ids))",
        {"today": today.isoformat(), "ids": json.dumps(ids)})}
    return [_entry(found[i]) for i in ids]


def everything(conn, today: date, *, statuses: Collection[str] | None = None, text: str = "",
               child_id: int | None = None) -> list[ListEntry]:
    """Every matching entry, in no order: one sequential pass (the caller sorts).

    Why: reading all rows in an index's order is random access into the encrypted file
    (about 100 µs a row at 100 000 consents); in row order it is one sequential pass."""
    _register(conn)
    where, params = _where(today, statuses, text, child_id, None)
    return [_entry(r) for r in conn.execute(f"SELECT * FROM ({_BASE}){where}", params)]


def one(conn, today: date, uid: str) -> ListEntry | None:
    _register(conn)
    where, params = _where(today, None, "", None, uid)
    r = conn.execute(f"SELECT * FROM ({_BASE}){where}", params).fetchone()
    return _entry(r) if r else None


def status_of_facts(conn, today: date, facts: dict[str, str | None]) -> str:
    """The SQL status for one set of fact values (for the test against core.consent)."""
    cols = ("revoked_received_on", "declined_on", "signed_on", "printed_on", "valid_from",
            "valid_to", "guardian_count", "second_signed_on")
    select = ", ".join(f":{k} AS {k}" for k in cols)
    sql = f"SELECT {STATUS_SQL} FROM (SELECT {select}) c"
    values = {k: facts.get(k) for k in cols}
    if values["guardian_count"] is None:
        values["guardian_count"] = 1
    return str(conn.execute(sql, {**values,
                                  "today": today.isoformat()}).fetchone()[0])

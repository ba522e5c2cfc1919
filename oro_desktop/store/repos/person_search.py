"""Person search: by name (FTS5, diacritics folded) or by the start of the number (index range).

Why its own module: search is the one person query that must stay fast at clinic scale
(100 000 persons, as you type: median <= 20 ms), so its SQL is kept where the benchmark
(`benchmarks/bench_person_search.py`) and the migration that built its index
(`m0005_person_search`) can be read together. `persons.search` delegates here.

What a text means:
- only digits, with an optional `-` or `+` (and spaces), at least 4 digits: the start
  of a personnummer or samordningsnummer. Typed with the century (8 or 12 digits:
  19121212-1212) or without it (6 or 10 digits: 121212-1212); a prefix of up to 10
  digits is also tried with 19 and 20 in front (with 18 and 19 after a `+`, the sign for
  100 years or older), so 121212 finds 19121212-1212. Each reading is a range query on
  the `persons_number` index; results are in number order;
- anything else: words of the name, each the start of a word in it, in any order, with
  case and diacritics folded ("asa str" finds "Åsa Ström", "Åsa" finds "Asa"). Results
  in name order.

Why two plans for names: up to BROAD matches are ordered inside the FTS table (it keeps
a copy of each name, so that reads a small dense table, about 0.5 microseconds a match)
and only the first `limit` persons rows are read. A prefix of one or two letters matches
a large part of the register; then walking the name index in order and keeping the
rows that match stops after `limit` rows, and costs at most one pass over that index.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT = 200      # characters of search text considered (input is bounded)
MAX_WORDS = 8       # words of a name query considered
BROAD = 5000        # above this many matches, walk the name index instead of sorting
MIN_DIGITS = 4      # fewer digits than this is not yet a number worth a query

_NUMBER_TEXT = re.compile(r"^[\d\s]*\d[\d\s]*([-+][\d\s]*)?$")
_WORD = re.compile(r"[^\W_]+")
# Above any character a stored number can continue with, so [p, p + _TOP) is "starts with p".
_TOP = "\U0010ffff"


def number_prefixes(text: str) -> list[str]:
    """The digit prefixes `text` can mean (empty unless it reads as a number)."""
    text = (text or "").strip()[:MAX_TEXT]
    if not _NUMBER_TEXT.match(text):
        return []
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < MIN_DIGITS or len(digits) > 12:
        return []
    found = [digits]
    if len(digits) <= 10:
        centuries = ("18", "19") if "+" in text else ("19", "20")
        found += [century + digits for century in centuries]
    return list(dict.fromkeys(found))


def match_expression(text: str) -> str:
    """An FTS5 query: every word of `text` as a quoted prefix, all required ('' if none)."""
    text = unicodedata.normalize("NFC", (text or "")[:MAX_TEXT])
    words = _WORD.findall(text)[:MAX_WORDS]
    return " AND ".join(f'"{word}"*' for word in words)


def search_rows(conn, text: str, columns: str, limit: int = 50) -> list[tuple]:
    """Rows (`columns` of persons) matching `text`, at most `limit`, in display order."""
    limit = max(0, min(int(limit), 1000))
    if not limit:
        return []
    prefixes = number_prefixes(text)
    if prefixes:
        return _by_number(conn, prefixes, columns, limit)
    expression = match_expression(text)
    if not expression:
        return []
    return _by_name(conn, expression, columns, limit)


def _by_number(conn, prefixes: list[str], columns: str, limit: int) -> list[tuple]:
    """Each reading is an index range; merged in number order, each person once."""
    sql = (f"SELECT {columns}, id_value AS _key, id AS _id FROM persons"
           " WHERE id_value >= ? AND id_value < ? ORDER BY id_value LIMIT ?")
    seen: dict[int, tuple] = {}
    for prefix in prefixes:
        for row in conn.execute(sql, (prefix, prefix + _TOP, limit)):
            seen.setdefault(row[-1], row)
    ordered = sorted(seen.values(), key=lambda r: (r[-2], r[-1]))[:limit]
    return [row[:-2] for row in ordered]


def _by_name(conn, expression: str, columns: str, limit: int) -> list[tuple]:
    matches = conn.execute(
        "SELECT count(*) FROM (SELECT rowid FROM person_search WHERE person_search MATCH ?"
        " LIMIT ?)", (expression, BROAD + 1)).fetchone()[0]
    if not matches:
        return []
    # The same rows in the same order either way; only the plan differs (module docstring).
    if matches > BROAD:
        sql = (f"SELECT {columns} FROM persons INDEXED BY persons_name WHERE id IN"
               " (SELECT rowid FROM person_search WHERE person_search MATCH ?)"
               " ORDER BY name COLLATE NOCASE, id LIMIT ?")
    else:
        sql = (f"SELECT {columns} FROM persons WHERE id IN"
               " (SELECT rowid FROM person_search WHERE person_search MATCH ?"
               "  ORDER BY name COLLATE NOCASE, rowid LIMIT ?)"
               " ORDER BY name COLLATE NOCASE, id")
    return list(conn.execute(sql, (expression, limit)))

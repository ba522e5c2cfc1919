"""0005 person search: a full-text index over person names, kept in sync by triggers.

Why FTS5 rather than LIKE or a Python function over every row: a clinician searches as
they type, in a register of 100 000 persons, and expects "Asa" to find "Åsa" and "ost"
to find "Östberg". `unicode61 remove_diacritics 2` folds case and diacritics (å/ä/ö,
é, ü ...) in both the stored names and the query; the prefix indexes make the first
letters typed (one to three characters, where a prefix matches most of the register)
as cheap as whole words.

- the FTS table keeps its own copy of each name (about 30 bytes a person): ordering a
  few thousand matches by name then reads that small, dense table instead of a persons
  row per match (measured: 0.5 against 10 microseconds a match at 100 000 persons);
- `detail = none, columnsize = 0`: only "which persons contain this token" is needed
  (no phrase queries, no ranking), which keeps the index small and fast;
- triggers on persons keep it in sync for every insert, rename and delete, in the same
  transaction as the change; the migration fills it from the existing rows.

A later migration that rebuilds the persons table (create, copy, drop, rename) drops
these triggers with it and must create them again; `PERSON_SEARCH_TRIGGERS` is here for
that. Number search needs no new index: `persons_number` (id_value) serves range queries.
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 5

PERSON_SEARCH_TABLE = """
CREATE VIRTUAL TABLE person_search USING fts5(
    name,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3',
    detail = none,
    columnsize = 0
);
"""

PERSON_SEARCH_TRIGGERS = """
CREATE TRIGGER persons_search_insert AFTER INSERT ON persons BEGIN
    INSERT INTO person_search (rowid, name) VALUES (new.id, new.name);
END;

CREATE TRIGGER persons_search_delete AFTER DELETE ON persons BEGIN
    DELETE FROM person_search WHERE rowid = old.id;
END;

CREATE TRIGGER persons_search_update AFTER UPDATE OF name ON persons BEGIN
    UPDATE person_search SET name = new.name WHERE rowid = old.id;
END;
"""


def upgrade(conn) -> None:
    execute_script(conn, PERSON_SEARCH_TABLE + PERSON_SEARCH_TRIGGERS)
    conn.execute("INSERT INTO person_search (rowid, name) SELECT id, name FROM persons")

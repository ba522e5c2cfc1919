"""0012 real dates: a date column refuses what is not a real calendar day.

Why: the date columns were guarded by `CHECK (date(col) = col)` (or `col IS NULL OR …`).
For an impossible day such as '2026-13-01', `date()` returns NULL, the comparison is
NULL, and SQLite lets a NULL CHECK pass, so the guard let exactly the bad values
through. The services parse every date before they write, so nothing wrote one; the
file's own guard should still hold if a service forgot. A CHECK cannot be changed
without rebuilding each table, so this adds a trigger pair per column instead, with
`IS NOT` (which is never NULL) against `date(julianday(col))` (which normalises '2026-02-30'
to '2026-03-02' in every SQLite version, where `date()` alone may echo it): insert or update with anything but 'YYYY-MM-DD' of a
real day is refused. Existing rows are not touched (the services never wrote a bad one).
The list is the schema of version 11, every column that carried the broken CHECK.
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 12

DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "consents": ("declined_on", "printed_on", "revoked_received_on", "second_received_on",
                 "second_signed_on", "signed_on", "signed_received_on", "valid_from",
                 "valid_to"),
    "cases": ("born_on", "closed_on", "opened_on"),
    "case_participants": ("due_date",),
    "case_consents": ("asked_on",),
    "disclosures": ("disclosed_on", "told_after_on", "told_before_on"),
    "bht_teams": ("formed_on",),
    "bht_meetings": ("date",),
    "bht_imports": ("created",),
}


def _triggers(table: str, column: str) -> str:
    guard = (f"WHEN NEW.{column} IS NOT NULL AND date(julianday(NEW.{column})) IS NOT NEW.{column}\n"
             f"BEGIN\n    SELECT RAISE(ABORT, '{table}.{column} must be a real date (YYYY-MM-DD)');\nEND;\n")
    return (f"CREATE TRIGGER {table}_{column}_real_date_insert BEFORE INSERT ON {table}\n{guard}"
            f"CREATE TRIGGER {table}_{column}_real_date_update BEFORE UPDATE OF {column} ON {table}\n"
            f"{guard}")


def upgrade(conn) -> None:
    execute_script(conn, "".join(_triggers(t, c) for t, cols in DATE_COLUMNS.items()
                                 for c in cols))

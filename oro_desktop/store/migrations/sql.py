"""Helpers for migration modules.

`conn.executescript()` must not be used inside a migration: it COMMITs first, which
would split a migration from its `user_version` bump. `execute_script` runs the
statements one by one inside the runner's transaction instead.
"""

from __future__ import annotations

from sqlcipher3 import dbapi2 as _driver


def split_statements(script: str) -> list[str]:
    """Split SQL into complete statements (trigger bodies with inner `;` stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if _driver.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:60]}")
    return statements


def execute_script(conn, script: str) -> None:
    """Execute each statement of `script` in the current transaction."""
    for statement in split_statements(script):
        conn.execute(statement)

"""0010 barnhälsoteam: the guideline's special situations recorded per child (2.8, 2.9).

`bht_child_situation` holds, per person, the facts the guideline's notices depend on that
the person record does not already hold: placed under LVU, placed in a family home under
SoL, secret whereabouts (hemlig vistelseort) and undocumented (papperslös). Skyddade
personuppgifter stays on `persons.protected_identity` (one place, already used to mask
numbers and hide addresses). One row per person, written only when something is set;
a row with every fact false is kept (it records that someone cleared them, and when).
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 10

SCHEMA = """
CREATE TABLE bht_child_situation (
    person_id INTEGER PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
    lvu_placement INTEGER NOT NULL DEFAULT 0 CHECK (lvu_placement IN (0, 1)),
    family_home_sol INTEGER NOT NULL DEFAULT 0 CHECK (family_home_sol IN (0, 1)),
    secret_address INTEGER NOT NULL DEFAULT 0 CHECK (secret_address IN (0, 1)),
    undocumented INTEGER NOT NULL DEFAULT 0 CHECK (undocumented IN (0, 1)),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;
"""


def upgrade(conn) -> None:
    execute_script(conn, SCHEMA)

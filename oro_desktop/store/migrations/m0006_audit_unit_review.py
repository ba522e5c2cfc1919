"""0006 audit as HSLF-FS 2016:40 4 kap. 9 § asks: the care unit per entry, log review, retention.

- `audit.unit`: the care unit (vårdenhet / verksamhet, the `unit_name` setting) an entry
  was made in; `audit.chain`: which fields the row's hash covers (1 = rows from before
  this migration, which keep verifying as they were; 2 = with the unit; see
  oro_desktop/store/audit.py). Adding columns rewrites no row, so no trigger fires.
- Retention: an audit entry younger than five years can never be deleted. The older
  `audit_no_delete` trigger refuses every delete; `audit_retention_5y` keeps the five-year
  floor even if a future, deliberate pruning step replaces that trigger.
- Log review (stickprov, oro_desktop/services/audit_review.py): a review names its scope
  (a user, or a person) and period and the sample drawn; each reviewed entry gets a mark
  with a note. All three tables are append-only: a correction is a new mark, the newest
  mark of an entry counts, and nothing is ever rewritten.
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 6

SCHEMA = """
ALTER TABLE audit ADD COLUMN unit TEXT;
ALTER TABLE audit ADD COLUMN chain INTEGER NOT NULL DEFAULT 1 CHECK (chain IN (1, 2));

CREATE TRIGGER audit_retention_5y BEFORE DELETE ON audit
WHEN old.ts > strftime('%Y-%m-%dT%H:%M:%f', 'now', '-5 years')
BEGIN
    SELECT RAISE(ABORT, 'audit entries are kept for at least five years');
END;

CREATE TABLE audit_reviews (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    unit TEXT,
    scope TEXT NOT NULL CHECK (scope IN ('user', 'person')),
    subject TEXT NOT NULL,
    subject_label TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    actions TEXT NOT NULL,
    population INTEGER NOT NULL CHECK (population >= 0),
    sample_size INTEGER NOT NULL CHECK (sample_size >= 0),
    seed TEXT NOT NULL
) STRICT;

CREATE TABLE audit_review_entries (
    review_id INTEGER NOT NULL REFERENCES audit_reviews (id),
    audit_id INTEGER NOT NULL REFERENCES audit (id),
    PRIMARY KEY (review_id, audit_id)
) STRICT;

CREATE TABLE audit_review_marks (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL,
    audit_id INTEGER NOT NULL,
    marked_at TEXT NOT NULL,
    marked_by TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('ok', 'remark')),
    note TEXT NOT NULL CHECK (length(note) <= 2000),
    FOREIGN KEY (review_id, audit_id) REFERENCES audit_review_entries (review_id, audit_id)
) STRICT;

CREATE INDEX audit_review_marks_entry ON audit_review_marks (review_id, audit_id, id);
"""

_APPEND_ONLY = ("audit_reviews", "audit_review_entries", "audit_review_marks")


def upgrade(conn) -> None:
    execute_script(conn, SCHEMA)
    for table in _APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )

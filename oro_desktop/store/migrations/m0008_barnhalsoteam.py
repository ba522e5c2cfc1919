"""0008 barnhälsoteam: consent per guardian, the user's profile, teams, meetings, imports.

- consents: `guardian_count` (1 or 2; 1 for every existing row, so nothing changes for
  them) and the other guardian's signature (`second_*`). The first registered signature
  stays in `signed_*`; with two guardians the consent is in force only when both are
  registered (föräldrabalken 6 kap. 13 §; status 'waiting_other' in
  store/repos/consent_list.py). The signed list indexes of 0004 are rebuilt with the
  "every guardian signed" condition and one index is added for the new status, so each
  list segment stays an index-only walk.
- users: name, function and unit of the user's profile ("Samtycke inhämtat av").
- bht_teams, bht_members: teams per municipality/area and their members by role with
  the mandate (guideline 2.1-2.4). Stable canonical UUIDs.
- bht_meetings, bht_topics: a meeting is a record: append-only (a trigger refuses UPDATE
  and DELETE). A topic at the individual level holds either a de-identified child (no
  column that identifies the child is filled: a CHECK holds it) or an identified one
  (linked to the person and the consent in force, with a snapshot of the consent's
  facts on the meeting date, so the record shows what it rested on even after the
  consent is revoked or the record is transferred; the rule is checked by the service).
- bht_imports: transfer packages imported, so a second import of a file is refused.
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 8

_DATE = "CHECK ({col} IS NULL OR date({col}) = {col})"
_LIVE = "revoked_received_on IS NULL AND declined_on IS NULL"
#: every guardian's signature registered (kept textually equal to consent_list.py).
COMPLETE = "(guardian_count = 1 OR second_signed_on IS NOT NULL)"


def _d(col: str) -> str:
    return _DATE.format(col=col)


SCHEMA = f"""
ALTER TABLE consents ADD COLUMN guardian_count INTEGER NOT NULL DEFAULT 1
    CHECK (guardian_count IN (1, 2));
ALTER TABLE consents ADD COLUMN signer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE consents ADD COLUMN second_signed_on TEXT {_d('second_signed_on')};
ALTER TABLE consents ADD COLUMN second_received_on TEXT {_d('second_received_on')};
ALTER TABLE consents ADD COLUMN second_registered_by TEXT;
ALTER TABLE consents ADD COLUMN second_signer_name TEXT NOT NULL DEFAULT '';

DROP INDEX consents_list_signed_to;
DROP INDEX consents_list_signed_from;
DROP INDEX consents_list_signed_updated;
CREATE INDEX consents_list_signed_to ON consents (valid_to, child_sort, valid_from)
    WHERE signed_on IS NOT NULL AND {COMPLETE} AND {_LIVE};
CREATE INDEX consents_list_signed_from ON consents (valid_from, child_sort)
    WHERE signed_on IS NOT NULL AND {COMPLETE} AND {_LIVE};
CREATE INDEX consents_list_signed_updated ON consents (updated_at DESC, child_sort, valid_to)
    WHERE signed_on IS NOT NULL AND {COMPLETE} AND {_LIVE};
CREATE INDEX consents_list_waiting_other ON consents (updated_at DESC, child_sort)
    WHERE signed_on IS NOT NULL AND guardian_count = 2 AND second_signed_on IS NULL
    AND {_LIVE};

CREATE TRIGGER consents_second_signature BEFORE UPDATE OF second_signed_on ON consents
WHEN NEW.second_signed_on IS NOT NULL AND (NEW.signed_on IS NULL OR NEW.guardian_count <> 2
     OR NEW.second_received_on IS NULL OR NEW.second_registered_by IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a second signature needs a first one and two guardians');
END;

ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT '' CHECK (length(full_name) <= 200);
ALTER TABLE users ADD COLUMN function TEXT NOT NULL DEFAULT '' CHECK (length(function) <= 200);
ALTER TABLE users ADD COLUMN unit TEXT NOT NULL DEFAULT '' CHECK (length(unit) <= 200);

CREATE TABLE bht_teams (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 36),
    name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
    municipality TEXT NOT NULL CHECK (municipality <> '' AND length(municipality) <= 200),
    area TEXT NOT NULL DEFAULT '' CHECK (length(area) <= 200),
    formed_on TEXT NOT NULL {_d('formed_on')},
    imported_from TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE bht_members (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 36),
    team_id INTEGER NOT NULL REFERENCES bht_teams (id),
    role TEXT NOT NULL CHECK (role IN ('forskolechef', 'specialpedagog', 'socialtjanst',
        'bhv_sjukskoterska', 'foraldra_och_barnhalsan', 'elevhalsan')),
    name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
    organisation TEXT NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
    mandate TEXT NOT NULL DEFAULT '' CHECK (length(mandate) <= 2000),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;
CREATE INDEX bht_members_team ON bht_members (team_id);

CREATE TABLE bht_meetings (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 36),
    team_id INTEGER NOT NULL REFERENCES bht_teams (id),
    date TEXT NOT NULL {_d('date')},
    attendees TEXT NOT NULL CHECK (json_valid(attendees)),
    decisions TEXT NOT NULL CHECK (json_valid(decisions)),
    follow_up TEXT CHECK (follow_up IS NULL OR json_valid(follow_up)),
    imported_from TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;
CREATE INDEX bht_meetings_team_date ON bht_meetings (team_id, date);

CREATE TABLE bht_topics (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 36),
    meeting_id INTEGER NOT NULL REFERENCES bht_meetings (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL CHECK (text <> '' AND length(text) <= 300),
    level TEXT NOT NULL CHECK (level IN ('organisation', 'group', 'individual')),
    discussion TEXT CHECK (discussion IN ('deidentified', 'identified')),
    summary TEXT NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
    age_years INTEGER CHECK (age_years IS NULL OR age_years BETWEEN 0 AND 7),
    child_uid TEXT,
    consent_uid TEXT,
    consent_facts TEXT CHECK (consent_facts IS NULL OR json_valid(consent_facts)),
    UNIQUE (meeting_id, position),
    CHECK (discussion IS NULL OR level = 'individual'),
    CHECK (discussion IS NOT NULL OR (summary = '' AND age_years IS NULL)),
    CHECK ((coalesce(discussion, '') = 'identified')
           = (child_uid IS NOT NULL AND consent_uid IS NOT NULL AND consent_facts IS NOT NULL)),
    CHECK (coalesce(discussion, '') <> 'identified' OR age_years IS NULL),
    CHECK (child_uid IS NULL OR coalesce(discussion, '') = 'identified'),
    CHECK (consent_uid IS NULL OR coalesce(discussion, '') = 'identified')
) STRICT;
CREATE INDEX bht_topics_child ON bht_topics (child_uid) WHERE child_uid IS NOT NULL;

CREATE TABLE bht_imports (
    id INTEGER PRIMARY KEY,
    package_id TEXT NOT NULL UNIQUE CHECK (length(package_id) = 36),
    created TEXT NOT NULL {_d('created')},
    child_uid TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
) STRICT;
"""

_APPEND_ONLY = ("bht_meetings", "bht_topics", "bht_imports")


def upgrade(conn) -> None:
    execute_script(conn, SCHEMA)
    for table in _APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )

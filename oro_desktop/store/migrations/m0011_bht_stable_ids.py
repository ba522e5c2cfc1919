"""0011 barnhälsoteam ids follow the stable-id contract (32 lower-case hex digits).

Why: migration 0004's contract says every stable id is a random UUID written as 32
lower-case hex digits (`uuid.uuid4().hex`), as persons.uid is. The barnhälsoteam tables of
0008 used the dashed 36-character form, so one child was written two ways (persons.uid and
bht_topics.child_uid) and a join or a comparison between them silently failed. This
migration converts every stored id in place, keeping its value (only the dashes go):

- bht_teams.uid, bht_members.uid, bht_meetings.uid, bht_topics.uid;
- the references: bht_topics.child_uid and consent_uid, the consent snapshot's uid and
  child_uid (bht_topics.consent_facts), each attendee's member uid (bht_meetings.attendees);
- the transfer import ledger: bht_imports.package_id and child_uid, and imported_from of
  imported teams and meetings;
- the keys of the yearly report's answer drafts (`bht-report:<team uid>:<year>`), so a
  half-written report is found again.

SQLite cannot change a CHECK in place, so the five tables are rebuilt (renamed, created
anew with the same columns and ids, copied, the old ones dropped; foreign keys stay valid
because every row keeps its id). The new CHECKs hold the contract for each id column, and
as in 0004 a trigger refuses a change of a team's or member's uid; meetings, topics and
imports stay append-only. While bht_members is rebuilt it gains `updated_*` and
`removed_*`: a member can be edited, and is removed by marking it (the row is kept, because
past meetings name the member's uid among those present; a trigger refuses a DELETE and
any change after removal). A transfer file written before this version still imports: the
service normalises its dashed ids (services/barnhalsoteam_transfer.py).
"""

from __future__ import annotations

import json
import uuid

from oro_desktop.store.migrations.sql import execute_script

VERSION = 11

_HEX = "(length({c}) = 32 AND {c} NOT GLOB '*[^0-9a-f]*')"
_DATE = "CHECK ({col} IS NULL OR date({col}) = {col})"


def _hex(col: str) -> str:
    return _HEX.format(c=col)


def _opt_hex(col: str) -> str:
    return f"({col} IS NULL OR {_hex(col)})"


def _d(col: str) -> str:
    return _DATE.format(col=col)


TABLES = f"""
CREATE TABLE bht_teams (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK {_hex('uid')},
    name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
    municipality TEXT NOT NULL CHECK (municipality <> '' AND length(municipality) <= 200),
    area TEXT NOT NULL DEFAULT '' CHECK (length(area) <= 200),
    formed_on TEXT NOT NULL {_d('formed_on')},
    imported_from TEXT CHECK {_opt_hex('imported_from')},
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE bht_members (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK {_hex('uid')},
    team_id INTEGER NOT NULL REFERENCES bht_teams (id),
    role TEXT NOT NULL CHECK (role IN ('forskolechef', 'specialpedagog', 'socialtjanst',
        'bhv_sjukskoterska', 'foraldra_och_barnhalsan', 'elevhalsan')),
    name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
    organisation TEXT NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
    mandate TEXT NOT NULL DEFAULT '' CHECK (length(mandate) <= 2000),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT,
    updated_by TEXT,
    removed_at TEXT,
    removed_by TEXT,
    CHECK ((removed_at IS NULL) = (removed_by IS NULL))
) STRICT;

CREATE TABLE bht_meetings (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK {_hex('uid')},
    team_id INTEGER NOT NULL REFERENCES bht_teams (id),
    date TEXT NOT NULL {_d('date')},
    attendees TEXT NOT NULL CHECK (json_valid(attendees)),
    decisions TEXT NOT NULL CHECK (json_valid(decisions)),
    follow_up TEXT CHECK (follow_up IS NULL OR json_valid(follow_up)),
    imported_from TEXT CHECK {_opt_hex('imported_from')},
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE bht_topics (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK {_hex('uid')},
    meeting_id INTEGER NOT NULL REFERENCES bht_meetings (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL CHECK (text <> '' AND length(text) <= 300),
    level TEXT NOT NULL CHECK (level IN ('organisation', 'group', 'individual')),
    discussion TEXT CHECK (discussion IN ('deidentified', 'identified')),
    summary TEXT NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
    age_years INTEGER CHECK (age_years IS NULL OR age_years BETWEEN 0 AND 7),
    child_uid TEXT CHECK {_opt_hex('child_uid')},
    consent_uid TEXT CHECK {_opt_hex('consent_uid')},
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

CREATE TABLE bht_imports (
    id INTEGER PRIMARY KEY,
    package_id TEXT NOT NULL UNIQUE CHECK {_hex('package_id')},
    created TEXT NOT NULL {_d('created')},
    child_uid TEXT NOT NULL CHECK {_hex('child_uid')},
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
) STRICT;
"""

INDEXES = """
CREATE INDEX bht_members_team ON bht_members (team_id);
CREATE INDEX bht_meetings_team_date ON bht_meetings (team_id, date);
CREATE INDEX bht_topics_child ON bht_topics (child_uid) WHERE child_uid IS NOT NULL;
"""

#: Rebuilt parents first (copy order); dropped in the reverse order.
_ORDER = ("bht_teams", "bht_members", "bht_meetings", "bht_topics", "bht_imports")
_APPEND_ONLY = ("bht_meetings", "bht_topics", "bht_imports")
_STABLE = ("bht_teams", "bht_members")


def hex_uid(value: object) -> str:
    """A stored id (dashed or already 32 hex) in the contract's form."""
    return uuid.UUID(str(value)).hex


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else hex_uid(value)


def _attendees(text: str) -> str:
    rows = json.loads(text)
    return json.dumps([[role, _opt(member) or ""] for role, member in rows])


def _facts(text: str | None) -> str | None:
    if text is None:
        return None
    facts = json.loads(text)
    facts["uid"] = hex_uid(facts["uid"])
    facts["child_uid"] = hex_uid(facts["child_uid"])
    return json.dumps(facts, ensure_ascii=False)


def _copy(conn, table: str, convert: dict) -> None:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table}_v10)")]
    rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table}_v10 ORDER BY id").fetchall()
    index = {c: i for i, c in enumerate(cols)}
    out = []
    for row in rows:
        values = list(row)
        for col, fn in convert.items():
            values[index[col]] = fn(values[index[col]])
        out.append(values)
    conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES"
                     f" ({', '.join('?' * len(cols))})", out)


_CONVERT = {
    "bht_teams": {"uid": hex_uid, "imported_from": _opt},
    "bht_members": {"uid": hex_uid},
    "bht_meetings": {"uid": hex_uid, "imported_from": _opt, "attendees": _attendees},
    "bht_topics": {"uid": hex_uid, "child_uid": _opt, "consent_uid": _opt,
                   "consent_facts": _facts},
    "bht_imports": {"package_id": hex_uid, "child_uid": hex_uid},
}


def upgrade(conn) -> None:
    for table in _APPEND_ONLY:
        for verb in ("update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    for table in _ORDER:
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_v10")
    execute_script(conn, TABLES)
    for table in _ORDER:
        _copy(conn, table, _CONVERT[table])
    for table in reversed(_ORDER):
        conn.execute(f"DROP TABLE {table}_v10")
    execute_script(conn, INDEXES)
    for table in _APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    # A removed member is kept (past meetings name its uid among those present) and is
    # neither changed nor brought back.
    conn.execute(
        "CREATE TRIGGER bht_members_removed_is_final BEFORE UPDATE ON bht_members "
        "WHEN OLD.removed_at IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'a removed member is not changed'); END")
    conn.execute(
        "CREATE TRIGGER bht_members_no_delete BEFORE DELETE ON bht_members "
        "BEGIN SELECT RAISE(ABORT, 'a member is removed, not deleted'); END")
    for table in _STABLE:
        conn.execute(
            f"CREATE TRIGGER {table}_uid_stable BEFORE UPDATE OF uid ON {table} "
            f"WHEN NEW.uid IS NOT OLD.uid "
            f"BEGIN SELECT RAISE(ABORT, '{table}.uid never changes'); END")
    for user, key in conn.execute(
            "SELECT user, key FROM drafts WHERE key LIKE 'bht-report:%'").fetchall():
        parts = key.split(":")
        if len(parts) == 3 and len(parts[1]) == 36:
            try:
                new = f"bht-report:{hex_uid(parts[1])}:{parts[2]}"
            except ValueError:
                continue
            conn.execute("UPDATE OR IGNORE drafts SET key = ? WHERE user = ? AND key = ?",
                         (new, user, key))
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"0011: foreign keys broken after the rebuild: {problems[:3]}")

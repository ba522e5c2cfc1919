"""0002 consents: persons, filled forms, consents, their guardians, and attachments.

Why this shape:

- persons: the child and the guardians of a consent are persons found again by their
  identity number, so all of a child's consents are listed together and a new consent
  starts from what is known. The number is stored as 12 digits for personnummer and
  samordningsnummer (the form `core.identity` produces); a person may have no number at
  all ("saknas") with a recorded reason. A number is unique per kind; persons without
  a number are never merged automatically.
- filled_forms: every filled form keeps the id and version of the definition it was
  filled with, so it renders with that definition years later. The data is JSON.
- consents: only *facts* (printed on, signed paper received on/by, revocation received
  on/by, declined on/by, validity period); the status is derived from them and today's
  date in `core.consent`, so it can never go stale. `renewed_from` links a re-consent
  to the one it replaces.
- consent_guardians: a guardian is either a person in the store or, when nothing
  identifying is known yet, just a name.
- attachments: the scan of the signed paper, stored as a BLOB inside the encrypted file,
  so it is never written to disk in plaintext.

Dates are ISO text checked with SQLite's `date()`; timestamps are ISO text.
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 2

# A date column: NULL or a real ISO date (date('2026-02-30') is NULL, so it is refused).
_DATE = "CHECK ({col} IS NULL OR date({col}) = {col})"


def _date(col: str) -> str:
    return _DATE.format(col=col)


SCHEMA = f"""
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    id_kind TEXT NOT NULL
        CHECK (id_kind IN ('personnummer', 'samordningsnummer', 'reservnummer', 'saknas')),
    id_value TEXT NOT NULL DEFAULT '',
    no_number_reason TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    CHECK (id_kind NOT IN ('personnummer', 'samordningsnummer')
           OR (length(id_value) = 12 AND id_value NOT GLOB '*[^0-9]*')),
    CHECK (id_kind <> 'saknas' OR id_value = ''),
    CHECK (id_kind = 'saknas' OR id_value <> '')
) STRICT;

CREATE UNIQUE INDEX persons_identity ON persons (id_kind, id_value) WHERE id_value <> '';
CREATE INDEX persons_number ON persons (id_value);
CREATE INDEX persons_name ON persons (name COLLATE NOCASE);

CREATE TABLE filled_forms (
    id INTEGER PRIMARY KEY,
    form_id TEXT NOT NULL CHECK (form_id <> ''),
    form_version INTEGER NOT NULL CHECK (form_version >= 1),
    data TEXT NOT NULL CHECK (json_valid(data)),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;

CREATE INDEX filled_forms_form ON filled_forms (form_id, form_version);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    owner_type TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    mime TEXT NOT NULL,
    filename TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE INDEX attachments_owner ON attachments (owner_type, owner_id, kind);

CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    filled_form_id INTEGER NOT NULL UNIQUE REFERENCES filled_forms (id),
    child_person_id INTEGER REFERENCES persons (id),
    valid_from TEXT {_date('valid_from')},
    valid_to TEXT {_date('valid_to')},
    printed_on TEXT {_date('printed_on')},
    signed_on TEXT {_date('signed_on')},
    signed_received_on TEXT {_date('signed_received_on')},
    signed_registered_by TEXT,
    scan_attachment_id INTEGER REFERENCES attachments (id),
    revoked_received_on TEXT {_date('revoked_received_on')},
    revoked_registered_by TEXT,
    declined_on TEXT {_date('declined_on')},
    declined_by TEXT,
    renewed_from INTEGER REFERENCES consents (id),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
    CHECK ((signed_on IS NULL) = (signed_received_on IS NULL)
           AND (signed_on IS NULL) = (signed_registered_by IS NULL)),
    CHECK (signed_on IS NOT NULL OR scan_attachment_id IS NULL),
    CHECK (signed_on IS NULL OR (valid_from IS NOT NULL AND valid_to IS NOT NULL)),
    CHECK ((revoked_received_on IS NULL) = (revoked_registered_by IS NULL)),
    CHECK (revoked_received_on IS NULL OR signed_on IS NOT NULL),
    CHECK ((declined_on IS NULL) = (declined_by IS NULL)),
    CHECK (declined_on IS NULL OR (signed_on IS NULL AND revoked_received_on IS NULL))
) STRICT;

CREATE INDEX consents_child ON consents (child_person_id);
CREATE INDEX consents_valid_to ON consents (valid_to);
CREATE INDEX consents_renewed_from ON consents (renewed_from);

CREATE TABLE consent_guardians (
    id INTEGER PRIMARY KEY,
    consent_id INTEGER NOT NULL REFERENCES consents (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    person_id INTEGER REFERENCES persons (id),
    name TEXT NOT NULL DEFAULT '',
    CHECK (person_id IS NOT NULL OR name <> ''),
    UNIQUE (consent_id, position)
) STRICT;

CREATE INDEX consent_guardians_person ON consent_guardians (person_id);
"""


def upgrade(conn) -> None:
    execute_script(conn, SCHEMA)

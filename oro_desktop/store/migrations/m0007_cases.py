"""0007 cases: a concern for one (expected) child under a guideline, and what was done in it.

Why this shape (core/cases.py holds the rules a case must keep; these tables hold them
on disk so a write that breaks one is refused even if a service forgot):

- cases: the initiating unit (its kind from the contact directory, e.g. "BVC", and
  whether it is public or private: a private provider is not covered by the
  secrecy-breaking provisions), guideline (the current one: "Barnet är fött" may continue a case under the
  region's newborn guideline, the history says when), municipality, responsible user and
  unit, concern categories (a JSON array of the guideline's category ids), status open or
  closed with its dates, and `born_on` once the expected child is born. A case is a thing
  that changes (status, guideline) but is never deleted; each change is an event.
- case_participants: a person in a role. The expected child is its own person (no
  number, `saknas`) with the due date on its participant row. A row is never rewritten:
  when a role ends (the expected child is born, the pregnant person becomes a guardian)
  `ended_at/ended_by` are set once and a new row starts.
- case_steps: every tick and untick of a guideline step (step id from the guideline
  file), by whom, when, with a note; append-only, the newest row of a step counts.
- case_events: the history of the case (what was done, by whom, when) in its own
  append-only table, not derived from the audit log: the audit log also holds every read,
  is for log review by admins, and is written in English codes; the history is the
  case's own record in Swedish, shown to whoever works on the case.
- case_consents: the working model's consents (a filled form of kind contact_consent,
  through filled_forms/form_versions) with the columns the view needs: whose answer
  (one person, never one for another), yes/no, written/oral, asked on, by whom. Asking
  again later is a new row; a refusal is a row like any other. Append-only.
- disclosures: a disclosure without consent (a filled form of the record form) with its
  columns: date, from/to (unit, public or private), legal basis (OSL 25:12 / 26:9), who
  decided, told before/after or the exemption with its reason. Append-only, except that
  "told after" is filled in once, later (a trigger allows only that, NULL to a value).
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 7

_UID = "uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 32 AND uid NOT GLOB '*[^0-9a-f]*')"


def _date(col: str, *, null: bool = True) -> str:
    if null:
        return f"{col} TEXT CHECK ({col} IS NULL OR date({col}) = {col})"
    return f"{col} TEXT NOT NULL CHECK (date({col}) = {col})"


ROLES = ("pregnant", "partner", "relative", "guardian", "child", "expected_child")
_ROLE_LIST = ", ".join(f"'{r}'" for r in ROLES)

SCHEMA = f"""
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    {_UID},
    guideline_id TEXT NOT NULL CHECK (guideline_id <> '' AND length(guideline_id) <= 200),
    first_guideline_id TEXT NOT NULL CHECK (first_guideline_id <> ''),
    municipality TEXT NOT NULL CHECK (municipality <> '' AND length(municipality) <= 200),
    responsible_user TEXT NOT NULL DEFAULT '' CHECK (length(responsible_user) <= 200),
    responsible_unit TEXT NOT NULL DEFAULT '' CHECK (length(responsible_unit) <= 200),
    initiator_kind TEXT NOT NULL CHECK (initiator_kind <> '' AND length(initiator_kind) <= 100),
    initiator_public INTEGER NOT NULL CHECK (initiator_public IN (0, 1)),
    concerns TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(concerns) AND json_type(concerns) = 'array'),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    {_date('opened_on', null=False)},
    {_date('closed_on')},
    {_date('born_on')},
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    CHECK (responsible_user <> '' OR responsible_unit <> ''),
    CHECK ((status = 'open') = (closed_on IS NULL)),
    CHECK (closed_on IS NULL OR closed_on >= opened_on)
) STRICT;

CREATE INDEX cases_list ON cases (status, opened_on DESC, id DESC);

CREATE TRIGGER cases_uid_stable BEFORE UPDATE OF uid ON cases
BEGIN
    SELECT RAISE(ABORT, 'cases.uid never changes');
END;

CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN
    SELECT RAISE(ABORT, 'cases are kept');
END;

CREATE TABLE case_participants (
    id INTEGER PRIMARY KEY,
    {_UID},
    case_id INTEGER NOT NULL REFERENCES cases (id),
    person_id INTEGER NOT NULL REFERENCES persons (id),
    role TEXT NOT NULL CHECK (role IN ({_ROLE_LIST})),
    {_date('due_date')},
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    ended_at TEXT,
    ended_by TEXT,
    CHECK ((role = 'expected_child') = (due_date IS NOT NULL)),
    CHECK ((ended_at IS NULL) = (ended_by IS NULL))
) STRICT;

CREATE INDEX case_participants_case ON case_participants (case_id, id);
CREATE INDEX case_participants_person ON case_participants (person_id, case_id);
CREATE UNIQUE INDEX case_participants_active ON case_participants (case_id, person_id)
    WHERE ended_at IS NULL;

CREATE TRIGGER case_participants_only_end BEFORE UPDATE ON case_participants
WHEN OLD.ended_at IS NOT NULL OR NEW.ended_at IS NULL
     OR NEW.uid IS NOT OLD.uid OR NEW.case_id IS NOT OLD.case_id
     OR NEW.person_id IS NOT OLD.person_id OR NEW.role IS NOT OLD.role
     OR NEW.due_date IS NOT OLD.due_date OR NEW.added_at IS NOT OLD.added_at
     OR NEW.added_by IS NOT OLD.added_by
BEGIN
    SELECT RAISE(ABORT, 'a participant row only ever ends, once');
END;

CREATE TABLE case_steps (
    id INTEGER PRIMARY KEY,
    {_UID},
    case_id INTEGER NOT NULL REFERENCES cases (id),
    guideline_id TEXT NOT NULL CHECK (guideline_id <> ''),
    step_id TEXT NOT NULL CHECK (step_id <> '' AND length(step_id) <= 200),
    ticked INTEGER NOT NULL CHECK (ticked IN (0, 1)),
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    marked_at TEXT NOT NULL,
    marked_by TEXT NOT NULL
) STRICT;

CREATE INDEX case_steps_case ON case_steps (case_id, guideline_id, step_id, id);

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    {_UID},
    case_id INTEGER NOT NULL REFERENCES cases (id),
    happened_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action <> '' AND length(action) <= 60),
    text TEXT NOT NULL CHECK (text <> '' AND length(text) <= 2000),
    detail TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(detail))
) STRICT;

CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE case_consents (
    id INTEGER PRIMARY KEY,
    {_UID},
    case_id INTEGER NOT NULL REFERENCES cases (id),
    person_id INTEGER NOT NULL REFERENCES persons (id),
    filled_form_id INTEGER NOT NULL UNIQUE REFERENCES filled_forms (id),
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    manner TEXT NOT NULL CHECK (manner IN ('written', 'oral')),
    {_date('asked_on', null=False)},
    asked_by TEXT NOT NULL CHECK (asked_by <> '' AND length(asked_by) <= 200),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;

CREATE INDEX case_consents_case ON case_consents (case_id, person_id, asked_on, id);

CREATE TABLE disclosures (
    id INTEGER PRIMARY KEY,
    {_UID},
    case_id INTEGER NOT NULL REFERENCES cases (id),
    filled_form_id INTEGER NOT NULL UNIQUE REFERENCES filled_forms (id),
    {_date('disclosed_on', null=False)},
    sender TEXT NOT NULL CHECK (sender <> '' AND length(sender) <= 200),
    sender_public INTEGER NOT NULL CHECK (sender_public IN (0, 1)),
    recipient TEXT NOT NULL CHECK (recipient <> '' AND length(recipient) <= 200),
    recipient_public INTEGER NOT NULL CHECK (recipient_public IN (0, 1)),
    legal_basis TEXT NOT NULL CHECK (legal_basis IN ('osl-25-12', 'osl-26-9')),
    decided_by TEXT NOT NULL CHECK (decided_by <> '' AND length(decided_by) <= 200),
    informed TEXT NOT NULL CHECK (informed IN ('yes', 'exemption')),
    {_date('told_before_on')},
    told_before TEXT NOT NULL DEFAULT '' CHECK (length(told_before) <= 4000),
    {_date('told_after_on')},
    told_after TEXT NOT NULL DEFAULT '' CHECK (length(told_after) <= 4000),
    exemption_reason TEXT NOT NULL DEFAULT '' CHECK (length(exemption_reason) <= 4000),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    CHECK (informed <> 'yes' OR (told_before_on IS NOT NULL AND told_before <> '')),
    CHECK (informed <> 'exemption' OR (exemption_reason <> '' AND told_before_on IS NULL
                                       AND told_after_on IS NULL)),
    CHECK ((told_after_on IS NULL) = (told_after = '')),
    CHECK (told_before_on IS NULL OR told_before_on <= disclosed_on),
    CHECK (told_after_on IS NULL OR told_after_on >= disclosed_on)
) STRICT;

CREATE INDEX disclosures_case ON disclosures (case_id, disclosed_on, id);
CREATE INDEX disclosures_to_tell ON disclosures (disclosed_on) WHERE informed = 'yes' AND told_after_on IS NULL;

CREATE TRIGGER disclosures_only_told_after BEFORE UPDATE ON disclosures
WHEN OLD.told_after_on IS NOT NULL
     OR NEW.uid IS NOT OLD.uid OR NEW.case_id IS NOT OLD.case_id
     OR NEW.filled_form_id IS NOT OLD.filled_form_id OR NEW.disclosed_on IS NOT OLD.disclosed_on
     OR NEW.sender IS NOT OLD.sender OR NEW.sender_public IS NOT OLD.sender_public
     OR NEW.recipient IS NOT OLD.recipient OR NEW.recipient_public IS NOT OLD.recipient_public
     OR NEW.legal_basis IS NOT OLD.legal_basis OR NEW.decided_by IS NOT OLD.decided_by
     OR NEW.informed IS NOT OLD.informed OR NEW.told_before_on IS NOT OLD.told_before_on
     OR NEW.told_before IS NOT OLD.told_before OR NEW.exemption_reason IS NOT OLD.exemption_reason
     OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN
    SELECT RAISE(ABORT, 'a disclosure record changes only by telling afterwards, once');
END;
"""

_APPEND_ONLY = ("case_steps", "case_events", "case_consents")


def upgrade(conn) -> None:
    execute_script(conn, SCHEMA)
    for table in _APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    for table in ("case_participants", "disclosures"):
        conn.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                     f"BEGIN SELECT RAISE(ABORT, '{table} are kept'); END")

"""0009 plans: a coordinated plan (samordnad plan, barnets plan) belongs to a case.

Why this shape:

- The plan's text is a filled form (filled_forms/form_versions, migration 0004): every
  "Spara version" appends a version, the newest is current, an old one prints exactly as
  it did. A plan is created before its first save (the editor opens on the case's
  prefilled data), so its filled form may have no version yet: `filled_forms.data` then
  holds the initial data, and the first save is version 1.
- case_plans links the case to that filled form (one plan per filled form, UNIQUE) and
  keeps, beside it, the columns a list and Att göra sort and filter on without parsing
  every plan's JSON: the form id, with or without consent (NULL: not yet answered), the
  coordinator, who follows up, and the next follow-up date (`case_plans_follow_up`
  serves "sorted by next follow-up" and "follow-ups due by a date"). The plan service
  rewrites them from the saved data (core.plans.plan_from_data) in the same transaction
  as the version, so they never disagree with the newest version.
- A plan is never deleted (it was shown to the parties); its uid, case, filled form and
  form id never change; only the denormalised columns and updated_at/by do.
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 9

_UID = "uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 32 AND uid NOT GLOB '*[^0-9a-f]*')"

SCHEMA = f"""
CREATE TABLE case_plans (
    id INTEGER PRIMARY KEY,
    {_UID},
    case_id INTEGER NOT NULL REFERENCES cases (id),
    filled_form_id INTEGER NOT NULL UNIQUE REFERENCES filled_forms (id),
    form_id TEXT NOT NULL CHECK (form_id <> '' AND length(form_id) <= 200),
    with_consent INTEGER CHECK (with_consent IS NULL OR with_consent IN (0, 1)),
    coordinator TEXT NOT NULL DEFAULT '' CHECK (length(coordinator) <= 2000),
    follow_up_by TEXT NOT NULL DEFAULT '' CHECK (length(follow_up_by) <= 2000),
    next_follow_up TEXT CHECK (next_follow_up IS NULL OR date(next_follow_up) IS next_follow_up),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;

CREATE INDEX case_plans_case ON case_plans (case_id, id);
CREATE INDEX case_plans_follow_up ON case_plans (next_follow_up, id);

CREATE TRIGGER case_plans_fixed BEFORE UPDATE ON case_plans
WHEN NEW.uid IS NOT OLD.uid OR NEW.case_id IS NOT OLD.case_id
     OR NEW.filled_form_id IS NOT OLD.filled_form_id OR NEW.form_id IS NOT OLD.form_id
     OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN
    SELECT RAISE(ABORT, 'a plan keeps its uid, case and form');
END;

CREATE TRIGGER case_plans_no_delete BEFORE DELETE ON case_plans
BEGIN
    SELECT RAISE(ABORT, 'case_plans are kept');
END;
"""


def upgrade(conn) -> None:
    execute_script(conn, SCHEMA)

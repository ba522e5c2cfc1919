"""The contact directory as the GUI and the CLI see it: shipped data plus local changes.

`ContactService` works in two modes, because a clinician may need a number before (or
without) unlocking the store:

- no session: the shipped YAML files only, read-only (the CLI without `--db`, tests);
- with a session: local overrides from the encrypted store win over the shipped data,
  every change is audited, and an admin can export and import the directory.

The merged, indexed list is cached and rebuilt only after a change through this
service (or `invalidate()`), so search as you type never reparses or re-merges.
"""

from __future__ import annotations

from oro_desktop.core.contacts.memory import InMemoryOverrides
from oro_desktop.services.contacts_local import ContactLocalChanges
from oro_desktop.services.contacts_lookup import ContactLookup as ContactLookup
from oro_desktop.services.contacts_overrides import (
    OverridesProvider,
    ReadOnlyDirectory,
    StoreOverrides,
)
from oro_desktop.services.contacts_transfer import ContactTransfer, ImportResult


__all__ = [
    "ContactService", "ImportResult", "InMemoryOverrides", "OverridesProvider",
    "ReadOnlyDirectory", "StoreOverrides",
]


class ContactService(ContactLocalChanges, ContactTransfer):
    """Search, lookup, "who do I call now", local changes, import and export.

    Put together from one class per job: lookup and search (contacts_lookup.py, which the
    others build on), local changes (contacts_local.py), export and import
    (contacts_transfer.py); where local changes live is contacts_overrides.py.
    """

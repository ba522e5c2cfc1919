"""Local changes to the contact directory: add or edit, hide, revert to the shipped entry.

Why a module of its own: a local entry is validated like a shipped one before it is
stored, and every change is audited by the provider (services/contacts_overrides.py);
that is this part of ContactService (services/contacts.py).
"""

from __future__ import annotations

from dataclasses import replace

from oro_desktop.core.contacts import ContactEntry, Override, entry_from_payload, entry_to_data
from oro_desktop.errors import InvalidInput
from oro_desktop.services.contacts_lookup import ContactLookup
from oro_desktop.services.contacts_overrides import _stamp


class ContactLocalChanges(ContactLookup):
    """The local changes of ContactService; see services/contacts.py."""

    def _stored(self) -> dict[str, Override]:
        return {o.entry_id: o for o in self._provider().load()}

    def save_entry(self, entry: ContactEntry) -> ContactEntry:
        """Add or edit an entry locally; validated like a shipped one, then audited."""
        provider = self._provider()
        checked = replace(entry_from_payload(entry_to_data(entry), "lokal ändring"), local=True)
        existed = self.get(entry.id) is not None or entry.id in self._stored()
        override = Override(checked.id, checked, False, _stamp(), provider.actor)
        provider.save(
            override, action="update" if existed else "create",
            detail={"region": checked.region, "kind": checked.kind},
        )
        self.invalidate()
        return checked

    def hide_entry(self, entry_id: str) -> None:
        """Hide an entry (shipped or local) from every list; audited as an update."""
        provider = self._provider()
        current = self._stored().get(entry_id)
        if current is None and self.get(entry_id) is None:
            raise InvalidInput(f"Kontakten {entry_id!r} finns inte.")
        entry = current.entry if current else None
        provider.save(
            Override(entry_id, entry, True, _stamp(), provider.actor),
            action="update", detail={"change": "hide"},
        )
        self.invalidate()

    def revert_entry(self, entry_id: str) -> None:
        """Drop the local change: the shipped entry (if any) shows again."""
        self._provider().remove(entry_id)
        self.invalidate()

    def local_overrides(self) -> list[Override]:
        return self._provider().load()

"""Local overrides kept in memory: the OverridesProvider for tests and throwaway demos.

It behaves like the store's provider (changes recorded with an audit trail, an import
applied all at once) without a database, so the services and the GUI can be exercised
without unlocking a store. Never for real data: nothing survives the process.
"""

from __future__ import annotations

from typing import Any

from oro_desktop.core.contacts.model import Override


class InMemoryOverrides:
    """Overrides kept in a dict: for tests and throwaway demos, never for real data."""

    def __init__(self, actor: str = "test", *, is_admin: bool = True) -> None:
        self.actor = actor
        self.is_admin = is_admin
        self.rows: dict[str, Override] = {}
        self.audit: list[tuple[str, str, dict[str, Any]]] = []

    def load(self) -> list[Override]:
        return list(self.rows.values())

    def save(self, override: Override, *, action: str, detail: dict[str, Any]) -> None:
        self.rows[override.entry_id] = override
        self.audit.append((action, override.entry_id, detail))

    def remove(self, entry_id: str) -> None:
        self.rows.pop(entry_id, None)
        self.audit.append(("delete", entry_id, {}))

    def import_overrides(self, overrides: list[Override], *, detail: dict[str, Any]) -> None:
        staged = dict(self.rows)
        for override in overrides:
            staged[override.entry_id] = override
        self.rows = staged
        self.audit.append(("import", "", detail))

    def record_export(self, detail: dict[str, Any]) -> None:
        self.audit.append(("export", "", detail))

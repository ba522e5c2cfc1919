"""Numbered schema migrations, discovered from the modules of this package.

Each module `mNNNN_<name>.py` defines `VERSION: int` (equal to NNNN) and
`upgrade(conn) -> None`. The runner applies, in order, every module whose VERSION is
above the file's `PRAGMA user_version`, each inside its own transaction together with
the new user_version, so a crash leaves the file at the old or the new version, never
in between. Adding a migration is adding a module; numbers are allocated in
docs/architecture.md. A file newer than this program is refused rather than guessed at.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from oro_desktop.store.errors import StoreError, translate

_NAME = re.compile(r"^m(\d{4})_\w+$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    upgrade: Callable


def discover() -> list[Migration]:
    """All migrations in this package, sorted; a gap or a duplicate is a programming error."""
    found: list[Migration] = []
    for info in pkgutil.iter_modules(__path__):
        match = _NAME.match(info.name)
        if not match:
            continue
        module: ModuleType = importlib.import_module(f"{__name__}.{info.name}")
        version = int(getattr(module, "VERSION"))
        if version != int(match.group(1)):
            raise RuntimeError(f"{info.name}: VERSION {version} does not match its file name")
        found.append(Migration(version, info.name, module.upgrade))
    found.sort(key=lambda m: m.version)
    for index, migration in enumerate(found, start=1):
        if migration.version != index:
            raise RuntimeError(f"migrations must be numbered 1..N without gaps; found {migration.name}")
    return found


def latest_version() -> int:
    migrations = discover()
    return migrations[-1].version if migrations else 0


def current_version(conn) -> int:
    with translate():
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn, target: int | None = None) -> list[int]:
    """Bring the schema up to `target` (default: the latest); return the versions applied."""
    migrations = discover()
    target = migrations[-1].version if target is None and migrations else (target or 0)
    have = current_version(conn)
    if have > latest_version():
        raise StoreError(
            f"Databasen har schemaversion {have}, men programmet känner bara till "
            f"version {latest_version()}. Uppdatera oro_desktop."
        )
    applied: list[int] = []
    for migration in migrations:
        if migration.version <= have or migration.version > target:
            continue
        with translate():
            conn.execute("BEGIN IMMEDIATE")
            try:
                migration.upgrade(conn)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        applied.append(migration.version)
    return applied

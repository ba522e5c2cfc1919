"""The full verification of a store file: page HMACs, structure and audit chain, side by side.

Why one function: `oro-admin check`, `Store.check`, every backup (its copy) and every
restore verify a file the same way, and at clinic scale (a 400 MB file, a million audit
rows) each part costs seconds. The three parts are independent reads, and SQLite runs
each without the GIL, so they run at the same time on connections of their own:

- pages: `cipher_integrity_check` (every page's HMAC) on an immutable connection;
- structure: `integrity_check` on the caller's connection;
- audit chain: `audit.verify_chain` on a read connection of its own.

The result is the same list, in the same order, as running them one after the other:
page problems (then the structure is not reported, it would only repeat them), else
structure problems; then chain problems.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from sqlcipher3 import dbapi2 as _driver

from oro_desktop.errors import OroError
from oro_desktop.store import audit as audit_mod
from oro_desktop.store.connection import page_problems, read_connection, structure_problems


def chain_problems(conn) -> list[str]:
    """`audit.verify_chain`, with an unreadable log reported as a problem, not raised."""
    try:
        return audit_mod.verify_chain(conn)
    except (_driver.Error, OroError, MemoryError) as exc:
        return [f"Granskningsloggen kunde inte läsas: {exc}."]


def verify_open_file(conn, path: Path, key: bytes | bytearray, *, live: bool) -> list[str]:
    """Every problem of the file `conn` is open on (empty = sound).

    `live`: the store may have committed data in its WAL (the chain is then read through
    the WAL); False for a closed copy nobody else has open. The caller must keep writers
    off the file while this runs (the store's mutex, or nobody else has it open).
    """
    path = Path(path)
    results: dict[str, list[str]] = {}

    def pages() -> None:
        results["pages"] = page_problems(path, key)

    def chain() -> None:
        try:
            own = read_connection(path, key, immutable=not live)
        except (OroError, _driver.Error) as exc:
            results["chain"] = [f"Granskningsloggen kunde inte läsas: {exc}."]
            return
        try:
            results["chain"] = chain_problems(own)
        finally:
            own.close()

    def guarded(name: str, fn: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                fn()
            except BaseException as exc:  # noqa: BLE001 - reported, never silently skipped
                results[name] = [f"Kontrollen kunde inte köras: {exc}."]
        return run

    threads = [threading.Thread(target=guarded(name, fn), daemon=True)
               for name, fn in (("pages", pages), ("chain", chain))]
    for thread in threads:
        thread.start()
    structure = structure_problems(conn)
    for thread in threads:
        thread.join()
    return (results["pages"] or structure) + results["chain"]

"""check, backup and restore: the administrator's maintenance operations.

`check` is read-only on purpose: it never migrates, never writes an audit entry, never
"repairs" and never merges a WAL (it opens the file `mode=ro`), so it can be pointed at
a file that may be damaged without making a loss permanent.
Backups and restores are admin-only and audited (`backup` in the source, `restore` in
the restored file; restore itself lives in services/restore.py). A backup `OUT` is accompanied by `OUT.keys`, a copy of the key slots
as they were, so the copy can be opened on its own with the passwords of that day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from oro_desktop.store import anchor as anchor_mod
from oro_desktop.store import audit as audit_mod
from oro_desktop.store import backup as backup_mod
from oro_desktop.store import migrations, opening
from oro_desktop.store import key_history
from oro_desktop.store import rekey as rekey_mod
from oro_desktop.store.errors import NotFound, StoreDamaged, StoreError, file_errors, translate
from oro_desktop.store.files import atomic_write_bytes, make_private, write_private_bytes
from oro_desktop.store.keyslots import KeyFile, keys_path
from oro_desktop.store.verification import verify_open_file
from oro_desktop.services.session import Session


@dataclass
class CheckReport:
    """What `check` found. `ok` only if every check held."""

    path: str
    problems: list[str] = field(default_factory=list)
    schema_version: int | None = None
    audit_entries: int | None = None
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "ok": self.ok, "problems": self.problems,
                "schema_version": self.schema_version, "audit_entries": self.audit_entries,
                "tables": self.tables}


def key_from_credentials(keyfile_path: Path, user: str, password: str) -> tuple[bytes, KeyFile]:
    """Unwrap the database key from a key file (WrongCredentials if it does not open).

    Kept for callers outside the store paths; equal-cost for unknown names like every
    other path (store/opening.py).
    """
    keyfile = KeyFile.load(keyfile_path)
    db = keyfile_path.with_name(keyfile_path.name.removesuffix(".keys"))
    opened = opening.key_from_password(db, user, password, keyfile=keyfile, record_failure=False)
    return bytes(opened.key), keyfile


def _page_problem(problem: str) -> str:
    """cipher_integrity_check's English line, said in Swedish with the page number."""
    match = re.search(r"(?:pgno=|page )(\d+)", problem)
    if match:
        return (f"Sida {match.group(1)} i databasfilen är skadad (dess HMAC stämmer inte): "
                "en inre sida, inte filens första sida. Återställ från en säkerhetskopia "
                "('oro-admin restore').")
    return problem


@file_errors()
def check_store(path: Path, user: str | None, password: str | None, *,
                recovery_key: str | None = None) -> CheckReport:
    """cipher_integrity_check, integrity_check, the audit chain and anchor, schema, key file.

    Never writes (issue 9, defect 2): the file is opened `mode=ro`, so the WAL is read
    but never merged into the main file; no migration, no audit entry, no repair.
    """
    path = Path(path)
    report = CheckReport(str(path))
    with opening.hold(path, tidy=False) as lock:
        try:
            keyfile: KeyFile | None = None
            if recovery_key:
                key = opening.key_from_recovery(recovery_key, path)
                try:
                    keyfile = opening.load_keyfile(path)
                except (NotFound, StoreDamaged):
                    keyfile = None
            else:
                opened = opening.unlock_key(path, user, password)
                key, keyfile = opened.key, opened.keyfile
            try:
                _check_file(path, key, keyfile, report)
            finally:
                opening.forget(key)
        finally:
            lock.release()
    return report


def _check_file(path: Path, key: bytearray, keyfile: KeyFile | None, report: CheckReport) -> None:
    try:
        conn = opening.open_readonly(path, key)
    except StoreDamaged:
        report.problems.append(
            "Filen kan inte dekrypteras med nyckeln: första sidan är skadad, filen är "
            "avkortad eller inte en oro_desktop-databas. Återställ från en säkerhetskopia "
            "('oro-admin restore')."
        )
        return
    try:
        # pages, structure and the chain, side by side on their own connections
        live = Path(f"{path}-wal").exists()  # no WAL: read immutable, so none is created
        report.problems += [_page_problem(p) for p in verify_open_file(conn, path, key, live=live)]
        row = None
        try:
            with translate():
                report.tables = backup_mod.table_counts(conn)
                report.schema_version = migrations.current_version(conn)
                report.audit_entries = report.tables.get("audit")
                row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
                if row is not None:
                    missing = anchor_mod.diagnose(conn, path, key, str(row[0]))
                    if missing is not None:
                        report.problems.append(missing.message)
        except StoreError:
            report.problems.append("Tabellerna kan inte läsas helt: en inre sida är skadad. "
                                   "Återställ från en säkerhetskopia ('oro-admin restore').")
        if keyfile is not None and row is not None and row[0] != keyfile.store_id:
            report.problems.append("Nyckelfilen (.keys) hör inte till den här databasen.")
        latest = migrations.latest_version()
        if report.schema_version is not None and report.schema_version > latest:
            report.problems.append(
                f"Schemaversion {report.schema_version} är nyare än programmet ({latest}).")
    finally:
        conn.close()


BROKEN_AUDIT = (
    "Granskningsloggen är bruten ({problem}), så ingen säkerhetskopia gjordes. En kopia kan "
    "göras ändå med --allow-broken-audit; det skrivs då i granskningsloggen och i kopian."
)


@file_errors()
def backup(session: Session, out: Path, *, allow_broken_audit: bool = False) -> dict[str, int]:
    """Admin only: a verified, encrypted copy at `out` plus `out.keys` (and `out.recovery`
    after a rekey that kept the recovery key, so that key opens the copy on its own).

    A broken audit chain blocks the backup with a message that says so, unless
    `allow_broken_audit`: then the `backup` entry (with the chain's problems) is written
    *before* the copy, so both the live store and the copy record that it was taken
    with a broken chain, and the copy is verified without the chain.
    """
    session.require_admin()
    out = Path(out)
    store = session.store
    try:
        counts = store.backup_to(out)
        broken: list[str] = []
    except StoreError:
        with translate():
            broken = audit_mod.verify_chain(store.conn)
        if not broken:
            raise
        if not allow_broken_audit:
            raise StoreDamaged(BROKEN_AUDIT.format(problem=broken[0])) from None
        with store.unit_of_work(session.user.name) as uow:
            uow.audit("backup", "store", None, {"file": out.name, "audit_chain_broken": broken[:5]})
        with backup_mod.allowing_broken_audit():
            counts = store.backup_to(out)
    make_private(out)
    for side in (keys_path, key_history.recovery_path):  # OUT.keys and OUT.recovery
        try:
            atomic_write_bytes(side(out), side(store.path).read_bytes())
        except FileNotFoundError:
            pass
    detail: dict[str, object] = {"file": out.name, "rows": sum(counts.values())}
    if broken:
        detail["audit_chain_broken"] = True
    with store.unit_of_work(session.user.name) as uow:
        uow.audit("backup", "store", None, detail)
    return counts


def write_private_file(path: Path, data: bytes) -> None:
    """Write a file the user asked for (a PDF, an export) as 0600, whatever the umask.

    For the CLI and GUI, which may not import the store: OSError is theirs to word.
    """
    write_private_bytes(Path(path), data)


# Restore lives in services/restore.py; these names stay importable from here.
from oro_desktop.services.restore import OTHER_STORE, before_restore_path, restore  # noqa: E402

__all__ = ["CheckReport", "check_store", "backup", "restore", "before_restore_path",
           "write_private_file", "key_from_credentials", "OTHER_STORE"]

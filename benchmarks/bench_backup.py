"""Backup on the realistic store against SQLite's backup API plus one verification pass.

    .venv/bin/python benchmarks/bench_backup.py --store DIR [--rounds 2]

In the same run, each into a fresh file in a temporary folder (removed afterwards):
- baseline: SQLite's online backup API (`Connection.backup`) to a new file with the same
  key, then one verification pass of that copy with SQLite's own checks:
  `cipher_integrity_check` + `integrity_check` on a fresh read-only connection;
- product: `maintenance.backup(session, out)`, what `oro-admin backup` and the GUI call:
  the page check of the source (Store.verify_pages), the backup API, the copy verified
  once (page HMACs, structure and the audit chain side by side, row counts), the key
  file beside it and the audit entry.

Target: backup <= 2 x (backup API + one verification pass of the copy).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import PASSWORD, USER, add_store_argument, exit_code, store_db, verdict  # noqa: E402

from oro_desktop.services import maintenance  # noqa: E402
from oro_desktop.services.session import Session  # noqa: E402
from oro_desktop.store.connection import _raw_connect, read_connection  # noqa: E402

TARGET = 2.0


def sqlite_backup(session: Session, out: Path) -> tuple[float, float]:
    """(seconds for the backup API, seconds for one verification pass of the copy)."""
    key = session.store.key
    start = time.perf_counter()
    dest = _raw_connect(str(out), key)
    try:
        with session.store._mutex:  # the same exclusion the product takes
            session.store.conn.backup(dest)
    finally:
        dest.close()
    copied = time.perf_counter()
    conn = read_connection(out, key, immutable=True)
    try:
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        structure = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    assert cipher == [] and structure == [("ok",)], (cipher, structure)
    return copied - start, time.perf_counter() - copied


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_argument(parser)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    path = store_db(args)
    api_s, verify_s, product_s = [], [], []
    with tempfile.TemporaryDirectory(prefix="oro_bench_backup_") as tmp:
        session = Session.unlock(path, USER, PASSWORD)
        try:
            for n in range(args.rounds):
                api, verify = sqlite_backup(session, Path(tmp) / f"sqlite-{n}.db")
                api_s.append(api)
                verify_s.append(verify)
                start = time.perf_counter()
                counts = maintenance.backup(session, Path(tmp) / f"oro-{n}.db")
                product_s.append(time.perf_counter() - start)
                for leftover in Path(tmp).iterdir():
                    leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover)
        finally:
            session.close()
    api, verify, product = (statistics.median(x) for x in (api_s, verify_s, product_s))
    baseline = api + verify
    print(f"store: {path} ({path.stat().st_size / 1e6:.0f} MB), rounds {args.rounds}, "
          f"{sum(counts.values())} rows copied")
    print(f"SQLite backup API: {api:.2f} s; one verification pass of the copy: {verify:.2f} s")
    print(f"maintenance.backup: {product:.2f} s")
    return exit_code([verdict("backup", product <= TARGET * baseline, product, baseline,
                              f"<={TARGET:.0f}x", unit="s",
                              extra="baseline = backup API + cipher_integrity_check + integrity_check of the copy")])


if __name__ == "__main__":
    sys.exit(main())

"""`check` and the audit chain on the realistic store, against SQLite's own checks.

    .venv/bin/python benchmarks/bench_check.py --store DIR [--rounds 2]

In the same run:
- baseline: SQLite's two checks one after the other on one connection,
  `PRAGMA integrity_check` + `PRAGMA cipher_integrity_check`, plus the audit chain
  verified once (`audit.verify_chain`, one pass);
- product, `oro-admin check`: `maintenance.check_store` (lock, key slot and KDF, open,
  page HMACs + structure + chain side by side, table counts, schema version, key file);
- product, `Store.check` on an unlocked session (what the GUI's check would call);
- the audit chain alone (1 000 000 rows): `verify_chain`, against the floor of
  streaming the same rows out of SQLite without hashing them.

Targets: check <= 1.3 x (SQLite's two checks + the chain); chain <= 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import PASSWORD, USER, add_store_argument, exit_code, store_db, verdict  # noqa: E402

from oro_desktop.services import maintenance  # noqa: E402
from oro_desktop.services.session import Session  # noqa: E402
from oro_desktop.store import audit  # noqa: E402

CHECK_RATIO = 1.3
CHAIN_S = 3.0


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def drain(conn, sql: str) -> None:
    for _ in conn.execute(sql):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_argument(parser)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    path = store_db(args)
    Session.unlock(path, USER, PASSWORD).close()  # migrations done before timing
    sqlite_s, chain1_s, floor_s, store_s, cli_s = [], [], [], [], []
    rows = 0
    for _ in range(args.rounds):
        session = Session.unlock(path, USER, PASSWORD)
        try:
            conn = session.store.conn
            rows = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
            sqlite_s.append(seconds(lambda: conn.execute("PRAGMA integrity_check").fetchall())
                            + seconds(lambda: conn.execute("PRAGMA cipher_integrity_check").fetchall()))
            floor_s.append(seconds(lambda: drain(conn, "SELECT id, ts, actor, action, record_type,"
                                                 " record_id, detail, prev_hash, hash FROM audit ORDER BY id")))
            problems: list[str] = []
            chain1_s.append(seconds(lambda: problems.extend(audit.verify_chain(conn))))
            assert problems == [], problems[:3]
            found: list[str] = []
            store_s.append(seconds(lambda: found.extend(session.store.check())))
            assert found == [], found[:3]
        finally:
            session.close()
        reports = []
        cli_s.append(seconds(lambda: reports.append(maintenance.check_store(path, USER, PASSWORD))))
        assert reports[0].ok, reports[0].problems[:3]

    sqlite, chain1 = statistics.median(sqlite_s), statistics.median(chain1_s)
    floor, store, cli = (statistics.median(x) for x in (floor_s, store_s, cli_s))
    baseline = sqlite + chain1
    print(f"store: {path} ({path.stat().st_size / 1e6:.0f} MB), {rows} audit rows, rounds {args.rounds}")
    print(f"SQLite integrity_check + cipher_integrity_check: {sqlite:.2f} s")
    print(f"audit chain: {chain1:.2f} s ({chain1 / rows * 1e6:.2f} µs/row);"
          f" streaming the rows alone: {floor:.2f} s")
    print(f"oro-admin check (check_store): {cli:.2f} s;  Store.check: {store:.2f} s")
    results = [
        verdict("check", cli <= CHECK_RATIO * baseline, cli, baseline, f"<={CHECK_RATIO}x",
                unit="s", extra="baseline = SQLite's two checks + one chain pass"),
        verdict("store_check", store <= CHECK_RATIO * baseline, store, baseline,
                f"<={CHECK_RATIO}x", unit="s"),
        verdict("audit_chain", chain1 <= CHAIN_S, chain1, floor, f"<={CHAIN_S:.0f}s", unit="s",
                extra=f"{rows} rows; baseline = streaming them unhashed"),
    ]
    return exit_code(results)


if __name__ == "__main__":
    sys.exit(main())

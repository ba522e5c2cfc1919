"""Unlock benchmark: KDF alone vs. full unlock (KDF + open + first query) at 10 000 persons.

    .venv/bin/python benchmarks/bench_unlock.py [--persons 10000] [--rounds 5]

Builds a throwaway store in a temporary directory with the *production* KDF parameters,
fills it with fictitious persons (Skatteverket test-series numbers), a filled form each
and a few audit entries per person, then measures in the same run:

- KDF: Argon2id with the slot's stored parameters, alone;
- unlock: `Session.unlock` (lock file, key slot, KDF, read-only key probe, open, the
  start-up `cipher_integrity_check`, migration check, login audit entry with fsync) plus
  the first query (a name search);
- `cipher_integrity_check` once more on its own, to show its share (it grows with the file).

Target (issue 2): unlock <= KDF + 150 ms. Prints medians, the ratio and the overhead,
and exits 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from oro_desktop.services.session import Session
from oro_desktop.store import kdf as kdf_mod
from oro_desktop.store.keyslots import KeyFile, keys_path

PASSWORD = "benchmark-lösenord-1"
TARGET_MS = 150.0


def _test_pnr(i: int) -> str:
    """12-digit Luhn-valid numbers in the test series (individual numbers 980-999)."""
    day = 1 + i // 20 % 28
    month = 1 + i // 560 % 12
    year = 1950 + i // 6720
    body = f"{year % 100:02d}{month:02d}{day:02d}{980 + i % 20}"
    total = 0
    for pos, ch in enumerate(body):
        d = int(ch) * (2 if pos % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return f"{year // 100}{body}{(10 - total % 10) % 10}"


def build(path: Path, persons: int) -> None:
    session, _ = Session.create(path, "admin", PASSWORD)  # production KDF
    now = "2026-01-01T00:00:00+00:00"
    tables = {r[0] for r in session.store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    with session.store.unit_of_work("admin") as uow:
        if "persons" not in tables:
            uow.conn.execute("CREATE TABLE persons (id INTEGER PRIMARY KEY, id_kind TEXT, id_value TEXT,"
                             " name TEXT, created_at TEXT, created_by TEXT, updated_at TEXT, updated_by TEXT) STRICT")
        for i in range(persons):
            uow.conn.execute(
                "INSERT INTO persons (id_kind, id_value, name, created_at, created_by, updated_at, updated_by)"
                " VALUES ('personnummer', ?, ?, ?, 'admin', ?, 'admin')",
                (_test_pnr(i), f"Tolvan Tolvansson {i:05d}", now, now),
            )
            uow.audit("create", "person", i + 1)
            uow.audit("read", "person", i + 1)
        if "filled_forms" in tables:
            data = json.dumps({"notes": "x" * 800, "fields": list(range(40))})
            for i in range(persons):
                uow.conn.execute(
                    "INSERT INTO filled_forms (form_id, form_version, data, created_at, created_by,"
                    " updated_at, updated_by) VALUES ('bench', 1, ?, ?, 'admin', ?, 'admin')",
                    (data, now, now),
                )
    session.close()


def measure(path: Path, rounds: int) -> dict[str, float]:
    slot = KeyFile.load(keys_path(path)).slots["admin"]
    kdf_times, unlock_times, check_times = [], [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        kdf_mod.derive(PASSWORD, slot.salt, slot.kdf)
        kdf_times.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        session = Session.unlock(path, "admin", PASSWORD)
        with session.store.unit_of_work("admin") as uow:
            uow.conn.execute(
                "SELECT id, name FROM persons WHERE name LIKE ? ORDER BY name LIMIT 20",
                ("Tolvan Tolvansson 0999%",),
            ).fetchall()
        unlock_times.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        session.store.conn.execute("PRAGMA cipher_integrity_check").fetchall()
        check_times.append(time.perf_counter() - t0)
        session.close()
    return {
        "kdf_ms": statistics.median(kdf_times) * 1000,
        "unlock_ms": statistics.median(unlock_times) * 1000,
        "integrity_ms": statistics.median(check_times) * 1000,
        "kdf_params": slot.kdf.to_dict(),
        "file_mb": path.stat().st_size / 1e6,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        build(path, args.persons)
        print(f"built store with {args.persons} persons in {time.perf_counter() - t0:.1f} s")
        r = measure(path, args.rounds)
    overhead = r["unlock_ms"] - r["kdf_ms"]
    print(f"file size:                {r['file_mb']:.1f} MB")
    print(f"KDF parameters:           {r['kdf_params']}")
    print(f"KDF alone (median):       {r['kdf_ms']:.1f} ms")
    print(f"full unlock + 1st query:  {r['unlock_ms']:.1f} ms")
    print(f"ratio unlock / KDF:       {r['unlock_ms'] / r['kdf_ms']:.3f}")
    print(f"overhead over KDF:        {overhead:.1f} ms (target <= {TARGET_MS:.0f} ms)")
    print(f"cipher_integrity_check:   {r['integrity_ms']:.1f} ms (included in unlock above)")
    ok = overhead <= TARGET_MS
    print("TARGET MET" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

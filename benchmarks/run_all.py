"""Run every benchmark on the realistic store and print their verdicts together.

    .venv/bin/python benchmarks/run_all.py [--store DIR] [--only NAME ...]

Makes the store once with make_store.py (100 000 persons, 100 000 consents, 1 000 000
audit events; about a minute and a half) or reuses `--store DIR` if it holds a complete
one (a DIR that does not exist yet is made and kept; without --store a temporary one is
made and removed at the end). Then runs each `benchmarks/bench_*.py` as its own process
with `--store DIR`, shows its output as it runs, collects every `verdict:` line, prints
them all at the end and exits 1 if any is `miss`. A benchmark that ends without a
verdict line, or fails, counts as a miss: a target nobody measured is not met.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_store import build, is_complete  # noqa: E402
from make_store import DEFAULT_AUDIT, DEFAULT_CONSENTS, DEFAULT_PERSONS  # noqa: E402

TIMEOUT_S = 1800


def benchmarks(only: list[str] | None) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if only:
        found = [p for p in found if any(name in p.stem for name in only)]
    return found


def run_one(script: Path, store: Path) -> list[str]:
    """Run one benchmark, echoing its output; return its verdict lines (or a miss)."""
    cmd = [sys.executable, str(script)]
    if "--store" in script.read_text("utf-8"):
        cmd += ["--store", str(store)]
    print(f"\n=== {script.name} ===", flush=True)
    start = time.perf_counter()
    verdicts: list[str] = []
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                cwd=HERE.parent)
        assert proc.stdout is not None
        for line in proc.stdout:
            print(line, end="", flush=True)
            if line.startswith("verdict:"):
                verdicts.append(line.rstrip("\n"))
        code = proc.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = -1
    took = time.perf_counter() - start
    print(f"--- {script.name}: exit {code} after {took:.0f} s", flush=True)
    if not verdicts:
        verdicts.append(f"verdict: miss {script.stem} product=none baseline=none ratio=none"
                        f" target=a-verdict-line (no verdict printed, exit {code})")
    elif code not in (0, 1):
        verdicts.append(f"verdict: miss {script.stem} product=none baseline=none ratio=none"
                        f" target=clean-exit (exit {code})")
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None,
                        help="reuse this store if complete, else make it here and keep it")
    parser.add_argument("--only", nargs="*", help="run only benchmarks whose name contains one of these")
    args = parser.parse_args()

    temporary = args.store is None
    store = Path(tempfile.mkdtemp(prefix="oro_bench_store_")) if temporary else args.store
    try:
        if is_complete(store):
            print(f"reusing the store in {store}")
        else:
            if store.exists() and any(store.iterdir()) and not temporary:
                print(f"{store} holds files but no complete store; choose an empty folder.",
                      file=sys.stderr)
                return 2
            print(f"making the realistic store in {store} ...", flush=True)
            info = build(store, DEFAULT_PERSONS, DEFAULT_CONSENTS, DEFAULT_AUDIT)
            print(f"made store in {info['total_s']:.1f} s ({info['file_mb']} MB)")
        verdicts: list[str] = []
        for script in benchmarks(args.only):
            verdicts += run_one(script, store)
    finally:
        if temporary:
            shutil.rmtree(store, ignore_errors=True)
    print("\n=== verdicts ===")
    for line in verdicts:
        print(line)
    missed = [v for v in verdicts if v.startswith("verdict: miss")]
    print(f"{len(verdicts) - len(missed)} ok, {len(missed)} miss")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

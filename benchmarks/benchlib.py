"""Shared plumbing of the benchmarks: the realistic store, percentiles, verdict lines.

Every benchmark measures the product and a baseline in the same run and ends each
target with exactly one line

    verdict: ok|miss NAME product=… baseline=… ratio=… target=…

which `run_all.py` collects. A benchmark that needs data takes `--store DIR` (a store
made by `make_store.py`) and refuses to run without one: a toy store would only
measure a toy.
"""

from __future__ import annotations

import argparse
import statistics
import time
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_store import DB_NAME, PASSWORD, USER, is_complete  # noqa: E402

__all__ = ["DB_NAME", "PASSWORD", "USER", "add_store_argument", "store_db", "percentile",
           "median", "verdict", "exit_code", "Timer"]


def add_store_argument(parser: argparse.ArgumentParser, *, needed: bool = True) -> None:
    """`--store DIR`; benchmarks that use no store accept it too (run_all passes it)."""
    help_text = ("folder made by benchmarks/make_store.py (oro.db + oro.db.keys)"
                 if needed else "accepted for run_all.py; this benchmark uses no store")
    parser.add_argument("--store", type=Path, default=None, help=help_text)


def store_db(args: argparse.Namespace) -> Path:
    """The store's oro.db, or exit 2 with the reason (never fall back to a toy store)."""
    store = args.store
    if store is None:
        sys.exit("This benchmark needs the realistic store: pass --store DIR (made by "
                 "benchmarks/make_store.py --out DIR) or run benchmarks/run_all.py.")
    if not is_complete(Path(store)):
        sys.exit(f"{store} is not a complete store made by benchmarks/make_store.py.")
    return Path(store) / DB_NAME


def percentile(samples: Sequence[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """The median of `repeat` timed calls of `fn`, in milliseconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return median(samples)


def _fmt(value: float, unit: str) -> str:
    return f"{value:.3f}{unit}" if abs(value) < 10 else f"{value:.1f}{unit}"


def verdict(name: str, ok: bool, product: float, baseline: float, target: str,
            unit: str = "ms", extra: str = "") -> bool:
    """Print the one verdict line for target `name`; returns `ok`."""
    ratio = product / baseline if baseline else float("inf")
    line = (f"verdict: {'ok' if ok else 'miss'} {name} product={_fmt(product, unit)}"
            f" baseline={_fmt(baseline, unit)} ratio={ratio:.2f} target={target}")
    print(line + (f" ({extra})" if extra else ""), flush=True)
    return ok


def exit_code(results: Sequence[bool]) -> int:
    return 0 if all(results) else 1


class Timer:
    """Wall-clock samples of `fn()` in milliseconds."""

    @staticmethod
    def ms(fn: Callable[[], object], repeat: int = 1) -> list[float]:
        import time

        out = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
        return out

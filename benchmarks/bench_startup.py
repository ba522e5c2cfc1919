"""Start-up benchmark: process start to the unlock dialog shown, against a bare window.

Runs N times each, alternating, as fresh processes:
- bare: a PySide6 QApplication with one empty QWidget shown, then quit;
- app: `python -m oro_desktop.gui.app --db <store> --bench-startup`, which quits as soon
  as the unlock dialog is shown (the store is made first, with fast KDF parameters).
The time is taken from just before the process is spawned to the moment it reports the
window shown (a line on stdout, printed from the event loop after show()). Prints the
medians and their ratio; the target is a ratio of at most 1.5. Exit status 1 if missed.

    python benchmarks/bench_startup.py [-n 15] [--target 1.5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
w = QWidget()
w.setWindowTitle("bare")
w.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def _time_until_shown(cmd: list[str], env: dict[str, str], marker: str) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - start
            break
    proc.wait(timeout=60)
    if elapsed is None:
        raise RuntimeError(f"{cmd} never reported its window shown (exit {proc.returncode})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each (default 15)")
    parser.add_argument("--target", type=float, default=1.5, help="maximum ratio app/bare")
    args = parser.parse_args()

    import oro_desktop.gui  # noqa: F401 - refcount guard (we make a store below, no Qt)
    from oro_desktop.services.session import Session
    from oro_desktop.store.kdf import FAST_INSECURE

    with tempfile.TemporaryDirectory(prefix="oro_bench_") as tmp:
        db = Path(tmp) / "bench.db"
        session, _key = Session.create(db, "bench", "benchmark-losenord", kdf=FAST_INSECURE)
        session.close()
        env = dict(os.environ, XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        bare_cmd = [sys.executable, "-c", BARE]
        app_cmd = [sys.executable, "-m", "oro_desktop.gui.app", "--db", str(db), "--bench-startup"]
        # One warm-up each so the file cache is in the same state for both.
        _time_until_shown(bare_cmd, env, "shown")
        _time_until_shown(app_cmd, env, "startup_s=")
        bare, app = [], []
        for _ in range(args.n):
            bare.append(_time_until_shown(bare_cmd, env, "shown"))
            app.append(_time_until_shown(app_cmd, env, "startup_s="))

    bare_med, app_med = statistics.median(bare), statistics.median(app)
    ratio = app_med / bare_med
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.n} each")
    print(f"bare PySide6 window: median {bare_med * 1000:.0f} ms (min {min(bare) * 1000:.0f})")
    print(f"unlock dialog:       median {app_med * 1000:.0f} ms (min {min(app) * 1000:.0f})")
    print(f"ratio: {ratio:.2f} (target <= {args.target})")
    return 0 if ratio <= args.target else 1


if __name__ == "__main__":
    raise SystemExit(main())

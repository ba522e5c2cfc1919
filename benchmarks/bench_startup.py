"""Start-up benchmark: process start to the main window shown (`--demo`), against a bare
QMainWindow with a menu bar, a tool bar and a status bar.

Runs N times each, alternating, as fresh processes:
- bare: a PySide6 QApplication with a QMainWindow (menu, tool bar, status bar) shown;
- app: `python -m oro_desktop.gui.app --demo` with ORO_QUIT_WHEN_MAIN_WINDOW_SHOWN=1
  (gui/controller.py), which prints `main_window_shown` once the main window is shown
  and the event loop has run, then quits (and deletes the demo store).
Both report from a zero-delay timer after show(), so both include the first event loop
turn. The time is taken from just before the process is spawned to that line on stdout.
Prints the medians and their ratio and ends with a verdict line; exit status 1 if missed.

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
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QToolBar
app = QApplication(sys.argv)
w = QMainWindow()
w.setWindowTitle("bare")
menu = w.menuBar().addMenu("&Arkiv")
menu.addAction("&Avsluta")
bar = QToolBar("Verktyg", w)
bar.addAction("Lås")
w.addToolBar(bar)
w.setCentralWidget(QLabel("bare"))
w.statusBar().showMessage("klar")
w.resize(1240, 720)
w.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""
APP_MARKER = "main_window_shown"


CPU: dict[str, list[float]] = {}


def _time_until_shown(cmd: list[str], env: dict[str, str], marker: str) -> float:
    """Wall time to the marker line; the child's CPU time (to its exit) goes to CPU."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - start
            break
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(_status)
    CPU.setdefault(marker, []).append(usage.ru_utime + usage.ru_stime)
    if elapsed is None:
        raise RuntimeError(f"{cmd} never reported its window shown (exit {proc.returncode})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each (default 15)")
    parser.add_argument("--target", type=float, default=1.5, help="maximum ratio app/bare")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="oro_bench_") as tmp:
        env = dict(os.environ, XDG_CONFIG_HOME=str(Path(tmp) / "config"),
                   ORO_QUIT_WHEN_MAIN_WINDOW_SHOWN="1")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        bare_cmd = [sys.executable, "-c", BARE]
        app_cmd = [sys.executable, "-m", "oro_desktop.gui.app", "--demo"]
        # One warm-up each so the file cache is in the same state for both.
        _time_until_shown(bare_cmd, env, "shown")
        _time_until_shown(app_cmd, env, APP_MARKER)
        bare, app = [], []
        for _ in range(args.n):
            bare.append(_time_until_shown(bare_cmd, env, "shown"))
            app.append(_time_until_shown(app_cmd, env, APP_MARKER))

    bare_med, app_med = statistics.median(bare), statistics.median(app)
    ratio = app_med / bare_med
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.n} each")
    print(f"bare QMainWindow (menu, tool bar, status bar): median {bare_med * 1000:.0f} ms "
          f"(min {min(bare) * 1000:.0f})")
    print(f"oro_desktop --demo to main window shown:       median {app_med * 1000:.0f} ms "
          f"(min {min(app) * 1000:.0f})")
    print(f"ratio: {ratio:.2f} (target <= {args.target})")
    bare_cpu, app_cpu = statistics.median(CPU["shown"]), statistics.median(CPU[APP_MARKER])
    print(f"CPU time to exit (diagnostic, less sensitive to a loaded machine): bare "
          f"{bare_cpu * 1000:.0f} ms, app {app_cpu * 1000:.0f} ms, ratio {app_cpu / bare_cpu:.2f}")
    ok = ratio <= args.target
    print(f"verdict: {'ok' if ok else 'miss'} startup_main_window product={app_med * 1000:.0f}ms "
          f"baseline={bare_med * 1000:.0f}ms ratio={ratio:.2f} target<={args.target}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

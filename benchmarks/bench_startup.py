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

In demo mode the main window is shown before the store exists (its sections say
"Öppnar demodatabasen …" and hold no data until the session is attached), so the verdict
measures what the target names: the main window shown. As a diagnostic (no verdict) a
third process, alternating with the two, runs with ORO_BENCH_STARTUP=1 and reports when
the session is attached and Samtycken is built (`startup_s=`), i.e. when the window can
be used; that is printed beside the verdict so the wait for the store stays visible.

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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import verdict  # noqa: E402  - the one verdict line format

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
READY_MARKER = "startup_s="


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
        # Both sides run from bytecode, as an installed program does (pip compiles at
        # install, the frozen build ships .pyc): with PYTHONDONTWRITEBYTECODE set (as in
        # some CI shells) PySide6 has its .pyc from pip but oro_desktop would be compiled
        # from source in every run. The warm-up runs below write the caches.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        ready_env = {k: v for k, v in env.items() if k != "ORO_QUIT_WHEN_MAIN_WINDOW_SHOWN"}
        ready_env["ORO_BENCH_STARTUP"] = "1"
        bare_cmd = [sys.executable, "-c", BARE]
        app_cmd = [sys.executable, "-m", "oro_desktop.gui.app", "--demo"]
        # One warm-up each so the file cache (and the bytecode cache) is in the same
        # state for all.
        _time_until_shown(bare_cmd, env, "shown")
        _time_until_shown(app_cmd, env, APP_MARKER)
        _time_until_shown(app_cmd, ready_env, READY_MARKER)
        bare, app, ready = [], [], []
        for _ in range(args.n):
            bare.append(_time_until_shown(bare_cmd, env, "shown"))
            app.append(_time_until_shown(app_cmd, env, APP_MARKER))
            ready.append(_time_until_shown(app_cmd, ready_env, READY_MARKER))

    bare_med, app_med = statistics.median(bare), statistics.median(app)
    ratio = app_med / bare_med
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.n} each")
    print(f"bare QMainWindow (menu, tool bar, status bar): median {bare_med * 1000:.0f} ms "
          f"(min {min(bare) * 1000:.0f})")
    print(f"oro_desktop --demo to main window shown:       median {app_med * 1000:.0f} ms "
          f"(min {min(app) * 1000:.0f})")
    ready_med = statistics.median(ready)
    print(f"diagnostic: --demo to session attached (window usable): median "
          f"{ready_med * 1000:.0f} ms (min {min(ready) * 1000:.0f}), "
          f"{ready_med / bare_med:.2f}x the bare window")
    print(f"ratio: {ratio:.2f} (target <= {args.target})")
    bare_cpu, app_cpu = statistics.median(CPU["shown"]), statistics.median(CPU[APP_MARKER])
    print(f"CPU time to exit (diagnostic, less sensitive to a loaded machine): bare "
          f"{bare_cpu * 1000:.0f} ms, app {app_cpu * 1000:.0f} ms, ratio {app_cpu / bare_cpu:.2f}")
    ok = ratio <= args.target
    verdict("startup_main_window", ok, app_med * 1000, bare_med * 1000, f"<={args.target}x")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Peak memory benchmark: the 100k store unlocked with Samtycken shown, against a bare window.

Two fresh processes, each reporting its own peak resident set (resource.getrusage
ru_maxrss) on stdout:
- bare: a QApplication with a QMainWindow (menu, tool bar, status bar) shown;
- app: unlocks the store made by benchmarks/make_store.py (user `bench`), builds the
  real main window from the session's service graph with every discovered section,
  shows Samtycken (the first section) and waits until its list, counts and refreshes
  are loaded.
The KDF's own memory cost (the Argon2id `memory_kib` of the user's key slot, read from
DIR/oro.db.keys) is allowed on top: unlocking must pay it once.

Target (issue 8): app peak <= 2 x bare peak + KDF memory. Ends with a verdict line.

    python benchmarks/bench_memory.py --store DIR
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USER = "bench"
PASSWORD = "bänkprov-lösenord-2026"  # benchmarks/make_store.py
TARGET_FACTOR = 2.0

PEAK = """
import resource, sys
kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(f"peak_kib={kib}", flush=True)
"""

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QToolBar
app = QApplication(sys.argv)
w = QMainWindow()
w.menuBar().addMenu("&Arkiv").addAction("&Avsluta")
bar = QToolBar("Verktyg", w)
bar.addAction("Lås")
w.addToolBar(bar)
w.setCentralWidget(QLabel("bare"))
w.statusBar().showMessage("klar")
w.resize(1240, 720)
w.show()
for _ in range(20):
    app.processEvents()
""" + PEAK

APP = """
import sys, time
sys.path.insert(0, {root!r})
import oro_desktop.gui
from pathlib import Path
from PySide6.QtWidgets import QApplication
from oro_desktop.gui.main_window import MainWindow
from oro_desktop.gui.sections import discover
from oro_desktop.services.session import Session
app = QApplication(sys.argv)
session = Session.unlock(Path({db!r}), {user!r}, {password!r})
import resource
print(f"after_unlock_kib={{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}", flush=True)
window = MainWindow(session.services, discover())
window.show()
window.show_section("consents")
view = window.current_widget()
deadline = time.time() + 300
for _ in range(20):
    app.processEvents()
while getattr(view, "busy", False) and time.time() < deadline:
    app.processEvents()
    time.sleep(0.002)
for _ in range(20):
    app.processEvents()
print(f"rows_loaded={{len(view.visible_rows())}}", flush=True)
"""


def _peak_kib(code: str) -> int:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=900)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    for line in out.stdout.splitlines():
        if line.startswith("rows_loaded="):
            print(f"  {line}")
        if line.startswith("after_unlock_kib="):
            print(f"  peak right after unlock (before any window): "
                  f"{int(line.split('=', 1)[1]) / 1024:.1f} MiB")
        if line.startswith("peak_kib="):
            return int(line.split("=", 1)[1])
    raise RuntimeError(f"no peak reported: {out.stdout!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True,
                        help="folder with oro.db made by benchmarks/make_store.py")
    args = parser.parse_args()
    db = args.store / "oro.db"
    keys = args.store / "oro.db.keys"
    if not db.exists() or not keys.exists():
        print(f"no store at {db}: make one with benchmarks/make_store.py --out {args.store}",
              file=sys.stderr)
        return 2
    slots = json.loads(keys.read_text(encoding="utf-8"))["slots"]
    kdf_kib = next(int(s["kdf"]["memory_kib"]) for s in slots if s["user"] == USER)

    bare = _peak_kib(BARE)
    print(f"bare QMainWindow: peak {bare / 1024:.1f} MiB")
    app = _peak_kib(APP.format(root=str(ROOT), db=str(db), user=USER, password=PASSWORD) + PEAK)
    print(f"store unlocked, Samtycken shown: peak {app / 1024:.1f} MiB")
    allowed = TARGET_FACTOR * bare + kdf_kib
    print(f"allowed: {TARGET_FACTOR:g} x bare + KDF {kdf_kib / 1024:.0f} MiB = {allowed / 1024:.1f} MiB")
    ok = app <= allowed
    print(f"verdict: {'ok' if ok else 'miss'} peak_memory product={app / 1024:.1f}MiB "
          f"baseline={bare / 1024:.1f}MiB ratio={app / bare:.2f} "
          f"target<={TARGET_FACTOR:g}x+{kdf_kib / 1024:.0f}MiB({allowed / 1024:.1f}MiB)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Samtycken list benchmark: first screen painted, and the longest UI-thread stall, at scale.

Opens a realistic store made by benchmarks/make_store.py (user `bench`), builds the real
Samtycken section (gui/sections/consents.py) from the session's service graph in a real
window (offscreen by default) and measures, in one run:

- first screen: from the moment the section is asked for (its widget is constructed)
  to the first paint of the table's viewport with rows in it;
- UI stall: the longest gap between the beats of a 5 ms QTimer on the UI thread, minus
  the 5 ms, from the ask until the list, its counts and any change refresh are done;
- the same two for the GUI alone: the same section over rows already in memory (the
  service's answers pre-read), which isolates the widget side from the service side;
- baseline: a bare QTableView over an in-memory QAbstractTableModel of the same number
  of rows (what Qt itself costs to show that many rows).

Targets (issue 8): first screen <= 150 ms at 100 000 records; no UI stall > 50 ms.
Each target ends with `verdict: ok|miss NAME product=... baseline=... ratio=... target=...`.

    python benchmarks/bench_consents_list.py --store DIR     # DIR/oro.db from make_store.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

USER = "bench"
PASSWORD = "bänkprov-lösenord-2026"  # benchmarks/make_store.py
HEARTBEAT_MS = 5
FIRST_SCREEN_TARGET_MS = 150.0
STALL_TARGET_MS = 50.0


class Probe:
    """First paint of a viewport with rows, and the longest heartbeat gap until done."""

    def __init__(self, app, viewport, has_rows) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.app, self.has_rows = app, has_rows
        self.painted: float | None = None
        self.beats: list[float] = []
        probe = self

        class PaintFilter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt API
                if (event.type() == QEvent.Type.Paint and probe.painted is None
                        and probe.has_rows()):
                    probe.painted = time.perf_counter()
                return False

        self._filter = PaintFilter()
        viewport.installEventFilter(self._filter)
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def run_until(self, done, timeout_s: float = 120.0) -> None:
        deadline = time.perf_counter() + timeout_s
        while not (self.painted is not None and done()) and time.perf_counter() < deadline:
            self.app.processEvents()
            time.sleep(0.0005)
        self.timer.stop()
        self.beats.append(time.perf_counter())

    def longest_stall_ms(self) -> float:
        gaps = [b - a for a, b in zip(self.beats, self.beats[1:])]
        return max(0.0, max(gaps, default=0.0) * 1000 - HEARTBEAT_MS)


def measure_section(app, services) -> tuple[float, float, int]:
    """(first screen ms, longest stall ms, rows) for the real section over `services`."""
    from oro_desktop.gui.sections.consents import ConsentsView

    from PySide6.QtWidgets import QWidget

    window = QWidget()
    window.resize(1240, 720)
    window.show()
    app.processEvents()
    # The ask is the construction (it starts the query); the viewport exists only once
    # the view does, so the probe is installed right after, with its clock from `start`.
    start = time.perf_counter()
    view = ConsentsView(services, window)
    probe = Probe(app, view.table.viewport(), lambda: view.model.rowCount() > 0)
    probe.beats = [start]
    probe.timer.start()
    view.resize(1240, 720)
    view.show()
    probe.run_until(lambda: not view.busy)
    first = (probe.painted - start) * 1000 if probe.painted else float("inf")
    rows = view.model.total
    view.model.stop()
    window.close()
    view.deleteLater()
    window.deleteLater()
    app.processEvents()
    return first, probe.longest_stall_ms(), rows


def warm_up(app) -> None:
    """Pay Qt's one-time costs (font database, style, first table paint) before measuring:
    in the app the main window is already shown when Samtycken is built."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QComboBox, QLabel, QTableView, QVBoxLayout, QWidget

    window = QWidget()
    layout = QVBoxLayout(window)
    model = QStandardItemModel(5, 6)
    for r in range(5):
        for c in range(6):
            model.setItem(r, c, QStandardItem(f"Å {r} {c}"))
    table = QTableView(window)
    table.setModel(model)
    for widget in (QLabel("Samtycken", window), QComboBox(window), table):
        layout.addWidget(widget)
    window.resize(1240, 720)
    window.show()
    for _ in range(20):
        app.processEvents()
    window.close()
    window.deleteLater()
    app.processEvents()


def measure_baseline(app, n: int) -> tuple[float, float]:
    """(first paint ms, longest stall ms): a QTableView over n in-memory rows."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    class Rows(QAbstractTableModel):
        def __init__(self) -> None:
            super().__init__()
            self.rows = [(f"Barn {i}", f"2020{i:08d}", "Aktivt", "2027-01-01", f"{i % 365} dagar",
                          "barnhalsoteam-samtycke v1") for i in range(n)]

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
            return 0 if parent.isValid() else 6

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

    start = time.perf_counter()
    model = Rows()
    table = QTableView()
    probe = Probe(app, table.viewport(), lambda: model.rowCount() > 0)
    probe.beats = [start]
    probe.timer.start()
    table.setModel(model)
    table.resize(1240, 720)
    table.show()
    probe.run_until(lambda: True)
    first = (probe.painted - start) * 1000 if probe.painted else float("inf")
    table.close()
    table.deleteLater()
    app.processEvents()
    return first, probe.longest_stall_ms()


class PreRead:
    """The service's answers read once up front: the GUI alone, without the service's cost."""

    def __init__(self, service) -> None:
        self.total = service.list_count()
        self.first = service.list_page(0, 200)
        self._service = service

    def list_count(self, *, statuses=None, text=""):
        return self.total if statuses is None and not text else self._service.list_count(
            statuses=statuses, text=text)

    def list_page(self, offset, limit, *, statuses=None, text=""):
        if statuses is None and not text and offset == 0 and limit <= len(self.first):
            return self.first[:limit]
        return self._service.list_page(offset, limit, statuses=statuses, text=text)

    def row(self, uid):
        return self._service.row(uid)

    def __getattr__(self, name):
        return getattr(self._service, name)


def verdict(name: str, product: float, baseline: float, target: float) -> bool:
    ratio = product / baseline if baseline > 0 else float("inf")
    ok = product <= target
    print(f"verdict: {'ok' if ok else 'miss'} {name} product={product:.1f}ms "
          f"baseline={baseline:.1f}ms ratio={ratio:.2f} target<={target:.0f}ms")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True,
                        help="folder with oro.db made by benchmarks/make_store.py")
    args = parser.parse_args()
    db = args.store / "oro.db"
    if not db.exists():
        print(f"no store at {db}: make one with benchmarks/make_store.py --out {args.store}",
              file=sys.stderr)
        return 2

    import oro_desktop.gui  # noqa: F401 - refcount guard before any Qt object
    from PySide6.QtWidgets import QApplication

    from oro_desktop.services.services import Services
    from oro_desktop.services.session import Session

    app = QApplication.instance() or QApplication(sys.argv[:1])
    warm_up(app)
    t = time.perf_counter()
    session = Session.unlock(db, USER, PASSWORD)
    print(f"unlocked in {time.perf_counter() - t:.2f} s (not measured below)")
    try:
        pre = Services(session)
        pre.__dict__["consents"] = PreRead(session.services.consents)  # the cached_property slot
        # One untimed showing of the section: Qt's first use of each widget class (polish,
        # fonts, header) is paid when the main window is built, not when a list is asked for.
        measure_section(app, pre)
        gui_first, gui_stall, _ = measure_section(app, pre)
    finally:
        session.close()
    # A fresh session (SQLite's page cache empty, as after an unlock) for the real path.
    session = Session.unlock(db, USER, PASSWORD)
    try:
        session.services.consents  # built with the session's graph, before the ask
        first, stall, rows = measure_section(app, session.services)
        print(f"section over the store: {rows} consents, first screen {first:.1f} ms, "
              f"longest UI stall {stall:.1f} ms")
        print(f"section over pre-read answers (GUI alone): first screen {gui_first:.1f} ms, "
              f"longest UI stall {gui_stall:.1f} ms")
        base_first, base_stall = measure_baseline(app, rows)
        print(f"baseline QTableView over {rows} in-memory rows: first paint {base_first:.1f} ms, "
              f"longest UI stall {base_stall:.1f} ms")
    finally:
        session.close()
    results = [
        verdict("consents_first_screen", first, base_first, FIRST_SCREEN_TARGET_MS),
        verdict("consents_ui_stall", stall, base_stall, STALL_TARGET_MS),
        verdict("consents_first_screen_gui_only", gui_first, base_first, FIRST_SCREEN_TARGET_MS),
        verdict("consents_ui_stall_gui_only", gui_stall, base_stall, STALL_TARGET_MS),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())

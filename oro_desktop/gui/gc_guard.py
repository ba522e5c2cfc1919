"""Python's cyclic garbage collector runs on the UI thread only.

Why: the collector runs on whichever thread happens to allocate when a generation's
threshold is crossed. If that is a worker (a YAML load, a PDF render, a store read) and
the garbage holds a cycle with a Qt object in it (a closed dialog, a widget from a view
that was rebuilt), the object is deleted off its own thread, which Qt does not allow and
which ends in a segfault some runs out of many. Anki and pyqtgraph solve it the same
way: turn automatic collection off and collect from a timer on the UI thread, by the same
per-generation thresholds Python would use, so a collection is as cheap as it would
have been. Reference counting still frees everything that is not in a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the UI thread looks at the collector's counters (ms).
INTERVAL_MS = 1000


def collect_due(threshold: tuple[int, int, int]) -> int:
    """Collect the generations whose counters passed `threshold` (as Python would)."""
    count0, count1, count2 = gc.get_count()
    found = 0
    if count0 > threshold[0]:
        found += gc.collect(0)
        if count1 > threshold[1]:
            found += gc.collect(1)
            if count2 > threshold[2]:
                found += gc.collect(2)
    return found


class MainThreadCollector(QObject):
    """Owns the timer; create it on the UI thread, keep a reference for the app's life."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        threshold = gc.get_threshold()
        self.threshold = (threshold[0], threshold[1], threshold[2])
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> int:
        return collect_due(self.threshold)

    def stop(self) -> None:
        """Back to automatic collection (tests; the app keeps it to the end)."""
        self.timer.stop()
        gc.enable()

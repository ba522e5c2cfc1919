"""The cyclic garbage collector runs on the UI thread only (oro_desktop/gui/gc_guard.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from oro_desktop.gui.gc_guard import MainThreadCollector, collect_due


class _Holder:
    """A reference cycle that keeps a Qt object alive until the collector breaks it."""

    def __init__(self) -> None:
        self.me = self
        self.qobject = QObject()


def _garbage_cycle(seen: list[int]) -> None:
    holder = _Holder()
    weakref.finalize(holder, lambda: seen.append(threading.get_ident()))


def _allocate_on_a_worker() -> None:
    def churn() -> None:
        junk = []
        for i in range(200_000):  # far past generation 0's threshold
            junk.append([i])
            if len(junk) > 1000:
                junk.clear()

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join()


def test_a_cycle_with_a_qt_object_is_collected_on_the_ui_thread_not_a_worker(qapp) -> None:
    collector = MainThreadCollector(interval_ms=60_000)
    try:
        assert not gc.isenabled()
        seen: list[int] = []
        _garbage_cycle(seen)
        _allocate_on_a_worker()
        assert seen == []  # the worker's allocations did not collect it
        held = [[i] for i in range(collector.threshold[0] + 10)]  # generation 0 is now due
        assert gc.get_count()[0] > collector.threshold[0]
        assert collector.check() >= 1  # what the timer runs, on this (the UI) thread
        assert seen == [threading.get_ident()]
        del held
    finally:
        collector.stop()
        gc.disable()  # the test suite keeps collection on the main thread (tests/conftest.py)


def test_collect_due_follows_the_thresholds() -> None:
    gc.collect()
    assert collect_due((10**9, 10**9, 10**9)) == 0  # nothing due: nothing collected
    seen: list[int] = []
    _garbage_cycle(seen)
    for _ in range(50):  # allocations that bump generation 0's counter past 1
        [].append([])
    assert collect_due((0, 10**9, 10**9)) >= 1 or seen, "generation 0 was due"
    assert seen

"""The background-task helper: work off the UI thread, outcome back on it."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from oro_desktop.errors import OroError
from oro_desktop.gui.tasks import run_task, run_with_progress


def test_result_arrives_on_the_ui_thread(qtbot):
    ui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work(a, b=0):
        seen["worker"] = threading.get_ident()
        time.sleep(0.05)
        return a + b

    def done(value):
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    task = run_task(work, 2, b=3, on_result=done)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert seen["value"] == 5 and task.result == 5
    assert seen["worker"] != ui_thread
    assert seen["callback"] == ui_thread


def test_errors_are_delivered_not_raised(qtbot):
    errors: list[BaseException] = []
    task = run_task(lambda: (_ for _ in ()).throw(OroError("Något gick fel.")), on_error=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert isinstance(errors[0], OroError) and errors[0].message == "Något gick fel."


def test_ui_stays_responsive_while_work_runs(qtbot):
    task = run_task(time.sleep, 0.5)
    ticks = 0
    while not task.done:
        QApplication.processEvents()
        ticks += 1
        time.sleep(0.01)
    assert ticks > 10


def test_progress_dialog_reports_and_can_cancel(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    steps: list[int] = []

    def long_work(progress, total=200):
        for i in range(total):
            if progress.cancelled:
                return "avbruten"
            progress.report(i + 1, total, f"Steg {i + 1} av {total}")
            steps.append(i)
            time.sleep(0.01)
        return "klar"

    results: list[str] = []
    task = run_with_progress(parent, "Säkerhetskopiera", "Kopierar …", long_work,
                             on_result=results.append, cancellable=True, delay_ms=0)
    dialog = task.progress_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.maximum() == 200, timeout=5000)
    qtbot.waitUntil(lambda: "Steg" in dialog.labelText(), timeout=5000)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Avbryt")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert results == ["avbruten"]
    assert len(steps) < 200


def test_progress_dialog_closes_before_the_result_callback(qtbot):
    visible_in_callback: list[bool] = []
    holder: dict[str, object] = {}

    def done(_value):
        visible_in_callback.append(holder["task"].progress_dialog.isVisible())

    holder["task"] = run_with_progress(None, "Skriv ut", "Skriver ut …",
                                       lambda progress: 1, on_result=done, delay_ms=0)
    qtbot.waitUntil(lambda: holder["task"].done, timeout=5000)
    assert visible_in_callback == [False]


def test_many_short_tasks_with_garbage_collection_meanwhile_all_report(qtbot):
    """Workers report through one long-lived dispatcher, never a QObject of their own that
    could be deleted on a worker thread (that crashed the suite under the cyclic GC)."""
    import gc

    from oro_desktop.gui import tasks as tasks_mod

    seen: list[int] = []
    for i in range(200):
        tasks_mod.run_task(lambda n=i: n, on_result=seen.append)
        if i % 20 == 0:
            gc.collect()
    qtbot.waitUntil(lambda: len(seen) == 200, timeout=10_000)
    gc.collect()
    assert sorted(seen) == list(range(200))
    qtbot.waitUntil(lambda: not tasks_mod._RUNNING, timeout=5_000)

"""Run work off the UI thread and hand the outcome back to it.

The window must never freeze: unlocking (a memory-hard KDF), printing, backups and large
imports run here. The pattern follows Anki's background operations: the callable runs on
a QThreadPool worker; its result or exception is delivered on the UI thread through
queued signals, so callbacks may touch widgets.

Two entry points:

``run_task(fn, *args, on_result=..., on_error=..., on_finished=..., **kwargs) -> BackgroundTask``
    Fire and forget; the caller shows its own busy state (e.g. an indeterminate bar).

``run_with_progress(parent, title, label, fn, *args, cancellable=False, ...) -> BackgroundTask``
    Shows a window-modal QProgressDialog (after a short delay, so quick work never
    flashes one). `fn` receives a keyword argument ``progress: Progress`` on which it calls
    ``progress.report(done, total, text)`` and may check ``progress.cancelled``.

The callable must not touch widgets; whatever it returns is passed to ``on_result``.
An exception is passed to ``on_error`` (an ``OroError`` carries a Swedish ``message``);
without ``on_error`` it is logged.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

# Handles by key, kept alive until their callbacks ran. Workers never hold a QObject:
# they emit through the one dispatcher below with the task's key, so no QObject is ever
# deleted (or garbage-collected) on a worker thread, which Qt does not allow and which
# crashed the process when a per-task bridge object lost its last reference there.
_RUNNING: dict[int, BackgroundTask] = {}
_KEYS = iter(range(1, 1 << 62))
_KEY_LOCK = threading.Lock()


class Progress:
    """What a background callable uses to report progress and notice cancellation."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """Report `done` of `total` steps (total 0 = unknown) with an optional Swedish text."""
        self._emit(int(done), int(total), text)

    @property
    def cancelled(self) -> bool:
        """True once the user pressed Avbryt; the callable should stop soon after."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class BackgroundTask(QObject):
    """Handle of one background call; its signals arrive on the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    progressed = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.progress = Progress(self._emit_progress)
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.error_handled = False  # set when someone takes care of failures

    def _emit_progress(self, done: int, total: int, text: str) -> None:  # worker thread
        _dispatcher().progressed.emit(self._key, done, total, text)

    # Slots run on the UI thread (this object lives there; the bridge emits from a worker).
    @Slot(object)
    def _on_result(self, value: object) -> None:
        self.result = value
        self.done = True
        self.succeeded.emit(value)
        self._finish()

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self.error = exc  # type: ignore[assignment]
        self.done = True
        if not self.error_handled:
            log.error("Background task failed", exc_info=exc)  # type: ignore[arg-type]
        self.failed.emit(exc)
        self._finish()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)

    def _finish(self) -> None:
        self.finished.emit()
        _RUNNING.pop(getattr(self, "_key", 0), None)


class _Dispatcher(QObject):
    """The one QObject workers emit through (made on the UI thread, never deleted).

    Emitted on a worker, its signals are queued to its own slots on the UI thread, which
    hand each outcome to the task with that key (gone already: dropped quietly)."""

    result = Signal(int, object)
    error = Signal(int, object)
    progressed = Signal(int, int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.result.connect(self._on_result)
        self.error.connect(self._on_error)
        self.progressed.connect(self._on_progress)

    @Slot(int, object)
    def _on_result(self, key: int, value: object) -> None:
        task = _RUNNING.get(key)
        if task is not None:
            task._on_result(value)

    @Slot(int, object)
    def _on_error(self, key: int, exc: object) -> None:
        task = _RUNNING.get(key)
        if task is not None:
            task._on_error(exc)

    @Slot(int, int, int, str)
    def _on_progress(self, key: int, done: int, total: int, text: str) -> None:
        task = _RUNNING.get(key)
        if task is not None:
            task._on_progress(done, total, text)


_DISPATCHER: _Dispatcher | None = None


def _dispatcher() -> _Dispatcher:
    """The dispatcher, made on first use; `run_task` (UI thread) makes it before any worker."""
    global _DISPATCHER
    if _DISPATCHER is None:
        _DISPATCHER = _Dispatcher()
    return _DISPATCHER


class _Runnable(QRunnable):
    """Runs the callable on a pool thread and reports by key; it holds no QObject."""

    def __init__(self, fn: Callable[[], Any], key: int) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._key = key

    def run(self) -> None:  # worker thread
        dispatcher = _DISPATCHER
        assert dispatcher is not None  # made by run_task on the UI thread
        # The task (UI side) holds the callable too, until its outcome was handled, so
        # dropping this reference before reporting is never the last one: what the
        # closure refers to (widgets, sessions) is released on the UI thread.
        fn, self._fn = self._fn, None  # type: ignore[assignment]
        try:
            value = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
            del fn
            dispatcher.error.emit(self._key, exc)
        else:
            del fn
            dispatcher.result.emit(self._key, value)


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    pass_progress: bool = False,
    **kwargs: Any,
) -> BackgroundTask:
    """Run ``fn(*args, **kwargs)`` on the global thread pool; callbacks run on the UI thread.

    With `pass_progress`, `fn` also receives ``progress=<Progress>``. Must be called from
    the UI thread.
    """
    _dispatcher()  # on the UI thread, before any worker could need it
    task = BackgroundTask()
    with _KEY_LOCK:
        key = next(_KEYS)
    task._key = key  # type: ignore[attr-defined]
    if on_result is not None:
        task.succeeded.connect(on_result)
    if on_error is not None:
        task.failed.connect(on_error)
        task.error_handled = True
    if on_finished is not None:
        task.finished.connect(on_finished)
    if pass_progress:
        kwargs["progress"] = task.progress
    call = lambda: fn(*args, **kwargs)  # noqa: E731
    task._call = call  # type: ignore[attr-defined]  # released with the task, on the UI thread
    _RUNNING[key] = task
    QThreadPool.globalInstance().start(_Runnable(call, key))
    return task


class _ProgressDialog(QProgressDialog):
    """A progress dialog that Escape cannot dismiss unless the work is cancellable."""

    def __init__(self, label: str, cancellable: bool, parent: QWidget | None) -> None:
        super().__init__(label, "Avbryt" if cancellable else "", 0, 0, parent)
        self._cancellable = cancellable
        if not cancellable:
            self.setCancelButton(None)  # type: ignore[arg-type]

    def reject(self) -> None:
        if self._cancellable:
            super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self._cancellable or self.property("done"):
            super().closeEvent(event)
        else:
            event.ignore()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    fn: Callable[..., Any],
    *args: Any,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    cancellable: bool = False,
    delay_ms: int = 400,
    **kwargs: Any,
) -> BackgroundTask:
    """Like :func:`run_task`, with a window-modal progress dialog; `fn` gets ``progress=``.

    The dialog shows after `delay_ms` (quick work shows nothing), is indeterminate until
    `fn` reports a total, and offers "Avbryt" only when `cancellable` (which sets
    ``progress.cancelled``; `fn` decides when to stop). The dialog is closed before
    `on_result` / `on_error` run, so they may open dialogs of their own.
    """
    from PySide6.QtCore import Qt

    dialog = _ProgressDialog(label, cancellable, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def close_dialog() -> None:
        dialog.setProperty("done", True)
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def result(value: Any) -> None:
        close_dialog()
        if on_result is not None:
            on_result(value)

    def error(exc: BaseException) -> None:
        close_dialog()
        if on_error is not None:
            on_error(exc)
        else:
            log.error("Background task failed", exc_info=exc)

    task = run_task(
        fn, *args, on_result=result, on_error=error, on_finished=on_finished,
        pass_progress=True, **kwargs,
    )
    task.progress_dialog = dialog  # type: ignore[attr-defined]

    def show_progress(done: int, total: int, text: str) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)

    task.progressed.connect(show_progress)
    dialog.canceled.connect(task.progress.cancel)
    return task

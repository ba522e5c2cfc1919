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

_RUNNING: set[BackgroundTask] = set()  # keep handles alive until their callbacks ran


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

    def _emit_progress(self, done: int, total: int, text: str) -> None:
        self._bridge.progressed.emit(done, total, text)

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
        _RUNNING.discard(self)


class _Bridge(QObject):
    """Signals emitted from the worker thread; queued to the handle on the UI thread."""

    result = Signal(object)
    error = Signal(object)
    progressed = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._bridge = bridge

    def run(self) -> None:  # worker thread
        try:
            value = self._fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
            self._bridge.error.emit(exc)
        else:
            self._bridge.result.emit(value)


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
    task = BackgroundTask()
    bridge = _Bridge()
    task._bridge = bridge  # type: ignore[attr-defined]
    # Auto connections: emitted on the worker, they are queued to the handle's (UI) thread.
    # (Qt.ConnectionType is not named here: importing `Qt` costs ~20 ms at start-up.)
    bridge.result.connect(task._on_result)
    bridge.error.connect(task._on_error)
    bridge.progressed.connect(task._on_progress)
    if on_result is not None:
        task.succeeded.connect(on_result)
    if on_error is not None:
        task.failed.connect(on_error)
        task.error_handled = True
    if on_finished is not None:
        task.finished.connect(on_finished)
    if pass_progress:
        kwargs["progress"] = task.progress
    _RUNNING.add(task)
    QThreadPool.globalInstance().start(_Runnable(lambda: fn(*args, **kwargs), bridge))
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

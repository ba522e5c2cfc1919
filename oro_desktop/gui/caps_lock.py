"""Caps Lock detection from key events, for password fields.

Qt offers no portable way to read the Caps Lock state, but every typed letter tells it:
a capital without Shift, or a small letter with Shift, means Caps Lock is on. The state
is unknown until the first letter; pressing Caps Lock itself flips a known state.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal


def caps_lock_from_key(text: str, shift: bool) -> bool | None:
    """True/False if the typed `text` reveals the Caps Lock state, else None."""
    if len(text) != 1 or not text.isalpha() or text.lower() == text.upper():
        return None
    return text.isupper() != shift


class CapsLockWatcher(QObject):
    """Event filter for one or more fields; emits `changed(bool)` when the state changes."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state: bool | None = None

    def watch(self, widget: QObject) -> None:
        widget.installEventFilter(self)

    def _set(self, state: bool) -> None:
        if state != self.state:
            self.state = state
            self.changed.emit(state)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt  # not at import: start-up time (see gui.app)

            if event.key() == Qt.Key.Key_CapsLock:
                if self.state is not None:
                    self._set(not self.state)
            else:
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                state = caps_lock_from_key(event.text(), shift)
                if state is not None:
                    self._set(state)
        return False

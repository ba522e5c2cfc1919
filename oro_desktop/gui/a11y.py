"""Small accessibility helpers shared by the dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def announce(widget: QWidget) -> None:
    """Tell assistive technology that `widget` (an error or warning label) needs attention.

    A label appearing is not read aloud by itself; an Alert event makes screen readers
    speak its text, the same as a message box would.
    """
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    if not QAccessible.isActive():
        return
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


def missing_accessible_names(root: QWidget) -> list[str]:
    """Focusable controls under `root` without an accessible name (used by tests)."""
    from PySide6.QtCore import Qt

    missing = []
    for child in root.findChildren(QWidget):
        if child.focusPolicy() == Qt.FocusPolicy.NoFocus or not child.isVisibleTo(root):
            continue
        if child.metaObject().className() in _CONTAINERS or child.objectName().startswith("qt_"):
            continue
        if not child.accessibleName():
            missing.append(f"{child.metaObject().className()}#{child.objectName()}")
    return missing


# Qt-internal widgets that take focus but are parts of a named control.
_CONTAINERS = {
    "QScrollBar", "QToolBarExtension", "QMenuBar", "QStackedWidget", "QSplitterHandle",
    "QWidget", "QFrame", "QScrollArea", "QAbstractScrollArea", "QTabBar",
    "QCalendarWidget", "QLineEditIconButton",
}


def error_label(parent: QWidget, *, object_name: str = "", accessible_name: str | None = None,
                reserve_lines: int = 0):
    """A hidden, word-wrapped label styled as an error (role=error), shown when needed.

    `reserve_lines` > 0 keeps that many lines of space in the layout while the label is
    hidden or short (issue 13): a message appearing then neither grows a small dialog nor
    moves the fields and buttons under the mouse.
    """
    from PySide6.QtWidgets import QLabel, QSizePolicy

    label = QLabel("", parent)
    if object_name:
        label.setObjectName(object_name)
    label.setProperty("role", "error")
    label.setWordWrap(True)
    if accessible_name is not None:
        label.setAccessibleName(accessible_name)
    if reserve_lines > 0:
        policy = label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        label.setSizePolicy(policy)
        label.setMinimumHeight(label.fontMetrics().lineSpacing() * reserve_lines + 4)
    label.hide()
    return label


def busy_bar(parent: QWidget, *, object_name: str, accessible_name: str):
    """A thin, hidden, indeterminate progress bar for work whose length is unknown."""
    from PySide6.QtWidgets import QProgressBar

    bar = QProgressBar(parent)
    bar.setObjectName(object_name)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.setAccessibleName(accessible_name)
    bar.hide()
    return bar

"""Issue 13: a disabled button looks disabled (grey text, flat face), not like an active one."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QWidget

from oro_desktop.gui.style import DISABLED_BG, STYLESHEET, TEXT


def _colours(widget: QWidget) -> set[str]:
    image = widget.grab().toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(image.width())
            for y in range(image.height())}


def _pair(qtbot, cls):
    host = QWidget()
    host.setStyleSheet(STYLESHEET)
    layout = QHBoxLayout(host)
    enabled, disabled = cls(host), cls(host)
    for button in (enabled, disabled):
        button.setText("Registrera")
        layout.addWidget(button)
    disabled.setEnabled(False)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    return host, enabled, disabled


def test_disabled_tool_and_push_buttons_look_disabled(qtbot):
    for cls in (QToolButton, QPushButton):
        _host, enabled, disabled = _pair(qtbot, cls)
        on, off = _colours(enabled), _colours(disabled)
        assert TEXT in on, cls  # the enabled text is drawn in the text colour
        assert TEXT not in off, cls  # the disabled one never is
        assert DISABLED_BG in off and DISABLED_BG not in on, cls


def test_a_disabled_default_button_loses_its_accent(qtbot):
    _host, enabled, disabled = _pair(qtbot, QPushButton)
    disabled.setDefault(True)
    disabled.update()
    assert DISABLED_BG in _colours(disabled)

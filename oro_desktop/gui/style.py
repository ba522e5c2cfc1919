"""The look: calm, readable, with a focus ring nobody can miss.

Keyboard-only users must always see where they are; the default Fusion focus frame is a
faint dotted line, so every focusable control gets a 2 px accent border when focused.
Colours keep a contrast of at least 4.5:1 for text (WCAG AA).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QFocusFrame, QWidget
from shiboken6 import isValid

ACCENT = "#1d5a93"
ACCENT_DARK = "#164673"
FOCUS = "#e07b00"
WINDOW_BG = "#f5f6f8"
PANEL_BG = "#ffffff"
NAV_BG = "#e9edf2"
BORDER = "#b9c1cb"
TEXT = "#1c1f23"
MUTED = "#4a525c"
ERROR = "#a4141a"
#: Disabled controls (issue 13: they looked enabled, because `QWidget { color }` overrode
#: the palette's disabled text): grey text on a flat grey face with a dashed border.
DISABLED_TEXT = "#80878f"
DISABLED_BG = "#eceef1"
DISABLED_BORDER = "#c3c9d0"
WARNING_BG = "#fff4d6"
DEMO_BG = "#7a3e00"

STYLESHEET = f"""
QWidget {{ color: {TEXT}; }}
QWidget:disabled {{ color: {DISABLED_TEXT}; }}
QMainWindow, QDialog, QWizard {{ background: {WINDOW_BG}; }}
QToolBar {{ background: {PANEL_BG}; border: none; border-bottom: 1px solid {BORDER};
    padding: 4px 8px; spacing: 8px; }}
QStatusBar {{ background: {PANEL_BG}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    background: {PANEL_BG}; border: 1px solid {BORDER}; border-radius: 4px; padding: 4px 6px;
    selection-background-color: {ACCENT}; }}
QLineEdit:disabled {{ background: #eceef1; color: #6b737c; }}
QPushButton, QToolButton {{ background: {PANEL_BG}; border: 1px solid {BORDER};
    border-radius: 4px; padding: 5px 14px; min-height: 18px; }}
QPushButton:hover, QToolButton:hover {{ background: #eef3f8; border-color: {ACCENT}; }}
QPushButton:pressed, QToolButton:pressed {{ background: #dde7f1; }}
QPushButton:default {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; }}
QPushButton:default:hover {{ background: {ACCENT_DARK}; }}
QPushButton:disabled, QToolButton:disabled, QPushButton:default:disabled,
QPushButton:disabled:hover, QToolButton:disabled:hover {{
    background: {DISABLED_BG}; color: {DISABLED_TEXT}; border: 1px dashed {DISABLED_BORDER}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus,
QPushButton:focus, QToolButton:focus, QListWidget:focus, QTableView:focus,
QTreeView:focus, QCheckBox:focus, QRadioButton:focus {{
    border: 2px solid {FOCUS}; }}
QCheckBox:focus, QRadioButton:focus {{ border-radius: 3px; padding: 2px; }}
QCheckBox, QRadioButton {{ padding: 3px; border: 2px solid transparent; }}
QListWidget#navigation {{ background: {NAV_BG}; border: none; border-right: 1px solid {BORDER};
    padding: 6px 0; font-size: 11pt; outline: none; }}
QListWidget#navigation::item {{ padding: 9px 14px; border-left: 4px solid transparent; }}
QListWidget#navigation::item:selected {{ background: {PANEL_BG}; color: {ACCENT_DARK};
    border-left: 4px solid {ACCENT}; font-weight: bold; }}
QListWidget#navigation:focus {{ border: none; border-right: 1px solid {BORDER}; }}
QListWidget#navigation::item:focus {{ border: 2px solid {FOCUS}; border-left: 4px solid {FOCUS}; }}
QTableView {{ background: {PANEL_BG}; border: 1px solid {BORDER}; gridline-color: #e3e6ea;
    alternate-background-color: #f7f9fb; selection-background-color: {ACCENT}; }}
QHeaderView::section {{ background: {NAV_BG}; border: none; border-right: 1px solid {BORDER};
    border-bottom: 1px solid {BORDER}; padding: 5px 6px; font-weight: bold; }}
QLabel[role="recovery-key"]:focus {{ border: 2px solid {FOCUS}; }}
QFocusFrame {{ border: 2px solid {FOCUS}; border-radius: 5px; }}
QLabel[role="heading"] {{ font-size: 15pt; font-weight: bold; color: {TEXT}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: bold; }}
QLabel[role="warning"] {{ background: {WARNING_BG}; border: 1px solid #d9a400;
    border-radius: 4px; padding: 4px 8px; }}
QLabel[role="user"] {{ color: {MUTED}; padding: 0 6px; }}
QLabel[role="demo"] {{ background: {DEMO_BG}; color: white; font-weight: bold;
    border-radius: 4px; padding: 3px 10px; }}
QLabel[role="recovery-key"] {{ background: {PANEL_BG}; border: 2px solid {ACCENT};
    border-radius: 6px; padding: 14px; font-size: 17pt; }}
"""


def apply_style(app: QApplication) -> None:
    """Give the application its style, palette and stylesheet (once, at start)."""
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(WINDOW_BG))
    palette.setColor(QPalette.ColorRole.Base, QColor(PANEL_BG))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
    _FocusRing.install(app)


class _FocusRing(QObject):
    """A QFocusFrame that follows focus onto combo and spin boxes.

    Giving those a stylesheet border breaks their arrows under Fusion, so instead of a
    border they get a focus frame drawn around them, in the same colour as the others.
    """

    _instance: "_FocusRing | None" = None

    @classmethod
    def install(cls, app: QApplication) -> None:
        if cls._instance is None:
            cls._instance = cls(app)
            app.focusChanged.connect(cls._instance._moved)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._frame: QFocusFrame | None = None

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, (QComboBox, QAbstractSpinBox)):
            if self._frame is None or not isValid(self._frame):
                self._frame = QFocusFrame()
            self._frame.setWidget(new)
        elif self._frame is not None and isValid(self._frame):
            self._frame.setWidget(None)


def monospace_font(point_size: float = 17) -> QFont:
    """A fixed-pitch font for the recovery key, so groups line up and 0/O differ."""
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSizeF(point_size)
    return font

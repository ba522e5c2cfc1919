"""Small field helpers of the Barnhälsoteam widgets (a date in ÅÅÅÅ-MM-DD, an error line).

Why not gui/consents/common: the consent editor shows the barnhälsoteam band
(consent_banner.py), so gui/consents imports gui/barnhalsoteam; importing back would be a
cycle between sibling packages (import-linter's acyclic_siblings). Same format and
accessibility as the consent screens.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from oro_desktop.gui import a11y

DATE_FORMAT = "yyyy-MM-dd"


def date_edit(parent: QWidget, value: date, *, latest: date | None = None,
              name: str = "") -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    if name:
        edit.setAccessibleName(name)
    return edit


def to_date(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def error_label(parent: QWidget) -> QLabel:
    return a11y.error_label(parent, accessible_name="Fel", reserve_lines=3)

"""Date fields and the error line shared by the dialogs of every section.

Why its own module at the gui level: the consent dialogs and the barnhälsoteam dialogs
both need them, and gui/consents imports gui/barnhalsoteam (the consent editor shows the
barnhälsoteam band), so neither package may hold them for the other (import-linter's
acyclic_siblings). A date is shown and typed as ÅÅÅÅ-MM-DD, the format Swedish forms print.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from oro_desktop.gui import a11y

DATE_FORMAT = "yyyy-MM-dd"


def date_edit(parent: QWidget, value: date, *, latest: date | None = None,
              name: str = "") -> QDateEdit:
    """A calendar date field in ÅÅÅÅ-MM-DD, at most `latest` when given."""
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
    """The reserved error line under a dialog's fields (read out by screen readers)."""
    return a11y.error_label(parent, accessible_name="Fel", reserve_lines=3)

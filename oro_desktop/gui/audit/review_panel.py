"""Loggranskning: draw a sample (stickprov) of reads and prints, mark it, print it.

The tab of the Granskningslogg section where an admin follows up access to records
(HSLF-FS 2016:40 4 kap. 9 §): choose a user or a person and a period, draw a random
sample, mark each entry "utan anmärkning" or "med anmärkning" with a note, and print the
review for signing. Everything goes through `oro_desktop.services.audit_review`, which
keeps the review append-only and audits every step; this widget holds nothing that is
not already saved.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.errors import OroError
from oro_desktop.gui.a11y import error_label
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.tasks import run_task
from oro_desktop.services import audit_review, audit_view

ENTRY_COLUMNS = ("Post", "Tid", "Användare", "Händelse", "Uppgift", "Vårdenhet",
                 "Bedömning", "Anteckning")
SCOPE_USER, SCOPE_PERSON = "user", "person"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReviewPanel(QWidget):
    """Draw, list, mark and print log reviews (admins only; the section is admin-only)."""

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("auditReviewPanel")
        self.setAccessibleName("Loggranskning")
        self.review: audit_review.Review | None = None
        self.preview: Any = None

        intro = QLabel(
            "Dra ett slumpvis stickprov av läsningar och utskrifter för en användare eller "
            "en person under en period, och markera varje post som granskad. Granskningen "
            "sparas och kan inte ändras i efterhand.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")

        self.scope = QComboBox(self)
        self.scope.setObjectName("reviewScope")
        self.scope.setAccessibleName("Granska en användare eller en person")
        self.scope.addItem("En användare", SCOPE_USER)
        self.scope.addItem("En person", SCOPE_PERSON)
        self.user = QComboBox(self)
        self.user.setObjectName("reviewUser")
        self.user.setAccessibleName("Användare som granskas")
        self.person = QLineEdit(self)
        self.person.setObjectName("reviewPerson")
        self.person.setAccessibleName("Personnummer för personen som granskas")
        self.person.setPlaceholderText("ÅÅÅÅMMDD-NNNN")
        self.person.setMaxLength(20)
        last_month_end = date.today().replace(day=1) - timedelta(days=1)  # default: last month
        self.period_from = QDateEdit(_qdate(last_month_end.replace(day=1)), self)
        self.period_to = QDateEdit(_qdate(last_month_end), self)
        for edit, name in ((self.period_from, "Periodens första dag"),
                           (self.period_to, "Periodens sista dag")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(QDate(1900, 1, 1))
            edit.setMaximumDate(QDate(2200, 12, 31))
            edit.setAccessibleName(name)
        self.period_from.setObjectName("reviewFrom")
        self.period_to.setObjectName("reviewTo")
        self.size = QSpinBox(self)
        self.size.setObjectName("reviewSize")
        self.size.setAccessibleName("Antal poster i stickprovet")
        self.size.setRange(1, audit_review.MAX_SAMPLE)
        self.size.setValue(20)
        self.draw_button = QPushButton("&Dra stickprov", self)
        self.draw_button.setObjectName("reviewDraw")
        self.draw_button.setAccessibleName("Dra ett nytt stickprov")
        self.draw_button.clicked.connect(self.draw)
        self.error = error_label(self, object_name="reviewError", accessible_name="Fel")

        form = QFormLayout()
        who = QHBoxLayout()
        who.addWidget(self.scope)
        who.addWidget(self.user, 1)
        who.addWidget(self.person, 1)
        scope_label = QLabel("&Urval:", self)
        scope_label.setBuddy(self.scope)
        form.addRow(scope_label, who)
        period = QHBoxLayout()
        period.addWidget(self.period_from)
        period.addWidget(QLabel("–", self))
        period.addWidget(self.period_to)
        period.addSpacing(16)
        size_label = QLabel("&Antal:", self)
        size_label.setBuddy(self.size)
        period.addWidget(size_label)
        period.addWidget(self.size)
        period.addStretch(1)
        period.addWidget(self.draw_button)
        period_label = QLabel("&Period:", self)
        period_label.setBuddy(self.period_from)
        form.addRow(period_label, period)

        self.reviews = QListWidget(self)
        self.reviews.setObjectName("reviewList")
        self.reviews.setAccessibleName("Sparade loggranskningar")
        self.reviews.currentItemChanged.connect(lambda item, _old: self._open(item))

        self.heading = QLabel("", self)
        self.heading.setObjectName("reviewHeading")
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.entries_model = QStandardItemModel(0, len(ENTRY_COLUMNS), self)
        self.entries_model.setHorizontalHeaderLabels(list(ENTRY_COLUMNS))
        self.entries = QTableView(self)
        self.entries.setObjectName("reviewEntries")
        self.entries.setAccessibleName("Poster i stickprovet")
        self.entries.setModel(self.entries_model)
        self.entries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entries.verticalHeader().hide()
        self.entries.setAlternatingRowColors(True)
        self.entries.horizontalHeader().setStretchLastSection(True)
        self.entries.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((55, 150, 90, 80, 110, 120, 125)):
            self.entries.setColumnWidth(column, width)
        self.note = QLineEdit(self)
        self.note.setObjectName("reviewNote")
        self.note.setAccessibleName("Anteckning om den markerade posten")
        self.note.setPlaceholderText("Anteckning (krävs vid anmärkning)")
        self.note.setMaxLength(audit_review.MAX_NOTE)
        self.ok_button = QPushButton("Utan an&märkning", self)
        self.ok_button.setObjectName("reviewOk")
        self.ok_button.setAccessibleName("Markera posten granskad utan anmärkning")
        self.remark_button = QPushButton("&Med anmärkning", self)
        self.remark_button.setObjectName("reviewRemark")
        self.remark_button.setAccessibleName("Markera posten granskad med anmärkning")
        self.print_button = QPushButton("&Skriv ut granskningen…", self)
        self.print_button.setObjectName("reviewPrint")
        self.print_button.setAccessibleName("Förhandsgranska och skriv ut loggranskningen")
        self.ok_button.clicked.connect(lambda: self.mark_selected("ok"))
        self.remark_button.clicked.connect(lambda: self.mark_selected("remark"))
        self.print_button.clicked.connect(self.print_review)

        marks = QHBoxLayout()
        marks.addWidget(self.note, 1)
        marks.addWidget(self.ok_button)
        marks.addWidget(self.remark_button)
        marks.addWidget(self.print_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.entries, 1)
        right_layout.addLayout(marks)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.reviews)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 900])

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        self.scope.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self._scope_changed()
        self._enable_marking()

    # -- data -------------------------------------------------------------------------
    def set_actors(self, actors: list[str]) -> None:
        current = self.user.currentText()
        self.user.clear()
        self.user.addItems(actors)
        if current:
            self.user.setCurrentIndex(max(0, self.user.findText(current)))

    def reload(self) -> None:
        """Read the saved reviews (audited by the service)."""
        try:
            rows = audit_review.list_reviews(self.session)
        except OroError as exc:
            self._show_error(exc)
            return
        selected = self.review.summary.id if self.review else None
        self.reviews.blockSignals(True)
        self.reviews.clear()
        for row in rows:
            item = QListWidgetItem(
                f"Nr {row.id} · {row.scope_text()}\n{row.period_from} – {row.period_to} · "
                f"{row.reviewed}/{row.sample_size} granskade", self.reviews)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            if row.id == selected:
                self.reviews.setCurrentItem(item)
        self.reviews.blockSignals(False)

    def draw(self) -> audit_review.Review | None:
        scope = self.scope.currentData()
        try:
            review = audit_review.draw_sample(
                self.session, period_from=_pydate(self.period_from.date()),
                period_to=_pydate(self.period_to.date()), size=self.size.value(),
                user=self.user.currentText() or None if scope == SCOPE_USER else None,
                person=self.person.text().strip() if scope == SCOPE_PERSON else None)
        except OroError as exc:
            self._show_error(exc)
            return None
        self.error.hide()
        self._show(review)
        self.reload()
        return review

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        try:
            self._show(audit_review.get_review(self.session, int(item.data(Qt.ItemDataRole.UserRole))))
        except OroError as exc:
            self._show_error(exc)

    def _show(self, review: audit_review.Review) -> None:
        self.review = review
        s = review.summary
        self.heading.setText(
            f"Loggranskning nr {s.id}: {s.scope_text()}, {s.period_from} – {s.period_to}. "
            f"Stickprov {s.sample_size} av {s.population}; granskade {s.reviewed} av "
            f"{s.sample_size}.")
        selected = self.selected_entry()
        self.entries_model.removeRows(0, self.entries_model.rowCount())
        for item in review.items:
            e = item.entry
            cells = [f"#{e.id}", audit_view.local_time(e.ts), e.actor,
                     audit_view.action_label(e.action),
                     audit_view.record_label(e.record_type, e.record_id), e.unit or "",
                     item.verdict_text(), item.note]
            row = [QStandardItem(text) for text in cells]
            row[0].setData(e.id, Qt.ItemDataRole.UserRole)
            self.entries_model.appendRow(row)
        if selected is not None:
            for r in range(self.entries_model.rowCount()):
                if self.entries_model.item(r, 0).data(Qt.ItemDataRole.UserRole) == selected:
                    self.entries.selectRow(r)
        elif self.entries_model.rowCount():
            self.entries.selectRow(0)
        self._enable_marking()

    def selected_entry(self) -> int | None:
        rows = self.entries.selectionModel().selectedRows() if self.entries.selectionModel() else []
        if not rows:
            return None
        return int(self.entries_model.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))

    def mark_selected(self, verdict: str) -> bool:
        entry = self.selected_entry()
        if self.review is None or entry is None:
            return False
        try:
            review = audit_review.mark(self.session, self.review.summary.id, entry,
                                       verdict=verdict, note=self.note.text())
        except OroError as exc:
            self._show_error(exc)
            return False
        self.error.hide()
        self.note.clear()
        self._show(review)
        self._select_next_unreviewed()
        self.reload()
        return True

    def _select_next_unreviewed(self) -> None:
        if self.review is None:
            return
        for r, item in enumerate(self.review.items):
            if item.verdict is None:
                self.entries.selectRow(r)
                return

    def print_review(self) -> Any:
        """Render the review on a worker, then open the print preview (print or save
        from memory). Returns the background task (None without a review)."""
        if self.review is None:
            return None
        review_id = self.review.summary.id
        self.print_button.setEnabled(False)

        def ready(pdf: bytes) -> None:
            from oro_desktop.gui.forms.print_preview import PdfPreviewDialog

            self.print_button.setEnabled(True)
            self.preview = PdfPreviewDialog(
                pdf, f"Loggranskning nr {review_id}",
                suggested_name=f"loggranskning-{review_id}.pdf",
                audit=lambda action, detail: audit_review.record_output(
                    self.session, review_id, action, detail),
                parent=self)
            self.preview.setObjectName("reviewPrintPreview")
            self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.preview.open()

        def failed(exc: BaseException) -> None:
            self.print_button.setEnabled(True)
            self._show_error(exc)

        self._print_task = run_task(audit_review.review_pdf, self.session, review_id,
                                    on_result=ready, on_error=failed)
        return self._print_task

    # -- helpers ----------------------------------------------------------------------
    def _scope_changed(self) -> None:
        person = self.scope.currentData() == SCOPE_PERSON
        self.person.setVisible(person)
        self.user.setVisible(not person)

    def _enable_marking(self) -> None:
        has = self.review is not None and bool(self.review.items)
        for button in (self.ok_button, self.remark_button):
            button.setEnabled(has)
        self.note.setEnabled(has)
        self.print_button.setEnabled(self.review is not None)

    def _show_error(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.error.show()

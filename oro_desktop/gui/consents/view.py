"""Samtycken: every consent with its status, what needs doing first at the top.

The list comes from the session's consent service in pages (`gui/consents/pager.py`:
`list_count` + `list_page`, read off the UI thread, more pages as the table is scrolled;
expiring first, then awaiting signature, drafts, active, ...; see services/consents.py
for why). The status filter and the global search (Ctrl+F: the child's name or number)
are asked of the service, not applied to rows in memory. A write anywhere publishes a
`Change` and only that row is read again. Each action is a
QAction with a shortcut, shown as a button and in the context menu, and enabled only
for the statuses where the lifecycle allows it, so a clinician is not offered a step
that would be refused.

This module builds the widget and its layout; the parts, one job each, are mixins:
the list glue (`listing.py`), the actions (`actions.py`), the editor hosting
(`editor_host.py`) and the steps on the selected consent (`commands.py`). Their public
names stay importable from here.

Registered as a section by gui/sections/consents.py (kept light for start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.consents.actions import IN_FORCE, UNSIGNED, ConsentActionsMixin, S
from oro_desktop.gui.consents.commands import ConsentCommandsMixin
from oro_desktop.gui.consents.editor_host import EditorHostMixin
from oro_desktop.gui.consents.listing import ALL, ConsentListMixin
from oro_desktop.gui.consents.model import (
    COL_CHILD,
    COL_DAYS,
    COL_FORM,
    COL_NUMBER,
    COL_STATUS,
    COL_VALID_TO,
    status_text,
)
from oro_desktop.gui.consents.pager import PagedConsentModel
from oro_desktop.services.consent_views import STATUS_ORDER
from oro_desktop.services.services import Services

if TYPE_CHECKING:  # imported when first used: the editor costs start-up time
    from oro_desktop.gui.consents.editor import ConsentEditor

__all__ = ["ALL", "IN_FORCE", "S", "UNSIGNED", "ConsentsView"]


class ConsentsView(ConsentListMixin, ConsentActionsMixin, EditorHostMixin,
                   ConsentCommandsMixin, QWidget):
    """The section widget (hooks: `search`, `flush_drafts`, `search_placeholder`)."""

    search_placeholder = "Sök barnets namn eller personnummer"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.session = services.session
        self.service = services.consents
        self.editors: list[ConsentEditor] = []
        self._pending_select: int | None = None
        self.dialog: Any = None  # the form chooser of "Nytt samtycke", while open
        self._counts_generation = 0
        self.setObjectName("consentsView")
        self.setAccessibleName("Samtycken")

        heading = QLabel("Samtycken", self)
        heading.setProperty("role", "heading")
        intro = QLabel("Vårdnadshavarnas samtycken. Det som behöver göras först visas överst: "
                       "samtycken som snart går ut, sedan de som väntar på underskrift.", self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        self.model = PagedConsentModel(self.service, services.changes, self)
        self.model.loaded.connect(self._loaded)
        self.model.counted.connect(lambda _n: self._update_count())
        self.model.row_refreshed.connect(lambda _uid: self._row_refreshed())
        self.model.failed.connect(self._load_failed)
        self.model.rowsInserted.connect(lambda *_: self._apply_pending_select())
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self._totals: dict[ConsentStatus | None, int] = {}
        self._counts_timer = QTimer(self)  # many changes in a row: count once
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(100)
        self._counts_timer.timeout.connect(self._count_statuses)
        self.table = QTableView(self)
        self.table.setObjectName("consentsTable")
        self.table.setAccessibleName("Samtycken")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # The service's order (what needs doing first); only the first pages are loaded,
        # so a header click cannot sort the whole list and is not offered.
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((COL_CHILD, 300), (COL_NUMBER, 130), (COL_STATUS, 270),
                              (COL_VALID_TO, 110), (COL_DAYS, 95), (COL_FORM, 170)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self._build_actions()
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("consentStatusFilter")
        self.status_filter.setAccessibleName("Visa samtycken med status")
        self.status_filter.setMinimumWidth(290)
        self.status_filter.addItem(ALL, None)
        for s in STATUS_ORDER:
            self.status_filter.addItem(status_text(s), s.value)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        filter_label = QLabel("&Visa:", self)
        filter_label.setBuddy(self.status_filter)
        self.count = QLabel("", self)
        self.count.setObjectName("consentCount")
        self.count.setProperty("role", "muted")

        buttons = QHBoxLayout()
        for action in self.toolbar_actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(filter_label)
        filters.addWidget(self.status_filter)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.reload()

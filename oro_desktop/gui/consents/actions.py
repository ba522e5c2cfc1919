"""Samtycken's actions: one QAction per step, each a button and a context-menu entry.

Why a module of its own: which step is offered for which status, and the reason shown
when it is not (issue 13: a button that cannot act now says why), is one job, apart
from paging the list and hosting the editors. A clinician is never offered a step the
consent lifecycle would refuse. `ConsentActionsMixin` is mixed into `ConsentsView`
(gui/consents/view.py), which owns the table and calls `_build_actions` once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.consents.model import status_text

S = ConsentStatus
UNSIGNED = {S.DRAFT, S.PRINTED}
IN_FORCE = {S.SIGNED, S.ACTIVE, S.EXPIRING}


class ConsentActionsMixin:
    """The actions of `ConsentsView` (`new_action`, `open_action`, ..., `toolbar_actions`)
    and their enabling; relies on the view's `table`, `editors` and `selected_row`."""

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Window-wide while this section is shown (a hidden section's shortcuts are off),
            # so Ctrl+N works even when the focus is in the navigation or the search field.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            tip = f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip.strip())
        action.setStatusTip(tip.strip())
        action.setData(tip.strip())  # the tooltip while it can act (see _enable)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&Nytt samtycke", self.new_consent, "Ctrl+N",
                                       "Fyll i ett nytt samtycke")
        self.open_action = self._action("&Öppna", self.open_selected, None,
                                        "Öppna det markerade samtycket (Enter)")
        enter = QAction("Öppna", self.table)  # Enter opens only from the table itself
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda _checked=False: self.open_selected())
        self.table.addAction(enter)
        self.print_action = self._action("Skriv &ut…", self.print_selected, "Ctrl+P",
                                         "Förhandsgranska och skriv ut samtycket")
        self.register_action = self._action("&Registrera underskrivet original…",
                                            self.register_selected, "Ctrl+R",
                                            "Registrera att det underskrivna originalet kommit in")
        self.revoke_action = self._action("Åter&kalla…", self.revoke_selected, None,
                                          "Registrera en skriftlig återkallelse")
        self.decline_action = self._action("&Avböjt…", self.decline_selected, None,
                                           "Registrera att vårdnadshavaren inte samtycker")
        self.renew_action = self._action("&Förnya samtycke", self.renew_selected, "Ctrl+Shift+N",
                                         "Nytt samtycke ifyllt från det markerade")
        self.for_child_action = self._action("Nytt samtycke för &barnet", self.new_for_child, None,
                                             "Nytt samtycke med barnets kända uppgifter")
        self.delete_action = self._action("Ta &bort utkast…", self.delete_selected, None,
                                          "Ta bort ett utkast som skapats av misstag")
        self.toolbar_actions = [self.new_action, self.open_action, self.print_action,
                                self.register_action, self.revoke_action, self.decline_action,
                                self.renew_action, self.delete_action]

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for action in (self.open_action, self.print_action, None, self.register_action,
                       self.revoke_action, self.decline_action, None, self.renew_action,
                       self.for_child_action, None, self.new_action, self.delete_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu

    @staticmethod
    def _enable(action: QAction, why_not: str) -> None:
        """Enable `action` unless there is a reason not to; the reason becomes its tooltip
        (issue 13: a button that cannot act now says why)."""
        action.setEnabled(not why_not)
        tip = why_not or str(action.data() or "")
        action.setToolTip(tip)
        action.setStatusTip(tip)

    def _update_actions(self) -> None:
        row = self.selected_row()
        status = row.status if row else None
        pick = "Markera ett samtycke i listan först." if row is None else ""
        label = status_text(status).lower() if status is not None else ""
        self._enable(self.open_action, pick)
        self._enable(self.print_action, pick)
        unsigned_only = pick or ("" if status in UNSIGNED else
                                 f"Går bara för ett samtycke som väntar på underskrift (detta är {label}).")
        self._enable(self.register_action, "" if status is S.WAITING_OTHER else unsigned_only)
        self._enable(self.decline_action, unsigned_only)
        self._enable(self.revoke_action, pick or ("" if status in IN_FORCE
                                                  or status is S.WAITING_OTHER else
                     f"Går bara för ett samtycke som gäller (detta är {label})."))
        self._enable(self.renew_action, pick or ("" if status not in UNSIGNED else
                     "Ett samtycke som inte är underskrivet förnyas inte: öppna och ändra det."))
        self._enable(self.for_child_action, pick or ("" if row is not None and row.child_id is not None
                     else "Barnet finns inte i registret (inget personnummer angivet)."))
        open_here = row is not None and any(e.consent_id == row.id for e in self.editors)
        self._enable(self.delete_action, pick or (
            "Bara ett utkast som inte har skrivits ut kan tas bort." if status is not S.DRAFT else
            "Stäng samtycket först." if open_here else ""))

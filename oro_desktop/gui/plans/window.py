"""The plan window: one plan in the PlanEditor, saved as versions, typing kept as a draft.

Why drafts as well as undo: the undo stack lives in memory; a crash or an auto-lock
destroys it. Every pause in typing (the editor's `settled`) writes the whole plan to
`session.drafts` under "plan:<uid>"; reopening the plan restores it and says so
("Osparade ändringar från … återställdes"). "Spara version" (Ctrl+S) appends a version
through the plan service, which validates first: a refusal shows its Swedish line and
changes nothing (the typing and the draft stay). A saved version drops the draft.

Closing with unsaved changes asks, without blocking (the question is window-modal and
answered asynchronously): Spara version / Behåll som utkast / Avbryt. The draft is
written *before* the question is shown, so a lock that arrives while it is open (the
controller rejects every dialog, then destroys the window) loses nothing either;
`prepare_for_lock()` closes without asking when a section forwards the shell's hook.

A plan of a closed case opens read-only (`plans.read_only_reason`): the form cannot be
edited, the undo toolbar is off, "Spara version" is hidden and a banner says why; no
draft is restored or written. "Familjens version…" is disabled, with the reason as its
tooltip, when the violence exemption applies in the case.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from oro_desktop.gui.messages import error_text
from oro_desktop.gui.plans.editor import PlanEditor
from oro_desktop.gui.plans.texts import FAMILY_REFUSED, FAMILY_TIP

DRAFT_KIND = "plan"


def draft_key(plan_uid: str) -> str:
    return f"plan:{plan_uid}"


class PlanWindow(QDialog):
    """Edit one plan. `saved(int)` (the new version number) after every saved version."""

    saved = Signal(int)

    def __init__(self, services: Any, plan_uid: str, *, title: str = "", case_label: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.plans = services.plans
        self.drafts = services.drafts
        self.plan_uid = plan_uid
        self.key = draft_key(plan_uid)
        self.plan_title = title
        self.setObjectName("planWindow")
        self._closing = False
        self._quiet = False
        self.question: QMessageBox | None = None
        self.print_task: Any = None
        self.history: Any = None

        definition, data = self.plans.current(plan_uid)
        self.definition = definition
        self.plan_title = title or definition.title
        versions = self.plans.versions(plan_uid)
        self.version = versions[-1].number if versions else 0
        self._saved_when = (f"{versions[-1].created_at[:10]} av {versions[-1].created_by}"
                            if versions else "")
        self.case_label = case_label
        try:
            guideline = self.plans.guideline(plan_uid)
        except Exception:  # noqa: BLE001 - the pick list is a help, not a must
            guideline = None
        self.editor = PlanEditor(definition, today_provider=services.cases.today,
                                 guideline=guideline, parent=self)
        self.editor.set_data(data)
        self._saved = self.editor.data()  # as the builder normalises it, to compare with
        self.read_only_reason = self.plans.read_only_reason(plan_uid)
        row = self.plans.row(plan_uid)
        self.exempt = bool(row is not None and self.plans.exemption_applies(row.case_uid))

        self.save_action = QAction("Spara version", self)
        self.save_action.setObjectName("planSaveVersion")
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.save_action.setToolTip("Spara planen som en ny version (Ctrl+S)")
        self.save_action.triggered.connect(lambda _c=False: self.save_version())
        self.addAction(self.save_action)

        self.heading = QLabel("", self)
        self.heading.setObjectName("planHeading")
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.state = QLabel("", self)
        self.state.setObjectName("planState")
        self.state.setProperty("role", "muted")

        self.notice = QLabel("", self)
        self.notice.setObjectName("planDraftNotice")
        self.notice.setProperty("role", "warning")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.discard_button = QPushButton("Kasta de osparade ändringarna", self)
        self.discard_button.setObjectName("planDiscardDraft")
        self.discard_button.setAutoDefault(False)
        self.discard_button.clicked.connect(self.discard_draft)
        self.discard_button.hide()
        self.read_only_banner = QLabel(self.read_only_reason, self)
        self.read_only_banner.setObjectName("planReadOnly")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "QLabel { background: #fff4ce; border: 1px solid #c19c00; padding: 6px; }")
        self.read_only_banner.setVisible(bool(self.read_only_reason))
        self.message = QLabel("", self)
        self.message.setObjectName("planWindowMessage")
        self.message.setWordWrap(True)  # kept shown (empty): it holds the buttons to the right

        self.save_button = QPushButton("&Spara version", self)
        self.save_button.setObjectName("planSaveButton")
        self.save_button.setToolTip(self.save_action.toolTip())
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_version)
        self.history_button = QPushButton("&Historik…", self)
        self.history_button.setAutoDefault(False)
        self.history_button.clicked.connect(self.open_history)
        self.print_button = QPushButton("Skriv &ut…", self)
        self.print_button.setToolTip("Förhandsgranska den sparade versionen för utskrift (Ctrl+P)")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(lambda: self.print_(family=False))
        self.family_button = QPushButton("&Familjens version…", self)
        self.family_button.setToolTip(FAMILY_TIP)
        self.family_button.setAutoDefault(False)
        self.family_button.clicked.connect(lambda: self.print_(family=True))
        close = QPushButton("S&täng", self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)

        for button, name in ((self.save_button, "Spara planen som en ny version"),
                             (self.history_button, "Planens historik"),
                             (self.print_button, "Skriv ut planen"),
                             (self.family_button, "Skriv ut familjens version av planen"),
                             (close, "Stäng planen"),
                             (self.discard_button, "Kasta de osparade ändringarna")):
            button.setAccessibleName(name)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.discard_button)
        bar = QHBoxLayout()
        bar.addWidget(self.message, 1)
        for button in (self.save_button, self.history_button, self.print_button,
                       self.family_button, close):
            bar.addWidget(button)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.read_only_banner)
        layout.addLayout(notice_row)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bar)
        self.resize(1060, 760)

        self.editor.changed.connect(lambda _d: self._update_title())
        self.editor.settled.connect(self._save_draft)
        if self.exempt:
            self.family_button.setEnabled(False)
            self.family_button.setToolTip(FAMILY_REFUSED)
        if self.read_only_reason:
            self.editor.form.set_read_only(True)
            self.editor.toolbar.setEnabled(False)
            self.save_action.setEnabled(False)
            self.save_button.hide()
        else:
            self._restore_draft()
        self._update_title()

    # -- state --------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        """True when what is shown differs from the newest saved version."""
        return self.editor.data() != self._saved

    def _update_title(self) -> None:
        shown = f"version {self.version}" if self.version else "inte sparad än"
        self.setWindowTitle(f"{self.plan_title} – {shown}[*]")
        dirty = self.is_dirty()
        self.setWindowModified(dirty)
        self.heading.setText(" – ".join(p for p in (self.plan_title, self.case_label) if p))
        state = (f"Version {self.version}, sparad {self._saved_when}" if self.version
                 else "Inte sparad som version än")
        self.state.setText(state + (" · osparade ändringar" if dirty else ""))

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("role", "error" if error else "muted")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(f"⚠ {text}" if error else text)
        self.message.setAccessibleName(f"Fel: {text}" if error else text)
        self.message.show()

    # -- drafts -------------------------------------------------------------------------
    def _save_draft(self, data: dict[str, Any] | None = None) -> None:
        if self._closing or self.read_only_reason:
            return
        data = self.editor.data() if data is None else data
        if data == self._saved:
            self.drafts.delete(self.key)
            return
        self.drafts.save(self.key, DRAFT_KIND, {
            "plan_uid": self.plan_uid, "form_id": self.definition.id,
            "form_version": self.definition.version, "base_version": self.version,
            "data": data, "saved_at": datetime.now().strftime("%Y-%m-%d %H:%M")})

    def flush_drafts(self) -> None:
        """Write what is typed to the draft store now (before a lock or a close)."""
        self.editor.flush_pending()
        if self.is_dirty() and not self._closing:
            self._save_draft()

    def prepare_for_lock(self) -> None:
        """Save the draft now; the window is about to close without asking (auto-lock)."""
        self.flush_drafts()
        self._quiet = True

    def _restore_draft(self) -> None:
        payload = self.drafts.load(self.key)
        if not payload:
            return
        same_form = (payload.get("form_id") == self.definition.id
                     and payload.get("form_version") == self.definition.version)
        if not same_form or payload.get("data") == self._saved:
            self.drafts.delete(self.key)
            return
        self.editor.set_data(payload["data"])
        when = payload.get("saved_at") or "tidigare"
        text = f"Osparade ändringar från {when} återställdes."
        base = payload.get("base_version")
        if isinstance(base, int) and base != self.version:
            text += (f" De gjordes i version {base}; planen har nu version {self.version}. "
                     "Jämför i Historik innan du sparar.")
        else:
            text += " Spara version för att behålla dem i planen."
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.show()
        self.discard_button.show()

    def discard_draft(self) -> None:
        """Show the saved version again and drop the draft (the user chose to)."""
        definition, data = self.plans.current(self.plan_uid)
        self.editor.set_data(data)
        self._saved = self.editor.data()
        self.drafts.delete(self.key)
        self.notice.hide()
        self.discard_button.hide()
        self.show_message("De osparade ändringarna är borttagna. Den sparade versionen visas.")
        self._update_title()

    # -- saving -------------------------------------------------------------------------
    def save_version(self) -> bool:
        """Save a new version; a refusal shows its Swedish line and changes nothing."""
        if self.read_only_reason:
            self.show_message(self.read_only_reason, error=True)
            return False
        self.editor.flush_pending()
        data = self.editor.form.data(include_hidden=False)
        try:
            info = self.plans.save_version(self.plan_uid, data)
        except Exception as exc:  # noqa: BLE001 - an OroError is the refusal
            self.show_message(error_text(exc), error=True)
            self._save_draft()  # the typing is kept whatever the service said
            return False
        self.version = info.number
        self._saved_when = f"{info.created_at[:10]} av {info.created_by}"
        self._saved = self.editor.data()
        self.editor.set_clean()
        self.drafts.delete(self.key)
        self.notice.hide()
        self.discard_button.hide()
        self.show_message(f"Version {info.number} sparad.")
        self._update_title()
        self.saved.emit(info.number)
        return True

    # -- printing and history -----------------------------------------------------------
    def print_(self, *, family: bool = False) -> Any:
        """Print the saved version (ask to save first when there are unsaved changes)."""
        from oro_desktop.gui.plans.printing import print_plan

        if self.is_dirty():
            self.show_message("Spara version först: utskriften visar den senast sparade "
                              "versionen.", error=True)
            return None
        self.print_task = print_plan(self, self.plans, self.plan_uid, family=family,
                                     on_error=lambda text: self.show_message(text, error=True))
        return self.print_task

    def open_history(self) -> Any:
        from oro_desktop.gui.plans.history import PlanHistoryDialog

        dialog = PlanHistoryDialog(self.plans, self.plan_uid, title=self.plan_title, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.history = dialog
        return dialog

    # -- closing ------------------------------------------------------------------------
    def reject(self) -> None:
        """Escape, Stäng and the window's close button end here (QDialog routes closeEvent
        to reject). The draft is written first; then, if anything is unsaved, ask."""
        if self._quiet or not self.is_dirty():
            self._close()
            return
        self.flush_drafts()
        if self.question is not None and self.question.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Osparade ändringar",
                          "Planen har ändringar som inte är sparade som version. Vill du spara "
                          "en ny version nu? Behåller du dem som utkast finns de kvar nästa "
                          "gång du öppnar planen.", parent=self)
        box.setObjectName("planUnsavedQuestion")
        save = box.addButton("Spara version", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Behåll som utkast", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            self.question = None
            if clicked is save:
                if self.save_version():
                    self._close()
            elif clicked is keep:
                self.flush_drafts()
                self._close()

        box.finished.connect(answered)
        self.question = box
        box.open()

    def accept(self) -> None:
        """Nothing in the window accepts it; if something does, it is a close like any other."""
        self.reject()

    def _close(self) -> None:
        if not self._quiet:
            self.editor.flush_pending()
            if not self.is_dirty():
                self.drafts.delete(self.key)  # e.g. undone back to the saved version
        self._closing = True
        super().reject()

    def close_keeping_draft(self) -> None:
        """Close at once, the typing kept as a draft."""
        self.prepare_for_lock()
        self._close()

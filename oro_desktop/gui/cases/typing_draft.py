"""What is typed in the case view's forms, kept as a draft when the app locks.

Why: the case view's forms (a disclosure record, a consent answer and what was said,
a step's note, what the person was told afterwards) are plain fields that write only
when their button is pressed. An auto-lock destroys the section; without a draft the
half-typed record would be gone. The shell calls `flush_drafts()` on every section
before it locks (gui/main_window.py); the cases section hands it here.

Generic over the view's named text fields (QLineEdit, QPlainTextEdit with an
objectName): what differs from the state the case was shown in is saved under
"case:<uid>", and put back the next time that case is opened, with a notice. The draft
sits in the encrypted store like every other draft (services/drafts.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

KIND = "case_typing"
RESTORED = ("Det du hade skrivit i ärendet innan programmet låstes har lagts tillbaka. "
            "Kontrollera och anteckna det, eller töm fälten.")


def key_for(case_uid: str) -> str:
    return f"case:{case_uid}"


def _fields(root: QWidget) -> dict[str, QLineEdit | QPlainTextEdit]:
    found: dict[str, QLineEdit | QPlainTextEdit] = {}
    for widget in root.findChildren(QLineEdit) + root.findChildren(QPlainTextEdit):
        name = widget.objectName()
        if name and not name.startswith("qt_") and not widget.isReadOnly():
            found.setdefault(name, widget)
    return found


def _text(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def snapshot(root: QWidget) -> dict[str, str]:
    """Every named, editable text field's text."""
    return {name: _text(w) for name, w in _fields(root).items()}


class CaseTyping:
    """Draft and restore of one case view's typing (`root`: the CaseDetail)."""

    def __init__(self, root: QWidget, drafts: Any) -> None:
        self.root = root
        self.drafts = drafts
        self.baseline: dict[str, str] = {}

    def mark_shown(self) -> None:
        """The fields as the case was just shown: what differs later is typing."""
        self.baseline = snapshot(self.root)

    def typed(self) -> dict[str, str]:
        return {name: text for name, text in snapshot(self.root).items()
                if text != self.baseline.get(name, "")}

    def flush(self, case_uid: str | None) -> bool:
        """Save the typing of `case_uid` as a draft (True when there was any)."""
        if not case_uid:
            return False
        typed = self.typed()
        if not typed:
            return False
        self.drafts.save(key_for(case_uid), KIND, {"case": case_uid, "fields": typed})
        return True

    def restore(self, case_uid: str) -> int:
        """Put a saved draft of `case_uid` back into the fields; how many were restored.
        The draft is removed once it is back on screen (the next lock saves it again)."""
        payload = self.drafts.load(key_for(case_uid))
        if not payload:
            return 0
        fields = _fields(self.root)
        restored = 0
        for name, text in dict(payload.get("fields") or {}).items():
            widget = fields.get(str(name))
            if widget is None:
                continue
            if isinstance(widget, QLineEdit):
                widget.setText(str(text))
            else:
                widget.setPlainText(str(text))
            restored += 1
        self.drafts.delete(key_for(case_uid))
        return restored

"""The guideline's special situations for one child, shown where the child is handled.

Why one panel used in three places (the meeting editor, the barnhälsoteam consent, the
transfer): the user must meet the same sentences of the guideline (2.8, 2.9) wherever a
decision about this child is made: consent not required but always sought under LVU,
social services obtain consent for a family home under SoL, protected identity or a
secret address never printed and marked beside the name, consent needed for an
undocumented child unless a secrecy-breaking provision applies. The text is the
guideline's (services.bht.situation -> core/barnhalsoteam/special.py); this module only
adds a short Swedish heading per situation and the dialog that records the facts.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QPushButton,
    QVBoxLayout, QWidget,
)

from oro_desktop.errors import OroError

#: A short heading per situation; the guideline's own sentence follows it.
HEADINGS = {
    "lvu": "Placerad enligt LVU: samtycke från vårdnadshavare krävs inte, men ska alltid "
           "eftersträvas.",
    "family_home_sol": "Placerad i familjehem enligt SoL: socialtjänsten inhämtar alltid "
                       "samtycke från vårdnadshavare.",
    "protected": "Skyddade personuppgifter eller hemlig vistelseort: adress och vistelseort "
                 "skrivs aldrig ut och visas inte.",
    "protected_moving": "Vid flytt: socialtjänsten bör informera polisen.",
    "undocumented": "Papperslöst barn: samtycke krävs, om inte en sekretessbrytande "
                    "bestämmelse är tillämplig.",
    "secrecy_breaking": "En sekretessbrytande bestämmelse används restriktivt.",
}
#: The facts a user records, in the order the dialog asks them.
FACTS = (
    ("protected_identity", "Skyddade personuppgifter"),
    ("secret_address", "Hemlig vistelseort"),
    ("lvu_placement", "Placerad enligt LVU (lag 1990:52)"),
    ("family_home_sol", "Placerad i familjehem enligt socialtjänstlagen"),
    ("undocumented", "Papperslöst barn (vistas i Sverige utan tillstånd)"),
)
MARK_STYLE = "color: #7a1015; font-weight: bold;"


def mark_html(marking: str) -> str:
    """The red mark shown beside a protected child's name."""
    return f' <span style="{MARK_STYLE}">[{escape(marking)}]</span>' if marking else ""


def notices_html(situation) -> str:
    """The notices as rich text: heading, then the guideline's sentence and its source."""
    parts = []
    for n in situation.notices:
        parts.append(f"<p style='margin:2px 0'><b>{escape(HEADINGS.get(n.id, n.id))}</b><br>"
                     f"<i>”{escape(n.quote.text)}”</i> (riktlinjen {escape(n.quote.source)})"
                     + (f"<br>{escape(n.quote.note)}" if n.quote.note else "") + "</p>")
    return "".join(parts)


class SituationPanel(QFrame):
    """The child's name with its mark, the notices that apply and "Särskilda situationer…".
    `show_child(uid)` fills it; `changed` after the facts were recorded."""

    changed = Signal(object)

    def __init__(self, bht, parent: QWidget | None = None, *, moving: bool = False,
                 editable: bool = True) -> None:
        super().__init__(parent)
        self.bht = bht
        self.moving = moving
        self.child_uid = ""
        self.situation = None
        self.setObjectName("bhtSituation")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Barnets särskilda situation")
        self.title = QLabel(self)
        self.title.setObjectName("bhtSituationTitle")
        self.title.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setObjectName("bhtSituationNotices")
        self.text.setWordWrap(True)
        self.edit_button = QPushButton("Särskilda &situationer…", self)
        self.edit_button.setToolTip("LVU, familjehem, skyddade personuppgifter, hemlig "
                                    "vistelseort, papperslöst barn (riktlinjen 2.8–2.9)")
        self.edit_button.clicked.connect(self.edit)
        self.edit_button.setVisible(editable)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.text)
        self.setVisible(False)

    def show_child(self, child_uid: str) -> bool:
        """Read and show the child's situation; False (panel hidden) if it cannot be read."""
        try:
            self.situation = self.bht.situation(child_uid, moving=self.moving)
        except OroError:
            self.clear()
            return False
        self.child_uid = child_uid
        self._render()
        return True

    def clear(self) -> None:
        self.child_uid, self.situation = "", None
        self.setVisible(False)

    def _render(self) -> None:
        s = self.situation
        self.title.setText(f"<b>{escape(s.name)}</b> {escape(s.number)}{mark_html(s.marking)}")
        self.text.setText(notices_html(s) or "Inga särskilda situationer är registrerade "
                          "för barnet (LVU, familjehem, skyddade personuppgifter, hemlig "
                          "vistelseort, papperslöst).")
        self.setVisible(True)

    def edit(self) -> SituationDialog | None:
        if self.situation is None:
            return None
        dialog = SituationDialog(self.bht, self.situation, self)
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, situation) -> None:
        self.show_child(situation.child_uid)
        self.changed.emit(self.situation)


class SituationDialog(QDialog):
    """Record the facts for one child; saves through services.bht.set_situation."""

    saved = Signal(object)

    def __init__(self, bht, situation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bht, self.situation = bht, situation
        self.setWindowTitle(f"Särskilda situationer – {situation.name}")
        self.setMinimumWidth(520)
        intro = QLabel("Riktlinjen 2.8–2.9: det som gäller barnet avgör vad samtycket kräver "
                       "och vad som aldrig får skrivas ut. Markeringen syns vid barnets namn "
                       "överallt.", self)
        intro.setWordWrap(True)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for key, label in FACTS:
            box = QCheckBox(label, self)
            box.setChecked(bool(getattr(situation, key)))
            if key == "protected_identity" and box.isChecked():
                # The person's own mark: set here, cleared only where the person is edited.
                box.setEnabled(False)
                box.setToolTip("Markeringen hör till personen och tas inte bort här.")
            self.boxes[key] = box
            layout.addWidget(box)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #7a1015;")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Spara")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> bool:
        try:
            found = self.bht.set_situation(
                self.situation.child_uid,
                **{key: box.isChecked() for key, box in self.boxes.items()})
        except OroError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return False
        self.saved.emit(found)
        self.accept()
        return True

"""Form definition + filled data -> PDF bytes, in memory.

Why generic: one renderer for every definition in forms/, so adding a region's variant of
a form is adding a YAML file. Nothing is written to disk (design: no plaintext files);
the caller previews, prints or - only when the user asks - saves the bytes.

What is printed: the title and source on top; each section with its heading; fixed texts
in full; boxes for answers (empty boxes with room to write on a blank form); drawn check
boxes, ticked as the data says; a signature block per signer slot with Datum, Namn and a
tall blank Underskrift box for a wet signature; on every page a footer with the title,
source, form id and version and "Sida x av y". Fields hidden by a condition are left out
(a blank form prints every field, since nothing is chosen yet). The address of a person
marked with protected identity is never printed; on the working model's forms (consents to
contact, the disclosure record, plans: `MASKED_KINDS`) such a person's number is masked and
marked "[skyddade personuppgifter]", as the case view shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from oro_desktop.core.forms.bounds import clip_data
from oro_desktop.core.forms.model import PARTY_COLUMNS, Field, FormDefinition, Section
from oro_desktop.core.forms.values import (
    address_hidden, display_identity, is_empty, is_visible, masked_identity,
)
from oro_desktop.pdf.fonts import register_fonts
from oro_desktop.pdf.layout import (
    CONTENT_W,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    RULE,
    Styles,
    boxed_grid,
    checkbox_row,
    make_styles,
    numbered_canvas,
    para,
)

PROTECTED_ADDRESS = "Skyddade personuppgifter – adressen skrivs inte ut."
# Form kinds whose printed identities of protected persons are masked and marked (the
# working model's documents); the barnhälsoteam consent (kind consent) is signed by the
# guardian on paper and keeps the full number.
MASKED_KINDS = frozenset({"contact_consent", "record", "plan"})
GRID_TYPES = frozenset({"text", "multiline", "phone", "email", "date", "identity", "person_ref"})
BOX_H = 10 * mm        # a one-line answer box
TALL_BOX_H = 14 * mm   # multiline answers
SIGN_BOX_H = 17 * mm   # room for a wet signature
BLANK_ROWS = 3         # rows printed for an empty table
# Relative widths of the columns of a repeating field by type: a date or a status needs
# less room than the text of an intervention (party lists keep equal columns).
COLUMN_WEIGHTS = {"date": 0.95, "choice": 0.8, "yes_no": 0.6, "multiline": 1.9}
# An answer longer than this (characters or lines) does not fit a half-width box on one
# page: it is printed full width below the boxes, where it may run onto the next page.
LONG_ANSWER_CHARS = 600
LONG_ANSWER_LINES = 12


def display_value(f: Field, value: Any, *, mask: bool = False) -> str:
    """One answer as text for a box (mask: a protected identity masked and marked)."""
    if is_empty(value):
        return ""
    shown = masked_identity if mask else display_identity
    if f.type == "identity":
        return shown(value)
    if f.type == "person_ref":
        raw = value.get("identity")
        if mask and raw and value.get("protected") and isinstance(raw, Mapping):
            raw = {**raw, "protected": True}
        ident = shown(raw) if raw else ""
        return ", ".join(p for p in (str(value.get("name") or ""), ident) if p)
    if f.type == "choice":
        return f.choice_label(value)
    if f.type == "yes_no":
        return f.sub_label("yes") if value else f.sub_label("no")
    return str(value).strip()


CELL_PADDING = 2 * 6 + 1  # a Table cell's default left and right padding, and the rule


def longest_word(texts: list[str], style: Any) -> float:
    """The width of the longest word in `texts` set in `style` (0 for none)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = {w for t in texts for w in t.split()}
    return max((stringWidth(w, style.fontName, style.fontSize) for w in words), default=0.0)


def fit_widths(widths: list[float], label_words: list[float], value_words: list[float]) -> list[float]:
    """Column widths in which every column's longest word fits, so the words of a cell
    break at spaces ("Sven Testsson, socialsekreterare"), never inside a word
    ("socialsekreter|are"). The weighted widths are the start; a column too narrow for
    its longest value is widened (to at most 45 % of the table) and the room is taken
    from the columns with room to spare, in proportion to it. Header labels count too,
    but only as far as they fit beside the values. If the words cannot all fit, the
    weighted widths stay (reportlab then splits the longest words)."""
    total = sum(widths)
    need = [min(max(v, min(lab, w)) + CELL_PADDING, total * 0.45)
            for v, lab, w in zip(value_words, label_words, widths)]
    if sum(need) > total:
        return widths
    out = [max(w, n) for w, n in zip(widths, need)]
    excess = sum(out) - total
    if excess <= 0:
        return out
    spare = [o - n for o, n in zip(out, need)]
    room = sum(spare)
    if room < excess:
        return widths
    return [o - excess * s / room for o, s in zip(out, spare)]


class _Renderer:
    def __init__(self, definition: FormDefinition, data: Mapping[str, Any] | None,
                 styles: Styles, stamp: str = "") -> None:
        self.d = definition
        self.stamp = stamp
        self.blank = data is None
        self.data: Mapping[str, Any] = data or {}
        self.s = styles
        self.mask = definition.kind in MASKED_KINDS

    def shown(self, f: Field) -> bool:
        return self.blank or is_visible(self.d, f, self.data)

    def story(self) -> list[Flowable]:
        out: list[Flowable] = [
            para(self.d.title, self.s.title),
            para(self.d.source.display(), self.s.source),
        ]
        if self.stamp:  # e.g. a plan's "Version 3, sparad 2026-11-24" (core/plans)
            out.insert(1, para(self.stamp, self.s.heading))
        for section in self.d.sections:
            block = self.section(section)
            if block:
                out.append(KeepTogether(block))
        return out

    def section(self, section: Section) -> list[Flowable]:
        out: list[Flowable] = []
        if section.title:
            out.append(para(section.title, self.s.heading))
        grid: list[Field] = []
        for f in section.fields:
            if not self.shown(f):
                continue
            if f.type in GRID_TYPES:
                grid.append(f)
                continue
            if grid:
                out += self.grid(grid)
                grid = []
            out += self.field(f)
        if grid:
            out += self.grid(grid)
        return out if len(out) > (1 if section.title else 0) else []

    # -- field types -------------------------------------------------------------------
    def grid(self, fields: list[Field]) -> list[Flowable]:
        """Answer boxes two to a row, as on the paper forms (long answers below them)."""
        cells = []
        long: list[Flowable] = []
        for f in fields:
            value = self.data.get(f.id)
            if f.type in ("text", "multiline") and address_hidden(f, self.data):
                text = PROTECTED_ADDRESS
            else:
                text = display_value(f, value, mask=self.mask)
            if len(text) > LONG_ANSWER_CHARS or text.count("\n") >= LONG_ANSWER_LINES:
                long += [para(f.label, self.s.label),
                         *(para(line, self.s.value) for line in text.split("\n")),
                         Spacer(1, 2 * mm)]
                continue
            height = TALL_BOX_H if f.type == "multiline" else BOX_H
            cells.append((f.label, [para(text, self.s.value)] if text else [], height))
        rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
        return ([boxed_grid(rows, self.s)] if rows else []) + long

    def field(self, f: Field) -> list[Flowable]:
        value = self.data.get(f.id)
        question = [para(f.label, self.s.question)] if f.print_label else []
        if f.type == "fixed_text":
            return [para(f.text, self.s.small if f.print_size == "small" else self.s.body)]
        if f.type in ("multi_choice", "choice"):
            values = value if isinstance(value, list) else [value]
            ticked = {v for v in values if isinstance(v, str)}
            items = [(c.label, c.value in ticked) for c in f.choices]
            return [*question, checkbox_row(items, self.s.value, per_row=2), Spacer(1, 1 * mm)]
        if f.type == "yes_no":
            items = [(f.sub_label("yes"), value is True), (f.sub_label("no"), value is False)]
            return [para(f.label, self.s.question),
                    checkbox_row(items, self.s.value, per_row=4), Spacer(1, 3 * mm)]
        if f.type == "date_range":
            rng = value if isinstance(value, Mapping) else {}
            cells = [
                (f.sub_label(k), [para(str(rng.get(k) or ""), self.s.value)], BOX_H)
                for k in ("from", "to")
            ]
            return [para(f.label, self.s.question), boxed_grid([cells], self.s)]
        if f.type == "signature":
            return [*question, self.signatures(f, value)]
        if f.type in ("party_list", "repeating"):
            return [*question, self.table(f, value)]
        return []

    def signatures(self, f: Field, value: Any) -> Flowable:
        """Per signer: Datum, Namn and a tall blank Underskrift box; two signers a row."""
        signers = [e for e in value if isinstance(e, Mapping)] if isinstance(value, list) else []
        count = max(f.slots, len(signers))
        rows = []
        for start in range(0, count, 2):
            pair = [signers[i] if i < len(signers) else {} for i in range(start, min(start + 2, count))]
            rows.append([(f.sub_label("date"), self._v(e.get("date")), BOX_H) for e in pair])
            rows.append([(f.sub_label("name"), self._v(e.get("name")), BOX_H) for e in pair])
            rows.append([(f.sub_label("signature"), [], SIGN_BOX_H) for _ in pair])
        return boxed_grid(rows, self.s, [CONTENT_W / 2] * 2)

    def _v(self, text: Any) -> list[Flowable]:
        return [para(str(text), self.s.value)] if not is_empty(text) else []

    def table(self, f: Field, value: Any) -> Flowable:
        if f.type == "party_list":
            columns = list(PARTY_COLUMNS)
        else:
            columns = [(c.id, c.label) for c in f.columns]
        col_fields = {c.id: c for c in f.columns}
        rows = [r for r in value if isinstance(r, Mapping) and not is_empty(r)] \
            if isinstance(value, list) else []
        data: list[list[Any]] = [[para(label, self.s.label) for _, label in columns]]
        texts = [[display_value(col_fields[k], r.get(k), mask=self.mask) if k in col_fields
                  else str(r.get(k) or "") for k, _ in columns] for r in rows]
        for cells in texts:
            data.append([para(text, self.s.value) for text in cells])
        blank = max(BLANK_ROWS, f.slots) if not rows else 0
        data += [[""] * len(columns) for _ in range(blank)]
        heights = [None] + [None] * len(rows) + [BOX_H] * blank
        # splitInRow: a row of long cells may continue on the next page (no LayoutError).
        weights = [COLUMN_WEIGHTS.get(col_fields[k].type, 1.0) if k in col_fields else 1.0
                   for k, _ in columns]
        widths = fit_widths([CONTENT_W * w / sum(weights) for w in weights],
                            [longest_word([label], self.s.label) for _, label in columns],
                            [longest_word([t[i] for t in texts], self.s.value)
                             for i in range(len(columns))])
        table = Table(data, colWidths=widths,
                      rowHeights=heights, repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.6, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        return table


def render_form(
    definition: FormDefinition,
    data: Mapping[str, Any] | None = None,
    *,
    fonts_dir: Path,
    stamp: str = "",
) -> bytes:
    """Render `definition` filled with `data` (None: a blank form) to A4 PDF bytes.

    stamp: one line printed under the title (a saved plan's version and date); "" none.

    fonts_dir holds DejaVuSans.ttf and DejaVuSans-Bold.ttf (resources/fonts). The output is
    deterministic (no timestamps), so the same data prints the same bytes. Every string
    and list in `data` is first bounded (core.forms.bounds.clip_data): a draft saved with
    an over-long value still renders in a moment, cut with "…".
    """
    if data is not None:
        data = clip_data(definition, data)
    fonts = register_fonts(fonts_dir)
    styles = make_styles(fonts)
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=definition.title,
        subject=definition.source.display(),
        author="oro_desktop",
        creator=f"oro_desktop formulär {definition.id} v{definition.version}",
        invariant=1,
    )
    footer = (
        definition.title,
        f"{definition.source.display()} · Formulär {definition.id}, version {definition.version}",
    )
    # No frame padding: the margins above are the real ones and tables span CONTENT_W.
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame])])
    story = _Renderer(definition, data, styles, stamp[:200]).story()
    doc.build(story, canvasmaker=numbered_canvas(footer, fonts))
    return buffer.getvalue()

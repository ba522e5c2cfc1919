"""Validation messages of the form builder: a field's messages beside it once the user
has left it, every problem with a summary on `validate_all()`, the problems a caller got
elsewhere on `show_problems()`, and focus on the first one. Messages start with "⚠"
(colour is never the only signal) and are added to the controls' accessible descriptions.

A mixin of `FormWidget` (builder.py), which builds what it uses: `definition`, `_rows`,
`_touched`, `_shown`, `_show_all`, `_validate_timer`, `summary`, `scroll`, `_today` and
`data()`.
"""

from __future__ import annotations

from oro_desktop.core.forms import Problem, validate
from oro_desktop.gui.a11y import announce
from oro_desktop.gui.forms.widgets.base import MESSAGE_PREFIX
from oro_desktop.gui.forms.widgets.problems import route, split_problem_field


class FormMessages:
    # -- validation ---------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Every problem of the current data, per core validation with today_provider()."""
        return validate(self.definition, self.data(), today=self._today())

    def validate_all(self) -> list[Problem]:
        """Show every problem (not only those of touched fields) and return them."""
        self._show_all = True
        self._validate_timer.stop()
        problems = self._refresh_messages()
        if problems:
            announce(self.summary)
        return problems

    def show_problems(self, problems: list[Problem]) -> None:
        """Show exactly these problems beside their fields (with a summary at the top)."""
        self._touched |= {split_problem_field(p.field)[0] for p in problems}
        self._display(list(problems), summary=True)

    def focus_first_problem(self) -> Problem | None:
        """Focus (and scroll to) the field of the first problem shown, in reading order."""
        order = {fid: i for i, fid in enumerate(self._rows)}
        located = [(*split_problem_field(p.field)[:2], p) for p in self._shown]
        located = [(root, row, p) for root, row, p in located if root in order]
        if not located:
            return None
        root, row, problem = min(located, key=lambda t: (order[t[0]], t[1] or 0))
        widget = self._rows[root].widget
        if row is None:
            widget.focus_first()
        else:
            widget.focus_row(row)
        focused = self.focusWidget() or widget
        self.scroll.ensureWidgetVisible(focused, 40, 80)
        return problem

    def _refresh_messages(self) -> list[Problem]:
        problems = self.problems()
        shown = problems if self._show_all else [
            p for p in problems if split_problem_field(p.field)[0] in self._touched
        ]
        self._display(shown, summary=self._show_all)
        return problems

    def _display(self, problems: list[Problem], *, summary: bool) -> None:
        self._shown = problems
        routed = route(problems, {fid: r.labels for fid, r in self._rows.items()})
        for fid, r in self._rows.items():
            rows = routed.rows[fid]
            messages = routed.own[fid]
            row_texts = [text for n in sorted(rows) for _, text in rows[n]]
            if not r.widget.show_row_messages(rows):
                messages = messages + row_texts  # not a row widget: show them with the field
            r.message.setText("\n".join(f"{MESSAGE_PREFIX} {m}" for m in messages))
            r.message.setAccessibleName(" ".join(f"Fel: {m}" for m in messages))
            r.message.setVisible(bool(messages))
            r.widget.mark_invalid(bool(messages))
            errors = " ".join(f"Fel: {m}" for m in dict.fromkeys(messages + row_texts))
            r.widget.describe(" ".join(t for t in (r.description, errors) if t))
        if summary and problems:
            count = len(problems)
            head = ("1 uppgift behöver rättas" if count == 1
                    else f"{count} uppgifter behöver rättas")
            lines = [f"{MESSAGE_PREFIX} {head}. Felen visas vid respektive fält."]
            lines += [f"{MESSAGE_PREFIX} {m}" for m in routed.loose]
            self.summary.setText("\n".join(lines))
            self.summary.setAccessibleName(" ".join(lines))
            self.summary.show()
        else:
            self.summary.hide()

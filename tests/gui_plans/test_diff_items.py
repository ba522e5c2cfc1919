"""The history's reading of a diff: the core diff of two real plan versions, grouped so a
new, a removed and a changed row each read as one item, in the form's own Swedish."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.forms.diff import diff
from oro_desktop.gui.plans.diff_items import ADDED, CHANGED, REMOVED, group_changes, summary_line

ROOT = Path(__file__).resolve().parents[2]


def _plan():
    definition = FormLibrary(ROOT / "forms").get("barnets-plan")
    data = json.loads((ROOT / "forms" / "examples" / "barnets-plan.v1.json").read_text("utf-8"))
    return definition, data


def test_an_added_row_is_one_item_with_its_cells_under_it() -> None:
    definition, before = _plan()
    after = copy.deepcopy(before)
    after["insatser"].append({"part": "Kommunen", "vad": "Hembesök av familjebehandlare",
                              "ansvarig": "Sven Testsson"})
    after["nasta_uppfoljning"] = "2027-01-12"
    items = group_changes(diff(definition, before, after))
    assert [i.title for i in items] == ["Insatser och ansvar: rad 4 tillagd", "Nästa uppföljning"]
    row = items[0]
    assert row.kind == ADDED
    assert [(c.title, c.after) for c in row.children] == [
        ("Vilken part", "Kommunen"), ("Insats (vad)", "Hembesök av familjebehandlare"),
        ("Ansvarig", "Sven Testsson")]
    assert row.after == "Kommunen · Hembesök av familjebehandlare · Sven Testsson"
    assert items[1].lines() == ["Nästa uppföljning: 2026-12-15 → 2027-01-12"]


def test_a_removed_and_a_changed_row_say_so() -> None:
    definition, before = _plan()
    after = copy.deepcopy(before)
    after["insatser"] = after["insatser"][:2]          # the last row removed
    after["insatser"][0]["status"] = "klar"             # the first one changed
    items = group_changes(diff(definition, before, after))
    kinds = {i.title: i.kind for i in items}
    assert kinds == {"Insatser och ansvar: rad 1 ändrad": CHANGED,
                     "Insatser och ansvar: rad 3 borttagen": REMOVED}
    changed = next(i for i in items if i.kind == CHANGED)
    assert changed.lines() == ["Insatser och ansvar: rad 1 ändrad", "  Status: Pågår → Genomförd"]
    removed = next(i for i in items if i.kind == REMOVED)
    assert removed.before.startswith("Kommunen · Kontakt med föräldrarna")


def test_the_summary_line() -> None:
    assert summary_line(1, 1, 2) == "1 ändring från version 1 till version 2."
    assert summary_line(3, 2, 4) == "3 ändringar från version 2 till version 4."
    assert summary_line(0, 1, 2) == "Inga skillnader mellan version 1 och version 2."
    assert "Samma version" in summary_line(0, 2, 2)

"""The benchmark store's plans are plans the program would save: every generated version
passes the form engine's validation, and the list columns agree with the newest version."""

from __future__ import annotations

import importlib.util
import random
import sys
from datetime import date
from pathlib import Path

from oro_desktop.core.forms import FormLibrary, validate
from oro_desktop.paths import forms_dir

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def test_generated_plan_versions_validate(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location("make_cases", BENCH / "make_cases.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_cases", module)
    spec.loader.exec_module(module)
    library = FormLibrary(forms_dir())
    rng = random.Random(7)
    today = date(2026, 12, 1)
    for form_id in ("samordnad-plan-vantat-barn", "barnets-plan"):
        definition = library.get(form_id)
        for version in (1, 2, 4):
            data = module.plan_data(
                rng, form_id, person="Åsa Öberg", ident={"kind": "saknas", "reason": "Nyfödd"},
                town="Växjö", opened=date(2026, 6, 1), follow_up=date(2026, 12, 20),
                consent=version != 2, due=date(2026, 12, 24), names=["Anna Ström", "Per Bäck"],
                version=version)
            assert validate(definition, data, today=today) == [], (form_id, version)

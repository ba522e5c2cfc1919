"""The section modules stay light: discover() runs before the main window is shown.

Issue 8 (start-up <= 1.5x a bare QMainWindow, benchmarks/bench_startup.py): every module
under gui/sections is imported by discover() while the window is built, so a section
module registers its ``Section(...)`` and imports its widget inside the factory. This
runs discover() in a fresh interpreter (pytest's own sys.modules already holds all) and
names any module that pulled in core, services, store, pdf or a gui widget package.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, pkgutil, sys
import oro_desktop.gui as gui
import oro_desktop.gui.sections as sections
before = set(sys.modules)
found = sections.discover(strict=True)
packages = [i.name for i in pkgutil.iter_modules(gui.__path__) if i.ispkg and i.name != "sections"]
print(json.dumps({"ids": [s.id for s in found], "packages": packages,
                  "loaded": sorted(m for m in set(sys.modules) - before if m.startswith("oro_desktop"))}))
"""


def _probe() -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, timeout=120)
    result: dict[str, list[str]] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_discover_imports_no_service_store_or_widget_module() -> None:
    result = _probe()
    assert {"consents", "contacts", "audit_log"} <= set(result["ids"])
    heavy_prefixes = ["oro_desktop.core", "oro_desktop.services", "oro_desktop.store", "oro_desktop.pdf"]
    heavy_prefixes += [f"oro_desktop.gui.{name}" for name in result["packages"]]
    heavy = [m for m in result["loaded"]
             if any(m == p or m.startswith(p + ".") for p in heavy_prefixes)]
    assert heavy == [], f"section modules import at module level (move into the factory): {heavy}"


def test_moved_widgets_stay_importable_from_the_section_modules() -> None:
    from oro_desktop.gui.audit.log_view import AuditLogView
    from oro_desktop.gui.consents.view import ConsentsView
    from oro_desktop.gui.sections import audit_log, consents

    assert consents.ConsentsView is ConsentsView
    assert audit_log.AuditLogView is AuditLogView

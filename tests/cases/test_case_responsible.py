"""A case's responsible user AND unit are both shown (issue 10: "responsible user and
unit"): in the service's row, `oro-admin cases list --json` / `cases show`, and the case
view's header line."""

from __future__ import annotations

import io
import json
import sys
from datetime import timedelta

import oro_desktop.gui  # noqa: F401  - refcount guard before any Qt object
from oro_desktop.cli import options
from oro_desktop.cli.main import main
from oro_desktop.services.services import Services

from .conftest import ADMIN, PASSWORD, PREGNANT, TODAY, person

UNIT = "Socialtjänsten Krokom"


def _case(services: Services, **more) -> str:
    cases = services.cases
    uid = cases.open("Krokom", guideline_id="jamtland-harjedalen-vantat-barn",
                     due_date=TODAY + timedelta(days=90), concerns=["substance"],
                     initiator_kind="socialtjänsten", **more)
    cases.add_person(uid, "pregnant", person(*PREGNANT))
    return uid


def run(capsys, monkeypatch, *argv):
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_the_row_and_the_cli_show_both(session, capsys, monkeypatch):
    services = Services(session, today=lambda: TODAY)
    both = _case(services, responsible_unit=UNIT)
    row = services.cases.view(both).row
    assert (row.responsible_user, row.responsible_unit) == (ADMIN, UNIT)
    assert row.responsible == f"{ADMIN}, {UNIT}"
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    code, out, err = run(capsys, monkeypatch, "cases", "list", "--json", "--db", str(db),
                         "--user", ADMIN)
    assert code == 0, err
    (listed,) = json.loads(out)
    assert (listed["responsible_user"], listed["responsible_unit"]) == (ADMIN, UNIT)
    code, out, err = run(capsys, monkeypatch, "cases", "show", both, "--db", str(db),
                         "--user", ADMIN)
    assert code == 0, err
    assert f"Ansvarig: {ADMIN}, {UNIT}" in out


def test_the_case_header_names_both(qtbot, session):
    from oro_desktop.gui.cases.section import CasesView

    services = Services(session, today=lambda: TODAY)
    uid = _case(services, responsible_unit=UNIT)
    view = CasesView(services, None)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.busy, timeout=15_000)
    detail = view.open_case(uid)
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.row.uid == uid)
    assert f"Ansvarig: {ADMIN}, {UNIT}" in detail.summary.text()

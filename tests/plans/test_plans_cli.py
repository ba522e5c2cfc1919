"""`oro-admin plans list|render`: sorted by follow-up, --due-before, --json, a version
rendered exactly as the service renders it, the family copy (refused under the violence
exemption), files 0600, one Swedish line on bad input, audit rows."""

from __future__ import annotations

import io
import json
import stat
import sys

from oro_desktop.cli import options
from oro_desktop.cli.main import main
from oro_desktop.services.disclosures import Party
from tests.plans.conftest import STORE_TODAY
from tests.plans.helpers import filled, newborn_case

PASSWORD = "korrekt-häst-batteri"


def run(capsys, monkeypatch, *argv):
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _seed(services):
    case, (a,) = newborn_case(services, guardians=("Alva Provare",))
    early = services.plans.create(case, "barnets-plan")
    late = services.plans.create(case, "barnets-plan")
    services.plans.save_version(early, filled("barnets-plan", nasta_uppfoljning="2026-12-10"))
    services.plans.save_version(early, filled("barnets-plan", nasta_uppfoljning="2026-12-12",
                                              samordningsansvarig="Ny Samordnare, BVC"))
    services.plans.save_version(late, filled("barnets-plan", nasta_uppfoljning="2027-03-01"))
    v1 = services.plans.pdf_job(early, version=1)()
    return case, a, early, late, v1


def test_list_and_render(services, capsys, monkeypatch, tmp_path):
    case, guardian, early, late, v1 = _seed(services)
    session = services.session
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    base = ("--db", str(db), "--user", "admin")
    code, out, err = run(capsys, monkeypatch, "plans", "list", *base, "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["uid"] for r in rows] == [early, late]
    assert rows[0]["next_follow_up"] == "2026-12-12" and rows[0]["versions"] == 2
    assert rows[0]["coordinator"] == "Ny Samordnare, BVC" and rows[0]["case_uid"] == case
    code, out, err = run(capsys, monkeypatch, "plans", "list", *base, "--due-before", "2027-01-01")
    assert code == 0 and early in out and late not in out and "Barnets plan: Nova Provare – Växjö" in out
    code, out, err = run(capsys, monkeypatch, "plans", "list", *base, "--due-before", "2026-02-30")
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1

    target = tmp_path / "plan-v1.pdf"
    code, out, err = run(capsys, monkeypatch, "plans", "render", early, "--out", str(target),
                         "--version", "1", *base)
    assert code == 0, err
    assert target.read_bytes() == v1  # exactly as version 1 printed
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and "inte krypterad" in err
    code, out, err = run(capsys, monkeypatch, "plans", "render", early, "--out",
                         str(tmp_path / "ny.pdf"), *base)
    assert code == 0 and (tmp_path / "ny.pdf").read_bytes() != v1
    code, out, err = run(capsys, monkeypatch, "plans", "render", early, "--out",
                         str(tmp_path / "familj.pdf"), "--family", *base)
    assert code == 0 and (tmp_path / "familj.pdf").read_bytes()[:4] == b"%PDF"
    for bad in (("--version", "9"), ("--version", "noll")):
        code, out, err = run(capsys, monkeypatch, "plans", "render", early, "--out",
                             str(tmp_path / "x.pdf"), *bad, *base)
        assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, monkeypatch, "plans", "render", "f" * 32, "--out",
                         str(tmp_path / "x.pdf"), *base)
    assert code != 0 and "Planen finns inte" in err
    assert not (tmp_path / "x.pdf").exists()

    from oro_desktop.services.services import Services
    from oro_desktop.services.session import Session

    session = Session.unlock(db, "admin", PASSWORD)
    try:
        with session.store.unit_of_work("admin") as uow:
            audit = uow.conn.execute("SELECT action, record_id, detail FROM audit"
                                     " WHERE record_type = 'plan' AND action IN ('print', 'export')"
                                     " ORDER BY id").fetchall()
        assert [a[0] for a in audit] == ["print", "print", "export", "print", "export", "print", "export"]
        assert json.loads(audit[2][2])["path"] == str(target)
        services = Services(session, today=lambda: STORE_TODAY)
        services.cases.record_consent(case, guardian, answer="no", manner="oral",
                                      asked_on=STORE_TODAY, asked_by="BVC", function="BVC",
                                      content="Oron", said="Nej")
        services.cases.set_contact_facts(case, violence=True, parent_takes_part=False)
        services.disclosures.record(
            case, disclosed_on=STORE_TODAY, sender=Party("BVC Växjö", "BVC", True),
            recipient=Party("Socialtjänsten Växjö", "socialtjänsten", True),
            legal_basis="osl-25-12", content="Oro", decided_by="Chef", exemption="vald",
            exemption_reason="Misstänkt våld; föräldern är inte delaktig.")
    finally:
        session.close()
    code, out, err = run(capsys, monkeypatch, "plans", "render", early, "--out",
                         str(tmp_path / "familj2.pdf"), "--family", *base)
    assert code != 0 and "Familjeexemplaret skrivs inte ut" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "familj2.pdf").exists()

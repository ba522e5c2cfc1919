"""The import holds the case services' rules (issue 10: "Import checks every record
first"): what CaseService and DisclosureService refuse, a register file cannot bring in;
what they accept (the demo in every region, a case carried past the birth) is accepted."""

from __future__ import annotations

import copy
from datetime import date, timedelta

from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir
from oro_desktop.services.cases_transfer import CaseTransfer, ImportRefused
from oro_desktop.services.demo import create_demo_store, remove_demo_store
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE
from tests.cases.conftest import ADMIN, PARTNER, PASSWORD, PREGNANT, TODAY, person, public
from tests.cases.test_case_scenarios import _consent, _open


def _transfer(session, cases):
    return CaseTransfer(session, cases.guidance, FormLibrary(forms_dir()), today=lambda: TODAY)


def _fresh(tmp_path, name="ny.db"):
    s, _key = Session.create(tmp_path / name, ADMIN, PASSWORD, kdf=FAST_INSECURE)
    return s


def test_the_demo_register_is_accepted_whole(tmp_path):
    session, directory = create_demo_store()
    fresh = _fresh(tmp_path)
    try:
        services = session.services
        data = CaseTransfer(session, services.cases.guidance, FormLibrary(forms_dir()),
                            today=services.cases.today).export_data()
        assert len(data["cases"]) >= 4
        assert any(d["informed"] == "exemption" for c in data["cases"] for d in c["disclosures"])
        checker = CaseTransfer(fresh, services.cases.guidance, FormLibrary(forms_dir()),
                               today=services.cases.today)
        assert checker.check(data) == []
    finally:
        fresh.close()
        session.close()
        remove_demo_store(directory)


def test_a_case_past_the_birth_keeps_its_consents_and_refuses_the_partner(
        session, cases, disclosures, tmp_path):
    _g, uid, (pregnant,) = _open(cases, "jamtland-harjedalen-vantat-barn", "Östersund",
                                 "barnmorskemottagning")
    _consent(cases, uid, pregnant, "no")  # asked as the pregnant person
    disclosures.record(uid, disclosed_on=TODAY, sender=public("BMM Lugnvik", "barnmorskemottagning"),
                       recipient=public("Socialtjänsten Östersund", "socialtjänsten"),
                       legal_basis="osl-25-12", content="Oro.", decided_by="Chef",
                       told_before_on=TODAY, told_before="Att kontakt tas.")
    cases.child_born(uid, TODAY)
    _consent(cases, uid, pregnant, "yes")  # asked again, now as a guardian
    data = _transfer(session, cases).export_data()
    fresh = _fresh(tmp_path)
    try:
        checker = _transfer(fresh, cases)
        assert checker.check(data) == []
        bad = copy.deepcopy(data)
        (case,) = bad["cases"]
        partner = next(p["person"] for p in case["participants"] if p["role"] == "partner")
        case["consents"][1]["person"] = partner
        problems = checker.check(bad)
        assert len(problems) == 1 and PARTNER[0] in problems[0]
        assert "vårdnadshavare" in problems[0]
    finally:
        fresh.close()


def test_every_breach_is_listed_and_nothing_imported(session, cases, disclosures, tmp_path):
    _, k, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, k, a, "yes")
    _consent(cases, k, b, "no")
    disclosures.record(k, disclosed_on=TODAY, sender=public("BVC Växjö", "BVC"),
                       recipient=public("Socialtjänsten Växjö", "socialtjänsten"),
                       legal_basis="osl-25-12", content="Oro.", decided_by="Chef",
                       told_before_on=TODAY, told_before="Att kontakt tas.")
    j = cases.open("Östersund", guideline_id="jamtland-harjedalen-vantat-barn",
                   due_date=TODAY + timedelta(days=90), initiator_kind="barnmorskemottagning")
    p = cases.add_person(j, "pregnant", person(*PREGNANT))
    cases.add_person(j, "partner", person(*PARTNER))
    _consent(cases, j, p, "no")
    disclosures.record(j, disclosed_on=TODAY, sender=public("BMM Lugnvik", "barnmorskemottagning"),
                       recipient=public("Socialtjänsten Östersund", "socialtjänsten"),
                       legal_basis="osl-25-12", content="Oro.", decided_by="Chef",
                       told_before_on=TODAY, told_before="Att kontakt tas.")
    data = _transfer(session, cases).export_data()
    bad = copy.deepcopy(data)
    kron, jamt = sorted(bad["cases"], key=lambda c: c["guideline"] != "kronoberg-nyfott-barn")
    # Kronoberg: nobody said no (the no is dropped) and the recipient made private.
    kron["consents"] = [x for x in kron["consents"] if x["answer"] == "yes"]
    kron["disclosures"][0]["recipient"]["public"] = False
    # Jämtland: the violence exemption, which this guideline does not have.
    d = jamt["disclosures"][0]
    d.update(informed="exemption", told_before_on=None, told_before="",
             exemption_reason="Orosanmälan om våld.")
    fresh = _fresh(tmp_path)
    try:
        checker = _transfer(fresh, cases)
        assert checker.check(data) == []
        problems = checker.check(bad)
        text = "\n".join(problems)
        assert "ingen i ärendet har svarat nej" in text
        assert "Socialtjänsten Växjö" in text and "6 kap. 12 §" in text
        assert "har inget undantag från att informera" in text
        assert len(problems) == 3, problems
        try:
            checker.import_data(bad)
        except ImportRefused as exc:
            assert exc.problems == problems
        else:
            raise AssertionError("the import was not refused")
        assert fresh.store.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
        assert fresh.store.conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 0
    finally:
        fresh.close()

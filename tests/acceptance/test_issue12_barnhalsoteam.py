"""Issue #12, barnhälsoteam: the per-guardian status at the period's boundaries, the
identification rule and the transfer on the consent's last day and the day after, the
stable ids, the report through `oro-admin`, and the demo's year of meetings."""

from __future__ import annotations

import copy
import io
import json
import re
import sys
from collections import Counter
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from oro_desktop.cli import options
from oro_desktop.cli.main import main
from oro_desktop.core import consent as lifecycle
from oro_desktop.core.barnhalsoteam import Attendee, IdentificationRefused
from oro_desktop.core.consent import ConsentStatus
from oro_desktop.paths import forms_dir
from oro_desktop.services.barnhalsoteam import NamedChild, TopicInput
from oro_desktop.services.demo import create_demo_store, remove_demo_store
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import PASSWORD, USER

EXAMPLE = json.loads((forms_dir() / "examples" / "barnhalsoteam-samtycke.v1.json")
                     .read_text("utf-8"))
START = date(2026, 3, 2)
END = date(2027, 3, 1)  # the example's 12 months
ALL = [Attendee("forskolechef"), Attendee("socialtjanst"), Attendee("bhv_sjukskoterska")]
UID32 = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def bht(services):
    service = services.bht
    service.transfer_kdf = FAST_INSECURE  # the test KDF; the default is for real files
    return service


def consent(services, clock, *, both: bool = True, **changes) -> int:
    """Tyra Tolvansson's consent, two guardians, printed and signed on START."""
    data = copy.deepcopy(EXAMPLE)
    data.update(changes)
    service = services.consents
    clock.day = START
    cid = service.save(None, data).id
    service.mark_printed(cid, START)
    service.register_signature(cid, signed_on=START, received_on=START, registered_by=USER,
                               guardians=2, signer="Tolvan Tolvansson")
    if both:
        service.register_signature(cid, signed_on=START, received_on=START,
                                   registered_by=USER, signer="Elva Elvasdotter")
    return cid


def statuses(services, cid: int, day: date) -> tuple[ConsentStatus, ConsentStatus]:
    view = services.consents.get(cid)
    return lifecycle.status(view.consent, day), services.consents.row(view.uid, day).status


def test_per_guardian_status_at_the_periods_boundaries_in_core_and_list(services, clock):
    cid = consent(services, clock)
    expected = {
        START - timedelta(days=1): ConsentStatus.SIGNED,   # signed, its period not begun
        START: ConsentStatus.ACTIVE,
        END - timedelta(days=31): ConsentStatus.ACTIVE,
        END - timedelta(days=30): ConsentStatus.EXPIRING,
        END: ConsentStatus.EXPIRING,                        # the last day is still in force
        END + timedelta(days=1): ConsentStatus.EXPIRED,
    }
    for day, status in expected.items():
        assert statuses(services, cid, day) == (status, status), day
    half = consent(services, clock, both=False, barn_namn="Tage Testsson",
                   barn_personnummer={"kind": "personnummer", "value": "202012129983"})
    for day in (START, END):
        assert statuses(services, half, day) == (ConsentStatus.WAITING_OTHER,) * 2, day
        assert not lifecycle.is_in_force(services.consents.get(half).consent, day)
    assert ConsentStatus.WAITING_OTHER.label == "Väntar på den andra vårdnadshavarens underskrift"


def _team(bht) -> str:
    team = bht.create_team("Barnhälsoteam Östersund centrum", "Östersund", date(2025, 8, 1))
    bht.add_member(team, "forskolechef", "Maja Exempelsson", mandate="Kallar till möten")
    return team


def _named(child: str) -> list[TopicInput]:
    return [TopicInput("Språkutveckling", "individual",
                       NamedChild(child, "Föreslår kontakt med logoped."))]


def test_identified_discussion_and_transfer_on_the_last_day_and_the_day_after(
        services, clock, bht, tmp_path):
    cid = consent(services, clock)
    child = services.consents.get(cid).child.uid
    team = _team(bht)
    clock.day = END
    bht.record_meeting(team, END, ALL, _named(child))  # the last day: in force
    ok, why = bht.may_export(child)
    assert ok, why
    out = bht.export_transfer(child, tmp_path / "flytt.oro")
    assert out.meetings == 1 and out.passphrase
    clock.day = END + timedelta(days=1)
    with pytest.raises(IdentificationRefused) as refused:
        bht.record_meeting(team, END + timedelta(days=1), ALL, _named(child))
    assert "avidentifierat" in str(refused.value).lower()
    ok, why = bht.may_export(child)
    assert not ok and why and "2027-03-01" in why
    assert len(bht.meetings()) == 1


def test_an_identified_child_leaves_no_trace_in_the_report(services, clock, bht, tmp_path):
    cid = consent(services, clock)
    child = services.consents.get(cid).child.uid
    team = _team(bht)
    clock.day = START + timedelta(days=40)
    bht.record_meeting(team, START, ALL, _named(child))
    bht.record_meeting(team, START + timedelta(days=31), ALL,
                       [TopicInput("Inskolning", "organisation")])
    report = bht.yearly_report(2026)
    pdf = bht.report_pdf(2026)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Tyra" not in text and "Tolvansson" not in text and "20210315" not in text
    assert "Exempelgatan" not in text
    assert "Tyra" not in repr(report)


def test_barnhalsoteam_uids_follow_the_stable_id_contract(services, clock, bht, session):
    cid = consent(services, clock)
    child = services.consents.get(cid).child.uid
    assert UID32.fullmatch(child)
    team = _team(bht)
    meeting = bht.record_meeting(team, START, ALL, _named(child))
    assert UID32.fullmatch(team), team
    assert UID32.fullmatch(meeting), meeting


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_transfer_through_oro_admin_refuses_a_nej_and_round_trips_a_ja(
        services, clock, bht, session, capsys, monkeypatch, tmp_path):
    yes = consent(services, clock)
    no = consent(services, clock, overforing_vid_flytt=False, barn_namn="Tage Testsson",
                 barn_personnummer={"kind": "personnummer", "value": "202012129983"})
    team = _team(bht)
    for cid in (yes, no):
        bht.record_meeting(team, START, ALL, _named(services.consents.get(cid).child.uid))
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    base = ("--db", str(db), "--user", USER)
    # The CLI runs on the machine's date: use a consent period around today.
    code, out, err = run(capsys, monkeypatch, "transfer", "export", "20201212-9983",
                         "--out", str(tmp_path / "nej.oro"), *base)
    assert code != 0 and "Nej" in err and "Traceback" not in err
    assert not (tmp_path / "nej.oro").exists()
    code, out, err = run(capsys, monkeypatch, "init", "--db", str(tmp_path / "mottagare.db"),
                         "--admin", USER, "--password-stdin", stdin=f"{PASSWORD}\n")
    assert code == 0, err
    code, out, err = run(capsys, monkeypatch, "transfer", "export", "20210315-9808",
                         "--out", str(tmp_path / "ja.oro"), *base)
    if date.today() > END or date.today() < START:
        assert code != 0 and "Traceback" not in err
        return
    assert code == 0, err
    phrase = next(line.strip() for line in out.splitlines()
                  if re.fullmatch(r"\s*([A-Z0-9]{4}-){5}[A-Z0-9]{4}\s*", line))
    receiver = ("--db", str(tmp_path / "mottagare.db"), "--user", USER)
    code, out, err = run(capsys, monkeypatch, "transfer", "import", str(tmp_path / "ja.oro"),
                         *receiver, "--password-stdin", "--passphrase-stdin",
                         stdin=f"{PASSWORD}\n{'A' * 4}-{'C' * 4}-{'D' * 4}-{'E' * 4}-{'F' * 4}-{'H' * 4}\n")
    assert code != 0 and "Ingenting har importerats" in err
    code, out, err = run(capsys, monkeypatch, "transfer", "import", str(tmp_path / "ja.oro"),
                         *receiver, "--password-stdin", "--passphrase-stdin",
                         stdin=f"{PASSWORD}\n{phrase}\n")
    assert code == 0, err
    code, out, err = run(capsys, monkeypatch, "transfer", "import", str(tmp_path / "ja.oro"),
                         *receiver, "--password-stdin", "--passphrase-stdin",
                         stdin=f"{PASSWORD}\n{phrase}\n")
    assert code != 0 and "redan importerad" in err


def test_report_bht_through_oro_admin_counts_the_recorded_meetings(
        services, clock, bht, session, capsys, monkeypatch, tmp_path):
    team = _team(bht)
    days = [date(2026, 1, 14), date(2026, 1, 28), date(2026, 3, 11), date(2026, 9, 9)]
    clock.day = date(2026, 10, 1)
    for day in days:
        bht.record_meeting(team, day, ALL, [TopicInput("Inskolning", "organisation")])
    numbers = bht.yearly_report(2026).numbers
    assert numbers.meeting_count == 4
    assert numbers.per_month == (2, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0)
    assert dict(numbers.participation)["forskolechef"] == 4
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    out_pdf = tmp_path / "rapport.pdf"
    code, out, err = run(capsys, monkeypatch, "report", "bht", "--year", "2026",
                         "--out", str(out_pdf), "--db", str(db), "--user", USER)
    assert code == 0, err
    assert (out_pdf.stat().st_mode & 0o777) == 0o600
    text = " ".join("".join(p.extract_text() for p in PdfReader(str(out_pdf)).pages).split())
    assert re.search(r"\b4\b", text)  # four meetings held in 2026
    code, out, err = run(capsys, monkeypatch, "report", "bht", "--year", "2025",
                         "--out", str(tmp_path / "tom.pdf"), "--db", str(db), "--user", USER)
    assert code == 0, err


def test_the_demo_has_a_team_with_a_year_of_meetings_and_a_waiting_consent():
    session, directory = create_demo_store()
    try:
        bht = session.services.bht
        meetings = bht.meetings()
        teams = bht.teams()
        assert teams
        months = Counter((m.date.year, m.date.month) for m in meetings)
        first, last = min(m.date for m in meetings), max(m.date for m in meetings)
        assert (last - first).days >= 300, (first, last)
        assert len(months) >= 10, months
        waiting = session.services.consents.list(status=ConsentStatus.WAITING_OTHER)
        assert waiting
    finally:
        session.close()
        remove_demo_store(directory)


def test_no_identity_number_reaches_a_topic_or_the_report(services, clock, bht):
    from oro_desktop.core.barnhalsoteam import DeidentifiedDiscussion
    from oro_desktop.errors import InvalidInput

    team = _team(bht)
    for topic in (TopicInput("Tyra Tolvansson 20210315-9808", "group"),
                  TopicInput("Tyra 20210315-9808", "individual",
                             DeidentifiedDiscussion("Ett barn, 4 år: språket.", 4))):
        with pytest.raises(InvalidInput):
            bht.record_meeting(team, START, ALL, [topic])
    pdf = bht.report_pdf(2026)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "20210315" not in text


def test_report_bht_per_team_through_oro_admin(services, clock, bht, session, capsys,
                                               monkeypatch, tmp_path):
    one = _team(bht)
    other = bht.create_team("Barnhälsoteam Åre", "Åre", date(2025, 8, 1))
    clock.day = date(2026, 10, 1)
    bht.record_meeting(one, date(2026, 2, 4), ALL, [TopicInput("Inskolning", "organisation")])
    for day in (date(2026, 3, 4), date(2026, 4, 8)):
        bht.record_meeting(other, day, ALL, [TopicInput("Språk", "group")])
    db = session.path
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    code, out, err = run(capsys, monkeypatch, "report", "bht", "--year", "2026", "--team", other,
                         "--out", str(tmp_path / "are.pdf"), "--db", str(db), "--user", USER,
                         "--json")
    assert code == 0, err
    assert json.loads(out)["numbers"]["meeting_count"] == 2

"""The guideline's special situations per child (2.8, 2.9): recorded (migration 0010),
audited, shown as the guideline's own sentences, and a protected child's address never
printed (the consent PDF, the transfer file), even when marked after the consent."""

from __future__ import annotations

import io
import json
import re

import pypdf
import pytest

from oro_desktop.errors import InvalidInput
from oro_desktop.store import transfer

from .conftest import child_uid, signed_consent

ADDRESS = "Exempelgatan 12"
NONE = dict(protected_identity=False, secret_address=False, lvu_placement=False,
            family_home_sol=False, undocumented=False)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def _last_audit(session):
    return session.store.conn.execute(
        "SELECT action, record_type, record_id, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()


def test_a_child_without_situations_has_no_notice_and_no_mark(bht, consents):
    uid = child_uid(consents, signed_consent(consents))
    s = bht.situation(uid)
    assert (s.notices, s.marking, s.hide_address, s.label) == ((), "", False, s.name)
    assert s.name == "Tyra Tolvansson"
    assert tuple(_last_audit(bht._session)[:2]) == ("read", "person")


@pytest.mark.parametrize("fact, ids, phrase", [
    ("lvu_placement", ["lvu"], "behöver inte samtycke"),
    ("family_home_sol", ["family_home_sol"], "ska socialtjänsten alltid inhämta samtycke"),
    ("undocumented", ["undocumented", "secrecy_breaking"], "sekretessbrytande bestämmelse"),
    ("secret_address", ["protected"], "hemlig vistelseort"),
])
def test_each_fact_brings_the_guidelines_own_sentence(bht, consents, session, fact, ids, phrase):
    uid = child_uid(consents, signed_consent(consents))
    s = bht.set_situation(uid, **{**NONE, fact: True})
    assert [n.id for n in s.notices] == ids
    assert phrase in " ".join(n.quote.text for n in s.notices)
    action, record_type, _record, detail = _last_audit(session)
    assert (action, record_type) == ("update", "person")
    assert json.loads(detail)["bht_situation"] == {fact: True}
    assert bht.situation(uid) == s  # stored, not only returned
    # Setting the same facts again writes and audits nothing.
    before = session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    bht.set_situation(uid, **{**NONE, fact: True})
    after = session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert after == before


def test_protection_is_marked_beside_the_name_and_moving_adds_the_police(bht, consents, session):
    uid = child_uid(consents, signed_consent(consents))
    s = bht.set_situation(uid, **{**NONE, "protected_identity": True})
    assert s.marking == "Skyddade personuppgifter" and s.hide_address
    assert s.label == "Tyra Tolvansson (Skyddade personuppgifter)"
    assert s.number.endswith("-****")
    assert bht.child_labels([uid]) == {s.child_uid: "Tyra Tolvansson (Skyddade personuppgifter)"}
    moving = bht.situation(uid, moving=True)
    assert [n.id for n in moving.notices] == ["protected", "protected_moving"]
    assert "informera polisen" in moving.notices[1].quote.text
    # The situation dialog never clears the person's own protection mark (an untick while
    # editing another fact must not unmask the child everywhere) ...
    s = bht.set_situation(uid, **{**NONE, "secret_address": True})
    assert s.protected_identity and s.marking == "Skyddade personuppgifter"
    # ... only the person's own record does; then the secret address is the mark.
    from oro_desktop.services.persons import PersonService

    persons = PersonService(session)
    person = next(p for p in persons.search("Tyra") if p.uid == s.child_uid)
    persons.set_protected(person.id, False)
    s = bht.situation(uid)
    assert s.marking == "Hemlig vistelseort" and not s.protected_identity


def test_an_unknown_child_is_refused_in_swedish(bht):
    with pytest.raises(InvalidInput, match="Barnet finns inte"):
        bht.situation("0" * 32)


@pytest.mark.parametrize("fact", ["secret_address", "protected_identity"])
def test_the_consent_pdf_never_prints_a_protected_childs_address(bht, consents, fact):
    cid = signed_consent(consents)
    assert ADDRESS in _text(consents.render_pdf(cid))  # the example has an address
    bht.set_situation(child_uid(consents, cid), **{**NONE, fact: True})
    text = _text(consents.render_pdf(cid))
    assert ADDRESS not in text and "831 30" not in text
    assert "Tyra Tolvansson" in text


def test_the_transfer_file_carries_the_marks_but_never_the_address(bht, consents, session,
                                                                   tmp_path):
    from oro_desktop.core.barnhalsoteam import Attendee
    from oro_desktop.services.barnhalsoteam import NamedChild, TopicInput

    cid = signed_consent(consents)
    uid = child_uid(consents, cid)
    bht.set_situation(uid, **{**NONE, "secret_address": True, "lvu_placement": True})
    team = bht.create_team("Team", "Östersund", bht.today())
    bht.record_meeting(team, bht.today(), [Attendee("forskolechef")], [TopicInput(
        "Stöd", "individual", NamedChild(uid, "Följs upp."))])
    out = tmp_path / "flytt.oro"
    exported = bht.export_transfer(uid, out)
    _header, payload = transfer.read_transfer(out, exported.passphrase)
    assert payload["child"]["situation"] == {"lvu_placement": True, "family_home_sol": False,
                                             "secret_address": True, "undocumented": False}
    assert ADDRESS not in json.dumps(payload, ensure_ascii=False)
    assert "Östersund\n" not in json.dumps(payload, ensure_ascii=False)

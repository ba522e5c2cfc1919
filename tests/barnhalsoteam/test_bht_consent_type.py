"""The consent type: bounds of bilaga 1, and reading a filled form through its roles."""

from __future__ import annotations

import json
from datetime import date

import pytest

from oro_desktop.core.barnhalsoteam import BhtConsent, GuardianSignature, from_form
from oro_desktop.core.forms.loader import load_definition
from oro_desktop.errors import InvalidInput
from tests.barnhalsoteam.conftest import CHILD, CONSENT, ROOT, make_consent

FORM = ROOT / "forms" / "barnhalsoteam-samtycke.v1.yaml"
EXAMPLE = ROOT / "forms" / "examples" / "barnhalsoteam-samtycke.v1.json"


def test_at_most_twelve_months_and_known_boxes() -> None:
    with pytest.raises(InvalidInput, match="längst 12 månader"):
        make_consent(valid_to=date(2027, 3, 2))
    with pytest.raises(InvalidInput, match="Okänd verksamhet"):
        make_consent(parties=frozenset({"polisen"}))
    with pytest.raises(InvalidInput, match="ingen markerad"):
        make_consent(parties=frozenset())


def test_from_the_example_form() -> None:
    definition = load_definition(FORM)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    sig = (GuardianSignature(1, "Tolvan Tolvansson", date(2026, 3, 2), date(2026, 3, 3)),)
    c = from_form(definition, data, uid=CONSENT, child_uid=CHILD, guardians=2, signatures=sig)
    assert isinstance(c, BhtConsent)
    assert c.parties == {"forskola", "bvc", "ifo"} and c.transfer_on_move is True
    assert (c.valid_from, c.valid_to) == (date(2026, 3, 2), date(2027, 3, 1))
    # The two names typed on the form are not two registered signatures.
    assert c.status(date(2026, 4, 1)).label == "Väntar på den andra vårdnadshavarens underskrift"
    data["overforing_vid_flytt"] = None
    assert from_form(definition, data, uid=CONSENT, child_uid=CHILD,
                     guardians=1).transfer_on_move is None
    del data["giltighet"]
    with pytest.raises(InvalidInput, match="giltighetstid saknas"):
        from_form(definition, data, uid=CONSENT, child_uid=CHILD, guardians=1)


def test_renewal_proposes_the_next_twelve_months() -> None:
    from oro_desktop.core.barnhalsoteam import renewal_period

    c = make_consent()  # 2026-03-02..2027-03-01
    assert renewal_period(c, date(2027, 2, 1)) == (date(2027, 3, 2), date(2028, 3, 1))
    assert renewal_period(c, date(2027, 5, 10)) == (date(2027, 5, 10), date(2028, 5, 9))
    revoked = make_consent(revoked_on=date(2026, 6, 1))
    assert renewal_period(revoked, date(2026, 6, 2)) == (date(2026, 6, 2), date(2027, 6, 1))
    leap = make_consent(valid_from=date(2023, 3, 1), valid_to=date(2024, 2, 28))
    assert renewal_period(leap, date(2024, 2, 1)) == (date(2024, 2, 29), date(2025, 2, 28))

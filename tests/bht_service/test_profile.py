"""The user's profile fills "Samtycke inhämtat av"; renewing proposes the next period."""

from __future__ import annotations

from datetime import timedelta

import pytest

from oro_desktop.errors import InvalidInput
from oro_desktop.services import users

from .conftest import TODAY, signed_consent


def test_profile_fills_obtained_by_and_is_audited(session, consents):
    assert users.profile(session).full_name == ""
    users.update_profile(session, full_name="  Maja   Exempelsson ", function="BVC-sjuksköterska",
                         unit="Hälsocentralen Exemplet")
    assert users.profile(session) == users.Profile(
        "Maja Exempelsson", "BVC-sjuksköterska", "Hälsocentralen Exemplet")
    data = consents.new_draft().data
    assert data["inhamtat_namn"] == "Maja Exempelsson"
    assert data["inhamtat_funktion"] == "BVC-sjuksköterska, Hälsocentralen Exemplet"
    row = session.store.conn.execute(
        "SELECT action, record_type, record_id FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(row) == ("update", "user", "admin")
    with pytest.raises(InvalidInput, match="för långt"):
        users.update_profile(session, full_name="x" * 201, function="", unit="")


def test_renewal_proposes_the_period_after_the_old_one(consents, clock):
    cid = signed_consent(consents)
    clock.day = TODAY + timedelta(days=340)
    new = consents.get(consents.renew(cid))
    assert new.data["giltighet"] == {"from": "2027-03-02", "to": "2028-03-01"}

"""Consent per guardian: one of two signatures waits for the other, in core and in the
SQL list at fixed dates; the rules of registration."""

from __future__ import annotations

from datetime import timedelta

import pytest

from oro_desktop.core import consent as lifecycle
from oro_desktop.core.consent import NEEDS_ACTION, ConsentStatus
from oro_desktop.errors import InvalidInput

from .conftest import TODAY, example, signed_consent


def _statuses(consents, cid, day):
    core = lifecycle.status(consents.get(cid).consent, day)
    listed = consents.row(consents.get(cid).uid, day).status
    return core, listed


def test_one_of_two_signatures_waits_for_the_other_in_core_and_in_the_list(consents, clock):
    cid = signed_consent(consents, both=False)
    for day in (TODAY, TODAY + timedelta(days=100), TODAY + timedelta(days=400)):
        assert _statuses(consents, cid, day) == (ConsentStatus.WAITING_OTHER,) * 2
    assert ConsentStatus.WAITING_OTHER.label == \
        "Väntar på den andra vårdnadshavarens underskrift"
    assert ConsentStatus.WAITING_OTHER in NEEDS_ACTION
    assert not lifecycle.is_in_force(consents.get(cid).consent, TODAY)
    assert [r.uid for r in consents.list_page(0, 50, statuses={ConsentStatus.WAITING_OTHER})] \
        == [consents.get(cid).uid]
    clock.day = TODAY + timedelta(days=3)
    consents.register_signature(cid, signed_on=TODAY, received_on=clock.day,
                                registered_by="admin", signer="Elva Elvasdotter")
    assert _statuses(consents, cid, clock.day) == (ConsentStatus.ACTIVE,) * 2
    assert _statuses(consents, cid, TODAY + timedelta(days=350)) == (ConsentStatus.EXPIRING,) * 2
    assert _statuses(consents, cid, TODAY + timedelta(days=366)) == (ConsentStatus.EXPIRED,) * 2


def test_one_guardian_is_in_force_with_one_signature(consents):
    cid = signed_consent(consents, guardians=1)
    assert _statuses(consents, cid, TODAY) == (ConsentStatus.ACTIVE,) * 2
    with pytest.raises(InvalidInput, match="en vårdnadshavare"):
        consents.register_signature(cid, signed_on=TODAY, received_on=TODAY,
                                    registered_by="admin", signer="Elva Elvasdotter")


def test_the_same_person_cannot_sign_for_both_and_a_third_signature_is_refused(consents):
    cid = signed_consent(consents, both=False)
    with pytest.raises(InvalidInput, match="Samma person"):
        consents.register_signature(cid, signed_on=TODAY, received_on=TODAY,
                                    registered_by="admin", signer=" tolvan  TOLVANSSON")
    consents.register_signature(cid, signed_on=TODAY, received_on=TODAY, registered_by="admin",
                                signer="Elva Elvasdotter")
    with pytest.raises(InvalidInput, match="redan registrerade"):
        consents.register_signature(cid, signed_on=TODAY, received_on=TODAY,
                                    registered_by="admin", signer="Någon Annan")


def test_two_guardians_need_the_signer_named_and_count_is_fixed_after_signing(consents):
    cid = consents.save(None, example()).id
    with pytest.raises(InvalidInput, match="vilken vårdnadshavare"):
        consents.register_signature(cid, signed_on=TODAY, received_on=TODAY,
                                    registered_by="admin", guardians=2)
    consents.register_signature(cid, signed_on=TODAY, received_on=TODAY, registered_by="admin",
                                guardians=2, signer="Tolvan Tolvansson")
    with pytest.raises(InvalidInput, match="Antalet vårdnadshavare"):
        consents.set_guardians(cid, 1)


def test_revoked_while_waiting_is_revoked(consents):
    cid = signed_consent(consents, both=False)
    consents.revoke(cid, received_on=TODAY, registered_by="admin")
    assert _statuses(consents, cid, TODAY) == (ConsentStatus.REVOKED,) * 2


def test_renewal_keeps_the_number_of_guardians_and_proposes_the_next_period(consents):
    cid = signed_consent(consents)
    old = consents.get(cid).consent
    new = lifecycle.renew(old, [])
    assert new.guardians == 2 and new.signed is None and new.second_signed is None
    assert lifecycle.next_period(old, TODAY) == (TODAY.replace(year=2027),
                                                 TODAY.replace(year=2028) - timedelta(days=1))

"""The consent lifecycle, with fixed dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from oro_desktop.core.consent import (
    Consent,
    ConsentStatus,
    Registration,
    SignedPaper,
    attach_scan,
    clearable_fields,
    decline,
    is_in_force,
    mark_printed,
    register_signature,
    renew,
    revoke,
    set_validity,
    status,
)
from oro_desktop.core.forms import FormLibrary
from oro_desktop.errors import InvalidInput

FORMS = Path(__file__).resolve().parents[2] / "forms"
D = date
DRAFT = Consent("barnhalsoteam-samtycke", 1, {"barn_namn": "Tyra Tolvansson"})
VALID = set_validity(DRAFT, D(2026, 3, 2), D(2027, 3, 1))
PRINTED = mark_printed(VALID, D(2026, 3, 2))
SIGNED = register_signature(
    PRINTED, signed_on=D(2026, 3, 2), received_on=D(2026, 3, 3),
    registered_by="maja", today=D(2026, 3, 3),
)
EARLY_SIGNED = register_signature(
    mark_printed(set_validity(DRAFT, D(2026, 4, 1), D(2027, 3, 31)), D(2026, 3, 1)),
    signed_on=D(2026, 3, 2), received_on=D(2026, 3, 2), registered_by="maja",
    today=D(2026, 3, 2),
)
REVOKED = revoke(SIGNED, received_on=D(2026, 6, 1), registered_by="olle", today=D(2026, 6, 1))
DECLINED = decline(PRINTED, on=D(2026, 3, 2), registered_by="maja", today=D(2026, 3, 2))


@pytest.mark.parametrize(
    "consent, today, expected",
    [
        (DRAFT, D(2026, 3, 1), ConsentStatus.DRAFT),
        (VALID, D(2026, 3, 1), ConsentStatus.DRAFT),
        (PRINTED, D(2026, 3, 2), ConsentStatus.PRINTED),
        (PRINTED, D(2030, 1, 1), ConsentStatus.PRINTED),
        (EARLY_SIGNED, D(2026, 3, 31), ConsentStatus.SIGNED),      # not yet in force
        (EARLY_SIGNED, D(2026, 4, 1), ConsentStatus.ACTIVE),
        (SIGNED, D(2026, 3, 2), ConsentStatus.ACTIVE),
        (SIGNED, D(2027, 1, 29), ConsentStatus.ACTIVE),            # 31 days left
        (SIGNED, D(2027, 1, 30), ConsentStatus.EXPIRING),          # 30 days left
        (SIGNED, D(2027, 3, 1), ConsentStatus.EXPIRING),           # last day, 0 left
        (SIGNED, D(2027, 3, 2), ConsentStatus.EXPIRED),
        (REVOKED, D(2026, 6, 1), ConsentStatus.REVOKED),
        (REVOKED, D(2026, 5, 1), ConsentStatus.REVOKED),           # never active again
        (REVOKED, D(2028, 1, 1), ConsentStatus.REVOKED),
        (DECLINED, D(2026, 3, 2), ConsentStatus.DECLINED),
    ],
)
def test_status_table(consent: Consent, today: date, expected: ConsentStatus) -> None:
    assert status(consent, today) is expected
    assert is_in_force(consent, today) == (
        expected in (ConsentStatus.ACTIVE, ConsentStatus.EXPIRING)
    )


def test_status_labels_are_swedish() -> None:
    assert ConsentStatus.EXPIRING.label == "Går snart ut"
    assert ConsentStatus.REVOKED.label == "Återkallat"


def test_signature_registration_records_who_and_when() -> None:
    assert SIGNED.signed == SignedPaper(D(2026, 3, 2), Registration(D(2026, 3, 3), "maja"))
    scanned = attach_scan(SIGNED, "scan-1")
    assert scanned.signed is not None and scanned.signed.scan_ref == "scan-1"


def test_signature_may_be_registered_on_an_unprinted_draft() -> None:
    signed = register_signature(VALID, signed_on=D(2026, 3, 2), received_on=D(2026, 3, 2),
                                registered_by="maja", today=D(2026, 3, 2))
    assert status(signed, D(2026, 3, 2)) is ConsentStatus.ACTIVE


@pytest.mark.parametrize(
    "consent, kwargs, message",
    [
        (DRAFT, {}, "giltighetstid"),
        (SIGNED, {}, "redan registrerad"),
        (DECLINED, {}, "avböjt"),
        (REVOKED, {}, "återkallat"),
        (PRINTED, {"signed_on": D(2026, 3, 4), "received_on": D(2026, 3, 4)}, "framtiden"),
        (PRINTED, {"received_on": D(2026, 3, 1)}, "före underskriften"),
        (PRINTED, {"signed_on": D(2026, 3, 3)}, "före underskriften"),
        (PRINTED, {"registered_by": " "}, "vem"),
        (replace(PRINTED, valid_to=D(2027, 3, 2)), {}, "12 månader"),
    ],
)
def test_signature_registration_is_refused(consent: Consent, kwargs: dict, message: str) -> None:
    args = {"signed_on": D(2026, 3, 2), "received_on": D(2026, 3, 3), "registered_by": "maja",
            "today": D(2026, 3, 3)} | kwargs
    with pytest.raises(InvalidInput, match=message):
        register_signature(consent, **args)


def test_validity_is_at_most_12_months() -> None:
    with pytest.raises(InvalidInput, match="2027-02-28"):
        set_validity(DRAFT, D(2026, 3, 1), D(2027, 3, 1))
    assert set_validity(DRAFT, D(2024, 2, 29), D(2025, 2, 28)).valid_to == D(2025, 2, 28)
    with pytest.raises(InvalidInput, match="före"):
        set_validity(DRAFT, D(2026, 3, 2), D(2026, 3, 1))
    with pytest.raises(InvalidInput, match="innan"):
        set_validity(SIGNED, D(2026, 3, 2), D(2026, 4, 1))


@pytest.mark.parametrize(
    "consent, received_on, message",
    [
        (DECLINED, D(2026, 6, 1), "avböjt samtycke kan inte återkallas"),
        (REVOKED, D(2026, 6, 1), "redan återkallat"),
        (PRINTED, D(2026, 6, 1), "inte underskrivet"),
        (DRAFT, D(2026, 6, 1), "inte underskrivet"),
        (SIGNED, D(2026, 3, 1), "före underskriften"),
        (SIGNED, D(2027, 3, 2), "gick ut"),
        (SIGNED, D(2028, 1, 1), "framtiden"),
    ],
)
def test_revocation_is_refused(consent: Consent, received_on: date, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        revoke(consent, received_on=received_on, registered_by="olle", today=D(2027, 6, 1))


def test_revocation_received_on_the_last_day_is_accepted() -> None:
    late = revoke(SIGNED, received_on=D(2027, 3, 1), registered_by="olle", today=D(2027, 4, 1))
    assert late.revoked == Registration(D(2027, 3, 1), "olle")


def test_decline_only_before_signature() -> None:
    with pytest.raises(InvalidInput, match="återkallelse"):
        decline(SIGNED, on=D(2026, 3, 4), registered_by="maja", today=D(2026, 3, 4))
    with pytest.raises(InvalidInput, match="redan"):
        decline(DECLINED, on=D(2026, 3, 4), registered_by="maja", today=D(2026, 3, 4))


def test_printing_only_drafts() -> None:
    assert mark_printed(PRINTED, D(2026, 3, 5)).printed_on == D(2026, 3, 5)
    for c in (SIGNED, REVOKED, DECLINED):
        with pytest.raises(InvalidInput, match="kan inte skrivas ut"):
            mark_printed(c, D(2026, 6, 2))


def test_renew_builds_a_draft_without_dates_or_signatures() -> None:
    definition = FormLibrary(FORMS).get("barnhalsoteam-samtycke", 1)
    data = {
        "barn_namn": "Tyra Tolvansson",
        "verksamheter": ["bvc"],
        "underskrifter": [{"name": "Tolvan Tolvansson", "date": "2026-03-02"}],
        "giltighet": {"from": "2026-03-02", "to": "2027-03-01"},
    }
    old = revoke(replace(SIGNED, data=data), received_on=D(2026, 6, 1), registered_by="olle",
                 today=D(2026, 6, 1))
    assert set(clearable_fields(definition)) == {"underskrifter", "giltighet"}
    new = renew(old, clearable_fields(definition))
    assert new.data == {"barn_namn": "Tyra Tolvansson", "verksamheter": ["bvc"]}
    assert status(new, D(2026, 6, 2)) is ConsentStatus.DRAFT
    assert (new.valid_from, new.valid_to, new.printed_on, new.signed, new.revoked) == (
        None, None, None, None, None)
    assert renew(old, [], form_version=2).form_version == 2


def test_validity_from_form_data() -> None:
    from oro_desktop.core.consent import validity_field, validity_from_data

    definition = FormLibrary(FORMS).get("barnhalsoteam-samtycke", 1)
    assert validity_field(definition) == "giltighet"
    data = {"giltighet": {"from": "2026-03-02", "to": "2027-03-01"}}
    assert validity_from_data(definition, data) == (D(2026, 3, 2), D(2027, 3, 1))
    assert validity_from_data(definition, {}) == (None, None)
    assert validity_from_data(definition, {"giltighet": {"from": "x"}}) == (None, None)

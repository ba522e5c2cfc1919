"""Consent per guardian at fixed dates: in force only when every guardian has signed."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.barnhalsoteam import (
    WAITING_FOR_OTHER, GuardianConsentStatus as S, GuardianSignature, guardian_status,
)
from oro_desktop.errors import InvalidInput

FROM, TO = date(2026, 3, 2), date(2027, 3, 1)
FIRST = GuardianSignature(1, "Tolvan Tolvansson", date(2026, 3, 2), date(2026, 3, 2))
SECOND = GuardianSignature(2, "Elva Elvasdotter", date(2026, 3, 9), date(2026, 3, 10))


def status(guardians: int, sigs: tuple[GuardianSignature, ...], on: date,
           revoked: date | None = None) -> S:
    return guardian_status(guardians=guardians, signatures=sigs, valid_from=FROM, valid_to=TO,
                           on=on, revoked_on=revoked)


@pytest.mark.parametrize(("on", "expected"), [
    (date(2026, 3, 1), S.WAITING),                 # before the first paper arrived
    (date(2026, 3, 2), S.WAITING_FOR_OTHER),       # one of two
    (date(2026, 3, 9), S.WAITING_FOR_OTHER),       # signed on the 9th, registered the 10th
    (date(2026, 3, 10), S.IN_FORCE),
    (date(2027, 3, 1), S.IN_FORCE),                # last valid day
    (date(2027, 3, 2), S.EXPIRED),
])
def test_joint_custody_waits_for_the_second_guardian(on: date, expected: S) -> None:
    assert status(2, (FIRST, SECOND), on) is expected


def test_the_waiting_label_is_the_issues_words() -> None:
    assert status(2, (FIRST,), date(2026, 6, 1)).label == WAITING_FOR_OTHER
    assert WAITING_FOR_OTHER == "Väntar på den andra vårdnadshavarens underskrift"
    assert status(2, (FIRST, SECOND), date(2026, 6, 1)).label == "Giltigt"


def test_one_guardian_is_enough_when_there_is_one() -> None:
    assert status(1, (FIRST,), date(2026, 3, 2)) is S.IN_FORCE
    with pytest.raises(InvalidInput, match="en vårdnadshavare"):
        status(1, (FIRST, SECOND), date(2026, 3, 12))


def test_signed_before_the_period_is_not_yet_valid() -> None:
    early = GuardianSignature(1, "Tolvan Tolvansson", date(2026, 2, 20), date(2026, 2, 20))
    assert status(1, (early,), date(2026, 2, 25)) is S.NOT_YET_VALID
    assert status(1, (early,), date(2026, 3, 2)) is S.IN_FORCE


def test_revocation_by_either_guardian_ends_it_from_the_day_received() -> None:
    assert status(2, (FIRST, SECOND), date(2026, 5, 31), revoked=date(2026, 6, 1)) is S.IN_FORCE
    assert status(2, (FIRST, SECOND), date(2026, 6, 1), revoked=date(2026, 6, 1)) is S.REVOKED
    assert status(2, (FIRST,), date(2026, 6, 1), revoked=date(2026, 6, 1)) is S.REVOKED


def test_one_parent_cannot_sign_for_the_other() -> None:
    same = GuardianSignature(2, " tolvan  TOLVANSSON", date(2026, 3, 2), date(2026, 3, 2))
    with pytest.raises(InvalidInput, match="kan inte samtycka för den andra"):
        status(2, (FIRST, same), date(2026, 3, 3))
    again = GuardianSignature(1, "Någon Annan", date(2026, 3, 3), date(2026, 3, 3))
    with pytest.raises(InvalidInput, match="redan registrerad"):
        status(2, (FIRST, again), date(2026, 3, 3))


def test_bad_signatures_are_refused() -> None:
    with pytest.raises(InvalidInput):
        GuardianSignature(3, "Tredje", FROM, FROM)
    with pytest.raises(InvalidInput, match="före underskriften"):
        GuardianSignature(1, "Tolvan", date(2026, 3, 5), date(2026, 3, 4))
    with pytest.raises(InvalidInput):
        GuardianSignature(1, " ", FROM, FROM)
    with pytest.raises(InvalidInput, match="en eller två"):
        status(3, (FIRST,), FROM)

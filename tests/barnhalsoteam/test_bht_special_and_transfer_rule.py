"""Special situations where they apply; export only with Ja and a consent in force."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from oro_desktop.core.barnhalsoteam import (
    BhtConsent, BhtGuideline, Circumstances, GuardianSignature, marking, may_export, notices,
)

Make = Callable[..., BhtConsent]
DAY = date(2026, 9, 1)


def test_no_notice_for_an_ordinary_child(guideline: BhtGuideline) -> None:
    assert notices(guideline, Circumstances()) == ()


def test_lvu_consent_not_required_but_always_sought(guideline: BhtGuideline) -> None:
    (n,) = notices(guideline, Circumstances(lvu_placement=True))
    assert n.id == "lvu" and n.consent == "not_required_but_sought"
    assert "Ett samtycke ska dock alltid eftersträvas." in n.quote.text
    assert n.quote.source == "2.8 Samtycke och sekretess" and n.quote.legal == ("lvu",)


def test_family_home_sol_names_the_current_act(guideline: BhtGuideline) -> None:
    (n,) = notices(guideline, Circumstances(family_home_sol=True))
    assert "socialtjänsten alltid inhämta samtycke" in n.quote.text
    assert "2025:400" in n.quote.note


def test_protected_identity_and_secret_address_hide_the_address(guideline: BhtGuideline) -> None:
    for child in (Circumstances(protected_identity=True), Circumstances(secret_address=True)):
        (n,) = notices(guideline, child)
        assert n.id == "protected" and n.hide_address
    moving = notices(guideline, Circumstances(secret_address=True, moving=True))
    assert [n.id for n in moving] == ["protected", "protected_moving"]
    assert "informera polisen" in moving[1].quote.text
    assert marking(Circumstances(protected_identity=True)) == "Skyddade personuppgifter"
    assert marking(Circumstances(secret_address=True)) == "Hemlig vistelseort"
    assert marking(Circumstances()) == ""


def test_undocumented_consent_unless_secrecy_breaking(guideline: BhtGuideline) -> None:
    found = notices(guideline, Circumstances(undocumented=True))
    assert [n.id for n in found] == ["undocumented", "secrecy_breaking"]
    assert found[0].consent == "required_unless_secrecy_breaking"
    assert "19 kap. 1 §" in found[0].quote.note
    assert "restriktivt" in found[1].quote.text


def test_several_at_once_keep_the_guidelines_order(guideline: BhtGuideline) -> None:
    child = Circumstances(undocumented=True, lvu_placement=True, protected_identity=True)
    assert [n.id for n in notices(guideline, child)] == [
        "lvu", "protected", "undocumented", "secrecy_breaking"]


def test_export_allowed_with_ja_and_in_force(consent: Make) -> None:
    assert may_export(consent(), DAY).allowed


def test_export_refused_for_nej_unanswered_expired_revoked(consent: Make) -> None:
    nej = may_export(consent(transfer_on_move=False), DAY)
    assert not nej.allowed and "svarat Nej" in nej.reason
    blank = may_export(consent(transfer_on_move=None), DAY)
    assert not blank.allowed and "svarar inte" in blank.reason
    expired = may_export(consent(), date(2027, 3, 2))
    assert not expired.allowed and "gick ut 2027-03-01" in expired.reason
    revoked = may_export(consent(revoked_on=date(2026, 8, 1)), DAY)
    assert not revoked.allowed and "återkallades 2026-08-01" in revoked.reason
    assert "inget samtycke" in may_export(None, DAY).reason


def test_export_refused_while_one_guardian_is_missing(consent: Make) -> None:
    one = consent(signatures=(GuardianSignature(2, "Elva Elvasdotter", date(2026, 3, 2),
                                                date(2026, 3, 2)),))
    verdict = may_export(one, DAY)
    assert not verdict.allowed and "andra vårdnadshavarens" in verdict.reason

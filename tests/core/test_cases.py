"""The person and case model in core: display rules and the invariants of a case."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.cases import Case, CaseStatus, Concern, Participant, Role
from oro_desktop.core.identity import IdentityKind, IdentityNumber, missing, reservnummer
from oro_desktop.core.persons import Person
from oro_desktop.errors import InvalidInput

PNR = IdentityNumber(IdentityKind.PERSONNUMMER, "191212121212")
MOTHER = Person(IdentityNumber(IdentityKind.PERSONNUMMER, "202103159808"), "Tyra Tolvansson",
                uid="a" * 32)
PARTNER = Person(PNR, "Tolvan Tolvansson", address="Gatan 1", uid="b" * 32)
UNBORN = Person(missing("väntat barn"), "Väntat barn", uid="c" * 32)
DUE = date(2026, 9, 1)


def _expected_case(*more: Participant, **kw) -> Case:
    return Case("jamtland-oro-for-vantat-barn", "Östersund",
                (Participant(Role.EXPECTED_CHILD, UNBORN, DUE),
                 Participant(Role.PREGNANT, MOTHER), *more),
                opened_on=date(2026, 3, 2), responsible_user="anna", **kw)


def test_number_is_masked_and_address_hidden_for_protected_identity():
    p = Person(PNR, "Tolvan", address="Gatan 1", protected=True)
    assert p.number_display() == "19121212-****"
    assert p.number_display(masked=False) == "19121212-1212"
    assert p.shown_address() == ""
    assert Person(PNR, "Tolvan", address="Gatan 1").shown_address() == "Gatan 1"
    assert Person(reservnummer("R123"), "X", protected=True).number_display() == "****"
    nobody = Person(missing("Ej folkbokförd"), "Nyfödd")
    assert not nobody.has_number and nobody.no_number_reason == "Ej folkbokförd"
    assert nobody.number_display() == "Saknas: Ej folkbokförd"


def test_expected_child_has_no_number_and_a_due_date():
    with pytest.raises(InvalidInput, match="inget identitetsnummer"):
        Participant(Role.EXPECTED_CHILD, MOTHER, DUE)
    with pytest.raises(InvalidInput, match="förlossningsdatum"):
        Participant(Role.EXPECTED_CHILD, UNBORN)
    with pytest.raises(InvalidInput, match="Bara det väntade barnet"):
        Participant(Role.CHILD, UNBORN, DUE)
    assert _expected_case().subject.due_date == DUE


def test_a_case_has_exactly_one_subject():
    with pytest.raises(InvalidInput, match="precis ett barn"):
        Case("g", "Växjö", (Participant(Role.PREGNANT, MOTHER),), opened_on=DUE,
             responsible_user="anna")
    child = Person(PNR, "Tolvan", uid="d" * 32)
    with pytest.raises(InvalidInput, match="precis ett barn"):
        _expected_case(Participant(Role.CHILD, child))
    with pytest.raises(InvalidInput, match="precis ett barn"):
        _expected_case().without(UNBORN)


def test_role_slots_pregnant_partner_guardians():
    other = Person(IdentityNumber(IdentityKind.PERSONNUMMER, "202102289903"), "Juni", uid="e" * 32)
    with pytest.raises(InvalidInput, match="högst 1"):
        _expected_case(Participant(Role.PREGNANT, other))
    with pytest.raises(InvalidInput, match="högst 1"):
        _expected_case(Participant(Role.PARTNER, PARTNER), Participant(Role.PARTNER, other))
    with pytest.raises(InvalidInput, match="inga vårdnadshavare"):
        _expected_case(Participant(Role.GUARDIAN, PARTNER))
    case = _expected_case(Participant(Role.PARTNER, PARTNER), Participant(Role.RELATIVE, other))
    born = case.born(Person(missing("Ej folkbokförd ännu"), "Nyfödd", uid="f" * 32))
    assert born.subject.role is Role.CHILD and not born.is_expected_child
    assert [p.person.name for p in born.in_role(Role.GUARDIAN)] == ["Tyra Tolvansson"]
    assert born.in_role(Role.PREGNANT) == [] and born.in_role(Role.PARTNER)[0].person == PARTNER
    # A born child: no pregnant person, at most two guardians.
    with pytest.raises(InvalidInput, match="väntat barn"):
        born.born(UNBORN)
    with pytest.raises(InvalidInput, match="bara i ett ärende om ett väntat barn"):
        Case("g", "Växjö", (born.subject, Participant(Role.PREGNANT, MOTHER)),
             opened_on=DUE, responsible_unit="BVC")
    two = Case("g", "Växjö", (born.subject, Participant(Role.GUARDIAN, MOTHER),
                              Participant(Role.GUARDIAN, PARTNER)), opened_on=DUE,
               responsible_unit="BVC")
    with pytest.raises(InvalidInput, match="högst 2"):
        two.with_participant(Participant(Role.GUARDIAN, other))


def test_one_person_holds_one_role():
    with pytest.raises(InvalidInput, match="finns redan"):
        _expected_case(Participant(Role.PARTNER, MOTHER))
    same_number = Person(PARTNER.identity, "Tolvan T")  # no uid yet: the number decides
    with pytest.raises(InvalidInput, match="finns redan"):
        _expected_case(Participant(Role.PARTNER, PARTNER), Participant(Role.RELATIVE, same_number))


def test_case_names_guideline_municipality_responsible_and_closes_properly():
    with pytest.raises(InvalidInput, match="riktlinje"):
        Case(" ", "Växjö", _expected_case().participants, opened_on=DUE, responsible_user="a")
    with pytest.raises(InvalidInput, match="kommun"):
        Case("g", "", _expected_case().participants, opened_on=DUE, responsible_user="a")
    with pytest.raises(InvalidInput, match="ansvarig"):
        Case("g", "Växjö", _expected_case().participants, opened_on=DUE)
    case = _expected_case(concerns=frozenset({Concern.MENTAL_HEALTH}))
    assert case.status is CaseStatus.OPEN and Concern.MENTAL_HEALTH.label == "Psykisk ohälsa"
    closed = case.close(date(2026, 4, 1))
    assert closed.status is CaseStatus.CLOSED and closed.closed_on == date(2026, 4, 1)
    with pytest.raises(InvalidInput, match="redan avslutat"):
        closed.close(date(2026, 4, 2))
    with pytest.raises(InvalidInput, match="före det öppnades"):
        case.close(date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="avslutsdatum"):
        _expected_case(closed_on=date(2026, 4, 1))
    assert closed.reopen().closed_on is None

"""Identity numbers: personnummer, samordningsnummer, reservnummer, saknas."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.identity import (
    IdentityKind,
    IdentityNumber,
    identity_from_data,
    missing,
    parse_identity,
    parse_number,
    reservnummer,
)
from oro_desktop.errors import InvalidInput

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    "text, twelve",
    [
        ("19121212-1212", "191212121212"),   # Tolvan Tolvansson, Skatteverket's example
        ("191212121212", "191212121212"),
        ("121212+1212", "191212121212"),     # '+': 100 years or older
        ("20210315-9808", "202103159808"),   # test series (980-999)
        ("210315-9808", "202103159808"),     # 10 digits, under 100: this century
        ("2103159808", "202103159808"),
        ("880101-9806", "198801019806"),
    ],
)
def test_valid_personnummer_is_stored_as_12_digits(text: str, twelve: str) -> None:
    result = parse_number(text, TODAY)
    assert result == IdentityNumber(IdentityKind.PERSONNUMMER, twelve)
    assert result.display() == f"{twelve[:8]}-{twelve[8:]}"


def test_ten_digit_century_uses_the_reference_date_not_the_clock() -> None:
    # Born 1926-12-01 is 99 on 2026-03-01 ('-'); a 2026-12 birth would be in the future.
    assert parse_number("121212-1212", date(2013, 1, 1)).value == "201212121212"
    assert parse_number("121212-1212", date(2012, 12, 1)).value == "191212121212"


def test_samordningsnummer_is_its_own_kind_with_the_real_birth_date() -> None:
    result = parse_number("20210375-9805", TODAY)
    assert result.kind is IdentityKind.SAMORDNINGSNUMMER
    assert result.value == "202103759805"
    assert result.birth_date() == date(2021, 3, 15)


@pytest.mark.parametrize(
    "text",
    ["19121212-1213", "20210315-9809", "19121312-1212", "abc", "1212121212121", "20210375-9806"],
)
def test_invalid_numbers_raise_a_swedish_message(text: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_number(text, TODAY)
    assert "personnummer" in exc.value.message or "samordningsnummer" in exc.value.message


def test_birth_date_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput, match="framtiden"):
        parse_number("20210315-9808", date(2020, 1, 1))


def test_empty_number_is_refused() -> None:
    with pytest.raises(InvalidInput, match="saknas"):
        parse_number("  ", TODAY)


def test_reservnummer_is_free_format_and_not_luhn_checked() -> None:
    result = reservnummer(" 99-ABC-123 ")
    assert result == IdentityNumber(IdentityKind.RESERVNUMMER, "99-ABC-123")
    assert "reservnummer" in result.display()
    with pytest.raises(InvalidInput):
        reservnummer("")


def test_saknas_needs_a_reason() -> None:
    assert missing("väntat barn").display() == "Saknas: väntat barn"
    with pytest.raises(InvalidInput, match="varför"):
        missing("  ")
    with pytest.raises(InvalidInput):
        parse_identity("saknas", "", "", today=TODAY)


def test_form_data_shapes() -> None:
    assert identity_from_data("19121212-1212", today=TODAY).value == "191212121212"
    assert identity_from_data(
        {"kind": "saknas", "reason": "ej folkbokförd"}, today=TODAY
    ).kind is IdentityKind.SAKNAS
    # A samordningsnummer typed as "personnummer" is accepted and labelled right.
    assert identity_from_data(
        {"kind": "personnummer", "value": "202103759805"}, today=TODAY
    ).kind is IdentityKind.SAMORDNINGSNUMMER
    with pytest.raises(InvalidInput, match="Okänd typ"):
        identity_from_data({"kind": "pass", "value": "x"}, today=TODAY)
    with pytest.raises(InvalidInput):
        identity_from_data(42, today=TODAY)
    ident = IdentityNumber(IdentityKind.SAKNAS, "", "nyfödd")
    assert ident.to_dict() == {"kind": "saknas", "value": "", "reason": "nyfödd"}

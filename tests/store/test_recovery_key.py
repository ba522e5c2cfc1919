"""The recovery key format: readable aloud, typo-tolerant where safe, checked."""

from __future__ import annotations

import pytest

from oro_desktop.errors import InvalidInput
from oro_desktop.store import recovery


def test_roundtrip_and_format():
    secret = recovery.new_secret()
    text = recovery.format_key(secret)
    assert len(text.split("-")) == 14
    assert set(text.replace("-", "")) <= set(recovery.ALPHABET)
    assert recovery.parse_key(text) == secret


def test_tolerates_case_spaces_and_confusable_letters():
    secret = bytes(range(32))
    text = recovery.format_key(secret)
    messy = text.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert recovery.parse_key("  " + messy + "\n") == secret
    assert recovery.parse_key(text.replace("1", "I").replace("-", "")) == secret


def test_typo_is_caught_by_check_group():
    text = recovery.format_key(bytes(32))
    typo = ("2" if text[0] != "2" else "3") + text[1:]
    with pytest.raises(InvalidInput):
        recovery.parse_key(typo)
    with pytest.raises(InvalidInput):
        recovery.parse_key(text[:-5])
    with pytest.raises(InvalidInput):
        recovery.parse_key(text.replace(text[5], "U", 1))


def test_database_key_is_deterministic_and_distinct():
    a, b = recovery.new_secret(), recovery.new_secret()
    assert recovery.database_key(a) == recovery.database_key(a)
    assert recovery.database_key(a) != recovery.database_key(b)
    assert len(recovery.database_key(a)) == 32

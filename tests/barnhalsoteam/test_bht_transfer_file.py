"""Transfer files: round trip, one-time passphrase, 0600, refusals that import nothing."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from oro_desktop.errors import InvalidInput
from oro_desktop.store import kdf
from oro_desktop.store.transfer import (
    ALPHABET, MAX_PAYLOAD_BYTES, AlreadyImported, NotATransferFile, TransferError,
    WrongPassphraseOrDamaged, new_passphrase, normalise_passphrase, open_sealed, read_header,
    read_transfer, seal, write_transfer,
)

FAST = kdf.FAST_INSECURE
DAY = date(2026, 9, 1)
PAYLOAD = {"child": {"uid": "33333333-3333-4333-8333-333333333333", "name": "Tyra Tolvansson"},
           "meetings": [{"uid": "00000000-0000-4000-8000-000000000103", "date": "2026-03-04"}]}


def test_round_trip_keeps_the_payload_and_stable_ids(tmp_path: Path) -> None:
    path = tmp_path / "overforing.bht"
    phrase, package = write_transfer(path, PAYLOAD, created=DAY, kdf=FAST)
    header, payload = read_transfer(path, phrase)
    assert payload == PAYLOAD and header.package_id == package and header.created == DAY
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert b"Tolvansson" not in path.read_bytes() and b"3333" not in path.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name != "overforing.bht"]


def test_the_passphrase_can_be_read_aloud_and_typed_loosely(tmp_path: Path) -> None:
    phrase = new_passphrase()
    groups = phrase.split("-")
    assert len(groups) == 6 and all(len(g) == 4 for g in groups)
    assert set(phrase.replace("-", "")) <= set(ALPHABET)
    assert not set("0O1I2Z5S6G8B") & set(ALPHABET)
    assert new_passphrase() != phrase
    data = seal(PAYLOAD, phrase, created=DAY, kdf=FAST)
    loose = " ".join(groups).lower()
    assert open_sealed(data, loose)[1] == PAYLOAD
    with pytest.raises(InvalidInput, match="6 grupper om 4"):
        normalise_passphrase("ABCD-EFGH")


def test_wrong_passphrase_imports_nothing() -> None:
    data = seal(PAYLOAD, new_passphrase(), created=DAY, kdf=FAST)
    with pytest.raises(WrongPassphraseOrDamaged, match="fel lösenfras.*Ingenting har importerats"):
        open_sealed(data, new_passphrase())


@pytest.mark.parametrize("where", ["body", "tag", "header"])
def test_a_damaged_file_imports_nothing(where: str) -> None:
    phrase = new_passphrase()
    data = bytearray(seal(PAYLOAD, phrase, created=DAY, kdf=FAST))
    if where == "body":
        data[data.index(b"\n") + 3] ^= 0x01
    elif where == "tag":
        data[-1] ^= 0x80
    else:  # the header is authenticated too: change the date in it
        data[:] = bytes(data).replace(b'"created":"2026-09-01"', b'"created":"2026-09-02"')
    with pytest.raises(WrongPassphraseOrDamaged):
        open_sealed(bytes(data), phrase)


def test_a_second_import_of_the_same_file_is_refused() -> None:
    phrase = new_passphrase()
    data = seal(PAYLOAD, phrase, created=DAY, kdf=FAST)
    header, _ = open_sealed(data, phrase)
    with pytest.raises(AlreadyImported, match="redan importerad"):
        open_sealed(data, phrase, already_imported={header.package_id})
    # Refused before the passphrase is even tried.
    with pytest.raises(AlreadyImported):
        open_sealed(data, "fel", already_imported={header.package_id})


@pytest.mark.parametrize("data", [b"", b"hello world", b"{}\n", b"x" * 5000,
                                  b'{"format":"oro_desktop-bht-transfer","version":9}\n'])
def test_not_a_transfer_file(data: bytes) -> None:
    with pytest.raises(NotATransferFile, match="Ingenting har importerats"):
        read_header(data)


def test_crafted_kdf_costs_are_refused_before_any_work() -> None:
    data = seal(PAYLOAD, new_passphrase(), created=DAY, kdf=FAST)
    line, rest = data.split(b"\n", 1)
    header = json.loads(line)
    header["kdf"]["memory_kib"] = 64 * 1024 * 1024  # 64 GiB
    crafted = json.dumps(header).encode() + b"\n" + rest
    with pytest.raises(NotATransferFile, match="krypteringsparametrar"):
        read_header(crafted)


def test_sizes_are_bounded(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="för stort"):
        seal({"x": "a" * (MAX_PAYLOAD_BYTES + 1)}, new_passphrase(), created=DAY, kdf=FAST)
    big = tmp_path / "stor.bht"
    with big.open("wb") as handle:
        handle.truncate(MAX_PAYLOAD_BYTES + 10_000)
    with pytest.raises(TransferError, match="för stor"):
        read_transfer(big, new_passphrase())
    with pytest.raises(TransferError, match="kan inte läsas"):
        read_transfer(tmp_path / "saknas.bht", new_passphrase())


def test_payload_must_be_json(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="kan inte föras över"):
        seal({"when": date(2026, 1, 1)}, new_passphrase(), created=DAY, kdf=FAST)
    with pytest.raises(InvalidInput, match="mapp"):
        write_transfer(tmp_path, PAYLOAD, created=DAY, kdf=FAST)


def test_overwriting_keeps_0600(tmp_path: Path) -> None:
    path = tmp_path / "ut.bht"
    path.write_text("gammal")
    os.chmod(path, 0o644)
    phrase, _ = write_transfer(path, PAYLOAD, created=DAY, kdf=FAST)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert read_transfer(path, phrase)[1] == PAYLOAD


def test_the_default_kdf_is_within_what_a_receiver_accepts() -> None:
    phrase = new_passphrase()
    data = seal(PAYLOAD, phrase, created=DAY)
    header = read_header(data)
    assert header.kdf == kdf.DEFAULT
    assert open_sealed(data, phrase)[1] == PAYLOAD


def test_a_newer_format_says_so() -> None:
    with pytest.raises(NotATransferFile, match="nyare version"):
        read_header(b'{"format":"oro_desktop-bht-transfer","version":2}\n')

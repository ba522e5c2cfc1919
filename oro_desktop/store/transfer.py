"""Transfer files: a child's barnhälsoteam material, encrypted for the team of the new
municipality (guideline 2.10), opened there with a one-time passphrase read by phone.

Why this shape:

- The file travels outside the encrypted store (a USB stick, an e-mail attachment), so
  everything but a small header is encrypted: AES-256-GCM under a key derived from the
  passphrase by Argon2id (store/kdf.py), with the whole header line as associated data,
  so a header that was changed does not open either.
- The passphrase is generated, never chosen: 24 characters from an alphabet without look-
  or sound-alikes (no 0/O, 1/I, 2/Z, 5/S, 6/G, 8/B), shown in 6 groups of 4 to be read
  aloud; about 110 bits, so the KDF cost can stay moderate.
- The header carries the package id (a UUID), so the receiver can refuse a second import
  of the same file before trying the passphrase, and the KDF parameters, bounded on
  reading so a crafted file cannot make the receiver spend gigabytes of memory.
- A wrong passphrase and a damaged body cannot be told apart by GCM; both are one Swedish
  message and nothing is returned. Sizes are bounded before anything is parsed.

Format: `<header JSON, UTF-8, one line>\\n<ciphertext + 16-byte GCM tag>`.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import tempfile
import uuid
from collections.abc import Container, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from oro_desktop.errors import InvalidInput, OroError
from oro_desktop.store import kdf as kdf_mod
from oro_desktop.store.files import fsync_dir

FORMAT = "oro_desktop-bht-transfer"
VERSION = 1
ALPHABET = "ACDEFHJKLMNPQRTUVWXY3479"
GROUPS, GROUP_LEN = 6, 4
MAX_PAYLOAD_BYTES = 8 * 1024 * 1024
MAX_HEADER_BYTES = 4096
MAX_FILE_BYTES = MAX_HEADER_BYTES + 1 + MAX_PAYLOAD_BYTES + 16
#: Accepted KDF costs when reading (a writer uses kdf.DEFAULT; tests FAST_INSECURE).
KDF_BOUNDS = {"time_cost": (1, 10), "memory_kib": (8, 256 * 1024), "parallelism": (1, 8)}
_SALT_BYTES, _NONCE_BYTES = 16, 12


class TransferError(OroError):
    """A transfer file that cannot be made or opened; nothing was imported."""

    exit_code = 2


class NotATransferFile(TransferError):
    def __init__(self, detail: str = "") -> None:
        if detail:
            super().__init__(f"Överföringsfilen kan inte importeras: {detail}. "
                             "Ingenting har importerats.")
        else:
            super().__init__("Filen är ingen överföringsfil för barnhälsoteam, eller så är "
                             "den skadad. Ingenting har importerats.")


class WrongPassphraseOrDamaged(TransferError):
    def __init__(self) -> None:
        super().__init__("Filen gick inte att öppna: fel lösenfras, eller så är filen "
                         "skadad. Ingenting har importerats.")


class AlreadyImported(TransferError):
    def __init__(self, package_id: str) -> None:
        self.package_id = package_id
        super().__init__(f"Den här överföringsfilen (paket {package_id}) är redan "
                         "importerad. Ingenting har importerats en gång till.")


@dataclass(frozen=True)
class TransferHeader:
    package_id: str
    created: date
    kdf: kdf_mod.KdfParams
    salt: bytes
    nonce: bytes


def new_passphrase() -> str:
    """A one-time passphrase: 6 groups of 4, e.g. "K7QA-MX3T-..." (to be read aloud)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LEN))
    return "-".join(chars[i:i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))


def normalise_passphrase(text: str) -> str:
    """The 24 characters without separators or case; InvalidInput (Swedish) if malformed."""
    cleaned = "".join(c for c in str(text).upper() if c not in " -\t\n")
    if len(cleaned) != GROUPS * GROUP_LEN or any(c not in ALPHABET for c in cleaned):
        raise InvalidInput(
            f"Lösenfrasen ska vara {GROUPS} grupper om {GROUP_LEN} tecken (bokstäver och "
            "siffror, t.ex. K7QA-MX3T-…). Kontrollera den med avsändaren.")
    return cleaned


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key(passphrase: str, salt: bytes, params: kdf_mod.KdfParams) -> bytes:
    return kdf_mod.derive(normalise_passphrase(passphrase), salt, params)


def seal(payload: Mapping[str, Any], passphrase: str, *, created: date,
         kdf: kdf_mod.KdfParams = kdf_mod.DEFAULT, package_id: str | None = None) -> bytes:
    """The transfer file's bytes for `payload` (a JSON object)."""
    try:
        body = json.dumps(dict(payload), ensure_ascii=False, sort_keys=True,
                          allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"Materialet kan inte föras över: {exc}") from None
    if len(body) > MAX_PAYLOAD_BYTES:
        raise InvalidInput(f"Materialet är för stort för en överföringsfil "
                           f"(högst {MAX_PAYLOAD_BYTES // (1024 * 1024)} MB).")
    salt, nonce = secrets.token_bytes(_SALT_BYTES), secrets.token_bytes(_NONCE_BYTES)
    header = {
        "format": FORMAT, "version": VERSION,
        "package_id": package_id or uuid.uuid4().hex,
        "created": created.isoformat(), "cipher": "aes-256-gcm", "nonce": _b64(nonce),
        "kdf": {**kdf.to_dict(), "salt": _b64(salt)},
    }
    line = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    key = _key(passphrase, salt, kdf)
    return line + b"\n" + AESGCM(key).encrypt(nonce, body, line)


def _bounded_int(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    low, high = KDF_BOUNDS[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise NotATransferFile("den har okända krypteringsparametrar")
    return value


def _split(data: bytes) -> tuple[bytes, bytes]:
    if len(data) > MAX_FILE_BYTES:
        raise TransferError("Filen är för stor för att vara en överföringsfil. "
                            "Ingenting har importerats.")
    end = data.find(b"\n", 0, MAX_HEADER_BYTES + 1)
    if end < 0:
        raise NotATransferFile()
    return data[:end], data[end + 1:]


def read_header(data: bytes) -> TransferHeader:
    """The header of a transfer file (not yet authenticated: that happens on opening)."""
    line, _ = _split(data)
    try:
        raw = json.loads(line.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise NotATransferFile() from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise NotATransferFile()
    if raw.get("version") != VERSION:
        raise NotATransferFile("den är gjord av en nyare version av programmet")
    kdf_raw = raw.get("kdf")
    if not isinstance(kdf_raw, dict) or kdf_raw.get("name") != "argon2id" \
            or raw.get("cipher") != "aes-256-gcm":
        raise NotATransferFile("den har okända krypteringsparametrar")
    try:
        # 32 hex (the stable-id contract); a dashed UUID from an older version is the same id
        package_id = uuid.UUID(str(raw.get("package_id"))).hex
        created = date.fromisoformat(str(raw.get("created")))
        salt = base64.b64decode(str(kdf_raw.get("salt")), validate=True)
        nonce = base64.b64decode(str(raw.get("nonce")), validate=True)
    except (ValueError, binascii.Error):
        raise NotATransferFile() from None
    if len(salt) != _SALT_BYTES or len(nonce) != _NONCE_BYTES:
        raise NotATransferFile()
    params = kdf_mod.KdfParams(
        time_cost=_bounded_int(kdf_raw, "time_cost"),
        memory_kib=_bounded_int(kdf_raw, "memory_kib"),
        parallelism=_bounded_int(kdf_raw, "parallelism"),
    )
    if params.memory_kib < 8 * params.parallelism:
        raise NotATransferFile("den har okända krypteringsparametrar")
    return TransferHeader(package_id, created, params, salt, nonce)


def _reject_constant(name: str) -> None:
    raise ValueError(name)


def open_sealed(data: bytes, passphrase: str, *,
                already_imported: Container[str] = ()) -> tuple[TransferHeader, dict[str, Any]]:
    """(header, payload) of a transfer file; TransferError (Swedish) and nothing else if
    it is not one, was imported already, or the passphrase is wrong or the file damaged."""
    header = read_header(data)
    if header.package_id in already_imported:
        raise AlreadyImported(header.package_id)
    phrase = normalise_passphrase(passphrase)
    line, body = _split(data)
    try:
        plain = AESGCM(_key(phrase, header.salt, header.kdf)).decrypt(header.nonce, body, line)
    except InvalidTag:
        raise WrongPassphraseOrDamaged() from None
    try:
        payload = json.loads(plain.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise WrongPassphraseOrDamaged() from None
    if not isinstance(payload, dict):
        raise WrongPassphraseOrDamaged()
    return header, payload


def write_transfer(path: Path, payload: Mapping[str, Any], *, created: date,
                   kdf: kdf_mod.KdfParams = kdf_mod.DEFAULT) -> tuple[str, str]:
    """Seal `payload` into `path` (0600, replaced atomically); (passphrase, package_id).

    The passphrase is returned once, to be shown and read to the receiving team; it is
    stored nowhere.
    """
    path = Path(path)
    if path.is_dir():
        raise InvalidInput(f"{path.name} är en mapp. Välj ett filnamn.")
    passphrase = new_passphrase()
    package_id = uuid.uuid4().hex
    data = seal(payload, passphrase, created=created, kdf=kdf, package_id=package_id)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise TransferError(f"Överföringsfilen kan inte skrivas: {exc.strerror}.") from None
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        os.chmod(path, 0o600)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise TransferError(f"Överföringsfilen kan inte skrivas: {exc.strerror}.") from None
    fsync_dir(path.parent)
    return passphrase, package_id


def read_transfer(path: Path, passphrase: str, *,
                  already_imported: Container[str] = ()) -> tuple[TransferHeader, dict[str, Any]]:
    """Open a transfer file from disk (size checked before it is read)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TransferError("Filen är för stor för att vara en överföringsfil. "
                                "Ingenting har importerats.")
        data = path.read_bytes()
    except OSError as exc:
        raise TransferError(f"Filen {path.name} kan inte läsas: {exc.strerror}.") from None
    return open_sealed(data, passphrase, already_imported=already_imported)


__all__ = ["ALPHABET", "AlreadyImported", "NotATransferFile", "TransferError",
           "TransferHeader", "WrongPassphraseOrDamaged", "new_passphrase",
           "normalise_passphrase", "open_sealed", "read_header", "read_transfer", "seal",
           "write_transfer"]

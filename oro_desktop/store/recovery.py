"""The recovery key: a 256-bit secret that determines the database key by itself.

The database key is HKDF-SHA256 of the recovery secret, so whoever holds the recovery
key can open the data even when every key slot (the `.keys` sidecar) is lost or damaged.
It is shown once at set-up and meant to be read aloud and written on paper, hence:

- Crockford base32 (no I, L, O, U), 52 symbols in 13 groups of 4, then one check group
  of 4 symbols (20 bits of SHA-256 over the secret) that catches typing mistakes;
- parsing ignores case, spaces and dashes, and reads O as 0 and I/L as 1.
"""

from __future__ import annotations

import hashlib
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from oro_desktop.errors import InvalidInput

#: The audit actor of what is done with the recovery key (no user is signed in).
RECOVERY_ACTOR = "recovery-key"

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {ch: i for i, ch in enumerate(ALPHABET)}
_DECODE.update({"O": 0, "I": 1, "L": 1})
SECRET_BYTES = 32
_DATA_SYMBOLS = 52  # 260 bits >= 256
_CHECK_SYMBOLS = 4
_HKDF_INFO = b"oro_desktop database key v1"

BAD_KEY = (
    "Återställningsnyckeln är felaktig: kontrollera att alla 56 tecken är rätt "
    "avskrivna (bindestreck och mellanslag spelar ingen roll)."
)


def new_secret() -> bytes:
    """A fresh random recovery secret."""
    return secrets.token_bytes(SECRET_BYTES)


def database_key(secret: bytes) -> bytes:
    """The 256-bit SQLCipher key that belongs to a recovery secret."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(secret)


def _to_symbols(value: int, count: int) -> str:
    out = []
    for _ in range(count):
        out.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def _check(secret: bytes) -> str:
    digest = int.from_bytes(hashlib.sha256(b"oro-recovery-check" + secret).digest()[:3], "big")
    return _to_symbols(digest >> 4, _CHECK_SYMBOLS)


def format_key(secret: bytes) -> str:
    """The secret as 14 dash-separated groups of four symbols (the last is the check)."""
    if len(secret) != SECRET_BYTES:
        raise ValueError("recovery secret must be 32 bytes")
    symbols = _to_symbols(int.from_bytes(secret, "big"), _DATA_SYMBOLS) + _check(secret)
    return "-".join(symbols[i : i + 4] for i in range(0, len(symbols), 4))


def parse_key(text: str) -> bytes:
    """Read a recovery key as typed by a person; InvalidInput if it cannot be right."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    if len(cleaned) != _DATA_SYMBOLS + _CHECK_SYMBOLS or any(ch not in _DECODE for ch in cleaned):
        raise InvalidInput(BAD_KEY)
    value = 0
    for ch in cleaned[:_DATA_SYMBOLS]:
        value = (value << 5) | _DECODE[ch]
    if value >> (SECRET_BYTES * 8):
        raise InvalidInput(BAD_KEY)
    secret = value.to_bytes(SECRET_BYTES, "big")
    given_check = "".join(ALPHABET[_DECODE[ch]] for ch in cleaned[_DATA_SYMBOLS:])
    if given_check != _check(secret):
        raise InvalidInput(BAD_KEY)
    return secret

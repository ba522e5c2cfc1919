"""Key slots: the random database key wrapped once per user, kept in `<db>.keys`.

The slots cannot live inside the encrypted file, because they are what opens it. The
sidecar is JSON, replaced atomically; it holds no secret in the clear: each slot is the
database key encrypted with AES-256-GCM under a key derived from the user's password
(Argon2id, parameters stored in the slot). The GCM associated data binds a slot to the
store id and the user name, so a slot copied to another user or another store does not
open. A wrong password therefore fails *here*, before the database file is touched.

Roles are deliberately not trusted from this plaintext file: the authoritative user list
with roles is the `users` table inside the encrypted database, which also mirrors every
slot (`key_slots`), so `recover` can rewrite a lost sidecar.
"""

from __future__ import annotations

import base64
import json
import secrets
import unicodedata
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from oro_desktop.errors import InvalidInput
from oro_desktop.store import kdf as kdf_mod
from oro_desktop.store.errors import KeyFileDamaged, NotFound, WrongCredentials
from oro_desktop.store.files import atomic_write_bytes, side_path

FORMAT = "oro_desktop-keys"
VERSION = 1
_USER_RE = re.compile(r"^[\w.-]{1,64}$")
MIN_PASSWORD = 8
MAX_KEYFILE_BYTES = 4 * 1024 * 1024
MAX_SLOTS = 10_000

# What a slot read from the plaintext `.keys` may ask for (issue 9, defect 7): a file that
# asks for more memory or time than this is damaged or hostile, not a real slot. The
# upper bounds leave room for policies well above today's default (64 MiB, t=3, p=4).
KDF_LIMITS = {
    "memory_kib": (8, 4 * 1024 * 1024),   # 8 KiB .. 4 GiB
    "time_cost": (1, 64),
    "parallelism": (1, 64),
}
SALT_BYTES = (16, 64)
NONCE_BYTES = 12
WRAPPED_BYTES = 32 + 16  # the 256-bit key plus the GCM tag


def keys_path(db_path: Path) -> Path:
    return side_path(db_path, ".keys")


def normalise_user(name: str) -> str:
    """User names are case-insensitive: stored NFC + lower case; InvalidInput if odd."""
    cleaned = unicodedata.normalize("NFC", (name or "").strip()).lower()
    if not _USER_RE.match(cleaned):
        raise InvalidInput(
            "Ogiltigt användarnamn: använd 1–64 bokstäver, siffror, punkt, understreck "
            "eller bindestreck."
        )
    return cleaned


def check_password_policy(password: str) -> None:
    """Refuse passwords that are trivially short (the KDF cannot save those)."""
    if len(password or "") < MIN_PASSWORD:
        raise InvalidInput(f"Lösenordet måste ha minst {MIN_PASSWORD} tecken.")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _aad(store_id: str, user: str) -> bytes:
    return json.dumps(["oro_desktop key slot v1", store_id, user]).encode("utf-8")


@dataclass(frozen=True)
class KeySlot:
    """One user's wrapped copy of the database key."""

    user: str
    kdf: kdf_mod.KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    updated_at: str

    def to_dict(self) -> dict:
        return {
            "user": self.user,
            "kdf": self.kdf.to_dict(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "KeySlot":
        """Parse and range-check one slot; ValueError names the first value out of range."""
        slot = cls(
            user=str(data["user"]),
            kdf=kdf_mod.KdfParams.from_dict(data["kdf"]),
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped"]),
            updated_at=str(data["updated_at"]),
        )
        check_slot(slot)
        return slot


def check_slot(slot: KeySlot) -> None:
    """ValueError unless every parameter is within KDF_LIMITS and every length fits."""
    if not _USER_RE.match(slot.user):
        raise ValueError("ogiltigt användarnamn")
    for name, (low, high) in KDF_LIMITS.items():
        value = getattr(slot.kdf, name)
        if isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"{name}={value} utanför {low}–{high}")
    if slot.kdf.memory_kib < 8 * slot.kdf.parallelism:
        raise ValueError("memory_kib är för litet för parallelism")
    if not SALT_BYTES[0] <= len(slot.salt) <= SALT_BYTES[1]:
        raise ValueError(f"saltet har {len(slot.salt)} byte")
    if len(slot.nonce) != NONCE_BYTES:
        raise ValueError(f"nonce har {len(slot.nonce)} byte")
    if len(slot.wrapped) != WRAPPED_BYTES:
        raise ValueError(f"den inslagna nyckeln har {len(slot.wrapped)} byte")


def below_policy(params: kdf_mod.KdfParams, policy: kdf_mod.KdfParams) -> bool:
    """True when a slot's cost is lower than the policy in any dimension (re-wrap at login)."""
    return (params.memory_kib < policy.memory_kib or params.time_cost < policy.time_cost
            or params.parallelism < policy.parallelism)


def make_slot(
    store_id: str, user: str, password: str, db_key: bytes, params: kdf_mod.KdfParams | None = None
) -> KeySlot:
    """Wrap `db_key` for `user` under a key derived from `password`."""
    params = params or kdf_mod.DEFAULT
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = kdf_mod.derive(password, salt, params)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, _aad(store_id, user))
    return KeySlot(user, params, salt, nonce, wrapped, _now())


def open_slot(store_id: str, slot: KeySlot, password: str) -> bytes:
    """The database key, or WrongCredentials if the password does not fit this slot."""
    kek = kdf_mod.derive(password, slot.salt, slot.kdf)
    try:
        return AESGCM(kek).decrypt(slot.nonce, slot.wrapped, _aad(store_id, slot.user))
    except InvalidTag:
        raise WrongCredentials() from None


def burn_kdf_time(password: str, params: kdf_mod.KdfParams | None) -> None:
    """Spend as long as a real slot would, so an unknown user is not told apart by timing.

    Then also as long as the AES-GCM step: a real slot's failing decrypt is timed too.
    """
    kek = kdf_mod.derive(password, b"\0" * 16, params or kdf_mod.DEFAULT)
    try:
        AESGCM(kek).decrypt(b"\0" * NONCE_BYTES, b"\0" * WRAPPED_BYTES, b"")
    except InvalidTag:
        pass


def decoy_params(keyfile: "KeyFile", fallback: kdf_mod.KdfParams | None) -> kdf_mod.KdfParams:
    """The cost an unknown name should pay: that of the real slots (most common first)."""
    counts: dict[kdf_mod.KdfParams, int] = {}
    for slot in keyfile.slots.values():
        counts[slot.kdf] = counts.get(slot.kdf, 0) + 1
    if counts:
        return max(counts, key=lambda p: (counts[p], p.memory_kib, p.time_cost))
    return fallback or kdf_mod.DEFAULT


@dataclass
class KeyFile:
    """The parsed sidecar: the store id and one slot per user."""

    store_id: str
    slots: dict[str, KeySlot] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "slots": [self.slots[name].to_dict() for name in sorted(self.slots)],
        }
        return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> "KeyFile":
        """Parse a key file; KeyFileDamaged (never a traceback, never a hang) otherwise."""
        if len(data) > MAX_KEYFILE_BYTES:
            raise KeyFileDamaged("filen är för stor")
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT or int(doc.get("version")) != VERSION:
                raise ValueError("inte en nyckelfil")
            items = doc["slots"]
            if not isinstance(items, list) or len(items) > MAX_SLOTS:
                raise ValueError("listan över nycklar är ogiltig")
            slots = [KeySlot.from_dict(item) for item in items]
            store_id = doc["store_id"]
            if not isinstance(store_id, str) or not re.fullmatch(r"[0-9A-Za-z_-]{1,64}", store_id):
                raise ValueError("ogiltigt databas-id")
            return cls(store_id, {slot.user: slot for slot in slots})
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise KeyFileDamaged() from exc
        except ValueError as exc:
            raise KeyFileDamaged(str(exc)[:80] or None) from exc
        except (KeyError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
            raise KeyFileDamaged() from exc

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise NotFound(
                f"Nyckelfilen {path} saknas. Databasen kan öppnas med "
                "återställningsnyckeln: 'oro-admin recover'."
            ) from None
        return cls.from_bytes(data)

    def save(self, path: Path) -> None:
        atomic_write_bytes(Path(path), self.to_bytes())

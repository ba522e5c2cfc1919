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
from oro_desktop.store.errors import NotFound, StoreDamaged, WrongCredentials
from oro_desktop.store.files import atomic_write_bytes, side_path

FORMAT = "oro_desktop-keys"
VERSION = 1
_USER_RE = re.compile(r"^[\w.-]{1,64}$")
MIN_PASSWORD = 8


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
        return cls(
            user=str(data["user"]),
            kdf=kdf_mod.KdfParams.from_dict(data["kdf"]),
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped"]),
            updated_at=str(data["updated_at"]),
        )


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
    """Spend as long as a real slot would, so an unknown user is not told apart by timing."""
    kdf_mod.derive(password, b"\0" * 16, params or kdf_mod.DEFAULT)


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
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT or int(doc.get("version")) != VERSION:
                raise ValueError("not a key file")
            slots = [KeySlot.from_dict(item) for item in doc["slots"]]
            return cls(str(doc["store_id"]), {slot.user: slot for slot in slots})
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise StoreDamaged(
                "Nyckelfilen (.keys) är skadad. Databasen kan öppnas med "
                "återställningsnyckeln: 'oro-admin recover'."
            ) from exc

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
        path = Path(path)
        atomic_write_bytes(path, self.to_bytes(), like=path.with_name(path.name.removesuffix(".keys")))

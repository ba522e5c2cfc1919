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
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from oro_desktop.errors import InvalidInput
from oro_desktop.store import kdf as kdf_mod
from oro_desktop.store.errors import KeyFileDamaged, NotFound, WrongCredentials
from oro_desktop.store.files import atomic_write_bytes, read_regular_file, side_path

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
    # Version 2 (rekey without the users' passwords, issue 9 defect 4): `wrapped` is the
    # user's X25519 private key under the password key; the database key is sealed to
    # the matching `public` key in `box`. Version 1 slots wrap the database key itself.
    public: bytes | None = None
    box: bytes | None = None

    @property
    def version(self) -> int:
        return 2 if self.public is not None else 1

    def to_dict(self) -> dict:
        doc = {
            "user": self.user,
            "kdf": self.kdf.to_dict(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
            "updated_at": self.updated_at,
        }
        if self.public is not None and self.box is not None:
            doc.update(v=2, public=_b64(self.public), box=_b64(self.box))
        return doc

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
            public=_unb64(data["public"]) if data.get("v") == 2 else None,
            box=_unb64(data["box"]) if data.get("v") == 2 else None,
        )
        if data.get("v") not in (None, 1, 2):
            raise ValueError("okänd nyckelversion")
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
    if slot.public is not None and (len(slot.public) != 32 or len(slot.box or b"") != BOX_BYTES):
        raise ValueError("den förseglade nyckeln har fel längd")


# -- sealing to a public key (X25519 + HKDF-SHA256 + AES-256-GCM) ---------------------
BOX_BYTES = 32 + NONCE_BYTES + 32 + 16


def seal(public: bytes, data: bytes, aad: bytes) -> bytes:
    """Encrypt 32 bytes to an X25519 public key: ephemeral public key, nonce, ciphertext."""
    ephemeral = X25519PrivateKey.generate()
    eph_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"oro_desktop seal v1" + eph_public + public).derive(shared)
    nonce = secrets.token_bytes(NONCE_BYTES)
    return eph_public + nonce + AESGCM(key).encrypt(nonce, bytes(data), aad)


def unseal(private: bytes, box: bytes, aad: bytes) -> bytes:
    """Open a box made by `seal`; InvalidTag if it was not sealed to this key."""
    me = X25519PrivateKey.from_private_bytes(private)
    eph_public, nonce, body = box[:32], box[32:32 + NONCE_BYTES], box[32 + NONCE_BYTES:]
    shared = me.exchange(X25519PublicKey.from_public_bytes(eph_public))
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"oro_desktop seal v1" + eph_public + me.public_key().public_bytes_raw()).derive(shared)
    return AESGCM(key).decrypt(nonce, body, aad)


def _box_aad(store_id: str, user: str) -> bytes:
    return json.dumps(["oro_desktop sealed database key v1", store_id, user]).encode("utf-8")


def reseal(store_id: str, slot: KeySlot, db_key: bytes | bytearray) -> KeySlot:
    """The same slot (same password) holding another database key; no password needed.

    ValueError for a version-1 slot, which can only be re-made with the password.
    """
    if slot.public is None:
        raise ValueError("version-1 slot")
    box = seal(slot.public, bytes(db_key), _box_aad(store_id, slot.user))
    return KeySlot(slot.user, slot.kdf, slot.salt, slot.nonce, slot.wrapped, _now(),
                   slot.public, box)


RECOVERY_USER = "*recovery*"


def recovery_keypair(secret: bytes) -> tuple[bytes, bytes]:
    """(private, public) X25519 keys that belong to a recovery secret."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"oro_desktop recovery x25519 v1").derive(secret)
    private = X25519PrivateKey.from_private_bytes(raw)
    return raw, private.public_key().public_bytes_raw()


def seal_for_recovery(store_id: str, recovery_public: bytes, db_key: bytes | bytearray) -> bytes:
    return seal(recovery_public, bytes(db_key), _box_aad(store_id, RECOVERY_USER))


def open_recovery_box(store_id: str, secret: bytes, box: bytes) -> bytes | None:
    """The database key sealed in a recovery box, or None if it is not for this secret."""
    private, _ = recovery_keypair(secret)
    try:
        return unseal(private, box, _box_aad(store_id, RECOVERY_USER))
    except (InvalidTag, ValueError):
        return None


def below_policy(params: kdf_mod.KdfParams, policy: kdf_mod.KdfParams) -> bool:
    """True when a slot's cost is lower than the policy in any dimension (re-wrap at login)."""
    return (params.memory_kib < policy.memory_kib or params.time_cost < policy.time_cost
            or params.parallelism < policy.parallelism)


def make_slot(
    store_id: str, user: str, password: str, db_key: bytes | bytearray,
    params: kdf_mod.KdfParams | None = None,
) -> KeySlot:
    """A version-2 slot for `user`: a fresh key pair, the private key under the password."""
    params = params or kdf_mod.DEFAULT
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = kdf_mod.derive(password, salt, params)
    private = X25519PrivateKey.generate()
    private_raw = private.private_bytes_raw()
    public = private.public_key().public_bytes_raw()
    wrapped = AESGCM(kek).encrypt(nonce, private_raw, _aad(store_id, user))
    box = seal(public, bytes(db_key), _box_aad(store_id, user))
    return KeySlot(user, params, salt, nonce, wrapped, _now(), public, box)


def open_slot(store_id: str, slot: KeySlot, password: str) -> bytes:
    """The database key, or WrongCredentials if the password does not fit this slot."""
    kek = kdf_mod.derive(password, slot.salt, slot.kdf)
    try:
        inner = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, _aad(store_id, slot.user))
    except InvalidTag:
        raise WrongCredentials() from None
    if slot.public is None or slot.box is None:
        return inner  # version 1: the database key itself
    try:
        return unseal(inner, slot.box, _box_aad(store_id, slot.user))
    except (InvalidTag, ValueError):
        raise KeyFileDamaged("en nyckel hör inte ihop med sitt lösenord") from None


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
    # The database key sealed to the recovery key's public half (after a rekey that kept
    # the recovery key); None while the database key is still HKDF(recovery secret).
    recovery_box: bytes | None = None

    def to_bytes(self) -> bytes:
        doc: dict = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "slots": [self.slots[name].to_dict() for name in sorted(self.slots)],
        }
        if self.recovery_box is not None:
            doc["recovery_box"] = _b64(self.recovery_box)
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
            box = doc.get("recovery_box")
            recovery_box = _unb64(box) if box is not None else None
            if recovery_box is not None and len(recovery_box) != BOX_BYTES:
                raise ValueError("återställningsrutan har fel längd")
            return cls(store_id, {slot.user: slot for slot in slots}, recovery_box)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise KeyFileDamaged() from exc
        except ValueError as exc:
            raise KeyFileDamaged(str(exc)[:80] or None) from exc
        except (KeyError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
            raise KeyFileDamaged() from exc

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        try:
            data = read_regular_file(Path(path), MAX_KEYFILE_BYTES)
        except FileNotFoundError:
            raise NotFound(
                f"Nyckelfilen {path} saknas. Databasen kan öppnas med "
                "återställningsnyckeln: 'oro-admin recover'."
            ) from None
        except ValueError:  # not a regular file (a FIFO would hang), or far too large
            raise KeyFileDamaged() from None
        return cls.from_bytes(data)

    def save(self, path: Path) -> None:
        atomic_write_bytes(Path(path), self.to_bytes())

"""Password -> key-slot key, with Argon2id (memory-hard), parameters stored per slot.

Parameters travel with every key slot, so the defaults can be raised later without
locking anybody out: an old slot is still opened with the parameters it was made with,
and re-wrapped with the new ones the next time its password is set.

Tests inject `FAST_INSECURE` (via the `kdf=` arguments). The CLI honours the test-only
environment switch `ORO_INSECURE_FAST_KDF=1`, which prints a warning: it exists so
subprocess tests run in seconds, and must never be set on a real workstation.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict, dataclass


KEY_BYTES = 32
FAST_KDF_ENV = "ORO_INSECURE_FAST_KDF"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (RFC 9106 names)."""

    name: str = "argon2id"
    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "KdfParams":
        params = cls(
            name=str(data["name"]),
            time_cost=int(data["time_cost"]),
            memory_kib=int(data["memory_kib"]),
            parallelism=int(data["parallelism"]),
        )
        if params.name != "argon2id":
            raise ValueError(f"unknown KDF {params.name!r}")
        return params


DEFAULT = KdfParams()
# Minimal Argon2id cost: for tests only, it protects nothing.
FAST_INSECURE = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


def derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive a 256-bit key-slot key from a password."""
    from argon2.low_level import Type, hash_secret_raw  # not at import: start-up time

    return hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def policy() -> KdfParams:
    """The KDF policy slots are raised to at login: the default, or the test switch's.

    Unlike `from_environment` it prints nothing (it runs on every unlock).
    """
    return FAST_INSECURE if os.environ.get(FAST_KDF_ENV) == "1" else DEFAULT


_warned = False


def from_environment() -> KdfParams | None:
    """The KDF an entry point should use: None (the default) unless the test switch is on."""
    global _warned
    if os.environ.get(FAST_KDF_ENV) == "1":
        if not _warned:
            _warned = True
            print(
                f"VARNING: {FAST_KDF_ENV}=1 är satt: lösenorden skyddas med en osäker "
                "testinställning. Endast för automatiska tester.",
                file=sys.stderr,
            )
        return FAST_INSECURE
    return None

"""Persons: who a form, a consent or a case is about, as plain data.

Why in core: consents today, and cases, plans and disclosures next, all name the same
people; the GUI, the CLI, the PDF and the store must agree on one person model and on
how it is shown. A person is identified by an identity number, or carries the reason
there is none (IdentityKind.SAKNAS with `identity.reason`): an expected child, a newborn
before registration, an undocumented child.

Skyddade personuppgifter (`protected`): the address is never shown or printed and the
number is masked on screens (ÅÅÅÅMMDD-****); `number_display` and `shown_address` are
the only places that decide it, so every screen masks the same way.

`uid` is the stable random id (32 lower-case hex digits, uuid4().hex) that references and
transfer packages use; `id` is the store's row id (0 for a person not stored yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from oro_desktop.core.identity import IdentityKind, IdentityNumber

MASK = "****"


@dataclass(frozen=True)
class Person:
    """A person: identity (or why there is none), name, contact details, protection mark."""

    identity: IdentityNumber
    name: str
    address: str = ""
    phone: str = ""
    protected: bool = False
    uid: str = ""
    id: int = 0
    created_at: str = ""
    updated_at: str = ""

    @property
    def has_number(self) -> bool:
        return self.identity.kind is not IdentityKind.SAKNAS

    @property
    def no_number_reason(self) -> str:
        """Why there is no number ('' when there is one)."""
        return self.identity.reason if not self.has_number else ""

    def number_display(self, *, masked: bool | None = None) -> str:
        """The number for screens; masked (ÅÅÅÅMMDD-****) for protected identity by default."""
        return number_display(self.identity, self.protected if masked is None else masked)

    def shown_address(self) -> str:
        """The address, or '' for a person with protected identity."""
        return "" if self.protected else self.address


def number_display(identity: IdentityNumber, masked: bool) -> str:
    """A number for screens, masked (ÅÅÅÅMMDD-****, or **** for a reservnummer) when asked;
    lists call this without building a Person per row."""
    if identity.kind in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER):
        return f"{identity.value[:8]}-{MASK}" if masked else identity.display()
    if identity.kind is IdentityKind.RESERVNUMMER:
        return MASK if masked else identity.display()
    return identity.display()

"""Check a proposed disclosure: may these parties exchange information on this basis?

Why a function of its own: the disclosure record (a later form) must refuse what the
law does not allow, whoever fills it in. The secrecy-breaking provisions (OSL 25 kap.
12 §, 26 kap. 9 §) apply only between public healthcare and social services; a
private party is not covered and its confidentiality follows Patientsäkerhetslagen
6 kap. 12 §. Each provision covers disclosures from its own sector.
"""

from __future__ import annotations

from dataclasses import dataclass

from oro_desktop.core.guidance.model import SECTOR_NAMES, LegalReference
from oro_desktop.core.guidance.warnings import GuidanceWarning, warning


@dataclass(frozen=True)
class DisclosureParty:
    """A party of a disclosure. `sector` None when not known (no sector check)."""

    name: str
    public: bool
    sector: str | None = None


@dataclass(frozen=True)
class DisclosureCheck:
    allowed: bool
    warnings: tuple[GuidanceWarning, ...]


def check_disclosure(
    sender: DisclosureParty, recipient: DisclosureParty, basis: LegalReference
) -> DisclosureCheck:
    """Allowed, or refused with the warnings that say why (every reason, not the first)."""
    if not basis.disclosure_ground:
        return DisclosureCheck(False, (warning("not_a_disclosure_ground", basis.source,
                                               basis=basis.display),))
    found: list[GuidanceWarning] = []
    if basis.public_only:
        if not sender.public:
            found.append(warning("private_sender", basis.source, name=sender.name,
                                 basis=basis.display))
        if not recipient.public:
            found.append(warning("private_recipient", basis.source, name=recipient.name,
                                 basis=basis.display))
    if basis.from_sector and sender.sector and sender.sector != basis.from_sector:
        found.append(warning(
            "basis_wrong_sector", basis.source, basis=basis.display, name=sender.name,
            sector=SECTOR_NAMES[basis.from_sector], own=SECTOR_NAMES.get(sender.sector, sender.sector),
        ))
    return DisclosureCheck(not found, tuple(found))

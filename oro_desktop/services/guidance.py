"""Guidance for a situation, as the CLI and (later) the GUI ask for it.

The facade loads the shipped guidelines and legal references once, takes its contact
routes from a ContactService (the shipped directory without a session; the GUI passes
its own, so a clinic's local numbers are used), and reads situation files with bounds:
a file from outside is refused with one Swedish line, never a traceback.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from oro_desktop.core.guidance import (
    DisclosureCheck, DisclosureParty, Guidance, Guideline, LegalReference, SituationError,
    check_disclosure, guide, guideline_summary, load_guidelines, load_references,
    parse_situation, render_text, to_data, validity,
)
from oro_desktop.core.guidance.situation import Situation, sector_of
from oro_desktop.services.contacts import ContactService

#: A situation file is a few hundred bytes; anything past this is refused unread.
MAX_SITUATION_BYTES = 64 * 1024
#: The situation's deepest value is initiator.kind (depth 2); allow a little slack.
MAX_SITUATION_DEPTH = 4


def _depth(value: object, level: int = 0) -> int:
    if level > MAX_SITUATION_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def read_situation_file(path: Path) -> object:
    """The parsed JSON of a situation file, bounded in size and depth."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SITUATION_BYTES + 1)
    except OSError as exc:
        raise SituationError(f"Situationsfilen {path} kan inte läsas: {exc.strerror or exc}.") from None
    if len(raw) > MAX_SITUATION_BYTES:
        raise SituationError(f"Situationsfilen {path} är för stor (högst {MAX_SITUATION_BYTES // 1024} KiB).")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SituationError(f"Situationsfilen {path} är inte UTF-8-text.") from None
    except RecursionError:
        raise SituationError(f"Situationsfilen {path} är för djupt nästlad.") from None
    except ValueError as exc:
        raise SituationError(f"Situationsfilen {path} är inte giltig JSON ({exc}).") from None
    if _depth(data) > MAX_SITUATION_DEPTH:
        raise SituationError(f"Situationsfilen {path} är för djupt nästlad.")
    return data


class GuidanceService:
    """The guidelines of `resources_dir` with the contact directory beside them."""

    def __init__(self, resources_dir: Path, *, contacts: ContactService | None = None) -> None:
        self.resources_dir = Path(resources_dir)
        self._contacts = contacts
        self._refs: dict[str, LegalReference] | None = None
        self._guidelines: dict[str, Guideline] | None = None

    @property
    def contacts(self) -> ContactService:
        if self._contacts is None:
            self._contacts = ContactService(None, self.resources_dir / "contacts")
        return self._contacts

    @property
    def references(self) -> dict[str, LegalReference]:
        if self._refs is None:
            self._refs = load_references(self.resources_dir / "legal" / "references.yaml")
        return self._refs

    @property
    def guidelines(self) -> dict[str, Guideline]:
        if self._guidelines is None:
            self._guidelines = load_guidelines(self.resources_dir / "guidelines", self.references)
        return self._guidelines

    def guideline(self, guideline_id: str) -> Guideline:
        try:
            return self.guidelines[guideline_id]
        except KeyError:
            known = ", ".join(sorted(self.guidelines))
            raise SituationError(f"Okänd riktlinje ”{guideline_id}” (kända: {known}).") from None

    def for_region(self, region: str, situation: str | None = None) -> list[Guideline]:
        """The guidelines of a region (optionally of one situation), in id order."""
        wanted = " ".join(region.lower().split())
        return [g for _, g in sorted(self.guidelines.items())
                if " ".join(g.region.lower().split()) == wanted
                and (situation is None or g.situation == situation)]

    def check_disclosure(
        self, sender: tuple[str, str, bool], recipient: tuple[str, str, bool], basis: str,
    ) -> DisclosureCheck:
        """May `sender` give `recipient` information on `basis` (a reference id)?

        Each party is (kind, name, public), kind as in a situation ("BVC",
        "socialtjänsten"). The disclosure record uses this to refuse what the law does
        not allow, e.g. a private recipient under an OSL basis.
        """
        ref = self.references.get(basis)
        if ref is None:
            raise SituationError(f"Okänt lagrum ”{basis}”.")

        def party(kind: str, name: str, public: bool) -> DisclosureParty:
            return DisclosureParty(name, public, sector_of(kind))

        return check_disclosure(party(*sender), party(*recipient), ref)

    def list(self, now: datetime) -> list[dict[str, Any]]:
        """Every guideline with its validity on `now`'s date, in id order."""
        out = []
        for guideline_id in sorted(self.guidelines):
            guideline = self.guidelines[guideline_id]
            valid = validity(guideline, now.date())
            data = guideline_summary(guideline)
            data.update(expired=valid.expired, expires_within_60_days=valid.expires_soon,
                        validity_text=valid.text)
            out.append(data)
        return out

    def guide(self, raw: object, *, now: datetime) -> Guidance:
        """Guidance for a situation given as parsed JSON, or as a core Situation (a case's,
        `CaseService.situation`; its own `at` counts then)."""
        situation = raw if isinstance(raw, Situation) else parse_situation(raw, now=now)
        guideline = self.guideline(situation.guideline)
        contacts = self.contacts
        municipalities = contacts.municipalities(guideline.region)
        return guide(guideline, situation, self.references, contacts.entries(), municipalities)

    def guide_file(self, path: Path, *, now: datetime) -> Guidance:
        return self.guide(read_situation_file(path), now=now)

    @staticmethod
    def as_data(guidance: Guidance) -> dict[str, Any]:
        return to_data(guidance)

    @staticmethod
    def as_text(guidance: Guidance) -> str:
        return render_text(to_data(guidance))

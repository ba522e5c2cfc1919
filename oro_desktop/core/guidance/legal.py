"""Load the legal references (resources/legal/references.yaml).

One file, because the same provision is cited by several guidelines and must read the
same everywhere: its current citation, and the former one beside it where a guideline
still cites the former Socialtjänstlag (2001:453).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from oro_desktop.core.guidance._read import Reader, join, read_yaml
from oro_desktop.core.guidance.model import SECTORS, FormerCitation, LegalReference

FORMAT = 1
_REF_REQUIRED = ("id", "citation", "law", "short", "summary", "source")
_REF_OPTIONAL = ("former", "from_sector", "public_only", "disclosure_ground")
CURRENT_SOL = "2025:400"
FORMER_SOL = "2001:453"


def parse_references(raw: object, file: str) -> dict[str, LegalReference]:
    """References by id from a parsed file; GuidelineError listing every problem."""
    reader = Reader(file)
    data = reader.mapping(raw, "", required=("format", "references"))
    if data.get("format", FORMAT) != FORMAT:
        reader.error("bad_value", "format", key="format", detail=f"ska vara {FORMAT}")
    refs: dict[str, LegalReference] = {}
    for index, item in enumerate(reader.items(data.get("references"), "references")):
        path = join("references", index)
        reader.owner(item, path, "lagrum")
        ref = reader.mapping(item, path, required=_REF_REQUIRED, optional=_REF_OPTIONAL)
        ref_id = reader.ident(ref, "id", path)
        if ref_id in refs:
            reader.error("duplicate_id", join(path, "id"), id=ref_id)
        former = _former(reader, ref.get("former"), join(path, "former"))
        citation = reader.text(ref, "citation", path)
        if former is not None and CURRENT_SOL not in citation and FORMER_SOL in former.citation:
            reader.error("former_without_current", join(path, "citation"), text=former.citation)
        sector = ref.get("from_sector")
        if sector is not None and sector not in SECTORS:
            reader.error("unknown_sector", join(path, "from_sector"), sector=sector,
                         allowed=", ".join(SECTORS))
            sector = None
        refs[ref_id] = LegalReference(
            id=ref_id, citation=citation, law=reader.text(ref, "law", path),
            short=reader.text(ref, "short", path), summary=reader.text(ref, "summary", path),
            source=reader.source(ref, path), former=former,
            from_sector=str(sector) if sector else None,
            public_only=reader.boolean(ref, "public_only", path),
            disclosure_ground=reader.boolean(ref, "disclosure_ground", path),
        )
    reader.raise_if_errors()
    return refs


def _former(reader: Reader, value: object, path: str) -> FormerCitation | None:
    if value is None:
        return None
    data: Mapping[str, object] = reader.mapping(value, path, required=("citation", "law"),
                                                optional=("until",))
    return FormerCitation(
        citation=reader.text(data, "citation", path), law=reader.text(data, "law", path),
        until=reader.date(data, "until", path),
    )


def load_references(path: Path) -> dict[str, LegalReference]:
    """Parse and check the legal-reference file."""
    return parse_references(read_yaml(path), path.name)

"""`oro-admin guide`: the guidance of a region's guideline for a situation, offline.

No store and no password: the command reads the shipped guidelines, legal references
and contact directory (resources/, or ORO_RESOURCES_DIR) and a situation file the user
names (format in docs/guidance.md). A bad file is refused with one Swedish line.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from oro_desktop.errors import InvalidInput
from oro_desktop.paths import resources_dir
from oro_desktop.services.guidance import GuidanceService


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `guide` to oro-admin."""
    p = subparsers.add_parser(
        "guide", help="vägledning enligt regionens riktlinje för en situation",
        description="Visar alternativ, steg, vem som kontaktas nu, lagrum och varningar för en "
        "situation (JSON-fil, se docs/guidance.md). Kräver ingen databas.",
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--situation", type=Path, metavar="FIL.json", help="situationen (JSON)")
    what.add_argument("--list", action="store_true", help="lista riktlinjerna")
    p.add_argument("--json", action="store_true", help="skriv ut JSON")
    p.add_argument("--resources-dir", type=Path, default=None, metavar="KATALOG",
                   help="resurskatalog (standard: resources/ eller ORO_RESOURCES_DIR)")
    p.add_argument("--now", default=None, metavar='"ÅÅÅÅ-MM-DD TT:MM"',
                   help="tid när situationen saknar ”at” och för giltigheten i --list (standard: nu)")
    p.set_defaults(func=cmd_guide)


def _now(text: str | None) -> datetime:
    if text is None:
        return datetime.now().replace(second=0, microsecond=0)
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput(f'Ogiltig tid för --now: {text!r}. Använd "ÅÅÅÅ-MM-DD TT:MM".') from None


def cmd_guide(args: argparse.Namespace) -> int:
    now = _now(args.now)
    service = GuidanceService(args.resources_dir or resources_dir())
    if args.list:
        items = service.list(now)
        if args.json:
            print(json.dumps(items, ensure_ascii=False, indent=2))
            return 0
        for item in items:
            flag = " [UTKAST]" if item["status"] == "draft" else ""
            print(f"{item['id']}: {item['title']} ({item['region']}){flag}")
            print(f"    {item['validity_text']}")
        return 0
    guidance = service.guide_file(args.situation, now=now)
    if args.json:
        print(json.dumps(service.as_data(guidance), ensure_ascii=False, indent=2))
    else:
        print(service.as_text(guidance))
    return 0

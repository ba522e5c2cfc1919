"""`oro-admin contacts`: search the contact directory, export it, import another's.

`search` needs no store: without `--db` it reads the shipped directory (resources/
contacts or ORO_RESOURCES_DIR), so the right number is found even before anyone can
unlock the database. With `--db` the clinic's local changes are included. `export` and
`import` change or reveal the clinic's directory and need an admin session.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from oro_desktop.cli import inputs
from oro_desktop.core.contacts import DirectoryError, NowItem, NowView, entry_to_data, stale_since
from oro_desktop.errors import InvalidInput
from oro_desktop.paths import resources_dir
from oro_desktop.services import inputs as rules
from oro_desktop.services.contacts import ContactService

try:  # the store engineer's shared --db/--user/password options, when present
    from oro_desktop.cli import options as _options
except ImportError:  # pragma: no cover - depends on what has landed
    _options = None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `contacts` and its sub-commands to oro-admin."""
    contacts = subparsers.add_parser(
        "contacts", help="kontaktkatalogen: sök, exportera, importera",
        description="Kontaktvägar till socialtjänst och regionens verksamheter.",
    )
    contacts.add_argument("--contacts-dir", type=inputs.path_arg, default=None, metavar="KATALOG",
                          help="levererad katalog (standard: resources/contacts)")
    sub = contacts.add_subparsers(dest="contacts_command", metavar="KOMMANDO")
    sub.required = True

    p = sub.add_parser(
        "search", help="sök i katalogen och visa vem som nås nu",
        description="Sök över alla fält (versaler, å/ä/ö och mellanslag i nummer spelar "
        "ingen roll). Alla ord måste finnas med. Utan --db visas bara den levererade "
        "katalogen, utan lokala ändringar.",
    )
    p.add_argument("query", metavar="SÖKORD", type=inputs.text_arg(max_len=500), help='t.ex. "socialtjänsten växjö" eller "0470 435 90"')
    p.add_argument("--region", default=None, type=inputs.text_arg(max_len=100), help="begränsa till en region, t.ex. kronoberg")
    p.add_argument("--at", default=None, type=inputs.text_arg(max_len=40), metavar='"ÅÅÅÅ-MM-DD TT:MM"',
                   help="tidpunkt för öppet/stängt (standard: nu)")
    p.add_argument("--limit", type=inputs.int_arg(1, 100_000), default=None, metavar="N",
                   help="visa högst N träffar")
    p.add_argument("--json", action="store_true", help="skriv ut JSON")
    if _options is not None:
        _options.add_db_option(p)
        _options.add_user_option(p)
        _options.add_secret_options(p)
    p.set_defaults(func=cmd_search)

    if _options is not None:
        p = sub.add_parser("export", help="exportera hela katalogen (med lokala ändringar) till YAML",
                           description="Kräver administratör. Loggas i granskningsloggen.")
        p.add_argument("out", type=inputs.output_path_arg, metavar="UT.yaml")
        _options.add_store_options(p)
        p.set_defaults(func=cmd_export)

        p = sub.add_parser(
            "import", help="importera en katalogfil från en annan enhet",
            description="Kräver administratör. Hela filen kontrolleras först; innehåller "
            "den något fel ändras ingenting. Posterna blir lokala ändringar.",
        )
        p.add_argument("file", type=inputs.path_arg, metavar="FIL.yaml")
        _options.add_store_options(p)
        p.set_defaults(func=cmd_import)


def _session(args: argparse.Namespace):
    """An unlocked session when the command has one, else None (shipped data only).

    `search` opens the store only when --db is given, so a number can be looked up
    without a password; export and import always open it (--db, $ORO_DB or default).
    """
    if _options is None:
        return None
    if args.contacts_command == "search" and getattr(args, "db", None) is None:
        return None
    return _options.open_session(args)


def _service(args: argparse.Namespace, session: Any) -> ContactService:
    shipped = args.contacts_dir or resources_dir() / "contacts"
    return ContactService(session, shipped)


def _parse_at(text: str | None) -> datetime:
    if text is None:
        return datetime.now().replace(second=0, microsecond=0)
    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput(f'Ogiltig tid för --at: {text!r}. Använd "ÅÅÅÅ-MM-DD TT:MM".') from None
    rules.check_date(moment.date(), "--at")
    return moment


def _item_json(item: NowItem, service: ContactService, today: date) -> dict[str, Any]:
    data = entry_to_data(item.entry)
    data["local"] = item.entry.local
    data["status"] = {"state": item.status.state.value, "text": item.status.text}
    data["recommended"] = item.recommended
    data["stale"] = service.is_stale(item.entry, today)
    data["stale_since"] = stale_since(item.entry).isoformat()
    return data


def _print_item(item: NowItem, service: ContactService, today: date) -> None:
    entry = item.entry
    where = ", ".join(x for x in (entry.kind, entry.municipality or entry.region) if x)
    mark = "→ " if item.recommended else "  "
    print(f"{mark}{entry.title}  [{where}]")
    print(f"    {item.status.text}")
    for phone in entry.phones:
        print(f"    Tel: {phone.number}" + (f" ({phone.label})" if phone.label else ""))
    for email in entry.emails:
        print(f"    E-post: {email}")
    if entry.fill_locally and not entry.reachable:
        print("    Kontaktväg saknas i riktlinjen: fylls i lokalt.")
    if entry.notes:
        print(f"    {entry.notes}")
    print(f"    Källa: {entry.source.guideline} ({entry.source.date})" if entry.source.date
          else f"    Källa: {entry.source.guideline}")
    flags = ["lokal ändring"] if entry.local else []
    if service.is_stale(entry, today):
        flags.append(f"KAN VARA INAKTUELL: inte verifierad sedan {entry.verified.isoformat()}")
    if entry.verification_note:
        flags.insert(0, entry.verification_note)
    print(f"    Verifierad {entry.verified.isoformat()}" + (f"; {'; '.join(flags)}" if flags else ""))


def cmd_search(args: argparse.Namespace) -> int:
    at = _parse_at(args.at)
    session = _session(args)
    try:
        service = _service(args, session)
        if args.region and not service.search("", region=args.region):
            raise InvalidInput(
                f"Okänd region {args.region!r}. Kända: {', '.join(service.regions())}."
            )
        found = service.search(args.query, region=args.region)
        view: NowView = service.now(found, at)
        items = view.items[: args.limit] if args.limit else view.items
        today = at.date()
        if args.json:
            print(json.dumps({
                "query": args.query, "region": args.region, "at": at.isoformat(sep=" "),
                "local_changes_included": session is not None,
                "outside_office_hours": view.outside_office_hours,
                "explanation": view.explanation, "count": len(view.items),
                "results": [_item_json(i, service, today) for i in items],
            }, ensure_ascii=False, indent=2))
            return 0
        if not view.items:
            print(f"Inga träffar för {args.query!r}.")
            return 0
        print(view.explanation)
        if session is None:
            print("(Levererad katalog utan lokala ändringar.)")
        print()
        for item in items:
            _print_item(item, service, today)
        if len(items) < len(view.items):
            print(f"\n… {len(view.items) - len(items)} träffar till (använd --limit).")
        return 0
    finally:
        if session is not None:
            session.close()


def _one_line(exc: DirectoryError) -> str:
    """A directory file's problems on one line (the first three and how many more)."""
    shown = "; ".join(" ".join(str(e).split()) for e in exc.errors[:3])
    more = f" (och {len(exc.errors) - 3} fel till)" if len(exc.errors) > 3 else ""
    return f"Kontaktkatalogen innehåller fel: {shown}{more}. Inget har ändrats."


def cmd_export(args: argparse.Namespace) -> int:
    with _options.session_from_args(args) as session:
        try:
            count = _service(args, session).export(args.out)
        except OSError as exc:
            raise InvalidInput(f"Kan inte skriva {args.out}: {exc.strerror or exc}") from None
    _options.emit(args, {"file": str(args.out), "entries": count},
                  f"Exporterade {count} kontakter till {args.out}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    # Checked before the password is asked for: a bad file changes nothing either way.
    try:
        _service(args, None).check_import(args.file)
    except DirectoryError as exc:
        raise InvalidInput(_one_line(exc)) from None
    with _options.session_from_args(args) as session:
        try:
            result = _service(args, session).import_file(args.file)
        except DirectoryError as exc:
            raise InvalidInput(_one_line(exc)) from None
    _options.emit(
        args, {"file": str(args.file), "entries": result.total, "changed": result.changed},
        f"Läste {result.total} kontakter från {args.file}; {result.changed} nya eller ändrade "
        "sparades som lokala ändringar.",
    )
    return 0

"""`oro-admin audit`: read the audit log, newest first (admins only)."""

from __future__ import annotations

import argparse
import re

from oro_desktop.cli import options
from oro_desktop.errors import InvalidInput
from oro_desktop.store import audit as audit_mod

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit", help="visa granskningsloggen, nyast först",
        description="Visar granskningsloggen (vem, när, vad, vilken post), nyast först. "
        "Kräver administratör (ange den med --as eller $ORO_USER; --user filtrerar). "
        "Tider är UTC. " + options.SECRETS_EPILOG,
    )
    # `--user` is the filter here (as in `audit --user U`), so the signed-in user is
    # given with `--as` (or $ORO_USER).
    options.add_db_option(p)
    p.add_argument("--as", dest="user", metavar="NAMN", default=None,
                   help="inloggad administratör (annars $ORO_USER)")
    options.add_secret_options(p)
    options.add_json_option(p)
    p.add_argument("--user", dest="filter_user", metavar="U", default=None,
                   help="bara poster av användaren U")
    p.add_argument("--record", metavar="R", default=None,
                   help="bara poster om posten R (id, eller typ:id)")
    p.add_argument("--since", metavar="DATUM", default=None,
                   help="bara poster från och med DATUM (ÅÅÅÅ-MM-DD, UTC)")
    p.add_argument("--limit", metavar="N", type=int, default=None, help="högst N poster")
    p.set_defaults(func=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    if args.since and not _DATE.match(args.since):
        raise InvalidInput("--since måste vara ett datum som ÅÅÅÅ-MM-DD.")
    if args.limit is not None and args.limit < 1:
        raise InvalidInput("--limit måste vara minst 1.")
    with options.session_from_args(args) as session:
        session.require_admin()
        with session.store.unit_of_work(session.user.name) as uow:
            entries = audit_mod.query(uow.conn, user=args.filter_user, record=args.record,
                                      since=args.since.replace(" ", "T") if args.since else None,
                                      limit=args.limit)
    lines = [
        "\t".join([e.ts, e.actor, e.action, f"{e.record_type or ''}:{e.record_id or ''}".strip(":")])
        for e in entries
    ]
    options.emit(args, [e.to_dict() for e in entries], "\n".join(lines) if lines else "(inga poster)")
    return 0

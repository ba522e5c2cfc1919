"""`oro-admin audit`: read the audit log, newest first (admins only); `audit review`:
the log review (stickprov) an admin makes of reads and prints.

Reading the log is itself audited (services/audit_view.py). Dates are checked
(a real day, 1900–2200) and --limit is bounded before the store is opened.
"""

from __future__ import annotations

import argparse

from oro_desktop.cli import inputs, options
from oro_desktop.cli.commands import audit_review_cmds
from oro_desktop.services import audit_view


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit", help="visa granskningsloggen, nyast först; granska ett stickprov",
        description="Visar granskningsloggen (vem, när, vad, vilken post, vilken vårdenhet), "
        "nyast först. Kräver administratör (logga in med --user eller $ORO_USER; --by "
        "filtrerar på vem som gjorde något). Tider är UTC. Varje läsning av loggen loggas. "
        "'oro-admin audit review --help' visar loggranskningen (stickprov). "
        + options.SECRETS_EPILOG,
    )
    add_reader_options(p)
    p.add_argument("--by", dest="filter_user", metavar="U", default=None,
                   type=inputs.text_arg(max_len=200), help="bara poster av användaren U")
    p.add_argument("--record", metavar="R", default=None, type=inputs.text_arg(max_len=200),
                   help="bara poster om posten R (id, eller typ:id)")
    p.add_argument("--since", metavar="DATUM", default=None, type=inputs.moment_arg(),
                   help="bara poster från och med DATUM (ÅÅÅÅ-MM-DD [TT:MM], UTC)")
    p.add_argument("--until", metavar="DATUM", default=None, type=inputs.moment_arg(),
                   help="bara poster före DATUM (ÅÅÅÅ-MM-DD [TT:MM], UTC)")
    p.add_argument("--limit", metavar="N", default=None,
                   type=inputs.int_arg(1, audit_view.MAX_LIMIT),
                   help=f"högst N poster (1–{audit_view.MAX_LIMIT})")
    p.set_defaults(func=cmd_audit)
    audit_review_cmds.attach(p, add_reader_options)


def add_reader_options(p: argparse.ArgumentParser) -> None:
    """--db, --user (the signed-in admin), --password-stdin, --json.

    `--user` names who signs in, as on every other command (issue 13); whose entries
    are shown or reviewed is `--by`.
    """
    options.add_db_option(p)
    options.add_user_option(p, "inloggad administratör (annars $ORO_USER)")
    options.add_secret_options(p)
    options.add_json_option(p)


def cmd_audit(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        rows = audit_view.search(session, user=args.filter_user, record=args.record,
                                 since=args.since, until=args.until, limit=args.limit)
    lines = [
        "\t".join([r.ts, r.actor, r.action,
                   f"{r.record_type or ''}:{r.record_id or ''}".strip(":"), r.unit or ""]).rstrip()
        for r in rows
    ]
    options.emit(args, [r.to_dict() for r in rows], "\n".join(lines) if lines else "(inga poster)")
    return 0

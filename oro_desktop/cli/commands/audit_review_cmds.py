"""`oro-admin audit review ...`: log review (stickprov) of reads and prints (admins only).

Attached under `audit` by audit_cmds (`attach`); its `register` adds nothing at top level.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from oro_desktop.cli import inputs, options
from oro_desktop.services import audit_review, audit_view
from oro_desktop.services.output import UNENCRYPTED_NOTE, write_private_file


def register(_subparsers: argparse._SubParsersAction) -> None:
    """Nothing at top level: `review` lives under `audit` (see audit_cmds)."""


def attach(audit_parser: argparse.ArgumentParser,
           add_reader_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """The `audit review` commands under `audit`; `add_reader_options` is audit's own
    sign-in options, handed in (not imported) so the two modules do not import each other."""
    sub = audit_parser.add_subparsers(dest="audit_command", metavar="GRANSKNING")
    review = sub.add_parser(
        "review", help="loggranskning: stickprov av läsningar och utskrifter",
        description="Loggranskning enligt HSLF-FS 2016:40 4 kap. 9 §: dra ett slumpvis "
        "stickprov av en användares eller en persons läsningar och utskrifter under en "
        "period, markera varje post som granskad med en anteckning och skriv ut "
        "granskningen. Granskningen sparas och kan inte ändras i efterhand (en ny "
        "markering ersätter den förra). Kräver administratör. " + options.SECRETS_EPILOG,
    )
    rsub = review.add_subparsers(dest="review_command", metavar="KOMMANDO")
    rsub.required = True

    p = rsub.add_parser("draw", help="dra ett nytt stickprov",
                        description="Dra ett stickprov. Ange --by ELLER --person.")
    add_reader_options(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--by", dest="review_user", metavar="U",
                     type=inputs.text_arg(max_len=200), help="användaren vars åtkomst granskas")
    who.add_argument("--person", metavar="PERSONNUMMER", type=inputs.text_arg(max_len=20),
                     help="personen vars uppgifter granskas (personnummer/samordningsnummer)")
    p.add_argument("--from", dest="period_from", metavar="ÅÅÅÅ-MM-DD", required=True,
                   type=inputs.date_arg(), help="periodens första dag")
    p.add_argument("--to", dest="period_to", metavar="ÅÅÅÅ-MM-DD", required=True,
                   type=inputs.date_arg(), help="periodens sista dag")
    p.add_argument("--size", metavar="N", default=20,
                   type=inputs.int_arg(1, audit_review.MAX_SAMPLE),
                   help=f"antal poster i stickprovet (1–{audit_review.MAX_SAMPLE}, standard 20)")
    p.set_defaults(func=cmd_draw)

    p = rsub.add_parser("list", help="lista sparade loggranskningar")
    add_reader_options(p)
    p.set_defaults(func=cmd_list)

    p = rsub.add_parser("show", help="visa en loggranskning med dess poster")
    p.add_argument("review", metavar="NR", type=inputs.int_arg(1, 10**12))
    add_reader_options(p)
    p.set_defaults(func=cmd_show)

    p = rsub.add_parser("mark", help="markera en post i en granskning som granskad",
                        description="Markera en post som granskad. --remark kräver --note.")
    p.add_argument("review", metavar="NR", type=inputs.int_arg(1, 10**12))
    p.add_argument("entry", metavar="POST", type=inputs.int_arg(1, 10**12))
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--ok", dest="verdict", action="store_const", const="ok",
                         help="utan anmärkning")
    verdict.add_argument("--remark", dest="verdict", action="store_const", const="remark",
                         help="med anmärkning")
    p.add_argument("--note", default="", metavar="TEXT",
                   type=inputs.text_arg(max_len=audit_review.MAX_NOTE), help="anteckning")
    add_reader_options(p)
    p.set_defaults(func=cmd_mark)

    p = rsub.add_parser("print", help="skriv granskningen som PDF-fil (okrypterad, 0600)")
    p.add_argument("review", metavar="NR", type=inputs.int_arg(1, 10**12))
    p.add_argument("--out", required=True, metavar="FIL.pdf", type=inputs.output_path_arg)
    add_reader_options(p)
    p.set_defaults(func=cmd_print)


def _print_review(review: audit_review.Review) -> str:
    s = review.summary
    head = [f"Loggranskning nr {s.id} ({s.scope_text()}, {s.period_from} – {s.period_to})",
            f"Vårdenhet: {s.unit or '-'}; stickprov {s.sample_size} av {s.population}; "
            f"granskade {s.reviewed} av {s.sample_size}"]
    for i in review.items:
        e = i.entry
        head.append("\t".join([f"#{e.id}", e.ts, e.actor, audit_view.action_label(e.action),
                               audit_view.record_label(e.record_type, e.record_id),
                               i.verdict_text(), i.note.replace("\n", " ")]).rstrip())
    return "\n".join(head)


def cmd_draw(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        review = audit_review.draw_sample(
            session, period_from=args.period_from, period_to=args.period_to, size=args.size,
            user=args.review_user, person=args.person)
    options.emit(args, review.to_dict(), _print_review(review))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        rows = audit_review.list_reviews(session)
    text = "\n".join(
        f"{r.id}\t{r.created_at}\t{r.scope_text()}\t{r.period_from} – {r.period_to}\t"
        f"{r.reviewed}/{r.sample_size} granskade" for r in rows) or "(inga granskningar)"
    options.emit(args, [r.to_dict() for r in rows], text)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        review = audit_review.get_review(session, args.review)
    options.emit(args, review.to_dict(), _print_review(review))
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        review = audit_review.mark(session, args.review, args.entry, verdict=args.verdict,
                                   note=args.note)
    options.emit(args, review.to_dict(), f"Post {args.entry} markerad: "
                 f"{audit_review.VERDICTS[args.verdict].lower()}.")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        pdf = audit_review.review_pdf(session, args.review)
        path = write_private_file(args.out, pdf)
        audit_review.record_output(session, args.review, "export",
                                   {"format": "pdf", "path": str(path.resolve())})
    print(f"Varning: {path} {UNENCRYPTED_NOTE}", file=sys.stderr)
    options.emit(args, {"file": str(path)}, f"Skrev {path}.")
    return 0

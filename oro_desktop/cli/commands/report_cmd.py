"""`oro-admin report bht --year YYYY --out FILE.pdf`: the yearly follow-up (guideline 3)."""

from __future__ import annotations

import argparse
import os

from oro_desktop.cli import inputs, options
from oro_desktop.core.barnhalsoteam import FollowUpAnswers
from oro_desktop.errors import InvalidInput


def _yes_no(text: str) -> bool:
    value = text.strip().casefold()
    if value in ("ja", "j", "yes"):
        return True
    if value in ("nej", "n", "no"):
        return False
    raise argparse.ArgumentTypeError("svara ja eller nej")


def register(subparsers: argparse._SubParsersAction) -> None:
    r = subparsers.add_parser("report", help="rapporter: årlig uppföljning av barnhälsoteam")
    sub = r.add_subparsers(dest="report_command", metavar="RAPPORT")
    sub.required = True
    p = sub.add_parser("bht", help="årlig uppföljning av barnhälsoteam som PDF",
                       description="Siffrorna kommer från de registrerade mötena.")
    p.add_argument("--year", required=True, type=inputs.int_arg(2000, 2200, "--year"),
                   metavar="ÅÅÅÅ")
    p.add_argument("--out", required=True, type=inputs.output_path_arg, metavar="FIL.pdf")
    p.add_argument("--implemented", type=_yes_no, default=None, metavar="ja|nej",
                   help="har riktlinjen implementerats?")
    for flag, what in (("--how-it-worked", "hur samverkan har fungerat"),
                       ("--effects", "effekter"), ("--improvements", "vad som kan förbättras")):
        p.add_argument(flag, default="", type=inputs.text_arg(max_len=4000), help=what)
    options.add_store_options(p)
    p.set_defaults(func=cmd_bht)


def cmd_bht(args: argparse.Namespace) -> int:
    answers = FollowUpAnswers(args.implemented, args.how_it_worked, args.effects,
                              args.improvements)
    with options.session_from_args(args) as session:
        bht = session.services.bht
        report = bht.yearly_report(args.year, answers)
        pdf = bht.report_pdf(args.year, answers)
    try:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
        os.chmod(args.out, 0o600)
    except OSError as exc:
        raise InvalidInput(f"Rapporten kan inte skrivas: {exc.strerror}.") from None
    n = report.numbers
    options.emit(args, {"year": n.year, "meetings": n.meeting_count, "teams": n.teams_formed,
                        "per_month": list(n.per_month), "file": str(args.out)},
                 f"Rapporten är skriven: {args.out} ({n.meeting_count} möten {n.year}).")
    return 0

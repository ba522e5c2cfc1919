"""`oro-admin report bht --year YYYY [--team TEAM] --out FILE.pdf`: the yearly follow-up
(guideline 3), per team and year (issue 12): without `--team` every own team together."""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict

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
                       description="Uppföljningen per team och år (riktlinjens avsnitt 3). "
                       "Siffrorna kommer från de registrerade mötena; utan --team räknas "
                       "alla egna team tillsammans.")
    p.add_argument("--year", required=True, type=inputs.int_arg(2000, 2200, "--year"),
                   metavar="ÅÅÅÅ", help="året som rapporten gäller")
    p.add_argument("--team", action="append", default=None, metavar="TEAM",
                   type=inputs.text_arg(max_len=200),
                   help="bara detta team: dess id (som `teams list` visar det) eller namn; "
                   "kan anges flera gånger")
    p.add_argument("--out", required=True, type=inputs.output_path_arg, metavar="FIL.pdf",
                   help="PDF-filen som skrivs (skapas läsbar bara för dig)")
    p.add_argument("--implemented", type=_yes_no, default=None, metavar="ja|nej",
                   help="har riktlinjen implementerats?")
    for flag, what in (("--how-it-worked", "hur samverkan har fungerat"),
                       ("--effects", "effekter"), ("--improvements", "vad som kan förbättras")):
        p.add_argument(flag, default="", type=inputs.text_arg(max_len=4000), metavar="TEXT",
                       help=f"fritext: {what}")
    options.add_store_options(p)
    p.set_defaults(func=cmd_bht)


def cmd_bht(args: argparse.Namespace) -> int:
    answers = FollowUpAnswers(args.implemented, args.how_it_worked, args.effects,
                              args.improvements)
    with options.session_from_args(args) as session:
        bht = session.services.bht
        team_uids = _team_uids(bht, args.team) if args.team else None
        report = bht.yearly_report(args.year, answers, team_uids=team_uids)
        pdf = bht.report_pdf(args.year, answers, team_uids=team_uids)
    try:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
        os.chmod(args.out, 0o600)
    except OSError as exc:
        raise InvalidInput(f"Rapporten kan inte skrivas: {exc.strerror}.") from None
    n = report.numbers
    options.emit(args, {"year": n.year, "meetings": n.meeting_count, "teams": n.teams_formed,
                        "per_month": list(n.per_month), "file": str(args.out),
                        "team_names": list(report.team_names), "numbers": asdict(n)},
                 f"Rapporten är skriven: {args.out} ({n.meeting_count} möten {n.year}"
                 + (f", {', '.join(report.team_names)}" if args.team else "") + ").")
    return 0


def _team_uids(bht: object, wanted: list[str]) -> list[str]:
    """The own teams named by id or by name (case-insensitive); an unknown one refuses."""
    own = [v.team for v in bht.teams() if not v.imported]  # type: ignore[attr-defined]
    found: list[str] = []
    for text in wanted:
        key = text.strip().casefold()
        match = [t for t in own if t.uid == text.strip() or t.name.casefold() == key]
        if not match:
            raise InvalidInput(f"Det finns inget eget barnhälsoteam ”{text[:60]}” "
                               "(se oro-admin teams list).")
        found += [t.uid for t in match if t.uid not in found]
    return found

"""`oro-admin plans list|render`: the coordinated plans of the store, on the plan service.

`list` is sorted by next follow-up (plans without a date last), as in the app; `render`
writes a plan (a saved version, the newest by default, or the family copy) as a PDF file
created 0600, printed exactly as that version printed. Reads and prints are audited by
the service; the written file is audited as an export with its path.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date
from typing import Any

from oro_desktop.cli import inputs, options
from oro_desktop.services.output import UNENCRYPTED_NOTE, write_private_file

_PLAN = inputs.text_arg("plan", max_len=64)
_VERSION = inputs.int_arg(1, 100_000)


def register(subparsers: argparse._SubParsersAction) -> None:
    plans = subparsers.add_parser(
        "plans", help="planer: lista och skriv ut",
        description="Samordnade planer (samordnad plan för väntat barn, barnets plan). "
                    + options.SECRETS_EPILOG)
    sub = plans.add_subparsers(dest="plans_command", metavar="KOMMANDO")
    sub.required = True
    p = sub.add_parser("list", help="lista planer, sorterade efter nästa uppföljning")
    options.add_store_options(p)
    p.add_argument("--due-before", type=inputs.date_arg(), default=None, metavar="ÅÅÅÅ-MM-DD",
                   help="bara planer vars uppföljning ligger före detta datum")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("render", help="skriv en plan till en PDF-fil")
    p.add_argument("plan", metavar="PLAN", type=_PLAN, help="planens id (uid)")
    p.add_argument("--out", type=inputs.output_path_arg, required=True, metavar="FIL.pdf",
                   help="PDF-filen (skapas läsbar bara för dig, 0600)")
    p.add_argument("--version", type=_VERSION, default=None, metavar="N",
                   help="en sparad version (standard: den senaste)")
    p.add_argument("--family", action="store_true",
                   help="familjeexemplaret ”Planen i korthet” i stället för planen")
    options.add_store_options(p, json_out=False)
    p.set_defaults(func=cmd_render)


def _jsonable(row: Any) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(row).items()}


def _line(r: Any) -> str:
    when = r.next_follow_up.isoformat() if r.next_follow_up else "ingen uppföljning"
    mark = " (dags)" if r.follow_up_due else ""
    consent = {True: "med samtycke", False: "utan samtycke", None: "samtycke ej angivet"}[r.with_consent]
    return (f"{r.uid}  {when}{mark}  {r.title}: {r.case_label}  ({consent}, "
            f"{r.versions} version{'er' if r.versions != 1 else ''}"
            + (f", samordnare {r.coordinator}" if r.coordinator else "") + ")")


def cmd_list(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        rows = session.services.plans.list(due_before=args.due_before)
    options.emit(args, [_jsonable(r) for r in rows],
                 "\n".join(_line(r) for r in rows) or "Inga planer.")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        service = session.services.plans
        pdf = service.pdf_job(args.plan, version=args.version, family=args.family)()
        out = write_private_file(args.out, pdf)
        service.record_output(args.plan, "export", {"path": str(out), "format": "pdf",
                                                    "version": args.version,
                                                    "family": bool(args.family)})
    print(f"Varning: {out} {UNENCRYPTED_NOTE}", file=sys.stderr)
    return 0

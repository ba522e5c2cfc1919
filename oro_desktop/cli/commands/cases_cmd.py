"""`oro-admin cases list|show`: the cases of the store, on the same service as the GUI.

Reads are audited by the case service. A protected person's address is never shown and
the number is masked, as on screen (services/case_views.py).
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import Any

from oro_desktop.cli import inputs, options

_CASE = inputs.text_arg("ärende", max_len=64)


def register(subparsers: argparse._SubParsersAction) -> None:
    cases = subparsers.add_parser(
        "cases", help="ärenden: lista och visa",
        description="Ärenden om oro för väntat eller nyfött barn. " + options.SECRETS_EPILOG)
    sub = cases.add_subparsers(dest="cases_command", metavar="KOMMANDO")
    sub.required = True
    p = sub.add_parser("list", help="lista ärenden (öppna först)")
    options.add_store_options(p)
    p.add_argument("--status", choices=("open", "closed"), default=None,
                   help="bara öppna eller avslutade ärenden")
    p.add_argument("--search", metavar="TEXT", type=inputs.text_arg("sökning", max_len=200),
                   default=None, help="sök på namn, personnummer eller ärende-id")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("show", help="visa ett ärende")
    p.add_argument("case", metavar="ÄRENDE", type=_CASE, help="ärendets id (uid)")
    options.add_store_options(p)
    p.set_defaults(func=cmd_show)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _row(r: Any) -> dict[str, Any]:
    return _jsonable(asdict(r))


def cmd_list(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        service = session.services.cases
        if args.search:
            rows = service.search(args.search, limit=1000)
        else:
            rows = service.list_page(0, 1000, status=args.status)
    text = "\n".join(f"{r.uid}  {r.status_label:8}  {r.opened_on}  {r.region}, {r.municipality}  "
                     f"{r.subject}  ({', '.join(r.persons) or 'inga personer'})" for r in rows)
    options.emit(args, [_row(r) for r in rows], text or "Inga ärenden.")
    return 0


def _view_data(view: Any) -> dict[str, Any]:
    guidance = view.guidance
    return _jsonable({
        "case": asdict(view.row),
        "concerns": [{"id": c, "text": t} for c, t in view.concerns],
        "persons": [asdict(p) for p in view.persons],
        "alternative": guidance.alternative if guidance else None,
        "steps": [asdict(s) for s in view.steps],
        "warnings": [{"code": w.code, "text": w.text} for w in guidance.warnings] if guidance else [],
        "guidance_problem": view.guidance_problem,
        "motivate_consent": [m.text for m in view.motivate_consent],
        "consents": [asdict(c) for c in view.consents],
        "disclosures": [asdict(d) for d in view.disclosures],
        "history": [asdict(h) for h in view.history],
        "notices": list(view.notices),
    })


def _view_text(view: Any) -> str:
    r = view.row
    lines = [f"Ärende {r.uid} ({r.status_label})", f"Riktlinje: {r.guideline_title}",
             f"Kommun: {r.municipality}   Öppnat: {r.opened_on}   Ansvarig: {r.responsible}",
             f"Gäller: {r.subject}"]
    lines += [f"Obs: {n}" for n in view.notices]
    if view.concerns:
        lines.append("Oro: " + "; ".join(t for _, t in view.concerns))
    lines.append("Personer:")
    for p in view.persons:
        mark = " [skyddade personuppgifter]" if p.protected else ""
        answer = {"yes": ", svar: ja", "no": ", svar: nej", "not_asked": ", inte tillfrågad"}.get(p.answer, "")
        lines.append(f"  {p.role_label}: {p.name} {p.number}{mark}{answer}")
    if view.guidance_problem:
        lines.append(f"Vägledning saknas: {view.guidance_problem}")
    if view.steps:
        lines.append("Steg:")
        for s in view.steps:
            box = "[x]" if s.ticked else "[ ]"
            alt = f"A{s.alternative} " if s.alternative else ""
            lines.append(f"  {box} {alt}{s.number}. {s.text}" + (f" ({s.ticked_by})" if s.ticked else ""))
    if view.guidance is not None:
        for w in view.guidance.warnings:
            lines.append(f"  ! {w.text}")
    if view.motivate_consent:
        lines.append("Fortsätt att motivera till samtycke (riktlinjen):")
        lines += [f"  - {m.text}" for m in view.motivate_consent]
    if view.disclosures:
        lines.append("Uppgiftslämnanden utan samtycke:")
        for d in view.disclosures:
            lines.append(f"  {d.disclosed_on}: {d.sender} -> {d.recipient} ({d.legal_basis_text})")
    lines.append("Historik:")
    lines += [f"  {h.at[:16]} {h.by}: {h.text}" for h in view.history]
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        view = session.services.cases.view(args.case)
    options.emit(args, _view_data(view), _view_text(view))
    return 0

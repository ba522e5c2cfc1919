"""`oro-admin teams list [--json]`: the barnhälsoteam of this installation and their members."""

from __future__ import annotations

import argparse

from oro_desktop.cli import options


def register(subparsers: argparse._SubParsersAction) -> None:
    teams = subparsers.add_parser("teams", help="barnhälsoteam: visa team och medlemmar",
                                  description="Barnhälsoteamen och deras medlemmar.")
    sub = teams.add_subparsers(dest="teams_command", metavar="KOMMANDO")
    sub.required = True
    p = sub.add_parser("list", help="lista teamen med medlemmar och mandat")
    options.add_store_options(p)
    p.set_defaults(func=cmd_list)


def cmd_list(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        views = session.services.bht.teams()
    payload = [v.to_dict() for v in views]
    lines = []
    for v in views:
        t = v.team
        where = f"{t.municipality}, {t.area}" if t.area else t.municipality
        mark = " (överfört)" if v.imported else ""
        lines.append(f"{t.name} [{where}]{mark}  bildat {t.formed_on.isoformat()}  id {t.uid}")
        for m in t.members:
            mandate = f" — mandat: {m.mandate}" if m.mandate else " — mandat ej angivet"
            lines.append(f"    {m.role}: {m.name}{mandate}")
        if t.missing_roles():
            lines.append(f"    Saknas: {', '.join(t.missing_roles())}")
    options.emit(args, payload, "\n".join(lines) if lines else "Inga barnhälsoteam registrerade.")
    return 0

"""`oro-admin forms`: list, show, validate and render form definitions.

These commands need no store: they read forms/ (ORO_FORMS_DIR) and data files the user
names, so a form author can check a new definition before shipping it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from oro_desktop.core.forms import FormDefinition, FormLibrary, validate
from oro_desktop.errors import InvalidInput
from oro_desktop.paths import forms_dir, resources_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `forms` and its sub-commands to oro-admin."""
    forms = subparsers.add_parser(
        "forms", help="formulärdefinitioner: lista, visa, validera, skriv ut",
        description="Formulärdefinitioner i forms/ (eller ORO_FORMS_DIR). Kräver ingen databas.",
    )
    forms.add_argument("--forms-dir", type=Path, default=None,
                       help="katalog med definitioner (standard: forms/ eller ORO_FORMS_DIR)")
    sub = forms.add_subparsers(dest="forms_command", metavar="KOMMANDO")
    sub.required = True

    p = sub.add_parser("list", help="lista formulär och versioner")
    p.add_argument("--json", action="store_true", help="skriv ut JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="visa ett formulärs fält (id och typ)")
    p.add_argument("form", metavar="FORMULÄR")
    p.add_argument("--version", type=int, default=None, help="version (standard: senaste)")
    p.add_argument("--json", action="store_true", help="skriv ut JSON")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("validate", help="validera ifyllda uppgifter (JSON-fil)")
    p.add_argument("form", metavar="FORMULÄR")
    p.add_argument("--version", type=int, default=None, help="version (standard: senaste)")
    p.add_argument("--data", type=Path, required=True, metavar="FIL.json")
    p.add_argument("--today", type=date.fromisoformat, default=None, metavar="ÅÅÅÅ-MM-DD",
                   help="dagens datum för kontrollen (standard: idag)")
    p.add_argument("--json", action="store_true", help="skriv ut JSON")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("render", help="skapa PDF (tom blankett utan --data)")
    p.add_argument("form", metavar="FORMULÄR")
    p.add_argument("--version", type=int, default=None, help="version (standard: senaste)")
    p.add_argument("--data", type=Path, default=None, metavar="FIL.json")
    p.add_argument("--out", type=Path, required=True, metavar="FIL.pdf")
    p.set_defaults(func=cmd_render)


def _library(args: argparse.Namespace) -> FormLibrary:
    return FormLibrary(args.forms_dir or forms_dir())


def _definition(args: argparse.Namespace) -> FormDefinition:
    return _library(args).get(args.form, args.version)


def _read_data(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"Filen finns inte: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"Kan inte läsa {path} som JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: ska innehålla ett JSON-objekt (fält-id: värde).")
    return data


def cmd_list(args: argparse.Namespace) -> int:
    library = _library(args)
    rows = []
    for form_id, version in library.keys():
        d = library.get(form_id, version)
        rows.append({"id": d.id, "version": d.version, "title": d.title,
                     "source": d.source.display()})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            print(f"{r['id']}\tv{r['version']}\t{r['title']}\t({r['source']})")
    return 0


def _field_json(f: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f.id, "type": f.type, "label": f.label, "required": f.required}
    if f.choices:
        out["choices"] = [{"value": c.value, "label": c.label} for c in f.choices]
    if f.condition:
        out["condition"] = {"field": f.condition.field, "equals": f.condition.equals,
                            "one_of": list(f.condition.one_of)}
    if f.columns:
        out["columns"] = [_field_json(c) for c in f.columns]
    if f.kinds:
        out["kinds"] = list(f.kinds)
    if f.type == "fixed_text":
        out["text"] = f.text
    return out


def cmd_show(args: argparse.Namespace) -> int:
    d = _definition(args)
    if args.json:
        doc = {
            "id": d.id, "version": d.version, "title": d.title,
            "source": {"guideline": d.source.guideline, "appendix": d.source.appendix},
            "sections": [
                {"id": s.id, "title": s.title, "fields": [_field_json(f) for f in s.fields]}
                for s in d.sections
            ],
            "rules": [{"rule": r.rule, **r.args} for r in d.rules],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    print(f"{d.title} ({d.id} v{d.version})\n{d.source.display()}")
    for s in d.sections:
        if s.title:
            print(f"\n[{s.title}]")
        for f in s.fields:
            label = f.label or f.text[:60] + ("…" if len(f.text) > 60 else "")
            print(f"  {f.id:<24} {f.type:<13} {label}{' *' if f.required else ''}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    d = _definition(args)
    data = _read_data(args.data)
    problems = validate(d, data, today=args.today or date.today())
    if args.json:
        print(json.dumps([{"field": p.field, "message": p.message} for p in problems],
                         ensure_ascii=False, indent=2))
    elif problems:
        for p in problems:
            print(p.message)
    else:
        print(f"Inga fel: {args.data} är ett giltigt ifyllt {d.id} v{d.version}.")
    return 1 if problems else 0


def cmd_render(args: argparse.Namespace) -> int:
    from oro_desktop.pdf import render_form  # reportlab only when rendering

    d = _definition(args)
    data = _read_data(args.data) if args.data else None
    pdf = render_form(d, data, fonts_dir=resources_dir() / "fonts")
    from oro_desktop.services.maintenance import write_private_file

    try:
        write_private_file(args.out, pdf)  # 0600 whatever the umask (issue 9, defect 3)
    except OSError as exc:
        raise InvalidInput(f"Kan inte skriva {args.out}: {exc.strerror}") from None
    print(f"Varning: {args.out} är inte krypterad. Förvara och radera den som en "
          "handling med känsliga personuppgifter.", file=sys.stderr)
    return 0

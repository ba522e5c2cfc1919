"""`oro-admin import FILE.json` and `oro-admin export --out FILE`: persons and cases.

The format is documented in docs/import-export.md. Import checks every record first and
imports nothing if any is bad (every problem listed, one line each). Export is
encrypted with a passphrase (new and shown once, or from --passphrase-stdin /
$ORO_EXPORT_PASSPHRASE) unless --plaintext is given, which warns. Both are audited;
a protected person's address is never exported.
"""

from __future__ import annotations

import argparse
import sys

from oro_desktop.cli import inputs, options
from oro_desktop.services.output import UNENCRYPTED_NOTE

ENV_EXPORT = "ORO_EXPORT_PASSPHRASE"
ENV_IMPORT = "ORO_IMPORT_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import", help="importera personer och ärenden (JSON, se docs/import-export.md)",
        description="Importera personer och ärenden från en registerfil (krypterad eller "
        "okrypterad JSON). Varje post kontrolleras först; är någon felaktig importeras "
        "ingenting. " + options.SECRETS_EPILOG)
    p.add_argument("file", metavar="FIL.json", type=inputs.path_arg)
    options.add_store_options(p)
    p.add_argument("--passphrase-stdin", action="store_true",
                   help=f"läs lösenfrasen från stdin (annars ${ENV_IMPORT})")
    p.add_argument("--check", action="store_true", help="kontrollera bara, importera inget")
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser(
        "export", help="exportera personer och ärenden (krypterat)",
        description="Exportera alla ärenden och deras personer. Filen krypteras med en "
        "lösenfras som visas en gång (eller anges med --passphrase-stdin eller "
        f"${ENV_EXPORT}), utom med --plaintext. Adressen till en person med skyddade "
        "personuppgifter exporteras aldrig. " + options.SECRETS_EPILOG)
    p.add_argument("--out", type=inputs.output_path_arg, required=True, metavar="FIL",
                   help="utfilen (skapas läsbar bara för dig, 0600)")
    p.add_argument("--plaintext", action="store_true",
                   help="okrypterad JSON (varnar: filen innehåller känsliga personuppgifter)")
    p.add_argument("--passphrase-stdin", action="store_true",
                   help=f"läs lösenfrasen från stdin (annars ${ENV_EXPORT}, annars en ny)")
    options.add_store_options(p)
    p.set_defaults(func=cmd_export)


def _passphrase(args: argparse.Namespace, env: str) -> str | None:
    if args.passphrase_stdin:
        return options.read_secret(argparse.Namespace(password_stdin=True), env=env,
                                   prompt="Lösenfras: ", what="lösenfras")
    return inputs.env_secret(env)


def _transfer(session):  # type: ignore[no-untyped-def]
    from oro_desktop.services.cases_transfer import CaseTransfer

    cases = session.services.cases
    return CaseTransfer(session, cases.guidance, cases.library, today=cases.today)


def cmd_import(args: argparse.Namespace) -> int:
    from oro_desktop.services.cases_transfer import CaseTransfer

    with options.session_from_args(args) as session:
        transfer = _transfer(session)
        data = CaseTransfer.read_file(args.file, _passphrase(args, ENV_IMPORT))
        if args.check:
            problems = transfer.check(data)
            options.emit(args, {"problems": problems},
                         "\n".join(problems) or "Filen kan importeras.")
            return 2 if problems else 0
        result = transfer.import_data(data)
    options.emit(args, {"persons": result.persons, "cases": result.cases},
                 f"Importerade {result.persons} personer och {result.cases} ärenden.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        phrase = None if args.plaintext else _passphrase(args, ENV_EXPORT)
        result = _transfer(session).export_file(args.out, plaintext=args.plaintext,
                                                passphrase=phrase, kdf=options.kdf(args))
    if args.plaintext:
        print(f"oro-admin: varning: {result.path} {UNENCRYPTED_NOTE}", file=sys.stderr)
    payload = {"path": str(result.path), "persons": result.persons, "cases": result.cases,
               "encrypted": result.encrypted}
    text = f"Exporterade {result.persons} personer och {result.cases} ärenden till {result.path}."
    if result.encrypted and phrase is None:
        payload["passphrase"] = result.passphrase
        text += f"\nLösenfras (visas bara nu): {result.passphrase}"
    options.emit(args, payload, text)
    return 0

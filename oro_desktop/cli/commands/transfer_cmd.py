"""`oro-admin transfer export CHILD --out FILE` / `transfer import FILE`: a child's
barnhälsoteam material when the family moves (guideline 2.10).

Export is allowed only when the consent says Ja and is in force; the one-time passphrase
is printed once (read it to the receiving team by phone) and stored nowhere. Import asks
for it by prompt, $ORO_TRANSFER_PASSPHRASE or --passphrase-stdin (read after the
password line when --password-stdin is given too).
"""

from __future__ import annotations

import argparse

from oro_desktop.cli import inputs, options

ENV_PASSPHRASE = "ORO_TRANSFER_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction) -> None:
    t = subparsers.add_parser("transfer", help="barnhälsoteam: överföring vid flytt",
                              description="Exportera eller importera ett barns material "
                              "från barnhälsoteamet som krypterad överföringsfil.")
    sub = t.add_subparsers(dest="transfer_command", metavar="KOMMANDO")
    sub.required = True
    p = sub.add_parser("export", help="skriv barnets material till en krypterad fil",
                       description="Kräver samtycke med Ja till överföring som gäller idag.")
    p.add_argument("child", metavar="BARN", type=inputs.text_arg(max_len=64),
                   help="barnets id eller personnummer")
    p.add_argument("--out", required=True, type=inputs.output_path_arg, metavar="FIL")
    options.add_store_options(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="importera en överföringsfil med dess lösenfras")
    p.add_argument("file", metavar="FIL", type=inputs.path_arg)
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="läs lösenfrasen från stdin (efter lösenordet om --password-stdin)")
    options.add_store_options(p)
    p.set_defaults(func=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        bht = session.services.bht
        child = bht.child_uid_for(args.child)
        result = bht.export_transfer(child, args.out)
        notices = bht.situation(child, moving=True).notices  # guideline 2.8-2.9
    options.emit(args, {"package_id": result.package_id, "passphrase": result.passphrase,
                        "meetings": result.meetings, "topics": result.topics, "file": str(args.out),
                        "notices": [n.id for n in notices]},
                 "".join(f"Observera (riktlinjen {n.quote.source}): {n.quote.text}\n"
                         for n in notices)
                 + f"Överföringsfilen är skriven: {args.out} ({result.meetings} möten).\n"
                 f"Lösenfras (visas bara nu; läs upp den för det mottagande teamet per telefon):\n"
                 f"    {result.passphrase}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        phrase = options.read_secret(
            argparse.Namespace(password_stdin=args.passphrase_stdin), env=ENV_PASSPHRASE,
            prompt="Lösenfras: ", what="lösenfras")
        result = session.services.bht.import_transfer(args.file, phrase)
    options.emit(args, {"package_id": result.package_id, "child_uid": result.child_uid,
                        "meetings": result.meetings, "topics": result.topics,
                        "unchanged": result.unchanged},
                 f"Importerat: {result.meetings} möten, {result.topics} frågor om barnet "
                 f"(id {result.child_uid})."
                 + (f" {result.unchanged} möten fanns redan." if result.unchanged else ""))
    return 0

"""`oro-admin init | check | backup | restore`: the store file itself."""

from __future__ import annotations

import argparse
from pathlib import Path

from oro_desktop.cli import options
from oro_desktop.services import maintenance
from oro_desktop.services.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init", help="skapa en ny krypterad databas och den första administratören",
        description="Skapar databasen och den första administratören, och visar "
        "återställningsnyckeln EN gång: skriv ner den och förvara den säkert. Med den kan "
        "en administratör återställa lösenord, och data kan öppnas även om nyckelfilen "
        "(.keys) går förlorad. Lösenord: --password-stdin (en rad), $ORO_PASSWORD eller "
        "fråga (två gånger).",
    )
    options.add_db_option(p)
    p.add_argument("--admin", metavar="NAMN", required=True, help="den första administratörens användarnamn")
    options.add_secret_options(p)
    options.add_json_option(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "check", help="kontrollera databasen (kryptering, struktur, granskningslogg)",
        description="Kör cipher_integrity_check, integrity_check och kontrollerar "
        "granskningsloggens hashkedja och att inga sparade ändringar saknas (jämfört med "
        "kontrollfilen .anchor). Ändrar inget: filen öppnas skrivskyddad och WAL-filen "
        "slås aldrig ihop med databasen. Avslutar med 0 bara om allt stämmer. "
        + options.SECRETS_EPILOG,
    )
    options.add_store_options(p)
    p.add_argument("--with-recovery-key", action="store_true",
                   help="öppna med återställningsnyckeln ($ORO_RECOVERY_KEY, stdin eller fråga) i stället för lösenord")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "backup", help="skapa en verifierad, krypterad säkerhetskopia",
        description="Skriver en fullständig krypterad kopia till UT (allt som är sparat, även "
        "det som ännu ligger i WAL-filen) och UT.keys (nyckelfilen), och verifierar kopian. "
        "Kräver administratör. " + options.SECRETS_EPILOG,
    )
    p.add_argument("out", metavar="UT", type=Path, help="säkerhetskopians filnamn (får inte finnas)")
    options.add_store_options(p)
    p.add_argument("--allow-broken-audit", action="store_true",
                   help="gör kopian även om granskningsloggens hashkedja är bruten (skrivs i "
                   "granskningsloggen och i kopian)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", help="återställ databasen från en säkerhetskopia",
        description="Verifierar säkerhetskopian IN och ersätter sedan databasen --db i ett "
        "atomärt steg; den ersatta filen sparas som --db.before-restore. Inloggningen prövas "
        "mot databasens egen nyckelfil och användaren måste vara administratör där (finns "
        "ingen databas ännu: mot IN.keys och rollen i kopian). En kopia av en annan databas "
        "vägras utan --replace-with-other-store. En skadad kopia vägras och inget ändras. "
        + options.SECRETS_EPILOG,
    )
    p.add_argument("backup_in", metavar="IN", type=Path, help="säkerhetskopian")
    options.add_store_options(p)
    p.add_argument("--with-recovery-key", action="store_true",
                   help="använd återställningsnyckeln i stället för användare och lösenord")
    p.add_argument("--replace-with-other-store", action="store_true",
                   help="tillåt att databasen ersätts med en kopia av en ANNAN databas "
                   "(kräver administratör i databasen som ersätts; skrivs i granskningsloggen)")
    p.set_defaults(func=cmd_restore)


def _format_recovery_key(key: str) -> str:
    groups = key.split("-")
    rows = ["-".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    return "\n".join("    " + row for row in rows)


def cmd_init(args: argparse.Namespace) -> int:
    path = options.db_path(args)
    pw = options.read_secret(args, env=options.ENV_PASSWORD, prompt="Lösenord för administratören: ",
                             what="lösenord", confirm=True)
    session, key = Session.create(path, args.admin, pw, kdf=options.kdf(args))
    try:
        options.emit(
            args,
            {"db": str(path), "admin": session.user.name, "recovery_key": key},
            f"Databasen är skapad: {path}\nAdministratör: {session.user.name}\n\n"
            "ÅTERSTÄLLNINGSNYCKEL (visas bara nu; skriv ner den och förvara den inlåst):\n\n"
            f"{_format_recovery_key(key)}\n\n"
            "Stora/små bokstäver, mellanslag och bindestreck spelar ingen roll när den skrivs in.",
        )
    finally:
        session.close()
    return 0


def _check_credentials(args: argparse.Namespace) -> tuple[str | None, str | None, str | None]:
    if getattr(args, "with_recovery_key", False):
        return None, None, options.recovery_key(args)
    user = options.user_name(args)
    return user, options.password(args), None


def cmd_check(args: argparse.Namespace) -> int:
    path = options.db_path(args)
    user, pw, rkey = _check_credentials(args)
    report = maintenance.check_store(path, user, pw, recovery_key=rkey)
    if report.ok:
        text = (f"OK: {path} (schemaversion {report.schema_version}, "
                f"{report.audit_entries} poster i granskningsloggen)")
    else:
        text = f"FEL i {path}:\n" + "\n".join(f"  - {p}" for p in report.problems)
    options.emit(args, report.to_dict(), text)
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        counts = maintenance.backup(session, args.out, allow_broken_audit=args.allow_broken_audit)
    options.emit(args, {"backup": str(args.out), "keys": f"{args.out}.keys", "rows": counts},
                 f"Säkerhetskopian är skriven och verifierad: {args.out} (+ {args.out}.keys)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = options.db_path(args)
    user, pw, rkey = _check_credentials(args)
    counts = maintenance.restore(path, args.backup_in, user, pw, recovery_key=rkey,
                                 replace_with_other_store=args.replace_with_other_store)
    options.emit(args, {"db": str(path), "restored_from": str(args.backup_in), "rows": counts},
                 f"Databasen {path} är återställd från {args.backup_in}.")
    return 0

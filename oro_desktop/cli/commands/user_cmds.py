"""`oro-admin user add|list|disable|enable|remove`, `passwd`, `rekey`, `recover`.

Removing or disabling a user, and changing a password, change the database key too, so a
slot from any old copy of the key file stops opening the live store (store/rekey.py).
"""

from __future__ import annotations

import argparse

from oro_desktop.cli import options
from oro_desktop.services import users
from oro_desktop.services.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="lägg till och lista användare",
                       description="Hantera användare (kräver administratör för att lägga till).")
    user_sub = p.add_subparsers(dest="user_command", metavar="UNDERKOMMANDO")
    user_sub.required = True

    q = user_sub.add_parser(
        "add", help="lägg till en användare",
        description="Lägger till användaren NAMN med rollen admin eller clinician. Kräver "
        "administratör. Hemligheter i ordning: administratörens lösenord ($ORO_PASSWORD), "
        "den nya användarens lösenord ($ORO_NEW_PASSWORD); med --password-stdin en rad var.",
    )
    q.add_argument("name", metavar="NAMN", help="den nya användarens namn")
    q.add_argument("--role", choices=["admin", "clinician"], required=True, help="roll")
    options.add_store_options(q)
    q.set_defaults(func=cmd_user_add)

    q = user_sub.add_parser("list", help="lista användare och roller",
                            description="Listar användarna och deras roller. " + options.SECRETS_EPILOG)
    options.add_store_options(q)
    q.set_defaults(func=cmd_user_list)

    for verb, helptext, desc in (
        ("disable", "stäng av en användare",
         "Användaren NAMN kan inte längre logga in. Databasnyckeln byts, så att NAMN:s "
         "nyckel i gamla kopior av nyckelfilen inte öppnar databasen. Kan ångras med "
         "'user enable'. Kräver administratör. " + options.SECRETS_EPILOG),
        ("remove", "ta bort en användare",
         "Tar bort användaren NAMN, dess nyckel och utkast (granskningsloggen behåller "
         "namnet). Databasnyckeln byts, så att NAMN:s nyckel i gamla kopior av nyckelfilen "
         "inte öppnar databasen. Kräver administratör. " + options.SECRETS_EPILOG),
    ):
        q = user_sub.add_parser(verb, help=helptext, description=desc)
        q.add_argument("name", metavar="NAMN", help="användarens namn")
        options.add_store_options(q)
        q.set_defaults(func=cmd_user_disable if verb == "disable" else cmd_user_remove)

    q = user_sub.add_parser(
        "enable", help="aktivera en avstängd användare med ett nytt lösenord",
        description="Låter NAMN logga in igen med ett nytt lösenord. Kräver administratör. "
        "Hemligheter i ordning: administratörens lösenord ($ORO_PASSWORD), det nya lösenordet "
        "($ORO_NEW_PASSWORD); med --password-stdin en rad var.",
    )
    q.add_argument("name", metavar="NAMN", help="användarens namn")
    options.add_store_options(q)
    q.set_defaults(func=cmd_user_enable)

    p = sub.add_parser(
        "rekey", help="byt databasnyckel och återställningsnyckel",
        description="Krypterar om databasen med en ny nyckel, ger alla användare den nya "
        "nyckeln (de behåller sina lösenord) och visar en NY återställningsnyckel EN gång; "
        "den gamla slutar gälla. Gamla kopior av nyckelfilen öppnar inte längre databasen. "
        "Kräver administratör. " + options.SECRETS_EPILOG,
    )
    options.add_store_options(p)
    p.set_defaults(func=cmd_rekey)

    p = sub.add_parser(
        "passwd", help="byt ditt eget lösenord",
        description="Byter lösenord för --user, och byter databasnyckeln så att det gamla "
        "lösenordet inte öppnar databasen med en gammal kopia av nyckelfilen. Hemligheter i "
        "ordning: nuvarande lösenord ($ORO_PASSWORD), nytt lösenord ($ORO_NEW_PASSWORD); med "
        "--password-stdin en rad var.",
    )
    options.add_store_options(p)
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser(
        "recover", help="återställ en användares lösenord med återställningsnyckeln",
        description="Sätter ett nytt lösenord för --user utan det gamla, med "
        "återställningsnyckeln. Fungerar även om nyckelfilen (.keys) saknas eller är skadad: "
        "den återskapas, och övriga användare behåller sina lösenord. Hemligheter i ordning: "
        "återställningsnyckeln ($ORO_RECOVERY_KEY), nytt lösenord ($ORO_NEW_PASSWORD); med "
        "--password-stdin en rad var.",
    )
    options.add_db_option(p)
    options.add_user_option(p, "användaren vars lösenord ska återställas (annars $ORO_USER)")
    options.add_secret_options(p)
    options.add_json_option(p)
    p.set_defaults(func=cmd_recover)


def cmd_user_add(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        session.require_admin()
        pw = options.new_password(args, prompt=f"Lösenord för {args.name}: ")
        row = users.add_user(session, args.name, args.role, pw, kdf=options.kdf(args))
    options.emit(args, {"name": row.name, "role": row.role, "created_at": row.created_at},
                 f"Användaren {row.name} ({row.role}) är tillagd.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        rows = users.list_users(session)
    payload = [{"name": r.name, "role": r.role, "created_at": r.created_at,
                "created_by": r.created_by, "active": r.active} for r in rows]
    text = "\n".join(f"{r.name}\t{r.role}\t{r.created_at}" for r in rows)
    options.emit(args, payload, text)
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    path = options.db_path(args)
    user = options.user_name(args)
    old = options.password(args)
    session = Session.unlock(path, user, old, kdf=options.kdf(args))
    try:
        new = options.new_password(args)
        result = users.change_password(session, old, new, kdf=options.kdf(args))
        name = session.user.name
    finally:
        session.close()
    text = "Lösenordet är bytt."
    if result is None:
        text += (" Databasen är äldre än nyckelbyten: be en administratör köra 'oro-admin "
                 "rekey', så att det gamla lösenordet inte öppnar gamla kopior av nyckelfilen.")
    options.emit(args, {"user": name, "changed": True, "rekeyed": result is not None}, text)
    return 0


def _rekey_text(result: users.Rekeyed, done: str) -> str:
    lines = [done]
    if result.dropped:
        lines.append("Dessa användare har en nyckel av äldre typ och måste få nytt lösenord "
                     "med 'oro-admin recover': " + ", ".join(result.dropped))
    if result.recovery_key:
        groups = result.recovery_key.split("-")
        rows = ["    " + "-".join(groups[i:i + 4]) for i in range(0, len(groups), 4)]
        lines += ["", "NY ÅTERSTÄLLNINGSNYCKEL (visas bara nu; den gamla gäller inte längre):",
                  "", *rows, ""]
    return "\n".join(lines)


def _rekey_payload(result: users.Rekeyed, **extra: object) -> dict[str, object]:
    return {**extra, "resealed": result.resealed, "dropped": result.dropped,
            "recovery_key": result.recovery_key}


def cmd_user_disable(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        result = users.disable_user(session, args.name)
    options.emit(args, _rekey_payload(result, name=args.name, disabled=True),
                 _rekey_text(result, f"Användaren {args.name} är avstängd och databasnyckeln bytt."))
    return 0


def cmd_user_remove(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        result = users.remove_user(session, args.name)
    options.emit(args, _rekey_payload(result, name=args.name, removed=True),
                 _rekey_text(result, f"Användaren {args.name} är borttagen och databasnyckeln bytt."))
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        session.require_admin()
        pw = options.new_password(args, prompt=f"Nytt lösenord för {args.name}: ")
        users.enable_user(session, args.name, pw, kdf=options.kdf(args))
    options.emit(args, {"name": args.name, "enabled": True},
                 f"Användaren {args.name} kan logga in igen.")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    with options.session_from_args(args) as session:
        result = users.rekey_store(session)
    options.emit(args, _rekey_payload(result, db=str(options.db_path(args))),
                 _rekey_text(result, "Databasnyckeln är bytt och prövad."))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    path = options.db_path(args)
    user = options.user_name(args)
    key = options.recovery_key(args)
    pw = options.new_password(args, prompt=f"Nytt lösenord för {user}: ")
    Session.recover(path, key, user, pw, kdf=options.kdf(args))
    options.emit(args, {"db": str(path), "user": user, "recovered": True},
                 f"Lösenordet för {user} är återställt.")
    return 0

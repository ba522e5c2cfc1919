"""`oro-admin user add|list`, `passwd`, `recover`: users and their passwords."""

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

    p = sub.add_parser(
        "passwd", help="byt ditt eget lösenord",
        description="Byter lösenord för --user. Hemligheter i ordning: nuvarande lösenord "
        "($ORO_PASSWORD), nytt lösenord ($ORO_NEW_PASSWORD); med --password-stdin en rad var.",
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
        users.change_password(session, old, new, kdf=options.kdf(args))
        name = session.user.name
    finally:
        session.close()
    options.emit(args, {"user": name, "changed": True}, "Lösenordet är bytt.")
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

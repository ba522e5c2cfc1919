"""Build the realistic benchmark store: 100 000 persons, 100 000 consents, 3 000 cases with plans, 1 000 000 audit events.

    .venv/bin/python benchmarks/make_store.py --out DIR [--persons N] [--consents N] [--cases N] [--audit N]

Writes DIR/oro.db and DIR/oro.db.keys (files 0600, DIR 0700) and prints how long it
took. Sign in as user `bench` with the password `bänkprov-lösenord-2026` (fictitious:
the store holds only fictitious people and exists only to be measured).

Why through the store's own API: the benchmarks must measure what a clinic's file looks
like, so the store is made the way the program makes one. `Session.create` with the
DEFAULT (production) Argon2id parameters, so unlocking costs what it costs a clinician;
rows go in through the repositories (`store/repos`) inside units of work, a few thousand
per transaction for speed; every audit event is appended with `uow.audit`, so the hash
chain is the real one and `check` can verify it.

What is in it (deterministic for a given seed):
- persons: 60 % children (born 2012-2026, personnummer, 3 % samordningsnummer, 1 %
  skyddade personuppgifter), 40 % guardians (half with a personnummer born 1960-2000,
  half without a number, as the consent service creates them). Names are common Swedish
  names, many with å/ä/ö. Numbers are Luhn-valid with individual numbers 980-999 (the
  series the tests use), so they are fictitious;
- consents: one barnhälsoteam consent per child and renewals for some, each with a filled
  form of realistic JSON (the fields of forms/barnhalsoteam-samtycke.v1.yaml), guardians
  linked, and a realistic mix of statuses (draft, printed, signed and in force, expiring,
  expired, revoked, declined);
- cases: 3 000 cases under the three guidelines, each with a coordinated plan of 2-4
  saved versions (make_cases.py says how they are mixed);
- audit: the create/update entries of the above plus reads, searches, prints, logins and
  lock/logout entries until the requested total is reached.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # make_cases.py beside it

from oro_desktop.core.consent import Consent, Registration, SignedPaper  # noqa: E402
from oro_desktop.core.identity import IdentityKind, IdentityNumber, missing  # noqa: E402
from oro_desktop.services.session import Session  # noqa: E402
from oro_desktop.store.keyslots import keys_path  # noqa: E402
from oro_desktop.store.repos import consents as consents_repo  # noqa: E402
from oro_desktop.store.repos import forms as forms_repo  # noqa: E402
from oro_desktop.store.repos import persons as persons_repo  # noqa: E402
from oro_desktop.store.repos.consents import Guardian  # noqa: E402

USER = "bench"
PASSWORD = "bänkprov-lösenord-2026"
DB_NAME = "oro.db"
FORM_ID = "barnhalsoteam-samtycke"
TODAY = date(2026, 12, 1)
BATCH = 2000

DEFAULT_PERSONS = 100_000
DEFAULT_CONSENTS = 100_000
DEFAULT_AUDIT = 1_000_000
DEFAULT_CASES = 3_000

FIRST_NAMES = [
    "Åsa", "Åke", "Märta", "Björn", "Östen", "Örjan", "Göran", "Jöns", "Sölve", "Måns",
    "Linnéa", "Hugo", "Alice", "Maja", "Elsa", "Saga", "Wilma", "Ella", "Ebba", "Alva",
    "Noah", "William", "Lucas", "Liam", "Oscar", "Elias", "Vincent", "Ture", "Algot", "Gösta",
    "Åsta", "Ärla", "Signe", "Tyra", "Stina", "Frida", "Klara", "Agnes", "Ingrid", "Karin",
    "Anna", "Eva", "Lena", "Maria", "Kristina", "Sofia", "Malin", "Johanna", "Hanna", "Emma",
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Jonas", "Fredrik",
    "Säde", "Bängt", "Rönnaug", "Hjördis", "Gunnel", "Sören", "Mårten", "Håkan", "Pär", "Jörgen",
    "Tindra", "Juni", "Vera", "Nova", "Leia", "Iris", "Selma", "Astrid", "Elvira", "Siri",
    "Ali", "Amira", "Yusuf", "Fatima", "Mohammed", "Leyla", "Omar", "Zeynep", "Nour", "Aras",
]
SURNAMES = [
    "Åkesson", "Öberg", "Ström", "Bäck", "Söderberg", "Ekström", "Sjöberg", "Nyström",
    "Lindström", "Högberg", "Fröberg", "Västlund", "Ågren", "Öhman", "Åström", "Järvinen",
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindqvist", "Berglund",
    "Sandberg", "Forsberg", "Sundberg", "Lundgren", "Mattsson", "Berg", "Holm", "Sjögren",
    "Tolvansson", "Elvasdotter", "Mäkinen", "Hämäläinen", "Ölund", "Råberg", "Sköld",
    "Nordström", "Wästerlund", "Gräsberg", "Hedström", "Blomqvist", "Engström", "Dahlström",
    "Yilmaz", "Hassan", "Ahmadi", "Mohammadi", "Nguyen", "Kowalski", "Novak",
]
STREETS = ["Storgatan", "Kyrkogatan", "Skolgatan", "Prästgatan", "Ringvägen", "Björkvägen",
           "Älvgatan", "Östra Långgatan", "Södra vägen", "Åsvägen", "Rådhusgatan", "Hamngatan"]
TOWNS = [("831 30", "Östersund"), ("352 30", "Växjö"), ("343 30", "Älmhult"),
         ("837 52", "Åre"), ("411 05", "Göteborg"), ("503 30", "Borås"),
         ("461 30", "Trollhättan"), ("840 60", "Bräcke"), ("833 32", "Strömsund"),
         ("362 30", "Tingsryd"), ("441 30", "Alingsås"), ("342 30", "Alvesta")]
FUNCTIONS = ["Förskolechef, Förskolan Solrosen", "Sjuksköterska, BVC Öster",
             "Rektor, Ängsskolan", "Socialsekreterare, IFO barn och unga",
             "Specialpedagog, Förskolan Åkerbäret", "Barnmorska, Barnmorskemottagningen Växjö"]
CLINICIANS = ["anna.lindqvist", "bjorn.ostberg", "mari.akesson", "sara.nyberg", USER]


def luhn_digit(nine: str) -> int:
    """The check digit of YYMMDDNNN."""
    total = 0
    for pos, ch in enumerate(nine):
        d = int(ch) * (2 if pos % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def number_for(born: date, serial: int, coordination: bool = False) -> str:
    """12 digits, Luhn-valid; a samordningsnummer has the day plus 60."""
    day = born.day + (60 if coordination else 0)
    nine = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial:03d}"
    return f"{born.year // 100}{nine}{luhn_digit(nine)}"


class Numbers:
    """Unique fictitious numbers (individual numbers 980-999) born between two years."""

    def __init__(self, rng: random.Random, first_year: int, last_year: int) -> None:
        self.rng = rng
        self.start = date(first_year, 1, 1)
        self.days = (date(last_year, 12, 31) - self.start).days
        self.used: set[str] = set()

    def take(self, coordination: bool = False) -> tuple[str, date]:
        if len(self.used) >= self.days * 20 * 0.8:
            self.days += 365 * 5  # widen the range rather than loop forever on big stores
        while True:
            born = self.start + timedelta(days=self.rng.randrange(self.days))
            value = number_for(born, 980 + self.rng.randrange(20), coordination)
            if value not in self.used:
                self.used.add(value)
                return value, born


@dataclass
class Child:
    id: int
    identity: IdentityNumber
    name: str
    surname: str
    address: str
    phone: str
    protected: bool
    guardians: list[tuple[int, str]]
    last_consent: int | None = None


def phone(rng: random.Random) -> str:
    """Numbers in PTS's range for fiction (070-1740605 to 070-1740699)."""
    return f"070-174 06 {rng.randint(5, 99):02d}"


def address(rng: random.Random) -> str:
    code, town = rng.choice(TOWNS)
    return f"{rng.choice(STREETS)} {rng.randint(1, 80)}\n{code} {town}"


def make_persons(session: Session, rng: random.Random, count: int) -> list[Child]:
    """Guardians first (so children can point at them), then children; audited creates."""
    store = session.store
    n_children = max(1, round(count * 0.6)) if count else 0
    n_guardians = count - n_children
    adults = Numbers(rng, 1960, 2000)
    kids = Numbers(rng, 2012, 2026)
    guardians: list[tuple[int, str, str]] = []  # id, full name, surname
    done = 0
    while done < n_guardians:
        with store.unit_of_work(USER) as uow:
            for _ in range(min(BATCH, n_guardians - done)):
                first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
                name = f"{first} {surname}"
                if rng.random() < 0.5:
                    value, _ = adults.take()
                    ident = IdentityNumber(IdentityKind.PERSONNUMMER, value)
                else:
                    ident = missing("Anges inte på samtyckesblanketten")
                pid = persons_repo.insert(uow.conn, USER, ident, name, address=address(rng),
                                          phone=phone(rng) if rng.random() < 0.7 else "")
                uow.audit("create", "person", pid, {"role": "guardian"})
                guardians.append((pid, name, surname))
                done += 1
    children: list[Child] = []
    done = 0
    while done < n_children:
        with store.unit_of_work(USER) as uow:
            for _ in range(min(BATCH, n_children - done)):
                coordination = rng.random() < 0.03
                value, _ = kids.take(coordination)
                kind = IdentityKind.SAMORDNINGSNUMMER if coordination else IdentityKind.PERSONNUMMER
                ident = IdentityNumber(kind, value)
                picked = rng.sample(guardians, k=min(len(guardians), rng.choice((1, 2, 2, 2))))
                surname = picked[0][2] if picked else rng.choice(SURNAMES)
                name = f"{rng.choice(FIRST_NAMES)} {surname}"
                protected = rng.random() < 0.01
                addr, tel = address(rng), phone(rng) if rng.random() < 0.5 else ""
                pid = persons_repo.insert(uow.conn, USER, ident, name, address=addr, phone=tel,
                                          protected=protected)
                uow.audit("create", "person", pid, {"kind": kind.value})
                children.append(Child(pid, ident, name, surname, addr, tel, protected,
                                      [(g[0], g[1]) for g in picked]))
                done += 1
    return children


def form_data(rng: random.Random, child: Child, clinician_name: str, function: str,
              start: date | None, signed_on: date | None) -> dict:
    """The barnhälsoteam consent's data, shaped as the form engine stores it."""
    ident = child.identity.to_dict()
    if child.protected:
        ident["protected"] = True
    choices = ["forskola", "grundskola", "bvc", "ifo"]
    data: dict = {
        "verksamheter": sorted(rng.sample(choices, k=rng.randint(1, 4)), key=choices.index),
        "barn_namn": child.name,
        "barn_personnummer": ident,
        "barn_adress": "" if child.protected else child.address,
        "barn_telefon": child.phone,
        "underskrifter": [{"name": name, **({"date": signed_on.isoformat()} if signed_on else {})}
                          for _, name in child.guardians],
        "inhamtat_namn": clinician_name,
        "inhamtat_funktion": function,
        "inhamtat_kontakt": f"{phone(rng)}, {clinician_name.lower().replace(' ', '.')}@exempel.se",
        "overforing_vid_flytt": rng.random() < 0.8,
    }
    if start is not None:
        data["giltighet"] = {"from": start.isoformat(),
                             "to": (start + timedelta(days=364)).isoformat()}
    return {k: v for k, v in data.items() if v not in ("", None)}


def consent_facts(rng: random.Random, data: dict, start: date | None) -> Consent:
    """A realistic status mix: mostly signed (in force, expiring or expired), some drafts,
    printed papers waiting, a few revoked and declined."""
    roll = rng.random()
    end = start + timedelta(days=364) if start else None
    base = Consent(FORM_ID, 1, data, start, end)
    if start is None or roll < 0.08:
        return base  # draft
    printed = start - timedelta(days=rng.randint(0, 10))
    if roll < 0.16 or start > TODAY:
        return Consent(FORM_ID, 1, data, start, end, printed_on=printed)
    if roll < 0.18:
        return Consent(FORM_ID, 1, data, start, end, printed_on=printed,
                       declined=Registration(printed + timedelta(days=3), rng.choice(CLINICIANS)))
    received = start + timedelta(days=rng.randint(0, 14))
    signed = SignedPaper(start, Registration(min(received, TODAY), rng.choice(CLINICIANS)))
    revoked = None
    if roll < 0.21 and received < TODAY - timedelta(days=2):
        revoked = Registration(received + timedelta(days=1), rng.choice(CLINICIANS))
    return Consent(FORM_ID, 1, data, start, end, printed_on=printed, signed=signed, revoked=revoked)


def make_consents(session: Session, rng: random.Random, children: list[Child], count: int) -> None:
    """One consent per child first, then renewals of random children until `count`."""
    store = session.store
    clinicians = [(f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", rng.choice(FUNCTIONS))
                  for _ in range(40)]
    done = 0
    while done < count and children:
        with store.unit_of_work(USER) as uow:
            for _ in range(min(BATCH, count - done)):
                child = children[done] if done < len(children) else rng.choice(children)
                actor = rng.choice(CLINICIANS)
                who, function = rng.choice(clinicians)
                start = TODAY - timedelta(days=rng.randint(-30, 3 * 365))
                if rng.random() < 0.05:
                    start = None  # an early draft: no validity yet
                consent = consent_facts(rng, {}, start)
                signed_on = consent.signed.signed_on if consent.signed else None
                data = form_data(rng, child, who, function, start, signed_on)
                consent = replace(consent, data=data)
                form_row = forms_repo.insert(uow.conn, actor, FORM_ID, 1, data)
                cid = consents_repo.insert(uow.conn, actor, form_row, consent, child_id=child.id,
                                           renewed_from=child.last_consent)
                consents_repo.set_guardians(uow.conn, cid, [
                    Guardian(pos, name, gid) for pos, (gid, name) in enumerate(child.guardians)])
                uow.audit("create", "consent", cid, {"form": FORM_ID, "version": 1,
                          **({"renewed_from": child.last_consent} if child.last_consent else {})})
                if consent.printed_on:
                    uow.audit("print", "consent", cid,
                              {"marked_printed": consent.printed_on.isoformat()})
                if consent.signed:
                    uow.audit("update", "consent", cid, {
                        "event": "signed", "received_on": consent.signed.received.on.isoformat(),
                        "registered_by": consent.signed.received.by, "scan": False})
                child.last_consent = cid
                done += 1


def fill_audit(session: Session, rng: random.Random, children: list[Child], total: int) -> None:
    """Reads, searches, prints and sign-ins until the log holds `total` entries."""
    store = session.store
    have = store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    max_consent = store.conn.execute("SELECT coalesce(max(id), 0) FROM consents").fetchone()[0]
    remaining = max(0, total - have)
    while remaining:
        with store.unit_of_work(USER) as uow:
            for _ in range(min(BATCH * 5, remaining)):
                roll = rng.random()
                actor = rng.choice(CLINICIANS)
                if roll < 0.35 and max_consent:
                    uow.audit("read", "consent", rng.randint(1, max_consent))
                elif roll < 0.55 and children:
                    ids = [rng.choice(children).id for _ in range(rng.randint(1, 12))]
                    uow.audit("read", "person", None, {"search": True, "ids": ids})
                elif roll < 0.70 and max_consent:
                    uow.audit("read", "consent", None, {"list": rng.randint(50, 5000), "child": None})
                elif roll < 0.80 and max_consent:
                    uow.audit("read", "consent", rng.randint(1, max_consent), {"purpose": "render"})
                elif roll < 0.85 and max_consent:
                    uow.audit("export", "consent", rng.randint(1, max_consent),
                              {"file": f"samtycke-{rng.randint(1, 99999)}.pdf"})
                elif roll < 0.93:
                    uow.audit("login", "user", actor)
                else:
                    uow.audit(rng.choice(("lock", "logout")), "user", actor)
                remaining -= 1


def is_complete(out: Path) -> bool:
    """A finished store: both files there (make_store writes a marker only when done)."""
    return (out / DB_NAME).exists() and keys_path(out / DB_NAME).exists() \
        and (out / "complete.json").exists()


def build(out: Path, persons: int, consents: int, audit: int, seed: int = 2026, *,
          cases: int = DEFAULT_CASES) -> dict:
    """Make the store at out/oro.db; returns what was made and how long each step took."""
    old_umask = os.umask(0o077)
    try:
        out.mkdir(parents=True, exist_ok=True)
        os.chmod(out, 0o700)
        db = out / DB_NAME
        rng = random.Random(seed)
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        session, _recovery = Session.create(db, USER, PASSWORD)  # DEFAULT KDF on purpose
        timings["create_s"] = time.perf_counter() - t0
        try:
            t = time.perf_counter()
            children = make_persons(session, rng, persons)
            timings["persons_s"] = time.perf_counter() - t
            t = time.perf_counter()
            make_consents(session, rng, children, consents)
            timings["consents_s"] = time.perf_counter() - t
            t = time.perf_counter()
            from make_cases import make_cases

            made = make_cases(session, random.Random(seed + 1), children, cases, user=USER,
                              today=TODAY)
            timings["cases_s"] = time.perf_counter() - t
            t = time.perf_counter()
            fill_audit(session, rng, children, audit)
            timings["audit_s"] = time.perf_counter() - t
        finally:
            session.close()
        for path in out.iterdir():
            if path.is_file():
                os.chmod(path, 0o600)
        timings["total_s"] = time.perf_counter() - t0
        info = {"persons": persons, "consents": consents, "cases": made, "plans": made,
                "audit": audit, "seed": seed,
                "file_mb": round(db.stat().st_size / 1e6, 1), **{k: round(v, 1) for k, v in timings.items()}}
        (out / "complete.json").write_text(json.dumps(info, indent=2), "utf-8")
        os.chmod(out / "complete.json", 0o600)
        return info
    finally:
        os.umask(old_umask)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for oro.db and oro.db.keys")
    parser.add_argument("--persons", type=int, default=DEFAULT_PERSONS)
    parser.add_argument("--consents", type=int, default=DEFAULT_CONSENTS)
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES,
                        help="cases, each with a coordinated plan of 2-4 versions")
    parser.add_argument("--audit", type=int, default=DEFAULT_AUDIT)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if (args.out / DB_NAME).exists() or keys_path(args.out / DB_NAME).exists():
        print(f"{args.out / DB_NAME} finns redan; välj en tom mapp.", file=sys.stderr)
        return 2
    print(f"building {args.persons} persons, {args.consents} consents, {args.cases} cases with"
          f" plans, {args.audit} audit events in {args.out} ...", flush=True)
    info = build(args.out, args.persons, args.consents, args.audit, args.seed, cases=args.cases)
    print(f"made store in {info['total_s']:.1f} s ({info['file_mb']} MB): create {info['create_s']} s,"
          f" persons {info['persons_s']} s, consents {info['consents_s']} s,"
          f" cases {info['cases_s']} s,"
          f" audit {info['audit_s']} s")
    print(f"user: {USER}  password: {PASSWORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

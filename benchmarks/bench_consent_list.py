"""The Samtycken list at clinic scale: first screen, count, filter and one-row refresh
from columns (no form JSON parsed), at 100 000 consents.

Builds a throwaway store (fast test KDF) with N consents for N/2 fictitious children
through the store's own repositories in one transaction, random facts around today,
then times in one run:

- product:  ConsentService.list_page(0, 100) (first screen, audited like the GUI's read),
            list_count(), list_page with a name filter, row(uid);
- info:     the whole list() (what the GUI calls today) and a page deep in the list;
- baseline: the bare SQL the list cannot beat: SELECT the same columns of 100 consents
            joined to filled forms and persons, ORDER BY id LIMIT 100.

Target (issue 8): the first screen within 150 ms at 100 000 records.
Run: .venv/bin/python benchmarks/bench_consent_list.py [--consents N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oro_desktop.core.consent import Consent, Registration, SignedPaper  # noqa: E402
from oro_desktop.core.forms import FormLibrary  # noqa: E402
from oro_desktop.core.identity import IdentityKind, IdentityNumber  # noqa: E402
from oro_desktop.paths import forms_dir  # noqa: E402
from oro_desktop.services.consents import ConsentService  # noqa: E402
from oro_desktop.services.session import Session  # noqa: E402
from oro_desktop.store.kdf import FAST_INSECURE  # noqa: E402
from oro_desktop.store.repos import consents as repo  # noqa: E402
from oro_desktop.store.repos import forms as forms_repo  # noqa: E402
from oro_desktop.store.repos import persons as persons_repo  # noqa: E402

TARGET_MS = 150.0
TODAY = date(2026, 3, 2)
FIRST = ["Tyra", "Åsa", "Olle", "Ölle", "Ärla", "Vilgot", "Sigrid", "Hugo", "Maj", "Lo"]
LAST = ["Tolvansson", "Örnberg", "Testsson", "Exempel", "Provare", "Fiktiv", "Testare"]


def _luhn_pnr(i: int) -> str:
    """A Luhn-valid 12-digit number in no real series (born 1890s, serial from i)."""
    birth = f"189{(i // 100000) % 10}{1 + (i // 1000) % 12:02d}{1 + (i // 12000) % 28:02d}"
    body = birth[2:] + f"{i % 1000:03d}"
    total = sum((n - 9 if n > 9 else n) for n in
                (int(ch) * (2 if k % 2 == 0 else 1) for k, ch in enumerate(body)))
    return f"{birth}{i % 1000:03d}{(10 - total % 10) % 10}"


def build(session: Session, n: int) -> float:
    rng = random.Random(8)
    started = time.perf_counter()
    with session.store.unit_of_work("bench") as uow:
        kids = []
        for i in range(max(1, n // 2)):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            kids.append(persons_repo.insert(uow.conn, "bench",
                                            IdentityNumber(IdentityKind.PERSONNUMMER, _luhn_pnr(i)),
                                            name, protected=rng.random() < 0.01))
        for i in range(n):
            start = TODAY + timedelta(days=rng.randint(-500, 60))
            c = Consent("barnhalsoteam-samtycke", 1, {}, printed_on=start if rng.random() < .7 else None)
            if rng.random() < 0.7:
                c = Consent(c.form_id, 1, {}, start, start + timedelta(days=364), start,
                            SignedPaper(start, Registration(start, "bench")))
            form = forms_repo.insert(uow.conn, "bench", "barnhalsoteam-samtycke", 1,
                                     {"barn_namn": "x"})
            repo.insert(uow.conn, "bench", form, c, child_id=kids[i // 2], child_name="x")
    return time.perf_counter() - started


def _time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--consents", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        session, _ = Session.create(Path(tmp) / "oro.db", "bench", "bench-lösen-1",
                                    kdf=FAST_INSECURE)
        print(f"store with {args.consents} consents built in {build(session, args.consents):.1f} s")
        service = ConsentService(session, FormLibrary(forms_dir()), today=lambda: TODAY)
        conn = session.store.conn
        uid = conn.execute("SELECT uid FROM consents ORDER BY id DESC LIMIT 1").fetchone()[0]
        baseline = _time(lambda: conn.execute(
            "SELECT c.id, c.uid, c.valid_from, c.valid_to, c.printed_on, c.signed_on,"
            " c.revoked_received_on, c.declined_on, p.name, p.id_value, f.form_id"
            " FROM consents c JOIN filled_forms f ON f.id = c.filled_form_id"
            " LEFT JOIN persons p ON p.id = c.child_person_id ORDER BY c.id LIMIT 100").fetchall(),
            args.repeat)
        results = {
            "first_screen": _time(lambda: service.list_page(0, 100), args.repeat),
            "count": _time(lambda: service.list_count(), args.repeat),
            "filtered": _time(lambda: service.list_page(0, 100, text="åsa"), args.repeat),
            "row": _time(lambda: service.row(uid), args.repeat),
        }
        info = {"whole list()": _time(lambda: service.list(), 1),
                "page at 90%": _time(lambda: service.list_page(args.consents * 9 // 10, 100), 1)}
        session.close()
    print(f"baseline (bare SELECT of 100 rows): {baseline:.2f} ms")
    for name, ms in info.items():  # no target: the GUI shows pages, off the UI thread
        print(f"info: {name} {ms:.0f} ms")
    ok = True
    for name, ms in results.items():
        verdict = "ok" if ms <= TARGET_MS else "miss"
        ok &= verdict == "ok"
        print(f"verdict: {verdict} consent_list.{name} product={ms:.1f}ms baseline={baseline:.2f}ms"
              f" ratio={ms / baseline:.0f} target={TARGET_MS:.0f}ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The Samtycken list at clinic scale, service side: first screen, count, filters and the
one-row refresh, from columns (no form JSON parsed), on the realistic store.

On the store made by make_store.py (100 000 consents, 100 000 persons), times in one run:

- product:  ConsentService.list_page(0, 100) (the first screen, audited like the GUI's
            read), list_count(), the first page and the count under a name filter (a
            common name and a rare one, with å/ä/ö folded), under a number filter (part
            of the birth date), and row(uid) (what a change refreshes);
- info:     a page deep in the list, and the whole list() in one pass;
- baseline: the bare SQL the list cannot beat: SELECT the same columns of 100 consents
            joined to filled forms and persons, ORDER BY id LIMIT 100.

Target (issue 8): every list shows its first screen within 150 ms at 100 000 records.
The GUI's side (first paint, the longest UI-thread stall) is bench_consents_list.py.
Run: .venv/bin/python benchmarks/bench_consent_list.py --store DIR [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import PASSWORD, USER, add_store_argument, exit_code, median_ms, store_db, verdict  # noqa: E402

from oro_desktop.core.forms import FormLibrary  # noqa: E402
from oro_desktop.paths import forms_dir  # noqa: E402
from oro_desktop.services.consents import ConsentService  # noqa: E402
from oro_desktop.services.session import Session  # noqa: E402

TARGET_MS = 150.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_argument(ap)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    session = Session.unlock(store_db(args), USER, PASSWORD)
    try:
        service = ConsentService(session, FormLibrary(forms_dir()))
        conn = session.store.conn
        total = service.list_count()
        uid = conn.execute("SELECT uid FROM consents ORDER BY id DESC LIMIT 1").fetchone()[0]
        common = conn.execute(  # the most frequent first name, typed without its å/ä/ö
            "SELECT substr(name, 1, instr(name, ' ') - 1) AS first, count(*) AS n"
            " FROM persons GROUP BY first ORDER BY n DESC LIMIT 1").fetchone()[0]
        rare = conn.execute("SELECT name FROM persons ORDER BY id DESC LIMIT 1").fetchone()[0]
        digits = conn.execute("SELECT substr(id_value, 5, 4) FROM persons WHERE"
                              " id_kind = 'personnummer' LIMIT 1").fetchone()[0]
        plain = common.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))
        baseline = median_ms(lambda: conn.execute(
            "SELECT c.id, c.uid, c.valid_from, c.valid_to, c.printed_on, c.signed_on,"
            " c.revoked_received_on, c.declined_on, p.name, p.id_value, f.form_id"
            " FROM consents c JOIN filled_forms f ON f.id = c.filled_form_id"
            " LEFT JOIN persons p ON p.id = c.child_person_id ORDER BY c.id LIMIT 100").fetchall(),
            args.repeat)
        paths = {
            "first_screen": lambda: service.list_page(0, 100),
            "count": lambda: service.list_count(),
            f"filter_name_common[{plain}]": lambda: service.list_page(0, 100, text=plain),
            f"count_name_common[{plain}]": lambda: service.list_count(text=plain),
            "filter_name_rare": lambda: service.list_page(0, 100, text=rare),
            f"filter_number[{digits}]": lambda: service.list_page(0, 100, text=digits),
            f"count_number[{digits}]": lambda: service.list_count(text=digits),
            "row": lambda: service.row(uid),
        }
        results = {name: median_ms(fn, args.repeat) for name, fn in paths.items()}
        info = {"page at 90%": median_ms(lambda: service.list_page(total * 9 // 10, 100), 1),
                "whole list()": median_ms(lambda: service.list(), 1)}
    finally:
        session.close()
    print(f"{total} consents; baseline (bare SELECT of 100 joined rows): {baseline:.2f} ms")
    for name, ms in info.items():  # no target: the GUI shows pages, off the UI thread
        print(f"info: {name} {ms:.0f} ms")
    return exit_code([verdict(f"consent_list.{name}", ms <= TARGET_MS, ms, baseline,
                              f"<={TARGET_MS:.0f}ms") for name, ms in results.items()])


if __name__ == "__main__":
    sys.exit(main())

"""The plan list, Att göra's follow-ups and a case's plans at clinic scale, service side.

On the store made by make_store.py (3 000 cases with a plan each, 2-4 versions, among
100 000 persons and 1 000 000 audit events), times in one run, medians of --repeat:

- product:  PlanService.list() (every plan, sorted by next follow-up: the plan list),
            PlanService.due(TODAY) (Att göra's "Planer att följa upp"), and
            PlanService.for_case(uid) (the case view's plans); each is audited, as in
            the app, and builds its rows (case label, title, days to follow-up);
- baseline: the true floor on the same connection: the bare indexed SELECT of the plan
            table alone (uid, follow-up, coordinator) in the same order and with the
            same filter, rows fetched and nothing else: no join to the case, its child
            and the versions, no audit entry, no row objects.

Targets: list and due within 150 ms (the first-screen target of every list, issue 8),
for_case within 20 ms (it is one part of opening a case). The ratio to the floor is
printed beside each: what the joins, the audit write and the rows cost.
Run: .venv/bin/python benchmarks/bench_plans.py --store DIR [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import PASSWORD, USER, add_store_argument, exit_code, median_ms, store_db, verdict  # noqa: E402
from make_store import TODAY  # noqa: E402

from oro_desktop.services.services import Services  # noqa: E402
from oro_desktop.services.session import Session  # noqa: E402

TARGETS_MS = {"list": 150.0, "due": 150.0, "for_case": 20.0}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_argument(ap)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    session = Session.unlock(store_db(args), USER, PASSWORD)
    try:
        conn = session.store.conn
        plans_total = conn.execute("SELECT count(*) FROM case_plans").fetchone()[0]
        if not plans_total:
            print("The store has no plans: make it again with benchmarks/make_store.py "
                  "(--cases, default 3000).")
            return exit_code([verdict("plans.list", False, 0.0, 0.0, "a-store-with-plans")])
        service = Services(session, today=lambda: TODAY).plans
        case_uid, case_id = conn.execute(
            "SELECT c.uid, c.id FROM case_plans p JOIN cases c ON c.id = p.case_id"
            " ORDER BY p.id LIMIT 1 OFFSET ?", (plans_total // 2,)).fetchone()
        day = TODAY.isoformat()
        cols = "uid, next_follow_up, coordinator"
        floors = {
            "list": lambda: (conn.execute(
                f"SELECT {cols} FROM case_plans WHERE next_follow_up IS NOT NULL"
                " ORDER BY next_follow_up, id").fetchall(), conn.execute(
                f"SELECT {cols} FROM case_plans WHERE next_follow_up IS NULL ORDER BY id").fetchall()),
            "due": lambda: conn.execute(
                f"SELECT {cols} FROM case_plans WHERE next_follow_up IS NOT NULL AND"
                " next_follow_up <= ? ORDER BY next_follow_up, id", (day,)).fetchall(),
            "for_case": lambda: conn.execute(
                f"SELECT {cols} FROM case_plans WHERE case_id = ? ORDER BY id",
                (case_id,)).fetchall(),
        }
        products = {
            "list": lambda: service.list(),
            "due": lambda: service.due(TODAY),
            "for_case": lambda: service.for_case(case_uid),
        }
        for fn in (*floors.values(), *products.values()):
            fn()  # warm the page cache and the form titles once
        results = {}
        for name in products:  # alternate floor and product in the same run
            results[name] = (median_ms(products[name], args.repeat), median_ms(floors[name], args.repeat))
        counts = {"list": len(service.list()), "due": len(service.due(TODAY)),
                  "for_case": len(service.for_case(case_uid))}
    finally:
        session.close()
    print(f"{plans_total} plans; rows: list {counts['list']}, due {counts['due']}, "
          f"for_case {counts['for_case']}")
    return exit_code([
        verdict(f"plans.{name}", product <= TARGETS_MS[name], product, floor,
                f"<={TARGETS_MS[name]:.0f}ms", extra=f"{counts[name]} rows")
        for name, (product, floor) in results.items()])


if __name__ == "__main__":
    sys.exit(main())

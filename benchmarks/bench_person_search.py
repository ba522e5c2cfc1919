"""Person search at 100 000 persons: by name, by prefix (as typed) and by number.

    .venv/bin/python benchmarks/bench_person_search.py --store DIR [--repeat 3]

On the realistic store (benchmarks/make_store.py), in the same run:

- product, store: `persons.search` (store/repos/person_search.py: FTS5 for names with
  diacritics folded, index ranges for numbers, 50 rows in display order, mapped to
  Person objects) inside a unit of work;
- product, service: `PersonService.search`, what the GUI and CLI call: the same plus its
  audit entry (one committed, fsynced transaction per search);
- baseline: the bare query on the same data: `SELECT rowid FROM person_search WHERE
  person_search MATCH ? LIMIT 50` for names, `SELECT id FROM persons WHERE id_value
  BETWEEN ...  LIMIT 50` for numbers.

Query sets: names as whole words with and without å/ä/ö ("Åsa Ström", "asa strom");
every prefix of those as typed letter by letter; numbers of persons in the store typed
as 12 digits, with century and dash, 10 digits without century with and without the
dash, 8 and 6 digits, and every prefix from 4 digits as typed.
Target for each path: median <= 20 ms and 95th percentile <= 50 ms.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (  # noqa: E402
    PASSWORD, USER, add_store_argument, exit_code, median, percentile, store_db, verdict,
)

from oro_desktop.services.persons import PersonService  # noqa: E402
from oro_desktop.services.session import Session  # noqa: E402
from oro_desktop.store.repos import person_search  # noqa: E402
from oro_desktop.store.repos import persons as persons_repo  # noqa: E402

MEDIAN_MS, P95_MS = 20.0, 50.0
NAMES = ["Åsa Ström", "asa strom", "Märta Öberg", "marta oberg", "Östen Åkesson",
         "osten akesson", "Björn Lindqvist", "bjorn lindqvist", "Göran Sjöberg", "Linnéa Bäck",
         "linnea back", "Hjördis Ågren", "Tyra Tolvansson", "Måns Nyström", "Ali Hassan"]


def typed(text: str, start: int = 1) -> list[str]:
    return [text[:end] for end in range(start, len(text) + 1)]


def number_queries(conn, rng: random.Random, count: int) -> tuple[list[str], list[str]]:
    """(whole numbers in every written form, prefixes as typed) of persons in the store."""
    values = [r[0] for r in conn.execute(
        "SELECT id_value FROM persons WHERE id_kind = 'personnummer' ORDER BY id")]
    whole, prefixes = [], []
    for value in rng.sample(values, min(count, len(values))):
        forms = [value, f"{value[:8]}-{value[8:]}", value[2:], f"{value[2:8]}-{value[8:]}",
                 value[:8], value[2:8]]
        whole += forms
        prefixes += typed(f"{value[2:8]}-{value[8:]}", 4) + typed(value, 4)
    return whole, prefixes


def bare(conn, text: str) -> None:
    """The floor: the index query alone, no ordering, no mapping."""
    prefixes = person_search.number_prefixes(text)
    if prefixes:
        for prefix in prefixes:
            conn.execute("SELECT id FROM persons WHERE id_value >= ? AND id_value < ? LIMIT 50",
                         (prefix, prefix + "\U0010ffff")).fetchall()
        return
    expression = person_search.match_expression(text)
    if expression:
        conn.execute("SELECT rowid FROM person_search WHERE person_search MATCH ? LIMIT 50",
                     (expression,)).fetchall()


def timed(fn, texts: list[str], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        for text in texts:
            start = time.perf_counter()
            fn(text)
            out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, product: list[float], baseline: list[float]) -> bool:
    med, p95 = median(product), percentile(product, 0.95)
    print(f"{name:28s} median {med:6.2f} ms  p95 {p95:6.2f} ms  max {max(product):6.2f} ms"
          f"   | bare median {median(baseline):6.3f} ms  p95 {percentile(baseline, 0.95):6.3f} ms"
          f"  ({len(product)} searches)")
    return verdict(name, med <= MEDIAN_MS and p95 <= P95_MS, med, median(baseline),
                   f"median<={MEDIAN_MS:.0f}ms,p95<={P95_MS:.0f}ms", extra=f"p95 {p95:.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_argument(parser)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = store_db(args)
    rng = random.Random(8)
    session = Session.unlock(path, USER, PASSWORD)
    try:
        conn = session.store.conn
        persons = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
        whole_numbers, number_prefixes = number_queries(conn, rng, 20)
        prefix_texts = [p for name in NAMES for p in typed(name)]
        sets = {"name": NAMES, "prefix": prefix_texts, "number": whole_numbers + number_prefixes}

        def store_search(text: str) -> None:
            with session.store.unit_of_work(USER) as uow:
                persons_repo.search(uow.conn, text)

        def bare_search(text: str) -> None:
            with session.store.unit_of_work(USER) as uow:
                bare(uow.conn, text)

        service = PersonService(session)
        hits = {text: len(service.search(text)) for text in ("Åsa", "asa", "Östen", "osten")}
        assert hits["Åsa"] == hits["asa"] > 0 and hits["Östen"] == hits["osten"] > 0, hits
        print(f"{persons} persons; 'asa' finds {hits['asa']} (as many as 'Åsa'), "
              f"'osten' {hits['osten']}")
        results = []
        for label, texts in sets.items():
            store_search(texts[0])  # warm the page cache for both alike
            product = timed(store_search, texts, args.repeat)
            baseline = timed(bare_search, texts, args.repeat)
            results.append(report(f"person_search_{label}", product, baseline))
        every = [t for texts in sets.values() for t in texts]
        product = timed(service.search, every, 1)
        baseline = timed(bare_search, every, 1)
        results.append(report("person_search_service", product, baseline))
    finally:
        session.close()
    return exit_code(results)


if __name__ == "__main__":
    sys.exit(main())

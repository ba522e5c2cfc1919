"""Search as you type over 10 000 contact entries: is every keystroke under 10 ms?

Generates 10 000 entries (fictitious units, numbers in no real series) across many
municipalities and kinds, then types realistic queries letter by letter, as a clinician
does, and times each keystroke's search. Three measurements in one run:

- typed:    the real SearchIndex, one index reused while typing (narrowing reuse on);
- cold:     the same queries, each keystroke on a fresh index state (no reuse);
- baseline: a plain `term in text` over pre-lowercased strings (no å/ä/ö folding, no
            phone handling): the floor any smarter search is compared with;
- gui path: typed search plus the "now" ordering of the first 500 hits, which is
            what the Kontakter section does on each keystroke.

Run: .venv/bin/python benchmarks/bench_contacts_search.py [--entries N] [--repeat R]
(`--store` is accepted for run_all.py and ignored: the directory is generated here.)
Target for every path: median <= 10 ms per keystroke; one verdict line per path.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from datetime import datetime  # noqa: E402

from benchlib import add_store_argument, exit_code, verdict  # noqa: E402

from oro_desktop.core.contacts import (  # noqa: E402
    ContactEntry,
    Phone,
    SearchIndex,
    Source,
    now_view,
    parse_hours,
)

TARGET_MS = 10.0

PLACES = [
    "Växjö", "Älmhult", "Östersund", "Åre", "Göteborg", "Borås", "Trollhättan", "Uddevalla",
    "Lilla Edet", "Mölndal", "Härryda", "Skövde", "Lidköping", "Markaryd", "Ljungby", "Bräcke",
    "Strömsund", "Härjedalen", "Tingsryd", "Uppvidinge", "Alingsås", "Kungälv", "Tjörn", "Öckerö",
]
KINDS = [
    ("socialtjänstens mottagning", "Socialtjänsten"), ("BVC", "Barnavårdscentralen"),
    ("barnmorskemottagning", "Barnmorskemottagningen"), ("BB", "BB-avdelningen"),
    ("habilitering", "Habiliteringen"), ("psykiatri", "Vuxenpsykiatrin"),
    ("barn- och ungdomspsykiatri", "BUP"), ("neonatal", "Neonatalavdelningen"),
    ("socialjour", "Socialjouren"),
]
HOURS = ["mån-fre 8.00-16.00", "mån-tors 8.00-16.00, fre 8.00-15.00", None, "dygnet runt"]

QUERIES = [
    "socialtjänsten växjö", "vaxjo", "almhult soc", "barnmorskemottagning östersund",
    "0470 435", "bvc göteborg", "habilitering", "bup akut", "socialjour", "lilla edet",
    "neonatal las", "mottagningsgruppen", "trollhattan bmm", "031-", "bräcke 112",
]


def generate(count: int, seed: int = 7) -> list[ContactEntry]:
    """`count` plausible entries; numbers use area codes but random (fictitious) digits."""
    rng = random.Random(seed)
    source = Source("Benchmark (genererade poster)", "2026-11-23")
    entries = []
    for n in range(count):
        place = rng.choice(PLACES)
        kind, unit = rng.choice(KINDS)
        area = rng.choice(["0470", "0476", "063", "031", "033", "0520", "0500", "0372"])
        number = f"{area}-{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        hours = rng.choice(HOURS)
        entries.append(ContactEntry(
            id=f"bench/{kind.split()[0].lower()}/{n}",
            region=rng.choice(["Kronoberg", "Jämtland Härjedalen", "Västra Götaland"]),
            organisation=f"{place} kommun" if n % 3 else "Regionen",
            unit=f"{unit} {place} {n}", kind=kind, source=source, verified=date(2026, 1, 1),
            municipality=place, phones=(Phone(number, rng.choice(["", "växel", "direkt"])),),
            emails=(f"enhet{n}@exempel.se",),
            hours=parse_hours(hours) if hours else None,
            notes=rng.choice(["", "be att bli kopplad till mottagningsgruppen", "fråga efter LAS"]),
        ))
    return entries


def prefixes(query: str) -> list[str]:
    return [query[:end] for end in range(1, len(query) + 1)]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(search, queries: list[str], repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        for query in queries:
            for typed in prefixes(query):
                start = time.perf_counter()
                search(typed)
                timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_argument(parser, needed=False)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    entries = generate(args.entries)
    start = time.perf_counter()
    index = SearchIndex(entries)
    build_ms = (time.perf_counter() - start) * 1000

    typed = measure(index.search, QUERIES, args.repeat)

    def cold(query: str) -> None:
        index._last = None  # no narrowing reuse: every keystroke scans all entries
        index.search(query)

    cold_ms = measure(cold, QUERIES, args.repeat)

    lowered = [" ".join([e.organisation, e.unit, e.kind, e.municipality or "", e.notes,
                         *(p.number for p in e.phones), *e.emails]).lower() for e in entries]

    def baseline(query: str) -> None:
        terms = query.lower().split()
        [t for t in lowered if all(term in t for term in terms)]

    base = measure(baseline, QUERIES, args.repeat)

    gui_index = SearchIndex(entries)
    friday = datetime(2026, 11, 27, 15, 30)

    def gui_path(query: str) -> None:
        now_view(gui_index.search(query)[:500], friday)

    gui = measure(gui_path, QUERIES, args.repeat)

    print(f"{args.entries} entries, index built in {build_ms:.0f} ms, "
          f"{len(typed)} keystrokes per measurement")
    for name, samples in (("typed (reuse)", typed), ("cold (no reuse)", cold_ms),
                          ("baseline `in`", base), ("gui path (+now)", gui)):
        median = statistics.median(samples)
        print(f"{name:17s} median {median:6.2f} ms   p95 {percentile(samples, 0.95):6.2f} ms   "
              f"max {max(samples):6.2f} ms")
    base_median = statistics.median(base)
    results = []
    for name, samples in (("contacts_search_typed", typed), ("contacts_search_cold", cold_ms),
                          ("contacts_search_gui_path", gui)):
        median = statistics.median(samples)
        results.append(verdict(name, median <= TARGET_MS, median, base_median,
                               f"median<={TARGET_MS:.0f}ms",
                               extra=f"p95 {percentile(samples, 0.95):.2f} ms"))
    return exit_code(results)


if __name__ == "__main__":
    sys.exit(main())

"""Opening hours as data, a parser for the way guidelines write them, and `is_open`.

Guidelines write hours as Swedish prose ("måndag-torsdag 8.00-16.00 samt fredag
8.00-15.00"); the directory keeps them as data so that "is it open now?" is a
computation, not a guess. The original text is kept beside the parsed rules so the
screen can show exactly what the guideline said.

Holidays are not part of the hours themselves: `is_open` takes the closed days as an
argument (see holidays.py for the Swedish ones), so a test or a unit with its own
calendar can pass another set.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

# Monday = 0, as datetime.weekday().
_DAY_WORDS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("mån", "måndag", "måndagar", "man", "mon", "monday"),
        ("tis", "tisdag", "tisdagar", "tue", "tues", "tuesday"),
        ("ons", "onsdag", "onsdagar", "wed", "wednesday"),
        ("tor", "tors", "torsdag", "torsdagar", "thu", "thur", "thurs", "thursday"),
        ("fre", "fredag", "fredagar", "fri", "friday"),
        ("lör", "lördag", "lördagar", "lor", "sat", "saturday"),
        ("sön", "söndag", "söndagar", "son", "sun", "sunday"),
    )
):
    for _name in _names:
        _DAY_WORDS[_name] = _index

DAY_ABBREVIATIONS = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
ALL_DAYS = frozenset(range(7))

_ALWAYS_WORDS = ("dygnet runt", "alltid", "24/7", "24 timmar", "always")
_DASHES = re.compile(r"\s*[-–—]\s*")
_TIME = r"(\d{1,2})(?:[.:](\d{2}))?"
_RULE = re.compile(rf"^(?P<days>.+?)\s+(?:kl\.?\s*)?{_TIME}-{_TIME}$")


class HoursError(ValueError):
    """Opening hours that cannot be read; the message is Swedish and names the text."""


@dataclass(frozen=True)
class HoursRule:
    """Open on `days` from `start` (inclusive) to `end` (exclusive).

    An `end` at or before `start` means the interval runs past midnight into the next
    day (a jour from 16.00 to 08.00).
    """

    days: frozenset[int]
    start: time
    end: time

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start


@dataclass(frozen=True)
class OpeningHours:
    """Either always open, or open within `rules`; `text` is the source wording."""

    rules: tuple[HoursRule, ...] = ()
    always: bool = False
    text: str = field(default="", compare=False)

    @classmethod
    def around_the_clock(cls, text: str = "dygnet runt") -> "OpeningHours":
        return cls(rules=(), always=True, text=text)


def _parse_time(hour: str, minute: str | None, source: str) -> time:
    h, m = int(hour), int(minute or 0)
    if h == 24 and m == 0:
        return time(23, 59, 59, 999999)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise HoursError(f"Ogiltig tid i öppettiderna: {source!r}")
    return time(h, m)


def _day(word: str, source: str) -> int:
    key = word.strip().lower().rstrip(".")
    if key not in _DAY_WORDS:
        raise HoursError(f"Okänd veckodag {word.strip()!r} i öppettiderna: {source!r}")
    return _DAY_WORDS[key]


def parse_days(text: str, source: str | None = None) -> frozenset[int]:
    """Read "mån-fre", "mån, ons", "lör-sön" or "fre-mån" (wrapping) as weekday numbers."""
    source = source if source is not None else text
    days: set[int] = set()
    for part in re.split(r"\s*,\s*|\s+och\s+|\s+samt\s+", text.strip()):
        if not part:
            continue
        ends = _DASHES.split(part)
        if len(ends) == 1:
            days.add(_day(ends[0], source))
        elif len(ends) == 2:
            first, last = _day(ends[0], source), _day(ends[1], source)
            day = first
            days.add(day)
            while day != last:
                day = (day + 1) % 7
                days.add(day)
        else:
            raise HoursError(f"Kan inte läsa veckodagarna {part!r} i {source!r}")
    if not days:
        raise HoursError(f"Inga veckodagar i öppettiderna: {source!r}")
    return frozenset(days)


def parse_hours(text: str) -> OpeningHours:
    """Parse "mån-tors 8.00-16.00, fre 8.00-15.00" style text.

    Rules are separated by ",", ";", " samt " or " och " followed by a weekday;
    "dygnet runt" means always open. Raises HoursError naming the text.
    """
    source = text.strip()
    lowered = source.lower()
    if not lowered:
        raise HoursError("Öppettiderna är tomma")
    if lowered in _ALWAYS_WORDS:
        return OpeningHours.around_the_clock(source)
    # Split rules at separators, but keep "mån, ons 8-16" together: a chunk without a
    # time is merged with the next one.
    chunks = [c for c in re.split(r"\s*[;,]\s*|\s+samt\s+|\s+och\s+", lowered) if c]
    rules: list[HoursRule] = []
    pending_days: list[str] = []
    for chunk in chunks:
        chunk = _DASHES.sub("-", chunk).replace("kl.", "kl ").strip()
        match = _RULE.match(chunk)
        if match is None:
            if re.search(r"\d", chunk):
                raise HoursError(f"Kan inte läsa öppettiderna {source!r}")
            pending_days.append(chunk)
            continue
        day_text = ", ".join([*pending_days, match.group("days")])
        pending_days = []
        start = _parse_time(match.group(2), match.group(3), source)
        end = _parse_time(match.group(4), match.group(5), source)
        if start == end:
            raise HoursError(f"Öppnar och stänger samma tid i {source!r}")
        rules.append(HoursRule(parse_days(day_text, source), start, end))
    if pending_days or not rules:
        raise HoursError(f"Veckodagar utan tider i öppettiderna: {source!r}")
    return OpeningHours(rules=tuple(rules), text=source)


def hours_from_data(value: object) -> OpeningHours:
    """Accept the YAML forms: a string, or a list of {days, from, to} mappings."""
    if isinstance(value, str):
        return parse_hours(value)
    if isinstance(value, list) and value:
        rules: list[HoursRule] = []
        for item in value:
            if not isinstance(item, dict) or set(item) != {"days", "from", "to"}:
                raise HoursError(
                    "Varje öppettidsregel ska ha exakt nycklarna days, from och to"
                )
            text = f"{item['days']} {item['from']}-{item['to']}"
            rules.extend(parse_hours(text).rules)
        result = OpeningHours(rules=tuple(rules))
        return OpeningHours(rules=result.rules, text=format_hours(result))
    raise HoursError("Öppettider ska vara en text eller en lista av regler")


def _format_time(value: time) -> str:
    if value == time(23, 59, 59, 999999):
        return "24.00"
    return f"{value.hour}.{value.minute:02d}"


def _format_days(days: frozenset[int]) -> str:
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{DAY_ABBREVIATIONS[ordered[0]]}–{DAY_ABBREVIATIONS[ordered[-1]]}"
    return ", ".join(DAY_ABBREVIATIONS[d] for d in ordered)


def format_hours(hours: OpeningHours) -> str:
    """Canonical Swedish text, e.g. "mån–tors 8.00–16.00, fre 8.00–15.00"."""
    if hours.always:
        return "dygnet runt"
    return ", ".join(
        f"{_format_days(r.days)} {_format_time(r.start)}–{_format_time(r.end)}"
        for r in hours.rules
    )


def hours_to_data(hours: OpeningHours) -> str:
    """The form written back to YAML: the canonical text, which parse_hours reads."""
    return format_hours(hours).replace("–", "-")


def is_open(hours: OpeningHours, at: datetime, closed_days: Container[date] = ()) -> bool:
    """True when `at` (naive local time) falls inside one of the rules.

    A day in `closed_days` (e.g. SWEDISH_HOLIDAYS) is closed all day, unless the hours
    are "dygnet runt".
    """
    if hours.always:
        return True
    if at.date() in closed_days:
        return False
    moment, day = at.time(), at.weekday()
    previous = (day - 1) % 7
    for rule in hours.rules:
        if rule.crosses_midnight:
            if (day in rule.days and moment >= rule.start) or (
                previous in rule.days and moment < rule.end
            ):
                return True
        elif day in rule.days and rule.start <= moment < rule.end:
            return True
    return False


def next_change(
    hours: OpeningHours, at: datetime, closed_days: Container[date] = ()
) -> datetime | None:
    """The next minute at which open/closed flips, within two weeks; None if never."""
    if hours.always or not hours.rules:
        return None
    state = is_open(hours, at, closed_days)
    # Candidate instants: rule starts and ends, and midnight (a closed day's edge),
    # tried day by day so the usual answer (today or tomorrow) is found at once.
    moments = sorted({time(0, 0), *(t for r in hours.rules for t in (r.start, r.end))})
    for offset in range(0, 15):
        day = at.date() + timedelta(days=offset)
        for moment in moments:
            stamp = datetime.combine(day, moment)
            if stamp > at and is_open(hours, stamp, closed_days) != state:
                return stamp
    return None

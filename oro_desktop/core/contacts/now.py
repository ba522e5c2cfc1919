""""Who do I call now?": open/closed per entry and an order that fits the hour.

Outside office hours the after-hours route (112, socialjour) comes first; during them
the open units do. "Outside office hours" is decided by the units' OWN opening hours
where the hits give them (Markaryd's social services close 15.00 on Fridays, so at 15.30
on a Friday its after-hours route comes first), and by `DEFAULT_OFFICE_HOURS` only where
no hit states its hours. Each entry gets a short Swedish status line, and the whole view
a Swedish explanation of why it is ordered the way it is.

Where a region's guideline names no after-hours route at all (Kronoberg, Västra
Götaland), the view carries an `emergency` line telling the reader to call 112 in an
emergency; outside office hours with no route among the hits, it says so too.

"Kontorstid" is not defined by the guidelines (Jämtland says only "utanför kontorstid";
Uppvidinge gives "kontorstid" without times). For ordering only, the view assumes
`DEFAULT_OFFICE_HOURS` (mån–fre 8.00–16.00, the hours Kronoberg's municipalities give)
and says so in its explanation; an entry without stated hours is never shown as open or
closed, only as "tider anges inte".

Swedish public holidays, and julafton, midsommarafton and nyårsafton, count as closed
days by default (holidays.py): on långfredagen a unit with office hours is "stängt" and
the after-hours route comes first. Pass `holidays=()` to ignore them.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from oro_desktop.core.contacts.hours import (
    DAY_ABBREVIATIONS,
    OpeningHours,
    format_hours,
    is_open,
    next_change,
    parse_hours,
)
from oro_desktop.core.contacts.holidays import SWEDISH_HOLIDAYS
from oro_desktop.core.contacts.kinds import AFTER_HOURS_KINDS
from oro_desktop.core.contacts.model import ContactEntry

DEFAULT_OFFICE_HOURS: OpeningHours = parse_hours("mån-fre 8.00-16.00")

HOLIDAY_NOTE = "helgdagar samt jul-, midsommar- och nyårsafton räknas som stängda"


class NowState(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"
    ALWAYS = "always"
    AFTER_HOURS = "after_hours"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class NowStatus:
    state: NowState
    text: str


@dataclass(frozen=True)
class NowItem:
    entry: ContactEntry
    status: NowStatus
    recommended: bool


@dataclass(frozen=True)
class NowView:
    at: datetime
    outside_office_hours: bool
    items: tuple[NowItem, ...]
    explanation: str
    #: "" or a Swedish line to show prominently: call 112 in an emergency.
    emergency: str = ""


EMERGENCY_112 = "Vid akut fara: ring 112."


def is_after_hours_route(entry: ContactEntry) -> bool:
    """True for 112 / socialjour routes, marked in data or by their kind."""
    return entry.after_hours or entry.kind in AFTER_HOURS_KINDS


def _clock(moment: datetime) -> str:
    return f"{moment.hour}.{moment.minute:02d}"


def _when(moment: datetime, at: datetime) -> str:
    if moment.date() == at.date():
        return _clock(moment)
    return f"{DAY_ABBREVIATIONS[moment.weekday()]} {_clock(moment)}"


def _holiday_name(holidays: Container[date], day: date) -> str | None:
    if day not in holidays:
        return None
    namer = getattr(holidays, "name", None)
    return (namer(day) if namer else None) or "helgdag"


def entry_status(
    entry: ContactEntry, at: datetime, holidays: Container[date] = SWEDISH_HOLIDAYS
) -> NowStatus:
    """Open, closed, always, an after-hours route, or hours not given, at `at`."""
    hours = entry.hours
    if hours is None:
        if is_after_hours_route(entry):
            return NowStatus(NowState.AFTER_HOURS, "Jourväg: används utanför kontorstid")
        note = f" ({entry.hours_note})" if entry.hours_note else ""
        return NowStatus(NowState.UNKNOWN, f"Öppettider anges inte{note}")
    if hours.always:
        return NowStatus(NowState.ALWAYS, "Nås dygnet runt")
    change = next_change(hours, at, holidays)
    if is_open(hours, at, holidays):
        tail = f", stänger {_when(change, at)}" if change else ""
        return NowStatus(NowState.OPEN, f"Öppet nu{tail} ({format_hours(hours)})")
    tail = f", öppnar {_when(change, at)}" if change else ""
    holiday = _holiday_name(holidays, at.date())
    why = f" ({holiday})" if holiday else ""
    return NowStatus(NowState.CLOSED, f"Stängt nu{why}{tail} ({format_hours(hours)})")


_DAYTIME_RANK = {
    NowState.OPEN: 0, NowState.ALWAYS: 0, NowState.UNKNOWN: 1,
    NowState.CLOSED: 2, NowState.AFTER_HOURS: 3,
}
_NIGHT_RANK = {
    NowState.AFTER_HOURS: 0, NowState.OPEN: 1, NowState.ALWAYS: 1,
    NowState.UNKNOWN: 2, NowState.CLOSED: 3,
}


def regions_without_route(entries: Iterable[ContactEntry]) -> frozenset[str]:
    """Regions none of whose entries is an after-hours route (the guideline names none)."""
    regions: set[str] = set()
    with_route: set[str] = set()
    for entry in entries:
        regions.add(entry.region)
        if is_after_hours_route(entry):
            with_route.add(entry.region)
    return frozenset(regions - with_route)


def _units_closed(
    statuses: list[tuple[ContactEntry, NowStatus]],
) -> bool | None:
    """True/False when the hits' own units (not after-hours routes) state hours: whether
    every such unit is closed now. None when no unit states hours."""
    own = [s.state for e, s in statuses
           if not is_after_hours_route(e) and s.state in (NowState.OPEN, NowState.CLOSED)]
    if not own:
        return None
    return all(state is NowState.CLOSED for state in own)


def now_view(
    entries: Iterable[ContactEntry],
    at: datetime,
    office_hours: OpeningHours = DEFAULT_OFFICE_HOURS,
    holidays: Container[date] = SWEDISH_HOLIDAYS,
    *,
    without_route: Collection[str] = (),
) -> NowView:
    """Order `entries` for a call at `at` and explain the order in Swedish.

    Outside office hours, after-hours routes come first (whatever their own hours),
    then whatever is open; during office hours, open units first and after-hours
    routes last. Office hours are the hits' own: when every unit among them that states
    its hours is closed now, it is "outside"; `office_hours` decides only when none
    states hours. The order within a group is the order given. `without_route` names
    the regions whose guideline gives no after-hours route (`regions_without_route`
    over the whole directory), for the 112 line.
    """
    entries = list(entries)
    statuses = [(entry, entry_status(entry, at, holidays)) for entry in entries]
    own_closed = _units_closed(statuses)
    default_outside = not is_open(office_hours, at, holidays)
    outside = default_outside if own_closed is None else own_closed
    rank = _NIGHT_RANK if outside else _DAYTIME_RANK
    scored = []
    for position, (entry, status) in enumerate(statuses):
        state = status.state
        if outside and is_after_hours_route(entry):
            state = NowState.AFTER_HOURS
        scored.append((rank[state], position, entry, status))
    scored.sort(key=lambda row: (row[0], row[1]))
    items = tuple(
        NowItem(entry, status, recommended=(score == 0))
        for score, _, entry, status in scored
    )
    has_route = any(is_after_hours_route(i.entry) for i in items)
    stamp = f"{DAY_ABBREVIATIONS[at.weekday()]} {at:%Y-%m-%d} {_clock(at)}"
    holiday = _holiday_name(holidays, at.date())
    if holiday:
        stamp += f", {holiday}"
    if own_closed is None:
        assumed = f"kontorstid räknas som {format_hours(office_hours)} där tider saknas"
    else:
        assumed = "enligt verksamheternas egna öppettider"
    closed_early = outside and not default_outside  # e.g. Markaryd, Friday 15.30
    when = "Stängt nu" if closed_early else "Utanför kontorstid"
    if outside and has_route:
        head = f"{when} ({stamp}): jourvägen visas först."
    elif outside:
        head = f"{when} ({stamp}): ingen jourväg finns bland träffarna. Vid akut fara, ring 112."
    else:
        head = f"Kontorstid ({stamp}): öppna verksamheter visas först."
    note = HOLIDAY_NOTE if holidays else "helgdagar beaktas inte"
    lacking = sorted({i.entry.region for i in items} & set(without_route))
    emergency = ""
    if lacking:
        emergency = (f"Riktlinjen för {' och '.join(lacking)} anger ingen jourväg utanför "
                     f"kontorstid. {EMERGENCY_112}")
    elif outside and not has_route:
        emergency = EMERGENCY_112
    return NowView(at, outside, items, f"{head} ({assumed}; {note})", emergency)

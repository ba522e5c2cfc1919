"""Whom to call now: a step's route resolved through the contact directory.

This wraps core/contacts (lookup, now_view) without changing it. The one thing added is
whose hours decide "closed": the unit's own hours when the directory gives them (Markaryd
closes 15.00 on Fridays), else the directory's assumed office hours. When the unit is
closed the after-hours route (112, socialjour) comes first; the engine warns when the
guideline names none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from oro_desktop.core.contacts.hours import format_hours
from oro_desktop.core.contacts.lookup import lookup, municipality_key
from oro_desktop.core.contacts.model import ContactEntry
from oro_desktop.core.contacts.now import DEFAULT_OFFICE_HOURS, NowItem, is_after_hours_route, now_view
from oro_desktop.core.guidance.model import ContactRoute


@dataclass(frozen=True)
class RouteResult:
    kind: str
    label: str
    step_ids: tuple[str, ...]
    closed: bool
    items: tuple[NowItem, ...]
    explanation: str

    @property
    def has_after_hours(self) -> bool:
        return any(is_after_hours_route(i.entry) for i in self.items)

    @property
    def reachable(self) -> bool:
        """True when some entry gives a phone number or an e-mail address."""
        return any(i.entry.reachable and not is_after_hours_route(i.entry) for i in self.items)


def region_entries(entries: Iterable[ContactEntry], region: str) -> list[ContactEntry]:
    wanted = municipality_key(region)
    return [e for e in entries if municipality_key(e.region) == wanted]


def known_municipality(municipalities: Sequence[str], name: str) -> str | None:
    """The municipality's own spelling when `name` is one of them ("vaxjo" -> "Växjö").

    Also forgives the genitive before "kommun" ("Östersunds kommun"), which the
    directory's key keeps.
    """
    key = municipality_key(name)
    keys = {key}
    if " ".join(name.lower().split()).endswith("s kommun") and key.endswith("s"):
        keys.add(key[:-1])
    return next((m for m in municipalities if municipality_key(m) in keys), None)


def resolve(
    entries: Sequence[ContactEntry], municipality: str, route: ContactRoute,
    step_ids: tuple[str, ...], at: datetime,
) -> RouteResult:
    """The directory's entries for the route, ordered for a call at `at`."""
    found = lookup(entries, municipality, route.kind)
    own_hours = next(
        (e.hours for e in found if e.hours is not None and not is_after_hours_route(e)), None
    )
    view = now_view(found, at, office_hours=own_hours or DEFAULT_OFFICE_HOURS)
    explanation = view.explanation
    if own_hours is not None:
        closed = view.outside_office_hours
        state = "Stängt" if closed else "Öppet"
        tail = ""
        if closed:
            has_route = any(is_after_hours_route(i.entry) for i in view.items)
            tail = ": jourvägen visas först" if has_route else ": ingen jourväg finns. Vid akut fara, ring 112"
        explanation = (f"{state} nu ({at:%Y-%m-%d %H.%M}) enligt enhetens egna öppettider "
                       f"({format_hours(own_hours)}){tail}.")
    return RouteResult(route.kind, route.label, step_ids, view.outside_office_hours,
                       view.items, explanation)

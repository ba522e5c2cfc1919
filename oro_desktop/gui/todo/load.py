"""What Att göra shows, read off the UI thread: plain rows, no widgets.

Why paged reads with statuses: at 100 000 consents the start view must not read them
all; it asks the consent service for the first rows of the two statuses that need
doing (expiring within 30 days, printed and waiting for the signed paper) and for
their counts. The people still to be told afterwards of a disclosure without consent
come from the disclosure service (`to_tell_after`), plan follow-ups due from the plan
service (`due`); each row opens its case. Guidelines that have expired or expire within 60 days come from the
guidance service's list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.core.dates import day_count

_SITUATIONS = {"expected_child": "väntat barn", "newborn": "nyfött barn"}
#: At most this many rows per group; the group title says how many there are in all.
GROUP_LIMIT = 50


@dataclass(frozen=True)
class TodoRow:
    """One thing to do: what it is (`kind`, `ref`), its text and a detail line."""

    kind: str  # "consent" | "guideline" | "case"
    ref: object  # consent id (int), guideline id (str) or case uid (str)
    title: str
    detail: str
    urgent: bool = False


@dataclass(frozen=True)
class TodoGroup:
    key: str
    title: str
    rows: tuple[TodoRow, ...]
    total: int
    empty_text: str
    problem: str = ""


@dataclass(frozen=True)
class TodoData:
    groups: tuple[TodoGroup, ...] = field(default_factory=tuple)


def _child(row: Any) -> str:
    mark = row.mark  # skyddade personuppgifter / hemlig vistelseort (ConsentRow.mark)
    return (row.child_name + (f" ({mark})" if mark else "")
            + (f" ({row.child_number})" if row.child_number else ""))


def _consents(services: Any, status: ConsentStatus) -> tuple[list[Any], int]:
    service = services.consents
    return (service.list_page(0, GROUP_LIMIT, statuses={status}),
            service.list_count(statuses={status}))


def _expiring(services: Any) -> TodoGroup:
    rows, total = _consents(services, ConsentStatus.EXPIRING)
    out = []
    for r in rows:
        days = r.days_left
        left = ("går ut i dag" if days == 0 else f"{day_count(days)} kvar") if days is not None else ""
        detail = f"Gäller t.o.m. {r.valid_to.isoformat() if r.valid_to else '–'}" + (f", {left}" if left else "")
        out.append(TodoRow("consent", r.id, _child(r), detail + " – förnya eller låt gå ut",
                           urgent=days is not None and days <= 7))
    return TodoGroup("expiring", "Samtycken som går ut inom 30 dagar", tuple(out), total,
                     "Inga samtycken går ut inom 30 dagar.")


def _unsigned(services: Any) -> TodoGroup:
    """Printed and not signed, and signed by one of two guardians (föräldrabalken 6 kap.
    13 §: not in force until the other has signed too)."""
    waiting, waiting_total = _consents(services, ConsentStatus.WAITING_OTHER)
    rows, total = _consents(services, ConsentStatus.PRINTED)
    out = [TodoRow("consent", r.id, _child(r),
                   "Väntar på den andra vårdnadshavarens underskrift – gäller inte förrän "
                   "båda har skrivit under") for r in waiting]
    for r in rows[:max(0, GROUP_LIMIT - len(out))]:
        printed = f"Utskrivet {r.printed_on.isoformat()}" if r.printed_on else "Utskrivet"
        out.append(TodoRow("consent", r.id, _child(r),
                           f"{printed}, väntar på underskrift – registrera originalet när det kommit in"))
    return TodoGroup("unsigned", "Samtycken som väntar på underskrift", tuple(out),
                     total + waiting_total, "Inga samtycken väntar på underskrift.")


def _guidelines(services: Any, now: datetime) -> TodoGroup:
    items = [i for i in services.guidance.list(now)
             if i.get("expired") or i.get("expires_within_60_days")]
    rows = tuple(TodoRow("guideline", i["id"], f"Riktlinje: {i['region']} – {_SITUATIONS.get(i.get('situation'), '')}".rstrip(" –"),
                         i["validity_text"], urgent=bool(i.get("expired"))) for i in items)
    return TodoGroup("guidelines", "Riktlinjer som gått ut eller går ut inom 60 dagar", rows,
                     len(rows), "Alla riktlinjer gäller mer än 60 dagar till.")


def _tell_after(services: Any) -> TodoGroup:
    """Disclosures without consent whose person is still to be told what came of it."""
    found = services.disclosures.to_tell_after()
    rows = []
    for d in sorted(found, key=lambda d: d.disclosed_on)[:GROUP_LIMIT]:
        before = f", informerad före {d.told_before_on.isoformat()}" if d.told_before_on else ""
        # The person to tell, by name only (a protected person marked, never addressed).
        whom = ", ".join(p.shown for p in d.to_tell) or "personen"
        rows.append(TodoRow("case", d.case_uid,
                            f"Informera {whom}: uppgifter lämnade till {d.recipient}",
                            f"{d.disclosed_on.isoformat()} från {d.sender} enligt "
                            f"{d.legal_basis_text}{before} – berätta vad som framkom"))
    return TodoGroup("tell_after", "Ska informeras i efterhand", tuple(rows), len(found),
                     "Ingen väntar på att informeras i efterhand.")


def _plan_follow_ups(services: Any, now: datetime) -> TodoGroup:
    """Plans whose next follow-up is today or has passed (services.plans.due); each row
    opens the plan's case."""
    found = services.plans.due(now.date())
    rows = []
    for p in found[:GROUP_LIMIT]:
        days = -(p.days_to_follow_up or 0)
        when = "i dag" if days == 0 else f"för {day_count(days)} sedan"
        who = f", följs upp av {p.follow_up_by}" if p.follow_up_by else ""
        rows.append(TodoRow("case", p.case_uid, p.case_label,
                            f"{p.title}: uppföljning "
                            f"{p.next_follow_up.isoformat() if p.next_follow_up else ''}"
                            f" ({when}){who}", urgent=days > 0))
    return TodoGroup("plans", "Planer att följa upp", tuple(rows), len(found),
                     "Ingen plan har en uppföljning som passerat.")


def load_todo(services: Any, now: datetime) -> TodoData:
    """Every group; a group that cannot be read says so instead of hiding the others."""
    groups = []
    for key, title, reader in (
        ("expiring", "Samtycken som går ut inom 30 dagar", lambda: _expiring(services)),
        ("unsigned", "Samtycken som väntar på underskrift", lambda: _unsigned(services)),
        ("tell_after", "Ska informeras i efterhand", lambda: _tell_after(services)),
        ("plans", "Planer att följa upp", lambda: _plan_follow_ups(services, now)),
        ("guidelines", "Riktlinjer som gått ut eller går ut inom 60 dagar",
         lambda: _guidelines(services, now)),
    ):
        try:
            groups.append(reader())
        except Exception as exc:  # noqa: BLE001 - one group failing must not hide the rest
            message = getattr(exc, "message", "") or "kunde inte läsas"
            groups.append(TodoGroup(key, title, (), 0, "", problem=message))
    return TodoData(tuple(groups))

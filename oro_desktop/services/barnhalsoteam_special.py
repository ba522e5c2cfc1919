"""The guideline's special situations for one child (2.8, 2.9), read and recorded.

Why here: the team's meeting editor, the barnhälsoteam consent and the transfer each ask
"what must the user be told about this child?". The facts live in two places, each the
one place for them: skyddade personuppgifter on the person (`persons.protected_identity`,
which already masks numbers and hides addresses everywhere), and LVU, family home under
SoL, secret whereabouts (hemlig vistelseort) and undocumented in `bht_child_situation`
(migration 0010). The sentences shown are the guideline's own, chosen by
`core/barnhalsoteam/special.py`; nothing is re-worded here.

A child with protected identity *or* a secret address never has an address printed:
`hide_address_in` marks the consent data the PDF renderer reads (the same `protected`
mark the renderer already honours), at render time, so a mark set after the consent was
filled in still hides it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from oro_desktop.core.barnhalsoteam import BhtGuideline
from oro_desktop.core.barnhalsoteam.special import Circumstances, Notice, marking, notices
from oro_desktop.core.forms import FormDefinition
from oro_desktop.errors import InvalidInput
from oro_desktop.store.repos import bht_situation as repo
from oro_desktop.store.repos import persons as persons_repo


@dataclass(frozen=True)
class ChildSituation:
    """What the screens need: who (name, masked number), the mark, the facts, the notices."""

    child_uid: str
    name: str
    number: str  # masked for protected identity
    protected_identity: bool
    secret_address: bool
    lvu_placement: bool
    family_home_sol: bool
    undocumented: bool
    marking: str  # "" or "Skyddade personuppgifter" / "Hemlig vistelseort"
    notices: tuple[Notice, ...]
    updated: str = ""  # "2026-03-02 by admin" when recorded

    @property
    def hide_address(self) -> bool:
        return self.protected_identity or self.secret_address

    @property
    def label(self) -> str:
        """The name with its mark beside it, as every list shows a child."""
        return f"{self.name} ({self.marking})" if self.marking else self.name


def _person(conn: Any, child_uid: str) -> Any:
    person = persons_repo.get_by_uid(conn, uuid.UUID(child_uid).hex)
    if person is None:
        raise InvalidInput("Barnet finns inte.")
    return person


def read(conn: Any, guideline: BhtGuideline, child_uid: str, *,
         moving: bool = False) -> ChildSituation:
    """The child's situation (not audited here: the caller audits its own read)."""
    person = _person(conn, child_uid)
    row = repo.get(conn, person.id)
    facts = Circumstances(lvu_placement=row.lvu_placement, family_home_sol=row.family_home_sol,
                          protected_identity=bool(person.protected),
                          secret_address=row.secret_address, undocumented=row.undocumented,
                          moving=moving)
    updated = f"{row.updated_at[:10]} av {row.updated_by}" if row.updated_at else ""
    return ChildSituation(child_uid, person.name, person.number_display(),
                          bool(person.protected), row.secret_address, row.lvu_placement,
                          row.family_home_sol, row.undocumented, marking(facts),
                          notices(guideline, facts), updated)


def write(conn: Any, actor: str, child_uid: str, *, protected_identity: bool,
          secret_address: bool, lvu_placement: bool, family_home_sol: bool,
          undocumented: bool) -> dict[str, bool]:
    """Record the facts; returns what changed (for the audit entry; empty: nothing)."""
    person = _person(conn, child_uid)
    old = repo.get(conn, person.id)
    new = repo.SituationRow(lvu_placement, family_home_sol, secret_address, undocumented)
    changed = {k: v for k, v in (("lvu_placement", lvu_placement),
                                 ("family_home_sol", family_home_sol),
                                 ("secret_address", secret_address),
                                 ("undocumented", undocumented))
               if getattr(old, k) != v}
    if changed:
        repo.put(conn, actor, person.id, new)
    # Skyddade personuppgifter is the person's own mark, for the whole app: this dialog may
    # set it, never clear it (an untick while editing LVU must not unmask the child
    # everywhere). Clearing goes through PersonService.set_protected.
    if protected_identity and not person.protected:
        persons_repo.update(conn, actor, person.id, name=person.name, address=person.address,
                            phone=person.phone, protected=True)
        changed["protected_identity"] = True
    return changed


def hide_address_in(conn: Any, definition: FormDefinition, data: Mapping[str, Any],
                    child_id: int | None) -> dict[str, Any]:
    """`data` with the child's identity marked protected when the child now has protected
    identity or a secret address, so the renderer prints no address (a copy; the stored
    form version is never changed)."""
    out = dict(data)
    if child_id is None:
        return out
    field = definition.field_for("child.identity")
    person = persons_repo.get(conn, child_id)
    if field is None or person is None:
        return out
    if not (person.protected or repo.secret_address(conn, child_id)):
        return out
    raw = out.get(field.id)
    base = dict(raw) if isinstance(raw, Mapping) else person.identity.to_dict()
    out[field.id] = {**base, "protected": True}
    return out


__all__ = ["ChildSituation", "hide_address_in", "read", "write"]

"""The guideline's special situations (2.8, 2.9), surfaced where they apply to a child.

Why a function of circumstances: the screens for a child, a meeting or a transfer each
ask "what must the user be told here?"; the answer is the guideline's own sentences
(with source and note), chosen by facts about the child, never re-worded in code.
"""

from __future__ import annotations

from dataclasses import dataclass

from oro_desktop.core.barnhalsoteam.guideline import BhtGuideline, Quote


@dataclass(frozen=True)
class Circumstances:
    """What is known of the child: placements, protection, papers, and a pending move."""

    lvu_placement: bool = False
    family_home_sol: bool = False
    protected_identity: bool = False
    secret_address: bool = False
    undocumented: bool = False
    moving: bool = False


@dataclass(frozen=True)
class Notice:
    id: str
    consent: str  # what the situation means for consent (guideline.CONSENT_EFFECTS)
    quote: Quote
    #: Never print nor show the child's address or whereabouts.
    hide_address: bool = False


def notices(guideline: BhtGuideline, child: Circumstances) -> tuple[Notice, ...]:
    """The notices that apply, in the guideline's order."""
    wanted: list[str] = []
    protected = child.protected_identity or child.secret_address
    if child.lvu_placement:
        wanted.append("lvu")
    if child.family_home_sol:
        wanted.append("family_home_sol")
    if protected:
        wanted.append("protected")
        if child.moving:
            wanted.append("protected_moving")
    if child.undocumented:
        wanted += ["undocumented", "secrecy_breaking"]
    return tuple(
        Notice(s.id, s.consent, s.quote, hide_address=s.id in ("protected", "protected_moving"))
        for s in guideline.special_situations if s.id in wanted
    )


def marking(child: Circumstances) -> str:
    """The mark shown beside a protected child's name everywhere ("" when none)."""
    if child.protected_identity:
        return "Skyddade personuppgifter"
    if child.secret_address:
        return "Hemlig vistelseort"
    return ""

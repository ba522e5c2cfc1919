"""The guideline's lists of what the municipality and the region can do, as pick lists.

Why from the guideline file: the lists differ by region and by alternative (with
consent, Alternativ 1; without, Alternativ 2), and a region's list changes when its
guideline is revised; the editor offers exactly the text of the guideline the case
follows. Free text is always allowed beside them: the lists are what the parties *can*
do, not a closed set.
"""

from __future__ import annotations

from dataclasses import dataclass

from oro_desktop.core.guidance.model import Guideline

MUNICIPALITY = "Kommunen"
REGION = "Regionen"


@dataclass(frozen=True)
class InterventionChoice:
    """One item of a list: the party ("Kommunen"/"Regionen"), the guideline's text, where."""

    party: str
    text: str
    source: str


def intervention_choices(guideline: Guideline, with_consent: bool) -> tuple[InterventionChoice, ...]:
    """The municipality's then the region's interventions of the alternative that applies.

    with_consent=True reads Alternativ 1, False Alternativ 2. A guideline without that
    alternative or without lists gives () (the editor then offers free text only).
    """
    number = 1 if with_consent else 2
    alternative = next((a for a in guideline.alternatives if a.number == number), None)
    if alternative is None or alternative.interventions is None:
        return ()
    lists = alternative.interventions
    return tuple(
        InterventionChoice(party, item.text, item.source)
        for party, items in ((MUNICIPALITY, lists.municipality), (REGION, lists.region))
        for item in items
    )

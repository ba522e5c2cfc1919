"""May a child's barnhälsoteam material leave for another team when the family moves?

Guideline 2.10: the transfer to the new municipality's team happens "efter samtycke från
vårdnadshavare", shown by the Ja on bilaga 1. So export is allowed only when the answer
is Ja and the consent is in force on the day of export (every guardian signed, within
its period, not revoked). Anything else is refused with the reason, in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oro_desktop.core.barnhalsoteam.consent import BhtConsent


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""


def may_export(consent: BhtConsent | None, on: date) -> Verdict:
    """Export allowed on `on`? (see the module docstring)."""
    if consent is None:
        return Verdict(False, "Barnet har inget samtycke för barnhälsoteamet: materialet får "
                              "inte föras över till ett annat barnhälsoteam.")
    if consent.transfer_on_move is False:
        return Verdict(False, "Vårdnadshavarna har svarat Nej på att information får "
                              "överföras till annat barnhälsoteam vid flytt.")
    if consent.transfer_on_move is None:
        return Verdict(False, "Samtycket svarar inte på om information får överföras till "
                              "annat barnhälsoteam vid flytt. Ett nytt samtycke behövs.")
    why = consent.why_not_in_force(on)
    if why:
        return Verdict(False, f"{why} Materialet får inte föras över.")
    return Verdict(True)

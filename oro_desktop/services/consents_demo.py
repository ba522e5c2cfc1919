"""Demo data for consents: fictitious children and guardians in every consent status.

Kept apart from the service so `services/consents.py` holds only what real use needs;
`services/demo.py` finds `demo_seed` here by module discovery.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from oro_desktop.core.dates import last_valid_day
from oro_desktop.core.forms import FormLibrary
from oro_desktop.services.consents import ConsentService

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

DEMO_ORDER = 20


def skatteverket_test_number(birth: str, serial: int) -> str:
    """A Luhn-valid 12-digit personnummer from Skatteverket's test series (serial 980-999)."""
    if not 980 <= serial <= 999:
        raise ValueError("test numbers use individual numbers 980-999")
    body = f"{birth[2:]}{serial:03d}"
    total = 0
    for i, ch in enumerate(body):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return f"{birth}{serial:03d}{(10 - total % 10) % 10}"


def demo_seed(session: "Session") -> None:
    """Fictitious children and guardians with consents in every status, relative to today."""
    from oro_desktop.paths import forms_dir

    service = ConsentService(session, FormLibrary(forms_dir()))
    today = service.today()
    me = session.user.name
    obtainer = {"inhamtat_namn": "Maja Exempelsson", "inhamtat_funktion": "BVC-sjuksköterska, "
                "Hälsocentralen Exemplet", "inhamtat_kontakt": "063-000 00 00"}

    def data(child: str, ident: dict[str, Any], guardians: list[str], start: date | None,
             signed: date | None, **extra: Any) -> dict[str, Any]:
        out: dict[str, Any] = {
            "verksamheter": ["forskola", "bvc", "ifo"], "barn_namn": child,
            "barn_personnummer": ident, "barn_adress": "Exempelvägen 3\n831 30 Östersund",
            "barn_telefon": "063-123 45 67", "overforing_vid_flytt": True,
            "underskrifter": [{"name": g, **({"date": signed.isoformat()} if signed else {})}
                              for g in guardians], **obtainer}
        if start is not None:
            out["giltighet"] = {"from": start.isoformat(), "to": last_valid_day(start).isoformat()}
        out.update(extra)
        return out

    def pnr(birth: str, serial: int, **more: Any) -> dict[str, Any]:
        return {"kind": "personnummer", "value": skatteverket_test_number(birth, serial), **more}

    def signed_consent(d: dict[str, Any], signed: date) -> int:
        cid = service.save(None, d).id
        service.mark_printed(cid, signed - timedelta(days=3))
        service.register_signature(cid, signed_on=signed, received_on=signed + timedelta(days=1),
                                   registered_by=me)
        return cid

    def ago(n: int) -> date:
        return today - timedelta(days=n)

    # Draft: incomplete, being filled in.
    service.save(None, {"barn_namn": "Alva Exempeldotter", "barn_personnummer": pnr("20220411", 982),
                        "verksamheter": ["forskola"], **obtainer})
    # Printed, waiting for the signed paper.
    cid = service.save(None, data("Vilgot Testsson", pnr("20210923", 984),
                                  ["Tolvan Tolvansson", "Elva Elvasdotter"], today, None)).id
    service.mark_printed(cid, ago(4))
    # Signed, valid from a future date.
    start = today + timedelta(days=14)
    cid = service.save(None, data("Ester Provsdotter", pnr("20230102", 986),
                                  ["Nils Provsson"], start, ago(2))).id
    service.mark_printed(cid, ago(5))
    service.register_signature(cid, signed_on=ago(2), received_on=ago(1), registered_by=me)
    # Active, and active for a child with protected identity (number masked, no address).
    signed_consent(data("Sigrid Testberg", pnr("20200614", 988), ["Karin Testberg"], ago(60),
                        ago(60)), ago(60))
    signed_consent(data("Juni Fiktiv", pnr("20210228", 990, protected=True),
                        ["Robin Fiktiv"], ago(30), ago(30), barn_adress=""), ago(30))
    # Expiring (about 20 days left), and an expired one for the same child, renewed.
    signed_consent(data("Hugo Exempelsson", pnr("20191130", 992), ["Tolvan Tolvansson"],
                        ago(345), ago(345)), ago(345))
    old = signed_consent(data("Maj Provare", pnr("20200305", 994), ["Anna Provare", "Olle Provare"],
                              ago(420), ago(420)), ago(420))
    service.renew(old)
    # Revoked by a written revocation, and declined before signing.
    cid = signed_consent(data("Lo Testare", pnr("20220808", 996), ["Kim Testare"], ago(90),
                              ago(90)), ago(90))
    service.revoke(cid, received_on=ago(7), registered_by=me)
    cid = service.save(None, data("Tage Exempelberg", pnr("20211212", 998), ["Eva Exempelberg"],
                                  today, None)).id
    service.mark_printed(cid, ago(10))
    service.decline(cid, on=ago(3), registered_by=me)
    # Joint custody: one of two guardians has signed, waiting for the other (0008).
    cid = service.save(None, data("Elsa Väntesson", pnr("20220101", 980),
                                  ["Anna Väntesson", "Bo Väntesson"], today, None)).id
    service.mark_printed(cid, ago(6))
    service.register_signature(cid, signed_on=ago(3), received_on=ago(2), registered_by=me,
                               guardians=2, signer="Anna Väntesson")
    # A child without a number (not yet registered), draft.
    service.save(None, data("Nyfödd Exempelbarn", {"kind": "saknas", "reason": "Ej folkbokförd ännu"},
                            ["Sara Exempel"], None, None))


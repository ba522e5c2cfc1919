"""Fixtures: a fresh store, the consent service and the barnhälsoteam service on a
settable fixed date, and helpers that make a fictitious child's consent."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from oro_desktop.core.barnhalsoteam import Attendee
from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir, resources_dir
from oro_desktop.services.barnhalsoteam import BhtService
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

ADMIN, PASSWORD = "admin", "korrekt-häst-batteri"
TODAY = date(2026, 3, 2)
EXAMPLE = json.loads((forms_dir() / "examples" / "barnhalsoteam-samtycke.v1.json")
                     .read_text("utf-8"))
FONTS = resources_dir() / "fonts"
ALL = [Attendee("forskolechef"), Attendee("socialtjanst"), Attendee("bhv_sjukskoterska")]


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def example(**changes) -> dict:
    data = copy.deepcopy(EXAMPLE)
    data.update(changes)
    return data


def open_session(path: Path) -> Session:
    s, _key = Session.create(path, ADMIN, PASSWORD, kdf=FAST_INSECURE)
    return s


@pytest.fixture
def clock() -> Clock:
    return Clock(TODAY)


@pytest.fixture
def session(tmp_path):
    s = open_session(tmp_path / "oro.db")
    yield s
    if s.is_open:
        s.close()


@pytest.fixture
def consents(session, clock) -> ConsentService:
    return ConsentService(session, FormLibrary(forms_dir()), today=clock)


@pytest.fixture
def bht(session, clock) -> BhtService:
    return BhtService(session, FormLibrary(forms_dir()), fonts_dir=FONTS, today=clock,
                      transfer_kdf=FAST_INSECURE)


def child_uid(consents: ConsentService, consent_id: int) -> str:
    view = consents.get(consent_id)
    assert view.child is not None
    return view.child.uid


def signed_consent(consents: ConsentService, *, guardians: int = 2, both: bool = True,
                   start: date = TODAY, **changes) -> int:
    """A barnhälsoteam consent for Tyra Tolvansson valid from `start`; both guardians'
    signatures registered unless `both` is False."""
    data = example(giltighet={"from": start.isoformat(),
                              "to": (start.replace(year=start.year + 1)
                                     - timedelta(days=1)).isoformat()}, **changes)
    cid = consents.save(None, data).id
    consents.mark_printed(cid, start)
    consents.register_signature(cid, signed_on=start, received_on=start, registered_by="admin",
                                guardians=guardians, signer="Tolvan Tolvansson")
    if guardians == 2 and both:
        consents.register_signature(cid, signed_on=start, received_on=start,
                                    registered_by="admin", signer="Elva Elvasdotter")
    return cid

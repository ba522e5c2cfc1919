"""The situation a clinician asks guidance for, read from plain data (a JSON file).

Why strict: the situation comes from outside (a file, later a form), so every key is
known, every value is bounded, and a bad one is refused with one Swedish line that
names the key. Nothing here knows the guideline; the engine checks the situation
against it (municipality, number of persons).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from oro_desktop.core.contacts.kinds import SOCIALJOUR, SOCIALTJANST, canonical_kind
from oro_desktop.core.guidance.errors import SituationError
from oro_desktop.core.guidance.model import HEALTHCARE, SOCIAL_SERVICES, Answer

REQUIRED = ("guideline", "municipality", "initiator", "consents")
OPTIONAL = ("at", "violence", "parent_takes_part", "child_born", "recipient", "note")
PARTY_KEYS = ("kind", "name", "public")
MAX_TEXT = 200
MAX_PERSONS = 6

_SECTOR_WORDS: dict[str, str] = {
    HEALTHCARE: HEALTHCARE, "hälso- och sjukvård": HEALTHCARE,
    "hälso- och sjukvården": HEALTHCARE, "hos": HEALTHCARE, "region": HEALTHCARE,
    "regionen": HEALTHCARE, "vården": HEALTHCARE,
    SOCIAL_SERVICES: SOCIAL_SERVICES, "kommun": SOCIAL_SERVICES, "kommunen": SOCIAL_SERVICES,
}


@dataclass(frozen=True)
class Actor:
    """A party in the situation: what kind of unit, its sector, its name, public or not."""

    kind: str
    sector: str
    name: str
    public: bool


@dataclass(frozen=True)
class PersonAnswer:
    """One person's own answer; nobody answers for anyone else."""

    person: str
    answer: Answer


@dataclass(frozen=True)
class Situation:
    guideline: str
    municipality: str
    initiator: Actor
    answers: tuple[PersonAnswer, ...]
    at: datetime
    violence: bool = False
    parent_takes_part: bool = False
    child_born: bool = False
    recipient: Actor | None = None

    def answer_of(self, person: str) -> Answer:
        return next(a.answer for a in self.answers if a.person == person)


def sector_of(kind: str) -> str | None:
    """healthcare / social_services for a sector word or a contact-directory kind."""
    word = " ".join(kind.lower().split())
    if word in _SECTOR_WORDS:
        return _SECTOR_WORDS[word]
    canonical = canonical_kind(word)
    if canonical is None:
        return None
    return SOCIAL_SERVICES if canonical in (SOCIALTJANST, SOCIALJOUR) else HEALTHCARE


def _text(value: object, key: str, *, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SituationError(f"Situationen: ”{key}” ska vara en icke-tom text.")
    if len(value) > limit:
        raise SituationError(f"Situationen: ”{key}” är för lång (högst {limit} tecken).")
    return " ".join(value.split())


def _bool(data: Mapping[str, object], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise SituationError(f"Situationen: ”{key}” ska vara true eller false.")
    return value


def _actor(value: object, key: str) -> Actor:
    if not isinstance(value, dict):
        raise SituationError(f"Situationen: ”{key}” ska vara ett objekt med kind, name och public.")
    unknown = sorted(str(k) for k in value if k not in PARTY_KEYS)
    if unknown:
        raise SituationError(f"Situationen: okänd nyckel ”{key}.{unknown[0]}”.")
    missing = [k for k in PARTY_KEYS if k not in value]
    if missing:
        raise SituationError(f"Situationen: ”{key}.{missing[0]}” saknas.")
    kind = _text(value["kind"], f"{key}.kind")
    sector = sector_of(kind)
    if sector is None:
        raise SituationError(
            f"Situationen: okänd verksamhet ”{kind}” i ”{key}.kind” (t.ex. barnmorskemottagning, "
            "BB, BVC, neonatal, socialtjänsten, healthcare eller social_services)."
        )
    public = value["public"]
    if not isinstance(public, bool):
        raise SituationError(f"Situationen: ”{key}.public” ska vara true (offentlig) eller false (privat).")
    return Actor(kind, sector, _text(value["name"], f"{key}.name"), public)


def _answers(value: object) -> tuple[PersonAnswer, ...]:
    if not isinstance(value, dict) or not value:
        raise SituationError("Situationen: ”consents” ska ange varje persons svar, t.ex. {\"gravida\": \"no\"}.")
    if len(value) > MAX_PERSONS:
        raise SituationError(f"Situationen: ”consents” får ha högst {MAX_PERSONS} personer.")
    answers = []
    allowed = ", ".join(a.value for a in Answer)
    for person, answer in value.items():
        name = _text(person, "consents (personens namn)", limit=100)
        try:
            parsed = Answer(answer)
        except ValueError:
            raise SituationError(
                f"Situationen: svaret för ”{name}” ska vara ett av {allowed}."
            ) from None
        answers.append(PersonAnswer(name, parsed))
    return tuple(answers)


def _at(value: object, now: datetime) -> datetime:
    if value is None:
        return now
    if not isinstance(value, str) or len(value) > 40:
        raise SituationError("Situationen: ”at” ska vara en tid ”ÅÅÅÅ-MM-DD TT:MM”.")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise SituationError(f"Situationen: ogiltig tid ”{value}” i ”at” (använd ”ÅÅÅÅ-MM-DD TT:MM”).") from None
    if moment.tzinfo is not None:
        raise SituationError("Situationen: ange ”at” i lokal tid utan tidszon.")
    if len(value.strip()) <= 10:
        raise SituationError("Situationen: ”at” behöver både datum och klockslag (”ÅÅÅÅ-MM-DD TT:MM”).")
    return moment


def parse_situation(raw: object, *, now: datetime) -> Situation:
    """A Situation from parsed JSON; SituationError (one Swedish line) when it is bad."""
    if not isinstance(raw, dict):
        raise SituationError("Situationen ska vara ett JSON-objekt.")
    unknown = sorted(str(k) for k in raw if k not in REQUIRED + OPTIONAL)
    if unknown:
        raise SituationError(f"Situationen: okänd nyckel ”{unknown[0]}”.")
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise SituationError(f"Situationen: nyckeln ”{missing[0]}” saknas.")
    if "note" in raw:
        _text(raw["note"], "note", limit=1000)
    recipient = raw.get("recipient")
    return Situation(
        guideline=_text(raw["guideline"], "guideline"),
        municipality=_text(raw["municipality"], "municipality"),
        initiator=_actor(raw["initiator"], "initiator"),
        answers=_answers(raw["consents"]),
        at=_at(raw.get("at"), now),
        violence=_bool(raw, "violence"),
        parent_takes_part=_bool(raw, "parent_takes_part"),
        child_born=_bool(raw, "child_born"),
        recipient=_actor(recipient, "recipient") if recipient is not None else None,
    )

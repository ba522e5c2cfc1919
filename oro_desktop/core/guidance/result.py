"""What the engine returns for a situation: plain frozen data for the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oro_desktop.core.guidance.model import (
    Answer, Guideline, Interventions, LegalReference, Sourced, Step,
)
from oro_desktop.core.guidance.routes import RouteResult
from oro_desktop.core.guidance.situation import Situation
from oro_desktop.core.guidance.warnings import GuidanceWarning


@dataclass(frozen=True)
class PersonResult:
    """One person's own answer and the alternative it leads to (None: not asked yet)."""

    person: str
    answer: Answer
    alternative: int | None


@dataclass(frozen=True)
class StepResult:
    """A step to take; `alternative` None for "ask for consent first"."""

    alternative: int | None
    step: Step
    applies_to: tuple[str, ...]
    skipped: bool = False
    skipped_reason: str = ""


@dataclass(frozen=True)
class LegalResult:
    ref: LegalReference
    source: str
    note: str
    applies: bool
    why: str


@dataclass(frozen=True)
class Validity:
    id: str
    version: int
    valid_through: date | None
    expired: bool
    expires_soon: bool
    days_left: int | None
    text: str


@dataclass(frozen=True)
class Guidance:
    guideline: Guideline
    situation: Situation
    municipality: str
    alternative: int | None
    persons: tuple[PersonResult, ...]
    steps: tuple[StepResult, ...]
    contacts: tuple[RouteResult, ...]
    legal_bases: tuple[LegalResult, ...]
    warnings: tuple[GuidanceWarning, ...]
    validity: Validity
    principles: tuple[tuple[int, Sourced], ...] = ()
    interventions: tuple[tuple[int, Interventions], ...] = ()
    motivate_consent: tuple[Sourced, ...] = ()

    def codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)

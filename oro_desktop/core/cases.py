"""Cases: the persons a concern is about, in their roles, under one guideline.

Model only: the cases feature (guidance, plans, meetings) is built on this later. What it
pins down now are the rules of /work/shared/domain.md that any case must keep, checked
when a `Case` is built so an impossible case cannot exist:

- A case is about exactly one subject: a child, or an expected child (oro för väntat
  barn). After the birth the expected child is replaced by the child (`Case.born`).
- An expected child has no identity number (IdentityKind.SAKNAS) and has a due date; no
  other participant has a due date.
- At most one pregnant person (den gravida), and only in a case about an expected
  child: she is the one asked for consent there.
- Guardians (vårdnadshavare) belong to a born child: none for an expected child, at most
  two for a child (föräldrabalken: one or two guardians). At most one partner/co-parent.
  Other relatives: any number.
- One person holds one role in a case (found by uid, else by row id, else by number).
- An open case has no closing date; a closed case has one, not before it was opened.
- Guideline, municipality and the responsible user or unit are named; concern
  categories come from the guidelines' list (`Concern`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum

from oro_desktop.core.identity import IdentityKind
from oro_desktop.core.persons import Person
from oro_desktop.errors import InvalidInput


class Role(str, Enum):
    """A person's role in a case."""

    PREGNANT = "pregnant"
    PARTNER = "partner"
    RELATIVE = "relative"
    GUARDIAN = "guardian"
    CHILD = "child"
    EXPECTED_CHILD = "expected_child"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.PREGNANT: "Den gravida",
    Role.PARTNER: "Partner/medförälder",
    Role.RELATIVE: "Annan anhörig",
    Role.GUARDIAN: "Vårdnadshavare",
    Role.CHILD: "Barnet",
    Role.EXPECTED_CHILD: "Det väntade barnet",
}

#: Roles a case is about; a case has exactly one participant in one of them.
SUBJECT_ROLES = frozenset({Role.CHILD, Role.EXPECTED_CHILD})

#: Most participants a role may have in one case (None: no limit).
ROLE_LIMITS: dict[Role, int | None] = {
    Role.PREGNANT: 1, Role.PARTNER: 1, Role.RELATIVE: None, Role.GUARDIAN: 2,
    Role.CHILD: 1, Role.EXPECTED_CHILD: 1,
}


class Concern(str, Enum):
    """Concern categories the guidelines ask to record (domain.md)."""

    SUBSTANCE_USE = "substance_use"
    MENTAL_HEALTH = "mental_health"
    SOMATIC_ILLNESS = "somatic_illness"
    DISABILITY = "disability"
    SOCIAL_PROBLEMS = "social_problems"
    VIOLENCE = "violence"
    OTHER_LIVING_CONDITIONS = "other_living_conditions"
    CHILD_HEALTH_NEEDS = "child_health_needs"  # newborn only
    PARENTING_CAPACITY = "parenting_capacity"  # newborn only

    @property
    def label(self) -> str:
        return _CONCERN_LABELS[self]


_CONCERN_LABELS = {
    Concern.SUBSTANCE_USE: "Missbruk eller skadligt bruk av läkemedel/alkohol",
    Concern.MENTAL_HEALTH: "Psykisk ohälsa",
    Concern.SOMATIC_ILLNESS: "Somatisk sjukdom",
    Concern.DISABILITY: "Kognitiv eller annan funktionsnedsättning",
    Concern.SOCIAL_PROBLEMS: "Sociala problem",
    Concern.VIOLENCE: "Våld i nära relationer eller hedersrelaterat våld",
    Concern.OTHER_LIVING_CONDITIONS: "Andra levnadsförhållanden",
    Concern.CHILD_HEALTH_NEEDS: "Barnets egna behov av hälsa och utveckling",
    Concern.PARENTING_CAPACITY: "Allvarliga brister i föräldraförmågan",
}


class CaseStatus(str, Enum):
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return "Öppet" if self is CaseStatus.OPEN else "Avslutat"


@dataclass(frozen=True)
class Participant:
    """A person in a role; `due_date` only (and always) for the expected child."""

    role: Role
    person: Person
    due_date: date | None = None

    def __post_init__(self) -> None:
        if self.role is Role.EXPECTED_CHILD:
            if self.person.identity.kind is not IdentityKind.SAKNAS:
                raise InvalidInput("Ett väntat barn har inget identitetsnummer.")
            if self.due_date is None:
                raise InvalidInput("Ange beräknat förlossningsdatum för det väntade barnet.")
        elif self.due_date is not None:
            raise InvalidInput("Bara det väntade barnet har ett beräknat förlossningsdatum.")


def _same_person(a: Person, b: Person) -> bool:
    if a.uid and b.uid:
        return a.uid == b.uid
    if a.id and b.id:
        return a.id == b.id
    return bool(a.identity.value) and a.identity == b.identity


@dataclass(frozen=True)
class Case:
    """One concern for one (expected) child under one guideline; see the module rules."""

    guideline_id: str
    municipality: str
    participants: tuple[Participant, ...]
    opened_on: date
    responsible_user: str = ""
    responsible_unit: str = ""
    concerns: frozenset[Concern] = field(default_factory=frozenset)
    status: CaseStatus = CaseStatus.OPEN
    closed_on: date | None = None
    uid: str = ""
    id: int = 0

    def __post_init__(self) -> None:
        if not self.guideline_id.strip():
            raise InvalidInput("Ange vilken riktlinje ärendet följer.")
        if not self.municipality.strip():
            raise InvalidInput("Ange kommun för ärendet.")
        if not (self.responsible_user.strip() or self.responsible_unit.strip()):
            raise InvalidInput("Ange ansvarig användare eller enhet för ärendet.")
        _check_roles(self.participants)
        if self.status is CaseStatus.OPEN and self.closed_on is not None:
            raise InvalidInput("Ett öppet ärende har inget avslutsdatum.")
        if self.status is CaseStatus.CLOSED:
            if self.closed_on is None:
                raise InvalidInput("Ange när ärendet avslutades.")
            if self.closed_on < self.opened_on:
                raise InvalidInput("Ärendet kan inte avslutas före det öppnades.")

    @property
    def subject(self) -> Participant:
        """The child or expected child the case is about."""
        return next(p for p in self.participants if p.role in SUBJECT_ROLES)

    @property
    def is_expected_child(self) -> bool:
        return self.subject.role is Role.EXPECTED_CHILD

    def in_role(self, role: Role) -> list[Participant]:
        return [p for p in self.participants if p.role is role]

    def with_participant(self, participant: Participant) -> Case:
        """The case with one more participant (checked by the same rules)."""
        return replace(self, participants=(*self.participants, participant))

    def without(self, person: Person) -> Case:
        """The case without this person (the subject cannot be removed)."""
        kept = tuple(p for p in self.participants if not _same_person(p.person, person))
        return replace(self, participants=kept)

    def born(self, child: Person) -> Case:
        """After the birth: the expected child becomes the child (with or without a
        number) and the pregnant person becomes a guardian of it; the partner stays a
        partner until custody is recorded (it depends on marriage or acknowledgement)."""
        if not self.is_expected_child:
            raise InvalidInput("Ärendet gäller inget väntat barn.")
        rest = tuple(Participant(Role.GUARDIAN, p.person) if p.role is Role.PREGNANT else p
                     for p in self.participants if p.role is not Role.EXPECTED_CHILD)
        return replace(self, participants=(Participant(Role.CHILD, child), *rest))

    def close(self, on: date) -> Case:
        if self.status is CaseStatus.CLOSED:
            raise InvalidInput("Ärendet är redan avslutat.")
        return replace(self, status=CaseStatus.CLOSED, closed_on=on)

    def reopen(self) -> Case:
        return replace(self, status=CaseStatus.OPEN, closed_on=None)


def _check_roles(participants: tuple[Participant, ...]) -> None:
    subjects = [p for p in participants if p.role in SUBJECT_ROLES]
    if len(subjects) != 1:
        raise InvalidInput("Ett ärende gäller precis ett barn eller ett väntat barn.")
    expected = subjects[0].role is Role.EXPECTED_CHILD
    for role, limit in ROLE_LIMITS.items():
        count = sum(1 for p in participants if p.role is role)
        if limit is not None and count > limit:
            raise InvalidInput(f"Ett ärende kan ha högst {limit} i rollen {role.label.lower()}.")
    if not expected and any(p.role is Role.PREGNANT for p in participants):
        raise InvalidInput("Rollen den gravida finns bara i ett ärende om ett väntat barn.")
    if expected and any(p.role is Role.GUARDIAN for p in participants):
        raise InvalidInput("Ett väntat barn har inga vårdnadshavare ännu; ange den gravida "
                           "och partner/medförälder.")
    for i, a in enumerate(participants):
        for b in participants[i + 1:]:
            if _same_person(a.person, b.person):
                raise InvalidInput(f"{a.person.name} finns redan i ärendet "
                                   f"({a.role.label.lower()}).")


#: The guidelines' concern category ids (resources/guidelines/*.yaml) and the `Concern`
#: each one is; a case stores the guideline's ids (a new region may add its own), and
#: the ones known here become `Case.concerns`.
GUIDELINE_CONCERNS: dict[str, Concern] = {
    "substance": Concern.SUBSTANCE_USE, "mental": Concern.MENTAL_HEALTH,
    "somatic": Concern.SOMATIC_ILLNESS, "disability": Concern.DISABILITY,
    "social": Concern.SOCIAL_PROBLEMS, "violence": Concern.VIOLENCE,
    "living": Concern.OTHER_LIVING_CONDITIONS, "child_needs": Concern.CHILD_HEALTH_NEEDS,
    "parenting": Concern.PARENTING_CAPACITY,
}

#: Who answers the working model's consent question, by the guideline's situation:
#: the pregnant person (expected child), or each guardian for himself/herself (newborn).
CONSENT_ROLES: dict[str, frozenset[Role]] = {
    "expected_child": frozenset({Role.PREGNANT}),
    "newborn": frozenset({Role.GUARDIAN}),
}


def consent_roles(situation: str, *, born: bool) -> frozenset[Role]:
    """The roles whose persons answer the consent question in a case under a guideline of
    `situation`. Once an expected child is born the pregnant person has become a guardian
    and the guardians answer, each for himself/herself. The one rule for the case
    services, the disclosure record and the import check."""
    if situation == "expected_child" and born:
        return frozenset({Role.GUARDIAN})
    return CONSENT_ROLES.get(situation, frozenset({Role.GUARDIAN}))


def concerns_of(category_ids: tuple[str, ...] | list[str]) -> frozenset[Concern]:
    """The `Concern`s among a guideline's category ids (unknown ids are left out)."""
    return frozenset(GUIDELINE_CONCERNS[c] for c in category_ids if c in GUIDELINE_CONCERNS)

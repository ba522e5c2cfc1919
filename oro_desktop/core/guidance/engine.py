"""The guidance engine: a situation and a guideline in, steps, contacts, law and warnings out.

Pure: the guideline, the legal references and the contact entries are passed in, so the
same function serves the CLI (shipped files), the GUI and tests (a fictitious region).
The rules it holds, each with its own test:

- every person answers for himself/herself: one parent's yes never stands for the other;
- without consent, information goes only where needed for a necessary protective
  intervention, under OSL 25 kap. 12 § (from healthcare) or 26 kap. 9 § (from social
  services), only what is needed, and only between public bodies; a private party is
  warned that those provisions do not cover it (Patientsäkerhetslagen 6 kap. 12 §);
- the person is told before and after, except for a report about violence or
  honour-related violence that the parent is not part of (where the guideline says so);
- LVM cannot be used only to protect the expected child;
- once the child is born, a concern means anmälningsplikt (SoL (2025:400) 19 kap. 1 §).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from oro_desktop.core.contacts.model import ContactEntry
from oro_desktop.core.dates import day_count
from oro_desktop.core.guidance.disclosure import DisclosureParty, check_disclosure
from oro_desktop.core.guidance.errors import SituationError
from oro_desktop.core.guidance.model import (
    EXPECTED_CHILD, NEWBORN, PREGNANT_PERSON, SOCIAL_SERVICES, Answer, Guideline, LegalReference,
    Step,
)
from oro_desktop.core.guidance.result import (
    Guidance, LegalResult, PersonResult, StepResult, Validity,
)
from oro_desktop.core.guidance.routes import RouteResult, known_municipality, region_entries, resolve
from oro_desktop.core.guidance.situation import Situation, sector_of
from oro_desktop.core.guidance.warnings import WARNINGS, GuidanceWarning, warning

EXPIRY_WARNING_DAYS = 60
PSL = "psl-6-12"
LVM = "lvm"
ANMALNINGSPLIKT = "sol-19-1"
_ALTERNATIVE = {Answer.YES: 1, Answer.NO: 2, Answer.NOT_ASKED: None}
_ANSWER_WORDS = {Answer.YES: "ja (Alternativ 1)", Answer.NO: "nej (Alternativ 2)",
                 Answer.NOT_ASKED: "inte tillfrågad ännu"}


def validity(guideline: Guideline, today: date) -> Validity:
    """Valid, expiring within 60 days, or expired on and after its valid-through date."""
    end = guideline.valid_through
    if end is None:
        return Validity(guideline.id, guideline.version, None, False, False, None,
                        "Riktlinjen anger ingen giltighetstid.")
    days = (end - today).days
    if today >= end:
        text = warning("guideline_expired", date=end.isoformat()).text
        return Validity(guideline.id, guideline.version, end, True, False, days, text)
    soon = days <= EXPIRY_WARNING_DAYS
    text = (warning("guideline_expires_soon", date=end.isoformat(), days=day_count(days)).text if soon
            else f"Riktlinjen gäller t.o.m. {end.isoformat()}.")
    return Validity(guideline.id, guideline.version, end, False, soon, days, text)


def _check_persons(guideline: Guideline, situation: Situation) -> None:
    if guideline.consent_subject == PREGNANT_PERSON and len(situation.answers) != 1:
        raise SituationError(
            f"Riktlinjen frågar {guideline.person_label} om samtycke: ange exakt en person i "
            "”consents”."
        )


def _applies(step: Step, sector: str) -> bool:
    return not step.initiator or sector in step.initiator


def _steps(guideline: Guideline, situation: Situation,
           persons: Sequence[PersonResult]) -> list[StepResult]:
    """Ask first where nobody has answered; then each alternative for its own persons."""
    sector = situation.initiator.sector
    results: list[StepResult] = []
    pending = tuple(p.person for p in persons if p.alternative is None)
    if pending:
        ask = Step("ask-consent", 0, guideline.initiators_text.text, guideline.initiators_text.source,
                   note=guideline.consent_text.text, role="ask_consent")
        results.append(StepResult(None, ask, pending))
        if guideline.situation == NEWBORN or situation.child_born:
            everyone = tuple(p.person for p in persons)
            for step in guideline.alternative(1).steps:
                if step.role == "anmalningsplikt" and _applies(step, sector):
                    results.append(StepResult(1, step, everyone))
    for number in (1, 2):
        people = tuple(p.person for p in persons if p.alternative == number)
        if not people:
            continue
        for step in guideline.alternative(number).steps:
            if not _applies(step, sector):
                continue
            same = next((i for i, r in enumerate(results) if r.step.text == step.text), None)
            if same is not None:  # the same sentence in both alternatives: one step
                merged = results[same].applies_to + tuple(
                    p for p in people if p not in results[same].applies_to)
                results[same] = StepResult(results[same].alternative, results[same].step, merged)
            else:
                results.append(StepResult(number, step, people))
    return results


def _inform(guideline: Guideline, situation: Situation, steps: list[StepResult],
            found: list[GuidanceWarning]) -> list[StepResult]:
    """Told before and after, unless a violence report the parent is not part of."""
    out = []
    for result in steps:
        if result.step.role != "inform":
            out.append(result)
            continue
        who = " och ".join(result.applies_to)
        exemption = guideline.rule("violence_exemption")
        if situation.violence and not situation.parent_takes_part:
            if exemption is not None:
                found.append(warning("violence_exemption", exemption.source))
                result = StepResult(result.alternative, result.step, result.applies_to,
                                    True, exemption.text)
            else:
                found.append(warning("violence_no_exemption", result.step.source, person=who))
        else:
            found.append(warning("inform_before_after", result.step.source, person=who))
        out.append(result)
    return out


def _legal(guideline: Guideline, situation: Situation, steps: Sequence[StepResult],
           refs: Mapping[str, LegalReference], used: Sequence[int]) -> tuple[LegalResult, ...]:
    wanted: list[tuple[str, str, str]] = []
    for number in used:
        wanted.extend((b.ref, b.source, b.note) for b in guideline.alternative(number).legal_bases)
    for result in steps:
        wanted.extend((ref, result.step.source, "") for ref in result.step.legal)
    born_rule = guideline.rule("after_birth_collaboration")
    if situation.child_born and born_rule is not None:
        wanted.extend((ref, born_rule.source, "") for ref in born_rule.legal)
    if situation.child_born or guideline.situation == NEWBORN:
        rule = guideline.rule("anmalningsplikt_after_birth")
        wanted.append((ANMALNINGSPLIKT, rule.source if rule else refs[ANMALNINGSPLIKT].source, ""))
    initiator, recipient = situation.initiator, situation.recipient
    private_involved = not initiator.public or (recipient is not None and not recipient.public)
    out: dict[str, LegalResult] = {}
    for ref_id, source, note in wanted:
        if ref_id in out:
            continue
        ref = refs[ref_id]
        applies, why = True, ""
        if ref.public_only and ref.from_sector:
            if not initiator.public:
                applies, why = False, "gäller inte privata verksamheter"
            elif ref.from_sector != initiator.sector:
                applies, why = False, "den andra partens grund (uppgifter som lämnas till er)"
            else:
                applies, why = True, "er grund för att lämna uppgifter utan samtycke"
        elif ref_id == PSL:
            applies = private_involved
            why = "en privat part deltar" if applies else "gäller privata vårdgivare"
        out[ref_id] = LegalResult(ref, source, note, applies, why)
    return tuple(sorted(out.values(), key=lambda r: not r.applies))


def _contacts(guideline: Guideline, situation: Situation, municipality: str,
              steps: Sequence[StepResult], entries: Sequence[ContactEntry],
              found: list[GuidanceWarning]) -> tuple[RouteResult, ...]:
    order: list[str] = []
    routes: dict[str, tuple[str, list[str]]] = {}
    own_sector = situation.initiator.sector == SOCIAL_SERVICES
    for result in steps:
        if result.skipped:
            continue
        for route in result.step.contacts:
            if own_sector and sector_of(route.kind) == SOCIAL_SERVICES:
                continue  # the municipality's social services do not call themselves
            if route.kind not in routes:
                order.append(route.kind)
                routes[route.kind] = (route.label, [])
            routes[route.kind][1].append(result.step.id)
    mine = region_entries(entries, guideline.region)
    out: list[RouteResult] = []
    closed_without_route: list[str] = []
    for kind in order:
        label, ids = routes[kind]
        first = next(r.step for r in steps if r.step.id == ids[0])
        resolved = resolve(mine, municipality, next(c for c in first.contacts if c.kind == kind),
                           tuple(ids), situation.at)
        resolved = RouteResult(resolved.kind, label, resolved.step_ids, resolved.closed,
                               resolved.items, resolved.explanation)
        out.append(resolved)
        if not resolved.items:
            found.append(warning("route_missing", first.source, label=label, municipality=municipality))
        elif not resolved.reachable:
            found.append(warning("route_fill_locally", first.source, label=label,
                                 municipality=municipality))
        if resolved.items and resolved.closed and not resolved.has_after_hours:
            closed_without_route.append(label)
    if closed_without_route:
        when = f"{situation.at:%Y-%m-%d %H:%M}"
        found.append(warning("no_after_hours_route", guideline.region,
                             label=", ".join(closed_without_route), when=when))
    return tuple(out)


def _party_warnings(guideline: Guideline, situation: Situation,
                    refs: Mapping[str, LegalReference]) -> list[GuidanceWarning]:
    """A private initiator is not covered by the secrecy-breaking provisions."""
    initiator = situation.initiator
    if initiator.public:
        return []
    rule = guideline.rule("private_providers")
    extra = f" Riktlinjen: ”{rule.text}”" if rule else ""
    if rule is not None and rule.note:
        extra += f" ({rule.note})"
    return [warning("private_party", rule.source if rule else refs[PSL].source,
                    name=initiator.name, rule=extra)]


def _consent_warnings(guideline: Guideline, persons: Sequence[PersonResult]) -> list[GuidanceWarning]:
    """Who is still to be asked, and that each parent answers for himself/herself."""
    found = [warning("consent_not_asked", guideline.consent_text.source, person=p.person)
             for p in persons if p.alternative is None]
    if guideline.situation == NEWBORN and len(persons) > 1 and len({p.answer for p in persons}) > 1:
        rule = guideline.rule("each_parent_answers")
        summary = "; ".join(f"{p.person}: {_ANSWER_WORDS[p.answer]}" for p in persons)
        found.append(warning(
            "each_parent_answers", rule.source if rule else guideline.consent_text.source,
            rule=rule.text if rule else "", summary=summary,
        ))
    return found


def _disclosure_warnings(guideline: Guideline, situation: Situation,
                         refs: Mapping[str, LegalReference]) -> list[GuidanceWarning]:
    """Without consent: only what is needed, on the initiator's own OSL basis."""
    initiator, recipient = situation.initiator, situation.recipient
    alternative = guideline.alternative(2)
    basis = next((refs[b.ref] for b in alternative.legal_bases
                  if refs[b.ref].from_sector == initiator.sector), None)
    # Once born (situation.child_born), an expected-child guideline's case is about the
    # child itself: the protection is for the born child, not an expected one.
    expected = guideline.situation == EXPECTED_CHILD and not situation.child_born
    child = "det väntade barnet" if expected else "det nyfödda barnet"
    found = []
    if initiator.public:
        found.append(warning("disclosure_limits", alternative.source, child=child,
                             basis=basis.display if basis else "de sekretessbrytande bestämmelserna i OSL"))
    if recipient is not None and basis is not None:
        check = check_disclosure(
            DisclosureParty(initiator.name, initiator.public, initiator.sector),
            DisclosureParty(recipient.name, recipient.public, recipient.sector), basis)
        found.extend(check.warnings)
    return found


def guide(
    guideline: Guideline, situation: Situation, refs: Mapping[str, LegalReference],
    entries: Sequence[ContactEntry] = (), municipalities: Sequence[str] = (),
) -> Guidance:
    """The guidance for `situation` under `guideline` (SituationError when they do not fit)."""
    if situation.guideline != guideline.id:
        raise SituationError(f"Situationen gäller riktlinjen ”{situation.guideline}”, inte ”{guideline.id}”.")
    towns = guideline.municipalities or tuple(municipalities)
    municipality = known_municipality(towns, situation.municipality)
    if municipality is None:
        raise SituationError(
            f"Kommunen ”{situation.municipality}” hör inte till riktlinjen {guideline.id} "
            f"(kända: {', '.join(towns) or 'inga'})."
        )
    _check_persons(guideline, situation)
    persons = tuple(PersonResult(a.person, a.answer, _ALTERNATIVE[a.answer]) for a in situation.answers)
    used = tuple(n for n in (1, 2) if any(p.alternative == n for p in persons))
    pending = [p.person for p in persons if p.alternative is None]
    overall = 2 if 2 in used else (1 if used and not pending else None)
    found: list[GuidanceWarning] = []
    valid = validity(guideline, situation.at.date())
    if valid.expired or valid.expires_soon:
        code = "guideline_expired" if valid.expired else "guideline_expires_soon"
        found.append(GuidanceWarning(code, WARNINGS[code][0], valid.text, guideline.validity_source))
    if guideline.status == "draft":
        found.append(warning("guideline_draft", guideline.origin,
                             note=guideline.status_note or "Riktlinjen är ett utkast."))
    found += _party_warnings(guideline, situation, refs)
    found += _consent_warnings(guideline, persons)
    if 2 in used:
        found += _disclosure_warnings(guideline, situation, refs)
    steps = _inform(guideline, situation, _steps(guideline, situation, persons), found)
    if 2 in used and guideline.situation == EXPECTED_CHILD and not situation.child_born:
        # LVM's limit is about protecting an *expected* child; after the birth the child is
        # protected by anmälningsplikt and SoL/LVU, so the warning would mislead.
        rule = guideline.rule("lvm_limit")
        found.append(warning("lvm_not_for_expected_child", rule.source if rule else refs[LVM].source))
    rule = guideline.rule("anmalningsplikt_after_birth")
    where = rule.source if rule else refs[ANMALNINGSPLIKT].source
    if guideline.situation == NEWBORN or situation.child_born:
        found.append(warning("anmalningsplikt", where, citation=refs[ANMALNINGSPLIKT].display))
    else:
        found.append(warning("anmalningsplikt_after_birth", where, citation=refs[ANMALNINGSPLIKT].display))
    consult = guideline.rule("deidentified_consultation")
    if consult is not None and pending:
        found.append(warning("deidentified_consultation", consult.source, rule=consult.text))
    contacts = _contacts(guideline, situation, municipality, steps, entries, found)
    return Guidance(
        guideline=guideline, situation=situation, municipality=municipality, alternative=overall,
        persons=persons, steps=tuple(steps), contacts=contacts,
        legal_bases=_legal(guideline, situation, steps, refs, used), warnings=tuple(found),
        validity=valid,
        principles=tuple((n, p) for n in used for p in guideline.alternative(n).principles),
        interventions=tuple((n, iv) for n in used
                            if (iv := guideline.alternative(n).interventions) is not None),
        motivate_consent=guideline.alternative(2).motivate_consent if (2 in used or pending) else (),
    )

"""Guidance as plain JSON-ready data (the CLI's --json, later exports and the GUI's tests).

Every legal citation is given as `citation` (current) with `former` beside it in the
same object, and `text` joins them, so nothing cites the former SoL alone.
"""

from __future__ import annotations

from typing import Any

from oro_desktop.core.contacts.now import NowItem, is_after_hours_route
from oro_desktop.core.guidance.model import Guideline, LegalReference, Sourced
from oro_desktop.core.guidance.result import Guidance, LegalResult, StepResult
from oro_desktop.core.guidance.routes import RouteResult


def legal_data(ref: LegalReference) -> dict[str, Any]:
    return {
        "id": ref.id, "citation": ref.citation,
        "former": ref.former.citation if ref.former else None, "text": ref.display,
        "law": ref.law, "short": ref.short, "summary": ref.summary,
    }


def guideline_summary(guideline: Guideline) -> dict[str, Any]:
    """The guideline's identity and adoption, for `--list` and the output header."""
    return {
        "id": guideline.id, "version": guideline.version, "title": guideline.title,
        "region": guideline.region, "situation": guideline.situation,
        "status": guideline.status,
        "adopted": {"by": guideline.adopted.by,
                    "date": guideline.adopted.date.isoformat() if guideline.adopted.date else None,
                    "date_text": guideline.adopted.date_text, "source": guideline.adopted.source},
        "valid_through": guideline.valid_through.isoformat() if guideline.valid_through else None,
        "follow_up": _sourced(guideline.follow_up) if guideline.follow_up else None,
        "parties": [{"id": p.id, "sector": p.sector, "name": p.name} for p in guideline.parties],
        "initiators": list(guideline.initiators),
        "consent": {"asked": guideline.consent_subject, "person_label": guideline.person_label},
        "special_rules": [{"id": r.id, "text": r.text, "source": r.source} for r in guideline.special_rules],
        "concern_categories": [{"id": c.id, "text": c.text} for c in guideline.concern_categories],
    }


def _sourced(item: Sourced) -> dict[str, Any]:
    data: dict[str, Any] = {"text": item.text, "source": item.source}
    if item.note:
        data["note"] = item.note
    return data


def _step(result: StepResult, refs: dict[str, LegalReference]) -> dict[str, Any]:
    step = result.step
    return {
        "alternative": result.alternative, "number": step.number, "id": step.id,
        "text": step.text, "note": step.note, "role": step.role, "source": step.source,
        "applies_to": list(result.applies_to), "skipped": result.skipped,
        "skipped_reason": result.skipped_reason,
        "legal": [refs[r].display for r in step.legal if r in refs],
        "contacts": [c.label for c in step.contacts],
    }


def _entry(item: NowItem) -> dict[str, Any]:
    entry = item.entry
    return {
        "id": entry.id, "title": entry.title, "kind": entry.kind,
        "phones": [{"number": p.number, "label": p.label} for p in entry.phones],
        "emails": list(entry.emails), "status": item.status.state.value,
        "status_text": item.status.text, "recommended": item.recommended,
        "after_hours": is_after_hours_route(entry), "fill_locally": entry.fill_locally,
        "notes": entry.notes,
    }


def _route(route: RouteResult) -> dict[str, Any]:
    return {
        "kind": route.kind, "label": route.label, "steps": list(route.step_ids),
        "closed": route.closed, "explanation": route.explanation,
        "entries": [_entry(i) for i in route.items],
    }


def _basis(result: LegalResult) -> dict[str, Any]:
    data = legal_data(result.ref)
    data.update(source=result.source, note=result.note, applies=result.applies, why=result.why)
    return data


def to_data(guidance: Guidance) -> dict[str, Any]:
    """The whole guidance as JSON-ready data (keys documented in docs/guidance.md)."""
    g, s, v = guidance.guideline, guidance.situation, guidance.validity
    refs: dict[str, LegalReference] = {b.ref.id: b.ref for b in guidance.legal_bases}
    header = guideline_summary(g)
    header.update(expired=v.expired, expires_within_60_days=v.expires_soon,
                  days_left=v.days_left, validity_text=v.text)
    return {
        "guideline": header,
        "situation": {
            "municipality": guidance.municipality,
            "initiator": {"kind": s.initiator.kind, "sector": s.initiator.sector,
                          "name": s.initiator.name, "public": s.initiator.public},
            "at": s.at.isoformat(sep=" ", timespec="minutes"), "violence": s.violence,
            "parent_takes_part": s.parent_takes_part, "child_born": s.child_born,
        },
        "alternative": guidance.alternative,
        "per_person": [{"person": p.person, "consent": p.answer.value, "alternative": p.alternative}
                       for p in guidance.persons],
        "steps": [_step(r, refs) for r in guidance.steps],
        "contacts": [_route(r) for r in guidance.contacts],
        "legal_bases": [_basis(b) for b in guidance.legal_bases],
        "warnings": [{"code": w.code, "level": w.level, "text": w.text, "source": w.source}
                     for w in guidance.warnings],
        "principles": [dict(_sourced(p), alternative=n) for n, p in guidance.principles],
        "interventions": [
            {"alternative": n, "source": iv.source,
             "municipality": [i.text for i in iv.municipality],
             "region": [i.text for i in iv.region]}
            for n, iv in guidance.interventions
        ],
        "motivate_consent": [_sourced(m) for m in guidance.motivate_consent],
    }

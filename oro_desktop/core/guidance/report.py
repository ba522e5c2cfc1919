"""Guidance as plain Swedish text, in the order a clinician needs it.

Warnings first (what must not be missed), then whom to call now, then the steps with
where each comes from, then the law and what each party can offer.
"""

from __future__ import annotations

from typing import Any

_ALT = {1: "Alternativ 1 (samtycke)", 2: "Alternativ 2 (inget samtycke)", None: "inte valt ännu"}
_ANSWER = {"yes": "ja", "no": "nej", "not_asked": "inte tillfrågad"}
_LEVEL = {"refusal": "STOPP", "warning": "OBS", "info": "Info"}


def render_text(data: dict[str, Any]) -> str:
    """The output of output.to_data as text for a terminal."""
    g = data["guideline"]
    lines = [f"{g['title']} ({g['region']}, version {g['version']})", g["validity_text"], ""]
    lines.append(f"Alternativ: {_ALT[data['alternative']]}")
    for person in data["per_person"]:
        lines.append(f"  {person['person']}: {_ANSWER[person['consent']]} → {_ALT[person['alternative']]}")
    if data["warnings"]:
        lines += ["", "Att tänka på:"]
        for w in data["warnings"]:
            if w["text"] == g["validity_text"] and w["code"].startswith("guideline_"):
                continue  # already the second line of the header
            lines.append(f"  [{_LEVEL.get(w['level'], w['level'])}] {w['text']}")
    if data["contacts"]:
        lines += ["", "Vem kontaktas nu:"]
        for route in data["contacts"]:
            state = "stängt nu" if route["closed"] else "kontorstid nu"
            lines.append(f"  {route['label']} ({state})")
            if route["closed"]:
                lines.append(f"     {route['explanation']}")
            for entry in route["entries"]:
                mark = "→" if entry["recommended"] else " "
                lines.append(f"   {mark} {entry['title']}: {entry['status_text']}")
                for phone in entry["phones"]:
                    tail = f" ({phone['label']})" if phone["label"] else ""
                    lines.append(f"       Tel: {phone['number']}{tail}")
                for email in entry["emails"]:
                    lines.append(f"       E-post: {email}")
                if entry["fill_locally"] and not entry["phones"] and not entry["emails"]:
                    lines.append("       Kontaktväg saknas i riktlinjen: fylls i lokalt.")
            if not route["entries"]:
                lines.append("     (ingen kontaktväg i katalogen)")
    if data["principles"]:
        lines += ["", "Utgångspunkter:"]
        for item in data["principles"]:
            lines.append(f"  • {item['text']} ({item['source']})")
    lines += ["", "Steg:"]
    for step in data["steps"]:
        alt = f"A{step['alternative']}" if step["alternative"] else "Först"
        who = ", ".join(step["applies_to"])
        head = f"  {alt}.{step['number']}" if step["number"] else f"  {alt}"
        lines.append(f"{head} [{who}] {step['text']}")
        if step["skipped"]:
            lines.append(f"      HOPPAS ÖVER: {step['skipped_reason']}")
        if step["note"]:
            lines.append(f"      {step['note']}")
        for law in step["legal"]:
            lines.append(f"      Lagrum: {law}")
        lines.append(f"      Källa: {step['source']}")
    if data["legal_bases"]:
        lines += ["", "Lagrum:"]
        for basis in data["legal_bases"]:
            flag = "" if basis["applies"] else " (gäller inte här)"
            why = f" – {basis['why']}" if basis["why"] else ""
            if basis["note"]:
                why += f" ({basis['note']})"
            lines.append(f"  {basis['text']}: {basis['short']}{flag}{why}")
    for item in data["interventions"]:
        lines += ["", f"Insatser, Alternativ {item['alternative']} ({item['source']}):"]
        lines += [f"  Kommunen: {text}" for text in item["municipality"]]
        lines += [f"  Regionen: {text}" for text in item["region"]]
    if data["motivate_consent"]:
        lines += ["", "Sätt att motivera till samtycke:"]
        lines += [f"  • {m['text']}" for m in data["motivate_consent"]]
    return "\n".join(lines)

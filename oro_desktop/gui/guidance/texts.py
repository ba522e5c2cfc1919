"""The guidance as Swedish HTML for the result tabs: steps, law, interventions, motivation.

Why HTML in a read-only browser: the steps and their sources are prose of varying
length; a QTextBrowser wraps them, is read by screen readers, scrolls with the keyboard
and lets the clinician select and copy a sentence. Every step keeps its source in the
guideline and its legal basis (current citation, the former beside it).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from oro_desktop.core.guidance import Guidance, LegalReference

ANSWER_WORDS = {"yes": "ja", "no": "nej", "not_asked": "inte tillfrågad"}
ALT_WORDS = {1: "Alternativ 1 (samtycke)", 2: "Alternativ 2 (utan samtycke)",
             None: "fråga om samtycke först"}


def persons_html(guidance: Guidance) -> str:
    """"Förälder 1: ja → Alternativ 1 (samtycke)" per person, each on a line."""
    lines = []
    for p in guidance.persons:
        lines.append(f"<b>{escape(p.person)}</b>: {ANSWER_WORDS[p.answer.value]} → "
                     f"<b>{ALT_WORDS[p.alternative]}</b>")
    return "<br>".join(lines)


def _refs(ids: tuple[str, ...], refs: Mapping[str, LegalReference]) -> str:
    return "; ".join(escape(refs[i].display if i in refs else i) for i in ids)


def steps_html(guidance: Guidance, refs: Mapping[str, LegalReference]) -> str:
    g = guidance.guideline
    out: list[str] = []
    current: object = object()
    for result in guidance.steps:
        if result.alternative != current:
            if out:
                out.append("</ol>")
            current = result.alternative
            if result.alternative is None:
                title = "Först: fråga om samtycke"
            else:
                alt = g.alternative(result.alternative)
                title = f"Alternativ {alt.number}: {escape(alt.title)}"
            out.append(f"<h3>{title}</h3>")
            out.append("<ol>")
        step = result.step
        who = ", ".join(result.applies_to)
        parts = [f"<b>{escape(step.text)}</b>"]
        if step.note:
            parts.append(f"<i>{escape(step.note)}</i>")
        meta = [f"Gäller: {escape(who)}", f"Källa: {escape(step.source)}"]
        if step.legal:
            meta.append(f"Lagrum: {_refs(step.legal, refs)}")
        parts.append('<span style="color:#4a525c">' + " · ".join(meta) + "</span>")
        if result.skipped:
            parts.append(f'<span style="color:#7a3e00"><b>Görs inte här:</b> {escape(result.skipped_reason)}</span>')
        out.append(f'<li value="{step.number}" style="margin-bottom:6px">' + "<br>".join(parts) + "</li>")
    if out:
        out.append("</ol>")
    if guidance.principles:
        out.append("<h3>Utgångspunkter</h3><ul>")
        for number, p in guidance.principles:
            out.append(f"<li>{escape(p.text)} <span style=\"color:#4a525c\">(Alternativ {number}; "
                       f"källa: {escape(p.source)})</span></li>")
        out.append("</ul>")
    return "".join(out) or "<p>Inga steg.</p>"


def legal_html(guidance: Guidance) -> str:
    rows = ['<table cellspacing="0" cellpadding="4" width="100%">',
            '<tr><th align="left">Lagrum (nuvarande, tidigare inom parentes)</th>'
            '<th align="left">Vad</th><th align="left">Här</th><th align="left">Källa i riktlinjen</th></tr>']
    for legal in guidance.legal_bases:
        ref = legal.ref
        here = "gäller" if legal.applies else "gäller inte"
        if legal.why:
            here += f": {legal.why}"
        colour = "#1c1f23" if legal.applies else "#6b737c"
        rows.append(f'<tr style="color:{colour}"><td><b>{escape(ref.display)}</b></td>'
                    f"<td>{escape(ref.short)}</td><td>{escape(here)}</td>"
                    f"<td>{escape(legal.source)}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def interventions_html(guidance: Guidance) -> str:
    out = []
    for number, iv in guidance.interventions:
        out.append(f"<h3>Alternativ {number} <span style=\"color:#4a525c; font-weight:normal\">"
                   f"(källa: {escape(iv.source)})</span></h3>")
        for title, items in (("Kommunen kan", iv.municipality), ("Regionen kan", iv.region)):
            if not items:
                continue
            out.append(f"<p><b>{title}</b></p><ul>")
            out.extend(f"<li>{escape(i.text)}</li>" for i in items)
            out.append("</ul>")
    return "".join(out) or "<p>Riktlinjen anger inga insatslistor för det här alternativet.</p>"


def motivate_html(guidance: Guidance) -> str:
    if not guidance.motivate_consent:
        return "<p>Riktlinjen anger inga särskilda sätt att motivera samtycke.</p>"
    items = "".join(f"<li>{escape(m.text)} <span style=\"color:#4a525c\">(källa: {escape(m.source)})</span></li>"
                    for m in guidance.motivate_consent)
    return ("<p>Utgångspunkten är att personens vilja respekteras. Fortsätt att försöka "
            f"motivera till samtycke, enligt riktlinjen:</p><ul>{items}</ul>")

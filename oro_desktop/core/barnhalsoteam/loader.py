"""Load and check the barnhälsoteam guideline file (`kind: barnhalsoteam`).

Every mistake is collected before raising (BhtGuidelineError, the shared catalogue's
generic codes only), and nothing partial is returned. Beyond the shape, the loader holds
what the rest of the package relies on: the four consent boxes of bilaga 1, the three
levels, exactly one convening role, every role's consent box being one of those boxes,
the special situations the notices function knows, and legal ids that exist.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from pathlib import Path

from oro_desktop.core.barnhalsoteam._reader import BhtGuidelineError, Reader, join, read_yaml
from oro_desktop.core.datafiles import authoring_error
from oro_desktop.core.barnhalsoteam.guideline import (
    ANSWER_KINDS, CONSENT_EFFECTS, LEVELS, PRESENCES, Adoption, BhtGuideline, Commission,
    ConsentParty, ConsentRules, FollowUpQuestion, Level, MemberRole, Quote,
    SpecialSituation,
)

KIND = "barnhalsoteam"
FORMAT = 1
#: The special situations core/barnhalsoteam/special.py turns into notices.
SITUATION_IDS = ("lvu", "family_home_sol", "protected", "protected_moving", "undocumented",
                 "secrecy_breaking")
#: The follow-up questions core/barnhalsoteam/followup.py answers.
QUESTION_IDS = ("implemented", "teams_formed", "meetings_held", "meeting_count",
                "participants", "how_it_worked", "effects", "examples", "improvements")

_TOP = ("kind", "format", "id", "version", "title", "region", "seed", "ages", "purpose",
        "commissioned", "adopted", "valid_through", "validity", "implementation", "members",
        "meetings", "levels", "tasks", "consent", "moving", "special_situations", "sip",
        "follow_up")
_QUOTE_OPTIONAL = ("note", "legal")


class _Loader(Reader):
    def __init__(self, file: str, refs: Container[str] | None) -> None:
        super().__init__(file)
        self.refs = refs

    def legal(self, data: Mapping[str, object], path: str) -> tuple[str, ...]:
        refs = self.strings(data, "legal", path)
        for index, ref in enumerate(refs):
            if self.refs is not None and ref not in self.refs:
                self.error("bad_value", join(join(path, "legal"), index), key="legal",
                           detail=f"lagrummet ”{ref}” finns inte i lagrumsfilen")
        return refs

    def quote(self, value: object, path: str, *, source: str | None = None,
              extra: tuple[str, ...] = ()) -> tuple[Quote, Mapping[str, object]]:
        """A quoted sentence; with `source`, the enclosing list's source covers it."""
        required = ("text",) if source is not None else ("text", "source")
        optional = _QUOTE_OPTIONAL + extra + (("source",) if source is not None else ())
        data = self.mapping(value, path, required=required, optional=optional)
        own = self.text(data, "source", path, required=source is None)
        quote = Quote(self.text(data, "text", path), own or source or "",
                      self.text(data, "note", path, required=False), self.legal(data, path))
        return quote, data

    def q(self, data: Mapping[str, object], key: str, path: str) -> Quote:
        return self.quote(data.get(key), join(path, key))[0]

    def unique(self, ids: list[str], path: str, key: str) -> None:
        seen: set[str] = set()
        for index, item in enumerate(ids):
            if item and item in seen:
                self.error("duplicate_id", join(join(path, index), key), item, id=item)
            seen.add(item)


def parse_bht_guideline(raw: object, file: str,
                        refs: Container[str] | None = None) -> BhtGuideline:
    """The guideline from a parsed document; BhtGuidelineError listing every problem."""
    r = _Loader(file, refs)
    if not isinstance(raw, dict):
        raise BhtGuidelineError([authoring_error("not_a_mapping", file, what="filen")])
    data = r.mapping(raw, "", required=_TOP)
    if data.get("kind", KIND) != KIND:
        r.error("bad_value", "kind", key="kind", detail=f"ska vara {KIND}")
    if data.get("format", FORMAT) != FORMAT:
        r.error("bad_value", "format", key="format", detail=f"ska vara {FORMAT}")
    guideline_id = r.ident(data, "id", "")
    if guideline_id and file.endswith((".yaml", ".yml")) and file.rsplit(".", 1)[0] != guideline_id:
        r.error("bad_id", "id", guideline_id, id=guideline_id,
                detail=f"filen ska heta {guideline_id}.yaml")

    com_quote, com = r.quote(data.get("commissioned"), "commissioned", extra=("by", "when"))
    adopted = r.mapping(data.get("adopted"), "adopted", required=("by", "date", "source"),
                        optional=("note",))
    vdata = r.mapping(data.get("validity"), "validity", required=("note", "source"),
                      optional=("text",))
    validity = Quote(r.text(vdata, "text", "validity", required=False),
                     r.text(vdata, "source", "validity"), r.text(vdata, "note", "validity"))

    roles, mandate, steering, members_quote = _members(r, data.get("members"))
    levels_quote, levels = _levels(r, data.get("levels"))
    consent = _consent(r, data.get("consent"))
    box_ids = {p.id for p in consent.parties}
    for index, role in enumerate(roles):
        if role.consent_party is not None and role.consent_party not in box_ids:
            r.error("bad_value", join(join("members.roles", index), "consent_party"), role.id,
                    key="consent_party",
                    detail=f"ska vara en av blankettens rutor ({', '.join(sorted(box_ids))})")

    tasks_data = r.mapping(data.get("tasks"), "tasks", required=("source", "items"))
    tasks_source = r.text(tasks_data, "source", "tasks")
    tasks = tuple(r.quote(item, join("tasks.items", i), source=tasks_source)[0]
                  for i, item in enumerate(r.items(tasks_data, "items", "tasks")))
    moving_data = r.mapping(data.get("moving"), "moving", required=("source", "items"))
    moving_source = r.text(moving_data, "source", "moving")
    moving = tuple(r.quote(item, join("moving.items", i), source=moving_source)[0]
                   for i, item in enumerate(r.items(moving_data, "items", "moving")))

    situations = _situations(r, data)
    follow_up, questions = _follow_up(r, data.get("follow_up"))

    guideline = BhtGuideline(
        id=guideline_id, version=r.integer(data, "version", ""), title=r.text(data, "title", ""),
        region=r.text(data, "region", ""), seed=r.text(data, "seed", "", required=False),
        ages=r.text(data, "ages", ""), purpose=r.q(data, "purpose", ""),
        commissioned=Commission(r.text(com, "by", "commissioned"),
                                r.text(com, "when", "commissioned"), com_quote),
        adopted=Adoption(r.text(adopted, "by", "adopted", required=False),
                         r.date(adopted, "date", "adopted"),
                         r.text(adopted, "note", "adopted", required=False),
                         r.text(adopted, "source", "adopted")),
        valid_through=r.date(data, "valid_through", ""), validity=validity,
        implementation=r.q(data, "implementation", ""), members_quote=members_quote,
        roles=roles, mandate=mandate, steering=steering, meetings=r.q(data, "meetings", ""),
        levels_quote=levels_quote, levels=levels, tasks=tasks, consent=consent, moving=moving,
        special_situations=situations, sip=r.q(data, "sip", ""), follow_up=follow_up,
        questions=questions, origin=file,
    )
    r.raise_if_errors()
    return guideline


def _members(r: _Loader, raw: object) -> tuple[tuple[MemberRole, ...], Quote, Quote, Quote]:
    data = r.mapping(raw, "members", required=("source", "text", "roles", "mandate", "steering"))
    source = r.text(data, "source", "members")
    members_quote = Quote(r.text(data, "text", "members"), source)
    roles: list[MemberRole] = []
    for index, item in enumerate(r.items(data, "roles", "members")):
        where = join("members.roles", index)
        quote, role = r.quote(item, where, source=source, extra=(
            "id", "label", "presence", "convenes", "consent_party", "convenes_text",
            "convenes_source"))
        for key in ("id", "label", "presence", "consent_party"):
            if isinstance(role, Mapping) and role and key not in role:
                r.error("missing_key", where, key=key)
        convenes_quote = None
        if role.get("convenes_text") is not None:
            convenes_quote = Quote(r.text(role, "convenes_text", where),
                                   r.text(role, "convenes_source", where))
        party = role.get("consent_party")
        roles.append(MemberRole(
            id=r.ident(role, "id", where), label=r.text(role, "label", where), quote=quote,
            presence=r.choice(role, "presence", where, PRESENCES),
            consent_party=r.ident(role, "consent_party", where) if party is not None else None,
            convenes=r.boolean(role, "convenes", where), convenes_quote=convenes_quote,
        ))
    r.unique([x.id for x in roles], "members.roles", "id")
    if roles and sum(1 for x in roles if x.convenes) != 1:
        r.error("bad_value", "members.roles", key="convenes",
                detail="exakt en roll ska vara sammankallande")
    return (tuple(roles), r.q(data, "mandate", "members"), r.q(data, "steering", "members"),
            members_quote)


def _levels(r: _Loader, raw: object) -> tuple[Quote, tuple[Level, ...]]:
    data = r.mapping(raw, "levels", required=("source", "text", "items"))
    source = r.text(data, "source", "levels")
    levels: list[Level] = []
    for index, item in enumerate(r.items(data, "items", "levels")):
        where = join("levels.items", index)
        quote, level = r.quote(item, where, source=source, extra=("id", "label"))
        levels.append(Level(r.ident(level, "id", where), r.text(level, "label", where), quote))
    if [lv.id for lv in levels] != list(LEVELS):
        r.error("bad_value", "levels.items", key="items",
                detail=f"nivåerna ska vara {', '.join(LEVELS)}, i den ordningen")
    return Quote(r.text(data, "text", "levels"), source), tuple(levels)


def _consent(r: _Loader, raw: object) -> ConsentRules:
    keys = ("form", "identified", "basis", "parties", "per_guardian", "max_months", "validity",
            "revocation", "record", "transfer")
    data = r.mapping(raw, "consent", required=keys)
    pdata = r.mapping(data.get("parties"), "consent.parties", required=("source", "items"))
    parties: list[ConsentParty] = []
    for index, item in enumerate(r.items(pdata, "items", "consent.parties")):
        where = join("consent.parties.items", index)
        party = r.mapping(item, where, required=("id", "text"))
        parties.append(ConsentParty(r.ident(party, "id", where), r.text(party, "text", where)))
    r.unique([p.id for p in parties], "consent.parties.items", "id")
    transfer, tdata = r.quote(data.get("transfer"), "consent.transfer", extra=("answers",))
    answers = r.strings(tdata, "answers", "consent.transfer")
    if tdata and answers != ("Ja", "Nej"):
        r.error("bad_value", "consent.transfer.answers", key="answers", detail="ska vara Ja, Nej")
    max_months = r.integer(data, "max_months", "consent")
    if max_months > 12:
        r.error("bad_value", "consent.max_months", key="max_months", detail="högst 12")
    return ConsentRules(
        form=r.ident(data, "form", "consent"), identified=r.q(data, "identified", "consent"),
        basis=r.q(data, "basis", "consent"), parties=tuple(parties),
        parties_source=r.text(pdata, "source", "consent.parties"),
        per_guardian=r.q(data, "per_guardian", "consent"), max_months=max_months,
        validity=r.q(data, "validity", "consent"), revocation=r.q(data, "revocation", "consent"),
        record=r.q(data, "record", "consent"), transfer=transfer, transfer_answers=answers,
    )


def _situations(r: _Loader, data: Mapping[str, object]) -> tuple[SpecialSituation, ...]:
    out: list[SpecialSituation] = []
    for index, item in enumerate(r.items(data, "special_situations", "")):
        where = join("special_situations", index)
        quote, sit = r.quote(item, where, extra=("id", "consent"))
        sid = r.ident(sit, "id", where)
        if sid and sid not in SITUATION_IDS:
            r.error("bad_value", join(where, "id"), sid, key="id",
                    detail=f"okänd situation (kända: {', '.join(SITUATION_IDS)})")
        out.append(SpecialSituation(sid, quote, r.choice(sit, "consent", where, CONSENT_EFFECTS)))
    r.unique([s.id for s in out], "special_situations", "id")
    missing = [s for s in SITUATION_IDS if s not in {x.id for x in out}]
    if missing:
        r.error("missing_key", "special_situations", key=", ".join(missing))
    return tuple(out)


def _follow_up(r: _Loader, raw: object) -> tuple[Quote, tuple[FollowUpQuestion, ...]]:
    quote, data = r.quote(raw, "follow_up", extra=("questions",))
    questions: list[FollowUpQuestion] = []
    for index, item in enumerate(r.items(data, "questions", "follow_up")):
        where = join("follow_up.questions", index)
        q = r.mapping(item, where, required=("id", "text", "answer"))
        questions.append(FollowUpQuestion(r.ident(q, "id", where), r.text(q, "text", where),
                                          r.choice(q, "answer", where, ANSWER_KINDS)))
    r.unique([q.id for q in questions], "follow_up.questions", "id")
    if data and [q.id for q in questions] != list(QUESTION_IDS):
        r.error("bad_value", "follow_up.questions", key="questions",
                detail=f"frågorna ska vara {', '.join(QUESTION_IDS)}, i den ordningen")
    return quote, tuple(questions)


def load_bht_guideline(path: Path, refs: Container[str] | None = None) -> BhtGuideline:
    """Read, parse and check one file (`refs`: the legal reference ids, if known)."""
    return parse_bht_guideline(read_yaml(Path(path)), Path(path).name, refs)


def is_bht_document(raw: object) -> bool:
    """Does a parsed guideline file declare itself a barnhälsoteam guideline?"""
    return isinstance(raw, dict) and raw.get("kind") == KIND


__all__ = ["BhtGuidelineError", "KIND", "is_bht_document", "load_bht_guideline",
           "parse_bht_guideline"]

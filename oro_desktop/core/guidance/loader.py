"""Load and check one guideline file (resources/guidelines/<id>.yaml).

Adding a region is adding a file: the loader is the only place that knows the file's
shape, checks every field (unknown keys, missing sources, legal references that do not
exist, contact kinds the directory does not know) and collects every error before
raising, naming the file and the field path.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from oro_desktop.core.contacts.kinds import canonical_kind
from oro_desktop.core.guidance._read import Reader, join, read_yaml
from oro_desktop.core.guidance.errors import GuidelineError
from oro_desktop.core.guidance.model import (
    CONSENT_SUBJECTS, KNOWN_RULES, SECTORS, SITUATIONS, STEP_ROLES, Adoption, Alternative,
    Category, ContactRoute, Guideline, Interventions, LegalBasis, LegalReference, Party,
    Rule, Sourced, Step,
)

FORMAT = 1
_TOP_REQUIRED = (
    "format", "id", "version", "title", "situation", "region", "status", "adopted",
    "valid_through", "validity_source", "parties", "initiators", "consent",
    "concern_categories", "alternatives",
)
_TOP_OPTIONAL = (
    "seed", "also_seeds", "status_note", "follow_up", "special_rules", "municipalities",
)
_STEP_REQUIRED = ("id", "number", "text", "source")
_STEP_OPTIONAL = ("note", "role", "initiator", "contact", "contacts", "legal")
_SOURCED_OPTIONAL = ("note", "legal")


class _GuidelineReader(Reader):
    def __init__(self, file: str, refs: Mapping[str, LegalReference]) -> None:
        super().__init__(file)
        self.refs = refs

    def legal(self, data: Mapping[str, object], path: str) -> tuple[str, ...]:
        refs = self.strings(data, "legal", path)
        for index, ref in enumerate(refs):
            if ref not in self.refs:
                self.error("unknown_legal_reference", join(join(path, "legal"), index), ref=ref)
        return refs

    def sourced(self, value: object, path: str, *, source: str | None = None) -> Sourced:
        """A quoted sentence; `source` given means the list's source covers the item."""
        required = ("text",) if source is not None else ("text", "source")
        optional = _SOURCED_OPTIONAL + (("source",) if source is not None else ())
        data = self.mapping(value, path, required=required, optional=optional)
        own = self.text(data, "source", path, required=False)
        return Sourced(
            text=self.text(data, "text", path),
            source=own or (source if source is not None else self.source(data, path)),
            note=self.text(data, "note", path, required=False), legal=self.legal(data, path),
        )

    def sourced_list(self, value: object, path: str, source: str) -> tuple[Sourced, ...]:
        return tuple(self.sourced(item, join(path, i), source=source)
                     for i, item in enumerate(self.items(value, path, optional=True)))

    def route(self, value: object, path: str) -> ContactRoute:
        data = self.mapping(value, path, required=("kind", "label"))
        kind = self.text(data, "kind", path)
        canonical = canonical_kind(kind) if kind else None
        if kind and canonical is None:
            self.error("unknown_contact_kind", join(path, "kind"), kind=kind)
        return ContactRoute(canonical or kind, self.text(data, "label", path))

    def step(self, value: object, path: str) -> Step:
        self.owner(value, path, "steg")
        data = self.mapping(value, path, required=_STEP_REQUIRED, optional=_STEP_OPTIONAL)
        initiator = self.strings(data, "initiator", path)
        for index, sector in enumerate(initiator):
            if sector not in SECTORS:
                self.error("unknown_sector", join(join(path, "initiator"), index),
                           sector=sector, allowed=", ".join(SECTORS))
        routes = [self.route(data["contact"], join(path, "contact"))] if "contact" in data else []
        for index, item in enumerate(self.items(data.get("contacts"), join(path, "contacts"),
                                                optional=True)):
            routes.append(self.route(item, join(join(path, "contacts"), index)))
        role = ""
        if "role" in data:
            role = self.choice(data, "role", path, STEP_ROLES)
        return Step(
            id=self.ident(data, "id", path), number=self.integer(data, "number", path),
            text=self.text(data, "text", path), source=self.source(data, path),
            note=self.text(data, "note", path, required=False), role=role,
            initiator=initiator, contacts=tuple(routes), legal=self.legal(data, path),
        )

    def interventions(self, value: object, path: str) -> Interventions | None:
        if value is None:
            return None
        data = self.mapping(value, path, required=("source",), optional=("municipality", "region"))
        source = self.source(data, path)
        return Interventions(
            source=source,
            municipality=self.sourced_list(data.get("municipality"), join(path, "municipality"), source),
            region=self.sourced_list(data.get("region"), join(path, "region"), source),
        )

    def alternative(self, value: object, path: str) -> Alternative:
        data = self.mapping(
            value, path, required=("number", "title", "source", "steps"),
            optional=("legal_bases", "principles", "interventions", "motivate_consent"),
        )
        steps = tuple(self.step(s, join(join(path, "steps"), i))
                      for i, s in enumerate(self.items(data.get("steps"), join(path, "steps"))))
        previous = 0
        for index, step in enumerate(steps):
            if step.number and step.number < previous:
                self.error("steps_out_of_order", join(join(join(path, "steps"), index), "number"),
                           number=step.number, previous=previous)
            previous = max(previous, step.number)
        seen: set[str] = set()
        for index, step in enumerate(steps):
            if step.id in seen:
                self.error("duplicate_id", join(join(join(path, "steps"), index), "id"), id=step.id)
            seen.add(step.id)
        bases = []
        for index, item in enumerate(self.items(data.get("legal_bases"), join(path, "legal_bases"),
                                                optional=True)):
            where = join(join(path, "legal_bases"), index)
            basis = self.mapping(item, where, required=("ref", "source"), optional=("note",))
            ref = self.text(basis, "ref", where)
            if ref and ref not in self.refs:
                self.error("unknown_legal_reference", join(where, "ref"), ref=ref)
            bases.append(LegalBasis(ref, self.source(basis, where),
                                    self.text(basis, "note", where, required=False)))
        motivate: tuple[Sourced, ...] = ()
        if data.get("motivate_consent") is not None:
            where = join(path, "motivate_consent")
            block = self.mapping(data["motivate_consent"], where, required=("source", "items"))
            motivate = self.sourced_list(block.get("items"), join(where, "items"),
                                         self.source(block, where))
        return Alternative(
            number=self.integer(data, "number", path), title=self.text(data, "title", path),
            source=self.source(data, path), steps=steps, legal_bases=tuple(bases),
            principles=tuple(self.sourced(p, join(join(path, "principles"), i)) for i, p in
                             enumerate(self.items(data.get("principles"), join(path, "principles"),
                                                  optional=True))),
            interventions=self.interventions(data.get("interventions"), join(path, "interventions")),
            motivate_consent=motivate,
        )


def parse_guideline(raw: object, file: str, refs: Mapping[str, LegalReference]) -> Guideline:
    """A Guideline from a parsed file; GuidelineError listing every problem."""
    r = _GuidelineReader(file, refs)
    data = r.mapping(raw, "", required=_TOP_REQUIRED, optional=_TOP_OPTIONAL)
    if data.get("format", FORMAT) != FORMAT:
        r.error("bad_value", "format", key="format", detail=f"ska vara {FORMAT}")
    guideline_id = r.ident(data, "id", "")
    stem = file.rsplit(".", 1)[0]
    if guideline_id and file.endswith((".yaml", ".yml")) and stem != guideline_id:
        r.error("file_name_mismatch", "id", expected=f"{guideline_id}.yaml", named_by="id")

    adopted_data = r.mapping(data.get("adopted"), "adopted", required=("by", "source"),
                             optional=("date", "date_text"))
    adopted = Adoption(
        by=r.text(adopted_data, "by", "adopted"), source=r.source(adopted_data, "adopted"),
        date=r.date(adopted_data, "date", "adopted"),
        date_text=r.text(adopted_data, "date_text", "adopted", required=False),
    )
    parties = []
    for index, item in enumerate(r.items(data.get("parties"), "parties")):
        where = join("parties", index)
        r.owner(item, where, "part")
        party = r.mapping(item, where, required=("id", "sector", "name", "source"))
        parties.append(Party(r.ident(party, "id", where), r.choice(party, "sector", where, SECTORS),
                             r.text(party, "name", where), r.source(party, where)))
    party_ids = {p.id for p in parties}

    init = r.mapping(data.get("initiators"), "initiators", required=("parties", "text", "source"),
                     optional=("note",))
    initiators = r.strings(init, "parties", "initiators")
    for index, pid in enumerate(initiators):
        if pid not in party_ids:
            r.error("unknown_party", join("initiators.parties", index), party=pid)
    consent = r.mapping(data.get("consent"), "consent",
                        required=("asked", "person_label", "text", "source"))
    categories_data = r.mapping(data.get("concern_categories"), "concern_categories",
                                required=("source", "items"))
    categories = []
    for index, item in enumerate(r.items(categories_data.get("items"), "concern_categories.items")):
        where = join("concern_categories.items", index)
        r.owner(item, where, "kategori")
        cat = r.mapping(item, where, required=("id", "text"))
        categories.append(Category(r.ident(cat, "id", where), r.text(cat, "text", where)))

    alternatives = tuple(r.alternative(a, join("alternatives", i))
                         for i, a in enumerate(r.items(data.get("alternatives"), "alternatives")))
    if [a.number for a in alternatives] != [1, 2]:
        r.error("bad_alternatives", "alternatives")

    rules: list[Rule] = []
    for index, item in enumerate(r.items(data.get("special_rules"), "special_rules", optional=True)):
        where = join("special_rules", index)
        r.owner(item, where, "regel")
        rule = r.mapping(item, where, required=("id", "text", "source"), optional=_SOURCED_OPTIONAL)
        rule_id = r.text(rule, "id", where)
        if rule_id and rule_id not in KNOWN_RULES:
            r.error("unknown_rule", join(where, "id"), rule=rule_id, known=", ".join(KNOWN_RULES))
        if rule_id in {x.id for x in rules}:
            r.error("duplicate_id", join(where, "id"), id=rule_id)
        rules.append(Rule(rule_id, r.text(rule, "text", where), r.source(rule, where),
                          r.text(rule, "note", where, required=False), r.legal(rule, where)))

    follow_up = None
    if data.get("follow_up") is not None:
        follow_up = r.sourced(data["follow_up"], "follow_up")
    guideline = Guideline(
        id=guideline_id, version=r.integer(data, "version", ""), title=r.text(data, "title", ""),
        situation=r.choice(data, "situation", "", SITUATIONS), region=r.text(data, "region", ""),
        status=r.choice(data, "status", "", ("adopted", "draft")), adopted=adopted,
        valid_through=r.date(data, "valid_through", ""),
        validity_source=r.text(data, "validity_source", ""),
        parties=tuple(parties), initiators=initiators,
        initiators_text=Sourced(r.text(init, "text", "initiators"), r.source(init, "initiators"),
                                r.text(init, "note", "initiators", required=False)),
        consent_subject=r.choice(consent, "asked", "consent", CONSENT_SUBJECTS),
        person_label=r.text(consent, "person_label", "consent"),
        consent_text=Sourced(r.text(consent, "text", "consent"), r.source(consent, "consent")),
        concern_categories=tuple(categories),
        concern_source=r.source(categories_data, "concern_categories"),
        alternatives=alternatives, special_rules=tuple(rules),
        follow_up=follow_up, status_note=r.text(data, "status_note", "", required=False),
        seed=r.text(data, "seed", "", required=False),
        also_seeds=r.strings(data, "also_seeds", ""),
        municipalities=r.strings(data, "municipalities", ""), origin=file,
    )
    r.raise_if_errors()
    return guideline


def load_guideline(path: Path, refs: Mapping[str, LegalReference]) -> Guideline:
    """Parse and check one guideline file against the legal references."""
    return parse_guideline(read_yaml(path), path.name, refs)


def load_guidelines(folder: Path, refs: Mapping[str, LegalReference]) -> dict[str, Guideline]:
    """Every `*.yaml` in `folder`, by id (sorted by file name); errors of all files at once."""
    found: dict[str, Guideline] = {}
    errors = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            raw = read_yaml(path)
            if isinstance(raw, dict) and raw.get("kind") == "barnhalsoteam":
                continue  # another shape of guideline: core/barnhalsoteam/loader.py
            guideline = parse_guideline(raw, path.name, refs)
        except GuidelineError as exc:
            errors.extend(exc.errors)
            continue
        found[guideline.id] = guideline
    if errors:
        raise GuidelineError(errors)
    return found

"""Turn one parsed YAML document into a FormDefinition, collecting ALL authoring errors.

Why hand-written rather than a JSON-Schema library: the checks that matter (a condition
naming a field that does not exist, a rule applied to the wrong field type, a duplicate
id across sections) are cross-references a schema language cannot express, and every
error must name the file and the field with a Swedish message from one catalogue
(`errors.CATALOGUE`). The walk never stops at the first error.

YAML layout (keys; anything else is `unknown_key`):

    id: barnhalsoteam-samtycke        # a-z, 0-9, - and _
    version: 1                        # positive int; file is <id>.v<version>.yaml
    kind: consent                     # optional: consent | plan | record (default)
    title: ...
    description: ...                  # optional
    source: {guideline: ..., appendix: ...}
    sections:
      - id: ...
        title: ...                    # optional ("" prints no heading)
        help: ...                     # optional
        fields: [ FIELD, ... ]
    rules:                            # optional, see core.forms.rules
      - {rule: not_before, field: giltighet, reference: underskrifter, message: ...}

FIELD keys: id, type, label, help, required, choices, condition, validation, text,
columns, kinds, slots, labels, address_of, print_label, print_size, binds (which ones a type
accepts is in TYPE_KEYS; `binds` is not allowed on the columns of a repeating field).
Cross references (conditions, address_of, rules) are checked in `schema_refs.py`, roles
(`binds`) and the roles a kind of form needs in `schema_roles.py`.

Every error names the file, the path in the document (`sections[2].fields[4]`, 0-based)
and the field id (core/datafiles.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oro_desktop.core.forms.bounds import MAX_LENGTH_CEILING
from oro_desktop.core.forms.errors import AuthoringError, authoring_error
from oro_desktop.core.forms.model import (
    FIELD_TYPES,
    Choice,
    Condition,
    Field,
    FormDefinition,
    SUB_LABELS,
    Section,
    Source,
)
from oro_desktop.core.forms.offer import read_offer
from oro_desktop.core.forms.roles import DEFAULT_KIND, FORM_KINDS
from oro_desktop.core.forms.schema_refs import ReferenceChecks
from oro_desktop.core.forms.schema_roles import check_roles
from oro_desktop.core.identity import IdentityKind

_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_ID_RULE = "får bara innehålla a-z, 0-9, _ och - och börja med en bokstav"
FORM_KEYS = {"id", "version", "kind", "title", "description", "source", "sections", "rules",
             "regions", "situations"}
SOURCE_KEYS = {"guideline", "appendix"}
SECTION_KEYS = {"id", "title", "help", "fields"}
COMMON_KEYS = {"id", "type", "label", "help", "required", "condition", "print_label"}
TYPE_KEYS: dict[str, set[str]] = {
    "text": {"validation", "address_of"},
    "multiline": {"validation", "address_of"},
    "date": set(),
    "date_range": {"labels"},
    "identity": {"kinds"},
    "phone": set(),
    "email": set(),
    "choice": {"choices"},
    "multi_choice": {"choices"},
    "yes_no": {"labels"},
    "person_ref": set(),
    "party_list": {"slots"},
    "repeating": {"columns", "slots"},
    "signature": {"slots", "labels"},
    "fixed_text": {"text", "print_size"},
}
assert set(TYPE_KEYS) == set(FIELD_TYPES)
VALIDATION_KEYS = {"max_length": int, "pattern": str, "message": str}
CONDITION_KEYS = {"field", "equals", "one_of"}
COLUMN_TYPES = {"text", "multiline", "date", "phone", "email", "choice", "yes_no"}


class _Builder(ReferenceChecks):
    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[AuthoringError] = []
        self.path = ""                       # where the walk is, e.g. "sections[1].fields[0]"
        self.paths: dict[str, str] = {}      # field id -> its path (first occurrence)

    def err(self, code: str, field: str = "", *, at: str | None = None, **params: Any) -> None:
        path = self.path if at is None else at
        self.errors.append(authoring_error(code, self.file, field, path=path, **params))

    def keys(self, raw: Mapping[Any, Any], allowed: set[str], field: str) -> None:
        for key in raw:
            if key not in allowed:
                self.err("unknown_key", field, key=key)

    def mapping(self, raw: Any, what: str, field: str = "") -> Mapping[Any, Any]:
        if not isinstance(raw, Mapping):
            self.err("not_a_mapping", field, what=what)
            return {}
        return raw

    def text(self, raw: Mapping[Any, Any], key: str, field: str, *, required: bool = True) -> str:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.err("missing_label" if key == "label" else "missing_key", field, key=key)
            return ""
        if not isinstance(value, str):
            self.err("bad_value", field, key=key, detail="ska vara text")
            return str(value)
        return value.strip()

    # -- fields ------------------------------------------------------------------------
    def choices(self, raw: Any, fid: str) -> tuple[Choice, ...]:
        if not isinstance(raw, list) or not raw:
            self.err("bad_choices", fid, detail="en lista med minst ett val behövs")
            return ()
        out: list[Choice] = []
        for item in raw:
            if isinstance(item, str) and item.strip():
                out.append(Choice(item.strip(), item.strip()))
            elif isinstance(item, Mapping) and set(item) <= {"value", "label"} and item.get("value") \
                    and isinstance(item.get("label"), str) and item["label"].strip():
                out.append(Choice(str(item["value"]), item["label"].strip()))
            else:
                self.err("bad_choices", fid, detail=f"{item!r} ska vara text eller {{value, label}}")
        values = [c.value for c in out]
        for dup in sorted({v for v in values if values.count(v) > 1}):
            self.err("bad_choices", fid, detail=f"värdet ”{dup}” finns två gånger")
        return tuple(out)

    def condition(self, raw: Any, fid: str) -> Condition | None:
        if not isinstance(raw, Mapping) or "field" not in raw:
            self.err("bad_condition", fid, detail="ange field och equals eller one_of")
            return None
        self.keys(raw, CONDITION_KEYS, fid)
        has_eq, has_in = "equals" in raw, "one_of" in raw
        if has_eq == has_in:
            self.err("bad_condition", fid, detail="ange antingen equals eller one_of")
            return None
        if has_in and (not isinstance(raw["one_of"], list) or not raw["one_of"]):
            self.err("bad_condition", fid, detail="one_of ska vara en lista")
            return None
        return Condition(str(raw["field"]), raw.get("equals"), tuple(raw.get("one_of") or ()))

    def field(self, raw: Any, *, column: bool = False) -> Field | None:
        raw = self.mapping(raw, "ett fält")
        if not raw:
            return None
        fid = str(raw.get("id") or "")
        if not fid:
            self.err("missing_key", "", key="id")
        elif not _ID_RE.match(fid):
            self.err("bad_id", fid, id=fid, detail=_ID_RULE)
        else:
            self.paths.setdefault(fid, self.path)
        ftype = raw.get("type")
        allowed_types = COLUMN_TYPES if column else set(FIELD_TYPES)
        if ftype not in allowed_types:
            self.err("unknown_type", fid, type=ftype, allowed=", ".join(sorted(allowed_types)))
            return None
        extra = TYPE_KEYS[ftype] | (set() if column else {"binds"})
        self.keys(raw, COMMON_KEYS | extra, fid)
        if "choices" in raw and "choices" not in extra:
            self.errors.pop()  # replace the generic unknown_key with the clearer message
            self.err("choices_not_allowed", fid, type=ftype)
        label = self.text(raw, "label", fid, required=ftype != "fixed_text")
        kw: dict[str, Any] = {}
        if ftype in ("choice", "multi_choice"):
            kw["choices"] = self.choices(raw.get("choices"), fid)
        if ftype == "fixed_text":
            kw["text"] = self.text(raw, "text", fid, required=False)
            if not kw["text"]:
                self.err("missing_text", fid)
        if ftype == "repeating":
            cols = raw.get("columns")
            if not isinstance(cols, list) or not cols:
                self.err("missing_columns", fid)
            else:
                base, built = self.path, []
                for k, c in enumerate(cols):
                    self.path = f"{base}.columns[{k}]"
                    built.append(self.field(c, column=True))
                self.path = base
                kw["columns"] = tuple(c for c in built if c)
                self.unique([c.id for c in kw["columns"]], prefix=f"{fid}.")
        if "kinds" in raw:
            kinds = raw["kinds"]
            known = {k.value for k in IdentityKind}
            if not isinstance(kinds, list) or not kinds or not set(kinds) <= known:
                self.err("bad_kinds", fid, detail=f"{kinds!r}; tillåtna: {', '.join(sorted(known))}")
            else:
                kw["kinds"] = tuple(kinds)
        if "slots" in raw:
            if not isinstance(raw["slots"], int) or isinstance(raw["slots"], bool) or raw["slots"] < 1:
                self.err("bad_value", fid, key="slots", detail="ett heltal 1 eller större")
            else:
                kw["slots"] = raw["slots"]
        if "labels" in raw:
            labels = raw["labels"]
            allowed = set(SUB_LABELS.get(ftype, {}))
            if not isinstance(labels, Mapping) or not all(
                isinstance(v, str) and k in allowed for k, v in labels.items()
            ):
                # yes/no unquoted are booleans in YAML 1.1: say which keys are expected.
                self.err("bad_value", fid, key="labels",
                         detail=f"tillåtna nycklar (inom citattecken): {', '.join(sorted(allowed))}")
            else:
                kw["labels"] = dict(labels)
        if "validation" in raw:
            kw["validation"] = self.validation(raw["validation"], fid, ftype)
        for flag in ("required", "print_label"):
            if flag in raw:
                if not isinstance(raw[flag], bool):
                    self.err("bad_value", fid, key=flag, detail="true eller false")
                else:
                    kw[flag] = raw[flag]
        if "condition" in raw:
            kw["condition"] = self.condition(raw["condition"], fid)
        if "print_size" in raw:
            if raw["print_size"] not in ("normal", "small"):
                self.err("bad_value", fid, key="print_size", detail="normal eller small")
            else:
                kw["print_size"] = raw["print_size"]
        if "address_of" in raw:
            kw["address_of"] = str(raw["address_of"])
        if "binds" in raw:
            if not isinstance(raw["binds"], str) or not raw["binds"].strip():
                self.err("wrong_type", fid, key="binds", expected="text")
            else:
                kw["binds"] = raw["binds"].strip()
        return Field(id=fid, type=ftype, label=label, help=str(raw.get("help") or "").strip(), **kw)

    def validation(self, raw: Any, fid: str, ftype: str) -> Mapping[str, Any]:
        if not isinstance(raw, Mapping):
            self.err("bad_validation", fid, detail="ska vara en mappning")
            return {}
        out: dict[str, Any] = {}
        for key, value in raw.items():
            kind = VALIDATION_KEYS.get(key)
            if kind is None or not isinstance(value, kind):
                self.err("bad_validation", fid, detail=f"{key}: {value!r}")
                continue
            ceiling = MAX_LENGTH_CEILING.get(ftype, 0)
            if key == "max_length" and (not isinstance(value, int) or isinstance(value, bool)
                                        or not 0 < value <= ceiling):
                self.err("bad_validation", fid,
                         detail=f"max_length: {value!r} (ett heltal 1–{ceiling})")
                continue
            if key == "pattern":
                try:
                    re.compile(str(value))
                except re.error as exc:
                    self.err("bad_validation", fid, detail=f"pattern: {exc}")
                    continue
            out[key] = value
        return out

    def unique(self, ids: list[str], prefix: str = "") -> None:
        for dup in sorted({i for i in ids if i and ids.count(i) > 1}):
            self.err("duplicate_id", prefix + dup, id=dup, at=self.paths.get(dup, self.path))


def build_definition(raw: Any, file: str) -> tuple[FormDefinition | None, list[AuthoringError]]:
    """Build a definition from parsed YAML. Returns (definition or None, all errors)."""
    b = _Builder(file)
    doc = b.mapping(raw, "formulärdefinitionen")
    if not doc:
        return None, b.errors
    b.keys(doc, FORM_KEYS, "")
    form_id = b.text(doc, "id", "")
    if form_id and not _ID_RE.match(form_id):
        b.err("bad_id", "", id=form_id, detail=_ID_RULE)
    kind = doc.get("kind", DEFAULT_KIND)
    if kind not in FORM_KINDS:
        b.err("bad_value", "", at="kind", key="kind", detail=f"en av {', '.join(FORM_KINDS)}")
        kind = DEFAULT_KIND
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        b.err("bad_value", "", key="version", detail="ett heltal 1 eller större")
        version = 0
    title = b.text(doc, "title", "")
    src = b.mapping(doc.get("source"), "source")
    b.keys(src, SOURCE_KEYS, "")
    source = Source(b.text(src, "guideline", "") if src else "", str(src.get("appendix") or ""))
    sections: list[Section] = []
    raw_sections = doc.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        b.err("missing_key", "", key="sections")
        raw_sections = []
    for i, rs in enumerate(raw_sections):
        b.path = f"sections[{i}]"
        rs = b.mapping(rs, "ett avsnitt")
        if not rs:
            continue
        sid = str(rs.get("id") or "")
        b.keys(rs, SECTION_KEYS, sid)
        if not sid:
            b.err("missing_key", "", key="id")
        built = []
        for j, rf in enumerate(rs.get("fields") or []):
            b.path = f"sections[{i}].fields[{j}]"
            built.append(b.field(rf))
        b.path = f"sections[{i}]"
        if not rs.get("fields"):
            b.err("missing_key", sid, key="fields")
        sections.append(Section(sid, str(rs.get("title") or ""),
                                tuple(f for f in built if f), str(rs.get("help") or "")))
    b.path = ""
    all_fields = [f for s in sections for f in s.fields]
    b.unique([f.id for f in all_fields] + [s.id for s in sections])
    by_id = {f.id: f for f in all_fields}
    b.check_references(by_id)
    rules = b.rules(doc.get("rules"), by_id)
    b.path = ""
    b.errors += check_roles(all_fields, str(kind), b.file, b.paths)
    regions, situations, offer_errors = read_offer(doc, b.file)
    b.errors += offer_errors
    if b.errors:
        return None, b.errors
    definition = FormDefinition(
        id=form_id, version=version, title=title, source=source, sections=tuple(sections),
        rules=rules, description=str(doc.get("description") or "").strip(), path=file,
        kind=str(kind), regions=regions, situations=situations,
    )
    return definition, []

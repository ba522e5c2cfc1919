"""The cross-reference checks of a definition: conditions, address_of and rules.

Why apart from the walk in schema.py: these run after every field is built, because they
ask about other fields (does the field a condition names exist, does a rule's field have
a type the rule accepts), and they were the part of the schema that grows with each new
rule. `ReferenceChecks` is mixed into the schema's builder, which supplies `err` (report
one catalogue error), `path` (where the walk is) and `paths` (field id -> its path).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oro_desktop.core.datafiles import AuthoringError
from oro_desktop.core.forms.model import Field, RuleRef
from oro_desktop.core.forms.rules import RULES


class ReferenceChecks:
    """Cross-reference checks; the builder that mixes this in reports the errors."""

    errors: list[AuthoringError]
    path: str
    paths: dict[str, str]

    def err(self, code: str, field: str = "", *, at: str | None = None, **params: Any) -> None:
        raise NotImplementedError  # the schema builder's

    def check_references(self, fields: dict[str, Field]) -> None:
        for f in fields.values():
            self.path = self.paths.get(f.id, "")
            cond = f.condition
            if cond is not None:
                target = fields.get(cond.field)
                if target is None or target.id == f.id:
                    self.err("condition_unknown_field", f.id, target=cond.field)
                elif target.choices:
                    valid = {c.value for c in target.choices}
                    for v in cond.one_of or (cond.equals,):
                        if v not in valid:
                            self.err("condition_bad_value", f.id, value=v, target=target.id)
            if f.address_of is not None:
                target = fields.get(f.address_of)
                if target is None or target.type not in ("identity", "person_ref"):
                    self.err("bad_reference", f.id, key="address_of", target=f.address_of)

    def rules(self, raw: Any, fields: dict[str, Field]) -> tuple[RuleRef, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.err("bad_value", "", key="rules", detail="ska vara en lista")
            return ()
        out: list[RuleRef] = []
        for index, item in enumerate(raw):
            self.path = f"rules[{index}]"
            if not isinstance(item, Mapping) or not isinstance(item.get("rule"), str):
                name = item.get("rule") if isinstance(item, Mapping) else None
                self.err("bad_rule", "", rule=name if isinstance(name, str) else "(utan namn)",
                         detail="ange rule: namn")
                continue
            name = item["rule"]
            rule = RULES.get(name)
            target_field = str(item.get("field") or "")
            if rule is None:
                self.err("unknown_rule", target_field, rule=name, known=", ".join(sorted(RULES)))
                continue
            args = {k: v for k, v in item.items() if k not in ("rule", "message")}
            ok = True
            for key in args:
                if key not in rule.params:
                    self.err("unknown_key", target_field, key=key)
                    ok = False
            for param, types in rule.params.items():
                target = args.get(param)
                if not isinstance(target, str):
                    self.err("bad_rule", target_field, rule=name, detail=f"{param} saknas")
                    ok = False
                elif target not in fields:
                    self.err("rule_unknown_field", target, rule=name, target=target)
                    ok = False
                elif fields[target].type not in types:
                    self.err("rule_wrong_type", target, rule=name, target=target,
                             type=fields[target].type)
                    ok = False
            if ok:
                out.append(RuleRef(name, {k: str(v) for k, v in args.items()},
                                   str(item.get("message") or "")))
        return tuple(out)

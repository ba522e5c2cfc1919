"""The checks of `binds:` roles, apart from the walk of the document in schema.py.

Why separate: the role rules are their own job (the vocabulary is data in roles.py) and
the schema walk was long enough. Three mistakes are refused, each naming the file, the
path and the field: an unknown role, a role on a field of a type that cannot carry it,
a unique role bound twice. A form of a kind whose services read roles (a consent) must
bind each of them; a missing one names the file and the role. Where a kind needs one
role of a group (the person answering a contact consent is the pregnant person or a
parent), binding none is missing_role and binding more than one conflicting_roles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from oro_desktop.core.datafiles import AuthoringError, authoring_error
from oro_desktop.core.forms.model import Field
from oro_desktop.core.forms.roles import REQUIRED_ONE_OF, REQUIRED_ROLES, ROLES


def check_roles(
    fields: Sequence[Field], kind: str, file: str, paths: Mapping[str, str]
) -> list[AuthoringError]:
    """Every role error of a definition's top-level `fields` (in form order)."""
    errors: list[AuthoringError] = []
    bound: dict[str, str] = {}  # role -> the first field id bound to it
    for f in fields:
        if f.binds is None:
            continue
        where = paths.get(f.id, "")
        role = ROLES.get(f.binds)
        if role is None:
            errors.append(authoring_error("unknown_role", file, f.id, path=where,
                                          role=f.binds, known=", ".join(sorted(ROLES))))
            continue
        if f.type not in role.types:
            errors.append(authoring_error("role_wrong_type", file, f.id, path=where,
                                          role=role.name, type=f.type,
                                          allowed=", ".join(sorted(role.types))))
        if role.unique and role.name in bound:
            errors.append(authoring_error("duplicate_role", file, f.id, path=where,
                                          role=role.name, other=bound[role.name]))
        bound.setdefault(role.name, f.id)
    for name in REQUIRED_ROLES.get(kind, ()):
        if name not in bound:
            errors.append(authoring_error("missing_role", file, "", path="", kind=kind, role=name))
    for group in REQUIRED_ONE_OF.get(kind, ()):
        present = [name for name in group if name in bound]
        if len(present) != 1:
            errors.append(authoring_error(
                "missing_role" if not present else "conflicting_roles", file,
                bound[present[-1]] if present else "",
                path=paths.get(bound[present[-1]], "") if present else "",
                kind=kind, role=" / ".join(group), roles=", ".join(present)))
    return errors

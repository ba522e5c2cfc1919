"""Forms are data: the definition model, its loader and the validation of filled data.

Public API (what the Qt builder, the PDF renderer, services and the CLI use):

- model: FormDefinition, Section, Field, Choice, Condition, Source, RuleRef, FIELD_TYPES
- FormLibrary(forms_dir).get(form_id, version=None) -> FormDefinition; .keys(); .versions()
- load_definition(path) -> FormDefinition (raises FormDefinitionError: .errors, all of them)
- validate(definition, data, *, today) -> list[Problem]  (Problem.field, Problem.message)
- is_visible / visible_field_ids / address_hidden / is_empty: shared value helpers
- RULES: the form-level rule registry; CATALOGUE: every authoring error (core/datafiles.py)
- roles: ROLES, Role, FORM_KINDS, REQUIRED_ROLES; definition.field_for(role) /
  fields_for(role); definition.kind; field.binds
- bounds: max_length(field), clip_data(definition, data), EARLIEST_DATE, LATEST_DATE
"""

from typing import TYPE_CHECKING, Any

# Eager, unlike the rest: the submodule has the function's name, and a later first import
# of the submodule would replace the package attribute `validate` with the module.
from oro_desktop.core.forms.validate import validate

if TYPE_CHECKING:
    from oro_desktop.core.forms.bounds import EARLIEST_DATE, LATEST_DATE, clip_data, max_length
    from oro_desktop.core.forms.errors import (
        CATALOGUE,
        AuthoringError,
        FormDefinitionError,
        FormNotFound,
    )
    from oro_desktop.core.forms.loader import FormLibrary, load_definition
    from oro_desktop.core.forms.model import (
        FIELD_TYPES,
        Choice,
        Condition,
        Field,
        FormDefinition,
        RuleRef,
        Section,
        Source,
    )
    from oro_desktop.core.forms.offer import FORM_SITUATIONS, forms_for_region
    from oro_desktop.core.forms.roles import FORM_KINDS, REQUIRED_ONE_OF, REQUIRED_ROLES, ROLES, Role
    from oro_desktop.core.forms.rules import RULES, Problem
    from oro_desktop.core.forms.values import (
        address_hidden,
        is_empty,
        is_protected,
        is_visible,
        visible_field_ids,
    )

# Where each public name lives. The submodules are imported on first use (PEP 562):
# importing one of them (core.consent needs only the model) must not load the loader,
# the schema and PyYAML, which the main window does not need before it is shown.
_HOME = {
    "EARLIEST_DATE": "oro_desktop.core.forms.bounds",
    "LATEST_DATE": "oro_desktop.core.forms.bounds",
    "clip_data": "oro_desktop.core.forms.bounds",
    "max_length": "oro_desktop.core.forms.bounds",
    "CATALOGUE": "oro_desktop.core.forms.errors",
    "AuthoringError": "oro_desktop.core.forms.errors",
    "FormDefinitionError": "oro_desktop.core.forms.errors",
    "FormNotFound": "oro_desktop.core.forms.errors",
    "FormLibrary": "oro_desktop.core.forms.loader",
    "load_definition": "oro_desktop.core.forms.loader",
    "FIELD_TYPES": "oro_desktop.core.forms.model",
    "Choice": "oro_desktop.core.forms.model",
    "Condition": "oro_desktop.core.forms.model",
    "Field": "oro_desktop.core.forms.model",
    "FormDefinition": "oro_desktop.core.forms.model",
    "RuleRef": "oro_desktop.core.forms.model",
    "Section": "oro_desktop.core.forms.model",
    "Source": "oro_desktop.core.forms.model",
    "FORM_SITUATIONS": "oro_desktop.core.forms.offer",
    "forms_for_region": "oro_desktop.core.forms.offer",
    "FORM_KINDS": "oro_desktop.core.forms.roles",
    "REQUIRED_ONE_OF": "oro_desktop.core.forms.roles",
    "REQUIRED_ROLES": "oro_desktop.core.forms.roles",
    "ROLES": "oro_desktop.core.forms.roles",
    "Role": "oro_desktop.core.forms.roles",
    "RULES": "oro_desktop.core.forms.rules",
    "Problem": "oro_desktop.core.forms.rules",
    "address_hidden": "oro_desktop.core.forms.values",
    "is_empty": "oro_desktop.core.forms.values",
    "is_protected": "oro_desktop.core.forms.values",
    "is_visible": "oro_desktop.core.forms.values",
    "visible_field_ids": "oro_desktop.core.forms.values",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "CATALOGUE", "AuthoringError", "FormDefinitionError", "FormNotFound", "FormLibrary",
    "load_definition", "FIELD_TYPES", "Choice", "Condition", "Field", "FormDefinition",
    "RuleRef", "Section", "Source", "RULES", "Problem", "validate", "address_hidden",
    "is_empty", "is_protected", "is_visible", "visible_field_ids", "ROLES", "Role",
    "FORM_KINDS", "REQUIRED_ROLES", "REQUIRED_ONE_OF", "FORM_SITUATIONS", "forms_for_region",
    "EARLIEST_DATE", "LATEST_DATE", "clip_data", "max_length",
]

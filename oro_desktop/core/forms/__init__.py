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
from oro_desktop.core.forms.validate import validate
from oro_desktop.core.forms.values import (
    address_hidden,
    is_empty,
    is_protected,
    is_visible,
    visible_field_ids,
)

__all__ = [
    "CATALOGUE", "AuthoringError", "FormDefinitionError", "FormNotFound", "FormLibrary",
    "load_definition", "FIELD_TYPES", "Choice", "Condition", "Field", "FormDefinition",
    "RuleRef", "Section", "Source", "RULES", "Problem", "validate", "address_hidden",
    "is_empty", "is_protected", "is_visible", "visible_field_ids", "ROLES", "Role",
    "FORM_KINDS", "REQUIRED_ROLES", "REQUIRED_ONE_OF", "FORM_SITUATIONS", "forms_for_region",
    "EARLIEST_DATE", "LATEST_DATE", "clip_data", "max_length",
]

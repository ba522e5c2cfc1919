"""Forms are data: the definition model, its loader and the validation of filled data.

Public API (what the Qt builder, the PDF renderer, services and the CLI use):

- model: FormDefinition, Section, Field, Choice, Condition, Source, RuleRef, FIELD_TYPES
- FormLibrary(forms_dir).get(form_id, version=None) -> FormDefinition; .keys(); .versions()
- load_definition(path) -> FormDefinition (raises FormDefinitionError: .errors, all of them)
- validate(definition, data, *, today) -> list[Problem]  (Problem.field, Problem.message)
- is_visible / visible_field_ids / address_hidden / is_empty: shared value helpers
- RULES: the form-level rule registry; CATALOGUE: every authoring error
"""

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
    "is_empty", "is_protected", "is_visible", "visible_field_ids",
]

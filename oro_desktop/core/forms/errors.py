"""The one catalogue of authoring errors (mistakes in a form definition file).

Why one catalogue (as pyxform has): every mistake a form author can make has a code and a
Swedish message template here, so tests can assert each one, the CLI can print them, and
the Qt builder can show the same words. Each error names the file and the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from oro_desktop.errors import OroError

#: code -> Swedish message template (str.format with the error's params).
CATALOGUE: dict[str, str] = {
    "yaml_syntax": "filen går inte att läsa som YAML: {detail}",
    "not_a_mapping": "{what} måste vara en mappning (nyckel: värde)",
    "unknown_key": "okänd nyckel ”{key}”",
    "missing_key": "nyckeln ”{key}” saknas",
    "bad_value": "”{key}” har fel värde: {detail}",
    "missing_label": "etikett (label) saknas",
    "duplicate_id": "id ”{id}” används mer än en gång",
    "bad_id": "id ”{id}” får bara innehålla a-z, 0-9, _ och - och börja med en bokstav",
    "unknown_type": "okänd fälttyp ”{type}” (tillåtna: {allowed})",
    "bad_choices": "felaktiga val: {detail}",
    "choices_not_allowed": "fälttypen ”{type}” har inga val (choices)",
    "bad_condition": "villkoret är felaktigt: {detail}",
    "condition_unknown_field": "villkoret hänvisar till fältet ”{target}” som inte finns",
    "condition_bad_value": "villkoret väntar sig värdet ”{value}” som inte är ett val i ”{target}”",
    "unknown_rule": "okänd regel ”{rule}” (kända: {known})",
    "bad_rule": "regeln ”{rule}” är felaktig: {detail}",
    "rule_unknown_field": "regeln ”{rule}” hänvisar till fältet ”{target}” som inte finns",
    "rule_wrong_type": "regeln ”{rule}” kan inte användas på ”{target}” av typen ”{type}”",
    "missing_text": "fast text (text) saknas",
    "missing_columns": "upprepade rader behöver kolumner (columns)",
    "bad_validation": "okänd eller felaktig validering: {detail}",
    "bad_kinds": "okänd typ av identitetsnummer: {detail}",
    "bad_reference": "”{key}” hänvisar till ”{target}” som inte är ett identitets- eller personfält",
    "file_name_mismatch": "filnamnet ska vara ”{expected}” för id och version i filen",
}


@dataclass(frozen=True)
class AuthoringError:
    """One mistake in a definition file. field is "" when the error is form-level."""

    code: str
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: fält ”{self.field}”" if self.field else self.file
        return f"{where}: {self.message}"


def authoring_error(code: str, file: str, field: str = "", **params: object) -> AuthoringError:
    """Build an error from the catalogue (KeyError on an unknown code: a bug here)."""
    return AuthoringError(code, file, field, CATALOGUE[code].format(**params))


class FormDefinitionError(OroError):
    """A definition file has authoring errors; `errors` holds all of them."""

    def __init__(self, errors: list[AuthoringError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class FormNotFound(OroError):
    """No definition with that id (and version)."""

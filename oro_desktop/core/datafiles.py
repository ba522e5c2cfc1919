"""One catalogue of authoring errors for every data file the app loads.

Why one catalogue (as pyxform has one): a form definition, a contact directory file and
a guideline file are all written by people, not by the program, and the same kinds of
mistake happen in each (an unknown key, a missing key, a value of the wrong type). Each
kind has one code and one message template here, in Swedish (what the app shows) and in
English (for developers and logs), so tests assert codes rather than wording, the CLI and
the GUI print the same words, and a new loader reuses the codes instead of inventing
new sentences.

Every error names three places:

- `file`: the file's name (never its full path: paths may hold user names);
- `path`: where in the document, as keys and 0-based list indices
  (`sections[2].fields[4]`, `entries[3].phones[0]`, "" for the whole file);
- `field`: the id of the element that is wrong (a form field's id, a contact entry's id;
  "" when the error is about the file or a part without an id).

`AuthoringError` is one mistake; `DataFileError` is a file (or a set of files) with one
or more mistakes, raised only after the whole file has been checked. Loaders subclass
`DataFileError` to give their own heading (`FormDefinitionError`, `DirectoryError`,
`GuidelineError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import NamedTuple

from oro_desktop.errors import InvalidInput

#: Files larger than this are refused before they are parsed (a data file is a few
#: hundred kB at most; a larger one is a mistake or an attack on the parser).
MAX_DATA_FILE_BYTES = 5 * 1024 * 1024


class Message(NamedTuple):
    """A message template in both languages (str.format with the error's params)."""

    sv: str
    en: str


#: code -> message templates. Codes are stable: tests, docs and users refer to them.
CATALOGUE: dict[str, Message] = {
    # -- any data file -----------------------------------------------------------------
    "file_unreadable": Message("filen kan inte läsas: {detail}",
                               "the file cannot be read: {detail}"),
    "file_too_large": Message("filen är för stor ({size} byte, högst {limit})",
                              "the file is too large ({size} bytes, at most {limit})"),
    "yaml_syntax": Message("filen går inte att läsa som YAML: {detail}",
                           "the file is not valid YAML: {detail}"),
    "not_a_mapping": Message("{what} måste vara en mappning (nyckel: värde)",
                             "{what} must be a mapping (key: value)"),
    "unknown_key": Message("okänd nyckel ”{key}”", "unknown key '{key}'"),
    "missing_key": Message("nyckeln ”{key}” saknas", "the key '{key}' is missing"),
    "wrong_type": Message("”{key}” ska vara {expected}", "'{key}' must be {expected_en}"),
    "bad_value": Message("”{key}” har fel värde: {detail}", "'{key}' has a bad value: {detail}"),
    "bad_date": Message("”{key}” är inget datum (ÅÅÅÅ-MM-DD): {value}",
                        "'{key}' is not a date (YYYY-MM-DD): {value}"),
    "bad_id": Message("id ”{id}” är felaktigt: {detail}", "id '{id}' is malformed: {detail}"),
    "duplicate_id": Message("id ”{id}” används mer än en gång{also}",
                            "id '{id}' is used more than once{also_en}"),
    "duplicate_value": Message("”{value}” står mer än en gång i ”{key}”",
                               "'{value}' appears more than once in '{key}'"),
    # -- form definitions (forms/*.yaml) -----------------------------------------------
    "missing_label": Message("etikett (label) saknas", "the label is missing"),
    "unknown_type": Message("okänd fälttyp ”{type}” (tillåtna: {allowed})",
                            "unknown field type '{type}' (allowed: {allowed})"),
    "bad_choices": Message("felaktiga val: {detail}", "bad choices: {detail}"),
    "choices_not_allowed": Message("fälttypen ”{type}” har inga val (choices)",
                                   "the field type '{type}' takes no choices"),
    "bad_condition": Message("villkoret är felaktigt: {detail}", "the condition is malformed: {detail}"),
    "condition_unknown_field": Message("villkoret hänvisar till fältet ”{target}” som inte finns",
                                       "the condition names the field '{target}', which does not exist"),
    "condition_bad_value": Message(
        "villkoret väntar sig värdet ”{value}” som inte är ett val i ”{target}”",
        "the condition expects the value '{value}', which is not a choice of '{target}'"),
    "unknown_rule": Message("okänd regel ”{rule}” (kända: {known})",
                            "unknown rule '{rule}' (known: {known})"),
    "bad_rule": Message("regeln ”{rule}” är felaktig: {detail}", "the rule '{rule}' is malformed: {detail}"),
    "rule_unknown_field": Message("regeln ”{rule}” hänvisar till fältet ”{target}” som inte finns",
                                  "the rule '{rule}' names the field '{target}', which does not exist"),
    "rule_wrong_type": Message(
        "regeln ”{rule}” kan inte användas på ”{target}” av typen ”{type}”",
        "the rule '{rule}' cannot be used on '{target}' of type '{type}'"),
    "missing_text": Message("fast text (text) saknas", "the fixed text is missing"),
    "missing_columns": Message("upprepade rader behöver kolumner (columns)",
                               "repeating rows need columns"),
    "bad_validation": Message("okänd eller felaktig validering: {detail}",
                              "unknown or malformed validation: {detail}"),
    "bad_kinds": Message("okänd typ av identitetsnummer: {detail}",
                         "unknown kind of identity number: {detail}"),
    "bad_reference": Message(
        "”{key}” hänvisar till ”{target}” som inte är ett identitets- eller personfält",
        "'{key}' names '{target}', which is not an identity or person field"),
    "file_name_mismatch": Message("filnamnet ska vara ”{expected}” för {named_by} i filen",
                                  "the file should be named '{expected}' for its {named_by_en}"),
    "unknown_role": Message("okänd roll ”{role}” i binds (kända: {known})",
                            "unknown role '{role}' in binds (known: {known})"),
    "role_wrong_type": Message(
        "rollen ”{role}” kan inte bindas till ett fält av typen ”{type}” (tillåtna: {allowed})",
        "the role '{role}' cannot be bound to a field of type '{type}' (allowed: {allowed})"),
    "duplicate_role": Message("rollen ”{role}” är redan bunden till fältet ”{other}”",
                              "the role '{role}' is already bound to the field '{other}'"),
    "missing_role": Message(
        "ett formulär av sorten ”{kind}” måste ha ett fält med binds: {role}",
        "a form of kind '{kind}' needs a field with binds: {role}"),
    "conflicting_roles": Message(
        "ett formulär av sorten ”{kind}” får binda bara en av {role}, inte {roles}",
        "a form of kind '{kind}' may bind only one of {role}, not {roles}"),
    # -- contact directory (resources/contacts/*.yaml, imports) ---------------------------
    "bad_phone": Message("telefonnumret ”{value}” innehåller inga siffror",
                         "the phone number '{value}' has no digits"),
    "bad_email": Message("ogiltig e-postadress ”{value}”", "invalid e-mail address '{value}'"),
    "bad_hours": Message("öppettiderna går inte att läsa: {detail}",
                         "the opening hours cannot be read: {detail}"),
    "unknown_municipality": Message("kommunen ”{value}” finns inte i filens kommunlista",
                                    "the municipality '{value}' is not in the file's list"),
    "region_mismatch": Message("region ”{value}” skiljer sig från filens ”{expected}”",
                               "region '{value}' differs from the file's '{expected}'"),
    # -- guideline and legal-reference files (resources/guidelines, resources/legal) ------
    "missing_source": Message(
        "källa (source) saknas: varje steg och regel ska peka på sin plats i riktlinjen",
        "the source is missing: every step and rule must point to its place in the guideline"),
    "unknown_legal_reference": Message("lagrummet ”{ref}” finns inte i lagrumsfilen",
                                       "the legal reference '{ref}' is not in the legal file"),
    "unknown_party": Message("parten ”{party}” finns inte bland parties",
                             "the party '{party}' is not among the parties"),
    "unknown_sector": Message("okänd sektor ”{sector}” (tillåtna: {allowed})",
                              "unknown sector '{sector}' (allowed: {allowed})"),
    "unknown_contact_kind": Message(
        "okänd typ av verksamhet ”{kind}” i kontaktkatalogen",
        "unknown kind of unit '{kind}' in the contact directory"),
    "steps_out_of_order": Message(
        "stegen ska stå i riktlinjens ordning: steg {number} kommer efter steg {previous}",
        "the steps must keep the guideline's order: step {number} comes after step {previous}"),
    "bad_alternatives": Message(
        "riktlinjen ska ha Alternativ 1 och Alternativ 2, i den ordningen",
        "the guideline must have Alternative 1 and Alternative 2, in that order"),
    "former_without_current": Message(
        "”{text}” hänvisar till tidigare SoL (2001:453) utan nuvarande SoL (2025:400) bredvid",
        "'{text}' cites the former SoL (2001:453) without the current SoL (2025:400) beside it"),
}

#: What a file's name is made of (the `named_by` parameter of file_name_mismatch), in
#: English: a form's name is its id and version, a guideline's its id.
NAMED_BY_EN: dict[str, str] = {
    "id och version": "id and version",
    "id": "id",
}

#: Swedish -> English for the `expected` parameter of wrong_type (kept here so every
#: loader says the same words).
EXPECTED_EN: dict[str, str] = {
    "text": "text",
    "true eller false": "true or false",
    "en lista": "a list",
    "en lista av text": "a list of text",
    "en mappning": "a mapping",
    "ett heltal": "an integer",
}


@dataclass(frozen=True)
class AuthoringError:
    """One mistake in one data file (see the module docstring for file, path, field)."""

    code: str
    file: str
    path: str
    field: str
    message: str
    english: str = dc_field(default="", compare=False)
    #: What `field` names, in Swedish, for the printed form: "fält" (a form's field),
    #: "post" (a contact entry), "steg", "part", "regel", "kategori" (a guideline's step,
    #: party, special rule, concern category), "lagrum" (a legal reference).
    element: str = dc_field(default="fält", compare=False)

    def __str__(self) -> str:
        parts = [self.file]
        if self.path:
            parts.append(self.path)
        if self.field:
            parts.append(f"{self.element} ”{self.field}”")
        return ": ".join(parts + [self.message])


class _Params(dict[str, object]):
    """Template parameters; an optional one that was not given prints as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


def authoring_error(
    code: str, file: str, field: str = "", *, path: str = "", element: str = "fält",
    **params: object,
) -> AuthoringError:
    """Build an error from the catalogue (KeyError on an unknown code: a bug in a loader)."""
    template = CATALOGUE[code]
    if code == "wrong_type":
        params.setdefault("expected_en", EXPECTED_EN.get(str(params.get("expected")),
                                                         str(params.get("expected"))))
    if code == "file_name_mismatch":
        params.setdefault("named_by", "id och version")
        params.setdefault("named_by_en", NAMED_BY_EN.get(str(params["named_by"]),
                                                         str(params["named_by"])))
    values = _Params(params)
    return AuthoringError(code, file, path, field, template.sv.format_map(values),
                          template.en.format_map(values), element)


def too_large(file: str, size: int) -> AuthoringError | None:
    """The file_too_large error when `size` bytes exceed MAX_DATA_FILE_BYTES, else None."""
    if size <= MAX_DATA_FILE_BYTES:
        return None
    return authoring_error("file_too_large", file, size=size, limit=MAX_DATA_FILE_BYTES)


class DataFileError(InvalidInput):
    """A data file has authoring errors; `errors` holds every one found, in file order.

    `heading` (a class attribute) is the Swedish first line; the errors follow, at most
    `SHOWN` of them in the message (all of them stay in `errors`).
    """

    heading = ""
    SHOWN = 20

    def __init__(self, errors: list[AuthoringError]) -> None:
        self.errors = list(errors)
        lines = [f"- {e}" if self.heading else str(e) for e in self.errors[: self.SHOWN]]
        if len(self.errors) > self.SHOWN:
            lines.append(f"… och {len(self.errors) - self.SHOWN} fel till")
        super().__init__("\n".join(([self.heading] if self.heading else []) + lines))

    @property
    def codes(self) -> list[str]:
        """The codes of all errors, in order (what tests and tools compare)."""
        return [e.code for e in self.errors]

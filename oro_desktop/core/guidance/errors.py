"""Authoring errors in guideline and legal-reference files, and bad situations.

Why a catalogue of its own for now: the "forms" helper is generalising the form
catalogue into core/datafiles.py. Until that lands these codes live here, in one
explicit dict, so the lead can fold them into the shared catalogue in one move. The
error objects are the forms' `AuthoringError` (code, file, field, message), so every
error names the file and the field path ("alternatives[2].steps[1].contact.kind").
"""

from __future__ import annotations

from oro_desktop.core.forms.errors import AuthoringError
from oro_desktop.errors import InvalidInput, OroError

#: code -> Swedish message template (str.format with the error's params).
GUIDANCE_CATALOGUE: dict[str, str] = {
    "yaml_syntax": "filen går inte att läsa som YAML: {detail}",
    "file_too_large": "filen är för stor ({size} byte, högst {limit})",
    "not_a_mapping": "{what} måste vara en mappning (nyckel: värde)",
    "not_a_list": "{what} måste vara en lista",
    "unknown_key": "okänd nyckel ”{key}”",
    "missing_key": "nyckeln ”{key}” saknas",
    "bad_value": "”{key}” har fel värde: {detail}",
    "bad_date": "”{key}” ska vara ett datum ÅÅÅÅ-MM-DD, inte ”{value}”",
    "bad_id": "id ”{id}” får bara innehålla a-z, 0-9, _ och - och börja med en bokstav",
    "duplicate_id": "id ”{id}” används mer än en gång",
    "unknown_legal_reference": "lagrummet ”{ref}” finns inte i lagrumsfilen",
    "unknown_party": "parten ”{party}” finns inte bland parties",
    "unknown_sector": "okänd sektor ”{sector}” (tillåtna: {allowed})",
    "unknown_rule": "okänd särskild regel ”{rule}” (kända: {known})",
    "unknown_kind": "okänd typ av verksamhet ”{kind}” i kontaktkatalogen",
    "steps_out_of_order": "stegen ska stå i riktlinjens ordning: steg {number} kommer efter steg {previous}",
    "bad_alternatives": "riktlinjen ska ha Alternativ 1 och Alternativ 2, i den ordningen",
    "missing_source": "källa (source) saknas: varje steg och regel ska peka på sin plats i riktlinjen",
    "file_name_mismatch": "filnamnet ska vara ”{expected}” för id:t i filen",
    "former_without_current": "”{text}” hänvisar till tidigare SoL (2001:453) utan nuvarande SoL (2025:400) bredvid",
}


def guidance_error(code: str, file: str, field: str = "", **params: object) -> AuthoringError:
    """Build an error from the catalogue (KeyError on an unknown code: a bug here)."""
    return AuthoringError(code, file, field, GUIDANCE_CATALOGUE[code].format(**params))


class GuidelineError(OroError):
    """A guideline or legal-reference file has authoring errors; `errors` holds all."""

    exit_code = 2

    def __init__(self, errors: list[AuthoringError]) -> None:
        self.errors = list(errors)
        shown = "\n".join(str(e) for e in self.errors[:20])
        more = f"\n… och {len(self.errors) - 20} fel till" if len(self.errors) > 20 else ""
        super().__init__(shown + more)


class SituationError(InvalidInput):
    """A situation that cannot be guided: one Swedish line saying what is wrong."""

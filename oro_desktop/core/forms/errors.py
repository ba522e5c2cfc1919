"""Authoring errors of form definitions: the shared catalogue, with the forms' heading.

Why a module of its own still: the catalogue now lives in `core/datafiles.py` (one for
every data file the app loads), but `AuthoringError`, `FormDefinitionError` and
`authoring_error` have always been imported from here, and loaders of other files
(guidelines) import them from here too. They are the same objects, re-exported.
"""

from __future__ import annotations

from oro_desktop.core.datafiles import (
    CATALOGUE,
    AuthoringError,
    DataFileError,
    authoring_error,
)
from oro_desktop.errors import OroError

__all__ = ["CATALOGUE", "AuthoringError", "FormDefinitionError", "FormNotFound",
           "authoring_error"]


class FormDefinitionError(DataFileError):
    """A definition file has authoring errors; `errors` holds all of them.

    No heading: each line already starts with the file name, which is what the CLI's
    `forms check` prints one per line.
    """


class FormNotFound(OroError):
    """No definition with that id (and version)."""

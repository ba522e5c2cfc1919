"""Bounded reading of everything that comes from outside: files, text, numbers, dates.

Why one place: a file a user names, an argument, an environment variable or a pasted
value can be anything (20 MB, 100 000 nested brackets, a 5 000-digit number, bytes
that are not UTF-8, a directory, a device, a symlink loop). Python's own parsers answer
such input with RecursionError, ValueError from int() or UnicodeDecodeError, which
reach the user as a traceback. Everything here either returns a value within bounds or
raises `InvalidInput` with one Swedish line, before anything is written. The CLI
(`oro_desktop/cli/inputs.py`) and the services use these functions; none of them
touches the store.
"""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

from oro_desktop.errors import InvalidInput

MAX_JSON_BYTES = 2 * 1024 * 1024       # a filled form is a few kB
MAX_YAML_BYTES = 8 * 1024 * 1024       # the largest shipped contact file is ~16 kB
MAX_DEPTH = 32                         # deepest real data: form rows in a list, ~4
MAX_YAML_ALIASES = 100                 # no billion-laughs expansion
MAX_INT_DIGITS = 18                    # fits SQLite's 64-bit INTEGER
MAX_TEXT = 10_000                      # one argument or environment value
MAX_SECRET = 1024                      # a password or recovery key, in characters
MIN_YEAR, MAX_YEAR = 1900, 2200        # dates outside are typing errors, not data

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BRACKETS = re.compile(r"[\[\]{}]")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def _p(what: str) -> str:
    """'what: ' as a message prefix, or '' (argparse names the option itself)."""
    return f"{what}: " if what else ""


# -- text --------------------------------------------------------------------------

def check_text(value: str, what: str, *, max_len: int = MAX_TEXT,
               allow_newlines: bool = False) -> str:
    """`value` if it is valid Unicode without control characters and not too long."""
    if not isinstance(value, str):
        raise InvalidInput(f"{_p(what)}ska vara text.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"{_p(what)}innehåller tecken som inte är giltig UTF-8.") from None
    if len(value) > max_len:
        raise InvalidInput(f"{_p(what)}för långt (högst {max_len} tecken).")
    bad = _CONTROL.search(value) or (None if allow_newlines else re.search(r"[\n\r]", value))
    if bad:
        raise InvalidInput(f"{_p(what)}innehåller otillåtna kontrolltecken.")
    return value


def decode_utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{what}: är inte giltig UTF-8-text.") from None


# -- numbers and dates -----------------------------------------------------------------


def parse_int(text: str, what: str, *, minimum: int, maximum: int) -> int:
    """A whole number within [minimum, maximum]; no 5 000-digit int() conversions."""
    cleaned = str(text).strip()
    if not re.fullmatch(r"[+-]?[0-9]{1,%d}" % MAX_INT_DIGITS, cleaned):
        if re.fullmatch(r"[+-]?[0-9]+", cleaned):
            raise InvalidInput(f"{_p(what)}ska vara mellan {minimum} och {maximum}.")
        raise InvalidInput(f"{_p(what)}ska vara ett heltal.")
    value = int(cleaned)
    if not minimum <= value <= maximum:
        raise InvalidInput(f"{_p(what)}ska vara mellan {minimum} och {maximum}.")
    return value


def check_date(value: date, what: str) -> date:
    """`value` if its year is within 1900–2200 (the whole app's date range)."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InvalidInput(f"{_p(what)}datumet måste ligga mellan {MIN_YEAR} och {MAX_YEAR}.")
    return value


def parse_date(text: str, what: str) -> date:
    """ÅÅÅÅ-MM-DD, a real calendar day, 1900–2200."""
    cleaned = str(text).strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cleaned):
        raise InvalidInput(f"{_p(what)}ange ett datum som ÅÅÅÅ-MM-DD.")
    try:
        value = date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidInput(f"{_p(what)}{cleaned} är inget giltigt datum.") from None
    return check_date(value, what)


def parse_moment(text: str, what: str) -> date | datetime:
    """ÅÅÅÅ-MM-DD or ÅÅÅÅ-MM-DD TT:MM[:SS] (with a space or T), 1900–2200."""
    cleaned = str(text).strip()
    match = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}:[0-9]{2}(?::[0-9]{2})?))?",
                         cleaned)
    if not match:
        raise InvalidInput(f"{_p(what)}ange ett datum som ÅÅÅÅ-MM-DD (eventuellt med TT:MM).")
    day = parse_date(match.group(1), what)
    if match.group(2) is None:
        return day
    try:
        return datetime.fromisoformat(f"{match.group(1)}T{match.group(2)}")
    except ValueError:
        raise InvalidInput(f"{_p(what)}{cleaned} är ingen giltig tidpunkt.") from None


# -- files -----------------------------------------------------------------------------

def read_file(path: Path | str, what: str, *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or one Swedish line why not.

    Directories, devices, FIFOs, missing files, symlink loops and unreadable files are
    refused before any byte is read (a FIFO or /dev/zero would otherwise block or never end).
    """
    name = str(path)
    try:
        check_text(name, what, max_len=4096)
        info = os.stat(name)
    except InvalidInput:
        raise
    except FileNotFoundError:
        raise InvalidInput(f"{what}: Filen finns inte: {name}") from None
    except PermissionError:
        raise InvalidInput(f"{what}: ingen behörighet att läsa {name}") from None
    except OSError as exc:  # ELOOP, ENAMETOOLONG, ENOTDIR ...
        raise InvalidInput(f"{what}: kan inte läsa {name} ({exc.strerror or exc}).") from None
    except ValueError:  # embedded NUL
        raise InvalidInput(f"{what}: ogiltigt filnamn.") from None
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput(f"{what}: {name} är en katalog, inte en fil.")
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{what}: {name} är ingen vanlig fil.")
    if info.st_size > max_bytes:
        raise InvalidInput(f"{what}: {name} är för stor (högst {max_bytes // 1024} kB).")
    try:
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InvalidInput(f"{what}: ingen behörighet att läsa {name}") from None
    except OSError as exc:
        raise InvalidInput(f"{what}: kan inte läsa {name} ({exc.strerror or exc}).") from None
    if len(data) > max_bytes:
        raise InvalidInput(f"{what}: {name} är för stor (högst {max_bytes // 1024} kB).")
    return data


def check_output_path(path: Path | str, what: str) -> Path:
    """A file the program may create or replace: not a directory, device or FIFO, and
    in a folder that exists. (Replacing /dev/null by rename would turn the device into a
    file when run as root.)"""
    name = check_text(str(path), what, max_len=4096)
    target = Path(name)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InvalidInput(f"{what}: kan inte använda {name} ({exc.strerror or exc}).") from None
    except ValueError:
        raise InvalidInput(f"{what}: ogiltigt filnamn.") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput(f"{what}: {name} är en katalog; ange ett filnamn.")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(f"{what}: {name} är ingen vanlig fil.")
    elif target.is_symlink():
        raise InvalidInput(f"{what}: {name} är en trasig symbolisk länk.")
    parent = target.parent
    if not parent.is_dir():
        raise InvalidInput(f"{what}: mappen {parent} finns inte.")
    return target


def read_text_file(path: Path | str, what: str, *, max_bytes: int) -> str:
    return decode_utf8(read_file(path, what, max_bytes=max_bytes), f"{what} ({path})")


# -- JSON ------------------------------------------------------------------------------

def _json_depth(text: str) -> int:
    deepest = depth = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def loads_json(text: str, what: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON with bounded nesting, bounded integers and no NaN/Infinity."""
    if len(text) > MAX_JSON_BYTES:
        raise InvalidInput(f"{what}: för stor (högst {MAX_JSON_BYTES // 1024} kB).")
    if _json_depth(text) > max_depth:
        raise InvalidInput(f"{what}: för djupt nästlad (högst {max_depth} nivåer).")

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            raise InvalidInput(f"{what}: ett tal har för många siffror (högst {MAX_INT_DIGITS}).")
        return int(digits)

    def number(digits: str) -> float:
        if len(digits) > 64:
            raise InvalidInput(f"{what}: ett tal har för många siffror.")
        value = float(digits)
        if value in (float("inf"), float("-inf")):
            raise InvalidInput(f"{what}: ett tal är för stort.")
        return value

    def constant(name: str) -> Any:
        raise InvalidInput(f"{what}: {name} är inget giltigt JSON-värde.")

    try:
        return json.loads(text, parse_int=integer, parse_float=number, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{what}: ogiltig JSON (rad {exc.lineno}, kolumn {exc.colno}).") from None
    except RecursionError:  # belt and braces; the depth scan should have caught it
        raise InvalidInput(f"{what}: för djupt nästlad.") from None


def load_json_file(path: Path | str, what: str, *, max_bytes: int = MAX_JSON_BYTES) -> Any:
    return loads_json(read_text_file(path, what, max_bytes=max_bytes), f"{what} ({path})")


def load_json_object(path: Path | str, what: str) -> dict[str, Any]:
    data = load_json_file(path, what)
    if not isinstance(data, dict):
        raise InvalidInput(f"{what} ({path}): ska innehålla ett JSON-objekt (fält-id: värde).")
    return data


# -- YAML ------------------------------------------------------------------------------

def check_yaml_text(text: str, what: str, *, max_depth: int = MAX_DEPTH,
                    max_bytes: int = MAX_YAML_BYTES) -> None:
    """Refuse YAML that is too large, too deep or alias-heavy, without building it.

    PyYAML's event parser is iterative, so walking the events is safe on any input;
    its composer and constructor recurse, so they must only ever see checked text.
    """
    import yaml  # not at import: start-up time

    _EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if len(text) > max_bytes:
        raise InvalidInput(f"{what}: för stor (högst {max_bytes // 1024} kB).")
    depth = aliases = 0
    try:
        for event in yaml.parse(text, Loader=_EventLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > max_depth:
                    raise InvalidInput(f"{what}: för djupt nästlad (högst {max_depth} nivåer).")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_YAML_ALIASES:
                    raise InvalidInput(f"{what}: för många YAML-alias (högst {MAX_YAML_ALIASES}).")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark is not None else ""
        raise InvalidInput(f"{what}: ogiltig YAML{where}.") from None
    except RecursionError:
        raise InvalidInput(f"{what}: för djupt nästlad.") from None
    # Building the values can still fail on a valid stream: a 5 000-digit integer
    # (Python's int limit), a date like 2026-13-01 (YAML's timestamp type).
    try:
        yaml.load(text, Loader=_EventLoader)
    except yaml.YAMLError:
        raise InvalidInput(f"{what}: ogiltig YAML.") from None
    except (ValueError, OverflowError, TypeError):
        raise InvalidInput(f"{what}: ett värde går inte att läsa (för långt tal eller "
                           "ogiltigt datum).") from None


def loads_yaml(text: str, what: str) -> Any:
    import yaml

    check_yaml_text(text, what)
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_yaml_file(path: Path | str, what: str, *, max_bytes: int = MAX_YAML_BYTES) -> Any:
    return loads_yaml(read_text_file(path, what, max_bytes=max_bytes), f"{what} ({path})")

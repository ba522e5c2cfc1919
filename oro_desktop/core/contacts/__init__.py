"""The contact directory's pure core: model, opening hours, search, lookup, "now".

No Qt, no SQL: the services layer adds the store's local overrides, the GUI and the CLI
only show what these functions return.
"""

from oro_desktop.core.contacts.hours import (
    HoursError,
    HoursRule,
    OpeningHours,
    format_hours,
    is_open,
    next_change,
    parse_hours,
)
from oro_desktop.core.contacts.holidays import SWEDISH_HOLIDAYS, easter_sunday, swedish_holidays
from oro_desktop.core.contacts.kinds import canonical_kind
from oro_desktop.core.contacts.loader import (
    DirectoryError,
    RegionDirectory,
    dump_directory,
    entry_from_payload,
    entry_to_data,
    load_directory,
    load_file,
    parse_directory,
)
from oro_desktop.core.contacts.lookup import lookup, lookup_text, municipality_key, parse_lookup
from oro_desktop.core.contacts.model import (
    ContactEntry,
    Override,
    Phone,
    Source,
    is_stale,
    NOT_VERIFIED_TEXT,
    merge,
    verified_text,
    stale_since,
)
from oro_desktop.core.contacts.now import (
    DEFAULT_OFFICE_HOURS,
    EMERGENCY_112,
    NowItem,
    NowState,
    NowStatus,
    NowView,
    entry_status,
    is_after_hours_route,
    now_view,
    regions_without_route,
)
from oro_desktop.core.contacts.search import SearchIndex, directory_order
from oro_desktop.core.contacts.text import normalise, search_terms

__all__ = [
    "ContactEntry", "NOT_VERIFIED_TEXT", "verified_text", "DEFAULT_OFFICE_HOURS", "EMERGENCY_112", "regions_without_route", "directory_order", "DirectoryError", "HoursError", "HoursRule",
    "NowItem", "NowState", "NowStatus", "NowView", "OpeningHours", "Override", "Phone",
    "RegionDirectory", "SWEDISH_HOLIDAYS", "SearchIndex", "Source", "canonical_kind", "dump_directory", "easter_sunday",
    "entry_from_payload", "entry_status", "entry_to_data", "format_hours",
    "is_after_hours_route", "is_open", "is_stale", "load_directory", "load_file", "lookup",
    "lookup_text", "merge", "municipality_key", "next_change", "normalise", "now_view",
    "parse_directory", "parse_hours", "parse_lookup", "search_terms", "stale_since", "swedish_holidays",
]

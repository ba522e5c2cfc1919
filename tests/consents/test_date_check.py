"""A consent save refuses dates outside 1900-2200 in any date field, rows included,
before anything is written (issue 9.6)."""

from __future__ import annotations

import pytest

from oro_desktop.core.forms.model import Field, FormDefinition, Section, Source
from oro_desktop.errors import InvalidInput
from oro_desktop.services.consent_base import check_dates

DEF = FormDefinition("f", 1, "F", Source("Test"), (Section("s", "S", (
    Field("period", "date_range", "Period"),
    Field("insatser", "repeating", "Insatser", columns=(Field("fran", "date", "Från"),)),
)),))


def test_dates_in_ranges_and_rows_are_checked():
    check_dates(DEF, {"insatser": [{"fran": "2026-03-01"}], "period": {"from": "1900-01-01",
                                                                       "to": "2200-12-31"}})
    with pytest.raises(InvalidInput, match="Från: 2201-01-01"):
        check_dates(DEF, {"insatser": [{"fran": "2026-03-01"}, {"fran": "2201-01-01"}]})
    with pytest.raises(InvalidInput, match="Period: 1899-12-31"):
        check_dates(DEF, {"period": {"from": "1899-12-31", "to": "2026-01-01"}})

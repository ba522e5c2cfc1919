"""The shared data-file reader (core/datafile_reader.py) on its own, outside any loader.

Why: the guideline files and the barnhälsoteam file both read through it; these tests
pin what the base class does so a change to one loader's needs cannot quietly change the
other's.
"""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.datafile_reader import (
    MAX_TEXT, Reader, join, last_key, parse_yaml, read_yaml,
)
from oro_desktop.core.datafiles import DataFileError


class _Error(DataFileError):
    heading = "Testfilen innehåller fel:"


class _Reader(Reader):
    error_type = _Error


def test_join_and_last_key_follow_the_catalogue_path_syntax():
    assert join("", "steps") == "steps"
    assert join("alternatives", 1) == "alternatives[1]"
    assert join("alternatives[1]", "steps") == "alternatives[1].steps"
    assert last_key("alternatives[1].steps[0]") == "steps"
    assert last_key("") == "filen"


def test_fields_read_with_neutral_defaults_and_every_error_collected():
    r = _Reader("t.yaml")
    data = r.mapping({"title": "  Två   ord ", "count": "tre", "flag": 1, "when": "2024-02-30",
                      "kind": "c", "id": "Bad Id", "tags": ["a", 3, " b "], "extra": 1},
                     "", required=("title", "missing"),
                     optional=("count", "flag", "when", "kind", "id", "tags"))
    assert r.text(data, "title", "") == "Två ord"
    assert r.integer(data, "count", "") == 0
    assert r.boolean(data, "flag", "") is False
    assert r.date(data, "when", "") is None
    assert r.choice(data, "kind", "", ("a", "b")) == "a"
    assert r.ident(data, "id", "") == "Bad Id"
    assert r.strings(data, "tags", "") == ("a", "b")
    assert [(e.code, e.path) for e in r.errors] == [
        ("unknown_key", "extra"), ("missing_key", ""), ("wrong_type", "count"),
        ("wrong_type", "flag"), ("bad_date", "when"), ("bad_value", "kind"), ("bad_id", "id"),
        ("wrong_type", "tags[1]"),
    ]
    # The bad id is the error's field; no element tracking in the base class.
    assert r.errors[6].field == "Bad Id"
    with pytest.raises(_Error) as caught:
        r.raise_if_errors()
    assert str(caught.value).splitlines()[0] == "Testfilen innehåller fel:"
    assert caught.value.codes[0] == "unknown_key"


def test_good_values_give_no_errors():
    r = _Reader("t.yaml")
    data = {"n": 1000, "d": date(2024, 1, 2), "s": "2024-01-03", "b": True, "id": "ok-1"}
    assert (r.integer(data, "n", ""), r.date(data, "d", ""), r.date(data, "s", "")) == (
        1000, date(2024, 1, 2), date(2024, 1, 3))
    assert r.boolean(data, "b", "") is True and r.ident(data, "id", "") == "ok-1"
    assert r.text(data, "absent", "") == "" and r.strings(data, "absent", "") == ()
    r.raise_if_errors()
    assert r.errors == []


def test_bounds_on_numbers_and_text():
    r = _Reader("t.yaml")
    assert r.integer({"n": 1001}, "n", "x") == 0
    assert r.text({"t": "a" * (MAX_TEXT + 1)}, "t", "x") == ""
    assert r.text({"t": "   "}, "t", "x") == ""
    assert r.text({"t": "   "}, "t", "x", required=False) == ""
    assert [(e.code, e.path) for e in r.errors] == [
        ("bad_value", "x.n"), ("bad_value", "x.t"), ("bad_value", "x.t")]


def test_nothing_more_is_reported_below_a_missing_or_wrong_part():
    r = _Reader("t.yaml")
    top = r.mapping({"a": 5}, "", required=("a", "b"))
    r.mapping(top.get("a"), "a", required=("x",))      # not a mapping: one error
    r.mapping(None, "a.x", required=("y",))            # below it: silent
    r.mapping(top.get("b"), "b", required=("z",))      # b was reported missing: silent
    assert [(e.code, e.path) for e in r.errors] == [("missing_key", ""), ("not_a_mapping", "a")]


def test_sequence_reports_a_non_list_with_the_key_it_was_found_under():
    r = _Reader("t.yaml")
    assert r.sequence(None, "p.items", "items") == []
    assert r.sequence(None, "p.items", "items", optional=False) == []
    assert r.sequence(["a"], "p.items", "items") == ["a"]
    assert [(e.code, e.path) for e in r.errors] == [("wrong_type", "p.items")]


def test_read_yaml_bounds_the_file_and_names_it(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("a: [1, 2]\n", encoding="utf-8")
    assert read_yaml(good, _Error) == {"a": [1, 2]}
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 200, encoding="utf-8")
    with pytest.raises(_Error) as caught:
        read_yaml(big, _Error, limit=100)
    assert caught.value.codes == ["file_too_large"] and caught.value.errors[0].file == "big.yaml"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("a: å".encode("latin-1"))
    with pytest.raises(_Error) as caught:
        read_yaml(latin, _Error)
    assert caught.value.codes == ["file_unreadable"]
    with pytest.raises(_Error) as caught:
        parse_yaml("a: [1,\n", "x.yaml", _Error)
    assert caught.value.codes == ["yaml_syntax"]
    with pytest.raises(_Error) as caught:
        parse_yaml("[" * 100_000, "x.yaml", _Error)
    assert caught.value.codes == ["yaml_syntax"]

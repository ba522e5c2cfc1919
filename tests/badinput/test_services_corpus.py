"""Bad input over the services (the API of the GUI and the CLI), with a session open:
each is refused with an OroError of one line, and the store's bytes do not change."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from oro_desktop.errors import OroError
from oro_desktop.paths import resources_dir
from oro_desktop.services import audit_review, audit_view, inputs
from oro_desktop.services.contacts import ContactService
from oro_desktop.services.output import write_private_file
from oro_desktop.services.session import Session

from .conftest import ADMIN, PW
from .test_cli_corpus import JSON_BODIES, YAML_BODIES

TODAY = date.today()
GOOD = dict(period_from=TODAY - timedelta(days=30), period_to=TODAY)
HOSTILE = ["dir", "empty", "loop1", "dangling", "fifo", "garbage", "not-utf8", "utf16", "huge",
           "nowhere"]


@pytest.fixture(scope="module")
def open_session(corpus):
    session = Session.unlock(corpus.db, ADMIN, PW, verify=False)
    review = audit_review.draw_sample(session, user=ADMIN, size=2, **GOOD)
    yield session, review.summary.id
    session.close()


def _calls():
    c: list[tuple[str, object]] = []
    add = lambda name, fn: c.append((name, fn))  # noqa: E731
    # pure checks of services/inputs.py
    for name, body in JSON_BODIES.items():
        if name in ("BOM", "null", "array", "number", "string", "true"):
            continue  # valid JSON, refused as form data by load_json_object (files below)
        add(f"loads_json {name}", lambda s, r, f, body=body: inputs.loads_json(body, "data"))
    for name, body in YAML_BODIES.items():
        if name in ("a string", "a list", "null", "wrong types", "empty document"):
            continue  # valid YAML; refused by the contact loader instead (below)
        add(f"loads_yaml {name}", lambda s, r, f, body=body: inputs.loads_yaml(body, "fil"))
    for bad in ["2026-13-01", "1899-12-31", "2201-01-01", "x", "", "２０２６-01-01", "2026-02-30"]:
        add(f"parse_date {bad!r}", lambda s, r, f, bad=bad: inputs.parse_date(bad, "Datum"))
        add(f"parse_moment {bad!r}", lambda s, r, f, bad=bad: inputs.parse_moment(bad, "Tid"))
    for bad in ["99999999999999999999", "-1", "x", "٣", "1.0", ""]:
        add(f"parse_int {bad!r}", lambda s, r, f, bad=bad: inputs.parse_int(bad, "N", minimum=0,
                                                                           maximum=100))
    for bad in ["a\x00b", "a\udcffb", "x" * 20_000, 5, None, b"bytes"]:
        add(f"check_text {str(bad)[:12]!r}", lambda s, r, f, bad=bad: inputs.check_text(bad, "T"))
    for name in HOSTILE + ["nul", "json-null", "json-array", "json-number", "json-string",
                           "json-true", "json-BOM"]:
        add(f"load_json_object {name}", lambda s, r, f, name=name: inputs.load_json_object(
            f / name, "Filen"))
    add("read_file /dev/zero", lambda s, r, f: inputs.read_file("/dev/zero", "F", max_bytes=10))
    add("read_file NUL in name", lambda s, r, f: inputs.read_file("a\x00b", "F", max_bytes=10))
    # the audit log
    for name, kwargs in [("limit 0", dict(limit=0)), ("limit -1", dict(limit=-1)),
                         ("limit 10**20", dict(limit=10**20)), ("limit True", dict(limit=True)),
                         ("limit str", dict(limit="5")), ("limit float", dict(limit=1.5)),
                         ("since 1800", dict(since=date(1800, 1, 1))),
                         ("until 2300", dict(until=datetime(2300, 1, 1))),
                         ("since str", dict(since="2026-01-01")),
                         ("user NUL", dict(user="a\x00")), ("record long", dict(record="r" * 300))]:
        add(f"audit_view.search {name}", lambda s, r, f, kw=kwargs: audit_view.search(s, **kw))
    # log review: drawing
    for name, kwargs in [
        ("size 0", dict(user="x", size=0, **GOOD)), ("size 501", dict(user="x", size=501, **GOOD)),
        ("size True", dict(user="x", size=True, **GOOD)),
        ("size str", dict(user="x", size="5", **GOOD)),
        ("size float", dict(user="x", size=5.0, **GOOD)),
        ("size None", dict(user="x", size=None, **GOOD)),
        ("from str", dict(user="x", size=1, period_from="2026-01-01", period_to=TODAY)),
        ("reversed", dict(user="x", size=1, period_from=TODAY, period_to=TODAY - timedelta(1))),
        ("from 1800", dict(user="x", size=1, period_from=date(1800, 1, 1), period_to=TODAY)),
        ("to 2300", dict(user="x", size=1, period_from=TODAY, period_to=date(2300, 1, 1))),
        ("no scope", dict(size=1, **GOOD)),
        ("both scopes", dict(user="x", person="19121212-1212", size=1, **GOOD)),
        ("person text", dict(person="inte ett nummer", size=1, **GOOD)),
        ("person bad checksum", dict(person="19121212-1213", size=1, **GOOD)),
        ("person unknown", dict(person="19121212-1212", size=1, **GOOD)),
        ("person long", dict(person="1" * 40, size=1, **GOOD)),
        ("person NUL", dict(person="1912\x001212-1212", size=1, **GOOD)),
        ("user NUL", dict(user="a\x00b", size=1, **GOOD)),
        ("user int", dict(user=5, size=1, **GOOD)),
        ("action unknown", dict(user="x", size=1, actions=("teleport",), **GOOD)),
        ("actions empty", dict(user="x", size=1, actions=(), **GOOD)),
        ("actions list", dict(user="x", size=1, actions=["read"], **GOOD)),
    ]:
        add(f"draw_sample {name}", lambda s, r, f, kw=kwargs: audit_review.draw_sample(s, **kw))
    # log review: marking and reading
    for name, args, kwargs in [
        ("review 0", (0, 1), dict(verdict="ok")), ("review -1", (-1, 1), dict(verdict="ok")),
        ("review str", ("1", 1), dict(verdict="ok")), ("review True", (True, 1), dict(verdict="ok")),
        ("review huge", (10**30, 1), dict(verdict="ok")),
        ("review missing", (424242, 1), dict(verdict="ok")),
        ("entry not drawn", (None, 10**9), dict(verdict="ok")),
        ("entry str", (None, "1"), dict(verdict="ok")),
        ("verdict unknown", (None, 1), dict(verdict="bra")),
        ("verdict None", (None, 1), dict(verdict=None)),
        ("verdict list", (None, 1), dict(verdict=["ok"])),
        ("note too long", (None, 1), dict(verdict="ok", note="n" * 3000)),
        ("note NUL", (None, 1), dict(verdict="ok", note="a\x00b")),
        ("note int", (None, 1), dict(verdict="ok", note=5)),
        ("remark without note", (None, 1), dict(verdict="remark", note="   ")),
    ]:
        add(f"mark {name}", lambda s, r, f, a=args, kw=kwargs: audit_review.mark(
            s, r if a[0] is None else a[0], a[1], **kw))
    add("get_review missing", lambda s, r, f: audit_review.get_review(s, 424242))
    add("review_pdf missing", lambda s, r, f: audit_review.review_pdf(s, 424242))
    # contacts import check (the service the GUI's import uses)
    for name in HOSTILE:
        add(f"contacts check_import {name}", lambda s, r, f, name=name: _contacts(s).check_import(
            f / name))
    for name in YAML_BODIES:
        add(f"contacts check_import yaml {name}", lambda s, r, f, name=name: _contacts(s)
            .check_import(f / ("yaml-" + name.replace(" ", "-"))))
    # private files
    add("write_private_file to a directory", lambda s, r, f: write_private_file(f / "dir", b"x"))
    add("write_private_file to a device", lambda s, r, f: write_private_file(
        Path("/dev/null"), b"x"))
    add("write_private_file to a FIFO", lambda s, r, f: write_private_file(f / "fifo", b"x"))
    add("check_output_path dangling link", lambda s, r, f: inputs.check_output_path(
        f / "dangling", "Ut"))
    add("write_private_file missing folder", lambda s, r, f: write_private_file(
        f / "nope" / "x.pdf", b"x"))
    return c


def _contacts(session) -> ContactService:
    return ContactService(session, resources_dir() / "contacts")


CALLS = _calls()


def test_the_service_corpus_is_large_enough():
    assert len(CALLS) >= 100
    assert len({n for n, _ in CALLS}) == len(CALLS)


@pytest.mark.parametrize("name, call", CALLS, ids=[n for n, _ in CALLS])
def test_service_refuses_with_one_line_and_changes_nothing(name, call, corpus, open_session):
    for prefix, bodies in (("yaml-", YAML_BODIES), ("json-", JSON_BODIES)):
        for key, body in bodies.items():
            path = corpus.files / (prefix + key.replace(" ", "-"))
            if not path.exists():
                path.write_bytes(body.encode("utf-8"))
    session, review_id = open_session
    before = corpus.digest()
    with pytest.raises(OroError) as info:
        call(session, review_id, Path(corpus.files))
    message = info.value.message
    assert message and "\n" not in message.strip() or name.startswith("contacts check_import")
    if name.startswith("contacts check_import"):
        assert info.value.errors and all("\n" not in str(e) for e in info.value.errors)
    assert corpus.digest() == before

"""Bad input over `oro-admin`, in-process: every case is refused with one line, no
traceback, a non-zero exit, and (unless marked) the store's bytes unchanged."""

from __future__ import annotations

import os

import pytest

from .conftest import ADMIN, CLINICIAN, CLINICIAN_PW, PW, assert_refused

DEEP_JSON = "[" * 100_000
DEEP_OBJECT = '{"a":' * 50_000 + "1" + "}" * 50_000
BIG_INT = '{"barn_namn": 1' + "0" * 5000 + "}"
DEEP_YAML_FLOW = "a: " + "[" * 20_000 + "]" * 20_000
DEEP_YAML_BLOCK = "".join("  " * i + "- \n" for i in range(200))
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(20))
LONG = "x" * 5000


class Case:
    """argv (with {db} and {f} for the hostile files folder), stdin, env, expectations."""

    def __init__(self, name, argv, *, stdin=b"", env=None, same=True, says=None, files=None):
        self.name, self.argv, self.stdin, self.env = name, argv, stdin, env or {}
        self.same, self.says, self.files = same, says, files or {}


def audit(*extra, pw=PW):
    return ["audit", "--db", "{db}", "--user", ADMIN, "--password-stdin", *extra]


def review(sub, *extra):
    return ["audit", "review", sub, *extra, "--db", "{db}", "--user", ADMIN, "--password-stdin"]


def forms(sub, *extra):
    return ["forms", sub, "barnhalsoteam-samtycke", *extra]


def contacts_import(path):
    return ["contacts", "import", path, "--db", "{db}", "--user", ADMIN, "--password-stdin"]


OK_PW = (PW + "\n").encode()
CASES: list[Case] = []
add = CASES.append

# -- audit: dates, numbers, text (refused before the store is opened) -------------------
for bad in ["2026-13-01", "2026-02-30", "2026-00-10", "1899-12-31", "2201-01-01", "9999-12-31",
            "0000-01-01", "igår", "", " ", "2026-1-1", "20260101", "2026-01-01T25:00",
            "2026-01-01 12:60", "2026-01-01T12:00:99", "2026-01-01\x00", "２０２６-01-01",
            "-2026-01-01", "2026/01/01", LONG]:
    add(Case(f"audit --since {bad[:20]!r}", audit("--since", bad), stdin=OK_PW))
for bad in ["2026-13-01", "1800-01-01", "x", "2026-02-29"]:
    add(Case(f"audit --until {bad!r}", audit("--until", bad), stdin=OK_PW))
for bad in ["99999999999999999999", "9" * 5000, "-1", "0", "1.5", "x", "", "1e3", " ", "0x10",
            "1000001", "٣", "+-1", "1_000"]:
    add(Case(f"audit --limit {bad[:20]!r}", audit("--limit", bad), stdin=OK_PW))
for bad in ["\x1b[31mröd", "a" * 300, "a\nb", "a\x00b", "\x07"]:
    add(Case(f"audit --by {bad[:10]!r}", audit("--by", bad), stdin=OK_PW))
    add(Case(f"audit --record {bad[:10]!r}", audit("--record", bad), stdin=OK_PW))
add(Case("audit --user with a control char", ["audit", "--db", "{db}", "--user", "a\x01",
                                             "--password-stdin"], stdin=OK_PW))
add(Case("argument with surrogate escapes", audit("--since", "2026-01-0\udcff"), stdin=OK_PW))
add(Case("argument too long", audit("--record", "r" * 5000), stdin=OK_PW))
add(Case("unknown option", audit("--teleport"), stdin=OK_PW))
add(Case("unknown command", ["teleport"]))
add(Case("no command", []))
add(Case("audit --limit without value", audit("--limit")))

# -- secrets (stdin and environment) ---------------------------------------------------
for name, data in [("invalid UTF-8", b"\xff\xfe\n"), ("lone continuation", b"\x80abc\n"),
                   ("truncated UTF-8", b"korrekt-h\xc3\n"), ("overlong UTF-8", b"\xc0\xaf\n"),
                   ("UTF-16", "lösen\n".encode("utf-16")), ("NUL in password", b"pw\x00x\n"),
                   ("escape in password", b"\x1b[2J\n"), ("too much stdin", b"a" * 70_000),
                   ("nothing on stdin", b""), ("Latin-1 password", PW.encode("latin-1") + b"\n")]:
    add(Case(f"--password-stdin: {name}", audit(), stdin=data))
for name, value in [("surrogate escapes", "a\udcffb"), ("control char", "a\x01b"),
                    ("too long", "p" * 5000), ("escape", "\x1b[0m")]:
    add(Case(f"ORO_PASSWORD: {name}", ["audit", "--db", "{db}", "--user", ADMIN],
             env={"ORO_PASSWORD": value}))
    add(Case(f"ORO_PASSWORD on check: {name}", ["check", "--db", "{db}", "--user", ADMIN],
             env={"ORO_PASSWORD": value}))
add(Case("ORO_USER surrogate", ["audit", "--db", "{db}", "--password-stdin"], stdin=OK_PW,
         env={"ORO_USER": "an\udcffna"}))
add(Case("ORO_DB with control char", ["audit", "--user", ADMIN, "--password-stdin"], stdin=OK_PW,
         env={"ORO_DB": "/tmp/a\x01b.db"}))
add(Case("wrong password", audit(), stdin=b"fel-losenord\n", same=False))
add(Case("clinician reads the audit log", ["audit", "--db", "{db}", "--user", CLINICIAN,
                                            "--password-stdin"],
         stdin=(CLINICIAN_PW + "\n").encode(), same=False))

# -- --db paths --------------------------------------------------------------------------
for name, path in [("a directory", "{f}/dir"), ("a device", "/dev/null"),
                   ("missing", "{f}/nope.db"), ("a symlink loop", "{f}/loop1"),
                   ("a dangling link", "{f}/dangling"), ("garbage", "{f}/garbage"),
                   ("a FIFO", "{f}/fifo"), ("inside /proc", "/proc/x.db"),
                   ("control chars", "{f}/a\x1bb.db"), ("too long", "/" + "d" * 5000)]:
    add(Case(f"--db {name}", ["audit", "--db", path, "--user", ADMIN, "--password-stdin"],
             stdin=OK_PW))

# -- forms validate / render: the data file -------------------------------------------
JSON_BODIES = {
    "deep array": DEEP_JSON, "deep object": DEEP_OBJECT, "5000-digit int": BIG_INT,
    "NaN": '{"barn_namn": NaN}', "Infinity": '{"barn_namn": Infinity}',
    "1e999": '{"barn_namn": 1e999}', "long float": '{"x": 0.' + "1" * 400 + "}",
    "null": "null", "array": "[]", "number": "1", "string": '"x"', "true": "true",
    "truncated": '{"barn_namn": "Tol', "trailing garbage": '{"a": 1} xyz',
    "raw control char": '{"barn_namn": "a\x01b"}', "single quotes": "{'a': 1}",
    "comments": '{"a": 1 /* c */}', "empty object key only": '{"": }',
    "duplicate huge nesting in value": '{"a": ' + "[" * 40 + "]" * 40 + "}",
    "BOM": "\ufeff{}",
}
for name, body in JSON_BODIES.items():
    fname = "json-" + name.replace(" ", "-")
    add(Case(f"forms validate --data {name}", forms("validate", "--data", f"{{f}}/{fname}"),
             files={fname: body.encode("utf-8")}))
for name in ["dir", "empty", "loop1", "dangling", "fifo", "garbage", "not-utf8", "utf16", "nul",
             "huge", "nowhere.json"]:
    add(Case(f"forms validate --data file {name}", forms("validate", "--data", f"{{f}}/{name}")))
    add(Case(f"forms render --data file {name}",
             forms("render", "--data", f"{{f}}/{name}", "--out", "{f}/out.pdf")))
add(Case("forms validate --data /dev/zero", forms("validate", "--data", "/dev/zero")))
add(Case("forms render --data deep", forms("render", "--data", "{f}/json-deep-array",
                                           "--out", "{f}/out.pdf")))
for name, out in [("missing folder 2", "{f}/nope/x.pdf"), ("control chars", "{f}/a\x07.pdf")]:
    add(Case(f"forms render --out {name}", forms("render", "--out", out)))
for bad in ["2026-13-01", "1800-01-01", "x", "2201-01-01"]:
    add(Case(f"forms validate --today {bad}", forms("validate", "--data", "{f}/json-null",
                                                     "--today", bad)))
for bad in ["0", "-1", "99999999999999999999", "x", "1.0"]:
    add(Case(f"forms show --version {bad}", ["forms", "show", "barnhalsoteam-samtycke",
                                             "--version", bad]))
for name, form in [("path traversal", "../../etc/passwd"), ("long", "f" * 300),
                   ("control char", "a\x01"), ("unknown", "finns-inte")]:
    add(Case(f"forms show {name}", ["forms", "show", form]))
for name, where in [("missing", "{f}/nope"), ("a file", "{f}/garbage"), ("a device", "/dev/null")]:
    add(Case(f"forms --forms-dir {name}", ["forms", "--forms-dir", where, "show", "x"]))

# -- contacts import: the YAML file (checked before the password is asked) ---------------
YAML_BODIES = {
    "deep flow": DEEP_YAML_FLOW, "deep block": DEEP_YAML_BLOCK, "alias bomb": ALIAS_BOMB,
    "a string": "just text", "a list": "- 1\n- 2\n", "null": "~", "tabs": "a:\n\tb: 1",
    "python tag": "!!python/object/apply:os.system ['true']", "bad indent": "a:\n  b\n c: 1",
    "unclosed quote": 'regions: "abc', "huge int": "version: 1" + "0" * 5000,
    "wrong types": "regions: 5", "NUL": "a: b\x00", "empty document": "---\n...\n",
}
for name, body in YAML_BODIES.items():
    fname = "yaml-" + name.replace(" ", "-")
    add(Case(f"contacts import {name}", contacts_import(f"{{f}}/{fname}"), stdin=OK_PW,
             files={fname: body.encode("utf-8")}))
for name in ["dir", "empty", "loop1", "dangling", "fifo", "garbage", "not-utf8", "utf16", "huge",
             "nowhere.yaml"]:
    add(Case(f"contacts import file {name}", contacts_import(f"{{f}}/{name}"), stdin=OK_PW))
for name, extra in [("--at bad month", ["--at", "2026-13-01 10:00"]),
                    ("--at 1800", ["--at", "1800-01-01 10:00"]), ("--at text", ["--at", "nu"]),
                    ("--limit 0", ["--limit", "0"]), ("--limit huge", ["--limit", "9" * 30]),
                    ("--region unknown", ["--region", "atlantis"]),
                    ("--region control", ["--region", "a\x1b"]),
                    ("query too long", []), ("query control", [])]:
    query = "x" * 600 if name == "query too long" else ("a\x00" if name == "query control" else "bvc")
    add(Case(f"contacts search {name}", ["contacts", "search", query, *extra]))

for name, out in [("a directory", "{f}/dir"), ("a device", "/dev/null"),
                  ("missing folder", "/nonexistent/x.yaml"), ("inside /proc", "/proc/x.yaml"),
                  ("a FIFO", "{f}/fifo"), ("a dangling link", "{f}/dangling")]:
    # /proc passes every check before the password; the write itself fails after unlock
    # (so login and logout are in the log): refused, but not before the store is opened.
    add(Case(f"contacts export to {name}", ["contacts", "export", out, "--db", "{db}",
                                            "--user", ADMIN, "--password-stdin"], stdin=OK_PW,
             same=name != "inside /proc"))
    add(Case(f"forms render --out to {name}", forms("render", "--out", out)))

# -- audit review ------------------------------------------------------------------------
for name, extra in [("bad --from", ["--by", "x", "--from", "2026-13-01", "--to", "2026-01-02"]),
                    ("1800 --from", ["--by", "x", "--from", "1800-01-01", "--to", "2026-01-02"]),
                    ("2300 --to", ["--by", "x", "--from", "2026-01-01", "--to", "2300-01-02"]),
                    ("--size 0", ["--by", "x", "--from", "2026-01-01", "--to", "2026-01-02",
                                  "--size", "0"]),
                    ("--size huge", ["--by", "x", "--from", "2026-01-01", "--to", "2026-01-02",
                                     "--size", "9" * 25]),
                    ("no scope", ["--from", "2026-01-01", "--to", "2026-01-02"]),
                    ("two scopes", ["--by", "x", "--person", "19121212-1212", "--from",
                                    "2026-01-01", "--to", "2026-01-02"]),
                    ("--person too long", ["--person", "1" * 40, "--from", "2026-01-01",
                                           "--to", "2026-01-02"]),
                    ("no period", ["--by", "x"])]:
    add(Case(f"audit review draw {name}", review("draw", *extra), stdin=OK_PW))
for name, args in [("NR 0", ["0", "1", "--ok"]), ("NR huge", ["9" * 30, "1", "--ok"]),
                   ("POST text", ["1", "x", "--ok"]), ("no verdict", ["1", "1"]),
                   ("both verdicts", ["1", "1", "--ok", "--remark"]),
                   ("note too long", ["1", "1", "--ok", "--note", "n" * 3000]),
                   ("note with escape", ["1", "1", "--ok", "--note", "\x1b[2J"])]:
    add(Case(f"audit review mark {name}", review("mark", *args), stdin=OK_PW))
add(Case("audit review show missing", review("show", "424242"), stdin=OK_PW, same=False))
add(Case("audit review mark missing review", review("mark", "424242", "1", "--ok"),
         stdin=OK_PW, same=False))
add(Case("audit review print --out a directory", review("print", "1", "--out", "{f}/dir"),
         stdin=OK_PW))
add(Case("audit review print --out a device", review("print", "1", "--out", "/dev/null"),
         stdin=OK_PW))
add(Case("audit review show NR negative", review("show", "-5"), stdin=OK_PW))


_seen: dict[str, int] = {}
for _case in CASES:  # names truncate long inputs; number the repeats
    _seen[_case.name] = _seen.get(_case.name, 0) + 1
    if _seen[_case.name] > 1:
        _case.name += f" #{_seen[_case.name]}"


def _materialise(case: Case, corpus) -> list[str]:
    for name, data in case.files.items():
        path = corpus.files / name
        if not path.exists():
            path.write_bytes(data)
    return [a.replace("{db}", str(corpus.db)).replace("{f}", str(corpus.files)) for a in case.argv]


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 150, len(CASES)
    assert len({c.name for c in CASES}) == len(CASES), "case names must be unique"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_refused_with_one_line(case: Case, corpus, cli):
    argv = _materialise(case, corpus)
    before = corpus.digest()
    code, out, err = cli(argv, stdin=case.stdin, env=case.env)
    reason = assert_refused(code, out, err)
    if case.says:
        assert case.says in reason
    if case.same:
        assert corpus.digest() == before, "a refused input changed the store"
    assert not (corpus.files / "out.pdf").exists() or case.name.startswith("forms render")


def test_the_corpus_did_not_leave_partial_outputs(corpus):
    leftovers = [p.name for p in corpus.files.iterdir() if p.name.startswith(".oro-")]
    assert leftovers == []
    assert os.stat(corpus.db).st_size > 0

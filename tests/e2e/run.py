# SPDX-License-Identifier: MIT
"""End-to-end tests of the baocao command line.

    python3 tests/e2e/run.py PATH/TO/baocao

Runs the real binary on real files, each test in its own temporary
directory with its own database, and checks what docs/cli.md and
docs/schedule.md fix: exit codes, JSON output, messages naming FILE:LINE, the
periods of ruleset cchc-1131 and the sandbox of the Lua rules.  Prints one
line per test ("ok NAME", "FAIL NAME: why" or "skip NAME: why"), then
"N passed, M failed"; exits 1 if any test failed.

The source root is $BC_SOURCE_ROOT (set by meson) or the directory two
levels above this script.  Standard library only (Python 3.11).
"""

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as h  # noqa: E402
# Failure and Result for the scripts that take run.py's fixtures too.
from harness import (Failure, Result, Skip, check, expect_err,  # noqa: E402,F401
                     expect_rc, fail, parse_json, same)

h.start("run.py PATH/TO/baocao")
BIN = h.BIN
HERE = h.HERE
SRC = h.SRC
FIX = HERE / "fixtures"
SHIPPED = SRC / "rules"
CCHC = SHIPPED / "cchc-1131"
UNITS_CSV = SRC / "examples" / "tan-ky-units.csv"
TEST2025 = SRC / "tests" / "rules" / "test-2025"

# A fixed "now": nothing of today's commands depends on it, but the
# database records times and later commands (status) will.
NOW = "2023-05-15T09:00:00+07:00"
# Seconds a hostile ruleset may take to be refused; sanitizer builds run
# several times slower and say so through BC_TIME_SCALE (scripts/test).
HOSTILE_LIMIT = 15.0 * h.TIME_SCALE
# Memory it may take meanwhile: the rules' cap (64 MiB) and the program.
# AddressSanitizer's shadow and quarantine need more.
HOSTILE_RSS_MB = 400 if h.TIME_SCALE <= 1 else 1200
# Processor seconds a ruleset refused for its cost may take: its work must
# grow with its size, not its square, and stop at the cap.
HOSTILE_CPU = 5.0 * h.TIME_SCALE
DEFAULT_TIMEOUT = 30.0


# ---- harness (harness.py) ------------------------------------------------

def base_env(**extra):
    return h.base_env(NOW, **extra)


def run(argv, cwd, env=None, timeout=DEFAULT_TIMEOUT):
    return h.run(argv, cwd, env or base_env(), timeout)


def run_measured(argv, cwd, timeout):
    return h.run_measured(argv, cwd, base_env(), timeout)


class T(h.Case):
    """One test's temporary directory, database and runner."""

    NOW = NOW
    TIMEOUT = DEFAULT_TIMEOUT

    def init(self, **kw):
        self.ok("init", **kw)
        check(self.db.exists(), f"init did not create {self.db}")

    def units(self):
        return self.json("units", "list")["units"]

    def copy_fixture(self, name):
        dst = self.tmp / name
        shutil.copyfile(FIX / name, dst)
        return dst

    def rules_copy(self, name="rules"):
        """A rules dir in the temp dir holding a copy of cchc-1131."""
        d = self.tmp / name
        shutil.copytree(CCHC, d / "cchc-1131")
        return d


SUITE = h.Suite("run.py", T)
TESTS = SUITE.tests
test = SUITE.test


# ---- expected data (docs/schedule.md) ----------------------------------

LABELS = {"Q1": "Quý I năm {y}", "H1": "6 tháng đầu năm {y}",
          "Q3": "Quý III năm {y}", "Y": "Năm {y}"}
# type: (window from (year offset, MM-DD), window to, unit_due, compile_due)
DATES = {"Q1": ((-1, "12-10"), "03-10", "02-28", "03-04"),
         "H1": ((-1, "12-10"), "06-10", "05-28", "06-04"),
         "Q3": ((0, "06-10"), "09-10", "08-28", "09-04"),
         "Y": ((-1, "12-10"), "12-10", "11-28", "12-04")}
BASE_KEYS = {"period", "type", "year", "label", "ruleset", "window",
             "unit_due", "compile_due", "advanced_by"}


def expected(year, typ, ruleset="cchc-1131", advanced=None):
    (off, frm), to, due, comp = DATES[typ]
    obj = {"period": f"{year}-{typ}", "type": typ, "year": year,
           "label": LABELS[typ].format(y=year), "ruleset": ruleset,
           "window": {"from": f"{year + off}-{frm}", "to": f"{year}-{to}"},
           "unit_due": f"{year}-{due}", "compile_due": f"{year}-{comp}",
           "advanced_by": None}
    if advanced:
        doc, day = advanced
        obj["unit_due"] = day
        obj["advanced_by"] = {"doc": doc, "unit_due": day}
    return obj


def show(t, code, **kw):
    return t.json("period", "show", code, **kw)


def stale(period, now):
    """A period --json (shown or in a calendar) whose recorded rules are
    no longer those in force for it, without what says so: the ruleset
    in force (now), in a version."""
    got = dict(period)
    rif = got.pop("ruleset_in_force", None)
    check(rif and rif["ruleset"] == now and len(rif["version"]) == 64,
          f"{period.get('period')}: ruleset_in_force {rif!r}, want {now}")
    return got


# ---- global options, help, exit codes ----------------------------------

@test
def version(t):
    r = t.ok("--version", db=False)
    check(re.match(r"baocao \d+\.\d+", r.out),
          f"--version printed {r.out!r}")
    build = SRC / "meson.build"
    m = build.is_file() and re.search(r"version\s*:\s*'([^']+)'",
                                      build.read_text(encoding="utf-8"))
    if m:
        check(m.group(1) in r.out,
              f"--version printed {r.out!r}, meson.build says {m.group(1)}")


@test
def help_global(t):
    r = t.ok("--help", db=False)
    for word in ("usage", "init", "rules", "units", "period"):
        check(word in r.out, f"--help does not mention {word!r}: {r.out!r}")
    check(not (t.tmp / "baocao.db").exists(), "--help created baocao.db")


@test
def help_commands(t):
    cmds = [["init"], ["rules"], ["units"], ["period"],
            ["rules", "check"], ["units", "import"], ["period", "show"],
            ["period", "advance"], ["period", "add-adhoc"]]
    for c in cmds:
        r = t.bc(*c, "--help", db=False)
        expect_rc(r, 0)
        check("usage" in r.out.lower(),
              f"{r.cmd}: no usage on stdout: {r.out[:200]!r}")
    check(not list(t.tmp.iterdir()),
          f"--help left files behind: {list(t.tmp.iterdir())}")


@test
def unknown_command_and_option(t):
    t.init()
    for args, needle in [(["frobnicate"], "frobnicate"),
                         (["--bogus", "init"], "--bogus"),
                         (["period", "show", "2023-Q1", "--bogus"], "--bogus"),
                         (["units", "list", "--frob"], "--frob"),
                         (["rules", "list", "--frob"], "--frob"),
                         (["init", "--frob"], "--frob"),
                         (["rules", "frob"], None),
                         (["units", "frob"], None),
                         (["period", "frob", "2023-Q1"], None)]:
        r = t.bc(*args)
        expect_err(r, 2, *([needle] if needle else []))
        check(r.out == "", f"{r.cmd}: usage error printed on stdout")
    r = t.bc(db=False)
    expect_rc(r, 2)


@test
def database_missing(t):
    missing = t.tmp / "missing.db"
    nodir = t.tmp / "khong-co" / "x.db"
    t.copy_fixture("units-quoted.csv")
    needing = [["units", "list"], ["units", "import", "units-quoted.csv"],
               ["period", "show", "2023-Q1"], ["period", "calendar", "2023"],
               ["period", "advance", "2023-H1", "--due", "2023-05-20",
                "--doc", "CV 1"],
               ["period", "add-adhoc", "2023-DX1", "--from", "2023-04-01",
                "--to", "2023-04-30", "--due", "2023-05-05", "--doc", "CV 1"]]
    for db in (missing, nodir):
        for c in needing:
            r = t.bc(*c, db=db)
            expect_err(r, 3, str(db))
            check(not db.exists(), f"{r.cmd} created {db}")
    # the default ./baocao.db and $BAOCAO_DB
    r = t.bc("units", "list", db=False)
    expect_err(r, 3, "baocao.db")
    check(not (t.tmp / "baocao.db").exists(), "units list created baocao.db")
    envdb = t.tmp / "env.db"
    r = t.bc("period", "show", "2023-Q1", db=False,
             env=base_env(BAOCAO_DB=str(envdb)))
    expect_err(r, 3, str(envdb))


@test
def database_unreadable(t):
    t.db.write_bytes(b"this is not an SQLite database\n" * 10)
    r = t.bc("units", "list")
    expect_err(r, 3, str(t.db))


@test
def database_default_and_env(t):
    r = t.bc("init", db=False)
    expect_rc(r, 0)
    check((t.tmp / "baocao.db").exists(), "init without --db: no ./baocao.db")
    envdb = t.tmp / "env.db"
    env = base_env(BAOCAO_DB=str(envdb))
    expect_rc(t.bc("init", db=False, env=env), 0)
    check(envdb.exists(), "init did not create $BAOCAO_DB")
    expect_rc(t.bc("period", "show", "2023-Q1", db=False, env=env), 0)


@test
def init_twice(t):
    t.init()
    t.ok("units", "import", UNITS_CSV)
    before = t.units()
    t.init()
    t.init()
    same(t.units(), before, "units after init again")
    same(show(t, "2023-Q1"), expected(2023, "Q1"), "period show after init")


@test
def rules_without_database(t):
    r = t.ok("rules", "list", db=False)
    check("cchc-1131" in r.out, f"rules list: {r.out[:300]!r}")
    r = t.ok("rules", "show", "cchc-1131", db=False)
    for typ in ("Q1", "H1", "Q3", "Y", "DX"):
        check(typ in r.out, f"rules show cchc-1131 does not list {typ}")
    t.ok("rules", "check", db=False)
    t.ok("rules", "check", SHIPPED, db=False)
    # with --db naming a missing database: still fine, nothing created
    t.ok("rules", "list")
    t.ok("rules", "show", "cchc-1131")
    t.ok("rules", "check")
    check(not t.db.exists() and not (t.tmp / "baocao.db").exists(),
          "a rules command created a database")
    r = t.bc("rules", "show", "khong-co")
    check(r.rc not in (0, None), f"{r.cmd}: {r.brief()}")


# ---- periods -----------------------------------------------------------

@test
def period_show_q1_exact(t):
    t.init()
    r = t.bc("period", "show", "2023-Q1", "--json")
    expect_rc(r, 0)
    got = parse_json(r)
    # the literal object of docs/cli.md
    want = {"period": "2023-Q1", "type": "Q1", "year": 2023,
            "label": "Quý I năm 2023", "ruleset": "cchc-1131",
            "window": {"from": "2022-12-10", "to": "2023-03-10"},
            "unit_due": "2023-02-28", "compile_due": "2023-03-04",
            "advanced_by": None}
    same(got, want, "period show 2023-Q1 --json")
    same(list(got), list(want), "key order of period show")


@test
def period_windows(t):
    t.init()
    for year, typ in [(2023, "H1"), (2023, "Q3"), (2023, "Y"), (2025, "Q1"),
                      (2022, "Q1"), (2024, "Q1"), (2024, "Y"), (2025, "H1"),
                      (2030, "Q3")]:
        same(show(t, f"{year}-{typ}"), expected(year, typ),
             f"period show {year}-{typ}")


@test
def period_show_human(t):
    t.init()
    r = t.ok("period", "show", "2023-Q1")
    for s in ("2023-Q1", "28/02/2023", "Quý I năm 2023"):
        check(s in r.out, f"{r.cmd}: no {s!r} in {r.out!r}")


@test
def period_calendar_2024(t):
    t.init()
    got = t.json("period", "calendar", "2024")
    want = {"year": 2024, "periods": [expected(2024, c)
                                      for c in ("Q1", "H1", "Q3", "Y")]}
    same(got, want, "period calendar 2024 --json")
    r = t.ok("period", "calendar", "2024")
    codes = re.findall(r"2024-(?:Q1|H1|Q3|Y)\b", r.out)
    same(codes, ["2024-Q1", "2024-H1", "2024-Q3", "2024-Y"],
         "order of the human calendar")


@test
def period_bad_codes(t):
    t.init()
    for code in ("2023-Q2", "2023-Q5", "23-Q1", "2023Q1x", "", "2023-q1x",
                 "2023-DX9", "2021-Y"):
        for sub in (["show", code],
                    ["advance", code, "--due", "2023-05-20", "--doc", "CV"]):
            r = t.bc("period", *sub, "--json")
            expect_rc(r, 2)
            check(r.err.strip(), f"{r.cmd}: no message on stderr")
            check(r.out == "", f"{r.cmd}: printed on stdout: {r.out!r}")
            if code:
                check(code in r.err, f"{r.cmd}: message does not name "
                                     f"{code!r}: {r.err.strip()!r}")
    for year in ("abc", "", "20x3"):
        expect_rc(t.bc("period", "calendar", year), 2)


@test
def period_advance_h1(t):
    t.init()
    doc = "Công văn 999/UBND-NV"
    r = t.bc("period", "advance", "2023-H1", "--due", "2023-05-20",
             "--doc", doc)
    expect_rc(r, 0)
    want = expected(2023, "H1", advanced=(doc, "2023-05-20"))
    got = show(t, "2023-H1")
    same(got, want, "period show 2023-H1 after advance")
    check(set(got) == BASE_KEYS, f"keys of period show: {sorted(got)}")
    cal = t.json("period", "calendar", "2023")["periods"]
    h1 = [p for p in cal if p["period"] == "2023-H1"]
    same(h1, [want], "2023-H1 in the calendar after advance")
    # other periods untouched
    same(show(t, "2024-H1"), expected(2024, "H1"), "2024-H1")
    same(show(t, "2023-Y"), expected(2023, "Y"), "2023-Y")
    # the annual report may be advanced too
    t.ok("period", "advance", "2023-Y", "--due", "2023-11-20", "--doc", "CV 7")
    same(show(t, "2023-Y"), expected(2023, "Y", advanced=("CV 7", "2023-11-20")),
         "2023-Y after advance")


@test
def period_advance_refused_q1_q3(t):
    t.init()
    for code, day in (("2023-Q1", "2023-02-20"), ("2023-Q3", "2023-08-20")):
        r = t.bc("period", "advance", code, "--due", day, "--doc", "CV 5")
        expect_rc(r, 1)
        check(r.err.strip(), f"{r.cmd}: no message")
        typ = code[5:]
        same(show(t, code), expected(2023, typ), f"{code} after a refused "
                                                 f"advance")
    same(t.json("period", "calendar", "2023"),
         {"year": 2023, "periods": [expected(2023, c)
                                    for c in ("Q1", "H1", "Q3", "Y")]},
         "calendar after refused advances")


@test
def period_advance_not_earlier(t):
    t.init()
    for day in ("2023-05-28", "2023-05-29", "2023-06-30"):
        r = t.bc("period", "advance", "2023-H1", "--due", day, "--doc", "CV")
        expect_rc(r, 1)
        check(r.err.strip(), f"{r.cmd}: no message")
    for day in ("2023-11-28", "2023-12-01"):
        expect_rc(t.bc("period", "advance", "2023-Y", "--due", day,
                       "--doc", "CV"), 1)
    same(show(t, "2023-H1"), expected(2023, "H1"), "2023-H1 after refusals")
    same(show(t, "2023-Y"), expected(2023, "Y"), "2023-Y after refusals")


@test
def period_advance_bad_arguments(t):
    t.init()
    for day in ("2023-5-20", "20/05/23", "31/06/2023", "2023-02-30",
                "2023-05-20T00:00", "", "mai"):
        r = t.bc("period", "advance", "2023-H1", "--due", day, "--doc", "CV")
        expect_rc(r, 2)
        check(r.err.strip(), f"{r.cmd}: no message")
    expect_rc(t.bc("period", "advance", "2023-H1", "--doc", "CV"), 2)
    expect_rc(t.bc("period", "advance", "2023-H1", "--due", "2023-05-20"), 2)
    expect_rc(t.bc("period", "advance", "2023-H1", "--due"), 2)
    same(show(t, "2023-H1"), expected(2023, "H1"), "2023-H1 after bad usage")


ADHOC = ["period", "add-adhoc", "2023-DX1", "--from", "2023-04-01",
         "--to", "2023-04-30", "--due", "2023-05-05", "--doc", "CV 12/UBND"]
ADHOC_WANT = {"period": "2023-DX1", "type": "DX", "year": 2023,
              "label": "Báo cáo đột xuất số 1 năm 2023",
              "ruleset": "cchc-1131",
              "window": {"from": "2023-04-01", "to": "2023-04-30"},
              "unit_due": "2023-05-05", "advanced_by": None}


def check_adhoc(obj, what):
    check(BASE_KEYS <= set(obj), f"{what}: keys {sorted(obj)} lack "
                                 f"{sorted(BASE_KEYS - set(obj))}")
    same({k: obj[k] for k in ADHOC_WANT}, ADHOC_WANT, what)
    check(isinstance(obj["compile_due"], str)
          and re.fullmatch(r"\d{4}-\d\d-\d\d", obj["compile_due"]),
          f"{what}: compile_due {obj['compile_due']!r}")


@test
def period_add_adhoc(t):
    t.init()
    expect_rc(t.bc(*ADHOC), 0)
    check_adhoc(show(t, "2023-DX1"), "period show 2023-DX1")
    cal = t.json("period", "calendar", "2023")
    same([p["period"] for p in cal["periods"]],
         ["2023-Q1", "2023-DX1", "2023-H1", "2023-Q3", "2023-Y"],
         "calendar 2023 with 2023-DX1 (ordered by unit_due)")
    check_adhoc(cal["periods"][1], "2023-DX1 in calendar 2023")
    same([p["period"] for p in t.json("period", "calendar", "2024")["periods"]],
         ["2024-Q1", "2024-H1", "2024-Q3", "2024-Y"], "calendar 2024")
    r = t.ok("period", "show", "2023-DX1")
    check("2023-DX1" in r.out and "05/05/2023" in r.out,
          f"human period show 2023-DX1: {r.out!r}")


@test
def period_add_adhoc_twice(t):
    t.init()
    t.ok(*ADHOC)
    r = t.bc(*ADHOC)
    expect_err(r, 1, "2023-DX1")
    r = t.bc("period", "add-adhoc", "2023-DX1", "--from", "2023-06-01",
             "--to", "2023-06-30", "--due", "2023-07-05", "--doc", "CV 13")
    expect_err(r, 1, "2023-DX1")
    check_adhoc(show(t, "2023-DX1"), "2023-DX1 after a second add-adhoc")
    cal = t.json("period", "calendar", "2023")["periods"]
    same([p["period"] for p in cal].count("2023-DX1"), 1,
         "2023-DX1 in the calendar")


@test
def period_add_adhoc_rejected(t):
    t.init()
    r = t.bc("period", "add-adhoc", "2023-DX3", "--from", "2023-04-30",
             "--to", "2023-04-01", "--due", "2023-05-05", "--doc", "CV")
    expect_rc(r, 1)
    expect_rc(t.bc("period", "show", "2023-DX3"), 2)
    for bad in (["--from", "2023-4-1"], ["--to", "x"], ["--due", "2023-13-01"]):
        args = dict(zip(ADHOC[3::2], ADHOC[4::2]))
        args[bad[0]] = bad[1]
        flat = [x for kv in args.items() for x in kv]
        r = t.bc("period", "add-adhoc", "2023-DX4", *flat)
        expect_rc(r, 2)
    expect_rc(t.bc("period", "add-adhoc", "2023-DX4", "--from", "2023-04-01",
                   "--to", "2023-04-30", "--due", "2023-05-05"), 2)
    expect_rc(t.bc("period", "show", "2023-DX4"), 2)


@test
def period_calendar_order(t):
    t.init()
    t.ok(*ADHOC)
    t.ok("period", "add-adhoc", "2023-DX2", "--from", "2023-05-01",
         "--to", "2023-05-20", "--due", "2023-05-28", "--doc", "CV 13")
    order = lambda: [p["period"] for p in
                     t.json("period", "calendar", "2023")["periods"]]
    # 2023-DX2 and 2023-H1 are both due 2023-05-28: ties by code
    same(order(), ["2023-Q1", "2023-DX1", "2023-DX2", "2023-H1", "2023-Q3",
                   "2023-Y"], "calendar 2023 order")
    # ordered by the unit_due in force: an advanced H1 moves up
    t.ok("period", "advance", "2023-H1", "--due", "2023-05-01", "--doc", "CV")
    same(order(), ["2023-Q1", "2023-H1", "2023-DX1", "2023-DX2", "2023-Q3",
                   "2023-Y"], "calendar 2023 order after advancing H1")


# ---- units -------------------------------------------------------------

# What `units list --json` says of a unit with one version, open at both
# ends (a file without dates).
NO_DATES = {"valid_from": None, "valid_to": None, "predecessors": []}
# A unit's contact, which the sample's units CSV does not give.
NO_CONTACT = {"person": None, "phone": None, "email": None}

def csv_units(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {row["code"]: {"code": row["code"], "name": row["name"],
                              "kind": row["kind"],
                              "roles": [x for x in row["roles"].split(";")
                                        if x],
                              "parent": row["parent"] or None,
                              **NO_DATES, **NO_CONTACT}
                for row in csv.DictReader(f)}


def by_code(units):
    return {u["code"]: u for u in units}


@test
def units_import_and_list(t):
    t.init()
    t.ok("units", "import", UNITS_CSV)
    units = t.units()
    check(len(units) == 36, f"units list: {len(units)} units, want 36")
    for u in units:
        check(set(u) == {"code", "name", "kind", "roles", "parent",
                         "valid_from", "valid_to", "predecessors",
                         "person", "phone", "email"},
              f"unit keys {sorted(u)}")
        check(isinstance(u["roles"], list)
              and all(isinstance(x, str) for x in u["roles"]),
              f"roles of {u['code']}: {u['roles']!r}")
        check(u["parent"] is None or isinstance(u["parent"], str),
              f"parent of {u['code']}: {u['parent']!r}")
    same(by_code(units), csv_units(UNITS_CSV), "units list vs the CSV")
    r = t.ok("units", "list")
    for code in csv_units(UNITS_CSV):
        check(code in r.out, f"human units list lacks {code}")
    # kinds and roles by their labels in the rules, by their ids when the
    # rules do not load
    line = [l for l in r.out.splitlines() if l.split()[0] == "noi-vu"][0]
    check("Phòng, ban, ngành cấp huyện" in line and "[Phòng Nội vụ]" in line
          and "department" not in line and "noi_vu" not in line,
          f"units list: kind and role of noi-vu: {line!r}")
    r = t.bc("units", "list", rules=t.tmp / "khong-co")
    expect_rc(r, 0)
    line = [l for l in r.out.splitlines() if l.split()[0] == "noi-vu"][0]
    check("department" in line and "[noi_vu]" in line,
          f"units list without rules: {line!r}")


@test
def units_reimport_unchanged(t):
    t.init()
    t.ok("units", "import", UNITS_CSV)
    before = t.units()
    r = t.ok("units", "import", UNITS_CSV)
    check("unchanged" in r.err and re.search(r"\b36\b", r.err),
          f"re-import does not report 36 unchanged: {r.err.strip()!r}")
    got = t.json("units", "import", UNITS_CSV)
    if isinstance(got, dict) and "unchanged" in got:
        same((got.get("added"), got.get("updated"), got["unchanged"]),
             (0, 0, 36), "units import --json counts on re-import")
    same(t.units(), before, "units after re-import")


@test
def units_upsert(t):
    t.init()
    t.ok("units", "import", UNITS_CSV)
    t.copy_fixture("units-update.csv")
    t.ok("units", "import", "units-update.csv")
    want = csv_units(UNITS_CSV)
    want.update(csv_units(FIX / "units-update.csv"))
    same(by_code(t.units()), want, "units after an upsert")


def good_file(t, name, expect_codes):
    t.init()
    t.ok("units", "import", UNITS_CSV)
    t.copy_fixture(name)
    t.ok("units", "import", name)
    units = by_code(t.units())
    check(len(units) == 36 + len(expect_codes),
          f"{name}: {len(units)} units after import")
    for code, want in expect_codes.items():
        check(code in units, f"{name}: {code} not stored "
                             f"(codes: {sorted(units)[:5]}…)")
        same(units[code], {**want, **NO_DATES, **NO_CONTACT}, f"{name}: unit {code}")


@test
def units_bom_accepted(t):
    good_file(t, "units-bom.csv", {
        "xa-bom": {"code": "xa-bom", "name": "Xã Có BOM", "kind": "commune",
                   "roles": ["vhtt"], "parent": "tan-ky"}})


@test
def units_quoted_accepted(t):
    good_file(t, "units-quoted.csv", {
        "xa-moi-lap": {"code": "xa-moi-lap",
                       "name": "Xã Mới Lập, huyện Tân Kỳ",
                      "kind": "commune", "roles": [], "parent": "tan-ky"},
        "to-dac-biet": {"code": "to-dac-biet",
                        "name": 'Tổ "đặc biệt", CCHC', "kind": "department",
                        "roles": ["noi_vu", "tu_phap"], "parent": "tan-ky"}})


@test
def units_crlf_accepted(t):
    good_file(t, "units-crlf.csv", {
        "xa-crlf": {"code": "xa-crlf", "name": "Xã Dòng CRLF",
                    "kind": "commune", "roles": [], "parent": "tan-ky"}})


# name: (lines that must each be named, groups of which one must be named,
#        words one of which the message must contain, lines never named)
BAD_UNITS = {
    "units-bad-kind.csv": ([3], [], ["planet"], [2]),
    "units-bad-code.csv": ([3], [], ["Xa_Sai"], [2]),
    "units-bad-parent.csv": ([3], [], ["khong-co"], [2]),
    "units-bad-cycle.csv": ([], [[3, 4, 5]], ["vong-"], [2]),
    "units-bad-duplicate.csv": ([], [[3, 4]], ["xa-trung"], [2]),
    "units-bad-role.csv": ([3], [], ["chef"], [2]),
    "units-bad-many.csv": ([2, 4, 5, 6], [], ["planet", "Xa_Sai", "chef",
                                              "khong-co"], [3]),
    "units-bad-latin1.csv": ([3], [], ["UTF-8", "utf-8", "UTF8"], [2]),
    "units-bad-header.csv": ([1], [], ["code", "header"], []),
    "units-bad-fields.csv": ([3], [], [], [2]),
}


def bad_units_test(name):
    must, groups, words, never = BAD_UNITS[name]

    def fn(t):
        t.init()
        t.ok("units", "import", UNITS_CSV)
        before = t.units()
        t.copy_fixture(name)
        r = t.bc("units", "import", name)
        expect_rc(r, 1)
        check(r.out == "", f"{r.cmd}: printed on stdout: {r.out!r}")
        for line in must:
            check(f"{name}:{line}:" in r.err,
                  f"{r.cmd}: no '{name}:{line}:' in {r.err.strip()!r}")
        for g in groups:
            check(any(f"{name}:{line}:" in r.err for line in g),
                  f"{r.cmd}: names none of lines {g}: {r.err.strip()!r}")
        for line in never:
            check(f"{name}:{line}:" not in r.err,
                  f"{r.cmd}: the good line {line} is reported: "
                  f"{r.err.strip()!r}")
        if name == "units-bad-many.csv":
            for w in words:
                check(w in r.err, f"{r.cmd}: {w!r} not reported: "
                                  f"{r.err.strip()!r}")
        elif words:
            check(any(w in r.err for w in words),
                  f"{r.cmd}: message names none of {words}: "
                  f"{r.err.strip()!r}")
        same(t.units(), before, f"units after the rejected {name}")
        r = t.bc("units", "import", name, "--json")
        expect_rc(r, 1)
        if r.out.strip():
            parse_json(r)

    fn.__name__ = "units_" + name[len("units-"):-len(".csv")].replace("-", "_")
    return fn


for _name in BAD_UNITS:
    test(bad_units_test(_name))


@test
def units_bad_into_empty_database(t):
    t.init()
    t.copy_fixture("units-bad-many.csv")
    expect_rc(t.bc("units", "import", "units-bad-many.csv"), 1)
    same(t.units(), [], "units after a rejected first import")


@test
def units_import_missing_file(t):
    t.init()
    r = t.bc("units", "import", "khong-co.csv")
    expect_err(r, 3, "khong-co.csv")


# ---- rules -------------------------------------------------------------

@test
def rules_check_shipped(t):
    r = t.bc("rules", "check", db=False)
    expect_rc(r, 0)
    warn = [l for l in r.err.splitlines() if "warning" in l.lower()]
    for typ in ("Q1", "H1", "Q3", "Y"):
        check(any(re.search(rf"\b{typ}\b", l) and "due" in l for l in warn),
              f"rules check: no warning that the {typ} unit deadline "
              f"precedes the window end: {warn}")
    check(len(warn) >= 4, f"rules check: {len(warn)} warnings")
    j = t.json("rules", "check", db=False)
    check(j, "rules check --json printed nothing")


def rules_with(t, line):
    """A copy of cchc-1131 with `line` appended to its ruleset.lua: the
    rules directory, and the number of the line appended."""
    rules = t.rules_copy()
    entry = rules / "cchc-1131" / "ruleset.lua"
    text = entry.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    text += line + "\n"
    entry.write_text(text, encoding="utf-8")
    return rules, text.count("\n")


def hostile_test(name, line, expect_line=True, why=None):
    """Appends `line` (MARKER replaced by a path) to a copy of cchc-1131's
    ruleset.lua: rules check must refuse it quickly, naming the line (and
    why, when given), and nothing may escape the sandbox."""

    def fn(t):
        marker = t.tmp / "MARKER"
        rules, n = rules_with(t, line.replace("MARKER", str(marker)))
        r = run_measured(["rules", "check", rules], t.tmp, HOSTILE_LIMIT)
        check(not r.timed_out,
              f"rules check did not finish within {HOSTILE_LIMIT:.0f} s")
        check(not marker.exists(), "MARKER was created: the sandbox leaked")
        expect_rc(r, 1)
        check(r.rss_mb < HOSTILE_RSS_MB,
              f"rules check took {r.rss_mb:.0f} MB (at most {HOSTILE_RSS_MB})")
        if expect_line:
            check(f"ruleset.lua:{n}" in r.err,
                  f"{r.cmd}: no 'ruleset.lua:{n}' in {r.err.strip()!r}")
        if why:
            check(re.search(rf"ruleset\.lua:{n}: .*({why})", r.err),
                  f"{r.cmd}: not refused at line {n} for '{why}': "
                  f"{r.err.strip()[:300]!r}")
            check(r.cpu < HOSTILE_CPU,
                  f"{r.cmd}: {r.cpu:.1f} s of processor time "
                  f"(at most {HOSTILE_CPU:.0f})")
        # the same directory as --rules of a normal command: exit 3
        t.init()
        r = t.bc("period", "show", "2023-Q1", rules=rules,
                 timeout=HOSTILE_LIMIT)
        expect_rc(r, 3)
        check(not marker.exists(), "MARKER was created: the sandbox leaked")
        check(f"ruleset.lua:{n}" in r.err or not expect_line,
              f"{r.cmd}: no 'ruleset.lua:{n}' in {r.err.strip()!r}")
        check(not list(t.tmp.rglob("MARKER")), "a MARKER file was created")

    fn.__name__ = "hostile_" + name
    return fn


# What refuses a ruleset too large: its memory, or (on a busy machine)
# the clock.
LIMIT = "memory limit|time limit"

HOSTILE = [
    ("os_execute", 'os.execute("touch MARKER")', True),
    ("io_open", 'io.open("MARKER", "w")', True),
    ("endless_loop", "while true do end", True),
    ("memory_bomb", 'local t = {} for i = 1, 1e9 do '
                    't[i] = string.rep("x", 4096) .. i end', True),
    ("bytecode_load", "load(string.dump(function() end))()", True),
    ("syntax_error", "local x = = 1", True),
    # beyond the brief: other ways out of the sandbox or its budgets
    ("require", 'require("os").execute("touch MARKER")', True),
    ("dofile", 'dofile("/etc/passwd")', True),
    ("include_escape", 'include "../../../../../../etc/passwd"', True),
    ("huge_string", 'local s = string.rep("x", 1e10)', True),
    ("stack_overflow", "local function f() return 1 + f() end f()", True),
    ("pcall_swallows_budget",
     "local ok = pcall(function() while true do end end) "
     "while true do end", True),
    ("gc_finalizer_loop",
     "setmetatable({}, {__gc = function() while true do end end}) "
     'error("refused")', True),
    ("pattern_backtracking",
     'string.find(string.rep("a", 60), string.rep("a*", 12) .. "b")', True),
    # what registrations copy into C counts against the rules' memory,
    # and costs time in the rules' size, not its square
    ("fields_share_big_label",
     'local s = string.rep("x", 2^20) local f = {} for i = 1, 6000 do '
     'f[i] = {"f"..i, s, "int", "sum"} end '
     'form{id="zz", title="t", section="A.I", owner="o", fields=f}', True,
     LIMIT),
    ("many_small_fields",
     'local f = {} for i = 1, 200000 do f[i] = {"f"..i, "l", "int", "sum"} '
     'end form{id="zz", title="t", section="A.I", owner="o", fields=f}', True,
     LIMIT),
    ("many_sections",
     'for i = 1, 2e6 do section{id="Z"..i, title="t"} end', True,
     LIMIT),
    ("many_responsibilities",
     'for i = 1, 2e6 do responsibility{kinds={"commune"}, parts={"bm1"}} '
     'end', True, LIMIT),
    ("many_periods",
     'for i = 1, 2e6 do period_type{code="P"..i, label="p", '
     'window={from="01/01/Y", to="31/03/Y"}, unit_due="10/04/Y", '
     'compile_due="15/04/Y"} end', True, LIMIT),
    ("long_strings",
     'local s = string.rep("á", 2^19) for i = 1, 100 do level{id="l"..i, '
     'label=s} role{id="r"..i, label=s} section{id="Z"..i, title=s, '
     'guidance=s} end', True, LIMIT),
    # the libraries are the host's too: read-only to rules
    ("replace_string_find",
     "string.find = function(s, p) while true do end end", True,
     "read-only"),
    ("rawset_string_find",
     'rawset(string, "find", function() while true do end end)', True,
     "read-only"),
]

for _n, _l, _e, *_w in HOSTILE:
    test(hostile_test(_n, _l, _e, *_w))


@test
def rules_error_named_once(t):
    """An error that comes up through nested library calls is named where
    it happened once, not once per call it passed through."""
    rules, n = rules_with(
        t, "local function f(s) return (s:gsub('.', f)) end f('abc')")
    r = t.bc("rules", "check", rules, db=False, timeout=HOSTILE_LIMIT)
    expect_err(r, 1, f"ruleset.lua:{n}: ", "stack overflow")
    line = next(l for l in r.err.splitlines() if "stack overflow" in l)
    same(line.count("ruleset.lua:"), 1, f"places named in {line[:200]!r}")


@test
def rules_unknown_key(t):
    r = t.bc("rules", "check", FIX / "rules-unknown-key", db=False)
    expect_err(r, 1, "deadline_colour", "ruleset.lua:")
    # the key is the only fault
    d = t.tmp / "fixed"
    shutil.copytree(FIX / "rules-unknown-key", d)
    p = d / "badkey" / "ruleset.lua"
    p.write_text("".join(l for l in p.read_text(encoding="utf-8")
                         .splitlines(keepends=True)
                         if "deadline_colour" not in l), encoding="utf-8")
    t.ok("rules", "check", d, db=False)
    # appended to the shipped rules, with the line
    rules, n = rules_with(
        t, 'level { id = "tinh", label = "Cấp tỉnh", colour = "đỏ" }')
    r = t.bc("rules", "check", rules, db=False)
    expect_err(r, 1, "colour", f"ruleset.lua:{n}")


@test
def rules_fail_to_load_exit_3(t):
    t.init()
    broken = t.rules_copy()
    entry = broken / "cchc-1131" / "ruleset.lua"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nthis is not lua\n",
                     encoding="utf-8")
    for args in (["period", "show", "2023-Q1"], ["period", "calendar", "2023"],
                 ["rules", "list"], ["rules", "show", "cchc-1131"],
                 ["units", "import", UNITS_CSV]):
        r = t.bc(*args, rules=broken)
        expect_err(r, 3, "ruleset.lua:")
    r = t.bc("period", "show", "2023-Q1", rules=t.tmp / "khong-co")
    expect_err(r, 3, "khong-co")
    r = t.bc("period", "show", "2023-Q1",
             env=base_env(BAOCAO_RULES=str(broken)))
    expect_err(r, 3, "ruleset.lua:")
    empty = t.tmp / "empty"
    empty.mkdir()
    expect_rc(t.bc("period", "show", "2023-Q1", rules=empty), 3)
    # an init against broken rules is refused too
    r = t.bc("init", db=t.tmp / "other.db", rules=broken)
    expect_rc(r, 3)
    # and the shipped rules still work with the same database
    same(show(t, "2023-Q1"), expected(2023, "Q1"), "period show afterwards")


@test
def recorded_period_keeps_rules_version(t):
    rules = t.rules_copy()
    t.init(rules=rules)
    t.ok("period", "advance", "2023-H1", "--due", "2023-05-20", "--doc", "CV 1",
         rules=rules)
    periods = rules / "cchc-1131" / "periods.lua"
    text = periods.read_text(encoding="utf-8")
    check('compile_due = "04/06/Y"' in text, "periods.lua changed shape")
    periods.write_text(text.replace('compile_due = "04/06/Y"',
                                    'compile_due = "06/06/Y"'),
                       encoding="utf-8")
    same(stale(show(t, "2023-H1", rules=rules), "cchc-1131"),
         expected(2023, "H1", advanced=("CV 1", "2023-05-20")),
         "recorded 2023-H1 after its rules changed")
    want = expected(2024, "H1")
    want["compile_due"] = "2024-06-06"
    same(show(t, "2024-H1", rules=rules), want, "2024-H1 under changed rules")


# ---- rulesets over time ------------------------------------------------

def need_test2025():
    if not (TEST2025 / "ruleset.lua").is_file():
        raise Skip(f"{TEST2025} does not exist yet")


@test
def rulesets_over_time(t):
    need_test2025()
    rules = t.tmp / "rules"
    rules.mkdir()
    (rules / "cchc-1131").symlink_to(CCHC, target_is_directory=True)
    (rules / "test-2025").symlink_to(TEST2025, target_is_directory=True)
    t.ok("rules", "check", rules, db=False)
    t.init(rules=rules)
    same(show(t, "2024-Q1", rules=rules), expected(2024, "Q1"), "2024-Q1")
    same(show(t, "2024-Y", rules=rules), expected(2024, "Y"), "2024-Y")
    q1 = show(t, "2025-Q1", rules=rules)
    check(q1.get("ruleset") == "test-2025",
          f"2025-Q1 is governed by {q1.get('ruleset')!r}, want test-2025")
    # test-2025 repeats cchc-1131 but for the Q1 unit deadline
    same({k: v for k, v in q1.items() if k != "unit_due"},
         {k: v for k, v in expected(2025, "Q1", ruleset="test-2025").items()
          if k != "unit_due"}, "2025-Q1 under test-2025")
    check(isinstance(q1.get("unit_due"), str)
          and re.fullmatch(r"2025-\d\d-\d\d", q1["unit_due"])
          and q1["unit_due"] != "2025-02-28",
          f"2025-Q1 unit_due {q1.get('unit_due')!r}: want test-2025's own "
          f"deadline, not cchc-1131's 2025-02-28")
    r = t.ok("rules", "list", rules=rules, db=False)
    check("test-2025" in r.out and "cchc-1131" in r.out,
          f"rules list: {r.out!r}")


@test
def recorded_period_keeps_ruleset(t):
    need_test2025()
    rules = t.tmp / "rules"
    rules.mkdir()
    (rules / "cchc-1131").symlink_to(CCHC, target_is_directory=True)
    t.init(rules=rules)
    doc = "Công văn 5/UBND-NV"
    t.ok("period", "advance", "2025-H1", "--due", "2025-05-20", "--doc", doc,
         rules=rules)
    want = expected(2025, "H1", advanced=(doc, "2025-05-20"))
    same(show(t, "2025-H1", rules=rules), want, "2025-H1 under cchc-1131")
    (rules / "test-2025").symlink_to(TEST2025, target_is_directory=True)
    t.ok("init", rules=rules)
    same(stale(show(t, "2025-H1", rules=rules), "test-2025"), want,
         "recorded 2025-H1 after test-2025 was added")
    q1 = show(t, "2025-Q1", rules=rules)
    check(q1.get("ruleset") == "test-2025",
          f"2025-Q1 (not recorded) is governed by {q1.get('ruleset')!r}")
    cal = t.json("period", "calendar", "2025", rules=rules)["periods"]
    for p in cal:
        if p["period"] == "2025-H1":
            same(stale(p, "test-2025"), want, "2025-H1 in calendar 2025")


# ---- JSON on stdout, messages on stderr --------------------------------

@test
def json_stdout_only(t):
    t.init()
    t.copy_fixture("units-quoted.csv")
    cmds = [["init"], ["rules", "list"], ["rules", "show", "cchc-1131"],
            ["rules", "check"], ["units", "import", UNITS_CSV],
            ["units", "import", "units-quoted.csv"], ["units", "list"],
            ["period", "show", "2023-Q1"], ["period", "calendar", "2023"],
            ["period", "advance", "2023-H1", "--due", "2023-05-20",
             "--doc", "CV 9"],
            ["period", "add-adhoc", "2023-DX1", "--from", "2023-04-01",
             "--to", "2023-04-30", "--due", "2023-05-05", "--doc", "CV 12"]]
    for c in cmds:
        r = t.bc(*c, "--json")
        expect_rc(r, 0)
        parse_json(r)
    # --json before the command means the same
    for c in (["period", "show", "2023-H1"], ["units", "list"],
              ["period", "calendar", "2023"]):
        a, b = t.bc(*c, "--json"), t.bc("--json", *c)
        expect_rc(a, 0)
        expect_rc(b, 0)
        same(parse_json(b), parse_json(a), f"--json {' '.join(c)}")
    same(parse_json(t.bc("period", "advance", "2023-Y", "--due", "2023-11-01",
                         "--doc", "CV 10", "--json")),
         expected(2023, "Y", advanced=("CV 10", "2023-11-01")),
         "period advance --json prints the period")
    # failures print nothing that is not JSON on stdout
    for c, code in ((["period", "show", "2023-Q2"], 2),
                    (["period", "advance", "2023-Q1", "--due", "2023-02-01",
                      "--doc", "x"], 1),
                    (["units", "import", FIX / "units-bad-many.csv"], 1),
                    (["rules", "check", FIX / "rules-unknown-key"], 1)):
        r = t.bc(*c, "--json")
        expect_rc(r, code)
        if r.out.strip():
            parse_json(r)
        check(r.err.strip(), f"{r.cmd}: no message on stderr")


# ---- submissions: import, status, history ------------------------------
#
# docs/formats.md and docs/cli.md (import, status, history).  Every test
# writes its own submission files into its temporary directory.

SIGNER = {"name": "Nguyễn Văn An", "title": "Chủ tịch UBND xã"}
REPORT_A = {
    "A.I": "UBND xã ban hành Kế hoạch số 12/KH-UBND về CCHC năm 2023.",
    "A.II": "Bộ phận Một cửa tiếp nhận 120 hồ sơ, giải quyết đúng hạn.",
    "A.III": "Ưu điểm: cán bộ tận tình; hạn chế: thiết bị cũ.",
    "A.IV": "Đẩy mạnh dịch vụ công trực tuyến toàn trình.",
    "A.V": "Không có kiến nghị.",
}
# docs/formats.md's example: every total adds up
BM3 = {"hs_ky_truoc": 10, "hs_truc_tuyen": 60, "hs_truc_tiep": 50,
       "hs_tiep_nhan": 120, "hs_truoc_han": 40, "hs_dung_han": 68,
       "hs_qua_han": 2, "hs_da_giai_quyet": 110, "hs_dang_trong_han": 10,
       "hs_dang_qua_han": 0, "hs_dang_giai_quyet": 10}
COMMUNE_PARTS = ["report", "pl1b", "bm1", "bm2", "bm3", "bm4", "bm5", "bm6",
                 "bm7"]
DEPT_PARTS = ["report", "pl1a", "pl1b"]
NOI_VU_PARTS = ["report", "pl1a", "pl1b", "bm1", "bm4", "bm5"]
# ruleset cchc-1131 and examples/tan-ky-units.csv: every unit but the district
EXPECTED_UNITS = 35
STATUS_KEYS = ["period", "as_of", "unit_due", "summary", "units"]
SUMMARY_KEYS = ["expected", "complete", "on_time", "late", "partial",
                "missing", "reporting_rate", "on_time_rate"]
UNIT_KEYS = ["unit", "kind", "required", "received", "missing", "state"]
RECEIVED_KEYS = ["revision", "received_at", "on_time"]


def commune_forms():
    """Every form a commune owes, a few fields each, all valid."""
    return {
        "pl1b": {"van_ban": [
            {"so_ky_hieu": "12/KH-UBND", "ngay": "2023-01-10",
             "loai": "ke_hoach", "trich_yeu": "Kế hoạch CCHC năm 2023"}]},
        "bm1": {"vb_chi_dao": 2, "nv_ke_hoach": 15, "nv_hoan_thanh": 3,
                "kinh_phi_cchc": 12.5},
        "bm2": {"vb_ra_soat": 6, "vb_can_xu_ly": 1},
        "bm3": dict(BM3),
        "bm4": {"thon_khoi": 12, "cbcc_xa_quy_dinh": 21,
                "cbcc_xa_co_mat": 20},
        "bm5": {"dao_tao_luot": 6, "cc_xa_tong": 20, "cc_xa_dat_chuan": 19},
        "bm6": {"thu_ns_du_toan": 1500.5, "thu_ns_thuc_hien": 320.25,
                "cong_khai_ngan_sach": True},
        "bm7": {"ke_hoach_cds": True, "vb_di_tong": 300,
                "vb_di_dien_tu": 280, "vb_di_ky_so": 260},
    }


def dept_forms():
    return {
        "pl1a": {"nhiem_vu": [
            {"noi_dung": "Rà soát TTHC thuộc lĩnh vực", "linh_vuc": "tthc",
             "thoi_han": "2023-01-31", "trang_thai": "ht_dung_han",
             "ngay_hoan_thanh": "2023-01-25"},
            {"noi_dung": "Số hóa hồ sơ", "linh_vuc": "cqs",
             "thoi_han": "2023-06-30", "trang_thai": "dang_th"}]},
        "pl1b": {"van_ban": []},
    }


def sub(unit="xa-ky-son", period="2023-Q1", forms=None, report=None,
        received_at="2023-02-27T09:00:00+07:00", channel="ioffice",
        signed_by=None, **extra):
    """A submission object; forms and report default to everything a
    commune owes.  received_at=None, channel=None, report=False leave
    them out."""
    s = {"unit": unit, "period": period,
         "signed_by": dict(signed_by or SIGNER)}
    if received_at is not None:
        s["received_at"] = received_at
    if channel is not None:
        s["channel"] = channel
    s["forms"] = commune_forms() if forms is None else forms
    if report is not False:
        s["report"] = dict(REPORT_A) if report is None else report
    s.update(extra)
    return s


def write_text(t, name, text):
    p = t.tmp / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return name


def write_json(t, name, obj):
    return write_text(t, name, json.dumps(obj, ensure_ascii=False, indent=2)
                      + "\n")


def cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def csv_rows(s):
    """The long form (docs/formats.md, CSV) of a submission object."""
    key = [s["unit"], s["period"]]
    rows = [key + ["_meta", "signer_name", s["signed_by"]["name"]],
            key + ["_meta", "signer_title", s["signed_by"]["title"]]]
    for k in ("received_at", "channel"):
        if k in s:
            rows.append(key + ["_meta", k, s[k]])
    for form, fields in s["forms"].items():
        for field, v in fields.items():
            if isinstance(v, list):
                if not v:
                    rows.append(key + [form, field, "[]"])
                for i, row in enumerate(v, 1):
                    rows += [key + [form, f"{field}[{i}].{c}", cell(x)]
                             for c, x in row.items()]
            else:
                rows.append(key + [form, field, cell(v)])
    rows += [key + ["report", sec, text]
             for sec, text in s.get("report", {}).items()]
    return rows


def write_csv(t, name, rows, bom=False, crlf=False):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(["unit", "period", "form", "field", "value"])
    w.writerows(rows)
    return write_text(t, name, ("\ufeff" if bom else "") + buf.getvalue())


def line_of(t, name, needle, after=None):
    """1-based number of the first line of file `name` holding `needle`
    (after the first line holding `after`, if given)."""
    lines = (t.tmp / name).read_bytes().decode("utf-8", "replace") \
        .splitlines()
    start = 0
    if after is not None:
        start = next(i for i, l in enumerate(lines) if after in l) + 1
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    raise AssertionError(f"{needle!r} not in {name}")


def with_units(t, rules=None):
    t.init(rules=rules)
    t.ok("units", "import", UNITS_CSV, rules=rules)


def status(t, period="2023-Q1", as_of="2023-03-10", rules=None):
    return t.json("status", period, "--as-of", as_of, rules=rules)


def unit_of(st, code):
    for u in st.get("units", []):
        if u.get("unit") == code:
            return u
    fail(f"status {st.get('period')}: no unit {code!r}")


def history(t, unit, period="2023-Q1", form=None):
    return t.json("history", unit, period, *([form] if form else []))


def summary_lines(r, name):
    return [l for l in r.err.splitlines() if l.startswith(name + ":")
            and not re.match(re.escape(name) + r":\d+:", l)]


def stored_state(t, rules=None):
    """What the database holds for 2023-Q1, as status sees it at year end."""
    return status(t, as_of="2023-12-31", rules=rules)


def expect_msg(t, r, name, line, where=None):
    """stderr has 'NAME:LINE: …', and the same command's --json a problem
    at that line about where ('form.field', 'form' or None for a problem
    of the whole file): the text names forms and fields as people read
    them, the JSON by their ids."""
    pat = rf"^{re.escape(name)}:{line}: \S"  # line: a number or a regex
    check(re.search(pat, r.err, re.M),
          f"{r.cmd}: no line matching {pat!r} in stderr: "
          f"{r.err.strip()[:600]!r}")
    args, rules = list(r.argv), None
    while args and args[0] in ("--db", "--rules"):
        if args[0] == "--rules":
            rules = args[1]
        args = args[2:]
    j = parse_json(t.bc(*args, "--json", rules=rules))
    form, _, field = (where or "").partition(".")
    got = [(p["line"], p["form"], p["field"])
           for f in j["files"] for p in f["problems"]]
    check(any(re.fullmatch(str(line), str(l)) and
              (where is None or (fo, fi) == (form, field or None))
              for l, fo, fi in got),
          f"{r.cmd} --json: no problem at line {line} of {where}: {got[:8]}")


@test
def import_json_accepted(t):
    with_units(t)
    name = write_json(t, "xa-ky-son.json", sub())
    r = t.ok("import", name)
    lines = summary_lines(r, name)
    check(len(lines) == 1, f"{r.cmd}: want one summary line: {r.err!r}")
    s = lines[0]
    for w in ("accepted", "xa-ky-son", "2023-Q1", "Biểu số 03 (revision 1)",
              "Phụ lục 1B (revision 1)", "Báo cáo bằng văn bản (revision 1)"):
        check(w in s, f"{r.cmd}: summary line {s!r} does not name {w!r}")
    check("bm3" not in s and " r1" not in s,
          f"{r.cmd}: summary line {s!r} names a part by its id")
    u = unit_of(status(t), "xa-ky-son")
    same(u["state"], "on_time", "state of xa-ky-son")
    same(sorted(u["received"]), sorted(COMMUNE_PARTS), "parts received")
    same(u["missing"], [], "parts missing")
    # a department, and a numeric string
    d = sub("noi-vu", forms=dict(dept_forms(),
                                 bm1={"vb_chi_dao": "4", "nv_ke_hoach": 60},
                                 bm4={"co_quan_chuyen_mon": 13,
                                      "dvsn_cong_lap": 85},
                                 bm5={"vtvl_don_vi": 98, "vtvl_da_duyet": 95}),
            report=dict(REPORT_A, **{"B.4": "Nhiệm vụ Phòng Nội vụ chủ trì."}),
            signed_by={"name": "Trần Thị Hà", "title": "Trưởng phòng Nội vụ"})
    t.ok("import", write_json(t, "noi-vu.json", d))
    u = unit_of(status(t), "noi-vu")
    same(u["state"], "on_time", "state of noi-vu")
    same(u["required"], NOI_VU_PARTS, "required of noi-vu")


@test
def import_csv_accepted(t):
    with_units(t)
    s = sub("xa-ky-tan", received_at="2023-02-24T10:00:00+07:00",
            channel="email")
    tricky = 'Ưu điểm: Bộ phận "Một cửa" tận tình, chu đáo.\nTồn tại: máy cũ.'
    s["report"]["A.III"] = tricky
    name = write_csv(t, "xa-ky-tan.csv", csv_rows(s), bom=True, crlf=True)
    r = t.ok("import", name)
    lines = summary_lines(r, name)
    check(len(lines) == 1 and all(w in lines[0] for w in
                                  ("accepted", "xa-ky-tan", "2023-Q1",
                                   "Biểu số 03 (revision 1)",
                                   "Báo cáo bằng văn bản (revision 1)")),
          f"{r.cmd}: summary: {r.err!r}")
    u = unit_of(status(t), "xa-ky-tan")
    same(u["state"], "on_time", "state of xa-ky-tan (CSV)")
    same(u["received"]["bm1"]["received_at"], "2023-02-24T10:00:00+07:00",
         "received_at from _meta")
    h = history(t, "xa-ky-tan", form="bm1")["revisions"]
    same([(x["channel"], x["signed_by"]["name"]) for x in h],
         [("email", SIGNER["name"])], "channel and signer from _meta")
    # the quoted text came through whole: a second report shows it as 'from'
    s2 = sub("xa-ky-tan", forms={}, received_at="2023-02-25T10:00:00+07:00")
    t.ok("import", write_json(t, "report2.json", s2))
    rep = history(t, "xa-ky-tan", form="report")["revisions"]
    ch = {c["field"]: c for c in rep[-1]["changes"]}
    check("A.III" in ch, f"report r2 changes: {rep[-1]['changes']}")
    same(ch["A.III"]["from"], tricky, "A.III text of the CSV report")


# name: (how to spoil a valid submission, (line needle, after), where)
# `spoil` takes the submission object and returns the file name written.
def _bad_json(mutate):
    def write(t, name):
        s = sub()
        mutate(s)
        return write_json(t, name, s)
    return write


def _set(form, field, value):
    def m(s):
        s["forms"].setdefault(form, {})[field] = value
    return m


def _row(form, table, col, value):
    def m(s):
        s["forms"][form][table][0][col] = value
    return m


def _raw(text):
    def write(t, name):
        return write_text(t, name, text)
    return write


VALID = json.dumps(sub(), ensure_ascii=False, indent=2) + "\n"
BAD_FILES = {
    "unknown_unit": (_bad_json(lambda s: s.update(unit="xa-khong-co")),
                     ('"unit"', None), None),
    "malformed_period": (_bad_json(lambda s: s.update(period="2023-Q5")),
                         ('"period"', None), None),
    "unknown_period": (_bad_json(lambda s: s.update(period="2023-DX7")),
                       ('"period"', None), None),
    "unknown_form": (_bad_json(lambda s: s["forms"].update(bm9={"x": 1})),
                     ('"bm9"', None), "bm9"),
    "unknown_field": (_bad_json(_set("bm1", "vb_khong_co", 1)),
                      ('"vb_khong_co"', None), "bm1.vb_khong_co"),
    "other_level_field": (_bad_json(_set("bm4", "co_quan_chuyen_mon", 3)),
                          ('"co_quan_chuyen_mon"', None),
                          "bm4.co_quan_chuyen_mon"),
    "form_not_owed": (_bad_json(lambda s: s["forms"].update(
        pl1a=dept_forms()["pl1a"])), ('"pl1a"', None), "pl1a"),
    "text_in_number": (_bad_json(_set("bm1", "hop_giao_ban", "hai")),
                       ('"hop_giao_ban"', None), "bm1.hop_giao_ban"),
    "grouping_separator": (_bad_json(_set("bm7", "vb_di_tong", "1,300")),
                           ('"vb_di_tong"', None), "bm7.vb_di_tong"),
    "fraction_in_count": (_bad_json(_set("bm2", "vb_ra_soat", 6.5)),
                          ('"vb_ra_soat"', None), "bm2.vb_ra_soat"),
    "negative_count": (_bad_json(_set("bm5", "dao_tao_luot", -6)),
                       ('"dao_tao_luot"', None), "bm5.dao_tao_luot"),
    "money_three_decimals": (_bad_json(_set("bm6", "thu_ns_thuc_hien",
                                            320.255)),
                             ('"thu_ns_thuc_hien"', None),
                             "bm6.thu_ns_thuc_hien"),
    "bool_not_bool": (_bad_json(_set("bm7", "ke_hoach_cds", "có")),
                      ('"ke_hoach_cds"', None), "bm7.ke_hoach_cds"),
    "malformed_date": (_bad_json(_row("pl1b", "van_ban", "ngay",
                                      "2023-02-30")),
                       ('"ngay"', None), "pl1b.van_ban"),
    "enum_outside_list": (_bad_json(_row("pl1b", "van_ban", "loai",
                                         "thong_bao")),
                          ('"loai"', None), "pl1b.van_ban"),
    "pattern_mismatch": (_bad_json(_row("pl1b", "van_ban", "so_ky_hieu",
                                        "KH12")),
                         ('"so_ky_hieu"', None), "pl1b.van_ban"),
    "cross_field_check": (_bad_json(_set("bm3", "hs_da_giai_quyet", 111)),
                          ('"hs_da_giai_quyet"', None),
                          "bm3.hs_da_giai_quyet"),
    "le_check": (_bad_json(_set("bm7", "vb_di_ky_so", 290)),
                 ('"vb_di_ky_so"', None), "bm7.vb_di_ky_so"),
    "no_signer": (_bad_json(lambda s: s.pop("signed_by")), None, None),
    "signer_without_title": (_bad_json(
        lambda s: s["signed_by"].pop("title")), ('"signed_by"', None), None),
    "another_units_section": (_bad_json(
        lambda s: s["report"].update({"B.1": "Văn phòng …"})),
        ('"B.1"', None), "report.B.1"),
    "unknown_top_level_key": (_bad_json(lambda s: s.update(ghi_chu="x")),
                              ('"ghi_chu"', None), None),
    "malformed_json": (_raw(VALID.replace('"hs_dung_han": 68',
                                          '"hs_dung_han": 68,,')),
                       ('"hs_dung_han"', None), None),
    "json_not_utf8": (lambda t, n: write_text(
        t, n, VALID.replace("Nguyễn Văn An", "NGUYEN").encode("utf-8")
        .replace(b"NGUYEN", b"L\xea V\xe3n An")),    # Latin-1
        ('"name"', None), None),
    "json_duplicate_field": (_raw(VALID.replace(
        '"hs_truc_tiep": 50,', '"hs_truc_tiep": 50,\n"hs_truc_tiep": 50,')),
        ('"hs_truc_tiep"', '"hs_truc_tiep"'), "bm3.hs_truc_tiep"),
}


def csv_case(spoil):
    def write(t, name):
        rows = csv_rows(sub())
        return write_csv(t, name, spoil(rows))
    return write


BAD_CSV = {
    "csv_duplicate_field": (csv_case(lambda rows: rows + [
        ["xa-ky-son", "2023-Q1", "bm1", "vb_chi_dao", "3"]]),
        (",bm1,vb_chi_dao,3", None), "bm1.vb_chi_dao"),
    "csv_unknown_field": (csv_case(lambda rows: rows[:5] + [
        ["xa-ky-son", "2023-Q1", "bm3", "hs_khong_co", "3"]] + rows[5:]),
        (",hs_khong_co,", None), "bm3.hs_khong_co"),
    "csv_negative_count": (csv_case(lambda rows: [
        r[:4] + ["-2"] if r[2:4] == ["bm1", "nv_hoan_thanh"] else r
        for r in rows]), (",nv_hoan_thanh,", None), "bm1.nv_hoan_thanh"),
    "csv_table_cell": (csv_case(lambda rows: [
        r[:4] + ["10/01/2023"] if r[3] == "van_ban[1].ngay" else r
        for r in rows]), ("van_ban[1].ngay", None), "pl1b.van_ban"),
    "csv_bad_quote": (lambda t, n: write_text(
        t, n, "unit,period,form,field,value\n"
        "xa-ky-son,2023-Q1,_meta,signer_name,A\n"
        "xa-ky-son,2023-Q1,_meta,signer_title,B\n"
        'xa-ky-son,2023-Q1,report,A.I,"không đóng ngoặc\n'),
        ("report,A.I", None), None),
    "csv_wrong_field_count": (lambda t, n: write_text(
        t, n, "unit,period,form,field,value\n"
        "xa-ky-son,2023-Q1,_meta,signer_name,A\n"
        "xa-ky-son,2023-Q1,_meta,signer_title,B\n"
        "xa-ky-son,2023-Q1,bm1,vb_chi_dao\n"), (",bm1,vb_chi_dao", None),
        None),
    "csv_not_utf8": (lambda t, n: write_text(
        t, n, "unit,period,form,field,value\n"
        "xa-ky-son,2023-Q1,_meta,signer_name,A\n".encode()
        + b"xa-ky-son,2023-Q1,_meta,signer_title,Ch\xfa t\xe9ch\n"),
        None, None),
    "csv_bad_header": (lambda t, n: write_text(
        t, n, "don_vi,ky,bieu,chi_tieu,gia_tri\n"
        "xa-ky-son,2023-Q1,bm1,vb_chi_dao,1\n"), None, None),
}


def bad_import_test(case, spec, ext):
    spoil, where_line, where = spec

    def fn(t):
        with_units(t)
        # something stored already, so a partial store would show
        t.ok("import", write_json(t, "truoc.json",
                                  sub("xa-ky-tan", forms={"bm1": {
                                      "vb_chi_dao": 1}})))
        before = stored_state(t)
        name = spoil(t, f"{case}.{ext}")
        r = t.bc("import", name)
        expect_rc(r, 1)
        check(r.out == "", f"{r.cmd}: printed on stdout: {r.out!r}")
        if where_line is None:
            line = r"\d+"
            if case == "csv_not_utf8":
                line = "3"
            elif case in ("no_signer", "csv_bad_header"):
                line = r"\d+"
        elif case == "signer_without_title":
            a = line_of(t, name, '"signed_by"')
            b = line_of(t, name, "}", after='"signed_by"')
            line = "(?:" + "|".join(str(i) for i in range(a, b + 1)) + ")"
        else:
            line = str(line_of(t, name, *where_line))
        if case in ("no_signer", "signer_without_title"):
            check(re.search(rf"^{re.escape(name)}:\d+: .*sign", r.err, re.M),
                  f"{r.cmd}: no message about the signer: {r.err!r}")
        expect_msg(t, r, name, line, where)
        check(any("rejected" in l for l in summary_lines(r, name)),
              f"{r.cmd}: no 'rejected' summary line: {r.err!r}")
        same(stored_state(t), before, f"status after the rejected {name}")
        h = history(t, "xa-ky-son")
        same(h.get("revisions"), [], f"history of xa-ky-son after {name}")

    fn.__name__ = "import_rejects_" + case
    return fn


for _c, _s in BAD_FILES.items():
    test(bad_import_test(_c, _s, "json"))
for _c, _s in BAD_CSV.items():
    test(bad_import_test(_c, _s, "csv"))


@test
def import_pattern_failure_blames_rules(t):
    """A column's pattern too costly for a cell is the rules' failure,
    named where they declare it; the data is not called malformed."""
    rules = t.rules_copy()
    pl1b = rules / "cchc-1131" / "forms" / "pl1b.lua"
    text = pl1b.read_text(encoding="utf-8")
    text = re.sub(r'pattern = "[^"]*"', 'pattern = "^(.-)(.-)(.-)(.-)(.-)x$"',
                  text, count=1)
    pl1b.write_text(text, encoding="utf-8")
    t.ok("rules", "check", rules, db=False)
    with_units(t, rules=rules)
    s = sub()
    s["forms"]["pl1b"]["van_ban"][0]["so_ky_hieu"] = "12/" + "KH" * 100
    r = t.bc("import", write_json(t, "long.json", s), rules=rules)
    form_line = text.count("\n", 0, text.index("form {")) + 1
    expect_err(r, 3, f"pl1b.lua:{form_line}:", "pattern", "too long")
    check("does not look like" not in r.err,
          f"{r.cmd}: the data is blamed: {r.err.strip()[:300]!r}")
    check(not unit_of(status(t, rules=rules), "xa-ky-son")["received"],
          "parts stored though the rules failed")


@test
def import_rejects_pct_out_of_range(t):
    # cchc-1131 has no pct field: a copy of it with one
    rules = t.rules_copy()
    bm1 = rules / "cchc-1131" / "forms" / "bm1.lua"
    text = bm1.read_text(encoding="utf-8")
    check("  fields = {\n" in text, "bm1.lua changed shape")
    bm1.write_text(text.replace(
        "  fields = {\n",
        '  fields = {\n    { "ty_le_thu", "Tỷ lệ thử", "pct", "snap" },\n', 1),
        encoding="utf-8")
    with_units(t, rules=rules)
    before = stored_state(t, rules=rules)
    for bad in (100.5, -1, "120"):
        s = sub()
        s["forms"]["bm1"]["ty_le_thu"] = bad
        name = write_json(t, "pct.json", s)
        r = t.bc("import", name, rules=rules)
        expect_rc(r, 1)
        expect_msg(t, r, name, line_of(t, name, '"ty_le_thu"'),
                   "bm1.ty_le_thu")
        same(stored_state(t, rules=rules), before, f"status after pct {bad}")
    s = sub()
    s["forms"]["bm1"]["ty_le_thu"] = 99.5
    t.ok("import", write_json(t, "pct-ok.json", s), rules=rules)


@test
def import_lists_every_problem(t):
    with_units(t)
    s = sub()
    s["forms"]["bm3"]["hs_da_giai_quyet"] = 111
    s["forms"]["bm1"]["nv_hoan_thanh"] = -1
    s["forms"]["bm6"]["thu_ns_thuc_hien"] = "ba trăm"
    s["forms"]["pl1b"]["van_ban"][0]["loai"] = "thong_bao"
    s["report"]["B.5"] = "…"
    name = write_json(t, "nhieu-loi.json", s)
    r = t.bc("import", name)
    expect_rc(r, 1)
    for needle, where in (('"hs_da_giai_quyet"', "bm3.hs_da_giai_quyet"),
                          ('"nv_hoan_thanh"', "bm1.nv_hoan_thanh"),
                          ('"thu_ns_thuc_hien"', "bm6.thu_ns_thuc_hien"),
                          ('"loai"', "pl1b.van_ban"),
                          ('"B.5"', "report.B.5")):
        expect_msg(t, r, name, line_of(t, name, needle), where)


@test
def import_junk_file(t):
    with_units(t)
    before = stored_state(t)
    junk = bytes(range(256)) * 8 + b"\x00\xff\xfe" * 100
    name = write_text(t, "rac.json", junk)
    r = t.bc("import", name)
    expect_rc(r, 1)
    check(re.search(rf"^{re.escape(name)}(:\d+)?: ", r.err, re.M),
          f"{r.cmd}: no message naming {name}: {r.err!r}")
    png = write_text(t, "anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
                     + bytes(200))
    expect_rc(t.bc("import", png), 1)
    # UTF-8 text, but neither JSON nor the CSV long form
    txt = write_text(t, "thu.txt", "Kính gửi UBND huyện,\nxin gửi báo cáo.\n")
    expect_rc(t.bc("import", txt), 1)
    same(stored_state(t), before, "status after junk")


@test
def import_multi_unit_csv_all_or_nothing(t):
    with_units(t)
    before = stored_state(t)
    good = csv_rows(sub("xa-ky-son"))
    bad = csv_rows(sub("xa-ky-tan"))
    bad = [r[:4] + ["121"] if r[2:4] == ["bm3", "hs_tiep_nhan"] else r
           for r in bad]
    third = csv_rows(sub("xa-tan-an", period="2022-Q1",
                         received_at="2022-02-25T09:00:00+07:00",
                         forms={"bm1": {"vb_chi_dao": 1}}))
    name = write_csv(t, "nhieu-don-vi.csv", good + bad + third)
    r = t.bc("import", name)
    expect_rc(r, 1)
    n = line_of(t, name, "xa-ky-tan,2023-Q1,bm3,hs_tiep_nhan,121")
    check(re.search(rf"^{re.escape(name)}:{n}: bm3\.hs_tiep_nhan: Biểu số 03, column \[9\]",
                    r.err, re.M),
          f"{r.cmd}: no bm3 message: {r.err!r}")
    check(not re.search(rf"^{re.escape(name)}:\d+: .*xa-ky-son", r.err,
                        re.M), f"{r.cmd}: the good unit is blamed: {r.err!r}")
    same(stored_state(t), before, "status 2023-Q1 after the rejected CSV")
    same(history(t, "xa-tan-an", "2022-Q1").get("revisions"), [],
         "history of the third unit")


@test
def import_csv_several_units_and_periods(t):
    """docs/formats.md: a CSV file may hold several units and periods."""
    with_units(t)
    good = csv_rows(sub("xa-ky-son"))
    also = csv_rows(sub("xa-ky-tan"))
    third = csv_rows(sub("xa-tan-an", period="2022-Q1",
                         received_at="2022-02-25T09:00:00+07:00",
                         forms={"bm1": {"vb_chi_dao": 1}}))
    name = write_csv(t, "nhieu-don-vi-2.csv", good + also + third)
    r = t.ok("import", name)
    lines = summary_lines(r, name)
    for code, period in (("xa-ky-son", "2023-Q1"), ("xa-ky-tan", "2023-Q1"),
                         ("xa-tan-an", "2022-Q1")):
        check(any(code in l and period in l for l in lines),
              f"{r.cmd}: no summary for {code} {period}: {r.err!r}")
    st = status(t)
    same([unit_of(st, c)["state"] for c in ("xa-ky-son", "xa-ky-tan")],
         ["on_time", "on_time"], "states after the good CSV")


@test
def import_same_file_twice(t):
    with_units(t)
    name = write_json(t, "xa-ky-son.json", sub())
    t.ok("import", name)
    st, h = stored_state(t), history(t, "xa-ky-son")
    r = t.ok("import", name)
    check("already imported" in r.err,
          f"{r.cmd}: no 'already imported': {r.err.strip()!r}")
    check(re.search(r"already imported as revision\b.*\b1\b", r.err),
          f"{r.cmd}: does not name revision 1: {r.err.strip()!r}")
    same(stored_state(t), st, "status after a re-import")
    same(history(t, "xa-ky-son"), h, "history after a re-import")
    # the same bytes under another name, with --json
    shutil.copyfile(t.tmp / name, t.tmp / "ban-sao.json")
    j = t.json("import", "ban-sao.json")
    check(j["files"][0]["accepted"] is True, f"import --json: {j}")
    same(history(t, "xa-ky-son"), h, "history after a copy was imported")


@test
def import_dry_run(t):
    with_units(t)
    before = stored_state(t)
    name = write_json(t, "xa-ky-son.json", sub())
    r = t.ok("import", name, "--dry-run")
    check(r.err.strip(), f"{r.cmd}: says nothing")
    same(stored_state(t), before, "status after --dry-run")
    same(history(t, "xa-ky-son").get("revisions"), [],
         "history after --dry-run")
    bad = sub()
    bad["forms"]["bm1"]["vb_chi_dao"] = -1
    expect_rc(t.bc("import", write_json(t, "bad.json", bad), "--dry-run"), 1)
    # a real import afterwards is revision 1, not 2
    r = t.ok("import", name)
    check("Biểu số 03 (revision 1)" in r.err,
          f"{r.cmd}: after a dry run: {r.err!r}")


@test
def import_received_at_and_channel_options(t):
    with_units(t)
    s = sub(received_at="2023-02-20T08:00:00+07:00", channel="email")
    name = write_json(t, "a.json", s)
    t.ok("import", name, "--received-at", "2023-03-02T10:15:00+07:00",
         "--channel", "zalo")
    h = history(t, "xa-ky-son", form="bm3")["revisions"]
    same([(x["received_at"], x["channel"]) for x in h],
         [("2023-03-02T10:15:00+07:00", "zalo")], "command line wins")
    u = unit_of(status(t), "xa-ky-son")
    same(u["state"], "late", "state with --received-at after the deadline")
    # a date alone is 00:00 that day, +07:00; an offset is converted
    name = write_json(t, "b.json", sub("xa-ky-tan"))
    t.ok("import", name, "--received-at", "2023-02-27")
    h = history(t, "xa-ky-tan", form="bm1")["revisions"]
    same(h[0]["received_at"], "2023-02-27T00:00:00+07:00", "date alone")
    # neither: the time of import (BAOCAO_NOW) and channel 'file'
    name = write_json(t, "d.json", sub("xa-tan-long", received_at=None,
                                       channel=None))
    t.ok("import", name)
    h = history(t, "xa-tan-long", form="bm1")["revisions"]
    same((h[0]["received_at"], h[0]["channel"]), (NOW, "file"),
         "received_at and channel by default")
    # CSV _meta is overridden as well
    rows = csv_rows(sub("xa-tan-phu", received_at="2023-02-21T08:00:00+07:00",
                        channel="ioffice"))
    t.ok("import", write_csv(t, "e.csv", rows), "--channel", "email")
    h = history(t, "xa-tan-phu", form="bm1")["revisions"]
    same((h[0]["received_at"], h[0]["channel"]),
         ("2023-02-21T08:00:00+07:00", "email"), "CSV with --channel")
    for bad in (["--received-at", "hôm qua"], ["--channel", "fax"],
                ["--received-at", "2023-02-30"]):
        r = t.bc("import", write_json(t, "f.json", sub("xa-tan-xuan")), *bad)
        check(r.rc in (1, 2), f"{r.cmd}: {r.brief()}")
    same(history(t, "xa-tan-xuan").get("revisions"), [],
         "history after refused options")


@test
def history_timestamps_in_vietnam_time(t):
    """docs/formats.md: received_at may carry any offset; output shows
    timestamps in +07:00 (status does; history must too)."""
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub(
        "xa-tan-an", received_at=None, channel=None)),
        "--received-at", "2023-02-28T01:00:00Z")
    t.ok("import", write_json(t, "b.json", sub(
        "xa-ky-son", received_at="2023-02-28T17:30:00Z")))
    t.ok("import", write_json(t, "c.json", sub(
        "xa-ky-tan", received_at="2023-02-28T17:30:00+05:00")))
    st = status(t)
    want = {"xa-tan-an": "2023-02-28T08:00:00+07:00",
            "xa-ky-son": "2023-03-01T00:30:00+07:00",
            "xa-ky-tan": "2023-02-28T19:30:00+07:00"}
    same({c: unit_of(st, c)["received"]["bm1"]["received_at"] for c in want},
         want, "received_at in status")
    same({c: history(t, c, form="bm1")["revisions"][0]["received_at"]
          for c in want}, want, "received_at in history")
    same([unit_of(st, c)["state"] for c in want],
         ["on_time", "late", "on_time"], "states")


@test
def status_json_shape(t):
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub()))
    r = t.bc("status", "2023-Q1", "--as-of", "2023-03-10", "--json")
    expect_rc(r, 0)
    st = parse_json(r)
    same(sorted(st), sorted(STATUS_KEYS), "top-level keys of status")
    same((st["period"], st["as_of"], st["unit_due"]),
         ("2023-Q1", "2023-03-10", "2023-02-28"), "period, as_of, unit_due")
    same(sorted(st["summary"]), sorted(SUMMARY_KEYS), "keys of summary")
    same(st["summary"], {"expected": EXPECTED_UNITS, "complete": 1,
                         "on_time": 1, "late": 0, "partial": 0,
                         "missing": EXPECTED_UNITS - 1,
                         "reporting_rate": 2.9, "on_time_rate": 2.9},
         "summary")
    codes = [u["unit"] for u in st["units"]]
    same(len(codes), EXPECTED_UNITS, "number of units in status")
    check("tan-ky" not in codes, "the district (collects only) is expected")
    same(sorted(codes), sorted(set(codes)), "units listed once")
    u = unit_of(st, "xa-ky-son")
    for k in UNIT_KEYS:
        check(k in u, f"unit entry lacks {k!r}: {sorted(u)}")
    same(u["required"], COMMUNE_PARTS, "required of a commune")
    same(sorted(u["received"]), sorted(COMMUNE_PARTS), "received")
    for part, rec in u["received"].items():
        same(sorted(rec), sorted(RECEIVED_KEYS), f"keys of received.{part}")
        same(rec, {"revision": 1, "received_at": "2023-02-27T09:00:00+07:00",
                   "on_time": True}, f"received.{part}")
    same((u["kind"], u["missing"], u["state"]), ("commune", [], "on_time"),
         "kind, missing, state")
    same(unit_of(st, "noi-vu")["required"], NOI_VU_PARTS, "required of noi-vu")
    same(unit_of(st, "gddt")["required"], DEPT_PARTS, "required of gddt")
    same(unit_of(st, "tt-tan-ky")["kind"], "town", "kind of the town")
    m = unit_of(st, "xa-tien-ky")
    same((m["received"], m["missing"], m["state"]),
         ({}, COMMUNE_PARTS, "missing"), "a unit that sent nothing")


@test
def status_rates_one_decimal_text(t):
    """docs/cli.md: rates have one decimal -- in the JSON text too (85.7, not
    85.700000000000003)."""
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub()))
    r = t.bc("status", "2023-Q1", "--as-of", "2023-03-10", "--json")
    expect_rc(r, 0)
    for k in ("reporting_rate", "on_time_rate"):
        m = re.search(rf'"{k}"\s*:\s*([^,}}]*)', r.out)
        check(m and re.fullmatch(r"\d+\.\d", m.group(1).strip()),
              f"{k} is written {m and m.group(1)!r}, not with one decimal")


@test
def status_json_unit_keys_exact(t):
    """docs/cli.md fixes each unit's object: unit, kind, required, received,
    missing, state."""
    with_units(t)
    st = status(t)
    extra = set()
    for u in st["units"]:
        extra |= set(u) - set(UNIT_KEYS)
        same(sorted(set(UNIT_KEYS) & set(u)), sorted(UNIT_KEYS),
             f"keys of {u.get('unit')}")
    check(not extra, f"unit objects carry keys docs/cli.md does not have: "
                     f"{sorted(extra)}")


@test
def status_states_and_rates(t):
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub("xa-ky-son")))
    t.ok("import", write_json(t, "b.json", sub(
        "xa-ky-tan", received_at="2023-03-02T09:00:00+07:00")))
    t.ok("import", write_json(t, "c.json", sub(
        "xa-tan-an", forms={"bm1": {"vb_chi_dao": 1}}, report=False)))
    # a report without A.V is not complete: listed under missing
    t.ok("import", write_json(t, "d.json", sub(
        "xa-tan-long", report={k: v for k, v in REPORT_A.items()
                               if k != "A.V"})))
    st = status(t)
    same(st["summary"], {"expected": EXPECTED_UNITS, "complete": 2,
                         "on_time": 1, "late": 1, "partial": 2,
                         "missing": EXPECTED_UNITS - 4,
                         "reporting_rate": 5.7, "on_time_rate": 2.9},
         "summary")
    same([unit_of(st, c)["state"] for c in
          ("xa-ky-son", "xa-ky-tan", "xa-tan-an", "xa-tan-long")],
         ["on_time", "late", "partial", "partial"], "states")
    same(unit_of(st, "xa-tan-an")["missing"],
         [p for p in COMMUNE_PARTS if p != "bm1"], "missing of xa-tan-an")
    same(unit_of(st, "xa-tan-long")["missing"], ["report"],
         "an incomplete report is missing")
    check("report" not in unit_of(st, "xa-tan-long")["received"],
          "an incomplete report is listed as received")
    late = unit_of(st, "xa-ky-tan")["received"]["bm3"]
    same(late, {"revision": 1, "received_at": "2023-03-02T09:00:00+07:00",
                "on_time": False}, "received.bm3 of the late unit")
    # the report completed later counts from that revision
    t.ok("import", write_json(t, "e.json", sub(
        "xa-tan-long", forms={}, received_at="2023-03-03T08:00:00+07:00")))
    u = unit_of(status(t), "xa-tan-long")
    same((u["state"], u["received"]["report"]["received_at"],
          u["received"]["report"]["on_time"]),
         ("late", "2023-03-03T08:00:00+07:00", False),
         "report completed after the deadline")
    # human output names the period and the rates
    r = t.ok("status", "2023-Q1", "--as-of", "2023-03-10")
    check("2023-Q1" in r.out and ("xa-ky-son" in r.out or "Kỳ Sơn" in r.out),
          f"human status: {r.out[:300]!r}")


@test
def status_timeliness(t):
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub(
        "xa-ky-son", received_at="2023-02-28T23:30:00+07:00")))
    t.ok("import", write_json(t, "b.json", sub(
        "xa-ky-tan", received_at="2023-02-28T17:30:00Z")))
    t.ok("import", write_json(t, "c.json", sub(
        "xa-tan-an", received_at="2023-02-27T09:00:00+07:00")))
    # xa-tan-an corrects its bm3 after the deadline
    fix = dict(BM3, hs_truc_tuyen=70, hs_truc_tiep=40)
    t.ok("import", write_json(t, "c2.json", sub(
        "xa-tan-an", forms={"bm3": fix}, report=False,
        received_at="2023-03-05T10:00:00+07:00")))
    st = status(t, as_of="2023-03-10")
    a, b, c = (unit_of(st, x) for x in ("xa-ky-son", "xa-ky-tan", "xa-tan-an"))
    same((a["state"], a["received"]["bm3"]["received_at"],
          a["received"]["bm3"]["on_time"]),
         ("on_time", "2023-02-28T23:30:00+07:00", True),
         "23:30+07:00 on the due day")
    same((b["state"], b["received"]["bm3"]["received_at"],
          b["received"]["bm3"]["on_time"]),
         ("late", "2023-03-01T00:30:00+07:00", False),
         "17:30Z on the due day (00:30 the next day in Vietnam)")
    same((c["state"], c["received"]["bm3"]),
         ("on_time", {"revision": 2, "received_at": "2023-02-27T09:00:00+07:00",
                      "on_time": True}),
         "a late revision keeps on_time")
    # as of the due day: the 17:30Z receipt is not there yet
    st = status(t, as_of="2023-02-28")
    same(st["as_of"], "2023-02-28", "as_of")
    same([unit_of(st, x)["state"] for x in ("xa-ky-son", "xa-ky-tan",
                                            "xa-tan-an")],
         ["on_time", "missing", "on_time"], "states as of 2023-02-28")
    same(unit_of(st, "xa-ky-tan")["received"], {},
         "received as of 2023-02-28 of xa-ky-tan")
    same(unit_of(st, "xa-tan-an")["received"]["bm3"]["revision"], 1,
         "revision in force before the correction")
    same((st["summary"]["on_time"], st["summary"]["late"]), (2, 0),
         "on_time, late as of 2023-02-28")
    st = status(t, as_of="2023-02-26")
    same(unit_of(st, "xa-tan-an")["state"], "missing", "as of 2023-02-26")


@test
def status_revision_in_force_by_receipt(t):
    """Revisions are numbered in import order; the one in force is the one
    received last; timeliness goes by the first receipt."""
    with_units(t)
    late = dict(BM3, hs_truc_tuyen=70, hs_truc_tiep=40)
    t.ok("import", write_json(t, "sau.json", sub(
        "xa-ky-son", forms={"bm3": late}, report=False,
        received_at="2023-03-05T10:00:00+07:00")))
    t.ok("import", write_json(t, "truoc.json", sub(
        "xa-ky-son", received_at="2023-02-27T09:00:00+07:00")))
    u = unit_of(status(t), "xa-ky-son")
    same((u["state"], u["received"]["bm3"]),
         ("on_time", {"revision": 1, "received_at": "2023-02-27T09:00:00+07:00",
                      "on_time": True}), "bm3 in force and first receipt")
    h = history(t, "xa-ky-son", form="bm3")["revisions"]
    same([(x["revision"], x["in_force"]) for x in h], [(1, True), (2, False)],
         "in force by received_at")


@test
def status_advanced_h1_deadline(t):
    with_units(t)
    # imported after they came: a receipt time later than now is refused
    june = base_env(BAOCAO_NOW="2023-06-01T09:00:00+07:00")
    t.ok("import", write_json(t, "a.json", sub(
        "xa-ky-son", period="2023-H1",
        received_at="2023-05-25T09:00:00+07:00")), env=june)
    t.ok("import", write_json(t, "b.json", sub(
        "xa-ky-tan", period="2023-H1",
        received_at="2023-05-19T09:00:00+07:00")), env=june)
    st = status(t, "2023-H1", "2023-06-10")
    same(st["unit_due"], "2023-05-28", "unit_due of 2023-H1")
    same([unit_of(st, c)["state"] for c in ("xa-ky-son", "xa-ky-tan")],
         ["on_time", "on_time"], "states before the advance")
    t.ok("period", "advance", "2023-H1", "--due", "2023-05-20",
         "--doc", "Công văn 45/UBND-NV")
    st = status(t, "2023-H1", "2023-06-10")
    same(st["unit_due"], "2023-05-20", "unit_due after the advance")
    same([unit_of(st, c)["state"] for c in ("xa-ky-son", "xa-ky-tan")],
         ["late", "on_time"], "states after the advance")
    same(unit_of(st, "xa-ky-son")["received"]["bm3"]["on_time"], False,
         "on_time of a part received after the advanced deadline")
    same((st["summary"]["on_time"], st["summary"]["late"]), (1, 1),
         "summary after the advance")


@test
def status_bad_arguments(t):
    with_units(t)
    for args in (["2023-Q2"], ["2023-Q1", "--as-of", "10/03/23"],
                 ["2023-Q1", "--as-of"], []):
        r = t.bc("status", *args)
        expect_rc(r, 2)
    r = t.bc("status", "2023-Q1", db=t.tmp / "khong-co.db")
    expect_rc(r, 3)


@test
def history_json(t):
    with_units(t)
    a = write_json(t, "lan-1.json", sub(
        received_at="2023-02-27T09:00:00+07:00", channel="ioffice"))
    t.ok("import", a)
    s2 = sub(forms={"bm3": dict(BM3, hs_truc_tuyen=70, hs_truc_tiep=40,
                                 hs_xin_loi=1)},
             report=False, received_at="2023-03-05T10:00:00+07:00",
             channel="email",
             signed_by={"name": "Lê Thị Hoa", "title": "Phó Chủ tịch UBND xã"})
    s2["forms"]["bm3"].pop("hs_ky_truoc")
    b = write_csv(t, "lan-2.csv", csv_rows(s2))
    t.ok("import", b)
    h = history(t, "xa-ky-son", form="bm3")
    same((h.get("unit"), h.get("period")), ("xa-ky-son", "2023-Q1"),
         "unit and period of history")
    revs = h["revisions"]
    same([(x["part"], x["revision"]) for x in revs], [("bm3", 1), ("bm3", 2)],
         "revisions of bm3")
    for x, name, ch, signer, when in (
            (revs[0], a, "ioffice", SIGNER, "2023-02-27T09:00:00+07:00"),
            (revs[1], b, "email", s2["signed_by"],
             "2023-03-05T10:00:00+07:00")):
        digest = hashlib.sha256((t.tmp / name).read_bytes()).hexdigest()
        same(x["sha256"], digest, f"sha256 of r{x['revision']}")
        check(x["file"].endswith(name), f"file of r{x['revision']}: "
                                        f"{x['file']!r}")
        same((x["channel"], x["received_at"]), (ch, when),
             f"channel, received_at of r{x['revision']}")
        same((x["signed_by"]["name"], x["signed_by"]["title"]),
             (signer["name"], signer["title"]), f"signer of r{x['revision']}")
        check(isinstance(x["changes"], list), f"changes: {x['changes']!r}")
    same([x["in_force"] for x in revs], [False, True], "in_force")
    same(revs[0]["changes"], [], "changes of the first revision")
    changed = {c["field"]: (c["from"], c["to"]) for c in revs[1]["changes"]}
    same(sorted(changed), ["hs_ky_truoc", "hs_truc_tiep", "hs_truc_tuyen",
                           "hs_xin_loi"], "fields changed in r2")
    check(changed["hs_truc_tuyen"][0] in (60, "60")
          and changed["hs_truc_tuyen"][1] in (70, "70"),
          f"hs_truc_tuyen change: {changed['hs_truc_tuyen']}")
    check(changed["hs_ky_truoc"][1] is None and changed["hs_xin_loi"][0]
          is None, f"an absent field is null: {changed}")
    # every part, and the human form
    parts = {x["part"] for x in history(t, "xa-ky-son")["revisions"]}
    same(parts, set(COMMUNE_PARTS), "parts in the whole history")
    r = t.ok("history", "xa-ky-son", "2023-Q1", "bm3")
    # the channel as the rules name it ("email": Thư điện tử)
    for w in ("r1", "r2", "Thư điện tử", "Lê Thị Hoa", b):
        check(w in r.out, f"{r.cmd}: no {w!r} in {r.out[:400]!r}")


@test
def history_bad_arguments(t):
    """docs/cli.md: a malformed or unknown period code on the command line is a
    usage error (exit 2), as for status and period."""
    with_units(t)
    r = t.bc("history", "xa-khong-co", "2023-Q1")
    check(r.rc in (1, 2) and r.err.strip(), f"{r.cmd}: {r.brief()}")
    for period in ("2023-Q2", "2023-DX9", "23-Q1"):
        r = t.bc("history", "xa-ky-son", period)
        expect_rc(r, 2)
        check(period in r.err, f"{r.cmd}: message does not name {period}")
    expect_rc(t.bc("history"), 2)


# ---- an officer's first hour (issue 10): the command line ---------------

@test
def period_codes_any_case(t):
    """Period codes are read in either case, on the command line and in
    files: 2023-q1 is 2023-Q1, 2023-dx1 is 2023-DX1."""
    with_units(t)
    same(show(t, "2023-q1"), expected(2023, "Q1"), "period show 2023-q1")
    same(show(t, "2023-h1"), expected(2023, "H1"), "period show 2023-h1")
    # in files: JSON and CSV submissions naming 2023-q1
    t.ok("import", write_json(t, "a.json", sub("xa-ky-son", period="2023-q1")))
    t.ok("import", write_csv(t, "b.csv", csv_rows(sub("xa-ky-tan",
                                                      period="2023-q1"))))
    st = t.json("status", "2023-q1", "--as-of", "2023-03-10")
    same(st["period"], "2023-Q1", "status 2023-q1 --json period")
    same([unit_of(st, c)["state"] for c in ("xa-ky-son", "xa-ky-tan")],
         ["on_time", "on_time"], "units that sent 2023-q1 files")
    same(history(t, "xa-ky-son", "2023-q1", "bm3")["period"], "2023-Q1",
         "history period")
    same(t.json("aggregate", "2023-q1")["forms"]["bm3"]["fields"]
         ["hs_tiep_nhan"]["total"], 240, "aggregate 2023-q1")
    t.ok("export", "2023-q1", "--format", "json", "-o", "q1.json")
    t.ok("template", "--unit", "xa-ky-son", "--period", "2023-q1")
    check((t.tmp / "xa-ky-son-2023-Q1.xlsx").exists(),
          "template --period 2023-q1: no xa-ky-son-2023-Q1.xlsx")
    t.ok("period", "advance", "2023-h1", "--due", "2023-05-20", "--doc", "CV 1")
    same(show(t, "2023-H1")["unit_due"], "2023-05-20", "advanced 2023-h1")
    t.ok("period", "add-adhoc", "2023-dx1", "--from", "2023-04-01", "--to",
         "2023-04-30", "--due", "2023-05-05", "--doc", "CV 12")
    same(show(t, "2023-Dx1")["period"], "2023-DX1", "period show 2023-Dx1")
    expect_err(t.bc(*ADHOC), 1, "2023-DX1 already exists")
    same([p["period"] for p in t.json("period", "calendar", "2023")["periods"]],
         ["2023-Q1", "2023-DX1", "2023-H1", "2023-Q3", "2023-Y"],
         "one 2023-DX1 in the calendar")


@test
def history_unknown_form(t):
    """history UNIT PERIOD FORM with a form the period's ruleset does not
    have is a usage error listing its forms."""
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub()))
    for form in ("bm9", "BM3", "reports"):
        r = t.bc("history", "xa-ky-son", "2023-Q1", form)
        expect_err(r, 2, form, "bm1", "bm7", "pl1a", "report")
        check(r.out == "", f"{r.cmd}: printed {r.out!r}")
    for form in ("bm3", "report"):
        check(history(t, "xa-ky-son", form=form)["revisions"],
              f"history ... {form}: no revision")
    # a form of the rules nobody sent is no usage error
    t.ok("history", "xa-ky-son", "2023-Q1", "pl1a")


@test
def period_add_adhoc_unknown_forms(t):
    """add-adhoc --forms with ids that are no forms: refused, the real
    forms listed, nothing recorded."""
    t.init()
    for forms in ("bm9", "bm1,bm9,xyz"):
        r = t.bc(*ADHOC, "--forms", forms)
        expect_err(r, 2, "bm9", "bm1", "bm7", "report")
        expect_rc(t.bc("period", "show", "2023-DX1"), 2)
    same([p["period"] for p in t.json("period", "calendar", "2023")["periods"]],
         ["2023-Q1", "2023-H1", "2023-Q3", "2023-Y"],
         "calendar after refused add-adhoc")
    t.ok(*ADHOC, "--forms", "bm1,bm3,report")
    same(show(t, "2023-DX1")["forms"], ["bm1", "bm3", "report"],
         "forms of 2023-DX1")


@test
def period_advance_twice(t):
    """Every advance stays on record with its document; the last one is in
    force, a later day included; advanced_by is the one in force."""
    t.init()
    doc1, doc2, doc3 = ("Công văn 111/UBND-NV ngày 02/5/2023",
                        "Công văn 222/UBND-NV ngày 10/5/2023",
                        "Công văn 333/UBND-NV ngày 15/5/2023")
    t.ok("period", "advance", "2023-H1", "--due", "2023-05-25", "--doc", doc1)
    t.ok("period", "advance", "2023-H1", "--due", "2023-05-20", "--doc", doc2)
    got = show(t, "2023-H1")
    want = expected(2023, "H1", advanced=(doc2, "2023-05-20"))
    same({k: got[k] for k in want}, want, "period show after two advances")
    same(got.get("superseded_advances"),
         [{"doc": doc1, "unit_due": "2023-05-25",
           "recorded_at": "2023-05-15T09:00:00+07:00"}],
         "superseded_advances")
    r = t.ok("period", "show", "2023-H1")
    check(doc1 in r.out and doc2 in r.out, f"{r.cmd}: {r.out!r}")
    # a later day than the one in force: a new document gives days back
    t.ok("period", "advance", "2023-H1", "--due", "2023-05-26", "--doc", doc3)
    got = show(t, "2023-H1")
    same((got["unit_due"], got["advanced_by"]),
         ("2023-05-26", {"doc": doc3, "unit_due": "2023-05-26"}),
         "in force after a later advance")
    same([(a["doc"], a["unit_due"]) for a in got["superseded_advances"]],
         [(doc1, "2023-05-25"), (doc2, "2023-05-20")], "superseded")
    cal = [p for p in t.json("period", "calendar", "2023")["periods"]
           if p["period"] == "2023-H1"]
    same(cal, [got], "2023-H1 in the calendar")
    # the advance in force again records nothing; the rules' day is refused
    t.ok("period", "advance", "2023-H1", "--due", "2023-05-26", "--doc", doc3)
    expect_rc(t.bc("period", "advance", "2023-H1", "--due", "2023-05-28",
                   "--doc", "CV 4"), 1)
    same(show(t, "2023-H1"), got, "after a repeat and a refusal")


@test
def import_help_names_formats(t):
    """import --help names the formats it reads, .xlsx first among them."""
    r = t.ok("import", "--help", db=False)
    for w in (".xlsx", "JSON", "CSV"):
        check(w in r.out, f"{r.cmd}: no {w!r} in {r.out!r}")
    r = t.ok("--help", db=False)
    check(re.search(r"^\s+import\s.*xlsx", r.out, re.M),
          f"baocao --help: the import line does not name xlsx: {r.out!r}")


def xlsx_text(path):
    """The text of every sheet of a workbook (inline strings)."""
    with zipfile.ZipFile(path) as z:
        return "".join(re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8"))
                       for n in sorted(z.namelist())
                       if n.startswith("xl/worksheets/"))


def csv_cells(path):
    data = Path(path).read_bytes()
    check(data.startswith(b"\xef\xbb\xbf"), f"{path}: no UTF-8 BOM")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"),
                                       newline="")))
    same(rows[0], ["unit", "period", "form", "field", "value"], "csv header")
    return {(u, f, x): v for u, _, f, x, v in rows[1:]}


def as_of_district(t):
    """xa-ky-son on time, corrected on 2023-03-03; xa-ky-tan late, on
    2023-03-02."""
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub("xa-ky-son")))
    t.ok("import", write_json(t, "b.json", sub(
        "xa-ky-tan", received_at="2023-03-02T09:00:00+07:00")))
    fix = dict(BM3, hs_truc_tuyen=70, hs_truc_tiep=40)
    t.ok("import", write_json(t, "c.json", sub(
        "xa-ky-son", forms={"bm3": fix}, report=False,
        received_at="2023-03-03T10:00:00+07:00")))


@test
def export_as_of(t):
    """export --as-of DATE: the status inside ("tính đến ngày"), the
    revision in force of each form and the figures, in every format;
    --date the document's own date, by default the as-of day."""
    as_of_district(t)
    early = ["--as-of", "2023-02-28"]
    r = t.ok("export", "2023-Q1", "--format", "xlsx", "-o", "a.xlsx", *early)
    check("as of 28/02/2023, dated 28/02/2023" in r.err, f"{r.cmd}: {r.err!r}")
    text = xlsx_text(t.tmp / "a.xlsx")
    for w in ("Số liệu tính đến ngày 28/02/2023",
              "ngày 28 tháng 02 năm 2023"):
        check(w in text, f"{r.cmd}: the workbook does not say {w!r}")
    t.ok("export", "2023-Q1", "--format", "xlsx", "-o", "b.xlsx",
         "--as-of", "2023-03-10", "--date", "2023-03-11")
    text = xlsx_text(t.tmp / "b.xlsx")
    for w in ("Số liệu tính đến ngày 10/03/2023",
              "ngày 11 tháng 3 năm 2023"):
        check(w in text, f"export --as-of 2023-03-10 --date 2023-03-11: the "
                         f"workbook does not say {w!r}")
    # csv and json: the values and figures in force then
    t.ok("export", "2023-Q1", "--format", "csv", "-o", "a.csv", *early)
    t.ok("export", "2023-Q1", "--format", "csv", "-o", "b.csv",
         "--as-of", "2023-03-10")
    a, b = csv_cells(t.tmp / "a.csv"), csv_cells(t.tmp / "b.csv")
    same((a.get(("xa-ky-son", "bm3", "hs_truc_tuyen")),
          b.get(("xa-ky-son", "bm3", "hs_truc_tuyen"))), ("60", "70"),
         "xa-ky-son's bm3.hs_truc_tuyen as of 02-28 and 03-10")
    same((a.get(("xa-ky-tan", "bm3", "hs_tiep_nhan")),
          b.get(("xa-ky-tan", "bm3", "hs_tiep_nhan"))), (None, "120"),
         "xa-ky-tan (received 03-02) as of 02-28 and 03-10")
    same((a.get(("_total", "bm3", "hs_tiep_nhan")),
          b.get(("_total", "bm3", "hs_tiep_nhan"))), ("120", "240"),
         "the csv's district total as of 02-28 and 03-10")
    t.ok("export", "2023-Q1", "--format", "json", "-o", "a.json", *early)
    agg = json.loads((t.tmp / "a.json").read_text(encoding="utf-8"))
    same(agg["forms"]["bm3"]["fields"]["hs_truc_tuyen"]["total"], 60,
         "json export as of 02-28")
    same(agg["missing_units"]["bm3"].count("xa-ky-tan"), 1,
         "xa-ky-tan missing as of 02-28")
    # the plugins' model: a shipped one, and one that prints its days
    t.ok("export", "2023-Q1", "--format", "md", "-o", "a.md", *early)
    md = (t.tmp / "a.md").read_text(encoding="utf-8")
    check("Tính đến ngày 28/02/2023" in md, f"md as of 02-28: {md[:400]!r}")
    plugs = t.tmp / "plugs"
    plugs.mkdir()
    (plugs / "days.lua").write_text(
        'exporter { name = "days", run = function(m) write(m.date, " ", '
        'm.status.as_of, " ", '
        'm.aggregate.forms.bm3.fields.hs_truc_tuyen.total, "\\n") end }\n',
        encoding="utf-8")
    t.ok("export", "2023-Q1", "-o", "a.days", "--plugins", plugs, *early,
         "--date", "2023-03-01")
    same((t.tmp / "a.days").read_text(encoding="utf-8"),
         "2023-03-01 2023-02-28 60\n", "a plugin's model as of 02-28")
    # byte for byte the same with --fixed-time
    for fmt in ("xlsx", "csv"):
        outs = []
        for n in (1, 2):
            out = t.tmp / f"fixed{n}.{fmt}"
            t.ok("export", "2023-Q1", "-o", out, *early, "--fixed-time",
                 "2023-03-05T08:00:00+07:00")
            outs.append(out.read_bytes())
        check(outs[0] == outs[1], f"two {fmt} exports with --fixed-time "
                                  f"and --as-of differ")


@test
def export_as_of_defaults(t):
    """Without --as-of: today, as for status (here 2023-05-15), dated
    so, with a note naming the compile deadline when past it; with --date
    alone, as of that day; --date before --as-of is a usage error."""
    as_of_district(t)
    r = t.ok("export", "2023-Q1", "-o", "a.xlsx")
    check("as of 15/05/2023, dated 15/05/2023" in r.err, f"{r.cmd}: {r.err!r}")
    check(re.search(r"note: .*04/03/2023.*--as-of 04/03/2023", r.err),
          f"{r.cmd}: no note of the compile deadline: {r.err!r}")
    text = xlsx_text(t.tmp / "a.xlsx")
    check("Số liệu tính đến ngày 15/05/2023" in text and
          "ngày 15 tháng 5 năm 2023" in text, f"{r.cmd}: wrong days")
    r = t.ok("export", "2023-Q1", "-o", "b.xlsx", "--date", "2023-03-01")
    check("as of 01/03/2023, dated 01/03/2023" in r.err
          and "note:" not in r.err, f"{r.cmd}: {r.err!r}")
    # a period still open: no note
    r = t.ok("export", "2023-H1", "-o", "h1.csv")
    check("as of 15/05/2023, dated 15/05/2023" in r.err
          and "note:" not in r.err, f"{r.cmd}: {r.err!r}")
    r = t.bc("export", "2023-Q1", "-o", "c.xlsx", "--as-of", "2023-03-10",
             "--date", "2023-03-09")
    expect_err(r, 2, "--date")
    for bad in (["--as-of", "10/03/23"], ["--date", "30/02/2023"]):
        expect_rc(t.bc("export", "2023-Q1", "-o", "d.xlsx", *bad), 2)
    # a date as people type it
    r = t.ok("export", "2023-Q1", "-o", "e.csv", "--as-of", "1/3/2023")
    check("as of 01/03/2023, dated 01/03/2023" in r.err, f"{r.cmd}: {r.err!r}")
    check(not (t.tmp / "c.xlsx").exists() and not (t.tmp / "d.xlsx").exists(),
          "a refused export wrote its file")


@test
def export_format_from_extension(t):
    """Without --format, -o's extension names the format (built-in or
    plugin, in any case); one naming none is a usage error listing the
    formats."""
    as_of_district(t)
    t.ok("export", "2023-Q1", "-o", "q1.xlsx")
    check(zipfile.is_zipfile(t.tmp / "q1.xlsx"), "q1.xlsx is no workbook")
    t.ok("export", "2023-Q1", "-o", "Q1.CSV")
    csv_cells(t.tmp / "Q1.CSV")
    t.ok("export", "2023-Q1", "-o", "q1.json")
    check("forms" in json.loads((t.tmp / "q1.json").read_text("utf-8")),
          "q1.json is not the aggregate")
    t.ok("export", "2023-Q1", "-o", "q1.html")
    check("<html" in (t.tmp / "q1.html").read_text("utf-8"), "q1.html")
    t.ok("export", "2023-Q1", "-o", "q1.md")
    check("Tính đến ngày" in (t.tmp / "q1.md").read_text("utf-8"), "q1.md")
    for out in ("q1.txt", "q1", "q1.xlsx.bak", "out.d/x."):
        r = t.bc("export", "2023-Q1", "-o", out)
        expect_err(r, 2, "xlsx", "csv", "json", "html", "md")
    check(not (t.tmp / "q1.txt").exists(), "q1.txt written")
    # --format says it whatever the extension
    t.ok("export", "2023-Q1", "--format", "csv", "-o", "q1.txt")
    csv_cells(t.tmp / "q1.txt")


@test
def export_csv_read_back(t):
    """The csv export carries a UTF-8 BOM (Excel on Windows opens it with
    its diacritics) and the import still reads it: its rows of a unit,
    with a signer, are that unit's submission again."""
    as_of_district(t)
    t.ok("export", "2023-Q1", "--format", "csv", "-o", "all.csv")
    data = (t.tmp / "all.csv").read_bytes()
    check(data.startswith(b"\xef\xbb\xbfunit,period,form,field,value\r\n"),
          f"csv export starts {data[:40]!r}")
    lines = data.split(b"\r\n")
    mine = [l for l in lines[1:] if l.startswith(b"xa-ky-son,")]
    meta = [",".join(["xa-ky-son", "2023-Q1", "_meta", k, v]).encode()
            for k, v in (("signer_name", SIGNER["name"]),
                         ("signer_title", SIGNER["title"]),
                         ("received_at", "2023-03-04T08:00:00+07:00"))]
    back = b"\r\n".join([lines[0]] + meta + mine) + b"\r\n"
    (t.tmp / "back.csv").write_bytes(back)
    t.db = t.tmp / "back.db"
    with_units(t)
    t.ok("import", "back.csv")
    got = t.json("aggregate", "2023-Q1")["forms"]
    same((got["bm3"]["fields"]["hs_truc_tuyen"]["total"],
          got["pl1b"]["units"]["xa"]), (70, 1), "the export read back")


def display_width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def column_at(line, word):
    """The terminal column where word starts in line."""
    i = line.index(word)
    return display_width(line[:i])


@test
def aggregate_text_shows_options(t):
    """The text of aggregate shows what --compare, --by and --rows add,
    and its tables line up by what the terminal shows, not by bytes."""
    with_units(t)
    s22 = sub(period="2022-Q1", received_at="2022-02-25T09:00:00+07:00")
    s22["forms"]["pl1b"]["van_ban"][0]["ngay"] = "2022-01-10"
    s22["forms"]["bm3"] = dict(BM3, hs_truc_tuyen=40, hs_truc_tiep=70)
    t.ok("import", write_json(t, "2022.json", s22))
    t.ok("import", write_json(t, "2023.json", sub()))
    plain = t.ok("aggregate", "2023-Q1").out
    cmp_ = t.ok("aggregate", "2023-Q1", "--compare").out
    check(cmp_ != plain and "2022-Q1" in cmp_, "--compare: same text")
    lines = cmp_.splitlines()
    # a field by its number and label on the template, not its id
    check("hs_truc_tuyen" not in cmp_, "aggregate text names a field by id")
    i = next(i for i, l in enumerate(lines)
             if l.startswith("  [7] Số hồ sơ tiếp nhận trực tuyến "))
    same([lines[i].split()[-1], lines[i + 1].split()[-1],
          lines[i + 2].split()[-2]], ["60", "40", "50.0"],
         "hs_truc_tuyen, last year's, change % in the text")
    by = t.ok("aggregate", "2023-Q1", "--by", "district").out
    check(by != plain and "tan-ky" in by and "UBND huyện Tân Kỳ" in by,
          f"--by district: {by[-300:]!r}")
    rows = t.ok("aggregate", "2023-Q1", "--rows").out
    check(rows != plain and "Kế hoạch CCHC năm 2023" in rows
          and "12/KH-UBND" in rows, "--rows: no row of pl1b")
    # a choice and a heading by their labels, a date dd/mm/yyyy
    check("  Kế hoạch " in rows and "  Loại văn bản " in rows
          and "ke_hoach" not in rows and "2023-01-" not in rows,
          f"--rows: ids or ISO dates in {rows[-600:]!r}")
    # every figure of a form's table ends in the same column, "—" too
    table = [l for l in plain.splitlines()
             if re.match(r"  \S.* (-?\d[\d.]*|—)(  %)?$", l)]
    check(any("—" in l for l in table), "no figure without a value")
    ends = {display_width(l.rstrip(" %")) for l in table}
    check(len(ends) == 1, f"aggregate text: lines end at columns {ends}")


@test
def aggregate_by_json_as_one_dump(t):
    """aggregate --by --json writes its districts one at a time (a
    country's are ~100 MB as one tree), and still prints what one dump of
    the whole did: the rest as without --by, "by" in its place, the
    districts in order, ", " and ": " between members."""
    with_units(t)
    s22 = sub(period="2022-Q1", received_at="2022-02-25T09:00:00+07:00")
    s22["forms"]["pl1b"]["van_ban"][0]["ngay"] = "2022-01-10"
    t.ok("import", write_json(t, "2022.json", s22))
    t.ok("import", write_json(t, "2023.json", sub()))
    for extra in ([], ["--compare"]):
        plain = t.ok("aggregate", "2023-Q1", "--json", *extra).out
        by = t.ok("aggregate", "2023-Q1", "--json", "--by", "district",
                  *extra).out
        doc = json.loads(by)
        same(by, json.dumps(doc, ensure_ascii=False) + "\n",
             f"aggregate --by district --json {extra}: not one dump")
        check(len(doc["by"]) >= 1 and "tan-ky" in doc["by"],
              f"--by district: {list(doc['by'])}")
        keys = list(doc)
        check(keys.index("by") > keys.index("ruleset") and
              ("compared" not in doc or
               keys.index("compared") > keys.index("by")),
              f"--by: members in the order {keys}")
        del doc["by"]
        same(json.dumps(doc, ensure_ascii=False) + "\n", plain,
             f"aggregate --by district --json {extra}: the rest")


@test
def text_tables_aligned(t):
    """Every text table lines up Vietnamese by what a terminal shows:
    rules show's unit kinds, aggregate --rows' rows, --help's commands."""
    # the summaries of --help start in one column, apart from every name
    r = t.ok("--help", db=False)
    block = r.out.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    starts = {re.match(r"  \S+ +", l).end() for l in block.splitlines()}
    check(len(starts) == 1, f"--help: summaries at columns {starts}")
    r = t.ok("rules", "show", "cchc-1131", db=False)
    block = r.out.split("unit kinds:\n", 1)[1].split("\n\n", 1)[0]
    cols = {column_at(l, " level ") for l in block.splitlines()}
    check(len(cols) == 1, f"rules show: 'level' at columns {cols}:\n{block}")
    with_units(t)
    s = sub()
    s["forms"]["pl1b"]["van_ban"].append(
        {"so_ky_hieu": "3/QĐ-UBND", "ngay": "2023-02-01",
         "loai": "quyet_dinh", "trich_yeu": "Quyết định"})
    t.ok("import", write_json(t, "a.json", s))
    t.ok("import", write_json(t, "b.json", sub("xa-ky-tan")))
    out = t.ok("aggregate", "2023-Q1", "--rows").out.splitlines()
    rows = [l for l in out if re.search(r"\b\d\d/0[12]/2023\b", l)]
    same(len(rows), 3, "rows of pl1b listed")
    cols = {column_at(l, re.search(r"\d\d/0[12]/2023", l).group(0))
            for l in rows}
    check(len(cols) == 1, f"aggregate --rows: dates at columns {cols}:\n"
                          + "\n".join(rows))


@test
def import_warnings_accepted(t):
    """Warnings: year-on-year (3x), late, estimated; accepted and kept."""
    with_units(t)
    s22 = sub(period="2022-Q1", received_at="2022-02-25T09:00:00+07:00")
    s22["forms"]["pl1b"]["van_ban"][0]["ngay"] = "2022-01-10"
    t.ok("import", write_json(t, "2022.json", s22))
    s = sub(received_at="2023-03-01T09:00:00+07:00", estimated=True)
    s["forms"]["bm7"]["vb_di_tong"] = 1000   # 300 a year before
    s["forms"]["bm7"]["vb_di_dien_tu"] = 900
    s["forms"]["bm7"]["vb_di_ky_so"] = 850
    name = write_json(t, "2023.json", s)
    r = t.ok("import", name)
    n = line_of(t, name, '"vb_di_tong"')
    check(re.search(rf"^{re.escape(name)}:{n}: bm7\.vb_di_tong: warning: Biểu số 07, "
                    rf"column \[4\] .*2022-Q1",
                    r.err, re.M),
          f"{r.cmd}: no year-on-year warning: {r.err!r}")
    check("warning" in r.err, f"{r.cmd}: no warning: {r.err!r}")
    w = history(t, "xa-ky-son", form="bm7")["revisions"][0]
    check(w["estimated"] is True, f"estimated not kept: {w}")
    check(len(w["warnings"]) >= 2, f"warnings not kept: {w['warnings']}")


@test
def import_empty_form_is_no_receipt(t):
    """A form with no value in it is no receipt: said at its line, not
    stored; status, aggregate and export all see it missing."""
    with_units(t)
    forms = commune_forms()
    forms["bm7"] = {}
    forms["bm6"] = {"thu_ns_du_toan": None}
    name = write_json(t, "xa-ky-son.json", sub(forms=forms))
    r = t.ok("import", name)
    for form in ("bm7", "bm6"):
        n = line_of(t, name, f'"{form}"')
        check(re.search(rf"^{re.escape(name)}:{n}: {form}: warning: Biểu số "
                        rf"0{form[-1]}: no value.*not received", r.err, re.M),
              f"{r.cmd}: no warning for the empty {form}: {r.err!r}")
    summary = summary_lines(r, name)[0]
    check("Biểu số 07" not in summary and "Biểu số 06" not in summary
          and "Biểu số 03 (revision 1)" in summary,
          f"{r.cmd}: summary names the empty forms: {summary!r}")
    u = unit_of(status(t), "xa-ky-son")
    same((u["state"], sorted(u["missing"])), ("partial", ["bm6", "bm7"]),
         "status of a unit that sent bm6 and bm7 empty")
    agg = t.json("aggregate", "2023-Q1")["missing_units"]
    check(all("xa-ky-son" in agg.get(f, []) for f in ("bm6", "bm7")) and
          "xa-ky-son" not in agg.get("bm3", []),
          f"aggregate's missing units: {agg}")
    t.ok("export", "2023-Q1", "--format", "csv", "-o", "q1.csv")
    rows = list(csv.reader((t.tmp / "q1.csv").open(encoding="utf-8")))
    forms_out = {r_[2] for r_ in rows if r_[0] == "xa-ky-son"}
    check("bm3" in forms_out and not forms_out & {"bm6", "bm7"},
          f"export csv has xa-ky-son's forms {sorted(forms_out)}")
    # a file of nothing but empty forms is refused
    r = t.bc("import", write_json(t, "rong.json", sub(
        "xa-ky-tan", forms={"bm1": {}, "bm2": {}}, report=False)))
    expect_err(r, 1, "nothing to import")


@test
def import_required_field(t):
    """rules.md: a field marked required = true must be in a form sent,
    or the file is refused at the form's line; an empty form is still no
    receipt, not a refusal."""
    rules = t.rules_copy()
    bm3 = rules / "cchc-1131" / "forms" / "bm3.lua"
    text, n = re.subn(r'("hs_tiep_nhan",\s*"[^"]*",\s*"int", "sum",)',
                      r"\1 required = true,",
                      bm3.read_text(encoding="utf-8"))
    check(n == 1, "the test could not mark bm3.hs_tiep_nhan required")
    bm3.write_text(text, encoding="utf-8")
    with_units(t, rules=rules)
    forms = commune_forms()
    del forms["bm3"]["hs_tiep_nhan"]
    forms["bm3"]["hs_ky_truoc"] = forms["bm3"]["hs_truc_tuyen"] = None
    name = write_json(t, "thieu.json", sub(forms=forms))
    r = t.bc("import", name, rules=rules)
    expect_rc(r, 1)
    n = line_of(t, name, '"bm3"')
    check(re.search(rf'^{re.escape(name)}:{n}: bm3\.hs_tiep_nhan: Biểu số 03, column \[9\] '
                    r'"Tổng số hồ sơ tiếp nhận": required',
                    r.err, re.M), f"{r.cmd}: no 'required' at line {n}: "
                                  f"{r.err!r}")
    # null is not a value either; the message is at its line
    forms["bm3"]["hs_tiep_nhan"] = None
    name = write_json(t, "null.json", sub(forms=forms))
    r = t.bc("import", name, rules=rules)
    expect_rc(r, 1)
    n = line_of(t, name, '"hs_tiep_nhan"')
    check(re.search(rf'^{re.escape(name)}:{n}: bm3\.hs_tiep_nhan: Biểu số 03, column \[9\] '
                    r'"Tổng số hồ sơ tiếp nhận": required',
                    r.err, re.M), f"{r.cmd}: {r.err!r}")
    same(stored_state(t, rules=rules)["summary"]["missing"], EXPECTED_UNITS,
         "units with something stored after the refusals")
    forms["bm3"] = {}
    t.ok("import", write_json(t, "rong.json", sub(forms=forms)), rules=rules)
    u = unit_of(status(t, rules=rules), "xa-ky-son")
    same(u["missing"], ["bm3"], "parts missing after an empty bm3")
    t.ok("import", write_json(t, "du.json", sub()), rules=rules)
    same(unit_of(status(t, rules=rules), "xa-ky-son")["missing"], [],
         "parts missing after a full bm3")
    # rules show says so
    j = t.json("rules", "show", "cchc-1131", rules=rules, db=False)
    f = [x for x in j["forms"] if x["id"] == "bm3"][0]
    same([x["id"] for x in f["fields"] if x.get("required")],
         ["hs_tiep_nhan"], "required fields of bm3 in rules show")


def late_lines(text):
    return [l for l in text.splitlines()
            if re.search(r"late|deadline|2023-02-28", l)]


@test
def import_late_warned_once_and_not_again(t):
    """A late file gets one late warning, at its receipt time, not one
    per form; importing the same file again says it is already there and
    repeats none of its warnings."""
    with_units(t)
    name = write_json(t, "muon.json", sub(received_at="2023-03-02T08:00:00"
                                                      "+07:00"))
    r = t.ok("import", name)
    n = line_of(t, name, '"received_at"')
    warned = [l for l in r.err.splitlines()
              if "after the deadline 28/02/2023" in l]
    check(len(warned) == 1 and warned[0].startswith(
              f"{name}:{n}: warning: received 02/03/2023 08:00, "),
          f"{r.cmd}: want one late warning at line {n}, dates day first: "
          f"{r.err!r}")
    check(summary_lines(r, name)[0].endswith("(late)"),
          f"{r.cmd}: summary: {r.err!r}")
    # every revision keeps it
    h = history(t, "xa-ky-son", form="bm1")["revisions"][0]
    check(any("received 2023-03-02T08:00:00+07:00, after the deadline "
              "2023-02-28" in w for w in h["warnings"]),
          f"bm1's revision lost the late warning (ISO): {h['warnings']}")
    r = t.ok("import", name)
    check(re.search(r"already imported as revision .*bm3 1.*nothing stored",
                    r.err), f"{r.cmd}: {r.err!r}")
    check(not late_lines(r.err) and "warning" not in r.err,
          f"{r.cmd}: the re-import repeats warnings: {r.err!r}")
    r = t.ok("import", name, "--dry-run")
    check("already imported" in r.err and "warning" not in r.err,
          f"{r.cmd}: {r.err!r}")
    j = t.json("import", name)
    same(j["files"][0]["warnings"], [], "warnings of a re-import (--json)")


@test
def import_receipt_time_of_import(t):
    """docs/formats.md: with no receipt time in the file or on the command
    line, received_at is the time of import; the output says so, and a
    late verdict that rests on it is flagged."""
    with_units(t)
    name = write_json(t, "khong-gio.json", sub(received_at=None))
    r = t.ok("import", name)
    s = [l for l in summary_lines(r, name) if ": accepted: " in l][0]
    check("received at import, 15/05/2023 09:00 (no --received-at)" in s
          and "(late)" in s,
          f"{r.cmd}: summary does not say which time: {s!r}")
    check(re.search(rf"^{re.escape(name)}: warning: received 15/05/2023 09:00 "
                    r"at import \(no --received-at.*after the deadline "
                    r"28/02/2023", r.err, re.M),
          f"{r.cmd}: late warning: {r.err!r}")
    j = t.json("import", write_json(t, "khong-gio-2.json",
                                    sub("xa-ky-tan", received_at=None)))
    it = j["files"][0]["submissions"][0]
    same((it["received_at"], it["received_at_import"], it["late"]),
         (NOW, True, True), "--json of a file with no receipt time")
    # told when, no note
    r = t.ok("import", write_json(t, "co-gio.json", sub(
        "xa-tan-an", received_at=None)), "--received-at", "2023-02-25")
    check("at import" not in r.err and "warning" not in r.err,
          f"{r.cmd}: {r.err!r}")


@test
def import_files_that_hold_no_submission(t):
    """An .xls, .ods, Word or PDF file, a zip that is no workbook, an
    empty file: each refused with what it is and what to do, never 'not
    UTF-8', nothing stored."""
    import zipfile
    with_units(t)
    before = stored_state(t)
    ole = bytes.fromhex("D0CF11E0A1B11AE1")

    def zipped(name, parts):
        with zipfile.ZipFile(t.tmp / name, "w") as z:
            for k, v in parts.items():
                z.writestr(k, v)
        return name
    cases = {
        write_text(t, "bao-cao.xls", ole + bytes(range(256)) * 8):
            ("Excel 97-2003 workbook (.xls)", "save it as an Excel workbook "
             "(.xlsx)"),
        write_text(t, "bao-cao.doc", ole + bytes(512) + "WordDocument"
                   .encode("utf-16-le") + bytes(64)):
            ("Word 97-2003 document (.doc)", ".xlsx"),
        zipped("bao-cao.ods", {"mimetype": "application/vnd.oasis."
                               "opendocument.spreadsheet",
                               "content.xml": "<x/>"}):
            ("OpenDocument spreadsheet (.ods)", "save it as an Excel "
             "workbook (.xlsx)"),
        zipped("bao-cao.docx", {"[Content_Types].xml": "<x/>",
                                "word/document.xml": "<w/>"}):
            ("Word document (.docx)", ".xlsx"),
        zipped("bao-cao.zip", {"bao-cao/xa-ky-son.xlsx": "PK"}):
            ("zip archive, not an Excel workbook", "unpack it"),
        write_text(t, "bao-cao.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"):
            ("PDF document", ".xlsx"),
        write_text(t, "rong.json", b""): ("the file is empty", ""),
    }
    for name, needles in cases.items():
        r = t.bc("import", name)
        expect_err(r, 1, *needles)
        check(not re.search(r"utf-?8", r.err, re.I),
              f"{r.cmd}: speaks of UTF-8: {r.err!r}")
        check(re.search(rf"^{re.escape(name)}: rejected, nothing stored "
                        r"\(1 problem\)", r.err, re.M), f"{r.cmd}: {r.err!r}")
    same(stored_state(t), before, "status after the foreign files")


@test
def import_help_names_the_formats(t):
    r = t.ok("import", "--help", db=False)
    for w in (".xlsx", "JSON", "CSV", "--received-at", "time of import"):
        check(w in r.out + r.err, f"{r.cmd}: does not name {w!r}")


@test
def examples_of_the_demo(t):
    """examples/2022-Q1, 2023-Q1 (scripts/make-examples) import cleanly and
    give the states the demo shows; the rejected file is refused."""
    ex = SRC / "examples"
    if not (ex / "2023-Q1").is_dir():
        raise Skip("examples/2023-Q1 does not exist")
    with_units(t)
    for d in ("2022-Q1", "2023-Q1"):
        files = sorted(str(p) for p in (ex / d).iterdir())
        check(files, f"examples/{d} is empty")
        r = t.ok("import", *files)
        check(not re.search(r"^\S+:\d+: ", r.err, re.M) or d == "2023-Q1",
              f"examples/{d}: messages on import: {r.err[:400]!r}")
    rejected = sorted((ex / "2023-Q1-rejected").iterdir())
    for p in rejected:
        r = t.bc("import", p)
        expect_rc(r, 1)
        check(len(re.findall(rf"^{re.escape(str(p))}:\d+: ", r.err, re.M))
              >= 2, f"{r.cmd}: fewer than two problems: {r.err!r}")
    want = {"2023-02-28": {"expected": 35, "complete": 29, "on_time": 29,
                           "late": 0, "partial": 1, "missing": 5,
                           "reporting_rate": 82.9, "on_time_rate": 82.9},
            "2023-03-10": {"expected": 35, "complete": 32, "on_time": 29,
                           "late": 3, "partial": 1, "missing": 2,
                           "reporting_rate": 91.4, "on_time_rate": 82.9}}
    for day, summary in want.items():
        same(status(t, as_of=day)["summary"], summary, f"summary as of {day}")
    st = status(t)
    same({u["unit"]: u["state"] for u in st["units"]
          if u["state"] != "on_time"},
         {"dan-toc": "missing", "xa-tien-ky": "missing",
          "xa-nghia-hop": "partial", "tnmt": "late", "xa-giai-xuan": "late",
          "xa-tan-hop": "late"}, "units not on time")
    same(unit_of(st, "xa-ky-son")["received"]["bm3"]["revision"], 2,
         "xa-ky-son's corrected bm3")
    same(unit_of(st, "xa-nghia-hop")["missing"], ["bm7"],
         "xa-nghia-hop's missing part")
    same(status(t, "2022-Q1", "2022-03-10")["summary"]["on_time"], 35,
         "2022-Q1 on time")


# ---- main --------------------------------------------------------------

def main():
    return SUITE.main()


if __name__ == "__main__":
    sys.exit(main())

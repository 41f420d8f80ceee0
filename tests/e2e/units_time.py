# SPDX-License-Identifier: MIT
"""End-to-end tests of units over time: a units file with versions
(valid_from, valid_to, predecessors), the units each period sees (the
day its data window ends), imports and templates refused for a unit
outside its days, every bad version listed, and a database from before
versions.

    python3 tests/e2e/units_time.py PATH/TO/baocao

Fixtures: examples/tan-ky-units.csv (the district, no dates), then
fixtures/units-2025.csv: on 01/07/2025 xa-ky-son and xa-tan-an merge into
a new xa-ky-tan-an, and xa-nghia-dong goes on, renamed, absorbing
xa-nghia-hoan.  The harness is harness.py, the test directory run.py's.
"""

import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402
from run import (FIX, SRC, UNITS_CSV, T, check, expect_err,  # noqa: E402
                 expect_rc, same)

class Case(T):
    """run.py's test directory at the end of 2025, after the merges."""

    NOW = "2025-12-20T09:00:00+07:00"


SUITE = harness.Suite("units_time.py", Case)
test = SUITE.test
EXAMPLE = SRC / "examples" / "2023-Q1" / "xa-ky-son.json"
MERGED = ("xa-ky-son", "xa-tan-an", "xa-nghia-hoan")
# Every unit's version open at both ends, as a file without dates makes.
NO_DATES = {"valid_from": None, "valid_to": None, "predecessors": []}


def district(t, versions=True):
    t.init()
    t.ok("units", "import", UNITS_CSV)
    if versions:
        t.copy_fixture("units-2025.csv")
        return t.ok("units", "import", "units-2025.csv")
    return None


def codes(units):
    return [u["code"] for u in units]


def on(t, day):
    return t.json("units", "list", "--as-of", day)["units"]


def expected(t, period):
    """The units status expects for period."""
    return {u["unit"] for u in t.json("status", period)["units"]}


def submission(t, unit, period, received):
    """xa-ky-son's example of 2023-Q1, sent by unit for period."""
    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    d.update(unit=unit, period=period, received_at=received)
    p = t.tmp / f"{unit}-{period}.json"
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return p


@test
def file_without_dates_as_before(t):
    district(t, versions=False)
    units = t.units()
    check(len(units) == 36, f"{len(units)} units, want 36")
    for u in units:
        same({k: u[k] for k in NO_DATES}, NO_DATES, f"{u['code']}'s dates")
    r = t.ok("units", "import", UNITS_CSV)
    check("0 added, 0 updated, 36 unchanged" in r.err, r.err)
    # Every period, past or to come, expects every unit.
    check(expected(t, "2023-Q1") == expected(t, "2025-Y")
          and len(expected(t, "2025-Y")) == 35,
          "a file without dates: every period expects the same units")


@test
def versions_made_and_closed(t):
    r = district(t)
    # xa-ky-tan-an and xa-nghia-dong's second version added; the first
    # versions of the others closed.
    check("2 added, 4 updated, 0 unchanged" in r.err, r.err)
    r = t.ok("units", "import", "units-2025.csv")
    check("0 added, 0 updated, 5 unchanged" in r.err, r.err)
    got = t.json("units", "import", "units-2025.csv")
    same([got[k] for k in ("added", "updated", "unchanged")], [0, 0, 5],
         "units import --json")
    before, after = on(t, "30/06/2025"), on(t, "2025-07-01")
    for code in MERGED:
        check(code in codes(before) and code not in codes(after),
              f"{code}: in force until 30/06/2025 only")
    check("xa-ky-tan-an" not in codes(before)
          and "xa-ky-tan-an" in codes(after), "xa-ky-tan-an from 01/07/2025")
    new = {u["code"]: u for u in after}["xa-ky-tan-an"]
    same([new["valid_from"], new["valid_to"], new["predecessors"],
          new["parent"]],
         ["2025-07-01", None, ["xa-ky-son", "xa-tan-an"], "tan-ky"],
         "xa-ky-tan-an as listed")
    # The default day is today (the tests' 20/12/2025).
    same(codes(t.units()), codes(after), "units list today")
    every = t.json("units", "list", "--all")["units"]
    check(len(every) == 38, f"--all: {len(every)} versions, want 38")
    dong = [u for u in every if u["code"] == "xa-nghia-dong"]
    same([(u["valid_from"], u["valid_to"]) for u in dong],
         [(None, "2025-06-30"), ("2025-07-01", None)],
         "xa-nghia-dong's versions")
    text = t.ok("units", "list", "--as-of", "31/12/2025").out
    line = [x for x in text.splitlines() if "xa-ky-tan-an" in x][0]
    check("01/07/2025" in line and "xa-ky-son, xa-tan-an" in line,
          f"units list shows the validity: {line!r}")
    expect_rc(t.bc("units", "list", "--as-of", "31/02/2025"), 2)
    expect_rc(t.bc("units", "list", "--as-of", "2025-01-01", "--all"), 2)


@test
def each_period_expects_its_units(t):
    district(t)
    q1, y = expected(t, "2025-Q1"), expected(t, "2025-Y")
    for code in MERGED:
        check(code in q1 and code not in y, f"{code}: 2025-Q1 only")
    check("xa-ky-tan-an" in y and "xa-ky-tan-an" not in q1,
          "xa-ky-tan-an: 2025-Y only")
    for period, name in (("2025-Q1", "Xã Nghĩa Đồng "),
                         ("2025-Y", "Xã Nghĩa Đồng mở rộng")):
        line = [x for x in t.ok("status", period).out.splitlines()
                if x.startswith("xa-nghia-dong ")][0]
        check(name in line, f"status {period} names xa-nghia-dong as it "
                            f"was then: {line!r}")
    # The aggregate misses the units of its period, no other.
    t.ok("import", submission(t, "xa-ky-tan-an", "2025-Y",
                              "2025-11-20T10:00:00+07:00"))
    t.ok("import", submission(t, "xa-ky-son", "2025-Q1",
                              "2025-02-20T10:00:00+07:00"))
    missing = t.json("aggregate", "2025-Y")["missing_units"]["bm1"]
    check("xa-ky-tan-an" not in missing and "xa-tan-an" not in missing
          and "xa-nghia-dong" in missing,
          f"2025-Y missing bm1: {missing}")
    missing = t.json("aggregate", "2025-Q1")["missing_units"]["bm1"]
    check("xa-ky-tan-an" not in missing and "xa-tan-an" in missing
          and "xa-ky-son" not in missing,
          f"2025-Q1 missing bm1: {missing}")
    # And the export's model names them (the md exporter lists who has
    # not sent what).
    renamed = "Xã Nghĩa Đồng mở rộng:"
    for period, there, gone in (("2025-Q1", "Xã Tân An:", renamed),
                                ("2025-Y", renamed, "Xã Tân An:")):
        out = t.tmp / f"{period}.md"
        t.ok("export", period, "--format", "md", "-o", out)
        text = out.read_text(encoding="utf-8")
        check(there in text and gone not in text,
              f"the export of {period} names its own units")


@test
def import_outside_the_days_refused(t):
    district(t)
    r = t.bc("import", submission(t, "xa-ky-son", "2025-Y",
                                  "2025-11-20T10:00:00+07:00"))
    expect_err(r, 1, "xa-ky-son: no such unit in 2025-Y; it existed "
                     "until 30/06/2025")
    r = t.bc("import", submission(t, "xa-ky-tan-an", "2025-Q1",
                                  "2025-02-20T10:00:00+07:00"))
    expect_err(r, 1, "xa-ky-tan-an: no such unit in 2025-Q1; it exists "
                     "from 01/07/2025 on")
    r = t.bc("import", t.tmp / "xa-ky-son-2025-Y.json",
             env=t.env(LANGUAGE="vi", LANG="vi_VN.UTF-8"))
    expect_err(r, 1, "xa-ky-son: không có đơn vị này trong kỳ 2025-Y; "
                     "đơn vị chỉ tồn tại đến ngày 30/06/2025")
    # In its days it is taken.
    t.ok("import", submission(t, "xa-ky-son", "2025-Q1",
                              "2025-02-20T10:00:00+07:00"))


@test
def templates_for_the_units_of_the_period(t):
    district(t)
    for period, there, gone in (("2025-Q1", "xa-ky-son", "xa-ky-tan-an"),
                                ("2025-Y", "xa-ky-tan-an", "xa-ky-son")):
        d = t.tmp / period
        t.ok("template", "--all", "--period", period, "--dir", d,
             timeout=120)
        names = {p.stem for p in d.glob("*.xlsx")}
        check(there in names and gone not in names,
              f"template --all {period}: {sorted(names)}")
        r = t.bc("template", "--unit", gone, "--period", period, "-o",
                 t.tmp / "x.xlsx")
        expect_err(r, 2, f"{gone}: no such unit in {period}")
        check(not (t.tmp / "x.xlsx").exists(), "no workbook for it")


@test
def bad_versions_refused_whole(t):
    district(t)
    before = t.json("units", "list", "--all")
    t.copy_fixture("units-2025-bad.csv")
    r = t.bc("units", "import", "units-2025-bad.csv")
    expect_err(r, 1,
               "units-2025-bad.csv:2: valid_to: versions of 'xa-ky-son' "
               "overlap",
               "units-2025-bad.csv:3: valid_to: valid_to 01/01/2025 is "
               "before valid_from 01/07/2025",
               "units-2025-bad.csv:4: parent: parent 'xa-c' does not exist "
               "on 01/01/2024",
               "units-2025-bad.csv:6: predecessors: unknown predecessor "
               "'xa-khong-co'",
               "units-2025-bad.csv:7: predecessors: predecessor "
               "'xa-ky-tan-an' does not exist on 30/06/2025",
               "units-2025-bad.csv:8: parent: a cycle of parents",
               "units-2025-bad.csv:9: parent: a cycle of parents",
               "units-2025-bad.csv:10: valid_from: '31/02/2025' is not a "
               "date",
               "rejected, nothing stored")
    check(":5:" not in r.err, f"line 5 is sound: {r.err}")
    same(t.json("units", "list", "--all"), before, "units after refusal")


@test
def database_from_before_versions(t):
    """A database of schema 4 (made here by putting the units back in the
    one table they had, with the DDL of then) opens, its units one
    version each, its submissions theirs."""
    district(t, versions=False)
    t.ok("import", EXAMPLE)
    want = t.units()
    db = sqlite3.connect(t.db)
    db.executescript(
        "PRAGMA foreign_keys = OFF;"
        "CREATE TABLE unit_old ("
        " id INTEGER PRIMARY KEY,"
        " code TEXT NOT NULL UNIQUE,"
        " name TEXT NOT NULL,"
        " kind TEXT NOT NULL,"
        " parent_id INTEGER REFERENCES unit(id));"
        "INSERT INTO unit_old SELECT u.id, u.code, v.name, v.kind,"
        " v.parent_id FROM unit u JOIN unit_version v ON v.unit_id = u.id;"
        "CREATE TABLE unit_role_old ("
        " unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,"
        " role TEXT NOT NULL,"
        " PRIMARY KEY (unit_id, role)) WITHOUT ROWID;"
        "INSERT INTO unit_role_old SELECT v.unit_id, r.role"
        " FROM unit_version_role r JOIN unit_version v ON v.id = r.version_id;"
        "DROP TRIGGER unit_kept; DROP TRIGGER unit_version_kept;"
        "DROP TABLE unit_predecessor; DROP TABLE unit_version_role;"
        "DROP TABLE unit_version; DROP TABLE unit;"
        "ALTER TABLE unit_old RENAME TO unit;"
        "ALTER TABLE unit_role_old RENAME TO unit_role;"
        "CREATE INDEX unit_parent ON unit(parent_id);"
        # and without what the steps after 6 made (reviews and voids,
        # reminders sent, the council's assessments)
        "DROP VIEW revision_standing; DROP TABLE review;"
        "DROP TABLE revision_void; DROP TABLE reminder;"
        "DROP TABLE assessment; DROP TABLE assessment_batch;"
        # and without what step 6 made (a period's moves of rules)
        "DROP TABLE revision_recheck; DROP TABLE period_move;"
        "DROP VIEW revision_received;"
        "CREATE VIEW revision_received AS SELECT r.id, r.submission_id,"
        " r.unit_id, r.period_id, r.part, r.number, r.complete,"
        " coalesce(c.received_at, r.received_at) AS received_at,"
        " coalesce(c.received_offset, s.received_offset) AS received_offset,"
        " r.received_at AS received_as, c.reason AS correction"
        " FROM revision r JOIN submission s ON s.id = r.submission_id"
        " LEFT JOIN receipt_correction c ON c.id = (SELECT max(k.id)"
        "  FROM receipt_correction k WHERE k.submission_id = r.submission_id);"
        "PRAGMA user_version = 4;")
    db.close()
    same(t.units(), want, "units after the migration")
    latest = t.json("--db", t.tmp / "new.db", "init")["schema"]
    check(t.json("init")["schema"] == latest, f"schema {latest} after opening")
    got = {u["unit"]: u["state"] for u in t.json("status", "2023-Q1")["units"]}
    check(got["xa-ky-son"] != "missing", f"xa-ky-son's 2023-Q1: {got}")
    t.ok("check")
    # And it takes versions from then on.
    t.copy_fixture("units-2025.csv")
    t.ok("units", "import", "units-2025.csv")
    check("xa-ky-son" not in codes(on(t, "2025-12-31")), "a version closed")


if __name__ == "__main__":
    sys.exit(SUITE.main())

# SPDX-License-Identifier: MIT
"""End-to-end tests of deadlines in working days and per kind or level.

    python3 tests/e2e/deadlines.py PATH/TO/baocao

The test-only ruleset tests/rules/test-deadlines (from 2026, beside
cchc-1131 and the shared holidays of rules/_common/) counts its deadlines
in working days ("+5wd after window") and gives communes, the town and
the rest of the units deadlines of their own.  period show and calendar
say how each count went, in text and --json; a year without holidays,
or a Tết not yet decided, is an error naming it; status, import's late
warning, history, the template's cover and the export's status sheet
give each unit its own deadline; an advance moves only the later ones;
a recorded period keeps the holidays it was recorded with; a rules file
reaches only its ruleset and the shared files.

Uses the harness and helpers of run.py (same output, same exit code)."""

import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the harness: reads sys.argv itself)
from run import (SRC, check, expect_rc, same, sub,  # noqa: E402
                 with_units, write_json)
import harness as h  # noqa: E402

run.TESTS.clear()
test = run.test
# The clock in the autumn of 2026: the periods tested are 2026's.
run.T.NOW = "2026-10-01T09:00:00+07:00"

SHARED = SRC / "rules" / "_common"
TESTDL = SRC / "tests" / "rules" / "test-deadlines"
VIETNAMESE = {"LANGUAGE": "vi", "LC_ALL": "", "LANG": "vi_VN.UTF-8"}
BM1 = {"bm1": {"vb_chi_dao": 3}}


def rules(t, copy=False):
    """A rules directory of cchc-1131, the shared files and
    test-deadlines: links, or copies a test may edit."""
    d = t.tmp / "rules"
    d.mkdir()
    for name, src in (("cchc-1131", run.CCHC), ("_common", SHARED),
                      ("test-deadlines", TESTDL)):
        if copy:
            shutil.copytree(src, d / name)
        else:
            (d / name).symlink_to(src, target_is_directory=True)
    return d


def fresh(t):
    """rules(), and a database made with them."""
    r = rules(t)
    t.init(rules=r)
    return r


def ready(t, copy=False):
    """rules(), and a database with the sample district's units."""
    r = rules(t, copy)
    with_units(t, rules=r)
    return r


def show(t, code, r):
    return t.json("period", "show", code, rules=r)


def days(counted):
    """A count's runs as (from, to, kind, label or counted)."""
    return [(d["from"], d["to"], d["kind"],
             d.get("label") or tuple(d.get("counted", ())))
            for d in counted["days"]]


def submit(t, r, name, unit, period, at):
    path = write_json(t, name, sub(unit=unit, period=period, forms=BM1,
                                   report=False, received_at=at,
                                   channel="file"))
    return t.bc("import", path, rules=r)


@test
def rules_check_passes(t):
    r = rules(t)
    res = t.ok("rules", "check", r, db=False)
    # 2027's Tết is not yet decided: a warning for T1 of 2027, no error
    check("not yet decided" in res.err and "0 errors" in res.err,
          f"rules check: {res.err[-600:]!r}")
    out = t.ok("rules", "show", "test-deadlines", rules=r, db=False).out
    check("units due +5wd after window compiled by +10wd after window" in out
          and "units of level Cấp xã (xa) due +3wd after window" in out,
          f"rules show:\n{out}")
    q1 = next(p for p in t.json("rules", "show", "test-deadlines", rules=r,
                                db=False)["period_types"]
              if p["code"] == "Q1")
    same((q1["unit_due"], q1["unit_due_for"]),
         ("+5wd after window", {"kind": {"town": "20/03/Y"},
                                "level": {"xa": "+3wd after window"}}),
         "rules show --json")


@test
def counted_over_a_weekend(t):
    r = fresh(t)
    p = show(t, "2026-Q1", r)
    same((p["unit_due"], p["compile_due"]), ("2026-03-17", "2026-03-24"),
         "2026-Q1 deadlines")
    c = p["counted"]["unit_due"]
    same((c["rule"], c["after"], c["working_days"], c["date"]),
         ("+5wd after window", "2026-03-10", 5, "2026-03-17"), "the count")
    same(days(c), [("2026-03-11", "2026-03-13", "working", (1, 3)),
                   ("2026-03-14", "2026-03-15", "weekend", ()),
                   ("2026-03-16", "2026-03-17", "working", (4, 5))],
         "its days")
    same(p["unit_due_for"],
         [{"kind": "town", "unit_due": "2026-03-20"},
          {"level": "xa", "unit_due": "2026-03-13",
           "counted": {"rule": "+3wd after window", "after": "2026-03-10",
                       "working_days": 3, "date": "2026-03-13",
                       "days": [{"from": "2026-03-11", "to": "2026-03-13",
                                 "kind": "working", "counted": [1, 3]}]}}],
         "the kinds' and levels' own")
    text = t.ok("period", "show", "2026-Q1", rules=r).out
    for want in ("units due 17/03/2026, 5 working days after 10/03/2026:",
                 "14/03/2026 – 15/03/2026 weekend",
                 "16/03/2026 – 17/03/2026 working days 4–5",
                 "units of kind Thị trấn (town) due 20/03/2026",
                 "units of level Cấp xã (xa) due 13/03/2026, 3 working days",
                 "compiled by 24/03/2026, 10 working days after 10/03/2026:"):
        check(want in text, f"period show text lacks {want!r}:\n{text}")
    vi = t.bc("period", "show", "2026-Q1", rules=r, env=t.env(**VIETNAMESE))
    expect_rc(vi, 0)
    check("ngày làm việc sau ngày 10/03/2026" in vi.out
          and "nghỉ cuối tuần" in vi.out,
          f"period show in Vietnamese:\n{vi.out}")


@test
def counted_across_tet(t):
    r = fresh(t)
    p = show(t, "2026-T1", r)
    same(p["unit_due"], "2026-02-24", "2026-T1 unit deadline")
    same(days(p["counted"]["unit_due"]),
         [("2026-02-11", "2026-02-13", "working", (1, 3)),
          ("2026-02-14", "2026-02-22", "holiday", "Tết Nguyên đán Bính Ngọ"),
          ("2026-02-23", "2026-02-24", "working", (4, 5))],
         "counted across Tết")
    check("unit_due_for" not in p, f"2026-T1: {p!r}")
    text = t.ok("period", "show", "2026-T1", rules=r).out
    check("14/02/2026 – 22/02/2026 day off: Tết Nguyên đán Bính Ngọ" in text,
          f"period show text:\n{text}")


@test
def counted_over_a_saturday_worked(t):
    r = fresh(t)
    p = show(t, "2026-Q3", r)
    same((p["unit_due"], p["compile_due"]), ("2026-08-26", "2026-09-07"),
         "2026-Q3 deadlines")
    same(days(p["counted"]["unit_due"])[:2],
         [("2026-08-21", "2026-08-21", "working", (1, 1)),
          ("2026-08-22", "2026-08-22", "worked", "Làm bù ngày 31/8/2026")],
         "Saturday 22/08 worked")
    check(("2026-08-29", "2026-09-02", "holiday", "Quốc khánh")
          in days(p["counted"]["compile_due"]), "Quốc khánh skipped")


@test
def calendar_shows_the_counts(t):
    r = fresh(t)
    cal = t.json("period", "calendar", "2026", rules=r)["periods"]
    got = {p["period"]: p for p in cal}
    same(sorted(got), ["2026-H1", "2026-Q1", "2026-Q3", "2026-T1"],
         "2026's periods")
    same(got["2026-T1"]["counted"]["unit_due"]["date"], "2026-02-24",
         "T1 in the calendar")
    text = t.ok("period", "calendar", "2026", rules=r).out
    check("day off: Tết Nguyên đán Bính Ngọ" in text
          and "units of level Cấp xã (xa) due 25/05/2026" in text,
          f"period calendar text:\n{text}")


@test
def a_year_without_holidays_is_named(t):
    r = ready(t)
    for args in (("period", "show", "2028-Q1"), ("status", "2028-Q1"),
                 ("period", "calendar", "2028")):
        res = t.bc(*args, rules=r)
        h.expect_err(res, 3, "into 2028", "does not register")
    # the calendar still lists what it can count: H1, on fixed days
    res = t.bc("period", "calendar", "2028", "--json", rules=r)
    h.expect_err(res, 3, "2028-Q1", "2028-T1", "2028-Q3")
    same([p["period"] for p in h.parse_json(res)["periods"]], ["2028-H1"],
         "calendar 2028")
    # nothing is stored for a period whose deadline cannot be counted
    res = submit(t, r, "late.json", "xa-ky-son", "2028-Q1",
                 "2028-03-12T08:00:00+07:00")
    h.expect_err(res, 3, "2028")
    same(t.json("check", rules=r)["counts"]["periods"], 0, "periods stored")
    res = t.bc("period", "show", "2027-T1", rules=r)
    h.expect_err(res, 3, "not yet decided",
                 "Tết Nguyên đán Đinh Mùi")


@test
def rules_check_names_the_years(t):
    d = t.tmp / "rules"
    d.mkdir()
    (d / "_common").symlink_to(SHARED, target_is_directory=True)
    shutil.copytree(TESTDL, d / "test-deadlines")
    entry = d / "test-deadlines" / "ruleset.lua"
    text = entry.read_text(encoding="utf-8")
    check('in_force = { from = "2026-01-01" }' in text, "ruleset.lua shape")
    entry.write_text(text.replace('in_force = { from = "2026-01-01" }',
                                  'in_force = { from = "2021-01-01" }'),
                     encoding="utf-8")
    res = t.bc("rules", "check", d, db=False)
    h.expect_err(res, 1, "test-deadlines/periods.lua:",
                 "do not register (holiday{}): 2021-2022")


@test
def each_unit_its_own_deadline(t):
    r = ready(t)
    # Communes are due 13/03, the town 20/03, departments 17/03.
    res = submit(t, r, "xa.json", "xa-ky-son", "2026-Q1",
                 "2026-03-14T08:00:00+07:00")
    expect_rc(res, 0)
    check("after the deadline 13/03/2026" in res.err,
          f"import's late warning: {res.err!r}")
    expect_rc(submit(t, r, "tt.json", "tt-tan-ky", "2026-Q1",
                     "2026-03-19T08:00:00+07:00"), 0)
    res = submit(t, r, "gddt.json", "gddt", "2026-Q1",
                 "2026-03-17T16:00:00+07:00")
    expect_rc(res, 0)
    check("after the deadline" not in res.err, f"gddt: {res.err!r}")
    st = t.json("status", "2026-Q1", "--as-of", "2026-03-25", rules=r)
    units = {u["unit"]: u for u in st["units"]}
    same({c: (units[c]["unit_due"], units[c]["state"])
          for c in ("xa-ky-son", "tt-tan-ky", "gddt", "noi-vu")},
         {"xa-ky-son": ("2026-03-13", "late"),
          "tt-tan-ky": ("2026-03-20", "on_time"),
          "gddt": ("2026-03-17", "on_time"),
          "noi-vu": ("2026-03-17", "missing")}, "status")
    text = t.ok("status", "2026-Q1", "--as-of", "2026-03-25", rules=r).out
    check("each unit by its own deadline" in text
          and re.search(r"xa-ky-son .* 13/03/2026 late", text),
          f"status text:\n{text}")
    hist = t.ok("history", "xa-ky-son", "2026-Q1", rules=r).out
    check("after the deadline 13/03/2026" in hist, f"history:\n{hist}")
    # where every unit has one deadline, no unit says its own
    st = t.json("status", "2026-T1", "--as-of", "2026-03-25", rules=r)
    check(all("unit_due" not in u for u in st["units"]), "2026-T1 status")


@test
def template_and_export_show_it(t):
    openpyxl = h.find_openpyxl()
    if openpyxl is None:
        raise h.Skip("openpyxl is not installed")
    r = ready(t)
    for code, due in (("xa-ky-son", "13/03/2026"), ("tt-tan-ky", "20/03/2026"),
                      ("gddt", "17/03/2026")):
        out = t.tmp / f"{code}.xlsx"
        t.ok("template", "--unit", code, "--period", "2026-Q1", "-o", out,
             rules=r)
        cover = openpyxl.load_workbook(out).worksheets[0]
        rows = [[c for c in row if c] for row in
                cover.iter_rows(values_only=True)]
        check(["Report due:", due] in rows,
              f"{code}'s cover: {[x for x in rows if x][:14]!r}")
    expect_rc(submit(t, r, "xa.json", "xa-ky-son", "2026-Q1",
                     "2026-03-14T08:00:00+07:00"), 0)
    out = t.tmp / "q1.xlsx"
    t.ok("export", "2026-Q1", "-o", out, "--as-of", "2026-03-25", rules=r)
    sheet = openpyxl.load_workbook(out)["Reporting"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    head = next(row for row in rows if "Due" in row)
    col = head.index("Due")
    due = {row[1]: row[col] for row in rows
           if isinstance(row[0], int) and row[1]}
    same((due.get("Xã Kỳ Sơn"), due.get("Thị trấn Tân Kỳ"),
          due.get("Phòng Nội vụ")),
         ("13/03/2026", "20/03/2026", "17/03/2026"), "status sheet's Due")


@test
def advance_moves_only_later_deadlines(t):
    r = ready(t)
    t.ok("period", "advance", "2026-H1", "--due", "26/05/2026", "--doc",
         "Công văn 12/UBND-NV", rules=r)
    p = show(t, "2026-H1", r)
    same((p["unit_due"], p["advanced_by"]),
         ("2026-05-26", {"doc": "Công văn 12/UBND-NV",
                         "unit_due": "2026-05-26"}), "advanced")
    same(p["unit_due_for"], [{"level": "xa", "unit_due": "2026-05-25"}],
         "communes keep their earlier day")
    st = t.json("status", "2026-H1", "--as-of", "2026-05-20", rules=r)
    units = {u["unit"]: u["unit_due"] for u in st["units"]}
    same((units["xa-ky-son"], units["gddt"]), ("2026-05-25", "2026-05-26"),
         "status after the advance")
    res = t.bc("period", "advance", "2026-H1", "--due", "28/05/2026",
               "--doc", "Công văn 13", rules=r)
    h.expect_err(res, 1, "must be earlier")


@test
def recorded_period_keeps_its_holidays(t):
    r = ready(t, copy=True)
    expect_rc(submit(t, r, "gddt.json", "gddt", "2026-Q1",
                     "2026-03-12T08:00:00+07:00"), 0)
    # Thursday 12/03/2026 becomes a day off in the shared file.
    shared = r / "_common" / "holidays-vn.lua"
    with shared.open("a", encoding="utf-8") as f:
        f.write('holiday { date = "2026-03-12", label = "Nghỉ thử" }\n')
    p = show(t, "2026-Q1", r)
    same((p["unit_due"], p["unit_due_for"][1]["unit_due"]),
         ("2026-03-17", "2026-03-13"), "2026-Q1, recorded before")
    res = t.ok("period", "show", "2026-Q1", rules=r)
    check("the ruleset it was recorded under" in res.err
          and "period rules 2026-Q1" in res.err, f"no note: {res.err!r}")
    # a period not recorded counts on the file as it is now
    same(show(t, "2026-T1", r)["unit_due"], "2026-02-24", "2026-T1")
    t.ok("check", rules=r)


@test
def rules_files_stay_in_the_rules_directory(t):
    for line, want in (
            ('include "../cchc-1131/periods.lua"', "not a path inside"),
            ('include "_common/none.lua"', "no file '_common/none.lua'")):
        d = t.tmp / f"rules-{len(want)}"
        d.mkdir()
        (d / "_common").symlink_to(SHARED, target_is_directory=True)
        (d / "cchc-1131").symlink_to(run.CCHC, target_is_directory=True)
        shutil.copytree(TESTDL, d / "test-deadlines")
        entry = d / "test-deadlines" / "ruleset.lua"
        text = entry.read_text(encoding="utf-8")
        entry.write_text(text + line + "\n", encoding="utf-8")
        n = text.count("\n") + 1
        res = t.bc("rules", "check", d, db=False)
        h.expect_err(res, 1, f"test-deadlines/ruleset.lua:{n}:", want)
    # _common is no ruleset, even with a ruleset.lua
    d = t.tmp / "rules-common"
    shutil.copytree(SHARED, d / "_common")
    shutil.copytree(run.CCHC, d / "cchc-1131")
    shutil.copyfile(run.CCHC / "ruleset.lua", d / "_common" / "ruleset.lua")
    ids = [x["id"] for x in
           t.json("rules", "list", rules=d, db=False)["rulesets"]]
    same(ids, ["cchc-1131"], "rulesets of a directory with _common")


def main():
    return run.main()


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: MIT
"""End-to-end tests of reading and importing submissions: cost and memory
that grow with the file and no faster, repeated problems said once with
their count, every file of an import tried, receipt times.

    python3 tests/e2e/readers.py PATH/TO/baocao

Runs on harness.py, with the helpers of run.py.
Costs are compared within one run (twice the input, less than three
times the CPU time), never against fixed timings."""

import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import run  # noqa: E402  (run.py's fixtures: reads sys.argv itself)
from run import (BIN, base_env, check, expect_rc, fail, parse_json,  # noqa: E402
                 same, status, sub, with_units, write_csv, write_json,
                 write_text, history, csv_rows)

SUITE = harness.Suite("readers.py", run.T)
test = SUITE.test


# A sanitizer build (BC_TIME_SCALE > 1) has shadow memory: peak RSS is
# measured only without one.
SANITIZED = float(os.environ.get("BC_TIME_SCALE", "1")) > 1
MAX_MB = float("inf") if SANITIZED else 200


def measured(t, *args):
    """Runs baocao; returns (exit code, CPU seconds, peak RSS in MB,
    stderr)."""
    p = subprocess.Popen([BIN, "--db", str(t.db)] + [str(a) for a in args],
                         cwd=t.tmp, env=base_env(), stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read().decode("utf-8", "replace")
    _, status_, ru = os.wait4(p.pid, 0)
    return (os.waitstatus_to_exitcode(status_), ru.ru_utime + ru.ru_stime,
            ru.ru_maxrss / 1024.0, err)


def communes(t, n):
    rows = ["code,name,kind,roles,parent", "h-thu,Huyện Thử,district,,"]
    rows += [f"x-{i:06d},Xã Thử {i},commune,,h-thu" for i in range(n)]
    write_text(t, "units.csv", "\n".join(rows) + "\n")
    t.init()
    t.ok("units", "import", "units.csv", timeout=120)


def one_value_units(t, name, n):
    rows = []
    for i in range(n):
        u = f"x-{i:06d}"
        rows += [[u, "2023-Q1", "_meta", "signer_name", "Nguyễn Văn A"],
                 [u, "2023-Q1", "_meta", "signer_title", "Chủ tịch UBND xã"],
                 [u, "2023-Q1", "bm1", "vb_chi_dao", str(i % 7)]]
    return write_csv(t, name, rows)


@test
def import_many_units_linear(t):
    """A CSV of many one-value units: four times the units, less than
    twelve times the CPU time (memory out of the cache costs some; each
    row looking its unit up by a walk over the units before it cost
    sixteen times and more: 80 000 units took 51 s), and bounded
    memory."""
    n = 5000
    communes(t, 4 * n)
    small, big = one_value_units(t, "n.csv", n), one_value_units(t, "4n.csv", 4 * n)
    rc1, t1, _, err1 = measured(t, "import", small, "--dry-run",
                                "--received-at", "2023-02-25")
    rc2, t2, rss, err2 = measured(t, "import", big, "--dry-run",
                                  "--received-at", "2023-02-25")
    check(rc1 == 0 and rc2 == 0, f"exit {rc1}, {rc2}: {err2[-300:]!r}")
    check(t2 < 12 * t1, f"{n} units: {t1:.2f} s CPU, {4 * n}: {t2:.2f} s")
    check(rss < MAX_MB, f"{4 * n} units: peak RSS {rss:.0f} MB")


def long_table(rows, **cols):
    base = {"noi_dung": "Việc", "linh_vuc": "cqs", "thoi_han": "2023-06-30",
            "trang_thai": "chua_th"}
    base.update(cols)
    return sub(unit="gddt", forms={"pl1a": {"nhiem_vu": [
        {k: v for k, v in base.items() if v is not None}] * rows}},
        report=False)


@test
def import_table_missing_column_linear(t):
    """Rows each missing a required column: every one is a problem, found
    in time linear in the rows (each looked for its value over the whole
    file), and said once with the count of the others."""
    with_units(t)
    a = write_json(t, "a.json", long_table(2000, trang_thai=None))
    b = write_json(t, "b.json", long_table(8000, trang_thai=None))
    rc1, t1, _, _ = measured(t, "import", a, "--dry-run")
    rc2, t2, _, err = measured(t, "import", b, "--dry-run")
    check(rc1 == 1 and rc2 == 1, f"exit {rc1}, {rc2} (want 1): {err[-300:]!r}")
    # four times the rows: a walk costs sixteen times, a line far less
    check(t2 < 12 * t1, f"2000 rows: {t1:.2f} s CPU, 8000: {t2:.2f} s")
    lines = [l for l in err.splitlines() if '"Tình trạng": required' in l]
    same(len(lines), 1, f"lines about trang_thai: {lines[:3]}")
    check("(and 7 999 more lines like it)" in lines[0], lines[0])


@test
def import_repeated_problem_counted_in_json(t):
    """Rows past the most a table may have: one message with the count,
    in the text and in --json; a few alike problems each listed."""
    with_units(t)
    name = write_json(t, "rows.json", long_table(10500))
    r = t.bc("import", name)
    expect_rc(r, 1)
    lines = [l for l in r.err.splitlines() if "more than 10000 rows" in l]
    same(len(lines), 1, "lines about too many rows")
    check("(and 1 999 more lines like it)" in lines[0], lines[0])
    r = t.bc("import", name, "--json")
    expect_rc(r, 1)
    errs = parse_json(r)["files"][0]["errors"]
    many = [e for e in errs if "more than 10000 rows" in e]
    check(len(many) == 1 and "(and 1 999 more lines like it)" in many[0],
          f"--json errors: {errs[:3]}")
    # three rows with a bad date: each its own line
    s = long_table(3, thoi_han="30/02/2023")
    r = t.bc("import", write_json(t, "three.json", s))
    expect_rc(r, 1)
    bad = [l for l in r.err.splitlines() if "Thời hạn hoàn thành" in l]
    same(len(bad), 3, f"lines about the bad dates: {bad}")


@test
def table_row_limit_each_reader(t):
    """A table of exactly 10 000 rows is accepted, one of 10 001 refused
    at each cell of its last row with the limit said and nothing else, in
    JSON and in CSV (xlsx_import.py does the template's map)."""
    with_units(t)
    for n in (10000, 10001):
        s = long_table(n)
        for name, cell in ((write_json(t, f"rows{n}.json", s), '"noi_dung"'),
                           (write_csv(t, f"rows{n}.csv", csv_rows(s)),
                            "nhiem_vu[10001].noi_dung")):
            r = t.bc("import", name, "--dry-run")
            expect_rc(r, 0 if n == 10000 else 1)
            if n == 10000:
                continue
            text = (t.tmp / name).read_text(encoding="utf-8").splitlines()
            at = [i + 1 for i, line in enumerate(text) if cell in line][-1]
            said = [line for line in r.err.splitlines() if ": " in line
                    and "rejected" not in line]
            check(len(said) == 4 and all(
                ": more than 10000 rows" in x for x in said)
                and said[0].startswith(f"{name}:{at}: "),
                f"{name}: {said[:5]} (row 10001, of 4 cells, begins on "
                f"line {at})")


@test
def import_too_many_forms_refused(t):
    """Thousands of made-up form names in one submission: refused at the
    first past BC_READ_MAX_FORMS (each was looked up among all the others:
    50 000 took ten minutes), in CSV and in JSON."""
    with_units(t)
    rows = [["xa-ky-son", "2023-Q1", f"f{i}", "x", "1"] for i in range(1, 5001)]
    rc, secs, _, err = measured(t, "import", write_csv(t, "forms.csv", rows))
    check(rc == 1 and "forms.csv:1002: f1001: more than 1000 forms in one "
          "submission" in err, f"exit {rc}: {err[-300:]!r}")
    s = sub(forms={f"f{i}": {"x": 1} for i in range(1, 5001)})
    rc, secs, _, err = measured(t, "import", write_json(t, "forms.json", s))
    check(rc == 1 and "f1001: more than 1000 forms" in err,
          f"exit {rc}: {err[-300:]!r}")


@test
def any_command_counts_a_repeated_problem(t):
    """Not only import: units import with the same mistake on 50 lines
    says it once, with the count."""
    t.init()
    rows = ["code,name,kind,roles,parent"]
    rows += [f"u{i},U {i},commune,,khong-co" for i in range(50)]
    write_text(t, "units.csv", "\n".join(rows) + "\n")
    r = t.bc("units", "import", "units.csv")
    expect_rc(r, 1)
    lines = [l for l in r.err.splitlines() if "khong-co" in l]
    same(len(lines), 1, f"lines about the parent: {lines[:3]}")
    check(lines[0].startswith("units.csv:2: ")
          and lines[0].endswith("(and 49 more lines like it)"), lines[0])


@test
def import_limits_said(t):
    """Past the largest file accepted, too many values or submissions:
    refused at once, with what to do, nothing stored."""
    with_units(t)
    big = t.tmp / "big.csv"
    with open(big, "wb") as f:
        f.write(b"unit,period,form,field,value\n")
        f.write(b"x" * (33 << 20))
    rc, secs, rss, err = measured(t, "import", "big.csv")
    check(rc == 1 and "larger than the limit" in err, f"exit {rc}: {err!r}")
    rows = "".join(f"xa-ky-son,2023-Q1,pl1a,nhiem_vu[{i}].noi_dung,x\n"
                   for i in range(1, 400002))
    write_text(t, "rows.csv", "unit,period,form,field,value\n" + rows)
    rc, secs, rss, err = measured(t, "import", "rows.csv")
    check(rc == 1 and "rows.csv:400002: more than 400000 rows in one file"
          in err and "split it" in err, f"exit {rc}: {err[-300:]!r}")
    check(rss < MAX_MB, f"rows.csv: peak RSS {rss:.0f} MB")
    s = sub(unit="gddt", forms={"pl1a": {"nhiem_vu": [1] * 400001}},
            report=False)
    write_text(t, "values.json", json.dumps(s))
    rc, secs, rss, err = measured(t, "import", "values.json")
    check(rc == 1 and "more than 400000 values" in err,
          f"exit {rc}: {err[-300:]!r}")
    check(rss < MAX_MB, f"values.json: peak RSS {rss:.0f} MB")
    st = status(t, as_of="2023-12-31")
    same([u["unit"] for u in st["units"] if u.get("received")], [],
         "units with something received")


def received(t, as_of="2023-12-31"):
    st = status(t, as_of=as_of)
    return sorted(u["unit"] for u in st["units"] if u.get("received"))


@test
def import_goes_on_past_a_missing_file(t):
    """A missing file, a directory: named, the others imported, exit 3;
    a refused file among good ones: exit 1; both: exit 3."""
    with_units(t)
    a = write_json(t, "a.json", sub("xa-ky-son"))
    b = write_json(t, "b.json", sub("xa-ky-tan"))
    bad = sub("xa-tan-an")
    bad["forms"]["bm1"]["vb_chi_dao"] = -1
    c = write_json(t, "c.json", bad)
    r = t.bc("import", a, "khong-co.json", "thu-muc", b)
    expect_rc(r, 3)
    same(received(t), ["xa-ky-son", "xa-ky-tan"], "units received")
    check("khong-co.json: No such file" in r.err, r.err)
    last = r.err.strip().splitlines()[-1]
    check(last.startswith("import: 2 of 4 files not imported:")
          and "khong-co.json" in last and "thu-muc" in last
          and "a.json" not in last, f"last line: {last!r}")
    (t.tmp / "thu-muc").mkdir()
    r = t.bc("import", c, "khong-co.json", "thu-muc", "--json")
    expect_rc(r, 3)
    j = parse_json(r)
    same([(m["file"], m["reason"]) for m in j["not_imported"]],
         [("c.json", "refused"), ("khong-co.json", "unreadable"),
          ("thu-muc", "unreadable")], "not_imported")
    same(len(j["files"]), 3, "files in --json")
    r = t.bc("import", c, write_json(t, "d.json", sub("xa-tan-xuan")))
    expect_rc(r, 1)
    check("import: 1 of 2 files not imported: c.json (refused)" in r.err,
          r.err)
    same(received(t), ["xa-ky-son", "xa-ky-tan", "xa-tan-xuan"],
         "units received")


@test
def import_goes_on_past_a_lock(t):
    """The database locked by another program for longer than baocao
    waits (30 s): every file is tried and named, exit 3; nothing stored."""
    import sqlite3
    with_units(t)
    a = write_json(t, "a.json", sub("xa-ky-son"))
    b = write_json(t, "b.json", sub("xa-ky-tan"))
    db = sqlite3.connect(t.db, isolation_level=None, timeout=0)
    db.execute("BEGIN IMMEDIATE")
    try:
        r = t.bc("import", a, b, timeout=150)
    finally:
        db.execute("ROLLBACK")
        db.close()
    expect_rc(r, 3)
    last = r.err.strip().splitlines()[-1]
    check(last.startswith("import: 2 of 2 files not imported:")
          and "a.json" in last and "b.json" in last, f"last line: {last!r}")
    same(received(t), [], "units received")
    r = t.ok("import", a, b)


# ---- receipt times ----------------------------------------------------------

@test
def import_receipt_time_in_the_future_refused(t):
    """A receipt time later than now (past a few minutes of clock skew),
    or before the period began: refused with the place it was read,
    nothing stored; from the file or from --received-at."""
    with_units(t)   # now is run.NOW, 2023-05-15T09:00:00+07:00
    for when, why in (("2032-02-25T10:00:00+07:00", "later than now"),
                      ("2023-05-15T09:06:00+07:00", "later than now"),
                      ("2003-02-25T10:00:00+07:00", "before period 2023-Q1 began")):
        name = write_json(t, "s.json", sub(received_at=when))
        r = t.bc("import", name)
        expect_rc(r, 1)
        check(re.search(rf"^s\.json:\d+: received {re.escape(when)} is {why}",
                        r.err, re.M), f"{when}: {r.err!r}")
        r = t.bc("import", write_json(t, "n.json", sub(received_at=None)),
                 "--received-at", when)
        expect_rc(r, 1)
        check(f"--received-at: received {when} is {why}" in r.err, r.err)
    same(received(t), [], "units received")
    # within the skew, and early in the window: accepted
    t.ok("import", write_json(t, "ok.json", sub(received_at="2023-05-15T09:04:00+07:00")))
    t.ok("import", write_json(t, "early.json", sub("xa-ky-tan", received_at="2023-01-05T09:00:00+07:00")))


def in_force(t, unit, part):
    return [x for x in history(t, unit, form=part)["revisions"] if x["in_force"]]


@test
def revision_correct_time(t):
    """A revision stored with a wrong time (2032, from before such times
    were refused) stays in force over the unit's later correction; the
    time is corrected by an appended correction, and status, history,
    the revision in force, the aggregate and the audit follow it."""
    with_units(t)
    wrong = write_json(t, "wrong.json", sub(received_at="2032-02-25T10:00:00+07:00"))
    t.ok("import", wrong, env=base_env(BAOCAO_NOW="2032-03-01T00:00:00+07:00"))
    fixed = sub(received_at="2023-03-05T10:00:00+07:00")
    fixed["forms"]["bm1"]["vb_chi_dao"] += 1
    t.ok("import", write_json(t, "fixed.json", fixed))
    same([x["revision"] for x in in_force(t, "xa-ky-son", "bm1")], [1],
         "bm1 in force before the correction")
    before = parse_json(t.bc("aggregate", "2023-Q1", "--json"))
    # refused: no reason, a time in the future, no such revision or file
    expect_rc(t.bc("revision", "correct-time", "xa-ky-son", "2023-Q1", "bm1",
                   "--received-at", "2023-02-25T10:00"), 2)
    r = t.bc("revision", "correct-time", "xa-ky-son", "2023-Q1", "bm1",
             "--received-at", "2031-02-25T10:00", "--reason", "x")
    expect_rc(r, 1)
    check("later than now" in r.err, r.err)
    expect_rc(t.bc("revision", "correct-time", "xa-ky-son", "2023-Q1", "bm9",
                   "--received-at", "2023-02-25T10:00", "--reason", "x"), 2)
    expect_rc(t.bc("revision", "correct-time", "xa-ky-son", "2023-Q1",
                   "--file", "00000000", "--received-at", "2023-02-25T10:00",
                   "--reason", "x"), 2)
    sha = history(t, "xa-ky-son", form="bm1")["revisions"][0]["sha256"]
    r = t.bc("revision", "correct-time", "xa-ky-son", "2023-Q1", "--file",
             sha[:10], "--received-at", "2023-02-25T10:00",
             "--reason", "Sổ công văn đến: số 12, ngày 25/02/2023", "--json")
    expect_rc(r, 0)
    j = parse_json(r)
    same((j["received_at"], j["was"]), ("2023-02-25T10:00:00+07:00",
                                        "2032-02-25T10:00:00+07:00"), "times")
    check("bm1 r1" in j["revisions"] and "bm3 r1" in j["revisions"], j)
    # the revision in force follows, for every part the file made
    for part in ("bm1", "bm3"):
        same([x["revision"] for x in in_force(t, "xa-ky-son", part)], [2],
             f"{part} in force after the correction")
    h = history(t, "xa-ky-son", form="bm1")["revisions"]
    same(h[0]["received_at"], "2023-02-25T10:00:00+07:00", "r1 received_at")
    same(h[0]["corrected"], {"received_as": "2032-02-25T10:00:00+07:00",
                             "reason": "Sổ công văn đến: số 12, ngày 25/02/2023"},
         "r1 corrected")
    same(h[1]["corrected"], None, "r2 corrected")
    # status: received on time (first receipt now 25/02)
    u = [u for u in status(t)["units"] if u["unit"] == "xa-ky-son"][0]
    same(u["state"], "on_time", "state after the correction")
    after = parse_json(t.bc("aggregate", "2023-Q1", "--json"))
    check(after != before, "the aggregate did not follow the revision in force")
    # appended, never updated; the audit says who and why
    import sqlite3
    db = sqlite3.connect(t.db)
    try:
        db.execute("UPDATE receipt_correction SET received_at = 0")
        fail("a correction could be updated")
    except sqlite3.DatabaseError:
        pass
    audit = db.execute("SELECT actor, detail FROM audit WHERE action ="
                       " 'correct-time'").fetchall()
    db.close()
    check(len(audit) == 1 and audit[0][0] == "e2e" and "2032-02-25" in audit[0][1]
          and "Sổ công văn đến" in audit[0][1], f"audit: {audit}")
    # a second correction of the same file replaces the first
    t.ok("revision", "correct-time", "xa-ky-son", "2023-Q1", "bm1",
         "--revision", "1", "--received-at", "2023-03-06", "--reason", "lại")
    same([x["revision"] for x in in_force(t, "xa-ky-son", "bm1")], [1],
         "bm1 in force after the second correction")


if __name__ == "__main__":
    sys.exit(SUITE.main())

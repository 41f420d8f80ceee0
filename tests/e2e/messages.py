# SPDX-License-Identifier: MIT
"""Messages a unit can act on (issue 13, part 3): a refusal names the
form by its name, the field by the number its template prints and its
label, a workbook's cell, and shows the numbers; in Vietnamese under a
Vietnamese locale, in English under C; --json keeps the ids beside an
English text, the same in every locale."""
import os
import re
import subprocess
import sys

try:
    import openpyxl
except ImportError:
    # Debian's openpyxl lives with Debian's python; another python3 may
    # come first on PATH.
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    openpyxl = None

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the harness: reads sys.argv itself)
from run import (Skip, check, expect_rc, line_of, parse_json, same,  # noqa: E402
                 sub, with_units, write_csv, write_json, csv_rows)

run.TESTS.clear()
test = run.test

VI = {"LANGUAGE": "vi", "LANG": "vi_VN.UTF-8", "LC_ALL": "vi_VN.UTF-8"}
C = {"LANGUAGE": "", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}

# bm3 of a commune: received 12 + 200 + 180 = 392, but 390 written.
BM3 = {"hs_ky_truoc": 12, "hs_truc_tuyen": 200, "hs_truc_tiep": 180,
       "hs_tiep_nhan": 390}
LABEL = '"Tổng số hồ sơ tiếp nhận"'
SUM_VI = f"bm3.hs_tiep_nhan: Biểu số 03, cột [9] {LABEL} = 390, nhưng [6] + [7] + [8] = 392 (12 + 200 + 180)"
SUM_C = f"bm3.hs_tiep_nhan: Biểu số 03, column [9] {LABEL} = 390, but [6] + [7] + [8] = 392 (12 + 200 + 180)"


def have_vi():
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout
    return any(l.lower().replace("-", "") == "vi_vn.utf8" for l in out.split())


def in_lang(t, env, *args):
    return t.bc(*args, env=t.env(**env))


def mismatch():
    s = sub()
    s["forms"]["bm3"] = dict(BM3)
    return s


def sum_line(r, name, line, want):
    """The line of stderr saying want at name:line."""
    lines = [l for l in r.err.splitlines() if l.startswith(f"{name}:{line}: ")]
    check(any(l == f"{name}:{line}: {want}" for l in lines),
          f"{r.cmd}: want {name}:{line}: {want!r}; got {lines or r.err!r}")


@test
def sum_mismatch_from_json(t):
    """At the line of the JSON, the form by its name, the column and
    label, the numbers; in English under C, in Vietnamese under vi."""
    with_units(t)
    name = write_json(t, "sai.json", mismatch())
    n = line_of(t, name, '"hs_tiep_nhan"')
    r = in_lang(t, C, "import", name)
    expect_rc(r, 1)
    sum_line(r, name, n, SUM_C)
    if not have_vi():
        raise Skip("no vi_VN.UTF-8 locale")
    r = in_lang(t, VI, "import", name)
    expect_rc(r, 1)
    sum_line(r, name, n, SUM_VI)
    check("nhưng" in r.err and " but " not in r.err, r.err)


@test
def sum_mismatch_from_csv(t):
    """At the line of the CSV, said as for JSON."""
    with_units(t)
    name = write_csv(t, "sai.csv", csv_rows(mismatch()))
    n = line_of(t, name, "bm3,hs_tiep_nhan,")
    r = in_lang(t, C, "import", name)
    expect_rc(r, 1)
    sum_line(r, name, n, SUM_C)
    if have_vi():
        sum_line(in_lang(t, VI, "import", name), name, n, SUM_VI)


def filled_template(t, values):
    """xa-ky-son's template with its signer and values {(form, field):
    value} filled in; the path and where each value went."""
    if openpyxl is None:
        raise Skip("python3-openpyxl is not installed")
    tpl, out = t.tmp / "tpl.xlsx", t.tmp / "filled.xlsx"
    t.ok("template", "--unit", "xa-ky-son", "--period", "2023-Q1", "-o", tpl)
    wb = openpyxl.load_workbook(tpl)
    rows = list(wb["_fields"].iter_rows(values_only=True))
    head = [str(h).strip().lower() for h in rows[0]]
    ix = {k: head.index(k) for k in ("form", "field", "sheet", "cell")}
    values = {**values, ("_meta", "signer_name"): "Nguyễn Văn An",
              ("_meta", "signer_title"): "Chủ tịch"}
    cells = {}
    for row in rows[1:]:
        key = (row[ix["form"]], row[ix["field"]])
        if key in values:
            wb[row[ix["sheet"]]][row[ix["cell"]]] = values[key]
            cells[key] = (row[ix["sheet"]], row[ix["cell"]])
    wb.save(out)
    return out, cells


def sheet_numbers(path, sheet):
    """Each field's number as its sheet prints it: the STT beside the
    row of the field's input cell ({row: number})."""
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.row: c.value for c in ws["A"] if isinstance(c.value, int)}


@test
def sum_mismatch_from_a_workbook(t):
    """A filled template: the cell of the value, and the numbers the
    unit's sheet prints beside each field — the same as the message's."""
    with_units(t)
    out, cells = filled_template(t, {("bm3", k): v for k, v in BM3.items()})
    sheet, cell = cells[("bm3", "hs_tiep_nhan")]
    r = in_lang(t, C, "import", out, "--received-at", "2023-02-25")
    expect_rc(r, 1)
    want = f"{out}: {SUM_C} \u2014 cell {sheet}!{cell}"
    check(want in r.err.splitlines(), f"want {want!r} in {r.err!r}")
    # [9], [6], [7], [8]: what the sheet prints beside those fields
    stt = sheet_numbers(t.tmp / "tpl.xlsx", sheet)
    got = {k: stt.get(int(re.sub(r"\D", "", cells[("bm3", k)][1])))
           for k in BM3}
    same(got, {"hs_ky_truoc": 6, "hs_truc_tuyen": 7, "hs_truc_tiep": 8,
               "hs_tiep_nhan": 9}, "the template's numbers of the fields")
    if have_vi():
        r = in_lang(t, VI, "import", out, "--received-at", "2023-02-25")
        want = f"{out}: {SUM_VI} \u2014 ô {sheet}!{cell}"
        check(want in r.err.splitlines(), f"want {want!r} in {r.err!r}")


@test
def table_row_named_by_row_and_column(t):
    """A table's cell: the table by its label, the row, the column by
    the number its template prints above it and its label."""
    with_units(t)
    s = sub()
    s["forms"]["pl1b"]["van_ban"][0]["ngay"] = "2023-02-30"
    name = write_json(t, "bang.json", s)
    n = line_of(t, name, '"2023-02-30"')
    r = in_lang(t, C, "import", name)
    expect_rc(r, 1)
    check(re.search(rf'^{re.escape(name)}:{n}: pl1b\.van_ban: Phụ lục 1B, table "[^"]+", '
                    r'row 1, column \(3\) "Ngày ban hành": '
                    r"'2023-02-30' is not a date", r.err, re.M), r.err)
    if have_vi():
        r = in_lang(t, VI, "import", name)
        check(re.search(rf'^{re.escape(name)}:{n}: pl1b\.van_ban: Phụ lục 1B, bảng "[^"]+", '
                        r'dòng 1, cột \(3\) "Ngày ban hành": '
                        r"'2023-02-30' không phải là ngày", r.err, re.M), r.err)


@test
def json_keeps_the_ids_in_every_locale(t):
    """--json: each problem by its ids (form, field, number, row, column,
    cell, check) beside an English text; the same bytes under vi and C."""
    with_units(t)
    name = write_json(t, "sai.json", mismatch())
    r = in_lang(t, C, "import", name, "--json")
    expect_rc(r, 1)
    j = parse_json(r)
    probs = j["files"][0]["problems"]
    p = next((p for p in probs if p["check"] == "= hs_ky_truoc + hs_truc_tuyen + hs_truc_tiep"), None)
    check(p is not None, f"no problem of the check: {probs}")
    same({k: p[k] for k in ("severity", "line", "cell", "form", "field",
                            "number", "row", "column", "column_number")},
         {"severity": "error", "line": line_of(t, name, '"hs_tiep_nhan"'),
          "cell": None, "form": "bm3", "field": "hs_tiep_nhan", "number": 9,
          "row": None, "column": None, "column_number": None},
         "the problem's ids")
    same(p["message"], "= 390, but [6] + [7] + [8] = 392 (12 + 200 + 180)",
         "its message")
    check(p["text"].endswith(SUM_C) and p["text"] in j["files"][0]["errors"],
          p["text"])
    if have_vi():
        v = in_lang(t, VI, "import", name, "--json")
        same(v.out, r.out, "--json under vi and under C")


@test
def warnings_said_the_same_way(t):
    """A warning names the field as an error does, in either language."""
    with_units(t)
    s = sub()
    s["forms"]["bm4"]["bien_che_giao"] = 10
    s["forms"]["bm4"]["bien_che_co_mat"] = 12
    name = write_json(t, "canh-bao.json", s)
    n = line_of(t, name, '"bien_che_co_mat"')
    r = in_lang(t, C, "import", name, "--dry-run")
    expect_rc(r, 0)
    check(re.search(rf"^{re.escape(name)}:{n}: bm4\.bien_che_co_mat: warning: Biểu số 04, column "
                    r'\[\d+\] "[^"]+" = 12, but must be ≤ \[\d+\] = 10$',
                    r.err, re.M), r.err)
    if have_vi():
        r = in_lang(t, VI, "import", name, "--dry-run")
        check(re.search(rf"^{re.escape(name)}:{n}: bm4\.bien_che_co_mat: cảnh báo: Biểu số 04, cột "
                        r'\[\d+\] "[^"]+" = 12, nhưng phải ≤ \[\d+\] = 10$',
                        r.err, re.M), r.err)


if __name__ == "__main__":
    sys.exit(run.main())

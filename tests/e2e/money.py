# SPDX-License-Identifier: MIT
"""End-to-end tests of money: amounts kept, added and printed exactly.

    python3 tests/e2e/money.py PATH/TO/baocao

A double keeps 15 significant digits: it makes 99999999999999.99 the
same number as 99999999999999.98, and %.15g wrote 12345678901234.56 as
12345678901234.6.  Each test imports such amounts from JSON, CSV or a
filled Excel template and reads them back through the outputs: the csv
and json exports, aggregate --json, and with JSON also the aggregate's
text, history and the xlsx, md and html exports.  What cannot be kept
exactly is refused, naming the file, line or cell, form and field.

Uses the harness and helpers of run.py (same output, same exit code);
openpyxl (Debian's python3-openpyxl) for the workbooks."""

import csv
import io
import json
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the harness: reads sys.argv itself)
from harness import find_openpyxl  # noqa: E402
from run import (Skip, check, expect_err, same, sub, with_units,  # noqa: E402
                 write_csv, write_text, csv_rows)

run.TESTS.clear()
test = run.test
openpyxl = find_openpyxl()

# Two communes (level xa) and Phòng Nội vụ (huyen) send bm1's money.
AMOUNTS = {"xa-ky-son": "99999999999999.99", "xa-tien-ky": "99999999999999.99",
           "noi-vu": "12345678901234.56"}
# Added exactly; in doubles …99.99 + …99.99 is …99.97.
XA, HUYEN, TOTAL = "199999999999999.98", "12345678901234.56", "212345678901234.54"
FIELD = "kinh_phi_cchc"
# How a message names it: the form, its number on the sheet, its label.
SAID = 'bm1.kinh_phi_cchc: Biểu số 01, column [14] "Kinh phí bố trí cho công tác CCHC"'


def money_sub(unit, amount):
    """A submission of bm1 alone, its money a placeholder string."""
    return sub(unit=unit, forms={"bm1": {FIELD: amount}}, report=False)


def write_money_json(t, name, unit, amount):
    """The amount written as a bare JSON number, digits as they are (a
    Python float would have rounded it already)."""
    text = json.dumps(money_sub(unit, "@AMOUNT@"), ensure_ascii=False,
                      indent=2)
    return write_text(t, name, text.replace('"@AMOUNT@"', amount) + "\n")


def fill_money_xlsx(t, unit, amount):
    """The unit's template with its signer and bm1's money filled in, the
    cell holding the number as written (openpyxl writes floats: the
    digits go into the sheet's XML afterwards)."""
    if openpyxl is None:
        raise Skip("python3-openpyxl is not installed")
    tpl, out = t.tmp / f"{unit}.xlsx", t.tmp / f"{unit}-filled.xlsx"
    t.ok("template", "--unit", unit, "--period", "2023-Q1", "-o", tpl)
    wb = openpyxl.load_workbook(tpl)
    rows = list(wb["_fields"].iter_rows(values_only=True))
    head = [str(h).strip().lower() for h in rows[0]]
    ix = {k: head.index(k) for k in ("form", "field", "sheet", "cell")}
    signer = {"signer_name": "Nguyễn Văn An", "signer_title": "Chủ tịch"}
    for row in rows[1:]:
        form, field, sheet, cell = (row[ix[k]] for k in ("form", "field", "sheet", "cell"))
        if form == "_meta" and field in signer:
            wb[sheet][cell] = signer[field]
        elif (form, field) == ("bm1", FIELD):
            wb[sheet][cell] = 7.25
    wb.save(tpl)
    with zipfile.ZipFile(tpl) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
        for n in z.namelist():
            d = z.read(n)
            if n.startswith("xl/worksheets/"):
                d = d.replace(b"<v>7.25</v>", f"<v>{amount}</v>".encode())
            o.writestr(n, d)
    return out.name


def numbers_tagged(text):
    """JSON text with every number as ("num", its literal): exact digits,
    and told apart from a string that holds them."""
    tag = lambda s: ("num", s)
    return json.loads(text, parse_float=tag, parse_int=tag)


def expect_figures(o, what):
    """An aggregate's figure object for bm1's money."""
    same((o.get("xa"), o.get("huyen"), o.get("total")),
         (("num", XA), ("num", HUYEN), ("num", TOTAL)), what)


def exports_exact(t):
    """The csv and json exports and aggregate --json print every amount
    and sum with its digits."""
    t.ok("export", "2023-Q1", "--format", "csv", "-o", "m.csv")
    rows = list(csv.reader(io.StringIO((t.tmp / "m.csv").read_text("utf-8-sig"))))
    got = {r[0]: r[4] for r in rows if r[2:4] == ["bm1", FIELD]}
    same(got, dict(AMOUNTS, _xa=XA, _huyen=HUYEN, _total=TOTAL),
         "the csv export's bm1 money")
    t.ok("export", "2023-Q1", "--format", "json", "-o", "m.json")
    j = numbers_tagged((t.tmp / "m.json").read_text("utf-8"))
    same({u: v[FIELD] for u, v in j["values"]["bm1"].items()},
         {u: ("num", a) for u, a in AMOUNTS.items()},
         "the json export's values of bm1's money")
    expect_figures(j["forms"]["bm1"]["fields"][FIELD], "the json export's sums")
    r = t.bc("aggregate", "2023-Q1", "--json")
    check(r.rc == 0, r.brief())
    expect_figures(numbers_tagged(r.out)["forms"]["bm1"]["fields"][FIELD],
                   "aggregate --json")


@test
def money_from_json_exact_everywhere(t):
    with_units(t)
    names = [write_money_json(t, f"{u}.json", u, a) for u, a in AMOUNTS.items()]
    t.ok("import", *names)
    exports_exact(t)
    r = t.ok("aggregate", "2023-Q1")
    # named as the sheet names it: "[14] Kinh phí bố trí cho công tác CCHC"
    line = next((l for l in r.out.splitlines()
                 if l.strip().startswith("[14] Kinh phí bố trí")), "")
    same(line.split()[-3:], [HUYEN, XA, TOTAL], "aggregate's text line")
    # Vietnamese figures: thousands apart, a decimal comma.
    local = {"199 999 999 999 999,98", "12 345 678 901 234,56",
             "212 345 678 901 234,54"}
    for fmt in ("md", "html"):
        t.ok("export", "2023-Q1", "--format", fmt, "-o", f"m.{fmt}")
        text = (t.tmp / f"m.{fmt}").read_text("utf-8")
        check(all(x in text for x in local),
              f"the {fmt} export lacks {sorted(x for x in local if x not in text)}")
    if openpyxl is None:
        raise Skip("python3-openpyxl is not installed: the xlsx export "
                   "was not read")
    t.ok("export", "2023-Q1", "--format", "xlsx", "-o", "m.xlsx")
    cells = {c.value for ws in openpyxl.load_workbook(t.tmp / "m.xlsx")
             for r in ws.iter_rows() for c in r}
    # Excel keeps 15 digits: longer amounts go in as their text.
    want = {AMOUNTS["xa-ky-son"], HUYEN, XA, TOTAL}
    check(want <= cells, f"the xlsx export lacks {sorted(want - cells)}")


@test
def money_from_csv_exact(t):
    with_units(t)
    names = []
    for u, a in AMOUNTS.items():
        names.append(write_csv(t, f"{u}.csv", csv_rows(money_sub(u, a))))
    t.ok("import", *names)
    exports_exact(t)


@test
def money_from_xlsx_exact(t):
    with_units(t)
    names = [fill_money_xlsx(t, u, a) for u, a in AMOUNTS.items()]
    t.ok("import", *names)
    exports_exact(t)


@test
def money_history_exact(t):
    """history shows a changed amount to the hundredth, either side."""
    with_units(t)
    t.ok("import", write_money_json(t, "a.json", "xa-ky-son", "99999999999999.98"))
    s = write_money_json(t, "b.json", "xa-ky-son", "99999999999999.99")
    text = (t.tmp / s).read_text("utf-8").replace("2023-02-27T09:00", "2023-02-27T10:00")
    t.ok("import", write_text(t, "b.json", text))
    r = t.ok("history", "xa-ky-son", "2023-Q1", "bm1")
    check("99 999 999 999 999,98" in r.out and "99 999 999 999 999,99" in r.out,
          f"history does not show both amounts: {r.out[-400:]!r}")


@test
def money_not_kept_exactly_refused(t):
    """More than two decimals, more than the largest amount, a count past
    10^15: refused with file, line, form and field, nothing stored."""
    with_units(t)
    for name, amount, why in (
            ("decimals.json", "99999999999999.999", "money takes at most 2 decimals"),
            ("large.json", "1000000000000000.01", "too large"),
            ("huge.json", "99999999999999999999.99", "too large")):
        expect_err(t.bc("import", write_money_json(t, name, "xa-ky-son", amount)),
                   1, f"{name}:", f"{SAID}: {amount}: {why}")
    rows = csv_rows(money_sub("xa-ky-son", "12.345"))
    r = t.bc("import", write_csv(t, "m.csv", rows))
    line = next(i for i, row in enumerate(rows, 2) if row[3] == FIELD)
    expect_err(r, 1, f"m.csv:{line}: {SAID}: 12.345")
    count = write_text(t, "count.json", json.dumps(
        sub(unit="xa-ky-son", forms={"bm1": {"vb_chi_dao": 1}}, report=False),
        ensure_ascii=False).replace('"vb_chi_dao": 1', '"vb_chi_dao": 9007199254740993'))
    expect_err(t.bc("import", count), 1, 'Biểu số 01, column [1] "Số văn bản chỉ đạo, điều hành về CCHC ban hành '
               'trong kỳ": 9007199254740993: too large')
    st = run.stored_state(t)
    same(sum(len(u["received"]) for u in st["units"]), 0, "revisions stored")


@test
def percentages_and_counts_exact(t):
    """A percentage keeps the 15 significant digits a double gives back,
    and more is refused, never rounded; percentages and counts add up
    exactly (in doubles 33.3333333333333 + 33.3333333333334 is
    66.66666666666669)."""
    rules = t.rules_copy()
    bm1 = rules / "cchc-1131" / "forms" / "bm1.lua"
    text = bm1.read_text("utf-8")
    anchor = '"money", "sum" },'
    check(anchor in text, "bm1.lua has no money field to add a pct after")
    bm1.write_text(text.replace(anchor, anchor + '\n    { "ty_le_thu", "Tỷ lệ thử",'
                                ' "pct", "sum" },', 1), "utf-8")
    with_units(t, rules=rules)

    def pct_sub(unit, pct, count):
        s = sub(unit=unit, forms={"bm1": {"ty_le_thu": "@P@", "vb_chi_dao": "@C@"}},
                report=False)
        return write_text(t, f"{unit}.json", json.dumps(s, ensure_ascii=False)
                          .replace('"@P@"', pct).replace('"@C@"', count))
    expect_err(t.bc("import", pct_sub("xa-ky-son", "33.33333333333333333", "1"),
                    rules=rules),
               1, '"Tỷ lệ thử": 33.33333333333333333: a percentage has at '
                  "most 15 significant digits")
    t.ok("import", pct_sub("xa-ky-son", "33.3333333333333", "999999999999999"),
         pct_sub("xa-tien-ky", "33.3333333333334", "1000000000000000"), rules=rules)
    r = t.bc("aggregate", "2023-Q1", "--json", rules=rules)
    check(r.rc == 0, r.brief())
    fields = numbers_tagged(r.out)["forms"]["bm1"]["fields"]
    same((fields["ty_le_thu"]["xa"], fields["vb_chi_dao"]["xa"]),
         (("num", "66.6666666666667"), ("num", "1999999999999999")),
         "the sums of a percentage and of a count")


@test
def money_xlsx_beyond_15_digits_refused(t):
    """A cell's double past what a spreadsheet keeps, no longer telling
    …99.98 from …99.99: refused, naming the sheet's cell."""
    with_units(t)
    name = fill_money_xlsx(t, "xa-ky-son", "99999999999999.984")
    r = t.bc("import", name)
    expect_err(r, 1, f"{SAID}: 99999999999999.984: more digits than a "
                     "spreadsheet keeps (15)")
    check(re.search(r"\u2014 cell [^!\n]+![A-Z]+[0-9]+$", r.err, re.M),
          f"no sheet!cell named: {r.err!r}")


if __name__ == "__main__":
    sys.exit(run.main())

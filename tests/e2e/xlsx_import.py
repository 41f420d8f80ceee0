# SPDX-License-Identifier: MIT
"""Importing filled Excel templates, through the real binary.

Round trips (a template filled by openpyxl, for a commune and a
department, every form and table; the committed workbooks filled by
openpyxl and saved by LibreOffice Calc), the spreadsheet conventions
(date serials and dd/mm/yyyy text, Vietnamese number separators, Có/Không),
and every hostile workbook: each refused with its reason, quickly, with
nothing stored.

usage: xlsx_import.py BAOCAO"""
import re
import csv, json, os, re, shutil, sys, time, zipfile

try:
    import openpyxl
except ImportError:
    # Debian's openpyxl lives with Debian's python; another python3 may
    # come first on PATH.
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("skip: python3-openpyxl is not installed")
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

h.start("xlsx_import.py BAOCAO")
ROOT = str(h.SRC)
FIX = os.path.join(ROOT, "tests", "e2e", "fixtures", "xlsx")
EXAMPLES = os.path.join(ROOT, "examples", "2023-Q1")


class Env(h.Case):
    """A test's directory and database, with the units of the sample
    district, or those of fixtures/xlsx under other rules."""

    NOW = "2023-03-01T08:00:00+07:00"
    TIMEOUT = 60
    rules = None

    def setup(self, rules=None):
        self.rules = rules
        self.run("init")
        self.run("units", "import",
                 os.path.join(FIX if rules else ROOT + "/examples",
                              "units.csv" if rules else "tan-ky-units.csv"))
        return self

    def run(self, *args, timeout=60):
        return self.bc(*args, rules=self.rules, timeout=timeout)

    def another(self):
        """A new directory and database inside this one, set up alike."""
        d = self.tmp / f"another-{len(list(self.tmp.glob('another-*')))}"
        d.mkdir()
        return Env(d).setup(self.rules)

    def path(self, name):
        return str(self.tmp / name)

    def template(self, unit):
        out = self.path(unit + ".xlsx")
        r = self.run("template", "--unit", unit, "--period", "2023-Q1", "-o", out)
        assert r.rc == 0, r.err
        return out

    def values(self, unit):
        """Every value in force for unit, as the csv export writes them."""
        out = self.path("export.csv")
        r = self.run("export", "2023-Q1", "--format", "csv", "-o", out)
        assert r.rc == 0, r.err
        with open(out, encoding="utf-8") as f:
            return {(row[2], row[3]): row[4] for row in csv.reader(f) if row[0] == unit}

    def revisions(self):
        r = self.run("status", "2023-Q1", "--as-of", "2023-12-31", "--json")
        units = json.loads(r.out)["units"]
        return sum(len(u["received"]) for u in units)


SUITE = h.Suite("xlsx_import.py", Env, "bc-xlsx-", workers=1)
test = SUITE.test


def fill(template, sub, out, transform=None):
    """Fills a template from a submission through _fields only."""
    wb = openpyxl.load_workbook(template)
    rows = list(wb["_fields"].iter_rows(values_only=True))
    head = [str(h).strip().lower() for h in rows[0]]
    ix = {k: head.index(k) for k in ("form", "field", "sheet", "cell")}
    for row in rows[1:]:
        form, field, sheet, cell = (row[ix[k]] for k in ("form", "field", "sheet", "cell"))
        if form == "_meta":
            v = {"signer_name": sub["signed_by"]["name"],
                 "signer_title": sub["signed_by"]["title"],
                 "signed_date": sub["signed_by"].get("date")}.get(field)
        elif form == "report":
            v = sub.get("report", {}).get(field)
        elif "[" in field:
            table, rest = field.split("[", 1)
            i, col = rest.split("].")
            rws = sub["forms"].get(form, {}).get(table, [])
            v = rws[int(i) - 1].get(col) if int(i) <= len(rws) else None
        else:
            v = sub["forms"].get(form, {}).get(field)
        if transform:
            v = transform(form, field, v)
        if v is not None:
            wb[sheet][cell] = v
    wb.save(out)


def expected(sub):
    """The values of a submission as the csv export writes them."""
    want = {}
    for form, vals in sub["forms"].items():
        for k, v in vals.items():
            if isinstance(v, list):
                if not v:
                    want[(form, k)] = "[]"
                for i, row in enumerate(v, 1):
                    for c, cv in row.items():
                        want[(form, f"{k}[{i}].{c}")] = str(cv)
            elif isinstance(v, bool):
                want[(form, k)] = "true" if v else "false"
            else:
                want[(form, k)] = v
    return want


def same_values(got, want, what):
    bad = []
    for k, v in want.items():
        g = got.get(k)
        if isinstance(v, (int, float)):
            ok = g is not None and abs(float(g) - v) < 1e-9
        else:
            ok = g == v
        if not ok:
            bad.append((k, v, g))
    assert not bad, f"{what}: {len(bad)} of {len(want)} values differ, first {bad[:3]}"


def load(name):
    with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
        return json.load(f)


# ---- round trips ----------------------------------------------------------

@test
def round_trip_commune_every_form(t):
    env = t.setup()
    sub = load("xa-ky-son.json")
    out = env.path("filled.xlsx")
    fill(env.template("xa-ky-son"), sub, out)
    r = env.run("import", out, "--received-at", "2023-02-25T09:00", "--channel", "email")
    assert r.rc == 0, r.err[-400:]
    same_values(env.values("xa-ky-son"), expected(sub), "commune")


@test
def round_trip_department(t):
    env = t.setup()
    sub = load("tckh.json")
    out = env.path("filled.xlsx")
    fill(env.template("tckh"), sub, out)
    r = env.run("import", out)
    assert r.rc == 0, r.err[-400:]
    same_values(env.values("tckh"), expected(sub), "department")


@test
def committed_openpyxl_and_libreoffice_workbooks(t):
    # Made by fixtures/xlsx/make against the frozen rules beside them.
    with open(os.path.join(FIX, "xa-ky-son.json"), encoding="utf-8") as f:
        want = expected(json.load(f))
    for name in ("filled-openpyxl.xlsx", "filled-libreoffice.xlsx"):
        env = t.setup(rules=os.path.join(FIX, "rules"))
        r = env.run("import", os.path.join(FIX, name), "--received-at", "2023-02-25")
        assert r.rc == 0, f"{name}: {r.err[-400:]}"
        same_values(env.values("xa-ky-son"), want, name)


@test
def blank_table_is_an_empty_table(t):
    env = t.setup()
    sub = load("xa-ky-son.json")
    sub["forms"]["pl1b"]["van_ban"] = []
    out = env.path("filled.xlsx")
    fill(env.template("xa-ky-son"), sub, out)
    r = env.run("import", out)
    assert r.rc == 0, r.err[-300:]
    assert env.values("xa-ky-son").get(("pl1b", "van_ban")) == "[]"


@test
def blank_workbook_is_no_receipt(t):
    # Only the signer filled in: no form, not even an empty table, is
    # received; the file is refused and nothing stored.
    env = t.setup()
    sub = load("xa-ky-son.json")
    out = env.path("blank.xlsx")
    fill(env.template("xa-ky-son"), dict(sub, forms={}, report={}), out)
    r = env.run("import", out, "--received-at", "2023-02-25")
    assert r.rc == 1, r.err[-300:]
    assert "nothing to import" in r.err, r.err[-300:]
    assert env.revisions() == 0, "something was stored"
    # one sheet filled: that form is received, the blank ones are not
    only = {"forms": {"bm3": sub["forms"]["bm3"]}, "report": {}}
    fill(env.template("xa-ky-son"), dict(sub, **only), out)
    r = env.run("import", out, "--received-at", "2023-02-25")
    assert r.rc == 0, r.err[-300:]
    st = json.loads(env.run("status", "2023-Q1", "--as-of", "2023-12-31",
                            "--json").out)
    u = [x for x in st["units"] if x["unit"] == "xa-ky-son"][0]
    assert sorted(u["received"]) == ["bm3", "pl1b"], u["received"]


@test
def receipt_time_of_import_is_said(t):
    # A workbook carries no receipt time: without --received-at the time
    # of import is used, the summary says so, and a late verdict says it
    # rests on it.
    env = t.setup()
    out = env.path("filled.xlsx")
    fill(env.template("xa-ky-son"), load("xa-ky-son.json"), out)
    r = env.run("import", out)
    assert r.rc == 0, r.err[-300:]
    assert "received at import, 01/03/2023 08:00 (no --received-at)" in r.err, \
        r.err
    late = [l for l in r.err.splitlines() if "after the deadline" in l]
    assert len(late) == 1 and "at import (no --received-at" in late[0], r.err


@test
def required_blank_cell_named(t):
    # A field the rules mark required, left blank in a sheet filled
    # otherwise: refused at that cell.
    rules = str(t.tmp / "rules")
    shutil.copytree(os.path.join(ROOT, "rules", "cchc-1131"),
                    os.path.join(rules, "cchc-1131"))
    path = os.path.join(rules, "cchc-1131", "forms", "bm3.lua")
    with open(path, encoding="utf-8") as f:
        text, n = re.subn(r'("hs_tiep_nhan",\s*"[^"]*",\s*"int", "sum",)',
                          r"\1 required = true,", f.read())
    assert n == 1, "could not mark bm3.hs_tiep_nhan required"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    env = t.setup(rules=rules)
    tpl = env.template("xa-ky-son")
    sub = load("xa-ky-son.json")
    out = env.path("filled.xlsx")
    fill(tpl, sub, out, lambda f, k, v: None if (f, k) == ("bm3", "hs_tiep_nhan") else v)
    rows = list(openpyxl.load_workbook(tpl)["_fields"].iter_rows(values_only=True))
    head = [str(h).strip().lower() for h in rows[0]]
    at = {k: head.index(k) for k in ("form", "field", "sheet", "cell")}
    row = [x for x in rows[1:] if (x[at["form"]], x[at["field"]]) == ("bm3", "hs_tiep_nhan")][0]
    r = env.run("import", out, "--received-at", "2023-02-25")
    assert r.rc == 1, r.err[-300:]
    want = (f'{out}: bm3.hs_tiep_nhan: Biểu số 03, column [9] "Tổng số hồ sơ tiếp nhận": required: '
            f"the form is not received without it \u2014 cell "
            f"{row[at['sheet']]}!{row[at['cell']]}")
    assert want in r.err, f"no {want!r} in {r.err[-400:]!r}"
    assert env.revisions() == 0


@test
def spreadsheet_conventions(t):
    env = t.setup()
    sub = load("xa-ky-son.json")

    def local(form, field, v):
        if v is None:
            return v
        if field.endswith("].ngay"):         # a date typed as text, dd/mm/yyyy
            y, m, d = v.split("-")
            return f"{d}/{m}/{y}"
        if (form, field) == ("bm3", "hs_truc_tiep"):
            return f"{v:,}".replace(",", ".") if v >= 1000 else str(v)
        if (form, field) == ("bm6", "cong_khai_ngan_sach"):
            return "Có" if v else "Không"
        if (form, field) == ("bm1", "kinh_phi_cchc"):
            return str(v).replace(".", ",")  # 8,73
        return v
    sub["forms"]["bm3"]["hs_truc_tiep"] = 1146
    sub["forms"]["bm3"]["hs_tiep_nhan"] = (sub["forms"]["bm3"]["hs_ky_truoc"] +
                                           sub["forms"]["bm3"]["hs_truc_tuyen"] + 1146)
    sub["forms"]["bm3"]["hs_da_giai_quyet"] += 1000
    sub["forms"]["bm3"]["hs_dung_han"] += 1000
    out = env.path("filled.xlsx")
    fill(env.template("xa-ky-son"), sub, out, local)
    r = env.run("import", out)
    assert r.rc == 0, r.err[-500:]
    same_values(env.values("xa-ky-son"), expected(sub), "local conventions")


@test
def ambiguous_number_refused_with_cell(t):
    env = t.setup()
    sub = load("xa-ky-son.json")
    out = env.path("filled.xlsx")
    fill(env.template("xa-ky-son"), sub, out,
         lambda f, k, v: "1.20" if (f, k) == ("bm3", "hs_ky_truoc") else v)
    r = env.run("import", out)
    assert r.rc == 1, r.err
    assert re.search(r'Biểu số 03, column \[6\] "[^"]+": .*two ways.* \u2014 cell [^!]+!D',
                     r.err), r.err
    assert env.revisions() == 0, "something was stored"


@test
def changed_rules_refused(t):
    env = t.setup()
    out = env.path("filled.xlsx")
    fill(env.template("xa-ky-son"), load("xa-ky-son.json"), out)
    wb = openpyxl.load_workbook(out)
    for row in wb["_meta"].iter_rows():
        if row[0].value == "hash":
            row[1].value = "0" * 64
    wb.save(out)
    r = env.run("import", out)
    assert r.rc == 1 and "new template" in r.err, r.err
    assert env.revisions() == 0


# ---- hostile workbooks ----------------------------------------------------

def refused(env, path, why, seconds=30):
    r = env.run("import", path, timeout=seconds + 30)
    assert r.rc == 1, f"exit {r.rc}: {r.err[-300:]}"
    assert why in r.err, f"no '{why}' in: {r.err[-300:]}"
    assert r.secs < seconds, f"took {r.secs:.1f}s"
    assert env.revisions() == 0, "something was stored"


def rezip(src, dst, change):
    """Copies a workbook, letting change(name, bytes) replace parts."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as o:
        for n in z.namelist():
            d = change(n, z.read(n))
            if d is not None:
                o.writestr(n, d)


@test
def zip_bomb_refused(t):
    env = t.setup()
    tpl = env.template("xa-ky-son")
    bomb = env.path("bomb.xlsx")
    first = []

    def big(n, d):
        if n.startswith("xl/worksheets/sheet") and not first:
            first.append(n)
            return b"<" + b"a" * (150 << 20) + b"/>"
        return d
    rezip(tpl, bomb, big)
    refused(env, bomb, "refused")


@test
def path_outside_refused(t):
    env = t.setup()
    tpl = env.template("xa-ky-son")
    bad = env.path("dotdot.xlsx")
    shutil.copy(tpl, bad)
    with zipfile.ZipFile(bad, "a") as z:
        z.writestr("../../evil.xml", b"<x/>")
    refused(env, bad, "outside")


@test
def corrupted_zip_refused(t):
    env = t.setup()
    junk = env.path("junk.xlsx")
    with open(junk, "wb") as f:
        f.write(b"PK\x03\x04" + bytes(range(256)) * 20)
    refused(env, junk, "not a readable .xlsx")
    tpl = env.template("xa-ky-son")
    with open(tpl, "rb") as f:
        data = f.read()
    cut = env.path("cut.xlsx")
    with open(cut, "wb") as f:
        f.write(data[: len(data) // 2])
    refused(env, cut, ".xlsx")


@test
def too_many_cells_refused(t):
    env = t.setup()
    tpl = env.template("xa-ky-son")
    many = env.path("many.xlsx")
    first = []

    def cells(n, d):
        if n.startswith("xl/worksheets/sheet") and not first:
            first.append(n)
            rows = "".join(f'<row r="{r}">' + '<c t="n"><v>1</v></c>' * 100 + "</row>"
                           for r in range(1, 11001))
            return ('<worksheet xmlns="http://schemas.openxmlformats.org/'
                    'spreadsheetml/2006/main"><sheetData>' + rows +
                    "</sheetData></worksheet>").encode()
        return d
    rezip(tpl, many, cells)
    refused(env, many, "cells")


@test
def xml_entity_bomb_refused(t):
    env = t.setup()
    tpl = env.template("xa-ky-son")
    lol = env.path("lol.xlsx")
    ents = '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + ("&" + chr(97 + i) + ";") * 10 + '">' for i in range(8)) + "]>"

    def bomb(n, d):
        if n == "xl/workbook.xml":
            return d.replace(b"?>", b"?>" + ents.encode(), 1).replace(
                b"<sheets>", b"<sheets><!-- &i; -->", 1)
        return d
    rezip(tpl, lol, bomb)
    r = env.run("import", lol, timeout=60)
    assert r.rc == 1 and r.secs < 30, f"exit {r.rc} in {r.secs:.1f}s"


@test
def not_a_template_refused(t):
    env = t.setup()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "bảng tính thường"
    plain = env.path("plain.xlsx")
    wb.save(plain)
    refused(env, plain, "not a workbook made by 'baocao template'")


def altered_map(env, name, change):
    """xa-ky-son's template with change(_fields sheet) made to its map."""
    wb = openpyxl.load_workbook(env.template("xa-ky-son"))
    change(wb["_fields"])
    bad = env.path(name)
    wb.save(bad)
    return bad


@test
def fields_naming_a_missing_sheet_refused(t):
    env = t.setup()

    def add_row(ws):
        ws.cell(row=ws.max_row + 1, column=1, value="bm1")
        ws.cell(row=ws.max_row, column=2, value="vb_chi_dao")
        ws.cell(row=ws.max_row, column=3, value="Không có")
        ws.cell(row=ws.max_row, column=4, value="A1")
    refused(env, altered_map(env, "missing-sheet.xlsx", add_row), "does not have")


# ---- nothing dropped in silence ---------------------------------------------

def filled(env, name="filled.xlsx"):
    """xa-ky-son's template filled with its example; the map's place of
    bm1.vb_chi_dao (sheet, cell) and the part of that sheet."""
    out = env.path(name)
    fill(env.template("xa-ky-son"), load("xa-ky-son.json"), out)
    wb = openpyxl.load_workbook(out)
    for row in wb["_fields"].iter_rows(min_row=2, values_only=True):
        if row[0] == "bm1" and row[1] == "vb_chi_dao":
            sheet, ref = row[2], row[3]
    part = f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml"
    return out, sheet, ref, part


def cell_xml(ref, inner, attrs=""):
    return f'<c r="{ref}"{attrs}>{inner}</c>'


def with_cell(env, name, src, part, ref, new):
    """src with cell ref of part replaced by the XML new."""
    dst = env.path(name)

    def change(n, d):
        if n != part:
            return d
        x, k = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', new, d.decode(), 1)
        assert k == 1, f"no cell {ref} in {part}"
        return x.encode()
    rezip(src, dst, change)
    return dst


def refused_at(env, path, where, why):
    r = env.run("import", path)
    assert r.rc == 1, f"exit {r.rc}: {r.err[-300:]}"
    assert f" \u2014 cell {where}\n" in r.err and why in r.err, \
        f"no '{where}: … {why}' in: {r.err[-400:]}"
    assert env.revisions() == 0, "something was stored"
    return r


@test
def bad_cells_refused_with_their_place(t):
    """A shared string the workbook does not have, a formula without its
    value, an error, a number or boolean that is none, a cell written
    twice: each refused naming sheet!cell (they were dropped, or the
    form with them), all of them listed."""
    env = t.setup()
    src, sheet, ref, part = filled(env)
    at = f"{sheet}!{ref}"
    cases = [
        (cell_xml(ref, "<v>99999</v>", ' t="s"'), "shared string '99999'"),
        (cell_xml(ref, "<f>SUM(A1:A2)</f>"), "a formula without its computed value"),
        (cell_xml(ref, "<v>#DIV/0!</v>", ' t="e"'), "the cell shows an error (#DIV/0!)"),
        (cell_xml(ref, "<v>12abc</v>", ' t="n"'), "'12abc' is not a number"),
        (cell_xml(ref, "<v>2</v>", ' t="b"'), "'2' is no true or false"),
        (cell_xml(ref, "<v>3</v>", ' s="9999"'), "a style the workbook does not have"),
        (cell_xml(ref, "<v>3</v>", ' t="x"'), "a cell of unknown type 'x'"),
        (cell_xml(ref, "<v>3</v>") * 2, "written twice"),
    ]
    for i, (xml, why) in enumerate(cases):
        refused_at(env, with_cell(env, f"bad{i}.xlsx", src, part, ref, xml), at, why)
    # a formula with its value is read
    ok = with_cell(env, "ok.xlsx", src, part, ref, cell_xml(ref, "<f>1+2</f><v>3</v>"))
    r = env.run("import", ok)
    assert r.rc == 0, r.err[-300:]
    assert env.values("xa-ky-son").get(("bm1", "vb_chi_dao")) in ("3", "3.0"), env.values("xa-ky-son")
    # two bad cells of two sheets: both said, a new database
    env = t.another()
    src, sheet, ref, part = filled(env)
    one = with_cell(env, "one.xlsx", src, part, ref, cell_xml(ref, "<v>99999</v>", ' t="s"'))
    wb = openpyxl.load_workbook(src)
    for row in wb["_fields"].iter_rows(min_row=2, values_only=True):
        if row[0] == "bm3" and row[1] == "hs_tiep_nhan":
            s3, r3 = row[2], row[3]
    p3 = f"xl/worksheets/sheet{wb.sheetnames.index(s3) + 1}.xml"
    two = with_cell(env, "two.xlsx", one, p3, r3, cell_xml(r3, "<f>A1</f>"))
    r = refused_at(env, two, f"{sheet}!{ref}", "shared string")
    assert f" \u2014 cell {s3}!{r3}\n" in r.err, r.err[-400:]


@test
def sheet_relationships_checked(t):
    """A form's sheet whose relationship points to another kind of part,
    to another sheet's part, or is missing: refused naming the sheet."""
    env = t.setup()
    src, sheet, ref, part = filled(env)
    rels = "xl/_rels/workbook.xml.rels"
    with zipfile.ZipFile(src) as z:
        wb_xml, rel_xml = z.read("xl/workbook.xml").decode(), z.read(rels).decode()
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*/>', wb_xml).group(0)
    rid = re.search(r'r:id="([^"]+)"', rid).group(1)
    rel = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*/>', rel_xml).group(0)
    other = re.search(r'Target="([^"]+)"', re.search(
        rf'<Relationship (?![^>]*Id="{rid}")[^>]*worksheet"[^>]*/>', rel_xml).group(0)).group(1)

    def with_rel(name, new):
        dst = env.path(name)
        rezip(src, dst, lambda n, d: d.decode().replace(rel, new).encode() if n == rels else d)
        return dst
    styles = re.sub(r'Type="[^"]+"', 'Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/styles"', rel)
    styles = re.sub(r'Target="[^"]+"', 'Target="styles.xml"', styles)
    refused(env, with_rel("kind.xlsx", styles), f"sheet '{sheet}': its relationship {rid} points to")
    same = re.sub(r'Target="[^"]+"', f'Target="{other}"', rel)
    refused(env, with_rel("same.xlsx", same), "are the same part")
    refused(env, with_rel("none.xlsx", ""), f"sheet '{sheet}' has no part")
    refused(env, with_rel("twice.xlsx", rel + rel), f"sheet '{sheet}' has no part")
    ext = rel.replace("/>", ' TargetMode="External"/>')
    refused(env, with_rel("ext.xlsx", ext), f"sheet '{sheet}' has no part")


@test
def too_many_shared_strings_refused(t):
    """More shared strings than any template has: exit 1 with the reason
    (it was exit 3 and no message), quickly."""
    env = t.setup()
    src, sheet, ref, part = filled(env)
    dst = env.path("strings.xlsx")
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as o:
        for n in z.namelist():
            o.writestr(n, z.read(n))
        sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + "<si><t>a</t></si>" * 500001 + "</sst>")
        o.writestr("xl/sharedStrings.xml", sst, compress_type=zipfile.ZIP_STORED)
    refused(env, dst, "xl/sharedStrings.xml holds more than 500000 strings")


@test
def map_naming_no_cell_refused(t):
    env = t.setup()
    bad = altered_map(env, "no-cell.xlsx", lambda ws: ws.cell(row=2, column=4, value="E0"))
    refused(env, bad, "'E0' is no cell (as E14): the template's map was altered; "
                      "make a new template \u2014 cell _fields!D2")


@test
def map_table_row_limit(t):
    """The map may name a table's rows up to 10 000: a row 10 000 of
    pl1b's table is read after the others (blank rows between are not
    counted: it is row 3) and stored; a row 10 001 is no table's cell,
    refused."""
    base = t.setup()
    for n in (10000, 10001):
        env = base.another()
        src, sheet, ref, part = filled(env)
        wb = openpyxl.load_workbook(src)
        rows = list(wb["_fields"].iter_rows(min_row=2, values_only=True))
        tsheet = [r for r in rows if r[0] == "pl1b" and "[" in str(r[1])][0][2]
        cells = {"so_ky_hieu": "12/KH-UBND", "ngay": "2023-01-10",
                 "loai": "ke_hoach", "trich_yeu": "Kế hoạch"}
        ws, top = wb["_fields"], wb["_fields"].max_row
        for i, (col, v) in enumerate(cells.items()):
            for k, x in enumerate(("pl1b", f"van_ban[{n}].{col}", tsheet,
                                   f"AA{100 + i}"), 1):
                ws.cell(row=top + 1 + i, column=k, value=x)
            wb[tsheet][f"AA{100 + i}"] = v
        path = env.path(f"row{n}.xlsx")
        wb.save(path)
        r = env.run("import", path, "--received-at", "2023-02-25")
        if n == 10000:
            assert r.rc == 0, r.err[-300:]
            got = env.values("xa-ky-son")
            assert all(got.get(("pl1b", f"van_ban[3].{c}")) == v
                       for c, v in cells.items()), sorted(got)[-8:]
            continue
        assert r.rc == 1, r.err[-300:]
        said = [line for line in r.err.splitlines() if "Phụ lục 1B" in line]
        assert len(said) == 4 and all(
            "the form has no such field" in x for x in said) and \
            "van_ban[10001].so_ky_hieu" in said[0] and \
            said[0].endswith(f"cell {tsheet}!AA100"), said


def cpu_seconds(env, *args):
    """CPU time of one baocao run (user and system)."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = env.run(*args, timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@test
def big_map_read_in_linear_time(t):
    """A map of thousands of filled table cells: each table is gathered
    once (it was looked for again for every cell of the map): twice the
    cells, less than three times the CPU time."""
    env = t.setup()
    tpl = env.template("xa-ky-son")
    wb = openpyxl.load_workbook(tpl)
    rows = list(wb["_fields"].iter_rows(min_row=2, values_only=True))
    sheet = [r for r in rows if r[0] == "pl1b" and "[" in str(r[1])][0][2]

    def with_cells(n):
        def change(ws):
            top = ws.max_row
            for i in range(n):
                ws.cell(row=top + 1 + i, column=1, value="pl1b")
                ws.cell(row=top + 1 + i, column=2, value=f"van_ban[{i + 1}].x{i}")
                ws.cell(row=top + 1 + i, column=3, value=sheet)
                ws.cell(row=top + 1 + i, column=4, value=f"AA{i + 100}")
        path = altered_map(env, f"map{n}.xlsx", change)
        wb = openpyxl.load_workbook(path)
        for i in range(n):
            wb[sheet][f"AA{i + 100}"] = "v"
        wb.save(path)
        return path
    small, big = with_cells(5000), with_cells(10000)
    r1, t1 = cpu_seconds(env, "import", small, "--dry-run")
    r2, t2 = cpu_seconds(env, "import", big, "--dry-run")
    assert r1.rc == 1 and r2.rc == 1, r2.err[-300:]
    assert "(and 9 999 more places like it)" in r2.err, r2.err[-300:]
    assert t2 < 3 * t1, f"5000 cells: {t1:.2f} s CPU, 10000: {t2:.2f} s"


if __name__ == "__main__":
    sys.exit(SUITE.main())

# SPDX-License-Identifier: MIT
"""End-to-end tests of reporting upward: a district's figures sent to
the province as the district's own submission.

    python3 tests/e2e/upward.py PATH/TO/baocao

A district's database is filled with the sample district's 2023-Q1
submissions (examples/2023-Q1), and `export --format submission` writes
its figures as the JSON a unit sends (docs/formats.md, "A district's
submission to the level above").  A province's database, under the test
ruleset tests/rules/province-districts whose reporting units are
districts, imports that file as any unit's, and its aggregate is the
district's figures to the digit.  A second district, with amounts a
double cannot hold, adds its own; the province then sends up the sum.
Then what is refused: no units, several roots without --unit, a period
with nothing received (the file -o names left as it was), options that
are missing or do not belong.

Uses the harness and helpers of run.py (same output, same exit code)."""

import json
import os
import stat
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the harness: reads sys.argv itself)
from run import (SRC, UNITS_CSV, check, expect_err, expect_rc,  # noqa: E402
                 same, sub, write_json, write_text)

run.TESTS.clear()
test = run.test

EXAMPLES = SRC / "examples" / "2023-Q1"
PROVINCE_RULES = SRC / "tests" / "rules" / "province-districts"
PERIOD = "2023-Q1"
# Signed by the chairman once the last correction was in (06/03/2023):
# the figures are as of that day, which counts every example.
SIGNER = {"name": "Lê Văn Hùng", "title": "Chủ tịch UBND huyện",
          "date": "2023-03-06"}
SIGNED = ["--signer", SIGNER["name"], "--signer-title", SIGNER["title"],
          "--date", SIGNER["date"]]
# What the province asks of a district (province-districts/ruleset.lua).
TO_PROVINCE = ["--forms", "bm6,pl1b"]
PROVINCE_UNITS = """code,name,kind,roles,parent
nghe-an,UBND tỉnh Nghệ An,province,,
so-tai-chinh,Sở Tài chính,department,tai_chinh,nghe-an
tan-ky,UBND huyện Tân Kỳ,district,,nghe-an
anh-son,UBND huyện Anh Sơn,district,,nghe-an
"""
# The second district: a department and two communes, whose amounts
# only exact decimals add (a double makes …99.99 + …99.99 …99.97).
ANH_SON_UNITS = """code,name,kind,roles,parent
anh-son,UBND huyện Anh Sơn,district,,
tckh-as,Phòng Tài chính - Kế hoạch,department,tckh,anh-son
xa-hoi-son,UBND xã Hội Sơn,commune,,anh-son
xa-phuc-son,UBND xã Phúc Sơn,commune,,anh-son
"""
BIG = "99999999999999.99"


def van_ban(*rows):
    return [{"so_ky_hieu": n, "ngay": d, "loai": k, "trich_yeu": s}
            for n, d, k, s in rows]


ANH_SON = {
    "xa-phuc-son": {
        "bm6": {"thu_ns_du_toan": BIG, "thu_ns_thuc_hien": BIG,
                "kn_thanh_tra": 3, "kn_da_thuc_hien": 2,
                "khoan_bien_che": 1, "cong_khai_ngan_sach": True},
        "pl1b": {"van_ban": van_ban(
            ("05/KH-UBND", "2023-01-06", "ke_hoach", "Kế hoạch CCHC năm 2023"))},
    },
    "xa-hoi-son": {
        "bm6": {"thu_ns_du_toan": BIG, "thu_ns_thuc_hien": "0.01",
                "kn_thanh_tra": 1, "kn_da_thuc_hien": 1,
                "cong_khai_ngan_sach": False},
        "pl1b": {"van_ban": []},
    },
    "tckh-as": {
        "bm6": {"dtc_ke_hoach": "1234.5", "dtc_giai_ngan": "1000.05",
                "tu_chu_nhom1": 2, "tu_chu_nhom4": 31},
        "pl1b": {"van_ban": van_ban(
            ("11/KH-TCKH", "2023-01-12", "ke_hoach",
             "Kế hoạch thực hiện cơ chế tự chủ tài chính năm 2023"),
            ("14/BC-TCKH", "2023-02-20", "bao_cao",
             "Báo cáo tình hình giải ngân vốn đầu tư công"))},
    },
}


# ---- the places: a district's database, the province's ------------------

class Place:
    """One database under its rules: a district's or the province's."""

    def __init__(self, t, name, rules=None):
        self.t, self.name, self.rules = t, name, rules
        self.db = t.tmp / f"{name}.db"

    def bc(self, *args, **kw):
        return self.t.bc(*args, db=self.db, rules=self.rules, **kw)

    def ok(self, *args, **kw):
        r = self.bc(*args, **kw)
        expect_rc(r, 0)
        return r

    def json(self, *args):
        """--json output, numbers as exact decimals."""
        return json.loads(self.ok(*args, "--json").out, parse_float=Decimal)

    def aggregate(self):
        return self.json("aggregate", PERIOD, "--rows")["forms"]

    def send(self, *extra, **kw):
        """export --format submission to NAME.json."""
        return self.bc("export", PERIOD, "--format", "submission", "-o",
                       f"{self.name}.json", *SIGNED, *extra, **kw)

    def sent(self, *extra):
        """The file send wrote: its text and its JSON, numbers exact."""
        expect_rc(self.send(*extra), 0)
        text = (self.t.tmp / f"{self.name}.json").read_text(encoding="utf-8")
        return text, json.loads(text, parse_float=Decimal)


def tan_ky(t):
    """The sample district with every 2023-Q1 example."""
    d = Place(t, "tan-ky")
    d.ok("init")
    d.ok("units", "import", UNITS_CSV)
    d.ok("import", *sorted(EXAMPLES.iterdir()))
    return d


def anh_son(t):
    """The second district, from ANH_SON."""
    d = Place(t, "anh-son")
    d.ok("init")
    d.ok("units", "import", write_text(t, "anh-son.csv", ANH_SON_UNITS))
    for unit, forms in ANH_SON.items():
        d.ok("import", write_json(t, f"as-{unit}.json",
                                  sub(unit=unit, forms=forms, report=False)))
    return d


def province(t):
    """The province's database, under province-districts."""
    rules = t.tmp / "province-rules"
    rules.mkdir()
    (rules / "province-districts").symlink_to(PROVINCE_RULES,
                                              target_is_directory=True)
    r = t.ok("rules", "check", rules, db=False)
    check("0 errors" in r.err, f"{r.cmd}: {r.err.strip()!r}")
    p = Place(t, "nghe-an", rules)
    p.ok("init")
    p.ok("units", "import", write_text(t, "nghe-an.csv", PROVINCE_UNITS))
    return p


def received(p, name):
    """A district's file imported by the province, on time."""
    r = p.ok("import", name, "--received-at", "2023-03-05T08:00:00+07:00")
    check("accepted" in r.err, f"{r.cmd}: {r.err.strip()!r}")


# ---- what the file holds ---------------------------------------------------

def catalogue(t):
    """{form: [field objects]} of cchc-1131, in the rules' order."""
    return {f["id"]: f["fields"]
            for f in t.json("rules", "show", "cchc-1131")["forms"]}


def totals(agg, form):
    """{field: total} of the fields with a number in total."""
    return {k: v["total"] for k, v in agg[form]["fields"].items()
            if isinstance(v.get("total"), (int, Decimal))}


def rows_of(agg, form, table, unit=None):
    """A table's rows as a submission writes them: without the unit and
    the row number the aggregate adds."""
    return [{k: v for k, v in r.items() if k not in ("unit", "row")}
            for r in agg[form]["fields"][table].get("rows", [])
            if unit is None or r["unit"] == unit]


def holds_the_figures(t, doc, agg, cat):
    """Every count and amount the aggregate's total, every table its
    rows; what does not add up (yes/no) left out."""
    for form, fields in doc["forms"].items():
        for f in cat[form]:
            got = fields.get(f["id"])
            if f["type"] in ("int", "money"):
                same(got, totals(agg, form).get(f["id"]),
                     f"{form}.{f['id']}: the district's total")
            elif f["type"] == "table":
                same(got, rows_of(agg, form, f["id"]),
                     f"{form}.{f['id']}: every unit's rows")
                order = [c["id"] for c in f["columns"]]
                for row in got:
                    same(list(row), [c for c in order if c in row],
                         f"{form}.{f['id']}: a row's columns in the rules' "
                         "order")
            else:
                same(got, None, f"{form}.{f['id']} ({f['type']}): left out")


@test
def district_figures_as_its_submission(t):
    d = tan_ky(t)
    r = d.send()
    expect_rc(r, 0)
    text = (t.tmp / "tan-ky.json").read_text(encoding="utf-8")
    doc = json.loads(text, parse_float=Decimal)
    same(list(doc), ["unit", "period", "signed_by", "estimated", "forms"],
         "the keys of the file, in order")
    same([doc["unit"], doc["period"], doc["signed_by"]],
         ["tan-ky", PERIOD, SIGNER], "unit (the root), period, signer")
    # xa-nghia-dong flagged its figures as estimates
    same(doc["estimated"], True, "estimated")
    agg = d.aggregate()
    same(list(doc["forms"]), [f for f in agg if agg[f]["units"] and
                              any(agg[f]["units"].values())],
         "the forms some unit sent, in the rules' order")
    holds_the_figures(t, doc, agg, catalogue(t))
    for field in ("bm6.cong_khai_ngan_sach", "bm7.ke_hoach_cds"):
        check(field in r.err and "left out" in r.err,
              f"{r.cmd}: stderr does not say {field} is left out: "
              f"{r.err.strip()!r}")
    check("xa-nghia-dong" in r.err and "estimated" in r.err,
          f"{r.cmd}: stderr does not name the estimates: {r.err!r}")
    check("dan-toc" in r.err and "xa-tien-ky" in r.err,
          f"{r.cmd}: stderr does not name the units missing: {r.err!r}")
    # exact: 2 decimals as the sum has them, never a double's digits
    check('"thu_ns_thuc_hien": 62799.66,' in text,
          f"bm6.thu_ns_thuc_hien not written exactly: {text[:2000]!r}")


@test
def province_imports_it_as_any_unit(t):
    d = tan_ky(t)
    text, doc = d.sent(*TO_PROVINCE)
    same(list(doc["forms"]), ["bm6", "pl1b"], "the forms asked (--forms)")
    p = province(t)
    received(p, "tan-ky.json")
    district, prov = d.aggregate(), p.aggregate()
    sums = totals(district, "bm6")
    same(sorted(doc["forms"]["bm6"]), sorted(
        k for k in sums if k != "cong_khai_ngan_sach"),
        "bm6: every figure but the yes/no")
    for field in doc["forms"]["bm6"]:
        got, want = prov["bm6"]["fields"][field], sums[field]
        same([got["huyen"], got["total"]], [want, want],
             f"province bm6.{field} (huyen, total) = the district's")
    for ind, v in district["bm6"]["indicators"].items():
        same(prov["bm6"]["indicators"][ind]["huyen"], v["total"],
             f"province bm6 indicator {ind} = the district's")
    vb = district["pl1b"]["fields"]["van_ban"]
    same(prov["pl1b"]["fields"]["van_ban"]["huyen"], vb["total"],
         "province pl1b counts by loai = the district's")
    same(rows_of(prov, "pl1b", "van_ban", "tan-ky"),
         rows_of(district, "pl1b", "van_ban"), "province pl1b rows")
    agg = p.json("aggregate", PERIOD)
    same(agg["estimated_units"], ["tan-ky"], "estimated units")
    same(agg["missing_units"], {"bm6": ["so-tai-chinh", "anh-son"],
                                "pl1b": ["so-tai-chinh", "anh-son"]},
         "the province still waits for")
    # the same file again is a duplicate, as any unit's
    r = p.ok("import", "tan-ky.json")
    check("already imported" in r.err, f"{r.cmd}: {r.err.strip()!r}")


@test
def two_districts_add_up_exactly(t):
    tk, ans = tan_ky(t), anh_son(t)
    _, one = tk.sent(*TO_PROVINCE)
    text, two = ans.sent(*TO_PROVINCE)
    # …99.99 + …99.99 and …99.99 + 0.01, exactly; no row of xa-hoi-son
    for k, v in (("thu_ns_du_toan", "199999999999999.98"),
                 ("thu_ns_thuc_hien", "100000000000000"),
                 ("dtc_giai_ngan", "1000.05")):
        check(f'"{k}": {v},' in text, f"anh-son.json: {k} is not {v}: "
                                      f"{text[:1500]!r}")
    same(two["estimated"], False, "anh-son: estimated")
    same([r["so_ky_hieu"] for r in two["forms"]["pl1b"]["van_ban"]],
         ["11/KH-TCKH", "14/BC-TCKH", "05/KH-UBND"],
         "anh-son pl1b: units in code order, each's rows in order")
    p = province(t)
    received(p, "tan-ky.json")
    received(p, "anh-son.json")
    prov = p.aggregate()
    both = [one["forms"]["bm6"], two["forms"]["bm6"]]
    for field in set(both[0]) | set(both[1]):
        want = sum(b.get(field, 0) for b in both)
        same(prov["bm6"]["fields"][field]["huyen"], want,
             f"province bm6.{field}: the two districts' sum")
    same(len(rows_of(prov, "pl1b", "van_ban")),
         len(one["forms"]["pl1b"]["van_ban"]) + 3, "province pl1b rows")
    # and the province sends the sum up in its turn, as nghe-an
    text, up = p.sent()
    same(up["unit"], "nghe-an", "the province's root")
    check('"thu_ns_du_toan": 200000000245456.03,' in text,
          f"nghe-an.json: thu_ns_du_toan is not 200000000245456.03: "
          f"{text[:800]!r}")


@test
def as_of_counts_what_had_come(t):
    """--as-of: the revision in force by that day, as every export."""
    d = tan_ky(t)
    _, doc = d.sent("--as-of", "2023-03-04", "--forms", "bm3")
    d.ok("export", PERIOD, "-o", "q1.json", "--as-of", "2023-03-04")
    agg = json.loads((t.tmp / "q1.json").read_text(encoding="utf-8"),
                     parse_float=Decimal)["forms"]
    same(doc["forms"]["bm3"], totals(agg, "bm3"),
         "bm3 as of 04/03 (before xa-ky-son's correction)")
    now = totals(d.aggregate(), "bm3")
    check(doc["forms"]["bm3"] != now, "xa-ky-son's correction of 06/03 "
                                      "changes nothing: the test shows "
                                      "nothing")
    expect_err(d.send("--as-of", "2023-01-31"), 1, "no unit has sent")


@test
def own_answer_where_figures_do_not_add_up(t):
    """A unit that answered itself sends its own yes/no."""
    d = tan_ky(t)
    r = d.send("--unit", "tckh", "--forms", "bm6,bm7")
    expect_rc(r, 0)
    doc = json.loads((t.tmp / "tan-ky.json").read_text(encoding="utf-8"))
    same(doc["unit"], "tckh", "--unit")
    own = json.loads((EXAMPLES / "tckh.json").read_text(encoding="utf-8"))
    same(doc["forms"]["bm6"]["cong_khai_ngan_sach"],
         own["forms"]["bm6"]["cong_khai_ngan_sach"],
         "bm6.cong_khai_ngan_sach: tckh's own")
    check("bm6.cong_khai_ngan_sach" not in r.err
          and "bm7.ke_hoach_cds" in r.err,
          f"{r.cmd}: what is left out: {r.err.strip()!r}")
    # by its name too, as every unit argument
    expect_rc(d.send("--unit", "Phòng Tài chính - Kế hoạch"), 0)


# ---- what is refused -------------------------------------------------------

@test
def no_units(t):
    d = Place(t, "tan-ky")
    d.ok("init")
    expect_err(d.send(), 1, "no unit exists on 10/03/2023")
    check(not (t.tmp / "tan-ky.json").exists(), "a file was written")


@test
def several_roots_need_unit(t):
    d = Place(t, "tan-ky")
    d.ok("init")
    d.ok("units", "import", UNITS_CSV)
    d.ok("units", "import", write_text(t, "more.csv", ANH_SON_UNITS))
    d.ok("import", EXAMPLES / "tckh.json")
    expect_err(d.send(), 1, "several roots", "tan-ky", "anh-son", "--unit")
    check(not (t.tmp / "tan-ky.json").exists(), "a file was written")
    _, doc = d.sent("--unit", "tan-ky")
    same(doc["unit"], "tan-ky", "--unit tan-ky")


@test
def roots_of_the_period(t):
    """The root is the period's: a unit that ended before the period's
    last day of data, or began after it, is no second root."""
    d = Place(t, "tan-ky")
    d.ok("init")
    d.ok("units", "import", UNITS_CSV)
    d.ok("units", "import", write_text(t, "over-time.csv", (
        "code,name,kind,roles,parent,valid_from,valid_to\n"
        "huyen-cu,UBND huyện cũ,district,,,,2022-12-31\n"
        "huyen-moi,UBND huyện mới,district,,,2023-03-11,\n")))
    d.ok("import", EXAMPLES / "tckh.json")
    _, doc = d.sent()
    same(doc["unit"], "tan-ky", "the one root on 10/03/2023")
    d.ok("units", "import", write_text(t, "earlier.csv", (
        "code,name,kind,roles,parent,valid_from,valid_to\n"
        "huyen-moi,UBND huyện mới,district,,,2023-03-10,\n")))
    expect_err(d.send(), 1, "several roots", "huyen-moi")


@test
def nothing_received(t):
    d = Place(t, "tan-ky")
    d.ok("init")
    d.ok("units", "import", UNITS_CSV)
    out = t.tmp / "tan-ky.json"
    out.write_text("the file sent last time\n")
    os.chmod(out, 0o640)
    expect_err(d.send(), 1, "no unit has sent any form")
    r = d.send(env=t.env(LANGUAGE="vi"))
    expect_rc(r, 1)
    check("chưa có đơn vị nào gửi" in r.err,
          f"{r.cmd} in Vietnamese: {r.err.strip()!r}")
    same(out.read_text(), "the file sent last time\n",
         "-o of a refused export: left as it was")
    d.ok("import", EXAMPLES / "tckh.json")
    expect_err(d.send("--forms", "bm3"), 1, "bm3")
    # as every export: replaced once one succeeds, its mode kept
    expect_rc(d.send("--forms", "bm6"), 0)
    same(json.loads(out.read_text())["forms"]["bm6"]["kn_thanh_tra"],
         json.loads((EXAMPLES / "tckh.json").read_text())
         ["forms"]["bm6"]["kn_thanh_tra"], "the new file")
    same(stat.S_IMODE(os.stat(out).st_mode), 0o640, "its mode")


@test
def more_rows_than_a_submission_holds(t):
    """Two communes' lists, each as long as a unit's may be, make one
    longer than the level above takes: refused here, not there."""
    d = Place(t, "tan-ky")
    d.ok("init")
    d.ok("units", "import", UNITS_CSV)
    half = 5001
    for unit in ("xa-ky-son", "xa-tien-ky"):
        rows = van_ban(*[(f"{i}/KH-UBND", "2023-01-10", "ke_hoach",
                          "Kế hoạch") for i in range(1, half + 1)])
        d.ok("import", write_json(t, f"{unit}.json", sub(
            unit=unit, forms={"pl1b": {"van_ban": rows}}, report=False)),
            timeout=120 * run.h.TIME_SCALE)
    r = d.send("--forms", "pl1b", timeout=120 * run.h.TIME_SCALE)
    expect_err(r, 1, "pl1b.van_ban", f"{2 * half} rows", "10000")
    check(not (t.tmp / "tan-ky.json").exists(), "a file was written")


@test
def options_that_are_missing_or_do_not_belong(t):
    d = tan_ky(t)
    base = ["export", PERIOD, "--format", "submission", "-o", "s.json"]
    expect_err(d.bc(*base), 2, "--signer", "--signer-title")
    expect_err(d.bc(*base, "--signer", "A"), 2, "--signer-title")
    expect_err(d.bc("export", PERIOD, "-o", "q1.json", "--signer", "A"), 2,
               "--signer goes with --format submission")
    expect_err(d.bc("export", PERIOD, "-o", "q1.csv", "--forms", "bm6"), 2,
               "--forms goes with --format submission")
    expect_err(d.send("--unit", "huyen-khong-co"), 2, "huyen-khong-co")
    expect_err(d.send("--forms", "bm6,bm9"), 2, "bm9", "cchc-1131")
    expect_err(d.send("--forms", "bm6,"), 2, "--forms")
    for name in ("s.json", "tan-ky.json", "q1.json", "q1.csv"):
        check(not (t.tmp / name).exists(), f"{name} written")


if __name__ == "__main__":
    sys.exit(run.main())

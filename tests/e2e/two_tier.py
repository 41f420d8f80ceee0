# SPDX-License-Identifier: MIT
"""End-to-end tests of a district carried into the two-tier structure.

    python3 tests/e2e/two_tier.py PATH/TO/baocao

The rules directory of each test holds a copy of rules/cchc-1131 and the
test ruleset tests/rules/two-tier-2025 (the province collecting from its
departments, communes and wards from 1 July 2025, levels tỉnh and xã).
The units file fixtures/units-two-tier.csv is Tân Kỳ (Nghệ An) over time,
modelled on the two real rounds (its compositions are the test's, not a
record):

- 1 December 2024: Xã Nghĩa Dũng, Nghĩa Hoàn and Nghĩa Hợp become one new
  commune, Xã Nghĩa Hưng; Thị trấn Tân Kỳ takes in Xã Kỳ Tân and goes on
  under its code;
- 30 June 2025: the district, its departments (phòng) and every commune's
  district-era version end; from 1 July 2025 the province's departments
  (sở) report, with seven communes made of the old ones (two under new
  codes, five going on under the code of one predecessor) and a ward from
  a neighbouring town whose history is not in this database.

Every figure checked is a sum of submissions the test imports: each unit
sends what it owes, with figures of its own (`figures`), so that a sum
that takes a unit too many or too few shows.  Standard library only.
"""

import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from harness import check, expect_rc, same  # noqa: E402

h.start("two_tier.py PATH/TO/baocao")
SRC = h.SRC
CCHC = SRC / "rules" / "cchc-1131"
TWO_TIER = SRC / "tests" / "rules" / "two-tier-2025"
UNITS = h.HERE / "fixtures" / "units-two-tier.csv"


class T(h.Case):
    """A test's directory, with its rules directory of both rulesets."""

    NOW = "2026-01-20T09:00:00+07:00"

    def __init__(self, tmp):
        super().__init__(tmp)
        self.rules = self.tmp / "rules"
        self.rules.mkdir()
        shutil.copytree(CCHC, self.rules / "cchc-1131")
        shutil.copytree(TWO_TIER, self.rules / "two-tier-2025")

    def bc(self, *args, rules=None, **kw):
        return super().bc(*args, rules=rules or self.rules, **kw)

    def setup(self):
        self.ok("init")
        self.ok("units", "import", UNITS)

    def write(self, name, obj):
        (self.tmp / name).write_text(
            json.dumps(obj, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
        return name

    def send(self, subs, code=0):
        """Imports the submissions, one file each; the result."""
        names = [self.write(f"{s['unit']}-{s['period']}.json", s)
                 for s in subs]
        r = self.bc("import", *names)
        expect_rc(r, code)
        return r


SUITE = h.Suite("two_tier.py", T, "bc-2t-", workers=4)
test = SUITE.test


# ---- the units over time -----------------------------------------------------

def fixture_rows():
    import csv
    with open(UNITS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = fixture_rows()
# Every code once, in the file's order: a unit's own number for its
# figures (k below), so that no two units send the same.
CODES = list(dict.fromkeys(r["code"] for r in ROWS))


def exists(row, day):
    return (not row["valid_from"] or row["valid_from"] <= day) and \
        (not row["valid_to"] or day <= row["valid_to"])


def version(code, day):
    rows = [r for r in ROWS if r["code"] == code and exists(r, day)]
    return rows[0] if rows else None


# The day each period sees: the last day of its data window (both
# rulesets cut off on the 10th).
DAY = {"2024-Q1": "2024-03-10", "2024-Q3": "2024-09-10",
       "2024-Y": "2024-12-10", "2025-Q1": "2025-03-10",
       "2025-H1": "2025-06-10", "2025-Q3": "2025-09-10",
       "2025-Y": "2025-12-10"}
WINDOW_FROM = {"2024-Q1": "2023-12-10", "2024-Q3": "2024-06-10",
               "2024-Y": "2023-12-10", "2025-Q1": "2024-12-10",
               "2025-H1": "2024-12-10", "2025-Q3": "2025-06-10",
               "2025-Y": "2024-12-10"}
# Received a few days before each unit deadline (cchc-1131: the 28th;
# two-tier-2025: the 25th).
RECEIVED = {"2024-Q1": "2024-02-20", "2024-Q3": "2024-08-20",
            "2024-Y": "2024-11-20", "2025-Q1": "2025-02-20",
            "2025-H1": "2025-05-20", "2025-Q3": "2025-08-20",
            "2025-Y": "2025-11-20"}
REPORTING = {"department", "commune", "town", "so", "xa", "phuong"}
COMMUNES = {"commune", "town", "xa", "phuong"}


def expected_units(period):
    """The codes that owe a report in period: those existing on its day."""
    day = DAY[period]
    return sorted(c for c in CODES
                  if (v := version(c, day)) and v["kind"] in REPORTING)


def ruleset_of(period):
    return "two-tier-2025" if DAY[period] >= "2025-07-01" else "cchc-1131"


# What each role owes besides part A: (forms, outline section), by ruleset.
ROLE_PARTS = {
    "cchc-1131": {"noi_vu": (["bm1", "bm4", "bm5"], "B.4"),
                  "tu_phap": (["bm2"], "B.2"), "vp_ubnd": (["bm3"], "B.1"),
                  "tckh": (["bm6"], "B.3"), "vhtt": (["bm7"], "B.5")},
    "two-tier-2025": {"noi_vu": (["bm1", "bm4", "bm5"], "B.1"),
                      "tu_phap": (["bm2"], "B.2"),
                      "vp_ubnd": (["bm3"], "B.3"),
                      "tai_chinh": (["bm6"], "B.4"),
                      "khcn": (["bm7"], "B.5")},
}
PART_A = ["A.I", "A.II", "A.III", "A.IV", "A.V"]
ALL_FORMS = ["bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7"]


def figures(form, k, commune, ruleset):
    """Unit k's figures of form: every check of both rulesets holds; the
    fields asked of one level only are given at that level."""
    a, b, c = 40 + 3 * k, 30 + 2 * k, k          # dossiers received
    dang = (2 + k % 4) + k % 2
    da = a + b + c - dang
    qua = k % 3
    f = {
        "bm1": {"vb_chi_dao": k + 1, "nv_ke_hoach": 12 + k,
                "nv_hoan_thanh": 6 + k // 2, "hop_giao_ban": 1 + k % 3,
                "kinh_phi_cchc": 10 + k + 0.25},
        "bm2": {"vb_ra_soat": 3 + k, "vb_can_xu_ly": k % 3,
                "pbgdpl_cuoc": 2 + k % 4, "pbgdpl_luot": 100 + 10 * k,
                "hoa_giai_tiep_nhan": 2 + k % 5,
                "hoa_giai_thanh": 1 + k % 5},
        "bm3": {"hs_ky_truoc": c, "hs_truc_tuyen": a, "hs_truc_tiep": b,
                "hs_tiep_nhan": a + b + c, "hs_truoc_han": da - da // 3 - qua,
                "hs_dung_han": da // 3, "hs_qua_han": qua,
                "hs_da_giai_quyet": da, "hs_dang_trong_han": 2 + k % 4,
                "hs_dang_qua_han": k % 2, "hs_dang_giai_quyet": dang},
        "bm4": {"bien_che_giao": 20 + k, "bien_che_co_mat": 18 + k,
                "dau_moi_giam": k % 2},
        "bm5": {"dao_tao_luot": 5 + k, "tuyen_dung_cc": k % 2},
        "bm6": {"thu_ns_du_toan": 1000.5 + 10 * k,
                "thu_ns_thuc_hien": 300.25 + k, "cong_khai_ngan_sach": True},
        "bm7": {"ke_hoach_cds": True, "vb_di_tong": 300 + 5 * k,
                "vb_di_dien_tu": 280 + 5 * k, "vb_di_ky_so": 250 + 5 * k},
    }[form]
    if commune:
        f.update({"bm4": {"thon_khoi": 8 + k % 9, "cbcc_xa_quy_dinh": 21,
                          "cbcc_xa_co_mat": 20},
                  "bm5": {"cc_xa_tong": 20, "cc_xa_dat_chuan": 19},
                  "bm7": {"to_cong_nghe_so": 3 + k % 4}}.get(form, {}))
    else:
        f.update({"bm2": {"xa_dat_chuan_tcpl": 15},
                  "bm4": {"co_quan_chuyen_mon": 12, "dvsn_cong_lap": 30},
                  "bm5": {"vtvl_don_vi": 12, "vtvl_da_duyet": 11},
                  "bm6": {"tu_chu_nhom1": 1, "tu_chu_nhom2": 2,
                          "tu_chu_nhom3": 3, "tu_chu_nhom4": 4}}
                 .get(form, {}))
    if form == "bm3" and ruleset == "two-tier-2025":
        f["hs_phi_dia_gioi"] = 5 + k % 7
    return f


def submission(code, period, **override):
    """Everything unit code owes for period, under the version of that
    period's day; override replaces whole forms ({"bm3": {...}})."""
    v = version(code, DAY[period])
    check(v is not None, f"the test asks {code} for {period}: not a unit then")
    rs, k = ruleset_of(period), CODES.index(code) + 1
    commune = v["kind"] in COMMUNES
    roles = [r for r in v["roles"].split(";") if r]
    forms = list(ALL_FORMS) if commune else []
    sections = list(PART_A)
    for role in roles:
        more, sec = ROLE_PARTS[rs][role]
        forms += more
        sections.append(sec)
    day = WINDOW_FROM[period]
    out = {"pl1b": {"van_ban": [{
        "so_ky_hieu": f"{k}/KH-UBND", "ngay": day[:8] + "20",
        "loai": "ke_hoach", "trich_yeu": "Kế hoạch cải cách hành chính"}]}}
    if not commune:
        out["pl1a"] = {"nhiem_vu": [{
            "noi_dung": "Rà soát thủ tục hành chính của ngành",
            "linh_vuc": "tthc", "thoi_han": DAY[period],
            "trang_thai": "dang_th"}]}
    for form in forms:
        out[form] = figures(form, k, commune, rs)
    out.update(override)
    return {"unit": code, "period": period,
            "signed_by": {"name": "Nguyễn Thị Hoa",
                          "title": "Chủ tịch UBND" if commune
                          else "Thủ trưởng cơ quan"},
            "received_at": RECEIVED[period] + "T09:00:00+07:00",
            "channel": "ioffice", "forms": out,
            "report": {s: f"Nội dung mục {s} của {v['name']}."
                       for s in sections}}


def everyone(period):
    return [submission(c, period) for c in expected_units(period)]


def total(subs, form, field, codes=None):
    """The sum of a field over the submissions (of codes, if given)."""
    vals = [s["forms"][form][field] for s in subs
            if form in s["forms"] and field in s["forms"][form]
            and (codes is None or s["unit"] in codes)]
    return round(sum(vals), 2)


def kind_on(code, period):
    return version(code, DAY[period])["kind"]


# ---- the rulesets ------------------------------------------------------------

@test
def rulesets_side_by_side(t):
    r = t.bc("rules", "check", t.rules, db=False)
    expect_rc(r, 0)
    check("2 rulesets loaded, 0 errors" in r.err, f"rules check: {r.err!r}")
    t.ok("init")
    for period, rs, due in (("2025-Q1", "cchc-1131", "2025-02-28"),
                            ("2025-H1", "cchc-1131", "2025-05-28"),
                            ("2025-Q3", "two-tier-2025", "2025-08-25"),
                            ("2025-Y", "two-tier-2025", "2025-11-25")):
        p = t.json("period", "show", period)
        same((p["ruleset"], p["unit_due"]), (rs, due), f"{period}: ruleset, due")
    show = t.json("rules", "show", "two-tier-2025")
    levels = {lv["id"] for lv in show["levels"]}
    same(levels, {"tinh", "xa"}, "two-tier-2025's levels")
    kinds = {k["id"]: k.get("level") for k in show["unit_kinds"]}
    same(kinds, {"province": None, "so": "tinh", "xa": "xa", "phuong": "xa"},
         "two-tier-2025's unit kinds and their levels")


# ---- units and periods -------------------------------------------------------

@test
def units_of_each_day(t):
    t.setup()
    for day, want in (("2024-03-10", 22), ("2024-12-10", 19),
                      ("2025-06-30", 19), ("2025-07-01", 8)):
        units = t.json("units", "list", "--as-of", day)["units"]
        communes = [u["code"] for u in units if u["kind"] in COMMUNES]
        same(len(communes), want, f"communes and wards on {day}")
        same(sorted(u["code"] for u in units),
             sorted(c for c in CODES if version(c, day)), f"units on {day}")
    # a commune going on under its code: its kind and parent of each day
    for day, kind, parent in (("2025-06-30", "commune", "tan-ky"),
                              ("2025-07-01", "xa", "nghe-an")):
        u = next(u for u in t.json("units", "list", "--as-of", day)["units"]
                 if u["code"] == "xa-tan-phu")
        same((u["kind"], u["parent"]), (kind, parent), f"xa-tan-phu on {day}")


@test
def each_period_expects_the_units_of_its_day(t):
    t.setup()
    for period, n in (("2024-Q1", 28), ("2025-Q1", 25), ("2025-Y", 14)):
        st = t.json("status", period, "--as-of", DAY[period])
        got = sorted(u["unit"] for u in st["units"])
        same(got, expected_units(period), f"{period}: units expected")
        same(st["summary"]["expected"], n, f"{period}: count expected")
        for u in st["units"]:
            same(u["kind"], kind_on(u["unit"], period),
                 f"{period}: {u['unit']}'s kind")
    q1 = t.json("status", "2025-Q1", "--as-of", DAY["2025-Q1"])
    codes = {u["unit"] for u in q1["units"]}
    check("xa-nghia-hung" in codes and "xa-nghia-hop" not in codes
          and "xa-tan-ky" not in codes and "so-noi-vu" not in codes,
          f"2025-Q1 expects the units of 10/03/2025: {sorted(codes)}")


@test
def templates_only_for_units_that_exist(t):
    t.setup()
    for period in ("2025-Q1", "2025-Y"):
        out = t.tmp / period
        t.ok("template", "--all", "--period", period, "--dir", out)
        same(sorted(p.stem for p in out.glob("*.xlsx")),
             expected_units(period), f"template --all {period}")
    r = t.bc("template", "--unit", "xa-nghia-hop", "--period", "2025-Y",
             "-o", "x.xlsx")
    check(r.rc in (1, 2) and "xa-nghia-hop" in r.err,
          f"a template for a unit gone by 2025-Y: {r.brief()}")
    check(not (t.tmp / "x.xlsx").exists(), "a template was written")


@test
def import_outside_validity_refused(t):
    t.setup()
    cases = [
        # ended 30/11/2024, when Thị trấn Tân Kỳ took it in
        (submission("xa-ky-tan", "2024-Q1"), "2025-Q1", "30/11/2024"),
        # begins 01/07/2025, when the two-tier structure did
        (submission("xa-tan-ky", "2025-Y"), "2025-Q1", "01/07/2025"),
        (submission("so-noi-vu", "2025-Y"), "2024-Y", "01/07/2025"),
        # the district's department ended 30/06/2025
        (submission("noi-vu", "2025-Q1"), "2025-Y", "30/06/2025"),
    ]
    for s, period, date in cases:
        s["period"] = period
        name = t.write(f"{s['unit']}-{period}.json", s)
        r = t.bc("import", name)
        expect_rc(r, 1)
        check(s["unit"] in r.err and date in r.err,
              f"import of {s['unit']} for {period}: the message should say "
              f"when the unit existed ({date}): {r.err.strip()!r}")
    for period in ("2024-Y", "2025-Q1", "2025-Y"):
        st = t.json("status", period, "--as-of", "2025-12-31")
        same(st["summary"]["missing"], st["summary"]["expected"],
             f"{period}: nothing stored by the refused imports")


@test
def exports_list_the_units_of_their_day(t):
    """The export's units that owe bm3 and sent none are those of the
    period's day: one commune sends, the rest of that day are missing."""
    t.setup()
    for period, sender in (("2025-Q1", "xa-tan-phu"), ("2025-Y", "xa-tan-phu")):
        t.send([submission(sender, period)])
        out = t.tmp / f"{period}.json"
        t.ok("export", period, "--format", "json", "-o", out,
             "--as-of", "2025-12-31")
        missing = json.loads(out.read_text(encoding="utf-8"))["missing_units"]
        owe = [c for c in expected_units(period)
               if kind_on(c, period) in COMMUNES
               or "vp_ubnd" in version(c, DAY[period])["roles"]]
        same(sorted(missing.get("bm3", [])), sorted(set(owe) - {sender}),
             f"export {period}: the units that owe bm3 and sent none")


# ---- a continuing unit ------------------------------------------------------

@test
def continuing_unit_keeps_its_history(t):
    t.setup()
    old, new = submission("xa-tan-phu", "2024-Y"), \
        submission("xa-tan-phu", "2025-Y")
    t.send([old])
    t.send([new])
    for period, s, kind in (("2024-Y", old, "commune"),
                            ("2025-Y", new, "xa")):
        hist = t.json("history", "xa-tan-phu", period, "bm3")
        revs = hist["revisions"]
        same(len(revs), 1, f"xa-tan-phu's revisions of bm3 in {period}")
        st = t.json("status", period, "--as-of", DAY[period])
        u = next(u for u in st["units"] if u["unit"] == "xa-tan-phu")
        same((u["kind"], u["state"]), (kind, "on_time"),
             f"xa-tan-phu in {period}")
        agg = t.json("aggregate", period)
        same(agg["forms"]["bm3"]["fields"]["hs_tiep_nhan"]["xa"],
             s["forms"]["bm3"]["hs_tiep_nhan"],
             f"{period}: the commune level is xa-tan-phu's own figure")
    # the past period did not move: same ruleset, same units
    same(t.json("period", "show", "2024-Y")["ruleset"], "cchc-1131",
         "2024-Y's ruleset after 2025-Y was recorded")
    same(t.json("status", "2024-Y", "--as-of", DAY["2024-Y"])
         ["summary"]["expected"], len(expected_units("2024-Y")),
         "2024-Y's units after 2025-Y was recorded")


# ---- figures across the change ----------------------------------------------

def previous_of(agg, form, field):
    return agg["forms"][form]["fields"][field]["previous"]


@test
def aggregate_and_compare_across_the_change(t):
    t.setup()
    last, this = everyone("2024-Y"), everyone("2025-Y")
    t.send(last)
    t.send(this)
    agg = t.json("aggregate", "2025-Y", "--compare")
    same(agg["ruleset"], "two-tier-2025", "2025-Y's ruleset")
    prov = {c for c in CODES if kind_on_or_none(c, "2025-Y") == "so"}
    old_dept = {c for c in CODES if kind_on_or_none(c, "2024-Y") == "department"}
    for form, field in (("bm3", "hs_tiep_nhan"), ("bm1", "kinh_phi_cchc"),
                        ("bm7", "vb_di_tong")):
        f = agg["forms"][form]["fields"][field]
        want = {"tinh": total(this, form, field, prov),
                "xa": total(this, form, field,
                            set(expected_units("2025-Y")) - prov),
                "total": total(this, form, field)}
        same({k: f[k] for k in want}, want, f"2025-Y {form}.{field}")
        # last year's district level is this year's province level
        # (was = { "huyen" }); communes compare with communes
        prev = {"tinh": total(last, form, field, old_dept),
                "xa": total(last, form, field,
                            set(expected_units("2024-Y")) - old_dept),
                "total": total(last, form, field)}
        same(f["previous"], prev, f"2025-Y {form}.{field}: last year's")


def kind_on_or_none(code, period):
    v = version(code, DAY[period])
    return v["kind"] if v else None


@test
def merged_communes_compare_with_their_predecessors(t):
    """aggregate --compare sets each commune that continues others beside
    the sum of their figures last year, and names them."""
    t.setup()
    last, this = everyone("2024-Y"), everyone("2025-Y")
    t.send(last)
    t.send(this)
    agg = t.json("aggregate", "2025-Y", "--compare")
    lineage = agg.get("lineage")
    check(isinstance(lineage, dict), f"aggregate --compare: no lineage: "
                                     f"{sorted(agg)}")
    # every commune of 2025 continues others; the ward, from outside this
    # database, and the province's departments continue none
    merged = {c for c in expected_units("2025-Y")
              if version(c, DAY["2025-Y"])["predecessors"]}
    same(sorted(lineage), sorted(merged), "the units that continue others")
    for code in merged:
        v = version(code, DAY["2025-Y"])
        were = set(v["predecessors"].split(";"))
        if version(code, DAY["2024-Y"]):
            were.add(code)          # a commune going on under its code
        entry = lineage[code]
        same(entry["from"], sorted(were), f"{code}: the units it continues")
        same(entry["split"], False, f"{code}: split")
        for form, field in (("bm3", "hs_tiep_nhan"), ("bm1", "kinh_phi_cchc"),
                            ("bm4", "thon_khoi")):
            f = entry["forms"][form][field]
            same((f["value"], f["previous"]),
                 (total(this, form, field, {code}),
                  total(last, form, field, were)),
                 f"{code} {form}.{field}: its figure and its units' of 2024-Y")
    # a field new in two-tier-2025 has nothing to compare with
    same(lineage["xa-tan-ky"]["forms"]["bm3"]["hs_phi_dia_gioi"]["previous"],
         None, "hs_phi_dia_gioi, new in two-tier-2025, last year")
    text = t.ok("aggregate", "2025-Y", "--compare").out
    line = next((l for l in text.splitlines() if "(xa-tan-ky):" in l), "")
    check(all(n in line for n in ("Thị trấn Tân Kỳ", "Xã Kỳ Sơn",
                                  "Xã Nghĩa Hưng")),
          f"the text names the units Xã Tân Kỳ is compared with: {line!r}")


def bm3(ky_truoc, truc_tuyen, truc_tiep, dang):
    """A bm3 whose totals add up, from what it carries over, receives and
    still has in hand."""
    tiep = ky_truoc + truc_tuyen + truc_tiep
    return {"hs_ky_truoc": ky_truoc, "hs_truc_tuyen": truc_tuyen,
            "hs_truc_tiep": truc_tiep, "hs_tiep_nhan": tiep,
            "hs_truoc_han": tiep - dang, "hs_dung_han": 0, "hs_qua_han": 0,
            "hs_da_giai_quyet": tiep - dang, "hs_dang_trong_han": dang,
            "hs_dang_qua_han": 0, "hs_dang_giai_quyet": dang}


def only_bm3(code, period, form):
    s = submission(code, period)
    s["forms"] = {"bm3": form}
    del s["report"]
    return s


def warnings_of(r, code, field=None):
    """The warnings import printed for code's file (of form.field)."""
    return [l for l in r.err.splitlines()
            if l.startswith(f"{code}-") and ": warning:" in l
            and (field is None or f" {field}: warning:" in l)]


def vn(n):
    """A whole number as messages write it: thousands apart by spaces."""
    return f"{n:,}".replace(",", " ")


def names(codes, day):
    return [version(c, day)["name"] for c in codes]


@test
def warnings_follow_merges(t):
    """The carry-over and the warning against last year of a merged
    commune read its predecessors' reports, summed, and say whose."""
    t.setup()
    last = everyone("2024-Y")
    t.send(last)
    dong = ["xa-nghia-binh", "xa-nghia-dong", "xa-nghia-thai"]
    tien = ["xa-dong-van", "xa-huong-son", "xa-tien-ky"]
    carried = total(last, "bm3", "hs_dang_giai_quyet", set(dong))
    online = total(last, "bm3", "hs_truc_tuyen", set(dong))
    # Nghĩa Đồng carries over exactly what its three communes had in
    # hand, and receives four times as much online as they did together
    r = t.send([only_bm3("xa-nghia-dong", "2025-Y",
                         bm3(carried, 4 * online, 50, 5))])
    said = warnings_of(r, "xa-nghia-dong", "bm3.hs_truc_tuyen")
    same(len(said), 1, f"xa-nghia-dong's warning on hs_truc_tuyen: "
                       f"{warnings_of(r, 'xa-nghia-dong')}")
    check("more than three times" in said[0]
          and f"{vn(4 * online)} is" in said[0]
          and f" {vn(online)}, the sum" in said[0]
          and all(n in said[0] for n in names(dong, DAY["2024-Y"]))
          and "2024-Y" in said[0],
          f"the warning names the summed communes and their sum: {said[0]!r}")
    same([l for l in warnings_of(r, "xa-nghia-dong") if "add up to" in l],
         [], "xa-nghia-dong's carry-over: what its communes had in hand")
    # Tiên Đồng carries over one dossier fewer than its three had
    had = total(last, "bm3", "hs_dang_giai_quyet", set(tien))
    now = total(last, "bm3", "hs_truc_tuyen", set(tien))
    r = t.send([only_bm3("xa-tien-dong", "2025-Y",
                         bm3(had - 1, now, 60, 4))])
    said = [l for l in warnings_of(r, "xa-tien-dong") if "add up to" in l]
    same(len(said), 1, f"xa-tien-dong's carry-over warning: "
                       f"{warnings_of(r, 'xa-tien-dong')}")
    check(f"= {vn(had - 1)}," in said[0] and f"add up to {vn(had)}" in said[0]
          and all(n in said[0] for n in names(tien, DAY["2024-Y"])),
          f"the carry-over names the communes it added up: {said[0]!r}")
    # the ward has no history here: nothing to compare, nothing said
    r = t.send([only_bm3("phuong-thai-hoa", "2025-Y", bm3(500, 900, 300, 7))])
    same(warnings_of(r, "phuong-thai-hoa"), [], "phuong-thai-hoa's warnings")


@test
def warning_follows_two_rounds_of_merges(t):
    """2025-Q3's Xã Tân Kỳ against 2024-Q3, before either round: the six
    units it continues, through Thị trấn Tân Kỳ and Xã Nghĩa Hưng."""
    t.setup()
    last = everyone("2024-Q3")
    t.send(last)
    were = ["tt-tan-ky", "xa-ky-tan", "xa-ky-son", "xa-nghia-dung",
            "xa-nghia-hoan", "xa-nghia-hop"]
    online = total(last, "bm3", "hs_truc_tuyen", set(were))
    r = t.send([only_bm3("xa-tan-ky", "2025-Q3",
                         bm3(0, online // 4, 100, 6))])
    said = warnings_of(r, "xa-tan-ky", "bm3.hs_truc_tuyen")
    same(len(said), 1, f"xa-tan-ky's warning on hs_truc_tuyen: "
                       f"{warnings_of(r, 'xa-tan-ky')}")
    check("less than a third" in said[0]
          and f" {vn(online)}, the sum" in said[0]
          and all(n in said[0] for n in names(were, DAY["2024-Q3"]))
          and "2024-Q3" in said[0],
          f"the warning sums the six units of 2024-Q3: {said[0]!r}")


@test
def past_periods_keep_their_ruleset_and_units(t):
    t.setup()
    q1 = everyone("2025-Q1")
    t.send(q1)
    before = t.json("aggregate", "2025-Q1")
    t.send(everyone("2025-Y"))
    after = t.json("aggregate", "2025-Q1")
    same(after, before, "2025-Q1's figures after 2025-Y was imported")
    same(after["ruleset"], "cchc-1131", "2025-Q1's ruleset")
    f = after["forms"]["bm3"]["fields"]["hs_tiep_nhan"]
    depts = {c for c in expected_units("2025-Q1")
             if kind_on(c, "2025-Q1") == "department"}
    same({k: f[k] for k in ("huyen", "xa", "total")},
         {"huyen": total(q1, "bm3", "hs_tiep_nhan", depts),
          "xa": total(q1, "bm3", "hs_tiep_nhan",
                      set(expected_units("2025-Q1")) - depts),
          "total": total(q1, "bm3", "hs_tiep_nhan")},
         "2025-Q1 bm3.hs_tiep_nhan by the levels of cchc-1131")


def main():
    return SUITE.main()


if __name__ == "__main__":
    sys.exit(main())

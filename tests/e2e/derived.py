# SPDX-License-Identifier: MIT
"""Derived periods end to end (issue 15, item 5).

    python3 tests/e2e/derived.py PATH/TO/baocao

The test ruleset tests/rules/derived-periods keeps cchc-1131's
cumulative windows (Q1, H1 and Y from 10 December of the year before, Q3
from 10 June) and computes three periods from them that no unit reports:
2023-Q2 = H1 - Q1, 2023-M9 = H1 + Q3, 2023-Q4 = Y - M9.  A small district
sends its Q1 and H1 reports; the tests check the real figures of the
second quarter alone (sums subtracted, stocks taken from H1, indicators
recomputed, a unit without its Q1 missing and said so) in aggregate,
status and every export, and that nothing can be sent for a derived
period.  Standard library only.
"""

import csv
import io
import json
import sqlite3
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as h  # noqa: E402
from harness import check, expect_err, expect_rc, same  # noqa: E402

h.start("derived.py PATH/TO/baocao")
RULESET = h.SRC / "tests" / "rules" / "derived-periods"
UNITS = h.SRC / "tests" / "data" / "derived-units.csv"


def form(tong, truc_tuyen, tiep_nhan, dung_han, giai_quyet, kinh_phi=None,
         cong_khai=None, van_ban=None):
    """Form mc: procedures (stocks), dossiers (flows), money, a yes/no."""
    f = {"tthc_tong": tong, "tthc_truc_tuyen": truc_tuyen,
         "hs_tiep_nhan": tiep_nhan, "hs_dung_han": dung_han,
         "hs_da_giai_quyet": giai_quyet}
    for k, v in (("kinh_phi", kinh_phi), ("cong_khai", cong_khai),
                 ("van_ban", van_ban)):
        if v is not None:
            f[k] = v
    return f


def submission(unit, period, received, mc):
    return {"unit": unit, "period": period,
            "signed_by": {"name": "Nguyễn Văn An", "title": "Chủ tịch",
                          "date": received[:10]},
            "received_at": received, "channel": "email",
            "forms": {"mc": mc}, "report": {"A": "Kết quả trong kỳ."}}


DOCS = [{"so_ky_hieu": "1/KH-UBND", "loai": "ke_hoach"}]
# Q1 and H1 are cumulative: H1 holds Q1.  xa-c sent no Q1.
Q1 = [
    submission("xa-a", "2023-Q1", "2023-02-25T09:00:00+07:00",
               form(100, 40, 120, 90, 100, 10.5, True, DOCS)),
    submission("xa-b", "2023-Q1", "2023-02-26T09:00:00+07:00",
               form(80, 20, 60, 50, 55, 3.25, False)),
    submission("vp", "2023-Q1", "2023-02-27T09:00:00+07:00",
               form(30, 30, 10, 9, 10)),
]
H1 = [
    submission("xa-a", "2023-H1", "2023-05-25T09:00:00+07:00",
               form(110, 55, 300, 250, 270, 25.75, True,
                    DOCS + [{"so_ky_hieu": "2/UBND", "loai": "cong_van"}])),
    submission("xa-b", "2023-H1", "2023-05-26T09:00:00+07:00",
               form(85, 30, 150, 120, 140, 3.25, True)),
    submission("xa-c", "2023-H1", "2023-05-26T10:00:00+07:00",
               form(50, 10, 40, 30, 35, 1, True)),
    submission("vp", "2023-H1", "2023-05-30T09:00:00+07:00",
               form(30, 30, 25, 20, 24)),
]


class T(h.Case):
    NOW = "2023-06-15T09:00:00+07:00"

    def rules(self):
        d = self.tmp / "rules"
        if not d.exists():
            d.mkdir()
            (d / "derived-periods").symlink_to(RULESET,
                                               target_is_directory=True)
        return d

    def do(self, *args, **kw):
        return self.bc(*args, rules=self.rules(), **kw)

    def done(self, *args, **kw):
        r = self.do(*args, **kw)
        expect_rc(r, 0)
        return r

    def js(self, *args):
        return h.parse_json(self.done(*args, "--json"))

    def send(self, subs, name):
        paths = []
        for i, s in enumerate(subs):
            p = self.tmp / f"{name}-{i}.json"
            p.write_text(json.dumps(s, ensure_ascii=False), encoding="utf-8")
            paths.append(p)
        return self.do("import", *paths)

    def district(self, *batches):
        self.done("init")
        self.done("units", "import", UNITS)
        for i, b in enumerate(batches or (Q1, H1)):
            expect_rc(self.send(b, f"batch{i}"), 0)


SUITE = h.Suite("derived.py", T)
test = SUITE.test


def levels(o):
    return {k: o[k] for k in ("huyen", "xa", "total")}


@test
def second_quarter_alone(t):
    t.district()
    a = t.js("aggregate", "2023-Q2")
    f = a["forms"]["mc"]
    # Flows: H1 - Q1, per unit, then summed (xa-c, without Q1, is out).
    same(levels(f["fields"]["hs_tiep_nhan"]),
         {"huyen": 15, "xa": 270, "total": 285}, "hs_tiep_nhan")
    same(levels(f["fields"]["hs_da_giai_quyet"]),
         {"huyen": 14, "xa": 255, "total": 269}, "hs_da_giai_quyet")
    # Money, exactly: (25.75 - 10.5) + (3.25 - 3.25).
    same(f["fields"]["kinh_phi"]["xa"], 15.25, "kinh_phi")
    # Stocks at the window's end are H1's, never H1 - Q1 (which is 15).
    same(levels(f["fields"]["tthc_tong"]),
         {"huyen": 30, "xa": 195, "total": 225}, "tthc_tong (snap)")
    # A yes at H1 (xa-b said no in Q1): H1's.
    same(f["fields"]["cong_khai"]["xa"], 2, "cong_khai (count_true)")
    # Indicators from the derived figures: 230 / 255 at commune level,
    # not H1's 90.2 minus Q1's 90.3.
    same(levels(f["indicators"]["ty_le_dung_han"]),
         {"huyen": 78.6, "xa": 90.2, "total": 89.6}, "ty_le_dung_han")
    same(levels(f["indicators"]["ty_le_truc_tuyen"]),
         {"huyen": 100, "xa": 43.6, "total": 51.1}, "ty_le_truc_tuyen")
    same(f["units"], {"huyen": 1, "xa": 2}, "units with every part")
    # A table has no arithmetic across periods.
    same(f["fields"]["van_ban"]["total"], None, "van_ban")
    same(a["missing_units"], {"mc": ["xa-c"]}, "missing_units")
    d = a["derived"]
    same(d["expression"], "H1 - Q1", "expression")
    same(d["parts"], [{"period": "2023-H1", "sign": 1, "recorded": True},
                      {"period": "2023-Q1", "sign": -1, "recorded": True}],
         "parts")
    same(d["latest"], "2023-H1", "latest part")
    same(d["lacking"], {"mc": {"xa-c": ["2023-Q1"]}}, "lacking")
    same(d["not_derived"], {"mc": ["ghi_chu", "van_ban"]}, "not_derived")
    same(d["negative"], [], "negative")
    r = t.done("aggregate", "2023-Q2")
    for needle in ("computed as 2023-H1 − 2023-Q1", "xa-c: Biểu số 01 (2023-Q1)",
                   "90.2"):
        check(needle in r.out, f"aggregate text lacks {needle!r}: {r.out}")


@test
def nothing_is_stored(t):
    t.district()
    before = t.js("status", "2023-H1")
    r = t.send([submission("xa-a", "2023-Q2", "2023-06-01T09:00:00+07:00",
                           form(110, 55, 180, 160, 170))], "q2")
    expect_err(r, 1, "2023-Q2 is computed from other periods "
               "(2023-H1 − 2023-Q1) and nothing is sent for it")
    same(t.js("status", "2023-H1"), before, "status of H1 after the refusal")
    cal = t.js("period", "calendar", "2023")["periods"]
    check(all(p["period"] != "2023-Q2" or p["derived"]["expression"] == "H1 - Q1"
              for p in cal), f"calendar: {cal}")
    expect_err(t.do("template", "--unit", "xa-a", "--period", "2023-Q2",
                    "-o", t.tmp / "q2.xlsx"), 1, "nothing is sent for it")
    expect_err(t.do("period", "advance", "2023-Q2", "--due", "2023-05-20",
                    "--doc", "CV 1"), 1, "has no deadline of its own")
    # The database holds no period 2023-Q2, and no revision of it.
    db = sqlite3.connect(t.db)
    same(sorted(c for c, in db.execute("SELECT code FROM period")),
         ["2023-H1", "2023-Q1"], "periods recorded")
    db.close()
    same(t.js("history", "xa-a", "2023-Q2", "mc")["revisions"], [],
         "history of 2023-Q2")
    p = t.js("period", "show", "2023-Q2")
    same((p["window"], p["unit_due"], p["compile_due"]),
         ({"from": "2023-03-10", "to": "2023-06-10"}, "2023-05-28",
          "2023-06-04"), "2023-Q2's window and deadlines")


@test
def status_says_which_parts(t):
    t.district()
    s = t.js("status", "2023-Q2", "--as-of", "2023-06-15")
    same(s["derived"]["expression"], "H1 - Q1", "status derived")
    by = {u["unit"]: u for u in s["units"]}
    same({u: by[u]["state"] for u in by},
         {"vp": "late", "xa-a": "on_time", "xa-b": "on_time",
          "xa-c": "missing"}, "states")
    same(by["xa-c"]["lacking"], {"mc": ["2023-Q1"]}, "xa-c lacking")
    same(by["xa-a"]["lacking"], {}, "xa-a lacking")
    # The report is no part of a derived period.
    same(by["xa-a"]["required"], ["mc"], "required")
    # Before H1 arrived every unit lacks it.
    s = t.js("status", "2023-Q2", "--as-of", "2023-05-01")
    same({u["unit"]: u["lacking"] for u in s["units"]},
         {"vp": {"mc": ["2023-H1"]}, "xa-a": {"mc": ["2023-H1"]},
          "xa-b": {"mc": ["2023-H1"]},
          "xa-c": {"mc": ["2023-H1", "2023-Q1"]}}, "lacking on 01/05")
    r = t.done("status", "2023-Q2", "--as-of", "2023-06-15")
    check("computed as 2023-H1 − 2023-Q1" in r.out
          and "Biểu số 01 (not in 2023-Q1)" in r.out, f"status text: {r.out}")
    r = t.do("status", "2023-Q2", "--as-of", "2023-06-15",
             env=t.env(LANGUAGE="vi"))
    expect_rc(r, 0)
    check("2023-H1 − 2023-Q1" in r.out and "2023-Q1" in r.out,
          f"status in Vietnamese: {r.out}")


def exported(t, fmt):
    out = t.tmp / f"q2.{fmt}"
    t.done("export", "2023-Q2", "-o", out, "--as-of", "2023-06-15",
           "--fixed-time", "2023-06-15T10:00:00+07:00")
    return out


@test
def exports_every_format(t):
    t.district()
    rows = list(csv.reader(io.StringIO(
        exported(t, "csv").read_text(encoding="utf-8-sig"))))
    want = [["xa-a", "2023-Q2", "mc", "hs_tiep_nhan", "180"],
            ["xa-a", "2023-Q2", "mc", "tthc_tong", "110"],
            ["xa-a", "2023-Q2", "mc", "kinh_phi", "15.25"],
            ["xa-b", "2023-Q2", "mc", "cong_khai", "true"],
            ["_xa", "2023-Q2", "mc", "hs_tiep_nhan", "270"],
            ["_xa", "2023-Q2", "mc", "ty_le_dung_han", "90.2"]]
    for w in want:
        check(w in rows, f"csv export lacks {w}")
    check(not any(r[0] == "xa-c" for r in rows), "csv export has xa-c")
    j = json.loads(exported(t, "json").read_text(encoding="utf-8"))
    same(j["values"]["mc"]["xa-a"]["hs_da_giai_quyet"], 170, "json values")
    same(j["derived"]["lacking"], {"mc": {"xa-c": ["2023-Q1"]}},
         "json derived")
    for fmt in ("md", "html"):
        text = exported(t, fmt).read_text(encoding="utf-8")
        for needle in ("Riêng quý II năm 2023", "270", "90,2"):
            check(needle in text, f"{fmt} export lacks {needle!r}")
    with zipfile.ZipFile(exported(t, "xlsx")) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                      if n.endswith(".xml"))
    for needle in ("<v>270</v>", "<v>15.25</v>", "Riêng quý II năm 2023"):
        check(needle in xml, f"xlsx export lacks {needle!r}")


LUA_VALUES = """
local function list(f)
  local v = {}
  f(function(code, x) v[#v + 1] = code .. "=" .. tostring(x.hs_tiep_nhan) end)
  table.sort(v)
  return table.concat(v, ",")
end
exporter { name = "%s", extension = "txt",%s
  run = function(m)
    write(list(function(add)
      for x in each_value("mc") do add(x.unit, x.values) end end), "\\n")
    if m.aggregate.values then
      write(list(function(add)
        for code, x in pairs(m.aggregate.values.mc) do add(code, x) end
      end), "\\n")
    end
  end }
"""


@test
def lua_passes_over_derived_values(t):
    """each_value() gives a derived period's values (Q2 = H1 - Q1), with
    the lean model (stream = true) and with the whole one, where they
    are the model's own."""
    t.district()
    d = t.tmp / "plugs"
    d.mkdir()
    for name, extra in (("whole", ""), ("lean", " stream = true,")):
        (d / f"{name}.lua").write_text(LUA_VALUES % (name, extra),
                                       encoding="utf-8")
    got = {}
    for name in ("whole", "lean"):
        out = t.tmp / f"{name}.txt"
        t.done("export", "2023-Q2", "--format", name, "--plugins", d,
               "-o", out, "--as-of", "2023-06-15")
        got[name] = out.read_text(encoding="utf-8").splitlines()
    want = "vp=15,xa-a=180,xa-b=90"
    same(got["whole"], [want, want], "each_value and the whole model")
    same(got["lean"], [want], "each_value with the lean model")


@test
def parts_that_disagree(t):
    # xa-b's H1 gives less money than its Q1: kept, and said.
    h1 = [dict(s) for s in H1]
    h1[1] = submission("xa-b", "2023-H1", "2023-05-26T09:00:00+07:00",
                       form(85, 30, 150, 120, 140, 3, True))
    t.district(Q1, h1)
    r = t.do("aggregate", "2023-Q2", "--json")
    expect_rc(r, 0)
    check("below zero in 2023-Q2 (2023-H1 3, 2023-Q1 3.25)" in r.err,
          f"no warning of the negative sum: {r.err!r}")
    a = json.loads(r.out)
    same(a["forms"]["mc"]["fields"]["kinh_phi"]["xa"], 15, "kinh_phi")
    same(a["derived"]["negative"],
         [{"unit": "xa-b", "form": "mc", "field": "kinh_phi",
           "value": -0.25, "parts": {"2023-H1": 3, "2023-Q1": 3.25}}],
         "negative")


@test
def nine_months_and_fourth_quarter(t):
    q3 = [submission("xa-a", "2023-Q3", "2023-08-25T09:00:00+07:00",
                     form(115, 60, 90, 80, 85, 4, True))]
    y = [submission("xa-a", "2023-Y", "2023-11-25T09:00:00+07:00",
                    form(120, 70, 500, 420, 450, 40, True))]
    t.NOW = "2023-12-15T09:00:00+07:00"
    t.district(Q1, H1, q3, y)
    m9 = t.js("aggregate", "2023-M9")["forms"]["mc"]["fields"]
    # H1 + Q3; stocks at Q3's end.
    same((m9["hs_tiep_nhan"]["xa"], m9["kinh_phi"]["xa"],
          m9["tthc_tong"]["xa"]), (390, 29.75, 115), "2023-M9")
    q4 = t.js("aggregate", "2023-Q4")
    f = q4["forms"]["mc"]
    # Y - (H1 + Q3) = 500 - 390; stocks at Y's end.
    same((f["fields"]["hs_tiep_nhan"]["xa"], f["fields"]["kinh_phi"]["xa"],
          f["fields"]["tthc_tong"]["xa"]), (110, 10.25, 120), "2023-Q4")
    # (420 - 250 - 80) / (450 - 270 - 85)
    same(f["indicators"]["ty_le_dung_han"]["xa"], 94.7, "Q4 indicator")
    same([p["period"] for p in q4["derived"]["parts"]],
         ["2023-Y", "2023-H1", "2023-Q3"], "Q4's parts")
    p = t.js("period", "show", "2023-Q4")
    same(p["window"], {"from": "2023-09-10", "to": "2023-12-10"}, "Q4 window")


@test
def rules_show(t):
    types = {p["code"]: p for p in
             t.js("rules", "show", "derived-periods")["period_types"]}
    same(types["Q2"], {"code": "Q2", "label": "Riêng quý II năm {year}",
                       "adhoc": False, "advance": False,
                       "window": {"from": "10/03/Y", "to": "10/06/Y"},
                       "derived": "H1 - Q1"}, "Q2 in rules show")
    r = t.done("rules", "show", "derived-periods")
    check("computed as H1 - Q1, nothing is sent for it" in r.out,
          f"rules show: {r.out}")


@test
def rules_check_names_the_line(t):
    bad = t.tmp / "bad" / "derived-periods"
    bad.mkdir(parents=True)
    for f in RULESET.rglob("*"):
        if f.is_file():
            dst = bad / f.relative_to(RULESET)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    periods = bad / "periods.lua"
    text = periods.read_text(encoding="utf-8")
    periods.write_text(text.replace('derived = "H1 - Q1"',
                                    'derived = "H1 + Q1"')
                       .replace('derived = "H1 + Q3"', 'derived = "H1 + Q5"'),
                       encoding="utf-8")
    r = t.bc("rules", "check", bad.parent, db=False)
    lines = text.splitlines()
    q2 = 1 + next(i for i, s in enumerate(lines) if '"H1 - Q1"' in s)
    m9 = 1 + next(i for i, s in enumerate(lines) if '"H1 + Q3"' in s)
    expect_err(r, 1,
               f"derived-periods/periods.lua:{q2}: period type Q2: the "
               "windows of derived = \"H1 + Q1\" do not make one window: "
               "10/12/2022 – 10/03/2023 is counted 2 times",
               f"derived-periods/periods.lua:{m9}: period type M9: "
               "derived = \"H1 + Q5\" names Q5, which is no period type")


sys.exit(SUITE.main())

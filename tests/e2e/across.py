# SPDX-License-Identifier: MIT
"""End-to-end tests of comparing a period with an earlier one across a
change of rules or of units.

    python3 tests/e2e/across.py PATH/TO/baocao

The test rulesets tests/rules/renamed-2024, -2025 and -2026 rename a
form, its fields and a level (renamed_from, was); the units of
fixtures/across-units.csv merge two communes into one and split another
on 1 January 2025.  `rules check` and `rules show` say what was renamed;
`aggregate --compare` lays 2024's figures on 2025's forms, fields and
levels and compares a merged commune with the sum of the communes it
continues (refusing through a split); the import's warning against last
year and the carry-over do the same; `history --field` follows a field
through the renames.

Standard library only, on harness.py."""

import json
import os
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from harness import check, expect_err, expect_rc, fail, same  # noqa: E402

h.start("across.py PATH/TO/baocao")
TEST_RULES = h.SRC / "tests" / "rules"
UNITS = h.HERE / "fixtures" / "across-units.csv"
RENAMED = ("renamed-2024", "renamed-2025", "renamed-2026")
VIETNAMESE = {"LANGUAGE": "vi", "LC_ALL": "", "LANG": "vi_VN.UTF-8"}
SIGNER = {"name": "Nguyễn Văn An", "title": "Chủ tịch UBND"}


class T(h.Case):
    NOW = "2026-04-01T09:00:00+07:00"

    def rules(self, *names, copy=()):
        """A rules directory of links to the test rulesets names, and
        copies (to edit) of those in copy."""
        d = self.tmp / "rules"
        d.mkdir(exist_ok=True)
        for n in names:
            (d / n).symlink_to(TEST_RULES / n, target_is_directory=True)
        for n in copy:
            shutil.copytree(TEST_RULES / n, d / n)
        return d

    def run(self, *args, **kw):
        return self.ok(*args, rules=self.tmp / "rules", **kw)

    def json_of(self, *args):
        return h.parse_json(self.run(*args, "--json"))

    def send(self, name, unit, period, at, forms):
        p = self.tmp / name
        p.write_text(json.dumps({"unit": unit, "period": period,
                                 "signed_by": SIGNER, "received_at": at,
                                 "forms": forms}, ensure_ascii=False,
                                indent=1) + "\n", encoding="utf-8")
        return self.run("import", p)


SUITE = h.Suite("across.py", T, prefix="bc-across-")
test = SUITE.test

Q1_24 = "2024-03-12T08:00:00+07:00"
Y_24 = "2024-12-12T08:00:00+07:00"
Q1_25 = "2025-03-12T08:00:00+07:00"
Q1_26 = "2026-03-12T08:00:00+07:00"


def tthc(nhan, giai_quyet, ton, ky_truoc=0):
    return {"hs_ky_truoc": ky_truoc, "hs_tiep_nhan": nhan,
            "hs_giai_quyet": giai_quyet, "hs_ton": ton}


def district(t, with_2026=False):
    """The units over time and the reports of 2024 (under renamed-2024)
    and 2025-Q1 (renamed-2025); the 2025 imports' output by unit."""
    t.rules(*(RENAMED if with_2026 else RENAMED[:2]))
    t.run("init")
    t.run("units", "import", UNITS)
    for unit, nhan, gq, ton, cb in (("noi-vu", 40, 30, 10, 12),
                                    ("xa-ky-son", 100, 80, 20, 20),
                                    ("xa-ky-tan", 50, 50, 0, 15),
                                    ("xa-nghia-dong", 60, 50, 10, 10),
                                    ("xa-giai-xuan", 30, 30, 0, 8)):
        t.send(f"{unit}-2024-q1.json", unit, "2024-Q1", Q1_24,
               {"tthc": tthc(nhan, gq, ton), "cb": {"so_can_bo": cb}})
    for unit, ton in (("xa-ky-son", 7), ("xa-ky-tan", 3),
                      ("xa-nghia-dong", 4), ("xa-giai-xuan", 2)):
        t.send(f"{unit}-2024-y.json", unit, "2024-Y", Y_24,
               {"tthc": tthc(300, 290, ton)})
    out = {}
    for unit, dvc, cb in (
            ("noi-vu", {"hs_ky_truoc": 10, "ho_so_nhan": 60,
                        "hs_giai_quyet": 50, "ho_so_ton": 10}, 12),
            ("xa-tan-ky", {"hs_ky_truoc": 11, "ho_so_nhan": 500,
                           "hs_giai_quyet": 100, "ho_so_ton": 30}, 30),
            ("xa-nghia-dong-1", {"hs_ky_truoc": 3, "ho_so_nhan": 40,
                                 "hs_giai_quyet": 40, "ho_so_ton": 0}, 5),
            ("xa-giai-xuan", {"hs_ky_truoc": 2, "ho_so_nhan": 31,
                              "hs_truc_tuyen": 5, "hs_giai_quyet": 30,
                              "ho_so_ton": 1}, 2)):
        r = t.send(f"{unit}-2025-q1.json", unit, "2025-Q1", Q1_25,
                   {"dvc": dvc, "cb": {"so_cb": cb}})
        out[unit] = r.out + r.err
    return out


# ---- the rules ------------------------------------------------------------

@test
def rules_say_what_was_renamed(t):
    rules = t.rules(*RENAMED)
    r = t.ok("rules", "check", rules, db=False)
    check("0 errors, 0 warnings" in r.err, f"rules check: {r.err!r}")
    show = h.parse_json(t.ok("rules", "show", "renamed-2025", "--json",
                             db=False, rules=rules))
    same(show["renames"],
         [{"level": "tinh", "was": ["huyen"]},
          {"form": "dvc", "was": ["tthc"]},
          {"form": "dvc", "field": "ho_so_nhan", "was": ["hs_tiep_nhan"]},
          {"form": "dvc", "field": "ho_so_ton", "was": ["hs_ton"]},
          {"form": "cb", "field": "so_cb", "was": ["so_can_bo"]}],
         "rules show --json renames")
    same(show["levels"][0], {"id": "tinh", "label": "Cấp tỉnh",
                             "was": ["huyen"]}, "level tinh")
    check("was" not in show["levels"][1], "level xa shows no was")
    dvc = show["forms"][0]
    same(dvc.get("renamed_from"), ["tthc"], "form dvc renamed_from")
    same([f.get("renamed_from") for f in dvc["fields"][:2]],
         [None, ["hs_tiep_nhan"]], "dvc's fields' renamed_from")
    r = t.ok("rules", "show", "renamed-2026", db=False, rules=rules)
    check("[renamed from so_cb, so_can_bo]" in r.out,
          f"rules show renamed-2026: {r.out!r}")
    r = t.ok("rules", "show", "renamed-2025", db=False, rules=rules)
    check(re.search(r"tinh +Cấp tỉnh \(was huyen\)", r.out)
          and "(renamed from tthc)" in r.out,
          f"rules show renamed-2025: {r.out!r}")


def spoiled(t, old, new):
    """rules check of renamed-2024 and a copy of renamed-2025 with old
    replaced by new."""
    rules = t.rules("renamed-2024", copy=("renamed-2025",))
    f = rules / "renamed-2025" / "ruleset.lua"
    text = f.read_text(encoding="utf-8")
    check(old in text, f"{old!r} is not in renamed-2025")
    text = text.replace(old, new, 1)
    f.write_text(text, encoding="utf-8")
    return t.bc("rules", "check", rules, db=False)


@test
def rules_refuse_a_wrong_rename(t):
    for old, new, what in (
            ('renamed_from = "hs_tiep_nhan" },',
             'renamed_from = "hs_giai_quyet" },',
             "form dvc, field ho_so_nhan: renamed_from 'hs_giai_quyet' is a "
             "field the form still declares"),
            ('renamed_from = { "hs_ton" } },',
             'renamed_from = { "hs_tiep_nhan" } },',
             "dvc.ho_so_ton: renamed_from 'hs_tiep_nhan', but "
             "dvc.ho_so_nhan was 'hs_tiep_nhan' already"),
            ('renamed_from = "hs_tiep_nhan" },', 'renamed_from = 7 },',
             "'renamed_from' must be a string or a list of strings"),
            ('was = { "huyen" } }', 'was = { "xa" } }',
             "level tinh: was 'xa' is a level the ruleset still declares"),
            ('renamed_from = "tthc",', 'renamed_from = "cb",',
             "form dvc: renamed_from 'cb' is a form the ruleset still "
             "declares")):
        r = spoiled(t, old, new)
        expect_rc(r, 1)
        check(re.search(r"renamed-2025/ruleset\.lua:\d+: .*"
                        + re.escape(what), r.err),
              f"rules check with {new!r}: {r.err!r}")
        shutil.rmtree(t.tmp / "rules")


@test
def rules_check_renames_against_the_rules_before(t):
    r = spoiled(t, 'renamed_from = "hs_tiep_nhan" },',
                   'renamed_from = "hs_nhan_cu" },')
    expect_rc(r, 0)
    check(re.search(r"renamed-2025/ruleset\.lua:\d+: warning: form dvc, "
                    r"field ho_so_nhan: renamed_from names no field of "
                    r"renamed-2024's form tthc \(hs_nhan_cu\)", r.err),
          f"an old id the rules before lack: {r.err!r}")
    shutil.rmtree(t.tmp / "rules")
    r = spoiled(t, '{ "co_mot_cua",    "Có bộ phận một cửa hiện đại",      '
                      '"bool" },',
                   '{ "so_mot_cua", "Số bộ phận một cửa", "int", "sum", '
                   'renamed_from = "co_mot_cua" },')
    expect_rc(r, 1)
    check(re.search(r"renamed-2025/ruleset\.lua:\d+: form dvc, field "
                    r"so_mot_cua, of type int, is renamed from co_mot_cua of "
                    r"renamed-2024, of type bool", r.err),
          f"a number renamed from a yes/no: {r.err!r}")


# ---- comparing --------------------------------------------------------------

@test
def compare_reads_through_renames_and_levels(t):
    district(t)
    a = t.json_of("aggregate", "2025-Q1", "--compare")
    same(a["compared"], {"period": "2024-Q1", "ruleset": "renamed-2024"},
         "compared")
    f = a["forms"]["dvc"]["fields"]
    # huyen's figures are tinh's; 2024's communes, merged or split, all
    # count at xa; the totals compare whole.
    same(f["ho_so_nhan"]["previous"], {"tinh": 40, "xa": 240, "total": 280},
         "dvc.ho_so_nhan.previous (2024's tthc.hs_tiep_nhan)")
    same(f["ho_so_nhan"]["change_pct"], {"tinh": 50, "xa": 137.9,
                                         "total": 125.4},
         "dvc.ho_so_nhan.change_pct")
    same(f["ho_so_ton"]["previous"], {"tinh": 10, "xa": 30, "total": 40},
         "dvc.ho_so_ton.previous (2024's hs_ton)")
    check(f["hs_truc_tuyen"]["previous"] is None,
          f"a new field has no previous: {f['hs_truc_tuyen']}")
    same(a["forms"]["cb"]["fields"]["so_cb"]["previous"],
         {"tinh": 12, "xa": 53, "total": 65}, "cb.so_cb.previous")
    same(a["forms"]["dvc"]["indicators"]["ty_le_giai_quyet"]["previous"],
         {"tinh": 75, "xa": 87.5, "total": 85.7}, "the indicator's previous")
    r = t.run("aggregate", "2025-Q1", "--compare")
    check("its figures are under ruleset renamed-2024, read as renamed-2025 "
          "renames its forms, fields and levels" in r.out,
          f"aggregate text names the rules compared with: {r.out[:400]!r}")
    check(re.search(r"\[3\] Trong đó: tiếp nhận trực tuyến.*\n +previous "
                    r"year: no such figure under renamed-2024", r.out),
          f"a new field says it has no past: {r.out!r}")


@test
def compare_merged_and_split_units(t):
    district(t)
    lin = t.json_of("aggregate", "2025-Q1", "--compare")["lineage"]
    same(sorted(lin), ["xa-nghia-dong-1", "xa-nghia-dong-2", "xa-tan-ky"],
         "the units that continue others")
    m = lin["xa-tan-ky"]
    same(m["from"], ["xa-ky-son", "xa-ky-tan"], "xa-tan-ky continues")
    check(m["split"] is False, "a merge is no split")
    same(m["forms"]["dvc"]["ho_so_nhan"],
         {"value": 500, "previous": 150, "change_pct": 233.3},
         "xa-tan-ky beside xa-ky-son + xa-ky-tan (renamed field)")
    same(m["forms"]["cb"]["so_cb"],
         {"value": 30, "previous": 35, "change_pct": -14.3},
         "xa-tan-ky's staff beside the sum")
    s = lin["xa-nghia-dong-1"]
    check(s["split"] is True and s["from"] == ["xa-nghia-dong"],
          f"xa-nghia-dong-1: {s}")
    same(s["forms"]["dvc"]["ho_so_nhan"],
         {"value": 40, "previous": None, "change_pct": None},
         "through a split nothing is compared")
    r = t.run("aggregate", "2025-Q1", "--compare")
    check("Xã Tân Kỳ (xa-tan-ky): last year's figures are those of Xã Kỳ "
          "Sơn, Xã Kỳ Tân, added" in r.out,
          f"the merged commune's note: {r.out[-1500:]!r}")
    check("Xã Nghĩa Đồng Một (xa-nghia-dong-1): not compared: Xã Nghĩa Đồng "
          "was split" in r.out, f"the split's note: {r.out[-1500:]!r}")
    check(re.search(r"\[2\] Tổng số hồ sơ tiếp nhận +500 +150 +233\.3", r.out),
          f"the merged commune's figures: {r.out[-1500:]!r}")
    r = t.bc("aggregate", "2025-Q1", "--compare", rules=t.tmp / "rules",
             env=t.env(**VIETNAMESE))
    expect_rc(r, 0)
    check("Xã Tân Kỳ (xa-tan-ky): số liệu năm trước là tổng số liệu của Xã "
          "Kỳ Sơn, Xã Kỳ Tân" in r.out,
          f"the note in Vietnamese: {r.out[-1500:]!r}")


@test
def import_warnings_follow_renames_and_merges(t):
    out = district(t)
    w = out["xa-tan-ky"]
    check("dvc.hs_ky_truoc: warning:" in w and "= 11, but [5] of the "
          "reports of Xã Kỳ Sơn, Xã Kỳ Tân for 2024-Y add up to 10" in w,
          f"carry-over over the merged communes: {w!r}")
    check("dvc.ho_so_nhan: warning:" in w and "500 is more than three times "
          "150, the sum of the values of Xã Kỳ Sơn, Xã Kỳ Tân for 2024-Q1"
          in w, f"last year over the merged communes: {w!r}")
    w = out["xa-giai-xuan"]
    check("cb.so_cb: warning:" in w and "2 is less than a third of 8, the "
          "value of 2024-Q1" in w, f"last year under a renamed field: {w!r}")
    check("hs_ky_truoc" not in w, f"2 carried over as 2024-Y left: {w!r}")
    w = out["xa-nghia-dong-1"]
    for code in ("2024-Q1", "2024-Y"):
        check(f"not compared with {code}: one of the units whose figures "
              "this unit continues (Xã Nghĩa Đồng) was split" in w,
              f"the split said for {code}: {w!r}")
    check("three times" not in w and "a third" not in w,
          f"nothing compared through a split: {w!r}")
    w = out["noi-vu"]
    check("warning" not in w, f"noi-vu is its own past: {w!r}")


@test
def history_follows_a_field_through_renames(t):
    district(t, with_2026=True)
    t.send("gx-2026.json", "xa-giai-xuan", "2026-Q1", Q1_26,
           {"cb": {"so_cong_chuc": 9}})
    got = t.json_of("history", "xa-giai-xuan", "--field", "cb.so_cong_chuc")
    same([(p["period"], p["ruleset"], p["field"], p["sent"], p["value"])
          for p in got["periods"]],
         [("2024-Q1", "renamed-2024", "so_can_bo", True, 8),
          ("2024-Y", "renamed-2024", "so_can_bo", False, None),
          ("2025-Q1", "renamed-2025", "so_cb", True, 2),
          ("2026-Q1", "renamed-2026", "so_cong_chuc", True, 9)],
         "history --field cb.so_cong_chuc (renamed twice)")
    r = t.run("history", "xa-giai-xuan", "--field", "dvc.ho_so_nhan",
              "2025-Q1")
    check(re.search(r"2024-Q1 +30  \(then tthc\.hs_tiep_nhan, ruleset "
                    r"renamed-2024\)", r.out)
          and re.search(r"2025-Q1 +31\n", r.out)
          and "2026-Q1" not in r.out,
          f"history --field dvc.ho_so_nhan 2025-Q1: {r.out!r}")
    r = t.bc("history", "xa-giai-xuan", "--field", "dvc.khong_co",
             rules=t.tmp / "rules")
    expect_err(r, 2, "dvc.khong_co is no field of ruleset renamed-2026")


if __name__ == "__main__":
    sys.exit(SUITE.main())

# SPDX-License-Identifier: MIT
"""End-to-end tests of names and dates as people type and read them.

    python3 tests/e2e/names.py PATH/TO/baocao

A unit argument (history, template --unit, revision correct-time) takes
the unit's code or its name, in NFC or NFD and in any letter case; a name
that is no unit's is refused (exit 2) with the closest units by code and
by name.  status and history text speak the reader's language, show
dates dd/mm/yyyy and times dd/mm/yyyy HH:MM, a unit's code beside its
name and a part by what the rules call it; their --json is the same
bytes in every language.  Timestamp arguments take dd/mm/yyyy HH:MM.

Uses the harness and helpers of run.py (same output, same exit code)."""

import os
import re
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the harness: reads sys.argv itself)
from run import (BM3, Skip, check, commune_forms, expect_rc,  # noqa: E402
                 same, sub, with_units, write_json)

run.TESTS.clear()
test = run.test

CODE, NAME = "xa-ky-son", "Xã Kỳ Sơn"
ENGLISH = {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
VIETNAMESE = {"LANGUAGE": "vi", "LC_ALL": "", "LANG": "vi_VN.UTF-8"}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def nfd(s):
    return unicodedata.normalize("NFD", s)


def vietnamese_locale():
    """Skips the test where no Vietnamese locale is installed: gettext
    then speaks English whatever LANGUAGE says."""
    try:
        have = subprocess.run(["locale", "-a"], capture_output=True,
                              text=True).stdout
    except OSError:
        have = ""
    if not re.search(r"^vi_VN\.utf-?8$", have, re.M | re.I):
        raise Skip("no vi_VN.UTF-8 locale (locale -a)")


def en(t, *args):
    return t.bc(*args, env=t.env(**ENGLISH))


def vi(t, *args):
    return t.bc(*args, env=t.env(**VIETNAMESE))


def sent(t):
    """xa-ky-son sent everything on 27/02, then bm3 again by email on
    05/03 (late), a changed figure and a date in a table."""
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub()))
    pl1b = commune_forms()["pl1b"]
    pl1b["van_ban"][0]["ngay"] = "2023-01-12"
    bm3 = dict(BM3, hs_truc_tuyen=70, hs_tiep_nhan=130, hs_dang_trong_han=20,
               hs_dang_giai_quyet=20)
    second = sub(channel="email", received_at="2023-03-05T10:00:00+07:00",
                 forms={"bm3": bm3, "pl1b": pl1b}, report=False)
    t.ok("import", write_json(t, "b.json", second))


# ---- a unit by its code or its name -------------------------------------

@test
def unit_by_name(t):
    """The exact name, in NFC, NFD, capitals or small letters, is the
    unit: the same history as its code; a code in capitals too."""
    sent(t)
    by_code = t.ok("history", CODE, "2023-Q1", "--json").out
    for name in (NAME, nfd(NAME), NAME.upper(), nfd(NAME.lower()),
                 CODE.upper()):
        r = t.ok("history", name, "2023-Q1", "--json")
        same(r.out, by_code, f"history {name!r} --json")
    # template --unit by name: the file is named by the code
    t.ok("template", "--unit", nfd(NAME.upper()), "--period", "2023-Q1")
    check((t.tmp / f"{CODE}-2023-Q1.xlsx").exists(),
          f"template --unit {NAME!r}: no {CODE}-2023-Q1.xlsx")
    # revision correct-time UNIT by name
    r = t.ok("revision", "correct-time", NAME.lower(), "2023-Q1", "bm1",
             "--received-at", "2023-02-26T08:00", "--reason", "Sổ 12",
             "--json")
    same(run.parse_json(r)["unit"], CODE, "revision correct-time by name")


@test
def unit_unknown_offers_the_closest(t):
    """A name or code that is no unit's: exit 2, nothing on stdout, and
    the closest units by code and name on stderr, accents and case
    aside; nothing offered for what is near nothing."""
    with_units(t)
    for typed in ("Xã Kỳ Sơm", "xa ky son", "ky son", nfd("KỲ SƠN"),
                  "xa-ky-sn", "Xa Ky Son"):
        for args in (["history", typed, "2023-Q1"],
                     ["template", "--unit", typed, "--period", "2023-Q1"],
                     ["revision", "correct-time", typed, "2023-Q1", "bm1",
                      "--received-at", "2023-02-26T08:00", "--reason", "x"]):
            r = en(t, *args)
            expect_rc(r, 2)
            check(r.out == "", f"{r.cmd}: printed {r.out!r}")
            offered = [ln.split() for ln in r.err.splitlines()
                       if ln.startswith("  ")]
            check(offered and offered[0][0] == CODE and
                  " ".join(offered[0][1:]) == NAME,
                  f"{r.cmd}: {CODE} {NAME} not offered first: {r.err!r}")
            check(typed in r.err, f"{r.cmd}: does not repeat {typed!r}")
    # the closest first, and only the near ones
    r = en(t, "history", "Xã Kỳ Tâm", "2023-Q1")
    codes = [ln.split()[0] for ln in r.err.splitlines() if ln.startswith("  ")]
    same(codes[:2], ["xa-ky-tan", CODE], "closest to 'Xã Kỳ Tâm'")
    check(len(codes) <= 5, f"more than 5 offered: {codes}")
    r = en(t, "history", "qqqqqqqq", "2023-Q1")
    expect_rc(r, 2)
    check("units list" in r.err and
          not any(ln.startswith("  ") for ln in r.err.splitlines()),
          f"{r.cmd}: {r.err!r}")
    check(not (t.tmp / "xa-ky-sm-2023-Q1.xlsx").exists(), "a file written")


@test
def unit_unknown_said_in_vietnamese(t):
    vietnamese_locale()
    with_units(t)
    r = vi(t, "history", "Xã Kỳ Sơm", "2023-Q1")
    expect_rc(r, 2)
    check("không có đơn vị nào" in r.err and NAME in r.err and CODE in r.err,
          f"{r.cmd}: {r.err!r}")


@test
def name_of_two_units(t):
    """A name two units bear names neither: exit 2, both codes listed."""
    t.init()
    (t.tmp / "u.csv").write_text(
        "code,name,kind,roles,parent\n"
        "huyen-a,Huyện A,district,,\n"
        "xa-son-a,Xã Sơn,commune,,huyen-a\n"
        "huyen-b,Huyện B,district,,\n"
        "xa-son-b,Xã Sơn,commune,,huyen-b\n", encoding="utf-8")
    t.ok("units", "import", "u.csv")
    r = en(t, "history", "xã sơn", "2023-Q1")
    expect_rc(r, 2)
    codes = sorted(ln.split()[0] for ln in r.err.splitlines()
                   if ln.startswith("  "))
    same(codes, ["xa-son-a", "xa-son-b"], f"{r.cmd}: units listed")
    t.ok("history", "xa-son-b", "2023-Q1")


# ---- status and history text ------------------------------------------

@test
def status_text_in_vietnamese(t):
    """Under vi_VN: Vietnamese headers and states, dates dd/mm/yyyy and
    no ISO date, every unit's code beside its name, what is missing
    named as the rules call it."""
    vietnamese_locale()
    sent(t)
    r = vi(t, "status", "2023-Q1", "--as-of", "10/03/2023")
    expect_rc(r, 0)
    check("28/02/2023" in r.out and "10/03/2023" in r.out,
          f"dates not dd/mm/yyyy: {r.out[:200]!r}")
    check(not ISO_DATE.search(r.out), f"an ISO date: {ISO_DATE.search(r.out)}")
    for w in ("Đơn vị", "Còn thiếu", "trễ hạn", "chưa gửi", "Biểu số 01",
              "Báo cáo bằng văn bản", "Phụ lục 1B", "tỷ lệ đúng hạn"):
        check(w in r.out, f"status text under vi_VN: no {w!r}")
    for w in ("on time", "missing", "bm1", " report"):
        check(w not in r.out, f"status text under vi_VN: {w!r}")
    units = {u["unit"] for u in run.status(t)["units"]}
    names = {u["code"]: u["name"] for u in t.units()}
    lines = r.out.splitlines()
    for code in units:
        check(any(re.match(rf"{re.escape(code)}\s+{re.escape(names[code])}\s",
                           ln) for ln in lines),
              f"no line with {code} beside {names[code]!r}")
    ky_son = next(ln for ln in lines if ln.startswith(CODE + " "))
    check("đúng hạn" in ky_son and ky_son.rstrip().endswith("9/9"),
          f"{CODE}: {ky_son!r}")
    # rates with the Vietnamese decimal sign
    check(re.search(r"\d+,\d%", r.out), f"rates: {lines[-1]!r}")


@test
def status_text_in_english(t):
    sent(t)
    r = en(t, "status", "2023-Q1", "--as-of", "2023-03-10")
    for w in ("due 28/02/2023, as of 10/03/2023", "code", "unit", "late",
              "not sent", "Báo cáo bằng văn bản"):
        check(w in r.out, f"status text: no {w!r} in {r.out[:300]!r}")
    check(re.search(r"rate \d+\.\d%", r.out), f"rates: {r.out[-200:]!r}")


@test
def json_the_same_in_every_language(t):
    """status and history --json: the same bytes under vi_VN and C."""
    vietnamese_locale()
    sent(t)
    for args in (["status", "2023-Q1", "--as-of", "2023-03-10"],
                 ["history", CODE, "2023-Q1"],
                 ["history", NAME, "2023-Q1", "bm3"]):
        a, b = en(t, *args, "--json"), vi(t, *args, "--json")
        expect_rc(a, 0)
        same(b.out, a.out, f"{' '.join(args)} --json under vi_VN")
    st = run.parse_json(vi(t, "status", "2023-Q1", "--as-of", "2023-03-10",
                           "--json"))
    same(run.unit_of(st, CODE)["state"], "on_time", "state id in JSON")


@test
def history_text_in_vietnamese(t):
    """Times dd/mm/yyyy HH:MM, parts by name, the channel by its label,
    a changed field by its label, the unit and the period named."""
    vietnamese_locale()
    sent(t)
    r = vi(t, "history", nfd(NAME), "2023-Q1", "bm3")
    expect_rc(r, 0)
    lines = r.out.splitlines()
    same(lines[0], f"{NAME} ({CODE}), Quý I năm 2023 (2023-Q1)", "heading")
    heads = [ln for ln in lines if ln.startswith("Biểu số 03 (bm3)")]
    same(len(heads), 2, f"revisions of bm3 in {r.out!r}")
    check("27/02/2023 09:00" in heads[0] and "lần 1" in heads[0],
          f"r1: {heads[0]!r}")
    check("05/03/2023 10:00" in heads[1] and "Thư điện tử" in heads[1]
          and "đang có hiệu lực" in heads[1], f"r2: {heads[1]!r}")
    check(not any(ISO_DATE.search(h) for h in heads), f"ISO: {heads!r}")
    check(re.search(r"^    Tổng số hồ sơ tiếp nhận \(hs_tiep_nhan\): \d+ → 130$",
                    r.out, re.M), f"change of hs_tiep_nhan: {r.out!r}")
    # a date in a table, day first
    r = vi(t, "history", CODE, "2023-Q1", "pl1b")
    check("    van_ban[1].ngay: 10/01/2023 → 12/01/2023" in r.out.splitlines(),
          f"a table's date changed: {r.out!r}")
    r = vi(t, "history", CODE, "2023-Q1", "report")
    check(r.out.splitlines()[2].startswith("Báo cáo bằng văn bản (report)"),
          f"the report by its name: {r.out!r}")
    r = vi(t, "history", CODE, "2023-Q1", "pl1a")
    expect_rc(r, 0)
    check("Phụ lục 1A" in r.err and CODE in r.err, f"{r.cmd}: {r.err!r}")


@test
def help_in_vietnamese(t):
    """status and history --help, and their usage errors, under vi_VN."""
    vietnamese_locale()
    for cmd, word in (("status", "cách dùng: baocao status KỲ"),
                      ("history", "cách dùng: baocao history ĐƠN_VỊ KỲ")):
        r = vi(t, cmd, "--help")
        expect_rc(r, 0)
        check(r.out.startswith(word), f"{r.cmd}: {r.out[:120]!r}")
        check(en(t, cmd, "--help").out.startswith("usage: baocao " + cmd),
              f"{cmd} --help under C is not English")
    t.init()
    r = vi(t, "history", CODE)
    expect_rc(r, 2)
    check("xem đơn vị nào" in r.err, f"{r.cmd}: {r.err[:200]!r}")


# ---- timestamps typed day first ---------------------------------------

@test
def timestamps_typed_day_first(t):
    """--received-at, --fixed-time and $BAOCAO_NOW take dd/mm/yyyy
    HH:MM[:SS] and dd/mm/yyyy: the same instants as ISO's."""
    with_units(t)
    t.ok("import", write_json(t, "a.json", sub(received_at=None)),
         "--received-at", "26/02/2023 14:05")
    got = run.history(t, CODE, form="bm1")["revisions"][0]["received_at"]
    same(got, "2023-02-26T14:05:00+07:00", "import --received-at dd/mm")
    r = t.ok("revision", "correct-time", CODE, "2023-Q1", "bm1",
             "--received-at", "25/02/2023 08:30:15", "--reason", "Sổ 12",
             "--json")
    same(run.parse_json(r)["received_at"], "2023-02-25T08:30:15+07:00",
         "revision correct-time --received-at dd/mm")
    # its text gives both times in the district's time, whatever offset
    # was typed
    r = t.ok("revision", "correct-time", CODE, "2023-Q1", "bm1",
             "--received-at", "2023-02-25T02:00Z", "--reason", "Sổ 12")
    check("received 25/02/2023 09:00, not 25/02/2023 08:30" in r.err
          and "Biểu số 01 (revision 1)" in r.err and " r1" not in r.err,
          f"revision correct-time text: {r.err!r}")
    t.ok("template", "--unit", CODE, "--period", "2023-Q1", "-o", "a.xlsx",
         "--fixed-time", "01/03/2023 08:00")
    t.ok("template", "--unit", CODE, "--period", "2023-Q1", "-o", "b.xlsx",
         "--fixed-time", "2023-03-01T08:00:00+07:00")
    same((t.tmp / "a.xlsx").read_bytes() == (t.tmp / "b.xlsx").read_bytes(),
         True, "template --fixed-time dd/mm and ISO: the same workbook")
    st = t.json("status", "2023-Q1",
                env=t.env(BAOCAO_NOW="10/03/2023 09:00"))
    same(st["as_of"], "2023-03-10", "status as of $BAOCAO_NOW dd/mm")
    st = t.json("status", "2023-Q1", env=t.env(BAOCAO_NOW="11/03/2023"))
    same(st["as_of"], "2023-03-11", "$BAOCAO_NOW a date dd/mm/yyyy")
    for bad in ("26/02/2023 9:30", "30/02/2023 09:30", "26/02/2023T09:30"):
        expect_rc(t.bc("import", "a.json", "--received-at", bad), 2)
        expect_rc(t.bc("status", "2023-Q1", env=t.env(BAOCAO_NOW=bad)), 2)


def main():
    return run.main()


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: MIT
"""The language baocao speaks: Vietnamese under a Vietnamese locale (from
LANGUAGE, LC_ALL, LC_MESSAGES or LANG, even one the machine has not
generated), English under C, and --json the same in both.

    python3 tests/e2e/language.py PATH/TO/baocao

The harness is harness.py, the fixtures run.py's.  Every other e2e
script runs in English (harness.base_env sets LC_ALL=C.UTF-8); here
each test sets the locale variables it is about.
"""

import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402
import run as h  # noqa: E402  (run.py's fixtures; its tests are not run here)
from run import SRC, Skip, T, check, expect_rc, same  # noqa: E402

SUITE = harness.Suite("language.py", T, prefix="bc-lang-")
test = SUITE.test

VI = {"LANGUAGE": "vi", "LANG": "vi_VN.UTF-8"}
C = {"LC_ALL": "C.UTF-8"}
REFUSED = SRC / "examples" / "2023-Q1-rejected" / "xa-phu-son.json"
# The commands whose help is tested here (status and history: with their
# unit names, in tests/e2e/run.py).
COMMANDS = ["init", "rules", "units", "period", "import", "revision",
            "aggregate", "export", "template", "check", "backup", "restore"]


def env(t, **lang):
    """t's environment with no locale variable but those of lang."""
    e = {k: v for k, v in t.env().items()
         if k not in ("LANGUAGE", "LANG") and not k.startswith("LC_")}
    e.update(lang)
    return e


def generated():
    """The locales this machine has (locale -a), lower case, without
    the '-' of utf-8."""
    p = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    return {n.lower().replace("-", "") for n in p.stdout.split()}


def vietnamese(text):
    """Whether text reads as Vietnamese: letters only it has, and none of
    the English words of a help or a result."""
    return (re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỷỹý]",
                      text, re.I) is not None
            and not re.search(r"\b(usage|commands|accepted|rejected)\b",
                              text))


def help_of(t, lang, *cmd):
    r = t.bc(*cmd, "--help", db=False, env=env(t, **lang))
    expect_rc(r, 0)
    return r.out


@test
def help_follows_the_locale(t):
    """baocao --help and every command's --help in Vietnamese under
    LANGUAGE=vi LANG=vi_VN.UTF-8, and under LANG alone; in English
    under C.UTF-8, under LANGUAGE=en and under LC_ALL=C (where gettext
    ignores LANGUAGE)."""
    for lang in (VI, {"LANG": "vi_VN.UTF-8"}, {"LC_MESSAGES": "vi_VN.UTF-8"},
                 {"LC_ALL": "vi_VN.UTF-8", "LANG": "C.UTF-8"}):
        s = help_of(t, lang)
        check(vietnamese(s) and "cách dùng" in s, f"--help under {lang}: {s[:200]!r}")
        for c in COMMANDS:
            s = help_of(t, lang, c)
            check(vietnamese(s) and s.startswith("cách dùng: baocao " + c),
                  f"{c} --help under {lang}: {s[:200]!r}")
    for lang in (C, {"LANGUAGE": "en", "LANG": "vi_VN.UTF-8"},
                 {"LANGUAGE": "vi", "LC_ALL": "C"}, {}):
        for c in [()] + [(c,) for c in COMMANDS]:
            s = help_of(t, lang, *c)
            check(s.startswith("usage: baocao"),
                  f"{' '.join(c)} --help under {lang}: {s[:200]!r}")


@test
def a_locale_not_generated_still_speaks(t):
    """A Vietnamese locale the machine lacks (setlocale fails) still
    gives Vietnamese: the language is in its name."""
    have = generated()
    missing = [n for n in ("vi_VN.ISO-8859-1", "vi_VN.UTF-8", "vi_VN")
               if n.lower().replace("-", "") not in have]
    if not missing:
        raise Skip("every Vietnamese locale name tried is generated here")
    for name in missing:
        for var in ("LANG", "LC_MESSAGES", "LC_ALL"):
            s = help_of(t, {var: name})
            check(vietnamese(s), f"--help under {var}={name}: {s[:200]!r}")
        # LANGUAGE, when set, still chooses
        s = help_of(t, {"LANG": name, "LANGUAGE": "en"})
        check(s.startswith("usage:"), f"LANGUAGE=en LANG={name}: {s[:200]!r}")
    # a locale of no language baocao has stays English
    s = help_of(t, {"LANG": "xx_YY.UTF-8"})
    check(s.startswith("usage:"), f"LANG=xx_YY.UTF-8: {s[:200]!r}")


@test
def results_in_vietnamese(t):
    """An import's result and its count of problems, a usage error and
    the dates of text output, in Vietnamese; the same in English under
    C.UTF-8."""
    h.with_units(t)
    good = h.write_json(t, "good.json", h.sub())
    vi, c = env(t, **VI), env(t, **C)
    r = t.bc("import", good, "--dry-run", env=vi)
    expect_rc(r, 0)
    check("Sẽ được tiếp nhận: xa-ky-son (Xã Kỳ Sơn) 2023-Q1" in r.err
          and vietnamese(r.err), f"import under vi: {r.err!r}")
    r = t.bc("import", good, env=c)
    check(": accepted: xa-ky-son (Xã Kỳ Sơn) 2023-Q1" in r.err,
          f"import under C: {r.err!r}")
    r = t.bc("import", REFUSED, env=vi)
    expect_rc(r, 1)
    check(re.search(r"xa-phu-son.json: Bị từ chối, không lưu gì \(\d+ lỗi\)",
                    r.err), f"refused under vi: {r.err!r}")
    r = t.bc("import", REFUSED, env=c)
    check(re.search(r"xa-phu-son.json: rejected, nothing stored \(\d+ "
                    r"problems\)", r.err), f"refused under C: {r.err!r}")
    r = t.bc("period", "show", "2023-Q1", env=vi)
    expect_rc(r, 0)
    check("hạn đơn vị nộp 28/02/2023" in r.out and "2023-02-28" not in r.out,
          f"period show under vi: {r.out!r}")
    r = t.bc("period", "calendar", "soon", env=vi)
    expect_rc(r, 2)
    check("'soon' không phải là một năm" in r.err and "cách dùng:" in r.err,
          f"usage error under vi: {r.err!r}")


@test
def aggregate_reads_as_the_template(t):
    """aggregate's text under vi names a field by its number and label on
    the template (a long label cut with "…"), a choice, a column and a
    date as a person reads them, and writes a decimal comma; under C the
    same labels with a decimal point."""
    h.with_units(t)
    s22 = h.sub(period="2022-Q1", received_at="2022-02-25T09:00:00+07:00")
    s22["forms"]["pl1b"]["van_ban"][0]["ngay"] = "2022-01-10"
    s22["forms"]["bm3"] = dict(h.BM3, hs_truc_tuyen=40, hs_truc_tiep=70)
    t.ok("import", h.write_json(t, "2022.json", s22))
    t.ok("import", h.write_json(t, "2023.json", h.sub()))
    args = ("aggregate", "2023-Q1", "--compare", "--rows")
    r = t.bc(*args, env=env(t, **VI))
    expect_rc(r, 0)
    lines = r.out.splitlines()
    i = next((i for i, l in enumerate(lines)
              if l.startswith("  [7] Số hồ sơ tiếp nhận trực tuyến ")), None)
    check(i is not None, f"no line of bm3's [7] under vi: {r.out[:800]!r}")
    same(lines[i + 2].split()[:2] + lines[i + 2].split()[-2:],
         ["thay", "đổi", "50,0", "%"], "the change of [7] under vi")
    check(any(l.startswith("  [1] Số văn bản chỉ đạo") and l.find("…") > 0
              for l in lines), "a long label not cut with …")
    for want in ("Tổng cộng", "(đếm theo Loại văn bản)", "    Kế hoạch ",
                 "Đơn vị", "STT", "Loại văn bản", "10/01/2023"):
        check(want in r.out, f"aggregate under vi: no {want!r}")
    check(not re.search(r"\d\.\d|hs_truc_tuyen|ke_hoach|2023-01-10", r.out),
          f"aggregate under vi: a decimal point, an id or an ISO date")
    r = t.bc(*args, env=env(t, **C))
    expect_rc(r, 0)
    check("  [7] Số hồ sơ tiếp nhận trực tuyến " in r.out and "Total" in r.out
          and re.search(r" 50\.0  %", r.out) and "50,0" not in r.out,
          f"aggregate under C: {r.out[:800]!r}")


@test
def import_says_parts_and_lateness_as_people_do(t):
    """An import under vi names the parts it stored by their names with
    the revision in words, and its late warning gives the receipt time
    and the deadline day first; --json keeps the ids and ISO."""
    h.with_units(t)
    late = h.write_json(t, "muon.json",
                        h.sub(received_at="2023-03-02T08:00:00+07:00",
                              estimated=True))
    r = t.bc("import", late, env=env(t, **VI))
    expect_rc(r, 0)
    check("Phụ lục 1B (lần 1), Biểu số 01 (lần 1)" in r.err
          and "Báo cáo bằng văn bản (lần 1)" in r.err
          and " r1" not in r.err, f"parts under vi: {r.err!r}")
    check("nhận lúc 02/03/2023 08:00, sau hạn 28/02/2023" in r.err
          and "2023-02-28" not in r.err, f"late warning under vi: {r.err!r}")
    r = t.bc("history", "xa-ky-son", "2023-Q1", "bm1", env=env(t, **VI))
    expect_rc(r, 0)
    check("    cảnh báo: nhận lúc 02/03/2023 08:00, sau hạn 28/02/2023\n"
          in r.out, f"history's late warning under vi: {r.out!r}")
    # a stored warning of words alone reads as the catalogue says it
    check("    cảnh báo: số liệu được ghi là ước tính\n" in r.out,
          f"history's estimate warning under vi: {r.out!r}")
    r = t.bc("history", "xa-ky-son", "2023-Q1", "bm1", env=env(t, **C))
    check("    warning: received 02/03/2023 08:00, after the deadline "
          "28/02/2023\n" in r.out and "    warning: figures flagged as "
          "estimates\n" in r.out, f"history's warnings under C: {r.out!r}")
    j = t.json("import", h.write_json(
        t, "muon2.json", h.sub("xa-ky-tan",
                               received_at="2023-03-02T08:00:00+07:00")))
    f = j["files"][0]
    check("pl1b r1" in f["submissions"][0]["revisions"]
          and f["problems"][0]["message"] == "received 2023-03-02T08:00:00"
          "+07:00, after the deadline 2023-02-28", f"--json: {f!r}")


@test
def json_is_the_same_in_every_language(t):
    """--json stays ids and ISO dates: byte for byte the same under a
    Vietnamese locale as under C."""
    h.with_units(t)
    t.ok("import", h.write_json(t, "a.json", h.sub()))
    t.ok("import", h.write_json(t, "b.json", h.sub("xa-ky-tan")))
    good = h.write_json(t, "c.json", h.sub("xa-tan-an"))
    for args in (["rules", "list"], ["rules", "show", "cchc-1131"],
                 ["units", "list"], ["period", "show", "2023-Q1"],
                 ["period", "calendar", "2023"],
                 ["aggregate", "2023-Q1", "--compare", "--rows"],
                 ["import", good, "--dry-run"], ["check"],
                 ["template", "--unit", "xa-ky-son", "--period", "2023-Q1",
                  "-o", "t.xlsx"]):
        out = []
        for lang in (VI, {"LANG": "vi_VN.ISO-8859-1"}, C):
            r = t.bc("--json", *args, env=env(t, **lang))
            expect_rc(r, 0)
            out.append(r.out)
        same(out[0], out[2], f"--json {' '.join(map(str, args))} vi vs C")
        same(out[1], out[2], f"--json {' '.join(map(str, args))} "
                             "vi_VN.ISO-8859-1 vs C")
        # a date of the JSON's own (not in a rules text) stays ISO
        check(not re.search(r'"\d\d/\d\d/\d{4}', out[2]),
              f"--json {args}: a dd/mm/yyyy date: {out[2][:200]!r}")


def main():
    return SUITE.main()


if __name__ == "__main__":
    sys.exit(main())

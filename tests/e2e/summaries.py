# SPDX-License-Identifier: MIT
"""End-to-end tests of the summaries of a report's sections (section{
summary = … }, docs/rules.md "Summaries"): what `rules check` and `rules
show` say of them.

    python3 tests/e2e/summaries.py PATH/TO/baocao

A placeholder naming nothing is an error at the file:line of its
section{} statement, every one listed (tests/rules/summary-broken, and a
copy of the shipped rules with one placeholder broken as an
administrator would break it); the shipped rules and the test ruleset
tests/rules/summaries load clean; `rules show --json` gives each
section's sentences as written.
"""

import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import check, expect_rc, same  # noqa: E402

h.start("summaries.py PATH/TO/baocao")
SRC = h.SRC
TEST_RULES = SRC / "tests" / "rules"
SHIPPED = SRC / "rules" / "cchc-1131"
suite = h.Suite("summaries.py", prefix="bc-e2e-summaries-")


def rules_dir(t, *names):
    """A rules directory holding tests/rules/NAME for each name."""
    d = t.tmp / "rules"
    d.mkdir(exist_ok=True)
    for n in names:
        (d / n).symlink_to(TEST_RULES / n, target_is_directory=True)
    return d


def lines_named(text, path):
    return [int(n) for n in re.findall(re.escape(path) + r":(\d+):", text)]


@suite.test
def broken_placeholders_named_at_their_section(t):
    r = t.bc("rules", "check", rules_dir(t, "summary-broken"), db=False,
             env=h.english(t.env()))
    expect_rc(r, 1)
    out = r.out + r.err
    for line, what in ((25, "{cd.khong_co}: form cd has no field or "
                            "indicator 'khong_co'"),
                       (25, "{cd.vb:sau}: no modifier ':sau'"),
                       (31, "{cd.vb@tinh}: no level 'tinh' declared"),
                       (31, "B, unit_summary: placeholder {cd.khong_co}: "
                            "form cd has no field"),
                       (31, "B, unit_summary: placeholder {cd.vb:sau}: no "
                            "modifier ':sau'")):
        check(f"summary-broken/ruleset.lua:{line}: section " in out and
              what in out, f"rules check does not say {what!r} at line "
              f"{line}: {out.strip()[-600:]}")
    check("5 errors" in out, f"not 5 errors: {out.strip()[-200:]}")


@suite.test
def vietnamese_message(t):
    r = t.bc("rules", "check", rules_dir(t, "summary-broken"), db=False,
             env=t.env(LANGUAGE="vi", LANG="vi_VN.UTF-8"))
    expect_rc(r, 1)
    check("câu tổng hợp" in r.out + r.err,
          f"no Vietnamese message: {(r.out + r.err).strip()[-300:]}")


@suite.test
def test_ruleset_loads(t):
    r = t.ok("rules", "check", rules_dir(t, "summaries"), db=False)
    check("0 errors" in r.out + r.err, (r.out + r.err).strip()[-200:])


@suite.test
def shipped_placeholder_broken(t):
    """One placeholder of the shipped outline changed to name nothing:
    refused, at the line of the section{} statement it is in."""
    rules = t.tmp / "rules"
    shutil.copytree(SHIPPED, rules / "cchc-1131")
    outline = rules / "cchc-1131" / "outline.lua"
    lines = outline.read_text(encoding="utf-8").split("\n")
    at = next(i for i, l in enumerate(lines) if "{bm3.hs_tiep_nhan}" in l)
    start = max(i for i in range(at + 1)
                if lines[i].startswith("section {"))
    lines[at] = lines[at].replace("{bm3.hs_tiep_nhan}", "{bm3.khong_co}", 1)
    outline.write_text("\n".join(lines), encoding="utf-8")
    r = t.bc("rules", "check", rules, db=False, env=h.english(t.env()))
    expect_rc(r, 1)
    out = r.out + r.err
    same(lines_named(out, "cchc-1131/outline.lua"), [start + 1],
         "lines named")
    check("{bm3.khong_co}" in out, out.strip()[-300:])


@suite.test
def shipped_rules_show_summaries(t):
    j = t.json("rules", "show", "cchc-1131", db=False)
    outline = {s["id"]: s for s in j["outline"]}
    with_forms = [s for s in outline.values() if s.get("forms")]
    check(with_forms, "no section names forms")
    for s in with_forms:
        check(s.get("summary"), f"section {s['id']} has forms and no "
                                f"summary")
    said = " ".join(x for s in outline.values() for x in s.get("summary", []))
    for form in ("bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7", "pl1a",
                 "pl1b"):
        check("{" + form + "." in said, f"no summary names {form}")
    check("summary" not in outline["A"], "a section without one shows one")
    text = t.ok("rules", "show", "cchc-1131", db=False).out
    check(re.search(r"^ += .*\{bm1\.vb_chi_dao\}", text, re.M),
          "rules show does not list a summary's sentences as written")


sys.exit(suite.main())

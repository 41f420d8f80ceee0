# SPDX-License-Identifier: MIT
"""End-to-end tests of scoring schemes as `rules check` and `rules show`
see them: the shipped scheme of cchc-1131 loads and adds up, a scheme
wrong in every way (tests/rules/score-bad) is refused with each problem
at its file:line, in English and in Vietnamese, and a district's
mistakes in its copy of cchc-1131's scoring.lua are caught where made.

    python3 tests/e2e/scoring.py PATH/TO/baocao

Prints one line per test ("ok NAME", "FAIL NAME: why"), then "N passed,
M failed"; exits 1 if any test failed.
"""

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import check, same  # noqa: E402

h.start("scoring.py PATH/TO/baocao")
SRC = h.SRC
SHIPPED = SRC / "rules" / "cchc-1131"


class S(h.Case):
    def rules_with(self, *dirs):
        """A rules directory holding a copy of each ruleset directory."""
        rules = self.tmp / "rules"
        rules.mkdir(exist_ok=True)
        for d in dirs:
            shutil.copytree(d, rules / d.name)
        return rules

    def check(self, rules, **kw):
        return self.bc("rules", "check", db=False, rules=rules, **kw)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    check(old in text, f"{path.name} has no {old!r} to change")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, text):
    """The 1-based line of path where text first stands."""
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        if text in line:
            return n + 1
    h.fail(f"{path.name} has no {text!r}")


SUITE = h.Suite("scoring.py", S, prefix="bc-scoring-", workers=4)
test = SUITE.test


@test
def shipped_scheme_adds_up(t):
    """cchc-1131's scheme: departments and communes apart, each group's
    parts adding up to 100 and each part's criteria to the part."""
    r = t.check(t.rules_with(SHIPPED))
    h.expect_rc(r, 0)
    check(" 0 errors," in r.err, f"rules check: {r.err[-400:]!r}")
    show = t.json("rules", "show", "cchc-1131", db=False)
    scheme, = show["schemes"]
    same([g["kinds"] for g in scheme["groups"]],
         [["department"], ["commune", "town"]], "the groups' kinds")
    for g in scheme["groups"]:
        same(sum(p["max"] for p in g["parts"]), scheme["max"],
             f"group {g['id']}: its parts")
        for p in g["parts"]:
            same(round(sum(c["max"] for c in p["criteria"]), 6), p["max"],
                 f"group {g['id']}, part {p['id']}: its criteria")
    kinds = {c["kind"] for g in scheme["groups"] for p in g["parts"]
             for c in p["criteria"]}
    same(kinds, {"discipline", "figure", "assessed"}, "the kinds used")
    same([c["id"] for c in scheme["classes"]],
         ["tot", "kha", "trung_binh", "yeu"], "the classes")


@test
def every_problem_at_its_line(t):
    """score-bad: refused (exit 1), every problem listed with its file and
    line at once, in English and in Vietnamese."""
    rules = t.rules_with(SRC / "tests" / "rules" / "score-bad")
    r = t.check(rules)
    h.expect_err(r, 1,
                 "score-bad/ruleset.lua:46: part 1 (group phong): its "
                 "criteria's maxima add up to 50, not the part's max 60",
                 "score-bad/ruleset.lua:36: scheme bad-2023, group phong: "
                 "its parts' maxima add up to 90, not the scheme's max 100",
                 "score-bad/ruleset.lua:59: criterion 2.1 (group phong): "
                 "form hs asks field to_cnso of level xa only",
                 "score-bad/ruleset.lua:62: criterion 2.2 names no form "
                 "'bm9'",
                 "score-bad/ruleset.lua:36: scheme bad-2023, group phong "
                 "names no unit kind 'ward'",
                 "23 errors")
    r = t.check(rules, env=t.env(LANGUAGE="vi"))
    h.expect_err(r, 1,
                 "score-bad/ruleset.lua:46: phần 1 (nhóm phong): tổng điểm "
                 "tối đa của các tiêu chí là 50, không bằng điểm tối đa 60 "
                 "của phần",
                 "score-bad/ruleset.lua:62: tiêu chí 2.2 nêu biểu 'bm9' "
                 "không có")


@test
def district_mistakes_caught(t):
    """A district edits its scoring.lua: a criterion's max no longer adds
    up, bands out of order, a department scored on a commune's field:
    each refused at the line that made it."""
    rules = t.rules_with(SHIPPED)
    scoring = rules / "cchc-1131" / "scoring.lua"
    edit(scoring, 'criterion { group = "phong", part = "I", id = "1.3", '
         'max = 5,', 'criterion { group = "phong", part = "I", id = "1.3", '
         'max = 6,')
    edit(scoring, 'kind = "figure", form = "bm1", indicator = '
         '"ty_le_hoan_thanh_nv",', 'kind = "figure", form = "bm5", '
         'indicator = "ty_le_cc_xa_dat_chuan",')
    edit(scoring, 'criterion { group = "xa", part = "I", id = "1.2",',
         'criterion { group = "phong", part = "I", id = "1.4",')
    part = line_of(scoring, 'part { group = "phong", id = "I",')
    crit = line_of(scoring, 'id = "1.4",')
    r = t.check(rules)
    h.expect_err(r, 1,
                 f"cchc-1131/scoring.lua:{crit}: criterion 1.4 (group "
                 "phong): form bm5 asks field cc_xa_dat_chuan of level xa "
                 "only, and units of kind department are of level huyen",
                 f"cchc-1131/scoring.lua:{part}: part I (group phong): its "
                 "criteria's maxima add up to 35, not the part's max 30")
    # Bands out of order: refused at the registration's line.
    shutil.rmtree(rules / "cchc-1131")
    shutil.copytree(SHIPPED, rules / "cchc-1131")
    edit(scoring, '{ ">=", 100, 8 }, { ">=", 98, 6 }',
         '{ ">=", 98, 8 }, { ">=", 100, 6 }')
    line = line_of(scoring, 'criterion { group = "xa", part = "III", '
                   'id = "3.1"')
    r = t.check(rules)
    h.expect_err(r, 1, f"cchc-1131/scoring.lua:{line}: criterion{{}}: "
                 "bands are not in order at band 2")


if __name__ == "__main__":
    sys.exit(SUITE.main())

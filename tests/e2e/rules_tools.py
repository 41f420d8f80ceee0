# SPDX-License-Identifier: MIT
"""End-to-end tests of the administrator's tools for rules: `rules diff`,
`rules new`, and what no cell of Excel holds (`rules check`, templates).

    python3 tests/e2e/rules_tools.py PATH/TO/baocao

On real rulesets: rules/cchc-1131 against tests/rules/test-2025, and
copies of cchc-1131 changed at test time as an administrator would change
them.  The template test reads workbooks with openpyxl and fills them
with scripts/fill-template (skipped without it).

Prints one line per test ("ok NAME", "FAIL NAME: why", "skip NAME:
why"), then "N passed, M failed"; exits 1 if any test failed.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import Skip, check, same  # noqa: E402

h.start("rules_tools.py PATH/TO/baocao")
SRC = h.SRC
SHIPPED = SRC / "rules" / "cchc-1131"
TEST_2025 = SRC / "tests" / "rules" / "test-2025"
UNITS = SRC / "examples" / "tan-ky-units.csv"
openpyxl = h.find_openpyxl()


class R(h.Case):
    def rules(self, *names):
        """A rules directory holding a copy of cchc-1131 under each name
        (its directive's id made the name's)."""
        rules = self.tmp / "rules"
        rules.mkdir(exist_ok=True)
        for name in names:
            shutil.copytree(SHIPPED, rules / name)
            if name != "cchc-1131":
                edit(rules / name / "ruleset.lua", 'id = "cchc-1131"',
                     f'id = "{name}"')
        return rules

    def run(self, *args, rules=None, **kw):
        return self.bc(*args, rules=rules, db=kw.pop("db", False), **kw)


def edit(path, old, new, count=1):
    """path with old replaced by new, which must be there."""
    text = path.read_text(encoding="utf-8")
    check(old in text, f"{path.name} has no {old!r} to change")
    path.write_text(text.replace(old, new, count), encoding="utf-8")


SUITE = h.Suite("rules_tools.py", R, prefix="bc-rules-tools-", workers=4)
test = SUITE.test


# ---- rules diff ------------------------------------------------------------

def changes(r):
    """The changes of `rules diff --json` as tuples of what scripts read."""
    return [(c["change"], c["what"], c["form"], c["field"], c["column"],
             c["id"], c["key"]) for c in json.loads(r.out)["changes"]]


@test
def diff_shipped_and_test_ruleset(t):
    """The shipped ruleset against the test-only one, each named by its
    directory: the directive, the Q1 deadline, the forms and the outline
    test-2025 does not have; the same from --json and in any language."""
    r = t.run("rules", "diff", SHIPPED, TEST_2025, "--json")
    h.expect_rc(r, 0)
    doc = json.loads(r.out)
    same(doc["a"]["ruleset"], "cchc-1131", "a")
    same(doc["b"]["ruleset"], "test-2025", "b")
    got = changes(r)
    check(("changed", "period_type", None, None, None, "Q1", "unit_due")
          in got, "the Q1 deadline is not a change")
    q1 = next(c for c in doc["changes"] if c["what"] == "period_type")
    same((q1["before"], q1["after"]), ("28/02/Y", "15/02/Y"), "Q1 due")
    check(("changed", "directive", None, None, None, None, "in_force.from")
          in got, "in_force.from is not a change")
    removed = [c[5] for c in got if c[:2] == ("removed", "form")]
    same(removed, ["bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7", "pl1a",
                   "pl1b"], "the forms test-2025 has not")
    check(any(c[1] == "section" for c in got), "the outline is no change")
    check(all(c["owed_by"] for c in doc["changes"]
              if c["what"].startswith("owed_")), "owed_by")
    vi = t.run("rules", "diff", SHIPPED, TEST_2025, "--json",
               env=t.env(LANGUAGE="vi", LANG="vi_VN.UTF-8"))
    same(vi.out, r.out, "--json in Vietnamese")
    text = t.run("rules", "diff", SHIPPED, TEST_2025)
    h.expect_rc(text, 0)
    check(re.search(r"changes\n", text.out.split("\n\n")[0] + "\n"),
          f"no summary line: {text.out[:200]!r}")
    check("  ~ Quý I năm {year} (Q1): unit_due: 28/02/Y → 15/02/Y"
          in text.out, f"the Q1 line: {text.out[:600]!r}")
    check("  ~ in_force.from: 01/01/2022 → 01/01/2025" in text.out,
          "dates are not day first")
    check("\nForms\n  - Biểu số 01 — Công tác chỉ đạo, điều hành CCHC (bm1)"
          in text.out, "the forms removed, by their names")


# A directive's worth of changes to a copy of cchc-1131, as an
# administrator writes them, and what `rules diff` must say of each.
CHANGES = [
    ("periods.lua", 'unit_due = "28/02/Y",', 'unit_due = "15/02/Y",'),
    ("ruleset.lua", 'role { id = "vhtt",    label = "Phòng Văn hóa - Thông tin" }',
     'role { id = "vhtt", label = "Phòng Văn hóa và Thông tin" }\n'
     'role { id = "tccb", label = "Phòng Tổ chức" }'),
    ("forms/bm1.lua", '"Số cuộc họp, hội nghị giao ban về CCHC",  ',
     '"Số cuộc họp giao ban về CCHC",'),
    ("forms/bm1.lua", '{ "sang_kien",',
     '{ "mo_hinh_moi", "Số mô hình mới", "int", "sum" },\n    { "sang_kien",'),
    ("forms/bm1.lua", 'check = "<= kt_ton_tai"', 'expect = "<= kt_ton_tai"'),
    ("forms/pl1b.lua", '{ "khac",       "Khác" },',
     '{ "khac", "Văn bản khác" }, { "huong_dan", "Hướng dẫn" },'),
    ("forms/pl1b.lua", '{ "bao_cao",    "Báo cáo" },', ''),
    ("responsibilities.lua", 'parts = { "bm7" }, ', 'parts = { "bm7", "bm1" },'),
    ("outline.lua", "- Xây dựng và ban hành kế hoạch CCHC năm",
     "- Xây dựng, ban hành kế hoạch CCHC năm"),
]

WANT = [
    ("changed", "period_type", None, None, None, "Q1", "unit_due"),
    ("changed", "role", None, None, None, "vhtt", "label"),
    ("added", "role", None, None, None, "tccb", None),
    ("changed", "field", "bm1", "hop_giao_ban", None, "hop_giao_ban",
     "label"),
    ("added", "field", "bm1", "mo_hinh_moi", None, "mo_hinh_moi", None),
    ("changed", "check", "bm1", "kt_da_xu_ly", None, "<= kt_ton_tai",
     "severity"),
    ("changed", "choice", "pl1b", "van_ban", "loai", "khac", "label"),
    ("added", "choice", "pl1b", "van_ban", "loai", "huong_dan", None),
    ("removed", "choice", "pl1b", "van_ban", "loai", "bao_cao", None),
    ("changed", "section", None, None, None, "A.I.2", "guidance"),
    ("added", "owed_part", None, None, None, "bm1", None),
]


@test
def diff_a_directive_changed(t):
    """A copy of cchc-1131 changed: every change listed where it is, with
    labels and names for people, ids for scripts, the same both ways
    round but for what was added and removed."""
    rules = t.rules("cchc-1131", "cchc-x")
    for path, old, new in CHANGES:
        edit(rules / "cchc-x" / path, old, new)
    # Each loaded alone: that both are in force from one day is no matter.
    r = t.run("rules", "diff", "cchc-1131", "cchc-x", "--json", rules=rules)
    h.expect_rc(r, 0)
    same(changes(r), WANT, "the changes")
    doc = json.loads(r.out)
    same(doc["changes"][10]["owed_by"], {"role": "vhtt"}, "who owes bm1")
    same(doc["changes"][5]["before"], "error", "check before")
    same(doc["changes"][5]["after"], "warning", "check after")
    back = t.run("rules", "diff", "cchc-x", "cchc-1131", "--json",
                 rules=rules)
    flipped = {"added": "removed", "removed": "added", "changed": "changed"}
    same(sorted(changes(back)),
         sorted((flipped[c[0]],) + c[1:] for c in WANT), "the other way")
    text = t.run("rules", "diff", "cchc-1131", "cchc-x", rules=rules).out
    for line in (
            "cchc-1131 → cchc-x: 11 changes\n",
            "\nRoles\n  ~ Phòng Văn hóa và Thông tin (vhtt): label: "
            "Phòng Văn hóa - Thông tin → Phòng Văn hóa và Thông tin\n"
            "  + Phòng Tổ chức (tccb)\n",
            "\nForm Biểu số 01 — Công tác chỉ đạo, điều hành CCHC (bm1)\n",
            "  + Số mô hình mới (mo_hinh_moi): int, sum\n",
            "  ~ Số tồn tại, hạn chế đã xử lý › check <= kt_ton_tai: "
            "severity: error → warning\n",
            "  - Loại văn bản › choice Báo cáo (bao_cao)\n",
            "\nResponsibilities\n  + Phòng Văn hóa và Thông tin (vhtt) "
            "owes Biểu số 01 (bm1)\n"):
        check(line in text, f"no {line!r} in:\n{text}")
    vi = t.run("rules", "diff", "cchc-1131", "cchc-x", rules=rules,
               env=t.env(LANGUAGE="vi", LANG="vi_VN.UTF-8")).out
    for line in ("cchc-1131 → cchc-x: 11 thay đổi\n", "\nVai trò\n",
                 "\nBiểu số 01 — Công tác chỉ đạo, điều hành CCHC (bm1)\n",
                 "\nTrách nhiệm báo cáo\n  + Phòng Văn hóa và Thông tin "
                 "(vhtt) phải gửi Biểu số 01 (bm1)\n"):
        check(line in vi, f"no {line!r} in Vietnamese:\n{vi}")


@test
def diff_renamed(t):
    """Forms and fields renamed (renamed_from, tests/rules/renamed-*): one
    change each, their other keys compared with what they were."""
    a, b = SRC / "tests/rules/renamed-2024", SRC / "tests/rules/renamed-2025"
    r = t.run("rules", "diff", a, b, "--json")
    h.expect_rc(r, 0)
    doc = json.loads(r.out)
    got = [(c["what"], c["form"], c["field"], c["before"], c["after"])
           for c in doc["changes"] if c["change"] == "renamed"]
    same(got, [("form", "dvc", None, "tthc", "dvc"),
               ("field", "dvc", "ho_so_nhan", "hs_tiep_nhan", "ho_so_nhan"),
               ("field", "dvc", "ho_so_ton", "hs_ton", "ho_so_ton"),
               ("field", "cb", "so_cb", "so_can_bo", "so_cb")], "renames")
    check(not [c for c in doc["changes"] if c["what"] == "form"
               and c["change"] in ("added", "removed")],
          "a renamed form read as one removed and one added")
    text = t.run("rules", "diff", a, b).out
    check("  ~ Tổng số hồ sơ tiếp nhận (ho_so_nhan): renamed from "
          "hs_tiep_nhan\n" in text, text)


@test
def diff_no_change(t):
    """A ruleset and its copy under another name: no change, exit 0."""
    rules = t.rules("cchc-1131", "cchc-copy")
    r = t.run("rules", "diff", "cchc-1131", "cchc-copy", rules=rules)
    h.expect_rc(r, 0)
    same(r.out, "cchc-1131 → cchc-copy: no changes\n", "text")
    r = t.run("rules", "diff", "cchc-1131", "cchc-copy", "--json",
              rules=rules)
    same(json.loads(r.out)["changes"], [], "--json")


@test
def diff_a_stored_version(t):
    """ID@HASH: the version the database keeps, against the directory
    edited since; ID@ lists what it keeps, a hash it does not is a usage
    error; without a database, exit 3."""
    rules = t.rules("cchc-1131")
    t.ok("init", rules=rules)
    kept = t.json("rules", "show", "cchc-1131", rules=rules)
    edit(rules / "cchc-1131" / "periods.lua", 'unit_due = "28/02/Y",',
         'unit_due = "20/02/Y",')
    prefix = kept["directive"]["hash"][:10]
    r = t.bc("rules", "diff", f"cchc-1131@{prefix}", "cchc-1131", "--json",
             rules=rules)
    h.expect_rc(r, 0)
    same(changes(r), [("changed", "period_type", None, None, None, "Q1",
                       "unit_due")], "the stored version against now")
    same(json.loads(r.out)["a"]["hash"], kept["directive"]["hash"],
         "the version compared")
    r = t.bc("rules", "diff", "cchc-1131@", "cchc-1131", rules=rules)
    h.expect_err(r, 2, f"cchc-1131@{kept['directive']['hash'][:12]}",
                 "recorded")
    r = t.bc("rules", "diff", "cchc-1131@0000", "cchc-1131", rules=rules)
    h.expect_err(r, 2, "no version the database keeps")
    r = t.bc("rules", "diff", "cchc-1131@", "cchc-1131", rules=rules,
             db=t.tmp / "none.db")
    h.expect_rc(r, 3)


@test
def diff_refusals(t):
    rules = t.rules("cchc-1131")
    h.expect_err(t.run("rules", "diff", "cchc-1131", "nope", rules=rules),
                 2, "no ruleset 'nope'")
    h.expect_rc(t.run("rules", "diff", "cchc-1131", rules=rules), 2)
    (t.tmp / "empty").mkdir()
    h.expect_err(t.run("rules", "diff", "cchc-1131", t.tmp / "empty",
                       rules=rules), 3, "not a ruleset directory")


# ---- rules new ---------------------------------------------------------------

FILLED = [('  title = "",', '  title = "Hướng dẫn báo cáo CCHC năm 2025",'),
          ('  reference = "",', '  reference = "2201/SNV-CCHC",'),
          ('  issued = "",', '  issued = "2024-12-05",'),
          ('in_force = { from = "" }', 'in_force = { from = "2025-01-01" }')]


@test
def new_directive_to_fill(t):
    """rules new copies cchc-1131 under the new id; rules check then says
    exactly what is left, at the line of directive{}, and every command
    that reads the rules stops; filled in, it supersedes cchc-1131 from
    its date and differs from it by its directive alone."""
    rules = t.rules("cchc-1131")
    r = t.run("rules", "new", "cchc-2025", "--from", "cchc-1131", "--json",
              rules=rules)
    h.expect_rc(r, 0)
    made = json.loads(r.out)
    same(made["to_fill"], ["title", "reference", "issued", "in_force.from"],
         "to fill")
    same((made["ruleset"], made["from"], made["directive"]["file"]),
         ("cchc-2025", "cchc-1131", "ruleset.lua"), "made")
    same(made["files"], len(list(SHIPPED.rglob("*.lua"))), "files copied")
    line = made["directive"]["line"]
    new = rules / "cchc-2025"
    for f in SHIPPED.rglob("*.lua"):
        if f.name != "ruleset.lua":
            same((new / f.relative_to(SHIPPED)).read_bytes(), f.read_bytes(),
                 f"{f.name} copied")
    r = t.run("rules", "check", rules=rules)
    h.expect_rc(r, 1)
    errors = [x for x in r.err.split("\n") if x.startswith("cchc-2025/")]
    same(errors, [f"cchc-2025/ruleset.lua:{line}: directive{{}}: {k} is to "
                  "be filled in" for k in made["to_fill"]],
         "what rules check says is left")
    h.expect_rc(t.run("rules", "list", rules=rules), 3)
    lua = new / "ruleset.lua"
    for old, filled in FILLED:
        edit(lua, old, filled)
    h.expect_rc(t.run("rules", "check", rules=rules), 0)
    listed = {x["id"]: x for x in t.json("rules", "list", rules=rules,
                                           db=False)["rulesets"]}
    same(listed["cchc-2025"]["supersedes"], "cchc-1131", "supersedes")
    same(listed["cchc-1131"]["in_force"]["to"], "2024-12-31",
         "cchc-1131 ends the day before")
    r = t.run("rules", "diff", "cchc-1131", "cchc-2025", "--json",
              rules=rules)
    same(sorted({c[1] for c in changes(r)}), ["directive"],
         "what differs from the source")
    # Text: what was made and what is left, in the reader's language.
    r = t.run("rules", "new", "cchc-2026", "--from", "cchc-2025",
              rules=rules, env=t.env(LANGUAGE="vi", LANG="vi_VN.UTF-8"))
    h.expect_rc(r, 0)
    check("title, reference, issued, in_force.from" in r.out, r.out)
    check("điền" in r.out, f"not Vietnamese: {r.out}")
    check('supersedes = "cchc-2025"' in (rules / "cchc-2026" /
                                         "ruleset.lua").read_text(), "2026")


@test
def new_refusals(t):
    """Never over anything, never a bad id, never without --from; what
    is refused leaves the rules directory as it was."""
    rules = t.rules("cchc-1131")
    (rules / "taken").mkdir()
    (rules / "taken" / "notes.txt").write_text("kept")
    before = sorted(p.relative_to(rules) for p in rules.rglob("*"))
    h.expect_err(t.run("rules", "new", "taken", "--from", "cchc-1131",
                       rules=rules), 1, "already there")
    h.expect_err(t.run("rules", "new", "cchc-1131", "--from", "cchc-1131",
                       rules=rules), 1, "already there")
    for bad in ("Cchc", "../x", "_common", "a b", "x@y"):
        h.expect_err(t.run("rules", "new", bad, "--from", "cchc-1131",
                           rules=rules), 2, "cannot name a ruleset")
    h.expect_err(t.run("rules", "new", "x", rules=rules), 2, "--from")
    h.expect_err(t.run("rules", "new", "x", "--from", "nope", rules=rules),
                 2, "no ruleset 'nope'")
    h.expect_rc(t.run("rules", "show", "cchc-1131", "--from", "x",
                      rules=rules), 2)
    same(sorted(p.relative_to(rules) for p in rules.rglob("*")), before,
         "the rules directory")
    same((rules / "taken" / "notes.txt").read_text(), "kept", "kept")


# ---- what no cell holds ------------------------------------------------------

# 46,508 characters: more than an Excel cell holds.
LONG = ('section { id = "A.I.9", title = "Nội dung dài",\n'
        '  guidance = string.rep("Hướng dẫn rất dài, từng đoạn một. ", 1400)'
        ' .. "Hết." }\n')


def long_rules(t):
    rules = t.rules("cchc-1131")
    outline = rules / "cchc-1131" / "outline.lua"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text + LONG, encoding="utf-8")
    return rules, len(text.split("\n"))


@test
def long_guidance_checked_and_written(t):
    """A guidance longer than a cell: rules check warns at its line; the
    template, which failed (exit 3) for every unit, is written with the
    guidance over rows, whole; filled and sent back, it is accepted."""
    rules, line = long_rules(t)
    r = t.run("rules", "check", rules=rules)
    h.expect_err(r, 0, f"cchc-1131/outline.lua:{line}: warning: section "
                 "A.I.9: its guidance is")
    t.ok("init", rules=rules)
    t.ok("units", "import", UNITS, rules=rules)
    out = t.tmp / "xa-tien-ky.xlsx"
    t.ok("template", "--unit", "xa-tien-ky", "--period", "2023-Q1", "-o",
         out, rules=rules)
    if openpyxl is None:
        raise Skip("openpyxl is missing (Debian: python3-openpyxl)")
    wb = openpyxl.load_workbook(out)
    want = "Hướng dẫn rất dài, từng đoạn một. " * 1400 + "Hết."
    pieces = [c.value for ws in wb.worksheets for row in ws.iter_rows()
              for c in row if isinstance(c.value, str)
              and len(c.value) > 40 and c.value in want]
    check(len(pieces) > 2, f"the guidance in {len(pieces)} cells")
    check(all(len(p) <= 32767 for p in pieces), "a piece too long")
    whole = " ".join(pieces)
    at = next((i for i, (a, b) in enumerate(zip(whole, want)) if a != b),
              min(len(whole), len(want)))
    check(whole == want, f"the guidance, whole: {len(whole)} characters "
          f"of {len(want)}, first unlike at {at}: {whole[at - 20:at + 20]!r}")
    # Filled through the map twice, the report's cell beside the long
    # guidance read back each time: the second revision changes it.
    sub = json.loads((SRC / "examples" / "2023-Q1-workbook" /
                      "xa-tien-ky.json").read_text(encoding="utf-8"))
    for n, (text, at) in enumerate((("Đã thực hiện.", "2023-02-20T09:00"),
                                     ("Đã thực hiện đầy đủ.",
                                      "2023-02-21T09:00"))):
        sub.setdefault("report", {})["A.I.9"] = text
        (t.tmp / "sub.json").write_text(json.dumps(sub, ensure_ascii=False),
                                        encoding="utf-8")
        filled = t.tmp / f"filled-{n}.xlsx"
        p = subprocess.run([str(SRC / "scripts" / "fill-template"), str(out),
                            str(t.tmp / "sub.json"), str(filled)],
                           capture_output=True, text=True)
        same(p.returncode, 0, f"fill-template: {p.stderr}")
        t.ok("import", filled, "--received-at", at, rules=rules)
    hist = t.json("history", "xa-tien-ky", "2023-Q1", "report", rules=rules)
    same(hist["revisions"][-1]["changes"],
         [{"field": "A.I.9", "from": "Đã thực hiện.",
           "to": "Đã thực hiện đầy đủ."}],
         "the section written beside the long guidance")


@test
def long_label_is_an_error(t):
    """A label no cell holds: rules check fails, naming its form, field,
    file and line."""
    rules = t.rules("cchc-1131")
    edit(rules / "cchc-1131" / "forms" / "bm1.lua",
         '"Số cuộc họp, hội nghị giao ban về CCHC",',
         'string.rep("Số cuộc họp, ", 3000),')
    r = t.run("rules", "check", rules=rules)
    h.expect_err(r, 1, "cchc-1131/forms/bm1.lua:", "bm1.hop_giao_ban: its "
                 f"label is {len('Số cuộc họp, ') * 3000} characters")


if __name__ == "__main__":
    sys.exit(SUITE.main())

# SPDX-License-Identifier: MIT
"""End-to-end tests of a directive that arrives late: `period rules`.

    python3 tests/e2e/repoint.py PATH/TO/baocao

2023-Q1 is recorded under the test ruleset late-old (the district's
letter); then late-new (the directive issued on 10 May 2023, in force
for 2023-Q1) is added to the rules directory (tests/rules, and the
submissions of tests/data/repoint, whose README says what each is for).
Checked: the recorded period keeps late-old and `rules list` and
`period show` say so, naming the command; `period rules` without
--apply lists what late-new refuses and what would change, and changes
nothing; --apply is refused while a submission fails, unless --force;
the move is kept with its document, in the audit and in `period show`;
status, aggregate and export follow late-new; the version left stays
stored; Vietnamese text, and --json the same in every language.

Runs on harness.py; standard library only."""

import json
import os
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from harness import check, expect_err, expect_rc, parse_json, same  # noqa: E402

h.start("repoint.py PATH/TO/baocao")
DATA = h.SRC / "tests" / "data" / "repoint"
RULES = h.SRC / "tests" / "rules"
DOC = "Công văn số 1131/SNV-CCHC ngày 10/5/2023 của Sở Nội vụ"
VIETNAMESE = {"LANGUAGE": "vi", "LC_ALL": "", "LANG": "vi_VN.UTF-8"}
ENGLISH = {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


class T(h.Case):
    """A test's directory: the rules without late-new (old/) and with it
    (both/), the database, and baocao run on the second unless told."""

    def __init__(self, tmp):
        super().__init__(tmp)
        self.old = self.tmp / "old"
        self.both = self.tmp / "both"
        for d, names in ((self.old, ["late-old"]),
                         (self.both, ["late-old", "late-new"])):
            d.mkdir()
            for n in names:
                (d / n).symlink_to(RULES / n, target_is_directory=True)

    def bc(self, *args, rules=None, **kw):
        return super().bc(*args, rules=rules or self.both, **kw)

    def recorded(self):
        """2023-Q1 recorded under late-old with the three submissions."""
        self.ok("init", rules=self.old)
        self.ok("units", "import", DATA / "units.csv", rules=self.old)
        self.ok("import", DATA / "xa-ky-son.json", DATA / "xa-tien-ky.json",
                DATA / "noi-vu.json", rules=self.old)

    def show(self, period="2023-Q1", **kw):
        return self.json("period", "show", period, **kw)

    def rows(self, sql):
        with sqlite3.connect(self.db) as c:
            return c.execute(sql).fetchall()

    def dump(self):
        """Everything the database holds, as SQL."""
        with sqlite3.connect(self.db) as c:
            return list(c.iterdump())

    def move(self, *extra):
        return self.bc("period", "rules", "2023-Q1", "--doc", DOC,
                       "--apply", *extra)


SUITE = h.Suite("repoint.py", T, prefix="bc-repoint-")
test = SUITE.test


def ruleset_of(t):
    return t.show()["ruleset"]


@test
def recorded_period_keeps_its_rules_and_says_so(t):
    t.recorded()
    check(ruleset_of(t) == "late-old", f"2023-Q1 under {ruleset_of(t)!r}")
    r = t.ok("period", "show", "2023-Q1")
    for s in ("warning: 2023-Q1 follows late-old", "late-new",
              "'baocao period rules 2023-Q1'", "--doc REF --apply"):
        check(s in r.err, f"period show does not warn {s!r}: {r.err!r}")
    r = t.ok("rules", "list")
    check("warning: 2023-Q1 follows late-old" in r.err
          and "baocao period rules 2023-Q1" in r.err,
          f"rules list does not warn: {r.err!r}")
    j = t.json("rules", "list")
    same([(p["period"], p["ruleset"], p["in_force"]["ruleset"])
          for p in j["periods_to_move"]],
         [("2023-Q1", "late-old", "late-new")], "rules list periods_to_move")
    check(t.show()["ruleset_in_force"]["ruleset"] == "late-new",
          "period show --json has no ruleset_in_force")
    # Under the rules it was recorded with: nothing to say.
    r = t.ok("rules", "list", rules=t.old)
    check("warning" not in r.err, f"rules list under late-old: {r.err!r}")
    same(t.json("rules", "list", rules=t.old)["periods_to_move"], [],
         "periods_to_move under late-old alone")
    # Without a database rules list still works, and warns of nothing.
    r = t.ok("rules", "list", db=t.tmp / "none.db")
    check("warning" not in r.err and not (t.tmp / "none.db").exists(),
          f"rules list without a database: {r.err!r}")


@test
def dry_run_lists_failures_and_changes_nothing(t):
    t.recorded()
    before = t.dump()
    r = t.ok("period", "rules", "2023-Q1")
    for s in ("late-old", "late-new", "1 refused",
              "xa-tien-ky (Xã Tiên Kỳ): ",
              "xa-tien-ky.json: Biểu số 01 (revision 1), Báo cáo bằng văn "
              "bản (revision 1)",
              "hs.hs_tiep_nhan: Biểu số 01",
              '"Tổng số hồ sơ tiếp nhận": required',
              "units due: 28/02/2023 → 20/02/2023",
              "no longer asked: Biểu số 02", "sent before by",
              "asked now, not sent: Biểu số 03",
              "xa-ky-son (Xã Kỳ Sơn): on time → partial"):
        check(s in r.out, f"the dry run does not say {s!r}:\n{r.out}")
    check("dry run, nothing moved" in r.err, f"stderr: {r.err!r}")
    j = t.json("period", "rules", "2023-Q1")
    same((j["from"]["ruleset"], j["to"]["ruleset"], j["applied"],
          j["in_force"], j["checked"], j["doc"]),
         ("late-old", "late-new", False, False, 3, None), "the dry run's JSON")
    f = j["failing"]
    same([(x["unit"], x["file"].endswith("xa-tien-ky.json"), x["revisions"])
          for x in f], [("xa-tien-ky", True, "hs r1, report r1")],
         "failing submissions")
    p = f[0]["problems"][0]
    same((p["severity"], p["form"], p["field"], p["number"],
          p["message"].startswith("required")),
         ("error", "hs", "hs_tiep_nhan", 1, True), "the problem, by its ids")
    ch = j["changes"]
    same(ch["unit_due"], {"was": "2023-02-28", "now": "2023-02-20"},
         "unit_due")
    same(ch["no_longer_asked"],
         [{"part": "vb", "units": ["tt-tan-ky", "xa-ky-son", "xa-tien-ky"],
           "received": ["xa-ky-son", "xa-tien-ky"]}], "no_longer_asked")
    same(ch["now_asked"],
         [{"part": "cds", "units": ["tt-tan-ky", "xa-ky-son", "xa-tien-ky"]}],
         "now_asked")
    same(ch["states"],
         [{"unit": "xa-ky-son", "was": "on_time", "now": "partial"},
          {"unit": "xa-tien-ky", "was": "on_time", "now": "partial"}],
         "states")
    # A dry run with the document names it, and still moves nothing.
    j = t.json("period", "rules", "2023-Q1", "--doc", DOC)
    check(j["doc"] == DOC and not j["applied"], f"with --doc: {j}")
    check(t.dump() == before, "the dry run changed the database")
    check(ruleset_of(t) == "late-old", "the dry run moved 2023-Q1")


@test
def apply_refused_while_submissions_fail(t):
    t.recorded()
    before = t.dump()
    r = t.move()
    expect_err(r, 1, "submissions in force that fail the rules of late-new",
               "nothing was moved", "--force")
    check("xa-tien-ky" in r.out, f"the refusal does not list why: {r.out!r}")
    check(t.dump() == before, "a refused move changed the database")
    check(ruleset_of(t) == "late-old", "a refused move moved 2023-Q1")


@test
def usage_errors(t):
    t.recorded()
    for args, what in ((["--apply"], "--doc"),
                       (["--force"], "--force goes with --apply"),
                       (["--doc", DOC, "--force"], "--apply")):
        r = t.bc("period", "rules", "2023-Q1", *args)
        expect_err(r, 2, what)
    expect_err(t.bc("period", "rules"), 2, "which period")
    expect_err(t.bc("period", "rules", "2023-XX"), 2, "2023-XX")
    expect_err(t.bc("period", "rules", "Q1-2023"), 2, "not a period code")
    r = t.ok("period", "rules", "--help")
    check("--apply" in r.out and "--force" in r.out, f"help: {r.out!r}")
    r = t.ok("period", "--help")
    check("period rules PERIOD" in r.out, f"period help: {r.out!r}")
    check(ruleset_of(t) == "late-old", "a usage error moved 2023-Q1")


@test
def apply_moves_and_the_period_follows_the_new_rules(t):
    t.recorded()
    r = t.move("--force")
    expect_rc(r, 0)
    check("now governed by late-new" in r.err and DOC in r.err,
          f"stderr: {r.err!r}")
    p = t.show()
    same((p["ruleset"], p["unit_due"], p["window"]),
         ("late-new", "2023-02-20",
          {"from": "2022-12-10", "to": "2023-03-10"}), "2023-Q1 moved")
    check("ruleset_in_force" not in p, f"still not in force: {p}")
    moves = p["ruleset_moves"]
    same([(m["from"]["ruleset"], m["to"]["ruleset"], m["doc"], m["by"],
           m["moved_at"], m["failing"]) for m in moves],
         [("late-old", "late-new", DOC, "e2e", "2023-05-15T09:00:00+07:00",
           1)], "ruleset_moves")
    r = t.ok("period", "show", "2023-Q1")
    check("rules moved 15/05/2023 09:00 from late-old" in r.out
          and DOC in r.out, f"period show text: {r.out!r}")
    check("warning" not in r.err, f"period show warns still: {r.err!r}")
    same(t.json("rules", "list")["periods_to_move"], [], "periods_to_move")
    # Nothing more to move: said, exit 0, nothing recorded.
    r = t.move()
    expect_rc(r, 0)
    check("nothing to move" in r.out, f"moved again: {r.out!r}")
    same(t.rows("SELECT count(*) FROM period_move"), [(1,)], "moves")

    s = t.json("status", "2023-Q1", "--as-of", "2023-05-15")
    check(s["unit_due"] == "2023-02-20", f"status due {s['unit_due']}")
    units = {u["unit"]: u for u in s["units"]}
    same(units["xa-ky-son"]["required"], ["report", "hs", "cds"],
         "xa-ky-son owes late-new's parts")
    same((units["xa-ky-son"]["state"], units["noi-vu"]["state"]),
         ("partial", "on_time"), "states under late-new")
    check("report" in units["xa-ky-son"]["missing"],
          "the report lacking section III is still counted complete")
    a = t.json("aggregate", "2023-Q1")
    same((a["ruleset"], sorted(a["forms"])), ("late-new", ["cds", "hs"]),
         "aggregate under late-new")
    t.ok("export", "2023-Q1", "--format", "json", "-o", "q1.json")
    e = json.loads((t.tmp / "q1.json").read_text("utf-8"))
    check("vb" not in json.dumps(e["forms"]) and "cds" in e["forms"],
          "the export does not follow late-new")


@test
def move_in_the_audit_and_old_version_kept(t):
    t.recorded()
    old = t.json("rules", "list")["periods_to_move"][0]["version"]
    expect_rc(t.move("--force"), 0)
    rows = t.rows("SELECT actor, object, detail FROM audit"
                  " WHERE action = 'period.rules'")
    check(len(rows) == 1, f"audit: {rows}")
    actor, obj, detail = rows[0]
    new = t.show()["ruleset_moves"][0]["to"]["version"]
    same((actor, obj), ("e2e", "2023-Q1"), "who and what")
    for s in (DOC, f"late-old {old}", f"late-new {new}"):
        check(s in detail, f"the audit does not say {s!r}: {detail!r}")
    same(sorted(t.rows("SELECT code, hash FROM ruleset")),
         sorted([("late-new", new), ("late-old", old)]),
         "both versions recorded")
    files = t.rows("SELECT count(*) FROM ruleset_file f JOIN ruleset r"
                   f" ON r.id = f.ruleset_id WHERE r.hash = '{old}'")
    check(files[0][0] >= 1, "the sources of late-old are gone")
    r = t.ok("check")
    check("audit chain is whole" in r.err + r.out, f"check: {r.err!r}")


@test
def moved_when_nothing_fails(t):
    """A corrected Biểu số 01 of xa-tien-ky, sent before the move, is
    the revision in force: nothing fails, no --force is needed."""
    t.recorded()
    fixed = json.loads((DATA / "xa-tien-ky.json").read_text("utf-8"))
    fixed["forms"]["hs"]["hs_tiep_nhan"] = 42
    fixed["received_at"] = "2023-02-16T10:00:00+07:00"
    (t.tmp / "sua-doi.json").write_text(json.dumps(fixed, ensure_ascii=False),
                                        "utf-8")
    t.ok("import", "sua-doi.json", rules=t.old)
    j = t.json("period", "rules", "2023-Q1", "--doc", DOC, "--apply")
    same((j["applied"], j["failing"], j["checked"]), (True, [], 3),
         "the move of clean submissions")
    check(ruleset_of(t) == "late-new", "not moved")


@test
def another_version_of_the_same_rules(t):
    t.recorded()
    edited = t.tmp / "edited"
    edited.mkdir()
    src = (RULES / "late-old" / "ruleset.lua").read_text("utf-8")
    (edited / "late-old").mkdir()
    (edited / "late-old" / "ruleset.lua").write_text(
        src.replace('unit_due = "28/02/Y"', 'unit_due = "27/02/Y"'), "utf-8")
    r = t.ok("period", "show", "2023-Q1", rules=edited)
    check("warning: 2023-Q1 follows late-old" in r.err
          and "in force for it now is late-old" in r.err,
          f"another version is not warned of: {r.err!r}")
    j = t.json("period", "rules", "2023-Q1", "--doc", DOC, "--apply",
               rules=edited)
    same((j["applied"], j["failing"], j["changes"]["unit_due"]),
         (True, [], {"was": "2023-02-28", "now": "2023-02-27"}),
         "moved to the new version")
    moves = t.show(rules=edited)["ruleset_moves"]
    check(moves[0]["from"]["version"] != moves[0]["to"]["version"]
          and moves[0]["to"]["ruleset"] == "late-old", f"moves: {moves}")


@test
def nothing_to_move(t):
    t.recorded()
    # Not recorded: it follows the rules in force already.
    j = t.json("period", "rules", "2023-H1", "--doc", DOC, "--apply")
    same((j["recorded"], j["in_force"], j["applied"], j["to"]["ruleset"],
          j["changes"]), (False, True, False, "late-new", None),
         "a period not recorded")
    # A type no ruleset in force now knows: refused, kept.
    only = t.tmp / "only"
    only.mkdir()
    (only / "late-new").symlink_to(RULES / "late-new",
                                   target_is_directory=True)
    t.ok("period", "advance", "2022-H1", "--due", "2022-05-20", "--doc",
         "CV 1", rules=t.old)
    r = t.bc("period", "rules", "2022-H1", rules=only)
    expect_err(r, 1, "no ruleset in force for it now", "late-old")


@test
def words_in_vietnamese_json_the_same(t):
    t.recorded()
    vi = t.bc("period", "rules", "2023-Q1", env=t.env(**VIETNAMESE))
    expect_rc(vi, 0)
    for s in ("Những thay đổi theo late-new", "hạn đơn vị nộp: 28/02/2023 "
              "→ 20/02/2023", "không còn yêu cầu: Biểu số 02",
              "bắt buộc phải điền"):
        check(s in vi.out, f"Vietnamese dry run lacks {s!r}:\n{vi.out}")
    check("chạy thử, chưa chuyển gì" in vi.err, f"stderr: {vi.err!r}")
    r = t.bc("rules", "list", env=t.env(**VIETNAMESE))
    check("cảnh báo: 2023-Q1 đang theo late-old" in r.err,
          f"rules list in Vietnamese: {r.err!r}")
    r = t.bc("period", "rules", "2023-Q1", "--doc", DOC, "--apply",
             env=t.env(**VIETNAMESE))
    expect_err(r, 1, "chưa chuyển gì (--force vẫn chuyển kỳ)")
    a = t.bc("period", "rules", "2023-Q1", "--json",
             env=t.env(**VIETNAMESE))
    b = t.bc("period", "rules", "2023-Q1", "--json", env=t.env(**ENGLISH))
    same(parse_json(a), parse_json(b), "--json under vi and en")


sys.exit(SUITE.main())

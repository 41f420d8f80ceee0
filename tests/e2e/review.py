# SPDX-License-Identifier: MIT
"""End-to-end tests of the follow-up of a period: `review return`,
`review accept`, `revision void` and `status --since`.

    python3 tests/e2e/review.py PATH/TO/baocao

On the sample district (examples/tan-ky-units.csv, examples/2023-Q1):
a returned part stops counting as received (status, its --json with the
reason, the aggregate, the exports) until the unit sends a new
revision, and shows in history with its actor; an acceptance shows in
status --json and history; a void puts the revision before in force
(or none); --since lists what arrived, was returned or voided; and
every refusal (a second return, an empty reason, a part never sent, an
unknown unit or part, a void of a void) exits 1 or 2 with a message and
leaves the database as it was, byte for byte.

Runs on harness.py; standard library only."""

import json
import os
import pwd
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from harness import check, expect_err, expect_rc, parse_json, same  # noqa: E402

h.start("review.py PATH/TO/baocao")
EX = h.SRC / "examples"
P, ASOF = "2023-Q1", "2023-03-10"
REASON = "Số liệu chưa khớp, đề nghị rà soát"
VIETNAMESE = {"LANGUAGE": "vi", "LC_ALL": "", "LANG": "vi_VN.UTF-8"}


class T(h.Case):
    def district(self):
        """The sample district with this quarter's submissions: xa-ky-son
        sent bm3 twice (r2 on 06/03/2023), xa-tien-ky nothing."""
        self.ok("init")
        self.ok("units", "import", EX / "tan-ky-units.csv")
        self.ok("import", *sorted((EX / "2023-Q1").iterdir()))

    def status(self, *extra):
        return self.json("status", P, "--as-of", ASOF, *extra)

    def unit(self, code, *extra):
        return next(u for u in self.status(*extra)["units"]
                    if u["unit"] == code)

    def dump(self):
        """Everything the database holds, as SQL."""
        with sqlite3.connect(self.db) as c:
            return list(c.iterdump())

    def bm3(self, **kw):
        """The district's bm3.hs_tiep_nhan (xa level), and the units
        missing bm3, by the aggregate."""
        a = self.json("aggregate", P, **kw)
        return (a["forms"]["bm3"]["fields"]["hs_tiep_nhan"]["xa"],
                a["missing_units"].get("bm3", []))


SUITE = h.Suite("review.py", T, prefix="bc-review-")
test = SUITE.test


def form(name, part="bm3"):
    return json.loads((EX / "2023-Q1" / name).read_text("utf-8"))["forms"][part]


@test
def returned_part_stops_counting_until_a_new_revision(t):
    t.district()
    before = t.status()
    figure, missing = t.bm3()
    check("xa-ky-son" not in missing, f"bm3 missing before: {missing}")
    r = t.bc("review", "return", "xa-ky-son", P, "bm3", "--reason", REASON)
    expect_rc(r, 0)
    check(REASON in r.err and "Biểu số 03" in r.err,
          f"review return says what it did: {r.err!r}")
    s = t.status()
    u = next(u for u in s["units"] if u["unit"] == "xa-ky-son")
    check("bm3" not in u["received"] and "bm3" in u["missing"],
          f"a returned bm3 still received: {u}")
    same(u["state"], "partial", "xa-ky-son's state")
    same(u["returned"]["bm3"],
         {"at": "2023-05-15T09:00:00+07:00", "by": "e2e", "reason": REASON,
          "revision": 2, "received_at": "2023-02-20T11:50:00+07:00"},
         "the return in status --json")
    same(s["summary"]["complete"], before["summary"]["complete"] - 1,
         "complete after the return")
    # The aggregate and the export leave its figures out.
    got, missing = t.bm3()
    same(got, figure - form("xa-ky-son.sua-doi-bm3.json")["hs_tiep_nhan"],
         "the district's bm3 without xa-ky-son's")
    check("xa-ky-son" in missing, f"bm3 missing: {missing}")
    t.ok("export", P, "--format", "json", "-o", t.tmp / "e.json")
    e = json.loads((t.tmp / "e.json").read_text("utf-8"))
    same(e["forms"]["bm3"]["fields"]["hs_tiep_nhan"]["xa"], got,
         "the export's bm3")
    # Text: the part, when and why.
    r = t.ok("status", P)
    line = next(x for x in r.out.splitlines() if x.startswith("xa-ky-son"))
    check("Biểu số 03 (returned 15/05/2023: " + REASON + ")" in line,
          f"status text: {line!r}")
    r = t.ok("history", "xa-ky-son", P, "bm3")
    check(f"returned to the unit 15/05/2023 09:00 by e2e: {REASON}" in r.out,
          f"history: {r.out}")
    h_ = t.json("history", "xa-ky-son", P, "bm3")
    same(h_["revisions"][1]["reviews"],
         [{"verdict": "return", "at": "2023-05-15T09:00:00+07:00",
           "by": "e2e", "reason": REASON}], "history --json's reviews")
    # As of a day before revision 2 came, revision 1 was in force: it
    # was not the one returned.
    u = t.unit("xa-ky-son", "--as-of", "2023-03-05")
    same(u["received"]["bm3"]["revision"], 1, "bm3 as of 05/03/2023")
    check("returned" not in u, f"as of 05/03/2023: {u}")

    # The unit sends bm3 again: it counts, timeliness still its first.
    again = json.loads((EX / "2023-Q1" / "xa-ky-son.sua-doi-bm3.json")
                       .read_text("utf-8"))
    again["received_at"] = "2023-05-16T08:00:00+07:00"
    again["forms"]["bm3"]["hs_bcci"] += 1
    (t.tmp / "r3.json").write_text(json.dumps(again, ensure_ascii=False),
                                   "utf-8")
    later = t.env(BAOCAO_NOW="2023-05-16T09:00:00+07:00")
    t.ok("import", t.tmp / "r3.json", env=later)
    u = next(u for u in t.json("status", P, env=later)["units"]
             if u["unit"] == "xa-ky-son")
    same(u["received"]["bm3"],
         {"revision": 3, "received_at": "2023-02-20T11:50:00+07:00",
          "on_time": True}, "bm3 sent again")
    check("returned" not in u and u["state"] == "on_time",
          f"after a new revision: {u}")
    got, missing = t.bm3(env=later)
    same(got, figure, "the district's bm3 with r3")
    check("xa-ky-son" not in missing, f"bm3 missing with r3: {missing}")


@test
def acceptance_shows_with_its_actor(t):
    t.district()
    r = t.bc("review", "accept", "xa-ky-son", P, "bm1", "--by", "Lê Thị Bình")
    expect_rc(r, 0)
    same(t.unit("xa-ky-son")["received"]["bm1"]["accepted"],
         {"at": "2023-05-15T09:00:00+07:00", "by": "Lê Thị Bình",
          "reason": ""}, "the acceptance in status --json")
    r = t.ok("history", "xa-ky-son", P, "bm1")
    check("accepted 15/05/2023 09:00 by Lê Thị Bình" in r.out,
          f"history: {r.out}")
    rows = t.json("status", P, "--since", "2023-05-15")["events"]
    same(rows, [{"at": "2023-05-15T09:00:00+07:00", "event": "accepted",
                 "unit": "xa-ky-son", "part": "bm1", "revision": 1,
                 "by": "Lê Thị Bình", "reason": ""}], "--since's events")
    # Every part the unit sent, none named: the other eight.
    j = t.json("review", "accept", "xa-ky-son", P)
    same(len(j["revisions"]), 8, f"review accept of every part: {j}")
    with sqlite3.connect(t.db) as c:
        same(c.execute("SELECT count(*) FROM audit WHERE action ="
                       " 'review.accept'").fetchone()[0], 2,
             "audit entries of the acceptances")
    # Without --by, $BAOCAO_USER nor $USER: the account running it.
    env = {k: v for k, v in t.env().items()
           if k not in ("BAOCAO_USER", "USER")}
    j = t.json("review", "accept", "xa-tan-an", P, "bm1", env=env)
    same(j["by"], pwd.getpwuid(os.getuid()).pw_name, "the OS user")


@test
def void_puts_the_revision_before_in_force(t):
    t.district()
    figure, _ = t.bm3()
    first, second = form("xa-ky-son.json"), form("xa-ky-son.sua-doi-bm3.json")
    r = t.bc("--json", "revision", "void", "xa-ky-son", P, "bm3", "--reason",
             "Nhầm đơn vị")
    expect_rc(r, 0)
    same(parse_json(r), {"unit": "xa-ky-son", "period": P, "part": "bm3",
                         "revision": 2, "reason": "Nhầm đơn vị", "by": "e2e"},
         "revision void --json")
    same(t.unit("xa-ky-son")["received"]["bm3"]["revision"], 1,
         "bm3 in force after the void")
    same(t.bm3()[0], figure - second["hs_tiep_nhan"] + first["hs_tiep_nhan"],
         "the district's bm3 after the void")
    h_ = t.json("history", "xa-ky-son", P, "bm3")["revisions"]
    same([(x["revision"], x["in_force"], x["void"]) for x in h_],
         [(1, True, None),
          (2, False, {"at": "2023-05-15T09:00:00+07:00", "by": "e2e",
                      "reason": "Nhầm đơn vị"})], "history after the void")
    r = t.ok("history", "xa-ky-son", P, "bm3")
    check("void since 15/05/2023 09:00, by e2e: Nhầm đơn vị" in r.out,
          f"history: {r.out}")
    # The only one left: the part is missing again.
    t.ok("revision", "void", "xa-ky-son", P, "bm3", "--revision", "1",
         "--reason", "Tệp thử")
    u = t.unit("xa-ky-son")
    check("bm3" in u["missing"] and u["state"] == "partial", f"{u}")
    check("xa-ky-son" in t.bm3()[1], "bm3 not missing after both voids")
    # A return after a void returns the one in force: none here.
    r = t.bc("review", "return", "xa-ky-son", P, "bm3", "--reason", REASON)
    expect_err(r, 1, "bm3 was never sent")
    # Who did each, in the audit; correct-time names its actor too.
    t.ok("revision", "correct-time", "xa-ky-son", P, "bm1", "--received-at",
         "2023-02-19T08:00", "--reason", "Sổ công văn đến", "--by",
         "Trần Văn An")
    with sqlite3.connect(t.db) as c:
        same(c.execute("SELECT action, actor, detail FROM audit WHERE action"
                       " IN ('revision.void', 'correct-time') ORDER BY id")
             .fetchall(),
             [("revision.void", "e2e", "bm3 r2: Nhầm đơn vị"),
              ("revision.void", "e2e", "bm3 r1: Tệp thử"),
              ("correct-time", "Trần Văn An",
               "pl1b r1, bm1 r1, bm2 r1, bm3 r1, bm4 r1, bm5 r1, bm6 r1, "
               "bm7 r1, report r1 (sha256 " + c.execute(
                   "SELECT sha256 FROM submission WHERE file_name LIKE"
                   " '%xa-ky-son.json'").fetchone()[0] + "): received "
               "2023-02-19T08:00:00+07:00, not 2023-02-20T11:50:00+07:00: "
               "Sổ công văn đến")],
             "the audit of the voids and the correction")


@test
def since_lists_what_arrived_was_returned_or_voided(t):
    t.district()
    j = t.json("status", P, "--as-of", "2023-03-07", "--since", "2023-03-06")
    same(j["since"], "2023-03-06", "--since in --json")
    same([(e["event"], e["unit"], e["part"], e["revision"])
          for e in j["events"]],
         [("received", "xa-ky-son", "bm3", 2)], "what arrived 06-07/03")
    t.ok("review", "return", "xa-ky-son", P, "bm3", "--reason", REASON)
    t.ok("revision", "void", "xa-nghia-binh", P, "bm3", "--reason", "Tệp thử")
    j = t.json("status", P, "--since", "15/05/2023")
    same([(e["event"], e["unit"], e.get("reason")) for e in j["events"]],
         [("returned", "xa-ky-son", REASON),
          ("voided", "xa-nghia-binh", "Tệp thử")], "what happened today")
    r = t.ok("status", P, "--since", "15/05/2023")
    check("Since 15/05/2023:" in r.out and
          "Xã Nghĩa Bình (xa-nghia-binh): Biểu số 03 r1 voided by e2e: "
          "Tệp thử" in r.out, f"status --since text: {r.out[-600:]}")
    r = t.bc("status", P, "--as-of", "2023-03-01", "--since", "2023-03-02")
    expect_err(r, 2, "--since")


@test
def refusals_record_nothing(t):
    t.district()
    t.ok("review", "return", "xa-ky-son", P, "bm3", "--reason", REASON)
    t.ok("revision", "void", "xa-tan-an", P, "bm1", "--reason", "Tệp thử")
    cases = [
        (("review", "return", "xa-ky-son", P, "bm3", "--reason", REASON), 1,
         "returned already"),
        (("review", "return", "xa-tan-an", P, "bm3", "--reason", ""), 1,
         "--reason"),
        (("review", "return", "xa-tan-an", P, "bm3", "--reason", "  "), 1,
         "--reason"),
        (("review", "return", "xa-tien-ky", P, "bm3", "--reason", REASON), 1,
         "never sent"),
        (("review", "return", "xa-tan-an", P, "bm3", "bm1", "--reason",
          REASON), 1, "bm1 was never sent"),
        (("review", "return", "xa-khong-co", P, "bm3", "--reason", REASON), 2,
         "xa-khong-co"),
        (("review", "return", "xa-tan-an", P, "bm9", "--reason", REASON), 2,
         "bm9 is no form of 2023-Q1"),
        (("review", "return", "xa-tan-an", "2023-X9", "bm3", "--reason",
          REASON), 2, ""),
        (("review", "accept", "xa-tien-ky", P, "bm3"), 1, "never sent"),
        (("review", "accept", "xa-tan-an", P, "bm3", "--by", " "), 2,
         "--by"),
        (("review", "send", "xa-tan-an", P, "bm3"), 2, "return or accept"),
        (("revision", "void", "xa-tan-an", P, "bm1", "--reason", "x"), 1,
         "void already"),
        (("revision", "void", "xa-tan-an", P, "bm1", "--revision", "1",
          "--reason", "x"), 1, "void already"),
        (("revision", "void", "xa-tan-an", P, "bm3", "--reason", ""), 1,
         "--reason"),
        (("revision", "void", "xa-tan-an", P, "bm3"), 2, "--reason"),
        (("revision", "void", "xa-tan-an", P, "bm3", "--revision", "9",
          "--reason", "x"), 2, "no revision 9"),
        (("revision", "void", "xa-tien-ky", P, "bm3", "--reason", "x"), 1,
         "never sent"),
        (("revision", "void", "xa-tan-an", P, "bm8", "--reason", "x"), 2,
         "bm8 is no form"),
    ]
    for args, code, said in cases:
        before, status = t.dump(), t.bc("--json", "status", P).out
        r = t.bc(*args)
        expect_err(r, code, said)
        check(t.dump() == before, f"{r.cmd}: the database changed")
        same(t.bc("--json", "status", P).out, status, f"status after {r.cmd}")


@test
def vietnamese_text_json_the_same(t):
    t.district()
    t.ok("review", "return", "xa-ky-son", P, "bm3", "--reason", REASON)
    r = t.bc("status", P, env=t.env(**VIETNAMESE))
    expect_rc(r, 0)
    check("Biểu số 03 (trả lại ngày 15/05/2023: " + REASON + ")" in r.out,
          f"Vietnamese status: {r.out[:2000]}")
    r = t.bc("history", "xa-ky-son", P, "bm3", env=t.env(**VIETNAMESE))
    check("trả lại đơn vị ngày 15/05/2023 09:00" in r.out,
          f"Vietnamese history: {r.out}")
    r = t.bc("review", "return", "xa-ky-son", P, "bm3", "--reason", REASON,
             env=t.env(**VIETNAMESE))
    expect_err(r, 1, "đã bị trả lại rồi")
    a = t.bc("--json", "status", P, "--since", "2023-05-01",
             env=t.env(**VIETNAMESE))
    b = t.bc("--json", "status", P, "--since", "2023-05-01")
    same(parse_json(a), parse_json(b), "--json under vi and en")


sys.exit(SUITE.main())

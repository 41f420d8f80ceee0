# SPDX-License-Identifier: MIT
"""End-to-end tests of the bash completion (completion/baocao) and the
internal command it asks, `baocao complete`.

    python3 tests/e2e/completion.py PATH/TO/baocao

Each test sources the script in a plain bash (without the bash-completion
package's helpers, and again with them where the package is installed),
sets COMP_WORDS and COMP_CWORD as bash would for a line typed up to
<TAB>, and reads COMPREPLY.  Standard library only.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import check, same  # noqa: E402

h.start("completion.py PATH/TO/baocao")
SRC = h.SRC
SCRIPT = SRC / "completion" / "baocao"
UNITS = SRC / "examples" / "tan-ky-units.csv"
BASH = shutil.which("bash")
# Debian's bash-completion, when installed: its helpers (_filedir) are
# then used, and the script must work both ways.
HELPERS = Path("/usr/share/bash-completion/bash_completion")


class C(h.Case):
    def district(self):
        self.ok("init")
        self.ok("units", "import", UNITS)

    def tab(self, *words, env=None, helpers=False):
        """COMPREPLY for `baocao WORDS` with the cursor at the end of
        the last word (give '' for a new word), sorted."""
        line = [h.BIN] + [str(w) for w in words]
        prog = ""
        if helpers:
            prog += f"source {HELPERS}\n"
        prog += (f"source {SCRIPT}\n"
                 "COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1))\n"
                 "_baocao\n"
                 "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
        p = subprocess.run([BASH, "--norc", "--noprofile", "-c", prog,
                            "bash"] + line, cwd=self.tmp,
                           env=env or self.env(BAOCAO_DB=str(self.db)),
                           capture_output=True, text=True, timeout=30)
        same(p.stderr, "", f"stderr of completing {words}")
        same(p.returncode, 0, f"exit of completing {words}")
        return sorted(w for w in p.stdout.split("\n") if w)

    def plumbing(self, *args, **kw):
        r = self.bc("complete", *args, **kw)
        h.expect_rc(r, 0)
        same(r.err, "", f"stderr of complete {args}")
        return [w for w in r.out.split("\n") if w]


SUITE = h.Suite("completion.py", C, prefix="bc-completion-")


def test(fn):
    """fn(case, helpers) registered once without bash-completion's
    helpers and, where the package is installed, once with them."""
    SUITE.tests.append(lambda t: fn(t, False))
    SUITE.tests[-1].__name__ = fn.__name__
    if HELPERS.exists():
        SUITE.tests.append(lambda t: fn(t, True))
        SUITE.tests[-1].__name__ = fn.__name__ + "_with_helpers"
    return fn


def commands_of_help(t):
    """The commands `baocao --help` lists (the English one)."""
    r = t.bc("--help", db=False)
    h.expect_rc(r, 0)
    body = r.out.split("commands:", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in body.splitlines() if line.strip()]


@test
def command_names(t, helpers):
    same(t.tab("st", helpers=helpers), ["status"], "baocao st<TAB>")
    same(t.tab("", helpers=helpers), sorted(commands_of_help(t)),
         "baocao <TAB>: the commands of --help")
    same(t.tab("re", helpers=helpers),
         sorted(c for c in commands_of_help(t) if c.startswith("re")),
         "re<TAB>")


@test
def remind_formats(t, helpers):
    same(t.tab("remind", "2023-Q1", "--format", "", helpers=helpers),
         ["csv", "json", "text"], "remind --format <TAB>")


@test
def export_formats(t, helpers):
    got = t.tab("export", "2023-Q1", "--format", "", helpers=helpers)
    for fmt in ("xlsx", "csv", "json", "submission", "html", "md"):
        check(fmt in got, f"--format <TAB> lacks {fmt}: {got}")
    same(t.tab("export", "2023-Q1", "--format", "x", helpers=helpers),
         ["xlsx"], "--format x<TAB>")


@test
def history_units_periods_forms(t, helpers):
    t.district()
    codes = sorted(u["code"] for u in t.json("units", "list")["units"])
    same(t.tab("history", "", helpers=helpers), codes,
         "history <TAB>: the unit codes")
    same(t.tab("history", "xa-tan-h", helpers=helpers),
         ["xa-tan-hop", "xa-tan-huong"], "history xa-tan-h<TAB>")
    periods = t.tab("history", "xa-ky-son", "2023-", helpers=helpers)
    check("2023-Q1" in periods and "2023-Y" in periods,
          f"history UNIT 2023-<TAB>: {periods}")
    forms = t.tab("history", "xa-ky-son", "2023-Q1", "", helpers=helpers)
    check({"bm1", "bm3", "pl1b", "report"} <= set(forms),
          f"history UNIT PERIOD <TAB>: {forms}")


@test
def review_and_void_words(t, helpers):
    t.district()
    same(t.tab("review", "", helpers=helpers), ["accept", "return"],
         "review <TAB>")
    same(t.tab("revision", "", helpers=helpers), ["correct-time", "void"],
         "revision <TAB>")
    same(t.tab("review", "return", "xa-ky-s", helpers=helpers),
         ["xa-ky-son"], "review return UNIT<TAB>")
    forms = t.tab("review", "return", "xa-ky-son", "2023-Q1", "bm1", "bm",
                  helpers=helpers)
    check({"bm1", "bm3"} <= set(forms), f"review … PART PART<TAB>: {forms}")
    same(t.tab("review", "accept", "xa-ky-son", "2023-Q1", "--by", "",
               helpers=helpers), [], "review --by <TAB>: a name")


@test
def status_periods(t, helpers):
    t.district()
    got = t.tab("status", "", helpers=helpers)
    # "now" is 2023-05-15: last year's, this year's and next year's.
    for code in ("2022-Y", "2023-Q1", "2023-H1", "2023-Q3", "2024-Q1"):
        check(code in got, f"status <TAB> lacks {code}: {got}")
    same(t.tab("status", "2023-Q", helpers=helpers),
         ["2023-Q1", "2023-Q3"], "status 2023-Q<TAB>")
    # An ad-hoc period the database holds is offered too.
    t.ok("period", "add-adhoc", "2023-DX1", "--from", "2023-01-01", "--to",
         "2023-04-30", "--due", "2023-05-10", "--doc", "CV 1")
    check("2023-DX1" in t.tab("status", "2023-", helpers=helpers),
          "the ad-hoc period is not offered")


@test
def period_rules(t, helpers):
    same(t.tab("period", "r", helpers=helpers), ["rules"], "period r<TAB>")
    check("2023-Q1" in t.tab("period", "rules", "2023-", helpers=helpers),
          "period rules <TAB> offers no period")
    same(t.tab("period", "rules", "2023-Q1", "--ap", helpers=helpers),
         ["--apply"], "period rules PERIOD --ap<TAB>")


@test
def rules_and_their_rulesets(t, helpers):
    """rules' words, the rulesets diff compares and new begins from;
    another command's --from is a date, offered nothing."""
    same(t.tab("rules", "", helpers=helpers),
         ["check", "diff", "list", "new", "show"], "rules <TAB>")
    same(t.tab("rules", "diff", "", helpers=helpers), ["cchc-1131"],
         "rules diff <TAB>")
    same(t.tab("rules", "diff", "cchc-1131", "c", helpers=helpers),
         ["cchc-1131"], "rules diff A c<TAB>")
    same(t.tab("rules", "new", "cchc-2025", "--from", "", helpers=helpers),
         ["cchc-1131"], "rules new ID --from <TAB>")
    same(t.tab("period", "add-adhoc", "2023-DX1", "--from", "",
               helpers=helpers), [], "period add-adhoc --from <TAB>")


@test
def options_of_the_line(t, helpers):
    got = t.tab("export", "2023-Q1", "--f", helpers=helpers)
    same(got, ["--fixed-time", "--format", "--forms"], "export --f<TAB>")
    same(t.tab("--", helpers=helpers),
         ["--db", "--help", "--json", "--rules", "--version"],
         "global options")
    same(t.tab("template", "--unit", "xa-nghia-h", helpers=helpers), [],
         "--unit with no database")
    t.district()
    same(t.tab("template", "--unit", "xa-nghia-h", helpers=helpers),
         ["xa-nghia-hanh", "xa-nghia-hoan", "xa-nghia-hop"],
         "template --unit xa-nghia-h<TAB>")
    same(t.tab("import", "--channel", "", helpers=helpers),
         ["email", "file", "ioffice", "zalo"], "import --channel <TAB>")


@test
def db_typed_on_the_line(t, helpers):
    """--db on the line, not $BAOCAO_DB, names the database read."""
    t.district()
    env = t.env()  # no BAOCAO_DB: ./baocao.db, which is not there
    same(t.tab("history", "xa-ky-s", env=env, helpers=helpers), [],
         "without --db")
    same(t.tab("--db", t.db, "history", "xa-ky-s", env=env,
               helpers=helpers),
         ["xa-ky-son"], "with --db PATH")
    same(t.tab(f"--db={t.db}", "status", "", env=env,
               helpers=helpers)[:1], ["2022-H1"], "with --db=PATH")
    check(not (t.tmp / "baocao.db").exists(),
          "completing created ./baocao.db")


@test
def no_database_silent(t, helpers):
    """Without a database nothing is offered, nothing said, nothing
    created."""
    missing = t.tmp / "none" / "x.db"
    same(t.tab("--db", missing, "history", "", helpers=helpers), [],
         "history <TAB> without a database")
    for what in ("units", "periods"):
        t.plumbing(what, db=missing)
    check(not missing.parent.exists(), "a directory was created")
    same(t.plumbing("units", db=t.tmp / "x.db"), [], "complete units")
    check(not (t.tmp / "x.db").exists(), "complete created the database")
    # Rules that cannot be read: nothing either.
    same(t.plumbing("forms", rules=t.tmp / "no-rules"), [],
         "complete forms without rules")


@test
def files_completed(t, helpers):
    (t.tmp / "q1-a.json").write_text("{}")
    (t.tmp / "q1-b.csv").write_text("")
    same(t.tab("import", "q1-", helpers=helpers), ["q1-a.json", "q1-b.csv"],
         "import FILE<TAB>")


def options_in_help(t, cmd):
    """The options a command's --help names (the English text)."""
    r = t.bc(cmd, "--help", db=False)
    h.expect_rc(r, 0)
    return set(re.findall(r"(?<![\w$-])(--[a-z][a-z-]*[a-z]|-o)\b", r.out))


def every_command_option(t):
    """What `complete options CMD` offers is what CMD --help names,
    with --json and --help, which every command takes."""
    cmds = t.plumbing("commands")
    same(cmds, commands_of_help(t), "complete commands")
    for cmd in cmds:
        offered = set(t.plumbing("options", cmd))
        every = {"--json", "--help"}
        check(every <= offered, f"{cmd}: {every} not offered")
        named = options_in_help(t, cmd) - {"--db", "--rules"} - every
        same(sorted(offered - every), sorted(named), f"options of {cmd}")


SUITE.tests.append(every_command_option)


def complete_is_internal(t):
    """complete is no command a person is shown."""
    check("complete" not in commands_of_help(t), "complete in --help")
    same(t.plumbing("bogus"), [], "complete bogus")
    same(t.plumbing(), [], "complete")


SUITE.tests.append(complete_is_internal)


def complete_is_quick(t):
    """A completion asks the program at each <TAB>: well under the time
    a person waits (the district's database)."""
    t.district()
    for what in ("units", "periods", "forms", "formats", "commands"):
        start = time.monotonic()
        t.plumbing(what)
        secs = time.monotonic() - start
        check(secs < 1.0 * h.TIME_SCALE, f"complete {what}: {secs:.2f} s")


SUITE.tests.append(complete_is_quick)


@test
def rank_words(t, helpers):
    same(t.tab("rank", "", helpers=helpers), ["assessments", "import"],
         "rank <TAB>")
    same(t.tab("rank", "2023", "--format", "", helpers=helpers),
         ["csv", "json", "text", "xlsx"], "rank --format <TAB>: its own")
    same(t.tab("rank", "import", "2023", "--by", "", helpers=helpers), [],
         "rank import --by <TAB>: a name, not a unit kind")


if __name__ == "__main__":
    if not BASH:
        print("skip: no bash")
        sys.exit(77)
    sys.exit(SUITE.main())

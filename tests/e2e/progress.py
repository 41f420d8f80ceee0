# SPDX-License-Identifier: MIT
"""End-to-end tests of the progress line of long work.

    python3 tests/e2e/progress.py PATH/TO/baocao

Importing many files, `template --all` and an export show "done/total,
rate, time left" on stderr when stderr is a terminal (here a
pseudo-terminal), redrawn in place and cleared at the end: what the
terminal finally shows is what a pipe receives.  In a pipe, or with
--json, nothing of it is written.  Standard library only.
"""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import check, same  # noqa: E402

h.start("progress.py PATH/TO/baocao")
SRC = h.SRC
UNITS = SRC / "examples" / "tan-ky-units.csv"
Q1 = sorted(str(p) for p in (SRC / "examples" / "2023-Q1").iterdir())

# A line of progress as drawn: a carriage return, then the count.
DRAWN = r"\r\d+/\d+ {noun}(, [\d.]+ {noun}/s, about [^\r\n]* left)?"


class Term:
    """What a command wrote: stdout (a pipe), stderr (a terminal)."""

    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err


def on_terminal(argv, cwd, env):
    """baocao argv with stderr on a pseudo-terminal, stdout in a pipe."""
    master, slave = os.openpty()
    p = subprocess.Popen([h.BIN] + [str(a) for a in argv], cwd=cwd, env=env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=slave)
    os.close(slave)
    chunks = []

    def drain():
        while True:
            try:
                b = os.read(master, 65536)
            except OSError:  # EIO: the last writer has gone
                return
            if not b:
                return
            chunks.append(b)

    t = threading.Thread(target=drain)
    t.start()
    out, _ = p.communicate(timeout=120 * h.TIME_SCALE)
    t.join()
    os.close(master)
    # The terminal turns each line feed into CR LF (onlcr).
    err = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return Term(p.returncode, out.decode("utf-8", "replace"), err)


def shown(text):
    """What a terminal shows of text once it is all written: a carriage
    return goes back to the line's start, and what follows overwrites."""
    lines = []
    for raw in text.split("\n"):
        cells = []
        col = 0
        for ch in raw:
            if ch == "\r":
                col = 0
                continue
            if col < len(cells):
                cells[col] = ch
            else:
                cells.append(ch)
            col += 1
        lines.append("".join(cells).rstrip())
    while lines and not lines[-1]:
        lines.pop()
    return lines


class P(h.Case):
    def district(self, db):
        for args in (["init"], ["units", "import", UNITS]):
            h.expect_rc(self.bc(*args, db=db), 0)

    def both(self, *args, env=None, setup=None):
        """args on a terminal and in a pipe, each on a database of its
        own made alike (setup(db) after the district)."""
        env = env or self.env()
        runs = []
        for name in ("term.db", "pipe.db"):
            db = self.tmp / name
            self.district(db)
            if setup:
                setup(db)
            runs.append(["--db", db] + list(args))
        term = on_terminal(runs[0], self.tmp, env)
        pipe = h.run(runs[1], self.tmp, env, 120 * h.TIME_SCALE)
        same(term.rc, pipe.rc, f"exit of {args[0]} on a terminal")
        check("\r" not in pipe.err,
              f"{args[0]} in a pipe wrote a carriage return: "
              f"{pipe.err[:300]!r}")
        same(shown(term.err), shown(pipe.err),
             f"what the terminal shows at the end of {args[0]} "
             "(the progress line cleared)")
        return term, pipe


SUITE = h.Suite("progress.py", P, prefix="bc-progress-")
test = SUITE.test


def drawn(term, noun, total=None):
    """The counts drawn of noun, each of total (any one total if None),
    growing."""
    check(re.search(DRAWN.format(noun=noun), term.err),
          f"no progress line of {noun} on the terminal: {term.err[:400]!r}")
    pairs = [(int(d), int(n)) for d, n in
             re.findall(rf"\r(\d+)/(\d+) {noun}", term.err)]
    counts = [d for d, _ in pairs]
    totals = {n for _, n in pairs}
    check(len(totals) == 1 and (total is None or totals == {total}),
          f"totals of {noun}: {totals}, not {total}")
    check(counts == sorted(counts) and max(counts) <= totals.pop(),
          f"counts of {noun} not growing to their total: {counts}")
    return counts


@test
def import_many_files(t):
    term, pipe = t.both("import", *Q1)
    counts = drawn(term, "files", len(Q1))
    same(counts[0], 0, "the first count")
    # Each file's message is drawn over the line, never after it.
    check(not re.search(r"files[^\n\r]*\.json", term.err),
          "a message was written after the progress line, on its row")


@test
def import_one_file_no_line(t):
    term, _ = t.both("import", Q1[0])
    check("\r" not in term.err, f"progress for one file: {term.err!r}")


@test
def import_json_no_line(t):
    term, pipe = t.both("import", *Q1, "--json")
    check("\r" not in term.err and "files" not in term.err,
          f"progress with --json: {term.err[:300]!r}")
    same(term.out, pipe.out, "the JSON on a terminal and in a pipe")


@test
def template_all(t):
    term, _ = t.both("template", "--all", "--period", "2023-Q1", "--dir",
                     "out", "--fixed-time", "2023-05-15T09:00:00+07:00")
    drawn(term, "units", 36)
    term, _ = t.both("template", "--all", "--period", "2023-Q1", "--dir",
                     "out2", "--json")
    check("\r" not in term.err, f"progress with --json: {term.err!r}")


def imported(t):
    return lambda db: h.expect_rc(h.run(["--db", db, "import"] + Q1, t.tmp,
                                        t.env(), 120 * h.TIME_SCALE), 0)


@test
def export_parts(t):
    for fmt in ("xlsx", "csv", "json"):
        term, _ = t.both("export", "2023-Q1", "-o", f"q1-{fmt}.{fmt}",
                         "--as-of", "2023-03-04", setup=imported(t))
        drawn(term, "parts")


@test
def export_json_no_line(t):
    term, _ = t.both("export", "2023-Q1", "-o", "q1.xlsx", "--json",
                     setup=imported(t))
    check("\r" not in term.err, f"progress with --json: {term.err!r}")


@test
def vietnamese_words(t):
    env = t.env(LANGUAGE="vi", LANG="vi_VN.UTF-8")
    t.district(t.tmp / "vi.db")
    term = on_terminal(["--db", t.tmp / "vi.db", "import"] + Q1, t.tmp, env)
    check(re.search(r"\r\d+/\d+ tệp", term.err),
          f"no progress line in Vietnamese: {term.err[:300]!r}")
    check(not re.search(r"\r\d+/\d+ files", term.err),
          "progress line in English under a Vietnamese locale")


if __name__ == "__main__":
    sys.exit(SUITE.main())

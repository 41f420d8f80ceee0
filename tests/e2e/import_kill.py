# SPDX-License-Identifier: MIT
"""An import killed mid-way leaves whole files only.

    python3 tests/e2e/import_kill.py PATH/TO/baocao

An import stores its files a batch at a time (each file a savepoint of
one transaction, committed about once a second).  Killed with SIGKILL
after its first commit, the database holds some files, each whole: the
same revisions with the same values as an import that ran to its end,
`baocao check` finds nothing wrong, and importing every file again
stores the rest.  Standard library only.
"""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import check, same  # noqa: E402

h.start("import_kill.py PATH/TO/baocao")
SRC = h.SRC
UNITS = SRC / "examples" / "tan-ky-units.csv"
Q1 = sorted((SRC / "examples" / "2023-Q1").iterdir())
# Copies of each file, told apart by trailing spaces (other bytes, so
# not duplicates): enough that the import runs for seconds.
COPIES = 60

SUITE = h.Suite("import_kill.py", prefix="bc-import-kill-")
test = SUITE.test


def files(tmp):
    out = []
    for k in range(COPIES):
        for p in Q1:
            f = tmp / "in" / f"{k:03d}-{p.name}"
            f.write_bytes(p.read_bytes() + b" " * k)
            out.append(str(f))
    return out


def district(t, db):
    for args in (["init"], ["units", "import", str(UNITS)]):
        h.expect_rc(t.bc(*args, db=db), 0)


def counts(db):
    """Values per revision: (unit, part, number) -> count, and how many
    submissions there are."""
    con = sqlite3.connect(db)
    try:
        per = dict(((u, p, n), c) for u, p, n, c in con.execute(
            "SELECT u.code, r.part, r.number, count(v.revision_id)"
            " FROM revision r JOIN unit u ON u.id = r.unit_id"
            " LEFT JOIN value v ON v.revision_id = r.id"
            " GROUP BY r.id"))
        subs = con.execute("SELECT count(*) FROM submission").fetchone()[0]
    finally:
        con.close()
    return per, subs


def stored(db):
    """Submissions committed so far (0 while the file is being made)."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM submission").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@test
def killed_import_keeps_whole_files(t):
    (t.tmp / "in").mkdir()
    paths = files(t.tmp)
    ref, killed = t.tmp / "ref.db", t.tmp / "killed.db"
    for db in (ref, killed):
        district(t, db)
    h.expect_rc(h.run(["--db", ref, "import"] + paths, t.tmp, t.env(),
                      300 * h.TIME_SCALE), 0)
    want, total = counts(ref)
    same(total, len(paths), "submissions of the whole import")

    p = subprocess.Popen([h.BIN, "--db", str(killed), "import"] + paths,
                         cwd=t.tmp, env=t.env(), stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120 * h.TIME_SCALE
    while stored(killed) == 0 and p.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.01)
    p.send_signal(signal.SIGKILL)
    p.wait()
    check(p.returncode == -signal.SIGKILL,
          f"the import ended before it was killed (exit {p.returncode}): "
          f"give it more files")

    got, subs = counts(killed)
    check(0 < subs < total, f"{subs} of {total} submissions stored when "
          f"killed: not mid-way")
    for key, n in got.items():
        same(n, want.get(key), f"values of revision {key}")
    h.expect_rc(t.bc("check", db=killed), 0)

    # The rest stored by importing everything again.
    h.expect_rc(h.run(["--db", killed, "import"] + paths, t.tmp, t.env(),
                      300 * h.TIME_SCALE), 0)
    same(counts(killed), (want, total), "values after importing again")


if __name__ == "__main__":
    SUITE.main()

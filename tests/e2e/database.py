# SPDX-License-Identifier: MIT
"""End-to-end tests of the database file: what baocao says of a file it
cannot use, `check`, `backup` and `restore`, damage, and processes that
start at once.

    python3 tests/e2e/database.py PATH/TO/baocao

The harness is harness.py (one temporary directory and database per
test), the test directory run.py's;
the tests that need permissions to bite run the binary without the
capabilities that let root ignore them (setpriv), or as they are when not
root, and say "skip" where neither can be done.
"""

import concurrent.futures
import json
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402
import run as h  # noqa: E402  (run.py's fixtures; its tests are not run here)
from run import (BIN, SRC, UNITS_CSV, Skip, T, base_env, check,  # noqa: E402
                 expect_err, expect_rc, fail, parse_json, same)

EXAMPLES = SRC / "examples" / "2023-Q1"
# Seconds for a command that writes many files (sanitizer builds are
# several times slower: BC_TIME_SCALE).
SLOW = 60.0 * float(os.environ.get("BC_TIME_SCALE", "1"))
SUITE = harness.Suite("database.py", T)
test = SUITE.test


# ---- helpers -----------------------------------------------------------

def populated(t):
    """The sample district with its 2023-Q1 submissions."""
    t.init()
    t.ok("units", "import", UNITS_CSV)
    t.ok("import", *sorted(EXAMPLES.glob("*.json")))


def latest_schema(t):
    return t.json("init")["schema"]


def connect(path, immutable=False):
    if immutable:
        return sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    return sqlite3.connect(str(path))


def rows(path, sql):
    """Rows of sql, reading the file as it is (no journal, no lock)."""
    c = connect(path, immutable=True)
    try:
        return c.execute(sql).fetchall()
    finally:
        c.close()


def integrity(path):
    try:
        return [r[0] for r in rows(path, "PRAGMA integrity_check")]
    except sqlite3.DatabaseError as e:
        return [str(e)]


def settle(path):
    """Moves the journal into the file, so that the file is all of it."""
    c = connect(path)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()
    for suffix in ("-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()


def damage(path, table=None):
    """Overwrites one page with random bytes (the root page of table, or
    one in the middle) so that integrity_check notices; returns it."""
    settle(path)
    raw = Path(path).read_bytes()
    size = int.from_bytes(raw[16:18], "big")
    size = 65536 if size == 1 else size
    pages = len(raw) // size
    if table:
        (root,), = rows(path, "SELECT rootpage FROM sqlite_schema "
                              f"WHERE name = '{table}'")
        candidates = [root - 1]
    else:
        candidates = [pages // 2 + k for k in (0, 1, -1, 2, -2, 3, -3)]
    rng = random.Random(11)
    for pg in candidates:
        with open(path, "r+b") as f:
            f.seek(pg * size)
            orig = f.read(size)
            f.seek(pg * size)
            f.write(bytes(rng.getrandbits(8) for _ in range(size)))
        if integrity(path) != ["ok"]:
            return pg
        with open(path, "r+b") as f:
            f.seek(pg * size)
            f.write(orig)
    fail(f"no page of {path} whose damage integrity_check notices")


def unprivileged():
    """The command prefix under which file permissions apply."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        raise Skip("running as root without setpriv: permissions do not "
                   "apply")
    probe = subprocess.run(["setpriv", "--bounding-set=-all",
                            "--inh-caps=-all", "--", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        raise Skip("setpriv cannot drop capabilities here")
    return ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"]


def bc_as(prefix, t, *args, rules=None):
    argv = [str(a) for a in args]
    if rules:
        argv = ["--rules", str(rules)] + argv
    p = subprocess.run(prefix + [BIN] + argv, cwd=t.tmp, env=base_env(),
                       stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=h.DEFAULT_TIMEOUT)
    return h.Result(argv, p.returncode, p.stdout.decode("utf-8", "replace"),
                    p.stderr.decode("utf-8", "replace"), 0)


def no_signal(r):
    check(r.rc is not None and r.rc >= 0,
          f"{r.cmd}: killed by signal {-(r.rc or 0)}: {r.brief()}")


# ---- schema versions ---------------------------------------------------

@test
def schema_version_out_of_range(t):
    """A version outside 0..latest is refused before anything runs: the
    steps "after" a negative one were read from outside the list."""
    t.init()
    latest = latest_schema(t)
    for v in (-1, -103, -1000, -2147483648, latest + 1):
        c = connect(t.db)
        c.execute(f"PRAGMA user_version = {v}")
        c.commit()
        c.close()
        settle(t.db)
        before = t.db.read_bytes()
        for args in (["status", "2023-Q1"], ["units", "list"], ["init"],
                     ["import", EXAMPLES / "tu-phap.json"], ["check"]):
            r = t.bc(*args)
            no_signal(r)
            want = "newer" if v > 0 else "not a baocao database"
            expect_err(r, 3, want)
            check("syntax error" not in r.err and "constraint" not in r.err,
                  f"{r.cmd} ran SQL from outside the migrations: {r.err!r}")
            same(t.db.read_bytes() == before, True,
                 f"user_version {v}: the file after {r.cmd} is unchanged")


# ---- what is said of a file that cannot be used ------------------------

@test
def message_read_only_directory(t):
    pre = unprivileged()
    populated(t)
    ro = t.tmp / "ro"
    ro.mkdir()
    shutil.copy(t.db, ro / "x.db")
    ro.chmod(0o555)
    try:
        for args in (["--db", ro / "x.db", "units", "list"],
                     ["--db", ro / "new.db", "init"]):
            r = bc_as(pre, t, *args)
            expect_err(r, 3, "Permission denied on the directory",
                       str(ro))
            check("not a baocao database" not in r.err,
                  f"{r.cmd}: {r.err!r}")
        check(not (ro / "new.db").exists(), "init created a file in ro/")
        # the file itself unreadable
        f = t.tmp / "locked.db"
        shutil.copy(t.db, f)
        f.chmod(0)
        r = bc_as(pre, t, "--db", f, "units", "list")
        expect_err(r, 3, "Permission denied on the file")
    finally:
        ro.chmod(0o755)


@test
def message_file_content(t):
    populated(t)
    settle(t.db)
    good = t.db.read_bytes()
    cases = {  # content: what the message says, and what it must not
        good[:1000]: "cut short",
        good[:50]: "cut short",
        good[:len(good) // 2]: "cut short",
        b"code,name,kind,roles,parent\n" * 20: "not an SQLite database",
        b"hello\n": "too short to be a database",
    }
    for i, (content, want) in enumerate(cases.items()):
        p = t.tmp / f"case{i}.db"
        p.write_bytes(content)
        for args in (["units", "list"], ["init"], ["status", "2023-Q1"]):
            r = t.bc(*args, db=p)
            expect_err(r, 3, want, str(p))
            check(p.read_bytes() == content, f"{r.cmd} changed {p}")
    r = t.bc("units", "list", db=t.tmp / "khong-co" / "x.db")
    expect_err(r, 3)
    r = t.bc("init", db=t.tmp / "khong-co" / "x.db")
    expect_err(r, 3, "the directory", "does not exist")
    (t.tmp / "dir.db").mkdir()
    expect_err(t.bc("init", db=t.tmp / "dir.db"), 3, "a directory")


@test
def message_unreadable_rules(t):
    pre = unprivileged()
    t.init()
    rules = t.rules_copy()
    (rules / "cchc-1131").chmod(0)
    try:
        r = bc_as(pre, t, "--db", t.db, "period", "show", "2023-Q1",
                  rules=rules)
        expect_err(r, 3, "cchc-1131", "cannot read", "Permission denied")
        check("no ruleset here" not in r.err, f"{r.cmd}: {r.err!r}")
    finally:
        (rules / "cchc-1131").chmod(0o755)
    rules.chmod(0o444)  # the names can be listed, not looked into
    try:
        r = bc_as(pre, t, "--db", t.db, "rules", "list", rules=rules)
        expect_err(r, 3, "Permission denied")
        check("no ruleset here" not in r.err, f"{r.cmd}: {r.err!r}")
    finally:
        rules.chmod(0o755)


@test
def init_checks_rules_first(t):
    for rules in (t.tmp / "khong-co", t.tmp / "empty"):
        if rules.name == "empty":
            rules.mkdir()
        r = t.bc("init", rules=rules)
        expect_err(r, 3, str(rules))
        check(not t.db.exists(), f"{r.cmd} created {t.db}")


def lose_keeping_journal(db):
    """The database file is lost, its journal (with a last change) not:
    returns the journal's bytes."""
    c = connect(db)
    c.execute("PRAGMA wal_autocheckpoint = 0")
    c.execute("INSERT INTO audit (at, actor, action, object, detail,"
              " prev_hash, hash) VALUES (1, 'x', 'x', 'x', 'x', 'x', 'x')")
    c.commit()
    wal = Path(str(db) + "-wal")
    stray = wal.read_bytes()
    c.close()  # the last connection: it would fold the journal in
    Path(db).unlink()
    wal.write_bytes(stray)
    Path(str(db) + "-shm").unlink(missing_ok=True)
    return stray


@test
def through_a_symbolic_link(t):
    """A link made before the database: init creates the file it points
    to, restore puts the database back there."""
    (t.tmp / "chia-se").mkdir()
    link = t.tmp / "baocao.db"
    link.symlink_to("chia-se/that.db")
    t.ok("init", db=link)
    t.ok("units", "import", UNITS_CSV, db=link)
    check(link.is_symlink() and (t.tmp / "chia-se" / "that.db").is_file(),
          "init replaced the link or did not follow it")
    t.ok("backup", t.tmp / "b.db", db=link)
    t.ok("restore", t.tmp / "b.db", db=link)
    check(link.is_symlink(), "restore replaced the link")
    kept = list((t.tmp / "chia-se").glob("that.db.before-restore-*"))
    check(len(kept) == 1, f"kept beside the file: {kept}")
    same(len(t.json("units", "list", db=link)["units"]), 36, "units")


@test
def init_refuses_a_stray_journal(t):
    """A journal left without its database holds that database's last
    changes; SQLite would apply them to a new file of the same name."""
    populated(t)
    stray = lose_keeping_journal(t.db)
    wal = Path(str(t.db) + "-wal")
    r = t.bc("init")
    expect_err(r, 3, "journal")
    check(not t.db.exists(), "init created a database beside the journal")
    check(wal.read_bytes() == stray, "init changed the stray journal")


# ---- processes at once -------------------------------------------------

@test
def concurrent_init_and_import(t):
    """Several `init && units import` at once on a new path all succeed."""
    n = 8
    for round_ in range(3):
        db = t.tmp / f"new{round_}.db"
        cmd = (f'"{BIN}" --db "{db}" init && '
               f'"{BIN}" --db "{db}" units import "{UNITS_CSV}"')
        ps = [subprocess.Popen(["sh", "-c", cmd], env=base_env(),
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE) for _ in range(n)]
        errs = [(p.wait(timeout=60), p.stderr.read().decode()) for p in ps]
        for p in ps:
            p.stderr.close()
        bad = [e for rc, e in errs if rc != 0]
        check(not bad, f"round {round_}: {len(bad)} of {n} failed: "
                       f"{bad[0][:300]!r}" if bad else "")
        units = t.json("units", "list", db=db)["units"]
        same(len(units), 36, f"round {round_}: units in {db.name}")


@test
def waits_for_a_writer_while_switching_to_wal(t):
    """A database not yet in WAL mode (a restored backup) is switched by
    whoever opens it first; that waits for a writer instead of failing
    at once with "locked"."""
    populated(t)
    settle(t.db)
    c = connect(t.db)
    c.execute("PRAGMA journal_mode = DELETE")
    c.close()
    w = sqlite3.connect(str(t.db), isolation_level=None,
                        check_same_thread=False)
    w.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(1.0, lambda: w.execute("COMMIT"))
    timer.start()
    try:
        r = t.bc("units", "list")
    finally:
        timer.join()
        w.close()
    expect_rc(r, 0)
    check(r.secs >= 0.9, f"{r.cmd} did not wait for the writer")


# ---- check -------------------------------------------------------------

@test
def check_good_database(t):
    populated(t)
    n = len(list(EXAMPLES.glob("*.json")))
    r = t.ok("check")
    check(" ok" in r.out and f"{n} submissions" in r.out, r.brief())
    j = t.json("check")
    same(sorted(j), ["counts", "db", "ok", "problems", "schema"],
         "check --json keys")
    same((j["ok"], j["problems"], j["counts"]["submissions"]),
         (True, [], n), "check --json")
    check(j["counts"]["audit_entries"] > n, f"audit entries: {j}")


@test
def check_damaged_page(t):
    populated(t)
    damage(t.db)
    for _ in range(2):  # and it changes nothing
        r = t.bc("check")
        expect_err(r, 1, "integrity")
    j = parse_json(t.bc("check", "--json"))
    check(j["ok"] is False and any(p["check"] == "integrity"
                                   for p in j["problems"]), f"{j}")
    # too damaged to open: a finding too, with nothing counted
    short = t.tmp / "short.db"
    short.write_bytes(t.db.read_bytes()[:5000])
    expect_err(t.bc("check", db=short), 1, "cut short")
    j = parse_json(t.bc("check", "--json", db=short))
    same((j["ok"], j["schema"], set(j["counts"].values())),
         (False, None, {None}), "check --json of a file cut short")


def corrected(t, name="tu-phap.json", at="2023-03-01T08:00:00+07:00"):
    """A corrected submission of the example: revisions number 2."""
    sub = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    sub["received_at"] = at
    p = t.tmp / f"corrected-{name}"
    p.write_text(json.dumps(sub, ensure_ascii=False), encoding="utf-8")
    return p


@test
def check_lists_every_problem(t):
    populated(t)
    t.ok("import", corrected(t))
    settle(t.db)
    (first,), = rows(t.db, "SELECT r.id FROM revision r JOIN unit u ON"
                           " u.id = r.unit_id WHERE u.code = 'tu-phap'"
                           " AND r.number = 1 ORDER BY r.id LIMIT 1")
    c = connect(t.db)
    c.executescript(
        "DROP TRIGGER audit_no_update;"
        "UPDATE audit SET detail = 'đã sửa' WHERE id = 3;"
        "DROP TRIGGER audit_no_delete;"
        "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);"
        "CREATE INDEX mine ON unit_version(name);"
        "UPDATE ruleset_file SET content = content || X'0A' WHERE"
        " path = 'ruleset.lua';"
        "INSERT INTO unit (code) VALUES ('../ngoai');"
        "INSERT INTO unit_version (unit_id, name, kind) VALUES"
        " (last_insert_rowid(), 'X', 'commune');"
        "DROP TRIGGER value_not_deleted;"
        "DROP TRIGGER revision_not_deleted;"
        f"DELETE FROM value WHERE revision_id = {first};"
        f"DELETE FROM diagnostic WHERE revision_id = {first};"
        f"DELETE FROM revision WHERE id = {first};")
    c.commit()
    c.close()
    r = t.bc("check")
    expect_err(r, 1, "audit entry 3: ", "changed after it was written",
               "schema: trigger audit_no_update is missing",
               "trigger audit_no_delete", "trigger revision_not_deleted",
               "index mine is not one baocao makes",
               "ruleset cchc-1131: ", "'../ngoai'",
               "tu-phap 2023-Q1", "a revision is missing",
               "corrected-tu-phap.json",
               "its import is not in the audit log")
    # Each problem in the reader's language, not only SQLite's English.
    vi = {k: v for k, v in t.env().items()
          if k not in ("LANGUAGE", "LANG") and not k.startswith("LC_")}
    vi.update(LANGUAGE="vi", LANG="vi_VN.UTF-8")
    r = t.bc("check", env=vi)
    expect_err(r, 1, "tu-phap 2023-Q1", "(thiếu một phiên bản)",
               "không có trong nhật ký")
    check("a revision is missing" not in r.err
          and "not in the audit log" not in r.err,
          f"check under vi speaks English: {r.err!r}")
    j = parse_json(t.bc("check", "--json"))
    kinds = {p["check"].split(" ")[0] for p in j["problems"] if p["check"]}
    same(sorted(kinds), ["audit", "revisions", "ruleset", "schema",
                         "submission", "units"], "check --json's checks")


# ---- damage stops writes -----------------------------------------------

@test
def damaged_database_takes_no_write(t):
    populated(t)
    extra = sorted((SRC / "examples" / "2022-Q1").glob("*.json"))[:3]
    for table, want in (("ruleset", 3), ("unit", 3)):
        base = t.tmp / f"base-{table}.db"
        shutil.copy(t.db, base)
        damage(base, table)
        before = base.read_bytes()
        r = t.bc("import", *extra, db=base)
        no_signal(r)
        expect_err(r, want, "damaged")
        settle(base)
        check(base.read_bytes() == before,
              f"{r.cmd}: the damaged file was written to")


# ---- backup and restore ------------------------------------------------

def revisions(path):
    return rows(path, "SELECT r.id, u.code, p.code, r.part, r.number,"
                      " s.sha256 FROM revision r JOIN unit u ON"
                      " u.id = r.unit_id JOIN period p ON p.id ="
                      " r.period_id JOIN submission s ON s.id ="
                      " r.submission_id ORDER BY r.id")


def audit(path):
    return rows(path, "SELECT * FROM audit ORDER BY id")


@test
def backup_never_replaces(t):
    populated(t)
    out = t.tmp / "b.db"
    out.write_bytes(b"keep me")
    r = t.bc("backup", out)
    expect_err(r, 3, "already exists")
    same(out.read_bytes(), b"keep me", "the file that was there")
    expect_err(t.bc("backup", t.tmp / "khong-co" / "b.db"), 3,
               "does not exist")
    expect_rc(t.bc("backup"), 2)
    check(not [p for p in t.tmp.iterdir() if ".tmp-" in p.name],
          f"temporary files left: {list(t.tmp.iterdir())}")


@test
def backup_and_restore(t):
    populated(t)
    t.ok("period", "advance", "2023-H1", "--due", "2023-05-20", "--doc",
         "Công văn 999/UBND-NV")
    bk = t.tmp / "sao-luu" / "2023-05-15.db"
    bk.parent.mkdir()
    j = t.json("backup", bk)
    same((j["backup"], j["bytes"] == bk.stat().st_size), (str(bk), True),
         "backup --json")
    same(integrity(bk), ["ok"], "the backup's integrity_check")
    check(not Path(str(bk) + "-wal").exists(), "the backup has a journal")
    want_rev, want_audit = revisions(bk), audit(bk)
    check(len(want_rev) > 200, f"{len(want_rev)} revisions backed up")
    same(want_rev, revisions(t.db), "revisions of the backup")
    t.ok("check", db=bk)

    # the office's database is damaged, then lost with its journal left
    t.ok("import", *sorted((SRC / "examples" / "2022-Q1").glob("*.json")))
    damage(t.db)
    r = t.bc("restore", bk)
    expect_rc(r, 0)
    kept = [p for p in t.tmp.iterdir() if ".before-restore-" in p.name]
    check(len(kept) == 1 and kept[0].name in r.err, f"kept {kept}: {r.err}")
    t.ok("check")
    same(revisions(t.db), want_rev, "revisions after restore")
    same(audit(t.db), want_audit, "audit log after restore")
    same(t.json("period", "show", "2023-H1")["unit_due"], "2023-05-20",
         "the advanced deadline after restore")

    t.ok("import", corrected(t))
    lose_keeping_journal(t.db)
    r = t.bc("restore", bk, "--json")
    expect_rc(r, 0)
    same(parse_json(r)["counts"]["revisions"], len(want_rev),
         "restore --json counts")
    t.ok("check")
    same(revisions(t.db), want_rev, "revisions after the second restore")
    same(audit(t.db), want_audit, "audit log after the second restore")


@test
def backup_while_others_import(t):
    t.init()
    t.ok("units", "import", UNITS_CSV)
    files = sorted(EXAMPLES.glob("*.json")) + \
        sorted((SRC / "examples" / "2022-Q1").glob("*.json"))

    def one(f):
        return t.bc("import", f)

    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        futs = [pool.submit(one, f) for f in files]
        n = 0
        while not all(f.done() for f in futs) or n < 2:
            bk = t.tmp / f"b{n}.db"
            expect_rc(t.bc("backup", bk, timeout=SLOW), 0)
            t.ok("check", db=bk)
            n += 1
        for f in futs:
            expect_rc(f.result(), 0)


@test
def restore_refuses_a_bad_backup(t):
    populated(t)
    settle(t.db)
    before = t.db.read_bytes()
    bk = t.tmp / "b.db"
    t.ok("backup", bk)
    damage(bk)
    other = t.tmp / "other.db"
    c = connect(other)
    c.execute("CREATE TABLE people (name TEXT)")
    c.commit()
    c.close()
    text = t.tmp / "units.db"
    text.write_bytes(UNITS_CSV.read_bytes())
    for b, want in ((bk, "damaged"), (other, "not a baocao database"),
                    (text, "not an SQLite database")):
        r = t.bc("restore", b)
        expect_err(r, 1, want, "not restored")
        same(t.db.read_bytes() == before, True, f"the database after {r.cmd}")
    expect_err(t.bc("restore", t.tmp / "khong-co.db"), 3, "khong-co.db")
    check(not [p for p in t.tmp.iterdir() if "before-restore" in p.name
               or ".tmp-" in p.name], f"files left: {list(t.tmp.iterdir())}")


# ---- file names from the database --------------------------------------

@test
def template_all_skips_unsafe_codes(t):
    populated(t)
    c = connect(t.db)
    for code in ("../ngoai", "a/b", "xa-Lon"):
        c.execute("INSERT INTO unit (code) VALUES (?)", (code,))
        c.execute("INSERT INTO unit_version (unit_id, name, kind, parent_id)"
                  " VALUES (last_insert_rowid(), 'Xã Lạ', 'commune',"
                  " (SELECT id FROM unit WHERE code = 'tan-ky'))")
    c.commit()
    c.close()
    out = t.tmp / "tpl" / "q1"
    out.parent.mkdir()
    r = t.bc("template", "--all", "--period", "2023-Q1", "--dir", out,
             timeout=SLOW)
    expect_err(r, 0, "'../ngoai'", "'a/b'", "'xa-Lon'")
    made = sorted(p.name for p in out.iterdir())
    check("xa-ky-son.xlsx" in made and len(made) >= 30, f"written: {made}")
    check(not (t.tmp / "tpl" / "ngoai.xlsx").exists()
          and not (out / "a").exists(), "a file outside --dir or below it")


if __name__ == "__main__":
    sys.exit(SUITE.main())

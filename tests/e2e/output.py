# SPDX-License-Identifier: MIT
"""End-to-end tests of what baocao writes: the files of `-o` and
`template --dir`, and the text it prints.

    python3 tests/e2e/output.py PATH/TO/baocao

The harness is harness.py; the sample district and the submissions are
run.py's.
Checked here (docs/user-guide.md, "Output files"): `-o` follows a link
and writes its target, keeps an existing file's mode (and, as root, its
owner) and its other hard links, writes into a FIFO or a device instead
of replacing it, and takes `-` for standard output; a full disk is exit
3 with one message naming the file and leaves nothing behind; what a
killed export left beside its output is swept by the next one, and
nothing else is.

Devices are made for the test (root) or are the system's /dev/null and
/dev/full (anyone else, who cannot replace them): a broken build never
replaces a device of the system.  The full disk is a small tmpfs mounted
for the test (root), else /dev/full, else the test is skipped.
"""

import csv
import fcntl
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import harness
import run as e2e
from run import (Skip, check, expect_rc, fail, sub, with_units, write_csv,
                 write_json)

ROOT = os.geteuid() == 0
# Sanitizer builds run several times slower and say so (scripts/test).
SLOW = e2e.DEFAULT_TIMEOUT * float(os.environ.get("BC_TIME_SCALE", "1"))


class T(e2e.T):
    """run.py's test directory, with commands given time to match the
    build (template --all writes 35 workbooks)."""

    def bc(self, *args, timeout=SLOW, **kw):
        return super().bc(*args, timeout=max(timeout, SLOW), **kw)


SUITE = harness.Suite("output.py", T)
test = SUITE.test

FORMATS = ("xlsx", "csv", "json", "md", "html")   # built in; Lua; C plugin


def district(t):
    """A database with one commune's submission for 2023-Q1."""
    with_units(t)
    t.ok("import", write_json(t, "xa-ky-son.json", sub()))


def export(t, out, fmt="json", **kw):
    return t.bc("export", "2023-Q1", "--format", fmt, "-o", out, **kw)


def raw(t, *args):
    """Runs baocao with stdout as bytes (for a workbook on it)."""
    return subprocess.run([e2e.BIN, "--db", str(t.db)] + list(args),
                          cwd=t.tmp, env=e2e.base_env(),
                          stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=SLOW)


def is_export(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8")) \
            .get("period") == "2023-Q1"
    except (OSError, ValueError):
        return False


def is_workbook(data):
    import io
    try:
        return "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return False


def kind(path):
    if not os.path.lexists(path):
        return "nothing"
    m = os.lstat(path).st_mode
    return ("link" if stat.S_ISLNK(m) else "FIFO" if stat.S_ISFIFO(m)
            else "device" if stat.S_ISCHR(m) else "file" if stat.S_ISREG(m)
            else "other")


# ---- where -o writes -------------------------------------------------------

@test
def links_followed(t):
    district(t)
    (t.tmp / "target.json").write_text("old\n")
    os.symlink("target.json", t.tmp / "link.json")
    expect_rc(export(t, "link.json"), 0)
    check(kind(t.tmp / "link.json") == "link",
          f"link.json is now a {kind(t.tmp / 'link.json')}")
    check(is_export(t.tmp / "target.json"), "the link's target does not "
                                            "hold the export")
    # a link to nothing yet makes its target; a workbook too
    (t.tmp / "out").mkdir()
    os.symlink("out/made.xlsx", t.tmp / "dangling.xlsx")
    expect_rc(t.bc("template", "--unit", "xa-ky-son", "--period", "2023-Q1",
                   "-o", "dangling.xlsx"), 0)
    check(kind(t.tmp / "dangling.xlsx") == "link"
          and is_workbook((t.tmp / "out" / "made.xlsx").read_bytes()),
          "template -o a dangling link: the link replaced or its target "
          "not made")
    # template --dir: each file by the same rules
    d = t.tmp / "tpl"
    d.mkdir()
    os.symlink("../out/kept.xlsx", d / "xa-ky-son.xlsx")
    expect_rc(t.bc("template", "--all", "--period", "2023-Q1", "--dir", d), 0)
    check(kind(d / "xa-ky-son.xlsx") == "link"
          and is_workbook((t.tmp / "out" / "kept.xlsx").read_bytes()),
          "template --dir: a link in the directory replaced")


@test
def mode_owner_and_links_kept(t):
    district(t)
    p = t.tmp / "q1.csv"
    p.write_text("old\n")
    os.chmod(p, 0o640)
    if ROOT:
        os.chown(p, 65534, 65534)
    expect_rc(export(t, p, "csv"), 0)
    st = os.stat(p)
    check(stat.S_IMODE(st.st_mode) == 0o640,
          f"mode now {oct(stat.S_IMODE(st.st_mode))}, was 0o640")
    check(not ROOT or (st.st_uid, st.st_gid) == (65534, 65534),
          f"owner now {st.st_uid}:{st.st_gid}, was 65534:65534")
    check(p.read_text(encoding="utf-8-sig").startswith("unit,period,form"),
          "q1.csv does not hold the export")
    # a file with another name: both names still one file, the export
    os.link(p, t.tmp / "also.csv")
    expect_rc(export(t, p, "json"), 0)
    check(os.path.samefile(p, t.tmp / "also.csv")
          and is_export(t.tmp / "also.csv"),
          "a hard link was broken: the other name keeps the old file")
    d = t.tmp / "tpl"
    d.mkdir()
    (d / "xa-ky-son.xlsx").write_text("old\n")
    os.chmod(d / "xa-ky-son.xlsx", 0o600)
    expect_rc(t.bc("template", "--all", "--period", "2023-Q1", "--dir", d), 0)
    mode = stat.S_IMODE(os.stat(d / "xa-ky-son.xlsx").st_mode)
    check(mode == 0o600, f"template --dir: mode now {oct(mode)}, was 0o600")


def reader(path, into):
    """Reads the FIFO at path to its end in a thread, into a list."""
    def go():
        with open(path, "rb") as f:
            into.append(f.read())
    th = threading.Thread(target=go, daemon=True)
    th.start()
    return th


@test
def fifo_written_into(t):
    district(t)
    ff = t.tmp / "ff"
    os.mkfifo(ff)
    got = []
    th = reader(ff, got)
    r = export(t, ff, timeout=20)
    th.join(5)
    expect_rc(r, 0)
    check(kind(ff) == "FIFO", f"the FIFO is now {kind(ff)}")
    check(got and json.loads(got[0]).get("period") == "2023-Q1",
          "the export did not come through the FIFO")
    got = []
    th = reader(ff, got)
    r = t.bc("template", "--unit", "xa-ky-son", "--period", "2023-Q1",
             "-o", ff, timeout=20)
    th.join(5)
    expect_rc(r, 0)
    check(kind(ff) == "FIFO" and got and is_workbook(got[0]),
          f"template -o FIFO: now {kind(ff)}, a workbook came through "
          f"{bool(got and is_workbook(got[0]))}")


def device(t, name, minor, system):
    """A character device of the test's own (root), else the system's."""
    if not ROOT:
        return Path(system)
    p = t.tmp / name
    os.mknod(p, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return p


@test
def devices_written_into(t):
    district(t)
    null = device(t, "null", 3, "/dev/null")
    for fmt in ("json", "xlsx"):
        r = export(t, null, fmt)
        expect_rc(r, 0)
        check(kind(null) == "device", f"-o {null} ({fmt}): now {kind(null)}")
    # /dev/stdout is a link to /proc/self/fd/1: the same, made here
    os.symlink("/proc/self/fd/1", t.tmp / "stdout")
    r = export(t, t.tmp / "stdout")
    expect_rc(r, 0)
    check(kind(t.tmp / "stdout") == "link", "the link to /proc/self/fd/1 "
                                            "was replaced")
    try:
        check(json.loads(r.out).get("period") == "2023-Q1",
              "standard output does not hold the export")
    except ValueError:
        fail(f"-o a link to /proc/self/fd/1: stdout is {r.out[:80]!r}")


@test
def dash_is_standard_output(t):
    district(t)
    r = export(t, "-")
    expect_rc(r, 0)
    check(json.loads(r.out).get("period") == "2023-Q1",
          "export -o -: stdout is not the export")
    check(not os.path.lexists(t.tmp / "-"), "a file named '-' was written")
    check("standard output" in r.err, f"the message: {r.err.strip()!r}")
    for args in (["export", "2023-Q1", "--format", "xlsx", "-o", "-"],
                 ["template", "--unit", "xa-ky-son", "--period", "2023-Q1",
                  "-o", "-"]):
        p = raw(t, *args)
        check(p.returncode == 0 and is_workbook(p.stdout),
              f"{' '.join(args)}: exit {p.returncode}, a workbook on "
              f"stdout {is_workbook(p.stdout)}")
    check(not os.path.lexists(t.tmp / "-"), "a file named '-' was written")
    expect_rc(t.bc("template", "--unit", "xa-ky-son", "--period",
                   "2023-Q1", "-o", "-", "--json"), 2)
    expect_rc(t.bc("template", "--all", "--period", "2023-Q1", "--dir",
                   "-"), 2)
    check(not os.path.lexists(t.tmp / "-"), "a directory '-' was made")


@test
def what_cannot_be_written_is_refused(t):
    district(t)
    d = t.tmp / "dir.json"
    d.mkdir()
    e2e.expect_err(export(t, d), 3, str(d))
    check(kind(d) == "other" and not list(d.iterdir()),
          "the directory was changed")
    e2e.expect_err(export(t, t.tmp / "no" / "such.json"), 3,
                   str(t.tmp / "no" / "such.json"))


# ---- a full disk -----------------------------------------------------------

class Full:
    """A small full file system at t.tmp/full (root), or None."""

    def __init__(self, t):
        self.dir = t.tmp / "full"
        self.mounted = False
        if ROOT and shutil.which("mount"):
            self.dir.mkdir()
            p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k",
                                "tmpfs", str(self.dir)],
                               capture_output=True)
            self.mounted = p.returncode == 0
        if self.mounted:                # every block taken
            with open(self.dir / "filler", "wb", buffering=0) as f:
                try:
                    while True:
                        f.write(b"x" * 4096)
                except OSError:
                    pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.dir)])


def one_message(r, name):
    lines = [l for l in r.err.splitlines() if l.strip()]
    check(len(lines) == 1 and name in lines[0]
          and os.strerror(28) in lines[0],
          f"{r.cmd}: want one message naming {name} and the full disk, "
          f"got {lines}")


@test
def full_disk(t):
    district(t)
    with Full(t) as full:
        if full.mounted:
            targets = [full.dir / f"q1.{f}" for f in FORMATS]
        elif os.path.exists("/dev/full"):
            targets = [Path("/dev/full")] * len(FORMATS)
        else:
            raise Skip("not root (no tmpfs) and no /dev/full")
        for fmt, out in zip(FORMATS, targets):
            r = export(t, out, fmt)
            expect_rc(r, 3)
            one_message(r, str(out))
        r = t.bc("template", "--unit", "xa-ky-son", "--period", "2023-Q1",
                 "-o", targets[0])
        expect_rc(r, 3)
        one_message(r, str(targets[0]))
        if full.mounted:
            r = t.bc("template", "--all", "--period", "2023-Q1", "--dir",
                     full.dir / "tpl")
            expect_rc(r, 3)
            check("[ERROR]" not in r.err, f"{r.cmd}: {r.err.strip()!r}")
            left = [p.name for p in full.dir.rglob("*")
                    if p.is_file() and p.name != "filler"]
            check(not left, f"left on the full disk: {left}")


# ---- what a killed export left -----------------------------------------------

def leftover(t, name, age=7200):
    p = t.tmp / name
    p.write_text("half an export\n")
    past = time.time() - age
    os.utime(p, (past, past))
    return p


@test
def leftovers_swept(t):
    district(t)
    gone = leftover(t, "q1.json.tmp-Ab3dE9")
    kept = [leftover(t, "q1.json.tmp-Young1", age=60),    # may be running
            leftover(t, "q1.json.tmp-Locked"),            # is running
            leftover(t, "q2.json.tmp-Ab3dE9"),            # another output's
            leftover(t, "q1.json.tmp-Ab3dE"),             # not our pattern
            leftover(t, "q1.json.bak")]
    if ROOT:
        kept.append(leftover(t, "q1.json.tmp-Theirs"))
        os.chown(kept[-1], 65534, 65534)
    with open(kept[1], "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        expect_rc(export(t, "q1.json"), 0)
    check(is_export(t.tmp / "q1.json"), "q1.json does not hold the export")
    check(not gone.exists(), f"{gone.name}, an hour old and ours, is left")
    check(all(p.exists() for p in kept),
          f"removed: {[p.name for p in kept if not p.exists()]}")
    mine = [p.name for p in t.tmp.glob("q1.json.tmp-*") if p not in kept]
    check(not mine, f"the export left {mine}")


# ---- CSV injection -----------------------------------------------------------

# Table text a spreadsheet would run as a formula (OWASP, CSV Injection),
# text that merely looks like it, and a number written as text.
FORMULAS = ['=HYPERLINK("http://x.example/","c")', "+cmd|' /C calc'!A0",
            "@SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
            "'=already quoted", "''@twice", "'plain", "-5", "a=b"]
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")


def csv_cells(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def cell_text(c):
    """docs/user-guide.md: the apostrophe before a formula comes off."""
    return c[1:] if re.match(r"'+[=+\-@\t\r]", c) else c


@test
def csv_formulas_neutralised(t):
    with_units(t)
    s = sub()
    s["forms"]["pl1b"] = {"van_ban": [
        {"so_ky_hieu": f"{i}/KH-UBND", "ngay": "2023-01-10",
         "loai": "ke_hoach", "trich_yeu": x}
        for i, x in enumerate(FORMULAS, 1)]}
    t.ok("import", write_json(t, "formulas.json", s))
    expect_rc(export(t, "a.csv", "csv"), 0)
    rows = csv_cells(t.tmp / "a.csv")
    bad = [c for r in rows for c in r
           if c[:1] in ("=", "+", "-", "@", "\t", "\r")
           and not NUMBER.fullmatch(c)]
    check(not bad, f"cells a spreadsheet runs as formulas: {bad}")
    mine = {r[3]: r[4] for r in rows if r[0] == "xa-ky-son"}
    for i, x in enumerate(FORMULAS, 1):
        got = mine.get(f"van_ban[{i}].trich_yeu")
        check(got is not None and cell_text(got) == x,
              f"row {i}: {x!r} written as {got!r}")
    check(mine.get("kinh_phi_cchc") == "12.5" and mine.get("vb_chi_dao") == "2",
          f"numbers: {mine.get('kinh_phi_cchc')!r}, {mine.get('vb_chi_dao')!r}")
    # the export's rows imported again hold the same text: exported
    # again, the same file
    again = T(t.tmp / "again")
    again.tmp.mkdir()
    with_units(again)
    key = ["xa-ky-son", "2023-Q1", "_meta"]
    back = [key + ["signer_name", "Nguyễn Văn An"],
            key + ["signer_title", "Chủ tịch UBND xã"],
            key + ["received_at", "2023-02-27T09:00:00+07:00"]]
    back += [r for r in rows[1:] if r[0] == "xa-ky-son"]
    again.ok("import", write_csv(again, "back.csv", back, crlf=True))
    expect_rc(export(again, "b.csv", "csv"), 0)
    check((again.tmp / "b.csv").read_bytes() == (t.tmp / "a.csv").read_bytes(),
          "the export of the export imported again differs")


# ---- terminal escape codes -------------------------------------------------

ESC = "\x1b[2J\x1b]0;pwned\x07\x9b31m\r"   # clear, set the title, CSI, CR
RAW = ("\x1b", "\x07", "\x9b", "\r")


def raw_controls(text):
    return [c for c in RAW if c in text]


@test
def escapes_refused_on_import(t):
    with_units(t)
    s = sub()
    s["signed_by"]["name"] = "Nguyễn Văn \x1b[2JAn"
    s["forms"]["pl1b"]["van_ban"][0]["trich_yeu"] = "Kế hoạch\x9b31m"
    name = write_json(t, "esc.json", s)
    r = t.bc("import", name)
    expect_rc(r, 1)
    e2e.expect_msg(t, r, name, e2e.line_of(t, name, '"name"'),
                   "_meta.signer_name")
    e2e.expect_msg(t, r, name, e2e.line_of(t, name, '"trich_yeu"'),
                   "pl1b.van_ban")
    check(not raw_controls(r.err), f"{r.cmd}: raw controls in its messages")
    rows = e2e.csv_rows(sub()) + [["xa-ky-son", "2023-Q1", "bm3",
                                   "hs_ky_truoc", "1\x1b[2J"]]
    r = t.bc("import", write_csv(t, "esc.csv", rows))
    expect_rc(r, 1)
    check("esc.csv:" in r.err and "U+001B" in r.err, f"{r.cmd}: {r.brief()}")
    (t.tmp / "units.csv").write_text("code,name,kind,roles,parent\n"
                                     "xa-moi,Xã \x1b[31mMới,commune,,\n")
    r = t.bc("units", "import", "units.csv")
    e2e.expect_err(r, 1, "units.csv:2: name: U+001B")
    # tabs and line breaks are a narrative's and a table text's own
    s = sub(report=dict(e2e.REPORT_A, **{"A.I": "Dòng 1\r\nDòng 2\tcột"}))
    s["forms"]["pl1b"]["van_ban"][0]["trich_yeu"] = "Kế hoạch\nnăm 2023"
    t.ok("import", write_json(t, "lines.json", s))


def strings(o):
    if isinstance(o, dict):
        o = list(o.values())
    if isinstance(o, list):
        for v in o:
            yield from strings(v)
    elif isinstance(o, str):
        yield o


def expect_escaped(r, what):
    expect_rc(r, 0)
    check(not raw_controls(r.out + r.err),
          f"{r.cmd}: prints raw {raw_controls(r.out + r.err)} of {what}")
    check("\\u001b[2J" in r.out, f"{r.cmd}: {what} not shown escaped: "
                                   f"{r.out[:300]!r}")


@test
def escapes_shown_escaped(t):
    """A database from before escapes were refused, and a rules file."""
    district(t)
    db = sqlite3.connect(t.db)
    db.execute("UPDATE unit_version SET name = ? WHERE unit_id ="
               " (SELECT id FROM unit WHERE code = 'xa-ky-son')",
               ("Xã Kỳ Sơn" + ESC,))
    db.execute("UPDATE submission SET signer_name = ?", ("Nguyễn" + ESC,))
    db.commit()
    db.close()
    for args, stored in ((["history", "xa-ky-son", "2023-Q1", "bm3"],
                          "Nguyễn" + ESC),
                         (["status", "2023-Q1", "--as-of", "2023-03-10"],
                          None),
                         (["units", "list"], "Xã Kỳ Sơn" + ESC)):
        expect_escaped(t.bc(*args), "a name")
        # JSON holds the stored text, escaped as JSON escapes it
        r = t.bc(*args, "--json")
        check(not raw_controls(r.out), f"{r.cmd}: raw controls")
        got = list(e2e.parse_json(r) and strings(e2e.parse_json(r)))
        check(stored is None or stored in got,
              f"{r.cmd}: {stored!r} not in its JSON")
    rules = t.rules_copy()
    f = rules / "cchc-1131" / "forms" / "bm3.lua"
    f.write_text(f.read_text(encoding="utf-8").replace(
        'title = "', 'title = "\\27[2J" .. "', 1), encoding="utf-8")
    r = t.bc("rules", "show", "cchc-1131", db=False, rules=rules)
    expect_escaped(r, "a form's title")
    # messages too: an unknown unit named with an escape
    r = t.bc("import", write_json(t, "who.json", sub(unit="x\x1b[2J")))
    expect_rc(r, 1)
    check(not raw_controls(r.err) and "\\u001b[2J" in r.err,
          f"{r.cmd}: {r.err.strip()!r}")


def on_terminal(t, *args):
    """What baocao writes on a terminal (a pty in raw mode)."""
    import pty
    import tty
    master, slave = pty.openpty()
    tty.setraw(slave)
    p = subprocess.Popen([e2e.BIN, "--db", str(t.db)] + list(args),
                         cwd=t.tmp, env=e2e.base_env(), stdout=slave,
                         stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    os.close(slave)
    got = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:                 # EIO: the other side closed
            break
        if not chunk:
            break
        got += chunk
    os.close(master)
    return p.wait(SLOW), got


@test
def dash_on_a_terminal(t):
    """-o - on a terminal is shown as baocao's own text is: escaped."""
    district(t)
    db = sqlite3.connect(t.db)
    db.execute("UPDATE unit_version SET name = name || ?", (ESC,))
    db.commit()
    db.close()
    for fmt in ("md", "csv", "html", "xlsx"):
        rc, got = on_terminal(t, "export", "2023-Q1", "--format", fmt,
                              "-o", "-")
        text = got.decode("utf-8", "replace")
        check(rc == 0 and got and not raw_controls(text.replace("\r", "")),
              f"export --format {fmt} -o - on a terminal: exit {rc}, "
              f"raw {raw_controls(text)}")
    rc, got = on_terminal(t, "export", "2023-Q1", "--format", "html", "-o",
                          "-")
    check("\\u001b[2J" in got.decode("utf-8", "replace"),
          "the name is not shown escaped on the terminal")


@test
def stdout_write_error(t):
    if not os.path.exists("/dev/full"):
        raise Skip("no /dev/full")
    district(t)
    # The JSON writers stream: a failed write is said once, as a write
    # failure (once "out of memory" for aggregate), with nothing else.
    for args in (["status", "2023-Q1", "--json"], ["units", "list"],
                 ["aggregate", "2023-Q1", "--json"],
                 ["aggregate", "2023-Q1", "--by", "district", "--json"]):
        with open("/dev/full", "w") as full:
            p = subprocess.run([e2e.BIN, "--db", str(t.db)] + args,
                               cwd=t.tmp, env=e2e.base_env(),
                               stdout=full, stderr=subprocess.PIPE,
                               timeout=SLOW)
        err = p.stderr.decode("utf-8", "replace").strip()
        said = [l for l in err.splitlines() if "standard output" in l]
        check(p.returncode == 3 and len(said) == 1
              and os.strerror(28) in said[0]
              and ("--json" not in args or len(err.splitlines()) == 1),
              f"{' '.join(args)} > /dev/full: exit {p.returncode}, {err!r}")


if __name__ == "__main__":
    sys.exit(SUITE.main())

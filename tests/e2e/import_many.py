# SPDX-License-Identifier: MIT
"""An import of many files says and stores what importing each alone does.

    python3 tests/e2e/import_many.py PATH/TO/baocao

An import of several files reads the next ones on a second thread while
it checks and stores each (core/import/readahead.c); an import of one
file reads it on the only thread.  Among good files come files that fail
every way a file fails: missing, a directory, empty, a PDF, malformed
JSON, refused by the checks, over the size limit, the same path twice,
the same bytes under another name, a mistake on eight lines.  Imported all at once, they give,
byte for byte, what importing each alone gives one after the other: the
same lines on stderr in the same order (then the line naming the files
not imported), the same --json, the same exit code, and the same rows in
every table; with --dry-run and in Vietnamese too.  Standard library only.
"""

import json
import os
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import check, same  # noqa: E402

h.start("import_many.py PATH/TO/baocao")
SRC = h.SRC
EX = SRC / "examples"
UNITS = EX / "tan-ky-units.csv"

SUITE = h.Suite("import_many.py", prefix="bc-import-many-")
test = SUITE.test

# The files that are not imported: why, and what the last line says of
# those that could not be read.
NOT_IMPORTED = {"missing.json": ("unreadable", "No such file or directory"),
                "folder.json": ("unreadable", "not a regular file"),
                "empty.json": ("refused", None),
                "scan.pdf": ("refused", None),
                "broken.json": ("refused", None),
                "xa-phu-son.json": ("refused", None),
                "huge.csv": ("refused", None),
                "folded.csv": ("refused", None)}


def inputs(tmp):
    """The files of the import, in order: last year's, then this
    quarter's with the faulty ones between them."""
    d = tmp / "in"
    d.mkdir()
    (d / "folder.json").mkdir()
    (d / "empty.json").write_bytes(b"")
    (d / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (d / "broken.json").write_text('{"unit": "xa-ky-son", "period": ')
    (d / "xa-phu-son.json").write_bytes(
        (EX / "2023-Q1-rejected" / "xa-phu-son.json").read_bytes())
    with open(d / "huge.csv", "wb") as f:  # sparse: no disk taken
        f.truncate((32 << 20) + 1)
    # The same mistake on eight lines: said once, with the count.
    (d / "folded.csv").write_text(
        "unit,period,form,field,value\n" + "".join(
            f"xa-ky-son,2023-Q1,bm3,bang[{i},1\n" for i in range(1, 9)))
    (d / "copy-of-ktht.json").write_bytes(
        (EX / "2023-Q1" / "ktht.json").read_bytes())
    last = [str(p) for p in sorted((EX / "2022-Q1").iterdir())[:6]]
    q1 = [str(p) for p in sorted((EX / "2023-Q1").iterdir())]
    faults = ["missing.json", "empty.json", "scan.pdf", "broken.json",
              "xa-phu-son.json", "huge.csv", "folder.json", "folded.csv"]
    files = list(last)
    for k, p in enumerate(q1):
        files.append(p)
        if k < len(faults):
            files.append(str(d / faults[k]))
    ktht = str(EX / "2023-Q1" / "ktht.json")
    files += [ktht, str(d / "copy-of-ktht.json")]
    return files


def district(t, db):
    for args in (["init"], ["units", "import", str(UNITS)]):
        h.expect_rc(t.bc(*args, db=db), 0)


def rows(db):
    """Every row of every table, by table."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " ORDER BY name")]
        return {tb: con.execute(f'SELECT * FROM "{tb}" ORDER BY 1').fetchall()
                for tb in tables}
    finally:
        con.close()


# Vietnamese, whether or not the machine has generated its locale: the
# reading thread's messages too (tests/e2e/language.py).
VI = {"LANGUAGE": "vi", "LANG": "vi_VN.UTF-8"}


def run(t, db, files, *opts, lang=None):
    env = t.env()
    if lang:
        env = {k: v for k, v in env.items()
               if k not in ("LANGUAGE", "LANG") and not k.startswith("LC_")}
        env.update(lang)
    r = t.bc("import", *files, *opts, db=db, env=env,
             timeout=120 * h.TIME_SCALE)
    check(not r.timed_out, f"{r.cmd}: did not finish")
    return r


def missed_line(entries, n):
    """The last line of an import of n files, naming those not imported
    (cmd_import.c's say_missed), from their --json entries."""
    return (f"import: {len(entries)} of {n} files not imported:" + "".join(
        f"{';' if i else ''} {e['file']} "
        f"({'refused' if e['reason'] == 'refused' else e['message']})"
        for i, e in enumerate(entries)) + "\n")


def exit_code(codes):
    return 3 if 3 in codes else 1 if 1 in codes else 0


def compare(t, *opts, lang=None):
    """All at once against one at a time, on fresh databases, with opts
    (--json, --dry-run) in lang (English: None); returns what all at once
    said, and the files."""
    files = inputs(t.tmp)
    tag = "".join(opts).replace("-", "") or "text"
    together, alone = t.tmp / f"together-{tag}.db", t.tmp / f"alone-{tag}.db"
    for db in (together, alone):
        district(t, db)
    everything = run(t, together, files, *opts, lang=lang)
    singles = [run(t, alone, [f], *opts, lang=lang) for f in files]
    same(everything.rc, exit_code([s.rc for s in singles]), "exit code")
    # Each alone, then the line naming those not imported.
    want_err = "".join(s.err for s in singles)
    check(everything.err.startswith(want_err),
          f"stderr differs from each file's alone:\n{everything.err[:3000]}"
          f"\n---- alone ----\n{want_err[:3000]}")
    entries = [{"file": f, "reason": NOT_IMPORTED[Path(f).name][0],
                "message": NOT_IMPORTED[Path(f).name][1]}
               for f, s in zip(files, singles) if s.rc]
    last = everything.err[len(want_err):]
    if lang:
        names = [e["file"] for e in entries]
        check(last.count("\n") == 1 and all(n in last for n in names)
              and sorted(names, key=last.index) == names,
              f"the last line does not name {names} in order: {last!r}")
    else:
        same(last, missed_line(entries, len(files)), "the last line")
    if "--json" in opts:
        got = json.loads(everything.out)
        parts = [json.loads(s.out) for s in singles]
        same(got["files"], [f for p in parts for f in p["files"]], "files")
        same(got["not_imported"], [e for p in parts
                                   for e in p["not_imported"]],
             "not_imported")
    else:
        same(everything.out, "".join(s.out for s in singles), "stdout")
    same(rows(together), rows(alone), "the database's rows")
    return everything, files


def collapsed(names):
    """names with each run of one name said once."""
    return [n for i, n in enumerate(names) if not i or names[i - 1] != n]


@test
def many_files_say_what_each_alone_says(t):
    r, files = compare(t)
    h.expect_rc(r, 3)
    # Each file says something, in the order given.
    same(collapsed([line.split(":", 1)[0]
                    for line in r.err.splitlines()[:-1]]),
         collapsed(files), "the files the lines name, in order")
    for name, why in [("missing.json", "No such file or directory"),
                      ("folder.json", "not a regular file"),
                      ("empty.json", "the file is empty (0 bytes)"),
                      ("scan.pdf", "a PDF document, not a submission"),
                      ("huge.csv", "larger than the limit of 33554432 bytes"),
                      ("broken.json", "malformed JSON")]:
        check(any(line.startswith(str(t.tmp / "in" / name)) and why in line
                  for line in r.err.splitlines()),
              f"{name}: no line saying {why!r}")
    check("copy-of-ktht.json: " in r.err and "already imported" in r.err,
          "the same bytes again are not said already imported")
    check("(and 7 more lines like it)" in r.err,
          "folded.csv's eight alike problems are not said once")


@test
def many_files_as_json(t):
    r, _ = compare(t, "--json")
    h.expect_rc(r, 3)
    got = json.loads(r.out)
    same(sorted(Path(e["file"]).name for e in got["not_imported"]),
         sorted(NOT_IMPORTED), "the files not imported")


@test
def many_files_in_vietnamese(t):
    r, _ = compare(t, lang=VI)
    h.expect_rc(r, 3)
    check("Biểu số 03" in r.err and "tệp" in r.err,
          f"not in Vietnamese: {r.err[-400:]!r}")


@test
def many_files_checked_only(t):
    r, _ = compare(t, "--dry-run")
    h.expect_rc(r, 3)
    same(rows(t.tmp / "together-dryrun.db")["submission"], [],
         "submissions stored by a dry run")


if __name__ == "__main__":
    SUITE.main()

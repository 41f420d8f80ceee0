# SPDX-License-Identifier: MIT
"""End-to-end tests of the library's messages in the reader's language:
Vietnamese under a Vietnamese locale, English under C, while --json
stays English in every locale.

    python3 tests/e2e/library_messages.py PATH/TO/baocao

Runs on harness.py, with the helpers of run.py.  Needs the vi_VN.UTF-8
locale (gettext speaks no language the system lacks): without it each
test is skipped, saying so."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import run  # noqa: E402  (run.py's fixtures: reads sys.argv itself)
from run import (check, expect_rc, parse_json, same, write_text,  # noqa: E402
                 rules_with)

SUITE = harness.Suite("library_messages.py", run.T)
test = SUITE.test

VI = {"LC_ALL": "", "LANG": "vi_VN.UTF-8", "LANGUAGE": "vi"}
EN = {"LC_ALL": "C.UTF-8", "LANGUAGE": ""}


def have_vi():
    out = subprocess.run(["locale", "-a"], capture_output=True,
                         text=True).stdout.lower().replace("-", "")
    return "vi_vn.utf8" in out.split()


def both(t, *args, **kw):
    """The same command in Vietnamese and in English."""
    if not have_vi():
        raise harness.Skip("no vi_VN.UTF-8 locale (locale -a)")
    return (t.bc(*args, env=t.env(**VI), **kw),
            t.bc(*args, env=t.env(**EN), **kw))


@test
def reader_problem_in_the_readers_language(t):
    t.init()
    write_text(t, "bad.json", '{"unit": "xa-ky-son",\n "period": 1\n')
    vi, en = both(t, "import", "bad.json")
    expect_rc(vi, 1)
    expect_rc(en, 1)
    check("bad.json:3: JSON sai cấu trúc: " in vi.err,
          f"import under vi_VN: {vi.err!r}")
    check("bad.json:3: malformed JSON: " in en.err,
          f"import under C.UTF-8: {en.err!r}")
    write_text(t, "utf16.csv", b"\xff\xfeu\x00n\x00")
    vi, en = both(t, "import", "utf16.csv")
    check("utf16.csv: văn bản UTF-16" in vi.err, f"under vi_VN: {vi.err!r}")
    check("utf16.csv: UTF-16 text" in en.err, f"under C.UTF-8: {en.err!r}")


@test
def json_stays_english(t):
    t.init()
    write_text(t, "bad.csv", "unit,period,form,field,value\nx\n")
    vi, en = both(t, "--json", "import", "bad.csv")
    expect_rc(vi, 1)
    same(parse_json(vi), parse_json(en), "import --json under vi_VN")
    check("5" in en.out and "header" in en.out, f"--json: {en.out!r}")


@test
def error_code_in_the_readers_language(t):
    t.init()
    vi, en = both(t, "import", "missing.json")
    check("missing.json: not imported" in en.err
          and "input/output error" in en.err, f"under C.UTF-8: {en.err!r}")
    check("lỗi đọc/ghi" in vi.err, f"bc_strerror under vi_VN: {vi.err!r}")


@test
def rule_loader_keeps_file_and_line(t):
    rules, n = rules_with(t, "undefined_name_x = 1")
    vi, en = both(t, "rules", "check", rules, db=False)
    expect_rc(vi, 1)
    where = f"cchc-1131/ruleset.lua:{n}: "
    check(where + "gán giá trị cho biến toàn cục 'undefined_name_x'" in vi.err,
          f"rules check under vi_VN: {vi.err!r}")
    check(where + "assignment to global 'undefined_name_x'" in en.err,
          f"rules check under C.UTF-8: {en.err!r}")
    vi, en = both(t, "--json", "rules", "check", rules, db=False)
    same(parse_json(vi), parse_json(en), "rules check --json under vi_VN")


@test
def database_trouble_with_what_was_done(t):
    write_text(t, "not.db", "this is no database, and long enough to have "
               "a header of a hundred bytes if it were one: " + "x" * 80)
    vi, en = both(t, "status", "2023-Q1", db=t.tmp / "not.db")
    check("không phải cơ sở dữ liệu SQLite" in vi.err,
          f"under vi_VN: {vi.err!r}")
    check("not an SQLite database" in en.err, f"under C.UTF-8: {en.err!r}")


sys.exit(SUITE.main())

# SPDX-License-Identifier: MIT
"""The man pages, baocao(1) in English (man/baocao.1) and in Vietnamese
(man/vi/baocao.1), against the program.

    python3 tests/e2e/manpage.py PATH/TO/baocao

Each page renders without a warning (groff -ww, and man --warnings
where man-db is installed); each has a section for every command
`baocao --help` lists, naming every option of that command's --help;
each names every BAOCAO_* variable the sources read.  Standard library
only.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import check, same  # noqa: E402

h.start("manpage.py PATH/TO/baocao")
SRC = h.SRC
PAGES = [SRC / "man" / "baocao.1", SRC / "man" / "vi" / "baocao.1"]
# Commands that --help does not list but the page describes.
INTERNAL = {"complete"}
UTF8 = {"LC_ALL": "C.UTF-8", "MANWIDTH": "80"}


def sh(argv, stdin=None, env=None):
    p = subprocess.run(argv, input=stdin, capture_output=True,
                       env={**os.environ, **(env or {})}, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def english(t, *args):
    """baocao args in the C locale: --help in English."""
    r = t.bc(*args, db=False, env=t.env(LANGUAGE="", LC_ALL="C"))
    h.expect_rc(r, 0)
    return r.out


def commands(t):
    body = english(t, "--help").split("commands:", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in body.splitlines() if line.strip()]


def sections(page):
    """The page's .SH sections and its commands' .SS ones, as text with
    roff's \\- read as -."""
    text = page.read_text(encoding="utf-8").replace("\\-", "-")
    out, name = {}, None
    for line in text.splitlines():
        m = re.match(r'\.S([HS]) "?([^"]*)"?$', line)
        if m:
            name = (m.group(1), m.group(2))
            out[name] = ""
        elif name:
            out[name] += line + "\n"
    return out


SUITE = h.Suite("manpage.py", h.Case, prefix="bc-man-")
test = SUITE.test


@test
def renders_without_warnings(t):
    for page in PAGES:
        text = page.read_bytes()
        rc, _, err = sh(["preconv"], stdin=text)
        check(rc == 0, f"preconv {page}: {err}")
        rc, _, err = sh(["groff", "-man", "-Tutf8", "-ww", "-z"],
                        stdin=sh(["preconv"], stdin=text)[1])
        same((rc, err), (0, ""), f"groff -man -ww of {page}")
        if shutil.which("man"):
            rc, out, err = sh(["man", "--warnings", "-l", str(page)],
                              env=UTF8)
            same((rc, err), (0, ""), f"man --warnings -l {page}")
            check(b"baocao" in out, f"man -l {page} printed nothing")


@test
def every_command_has_its_section(t):
    cmds = commands(t)
    check(len(cmds) > 10, f"commands of --help: {cmds}")
    for page in PAGES:
        ss = [name for kind, name in sections(page) if kind == "S"]
        same(sorted(ss), sorted(cmds + sorted(INTERNAL)),
             f"command sections of {page.relative_to(SRC)}")


@test
def every_option_in_its_section(t):
    for cmd in commands(t):
        named = set(re.findall(r"(?<![\w$-])(--[a-z][a-z-]*[a-z]|-o)\b",
                               english(t, cmd, "--help")))
        named -= {"--json", "--help", "--db", "--rules"}
        for page in PAGES:
            text = sections(page)[("S", cmd)]
            missing = sorted(o for o in named
                             if not re.search(rf"(?<![\w-]){o}(?![\w-])",
                                              text))
            same(missing, [], f"options of {cmd} missing in "
                              f"{page.relative_to(SRC)}")


@test
def global_options_and_environment(t):
    usage = english(t, "--help").split("\n\n", 1)[0]
    opts = set(re.findall(r"--[a-z]+", usage))
    read = set()
    for c in (SRC / "core").rglob("*.c"):
        read |= set(re.findall(r'(?:getenv|env_or)\("(BAOCAO_[A-Z_]+)"',
                               c.read_text(encoding="utf-8")))
    check({"BAOCAO_DB", "BAOCAO_NOW"} <= read, f"variables read: {read}")
    for page in PAGES:
        text = page.read_text(encoding="utf-8").replace("\\-", "-")
        for o in sorted(opts):
            check(re.search(rf"^\.B[IR]? {o}\b", text, re.M),
                  f"{page.relative_to(SRC)}: no entry for {o}")
        for var in sorted(read | {"LANGUAGE", "LANG"}):
            check(re.search(rf"^\.BR? {var}\b|^\.BR .*\b{var}\b", text,
                            re.M),
                  f"{page.relative_to(SRC)}: {var} not described")


if __name__ == "__main__":
    if not shutil.which("groff") or not shutil.which("preconv"):
        sys.exit("manpage.py: groff is not installed (scripts/setup "
                 "installs groff-base)")
    sys.exit(SUITE.main())

# SPDX-License-Identifier: MIT
"""The harness every end-to-end test script runs on.

A script takes the binary as its first argument (start), says what a
test's directory holds and how baocao runs there (a Case), registers its
tests (Suite.test) and runs them (Suite.main): each test in a fresh
temporary directory, several at a time, one line per test ("ok NAME",
"FAIL NAME: why" or "skip NAME: why"), then "N passed, M failed"; the
exit status is 1 if any failed.  A test fails by raising Failure (check,
fail, same, expect_rc …) or anything else, and is skipped by raising
Skip.  Standard library only.
"""

import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = Path(os.environ.get("BC_SOURCE_ROOT") or HERE.parents[1]).resolve()
# Sanitizer builds run several times slower and say so (scripts/test):
# time limits widen by this.
TIME_SCALE = float(os.environ.get("BC_TIME_SCALE", "1"))
BIN = None


def start(usage, extra=0):
    """The script's arguments: the binary (its path into BIN), then
    `extra` more, which are returned; the usage, and exit 2, otherwise."""
    global BIN
    if len(sys.argv) != 2 + extra:
        sys.exit(f"usage: {usage}")
    BIN = str(Path(sys.argv[1]).resolve())
    return sys.argv[2:]


# ---- findings ------------------------------------------------------------

class Failure(Exception):
    pass


class Skip(Exception):
    pass


def find_debian(module):
    """The module, imported, or None.  Debian installs the ones the tests
    use (openpyxl, docx) for its own python3: when another interpreter
    runs this script (a pyenv one, say), run it again under Debian's."""
    try:
        return __import__(module)
    except ImportError:
        pass
    debian = "/usr/bin/python3"
    if (os.path.exists(debian) and os.path.realpath(sys.executable)
            != os.path.realpath(debian)
            and not os.environ.get("BC_DEBIAN_REEXEC")):
        probe = subprocess.run([debian, "-c", f"import {module}"],
                               capture_output=True)
        if probe.returncode == 0:
            os.environ["BC_DEBIAN_REEXEC"] = "1"
            os.execv(debian, [debian] + sys.argv)
    return None


def find_openpyxl():
    """openpyxl, or None (find_debian)."""
    return find_debian("openpyxl")


def fail(msg):
    raise Failure(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def same(got, want, what):
    if got != want:
        fail(f"{what}:\n      got  {json.dumps(got, ensure_ascii=False)}\n"
             f"      want {json.dumps(want, ensure_ascii=False)}")


# ---- running baocao --------------------------------------------------------

def english(env):
    """env speaking the source language, English, whatever the
    developer's locale: LANGUAGE and every LC_* and LANG of the caller
    dropped, LC_ALL=C.UTF-8 (under which gettext translates nothing)."""
    env = {k: v for k, v in env.items()
           if k not in ("LANGUAGE", "LANG") and not k.startswith("LC_")}
    env["LC_ALL"] = "C.UTF-8"
    return env


def base_env(now, **extra):
    """The environment without the caller's BAOCAO_* variables, with the
    clock at now, a user of its own and messages in English; extra
    (LANGUAGE=vi, ...) on top."""
    env = english({k: v for k, v in os.environ.items()
                   if not k.startswith("BAOCAO_")})
    env["BAOCAO_NOW"] = now
    env["BAOCAO_USER"] = "e2e"
    env.update(extra)
    return env


class Result:
    def __init__(self, argv, rc, out, err, secs, timed_out=False, rss_mb=None,
                 cpu=None):
        self.argv, self.rc, self.out, self.err = argv, rc, out, err
        self.secs, self.timed_out = secs, timed_out
        # peak resident memory and processor seconds, when measured
        self.rss_mb, self.cpu = rss_mb, cpu

    @property
    def cmd(self):
        return "baocao " + " ".join(
            a if a and re.fullmatch(r"[\w./:=+-]+", a) else repr(a)
            for a in self.argv)

    def brief(self):
        err = self.err.strip().replace("\n", " | ")
        out = self.out.strip().replace("\n", " | ")
        return (f"exit {self.rc}; stderr: {err[:400]!r}"
                + (f"; stdout: {out[:300]!r}" if out else ""))


def _text(b):
    return (b or b"").decode("utf-8", "replace")


def run(argv, cwd, env, timeout):
    """baocao argv in cwd; a Result, timed_out when it ran past timeout
    (it is then stopped)."""
    argv = [str(a) for a in argv]
    start_ = time.monotonic()
    try:
        p = subprocess.run([BIN] + argv, cwd=cwd, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return Result(argv, None, _text(e.stdout), _text(e.stderr),
                      time.monotonic() - start_, timed_out=True)
    return Result(argv, p.returncode, _text(p.stdout), _text(p.stderr),
                  time.monotonic() - start_)


def run_measured(argv, cwd, env, timeout):
    """run(), also measuring the command's peak resident memory and the
    processor time it took (which, unlike the clock, other work on the
    machine does not stretch)."""
    argv = [str(a) for a in argv]
    start_ = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen([BIN] + argv, cwd=cwd, env=env,
                             stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        timed_out = False
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start_ > timeout:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                timed_out = True
                break
            time.sleep(0.01)
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Result(argv, None if timed_out else p.returncode,
                      _text(out.read()), _text(err.read()),
                      time.monotonic() - start_, timed_out,
                      ru.ru_maxrss / 1024.0, ru.ru_utime + ru.ru_stime)


def expect_rc(r, code):
    if r.timed_out:
        fail(f"{r.cmd}: did not finish within {r.secs:.0f} s")
    if r.rc != code:
        fail(f"{r.cmd}: expected exit {code}, got {r.brief()}")


def parse_json(r):
    try:
        return json.loads(r.out)
    except ValueError as e:
        fail(f"{r.cmd}: stdout is not exactly one JSON document ({e}): "
             f"{r.out[:300]!r}")


def expect_err(r, code, *needles):
    expect_rc(r, code)
    for n in needles:
        check(n in r.err, f"{r.cmd}: stderr does not name {n!r}: "
                          f"{r.err.strip()[:400]!r}")


# ---- a test's directory ------------------------------------------------------

class Case:
    """One test's temporary directory and database, and baocao run there
    at a fixed "now" (NOW), each command within TIMEOUT seconds."""

    NOW = "2023-05-15T09:00:00+07:00"
    TIMEOUT = 30.0

    def __init__(self, tmp):
        self.tmp = Path(tmp)
        self.db = self.tmp / "test.db"

    def env(self, **extra):
        return base_env(self.NOW, **extra)

    def bc(self, *args, db=True, rules=None, env=None, timeout=None,
           cwd=None):
        """baocao args, on the test's database (db: another, or False for
        none) and rules (or the shipped ones)."""
        pre = []
        if db:
            pre += ["--db", str(self.db if db is True else db)]
        if rules:
            pre += ["--rules", str(rules)]
        return run(pre + list(args), cwd or self.tmp, env or self.env(),
                   timeout or self.TIMEOUT)

    def ok(self, *args, **kw):
        r = self.bc(*args, **kw)
        expect_rc(r, 0)
        return r

    def json(self, *args, **kw):
        return parse_json(self.ok(*args, "--json", **kw))


# ---- the tests of a script -----------------------------------------------

class Suite:
    """A script's tests, each run with a fresh `case` (a Case) in a
    temporary directory named prefix…, `workers` at a time."""

    def __init__(self, script, case=Case, prefix="bc-e2e-", workers=6):
        self.script, self.case = script, case
        self.prefix, self.workers = prefix, workers
        self.tests = []

    def test(self, fn):
        """Registers fn(case) as a test (a decorator)."""
        self.tests.append(fn)
        return fn

    def run_one(self, fn):
        with tempfile.TemporaryDirectory(prefix=self.prefix) as tmp:
            try:
                fn(self.case(tmp))
                return "ok", ""
            except Skip as e:
                return "skip", str(e)
            except Failure as e:
                return "FAIL", str(e)
            except Exception as e:  # a bug of the test itself, still a failure
                return "FAIL", f"{type(e).__name__}: {e}"

    def main(self):
        if not os.access(BIN, os.X_OK):
            sys.exit(f"{self.script}: {BIN} is not an executable")
        passed = failed = 0
        with concurrent.futures.ThreadPoolExecutor(
                max_workers=self.workers) as pool:
            futures = [(fn.__name__, pool.submit(self.run_one, fn))
                       for fn in self.tests]
            for name, fut in futures:
                status, why = fut.result()
                if status == "ok":
                    passed += 1
                    print(f"ok {name}", flush=True)
                elif status == "skip":
                    print(f"skip {name}: {why}", flush=True)
                else:
                    failed += 1
                    print(f"FAIL {name}: {why}", flush=True)
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0

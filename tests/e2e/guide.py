# SPDX-License-Identifier: MIT
"""The documents' commands run as written.

    python3 tests/e2e/guide.py PATH/TO/baocao SOURCE_ROOT DOC.md[#section]...

Every ```sh block of each document (of its section, with #section: the
heading's words in lower case joined by '-') runs in order, in a fresh directory of
its own that looks like a clone of the project (examples/ and scripts/
linked in, the binary at build/core/cli/baocao), with `baocao` standing
for the binary.  Each command must exit 0, or the code its line announces
with a comment `# exit N`.  Then the document's own checks below: what
its commands made must be there.  A guide that points at a missing file,
a command that changed, or an option that went away fails here.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = str(Path(sys.argv[1]).resolve())
SRC = Path(sys.argv[2]).resolve()
DOCS = sys.argv[3:]
TIME_SCALE = float(os.environ.get("BC_TIME_SCALE", "1"))


def blocks(text):
    """The commands of the ```sh blocks: (line number, command, exit)."""
    cmds, inside, pending, start = [], False, "", 0
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            inside = line.strip() == "```sh"
            continue
        if not inside or (not pending and not line.strip()):
            continue
        if not pending:
            start = n
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        cmd = pending + line
        pending = ""
        m = re.search(r"#\s*exit\s+(\d+)\b", cmd)
        cmds.append((start, cmd, int(m.group(1)) if m else 0))
    return cmds


def clone_like(d):
    """A directory that looks like the top of a clone after the build."""
    for name in ("examples", "scripts", "rules", "plugins"):
        os.symlink(SRC / name, d / name)
    cli = d / "build" / "core" / "cli"
    cli.mkdir(parents=True)
    os.symlink(BIN, cli / "baocao")


def script(cmds):
    """One bash script: every command, each followed by its exit check."""
    out = ['baocao() { "$BC_BIN" "$@"; }']
    for n, cmd, want in cmds:
        out.append(cmd)
        out.append(f'rc=$?; if [ $rc -ne {want} ]; then '
                   f'echo "line {n}: exit $rc, not {want}: {shell_quote(cmd)}" >&2; '
                   f'exit 99; fi')
    return "\n".join(out) + "\n"


def shell_quote(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") \
            .replace("`", "\\`")


# What each document's commands must have made, beyond their exit codes.
AFTER = {
    "docs/user-guide.md": [
        "templates/2023-Q1/xa-tien-ky.xlsx", "filled/xa-tien-ky.xlsx",
        "bao-cao-2023-Q1.xlsx", "so-lieu-2023-Q1.csv",
        "bao-cao-2023-Q1.html", "tan-ky-2023-Q1.json",
        "nhac-viec-2023-Q1.csv", "don-doc-2023-Q1.docx",
    ],
    "README.md": ["q1.xlsx", "templates/xa-tien-ky.xlsx",
                  "filled/xa-tien-ky.xlsx"],
}


def section(text, anchor):
    """The part of text under the heading whose anchor is anchor."""
    out, level = [], None
    for line in text.splitlines():
        m = re.match(r"(#+)\s+(.*)", line)
        if m and level is not None and len(m.group(1)) <= level:
            break
        if m and re.sub(r"\W+", "-", m.group(2).lower()).strip("-") == anchor:
            level = len(m.group(1))
        if level is not None:
            out.append(line)
    return "\n".join(out)


def run_doc(doc):
    doc, _, anchor = doc.partition("#")
    text = (SRC / doc).read_text(encoding="utf-8")
    if anchor:
        text = section(text, anchor)
    cmds = blocks(text)
    if not cmds:
        return [f"{doc}: no sh block"]
    d = Path(tempfile.mkdtemp(prefix="bc-guide-"))
    try:
        clone_like(d)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("BAOCAO_")}
        env["BC_BIN"] = BIN
        p = subprocess.run(["bash", "-c", script(cmds)], cwd=d, env=env,
                           capture_output=True, text=True,
                           timeout=300 * TIME_SCALE)
        bad = []
        if p.returncode != 0:
            tail = "\n".join(p.stderr.strip().splitlines()[-15:])
            bad.append(f"{doc}: exit {p.returncode}\n{tail}")
        for f in AFTER.get(doc, []):
            if not (d / f).is_file() or (d / f).stat().st_size == 0:
                bad.append(f"{doc}: its commands did not make {f}")
        # the status the guide shows: the late workbook counts, once
        if doc == "docs/user-guide.md" and not bad:
            st = subprocess.run([BIN, "--db", str(d / "baocao.db"), "status",
                                 "2023-Q1", "--as-of", "2023-03-10",
                                 "--json"], capture_output=True, text=True)
            if '"unit":"xa-tien-ky"' in st.stdout.replace(" ", ""):
                import json
                u = [x for x in json.loads(st.stdout)["units"]
                     if x["unit"] == "xa-tien-ky"][0]
                if u["state"] != "late":
                    bad.append(f"{doc}: xa-tien-ky's workbook made it "
                               f"{u['state']}, not late")
            else:
                bad.append(f"{doc}: status does not list xa-tien-ky")
        return bad
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    bad = []
    for doc in DOCS:
        found = run_doc(doc)
        print(("FAIL " + "\nFAIL ".join(found)) if found else f"ok {doc}")
        bad += found
    return 1 if bad else 0


sys.exit(main())

# SPDX-License-Identifier: MIT
"""Every message the sources mark for translation has its Vietnamese.

    python3 tests/i18n/catalogue.py SOURCE_ROOT

Fails (exit 1, saying what) when
  - a .c or .h file under core/ or plugins/ marks messages (_(, P_(,
    N_() but is missing from po/POTFILES, so that xgettext never sees
    them;
  - xgettext, with the keywords of po/meson.build, finds in the files of
    po/POTFILES a message po/vi.po does not translate (msgcmp);
  - msgfmt --check finds po/vi.po broken (a format that does not match
    its English, a bad plural), or any entry fuzzy or untranslated.
Needs gettext's tools (xgettext, msgcmp, msgfmt), which build baocao.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MARK = re.compile(r"(?<![\w])(?:_|N_|P_)\(")
# what is not code, left to right: a string or a character, a comment
NOT_CODE = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|'
                      r"/\*.*?\*/|//[^\n]*", re.S)


def marking_files(root):
    """The C files under core/ and plugins/ that mark a message, their
    definitions (core/base/i18n.h) aside."""
    found = []
    for top in ("core", "plugins"):
        for p in sorted((root / top).rglob("*")):
            if p.suffix not in (".c", ".h") or p.name == "i18n.h":
                continue
            code = NOT_CODE.sub(" ", p.read_text(encoding="utf-8",
                                                 errors="replace"))
            if MARK.search(code):
                found.append(p.relative_to(root).as_posix())
    return found


def keywords(root):
    """The --keyword=… arguments po/meson.build gives xgettext."""
    text = (root / "po" / "meson.build").read_text(encoding="utf-8")
    return re.findall(r"'(--keyword=[^']+)'", text)


def run(argv):
    return subprocess.run(argv, capture_output=True, text=True)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: catalogue.py SOURCE_ROOT")
    root = Path(sys.argv[1]).resolve()
    for tool in ("xgettext", "msgcmp", "msgfmt"):
        if not shutil.which(tool):
            sys.exit(f"catalogue.py: {tool} is missing (Debian: gettext)")
    bad = []
    listed = [ln.strip() for ln in
              (root / "po" / "POTFILES").read_text(encoding="utf-8")
              .splitlines() if ln.strip() and not ln.startswith("#")]
    for f in marking_files(root):
        if f not in listed:
            bad.append(f"{f} marks messages but is not in po/POTFILES")
    for f in listed:
        if not (root / f).is_file():
            bad.append(f"po/POTFILES names {f}, which does not exist")
    kw = keywords(root)
    if not kw:
        bad.append("po/meson.build gives xgettext no --keyword")
    vi = root / "po" / "vi.po"
    with tempfile.TemporaryDirectory(prefix="bc-catalogue-") as tmp:
        pot = Path(tmp) / "baocao.pot"
        x = run(["xgettext", "--from-code=UTF-8", "--language=C", "-o",
                 str(pot), "--directory", str(root)] + kw
                + [f for f in listed if (root / f).is_file()])
        if x.returncode != 0 or not pot.is_file():
            bad.append(f"xgettext failed: {x.stderr.strip()}")
        else:
            n = pot.read_text(encoding="utf-8").count('\nmsgid "') - 1
            c = run(["msgcmp", str(vi), str(pot)])
            if c.returncode != 0:
                bad.append(f"po/vi.po lacks messages of the sources "
                           f"({n} marked):\n{c.stderr.strip()}")
    f = run(["msgfmt", "--check", "--statistics", "-o", "/dev/null",
             str(vi)])
    stats = (f.stdout + f.stderr).strip()
    if f.returncode != 0:
        bad.append(f"msgfmt --check po/vi.po:\n{stats}")
    elif re.search(r"\d+ (fuzzy|untranslated)", stats):
        bad.append(f"po/vi.po is not complete: {stats}")
    for b in bad:
        print("FAIL " + b)
    if not bad:
        print(f"ok: {stats}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

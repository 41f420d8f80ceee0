# SPDX-License-Identifier: MIT
"""The one package list of scripts/setup is complete.

    python3 tests/e2e/packages.py SOURCE_ROOT

Every library a meson.build asks for (dependency('…') through its .pc file,
find_library('…') through its header or shared object, has_header('…')
through the header) must come from a
Debian package that `scripts/setup --list` names: on a fresh machine
nothing else is installed.  A package of the list that Debian does not know
is refused too.  Skipped (exit 77) where dpkg is not the package manager.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

SRC = Path(sys.argv[1]).resolve()


def sh(*argv):
    p = subprocess.run(argv, capture_output=True, text=True)
    return p.returncode, p.stdout.strip()


def owner(path):
    """The Debian package that installed path, or None."""
    rc, out = sh("dpkg-query", "-S", str(path))
    if rc != 0 or not out:
        # merged /usr: /lib/… is /usr/lib/… on disk but not in dpkg's list
        alt = str(path).replace("/usr/lib/", "/lib/", 1)
        rc, out = sh("dpkg-query", "-S", alt)
    return out.split(":", 1)[0].split(",")[0].strip() if rc == 0 and out else None


# meson's own dependencies, which have no .pc file: the file of each.
BUILTIN = {"threads": Path("/usr/include/pthread.h")}


def wanted():
    """(what, file that provides it) for every library the build asks for."""
    found = []
    for mb in SRC.rglob("meson.build"):
        if any(p.startswith("build") for p in mb.relative_to(SRC).parts):
            continue
        text = mb.read_text()
        for name in re.findall(r"dependency\(\s*'([^']+)'", text):
            what = f"dependency('{name}') in {mb.relative_to(SRC)}"
            if name in BUILTIN:
                # meson's own: no .pc file, the C library's header
                found.append((what, BUILTIN[name]))
                continue
            rc, d = sh("pkg-config", "--variable=pcfiledir", name)
            found.append((what, Path(d) / f"{name}.pc" if rc == 0 else None))
        for name in re.findall(r"has_header\(\s*'([^']+)'", text):
            # a header alone (minizip's, of a library reached at run time)
            found.append((f"has_header('{name}') in {mb.relative_to(SRC)}",
                          next((Path(inc) / name for inc in
                                ("/usr/include", "/usr/include/x86_64-linux-gnu")
                                if (Path(inc) / name).exists()), None)))
        for m in re.finditer(r"find_library\(\s*'([^']+)'([^)]*)\)", text):
            name, rest = m.group(1), m.group(2)
            headers = re.findall(r"'([^']+\.h)'", rest)
            where = None
            if headers:
                for inc in ("/usr/include", "/usr/include/x86_64-linux-gnu"):
                    if (Path(inc) / headers[0]).exists():
                        where = Path(inc) / headers[0]
            else:
                for lib in Path("/usr/lib").rglob(f"lib{name}.so"):
                    where = lib
                    break
            if where is None and "required: false" in rest:
                continue
            found.append((f"find_library('{name}') in {mb.relative_to(SRC)}",
                          where))
    return found


def main():
    if not shutil.which("dpkg-query") or not shutil.which("pkg-config"):
        print("skip: not a Debian system")
        return 77
    rc, listed = sh(str(SRC / "scripts" / "setup"), "--list")
    if rc != 0:
        print(f"FAIL scripts/setup --list exit {rc}")
        return 1
    packages = set(listed.split())
    bad, libs = [], wanted()
    for what, path in libs:
        if path is None:
            bad.append(f"{what}: not installed here, so no package is known for it")
            continue
        pkg = owner(path)
        if pkg is None:
            bad.append(f"{what}: {path} belongs to no Debian package")
        elif pkg.split(":")[0] not in packages:
            bad.append(f"{what}: {path} comes from {pkg}, which scripts/setup does not install")
    # the benchmark's tools: its smoke run in the suite skips without
    # them, which on a fresh machine would prove nothing
    bench = (SRC / "scripts" / "bench").read_text(encoding="utf-8")
    need = bench.split("need = {", 1)[1].split("}", 1)[0]
    for pkg in re.findall(r'^\s*"([^"]+)":', need, re.M):
        if pkg not in packages:
            bad.append(f"scripts/bench needs {pkg}, which scripts/setup "
                       "does not install")
    # one call for all; only when it fails, one per package to name it
    if sh("apt-cache", "show", "--no-all-versions", *sorted(packages))[0]:
        for p in sorted(packages):
            if sh("apt-cache", "show", "--no-all-versions", p)[0]:
                bad.append(f"scripts/setup lists {p}, which Debian does not know")
    for b in bad:
        print("FAIL", b)
    print(f"{len(libs)} libraries checked, {len(bad)} problems")
    return 1 if bad else 0


sys.exit(main())

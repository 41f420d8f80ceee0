# SPDX-License-Identifier: MIT
"""The xlsx export's writer thread, end to end.

    python3 tests/e2e/xlsx_writer.py PATH/TO/baocao

libxlsxwriter's calls are made on a thread of their own, fed through a
queue (core/export/xlsx_queue.c), while the export reads the store and
lays out the next rows.  On golden.py's sample district:

  - several exports one after the other, of two periods: each workbook
    the same bytes each time;
  - a failure of the writer in the middle of the workbook (a list's text
    past Excel's 32,767 characters, in a sheet with more after it): the
    export fails with libxlsxwriter's words, once, and writes no file;
    the next export of another period is whole.

Standard library only.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import FIXED, PERIOD, RULES, Golden, submission  # noqa: E402

LONG = "Rà soát quy chế làm việc " * 1400  # 35,000 characters


def export(g, db, period, out):
    """baocao export, its exit code and standard error."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAOCAO_")}
    env.update(BAOCAO_NOW=FIXED, BAOCAO_USER="golden", LC_ALL="C.UTF-8")
    p = subprocess.run([g.bin, "--db", str(db), "--rules", str(RULES),
                        "export", period, "--format", "xlsx", "--fixed-time",
                        FIXED, "-o", str(out)], env=env,
                       stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=300)
    return p.returncode, p.stderr.decode(errors="replace")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: xlsx_writer.py PATH/TO/baocao")
    g = Golden("xlsx-writer", sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="bc-xlsxw-") as t:
        tmp = Path(t)
        db = g.build(tmp)
        runs = []
        for i in range(2):
            for p in (PERIOD, "2022-Q1"):
                out = tmp / f"{p}-{i}.xlsx"
                rc, err = export(g, db, p, out)
                g.check(rc == 0, f"export {p}: exit {rc}: {err}")
                runs.append((p, out.read_bytes() if rc == 0 else b""))
        for p in (PERIOD, "2022-Q1"):
            books = [b for q, b in runs if q == p]
            g.check(len(set(books)) == 1,
                    f"exports of {p} with --fixed-time differ")
        g.check(runs[0][1] != runs[1][1], "two periods, one workbook")

        long = submission("noi-vu", PERIOD, "2023-03-02T09:00:00+07:00", {
            "pl1a": {"nhiem_vu": [
                {"noi_dung": LONG, "linh_vuc": "the_che",
                 "thoi_han": "2023-02-15", "trang_thai": "ht_dung_han",
                 "ngay_hoan_thanh": "2023-02-14"}]}})
        f = tmp / "long.json"
        f.write_text(json.dumps(long, ensure_ascii=False), encoding="utf-8")
        g.baocao(db, "import", f)
        out = tmp / "long.xlsx"
        rc, err = export(g, db, PERIOD, out)
        said = "exporter xlsx: String exceeds Excel's limit of 32,767 " \
               "characters."
        g.check(rc == 1, f"a text too long for a cell: exit {rc}, want 1")
        g.check(err.count(said) == 1 and err.count("exporter xlsx") == 1,
                f"want the writer's failure said once: {err!r}")
        g.check(not out.exists(), "a failed export left its file")
        g.check(not [x for x in tmp.iterdir() if ".tmp-" in x.name],
                "a failed export left scratch files")
        rc, err = export(g, db, "2022-Q1", tmp / "after.xlsx")
        g.check(rc == 0 and (tmp / "after.xlsx").read_bytes() == runs[1][1],
                f"the export after a failed one: exit {rc}, {err!r}")
    g.finish()


if __name__ == "__main__":
    main()

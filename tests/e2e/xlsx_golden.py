# SPDX-License-Identifier: MIT
"""Golden test of the built-in xlsx exporter.

    python3 tests/e2e/xlsx_golden.py PATH/TO/baocao [--update]

Builds a small district (five units under ruleset cchc-1131) with
submissions written here, received at fixed times, for 2023-Q1 and the
year before; exports the workbook twice with a fixed timestamp; checks the
two files are byte-identical and a few properties the workbook must have;
then compares its parts (the sheets, the workbook, the document
properties, the charts) with the files under golden/xlsx/.  The sample
and the comparison are golden.py's, which does the other formats.

--update rewrites golden/xlsx/ from this run: do it after a deliberate change
of the workbook, and read the diff before committing it.  The golden
files hold libxlsxwriter's output, so another version of the library
(these were made with Debian's 1.1.5) may need them regenerated too.

The source root is $BC_SOURCE_ROOT (set by meson) or the directory two
levels above this script.  Standard library only.
"""

import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import PERIOD, Golden, made, parts  # noqa: E402  (the sample, the harness)

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Parts of the package compared with the golden files.
COMPARED = re.compile(r"xl/worksheets/[^/]+\.xml|xl/sharedStrings\.xml|"
                      r"xl/workbook\.xml|docProps/core\.xml|"
                      r"xl/charts/[^/]+\.xml")

def text(p, name):
    return p.get(name, b"").decode("utf-8")


def sheets_by_name(p):
    """Sheet name → its XML, through the workbook's relationships."""
    wb, rels = text(p, "xl/workbook.xml"), text(p, "xl/_rels/workbook.xml.rels")
    target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    target.update((i, t) for t, i in
                  re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels))
    out = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="(rId\d+)"',
                                wb):
        out[name] = text(p, "xl/" + target[rid])
    return out


def rows(xml):
    return re.findall(r"<row [^>]*>(.*?)</row>", xml)


def check_total(g, p, agg):
    """The district total of a field: a numeric cell, a formula with its
    value, equal to the aggregate's."""
    sheet = next((x for n, x in sheets_by_name(p).items()
                  if n.startswith("bm3 ")), None)
    if not g.check(sheet, "no sheet for form bm3"):
        return
    total = agg["forms"]["bm3"]["fields"]["hs_tiep_nhan"]["total"]
    g.check(total == 600 + 400 + 310, f"aggregate total {total}")
    row = next((r for r in rows(sheet) if "<t>Tổng cộng</t>" in r), "")
    cells = re.findall(r'<c r="[A-Z]+\d+"( t="\w+")?[^>]*>'
                       r"(?:<f>([^<]*)</f>)?<v>([^<]*)</v>", row)
    hit = [c for c in cells if not c[0] and c[1].startswith("SUM(")
           and float(c[2]) == total]
    g.check(hit, f"no numeric SUM cell holding the total {total} in the "
                 f"'Tổng cộng' row of bm3: {cells[:6]}")


def check_properties(g, p, agg):
    g.check("xl/charts/chart1.xml" in p, "no chart part xl/charts/chart1.xml")
    g.check("<c:barChart>" in text(p, "xl/charts/chart1.xml"),
            "chart1 is not a column chart")
    g.check("Times New Roman" in text(p, "xl/styles.xml"),
            "Times New Roman is not in the styles")
    core = text(p, "docProps/core.xml")
    g.check("2023-03-05T01:00:00Z" in core,
            "docProps/core.xml does not carry the fixed time")
    # constant_memory mode writes strings inline, not shared.
    g.check("xl/sharedStrings.xml" not in p, "strings are shared: is "
            "constant_memory mode off?")
    for name, xml in sheets_by_name(p).items():
        g.check(NATION in xml and MOTTO in xml,
                f"sheet '{name}' lacks the national heading")
        g.check(len(name) <= 31, f"sheet name too long: {name}")
    forms = [x for n, x in sheets_by_name(p).items() if n.startswith("bm")]
    g.check(forms and all("(Từ ngày 10/12/2022 đến ngày 10/03/2023)" in x
                          for x in forms), "a form sheet lacks the period")
    check_total(g, p, agg)


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    if len(args) != 1:
        sys.exit("usage: xlsx_golden.py PATH/TO/baocao [--update]")
    g = Golden("xlsx", args[0])
    with tempfile.TemporaryDirectory(prefix="bc-xlsx-") as t:
        tmp = Path(t)
        db = g.build(tmp)
        first = made(g, db, "xlsx", tmp / "a.xlsx")
        second = made(g, db, "xlsx", tmp / "b.xlsx")
        agg = json.loads(g.baocao(db, "--json", "aggregate", PERIOD))
    g.check(first == second, "two exports with --fixed-time differ")
    p = parts(first)
    check_properties(g, p, agg)
    g.compare({n: b for n, b in p.items() if COMPARED.fullmatch(n)},
              "--update" in sys.argv[1:])
    g.finish()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The cells of baocao's workbooks, and Python XlsxWriter writing them.

    xlsx_cells.py extract CELLS BOOK.xlsx...   what baocao wrote, as CELLS
    xlsx_cells.py write CELLS OUTDIR            XlsxWriter, constant_memory

CELLS is the record format that xlsx_cells.c reads (see there).  The
baselines write exactly the cells baocao wrote — the same strings, numbers
and formulas in the same places — so that a ratio compares writers, not
layouts.  Styles, merges, validations and charts are not carried over:
they cost little next to the cells.  Standard library only for 'extract'.
"""

import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PNS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def esc(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def unesc(s):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}
                  .get(m.group(1), m.group(1)), s)


def col_index(ref):
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n - 1


def text_of(el):
    """The text of <is> or <si>: plain <t>, or the runs of rich text."""
    return "".join(t.text or "" for t in el.iter(NS + "t"))


def sheets_of(z):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(PNS + "Relationship")}
    for s in wb.iter(NS + "sheet"):
        t = target[s.get(RNS + "id")].lstrip("/")
        yield s.get("name"), t if t.startswith("xl/") else "xl/" + t


def extract(out, book, name):
    z = zipfile.ZipFile(book)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = [text_of(si) for si in
                  ET.fromstring(z.read("xl/sharedStrings.xml")).iter(NS + "si")]
    out.write(f"W\t{name}\n")
    n = 0
    for sheet, part in sheets_of(z):
        out.write(f"S\t{esc(sheet)}\n")
        with z.open(part) as f:
            for _, el in ET.iterparse(f):
                if el.tag == NS + "row":
                    el.clear()
                    continue
                if el.tag != NS + "c":
                    continue
                ref = el.get("r")
                row = int(ref[len(re.match(r"[A-Z]+", ref).group()):]) - 1
                col = col_index(ref)
                t = el.get("t", "n")
                f_ = el.find(NS + "f")
                v = el.find(NS + "v")
                if f_ is not None and f_.text:
                    out.write(f"f\t{row}\t{col}\t{esc(f_.text)}\n")
                elif t == "inlineStr":
                    out.write(f"s\t{row}\t{col}\t{esc(text_of(el))}\n")
                elif t == "s" and v is not None:
                    out.write(f"s\t{row}\t{col}\t{esc(shared[int(v.text)])}\n")
                elif t == "str" and v is not None:
                    out.write(f"s\t{row}\t{col}\t{esc(v.text or '')}\n")
                elif t == "b" and v is not None:
                    out.write(f"b\t{row}\t{col}\t{v.text}\n")
                elif v is not None and v.text is not None:
                    out.write(f"n\t{row}\t{col}\t{v.text}\n")
                else:
                    continue          # a styled blank: no value to write
                n += 1
    return n


def write(cells, outdir):
    import xlsxwriter                  # Debian's python3-xlsxwriter
    wb = ws = None
    n = 0
    with open(cells, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            kind, rest = line[0], line[2:]
            if kind == "W":
                if wb:
                    wb.close()
                wb = xlsxwriter.Workbook(str(Path(outdir) / rest),
                                         {"constant_memory": True})
                continue
            if kind == "S":
                ws = wb.add_worksheet(unesc(rest))
                continue
            row, col, v = rest.split("\t", 2)
            row, col = int(row), int(col)
            if kind == "n":
                ws.write_number(row, col, float(v))
            elif kind == "s":
                ws.write_string(row, col, unesc(v))
            elif kind == "f":
                ws.write_formula(row, col, unesc(v))
            elif kind == "b":
                ws.write_boolean(row, col, v == "1")
            n += 1
    if wb:
        wb.close()
    print(f"xlsx_cells.py: {n} cells", file=sys.stderr)


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "extract":
        total = 0
        with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
            for book in sys.argv[3:]:
                total += extract(out, book, Path(book).name)
        print(total)
    elif len(sys.argv) == 4 and sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The cells of baocao's workbooks, and Python XlsxWriter writing them.

    xlsx_cells.py extract CELLS BOOK.xlsx...   what baocao wrote, as CELLS
    xlsx_cells.py write CELLS OUTDIR            XlsxWriter, constant_memory

CELLS is the record format that xlsx_cells.c reads (see there).  The
baselines write exactly the cells baocao wrote — the same strings, numbers
and formulas in the same places — so that a ratio compares writers, not
layouts.  CELLS also carries each cell's format (number format, font,
bold, italic, underline, borders, alignment, wrap, indent), the merges,
the row heights and the column widths, which xlsx_cells.c --styled
writes too; this script's writer, like xlsx_cells.c without --styled,
writes the cells plain.  Validations, charts and page setup are not
carried over: they cost little next to the cells.  Standard library only
for 'extract'.
"""

import io
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


def cell_ref(ref):
    """(row, col) from 0 of a reference such as "AB12"."""
    letters = re.match(r"[A-Z]+", ref).group()
    return int(ref[len(letters):]) - 1, col_index(ref)


BORDER = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5,
          "double": 6, "hair": 7, "mediumDashed": 8, "dashDot": 9,
          "mediumDashDot": 10, "dashDotDot": 11, "mediumDashDotDot": 12,
          "slantDashDot": 13}


def formats(z):
    """The workbook's cell formats (cellXfs), as X records' fields:
    number format (#ID for a built-in one), font, size, flags (b bold,
    i italic, u underline, w wrap), horizontal and vertical alignment,
    indent, and the left, right, top and bottom borders' styles."""
    st = ET.fromstring(z.read("xl/styles.xml"))
    codes = {n.get("numFmtId"): n.get("formatCode")
             for n in st.iter(NS + "numFmt")}
    fonts = []
    for f in st.find(NS + "fonts"):
        def val(tag):
            e = f.find(NS + tag)
            return None if e is None else e.get("val", "1")
        flags = "".join(k for k, t in (("b", "b"), ("i", "i"), ("u", "u"))
                        if val(t) is not None)
        fonts.append((val("name") or "", val("sz") or "11", flags))
    borders = []
    for b in st.find(NS + "borders"):
        sides = []
        for side in ("left", "right", "top", "bottom"):
            e = b.find(NS + side)
            sides.append(str(BORDER.get(e.get("style"), 0)
                             if e is not None else 0))
        borders.append(",".join(sides))
    out = []
    for xf in st.find(NS + "cellXfs"):
        nid = xf.get("numFmtId", "0")
        num = codes.get(nid, f"#{nid}") if nid != "0" else ""
        name, size, flags = fonts[int(xf.get("fontId", "0"))]
        a = xf.find(NS + "alignment")
        a = a.attrib if a is not None else {}
        if a.get("wrapText") == "1":
            flags += "w"
        out.append("\t".join([esc(num), name, size, flags,
                              a.get("horizontal", ""), a.get("vertical", ""),
                              a.get("indent", "0"),
                              borders[int(xf.get("borderId", "0"))]]))
    return out


def merges_of(xml):
    """The sheet's merged ranges, by their last row: {row: [(r1, c1, c2)]}
    in column order (they come last in the sheet's XML)."""
    by = {}
    for ref in re.findall(rb'<mergeCell ref="([A-Z0-9]+):([A-Z0-9]+)"', xml):
        (r1, c1), (r2, c2) = (cell_ref(x.decode()) for x in ref)
        by.setdefault(r2, []).append((r1, c1, c2))
    for v in by.values():
        v.sort(key=lambda m: m[1])
    return by


def sheets_of(z):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(PNS + "Relationship")}
    for s in wb.iter(NS + "sheet"):
        t = target[s.get(RNS + "id")].lstrip("/")
        yield s.get("name"), t if t.startswith("xl/") else "xl/" + t


def cell_value(el, shared):
    """A cell's record kind and value, or None for a styled blank."""
    t = el.get("t", "n")
    f_ = el.find(NS + "f")
    v = el.find(NS + "v")
    if f_ is not None and f_.text:
        return "f", esc(f_.text)
    if t == "inlineStr":
        return "s", esc(text_of(el))
    if t == "s" and v is not None:
        return "s", esc(shared[int(v.text)])
    if t == "str" and v is not None:
        return "s", esc(v.text or "")
    if t == "b" and v is not None:
        return "b", v.text
    if v is not None and v.text is not None:
        return "n", v.text
    return None


def sheet_records(out, xml, shared):
    """The records of one sheet's XML; how many cells have a value.  A
    merge is written where baocao writes it, in its last row (rows are
    streamed): its M record stands for the cells of that row it
    covers."""
    merges = merges_of(xml)
    n = 0
    pending = []              # this row's merges not yet written
    row_at = -1

    def merge(r1, c1, c2, style, text):
        out.write(f"M\t{r1}\t{c1}\t{row_at}\t{c2}\t{style}\t{text}\n")

    for _, el in ET.iterparse(io.BytesIO(xml), events=("start", "end")):
        if _ == "start":
            if el.tag == NS + "row":
                row_at = int(el.get("r")) - 1
                pending = list(merges.get(row_at, []))
                if el.get("customHeight") == "1":
                    out.write(f"H\t{row_at}\t{el.get('ht')}\n")
            elif el.tag == NS + "sheetFormatPr":
                out.write(f"D\t{el.get('defaultRowHeight')}\t"
                          f"{el.get('customHeight', '0')}\n")
            elif el.tag == NS + "col":
                for c in range(int(el.get("min")) - 1, int(el.get("max"))):
                    out.write(f"C\t{c}\t{el.get('width')}\n")
            continue
        if el.tag == NS + "row":
            for r1, c1, c2 in pending:    # a merge with no cell of its own
                merge(r1, c1, c2, -1, "")
            pending = []
            el.clear()
            continue
        if el.tag != NS + "c":
            continue
        row, col = cell_ref(el.get("r"))
        style = el.get("s", "-1")
        kv = cell_value(el, shared)
        covering = [m for m in pending if m[1] <= col <= m[2]]
        if covering:
            r1, c1, c2 = covering[0]
            if col == c1:
                text = kv[1] if kv and kv[0] == "s" and r1 == row else ""
                n += text != ""
                merge(r1, c1, c2, style, text)
                pending.remove(covering[0])
            continue
        if kv is None:
            out.write(f"e\t{row}\t{col}\t{style}\t\n")
            continue
        out.write(f"{kv[0]}\t{row}\t{col}\t{style}\t{kv[1]}\n")
        n += 1
    return n


def extract(out, book, name):
    z = zipfile.ZipFile(book)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = [text_of(si) for si in
                  ET.fromstring(z.read("xl/sharedStrings.xml")).iter(NS + "si")]
    out.write(f"W\t{name}\n")
    for i, x in enumerate(formats(z)):
        out.write(f"X\t{i}\t{x}\n")
    n = 0
    for sheet, part in sheets_of(z):
        out.write(f"S\t{esc(sheet)}\n")
        n += sheet_records(out, z.read(part), shared)
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
            if kind not in "nsfbM":
                continue              # formats, heights, widths, blanks
            if kind == "M":           # a merge: its text, plain
                r1, c1, r2, _c2, _x, v = rest.split("\t", 5)
                if r1 == r2 and v:
                    ws.write_string(int(r1), int(c1), unesc(v))
                    n += 1
                continue
            row, col, _x, v = rest.split("\t", 3)
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

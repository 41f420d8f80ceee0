# SPDX-License-Identifier: MIT
# (Not named docx.py: it would hide python-docx's own module.)
"""The .docx writer end to end, on a document of every kind of block.

    python3 tests/e2e/documents.py read DOC_SAMPLE FIXTURE
    python3 tests/e2e/documents.py pdf DOC_SAMPLE FIXTURE

tests/doc_sample builds the document FIXTURE (tests/data/doc/sample.txt)
describes and writes it.  `read` opens it with python-docx (Debian's
python3-docx) and finds the frame, every paragraph, heading, unit's text
and table in order, the 100,000-character text whole and the control
characters gone.  `pdf` converts it with LibreOffice headless and reads
the PDF back with pdftotext and pdfinfo: the text where it should be, no
page number on the first page, numbers from the second, a landscape page,
the header row of a long table on every page it runs over.  `pdf` is
skipped (77) where soffice is not installed.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def need_docx():
    """python-docx, under Debian's python3 when another runs this."""
    try:
        import docx
        return docx
    except ImportError:
        pass
    debian = "/usr/bin/python3"
    if (os.path.exists(debian) and not os.environ.get("BC_DOCX_REEXEC")
            and os.path.realpath(sys.executable) != os.path.realpath(debian)):
        os.environ["BC_DOCX_REEXEC"] = "1"
        os.execv(debian, [debian] + sys.argv)
    sys.exit("python3-docx is missing (scripts/setup installs it)")


def fail(msg):
    sys.exit(f"FAIL: {msg}")


def check(cond, msg):
    if not cond:
        fail(msg)


def fixture(path):
    """What the sample holds, from its fixture: the frame's texts and the
    body's paragraphs (as python-docx reads them) in order."""
    frame, body = {}, []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        f = [s.replace("\\n", "\n") for s in line.split("|")]
        kind = f[0]
        if kind in ("para", "note", "heading", "quote", "runs"):
            if kind == "para":
                texts = f[2].split("\n")
            elif kind == "note":
                texts = f[1].split("\n")
            elif kind == "heading":
                texts = [f"{f[2]} {f[3]}"]
            elif kind == "runs":
                texts = ["".join(f[2::2])]
            else:
                texts = [f[1]] + f[2].split("\n")
            body += [t for t in texts if t.strip()]
        elif len(f) > 1:
            frame.setdefault(kind, []).append(f[1])
    return frame, body


def build(sample, fix, out):
    p = subprocess.run([sample, fix, str(out)], capture_output=True,
                       text=True)
    check(p.returncode == 0, f"doc_sample: {p.stderr}")


def read(sample, fix, tmp):
    docx = need_docx()
    from docx.enum.section import WD_ORIENT
    out = tmp / "sample.docx"
    build(sample, fix, out)
    d = docx.Document(str(out))
    frame, want = fixture(fix)
    paras = [p.text for p in d.paragraphs if p.text.strip()]

    # The body in order: each expected paragraph found after the last.
    at = 0
    for w in want:
        while at < len(paras) and paras[at] != w:
            at += 1
        check(at < len(paras), f"paragraph missing or out of order: {w!r}")
    for k in ("type", "title"):
        for t in frame[k]:
            check(t in paras, f"the {k} {t!r} missing")

    # Control characters dropped, CR LF a new paragraph, bad bytes
    # replaced: what the sample's "controls" line writes.
    check("Controls: gone[0m, DEL gone, C1 gone;" in paras,
          "control characters kept")
    check("CR LF kept as a new paragraph; bad bytes \ufffd\ufffd( replaced."
          in paras, "CR LF or bad bytes mishandled")
    longest = max(paras, key=len)
    check(len(longest) == 100000, f"the long text is {len(longest)} long")

    # Tables: the header block, the figures, the signer's (where the
    # sample puts it, before the appendix), the appendix.
    t = d.tables
    check(len(t) == 4, f"{len(t)} tables")
    head = [c.text.rstrip("\n") for c in t[0].rows[0].cells]
    check(head[0] == "\n".join(frame["body"]), f"header block: {head}")
    check(frame["nation"][0] in head[1] and frame["motto"][0] in head[1],
          f"header block: {head}")
    row2 = [c.text for c in t[0].rows[1].cells]
    check(row2 == [frame["number"][0], frame["place_date"][0]],
          f"number and date: {row2}")
    fig = t[1]
    check(len(fig.columns) == 5 and len(fig.rows) == 5,
          f"figures table {len(fig.columns)}x{len(fig.rows)}")
    top = [c.text for c in fig.rows[0].cells]
    check(top[2] == top[3] == top[4] != "", f"merged header {top}")
    second = [c.text for c in fig.rows[1].cells]
    check(second[:2] == top[:2], f"merged down: {top} over {second}")
    total = [c.text for c in fig.rows[4].cells]
    check(all(r.font.bold for c in fig.rows[4].cells
              for p in c.paragraphs for r in p.runs), "total row not bold")
    check(total[2:] == ["6.912", "6.850", "62"], f"total row {total}")
    trs = fig._tbl.tr_lst
    heads = [tr.trPr is not None and tr.trPr.find(
        docx.oxml.ns.qn("w:tblHeader")) is not None for tr in trs]
    check(heads == [True, True, False, False, False],
          f"header rows marked {heads}")
    check(len(t[3].rows) == 61, f"appendix has {len(t[3].rows)} rows")
    sign = [c.text for c in t[2].rows[0].cells]
    for k in ("authority", "signer_title", "signer_name"):
        for s in frame[k]:
            check(s in sign[1], f"signer's {k} {s!r} missing: {sign}")
    for s in frame["recipients_head"] + frame["recipient"]:
        check(s in sign[0], f"recipient {s!r} missing: {sign}")

    # Sections: portrait A4, landscape, portrait; no number on page 1.
    s = d.sections
    orient = [x.orientation for x in s]
    check(orient == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE,
                     WD_ORIENT.PORTRAIT], f"sections {orient}")
    check((s[0].page_width, s[0].page_height) == (11906 * 635, 16838 * 635),
          "not A4")
    check(s[1].page_width == s[0].page_height, "landscape not turned")
    check(s[0].different_first_page_header_footer, "no titlePg")
    check(not s[1].different_first_page_header_footer,
          "the landscape pages' first unnumbered")
    print("ok read")


def pdf(sample, fix, tmp):
    soffice = shutil.which("soffice")
    if not soffice:
        print("skip pdf: soffice not installed")
        sys.exit(77)
    out = tmp / "sample.docx"
    build(sample, fix, out)
    # A profile of its own: LibreOffice runs running at once would share
    # one, and wait for each other.
    profile = (tmp / "profile").as_uri()
    p = subprocess.run([soffice, f"-env:UserInstallation={profile}",
                        "--headless", "--convert-to", "pdf", "--outdir",
                        str(tmp), str(out)], capture_output=True, text=True,
                       timeout=240)
    pdf_path = tmp / "sample.pdf"
    check(p.returncode == 0 and pdf_path.exists(),
          f"soffice: {p.stdout} {p.stderr}")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999",
                           str(pdf_path)], capture_output=True,
                          text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    check(len(sizes) >= 4, f"{len(sizes)} pages")
    w0, h0 = map(float, sizes[0])
    check(abs(w0 - 595.3) < 1 and abs(h0 - 841.9) < 1, f"page 1 {sizes[0]}")
    turned = [i for i, (w, h) in enumerate(sizes) if float(w) > float(h)]
    check(turned, "no landscape page")

    def page(n):
        return subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l",
                               str(n), str(pdf_path), "-"],
                              capture_output=True, text=True).stdout

    pages = [page(i + 1) for i in range(len(sizes))]
    first = [ln.strip() for ln in pages[0].splitlines() if ln.strip()]
    check(not re.fullmatch(r"\d+", first[0]), f"page 1 numbered: {first[0]}")
    for i in range(1, len(pages)):
        top = [ln.strip() for ln in pages[i].splitlines() if ln.strip()][0]
        check(top == str(i + 1), f"page {i + 1} begins {top!r}")
    every = re.sub(r"\s+", " ", " ".join(pages))
    frame, want = fixture(fix)
    for k in ("type", "title", "authority", "signer_title", "signer_name",
              "nation", "motto", "place_date"):
        for s in frame[k]:
            check(s in every, f"{k} {s!r} not in the PDF")
    for w in want:
        if len(w) < 200:
            check(re.sub(r"\s+", " ", w) in every, f"{w!r} not in the PDF")
    # The appendix's header row on each landscape page.
    for i in turned:
        check("Hạn nộp" in pages[i], f"page {i + 1} lacks the header row")
    check(len(turned) >= 2, "the appendix fits one page: no repeat seen")
    print("ok pdf")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("read", "pdf"):
        sys.exit(__doc__)
    mode, sample, fix = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="baocao-docx-") as tmp:
        (read if mode == "read" else pdf)(sample, fix, Path(tmp))


if __name__ == "__main__":
    main()

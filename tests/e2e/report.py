# SPDX-License-Identifier: MIT
"""The report of a period as a Word document (baocao report).

    python3 tests/e2e/report.py PATH/TO/baocao [--update]

On the sample district (examples/tan-ky-units.csv, examples/2022-Q1 and
examples/2023-Q1): the district's report and a unit's own report against
a normalized dump of their word/document.xml (golden/report/*.txt: every
paragraph's text, every table row's cells, a line each), so that any
change of their content shows; read back with python3-docx (paragraphs,
tables, the header rows that repeat); converted to PDF by LibreOffice
and read with pdftotext (sections, figures, the units' texts, the
signer); a period nobody reported; a unit's text with control characters
and 100,000 characters; the options' errors.

--update rewrites golden/report/ from this run: do it after a deliberate
change of the report, and read the diff before committing it.

python3-docx is Debian's (the script runs itself again under
/usr/bin/python3 when another interpreter lacks it); the PDF tests are
skipped where soffice or pdftotext is missing.
"""

import difflib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402
from harness import SRC, Case, Skip, Suite, check, expect_err, fail  # noqa: E402

DOCX = harness.find_debian("docx")
UPDATE = "--update" in sys.argv
if UPDATE:
    sys.argv.remove("--update")
GOLDEN = Path(__file__).resolve().parent / "golden" / "report"
EXAMPLES = SRC / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The document's date and number, and who signs: fixed, so that the
# golden dump holds them.
DATE = "04/03/2023"


class District(Case):
    """The sample district with last year's and this quarter's reports."""
    TIMEOUT = 120.0 * harness.TIME_SCALE

    def sample(self, rules=None):
        self.ok("init", db=self.db, rules=rules)
        self.ok("units", "import", str(EXAMPLES / "tan-ky-units.csv"),
                rules=rules)
        self.ok("import", *sorted(str(p) for p in
                                  (EXAMPLES / "2022-Q1").iterdir()),
                rules=rules)
        self.ok("import", *sorted(str(p) for p in
                                  (EXAMPLES / "2023-Q1").iterdir()),
                rules=rules)

    def report(self, *args, name="r.docx", rules=None):
        out = self.tmp / name
        self.ok("report", *args, "-o", str(out), rules=rules)
        check(out.exists(), f"report {' '.join(args)}: no {name} written")
        return out


suite = Suite("report.py", case=District, prefix="bc-report-", workers=2)


# ---- reading what was written ----------------------------------------------

def dump(path):
    """word/document.xml as text: a line per paragraph (its runs' text)
    and per table row (its cells' text between '|'), in order."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    out = []

    def para(p):
        return "".join(t.text or "" for t in p.iter(W + "t"))

    def walk(el):
        for child in el:
            if child.tag == W + "p":
                out.append(para(child))
            elif child.tag == W + "tbl":
                for tr in child.iter(W + "tr"):
                    cells = [" / ".join(para(p) for p in tc.iter(W + "p"))
                             for tc in tr.findall(W + "tc")]
                    out.append("| " + " | ".join(cells) + " |")
            elif child.tag == W + "sdt" or child.tag == W + "sdtContent":
                walk(child)
    walk(root.find(W + "body"))
    return "\n".join(out) + "\n"


def example(unit):
    return json.loads((EXAMPLES / "2023-Q1" / f"{unit}.json")
                      .read_text(encoding="utf-8"))


def compare_golden(text, name):
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    check(path.exists(), f"no golden file {path} (run with --update)")
    want = path.read_text(encoding="utf-8")
    if text != want:
        diff = "".join(list(difflib.unified_diff(
            want.splitlines(True), text.splitlines(True),
            str(path), "this run", n=1))[:40])
        fail(f"the report differs from {name}:\n{diff}")


# ---- the tests -------------------------------------------------------------

@suite.test
def golden_district(t):
    """The district's report of 2023-Q1, dated, numbered, signed: its
    content line by line as golden/report/district-2023-Q1.txt."""
    t.sample()
    out = t.report("2023-Q1", "--date", DATE, "--number", "45",
                   "--signer", example("xa-ky-son")["signed_by"]["name"])
    compare_golden(dump(out), "district-2023-Q1.txt")


@suite.test
def golden_unit(t):
    """Xã Kỳ Sơn's own report: its frame, its texts, its own figures."""
    t.sample()
    out = t.report("2023-Q1", "--unit", "xa-ky-son", "--date", "2023-02-27",
                   "--number", "12")
    compare_golden(dump(out), "xa-ky-son-2023-Q1.txt")


@suite.test
def content(t):
    """What an officer looks for: every section of the outline by its
    title, in order; every unit's texts under its name; the figures and
    last year's; who was late and who sent nothing; no 'nan'."""
    t.sample()
    text = dump(t.report("2023-Q1", "--date", DATE))
    outline = t.json("rules", "show", "cchc-1131")["outline"]
    at = -1
    for s in outline:
        i = text.find(s["title"], at + 1)
        check(i > at, f"section {s['id']} ({s['title'][:40]}) is missing "
                      f"or out of order")
        at = i
    for f in sorted((EXAMPLES / "2023-Q1").glob("*.json")):
        sub = json.loads(f.read_text(encoding="utf-8"))
        for sec, words in (sub.get("report") or {}).items():
            check(words.split("\n")[0] in text,
                  f"{f.name}: the text of {sec} is not in the report")
    agg = t.json("aggregate", "2023-Q1", "--compare")
    total = agg["forms"]["bm3"]["fields"]["hs_tiep_nhan"]["total"]
    shown = f"{total:,}".replace(",", ".")
    check(shown in text, f"bm3's total {shown} is not in the report")
    status = t.json("status", "2023-Q1", "--as-of", "2023-03-04")
    units = {u["code"]: u["name"]
             for u in t.json("units", "list")["units"]}
    for u in status["units"]:
        if u["state"] in ("late", "missing"):
            check(units[u["unit"]] in text,
                  f"{u['unit']} ({u['state']}) is not named in the report")
    check(not re.search(r"\b(nan|inf|NaN)\b", text), "a figure reads nan")
    check("| - |" in text or "| -" in text,
          "no figure that cannot be computed prints a dash")


@suite.test
def read_back(t):
    """python3-docx opens it: the title, the opening, tables whose first
    row repeats on every page, A4, the signer."""
    if DOCX is None:
        raise Skip("python3-docx is not installed")
    t.sample()
    signer = example("xa-ky-son")["signed_by"]["name"]
    out = t.report("2023-Q1", "--date", DATE, "--signer", signer)
    d = DOCX.Document(str(out))
    paras = [p.text for p in d.paragraphs]
    check(any("quý I năm 2023" in p for p in paras),
          "no paragraph names the period as 'quý I năm 2023'")
    cells = [c.text for tb in d.tables for row in tb.rows for c in row.cells]
    check(any(signer in c for c in cells + paras), "the signer's name is not "
                                                   "in the document")
    check(len(d.tables) >= 10, f"{len(d.tables)} tables: the header, the "
                               f"signer, the appendices")
    repeated = [tb for tb in d.tables
                if tb.rows[0]._tr.find(".//" + W + "tblHeader") is not None]
    check(len(repeated) >= 8, f"{len(repeated)} tables repeat their header")
    heads = [c.text for c in repeated[0].rows[0].cells]
    check("STT" in heads, f"the first table's header {heads} has no STT")
    for s in d.sections:
        dims = sorted([s.page_width.mm, s.page_height.mm])
        check(abs(dims[0] - 210) < 1 and abs(dims[1] - 297) < 1,
              f"a section is {dims} mm, not A4")


def pdf_text(t, out):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        raise Skip("soffice or pdftotext is not installed")
    home = t.tmp / "home"
    home.mkdir(exist_ok=True)
    r = subprocess.run(["soffice", f"-env:UserInstallation=file://{home}",
                        "--headless", "--convert-to", "pdf", "--outdir",
                        str(t.tmp), str(out)], capture_output=True,
                       text=True, timeout=240 * harness.TIME_SCALE,
                       env=dict(os.environ, HOME=str(home)))
    pdf = out.with_suffix(".pdf")
    check(r.returncode == 0 and pdf.exists(),
          f"LibreOffice cannot convert {out.name}: {r.stderr[-300:]}")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def squeezed(s):
    return re.sub(r"\s+", " ", s)


@suite.test
def pdf(t):
    """LibreOffice opens it (headless, to PDF): its text has the header,
    the sections, a figure, the units' texts, the signer."""
    t.sample()
    signer = example("xa-ky-son")["signed_by"]["name"]
    text = squeezed(pdf_text(t, t.report("2023-Q1", "--date", DATE,
                                         "--signer", signer)))
    for want in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
                 "quý I năm 2023", "Nơi nhận", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
                 "KẾT QUẢ CỤ THỂ", "Tổng hợp các chỉ số", signer,
                 squeezed(example("xa-ky-son")["report"]["A.I"])[:60],
                 squeezed(example("noi-vu")["report"]["B.4"])[:60]):
        check(want in text, f"the PDF's text lacks {want!r}")
    agg = t.json("aggregate", "2023-Q1")
    total = agg["forms"]["bm1"]["fields"]["vb_chi_dao"]["total"]
    check(re.search(rf"(?<![\d.,]){total}(?![\d.,])", text),
          f"bm1's total {total} is not in the PDF's text")


@suite.test
def nobody_reported(t):
    """A period with no submissions still makes a report, saying so under
    each section that has none below it."""
    t.sample()
    text = dump(t.report("2023-Q3", "--date", "2023-09-05"))
    outline = t.json("rules", "show", "cchc-1131")["outline"]
    ids = [s["id"] for s in outline]
    leaves = [i for i in ids if not any(k.startswith(i + ".") for k in ids)]
    lines = text.split("\n")
    notes = [l for l in lines if "quý III năm 2023" in l
             and l != lines[0] and "Kết quả" not in l
             and "Thực hiện" not in l and "Số liệu" not in l]
    check(len(notes) == len(leaves),
          f"{len(notes)} notes that nobody reported, for {len(leaves)} "
          f"sections without sub-sections")
    check(not re.search(r"\b(nan|inf)\b", text), "a figure reads nan")


@suite.test
def unit_report(t):
    """--unit: the unit's own report, from its own submission: its header
    (its People's Committee), its texts and none of another unit's, its
    own figures, no other unit's status."""
    t.sample()
    text = dump(t.report("2023-Q1", "--unit", "Xã Kỳ Sơn", "--date", DATE))
    own = example("xa-ky-son")
    check("XÃ KỲ SƠN" in text, "the header does not name Xã Kỳ Sơn")
    check(squeezed(own["report"]["A.I"]) in squeezed(text),
          "its own text of A.I is not in it")
    check(squeezed(example("noi-vu")["report"]["A.I"]) not in
          squeezed(text), "another unit's text is in it")
    got = own["forms"]["bm3"]["hs_tiep_nhan"]
    check(re.search(rf"\| {got} \|", text), f"its own bm3 figure {got} is not "
                                            f"in a table")
    check("Xã Tân Hợp" not in text, "another unit is named in it")


@suite.test
def unit_summary_words(t):
    """A unit's own report says its figures as the unit writes of itself
    (the sections' unit_summary), from its own submission: never the
    district's sentences (per-level splits, how many units reported)."""
    t.sample()
    text = squeezed(dump(t.report("2023-Q1", "--unit", "xa-ky-son",
                                  "--date", DATE)))
    got = example("xa-ky-son")["forms"]["bm1"]["vb_chi_dao"]
    check(f"Trong kỳ, đơn vị đã ban hành {got} văn bản chỉ đạo" in text,
          "A.I.1's unit_summary with the unit's own figure is not in it")
    for district in ("trong đó cấp huyện", "tổng hợp từ báo cáo của",
                     "UBND huyện, các phòng, ban, ngành"):
        check(district not in text, f"the district's wording "
                                    f"'{district}' is in a unit's report")
    whole = squeezed(dump(t.report("2023-Q1", "--date", DATE,
                                   name="d.docx")))
    check("tổng hợp từ báo cáo của" in whole and
          "Trong kỳ, đơn vị đã ban hành" not in whole,
          "the district's report does not keep its own summaries")


@suite.test
def unit_signer_from_submission(t):
    """A unit's own report is signed by whoever signed the submission in
    force (signed_by), a commune's and a department's; --signer still
    says otherwise; the district's report names nobody unasked."""
    t.sample()
    for unit in ("xa-ky-son", "noi-vu"):
        name = example(unit)["signed_by"]["name"]
        text = dump(t.report("2023-Q1", "--unit", unit, "--date", DATE,
                             name=f"{unit}.docx"))
        check(name in text, f"{unit}'s report is not signed by {name}")
    text = dump(t.report("2023-Q1", "--unit", "xa-ky-son", "--date", DATE,
                         "--signer", "Lê Văn Tám", name="over.docx"))
    check("Lê Văn Tám" in text and "Bùi Văn Nam" not in text,
          "--signer does not override the submission's signer")
    text = dump(t.report("2023-Q1", "--date", DATE, name="d.docx"))
    check("Bùi Văn Nam" not in text and "Đặng Xuân Cường" not in text,
          "the district's report is signed by a unit's signer")


@suite.test
def unit_signer_title(t):
    """Rules that fix no signer's title for a unit's report: the title the
    unit's submission carries is written above the name."""
    rules = t.tmp / "rules"
    shutil.copytree(SRC / "rules", rules)
    doc = rules / "cchc-1131" / "document.lua"
    text = doc.read_text(encoding="utf-8")
    at = text.index("unit_report = {")
    fixed = '    signer = "Chủ tịch",\n'
    check(text.find(fixed, at) > at, "document.lua's unit_report has no "
                                     "signer to take out")
    doc.write_text(text[:at] + text[at:].replace(fixed, "", 1),
                   encoding="utf-8")
    t.sample(rules=rules)
    text = dump(t.report("2023-Q1", "--unit", "xa-ky-son", "--date", DATE,
                         rules=rules))
    signed = example("xa-ky-son")["signed_by"]
    check(signed["title"].upper() in text and signed["name"] in text,
          "the submission's signer title and name are not in the report")


@suite.test
def unreadable_text_kept_readable(t):
    """A unit's text of 100,000 characters, and one with control
    characters (import refuses them; a database an older baocao wrote
    may hold them, put here by hand): the document opens, the controls
    are gone, the texts are whole."""
    t.sample()
    sub = example("xa-tan-an")
    base = sub["report"]["A.I"]
    long_text = ((base + " ") * (100000 // (len(base) + 1) + 1))[:100000]
    sub["report"]["A.V"] = long_text
    sub["received_at"] = "2023-02-27T10:00:00+07:00"
    path = t.tmp / "long.json"
    path.write_text(json.dumps(sub, ensure_ascii=False), encoding="utf-8")
    t.ok("import", str(path))
    db = sqlite3.connect(t.db)
    rev = db.execute("SELECT r.id FROM revision r JOIN unit u"
                     " ON u.id = r.unit_id WHERE u.code = 'xa-tan-an'"
                     " AND r.part = 'report' ORDER BY r.id DESC").fetchone()[0]
    db.execute("INSERT INTO value (revision_id, field, row, col, txt)"
               " VALUES (?, 'A.II.7', 0, '', ?)",
               (rev, "\x07" + base + "\x1b[31m\x01\x7f\r\n" + base))
    db.commit()
    db.close()
    out = t.report("2023-Q1", "--date", DATE)
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    check(not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", xml),
          "a control character is in document.xml")
    text = dump(out)
    check(base + "[31m" in text, "the text around the controls is not kept")
    check(long_text.strip() in text.replace("\n", ""),
          "the text of 100,000 characters is not whole")
    if DOCX is not None:
        DOCX.Document(str(out))


@suite.test
def options(t):
    """Its options: both date forms, --json, and what it refuses (exit 2
    for usage, a period or unit it does not know)."""
    t.sample()
    a = dump(t.report("2023-Q1", "--date", "04/03/2023", name="a.docx"))
    b = dump(t.report("2023-Q1", "--date", "2023-03-04", name="b.docx"))
    check(a == b, "--date 04/03/2023 and 2023-03-04 give different reports")
    check("ngày 04 tháng 3 năm 2023" in a, "the date is not in the header")
    j = t.json("report", "2023-Q1", "-o", str(t.tmp / "j.docx"),
               "--date", DATE)
    check(j.get("date") == "2023-03-04" and j.get("written"),
          f"--json: {j}")
    expect_err(t.bc("report", "2023-Q1"), 2, "-o")
    expect_err(t.bc("report", "2023-Q1", "-o", str(t.tmp / "x.docx"),
                    "--date", "31/02/2023"), 2, "--date")
    expect_err(t.bc("report", "2023-Q1", "-o", str(t.tmp / "x.docx"),
                    "--unit", "xa-khong-co"), 2, "xa-khong-co")
    r = t.bc("report", "2023-Z9", "-o", str(t.tmp / "x.docx"))
    check(r.rc == 2, f"an unknown period: exit {r.rc}")
    r = t.bc("report", "2023-Q1", "-o", str(t.tmp / "no" / "x.docx"))
    check(r.rc == 3, f"a directory that does not exist: exit {r.rc}")
    check(not (t.tmp / "x.docx").exists(), "a refused report was written")


if __name__ == "__main__":
    harness.start("report.py PATH/TO/baocao [--update]")
    sys.exit(suite.main())

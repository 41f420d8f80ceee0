# SPDX-License-Identifier: MIT
"""The frame of Nghị định 30 around the district's exports.

    python3 tests/e2e/frame.py PATH/TO/baocao

On golden.py's sample district: the exported workbook (every sheet) and
the html report carry the whole header block ("Số:", the national title
and motto, the place and date of --date with its leading zeros), the
document's type and title, the signer block of the rules' document words
and "Nơi nhận"; a unit's template is headed by its own body; and `rules
check` refuses a document word whose placeholder names nothing, at
document.lua's line of document{…}.  Standard library only.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden import PERIOD, RULES, Golden, parts  # noqa: E402

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER = ["ỦY BAN NHÂN DÂN", "HUYỆN TÂN KỲ", "Số:", NATION, MOTTO,
          "Tân Kỳ, ngày 04 tháng 3 năm 2023"]
SIGNER = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
DOCUMENT = ["BÁO CÁO", "Kết quả công tác cải cách hành chính quý I năm 2023",
            "Nơi nhận:", "- Lưu: VT, NV."]


def sheet_texts(data):
    """Each worksheet's inline and shared strings, in order of the parts."""
    p = parts(data)
    shared = re.findall(r"<t[^>]*>([^<]*)</t>",
                        p.get("xl/sharedStrings.xml", b"").decode())
    out = {}
    for n in sorted(p):
        if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n):
            x = p[n].decode()
            own = re.findall(r"<t[^>]*>([^<]*)</t>", x)
            refs = [shared[int(i)] for i in
                    re.findall(r't="s"[^>]*>\s*<v>(\d+)</v>', x)]
            out[n] = own + refs
    return out


def workbook(g, db, tmp):
    out = tmp / "r.xlsx"
    g.baocao(db, "export", PERIOD, "--format", "xlsx", "--date",
             "2023-03-04", "-o", out)
    sheets = sheet_texts(out.read_bytes())
    g.check(sheets, "the workbook has no sheets")
    signed = 0
    for n, t in sheets.items():
        joined = "\n".join(t)
        for w in HEADER:
            g.check(w in joined, f"workbook {n} lacks {w!r}")
        # a table signed beside who drew it, by the district's signer
        if "NGƯỜI LẬP BIỂU" in t:
            signed += 1
            for w in SIGNER:
                g.check(w in t, f"workbook {n} lacks {w!r}")
    first = sheets.get("xl/worksheets/sheet1.xml", [])
    for w in DOCUMENT + SIGNER:
        g.check(w in first, f"the workbook's first sheet lacks {w!r}")
    g.check(signed >= 3, f"only {signed} sheets are signed")
    number = next((t for t in first if t.startswith("Số:")), "")
    g.check(re.fullmatch(r"Số: +/BC-UBND", number),
            f"the number is not left for the clerk: {number!r}")


def html(g, db, tmp):
    out = tmp / "r.html"
    g.baocao(db, "export", PERIOD, "--format", "html", "--date",
             "2023-03-04", "-o", out)
    page = out.read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "\n", page)
    for w in HEADER + SIGNER + DOCUMENT:
        g.check(w in text, f"the html report lacks {w!r}")
    g.check(page.index("Nơi nhận:") > page.index("III."),
            "the signer block is not at the end of the report")


def template(g, db, tmp):
    out = tmp / "t.xlsx"
    g.baocao(db, "template", "--unit", "noi-vu", "--period", PERIOD, "-o",
             out)
    first = sheet_texts(out.read_bytes()).get("xl/worksheets/sheet1.xml", [])
    for w in ("UBND HUYỆN TÂN KỲ", "PHÒNG NỘI VỤ", NATION, MOTTO):
        g.check(w in first, f"noi-vu's template cover lacks {w!r}")


def rules_check(g, tmp):
    """A placeholder the word does not take, in a copy of the rules."""
    rules = tmp / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("meson.build"))
    doc = rules / "cchc-1131" / "document.lua"
    lines = doc.read_text(encoding="utf-8").split("\n")
    at = next(i for i, l in enumerate(lines, 1) if l.startswith("document {"))
    lines = [l.replace("{period}", "{quarter}", 1) if "title =" in l else l
             for l in lines]
    doc.write_text("\n".join(lines), encoding="utf-8")
    p = subprocess.run([g.bin, "rules", "check", str(rules)],
                       capture_output=True, text=True, timeout=60,
                       env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    said = p.stdout + p.stderr
    g.check(p.returncode != 0 and f"document.lua:{at}:" in said
            and "{quarter}" in said,
            f"rules check of a title with {{quarter}}: exit {p.returncode}, "
            f"wanted document.lua:{at}: {said.strip()[-200:]!r}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: frame.py PATH/TO/baocao")
    g = Golden("frame", sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="bc-frame-") as t:
        tmp = Path(t)
        db = g.build(tmp)
        workbook(g, db, tmp)
        html(g, db, tmp)
        template(g, db, tmp)
        rules_check(g, tmp)
    g.finish()


if __name__ == "__main__":
    main()

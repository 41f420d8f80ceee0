# SPDX-License-Identifier: MIT
"""Golden tests of what baocao writes: the csv, json, html and md exports
and a unit's template, each compared byte for byte with a file under
golden/FORMAT/ (xlsx_golden.py does the workbook, with this sample).

    python3 tests/e2e/golden.py PATH/TO/baocao FORMAT [--update]

FORMAT is csv, json, html, md or template.  Builds a small district
(five units under ruleset cchc-1131) with submissions written here,
received at fixed times, for 2023-Q1 and the year before; writes the
export (or xa-ky-son's template) twice with a fixed timestamp and checks
the two are byte-identical; then compares it with the golden file: a text
whole, a workbook part by part (its sheets, strings, styles, workbook
and document properties, unzipped: the zip's own bytes hold nothing of
the template's).  On a difference it prints a unified diff of the first
lines that differ.

--update rewrites golden/FORMAT/ from this run: do it after a deliberate
change of the output, and read the diff before committing it.  A golden
template holds libxlsxwriter's output, so another version of the library
(these were made with Debian's 1.1.5) may need it regenerated too.

The sample keeps its money simple (3500.5, 2800): the golden files fix
how each export prints a figure, not how money is computed.

The source root is $BC_SOURCE_ROOT (set by meson) or the directory two
levels above this script.  Standard library only.
"""

import difflib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = Path(os.environ.get("BC_SOURCE_ROOT") or HERE.parents[1]).resolve()
GOLDEN = HERE / "golden"
RULES = SRC / "rules"
FIXED = "2023-03-05T08:00:00+07:00"
PERIOD = "2023-Q1"
TEMPLATE_UNIT = "xa-ky-son"

UNITS = """code,name,kind,roles,parent
tan-ky,UBND huyện Tân Kỳ,district,,
vp-ubnd,Văn phòng HĐND và UBND huyện,department,vp_ubnd,tan-ky
noi-vu,Phòng Nội vụ,department,noi_vu,tan-ky
tt-tan-ky,Thị trấn Tân Kỳ,town,,tan-ky
xa-ky-son,Xã Kỳ Sơn,commune,,tan-ky
xa-tien-ky,Xã Tiên Kỳ,commune,,tan-ky
"""


def bm3(ky_truoc, truc_tuyen, truc_tiep, truoc, dung, qua, trong, tre,
        tthc, dvc):
    """A consistent form 3: received = settled + being settled."""
    return {
        "tthc_tong": tthc[0], "tthc_mot_cua": tthc[1],
        "tthc_cong_khai": tthc[2], "dvc_toan_trinh": dvc[0],
        "dvc_mot_phan": dvc[1], "hs_ky_truoc": ky_truoc,
        "hs_truc_tuyen": truc_tuyen, "hs_truc_tiep": truc_tiep,
        "hs_tiep_nhan": ky_truoc + truc_tuyen + truc_tiep,
        "hs_truoc_han": truoc, "hs_dung_han": dung, "hs_qua_han": qua,
        "hs_da_giai_quyet": truoc + dung + qua,
        "hs_dang_trong_han": trong, "hs_dang_qua_han": tre,
        "hs_dang_giai_quyet": trong + tre, "hs_xin_loi": qua,
        "hs_so_hoa": truc_tuyen, "hs_bcci": qua + 1,
        "pakn_tiep_nhan": 2, "pakn_da_xu_ly": 1,
    }


REPORT = {s: "Nội dung báo cáo." for s in ("A.I", "A.II", "A.III", "A.IV",
                                           "A.V")}


def submission(unit, period, received, forms, report=None, estimated=False):
    s = {"unit": unit, "period": period,
         "signed_by": {"name": "Nguyễn Văn A", "title": "Thủ trưởng",
                       "date": received[:10]},
         "received_at": received, "channel": "email",
         "estimated": estimated, "forms": forms}
    if report:
        s["report"] = report
    return s


SUBMISSIONS = [
    submission("xa-ky-son", "2022-Q1", "2022-02-25T10:00:00+07:00", {
        "bm3": bm3(10, 120, 160, 170, 100, 5, 13, 2, (118, 118, 118),
                   (20, 50)),
    }),
    # Sent everything it owes, on time.
    submission("vp-ubnd", "2023-Q1", "2023-02-21T07:45:00+07:00", {
        "bm3": bm3(20, 300, 280, 350, 200, 5, 40, 5, (250, 245, 250),
                   (100, 120)),
        "pl1a": {"nhiem_vu": [
            {"noi_dung": "Rà soát quy chế làm việc", "linh_vuc": "the_che",
             "thoi_han": "2023-02-15", "trang_thai": "ht_dung_han",
             "ngay_hoan_thanh": "2023-02-14"},
            {"noi_dung": "Số hóa hồ sơ TTHC", "linh_vuc": "cqs",
             "thoi_han": "2023-06-30", "trang_thai": "dang_th"},
        ]},
        "pl1b": {"van_ban": [
            {"so_ky_hieu": "12/KH-VP", "ngay": "2023-01-10",
             "loai": "ke_hoach", "trich_yeu": "Kế hoạch CCHC năm 2023"},
        ]},
    }, dict(REPORT, **{"B.1": "Một cửa."})),
    # Late, and not all it owes.
    submission("noi-vu", "2023-Q1", "2023-03-01T09:00:00+07:00", {
        "bm1": {"vb_chi_dao": 5, "nv_ke_hoach": 40, "nv_hoan_thanh": 8,
                "kt_ton_tai": 6, "kt_da_xu_ly": 4},
        "bm4": {"co_quan_chuyen_mon": 12, "bien_che_giao": 60,
                "bien_che_co_mat": 57},
    }),
    # Figures flagged as estimates.
    submission("tt-tan-ky", "2023-Q1", "2023-02-27T16:30:00+07:00", {
        "bm1": {"nv_ke_hoach": 10, "nv_hoan_thanh": 3},
        "bm3": bm3(10, 200, 190, 250, 120, 2, 26, 2, (120, 118, 120),
                   (30, 60)),
        "bm6": {"thu_ns_du_toan": 3500.5, "thu_ns_thuc_hien": 700.25,
                "cong_khai_ngan_sach": True},
        "pl1b": {"van_ban": [
            {"so_ky_hieu": "04/KH-UBND", "ngay": "2023-01-12",
             "loai": "ke_hoach", "trich_yeu": "Kế hoạch CCHC năm 2023"},
            {"so_ky_hieu": "29/UBND", "ngay": "2023-02-06",
             "loai": "cong_van",
             "trich_yeu": "V/v đẩy mạnh dịch vụ công trực tuyến"},
        ]},
    }, estimated=True),
    submission("xa-ky-son", "2023-Q1", "2023-02-24T14:10:00+07:00", {
        "bm1": {"nv_ke_hoach": 12, "nv_hoan_thanh": 2},
        "bm3": bm3(12, 150, 148, 180, 110, 3, 15, 2, (118, 118, 118),
                   (28, 60)),
        "bm6": {"thu_ns_du_toan": 2800, "thu_ns_thuc_hien": 500,
                "cong_khai_ngan_sach": False},
        "pl1b": {"van_ban": []},
    }),
    # xa-tien-ky sends nothing.
]


class Golden:
    """One golden test: its checks, the program it runs, its golden
    directory golden/NAME/."""

    def __init__(self, name, binary):
        self.name = name
        self.bin = str(Path(binary).resolve())
        self.dir = GOLDEN / name
        self.fails = []

    def check(self, cond, msg):
        if not cond:
            self.fails.append(msg)
        return cond

    def baocao(self, db, *args):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("BAOCAO_") and k != "LANGUAGE"}
        # the files of one language, whatever the developer's locale
        env.update(BAOCAO_NOW=FIXED, BAOCAO_USER="golden", LC_ALL="C.UTF-8")
        p = subprocess.run([self.bin, "--db", str(db), "--rules", str(RULES)]
                           + [str(a) for a in args], env=env,
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=120)
        if p.returncode != 0:
            sys.exit(f"FAIL baocao {' '.join(map(str, args))}: exit "
                     f"{p.returncode}: {p.stderr.decode(errors='replace')}")
        return p.stdout.decode()

    def build(self, tmp):
        """The sample district in tmp/t.db."""
        db = tmp / "t.db"
        self.baocao(db, "init")
        (tmp / "units.csv").write_text(UNITS, encoding="utf-8")
        self.baocao(db, "units", "import", tmp / "units.csv")
        for i, s in enumerate(SUBMISSIONS):
            f = tmp / f"{i}-{s['unit']}-{s['period']}.json"
            f.write_text(json.dumps(s, ensure_ascii=False), encoding="utf-8")
            self.baocao(db, "import", f)
        return db

    def compare(self, got, update):
        """got: file name under golden/NAME/ → its bytes."""
        if update:
            if self.dir.exists():
                shutil.rmtree(self.dir)
            for n, b in got.items():
                (self.dir / n).parent.mkdir(parents=True, exist_ok=True)
                (self.dir / n).write_bytes(b)
            print(f"golden: {len(got)} files written to {self.dir}")
            return
        want = {str(f.relative_to(self.dir)): f.read_bytes()
                for f in self.dir.rglob("*") if f.is_file()}
        for n in sorted(set(got) | set(want)):
            if n not in want or n not in got:
                self.check(False, f"{n}: "
                           f"{'not in golden' if n in got else 'missing'}")
            elif got[n] != want[n]:
                diff = list(difflib.unified_diff(
                    lines(want[n]), lines(got[n]),
                    f"golden/{self.name}/{n}", n, lineterm=""))
                self.check(False, f"{n} differs from golden (run "
                           f"{Path(sys.argv[0]).name} with --update after a "
                           "deliberate change):\n  " + "\n  ".join(diff[:40]))

    def finish(self):
        for f in self.fails:
            print("FAIL", f)
        print(f"{self.name}: "
              f"{'all checks hold' if not self.fails else f'{len(self.fails)} failed'}")
        sys.exit(1 if self.fails else 0)


def lines(b):
    """Text by its lines, XML by its elements (a part is one long line)."""
    t = b.decode("utf-8", "replace")
    if t.startswith("<?xml"):
        t = t.replace("><", ">\n<")
    return t.splitlines()


def parts(data):
    """A workbook's parts: name → bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


# The parts of a template compared: what a unit sees and fills (sheets,
# strings, styles: the yellow, unlocked cells), its names and dates; not
# the package's plumbing.
TEMPLATE_PARTS = re.compile(r"xl/worksheets/[^/]+\.xml|xl/sharedStrings\.xml|"
                            r"xl/styles\.xml|xl/workbook\.xml|"
                            r"docProps/(core|app)\.xml")



def masked(b):
    """The SHA-256 of the rules a template records, masked: it changes
    with any byte of rules/cchc-1131, a comment too, and what the rules
    say that a unit sees is in the sheets already."""
    return re.sub(rb"<t>[0-9a-f]{64}</t>", b"<t>SHA-256</t>", b)


EXTENSIONS = {"csv": "csv", "json": "json", "html": "html", "md": "md"}


def made(g, db, fmt, out):
    """The bytes of one export (or the template) written to out."""
    if fmt == "template":
        g.baocao(db, "template", "--unit", TEMPLATE_UNIT, "--period", PERIOD,
                 "--fixed-time", FIXED, "-o", out)
    else:
        g.baocao(db, "export", PERIOD, "--format", fmt, "--fixed-time",
                 FIXED, "-o", out)
    return out.read_bytes()


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    if len(args) != 2 or args[1] not in list(EXTENSIONS) + ["template"]:
        sys.exit("usage: golden.py PATH/TO/baocao "
                 "csv|json|html|md|template [--update]")
    fmt = args[1]
    g = Golden(fmt, args[0])
    ext = EXTENSIONS.get(fmt, "xlsx")
    with tempfile.TemporaryDirectory(prefix=f"bc-golden-{fmt}-") as t:
        tmp = Path(t)
        db = g.build(tmp)
        first = made(g, db, fmt, tmp / f"a.{ext}")
        second = made(g, db, fmt, tmp / f"b.{ext}")
    g.check(first == second, "written twice with --fixed-time, it differs")
    if fmt == "template":
        got = {n: masked(b) for n, b in parts(first).items()
               if TEMPLATE_PARTS.fullmatch(n)}
    else:
        got = {f"{PERIOD}.{ext}": first}
    g.compare(got, "--update" in sys.argv[1:])
    g.finish()


if __name__ == "__main__":
    main()

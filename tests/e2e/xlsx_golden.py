# SPDX-License-Identifier: MIT
"""Golden test of the built-in xlsx exporter.

    python3 tests/e2e/xlsx_golden.py PATH/TO/baocao [--update]

Builds a small district (five units under ruleset cchc-1131) with
submissions written here, received at fixed times, for 2023-Q1 and the
year before; exports the workbook twice with a fixed timestamp; checks the
two files are byte-identical and a few properties the workbook must have;
then compares its parts (the sheets, the workbook, the document
properties, the charts) with the files under golden/.

--update rewrites golden/ from this run: do it after a deliberate change
of the workbook, and read the diff before committing it.  The golden
files hold libxlsxwriter's output, so another version of the library
(these were made with Debian's 1.1.5) may need them regenerated too.

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
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

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

# Parts of the package compared with the golden files.
COMPARED = re.compile(r"xl/worksheets/[^/]+\.xml|xl/sharedStrings\.xml|"
                      r"xl/workbook\.xml|docProps/core\.xml|"
                      r"xl/charts/[^/]+\.xml")

fails = []


def check(cond, msg):
    if not cond:
        fails.append(msg)
    return cond


def baocao(db, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAOCAO_")}
    env.update(BAOCAO_NOW=FIXED, BAOCAO_USER="golden")
    p = subprocess.run([BIN, "--db", str(db), "--rules", str(RULES)]
                       + [str(a) for a in args], env=env,
                       stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=120)
    if p.returncode != 0:
        sys.exit(f"FAIL baocao {' '.join(map(str, args))}: exit "
                 f"{p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout.decode()


def build(tmp):
    db = tmp / "t.db"
    baocao(db, "init")
    (tmp / "units.csv").write_text(UNITS, encoding="utf-8")
    baocao(db, "units", "import", tmp / "units.csv")
    for i, s in enumerate(SUBMISSIONS):
        f = tmp / f"{i}-{s['unit']}-{s['period']}.json"
        f.write_text(json.dumps(s, ensure_ascii=False), encoding="utf-8")
        baocao(db, "import", f)
    return db


def export(db, out):
    baocao(db, "export", "2023-Q1", "--format", "xlsx", "--fixed-time",
           FIXED, "-o", out)
    return out.read_bytes()


def parts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


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


def check_total(p, agg):
    """The district total of a field: a numeric cell, a formula with its
    value, equal to the aggregate's."""
    sheet = next((x for n, x in sheets_by_name(p).items()
                  if n.startswith("bm3 ")), None)
    if not check(sheet, "no sheet for form bm3"):
        return
    total = agg["forms"]["bm3"]["fields"]["hs_tiep_nhan"]["total"]
    check(total == 600 + 400 + 310, f"aggregate total {total}")
    row = next((r for r in rows(sheet) if "<t>Tổng cộng</t>" in r), "")
    cells = re.findall(r'<c r="[A-Z]+\d+"( t="\w+")?[^>]*>'
                       r"(?:<f>([^<]*)</f>)?<v>([^<]*)</v>", row)
    hit = [c for c in cells if not c[0] and c[1].startswith("SUM(")
           and float(c[2]) == total]
    check(hit, f"no numeric SUM cell holding the total {total} in the "
               f"'Tổng cộng' row of bm3: {cells[:6]}")


def check_properties(p, agg):
    check("xl/charts/chart1.xml" in p, "no chart part xl/charts/chart1.xml")
    check("<c:barChart>" in text(p, "xl/charts/chart1.xml"),
          "chart1 is not a column chart")
    check("Times New Roman" in text(p, "xl/styles.xml"),
          "Times New Roman is not in the styles")
    core = text(p, "docProps/core.xml")
    check("2023-03-05T01:00:00Z" in core,
          "docProps/core.xml does not carry the fixed time")
    # constant_memory mode writes strings inline, not shared.
    check("xl/sharedStrings.xml" not in p, "strings are shared: is "
          "constant_memory mode off?")
    for name, xml in sheets_by_name(p).items():
        check(NATION in xml and MOTTO in xml,
              f"sheet '{name}' lacks the national heading")
        check(len(name) <= 31, f"sheet name too long: {name}")
    forms = [x for n, x in sheets_by_name(p).items() if n.startswith("bm")]
    check(forms and all("(Từ ngày 10/12/2022 đến ngày 10/03/2023)" in x
                        for x in forms), "a form sheet lacks the period")
    check_total(p, agg)


def show(b):
    return b.decode("utf-8", "replace").replace("><", ">\n<").splitlines()


def compare(p, update):
    got = {n: b for n, b in p.items() if COMPARED.fullmatch(n)}
    if update:
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        for n, b in got.items():
            (GOLDEN / n).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / n).write_bytes(b)
        print(f"golden: {len(got)} files written to {GOLDEN}")
        return
    want = {str(f.relative_to(GOLDEN)): f.read_bytes()
            for f in GOLDEN.rglob("*") if f.is_file()}
    for n in sorted(set(got) | set(want)):
        if n not in want or n not in got:
            check(False, f"{n}: {'not in golden' if n in got else 'missing'}")
        elif got[n] != want[n]:
            diff = list(difflib.unified_diff(show(want[n]), show(got[n]),
                                             "golden/" + n, n, lineterm=""))
            check(False, f"{n} differs from golden:\n  "
                  + "\n  ".join(diff[:40]))


def main():
    global BIN
    args = [a for a in sys.argv[1:] if a != "--update"]
    if len(args) != 1:
        sys.exit("usage: xlsx_golden.py PATH/TO/baocao [--update]")
    BIN = str(Path(args[0]).resolve())
    with tempfile.TemporaryDirectory(prefix="bc-xlsx-") as t:
        tmp = Path(t)
        db = build(tmp)
        first = export(db, tmp / "a.xlsx")
        second = export(db, tmp / "b.xlsx")
        agg = json.loads(baocao(db, "--json", "aggregate", "2023-Q1"))
    check(first == second, "two exports with --fixed-time differ")
    p = parts(first)
    check_properties(p, agg)
    compare(p, "--update" in sys.argv[1:])
    for f in fails:
        print("FAIL", f)
    print(f"xlsx: {'all checks hold' if not fails else f'{len(fails)} failed'}")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()

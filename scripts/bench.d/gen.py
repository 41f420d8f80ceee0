#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the benchmark's dataset: units and one period of submissions.

    gen.py --scale national|province|district --out DIR [--period 2023-Y]

DIR/units.csv            province -> district -> department, commune, town
DIR/units-template.csv   one province, its districts and communes only
                         (the units 'template --all' is timed on)
DIR/units-dated.csv      the units of units.csv over time: every one valid
                         from 2020, and one round of merges inside the year
                         (one commune in twenty took in a neighbour on
                         1 July 2023); the period sees the same units
DIR/csv/part-NNNN.csv    long-form submissions, ~100 units a file
DIR/json/CODE.json       the same submissions, one JSON file per unit
DIR/manifest.json        what was generated: counts of units and values

Every submission is valid under rules/cchc-1131: each unit sends exactly
the parts it owes, with figures drawn by scripts/make-examples' own
functions (so the cross-field checks hold by construction).  The period is
the annual report, 2023-Y: its window spans the year, so a commune's pl1b
lists a year's documents (20-45), and every leaf of outline part A gets a
line — which is how a commune reaches the ~300 values the issue counts on.

Deterministic: names, codes and figures come from string-seeded RNGs, the
same bytes every run, whatever the machine or PYTHONHASHSEED.
"""

import argparse
import csv
import functools
import importlib.machinery
import importlib.util
import io
import json
import os
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "cchc-1131"
SEED = "baocao-bench-1"
UNITS_PER_FILE = 100


def load_make_examples():
    """scripts/make-examples as a module: its figure functions are the
    ones that already pass every check of the rules."""
    path = str(ROOT / "scripts" / "make-examples")
    sys.dont_write_bytecode = True      # no __pycache__ in scripts/
    loader = importlib.machinery.SourceFileLoader("make_examples", path)
    spec = importlib.util.spec_from_loader("make_examples", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


mk = load_make_examples()


def rng(*key):
    return random.Random(":".join((SEED,) + tuple(str(k) for k in key)))


# ---- the country ------------------------------------------------------------

# (provinces, districts, communes and towns, departments per district).
# national: the 2024 counts, 63 provinces, 705 districts, 10,598 communes;
# a province: a large one (Nghệ An has 21 districts and 460 communes), ~500
# units; a district: 35 units, the size of the Tân Kỳ example.
SCALES = {
    "national": dict(provinces=63, districts=705, communes=10598,
                     d_range=(8, 15), c_range=(8, 25)),
    "province": dict(provinces=1, districts=16, communes=400,
                     d_range=(16, 16), c_range=(15, 35)),
    "district": dict(provinces=1, districts=1, communes=28,
                     d_range=(1, 1), c_range=(28, 28)),
}

# The five departments with a role, so every form has both levels.  The
# optional ones (Tài nguyên, Y tế …) only send report, pl1a, pl1b: left out,
# so that departments stay ~3,500 nationally (5 per district).
DEPARTMENTS = [
    # code suffix, name, role, make-examples' code (its texts are keyed so)
    ("vp-ubnd", "Văn phòng HĐND và UBND huyện {h}", "vp_ubnd", "vp-ubnd"),
    ("noi-vu", "Phòng Nội vụ huyện {h}", "noi_vu", "noi-vu"),
    ("tu-phap", "Phòng Tư pháp huyện {h}", "tu_phap", "tu-phap"),
    ("tckh", "Phòng Tài chính - Kế hoạch huyện {h}", "tckh", "tckh"),
    ("vhtt", "Phòng Văn hóa và Thông tin huyện {h}", "vhtt", "vhtt"),
]

# Syllables of Vietnamese place names; two make a name ("Nghĩa Đồng").
SYLLABLES = """An Ái Bảo Bắc Bình Cẩm Cao Châu Chiêm Diễn Đà Đại Điện Định Đoan
Đông Đồng Đức Gia Giang Hà Hải Hạnh Hiệp Hòa Hoài Hoàng Hồng Hợp Hưng Hương
Khánh Kim Kỳ Lạc Lâm Lập Liên Linh Long Lộc Lợi Lương Mai Minh Mỹ Nam Nga
Nghĩa Ngọc Nhân Nhơn Phong Phú Phúc Phước Phương Quang Quảng Quế Quỳnh Sơn
Tam Tân Thạch Thái Thanh Thành Thạnh Thăng Thiện Thịnh Thọ Thuận Thượng Tiên
Tiến Trà Trung Trường Tuy Tường Văn Vân Vĩnh Xuân Yên""".split()


def place_name(r, taken):
    while True:
        a, b = r.sample(SYLLABLES, 2)
        name = f"{a} {b}"
        if name not in taken:
            taken.add(name)
            return name


def spread(r, total, parts, lo, hi):
    """`parts` counts in lo..hi (widened if the total needs it) adding up
    to `total` exactly: drawn, then nudged one at a time."""
    lo = min(lo, total // parts)
    hi = max(hi, -(-total // parts))
    n = [r.randint(lo, hi) for _ in range(parts)]
    while sum(n) != total:
        i = r.randrange(parts)
        if sum(n) > total and n[i] > lo:
            n[i] -= 1
        elif sum(n) < total and n[i] < hi:
            n[i] += 1
    return n


def make_units(scale):
    s = SCALES[scale]
    r = rng("country", scale)
    per_prov = spread(r, s["districts"], s["provinces"], *s["d_range"])
    units = []
    provinces_taken = set()
    d_index = 0
    c_counts = spread(r, s["communes"], s["districts"], *s["c_range"])
    for p in range(s["provinces"]):
        pname = place_name(r, provinces_taken)
        pcode = f"t{p + 1:02d}"
        units.append(dict(code=pcode, name=f"Tỉnh {pname}", kind="province",
                          roles=[], parent=""))
        d_taken = set()
        for d in range(per_prov[p]):
            hname = place_name(r, d_taken)
            hcode = f"{pcode}-h{d + 1:02d}"
            units.append(dict(code=hcode, name=f"Huyện {hname}",
                              kind="district", roles=[], parent=pcode))
            for suffix, name, role, mk_code in DEPARTMENTS:
                units.append(dict(code=f"{hcode}-{suffix}",
                                  name=name.format(h=hname),
                                  kind="department", roles=[role],
                                  parent=hcode, mk_code=mk_code))
            ncomm = c_counts[d_index]
            d_index += 1
            # the district's seat is a town (thị trấn) bearing its name
            units.append(dict(code=f"{hcode}-tt", name=f"Thị trấn {hname}",
                              kind="town", roles=[], parent=hcode))
            c_taken = {hname}
            for c in range(ncomm - 1):
                units.append(dict(code=f"{hcode}-x{c + 1:02d}",
                                  name=f"Xã {place_name(r, c_taken)}",
                                  kind="commune", roles=[], parent=hcode))
    for u in units:
        if u["kind"] == "department":
            parts = ["report", "pl1a", "pl1b"]
            sections = list(mk.PART_A)
        elif u["kind"] in ("commune", "town"):
            parts = ["report", "pl1b"] + [f"bm{i}" for i in range(1, 8)]
            sections = list(mk.PART_A)
        else:
            u["parts"] = []
            continue
        for role in u["roles"]:
            more, sec = mk.ROLE_PARTS[role]
            parts += [p for p in more if p not in parts]
            sections.append(sec)
        u.update(parts=parts, sections=sections,
                 xa=u["kind"] in ("commune", "town"))
    return units


# ---- one unit's submission --------------------------------------------------

YEAR = 2023
WINDOW_FROM = date(2022, 12, 10)

# (type, code in so_ky_hieu, weight for a commune, for a department,
#  subjects); a commune issues more CCHC papers than a department.
DOC_TYPES = [
    ("cong_van", "", 6, 6, [
        "V/v đẩy mạnh cung cấp, sử dụng dịch vụ công trực tuyến toàn trình",
        "V/v triển khai thanh toán trực tuyến phí, lệ phí giải quyết TTHC",
        "V/v chấn chỉnh kỷ luật, kỷ cương hành chính",
        "V/v số hóa hồ sơ, kết quả giải quyết TTHC",
        "V/v rà soát, đề xuất đơn giản hóa thủ tục hành chính"]),
    ("ke_hoach", "KH", 3, 3, [
        "Kế hoạch cải cách hành chính năm 2023",
        "Kế hoạch tuyên truyền cải cách hành chính năm 2023",
        "Kế hoạch kiểm tra công tác cải cách hành chính năm 2023",
        "Kế hoạch chuyển đổi số năm 2023",
        "Kế hoạch khảo sát mức độ hài lòng của người dân, tổ chức năm 2023"]),
    ("quyet_dinh", "QĐ", 3, 1, [
        "Quyết định kiện toàn Bộ phận Tiếp nhận và Trả kết quả",
        "Quyết định ban hành quy chế làm việc",
        "Quyết định thành lập tổ công nghệ số cộng đồng",
        "Quyết định phân công công chức tham mưu công tác CCHC"]),
    ("bao_cao", "BC", 2, 2, [
        "Báo cáo kết quả công tác cải cách hành chính quý I năm 2023",
        "Báo cáo kết quả công tác cải cách hành chính 6 tháng đầu năm 2023",
        "Báo cáo kết quả công tác cải cách hành chính quý III năm 2023",
        "Báo cáo kết quả kiểm tra công tác CCHC"]),
    ("chi_thi", "CT", 1, 0, [
        "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính, đạo đức công vụ"]),
    ("nghi_quyet", "NQ", 1, 0, [
        "Nghị quyết về nhiệm vụ cải cách hành chính năm 2023"]),
]
OWN_CODE = {"vp-ubnd": "VP", "noi-vu": "NV", "tu-phap": "TP",
            "tckh": "TCKH", "vhtt": "VHTT"}


def docs_for(u, last_day, r):
    """pl1b: the year's CCHC documents, numbered in date order per type
    and calendar year, as a register does."""
    n = r.randint(20, 45) if u["xa"] else r.randint(8, 20)
    weights = [t[2] if u["xa"] else t[3] for t in DOC_TYPES]
    span = (last_day - WINDOW_FROM).days
    rows = []
    for _ in range(n):
        loai, code, _, _, subjects = r.choices(DOC_TYPES, weights)[0]
        day = WINDOW_FROM + timedelta(days=r.randint(0, span))
        rows.append((day, loai, code, r.choice(subjects)))
    rows.sort(key=lambda x: (x[0], x[1]))
    own = "UBND" if u["xa"] else OWN_CODE[u["mk_code"]]
    seq, out = {}, []
    for day, loai, code, what in rows:
        key = (loai, day.year)
        seq[key] = seq.get(key, r.randint(0, 3)) + 1 + r.randint(0, 2)
        num = seq[key]
        so = f"{num:02d}/{code}-{own}" if code else f"{num:02d}/{own}"
        out.append({"so_ky_hieu": so, "ngay": day.isoformat(), "loai": loai,
                    "trich_yeu": what})
    return out


@functools.lru_cache(maxsize=None)
def field_order(form):
    return mk.field_order(form)


def make_forms(u, last_day, r):
    """Every form the unit owes, figures from make-examples (first report:
    no previous year, so nothing drifts and no warning fires)."""
    mku = dict(u, code=u.get("mk_code", u["code"]))
    forms, fig = {}, {}
    docs = docs_for(u, last_day, r)
    for part in u["parts"]:
        if part == "report":
            continue
        if part == "pl1b":
            forms["pl1b"] = {"van_ban": docs}
            continue
        if part == "pl1a":
            forms["pl1a"] = {"nhiem_vu": mk.tasks_for(mku, YEAR, last_day, r)}
            continue
        f = mk.Fig(r, None)
        if part == "bm1":
            mk.bm1(mku, f, len(docs))
        elif part == "bm2":
            mk.bm2(mku, f)
        elif part == "bm3":
            mk.bm3(mku, f, YEAR)
        elif part == "bm4":
            mk.bm4(mku, f, YEAR)
        elif part == "bm5":
            mk.bm5(mku, f, fig["bm4"])
        elif part == "bm6":
            mk.bm6(mku, f, fig.get("bm4") or {"dvsn_cong_lap": mk.DVSN[YEAR]})
        elif part == "bm7":
            mk.bm7(mku, f, YEAR, fig.get("bm4") or {})
        fig[part] = forms[part] = {k: f.v[k] for k in field_order(part)
                                   if k in f.v}
    return forms


def leaf_sections():
    """Outline sections under A with no sub-section: each gets a line."""
    text = (RULES / "outline.lua").read_text(encoding="utf-8")
    ids = re.findall(r'section \{ id = "(A\.[A-Z0-9.]+)"', text)
    return [s for s in ids if not any(o.startswith(s + ".") for o in ids)]


LEAVES = leaf_sections()
LINES = [
    "Thực hiện đầy đủ, đúng tiến độ theo Kế hoạch CCHC năm 2023.",
    "Đã triển khai, kết quả cơ bản đạt yêu cầu đề ra.",
    "Tiếp tục duy trì thực hiện thường xuyên, không phát sinh vướng mắc.",
    "Triển khai theo hướng dẫn của cấp trên; một số nội dung còn chậm.",
    "Không phát sinh trong kỳ báo cáo.",
    "Đã rà soát, cập nhật kịp thời; công khai trên trang thông tin điện tử.",
]


def signer(u, r):
    name = mk.person(r)
    if u["kind"] == "commune":
        title = f"Chủ tịch UBND xã {u['name'][3:]}"
    elif u["kind"] == "town":
        title = f"Chủ tịch UBND thị trấn {u['name'][9:]}"
    elif u["mk_code"] == "vp-ubnd":
        title = "Chánh Văn phòng HĐND và UBND huyện"
    else:
        title = "Trưởng phòng " + u["name"].split(" huyện ")[0][6:]
    if r.random() < 0.3:
        title = "Phó " + title
    return name, title


def submission(u, period):
    r = rng(u["code"], "sub")
    # received on a working day in the fortnight before 28 November
    days = mk.weekdays(date(YEAR, 11, 13), date(YEAR, 11, 27))
    rec = r.choice(days)
    received_at = f"{rec.isoformat()}T{r.randint(7, 16):02d}:" \
                  f"{r.choice([0, 10, 20, 30, 40, 50]):02d}:00+07:00"
    signed = rec - timedelta(days=r.choice([0, 0, 1, 2]))
    while signed.weekday() >= 5:
        signed -= timedelta(days=1)
    forms = make_forms(u, signed, r)
    mku = dict(u, code=u.get("mk_code", u["code"]))
    report = mk.report_for(mku, YEAR, forms, r)
    for sec in LEAVES:
        report.setdefault(sec, r.choice(LINES))
    name, title = signer(u, r)
    return {"unit": u["code"], "period": period,
            "signed_by": {"name": name, "title": title,
                          "date": signed.isoformat()},
            "received_at": received_at, "channel": mk.channel(r),
            "estimated": False, "forms": forms, "report": report}


# ---- output -------------------------------------------------------------------

def units_csv(units):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name", "kind", "roles", "parent"])
    for u in units:
        w.writerow([u["code"], u["name"], u["kind"], ";".join(u["roles"]),
                    u["parent"]])
    return buf.getvalue()


# Dates of the dated units: every unit from VALID_FROM; the merges of
# MERGED_ON, inside the timed period's year, so that 2023-Y (as of 10
# December) sees the merged communes and not the neighbours they took in.
VALID_FROM = "2020-01-01"
MERGED_ON = date(YEAR, 7, 1)
MERGE_EVERY = 20


def dated_units_csv(units):
    """units.csv with valid_from, valid_to and predecessors: each unit
    one version from VALID_FROM, but every MERGE_EVERY-th commune, which
    has two — the second from MERGED_ON naming as its predecessor a
    neighbour that ended the day before (a unit of its own, added here).
    (rows, number of merges)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name", "kind", "roles", "parent", "valid_from",
                "valid_to", "predecessors"])
    before = (MERGED_ON - timedelta(days=1)).isoformat()
    r = rng("merges")
    taken = {}              # a district's commune names, the new ones too
    for u in units:
        if u["kind"] in ("commune", "town"):
            taken.setdefault(u["parent"], set()).add(
                u["name"].removeprefix("Xã ").removeprefix("Thị trấn "))
    communes, merges = 0, 0
    for u in units:
        row = [u["code"], u["name"], u["kind"], ";".join(u["roles"]),
               u["parent"]]
        if u["kind"] != "commune":
            w.writerow(row + [VALID_FROM, "", ""])
            continue
        communes += 1
        if communes % MERGE_EVERY:
            w.writerow(row + [VALID_FROM, "", ""])
            continue
        merges += 1
        gone = f"{u['code']}-sn"
        name = place_name(r, taken[u["parent"]])
        w.writerow([gone, f"Xã {name}", "commune", "", u["parent"],
                    VALID_FROM, before, ""])
        w.writerow(row + [VALID_FROM, before, ""])
        w.writerow(row + [MERGED_ON.isoformat(), "", gone])
    return buf.getvalue(), merges


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def count_values(sub):
    """Rows of the long CSV for one submission (the values baocao stores,
    the six _meta rows included)."""
    n = 6 + len(sub["report"])
    for fields in sub["forms"].values():
        for v in fields.values():
            if isinstance(v, list):
                n += sum(len(row) for row in v) or 1
            else:
                n += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", choices=sorted(SCALES), required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--period", default=f"{YEAR}-Y")
    ap.add_argument("--no-json", action="store_true",
                    help="skip the one-file-per-unit JSON copy")
    a = ap.parse_args()
    out = Path(a.out)
    units = make_units(a.scale)
    write(out / "units.csv", units_csv(units))
    # 'template --all' is timed on one province's communes: the first
    # province, its districts and its communes and towns.
    first = units[0]["code"]
    districts = {u["code"] for u in units
                 if u["kind"] == "district" and u["parent"] == first}
    tpl = [u for u in units if u["code"] == first or u["code"] in districts
           or (u["kind"] in ("commune", "town") and u["parent"] in districts)]
    write(out / "units-template.csv", units_csv(tpl))
    dated, merges = dated_units_csv(units)
    write(out / "units-dated.csv", dated)

    reporting = [u for u in units if u["parts"]]
    values = {"commune": 0, "town": 0, "department": 0}
    nfiles = 0
    for i in range(0, len(reporting), UNITS_PER_FILE):
        subs = [submission(u, a.period)
                for u in reporting[i:i + UNITS_PER_FILE]]
        nfiles += 1
        write(out / "csv" / f"part-{nfiles:04d}.csv", mk.to_csv(subs))
        for u, s in zip(reporting[i:i + UNITS_PER_FILE], subs):
            values[u["kind"]] += count_values(s)
            if not a.no_json:
                write(out / "json" / f"{u['code']}.json",
                      json.dumps(s, ensure_ascii=False) + "\n")
    kinds = {}
    for u in units:
        kinds[u["kind"]] = kinds.get(u["kind"], 0) + 1
    xa = kinds.get("commune", 0) + kinds.get("town", 0)
    manifest = {
        "scale": a.scale, "period": a.period, "units": len(units),
        "kinds": kinds, "reporting_units": len(reporting),
        "template_units": sum(1 for u in tpl if u["parts"]),
        "merges": merges, "merged_on": MERGED_ON.isoformat(),
        "csv_files": nfiles,
        "values": sum(values.values()),
        "values_per_commune": round((values["commune"] + values["town"])
                                    / xa, 1) if xa else None,
        "values_per_department": round(values["department"]
                                       / kinds["department"], 1)
        if kinds.get("department") else None,
    }
    write(out / "manifest.json", json.dumps(manifest, indent=1) + "\n")
    print(json.dumps(manifest), file=sys.stderr)


if __name__ == "__main__":
    main()

# SPDX-License-Identifier: MIT
"""End-to-end tests of an enum's labels: what people read and type.

    python3 tests/e2e/labels.py PATH/TO/baocao

The rules give each choice of an enum an id (what is stored and what
machines send) and a label (docs/rules.md, "Choices and their labels").
Checked here: a label typed in place of the id — as the rules write it,
its marks typed apart (NFD), in capitals — is taken from JSON, CSV and a
filled workbook and stored as the id (aggregate --rows --json shows the
id); a value that is neither is refused with the labels a person may
type; the xlsx, html and md exports show labels and no id, while the
csv and json exports keep the ids.

Uses the harness and helpers of run.py (same output, same exit code);
openpyxl (Debian's python3-openpyxl) for the workbooks."""

import json
import os
import re
import sys
import unicodedata
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the harness: reads sys.argv itself)
from harness import find_openpyxl  # noqa: E402
from run import (Skip, check, csv_rows, dept_forms, expect_err, same,  # noqa: E402
                 sub, with_units, write_csv, write_json)

run.TESTS.clear()
test = run.test
openpyxl = find_openpyxl()


def choices(t):
    """(form, column) -> (ids in order, {id: label}) of every enum."""
    out = {}
    for form in t.json("rules", "show", "cchc-1131")["forms"]:
        for f in form["fields"]:
            for c in [f] + (f.get("columns") or []):
                if c["type"] == "enum":
                    out[(form["id"], c["id"])] = (c["values"], c["value_labels"])
    return out


def label(t, form, column, value):
    return choices(t)[(form, column)][1][value]


def typed_ways(text):
    """A label as clerks type it: as written, in small letters with the
    marks typed apart (NFD), in capitals."""
    return [text, unicodedata.normalize("NFD", text.lower()), text.upper()]


def van_ban(loai):
    return [{"so_ky_hieu": f"{i + 12}/KH-UBND", "ngay": "2023-01-10",
             "loai": x, "trich_yeu": "Kế hoạch CCHC năm 2023"}
            for i, x in enumerate(loai)]


def stored_loai(t, unit="xa-ky-son"):
    rows = (t.json("aggregate", "2023-Q1", "--rows")["forms"]["pl1b"]
            ["fields"]["van_ban"]["rows"])
    return [r["loai"] for r in rows if r["unit"] == unit]


@test
def labels_typed_in_json_stored_as_ids(t):
    with_units(t)
    typed = typed_ways(label(t, "pl1b", "loai", "ke_hoach"))
    name = write_json(t, "xa-ky-son.json",
                      sub(forms={"pl1b": {"van_ban": van_ban(typed)}}))
    t.ok("import", name)
    same(stored_loai(t), ["ke_hoach"] * len(typed), "pl1b loai stored")


@test
def labels_typed_in_csv_stored_as_ids(t):
    with_units(t)
    typed = typed_ways(label(t, "pl1b", "loai", "cong_van"))
    s = sub(forms={"pl1b": {"van_ban": van_ban(typed)}})
    t.ok("import", write_csv(t, "xa-ky-son.csv", csv_rows(s), bom=True))
    same(stored_loai(t), ["cong_van"] * len(typed), "pl1b loai stored")


@test
def labels_typed_in_a_workbook_stored_as_ids(t):
    """A template's row filled with labels, one of them in capitals."""
    if openpyxl is None:
        raise Skip("python3-openpyxl is not installed")
    with_units(t)
    tpl = t.tmp / "t.xlsx"
    t.ok("template", "--unit", "noi-vu", "--period", "2023-Q1", "-o", tpl)
    status = label(t, "pl1a", "trang_thai", "dang_th")
    field = label(t, "pl1a", "linh_vuc", "tthc")
    row = {"noi_dung": "Rà soát TTHC", "linh_vuc": field.upper(),
           "thoi_han": "2023-06-30",
           "trang_thai": unicodedata.normalize("NFD", status)}
    wb = openpyxl.load_workbook(tpl)
    for form, fld, sheet, cell in list(wb["_fields"].iter_rows(values_only=True))[1:]:
        if form == "_meta" and fld in ("signer_name", "signer_title"):
            wb[sheet][cell] = "Trần Thị Hà"
        m = re.fullmatch(r"nhiem_vu\[1\]\.(\w+)", fld or "")
        if form == "pl1a" and m and m[1] in row:
            wb[sheet][cell] = row[m[1]]
    wb.save(tpl)
    t.ok("import", tpl, "--received-at", "2023-02-26T09:00")
    rows = (t.json("aggregate", "2023-Q1", "--rows")["forms"]["pl1a"]
            ["fields"]["nhiem_vu"]["rows"])
    same([(r["linh_vuc"], r["trang_thai"]) for r in rows],
         [("tthc", "dang_th")], "pl1a row stored")


@test
def unknown_value_refused_with_the_labels(t):
    with_units(t)
    ids, labels = choices(t)[("pl1b", "loai")]
    name = write_json(t, "xa-ky-son.json",
                      sub(forms={"pl1b": {"van_ban": van_ban(["thong_bao"])}}))
    r = t.bc("import", name)
    expect_err(r, 1, "'thong_bao'", *(labels[i] for i in ids))
    # ids are exact: only labels are read as a person types them
    name = write_json(t, "upper.json",
                      sub(forms={"pl1b": {"van_ban": van_ban(["KE_HOACH"])}}))
    expect_err(t.bc("import", name), 1, "'KE_HOACH'")


def sheet_texts(path):
    """Every text of a workbook's visible sheets: shared and inline."""
    with zipfile.ZipFile(path) as z:
        sst = re.findall(r"<si>(.*?)</si>",
                         z.read("xl/sharedStrings.xml").decode()
                         if "xl/sharedStrings.xml" in z.namelist() else "", re.S)
        texts = []
        for n in z.namelist():
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n):
                xml = z.read(n).decode()
                if 'state="hidden"' in xml:
                    continue
                texts += re.findall(r"<t[^>]*>([^<]*)</t>", xml)
                texts += [re.sub(r"<[^>]+>", "", sst[int(i)]) for i in
                          re.findall(r'<c [^>]*t="s"[^>]*><v>(\d+)</v>', xml)]
    return "\n".join(texts).replace("&amp;", "&")


def ids_in(text, ids):
    return sorted(i for i in ids if re.search(rf"(?<!\w){i}(?!\w)", text))


@test
def exports_show_labels_not_ids(t):
    """pl1a's and pl1b's rows, counted by an enum: the xlsx, html and md
    exports name each choice by its label; csv and json keep ids."""
    with_units(t)
    t.ok("import", write_json(t, "xa-ky-son.json", sub()),
         write_json(t, "noi-vu.json", sub("noi-vu", forms=dept_forms(),
                                          report=False)))
    every = choices(t)
    ids = {i for vs, _ in every.values() for i in vs if "_" in i}
    shown = [every[("pl1b", "loai")][1]["ke_hoach"],
             every[("pl1a", "trang_thai")][1]["ht_dung_han"],
             every[("pl1a", "linh_vuc")][1]["tthc"]]
    for fmt in ("xlsx", "html", "md"):
        t.ok("export", "2023-Q1", "--format", fmt, "-o", f"e.{fmt}")
        path = t.tmp / f"e.{fmt}"
        if fmt == "xlsx":
            text = sheet_texts(path)
        else:
            text = path.read_text("utf-8").replace("\\_", "_")
            if fmt == "html":
                text = re.sub(r"(?is)<(script|style)\b.*?</\1>|<[^>]+>", " ",
                              text)
        same(ids_in(text, ids), [], f"enum ids in the {fmt} export")
        wanted = shown if fmt == "xlsx" else shown[:2]
        check(all(s in text for s in wanted),
              f"the {fmt} export lacks {[s for s in wanted if s not in text]}")
    t.ok("export", "2023-Q1", "--format", "csv", "-o", "e.csv")
    check(",ke_hoach" in (t.tmp / "e.csv").read_text("utf-8-sig"),
          "the csv export does not keep pl1b's loai as its id")
    t.ok("export", "2023-Q1", "--format", "json", "-o", "e.json")
    j = json.loads((t.tmp / "e.json").read_text("utf-8"))
    same(sorted(j["forms"]["pl1b"]["fields"]["van_ban"]["total"]),
         ["ke_hoach"], "the json export's pl1b counts, by id")


if __name__ == "__main__":
    sys.exit(run.main())

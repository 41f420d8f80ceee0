# SPDX-License-Identifier: MIT
"""End-to-end tests of exporter plugins.

    python3 tests/e2e/plugins.py PATH/TO/baocao TEST_PLUGIN_DIR

Runs the real binary on a small district of its own (a department and
three communes sending form bm3), each test in its own temporary
directory, and checks docs/plugins.md: a C plugin reads the model and
writes through the host; one built for another ABI major, or a newer
minor, is refused with exit 3; one that fails leaves no file, not even
the temporary one; a .so without the entry symbol gives way to the .lua
of the same name; a Lua exporter cannot reach io or os; an unknown format
lists the formats; the shipped html and md exporters write the figures; a
plugin compiled here with the one-line pkg-config command of the docs
works; and, where /usr/bin/chromium exists, the HTML report renders.

TEST_PLUGIN_DIR holds the test plugins meson builds (tests/plugins).
$BC_BUILD_ROOT is the build directory (for meson-uninstalled/), $CC the
C compiler.  Prints "ok NAME", "FAIL NAME: why" or "skip NAME: why" per
test, then "N passed, M failed"; exits 1 if any failed.  Standard library
only.
"""

import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from harness import Failure, Skip, check  # noqa: E402

TEST_PLUGINS = Path(h.start("plugins.py PATH/TO/baocao TEST_PLUGIN_DIR",
                            extra=1)[0]).resolve()
BIN = h.BIN
SRC = h.SRC
BUILD = Path(os.environ.get("BC_BUILD_ROOT") or Path(BIN).parents[2])
CC = shlex.split(os.environ.get("CC") or "cc")
NOW = "2023-03-05T09:00:00+07:00"
PERIOD = "2023-Q1"
CHROMIUM = "/usr/bin/chromium"
TIMEOUT = 60
# The ABI of this baocao, from the one header plugins see.
PLUGIN_H = next((SRC / "core").rglob("baocao/plugin.h")).read_text()
ABI_MAJOR, ABI_MINOR = (
    int(re.search(rf"#define BC_PLUGIN_ABI_{k} (\d+)", PLUGIN_H).group(1))
    for k in ("MAJOR", "MINOR"))
ABI = f"{ABI_MAJOR}.{ABI_MINOR}"


# ---- harness (harness.py) ------------------------------------------------

def env(**extra):
    return h.base_env(NOW, **extra)


def expect(r, code, *needles):
    h.expect_rc(r, code)
    for n in needles:
        check(n in r.err, f"stderr does not say {n!r}; {r.cmd}: "
                          f"{r.brief()}")


# ---- the fixture: a district of its own --------------------------------

# A commune whose name would break HTML or Markdown if not escaped.
HOSTILE = 'Xã <b>Thử</b> & "Kiểm" | tra'
UNITS = [
    ("tan-ky", "UBND huyện Tân Kỳ", "district", "", ""),
    ("vp-ubnd", "Văn phòng HĐND và UBND huyện", "department", "vp_ubnd",
     "tan-ky"),
    ("xa-dong-van", "Xã Đồng Văn", "commune", "", "tan-ky"),
    ("xa-thu", HOSTILE, "commune", "", "tan-ky"),
    ("tt-tan-ky", "Thị trấn Tân Kỳ", "town", "", "tan-ky"),
]

# Per unit: carried over, online, in person; settled early, on time,
# late; pending in time, pending late.  Every bm3 check holds.
BM3 = {
    "vp-ubnd": (40, 700, 464, 600, 500, 4, 95, 5),
    "xa-dong-van": (10, 300, 250, 300, 200, 10, 45, 5),
    "xa-thu": (5, 120, 80, 100, 80, 5, 18, 2),
    "tt-tan-ky": (15, 400, 350, 420, 300, 5, 35, 5),
}


def bm3(k, online, direct, early, ontime, late, pend, pend_late):
    received = k + online + direct
    settled = early + ontime + late
    pending = pend + pend_late
    assert received == settled + pending, "fixture: bm3 does not add up"
    return {
        "tthc_tong": 120, "tthc_mot_cua": 110, "tthc_cong_khai": 118,
        "dvc_toan_trinh": 30, "dvc_mot_phan": 60,
        "hs_ky_truoc": k, "hs_truc_tuyen": online, "hs_truc_tiep": direct,
        "hs_tiep_nhan": received,
        "hs_truoc_han": early, "hs_dung_han": ontime, "hs_qua_han": late,
        "hs_da_giai_quyet": settled,
        "hs_dang_trong_han": pend, "hs_dang_qua_han": pend_late,
        "hs_dang_giai_quyet": pending,
        "hs_xin_loi": min(late + pend_late, 3),
        "hs_so_hoa": (online + direct) // 2,
        "hs_bcci": settled // 10,
        "pakn_tiep_nhan": 4, "pakn_da_xu_ly": 3,
    }


TOTAL_RECEIVED = sum(v[0] + v[1] + v[2] for v in BM3.values())


def grouped(n):
    """A regex for n as digits with at most a space, dot or comma (or a
    no-break space) between them."""
    d = str(n)
    return re.compile(r"(?<![\d.,])" + r"[ .,\u00a0\u202f]?".join(d)
                      + r"(?![\d])")


class T(h.Case):
    """One test's directory, with a database of the fixture district."""

    NOW = NOW
    TIMEOUT = TIMEOUT

    def bc(self, *args, environ=None, timeout=TIMEOUT):
        return super().bc(*args, env=environ, timeout=timeout)

    def setup(self):
        self.ok("init")
        units = self.tmp / "units.csv"
        with open(units, "w", encoding="utf-8", newline="") as f:
            f.write("code,name,kind,roles,parent\n")
            for u in UNITS:
                f.write(",".join('"' + c.replace('"', '""') + '"'
                                 if any(x in c for x in ',"') else c
                                 for c in u) + "\n")
        self.ok("units", "import", units)
        files = []
        for code, v in BM3.items():
            p = self.tmp / f"{code}.json"
            p.write_text(json.dumps({
                "unit": code, "period": PERIOD,
                "signed_by": {"name": "Nguyễn Văn A",
                              "title": "Thủ trưởng đơn vị",
                              "date": "2023-02-20"},
                "received_at": "2023-02-20T10:00:00+07:00",
                "channel": "email", "estimated": False,
                "forms": {"bm3": bm3(*v)}}, ensure_ascii=False),
                encoding="utf-8")
            files.append(p)
        self.ok("import", *files)
        return self

    def export(self, fmt, out, *extra, environ=None):
        return self.bc("export", PERIOD, "--format", fmt, "-o", out, *extra,
                       environ=environ)

    def leftovers(self, out):
        return sorted(p.name for p in self.tmp.glob(Path(out).name + "*"))


SUITE = h.Suite("plugins.py", T, "bc-plugins-")
test = SUITE.test


def plugin_dir(t, name="plugs", copies=(), lua=None):
    """A plugin directory holding copies of test plugins (as {name: file})
    and Lua exporters ({name: text})."""
    d = t.tmp / name
    d.mkdir(exist_ok=True)
    for dst, src in dict(copies).items():
        shutil.copyfile(TEST_PLUGINS / src, d / dst)
    for n, text in (lua or {}).items():
        (d / f"{n}.lua").write_text(text, encoding="utf-8")
    return d


# ---- C plugins ---------------------------------------------------------

MOCK_TEXT = (
    "period=2023-Q1\n"
    "label=Quý I năm 2023\n"
    "district=UBND huyện Tân Kỳ\n"
    "levels=2\n"
    "level0=huyen\n"
    "first_form_key=bm1\n"
    f"bm3.hs_tiep_nhan.total={TOTAL_RECEIVED}\n")


def first_choice(t):
    """The mock's line for the first choice of the first enum of the
    catalogue, and its label (ABI 1.1), from `rules show --json`."""
    for form in t.json("rules", "show", "cchc-1131")["forms"]:
        for f in form["fields"]:
            for c in [f] + (f.get("columns") or []):
                if c.get("values"):
                    v = c["values"][0]
                    return (f"choice={form['id']}.{c['id']}.{v}="
                            f"{c['value_labels'][v]}\n")
    return "choice=(none)\n"


@test
def mock_plugin(t):
    t.setup()
    out = t.tmp / "mock.txt"
    r = t.export("mock", out, "--plugins", TEST_PLUGINS)
    expect(r, 0)
    want = MOCK_TEXT + first_choice(t)
    check(out.read_text(encoding="utf-8") == want,
          f"mock wrote {out.read_text(encoding='utf-8')!r}, "
          f"want {want!r}")
    # The same plugin through $BAOCAO_PLUGIN_PATH, after a directory that
    # does not exist.
    out2 = t.tmp / "mock2.txt"
    r = t.export("mock", out2, environ=env(
        BAOCAO_PLUGIN_PATH=f"{t.tmp / 'nowhere'}:{TEST_PLUGINS}"))
    expect(r, 0)
    check(out2.read_text(encoding="utf-8") == want,
          "mock through $BAOCAO_PLUGIN_PATH wrote something else")
    check(t.leftovers(out) == ["mock.txt"], f"left {t.leftovers(out)}")


def refused_abi(t, name, abi):
    """name, built for plugin ABI abi, is refused: exit 3, a message
    naming it, both ABIs and what to do, and no output."""
    t.setup()
    out = t.tmp / "x.txt"
    r = t.export(name, out, "--plugins", TEST_PLUGINS)
    expect(r, 3, f"plugin '{name}' was built for plugin ABI {abi} and "
                 f"this baocao has ABI {ABI}")
    check(re.search(r"rebuild (it )?against this baocao", r.err),
          f"the refusal does not say to rebuild: {r.brief()}")
    check("must not run" not in r.out + r.err and not out.exists(),
          "a refused plugin ran")
    check(t.leftovers(out) == [], f"left {t.leftovers(out)}")


@test
def wrong_abi_major(t):
    refused_abi(t, "badabi", f"{ABI_MAJOR + 1}.0")


@test
def newer_abi_minor(t):
    """A plugin built against a newer baocao of the same major may call
    host functions this one lacks (the API grows at its end): refused,
    while one of this minor runs (mock)."""
    refused_abi(t, "newminor", f"{ABI_MAJOR}.{ABI_MINOR + 1}")


def examples_db(t):
    """The sample district's 2023-Q1 (examples/): every form, tables
    with rows, units late and missing."""
    t.ok("init")
    t.ok("units", "import", SRC / "examples" / "tan-ky-units.csv")
    # one of them is refused on purpose (exit 1): the rest are stored
    r = t.bc("import", *sorted((SRC / "examples" / "2023-Q1").glob("*")))
    expect(r, 1)
    return t


def lines(path, *prefixes):
    return [x for x in path.read_text(encoding="utf-8").splitlines()
            if x.startswith(prefixes)]


@test
def stream_cursors_give_the_whole_model(t):
    """A plugin of ABI 1.3 (stream) gets the lean model and reads through
    the cursors the very values, rows, units and status that one of ABI
    1.2 (dump) reads in the whole model; a pass left open or stopped
    early costs nothing (the sanitizer build sees a leak)."""
    examples_db(t)
    dump, stream = t.tmp / "dump.txt", t.tmp / "stream.txt"
    expect(t.export("dump", dump, "--plugins", TEST_PLUGINS), 0)
    expect(t.export("stream", stream, "--plugins", TEST_PLUGINS), 0)
    check(lines(stream, "lean=") == ["lean=0/0"],
          f"the 1.3 plugin's model is not lean: {lines(stream, 'lean=')}")
    check(lines(dump, "status.units[") and
          lines(dump, "aggregate.values.bm3."),
          "the 1.2 plugin did not get the whole model")
    for pre in ("units[", "status.units["):
        check(lines(stream, pre) == lines(dump, pre),
              f"{pre}: the cursor gives other items than the model")
    # a form's values: the same, in no promised order of units
    vals = lines(dump, "aggregate.values.")
    check(sorted(lines(stream, "aggregate.values.")) == sorted(vals),
          "a form's values from the cursor differ from the model's")
    rows = [x for x in lines(dump, "aggregate.forms.") if ".rows[" in x]
    check(rows and lines(stream, "aggregate.forms.") == rows,
          "the tables' rows in one pass differ from the model's")

    def by_row(xs, form, table):
        """{(form, table): sorted rows}, a row the set of its lines
        past its index; form and table where the path has them."""
        got = {}
        for x in xs:
            head, rest = x.split("[", 1)
            parts = head.split(".")
            key = (parts[form], parts[table])
            got.setdefault((key, head, rest.split("]")[0]), set()).add(
                rest.split("].", 1)[1])
        out = {}
        for (key, _, _), cells in got.items():
            out.setdefault(key, []).append(sorted(cells))
        return {k: sorted(v) for k, v in out.items()}
    check(by_row(lines(stream, "unit_rows."), 1, 2) == by_row(rows, 2, 4),
          "each unit's rows alone differ from the one pass")


@test
def lua_streams(t):
    """A Lua exporter declared with stream = true gets the lean model and
    each_unit/each_value/each_row/each_status; a loop left by break
    closes its pass; the passes are for run(), not the declaration."""
    examples_db(t)
    body = (
        '  local n = 0\n'
        '  for s in each_status() do n = n + 1 write(s.unit, "=", s.state, "\\n") end\n'
        '  write("status ", n, "\\n")\n'
        '  for u in each_unit() do write("unit ", u.code, "\\n") break end\n'
        '  local v = {}\n'
        '  for x in each_value("bm3") do v[#v + 1] = x.unit .. "=" .. tostring(x.values.hs_tiep_nhan) end\n'
        '  table.sort(v) write(table.concat(v, ","), "\\n")\n'
        '  local r = 0\n'
        '  for row in each_row("pl1a", "nhiem_vu") do r = r + 1 end\n'
        '  write("rows ", r, "\\n")\n')
    whole = (
        '  local n = 0\n'
        '  for _, s in pairs(m.status.units) do n = n + 1 write(s.unit, "=", s.state, "\\n") end\n'
        '  write("status ", n, "\\n")\n'
        '  write("unit ", m.units[1].code, "\\n")\n'
        '  local v = {}\n'
        '  for code, x in pairs(m.aggregate.values.bm3) do v[#v + 1] = code .. "=" .. tostring(x.hs_tiep_nhan) end\n'
        '  table.sort(v) write(table.concat(v, ","), "\\n")\n'
        '  write("rows ", #m.aggregate.forms.pl1a.fields.nhiem_vu.rows, "\\n")\n')
    d = plugin_dir(t, lua={
        "streams": 'exporter { name = "streams", stream = true,\n'
                   '  run = function(m)\n'
                   '  write("lean ", tostring(m.status.units == nil and '
                   'm.aggregate.values == nil), "\\n")\n'
                   + body + 'end }\n',
        "whole": 'exporter { name = "whole", run = function(m)\n'
                 '  write("lean true\\n")\n' + whole + 'end }\n',
        "early": 'for s in each_status() do end\n'
                 'exporter { name = "early", run = function(m) end }\n',
        # declared before the model is built now: what it writes there
        # is still output
        "top": 'write("top\\n")\n'
               'exporter { name = "top", stream = true,\n'
               '  run = function(m) write("run\\n") end }\n',
    })
    a, b = t.tmp / "streams.txt", t.tmp / "whole.txt"
    expect(t.export("streams", a, "--plugins", d), 0)
    expect(t.export("whole", b, "--plugins", d), 0)
    got = a.read_text(encoding="utf-8")
    check(got.startswith("lean true\n") and "\nrows 0\n" not in got and
          "status 0" not in got, f"streams wrote {got[:300]!r}")
    check(got == b.read_text(encoding="utf-8"),
          f"the passes differ from the whole model:\n{got[:400]}\n"
          f"{b.read_text(encoding='utf-8')[:400]}")
    top = t.tmp / "top.txt"
    expect(t.export("top", top, "--plugins", d), 0)
    check(top.read_text(encoding="utf-8") == "top\nrun\n",
          f"top wrote {top.read_text(encoding='utf-8')!r}")
    r = t.export("early", t.tmp / "early.txt", "--plugins", d)
    check(r.rc not in (0, None) and "early.lua:" in r.err and
          "run()" in r.err, f"a pass at declaration: {r.brief()}")


@test
def failing_plugin_leaves_nothing(t):
    t.setup()
    out = t.tmp / "fails.txt"
    r = t.export("fails", out, "--plugins", TEST_PLUGINS)
    check(r.rc not in (0, None), f"a failing plugin: {r.brief()}")
    check("deliberate failure" in r.err,
          f"the plugin's error is not shown: {r.brief()}")
    check(not out.exists(), "a failed export left its output file")
    check(t.leftovers(out) == [],
          f"a failed export left {t.leftovers(out)} behind")
    # Nor does it clobber a previous good file of the same name.
    out.write_text("previous\n", encoding="utf-8")
    r = t.export("fails", out, "--plugins", TEST_PLUGINS)
    check(r.rc not in (0, None), f"a failing plugin: {r.brief()}")
    check(out.read_text(encoding="utf-8") == "previous\n",
          "a failed export replaced the existing file")
    check(t.leftovers(out) == ["fails.txt"], f"left {t.leftovers(out)}")


@test
def so_without_entry_falls_back_to_lua(t):
    t.setup()
    d = plugin_dir(t, copies={"fallback.so": "nosym.so"}, lua={
        "fallback": 'exporter { name = "fallback", extension = "txt",\n'
                    '  run = function(m) write("from lua: ", '
                    'm.period.period, "\\n") end }\n'})
    out = t.tmp / "fb.txt"
    r = t.export("fallback", out, "--plugins", d)
    expect(r, 0)
    check(out.read_text(encoding="utf-8") == "from lua: 2023-Q1\n",
          f"fallback wrote {out.read_text(encoding='utf-8')!r}")
    # Without the .lua the .so is an error, not an unknown format.
    (d / "fallback.lua").unlink()
    r = t.export("fallback", t.tmp / "fb2.txt", "--plugins", d)
    expect(r, 3, "baocao_exporter")
    check(not (t.tmp / "fb2.txt").exists(), "output without an exporter")


@test
def lua_sandbox(t):
    t.setup()
    victim = t.tmp / "victim.txt"
    scripts = {
        "evilio": 'exporter { name = "evilio", run = function(m)\n'
                  f'  local f = io.open("{victim}", "w")\n'
                  '  f:write("pwned") f:close() end }\n',
        "evilos": 'exporter { name = "evilos", run = function(m)\n'
                  f'  os.execute("touch {victim}") end }}\n',
        # Writes first, then tries: the partial output must go too.
        "evillate": 'exporter { name = "evillate", run = function(m)\n'
                    '  write("some output\\n")\n'
                    f'  io.open("{victim}", "w") end }}\n',
        "evilreq": 'exporter { name = "evilreq", run = function(m)\n'
                   '  local x = require("io") x.open("/dev/null") end }\n',
    }
    refused = {"evilio": "io", "evilos": "os", "evillate": "io",
               "evilreq": "require"}
    d = plugin_dir(t, lua=scripts)
    for name in scripts:
        out = t.tmp / f"{name}.txt"
        r = t.export(name, out, "--plugins", d)
        check(r.rc not in (0, None), f"{name} ran: {r.brief()}")
        check(f"{name}.lua:" in r.err,
              f"{name}: the refusal does not say where: {r.brief()}")
        check(f"'{refused[name]}'" in r.err,
              f"{name}: the refusal does not name {refused[name]}: "
              f"{r.brief()}")
        check(not out.exists(), f"{name}: output written")
        check(t.leftovers(out) == [], f"{name}: left {t.leftovers(out)}")
        check(not victim.exists(), f"{name} reached the file system")


@test
def unknown_format_lists_formats(t):
    t.setup()
    out = t.tmp / "x.out"
    r = t.export("nosuchformat", out)
    expect(r, 2, "nosuchformat")
    listed = r.err.split("available:")[-1].split()
    for f in ("xlsx", "csv", "json", "html", "md"):
        check(f in listed, f"formats listed: {listed}; no {f}")
    check(not out.exists(), "output for an unknown format")


# ---- the shipped exporters ---------------------------------------------

@test
def html_report(t):
    t.setup()
    out = t.tmp / "r.html"
    expect(t.export("html", out), 0)
    html = out.read_text(encoding="utf-8")
    check(html.startswith("<!DOCTYPE html>"), "not an HTML document")
    check('lang="vi"' in html, "no lang=\"vi\"")
    check('charset="utf-8"' in html.lower(), "no UTF-8 charset")
    check("<svg" in html, "no inline SVG chart")
    check(grouped(TOTAL_RECEIVED).search(html),
          f"the district total {TOTAL_RECEIVED} is not in the report")
    check("Quý I năm 2023" in html, "no period label")
    check("Tỷ lệ hồ sơ giải quyết đúng hạn" in html, "no indicator label")
    # Every string of the model escaped; nothing fetched from outside.
    check("<b>Thử</b>" not in html, "a unit name was not HTML-escaped")
    check("&lt;b&gt;Thử&lt;/b&gt; &amp; &quot;Kiểm&quot;" in html,
          "the escaped unit name is missing")
    for bad in ("<script", "<link", "<img", "@import", "url(", "http://",
                "https://"):
        check(bad not in html, f"the report is not self-contained: {bad}")
    check(t.leftovers(out) == ["r.html"], f"left {t.leftovers(out)}")


@test
def md_report(t):
    t.setup()
    out = t.tmp / "r.md"
    expect(t.export("md", out), 0)
    md = out.read_text(encoding="utf-8")
    check(md.startswith("# "), f"no heading: {md[:80]!r}")
    check(grouped(TOTAL_RECEIVED).search(md),
          f"the district total {TOTAL_RECEIVED} is not in the summary")
    check("Tổng số hồ sơ tiếp nhận" in md, "no field label")
    check("Tỷ lệ hồ sơ giải quyết đúng hạn" in md, "no indicator")
    # The hostile name, escaped for Markdown (a | would split a cell).
    check(HOSTILE not in md, "a unit name was not Markdown-escaped")


@test
def json_and_csv_exports_agree_with_aggregate(t):
    """The json and csv exports read values and table rows from the store
    a form, a table or a unit at a time (export.c, lean model): what they
    write must be what `aggregate --compare --rows` and each unit's values
    say, rows and all."""
    t.setup()
    docs = {"xa-thu": [("02/KH-UBND", "2023-01-05", "ke_hoach", "Kế hoạch, năm 2023"),
                       ("15/UBND", "2023-02-01", "cong_van", 'Về "một cửa"')],
            "xa-dong-van": [("07/KH-UBND", "2023-01-09", "ke_hoach", "Kế hoạch CCHC")]}
    files = []
    for code, rows in docs.items():
        p = t.tmp / f"{code}-pl1b.json"
        p.write_text(json.dumps({
            "unit": code, "period": PERIOD,
            "signed_by": {"name": "Nguyễn Văn B", "title": "Chủ tịch",
                          "date": "2023-02-21"},
            "received_at": "2023-02-21T09:00:00+07:00", "channel": "email",
            "estimated": False,
            "forms": {"pl1b": {"van_ban": [
                {"so_ky_hieu": a, "ngay": b, "loai": c, "trich_yeu": d}
                for a, b, c, d in rows]}}}, ensure_ascii=False),
            encoding="utf-8")
        files.append(p)
    t.ok("import", *files)
    out = t.tmp / "a.json"
    expect(t.export("json", out), 0)
    exported = json.loads(out.read_text(encoding="utf-8"))
    agg = json.loads(t.ok("--json", "aggregate", PERIOD, "--compare",
                          "--rows").out)
    values = exported.pop("values")
    check(exported == agg, "the json export's aggregate differs from "
          "`aggregate --compare --rows`")
    rows = agg["forms"]["pl1b"]["fields"]["van_ban"].get("rows", [])
    check([(r["unit"], r["row"]) for r in rows] ==
          [("xa-dong-van", 1), ("xa-thu", 1), ("xa-thu", 2)],
          f"rows listed: {rows}")
    check(values["pl1b"]["xa-thu"]["van_ban"] == 2 and
          values["bm3"]["vp-ubnd"]["hs_tiep_nhan"] == 1204,  # 40 + 700 + 464
          f"values: {json.dumps(values)[:300]}")
    # csv: every value in force, a table's cells as table[row].column
    out = t.tmp / "a.csv"
    expect(t.export("csv", out), 0)
    with open(out, encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    cells = {(u, fo, fi): v for u, _, fo, fi, v in lines[1:]}
    check(cells.get(("xa-thu", "pl1b", "van_ban[2].trich_yeu")) == 'Về "một cửa"',
          "a quoted cell did not come back whole")
    check(cells.get(("xa-thu", "pl1b", "van_ban[1].trich_yeu")) ==
          "Kế hoạch, năm 2023", "a cell with a comma did not come back whole")
    for form, units in values.items():
        for unit, fields in units.items():
            for field, v in fields.items():
                if isinstance(v, int) and field == "van_ban":
                    continue
                got = cells.get((unit, form, field))
                want = ("true" if v else "false") if isinstance(v, bool) \
                    else str(v)
                check(got == want, f"csv {unit} {form}.{field}: {got!r}, "
                      f"json {v!r}")
    check_csv_aggregate(lines[1:], agg)


def check_csv_aggregate(rows, agg):
    """The csv export's aggregate rows ("_LEVEL" or "_total" for the
    unit) are the aggregate's numbers, each once, and no others."""
    want = {}
    for form, f in agg["forms"].items():
        for kind in ("fields", "indicators"):
            for fid, v in f[kind].items():
                for level, x in v.items():
                    if isinstance(x, (int, float)) and level != "method":
                        want[(f"_{level}", form, fid)] = x
    got = {}
    for unit, period, form, fid, value in rows:
        if unit.startswith("_"):
            check((unit, form, fid) not in got and period == PERIOD,
                  f"csv: aggregate row {unit},{period},{form},{fid} twice "
                  "or of another period")
            got[(unit, form, fid)] = float(value)
    check(len(want) > 20 and set(got) == set(want),
          f"csv aggregate rows: {sorted(set(got) ^ set(want))[:6]} "
          f"where they differ from `aggregate` ({len(want)} numbers)")
    bad = [(k, got[k], x) for k, x in want.items()
           if k in got and abs(got[k] - x) > 1e-12 * max(1, abs(x))]
    check(not bad, f"csv aggregate rows (row, csv, aggregate): {bad[:6]}")


# ---- an out-of-tree plugin ---------------------------------------------

OOT = r"""/* SPDX-License-Identifier: MIT */
#include <baocao/plugin.h>
#include <string.h>

static int run(bc_host *h, const bc_host_api *api)
{
	const char *p = api->get(h, "period.period");
	return api->write(h, "oot ", 4) || api->write(h, p, strlen(p)) ||
	       api->write(h, "\n", 1);
}

static const bc_exporter e = {
	.abi_major = BC_PLUGIN_ABI_MAJOR, .abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "oot", .description = "out of tree", .extension = "txt",
	.run = run,
};

const bc_exporter *baocao_exporter(void) { return &e; }
"""


@test
def out_of_tree_plugin(t):
    if not shutil.which("pkg-config"):
        raise Failure("pkg-config is not installed (scripts/setup "
                      "installs it)")
    d = t.tmp / "oot"
    d.mkdir()
    (d / "oot.c").write_text(OOT, encoding="utf-8")
    uninstalled = BUILD / "meson-uninstalled"
    check((uninstalled / "baocao-plugin-uninstalled.pc").exists(),
          f"no {uninstalled}/baocao-plugin-uninstalled.pc")
    e = env(PKG_CONFIG_PATH=str(uninstalled))
    # The docs' line, word for word apart from the names.
    cmd = (f"{shlex.join(CC)} -fPIC -shared "
           "$(pkg-config --cflags --libs baocao-plugin) -o oot.so oot.c")
    p = subprocess.run(["sh", "-c", cmd], cwd=d, env=e, capture_output=True,
                       timeout=TIMEOUT)
    check(p.returncode == 0, f"{cmd}: {p.stderr.decode()[:600]}")
    pc = subprocess.run(["pkg-config", "--variable=plugindir",
                         "baocao-plugin"], env=e, capture_output=True)
    check(pc.stdout.decode().strip() == str(BUILD / "plugins"),
          f"plugindir of the uninstalled .pc: {pc.stdout.decode()!r}")
    t.setup()
    out = t.tmp / "oot.txt"
    expect(t.export("oot", out, "--plugins", d), 0)
    check(out.read_text() == "oot 2023-Q1\n", f"oot wrote {out.read_text()!r}")


# ---- the HTML report rendered ------------------------------------------

@test
def html_screenshot(t):
    if not os.access(CHROMIUM, os.X_OK):
        raise Skip(f"{CHROMIUM} is not installed")
    t.setup()
    out = t.tmp / "r.html"
    expect(t.export("html", out), 0)
    png = t.tmp / "r.png"
    profile = t.tmp / "profile"
    argv = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            f"--screenshot={png}", "--window-size=1280,2000",
            out.resolve().as_uri()]
    try:
        p = subprocess.run(argv, cwd=t.tmp, capture_output=True, timeout=180,
                           env=dict(env(), HOME=str(t.tmp)))
    except subprocess.TimeoutExpired:
        raise Failure("chromium did not finish in 180 s")
    check(png.exists(), f"no screenshot; chromium exit {p.returncode}: "
                        f"{p.stderr.decode()[-600:]}")
    data = png.read_bytes()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG")
    # A blank 1280x2000 page compresses to a few kilobytes; text, tables
    # and charts take far more.
    check(len(data) > 40_000,
          f"the screenshot is {len(data)} bytes: a blank page?")


# ---- main --------------------------------------------------------------

if __name__ == "__main__":
    sys.exit(SUITE.main())

# SPDX-License-Identifier: MIT
"""End-to-end tests of reminders and units' contacts: `baocao remind`.

    python3 tests/e2e/remind.py PATH/TO/baocao

The sample district (examples/tan-ky-units.csv, or its copy with
contacts, tests/data/remind/units-contacts.csv) and its 2023-Q1
(examples/2023-Q1: Phòng Dân tộc and Xã Tiên Kỳ send nothing, Xã Nghĩa
Hợp no Biểu số 07, three units send late).  Checked: remind names
exactly the units that still owe or sent late, never one complete on
time, with its parts, deadline and days left or overdue against
--as-of, in text, CSV and JSON, its message in the rules' Vietnamese;
the reminder letter; --send as a dry run sends nothing, --apply hands
the units with an address, and only them, to a stand-in sendmail
(tests/e2e/fake-sendmail) which records what it got, kept in the
database and the audit; a mail program that fails or is missing;
addresses that are none, refused on import and skipped when stored; a
unit's name that cannot become a header or a recipient; a units CSV
without contact columns still imports, one with them shows them.

Uses the harness and helpers of run.py (same output, same exit code)."""

import csv
import email
import email.policy
import io
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from documents import need_docx  # noqa: E402

docx = need_docx()
import run  # noqa: E402  (the harness: reads sys.argv itself)
from run import SRC, UNITS_CSV, check, expect_rc, same  # noqa: E402
import harness as h  # noqa: E402

run.TESTS.clear()
test = run.test

EXAMPLES = sorted((SRC / "examples" / "2023-Q1").iterdir())
CONTACTS = SRC / "tests" / "data" / "remind" / "units-contacts.csv"
FAKE = SRC / "tests" / "e2e" / "fake-sendmail"
VIETNAMESE = {"LANGUAGE": "vi", "LC_ALL": "", "LANG": "vi_VN.UTF-8"}
AS_OF = "2023-03-10"
# The sample's 2023-Q1 as of 10/03/2023: who owes what, who sent late.
MISSING = {"dan-toc", "xa-tien-ky"}
PARTIAL = {"xa-nghia-hop": ["bm7"]}
LATE = {"tnmt": 1, "xa-giai-xuan": 1, "xa-tan-hop": 3}
OWE = MISSING | set(PARTIAL)
# The units of the contacts' file with an e-mail address, by code.
MAILED = {"dan-toc": "dantoc@tanky.nghean.gov.vn",
          "xa-nghia-hop": "ubnd.nghiahop@tanky.nghean.gov.vn",
          "tnmt": "tnmt@tanky.nghean.gov.vn",
          "gddt": "gddt@tanky.nghean.gov.vn"}


def district(t, units=UNITS_CSV):
    t.init()
    t.ok("units", "import", units)
    t.ok("import", *EXAMPLES)


def remind(t, *args, as_of=AS_OF):
    return t.json("remind", "2023-Q1", "--as-of", as_of, *args)


def by_unit(j):
    return {u["unit"]: u for u in j["units"]}


def names(t):
    return {u["code"]: u["name"] for u in t.units()}


def mailbox(t):
    d = t.tmp / "mail"
    d.mkdir(exist_ok=True)
    return d


def mailed(t):
    """What the stand-in sendmail got: (argv, parsed message) each."""
    out = []
    for f in sorted(mailbox(t).glob("*.json")):
        m = json.loads(f.read_text(encoding="utf-8"))
        out.append((m["argv"], email.message_from_string(
            m["message"], policy=email.policy.default)))
    return out


def send(t, *args, env=None, **extra):
    e = t.env(FAKE_SENDMAIL_DIR=str(mailbox(t)), **extra)
    e.update(env or {})
    return t.bc("remind", "2023-Q1", "--as-of", AS_OF, "--send", *args,
                env=e)


def rows(t, sql):
    with sqlite3.connect(t.db) as c:
        return c.execute(sql).fetchall()


# ---- who, what, when ---------------------------------------------------------

@test
def remind_names_who_owes(t):
    """Exactly the units that still owe or sent late are named, in the
    text and in --json; none complete on time is."""
    district(t)
    units = names(t)
    want = OWE | set(LATE)
    j = remind(t)
    same(sorted(by_unit(j)), sorted(want), "units reminded (--json)")
    text = t.ok("remind", "2023-Q1", "--as-of", "10/03/2023").out
    for code in units:
        named = f"\n{code}  " in text
        check(named == (code in want),
              f"remind names {code} ({units[code]}): {named}\n{text}")


@test
def remind_parts_and_days(t):
    """What each still owes (ids in --json, names in the message), the
    deadline and the days overdue or late against --as-of."""
    district(t)
    u = by_unit(remind(t))
    for code in MISSING | set(PARTIAL):
        check(u[code]["reason"] == "overdue" and u[code]["days"] == -10,
              f"{code}: {u[code]['reason']}, {u[code]['days']} days "
              f"(want overdue, -10)")
        same(u[code]["due"], "2023-02-28", f"{code}'s deadline")
    same(u["xa-nghia-hop"]["still_owes"], ["bm7"], "xa-nghia-hop owes")
    same(u["dan-toc"]["still_owes"], ["report", "pl1a", "pl1b"],
         "dan-toc owes")
    for code, late in LATE.items():
        same((u[code]["reason"], u[code]["days"], u[code]["still_owes"]),
             ("late", late, []), f"{code}, sent late")
    m = u["xa-nghia-hop"]["message"]
    for words in ("Kính gửi Xã Nghĩa Hợp", "Biểu số 07", "28/02/2023",
                  "quá hạn 10 ngày"):
        check(words in m, f"the message does not say {words!r}: {m}")
    check("Phụ lục 1A" in u["dan-toc"]["message"],
          f"dan-toc's message names no part: {u['dan-toc']['message']}")


@test
def remind_days_left(t):
    """Before the deadline: the days left; on the day: today."""
    district(t)
    u = by_unit(remind(t, as_of="2023-02-20"))
    same((u["dan-toc"]["reason"], u["dan-toc"]["days"]), ("owes", 8),
         "dan-toc on 20/02/2023")
    check("còn 8 ngày" in u["dan-toc"]["message"],
          f"no days left in the message: {u['dan-toc']['message']}")
    u = by_unit(remind(t, as_of="28/02/2023"))
    same(u["dan-toc"]["days"], 0, "dan-toc on the deadline")
    check("hôm nay" in u["dan-toc"]["message"],
          f"not 'today' on the deadline: {u['dan-toc']['message']}")
    text = t.ok("remind", "2023-Q1", "--as-of", "2023-02-20").out
    check("8 days left" in text, f"the text says no days left:\n{text}")


@test
def remind_returned(t):
    """A part sent back to its unit is owed again: the unit, complete and
    on time before, is reminded, its message naming the part and the
    reason."""
    district(t)
    check("xa-ky-son" not in by_unit(remind(t)), "xa-ky-son before")
    t.ok("review", "return", "xa-ky-son", "2023-Q1", "bm3", "--reason",
         "Số liệu chưa khớp với Biểu số 01")
    u = by_unit(remind(t))["xa-ky-son"]
    same((u["still_owes"], [(x["part"], x["reason"]) for x in u["returned"]]),
         (["bm3"], [("bm3", "Số liệu chưa khớp với Biểu số 01")]),
         "xa-ky-son's part sent back")
    for words in ("Biểu số 03", "trả lại", "Số liệu chưa khớp với Biểu số 01"):
        check(words in u["message"], f"no {words!r} in: {u['message']}")


@test
def remind_csv(t):
    """--format csv: a row per unit reminded, as --json has them."""
    district(t)
    r = t.ok("remind", "2023-Q1", "--as-of", AS_OF, "--format", "csv")
    got = list(csv.DictReader(io.StringIO(r.out)))
    j = by_unit(remind(t))
    same(sorted(x["unit"] for x in got if x["code"] in j),
         sorted(j[c]["name"] for c in j), "the csv's units")
    same(len(got), len(j), "rows of the csv")
    for x in got:
        same((x["days"], x["due"], x["message"]),
             (str(j[x["code"]]["days"]), "2023-02-28", j[x["code"]]["message"]),
             f"{x['code']} in the csv")


@test
def remind_vietnamese(t):
    """The text in Vietnamese; --json the same in every language."""
    district(t)
    vi = t.bc("remind", "2023-Q1", "--as-of", AS_OF, env=t.env(**VIETNAMESE))
    expect_rc(vi, 0)
    check("quá hạn 10 ngày" in vi.out and "days" not in vi.out,
          f"remind in Vietnamese:\n{vi.out}")
    same(t.json("remind", "2023-Q1", "--as-of", AS_OF,
                env=t.env(**VIETNAMESE)), remind(t), "--json in Vietnamese")


@test
def remind_bad_arguments(t):
    district(t)
    for args in (["--format", "xml"], ["--apply"], ["--sendmail", "x"],
                 ["--as-of", "31/02/2023"]):
        expect_rc(t.bc("remind", "2023-Q1", *args), 2)
    expect_rc(t.bc("remind"), 2)
    expect_rc(t.bc("remind", "2023-Q9"), 2)


# ---- the letter -------------------------------------------------------------

def letter_texts(path):
    """The letter's paragraphs, those of its tables' cells among them, in
    order (python-docx)."""
    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            for c in row.cells:
                out += [p.text for p in c.paragraphs]
    return [x for x in out if x.strip()]


@test
def letter(t):
    """--letter: a Công văn in Nghị định 30's layout (number …/UBND-NV,
    the V/v line, Kính gửi, Nơi nhận, the signer) naming each unit that
    still owes with its parts, and none that does not."""
    district(t)
    units = names(t)
    path = t.tmp / "don-doc.docx"
    r = t.ok("remind", "2023-Q1", "--as-of", AS_OF, "--letter", path,
             "--number", "45", "--date", "11/03/2023", "--signer",
             "Lê Văn Hùng")
    check("3 units" in r.err, f"the letter's units are not said: {r.err}")
    texts = letter_texts(path)
    whole = "\n".join(texts)
    for words in ("Số: 45/UBND-NV", "V/v đôn đốc", "Kính gửi:", "Nơi nhận:",
                  "Lê Văn Hùng", "ngày 11 tháng 3 năm 2023", "28/02/2023",
                  "10/03/2023"):
        check(words in whole, f"the letter lacks {words!r}:\n{whole}")
    lines = {c: [x for x in texts if x.lstrip("- ").startswith(units[c] + ":")]
             for c in units}
    for code in OWE:
        check(len(lines[code]) == 1, f"{code} is not one line: {lines[code]}")
    check("Biểu số 07" in lines["xa-nghia-hop"][0], lines["xa-nghia-hop"])
    check("Phụ lục 1A" in lines["dan-toc"][0], lines["dan-toc"])
    others = [c for c in units if lines[c] and c not in OWE]
    same(others, [], "units in the letter that owe nothing")


@test
def letter_refused(t):
    """No unit owes anything: no letter, said; a letter's options
    without --letter are a usage error."""
    district(t)
    path = t.tmp / "l.docx"
    for code in OWE:
        t.ok("import", write_all_parts(t, code))
    r = t.bc("remind", "2023-Q1", "--as-of", "2023-05-15", "--letter", path)
    expect_rc(r, 1)
    check(not path.exists(), "a letter to no one was written")
    check("no letter" in r.err, f"not said: {r.err}")
    expect_rc(t.bc("remind", "2023-Q1", "--number", "45"), 2)
    expect_rc(t.bc("remind", "2023-Q1", "--letter", path, "--send"), 2)


def write_all_parts(t, code):
    """A late submission of everything code owes."""
    kind = {u["code"]: u["kind"] for u in t.units()}[code]
    s = run.sub(code, received_at="2023-03-20T09:00:00+07:00")
    if kind == "department":
        s = run.sub(code, forms=run.dept_forms(),
                    received_at="2023-03-20T09:00:00+07:00")
    return run.write_json(t, f"{code}.json", s)


# ---- sending --------------------------------------------------------------

@test
def send_dry_run(t):
    """--send alone says what would go, and sends and keeps nothing."""
    district(t, CONTACTS)
    r = send(t, "--sendmail", f"{FAKE} -t")
    expect_rc(r, 0)
    same(mailed(t), [], "messages handed over by a dry run")
    same(rows(t, "SELECT count(*) FROM reminder"), [(0,)], "reminders kept")
    for code in (set(MAILED) & (OWE | set(LATE))):
        check(f"<{MAILED[code]}>" in r.out, f"the dry run does not show "
                                            f"{code}'s message:\n{r.out}")
    check("dry run" in r.err and "nothing sent" in r.err, r.err)


@test
def send_apply(t):
    """--apply hands each message with an address, and only those, to the
    program (-t: recipients from the headers), UTF-8 subject and body
    intact; each is kept with who and when, and in the audit."""
    district(t, CONTACTS)
    r = send(t, "--apply", "--sendmail", f"{FAKE} -t",
             "--from", "vanthu@tanky.nghean.gov.vn")
    expect_rc(r, 0)
    j = by_unit(remind(t))
    want = {c for c in MAILED if c in j}
    got = {}
    for argv, m in mailed(t):
        same(argv, ["-t"], "the program's arguments")
        to = m["To"].addresses
        check(len(to) == 1, f"one recipient each: {m['To']}")
        code = next(c for c, a in MAILED.items() if a == to[0].addr_spec)
        got[code] = m
        same((str(to[0].display_name), str(m["Subject"]),
              m.get_content().strip(), str(m["From"])),
             (j[code]["name"], j[code]["subject"], j[code]["message"],
              "vanthu@tanky.nghean.gov.vn"), f"{code}'s message")
    same(sorted(got), sorted(want), "units mailed")
    kept = rows(t, "SELECT u.code, r.address, r.actor FROM reminder r"
                   " JOIN unit u ON u.id = r.unit_id ORDER BY u.code")
    same(kept, [(c, MAILED[c], "e2e") for c in sorted(want)],
         "reminders kept")
    audit = rows(t, "SELECT object FROM audit WHERE action = 'remind.send'")
    same(sorted(a for (a,) in audit), sorted(f"{c} 2023-Q1" for c in want),
         "the audit")
    check("no e-mail address" in r.err, f"units without one not said: {r.err}")


@test
def send_program_from_environment(t):
    """$BAOCAO_SENDMAIL names the program; --json says what went."""
    district(t, CONTACTS)
    r = send(t, "--apply", "--json", BAOCAO_SENDMAIL=f"{FAKE} -t -i")
    expect_rc(r, 0)
    j = h.parse_json(r)
    same((j["dry_run"], j["program"]), (False, f"{FAKE} -t -i"), "--json")
    same(sorted(m["unit"] for m in j["messages"] if m["sent"]),
         sorted(c for c in MAILED if c in OWE | set(LATE)), "sent")
    same({tuple(a) for a, _ in mailed(t)}, {("-t", "-i")}, "arguments")


@test
def send_program_fails(t):
    """A program that fails, or is not there: exit 3, said, nothing kept."""
    district(t, CONTACTS)
    r = send(t, "--apply", "--sendmail", f"{FAKE} -t", FAKE_SENDMAIL_EXIT="75")
    expect_rc(r, 3)
    check("exit status 75" in r.err, f"the failure is not said: {r.err}")
    same(rows(t, "SELECT count(*) FROM reminder"), [(0,)], "kept")
    r = send(t, "--apply", "--sendmail", str(t.tmp / "no-such-sendmail"))
    expect_rc(r, 3)
    check("cannot run" in r.err, f"a missing program is not said: {r.err}")
    same(rows(t, "SELECT count(*) FROM reminder"), [(0,)], "kept")


@test
def send_bad_address_stored(t):
    """An address stored that is none (the database edited by hand) is
    not handed over, and said; the others go."""
    district(t, CONTACTS)
    with sqlite3.connect(t.db) as c:
        c.execute("UPDATE unit_version SET email = 'tnmt@x.vn, bcc@evil.vn'"
                  " WHERE unit_id = (SELECT id FROM unit WHERE code = 'tnmt')")
    r = send(t, "--apply", "--sendmail", f"{FAKE} -t")
    expect_rc(r, 1)
    check("tnmt" in r.err and "not an e-mail address" in r.err, r.err)
    to = sorted(m["To"].addresses[0].addr_spec for _, m in mailed(t))
    same(to, sorted(MAILED[c] for c in ("dan-toc", "xa-nghia-hop")),
         "addresses mailed")


@test
def send_name_stays_a_name(t):
    """A unit's name that looks like addresses and headers is only ever
    the recipient's name: no other recipient, no other header."""
    t.init()
    text = CONTACTS.read_text(encoding="utf-8").replace(
        "Phòng Dân tộc,", '"Phòng Dân tộc <bcc@evil.vn>, x@evil.vn; Bcc: y@evil.vn",')
    units = t.tmp / "units.csv"
    units.write_text(text, encoding="utf-8")
    t.ok("units", "import", units)
    t.ok("import", *EXAMPLES)
    expect_rc(send(t, "--apply", "--sendmail", f"{FAKE} -t"), 0)
    m = next(m for _, m in mailed(t)
             if "dantoc@" in str(m["To"]))
    same([a.addr_spec for a in m["To"].addresses],
         ["dantoc@tanky.nghean.gov.vn"], "recipients")
    check(m["Bcc"] is None and m["Cc"] is None, f"headers: {m.keys()}")


# ---- contacts ---------------------------------------------------------------

@test
def contacts_optional(t):
    """A units CSV without contact columns imports as before: no
    contact; the sample's reminders then go to no one."""
    district(t)
    for u in t.units():
        same((u["person"], u["phone"], u["email"]), (None, None, None),
             f"{u['code']}'s contact")
    r = send(t, "--apply", "--sendmail", f"{FAKE} -t")
    expect_rc(r, 0)
    same(mailed(t), [], "messages to units without an address")


@test
def contacts_shown(t):
    """Contacts are shown by units list (text and --json) and remind, and
    a later file without their columns leaves them as they were."""
    district(t, CONTACTS)
    u = {x["code"]: x for x in t.units()}
    same((u["xa-nghia-hop"]["person"], u["xa-nghia-hop"]["phone"],
          u["xa-nghia-hop"]["email"]),
         ("Lê Thị Hoa", "0912 345 678", "ubnd.nghiahop@tanky.nghean.gov.vn"),
         "xa-nghia-hop's contact")
    same((u["xa-tien-ky"]["phone"], u["xa-tien-ky"]["email"]),
         ("0987 654 321", None), "xa-tien-ky's contact")
    text = t.ok("units", "list").out
    check("Lê Thị Hoa, 0912 345 678, ubnd.nghiahop@tanky.nghean.gov.vn"
          in text, f"units list shows no contact:\n{text}")
    r = t.ok("remind", "2023-Q1", "--as-of", AS_OF).out
    check("0987 654 321" in r, f"remind shows no phone:\n{r}")
    t.ok("units", "import", UNITS_CSV)
    same({x["code"]: x for x in t.units()}, u, "contacts after a file "
                                               "without them")


@test
def contacts_refused(t):
    """An address that is none, a phone with letters, a control
    character: refused with line and column, nothing stored."""
    t.init()
    bad = t.tmp / "bad.csv"
    bad.write_text(
        "code,name,kind,roles,parent,person,phone,email\n"
        "tan-ky,UBND huyện Tân Kỳ,district,,,,,\n"
        "xa-a,Xã A,commune,,tan-ky,,,ubnd xa a@gmail.com\n"
        "xa-b,Xã B,commune,,tan-ky,,,a@b.vn; c@d.vn\n"
        "xa-c,Xã C,commune,,tan-ky,,số 0912,\n"
        "xa-d,Xã D,commune,,tan-ky,\"An\nBcc: x@y.vn\",,\n",
        encoding="utf-8")
    r = t.bc("units", "import", bad)
    expect_rc(r, 1)
    for where in (":3: email", ":4: email", ":5: phone", ":6: person"):
        check(where in r.err, f"not said at {where!r}: {r.err}")
    same(t.units(), [], "units stored")


def main():
    return run.main()


if __name__ == "__main__":
    sys.exit(main())

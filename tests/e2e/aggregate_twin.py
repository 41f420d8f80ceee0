# SPDX-License-Identifier: MIT
"""End-to-end: the aggregate command reads the values on two threads (a
twin of the store, core/store/twins.h) and, when no twin can be had
because another program holds the write lock, on one: the same output,
stdout and stderr byte for byte, with and without --json, --by and
--compare.

    python3 tests/e2e/aggregate_twin.py PATH/TO/baocao

Uses the harness and helpers of run.py."""

import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the harness: reads sys.argv itself)
from run import check, same, sub, with_units, write_json  # noqa: E402

run.TESTS.clear()
test = run.test

# Communes of examples/tan-ky-units.csv, each sending every form it owes
# (last year too, for --compare): enough revisions for both threads.
COMMUNES = ("xa-dong-van", "xa-giai-xuan", "xa-huong-son", "xa-ky-son",
            "xa-ky-tan", "xa-nghia-binh", "xa-nghia-dung", "xa-nghia-dong")


def one_thread(t, args):
    """baocao args while another connection holds the write lock: no
    twin (bc_twins_begin_read waits 50 ms for it), the values read on
    one thread."""
    con = sqlite3.connect(t.db, timeout=5, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        return t.bc(*args)
    finally:
        con.execute("ROLLBACK")
        con.close()


@test
def same_on_one_thread_and_two(t):
    with_units(t)
    for unit in COMMUNES:
        for period, at in (("2023-Q1", "2023-02-27T09:00:00+07:00"),
                           ("2022-Q1", "2022-02-27T09:00:00+07:00")):
            name = f"{unit}-{period}.json"
            t.ok("import", write_json(t, name, sub(unit=unit, period=period,
                                                   received_at=at)))
    for args in (["aggregate", "2023-Q1"],
                 ["aggregate", "2023-Q1", "--json"],
                 ["aggregate", "2023-Q1", "--by", "district", "--json"],
                 ["aggregate", "2023-Q1", "--compare", "--by", "district"],
                 ["aggregate", "2023-Q1", "--compare", "--rows", "--json"]):
        two, one = t.bc(*args), one_thread(t, args)
        what = " ".join(args)
        check(two.rc == 0 and one.rc == 0,
              f"{what}: exit {two.rc} with a twin, {one.rc} without")
        same(two.out, one.out, f"{what}: stdout")
        same(two.err, one.err, f"{what}: stderr")


if __name__ == "__main__":
    sys.exit(run.main())

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The dataframe baseline for `baocao status` and `baocao aggregate`.

    pandas_agg.py status|aggregate|district|province UNITS.csv FILE.csv...

Reads every long-form CSV with pandas.read_csv, as an analyst would, then
one groupby: parts received per unit (status), the sum per form and field
(aggregate), the same per district or per province after merging the
units table for the ancestor.  Prints the result as CSV, which the bench
reads to check baocao's totals.  Debian's python3-pandas.
"""

import sys

import pandas as pd


def main():
    mode, units_csv, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    # the values stay text: a column mixes numbers, dates and prose
    df = pd.concat((pd.read_csv(f, dtype=str, keep_default_na=False)
                    for f in files), ignore_index=True)
    if mode == "status":
        got = df[df["form"] != "_meta"].groupby("unit")["form"].nunique()
        got.to_csv(sys.stdout, header=["parts"])
        return
    df["num"] = pd.to_numeric(df["value"], errors="coerce")
    keys = ["form", "field"]
    if mode in ("district", "province"):
        units = pd.read_csv(units_csv, dtype=str, keep_default_na=False)
        up = units[["code", "parent"]]
        df = df.merge(up.rename(columns={"code": "unit", "parent": "district"}),
                      on="unit")
        keys = ["district"] + keys
        if mode == "province":
            df = df.merge(up.rename(columns={"code": "district",
                                             "parent": "province"}),
                          on="district")
            keys = ["province"] + keys[1:]
    got = df.groupby(keys)["num"].sum()
    got.to_csv(sys.stdout, header=["sum"])


if __name__ == "__main__":
    main()

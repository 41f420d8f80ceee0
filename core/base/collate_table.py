#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes collate_table.h, the table collate.c sorts Vietnamese by:

    core/base/collate_table.py > core/base/collate_table.h
    core/base/collate_table.py --check core/base/collate_table.h

Every letter of the Vietnamese alphabet (a ă â b c d đ e ê … ư v … y,
with f j w z in their Latin places) that is not ASCII, in NFC, with its
letter's rank in the alphabet, its tone in Unicode CLDR's order and its
case; then the ranks of the ASCII letters.  The letters and tones come
from Unicode (the standard library's unicodedata): the table is the same
on every machine, so the header is committed and regenerated only to
change what it holds; --check says whether a header is what it writes
(exit 0) or not (exit 1), as the test suite does."""

import sys
import unicodedata

# The alphabet, as base letters and the marks that make them.
ALPHABET = ["a", "a\u0306", "a\u0302", "b", "c", "d", "\u0111", "e",
            "e\u0302", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
            "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u", "u\u031b",
            "v", "w", "x", "y", "z"]
VOWELS = "aeiouy"
# Tones in CLDR's order: none, huyền, hỏi, ngã, sắc, nặng.
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def letters():
    """(code point, rank, tone, upper) of every non-ASCII letter."""
    out = []
    for rank, base in enumerate(ALPHABET, 1):
        tones = range(len(TONES)) if base[0] in VOWELS else [0]
        for tone in tones:
            lower = unicodedata.normalize("NFC", base + TONES[tone])
            for upper, s in ((1, lower.upper()), (0, lower)):
                if len(s) == 1 and ord(s) > 0x7F:
                    out.append((ord(s), rank, tone, upper))
    return sorted(out)


def text():
    """The header."""
    lines = [
        "/* SPDX-License-Identifier: MIT */",
        "/* Generated: every non-ASCII letter of the Vietnamese alphabet (NFC),",
        " * with its letter's rank (a=1, ă=2, â=3, b=4, …), its tone (0 none,",
        " * 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng: Unicode CLDR's order) and case. */",
        "static const struct vi_letter {",
        "\tunsigned cp;",
        "\tunsigned char rank, tone, upper;",
        "} vi_letters[] = {",
    ]
    for cp, rank, tone, upper in letters():
        lines.append(f"\t{{0x{cp:04X}, {rank}, {tone}, {upper}}}, /* {chr(cp)} */")
    ranks = [ALPHABET.index(c) + 1 for c in "abcdefghijklmnopqrstuvwxyz"]
    lines += ["};", "",
              "/* Ranks of the ASCII letters a-z in the same alphabet. */",
              "static const unsigned char ascii_rank[26] = {"
              + ", ".join(map(str, ranks)) + "};"]
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2], encoding="utf-8", newline="") as f:
            same = f.read() == text()
        if not same:
            print(f"{sys.argv[2]} is not what collate_table.py writes: "
                  "regenerate it", file=sys.stderr)
        return 0 if same else 1
    if len(sys.argv) != 1:
        sys.exit("usage: collate_table.py [--check HEADER]")
    sys.stdout.write(text())
    return 0


if __name__ == "__main__":
    sys.exit(main())

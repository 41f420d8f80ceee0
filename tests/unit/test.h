/* SPDX-License-Identifier: MIT */
/*
 * What every unit test includes: cmocka, and the helpers the tests share
 * (test.c): scratch directories and files, the source tree, diagnostics
 * looked for and printed.  Strings the helpers return are freed with
 * free(): they are not library memory.
 */
#ifndef BC_TEST_H
#define BC_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "mem.h"

/* The project's source tree, for the shipped rules and test fixtures. */
const char *test_source_root(void);
/* A fresh directory under $TMPDIR. */
char *test_tmpdir(void);
/* "a/b". */
char *test_path(const char *a, const char *b);
/* Writes text to dir/name (creating no directories). */
void test_write(const char *dir, const char *name, const char *text);
/* The whole of file dir/name. */
char *test_read(const char *dir, const char *name);
/* The whole of the file at path, NUL-terminated, its length in *len;
 * the caller frees it with free(). */
char *test_read_path(const char *path, size_t *len);
/* The whole of part name of the zip archive z, NUL-terminated, its
 * length in *len (len may be NULL); NULL when z has no such part.  For
 * the workbooks and documents baocao writes. */
struct zip;
char *test_zip_part(struct zip *z, const char *name, size_t *len);
/* Copies file in to file out (replacing it). */
void test_copy_file(const char *in, const char *out);
/* Makes the directory dir/name. */
void test_mkdir(const char *dir, const char *name);
/* Removes path and everything below it, without following links; a
 * path that is not there is no error. */
void test_rm_tree(const char *path);

/* dir/name becomes a link to target, a path relative to the source tree
 * ("rules/cchc-1131"). */
void test_link_source(const char *dir, const char *name, const char *target);
/* Copies directory from (files and sub-directories) to a new directory
 * to. */
void test_copy_tree(const char *from, const char *to);
/* A copy of source-tree directory src as dir/name, for a test to edit. */
void test_copy_source(const char *dir, const char *name, const char *src);
/* A scratch rules directory holding links to the shipped cchc-1131 and
 * the test-only test-2025 (tests/rules/test-2025): two directives, the
 * second superseding the first from 2025.  The rulebook reads a whole
 * directory, so each test of rulesets over time assembles its own. */
char *test_rules_over_time(void);
/* A scratch rules directory holding a link to the test-only late-old
 * (tests/rules/late-old) and, with_late, to late-new, the directive
 * that arrived after 2023-Q1 was recorded under late-old. */
char *test_rules_late(bool with_late);
/* Loads ruleset id from files in memory (path, text, …, NULL) into *rs
 * (NULL on failure), the problems in d: what bc_ruleset_load returns. */
struct bc_ruleset;
bc_err test_rules_mem(const char *id, const char *const *files,
		      struct bc_ruleset **rs, bc_diags *d);

/* Runs sql on db; fails the test with SQLite's message if it fails. */
struct sqlite3;
void test_exec(struct sqlite3 *db, const char *sql);
/* The first column of the first row of sql on db, as an integer. */
int64_t test_int_of(struct sqlite3 *db, const char *sql);

/* ---- fixtures: sample data in tests/data/ ----------------------------
 * Sample data in people's words (Vietnamese names, titles, documents)
 * lives in files under tests/data/, not in C literals: the C sources keep
 * their Vietnamese in one place (issue 13), and the data reads as what it
 * is. */

/* The path of tests/data/name in the source tree. */
char *test_fixture_path(const char *name);
/* The whole of tests/data/name, NUL-terminated. */
char *test_fixture_read(const char *name);

/* A file of named texts, tests/data/name, for tests that need many short
 * samples:
 *     # a comment line
 *     name = a text of one line
 *     [name]
 *     a text of several lines, each kept with its line break, up to
 *     the next [name] line or the end of the file
 * A name is lower-case letters, digits, '-', '_' and '.', a letter
 * first; "name = text" lines come before the first [name].  In a one-line text
 * the value is trimmed and \n \r \t \\ \xHH and \uHHHH (H a hex digit) stand for
 * what they mean in C, to write control characters, broken UTF-8 and
 * combining marks; a several-line text is taken as written (blank lines
 * at its end dropped, lines starting with '#' skipped).  A test fails on
 * a malformed file or a name twice. */
typedef struct test_texts test_texts;
test_texts *test_texts_load(const char *name);
/* The text called name; fails the test when there is none.  Owned by t. */
const char *test_texts_get(const test_texts *t, const char *name);
void test_texts_free(test_texts *t);
/* The text called name in the file of named texts tests/data/file, for a
 * test that needs one or two; the caller frees it with free(). */
char *test_fixture(const char *file, const char *name);
/* s[0..n) with its escapes read as in a one-line text, for tests that
 * split a several-line text themselves. */
char *test_unescape(const char *s, size_t n);
/* text with every "${name}" in it replaced by value (a fixture's blank
 * to fill in); fails the test when text has none. */
char *test_fill(const char *text, const char *name, const char *value);

/* True when some diagnostic's formatted text contains needle; or,
 * test_diags_at, begins with where ("file:12: ") and contains what. */

/* A diagnostic by its ids, as scripts read them in --json:
 * "FILE:LINE: form.field: [warning: ][row N[, column]: ]message" ("FILE:
 * LOC: …" for a place without a line), whatever the text a person reads
 * names them by.  The caller frees it with free(). */
char *test_diag_ids(const bc_diag *g);
/* True when some diagnostic's formatted text, or its ids
 * (test_diag_ids), contains needle; or, test_diags_at, begins with where
 * ("file:12: ") and contains what. */
bool test_diags_have(const bc_diags *d, const char *needle);
bool test_diags_at(const bc_diags *d, const char *where, const char *what);
/* Prints the diagnostics (to see why a test failed). */
void test_diags_print(const bc_diags *d);

#endif

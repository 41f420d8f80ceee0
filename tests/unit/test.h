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

/* The text a test expects from a fixture of tests/data: in the file
 * tests/data/file, lines "name<TAB>text" (lines starting with '#' are
 * comments); the text of the line named name, which must be there.
 * Vietnamese sample text lives there, not in C literals.  Freed with
 * free(). */
char *test_fixture(const char *file, const char *name);

/* True when some diagnostic's formatted text contains needle; or,
 * test_diags_at, begins with where ("file:12: ") and contains what. */
bool test_diags_have(const bc_diags *d, const char *needle);
bool test_diags_at(const bc_diags *d, const char *where, const char *what);
/* Prints the diagnostics (to see why a test failed). */
void test_diags_print(const bc_diags *d);

#endif

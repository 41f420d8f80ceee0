/* SPDX-License-Identifier: MIT */
/* What every unit test includes: cmocka and small helpers. */
#ifndef BC_TEST_H
#define BC_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "mem.h"

/* The project's source tree, for the shipped rules and test fixtures. */
static inline const char *test_source_root(void)
{
	const char *r = getenv("BC_SOURCE_ROOT");
	return r ? r : ".";
}

/* A fresh directory under $TMPDIR; the caller frees the string with
 * free() (it is not library memory). */
static inline char *test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[512];
	snprintf(tmpl, sizeof tmpl, "%s/bc-test-XXXXXX", base ? base : "/tmp");
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

/* Writes text to dir/name (creating no directories). */
static inline void test_write(const char *dir, const char *name,
			      const char *text)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* True when some diagnostic's formatted text contains needle. */
static inline bool test_diags_have(const bc_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format(&d->v[i]);
		bool hit = s && strstr(s, needle);
		bc_free(s);
		if (hit)
			return true;
	}
	return false;
}

/* Removes the directory dir and everything below it. */
static inline void test_rm_tree(const char *dir)
{
	char cmd[1100];
	snprintf(cmd, sizeof cmd, "rm -rf -- '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Prints the diagnostics (to see why a test failed). */
static inline void test_diags_print(const bc_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format(&d->v[i]);
		printf("# %s\n", s ? s : "?");
		bc_free(s);
	}
}

#endif

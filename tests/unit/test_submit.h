/* SPDX-License-Identifier: MIT */
/*
 * A database holding the sample units of Tân Kỳ, with the shipped rules:
 * what the tests of validation, import and status start from.
 *
 * The rulebook's Lua state allocates through cmocka as it runs patterns,
 * and cmocka checks for leaks when a test function returns, before its
 * teardown: so each test opens the store and rules itself (fx_open) and
 * closes them before it returns (fx_close).  The cmocka setup only makes
 * the scratch directory; the teardown closes whatever a failed test left
 * open and removes the directory.
 */
#ifndef BC_TEST_SUBMIT_H
#define BC_TEST_SUBMIT_H

#include "test.h"

#include "date.h"
#include "rulebook.h"
#include "store.h"
#include "unit.h"

#include <sqlite3.h>

typedef struct fx fx;
struct fx {
	char *dir;
	bc_store *st;
	bc_rulebook *rb;
	bc_diags d;
	/* What a test has open besides, closed with the rest (after a
	 * failure too). */
	void (*extra_free)(fx *);
	void *extra;
};

/* The store's clock: later than every receipt time the tests give (a
 * later one is refused), 2024-01-15 10:00 in Vietnam. */
#define FX_NOW "2024-01-15T10:00:00+07:00"

static inline int fx_setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = test_tmpdir();
	*state = f;
	return 0;
}

static inline void fx_close(fx *f)
{
	if (f->extra_free)
		f->extra_free(f);
	bc_diags_free(&f->d);
	if (f->rb)
		bc_rulebook_free(f->rb);
	if (f->st)
		bc_store_close(f->st);
	f->rb = NULL;
	f->st = NULL;
}

static inline int fx_teardown(void **state)
{
	fx *f = *state;
	fx_close(f);
	test_rm_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* A fresh store, the rules of directory rules and the n units of the
 * CSV file at path units. */
static inline void fx_open_with(fx *f, const char *rules, const char *units,
				int n)
{
	char *db = test_path(f->dir, "baocao.db");
	if (bc_store_open(db, true, &f->st, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("cannot create the database");
	}
	free(db);
	bc_time now;
	assert_true(bc_time_parse(FX_NOW, 420, &now, NULL));
	bc_store_set_clock(f->st, now);
	if (bc_rulebook_load(rules, NULL, &f->rb, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("the rules do not load from %s", rules);
	}
	bc_units_import_result res;
	if (bc_units_import(f->st, f->rb, units, &res, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("the units of %s do not import", units);
	}
	assert_int_equal(res.added, n);
	bc_diags_free(&f->d);
}

/* The shipped rules and the sample units of Tân Kỳ. */
static inline void fx_open(fx *f)
{
	char *rules = test_path(test_source_root(), "rules");
	char *units = test_path(test_source_root(),
				"examples/tan-ky-units.csv");
	fx_open_with(f, rules, units, 36);
	free(rules);
	free(units);
}

/* One number from the database. */
static inline int64_t fx_count(fx *f, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(f->st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(bc_store_db(f->st)));
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

#endif

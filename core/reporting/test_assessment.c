/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "assessment.h"
#include "rulebook.h"
#include "store.h"
#include "unit.h"

#include <sqlite3.h>

/* The sample district's units in a fresh database, and the criteria an
 * import checks entries against: two the council scores for communes, a
 * department's, one scored from the reports. */
typedef struct fx {
	char *dir;
	bc_store *st;
	bc_diags d;
} fx;

static char *const COMMUNES[] = {"commune", "town"};
static char *const DEPARTMENTS[] = {"department"};
static const bc_assess_criterion CRIT[] = {
	{"1.4", COMMUNES, 2, 300, true},
	{"4.2", COMMUNES, 2, 500, true},
	{"1.4", DEPARTMENTS, 1, 500, true},
	{"3.1", COMMUNES, 2, 800, false},
};

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = test_tmpdir();
	char *db = test_path(f->dir, "baocao.db");
	char *rules = test_path(test_source_root(), "rules");
	char *units = test_path(test_source_root(), "examples/tan-ky-units.csv");
	bc_rulebook *rb = NULL;
	bc_units_import_result res;
	assert_int_equal(bc_store_open(db, BC_OPEN_CREATE, &f->st, &f->d), BC_OK);
	bc_store_set_clock(f->st, 1700000000);
	assert_int_equal(bc_rulebook_load(rules, NULL, &rb, &f->d), BC_OK);
	assert_int_equal(bc_units_import(f->st, rb, units, &res, &f->d), BC_OK);
	bc_rulebook_free(rb);
	bc_diags_free(&f->d);
	free(db);
	free(rules);
	free(units);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	bc_diags_free(&f->d);
	bc_store_close(f->st);
	test_rm_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Imports text as dir/name for 2023; its batch freed. */
static bc_err import(fx *f, const char *name, const char *text, int *batch)
{
	test_write(f->dir, name, text);
	char *path = test_path(f->dir, name);
	bc_assess_import in = {.year = 2023, .path = path, .by = "council",
			       .criteria = CRIT,
			       .n_criteria = sizeof CRIT / sizeof *CRIT};
	bc_assess_batch b;
	bc_err rc = bc_assess_import_file(f->st, &in, &b, &f->d);
	if (batch)
		*batch = b.number;
	bc_assess_batch_free(&b);
	free(path);
	return rc;
}

/* The count a query's one row gives (sqlite3_exec's callback). */
static int first_count(void *ud, int n, char **v, char **names)
{
	(void)names;
	*(int64_t *)ud = n > 0 && v[0] ? atoll(v[0]) : -1;
	return 0;
}

/* The rows of table. */
static int64_t rows(fx *f, const char *table)
{
	char sql[64];
	int64_t n = -1;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	assert_int_equal(sqlite3_exec(bc_store_db(f->st), sql, first_count,
				      &n, NULL),
			 SQLITE_OK);
	return n;
}

static int64_t unit_id(fx *f, const char *code)
{
	bc_unit u;
	assert_int_equal(bc_unit_latest(f->st, code, &u, &f->d), BC_OK);
	int64_t id = u.id;
	bc_unit_free(&u);
	return id;
}

static void test_batches_kept_latest_in_force(void **state)
{
	fx *f = *state;
	int n;
	assert_int_equal(import(f, "a.csv",
				"\xef\xbb\xbfunit,criterion,points,note\n"
				"xa-ky-son,1.4,\"1,5\",first\n"
				"xa-ky-son,4.2,5,\n"
				"noi-vu,1.4,2.25,\n",
				&n),
			 BC_OK);
	assert_int_equal(n, 1);
	bc_store_set_clock(f->st, 1700086400);
	assert_int_equal(import(f, "b.csv",
				"note,points,criterion,unit\n"
				"again,0.5,1.4,xa-ky-son\n",
				&n),
			 BC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows(f, "assessment"), 4);
	bc_assessments a;
	assert_int_equal(bc_assessments_get(f->st, 2023, 0, &a, &f->d), BC_OK);
	assert_int_equal(a.n_batches, 2);
	assert_int_equal(a.n, 3);
	const bc_assessment *e =
		bc_assessment_find(&a, unit_id(f, "xa-ky-son"), "1.4");
	assert_non_null(e);
	assert_int_equal(e->points, 50);
	assert_int_equal(e->batch, 2);
	assert_string_equal(e->note, "again");
	e = bc_assessment_find(&a, unit_id(f, "xa-ky-son"), "4.2");
	assert_int_equal(e->batch, 1);
	assert_int_equal(e->points, 500);
	e = bc_assessment_find(&a, unit_id(f, "noi-vu"), "1.4");
	assert_int_equal(e->points, 225);
	assert_null(bc_assessment_find(&a, unit_id(f, "noi-vu"), "4.2"));
	bc_assessments_free(&a);
	/* Until the first batch's time, the second does not count. */
	assert_int_equal(bc_assessments_get(f->st, 2023, 1700000000, &a,
					    &f->d),
			 BC_OK);
	assert_int_equal(a.n_batches, 1);
	e = bc_assessment_find(&a, unit_id(f, "xa-ky-son"), "1.4");
	assert_int_equal(e->points, 150);
	bc_assessments_free(&a);
	/* Another year has none. */
	assert_int_equal(bc_assessments_get(f->st, 2024, 0, &a, &f->d), BC_OK);
	assert_int_equal(a.n + a.n_batches, 0);
	bc_assessments_free(&a);
}

/* The line numbers of the errors in d, in order, into v; their count. */
static size_t error_lines(const bc_diags *d, int *v, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n && n < max; i++)
		if (d->v[i].severity == BC_ERROR)
			v[n++] = d->v[i].line;
	return n;
}

static void test_every_bad_line_nothing_stored(void **state)
{
	fx *f = *state;
	assert_int_equal(import(f, "bad.csv",
				"unit,criterion,points,note\n"
				"xa-ky-son,1.4,1,fine\n"        /* 2: good */
				"xa-ky-son,1.4,2,\n"            /* 3: twice */
				"xa-nowhere,1.4,1,\n"           /* 4: unit */
				"xa-ky-son,9.9,1,\n"            /* 5: criterion */
				"xa-ky-son,3.1,1,\n"            /* 6: not council's */
				"noi-vu,4.2,1,\n"               /* 7: not its kind */
				"xa-ky-son,4.2,5.01,\n"         /* 8: above max */
				"xa-tien-ky,4.2,0.125,\n"       /* 9: decimals */
				"xa-tien-ky,1.4,-1,\n"          /* 10: negative */
				"xa-dong-van,1.4,one,\n"        /* 11: no number */
				"xa-dong-van,4.2,\n",           /* 12: fields */
				NULL),
			 BC_ERR_INVALID);
	int lines[16];
	size_t n = error_lines(&f->d, lines, 16);
	assert_int_equal(n, 10);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(lines[i], (int)i + 3);
	assert_int_equal(rows(f, "assessment"), 0);
	assert_int_equal(rows(f, "assessment_batch"), 0);
	bc_diags_free(&f->d);
}

static void test_header_and_empty(void **state)
{
	fx *f = *state;
	assert_int_equal(import(f, "h.csv", "unit,points,grade\nx,1,2\n", NULL),
			 BC_ERR_INVALID);
	/* grade unknown, criterion missing. */
	assert_int_equal(f->d.errors, 2);
	bc_diags_free(&f->d);
	assert_int_equal(import(f, "e.csv", "unit,criterion,points\n", NULL),
			 BC_ERR_INVALID);
	assert_int_equal(f->d.errors, 1);
	bc_diags_free(&f->d);
	assert_int_equal(import(f, "z.csv", "", NULL), BC_ERR_INVALID);
	bc_diags_free(&f->d);
	assert_int_equal(rows(f, "assessment_batch"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_batches_kept_latest_in_force, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_every_bad_line_nothing_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_and_empty, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

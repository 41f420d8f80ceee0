/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "dbcheck.h"
#include "digest.h"
#include "srcset.h"

#include <sqlite3.h>

typedef struct fx {
	char *dir;
	char path[1024];
	bc_store *st;
	bc_diags d;
} fx;

/* Runs sql; the test fails on an error. */
#define exec_ok(db, sql)                                                      \
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK)

static const char rules[] = "directive { id = \"r\" }\n";
static const char sha[] =
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/* A small database as baocao writes it: a ruleset with its source, a
 * unit, a period, one imported submission of two revisions of a form. */
static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = test_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/baocao.db", f->dir);
	assert_int_equal(bc_store_open(f->path, BC_OPEN_CREATE, &f->st, &f->d),
			 BC_OK);
	bc_srcset src = BC_SRCSET_INIT;
	char h[BC_SHA256_HEX], sql[2048];
	assert_int_equal(bc_srcset_add(&src, "ruleset.lua", rules,
				       sizeof rules - 1),
			 BC_OK);
	bc_srcset_hash(&src, h);
	bc_srcset_free(&src);
	sqlite3 *db = bc_store_db(f->st);
	test_texts *tx = test_texts_load("store-samples.txt");
	snprintf(sql, sizeof sql,
		 "INSERT INTO ruleset VALUES (1, 'r', '%s', 0);"
		 "INSERT INTO ruleset_file VALUES (1, 'ruleset.lua', '%s');"
		 "INSERT INTO unit VALUES (1, 'xa-a');"
		 "INSERT INTO unit_version (unit_id, name, kind)"
		 " VALUES (1, '%s', 'commune');"
		 "INSERT INTO period VALUES (1, '2023-Q1', 'Q1', 2023, NULL, 1,"
		 " '%s', '2022-12-10', '2023-03-10', '2023-02-28',"
		 " '2023-03-04', NULL, NULL, 0);"
		 "INSERT INTO submission VALUES (1, 1, 1, 'a.json', '%s',"
		 " 'json', 0, 0, 'file', 'A', 'B', NULL, 0, 0, 'x');"
		 "INSERT INTO revision VALUES (1, 1, 1, 1, 'bm1', 1, 0, 1);"
		 "INSERT INTO revision VALUES (2, 1, 1, 1, 'bm1', 2, 0, 1);"
		 "INSERT INTO value (revision_id, field, row, col, num, txt)"
		 " VALUES (1, 'f', 0, '', 1, NULL);",
		 h, rules, test_texts_get(tx, "unit_name"),
		 test_texts_get(tx, "period_label"), sha);
	test_texts_free(tx);
	exec_ok(db, sql);
	snprintf(sql, sizeof sql, "xa-a 2023-Q1: bm1 (sha256 %s)", sha);
	assert_int_equal(bc_store_audit(f->st, "import", "a.json", sql, &f->d),
			 BC_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	bc_store_close(f->st);
	bc_diags_free(&f->d);
	test_rm_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* The check said each of want, and nothing else. */
static void expect_only(fx *f, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!test_diags_have(&f->d, want[i])) {
			test_diags_print(&f->d);
			fail_msg("not found: %s", want[i]);
		}
	assert_int_equal(f->d.errors, n);
	bc_diags_free(&f->d);
}

static void sound_database_passes(void **state)
{
	fx *f = *state;
	bc_check_counts n;
	assert_int_equal(bc_check_database(f->st, &n, &f->d), BC_OK);
	if (f->d.n)
		test_diags_print(&f->d);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(n.units, 1);
	assert_int_equal(n.periods, 1);
	assert_int_equal(n.submissions, 1);
	assert_int_equal(n.revisions, 2);
	assert_int_equal(n.values, 1);
	assert_int_equal(n.audit, 1);
	assert_int_equal(n.rulesets, 1);
	bc_diags_free(&f->d);
}

/* Each departure from what baocao writes is found, all in one run. */
static void every_problem_listed(void **state)
{
	fx *f = *state;
	exec_ok(bc_store_db(f->st),
		"PRAGMA foreign_keys = OFF;"
		"DROP TRIGGER revision_not_deleted;"
		"DELETE FROM revision WHERE id = 1;"
		"CREATE TABLE mine (x);"
		"UPDATE ruleset_file SET content = 'directive {}';"
		"UPDATE unit SET code = 'Xa A';"
		"INSERT INTO submission VALUES (2, 1, 1, 'b.json', 'ff',"
		" 'json', 0, 0, 'file', 'A', 'B', NULL, 0, 0, 'x');"
		"INSERT INTO revision VALUES (3, 2, 1, 1, 'bm2', 1, 0, 1);");
	bc_check_counts n;
	assert_int_equal(bc_check_database(f->st, &n, &f->d), BC_OK);
	const char *want[] = {
		"schema: trigger revision_not_deleted is missing",
		"schema: table mine is not one baocao makes",
		"ruleset r: its recorded sources do not give its SHA-256",
		"units: unit code 'Xa A'",
		"revisions: Xa A 2023-Q1 bm1: 1 kept, numbered 2 to 2",
		"submission 2: b.json (Xa A 2023-Q1): its import is not in",
		"values: revision 1 is not there, yet 1 value belongs to it",
	};
	expect_only(f, want, sizeof want / sizeof *want);
}

/* The value table has no foreign key: a value of a revision that is
 * not there goes in, and the check finds it, once per revision. */
static void orphan_values_found(void **state)
{
	fx *f = *state;
	exec_ok(bc_store_db(f->st),
		"INSERT INTO value (revision_id, field, row, col, num, txt)"
		" VALUES (9, 'f', 0, '', 1, NULL), (9, 'g', 0, '', 2, NULL),"
		" (2, 'f', 0, '', 3, NULL);");
	bc_check_counts n;
	assert_int_equal(bc_check_database(f->st, &n, &f->d), BC_OK);
	const char *want[] = {
		"values: revision 9 is not there, yet 2 values belong to it",
	};
	expect_only(f, want, sizeof want / sizeof *want);
}

/* Versions written by hand: overlapping, undated, missing. */
static void versions_checked(void **state)
{
	fx *f = *state;
	exec_ok(bc_store_db(f->st),
		"UPDATE unit_version SET valid_to = '2025-06-30';"
		"INSERT INTO unit_version (unit_id, valid_from, name, kind)"
		" VALUES (1, '2025-06-01', 'B', 'commune'),"
		" (1, '2025-07-01', 'C', 'commune'),"
		" (1, '2026-02-30', 'D', 'commune');"
		"INSERT INTO unit VALUES (2, 'xa-b');");
	bc_check_counts n;
	assert_int_equal(bc_check_database(f->st, &n, &f->d), BC_OK);
	const char *want[] = {
		"unit xa-b: has no version",
		"unit xa-a: a version's valid_from '2026-02-30' is not a day",
		"unit xa-a: its versions from the start and from 2025-06-01 "
		"overlap",
		"unit xa-a: its versions from 2025-06-01 and from 2025-07-01 "
		"overlap",
		"unit xa-a: its versions from 2025-06-01 and from 2026-02-30 "
		"overlap",
		"unit xa-a: its versions from 2025-07-01 and from 2026-02-30 "
		"overlap",
	};
	expect_only(f, want, sizeof want / sizeof *want);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(sound_database_passes),
		T(every_problem_listed),
		T(orphan_values_found),
		T(versions_checked),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

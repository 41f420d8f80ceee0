/* SPDX-License-Identifier: MIT */
/*
 * A recorded period moved to the rules in force for it now: the
 * submissions of 2023-Q1 recorded under the test ruleset late-old, then
 * late-new arriving (tests/rules, tests/data/repoint/README.md); and the
 * sample district's whole quarter under a new version of cchc-1131,
 * which every stored value must pass again as it passed its import.
 */
#include "test.h"

#include "import.h"
#include "period.h"
#include "repoint.h"
#include "rulebook.h"
#include "store.h"
#include "unit.h"

#include <sqlite3.h>

typedef struct world {
	char *dir, *old, *both; /* scratch; rules without and with late-new */
	bc_store *st;
	bc_rulebook *rb;
	bc_diags d;
	bc_repoint r;
} world;

static void load(world *w, const char *rules)
{
	bc_rulebook_free(w->rb);
	w->rb = NULL;
	if (bc_rulebook_load(rules, NULL, &w->rb, &w->d) != BC_OK) {
		test_diags_print(&w->d);
		fail_msg("rules %s do not load", rules);
	}
}

static void import_file(world *w, const char *path)
{
	bc_import_opts o = {.tz_offset = 420};
	bc_import_result res;
	bc_err rc = bc_import_file(w->st, w->rb, path, &o, false, &res, &w->d);
	bc_import_result_free(&res);
	if (rc != BC_OK) {
		test_diags_print(&w->d);
		fail_msg("%s refused", path);
	}
}

static void import_fixture(world *w, const char *name)
{
	char *path = test_fixture_path(name);
	import_file(w, path);
	free(path);
}

/* A store with the units of tests/data/repoint under rules. */
static void open_store(world *w, const char *rules, const char *units)
{
	char *db = test_path(w->dir, "baocao.db");
	assert_int_equal(bc_store_open(db, BC_OPEN_CREATE, &w->st, &w->d),
			 BC_OK);
	free(db);
	bc_time now;
	assert_true(bc_time_parse("2023-05-15T09:00:00+07:00", 420, &now,
				  NULL));
	bc_store_set_clock(w->st, now);
	assert_int_equal(bc_store_set_actor(w->st, "nv.lan"), BC_OK);
	load(w, rules);
	bc_units_import_result res;
	if (bc_units_import(w->st, w->rb, units, &res, &w->d) != BC_OK) {
		test_diags_print(&w->d);
		fail_msg("units %s do not import", units);
	}
}

/* 2023-Q1 recorded under late-old with the three submissions, then the
 * rules with late-new. */
static void late_world(world *w)
{
	*w = (world){.dir = test_tmpdir(), .old = test_rules_late(false),
		     .both = test_rules_late(true)};
	char *units = test_fixture_path("repoint/units.csv");
	open_store(w, w->old, units);
	free(units);
	import_fixture(w, "repoint/xa-ky-son.json");
	import_fixture(w, "repoint/xa-tien-ky.json");
	import_fixture(w, "repoint/noi-vu.json");
	load(w, w->both);
	bc_diags_free(&w->d);
}

static void world_close(world *w)
{
	bc_repoint_free(&w->r);
	bc_rulebook_free(w->rb);
	bc_store_close(w->st);
	bc_diags_free(&w->d);
	const char *dirs[] = {w->dir, w->old, w->both};
	for (size_t i = 0; i < 3; i++)
		if (dirs[i])
			test_rm_tree(dirs[i]);
	free(w->dir);
	free(w->old);
	free(w->both);
}

static int64_t count(world *w, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(bc_store_db(w->st), sql, -1, &s,
					    NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* What the database holds that a move writes. */
static int64_t written(world *w)
{
	return count(w, "SELECT (SELECT count(*) FROM audit) * 1000000"
			" + (SELECT count(*) FROM period_move) * 10000"
			" + (SELECT count(*) FROM revision_recheck) * 100"
			" + (SELECT count(*) FROM ruleset)");
}

static void expect_rules(world *w, const char *id, const char *due)
{
	bc_period p;
	assert_int_equal(bc_period_get(w->st, w->rb, "2023-Q1", &p, &w->d),
			 BC_OK);
	assert_string_equal(p.rs->id, id);
	char buf[BC_DATE_BUF];
	bc_date_format(p.unit_due, buf);
	assert_string_equal(buf, due);
	bc_period_free(&p);
}

/* Inside the move, the period is late-new's: what look sees. */
static bc_err look(bc_store *st, bc_rulebook *rb, const char *period,
		   void *ud, bc_diags *d)
{
	bc_period p;
	bc_err rc = bc_period_get(st, rb, period, &p, d);
	if (rc == BC_OK && !strcmp(p.rs->id, "late-new"))
		++*(int *)ud;
	bc_period_free(&p);
	return rc;
}

static bc_err repoint(world *w, bc_repoint_opts o)
{
	bc_repoint_free(&w->r);
	return bc_repoint_period(w->st, w->rb, "2023-Q1", &o, &w->r, &w->d);
}

static void dry_run_lists_failures(void **state)
{
	world w;
	late_world(&w);
	int64_t before = written(&w);
	int seen = 0;
	assert_int_equal(repoint(&w, (bc_repoint_opts){.look = look,
							.ud = &seen}),
			 BC_OK);
	assert_int_equal(seen, 1);
	assert_string_equal(w.r.from->id, "late-old");
	assert_string_equal(w.r.to->id, "late-new");
	assert_true(w.r.recorded);
	assert_false(w.r.applied);
	assert_int_equal(w.r.checked, 3);
	assert_int_equal(w.r.n_failing, 1);
	bc_recheck *f = &w.r.failing[0];
	assert_string_equal(f->unit, "xa-tien-ky");
	assert_string_equal(f->parts, "hs r1, report r1");
	assert_int_equal(f->problems.errors, 1);
	assert_int_equal(f->problems.warnings, 0);
	assert_true(test_diags_have(&f->problems, "hs.hs_tiep_nhan: required"));
	assert_true(strstr(f->problems.v[0].file, "xa-tien-ky.json") != NULL);
	/* The two communes' reports lack section III under late-new. */
	assert_int_equal(w.r.reports, 2);
	assert_int_equal(w.d.errors, 0);
	/* Nothing of it was kept. */
	assert_int_equal(written(&w), before);
	expect_rules(&w, "late-old", "2023-02-28");
	world_close(&w);
}

static void apply_refused_then_forced(void **state)
{
	world w;
	late_world(&w);
	int64_t before = written(&w);
	assert_int_equal(repoint(&w, (bc_repoint_opts){.apply = true}),
			 BC_ERR_INVALID);
	assert_true(test_diags_have(&w.d, "needs the reference of the "
					  "document"));
	assert_int_equal(repoint(&w, (bc_repoint_opts){.apply = true,
							.doc = "1131/SNV-CCHC"}),
			 BC_ERR_INVALID);
	assert_true(test_diags_have(&w.d, "fail the rules of late-new: 1; "
					  "nothing was moved"));
	assert_false(w.r.applied);
	assert_int_equal(written(&w), before);
	expect_rules(&w, "late-old", "2023-02-28");

	bc_diags_free(&w.d);
	assert_int_equal(repoint(&w, (bc_repoint_opts){.apply = true,
							.force = true,
							.doc = "1131/SNV-CCHC"}),
			 BC_OK);
	assert_true(w.r.applied);
	assert_int_equal(w.d.errors, 0);
	expect_rules(&w, "late-new", "2023-02-20");
	assert_int_equal(count(&w, "SELECT failing FROM period_move"), 1);
	assert_int_equal(count(&w, "SELECT count(*) FROM audit WHERE action ="
				   " 'period.rules' AND actor = 'nv.lan'"),
			 1);
	/* The communes' reports read incomplete now; the department's not. */
	assert_int_equal(count(&w, "SELECT count(*) FROM revision_received r"
				   " WHERE r.part = 'report' AND r.complete"),
			 1);
	assert_int_equal(count(&w, "SELECT count(*) FROM ruleset"), 2);

	/* Moved, it follows the rules in force: nothing more to move. */
	assert_int_equal(repoint(&w, (bc_repoint_opts){.apply = true,
							.doc = "1131/SNV-CCHC"}),
			 BC_OK);
	assert_ptr_equal(w.r.from, w.r.to);
	assert_false(w.r.applied);
	assert_int_equal(count(&w, "SELECT count(*) FROM period_move"), 1);
	world_close(&w);
}

/* Only the revisions in force are checked: a corrected Biểu số 01 sent
 * after the one late-new refuses lets the period move without --force. */
static void revision_in_force_checked(void **state)
{
	world w;
	late_world(&w);
	load(&w, w.old);
	char *text = test_fixture_read("repoint/xa-tien-ky.json");
	char *at = strstr(text, "\"hs_dung_han\"");
	assert_non_null(at);
	char *fixed = malloc(strlen(text) + 64);
	snprintf(fixed, strlen(text) + 64, "%.*s\"hs_tiep_nhan\": 42, %s",
		 (int)(at - text), text, at);
	char *t = strstr(fixed, "2023-02-15T10:00");
	memcpy(t, "2023-02-16", 10);
	test_write(w.dir, "xa-tien-ky-2.json", fixed);
	char *path = test_path(w.dir, "xa-tien-ky-2.json");
	import_file(&w, path);
	free(path);
	free(fixed);
	free(text);
	load(&w, w.both);
	assert_int_equal(repoint(&w, (bc_repoint_opts){.apply = true,
							.doc = "1131/SNV-CCHC"}),
			 BC_OK);
	/* The first file of xa-tien-ky has no revision in force now. */
	assert_int_equal(w.r.checked, 3);
	assert_int_equal(w.r.n_failing, 0);
	assert_true(w.r.applied);
	expect_rules(&w, "late-new", "2023-02-20");
	world_close(&w);
}

/* Ruleset name of the rules directory rules becomes a new version of
 * itself: the same rules, another hash. */
static void new_version(const char *rules, const char *name)
{
	char *dir = test_path(rules, name);
	char *text = test_read(dir, "ruleset.lua");
	char *more = malloc(strlen(text) + 32);
	sprintf(more, "%s\n-- a new version\n", text);
	test_write(dir, "ruleset.lua", more);
	free(more);
	free(text);
	free(dir);
}

/* Another version of late-old, the same forms: a table with a row, a
 * table sent empty ([]), a form without its total, as stored, pass
 * again. */
static void new_version_passes(void **state)
{
	world w;
	late_world(&w);
	char *edited = test_tmpdir();
	test_copy_source(edited, "late-old", "tests/rules/late-old");
	new_version(edited, "late-old");
	load(&w, edited);
	assert_int_equal(repoint(&w, (bc_repoint_opts){.apply = true,
							.doc = "CV 2"}),
			 BC_OK);
	for (size_t i = 0; i < w.r.n_failing; i++)
		test_diags_print(&w.r.failing[i].problems);
	assert_int_equal(w.r.checked, 3);
	assert_int_equal(w.r.n_failing, 0);
	assert_int_equal(w.r.reports, 0);
	assert_true(w.r.applied);
	assert_string_equal(w.r.from->id, "late-old");
	assert_string_equal(w.r.to->id, "late-old");
	world_close(&w);
	test_rm_tree(edited);
	free(edited);
}

/* A period whose type no ruleset in force knows now stays as it is. */
static void no_ruleset_now(void **state)
{
	world w;
	late_world(&w);
	char *only = test_tmpdir();
	test_link_source(only, "late-new", "tests/rules/late-new");
	load(&w, w.old);
	bc_period p;
	assert_int_equal(bc_period_get(w.st, w.rb, "2022-Q1", &p, &w.d), BC_OK);
	assert_int_equal(bc_store_begin(w.st, &w.d), BC_OK);
	assert_int_equal(bc_period_record(w.st, &p, &w.d), BC_OK);
	assert_int_equal(bc_store_commit(w.st, &w.d), BC_OK);
	bc_period_free(&p);
	load(&w, only);
	bc_repoint_free(&w.r);
	assert_int_equal(bc_repoint_period(w.st, w.rb, "2022-Q1",
					   &(bc_repoint_opts){0}, &w.r, &w.d),
			 BC_ERR_REFUSED);
	assert_true(test_diags_have(&w.d, "no ruleset in force for it now"));
	world_close(&w);
	test_rm_tree(only);
	free(only);
}

/* Every value stored from the sample district's quarter (numbers,
 * amounts, dates, choices, tables with rows and empty, report sections)
 * rebuilt and checked again under another version of the same rules
 * passes as its import did: the check reads what was stored, not
 * something like it. */
static void stored_values_pass_again(void **state)
{
	world w = {.dir = test_tmpdir(), .old = test_tmpdir()};
	test_copy_source(w.old, "cchc-1131", "rules/cchc-1131");
	char *units = test_path(test_source_root(), "examples/tan-ky-units.csv");
	open_store(&w, w.old, units);
	free(units);
	bc_time now;
	assert_true(bc_time_parse("2024-01-15T10:00:00+07:00", 420, &now,
				  NULL));
	bc_store_set_clock(w.st, now);
	char *dir = test_path(test_source_root(), "examples/2023-Q1");
	static const char *const files[] = {
		"noi-vu.json", "tu-phap.json", "xa-ky-son.json",
		"xa-ky-son.sua-doi-bm3.json", "xa-nghia-binh.csv",
		"xa-tan-xuan.json", "tt-tan-ky.json", "vp-ubnd.json"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char *path = test_path(dir, files[i]);
		import_file(&w, path);
		free(path);
	}
	free(dir);
	new_version(w.old, "cchc-1131");
	load(&w, w.old);
	assert_int_equal(repoint(&w, (bc_repoint_opts){0}), BC_OK);
	assert_string_equal(w.r.from->id, "cchc-1131");
	assert_ptr_not_equal(w.r.from, w.r.to);
	assert_int_equal(w.r.checked, sizeof files / sizeof *files);
	for (size_t i = 0; i < w.r.n_failing; i++)
		test_diags_print(&w.r.failing[i].problems);
	assert_int_equal(w.r.n_failing, 0);
	assert_int_equal(w.r.reports, 0);
	world_close(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dry_run_lists_failures),
		cmocka_unit_test(apply_refused_then_forced),
		cmocka_unit_test(revision_in_force_checked),
		cmocka_unit_test(new_version_passes),
		cmocka_unit_test(no_ruleset_now),
		cmocka_unit_test(stored_values_pass_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

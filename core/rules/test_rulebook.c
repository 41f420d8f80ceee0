/* SPDX-License-Identifier: MIT */
/*
 * The rulebook: rulesets over time.  cchc-1131 (shipped) and test-2025
 * (tests/rules, superseding it from 2025) side by side decide which
 * ruleset governs a period; cross-ruleset checks and broken directories
 * are reported, not fatal to the rulesets that did load.
 */
#include "test.h"

#include "bc_config.h"
#include "date.h"
#include "rulebook.h"

#include <sys/wait.h>

static bc_date ymd(int y, int m, int d)
{
	return bc_date_from_ymd(y, m, d);
}

static bc_rulebook *load_ok(const char *dir, bc_diags *d)
{
	bc_rulebook *rb = NULL;
	bc_err rc = bc_rulebook_load(dir, NULL, &rb, d);
	if (rc != BC_OK) {
		test_diags_print(d);
		fail_msg("%s: %s", dir, bc_strerror(rc));
	}
	assert_non_null(rb);
	return rb;
}

/* A ruleset directory dir/id whose directive opens on line 1; extra goes
 * inside directive{} (line 5), in_force_extra inside in_force{}. */
static void write_ruleset(const char *dir, const char *id, const char *from,
			  const char *in_force_extra, const char *extra)
{
	char text[2048];
	test_mkdir(dir, id);
	char *sub = test_path(dir, id);
	snprintf(text, sizeof text,
		 "directive {\n"
		 "  id = \"%s\", title = \"T\", reference = \"R\",\n"
		 "  in_force = { from = \"%s\"%s },\n"
		 "  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"
		 "  %s\n"
		 "}\n"
		 "period_type { code = \"Q1\", label = \"Q1 {year}\",\n"
		 "  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"
		 "  unit_due = \"28/02/Y\", compile_due = \"04/03/Y\" }\n",
		 id, from, in_force_extra, extra);
	test_write(sub, "ruleset.lua", text);
	free(sub);
}

static void governs_over_time(void **state)
{
	char *dir = test_rules_over_time();
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb = load_ok(dir, &d);
	assert_int_equal(d.errors, 0);
	assert_int_equal(rb->n, 2);
	const bc_ruleset *old = bc_rulebook_find(rb, "cchc-1131");
	const bc_ruleset *next = bc_rulebook_find(rb, "test-2025");
	assert_non_null(old);
	assert_non_null(next);
	assert_ptr_equal(rb->v[0], old); /* sorted by id */
	assert_null(bc_rulebook_find(rb, "cchc-9999"));

	assert_ptr_equal(bc_rulebook_govern(rb, "Q1", 2024, BC_DATE_NONE),
			 old);
	assert_ptr_equal(bc_rulebook_govern(rb, "Q1", 2022, BC_DATE_NONE),
			 old);
	assert_null(bc_rulebook_govern(rb, "Q1", 2021, BC_DATE_NONE));
	const bc_ruleset *q1 = bc_rulebook_govern(rb, "Q1", 2025,
						  BC_DATE_NONE);
	assert_ptr_equal(q1, next);
	int n;
	const bc_period_type *pt = bc_ruleset_period_type(q1, "Q1", &n);
	assert_non_null(pt);
	assert_int_equal(bc_dayrule_date(pt->unit_due.day, 2025), ymd(2025, 2, 15));
	pt = bc_ruleset_period_type(old, "Q1", &n);
	assert_int_equal(bc_dayrule_date(pt->unit_due.day, 2024), ymd(2024, 2, 28));

	/* The annual window of 2024 ends 10/12/2024, still under cchc-1131;
	 * 2025's ends under test-2025. */
	assert_ptr_equal(bc_rulebook_govern(rb, "Y", 2024, BC_DATE_NONE), old);
	assert_ptr_equal(bc_rulebook_govern(rb, "Y", 2025, BC_DATE_NONE),
			 next);
	assert_null(bc_rulebook_govern(rb, "Q2", 2024, BC_DATE_NONE));

	/* Ad-hoc periods go by the day given. */
	assert_ptr_equal(bc_rulebook_govern(rb, "DX3", 2024, ymd(2024, 12, 31)),
			 old);
	assert_ptr_equal(bc_rulebook_govern(rb, "DX3", 2025, ymd(2025, 1, 1)),
			 next);
	assert_null(bc_rulebook_govern(rb, "DX3", 2021, ymd(2021, 6, 1)));
	assert_null(bc_rulebook_govern(rb, "DX3", 2024, BC_DATE_NONE));

	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void in_force_span(void **state)
{
	char *dir = test_rules_over_time();
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb = load_ok(dir, &d);
	const bc_ruleset *old = bc_rulebook_find(rb, "cchc-1131");
	const bc_ruleset *next = bc_rulebook_find(rb, "test-2025");
	assert_int_equal(bc_rulebook_in_force_to(rb, old), ymd(2024, 12, 31));
	assert_int_equal(bc_rulebook_in_force_to(rb, next), BC_DATE_NONE);
	assert_false(bc_rulebook_in_force(rb, old, ymd(2021, 12, 31)));
	assert_true(bc_rulebook_in_force(rb, old, ymd(2022, 1, 1)));
	assert_true(bc_rulebook_in_force(rb, old, ymd(2024, 12, 31)));
	assert_false(bc_rulebook_in_force(rb, old, ymd(2025, 1, 1)));
	assert_false(bc_rulebook_in_force(rb, next, ymd(2024, 12, 31)));
	assert_true(bc_rulebook_in_force(rb, next, ymd(2025, 1, 1)));
	assert_true(bc_rulebook_in_force(rb, next, ymd(2099, 1, 1)));
	/* Versions are told apart by hash. */
	assert_ptr_equal(bc_rulebook_version(rb, "cchc-1131", old->hash), old);
	assert_null(bc_rulebook_version(rb, "cchc-1131", next->hash));
	/* Kinds and roles come from any current ruleset. */
	assert_non_null(bc_rulebook_kind(rb, "commune"));
	assert_non_null(bc_rulebook_role(rb, "noi_vu"));
	assert_null(bc_rulebook_kind(rb, "ward"));
	assert_null(bc_rulebook_role(rb, "cong_an"));
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void explicit_end_and_supersession(void **state)
{
	/* in_force.to and a superseder both end a ruleset: the earlier
	 * wins. */
	char *dir = test_tmpdir();
	write_ruleset(dir, "a", "2020-01-01", ", to = \"2023-06-30\"", "");
	write_ruleset(dir, "b", "2023-01-01", "", "supersedes = \"a\",");
	write_ruleset(dir, "c", "2021-01-01", ", to = \"2021-12-31\"", "");
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb = load_ok(dir, &d);
	assert_int_equal(bc_rulebook_in_force_to(rb, bc_rulebook_find(rb, "a")),
			 ymd(2022, 12, 31));
	assert_int_equal(bc_rulebook_in_force_to(rb, bc_rulebook_find(rb, "c")),
			 ymd(2021, 12, 31));
	/* Overlapping a and c: the later start governs. */
	assert_ptr_equal(bc_rulebook_govern(rb, "Q1", 2021, BC_DATE_NONE),
			 bc_rulebook_find(rb, "c"));
	assert_ptr_equal(bc_rulebook_govern(rb, "Q1", 2022, BC_DATE_NONE),
			 bc_rulebook_find(rb, "a"));
	assert_ptr_equal(bc_rulebook_govern(rb, "Q1", 2023, BC_DATE_NONE),
			 bc_rulebook_find(rb, "b"));
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void pair_checks_clean(void **state)
{
	/* What `baocao rules check` runs: no error for the two together. */
	char *dir = test_rules_over_time();
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb = load_ok(dir, &d);
	bc_rulebook_check(rb, &d);
	assert_int_equal(d.n, 0);
	for (size_t i = 0; i < rb->n; i++)
		bc_ruleset_lint(rb->v[i], &d);
	assert_int_equal(d.errors, 0);
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void cli_rules_check_passes(void **state)
{
	char exe[1024];
	snprintf(exe, sizeof exe, "%s/core/cli/baocao", BC_BUILD_ROOT);
	if (access(exe, X_OK) != 0)
		skip();
	char *dir = test_rules_over_time();
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "'%s' rules check '%s' >/dev/null 2>&1", exe,
		 dir);
	int st = system(cmd);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	test_rm_tree(dir);
	free(dir);
}

static void same_day_is_an_error(void **state)
{
	char *dir = test_tmpdir();
	write_ruleset(dir, "a", "2022-01-01", "", "");
	write_ruleset(dir, "b", "2022-01-01", "", "");
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb = load_ok(dir, &d);
	assert_int_equal(d.n, 0);
	bc_rulebook_check(rb, &d);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.v[0].severity, BC_ERROR);
	assert_true(test_diags_have(&d, "b/ruleset.lua:1: in force from the "
					"same day as a"));
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void unknown_supersedes_warns(void **state)
{
	char *dir = test_tmpdir();
	write_ruleset(dir, "c", "2022-01-01", "", "supersedes = \"ghost\",");
	write_ruleset(dir, "selfish", "2023-01-01", "",
		      "supersedes = \"selfish\",");
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb = load_ok(dir, &d);
	bc_rulebook_check(rb, &d);
	assert_true(test_diags_have(&d, "c/ruleset.lua:1: warning: "
					"supersedes 'ghost'"));
	for (size_t i = 0; i < d.n; i++)
		if (strstr(d.v[i].msg, "ghost"))
			assert_int_equal(d.v[i].severity, BC_WARNING);
	assert_true(test_diags_have(&d, "selfish/ruleset.lua:1: a ruleset "
					"cannot supersede itself"));
	assert_int_equal(d.errors, 1);
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void no_ruleset_is_an_error(void **state)
{
	char *dir = test_tmpdir();
	/* Neither a stray file nor a directory without ruleset.lua counts. */
	test_write(dir, "README.lua", "-- not a ruleset\n");
	test_mkdir(dir, "notes");
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb = NULL;
	assert_int_equal(bc_rulebook_load(dir, NULL, &rb, &d), BC_ERR_RULES);
	assert_non_null(rb);
	assert_int_equal(rb->n, 0);
	assert_true(test_diags_have(&d, "no ruleset here"));
	bc_rulebook_free(rb);
	bc_diags_free(&d);

	char *missing = test_path(dir, "absent");
	rb = NULL;
	assert_int_equal(bc_rulebook_load(missing, NULL, &rb, &d),
			 BC_ERR_RULES);
	assert_non_null(rb);
	assert_true(test_diags_have(&d, "absent"));
	free(missing);
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void broken_ruleset_reported(void **state)
{
	char *dir = test_tmpdir();
	test_link_source(dir, "cchc-1131", "rules/cchc-1131");
	test_mkdir(dir, "bad");
	char *sub = test_path(dir, "bad");
	test_write(sub, "ruleset.lua", "-- broken\nlocal x = 1\nlocal = 2\n");
	free(sub);
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb = NULL;
	assert_int_equal(bc_rulebook_load(dir, NULL, &rb, &d), BC_ERR_RULES);
	assert_true(test_diags_have(&d, "bad/ruleset.lua:3:"));
	/* The healthy ruleset still loaded. */
	assert_non_null(rb);
	assert_int_equal(rb->n, 1);
	assert_string_equal(rb->v[0]->id, "cchc-1131");
	assert_null(bc_rulebook_find(rb, "bad"));
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(governs_over_time),
		cmocka_unit_test(in_force_span),
		cmocka_unit_test(explicit_end_and_supersession),
		cmocka_unit_test(pair_checks_clean),
		cmocka_unit_test(cli_rules_check_passes),
		cmocka_unit_test(same_day_is_an_error),
		cmocka_unit_test(unknown_supersedes_warns),
		cmocka_unit_test(no_ruleset_is_an_error),
		cmocka_unit_test(broken_ruleset_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

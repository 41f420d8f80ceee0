/* SPDX-License-Identifier: MIT */
/*
 * A ruleset's deadlines: "+5wd after window", a unit deadline per kind or
 * level, the holiday{} and working_day{} they are counted on, the rules
 * directory's shared files (_common/) a ruleset includes, and `rules
 * check` naming the years whose holidays a count lacks.
 */
#include "test.h"

#include "mem.h"
#include "rulebook.h"
#include "ruleset.h"

/* Five lines, so that what follows starts on line 6. */
#define DIRECTIVE(id, from)                                                   \
	"directive {\n"                                                       \
	"  id = \"" id "\", title = \"T\", reference = \"1/T\",\n"            \
	"  in_force = { from = \"" from "\" },\n"                             \
	"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"       \
	"}\n"
/* Lines 6-10. */
#define KINDS                                                                 \
	"level { id = 'huyen', label = 'District level' }\n"                       \
	"level { id = 'xa', label = 'Commune level' }\n"                             \
	"unit_kind { id = 'department', label = 'Department', level = 'huyen' }\n" \
	"unit_kind { id = 'commune', label = 'Commune', level = 'xa' }\n"          \
	"unit_kind { id = 'town', label = 'Town', level = 'xa' }\n"
/* A period type on line 11 (its unit_due given), then 2026's Tết. */
#define PERIOD(unit_due)                                                      \
	"period_type { code = 'Q1', label = 'Q1 {year}',\n"                   \
	"  window = { from = '10/12/Y-1', to = '10/03/Y' },\n"                \
	"  unit_due = " unit_due ", compile_due = '+10wd after window' }\n"
#define TET_2026                                                              \
	"holiday { from = '2026-02-14', to = '2026-02-22', label = 'Lunar New Year' }\n"

static bc_date ymd(int y, int m, int d)
{
	return bc_date_from_ymd(y, m, d);
}

/* Loads ruleset t from one ruleset.lua. */
static bc_err load(const char *text, bc_ruleset **rs, bc_diags *d)
{
	bc_srcset src = BC_SRCSET_INIT;
	assert_int_equal(bc_srcset_add(&src, "ruleset.lua", text, strlen(text)),
			 BC_OK);
	*rs = NULL;
	return bc_ruleset_load("t", &src, NULL, rs, d);
}

static void expect_error(const char *text, const char *where, const char *what)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	bc_err rc = load(text, &rs, &d);
	if (rc != BC_ERR_RULES || !test_diags_at(&d, where, what)) {
		test_diags_print(&d);
		fail_msg("got %s, wanted an error at '%s' saying '%s'",
			 bc_strerror(rc), where, what);
	}
	assert_null(rs);
	bc_diags_free(&d);
}

static bc_ruleset *load_ok(const char *text, bc_diags *d)
{
	bc_ruleset *rs;
	bc_err rc = load(text, &rs, d);
	if (rc != BC_OK) {
		test_diags_print(d);
		fail_msg("%s", bc_strerror(rc));
	}
	return rs;
}

static void due_parse_and_text(void **state)
{
	bc_due d;
	char buf[BC_DUE_BUF];
	assert_true(bc_due_parse("+5wd after window", &d));
	assert_int_equal(d.workdays, 5);
	bc_due_text(&d, buf);
	assert_string_equal(buf, "+5wd after window");
	assert_true(bc_due_parse("+250wd after window", &d));
	assert_true(bc_due_parse("28/02/Y", &d));
	assert_int_equal(d.workdays, 0);
	assert_int_equal(d.day.day, 28);
	bc_due_text(&d, buf);
	assert_string_equal(buf, "28/02/Y");
	assert_true(bc_due_parse("10/12/Y-1", &d));
	bc_due_text(&d, buf);
	assert_string_equal(buf, "10/12/Y-1");
	static const char *const bad[] = {
		"+0wd after window", "+251wd after window", "+5 wd after window",
		"+5wd",		     "5wd after window",    "+5wd after windows",
		"+wd after window",  "+5d after window",    "",
		"+-5wd after window"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (bc_due_parse(bad[i], &d))
			fail_msg("'%s' read as a deadline", bad[i]);
	assert_false(bc_due_parse(NULL, &d));
}

static void unit_due_per_kind_and_level(void **state)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load_ok(
		DIRECTIVE("t", "2026-01-01") KINDS PERIOD(
			"{ default = '+5wd after window', "
			"level = { xa = '25/02/Y' }, "
			"kind = { town = '+2wd after window' } }") TET_2026,
		&d);
	const bc_period_type *pt = &rs->ptypes[0];
	assert_int_equal(pt->unit_due.workdays, 5);
	assert_int_equal(pt->n_unit_due_for, 2);
	/* Kinds first, whatever order Lua keeps its table in. */
	assert_string_equal(pt->unit_due_for[0].kind, "town");
	assert_null(pt->unit_due_for[0].level);
	assert_string_equal(pt->unit_due_for[1].level, "xa");
	/* A kind's own before its level's, its level's before the type's. */
	assert_ptr_equal(bc_period_type_unit_due(rs, pt, "town"),
			 &pt->unit_due_for[0].due);
	assert_ptr_equal(bc_period_type_unit_due(rs, pt, "commune"),
			 &pt->unit_due_for[1].due);
	assert_ptr_equal(bc_period_type_unit_due(rs, pt, "department"),
			 &pt->unit_due);
	assert_ptr_equal(bc_period_type_unit_due(rs, pt, NULL), &pt->unit_due);
	assert_ptr_equal(bc_period_type_unit_due(rs, pt, "unknown"),
			 &pt->unit_due);
	/* Counted on the ruleset's calendar: from Tue 10/03/2026, the
	 * weekend skipped. */
	bc_date at;
	assert_int_equal(bc_due_date(rs, &pt->unit_due, 2026, ymd(2026, 3, 10),
				     &at),
			 BC_DAY_WORKING);
	assert_int_equal(at, ymd(2026, 3, 17));
	assert_int_equal(bc_due_date(rs, &pt->unit_due_for[1].due, 2026,
				     ymd(2026, 3, 10), &at),
			 BC_DAY_WORKING);
	assert_int_equal(at, ymd(2026, 2, 25));
	/* 2027 has no holiday here: no count. */
	assert_int_equal(bc_due_date(rs, &pt->unit_due, 2027, ymd(2027, 3, 10),
				     &at),
			 BC_DAY_UNKNOWN);
	assert_int_equal(at, ymd(2027, 3, 11));
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* A ruleset's text, and the error it gives: where and what. */
typedef struct bad_case {
	const char *text, *where, *what;
} bad_case;

static void expect_errors(const bad_case *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect_error(v[i].text, v[i].where, v[i].what);
}

#define UNIT_DUE(x) DIRECTIVE("t", "2026-01-01") KINDS PERIOD(x)

static void unit_due_errors(void **state)
{
	static const bad_case v[] = {
		{UNIT_DUE("{ default = '28/02/Y', levle = {} }"),
		 "t/ruleset.lua:11", "unknown key 'levle'"},
		{UNIT_DUE("{ level = { xa = '25/02/Y' } }"), "t/ruleset.lua:11",
		 "'default' is required"},
		{UNIT_DUE("{ default = '28/02/Y', level = { xa = '+5 wd' } }"),
		 "t/ruleset.lua:11", "'xa' must read like"},
		{UNIT_DUE("{ default = '28/02/Y', level = 'xa' }"),
		 "t/ruleset.lua:11", "unit_due.level must be a table"},
		{UNIT_DUE("{ default = '28/02/Y', kind = { twon = '20/02/Y' } }"),
		 "t/ruleset.lua:11", "names no unit kind 'twon'"},
		{UNIT_DUE("{ default = '28/02/Y', level = { tinh = '20/02/Y' } }"),
		 "t/ruleset.lua:11", "names no level 'tinh'"},
		{UNIT_DUE("'+5wd after the window'"), "t/ruleset.lua:11",
		 "+5wd after window"},
		{UNIT_DUE("{ default = '28/02/Y', level = { xa = '01/12/Y-1' } }"),
		 "t/ruleset.lua:11", "unit deadline before the window"},
	};
	expect_errors(v, sizeof v / sizeof *v);
}

static void holidays_and_working_days(void **state)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load_ok(
		DIRECTIVE("t", "2026-01-01") KINDS
		PERIOD("'+5wd after window'")
		"holiday { date = '2026-04-27', label = 'Hung Kings' }\n"
		"holiday { from = '2026-08-29', to = '2026-09-02',"
		" label = 'National Day' }\n"
		"working_day { date = '2026-08-22', label = 'Worked' }\n",
		&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(rs->n_holidays, 2);
	assert_int_equal(rs->holidays[0].from, ymd(2026, 4, 27));
	assert_int_equal(rs->holidays[0].to, ymd(2026, 4, 27));
	assert_int_equal(rs->holidays[1].at.line, 15);
	assert_int_equal(rs->n_working_days, 1);
	const char *label;
	assert_int_equal(bc_workcal_day(&rs->cal, ymd(2026, 8, 22), &label),
			 BC_DAY_MAKEUP);
	assert_string_equal(label, "Worked");
	assert_int_equal(bc_workcal_day(&rs->cal, ymd(2026, 8, 31), &label),
			 BC_DAY_HOLIDAY);
	assert_string_equal(label, "National Day");
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static void holiday_errors(void **state)
{
	/* The registrations below start on line 14. */
#define CAL(x) UNIT_DUE("'28/02/Y'") x
	static const bad_case v[] = {
		{CAL("holiday { date = '2026-04-27' }\n"), "t/ruleset.lua:14",
		 "'label' is required"},
		{CAL("holiday { day = '2026-04-27', label = 'x' }\n"),
		 "t/ruleset.lua:14", "unknown key 'day'"},
		{CAL("holiday { date = '27/04/2026', label = 'x' }\n"),
		 "t/ruleset.lua:14", "must be a date YYYY-MM-DD"},
		{CAL("holiday { from = '2026-04-27', label = 'x' }\n"),
		 "t/ruleset.lua:14", "give its date, or from and to"},
		{CAL("holiday { date = '2026-04-27', from = '2026-04-27',"
		     " to = '2026-04-28', label = 'x' }\n"),
		 "t/ruleset.lua:14", "give its date, or from and to"},
		{CAL("holiday { from = '2026-04-28', to = '2026-04-27',"
		     " label = 'x' }\n"),
		 "t/ruleset.lua:14", "'to' is before 'from'"},
		{CAL("holiday { from = '2026-02-14', to = '2026-12-22',"
		     " label = 'x' }\n"),
		 "t/ruleset.lua:14", "longer than 31 days"},
		{CAL("holiday { date = '2026-04-27', label = 'x',"
		     " undecided = 'yes' }\n"),
		 "t/ruleset.lua:14", "undecided"},
		/* Overlapping: the later one, naming where the other is. */
		{CAL(TET_2026 "holiday { date = '2026-02-16', label = 'y' }\n"),
		 "t/ruleset.lua:15", "t/ruleset.lua:14"},
		{CAL("working_day { date = '2026-08-24', label = 'x' }\n"),
		 "t/ruleset.lua:14", "no Saturday or Sunday"},
		{CAL(TET_2026 "working_day { date = '2026-02-21', label = 'x' }\n"),
		 "t/ruleset.lua:15", "falls in a holiday"},
		{CAL("working_day { date = '2026-08-22', label = 'x' }\n"
		     "working_day { date = '2026-08-22', label = 'y' }\n"),
		 "t/ruleset.lua:15", "t/ruleset.lua:14"},
	};
#undef CAL
	expect_errors(v, sizeof v / sizeof *v);
}

/* A rules directory of one ruleset r (its ruleset.lua) and the shared
 * files given (name, text, …, NULL). */
static char *rules_dir(const char *ruleset, const char *const *shared)
{
	char *dir = test_tmpdir();
	test_mkdir(dir, "r");
	char *r = test_path(dir, "r");
	test_write(r, "ruleset.lua", ruleset);
	free(r);
	if (shared) {
		test_mkdir(dir, BC_SRC_COMMON);
		char *c = test_path(dir, BC_SRC_COMMON);
		for (; *shared; shared += 2)
			test_write(c, shared[0], shared[1]);
		free(c);
	}
	return dir;
}

static void shared_files_kept_when_included(void **state)
{
	static const char *const shared[] = {
		"holidays.lua", TET_2026,
		"unused.lua", "holiday { date = '2026-01-01', label = 'x' }\n",
		/* never a ruleset, whatever it holds */
		"ruleset.lua", DIRECTIVE("_common", "2020-01-01"),
		NULL};
	char *dir = rules_dir(DIRECTIVE("r", "2026-01-01") KINDS
			      PERIOD("'+5wd after window'")
			      "include '_common/holidays.lua'\n",
			      shared);
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb;
	assert_int_equal(bc_rulebook_load(dir, NULL, &rb, &d), BC_OK);
	assert_int_equal(rb->n, 1);
	const bc_ruleset *rs = rb->v[0];
	assert_string_equal(rs->id, "r");
	/* Its own file and the shared one it included: no other. */
	assert_int_equal(rs->src.n, 2);
	assert_non_null(bc_srcset_find(&rs->src, "_common/holidays.lua"));
	assert_null(bc_srcset_find(&rs->src, "_common/unused.lua"));
	char hash[BC_SHA256_HEX];
	bc_srcset_hash(&rs->src, hash);
	assert_string_equal(hash, rs->hash);
	assert_int_equal(rs->n_holidays, 1);
	/* Loaded again from what is kept (as from the database), the
	 * same version. */
	bc_srcset copy = BC_SRCSET_INIT;
	for (size_t i = 0; i < rs->src.n; i++)
		assert_int_equal(bc_srcset_add(&copy, rs->src.v[i].path,
					       rs->src.v[i].text,
					       rs->src.v[i].len),
				 BC_OK);
	bc_ruleset *again;
	assert_int_equal(bc_ruleset_load("r", &copy, NULL, &again, &d), BC_OK);
	assert_string_equal(again->hash, rs->hash);
	bc_ruleset_free(again);
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void include_stays_in_the_rules_directory(void **state)
{
	static const char *const shared[] = {"h.lua", TET_2026, NULL};
	static const char *const bad[][2] = {
		{"include '../r/ruleset.lua'\n", "not a path inside"},
		{"include '/etc/passwd'\n", "not a path inside"},
		{"include '_common/../../x.lua'\n", "not a path inside"},
		{"include '_common/none.lua'\n",
		 "no file '_common/none.lua' in the rules directory's shared"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char text[1024];
		snprintf(text, sizeof text, "%s%s",
			 DIRECTIVE("r", "2026-01-01"), bad[i][0]);
		char *dir = rules_dir(text, shared);
		bc_diags d = BC_DIAGS_INIT;
		bc_rulebook *rb;
		assert_int_equal(bc_rulebook_load(dir, NULL, &rb, &d),
				 BC_ERR_RULES);
		if (!test_diags_at(&d, "r/ruleset.lua:6", bad[i][1])) {
			test_diags_print(&d);
			fail_msg("%s: no error '%s'", bad[i][0], bad[i][1]);
		}
		bc_rulebook_free(rb);
		bc_diags_free(&d);
		test_rm_tree(dir);
		free(dir);
	}
}

static void own_common_folder_refused(void **state)
{
	char *dir = rules_dir(DIRECTIVE("r", "2026-01-01") PERIOD("'28/02/Y'"),
			      NULL);
	char *r = test_path(dir, "r");
	test_mkdir(r, BC_SRC_COMMON);
	char *c = test_path(r, BC_SRC_COMMON);
	test_write(c, "x.lua", TET_2026);
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb;
	assert_int_equal(bc_rulebook_load(dir, NULL, &rb, &d), BC_ERR_RULES);
	assert_true(test_diags_have(&d, "no folder _common of its own"));
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(r);
	free(c);
	free(dir);
}

/* rules check of a ruleset in force from 2025 whose holidays are those
 * of 2026 and an undecided Tết 2027: 2025 named, 2027's Tết warned of. */
static void check_names_years_without_holidays(void **state)
{
	char *dir = rules_dir(
		DIRECTIVE("r", "2025-01-01") KINDS
		"period_type { code = 'T1', label = 'T1 {year}',\n"
		"  window = { from = '11/01/Y', to = '10/02/Y' },\n"
		"  unit_due = '+5wd after window', compile_due = '20/02/Y' }\n"
		TET_2026
		"holiday { from = '2027-02-01', to = '2027-02-14',"
		" label = 'Lunar New Year 2027', undecided = true }\n",
		NULL);
	bc_diags d = BC_DIAGS_INIT;
	bc_rulebook *rb;
	assert_int_equal(bc_rulebook_load(dir, NULL, &rb, &d), BC_OK);
	bc_rulebook_check(rb, &d);
	if (!test_diags_at(&d, "r/ruleset.lua:11",
			   "in years whose holidays the rules do not "
			   "register (holiday{}): 2025") ||
	    !test_diags_at(&d, "r/ruleset.lua:11", "not yet decided")) {
		test_diags_print(&d);
		fail_msg("rules check did not name 2025 and the undecided 2027");
	}
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 1);
	bc_rulebook_free(rb);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(due_parse_and_text),
		cmocka_unit_test(unit_due_per_kind_and_level),
		cmocka_unit_test(unit_due_errors),
		cmocka_unit_test(holidays_and_working_days),
		cmocka_unit_test(holiday_errors),
		cmocka_unit_test(shared_files_kept_when_included),
		cmocka_unit_test(include_stays_in_the_rules_directory),
		cmocka_unit_test(own_common_folder_refused),
		cmocka_unit_test(check_names_years_without_holidays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

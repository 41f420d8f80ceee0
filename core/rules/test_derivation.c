/* SPDX-License-Identifier: MIT */
/*
 * Derived period types: the expression read, expanded to the types that
 * store reports, the windows they make (shared cut-off days and
 * abutting windows), and every mistake reported at its file:line when
 * the rules load.
 */
#include "test.h"

#include "date.h"
#include "derivation.h"
#include "ruleset.h"
#include "srcset.h"

static bc_date ymd(int y, int m, int d)
{
	return bc_date_from_ymd(y, m, d);
}

/* ---- the expression ------------------------------------------------------ */

static void parse_reads_terms(void **state)
{
	bc_dcode code[BC_DERIVED_MAX];
	int sign[BC_DERIVED_MAX];
	size_t n, at;
	assert_int_equal(bc_derivation_parse("H1 - Q1", code, sign, &n, &at),
			 BC_DPARSE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(code[0], "H1");
	assert_int_equal(sign[0], 1);
	assert_string_equal(code[1], "Q1");
	assert_int_equal(sign[1], -1);
	/* The minus sign of documents, no spaces, a plus. */
	assert_int_equal(bc_derivation_parse("Y\u2212H1 \u2212 Q3+M9", code,
					     sign, &n, &at),
			 BC_DPARSE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(code[2], "Q3");
	assert_int_equal(sign[2], -1);
	assert_string_equal(code[3], "M9");
	assert_int_equal(sign[3], 1);
	assert_int_equal(bc_derivation_parse("  Y  ", code, sign, &n, &at),
			 BC_DPARSE_OK);
	assert_int_equal(n, 1);
}

static void parse_refuses(void **state)
{
	static const struct {
		const char *text;
		bc_dparse rc;
		size_t at;
	} bad[] = {
		{"", BC_DPARSE_EMPTY, 0},
		{"   ", BC_DPARSE_EMPTY, 3},
		{"- Q1", BC_DPARSE_SIGN_FIRST, 0},
		{"H1 -", BC_DPARSE_SIGN_LAST, 4},
		{"H1 - - Q1", BC_DPARSE_SIGN_LAST, 5},
		{"H1 Q1", BC_DPARSE_NO_SIGN, 3},
		{"H1 * Q1", BC_DPARSE_CHAR, 3},
		{"H1 - Q1)", BC_DPARSE_CHAR, 7},
		{"H1 - ABCDEFGHIJKLMNOP", BC_DPARSE_LONG, 5},
		{"A+A+A+A+A+A+A+A+A+A+A+A+A+A+A+A+A", BC_DPARSE_TOO_MANY, 32},
	};
	bc_dcode code[BC_DERIVED_MAX];
	int sign[BC_DERIVED_MAX];
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t n, at;
		bc_dparse rc = bc_derivation_parse(bad[i].text, code, sign, &n,
						   &at);
		if (rc != bad[i].rc || at != bad[i].at)
			fail_msg("\"%s\": %d at %zu, want %d at %zu",
				 bad[i].text, (int)rc, at, (int)bad[i].rc,
				 bad[i].at);
	}
}

/* ---- windows ---------------------------------------------------------------- */

/* cchc-1131's windows of 2023: cumulative from 10/12 of the year before,
 * each sharing its cut-off day with the next. */
#define Q1 {ymd(2022, 12, 10), ymd(2023, 3, 10), 1}
#define H1 {ymd(2022, 12, 10), ymd(2023, 6, 10), 1}
#define Q3 {ymd(2023, 6, 10), ymd(2023, 9, 10), 1}
#define Y {ymd(2022, 12, 10), ymd(2023, 12, 10), 1}

static bc_dspan neg(bc_dspan s)
{
	s.coef = -s.coef;
	return s;
}

static void window_of(const bc_dspan *v, size_t n, bool abut, bc_date from,
		      bc_date to)
{
	bc_date f, t;
	bc_dspan bad;
	assert_true(bc_derivation_window(v, n, abut, &f, &t, &bad));
	assert_int_equal(f, from);
	assert_int_equal(t, to);
}

static void windows_shared_cutoffs(void **state)
{
	/* Q2 alone = H1 - Q1: 10/03 to 10/06, sharing Q1's last day as Q3
	 * shares H1's. */
	bc_dspan q2[] = {H1, neg((bc_dspan)Q1)};
	window_of(q2, 2, false, ymd(2023, 3, 10), ymd(2023, 6, 10));
	/* Nine months = H1 + Q3. */
	bc_dspan m9[] = {H1, Q3};
	window_of(m9, 2, false, ymd(2022, 12, 10), ymd(2023, 9, 10));
	/* Q4 alone = Y - H1 - Q3. */
	bc_dspan q4[] = {Y, neg((bc_dspan)H1), neg((bc_dspan)Q3)};
	window_of(q4, 3, false, ymd(2023, 9, 10), ymd(2023, 12, 10));
}

static void windows_abutting(void **state)
{
	/* Calendar quarters: the next begins the day after. */
	bc_dspan q2[] = {{ymd(2023, 1, 1), ymd(2023, 6, 30), 1},
			 {ymd(2023, 1, 1), ymd(2023, 3, 31), -1}};
	window_of(q2, 2, true, ymd(2023, 4, 1), ymd(2023, 6, 30));
	bc_dspan m9[] = {{ymd(2023, 1, 1), ymd(2023, 6, 30), 1},
			 {ymd(2023, 7, 1), ymd(2023, 9, 30), 1}};
	window_of(m9, 2, true, ymd(2023, 1, 1), ymd(2023, 9, 30));
}

static void window_bad(const bc_dspan *v, size_t n, bc_date from, bc_date to,
		       int coef)
{
	bc_date f, t;
	bc_dspan bad;
	assert_false(bc_derivation_window(v, n, false, &f, &t, &bad));
	assert_int_equal(bad.from, from);
	assert_int_equal(bad.to, to);
	assert_int_equal(bad.coef, coef);
}

static void windows_that_do_not_add_up(void **state)
{
	/* Q1 counted twice. */
	bc_dspan twice[] = {H1, Q1};
	window_bad(twice, 2, ymd(2022, 12, 10), ymd(2023, 3, 10), 2);
	/* More taken away than there is. */
	bc_dspan below[] = {Q1, neg((bc_dspan)H1)};
	window_bad(below, 2, ymd(2023, 3, 10), ymd(2023, 6, 10), -1);
	/* Two windows with the third quarter between them left out. */
	bc_dspan gap[] = {Y, neg((bc_dspan)Q3)};
	window_bad(gap, 2, ymd(2023, 6, 10), ymd(2023, 9, 10), 0);
	/* Windows that cancel out leave nothing. */
	bc_dspan none[] = {Q1, neg((bc_dspan)Q1)};
	bc_date f, t;
	bc_dspan bad;
	assert_false(bc_derivation_window(none, 2, false, &f, &t, &bad));
	assert_int_equal(bad.coef, 0);
}

/* ---- rules ---------------------------------------------------------------- */

#define DIRECTIVE                                                             \
	"directive {\n"                                                       \
	"  id = \"t\", title = \"T\", reference = \"1/T\",\n"                 \
	"  in_force = { from = \"2022-01-01\" },\n"                           \
	"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"       \
	"}\n"
/* One line each, from line 6 on. */
#define TYPE(code, from, to, due)                                             \
	"period_type { code = \"" code "\", label = \"" code " {year}\","     \
	" window = { from = \"" from "\", to = \"" to "\" }, unit_due = \""  \
	due "\", compile_due = \"" due "\" }\n"
#define CCHC_TYPES                                                            \
	TYPE("Q1", "10/12/Y-1", "10/03/Y", "28/02/Y")                         \
	TYPE("H1", "10/12/Y-1", "10/06/Y", "28/05/Y")                         \
	TYPE("Q3", "10/06/Y", "10/09/Y", "28/08/Y")                           \
	TYPE("Y", "10/12/Y-1", "10/12/Y", "28/11/Y")                          \
	"period_type { code = \"DX\", label = \"DX {n}\", adhoc = true }\n"
#define DERIVED(code, expr)                                                   \
	"period_type { code = \"" code "\", label = \"" code " {year}\","     \
	" derived = \"" expr "\" }\n"

static bc_err load(const char *text, bc_ruleset **rs, bc_diags *d)
{
	bc_srcset src = BC_SRCSET_INIT;
	assert_int_equal(bc_srcset_add(&src, "ruleset.lua", text, strlen(text)),
			 BC_OK);
	*rs = NULL;
	return bc_ruleset_load("t", &src, NULL, rs, d);
}

static const bc_period_type *type_of(const bc_ruleset *rs, const char *code)
{
	const bc_period_type *p = bc_ruleset_find(rs, BC_REG_PERIOD_TYPE, code);
	assert_non_null(p);
	return p;
}

static void dayrule_is(bc_dayrule r, int day, int month, int off)
{
	assert_int_equal(r.day, day);
	assert_int_equal(r.month, month);
	assert_int_equal(r.year_offset, off);
}

static void rules_derive_and_nest(void **state)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	/* Q4 names M9, declared after it. */
	bc_err rc = load(DIRECTIVE CCHC_TYPES DERIVED("Q2", "H1 - Q1")
				 DERIVED("Q4", "Y - M9")
					 DERIVED("M9", "H1 + Q3"),
			 &rs, &d);
	if (rc != BC_OK)
		test_diags_print(&d);
	assert_int_equal(rc, BC_OK);
	assert_int_equal(d.errors, 0);
	const bc_period_type *q2 = type_of(rs, "Q2"), *q4 = type_of(rs, "Q4");
	assert_string_equal(q2->derived, "H1 - Q1");
	assert_int_equal(q2->n_terms, 2);
	assert_false(q2->adhoc);
	/* The window its parts make; the day rules of its latest part. */
	dayrule_is(q2->from, 10, 3, 0);
	dayrule_is(q2->to, 10, 6, 0);
	dayrule_is(q2->unit_due.day, 28, 5, 0);
	dayrule_is(q4->from, 10, 9, 0);
	dayrule_is(q4->to, 10, 12, 0);
	/* Q4 expands to Y - H1 - Q3. */
	bc_dpart v[BC_DERIVED_MAX];
	size_t n;
	const char *culprit;
	assert_int_equal(bc_derivation_expand(rs, q4, v, &n, &culprit),
			 BC_DEXPAND_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].type->code, "Y");
	assert_int_equal(v[0].coef, 1);
	assert_string_equal(v[1].type->code, "H1");
	assert_int_equal(v[1].coef, -1);
	assert_string_equal(v[2].type->code, "Q3");
	assert_int_equal(v[2].coef, -1);
	/* The shipped kind of windows share their cut-off day. */
	assert_false(bc_derivation_abut(rs));
	/* A period of the type is governed by its latest part's end. */
	int no;
	assert_ptr_equal(bc_ruleset_period_type(rs, "Q2", &no), q2);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static void rules_abutting_windows(void **state)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	assert_int_equal(load(DIRECTIVE TYPE("Q1", "01/01/Y", "31/03/Y", "05/04/Y")
				      TYPE("H1", "01/01/Y", "30/06/Y", "05/07/Y")
					      TYPE("Q3", "01/07/Y", "30/09/Y",
						   "05/10/Y")
						      DERIVED("Q2", "H1 - Q1"),
			      &rs, &d),
			 BC_OK);
	assert_true(bc_derivation_abut(rs));
	dayrule_is(type_of(rs, "Q2")->from, 1, 4, 0);
	dayrule_is(type_of(rs, "Q2")->to, 30, 6, 0);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* Loading fails with an error at t/ruleset.lua:line saying what. */
static void refused(const char *text, int line, const char *what)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	char where[64];
	snprintf(where, sizeof where, "t/ruleset.lua:%d:", line);
	if (load(text, &rs, &d) != BC_ERR_RULES || !test_diags_at(&d, where, what)) {
		test_diags_print(&d);
		fail_msg("wanted an error at %s saying '%s'", where, what);
	}
	assert_null(rs);
	bc_diags_free(&d);
}

static void rules_refuse_mistakes(void **state)
{
	/* Line 11 is the first after the five types of CCHC_TYPES. */
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "H1 - Q5"), 11,
		"names Q5, which is no period type");
	/* A code no period code can name ("2023-Q2A" reads as none). */
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2A", "H1 - Q1"), 11,
		"code 'Q2A' would name no period");
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "H1 - DX"), 11,
		"names the ad-hoc type DX");
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "H1 - Q2"), 11,
		"comes back to Q2");
	refused(DIRECTIVE CCHC_TYPES DERIVED("A", "H1 - B") DERIVED("B", "Q1 + A"),
		11, "comes back to A");
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "H1 + Q1"), 11,
		"10/12/2022 – 10/03/2023 is counted 2 times");
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "Q1 - H1"), 11,
		"10/03/2023 – 10/06/2023 is counted -1 times");
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "Y - Q3"), 11,
		"10/06/2023 – 10/09/2023 is left out");
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "H1 - H1"), 11,
		"cancel out");
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "H1 * Q1"), 11,
		"'* Q1' is no period type, + or -");
	refused(DIRECTIVE CCHC_TYPES DERIVED("Q2", "-Q1"), 11,
		"begins with a sign");
	refused(DIRECTIVE CCHC_TYPES
		"period_type { code = \"Q2\", label = \"x\", derived = \"H1 - Q1\","
		" window = { from = \"10/03/Y\", to = \"10/06/Y\" } }\n",
		11, "'window' is not given with 'derived'");
	refused(DIRECTIVE CCHC_TYPES
		"period_type { code = \"Q2\", label = \"x\", derived = \"H1 - Q1\","
		" unit_due = \"28/05/Y\" }\n",
		11, "'unit_due' is not given with 'derived'");
	refused(DIRECTIVE CCHC_TYPES
		"period_type { code = \"Q2\", label = \"x\", derived = 3 }\n",
		11, "derived");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_reads_terms),
		cmocka_unit_test(parse_refuses),
		cmocka_unit_test(windows_shared_cutoffs),
		cmocka_unit_test(windows_abutting),
		cmocka_unit_test(windows_that_do_not_add_up),
		cmocka_unit_test(rules_derive_and_nest),
		cmocka_unit_test(rules_abutting_windows),
		cmocka_unit_test(rules_refuse_mistakes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */

#define READER bc_csv_read_submissions
#define FILE_NAME "sub.csv"
#define HEADER "unit,period,form,field,value\n"

#include "csv_read.h"
#include "test_submission.h"

#include <time.h>


static bool has_form(const bc_submission *s, const char *form)
{
	for (size_t i = 0; i < s->n_forms; i++)
		if (!strcmp(s->forms[i], form))
			return true;
	return false;
}

/* ---- good files ---------------------------------------------------------- */

/* A good file of three submissions, tests/data/submission-good.csv: its
 * line numbers are the ones checked below; its Vietnamese texts are in
 * tests/data/csv-read-samples.txt. */
static bc_err read_good(fx *f)
{
	char *good = test_fixture_read("submission-good.csv");
	bc_err rc = sub_read(f, good);
	free(good);
	return rc;
}
                    /* 18 */

static void grouped_by_unit_and_period(void **state)
{
	fx f = {0};
	if (read_good(&f) != BC_OK) {
		test_diags_print(&f.d);
		fail_msg("refused");
	}
	assert_int_equal(f.d.n, 0);
	/* In order of first appearance. */
	assert_int_equal(f.subs.n, 3);
	const bc_submission *a = &f.subs.v[0], *b = &f.subs.v[1],
			    *c = &f.subs.v[2];
	want_attr(&a->unit, "xa-a", 2);
	want_attr(&a->period, "2023-Q1", 2);
	assert_int_equal(a->line, 2);
	want_attr(&b->unit, "xa-b", 3);
	want_attr(&b->period, "2023-Q1", 3);
	assert_int_equal(b->line, 3);
	want_attr(&c->unit, "xa-b", 16);
	want_attr(&c->period, "2023-Q3", 16);
	assert_int_equal(c->line, 16);
	for (size_t i = 0; i < f.subs.n; i++)
		assert_string_equal(f.subs.v[i].file, FILE_NAME);

	/* Values land in their own submission. */
	assert_int_equal(a->n, 7);
	assert_int_equal(b->n, 2);
	assert_int_equal(c->n, 1);
	want_value(b, "bm3", "hs_tiep_nhan", 0, NULL, BC_RAW_TEXT, "5", 3);
	want_value(b, "bm1", "kinh_phi_cchc", 0, NULL, BC_RAW_TEXT, "12.50",
		   18);
	want_value(c, "bm1", "vb_chi_dao", 0, NULL, BC_RAW_TEXT, "1", 16);
	done(&f);
}

/* A period code is one period in either case: a file that writes it
 * both ways holds one submission per unit. */
static void period_in_either_case(void **state)
{
	fx f = {0};
	if (sub_read(&f, HEADER
		     "xa-a,2023-q1,_meta,signer_name,A\n"
		     "xa-a,2023-Q1,bm3,hs_tiep_nhan,5\n"
		     "xa-a,2023-q1,bm3,hs_qua_han,1\n") != BC_OK) {
		test_diags_print(&f.d);
		fail_msg("refused");
	}
	assert_int_equal(f.subs.n, 1);
	want_attr(&f.subs.v[0].period, "2023-q1", 2);
	assert_int_equal(f.subs.v[0].n, 2);
	done(&f);
}

static void meta_fields(void **state)
{
	fx f = {0};
	assert_int_equal(read_good(&f), BC_OK);
	const bc_submission *a = &f.subs.v[0], *b = &f.subs.v[1];
	test_texts *tx = test_texts_load("csv-read-samples.txt");
	want_attr(&a->signer_name, test_texts_get(tx, "good_signer_name"), 2);
	want_attr(&a->signer_title, test_texts_get(tx, "good_signer_title"), 4);
	test_texts_free(tx);
	want_attr(&a->signed_date, "2023-02-25", 5);
	want_attr(&a->received_at, "2023-02-26T09:30:00+07:00", 6);
	want_attr(&a->channel, "zalo", 7);
	want_attr(&a->estimated, "1", 8);
	/* _meta is no form and holds no value. */
	assert_false(has_form(a, BC_FORM_META));
	for (size_t i = 0; i < a->n; i++)
		assert_string_not_equal(a->v[i].form, BC_FORM_META);
	/* Another unit's signer is its own. */
	assert_null(b->signer_name.text);
	assert_null(b->estimated.text);
	done(&f);
}

static void values_cells_and_sections(void **state)
{
	fx f = {0};
	assert_int_equal(read_good(&f), BC_OK);
	const bc_submission *a = &f.subs.v[0];
	test_texts *tx = test_texts_load("csv-read-samples.txt");
	want_value(a, "bm3", "hs_tiep_nhan", 0, NULL, BC_RAW_TEXT, "120", 9);
	/* Empty is not reported, not zero. */
	want_value(a, "bm3", "hs_qua_han", 0, NULL, BC_RAW_NULL, NULL, 10);
	want_value(a, "pl1b", "van_ban", 2, "ngay", BC_RAW_TEXT, "2023-01-10",
		   11);
	want_value(a, "pl1b", "van_ban", 1, "so_ky_hieu", BC_RAW_TEXT,
		   "12/KH-UBND", 12);
	want_value(a, "pl1a", "nhiem_vu", 0, NULL, BC_RAW_EMPTY, "[]", 13);
	/* Quoted commas, line breaks and quotes in report text; the row
	 * after it keeps its true line. */
	want_value(a, "report", "A.I.1", 0, NULL, BC_RAW_TEXT,
		   test_texts_get(tx, "good_report_a1"), 14);
	want_value(a, "report", "A.II", 0, NULL, BC_RAW_TEXT,
		   test_texts_get(tx, "good_report_a2"), 17);
	test_texts_free(tx);
	/* Forms named, the report not among them. */
	assert_int_equal(a->n_forms, 3);
	assert_true(has_form(a, "bm3"));
	assert_true(has_form(a, "pl1b"));
	assert_true(has_form(a, "pl1a"));
	assert_false(has_form(a, "report"));
	done(&f);
}

static void bom_and_crlf(void **state)
{
	fx f = {0};
	test_texts *tx = test_texts_load("csv-read-samples.txt");
	bc_err rc = sub_read(&f, test_texts_get(tx, "bom_crlf"));
	if (rc != BC_OK) {
		test_diags_print(&f.d);
		fail_msg("a BOM is refused");
	}
	assert_int_equal(f.subs.n, 1);
	want_attr(&f.subs.v[0].unit, "xa-a", 2);
	want_value(&f.subs.v[0], "bm3", "hs_tiep_nhan", 0, NULL, BC_RAW_TEXT,
		   "120", 2);
	want_attr(&f.subs.v[0].signer_name, test_texts_get(tx, "bom_crlf_signer"),
		  3);
	test_texts_free(tx);
	done(&f);
}

/* ---- refused ----------------------------------------------------------- */

static void bad_header(void **state)
{
	refused("unit,period,form,field,val\n"
		"xa-a,2023-Q1,bm3,hs_tiep_nhan,1\n",
		1, "the header must be unit,period,form,field,value");
	refused("unit,period,form,field\n"
		"xa-a,2023-Q1,bm3,hs_tiep_nhan\n",
		1, "no 'value' column");
	refused("unit,period,form,field,value,value\n", 1, "the header must");
	refused("", 1, "no header");
}

static void wrong_field_count(void **state)
{
	refused(HEADER "xa-a,2023-Q1,bm3,hs_tiep_nhan,1\n"
		       "xa-a,2023-Q1,bm3,hs_qua_han\n",
		3, "4 fields where the header has 5");
	refused(HEADER "xa-a,2023-Q1,bm3,hs_tiep_nhan,1,2\n", 2,
		"6 fields where the header has 5");
	/* A value with an unquoted comma is one field too many. */
	test_texts *tx = test_texts_load("csv-read-samples.txt");
	refused(test_texts_get(tx, "unquoted_comma"), 2, "6 fields");
	test_texts_free(tx);
}

static void malformed_cell(void **state)
{
	const char *bad[] = {"van_ban[0].ngay", "van_ban[x].ngay",
			     "van_ban[1]",      "van_ban[1].",
			     "[1].ngay",        "van_ban[1]ngay",
			     "van_ban[-1].ngay", "van_ban[1.ngay"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char text[256], what[128];
		snprintf(text, sizeof text,
			 HEADER "xa-a,2023-Q1,pl1b,van_ban[1].loai,khac\n"
				"xa-a,2023-Q1,pl1b,%s,2023-01-10\n",
			 bad[i]);
		snprintf(what, sizeof what, "pl1b.%s: a table cell is written",
			 bad[i]);
		refused(text, 3, what);
	}
}

/* The most rows a table may have is one limit, the same as the JSON
 * reader's tables meet in validation and the Excel reader's map. */
static void row_past_the_most(void **state)
{
	refused(HEADER "xa-a,2023-Q1,pl1b,van_ban[10000].ngay,2023-01-10\n"
		       "xa-a,2023-Q1,pl1b,van_ban[10001].ngay,2023-01-10\n",
		3, "pl1b.van_ban: more than 10000 rows");
	refused(HEADER "xa-a,2023-Q1,pl1b,van_ban[99999999999].ngay,x\n", 2,
		"pl1b.van_ban: more than 10000 rows");
}

static void meta_twice(void **state)
{
	refused(HEADER "xa-a,2023-Q1,_meta,signer_name,A\n"
		       "xa-a,2023-Q1,bm3,hs_tiep_nhan,1\n"
		       "xa-a,2023-Q1,_meta,signer_name,B\n",
		4, "_meta.signer_name: given twice (first on line 2)");
}

static void unknown_meta(void **state)
{
	refused(HEADER "xa-a,2023-Q1,_meta,signer,A\n", 2,
		"_meta.signer: unknown");
}

static void invalid_utf8(void **state)
{
	test_texts *tx = test_texts_load("csv-read-samples.txt");
	refused(test_texts_get(tx, "bad_utf8"), 3, "not UTF-8");
	test_texts_free(tx);
}

static void malformed_quotes(void **state)
{
	test_texts *tx = test_texts_load("csv-read-samples.txt");
	refused(test_texts_get(tx, "unclosed_quote"), 2, "malformed CSV");
	test_texts_free(tx);
}

/* All of a file's problems, each at its line. */
static void every_problem_listed(void **state)
{
	fx f = {0};
	bc_err rc = sub_read(&f, HEADER "xa-a,2023-Q1,_meta,ky,A\n"
				     "xa-a,2023-Q1,bm3\n"
				     "xa-a,2023-Q1,pl1b,van_ban[0].ngay,x\n"
				     "xa-a,2023-Q1,bm3,hs_tiep_nhan,1\n");
	assert_int_equal(rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f.d, FILE_NAME ":2: _meta.ky: unknown"));
	assert_true(test_diags_have(&f.d, FILE_NAME ":3: 3 fields"));
	assert_true(test_diags_have(&f.d, FILE_NAME ":4: pl1b.van_ban[0].ngay"));
	assert_int_equal(f.d.errors, 3);
	done(&f);
}

/* A CSV of n one-row units (the caller frees it). */
static char *units_csv(size_t n)
{
	size_t cap = 64 + n * 48, o = 0;
	char *t = malloc(cap);
	assert_non_null(t);
	o += (size_t)snprintf(t, cap, HEADER);
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(t + o, cap - o,
				      "x-%06zu,2023-Q1,bm1,vb_chi_dao,%zu\n", i,
				      i % 7);
	return t;
}

/* CPU seconds of this process to read text once: its own time, which
 * others on a busy machine do not lengthen, to the nanosecond (user
 * time from getrusage is sampled at the clock tick, coarser than a
 * small read). */
static double read_seconds(const char *text)
{
	struct timespec t0, t1;
	fx f = {0};
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	assert_int_equal(sub_read(&f, text), BC_OK);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	done(&f);
	return (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* The best of five reads of each text, taken in turn, so that both see
 * the machine as it is (a busy neighbour slows one as much as the
 * other). */
static void best_seconds(const char *one, const char *two, double *t1,
			 double *t2)
{
	*t1 = *t2 = 1e9;
	for (int k = 0; k < 5; k++) {
		double a = read_seconds(one), b = read_seconds(two);
		*t1 = a < *t1 ? a : *t1;
		*t2 = b < *t2 ? b : *t2;
	}
}

/* Each row finds its unit's submission by hash, not by a walk over
 * those before it: four times the units cost six to eight times the
 * time here (memory no longer in the cache), the walk sixteen times and
 * more (80 000 units a minute).  The bound sits between. */
static void many_units_in_linear_time(void **state)
{
	enum { N = 10000 };
	char *one = units_csv(N), *two = units_csv(4 * N);
	fx f = {0};
	assert_int_equal(sub_read(&f, two), BC_OK);
	assert_int_equal(f.subs.n, 4 * N);
	want_attr(&f.subs.v[4 * N - 1].unit, "x-039999", 4 * N + 1);
	want_value(&f.subs.v[7], "bm1", "vb_chi_dao", 0, NULL, BC_RAW_TEXT,
		   "0", 9);
	done(&f);
	double t1, t2;
	best_seconds(one, two, &t1, &t2);
	if (t2 > 12 * t1 + 0.01)
		fail_msg("%d units read in %.3f s, %d in %.3f s: not linear", N,
			 t1, 4 * N, t2);
	free(one);
	free(two);
}

/* Past BC_READ_MAX_SUBMISSIONS, reading stops with what to do. */
static void too_many_submissions(void **state)
{
	char *t = units_csv(BC_READ_MAX_SUBMISSIONS + 1);
	fx f = {0};
	assert_int_equal(sub_read(&f, t), BC_ERR_INVALID);
	assert_true(f.subs.n <= BC_READ_MAX_SUBMISSIONS);
	char want[128];
	snprintf(want, sizeof want, FILE_NAME ":%d: more than %d submissions",
		 BC_READ_MAX_SUBMISSIONS + 2, BC_READ_MAX_SUBMISSIONS);
	assert_true(test_diags_have(&f.d, want));
	assert_true(test_diags_have(&f.d, "split it"));
	done(&f);
	free(t);
}

/* The same mistake on a thousand lines: every one counted, a few kept,
 * and shown once with the count of the others. */
static void repeated_problem_counted(void **state)
{
	enum { N = 1000 };
	char *t = malloc(64 + N * 40);
	assert_non_null(t);
	size_t o = (size_t)sprintf(t, HEADER);
	for (int i = 0; i < N; i++)
		o += (size_t)sprintf(t + o, "xa-a,2023-Q1,pl1b,van_ban[0].ngay,x\n");
	fx f = {0};
	assert_int_equal(sub_read(&f, t), BC_ERR_INVALID);
	assert_int_equal(f.d.errors, N);
	assert_int_equal(f.d.n, BC_DIAGS_ALIKE);
	bc_diags_fold(&f.d);
	assert_int_equal(f.d.n, 1);
	assert_int_equal(f.d.v[0].more, N - 1);
	char *s = bc_diag_format(&f.d.v[0]);
	assert_non_null(s);
	assert_non_null(strstr(s, FILE_NAME ":2: pl1b.van_ban[0].ngay: "));
	assert_non_null(strstr(s, "(and 999 more lines like it)"));
	bc_free(s);
	done(&f);
	free(t);
}

/* A few alike problems are each listed; so is every different one. */
static void few_problems_each_listed(void **state)
{
	fx f = {0};
	assert_int_equal(sub_read(&f, HEADER
				  "xa-a,2023-Q1,pl1b,van_ban[0].ngay,x\n"
				  "xa-a,2023-Q1,pl1b,van_ban[0].so,x\n"
				  "xa-a,2023-Q1,pl1b,van_ban[0].ngay,y\n"),
			 BC_ERR_INVALID);
	bc_diags_fold(&f.d);
	assert_int_equal(f.d.n, 3);
	assert_false(test_diags_have(&f.d, "more lines like it"));
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grouped_by_unit_and_period),
		cmocka_unit_test(period_in_either_case),
		cmocka_unit_test(meta_fields),
		cmocka_unit_test(values_cells_and_sections),
		cmocka_unit_test(bom_and_crlf),
		cmocka_unit_test(bad_header),
		cmocka_unit_test(wrong_field_count),
		cmocka_unit_test(malformed_cell),
		cmocka_unit_test(row_past_the_most),
		cmocka_unit_test(meta_twice),
		cmocka_unit_test(unknown_meta),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(malformed_quotes),
		cmocka_unit_test(every_problem_listed),
		cmocka_unit_test(many_units_in_linear_time),
		cmocka_unit_test(too_many_submissions),
		cmocka_unit_test(repeated_problem_counted),
		cmocka_unit_test(few_problems_each_listed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

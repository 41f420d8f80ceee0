/* SPDX-License-Identifier: MIT */
/*
 * The aggregate's arithmetic without storage: revisions handed to the
 * tally value by value, figures read back.  test_aggregate checks the
 * same through the store and the shipped rules; here the corners: values
 * in any order, fields the form lacks, units missing a term of a ratio,
 * rows meeting some conditions but not all, counts in byte order, and a
 * unit counted in its group and in the whole.
 */
#include "test.h"

#include "ruleset.h"
#include "srcset.h"
#include "tally.h"

/* The ruleset is tests/data/tally-ruleset.lua: form f with fields a, b,
 * ngay, ds (a table: ten, loai, tt) and m, indicators ty_le and xong_p;
 * levels huyen and xa. */


static bc_ruleset *load(void)
{
	bc_srcset src = BC_SRCSET_INIT;
	char *rules = test_fixture_read("tally-ruleset.lua");
	assert_int_equal(bc_srcset_add(&src, "ruleset.lua", rules, strlen(rules)),
			 BC_OK);
	free(rules);
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	bc_err rc = bc_ruleset_load("t", &src, NULL, &rs, &d);
	if (rc != BC_OK)
		test_diags_print(&d);
	assert_int_equal(rc, BC_OK);
	bc_diags_free(&d);
	return rs;
}

enum { F = 0, A = 0, B = 1, NGAY = 2, DS = 3, M = 4, HUYEN = 0, XA = 1 };
enum { TY_LE = 0, XONG_P = 1 };

static void cell(bc_tally *t, int row, const char *col, const char *txt)
{
	assert_int_equal(bc_tally_value(t, "ds", row, col, NULL, txt), BC_OK);
}

static void own_text(bc_tally *t, const char *field, const char *v)
{
	bc_dec d;
	assert_int_equal(bc_dec_parse(v, false, &d), BC_DEC_OK);
	assert_int_equal(bc_tally_value(t, field, 0, "", &d, NULL), BC_OK);
}

static void own(bc_tally *t, const char *field, int64_t v)
{
	bc_dec d = bc_dec_int(v);
	assert_int_equal(bc_tally_value(t, field, 0, "", &d, NULL), BC_OK);
}

static void expect_text(bc_dec d, const char *want)
{
	char buf[BC_DEC_BUF];
	bc_dec_text(d, buf);
	assert_string_equal(buf, want);
}

static void expect_sum(const bc_tally *t, size_t g, int field, int level,
		       const char *want)
{
	bc_dec v;
	assert_int_equal(bc_tally_sum(t, g, F, (size_t)field, (size_t)level, &v),
			 1);
	expect_text(v, want);
}

static void sums_per_level_and_group(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *t = bc_tally_new(rs, 2);
	assert_non_null(t);
	/* Group 1: a commune (b before a: any order) and a department;
	 * group 2: a commune without b; a commune in no group. */
	bc_tally_begin(t, F, XA, 1);
	own(t, "b", 3);
	own(t, "a", 7);
	own(t, "khong_co", 99); /* not a field of the form: ignored */
	bc_tally_begin(t, F, HUYEN, 1);
	own(t, "a", 10);
	own(t, "b", 0);
	bc_tally_begin(t, F, XA, 2);
	own(t, "a", 1);
	bc_tally_begin(t, F, XA, 0);
	own(t, "a", 100);
	own(t, "ngay", 45000); /* a date: never summed */
	bc_tally_end(t);

	expect_sum(t, 0, A, XA, "108"); /* 7 + 1 + 100 */
	expect_sum(t, 0, A, HUYEN, "10");
	expect_sum(t, 0, B, XA, "3");
	expect_sum(t, 0, B, HUYEN, "0"); /* reported as 0: not null */
	expect_sum(t, 1, A, XA, "7");
	expect_sum(t, 2, A, XA, "1");
	bc_dec v;
	assert_false(bc_tally_sum(t, 2, F, B, XA, &v)); /* nobody there */
	assert_false(bc_tally_sum(t, 2, F, A, HUYEN, &v));
	assert_false(bc_tally_sum(t, 0, F, NGAY, XA, &v));
	/* out of range is "nothing", not a crash */
	assert_false(bc_tally_sum(t, 3, F, A, XA, &v));
	assert_false(bc_tally_sum(t, 0, F, 99, XA, &v));
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

static void ratio_only_from_complete_units(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *t = bc_tally_new(rs, 0);
	assert_non_null(t);
	bc_tally_begin(t, F, XA, 0); /* 7 / (7 + 3) */
	own(t, "a", 7);
	own(t, "b", 3);
	bc_tally_begin(t, F, XA, 0); /* no b: left out of the ratio */
	own(t, "a", 50);
	bc_tally_begin(t, F, XA, 0); /* 0 / (0 + 5) */
	own(t, "a", 0);
	own(t, "b", 5);
	bc_tally_end(t);
	bc_dec num, den;
	assert_int_equal(bc_tally_ratio(t, 0, F, TY_LE, XA, &num, &den), 1);
	expect_text(num, "7");
	expect_text(den, "15");
	assert_false(bc_tally_ratio(t, 0, F, TY_LE, HUYEN, &num, &den));
	expect_sum(t, 0, A, XA, "57"); /* the sums still count it */
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

static void rows_meeting_every_condition(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *t = bc_tally_new(rs, 0);
	assert_non_null(t);
	bc_tally_begin(t, F, HUYEN, 0);
	own(t, "ds", 4); /* the table's own value: its number of rows */
	cell(t, 1, "loai", "p");
	test_texts *tx = test_texts_load("tally-samples.txt");
	cell(t, 1, "ten", test_texts_get(tx, "row_name"));
	test_texts_free(tx);
	cell(t, 1, "tt", "xong"); /* both: a hit */
	cell(t, 2, "loai", "q");
	cell(t, 2, "tt", "xong"); /* loai q: no */
	cell(t, 3, "loai", "p");
	cell(t, 3, "tt", "dang"); /* tt dang: no */
	cell(t, 4, "loai", "p");
	cell(t, 4, "tt", "xong"); /* the last row counts too */
	bc_tally_begin(t, F, HUYEN, 0); /* rows but no row count: left out */
	cell(t, 1, "loai", "p");
	cell(t, 1, "tt", "xong");
	bc_tally_end(t);
	bc_dec num, den;
	assert_int_equal(bc_tally_ratio(t, 0, F, XONG_P, HUYEN, &num, &den), 1);
	expect_text(num, "2");
	expect_text(den, "4");
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

static void counts_in_byte_order(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *t = bc_tally_new(rs, 1);
	assert_non_null(t);
	bc_tally_begin(t, F, XA, 1);
	cell(t, 1, "tt", "xong");
	cell(t, 2, "tt", "dang");
	cell(t, 3, "tt", "xong");
	cell(t, 3, "loai", "p"); /* not the counted column */
	bc_tally_begin(t, F, XA, 0);
	cell(t, 1, "tt", "khac"); /* a value the column does not declare */
	cell(t, 2, "tt", NULL);   /* no text: counted as "" */
	bc_tally_end(t);
	const char *v;
	int64_t n;
	static const char *const want[] = {"", "dang", "khac", "xong"};
	static const int64_t want_n[] = {1, 1, 1, 2};
	for (size_t i = 0; i < 4; i++) {
		assert_true(bc_tally_count(t, 0, F, DS, XA, i, &v, &n));
		assert_string_equal(v, want[i]);
		assert_int_equal(n, want_n[i]);
	}
	assert_false(bc_tally_count(t, 0, F, DS, XA, 4, &v, &n));
	assert_true(bc_tally_count(t, 1, F, DS, XA, 0, &v, &n));
	assert_string_equal(v, "dang");
	assert_true(bc_tally_count(t, 1, F, DS, XA, 1, &v, &n));
	assert_string_equal(v, "xong");
	assert_int_equal(n, 2);
	assert_false(bc_tally_count(t, 1, F, DS, XA, 2, &v, &n));
	assert_false(bc_tally_count(t, 0, F, A, XA, 0, &v, &n)); /* no count_by */
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

/* Each column's longest text, in characters not bytes, over every
 * revision whatever its group; none for a column without text or a
 * field that is not a table. */
static void longest_text_of_each_column(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *t = bc_tally_new(rs, 1);
	assert_non_null(t);
	test_texts *tx = test_texts_load("tally-samples.txt");
	bc_tally_begin(t, F, XA, 1);
	cell(t, 1, "ten", test_texts_get(tx, "long_name")); /* 12 */
	cell(t, 1, "loai", "p");
	cell(t, 2, "ten", test_texts_get(tx, "plain_name")); /* 11 */
	test_texts_free(tx);
	bc_tally_begin(t, F, HUYEN, 0);
	cell(t, 1, "loai", "q");
	cell(t, 1, "ten", NULL);
	own_text(t, "a", "1234567890123");
	bc_tally_end(t);
	assert_int_equal(bc_tally_longest(t, F, DS, 0), 12);
	assert_int_equal(bc_tally_longest(t, F, DS, 1), 1);
	assert_int_equal(bc_tally_longest(t, F, DS, 2), 0);
	assert_int_equal(bc_tally_longest(t, F, DS, 3), 0); /* no column */
	assert_int_equal(bc_tally_longest(t, F, A, 0), 0);  /* no table */
	assert_int_equal(bc_tally_longest(t, 9, DS, 0), 0); /* no form */
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

static void nothing_counts_outside_a_revision(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *t = bc_tally_new(rs, 0);
	assert_non_null(t);
	own(t, "a", 5);            /* before any begin */
	bc_tally_begin(t, 7, XA, 0); /* no such form */
	own(t, "a", 5);
	bc_tally_end(t);
	bc_dec v;
	assert_false(bc_tally_sum(t, 0, F, A, XA, &v));
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

/* Amounts add up to the hundredth at any size: in doubles
 * 99999999999999.99 + 12345678901234.56 + 0.01 is 112345678901234.56
 * only by luck of rounding, and 99999999999999.99 itself is …99.98. */
static void money_sums_exactly(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *t = bc_tally_new(rs, 1);
	assert_non_null(t);
	bc_tally_begin(t, F, XA, 1);
	own_text(t, "m", "99999999999999.99");
	bc_tally_begin(t, F, XA, 0);
	own_text(t, "m", "12345678901234.56");
	bc_tally_begin(t, F, XA, 1);
	own_text(t, "m", "0.01");
	bc_tally_begin(t, F, HUYEN, 0);
	own_text(t, "m", "0.1");
	bc_tally_begin(t, F, HUYEN, 0);
	own_text(t, "m", "0.2");
	bc_tally_end(t);
	expect_sum(t, 0, M, XA, "112345678901234.56");
	expect_sum(t, 1, M, XA, "100000000000000");
	expect_sum(t, 0, M, HUYEN, "0.3");
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

/* A sum past 18 digits is said to be too large, never wrapped round or
 * rounded; the other sums are not touched. */
static void sums_too_large_are_reported(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *t = bc_tally_new(rs, 0);
	assert_non_null(t);
	for (int i = 0; i < 3; i++) {
		bc_tally_begin(t, F, XA, 0);
		own_text(t, "m", "40000000000000000.01");
		own(t, "a", 1);
		own(t, "b", INT64_MAX / 2);
	}
	bc_tally_end(t);
	bc_dec v;
	assert_int_equal(bc_tally_sum(t, 0, F, M, XA, &v), -1);
	assert_int_equal(bc_tally_sum(t, 0, F, B, XA, &v), -1);
	expect_sum(t, 0, A, XA, "3");
	bc_dec num, den;
	assert_int_equal(bc_tally_ratio(t, 0, F, TY_LE, XA, &num, &den), -1);
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

/* ---- two tallies merged ---------------------------------------------- */

/* One value as the store hands it: num and txt NULL when it has none. */
typedef struct val {
	const char *field;
	int row;
	const char *col, *num, *txt;
} val;

/* A revision of form f: its level, group and values (up to the first
 * without a field). */
typedef struct rev {
	size_t level, grp;
	val v[10];
} rev;

#define HALF_I64 "4611686018427387903" /* INT64_MAX / 2 */

/* Every kind of figure in two groups and the whole: sums (money too,
 * and a table's own value), counts by value with one undeclared and
 * one empty, both indicators, units missing a term, a longest text.
 * Too large in the whole: b at xa (3 and three halves of INT64_MAX: any
 * two fit), ty_le's denominator there with it, and m at huyen (three
 * 40000000000000000.01, in revisions 2, 5 and 7: any two fit). */
static const rev REVS[] = {
	{XA, 1, {{"a", 0, "", "7", NULL}, {"b", 0, "", "3", NULL},
		 {"m", 0, "", "40000000000000000.01", NULL}}},
	{XA, 1, {{"b", 0, "", HALF_I64, NULL}, {"a", 0, "", "2", NULL},
		 {"ds", 0, "", "2", NULL}, {"ds", 1, "loai", NULL, "p"},
		 {"ds", 1, "tt", NULL, "xong"}, {"ds", 2, "loai", NULL, "q"},
		 {"ds", 2, "tt", NULL, "khac"}}},
	{HUYEN, 2, {{"b", 0, "", HALF_I64, NULL}, {"a", 0, "", "0", NULL},
		    {"m", 0, "", "40000000000000000.01", NULL}}},
	{XA, 0, {{"b", 0, "", HALF_I64, NULL}, {"ngay", 0, "", "45000", NULL},
		 {"ds", 1, "tt", NULL, NULL}, {"ds", 1, "loai", NULL, "p"},
		 {"ds", 1, "ten", NULL, "Le Thi Anh"}}},
	{XA, 2, {{"a", 0, "", "50", NULL}, {"ds", 0, "", "1", NULL},
		 {"ds", 1, "loai", NULL, "p"}, {"ds", 1, "tt", NULL, "xong"},
		 {"m", 0, "", "0.01", NULL}}},
	{HUYEN, 1, {{"a", 0, "", "10", NULL}, {"b", 0, "", "5", NULL},
		    {"m", 0, "", "40000000000000000.01", NULL},
		    {"ds", 1, "tt", NULL, "dang"}}},
	{XA, 2, {{"a", 0, "", "1", NULL}, {"b", 0, "", HALF_I64, NULL},
		 {"ds", 0, "", "3", NULL}, {"ds", 1, "tt", NULL, "xong"},
		 {"ds", 2, "tt", NULL, "xong"}, {"ds", 2, "loai", NULL, "p"},
		 {"ds", 3, "loai", NULL, "p"}, {"ds", 3, "tt", NULL, "xong"}}},
	{HUYEN, 0, {{"m", 0, "", "40000000000000000.01", NULL},
		    {"a", 0, "", "3", NULL}}},
};
#define N_REVS (sizeof REVS / sizeof *REVS)

static void feed(bc_tally *t, const rev *r, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		bc_tally_begin(t, F, r[i].level, r[i].grp);
		for (const val *v = r[i].v; v->field; v++) {
			bc_dec d;
			if (v->num)
				assert_int_equal(bc_dec_parse(v->num, false, &d),
						 BC_DEC_OK);
			assert_int_equal(bc_tally_value(t, v->field, v->row,
							v->col,
							v->num ? &d : NULL,
							v->txt),
					 BC_OK);
		}
	}
	bc_tally_end(t);
}

/* A figure as text ("-1", "0" or "1 value"), to compare two tallies'. */
static void figure_text(int r, bc_dec v, char *buf, size_t n)
{
	char d[BC_DEC_BUF] = "";
	if (r > 0)
		bc_dec_text(v, d);
	snprintf(buf, n, "%d %s", r, d);
}

static void same_sums(const bc_tally *a, const bc_tally *b, size_t g,
		      size_t l, size_t k)
{
	bc_dec va = {0}, vb = {0}, na = {0}, nb = {0};
	char ta[80], tb[80];
	figure_text(bc_tally_sum(a, g, F, k, l, &va), va, ta, sizeof ta);
	figure_text(bc_tally_sum(b, g, F, k, l, &vb), vb, tb, sizeof tb);
	assert_string_equal(ta, tb);
	if (k >= 2)
		return;
	int ra = bc_tally_ratio(a, g, F, k, l, &na, &va);
	int rb = bc_tally_ratio(b, g, F, k, l, &nb, &vb);
	assert_int_equal(ra, rb);
	if (ra > 0) {
		figure_text(ra, na, ta, sizeof ta);
		figure_text(rb, nb, tb, sizeof tb);
		assert_string_equal(ta, tb);
		figure_text(ra, va, ta, sizeof ta);
		figure_text(rb, vb, tb, sizeof tb);
		assert_string_equal(ta, tb);
	}
}

static void same_counts(const bc_tally *a, const bc_tally *b, size_t g,
			size_t l)
{
	const char *va, *vb;
	int64_t na, nb;
	size_t i = 0;
	for (; bc_tally_count(a, g, F, DS, l, i, &va, &na); i++) {
		assert_true(bc_tally_count(b, g, F, DS, l, i, &vb, &nb));
		assert_string_equal(va, vb);
		assert_int_equal(na, nb);
	}
	assert_false(bc_tally_count(b, g, F, DS, l, i, &vb, &nb));
}

/* Every figure of a and b the same, in every group and level, and the
 * longest text of each column of ds. */
static void same_figures(const bc_tally *a, const bc_tally *b, size_t groups)
{
	for (size_t g = 0; g <= groups; g++)
		for (size_t l = HUYEN; l <= XA; l++) {
			for (size_t k = A; k <= M; k++)
				same_sums(a, b, g, l, k);
			same_counts(a, b, g, l);
		}
	for (size_t c = 0; c < 3; c++)
		assert_int_equal(bc_tally_longest(a, F, DS, c),
				 bc_tally_longest(b, F, DS, c));
}

/* r's revisions [0, cut) in one tally and [cut, n) in another, merged
 * either way round: exact, and the figures of one tally of them all. */
static void merged_is_whole(const bc_ruleset *rs, const rev *r, size_t n,
			    size_t cut)
{
	bc_tally *whole = bc_tally_new(rs, 2);
	assert_non_null(whole);
	feed(whole, r, 0, n);
	for (int flip = 0; flip < 2; flip++) {
		bc_tally *first = bc_tally_new(rs, 2), *second = bc_tally_new(rs, 2);
		assert_non_null(first);
		assert_non_null(second);
		feed(first, r, 0, cut);
		feed(second, r, cut, n);
		bool exact;
		assert_int_equal(flip ? bc_tally_merge(second, first, &exact)
				      : bc_tally_merge(first, second, &exact),
				 BC_OK);
		assert_true(exact);
		same_figures(whole, flip ? second : first, 2);
		bc_tally_free(first);
		bc_tally_free(second);
	}
	bc_tally_free(whole);
}

/* Wherever the revisions are cut, two halves merged are the whole: m
 * too large in one half (the cut after the second revision) or only
 * once merged (after the sixth), b and ty_le only once merged (after
 * the second), a's sums exact, the counts and the rows indicator as
 * one tally's. */
static void merge_is_one_tally(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	for (size_t cut = 0; cut <= N_REVS; cut++)
		merged_is_whole(rs, REVS, N_REVS, cut);
	bc_tally *t = bc_tally_new(rs, 2);
	assert_non_null(t);
	feed(t, REVS, 0, N_REVS);
	bc_dec v, den;
	assert_int_equal(bc_tally_sum(t, 0, F, B, XA, &v), -1);
	assert_int_equal(bc_tally_ratio(t, 0, F, TY_LE, XA, &v, &den), -1);
	assert_int_equal(bc_tally_sum(t, 0, F, M, HUYEN, &v), -1);
	assert_int_equal(bc_tally_sum(t, 1, F, B, XA, &v), 1);
	assert_int_equal(bc_tally_sum(t, 0, F, M, XA, &v), 1);
	assert_int_equal(bc_tally_sum(t, 1, F, M, HUYEN, &v), 1);
	assert_int_equal(bc_tally_ratio(t, 2, F, TY_LE, XA, &v, &den), 1);
	bc_tally_free(t);
	bc_ruleset_free(rs);
}

/* Values of both signs: exact when their magnitudes add up to a number
 * that fits (in any order no step passes the limit), and said not to be
 * when they do not (HALF, HALF, -HALF, -HALF overflows in this order
 * and not in HALF, -HALF, HALF, -HALF). */
static void merge_of_both_signs(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	static const rev small[] = {
		{XA, 1, {{"a", 0, "", "-7", NULL}, {"b", 0, "", "3", NULL}}},
		{XA, 1, {{"a", 0, "", "12", NULL}, {"b", 0, "", "-3", NULL}}},
		{XA, 0, {{"a", 0, "", "-0.5", NULL}, {"m", 0, "", "-1", NULL}}},
	};
	for (size_t cut = 0; cut <= 3; cut++)
		merged_is_whole(rs, small, 3, cut);
	static const rev big[] = {
		{XA, 0, {{"a", 0, "", HALF_I64, NULL}}},
		{XA, 0, {{"a", 0, "", HALF_I64, NULL}}},
		{XA, 0, {{"a", 0, "", "-" HALF_I64, NULL}}},
		{XA, 0, {{"a", 0, "", "-" HALF_I64, NULL}}},
	};
	bc_tally *first = bc_tally_new(rs, 0), *second = bc_tally_new(rs, 0);
	assert_non_null(first);
	assert_non_null(second);
	feed(first, big, 0, 2);
	feed(second, big, 2, 4);
	bool exact = true;
	assert_int_equal(bc_tally_merge(first, second, &exact), BC_OK);
	assert_false(exact);
	bc_tally_free(first);
	bc_tally_free(second);
	bc_ruleset_free(rs);
}

/* A merge needs two closed tallies of one shape. */
static void merge_refuses_unlike_tallies(void **state)
{
	(void)state;
	bc_ruleset *rs = load();
	bc_tally *a = bc_tally_new(rs, 1), *b = bc_tally_new(rs, 2);
	assert_non_null(a);
	assert_non_null(b);
	bool exact = true;
	assert_int_equal(bc_tally_merge(a, b, &exact), BC_ERR_INVALID);
	assert_false(exact);
	bc_tally_free(b);
	b = bc_tally_new(rs, 1);
	assert_non_null(b);
	bc_tally_begin(b, F, XA, 0);
	assert_int_equal(bc_tally_merge(a, b, &exact), BC_ERR_INVALID);
	bc_tally_end(b);
	assert_int_equal(bc_tally_merge(a, b, &exact), BC_OK);
	assert_true(exact);
	bc_tally_free(a);
	bc_tally_free(b);
	bc_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sums_per_level_and_group),
		cmocka_unit_test(ratio_only_from_complete_units),
		cmocka_unit_test(rows_meeting_every_condition),
		cmocka_unit_test(counts_in_byte_order),
		cmocka_unit_test(longest_text_of_each_column),
		cmocka_unit_test(nothing_counts_outside_a_revision),
		cmocka_unit_test(money_sums_exactly),
		cmocka_unit_test(sums_too_large_are_reported),
		cmocka_unit_test(merge_is_one_tally),
		cmocka_unit_test(merge_of_both_signs),
		cmocka_unit_test(merge_refuses_unlike_tallies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "cond.h"
#include "date.h"

/* A tiny form: names resolve to their index, values are set per test,
 * and a value may be "not reported". */
typedef struct form {
	const char *names[8];
	bc_dec v[8];
	bool reported[8];
} form;

static int resolve(void *ud, const char *name)
{
	const form *f = ud;
	for (int i = 0; i < 8 && f->names[i]; i++)
		if (strcmp(f->names[i], name) == 0)
			return i;
	return -1;
}

static bool value(void *ud, int ref, bc_dec *v)
{
	const form *f = ud;
	assert_true(ref >= 0 && ref < 8);
	if (!f->reported[ref])
		return false;
	*v = f->v[ref];
	return true;
}

/* v as the shortest decimal that reads back as it: 0.1 is 0.1. */
static void set(form *f, const char *name, double v)
{
	int i = resolve(f, name);
	assert_true(i >= 0);
	assert_true(bc_dec_from_double(v, &f->v[i]));
	f->reported[i] = true;
}

/* A value as written, exactly (no double holds 99999999999999.99). */
static void set_text(form *f, const char *name, const char *v)
{
	int i = resolve(f, name);
	assert_true(i >= 0);
	assert_int_equal(bc_dec_parse(v, false, &f->v[i]), BC_DEC_OK);
	f->reported[i] = true;
}

static bool dec_is(bc_dec d, const char *want)
{
	char buf[BC_DEC_BUF];
	bc_dec_text(d, buf);
	if (strcmp(buf, want))
		print_error("%s, not %s\n", buf, want);
	return !strcmp(buf, want);
}

/* Parses and resolves text against f, failing the test if either fails. */
static void parse(form *f, const char *text, const char *self, bc_cond *c)
{
	char err[256];
	if (!bc_cond_parse(text, self, c, err, sizeof err))
		fail_msg("'%s' does not parse: %s", text, err);
	const char *bad = NULL;
	if (!bc_cond_resolve(c, resolve, f, &bad))
		fail_msg("'%s': '%s' does not resolve", text, bad);
}

static int eval(form *f, const char *text, double a, double b)
{
	bc_cond c;
	parse(f, text, NULL, &c);
	set(f, "a", a);
	set(f, "b", b);
	int r = bc_cond_eval(&c, value, f);
	bc_cond_free(&c);
	return r;
}

/* ---- operators --------------------------------------------------------- */

static void every_operator(void **state)
{
	form f = {.names = {"a", "b"}};
	/* Each operator against a < b, a = b, a > b. */
	static const struct {
		const char *text;
		bc_relop op;
		int lt, eq, gt;
	} ops[] = {
		{"a = b", BC_EQ, 0, 1, 0},
		{"a <= b", BC_LE, 1, 1, 0},
		{"a < b", BC_LT, 1, 0, 0},
		{"a >= b", BC_GE, 0, 1, 1},
		{"a > b", BC_GT, 0, 0, 1},
		{"a <> b", BC_NE, 1, 0, 1},
		{"a \u2264 b", BC_LE, 1, 1, 0}, /* ≤ */
		{"a \u2265 b", BC_GE, 0, 1, 1}, /* ≥ */
		{"a \u2260 b", BC_NE, 1, 0, 1}, /* ≠ */
	};
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
		bc_cond c;
		parse(&f, ops[i].text, NULL, &c);
		if (c.op != ops[i].op)
			fail_msg("'%s' parsed as operator %d", ops[i].text,
				 (int)c.op);
		assert_int_equal(c.lhs.n, 1);
		assert_int_equal(c.rhs.n, 1);
		assert_string_equal(c.lhs.v[0].name, "a");
		assert_string_equal(c.rhs.v[0].name, "b");
		bc_cond_free(&c);
		if (eval(&f, ops[i].text, 1, 2) != ops[i].lt ||
		    eval(&f, ops[i].text, 2, 2) != ops[i].eq ||
		    eval(&f, ops[i].text, 3, 2) != ops[i].gt)
			fail_msg("'%s' evaluates wrongly", ops[i].text);
	}
}

static void spacing_does_not_matter(void **state)
{
	form f = {.names = {"a", "b"}};
	assert_int_equal(eval(&f, "a<=b", 2, 2), 1);
	assert_int_equal(eval(&f, "  a\t<>  b  ", 2, 3), 1);
	assert_int_equal(eval(&f, "a\u2264b", 3, 2), 0);
}

static void leading_operator_takes_self(void **state)
{
	form f = {.names = {"nv_ke_hoach", "nv_hoan_thanh"}};
	bc_cond c;
	parse(&f, "<= nv_ke_hoach", "nv_hoan_thanh", &c);
	assert_int_equal(c.op, BC_LE);
	assert_int_equal(c.lhs.n, 1);
	assert_string_equal(c.lhs.v[0].name, "nv_hoan_thanh");
	assert_int_equal(c.lhs.v[0].sign, 1);
	assert_int_equal(c.lhs.v[0].ref, 1);
	assert_int_equal(c.rhs.v[0].ref, 0);
	set(&f, "nv_ke_hoach", 10);
	set(&f, "nv_hoan_thanh", 10);
	assert_int_equal(bc_cond_eval(&c, value, &f), 1);
	set(&f, "nv_hoan_thanh", 11);
	assert_int_equal(bc_cond_eval(&c, value, &f), 0);
	bc_cond_free(&c);

	/* ≥ as the leading operator, and a sum on the right. */
	form g = {.names = {"x", "y", "z"}};
	parse(&g, "\u2265 y + z", "x", &c);
	assert_int_equal(c.op, BC_GE);
	assert_string_equal(c.lhs.v[0].name, "x");
	assert_int_equal(c.rhs.n, 2);
	bc_cond_free(&c);

	/* Without a self, a leading operator has no left side. */
	char err[256] = "";
	assert_false(bc_cond_parse("<= nv_ke_hoach", NULL, &c, err,
				   sizeof err));
	assert_non_null(strstr(err, "left side"));
}

static void sums_constants_and_minus(void **state)
{
	form f = {.names = {"a", "b", "c"}};
	bc_cond c;
	parse(&f, "a + b - 3 <= c", NULL, &c);
	assert_int_equal(c.lhs.n, 3);
	assert_string_equal(c.lhs.v[0].name, "a");
	assert_int_equal(c.lhs.v[0].sign, 1);
	assert_string_equal(c.lhs.v[1].name, "b");
	assert_int_equal(c.lhs.v[1].sign, 1);
	assert_null(c.lhs.v[2].name);
	assert_true(dec_is(c.lhs.v[2].k, "3"));
	assert_int_equal(c.lhs.v[2].sign, -1);
	assert_int_equal(c.lhs.v[2].ref, -1); /* numbers resolve to nothing */
	set(&f, "a", 5);
	set(&f, "b", 7);
	set(&f, "c", 9);
	assert_int_equal(bc_cond_eval(&c, value, &f), 1); /* 9 <= 9 */
	set(&f, "c", 8);
	assert_int_equal(bc_cond_eval(&c, value, &f), 0); /* 9 <= 8 */
	bc_dec sum;
	assert_true(bc_expr_eval(&c.lhs, value, &f, &sum));
	assert_true(dec_is(sum, "9"));
	char text[128];
	bc_expr_text(&c.lhs, text, sizeof text);
	assert_string_equal(text, "a + b - 3");
	bc_cond_free(&c);

	/* A constant on its own, minus a name, and a decimal constant. */
	parse(&f, "10 - a = b + 2.5", NULL, &c);
	assert_null(c.lhs.v[0].name);
	assert_true(dec_is(c.lhs.v[0].k, "10"));
	assert_int_equal(c.lhs.v[1].sign, -1);
	assert_true(dec_is(c.rhs.v[1].k, "2.5"));
	set(&f, "a", 5);
	set(&f, "b", 2.5);
	assert_int_equal(bc_cond_eval(&c, value, &f), 1);
	bc_cond_free(&c);

	bc_expr e;
	char err[256] = "";
	assert_true(bc_expr_parse("hs_truoc_han + hs_dung_han", &e, err,
				  sizeof err));
	assert_int_equal(e.n, 2);
	bc_expr_text(&e, text, sizeof text);
	assert_string_equal(text, "hs_truoc_han + hs_dung_han");
	bc_expr_free(&e);
	assert_int_equal(e.n, 0);
}

/* ---- parse errors ------------------------------------------------------- */

static void cond_refused(const char *text, const char *says)
{
	bc_cond c;
	char err[256];
	memset(err, 'x', sizeof err - 1);
	err[sizeof err - 1] = '\0';
	if (bc_cond_parse(text, "self", &c, err, sizeof err)) {
		bc_cond_free(&c);
		fail_msg("'%s' parsed", text);
	}
	if (!strstr(err, says))
		fail_msg("'%s': error '%s' does not say '%s'", text, err, says);
}

static void parse_errors(void **state)
{
	/* Dangling operators. */
	cond_refused("a + <= b", "expected at '<= b'");
	cond_refused("a <= b +", "expected at 'the end'");
	cond_refused("a <=", "expected at 'the end'");
	cond_refused("a - = b", "expected");
	/* Unknown characters. */
	cond_refused("a # b", "expected at '# b'");
	cond_refused("a <= b $", "unexpected '$'");
	cond_refused("a * 2 <= b", "expected at '* 2 <= b'");
	cond_refused("A <= b", "expected");
	/* No comparison at all. */
	cond_refused("a + b", "comparison");
	cond_refused("", "expected");
	/* Two comparisons. */
	cond_refused("a <= b <= c", "unexpected '<= c'");
}

/* bc_expr_parse writes its message into whatever buffer it is handed
 * (ruleset_form.c passes an uninitialised one). */
static void expr_parse_errors(void **state)
{
	const char *bad[][2] = {
		{"a b", "unexpected 'b'"},
		{"a +", "expected at 'the end'"},
		{"a <= b", "unexpected '<= b'"},
		{"", "expected"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		bc_expr e;
		char err[256];
		memset(err, 'x', sizeof err - 1);
		err[sizeof err - 1] = '\0';
		if (bc_expr_parse(bad[i][0], &e, err, sizeof err)) {
			bc_expr_free(&e);
			fail_msg("'%s' parsed", bad[i][0]);
		}
		if (!strstr(err, bad[i][1]))
			fail_msg("'%s': error '%.60s' does not say '%s'",
				 bad[i][0], err, bad[i][1]);
		assert_int_equal(e.n, 0);
	}
}

static void unresolved_names(void **state)
{
	form f = {.names = {"a", "b"}};
	bc_cond c;
	char err[256];
	const char *bad = NULL;
	assert_true(bc_cond_parse("a + zz <= b", NULL, &c, err, sizeof err));
	assert_false(bc_cond_resolve(&c, resolve, &f, &bad));
	assert_non_null(bad);
	assert_string_equal(bad, "zz");
	bc_cond_free(&c);

	bad = NULL;
	assert_true(bc_cond_parse("a <= b + qq", NULL, &c, err, sizeof err));
	assert_false(bc_cond_resolve(&c, resolve, &f, &bad));
	assert_string_equal(bad, "qq");
	bc_cond_free(&c);

	/* self is a name like any other. */
	bad = NULL;
	assert_true(bc_cond_parse("= b", "missing", &c, err, sizeof err));
	assert_false(bc_cond_resolve(&c, resolve, &f, &bad));
	assert_string_equal(bad, "missing");
	bc_cond_free(&c);

	bc_expr e;
	bad = NULL;
	assert_true(bc_expr_parse("a + 2 + nope", &e, err, sizeof err));
	assert_false(bc_expr_resolve(&e, resolve, &f, &bad));
	assert_string_equal(bad, "nope");
	bc_expr_free(&e);
}

static void not_reported_is_not_evaluated(void **state)
{
	form f = {.names = {"a", "b", "c"}};
	bc_cond c;
	parse(&f, "a + b = c", NULL, &c);
	set(&f, "a", 1);
	set(&f, "c", 99);
	/* b is not reported: neither true nor false. */
	assert_int_equal(bc_cond_eval(&c, value, &f), -1);
	bc_dec sum;
	assert_false(bc_expr_eval(&c.lhs, value, &f, &sum));
	set(&f, "b", 2);
	assert_int_equal(bc_cond_eval(&c, value, &f), 0);
	f.reported[2] = false;
	assert_int_equal(bc_cond_eval(&c, value, &f), -1);
	bc_cond_free(&c);
	/* Zero is reported, unlike absent. */
	parse(&f, "a <= b", NULL, &c);
	set(&f, "a", 0);
	set(&f, "b", 0);
	assert_int_equal(bc_cond_eval(&c, value, &f), 1);
	bc_cond_free(&c);
}

/* Money sums must compare as a person reads them: 0.1 + 0.2 = 0.3. */
static void money_compares_as_written(void **state)
{
	form f = {.names = {"a", "b", "c"}};
	bc_cond c;
	parse(&f, "a + b = c", NULL, &c);
	set(&f, "a", 0.1);
	set(&f, "b", 0.2);
	set(&f, "c", 0.3);
	assert_int_equal(bc_cond_eval(&c, value, &f), 1);
	set(&f, "c", 0.31);
	assert_int_equal(bc_cond_eval(&c, value, &f), 0);
	bc_cond_free(&c);
}

/* Amounts past what a double holds to the hundredth compare exactly: a
 * double makes 99999999999999.99 and …98 one number, and the tolerance
 * once used made two amounts a million apart "equal". */
static void money_compares_exactly_at_any_size(void **state)
{
	form f = {.names = {"a", "b", "c"}};
	bc_cond c;
	parse(&f, "a = b + c", NULL, &c);
	set_text(&f, "a", "99999999999999.99");
	set_text(&f, "b", "99999999999999.98");
	set_text(&f, "c", "0.01");
	assert_int_equal(bc_cond_eval(&c, value, &f), 1);
	set_text(&f, "c", "0.02");
	assert_int_equal(bc_cond_eval(&c, value, &f), 0);
	set_text(&f, "a", "12345678901234.56");
	set_text(&f, "b", "12345678901234.55");
	set_text(&f, "c", "0.01");
	assert_int_equal(bc_cond_eval(&c, value, &f), 1);
	set_text(&f, "a", "1000000000000");
	set_text(&f, "b", "999999000000");
	set_text(&f, "c", "999999.99");
	assert_int_equal(bc_cond_eval(&c, value, &f), 0);
	bc_explain how = {.value = value, .ud = &f, .self = -1};
	char *s = bc_cond_explain(&c, &how);
	assert_string_equal(s, "a = 1 000 000 000 000, but b + c = "
			       "999 999 999 999,99 (999 999 000 000 + "
			       "999 999,99)");
	bc_free(s);
	bc_cond_free(&c);
	/* A constant is exact too, and one too long for 18 digits is no
	 * constant. */
	parse(&f, "a <= 99999999999999.99", NULL, &c);
	set_text(&f, "a", "100000000000000");
	assert_int_equal(bc_cond_eval(&c, value, &f), 0);
	bc_cond_free(&c);
	char err[256] = "";
	assert_false(bc_cond_parse("a <= 1234567890123456789012", NULL, &c, err,
				   sizeof err));
	assert_non_null(strstr(err, "18"));
}

/* A sum past 18 digits, which no form's values make, still compares:
 * as doubles, never wrapping round. */
static void sums_past_eighteen_digits_compare_as_doubles(void **state)
{
	form f = {.names = {"a", "b", "c"}};
	bc_cond c;
	parse(&f, "a + b > c", NULL, &c);
	set_text(&f, "a", "9000000000000000000");
	set_text(&f, "b", "9000000000000000000");
	set_text(&f, "c", "1");
	assert_int_equal(bc_cond_eval(&c, value, &f), 1);
	bc_dec sum;
	assert_false(bc_expr_eval(&c.lhs, value, &f, &sum));
	bc_cond_free(&c);
}

/* ---- explain ----------------------------------------------------------- */

static char *explain(form *f, const char *text, const char *self)
{
	bc_cond c;
	parse(f, text, self, &c);
	assert_int_equal(bc_cond_eval(&c, value, f), 0);
	bc_explain how = {.value = value, .ud = f, .self = -1};
	char *s = bc_cond_explain(&c, &how);
	bc_cond_free(&c);
	assert_non_null(s);
	return s;
}

static void explain_spec_example(void **state)
{
	form f = {.names = {"hs_da_giai_quyet", "hs_truoc_han", "hs_dung_han",
			    "hs_qua_han"}};
	set(&f, "hs_da_giai_quyet", 1204);
	set(&f, "hs_truoc_han", 1180);
	set(&f, "hs_dung_han", 31);
	set(&f, "hs_qua_han", 0);
	char *s = explain(&f, "= hs_truoc_han + hs_dung_han + hs_qua_han",
			  "hs_da_giai_quyet");
	assert_string_equal(s, "hs_da_giai_quyet = 1 204, but hs_truoc_han + "
			       "hs_dung_han + hs_qua_han = 1 211 (1 180 + 31 "
			       "+ 0)");
	bc_free(s);
	/* The same, written whole. */
	s = explain(&f,
		    "hs_da_giai_quyet = hs_truoc_han + hs_dung_han + hs_qua_han",
		    NULL);
	assert_string_equal(s, "hs_da_giai_quyet = 1 204, but hs_truoc_han + "
			       "hs_dung_han + hs_qua_han = 1 211 (1 180 + 31 "
			       "+ 0)");
	bc_free(s);
}

static void explain_inequalities(void **state)
{
	form f = {.names = {"nv_hoan_thanh", "nv_ke_hoach", "a", "b", "c"}};
	set(&f, "nv_hoan_thanh", 12);
	set(&f, "nv_ke_hoach", 10);
	char *s = explain(&f, "<= nv_ke_hoach", "nv_hoan_thanh");
	assert_string_equal(s, "nv_hoan_thanh = 12, but must be \u2264 "
			       "nv_ke_hoach = 10");
	bc_free(s);
	s = explain(&f, "nv_hoan_thanh < nv_ke_hoach", NULL);
	assert_string_equal(s, "nv_hoan_thanh = 12, but must be < nv_ke_hoach "
			       "= 10");
	bc_free(s);
	s = explain(&f, "nv_ke_hoach >= nv_hoan_thanh", NULL);
	assert_string_equal(s, "nv_ke_hoach = 10, but must be \u2265 "
			       "nv_hoan_thanh = 12");
	bc_free(s);
	s = explain(&f, "nv_ke_hoach > nv_hoan_thanh", NULL);
	assert_string_equal(s, "nv_ke_hoach = 10, but must be > nv_hoan_thanh "
			       "= 12");
	bc_free(s);
	set(&f, "nv_hoan_thanh", 10);
	s = explain(&f, "nv_hoan_thanh <> nv_ke_hoach", NULL);
	assert_string_equal(s, "nv_hoan_thanh = 10, but must differ from "
			       "nv_ke_hoach = 10");
	bc_free(s);

	/* Sums, a constant and a minus on both sides. */
	set(&f, "a", 5);
	set(&f, "b", 1200);
	set(&f, "c", 8);
	s = explain(&f, "a + b - 3 <= c", NULL);
	assert_string_equal(s, "a + b - 3 = 1 202 (5 + 1 200 - 3), but must be "
			       "\u2264 c = 8");
	bc_free(s);
	s = explain(&f, "b <= 1000", NULL);
	assert_string_equal(s, "b = 1 200, but must be \u2264 1 000");
	bc_free(s);
}

/* Dates are numbers to a condition, but a person reads them as dates. */
static bool show_dates(void *ud, int ref, bc_dec v, char *buf, size_t n)
{
	(void)ud;
	if (ref > 1 || n < BC_DATE_BUF)
		return false;
	bc_date_format((bc_date)v.v, buf);
	return true;
}

static void explain_with_show(void **state)
{
	form f = {.names = {"ngay_hoan_thanh", "thoi_han", "so"}};
	set(&f, "ngay_hoan_thanh", bc_date_from_ymd(2023, 2, 15));
	set(&f, "thoi_han", bc_date_from_ymd(2023, 1, 31));
	set(&f, "so", 4000);
	bc_cond c;
	parse(&f, "ngay_hoan_thanh <= thoi_han", NULL, &c);
	assert_int_equal(bc_cond_eval(&c, value, &f), 0);
	bc_explain how = {.value = value, .show = show_dates, .ud = &f,
			  .self = -1};
	char *s = bc_cond_explain(&c, &how);
	assert_string_equal(s, "ngay_hoan_thanh = 2023-02-15, but must be \u2264 "
			       "thoi_han = 2023-01-31");
	bc_free(s);
	bc_cond_free(&c);
	/* Where show declines, the number is written. */
	parse(&f, "so <= thoi_han", NULL, &c);
	s = bc_cond_explain(&c, &how);
	assert_string_equal(s, "so = 4 000, but must be \u2264 thoi_han = "
			       "2023-01-31");
	bc_free(s);
	bc_cond_free(&c);
}

/* A field as the unit's sheet numbers it; the last is on no sheet. */
static bool numbered(void *ud, int ref, char *buf, size_t n)
{
	(void)ud;
	if (ref == 3)
		return false;
	snprintf(buf, n, "[%d]", ref + 6);
	return true;
}

/* Named by their numbers, and the field the message is about (self)
 * not named again: "= 390, but [7] + [8] = 392 (12 + 380)". */
static void explain_by_numbers(void **state)
{
	form f = {.names = {"hs_tiep_nhan", "hs_ky_truoc", "hs_truc_tiep",
			    "hs_khac"}};
	set(&f, "hs_tiep_nhan", 390);
	set(&f, "hs_ky_truoc", 12);
	set(&f, "hs_truc_tiep", 380);
	set(&f, "hs_khac", 5);
	bc_cond c;
	parse(&f, "= hs_ky_truoc + hs_truc_tiep", "hs_tiep_nhan", &c);
	bc_explain how = {.value = value, .name = numbered, .ud = &f,
			  .self = 0};
	char *s = bc_cond_explain(&c, &how);
	assert_string_equal(s, "= 390, but [7] + [8] = 392 (12 + 380)");
	bc_free(s);
	/* Not self: the left side is named like any other. */
	how.self = -1;
	s = bc_cond_explain(&c, &how);
	assert_string_equal(s, "[6] = 390, but [7] + [8] = 392 (12 + 380)");
	bc_free(s);
	bc_cond_free(&c);
	/* A field the sheet does not show keeps the rules' name; self on
	 * the right is named. */
	parse(&f, "hs_khac >= hs_tiep_nhan", NULL, &c);
	how.self = 0;
	s = bc_cond_explain(&c, &how);
	assert_string_equal(s, "hs_khac = 5, but must be \u2265 [6] = 390");
	bc_free(s);
	bc_cond_free(&c);
}

/* ---- numbers ------------------------------------------------------------ */

/* A constant of the rules is written with its digits. */
static void constants_written_exactly(void **state)
{
	bc_expr e;
	char err[256], text[128];
	assert_true(bc_expr_parse("a + 0.125 - 12345678901234.56", &e, err,
				  sizeof err));
	bc_expr_text(&e, text, sizeof text);
	assert_string_equal(text, "a + 0,125 - 12 345 678 901 234,56");
	bc_expr_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_operator),
		cmocka_unit_test(spacing_does_not_matter),
		cmocka_unit_test(leading_operator_takes_self),
		cmocka_unit_test(sums_constants_and_minus),
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(expr_parse_errors),
		cmocka_unit_test(unresolved_names),
		cmocka_unit_test(not_reported_is_not_evaluated),
		cmocka_unit_test(money_compares_as_written),
		cmocka_unit_test(money_compares_exactly_at_any_size),
		cmocka_unit_test(sums_past_eighteen_digits_compare_as_doubles),
		cmocka_unit_test(explain_spec_example),
		cmocka_unit_test(explain_inequalities),
		cmocka_unit_test(explain_with_show),
		cmocka_unit_test(explain_by_numbers),
		cmocka_unit_test(constants_written_exactly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * A form's values by unit: a unit's values into one row, texts copied,
 * rows moved from one holder to another with their texts still good
 * once the first is freed, and every allocation refused in turn.
 */
#include "test.h"

#include "formvals.h"

#include <string.h>

static bc_field fields[3];
static bc_form form = {.fields = fields, .n_fields = 3};

static bc_cell num(int64_t v, int scale)
{
	bc_dec d = {v, scale};
	return (bc_cell){.kind = BC_CELL_NUM, .num = d, .x = bc_dec_double(d)};
}

static bc_cell text(const char *t)
{
	return (bc_cell){.kind = BC_CELL_TEXT, .text = t};
}

/* unit's three values (a text, a number, and the third left out) into
 * r; false when memory runs out. */
static bool keep_unit(bc_fvrows *r, const char *unit, const char *t,
		      int64_t v)
{
	char copy[64]; /* gone when the call returns: r must copy it */
	snprintf(copy, sizeof copy, "%s", t);
	bc_cell a = text(copy), b = num(v, 2);
	return bc_fvrows_keep(r, unit, 0, &a) && bc_fvrows_keep(r, unit, 1, &b);
}

static void expect_row(const bc_fvrows *r, size_t row, const char *unit,
		       const char *t, int64_t v)
{
	assert_string_equal(r->code[row], unit);
	bc_cell a = bc_fvrows_cell(r, row, 0), b = bc_fvrows_cell(r, row, 1),
		c = bc_fvrows_cell(r, row, 2);
	assert_int_equal(a.kind, BC_CELL_TEXT);
	assert_string_equal(a.text, t);
	assert_int_equal(b.kind, BC_CELL_NUM);
	assert_true(b.num.v == v && b.num.scale == 2);
	assert_true(b.x == bc_dec_double(b.num));
	assert_int_equal(c.kind, BC_CELL_NONE);
}

/* Two holders, as two threads fill them, then one. */
static bool fill_and_join(bc_fvrows *to)
{
	bc_fvrows from = {.f = &form};
	*to = (bc_fvrows){.f = &form};
	bool ok = keep_unit(to, "xa-1", "first", 150) &&
		  keep_unit(to, "xa-2", "second", -5) &&
		  keep_unit(&from, "xa-3", "third, from the other", 7) &&
		  bc_fvrows_append(to, &from);
	bc_fvrows_free(&from);
	return ok;
}

static void test_keep_and_append(void **state)
{
	(void)state;
	bc_fvrows r;
	assert_true(fill_and_join(&r));
	assert_int_equal(r.n, 3);
	expect_row(&r, 0, "xa-1", "first", 150);
	expect_row(&r, 1, "xa-2", "second", -5);
	expect_row(&r, 2, "xa-3", "third, from the other", 7);
	/* an empty holder appended changes nothing */
	bc_fvrows none = {.f = &form};
	assert_true(bc_fvrows_append(&r, &none));
	assert_int_equal(r.n, 3);
	/* more kept after the join goes on in the holder's own arena */
	assert_true(keep_unit(&r, "xa-4", "fourth", 1));
	expect_row(&r, 2, "xa-3", "third, from the other", 7);
	expect_row(&r, 3, "xa-4", "fourth", 1);
	bc_fvrows_free(&r);
	assert_int_equal(r.n, 0);
	assert_ptr_equal(r.f, &form);
}

/* Every form of a ruleset gets its holder, and holders join form by
 * form. */
static void test_formvals(void **state)
{
	(void)state;
	bc_form forms[2] = {form, form};
	bc_ruleset rs = {.forms = forms, .n_forms = 2};
	bc_formvals a, b;
	assert_true(bc_formvals_init(&a, &rs));
	assert_true(bc_formvals_init(&b, &rs));
	assert_int_equal(a.n, 2);
	assert_ptr_equal(a.form[1].f, &forms[1]);
	assert_true(keep_unit(&a.form[1], "xa-1", "a", 1));
	assert_true(keep_unit(&b.form[1], "xa-2", "b", 2));
	assert_true(keep_unit(&b.form[0], "xa-3", "c", 3));
	assert_true(bc_formvals_append(&a, &b));
	assert_int_equal(a.form[0].n, 1);
	assert_int_equal(a.form[1].n, 2);
	expect_row(&a.form[1], 1, "xa-2", "b", 2);
	assert_int_equal(b.form[1].n, 0);
	bc_formvals_free(&b);
	bc_formvals_free(&a);
	assert_null(a.form);
}

/* Each allocation refused in turn: false, and whatever was kept is
 * freed whole (cmocka's allocator checks). */
static void test_out_of_memory(void **state)
{
	(void)state;
	int n = 1;
	for (;; n++) {
		bc_mem_fail(n, false);
		bc_fvrows r;
		bool ok = fill_and_join(&r);
		bc_mem_fail(0, false);
		bc_fvrows_free(&r);
		if (ok)
			break;
	}
	assert_true(n > 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keep_and_append),
		cmocka_unit_test(test_formvals),
		cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

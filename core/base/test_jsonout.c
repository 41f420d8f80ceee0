/* SPDX-License-Identifier: MIT */
/*
 * Exact decimals in jansson trees, and the JSON text written with them:
 * byte for byte what jansson writes for every tree without one (the
 * outputs and golden files stay as they were), the decimals bare with
 * their digits.
 */
#include "test.h"

#include "jsonout.h"

/* A tree with every kind of value, in the shapes the outputs have. */
static json_t *sample(void)
{
	test_texts *tx = test_texts_load("base-samples.txt");
	json_t *v = json_pack(
		"{s:s, s:i, s:f, s:f, s:f, s:f, s:b, s:b, s:n, s:[], s:{},"
		" s:[i, s, {s:[f, {}]}], s:s, s:s}",
		"period", "2023-Q1", "count", 4922, "rate", 96.6, "whole", 5.0,
		"big", 1e20, "small", 1.5e-7, "yes", 1, "no", 0, "none",
		"empty_a", "empty_o", "mixed", -3, test_texts_get(tx, "json_key"), "deep",
		0.1 + 0.2, "escapes", "\"q\" \\ / \b\f\n\r\t \x01 \x1f \x7f",
		"unicode", "\u00e9\u1ec5\u2028");
	test_texts_free(tx);
	assert_non_null(v);
	return v;
}

static void same_as_jansson(void **state)
{
	(void)state;
	json_t *v = sample();
	static const size_t flags[] = {
		0,
		JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15),
		JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15),
		JSON_INDENT(2),
		JSON_INDENT(1) | JSON_COMPACT,
		JSON_COMPACT,
		JSON_REAL_PRECISION(3),
		JSON_INDENT(31),
	};
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
		char *want = json_dumps(v, flags[i]);
		char *got = bc_json_dumps(v, flags[i]);
		assert_non_null(want);
		assert_non_null(got);
		if (strcmp(want, got))
			fail_msg("flags %zx:\n%s\nnot\n%s", flags[i], got, want);
		free(want);
		bc_free(got);
	}
	/* A scalar only with JSON_ENCODE_ANY, as with jansson. */
	json_t *s = json_string("a");
	assert_null(bc_json_dumps(s, 0));
	char *t = bc_json_dumps(s, JSON_ENCODE_ANY);
	assert_string_equal(t, "\"a\"");
	bc_free(t);
	json_decref(s);
	json_decref(v);
}

static json_t *dec(const char *s)
{
	bc_dec d;
	assert_int_equal(bc_dec_parse(s, false, &d), BC_DEC_OK);
	json_t *v = bc_json_dec(d);
	assert_non_null(v);
	return v;
}

/* The exact decimal: a bare number with its digits wherever it is. */
static void decimals_written_bare(void **state)
{
	(void)state;
	json_t *v = json_pack("{s:o, s:o, s:[o, o], s:o}", "xa",
			      dec("99999999999999.99"), "huyen",
			      dec("12345678901234.56"), "parts", dec("12.50"),
			      dec("1500"), "neg", dec("-0.05"));
	char *t = bc_json_dumps(v, JSON_PRESERVE_ORDER);
	assert_string_equal(t, "{\"xa\": 99999999999999.99, \"huyen\": "
			       "12345678901234.56, \"parts\": [12.5, 1500], "
			       "\"neg\": -0.05}");
	bc_free(t);
	t = bc_json_dumps(v, JSON_INDENT(1) | JSON_COMPACT);
	assert_string_equal(t, "{\n \"xa\":99999999999999.99,\n "
			       "\"huyen\":12345678901234.56,\n \"parts\":[\n  "
			       "12.5,\n  1500\n ],\n \"neg\":-0.05\n}");
	bc_free(t);
	/* A whole amount is an integer: JSON readers see 1500, not 1500.0. */
	assert_true(json_is_integer(json_array_get(json_object_get(v, "parts"), 1)));
	json_decref(v);
}

/* Whoever reads numbers from a tree reads the decimal exactly; anything
 * else sees an empty string, never a wrong number. */
static void decimals_read_back(void **state)
{
	(void)state;
	json_t *m = dec("99999999999999.99");
	bc_dec d;
	char buf[64];
	assert_true(bc_json_is_num(m));
	assert_false(json_is_number(m));
	assert_string_equal(json_string_value(m), "");
	assert_true(bc_json_get_dec(m, &d));
	assert_true(d.v == 9999999999999999 && d.scale == 2);
	assert_true(bc_json_num_text(m, buf, sizeof buf));
	assert_string_equal(buf, "99999999999999.99");
	assert_true(bc_json_num_value(m) == 99999999999999.99);
	json_decref(m);

	json_t *i = json_integer(7), *r = json_real(96.6), *s = json_string("7");
	assert_true(bc_json_num_text(i, buf, sizeof buf));
	assert_string_equal(buf, "7");
	assert_true(bc_json_num_text(r, buf, sizeof buf));
	assert_string_equal(buf, "96.6");
	assert_true(bc_json_get_dec(r, &d) && d.v == 966 && d.scale == 1);
	/* Text that looks like a number is text. */
	assert_false(bc_json_is_num(s));
	assert_false(bc_json_num_text(s, buf, sizeof buf));
	assert_string_equal(buf, "");
	assert_false(bc_json_get_dec(s, &d));
	assert_false(bc_json_is_num(NULL));
	json_decref(i);
	json_decref(r);
	json_decref(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_as_jansson),
		cmocka_unit_test(decimals_written_bare),
		cmocka_unit_test(decimals_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

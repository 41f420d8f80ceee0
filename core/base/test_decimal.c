/* SPDX-License-Identifier: MIT */
/*
 * Exact decimals: read as written, never through a double; added and
 * compared exactly; written with their digits.  The numbers that matter
 * are those a double gets wrong: 99999999999999.99 (a double makes it
 * …99.98) and 12345678901234.56 (which %.15g writes …234.6).
 */
#include "test.h"

#include "decimal.h"

#include <math.h>

static bc_dec dec(const char *s)
{
	bc_dec d;
	if (bc_dec_parse(s, true, &d) != BC_DEC_OK)
		fail_msg("'%s' does not read", s);
	return d;
}

static void text_is(bc_dec d, const char *want)
{
	char buf[BC_DEC_BUF];
	bc_dec_text(d, buf);
	if (strcmp(buf, want))
		fail_msg("'%s', not '%s'", buf, want);
}

static void reads_as(const char *s, const char *want, int scale)
{
	bc_dec d = dec(s);
	text_is(d, want);
	if (d.scale != scale)
		fail_msg("'%s' has %d decimals, not %d", s, d.scale, scale);
}

static void read_exactly(void **state)
{
	(void)state;
	reads_as("99999999999999.99", "99999999999999.99", 2);
	reads_as("12345678901234.56", "12345678901234.56", 2);
	reads_as("12.50", "12.5", 1); /* a trailing zero is no decimal */
	reads_as("12.00", "12", 0);
	reads_as("0012", "12", 0);
	reads_as("1200", "1200", 0);
	reads_as("0.05", "0.05", 2);
	reads_as("-3", "-3", 0);
	reads_as("-0.0", "0", 0);
	reads_as("1.5e3", "1500", 0);
	reads_as("1.2345E+2", "123.45", 2);
	reads_as("125e-2", "1.25", 2);
	reads_as("1.000000000000000000000000000000", "1", 0);
	reads_as("9223372036854775807", "9223372036854775807", 0);
	reads_as("0.000000000000000001", "0.000000000000000001", 18);
}

static void refuse_what_cannot_be_kept(void **state)
{
	(void)state;
	bc_dec d;
	static const char *const not_numbers[] = {
		"", "-", ".5", "12.", "1,5", " 12", "12 ", "0x10", "inf",
		"nan", "1e", "1e+", "--1", "1.2.3",
	};
	for (size_t i = 0; i < sizeof not_numbers / sizeof *not_numbers; i++)
		if (bc_dec_parse(not_numbers[i], true, &d) != BC_DEC_NOT_NUMBER)
			fail_msg("'%s' read as a number", not_numbers[i]);
	/* An exponent only where the format writes one. */
	assert_int_equal(bc_dec_parse("1e3", false, &d), BC_DEC_NOT_NUMBER);
	static const char *const too_long[] = {
		"9223372036854775808", "99999999999999999999",
		"0.0000000000000000001", "1e19", "1e-19", "1e99999999999",
		"1.00000000000000000001",
	};
	for (size_t i = 0; i < sizeof too_long / sizeof *too_long; i++)
		if (bc_dec_parse(too_long[i], true, &d) != BC_DEC_TOO_LONG)
			fail_msg("'%s' not refused as too long", too_long[i]);
	/* Zero is zero however it is written. */
	assert_int_equal(bc_dec_parse("0e99999", true, &d), BC_DEC_OK);
	text_is(d, "0");
}

static void add_compare_rescale(void **state)
{
	(void)state;
	bc_dec s;
	assert_true(bc_dec_add(dec("99999999999999.99"), dec("12345678901234.56"),
			       &s));
	text_is(s, "112345678901234.55");
	assert_true(bc_dec_add(dec("0.1"), dec("0.2"), &s));
	assert_int_equal(bc_dec_cmp(s, dec("0.3")), 0);
	assert_true(bc_dec_sub(dec("1"), dec("0.01"), &s));
	text_is(s, "0.99");
	assert_true(bc_dec_add(dec("-5"), dec("2.5"), &s));
	text_is(s, "-2.5");
	/* Past 64 bits: refused, never wrapped. */
	assert_false(bc_dec_add(dec("9223372036854775807"), dec("1"), &s));
	assert_false(bc_dec_add(dec("92233720368547758.07"), dec("0.01"), &s));
	assert_false(bc_dec_sub(dec("-9223372036854775807"), dec("2"), &s));
	/* Aligning the decimals can overflow too. */
	assert_false(bc_dec_add(dec("922337203685477581"), dec("0.1"), &s));

	assert_int_equal(bc_dec_cmp(dec("99999999999999.99"),
				    dec("99999999999999.98")),
			 1);
	assert_int_equal(bc_dec_cmp(dec("-0.5"), dec("0.3")), -1);
	assert_int_equal(bc_dec_cmp(dec("-1.5"), dec("-1.25")), -1);
	assert_int_equal(bc_dec_cmp(dec("2"), dec("1.999999999999999999")), 1);
	/* Scales no common one holds still compare. */
	assert_int_equal(bc_dec_cmp(dec("9223372036854775807"),
				    dec("0.000000000000000001")),
			 1);
	assert_int_equal(bc_dec_cmp(dec("12.50"), dec("12.5")), 0);

	bc_dec c;
	assert_true(bc_dec_rescale(dec("12.5"), 2, &c));
	assert_int_equal(c.v, 1250);
	assert_false(bc_dec_rescale(dec("12.505"), 2, &c)); /* a digit lost */
	assert_false(bc_dec_rescale(dec("922337203685477580"), 2, &c));
	assert_true(bc_dec_rescale(dec("1200"), 0, &c));

	assert_int_equal(bc_dec_digits(dec("12345678901234.56")), 16);
	assert_int_equal(bc_dec_digits(dec("1200")), 2);
	assert_int_equal(bc_dec_digits(dec("0.05")), 1);
	assert_int_equal(bc_dec_digits(dec("0")), 0);
}

static void doubles_both_ways(void **state)
{
	(void)state;
	/* The nearest double, as strtod makes it. */
	assert_true(bc_dec_double(dec("12345678901234.56")) ==
		    strtod("12345678901234.56", NULL));
	assert_true(bc_dec_double(dec("0.07")) == 0.07);
	assert_true(bc_dec_double(dec("9223372036854775807")) ==
		    strtod("9223372036854775807", NULL));
	assert_true(bc_dec_double(dec("-3")) == -3);
	/* A double back to the shortest decimal that reads as it: what it
	 * was written as, when a double tells that apart. */
	bc_dec d;
	static const char *const back[] = {
		"12345678901234.56", "0.07", "12.34", "1500", "-2.5",
		"1000000000000000", "0.1", "33.3333333333333",
	};
	for (size_t i = 0; i < sizeof back / sizeof *back; i++) {
		assert_true(bc_dec_from_double(strtod(back[i], NULL), &d));
		text_is(d, back[i]);
	}
	/* …99.99 and …99.98 are one double: it gives the one it is
	 * nearer. */
	assert_true(bc_dec_from_double(99999999999999.99, &d));
	text_is(d, "99999999999999.98");
	assert_false(bc_dec_from_double(NAN, &d));
	assert_false(bc_dec_from_double(INFINITY, &d));
	assert_false(bc_dec_from_double(1e300, &d));
}

static void fixed_and_local(void **state)
{
	(void)state;
	char buf[BC_DEC_BUF];
	bc_dec_text_fixed(dec("12.5"), 2, buf);
	assert_string_equal(buf, "12.50");
	bc_dec_text_fixed(dec("99999999999999.99"), 2, buf);
	assert_string_equal(buf, "99999999999999.99");
	bc_dec_text_fixed(dec("2.345"), 2, buf);
	assert_string_equal(buf, "2.35"); /* half away from zero */
	bc_dec_text_fixed(dec("-2.345"), 2, buf);
	assert_string_equal(buf, "-2.35");
	bc_dec_text_fixed(dec("-0.001"), 2, buf);
	assert_string_equal(buf, "0.00");
	bc_dec_text_fixed(dec("9223372036854775807"), 2, buf);
	assert_string_equal(buf, "9223372036854775807.00");
	bc_dec_text_fixed(dec("7"), 0, buf);
	assert_string_equal(buf, "7");

	bc_dec_local(dec("99999999999999.99"), buf);
	assert_string_equal(buf, "99 999 999 999 999,99");
	bc_dec_local(dec("12345678901234.56"), buf);
	assert_string_equal(buf, "12 345 678 901 234,56");
	bc_dec_local(dec("1204"), buf);
	assert_string_equal(buf, "1 204");
	bc_dec_local(dec("-1234.5"), buf);
	assert_string_equal(buf, "-1 234,5");
	bc_dec_local(dec("0.05"), buf);
	assert_string_equal(buf, "0,05");
	bc_dec_local((bc_dec){INT64_MIN, 2}, buf);
	assert_string_equal(buf, "-92 233 720 368 547 758,08");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_exactly),
		cmocka_unit_test(refuse_what_cannot_be_kept),
		cmocka_unit_test(add_compare_rescale),
		cmocka_unit_test(doubles_both_ways),
		cmocka_unit_test(fixed_and_local),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "text.h"

/* The samples, in tests/data/utf8-text.txt. */
#define S(name) test_texts_get(tx, name)

static void upper_vietnamese(void **state)
{
	(void)state;
	test_texts *tx = test_texts_load("utf8-text.txt");
	char out[128];
	bc_utf8_upper(S("commune"), out, sizeof out);
	assert_string_equal(out, S("commune_upper"));
	bc_utf8_upper(S("letters"), out, sizeof out);
	assert_string_equal(out, S("letters_upper"));
	/* Signs, digits, other scripts and emoji are kept. */
	bc_utf8_upper(S("signs_and_scripts"), out, sizeof out);
	assert_string_equal(out, S("signs_and_scripts"));
	test_texts_free(tx);
}

static void upper_cuts_at_a_character(void **state)
{
	(void)state;
	test_texts *tx = test_texts_load("utf8-text.txt");
	char out[8];
	bc_utf8_upper(S("five_a"), out, sizeof out);
	/* Three bytes each: a character is written while 4 more bytes fit. */
	assert_string_equal(out, S("two_a_upper"));
	assert_true(bc_utf8_valid(out, strlen(out), NULL));
	test_texts_free(tx);
}

static void len_and_next(void **state)
{
	(void)state;
	test_texts *tx = test_texts_load("utf8-text.txt");
	assert_int_equal(bc_utf8_len(S("province")), 8);
	assert_int_equal(bc_utf8_len(""), 0);
	const unsigned char *p = (const unsigned char *)S("e_then_cut");
	assert_int_equal(bc_utf8_next(&p), 0x1EC7);
	/* A sequence cut short is read as its first byte, then go on. */
	assert_int_equal(bc_utf8_next(&p), 0xE1);
	assert_int_equal(bc_utf8_next(&p), 'x');
	assert_int_equal(*p, 0);
	test_texts_free(tx);
}

/* Columns on a terminal: what lines a table up. */
static void width_on_screen(void **state)
{
	(void)state;
	test_texts *tx = test_texts_load("utf8-text.txt");
	assert_int_equal(bc_utf8_width(S("district_level")), 9);
	/* The same word with its tone marks typed apart (NFD). */
	assert_int_equal(bc_utf8_width(S("district_level_nfd")), 9);
	assert_int_equal(bc_utf8_width("—"), 1);
	assert_int_equal(bc_utf8_width(S("wide")), 4);
	assert_int_equal(bc_utf8_width(""), 0);
	test_texts_free(tx);
}

static void capitals(void **state)
{
	(void)state;
	assert_true(bc_utf8_capital('A'));
	assert_false(bc_utf8_capital('a'));
	assert_true(bc_utf8_capital(0x110));  /* Đ */
	assert_false(bc_utf8_capital(0x111)); /* đ */
	assert_true(bc_utf8_capital(0x1EA0)); /* Ạ */
	assert_false(bc_utf8_capital(0x1EA1));
	assert_true(bc_utf8_capital(0x1AF));  /* Ư */
	assert_false(bc_utf8_capital(0xD7));  /* × */
}

/* A file's text: past a byte order mark, checked as UTF-8, a bad byte
 * named with its line and the advice given. */
static void text_begins_past_a_bom(void **state)
{
	(void)state;
	test_texts *tx = test_texts_load("utf8-text.txt");
	bc_diags d = BC_DIAGS_INIT;
	const char *s = S("csv_with_bom");
	size_t len = strlen(s);
	assert_int_equal(bc_bom_len(s, len), 3);
	assert_int_equal(bc_bom_len(s + 3, len - 3), 0);
	assert_true(bc_text_begin("a.csv", &s, &len, NULL, &d));
	assert_string_equal(s, S("csv_past_bom"));
	assert_int_equal(len, strlen(S("csv_past_bom")));
	const char *bad = "unit\nPh\xF2ng\n";
	len = strlen(bad);
	assert_false(bc_text_begin("b.csv", &bad, &len, "save it as UTF-8", &d));
	assert_true(test_diags_have(&d, "b.csv:2: not UTF-8 text (byte 8); "
					"save it as UTF-8"));
	bc_diags_free(&d);
	test_texts_free(tx);
}

static void controls(void **state)
{
	(void)state;
	static const unsigned yes[] = {0, 0x07, '\t', '\n', '\r', 0x1B, 0x1F,
				       0x7F, 0x80, 0x9B, 0x9F};
	static const unsigned no[] = {' ', '~', 0xA0, 0xC2, 0x1EA0, 0x202E};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_true(bc_utf8_control(yes[i]));
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		assert_false(bc_utf8_control(no[i]));
	/* The first one of a text; tabs and line breaks where lines are. */
	test_texts *tx = test_texts_load("utf8-text.txt");
	assert_int_equal(bc_utf8_first_control(S("name"), false), 0);
	assert_int_equal(bc_utf8_first_control("a\tb\r\nc", true), 0);
	assert_int_equal(bc_utf8_first_control("a\tb\x1b", false), '\t');
	assert_int_equal(bc_utf8_first_control("a\tb\x1b[2J", true), 0x1B);
	assert_int_equal(bc_utf8_first_control(S("c1_after_letters"), true),
			 0x9B);
	assert_int_equal(bc_utf8_first_control(S("del_after_letters"), true),
			 0x7F);
	test_texts_free(tx);
}

typedef struct sink {
	char buf[256];
	size_t n;
} sink;

static int collect(void *ud, const char *buf, size_t n)
{
	sink *k = ud;
	assert_true(k->n + n < sizeof k->buf);
	memcpy(k->buf + k->n, buf, n);
	k->n += n;
	k->buf[k->n] = '\0';
	return 0;
}

/* Escaped for a terminal however the text is cut into pieces, a C1
 * control's two bytes in two pieces too. */
static void escaped_in_pieces(void **state)
{
	(void)state;
	test_texts *tx = test_texts_load("utf8-text.txt");
	const char *in = S("controls");
	const char *want = S("controls_escaped");
	size_t n = strlen(in);
	for (size_t cut = 0; cut <= n; cut++) {
		sink k = {{0}, 0};
		bc_escaper e = {0};
		assert_int_equal(bc_escape_controls(&e, in, cut, collect, &k), 0);
		assert_int_equal(
			bc_escape_controls(&e, in + cut, n - cut, collect, &k), 0);
		assert_int_equal(bc_escape_controls(&e, "", 0, collect, &k), 0);
		assert_string_equal(k.buf, want);
	}
	test_texts_free(tx);
}

/* ---- numbers ------------------------------------------------------------ */

static void num_text_is(double v, const char *want)
{
	char buf[64];
	bc_num_text(v, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fail_msg("%.6f written '%s', not '%s'", v, buf, want);
}

static void numbers_as_vietnamese_write_them(void **state)
{
	num_text_is(1204, "1 204");
	num_text_is(12.5, "12,5");
	num_text_is(0, "0");
	num_text_is(1000000, "1 000 000");
	num_text_is(-3, "-3");
	num_text_is(9642.11, "9 642,11");
	num_text_is(999, "999");
	num_text_is(1000, "1 000");
	num_text_is(100000, "100 000");
	num_text_is(0.5, "0,5");
	num_text_is(0.05, "0,05");
	num_text_is(-1234.5, "-1 234,5");
	num_text_is(123456789.01, "123 456 789,01");
	/* A short buffer is cut, not overrun. */
	char small[4];
	bc_num_text(1234567, small, sizeof small);
	assert_string_equal(small, "1 2");
}

/* A value with more than two decimals (a percentage, a ratio) is rounded
 * to two: 1.999 reads "2", never "1,". */
static void numbers_round_to_two_decimals(void **state)
{
	num_text_is(2.0 / 3.0, "0,67");
	num_text_is(1.999, "2");
	num_text_is(99.9999, "100");
	num_text_is(1234.996, "1 235");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(upper_vietnamese),
		cmocka_unit_test(upper_cuts_at_a_character),
		cmocka_unit_test(len_and_next),
		cmocka_unit_test(width_on_screen),
		cmocka_unit_test(capitals),
		cmocka_unit_test(text_begins_past_a_bom),
		cmocka_unit_test(controls),
		cmocka_unit_test(escaped_in_pieces),
		cmocka_unit_test(numbers_as_vietnamese_write_them),
		cmocka_unit_test(numbers_round_to_two_decimals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "text.h"

#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

/* The samples, in tests/data/utf8-text.txt. */
#define S(name) test_texts_get(tx, name)

/* Each pair of block which of tests/data/text-same.txt is the same text
 * to a reader (or not), either way round; the pairs checked. */
static int pairs_are(const test_texts *tx, const char *which, bool same)
{
	char *block = strdup(test_texts_get(tx, which));
	int pairs = 0;
	for (char *l = strtok(block, "\n"); l; l = strtok(NULL, "\n")) {
		char *bar = strstr(l, " | ");
		assert_non_null(bar);
		char *a = test_unescape(l, (size_t)(bar - l)),
		     *b = test_unescape(bar + 3, strlen(bar + 3));
		if (bc_text_same(a, b) != same || bc_text_same(b, a) != same)
			fail_msg("'%s' and '%s' should %s", a, b,
				 same ? "be the same" : "differ");
		char *v[] = {"x", a};
		assert_int_equal(bc_text_find(b, v, 2), same ? 1 : -1);
		free(a);
		free(b);
		pairs++;
	}
	free(block);
	return pairs;
}

/* Texts the same to a reader, as typed in NFC or NFD, in capitals or
 * not (tests/data/text-same.txt). */
static void same_text_to_a_reader(void **state)
{
	(void)state;
	test_texts *tx = test_texts_load("text-same.txt");
	assert_true(pairs_are(tx, "same", true) >= 8);
	assert_true(pairs_are(tx, "differ", false) >= 5);
	test_texts_free(tx);
}

/* A key is made or refused whole; text without one is only itself. */
static void text_keys(void **state)
{
	(void)state;
	char key[BC_TEXT_KEY_MAX], upper[BC_TEXT_KEY_MAX + 1],
		lower[BC_TEXT_KEY_MAX + 1];
	assert_true(bc_text_key("", key));
	assert_string_equal(key, "");
	assert_true(bc_text_key("ABC_def", key));
	assert_string_equal(key, "abc_def");
	memset(upper, 'A', BC_TEXT_KEY_MAX);
	memset(lower, 'a', BC_TEXT_KEY_MAX);
	upper[BC_TEXT_KEY_MAX - 1] = lower[BC_TEXT_KEY_MAX - 1] = '\0';
	assert_true(bc_text_key(upper, key)); /* the longest that fits */
	assert_string_equal(key, lower);
	assert_true(bc_text_same(upper, lower));
	upper[BC_TEXT_KEY_MAX - 1] = 'A';
	lower[BC_TEXT_KEY_MAX - 1] = 'a';
	upper[BC_TEXT_KEY_MAX] = lower[BC_TEXT_KEY_MAX] = '\0';
	assert_false(bc_text_key(upper, key));
	assert_true(bc_text_same(upper, upper));
	assert_false(bc_text_same(upper, lower));
	char *v[] = {lower, upper};
	assert_int_equal(bc_text_find(upper, v, 2), 1);
}

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
	/* Read as bc_utf8_next reads them, the fast path for letters
	 * passing none by: C1 after a letter, overlong forms and lone
	 * continuation bytes decoding to controls, sequences cut short. */
	static const struct {
		const char *s;
		unsigned c;
	} odd[] = {
		{"\xc3\xa0\xc2\x85", 0x85},  {"\xe1\xba\xa1\xc2\x9b", 0x9B},
		{"a\xc0\x85", 0x05},          {"a\xc1\x9f", 0},
		{"\xe0\x82\x85", 0x85},      {"\xe0\x80\x9b", 0x1B},
		{"\xf0\x80\x82\x85", 0x85}, {"\xf8\x80\x82\x85", 0x85},
		{"x\x85", 0x85},              {"x\x9f\xa0", 0x9F},
		{"\xc3", 0},            {"\xe1\xba", 0},
		{"\xe1\x85", 0x85},           {"\xdf\xbf\x01", 0x01},
		{"\xef\xbf\xbf\x7f", 0x7F},
	};
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
		if (bc_utf8_first_control(odd[i].s, false) != odd[i].c)
			fail_msg("case %zu: U+%04X, wanted U+%04X", i,
				 bc_utf8_first_control(odd[i].s, false),
				 odd[i].c);
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

/* ---- names as people type them: tests/data/names.txt ------------------- */

/* s as libunistring makes it (NFD, or capitals), malloc'd, as a string. */
static char *variant(const char *s, bool upper)
{
	size_t n;
	const uint8_t *u = (const uint8_t *)s;
	uint8_t *v = upper ? u8_toupper(u, strlen(s), NULL, NULL, NULL, &n)
			   : u8_normalize(UNINORM_NFD, u, strlen(s), NULL, &n);
	assert_non_null(v);
	char *out = calloc(n + 1, 1);
	memcpy(out, v, n);
	free(v);
	return out;
}

static void same_name_is(const char *a, const char *b, bool yes)
{
	if (bc_text_same_name(a, b) != yes || bc_text_same_name(b, a) != yes)
		fail_msg("'%s' and '%s' %s the same name", a, b,
			 yes ? "not" : "read as");
	for (int k = 0; k < 2; k++) {
		char *v = variant(a, k);
		if (bc_text_same_name(v, b) != yes)
			fail_msg("'%s' (of '%s') and '%s': %s the same name", v,
				 a, b, yes ? "not" : "read as");
		free(v);
	}
}

static char *key_text(const char *s)
{
	size_t n;
	uint32_t *k = bc_text_name_key(s, &n);
	assert_non_null(k);
	char *out = calloc(4 * n + 1, 1);
	size_t len = 4 * n + 1;
	assert_non_null(u32_to_u8(k, n, (uint8_t *)out, &len));
	bc_free(k);
	return out;
}

static size_t key_distance(const char *a, const char *b, bool within)
{
	size_t na, nb;
	uint32_t *ka = bc_text_name_key(a, &na), *kb = bc_text_name_key(b, &nb);
	size_t d = bc_text_distance(ka, na, kb, nb, within);
	bc_free(ka);
	bc_free(kb);
	return d;
}

/* Every case of the file, each kind of them at least once. */
static void names_as_people_type_them(void **state)
{
	(void)state;
	char *path = test_path(test_source_root(), "tests/data/names.txt");
	size_t len, seen[4] = {0};
	char *text = test_read_path(path, &len), *save = NULL;
	for (char *ln = strtok_r(text, "\n", &save); ln;
	     ln = strtok_r(NULL, "\n", &save)) {
		if (*ln == '#')
			continue;
		char *f[4] = {ln, NULL, NULL, NULL};
		for (int i = 1; i < 4 && f[i - 1]; i++)
			if ((f[i] = strchr(f[i - 1], '\t')))
				*f[i]++ = '\0';
		assert_non_null(f[2]);
		if (!strcmp(f[0], "same")) {
			assert_non_null(f[3]);
			same_name_is(f[1], f[2], !strcmp(f[3], "YES"));
			seen[0]++;
		} else if (!strcmp(f[0], "key")) {
			char *k = key_text(f[1]);
			assert_string_equal(k, f[2]);
			free(k);
			seen[1]++;
		} else {
			bool within = !strcmp(f[0], "within");
			assert_true(within || !strcmp(f[0], "distance"));
			assert_non_null(f[3]);
			if (key_distance(f[1], f[2], within) != strtoul(f[3], NULL, 10))
				fail_msg("%s '%s' '%s': %zu, not %s", f[0], f[1],
					 f[2], key_distance(f[1], f[2], within),
					 f[3]);
			seen[2 + within]++;
		}
	}
	for (int i = 0; i < 4; i++)
		assert_true(seen[i] > 0);
	free(text);
	free(path);
}

/* Well-formed or not as UTF-8 defines it, the two- and three-byte
 * letters passed quickly included: the first bad byte's offset. */
static void utf8_validity(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		long bad; /* -1: valid */
	} v[] = {
		{"ab\xc2\x80", -1},         {"\xdf\xbf", -1},
		{"x\xc1\xbf", 1},           {"x\xc0\x80", 1},
		{"\xe0\xa0\x80", -1},       {"\xe0\x9f\xbf", 0},
		{"\xed\x9f\xbf", -1},       {"ab\xed\xa0\x80", 2},
		{"\xed\xbf\xbf", 0},        {"\xee\x80\x80", -1},
		{"\xef\xbf\xbf", -1},       {"ab\xc3", 2},
		{"\xe1\x80", 0},            {"\xc3\x41", 0},
		{"\xe1\x80\x41", 0},        {"\xe1\xba\xa1\xc3\xa0", -1},
		{"\xf0\x90\x80\x80", -1},   {"\xf4\x90\x80\x80", 0},
		{"\x80", 0},                {"abcdefgh\xc3\xa0\xff", 10},
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		size_t bad = 99;
		bool ok = bc_utf8_valid(v[i].s, strlen(v[i].s), &bad);
		if (ok != (v[i].bad < 0) || (!ok && (long)bad != v[i].bad))
			fail_msg("case %zu: %s at %zu", i,
				 ok ? "valid" : "bad", bad);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validity),
		cmocka_unit_test(same_text_to_a_reader),
		cmocka_unit_test(text_keys),
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
		cmocka_unit_test(names_as_people_type_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

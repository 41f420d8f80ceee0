/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "csv_cell.h"

/* What the csv export writes for text. */
static void cell_of(const char *text, char *out, size_t n)
{
	snprintf(out, n, "%s%s", bc_csv_cell_guarded(text) ? "'" : "", text);
}

static bool formula_lead(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	       c == '\r';
}

static void payloads_guarded(void **state)
{
	test_texts *tx = test_texts_load("base-samples.txt");
	(void)state;
	static const char *const hostile[] = {
		"=HYPERLINK(\"http://x.example/\",\"c\")", "+cmd|' /C calc'!A0",
		"@SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
		"=", "-", "'=1+1", "''@x", NULL};
	char cell[128];
	for (size_t i = 0; hostile[i]; i++) {
		assert_true(bc_csv_cell_guarded(hostile[i]));
		cell_of(hostile[i], cell, sizeof cell);
		assert_int_equal(cell[0], '\'');
		assert_string_equal(bc_csv_cell_text(cell), hostile[i]);
	}
	/* Numbers, negative ones too, and plain text go out as they are. */
	const char *const plain[] = {
		"12", "-12", "+12", "-12.5", "1e5", "-1.5E-3", "0", "12/KH-UBND",
		test_texts_get(tx, "plan"), "", "'", "'abc", "a=b", NULL};
	for (size_t i = 0; plain[i]; i++) {
		assert_false(bc_csv_cell_guarded(plain[i]));
		assert_string_equal(bc_csv_cell_text(plain[i]), plain[i]);
	}
	/* A text that only looks half like a number is guarded. */
	assert_true(bc_csv_cell_guarded("-12."));
	assert_true(bc_csv_cell_guarded("-1e"));
	assert_true(bc_csv_cell_guarded("-.5"));
	assert_true(bc_csv_cell_guarded("--1"));
	test_texts_free(tx);
}

/* Every text of up to five characters from the ones that matter: the
 * cell never starts a formula unless it is a number, and reads back as
 * the text. */
static void every_short_text_round_trips(void **state)
{
	(void)state;
	static const char alphabet[] = "'=+-@\t\r1.eaE";
	const size_t k = sizeof alphabet - 1;
	char text[8], cell[16];
	size_t count = 0;
	for (size_t len = 0; len <= 5; len++) {
		size_t total = 1;
		for (size_t i = 0; i < len; i++)
			total *= k;
		for (size_t code = 0; code < total; code++, count++) {
			size_t c = code;
			for (size_t i = 0; i < len; i++, c /= k)
				text[i] = alphabet[c % k];
			text[len] = '\0';
			cell_of(text, cell, sizeof cell);
			assert_string_equal(bc_csv_cell_text(cell), text);
			if (formula_lead(cell[0]))
				assert_false(bc_csv_cell_guarded(text));
		}
	}
	assert_true(count > 270000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(payloads_guarded),
		cmocka_unit_test(every_short_text_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

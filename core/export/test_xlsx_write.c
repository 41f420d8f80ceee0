/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "text.h"
#include "xlsx_write.h"

static void sheet_names(void **state)
{
	(void)state;
	char out[128];
	char *title = test_fixture("xlsx_write.txt", "title");
	char *sheet = test_fixture("xlsx_write.txt", "sheet");
	char *one_word = test_fixture("xlsx_write.txt", "one_word");
	bc_xlsx_sheet_name("bm1", title, out, sizeof out);
	/* 31 characters at most, cut between words, no trailing comma. */
	assert_string_equal(out, sheet);
	assert_true(bc_utf8_len(out) <= 31);
	bc_xlsx_sheet_name("pl1a", "", out, sizeof out);
	assert_string_equal(out, "pl1a");
	bc_xlsx_sheet_name("x", "a/b [c]: d*? 'e'", out, sizeof out);
	assert_string_equal(out, "x a-b -c-- d-- -e");
	/* One long word is cut at 31 characters. */
	bc_xlsx_sheet_name("id", one_word, out, sizeof out);
	assert_string_equal(out, "id");
	bc_xlsx_sheet_name("abcdefghijabcdefghijabcdefghijabcdefghij", "", out,
			   sizeof out);
	assert_string_equal(out, "abcdefghijabcdefghijabcdefghija");
	free(title);
	free(sheet);
	free(one_word);
}

/* Dates as tables write them, and a date not known. */
static void dates_in_documents(void **state)
{
	(void)state;
	char out[64];
	bc_xlsx_dmy(bc_date_from_ymd(2023, 2, 8), out, sizeof out);
	assert_string_equal(out, "08/02/2023");
	bc_xlsx_dmy(BC_DATE_NONE, out, sizeof out);
	assert_string_equal(out, "…");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sheet_names),
		cmocka_unit_test(dates_in_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

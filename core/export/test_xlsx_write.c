/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "text.h"
#include "xlsx_write.h"

static void sheet_names(void **state)
{
	(void)state;
	char out[128];
	bc_xlsx_sheet_name("bm1", "Kết quả xây dựng, ban hành văn bản QPPL",
			   out, sizeof out);
	/* 31 characters at most, cut between words, no trailing comma. */
	assert_string_equal(out, "bm1 Kết quả xây dựng, ban hành");
	assert_true(bc_utf8_len(out) <= 31);
	bc_xlsx_sheet_name("pl1a", "", out, sizeof out);
	assert_string_equal(out, "pl1a");
	bc_xlsx_sheet_name("x", "a/b [c]: d*? 'e'", out, sizeof out);
	assert_string_equal(out, "x a-b -c-- d-- -e");
	/* One long word is cut at 31 characters. */
	bc_xlsx_sheet_name("id", "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ", out,
			   sizeof out);
	assert_string_equal(out, "id");
	bc_xlsx_sheet_name("abcdefghijabcdefghijabcdefghijabcdefghij", "", out,
			   sizeof out);
	assert_string_equal(out, "abcdefghijabcdefghijabcdefghija");
}

/* Dates as documents write them, and a date left for the hand. */
static void dates_in_documents(void **state)
{
	(void)state;
	char out[64];
	bc_xlsx_dmy(bc_date_from_ymd(2023, 2, 8), out, sizeof out);
	assert_string_equal(out, "08/02/2023");
	bc_xlsx_dmy(BC_DATE_NONE, out, sizeof out);
	assert_string_equal(out, "…");
	bc_xlsx_date_words(bc_date_from_ymd(2023, 3, 4), out, sizeof out);
	assert_string_equal(out, "Ngày 04 tháng 03 năm 2023");
	bc_xlsx_date_words(BC_DATE_NONE, out, sizeof out);
	assert_string_equal(out, "Ngày ..... tháng ..... năm ......");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sheet_names),
		cmocka_unit_test(dates_in_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

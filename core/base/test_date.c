/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "date.h"

static bc_date ymd(int y, int m, int d)
{
	return bc_date_from_ymd(y, m, d);
}

static void epoch_and_round_trip(void **state)
{
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(ymd(1969, 12, 31), -1);
	assert_int_equal(ymd(2000, 3, 1), 11017);
	/* Every day of four centuries survives to_ymd(from_ymd()). */
	for (bc_date d = ymd(1900, 1, 1); d <= ymd(2300, 12, 31); d++) {
		int y, m, day;
		bc_date_to_ymd(d, &y, &m, &day);
		assert_true(bc_ymd_valid(y, m, day));
		assert_int_equal(ymd(y, m, day), d);
	}
}

static void leap_years(void **state)
{
	assert_true(bc_is_leap(2024));
	assert_true(bc_is_leap(2000));
	assert_false(bc_is_leap(1900));
	assert_false(bc_is_leap(2023));
	assert_int_equal(bc_days_in_month(2024, 2), 29);
	assert_int_equal(bc_days_in_month(2023, 2), 28);
	assert_int_equal(ymd(2024, 3, 1) - ymd(2024, 2, 28), 2);
	assert_int_equal(ymd(2023, 3, 1) - ymd(2023, 2, 28), 1);
}

static void year_end(void **state)
{
	bc_date d;
	assert_true(bc_date_parse("2022-12-31", &d));
	char buf[BC_DATE_BUF];
	bc_date_format(d + 1, buf);
	assert_string_equal(buf, "2023-01-01");
	/* The cumulative window: 10 December of the year before. */
	assert_int_equal(ymd(2023, 3, 10) - ymd(2022, 12, 10), 90);
}

static void strict_dates(void **state)
{
	bc_date d;
	const char *bad[] = {"2023-02-29", "2023-13-01", "2023-00-10",
			     "2023-1-10",  "23-01-10",   "2023-01-10x",
			     "",           "2023/01/10", "2023-04-31"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(bc_date_parse(bad[i], &d));
	assert_false(bc_date_parse(NULL, &d));
	assert_true(bc_date_parse("2024-02-29", &d));
}

static void dates_as_people_type_them(void **state)
{
	bc_date d;
	char buf[BC_DATE_BUF];
	assert_true(bc_date_parse_any("10/03/2023", &d));
	assert_int_equal(d, bc_date_from_ymd(2023, 3, 10));
	bc_date_format_dmy(d, buf);
	assert_string_equal(buf, "10/03/2023");
	assert_true(bc_date_parse_any("5/1/2023", &d));
	assert_int_equal(d, bc_date_from_ymd(2023, 1, 5));
	assert_true(bc_date_parse_any("2023-03-10", &d));
	assert_int_equal(d, bc_date_from_ymd(2023, 3, 10));
	assert_true(bc_date_parse_any("29/02/2024", &d));
	const char *bad[] = {"29/02/2023", "31/04/2023", "10/13/2023",
			     "00/01/2023", "10/03/23", "10/03/20230",
			     "100/3/2023", "10-03-2023", "10/03/2023 ",
			     "/03/2023", "10//2023", "10/03/0000", "", NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(bc_date_parse_any(bad[i], &d));
	assert_false(bc_date_parse_any(NULL, &d));
	bc_date_format_dmy(bc_date_from_ymd(1, 2, 3), buf);
	assert_string_equal(buf, "03/02/0001");
}

static void weekday(void **state)
{
	assert_int_equal(bc_date_weekday(0), 3);           /* Thursday */
	assert_int_equal(bc_date_weekday(ymd(2023, 2, 28)), 1); /* Tuesday */
	assert_int_equal(bc_date_weekday(ymd(1969, 12, 29)), 0);
}

static void timestamps_in_vietnam_time(void **state)
{
	bc_time t;
	int off;
	const int vn = 7 * 60;
	/* 17:30Z on 28 February is 00:30 on 1 March in Vietnam. */
	assert_true(bc_time_parse("2023-02-28T17:30:00Z", vn, &t, &off));
	assert_int_equal(off, 0);
	assert_int_equal(bc_time_date(t, vn), ymd(2023, 3, 1));
	char buf[BC_TIME_BUF];
	bc_time_format(t, vn, buf);
	assert_string_equal(buf, "2023-03-01T00:30:00+07:00");
	/* 23:30 +07:00 on the 28th is still the 28th. */
	assert_true(bc_time_parse("2023-02-28T23:30:00+07:00", vn, &t, NULL));
	assert_int_equal(bc_time_date(t, vn), ymd(2023, 2, 28));
	/* No offset: the default applies. */
	assert_true(bc_time_parse("2023-02-28T23:30", vn, &t, &off));
	assert_int_equal(off, vn);
	assert_int_equal(bc_time_date(t, vn), ymd(2023, 2, 28));
	/* A date alone is midnight at the default offset. */
	assert_true(bc_time_parse("2023-02-28", vn, &t, NULL));
	assert_int_equal(t, bc_date_start(ymd(2023, 2, 28), vn));
	/* Fractions and a space separator. */
	assert_true(bc_time_parse("2023-02-28 09:00:00.250-05:30", vn, &t,
				  &off));
	assert_int_equal(off, -330);
	bc_time_format(t, vn, buf);
	assert_string_equal(buf, "2023-02-28T21:30:00+07:00");
}

/* Timestamps typed day first, as dates are: the same instants as ISO's. */
static void timestamps_as_people_type_them(void **state)
{
	const int vn = 7 * 60;
	const char *pairs[][2] = {
		{"26/02/2023 09:30", "2023-02-26T09:30"},
		{"26/2/2023 09:30:15", "2023-02-26T09:30:15"},
		{"26/02/2023", "2023-02-26"},
		{"1/3/2023 00:30+08:00", "2023-03-01T00:30+08:00"},
		{"26/02/2023 23:59:59Z", "2023-02-26T23:59:59Z"},
		{"2023-02-26T09:30:00+07:00", "2023-02-26T09:30:00+07:00"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		bc_time a, b;
		int oa, ob;
		if (!bc_time_parse_any(pairs[i][0], vn, &a, &oa))
			fail_msg("refused %s", pairs[i][0]);
		assert_true(bc_time_parse(pairs[i][1], vn, &b, &ob));
		assert_int_equal(a, b);
		assert_int_equal(oa, ob);
	}
	bc_time t;
	const char *bad[] = {"26/02/2023 ", "26/02/2023  09:30",
			     "26/02/2023T09:30", "26/02/2023 9:30",
			     "29/02/2023 09:30", "26/02/2023 24:00",
			     "26/02/23 09:30", "26-02-2023 09:30",
			     "26/02/2023 09:30 +07:00", " 26/02/2023", "",
			     "26/02/2023 09:30:00:00",
			     "26/02/2023 09:30aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (bc_time_parse_any(bad[i], vn, &t, NULL))
			fail_msg("accepted '%s'", bad[i]);
	assert_false(bc_time_parse_any(NULL, vn, &t, NULL));
}

static void timestamps_as_people_read_them(void **state)
{
	bc_time t;
	const int vn = 7 * 60;
	char buf[BC_TIME_DMY_BUF];
	/* 17:30:59Z on 28 February is 00:30 on 1 March in Vietnam. */
	assert_true(bc_time_parse("2023-02-28T17:30:59Z", vn, &t, NULL));
	bc_time_format_dmy(t, vn, buf);
	assert_string_equal(buf, "01/03/2023 00:30");
	bc_time_format_dmy(t, 0, buf);
	assert_string_equal(buf, "28/02/2023 17:30");
	/* Before the epoch, at a negative offset. */
	assert_true(bc_time_parse("1969-12-31T23:05:00Z", vn, &t, NULL));
	bc_time_format_dmy(t, -330, buf);
	assert_string_equal(buf, "31/12/1969 17:35");
}

static void bad_timestamps(void **state)
{
	bc_time t;
	const char *bad[] = {"2023-02-28T24:00:00Z", "2023-02-28T12",
			     "2023-02-28T12:00:00+7",  "2023-02-28T12:60",
			     "2023-02-28X12:00",      "2023-02-28T12:00:00+15:00",
			     "2023-02-30T12:00:00Z",  "2023-02-28T12:00:00.Z"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (bc_time_parse(bad[i], 420, &t, NULL))
			fail_msg("accepted %s", bad[i]);
	}
}

static void serial_is(const char *text, bool date1904, const char *want)
{
	bc_date d;
	char buf[BC_DATE_BUF];
	assert_true(bc_date_from_serial(text, date1904, &d));
	bc_date_format(d, buf);
	assert_string_equal(buf, want);
}

/* A day as a spreadsheet stores it, in either date system. */
static void spreadsheet_serials(void **state)
{
	(void)state;
	bc_date d;
	serial_is("44985", false, "2023-02-28");
	serial_is("43524", true, "2023-03-01");
	serial_is("44985.75", false, "2023-02-28");
	serial_is("1", false, "1900-01-01");
	serial_is("59", false, "1900-02-28");
	serial_is("61", false, "1900-03-01");
	assert_false(bc_date_from_serial("60", false, &d)); /* 29/02/1900 */
	assert_false(bc_date_from_serial("0", false, &d));
	assert_false(bc_date_from_serial("12a", false, &d));
	assert_false(bc_date_from_serial("2958466", false, &d));
}

static void dates_before_epoch(void **state)
{
	bc_time t;
	assert_true(bc_time_parse("1969-12-31T23:00:00Z", 420, &t, NULL));
	assert_int_equal(bc_time_date(t, 0), -1);
	assert_int_equal(bc_time_date(t, 420), 0);
	char buf[BC_TIME_BUF];
	bc_time_format(t, 0, buf);
	assert_string_equal(buf, "1969-12-31T23:00:00+00:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epoch_and_round_trip),
		cmocka_unit_test(leap_years),
		cmocka_unit_test(year_end),
		cmocka_unit_test(strict_dates),
		cmocka_unit_test(weekday),
		cmocka_unit_test(dates_as_people_type_them),
		cmocka_unit_test(timestamps_in_vietnam_time),
		cmocka_unit_test(timestamps_as_people_read_them),
		cmocka_unit_test(bad_timestamps),
		cmocka_unit_test(timestamps_as_people_type_them),
		cmocka_unit_test(dates_before_epoch),
		cmocka_unit_test(spreadsheet_serials),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

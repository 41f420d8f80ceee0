/* SPDX-License-Identifier: MIT */
/*
 * Working days at their edges, on the days off of 2025 and 2026 as the
 * government set them for cán bộ, công chức (rules/_common/holidays-vn.lua
 * cites the notices): Tết across a month end, a make-up Saturday, a count
 * from a holiday, a holiday over a weekend, an unknown year, a Tết not yet
 * decided.
 */
#include "test.h"

#include "mem.h"
#include "workday.h"

static bc_date ymd(int y, int m, int d)
{
	return bc_date_from_ymd(y, m, d);
}

/* Given out of order: init sorts them, in place (a copy each test). */
static const struct {
	int y, m, d, y2, m2, d2;
	const char *label;
	bool undecided;
} HOLIDAYS[] = {
	{2026, 2, 14, 2026, 2, 22, "Lunar New Year 2026", false},
	{2025, 1, 25, 2025, 2, 2, "Lunar New Year 2025", false},
	{2026, 1, 1, 2026, 1, 4, "New Year 2026", false},
	{2025, 4, 7, 2025, 4, 7, "Hung Kings 2025", false},
	{2027, 2, 1, 2027, 2, 14, "Lunar New Year 2027", true},
};
#define N_HOLIDAYS (sizeof HOLIDAYS / sizeof *HOLIDAYS)
static bc_holiday H[N_HOLIDAYS];
static bc_makeup M[2];

static bc_workcal cal(void)
{
	for (size_t i = 0; i < N_HOLIDAYS; i++)
		H[i] = (bc_holiday){
			ymd(HOLIDAYS[i].y, HOLIDAYS[i].m, HOLIDAYS[i].d),
			ymd(HOLIDAYS[i].y2, HOLIDAYS[i].m2, HOLIDAYS[i].d2),
			HOLIDAYS[i].label, HOLIDAYS[i].undecided};
	M[0] = (bc_makeup){ymd(2026, 1, 10), "worked for 02/01/2026"};
	M[1] = (bc_makeup){ymd(2025, 4, 26), "worked for 02/05/2025"};
	bc_workcal c;
	bc_workcal_init(&c, H, N_HOLIDAYS, M, 2);
	return c;
}

static bc_date add(const bc_workcal *c, bc_date after, int n)
{
	bc_date out;
	assert_int_equal(bc_workcal_add(c, after, n, &out), BC_DAY_WORKING);
	return out;
}

static void weekends_skipped(void **state)
{
	bc_workcal c = cal();
	/* Tue 10/03/2026: Wed 11 (1) … Fri 13 (3), Mon 16 (4), Tue 17 (5). */
	assert_int_equal(add(&c, ymd(2026, 3, 10), 5), ymd(2026, 3, 17));
	/* The day after is the first; the day itself never counts. */
	assert_int_equal(add(&c, ymd(2026, 3, 10), 1), ymd(2026, 3, 11));
	/* From a Friday, the weekend is skipped: Monday. */
	assert_int_equal(add(&c, ymd(2026, 3, 13), 1), ymd(2026, 3, 16));
	/* From a Saturday too. */
	assert_int_equal(add(&c, ymd(2026, 3, 14), 1), ymd(2026, 3, 16));
}

static void tet_across_a_month_end(void **state)
{
	bc_workcal c = cal();
	/* Fri 24/01/2025, then Tết 25/01 – 02/02: Mon 03/02 is the first. */
	assert_int_equal(add(&c, ymd(2025, 1, 24), 1), ymd(2025, 2, 3));
	assert_int_equal(add(&c, ymd(2025, 1, 24), 5), ymd(2025, 2, 7));
	/* From Wed 22/01: Thu 23 (1), Fri 24 (2), Mon 03/02 (3). */
	assert_int_equal(add(&c, ymd(2025, 1, 22), 3), ymd(2025, 2, 3));
	bc_dayrun *r;
	size_t n;
	assert_int_equal(bc_workcal_runs(&c, ymd(2025, 1, 22), ymd(2025, 2, 3),
					 &r, &n),
			 BC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].kind, BC_DAY_WORKING);
	assert_int_equal(r[0].from, ymd(2025, 1, 23));
	assert_int_equal(r[0].to, ymd(2025, 1, 24));
	assert_int_equal(r[0].first, 1);
	assert_int_equal(r[0].last, 2);
	assert_int_equal(r[1].kind, BC_DAY_HOLIDAY);
	assert_string_equal(r[1].label, "Lunar New Year 2025");
	assert_int_equal(r[1].from, ymd(2025, 1, 25));
	assert_int_equal(r[1].to, ymd(2025, 2, 2));
	assert_int_equal(r[2].first, 3);
	assert_int_equal(r[2].last, 3);
	bc_free(r);
}

static void makeup_saturday_counts(void **state)
{
	bc_workcal c = cal();
	/* Fri 25/04/2025: Sat 26/04 is worked (for Fri 02/05), so it is
	 * the first; Sun 27 is not; Mon 28 the second. */
	assert_int_equal(add(&c, ymd(2025, 4, 25), 1), ymd(2025, 4, 26));
	assert_int_equal(add(&c, ymd(2025, 4, 25), 2), ymd(2025, 4, 28));
	const char *label;
	assert_int_equal(bc_workcal_day(&c, ymd(2025, 4, 26), &label),
			 BC_DAY_MAKEUP);
	assert_string_equal(label, "worked for 02/05/2025");
	assert_int_equal(bc_workcal_day(&c, ymd(2025, 4, 27), &label),
			 BC_DAY_WEEKEND);
	assert_null(label);
	/* New Year 2026 over a weekend (Thu 1 – Sun 4), Sat 10 worked:
	 * from Wed 31/12/2025, Mon 5 is the first, Sat 10 the fifth. */
	assert_int_equal(add(&c, ymd(2025, 12, 31), 5), ymd(2026, 1, 9));
	assert_int_equal(add(&c, ymd(2025, 12, 31), 6), ymd(2026, 1, 10));
	assert_int_equal(add(&c, ymd(2025, 12, 31), 7), ymd(2026, 1, 12));
}

static void window_ending_on_a_holiday(void **state)
{
	bc_workcal c = cal();
	/* A window ends on Mon 16/02/2026, in Tết: counting starts after
	 * Tết, Mon 23/02. */
	assert_int_equal(add(&c, ymd(2026, 2, 16), 1), ymd(2026, 2, 23));
	assert_int_equal(add(&c, ymd(2026, 2, 16), 5), ymd(2026, 2, 27));
	/* On Giỗ Tổ, Mon 07/04/2025: Tue 08 is the first. */
	assert_int_equal(add(&c, ymd(2025, 4, 7), 1), ymd(2025, 4, 8));
	/* Ending the Friday before it: Mon 07 is skipped. */
	assert_int_equal(add(&c, ymd(2025, 4, 4), 1), ymd(2025, 4, 8));
}

static void holiday_over_a_weekend(void **state)
{
	bc_workcal c = cal();
	/* Tết 2026 runs Sat 14 – Sun 22: its weekend days are the
	 * holiday's, one run with it, not a weekend apart. */
	const char *label;
	assert_int_equal(bc_workcal_day(&c, ymd(2026, 2, 14), &label),
			 BC_DAY_HOLIDAY);
	assert_string_equal(label, "Lunar New Year 2026");
	bc_dayrun *r;
	size_t n;
	assert_int_equal(bc_workcal_runs(&c, ymd(2026, 2, 10), ymd(2026, 2, 24),
					 &r, &n),
			 BC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].last, 3); /* Wed 11 – Fri 13 */
	assert_int_equal(r[1].from, ymd(2026, 2, 14));
	assert_int_equal(r[1].to, ymd(2026, 2, 22));
	assert_int_equal(r[2].first, 4);
	assert_int_equal(r[2].last, 5);
	bc_free(r);
	assert_int_equal(add(&c, ymd(2026, 2, 10), 5), ymd(2026, 2, 24));
}

static void unknown_year_stops(void **state)
{
	bc_workcal c = cal();
	bc_date at;
	assert_true(bc_workcal_knows(&c, 2025));
	assert_false(bc_workcal_knows(&c, 2024));
	/* 2024 has no holiday here: not a year without holidays. */
	assert_int_equal(bc_workcal_add(&c, ymd(2024, 3, 10), 5, &at),
			 BC_DAY_UNKNOWN);
	assert_int_equal(at, ymd(2024, 3, 11));
	/* Into it from a known year: stops on its first day. */
	assert_int_equal(bc_workcal_add(&c, ymd(2023, 12, 29), 1, &at),
			 BC_DAY_UNKNOWN);
	assert_int_equal(at, ymd(2023, 12, 30));
	/* An empty calendar knows no year. */
	bc_workcal none;
	bc_workcal_init(&none, NULL, 0, NULL, 0);
	assert_int_equal(bc_workcal_add(&none, ymd(2026, 3, 10), 1, &at),
			 BC_DAY_UNKNOWN);
}

static void undecided_holiday_stops(void **state)
{
	bc_workcal c = cal();
	bc_date at;
	const char *label;
	/* Fri 29/01/2027: the days off of Tết 2027 are not yet set. */
	assert_int_equal(bc_workcal_add(&c, ymd(2027, 1, 29), 2, &at),
			 BC_DAY_UNDECIDED);
	assert_int_equal(at, ymd(2027, 2, 1));
	assert_int_equal(bc_workcal_day(&c, at, &label), BC_DAY_UNDECIDED);
	assert_string_equal(label, "Lunar New Year 2027");
	/* Before it, counting goes on. */
	assert_int_equal(add(&c, ymd(2027, 1, 27), 2), ymd(2027, 1, 29));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(weekends_skipped),
		cmocka_unit_test(tet_across_a_month_end),
		cmocka_unit_test(makeup_saturday_counts),
		cmocka_unit_test(window_ending_on_a_holiday),
		cmocka_unit_test(holiday_over_a_weekend),
		cmocka_unit_test(unknown_year_stops),
		cmocka_unit_test(undecided_holiday_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

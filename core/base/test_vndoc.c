/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "vndoc.h"

static char *expected(const char *name)
{
	return test_fixture("vndoc.txt", name);
}

static void is(const char *got, const char *name)
{
	char *want = expected(name);
	assert_string_equal(got, want);
	free(want);
}

static void words(void **state)
{
	(void)state;
	is(bc_vndoc_word(BC_VN_NATION), "nation");
	is(bc_vndoc_word(BC_VN_MOTTO), "motto");
	is(bc_vndoc_word(BC_VN_YES), "yes");
	is(bc_vndoc_word(BC_VN_NO), "no");
	is(bc_vndoc_bool_format(), "bool_format");
	assert_string_equal(bc_vndoc_key(BC_VN_NATION), "nation");
	for (int w = 0; w < BC_VN_N; w++)
		assert_true(*bc_vndoc_word((bc_vnword)w) &&
			    *bc_vndoc_key((bc_vnword)w));
	assert_string_equal(bc_vndoc_word(BC_VN_N), "");
}

static void yes_and_no(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		bool ok, v;
	} cases[] = {{"yes", true, true},      {"no", true, false},
		     {"yes_caps", true, true}, {"no_caps", true, false},
		     {"no_lower", true, false}, {"not_bool", false, false}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = expected(cases[i].name);
		bool v = !cases[i].v;
		assert_int_equal(bc_vndoc_bool_parse(s, &v), cases[i].ok);
		if (cases[i].ok)
			assert_int_equal(v, cases[i].v);
		free(s);
	}
	bool v = true;
	assert_false(bc_vndoc_bool_parse("true", &v));
	assert_false(bc_vndoc_bool_parse(NULL, &v));
	assert_false(bc_vndoc_bool_parse("a rather long word to refuse", &v));
	assert_true(v);
}

/* Nghị định 30: a day below 10 and the months 1 and 2 take a leading 0. */
static void dates(void **state)
{
	(void)state;
	char out[64];
	bc_vndoc_date(bc_date_from_ymd(2023, 3, 4), out, sizeof out);
	is(out, "date_0304");
	bc_vndoc_date(bc_date_from_ymd(2023, 2, 8), out, sizeof out);
	is(out, "date_0208");
	bc_vndoc_date(bc_date_from_ymd(2023, 12, 25), out, sizeof out);
	is(out, "date_1225");
	bc_vndoc_date(BC_DATE_NONE, out, sizeof out);
	is(out, "date_none");
}

/* The header's place and date: "ngày" in lower case, the same zeros. */
static void place_dates(void **state)
{
	(void)state;
	char out[96], *place = expected("place");
	bc_vndoc_place_date(place, bc_date_from_ymd(2023, 3, 4), out,
			    sizeof out);
	is(out, "place_0304");
	bc_vndoc_place_date(place, bc_date_from_ymd(2024, 1, 9), out,
			    sizeof out);
	is(out, "place_0109");
	bc_vndoc_place_date(place, bc_date_from_ymd(2023, 11, 30), out,
			    sizeof out);
	is(out, "place_1130");
	bc_vndoc_place_date(place, BC_DATE_NONE, out, sizeof out);
	is(out, "place_none");
	bc_vndoc_place_date(NULL, bc_date_from_ymd(2023, 3, 4), out,
			    sizeof out);
	is(out, "unplaced_0304");
	free(place);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words),
		cmocka_unit_test(yes_and_no),
		cmocka_unit_test(dates),
		cmocka_unit_test(place_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * Summaries filled with figures: the sections of tests/rules/summaries
 * rendered from the aggregate in tests/data/summary-agg.json, with last
 * year's figures, without them, and from a period nobody reported for;
 * the sentences expected are in tests/data/summary.txt.
 */
#include "test.h"

#include "jsonout.h"
#include "summary_render.h"

#include <jansson.h>

typedef struct fx {
	bc_ruleset *rs;
	json_t *agg;
	test_texts *want;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	bc_diags d = BC_DIAGS_INIT;
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/tests/rules/summaries",
		 test_source_root());
	if (bc_ruleset_load_dir("summaries", dir, NULL, &f->rs, &d) != BC_OK)
		test_diags_print(&d);
	bc_diags_free(&d);
	char *path = test_fixture_path("summary-agg.json");
	f->agg = json_load_file(path, 0, NULL);
	free(path);
	f->want = test_texts_load("summary.txt");
	*state = f;
	return f->rs && f->agg ? 0 : -1;
}

static int teardown(void **state)
{
	fx *f = *state;
	bc_ruleset_free(f->rs);
	json_decref(f->agg);
	test_texts_free(f->want);
	free(f);
	return 0;
}

static void section_is(fx *f, const char *id, const json_t *agg,
		       const char *want)
{
	char *got = NULL;
	const bc_section *s = bc_ruleset_section(f->rs, id);
	assert_non_null(s);
	assert_int_equal(bc_section_summary(f->rs, s, agg, &got), BC_OK);
	assert_non_null(got);
	assert_string_equal(got, test_texts_get(f->want, want));
	bc_free(got);
}

static void with_last_year(void **state)
{
	fx *f = *state;
	section_is(f, "A", f->agg, "a_full");
	section_is(f, "B", f->agg, "b_full");
}

/* Each "previous" taken out: an aggregate made without --compare. */
static void drop_previous(json_t *o)
{
	const char *k;
	json_t *v;
	json_object_del(o, "previous");
	json_object_foreach(o, k, v) if (json_is_object(v)) drop_previous(v);
}

static void without_last_year(void **state)
{
	fx *f = *state;
	json_t *agg = json_deep_copy(f->agg);
	drop_previous(agg);
	section_is(f, "A", agg, "a_alone");
	json_decref(agg);
}

static void nobody_reported(void **state)
{
	fx *f = *state;
	json_t *agg = json_pack("{s:s, s:{}, s:{}}", "period", "2023-Q1",
				"forms", "missing_units");
	section_is(f, "A", agg, "a_empty");
	/* Every sentence of B gives figures nobody reported: no summary. */
	char *got = (char *)"x";
	assert_int_equal(bc_section_summary(f->rs, bc_ruleset_section(f->rs, "B"),
					    agg, &got),
			 BC_OK);
	assert_null(got);
	/* A sentence alone is written whole, with its dashes. */
	const bc_section *a = bc_ruleset_section(f->rs, "A");
	assert_int_equal(bc_summary_render(f->rs, &a->summaries[0], agg, &got),
			 BC_OK);
	assert_non_null(strstr(got, " - "));
	bc_free(got);
	json_decref(agg);
}

/* One sentence at a time, and a section without a summary. */
static void one_sentence(void **state)
{
	fx *f = *state;
	const bc_section *s = bc_ruleset_section(f->rs, "A");
	char *got = NULL;
	assert_int_equal(bc_summary_render(f->rs, &s->summaries[5], f->agg,
					   &got),
			 BC_OK);
	const char *all = test_texts_get(f->want, "a_full");
	assert_non_null(strstr(all, got));
	assert_int_equal(strlen(all) - strlen(strstr(all, got)) + strlen(got),
			 strlen(all));
	bc_free(got);
	bc_section none = {0};
	got = (char *)"x";
	assert_int_equal(bc_section_summary(f->rs, &none, f->agg, &got), BC_OK);
	assert_null(got);
}

/* A unit's own report: the section's unit_summary from the same
 * figures; a section without one says nothing, never the district's. */
static void unit_words(void **state)
{
	fx *f = *state;
	char *got = NULL;
	assert_int_equal(bc_section_unit_summary(f->rs,
						 bc_ruleset_section(f->rs, "A"),
						 f->agg, &got),
			 BC_OK);
	assert_non_null(got);
	assert_string_equal(got, test_texts_get(f->want, "a_unit"));
	bc_free(got);
	got = (char *)"x";
	assert_int_equal(bc_section_unit_summary(f->rs,
						 bc_ruleset_section(f->rs, "B"),
						 f->agg, &got),
			 BC_OK);
	assert_null(got);
}

/* An indicator down (in points), a figure down to 0 (-100 %), a level
 * whose figure last year was 0 (no percent to give): worded by the
 * rules, never "nan" or "inf". */
static void changes(void **state)
{
	fx *f = *state;
	const bc_section *s = bc_ruleset_section(f->rs, "A");
	json_t *agg = json_deep_copy(f->agg);
	json_t *ind = json_object_get(json_object_get(json_object_get(
		json_object_get(agg, "forms"), "cd"), "indicators"), "ty_le_ht");
	json_object_set_new(json_object_get(ind, "previous"), "total",
			    json_real(99.9));
	json_t *vb = json_object_get(json_object_get(json_object_get(
		json_object_get(agg, "forms"), "cd"), "fields"), "vb");
	json_object_set_new(vb, "total", json_integer(0));
	json_object_set_new(json_object_get(vb, "previous"), "xa",
			    json_integer(0));
	char *got = NULL;
	assert_int_equal(bc_section_summary(f->rs, s, agg, &got), BC_OK);
	assert_string_equal(got, test_texts_get(f->want, "a_changed"));
	assert_null(strstr(got, "nan"));
	assert_null(strstr(got, "inf"));
	bc_free(got);
	json_decref(agg);
}

/* A figure beyond what a number is written as (1e300 of money): "-",
 * and its change too, not "tăng - (-)". */
static void beyond_numbers(void **state)
{
	fx *f = *state;
	const bc_section *s = bc_ruleset_section(f->rs, "A");
	json_t *agg = json_deep_copy(f->agg);
	json_t *m = json_object_get(json_object_get(json_object_get(
		json_object_get(agg, "forms"), "cd"), "fields"), "kinh_phi");
	json_object_set_new(m, "total", json_real(1e300));
	char *got = NULL;
	assert_int_equal(bc_summary_render(f->rs, &s->summaries[2], agg, &got),
			 BC_OK);
	assert_string_equal(got, test_texts_get(f->want, "a_huge"));
	bc_free(got);
	json_decref(agg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(with_last_year),
		cmocka_unit_test(without_last_year),
		cmocka_unit_test(nobody_reported),
		cmocka_unit_test(one_sentence),
		cmocka_unit_test(unit_words),
		cmocka_unit_test(changes),
		cmocka_unit_test(beyond_numbers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

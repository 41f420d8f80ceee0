/* SPDX-License-Identifier: MIT */
/*
 * The figures of a derived period, under the test ruleset
 * tests/rules/derived-periods (2023-Q2 = H1 - Q1, M9 = H1 + Q3,
 * Q4 = Y - M9): sums by the arithmetic and exact, stocks the latest
 * part's, a unit without a part missing (and which part said), the
 * revisions in force as of a day, the status of each unit, and what an
 * export reads of them.  Every expected figure is a literal with its
 * arithmetic beside it.
 */
#include "test_submit.h"

#include "aggregate.h"
#include "derive.h"
#include "import.h"
#include "jsonout.h"
#include "status.h"

#include <jansson.h>

/* The last aggregate, f->extra. */
static void agg_free(fx *f)
{
	json_decref(f->extra);
	f->extra = NULL;
}

/* A store, the test ruleset alone, the district of
 * tests/data/derived-units.csv (vp, xa-a, xa-b, xa-c). */
static void fx_open_derived(fx *f)
{
	f->extra_free = agg_free;
	char *db = test_path(f->dir, "baocao.db");
	assert_int_equal(bc_store_open(db, true, &f->st, &f->d), BC_OK);
	free(db);
	bc_time now;
	assert_true(bc_time_parse("2023-12-20T10:00:00+07:00", 420, &now,
				  NULL));
	bc_store_set_clock(f->st, now);
	test_mkdir(f->dir, "rules");
	char *rules = test_path(f->dir, "rules");
	test_link_source(rules, "derived-periods", "tests/rules/derived-periods");
	if (bc_rulebook_load(rules, NULL, &f->rb, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("tests/rules/derived-periods does not load");
	}
	free(rules);
	char *units = test_fixture_path("derived-units.csv");
	bc_units_import_result res;
	assert_int_equal(bc_units_import(f->st, f->rb, units, &res, &f->d),
			 BC_OK);
	free(units);
	bc_diags_free(&f->d);
}

/* Imports unit's form mc for period, received at (day, 09:00). */
static void submit(fx *f, const char *unit, const char *period,
		   const char *day, const char *mc)
{
	char name[64], text[2048];
	test_texts *tx = test_texts_load("submission-samples.txt");
	snprintf(text, sizeof text,
		 "{\"unit\": \"%s\", \"period\": \"%s\",\n"
		 " \"signed_by\": {\"name\": \"%s\", \"title\": \"%s\"},\n"
		 " \"received_at\": \"%sT09:00:00+07:00\",\n"
		 " \"forms\": {\"mc\": {%s}}}\n",
		 unit, period, test_texts_get(tx, "signer_name"),
		 test_texts_get(tx, "signer_title"), day, mc);
	test_texts_free(tx);
	snprintf(name, sizeof name, "%s-%s.json", unit, period);
	test_write(f->dir, name, text);
	char *path = test_path(f->dir, name);
	bc_import_opts o = {.tz_offset = 420};
	bc_import_result res = {0};
	bc_err rc = bc_import_file(f->st, f->rb, path, &o, false, &res, &f->d);
	bool ok = rc == BC_OK && res.accepted;
	bc_import_result_free(&res);
	free(path);
	if (!ok) {
		test_diags_print(&f->d);
		fail_msg("%s: refused", name);
	}
	bc_diags_free(&f->d);
}

/* Q1 and H1, cumulative; xa-c sent no Q1. */
static void load(fx *f)
{
	submit(f, "xa-a", "2023-Q1", "2023-02-25",
	       "\"tthc_tong\": 100, \"tthc_truc_tuyen\": 40,"
	       " \"hs_tiep_nhan\": 120, \"hs_dung_han\": 90,"
	       " \"hs_da_giai_quyet\": 100, \"kinh_phi\": 0.1,"
	       " \"cong_khai\": false");
	submit(f, "xa-b", "2023-Q1", "2023-02-26",
	       "\"tthc_tong\": 80, \"hs_tiep_nhan\": 60, \"kinh_phi\": 5");
	submit(f, "xa-a", "2023-H1", "2023-05-25",
	       "\"tthc_tong\": 110, \"tthc_truc_tuyen\": 55,"
	       " \"hs_tiep_nhan\": 300, \"hs_dung_han\": 250,"
	       " \"hs_da_giai_quyet\": 270, \"kinh_phi\": 0.3,"
	       " \"cong_khai\": true");
	/* Less money than in Q1: the parts disagree.  No hs_dung_han in
	 * Q1: none in Q2 either. */
	submit(f, "xa-b", "2023-H1", "2023-05-30",
	       "\"tthc_tong\": 85, \"hs_tiep_nhan\": 150, \"kinh_phi\": 4.5,"
	       " \"hs_dung_han\": 100");
	submit(f, "xa-c", "2023-H1", "2023-05-26",
	       "\"tthc_tong\": 50, \"hs_tiep_nhan\": 40");
}

static json_t *aggregate(fx *f, const char *period, bc_time until)
{
	bc_agg_opts o = {.unit_values = true, .until = until};
	json_t *agg = NULL;
	agg_free(f);
	if (bc_aggregate(f->st, f->rb, period, &o, &agg, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("aggregate %s failed", period);
	}
	return f->extra = agg;
}

/* v, a number of the aggregate's JSON, written exactly, is want. */
static void dec_is(const json_t *v, const char *want)
{
	bc_dec d;
	char buf[BC_DEC_BUF];
	if (!bc_json_get_dec(v, &d))
		fail_msg("no number where %s was wanted", want);
	bc_dec_text(d, buf);
	if (strcmp(buf, want))
		fail_msg("%s, not %s", buf, want);
}

static json_t *unit_values(fx *f, const char *unit)
{
	return json_object_get(
		json_object_get(json_object_get(f->extra, "values"), "mc"), unit);
}

static void sums_snaps_and_parts(void **state)
{
	fx *f = *state;
	fx_open_derived(f);
	load(f);
	aggregate(f, "2023-Q2", 0);
	json_t *a = unit_values(f, "xa-a"), *b = unit_values(f, "xa-b");
	dec_is(json_object_get(a, "hs_tiep_nhan"), "180");  /* 300 - 120 */
	dec_is(json_object_get(a, "hs_da_giai_quyet"), "170");
	dec_is(json_object_get(a, "kinh_phi"), "0.2"); /* 0.3 - 0.1, exactly */
	dec_is(json_object_get(a, "tthc_tong"), "110"); /* H1's stock */
	assert_true(json_is_true(json_object_get(a, "cong_khai")));
	dec_is(json_object_get(b, "kinh_phi"), "-0.5"); /* 4.5 - 5 */
	/* In H1 only: no figure for the second quarter alone. */
	assert_null(json_object_get(b, "hs_dung_han"));
	assert_null(unit_values(f, "xa-c"));
	json_t *mc = json_object_get(json_object_get(f->extra, "forms"), "mc");
	json_t *fields = json_object_get(mc, "fields");
	dec_is(json_object_get(json_object_get(fields, "hs_tiep_nhan"), "xa"),
	       "270"); /* 180 + 90 */
	dec_is(json_object_get(json_object_get(fields, "tthc_tong"), "xa"),
	       "195"); /* 110 + 85 */
	/* 160 / 170: xa-b has no hs_dung_han, so it is not counted. */
	json_t *ind = json_object_get(json_object_get(mc, "indicators"),
				      "ty_le_dung_han");
	assert_float_equal(json_real_value(json_object_get(ind, "xa")), 94.1,
			   1e-9);
	json_t *info = json_object_get(f->extra, "derived");
	json_t *lack = json_object_get(json_object_get(info, "lacking"), "mc");
	/* xa-c sent no Q1; vp sent nothing: it lacks both. */
	assert_int_equal(json_object_size(lack), 2);
	assert_int_equal(json_array_size(json_object_get(lack, "xa-c")), 1);
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(lack, "xa-c"), 0)),
			    "2023-Q1");
	assert_int_equal(json_array_size(json_object_get(lack, "vp")), 2);
	json_t *miss = json_object_get(json_object_get(f->extra, "missing_units"),
				       "mc");
	assert_int_equal(json_array_size(miss), 2);
	json_t *neg = json_array_get(json_object_get(info, "negative"), 0);
	assert_string_equal(json_string_value(json_object_get(neg, "unit")),
			    "xa-b");
	assert_int_equal(json_array_size(json_object_get(info, "negative")), 1);
	assert_true(test_diags_have(&f->d, "below zero in 2023-Q2"));
	fx_close(f);
}

static void as_of_a_day(void **state)
{
	fx *f = *state;
	fx_open_derived(f);
	load(f);
	/* Before xa-b's H1 came: it lacks H1, xa-a does not. */
	bc_time until;
	assert_true(bc_time_parse("2023-05-28T23:59:59+07:00", 420, &until,
				  NULL));
	aggregate(f, "2023-Q2", until);
	assert_non_null(unit_values(f, "xa-a"));
	assert_null(unit_values(f, "xa-b"));
	json_t *lack = json_object_get(
		json_object_get(json_object_get(f->extra, "derived"), "lacking"),
		"mc");
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(lack, "xa-b"), 0)),
			    "2023-H1");
	fx_close(f);
}

static const bc_unit_status *status_of(const bc_status *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->units[i].unit.code, code))
			return &s->units[i];
	fail_msg("no unit %s in the status", code);
	return NULL;
}

static void status_of_parts(void **state)
{
	fx *f = *state;
	fx_open_derived(f);
	load(f);
	bc_status s;
	assert_int_equal(bc_status_get(f->st, f->rb, "2023-Q2",
				       bc_date_from_ymd(2023, 6, 15), &s, &f->d),
			 BC_OK);
	/* Parts: [0] 2023-H1, [1] 2023-Q1.  Only the form: no report. */
	const bc_unit_status *a = status_of(&s, "xa-a"),
			     *b = status_of(&s, "xa-b"),
			     *c = status_of(&s, "xa-c"),
			     *vp = status_of(&s, "vp");
	assert_int_equal(a->owed.n_parts, 1);
	assert_int_equal(a->state, BC_STATE_ON_TIME);
	assert_int_equal(a->parts[0].lacking, 0);
	/* xa-b's H1 came on 30/05, after 28/05. */
	assert_int_equal(b->state, BC_STATE_LATE);
	assert_int_equal(c->state, BC_STATE_MISSING);
	assert_int_equal(c->parts[0].lacking, 2u);
	assert_int_equal(vp->parts[0].lacking, 3u);
	assert_int_equal(s.complete, 2);
	bc_status_free(&s);
	fx_close(f);
}

static void nested_and_export_reads(void **state)
{
	fx *f = *state;
	fx_open_derived(f);
	load(f);
	submit(f, "xa-a", "2023-Q3", "2023-08-25",
	       "\"hs_tiep_nhan\": 90, \"tthc_tong\": 115");
	submit(f, "xa-a", "2023-Y", "2023-11-25",
	       "\"hs_tiep_nhan\": 500, \"tthc_tong\": 120");
	aggregate(f, "2023-Q4", 0);
	json_t *a = unit_values(f, "xa-a");
	dec_is(json_object_get(a, "hs_tiep_nhan"), "110"); /* 500 - 300 - 90 */
	dec_is(json_object_get(a, "tthc_tong"), "120");
	json_t *values = json_object_get(f->extra, "values");
	json_t *form = bc_derive_form_values(values, "mc");
	json_t *unit = bc_derive_unit_values(values, "xa-a");
	assert_ptr_equal(json_object_get(form, "xa-a"), a);
	assert_ptr_equal(json_object_get(unit, "mc"), a);
	json_decref(form);
	json_decref(unit);
	/* A form or unit it has none of: empty. */
	form = bc_derive_form_values(values, "other");
	unit = bc_derive_unit_values(values, "xa-c");
	assert_int_equal(json_object_size(form), 0);
	assert_int_equal(json_object_size(unit), 0);
	json_decref(form);
	json_decref(unit);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sums_snaps_and_parts, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(as_of_a_day, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(status_of_parts, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(nested_and_export_reads,
						fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

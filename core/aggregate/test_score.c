/* SPDX-License-Identifier: MIT */
/*
 * Scores without storage: the scheme of tests/rules/score-test read from
 * the source tree, each criterion fed by hand.  Bands at their edges,
 * proportions clamped, every zero with its reason (a missing value, a
 * zero denominator, no band, no period, no assessment), discipline over a
 * part of the year, the council over a unit's own points, part sums,
 * classes, rounding and ties.
 */
#include "test.h"

#include "score.h"

#include <math.h>

static bc_ruleset *load(void)
{
	char *dir = test_path(test_source_root(), "tests/rules/score-test");
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	bc_err rc = bc_ruleset_load_dir("score-test", dir, NULL, &rs, &d);
	if (rc != BC_OK)
		test_diags_print(&d);
	assert_int_equal(rc, BC_OK);
	assert_int_equal(d.errors, 0);
	bc_diags_free(&d);
	free(dir);
	return rs;
}

/* The group of kind in the scheme of year. */
static const bc_score_group *group(const bc_ruleset *rs, int year,
				   const char *kind)
{
	const bc_scheme *s = bc_scheme_for_year(rs, year);
	assert_non_null(s);
	const bc_score_group *g = bc_scheme_group(s, kind);
	assert_non_null(g);
	return g;
}

static const bc_criterion *crit(const bc_ruleset *rs, int year,
				const char *kind, const char *id)
{
	const bc_criterion *c = bc_scheme_criterion(group(rs, year, kind), id);
	assert_non_null(c);
	return c;
}

/* Points of figure c for a field's value v. */
static double field_points(const bc_criterion *c, double v, bc_why *why)
{
	bc_score_in in = {.has_value = true, .value = v, .source = "2023-Y"};
	bc_crit_score out;
	bc_score_criterion(c, &in, &out);
	if (why)
		*why = out.why;
	assert_false(isnan(out.points));
	return out.points;
}

static bc_crit_score ratio(const bc_criterion *c, double num, double den)
{
	bc_score_in in = {.has_ratio = true, .num = num, .den = den};
	bc_crit_score out;
	bc_score_criterion(c, &in, &out);
	return out;
}

static void scheme_read(void **state)
{
	bc_ruleset *rs = load();
	assert_int_equal(rs->n_schemes, 2);
	const bc_scheme *s = bc_scheme_for_year(rs, 2023);
	assert_string_equal(s->id, "test-2023");
	assert_null(bc_scheme_for_year(rs, 2022));
	assert_string_equal(bc_scheme_for_year(rs, 2031)->id, "test-2024");
	assert_ptr_equal(bc_scheme_find(rs, "test-2024"),
			 bc_scheme_for_year(rs, 2024));
	assert_int_equal(s->n_groups, 2);
	assert_null(bc_scheme_group(s, "district"));
	const bc_score_group *g = bc_scheme_group(s, "town");
	assert_string_equal(g->id, "xa");
	g = bc_scheme_group(s, "department");
	assert_int_equal(g->n_parts, 2);
	assert_int_equal(g->n_criteria, 5);
	for (size_t i = 0; i < g->n_criteria; i++)
		assert_int_equal(g->criteria[i]->index, i);
	assert_string_equal(g->criteria[4]->id, "2.3");
	assert_ptr_equal(g->criteria[4]->part, g->parts[1]);
	/* The default periods of discipline: every regular type. */
	const bc_criterion *c = g->criteria[0];
	assert_int_equal(c->n_periods, 3);
	assert_string_equal(c->periods[2]->code, "Y");
	assert_string_equal(crit(rs, 2023, "commune", "1.3")->period->code,
			    "H1");
	assert_string_equal(crit(rs, 2023, "commune", "1.2")->period->code,
			    "Y");
	bc_ruleset_free(rs);
}

/* ">=" bands: the bound itself is in the band, a hair below is not;
 * ">" excludes its bound. */
static void bands_at_their_edges(void **state)
{
	bc_ruleset *rs = load();
	const bc_criterion *c = crit(rs, 2023, "department", "2.1");
	bc_crit_score s = ratio(c, 100, 100);
	assert_int_equal(s.why, BC_WHY_SCORED);
	assert_int_equal(s.band, 0);
	assert_float_equal(s.value, 100, 1e-12);
	assert_float_equal(s.points, 2, 0);
	s = ratio(c, 1204, 1238); /* 97.25 % */
	assert_int_equal(s.band, 1);
	assert_float_equal(s.points, 1.5, 0);
	assert_float_equal(s.num, 1204, 0);
	assert_float_equal(s.den, 1238, 0);
	assert_float_equal(s.value, 1204.0 / 1238 * 100, 1e-9);
	s = ratio(c, 95, 100);
	assert_int_equal(s.band, 1);
	s = ratio(c, 9499, 10000);
	assert_int_equal(s.band, 2);
	assert_float_equal(s.points, 1, 0);
	/* > 80: 80 itself scores nothing. */
	s = ratio(c, 80, 100);
	assert_int_equal(s.band, -1);
	assert_int_equal(s.why, BC_WHY_NO_BAND);
	assert_float_equal(s.points, 0, 0);
	assert_true(s.has_value);
	s = ratio(c, 8001, 10000);
	assert_int_equal(s.band, 2);

	/* "<=" and "<", lower is better (scheme test-2024). */
	c = crit(rs, 2024, "commune", "I.1");
	int band;
	double share;
	assert_float_equal(bc_score_figure(c, 10, &band, &share), 50, 0);
	assert_int_equal(band, 0);
	assert_float_equal(bc_score_figure(c, 10.5, &band, &share), 25, 0);
	assert_int_equal(band, 1);
	assert_float_equal(bc_score_figure(c, 20, &band, &share), 0, 0);
	assert_int_equal(band, -1);
	bc_ruleset_free(rs);
}

static void proportional_clamped(void **state)
{
	bc_ruleset *rs = load();
	const bc_criterion *c = crit(rs, 2023, "department", "2.2");
	bc_why why;
	assert_float_equal(field_points(c, 50, &why), 0, 0);
	assert_int_equal(why, BC_WHY_SCORED);
	assert_float_equal(field_points(c, 75, NULL), 1, 0);
	assert_float_equal(field_points(c, 100, NULL), 2, 0);
	assert_float_equal(field_points(c, 20, NULL), 0, 0);
	assert_float_equal(field_points(c, 130, NULL), 2, 0);
	/* 2 × 16.5/50 = 0.66; 2 × 0.8333/50 rounds to the hundredth. */
	assert_float_equal(field_points(c, 66.5, NULL), 0.66, 1e-12);
	assert_float_equal(field_points(c, 50.8333, NULL), 0.03, 1e-12);
	int band;
	double share;
	bc_score_figure(c, 130, &band, &share);
	assert_float_equal(share, 1, 0);
	assert_int_equal(band, -1);
	bc_score_figure(c, 62.5, &band, &share);
	assert_float_equal(share, 0.25, 1e-12);
	/* from above to: 100 % → 0, 0 % → 30, whole points. */
	c = crit(rs, 2024, "town", "I.2");
	assert_float_equal(field_points(c, 100, NULL), 0, 0);
	assert_float_equal(field_points(c, 0, NULL), 30, 0);
	assert_float_equal(field_points(c, 37, NULL), 19, 0); /* 18.9 */
	assert_float_equal(field_points(c, 45, NULL), 17, 0); /* 16.5 */
	assert_float_equal(field_points(c, -5, NULL), 30, 0);
	bc_ruleset_free(rs);
}

/* Nothing reported, a zero denominator, a value that is no number: 0,
 * and the reason; never NaN. */
static void zeros_with_reasons(void **state)
{
	bc_ruleset *rs = load();
	const bc_criterion *c = crit(rs, 2023, "department", "2.1");
	bc_score_in none = {0};
	bc_crit_score s;
	bc_score_criterion(c, &none, &s);
	assert_int_equal(s.why, BC_WHY_MISSING);
	assert_float_equal(s.points, 0, 0);
	assert_false(s.has_value);
	s = ratio(c, 0, 0);
	assert_int_equal(s.why, BC_WHY_ZERO_DEN);
	assert_float_equal(s.points, 0, 0);
	assert_false(s.has_value);
	assert_true(s.has_ratio);
	s = ratio(c, 5, 0);
	assert_int_equal(s.why, BC_WHY_ZERO_DEN);
	/* Unless the rules say what nothing to measure scores. */
	s = ratio(crit(rs, 2024, "town", "I.3"), 0, 0);
	assert_int_equal(s.why, BC_WHY_ZERO_DEN);
	assert_float_equal(s.points, 20, 0);
	assert_false(s.has_value);
	s = ratio(crit(rs, 2024, "town", "I.3"), 8, 10);
	assert_int_equal(s.why, BC_WHY_NO_BAND);
	assert_float_equal(s.points, 0, 0);
	s = ratio(c, NAN, 10);
	assert_int_equal(s.why, BC_WHY_MISSING);
	assert_false(isnan(s.points));
	/* A field given only as a ratio is not given. */
	c = crit(rs, 2023, "department", "2.2");
	s = ratio(c, 1, 2);
	assert_int_equal(s.why, BC_WHY_MISSING);
	bc_why why;
	assert_float_equal(field_points(c, INFINITY, &why), 0, 0);
	assert_int_equal(why, BC_WHY_MISSING);
	/* Not assessed. */
	c = crit(rs, 2023, "department", "1.2");
	bc_score_criterion(c, &none, &s);
	assert_int_equal(s.why, BC_WHY_NOT_ASSESSED);
	assert_float_equal(s.points, 0, 0);
	bc_ruleset_free(rs);
}

static bc_crit_score discipline(const bc_criterion *c, const bc_pstate *st,
				size_t n, bc_period_in *buf)
{
	static const char *const codes[] = {"2023-Q1", "2023-H1", "2023-Q3",
					    "2023-Y"};
	for (size_t i = 0; i < n; i++)
		buf[i] = (bc_period_in){codes[i % 4], st[i]};
	bc_score_in in = {.periods = buf, .n_periods = n};
	bc_crit_score s;
	bc_score_criterion(c, &in, &s);
	return s;
}

static void discipline_over_periods(void **state)
{
	bc_ruleset *rs = load();
	const bc_criterion *c = crit(rs, 2023, "department", "1.1");
	bc_period_in buf[4];
	bc_pstate all[] = {BC_PSTATE_ON_TIME, BC_PSTATE_ON_TIME,
			   BC_PSTATE_ON_TIME};
	bc_crit_score s = discipline(c, all, 3, buf);
	assert_float_equal(s.points, 2, 0);
	assert_int_equal(s.owed, 3);
	/* One late of three: (2 + 2 + 1) / 3 = 1.67 */
	bc_pstate late[] = {BC_PSTATE_ON_TIME, BC_PSTATE_LATE,
			    BC_PSTATE_ON_TIME};
	s = discipline(c, late, 3, buf);
	assert_float_equal(s.points, 1.67, 1e-12);
	assert_int_equal(s.counts[BC_PSTATE_LATE], 1);
	assert_int_equal(s.counts[BC_PSTATE_ON_TIME], 2);
	assert_ptr_equal(s.periods, buf);
	assert_int_equal(s.n_periods, 3);
	bc_pstate mixed[] = {BC_PSTATE_PARTIAL, BC_PSTATE_MISSING,
			     BC_PSTATE_RETURNED};
	s = discipline(c, mixed, 3, buf);
	assert_float_equal(s.points, 0.33, 1e-12);
	/* A unit formed mid-year: not owed in Q1, on time since. */
	bc_pstate joined[] = {BC_PSTATE_NOT_OWED, BC_PSTATE_ON_TIME,
			      BC_PSTATE_ON_TIME};
	s = discipline(c, joined, 3, buf);
	assert_float_equal(s.points, 2, 0);
	assert_int_equal(s.owed, 2);
	assert_int_equal(s.counts[BC_PSTATE_NOT_OWED], 1);
	/* Scored as of a day: periods not yet due are left out. */
	bc_pstate early[] = {BC_PSTATE_LATE, BC_PSTATE_PENDING,
			     BC_PSTATE_PENDING};
	s = discipline(c, early, 3, buf);
	assert_float_equal(s.points, 1, 0);
	assert_int_equal(s.owed, 1);
	assert_int_equal(s.counts[BC_PSTATE_PENDING], 2);
	/* Nothing owed in the year: 0, and why. */
	bc_pstate gone[] = {BC_PSTATE_NOT_OWED, BC_PSTATE_NOT_OWED};
	s = discipline(c, gone, 2, buf);
	assert_float_equal(s.points, 0, 0);
	assert_int_equal(s.why, BC_WHY_NO_PERIOD);
	s = discipline(c, gone, 0, buf);
	assert_int_equal(s.why, BC_WHY_NO_PERIOD);
	bc_ruleset_free(rs);
}

/* All else equal, a unit that reported late scores less on discipline
 * than one that reported on time. */
static void late_scores_less(void **state)
{
	bc_ruleset *rs = load();
	const bc_criterion *c = crit(rs, 2023, "commune", "1.1");
	bc_period_in a[2], b[2];
	bc_pstate on_time[] = {BC_PSTATE_ON_TIME, BC_PSTATE_ON_TIME};
	bc_pstate one_late[] = {BC_PSTATE_ON_TIME, BC_PSTATE_LATE};
	double pa = discipline(c, on_time, 2, a).points;
	double pb = discipline(c, one_late, 2, b).points;
	assert_float_equal(pa, 4, 0);
	assert_float_equal(pb, 3, 0);
	assert_true(pb < pa);
	bc_ruleset_free(rs);
}

static void assessed_and_self(void **state)
{
	bc_ruleset *rs = load();
	const bc_criterion *c = crit(rs, 2023, "department", "1.2");
	bc_score_in in = {.assessed = true, .points = 1.25, .note = "a note"};
	bc_crit_score s;
	bc_score_criterion(c, &in, &s);
	assert_float_equal(s.points, 1.25, 0);
	assert_string_equal(s.note, "a note");
	assert_false(s.clamped);
	in.points = 3;
	bc_score_criterion(c, &in, &s);
	assert_float_equal(s.points, 2, 0);
	assert_true(s.clamped);

	c = crit(rs, 2023, "department", "2.3");
	bc_score_in own = {.has_value = true, .value = 1.8, .source = "2023-Y"};
	bc_score_criterion(c, &own, &s);
	assert_int_equal(s.why, BC_WHY_SCORED);
	assert_float_equal(s.points, 1.8, 1e-12);
	assert_string_equal(s.source, "2023-Y");
	/* The council's 1.2 replaces the unit's own 1.8, which is kept. */
	own.assessed = true;
	own.points = 1.2;
	own.note = "marked again by the council";
	bc_score_criterion(c, &own, &s);
	assert_int_equal(s.why, BC_WHY_OVERRIDDEN);
	assert_float_equal(s.points, 1.2, 1e-12);
	assert_true(s.has_value);
	assert_float_equal(s.value, 1.8, 0);
	assert_string_equal(s.note, "marked again by the council");
	/* The council may score a unit that gave itself nothing. */
	bc_score_in council = {.assessed = true, .points = 0.5};
	bc_score_criterion(c, &council, &s);
	assert_int_equal(s.why, BC_WHY_OVERRIDDEN);
	assert_float_equal(s.points, 0.5, 0);
	bc_score_in missing = {0};
	bc_score_criterion(c, &missing, &s);
	assert_int_equal(s.why, BC_WHY_MISSING);
	bc_score_in greedy = {.has_value = true, .value = 5};
	bc_score_criterion(c, &greedy, &s);
	assert_float_equal(s.points, 2, 0);
	assert_true(s.clamped);
	bc_ruleset_free(rs);
}

/* A department's whole score: parts, total, class. */
static void unit_parts_total_class(void **state)
{
	bc_ruleset *rs = load();
	const bc_scheme *sc = bc_scheme_for_year(rs, 2023);
	const bc_score_group *g = bc_scheme_group(sc, "department");
	bc_period_in p[3] = {{"2023-Q1", BC_PSTATE_ON_TIME},
			     {"2023-H1", BC_PSTATE_LATE},
			     {"2023-Y", BC_PSTATE_ON_TIME}};
	bc_score_in in[5] = {
		{.periods = p, .n_periods = 3},                  /* 1.67 */
		{.assessed = true, .points = 1.5},               /* 1.5 */
		{.has_ratio = true, .num = 1204, .den = 1238},   /* 1.5 */
		{.has_value = true, .value = 90},                /* 1.6 */
		{.has_value = true, .value = 1.75},              /* 1.75 */
	};
	bc_unit_score u;
	assert_int_equal(bc_score_unit(sc, g, in, &u), BC_OK);
	assert_float_equal(u.parts[0], 3.17, 1e-12);
	assert_float_equal(u.parts[1], 4.85, 1e-12);
	assert_float_equal(u.total, 8.02, 1e-12);
	assert_non_null(u.cls);
	assert_string_equal(u.cls->id, "kha");
	assert_ptr_equal(u.crit[2].crit, g->criteria[2]);
	bc_unit_score_free(&u);
	/* Nothing known: 0 everywhere, below every class. */
	bc_score_in none[5] = {{0}};
	assert_int_equal(bc_score_unit(sc, g, none, &u), BC_OK);
	assert_float_equal(u.total, 0, 0);
	assert_null(u.cls);
	for (size_t i = 0; i < 5; i++)
		assert_int_not_equal(u.crit[i].why, BC_WHY_SCORED);
	bc_unit_score_free(&u);
	bc_unit_score_free(NULL);
	bc_ruleset_free(rs);
}

/* A class's min itself is in the class. */
static void class_edges(void **state)
{
	bc_ruleset *rs = load();
	const bc_scheme *s = bc_scheme_for_year(rs, 2023);
	assert_string_equal(bc_scheme_class(s, 10)->id, "tot");
	assert_string_equal(bc_scheme_class(s, 9)->id, "tot");
	assert_string_equal(bc_scheme_class(s, 8.99)->id, "kha");
	assert_string_equal(bc_scheme_class(s, 0.1 + 0.2 + 6.7)->id, "kha");
	assert_string_equal(bc_scheme_class(s, 5)->id, "tb");
	assert_null(bc_scheme_class(s, 4.99));
	bc_ruleset_free(rs);
}

static void rounding_and_ties(void **state)
{
	bc_ruleset *rs = load();
	const bc_scheme *s = bc_scheme_for_year(rs, 2023);
	assert_float_equal(bc_score_round(s, 1.005), 1.01, 1e-12);
	assert_float_equal(bc_score_round(s, 1.004999), 1, 1e-12);
	assert_float_equal(bc_score_round(s, 2.675), 2.68, 1e-12);
	double total[] = {7.5, 9.25, 0.1 + 0.2 + 7.2, 9.25, 3, 9.2500001};
	int rank[6];
	assert_int_equal(bc_score_ranks(s, total, 6, rank), BC_OK);
	assert_int_equal(rank[1], 1);
	assert_int_equal(rank[3], 1);
	assert_int_equal(rank[5], 1);
	assert_int_equal(rank[0], 4);
	assert_int_equal(rank[2], 4);
	assert_int_equal(rank[4], 6);
	assert_int_equal(bc_score_ranks(s, total, 0, rank), BC_OK);
	bc_ruleset_free(rs);
}

/* Each allocation refused in turn: BC_ERR_NOMEM, nothing kept. */
static void out_of_memory(void **state)
{
	bc_ruleset *rs = load();
	const bc_scheme *sc = bc_scheme_for_year(rs, 2023);
	const bc_score_group *g = bc_scheme_group(sc, "department");
	bc_score_in in[5] = {{0}};
	double total[] = {1, 2};
	int rank[2];
	for (long n = 1; n <= 3; n++) {
		long live = bc_mem_live();
		bc_unit_score u;
		bc_mem_fail(n, false);
		assert_int_equal(bc_score_unit(sc, g, in, &u), BC_ERR_NOMEM);
		bc_mem_fail(0, false);
		assert_null(u.crit);
		assert_null(u.parts);
		bc_unit_score_free(&u);
		assert_int_equal(bc_mem_live(), live);
	}
	bc_mem_fail(1, false);
	assert_int_equal(bc_score_ranks(sc, total, 2, rank), BC_ERR_NOMEM);
	bc_mem_fail(0, false);
	bc_ruleset_free(rs);
}

static void names(void **state)
{
	assert_string_equal(bc_crit_kind_name(BC_CRIT_SELF), "self");
	assert_string_equal(bc_pstate_name(BC_PSTATE_ON_TIME), "on_time");
	assert_string_equal(bc_pstate_name(BC_PSTATE_PENDING), "pending");
	assert_string_equal(bc_why_name(BC_WHY_ZERO_DEN), "zero_denominator");
	assert_string_equal(bc_why_name(BC_WHY_N), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scheme_read),
		cmocka_unit_test(bands_at_their_edges),
		cmocka_unit_test(proportional_clamped),
		cmocka_unit_test(zeros_with_reasons),
		cmocka_unit_test(discipline_over_periods),
		cmocka_unit_test(late_scores_less),
		cmocka_unit_test(assessed_and_self),
		cmocka_unit_test(unit_parts_total_class),
		cmocka_unit_test(class_edges),
		cmocka_unit_test(rounding_and_ties),
		cmocka_unit_test(out_of_memory),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

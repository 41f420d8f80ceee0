/* SPDX-License-Identifier: MIT */
/*
 * Scoring schemes as the rules declare them: each registration refused
 * at its line when it is wrong in itself (bands out of order, points
 * above the max, keys of another kind), every problem of the whole
 * listed at once with its file:line (tests/rules/score-bad: sums, dangling
 * names, a field of another level), the shipped cchc-1131 scheme read
 * back, and a scheme as `rules show --json` gives it.
 */
#include "test.h"

#include <jansson.h>

#include "registry.h"
#include "ruleset_json.h"
#include "scheme.h"
#include "srcset.h"

/* A ruleset with one scheme of one group and part, up to its
 * criteria. */
#define BASE                                                                   \
	"directive { id = 't', title = 'T', reference = '1/T',\n"              \
	"  in_force = { from = '2022-01-01' },\n"                             \
	"  deadline = { inclusive = true, utc_offset = '+07:00' } }\n"        \
	"level { id = 'xa', label = 'X' }\n"                                  \
	"unit_kind { id = 'commune', label = 'C', level = 'xa' }\n"           \
	"period_type { code = 'Y', label = 'Y {year}',\n"                     \
	"  window = { from = '10/12/Y-1', to = '10/12/Y' },\n"                \
	"  unit_due = '28/11/Y', compile_due = '04/12/Y' }\n"                 \
	"form { id = 'hs', title = 'H', fields = {\n"                         \
	"  { 'n', 'N', 'int', 'sum' }, { 'd', 'D', 'int', 'sum' } },\n"       \
	"  indicators = { { 'r', 'R', num = 'n', den = 'd' } } }\n"

#define SCHEME                                                                 \
	"scheme { id = 's', title = 'S', max = 10, period = 'Y',\n"           \
	"  groups = { { id = 'g', label = 'G', kinds = { 'commune' } } } }\n" \
	"part { id = '1', title = 'P', max = 10 }\n"

static bc_err load_text(const char *text, bc_ruleset **rs, bc_diags *d)
{
	bc_srcset src = BC_SRCSET_INIT;
	assert_int_equal(bc_srcset_add(&src, "ruleset.lua", text, strlen(text)),
			 BC_OK);
	*rs = NULL;
	return bc_ruleset_load("t", &src, NULL, rs, d);
}

/* Expects BASE followed by text to be refused with an error of the
 * rules' ruleset.lua saying what. */
static void refused(const char *text, const char *what)
{
	char *all = bc_sprintf("%s%s", BASE, text);
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	bc_err rc = load_text(all, &rs, &d);
	if (rc != BC_ERR_RULES || !test_diags_at(&d, "t/ruleset.lua:", what)) {
		test_diags_print(&d);
		fail_msg("got %s, wanted an error saying '%s'", bc_strerror(rc),
			 what);
	}
	assert_null(rs);
	bc_diags_free(&d);
	bc_free(all);
}

/* BASE, SCHEME and a figure criterion scored as how says. */
static void figure_refused(const char *how, const char *what)
{
	char *text = bc_sprintf(SCHEME
				"criterion { part = '1', id = '1', title = "
				"'C', max = 10, kind = 'figure', form = 'hs', "
				"field = 'n', %s }\n",
				how);
	refused(text, what);
	bc_free(text);
}

static void bands_out_of_order(void **state)
{
	figure_refused("bands = { { '>=', 80, 5 }, { '>=', 90, 10 } }",
		       "bands are not in order at band 2");
	figure_refused("bands = { { '>=', 90, 10 }, { '>=', 90, 5 } }",
		       "bands are not in order at band 2");
	figure_refused("bands = { { '>=', 90, 5 }, { '>=', 80, 8 } }",
		       "points never rising");
	figure_refused("bands = { { '<=', 10, 10 }, { '<=', 5, 5 } }",
		       "bands are not in order at band 2");
	figure_refused("bands = { { '>=', 90, 10 }, { '<=', 10, 5 } }",
		       "bands are not in order at band 2");
	figure_refused("bands = { { '=', 90, 10 } }",
		       "band 1: '=' is no comparison");
	figure_refused("bands = { { '>=', 90 } }", "band 1 must read like");
	figure_refused("bands = { { '>=', 90, 11 } }",
		       "band 1 gives 11 points, outside 0 to max 10");
	figure_refused("bands = { }", "bands lists none");
}

static void figures_scored_one_way(void **state)
{
	figure_refused("", "a figure is scored by bands or proportional");
	figure_refused("bands = { { '>=', 1, 1 } }, proportional = { from = 0, "
		       "to = 1 }",
		       "bands or proportional, not both");
	figure_refused("proportional = { from = 5, to = 5 }",
		       "proportional from and to are the same");
	figure_refused("proportional = { from = 5 }",
		       "'to' must be a number");
	figure_refused("indicator = 'r', bands = { { '>=', 1, 1 } }",
		       "a figure names a field or an indicator (one of them)");
	figure_refused("if_none = 1, bands = { { '>=', 1, 1 } }",
		       "if_none is for an indicator");
	refused(SCHEME "criterion { part = '1', id = '1', title = 'C', "
		       "max = 10, kind = 'figure', form = 'hs', indicator = 'r', "
		       "if_none = 11, bands = { { '>=', 1, 1 } } }",
		"if_none = 11 is outside 0 to max 10");
	figure_refused("points = { on_time = 1 }, bands = { { '>=', 1, 1 } }",
		       "a criterion of kind figure takes no 'points'");
}

static void criteria_refused(void **state)
{
	refused(SCHEME "criterion { part = '1', id = '1', title = 'C', "
		       "max = 10, kind = 'voted' }",
		"kind 'voted' is none of discipline, figure, assessed, self");
	refused(SCHEME "criterion { part = '1', id = '1', title = 'C', "
		       "max = 0, kind = 'assessed' }",
		"max must be more than 0");
	refused(SCHEME "criterion { part = '1', id = '1 1', title = 'C', "
		       "max = 10, kind = 'assessed' }",
		"id '1 1' must be letters and digits");
	refused(SCHEME "criterion { part = '1', id = '1', title = 'C', "
		       "max = 10, kind = 'assessed', form = 'hs' }",
		"a criterion of kind assessed takes no 'form'");
	refused(SCHEME "criterion { part = '1', id = '1', title = 'C', "
		       "max = 10, kind = 'discipline' }",
		"'points' is required");
	refused(SCHEME "criterion { part = '1', id = '1', title = 'C', "
		       "max = 10, kind = 'discipline', points = { on_time = 10,"
		       " late = 5, partial = 2, missing = 0 } }",
		"'returned' must be a number");
	refused(SCHEME "criterion { part = '1', id = '1', title = 'C', "
		       "max = 10, kind = 'discipline', points = { on_time = 12,"
		       " late = 5, partial = 2, missing = 0, returned = 0 } }",
		"points.on_time = 12 is outside 0 to max 10");
	refused(SCHEME "criterion { part = '1', id = '1', title = 'C', "
		       "max = 10, kind = 'self', form = 'hs' }",
		"'field' is required");
	refused(SCHEME "criterion { id = '1', title = 'C', max = 10, "
		       "kind = 'assessed' }",
		"'part' is required");
}

static void schemes_refused(void **state)
{
	refused("scheme { id = 'S 1', title = 'S', max = 10, groups = { { id = "
		"'g', label = 'G', kinds = 'commune' } } }",
		"id 'S 1' must be lower-case letters, digits, - and _");
	refused("scheme { id = 's', title = 'S', max = 10, groups = { } }",
		"groups lists none");
	refused("scheme { id = 's', title = 'S', max = 10, groups = { { id = "
		"'g', label = 'G' } } }",
		"group 'g' names no unit kinds");
	refused("scheme { id = 's', title = 'S', max = 10, groups = { { id = "
		"'g', label = 'G', kinds = 'commune' }, { id = 'g', label = "
		"'H', kinds = 'commune' } } }",
		"group 'g' listed twice");
	refused("scheme { id = 's', title = 'S', max = 10, years = { from = "
		"2024, to = 2023 }, groups = { { id = 'g', label = 'G', kinds "
		"= 'commune' } } }",
		"years.to is before years.from");
	refused("scheme { id = 's', title = 'S', max = 10, years = { from = "
		"2023.5 }, groups = { { id = 'g', label = 'G', kinds "
		"= 'commune' } } }",
		"years are whole years");
	refused("scheme { id = 's', title = 'S', max = 10, decimals = 4, "
		"groups = { { id = 'g', label = 'G', kinds = 'commune' } } }",
		"decimals is 0, 1, 2 or 3");
	refused("scheme { id = 's', title = 'S', max = 10, groups = { { id = "
		"'g', label = 'G', kinds = 'commune' } }, classes = { { id = "
		"'a', label = 'A', min = 5 }, { id = 'b', label = 'B', min = 8 "
		"} } }",
		"classes go from the best down: class b (min 8) after a (min 5)");
	refused("scheme { id = 's', title = 'S', max = 10, groups = { { id = "
		"'g', label = 'G', kinds = 'commune' } }, classes = { { id = "
		"'a', label = 'A', min = 12 } } }",
		"class a: min 12 is outside 0 to the scheme's max 10");
	refused(SCHEME "scheme { id = 's', title = 'S', max = 10, groups = { { "
		       "id = 'g', label = 'G', kinds = 'commune' } } }",
		"scheme{}: 's' already declared");
	refused("part { id = '1', title = 'P', max = 10 }",
		"part{} 1: no scheme{} declared before it");
}

/* Every problem of the whole, each at its line, in one load. */
static void whole_problems_listed(void **state)
{
	static const char *const expected[][2] = {
		{":36:", "scheme{} bad-2023 names period type DX, which is ad hoc"},
		{":36:", "group phong names no unit kind 'ward'"},
		{":36:", "unit kind department is in groups phong and xa"},
		{":36:", "group trong: no part{} declared"},
		{":36:", "group phong: its parts' maxima add up to 90, not the "
			 "scheme's max 100"},
		{":46:", "part 1 (group phong): its criteria's maxima add up to "
			 "50, not the part's max 60"},
		{":48:", "part 2 of group phong is declared at "
			 "score-bad/ruleset.lua:47 already"},
		{":49:", "part{} 3 names no group 'nhom' of scheme bad-2023"},
		{":50:", "part{} 4: name its group, one of the 3 of scheme "
			 "bad-2023"},
		{":55:", "criterion 1.1 of group phong is declared at "
			 "score-bad/ruleset.lua:53 already"},
		{":57:", "criterion 1.2 names no part '9' of group phong"},
		{":59:", "criterion 2.1 (group phong): form hs asks field to_cnso "
			 "of level xa only, and units of kind department are "
			 "of level huyen"},
		{":62:", "criterion 2.2 names no form 'bm9'"},
		{":65:", "criterion 2.3 names no field 'khong_co' of form hs"},
		{":68:", "criterion 2.4: field ghi_chu of form hs is text, not a "
			 "number"},
		{":70:", "criterion 2.5 names no indicator 'ty_le' of form hs"},
		{":70:", "criterion{} 2.5 names no period type 'Q9'"},
		{":73:", "criterion{} 1.1 names period type DX, which is ad hoc"},
		{":73:", "criterion{} 1.1 names no period type 'Q2'"},
		{":77:", "scheme bad-2024 scores years that scheme bad-2023 "
			 "(score-bad/ruleset.lua:36) scores too"},
		{":81:", "part{} 1 names no scheme 'khong-co'"},
		{":83:", "criterion 1: no period to read its figure from"},
	};
	char *dir = test_path(test_source_root(), "tests/rules/score-bad");
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	assert_int_equal(bc_ruleset_load_dir("score-bad", dir, NULL, &rs, &d),
			 BC_ERR_RULES);
	assert_null(rs);
	size_t n = sizeof expected / sizeof *expected;
	for (size_t i = 0; i < n; i++) {
		char where[64];
		snprintf(where, sizeof where, "score-bad/ruleset.lua%s",
			 expected[i][0]);
		if (!test_diags_at(&d, where, expected[i][1])) {
			test_diags_print(&d);
			fail_msg("no error at %s saying '%s'", where,
				 expected[i][1]);
		}
	}
	/* Those, and the second kind in two groups: nothing else. */
	assert_int_equal(d.errors, n + 1);
	bc_diags_free(&d);
	free(dir);
}

/* A unit kind that reports at no level scored on a field of a level. */
static void kind_of_no_level(void **state)
{
	refused("unit_kind { id = 'district', label = 'D' }\n"
		"form { id = 'x', title = 'X', fields = {\n"
		"  { 'v', 'V', 'int', 'sum', level = 'xa' } } }\n"
		"scheme { id = 's', title = 'S', max = 10, period = 'Y',\n"
		"  groups = { { id = 'g', label = 'G', kinds = 'district' } } }\n"
		"part { id = '1', title = 'P', max = 10 }\n"
		"criterion { part = '1', id = '1', title = 'C', max = 10,\n"
		"  kind = 'figure', form = 'x', field = 'v',\n"
		"  bands = { { '>=', 1, 10 } } }\n",
		"units of kind district report at no level");
	/* An indicator reads its fields' levels. */
	refused("form { id = 'x', title = 'X', fields = {\n"
		"  { 'v', 'V', 'int', 'sum', level = 'xa' },\n"
		"  { 'w', 'W', 'int', 'sum' } },\n"
		"  indicators = { { 'r', 'R', num = 'v', den = 'w' } } }\n"
		"level { id = 'huyen', label = 'H' }\n"
		"unit_kind { id = 'department', label = 'D', level = 'huyen' }\n"
		"scheme { id = 's', title = 'S', max = 10, period = 'Y',\n"
		"  groups = { { id = 'g', label = 'G', kinds = 'department' } } }\n"
		"part { id = '1', title = 'P', max = 10 }\n"
		"criterion { part = '1', id = '1', title = 'C', max = 10,\n"
		"  kind = 'figure', form = 'x', indicator = 'r',\n"
		"  proportional = { from = 0, to = 100 } }\n",
		"form x asks field v of level xa only");
}

/* The scheme of the shipped rules: departments and communes apart, each
 * adding up, every unit kind that reports scored. */
static void shipped_scheme(void **state)
{
	char *dir = test_path(test_source_root(), "rules/cchc-1131");
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	bc_err rc = bc_ruleset_load_dir("cchc-1131", dir, NULL, &rs, &d);
	if (rc != BC_OK)
		test_diags_print(&d);
	assert_int_equal(rc, BC_OK);
	const bc_scheme *s = bc_scheme_for_year(rs, 2023);
	assert_non_null(s);
	assert_int_equal(s->n_groups, 2);
	const bc_score_group *dep = bc_scheme_group(s, "department");
	const bc_score_group *com = bc_scheme_group(s, "commune");
	assert_non_null(dep);
	assert_non_null(com);
	assert_ptr_not_equal(dep, com);
	assert_ptr_equal(bc_scheme_group(s, "town"), com);
	assert_null(bc_scheme_group(s, "district"));
	assert_true(s->n_classes >= 3);
	for (size_t g = 0; g < s->n_groups; g++) {
		const bc_score_group *gr = &s->groups[g];
		bool kinds[BC_CRIT_N] = {false};
		for (size_t i = 0; i < gr->n_criteria; i++)
			kinds[gr->criteria[i]->kind] = true;
		assert_true(kinds[BC_CRIT_DISCIPLINE]);
		assert_true(kinds[BC_CRIT_FIGURE]);
		assert_true(kinds[BC_CRIT_ASSESSED]);
	}
	bc_ruleset_free(rs);
	bc_diags_free(&d);
	free(dir);
}

static void scheme_as_json(void **state)
{
	char *dir = test_path(test_source_root(), "tests/rules/score-test");
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	assert_int_equal(bc_ruleset_load_dir("score-test", dir, NULL, &rs, &d),
			 BC_OK);
	json_t *j = bc_item_json(rs, BC_REG_SCHEME, 0);
	assert_non_null(j);
	char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	assert_non_null(text);
	assert_non_null(strstr(text, "\"years\":{\"from\":2023,\"to\":2023}"));
	assert_non_null(strstr(text, "\"bands\":[[\">=\",100,2],[\">=\",95,1.5]"
				     ",[\">\",80,1]]"));
	assert_non_null(strstr(text, "\"proportional\":{\"from\":50,\"to\":"
				     "100}"));
	assert_non_null(strstr(text, "\"points\":{\"late\":1,\"missing\":0,"
				     "\"on_time\":2,\"partial\":0.5,"
				     "\"returned\":0.5}"));
	assert_non_null(strstr(text, "\"periods\":[\"Q1\",\"H1\",\"Y\"]"));
	assert_non_null(strstr(text, "\"kinds\":[\"commune\",\"town\"]"));
	free(text);
	json_decref(j);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bands_out_of_order),
		cmocka_unit_test(figures_scored_one_way),
		cmocka_unit_test(criteria_refused),
		cmocka_unit_test(schemes_refused),
		cmocka_unit_test(whole_problems_listed),
		cmocka_unit_test(kind_of_no_level),
		cmocka_unit_test(shipped_scheme),
		cmocka_unit_test(scheme_as_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * One ruleset: the shipped cchc-1131 read back exactly as
 * docs/schedule.md gives it, day rules, period-type tokens, and
 * every registration error reported at the file:line that made it.
 */
#include "test.h"

#include <jansson.h>

#include "date.h"
#include "ruleset.h"
#include "srcset.h"
#include "text.h"

#include <ctype.h>
#include <signal.h>

static bc_date ymd(int y, int m, int d)
{
	return bc_date_from_ymd(y, m, d);
}

static void dayrule_equal(bc_dayrule r, int day, int month, int off)
{
	assert_int_equal(r.day, day);
	assert_int_equal(r.month, month);
	assert_int_equal(r.year_offset, off);
}

/* ---- the shipped ruleset --------------------------------------------- */

static bc_ruleset *load_shipped(bc_diags *d)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/rules/cchc-1131", test_source_root());
	bc_ruleset *rs = NULL;
	bc_err rc = bc_ruleset_load_dir("cchc-1131", dir, NULL, &rs, d);
	if (rc != BC_OK) {
		test_diags_print(d);
		fail_msg("cchc-1131: %s", bc_strerror(rc));
	}
	assert_non_null(rs);
	return rs;
}

static void shipped_directive(void **state)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load_shipped(&d);
	assert_int_equal(d.errors, 0);
	assert_string_equal(rs->id, "cchc-1131");
	assert_int_equal(strlen(rs->hash), 64);
	const bc_directive *dir = &rs->directive;
	assert_string_equal(dir->reference, "1131/SNV-CCHC");
	assert_int_equal(dir->issued, ymd(2023, 5, 10));
	assert_int_equal(dir->in_force_from, ymd(2022, 1, 1));
	assert_int_equal(dir->in_force_to, BC_DATE_NONE);
	assert_null(dir->supersedes);
	assert_true(dir->deadline_inclusive);
	assert_int_equal(dir->utc_offset, 7 * 60);
	assert_non_null(dir->title);
	assert_non_null(dir->reading);
	assert_string_equal(dir->at.file, "cchc-1131/ruleset.lua");
	assert_int_equal(dir->at.line, 12);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

typedef struct want_type {
	const char *code;
	bc_dayrule from, to, unit_due, compile_due;
	bool advance;
	int line; /* of period_type{} in periods.lua */
} want_type;

/* The label of period type code in tests/data/period-type-labels.txt,
 * into label[n]. */
static void period_label(const char *code, char *label, size_t n)
{
	char key[16];
	size_t i = 0;
	for (; code[i] && i + 1 < sizeof key; i++)
		key[i] = (char)tolower((unsigned char)code[i]);
	key[i] = '\0';
	test_texts *tx = test_texts_load("period-type-labels.txt");
	snprintf(label, n, "%s", test_texts_get(tx, key));
	test_texts_free(tx);
}

static void shipped_period_types(void **state)
{
	/* The table of docs/schedule.md, row by row. */
	static const want_type want[] = {
		{"Q1", {10, 12, -1}, {10, 3, 0}, {28, 2, 0}, {4, 3, 0}, false,
		 10},
		{"H1", {10, 12, -1}, {10, 6, 0}, {28, 5, 0}, {4, 6, 0}, true,
		 19},
		{"Q3", {10, 6, 0}, {10, 9, 0}, {28, 8, 0}, {4, 9, 0}, false,
		 30},
		{"Y", {10, 12, -1}, {10, 12, 0}, {28, 11, 0}, {4, 12, 0}, true,
		 39},
	};
	char label[128];
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load_shipped(&d);
	assert_int_equal(rs->n_ptypes, 5);
	for (size_t i = 0; i < 4; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		const want_type *w = &want[i];
		assert_string_equal(p->code, w->code);
		period_label(w->code, label, sizeof label);
		assert_string_equal(p->label, label);
		assert_false(p->adhoc);
		assert_int_equal(p->advance, w->advance);
		dayrule_equal(p->from, w->from.day, w->from.month,
			      w->from.year_offset);
		dayrule_equal(p->to, w->to.day, w->to.month, w->to.year_offset);
		dayrule_equal(p->unit_due.day, w->unit_due.day, w->unit_due.month,
			      w->unit_due.year_offset);
		dayrule_equal(p->compile_due.day, w->compile_due.day,
			      w->compile_due.month, w->compile_due.year_offset);
		assert_string_equal(p->at.file, "cchc-1131/periods.lua");
		assert_int_equal(p->at.line, w->line);
	}
	const bc_period_type *dx = &rs->ptypes[4];
	assert_string_equal(dx->code, "DX");
	assert_true(dx->adhoc);
	assert_false(dx->advance);
	period_label("DX", label, sizeof label);
	assert_string_equal(dx->label, label);
	/* The windows in 2023, as the schedule writes them. */
	assert_int_equal(bc_dayrule_date(rs->ptypes[0].from, 2023),
			 ymd(2022, 12, 10));
	assert_int_equal(bc_dayrule_date(rs->ptypes[0].to, 2023),
			 ymd(2023, 3, 10));
	assert_int_equal(bc_dayrule_date(rs->ptypes[2].from, 2023),
			 ymd(2023, 6, 10));
	assert_int_equal(bc_dayrule_date(rs->ptypes[3].to, 2023),
			 ymd(2023, 12, 10));
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static void shipped_units_and_roles(void **state)
{
	static const struct {
		const char *id, *level;
	} kinds[] = {{"province", NULL},
		     {"district", NULL},
		     {"department", "huyen"},
		     {"commune", "xa"},
		     {"town", "xa"}};
	static const char *const levels[] = {"huyen", "xa"};
	static const char *const roles[] = {"noi_vu", "tu_phap", "vp_ubnd",
					    "tckh", "vhtt"};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load_shipped(&d);
	assert_int_equal(rs->n_kinds, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(rs->kinds[i].id, kinds[i].id);
		if (kinds[i].level)
			assert_string_equal(rs->kinds[i].level, kinds[i].level);
		else
			assert_null(rs->kinds[i].level);
		assert_ptr_equal(bc_ruleset_kind(rs, kinds[i].id),
				 &rs->kinds[i]);
	}
	assert_int_equal(rs->n_levels, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(rs->levels[i].id, levels[i]);
		assert_ptr_equal(bc_ruleset_level(rs, levels[i]),
				 &rs->levels[i]);
	}
	assert_int_equal(rs->n_roles, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(rs->roles[i].id, roles[i]);
		assert_ptr_equal(bc_ruleset_role(rs, roles[i]), &rs->roles[i]);
	}
	assert_null(bc_ruleset_kind(rs, "ward"));
	assert_null(bc_ruleset_level(rs, "tinh"));
	assert_null(bc_ruleset_role(rs, "cong_an"));
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static size_t count_diags(const bc_diags *d, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format(&d->v[i]);
		n += s && strstr(s, needle);
		bc_free(s);
	}
	return n;
}

static void shipped_lint_warns_early_deadlines(void **state)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load_shipped(&d);
	assert_int_equal(d.n, 0);
	bc_ruleset_lint(rs, &d);
	assert_int_equal(d.errors, 0);
	/* One per regular type, at its declaration, and none for DX. */
	assert_int_equal(count_diags(&d, "units are due"), 4);
	assert_true(test_diags_have(&d, "cchc-1131/periods.lua:10: warning: "
					"period type Q1: units are due "
					"28/02/Y"));
	assert_true(test_diags_have(&d, "cchc-1131/periods.lua:19: warning: "
					"period type H1: units are due"));
	assert_true(test_diags_have(&d, "cchc-1131/periods.lua:30: warning: "
					"period type Q3: units are due"));
	assert_true(test_diags_have(&d, "cchc-1131/periods.lua:39: warning: "
					"period type Y: units are due"));
	assert_false(test_diags_have(&d, "DX"));
	assert_int_equal(d.warnings, d.n);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* ---- day rules and tokens --------------------------------------------- */

static void dayrule_parse_and_date(void **state)
{
	bc_dayrule r;
	assert_true(bc_dayrule_parse("28/02/Y", &r));
	dayrule_equal(r, 28, 2, 0);
	assert_int_equal(bc_dayrule_date(r, 2023), ymd(2023, 2, 28));
	assert_true(bc_dayrule_parse("10/12/Y-1", &r));
	dayrule_equal(r, 10, 12, -1);
	assert_int_equal(bc_dayrule_date(r, 2023), ymd(2022, 12, 10));
	assert_true(bc_dayrule_parse("05/01/Y+1", &r));
	dayrule_equal(r, 5, 1, 1);
	assert_int_equal(bc_dayrule_date(r, 2023), ymd(2024, 1, 5));
	/* 29/02 exists in some years: in a common year it is the last
	 * day of February. */
	assert_true(bc_dayrule_parse("29/02/Y", &r));
	assert_int_equal(bc_dayrule_date(r, 2023), ymd(2023, 2, 28));
	assert_int_equal(bc_dayrule_date(r, 2024), ymd(2024, 2, 29));
	assert_int_equal(bc_dayrule_date(r, 1900), ymd(1900, 2, 28));
	/* The year offset moves the leap test to the other year. */
	assert_true(bc_dayrule_parse("29/02/Y-1", &r));
	assert_int_equal(bc_dayrule_date(r, 2025), ymd(2024, 2, 29));
	assert_int_equal(bc_dayrule_date(r, 2024), ymd(2023, 2, 28));
}

static void dayrule_bad(void **state)
{
	static const char *const bad[] = {
		"",          "28/02",     "28/02/",    "28/02/X",
		"28-02-Y",   "32/01/Y",   "00/01/Y",   "31/04/Y",
		"30/02/Y",   "01/13/Y",   "01/00/Y",   "28/02/Y-",
		"28/02/Y+",  "28/02/Y-10", "28/02/Y1", "28/02/Yx",
		"28/02/Y ",  "28/02/Y-1x", "ab/cd/Y",  "28/02/YY",
		"-1/02/Y",   "28/02/y",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		bc_dayrule r;
		if (bc_dayrule_parse(bad[i], &r))
			fail_msg("accepted \"%s\"", bad[i]);
	}
	bc_dayrule r;
	assert_false(bc_dayrule_parse(NULL, &r));
}

static void period_type_tokens(void **state)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load_shipped(&d);
	int n = -1;
	const bc_period_type *p = bc_ruleset_period_type(rs, "Q1", &n);
	assert_non_null(p);
	assert_string_equal(p->code, "Q1");
	assert_int_equal(n, 0);
	p = bc_ruleset_period_type(rs, "Y", &n);
	assert_non_null(p);
	assert_string_equal(p->code, "Y");
	p = bc_ruleset_period_type(rs, "DX3", &n);
	assert_non_null(p);
	assert_string_equal(p->code, "DX");
	assert_true(p->adhoc);
	assert_int_equal(n, 3);
	p = bc_ruleset_period_type(rs, "DX12", &n);
	assert_non_null(p);
	assert_int_equal(n, 12);
	static const char *const bad[] = {"DX0", "DX",  "DXA", "DX3A", "DX-1",
					  "Q2",  "q1",  "Q",   "",     "Q1 ",
					  "H1X", "YY"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		n = -1;
		if (bc_ruleset_period_type(rs, bad[i], &n))
			fail_msg("\"%s\" read as a period type", bad[i]);
		assert_int_equal(n, 0);
	}
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* ---- registration errors, from rulesets held in memory ----------------- */

/* Five lines each, so that what follows starts on a known line. */
#define DIRECTIVE(id)                                                         \
	"directive {\n"                                                       \
	"  id = \"" id "\", title = \"T\", reference = \"1/T\",\n"            \
	"  in_force = { from = \"2022-01-01\" },\n"                           \
	"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"       \
	"}\n"
#define PERIOD_Q1                                                             \
	"period_type {\n"                                                     \
	"  code = \"Q1\", label = \"Q1 {year}\",\n"                           \
	"  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"            \
	"  unit_due = \"28/02/Y\", compile_due = \"04/03/Y\",\n"              \
	"}\n"

static bc_err load_lim(const char *id, const char *const *files,
		       const bc_limits *lim, bc_ruleset **rs, bc_diags *d);

/* Loads id from files (path, text, …, NULL). */
static bc_err load_mem(const char *id, const char *const *files,
		       bc_ruleset **rs, bc_diags *d)
{
	return load_lim(id, files, NULL, rs, d);
}

/* The same under lim (NULL for the default limits). */
static bc_err load_lim(const char *id, const char *const *files,
		       const bc_limits *lim, bc_ruleset **rs, bc_diags *d)
{
	bc_srcset src = BC_SRCSET_INIT;
	for (; *files; files += 2)
		assert_int_equal(bc_srcset_add(&src, files[0], files[1],
					       strlen(files[1])),
				 BC_OK);
	bc_srcset_sort(&src);
	*rs = NULL;
	bc_err rc = bc_ruleset_load(id, &src, lim, rs, d);
	/* Taken over whatever the outcome. */
	assert_int_equal(src.n, 0);
	assert_null(src.v);
	return rc;
}

static void expect_load_error_lim(const char *id, const char *const *files,
				  const bc_limits *lim, const char *where,
				  const char *what);

/* Expects loading to fail with a diagnostic holding where and what. */
static void expect_load_error(const char *id, const char *const *files,
			      const char *where, const char *what)
{
	expect_load_error_lim(id, files, NULL, where, what);
}

/* The same under lim. */
static void expect_load_error_lim(const char *id, const char *const *files,
				  const bc_limits *lim, const char *where,
				  const char *what)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	bc_err rc = load_lim(id, files, lim, &rs, &d);
	bool hit = false;
	for (size_t i = 0; i < d.n && !hit; i++) {
		char *s = bc_diag_format(&d.v[i]);
		hit = s && d.v[i].severity == BC_ERROR && strstr(s, where) &&
		      strstr(s, what);
		bc_free(s);
	}
	if (rc != BC_ERR_RULES || !hit) {
		test_diags_print(&d);
		fail_msg("got %s, wanted an error at '%s' saying '%s'",
			 bc_strerror(rc), where, what);
	}
	assert_null(rs);
	bc_diags_free(&d);
}

static void minimal_ruleset_loads(void **state)
{
	/* The base every error test below departs from. */
	const char *files[] = {"ruleset.lua", DIRECTIVE("t") PERIOD_Q1, NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	assert_int_equal(load_mem("t", files, &rs, &d), BC_OK);
	assert_int_equal(d.n, 0);
	assert_non_null(rs);
	assert_int_equal(rs->n_ptypes, 1);
	assert_string_equal(rs->ptypes[0].at.file, "t/ruleset.lua");
	assert_int_equal(rs->ptypes[0].at.line, 6);
	assert_int_equal(rs->src.n, 1);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static void unknown_key(void **state)
{
	const char *files[] = {"ruleset.lua",
			       DIRECTIVE("t") "include 'periods.lua'\n",
			       "periods.lua",
			       "local x = 1\n"
			       "period_type {\n"
			       "  code = \"Q1\", label = \"Q1 {year}\",\n"
			       "  colour = \"red\",\n"
			       "  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"
			       "  unit_due = \"28/02/Y\", compile_due = \"04/03/Y\",\n"
			       "}\n",
			       NULL};
	expect_load_error("t", files, "t/periods.lua:2:",
			  "unknown key 'colour'");
	/* Inside a sub-table too. */
	const char *files2[] = {
		"ruleset.lua",
		"directive {\n"
		"  id = \"t\", title = \"T\", reference = \"1/T\",\n"
		"  in_force = { from = \"2022-01-01\", till = \"2030-01-01\" },\n"
		"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"
		"}\n" PERIOD_Q1,
		NULL};
	expect_load_error("t", files2, "t/ruleset.lua:1:",
			  "unknown key 'till'");
}

static void missing_required_key(void **state)
{
	const char *files[] = {
		"ruleset.lua",
		"directive {\n"
		"  id = \"t\", reference = \"1/T\",\n"
		"  in_force = { from = \"2022-01-01\" },\n"
		"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"
		"}\n" PERIOD_Q1,
		NULL};
	expect_load_error("t", files, "t/ruleset.lua:1:",
			  "'title' is required");
	const char *files2[] = {"ruleset.lua",
				DIRECTIVE("t") "period_type {\n"
					       "  code = \"Q1\", label = \"Q\",\n"
					       "  window = { from = \"10/12/Y-1\", "
					       "to = \"10/03/Y\" },\n"
					       "  compile_due = \"04/03/Y\",\n"
					       "}\n",
				NULL};
	expect_load_error("t", files2, "t/ruleset.lua:6:",
			  "'unit_due' is required");
}

static void wrong_type(void **state)
{
	const char *files[] = {
		"ruleset.lua",
		"directive {\n"
		"  id = \"t\", title = 5, reference = \"1/T\",\n"
		"  in_force = { from = \"2022-01-01\" },\n"
		"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"
		"}\n" PERIOD_Q1,
		NULL};
	expect_load_error("t", files, "t/ruleset.lua:1:",
			  "'title' must be a string, not number");
	const char *files2[] = {"ruleset.lua",
				DIRECTIVE("t") "period_type {\n"
					       "  code = \"Q1\", label = \"Q\",\n"
					       "  window = { from = \"10/12/Y-1\", "
					       "to = \"10/03/Y\" },\n"
					       "  unit_due = \"28/02/Y\", "
					       "compile_due = \"04/03/Y\",\n"
					       "  advance = \"yes\",\n"
					       "}\n",
				NULL};
	expect_load_error("t", files2, "t/ruleset.lua:6:",
			  "'advance' must be true or false");
}

/* A ruleset with one form whose field f carries the given keys. */
#define FORM_WITH(keys)                                                       \
	DIRECTIVE("t") PERIOD_Q1                                              \
	"section { id = \"A\", title = \"A\" }\n"                            \
	"form {\n"                                                            \
	"  id = \"f\", title = \"F\", section = \"A\", owner = \"x\",\n"      \
	"  fields = {\n"                                                      \
	"    { \"a\", \"A\", \"int\", \"sum\" },\n"                           \
	"    { \"b\", \"B\", \"int\", \"sum\", " keys " },\n"                 \
	"  },\n"                                                              \
	"}\n"

/* What people call each part: a form's name, the report's name from the
 * directive; the ids when the rules give none. */
static void part_names(void **state)
{
	const char *named[] = {
		"ruleset.lua",
		"directive {\n"
		"  id = \"t\", title = \"T\", reference = \"1/T\",\n"
		"  in_force = { from = \"2022-01-01\" },\n"
		"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"
		"  report_name = \"Written report\",\n"
		"}\n" PERIOD_Q1
		"section { id = \"A\", title = \"A\" }\n"
		"form { id = \"f\", name = \"Form 1\", title = \"F\",\n"
		"  fields = { { \"a\", \"A\", \"int\", \"sum\" } } }\n",
		NULL};
	const char *plain[] = {"ruleset.lua", FORM_WITH("required = true"),
			       NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	assert_int_equal(load_mem("t", named, &rs, &d), BC_OK);
	assert_string_equal(rs->directive.report_name, "Written report");
	assert_string_equal(bc_ruleset_part_name(rs, "report"), "Written report");
	assert_string_equal(bc_ruleset_part_name(rs, "f"), "Form 1");
	assert_string_equal(bc_ruleset_part_name(rs, "g"), "g");
	bc_ruleset_free(rs);
	assert_int_equal(load_mem("t", plain, &rs, &d), BC_OK);
	assert_string_equal(rs->directive.report_name, "report");
	assert_string_equal(bc_ruleset_part_name(rs, "report"), "report");
	assert_string_equal(bc_ruleset_part_name(rs, "f"), "f");
	bc_ruleset_free(rs);
	/* The shipped rules name the report. */
	rs = load_shipped(&d);
	assert_string_not_equal(bc_ruleset_part_name(rs, "report"), "report");
	assert_string_equal(bc_ruleset_part_name(rs, "report"),
			    rs->directive.report_name);
	bc_ruleset_free(rs);
	assert_int_equal(d.errors, 0);
	bc_diags_free(&d);
}

/* required = true on a field is read, and checked like every key. */
static void required_field(void **state)
{
	const char *ok[] = {"ruleset.lua", FORM_WITH("required = true"), NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	if (load_mem("t", ok, &rs, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("required = true does not load");
	}
	const bc_form *f = bc_ruleset_form(rs, "f");
	assert_non_null(f);
	assert_false(f->fields[0].required);
	assert_true(f->fields[1].required);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
	const char *word[] = {"ruleset.lua", FORM_WITH("required = \"yes\""),
			      NULL};
	expect_load_error("t", word, "t/ruleset.lua:12:",
			  "'required' must be true or false");
	const char *when[] = {"ruleset.lua",
			      FORM_WITH("required_when = { a = \"1\" }"), NULL};
	expect_load_error("t", when, "t/ruleset.lua:12:",
			  "'required_when' is for table columns");
}

/* Fields and columns found through the maps the ruleset built when it
 * loaded, at the positions the walk over them finds; a form put
 * together by hand, with no map, found by the walk. */
static void field_maps(void **state)
{
	(void)state;
	const char *files[] = {
		"ruleset.lua",
		FORM_WITH("") "form {\n"
		"  id = \"g\", title = \"G\", section = \"A\", owner = \"x\",\n"
		"  fields = { { \"n\", \"N\", \"int\", \"sum\" },\n"
		"    { \"t\", \"T\", \"table\", \"list\", columns = {\n"
		"      { \"c1\", \"C1\", \"text\" },\n"
		"      { \"c2\", \"C2\", \"int\" } } } },\n"
		"}\n",
		NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	if (load_mem("t", files, &rs, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("the forms do not load");
	}
	const bc_form *g = bc_ruleset_form(rs, "g");
	assert_non_null(g);
	assert_int_equal(g->field_ids.n, 2);
	assert_int_equal(bc_form_field(g, "n"), 0);
	assert_int_equal(bc_form_field(g, "t"), 1);
	assert_int_equal(bc_form_field(g, "c1"), -1);
	assert_int_equal(bc_form_field(g, ""), -1);
	const bc_field *t = &g->fields[1];
	assert_int_equal(t->column_ids.n, 2);
	assert_int_equal(bc_table_column(t, "c1"), 0);
	assert_int_equal(bc_table_column(t, "c2"), 1);
	assert_int_equal(bc_table_column(t, "t"), -1);
	assert_int_equal(bc_table_column(&g->fields[0], "c1"), -1);
	const bc_form *f = bc_ruleset_form(rs, "f");
	assert_int_equal(bc_form_field(f, "b"), 1);
	/* By hand: the walk, first of twins as the map would. */
	bc_field twins[] = {{.id = "x"}, {.id = "y"}, {.id = "x"}};
	bc_form hand = {.id = "h", .fields = twins, .n_fields = 3};
	assert_int_equal(bc_form_field(&hand, "x"), 0);
	assert_int_equal(bc_form_field(&hand, "y"), 1);
	assert_int_equal(bc_form_index(&hand), BC_OK);
	assert_int_equal(hand.field_ids.n, 2);
	assert_int_equal(bc_form_field(&hand, "x"), 0);
	bc_form_index_free(&hand);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static void duplicate_period_code(void **state)
{
	const char *files[] = {"ruleset.lua", DIRECTIVE("t") PERIOD_Q1 PERIOD_Q1,
			       NULL};
	expect_load_error("t", files, "t/ruleset.lua:11:",
			  "'Q1' already declared at t/ruleset.lua:6");
}

static void duplicate_directive(void **state)
{
	const char *files[] = {"ruleset.lua",
			       DIRECTIVE("t") DIRECTIVE("t") PERIOD_Q1, NULL};
	expect_load_error("t", files, "t/ruleset.lua:6:",
			  "already declared at t/ruleset.lua:1");
}

static void directive_id_not_directory(void **state)
{
	const char *files[] = {"ruleset.lua", DIRECTIVE("other") PERIOD_Q1,
			       NULL};
	expect_load_error("t", files, "t/ruleset.lua:1:",
			  "directory's name 't'");
}

static void unit_kind_undeclared_level(void **state)
{
	const char *files[] = {"ruleset.lua",
			       DIRECTIVE("t") PERIOD_Q1
			       "level { id = \"xa\", label = \"X\" }\n"
			       "unit_kind { id = \"commune\", label = \"C\", "
			       "level = \"huyen\" }\n",
			       NULL};
	expect_load_error("t", files, "t/ruleset.lua:12:",
			  "no level 'huyen'");
}

static void no_directive(void **state)
{
	const char *files[] = {"ruleset.lua", PERIOD_Q1, NULL};
	expect_load_error("t", files, "t/ruleset.lua", "no directive");
}

static void no_period_type(void **state)
{
	const char *files[] = {"ruleset.lua", DIRECTIVE("t"), NULL};
	expect_load_error("t", files, "t/ruleset.lua", "no period_type");
}

static void no_ruleset_lua(void **state)
{
	const char *files[] = {"periods.lua", DIRECTIVE("t") PERIOD_Q1, NULL};
	expect_load_error("t", files, "t", "no ruleset.lua");
}

static void adhoc_with_window(void **state)
{
	const char *files[] = {"ruleset.lua",
			       DIRECTIVE("t") PERIOD_Q1
			       "period_type {\n"
			       "  code = \"DX\", label = \"DX {n}\", adhoc = true,\n"
			       "  window = { from = \"01/01/Y\", to = \"31/01/Y\" },\n"
			       "}\n",
			       NULL};
	expect_load_error("t", files, "t/ruleset.lua:11:",
			  "an ad-hoc type takes its window");
	const char *files2[] = {"ruleset.lua",
				DIRECTIVE("t") PERIOD_Q1
				"period_type { code = \"DX\", label = \"DX\", "
				"adhoc = true, unit_due = \"28/02/Y\" }\n",
				NULL};
	expect_load_error("t", files2, "t/ruleset.lua:11:",
			  "an ad-hoc type takes its window");
}

static void window_backwards(void **state)
{
	const char *files[] = {"ruleset.lua",
			       DIRECTIVE("t") "\n"
			       "period_type {\n"
			       "  code = \"Q3\", label = \"Q3\",\n"
			       "  window = { from = \"10/09/Y\", to = \"10/06/Y\" },\n"
			       "  unit_due = \"28/09/Y\", compile_due = \"04/10/Y\",\n"
			       "}\n",
			       NULL};
	expect_load_error("t", files, "t/ruleset.lua:7:",
			  "window ends before it starts");
	/* Backwards by days within one month. */
	const char *files2[] = {"ruleset.lua",
				DIRECTIVE("t") "period_type {\n"
				"  code = \"Q1\", label = \"Q1\",\n"
				"  window = { from = \"20/03/Y\", to = \"10/03/Y\" },\n"
				"  unit_due = \"28/03/Y\", compile_due = \"04/04/Y\",\n"
				"}\n",
				NULL};
	expect_load_error("t", files2, "t/ruleset.lua:6:",
			  "window ends before it starts");
}

static void syntax_error_line(void **state)
{
	const char *files[] = {"ruleset.lua",
			       "-- a comment\n"
			       "local a = 1\n"
			       "\n"
			       "local b = = 2\n",
			       NULL};
	expect_load_error("t", files, "t/ruleset.lua:4:", "near");
}

static void include_error_names_subfile(void **state)
{
	const char *files[] = {"ruleset.lua",
			       DIRECTIVE("t") "include 'sub/periods.lua'\n",
			       "sub/periods.lua",
			       "-- periods\n"
			       "\n"
			       "period_type { code = \"Q1\" label = \"x\" }\n",
			       NULL};
	expect_load_error("t", files, "t/sub/periods.lua:3:", "expected");
	/* A run-time error in the sub-file is placed there as well, not at
	 * the include. */
	const char *files2[] = {"ruleset.lua",
				DIRECTIVE("t") "include 'sub/periods.lua'\n",
				"sub/periods.lua",
				"-- periods\n" PERIOD_Q1
				"period_type { code = \"q2\", label = \"x\" }\n",
				NULL};
	expect_load_error("t", files2, "t/sub/periods.lua:7:", "code 'q2'");
}

static void lint_quiet_when_deadlines_follow_window(void **state)
{
	const char *files[] = {"ruleset.lua",
			       DIRECTIVE("t") "period_type {\n"
			       "  code = \"Q1\", label = \"Q1 {year}\",\n"
			       "  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"
			       "  unit_due = \"15/03/Y\", compile_due = \"20/03/Y\",\n"
			       "}\n",
			       NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	assert_int_equal(load_mem("t", files, &rs, &d), BC_OK);
	bc_ruleset_lint(rs, &d);
	assert_int_equal(d.n, 0);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* ---- what registrations cost ------------------------------------------ */

/* The rules' budget stops a test that would otherwise run for minutes;
 * this stops the test should the budget not. */
static void watchdog_fired(int sig)
{
	static const char msg[] = "watchdog: a ruleset load ran on\n";
	ssize_t r = write(2, msg, sizeof msg - 1);
	(void)r;
	_exit(1);
}

static void watchdog(unsigned seconds)
{
	signal(SIGALRM, watchdog_fired);
	alarm(seconds);
}

static void watchdog_off(void)
{
	alarm(0);
	signal(SIGALRM, SIG_DFL);
}

static void copies_count_against_the_cap(void **state)
{
	/* 100 fields sharing one 1 MiB label: 1 MiB to Lua, 100 MiB to C
	 * once copied.  One budget for both: refused at the form's line. */
	const char *files[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"local s = string.rep('x', 2^20)\n"
		"local f = {}\n"
		"for i = 1, 100 do f[i] = { 'f' .. i, s, 'int', 'sum' } end\n"
		"form { id = 'zz', title = 't', fields = f }\n",
		NULL};
	watchdog(60);
	expect_load_error("t", files, "t/ruleset.lua:14:",
			  "memory limit of 64 MiB exceeded");
	watchdog_off();
}

/* Each case registers what puts S, a text of 1 MiB, into C three times:
 * with Lua's own copy, more than 3 MiB.  ids are refused as ids too, but
 * only once copied; pcall goes on to the next copy. */
static const char *const long_text_cases[] = {
	"for i = 1, 3 do level { id = 'l' .. i, label = S } end",
	"for i = 1, 3 do pcall(level, { id = S, label = 'l' }) end",
	"for i = 1, 3 do unit_kind { id = 'k' .. i, label = S } end",
	"for i = 1, 3 do unit_kind { id = 'k' .. i, label = 'k', level = S } end",
	"for i = 1, 3 do pcall(unit_kind, { id = S, label = 'k' }) end",
	"for i = 1, 3 do role { id = 'r' .. i, label = S } end",
	"for i = 1, 3 do pcall(role, { id = S, label = 'r' }) end",
	"for i = 1, 3 do channel { id = 'c' .. i, label = S } end",
	"for i = 1, 3 do pcall(channel, { id = S, label = 'c' }) end",
	"for i = 1, 3 do period_type { code = 'DX' .. string.char(64 + i), "
	"label = S, adhoc = true } end",
	"for i = 1, 3 do pcall(period_type, { code = S, label = 'p' }) end",
	"for i = 1, 3 do section { id = 'Z' .. i, title = S } end",
	"for i = 1, 3 do section { id = 'Z' .. i, title = 's', guidance = S } end",
	"section { id = 'Z', title = 's', forms = { S, S, S } }",
	"for i = 1, 3 do pcall(section, { id = S, title = 's' }) end",
	"responsibility { kinds = { S, S, S }, parts = { 'report' } }",
	"for i = 1, 3 do responsibility { role = S, parts = { 'report' } } end",
	"responsibility { role = 'r', parts = { S, S, S } }",
	"responsibility { role = 'r', sections = { S, S, S } }",
	"for i = 1, 3 do form { id = 'f' .. i, title = S, fields = F } end",
	"for i = 1, 3 do form { id = 'f' .. i, title = 't', section = S, "
	"fields = F } end",
	"for i = 1, 3 do form { id = 'f' .. i, title = 't', owner = S, "
	"fields = F } end",
	"for i = 1, 3 do pcall(form, { id = S, title = 't', fields = F }) end",
	"form { id = 'f', title = 't', fields = { { 'a', S, 'int', 'sum' }, "
	"{ 'b', S, 'int', 'sum' }, { 'c', S, 'int', 'sum' } } }",
	"for i = 1, 3 do pcall(form, { id = 'f' .. i, title = 't', "
	"fields = { { S, 'a', 'int', 'sum' } } }) end",
	"form { id = 'f', title = 't', fields = { { 'a', 'a', 'int', 'sum', "
	"unit = S, level = S, example = S } } }",
	"form { id = 'f', title = 't', fields = { { 'a', 'a', 'text', "
	"pattern = S .. S .. S } } }",
	"form { id = 'f', title = 't', fields = { { 'a', 'a', 'enum', "
	"values = { S, S, S } } } }",
	"form { id = 'f', title = 't', fields = { { 'a', 'a', 'int', 'sum', "
	"check = S, expect = S }, { 'b', 'b', 'int', 'sum', check = S } } }",
	"form { id = 'f', title = 't', fields = F, checks = { S, S, S } }",
	"form { id = 'f', title = 't', fields = F, checks = { { 'a = 1', "
	"message = S }, { 'a = 1', message = S }, { 'a = 1', message = S } } }",
	"form { id = 'f', title = 't', fields = F, indicators = { "
	"{ 'x', S, num = 'a', den = 'a' }, { 'y', S, num = 'a', den = 'a' }, "
	"{ 'z', S, num = S, den = 'a' } } }",
	"form { id = 'f', title = 't', fields = { { 't', 'T', 'table', 'list', "
	"columns = { { 'c', S, 'text', example = S, pattern = S } } } } }",
	"form { id = 'f', title = 't', fields = { { 't', 'T', 'table', 'list', "
	"columns = { { 'c', 'c', 'text', required_when = { c = { S, S, S } } } "
	"} } } }",
	"form { id = 'f', title = 't', fields = { { 't', 'T', 'table', 'list', "
	"columns = { { 'c', 'c', 'int' } }, row_checks = { { S }, "
	"{ 'c = 1', message = S }, { 'c = 1', message = S } } } } }",
	"form { id = 'f', title = 't', fields = { { 't', 'T', 'table', 'list', "
	"columns = { { S, 'c', 'int' } } } } }",
	NULL};

/* Loads each case after prelude, which ends on line line - 1, under lim:
 * each must be refused for memory at its line. */
static void each_over_memory(const char *prelude, const char *const *cases,
			     int line, const bc_limits *lim)
{
	char text[2048], where[64];
	snprintf(where, sizeof where, "t/ruleset.lua:%d: memory limit", line);
	for (const char *const *c = cases; *c; c++) {
		snprintf(text, sizeof text, "%s%s\n", prelude, *c);
		const char *files[] = {"ruleset.lua", text, NULL};
		bc_diags d = BC_DIAGS_INIT;
		bc_ruleset *rs;
		bc_err rc = load_lim("t", files, lim, &rs, &d);
		if (rc != BC_ERR_RULES || !test_diags_have(&d, where)) {
			test_diags_print(&d);
			fail_msg("%s: got %s, wanted '%s'", *c, bc_strerror(rc),
				 where);
		}
		bc_diags_free(&d);
	}
}

static void long_text_in_every_string_key(void **state)
{
	const bc_limits lim = {3u << 20, 100000000u, 0};
	watchdog(120);
	each_over_memory(DIRECTIVE("t") PERIOD_Q1
			 "local S = string.rep('\xc3\xa1', 2^19)\n"
			 "local F = { { 'a', 'a', 'int', 'sum' } }\n",
			 long_text_cases, 13, &lim);
	/* The directive's texts, one directive. */
	const char *files[] = {
		"ruleset.lua",
		PERIOD_Q1
		"local S = string.rep('\xc3\xa1', 2^19)\n"
		"directive { id = 't', title = S, reference = S, issuer = S, "
		"replaces = S, supersedes = S, reading = S, "
		"in_force = { from = '2022-01-01' }, "
		"deadline = { inclusive = true, utc_offset = '+07:00' } }\n",
		NULL};
	expect_load_error_lim("t", files, &lim, "t/ruleset.lua:7:",
			      "memory limit of 3 MiB");
	watchdog_off();
}

/* Registrations by the hundred thousand, each cheap to the rules (what
 * they pass is garbage at once, or made on demand by a metatable) and
 * dearer to C: refused at the cap, quickly, where they are made.  With
 * a check per item over the items before, this took minutes. */
static const char *const many_cases[] = {
	"for i = 1, 1e6 do section { id = 'Z' .. i, title = 's' } end",
	"for i = 1, 1e6 do responsibility { kinds = { 'k' }, parts = { 'report' } } end",
	"for i = 1, 1e6 do period_type { code = 'P' .. i, label = 'p', "
	"window = { from = '01/01/Y', to = '31/03/Y' }, unit_due = '10/04/Y', "
	"compile_due = '15/04/Y' } end",
	"for i = 1, 1e6 do level { id = 'l' .. i, label = 'l' } end",
	"for i = 1, 1e6 do unit_kind { id = 'k' .. i, label = 'k' } end",
	"for i = 1, 1e6 do role { id = 'r' .. i, label = 'r' } end",
	"for i = 1, 1e6 do channel { id = 'c' .. i, label = 'c' } end",
	"for i = 1, 1e6 do form { id = 'f' .. i, title = 't', fields = F } end",
	"form { id = 'f', title = 't', fields = setmetatable({}, { "
	"__len = function() return 1e6 end, __index = function(t, i) "
	"return { 'f' .. i, 'l', 'int', 'sum' } end }) }",
	"form { id = 'f', title = 't', fields = { { 't', 'T', 'table', 'list', "
	"columns = setmetatable({}, { __len = function() return 1e6 end, "
	"__index = function(t, i) return { 'c' .. i, 'c', 'int' } end }) } } }",
	"form { id = 'f', title = 't', fields = { { 'e', 'E', 'enum', "
	"values = setmetatable({}, { __len = function() return 1e7 end, "
	"__index = function(t, i) return 'v' .. i end }) } } }",
	"form { id = 'f', title = 't', fields = F, checks = setmetatable({}, { "
	"__len = function() return 1e6 end, __index = function(t, i) "
	"return 'a <= ' .. i end }) }",
	NULL};

static void many_registrations_refused_quickly(void **state)
{
	const bc_limits lim = {2u << 20, 1000000000u, 0};
	watchdog(120);
	each_over_memory(DIRECTIVE("t") PERIOD_Q1
			 "local F = { { 'a', 'a', 'int', 'sum' } }\n",
			 many_cases, 12, &lim);
	watchdog_off();
}

static void many_fields_load_and_are_found(void **state)
{
	/* Within the cap, many fields load, each found by its name: the
	 * lookups that make loading linear answer as the scans did. */
	const char *files[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"local f = {}\n"
		"for i = 1, 20000 do f[i] = { 'f' .. i, 'l', 'int', 'sum', "
		"check = '<= f' .. (20001 - i) } end\n"
		"f[20001] = { 't', 'T', 'table', 'list', columns = { "
		"{ 'a', 'a', 'enum', values = { 'x', 'y' } }, { 'b', 'b', 'int', "
		"required_when = { a = 'y' } } }, row_checks = { { 'b >= 1', "
		"when = { a = { 'x', 'y' } } } } }\n"
		"form { id = 'zz', title = 't', fields = f, carry = { { 'f7', "
		"from = 'f20000' } }, indicators = { { 'k', 'K', num = 'f1', "
		"den = 'f19999 + f2' }, { 'r', 'R', rows = 't', "
		"where = { a = 'x' } } } }\n",
		NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	watchdog(60);
	bc_err rc = load_mem("t", files, &rs, &d);
	watchdog_off();
	if (rc != BC_OK) {
		test_diags_print(&d);
		fail_msg("%s", bc_strerror(rc));
	}
	const bc_form *f = bc_ruleset_form(rs, "zz");
	assert_non_null(f);
	assert_int_equal(f->n_fields, 20001);
	assert_int_equal(f->n_checks, 20000);
	assert_int_equal(f->checks[0].cond.rhs.v[0].ref, 19999);
	assert_int_equal(f->checks[19999].cond.rhs.v[0].ref, 0);
	assert_int_equal(f->carries[0].field, 6);
	assert_int_equal(f->carries[0].from, 19999);
	assert_int_equal(f->indicators[0].den.v[0].ref, 19998);
	assert_int_equal(f->indicators[1].rows, 20000);
	assert_int_equal(f->indicators[1].where.v[0].col, 0);
	const bc_field *t = &f->fields[20000];
	assert_int_equal(t->columns[1].required_when.v[0].col, 0);
	assert_int_equal(t->row_checks[0].cond.lhs.v[0].ref, 1);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static void form_problems_found_by_name(void **state)
{
	/* The same lookups find what is missing, twice declared or not a
	 * value, and the messages name it. */
	const char *files[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"form { id = 'zz', title = 't', fields = {\n"
		"  { 'a', 'a', 'int', 'sum', check = '<= nope' },\n"
		"  { 't', 'T', 'table', 'count_by', count_by = 'zz', columns = {\n"
		"    { 'e', 'e', 'enum', values = { 'x' } },\n"
		"    { 'n', 'n', 'int', required_when = { e = 'w', q = 'x' } } } } },\n"
		"  carry = { { 'a', from = 'b' } },\n"
		"  indicators = { { 'k', 'K', rows = 'a' } } }\n",
		NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	assert_int_equal(load_mem("t", files, &rs, &d), BC_ERR_RULES);
	static const char *const want[] = {
		"names 'nope', which is no number",
		"count_by names no column 'zz'",
		"'w' is not a value of e",
		"names no column 'q'",
		"carry names no field 'b'",
		"rows names no table 'a'",
		NULL};
	for (const char *const *w = want; *w; w++)
		if (!test_diags_have(&d, *w)) {
			test_diags_print(&d);
			fail_msg("no '%s'", *w);
		}
	bc_diags_free(&d);
	const char *twice[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"form { id = 'zz', title = 't', fields = { { 'a', 'a', 'int', "
		"'sum' }, { 'b', 'b', 'int', 'sum' }, { 'a', 'a', 'int', 'sum' } } }\n",
		NULL};
	expect_load_error("t", twice, "t/ruleset.lua:11:", "field 'a' twice");
	const char *cols[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"form { id = 'zz', title = 't', fields = { { 't', 'T', 'table', "
		"'list', columns = { { 'c', 'c', 'int' }, { 'c', 'c', 'int' } } } } }\n",
		NULL};
	expect_load_error("t", cols, "t/ruleset.lua:11:", "column 'c' twice");
	const char *forms[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"form { id = 'zz', title = 't', fields = { { 'a', 'a', 'int', "
		"'sum' } } }\n"
		"form { id = 'zz', title = 't', fields = { { 'a', 'a', 'int', "
		"'sum' } } }\n",
		NULL};
	expect_load_error("t", forms, "t/ruleset.lua:12:",
			  "'zz' already declared at t/ruleset.lua:11");
}

static void column_cannot_be_a_table(void **state)
{
	/* Columns were read in C recursion as deep as the rules nested
	 * tables: a loop could nest them past the C stack. */
	const char *files[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"local t = { 'c', 'c', 'int' }\n"
		"for i = 1, 100000 do t = { 'c' .. i, 'c', 'table', "
		"columns = { t } } end\n"
		"form { id = 'zz', title = 't', fields = { { 'f', 'F', 'table', "
		"'list', columns = { t } } } }\n",
		NULL};
	expect_load_error("t", files, "t/ruleset.lua:13:",
			  "a column cannot be a table");
}

static void failed_field_leaves_nothing(void **state)
{
	/* An unknown type used to leak the copy it was read into (cmocka
	 * checks every test for leaks). */
	const char *files[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"form { id = 'zz', title = 't', fields = { { 'a', 'a', 'integer', "
		"'sum' } } }\n",
		NULL};
	expect_load_error("t", files, "t/ruleset.lua:11:",
			  "unknown type 'integer'");
	const char *files2[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"form { id = 'zz', title = 't', fields = { { 'a', 'a', 'int', "
		"'sum' } }, carry = { { 'a', from = 5 } } }\n",
		NULL};
	expect_load_error("t", files2, "t/ruleset.lua:11:",
			  "'from' must be a string");
}

/* i in letters, as the rules below spell it: names that differ in more
 * than their digits, so that no two problems are alike (error.h folds
 * those). */
static void letters(int i, char *out)
{
	do {
		*out++ = (char)('a' + i % 26);
		i /= 26;
	} while (i);
	*out = '\0';
}

static void problems_listed_up_to_a_bound(void **state)
{
	/* Every problem counts; the first thousand are listed. */
	const char *files[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"local function nm(i) local s = '' repeat "
		"s = s .. string.char(97 + i % 26); i = i // 26 "
		"until i == 0 return s end\n"
		"local f = {}\n"
		"for i = 1, 5000 do f[i] = { 'f' .. i, 'l', 'int', 'sum', "
		"check = '<= nope' .. nm(i) } end\n"
		"form { id = 'zz', title = 't', fields = f }\n",
		NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	char name[32], want[64];
	assert_int_equal(load_mem("t", files, &rs, &d), BC_ERR_RULES);
	assert_int_equal(d.errors, 1001);
	letters(1000, name);
	snprintf(want, sizeof want, "names 'nope%s'", name);
	assert_true(test_diags_have(&d, want));
	letters(1001, name);
	snprintf(want, sizeof want, "names 'nope%s'", name);
	assert_false(test_diags_have(&d, want));
	assert_true(test_diags_have(&d, "and 4000 more problems"));
	bc_diags_free(&d);
}

static void patterns_blame_the_rules(void **state)
{
	/* A column's pattern runs with the library's string.find, whatever
	 * the rules did to theirs; when the pattern itself fails (too
	 * costly for a long cell), the rules are blamed at the form. */
	const char *files[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"pcall(function() string.find = function() return 1 end end)\n"
		"form { id = 'zz', title = 't', fields = { { 't', 'T', 'table', "
		"'list', columns = { { 'so', 'S', 'text', pattern = '^%d+/' }, "
		"{ 'x', 'X', 'text', pattern = '^(.-)(.-)(.-)(.-)(.-)b' } } } } }\n",
		NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	if (load_mem("t", files, &rs, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("did not load");
	}
	const bc_field *t = &bc_ruleset_form(rs, "zz")->fields[0];
	bc_budget b = {0, 0};
	bool m = true;
	assert_int_equal(bc_ruleset_match(rs, &t->columns[0], "abc", &b, &m, &d),
			 BC_OK);
	assert_false(m);
	assert_int_equal(bc_ruleset_match(rs, &t->columns[0], "12/KH", &b, &m,
					  &d), BC_OK);
	assert_true(m);
	char cell[1001];
	memset(cell, 'a', 1000);
	cell[1000] = '\0';
	assert_int_equal(bc_ruleset_match(rs, &t->columns[1], cell, &b, &m, &d),
			 BC_ERR_RULES);
	assert_true(test_diags_have(&d, "t/ruleset.lua:12: column x: pattern"));
	assert_true(test_diags_have(&d, "too long"));
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* A registration read while another is being read (a metatable of the
 * form's fields registers a level, one of the channel's table a role)
 * lands in its own kind, and the one being read in its own. */
static void registration_inside_another(void **state)
{
	const char *files[] = {
		"ruleset.lua",
		DIRECTIVE("t") PERIOD_Q1
		"local once\n"
		"local f = setmetatable({}, { __len = function() return 1 end, "
		"__index = function(t, i) if not once then once = true "
		"level { id = 'xa', label = 'Xa' } end "
		"return { 'a', 'A', 'int', 'sum', level = 'xa' } end })\n"
		"form { id = 'bm', title = 'B', fields = f }\n"
		"channel(setmetatable({ id = 'email' }, { __index = "
		"function(t, k) role { id = 'vp', label = 'VP' } "
		"return 'Thu' end }))\n",
		NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	bc_err rc = load_mem("t", files, &rs, &d);
	if (rc != BC_OK) {
		test_diags_print(&d);
		fail_msg("%s", bc_strerror(rc));
	}
	assert_int_equal(rs->n_levels, 1);
	assert_string_equal(bc_ruleset_level(rs, "xa")->label, "Xa");
	assert_int_equal(rs->n_forms, 1);
	assert_string_equal(bc_ruleset_form(rs, "bm")->fields[0].level, "xa");
	assert_string_equal(bc_ruleset_channel(rs, "email")->label, "Thu");
	assert_string_equal(bc_ruleset_role(rs, "vp")->label, "VP");
	assert_null(bc_ruleset_find(rs, BC_REG_ROLE, "email"));
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* Choices with labels and without, in one list (tests/data/choices.lua):
 * a label stands for its id as a person types it; a plain id is its own
 * label. */
static void enum_choices_with_labels(void **state)
{
	char *text = test_fixture_read("choices.lua");
	const char *files[] = {"ruleset.lua", text, NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	if (load_mem("t", files, &rs, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("choices.lua does not load");
	}
	const bc_form *bm = bc_ruleset_form(rs, "bm");
	const bc_field *c = &bm->fields[0].columns[0], *one = &bm->fields[1];
	assert_int_equal(c->n_values, 3);
	assert_string_equal(c->values[0], "nghi_quyet");
	assert_string_equal(c->values[1], "khac");
	assert_string_equal(c->values[2], "ke_hoach");
	assert_string_not_equal(c->value_labels[0], c->values[0]);
	assert_string_equal(c->value_labels[1], "khac");
	assert_string_equal(bc_field_value_label(c, "ke_hoach"),
			    c->value_labels[2]);
	assert_string_equal(bc_field_value_label(c, "gone"), "gone");
	/* Ids exactly; labels as typed, in capitals too. */
	char upper[64];
	bc_utf8_upper(c->value_labels[2], upper, sizeof upper);
	assert_int_equal(bc_field_choice(c, "ke_hoach"), 2);
	assert_int_equal(bc_field_choice(c, c->value_labels[0]), 0);
	assert_int_equal(bc_field_choice(c, upper), 2);
	assert_int_equal(bc_field_choice(c, "KHAC"), 1);
	assert_int_equal(bc_field_choice(c, "KE_HOACH"), -1);
	assert_int_equal(bc_field_choice(c, "ke hoach"), -1);
	assert_int_equal(one->n_values, 1);
	assert_string_equal(one->values[0], "duy_nhat");
	assert_string_equal(one->value_labels[0], "duy_nhat");
	bc_ruleset_free(rs);
	bc_diags_free(&d);
	free(text);
}

/* A form of one enum field, values = VALUES, at line 11. */
#define ENUM_FORM(values)                                                    \
	DIRECTIVE("t") PERIOD_Q1                                              \
	"form { id = 'zz', title = 't', fields = { { 'e', 'E', 'enum', "      \
	"'list', values = " values " } } }\n"

/* Malformed choices, and choices import could not tell apart, are
 * errors at the form's line. */
static void enum_choices_refused(void **state)
{
	static const struct {
		const char *rules, *what;
	} bad[] = {
		{ENUM_FORM("{ { 'a' } }"), "'values' entry 1: item 2 must be"},
		{ENUM_FORM("{ 'b', { 'a', 'A', 'x' } }"),
		 "'values' entry 2: unexpected value at position 3"},
		{ENUM_FORM("{ { 'a', 'A', label = 'x' } }"), "unknown key 'label'"},
		{ENUM_FORM("{ 'a', 42 }"), "an id or { id, label }"},
		{ENUM_FORM("{ { 'a', 'A' }, { 'b', '' } }"),
		 "value 2 has an empty label"},
		{ENUM_FORM("{ '' }"), "value 1 has an empty id"},
		{ENUM_FORM("42"), "'values' must be a list of ids"},
		{ENUM_FORM("{}"), "'values' lists the choices of an enum"},
		{ENUM_FORM("{ 'a', 'b', { 'a', 'Other' } }"), "value 'a' twice"},
		{ENUM_FORM("{ { 'a', 'Plan' }, { 'b', 'PLAN' } }"),
		 "'a' and 'b' are one choice to import: 'PLAN' reads as 'Plan'"},
		{ENUM_FORM("{ { 'a', 'Plan' }, { 'b', 'Plan' } }"),
		 "'a' and 'b' are one choice"},
		{ENUM_FORM("{ 'plan', { 'b', 'Plan' } }"),
		 "'plan' and 'b' are one choice"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *files[] = {"ruleset.lua", bad[i].rules, NULL};
		expect_load_error("t", files, "t/ruleset.lua:11:", bad[i].what);
	}
}

/* A field of a level is asked of that level's units only; a field of
 * none, of every unit, one of no level included. */
static void fields_asked_by_level(void **state)
{
	(void)state;
	bc_field xa = {.level = (char *)"xa"}, any = {0};
	assert_true(bc_field_asked(&xa, "xa"));
	assert_false(bc_field_asked(&xa, "huyen"));
	assert_false(bc_field_asked(&xa, NULL));
	assert_true(bc_field_asked(&any, "huyen"));
	assert_true(bc_field_asked(&any, NULL));
}

/* ---- wording{} ------------------------------------------------------------ */

/* The minimal ruleset, worded by wording.lua (its lines from 1). */
#define WORDED(wording)                                                       \
	{                                                                      \
		"ruleset.lua", DIRECTIVE("t") PERIOD_Q1 "include 'wording.lua'\n", \
			"wording.lua", wording, NULL                           \
	}

static void wording_read(void **state)
{
	(void)state;
	const char *files[] = WORDED(
		"wording {\n"
		"  template = { title = 'Forms of T', howto = { 'one', 'two' } },\n"
		"}\n"
		"wording { sheet = { period = 'Period {period}, again {period}' } }\n");
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	assert_int_equal(load_mem("t", files, &rs, &d), BC_OK);
	assert_string_equal(bc_word(rs, BC_W_TEMPLATE_TITLE), "Forms of T");
	/* A list is one text, a line each. */
	assert_string_equal(bc_word(rs, BC_W_TEMPLATE_HOWTO), "one\ntwo");
	/* A key left out: baocao's own words (the tests' C locale). */
	assert_string_equal(bc_word(rs, BC_W_TEMPLATE_COVER_SHEET), "Cover");
	char out[64];
	bc_word_fill(rs, BC_W_SHEET_PERIOD, out, sizeof out,
		     BC_SLOTS({"period", "Q1"}));
	assert_string_equal(out, "Period Q1, again Q1");
	/* rules show --json: the ruleset's own words, by group. */
	json_t *j = bc_wording_json(rs, 0);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(j, "template"), "title")),
			    "Forms of T");
	assert_null(json_object_get(j, "export"));
	json_decref(j);
	/* What exporters read: every key. */
	j = bc_wording_json(rs, 1);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(j, "export"), "none")),
			    "None");
	json_decref(j);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static void wording_errors(void **state)
{
	(void)state;
	const char *group[] = WORDED("\nwording { letters = {} }\n");
	expect_load_error("t", group, "t/wording.lua:2:",
			  "unknown key 'letters'");
	const char *key[] = WORDED("wording {\n template = { titel = 'x' } }\n");
	expect_load_error("t", key, "t/wording.lua:1:",
			  "unknown key 'template.titel'");
	const char *slot[] = WORDED(
		"wording { template = { due = 'Before {month}' } }\n");
	expect_load_error("t", slot, "t/wording.lua:1:",
			  "template.due has no placeholder {month} (it takes: "
			  "{date})");
	const char *twice[] = WORDED(
		"wording { html = { title = 'a' } }\n"
		"wording { html = { title = 'b' } }\n");
	expect_load_error("t", twice, "t/wording.lua:2:",
			  "html.title is worded twice");
	const char *number[] = WORDED("wording { export = { none = 0 } }\n");
	expect_load_error("t", number, "t/wording.lua:1:",
			  "export.none must be a text or a list of texts");
	const char *line[] = WORDED(
		"wording { template = { howto = { 'a', {} } } }\n");
	expect_load_error("t", line, "t/wording.lua:1:",
			  "template.howto: line 2 is not a text");
	const char *flat[] = WORDED("wording { sheet = 'x' }\n");
	expect_load_error("t", flat, "t/wording.lua:1:",
			  "'sheet' must be a table of texts");
}

static void wording_fill(void **state)
{
	(void)state;
	char out[64];
	/* Unknown names and lone braces stay; a NULL value is nothing. */
	bc_wording_fill("{a}-{b}-{c}-{ x}-{", BC_SLOTS({"a", "1"}, {"b", NULL}),
			out, sizeof out);
	assert_string_equal(out, "1--{c}-{ x}-{");
	/* Cut where it does not fit, never inside a character. */
	bc_wording_fill("ab{v}", BC_SLOTS({"v", "\xc3\xa9\xc3\xa9"}), out, 5);
	assert_string_equal(out, "ab\xc3\xa9");
	assert_int_equal(bc_wkey_find("template.title"), BC_W_TEMPLATE_TITLE);
	assert_int_equal(bc_wkey_find("template"), BC_W_N);
	assert_string_equal(bc_wkey_name(BC_W_HTML_FOOTER), "html.footer");
}

/* directive.money_unit reaches the money fields and columns that name no
 * unit, even those of a form registered before the directive. */
static void money_unit(void **state)
{
	(void)state;
	const char *files[] = {
		"ruleset.lua",
		"form { id = 'f', title = 'F', fields = {\n"
		"  { 'a', 'A', 'money', 'sum' },\n"
		"  { 'b', 'B', 'money', 'sum', unit = 'dong' },\n"
		"  { 't', 'T', 'table', 'list', columns = {\n"
		"    { 'c', 'C', 'money' } } } } }\n"
		"directive {\n"
		"  id = 't', title = 'T', reference = '1/T', money_unit = 'M',\n"
		"  in_force = { from = '2022-01-01' },\n"
		"  deadline = { inclusive = true, utc_offset = '+07:00' },\n"
		"}\n" PERIOD_Q1,
		NULL};
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs;
	assert_int_equal(load_mem("t", files, &rs, &d), BC_OK);
	const bc_form *f = bc_ruleset_form(rs, "f");
	assert_string_equal(f->fields[0].unit, "M");
	assert_string_equal(f->fields[1].unit, "dong");
	assert_string_equal(f->fields[2].columns[0].unit, "M");
	bc_ruleset_free(rs);
	bc_diags_free(&d);
	/* Without it, no unit. */
	const char *plain[] = {"ruleset.lua",
			       DIRECTIVE("t") PERIOD_Q1
			       "form { id = 'f', title = 'F', fields = {\n"
			       "  { 'a', 'A', 'money', 'sum' } } }\n",
			       NULL};
	assert_int_equal(load_mem("t", plain, &rs, &d), BC_OK);
	assert_null(bc_ruleset_form(rs, "f")->fields[0].unit);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_directive),
		cmocka_unit_test(shipped_period_types),
		cmocka_unit_test(shipped_units_and_roles),
		cmocka_unit_test(shipped_lint_warns_early_deadlines),
		cmocka_unit_test(dayrule_parse_and_date),
		cmocka_unit_test(dayrule_bad),
		cmocka_unit_test(period_type_tokens),
		cmocka_unit_test(minimal_ruleset_loads),
		cmocka_unit_test(field_maps),
		cmocka_unit_test(unknown_key),
		cmocka_unit_test(missing_required_key),
		cmocka_unit_test(wrong_type),
		cmocka_unit_test(required_field),
		cmocka_unit_test(part_names),
		cmocka_unit_test(duplicate_period_code),
		cmocka_unit_test(duplicate_directive),
		cmocka_unit_test(directive_id_not_directory),
		cmocka_unit_test(unit_kind_undeclared_level),
		cmocka_unit_test(no_directive),
		cmocka_unit_test(no_period_type),
		cmocka_unit_test(no_ruleset_lua),
		cmocka_unit_test(adhoc_with_window),
		cmocka_unit_test(window_backwards),
		cmocka_unit_test(syntax_error_line),
		cmocka_unit_test(include_error_names_subfile),
		cmocka_unit_test(lint_quiet_when_deadlines_follow_window),
		cmocka_unit_test(copies_count_against_the_cap),
		cmocka_unit_test(long_text_in_every_string_key),
		cmocka_unit_test(many_registrations_refused_quickly),
		cmocka_unit_test(many_fields_load_and_are_found),
		cmocka_unit_test(form_problems_found_by_name),
		cmocka_unit_test(column_cannot_be_a_table),
		cmocka_unit_test(failed_field_leaves_nothing),
		cmocka_unit_test(problems_listed_up_to_a_bound),
		cmocka_unit_test(patterns_blame_the_rules),
		cmocka_unit_test(fields_asked_by_level),
		cmocka_unit_test(enum_choices_with_labels),
		cmocka_unit_test(enum_choices_refused),
		cmocka_unit_test(registration_inside_another),
		cmocka_unit_test(wording_read),
		cmocka_unit_test(wording_errors),
		cmocka_unit_test(wording_fill),
		cmocka_unit_test(money_unit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

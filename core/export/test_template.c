/* SPDX-License-Identifier: MIT */
/*
 * Templates and what no cell of Excel holds (32,767 characters): a
 * section's guidance longer than that is written over several rows,
 * each piece one a cell holds, together the whole guidance; `rules
 * check` says so at the section's file:line, and says as errors the
 * texts no template could be written with.
 */
#include "test_submit.h"

#include "srcset.h"
#include "template.h"

#include <zip.h>

#define CELL_MAX 32767

/* 46,508 characters, a section every reporting unit may write. */
#define LONG_SECTION                                                          \
	"section { id = \"A.I.9\", title = \"Long\",\n"                       \
	"  guidance = string.rep(\"A paragraph of guidance, long. \", 1500)" \
	" .. \"The end.\" }\n"

/* The shared strings of the workbook, in order, cut out of xml. */
static char **shared_strings(char *xml, size_t *n)
{
	char **v = NULL;
	*n = 0;
	for (char *t = strstr(xml, "<si><t"); t; t = strstr(t, "<si><t")) {
		char *start = strchr(t + 4, '>') + 1, *end = strstr(start, "</t>");
		assert_non_null(end);
		*end = '\0';
		v = realloc(v, (*n + 1) * sizeof *v);
		assert_non_null(v);
		v[(*n)++] = start;
		t = end + 1;
	}
	return v;
}

/* Into joined, the shared strings of the cells of sheet xml that hold
 * needle, in the order of the cells, one space between; *n of them. */
static void cells_with(const char *xml, char **strings, size_t n_strings,
		       const char *needle, char *joined, size_t *n)
{
	for (const char *c = strstr(xml, "<c "); c; c = strstr(c + 1, "<c ")) {
		const char *tag_end = strchr(c, '>'), *v = strstr(c, "<v>");
		const char *shared = strstr(c, " t=\"s\"");
		if (!shared || shared > tag_end || !v)
			continue;
		size_t i = strtoul(v + 3, NULL, 10);
		assert_true(i < n_strings);
		if (!strstr(strings[i], needle))
			continue;
		assert_true(strlen(strings[i]) <= CELL_MAX);
		if ((*n)++)
			strcat(joined, " ");
		strcat(joined, strings[i]);
	}
}

/* The cells of the workbook that hold needle, joined by one space
 * (where the guidance was cut), and how many. */
static char *pieces_of(const char *xlsx, const char *needle, size_t *n)
{
	int err;
	zip_t *z = zip_open(xlsx, ZIP_RDONLY, &err);
	assert_non_null(z);
	char *xml = test_zip_part(z, "xl/sharedStrings.xml", NULL), *sheet;
	size_t n_strings;
	char **strings = shared_strings(xml, &n_strings);
	char *joined = calloc(1, 1 << 20);
	assert_non_null(joined);
	*n = 0;
	for (int i = 1;; i++) {
		char path[64];
		snprintf(path, sizeof path, "xl/worksheets/sheet%d.xml", i);
		if (!(sheet = test_zip_part(z, path, NULL)))
			break;
		cells_with(sheet, strings, n_strings, needle, joined, n);
		free(sheet);
	}
	zip_close(z);
	free(strings);
	free(xml);
	return joined;
}

/* A rules directory of cchc-1131 with the long section added. */
static char *rules_with_long_guidance(const fx *f)
{
	char *rules = test_path(f->dir, "rules");
	test_mkdir(f->dir, "rules");
	test_copy_source(rules, "cchc-1131", "rules/cchc-1131");
	char *ruleset = test_path(rules, "cchc-1131");
	char *outline = test_read(ruleset, "outline.lua");
	char *more = malloc(strlen(outline) + sizeof LONG_SECTION);
	assert_non_null(more);
	sprintf(more, "%s%s", outline, LONG_SECTION);
	test_write(ruleset, "outline.lua", more);
	free(more);
	free(outline);
	free(ruleset);
	return rules;
}

static void long_guidance_over_rows(void **state)
{
	fx *f = *state;
	char *rules = rules_with_long_guidance(f);
	char *units = test_path(test_source_root(), "examples/tan-ky-units.csv");
	fx_open_with(f, rules, units, 36);
	free(units);
	char *out = test_path(f->dir, "commune.xlsx");
	bc_err rc = bc_template_write(f->st, f->rb, "xa-nghia-dong", "2023-Q1",
				      out, 0, &f->d);
	if (rc != BC_OK)
		test_diags_print(&f->d);
	assert_int_equal(rc, BC_OK);
	size_t n;
	char *joined = pieces_of(out, "A paragraph of guidance", &n);
	/* A piece to a row, each a row's height: more than a cell's
	 * worth of them. */
	assert_true(n > 2);
	static const char one[] = "A paragraph of guidance, long. ";
	char *want = malloc(1500 * strlen(one) + sizeof "The end.");
	assert_non_null(want);
	for (int i = 0; i < 1500; i++)
		memcpy(want + i * strlen(one), one, strlen(one));
	strcpy(want + 1500 * strlen(one), "The end.");
	assert_string_equal(joined, want);
	/* rules check: a warning at the section, no error. */
	bc_diags d = BC_DIAGS_INIT;
	const bc_ruleset *rs = bc_rulebook_find(f->rb, "cchc-1131");
	bc_template_lint(rs, &d);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 1);
	const bc_section *sec = bc_ruleset_section(rs, "A.I.9");
	char where[64];
	snprintf(where, sizeof where, "cchc-1131/outline.lua:%d:",
		 sec->at.line);
	assert_true(test_diags_at(&d, where, "section A.I.9: its guidance is "
					     "46508 characters"));
	bc_diags_free(&d);
	free(want);
	free(joined);
	free(out);
	free(rules);
	fx_close(f);
}

static bc_ruleset *load(const char *text)
{
	bc_srcset src = BC_SRCSET_INIT;
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	assert_int_equal(bc_srcset_add(&src, "ruleset.lua", text, strlen(text)),
			 BC_OK);
	bc_srcset_sort(&src);
	if (bc_ruleset_load("t", &src, NULL, &rs, &d) != BC_OK)
		test_diags_print(&d);
	assert_non_null(rs);
	bc_diags_free(&d);
	return rs;
}

/* Each text a template writes into one cell, too long for one. */
static void texts_no_cell_holds(void **state)
{
	(void)state;
	static const char rules[] =
		"local long = string.rep('x', 32768)\n"
		"directive { id = \"t\", title = \"T\", reference = \"1/T\",\n"
		"  in_force = { from = \"2022-01-01\" }, reading = long,\n"
		"  deadline = { inclusive = true, utc_offset = \"+07:00\" } }\n"
		"period_type { code = \"Q1\", label = \"Q1 {year}\",\n"
		"  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"
		"  unit_due = \"28/02/Y\", compile_due = \"04/03/Y\" }\n"
		"form { id = \"f\", title = \"F\", fields = {\n"
		"  { \"a\", long, \"int\", \"sum\" },\n"
		"  { \"t\", \"T\", \"table\", columns = { { \"c\", long, \"text\" },\n"
		"    { \"d\", \"D\", \"text\" } } } } }\n"
		"section { id = \"A\", title = long, guidance = long }\n"
		"section { id = \"B\", title = \"B\",\n"
		"  guidance = string.rep('x', 32767) }\n"
		"wording { template = { title = long } }\n";
	bc_ruleset *rs = load(rules);
	bc_diags d = BC_DIAGS_INIT;
	bc_template_lint(rs, &d);
	assert_int_equal(d.errors, 5);
	assert_int_equal(d.warnings, 1);
	assert_true(test_diags_at(&d, "t/ruleset.lua:2:",
				  "reading is 32768 characters"));
	assert_true(test_diags_at(&d, "t/ruleset.lua:8: f.a:",
				  "its label is 32768"));
	assert_true(test_diags_at(&d, "t/ruleset.lua:8: f.t:",
				  "column c: its label is 32768"));
	assert_true(test_diags_at(&d, "t/ruleset.lua:12:",
				  "section A: its title is 32768"));
	assert_true(test_diags_at(&d, "t/ruleset.lua:12:",
				  "section A: its guidance is 32768"));
	assert_true(test_diags_have(&d, "wording template.title is 32768"));
	bc_diags_free(&d);
	bc_ruleset_free(rs);
}

/* A character past U+FFFF counts two, as Excel counts it. */
static void counted_as_excel_counts(void **state)
{
	(void)state;
	/* 16,384 of U+1F600, 4 bytes each: 32,768 in a cell. */
	static const char rules[] =
		"directive { id = \"t\", title = \"T\", reference = \"1/T\",\n"
		"  in_force = { from = \"2022-01-01\" },\n"
		"  deadline = { inclusive = true, utc_offset = \"+07:00\" } }\n"
		"period_type { code = \"Q1\", label = \"Q1 {year}\",\n"
		"  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"
		"  unit_due = \"28/02/Y\", compile_due = \"04/03/Y\" }\n"
		"section { id = \"A\", title = \"A\",\n"
		"  guidance = string.rep('\\u{1F600}', 16384) }\n"
		"section { id = \"B\", title = \"B\",\n"
		"  guidance = string.rep('\\u{1F600}', 16383) }\n";
	bc_ruleset *rs = load(rules);
	bc_diags d = BC_DIAGS_INIT;
	bc_template_lint(rs, &d);
	assert_int_equal(d.warnings, 1);
	assert_true(test_diags_have(&d, "section A: its guidance is 32768"));
	bc_diags_free(&d);
	bc_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(long_guidance_over_rows,
						fx_setup, fx_teardown),
		cmocka_unit_test(texts_no_cell_holds),
		cmocka_unit_test(counted_as_excel_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

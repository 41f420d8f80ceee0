/* SPDX-License-Identifier: MIT */
/*
 * A new directive begun from another: the copy of cchc-1131 holds every
 * file, its directive{} written anew and the rest as it was; loading it
 * says exactly what is left to fill in, at the line of directive{}; once
 * filled in it differs from its source by its directive alone.  Never
 * over anything, never half made; directive{} found among strings and
 * comments that hold braces.
 */
#include "test.h"

#include "ruleset_diff.h"
#include "scaffold.h"
#include "srcset.h"

#include <dirent.h>
#include <sys/stat.h>

static bc_ruleset *load_dir(const char *id, const char *dir, bc_diags *d)
{
	bc_ruleset *rs = NULL;
	bc_err rc = bc_ruleset_load_dir(id, dir, NULL, &rs, d);
	assert_true(rc == BC_OK || rc == BC_ERR_RULES);
	return rs;
}

static bc_ruleset *shipped(void)
{
	char *dir = test_path(test_source_root(), "rules/cchc-1131");
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load_dir("cchc-1131", dir, &d);
	assert_non_null(rs);
	bc_diags_free(&d);
	free(dir);
	return rs;
}

/* How many entries dir holds, hidden ones too. */
static size_t entries(const char *dir)
{
	DIR *dp = opendir(dir);
	size_t n = 0;
	struct dirent *e;
	assert_non_null(dp);
	while ((e = readdir(dp)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(dp);
	return n;
}

/* A test's rules directory, the ruleset it begins from, what is said
 * and what is made. */
typedef struct fx {
	char *rules;
	bc_ruleset *src;
	bc_diags d;
	bc_scaffold m;
} fx;

static int fx_up(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->rules = test_tmpdir();
	*state = f;
	return 0;
}

/* The end of a test: what the library gave it, freed before cmocka
 * looks for leaks (which is before the teardown). */
static void done(fx *f)
{
	bc_scaffold_free(&f->m);
	bc_diags_free(&f->d);
	bc_ruleset_free(f->src);
	f->src = NULL;
}

static int fx_down(void **state)
{
	fx *f = *state;
	test_rm_tree(f->rules);
	free(f->rules);
	free(f);
	return 0;
}

static void ids(void **state)
{
	(void)state;
	assert_true(bc_ruleset_id_ok("cchc-2025"));
	assert_true(bc_ruleset_id_ok("2025_tinh"));
	assert_false(bc_ruleset_id_ok(""));
	assert_false(bc_ruleset_id_ok("_common"));
	assert_false(bc_ruleset_id_ok("-x"));
	assert_false(bc_ruleset_id_ok("Cchc"));
	assert_false(bc_ruleset_id_ok("a/b"));
	assert_false(bc_ruleset_id_ok(".."));
	assert_false(bc_ruleset_id_ok("a@b"));
	assert_true(bc_ruleset_id_ok(
		"a123456789012345678901234567890123456789012345678901234567890123"));
	assert_false(bc_ruleset_id_ok(
		"a1234567890123456789012345678901234567890123456789012345678901234"));
}

/* The new ruleset's entry, its four keys filled in. */
static void fill_in(const char *dir)
{
	char *text = test_read(dir, "ruleset.lua");
	static const char *const from[] = {
		"  title = \"\",", "  reference = \"\",", "  issued = \"\",",
		"in_force = { from = \"\" }"};
	static const char *const to[] = {
		"  title = \"New\",", "  reference = \"2/NEW\",",
		"  issued = \"2024-12-05\",",
		"in_force = { from = \"2025-01-01\" }"};
	for (size_t i = 0; i < 4; i++) {
		char *at = strstr(text, from[i]);
		assert_non_null(at);
		size_t head = (size_t)(at - text);
		char *next = malloc(strlen(text) + strlen(to[i]) + 1);
		assert_non_null(next);
		sprintf(next, "%.*s%s%s", (int)head, text, to[i],
			at + strlen(from[i]));
		free(text);
		text = next;
	}
	test_write(dir, "ruleset.lua", text);
	free(text);
}

static void copy_of_the_shipped(void **state)
{
	fx *f = *state;
	f->src = shipped();
	assert_int_equal(bc_ruleset_scaffold(f->src, f->rules, "cchc-2025",
					     &f->m, &f->d),
			 BC_OK);
	assert_int_equal(f->d.n, 0);
	char *dir = test_path(f->rules, "cchc-2025");
	assert_string_equal(f->m.dir, dir);
	assert_string_equal(f->m.entry, "ruleset.lua");
	assert_int_equal(f->m.line, f->src->directive.at.line);
	assert_int_equal(f->m.n_files, f->src->src.n);
	/* Nothing else left beside it. */
	assert_int_equal(entries(f->rules), 1);
	/* Loading it lists what is left, each at the line of directive{}. */
	assert_null(load_dir("cchc-2025", dir, &f->d));
	assert_int_equal(f->d.errors, 4);
	char where[64];
	snprintf(where, sizeof where, "cchc-2025/ruleset.lua:%d:", f->m.line);
	for (const char *const *k = bc_scaffold_to_fill; *k; k++) {
		char what[64];
		snprintf(what, sizeof what, "%s is to be filled in", *k);
		if (!test_diags_at(&f->d, where, what)) {
			test_diags_print(&f->d);
			fail_msg("no '%s' at %s", what, where);
		}
	}
	/* Filled in, it is its source with another directive. */
	fill_in(dir);
	bc_ruleset *rs = load_dir("cchc-2025", dir, &f->d);
	assert_non_null(rs);
	assert_string_equal(rs->directive.supersedes, "cchc-1131");
	assert_string_equal(rs->directive.replaces, "1131/SNV-CCHC");
	assert_string_equal(rs->directive.report_name,
			    f->src->directive.report_name);
	assert_string_equal(rs->directive.reading, f->src->directive.reading);
	bc_rsdiff diff;
	assert_int_equal(bc_ruleset_diff(f->src, rs, &diff), BC_OK);
	for (size_t i = 0; i < diff.n; i++)
		assert_int_equal(diff.v[i].what, BC_CW_DIRECTIVE);
	assert_int_equal(diff.n, 6); /* the four, replaces, supersedes */
	bc_rsdiff_free(&diff);
	/* The other files are copies. */
	for (size_t i = 0; i < f->src->src.n; i++) {
		const bc_srcfile *sf = &f->src->src.v[i];
		if (!strcmp(sf->path, "ruleset.lua"))
			continue;
		char *copy = test_read(dir, sf->path);
		assert_string_equal(copy, sf->text);
		free(copy);
	}
	bc_ruleset_free(rs);
	free(dir);
	done(f);
}

static void never_over_anything(void **state)
{
	fx *f = *state;
	f->src = shipped();
	test_mkdir(f->rules, "taken");
	test_write(f->rules, "a-file", "kept\n");
	assert_int_equal(bc_ruleset_scaffold(f->src, f->rules, "taken", &f->m,
					     &f->d),
			 BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, "already there"));
	assert_int_equal(bc_ruleset_scaffold(f->src, f->rules, "a-file",
					     &f->m, &f->d),
			 BC_ERR_INVALID);
	char *kept = test_read(f->rules, "a-file");
	assert_string_equal(kept, "kept\n");
	free(kept);
	char *taken = test_path(f->rules, "taken");
	assert_int_equal(entries(taken), 0);
	free(taken);
	assert_int_equal(bc_ruleset_scaffold(f->src, f->rules, "Not/an-id",
					     &f->m, &f->d),
			 BC_ERR_SYNTAX);
	assert_int_equal(entries(f->rules), 2);
	done(f);
}

static bc_ruleset *load_text(const char *id, const char *const *files)
{
	bc_srcset src = BC_SRCSET_INIT;
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	for (; *files; files += 2)
		assert_int_equal(bc_srcset_add(&src, files[0], files[1],
					       strlen(files[1])),
				 BC_OK);
	bc_srcset_sort(&src);
	if (bc_ruleset_load(id, &src, NULL, &rs, &d) != BC_OK)
		test_diags_print(&d);
	assert_non_null(rs);
	bc_diags_free(&d);
	return rs;
}

/* directive{} in a file of its own, written as a call with parentheses,
 * among strings and comments with braces in them, the code after it on
 * its last line kept. */
static void found_among_braces(void **state)
{
	static const char *const files[] = {
		"ruleset.lua",
		"include 'head.lua'\n"
		"period_type { code = \"Q1\", label = \"Q1 {year}\",\n"
		"  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"
		"  unit_due = \"28/02/Y\", compile_due = \"04/03/Y\" }\n",
		"head.lua",
		"-- directive { id = \"not this\" }\n"
		"local s = \"}\" --[[ } ]] local t = [==[ ) } ]==]\n"
		"directive({ id = \"old\", title = \"A } title ({[\",\n"
		"  reference = '1/\\'}', -- a comment }\n"
		"  in_force = { from = \"2022-01-01\" },\n"
		"  deadline = { inclusive = false, utc_offset = \"-03:30\" },\n"
		"}) local after = s .. t\n",
		NULL};
	fx *f = *state;
	f->src = load_text("old", files);
	assert_int_equal(bc_ruleset_scaffold(f->src, f->rules, "new", &f->m,
					     &f->d),
			 BC_OK);
	assert_string_equal(f->m.entry, "head.lua");
	assert_int_equal(f->m.line, 3);
	char *dir = test_path(f->rules, "new");
	char *head = test_read(dir, "head.lua");
	assert_non_null(strstr(head, "-- directive { id = \"not this\" }\n"
				     "local s = \"}\" --[[ } ]] local t = "
				     "[==[ ) } ]==]\ndirective {\n  id = "
				     "\"new\",\n"));
	assert_non_null(strstr(head, "\n} local after = s .. t\n"));
	assert_null(strstr(head, "A } title"));
	assert_non_null(strstr(head, "supersedes = \"old\",\n"));
	assert_non_null(strstr(head, "replaces = \"1/'}\",\n"));
	assert_non_null(
		strstr(head, "deadline = { inclusive = false, utc_offset = "
			     "\"-03:30\" },\n"));
	free(head);
	assert_null(load_dir("new", dir, &f->d));
	assert_int_equal(f->d.errors, 4);
	free(dir);
	done(f);
}

/* A directive{} registered through another name is nowhere the copy can
 * find it: refused, nothing made. */
static void through_another_name(void **state)
{
	static const char *const files[] = {
		"ruleset.lua",
		"local d = directive\n"
		"d { id = \"old\", title = \"T\", reference = \"1/T\",\n"
		"  in_force = { from = \"2022-01-01\" },\n"
		"  deadline = { inclusive = true, utc_offset = \"+07:00\" } }\n"
		"period_type { code = \"Q1\", label = \"Q1 {year}\",\n"
		"  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"
		"  unit_due = \"28/02/Y\", compile_due = \"04/03/Y\" }\n",
		NULL};
	fx *f = *state;
	f->src = load_text("old", files);
	assert_int_equal(bc_ruleset_scaffold(f->src, f->rules, "new", &f->m,
					     &f->d),
			 BC_ERR_REFUSED);
	assert_true(test_diags_at(&f->d, "old/ruleset.lua:2:",
				  "no directive{…} call"));
	assert_int_equal(entries(f->rules), 0);
	done(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids),
		cmocka_unit_test_setup_teardown(copy_of_the_shipped, fx_up,
						fx_down),
		cmocka_unit_test_setup_teardown(never_over_anything, fx_up,
						fx_down),
		cmocka_unit_test_setup_teardown(found_among_braces, fx_up,
						fx_down),
		cmocka_unit_test_setup_teardown(through_another_name, fx_up,
						fx_down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

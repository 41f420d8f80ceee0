/* SPDX-License-Identifier: MIT */
/*
 * renamed_from and was: the test rulesets renamed-2024, -2025 and -2026
 * read into one map and looked up across them; every mistake a rules
 * writer can make with them refused at the file:line that made it.
 */
#include "test.h"

#include <jansson.h>

#include "rename.h"
#include "ruleset.h"
#include "srcset.h"

static bc_ruleset *load_test(const char *id)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/tests/rules/%s", test_source_root(), id);
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	if (bc_ruleset_load_dir(id, dir, NULL, &rs, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("%s did not load", id);
	}
	assert_int_equal(d.n, 0);
	bc_diags_free(&d);
	return rs;
}

static const bc_field *field(const bc_ruleset *rs, const char *form,
			     const char *id)
{
	const bc_form *f = bc_ruleset_form(rs, form);
	assert_non_null(f);
	int k = bc_field_index(f->fields, f->n_fields, id);
	assert_true(k >= 0);
	return &f->fields[k];
}

/* The id under then of form.field of now, or NULL. */
static const char *field_then(const bc_ruleset *now, const char *form,
			      const char *id, const bc_ruleset *then)
{
	const bc_form *f = bc_ruleset_form(now, form);
	const bc_field *fd = bc_field_then(field(now, form, id),
					   bc_form_then(now, f, then));
	return fd ? fd->id : NULL;
}

static void the_map_as_declared(void **state)
{
	(void)state;
	bc_ruleset *rs = load_test("renamed-2025");
	/* In the order declared: the level, the form, its fields, cb's. */
	static const struct {
		bc_rename_kind kind;
		const char *form, *id, *was;
	} want[] = {
		{BC_RENAME_LEVEL, NULL, "tinh", "huyen"},
		{BC_RENAME_FORM, NULL, "dvc", "tthc"},
		{BC_RENAME_FIELD, "dvc", "ho_so_nhan", "hs_tiep_nhan"},
		{BC_RENAME_FIELD, "dvc", "ho_so_ton", "hs_ton"},
		{BC_RENAME_FIELD, "cb", "so_cb", "so_can_bo"},
	};
	assert_int_equal(rs->n_renames, sizeof want / sizeof *want);
	for (size_t i = 0; i < rs->n_renames; i++) {
		const bc_rename *r = &rs->renames[i];
		assert_int_equal(r->kind, want[i].kind);
		if (want[i].form)
			assert_string_equal(r->form, want[i].form);
		else
			assert_null(r->form);
		assert_string_equal(r->id, want[i].id);
		assert_int_equal(r->n_was, 1);
		assert_string_equal(r->was[0], want[i].was);
		assert_string_equal(r->at.file, "renamed-2025/ruleset.lua");
	}
	json_t *j = bc_renames_json(rs);
	char *text = json_dumps(j, JSON_COMPACT);
	assert_string_equal(
		text,
		"[{\"level\":\"tinh\",\"was\":[\"huyen\"]},"
		"{\"form\":\"dvc\",\"was\":[\"tthc\"]},"
		"{\"form\":\"dvc\",\"field\":\"ho_so_nhan\",\"was\":[\"hs_tiep_nhan\"]},"
		"{\"form\":\"dvc\",\"field\":\"ho_so_ton\",\"was\":[\"hs_ton\"]},"
		"{\"form\":\"cb\",\"field\":\"so_cb\",\"was\":[\"so_can_bo\"]}]");
	free(text);
	json_decref(j);
	bc_ruleset_free(rs);
}

static void looked_up_across_rulesets(void **state)
{
	(void)state;
	bc_ruleset *r24 = load_test("renamed-2024"),
		   *r25 = load_test("renamed-2025"),
		   *r26 = load_test("renamed-2026");
	const bc_form *dvc = bc_ruleset_form(r25, "dvc");
	assert_ptr_equal(bc_form_then(r25, dvc, r24),
			 bc_ruleset_form(r24, "tthc"));
	assert_ptr_equal(bc_form_then(r25, dvc, r25), dvc);
	assert_null(bc_form_then(r25, dvc, NULL));
	/* 2026's dvc names no rename: found by its own id in 2025 only. */
	assert_ptr_equal(bc_form_then(r26, bc_ruleset_form(r26, "dvc"), r25),
			 dvc);
	assert_null(bc_form_then(r26, bc_ruleset_form(r26, "dvc"), r24));
	assert_string_equal(field_then(r25, "dvc", "ho_so_nhan", r24),
			    "hs_tiep_nhan");
	assert_string_equal(field_then(r25, "dvc", "hs_giai_quyet", r24),
			    "hs_giai_quyet");
	assert_null(field_then(r25, "dvc", "hs_truc_tuyen", r24));
	/* Renamed twice, listing both: each earlier ruleset by its own
	 * name. */
	assert_string_equal(field_then(r26, "cb", "so_cong_chuc", r25),
			    "so_cb");
	assert_string_equal(field_then(r26, "cb", "so_cong_chuc", r24),
			    "so_can_bo");
	assert_string_equal(field_then(r26, "cb", "so_cong_chuc", r26),
			    "so_cong_chuc");
	const bc_level *out[4];
	assert_int_equal(bc_level_then(&r25->levels[0], r24, out), 1);
	assert_string_equal(out[0]->id, "huyen");
	assert_int_equal(bc_level_then(&r25->levels[1], r24, out), 1);
	assert_string_equal(out[0]->id, "xa");
	/* 2026's tinh is 2025's by its id, and none of 2024's. */
	assert_int_equal(bc_level_then(&r26->levels[0], r25, out), 1);
	assert_string_equal(out[0]->id, "tinh");
	assert_int_equal(bc_level_then(&r26->levels[0], r24, out), 0);
	bc_ruleset_free(r24);
	bc_ruleset_free(r25);
	bc_ruleset_free(r26);
}

/* ---- mistakes ------------------------------------------------------------- */

#define DIRECTIVE(id)                                                         \
	"directive {\n"                                                       \
	"  id = \"" id "\", title = \"T\", reference = \"1/T\",\n"            \
	"  in_force = { from = \"2022-01-01\" },\n"                           \
	"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"       \
	"}\n"                                                                 \
	"period_type { code = \"Q1\", label = \"Q1 {year}\",\n"                \
	"  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"            \
	"  unit_due = \"15/03/Y\", compile_due = \"20/03/Y\" }\n"

/* Loads ruleset t whose ruleset.lua is DIRECTIVE then body (from line
 * 9); its diagnostics into d. */
static bc_err load_body(const char *body, bc_ruleset **rs, bc_diags *d)
{
	char *text = bc_sprintf("%s%s", DIRECTIVE("t"), body);
	bc_srcset src = BC_SRCSET_INIT;
	assert_int_equal(bc_srcset_add(&src, "ruleset.lua", text, strlen(text)),
			 BC_OK);
	bc_free(text);
	return bc_ruleset_load("t", &src, NULL, rs, d);
}

/* body is refused with an error at t/ruleset.lua:line saying what. */
static void refused(const char *body, int line, const char *what)
{
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	char where[64];
	snprintf(where, sizeof where, "t/ruleset.lua:%d: ", line);
	bc_err rc = load_body(body, &rs, &d);
	if (rc != BC_ERR_RULES || !test_diags_at(&d, where, what)) {
		test_diags_print(&d);
		fail_msg("wanted %s%s", where, what);
	}
	assert_null(rs);
	bc_diags_free(&d);
}

#define FORM(fields, more)                                                    \
	"form { id = \"f\", title = \"F\", " more "fields = {\n" fields "} }\n"

static void mistakes_refused(void **state)
{
	(void)state;
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\", renamed_from = 3 },", ""),
		9, "'renamed_from' must be a string or a list of strings");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\", renamed_from = { 3 } },",
		     ""),
		9, "'renamed_from' must list strings");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\", renamed_from = \"B c\" },",
		     ""),
		9, "renamed_from 'B c' must be an id");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\", renamed_from = \"a\" },",
		     ""),
		9, "f.a: renamed_from names itself");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\", renamed_from = { \"x\", "
		     "\"x\" } },",
		     ""),
		9, "renamed_from names 'x' twice");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\", renamed_from = \"x\" },\n"
		     "{ \"b\", \"B\", \"int\", \"sum\", renamed_from = \"x\" },",
		     ""),
		9, "f.b: renamed_from 'x', but f.a was 'x' already");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\", renamed_from = \"b\" },\n"
		     "{ \"b\", \"B\", \"int\", \"sum\" },",
		     ""),
		9, "renamed_from 'b' is a field the form still declares");
	refused(FORM("{ \"t\", \"T\", \"table\", \"list\", columns = {\n"
		     "  { \"c\", \"C\", \"text\", renamed_from = \"d\" } } },",
		     ""),
		9, "column 'c': renamed_from is for fields");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\" },", "renamed_from = \"f\", "),
		9, "f: renamed_from names itself");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\" },", "renamed_from = \"g\", ")
		"form { id = \"g\", title = \"G\", fields = { { \"a\", \"A\", "
		"\"int\", \"sum\" } } }\n",
		9, "form f: renamed_from 'g' is a form the ruleset still "
		   "declares");
	refused(FORM("{ \"a\", \"A\", \"int\", \"sum\" },", "renamed_from = \"o\", ")
		"form { id = \"g\", title = \"G\", renamed_from = \"o\",\n"
		"  fields = { { \"a\", \"A\", \"int\", \"sum\" } } }\n",
		11, "g: renamed_from 'o', but f was 'o' already");
	refused("level { id = \"tinh\", label = \"T\", was = { \"xa\" } }\n"
		"level { id = \"xa\", label = \"X\" }\n",
		9, "level tinh: was 'xa' is a level the ruleset still declares");
	refused("level { id = \"tinh\", label = \"T\", was = \"huyen\" }\n"
		"level { id = \"xa\", label = \"X\", was = \"huyen\" }\n",
		10, "xa: was 'huyen', but tinh was 'huyen' already");
	refused("level { id = \"tinh\", label = \"T\", was = 1 }\n", 9,
		"'was' must be a string or a list of strings");
	/* Two forms may each have had a field of the same id. */
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	assert_int_equal(
		load_body(FORM("{ \"a\", \"A\", \"int\", \"sum\", renamed_from = "
			       "\"x\" },",
			       "")
			  "form { id = \"g\", title = \"G\", fields = {\n"
			  "  { \"a\", \"A\", \"int\", \"sum\", renamed_from = "
			  "\"x\" } } }\n",
			  &rs, &d),
		BC_OK);
	assert_int_equal(d.n, 0);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* Two rulesets in memory, the second superseding the first. */
static void across_two(const char *before, const char *after, bc_diags *d)
{
	bc_ruleset *a = NULL, *b = NULL;
	bc_diags ignore = BC_DIAGS_INIT;
	assert_int_equal(load_body(before, &a, &ignore), BC_OK);
	assert_int_equal(load_body(after, &b, &ignore), BC_OK);
	assert_int_equal(ignore.n, 0);
	bc_renames_check(b, a, d);
	bc_ruleset_free(a);
	bc_ruleset_free(b);
	bc_diags_free(&ignore);
}

static void checked_against_the_ruleset_before(void **state)
{
	(void)state;
	bc_diags d = BC_DIAGS_INIT;
	across_two(FORM("{ \"a\", \"A\", \"text\" },\n"
			"{ \"b\", \"B\", \"int\", \"sum\" },", "")
		   "level { id = \"huyen\", label = \"H\" }\n",
		   FORM("{ \"n\", \"N\", \"int\", \"sum\", renamed_from = \"a\" },\n"
			"{ \"m\", \"M\", \"money\", \"sum\", renamed_from = \"b\" },\n"
			"{ \"k\", \"K\", \"int\", \"sum\", renamed_from = \"zz\" },",
			"")
		   "form { id = \"g\", title = \"G\", renamed_from = \"old\",\n"
		   "  fields = { { \"a\", \"A\", \"int\", \"sum\" } } }\n"
		   "level { id = \"tinh\", label = \"T\", was = \"huyen_cu\" }\n",
		   &d);
	/* A text renamed into a number: an error; an int into money is
	 * still a number. */
	assert_true(test_diags_at(&d, "t/ruleset.lua:9: ",
				  "form f, field n, of type int, is renamed "
				  "from a of t, of type text"));
	assert_false(test_diags_have(&d, "field m"));
	assert_true(test_diags_at(&d, "t/ruleset.lua:9: ",
				  "form f, field k: renamed_from names no "
				  "field of t's form f (zz)"));
	assert_true(test_diags_at(&d, "t/ruleset.lua:13: ",
				  "form g: renamed_from names no form of t "
				  "(old)"));
	assert_true(test_diags_at(&d, "t/ruleset.lua:15: ",
				  "level tinh: was names no level of t "
				  "(huyen_cu)"));
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 3);
	bc_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_map_as_declared),
		cmocka_unit_test(looked_up_across_rulesets),
		cmocka_unit_test(mistakes_refused),
		cmocka_unit_test(checked_against_the_ruleset_before),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

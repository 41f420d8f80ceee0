/* SPDX-License-Identifier: MIT */
/*
 * What changed from one ruleset to another: nothing between a ruleset
 * and itself; between two small rulesets held in memory, every kind of
 * change, in order, each where it is; the JSON of `rules diff`; and
 * memory running out anywhere, which fails the diff whole and keeps
 * nothing.
 */
#include "test.h"

#include "ruleset_diff.h"
#include "srcset.h"

#include <jansson.h>

#define DIRECTIVE(id, ref, from)                                              \
	"directive { id = \"" id "\", title = \"T\", reference = \"" ref     \
	"\",\n"                                                               \
	"  in_force = { from = \"" from "\" },\n"                             \
	"  deadline = { inclusive = true, utc_offset = \"+07:00\" } }\n"

#define PERIOD(code, due)                                                     \
	"period_type { code = \"" code "\", label = \"" code " {year}\",\n"  \
	"  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"            \
	"  unit_due = \"" due "\", compile_due = \"04/03/Y\" }\n"

static const char a_rules[] =
	DIRECTIVE("a", "1/T", "2022-01-01")
	PERIOD("Q1", "28/02/Y")
	PERIOD("Y", "28/02/Y")
	"level { id = \"xa\", label = \"Commune level\" }\n"
	"unit_kind { id = \"commune\", label = \"Commune\", level = \"xa\" }\n"
	"role { id = \"hr\", label = \"Staff office\" }\n"
	"form { id = \"f1\", name = \"Form 1\", title = \"First\", fields = {\n"
	"  { \"n\", \"Count\", \"int\", \"sum\" },\n"
	"  { \"m\", \"Money\", \"money\", \"sum\", unit = \"million\" },\n"
	"  { \"gone\", \"Gone\", \"int\", \"sum\" },\n"
	"  { \"docs\", \"Documents\", \"table\", \"count_by\", count_by = \"kind\",\n"
	"    columns = {\n"
	"      { \"no\", \"Number\", \"text\", required = true },\n"
	"      { \"kind\", \"Kind\", \"enum\",\n"
	"        values = { { \"a\", \"Alpha\" }, { \"b\", \"Beta\" }, \"c\" } },\n"
	"      { \"note\", \"Note\", \"text\", required_when = { kind = \"a\" } },\n"
	"      { \"on\", \"On\", \"date\" },\n"
	"    },\n"
	"    row_checks = { { \"on >= on\", when = { kind = \"a\" } } } },\n"
	"  },\n"
	"  checks = { \"n >= 0\" },\n"
	"  indicators = { { \"r\", \"Ratio\", num = \"n\", den = \"m\" } },\n"
	"  carry = { { \"n\", from = \"n\" } } }\n"
	"form { id = \"f2\", name = \"Form 2\", title = \"Second\",\n"
	"  fields = { { \"x\", \"X\", \"int\", \"sum\" } } }\n"
	"section { id = \"A\", title = \"Part A\", guidance = \"Say it\",\n"
	"  forms = { \"f1\" } }\n"
	"responsibility { kinds = { \"commune\" }, parts = { \"report\", \"f1\",\n"
	"  \"f2\" }, sections = { \"A\" } }\n"
	"responsibility { role = \"hr\", parts = { \"f2\" } }\n";

static const char b_rules[] =
	DIRECTIVE("b", "2/T", "2025-01-01")
	PERIOD("Q1", "15/02/Y")
	PERIOD("H1", "28/02/Y")
	"level { id = \"xa\", label = \"Commune level\" }\n"
	"unit_kind { id = \"commune\", label = \"Commune (xa)\", level = \"xa\" }\n"
	"role { id = \"fin\", label = \"Finance office\" }\n"
	"form { id = \"f1\", name = \"Form 1\", title = \"First form\", fields = {\n"
	"  { \"n\", \"Count\", \"int\", \"sum\", unit = \"docs\" },\n"
	"  { \"m\", \"Money\", \"int\", \"sum\" },\n"
	"  { \"fresh\", \"Fresh\", \"int\", \"snap\" },\n"
	"  { \"docs\", \"Documents\", \"table\", \"count_by\", count_by = \"kind\",\n"
	"    columns = {\n"
	"      { \"no\", \"Number\", \"text\", required = true },\n"
	"      { \"kind\", \"Kind\", \"enum\",\n"
	"        values = { { \"a\", \"Alpha one\" }, \"c\", { \"d\", \"Delta\" } } },\n"
	"      { \"note\", \"Note\", \"text\", required_when = { kind = \"c\" } },\n"
	"      { \"on\", \"On\", \"date\" },\n"
	"      { \"by\", \"By\", \"text\" },\n"
	"    },\n"
	"    row_checks = { { \"on >= on\", when = { kind = \"c\" } } } },\n"
	"  },\n"
	"  checks = { { \"n >= 0\", severity = \"warn\" }, \"n <= 100\" },\n"
	"  indicators = { { \"r\", \"Ratio\", num = \"n\", den = \"m + n\" } },\n"
	"  carry = { { \"n\", from = \"m\" } } }\n"
	"form { id = \"f3\", name = \"Form 3\", title = \"Third\",\n"
	"  fields = { { \"y\", \"Y\", \"int\", \"sum\" } } }\n"
	"section { id = \"A\", title = \"Part A\", guidance = \"Say more\",\n"
	"  forms = { \"f1\" } }\n"
	"section { id = \"B\", title = \"Part B\" }\n"
	"responsibility { kinds = { \"commune\" }, parts = { \"report\", \"f1\",\n"
	"  \"f3\" }, sections = { \"A\", \"B\" } }\n"
	"responsibility { role = \"fin\", parts = { \"f3\" } }\n"
	"wording { template = { title = \"Forms\" } }\n";

static bc_ruleset *load(const char *id, const char *text)
{
	bc_srcset src = BC_SRCSET_INIT;
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	assert_int_equal(bc_srcset_add(&src, "ruleset.lua", text, strlen(text)),
			 BC_OK);
	bc_srcset_sort(&src);
	if (bc_ruleset_load(id, &src, NULL, &rs, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("ruleset %s does not load", id);
	}
	bc_diags_free(&d);
	return rs;
}

static bc_ruleset *load_dir(const char *id, const char *rel)
{
	char *dir = test_path(test_source_root(), rel);
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	if (bc_ruleset_load_dir(id, dir, NULL, &rs, &d) != BC_OK) {
		test_diags_print(&d);
		fail_msg("%s does not load", dir);
	}
	bc_diags_free(&d);
	free(dir);
	return rs;
}

static void itself_is_no_change(void **state)
{
	(void)state;
	bc_ruleset *a = load_dir("cchc-1131", "rules/cchc-1131");
	bc_ruleset *b = load_dir("cchc-1131", "rules/cchc-1131");
	bc_rsdiff d;
	assert_int_equal(bc_ruleset_diff(a, b, &d), BC_OK);
	assert_int_equal(d.n, 0);
	json_t *j = bc_rsdiff_json(&d);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "changes")), 0);
	json_decref(j);
	bc_rsdiff_free(&d);
	bc_ruleset_free(a);
	bc_ruleset_free(b);
}

/* A change as the test names it: op, what, and where ("form/field/
 * column" of ids, "" where none), id and key (NULL: none). */
typedef struct want {
	bc_change_op op;
	bc_change_what what;
	const char *where, *id, *key;
} want;

static void where_of(const bc_change *c, char *out, size_t n)
{
	snprintf(out, n, "%s/%s/%s", c->form ? c->form->id : "",
		 c->field ? c->field->id : "", c->column ? c->column->id : "");
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void expect_changes(const bc_rsdiff *d, const want *w, size_t n)
{
	char where[256];
	for (size_t i = 0; i < d->n || i < n; i++) {
		const bc_change *c = i < d->n ? &d->v[i] : NULL;
		if (c)
			where_of(c, where, sizeof where);
		if (c && i < n && c->op == w[i].op && c->what == w[i].what &&
		    !strcmp(where, w[i].where) && same_text(c->id, w[i].id) &&
		    same_text(c->key, w[i].key))
			continue;
		if (c)
			print_message("change %zu: %s %s %s id=%s key=%s\n", i,
				      bc_change_op_name(c->op),
				      bc_change_what_name(c->what), where,
				      c->id ? c->id : "-",
				      c->key ? c->key : "-");
		if (i < n)
			print_message("wanted: %s %s %s id=%s key=%s\n",
				      bc_change_op_name(w[i].op),
				      bc_change_what_name(w[i].what),
				      w[i].where, w[i].id ? w[i].id : "-",
				      w[i].key ? w[i].key : "-");
		fail_msg("change %zu is not the one wanted", i);
	}
}

#define CH(op, what, where, id, key)                                          \
	{BC_CH_##op, BC_CW_##what, where, id, key}

static const want every_change[] = {
	CH(CHANGED, DIRECTIVE, "//", NULL, "reference"),
	CH(CHANGED, DIRECTIVE, "//", NULL, "in_force.from"),
	CH(CHANGED, PERIOD_TYPE, "//", "Q1", "unit_due"),
	CH(ADDED, PERIOD_TYPE, "//", "H1", NULL),
	CH(REMOVED, PERIOD_TYPE, "//", "Y", NULL),
	CH(CHANGED, UNIT_KIND, "//", "commune", "label"),
	CH(ADDED, ROLE, "//", "fin", NULL),
	CH(REMOVED, ROLE, "//", "hr", NULL),
	CH(CHANGED, FORM, "f1//", "f1", "title"),
	CH(CHANGED, FIELD, "f1/n/", "n", "unit"),
	CH(CHANGED, FIELD, "f1/m/", "m", "type"),
	CH(CHANGED, FIELD, "f1/m/", "m", "unit"),
	CH(ADDED, FIELD, "f1/fresh/", "fresh", NULL),
	CH(CHANGED, CHOICE, "f1/docs/kind", "a", "label"),
	CH(ADDED, CHOICE, "f1/docs/kind", "d", NULL),
	CH(REMOVED, CHOICE, "f1/docs/kind", "b", NULL),
	CH(CHANGED, COLUMN, "f1/docs/note", "note", "required_when.kind"),
	CH(ADDED, COLUMN, "f1/docs/by", "by", NULL),
	CH(CHANGED, CHECK, "f1/docs/", "on >= on", "when.kind"),
	CH(REMOVED, FIELD, "f1/gone/", "gone", NULL),
	CH(CHANGED, CHECK, "f1//", "n >= 0", "severity"),
	CH(ADDED, CHECK, "f1//", "n <= 100", NULL),
	CH(CHANGED, INDICATOR, "f1//", "r", "den"),
	CH(CHANGED, CARRY, "f1/n/", "n", "from"),
	CH(ADDED, FORM, "f3//", "f3", NULL),
	CH(REMOVED, FORM, "f2//", "f2", NULL),
	CH(CHANGED, SECTION, "//", "A", "guidance"),
	CH(ADDED, SECTION, "//", "B", NULL),
	CH(ADDED, OWED_PART, "//", "f3", NULL),
	CH(REMOVED, OWED_PART, "//", "f2", NULL),
	CH(ADDED, OWED_SECTION, "//", "B", NULL),
	CH(ADDED, OWED_PART, "//", "f3", NULL),
	CH(REMOVED, OWED_PART, "//", "f2", NULL),
	CH(CHANGED, WORDING, "//", "template.title", NULL),
};

static void every_kind_of_change(void **state)
{
	(void)state;
	bc_ruleset *a = load("a", a_rules), *b = load("b", b_rules);
	bc_rsdiff d;
	assert_int_equal(bc_ruleset_diff(a, b, &d), BC_OK);
	expect_changes(&d, every_change,
		       sizeof every_change / sizeof *every_change);
	/* Who owes: the commune kind, then each role. */
	assert_string_equal(d.v[28].kind, "commune");
	assert_string_equal(d.v[28].who_label, "Commune (xa)");
	assert_null(d.v[28].role);
	assert_string_equal(d.v[28].label, "Form 3");
	assert_string_equal(d.v[31].role, "fin");
	assert_string_equal(d.v[32].role, "hr");
	assert_string_equal(d.v[32].who_label, "Staff office");
	/* Values as the rules write them; an item added is shown whole. */
	assert_string_equal(json_string_value(d.v[2].before), "28/02/Y");
	assert_string_equal(json_string_value(d.v[2].after), "15/02/Y");
	assert_string_equal(json_string_value(d.v[10].before), "money");
	assert_true(json_is_null(d.v[9].before));
	assert_string_equal(json_string_value(json_object_get(d.v[12].after,
							      "agg")),
			    "snap");
	assert_string_equal(json_string_value(d.v[15].before), "Beta");
	assert_string_equal(json_string_value(json_array_get(d.v[16].after, 0)),
			    "c");
	assert_true(json_is_null(d.v[33].before));
	assert_string_equal(json_string_value(d.v[33].after), "Forms");
	bc_rsdiff_free(&d);
	/* And back: what was added is removed. */
	assert_int_equal(bc_ruleset_diff(b, a, &d), BC_OK);
	assert_int_equal(d.n, sizeof every_change / sizeof *every_change);
	assert_int_equal(d.v[3].op, BC_CH_ADDED);
	assert_string_equal(d.v[3].id, "Y");
	bc_rsdiff_free(&d);
	bc_ruleset_free(a);
	bc_ruleset_free(b);
}

/* document{}: a word changed, given and taken away, an issuing kind's
 * own, a naming and a period's name, each as document.WHAT and its
 * word. */
static void document_words(void **state)
{
	(void)state;
	static const char da[] =
		DIRECTIVE("a", "1/T", "2022-01-01") PERIOD("Q1", "28/02/Y")
		"level { id = \"xa\", label = \"L\" }\n"
		"unit_kind { id = \"commune\", label = \"C\", level = \"xa\" }\n"
		"document { issuers = { commune = { body = \"C {place}\" } },\n"
		"  periods = { Q1 = \"first {year}\" },\n"
		"  report = { title = \"Results {period}\", signer = \"HEAD\" },\n"
		"  unit_report = { commune = { signer = \"CHAIR\" } } }\n";
	static const char db[] =
		DIRECTIVE("b", "1/T", "2022-01-01") PERIOD("Q1", "28/02/Y")
		"level { id = \"xa\", label = \"L\" }\n"
		"unit_kind { id = \"commune\", label = \"C\", level = \"xa\" }\n"
		"document { issuers = { commune = { body = \"C of {place}\" } },\n"
		"  periods = { Q1 = \"the first {year}\" },\n"
		"  report = { title = \"Results of {period}\",\n"
		"             type = \"REPORT\" },\n"
		"  unit_report = { commune = { signer = \"VICE CHAIR\" } } }\n";
	static const want w[] = {
		CH(CHANGED, WORDING, "//", "document.issuers.commune", "body"),
		CH(CHANGED, WORDING, "//", "document.periods", "Q1"),
		CH(CHANGED, WORDING, "//", "document.report", "type"),
		CH(CHANGED, WORDING, "//", "document.report", "title"),
		CH(CHANGED, WORDING, "//", "document.report", "signer"),
		CH(CHANGED, WORDING, "//", "document.unit_report.commune",
		   "signer"),
	};
	bc_ruleset *a = load("a", da), *b = load("b", db);
	bc_rsdiff d;
	assert_int_equal(bc_ruleset_diff(a, b, &d), BC_OK);
	expect_changes(&d, w, sizeof w / sizeof *w);
	bc_rsdiff_free(&d);
	bc_ruleset_free(a);
	bc_ruleset_free(b);
}

static void as_json(void **state)
{
	(void)state;
	bc_ruleset *a = load("a", a_rules), *b = load("b", b_rules);
	bc_rsdiff d;
	assert_int_equal(bc_ruleset_diff(a, b, &d), BC_OK);
	json_t *j = bc_rsdiff_json(&d);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(j, "a"), "ruleset")),
			    "a");
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(j, "b"), "hash")),
			    b->hash);
	json_t *ch = json_object_get(j, "changes");
	assert_int_equal(json_array_size(ch), d.n);
	/* Every change has every key, whatever it is about. */
	static const char *const keys[] = {"change", "what",  "form",
					   "field",  "column", "id",
					   "key",    "before", "after",
					   "owed_by", NULL};
	size_t i;
	json_t *c;
	json_array_foreach(ch, i, c)
	{
		assert_int_equal(json_object_size(c), 10);
		for (const char *const *k = keys; *k; k++)
			assert_non_null(json_object_get(c, *k));
	}
	c = json_array_get(ch, 16);
	assert_string_equal(json_string_value(json_object_get(c, "change")),
			    "changed");
	assert_string_equal(json_string_value(json_object_get(c, "what")),
			    "column");
	assert_string_equal(json_string_value(json_object_get(c, "field")),
			    "docs");
	assert_string_equal(json_string_value(json_object_get(c, "column")),
			    "note");
	c = json_array_get(ch, 31);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(c, "owed_by"), "role")),
			    "fin");
	assert_string_equal(json_string_value(json_object_get(c, "what")),
			    "owed_part");
	json_decref(j);
	bc_rsdiff_free(&d);
	bc_ruleset_free(a);
	bc_ruleset_free(b);
}

/* A form and a field renamed: one change each, their other keys
 * compared with what they were; what was owed of the form is owed of it
 * under its new id. */
static void renames(void **state)
{
	(void)state;
	static const char a_text[] =
		DIRECTIVE("r", "1/T", "2022-01-01") PERIOD("Q1", "28/02/Y")
		"unit_kind { id = \"k\", label = \"K\" }\n"
		"form { id = \"old\", name = \"Form\", title = \"T\", fields = {\n"
		"  { \"p\", \"P\", \"int\", \"sum\" },\n"
		"  { \"q\", \"Q\", \"int\", \"sum\" } } }\n"
		"responsibility { kinds = { \"k\" }, parts = { \"old\" } }\n";
	static const char b_text[] =
		DIRECTIVE("r", "1/T", "2022-01-01") PERIOD("Q1", "28/02/Y")
		"unit_kind { id = \"k\", label = \"K\" }\n"
		"form { id = \"new\", name = \"Form\", title = \"T\",\n"
		"  renamed_from = \"old\", fields = {\n"
		"  { \"p2\", \"P\", \"int\", \"snap\", renamed_from = \"p\" },\n"
		"  { \"q\", \"Q\", \"int\", \"sum\" } } }\n"
		"responsibility { kinds = { \"k\" }, parts = { \"new\" } }\n";
	static const want w[] = {
		CH(RENAMED, FORM, "new//", "new", NULL),
		CH(RENAMED, FIELD, "new/p2/", "p2", NULL),
		CH(CHANGED, FIELD, "new/p2/", "p2", "agg"),
	};
	bc_ruleset *a = load("r", a_text), *b = load("r", b_text);
	bc_rsdiff d;
	assert_int_equal(bc_ruleset_diff(a, b, &d), BC_OK);
	expect_changes(&d, w, sizeof w / sizeof *w);
	assert_string_equal(json_string_value(d.v[0].before), "old");
	assert_string_equal(json_string_value(d.v[0].after), "new");
	assert_string_equal(json_string_value(d.v[1].before), "p");
	json_t *j = bc_rsdiff_json(&d);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(j, "changes"),
						   0),
				    "change")),
			    "renamed");
	json_decref(j);
	bc_rsdiff_free(&d);
	bc_ruleset_free(a);
	bc_ruleset_free(b);
}

/* A pattern's bytes that are no UTF-8 still read as a change. */
static void pattern_bytes(void **state)
{
	(void)state;
	static const char head[] =
		DIRECTIVE("p", "1/T", "2022-01-01") PERIOD("Q1", "28/02/Y");
	char *ta = bc_sprintf("%sform { id = \"f\", title = \"F\", fields = {"
			      " { \"t\", \"T\", \"table\", columns = {"
			      " { \"c\", \"C\", \"text\", pattern = \"^[\\128-\\255]$\" }"
			      " } } } }\n",
			      head);
	char *tb = bc_sprintf("%sform { id = \"f\", title = \"F\", fields = {"
			      " { \"t\", \"T\", \"table\", columns = {"
			      " { \"c\", \"C\", \"text\", pattern = \"^[\\128-\\191]$\" }"
			      " } } } }\n",
			      head);
	bc_ruleset *a = load("p", ta), *b = load("p", tb);
	bc_rsdiff d;
	assert_int_equal(bc_ruleset_diff(a, b, &d), BC_OK);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].key, "pattern");
	assert_string_equal(json_string_value(d.v[0].before), "^[\\128-\\255]$");
	assert_string_equal(json_string_value(d.v[0].after), "^[\\128-\\191]$");
	bc_rsdiff_free(&d);
	bc_ruleset_free(a);
	bc_ruleset_free(b);
	bc_free(ta);
	bc_free(tb);
}

/* Memory refused at each allocation in turn: the diff fails whole, or
 * is whole, and keeps nothing. */
static void out_of_memory(void **state)
{
	(void)state;
	bc_ruleset *a = load("a", a_rules), *b = load("b", b_rules);
	size_t wanted = sizeof every_change / sizeof *every_change;
	for (long n = 1;; n++) {
		long live = bc_mem_live();
		bc_rsdiff d;
		bc_mem_fail(n, false);
		bc_err rc = bc_ruleset_diff(a, b, &d);
		json_t *j = rc == BC_OK ? bc_rsdiff_json(&d) : NULL;
		bool refused = bc_mem_refused() > 0;
		bc_mem_fail(0, false);
		if (rc == BC_OK)
			assert_int_equal(d.n, wanted);
		else
			assert_int_equal(rc, BC_ERR_NOMEM);
		json_decref(j);
		bc_rsdiff_free(&d);
		assert_int_equal(bc_mem_live(), live);
		if (!refused)
			break;
	}
	bc_ruleset_free(a);
	bc_ruleset_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(itself_is_no_change),
		cmocka_unit_test(every_kind_of_change),
		cmocka_unit_test(document_words),
		cmocka_unit_test(as_json),
		cmocka_unit_test(renames),
		cmocka_unit_test(pattern_bytes),
		cmocka_unit_test(out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

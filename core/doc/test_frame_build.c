/* SPDX-License-Identifier: MIT */
/*
 * The frame of a document built from the rules' document words: the
 * shipped cchc-1131's per kind of document and issuer, the command
 * line's overrides, baocao's own words where the rules give none, and
 * document{} refused at its file:line when it names what does not exist.
 */
#include "test.h"

#include "frame_build.h"
#include "period.h"
#include "ruleset.h"
#include "unit.h"

static test_texts *T;

static int setup(void **state)
{
	(void)state;
	T = test_texts_load("frame.txt");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_texts_free(T);
	return 0;
}

static bc_ruleset *load_shipped(void)
{
	char dir[1024];
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = NULL;
	snprintf(dir, sizeof dir, "%s/rules/cchc-1131", test_source_root());
	if (bc_ruleset_load_dir("cchc-1131", dir, NULL, &rs, &d) != BC_OK)
		test_diags_print(&d);
	assert_non_null(rs);
	bc_diags_free(&d);
	return rs;
}

static bc_unit unit(const char *code, const char *name_key, const char *kind,
		    const char *parent)
{
	bc_unit u = {0};
	u.code = (char *)code;
	u.name = (char *)test_texts_get(T, name_key);
	u.kind = (char *)kind;
	u.parent = (char *)parent;
	return u;
}

static bc_period quarter(const char *type, const char *label_key)
{
	bc_period p = {0};
	snprintf(p.code, sizeof p.code, "2023-%s", type);
	snprintf(p.type, sizeof p.type, "%s", type);
	p.year = 2023;
	p.label = (char *)test_texts_get(T, label_key);
	return p;
}

static void put(char **s, size_t *n, const char *key, const char *v)
{
	if (!v)
		return;
	size_t len = strlen(key) + strlen(v) + 4;
	*s = realloc(*s, *n + len);
	assert_non_null(*s);
	*n += (size_t)sprintf(*s + *n, "%s: %s\n", key, v);
}

static void put_lines(char **s, size_t *n, const char *key,
		      const bc_doc_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		put(s, n, key, l->line[i]);
}

/* The frame as lines "key: text", an element a line, in the order a
 * page shows them. */
static char *frame_text(const bc_doc_frame *f)
{
	char *s = calloc(1, 1);
	size_t n = 0;
	put(&s, &n, "parent", f->parent);
	put_lines(&s, &n, "body", &f->body);
	put(&s, &n, "number", f->number);
	put(&s, &n, "about", f->about);
	put(&s, &n, "nation", f->nation);
	put(&s, &n, "motto", f->motto);
	put(&s, &n, "place_date", f->place_date);
	put(&s, &n, "type", f->type);
	put_lines(&s, &n, "title", &f->title);
	put_lines(&s, &n, "to", &f->to);
	put_lines(&s, &n, "authority", &f->authority);
	put(&s, &n, "signer_title", f->signer_title);
	put(&s, &n, "signer_name", f->signer_name);
	put(&s, &n, "recipients_head", f->recipients_head);
	put_lines(&s, &n, "recipients", &f->recipients);
	return s;
}

static void frame_is(const bc_ruleset *rs, bc_dockind k, const bc_unit *u,
		     const bc_unit *parent, const bc_period *p,
		     const bc_doc_overrides *o, const char *want)
{
	bc_doc_frame f;
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_doc_frame_build(rs, k, u, parent, p, o, &f, &d),
			 BC_OK);
	char *got = frame_text(&f);
	if (strcmp(got, test_texts_get(T, want)))
		fail_msg("frame %s:\n%s", want, got);
	free(got);
	bc_doc_frame_free(&f);
	bc_diags_free(&d);
}

/* The district's report of Q1, number and date left to the clerk. */
static void district_report(void **state)
{
	(void)state;
	bc_ruleset *rs = load_shipped();
	bc_unit tk = unit("tan-ky", "district", "district", NULL);
	bc_period q1 = quarter("Q1", "q1_label");
	frame_is(rs, BC_DOC_REPORT, &tk, NULL, &q1, NULL, "district_q1");
	bc_ruleset_free(rs);
}

/* --number, --date and --signer over the rules' words: a number alone
 * goes into the pattern with its leading 0, a whole number replaces it;
 * the date with its leading zeros. */
static void overrides(void **state)
{
	(void)state;
	bc_ruleset *rs = load_shipped();
	bc_unit tk = unit("tan-ky", "district", "district", NULL);
	bc_period h1 = quarter("H1", "h1_label");
	bc_doc_overrides o = BC_DOC_OVERRIDES_NONE;
	o.number = "7";
	o.date = bc_date_from_ymd(2023, 2, 4);
	o.signer_name = test_texts_get(T, "signer");
	frame_is(rs, BC_DOC_REPORT, &tk, NULL, &h1, &o, "district_h1_signed");
	o.number = "45/BC-UBND";
	o.date = bc_date_from_ymd(2023, 3, 14);
	o.signer_name = NULL;
	o.signer_title = test_texts_get(T, "chairman");
	frame_is(rs, BC_DOC_REPORT, &tk, NULL, &h1, &o, "district_h1_whole");
	bc_doc_frame f;
	bc_diags d = BC_DIAGS_INIT;
	o.number = "4\x1b" "5";
	assert_int_equal(bc_doc_frame_build(rs, BC_DOC_REPORT, &tk, NULL, &h1,
					    &o, &f, &d),
			 BC_ERR_SYNTAX);
	assert_true(test_diags_have(&d, "not a document number"));
	bc_doc_frame_free(&f);
	bc_diags_free(&d);
	bc_ruleset_free(rs);
}

/* A commune's own report: its own body, no parent line, its place. */
static void commune_report(void **state)
{
	(void)state;
	bc_ruleset *rs = load_shipped();
	bc_unit tk = unit("tan-ky", "district", "district", NULL);
	bc_unit ks = unit("xa-ky-son", "commune", "commune", "tan-ky");
	bc_period q1 = quarter("Q1", "q1_label");
	frame_is(rs, BC_DOC_UNIT_REPORT, &ks, &tk, &q1, NULL, "commune_q1");
	bc_ruleset_free(rs);
}

/* A department's: the district over it, the district's place, its
 * kind's own words; and without a parent, none of the district's. */
static void department_report(void **state)
{
	(void)state;
	bc_ruleset *rs = load_shipped();
	bc_unit tk = unit("tan-ky", "district", "district", NULL);
	bc_unit nv = unit("noi-vu", "department", "department", "tan-ky");
	bc_period q1 = quarter("Q1", "q1_label");
	frame_is(rs, BC_DOC_UNIT_REPORT, &nv, &tk, &q1, NULL, "department_q1");
	nv.parent = NULL;
	frame_is(rs, BC_DOC_UNIT_REPORT, &nv, NULL, &q1, NULL,
		 "department_alone");
	bc_ruleset_free(rs);
}

/* The reminder: a letter, "V/v" under its number, no type or title. */
static void reminder(void **state)
{
	(void)state;
	bc_ruleset *rs = load_shipped();
	bc_unit tk = unit("tan-ky", "district_nfd", "district", NULL);
	bc_period y = quarter("Y", "y_label");
	frame_is(rs, BC_DOC_REMINDER, &tk, NULL, &y, NULL, "reminder_y");
	bc_ruleset_free(rs);
}

#define DIRECTIVE                                                              \
	"directive {\n"                                                        \
	"  id = \"t\", title = \"T\", reference = \"1/T\",\n"                 \
	"  in_force = { from = \"2022-01-01\" },\n"                            \
	"  deadline = { inclusive = true, utc_offset = \"+07:00\" },\n"        \
	"}\n"                                                                  \
	"period_type {\n"                                                      \
	"  code = \"Q1\", label = \"Q1 {year}\",\n"                            \
	"  window = { from = \"10/12/Y-1\", to = \"10/03/Y\" },\n"             \
	"  unit_due = \"28/02/Y\", compile_due = \"04/03/Y\",\n"               \
	"}\n"                                                                  \
	"unit_kind { id = \"district\", label = \"District\" }\n"

/* Rules with no document{}: baocao's own words (English here), the
 * unit's name for its body, no place. */
static void defaults(void **state)
{
	(void)state;
	const char *files[] = {"ruleset.lua", DIRECTIVE, NULL};
	bc_ruleset *rs;
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(test_rules_mem("t", files, &rs, &d), BC_OK);
	bc_unit u = {.code = "d", .name = "Riverside District",
		     .kind = "district"};
	bc_period p = {.code = "2023-Q1", .type = "Q1", .year = 2023,
		       .label = "Q1 2023"};
	frame_is(rs, BC_DOC_REPORT, &u, NULL, &p, NULL, "defaults_report");
	frame_is(rs, BC_DOC_REMINDER, &u, NULL, &p, NULL, "defaults_reminder");
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

static void refused(const char *document, const char *where,
		    const char *what)
{
	const char *files[] = {"ruleset.lua", DIRECTIVE "include 'doc.lua'\n",
			       "doc.lua", document, NULL};
	bc_ruleset *rs;
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(test_rules_mem("t", files, &rs, &d), BC_ERR_RULES);
	if (!test_diags_at(&d, where, what)) {
		test_diags_print(&d);
		fail_msg("wanted '%s' at %s", what, where);
	}
	bc_diags_free(&d);
}

/* A placeholder a word does not take, an unknown word, a unit kind or
 * period type that does not exist: refused at document{}'s file:line. */
static void errors(void **state)
{
	(void)state;
	refused("\n\ndocument { report = { title = 'Results {quarter}' } }\n",
		"t/doc.lua:3:", "report.title has no placeholder {quarter}");
	refused("document {\n report = { signer = 'Head {name}' } }\n",
		"t/doc.lua:1:", "report.signer has no placeholder {name}");
	refused("document { issuers = { district = { body = '{period}' } } }\n",
		"t/doc.lua:1:", "issuers.district.body has no placeholder");
	refused("document { periods = { Q1 = 'Q1 of {month}' } }\n",
		"t/doc.lua:1:", "periods.Q1 has no placeholder {month}");
	refused("document { report = { titel = 'x' } }\n", "t/doc.lua:1:",
		"unknown word 'titel'");
	refused("document { report = { commune = { titel = 'x' } } }\n",
		"t/doc.lua:1:", "unknown word 'titel'");
	refused("document { lettre = {} }\n", "t/doc.lua:1:",
		"unknown key 'lettre'");
	refused("local x = 1\ndocument { unit_report = { commune = {} } }\n",
		"t/doc.lua:2:", "names no unit kind 'commune'");
	refused("document { issuers = { commune = { body = 'x' } } }\n",
		"t/doc.lua:1:", "names no unit kind 'commune'");
	refused("document { periods = { H1 = 'first half {year}' } }\n",
		"t/doc.lua:1:", "names no period type 'H1'");
	refused("document {}\ndocument {}\n", "t/doc.lua:2:",
		"registered twice");
	refused("document { report = { recipients = { 'a', 3 } } }\n",
		"t/doc.lua:1:", "line 2 is not a text");
}

/* The district among the units: the root with units under it. */
static void issuer_found(void **state)
{
	(void)state;
	bc_unit v[] = {
		{.code = "lone", .name = "Lone", .kind = "x", .depth = 0},
		{.code = "tk", .name = "TK", .kind = "district", .depth = 0},
		{.code = "ks", .name = "KS", .kind = "commune",
		 .parent = "tk", .depth = 1},
	};
	bc_unit_list l = {.v = v, .n = 3};
	assert_ptr_equal(bc_doc_issuer(&l), &v[1]);
	assert_ptr_equal(bc_doc_parent(&l, &v[2]), &v[1]);
	assert_null(bc_doc_parent(&l, &v[1]));
	l.n = 1;
	assert_ptr_equal(bc_doc_issuer(&l), &v[0]);
	l.n = 0;
	assert_null(bc_doc_issuer(&l));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(district_report),
		cmocka_unit_test(overrides),
		cmocka_unit_test(commune_report),
		cmocka_unit_test(department_report),
		cmocka_unit_test(reminder),
		cmocka_unit_test(defaults),
		cmocka_unit_test(errors),
		cmocka_unit_test(issuer_found),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* SPDX-License-Identifier: MIT */
/*
 * Text templates of section summaries: parsing into pieces (every kind
 * of placeholder, escaped braces, malformed ones), and resolving against
 * the test ruleset tests/rules/summaries, where every name a placeholder
 * can hold is checked and a dangling one is told at the section's
 * file:line.
 */
#include "test.h"

#include "ruleset.h"
#include "summary.h"
#include "text.h"

static bc_summary parse_ok(bc_arena *a, const char *text)
{
	bc_summary s;
	char err[256];
	if (!bc_summary_parse(text, a, &s, err, sizeof err))
		fail_msg("'%s' does not parse: %s", text, err);
	return s;
}

static void parse_bad(const char *text, const char *want)
{
	bc_arena a = {0};
	bc_summary s;
	char err[256];
	assert_false(bc_summary_parse(text, &a, &s, err, sizeof err));
	if (!strstr(err, want))
		fail_msg("'%s': '%s', not '%s'", text, err, want);
	assert_int_equal(s.n, 0);
	bc_arena_free(&a);
}

static void piece_is(const bc_sum_piece *p, bc_sum_what what, bc_sum_mod mod,
		     const char *form, const char *item, const char *choice,
		     const char *level)
{
	assert_int_equal(p->what, what);
	assert_int_equal(p->mod, mod);
#define SAME(x) (x ? assert_string_equal(p->x, x) : assert_null(p->x))
	SAME(form);
	SAME(item);
	SAME(choice);
	SAME(level);
#undef SAME
	assert_int_equal(p->form_ix, -1);
	assert_int_equal(p->item_ix, -1);
}

static void text_only(void **state)
{
	(void)state;
	bc_arena a = {0};
	bc_summary s = parse_ok(&a, "No figures here.");
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].what, BC_SUM_TEXT);
	assert_string_equal(s.v[0].text, "No figures here.");
	s = parse_ok(&a, "");
	assert_int_equal(s.n, 0);
	/* Doubled braces are braces, in text and around placeholders. */
	s = parse_ok(&a, "{{a}} and }}{{{f.x}}}");
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].text, "{a} and }{");
	piece_is(&s.v[1], BC_SUM_FIELD, BC_SUM_VALUE, "f", "x", NULL, NULL);
	assert_string_equal(s.v[1].text, "{f.x}");
	assert_string_equal(s.v[2].text, "}");
	bc_arena_free(&a);
}

static void every_placeholder(void **state)
{
	(void)state;
	bc_arena a = {0};
	bc_summary s = parse_ok(&a, "A {bm1.vb} B {bm1.vb@xa} C {bm1.vb:last}"
				    "{bm1.vb:change}{bm1.vb:diff}{bm1.vb:pct}"
				    "{pl1b.van_ban[ke_hoach]@huyen:change}"
				    "{bm1:units}{bm1@xa:units}{bm1:missing}{bm1} end");
	assert_int_equal(s.n, 15);
	assert_string_equal(s.v[0].text, "A ");
	piece_is(&s.v[1], BC_SUM_FIELD, BC_SUM_VALUE, "bm1", "vb", NULL, NULL);
	assert_string_equal(s.v[2].text, " B ");
	piece_is(&s.v[3], BC_SUM_FIELD, BC_SUM_VALUE, "bm1", "vb", NULL, "xa");
	piece_is(&s.v[5], BC_SUM_FIELD, BC_SUM_LAST, "bm1", "vb", NULL, NULL);
	piece_is(&s.v[6], BC_SUM_FIELD, BC_SUM_CHANGE, "bm1", "vb", NULL, NULL);
	piece_is(&s.v[7], BC_SUM_FIELD, BC_SUM_DIFF, "bm1", "vb", NULL, NULL);
	piece_is(&s.v[8], BC_SUM_FIELD, BC_SUM_PCT, "bm1", "vb", NULL, NULL);
	piece_is(&s.v[9], BC_SUM_FIELD, BC_SUM_CHANGE, "pl1b", "van_ban",
		 "ke_hoach", "huyen");
	piece_is(&s.v[10], BC_SUM_FORM, BC_SUM_UNITS, "bm1", NULL, NULL, NULL);
	piece_is(&s.v[11], BC_SUM_FORM, BC_SUM_UNITS, "bm1", NULL, NULL, "xa");
	piece_is(&s.v[12], BC_SUM_FORM, BC_SUM_MISSING, "bm1", NULL, NULL,
		 NULL);
	assert_int_equal(s.v[13].what, BC_SUM_FORM); /* {bm1} alone */
	assert_string_equal(s.v[14].text, " end");
	for (int m = 0; m < BC_SUM_MOD_N; m++)
		assert_non_null(bc_sum_mod_name((bc_sum_mod)m));
	assert_string_equal(bc_sum_mod_name(BC_SUM_CHANGE), "change");
	bc_arena_free(&a);
}

static void malformed(void **state)
{
	(void)state;
	parse_bad("Ban {bm1.vb", "with no '}'");
	parse_bad("{bm1.vb {x}}", "with no '}'");
	parse_bad("a } b", "closes no placeholder");
	parse_bad("{bm1.vb} }", "closes no placeholder");
	parse_bad("{}", "{}: a form expected");
	parse_bad("{bm1.}", "{bm1.}: a field or an indicator expected");
	parse_bad("{bm1.vb@}", "a level expected");
	parse_bad("{bm1.vb:}", "a modifier expected");
	parse_bad("{bm1.vb:foo}", "no modifier ':foo'");
	parse_bad("{bm1.vb[x}", "']' expected");
	parse_bad("{bm1.vb[]}", "a value expected");
	parse_bad("{bm1 .vb}", "unexpected ' '");
	parse_bad("{bm1.vb:last:pct}", "unexpected ':'");
	parse_bad("{bm1.vb-2}", "unexpected '-'");
	char big[400];
	memset(big, 'x', sizeof big - 3);
	big[0] = '{';
	big[sizeof big - 3] = '}';
	big[sizeof big - 2] = '\0';
	parse_bad(big, "too long");
}

/* A message quotes the start of a bad placeholder, cut between two
 * characters, never inside one (2-byte letters from an odd offset). */
static void quoted_whole(void **state)
{
	(void)state;
	char text[64] = "{";
	for (int i = 0; i < 30; i++)
		strcat(text, "\xc3\xa1");
	bc_arena a = {0};
	bc_summary s;
	char err[256];
	assert_false(bc_summary_parse(text, &a, &s, err, sizeof err));
	size_t bad;
	assert_true(bc_utf8_valid(err, strlen(err), &bad));
	assert_non_null(strstr(err, "{\xc3\xa1"));
	bc_arena_free(&a);
}

/* ---- resolving, against a ruleset ---------------------------------------- */

static bc_ruleset *load(const char *id, bc_diags *d)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/tests/rules/%s", test_source_root(), id);
	bc_ruleset *rs = NULL;
	bc_ruleset_load_dir(id, dir, NULL, &rs, d);
	return rs;
}

typedef struct told {
	char msg[8][512];
	size_t n;
} told;

static void tell(void *ud, const char *msg)
{
	told *t = ud;
	if (t->n < 8)
		snprintf(t->msg[t->n++], sizeof t->msg[0], "%s", msg);
}

/* The problems resolving text against rs, in *t. */
static size_t resolve(const bc_ruleset *rs, const char *text, told *t)
{
	bc_arena a = {0};
	bc_summary s = parse_ok(&a, text);
	*t = (told){0};
	size_t n = bc_summary_resolve(&s, rs, tell, t);
	assert_int_equal(n, t->n);
	bc_arena_free(&a);
	return n;
}

static void resolve_bad(const bc_ruleset *rs, const char *text,
			const char *want)
{
	told t;
	assert_int_equal(resolve(rs, text, &t), 1);
	if (!strstr(t.msg[0], want))
		fail_msg("'%s': '%s', not '%s'", text, t.msg[0], want);
}

static void resolving(void **state)
{
	(void)state;
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load("summaries", &d);
	if (!rs) {
		test_diags_print(&d);
		fail_msg("tests/rules/summaries does not load");
	}
	bc_arena a = {0};
	bc_summary s = parse_ok(&a, "{cd.vb@xa:change} {cd.ty_le_ht} "
				    "{cd.ds[cong_van]} {cd@huyen:units}");
	told t = {0};
	assert_int_equal(bc_summary_resolve(&s, rs, tell, &t), 0);
	const bc_form *f = bc_ruleset_form(rs, "cd");
	assert_int_equal(s.v[0].form_ix, f - rs->forms);
	assert_string_equal(f->fields[s.v[0].item_ix].id, "vb");
	assert_string_equal(rs->levels[s.v[0].level_ix].id, "xa");
	assert_int_equal(s.v[2].what, BC_SUM_INDICATOR);
	assert_string_equal(f->indicators[s.v[2].item_ix].id, "ty_le_ht");
	assert_int_equal(s.v[4].choice_ix, 1);
	assert_string_equal(rs->levels[s.v[6].level_ix].id, "huyen");
	bc_arena_free(&a);

	resolve_bad(rs, "{nope.vb}", "no form 'nope'");
	resolve_bad(rs, "{cd.khong_co}", "no field or indicator 'khong_co'");
	resolve_bad(rs, "{cd.vb@tinh}", "no level 'tinh'");
	resolve_bad(rs, "{cd.thon@huyen}", "asked only of level xa");
	resolve_bad(rs, "{cd.ds[nghi_quyet]}", "has no value 'nghi_quyet'");
	resolve_bad(rs, "{cd.vb[ke_hoach]}", "only a table counted");
	resolve_bad(rs, "{cd.ty_le_ht[x]}", "only a table counted");
	resolve_bad(rs, "{cd}", "a form alone has no figure");
	resolve_bad(rs, "{cd.vb:units}", ":units counts the units");
	resolve_bad(rs, "{cd.ty_le_ht:pct}", "in points");
	resolve_bad(rs, "{cd@xa:missing}", "every level");
	/* Every bad placeholder is told, not only the first. */
	assert_int_equal(resolve(rs, "{a.b} ok {cd.vb} {cd.c} {cd:last}", &t),
			 3);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

/* A bad placeholder in the rules: an error at the section's file:line,
 * every one listed, and the rules do not load. */
static void broken_rules(void **state)
{
	(void)state;
	bc_diags d = BC_DIAGS_INIT;
	bc_ruleset *rs = load("summary-broken", &d);
	assert_null(rs);
	assert_true(test_diags_at(&d, "summary-broken/ruleset.lua:25: ",
				  "{cd.khong_co}"));
	assert_true(test_diags_at(&d, "summary-broken/ruleset.lua:25: ",
				  "{cd.vb:sau}"));
	assert_true(test_diags_at(&d, "summary-broken/ruleset.lua:31: ",
				  "{cd.vb@tinh}"));
	/* A unit's sentences are checked as the district's are, and
	 * named as theirs. */
	assert_true(test_diags_at(&d, "summary-broken/ruleset.lua:31: ",
				  "section B, unit_summary: placeholder "
				  "{cd.khong_co}"));
	assert_true(test_diags_at(&d, "summary-broken/ruleset.lua:31: ",
				  "section B, unit_summary: placeholder "
				  "{cd.vb:sau}"));
	assert_int_equal(d.n, 5);
	bc_diags_free(&d);
}

/* A summary shows in the outline of `rules show --json`, as written. */
static void shipped_parse(void **state)
{
	(void)state;
	bc_diags d = BC_DIAGS_INIT;
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/rules/cchc-1131", test_source_root());
	bc_ruleset *rs = NULL;
	assert_int_equal(bc_ruleset_load_dir("cchc-1131", dir, NULL, &rs, &d),
			 BC_OK);
	size_t with = 0, units = 0;
	for (size_t i = 0; i < rs->n_sections; i++) {
		const bc_section *s = &rs->sections[i];
		with += s->n_summary > 0;
		if (s->n_forms)
			assert_true(s->n_summary > 0);
		for (size_t k = 0; k < s->n_summary; k++)
			assert_true(s->summaries[k].n > 0);
		/* A unit's words say neither how many units nor a level:
		 * it speaks of itself. */
		for (size_t k = 0; k < s->n_unit_summary; k++)
			for (size_t j = 0; j < s->unit_summaries[k].n; j++) {
				const bc_sum_piece *p = &s->unit_summaries[k].v[j];
				assert_int_not_equal(p->what, BC_SUM_FORM);
				assert_null(p->level);
			}
		units += s->n_unit_summary > 0;
	}
	assert_true(with > 0);
	assert_true(units > 0);
	bc_ruleset_free(rs);
	bc_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_only),
		cmocka_unit_test(every_placeholder),
		cmocka_unit_test(malformed),
		cmocka_unit_test(quoted_whole),
		cmocka_unit_test(resolving),
		cmocka_unit_test(broken_rules),
		cmocka_unit_test(shipped_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * The units' narrative texts, a section at a time (narrative.h): the
 * revision in force of each unit's report, as of a time, in the order of
 * the units' list.
 */
#include "test_submit.h"

#include "import.h"
#include "narrative.h"
#include "period.h"
#include "review.h"

/* Imports the submission called name in tests/data/narrative-samples.txt. */
static void send(fx *f, const char *name)
{
	char *text = test_fixture("narrative-samples.txt", name);
	test_write(f->dir, "s.json", text);
	free(text);
	char *path = test_path(f->dir, "s.json");
	bc_import_opts o = {.tz_offset = 420};
	bc_import_result res;
	bc_err rc = bc_import_file(f->st, f->rb, path, &o, false, &res, &f->d);
	free(path);
	bc_import_result_free(&res);
	if (rc != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("%s: refused", name);
	}
	bc_diags_free(&f->d);
}

/* What a section's reading gave: "code: text" lines. */
typedef struct seen {
	const bc_unit_list *ul;
	char buf[1024];
	size_t n;
} seen;

static bc_err note(void *ud, size_t i, const char *text)
{
	seen *s = ud;
	s->n += (size_t)snprintf(s->buf + s->n, sizeof s->buf - s->n, "%s: %s\n",
				 s->ul->v[i].code, text);
	return BC_OK;
}

/* The texts of section in the open narrative, as "code: text" lines,
 * are the text called want in narrative-samples.txt (none for NULL). */
static void expect_section(fx *f, bc_narrative *n, const bc_unit_list *ul,
			   const char *section, const char *want)
{
	seen s = {.ul = ul};
	if (bc_narrative_section(n, section, note, &s, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("section %s cannot be read", section);
	}
	char *w = want ? test_fixture("narrative-samples.txt", want) : NULL;
	assert_string_equal(s.buf, w ? w : "");
	free(w);
}

/* The period's narrative for the units of its day, as of until. */
static bc_narrative *open_at(fx *f, bc_period *p, bc_unit_list *ul,
			     bc_time until)
{
	bc_narrative *n = NULL;
	assert_int_equal(bc_period_get(f->st, f->rb, "2023-Q1", p, &f->d),
			 BC_OK);
	assert_int_equal(bc_units_as_of(f->st, p->to, ul, &f->d), BC_OK);
	if (bc_narrative_open(f->st, p, until, ul, &n, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("the narrative does not open");
	}
	return n;
}

static void texts_in_force_in_list_order(void **state)
{
	fx *f = *state;
	fx_open(f);
	send(f, "ky-son-1");
	send(f, "ky-son-2");
	send(f, "noi-vu");
	bc_period p;
	bc_unit_list ul;
	bc_narrative *n = open_at(f, &p, &ul, 0);
	assert_int_equal(bc_narrative_count(n), 2);
	/* Phòng Nội vụ comes before the communes in the units' list; Kỳ
	 * Sơn's second report replaces its first whole. */
	expect_section(f, n, &ul, "A.I", "a1-in-force");
	expect_section(f, n, &ul, "A.II", NULL);
	expect_section(f, n, &ul, "A.IV", NULL);
	bc_narrative_close(n);
	/* As of the day before the second report: the first is in force. */
	bc_time until;
	assert_true(bc_time_parse("2023-02-24T23:59:59+07:00", 420, &until,
				  NULL));
	bc_period q;
	bc_unit_list ul2;
	n = open_at(f, &q, &ul2, until);
	expect_section(f, n, &ul2, "A.II", "a2-before");
	bc_narrative_close(n);
	bc_unit_list_free(&ul);
	bc_unit_list_free(&ul2);
	bc_period_free(&p);
	bc_period_free(&q);
	fx_close(f);
}

/* A list of one unit: a unit's own report reads its own texts only. */
static void one_unit(void **state)
{
	fx *f = *state;
	fx_open(f);
	send(f, "ky-son-1");
	send(f, "noi-vu");
	bc_period p;
	bc_unit_list ul;
	bc_narrative *n = open_at(f, &p, &ul, 0);
	bc_narrative_close(n);
	bc_unit_list one = {0};
	for (size_t i = 0; i < ul.n; i++)
		if (!strcmp(ul.v[i].code, "noi-vu"))
			one = (bc_unit_list){.v = &ul.v[i], .n = 1};
	assert_int_equal(bc_narrative_open(f->st, &p, 0, &one, &n, &f->d),
			 BC_OK);
	assert_int_equal(bc_narrative_count(n), 1);
	expect_section(f, n, &one, "A.I", "a1-noi-vu");
	bc_narrative_close(n);
	bc_unit_list_free(&ul);
	bc_period_free(&p);
	fx_close(f);
}

/* A void takes a report out (the one before it is in force again); a
 * return leaves the unit with no text in force at all, as its figures
 * leave the aggregate. */
static void voided_and_returned(void **state)
{
	fx *f = *state;
	fx_open(f);
	send(f, "ky-son-1");
	send(f, "ky-son-2");
	send(f, "noi-vu");
	int number = 0;
	bc_void_req v = {.unit = "xa-ky-son", .period = "2023-Q1",
			 .part = BC_PART_REPORT, .reason = "the wrong file"};
	assert_int_equal(bc_revision_void(f->st, f->rb, &v, &number, &f->d),
			 BC_OK);
	assert_int_equal(number, 2);
	bc_period p;
	bc_unit_list ul;
	bc_narrative *n = open_at(f, &p, &ul, 0);
	assert_int_equal(bc_narrative_count(n), 2);
	expect_section(f, n, &ul, "A.I", "a1-ky-son-1");
	expect_section(f, n, &ul, "A.II", "a2-before");
	bc_narrative_close(n);
	bc_unit_list_free(&ul);
	bc_period_free(&p);

	const char *parts[] = {BC_PART_REPORT};
	bc_review_req r = {.unit = "noi-vu", .period = "2023-Q1",
			   .parts = parts, .n_parts = 1,
			   .verdict = BC_VERDICT_RETURN,
			   .reason = "section B is missing"};
	bc_acted_list acted = {0};
	assert_int_equal(bc_review_record(f->st, f->rb, &r, &acted, &f->d),
			 BC_OK);
	bc_acted_list_free(&acted);
	n = open_at(f, &p, &ul, 0);
	assert_int_equal(bc_narrative_count(n), 1);
	expect_section(f, n, &ul, "A.I", "a1-ky-son-1-alone");
	expect_section(f, n, &ul, "B.4", NULL);
	bc_narrative_close(n);
	bc_unit_list_free(&ul);
	bc_period_free(&p);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(texts_in_force_in_list_order,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(one_unit, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(voided_and_returned, fx_setup,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#include "test_submit.h"

#include "collate.h"
#include "import.h"
#include "status.h"

/* What a commune owes, each part sent (a form with one value is
 * received; 0 is a value, an empty form is none). */
#define COMMUNE_FORMS                                                         \
	"\"pl1b\": {\"van_ban\": []}, \"bm1\": {\"vb_chi_dao\": 0},"          \
	" \"bm2\": {\"vb_ra_soat\": 0}, \"bm3\": {\"hs_ky_truoc\": 0},"         \
	" \"bm4\": {\"bien_che_giao\": 0}, \"bm5\": {\"ky_luat\": 0},"          \
	" \"bm6\": {\"kn_thanh_tra\": 0}, \"bm7\": {\"cbcc\": 0}"
#define DEPARTMENT_FORMS "\"pl1a\": {\"nhiem_vu\": []}, \"pl1b\": {\"van_ban\": []}"
/* Part A of the outline, which every unit writes. */
#define REPORT                                                                \
	"\"A.I\": \"a\", \"A.II\": \"b\", \"A.III\": \"c\", \"A.IV\": \"d\","  \
	" \"A.V\": \"e\""

static bc_status st_;

static void status_free(fx *f)
{
	bc_status_free(&st_);
}

static bc_date ymd(int y, int m, int d)
{
	return bc_date_from_ymd(y, m, d);
}

static bc_time at(const char *ts)
{
	bc_time t;
	assert_true(bc_time_parse(ts, 420, &t, NULL));
	return t;
}

/* Imports one submission, which must be accepted. */
static void send(fx *f, const char *unit, const char *period,
		 const char *received_at, const char *forms,
		 const char *report)
{
	static int files;
	size_t n = strlen(forms) + strlen(report) + 512;
	char *text = malloc(n);
	assert_non_null(text);
	test_texts *tx = test_texts_load("submission-samples.txt");
	snprintf(text, n,
		 "{\"unit\": \"%s\", \"period\": \"%s\",\n"
		 "\"signed_by\": {\"name\": \"%s\", \"title\": \"%s\"},\n"
		 "\"received_at\": \"%s\",\n"
		 "\"forms\": {%s},\n"
		 "\"report\": {%s}}\n",
		 unit, period, test_texts_get(tx, "signer_name"),
		 test_texts_get(tx, "signer_title"), received_at, forms, report);
	test_texts_free(tx);
	char name[32];
	snprintf(name, sizeof name, "s%d.json", ++files);
	test_write(f->dir, name, text);
	free(text);
	char *path = test_path(f->dir, name);
	bc_import_opts o = {.tz_offset = 420};
	bc_import_result res;
	bc_err rc = bc_import_file(f->st, f->rb, path, &o, false, &res, &f->d);
	free(path);
	bool dup = res.n && res.items[0].duplicate;
	bc_import_result_free(&res);
	if (rc != BC_OK || dup) {
		test_diags_print(&f->d);
		fail_msg("%s %s at %s: refused", unit, period, received_at);
	}
	bc_diags_free(&f->d);
}

static void commune_sends_all(fx *f, const char *unit, const char *ts)
{
	send(f, unit, "2023-Q1", ts, COMMUNE_FORMS, REPORT);
}

static const bc_status *status(fx *f, const char *period, bc_date as_of)
{
	bc_status_free(&st_);
	f->extra_free = status_free;
	if (bc_status_get(f->st, f->rb, period, as_of, &st_, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("no status for %s", period);
	}
	return &st_;
}

static const bc_unit_status *unit(const bc_status *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->units[i].unit.code, code))
			return &s->units[i];
	return NULL;
}

static const bc_unit_status *expected(const bc_status *s, const char *code)
{
	const bc_unit_status *u = unit(s, code);
	if (!u)
		fail_msg("%s is not expected", code);
	return u;
}

static const bc_part_status *part(const bc_unit_status *u, const char *id)
{
	for (size_t i = 0; i < u->owed.n_parts; i++)
		if (!strcmp(u->parts[i].part, id))
			return &u->parts[i];
	fail_msg("%s does not owe %s", u->unit.code, id);
	return NULL;
}

static void state_is(const bc_status *s, const char *code, bc_state want)
{
	const bc_unit_status *u = expected(s, code);
	if (u->state != want)
		fail_msg("%s is %s, not %s", code, bc_state_name(u->state),
			 bc_state_name(want));
}

/* ---- timeliness ---------------------------------------------------------- */

static void deadline_day_in_vietnam_time(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* 23:30 on the due day in Vietnam; and 17:30Z the same day, which
	 * is 00:30 on 1 March in Vietnam. */
	commune_sends_all(f, "xa-ky-son", "2023-02-28T23:30:00+07:00");
	commune_sends_all(f, "xa-tan-an", "2023-02-28T17:30:00Z");

	const bc_status *s = status(f, "2023-Q1", ymd(2023, 3, 1));
	assert_int_equal(s->period.unit_due, ymd(2023, 2, 28));
	assert_int_equal(s->as_of, ymd(2023, 3, 1));
	const bc_unit_status *u = expected(s, "xa-ky-son");
	assert_int_equal(u->state, BC_STATE_ON_TIME);
	assert_int_equal(u->owed.n_parts, 9);
	for (size_t i = 0; i < u->owed.n_parts; i++) {
		assert_int_equal(u->parts[i].revision, 1);
		assert_true(u->parts[i].on_time);
		assert_true(u->parts[i].first == at("2023-02-28T23:30:00+07:00"));
	}
	u = expected(s, "xa-tan-an");
	assert_int_equal(u->state, BC_STATE_LATE);
	for (size_t i = 0; i < u->owed.n_parts; i++) {
		assert_int_equal(u->parts[i].revision, 1);
		assert_false(u->parts[i].on_time);
		assert_true(u->parts[i].first == at("2023-03-01T00:30:00+07:00"));
	}
	assert_int_equal(s->n, 35);
	assert_int_equal(s->complete, 2);
	assert_int_equal(s->on_time, 1);
	assert_int_equal(s->late, 1);
	assert_int_equal(s->partial, 0);
	assert_int_equal(s->missing, 33);

	/* As of the due day the late one has not arrived yet. */
	s = status(f, "2023-Q1", ymd(2023, 2, 28));
	state_is(s, "xa-ky-son", BC_STATE_ON_TIME);
	state_is(s, "xa-tan-an", BC_STATE_MISSING);
	u = expected(s, "xa-tan-an");
	for (size_t i = 0; i < u->owed.n_parts; i++)
		assert_int_equal(u->parts[i].revision, 0);
	assert_int_equal(s->complete, 1);
	assert_int_equal(s->missing, 34);
	bc_status_free(&st_);
	fx_close(f);
}

static void later_revision_keeps_timeliness(void **state)
{
	fx *f = *state;
	fx_open(f);
	commune_sends_all(f, "xa-ky-son", "2023-02-27T09:00:00+07:00");
	/* bm1 corrected after the deadline. */
	send(f, "xa-ky-son", "2023-Q1", "2023-03-05T09:00:00+07:00",
	     "\"bm1\": {\"vb_chi_dao\": 4}", "");

	const bc_status *s = status(f, "2023-Q1", ymd(2023, 3, 10));
	const bc_unit_status *u = expected(s, "xa-ky-son");
	const bc_part_status *p = part(u, "bm1");
	assert_int_equal(p->revision, 2);
	assert_true(p->on_time);
	assert_true(p->first == at("2023-02-27T09:00:00+07:00"));
	assert_int_equal(part(u, "bm2")->revision, 1);
	assert_int_equal(u->state, BC_STATE_ON_TIME);
	assert_int_equal(s->on_time, 1);

	/* Before the correction, revision 1 was in force. */
	s = status(f, "2023-Q1", ymd(2023, 3, 4));
	assert_int_equal(part(expected(s, "xa-ky-son"), "bm1")->revision, 1);
	bc_status_free(&st_);
	fx_close(f);
}

static void states(void **state)
{
	fx *f = *state;
	fx_open(f);
	commune_sends_all(f, "xa-ky-son", "2023-02-20T09:00:00+07:00");
	commune_sends_all(f, "xa-tan-an", "2023-03-02T09:00:00+07:00");
	/* Two parts of nine. */
	send(f, "xa-nghia-dong", "2023-Q1", "2023-02-21T09:00:00+07:00",
	     "\"bm1\": {\"vb_chi_dao\": 0}, \"bm3\": {\"hs_ky_truoc\": 0}", "");
	/* A department owes the report, pl1a and pl1b. */
	send(f, "tnmt", "2023-Q1", "2023-02-25T09:00:00+07:00",
	     DEPARTMENT_FORMS, REPORT);
	/* Phòng Nội vụ owes bm1, bm4, bm5 and B.4 besides. */
	send(f, "noi-vu", "2023-Q1", "2023-02-25T09:00:00+07:00",
	     DEPARTMENT_FORMS, REPORT);

	const bc_status *s = status(f, "2023-Q1", ymd(2023, 3, 10));
	state_is(s, "xa-ky-son", BC_STATE_ON_TIME);
	state_is(s, "xa-tan-an", BC_STATE_LATE);
	state_is(s, "xa-nghia-dong", BC_STATE_PARTIAL);
	state_is(s, "tnmt", BC_STATE_ON_TIME);
	state_is(s, "noi-vu", BC_STATE_PARTIAL);
	state_is(s, "xa-tien-ky", BC_STATE_MISSING);
	assert_int_equal(expected(s, "tnmt")->owed.n_parts, 3);
	const bc_unit_status *u = expected(s, "noi-vu");
	assert_int_equal(u->owed.n_parts, 6);
	/* Sections A.I-A.V without B.4: the report is not yet received. */
	assert_int_equal(part(u, "report")->revision, 0);
	assert_int_equal(part(u, "bm4")->revision, 0);
	assert_int_equal(part(u, "pl1a")->revision, 1);
	u = expected(s, "xa-nghia-dong");
	assert_int_equal(part(u, "bm1")->revision, 1);
	assert_int_equal(part(u, "bm2")->revision, 0);
	/* Parts in the rules' order. */
	assert_string_equal(u->parts[0].part, "report");
	assert_string_equal(u->parts[1].part, "pl1b");
	assert_string_equal(u->parts[2].part, "bm1");
	assert_string_equal(u->parts[8].part, "bm7");

	assert_int_equal(s->complete, 3);
	assert_int_equal(s->on_time, 2);
	assert_int_equal(s->late, 1);
	assert_int_equal(s->partial, 2);
	assert_int_equal(s->missing, 35 - 5);
	for (bc_state k = BC_STATE_ON_TIME; k <= BC_STATE_MISSING; k++)
		assert_non_null(bc_state_name(k));
	assert_string_equal(bc_state_name(BC_STATE_ON_TIME), "on_time");
	assert_string_equal(bc_state_name(BC_STATE_LATE), "late");
	assert_string_equal(bc_state_name(BC_STATE_PARTIAL), "partial");
	assert_string_equal(bc_state_name(BC_STATE_MISSING), "missing");
	bc_status_free(&st_);
	fx_close(f);
}

static void report_counts_once_complete(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* Every form on time, and a report with A.I only. */
	test_texts *tx = test_texts_load("submission-samples.txt");
	send(f, "xa-ky-son", "2023-Q1", "2023-02-20T09:00:00+07:00",
	     COMMUNE_FORMS, test_texts_get(tx, "report_a1_only"));
	test_texts_free(tx);
	const bc_status *s = status(f, "2023-Q1", ymd(2023, 2, 25));
	const bc_unit_status *u = expected(s, "xa-ky-son");
	assert_int_equal(part(u, "report")->revision, 0);
	assert_int_equal(u->state, BC_STATE_PARTIAL);

	/* Completed after the deadline. */
	send(f, "xa-ky-son", "2023-Q1", "2023-03-02T09:00:00+07:00", "", REPORT);
	s = status(f, "2023-Q1", ymd(2023, 3, 5));
	u = expected(s, "xa-ky-son");
	const bc_part_status *p = part(u, "report");
	assert_int_equal(p->revision, 2);
	assert_true(p->first == at("2023-03-02T09:00:00+07:00"));
	assert_false(p->on_time);
	assert_true(part(u, "bm1")->on_time);
	assert_int_equal(u->state, BC_STATE_LATE);
	bc_status_free(&st_);
	fx_close(f);
}

static void advanced_deadline(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* The rules' H1 deadline is 28 May. */
	send(f, "xa-ky-son", "2023-H1", "2023-05-25T09:00:00+07:00",
	     COMMUNE_FORMS, REPORT);
	send(f, "xa-tan-an", "2023-H1", "2023-05-19T09:00:00+07:00",
	     COMMUNE_FORMS, REPORT);
	const bc_status *s = status(f, "2023-H1", ymd(2023, 6, 1));
	assert_int_equal(s->period.unit_due, ymd(2023, 5, 28));
	state_is(s, "xa-ky-son", BC_STATE_ON_TIME);
	state_is(s, "xa-tan-an", BC_STATE_ON_TIME);

	/* A document moves it to 20 May: what was on time is now late. */
	if (bc_period_advance(f->st, f->rb, "2023-H1", ymd(2023, 5, 20),
			      "123/UBND-NV", &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("the advance is refused");
	}
	s = status(f, "2023-H1", ymd(2023, 6, 1));
	assert_int_equal(s->period.unit_due, ymd(2023, 5, 20));
	state_is(s, "xa-ky-son", BC_STATE_LATE);
	assert_false(part(expected(s, "xa-ky-son"), "bm1")->on_time);
	state_is(s, "xa-tan-an", BC_STATE_ON_TIME);
	assert_int_equal(s->on_time, 1);
	assert_int_equal(s->late, 1);
	bc_status_free(&st_);
	fx_close(f);
}

/* ---- who is listed, and in what order ------------------------------------ */

static void units_in_vietnamese_order(void **state)
{
	fx *f = *state;
	fx_open(f);
	static const char *const want[] = {
		"dan-toc",       "gddt",          "ktht",
		"ldtbxh",        "noi-vu",        "nnptnt",
		"tckh",          "tnmt",          "tu-phap",
		"vhtt",          "yte",           "thanh-tra",
		"tt-tan-ky",     "vp-ubnd",       "xa-dong-van",
		"xa-giai-xuan",  "xa-huong-son",  "xa-ky-son",
		"xa-ky-tan",     "xa-nghia-binh", "xa-nghia-dung",
		"xa-nghia-dong", "xa-nghia-hanh", "xa-nghia-hoan",
		"xa-nghia-hop",  "xa-nghia-phuc", "xa-nghia-thai",
		"xa-phu-son",    "xa-tan-an",     "xa-tan-hop",
		"xa-tan-huong",  "xa-tan-long",   "xa-tan-phu",
		"xa-tan-xuan",   "xa-tien-ky",
	};
	const bc_status *s = status(f, "2023-Q1", ymd(2023, 3, 1));
	assert_int_equal(s->n, sizeof want / sizeof *want);
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->units[i].unit.code, want[i]) != 0)
			fail_msg("unit %zu is %s (%s), not %s", i,
				 s->units[i].unit.code, s->units[i].unit.name,
				 want[i]);
		if (i)
			assert_true(bc_collate(s->units[i - 1].unit.name,
					       s->units[i].unit.name) < 0);
	}
	/* Nothing received: every unit is missing. */
	assert_int_equal(s->missing, 35);
	assert_int_equal(s->complete + s->partial, 0);
	bc_status_free(&st_);
	fx_close(f);
}

static void collecting_units_not_expected(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* A province above the district: it collects too. */
	char *path = test_fixture_path("units-province-above.csv");
	bc_units_import_result r;
	assert_int_equal(bc_units_import(f->st, f->rb, path, &r, &f->d), BC_OK);
	free(path);
	const bc_status *s = status(f, "2023-Q1", ymd(2023, 3, 1));
	assert_int_equal(s->n, 35);
	assert_null(unit(s, "tan-ky"));
	assert_null(unit(s, "nghe-an"));
	assert_non_null(unit(s, "tt-tan-ky"));
	bc_status_free(&st_);
	fx_close(f);
}

static void unknown_period(void **state)
{
	fx *f = *state;
	fx_open(f);
	bc_status s;
	assert_int_equal(bc_status_get(f->st, f->rb, "2023-Q2", ymd(2023, 6, 1),
				       &s, &f->d),
			 BC_ERR_NOT_FOUND);
	bc_status_free(&s);
	assert_int_equal(bc_status_get(f->st, f->rb, "2023Q1", ymd(2023, 6, 1),
				       &s, &f->d),
			 BC_ERR_SYNTAX);
	bc_status_free(&s);
	fx_close(f);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(deadline_day_in_vietnam_time),
		T(later_revision_keeps_timeliness),
		T(states),
		T(report_counts_once_complete),
		T(advanced_deadline),
		T(units_in_vietnamese_order),
		T(collecting_units_not_expected),
		T(unknown_period),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

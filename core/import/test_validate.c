/* SPDX-License-Identifier: MIT */
#include "test_submit.h"

#include "csv_read.h"
#include "json_read.h"
#include "submission.h"
#include "validate.h"

#define JSON_NAME "sub.json"
#define CSV_NAME "sub.csv"

/* Submissions written as JSON with a fixed layout: the envelope on lines
 * 1-5, then the "forms" or "report" object opening on line 6, so that its
 * body starts on line BODY. */
#define BODY 7

/* A Vietnamese text of tests/data/validate-words.txt, by its key (JSON
 * escapes kept as written).  Each call has a buffer of its own among
 * the last 16, so that several can be one call's arguments. */
static const char *word(const char *key)
{
	static char v[16][256];
	static unsigned next;
	char *path = test_path(test_source_root(),
			       "tests/data/validate-words.txt");
	FILE *fp = fopen(path, "r");
	free(path);
	assert_non_null(fp);
	char line[256], *out = v[next++ % 16];
	size_t n = strlen(key);
	out[0] = '\0';
	while (fgets(line, sizeof line, fp))
		if (!strncmp(line, key, n) && !strncmp(line + n, ": ", 2)) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(out, sizeof v[0], "%s", line + n + 2);
			break;
		}
	fclose(fp);
	if (!out[0])
		fail_msg("no word '%s' in tests/data/validate-words.txt", key);
	return out;
}

/* '"k1": "v1",\n"k2": "v2"\n' (the second pair when k2 is not NULL), a
 * body of JSON keys and texts; the buffer is one of the last 4. */
static const char *pair(const char *k1, const char *v1, const char *k2,
			const char *v2)
{
	static char v[4][512];
	static unsigned next;
	char *out = v[next++ % 4];
	snprintf(out, sizeof v[0], "\"%s\": \"%s\"%s%s%s%s%s\n", k1, v1,
		 k2 ? ",\n\"" : "", k2 ? k2 : "", k2 ? "\": \"" : "",
		 k2 ? v2 : "", k2 ? "\"" : "");
	return out;
}

static char *doc(const char *unit, const char *period, const char *at,
		 const char *key, const char *body)
{
	size_t n = strlen(body) + 1024;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n,
		 "{\n"
		 "\"unit\": \"%s\",\n"
		 "\"period\": \"%s\",\n"
		 "\"signed_by\": {\"name\": \"%s\", "
		 "\"title\": \"%s\"},\n"
		 "\"received_at\": \"%s\",\n"
		 "\"%s\": {\n"
		 "%s"
		 "}\n"
		 "}\n",
		 unit, period, word("signer_name"), word("signer_title"), at,
		 key, body);
	return s;
}

typedef struct run {
	bc_submissions subs;
	bc_checked c;
	bc_err rc;
} run;

/* The run a test has open, freed by the fixture if the test fails (so
 * every run lives in static storage, which outlives the failed test's
 * stack frame). */
static run *live;

static void run_free(run *r)
{
	bc_checked_free(&r->c);
	bc_submissions_free(&r->subs);
	if (live == r)
		live = NULL;
}

static void live_free(fx *f)
{
	if (live)
		run_free(live);
}

/* Reads a JSON text (which must read cleanly) into r, unchecked. */
static void read_text(fx *f, const char *text, run *r)
{
	*r = (run){0};
	live = r;
	f->extra_free = live_free;
	bc_err rc = bc_json_read(JSON_NAME, text, strlen(text), &r->subs,
				 &f->d);
	if (rc != BC_OK || f->d.errors) {
		test_diags_print(&f->d);
		fail_msg("the test's JSON does not read");
	}
	assert_int_equal(r->subs.n, 1);
}

static void check_read(fx *f, run *r)
{
	bc_import_opts o = {.tz_offset = 420};
	r->rc = bc_validate(f->st, f->rb, &r->subs.v[0], &o, &r->c, &f->d);
}

/* Validates a JSON text (which must read cleanly). */
static void validate_text(fx *f, const char *text, run *r)
{
	read_text(f, text, r);
	check_read(f, r);
}

static void validate_at(fx *f, const char *unit, const char *period,
			const char *at, const char *key, const char *body,
			run *r)
{
	char *text = doc(unit, period, at, key, body);
	validate_text(f, text, r);
	free(text);
}

static void validate(fx *f, const char *unit, const char *key,
		     const char *body, run *r)
{
	validate_at(f, unit, "2023-Q1", "2023-02-20T09:00:00+07:00", key, body,
		    r);
}

/* Accepted without a single diagnostic. */
static void accepted(fx *f, const char *unit, const char *key,
		     const char *body)
{
	static run r;
	validate(f, unit, key, body, &r);
	if (r.rc != BC_OK || f->d.n) {
		test_diags_print(&f->d);
		fail_msg("%s: refused or warned: %s", unit, body);
	}
	run_free(&r);
}

/* Refused, with a diagnostic at JSON_NAME:line, beginning with where
 * (form.field, or NULL for none) and containing what. */
static void refused(fx *f, const char *unit, const char *key,
		    const char *body, int line, const char *where,
		    const char *what)
{
	static run r;
	validate(f, unit, key, body, &r);
	char at[256];
	snprintf(at, sizeof at, JSON_NAME ":%d: %s%s", line, where ? where : "",
		 where ? ": " : "");
	bool hit = test_diags_at(&f->d, at, what);
	if (!hit || r.rc != BC_ERR_INVALID)
		test_diags_print(&f->d);
	run_free(&r);
	if (!hit)
		fail_msg("no diagnostic '%s…%s'", at, what);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	bc_diags_free(&f->d);
}

static const bc_part *part(const bc_checked *c, const char *id)
{
	for (size_t i = 0; i < c->n_parts; i++)
		if (!strcmp(c->parts[i].part, id))
			return &c->parts[i];
	fail_msg("no part %s", id);
	return NULL;
}

static const bc_val *val(const bc_part *p, const char *field, int row,
			 const char *col)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].field, field) && p->v[i].row == row &&
		    (col ? p->v[i].col && !strcmp(p->v[i].col, col)
			 : !p->v[i].col))
			return &p->v[i];
	fail_msg("no value %s[%d].%s in %s", field, row, col ? col : "-",
		 p->part);
	return NULL;
}

/* True when v holds exactly the number written want. */
static bool num_is(const bc_val *v, const char *want)
{
	char buf[BC_DEC_BUF];
	bc_dec_text(v->num, buf);
	if (!v->has_num || strcmp(buf, want))
		print_error("the value is %s, not %s\n",
			    v->has_num ? buf : "none", want);
	return v->has_num && !strcmp(buf, want);
}

static bool notes_have(const bc_diags *d, const char *what)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity == BC_WARNING && strstr(d->v[i].msg, what))
			return true;
	return false;
}

/* ---- a good submission --------------------------------------------------- */

static void good_submission(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	validate(f, "xa-ky-son", "forms",
		 "\"bm3\": {\"hs_ky_truoc\": 10, \"hs_truc_tuyen\": 60,\n"
		 " \"hs_truc_tiep\": 50, \"hs_tiep_nhan\": 120,\n"
		 " \"hs_truoc_han\": 40, \"hs_dung_han\": 68, \"hs_qua_han\": 2,\n"
		 " \"hs_da_giai_quyet\": 110, \"hs_dang_trong_han\": 10,\n"
		 " \"hs_dang_qua_han\": 0, \"hs_dang_giai_quyet\": 10},\n"
		 "\"bm2\": {\"vb_ra_soat\": 0},\n"
		 "\"pl1b\": {\"van_ban\": []}\n",
		 &r);
	if (r.rc != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("refused");
	}
	assert_int_equal(f->d.n, 0);
	const bc_checked *c = &r.c;
	assert_string_equal(c->unit.code, "xa-ky-son");
	assert_string_equal(c->level, "xa");
	assert_string_equal(c->period.code, "2023-Q1");
	assert_string_equal(c->signer_name, word("signer_name"));
	assert_string_equal(c->signer_title, word("signer_title"));
	/* No channel named: a file. */
	assert_string_equal(c->channel, "file");
	bc_time t;
	assert_true(bc_time_parse("2023-02-20T09:00:00+07:00", 420, &t, NULL));
	assert_true(c->received_at == t);
	assert_false(c->late);
	assert_false(c->estimated);
	/* A commune owes the report, pl1b and bm1-bm7. */
	assert_int_equal(c->owed.n_parts, 9);
	assert_true(bc_owed_part(&c->owed, "report"));
	assert_true(bc_owed_part(&c->owed, "bm7"));
	assert_false(bc_owed_part(&c->owed, "pl1a"));

	assert_int_equal(c->n_parts, 3);
	const bc_part *p = part(c, "bm3");
	assert_int_equal(p->n, 11);
	const bc_val *v = val(p, "hs_tiep_nhan", 0, NULL);
	assert_true(num_is(v, "120"));
	assert_int_equal(v->line, BODY + 1);
	/* A form whose one value is 0 is received: 0 is a value. */
	p = part(c, "bm2");
	assert_int_equal(p->n, 1);
	assert_true(p->complete);
	/* An empty table is reported, with no rows. */
	p = part(c, "pl1b");
	v = val(p, "van_ban", 0, NULL);
	assert_true(num_is(v, "0"));
	run_free(&r);
	fx_close(f);
}

/* ---- what is rejected ---------------------------------------------------- */

static void unknown_unit(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-khong-co", "forms", "\"bm3\": {\"hs_tiep_nhan\": 1}\n",
		2, NULL, "unknown unit 'xa-khong-co'");
	fx_close(f);
}

static void malformed_period(void **state)
{
	fx *f = *state;
	fx_open(f);
	const char *bad[] = {"2023Q1", "23-Q1", "2023-q1x", "2023-Q1 ",
			     "2023-Q1x"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		run r;
		char *text = doc("xa-ky-son", bad[i], "2023-02-20", "forms",
				 "\"bm3\": {\"hs_tiep_nhan\": 1}\n");
		validate_text(f, text, &r);
		free(text);
		if (r.rc != BC_ERR_INVALID ||
		    !test_diags_have(&f->d, JSON_NAME ":3: ")) {
			test_diags_print(&f->d);
			fail_msg("period '%s' not refused at line 3", bad[i]);
		}
		run_free(&r);
		bc_diags_free(&f->d);
	}
	static run r;
	char *text = doc("xa-ky-son", "2023Q1", "2023-02-20", "forms", "");
	validate_text(f, text, &r);
	free(text);
	assert_true(test_diags_have(&f->d, JSON_NAME ":3: '2023Q1' is not a "
					   "period code"));
	run_free(&r);
	bc_diags_free(&f->d);
	/* No period at all. */
	text = doc("xa-ky-son", "", "2023-02-20", "forms", "");
	validate_text(f, text, &r);
	free(text);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, "no period"));
	run_free(&r);
	fx_close(f);
}

static void unknown_period(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	char *text = doc("xa-ky-son", "2023-Q2", "2023-05-20", "forms",
			 "\"bm3\": {\"hs_tiep_nhan\": 1}\n");
	validate_text(f, text, &r);
	free(text);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	if (!test_diags_have(&f->d, JSON_NAME ":3: 2023-Q2: no ruleset in "
					"force then has a period type Q2")) {
		test_diags_print(&f->d);
		fail_msg("no diagnostic for 2023-Q2");
	}
	run_free(&r);
	bc_diags_free(&f->d);
	/* An ad-hoc period never created. */
	text = doc("xa-ky-son", "2023-DX1", "2023-05-20", "forms", "");
	validate_text(f, text, &r);
	free(text);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, JSON_NAME ":3: 2023-DX1: no such "
					   "ad-hoc period"));
	run_free(&r);
	fx_close(f);
}

static void undefined_form(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-ky-son", "forms",
		"\"bm3\": {\"hs_tiep_nhan\": 1},\n"
		"\"bm9\": {\"x\": 1, \"y\": 2}\n",
		BODY + 1, "bm9", "no such form in cchc-1131");
	/* Said once, not once per value. */
	static run r;
	validate(f, "xa-ky-son", "forms", "\"bm9\": {\"x\": 1, \"y\": 2}\n",
		 &r);
	assert_int_equal(f->d.errors, 1);
	run_free(&r);
	fx_close(f);
}

static void undefined_field(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-ky-son", "forms",
		"\"bm3\": {\"hs_tiep_nhan\": 1,\n"
		"\"hs_khong_co\": 1}\n",
		BODY + 1, "bm3.hs_khong_co", "the form has no such field");
	/* A table's unknown column. */
	refused(f, "xa-ky-son", "forms",
		"\"pl1b\": {\"van_ban\": [{\"so_ky_hieu\": \"1/KH\",\n"
		"\"ngay\": \"2023-01-10\", \"loai\": \"khac\",\n"
		"\"trich_yeu\": \"x\", \"so_trang\": 3}]}\n",
		BODY + 2, "pl1b.van_ban", "no column 'so_trang'");
	fx_close(f);
}

static void field_of_the_other_level(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* A district figure from a commune. */
	refused(f, "xa-ky-son", "forms",
		"\"bm2\": {\"vb_kiem_tra\": 1, \"xa_dat_chuan_tcpl\": 3}\n",
		BODY, "bm2.xa_dat_chuan_tcpl", "asked only of level huyen");
	accepted(f, "tu-phap", "forms", "\"bm2\": {\"xa_dat_chuan_tcpl\": 3}\n");
	/* A commune figure from Phòng Nội vụ, which owes bm4. */
	refused(f, "noi-vu", "forms", "\"bm4\": {\"thon_khoi\": 5}\n", BODY,
		"bm4.thon_khoi", "asked only of level xa");
	accepted(f, "xa-ky-son", "forms", "\"bm4\": {\"thon_khoi\": 5}\n");
	/* A town is of level xa too. */
	accepted(f, "tt-tan-ky", "forms", "\"bm4\": {\"thon_khoi\": 12}\n");
	fx_close(f);
}

static void form_not_owed(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* bm3 is Văn phòng's among the departments. */
	refused(f, "tnmt", "forms", "\"bm3\": {\"hs_tiep_nhan\": 1}\n", BODY,
		"bm3", "unit 'tnmt' does not owe this form for 2023-Q1");
	accepted(f, "vp-ubnd", "forms", "\"bm3\": {\"hs_tiep_nhan\": 1}\n");
	/* pl1a is the departments'. */
	refused(f, "xa-ky-son", "forms", "\"pl1a\": {\"nhiem_vu\": []}\n", BODY,
		"pl1a", "does not owe this form");
	/* An empty form is still a form sent. */
	refused(f, "tnmt", "forms", "\"bm3\": {}\n", BODY, "bm3",
		"does not owe this form");
	/* A unit that only collects owes nothing at all. */
	refused(f, "tan-ky", "forms", "\"bm3\": {}\n", 2, NULL,
		"unit 'tan-ky' owes nothing for 2023-Q1");
	fx_close(f);
}

static void text_in_a_number(void **state)
{
	fx *f = *state;
	fx_open(f);
	const char *bad[] = {"\"abc\"", "\"1 204\"", "\"1,5\"", "\"12a\"",
			     "\"1.\"",  "\".5\"",    "true",  "\"0x10\""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char body[128];
		snprintf(body, sizeof body, "\"bm3\": {\"hs_tiep_nhan\": %s}\n",
			 bad[i]);
		refused(f, "xa-ky-son", "forms", body, BODY, "bm3.hs_tiep_nhan",
			"is not a number");
	}
	/* A numeric string is a number. */
	accepted(f, "xa-ky-son", "forms", "\"bm3\": {\"hs_tiep_nhan\": \"120\"}\n");
	fx_close(f);
}

/* docs/formats.md: "An empty or absent field means not reported". */
static void empty_is_not_reported(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	validate(f, "xa-ky-son", "forms",
		 "\"bm3\": {\"hs_tiep_nhan\": null, \"hs_qua_han\": \"\",\n"
		 "\"hs_ky_truoc\": 0}\n",
		 &r);
	if (r.rc != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("an empty value is refused");
	}
	const bc_part *p = part(&r.c, "bm3");
	/* 0 is a value; null and "" are not. */
	assert_int_equal(p->n, 1);
	assert_string_equal(p->v[0].field, "hs_ky_truoc");
	run_free(&r);
	fx_close(f);
}

static void fraction_in_a_count(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-ky-son", "forms", "\"bm3\": {\"hs_tiep_nhan\": 2.5}\n",
		BODY, "bm3.hs_tiep_nhan", "2.5: a count is a whole number");
	refused(f, "xa-ky-son", "forms", "\"bm3\": {\"hs_tiep_nhan\": \"7.01\"}\n",
		BODY, "bm3.hs_tiep_nhan", "a count is a whole number");
	/* 3.0 is integral. */
	static run r;
	validate(f, "xa-ky-son", "forms",
		 "\"bm3\": {\"hs_tiep_nhan\": 3.0, \"hs_ky_truoc\": \"4.00\"}\n",
		 &r);
	assert_int_equal(r.rc, BC_OK);
	assert_true(num_is(val(part(&r.c, "bm3"), "hs_tiep_nhan", 0, NULL), "3"));
	assert_true(num_is(val(part(&r.c, "bm3"), "hs_ky_truoc", 0, NULL), "4"));
	run_free(&r);
	fx_close(f);
}

static void negative_count(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-ky-son", "forms", "\"bm3\": {\"hs_tiep_nhan\": -3}\n",
		BODY, "bm3.hs_tiep_nhan", "-3: cannot be negative");
	refused(f, "xa-ky-son", "forms", "\"bm1\": {\"kinh_phi_cchc\": \"-0.5\"}\n",
		BODY, "bm1.kinh_phi_cchc", "cannot be negative");
	fx_close(f);
}

/* A percentage outside 0-100: cchc-1131 has no pct field (its
 * percentages are indicators, computed, never submitted), so there is
 * nothing to send one to. */

static void money_decimals(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-ky-son", "forms", "\"bm1\": {\"kinh_phi_cchc\": 12.505}\n",
		BODY, "bm1.kinh_phi_cchc",
		"12.505: money takes at most 2 decimals");
	refused(f, "xa-ky-son", "forms",
		"\"bm1\": {\"kinh_phi_cchc\": \"9642.111\"}\n", BODY,
		"bm1.kinh_phi_cchc", "at most 2 decimals");
	/* Two decimals, written as a number or a string, with a trailing
	 * zero: accepted as they are. */
	const char *good[] = {"12.50", "\"12.50\"", "9642.11", "0.01", "7"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		char body[128];
		snprintf(body, sizeof body, "\"bm1\": {\"kinh_phi_cchc\": %s}\n",
			 good[i]);
		accepted(f, "xa-ky-son", "forms", body);
	}
	static run r;
	validate(f, "xa-ky-son", "forms", "\"bm1\": {\"kinh_phi_cchc\": 12.50}\n",
		 &r);
	assert_true(num_is(val(part(&r.c, "bm1"), "kinh_phi_cchc", 0, NULL),
			   "12.5"));
	run_free(&r);
	fx_close(f);
}

/* Money is kept exactly as written, up to the largest amount, however
 * the number is written; what cannot be kept exactly is refused, never
 * rounded (a double holds 99999999999999.99 as …99.98). */
static void money_kept_exactly(void **state)
{
	fx *f = *state;
	fx_open(f);
	static const char *const good[][2] = {
		{"99999999999999.99", "99999999999999.99"},
		{"\"99999999999999.99\"", "99999999999999.99"},
		{"12345678901234.56", "12345678901234.56"},
		{"\"12345678901234.50\"", "12345678901234.5"},
		{"1000000000000000", "1000000000000000"},
		{"999999999999999.99", "999999999999999.99"},
		{"1.2345e2", "123.45"},
		{"1E+3", "1000"},
		{"0.0", "0"},
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		static run r;
		char body[128];
		snprintf(body, sizeof body, "\"bm1\": {\"kinh_phi_cchc\": %s}\n",
			 good[i][0]);
		validate(f, "xa-ky-son", "forms", body, &r);
		if (r.rc != BC_OK)
			test_diags_print(&f->d);
		assert_int_equal(r.rc, BC_OK);
		assert_true(num_is(val(part(&r.c, "bm1"), "kinh_phi_cchc", 0,
				       NULL),
				   good[i][1]));
		run_free(&r);
	}
	refused(f, "xa-ky-son", "forms",
		"\"bm1\": {\"kinh_phi_cchc\": 1000000000000000.01}\n", BODY,
		"bm1.kinh_phi_cchc", "too large");
	refused(f, "xa-ky-son", "forms",
		"\"bm1\": {\"kinh_phi_cchc\": 99999999999999999.99}\n", BODY,
		"bm1.kinh_phi_cchc", "too large");
	refused(f, "xa-ky-son", "forms",
		"\"bm1\": {\"kinh_phi_cchc\": 1.23456e2}\n", BODY,
		"bm1.kinh_phi_cchc", "at most 2 decimals");
	refused(f, "xa-ky-son", "forms",
		"\"bm1\": {\"kinh_phi_cchc\": 0.0000000000000000000001}\n",
		BODY, "bm1.kinh_phi_cchc", "more digits");
	refused(f, "xa-ky-son", "forms",
		"\"bm1\": {\"kinh_phi_cchc\": \"1e3\"}\n", BODY,
		"bm1.kinh_phi_cchc", "is not a number");
	fx_close(f);
}

/* A count past what a double holds whole (2^53) is refused, never
 * rounded to its neighbour: the largest count is 10^15. */
static void counts_kept_exactly(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-ky-son", "forms",
		"\"bm3\": {\"hs_tiep_nhan\": 9007199254740993}\n", BODY,
		"bm3.hs_tiep_nhan", "9007199254740993: too large");
	refused(f, "xa-ky-son", "forms",
		"\"bm3\": {\"hs_tiep_nhan\": \"1000000000000001\"}\n", BODY,
		"bm3.hs_tiep_nhan", "too large");
	refused(f, "xa-ky-son", "forms",
		"\"bm3\": {\"hs_tiep_nhan\": 1.0000000000000001}\n", BODY,
		"bm3.hs_tiep_nhan", "a count is a whole number");
	static run r;
	validate(f, "xa-ky-son", "forms",
		 "\"bm3\": {\"hs_tiep_nhan\": 1e15}\n", &r);
	assert_int_equal(r.rc, BC_OK);
	assert_true(num_is(val(part(&r.c, "bm3"), "hs_tiep_nhan", 0, NULL),
			   "1000000000000000"));
	run_free(&r);
	fx_close(f);
}

/* Validates body with the value of (form, field[, row, col]) replaced by
 * a number as a spreadsheet cell holds it. */
static void validate_sheet(fx *f, const char *body, const char *field,
			   const char *cell, run *r)
{
	char *text = doc("xa-ky-son", "2023-Q1", "2023-02-20T09:00:00+07:00",
			 "forms", body);
	read_text(f, text, r);
	free(text);
	bc_submission *s = &r->subs.v[0];
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].field, field) || (s->v[i].col &&
						      !strcmp(s->v[i].col, field))) {
			s->v[i].text = (char *)cell;
			s->v[i].kind = BC_RAW_NUM;
			s->v[i].sheet_dates = 1900;
		}
	check_read(f, r);
}

/* A spreadsheet writes a cell's double with up to 17 digits: past the
 * 15 Excel keeps, binary noise, read as the value the field takes when
 * the double tells it apart; digits written as the field takes them are
 * kept as they are. */
static void spreadsheet_numbers(void **state)
{
	fx *f = *state;
	fx_open(f);
	static const char *const money[][2] = {
		{"12.339999999999998", "12.34"},
		{"12345678901234.56", "12345678901234.56"},
		{"99999999999999.99", "99999999999999.99"},
		{"1500.5", "1500.5"},
		{"1.5E-2", "0.015"},
	};
	static run r;
	for (size_t i = 0; i < sizeof money / sizeof *money; i++) {
		validate_sheet(f, "\"bm1\": {\"kinh_phi_cchc\": 0}\n",
			       "kinh_phi_cchc", money[i][0], &r);
		if (i == 4) { /* three decimals, as written: refused */
			assert_int_equal(r.rc, BC_ERR_INVALID);
			bc_diags_free(&f->d);
			run_free(&r);
			continue;
		}
		if (r.rc != BC_OK)
			test_diags_print(&f->d);
		assert_int_equal(r.rc, BC_OK);
		assert_true(num_is(val(part(&r.c, "bm1"), "kinh_phi_cchc", 0,
				       NULL),
				   money[i][1]));
		run_free(&r);
	}
	/* The double of …99.98 and …99.99 alike: which was meant, no one
	 * can tell. */
	validate_sheet(f, "\"bm1\": {\"kinh_phi_cchc\": 0}\n",
		       "kinh_phi_cchc", "99999999999999.984", &r);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, "more digits than a spreadsheet "
					   "keeps (15)"));
	bc_diags_free(&f->d);
	run_free(&r);
	validate_sheet(f, "\"bm3\": {\"hs_tiep_nhan\": 0}\n", "hs_tiep_nhan",
		       "3.0000000000000004", &r);
	assert_int_equal(r.rc, BC_OK);
	assert_true(num_is(val(part(&r.c, "bm3"), "hs_tiep_nhan", 0, NULL), "3"));
	run_free(&r);
	/* Text typed as a number reads as Excel shows it. */
	validate_sheet(f,
		       "\"pl1b\": {\"van_ban\": [{\"so_ky_hieu\": \"12/KH-UBND\","
		       " \"ngay\": \"2023-01-10\", \"loai\": \"ke_hoach\","
		       " \"trich_yeu\": \"x\"}]}\n",
		       "trich_yeu", "0.30000000000000004", &r);
	assert_int_equal(r.rc, BC_OK);
	assert_string_equal(val(part(&r.c, "pl1b"), "van_ban", 1, "trich_yeu")->text,
			    "0.3");
	run_free(&r);
	fx_close(f);
}

/* One row of pl1b, with one column replaced. */
static char *van_ban(const char *so, const char *ngay, const char *loai)
{
	size_t n = strlen(so) + 512;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n,
		 "\"pl1b\": {\"van_ban\": [\n"                     /* BODY */
		 "{\"so_ky_hieu\": \"%s\",\n"                      /* +1 */
		 " \"ngay\": \"%s\",\n"                            /* +2 */
		 " \"loai\": \"%s\",\n"                            /* +3 */
		 " \"trich_yeu\": \"%s\"}]}\n",                   /* +4 */
		 so, ngay, loai, word("trich_yeu"));
	return s;
}

static void refused_row(fx *f, const char *so, const char *ngay,
			const char *loai, int line, const char *what)
{
	char *body = van_ban(so, ngay, loai);
	refused(f, "xa-ky-son", "forms", body, line, "pl1b.van_ban", what);
	free(body);
}

static void accepted_row(fx *f, const char *so, const char *ngay,
			 const char *loai)
{
	char *body = van_ban(so, ngay, loai);
	accepted(f, "xa-ky-son", "forms", body);
	free(body);
}

static void malformed_date_in_a_table(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused_row(f, "12/KH-UBND", "2023-02-30", "ke_hoach", BODY + 2,
		    "row 1, ngay: '2023-02-30' is not a date");
	refused_row(f, "12/KH-UBND", "10/01/2023", "ke_hoach", BODY + 2,
		    "row 1, ngay: '10/01/2023' is not a date");
	accepted_row(f, "12/KH-UBND", "2023-01-10", "ke_hoach");
	fx_close(f);
}

/* pl1b's column loai, as the shipped rules give it. */
static const bc_field *loai(fx *f)
{
	const bc_form *pl1b = bc_rulebook_item(f->rb, BC_REG_FORM, "pl1b");
	assert_non_null(pl1b);
	const bc_field *t = &pl1b->fields[bc_field_index(
		pl1b->fields, pl1b->n_fields, "van_ban")];
	return &t->columns[bc_field_index(t->columns, t->n_columns, "loai")];
}

static void enum_outside_its_list(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* The refusal lists what a person may type: the labels. */
	const bc_field *c = loai(f);
	char what[512];
	size_t o = (size_t)snprintf(what, sizeof what, "row 1, loai: "
				    "'thong_bao' is not one of: ");
	for (size_t i = 0; i < c->n_values; i++)
		o += (size_t)snprintf(what + o, sizeof what - o, "%s%s",
				      i ? "; " : "", c->value_labels[i]);
	refused_row(f, "12/KH-UBND", "2023-01-10", "thong_bao", BODY + 3, what);
	/* Ids are exact: only labels are read as a person types them. */
	refused_row(f, "12/KH-UBND", "2023-01-10", "Ke_hoach", BODY + 3,
		    "is not one of");
	fx_close(f);
}

/* A label typed in place of the id, in NFC or NFD, in any letter case
 * (tests/data/labels-typed.txt), is taken and kept as the id. */
static void labels_stand_for_ids(void **state)
{
	static const char *const ways[] = {"as_written", "nfd_small",
					   "capitals", "nfd_capitals"};
	fx *f = *state;
	fx_open(f);
	test_texts *tx = test_texts_load("labels-typed.txt");
	for (size_t w = 0; w < sizeof ways / sizeof *ways; w++) {
		static run r;
		char *body = van_ban("12/KH-UBND", "2023-01-10",
				     test_texts_get(tx, ways[w]));
		validate(f, "xa-ky-son", "forms", body, &r);
		free(body);
		if (r.rc != BC_OK)
			test_diags_print(&f->d);
		assert_int_equal(r.rc, BC_OK);
		const char *kept = NULL;
		for (size_t i = 0; i < r.c.parts[0].n; i++)
			if (r.c.parts[0].v[i].col &&
			    !strcmp(r.c.parts[0].v[i].col, "loai"))
				kept = r.c.parts[0].v[i].text;
		assert_non_null(kept);
		assert_string_equal(kept, "ke_hoach");
		run_free(&r);
		bc_diags_free(&f->d);
	}
	test_texts_free(tx);
	fx_close(f);
}

/* One bad value is one problem: a date that does not parse is not
 * also "required". */
static void one_problem_one_diagnostic(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	char *body = van_ban("12/KH-UBND", "2023-02-30", "ke_hoach");
	validate(f, "xa-ky-son", "forms", body, &r);
	free(body);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	if (f->d.n != 1)
		test_diags_print(&f->d);
	size_t n = f->d.n;
	run_free(&r);
	fx_close(f);
	assert_int_equal(n, 1);
}

static void failed_cross_field_checks(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* The spec's example, a field's own check. */
	refused(f, "xa-ky-son", "forms",
		"\"bm3\": {\"hs_truoc_han\": 1180, \"hs_dung_han\": 31,\n"
		"\"hs_qua_han\": 0,\n"
		"\"hs_da_giai_quyet\": 1204}\n",
		BODY + 2, "bm3.hs_da_giai_quyet",
		"= 1 204, but [10] + [11] + [12] = 1 211 (1 180 + 31 + 0)");
	/* ≤ */
	refused(f, "xa-ky-son", "forms",
		"\"bm1\": {\"nv_ke_hoach\": 10,\n\"nv_hoan_thanh\": 12}\n",
		BODY + 1, "bm1.nv_hoan_thanh",
		"= 12, but must be \u2264 [2] = 10");
	/* A whole condition written on a field. */
	refused(f, "vp-ubnd", "forms",
		"\"bm3\": {\"tthc_tong\": 100, \"dvc_toan_trinh\": 60,\n"
		"\"dvc_mot_phan\": 50}\n",
		BODY + 1, "bm3.dvc_mot_phan",
		"[4] + [5] = 110 (60 + 50), but must be \u2264 [1] = 100");
	/* A form-level check, named by its left side. */
	refused(f, "xa-ky-son", "forms",
		"\"bm3\": {\"hs_tiep_nhan\": 10,\n"
		"\"hs_da_giai_quyet\": 8, \"hs_dang_giai_quyet\": 4}\n",
		BODY, "bm3.hs_tiep_nhan",
		"= 10, but [13] + [16] = 12 (8 + 4)");
	/* Not evaluated while a field it needs is not reported. */
	accepted(f, "xa-ky-son", "forms",
		 "\"bm3\": {\"hs_da_giai_quyet\": 1204, \"hs_truoc_han\": 1180}\n");
	accepted(f, "xa-ky-son", "forms",
		 "\"bm1\": {\"nv_ke_hoach\": 10, \"nv_hoan_thanh\": 10}\n");
	fx_close(f);
}

static void missing_signer(void **state)
{
	fx *f = *state;
	fx_open(f);
	char texts[3][256];
	snprintf(texts[0], sizeof texts[0], "%s",
		 "{\n\"unit\": \"xa-ky-son\", \"period\": \"2023-Q1\",\n"
		 "\"forms\": {\"bm2\": {}}}\n");
	snprintf(texts[1], sizeof texts[1],
		 "{\n\"unit\": \"xa-ky-son\", \"period\": \"2023-Q1\",\n"
		 "\"signed_by\": {\"name\": \"%s\"},\n"
		 "\"forms\": {\"bm2\": {}}}\n",
		 word("signer_name"));
	snprintf(texts[2], sizeof texts[2],
		 "{\n\"unit\": \"xa-ky-son\", \"period\": \"2023-Q1\",\n"
		 "\"signed_by\": {\"name\": \"  \", \"title\": \"%s\"},\n"
		 "\"forms\": {\"bm2\": {}}}\n",
		 word("signer_title"));
	const int lines[] = {1, 3, 3};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		run r;
		validate_text(f, texts[i], &r);
		char where[64];
		snprintf(where, sizeof where, JSON_NAME ":%d: no signer",
			 lines[i]);
		if (r.rc != BC_ERR_INVALID || !test_diags_have(&f->d, where)) {
			test_diags_print(&f->d);
			fail_msg("signer %zu: no '%s'", i, where);
		}
		run_free(&r);
		bc_diags_free(&f->d);
	}
	fx_close(f);
}

static void section_not_in_the_outline(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-ky-son", "report",
		pair("A.I", word("section_a1"), "A.IX", word("section_a9")),
		BODY + 1,
		"report.A.IX", "no such section in the outline of cchc-1131");
	refused(f, "xa-ky-son", "report", "\"D\": \"x\"\n", BODY, "report.D",
		"no such section");
	refused(f, "xa-ky-son", "report", "\"A.VI\": \"x\"\n", BODY,
		"report.A.VI", "no such section");
	fx_close(f);
}

static void another_units_section(void **state)
{
	fx *f = *state;
	fx_open(f);
	/* A commune writes part A only. */
	refused(f, "xa-ky-son", "report", "\"A.I\": \"x\",\n\"B.1\": \"y\"\n",
		BODY + 1, "report.B.1", "another unit's section");
	/* B.1 is Văn phòng's, B.4 Nội vụ's. */
	accepted(f, "vp-ubnd", "report", pair("B.1", word("section_b1"), NULL,
					      NULL));
	refused(f, "noi-vu", "report", "\"B.1\": \"x\"\n", BODY, "report.B.1",
		"another unit's section");
	accepted(f, "noi-vu", "report", "\"B.4\": \"x\", \"B\": \"y\"\n");
	/* A sub-section of a section owed. */
	accepted(f, "xa-ky-son", "report", "\"A.II.2.1\": \"x\"\n");
	fx_close(f);
}

/* One task of pl1a. */
static char *task(const char *trang_thai, const char *ngay_hoan_thanh)
{
	char *s = malloc(512);
	assert_non_null(s);
	snprintf(s, 512,
		 "\"pl1a\": {\"nhiem_vu\": [\n"                        /* BODY */
		 "{\"noi_dung\": \"%s\", \"linh_vuc\": \"tthc\",\n"    /* +1 */
		 " \"thoi_han\": \"2023-01-31\",\n"                    /* +2 */
		 " \"trang_thai\": \"%s\"%s%s%s}]}\n",                 /* +3 */
		 word("noi_dung"), trang_thai,
		 ngay_hoan_thanh ? ",\n \"ngay_hoan_thanh\": \"" : "",
		 ngay_hoan_thanh ? ngay_hoan_thanh : "",
		 ngay_hoan_thanh ? "\"" : "");
	return s;
}

static void task_contradiction(void **state)
{
	fx *f = *state;
	fx_open(f);
	char *body = task("ht_dung_han", "2023-02-15");
	refused(f, "tnmt", "forms", body, BODY + 1, "pl1a.nhiem_vu",
		"row 1: (6) = 2023-02-15, but must be \u2264 (4) = "
		"2023-01-31");
	free(body);
	/* Late, and finished after the deadline: consistent. */
	body = task("ht_qua_han", "2023-02-15");
	accepted(f, "tnmt", "forms", body);
	free(body);
	/* Late, yet finished before the deadline. */
	body = task("ht_qua_han", "2023-01-15");
	refused(f, "tnmt", "forms", body, BODY + 1, "pl1a.nhiem_vu",
		"row 1: (6) = 2023-01-15, but must be > (4) = 2023-01-31");
	free(body);
	body = task("ht_dung_han", "2023-01-31");
	accepted(f, "tnmt", "forms", body);
	free(body);
	fx_close(f);
}

static void task_required_when(void **state)
{
	fx *f = *state;
	fx_open(f);
	char *body = task("ht_qua_han", NULL);
	refused(f, "tnmt", "forms", body, BODY + 1, "pl1a.nhiem_vu",
		"row 1, ngay_hoan_thanh: required");
	free(body);
	/* Not yet finished: no date needed. */
	body = task("dang_th", NULL);
	accepted(f, "tnmt", "forms", body);
	free(body);
	fx_close(f);
}

static void document_number_pattern(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused_row(f, "abc", "2023-01-10", "ke_hoach", BODY + 1,
		    "row 1, so_ky_hieu: 'abc' does not look like 12/KH-UBND");
	const char *bad[] = {"12", "/KH", "12/", "12/KH-"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		refused_row(f, bad[i], "2023-01-10", "ke_hoach", BODY + 1,
			    "does not look like 12/KH-UBND");
	const char *good[] = {word("so_1"), "12/KH-UBND", "123/UBND-NV",
			      word("so_2"), word("so_3")};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		accepted_row(f, good[i], "2023-01-10", "quyet_dinh");
	/* Matched up to 1024 bytes (the pattern's cost was once counted
	 * as if each range of a set were a quantifier: a number of 25
	 * bytes failed the rules, exit 3); longer is no document
	 * number. */
	char so[1026];
	memset(so, 'A', sizeof so - 1);
	memcpy(so, "1/", 2);
	so[1024] = '\0';
	accepted_row(f, so, "2023-01-10", "quyet_dinh");
	/* (The message quotes the text whole, and is cut short.) */
	so[0] = '(';
	refused_row(f, so, "2023-01-10", "quyet_dinh", BODY + 1,
		    "row 1, so_ky_hieu: '(/AAA");
	so[0] = '1';
	so[1024] = 'A';
	so[1025] = '\0';
	refused_row(f, so, "2023-01-10", "quyet_dinh", BODY + 1,
		    "row 1, so_ky_hieu: '1/AAA");
	fx_close(f);
}

/* The first submission of a CSV text (which must read cleanly), after
 * a header and xa-ky-son's signer on lines 1-3, is refused, with both
 * diagnostics a and b among its problems. */
static void csv_refused_with(fx *f, const char *values, const char *a,
			     const char *b)
{
	char csv[2048];
	snprintf(csv, sizeof csv,
		 "unit,period,form,field,value\n"
		 "xa-ky-son,2023-Q1,_meta,signer_name,%s\n"
		 "xa-ky-son,2023-Q1,_meta,signer_title,%s\n%s",
		 word("signer_name"), word("signer_title"), values);
	bc_submissions subs = {0};
	assert_int_equal(bc_csv_read_submissions(CSV_NAME, csv, strlen(csv),
						 &subs, &f->d),
			 BC_OK);
	bc_checked c;
	bc_import_opts o = {.tz_offset = 420};
	bc_err rc = bc_validate(f->st, f->rb, &subs.v[0], &o, &c, &f->d);
	bool has_a = test_diags_have(&f->d, a);
	bool has_b = test_diags_have(&f->d, b);
	if (!has_a || !has_b)
		test_diags_print(&f->d);
	bc_checked_free(&c);
	bc_submissions_free(&subs);
	fx_close(f);
	assert_int_equal(rc, BC_ERR_INVALID);
	assert_true(has_a);
	assert_true(has_b);
}

static void value_twice_in_csv(void **state)
{
	fx *f = *state;
	fx_open(f);
	csv_refused_with(f,
			 "xa-ky-son,2023-Q1,bm3,hs_tiep_nhan,120\n"
			 "xa-ky-son,2023-Q1,pl1b,van_ban[1].loai,khac\n"
			 "xa-ky-son,2023-Q1,bm3,hs_tiep_nhan,121\n"
			 "xa-ky-son,2023-Q1,pl1b,van_ban[1].loai,khac\n",
			 CSV_NAME ":6: bm3.hs_tiep_nhan: given twice (first on "
				  "line 4)",
			 CSV_NAME ":7: pl1b.van_ban: row 1, loai: given twice "
				  "(first on line 5)");
}

/* Rows missing before a row present are each said at the line of the
 * next row present, a run of them too: no problem without its line. */
static void missing_rows_at_the_next(void **state)
{
	fx *f = *state;
	fx_open(f);
	csv_refused_with(f,
			 "xa-ky-son,2023-Q1,pl1b,van_ban[1].loai,khac\n"
			 "xa-ky-son,2023-Q1,pl1b,van_ban[4].loai,khac\n",
			 CSV_NAME ":5: pl1b.van_ban: rows are numbered 1, 2, 3 "
				  "… and row 2 is missing",
			 CSV_NAME ":5: pl1b.van_ban: rows are numbered 1, 2, 3 "
				  "… and row 3 is missing");
}

static void every_problem_listed(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	validate(f, "xa-ky-son", "forms",
		 "\"bm3\": {\"hs_tiep_nhan\": \"abc\",\n"
		 "\"hs_ky_truoc\": -1}\n",
		 &r);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, JSON_NAME ":7: bm3.hs_tiep_nhan: "
					   "'abc' is not a number"));
	assert_true(test_diags_have(&f->d, JSON_NAME ":8: bm3.hs_ky_truoc: "
					   "-1: cannot be negative"));
	assert_int_equal(f->d.errors, 2);
	assert_int_equal(f->d.n, 2);
	run_free(&r);
	bc_diags_free(&f->d);

	/* Problems of the envelope and of the values together. */
	char *text = doc("xa-ky-son", "2023-Q1", word("not_a_time"), "forms",
			 "\"bm1\": {\"vb_chi_dao\": 1.5},\n"
			 "\"bm9\": {}\n");
	validate_text(f, text, &r);
	free(text);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, JSON_NAME ":5: received_at"));
	assert_true(test_diags_have(&f->d, JSON_NAME ":7: bm1.vb_chi_dao"));
	assert_true(test_diags_have(&f->d, JSON_NAME ":8: bm9"));
	assert_int_equal(f->d.errors, 3);
	run_free(&r);
	fx_close(f);
}

static void unknown_channel(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	validate_text(f,
		      "{\"unit\": \"xa-ky-son\", \"period\": \"2023-Q1\",\n"
		      "\"signed_by\": {\"name\": \"A\", \"title\": \"B\"},\n"
		      "\"channel\": \"fax\",\n"
		      "\"forms\": {\"bm2\": {}}}",
		      &r);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, JSON_NAME ":3: unknown channel "
					   "'fax'"));
	run_free(&r);
	fx_close(f);
}

/* A form with no value in it is no receipt of that form: it is left out
 * with a warning at its line, and the rest of the file is received. */
static void empty_form_is_not_received(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	validate(f, "xa-ky-son", "forms",
		 "\"bm1\": {},\n"
		 "\"bm2\": {\"vb_ra_soat\": null, \"vb_can_xu_ly\": \"\"},\n"
		 "\"bm3\": {\"hs_ky_truoc\": 0}\n",
		 &r);
	if (r.rc != BC_OK)
		test_diags_print(&f->d);
	assert_int_equal(r.rc, BC_OK);
	assert_int_equal(r.c.n_parts, 1);
	assert_string_equal(r.c.parts[0].part, "bm3");
	assert_true(test_diags_have(&f->d, JSON_NAME ":7: bm1: warning: no "
					   "value in this form: it is not "
					   "received"));
	assert_true(test_diags_have(&f->d, JSON_NAME ":8: bm2: warning: no "
					   "value in this form"));
	assert_int_equal(f->d.warnings, 2);
	run_free(&r);
	bc_diags_free(&f->d);
	/* Nothing but empty forms: nothing to import. */
	validate(f, "xa-ky-son", "forms", "\"bm1\": {},\n\"bm2\": {}\n", &r);
	assert_int_equal(r.rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, "nothing to import"));
	assert_int_equal(r.c.n_parts, 0);
	run_free(&r);
	fx_close(f);
}

/* ---- warnings ------------------------------------------------------------ */

static void received_late(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	validate_at(f, "xa-ky-son", "2023-Q1", "2023-03-01T08:00:00+07:00",
		    "forms",
		    "\"bm2\": {\"vb_ra_soat\": 0},\n\"bm1\": {\"vb_chi_dao\": 2}\n",
		    &r);
	if (r.rc != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("a late submission is refused");
	}
	assert_true(r.c.late);
	assert_int_equal(f->d.errors, 0);
	assert_true(test_diags_have(&f->d, "warning: received "
					   "2023-03-01T08:00:00+07:00, after "
					   "the deadline 2023-02-28"));
	assert_true(notes_have(&part(&r.c, "bm1")->notes, "after the deadline"));
	assert_true(notes_have(&part(&r.c, "bm2")->notes, "after the deadline"));
	/* Said once for the file, at its receipt time, not once per form. */
	assert_int_equal(f->d.warnings, 1);
	assert_true(test_diags_have(&f->d, JSON_NAME ":5: warning: received"));
	run_free(&r);
	bc_diags_free(&f->d);

	/* 23:30 on the 28th in Vietnam is on time; 17:30Z is 00:30 on the
	 * 1st there, late. */
	validate_at(f, "xa-ky-son", "2023-Q1", "2023-02-28T23:30:00+07:00",
		    "forms", "\"bm2\": {\"vb_ra_soat\": 0}\n", &r);
	assert_int_equal(r.rc, BC_OK);
	assert_false(r.c.late);
	assert_int_equal(f->d.n, 0);
	run_free(&r);
	validate_at(f, "xa-ky-son", "2023-Q1", "2023-02-28T17:30:00Z", "forms",
		    "\"bm2\": {\"vb_ra_soat\": 0}\n", &r);
	assert_int_equal(r.rc, BC_OK);
	assert_true(r.c.late);
	assert_true(f->d.warnings > 0);
	run_free(&r);
	fx_close(f);
}

static void estimated(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	validate_text(f,
		      "{\"unit\": \"xa-ky-son\", \"period\": \"2023-Q1\",\n"
		      "\"signed_by\": {\"name\": \"A\", \"title\": \"B\"},\n"
		      "\"received_at\": \"2023-02-20\",\n"
		      "\"estimated\": true,\n"
		      "\"forms\": {\"bm1\": {\"vb_chi_dao\": 2},"
		      " \"bm2\": {\"vb_ra_soat\": 0}}}",
		      &r);
	assert_int_equal(r.rc, BC_OK);
	assert_true(r.c.estimated);
	assert_int_equal(f->d.errors, 0);
	assert_true(test_diags_have(&f->d, "warning: figures flagged as "
					   "estimates"));
	assert_true(notes_have(&part(&r.c, "bm1")->notes, "estimates"));
	assert_true(notes_have(&part(&r.c, "bm2")->notes, "estimates"));
	/* Said once, where the file says so. */
	assert_int_equal(f->d.warnings, 1);
	assert_true(test_diags_have(&f->d, JSON_NAME ":4: warning: figures "
					   "flagged as estimates"));
	run_free(&r);
	fx_close(f);
}

static void document_outside_the_window(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	/* The Q1 window is 2022-12-10 to 2023-03-10. */
	char *body = van_ban("12/KH-UBND", "2022-11-01", "ke_hoach");
	validate(f, "xa-ky-son", "forms", body, &r);
	free(body);
	assert_int_equal(r.rc, BC_OK);
	assert_int_equal(f->d.errors, 0);
	if (!test_diags_at(&f->d, JSON_NAME ":9: pl1b.van_ban: warning: ",
			"row 1, ngay: 2022-11-01 is outside the period's "
			"data window")) {
		test_diags_print(&f->d);
		fail_msg("no warning");
	}
	assert_true(notes_have(&part(&r.c, "pl1b")->notes, "outside"));
	run_free(&r);
	bc_diags_free(&f->d);
	/* The window's own days are inside it. */
	accepted_row(f, "12/KH-UBND", "2022-12-10", "ke_hoach");
	accepted_row(f, "12/KH-UBND", "2023-03-10", "ke_hoach");
	fx_close(f);
}

static void expectation_not_met(void **state)
{
	fx *f = *state;
	fx_open(f);
	static run r;
	validate(f, "xa-ky-son", "forms",
		 "\"bm4\": {\"bien_che_giao\": 10,\n\"bien_che_co_mat\": 12}\n",
		 &r);
	assert_int_equal(r.rc, BC_OK);
	assert_int_equal(f->d.errors, 0);
	if (!test_diags_have(&f->d, JSON_NAME ":8: bm4.bien_che_co_mat: "
					"warning: = 12, but must be "
					"\u2264 [2] = 10")) {
		test_diags_print(&f->d);
		fail_msg("no warning");
	}
	assert_true(notes_have(&part(&r.c, "bm4")->notes, "= 12, but must be"));
	assert_int_equal(r.c.warnings.n, 0);
	run_free(&r);
	fx_close(f);
}

/* ---- the report ---------------------------------------------------------- */

static bool report_complete(fx *f, const char *unit, const char *body)
{
	static run r;
	validate(f, unit, "report", body, &r);
	if (r.rc != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("report refused: %s", body);
	}
	const bc_part *p = part(&r.c, "report");
	bool complete = p->complete;
	/* The report goes last. */
	assert_ptr_equal(p, &r.c.parts[r.c.n_parts - 1]);
	run_free(&r);
	bc_diags_free(&f->d);
	return complete;
}

static void report_completeness(void **state)
{
	fx *f = *state;
	fx_open(f);
	assert_true(report_complete(f, "xa-ky-son",
				    "\"A.I\": \"a\", \"A.II\": \"b\", "
				    "\"A.III\": \"c\", \"A.IV\": \"d\", "
				    "\"A.V\": \"e\"\n"));
	/* Sub-sections count for their parent. */
	assert_true(report_complete(f, "xa-ky-son",
				    "\"A.I.1\": \"a\", \"A.II.2.1\": \"b\", "
				    "\"A.III.1\": \"c\", \"A.IV\": \"d\", "
				    "\"A.V\": \"e\"\n"));
	/* A.V missing, empty, or null. */
	assert_false(report_complete(f, "xa-ky-son",
				     "\"A.I\": \"a\", \"A.II\": \"b\", "
				     "\"A.III\": \"c\", \"A.IV\": \"d\"\n"));
	assert_false(report_complete(f, "xa-ky-son",
				     "\"A.I\": \"a\", \"A.II\": \"b\", "
				     "\"A.III\": \"c\", \"A.IV\": \"d\", "
				     "\"A.V\": \"\"\n"));
	assert_false(report_complete(f, "xa-ky-son",
				     "\"A.I\": \"a\", \"A.II\": \"b\", "
				     "\"A.III\": \"c\", \"A.IV\": \"d\", "
				     "\"A.V\": null\n"));
	/* Text at the top does not stand for the sections below it. */
	assert_false(report_complete(f, "xa-ky-son",
				     pair("A", word("section_a"), NULL, NULL)));
	/* Phòng Nội vụ owes B.4 as well. */
	assert_false(report_complete(f, "noi-vu",
				     "\"A.I\": \"a\", \"A.II\": \"b\", "
				     "\"A.III\": \"c\", \"A.IV\": \"d\", "
				     "\"A.V\": \"e\"\n"));
	assert_true(report_complete(f, "noi-vu",
				    "\"A.I\": \"a\", \"A.II\": \"b\", "
				    "\"A.III\": \"c\", \"A.IV\": \"d\", "
				    "\"A.V\": \"e\", \"B.4\": \"f\"\n"));
	fx_close(f);
}

/* A control character is refused in any text, naming where it is; tabs
 * and line breaks are a narrative's and a table text's own. */
static void control_characters(void **state)
{
	fx *f = *state;
	fx_open(f);
	refused(f, "xa-ky-son", "report",
		pair("A.I", word("section_a1_esc"), NULL, NULL), BODY,
		"report.A.I", "U+001B, a control character");
	refused(f, "xa-ky-son", "report", "\"A.I\": \"x\\u0007\\u007f\"\n",
		BODY, "report.A.I", "U+0007");
	accepted(f, "xa-ky-son", "report",
		 pair("A.I", word("section_lines"), NULL, NULL));
	refused(f, "xa-ky-son", "forms",
		"\"pl1b\": {\"van_ban\": [\n"
		"{\"so_ky_hieu\": \"12/KH-UBND\", \"ngay\": \"2023-01-10\",\n"
		" \"loai\": \"ke_hoach\", \"trich_yeu\": \"x\\u009b31m\"}]}\n",
		BODY + 2, "pl1b.van_ban", "row 1, trich_yeu: U+009B");
	/* A signer's name or title is one line. */
	char text[512];
	snprintf(text, sizeof text,
		 "{\n\"unit\": \"xa-ky-son\", \"period\": \"2023-Q1\",\n"
		 "\"signed_by\": {\"name\": \"%s\",\n"
		 "\"title\": \"%s\"},\n"
		 "\"forms\": {\"bm2\": {}}}\n",
		 word("signer_name_esc"), word("signer_title_nl"));
	run r;
	validate_text(f, text, &r);
	bool both = test_diags_have(&f->d, JSON_NAME ":3: _meta.signer_name: "
					   "U+001B") &&
		    test_diags_have(&f->d, JSON_NAME ":4: _meta.signer_title: "
					   "U+000A");
	if (r.rc != BC_ERR_INVALID || !both)
		test_diags_print(&f->d);
	run_free(&r);
	assert_true(both);
	bc_diags_free(&f->d);
	fx_close(f);
}

/* A receipt time a few minutes ahead of the clock is another clock; more
 * is a typo, and so is one before the period began. */
static void receipt_time_plausible(void **state)
{
	(void)state;
	bc_time now;
	assert_true(bc_time_parse("2023-03-01T10:00:00+07:00", 420, &now, NULL));
	bc_period p = {.code = "2023-Q1", .from = bc_date_from_ymd(2022, 12, 10)};
	char why[256] = "";
	assert_true(bc_receipt_plausible(now + BC_RECEIPT_SKEW, now, &p, 420,
					 why, sizeof why));
	assert_false(bc_receipt_plausible(now + BC_RECEIPT_SKEW + 1, now, &p,
					  420, why, sizeof why));
	assert_string_equal(why, "received 2023-03-01T10:05:01+07:00 is later "
				 "than now (2023-03-01T10:00:00+07:00): a typing "
				 "mistake? Give the time the file came");
	bc_time first;
	assert_true(bc_time_parse("2022-12-10T00:00:00+07:00", 420, &first, NULL));
	assert_true(bc_receipt_plausible(first, now, &p, 420, why, sizeof why));
	assert_false(bc_receipt_plausible(first - 1, now, &p, 420, why,
					  sizeof why));
	assert_non_null(strstr(why, "before period 2023-Q1 began (2022-12-10)"));
	/* Without a period, only the clock. */
	assert_true(bc_receipt_plausible(first - 86400 * 365, now, NULL, 420,
					 why, sizeof why));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(good_submission),
		T(unknown_unit),
		T(malformed_period),
		T(unknown_period),
		T(undefined_form),
		T(undefined_field),
		T(field_of_the_other_level),
		T(form_not_owed),
		T(text_in_a_number),
		T(empty_is_not_reported),
		T(fraction_in_a_count),
		T(negative_count),
		T(money_decimals),
		T(money_kept_exactly),
		T(counts_kept_exactly),
		T(spreadsheet_numbers),
		T(malformed_date_in_a_table),
		T(enum_outside_its_list),
		T(labels_stand_for_ids),
		T(one_problem_one_diagnostic),
		T(failed_cross_field_checks),
		T(missing_signer),
		T(section_not_in_the_outline),
		T(another_units_section),
		T(task_contradiction),
		T(task_required_when),
		T(document_number_pattern),
		T(value_twice_in_csv),
		T(missing_rows_at_the_next),
		T(every_problem_listed),
		T(unknown_channel),
		T(empty_form_is_not_received),
		T(received_late),
		T(estimated),
		T(document_outside_the_window),
		T(expectation_not_met),
		T(report_completeness),
		T(control_characters),
		cmocka_unit_test(receipt_time_plausible),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/* Reviews and voids, and what status, the aggregate and the previous
 * values read of them: one derivation of the revision in force. */
#include "test_submit.h"

#include "aggregate.h"
#include "import.h"
#include "receipt.h"
#include "revision.h"
#include "review.h"
#include "status.h"

static bc_status st_;
/* The words of tests/data/review-samples.txt, loaded once. */
static test_texts *words_;
#define W(name) test_texts_get(words_, name)

static void status_free(fx *f)
{
	bc_status_free(&st_);
}

/* Imports a submission of xa-ky-son's bm1 (vb_chi_dao = n) received at
 * ts, or, with all, every part a commune owes. */
static void send_as(fx *f, const char *unit, const char *ts, int n, bool all)
{
	static int files;
	char text[2048], name[32];
	test_texts *tx = test_texts_load("submission-samples.txt");
	snprintf(text, sizeof text,
		 "{\"unit\": \"%s\", \"period\": \"2023-Q1\",\n"
		 "\"signed_by\": {\"name\": \"%s\", \"title\": \"%s\"},\n"
		 "\"received_at\": \"%s\",\n"
		 "\"forms\": {\"bm1\": {\"vb_chi_dao\": %d}%s},\n"
		 "\"report\": {%s}}\n",
		 unit, test_texts_get(tx, "signer_name"),
		 test_texts_get(tx, "signer_title"), ts, n,
		 all ? ", \"pl1b\": {\"van_ban\": []}, \"bm2\": {\"vb_ra_soat\": 0},"
		       " \"bm3\": {\"hs_ky_truoc\": 0}, \"bm4\": {\"bien_che_giao\":"
		       " 0}, \"bm5\": {\"ky_luat\": 0}, \"bm6\": {\"kn_thanh_tra\":"
		       " 0}, \"bm7\": {\"cbcc\": 0}"
		     : "",
		 all ? "\"A.I\": \"a\", \"A.II\": \"b\", \"A.III\": \"c\","
		       " \"A.IV\": \"d\", \"A.V\": \"e\""
		     : "");
	test_texts_free(tx);
	snprintf(name, sizeof name, "r%d.json", ++files);
	test_write(f->dir, name, text);
	char *path = test_path(f->dir, name);
	bc_import_opts o = {.tz_offset = 420};
	bc_import_result res;
	bc_err rc = bc_import_file(f->st, f->rb, path, &o, false, &res, &f->d);
	free(path);
	bc_import_result_free(&res);
	if (rc != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("%s at %s: refused", unit, ts);
	}
	bc_diags_free(&f->d);
}

static void send(fx *f, const char *ts, int n)
{
	send_as(f, "xa-ky-son", ts, n, false);
}

static bc_err review(fx *f, bc_verdict v, const char *part,
		     const char *reason)
{
	const char *parts[] = {part};
	bc_review_req q = {.unit = "xa-ky-son", .period = "2023-Q1",
			   .parts = parts, .n_parts = part ? 1 : 0,
			   .verdict = v, .reason = reason};
	bc_acted_list done;
	bc_err rc = bc_review_record(f->st, f->rb, &q, &done, &f->d);
	bc_acted_list_free(&done);
	bc_diags_free(&f->d);
	return rc;
}

static bc_err void_bm1(fx *f, int number, const char *reason)
{
	bc_void_req q = {.unit = "xa-ky-son", .period = "2023-Q1",
			 .part = "bm1", .number = number, .reason = reason};
	int n;
	bc_err rc = bc_revision_void(f->st, f->rb, &q, &n, &f->d);
	bc_diags_free(&f->d);
	return rc;
}

/* xa-ky-son's bm1 as status sees it as of day d of March 2023. */
static const bc_part_status *bm1(fx *f, int d, bc_state *state)
{
	bc_status_free(&st_);
	f->extra_free = status_free;
	if (bc_status_get(f->st, f->rb, "2023-Q1", bc_date_from_ymd(2023, 3, d),
			  &st_, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("no status");
	}
	for (size_t i = 0; i < st_.n; i++) {
		const bc_unit_status *u = &st_.units[i];
		for (size_t k = 0; !strcmp(u->unit.code, "xa-ky-son") &&
				   k < u->owed.n_parts; k++)
			if (!strcmp(u->parts[k].part, "bm1")) {
				if (state)
					*state = u->state;
				return &u->parts[k];
			}
	}
	fail_msg("xa-ky-son owes no bm1");
	return NULL;
}

/* The district's bm1.vb_chi_dao in total (-1: null), and whether
 * xa-ky-son is among the units missing bm1. */
static double district_bm1(fx *f, bool *missing)
{
	json_t *a = NULL;
	bc_agg_opts o = {0};
	if (bc_aggregate(f->st, f->rb, "2023-Q1", &o, &a, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("no aggregate");
	}
	json_t *t = json_object_get(
		json_object_get(json_object_get(
					json_object_get(json_object_get(
								a, "forms"),
							"bm1"),
					"fields"),
				"vb_chi_dao"),
		"total");
	double v = json_is_number(t) ? json_number_value(t) : -1;
	json_t *m = json_object_get(json_object_get(a, "missing_units"), "bm1");
	size_t i;
	json_t *code;
	*missing = false;
	json_array_foreach(m, i, code)
		*missing |= !strcmp(json_string_value(code), "xa-ky-son");
	json_decref(a);
	return v;
}

/* xa-ky-son's bm1.vb_chi_dao in force, as import's comparisons read it
 * (-1: none). */
static double previous_bm1(fx *f)
{
	bc_numbers nums;
	bc_dec v;
	int64_t id = fx_count(f, "SELECT id FROM unit WHERE code = 'xa-ky-son'");
	assert_int_equal(bc_revision_numbers(f->st, id, "2023-Q1", &nums, &f->d),
			 BC_OK);
	double out = bc_numbers_get(&nums, "bm1", "vb_chi_dao", &v)
			     ? bc_dec_double(v)
			     : -1;
	bc_numbers_free(&nums);
	return out;
}

static void returned_part_counts_again_after_a_new_revision(void **state)
{
	fx *f = *state;
	fx_open(f);
	send_as(f, "xa-ky-son", "2023-02-20T09:00:00+07:00", 3, true);
	send_as(f, "xa-tan-an", "2023-02-20T09:00:00+07:00", 5, true);
	bool missing;
	assert_true(district_bm1(f, &missing) == 8 && !missing);
	assert_int_equal(bc_store_set_actor(f->st, W("reviewer")), BC_OK);
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm1", W("mismatch")),
			 BC_OK);

	bc_state s;
	const bc_part_status *p = bm1(f, 10, &s);
	assert_int_equal(p->revision, 0);
	assert_int_equal(p->returned, 1);
	assert_string_equal(p->review_reason, W("mismatch"));
	assert_string_equal(p->reviewer, W("reviewer"));
	assert_false(p->accepted);
	assert_int_equal(s, BC_STATE_PARTIAL);
	assert_int_equal(st_.complete, 1);
	assert_true(district_bm1(f, &missing) == 5 && missing);
	assert_true(previous_bm1(f) == -1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit"
				     " WHERE action = 'review.return'"),
			 1);

	/* The unit sends bm1 again, late: it counts, its first receipt
	 * still the one on time. */
	send(f, "2023-03-12T09:00:00+07:00", 4);
	p = bm1(f, 12, &s);
	assert_int_equal(p->revision, 2);
	assert_int_equal(p->returned, 0);
	assert_null(p->reviewer);
	assert_true(p->on_time);
	assert_int_equal(s, BC_STATE_ON_TIME);
	assert_true(district_bm1(f, &missing) == 9 && !missing);
	assert_true(previous_bm1(f) == 4);
	/* As of the day before it came, the return stands. */
	assert_int_equal(bm1(f, 11, NULL)->returned, 1);
	bc_status_free(&st_);
	fx_close(f);
}

static void refused_reviews_record_nothing(void **state)
{
	fx *f = *state;
	fx_open(f);
	send(f, "2023-02-20T09:00:00+07:00", 3);
	const char *why = W("mismatch");
	/* bm2 never sent; an unknown part; a blank reason. */
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm2", why), BC_ERR_INVALID);
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm9", why),
			 BC_ERR_NOT_FOUND);
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm1", " \t"),
			 BC_ERR_INVALID);
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm1", NULL), BC_ERR_INVALID);
	/* Of two parts, one refused: neither is returned. */
	const char *two[] = {"bm1", "bm2"};
	bc_review_req q = {.unit = "xa-ky-son", .period = "2023-Q1",
			   .parts = two, .n_parts = 2,
			   .verdict = BC_VERDICT_RETURN, .reason = why};
	bc_acted_list done;
	assert_int_equal(bc_review_record(f->st, f->rb, &q, &done, &f->d),
			 BC_ERR_INVALID);
	assert_int_equal(done.n, 0);
	bc_acted_list_free(&done);
	bc_diags_free(&f->d);
	q.unit = "xa-khong-co";
	q.n_parts = 1;
	assert_int_equal(bc_review_record(f->st, f->rb, &q, &done, &f->d),
			 BC_ERR_NOT_FOUND);
	bc_acted_list_free(&done);
	bc_diags_free(&f->d);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM review"), 0);

	/* A part named twice is returned once. */
	q.unit = "xa-ky-son";
	two[1] = "bm1";
	q.n_parts = 2;
	assert_int_equal(bc_review_record(f->st, f->rb, &q, &done, &f->d),
			 BC_OK);
	assert_int_equal(done.n, 1);
	bc_acted_list_free(&done);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM review"), 1);
	assert_int_equal(review(f, BC_VERDICT_ACCEPT, "bm1", NULL), BC_OK);

	/* Returned once; not twice. */
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm1", why), BC_OK);
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm1", why), BC_ERR_INVALID);
	assert_int_equal(review(f, BC_VERDICT_RETURN, NULL, why), BC_ERR_INVALID);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM review"), 3);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit"
				     " WHERE action LIKE 'review.%'"),
			 3);
	/* Kept as recorded. */
	sqlite3 *db = bc_store_db(f->st);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE review SET reason = ''",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM review", NULL, NULL,
					  NULL),
			     SQLITE_OK);
	fx_close(f);
}

static void acceptance_after_a_return_takes_it_back(void **state)
{
	fx *f = *state;
	fx_open(f);
	send(f, "2023-02-20T09:00:00+07:00", 3);
	assert_int_equal(review(f, BC_VERDICT_ACCEPT, NULL, NULL), BC_OK);
	const bc_part_status *p = bm1(f, 10, NULL);
	assert_true(p->accepted);
	assert_int_equal(p->revision, 1);
	assert_string_equal(p->review_reason, "");
	assert_int_equal(review(f, BC_VERDICT_ACCEPT, "bm1", NULL), BC_ERR_INVALID);
	/* Every part sent is accepted already: nothing to accept. */
	assert_int_equal(review(f, BC_VERDICT_ACCEPT, NULL, NULL), BC_ERR_INVALID);

	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm1", W("lacking")),
			 BC_OK);
	p = bm1(f, 10, NULL);
	assert_false(p->accepted);
	assert_int_equal(p->returned, 1);
	assert_int_equal(review(f, BC_VERDICT_ACCEPT, "bm1", W("checked")),
			 BC_OK);
	p = bm1(f, 10, NULL);
	assert_true(p->accepted);
	assert_int_equal(p->revision, 1);
	assert_string_equal(p->review_reason, W("checked"));
	assert_int_equal(fx_count(f, "SELECT count(*) FROM review"), 3);
	bc_status_free(&st_);
	fx_close(f);
}

static void void_puts_the_revision_before_in_force(void **state)
{
	fx *f = *state;
	fx_open(f);
	send(f, "2023-02-20T09:00:00+07:00", 3);
	send(f, "2023-03-05T09:00:00+07:00", 7);
	bool missing;
	assert_true(district_bm1(f, &missing) == 7);
	assert_int_equal(void_bm1(f, 0, W("wrong_unit")), BC_OK);
	assert_int_equal(bm1(f, 10, NULL)->revision, 1);
	assert_true(district_bm1(f, &missing) == 3 && !missing);
	assert_true(previous_bm1(f) == 3);

	/* Again: the latest is void already, and nothing more is voided. */
	assert_int_equal(void_bm1(f, 0, W("wrong_unit")), BC_ERR_INVALID);
	assert_int_equal(void_bm1(f, 2, W("wrong_unit")), BC_ERR_INVALID);
	assert_int_equal(void_bm1(f, 3, W("wrong_unit")), BC_ERR_NOT_FOUND);
	assert_int_equal(void_bm1(f, 1, ""), BC_ERR_INVALID);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM revision_void"), 1);

	/* The only one left: the part is missing again. */
	assert_int_equal(void_bm1(f, 1, W("test_file")), BC_OK);
	bc_state s;
	assert_int_equal(bm1(f, 10, &s)->revision, 0);
	assert_int_equal(s, BC_STATE_MISSING);
	assert_true(district_bm1(f, &missing) == -1 && missing);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit"
				     " WHERE action = 'revision.void'"),
			 2);
	/* Kept, and kept as they are. */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM revision"), 2);
	sqlite3 *db = bc_store_db(f->st);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM revision_void", NULL,
					  NULL, NULL),
			     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE revision_void SET reason"
					  " = 'x'", NULL, NULL, NULL),
			     SQLITE_OK);
	bc_status_free(&st_);
	fx_close(f);
}

static void return_after_a_void_returns_the_one_in_force(void **state)
{
	fx *f = *state;
	fx_open(f);
	send(f, "2023-02-20T09:00:00+07:00", 3);
	send(f, "2023-03-05T09:00:00+07:00", 7);
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm1", W("wrong_figures")),
			 BC_OK);
	assert_int_equal(bm1(f, 10, NULL)->returned, 2);
	/* As of a day before revision 2 came, revision 1 was in force:
	 * not the one returned. */
	assert_int_equal(bm1(f, 4, NULL)->revision, 1);
	/* The returned revision was the wrong unit's: voided, revision 1
	 * counts again. */
	assert_int_equal(void_bm1(f, 0, W("wrong_unit")), BC_OK);
	const bc_part_status *p = bm1(f, 10, NULL);
	assert_int_equal(p->revision, 1);
	assert_int_equal(p->returned, 0);
	/* And returned in turn. */
	assert_int_equal(review(f, BC_VERDICT_RETURN, "bm1", W("wrong_figures")),
			 BC_OK);
	assert_int_equal(bm1(f, 10, NULL)->returned, 1);
	bool missing;
	assert_true(district_bm1(f, &missing) == -1 && missing);
	bc_status_free(&st_);
	fx_close(f);
}

static void correct_time_finds_the_revision_in_force_not_the_void(void **state)
{
	fx *f = *state;
	fx_open(f);
	send(f, "2023-02-20T09:00:00+07:00", 3);
	send(f, "2023-03-05T09:00:00+07:00", 7);
	assert_int_equal(void_bm1(f, 0, W("wrong_unit")), BC_OK);
	bc_receipt_fix fix = {.unit = "xa-ky-son", .period = "2023-Q1",
			      .part = "bm1", .offset = 420,
			      .received_at = 0, .reason = W("register")};
	assert_true(bc_time_parse("2023-02-21T08:00:00+07:00", 420,
				  &fix.received_at, NULL));
	bc_receipt_done done;
	assert_int_equal(bc_receipt_correct(f->st, f->rb, &fix, &done, &f->d),
			 BC_OK);
	assert_string_equal(done.revisions, "bm1 r1");
	bc_receipt_done_free(&done);
	bc_diags_free(&f->d);
	assert_true(bm1(f, 10, NULL)->first == fix.received_at);
	bc_status_free(&st_);
	fx_close(f);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(returned_part_counts_again_after_a_new_revision),
		T(refused_reviews_record_nothing),
		T(acceptance_after_a_return_takes_it_back),
		T(void_puts_the_revision_before_in_force),
		T(return_after_a_void_returns_the_one_in_force),
		T(correct_time_finds_the_revision_in_force_not_the_void),
	};
	words_ = test_texts_load("review-samples.txt");
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	test_texts_free(words_);
	return failed;
}

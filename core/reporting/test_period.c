/* SPDX-License-Identifier: MIT */
/*
 * Reporting periods: codes, the schedule of cchc-1131 as
 * docs/schedule.md gives it, advances, ad-hoc periods, the
 * calendar, and periods keeping the ruleset (and the exact version of it)
 * they were recorded under.
 */
#include "test.h"

#include "date.h"
#include "mem.h"
#include "period.h"
#include "rulebook.h"
#include "store.h"

#include <sqlite3.h>

static bc_date day(const char *s)
{
	bc_date d;
	if (!bc_date_parse(s, &d))
		fail_msg("bad date in test: %s", s);
	return d;
}

/* Compares as text so that a failure reads as a date. */
#define assert_date(d, want)                                                  \
	do {                                                                  \
		char buf_[BC_DATE_BUF] = "NONE";                              \
		if ((d) != BC_DATE_NONE)                                      \
			bc_date_format((d), buf_);                            \
		assert_string_equal(buf_, (want));                            \
	} while (0)

typedef struct world {
	char *tmp;
	bc_store *st;
	bc_rulebook *rb;
	bc_diags d;
} world;

static void load_rules(world *w, const char *dir)
{
	bc_err rc = bc_rulebook_load(dir, NULL, &w->rb, &w->d);
	if (rc != BC_OK) {
		test_diags_print(&w->d);
		fail_msg("%s: %s", dir, bc_strerror(rc));
	}
}

/* A fresh database, and the rulebook of rules_dir (the shipped rules
 * when NULL). */
static void world_open(world *w, const char *rules_dir)
{
	memset(w, 0, sizeof *w);
	w->tmp = test_tmpdir();
	char *db = test_path(w->tmp, "baocao.db");
	bc_err rc = bc_store_open(db, true, &w->st, &w->d);
	free(db);
	if (rc != BC_OK) {
		test_diags_print(&w->d);
		fail_msg("store: %s", bc_strerror(rc));
	}
	bc_store_set_clock(w->st, 1700000000);
	char *shipped = test_path(test_source_root(), "rules");
	load_rules(w, rules_dir ? rules_dir : shipped);
	free(shipped);
}

static void world_close(world *w)
{
	bc_rulebook_free(w->rb);
	bc_store_close(w->st);
	bc_diags_free(&w->d);
	test_rm_tree(w->tmp);
	free(w->tmp);
}

static void get_ok(world *w, const char *code, bc_period *p)
{
	bc_err rc = bc_period_get(w->st, w->rb, code, p, &w->d);
	if (rc != BC_OK) {
		test_diags_print(&w->d);
		fail_msg("%s: %s", code, bc_strerror(rc));
	}
}

static void record(world *w, const char *code)
{
	bc_period p;
	get_ok(w, code, &p);
	assert_int_equal(bc_store_begin(w->st, &w->d), BC_OK);
	assert_int_equal(bc_period_record(w->st, &p, &w->d), BC_OK);
	assert_true(p.id > 0);
	assert_int_equal(bc_store_commit(w->st, &w->d), BC_OK);
	bc_period_free(&p);
}

static int count_rows(world *w, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(bc_store_db(w->st), sql, -1, &s,
					    NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* ---- codes -------------------------------------------------------------- */

static void code_parse_accepts(void **state)
{
	int year = 0;
	char tok[16];
	assert_int_equal(bc_period_code_parse("2023-Q1", &year, tok, sizeof tok),
			 BC_OK);
	assert_int_equal(year, 2023);
	assert_string_equal(tok, "Q1");
	assert_int_equal(bc_period_code_parse("2023-Y", &year, tok, sizeof tok),
			 BC_OK);
	assert_string_equal(tok, "Y");
	assert_int_equal(bc_period_code_parse("2023-DX12", &year, tok,
					      sizeof tok),
			 BC_OK);
	assert_int_equal(year, 2023);
	assert_string_equal(tok, "DX12");
}

/* Officers type codes in small letters as often as in capitals: the
 * same period, written in capitals. */
static void code_parse_any_case(void **state)
{
	static const char *const typed[][2] = {
		{"2023-q1", "Q1"}, {"2023-h1", "H1"}, {"2023-dx1", "DX1"},
		{"2023-Dx12", "DX12"}, {"2023-y", "Y"},
	};
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
		int year = 0;
		char tok[16], canon[BC_PERIOD_CODE_MAX];
		assert_int_equal(bc_period_code_parse(typed[i][0], &year, tok,
						      sizeof tok),
				 BC_OK);
		assert_int_equal(year, 2023);
		assert_string_equal(tok, typed[i][1]);
		assert_int_equal(bc_period_code_canon(typed[i][0], canon),
				 BC_OK);
		assert_string_equal(canon + 5, typed[i][1]);
		assert_memory_equal(canon, "2023-", 5);
	}
	char canon[BC_PERIOD_CODE_MAX];
	assert_int_equal(bc_period_code_canon("2023-q 1", canon),
			 BC_ERR_SYNTAX);
}

static void code_parse_refuses(void **state)
{
	static const char *const bad[] = {
		"23-Q1",    "2023Q1",   "2023-q1x", "2023-Q1x", "2023-Q1X",
		"",         "2023-1Q",  "2023-",    "2023-Q1-", "2023-Q 1",
		"2023-Q1 ", " 2023-Q1", "20a3-Q1",  "0999-Q1",  "2023--Q1",
		"2023-DX1A",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int year;
		char tok[16];
		if (bc_period_code_parse(bad[i], &year, tok, sizeof tok) !=
		    BC_ERR_SYNTAX)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	int year;
	char tok[16];
	assert_int_equal(bc_period_code_parse(NULL, &year, tok, sizeof tok),
			 BC_ERR_SYNTAX);
	/* A token that does not fit the caller's buffer is refused, not
	 * cut. */
	char small[4];
	assert_int_equal(bc_period_code_parse("2023-DX12", &year, small,
					      sizeof small),
			 BC_ERR_SYNTAX);
}

/* ---- the schedule ------------------------------------------------------- */

/* The label of each period is in tests/data/period-labels.txt. */
typedef struct want_period {
	const char *code, *type, *from, *to, *unit_due, *compile_due;
} want_period;

static const want_period schedule_2023[] = {
	{"2023-Q1", "Q1", "2022-12-10", "2023-03-10", "2023-02-28",
	 "2023-03-04"},
	{"2023-H1", "H1", "2022-12-10", "2023-06-10", "2023-05-28",
	 "2023-06-04"},
	{"2023-Q3", "Q3", "2023-06-10", "2023-09-10", "2023-08-28",
	 "2023-09-04"},
	{"2023-Y", "Y", "2022-12-10", "2023-12-10", "2023-11-28",
	 "2023-12-04"},
};

/* Fails unless p has the label tests/data/period-labels.txt gives its
 * code. */
static void assert_label(const bc_period *p)
{
	test_texts *tx = test_texts_load("period-labels.txt");
	assert_string_equal(p->label, test_texts_get(tx, p->code));
	test_texts_free(tx);
}

static void check_period(const bc_period *p, const want_period *w)
{
	assert_string_equal(p->code, w->code);
	assert_string_equal(p->type, w->type);
	assert_label(p);
	assert_int_equal(p->year, 2023);
	assert_int_equal(p->adhoc_no, 0);
	assert_date(p->from, w->from);
	assert_date(p->to, w->to);
	assert_date(p->unit_due, w->unit_due);
	assert_date(p->rules_unit_due, w->unit_due);
	assert_date(p->compile_due, w->compile_due);
	assert_non_null(p->rs);
	assert_string_equal(p->rs->id, "cchc-1131");
}

static void schedule_of_2023(void **state)
{
	world w;
	world_open(&w, NULL);
	for (size_t i = 0; i < 4; i++) {
		bc_period p;
		get_ok(&w, schedule_2023[i].code, &p);
		check_period(&p, &schedule_2023[i]);
		assert_int_equal(p.id, 0);
		assert_null(p.advanced_doc);
		assert_false(p.rules_changed);
		bc_period_free(&p);
	}
	/* Reading a period records nothing. */
	assert_int_equal(count_rows(&w, "period"), 0);
	/* Without a database the rules alone answer. */
	bc_period p;
	assert_int_equal(bc_period_get(NULL, w.rb, "2023-Q3", &p, &w.d), BC_OK);
	check_period(&p, &schedule_2023[2]);
	bc_period_free(&p);
	world_close(&w);
}

static void unknown_periods(void **state)
{
	world w;
	world_open(&w, NULL);
	bc_period p;
	/* No Q2 or Q4: H1 and Y take their place. */
	static const char *const none[] = {"2023-Q2", "2023-Q5", "2023-Q4",
					   "2021-Q1", "2023-DX1"};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		bc_err rc = bc_period_get(w.st, w.rb, none[i], &p, &w.d);
		if (rc != BC_ERR_NOT_FOUND)
			fail_msg("%s: %s", none[i], bc_strerror(rc));
		assert_null(p.label);
		assert_true(test_diags_have(&w.d, none[i]));
	}
	assert_true(test_diags_have(&w.d, "no such ad-hoc period"));
	/* "2023-Q" has the shape of "2023-Y"; it is no type of the rules. */
	assert_int_equal(bc_period_get(w.st, w.rb, "2023-Q", &p, &w.d),
			 BC_ERR_NOT_FOUND);
	assert_int_equal(bc_period_get(w.st, w.rb, "2023Q1", &p, &w.d),
			 BC_ERR_SYNTAX);
	assert_int_equal(bc_period_get(w.st, w.rb, "2023-q1x", &p, &w.d),
			 BC_ERR_SYNTAX);
	assert_true(test_diags_have(&w.d, "'2023Q1' is not a period code"));
	bc_period_free(&p);
	world_close(&w);
}

/* ---- advancing a deadline ----------------------------------------------- */

static void advance_h1(void **state)
{
	world w;
	world_open(&w, NULL);
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023-H1",
					   day("2023-05-20"), "123/UBND-NV",
					   &w.d),
			 BC_OK);
	assert_int_equal(w.d.errors, 0);
	bc_period p;
	get_ok(&w, "2023-H1", &p);
	assert_true(p.id > 0);
	assert_date(p.unit_due, "2023-05-20");
	assert_date(p.rules_unit_due, "2023-05-28");
	assert_non_null(p.advanced_doc);
	assert_string_equal(p.advanced_doc, "123/UBND-NV");
	/* Only the units' deadline moves. */
	assert_date(p.compile_due, "2023-06-04");
	assert_date(p.from, "2022-12-10");
	assert_date(p.to, "2023-06-10");
	assert_string_equal(p.rs->id, "cchc-1131");
	bc_period_free(&p);
	assert_int_equal(count_rows(&w, "deadline_override"), 1);

	/* The day the window opens is the earliest allowed. */
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023-Y",
					   day("2022-12-10"), "7/UBND-NV",
					   &w.d),
			 BC_OK);
	get_ok(&w, "2023-Y", &p);
	assert_date(p.unit_due, "2022-12-10");
	assert_date(p.rules_unit_due, "2023-11-28");
	bc_period_free(&p);
	int64_t bad_id = -1;
	assert_int_equal(bc_store_audit_verify(w.st, &bad_id, &w.d), BC_OK);
	world_close(&w);
}

static void expect_refused(world *w, const char *code, const char *due,
			   const char *doc, const char *why)
{
	bc_err rc = bc_period_advance(w->st, w->rb, code, day(due), doc, &w->d);
	if (rc != BC_ERR_REFUSED || !test_diags_have(&w->d, why)) {
		test_diags_print(&w->d);
		fail_msg("advance %s to %s: %s, wanted refused saying '%s'",
			 code, due, bc_strerror(rc), why);
	}
}

static void advance_refused(void **state)
{
	world w;
	world_open(&w, NULL);
	expect_refused(&w, "2023-Q1", "2023-02-20", "1/UBND", "does not allow");
	expect_refused(&w, "2023-Q3", "2023-08-20", "1/UBND", "does not allow");
	/* Not earlier than the rules' date. */
	expect_refused(&w, "2023-H1", "2023-05-28", "1/UBND", "2023-05-28");
	expect_refused(&w, "2023-H1", "2023-05-29", "1/UBND", "earlier");
	/* Before the window opens. */
	expect_refused(&w, "2023-H1", "2022-12-09", "1/UBND", "2022-12-10");
	/* Only a document can move a deadline. */
	expect_refused(&w, "2023-H1", "2023-05-20", NULL, "document");
	expect_refused(&w, "2023-H1", "2023-05-20", "", "document");
	/* A refused advance stores nothing, not even the period. */
	assert_int_equal(count_rows(&w, "deadline_override"), 0);
	assert_int_equal(count_rows(&w, "period"), 0);
	bc_period p;
	get_ok(&w, "2023-H1", &p);
	assert_int_equal(p.id, 0);
	assert_date(p.unit_due, "2023-05-28");
	bc_period_free(&p);

	/* Nor does one refused after an accepted advance. */
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023-H1",
					   day("2023-05-20"), "2/UBND", &w.d),
			 BC_OK);
	expect_refused(&w, "2023-H1", "2023-06-01", "3/UBND", "earlier");
	get_ok(&w, "2023-H1", &p);
	assert_date(p.unit_due, "2023-05-20");
	assert_string_equal(p.advanced_doc, "2/UBND");
	bc_period_free(&p);
	assert_int_equal(count_rows(&w, "deadline_override"), 1);

	/* Periods that do not exist cannot be advanced. */
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023-Q2",
					   day("2023-05-20"), "4/UBND", &w.d),
			 BC_ERR_NOT_FOUND);
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023H1",
					   day("2023-05-20"), "4/UBND", &w.d),
			 BC_ERR_SYNTAX);
	assert_int_equal(count_rows(&w, "deadline_override"), 1);
	world_close(&w);
}

/* ---- ad-hoc periods ----------------------------------------------------- */

static bc_adhoc adhoc(const char *code, const char *from, const char *to,
		      const char *due, const char *doc)
{
	return (bc_adhoc){.code = code,
			  .from = from ? day(from) : BC_DATE_NONE,
			  .to = to ? day(to) : BC_DATE_NONE,
			  .unit_due = due ? day(due) : BC_DATE_NONE,
			  .compile_due = BC_DATE_NONE,
			  .doc = doc};
}

static void adhoc_created(void **state)
{
	world w;
	world_open(&w, NULL);
	bc_adhoc a = adhoc("2023-DX1", "2023-04-01", "2023-04-30",
			   "2023-05-05", "45/SNV-CCHC");
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d), BC_OK);
	bc_period p;
	get_ok(&w, "2023-DX1", &p);
	assert_true(p.id > 0);
	assert_string_equal(p.code, "2023-DX1");
	assert_label(&p);
	assert_string_equal(p.type, "DX");
	assert_int_equal(p.adhoc_no, 1);
	assert_int_equal(p.year, 2023);
	assert_date(p.from, "2023-04-01");
	assert_date(p.to, "2023-04-30");
	assert_date(p.unit_due, "2023-05-05");
	/* No compile deadline given: the units' one. */
	assert_date(p.compile_due, "2023-05-05");
	assert_string_equal(p.doc, "45/SNV-CCHC");
	assert_null(p.forms);
	assert_string_equal(p.rs->id, "cchc-1131");
	bc_period_free(&p);

	/* Created once: a second request is refused and changes nothing. */
	bc_adhoc again = adhoc("2023-DX1", "2023-06-01", "2023-06-30",
			       "2023-07-05", "46/SNV-CCHC");
	assert_int_not_equal(bc_period_add_adhoc(w.st, w.rb, &again, &w.d),
			     BC_OK);
	assert_true(test_diags_have(&w.d, "2023-DX1 already exists"));
	get_ok(&w, "2023-DX1", &p);
	assert_date(p.from, "2023-04-01");
	assert_string_equal(p.doc, "45/SNV-CCHC");
	bc_period_free(&p);

	/* Forms and a compile deadline, when the request gives them. */
	bc_adhoc b = adhoc("2023-DX12", "2023-07-01", "2023-07-31",
			   "2023-08-05", "50/SNV");
	b.compile_due = day("2023-08-10");
	b.forms = "bm1,bm2";
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &b, &w.d), BC_OK);
	get_ok(&w, "2023-DX12", &p);
	assert_string_equal(p.code, "2023-DX12");
	assert_label(&p);
	assert_int_equal(p.adhoc_no, 12);
	assert_date(p.compile_due, "2023-08-10");
	assert_string_equal(p.forms, "bm1,bm2");
	bc_period_free(&p);
	assert_int_equal(count_rows(&w, "period"), 2);
	world_close(&w);
}

static void expect_adhoc_refused(world *w, bc_adhoc a, const char *why)
{
	bc_err rc = bc_period_add_adhoc(w->st, w->rb, &a, &w->d);
	if (rc == BC_OK || !test_diags_have(&w->d, why)) {
		test_diags_print(&w->d);
		fail_msg("%s: %s, wanted a refusal saying '%s'", a.code,
			 bc_strerror(rc), why);
	}
}

static void adhoc_refused(void **state)
{
	world w;
	world_open(&w, NULL);
	const char *doc = "45/SNV";
	expect_adhoc_refused(&w, adhoc("2023-DX1", "2023-04-30", "2023-04-01",
				       "2023-05-05", doc),
			     "window ends before it starts");
	expect_adhoc_refused(&w, adhoc("2023-DX1", "2023-04-01", "2023-04-30",
				       "2023-03-31", doc),
			     "deadline falls before the window opens");
	expect_adhoc_refused(&w, adhoc("2023-DX1", NULL, "2023-04-30",
				       "2023-05-05", doc),
			     "required");
	expect_adhoc_refused(&w, adhoc("2023-DX1", "2023-04-01", "2023-04-30",
				       "2023-05-05", NULL),
			     "document");
	expect_adhoc_refused(&w, adhoc("2023-DX1", "2023-04-01", "2023-04-30",
				       "2023-05-05", ""),
			     "document");
	bc_adhoc a = adhoc("2023-DX1", "2023-04-01", "2023-04-30", "2023-05-05",
			   doc);
	a.compile_due = day("2023-05-01");
	expect_adhoc_refused(&w, a, "compilation is due before");
	a = adhoc("2023-DX1", "2023-04-01", "2023-04-30", "2023-05-05", doc);
	a.forms = "bm1,,bm2";
	expect_adhoc_refused(&w, a, "--forms");
	/* Only an ad-hoc type of a ruleset then in force. */
	expect_adhoc_refused(&w, adhoc("2023-Q1", "2023-04-01", "2023-04-30",
				       "2023-05-05", doc),
			     "ad-hoc type");
	expect_adhoc_refused(&w, adhoc("2021-DX1", "2021-04-01", "2021-04-30",
				       "2021-05-05", doc),
			     "ad-hoc type");
	expect_adhoc_refused(&w, adhoc("2023DX1", "2023-04-01", "2023-04-30",
				       "2023-05-05", doc),
			     "not a period code");
	assert_int_equal(count_rows(&w, "period"), 0);
	bc_period p;
	assert_int_equal(bc_period_get(w.st, w.rb, "2023-DX1", &p, &w.d),
			 BC_ERR_NOT_FOUND);
	/* An ad-hoc period's deadline is given, not advanced. */
	bc_adhoc ok = adhoc("2023-DX1", "2023-04-01", "2023-04-30",
			    "2023-05-05", doc);
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &ok, &w.d), BC_OK);
	expect_refused(&w, "2023-DX1", "2023-05-01", "9/UBND", "does not allow");
	world_close(&w);
}

/* ---- the calendar ------------------------------------------------------- */

static void expect_calendar(world *w, int year, const char *const *codes,
			    size_t n)
{
	bc_period *v = NULL;
	size_t got = 0;
	assert_int_equal(bc_period_calendar(w->st, w->rb, year, &v, &got,
					    &w->d),
			 BC_OK);
	bool same = got == n;
	for (size_t i = 0; same && i < n; i++)
		same = strcmp(v[i].code, codes[i]) == 0;
	if (!same) {
		for (size_t i = 0; i < got; i++)
			printf("# %s\n", v[i].code);
		bc_period_list_free(v, got);
		fail_msg("calendar %d: %zu periods, wanted %zu in order", year,
			 got, n);
	}
	bc_period_list_free(v, got);
}

static void calendar_2023(void **state)
{
	world w;
	world_open(&w, NULL);
	bc_period *v = NULL;
	size_t n = 0;
	assert_int_equal(bc_period_calendar(w.st, w.rb, 2023, &v, &n, &w.d),
			 BC_OK);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		check_period(&v[i], &schedule_2023[i]);
	bc_period_list_free(v, n);

	/* Ad-hoc periods of the year join in, ordered by deadline then
	 * code: DX1 shares H1's 28 May and sorts before it. */
	bc_adhoc a = adhoc("2023-DX1", "2023-05-01", "2023-05-20",
			   "2023-05-28", "1/SNV");
	bc_adhoc b = adhoc("2023-DX2", "2023-01-01", "2023-01-10",
			   "2023-01-15", "2/SNV");
	bc_adhoc c = adhoc("2024-DX1", "2024-01-01", "2024-01-10",
			   "2024-01-15", "3/SNV");
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d), BC_OK);
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &b, &w.d), BC_OK);
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &c, &w.d), BC_OK);
	static const char *const with_adhoc[] = {"2023-DX2", "2023-Q1",
						 "2023-DX1", "2023-H1",
						 "2023-Q3",  "2023-Y"};
	expect_calendar(&w, 2023, with_adhoc, 6);

	/* An advanced deadline moves the period in the calendar. */
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023-H1",
					   day("2023-05-20"), "9/UBND", &w.d),
			 BC_OK);
	static const char *const advanced[] = {"2023-DX2", "2023-Q1",
					       "2023-H1",  "2023-DX1",
					       "2023-Q3",  "2023-Y"};
	expect_calendar(&w, 2023, advanced, 6);

	static const char *const y2024[] = {"2024-DX1", "2024-Q1", "2024-H1",
					    "2024-Q3", "2024-Y"};
	expect_calendar(&w, 2024, y2024, 5);
	/* No ruleset in force, no periods. */
	expect_calendar(&w, 2021, NULL, 0);
	world_close(&w);
}

/* ---- rulesets over time ------------------------------------------------- */

static void recorded_period_keeps_ruleset(void **state)
{
	world w;
	world_open(&w, NULL);
	/* Recorded while cchc-1131 was the only ruleset, so governed by it
	 * however the rules directory changes later. */
	record(&w, "2024-Q1");
	record(&w, "2025-H1");
	bc_rulebook_free(w.rb);
	w.rb = NULL;
	char *dir = test_rules_over_time();
	load_rules(&w, dir);

	bc_period p;
	get_ok(&w, "2024-Q1", &p);
	assert_true(p.id > 0);
	assert_string_equal(p.rs->id, "cchc-1131");
	assert_date(p.unit_due, "2024-02-28");
	assert_false(p.rules_changed);
	bc_period_free(&p);

	get_ok(&w, "2025-Q1", &p);
	assert_int_equal(p.id, 0);
	assert_string_equal(p.rs->id, "test-2025");
	assert_date(p.unit_due, "2025-02-15");
	bc_period_free(&p);

	get_ok(&w, "2025-H1", &p);
	assert_true(p.id > 0);
	assert_string_equal(p.rs->id, "cchc-1131");
	bc_period_free(&p);

	/* Recording under the new rules keeps the new ruleset in turn. */
	record(&w, "2025-Q1");
	get_ok(&w, "2025-Q1", &p);
	assert_true(p.id > 0);
	assert_string_equal(p.rs->id, "test-2025");
	assert_date(p.unit_due, "2025-02-15");
	bc_period_free(&p);
	assert_int_equal(count_rows(&w, "ruleset"), 2);

	world_close(&w);
	test_rm_tree(dir);
	free(dir);
}

static void recorded_period_keeps_version(void **state)
{
	char *rules = test_tmpdir();
	test_copy_source(rules, "cchc-1131", "rules/cchc-1131");
	world w;
	world_open(&w, rules);
	record(&w, "2023-Q1");
	char old_hash[BC_SHA256_HEX];
	strcpy(old_hash, bc_rulebook_find(w.rb, "cchc-1131")->hash);

	/* A new version of the same directive moves Q1's deadline. */
	char *dir = test_path(rules, "cchc-1131");
	char *text = test_read(dir, "periods.lua");
	char *at = strstr(text, "unit_due = \"28/02/Y\"");
	assert_non_null(at);
	memcpy(at + strlen("unit_due = \""), "20", 2);
	test_write(dir, "periods.lua", text);
	free(text);
	free(dir);
	bc_rulebook_free(w.rb);
	w.rb = NULL;
	load_rules(&w, rules);
	const bc_ruleset *cur = bc_rulebook_find(w.rb, "cchc-1131");
	assert_string_not_equal(cur->hash, old_hash);

	bc_period p;
	get_ok(&w, "2023-Q1", &p);
	assert_date(p.unit_due, "2023-02-28");
	assert_date(p.rules_unit_due, "2023-02-28");
	assert_true(p.rules_changed);
	/* The old version, read back from the database. */
	assert_string_equal(p.rs->hash, old_hash);
	assert_ptr_not_equal(p.rs, cur);
	assert_int_equal(w.rb->n_older, 1);
	int n;
	const bc_period_type *pt = bc_ruleset_period_type(p.rs, "Q1", &n);
	assert_int_equal(pt->unit_due.day.day, 28);
	bc_period_free(&p);
	/* Asked again, the adopted version is reused. */
	get_ok(&w, "2023-Q1", &p);
	assert_string_equal(p.rs->hash, old_hash);
	bc_period_free(&p);
	assert_int_equal(w.rb->n_older, 1);

	/* A period not recorded follows the new version. */
	get_ok(&w, "2024-Q1", &p);
	assert_date(p.unit_due, "2024-02-20");
	assert_false(p.rules_changed);
	bc_period_free(&p);
	world_close(&w);
	test_rm_tree(rules);
	free(rules);
}

/* A code in small letters is the period of the code in capitals: the
 * one recorded, the ad-hoc one created, never a second of them. */
static void codes_in_any_case(void **state)
{
	world w;
	world_open(&w, NULL);
	record(&w, "2023-Q1");
	bc_period p, q;
	get_ok(&w, "2023-Q1", &p);
	get_ok(&w, "2023-q1", &q);
	assert_true(p.id > 0);
	assert_int_equal(q.id, p.id);
	assert_string_equal(q.code, "2023-Q1");
	bc_period_free(&p);
	bc_period_free(&q);
	get_ok(&w, "2023-h1", &p);
	check_period(&p, &schedule_2023[1]);
	bc_period_free(&p);

	bc_adhoc a = adhoc("2023-dx1", "2023-04-01", "2023-04-30",
			   "2023-05-05", "45/SNV-CCHC");
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d), BC_OK);
	get_ok(&w, "2023-DX1", &p);
	assert_string_equal(p.code, "2023-DX1");
	bc_period_free(&p);
	get_ok(&w, "2023-Dx1", &p);
	assert_string_equal(p.code, "2023-DX1");
	bc_period_free(&p);
	a.code = "2023-DX1";
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d),
			 BC_ERR_INVALID);
	assert_true(test_diags_have(&w.d, "2023-DX1 already exists"));
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023-h1",
					   day("2023-05-20"), "1/UBND", &w.d),
			 BC_OK);
	get_ok(&w, "2023-H1", &p);
	assert_date(p.unit_due, "2023-05-20");
	bc_period_free(&p);
	assert_int_equal(count_rows(&w, "period"), 3);
	world_close(&w);
}

/* An ad-hoc period asking for something that is no form would be owed
 * by nobody: refused, the real forms named, nothing recorded. */
static void adhoc_unknown_forms(void **state)
{
	world w;
	world_open(&w, NULL);
	bc_adhoc a = adhoc("2023-DX1", "2023-04-01", "2023-04-30",
			   "2023-05-05", "45/SNV");
	a.forms = "bm9";
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d),
			 BC_ERR_SYNTAX);
	assert_true(test_diags_have(&w.d, "bm9 is no form of ruleset "
					  "cchc-1131"));
	assert_true(test_diags_have(&w.d, "bm1, bm2, bm3, bm4, bm5, bm6, "
					  "bm7, pl1a, pl1b, report"));
	a.forms = "bm1,bm_2,xyz,report";
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d),
			 BC_ERR_SYNTAX);
	assert_true(test_diags_have(&w.d, "bm_2, xyz are no form"));
	assert_int_equal(count_rows(&w, "period"), 0);
	bc_period p;
	assert_int_equal(bc_period_get(w.st, w.rb, "2023-DX1", &p, &w.d),
			 BC_ERR_NOT_FOUND);
	/* The forms and the report are what it may ask for. */
	a.forms = "bm3,report";
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d), BC_OK);
	get_ok(&w, "2023-DX1", &p);
	assert_string_equal(p.forms, "bm3,report");
	bc_period_free(&p);
	world_close(&w);
}

static void expect_advances(world *w, const char *code,
			    const char *const want[][2], size_t n)
{
	bc_period p;
	bc_advance *v;
	size_t got;
	get_ok(w, code, &p);
	assert_int_equal(bc_period_advances(w->st, &p, &v, &got, &w->d), BC_OK);
	assert_int_equal(got, n);
	for (size_t i = 0; i < n; i++) {
		assert_date(v[i].unit_due, want[i][0]);
		assert_string_equal(v[i].doc, want[i][1]);
		assert_int_equal(v[i].recorded_at, 1700000000);
	}
	/* The last recorded is in force. */
	assert_date(p.unit_due, want[n - 1][0]);
	assert_string_equal(p.advanced_doc, want[n - 1][1]);
	bc_period_advances_free(v, got);
	bc_period_free(&p);
}

/* Every advance stays on record with its document; the last one is in
 * force, a later day than the one before included. */
static void advances_kept(void **state)
{
	world w;
	world_open(&w, NULL);
	bc_period p;
	bc_advance *v;
	size_t n;
	get_ok(&w, "2023-H1", &p);
	assert_int_equal(bc_period_advances(w.st, &p, &v, &n, &w.d), BC_OK);
	assert_int_equal(n, 0);
	bc_period_free(&p);
	static const char *const want[][2] = {
		{"2023-05-25", "111/UBND-NV"},
		{"2023-05-20", "222/UBND-NV"},
		{"2023-05-26", "333/UBND-NV"},
	};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(bc_period_advance(w.st, w.rb, "2023-H1",
						   day(want[i][0]), want[i][1],
						   &w.d),
				 BC_OK);
		expect_advances(&w, "2023-H1", want, i + 1);
	}
	/* The advance in force given again adds nothing. */
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023-H1",
					   day("2023-05-26"), "333/UBND-NV",
					   &w.d),
			 BC_OK);
	expect_advances(&w, "2023-H1", want, 3);
	/* Still never the rules' date or later. */
	expect_refused(&w, "2023-H1", "2023-05-28", "444/UBND", "earlier");
	expect_advances(&w, "2023-H1", want, 3);
	world_close(&w);
}

/* ---- deadlines in working days, per kind or level ----------------------- */

/* A rules directory holding cchc-1131, the shared holidays and
 * test-deadlines (tests/rules), linked, or copied to be edited. */
static char *rules_with_deadlines(bool copy)
{
	char *dir = test_tmpdir();
	void (*put)(const char *, const char *, const char *) =
		copy ? test_copy_source : test_link_source;
	put(dir, "cchc-1131", "rules/cchc-1131");
	put(dir, "_common", "rules/_common");
	put(dir, "test-deadlines", "tests/rules/test-deadlines");
	return dir;
}

static void working_day_deadlines(void **state)
{
	char *dir = rules_with_deadlines(false);
	world w;
	world_open(&w, dir);
	bc_period p;
	/* Tue 10/03/2026 + 5 working days, a weekend between. */
	get_ok(&w, "2026-Q1", &p);
	assert_string_equal(p.rs->id, "test-deadlines");
	assert_date(p.unit_due, "2026-03-17");
	assert_date(p.rules_unit_due, "2026-03-17");
	assert_date(p.compile_due, "2026-03-24");
	/* Each unit its own: the kind's, else the level's, else the
	 * period's. */
	assert_true(bc_period_dues_vary(&p));
	assert_date(bc_period_unit_due(&p, "town", NULL), "2026-03-20");
	assert_date(bc_period_unit_due(&p, "commune", NULL), "2026-03-13");
	assert_date(bc_period_unit_due(&p, "department", NULL), "2026-03-17");
	assert_date(bc_period_unit_due(&p, NULL, NULL), "2026-03-17");
	bc_dayrun *r;
	size_t n;
	assert_int_equal(bc_period_due_runs(&p, &p.pt->unit_due, p.unit_due,
					    &r, &n),
			 BC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(r[1].kind, BC_DAY_WEEKEND);
	assert_date(r[1].from, "2026-03-14");
	bc_free(r);
	bc_period_free(&p);
	/* Across Tết Bính Ngọ (14-22/02). */
	get_ok(&w, "2026-T1", &p);
	assert_date(p.unit_due, "2026-02-24");
	assert_false(bc_period_dues_vary(&p));
	assert_date(bc_period_unit_due(&p, "commune", NULL), "2026-02-24");
	bc_period_free(&p);
	/* Saturday 22/08 worked; Quốc khánh 29/08-02/09 skipped. */
	get_ok(&w, "2026-Q3", &p);
	assert_date(p.unit_due, "2026-08-26");
	assert_date(p.compile_due, "2026-09-07");
	bc_period_free(&p);
	/* cchc-1131 still governs 2025, on fixed days. */
	get_ok(&w, "2025-Q1", &p);
	assert_string_equal(p.rs->id, "cchc-1131");
	assert_date(p.unit_due, "2025-02-28");
	assert_int_equal(bc_period_due_runs(&p, &p.pt->unit_due, p.unit_due,
					    &r, &n),
			 BC_OK);
	assert_int_equal(n, 0);
	bc_period_free(&p);
	world_close(&w);
	test_rm_tree(dir);
	free(dir);
}

static void missing_holidays_named(void **state)
{
	char *dir = rules_with_deadlines(false);
	world w;
	world_open(&w, dir);
	bc_period p;
	assert_int_equal(bc_period_get(w.st, w.rb, "2028-Q1", &p, &w.d),
			 BC_ERR_RULES);
	assert_true(test_diags_have(&w.d, "into 2028, a year whose holidays "
					  "ruleset test-deadlines does not "
					  "register"));
	assert_int_equal(bc_period_get(w.st, w.rb, "2027-T1", &p, &w.d),
			 BC_ERR_RULES);
	assert_true(test_diags_have(&w.d, "not yet decided"));
	/* The calendar of such a year says so too, never a silent count,
	 * and lists the periods it can count (2027-H1 on fixed days). */
	bc_period *v;
	size_t n;
	assert_int_equal(bc_period_calendar(w.st, w.rb, 2028, &v, &n, &w.d),
			 BC_ERR_RULES);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].code, "2028-H1");
	bc_period_list_free(v, n);
	assert_int_equal(bc_period_calendar(w.st, w.rb, 2027, &v, &n, &w.d),
			 BC_ERR_RULES);
	/* Q1 and H1: T1 counts through Tết 2027, Q3's compilation through
	 * the day next to 2/9, both undecided. */
	assert_int_equal(n, 2);
	bc_period_list_free(v, n);
	world_close(&w);
	test_rm_tree(dir);
	free(dir);
}

static void advance_keeps_earlier_own_deadlines(void **state)
{
	char *dir = rules_with_deadlines(false);
	world w;
	world_open(&w, dir);
	/* Communes are due 25/05, everyone else 28/05. */
	bc_date due;
	assert_true(bc_date_parse("2026-05-26", &due));
	assert_int_equal(bc_period_advance(w.st, w.rb, "2026-H1", due,
					   "CV 12/UBND", &w.d),
			 BC_OK);
	bc_period p;
	const char *doc;
	get_ok(&w, "2026-H1", &p);
	assert_date(p.unit_due, "2026-05-26");
	assert_date(bc_period_unit_due(&p, "department", &doc), "2026-05-26");
	assert_string_equal(doc, "CV 12/UBND");
	/* An advance never gives a unit more time. */
	assert_date(bc_period_unit_due(&p, "commune", &doc), "2026-05-25");
	assert_null(doc);
	bc_period_free(&p);
	/* Later than the commune's, earlier than the others': it moves the
	 * others. */
	assert_true(bc_date_parse("2026-05-27", &due));
	assert_int_equal(bc_period_advance(w.st, w.rb, "2026-H1", due, "CV 13",
					   &w.d),
			 BC_OK);
	/* Moving nobody's: refused. */
	assert_true(bc_date_parse("2026-05-28", &due));
	assert_int_equal(bc_period_advance(w.st, w.rb, "2026-H1", due, "CV 14",
					   &w.d),
			 BC_ERR_REFUSED);
	world_close(&w);
	test_rm_tree(dir);
	free(dir);
}

/* A recorded period keeps the shared holidays it was recorded with: its
 * kinds' deadlines are counted again on them, not on the file as it is
 * now. */
static void recorded_period_keeps_shared_holidays(void **state)
{
	char *dir = rules_with_deadlines(true);
	world w;
	world_open(&w, dir);
	record(&w, "2026-Q1");
	bc_srcset kept = BC_SRCSET_INIT;
	bc_period p;
	get_ok(&w, "2026-Q1", &p);
	assert_int_equal(bc_store_ruleset_sources(w.st, "test-deadlines",
						  p.rs->hash, &kept, &w.d),
			 BC_OK);
	bc_srcset_sort(&kept);
	assert_non_null(bc_srcset_find(&kept, "_common/holidays-vn.lua"));
	bc_srcset_free(&kept);
	bc_period_free(&p);

	/* Thursday 12/03/2026 becomes a day off in the shared file. */
	char *common = test_path(dir, "_common");
	char *text = test_read(common, "holidays-vn.lua");
	char *more = malloc(strlen(text) + 128);
	assert_non_null(more);
	sprintf(more, "%sholiday { date = \"2026-03-12\", label = \"x\" }\n",
		text);
	test_write(common, "holidays-vn.lua", more);
	free(more);
	free(text);
	free(common);
	bc_rulebook_free(w.rb);
	w.rb = NULL;
	load_rules(&w, dir);

	get_ok(&w, "2026-Q1", &p);
	assert_true(p.rules_changed);
	assert_date(bc_period_unit_due(&p, "commune", NULL), "2026-03-13");
	bc_period_free(&p);
	/* The current version counts on the file as it is now: communes
	 * (level xa, after the kind town) would be due 16/03. */
	const bc_ruleset *cur = bc_rulebook_find(w.rb, "test-deadlines");
	int n;
	const bc_period_type *pt = bc_ruleset_period_type(cur, "Q1", &n);
	bc_date at;
	assert_int_equal(bc_due_date(cur, &pt->unit_due_for[1].due, 2026,
				     day("2026-03-10"), &at),
			 BC_DAY_WORKING);
	assert_date(at, "2026-03-16");
	world_close(&w);
	test_rm_tree(dir);
	free(dir);
}

/* ---- a directive that arrives late -------------------------------------- */

/* The rulebook of the rules directory dir, instead of w's. */
static void reload(world *w, const char *dir)
{
	bc_rulebook_free(w->rb);
	w->rb = NULL;
	load_rules(w, dir);
}

/* Moves recorded period code to the ruleset in force for it now, by
 * document doc, in a transaction of its own. */
static void move(world *w, const char *code, const char *doc)
{
	bc_period p;
	int64_t id = 0;
	get_ok(w, code, &p);
	const bc_ruleset *now = bc_period_rules_now(w->rb, &p);
	assert_non_null(now);
	assert_int_equal(bc_store_begin(w->st, &w->d), BC_OK);
	assert_int_equal(bc_period_move(w->st, &p, now, &w->d), BC_OK);
	assert_int_equal(bc_period_move_log(w->st, &p, now, doc, 0, &id, &w->d),
			 BC_OK);
	assert_true(id > 0);
	assert_int_equal(bc_store_commit(w->st, &w->d), BC_OK);
	bc_period_free(&p);
}

/* The periods bc_period_stale lists, by code, separated by spaces. */
static void expect_stale(world *w, const char *want)
{
	bc_stale *v;
	size_t n;
	char got[256] = "";
	assert_int_equal(bc_period_stale(w->st, w->rb, &v, &n, &w->d), BC_OK);
	for (size_t i = 0; i < n; i++) {
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s",
			 i ? " " : "", v[i].code);
		assert_string_equal(v[i].now->id, "late-new");
		assert_string_equal(v[i].ruleset, "late-old");
	}
	assert_string_equal(got, want);
	bc_period_stale_free(v, n);
}

static void late_directive_moves_period(void **state)
{
	char *old = test_rules_late(false), *both = test_rules_late(true);
	world w;
	world_open(&w, old);
	record(&w, "2023-Q1");
	record(&w, "2022-Q1");
	reload(&w, both);
	/* Recorded before late-new arrived: it keeps late-old. */
	bc_period p;
	get_ok(&w, "2023-Q1", &p);
	assert_string_equal(p.rs->id, "late-old");
	assert_date(p.unit_due, "2023-02-28");
	assert_string_equal(bc_period_rules_now(w.rb, &p)->id, "late-new");
	bc_period_free(&p);
	/* 2022-Q1 is late-old's still. */
	expect_stale(&w, "2023-Q1");

	move(&w, "2023-Q1", "1131/SNV-CCHC");
	get_ok(&w, "2023-Q1", &p);
	assert_string_equal(p.rs->id, "late-new");
	assert_date(p.unit_due, "2023-02-20");
	assert_date(p.rules_unit_due, "2023-02-20");
	assert_date(p.to, "2023-03-10");
	bc_move *m;
	size_t n;
	assert_int_equal(bc_period_moves(w.st, &p, &m, &n, &w.d), BC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].from, "late-old");
	assert_string_equal(m[0].to, "late-new");
	assert_string_equal(m[0].to_hash, p.rs->hash);
	assert_string_equal(m[0].doc, "1131/SNV-CCHC");
	assert_int_equal(m[0].moved_at, 1700000000);
	bc_period_moves_free(m, n);
	bc_period_free(&p);
	expect_stale(&w, "");
	/* Both versions are kept; the move is in the audit. */
	assert_int_equal(count_rows(&w, "ruleset"), 2);
	assert_int_equal(count_rows(&w, "period_move"), 1);
	world_close(&w);
	test_rm_tree(old);
	test_rm_tree(both);
	free(old);
	free(both);
}

/* An advance made under the rules left holds while it is earlier than
 * the new rules' deadline; a later one no longer counts. */
static void advance_after_move(void **state)
{
	char *old = test_rules_late(false), *both = test_rules_late(true);
	world w;
	world_open(&w, old);
	assert_int_equal(bc_period_advance(w.st, w.rb, "2023-H1",
					   day("2023-05-20"), "99/UBND-NV",
					   &w.d),
			 BC_OK);
	assert_int_equal(bc_period_advance(w.st, w.rb, "2024-H1",
					   day("2024-05-10"), "98/UBND-NV",
					   &w.d),
			 BC_OK);
	reload(&w, both);
	move(&w, "2023-H1", "1131/SNV-CCHC");
	move(&w, "2024-H1", "1131/SNV-CCHC");
	bc_period p;
	get_ok(&w, "2023-H1", &p);
	assert_date(p.unit_due, "2023-05-15");
	assert_null(p.advanced_doc);
	bc_period_free(&p);
	get_ok(&w, "2024-H1", &p);
	assert_date(p.unit_due, "2024-05-10");
	assert_date(p.rules_unit_due, "2024-05-15");
	assert_string_equal(p.advanced_doc, "98/UBND-NV");
	bc_period_free(&p);
	world_close(&w);
	test_rm_tree(old);
	test_rm_tree(both);
	free(old);
	free(both);
}

static void adhoc_move(void **state)
{
	char *old = test_rules_late(false), *both = test_rules_late(true);
	world w;
	world_open(&w, old);
	bc_adhoc a = {.code = "2023-DX1", .from = day("2023-04-01"),
		      .to = day("2023-04-30"), .unit_due = day("2023-05-05"),
		      .compile_due = BC_DATE_NONE, .doc = "12/UBND-NV",
		      .forms = "vb"};
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d), BC_OK);
	a.code = "2023-DX2";
	a.forms = "hs,report";
	assert_int_equal(bc_period_add_adhoc(w.st, w.rb, &a, &w.d), BC_OK);
	reload(&w, both);
	expect_stale(&w, "2023-DX1 2023-DX2");

	/* late-new has no vb: the period that asks for it cannot move. */
	bc_period p;
	get_ok(&w, "2023-DX1", &p);
	assert_int_equal(bc_store_begin(w.st, &w.d), BC_OK);
	assert_int_equal(bc_period_move(w.st, &p, bc_period_rules_now(w.rb, &p),
					&w.d),
			 BC_ERR_REFUSED);
	bc_store_rollback(w.st);
	assert_true(test_diags_have(&w.d, "2023-DX1 asks for vb, which is no "
					  "form of ruleset late-new"));
	bc_period_free(&p);

	move(&w, "2023-DX2", "1131/SNV-CCHC");
	get_ok(&w, "2023-DX2", &p);
	assert_string_equal(p.rs->id, "late-new");
	assert_date(p.from, "2023-04-01");
	assert_date(p.unit_due, "2023-05-05");
	assert_string_equal(p.forms, "hs,report");
	assert_string_equal(p.doc, "12/UBND-NV");
	bc_period_free(&p);
	expect_stale(&w, "2023-DX1");
	world_close(&w);
	test_rm_tree(old);
	test_rm_tree(both);
	free(old);
	free(both);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(code_parse_accepts),
		cmocka_unit_test(code_parse_refuses),
		cmocka_unit_test(code_parse_any_case),
		cmocka_unit_test(codes_in_any_case),
		cmocka_unit_test(schedule_of_2023),
		cmocka_unit_test(unknown_periods),
		cmocka_unit_test(advance_h1),
		cmocka_unit_test(advance_refused),
		cmocka_unit_test(adhoc_created),
		cmocka_unit_test(adhoc_refused),
		cmocka_unit_test(adhoc_unknown_forms),
		cmocka_unit_test(advances_kept),
		cmocka_unit_test(calendar_2023),
		cmocka_unit_test(recorded_period_keeps_ruleset),
		cmocka_unit_test(recorded_period_keeps_version),
		cmocka_unit_test(working_day_deadlines),
		cmocka_unit_test(missing_holidays_named),
		cmocka_unit_test(advance_keeps_earlier_own_deadlines),
		cmocka_unit_test(recorded_period_keeps_shared_holidays),
		cmocka_unit_test(late_directive_moves_period),
		cmocka_unit_test(advance_after_move),
		cmocka_unit_test(adhoc_move),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

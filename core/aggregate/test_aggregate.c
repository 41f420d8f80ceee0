/* SPDX-License-Identifier: MIT */
/*
 * The aggregate of a period (docs/cli.md, `aggregate`), on a fixture small
 * enough to add up by hand: a province over two districts, the first with
 * two departments (Văn phòng HĐND-UBND, Phòng Nội vụ) and three communes,
 * the second with one commune.  Every expected figure is a literal with
 * its arithmetic beside it, so a wrong figure points at either the
 * program or the comment, never at a second implementation of the rules.
 *
 * The rulebook's Lua state allocates through cmocka and cmocka checks for
 * leaks when a test function returns, before its teardown: so each test
 * opens the store and rules itself and closes them before it returns; the
 * teardown only cleans up after a test that failed half-way.
 */
#include "test.h"

#include "aggregate.h"
#include "date.h"
#include "feed.h"
#include "import.h"
#include "jsonout.h"
#include "review.h"
#include "rulebook.h"
#include "store.h"
#include "twins.h"
#include "unit.h"

#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <math.h>
#include <time.h>

typedef struct fx {
	char *dir;
	bc_store *st;
	bc_rulebook *rb;
	bc_diags d;
	json_t *agg; /* the last aggregate */
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = test_tmpdir();
	*state = f;
	return 0;
}

static void fx_close(fx *f)
{
	json_decref(f->agg);
	f->agg = NULL;
	bc_diags_free(&f->d);
	if (f->rb)
		bc_rulebook_free(f->rb);
	if (f->st)
		bc_store_close(f->st);
	f->rb = NULL;
	f->st = NULL;
}

static int teardown(void **state)
{
	fx *f = *state;
	fx_close(f);
	test_rm_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* A fresh store (in the test's own directory) at the clock now, and
 * the rules of directory rules. */
static void fx_open_at(fx *f, const char *now_text, const char *rules)
{
	char *db = test_path(f->dir, "baocao.db");
	if (bc_store_open(db, true, &f->st, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("cannot create the database");
	}
	free(db);
	/* Every file gives its received_at; the clock only keeps anything
	 * that would read it from depending on the day the test runs. */
	bc_time now;
	assert_true(bc_time_parse(now_text, 420, &now, NULL));
	bc_store_set_clock(f->st, now);
	if (bc_rulebook_load(rules, NULL, &f->rb, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("the rules do not load from %s", rules);
	}
}

/* Imports units.csv holding text: n units, all added. */
static void fx_units(fx *f, const char *text, int n)
{
	test_write(f->dir, "units.csv", text);
	char *units = test_path(f->dir, "units.csv");
	bc_units_import_result res;
	if (bc_units_import(f->st, f->rb, units, &res, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("the test's units do not import");
	}
	free(units);
	assert_int_equal(res.added, n);
	bc_diags_free(&f->d);
}

/* A fresh store, the shipped rules and the units above. */
static void fx_open(fx *f)
{
	char *rules = test_path(test_source_root(), "rules");
	fx_open_at(f, "2023-03-01T10:00:00+07:00", rules);
	free(rules);
	/* A province at the top so that --by district has two districts to
	 * split into; the departments and communes of huyen-a, and one
	 * commune of huyen-b.  No B sections are sent, so the departments'
	 * roles matter only for the forms they owe: vp-ubnd owes bm3,
	 * noi-vu bm1, bm4, bm5. */
	char *units_csv = test_fixture_read("units-two-districts.csv");
	fx_units(f, units_csv, 9);
	free(units_csv);
}

/* Writes one submission as dir/name and imports it; it must be
 * accepted (warnings — late, estimated, unlike last year — are fine). */
static void submit(fx *f, const char *name, const char *unit,
		   const char *period, const char *at, bool estimated,
		   const char *forms)
{
	size_t n = strlen(forms) + 1024;
	char *text = malloc(n);
	assert_non_null(text);
	test_texts *tx = test_texts_load("submission-samples.txt");
	snprintf(text, n,
		 "{\"unit\": \"%s\", \"period\": \"%s\",\n"
		 " \"signed_by\": {\"name\": \"%s\", \"title\": \"%s\"},\n"
		 " \"received_at\": \"%s\", \"estimated\": %s,\n"
		 " \"forms\": {%s}}\n",
		 unit, period, test_texts_get(tx, "signer_name"),
		 test_texts_get(tx, "signer_title"), at,
		 estimated ? "true" : "false", forms);
	test_texts_free(tx);
	test_write(f->dir, name, text);
	free(text);
	char *path = test_path(f->dir, name);
	bc_import_opts o = {.tz_offset = 420};
	bc_import_result res = {0};
	bc_err rc = bc_import_file(f->st, f->rb, path, &o, false, &res, &f->d);
	bool ok = rc == BC_OK && res.accepted;
	bc_import_result_free(&res);
	free(path);
	if (!ok) {
		test_diags_print(&f->d);
		fail_msg("%s: refused", name);
	}
	bc_diags_free(&f->d);
}

#define AT_2023 "2023-02-20T09:00:00+07:00"
#define AT_2022 "2022-02-20T09:00:00+07:00"

/* Everything of 2023-Q1 except the two later revisions of xa-3's bm3:
 * xa-3's bm3 here is revision 1, received 2023-02-20, estimated.  The
 * forms, and what their numbers add up to, are in
 * tests/data/aggregate-base-2023-q1.txt, one [file] each. */
static void load_base(fx *f)
{
	static const struct {
		const char *file, *unit;
		bool estimated;
	} base[] = {
		{"vp-ubnd", "vp-ubnd", false}, {"noi-vu", "noi-vu", false},
		{"xa-1", "xa-1", false},       {"xa-2", "xa-2", false},
		{"xa-2-bm6", "xa-2", true},    {"xa-3", "xa-3", false},
		{"xa-3-bm3-r1", "xa-3", true}, {"xa-b1", "xa-b1", false},
	};
	test_texts *tx = test_texts_load("aggregate-base-2023-q1.txt");
	for (size_t i = 0; i < sizeof base / sizeof *base; i++) {
		char name[32];
		snprintf(name, sizeof name, "%s.json", base[i].file);
		submit(f, name, base[i].unit, "2023-Q1", AT_2023,
		       base[i].estimated, test_texts_get(tx, base[i].file));
	}
	test_texts_free(tx);
}

/* The later submissions write bm3 out in full too, adding up as
 * tests/data/aggregate-base-2023-q1.txt says. */

/* xa-3's bm3 of 50 dossiers, not an estimate: 30 + 20 = 50 received,
 * 20 + 20 + 10 = 50 settled. */
static const char XA3_BM3_50[] =
	"\"bm3\": {\"tthc_tong\": 80,"
	" \"hs_ky_truoc\": 0, \"hs_truc_tuyen\": 30, \"hs_truc_tiep\": 20,"
	" \"hs_tiep_nhan\": 50,"
	" \"hs_truoc_han\": 20, \"hs_dung_han\": 20, \"hs_qua_han\": 10,"
	" \"hs_da_giai_quyet\": 50,"
	" \"hs_dang_trong_han\": 0, \"hs_dang_qua_han\": 0,"
	" \"hs_dang_giai_quyet\": 0, \"hs_xin_loi\": 5}";

/* xa-3 bm3 revision 2, received later (2023-02-25): XA3_BM3_50. */
static void load_xa3_r2(fx *f)
{
	submit(f, "xa-3-bm3-r2.json", "xa-3", "2023-Q1",
	       "2023-02-25T09:00:00+07:00", false, XA3_BM3_50);
}

/* xa-3 bm3 revision 3: imported last but received 2023-02-22, before
 * revision 2, so never in force; flagged estimated, which must then not
 * count either.  Figures far off (1000 dossiers) so that any use of them
 * shows. */
static void load_xa3_r3(fx *f)
{
	submit(f, "xa-3-bm3-r3.json", "xa-3", "2023-Q1",
	       "2023-02-22T09:00:00+07:00", true,
	       "\"bm3\": {\"tthc_tong\": 90,"
	       " \"hs_ky_truoc\": 0, \"hs_truc_tuyen\": 500, \"hs_truc_tiep\": 500,"
	       " \"hs_tiep_nhan\": 1000,"
	       " \"hs_truoc_han\": 1000, \"hs_dung_han\": 0, \"hs_qua_han\": 0,"
	       " \"hs_da_giai_quyet\": 1000,"
	       " \"hs_dang_trong_han\": 0, \"hs_dang_qua_han\": 0,"
	       " \"hs_dang_giai_quyet\": 0, \"hs_xin_loi\": 0}");
}

/* 2022-Q1, for --compare: bm3 of vp-ubnd and xa-1 only. */
static void load_2022(fx *f)
{
	/* 40 + 40 = 80 received, 40 + 30 + 10 = 80 settled (87.5 %); 10
	 * late, 10 apologised for (100 %); 5 complaints (a field nobody
	 * reports in 2023). */
	submit(f, "vp-ubnd-2022.json", "vp-ubnd", "2022-Q1", AT_2022, false,
	       "\"bm3\": {\"tthc_tong\": 100,"
	       " \"hs_ky_truoc\": 0, \"hs_truc_tuyen\": 40, \"hs_truc_tiep\": 40,"
	       " \"hs_tiep_nhan\": 80,"
	       " \"hs_truoc_han\": 40, \"hs_dung_han\": 30, \"hs_qua_han\": 10,"
	       " \"hs_da_giai_quyet\": 80,"
	       " \"hs_dang_trong_han\": 0, \"hs_dang_qua_han\": 0,"
	       " \"hs_dang_giai_quyet\": 0, \"hs_xin_loi\": 10,"
	       " \"pakn_tiep_nhan\": 5}");
	/* 10 + 10 = 20 received, 10 + 5 + 5 = 20 settled (75 %); 5 late,
	 * 2 apologised for (40 %). */
	submit(f, "xa-1-2022.json", "xa-1", "2022-Q1", AT_2022, false,
	       "\"bm3\": {\"tthc_tong\": 50,"
	       " \"hs_ky_truoc\": 0, \"hs_truc_tuyen\": 10, \"hs_truc_tiep\": 10,"
	       " \"hs_tiep_nhan\": 20,"
	       " \"hs_truoc_han\": 10, \"hs_dung_han\": 5, \"hs_qua_han\": 5,"
	       " \"hs_da_giai_quyet\": 20,"
	       " \"hs_dang_trong_han\": 0, \"hs_dang_qua_han\": 0,"
	       " \"hs_dang_giai_quyet\": 0, \"hs_xin_loi\": 2}");
}

/* The whole of 2023-Q1: in force for xa-3's bm3 is revision 2. */
static void load_2023(fx *f)
{
	load_base(f);
	load_xa3_r2(f);
	load_xa3_r3(f);
}

/* bm1 of 2023-Q1 from each of n units, with kinh_phi_cchc only, for a
 * test to set to sums too large. */
static void load_bm1(fx *f, const char *const *units, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "%s.json", units[i]);
		submit(f, name, units[i], "2023-Q1", AT_2023, false,
		       "\"bm1\": {\"kinh_phi_cchc\": 0.5}");
	}
}

static void aggregate(fx *f, const char *period, bool compare, const char *by)
{
	json_decref(f->agg);
	f->agg = NULL;
	bc_agg_opts o = {.compare = compare, .by = by, .rows = true};
	if (bc_aggregate(f->st, f->rb, period, &o, &f->agg, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("aggregate %s failed", period);
	}
	assert_non_null(f->agg);
	bc_diags_free(&f->d);
}

/* ---- reading the result --------------------------------------------- */

/* The value at a dotted path ("forms.bm3.units.xa"); fails when a key is
 * absent, so that an absent key is never taken for a null. */
static json_t *at(fx *f, const char *path)
{
	char buf[512], *save = NULL;
	snprintf(buf, sizeof buf, "%s", path);
	json_t *v = f->agg;
	for (char *k = strtok_r(buf, ".", &save); k;
	     k = strtok_r(NULL, ".", &save)) {
		json_t *next = json_is_object(v) ? json_object_get(v, k) : NULL;
		if (!next) {
			char *dump = json_dumps(v, JSON_COMPACT);
			printf("# at %s: %s\n", k, dump ? dump : "?");
			free(dump);
			fail_msg("%s: no key '%s'", path, k);
		}
		v = next;
	}
	return v;
}

static bool has(fx *f, const char *path, const char *key)
{
	return json_object_get(at(f, path), key) != NULL;
}

static void expect_null(fx *f, const char *path)
{
	json_t *v = at(f, path);
	if (!json_is_null(v)) {
		char *dump = json_dumps(v, JSON_ENCODE_ANY);
		printf("# %s = %s\n", path, dump ? dump : "?");
		free(dump);
		fail_msg("%s: expected null", path);
	}
}

/* A number, to one decimal at most: the figures are rounded by the
 * program, so the comparison is exact up to float noise. */
static void expect_num(fx *f, const char *path, double want)
{
	json_t *v = at(f, path);
	if (!json_is_number(v) || fabs(json_number_value(v) - want) > 1e-9) {
		char *dump = json_dumps(v, JSON_ENCODE_ANY);
		printf("# %s = %s\n", path, dump ? dump : "?");
		free(dump);
		fail_msg("%s: expected %g", path, want);
	}
}

/* A count is a JSON integer, not 2.0. */
static void expect_int(fx *f, const char *path, json_int_t want)
{
	json_t *v = at(f, path);
	if (!json_is_integer(v) || json_integer_value(v) != want) {
		char *dump = json_dumps(v, JSON_ENCODE_ANY);
		printf("# %s = %s\n", path, dump ? dump : "?");
		free(dump);
		fail_msg("%s: expected %lld", path, (long long)want);
	}
}

static void expect_str(fx *f, const char *path, const char *want)
{
	json_t *v = at(f, path);
	if (!json_is_string(v) || strcmp(json_string_value(v), want)) {
		char *dump = json_dumps(v, JSON_ENCODE_ANY);
		printf("# %s = %s\n", path, dump ? dump : "?");
		free(dump);
		fail_msg("%s: expected \"%s\"", path, want);
	}
}

/* An array of strings, compared whole (as compact JSON). */
static void expect_json(fx *f, const char *path, const char *want)
{
	json_t *v = at(f, path);
	json_t *w = json_loads(want, JSON_DECODE_ANY, NULL);
	assert_non_null(w);
	bool same = json_equal(v, w);
	json_decref(w);
	if (!same) {
		char *dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		printf("# %s = %s\n", path, dump ? dump : "?");
		free(dump);
		fail_msg("%s: expected %s", path, want);
	}
}

/* The three levels of an object at path: value or NAN for null. */
static void expect_levels(fx *f, const char *path, double huyen, double xa,
			  double total)
{
	const char *keys[3] = {"huyen", "xa", "total"};
	double want[3] = {huyen, xa, total};
	for (int i = 0; i < 3; i++) {
		char p[512];
		snprintf(p, sizeof p, "%s.%s", path, keys[i]);
		if (isnan(want[i]))
			expect_null(f, p);
		else
			expect_num(f, p, want[i]);
	}
}

#define NUL NAN

/* ---- the tests ------------------------------------------------------- */

/* Sum fields per level and in total; snap fields are summed across units
 * too (never across periods, which one aggregate does not do). */
static void test_sums(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, NULL);
	expect_str(f, "period", "2023-Q1");
	expect_str(f, "ruleset", "cchc-1131");
	expect_str(f, "forms.bm3.fields.hs_tiep_nhan.method", "sum");
	/* huyen: vp-ubnd 100; xa: 10 + 200 + 50 (xa-3 r2) + 30 = 290;
	 * total 100 + 290 = 390. */
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 290, 390);
	/* huyen 80; xa 10 + 200 + 50 + 30 = 290; total 370. */
	expect_levels(f, "forms.bm3.fields.hs_da_giai_quyet", 80, 290, 370);
	/* Stocks: huyen 100; xa 50 + 60 + 80 + 40 = 230; total 330. */
	expect_str(f, "forms.bm3.fields.tthc_tong.method", "snap");
	expect_levels(f, "forms.bm3.fields.tthc_tong", 100, 230, 330);
	/* A 0 that was reported is 0: huyen 20, xa 0 + 0 + 0 + 0. */
	expect_levels(f, "forms.bm3.fields.hs_dang_giai_quyet", 20, 0, 20);
	fx_close(f);
}

/* An amount as the aggregate holds it, exactly: its digits as the JSON
 * text writes them. */
static void expect_amount(fx *f, const char *path, const char *want)
{
	char buf[64];
	if (!bc_json_num_text(at(f, path), buf, sizeof buf) || strcmp(buf, want))
		fail_msg("%s: %s, not %s", path, buf, want);
}

/* Money adds up to the hundredth at any size: in doubles
 * 99999999999999.99 is …99.98, and …99.99 twice is …99.97. */
static void test_money_exact(void **state)
{
	fx *f = *state;
	fx_open(f);
	submit(f, "x1.json", "xa-1", "2023-Q1", AT_2023, false,
	       "\"bm1\": {\"kinh_phi_cchc\": 99999999999999.99}");
	submit(f, "x2.json", "xa-2", "2023-Q1", AT_2023, false,
	       "\"bm1\": {\"kinh_phi_cchc\": \"99999999999999.99\"}");
	submit(f, "nv.json", "noi-vu", "2023-Q1", AT_2023, false,
	       "\"bm1\": {\"kinh_phi_cchc\": 12345678901234.56}");
	submit(f, "b1.json", "xa-b1", "2023-Q1", AT_2023, false,
	       "\"bm1\": {\"kinh_phi_cchc\": 0.01}");
	aggregate(f, "2023-Q1", false, "district");
	/* xa: 99999999999999.99 × 2 + 0.01; huyen 12345678901234.56. */
	expect_amount(f, "forms.bm1.fields.kinh_phi_cchc.xa",
		      "199999999999999.99");
	expect_amount(f, "forms.bm1.fields.kinh_phi_cchc.huyen",
		      "12345678901234.56");
	expect_amount(f, "forms.bm1.fields.kinh_phi_cchc.total",
		      "212345678901234.55");
	expect_amount(f, "by.huyen-a.forms.bm1.fields.kinh_phi_cchc.xa",
		      "199999999999999.98");
	expect_amount(f, "by.huyen-b.forms.bm1.fields.kinh_phi_cchc.total",
		      "0.01");
	/* As the JSON text has it: a bare number with its digits. */
	char *text = bc_json_dumps(at(f, "forms.bm1.fields.kinh_phi_cchc"),
				   JSON_COMPACT);
	assert_string_equal(text, "{\"method\":\"sum\",\"huyen\":"
				  "12345678901234.56,\"xa\":199999999999999.99,"
				  "\"total\":212345678901234.55}");
	bc_free(text);
	fx_close(f);
}

/* A sum past 18 digits, which only a database written by another hand
 * can hold, is refused with what it is, never wrapped round. */
static void test_sum_too_large(void **state)
{
	fx *f = *state;
	fx_open(f);
	static const char *const units[] = {"xa-1", "xa-2", "xa-3"};
	load_bm1(f, units, 3);
	char *err = NULL;
	sqlite3 *db = bc_store_db(f->st);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER value_kept;"
					  "UPDATE value SET cents ="
					  " 4611686018427387904"
					  " WHERE field = 'kinh_phi_cchc'",
				      NULL, NULL, &err),
			 SQLITE_OK);
	bc_agg_opts o = {0};
	assert_int_equal(bc_aggregate(f->st, f->rb, "2023-Q1", &o, &f->agg,
				      &f->d),
			 BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, "bm1.kinh_phi_cchc: the sum at "
					   "level xa has more digits than "
					   "baocao adds exactly (18)"));
	fx_close(f);
}

/* A level where nobody reported a field is null, not 0; the total is the
 * other level's; null only when every level is. */
static void test_null_levels(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, NULL);
	/* thon_khoi is asked of communes only: xa 8 + 10 = 18. */
	expect_levels(f, "forms.bm4.fields.thon_khoi", NUL, 18, 18);
	/* co_quan_chuyen_mon of the huyện only: noi-vu 12. */
	expect_levels(f, "forms.bm4.fields.co_quan_chuyen_mon", 12, NUL, 12);
	/* Asked of both, reported by nobody. */
	expect_levels(f, "forms.bm4.fields.hd_lao_dong", NUL, NUL, NUL);
	/* huyen 20; xa 5 + 6 = 11; total 31. */
	expect_levels(f, "forms.bm4.fields.bien_che_giao", 20, 11, 31);
	/* bm2 is owed by communes only here (no tu_phap department): the
	 * communes' reported zeros are 0, the huyện's silence null. */
	expect_levels(f, "forms.bm2.fields.vb_trai_luat", NUL, 0, 0);
	/* xa: 3 + 2. */
	expect_levels(f, "forms.bm2.fields.vb_kiem_tra", NUL, 5, 5);
	/* bm3.pakn_tiep_nhan: nobody reported it in 2023. */
	expect_levels(f, "forms.bm3.fields.pakn_tiep_nhan", NUL, NUL, NUL);
	/* A form nobody sent is there all the same, every figure null. */
	expect_levels(f, "forms.bm1.fields.vb_chi_dao", NUL, NUL, NUL);
	expect_levels(f, "forms.bm1.indicators.ty_le_hai_long", NUL, NUL, NUL);
	expect_int(f, "forms.bm1.units.huyen", 0);
	expect_int(f, "forms.bm1.units.xa", 0);
	fx_close(f);
}

/* count_true counts the units that said true, not those that answered. */
static void test_count_true(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, NULL);
	expect_str(f, "forms.bm6.fields.cong_khai_ngan_sach.method",
		   "count_true");
	/* xa-1 true, xa-2 false, xa-3 true: 2 (3 answered). */
	expect_levels(f, "forms.bm6.fields.cong_khai_ngan_sach", NUL, 2, 2);
	expect_int(f, "forms.bm6.units.xa", 3);
	fx_close(f);
}

/* count_by: counts per value of the column per level, the total adding
 * the levels; the rows listed with their unit. */
static void test_count_by(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, NULL);
	const char *vb = "forms.pl1b.fields.van_ban";
	expect_str(f, "forms.pl1b.fields.van_ban.method", "count_by");
	expect_str(f, "forms.pl1b.fields.van_ban.by", "loai");
	/* huyen: vp-ubnd ke_hoach, cong_van; noi-vu ke_hoach. */
	expect_json(f, "forms.pl1b.fields.van_ban.huyen",
		    "{\"ke_hoach\": 2, \"cong_van\": 1}");
	/* xa: xa-1 ke_hoach, quyet_dinh; xa-2 none (an empty table);
	 * xa-3 cong_van; xa-b1 bao_cao. */
	expect_json(f, "forms.pl1b.fields.van_ban.xa",
		    "{\"ke_hoach\": 1, \"quyet_dinh\": 1, \"cong_van\": 1,"
		    " \"bao_cao\": 1}");
	expect_json(f, "forms.pl1b.fields.van_ban.total",
		    "{\"ke_hoach\": 3, \"cong_van\": 2, \"quyet_dinh\": 1,"
		    " \"bao_cao\": 1}");
	/* Every row, with its unit and its row number in that unit's table:
	 * 2 + 1 + 2 + 0 + 1 + 1 = 7. */
	json_t *rows = at(f, "forms.pl1b.fields.van_ban.rows");
	assert_true(json_is_array(rows));
	assert_int_equal(json_array_size(rows), 7);
	test_texts *tx = test_texts_load("aggregate-base-2023-q1.txt");
	const struct {
		const char *unit;
		int row;
		const char *so, *loai;
	} want[] = {
		{"noi-vu", 1, "3/KH-NV", "ke_hoach"},
		{"vp-ubnd", 1, "1/KH-VP", "ke_hoach"},
		{"vp-ubnd", 2, "2/VP-UBND", "cong_van"},
		{"xa-1", 1, "4/KH-UBND", "ke_hoach"},
		{"xa-1", 2, test_texts_get(tx, "xa1_decision_no"), "quyet_dinh"},
		{"xa-3", 1, "6/UBND-VP", "cong_van"},
		{"xa-b1", 1, "7/BC-UBND", "bao_cao"},
	};
	/* Found in any order: the contract lists the rows, not their order. */
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		bool found = false;
		for (size_t k = 0; k < json_array_size(rows) && !found; k++) {
			json_t *r = json_array_get(rows, k);
			const char *u = json_string_value(json_object_get(r, "unit"));
			const char *s = json_string_value(
				json_object_get(r, "so_ky_hieu"));
			const char *l = json_string_value(json_object_get(r, "loai"));
			found = u && s && l && !strcmp(u, want[i].unit) &&
				!strcmp(s, want[i].so) && !strcmp(l, want[i].loai) &&
				json_integer_value(json_object_get(r, "row")) ==
					want[i].row;
		}
		if (!found) {
			char *dump = json_dumps(rows, JSON_COMPACT);
			printf("# rows = %s\n", dump ? dump : "?");
			free(dump);
			fail_msg("%s: no row %d of %s (%s)", vb, want[i].row,
				 want[i].unit, want[i].so);
		}
	}
	test_texts_free(tx);
	/* pl1a by trang_thai, departments only: vp-ubnd ht_dung_han,
	 * ht_qua_han, dang_th, chua_th; noi-vu ht_dung_han ×2, dang_th. */
	expect_str(f, "forms.pl1a.fields.nhiem_vu.by", "trang_thai");
	expect_json(f, "forms.pl1a.fields.nhiem_vu.huyen",
		    "{\"ht_dung_han\": 3, \"ht_qua_han\": 1, \"dang_th\": 2,"
		    " \"chua_th\": 1}");
	expect_null(f, "forms.pl1a.fields.nhiem_vu.xa");
	expect_json(f, "forms.pl1a.fields.nhiem_vu.total",
		    "{\"ht_dung_han\": 3, \"ht_qua_han\": 1, \"dang_th\": 2,"
		    " \"chua_th\": 1}");
	assert_int_equal(json_array_size(at(f, "forms.pl1a.fields.nhiem_vu.rows")),
			 7);
	fx_close(f);
}

/* Ratios from summed numerators and denominators, not the mean of the
 * units' ratios; a unit that did not report every field of the indicator
 * is left out of its sums; one decimal. */
static void test_ratio(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, NULL);
	/* ty_le_dung_han = (truoc + dung) / da_giai_quyet:
	 *   huyen: (50 + 30) / 80 = 100
	 *   xa: xa-1 (4 + 4)/10, xa-2 (100 + 90)/200, xa-3 (20 + 20)/50;
	 *       xa-b1 sent da_giai_quyet 30 but no truoc/dung: left out.
	 *       (8 + 190 + 40) / (10 + 200 + 50) = 238 / 260 = 91.538 → 91.5
	 *       (the mean of the units' 80, 95, 80 would be 85; with xa-b1
	 *       in the denominator 238 / 290 = 82.1)
	 *   total: (80 + 238) / (80 + 260) = 318 / 340 = 93.529 → 93.5
	 *       (the mean of the levels would be 95.8). */
	expect_levels(f, "forms.bm3.indicators.ty_le_dung_han", 100, 91.5, 93.5);
	/* ty_le_truc_tuyen = truc_tuyen / (truc_tuyen + truc_tiep):
	 *   huyen 60 / 100 = 60
	 *   xa (5 + 150 + 30) / (10 + 200 + 50) = 185 / 260 = 71.15 → 71.2
	 *   total 245 / 360 = 68.06 → 68.1. */
	expect_levels(f, "forms.bm3.indicators.ty_le_truc_tuyen", 60, 71.2,
		      68.1);
	/* ty_le_bien_che = co_mat / giao: huyen 18 / 20 = 90;
	 * xa (5 + 4) / (5 + 6) = 9 / 11 = 81.82 → 81.8 (mean of units 83.3);
	 * total 27 / 31 = 87.10 → 87.1. */
	expect_levels(f, "forms.bm4.indicators.ty_le_bien_che", 90, 81.8, 87.1);
	/* ty_le_hoa_giai_thanh = thanh / tiep_nhan, communes only:
	 * (3 + 3) / (4 + 6) = 60 (mean of units 75 and 50 = 62.5). */
	expect_levels(f, "forms.bm2.indicators.ty_le_hoa_giai_thanh", NUL, 60,
		      60);
	fx_close(f);
}

/* A zero denominator gives null, never a division error; the total still
 * pools the levels that have one. */
static void test_zero_denominator(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, NULL);
	/* vb_da_xu_ly / vb_trai_luat: the communes found 0 + 0 documents
	 * unlawful (0 / 0), the huyện sends no bm2. */
	expect_levels(f, "forms.bm2.indicators.ty_le_xu_ly_trai_luat", NUL, NUL,
		      NUL);
	/* ty_le_xin_loi = xin_loi / (qua_han + dang_qua_han):
	 *   huyen 0 / (0 + 0): null
	 *   xa (1 + 10 + 5) / (2 + 10 + 10) = 16 / 22 = 72.73 → 72.7
	 *       (xa-b1 sent none of the three: left out)
	 *   total (0 + 16) / (0 + 22) = 72.7. */
	expect_levels(f, "forms.bm3.indicators.ty_le_xin_loi", NUL, 72.7, 72.7);
	fx_close(f);
}

/* The rows indicator of pl1a: finished tasks out of all tasks, pooled. */
static void test_rows_indicator(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, NULL);
	/* ht_dung_han or ht_qua_han: vp-ubnd 2 of 4, noi-vu 2 of 3:
	 * 4 / 7 = 57.14 → 57.1 (the mean of 50 and 66.7 would be 58.3). */
	expect_levels(f, "forms.pl1a.indicators.ty_le_hoan_thanh", 57.1, NUL,
		      57.1);
	fx_close(f);
}

/* The revision in force is the latest received, whatever the order of
 * import; its estimated flag is the one that counts. */
static void test_revisions(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_base(f);
	aggregate(f, "2023-Q1", false, NULL);
	/* xa-3 revision 1 (40 dossiers, estimated) in force:
	 * xa 10 + 200 + 40 + 30 = 280, total 100 + 280 = 380;
	 * tthc_tong xa 50 + 60 + 70 + 40 = 220;
	 * ty_le_dung_han xa (8 + 190 + 20) / (10 + 200 + 40) = 218 / 250 =
	 * 87.2, total (80 + 218) / (80 + 250) = 298 / 330 = 90.30 → 90.3. */
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 280, 380);
	expect_levels(f, "forms.bm3.fields.tthc_tong", 100, 220, 320);
	expect_levels(f, "forms.bm3.indicators.ty_le_dung_han", 100, 87.2, 90.3);
	expect_json(f, "estimated_units", "[\"xa-2\", \"xa-3\"]");

	/* Revision 2 (received 2023-02-25, 50 dossiers) replaces it: xa 290,
	 * total 390; xa-3's bm3 is no longer an estimate. */
	load_xa3_r2(f);
	aggregate(f, "2023-Q1", false, NULL);
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 290, 390);
	expect_levels(f, "forms.bm3.fields.tthc_tong", 100, 230, 330);
	expect_levels(f, "forms.bm3.indicators.ty_le_dung_han", 100, 91.5, 93.5);
	expect_json(f, "estimated_units", "[\"xa-2\"]");
	expect_int(f, "forms.bm3.units.xa", 4);

	/* Revision 3, imported after but received 2023-02-22, is not in
	 * force: nothing moves (it would make xa 1240, and xa-3 estimated). */
	load_xa3_r3(f);
	aggregate(f, "2023-Q1", false, NULL);
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 290, 390);
	expect_levels(f, "forms.bm3.fields.tthc_tong", 100, 230, 330);
	expect_levels(f, "forms.bm3.indicators.ty_le_dung_han", 100, 91.5, 93.5);
	expect_json(f, "estimated_units", "[\"xa-2\"]");
	expect_int(f, "forms.bm3.units.xa", 4);
	fx_close(f);
}

/* Units per form per level; the units that owe a form and have nothing
 * of it in force. */
static void test_units_and_missing(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, NULL);
	/* bm3: vp-ubnd; xa-1, xa-2, xa-3, xa-b1 (xa-3 once, whatever its
	 * three revisions). */
	expect_int(f, "forms.bm3.units.huyen", 1);
	expect_int(f, "forms.bm3.units.xa", 4);
	/* pl1b: both departments; all four communes (xa-2's empty table is
	 * a pl1b received). */
	expect_int(f, "forms.pl1b.units.huyen", 2);
	expect_int(f, "forms.pl1b.units.xa", 4);
	expect_int(f, "forms.pl1a.units.huyen", 2);
	expect_int(f, "forms.pl1a.units.xa", 0);
	expect_int(f, "forms.bm4.units.huyen", 1);
	expect_int(f, "forms.bm4.units.xa", 2);
	expect_int(f, "forms.bm2.units.huyen", 0);
	expect_int(f, "forms.bm2.units.xa", 2);
	/* Owed: bm1, bm4, bm5 by noi-vu and every commune; bm2, bm6, bm7 by
	 * the communes; bm3 by vp-ubnd and the communes; pl1a by the
	 * departments; pl1b by all six.  The districts and the province owe
	 * nothing.  Units listed in the tree's order. */
	expect_json(f, "missing_units.bm1",
		    "[\"noi-vu\", \"xa-1\", \"xa-2\", \"xa-3\", \"xa-b1\"]");
	expect_json(f, "missing_units.bm2", "[\"xa-3\", \"xa-b1\"]");
	expect_json(f, "missing_units.bm4", "[\"xa-3\", \"xa-b1\"]");
	expect_json(f, "missing_units.bm5",
		    "[\"noi-vu\", \"xa-1\", \"xa-2\", \"xa-3\", \"xa-b1\"]");
	expect_json(f, "missing_units.bm6", "[\"xa-b1\"]");
	expect_json(f, "missing_units.bm7",
		    "[\"xa-1\", \"xa-2\", \"xa-3\", \"xa-b1\"]");
	/* Nobody misses bm3, pl1a, pl1b; the narrative report is not a
	 * form of the aggregate. */
	assert_false(has(f, "missing_units", "bm3"));
	assert_false(has(f, "missing_units", "pl1a"));
	assert_false(has(f, "missing_units", "pl1b"));
	assert_false(has(f, "missing_units", "report"));
	/* xa-2's bm6 came from an estimated submission. */
	expect_json(f, "estimated_units", "[\"xa-2\"]");
	/* Without --by or --compare, neither appears. */
	assert_false(has(f, "", "by"));
	assert_false(has(f, "forms.bm3.fields.hs_tiep_nhan", "previous"));
	fx_close(f);
}

/* --compare: the same period of the previous year, change_pct for
 * fields, change_pp for indicators. */
static void test_compare(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2022(f);
	load_2023(f);
	aggregate(f, "2023-Q1", true, NULL);
	/* 2022: huyen 80, xa 20, total 100. */
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan.previous", 80, 20, 100);
	/* (100 − 80) / 80 = 25 %; (290 − 20) / 20 = 1350 %;
	 * (390 − 100) / 100 = 290 %. */
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan.change_pct", 25, 1350,
		      290);
	/* tthc_tong 2022: 100, 50, 150; now 100, 230, 330:
	 * 0 % (a change of 0 is 0, not null), 360 %, 120 %. */
	expect_levels(f, "forms.bm3.fields.tthc_tong.previous", 100, 50, 150);
	expect_levels(f, "forms.bm3.fields.tthc_tong.change_pct", 0, 360, 120);
	/* Previous 0 everywhere (now 20, 0, 20): no percentage. */
	expect_levels(f, "forms.bm3.fields.hs_dang_giai_quyet.previous", 0, 0, 0);
	expect_levels(f, "forms.bm3.fields.hs_dang_giai_quyet.change_pct", NUL,
		      NUL, NUL);
	/* Reported in 2022 only (vp-ubnd 5): now null, so no change. */
	expect_levels(f, "forms.bm3.fields.pakn_tiep_nhan.previous", 5, NUL, 5);
	expect_levels(f, "forms.bm3.fields.pakn_tiep_nhan.change_pct", NUL, NUL,
		      NUL);
	/* Reported in 2023 only (bm4): previous all null, no change. */
	expect_levels(f, "forms.bm4.fields.bien_che_giao.previous", NUL, NUL,
		      NUL);
	expect_levels(f, "forms.bm4.fields.bien_che_giao.change_pct", NUL, NUL,
		      NUL);
	/* ty_le_dung_han 2022: huyen (40 + 30) / 80 = 87.5; xa (10 + 5) / 20
	 * = 75; total 85 / 100 = 85.  Now 100, 91.5 (91.538), 93.5 (93.529):
	 * 12.5, 16.5, 8.5 points (the same from the rounded figures). */
	expect_levels(f, "forms.bm3.indicators.ty_le_dung_han.previous", 87.5,
		      75, 85);
	expect_levels(f, "forms.bm3.indicators.ty_le_dung_han.change_pp", 12.5,
		      16.5, 8.5);
	/* ty_le_xin_loi 2022: huyen 10 / 10 = 100; xa 2 / 5 = 40; total
	 * 12 / 15 = 80.  Now null, 72.7 (72.73), 72.7: null,
	 * 72.73 − 40 = 32.7, 72.73 − 80 = −7.3. */
	expect_levels(f, "forms.bm3.indicators.ty_le_xin_loi.previous", 100, 40,
		      80);
	expect_levels(f, "forms.bm3.indicators.ty_le_xin_loi.change_pp", NUL,
		      32.7, -7.3);
	/* Fields have change_pct, indicators change_pp, not the other. */
	assert_false(has(f, "forms.bm3.fields.hs_tiep_nhan", "change_pp"));
	assert_false(has(f, "forms.bm3.indicators.ty_le_dung_han", "change_pct"));
	/* The current figures are untouched by the comparison. */
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 290, 390);
	expect_levels(f, "forms.bm3.indicators.ty_le_dung_han", 100, 91.5, 93.5);
	fx_close(f);
}

/* --by district: the same figures for each district, from its own
 * units. */
static void test_by_district(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	aggregate(f, "2023-Q1", false, "district");
	/* Only the two districts, not the province nor a department. */
	assert_int_equal(json_object_size(at(f, "by")), 2);
	/* huyen-a: vp-ubnd 100; xa 10 + 200 + 50 = 260; total 360. */
	expect_int(f, "by.huyen-a.forms.bm3.units.huyen", 1);
	expect_int(f, "by.huyen-a.forms.bm3.units.xa", 3);
	expect_levels(f, "by.huyen-a.forms.bm3.fields.hs_tiep_nhan", 100, 260,
		      360);
	/* The same ratios as the whole, xa-b1 having been left out of them:
	 * 100, 238 / 260 = 91.5, 318 / 340 = 93.5. */
	expect_levels(f, "by.huyen-a.forms.bm3.indicators.ty_le_dung_han", 100,
		      91.5, 93.5);
	expect_json(f, "by.huyen-a.forms.pl1b.fields.van_ban.total",
		    "{\"ke_hoach\": 3, \"cong_van\": 2, \"quyet_dinh\": 1}");
	expect_json(f, "by.huyen-a.estimated_units", "[\"xa-2\"]");
	expect_json(f, "by.huyen-a.missing_units.bm2", "[\"xa-3\"]");
	assert_false(has(f, "by.huyen-a.missing_units", "bm6"));
	/* huyen-b: xa-b1 alone; no department, so huyen null (units 0);
	 * ty_le_dung_han has no unit that reported all its fields. */
	expect_int(f, "by.huyen-b.forms.bm3.units.huyen", 0);
	expect_int(f, "by.huyen-b.forms.bm3.units.xa", 1);
	expect_levels(f, "by.huyen-b.forms.bm3.fields.hs_tiep_nhan", NUL, 30, 30);
	expect_levels(f, "by.huyen-b.forms.bm3.fields.tthc_tong", NUL, 40, 40);
	expect_levels(f, "by.huyen-b.forms.bm3.indicators.ty_le_dung_han", NUL,
		      NUL, NUL);
	expect_json(f, "by.huyen-b.forms.pl1b.fields.van_ban.total",
		    "{\"bao_cao\": 1}");
	expect_json(f, "by.huyen-b.estimated_units", "[]");
	expect_json(f, "by.huyen-b.missing_units.bm1", "[\"xa-b1\"]");
	expect_json(f, "by.huyen-b.missing_units.bm7", "[\"xa-b1\"]");
	assert_false(has(f, "by.huyen-b.missing_units", "bm3"));
	assert_false(has(f, "by.huyen-b.missing_units", "pl1b"));
	/* The whole is still there beside the districts. */
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 290, 390);
	fx_close(f);
}

/* --compare with --by: docs/cli.md gives every field and indicator object a
 * `previous`, and --by "the same figures" per district, so each
 * district's figures carry their own previous year too. */
static void test_compare_by(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2022(f);
	load_2023(f);
	aggregate(f, "2023-Q1", true, "district");
	/* huyen-a holds both units that reported in 2022: 80, 20, 100;
	 * now 100, 260, 360: 25 %, 1200 %, 260 %. */
	expect_levels(f, "by.huyen-a.forms.bm3.fields.hs_tiep_nhan.previous", 80,
		      20, 100);
	expect_levels(f, "by.huyen-a.forms.bm3.fields.hs_tiep_nhan.change_pct",
		      25, 1200, 260);
	/* huyen-b reported nothing in 2022. */
	expect_levels(f, "by.huyen-b.forms.bm3.fields.hs_tiep_nhan.previous",
		      NUL, NUL, NUL);
	fx_close(f);
}

/* bc_aggregate_open hands over the members of "by" one at a time: the
 * head with "by" empty in its place, then each district in order, with
 * its previous year; put together, byte for byte bc_aggregate's. */
static void test_groups_one_at_a_time(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2022(f);
	load_2023(f);
	aggregate(f, "2023-Q1", true, "district");
	const size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
	char *whole = bc_json_dumps(f->agg, flags);
	bc_agg_opts o = {.compare = true, .by = "district", .rows = true};
	json_t *head = NULL, *m;
	bc_agg_groups *g = NULL;
	assert_int_equal(bc_aggregate_open(f->st, f->rb, "2023-Q1", &o, &head,
					   &g, &f->d),
			 BC_OK);
	json_t *by = json_object_get(head, "by");
	assert_int_equal(json_object_size(by), 0);
	const char *code, *want[] = {"huyen-a", "huyen-b"};
	size_t n = 0;
	while (bc_agg_groups_next(g, &code, &m) == BC_OK && m) {
		assert_true(n < 2);
		assert_string_equal(code, want[n++]);
		assert_non_null(json_object_get(
			json_object_get(json_object_get(
						json_object_get(json_object_get(
									m, "forms"),
								"bm3"),
						"fields"),
					"hs_tiep_nhan"),
			"previous"));
		assert_int_equal(json_object_set_new(by, code, m), 0);
	}
	assert_int_equal(n, 2);
	char *parts = bc_json_dumps(head, flags);
	assert_string_equal(parts, whole);
	bc_free(parts);
	bc_free(whole);
	json_decref(head);
	bc_agg_groups_free(g);
	fx_close(f);
}

/* kinh_phi_cchc half of INT64_MAX + 1 hundredths, and its negative for
 * xa-b1. */
#define BOTH_SIGNS                                                            \
	"DROP TRIGGER value_kept;"                                            \
	"UPDATE value SET cents = 4611686018427387904"                        \
	" WHERE field = 'kinh_phi_cchc';"                                     \
	"UPDATE value SET cents = -4611686018427387904"                       \
	" WHERE field = 'kinh_phi_cchc' AND revision_id IN"                   \
	" (SELECT id FROM revision WHERE unit_id ="                           \
	"  (SELECT id FROM unit WHERE code = 'xa-b1'))"

/* A sum too large in one district only (the whole's fits: the other
 * district's is as large and negative, and counted first) refuses the
 * aggregate with --by as it refuses the whole, before any district is
 * handed over. */
static void test_group_sum_too_large(void **state)
{
	fx *f = *state;
	fx_open(f);
	static const char *const units[] = {"xa-b1", "xa-1", "xa-2"};
	load_bm1(f, units, 3);
	test_exec(bc_store_db(f->st), BOTH_SIGNS);
	bc_agg_opts o = {0};
	assert_int_equal(bc_aggregate(f->st, f->rb, "2023-Q1", &o, &f->agg,
				      &f->d),
			 BC_OK);
	bc_diags_free(&f->d);
	o.by = "district";
	json_t *head = NULL;
	bc_agg_groups *g = NULL;
	assert_int_equal(bc_aggregate_open(f->st, f->rb, "2023-Q1", &o, &head,
					   &g, &f->d),
			 BC_ERR_INVALID);
	assert_null(head);
	assert_null(g);
	assert_true(test_diags_have(&f->d, "bm1.kinh_phi_cchc: the sum at "
					   "level xa has more digits than "
					   "baocao adds exactly (18)"));
	fx_close(f);
}

/* The end of day (YYYY-MM-DD) in Vietnam time. */
static bc_time day_end(const char *day)
{
	bc_date d;
	assert_true(bc_date_parse(day, &d));
	return bc_date_start(d + 1, 420) - 1;
}

static void aggregate_until(fx *f, bc_time until)
{
	json_decref(f->agg);
	f->agg = NULL;
	bc_agg_opts o = {.compare = true, .rows = true, .until = until};
	bc_err rc = bc_aggregate(f->st, f->rb, "2023-Q1", &o, &f->agg, &f->d);
	if (rc != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("aggregate until %lld failed", (long long)until);
	}
	bc_diags_free(&f->d);
}

/* v[key].hs_tiep_nhan; v released. */
static json_int_t dossiers(json_t *v, const char *key)
{
	json_int_t n = json_integer_value(
		json_object_get(json_object_get(v, key), "hs_tiep_nhan"));
	json_decref(v);
	return n;
}

/* How many rows of xa-1's 1B were in force by the end of day. */
static size_t rows_by(fx *f, const bc_period *p, const char *day)
{
	json_t *v;
	assert_int_equal(bc_aggregate_unit_rows(f->st, p, day_end(day), "pl1b",
						"van_ban", "xa-1", &v, &f->d),
			 BC_OK);
	size_t n = json_array_size(v);
	json_decref(v);
	return n;
}

/* As of a day (an export's --as-of): only the revisions received by its
 * end count, in the whole and in the pieces an exporter reads. */
static void test_until(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2022(f);
	load_2023(f);
	/* By 2023-02-23, xa-3's bm3 in force is revision 3 (received
	 * 2023-02-22, an estimate of 1000 dossiers); revision 2 came on
	 * 2023-02-25: xa 10 + 200 + 1000 + 30 = 1240, total 1340. */
	aggregate_until(f, day_end("2023-02-23"));
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 1240, 1340);
	expect_json(f, "estimated_units", "[\"xa-2\", \"xa-3\"]");
	/* Last year's were all received by then. */
	expect_num(f, "forms.bm3.fields.hs_tiep_nhan.previous.total", 100);
	/* By 2023-02-19 nothing of 2023-Q1 had come. */
	aggregate_until(f, day_end("2023-02-19"));
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", NUL, NUL, NUL);
	expect_int(f, "forms.bm3.units.xa", 0);
	expect_json(f, "missing_units.bm3",
		    "[\"vp-ubnd\", \"xa-1\", \"xa-2\", \"xa-3\", \"xa-b1\"]");
	/* 0: everything received, revision 2 in force. */
	aggregate_until(f, 0);
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 290, 390);

	bc_period p;
	assert_int_equal(bc_period_get(f->st, f->rb, "2023-Q1", &p, &f->d),
			 BC_OK);
	json_t *v, *units, *longest;
	assert_int_equal(bc_aggregate_form_values(f->st, &p,
						  day_end("2023-02-23"), "bm3",
						  &v, &f->d),
			 BC_OK);
	assert_int_equal(dossiers(v, "xa-3"), 1000);
	assert_int_equal(bc_aggregate_unit_values(f->st, &p,
						  day_end("2023-02-25"), "xa-3",
						  &v, &f->d),
			 BC_OK);
	assert_int_equal(dossiers(v, "bm3"), 50);
	assert_int_equal(bc_aggregate_table_shape(f->st, &p,
						  day_end("2023-02-19"), "pl1b",
						  "van_ban", &units, &longest,
						  &f->d),
			 BC_OK);
	assert_int_equal(json_object_size(units), 0);
	json_decref(units);
	json_decref(longest);
	/* xa-1's two documents of 1B came on 2023-02-20. */
	assert_int_equal(rows_by(f, &p, "2023-02-19"), 0);
	assert_int_equal(rows_by(f, &p, "2023-02-20"), 2);
	bc_period_free(&p);
	fx_close(f);
}

/* ---- the feed (feed.h): the same values without JSON ---------------- */

typedef struct fed_values {
	json_t *want; /* bc_aggregate_form_values' */
	const bc_form *f;
	size_t n;
} fed_values;

static bool check_value(void *ud, const char *unit, size_t field,
			const bc_cell *c)
{
	fed_values *fv = ud;
	bc_cell w = bc_cell_of_json(json_object_get(
		json_object_get(fv->want, unit), fv->f->fields[field].id));
	assert_int_equal(c->kind, w.kind);
	if (c->kind == BC_CELL_TEXT)
		assert_string_equal(c->text, w.text);
	else if (c->kind != BC_CELL_NONE)
		assert_true(c->num.v == w.num.v && c->num.scale == w.num.scale);
	fv->n++;
	return true;
}

static size_t values_in(json_t *all)
{
	size_t n = 0;
	const char *k;
	json_t *u;
	json_object_foreach(all, k, u) n += json_object_size(u);
	return n;
}

typedef struct fed_rows {
	size_t last, n[2];
	int row;
} fed_rows;

static bool count_cell(void *ud, size_t pos, int row, const char *col,
		       const bc_cell *c)
{
	fed_rows *fr = ud;
	(void)c;
	assert_non_null(col);
	assert_true(pos < 2);
	/* the units in the order asked, a unit's rows in order */
	assert_true(pos > fr->last || (pos == fr->last && row >= fr->row));
	fr->last = pos;
	fr->row = row;
	fr->n[pos]++;
	return true;
}

/* Cells in unit's rows of 1B as bc_aggregate_unit_rows lists them. */
static size_t cells_of(fx *f, const bc_period *p, bc_time until,
		       const char *unit)
{
	json_t *v, *row;
	size_t i, n = 0;
	assert_int_equal(bc_aggregate_unit_rows(f->st, p, until, "pl1b",
						"van_ban", unit, &v, &f->d),
			 BC_OK);
	json_array_foreach(v, i, row) n += json_object_size(row) - 2;
	json_decref(v);
	return n;
}

/* As of a day and for all: every form's values as the aggregate reads
 * them, the lists' rows in the units' order asked. */
/* What a writer sizes a list by, as the aggregate's "longest" and the
 * table's row counts among the form's values give it, is the table's
 * shape (bc_aggregate_table_shape): the same longest texts, and the
 * units with a row count above 0 those with rows.  Returns the units
 * with rows, over the tables. */
static size_t same_as_shape(fx *f, const bc_period *p, bc_time until)
{
	bc_agg_opts o = {.longest = true, .until = until};
	json_t *agg, *units, *longest, *values;
	assert_int_equal(bc_aggregate(f->st, f->rb, p->code, &o, &agg, &f->d),
			 BC_OK);
	size_t tables = 0, listed = 0;
	for (size_t i = 0; i < p->rs->n_forms; i++) {
		const bc_form *fm = &p->rs->forms[i];
		assert_int_equal(bc_aggregate_form_values(f->st, p, until,
							  fm->id, &values,
							  &f->d),
				 BC_OK);
		for (size_t k = 0; k < fm->n_fields; k++) {
			const bc_field *t = &fm->fields[k];
			if (t->type != BC_T_TABLE)
				continue;
			tables++;
			assert_int_equal(bc_aggregate_table_shape(
						 f->st, p, until, fm->id, t->id,
						 &units, &longest, &f->d),
					 BC_OK);
			json_t *got = json_object_get(
				json_object_get(json_object_get(agg, "longest"),
						fm->id),
				t->id);
			assert_non_null(got);
			for (size_t c = 0; c < t->n_columns; c++) {
				const char *id = t->columns[c].id;
				assert_int_equal(
					json_integer_value(
						json_object_get(got, id)),
					json_integer_value(
						json_object_get(longest, id)));
			}
			const char *code;
			json_t *u;
			size_t with_rows = 0;
			json_object_foreach(values, code, u) {
				bool rows = json_number_value(json_object_get(
						    u, t->id)) > 0;
				assert_int_equal(rows, json_object_get(units,
								       code) !=
							       NULL);
				with_rows += rows;
			}
			assert_int_equal(with_rows, json_object_size(units));
			listed += with_rows;
			json_decref(units);
			json_decref(longest);
		}
		json_decref(values);
	}
	assert_true(tables > 0);
	json_decref(agg);
	return listed;
}

/* bc_feed_form_values on revisions in force found by bc_feed_in_force
 * gives of form what bc_aggregate_form_values does (another query of
 * them, one form at a time); returns how many values. */
static size_t fed_as_aggregated(fx *f, const char *period, const char *form)
{
	bc_period p;
	assert_int_equal(bc_period_get(f->st, f->rb, period, &p, &f->d),
			 BC_OK);
	fed_values fv = {.f = bc_ruleset_form(p.rs, form)};
	assert_non_null(fv.f);
	assert_int_equal(bc_aggregate_form_values(f->st, &p, 0, form, &fv.want,
						  &f->d),
			 BC_OK);
	assert_int_equal(bc_feed_in_force(f->st, &p, 0, &f->d), BC_OK);
	assert_int_equal(bc_feed_form_values(f->st, &p, form, check_value, &fv,
					     &f->d),
			 BC_OK);
	assert_int_equal(fv.n, values_in(fv.want));
	json_decref(fv.want);
	bc_period_free(&p);
	return fv.n;
}

/* Revisions received in the same second: the higher number is in
 * force, in the aggregate and in the feed, as in every query of one
 * unit's.  Its return leaves the part with nothing in force, not the
 * revision before it. */
static void test_in_force_same_second(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_base(f);
	size_t before = fed_as_aggregated(f, "2023-Q1", "bm3");
	/* Received when revision 1 was (40 dossiers, an estimate). */
	submit(f, "xa-3-bm3-same.json", "xa-3", "2023-Q1", AT_2023, false,
	       XA3_BM3_50);
	aggregate(f, "2023-Q1", false, NULL);
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 290, 390);
	expect_json(f, "estimated_units", "[\"xa-2\"]");
	expect_int(f, "forms.bm3.units.xa", 4);
	assert_int_equal(fed_as_aggregated(f, "2023-Q1", "bm3"), before);

	const char *parts[] = {"bm3"};
	bc_review_req r = {.unit = "xa-3", .period = "2023-Q1",
			   .parts = parts, .n_parts = 1,
			   .verdict = BC_VERDICT_RETURN,
			   .reason = "figures do not add up"};
	bc_acted_list acted = {0};
	assert_int_equal(bc_review_record(f->st, f->rb, &r, &acted, &f->d),
			 BC_OK);
	assert_int_equal(acted.n, 1);
	assert_int_equal(acted.v[0].number, 2);
	bc_acted_list_free(&acted);
	/* xa 10 + 200 + 30 without xa-3's 50 */
	aggregate(f, "2023-Q1", false, NULL);
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", 100, 240, 340);
	expect_int(f, "forms.bm3.units.xa", 3);
	assert_true(fed_as_aggregated(f, "2023-Q1", "bm3") < before);
	fx_close(f);
}

/* The store with 2022's and 2023's submissions, and 2023-Q1 in *p;
 * until[] three days of receipts to read it as of: before xa-1's 1B,
 * after it, and every one. */
static void open_feed(fx *f, bc_period *p, bc_time until[3])
{
	fx_open(f);
	load_2022(f);
	load_2023(f);
	assert_int_equal(bc_period_get(f->st, f->rb, "2023-Q1", p, &f->d),
			 BC_OK);
	until[0] = day_end("2023-02-19");
	until[1] = day_end("2023-02-23");
	until[2] = 0;
}

static void test_feed(void **state)
{
	fx *f = *state;
	bc_period p;
	bc_time until[3];
	open_feed(f, &p, until);
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(bc_feed_in_force(f->st, &p, until[k], &f->d),
				 BC_OK);
		for (size_t i = 0; i < p.rs->n_forms; i++) {
			fed_values fv = {.f = &p.rs->forms[i]};
			assert_int_equal(bc_aggregate_form_values(
						 f->st, &p, until[k], fv.f->id,
						 &fv.want, &f->d),
					 BC_OK);
			assert_int_equal(bc_feed_form_values(f->st, &p, fv.f->id,
							     check_value, &fv,
							     &f->d),
					 BC_OK);
			assert_int_equal(fv.n, values_in(fv.want));
			json_decref(fv.want);
		}
		/* xa-3 asked before xa-1 */
		const char *codes[] = {"xa-3", "xa-1"};
		fed_rows fr = {0};
		assert_int_equal(bc_feed_table_rows(f->st, "pl1b", "van_ban",
						    codes, 2, count_cell, &fr,
						    &f->d),
				 BC_OK);
		assert_int_equal(fr.n[0], cells_of(f, &p, until[k], "xa-3"));
		assert_int_equal(fr.n[1], cells_of(f, &p, until[k], "xa-1"));
		/* xa-1's two documents of 1B came on 2023-02-20 */
		assert_true(k == 0 ? fr.n[1] == 0 : fr.n[1] > 0 && fr.n[0] > 0);
		assert_true((same_as_shape(f, &p, until[k]) > 0) == (k > 0));
	}
	bc_period_free(&p);
	fx_close(f);
}

/* ---- across a change of rules ------------------------------------------ */

/* A fresh store in 2025 and the rules of tests/data/levels-joined:
 * lv-2022, and lv-2025 from 2025 with levels pq (was p and q), r
 * (itself) and s (new), form g (was f) whose n2 was n. */
static void fx_open_levels_joined(fx *f)
{
	char *rules = test_path(f->dir, "rules");
	test_mkdir(f->dir, "rules");
	test_link_source(rules, "lv-2022", "tests/data/levels-joined/lv-2022");
	test_link_source(rules, "lv-2025", "tests/data/levels-joined/lv-2025");
	fx_open_at(f, "2025-04-01T10:00:00+07:00", rules);
	free(rules);
}

/* Last year's figures laid on this year's levels and ids: two levels
 * that became one are added (sums, counts and the indicator from its
 * parts), a level of the same id is itself, a new level is null, and
 * the totals compare whole. */
static void test_compare_across_rules(void **state)
{
	fx *f = *state;
	fx_open_levels_joined(f);
	fx_units(f,
		 "code,name,kind,roles,parent\n"
		 "top,Top,top,,\n"
		 "u-p,P,kp,,top\n"
		 "u-q,Q,kq,,top\n"
		 "u-r,R,kr,,top\n",
		 4);
	const char *at24 = "2024-03-12T09:00:00+07:00";
	submit(f, "p24.json", "u-p", "2024-Q1", at24, false,
	       "\"f\": {\"n\": 10, \"m\": 20, \"t\": [{\"k\": \"x\"}, "
	       "{\"k\": \"y\"}]}");
	submit(f, "q24.json", "u-q", "2024-Q1", at24, false,
	       "\"f\": {\"n\": 5, \"m\": 5, \"t\": [{\"k\": \"x\"}]}");
	submit(f, "r24.json", "u-r", "2024-Q1", at24, false,
	       "\"f\": {\"n\": 1, \"m\": 2}");
	submit(f, "p25.json", "u-p", "2025-Q1", "2025-03-12T09:00:00+07:00",
	       false, "\"g\": {\"n2\": 30, \"m\": 30}");
	aggregate(f, "2025-Q1", true, NULL);
	expect_str(f, "compared.period", "2024-Q1");
	expect_str(f, "compared.ruleset", "lv-2022");
	/* n2 was n: p 10 + q 5 = 15 at pq, r 1, s none; 16 in all. */
	expect_num(f, "forms.g.fields.n2.previous.pq", 15);
	expect_num(f, "forms.g.fields.n2.previous.r", 1);
	expect_null(f, "forms.g.fields.n2.previous.s");
	expect_num(f, "forms.g.fields.n2.previous.total", 16);
	assert_false(has(f, "forms.g.fields.n2.previous", "p"));
	/* (30 − 15) / 15 = 100 %; (30 − 16) / 16 = 87.5 %. */
	expect_num(f, "forms.g.fields.n2.change_pct.pq", 100);
	expect_num(f, "forms.g.fields.n2.change_pct.total", 87.5);
	/* Counts added value by value. */
	expect_json(f, "forms.g.fields.t.previous.pq", "{\"x\": 2, \"y\": 1}");
	expect_null(f, "forms.g.fields.t.previous.r");
	expect_json(f, "forms.g.fields.t.previous.total", "{\"x\": 2, \"y\": 1}");
	/* i from the added parts: 15 / 25 = 60 % at pq (not the mean of
	 * p's 50 and q's 100), r 1 / 2 = 50, all 16 / 27 = 59.3. */
	expect_num(f, "forms.g.indicators.i.previous.pq", 60);
	expect_num(f, "forms.g.indicators.i.previous.r", 50);
	expect_null(f, "forms.g.indicators.i.previous.s");
	expect_num(f, "forms.g.indicators.i.previous.total", 59.3);
	assert_false(has(f, "forms.g.indicators.i.previous", "_parts"));
	/* This year's own figures keep no parts either. */
	assert_false(has(f, "forms.g.indicators.i", "_parts"));
	fx_close(f);
}

/* A merged unit beside the sum of the units it continues, a split
 * one beside nothing ("lineage"): u-pq was formed from u-p and u-q on
 * 2025-01-01, u-r was divided into u-r1 and u-r2. */
static void test_compare_merged_units(void **state)
{
	fx *f = *state;
	fx_open_levels_joined(f);
	fx_units(f,
		 "code,name,kind,roles,parent,valid_from,valid_to,predecessors\n"
		 "top,Top,top,,,,,\n"
		 "u-p,P,kp,,top,,2024-12-31,\n"
		 "u-q,Q,kp,,top,,2024-12-31,\n"
		 "u-r,R,kr,,top,,2024-12-31,\n"
		 "u-s,S,kr,,top,,,\n"
		 "u-pq,PQ,kp,,top,2025-01-01,,u-p;u-q\n"
		 "u-r1,R1,kr,,top,2025-01-01,,u-r\n"
		 "u-r2,R2,kr,,top,2025-01-01,,u-r\n",
		 8);
	const char *at24 = "2024-03-12T09:00:00+07:00",
		   *at25 = "2025-03-12T09:00:00+07:00";
	submit(f, "p.json", "u-p", "2024-Q1", at24, false,
	       "\"f\": {\"n\": 10, \"m\": 20}");
	submit(f, "q.json", "u-q", "2024-Q1", at24, false,
	       "\"f\": {\"n\": 5}");
	submit(f, "r.json", "u-r", "2024-Q1", at24, false,
	       "\"f\": {\"n\": 1, \"m\": 2}");
	submit(f, "s.json", "u-s", "2024-Q1", at24, false,
	       "\"f\": {\"n\": 4, \"m\": 4}");
	submit(f, "pq.json", "u-pq", "2025-Q1", at25, false,
	       "\"g\": {\"n2\": 30, \"m\": 30}");
	submit(f, "r1.json", "u-r1", "2025-Q1", at25, false,
	       "\"g\": {\"n2\": 2, \"m\": 2}");
	submit(f, "s25.json", "u-s", "2025-Q1", at25, false,
	       "\"g\": {\"n2\": 4, \"m\": 4}");
	aggregate(f, "2025-Q1", true, NULL);
	expect_json(f, "lineage.u-pq.from", "[\"u-p\", \"u-q\"]");
	assert_true(json_is_false(at(f, "lineage.u-pq.split")));
	/* n2 was n: 10 + 5 = 15, (30 − 15) / 15 = 100 %; m of u-q is not
	 * reported, so no sum is made of u-p's alone. */
	expect_num(f, "lineage.u-pq.forms.g.n2.value", 30);
	expect_num(f, "lineage.u-pq.forms.g.n2.previous", 15);
	expect_num(f, "lineage.u-pq.forms.g.n2.change_pct", 100);
	expect_null(f, "lineage.u-pq.forms.g.m.previous");
	/* Through a split, nothing. */
	assert_true(json_is_true(at(f, "lineage.u-r1.split")));
	expect_null(f, "lineage.u-r1.forms.g.n2.previous");
	expect_json(f, "lineage.u-r2", "{\"from\": [\"u-r\"], \"split\": true, "
				       "\"forms\": {}}");
	/* A unit that is its own past, and the top that reports nothing,
	 * are not listed. */
	assert_false(has(f, "lineage", "u-s"));
	assert_false(has(f, "lineage", "top"));
	/* The totals keep every unit of last year: 10 + 5 + 1 + 4. */
	expect_num(f, "forms.g.fields.n2.previous.total", 20);
	fx_close(f);
}

/* A unit's own figures (bc_agg_opts.unit, a unit's own report): its
 * values alone at its level, last year's its own, the others nowhere. */
static void test_one_unit(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2022(f);
	load_2023(f);
	json_decref(f->agg);
	f->agg = NULL;
	bc_agg_opts o = {.compare = true, .unit = "xa-1"};
	if (bc_aggregate(f->st, f->rb, "2023-Q1", &o, &f->agg, &f->d) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("aggregate of xa-1 failed");
	}
	bc_diags_free(&f->d);
	/* xa-1 received 10 in 2023, 20 in 2022: (10 − 20) / 20 = −50 %. */
	expect_int(f, "forms.bm3.units.xa", 1);
	expect_int(f, "forms.bm3.units.huyen", 0);
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan", NUL, 10, 10);
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan.previous", NUL, 20, 20);
	expect_levels(f, "forms.bm3.fields.hs_tiep_nhan.change_pct", NUL, -50,
		      -50);
	/* Another unit's estimate and missing forms are not its own. */
	expect_json(f, "estimated_units", "[]");
	assert_false(has(f, "missing_units", "bm2"));
	fx_close(f);
}

/* ---- the values read on two threads ---------------------------------- */

/* Makes the twin read: the store's thread, at its first step over the
 * values, waits until the twin has stepped (5 s at most), so that the
 * values are split between the two however busy the machine is.  It
 * counts the rows the twin read and, with interrupt, stops the twin at
 * its first step.  steps and rows are written on the twin's thread. */
typedef struct gate {
	sqlite3 *st;
	bool interrupt;
	atomic_long steps, rows;
} gate;

static int twin_progress(void *ud)
{
	gate *g = ud;
	atomic_fetch_add(&g->steps, 1);
	return g->interrupt;
}

static int twin_row(unsigned type, void *ud, void *p, void *x)
{
	(void)type;
	(void)p;
	(void)x;
	atomic_fetch_add(&((gate *)ud)->rows, 1);
	return 0;
}

/* Whether db is reading the values a revision at a time (the
 * aggregate's scan on two threads, not its other queries). */
static bool reading_values(sqlite3 *db)
{
	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s;
	     s = sqlite3_next_stmt(db, s))
		if (sqlite3_stmt_busy(s) && sqlite3_sql(s) &&
		    strstr(sqlite3_sql(s), "WHERE revision_id = ?1"))
			return true;
	return false;
}

static int store_progress(void *ud)
{
	gate *g = ud;
	struct timespec ms = {0, 1000000};
	for (int i = 0; i < 5000 && !atomic_load(&g->steps) &&
			reading_values(g->st);
	     i++)
		nanosleep(&ms, NULL);
	return 0;
}

/* One aggregate as text: what it returned, its JSON, its diagnostics. */
typedef struct outcome {
	bc_err rc;
	char *json, *diags;
} outcome;

static char *diags_text(const bc_diags *d)
{
	size_t n = 1;
	char *out = calloc(1, 1);
	for (size_t i = 0; out && i < d->n; i++) {
		char *one = test_diag_ids(&d->v[i]);
		n += strlen(one) + 1;
		out = realloc(out, n);
		assert_non_null(out);
		strcat(strcat(out, one), "\n");
		free(one);
	}
	return out;
}

/* The aggregate of period with o on this thread alone (g NULL), or with
 * a twin of the store that g makes read. */
static outcome run_twinned(fx *f, const char *period, bc_agg_opts o,
			   gate *g)
{
	bc_store *twin = NULL;
	if (g) {
		size_t got = 0;
		assert_int_equal(bc_twins_begin_read(f->st, &twin, 1, &got,
						     &f->d),
				 BC_OK);
		/* Memory refused may leave it without one. */
		assert_true(got == 1 || bc_mem_refused());
		o.twin = got ? twin : NULL;
		g->st = bc_store_db(f->st);
		if (o.twin) {
			sqlite3_progress_handler(bc_store_db(twin), 1,
						 twin_progress, g);
			sqlite3_trace_v2(bc_store_db(twin), SQLITE_TRACE_ROW,
					 twin_row, g);
			sqlite3_progress_handler(g->st, 1, store_progress, g);
		}
	}
	json_t *agg = NULL;
	outcome r = {bc_aggregate(f->st, f->rb, period, &o, &agg, &f->d),
		     NULL, NULL};
	if (g) {
		sqlite3_progress_handler(g->st, 0, NULL, NULL);
		bc_store_close(o.twin);
		bc_store_rollback(f->st);
	}
	r.json = agg ? json_dumps(agg, JSON_COMPACT) : NULL;
	json_decref(agg);
	r.diags = diags_text(&f->d);
	bc_diags_free(&f->d);
	return r;
}

static void outcome_free(outcome *r)
{
	free(r->json);
	free(r->diags);
}

/* The aggregate of period with o is the same on one thread and on two,
 * whatever it says: the same result, JSON and diagnostics in the same
 * order.  With twin_reads, the twin read some of the values. */
static void same_on_two_threads(fx *f, const char *period, bc_agg_opts o,
				bool twin_reads, bc_err want)
{
	outcome one = run_twinned(f, period, o, NULL);
	gate g = {.rows = 0};
	outcome two = run_twinned(f, period, o, &g);
	assert_int_equal(one.rc, want);
	assert_int_equal(two.rc, want);
	assert_true(!one.json == !two.json);
	if (one.json)
		assert_string_equal(one.json, two.json);
	assert_string_equal(one.diags, two.diags);
	if (twin_reads)
		assert_true(atomic_load(&g.rows) > 0);
	else
		assert_int_equal(atomic_load(&g.steps), 0);
	outcome_free(&one);
	outcome_free(&two);
}

/* Every combination of options, the previous year's read on two threads
 * as well (its own twin read), --by a group at a time too. */
static void test_twin_same(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2022(f);
	load_2023(f);
	static const bc_agg_opts opts[] = {
		{0},
		{.rows = true, .unit_values = true},
		{.by = "district"},
		{.compare = true},
		{.compare = true, .by = "district", .rows = true},
		{.unit = "xa-1", .compare = true},
		{.unit = "noi-vu"},
		{.by = "province", .unit_values = true},
		{.longest = true, .compare = true},
	};
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
		same_on_two_threads(f, "2023-Q1", opts[i], true, BC_OK);
	bc_agg_opts until = {.until = day_end("2023-02-20"), .compare = true};
	same_on_two_threads(f, "2023-Q1", until, true, BC_OK);
	fx_close(f);
}

/* bm1 from n units, its amounts set by sql: the aggregate with and
 * without --by the same on one thread and two, returning want and
 * want_by. */
static void amounts_on_two_threads(fx *f, const char *const *units,
				   size_t n, const char *sql, bc_err want,
				   bc_err want_by)
{
	fx_open(f);
	load_bm1(f, units, n);
	test_exec(bc_store_db(f->st), sql);
	bc_agg_opts o = {0};
	same_on_two_threads(f, "2023-Q1", o, true, want);
	o.by = "district";
	same_on_two_threads(f, "2023-Q1", o, true, want_by);
	fx_close(f);
}

/* A sum too large, its values split between the two threads (a third
 * of INT64_MAX each, in five revisions): refused with the same words,
 * in the same order, whether one thread's part held three of them (too
 * large there) or each part fewer (too large only once added). */
static void test_twin_sum_too_large(void **state)
{
	static const char *const units[] = {"xa-1", "xa-2", "xa-3", "xa-b1",
					    "noi-vu"};
	amounts_on_two_threads(*state, units, 5,
			       "DROP TRIGGER value_kept;"
			       "UPDATE value SET cents = 3074457345618258602"
			       " WHERE field = 'kinh_phi_cchc'",
			       BC_ERR_INVALID, BC_ERR_INVALID);
}

/* Values of both signs too large to add in any order (the whole's fit
 * in the order of the revisions: test_group_sum_too_large): the two
 * parts cannot tell, and the values are read again on one thread. */
static void test_twin_both_signs(void **state)
{
	static const char *const units[] = {"xa-b1", "xa-1", "xa-2"};
	amounts_on_two_threads(*state, units, 3, BOTH_SIGNS, BC_OK,
			       BC_ERR_INVALID);
}

/* A derived period's values are computed in a table of the store's
 * connection, which a twin does not see: read on one thread. */
static void test_twin_derived(void **state)
{
	fx *f = *state;
	char *rules = test_path(f->dir, "rules");
	test_mkdir(f->dir, "rules");
	test_link_source(rules, "derived-periods",
			 "tests/rules/derived-periods");
	fx_open_at(f, "2023-12-01T10:00:00+07:00", rules);
	free(rules);
	char *units = test_fixture_read("derived-units.csv");
	fx_units(f, units, 5);
	free(units);
	static const char *const parts[] = {"xa-a-2023-Q1", "xa-a-2023-H1",
					    "xa-c-2023-H1"};
	for (size_t i = 0; i < 3; i++) {
		char name[64];
		snprintf(name, sizeof name, "derived/%s.json", parts[i]);
		char *path = test_fixture_path(name);
		bc_import_opts io = {.tz_offset = 420};
		bc_import_result res = {0};
		assert_int_equal(bc_import_file(f->st, f->rb, path, &io, false,
						&res, &f->d),
				 BC_OK);
		assert_true(res.accepted);
		bc_import_result_free(&res);
		free(path);
		bc_diags_free(&f->d);
	}
	bc_agg_opts o = {0};
	same_on_two_threads(f, "2023-Q2", o, false, BC_OK);
	same_on_two_threads(f, "2023-H1", o, true, BC_OK);
	fx_close(f);
}

/* The last revision the twin reads has a counted table, whose values
 * its tally keeps: the twin's thread asks for memory. */
static void load_2023_counted_last(fx *f)
{
	load_2023(f);
	submit(f, "noi-vu-pl1a.json", "noi-vu", "2023-Q1",
	       "2023-02-26T09:00:00+07:00", false,
	       "\"pl1a\": {\"nhiem_vu\": [{\"noi_dung\": \"K\","
	       " \"linh_vuc\": \"chi_dao\", \"thoi_han\": \"2023-12-31\","
	       " \"trang_thai\": \"dang_th\"}]}");
}

static bool other_thread(void *ud)
{
	return !pthread_equal(pthread_self(), *(pthread_t *)ud);
}

/* Memory running out on the twin's thread, and only there: the
 * aggregate says so, keeps nothing, and the next one succeeds. */
static void test_twin_out_of_memory(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023_counted_last(f);
	bc_agg_opts o = {.by = "district"};
	pthread_t self = pthread_self();
	long live = bc_mem_live();
	gate g = {.rows = 0};
	bc_mem_observe(other_thread, &self);
	outcome r = run_twinned(f, "2023-Q1", o, &g);
	bc_mem_observe(NULL, NULL);
	assert_int_equal(r.rc, BC_ERR_NOMEM);
	assert_null(r.json);
	assert_int_equal(bc_mem_live(), live);
	outcome_free(&r);
	same_on_two_threads(f, "2023-Q1", o, true, BC_OK);
	fx_close(f);
}

/* Which allocation of the scan's to refuse (a tally's, on either
 * thread, or any on the twin's): the nth. */
typedef struct aim {
	pthread_t self;
	long n, seen;
} aim;

static bool aimed(void *ud)
{
	aim *a = ud;
	const char *file;
	int line;
	bc_mem_asking(&file, &line);
	return (strstr(file, "core/aggregate/tally.c") ||
		strstr(file, "core/aggregate/formvals.c") ||
		strstr(file, "core/base/mem.c") ||
		!pthread_equal(pthread_self(), a->self)) &&
	       ++a->seen == a->n;
}

/* Memory running out at each allocation of the scan's in turn, on
 * either thread, alone and for good (the forms' values kept too): each
 * aggregate fails with BC_ERR_NOMEM keeping nothing, or gives the
 * one-thread JSON. */
static void test_twin_every_allocation(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023_counted_last(f);
	bc_formvals kept = {0};
	bc_agg_opts o = {.by = "district", .compare = true, .keep = &kept};
	outcome one = run_twinned(f, "2023-Q1", o, NULL);
	bc_formvals_free(&kept);
	assert_int_equal(one.rc, BC_OK);
	for (int every = 0; every < 2; every++) {
		aim a = {.self = pthread_self()};
		for (a.n = 1; a.seen >= a.n - 1; a.n++) {
			long live = bc_mem_live();
			gate g = {.rows = 0};
			a.seen = 0;
			bc_mem_fail(0, every);
			bc_mem_observe(aimed, &a);
			outcome r = run_twinned(f, "2023-Q1", o, &g);
			bc_mem_observe(NULL, NULL);
			bc_mem_fail(0, false);
			bc_formvals_free(&kept);
			assert_int_equal(bc_mem_live(), live);
			if (r.rc == BC_OK)
				assert_string_equal(r.json, one.json);
			else
				assert_int_equal(r.rc, BC_ERR_NOMEM);
			outcome_free(&r);
		}
		assert_true(a.n > 20);
	}
	outcome_free(&one);
	fx_close(f);
}

static bool fed_row(void *ud, const char *unit, size_t field,
		    const bc_cell *v)
{
	return bc_fvrows_keep(ud, unit, field, v);
}

/* What kept holds of each form is what bc_feed_form_values gives of it
 * (p's values received by until): the same units, each with the same
 * cells.  Counts in seen the cells of each kind (bc_cell_kind). */
static void kept_as_fed(fx *f, const bc_period *p, bc_time until,
			const bc_formvals *kept, size_t seen[4])
{
	assert_int_equal(bc_feed_in_force(f->st, p, until, &f->d), BC_OK);
	assert_int_equal(kept->n, p->rs->n_forms);
	for (size_t i = 0; i < p->rs->n_forms; i++) {
		const bc_fvrows *k = &kept->form[i];
		bc_fvrows fed = {.f = &p->rs->forms[i]};
		assert_int_equal(bc_feed_form_values(f->st, p, fed.f->id,
						     fed_row, &fed, &f->d),
				 BC_OK);
		assert_ptr_equal(k->f, fed.f);
		assert_int_equal(k->n, fed.n);
		for (size_t r = 0; r < k->n; r++) {
			size_t q = 0;
			while (q < fed.n && strcmp(fed.code[q], k->code[r]))
				q++;
			assert_true(q < fed.n);
			for (size_t c = 0; c < fed.f->n_fields; c++) {
				bc_cell a = bc_fvrows_cell(k, r, c);
				bc_cell b = bc_fvrows_cell(&fed, q, c);
				assert_int_equal(a.kind, b.kind);
				seen[a.kind]++;
				if (a.kind == BC_CELL_TEXT)
					assert_string_equal(a.text, b.text);
				else
					assert_true(a.num.v == b.num.v &&
						    a.num.scale == b.num.scale);
			}
		}
		bc_fvrows_free(&fed);
	}
}

/* The forms' values the aggregate keeps (bc_agg_opts.keep) are the
 * feed's, read on one thread or two, for three days of receipts; last
 * year's compared figures keep nothing. */
static void test_keep_as_fed(void **state)
{
	fx *f = *state;
	bc_period p;
	bc_time until[3];
	open_feed(f, &p, until);
	size_t seen[4] = {0};
	for (size_t k = 0; k < 3; k++) {
		for (int two = 0; two < 2; two++) {
			bc_formvals kept = {0};
			bc_agg_opts o = {.compare = true, .until = until[k],
					 .keep = &kept};
			gate g = {.rows = 0};
			outcome r = run_twinned(f, "2023-Q1", o,
						two ? &g : NULL);
			assert_int_equal(r.rc, BC_OK);
			outcome_free(&r);
			kept_as_fed(f, &p, until[k], &kept, seen);
			bc_formvals_free(&kept);
		}
	}
	/* numbers, yes/no and values left empty all compared (the rules
	 * have no text outside tables: test_formvals keeps texts) */
	assert_true(seen[BC_CELL_NUM] > 0 && seen[BC_CELL_BOOL] > 0 &&
		    seen[BC_CELL_NONE] > 0);
	bc_period_free(&p);
	fx_close(f);
}

/* The twin failing to read (SQLite interrupted at its first step): the
 * aggregate fails with its words, after the store's thread stopped. */
static void test_twin_read_fails(void **state)
{
	fx *f = *state;
	fx_open(f);
	load_2023(f);
	bc_agg_opts o = {.compare = true};
	gate g = {.interrupt = true};
	outcome r = run_twinned(f, "2023-Q1", o, &g);
	assert_int_equal(r.rc, BC_ERR_DB);
	assert_null(r.json);
	assert_non_null(strstr(r.diags, "interrupted"));
	outcome_free(&r);
	same_on_two_threads(f, "2023-Q1", o, true, BC_OK);
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sums, setup, teardown),
		cmocka_unit_test_setup_teardown(test_money_exact, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_sum_too_large, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_null_levels, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_count_true, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_count_by, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ratio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_denominator, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rows_indicator, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_revisions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_force_same_second,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_units_and_missing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_district, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_until, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare_by, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_groups_one_at_a_time,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_sum_too_large,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare_across_rules,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_twin_same, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_twin_sum_too_large, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_twin_both_signs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_twin_derived, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_twin_out_of_memory, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_twin_every_allocation,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_as_fed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_twin_read_fails, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_compare_merged_units,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

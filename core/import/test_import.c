/* SPDX-License-Identifier: MIT */
#include "test_submit.h"

#include "import.h"

/* Fills out[n] with the text tests/data/import-samples.txt calls name,
 * its ${hs_tiep_nhan} replaced by value. */
static void sample(char *out, size_t n, const char *name, const char *value)
{
	test_texts *tx = test_texts_load("import-samples.txt");
	char *text = test_fill(test_texts_get(tx, name), "hs_tiep_nhan", value);
	assert_true(strlen(text) < n);
	strcpy(out, text);
	free(text);
	test_texts_free(tx);
}

/* A commune's bm3 and report for 2023-Q1, hs_tiep_nhan = tiep_nhan. */
static void commune_json(char *out, size_t n, int tiep_nhan)
{
	char v[16];
	snprintf(v, sizeof v, "%d", tiep_nhan);
	sample(out, n, "commune-json", v);
}

/* The import's result, in static storage so that the fixture can free it
 * after a failed test. */
static bc_import_result res;

static void res_free(fx *f)
{
	bc_import_result_free(&res);
}

/* Writes text to dir/name and imports it. */
static bc_err import(fx *f, const char *name, const char *text,
		     const bc_import_opts *opts, bool dry_run)
{
	test_write(f->dir, name, text);
	char *path = test_path(f->dir, name);
	bc_import_opts o = {.tz_offset = 420};
	bc_import_result_free(&res);
	f->extra_free = res_free;
	bc_err rc = bc_import_file(f->st, f->rb, path, opts ? opts : &o,
				   dry_run, &res, &f->d);
	free(path);
	return rc;
}

static void import_json(fx *f, const char *name, int tiep_nhan)
{
	char text[1024];
	commune_json(text, sizeof text, tiep_nhan);
	if (import(f, name, text, NULL, false) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("%s refused", name);
	}
}

static int64_t revisions(fx *f)
{
	return fx_count(f, "SELECT count(*) FROM revision");
}

static int64_t submissions(fx *f)
{
	return fx_count(f, "SELECT count(*) FROM submission");
}

/* hs_tiep_nhan in revision number of xa-ky-son's bm3. */
static int64_t tiep_nhan(fx *f, int number)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT v.num FROM value v JOIN revision r ON r.id ="
		 " v.revision_id JOIN unit u ON u.id = r.unit_id WHERE"
		 " u.code = 'xa-ky-son' AND r.part = 'bm3' AND r.number = %d"
		 " AND v.field = 'hs_tiep_nhan'",
		 number);
	return fx_count(f, sql);
}

static void good_file_is_stored(void **state)
{
	fx *f = *state;
	fx_open(f);
	import_json(f, "a.json", 120);
	assert_true(res.accepted);
	assert_string_equal(res.format, "json");
	assert_int_equal(res.n, 1);
	assert_string_equal(res.items[0].unit, "xa-ky-son");
	assert_string_equal(res.items[0].period, "2023-Q1");
	assert_string_equal(res.items[0].parts, "bm3 r1, report r1");
	assert_null(res.items[0].duplicate);
	assert_false(res.items[0].late);
	assert_false(res.items[0].estimated);
	assert_int_equal(f->d.errors, 0);

	assert_int_equal(submissions(f), 1);
	assert_int_equal(revisions(f), 2);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM revision WHERE"
				     " number = 1"),
			 2);
	assert_int_equal(tiep_nhan(f, 1), 120);
	/* The period is recorded, and the import is in the audit log. */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM period WHERE"
				     " code = '2023-Q1'"),
			 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE"
				     " action = 'import'"),
			 1);
	/* As the file says. */
	bc_time t;
	assert_true(bc_time_parse("2023-02-21T09:30:00+07:00", 420, &t, NULL));
	assert_int_equal(fx_count(f, "SELECT received_at FROM submission"), t);
	char sql[256];
	test_texts *tx = test_texts_load("import-samples.txt");
	snprintf(sql, sizeof sql,
		 "SELECT channel = 'zalo' AND signer_name = '%s' AND"
		 " signed_date = '2023-02-19' FROM submission",
		 test_texts_get(tx, "signer_name"));
	test_texts_free(tx);
	assert_int_equal(fx_count(f, sql), 1);
	bc_import_result_free(&res);
	fx_close(f);
}

static void same_file_twice(void **state)
{
	fx *f = *state;
	fx_open(f);
	import_json(f, "a.json", 120);
	int64_t audit = fx_count(f, "SELECT count(*) FROM audit");
	/* The same bytes again, under another name. */
	import_json(f, "a-copy.json", 120);
	assert_true(res.accepted);
	assert_int_equal(res.n, 1);
	assert_non_null(res.items[0].duplicate);
	assert_non_null(strstr(res.items[0].duplicate, "bm3 1"));
	assert_non_null(strstr(res.items[0].duplicate, "report 1"));
	assert_null(res.items[0].parts);
	/* Nothing stored. */
	assert_int_equal(submissions(f), 1);
	assert_int_equal(revisions(f), 2);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit"), audit);
	bc_import_result_free(&res);
	fx_close(f);
}

/* A late file imported again says which revisions it made, and not its
 * warnings: they were said, and kept, the first time. */
static void same_late_file_twice(void **state)
{
	fx *f = *state;
	fx_open(f);
	char text[1024];
	commune_json(text, sizeof text, 120);
	char *late = strstr(text, "2023-02-21T09:30");
	memcpy(late, "2023-03-02", 10);
	assert_int_equal(import(f, "late.json", text, NULL, false), BC_OK);
	assert_true(res.items[0].late);
	assert_true(test_diags_have(&f->d, "after the deadline"));
	bc_diags_free(&f->d);
	assert_int_equal(import(f, "late-again.json", text, NULL, false), BC_OK);
	assert_non_null(res.items[0].duplicate);
	assert_int_equal(f->d.n, 0);
	/* A dry run knows it too. */
	assert_int_equal(import(f, "late-3.json", text, NULL, true), BC_OK);
	assert_non_null(res.items[0].duplicate);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(revisions(f), 2);
	bc_import_result_free(&res);
	fx_close(f);
}

/* Writes len bytes to dir/name, NULs and all. */
static void write_bytes(const char *dir, const char *name, const char *b,
			size_t len)
{
	char *path = test_path(dir, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(b, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	free(path);
}

#define OLE2 "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

/* Files a unit may send that hold no submission: refused with what they
 * are and what to do, never "not UTF-8 text". */
static void files_that_hold_no_submission(void **state)
{
	static const struct {
		const char *name, *bytes;
		size_t len;
		const char *says;
	} cases[] = {
		{"bc.xls", OLE2 "\x3E\x00\x03\x00", 12,
		 "an Excel 97-2003 workbook (.xls), which baocao does not read: "
		 "open it in Excel or LibreOffice Calc, save it as an Excel "
		 "workbook (.xlsx) and import that"},
		{"bc.doc", OLE2 "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 32,
		 "a Word 97-2003 document (.doc), not a submission"},
		{"bc.pdf", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 15,
		 "a PDF document, not a submission"},
		{"bc.json", "", 0, "the file is empty (0 bytes)"},
		{"bc.csv", "\xFF\xFEu\0n\0i\0t\0", 10, "UTF-16 text"},
	};
	fx *f = *state;
	fx_open(f);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		write_bytes(f->dir, cases[i].name, cases[i].bytes,
			    cases[i].len);
		char *path = test_path(f->dir, cases[i].name);
		bc_import_opts o = {.tz_offset = 420};
		bc_err rc = bc_import_file(f->st, f->rb, path, &o, false, &res,
					   &f->d);
		free(path);
		bool said = test_diags_have(&f->d, cases[i].says);
		if (!said || test_diags_have(&f->d, "UTF-8"))
			test_diags_print(&f->d);
		assert_int_equal(rc, BC_ERR_INVALID);
		assert_true(said);
		assert_false(test_diags_have(&f->d, "UTF-8 text"));
		assert_int_equal(f->d.errors, 1);
		bc_import_result_free(&res);
		bc_diags_free(&f->d);
	}
	assert_int_equal(revisions(f), 0);
	fx_close(f);
}

static void second_file_is_revision_two(void **state)
{
	fx *f = *state;
	fx_open(f);
	import_json(f, "a.json", 120);
	import_json(f, "b.json", 130);
	assert_null(res.items[0].duplicate);
	assert_string_equal(res.items[0].parts, "bm3 r2, report r2");
	assert_int_equal(submissions(f), 2);
	assert_int_equal(revisions(f), 4);
	/* Revision 1 kept as it was. */
	assert_int_equal(tiep_nhan(f, 1), 120);
	assert_int_equal(tiep_nhan(f, 2), 130);
	/* The first file is still a duplicate of revision 1. */
	import_json(f, "a-again.json", 120);
	assert_non_null(res.items[0].duplicate);
	assert_non_null(strstr(res.items[0].duplicate, "bm3 1"));
	assert_int_equal(revisions(f), 4);
	/* A file of one form makes a revision of that form only. */
	import(f, "c.json",
	       "{\"unit\": \"xa-ky-son\", \"period\": \"2023-Q1\",\n"
	       "\"signed_by\": {\"name\": \"A\", \"title\": \"B\"},\n"
	       "\"forms\": {\"bm3\": {\"hs_tiep_nhan\": 140}}}\n",
	       NULL, false);
	assert_string_equal(res.items[0].parts, "bm3 r3");
	assert_int_equal(fx_count(f, "SELECT max(number) FROM revision WHERE"
				     " part = 'report'"),
			 2);
	bc_import_result_free(&res);
	fx_close(f);
}

static void multi_unit_csv_with_a_bad_unit(void **state)
{
	fx *f = *state;
	fx_open(f);
	char text[1024], what[128];
	test_texts *tx = test_texts_load("import-samples.txt");
	const char *words = test_texts_get(tx, "not_a_number");
	sample(text, sizeof text, "two-communes-csv", words);
	snprintf(what, sizeof what, "'%s' is not a number", words);
	test_texts_free(tx);
	assert_int_equal(import(f, "many.csv", text, NULL, false),
			 BC_ERR_INVALID);
	assert_false(res.accepted);
	assert_string_equal(res.format, "csv");
	char *path = test_path(f->dir, "many.csv");
	char where[1200];
	snprintf(where, sizeof where, "%s:7: bm3.hs_tiep_nhan: ", path);
	free(path);
	if (!test_diags_at(&f->d, where, what)) {
		test_diags_print(&f->d);
		fail_msg("no diagnostic for line 7");
	}
	/* Not even the good unit's part. */
	assert_int_equal(revisions(f), 0);
	assert_int_equal(submissions(f), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE"
				     " action = 'import'"),
			 0);
	bc_import_result_free(&res);
	fx_close(f);
}

static void multi_unit_csv(fx *f)
{
	char text[1024];
	sample(text, sizeof text, "two-communes-csv", "95");
	if (import(f, "many.csv", text, NULL, false) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("the file is refused");
	}
	assert_int_equal(res.n, 2);
	assert_string_equal(res.items[0].unit, "xa-ky-son");
	assert_string_equal(res.items[0].parts, "bm3 r1");
	assert_string_equal(res.items[1].unit, "xa-tan-an");
	assert_string_equal(res.items[1].parts, "bm3 r1");
}

/* The file that first uses a period, for two units at once. */
static void multi_unit_csv_stored(void **state)
{
	fx *f = *state;
	fx_open(f);
	multi_unit_csv(f);
	assert_int_equal(revisions(f), 2);
	assert_int_equal(submissions(f), 2);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM period"), 1);
	bc_import_result_free(&res);
	fx_close(f);
}

/* The same, once another file has recorded the period. */
static void multi_unit_csv_into_a_recorded_period(void **state)
{
	fx *f = *state;
	fx_open(f);
	import(f, "a.json",
	       "{\"unit\": \"noi-vu\", \"period\": \"2023-Q1\",\n"
	       "\"signed_by\": {\"name\": \"A\", \"title\": \"B\"},\n"
	       "\"forms\": {\"bm1\": {\"vb_chi_dao\": 0}}}\n",
	       NULL, false);
	assert_true(res.accepted);
	multi_unit_csv(f);
	assert_int_equal(revisions(f), 3);
	bc_import_result_free(&res);
	fx_close(f);
}

static void dry_run_stores_nothing(void **state)
{
	fx *f = *state;
	fx_open(f);
	char text[1024];
	commune_json(text, sizeof text, 120);
	bc_import_opts o = {.tz_offset = 420};
	assert_int_equal(import(f, "a.json", text, &o, true), BC_OK);
	assert_true(res.accepted);
	assert_int_equal(res.n, 1);
	assert_string_equal(res.items[0].unit, "xa-ky-son");
	assert_int_equal(revisions(f), 0);
	assert_int_equal(submissions(f), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM period"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM audit WHERE"
				     " action = 'import'"),
			 0);
	/* A bad file is still refused. */
	commune_json(text, sizeof text, -1);
	assert_int_equal(import(f, "bad.json", text, &o, true),
			 BC_ERR_INVALID);
	assert_false(res.accepted);
	/* And the real import after it makes revision 1. */
	bc_diags_free(&f->d);
	import_json(f, "a.json", 120);
	assert_string_equal(res.items[0].parts, "bm3 r1, report r1");
	bc_import_result_free(&res);
	fx_close(f);
}

static void command_line_wins(void **state)
{
	fx *f = *state;
	fx_open(f);
	char text[1024];
	commune_json(text, sizeof text, 120);
	bc_import_opts o = {.received_at = "2023-03-02T08:15:00+07:00",
			    .channel = "email",
			    .tz_offset = 420};
	assert_int_equal(import(f, "a.json", text, &o, false), BC_OK);
	bc_time t;
	assert_true(bc_time_parse(o.received_at, 420, &t, NULL));
	assert_int_equal(fx_count(f, "SELECT received_at FROM submission"), t);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM revision WHERE"
				     " received_at = (SELECT received_at"
				     " FROM submission)"),
			 2);
	assert_int_equal(fx_count(f, "SELECT channel = 'email' FROM submission"),
			 1);
	assert_false(res.items[0].received_default);
	/* Received after the due date, by the command line's word. */
	assert_true(res.items[0].late);
	assert_true(fx_count(f, "SELECT count(*) FROM diagnostic WHERE"
				" severity = 'warning' AND message LIKE"
				" '%after the deadline%'") >= 2);
	bc_import_result_free(&res);
	fx_close(f);
}

static void neither_file_nor_command_line(void **state)
{
	fx *f = *state;
	fx_open(f);
	import(f, "a.json",
	       "{\"unit\": \"xa-ky-son\", \"period\": \"2023-Q1\",\n"
	       "\"signed_by\": {\"name\": \"A\", \"title\": \"B\"},\n"
	       "\"forms\": {\"bm2\": {\"vb_ra_soat\": 0}}}\n",
	       NULL, false);
	assert_true(res.accepted);
	/* The time of import, and a file. */
	bc_time now;
	assert_true(bc_time_parse(FX_NOW, 420, &now, NULL));
	/* And the result says it was the time of import. */
	assert_true(res.items[0].received_default);
	assert_true(res.items[0].received_at == now);
	assert_int_equal(fx_count(f, "SELECT received_at FROM submission"),
			 now);
	assert_int_equal(fx_count(f, "SELECT channel = 'file' FROM submission"),
			 1);
	bc_import_result_free(&res);
	fx_close(f);
}

/* docs/formats.md: "Unknown top-level keys are refused"; nothing stored. */
static void problems_of_reading_refuse_the_file(void **state)
{
	fx *f = *state;
	fx_open(f);
	test_texts *tx = test_texts_load("import-samples.txt");
	bc_err rc = import(f, "a.json", test_texts_get(tx, "unknown-key-json"),
			   NULL, false);
	test_texts_free(tx);
	bool said = test_diags_have(&f->d, "unknown key 'ghi_chu'");
	bool accepted = res.accepted;
	int64_t stored = revisions(f);
	bc_import_result_free(&res);
	fx_close(f);
	assert_true(said);
	assert_int_equal(rc, BC_ERR_INVALID);
	assert_false(accepted);
	assert_int_equal(stored, 0);
}

/* One form of unit for a period, received on time. */
static void send_unit_form(fx *f, const char *unit, const char *name,
			   const char *period, const char *received_at,
			   const char *form)
{
	char text[1024];
	snprintf(text, sizeof text,
		 "{\"unit\": \"%s\", \"period\": \"%s\",\n"
		 "\"signed_by\": {\"name\": \"A\", \"title\": \"B\"},\n"
		 "\"received_at\": \"%s\",\n"
		 "\"forms\": {%s}}\n",
		 unit, period, received_at, form);
	bc_diags_free(&f->d);
	if (import(f, name, text, NULL, false) != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("%s refused", name);
	}
}

/* One form of xa-ky-son for a period, received on time. */
static void send_form(fx *f, const char *name, const char *period,
		      const char *received_at, const char *form)
{
	send_unit_form(f, "xa-ky-son", name, period, received_at, form);
}

/* Warnings that need what the unit sent before: a value far from last
 * year's, a carry-over that does not match the previous report. */
static void warnings_from_earlier_reports(void **state)
{
	fx *f = *state;
	fx_open(f);
	send_form(f, "2022.json", "2022-Q1", "2022-02-20",
		  "\"bm1\": {\"vb_chi_dao\": 10, \"hop_giao_ban\": 6}");
	send_form(f, "2023.json", "2023-Q1", "2023-02-20",
		  "\"bm1\": {\"vb_chi_dao\": 31,\n\"hop_giao_ban\": 1}");
	assert_int_equal(f->d.errors, 0);
	assert_true(test_diags_have(&f->d, ":4: bm1.vb_chi_dao: warning: 31 is "
					   "more than three times 10, the value "
					   "of 2022-Q1"));
	assert_true(test_diags_have(&f->d, ":5: bm1.hop_giao_ban: warning: 1 "
					   "is less than a third of 6"));
	assert_int_equal(fx_count(f, "SELECT count(*) FROM diagnostic d JOIN"
				     " revision r ON r.id = d.revision_id JOIN"
				     " period p ON p.id = r.period_id WHERE"
				     " p.code = '2023-Q1' AND d.severity ="
				     " 'warning'"),
			 2);
	/* Three times exactly, or a third, is within bounds. */
	send_form(f, "2023b.json", "2023-Q1", "2023-02-21",
		  "\"bm1\": {\"vb_chi_dao\": 30, \"hop_giao_ban\": 2}");
	assert_int_equal(f->d.n, 0);

	/* Q3 carries over what H1 left being settled. */
	send_form(f, "h1.json", "2023-H1", "2023-05-20",
		  "\"bm3\": {\"hs_dang_trong_han\": 8, \"hs_dang_qua_han\": 2,"
		  " \"hs_dang_giai_quyet\": 10}");
	send_form(f, "q3.json", "2023-Q3", "2023-08-20",
		  "\"bm3\": {\"hs_ky_truoc\": 12}");
	assert_true(test_diags_have(&f->d, ":4: bm3.hs_ky_truoc: warning: "
					   "= 12, but [16] of the report for "
					   "2023-H1 = 10"));
	send_form(f, "q3b.json", "2023-Q3", "2023-08-21",
		  "\"bm3\": {\"hs_ky_truoc\": 10}");
	assert_int_equal(f->d.n, 0);
	bc_import_result_free(&res);
	fx_close(f);
}

/* A store in 2025 with the rules renamed-2024 and renamed-2025 (in a
 * directory of their own, returned for the caller to remove) and the n
 * units of fixture units. */
static char *fx_open_renamed(fx *f, const char *units, int n)
{
	char *rules = test_tmpdir();
	test_link_source(rules, "renamed-2024", "tests/rules/renamed-2024");
	test_link_source(rules, "renamed-2025", "tests/rules/renamed-2025");
	char *path = test_fixture_path(units);
	fx_open_with(f, rules, path, n);
	free(path);
	bc_time now;
	assert_true(bc_time_parse("2025-04-01T10:00:00+07:00", 420, &now, NULL));
	bc_store_set_clock(f->st, now);
	return rules;
}

/* The warning against last year and the carry-over read the earlier
 * periods under their own rules: renamed-2025's dvc.ho_so_nhan was
 * renamed-2024's tthc.hs_tiep_nhan, its ho_so_ton was hs_ton. */
static void warnings_across_renames(void **state)
{
	fx *f = *state;
	char *rules = fx_open_renamed(f, "units-renamed.csv", 5);
	send_form(f, "q1.json", "2024-Q1", "2024-03-12",
		  "\"tthc\": {\"hs_tiep_nhan\": 100, \"hs_ton\": 9}");
	send_form(f, "y.json", "2024-Y", "2024-12-12",
		  "\"tthc\": {\"hs_tiep_nhan\": 300, \"hs_ton\": 25}");
	send_form(f, "q1-25.json", "2025-Q1", "2025-03-12",
		  "\"dvc\": {\"hs_ky_truoc\": 20,\n\"ho_so_nhan\": 301}");
	assert_true(test_diags_have(&f->d, ":4: dvc.hs_ky_truoc: warning: "
					   "= 20, but [5] of the report for "
					   "2024-Y = 25"));
	assert_true(test_diags_have(&f->d, ":5: dvc.ho_so_nhan: warning: 301 "
					   "is more than three times 100, the "
					   "value of 2024-Q1"));
	assert_int_equal(f->d.n, 2);
	send_form(f, "q1-25b.json", "2025-Q1", "2025-03-13",
		  "\"dvc\": {\"hs_ky_truoc\": 25, \"ho_so_nhan\": 300}");
	assert_int_equal(f->d.n, 0);
	bc_import_result_free(&res);
	fx_close(f);
	test_rm_tree(rules);
	free(rules);
}

/* A merged commune's figures are compared with the sum of those of the
 * communes it continues, named; through a split nothing is compared,
 * and that is said once per period. */
static void warnings_across_a_merge(void **state)
{
	fx *f = *state;
	char *rules = fx_open_renamed(f, "units-merged.csv", 8);
	static const char *const old[] = {"xa-ky-son", "xa-ky-tan",
					  "xa-nghia-dong"};
	for (size_t i = 0; i < 3; i++) {
		send_unit_form(f, old[i], "q1.json", "2024-Q1", "2024-03-12",
			       "\"tthc\": {\"hs_tiep_nhan\": 50}");
		send_unit_form(f, old[i], "y.json", "2024-Y", "2024-12-12",
			       "\"tthc\": {\"hs_ton\": 5}");
	}
	send_unit_form(f, "xa-tan-ky", "m.json", "2025-Q1", "2025-03-12",
		       "\"dvc\": {\"hs_ky_truoc\": 11,\n\"ho_so_nhan\": 301}");
	test_texts *tx = test_texts_load("merge-samples.txt");
	assert_true(test_diags_have(&f->d, test_texts_get(tx, "merged-carry")));
	assert_true(test_diags_have(&f->d,
				    test_texts_get(tx, "merged-last-year")));
	assert_int_equal(f->d.n, 2);
	send_unit_form(f, "xa-tan-ky", "m2.json", "2025-Q1", "2025-03-13",
		       "\"dvc\": {\"hs_ky_truoc\": 10, \"ho_so_nhan\": 300}");
	assert_int_equal(f->d.n, 0);
	send_unit_form(f, "xa-nghia-dong-1", "s.json", "2025-Q1", "2025-03-12",
		       "\"dvc\": {\"hs_ky_truoc\": 9, \"ho_so_nhan\": 900}");
	assert_true(test_diags_have(&f->d,
				    test_texts_get(tx, "split-not-compared")));
	assert_true(test_diags_have(&f->d, "not compared with 2024-Y"));
	assert_int_equal(f->d.n, 2);
	test_texts_free(tx);
	bc_import_result_free(&res);
	fx_close(f);
	test_rm_tree(rules);
	free(rules);
}

/* The carry-over is checked against the report of the period that ends
 * where this one begins, never an older one: for 2023-H1 (from
 * 2022-12-10) that is 2022-Y, not 2022-Q1. */
static void carry_over_from_the_period_just_before(void **state)
{
	fx *f = *state;
	fx_open(f);
	send_form(f, "q1.json", "2022-Q1", "2022-02-20",
		  "\"bm3\": {\"hs_dang_giai_quyet\": 10}");
	send_form(f, "h1.json", "2023-H1", "2023-05-20",
		  "\"bm3\": {\"hs_ky_truoc\": 12}");
	if (f->d.n)
		test_diags_print(&f->d);
	assert_int_equal(f->d.n, 0);
	/* Once 2022-Y is in, it is the one. */
	send_form(f, "y.json", "2022-Y", "2022-11-20",
		  "\"bm3\": {\"hs_dang_giai_quyet\": 7}");
	send_form(f, "h1b.json", "2023-H1", "2023-05-21",
		  "\"bm3\": {\"hs_ky_truoc\": 12}");
	assert_true(test_diags_have(&f->d, ":4: bm3.hs_ky_truoc: warning: "
					   "= 12, but [16] of the report for "
					   "2022-Y = 7"));
	assert_int_equal(f->d.n, 1);
	bc_import_result_free(&res);
	fx_close(f);
}

static void malformed_files(void **state)
{
	fx *f = *state;
	fx_open(f);
	assert_int_equal(import(f, "a.json", "{\"unit\": ", NULL, false),
			 BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, "malformed JSON"));
	bc_diags_free(&f->d);
	assert_int_equal(import(f, "a.csv", "unit,period\n", NULL, false),
			 BC_ERR_INVALID);
	bc_diags_free(&f->d);
	/* A header and nothing else holds no submission. */
	assert_int_equal(import(f, "b.csv", "unit,period,form,field,value\n",
				NULL, false),
			 BC_ERR_INVALID);
	assert_true(test_diags_have(&f->d, "no submission"));
	assert_int_equal(revisions(f), 0);
	bc_import_result_free(&res);
	fx_close(f);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(good_file_is_stored),
		T(same_file_twice),
		T(same_late_file_twice),
		T(files_that_hold_no_submission),
		T(second_file_is_revision_two),
		T(multi_unit_csv_with_a_bad_unit),
		T(multi_unit_csv_stored),
		T(multi_unit_csv_into_a_recorded_period),
		T(dry_run_stores_nothing),
		T(command_line_wins),
		T(neither_file_nor_command_line),
		T(problems_of_reading_refuse_the_file),
		T(warnings_from_earlier_reports),
		T(carry_over_from_the_period_just_before),
		T(warnings_across_renames),
		T(warnings_across_a_merge),
		T(malformed_files),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */

#define READER bc_json_read
#define FILE_NAME "sub.json"

#include "json_read.h"
#include "test_submission.h"

static int form_line(const bc_submission *s, const char *form)
{
	for (size_t i = 0; i < s->n_forms; i++)
		if (!strcmp(s->forms[i], form))
			return s->form_lines[i];
	fail_msg("form %s not listed", form);
	return 0;
}

/* ---- a good submission -------------------------------------------------- */

/* tests/data/submission-good.json: its line numbers are the ones checked
 * below; its Vietnamese texts are in tests/data/json-read-samples.txt. */

                                                       /* 24 */

static void good_submission(void **state)
{
	fx f = {0};
	char *good = test_fixture_read("submission-good.json");
	bc_err rc = sub_read(&f, good);
	free(good);
	if (rc != BC_OK) {
		test_diags_print(&f.d);
		fail_msg("refused");
	}
	assert_int_equal(f.d.n, 0);
	assert_int_equal(f.subs.n, 1);
	const bc_submission *s = &f.subs.v[0];
	assert_string_equal(s->file, FILE_NAME);
	assert_int_equal(s->line, 1);
	want_attr(&s->unit, "xa-nghia-dong", 2);
	want_attr(&s->period, "2023-Q1", 3);
	test_texts *tx = test_texts_load("json-read-samples.txt");
	want_attr(&s->signer_name, test_texts_get(tx, "good_signer_name"), 4);
	want_attr(&s->signer_title, test_texts_get(tx, "good_signer_title"), 5);
	want_attr(&s->signed_date, "2023-02-25", 5);
	want_attr(&s->received_at, "2023-02-26T09:30:00+07:00", 6);
	want_attr(&s->channel, "ioffice", 7);
	want_attr(&s->estimated, "true", 8);

	/* Every form named, even with no values. */
	assert_int_equal(s->n_forms, 4);
	assert_int_equal(form_line(s, "bm1"), 10);
	assert_int_equal(form_line(s, "bm2"), 13);
	assert_int_equal(form_line(s, "pl1b"), 14);
	assert_int_equal(form_line(s, "pl1a"), 20);
	/* In the file's order. */
	assert_string_equal(s->forms[0], "bm1");
	assert_string_equal(s->forms[1], "bm2");
	assert_string_equal(s->forms[2], "pl1b");
	assert_string_equal(s->forms[3], "pl1a");

	/* Numbers as written: "12.50" is not 12.5. */
	want_value(s, "bm1", "kinh_phi_cchc", 0, NULL, BC_RAW_NUM, "12.50",
		     10);
	want_value(s, "bm1", "vb_chi_dao", 0, NULL, BC_RAW_NUM, "3", 11);
	want_value(s, "bm1", "nv_ke_hoach", 0, NULL, BC_RAW_NULL, NULL, 11);
	want_value(s, "bm1", "hop_giao_ban", 0, NULL, BC_RAW_TEXT, "7", 12);
	want_value(s, "bm1", "sang_kien", 0, NULL, BC_RAW_NUM, "-1.5e2", 12);
	/* Table rows from 1, each cell on its own line. */
	want_value(s, "pl1b", "van_ban", 1, "so_ky_hieu", BC_RAW_TEXT,
		     "12/KH-UBND", 15);
	want_value(s, "pl1b", "van_ban", 1, "ngay", BC_RAW_TEXT,
		     "2023-01-10", 15);
	want_value(s, "pl1b", "van_ban", 1, "loai", BC_RAW_TEXT, "ke_hoach",
		     16);
	want_value(s, "pl1b", "van_ban", 2, "so_ky_hieu", BC_RAW_TEXT,
		     test_texts_get(tx, "good_decision_no"), 17);
	want_value(s, "pl1b", "van_ban", 2, "ngay", BC_RAW_TEXT,
		     "2023-02-01", 18);
	want_value(s, "pl1b", "van_ban", 2, "ok", BC_RAW_BOOL, "false", 18);
	/* No rows, which is not no table. */
	want_value(s, "pl1a", "nhiem_vu", 0, NULL, BC_RAW_EMPTY, "[]", 20);
	/* Report sections, their text unescaped; null is no text. */
	want_value(s, "report", "A.I.1", 0, NULL, BC_RAW_TEXT,
		     test_texts_get(tx, "good_report_a1"), 22);
	want_value(s, "report", "A.II", 0, NULL, BC_RAW_TEXT,
		     test_texts_get(tx, "good_report_a2"), 23);
	assert_int_equal(s->n, 14);
	test_texts_free(tx);
	done(&f);
}

/* The lines of values after a string holding escaped quotes and braces,
 * and of a document on one line. */
static void lines_after_tricky_strings(void **state)
{
	fx f = {0};
	const char *text =
		"{\"unit\": \"a\\\"}{,[\", \"forms\": {\"bm3\":\n"     /* 1 */
		"{\"hs_ky_truoc\": \"x\\\\\",\n"                       /* 2 */
		"\"hs_truc_tuyen\": 4}},\n"                            /* 3 */
		"\"period\": \"2023-Q1\"}";                            /* 4 */
	assert_int_equal(sub_read(&f, text), BC_OK);
	const bc_submission *s = &f.subs.v[0];
	want_attr(&s->unit, "a\"}{,[", 1);
	want_attr(&s->period, "2023-Q1", 4);
	assert_int_equal(form_line(s, "bm3"), 2);
	want_value(s, "bm3", "hs_ky_truoc", 0, NULL, BC_RAW_TEXT, "x\\", 2);
	want_value(s, "bm3", "hs_truc_tuyen", 0, NULL, BC_RAW_NUM, "4", 3);
	done(&f);

	fx g = {0};
	assert_int_equal(sub_read(&g, "{\"unit\":\"u\",\"forms\":{\"bm1\":"
				  "{\"vb_chi_dao\":1.0}}}"),
			 BC_OK);
	want_value(&g.subs.v[0], "bm1", "vb_chi_dao", 0, NULL, BC_RAW_NUM,
		     "1.0", 1);
	done(&g);
}

static void with_bom(void **state)
{
	fx f = {0};
	const char *text = "\xEF\xBB\xBF{\n"
			   "\"unit\": \"xa-ky-son\",\n"
			   "\"forms\": {\"bm1\": {\"vb_chi_dao\": 2}}\n"
			   "}\n";
	if (sub_read(&f, text) != BC_OK) {
		test_diags_print(&f.d);
		fail_msg("a BOM is refused");
	}
	want_attr(&f.subs.v[0].unit, "xa-ky-son", 2);
	want_value(&f.subs.v[0], "bm1", "vb_chi_dao", 0, NULL, BC_RAW_NUM,
		     "2", 3);
	done(&f);
}

/* An empty text is not reported, as null is and as an empty CSV cell
 * is: no text (readers give text NULL exactly for BC_RAW_NULL). */
static void empty_text_is_null(void **state)
{
	fx f = {0};
	assert_int_equal(sub_read(&f, "{\"forms\": {\"bm1\": {\"x\": \"\",\n"
				      "\"t\": [{\"c\": \"\"}]}}}"),
			 BC_OK);
	want_value(&f.subs.v[0], "bm1", "x", 0, NULL, BC_RAW_NULL, NULL, 1);
	want_value(&f.subs.v[0], "bm1", "t", 1, "c", BC_RAW_NULL, NULL, 2);
	done(&f);
}

/* A key written with escapes is the key jansson reads ("\u0076b" is
 * "vb"): its value is found where it stands, its number as written. */
static void escaped_key_located(void **state)
{
	fx f = {0};
	assert_int_equal(sub_read(&f, "{\"forms\": {\"bm1\": {\n"
				      "\"\\u0076b_chi_dao\": 2.50,\n"
				      "\"t\\u0061ble\": [{\"c\": 1.0}]}}}"),
			 BC_OK);
	want_value(&f.subs.v[0], "bm1", "vb_chi_dao", 0, NULL, BC_RAW_NUM,
		   "2.50", 2);
	want_value(&f.subs.v[0], "bm1", "table", 1, "c", BC_RAW_NUM, "1.0", 3);
	done(&f);
}

static void same_attr(const bc_attr *a, const bc_attr *b)
{
	assert_true((a->text == NULL) == (b->text == NULL));
	if (a->text)
		assert_string_equal(a->text, b->text);
	assert_int_equal(a->line, b->line);
}

static void same_text(const char *a, const char *b)
{
	assert_true((a == NULL) == (b == NULL));
	if (a)
		assert_string_equal(a, b);
}

/* A document the fast parser reads, and the same read by jansson and
 * the locator (one key written with a \u escape, which the fast parser
 * leaves to them): the same values, texts as written, and lines. */
static void fast_parser_reads_as_jansson(void **state)
{
	char *good = test_fixture_read("submission-good.json");
	char *esc = malloc(strlen(good) + 8);
	assert_non_null(esc);
	const char *at = strstr(good, "\"unit\"");
	assert_non_null(at);
	sprintf(esc, "%.*s\"\\u0075nit\"%s", (int)(at - good), good,
		at + strlen("\"unit\""));
	fx f = {0}, g = {0};
	assert_int_equal(sub_read(&f, good), BC_OK);
	assert_int_equal(sub_read(&g, esc), BC_OK);
	const bc_submission *a = &f.subs.v[0], *b = &g.subs.v[0];
	same_attr(&a->unit, &b->unit);
	same_attr(&a->signer_name, &b->signer_name);
	same_attr(&a->estimated, &b->estimated);
	assert_int_equal(a->n_forms, b->n_forms);
	assert_int_equal(a->n, b->n);
	assert_true(a->n > 10);
	for (size_t i = 0; i < a->n; i++) {
		assert_string_equal(a->v[i].form, b->v[i].form);
		assert_string_equal(a->v[i].field, b->v[i].field);
		assert_int_equal(a->v[i].row, b->v[i].row);
		same_text(a->v[i].col, b->v[i].col);
		same_text(a->v[i].text, b->v[i].text);
		assert_int_equal(a->v[i].kind, b->v[i].kind);
		assert_int_equal(a->v[i].line, b->v[i].line);
	}
	done(&f);
	done(&g);
	free(esc);
	free(good);
}

/* Strings passed 8 bytes at a time up to the first quote, backslash or
 * control character, wherever in the string (and in the word) it falls:
 * the text decoded whole, and a raw control refused as jansson does. */
static void string_specials_anywhere(void **state)
{
	(void)state;
	for (int k = 0; k < 20; k++) {
		char doc[256], want[64];
		snprintf(doc, sizeof doc,
			 "{\"unit\": \"a\", \"period\": \"2023-Q1\",\n"
			 "\"forms\": {\"bm1\": {\"t\": "
			 "\"%.*s\\\"q\\\\%s\"}}}",
			 k, "abcdefghijklmnopqrstuvwxyz",
			 "\u1ea1\u1ea1 0123456789");
		snprintf(want, sizeof want, "%.*s\"q\\%s", k,
			 "abcdefghijklmnopqrstuvwxyz",
			 "\u1ea1\u1ea1 0123456789");
		fx f = {0};
		assert_int_equal(sub_read(&f, doc), BC_OK);
		want_value(&f.subs.v[0], "bm1", "t", 0, NULL, BC_RAW_TEXT,
			   want, 2);
		done(&f);
		snprintf(doc, sizeof doc,
			 "{\"unit\": \"a\",\n\"forms\": {\"bm1\": {\"t\": "
			 "\"%.*s\x01 0123456789\"}}}",
			 k, "abcdefghijklmnopqrstuvwxyz");
		refused(doc, 2, "malformed JSON");
	}
}

/* What cannot be located, a key too long for a path or a value nested
 * deeper than any submission's, takes the line of the nearest value
 * around it that can, and leaves the others where they are. */
static void unlocated_takes_nearest_line(void **state)
{
	char key[1200];
	memset(key, 'k', sizeof key - 1);
	key[sizeof key - 1] = '\0';
	char *text = malloc(4096);
	assert_non_null(text);
	snprintf(text, 4096,
		 "{\"forms\": {\n"
		 "\"%s\": {\"x\":\n1}}}",
		 key);
	fx f = {0};
	assert_int_equal(sub_read(&f, text), BC_OK);
	want_value(&f.subs.v[0], key, "x", 0, NULL, BC_RAW_NUM, "1", 1);
	done(&f);
	char deep[512] = "{\"forms\": {\"bm1\": {\"x\": ";
	for (int i = 0; i < 70; i++)
		strcat(deep, "[");
	for (int i = 0; i < 70; i++)
		strcat(deep, "]");
	strcat(deep, ",\n\"y\": 2.50}}}");
	fx g = {0};
	sub_read(&g, deep);
	want_value(&g.subs.v[0], "bm1", "y", 0, NULL, BC_RAW_NUM, "2.50", 2);
	done(&g);
	free(text);
}

/* ---- refused ----------------------------------------------------------- */

static void malformed(void **state)
{
	refused("{\n\"unit\": \"xa-ky-son\",\n\"period\": ", 3,
		"malformed JSON");
	refused("{\n\"unit\": \"xa-ky-son\"\n\"period\": \"2023-Q1\"}", 3,
		"malformed JSON");
	refused("", 1, "malformed JSON");
}

static void duplicate_keys(void **state)
{
	refused("{\n\"unit\": \"a\",\n\"unit\": \"b\"\n}", 3, "duplicate");
	/* A field given twice is named as such. */
	refused("{\"unit\": \"a\",\n\"forms\": {\"bm3\": {\n"
		"\"hs_tiep_nhan\": 1,\n\"hs_tiep_nhan\": 2}}}",
		4, "bm3.hs_tiep_nhan: given twice");
	/* Among a table row's few columns (pair by pair) and among many
	 * (sorted), the twins first and last. */
	refused("{\"unit\": \"a\",\n\"forms\": {\"pl1b\": {\"vb\": [{\n"
		"\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6,"
		" \"g\": 7, \"a\": 8}]}}}",
		3, "pl1b.vb: given twice");
	refused("{\"unit\": \"a\",\n\"forms\": {\"pl1b\": {\"vb\": [{\n"
		"\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6,"
		" \"g\": 7, \"h\": 8, \"a\": 9}]}}}",
		3, "pl1b.vb: given twice");
}

static void deep_nesting(void **state)
{
	size_t n = 10000;
	char *text = malloc(n + 1);
	assert_non_null(text);
	memset(text, '[', n);
	text[n] = '\0';
	refused(text, 1, "malformed JSON");
	/* Closed, too: still too deep. */
	char *closed = malloc(2 * n + 1);
	assert_non_null(closed);
	memset(closed, '[', n);
	memset(closed + n, ']', n);
	closed[2 * n] = '\0';
	refused(closed, 1, "malformed JSON");
	free(text);
	free(closed);
}

static void huge_integer(void **state)
{
	refused("{\"unit\": \"a\",\n\"forms\": {\"bm3\": "
		"{\"hs_tiep_nhan\": 99999999999999999999}}}",
		2, "malformed JSON");
}

static void not_an_object(void **state)
{
	refused("[{\"unit\": \"a\"}]", 1, "a submission is a JSON object");
	refused("[\n1,\n2\n]", 1, "a submission is a JSON object");
	/* A bare value is not even a JSON text jansson reads as a document. */
	refused("\"xa-ky-son\"", 1, "malformed JSON");
	fx f = {0};
	assert_int_equal(sub_read(&f, "42"), BC_ERR_INVALID);
	assert_int_equal(f.subs.n, 0);
	done(&f);
}

static void unknown_top_level_key(void **state)
{
	refused("{\n\"unit\": \"xa-ky-son\",\n\"ghi_chu\": \"x\"\n}", 3,
		"unknown key 'ghi_chu'");
	/* Keys are exact: no other spelling of a known one. */
	refused("{\n\"Unit\": \"xa-ky-son\"\n}", 2, "unknown key 'Unit'");
}

static void unknown_signer_key(void **state)
{
	refused("{\n\"unit\": \"xa-ky-son\",\n\"signed_by\": {\"name\": \"A\",\n"
		"  \"chuc_vu\": \"B\"}\n}",
		4, "unknown key 'signed_by.chuc_vu'");
	test_texts *tx = test_texts_load("json-read-samples.txt");
	refused(test_texts_get(tx, "signed_by_a_text"), 2, "signed_by");
	test_texts_free(tx);
}

static void row_not_an_object(void **state)
{
	refused("{\n\"forms\": {\"pl1b\": {\"van_ban\": [\n"
		"  {\"so_ky_hieu\": \"1/A\"},\n"
		"  5\n"
		"]}}}",
		4, "pl1b.van_ban: row 2 is not an object");
}

static void nested_object_as_value(void **state)
{
	refused("{\n\"forms\": {\"bm3\": {\n"
		"\"hs_tiep_nhan\": {\"x\": 1}}}}",
		3, "bm3.hs_tiep_nhan: ");
	refused("{\n\"forms\": {\"pl1b\": {\"van_ban\": [\n"
		"{\"ngay\": [1]}]}}}",
		3, "a value is a number, a text, true, false or null");
	refused("{\n\"forms\": {\"bm3\": [1, 2]}}", 2,
		"a form maps field ids to values");
	refused("{\n\"report\": {\"A.I\": 5}}", 2,
		"a section's text is a string");
}

/* The message of a bad plain value reads "form.field: message", without
 * an empty table column before it. */
static void nested_object_message(void **state)
{
	fx f = {0};
	sub_read(&f, "{\"forms\": {\"bm3\": {\"hs_tiep_nhan\": {\"x\": 1}}}}");
	assert_int_equal(f.d.n, 1);
	char *s = bc_diag_format(&f.d.v[0]);
	assert_non_null(s);
	bool doubled = strstr(s, ": : ") != NULL;
	if (doubled)
		printf("# %s\n", s);
	bc_free(s);
	done(&f);
	assert_false(doubled);
}

static void invalid_utf8(void **state)
{
	refused("{\n\"unit\": \"xa-ky-son\",\n\"period\": \"2023\xff-Q1\"}", 3,
		"not UTF-8");
	/* An overlong encoding of '/', and a surrogate. */
	refused("{\"unit\": \"\xC0\xAF\"}", 1, "not UTF-8");
	refused("{\n\n\"unit\": \"\xED\xA0\x80\"}", 3, "not UTF-8");
}

/* Every problem of a file is listed, not only the first. */
static void every_problem_listed(void **state)
{
	fx f = {0};
	bc_err rc = sub_read(&f, "{\n\"unit\": \"a\",\n\"extra\": 1,\n"
			     "\"signed_by\": {\"nom\": \"A\"},\n"
			     "\"forms\": {\"bm3\": {\"hs_tiep_nhan\": [1]}}\n"
			     "}");
	assert_int_equal(rc, BC_ERR_INVALID);
	assert_true(test_diags_have(&f.d, FILE_NAME ":3: unknown key 'extra'"));
	assert_true(test_diags_have(&f.d, FILE_NAME ":4: unknown key "
					  "'signed_by.nom'"));
	assert_true(test_diags_have(&f.d, FILE_NAME ":5: bm3.hs_tiep_nhan: "
					  "row 1 is not an object"));
	assert_int_equal(f.d.errors, 3);
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_submission),
		cmocka_unit_test(lines_after_tricky_strings),
		cmocka_unit_test(with_bom),
		cmocka_unit_test(empty_text_is_null),
		cmocka_unit_test(escaped_key_located),
		cmocka_unit_test(fast_parser_reads_as_jansson),
		cmocka_unit_test(unlocated_takes_nearest_line),
		cmocka_unit_test(malformed),
		cmocka_unit_test(duplicate_keys),
		cmocka_unit_test(string_specials_anywhere),
		cmocka_unit_test(deep_nesting),
		cmocka_unit_test(huge_integer),
		cmocka_unit_test(not_an_object),
		cmocka_unit_test(unknown_top_level_key),
		cmocka_unit_test(unknown_signer_key),
		cmocka_unit_test(row_not_an_object),
		cmocka_unit_test(nested_object_as_value),
		cmocka_unit_test(nested_object_message),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(every_problem_listed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

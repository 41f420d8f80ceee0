/* SPDX-License-Identifier: MIT */
/*
 * The JSON writer, streamed and over trees: byte for byte what jansson
 * writes for every document without an exact decimal (the outputs and
 * golden files stay as they were), the decimals bare with their digits;
 * its escaping, numbers, separators and indentation written out here in
 * full; a failed write kept and reported.
 */
#define _GNU_SOURCE /* mknod */
#include "test.h"

#include "jsonout.h"

#include <errno.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

/* A tree with every kind of value, in the shapes the outputs have. */
static json_t *sample(void)
{
	test_texts *tx = test_texts_load("base-samples.txt");
	json_t *v = json_pack(
		"{s:s, s:i, s:f, s:f, s:f, s:f, s:b, s:b, s:n, s:[], s:{},"
		" s:[i, s, {s:[f, {}]}], s:s, s:s}",
		"period", "2023-Q1", "count", 4922, "rate", 96.6, "whole", 5.0,
		"big", 1e20, "small", 1.5e-7, "yes", 1, "no", 0, "none",
		"empty_a", "empty_o", "mixed", -3, test_texts_get(tx, "json_key"), "deep",
		0.1 + 0.2, "escapes", "\"q\" \\ / \b\f\n\r\t \x01 \x1f \x7f",
		"unicode", "\u00e9\u1ec5\u2028");
	test_texts_free(tx);
	assert_non_null(v);
	return v;
}

static void same_as_jansson(void **state)
{
	(void)state;
	json_t *v = sample();
	static const size_t flags[] = {
		0,
		JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15),
		JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15),
		JSON_INDENT(2),
		JSON_INDENT(1) | JSON_COMPACT,
		JSON_COMPACT,
		JSON_REAL_PRECISION(3),
		JSON_INDENT(31),
	};
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
		char *want = json_dumps(v, flags[i]);
		char *got = bc_json_dumps(v, flags[i]);
		assert_non_null(want);
		assert_non_null(got);
		if (strcmp(want, got))
			fail_msg("flags %zx:\n%s\nnot\n%s", flags[i], got, want);
		free(want);
		bc_free(got);
	}
	/* A scalar only with JSON_ENCODE_ANY, as with jansson. */
	json_t *s = json_string("a");
	assert_null(bc_json_dumps(s, 0));
	char *t = bc_json_dumps(s, JSON_ENCODE_ANY);
	assert_string_equal(t, "\"a\"");
	bc_free(t);
	json_decref(s);
	json_decref(v);
}

static json_t *dec(const char *s)
{
	bc_dec d;
	assert_int_equal(bc_dec_parse(s, false, &d), BC_DEC_OK);
	json_t *v = bc_json_dec(d);
	assert_non_null(v);
	return v;
}

/* The exact decimal: a bare number with its digits wherever it is. */
static void decimals_written_bare(void **state)
{
	(void)state;
	json_t *v = json_pack("{s:o, s:o, s:[o, o], s:o}", "xa",
			      dec("99999999999999.99"), "huyen",
			      dec("12345678901234.56"), "parts", dec("12.50"),
			      dec("1500"), "neg", dec("-0.05"));
	char *t = bc_json_dumps(v, JSON_PRESERVE_ORDER);
	assert_string_equal(t, "{\"xa\": 99999999999999.99, \"huyen\": "
			       "12345678901234.56, \"parts\": [12.5, 1500], "
			       "\"neg\": -0.05}");
	bc_free(t);
	t = bc_json_dumps(v, JSON_INDENT(1) | JSON_COMPACT);
	assert_string_equal(t, "{\n \"xa\":99999999999999.99,\n "
			       "\"huyen\":12345678901234.56,\n \"parts\":[\n  "
			       "12.5,\n  1500\n ],\n \"neg\":-0.05\n}");
	bc_free(t);
	/* A whole amount is an integer: JSON readers see 1500, not 1500.0. */
	assert_true(json_is_integer(json_array_get(json_object_get(v, "parts"), 1)));
	json_decref(v);
}

/* Whoever reads numbers from a tree reads the decimal exactly; anything
 * else sees an empty string, never a wrong number. */
static void decimals_read_back(void **state)
{
	(void)state;
	json_t *m = dec("99999999999999.99");
	bc_dec d;
	char buf[64];
	assert_true(bc_json_is_num(m));
	assert_false(json_is_number(m));
	assert_string_equal(json_string_value(m), "");
	assert_true(bc_json_get_dec(m, &d));
	assert_true(d.v == 9999999999999999 && d.scale == 2);
	assert_true(bc_json_num_text(m, buf, sizeof buf));
	assert_string_equal(buf, "99999999999999.99");
	assert_true(bc_json_num_value(m) == 99999999999999.99);
	json_decref(m);

	json_t *i = json_integer(7), *r = json_real(96.6), *s = json_string("7");
	assert_true(bc_json_num_text(i, buf, sizeof buf));
	assert_string_equal(buf, "7");
	assert_true(bc_json_num_text(r, buf, sizeof buf));
	assert_string_equal(buf, "96.6");
	assert_true(bc_json_get_dec(r, &d) && d.v == 966 && d.scale == 1);
	/* Text that looks like a number is text. */
	assert_false(bc_json_is_num(s));
	assert_false(bc_json_num_text(s, buf, sizeof buf));
	assert_string_equal(buf, "");
	assert_false(bc_json_get_dec(s, &d));
	assert_false(bc_json_is_num(NULL));
	json_decref(i);
	json_decref(r);
	json_decref(s);
}

/* ---- the streaming writer ------------------------------------------------ */

/* What a writer gave its sink, and how often it was called. */
typedef struct text {
	char *s;
	size_t n, calls;
	int fail_at; /* the call that fails (1: the first); 0: none */
	int fail_errno;
} text;

static int to_text(const char *s, size_t n, void *ud)
{
	text *t = ud;
	if (t->fail_at && (int)++t->calls >= t->fail_at) {
		errno = t->fail_errno;
		return -1;
	}
	if (!t->fail_at)
		t->calls++;
	t->s = realloc(t->s, t->n + n + 1);
	assert_non_null(t->s);
	memcpy(t->s + t->n, s, n);
	t->n += n;
	t->s[t->n] = '\0';
	return 0;
}

static void text_start(bc_jw *w, text *t, size_t flags)
{
	*t = (text){0};
	bc_jw_init(w, flags, to_text, t);
}

/* The document w wrote into t, checked to be s, t emptied. */
static void text_is(bc_jw *w, text *t, const char *s)
{
	assert_int_equal(bc_jw_finish(w, false), 0);
	assert_non_null(t->s);
	if (strcmp(t->s, s))
		fail_msg("wrote\n%s\nnot\n%s", t->s, s);
	free(t->s);
	*t = (text){0};
}

/* Control characters as \\u and four hex digits, or their short
 * escapes, quote and backslash escaped; '/', DEL and UTF-8 as they
 * are. */
static void strings_escaped(void **state)
{
	(void)state;
	bc_jw w;
	text t;
	char all[32];
	for (int c = 0; c < 32; c++)
		all[c] = (char)c;
	text_start(&w, &t, 0);
	bc_jw_string(&w, all, sizeof all);
	text_is(&w, &t,
		"\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
		"\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F"
		"\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
		"\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\"");
	text_start(&w, &t, 0);
	bc_jw_str(&w, "say \"hi\" \\ back/slash \x7f");
	text_is(&w, &t, "\"say \\\"hi\\\" \\\\ back/slash \x7f\"");
	text_start(&w, &t, 0);
	bc_jw_str(&w, "X\u00e3 \u0110\u1ed3ng V\u0103n \u2028 \U0001F600");
	text_is(&w, &t, "\"X\u00e3 \u0110\u1ed3ng V\u0103n \u2028 \U0001F600\"");
	/* Keys alike; NULL is null. */
	text_start(&w, &t, 0);
	bc_jw_object(&w);
	bc_jw_key(&w, "a\"b\n\u00e9");
	bc_jw_str(&w, NULL);
	bc_jw_object_end(&w);
	text_is(&w, &t, "{\"a\\\"b\\n\u00e9\": null}");
}

static const char *dec_text_of(const char *s, char buf[BC_DEC_BUF * 2])
{
	bc_dec d;
	bc_jw w;
	text t;
	assert_int_equal(bc_dec_parse(s, false, &d), BC_DEC_OK);
	text_start(&w, &t, 0);
	bc_jw_dec(&w, d);
	assert_int_equal(bc_jw_finish(&w, false), 0);
	snprintf(buf, BC_DEC_BUF * 2, "%s", t.s);
	free(t.s);
	/* The same as the tree's node for d. */
	json_t *v = bc_json_dec(d);
	char *tree = bc_json_dumps(v, JSON_ENCODE_ANY);
	assert_string_equal(tree, buf);
	bc_free(tree);
	json_decref(v);
	return buf;
}

static const char *real_text(double x, size_t flags, char buf[64])
{
	bc_jw w;
	text t;
	text_start(&w, &t, flags);
	bc_jw_real(&w, x);
	assert_int_equal(bc_jw_finish(&w, false), 0);
	snprintf(buf, 64, "%s", t.s);
	free(t.s);
	return buf;
}

/* Integers whole, decimals with their digits, reals as jansson. */
static void numbers_written(void **state)
{
	(void)state;
	bc_jw w;
	text t;
	char buf[BC_DEC_BUF * 2];
	text_start(&w, &t, 0);
	bc_jw_array(&w);
	bc_jw_int(&w, INT64_MIN);
	bc_jw_int(&w, 0);
	bc_jw_int(&w, 4922);
	bc_jw_bool(&w, true);
	bc_jw_bool(&w, false);
	bc_jw_null(&w);
	bc_jw_array_end(&w);
	text_is(&w, &t, "[-9223372036854775808, 0, 4922, true, false, null]");

	assert_string_equal(dec_text_of("99999999999999.99", buf),
			    "99999999999999.99");
	assert_string_equal(dec_text_of("-0.05", buf), "-0.05");
	assert_string_equal(dec_text_of("12.50", buf), "12.5");
	assert_string_equal(dec_text_of("1500", buf), "1500");
	assert_string_equal(dec_text_of("15.00", buf), "15");
	assert_string_equal(dec_text_of("-999999999999999999", buf),
			    "-999999999999999999");

	const size_t p15 = JSON_REAL_PRECISION(15);
	assert_string_equal(real_text(96.6, p15, buf), "96.6");
	assert_string_equal(real_text(5.0, p15, buf), "5.0");
	assert_string_equal(real_text(-0.0, p15, buf), "-0.0");
	assert_string_equal(real_text(1e20, p15, buf), "1e20");
	assert_string_equal(real_text(1.5e-7, p15, buf), "1.5e-7");
	assert_string_equal(real_text(-2.5e300, p15, buf), "-2.5e300");
	assert_string_equal(real_text(0.1 + 0.2, p15, buf), "0.3");
	assert_string_equal(real_text(0.1 + 0.2, 0, buf),
			    "0.30000000000000004");
}

/* {"a": [1, [], {}, {"b": null}], "c": {"d": true, "e": [false]},
 * "f": "x"}, streamed. */
static void nested(bc_jw *w)
{
	bc_jw_object(w);
	bc_jw_key(w, "a");
	bc_jw_array(w);
	bc_jw_int(w, 1);
	bc_jw_array(w);
	bc_jw_array_end(w);
	bc_jw_object(w);
	bc_jw_object_end(w);
	bc_jw_object(w);
	bc_jw_key(w, "b");
	bc_jw_null(w);
	bc_jw_object_end(w);
	bc_jw_array_end(w);
	bc_jw_key(w, "c");
	bc_jw_object(w);
	bc_jw_key(w, "d");
	bc_jw_bool(w, true);
	bc_jw_key(w, "e");
	bc_jw_array(w);
	bc_jw_bool(w, false);
	bc_jw_array_end(w);
	bc_jw_object_end(w);
	bc_jw_key(w, "f");
	bc_jw_str(w, "x");
	bc_jw_object_end(w);
}

/* Commas between members only, each member on its line at its depth
 * when indenting, a space after ':' and ',' unless compact. */
static void nesting_and_commas(void **state)
{
	(void)state;
	bc_jw w;
	text t;
	text_start(&w, &t, 0);
	nested(&w);
	text_is(&w, &t,
		"{\"a\": [1, [], {}, {\"b\": null}], \"c\": {\"d\": true, "
		"\"e\": [false]}, \"f\": \"x\"}");
	text_start(&w, &t, JSON_COMPACT);
	nested(&w);
	text_is(&w, &t,
		"{\"a\":[1,[],{},{\"b\":null}],\"c\":{\"d\":true,"
		"\"e\":[false]},\"f\":\"x\"}");
	text_start(&w, &t, JSON_INDENT(1));
	nested(&w);
	text_is(&w, &t,
		"{\n \"a\": [\n  1,\n  [],\n  {},\n  {\n   \"b\": null\n  }\n"
		" ],\n \"c\": {\n  \"d\": true,\n  \"e\": [\n   false\n  ]\n"
		" },\n \"f\": \"x\"\n}");
	/* And as jansson dumps the same tree, whatever the flags. */
	json_t *v = json_pack("{s:[i, [], {}, {s:n}], s:{s:b, s:[b]}, s:s}",
			      "a", 1, "b", "c", "d", 1, "e", 0, "f", "x");
	static const size_t flags[] = {0, JSON_INDENT(1), JSON_INDENT(2),
				       JSON_COMPACT,
				       JSON_INDENT(3) | JSON_COMPACT};
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
		char *want = json_dumps(v, flags[i] | JSON_PRESERVE_ORDER);
		text_start(&w, &t, flags[i]);
		nested(&w);
		text_is(&w, &t, want);
		free(want);
	}
	json_decref(v);
}

/* Trees written among streamed members, at their depth: the same text
 * as the whole dumped at once (how status and aggregate --json, and the
 * json export, are written). */
static void trees_in_a_stream(void **state)
{
	(void)state;
	json_t *whole = sample(), *head = json_deep_copy(whole);
	json_t *units = json_pack("[{s:s, s:[s, s]}, {s:s, s:[]}]", "unit",
				  "xa-a", "missing", "bm1", "bm2", "unit",
				  "xa-b", "missing");
	json_object_set(whole, "units", units);
	static const size_t flags[] = {
		JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15),
		JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15),
		JSON_INDENT(2) | JSON_COMPACT};
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
		bc_jw w;
		text t;
		const char *k;
		json_t *x;
		char *want = json_dumps(whole, flags[i]);
		text_start(&w, &t, flags[i]);
		if (i == 0) {
			assert_int_equal(bc_jw_object_then_list(
						 &w, json_incref(head), "units"),
					 0);
		} else {
			bc_jw_object(&w);
			json_object_foreach(head, k, x) {
				bc_jw_key(&w, k);
				assert_int_equal(bc_jw_value(&w, x), 0);
			}
			bc_jw_key(&w, "units");
			bc_jw_array(&w);
		}
		for (size_t u = 0; u < json_array_size(units); u++)
			bc_jw_value(&w, json_array_get(units, u));
		bc_jw_array_end(&w);
		bc_jw_object_end(&w);
		text_is(&w, &t, want);
		free(want);
	}
	/* No tree, nothing written. */
	bc_jw w;
	text t;
	text_start(&w, &t, 0);
	assert_int_equal(bc_jw_value(&w, NULL), -1);
	assert_int_equal(bc_jw_object_then_list(&w, NULL, "units"), -1);
	assert_int_equal(bc_jw_object_then_list(&w, json_incref(units), "u"),
			 -1); /* no object */
	assert_int_equal(bc_jw_finish(&w, false), 0);
	assert_null(t.s);
	json_decref(units);
	json_decref(head);
	json_decref(whole);
}

/* A document many times the writer's buffer, with a string longer than
 * it: whole and in order. */
static void longer_than_the_buffer(void **state)
{
	(void)state;
	json_t *v = json_array();
	char *big = malloc(3 * BC_JW_BUF);
	assert_non_null(big);
	memset(big, 'x', 3 * BC_JW_BUF - 1);
	big[3 * BC_JW_BUF - 1] = '\0';
	big[BC_JW_BUF] = '\n';
	for (int i = 0; i < 3000; i++)
		json_array_append_new(v, json_sprintf("unit %d", i));
	json_array_insert_new(v, 1500, json_string(big));
	char *want = json_dumps(v, JSON_INDENT(1));
	bc_jw w;
	text t;
	text_start(&w, &t, JSON_INDENT(1));
	bc_jw_value(&w, v);
	assert_true(t.calls > 2); /* given out as the buffer filled */
	text_is(&w, &t, want);
	free(want);
	free(big);
	json_decref(v);
}

/* The first failed write is kept with its errno, and nothing is given
 * to the sink after it. */
static void failed_write_kept(void **state)
{
	(void)state;
	json_t *v = json_array();
	for (int i = 0; i < 5000; i++)
		json_array_append_new(v, json_integer(i));
	bc_jw w;
	text t = {.fail_at = 1, .fail_errno = ENOSPC};
	bc_jw_init(&w, 0, to_text, &t);
	assert_int_equal(bc_jw_value(&w, v), -1);
	assert_int_equal(bc_jw_error(&w), ENOSPC);
	bc_jw_int(&w, 1);
	assert_int_equal(bc_jw_finish(&w, true), ENOSPC);
	assert_int_equal(t.calls, 1);
	assert_null(t.s);
	/* A sink that says no reason: EIO. */
	t = (text){.fail_at = 2, .fail_errno = 0};
	bc_jw_init(&w, 0, to_text, &t);
	bc_jw_value(&w, v);
	assert_int_equal(bc_jw_finish(&w, false), EIO);
	assert_int_equal(t.calls, 2);
	assert_non_null(t.s);
	free(t.s);
	json_decref(v);
}

/* Into a FILE on the full device: the write fails when the file is
 * flushed at the end, and says why.  Root tries a device node of its
 * own, never the system's. */
static void full_device(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *own = test_path(dir, "full");
	const char *full = own;
	if (geteuid() == 0)
		assert_int_equal(mknod(own, S_IFCHR | 0666, makedev(1, 7)), 0);
	else
		full = "/dev/full";
	struct stat st;
	FILE *f = stat(full, &st) == 0 && S_ISCHR(st.st_mode)
			  ? fopen(full, "w")
			  : NULL;
	if (f) {
		bc_jw w;
		bc_jw_init_file(&w, 0, f);
		bc_jw_object(&w);
		bc_jw_key(&w, "period");
		bc_jw_str(&w, "2023-Q1");
		bc_jw_object_end(&w);
		assert_int_equal(bc_jw_finish(&w, true), ENOSPC);
		json_t *v = json_pack("{s:i}", "a", 1);
		assert_int_equal(bc_json_dumpf(v, 0, f), -1);
		json_decref(v);
		fclose(f);
	}
	unlink(own);
	rmdir(dir);
	free(own);
	free(dir);
	if (!f)
		skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_as_jansson),
		cmocka_unit_test(decimals_written_bare),
		cmocka_unit_test(decimals_read_back),
		cmocka_unit_test(strings_escaped),
		cmocka_unit_test(numbers_written),
		cmocka_unit_test(nesting_and_commas),
		cmocka_unit_test(trees_in_a_stream),
		cmocka_unit_test(longer_than_the_buffer),
		cmocka_unit_test(failed_write_kept),
		cmocka_unit_test(full_device),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "csv_parse.h"

#include <csv.h>

#define MAX_RECS 16
#define MAX_COLS 8

/* What the callback saw, copied into fixed storage: the fields are only
 * valid during the call, and test-side memory stays out of the leak
 * accounting. */
typedef struct seen {
	size_t n;
	int line[MAX_RECS];
	size_t nf[MAX_RECS];
	char f[MAX_RECS][MAX_COLS][64];
	int stop_after; /* return non-zero once this many records came */
} seen;

static int collect(void *ud, int line, size_t n, char *const *fields)
{
	seen *s = ud;
	assert_true(s->n < MAX_RECS);
	s->line[s->n] = line;
	s->nf[s->n] = n;
	for (size_t i = 0; i < n && i < MAX_COLS; i++) {
		assert_true(strlen(fields[i]) < sizeof s->f[0][0]);
		strcpy(s->f[s->n][i], fields[i]);
	}
	s->n++;
	return s->stop_after && (int)s->n >= s->stop_after;
}

static bc_err parse_len(const char *text, size_t len, seen *s, bc_diags *d)
{
	return bc_csv_parse("in.csv", text, len, collect, s, d);
}

static bc_err parse(const char *text, seen *s, bc_diags *d)
{
	return parse_len(text, strlen(text), s, d);
}

/* Whether d says needle; prints d when not.  The caller frees d before
 * asserting, so a failure is not also reported as a leak. */
static bool said(const bc_diags *d, const char *needle)
{
	bool hit = test_diags_have(d, needle);
	if (!hit) {
		printf("# expected '%s' in:\n", needle);
		test_diags_print(d);
	}
	return hit;
}

static void records_and_lines(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("a,b,c\nd,,f\n", &s, &d), BC_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.line[0], 1);
	assert_int_equal(s.line[1], 2);
	assert_int_equal(s.nf[0], 3);
	assert_string_equal(s.f[0][0], "a");
	assert_string_equal(s.f[0][2], "c");
	assert_int_equal(s.nf[1], 3);
	assert_string_equal(s.f[1][1], "");
	assert_string_equal(s.f[1][2], "f");
	bc_diags_free(&d);
}

static void empty_input(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("", &s, &d), BC_OK);
	assert_int_equal(parse("\n\r\n\n", &s, &d), BC_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(d.n, 0);
	bc_diags_free(&d);
}

static void bom_skipped(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("\xEF\xBB\xBF" "code,name\nx,y\n", &s, &d),
			 BC_OK);
	assert_int_equal(s.n, 2);
	/* A header matched by name must not carry the BOM in its first cell. */
	assert_string_equal(s.f[0][0], "code");
	assert_int_equal(s.line[0], 1);
	assert_int_equal(s.line[1], 2);
	bc_diags_free(&d);
}

static void quoted_commas(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	test_texts *tx = test_texts_load("base-samples.txt");
	assert_int_equal(parse(test_texts_get(tx, "quoted_comma_line"), &s, &d),
			 BC_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.nf[0], 2);
	assert_string_equal(s.f[0][0], test_texts_get(tx, "quoted_comma_field"));
	assert_string_equal(s.f[0][1], "b");
	bc_diags_free(&d);
	test_texts_free(tx);
}

static void quoted_newlines(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("h1,h2\n"
			       "\"one\ntwo\nthree\",x\n"
			       "next,y\n"
			       "\"a\nb\",z\n"
			       "last,w\n",
			       &s, &d),
			 BC_OK);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.line[0], 1);
	assert_int_equal(s.line[1], 2);
	assert_string_equal(s.f[1][0], "one\ntwo\nthree");
	assert_string_equal(s.f[1][1], "x");
	/* The record after a three-line one starts on line 5, not 3. */
	assert_int_equal(s.line[2], 5);
	assert_string_equal(s.f[2][0], "next");
	assert_int_equal(s.line[3], 6);
	assert_int_equal(s.line[4], 8);
	bc_diags_free(&d);
}

static void doubled_quotes(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n", &s, &d),
			 BC_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.nf[0], 3);
	assert_string_equal(s.f[0][0], "say \"hi\"");
	assert_string_equal(s.f[0][1], "\"");
	assert_string_equal(s.f[0][2], "");
	bc_diags_free(&d);
}

static void crlf_line_endings(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("a,b\r\n\"x\r\ny\",c\r\nd,e\r\n", &s, &d),
			 BC_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.line[0], 1);
	/* No carriage return may stick to the last field of a line. */
	assert_string_equal(s.f[0][1], "b");
	assert_string_equal(s.f[1][0], "x\r\ny");
	assert_string_equal(s.f[1][1], "c");
	assert_int_equal(s.line[1], 2);
	assert_int_equal(s.line[2], 4);
	assert_string_equal(s.f[2][1], "e");
	bc_diags_free(&d);
}

static void blank_lines_between_records(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("\na\n\n\nb\n\r\nc\n\n", &s, &d), BC_OK);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.f[0][0], "a");
	assert_int_equal(s.line[0], 2);
	assert_string_equal(s.f[1][0], "b");
	assert_int_equal(s.line[1], 5);
	assert_string_equal(s.f[2][0], "c");
	assert_int_equal(s.line[2], 7);
	bc_diags_free(&d);
}

/* libcsv drops a line of spaces like an empty one; the record after it
 * must still get its own line. */
static void whitespace_line_between_records(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("a\n   \nb\n\t\r\nc\n", &s, &d), BC_OK);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.f[1][0], "b");
	assert_int_equal(s.line[1], 3);
	assert_string_equal(s.f[2][0], "c");
	assert_int_equal(s.line[2], 5);
	bc_diags_free(&d);
}

static void last_record_without_newline(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("a,b\nc,d", &s, &d), BC_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.line[1], 2);
	assert_int_equal(s.nf[1], 2);
	assert_string_equal(s.f[1][1], "d");

	seen q = {0};
	assert_int_equal(parse("a\n\"b\nc\"", &q, &d), BC_OK);
	assert_int_equal(q.n, 2);
	assert_int_equal(q.line[1], 2);
	assert_string_equal(q.f[1][0], "b\nc");
	assert_int_equal(d.n, 0);
	bc_diags_free(&d);
}

static void invalid_utf8(void **state)
{
	/* A lone continuation, an overlong '/', a surrogate, a sequence cut
	 * by the end of the input, and Latin-1 text, each on line 3. */
	const char *bad[] = {
		"ok\nstill ok\nbad \x80 here\n",
		"ok\nstill ok\n\xC0\xAF\n",
		"ok\nstill ok\n\xED\xA0\x80\n",
		"ok\nstill ok\nend \xE1\x80",
		"ok\n\"quoted\nacross\" \xE9t\xE9\n",
		"\xEF\xBB\xBFok\nstill ok\nPh\xF2ng\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		seen s = {0};
		bc_diags d = BC_DIAGS_INIT;
		assert_int_equal(parse(bad[i], &s, &d), BC_ERR_INVALID);
		bool line = said(&d, "in.csv:3: "), what = said(&d, "UTF-8");
		bc_diags_free(&d);
		if (!line || !what)
			fail_msg("case %zu: no UTF-8 error on line 3", i);
		/* Nothing is handed on from a file that is not text. */
		assert_int_equal(s.n, 0);
	}
	/* Vietnamese in UTF-8 is text. */
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	test_texts *tx = test_texts_load("base-samples.txt");
	assert_int_equal(parse(test_texts_get(tx, "communes_line"), &s, &d),
			 BC_OK);
	assert_string_equal(s.f[0][0], test_texts_get(tx, "communes_first"));
	bc_diags_free(&d);
	test_texts_free(tx);
}

static void nul_byte_refused(void **state)
{
	static const char text[] = "a,b\nc,d\ne\0f,g\n";
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse_len(text, sizeof text - 1, &s, &d),
			 BC_ERR_INVALID);
	assert_true(test_diags_have(&d, "in.csv:3: "));
	assert_int_equal(s.n, 0);
	bc_diags_free(&d);
}

static void text_after_closing_quote(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("a,b\nc,d\n\"x\"y,z\nq,r\n", &s, &d),
			 BC_ERR_INVALID);
	bool line = said(&d, "in.csv:3: "), what = said(&d, "malformed CSV");
	bc_diags_free(&d);
	assert_true(what);
	assert_true(line); /* the stray text is on line 3 */
}

/* The quote opened on line 2 and was never closed: line 2 is where the
 * user has to look, not the end of the file. */
static void unclosed_quote(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("a,b\nc,\"d\ne,f\ng,h\n", &s, &d),
			 BC_ERR_INVALID);
	bool what = said(&d, "malformed CSV"), line = said(&d, "in.csv:2: ");
	bc_diags_free(&d);
	assert_true(what);
	assert_true(line); /* the unclosed quote opens on line 2 */
}

static void unclosed_quote_at_end(void **state)
{
	seen s = {0};
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(parse("a,b\nc,\"d", &s, &d), BC_ERR_INVALID);
	assert_true(test_diags_have(&d, "in.csv:2: "));
	assert_int_equal(d.errors, 1);
	bc_diags_free(&d);
}

static void callback_stops_reading(void **state)
{
	/* The unclosed quote after the stop must never be looked at. */
	seen s = {.stop_after = 2};
	bc_diags d = BC_DIAGS_INIT;
	bc_err rc = parse("1\n2\n3\n\"4\n", &s, &d);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.f[1][0], "2");
	assert_int_equal(d.errors, 0);
	assert_int_not_equal(rc, BC_ERR_INVALID);

	/* Stopping on the first of several records on one feed. */
	seen t = {.stop_after = 1};
	parse("x,y\nz\n", &t, &d);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.nf[0], 2);
	bc_diags_free(&d);
}

/* count fields, a comma between each; "\n" + tail after. */
static char *wide_record(size_t count, const char *head, const char *tail)
{
	size_t hl = strlen(head), tl = strlen(tail);
	char *buf = malloc(hl + 2 * count + 1 + tl + 1);
	assert_non_null(buf);
	char *p = buf;
	memcpy(p, head, hl);
	p += hl;
	for (size_t i = 0; i < count; i++) {
		*p++ = 'x';
		*p++ = i + 1 < count ? ',' : '\n';
	}
	memcpy(p, tail, tl + 1);
	return buf;
}

typedef struct width {
	size_t n, widest;
	int line_of_widest;
} width;

static int count_fields(void *ud, int line, size_t n, char *const *f)
{
	width *w = ud;
	w->n++;
	if (n > w->widest) {
		w->widest = n;
		w->line_of_widest = line;
	}
	return 0;
}

/* What libcsv itself (strict, as bc_csv_parse runs it) makes of a text:
 * the records' fields in one string, "|" between fields and "/" after a
 * record; NULL when it refuses the text. */
typedef struct flat {
	char s[512];
	size_t n;
} flat;

static void flat_put(flat *f, const char *s, size_t len)
{
	assert_true(f->n + len + 2 < sizeof f->s);
	memcpy(f->s + f->n, s, len);
	f->n += len;
	f->s[f->n] = '\0';
}

static void flat_field(void *s, size_t len, void *ud)
{
	flat_put(ud, s ? s : "", s ? len : 0);
	flat_put(ud, "|", 1);
}

static void flat_record(int c, void *ud)
{
	(void)c;
	flat_put(ud, "/", 1);
}

static bool libcsv_reads(const char *text, flat *f)
{
	struct csv_parser p;
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI |
					  CSV_APPEND_NULL),
			 0);
	size_t n = strlen(text);
	bool ok = csv_parse(&p, text, n, flat_field, flat_record, f) == n &&
		  csv_fini(&p, flat_field, flat_record, f) == 0;
	csv_free(&p);
	return ok;
}

static int flat_row(void *ud, int line, size_t n, char *const *fields)
{
	(void)line;
	for (size_t i = 0; i < n; i++) {
		flat_put(ud, fields[i], strlen(fields[i]));
		flat_put(ud, "|", 1);
	}
	flat_put(ud, "/", 1);
	return 0;
}

/* Lines with quotes, split without libcsv where they can be, read as
 * libcsv reads them: quoted fields anywhere on the line, doubled quotes,
 * empty ones, spaces around quotes and inside, a quote left open to the
 * next line, stray quotes and text after a closing quote (refused). */
static void quoted_lines_as_libcsv(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"\"a\",b\n",
		"a,\"b\"\n",
		"a,\"b,c\",d\n",
		"\"\",\"\"\"\",\"x\"\"\"\n",
		"\"\"\"\"\"\"\"\"\n",
		"a,\"b\",\n",
		"\"a\",\"b\",\"c\"\r\nd,\"e\"\r\n",
		" \"a\" , b \n",
		"\"a\"  ,b\n",
		"a ,  \"b \" \n",
		"\"a\tb\",\t c \t\n",
		"\"a\nb\",c\n\"d\",e\n",
		"\"a,\nb\"\"\",c\n",
		"x,\"y\"\"\nz\"\n",
		"\"a\"b,c\n",
		"a\"b,c\n",
		"a,b\"\n",
		"\"a\" \"b\",c\n",
		"\"a\"\"b\n",
		"\"open\n",
		"\"a\",\"b\"",
		"\"\u1ea1\",\"\u0111\u00f4\"\n",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		flat want = {0}, got = {0};
		bool ok = libcsv_reads(texts[i], &want);
		bc_diags d = BC_DIAGS_INIT;
		bc_err rc = bc_csv_parse("in.csv", texts[i], strlen(texts[i]),
					 flat_row, &got, &d);
		bc_diags_free(&d);
		if ((rc == BC_OK) != ok || (ok && strcmp(got.s, want.s)))
			fail_msg("text %zu: got %s '%s', libcsv %s '%s'", i,
				 rc == BC_OK ? "ok" : "refused", got.s,
				 ok ? "ok" : "refused", want.s);
	}
}

static void max_fields(void **state)
{
	bc_diags d = BC_DIAGS_INIT;
	width w = {0};
	char *ok = wide_record(BC_CSV_MAX_FIELDS, "h\n", "t\n");
	assert_int_equal(bc_csv_parse("in.csv", ok, strlen(ok), count_fields,
				      &w, &d),
			 BC_OK);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.widest, BC_CSV_MAX_FIELDS);
	assert_int_equal(w.line_of_widest, 2);
	free(ok);
	assert_int_equal(d.n, 0);

	/* One field too many, on line 2, with records after it. */
	w = (width){0};
	char *big = wide_record(BC_CSV_MAX_FIELDS + 1, "h\n", "t\nu\n");
	assert_int_equal(bc_csv_parse("in.csv", big, strlen(big),
				      count_fields, &w, &d),
			 BC_ERR_INVALID);
	free(big);
	assert_true(w.widest <= BC_CSV_MAX_FIELDS);
	bool what = said(&d, "more than 4096 fields");
	bool line = said(&d, "in.csv:2: ");
	bc_diags_free(&d);
	assert_true(what);
	assert_true(line); /* the record with too many fields is on line 2 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_and_lines),
		cmocka_unit_test(empty_input),
		cmocka_unit_test(bom_skipped),
		cmocka_unit_test(quoted_commas),
		cmocka_unit_test(quoted_newlines),
		cmocka_unit_test(doubled_quotes),
		cmocka_unit_test(crlf_line_endings),
		cmocka_unit_test(blank_lines_between_records),
		cmocka_unit_test(whitespace_line_between_records),
		cmocka_unit_test(last_record_without_newline),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(nul_byte_refused),
		cmocka_unit_test(text_after_closing_quote),
		cmocka_unit_test(unclosed_quote),
		cmocka_unit_test(unclosed_quote_at_end),
		cmocka_unit_test(callback_stops_reading),
		cmocka_unit_test(max_fields),
		cmocka_unit_test(quoted_lines_as_libcsv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#include "csv_parse.h"
#include "mem.h"
#include "text.h"

#include <csv.h>
#include <ctype.h>
#include <string.h>

/* A record's fields are kept end to end, NUL-terminated, in one buffer
 * reused from record to record: no allocation per field. */
typedef struct reader {
	char *text;
	size_t len, text_cap;
	size_t *at; /* where each field begins in text */
	char **fields;
	size_t n, cap, at_cap;
	int line, rec_line;
	bool begun;   /* a record has started and not yet ended */
	bool too_many;
	int wide_line; /* where the first too wide record began */
	bool oom;
	bool stop;
	bc_csv_row_fn fn;
	void *ud;
} reader;

static void clear_fields(reader *r)
{
	r->n = 0;
	r->len = 0;
}

/* Room in r for one more field of up to len bytes; false when there is
 * none (too many fields, memory out), which r then says. */
static bool field_room(reader *r, size_t len)
{
	if (r->n >= BC_CSV_MAX_FIELDS) {
		if (!r->too_many)
			r->wide_line = r->rec_line;
		r->too_many = true;
		return false;
	}
	if (bc_grow((void **)&r->fields, &r->cap, r->n + 1,
		    sizeof *r->fields) < 0 ||
	    bc_grow((void **)&r->at, &r->at_cap, r->n + 1, sizeof *r->at) < 0 ||
	    bc_grow((void **)&r->text, &r->text_cap, r->len + len + 1, 1) < 0) {
		r->oom = true;
		return false;
	}
	return true;
}

/* Ends the field of len bytes just written at the end of r's text. */
static void field_end(reader *r, size_t len)
{
	r->text[r->len + len] = '\0';
	r->at[r->n++] = r->len;
	r->len += len + 1;
}

static void on_field(void *s, size_t len, void *ud)
{
	reader *r = ud;
	if (r->stop)
		return;
	len = s ? len : 0;
	if (!field_room(r, len))
		return;
	if (len)
		memcpy(r->text + r->len, s, len);
	field_end(r, len);
}

static void on_record(int c, void *ud)
{
	reader *r = ud;
	r->begun = false;
	if (r->stop || r->oom || r->too_many)
		return;
	for (size_t i = 0; i < r->n; i++)
		r->fields[i] = r->text + r->at[i];
	if (r->fn(r->ud, r->rec_line, r->n, r->fields) != 0)
		r->stop = true;
	clear_fields(r);
}

/* libcsv allocates through these, so unit tests see its memory too. */
static void *csv_realloc(void *p, size_t n)
{
	return bc_realloc(p, n);
}

static void csv_free_fn(void *p)
{
	bc_free(p);
}

/* libcsv skips a line of nothing but spaces and tabs (they are trimmed
 * from unquoted fields), so such a line starts no record. */
static bool blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n", s[i]))
			return false;
	return true;
}

/* The length of the line at s: up to and including "\n", "\r\n" or a
 * lone "\r" (old Mac files), or to the end.  *text is its length without
 * them. */
static size_t line_len(const char *s, size_t n, size_t *text)
{
	const char *nl = memchr(s, '\n', n);
	size_t end = nl ? (size_t)(nl - s) : n;
	const char *cr = memchr(s, '\r', end);
	if (cr) {
		*text = (size_t)(cr - s);
		return *text + 1 < n && cr[1] == '\n' ? *text + 2 : *text + 1;
	}
	*text = end;
	return nl ? end + 1 : n;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The unquoted field s[0..e) into r without the spaces and tabs around
 * it, as libcsv trims them. */
static void put_trimmed(reader *r, const char *s, const char *e)
{
	while (s < e && is_space(*s))
		s++;
	while (e > s && is_space(e[-1]))
		e--;
	on_field((void *)s, (size_t)(e - s), r);
}

/*
 * A line with no quote, outside any quoted field, split here instead of
 * by libcsv (which goes a byte at a time through a state machine; most
 * lines of a long-form file need none of it).  Exactly what libcsv makes
 * of it: fields between commas, spaces and tabs around each trimmed, and
 * a line of nothing but spaces and tabs no record at all.
 */
static void split_plain(reader *r, const char *s, size_t n)
{
	if (blank_line(s, n))
		return;
	r->rec_line = r->line;
	for (const char *end = s + n;;) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		put_trimmed(r, s, comma ? comma : end);
		if (!comma)
			break;
		s = comma + 1;
	}
	on_record('\n', r);
}

/* The end of the quoted field whose text starts at s (after its opening
 * quote): its closing quote, when that is on this line and right before
 * a comma or the line's end; else NULL.  *len is its text's length with
 * each doubled quote counted once. */
static const char *quoted_end(const char *s, const char *end, size_t *len)
{
	*len = 0;
	for (;;) {
		const char *q = memchr(s, '"', (size_t)(end - s));
		if (!q)
			return NULL;
		*len += (size_t)(q - s);
		if (q + 1 < end && q[1] == '"') {
			(*len)++;
			s = q + 2;
			continue;
		}
		return q + 1 == end || q[1] == ',' ? q : NULL;
	}
}

/* The quoted field s[0..q) (after its opening quote, up to its closing
 * one) into r, each doubled quote once. */
static void put_quoted(reader *r, const char *s, const char *q, size_t len)
{
	if (!field_room(r, len))
		return;
	char *o = r->text + r->len;
	while (s < q) {
		const char *e = memchr(s, '"', (size_t)(q - s));
		size_t k = e ? (size_t)(e - s) : (size_t)(q - s);
		memcpy(o, s, k);
		o += k;
		if (!e)
			break;
		*o++ = '"';
		s = e + 2;
	}
	field_end(r, len);
}

/*
 * A line with quotes split here when every quoted field on it is closed
 * on it, its quotes right after the comma before and right before the
 * comma after (or the line's ends), and no unquoted field has a quote:
 * what libcsv (strict) makes of such a line, at the cost of a few
 * memchr.  False, with nothing kept, for any other line (a quoted line
 * break, spaces around quotes, a stray quote), which libcsv then reads.
 */
static bool split_quoted(reader *r, const char *s, size_t n)
{
	const char *end = s + n;
	r->rec_line = r->line;
	for (;;) {
		const char *e;
		if (s < end && *s == '"') {
			size_t len;
			if (!(e = quoted_end(s + 1, end, &len))) {
				clear_fields(r);
				return false;
			}
			put_quoted(r, s + 1, e, len);
			e++;
		} else {
			const char *comma = memchr(s, ',', (size_t)(end - s));
			e = comma ? comma : end;
			if (memchr(s, '"', (size_t)(e - s))) {
				clear_fields(r);
				return false;
			}
			put_trimmed(r, s, e);
		}
		if (e == end)
			break;
		s = e + 1;
	}
	on_record('\n', r);
	return true;
}

bc_err bc_csv_parse(const char *name, const char *buf, size_t len,
		    bc_csv_row_fn fn, void *ud, bc_diags *d)
{
	if (!bc_text_begin(name, &buf, &len, N_("save the file as UTF-8"), d))
		return BC_ERR_INVALID;
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return BC_ERR_NOMEM;
	csv_set_realloc_func(&p, csv_realloc);
	csv_set_free_func(&p, csv_free_fn);
	reader r = {.fn = fn, .ud = ud};
	bc_err rc = BC_OK;
	/* Fed a line at a time, so the record's first line is known. */
	for (size_t off = 0; off < len && !r.stop && rc == BC_OK;) {
		size_t text, n = line_len(buf + off, len - off, &text);
		r.line++;
		if (!r.begun && !memchr(buf + off, '"', text)) {
			split_plain(&r, buf + off, text);
			off += n;
			continue;
		}
		if (!r.begun && split_quoted(&r, buf + off, text)) {
			off += n;
			continue;
		}
		if (!r.begun && !blank_line(buf + off, n)) {
			r.begun = true;
			r.rec_line = r.line;
		}
		if (csv_parse(&p, buf + off, n, on_field, on_record, &r) != n)
			rc = BC_ERR_INVALID;
		off += n;
	}
	if (rc == BC_OK && !r.stop && csv_fini(&p, on_field, on_record, &r))
		rc = BC_ERR_INVALID;
	/* libcsv's buffer could not grow: nothing wrong with the file. */
	if (rc == BC_ERR_INVALID && csv_error(&p) == CSV_ENOMEM)
		rc = BC_ERR_NOMEM;
	/* An unclosed quote runs to the end: name where its record began. */
	if (rc == BC_ERR_INVALID)
		bc_diags_add(d, BC_ERROR, name, r.begun ? r.rec_line : r.line,
			     NULL, NULL,
			     N_("malformed CSV: %s (a quote not closed or "
			        "text after a closing quote?)"),
			     csv_strerror(csv_error(&p)));
	if (r.too_many) {
		bc_diags_add(d, BC_ERROR, name, r.wide_line, NULL, NULL,
			     N_("more than %d fields in a record"),
			     BC_CSV_MAX_FIELDS);
		rc = BC_ERR_INVALID;
	}
	if (r.oom)
		rc = BC_ERR_NOMEM;
	bc_free(r.text);
	bc_free(r.at);
	bc_free(r.fields);
	csv_free(&p);
	return rc;
}

void bc_csv_trim(char *field)
{
	size_t n = strlen(field);
	while (n && isspace((unsigned char)field[n - 1]))
		field[--n] = '\0';
	size_t i = 0;
	while (isspace((unsigned char)field[i]))
		i++;
	memmove(field, field + i, n - i + 1);
}

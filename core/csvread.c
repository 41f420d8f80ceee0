/* SPDX-License-Identifier: MIT */
#include "csvread.h"
#include "mem.h"
#include "text.h"

#include <csv.h>
#include <string.h>

typedef struct reader {
	char **fields;
	size_t n, cap;
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
	for (size_t i = 0; i < r->n; i++)
		bc_free(r->fields[i]);
	r->n = 0;
}

static void on_field(void *s, size_t len, void *ud)
{
	reader *r = ud;
	if (r->stop)
		return;
	if (r->n >= BC_CSV_MAX_FIELDS) {
		if (!r->too_many)
			r->wide_line = r->rec_line;
		r->too_many = true;
		return;
	}
	if (bc_grow((void **)&r->fields, &r->cap, r->n + 1,
		    sizeof *r->fields) < 0 ||
	    !(r->fields[r->n] = bc_strndup(s ? s : "", s ? len : 0))) {
		r->oom = true;
		return;
	}
	r->n++;
}

static void on_record(int c, void *ud)
{
	reader *r = ud;
	r->begun = false;
	if (r->stop || r->oom || r->too_many)
		return;
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
 * lone "\r" (old Mac files), or to the end. */
static size_t line_len(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r')
			return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return n;
}

bc_err bc_csv_parse(const char *name, const char *buf, size_t len,
		    bc_csv_row_fn fn, void *ud, bc_diags *d)
{
	size_t bad;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (!bc_utf8_valid(buf, len, &bad)) {
		bc_diags_add(d, BC_ERROR, name, bc_line_of(buf, bad), NULL,
			     NULL,
			     "not UTF-8 text (byte %zu); save the file as "
			     "UTF-8",
			     bad + 1);
		return BC_ERR_INVALID;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return BC_ERR_NOMEM;
	csv_set_realloc_func(&p, csv_realloc);
	csv_set_free_func(&p, csv_free_fn);
	reader r = {.fn = fn, .ud = ud};
	bc_err rc = BC_OK;
	/* Fed a line at a time, so the record's first line is known. */
	for (size_t off = 0; off < len && !r.stop && rc == BC_OK;) {
		size_t n = line_len(buf + off, len - off);
		r.line++;
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
	/* An unclosed quote runs to the end: name where its record began. */
	if (rc == BC_ERR_INVALID)
		bc_diags_add(d, BC_ERROR, name, r.begun ? r.rec_line : r.line,
			     NULL, NULL,
			     "malformed CSV: %s (a quote not closed or "
			     "text after a closing quote?)",
			     csv_strerror(csv_error(&p)));
	if (r.too_many) {
		bc_diags_add(d, BC_ERROR, name, r.wide_line, NULL, NULL,
			     "more than %d fields in a record",
			     BC_CSV_MAX_FIELDS);
		rc = BC_ERR_INVALID;
	}
	if (r.oom)
		rc = BC_ERR_NOMEM;
	clear_fields(&r);
	bc_free(r.fields);
	csv_free(&p);
	return rc;
}

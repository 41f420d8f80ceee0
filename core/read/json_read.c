/* SPDX-License-Identifier: MIT */
/*
 * JSON submissions.  jansson parses and validates (syntax, duplicate keys,
 * depth, number range); what jansson does not keep is where each value
 * stood and how a number was written ("12.50", which matters for money).
 * A locator pass over the text jansson has already accepted records, for
 * each value, its path, line and raw token.  It is a scanner, not a
 * parser: it relies on jansson's verdict that the text is well formed.
 */
#include "json_read.h"
#include "mem.h"
#include "text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_SEP '\x1f'
#define MAX_DEPTH 64 /* deeper values are not located: none is wanted */
/* The path of a value under a key too long to hold: not located. */
#define NOPATH ((size_t)-1)

typedef struct spot {
	char *path;
	int line;
	const char *raw; /* the token in the text */
	size_t raw_len;
} spot;

typedef struct locator {
	spot *v;
	size_t n, cap;
	bc_arena paths; /* the spots' paths */
	bool oom;
} locator;

typedef struct frame {
	bool obj;
	long idx;
	size_t path_len; /* length of the path up to this container */
} frame;

static int cmp_spot(const void *a, const void *b)
{
	return strcmp(((const spot *)a)->path, ((const spot *)b)->path);
}

static void record(locator *lo, const char *path, size_t n, int line,
		   const char *raw, size_t raw_len)
{
	char *p = bc_arena_strndup(&lo->paths, path, n);
	if (!p || bc_grow((void **)&lo->v, &lo->cap, lo->n + 1,
			  sizeof *lo->v) < 0) {
		lo->oom = true;
		return;
	}
	lo->v[lo->n] = (spot){p, line, raw, raw_len};
	lo->n++;
}

/* The end of the string token starting at p (at its opening quote). */
static const char *string_end(const char *p, const char *end, int *line)
{
	for (p++; p < end && *p != '"'; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '\n')
			(*line)++;
	}
	/* An unterminated string, or one ending in a lone backslash, ends
	 * with the text, never past it. */
	return p < end ? p + 1 : end;
}

/* Appends the key [p, e) (its quotes included) to path[0..len), after a
 * PATH_SEP, as jansson reads it: escapes ("\u0062m1" is bm1) decoded.
 * The new length, or NOPATH when it does not fit. */
static size_t add_key(char *path, size_t size, size_t len, const char *p,
		      const char *e)
{
	if (e - p < 2) /* a lone quote at the end of the text */
		return NOPATH;
	const char *k = p + 1;
	size_t n = (size_t)(e - p) - 2;
	json_t *dec = NULL;
	if (memchr(k, '\\', n) &&
	    (dec = json_loadb(p, (size_t)(e - p), JSON_DECODE_ANY, NULL))) {
		k = json_string_value(dec);
		n = json_string_length(dec);
	}
	if (len == NOPATH || !k || len + n + 2 > size) {
		json_decref(dec);
		return NOPATH;
	}
	if (len)
		path[len++] = PATH_SEP;
	memcpy(path + len, k, n);
	json_decref(dec);
	return len + n;
}

/* The path of the array element after path[0..len): its index added. */
static size_t add_index(char *path, size_t size, size_t len, long idx)
{
	if (len == NOPATH)
		return NOPATH;
	int k = snprintf(path + len, size - len, "%s%ld", len ? "\x1f" : "",
			 idx);
	return k > 0 && (size_t)k < size - len ? len + (size_t)k : NOPATH;
}

static void locate(locator *lo, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	frame st[MAX_DEPTH];
	/* Containers open past MAX_DEPTH, closed before those below. */
	int depth = 0, deeper = 0, line = 1;
	char path[1024];
	size_t plen = 0;
	bool want_key = false;
	while (p < end && !lo->oom) {
		char c = *p;
		if (c == '\n') {
			line++;
			p++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
			p++;
		} else if (c == ',') {
			p++;
			if (deeper)
				continue;
			if (depth && st[depth - 1].obj)
				want_key = true;
			else if (depth)
				st[depth - 1].idx++;
		} else if (c == '}' || c == ']') {
			p++;
			if (deeper)
				deeper--;
			else if (depth)
				depth--;
			plen = depth ? st[depth - 1].path_len : 0;
			want_key = false;
		} else if (want_key && c == '"') {
			/* A key: the path of the value that follows. */
			const char *e = string_end(p, end, &line);
			plen = add_key(path, sizeof path, st[depth - 1].path_len,
				       p, e);
			want_key = false;
			p = e;
		} else {
			/* A value at path (+ index inside an array). */
			size_t vlen = plen;
			if (depth && !st[depth - 1].obj)
				vlen = add_index(path, sizeof path,
						 st[depth - 1].path_len,
						 st[depth - 1].idx);
			const char *s = p;
			int l0 = line;
			if (c == '"')
				p = string_end(p, end, &line);
			else if (c == '{' || c == '[')
				p++;
			else
				while (p < end && !strchr(" \t\r\n,]}", *p))
					p++;
			if (vlen != NOPATH && !deeper)
				record(lo, path, vlen, l0, s, (size_t)(p - s));
			if ((c == '{' || c == '[') && depth < MAX_DEPTH &&
			    !deeper) {
				st[depth++] = (frame){c == '{', 0, vlen};
				want_key = c == '{';
			} else if (c == '{' || c == '[') {
				deeper++;
			}
			plen = vlen;
		}
	}
	if (lo->n > 1) /* none when the first could not be kept */
		qsort(lo->v, lo->n, sizeof *lo->v, cmp_spot);
}

static const spot *find(const locator *lo, const char *path)
{
	spot key = {.path = (char *)path};
	return lo->n ? bsearch(&key, lo->v, lo->n, sizeof *lo->v, cmp_spot)
		     : NULL;
}

static void locator_free(locator *lo)
{
	bc_arena_free(&lo->paths);
	bc_free(lo->v);
}

/* The path of parts[0] … parts[n-1] as the locator writes it: those not
 * NULL, joined by PATH_SEP (each but the first preceded by it), cut to
 * fit.  Run for every value read: no printf. */
static void join_path(char *out, size_t size, const char *const *parts,
		      size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (!parts[i])
			continue;
		if (i && o + 1 < size)
			out[o++] = PATH_SEP;
		size_t l = strlen(parts[i]);
		if (l > size - 1 - o)
			l = size - 1 - o;
		memcpy(out + o, parts[i], l);
		o += l;
	}
	out[o] = '\0';
}

/* ---- walking the parsed document -------------------------------------- */

typedef struct reader {
	const char *file;
	locator lo;
	bc_diags *d;
	bc_submission *s;
	bc_err rc;
} reader;

/* The line of the value at a, b, c, e (those not NULL), or of the
 * nearest one around it that was located (a key too long or too deep
 * to be is still somewhere), or the first. */
static int line_of(const reader *r, const char *a, const char *b,
		   const char *c, const char *e)
{
	char path[1024];
	const char *parts[] = {a, b, c, e};
	for (size_t n = 4; n > 0; n--) {
		if (!parts[n - 1])
			continue;
		join_path(path, sizeof path, parts, n);
		const spot *sp = find(&r->lo, path);
		if (sp)
			return sp->line;
	}
	return 1;
}

static void note(reader *r, bc_err rc)
{
	if (rc != BC_OK && r->rc == BC_OK)
		r->rc = rc;
}

/* path: where v stands ("forms", form, field, and the row and column of
 * a table cell, or NULL). */
static bool scalar(reader *r, json_t *v, const char *path[5], char **text,
		   bc_rawkind *kind)
{
	char buf[64];
	*text = NULL;
	switch (json_typeof(v)) {
	case JSON_STRING:
		*kind = BC_RAW_TEXT;
		*text = (char *)json_string_value(v);
		return true;
	case JSON_INTEGER:
	case JSON_REAL: {
		char p[1024];
		join_path(p, sizeof p, path, 5);
		const spot *sp = find(&r->lo, p);
		*kind = BC_RAW_NUM;
		if (sp) {
			*text = bc_strndup(sp->raw, sp->raw_len);
			return *text != NULL || (note(r, BC_ERR_NOMEM), false);
		}
		if (json_is_integer(v))
			snprintf(buf, sizeof buf, "%lld",
				 (long long)json_integer_value(v));
		else
			snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
		*text = bc_strdup(buf);
		return true;
	}
	case JSON_TRUE:
	case JSON_FALSE:
		*kind = BC_RAW_BOOL;
		*text = json_is_true(v) ? "true" : "false";
		return true;
	case JSON_NULL:
		*kind = BC_RAW_NULL;
		return true;
	default:
		return false;
	}
}

static void add_value(reader *r, const char *form, const char *field,
		      int row, const char *col, json_t *v, int line)
{
	char rowbuf[24];
	const char *path[5] = {"forms", form, field, NULL, NULL};
	if (row) {
		snprintf(rowbuf, sizeof rowbuf, "%d", row - 1);
		path[3] = rowbuf;
		path[4] = col;
	}
	char *text;
	bc_rawkind kind;
	if (!scalar(r, v, path, &text, &kind)) {
		if (row)
			bc_diags_add(r->d, BC_ERROR, r->file, line, form, field,
				     N_("row %d, %s: a value is a number, a "
					"text, true, false or null"),
				     row, col);
		else
			bc_diags_add(r->d, BC_ERROR, r->file, line, form, field,
				     N_("a value is a number, a text, true, "
					"false or null"));
		return;
	}
	/* An empty string means "not reported", as an empty CSV cell: no
	 * text, as for null. */
	if (kind == BC_RAW_TEXT && !*text) {
		kind = BC_RAW_NULL;
		text = NULL;
	}
	note(r, bc_submission_value(r->s, form, field, row, col, text, kind,
				    line, NULL));
	if (kind == BC_RAW_NUM)
		bc_free(text);
}

static void read_table(reader *r, const char *form, const char *field,
		       json_t *rows)
{
	int tline = line_of(r, "forms", form, field, NULL);
	if (json_array_size(rows) == 0) {
		note(r, bc_submission_value(r->s, form, field, 0, NULL, "[]",
					    BC_RAW_EMPTY, tline, NULL));
		return;
	}
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		char idx[24];
		snprintf(idx, sizeof idx, "%zu", i);
		char rp[600];
		snprintf(rp, sizeof rp, "%s\x1f%s", field, idx);
		int rline = line_of(r, "forms", form, rp, NULL);
		if (!json_is_object(row)) {
			bc_diags_add(r->d, BC_ERROR, r->file, rline, form,
				     field, N_("row %zu is not an object of "
					       "columns"),
				     i + 1);
			continue;
		}
		const char *col;
		json_t *v;
		json_object_foreach(row, col, v) {
			char cp[700];
			const char *parts[] = {idx, col};
			join_path(cp, sizeof cp, parts, 2);
			int cline = line_of(r, "forms", form, field, cp);
			add_value(r, form, field, (int)i + 1, col, v,
				  cline ? cline : rline);
		}
	}
}

static void read_forms(reader *r, json_t *forms)
{
	const char *form;
	json_t *fv;
	if (!json_is_object(forms)) {
		bc_diags_add(r->d, BC_ERROR, r->file,
			     line_of(r, "forms", NULL, NULL, NULL), NULL, NULL,
			     N_("'forms' maps form ids to their fields"));
		return;
	}
	json_object_foreach(forms, form, fv) {
		int fline = line_of(r, "forms", form, NULL, NULL);
		bc_err frc = bc_submission_form(r->s, form, fline);
		if (frc == BC_ERR_NOMEM) {
			note(r, frc);
			return;
		}
		if (frc == BC_ERR_LIMIT) {
			bc_diags_add(r->d, BC_ERROR, r->file, fline, form, NULL,
				     BC_READ_TOO_MANY_FORMS);
			return;
		}
		if (!json_is_object(fv)) {
			bc_diags_add(r->d, BC_ERROR, r->file, fline, form, NULL,
				     N_("a form maps field ids to values"));
			continue;
		}
		const char *field;
		json_t *v;
		json_object_foreach(fv, field, v) {
			int line = line_of(r, "forms", form, field, NULL);
			if (json_is_array(v))
				read_table(r, form, field, v);
			else
				add_value(r, form, field, 0, NULL, v,
					  line ? line : fline);
		}
	}
}

static void read_report(reader *r, json_t *rep)
{
	const char *sec;
	json_t *v;
	int rline = line_of(r, BC_PART_REPORT, NULL, NULL, NULL);
	if (!json_is_object(rep)) {
		bc_diags_add(r->d, BC_ERROR, r->file, rline, NULL, NULL,
			     N_("'report' maps outline sections to text"));
		return;
	}
	json_object_foreach(rep, sec, v) {
		int line = line_of(r, BC_PART_REPORT, sec, NULL, NULL);
		if (json_is_null(v))
			continue;
		if (!json_is_string(v)) {
			bc_diags_add(r->d, BC_ERROR, r->file, line, BC_PART_REPORT,
				     sec, N_("a section's text is a string"));
			continue;
		}
		note(r, bc_submission_value(r->s, BC_PART_REPORT, sec, 0, NULL,
					    json_string_value(v), BC_RAW_TEXT,
					    line, NULL));
	}
}

static void attr(reader *r, bc_attr *a, json_t *v, const char *k1,
		 const char *k2)
{
	int line = line_of(r, k1, k2, NULL, NULL);
	char buf[64];
	const char *text = NULL;
	if (json_is_string(v))
		text = json_string_value(v);
	else if (json_is_boolean(v))
		text = json_is_true(v) ? "true" : "false";
	else if (json_is_integer(v))
		text = (snprintf(buf, sizeof buf, "%lld",
				 (long long)json_integer_value(v)),
			buf);
	else if (!json_is_null(v))
		bc_diags_add(r->d, BC_ERROR, r->file, line, NULL, NULL,
			     N_("'%s%s%s' must be a string"), k1, k2 ? "." : "",
			     k2 ? k2 : "");
	if (text)
		note(r, bc_attr_set(a, text, line, NULL));
}

static void read_signer(reader *r, json_t *v)
{
	const char *k;
	json_t *x;
	if (!json_is_object(v)) {
		bc_diags_add(r->d, BC_ERROR, r->file,
			     line_of(r, "signed_by", NULL, NULL, NULL), NULL,
			     NULL, N_("'signed_by' is {\"name\", \"title\", "
				      "\"date\"}"));
		return;
	}
	/* What is missing is reported at the signed_by line. */
	int line = line_of(r, "signed_by", NULL, NULL, NULL);
	r->s->signer_name.line = r->s->signer_title.line = line;
	json_object_foreach(v, k, x) {
		if (!strcmp(k, "name"))
			attr(r, &r->s->signer_name, x, "signed_by", k);
		else if (!strcmp(k, "title"))
			attr(r, &r->s->signer_title, x, "signed_by", k);
		else if (!strcmp(k, "date"))
			attr(r, &r->s->signed_date, x, "signed_by", k);
		else
			bc_diags_add(r->d, BC_ERROR, r->file,
				     line_of(r, "signed_by", k, NULL, NULL),
				     NULL, NULL,
				     N_("unknown key 'signed_by.%s' (name, "
					"title, date)"),
				     k);
	}
}

static void read_top(reader *r, json_t *doc)
{
	const char *k;
	json_t *v;
	json_object_foreach(doc, k, v) {
		bc_submission *s = r->s;
		if (!strcmp(k, "unit"))
			attr(r, &s->unit, v, k, NULL);
		else if (!strcmp(k, "period"))
			attr(r, &s->period, v, k, NULL);
		else if (!strcmp(k, "received_at"))
			attr(r, &s->received_at, v, k, NULL);
		else if (!strcmp(k, "channel"))
			attr(r, &s->channel, v, k, NULL);
		else if (!strcmp(k, "estimated"))
			attr(r, &s->estimated, v, k, NULL);
		else if (!strcmp(k, "signed_by"))
			read_signer(r, v);
		else if (!strcmp(k, "forms"))
			read_forms(r, v);
		else if (!strcmp(k, BC_PART_REPORT))
			read_report(r, v);
		else
			bc_diags_add(r->d, BC_ERROR, r->file,
				     line_of(r, k, NULL, NULL, NULL), NULL,
				     NULL,
				     N_("unknown key '%s' (unit, period, "
				        "signed_by, received_at, channel, "
				        "estimated, forms, report)"),
				     k);
	}
}

/* jansson refuses a duplicated key with its line: name the form and
 * field too when the key is one (the text is well formed up to there,
 * so the locator can read it). */
static void duplicate_or_malformed(const char *name, const char *buf,
				   size_t len, const json_error_t *err,
				   bc_diags *d)
{
	int line = err->line > 0 ? err->line : 0;
	if (strstr(err->text, "duplicate object key")) {
		locator lo = {0};
		locate(&lo, buf, len);
		for (size_t i = 0; i < lo.n; i++) {
			char form[128], field[128];
			if (lo.v[i].line != line ||
			    sscanf(lo.v[i].path, "forms\x1f%127[^\x1f]\x1f%127[^\x1f]",
				   form, field) != 2)
				continue;
			bc_diags_add(d, BC_ERROR, name, line, form, field,
				     N_("given twice"));
			locator_free(&lo);
			return;
		}
		locator_free(&lo);
	}
	bc_diags_add(d, BC_ERROR, name, line, NULL, NULL, N_("malformed JSON: "
							     "%s"),
		     err->text);
}

/* About how many values the text holds (its commas outside strings,
 * plus one): counted before parsing, since the parsed tree of a value
 * costs a hundred bytes and more, whatever its text. */
static size_t count_values(const char *buf, size_t len)
{
	size_t n = 1;
	int line = 1;
	for (const char *p = buf, *end = buf + len; p < end;) {
		if (*p == '"')
			p = string_end(p, end, &line);
		else
			n += *p++ == ',';
	}
	return n;
}

bc_err bc_json_read(const char *name, const char *buf, size_t len,
		    bc_submissions *out, bc_diags *d)
{
	if (!bc_text_begin(name, &buf, &len, NULL, d))
		return BC_ERR_INVALID;
	if (count_values(buf, len) > BC_READ_MAX_VALUES) {
		bc_diags_add(d, BC_ERROR, name, 0, NULL, NULL,
			     N_("more than %d values in one file: a unit's "
			        "submission holds far fewer"),
			     BC_READ_MAX_VALUES);
		return BC_ERR_INVALID;
	}
	json_error_t err;
	json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	/* jansson names every fault of the text; memory it ran out of it
	 * leaves unsaid (2.14) or names so. */
	if (!doc && (!err.text[0] ||
		     json_error_code(&err) == json_error_out_of_memory))
		return BC_ERR_NOMEM;
	if (!doc) {
		duplicate_or_malformed(name, buf, len, &err, d);
		return BC_ERR_INVALID;
	}
	size_t before = d->errors;
	reader r = {.file = name, .d = d};
	bc_err rc = BC_OK;
	if (!json_is_object(doc)) {
		bc_diags_add(d, BC_ERROR, name, 1, NULL, NULL,
			     N_("a submission is a JSON object"));
		rc = BC_ERR_INVALID;
	} else if (!(r.s = bc_submission_add(out, name, 1))) {
		rc = BC_ERR_NOMEM;
	} else {
		locate(&r.lo, buf, len);
		if (r.lo.oom)
			rc = BC_ERR_NOMEM;
		else
			read_top(&r, doc);
		rc = rc != BC_OK ? rc : r.rc;
		r.s->line = 1;
	}
	if (rc == BC_OK && d->errors > before)
		rc = BC_ERR_INVALID;
	locator_free(&r.lo);
	json_decref(doc);
	return rc;
}

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

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
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

/* ---- the document as the walk reads it ----------------------------------- */

/* A value of the document, read by the fast parser below or copied from
 * jansson's tree; owned by the reader's arena. */
typedef struct jv {
	json_type type;
	const char *key;  /* its key in an object; NULL in an array */
	const char *text; /* a string's value; a number's token as written
			     (fast parser only) */
	json_int_t num;	  /* an integer's value */
	double real;	  /* a real's value */
	int line;	  /* where it starts (fast parser only) */
	struct jv *kid, *next; /* its first member or element; its next */
} jv;

typedef struct reader {
	const char *file;
	bool located; /* read by jansson: lines and numbers from lo */
	locator lo;
	bc_arena a;
	bc_diags *d;
	bc_submission *s;
	bc_err rc;
} reader;

static jv *jv_new(bc_arena *a, json_type type, const char *key)
{
	jv *v = bc_arena_alloc(a, sizeof *v);
	if (v)
		*v = (jv){.type = type, .key = key};
	return v;
}

/* jansson's tree as the fast parser's; NULL when memory runs out. */
static jv *from_jansson(bc_arena *a, json_t *j, const char *key)
{
	jv *v = jv_new(a, json_typeof(j), key), **tail = v ? &v->kid : NULL;
	if (!v)
		return NULL;
	if (json_is_string(j) && !(v->text = bc_arena_strdup(
					   a, json_string_value(j))))
		return NULL;
	v->num = json_is_integer(j) ? json_integer_value(j) : 0;
	v->real = json_is_real(j) ? json_real_value(j) : 0;
	const char *k;
	json_t *m;
	size_t i;
	if (json_is_object(j))
		json_object_foreach(j, k, m) {
			const char *kk = bc_arena_strdup(a, k);
			if (!kk || !(*tail = from_jansson(a, m, kk)))
				return NULL;
			tail = &(*tail)->next;
		}
	else if (json_is_array(j))
		json_array_foreach(j, i, m) {
			if (!(*tail = from_jansson(a, m, NULL)))
				return NULL;
			tail = &(*tail)->next;
		}
	return v;
}

/* ---- the fast parser ---------------------------------------------------- */

/*
 * jansson builds a hash table per object and a malloc per value: half
 * of reading a submission.  This parser reads the documents submissions
 * are (no \u escape, keys under KEY_MAX bytes, nesting under
 * FAST_DEPTH) into an arena, each value with its line and its number
 * as written, so no locator is needed either.  It accepts only text
 * jansson accepts: anything else, well formed or not, it leaves to
 * jansson (and the locator), whose verdict and messages are unchanged.
 * The text is already UTF-8 without a NUL (bc_text_begin).
 */
#define KEY_MAX 200
#define FAST_DEPTH 16

typedef struct fast {
	const char *p, *end;
	int line, depth;
	bc_arena *a;
	bool oom;
} fast;

static void skip_ws(fast *f)
{
	for (; f->p < f->end; f->p++) {
		if (*f->p == '\n')
			f->line++;
		else if (*f->p != ' ' && *f->p != '\t' && *f->p != '\r')
			return;
	}
}

static bool delimiter(const fast *f)
{
	return f->p == f->end || strchr(" \t\r\n,]}", *f->p);
}

/* The string at f->p (its opening quote), decoded, in the arena; NULL
 * when it is not for this parser (or memory ran out: f->oom). */
/* Whether none of the 8 bytes at p is a quote, a backslash or below
 * U+0020: each test is true of a word with such a byte, and only then. */
static bool plain8(const char *p)
{
	const uint64_t lo = 0x0101010101010101u, hi = 0x8080808080808080u;
	uint64_t w, q, b;
	memcpy(&w, p, sizeof w);
	q = w ^ (lo * '"');
	b = w ^ (lo * '\\');
	return !(((w - lo * 0x20) & ~w & hi) | ((q - lo) & ~q & hi) |
		 ((b - lo) & ~b & hi));
}

static char *fast_string(fast *f, size_t *len)
{
	const char *s = ++f->p;
	bool esc = false;
	while (f->end - f->p >= 8 && plain8(f->p))
		f->p += 8;
	for (; f->p < f->end && *f->p != '"'; f->p++) {
		unsigned char c = (unsigned char)*f->p;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			esc = true;
			if (++f->p == f->end || !*f->p ||
			    !strchr("\"\\/bfnrt", *f->p))
				return NULL;
		}
	}
	if (f->p == f->end)
		return NULL;
	size_t n = (size_t)(f->p++ - s);
	char *out = esc ? bc_arena_alloc(f->a, n + 1)
			: bc_arena_strndup(f->a, s, n);
	if (!out) {
		f->oom = true;
		return NULL;
	}
	*len = n;
	if (!esc)
		return out;
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		out[o++] = s[i] == '\\' ? to[strchr(from, s[++i]) - from] : s[i];
	out[o] = '\0';
	*len = o;
	return out;
}

static bool digits(fast *f)
{
	const char *s = f->p;
	while (f->p < f->end && *f->p >= '0' && *f->p <= '9')
		f->p++;
	return f->p > s;
}

/* A number as JSON writes it, jansson's way: an integer in range, or a
 * real that is not out of range. */
static bool fast_number(fast *f, jv *v)
{
	const char *s = f->p;
	if (*f->p == '-')
		f->p++;
	if (f->p < f->end && *f->p == '0')
		f->p++;
	else if (!digits(f))
		return false;
	bool real = false;
	if (f->p < f->end && *f->p == '.') {
		f->p++;
		real = true;
		if (!digits(f))
			return false;
	}
	if (f->p < f->end && (*f->p == 'e' || *f->p == 'E')) {
		f->p++;
		real = true;
		if (f->p < f->end && (*f->p == '+' || *f->p == '-'))
			f->p++;
		if (!digits(f))
			return false;
	}
	size_t n = (size_t)(f->p - s);
	if (!delimiter(f) || n > 40)
		return false;
	char tok[48];
	memcpy(tok, s, n);
	tok[n] = '\0';
	errno = 0;
	v->type = real ? JSON_REAL : JSON_INTEGER;
	if (real)
		v->real = strtod(tok, NULL);
	else if (n > 18)
		return false; /* jansson says whether it is in range */
	else
		v->num = strtoll(tok, NULL, 10);
	if (errno)
		return false;
	if (!(v->text = bc_arena_strndup(f->a, s, n)))
		f->oom = true;
	return v->text != NULL;
}

static bool fast_word(fast *f, jv *v, const char *w, json_type type)
{
	size_t n = strlen(w);
	if ((size_t)(f->end - f->p) < n || memcmp(f->p, w, n))
		return false;
	f->p += n;
	v->type = type;
	return delimiter(f);
}

static bool unique_keys(const jv *obj);
static jv *fast_value(fast *f, const char *key);

/* The members or elements of the container at f->p, into v. */
static bool fast_members(fast *f, jv *v, bool obj)
{
	char close = obj ? '}' : ']';
	jv **tail = &v->kid;
	f->p++;
	skip_ws(f);
	if (f->p < f->end && *f->p == close) {
		f->p++;
		return true;
	}
	for (;;) {
		const char *key = NULL;
		size_t klen = 0;
		if (obj) {
			if (f->p == f->end || *f->p != '"' ||
			    !(key = fast_string(f, &klen)) || klen > KEY_MAX ||
			    strlen(key) != klen)
				return false;
			skip_ws(f);
			if (f->p == f->end || *f->p++ != ':')
				return false;
			skip_ws(f);
		}
		if (!(*tail = fast_value(f, key)))
			return false;
		tail = &(*tail)->next;
		skip_ws(f);
		if (f->p == f->end)
			return false;
		char c = *f->p++;
		if (c == close)
			return !obj || unique_keys(v);
		if (c != ',')
			return false;
		skip_ws(f);
	}
}

/* The value at f->p; NULL when it is not for this parser. */
static jv *fast_value(fast *f, const char *key)
{
	jv *v = jv_new(f->a, JSON_NULL, key);
	if (!v || f->p == f->end) {
		f->oom |= !v;
		return NULL;
	}
	v->line = f->line;
	char c = *f->p;
	size_t n;
	bool ok;
	if (c == '{' || c == '[') {
		ok = ++f->depth < FAST_DEPTH;
		v->type = c == '{' ? JSON_OBJECT : JSON_ARRAY;
		ok = ok && fast_members(f, v, c == '{');
		f->depth--;
	} else if (c == '"') {
		v->type = JSON_STRING;
		ok = (v->text = fast_string(f, &n)) && strlen(v->text) == n;
	} else if (c == '-' || (c >= '0' && c <= '9'))
		ok = fast_number(f, v);
	else
		ok = fast_word(f, v, "true", JSON_TRUE) ||
		     fast_word(f, v, "false", JSON_FALSE) ||
		     fast_word(f, v, "null", JSON_NULL);
	return ok ? v : NULL;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether no two members of obj share a key: compared
 * pair by pair, cheaper than sorting for a table row's few columns. */
static bool few_unique(const jv *obj)
{
	for (const jv *m = obj->kid; m; m = m->next)
		for (const jv *o = m->next; o; o = o->next)
			if (!strcmp(m->key, o->key))
				return false;
	return true;
}

/* jansson refuses an object with a key twice (JSON_REJECT_DUPLICATES). */
static bool unique_keys(const jv *obj)
{
	const char *few[16], **keys = few;
	size_t n = 0;
	for (const jv *m = obj->kid; m; m = m->next)
		n++;
	if (n <= 8)
		return few_unique(obj);
	if (n > sizeof few / sizeof *few && !(keys = bc_malloc(n * sizeof *keys)))
		return false;
	n = 0;
	for (const jv *m = obj->kid; m; m = m->next)
		keys[n++] = m->key;
	qsort(keys, n, sizeof *keys, cmp_key);
	bool unique = true;
	for (size_t i = 1; i < n && unique; i++)
		unique = strcmp(keys[i - 1], keys[i]) != 0;
	if (keys != few)
		bc_free(keys);
	return unique;
}

/* The document, when the fast parser reads it whole; NULL otherwise
 * (*oom when memory ran out). */
static jv *fast_parse(bc_arena *a, const char *buf, size_t len, bool *oom)
{
	fast f = {.p = buf, .end = buf + len, .line = 1, .a = a};
	skip_ws(&f);
	jv *doc = f.p < f.end && *f.p == '{' ? fast_value(&f, NULL) : NULL;
	skip_ws(&f);
	*oom = f.oom;
	return doc && f.p == f.end ? doc : NULL;
}

/* ---- walking the document ----------------------------------------------- */

/* The line of v, at a, b, c, e (those not NULL): its own, or, from
 * jansson, the nearest located around it (a key too long or too deep
 * to be is still somewhere), or the first. */
static int line_of(const reader *r, const jv *v, const char *a, const char *b,
		   const char *c, const char *e)
{
	if (!r->located)
		return v->line;
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

/* A number as written: the fast parser's token, or the locator's; one
 * not located, as jansson read it. */
static const char *number_text(reader *r, const jv *v, const char *path[5])
{
	if (!r->located)
		return v->text;
	char p[1024], buf[64];
	join_path(p, sizeof p, path, 5);
	const spot *sp = find(&r->lo, p);
	if (sp)
		return bc_arena_strndup(&r->a, sp->raw, sp->raw_len);
	if (v->type == JSON_INTEGER)
		snprintf(buf, sizeof buf, "%lld", (long long)v->num);
	else
		snprintf(buf, sizeof buf, "%.17g", v->real);
	return bc_arena_strdup(&r->a, buf);
}

/* path: where v stands ("forms", form, field, and the row and column of
 * a table cell, or NULL). */
static bool scalar(reader *r, const jv *v, const char *path[5],
		   const char **text, bc_rawkind *kind)
{
	*text = NULL;
	switch (v->type) {
	case JSON_STRING:
		*kind = BC_RAW_TEXT;
		*text = v->text;
		return true;
	case JSON_INTEGER:
	case JSON_REAL:
		*kind = BC_RAW_NUM;
		*text = number_text(r, v, path);
		if (!*text)
			note(r, BC_ERR_NOMEM);
		return true;
	case JSON_TRUE:
	case JSON_FALSE:
		*kind = BC_RAW_BOOL;
		*text = v->type == JSON_TRUE ? "true" : "false";
		return true;
	case JSON_NULL:
		*kind = BC_RAW_NULL;
		return true;
	default:
		return false;
	}
}

static void add_value(reader *r, const char *form, const char *field,
		      int row, const char *col, const jv *v, int line)
{
	char rowbuf[24] = "";
	const char *path[5] = {"forms", form, field, NULL, NULL};
	if (row) {
		if (r->located) /* the path is the locator's alone */
			snprintf(rowbuf, sizeof rowbuf, "%d", row - 1);
		path[3] = rowbuf;
		path[4] = col;
	}
	const char *text;
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
	if (kind != BC_RAW_NUM || text)
		note(r, bc_submission_value(r->s, form, field, row, col, text,
					    kind, line, NULL));
}

/* The lines of row i of table field, and of a cell v in it: their own,
 * or the locator's, which alone needs their paths spelt out. */
static int row_line(const reader *r, const jv *row, const char *form,
		    const char *field, size_t i)
{
	if (!r->located)
		return row->line;
	char rp[600];
	snprintf(rp, sizeof rp, "%s\x1f%zu", field, i);
	return line_of(r, row, "forms", form, rp, NULL);
}

static int cell_line(const reader *r, const jv *v, const char *form,
		     const char *field, size_t i)
{
	if (!r->located)
		return v->line;
	char idx[24], cp[700];
	snprintf(idx, sizeof idx, "%zu", i);
	const char *parts[] = {idx, v->key};
	join_path(cp, sizeof cp, parts, 2);
	return line_of(r, v, "forms", form, field, cp);
}

static void read_table(reader *r, const char *form, const char *field,
		       const jv *rows)
{
	int tline = line_of(r, rows, "forms", form, field, NULL);
	if (!rows->kid) {
		note(r, bc_submission_value(r->s, form, field, 0, NULL, "[]",
					    BC_RAW_EMPTY, tline, NULL));
		return;
	}
	size_t i = 0;
	for (const jv *row = rows->kid; row; row = row->next, i++) {
		int rline = row_line(r, row, form, field, i);
		if (row->type != JSON_OBJECT) {
			bc_diags_add(r->d, BC_ERROR, r->file, rline, form,
				     field, N_("row %zu is not an object of "
					       "columns"),
				     i + 1);
			continue;
		}
		for (const jv *v = row->kid; v; v = v->next) {
			int cline = cell_line(r, v, form, field, i);
			add_value(r, form, field, (int)i + 1, v->key, v,
				  cline ? cline : rline);
		}
	}
}

static void read_forms(reader *r, const jv *forms)
{
	if (forms->type != JSON_OBJECT) {
		bc_diags_add(r->d, BC_ERROR, r->file,
			     line_of(r, forms, "forms", NULL, NULL, NULL), NULL,
			     NULL, N_("'forms' maps form ids to their fields"));
		return;
	}
	for (const jv *fv = forms->kid; fv; fv = fv->next) {
		const char *form = fv->key;
		int fline = line_of(r, fv, "forms", form, NULL, NULL);
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
		if (fv->type != JSON_OBJECT) {
			bc_diags_add(r->d, BC_ERROR, r->file, fline, form, NULL,
				     N_("a form maps field ids to values"));
			continue;
		}
		for (const jv *v = fv->kid; v; v = v->next) {
			int line = line_of(r, v, "forms", form, v->key, NULL);
			if (v->type == JSON_ARRAY)
				read_table(r, form, v->key, v);
			else
				add_value(r, form, v->key, 0, NULL, v,
					  line ? line : fline);
		}
	}
}

static void read_report(reader *r, const jv *rep)
{
	int rline = line_of(r, rep, BC_PART_REPORT, NULL, NULL, NULL);
	if (rep->type != JSON_OBJECT) {
		bc_diags_add(r->d, BC_ERROR, r->file, rline, NULL, NULL,
			     N_("'report' maps outline sections to text"));
		return;
	}
	for (const jv *v = rep->kid; v; v = v->next) {
		const char *sec = v->key;
		int line = line_of(r, v, BC_PART_REPORT, sec, NULL, NULL);
		if (v->type == JSON_NULL)
			continue;
		if (v->type != JSON_STRING) {
			bc_diags_add(r->d, BC_ERROR, r->file, line, BC_PART_REPORT,
				     sec, N_("a section's text is a string"));
			continue;
		}
		note(r, bc_submission_value(r->s, BC_PART_REPORT, sec, 0, NULL,
					    v->text, BC_RAW_TEXT, line, NULL));
	}
}

static void attr(reader *r, bc_attr *a, const jv *v, const char *k1,
		 const char *k2)
{
	int line = line_of(r, v, k1, k2, NULL, NULL);
	char buf[64];
	const char *text = NULL;
	if (v->type == JSON_STRING)
		text = v->text;
	else if (v->type == JSON_TRUE || v->type == JSON_FALSE)
		text = v->type == JSON_TRUE ? "true" : "false";
	else if (v->type == JSON_INTEGER)
		text = (snprintf(buf, sizeof buf, "%lld", (long long)v->num),
			buf);
	else if (v->type != JSON_NULL)
		bc_diags_add(r->d, BC_ERROR, r->file, line, NULL, NULL,
			     N_("'%s%s%s' must be a string"), k1, k2 ? "." : "",
			     k2 ? k2 : "");
	if (text)
		note(r, bc_attr_set(a, text, line, NULL));
}

static void read_signer(reader *r, const jv *v)
{
	int line = line_of(r, v, "signed_by", NULL, NULL, NULL);
	if (v->type != JSON_OBJECT) {
		bc_diags_add(r->d, BC_ERROR, r->file, line, NULL, NULL,
			     N_("'signed_by' is {\"name\", \"title\", "
				"\"date\"}"));
		return;
	}
	/* What is missing is reported at the signed_by line. */
	r->s->signer_name.line = r->s->signer_title.line = line;
	for (const jv *x = v->kid; x; x = x->next) {
		const char *k = x->key;
		if (!strcmp(k, "name"))
			attr(r, &r->s->signer_name, x, "signed_by", k);
		else if (!strcmp(k, "title"))
			attr(r, &r->s->signer_title, x, "signed_by", k);
		else if (!strcmp(k, "date"))
			attr(r, &r->s->signed_date, x, "signed_by", k);
		else
			bc_diags_add(r->d, BC_ERROR, r->file,
				     line_of(r, x, "signed_by", k, NULL, NULL),
				     NULL, NULL,
				     N_("unknown key 'signed_by.%s' (name, "
					"title, date)"),
				     k);
	}
}

static void read_top(reader *r, const jv *doc)
{
	for (const jv *v = doc->kid; v; v = v->next) {
		const char *k = v->key;
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
				     line_of(r, v, k, NULL, NULL, NULL), NULL,
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

/* The document as jansson reads it, with the locator's lines and
 * numbers: what the fast parser leaves.  BC_ERR_INVALID when it is
 * refused (said in d). */
static bc_err jansson_read(reader *r, const char *buf, size_t len,
			   jv **out)
{
	json_error_t err;
	json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	/* jansson names every fault of the text; memory it ran out of it
	 * leaves unsaid (2.14) or names so. */
	if (!doc && (!err.text[0] ||
		     json_error_code(&err) == json_error_out_of_memory))
		return BC_ERR_NOMEM;
	if (!doc) {
		duplicate_or_malformed(r->file, buf, len, &err, r->d);
		return BC_ERR_INVALID;
	}
	bc_err rc = BC_OK;
	if (json_is_object(doc)) {
		r->located = true;
		locate(&r->lo, buf, len);
		*out = r->lo.oom ? NULL : from_jansson(&r->a, doc, NULL);
		rc = *out ? BC_OK : BC_ERR_NOMEM;
	}
	json_decref(doc);
	return rc;
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
	size_t before = d->errors;
	reader r = {.file = name, .d = d};
	bool oom;
	jv *doc = fast_parse(&r.a, buf, len, &oom);
	bc_err rc = oom ? BC_ERR_NOMEM : BC_OK;
	if (!doc && rc == BC_OK) {
		/* What the fast parser made of it is no longer wanted. */
		bc_arena_free(&r.a);
		rc = jansson_read(&r, buf, len, &doc);
	}
	if (rc == BC_OK && !doc) {
		bc_diags_add(d, BC_ERROR, name, 1, NULL, NULL,
			     N_("a submission is a JSON object"));
		rc = BC_ERR_INVALID;
	} else if (rc == BC_OK && !(r.s = bc_submission_add(out, name, 1))) {
		rc = BC_ERR_NOMEM;
	} else if (rc == BC_OK) {
		read_top(&r, doc);
		rc = r.rc;
		r.s->line = 1;
	}
	if (rc == BC_OK && d->errors > before)
		rc = BC_ERR_INVALID;
	locator_free(&r.lo);
	bc_arena_free(&r.a);
	return rc;
}

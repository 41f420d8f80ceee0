/* SPDX-License-Identifier: MIT */
#include "jsonout.h"
#include "mem.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

/* jansson's own layout of the flags (jansson.h: JSON_INDENT(n) is the
 * low five bits, JSON_REAL_PRECISION(n) five bits from the eleventh). */
#define INDENT_OF(f) ((int)((f)&0x1F))
#define PRECISION_OF(f) ((int)(((f) >> 11) & 0x1F))

json_t *bc_json_dec(bc_dec d)
{
	bc_dec whole;
	if (bc_dec_rescale(d, 0, &whole))
		return json_integer((json_int_t)whole.v);
	char buf[BC_DEC_BUF + 1];
	buf[0] = '\0';
	bc_dec_text(d, buf + 1);
	return json_stringn(buf, strlen(buf + 1) + 1);
}

/* The digits of an exact decimal node, or NULL when v is none. */
static const char *dec_text(const json_t *v)
{
	return json_is_string(v) && json_string_length(v) > 1 &&
			       !json_string_value(v)[0]
		       ? json_string_value(v) + 1
		       : NULL;
}

bool bc_json_is_num(const json_t *v)
{
	return json_is_number(v) || dec_text(v);
}

bool bc_json_get_dec(const json_t *v, bc_dec *out)
{
	const char *t = dec_text(v);
	if (t)
		return bc_dec_parse(t, false, out) == BC_DEC_OK;
	if (json_is_integer(v)) {
		*out = bc_dec_int((int64_t)json_integer_value(v));
		return true;
	}
	return json_is_real(v) && bc_dec_from_double(json_real_value(v), out);
}

double bc_json_num_value(const json_t *v)
{
	bc_dec d;
	if (dec_text(v) && bc_json_get_dec(v, &d))
		return bc_dec_double(d);
	return json_number_value(v);
}

bool bc_json_num_text(const json_t *v, char *buf, size_t n)
{
	const char *t = dec_text(v);
	if (t)
		snprintf(buf, n, "%s", t);
	else if (json_is_integer(v))
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, n, "%.15g", json_real_value(v));
	else if (n)
		buf[0] = '\0';
	return bc_json_is_num(v);
}

/* ---- the writer ---------------------------------------------------------- */

/* s given to the sink; the first failure kept, and nothing given after
 * it. */
static void give(bc_jw *w, const char *s, size_t n)
{
	if (!n || w->err)
		return;
	errno = 0;
	if (w->sink(s, n, w->ud))
		w->err = errno ? errno : EIO;
}

static void drain(bc_jw *w)
{
	give(w, w->buf, w->n);
	w->n = 0;
}

static void put(bc_jw *w, const char *s, size_t n)
{
	if (w->err)
		return;
	if (n > sizeof w->buf - w->n) {
		drain(w);
		if (n >= sizeof w->buf) { /* a long string: as it is */
			give(w, s, n);
			return;
		}
	}
	memcpy(w->buf + w->n, s, n);
	w->n += n;
}

void bc_jw_init(bc_jw *w, size_t flags, bc_jw_sink sink, void *ud)
{
	/* Field by field: the buffer needs no zeros. */
	w->sink = sink;
	w->ud = ud;
	w->file = NULL;
	w->indent = INDENT_OF(flags);
	w->precision = PRECISION_OF(flags) ? PRECISION_OF(flags) : 17;
	w->compact = flags & JSON_COMPACT;
	w->depth = 0;
	w->empty = w->keyed = false;
	w->err = 0;
	w->n = 0;
}

static int to_file(const char *s, size_t n, void *ud)
{
	return fwrite(s, 1, n, ud) == n ? 0 : -1;
}

void bc_jw_init_file(bc_jw *w, size_t flags, FILE *f)
{
	bc_jw_init(w, flags, to_file, f);
	w->file = f;
}

/* A line break and depth levels of indentation; with no indentation,
 * nothing. */
static void newline(bc_jw *w)
{
	static const char ws[] = "                                ";
	if (!w->indent)
		return;
	put(w, "\n", 1);
	for (long n = (long)w->depth * w->indent; n > 0;
	     n -= (long)sizeof ws - 1)
		put(w, ws, n < (long)sizeof ws - 1 ? (size_t)n : sizeof ws - 1);
}

/* What comes before a member of the innermost object or array: nothing
 * before a key's value or the document, else the separator after the
 * member before, and the new member's line. */
static void member(bc_jw *w)
{
	if (w->keyed) {
		w->keyed = false;
		return;
	}
	if (!w->depth)
		return;
	if (!w->empty) {
		put(w, ",", 1);
		if (!w->indent && !w->compact)
			put(w, " ", 1);
	}
	w->empty = false;
	newline(w);
}

static void begin(bc_jw *w, const char *c)
{
	member(w);
	put(w, c, 1);
	w->depth++;
	w->empty = true;
}

static void end(bc_jw *w, const char *c)
{
	w->depth--;
	if (!w->empty)
		newline(w);
	put(w, c, 1);
	w->empty = false; /* the parent has this member */
}

void bc_jw_object(bc_jw *w)
{
	begin(w, "{");
}

void bc_jw_object_end(bc_jw *w)
{
	end(w, "}");
}

void bc_jw_array(bc_jw *w)
{
	begin(w, "[");
}

void bc_jw_array_end(bc_jw *w)
{
	end(w, "]");
}

/* s quoted, what JSON cannot hold raw escaped as jansson escapes it. */
static void quoted(bc_jw *w, const char *s, size_t len)
{
	const char *run = s, *end = s + len;
	put(w, "\"", 1);
	for (const char *p = s; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		char seq[8];
		const char *esc = c == '"'    ? "\\\""
				  : c == '\\' ? "\\\\"
				  : c == '\b' ? "\\b"
				  : c == '\f' ? "\\f"
				  : c == '\n' ? "\\n"
				  : c == '\r' ? "\\r"
				  : c == '\t' ? "\\t"
					      : NULL;
		if (!esc) {
			snprintf(seq, sizeof seq, "\\u%04X", c);
			esc = seq;
		}
		put(w, run, (size_t)(p - run));
		put(w, esc, strlen(esc));
		run = p + 1;
	}
	put(w, run, (size_t)(end - run));
	put(w, "\"", 1);
}

static void key(bc_jw *w, const char *k, size_t len)
{
	member(w);
	quoted(w, k, len);
	put(w, w->compact ? ":" : ": ", w->compact ? 1 : 2);
	w->keyed = true;
}

void bc_jw_key(bc_jw *w, const char *k)
{
	key(w, k, strlen(k));
}

void bc_jw_string(bc_jw *w, const char *s, size_t len)
{
	member(w);
	quoted(w, s, len);
}

void bc_jw_str(bc_jw *w, const char *s)
{
	if (s)
		bc_jw_string(w, s, strlen(s));
	else
		bc_jw_null(w);
}

/* A number, true, false or null: text as it is. */
static void bare(bc_jw *w, const char *t, size_t len)
{
	member(w);
	put(w, t, len);
}

void bc_jw_int(bc_jw *w, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%" PRId64, v);
	bare(w, buf, (size_t)n);
}

void bc_jw_dec(bc_jw *w, bc_dec d)
{
	char buf[BC_DEC_BUF];
	bc_dec_text(d, buf);
	bare(w, buf, strlen(buf));
}

/* A double as jansson writes it: %.{precision}g, ".0" when that looks
 * whole, an exponent without '+' or leading zeros. */
void bc_jw_real(bc_jw *w, double x)
{
	char buf[64];
	snprintf(buf, sizeof buf - 2, "%.*g", w->precision, x);
	char *e = strchr(buf, 'e');
	if (!e && !strchr(buf, '.'))
		strcat(buf, ".0");
	if (e) {
		char *from = e + 2, *to = e + 1 + (e[1] == '-');
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, strlen(from) + 1);
	}
	bare(w, buf, strlen(buf));
}

void bc_jw_bool(bc_jw *w, bool b)
{
	bare(w, b ? "true" : "false", b ? 4 : 5);
}

void bc_jw_null(bc_jw *w)
{
	bare(w, "null", 4);
}

static void tree(bc_jw *w, const json_t *v);

static void members(bc_jw *w, const json_t *v)
{
	for (void *it = json_object_iter((json_t *)v); it;
	     it = json_object_iter_next((json_t *)v, it)) {
		const char *k = json_object_iter_key(it);
		key(w, k, strlen(k));
		tree(w, json_object_iter_value(it));
	}
}

static void tree_object(bc_jw *w, const json_t *v)
{
	bc_jw_object(w);
	members(w, v);
	bc_jw_object_end(w);
}

static void tree_array(bc_jw *w, const json_t *v)
{
	size_t n = json_array_size(v);
	bc_jw_array(w);
	for (size_t i = 0; i < n; i++)
		tree(w, json_array_get(v, i));
	bc_jw_array_end(w);
}

static void tree(bc_jw *w, const json_t *v)
{
	const char *t = dec_text(v);
	if (t) {
		bare(w, t, strlen(t));
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		tree_object(w, v);
		break;
	case JSON_ARRAY:
		tree_array(w, v);
		break;
	case JSON_STRING:
		bc_jw_string(w, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		bc_jw_int(w, (int64_t)json_integer_value(v));
		break;
	case JSON_REAL:
		bc_jw_real(w, json_real_value(v));
		break;
	case JSON_TRUE:
		bc_jw_bool(w, true);
		break;
	case JSON_FALSE:
		bc_jw_bool(w, false);
		break;
	case JSON_NULL:
		bc_jw_null(w);
		break;
	}
}

int bc_jw_value(bc_jw *w, const json_t *v)
{
	if (!v)
		return -1;
	tree(w, v);
	return w->err ? -1 : 0;
}

int bc_jw_object_then_list(bc_jw *w, json_t *head, const char *key)
{
	if (!json_is_object(head)) {
		json_decref(head);
		return -1;
	}
	bc_jw_object(w);
	members(w, head);
	json_decref(head);
	bc_jw_key(w, key);
	bc_jw_array(w);
	return w->err ? -1 : 0;
}

int bc_jw_error(const bc_jw *w)
{
	return w->err;
}

int bc_jw_finish(bc_jw *w, bool newline_after)
{
	if (newline_after)
		put(w, "\n", 1);
	drain(w);
	if (w->file && !w->err && fflush(w->file))
		w->err = errno ? errno : EIO;
	return w->err;
}

/* ---- whole trees --------------------------------------------------------- */

static bool writable(const json_t *v, size_t flags)
{
	return v && (flags & JSON_ENCODE_ANY || json_is_object(v) ||
		     json_is_array(v));
}

typedef struct grown {
	char *s;
	size_t n, cap;
} grown;

static int append(const char *s, size_t n, void *ud)
{
	grown *g = ud;
	if (bc_grow((void **)&g->s, &g->cap, g->n + n + 1, 1) < 0)
		return -1;
	memcpy(g->s + g->n, s, n);
	g->n += n;
	g->s[g->n] = '\0';
	return 0;
}

char *bc_json_dumps(const json_t *v, size_t flags)
{
	grown g = {0};
	bc_jw w;
	if (!writable(v, flags))
		return NULL;
	bc_jw_init(&w, flags, append, &g);
	bc_jw_value(&w, v);
	if (bc_jw_finish(&w, false) || (!g.s && append("", 0, &g))) {
		bc_free(g.s);
		return NULL;
	}
	return g.s;
}

int bc_json_dumpf(const json_t *v, size_t flags, FILE *f)
{
	bc_jw w;
	if (!writable(v, flags))
		return -1;
	bc_jw_init_file(&w, flags, f);
	bc_jw_value(&w, v);
	return bc_jw_finish(&w, false) ? -1 : 0;
}

/* SPDX-License-Identifier: MIT */
#include "jsonout.h"
#include "mem.h"

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

/* ---- writing ------------------------------------------------------------ */

typedef struct dumper {
	json_dump_callback_t cb;
	void *ud;
	size_t flags;
} dumper;

static int put(const dumper *d, const char *s, size_t n)
{
	return n ? d->cb(s, n, d->ud) : 0;
}

/* Between two members: a line break and depth levels of indentation,
 * or with no indentation one space (space) or nothing. */
static int indent(const dumper *d, int depth, bool space)
{
	static const char ws[] = "                                ";
	long n = (long)depth * INDENT_OF(d->flags);
	if (!INDENT_OF(d->flags))
		return space && !(d->flags & JSON_COMPACT) ? put(d, " ", 1) : 0;
	if (put(d, "\n", 1))
		return -1;
	for (; n > 0; n -= (long)sizeof ws - 1)
		if (put(d, ws, n < (long)sizeof ws - 1 ? (size_t)n : sizeof ws - 1))
			return -1;
	return 0;
}

static int string(const dumper *d, const char *s, size_t len)
{
	const char *run = s, *end = s + len;
	if (put(d, "\"", 1))
		return -1;
	for (const char *p = s; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		char seq[8];
		const char *esc = c == '"'    ? "\\\""
				  : c == '\\' ? "\\\\"
				  : c == '\b' ? "\\b"
				  : c == '\f' ? "\\f"
				  : c == '\n' ? "\\n"
				  : c == '\r' ? "\\r"
				  : c == '\t' ? "\\t"
					      : NULL;
		if (!esc && c >= 0x20)
			continue;
		if (!esc) {
			snprintf(seq, sizeof seq, "\\u%04X", c);
			esc = seq;
		}
		if (put(d, run, (size_t)(p - run)) || put(d, esc, strlen(esc)))
			return -1;
		run = p + 1;
	}
	return put(d, run, (size_t)(end - run)) || put(d, "\"", 1) ? -1 : 0;
}

/* A double as jansson writes it: %.{precision}g, ".0" when that looks
 * whole, an exponent without '+' or leading zeros. */
static int real(const dumper *d, double x)
{
	char buf[64];
	int prec = PRECISION_OF(d->flags);
	snprintf(buf, sizeof buf - 2, "%.*g", prec ? prec : 17, x);
	char *e = strchr(buf, 'e');
	if (!e && !strchr(buf, '.'))
		strcat(buf, ".0");
	if (e) {
		char *from = e + 2, *to = e + 1 + (e[1] == '-');
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, strlen(from) + 1);
	}
	return put(d, buf, strlen(buf));
}

static int value(const dumper *d, const json_t *v, int depth);

static int array(const dumper *d, const json_t *v, int depth)
{
	size_t n = json_array_size(v);
	if (put(d, "[", 1))
		return -1;
	if (n && indent(d, depth + 1, false))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (value(d, json_array_get(v, i), depth + 1) ||
		    (i + 1 < n ? put(d, ",", 1) || indent(d, depth + 1, true)
			       : indent(d, depth, false)))
			return -1;
	return put(d, "]", 1);
}

static int object(const dumper *d, const json_t *v, int depth)
{
	bool compact = d->flags & JSON_COMPACT;
	void *it = json_object_iter((json_t *)v);
	if (put(d, "{", 1))
		return -1;
	if (it && indent(d, depth + 1, false))
		return -1;
	while (it) {
		void *next = json_object_iter_next((json_t *)v, it);
		const char *k = json_object_iter_key(it);
		if (string(d, k, strlen(k)) ||
		    put(d, compact ? ":" : ": ", compact ? 1 : 2) ||
		    value(d, json_object_iter_value(it), depth + 1) ||
		    (next ? put(d, ",", 1) || indent(d, depth + 1, true)
			  : indent(d, depth, false)))
			return -1;
		it = next;
	}
	return put(d, "}", 1);
}

static int value(const dumper *d, const json_t *v, int depth)
{
	char buf[32];
	const char *t = dec_text(v);
	if (t)
		return put(d, t, strlen(t));
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		return object(d, v, depth);
	case JSON_ARRAY:
		return array(d, v, depth);
	case JSON_STRING:
		return string(d, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		return put(d, buf, strlen(buf));
	case JSON_REAL:
		return real(d, json_real_value(v));
	case JSON_TRUE:
		return put(d, "true", 4);
	case JSON_FALSE:
		return put(d, "false", 5);
	default:
		return v ? put(d, "null", 4) : -1;
	}
}

int bc_json_dump(const json_t *v, size_t flags, json_dump_callback_t cb,
		 void *ud)
{
	dumper d = {cb, ud, flags};
	if (!(flags & JSON_ENCODE_ANY) && !json_is_object(v) && !json_is_array(v))
		return -1;
	return value(&d, v, 0);
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
	if (bc_json_dump(v, flags, append, &g) || (!g.s && append("", 0, &g))) {
		bc_free(g.s);
		return NULL;
	}
	return g.s;
}

static int to_file(const char *s, size_t n, void *ud)
{
	return fwrite(s, 1, n, ud) == n ? 0 : -1;
}

int bc_json_dumpf(const json_t *v, size_t flags, FILE *f)
{
	return bc_json_dump(v, flags, to_file, f);
}

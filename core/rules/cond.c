/* SPDX-License-Identifier: MIT */
#include "cond.h"
#include "i18n.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *skip(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The room a sum of n terms has: doubling, so that n terms cost time in
 * n. */
static size_t term_cap(size_t n)
{
	size_t c = 4;
	while (c < n)
		c *= 2;
	return n ? c : 0;
}

static bool push_term(bc_expr *e, bc_term t)
{
	if (term_cap(e->n + 1) != term_cap(e->n)) {
		bc_term *v = bc_realloc(e->v, term_cap(e->n + 1) * sizeof *v);
		if (!v)
			return false;
		e->v = v;
	}
	e->v[e->n++] = t;
	return true;
}

size_t bc_cond_parse_max(size_t len)
{
	/* A term is at least one byte, and terms are one apart: at most
	 * len / 2 + 1 a side, one more for self; each side's room at most
	 * twice its terms, four at least; every name's bytes and NUL. */
	size_t terms = len / 2 + 2;
	return (2 * terms + 8) * sizeof(bc_term) + len + terms + 64;
}

size_t bc_expr_bytes(const bc_expr *e)
{
	size_t n = term_cap(e->n) * sizeof(bc_term);
	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].name)
			n += strlen(e->v[i].name) + 1;
	return n;
}

size_t bc_cond_bytes(const bc_cond *c)
{
	return bc_expr_bytes(&c->lhs) + bc_expr_bytes(&c->rhs);
}

static const char *digits(const char *p)
{
	while (isdigit((unsigned char)*p))
		p++;
	return p;
}

/* A number at *pp ("12", "0.5"), exactly. */
static bool parse_number(const char **pp, bc_dec *k, char *err, size_t errn)
{
	const char *s = *pp, *p = digits(s);
	char num[64];
	if (*p == '.' && isdigit((unsigned char)p[1]))
		p = digits(p + 1);
	if ((size_t)(p - s) >= sizeof num ||
	    (snprintf(num, sizeof num, "%.*s", (int)(p - s), s),
	     bc_dec_parse(num, false, k) != BC_DEC_OK)) {
		snprintf(err, errn, "'%.20s' has more digits than a number "
				    "is kept with exactly (18)", s);
		return false;
	}
	*pp = p;
	return true;
}

/* Parses a sum at *pp, stopping before anything that is not + - a name or
 * a number: 1, or 0 with a message in err, or -1 when memory ran out
 * (err left as it was). */
static int parse_sum(const char **pp, bc_expr *e, char *err, size_t errn)
{
	const char *p = skip(*pp);
	int sign = 1;
	for (;;) {
		bc_term t = {.sign = sign, .ref = -1};
		if (islower((unsigned char)*p) || *p == '_') {
			const char *s = p;
			while (islower((unsigned char)*p) ||
			       isdigit((unsigned char)*p) || *p == '_')
				p++;
			if (!(t.name = bc_strndup(s, (size_t)(p - s))))
				return -1;
		} else if (isdigit((unsigned char)*p)) {
			if (!parse_number(&p, &t.k, err, errn))
				return false;
		} else {
			snprintf(err, errn, "a field name or a number expected "
					    "at '%s'", *p ? p : "the end");
			return 0;
		}
		if (!push_term(e, t)) {
			bc_free(t.name);
			return -1;
		}
		p = skip(p);
		if (*p != '+' && *p != '-')
			break;
		sign = *p == '-' ? -1 : 1;
		p = skip(p + 1);
	}
	*pp = p;
	return 1;
}

bool bc_expr_parse(const char *text, bc_expr *out, char *err, size_t errn)
{
	const char *p = text;
	*out = (bc_expr){0};
	err[0] = '\0';
	int r = parse_sum(&p, out, err, errn);
	if (r <= 0 || *skip(p)) {
		if (r > 0)
			snprintf(err, errn, "unexpected '%s'", skip(p));
		bc_expr_free(out);
		return false;
	}
	return true;
}

static bool parse_op(const char **pp, bc_relop *op)
{
	static const struct {
		const char *s;
		bc_relop op;
	} ops[] = {
		{"<=", BC_LE}, {">=", BC_GE}, {"<>", BC_NE}, {"!=", BC_NE},
		{"==", BC_EQ}, {"\u2264", BC_LE}, {"\u2265", BC_GE},
		{"\u2260", BC_NE}, {"=", BC_EQ}, {"<", BC_LT}, {">", BC_GT},
	};
	const char *p = skip(*pp);
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
		size_t n = strlen(ops[i].s);
		if (strncmp(p, ops[i].s, n) == 0) {
			*op = ops[i].op;
			*pp = p + n;
			return true;
		}
	}
	return false;
}

bool bc_cond_parse(const char *text, const char *self, bc_cond *out,
		   char *err, size_t errn)
{
	const char *p = skip(text);
	*out = (bc_cond){0};
	err[0] = '\0';
	if (parse_op(&p, &out->op)) {
		if (!self) {
			snprintf(err, errn, "a condition needs a left side");
			return false;
		}
		bc_term t = {.name = bc_strdup(self), .sign = 1, .ref = -1};
		if (!t.name || !push_term(&out->lhs, t)) {
			bc_free(t.name);
			return false;
		}
	} else {
		int r = parse_sum(&p, &out->lhs, err, errn);
		if (r <= 0 || !parse_op(&p, &out->op)) {
			if (r > 0)
				snprintf(err, errn,
					 "a comparison (=, <=, <, >=, >, <>) "
					 "expected at '%s'",
					 *p ? p : "the end");
			bc_cond_free(out);
			return false;
		}
	}
	int r = parse_sum(&p, &out->rhs, err, errn);
	if (r <= 0 || *skip(p)) {
		if (r > 0)
			snprintf(err, errn, "unexpected '%s'", skip(p));
		bc_cond_free(out);
		return false;
	}
	return true;
}

void bc_expr_free(bc_expr *e)
{
	for (size_t i = 0; i < e->n; i++)
		bc_free(e->v[i].name);
	bc_free(e->v);
	*e = (bc_expr){0};
}

void bc_cond_free(bc_cond *c)
{
	bc_expr_free(&c->lhs);
	bc_expr_free(&c->rhs);
}

bool bc_expr_resolve(bc_expr *e, bc_resolve_fn fn, void *ud,
		     const char **bad)
{
	for (size_t i = 0; i < e->n; i++) {
		if (!e->v[i].name)
			continue;
		e->v[i].ref = fn(ud, e->v[i].name);
		if (e->v[i].ref < 0) {
			*bad = e->v[i].name;
			return false;
		}
	}
	return true;
}

bool bc_cond_resolve(bc_cond *c, bc_resolve_fn fn, void *ud,
		     const char **bad)
{
	return bc_expr_resolve(&c->lhs, fn, ud, bad) &&
	       bc_expr_resolve(&c->rhs, fn, ud, bad);
}

static bool term_value(const bc_term *t, bc_value_fn fn, void *ud, bc_dec *v)
{
	if (!t->name) {
		*v = t->k;
		return true;
	}
	return fn(ud, t->ref, v);
}

/* A sum of terms: exact while it fits 18 digits, a double past that. */
typedef struct total {
	bc_dec d;
	double x;
	bool exact;
} total;

/* The sum of e; false when some term is not reported. */
static bool sum_of(const bc_expr *e, bc_value_fn fn, void *ud, total *out)
{
	bc_dec v;
	*out = (total){.exact = true};
	for (size_t i = 0; i < e->n; i++) {
		if (!term_value(&e->v[i], fn, ud, &v))
			return false;
		if (out->exact && !(e->v[i].sign < 0 ? bc_dec_sub(out->d, v, &out->d)
						      : bc_dec_add(out->d, v, &out->d)))
			out->exact = false;
	}
	for (size_t i = 0; !out->exact && i < e->n; i++) {
		term_value(&e->v[i], fn, ud, &v);
		out->x += e->v[i].sign * bc_dec_double(v);
	}
	return true;
}

bool bc_expr_eval(const bc_expr *e, bc_value_fn fn, void *ud, bc_dec *out)
{
	total t;
	if (!sum_of(e, fn, ud, &t) || !t.exact)
		return false;
	*out = t.d;
	return true;
}

/* Two sums compared exactly, or as doubles when one did not fit. */
static int cmp_totals(total *a, total *b)
{
	if (a->exact && b->exact)
		return bc_dec_cmp(a->d, b->d);
	double x = a->exact ? bc_dec_double(a->d) : a->x,
	       y = b->exact ? bc_dec_double(b->d) : b->x;
	return (x > y) - (x < y);
}

int bc_cond_eval(const bc_cond *c, bc_value_fn fn, void *ud)
{
	total l, r;
	if (!sum_of(&c->lhs, fn, ud, &l) || !sum_of(&c->rhs, fn, ud, &r))
		return -1;
	int k = cmp_totals(&l, &r);
	switch (c->op) {
	case BC_EQ:
		return k == 0;
	case BC_NE:
		return k != 0;
	case BC_LE:
		return k <= 0;
	case BC_LT:
		return k < 0;
	case BC_GE:
		return k >= 0;
	case BC_GT:
		return k > 0;
	}
	return 0;
}

/* A term's name as the reader finds it ("[6]"), or as written. */
static const char *term_name(const bc_term *t, const bc_explain *how,
			     char *buf, size_t n)
{
	if (how && how->name && how->name(how->ud, t->ref, buf, n))
		return buf;
	return t->name;
}

/* "a + b - 2", each name through how (NULL: as written). */
static void expr_names(const bc_expr *e, const bc_explain *how, char *buf,
		       size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < e->n && o < n; i++) {
		char num[64], name[64];
		const bc_term *t = &e->v[i];
		if (!t->name)
			bc_dec_local(t->k, num);
		o += (size_t)snprintf(buf + o, n - o, "%s%s",
				      i == 0 ? (t->sign < 0 ? "-" : "")
					     : (t->sign < 0 ? " - " : " + "),
				      t->name ? term_name(t, how, name,
							  sizeof name)
					      : num);
	}
}

void bc_expr_text(const bc_expr *e, char *buf, size_t n)
{
	expr_names(e, NULL, buf, n);
}

/* "1 180 + 31 + 0": the values of a sum's terms. */
static void terms_text(const bc_expr *e, bc_value_fn fn, void *ud, char *buf,
		       size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < e->n && o < n; i++) {
		bc_dec v = {0};
		char num[BC_DEC_BUF];
		term_value(&e->v[i], fn, ud, &v);
		bc_dec_local(v, num);
		o += (size_t)snprintf(buf + o, n - o, "%s%s",
				      i == 0 ? (e->v[i].sign < 0 ? "-" : "")
					     : (e->v[i].sign < 0 ? " - " : " + "),
				      num);
	}
}

/* "a + b = 12 (5 + 7)", "a = 12", "12"; or "= 12" for a left side that
 * is only the name the message already gives (how->self). */
static void side_text(const bc_expr *e, bool left, const bc_explain *how,
		      char *buf, size_t n)
{
	char text[512], num[64], terms[512];
	total v;
	expr_names(e, how, text, sizeof text);
	sum_of(e, how->value, how->ud, &v);
	bool shown = e->n == 1 && e->v[0].name && how->show &&
		     how->show(how->ud, e->v[0].ref, v.d, num, sizeof num);
	if (!shown && v.exact)
		bc_dec_local(v.d, num);
	else if (!shown)
		bc_num_text(v.x, num, sizeof num);
	if (e->n > 1) {
		terms_text(e, how->value, how->ud, terms, sizeof terms);
		snprintf(buf, n, "%s = %s (%s)", text, num, terms);
	} else if (left && e->v[0].name && e->v[0].ref >= 0 &&
		   e->v[0].ref == how->self) {
		snprintf(buf, n, "= %s", num);
	} else if (e->v[0].name) {
		snprintf(buf, n, "%s = %s", text, num);
	} else {
		snprintf(buf, n, "%s", num);
	}
}

char *bc_cond_explain(const bc_cond *c, const bc_explain *how)
{
	char ls[640], rs[640];
	side_text(&c->lhs, true, how, ls, sizeof ls);
	side_text(&c->rhs, false, how, rs, sizeof rs);
#define BUT(fmt) bc_sprintf(how->local ? _(fmt) : (fmt), ls, rs)
	switch (c->op) {
	case BC_EQ:
		return BUT(N_("%s, but %s"));
	case BC_NE:
		return BUT(N_("%s, but must differ from %s"));
	case BC_LE:
		return BUT(N_("%s, but must be ≤ %s"));
	case BC_LT:
		return BUT(N_("%s, but must be < %s"));
	case BC_GE:
		return BUT(N_("%s, but must be ≥ %s"));
	case BC_GT:
		return BUT(N_("%s, but must be > %s"));
	}
#undef BUT
	return NULL;
}

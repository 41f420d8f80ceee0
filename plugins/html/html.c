/* SPDX-License-Identifier: MIT */
/*
 * html: the period's report as one self-contained HTML page, for the
 * chairman of the district rather than for a spreadsheet: who reported
 * and who did not, the key indicators against the same period of the
 * previous year, one table per form, and bar charts of each indicator
 * commune by commune.
 *
 * A plugin like any other: it sees only <baocao/plugin.h> and libc, reads
 * the report model by path and writes through the host.  Built for ABI
 * 1.3, it gets the lean model and reads what grows with the country (each
 * unit's values, each unit's status) a unit at a time through the host's
 * cursors, keeping of the values only the few its charts need: its memory
 * stays flat from a district to the nation.  Everything the
 * page needs (styles, charts as inline SVG) is inside it, so it opens the
 * same way from a USB stick, a mail attachment or a browser with no
 * network.  Every string that comes from the model (names, labels, codes)
 * goes through esc(): unit names come from a CSV anybody may edit.
 *
 * Numbers are written the way the forms print them and as format_number()
 * gives them to Lua exporters: spaces between thousands, a decimal comma
 * ("1 015 785,6"), so the HTML and Markdown reports agree.
 */
#include <baocao/plugin.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINTF(a, b)
#endif

/* ---- output and model access ------------------------------------------- */

typedef struct unit {
	const char *code, *name, *level;
	size_t i; /* in c->units */
} unit;

/* One form's values that its indicators name, unit by unit: what the
 * charts compute each unit's ratios from. */
typedef struct figs {
	char (*names)[64]; /* the fields */
	size_t n_names;
	double *v;          /* [unit * n_names + field] */
	unsigned char *have; /* the same: the unit has that value */
	unsigned char *sent; /* [unit]: the unit sent values of the form */
} figs;

typedef struct level {
	const char *id, *label;
} level;

typedef struct ctx {
	bc_host *h;
	const bc_host_api *api;
	int failed; /* a write or an allocation failed: stop, report */
	char path[768];
	level *levels;
	size_t n_levels;
	unit *units;        /* in the model's (tree) order */
	unit *by_code;      /* the same, sorted by code, for lookups */
	size_t n_units;
	const unit **listed; /* what put_listed writes */
	size_t n_listed;
	figs f;           /* of the form whose charts are being drawn */
	bc_cursor *item;  /* the unit whose status is being written */
} ctx;

static void put_n(ctx *c, const char *s, size_t n)
{
	if (!c->failed && n && c->api->write(c->h, s, n) != 0)
		c->failed = 1;
}

static void put(ctx *c, const char *s)
{
	put_n(c, s, strlen(s));
}

/* Text of the plugin's own making: never a string of the model. */
PRINTF(2, 3) static void putf(ctx *c, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf) {
		/* Only the plugin's own short fragments come here: a longer
		 * one is a bug, not something to truncate silently. */
		c->api->error(c->h, "internal: output fragment too long");
		c->failed = 1;
		return;
	}
	put_n(c, buf, (size_t)n);
}

/* A string of the model, HTML-escaped (text and attribute values). */
static void esc(ctx *c, const char *s)
{
	const char *run = s;
	if (!s)
		return;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		put_n(c, run, (size_t)(s - run));
		put(c, rep);
		run = s + 1;
	}
	put_n(c, run, (size_t)(s - run));
}

/* At most max characters of a UTF-8 string, escaped, with "…" for the
 * rest: a chart's label column has room for so much (the full name is in
 * the bar's tooltip). */
static void esc_cut(ctx *c, const char *s, size_t max)
{
	char buf[256];
	size_t chars = 0, i = 0;
	if (!s)
		return;
	for (; s[i]; i++) {
		/* Stop only before a character's first byte, so the cut never
		 * splits one; 4 bytes are the most a character takes. */
		if (((unsigned char)s[i] & 0xC0) != 0x80 &&
		    (chars++ == max || i + 4 >= sizeof buf))
			break;
		buf[i] = s[i];
	}
	if (!s[i]) {
		esc(c, s);
		return;
	}
	buf[i] = '\0';
	esc(c, buf);
	put(c, "…");
}

/* An ASCII id (a form's "bm3") in capitals, escaped all the same. */
static void esc_upper(ctx *c, const char *s)
{
	char buf[64];
	size_t i = 0;
	for (; s && s[i] && i + 1 < sizeof buf; i++)
		buf[i] = (char)toupper((unsigned char)s[i]);
	buf[i] = '\0';
	esc(c, buf);
}

/* The path in c->path, or NULL when it does not fit (then the value is
 * treated as absent, like any path the model lacks). */
PRINTF(2, 0) static const char *vpath(ctx *c, const char *fmt, va_list ap)
{
	int n = vsnprintf(c->path, sizeof c->path, fmt, ap);
	return n < 0 || (size_t)n >= sizeof c->path ? NULL : c->path;
}

/* Whether the model has a value at path, asked of its parent: the host of
 * baocao 0.1.0 crashes in get() on an absent path (and a plugin built for
 * ABI 1.0 runs on that host for as long as it is installed), so get()
 * below asks only for what exists. */
static int exists(ctx *c, const char *path)
{
	char parent[sizeof c->path];
	size_t len = strlen(path);
	if (len && path[len - 1] == ']') {
		const char *open = strrchr(path, '[');
		if (!open)
			return 0;
		unsigned long i = strtoul(open + 1, NULL, 10);
		snprintf(parent, sizeof parent, "%.*s", (int)(open - path),
			 path);
		/* An array: an object has keys. */
		return i < c->api->count(c->h, parent) &&
		       !c->api->key(c->h, parent, 0);
	}
	const char *dot = strrchr(path, '.');
	const char *name = dot ? dot + 1 : path;
	snprintf(parent, sizeof parent, "%.*s", dot ? (int)(dot - path) : 0,
		 path);
	size_t n = c->api->count(c->h, parent);
	for (size_t i = 0; i < n; i++) {
		const char *k = c->api->key(c->h, parent, i);
		if (!k)
			return 0;
		if (!strcmp(k, name))
			return 1;
	}
	return 0;
}

PRINTF(2, 3) static const char *get(ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = vpath(c, fmt, ap);
	va_end(ap);
	return p && exists(c, p) ? c->api->get(c->h, p) : NULL;
}

/* 1 and the number in *v, or 0 when absent, null or not a number. */
PRINTF(3, 4) static int num(ctx *c, double *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = vpath(c, fmt, ap);
	va_end(ap);
	return p && c->api->get_number(c->h, p, v) == 0;
}

PRINTF(2, 3) static size_t count(ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = vpath(c, fmt, ap);
	va_end(ap);
	return p ? c->api->count(c->h, p) : 0;
}

PRINTF(3, 4) static const char *key(ctx *c, size_t i, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = vpath(c, fmt, ap);
	va_end(ap);
	return p ? c->api->key(c->h, p, i) : NULL;
}

static void *alloc(ctx *c, size_t n, size_t size)
{
	void *p = n > (size_t)-1 / size ? NULL : c->api->alloc(c->h, n * size);
	if (!p && !c->failed) {
		c->api->error(c->h, "out of memory");
		c->failed = 1;
	}
	return p;
}

/* ---- numbers and dates --------------------------------------------------- */

/* v rounded to at most dec decimals, thousands apart by spaces, a decimal
 * comma, trailing zeros dropped: "1 204", "12,5", "-3". */
static void fmt_num(double v, int dec, char *buf, size_t n)
{
	long long scale = 1;
	for (int i = 0; i < dec; i++)
		scale *= 10;
	int neg = v < 0;
	double a = neg ? -v : v;
	if (a >= 9e15 / (double)scale) { /* beyond exact integers: plainly */
		snprintf(buf, n, "%.0f", v);
		return;
	}
	long long r = (long long)(a * (double)scale + 0.5);
	long long ip = r / scale, frac = r % scale;
	char digits[32], out[64];
	snprintf(digits, sizeof digits, "%lld", ip);
	size_t len = strlen(digits), o = 0;
	if (neg && r)
		out[o++] = '-';
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	if (frac) {
		char f[24];
		snprintf(f, sizeof f, "%0*lld", dec, frac);
		size_t fl = strlen(f);
		while (fl && f[fl - 1] == '0')
			f[--fl] = '\0';
		out[o++] = ',';
		memcpy(out + o, f, fl);
		o += fl;
	}
	out[o] = '\0';
	snprintf(buf, n, "%s", out);
}

/* The text of a number as the host writes it (its digits:
 * "12345678901234.56") in the same way as fmt_num, when it has no more
 * than dec decimals: exact at any size, where a double would write
 * 99999999999999.99 as …99.98.  0 when t is no such number. */
static int fmt_text(const char *t, int dec, char *buf, size_t n)
{
	const char *p = t + (*t == '-');
	size_t whole = strspn(p, "0123456789"), o = 0;
	const char *frac = p + whole + (p[whole] == '.');
	size_t nf = strspn(frac, "0123456789");
	if (!whole || frac[nf] || (int)nf > dec || 2 * (whole + nf) + 4 > n)
		return 0;
	if (p != t)
		buf[o++] = '-';
	for (size_t i = 0; i < whole; i++) {
		if (i && (whole - i) % 3 == 0)
			buf[o++] = ' ';
		buf[o++] = p[i];
	}
	if (nf)
		buf[o++] = ',';
	memcpy(buf + o, frac, nf);
	buf[o + nf] = '\0';
	return 1;
}

/* A cell's number, or a dash for a value the model does not have. */
static void put_num(ctx *c, int have, double v, int dec)
{
	char buf[64];
	if (!have) {
		put(c, "<span class=\"na\">–</span>");
		return;
	}
	fmt_num(v, dec, buf, sizeof buf);
	put(c, buf);
}

/* A change, signed: "+3,2", "-0,4", "0".  In colour only when judged:
 * every indicator of the catalogue is better higher, while a count
 * going down (fewer late dossiers) may be good or bad news. */
static void put_change(ctx *c, int have, double v, int judged)
{
	char buf[64];
	if (!have) {
		put(c, "<span class=\"na\">–</span>");
		return;
	}
	fmt_num(v, 1, buf, sizeof buf);
	putf(c, "<span class=\"%s\">%s%s</span>",
	     !judged ? "flat" : buf[0] == '-' ? "down"
	     : strcmp(buf, "0") ? "up" : "flat",
	     buf[0] == '-' || !strcmp(buf, "0") ? "" : "+", buf);
}

/* The number at a path, or a dash.  (One call looks the value up and
 * prints it: put_num(c, num(c, &v, ...), v, ...) would read v before
 * num() sets it, C leaving the order of arguments open.) */
PRINTF(3, 4) static void num_at(ctx *c, int dec, const char *fmt, ...)
{
	double v = 0;
	char buf[64];
	va_list ap;
	va_start(ap, fmt);
	const char *p = vpath(c, fmt, ap);
	va_end(ap);
	const char *text = p ? c->api->get(c->h, p) : NULL;
	if (text && fmt_text(text, dec, buf, sizeof buf)) {
		put(c, buf);
		return;
	}
	int have = p && c->api->get_number(c->h, p, &v) == 0;
	put_num(c, have, v, dec);
}

PRINTF(3, 4) static void change_at(ctx *c, int judged, const char *fmt, ...)
{
	double v = 0;
	va_list ap;
	va_start(ap, fmt);
	const char *p = vpath(c, fmt, ap);
	va_end(ap);
	int have = p && c->api->get_number(c->h, p, &v) == 0;
	put_change(c, have, v, judged);
}

/* "2023-02-28" as "28/02/2023"; anything else as it is. */
static void put_date(ctx *c, const char *iso)
{
	if (iso && strlen(iso) >= 10 && iso[4] == '-' && iso[7] == '-') {
		char buf[16];
		snprintf(buf, sizeof buf, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
		esc(c, buf);
	} else {
		esc(c, iso);
	}
}

/* ---- words ----------------------------------------------------------------
 *
 * The page's words come with the model (ABI 1.1): the ruleset's under
 * wording.html (each key there, the rules' or baocao's own), the words
 * every Vietnamese document shares under document (the national title,
 * how a moment is written).  A text's {name} is filled by a slot: a
 * value escaped, or what a function writes. */

typedef struct slot {
	const char *name, *value;
	void (*put)(ctx *c, const char *arg); /* or NULL: value, escaped */
} slot;

#define SLOTS(...) (const slot[]){__VA_ARGS__}, \
	sizeof((const slot[]){__VA_ARGS__}) / sizeof(slot)

/* The ruleset's word for the page, "" when the host gives none. */
static const char *word(ctx *c, const char *key)
{
	const char *w = get(c, "wording.html.%s", key);
	return w ? w : "";
}

static const char *doc_word(ctx *c, const char *key)
{
	const char *w = get(c, "document.%s", key);
	return w ? w : "";
}

/* text, escaped, each {name} of v[0..n) filled. */
static void say_text(ctx *c, const char *text, const slot *v, size_t n)
{
	char buf[2048];
	snprintf(buf, sizeof buf, "%s", text); /* get() reuses its memory */
	const char *s = buf, *run = buf;
	while ((s = strchr(s, '{'))) {
		size_t len = strspn(s + 1, "abcdefghijklmnopqrstuvwxyz_");
		size_t i = 0;
		for (; len && s[1 + len] == '}' && i < n; i++)
			if (strlen(v[i].name) == len &&
			    !strncmp(v[i].name, s + 1, len))
				break;
		if (!len || s[1 + len] != '}' || i == n) {
			s++;
			continue;
		}
		char part[sizeof buf];
		snprintf(part, sizeof part, "%.*s", (int)(s - run), run);
		esc(c, part);
		if (v[i].put)
			v[i].put(c, v[i].value);
		else
			esc(c, v[i].value);
		run = s = s + len + 2;
	}
	esc(c, run);
}

/* The ruleset's word key, filled. */
static void say(ctx *c, const char *key, const slot *v, size_t n)
{
	say_text(c, word(c, key), v, n);
}

/* The names of c->listed, between commas. */
static void put_listed(ctx *c, const char *unused)
{
	(void)unused;
	for (size_t i = 0; i < c->n_listed; i++) {
		if (i)
			put(c, ", ");
		esc(c, c->listed[i]->name);
	}
}

/* "2023-03-05T09:00:00+07:00" as document.time says a moment: "09:00
 * ngày 05/03/2023". */
static void put_time(ctx *c, const char *iso)
{
	if (iso && strlen(iso) >= 16 && iso[10] == 'T') {
		char hm[8];
		snprintf(hm, sizeof hm, "%.5s", iso + 11);
		say_text(c, doc_word(c, "time"),
			 SLOTS({"time", hm, NULL}, {"date", iso, put_date}));
		return;
	}
	put_date(c, iso);
}

/* ---- units and levels ---------------------------------------------------- */

static int by_code(const void *a, const void *b)
{
	return strcmp(((const unit *)a)->code, ((const unit *)b)->code);
}

static int load_units(ctx *c)
{
	size_t n = count(c, "units");
	c->units = alloc(c, n + 1, sizeof *c->units);
	c->by_code = alloc(c, n + 1, sizeof *c->by_code);
	if (!c->units || !c->by_code)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unit u = {get(c, "units[%zu].code", i),
			  get(c, "units[%zu].name", i),
			  get(c, "units[%zu].level", i), c->n_units};
		if (!u.code)
			continue;
		if (!u.name)
			u.name = u.code;
		c->units[c->n_units] = u;
		c->by_code[c->n_units++] = u;
	}
	qsort(c->by_code, c->n_units, sizeof *c->by_code, by_code);
	n = count(c, "levels");
	c->levels = alloc(c, n + 1, sizeof *c->levels);
	if (!c->levels)
		return -1;
	for (size_t i = 0; i < n; i++) {
		level l = {get(c, "levels[%zu].id", i),
			   get(c, "levels[%zu].label", i)};
		if (!l.id)
			continue;
		if (!l.label)
			l.label = l.id;
		c->levels[c->n_levels++] = l;
	}
	return 0;
}

static const unit *find_unit(const ctx *c, const char *code)
{
	unit k = {code, NULL, NULL, 0};
	return code ? bsearch(&k, c->by_code, c->n_units, sizeof k, by_code)
		    : NULL;
}

/* A unit's name from its code (the code itself for a unit not listed). */
static const char *unit_name(const ctx *c, const char *code)
{
	const unit *u = find_unit(c, code);
	return u ? u->name : code;
}

/* The names of the units in the array at path, comma-separated. */
static void put_unit_list(ctx *c, const char *path)
{
	size_t n = c->api->count(c->h, path);
	/* path is c->path: copy it, the lookups below reuse c->path. */
	char base[sizeof c->path];
	snprintf(base, sizeof base, "%s", path);
	for (size_t i = 0; i < n; i++) {
		if (i)
			put(c, ", ");
		esc(c, unit_name(c, get(c, "%s[%zu]", base, i)));
	}
}

/* ---- indicators: ratios per unit ------------------------------------------ */

/* An indicator's numerator or denominator, as the model writes it: terms
 * joined by " + " and " - ", each a field of the form or a number
 * ("hs_truoc_han + hs_dung_han", "1 000"). */
enum { MAX_TERMS = 32 };

typedef struct term {
	int sign;
	char name[64]; /* empty for a number */
	double k;
} term;

typedef struct expr {
	size_t n;
	term t[MAX_TERMS];
} expr;

static int parse_expr(const char *s, expr *e)
{
	e->n = 0;
	if (!s)
		return -1;
	for (;;) {
		term t = {1, "", 0};
		while (*s == ' ')
			s++;
		if (*s == '+' || *s == '-') {
			t.sign = *s == '-' ? -1 : 1;
			s++;
			while (*s == ' ')
				s++;
		} else if (e->n) {
			return -1;
		}
		if (isalpha((unsigned char)*s) || *s == '_') {
			size_t n = 0;
			while (isalnum((unsigned char)s[n]) || s[n] == '_')
				n++;
			if (n >= sizeof t.name)
				return -1;
			memcpy(t.name, s, n);
			t.name[n] = '\0';
			s += n;
		} else if (isdigit((unsigned char)*s)) {
			/* "1 000,5": spaces between thousands, a decimal comma. */
			double ip = 0, f = 0.1;
			for (; isdigit((unsigned char)*s) ||
			       (*s == ' ' && isdigit((unsigned char)s[1]));
			     s++)
				if (*s != ' ')
					ip = ip * 10 + (*s - '0');
			if (*s == ',' || *s == '.')
				for (s++; isdigit((unsigned char)*s); s++, f /= 10)
					ip += (*s - '0') * f;
			t.k = ip;
		} else {
			return -1;
		}
		if (e->n == MAX_TERMS)
			return -1;
		e->t[e->n++] = t;
		while (*s == ' ')
			s++;
		if (!*s)
			return 0;
	}
}

/* The index of field name in c->f, or n_names when it is not there. */
static size_t fig_index(const ctx *c, const char *name)
{
	size_t k = 0;
	while (k < c->f.n_names && strcmp(c->f.names[k], name))
		k++;
	return k;
}

/* Adds the fields e names to c->f.names (of room for max). */
static void fig_names(ctx *c, const expr *e, size_t max)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->t[i].name[0] && fig_index(c, e->t[i].name) ==
					       c->f.n_names &&
		    c->f.n_names < max)
			memcpy(c->f.names[c->f.n_names++], e->t[i].name,
			       sizeof *c->f.names);
}

static void figs_free(ctx *c)
{
	c->api->free(c->h, c->f.names);
	c->api->free(c->h, c->f.v);
	c->api->free(c->h, c->f.have);
	c->api->free(c->h, c->f.sent);
	c->f = (figs){0};
}

/* c->f for form (the fi-th): the values of the fields its indicators
 * name, read unit by unit through the host's cursor; -1 on failure. */
static int figs_load(ctx *c, const char *form, size_t fi)
{
	size_t ni = count(c, "forms[%zu].indicators", fi);
	size_t max = ni * 2 * MAX_TERMS, nu = c->n_units;
	c->f = (figs){0};
	c->f.names = alloc(c, max + 1, sizeof *c->f.names);
	for (size_t k = 0; c->f.names && k < ni; k++) {
		expr e;
		if (parse_expr(get(c, "forms[%zu].indicators[%zu].num", fi, k),
			       &e) == 0)
			fig_names(c, &e, max);
		if (parse_expr(get(c, "forms[%zu].indicators[%zu].den", fi, k),
			       &e) == 0)
			fig_names(c, &e, max);
	}
	size_t cells = nu * c->f.n_names;
	c->f.v = alloc(c, cells + 1, sizeof *c->f.v);
	c->f.have = alloc(c, cells + 1, 1);
	c->f.sent = alloc(c, nu + 1, 1);
	bc_cursor *cur = c->f.sent ? c->api->open_values(c->h, form) : NULL;
	if (!cur || !c->f.v || !c->f.have) {
		c->api->close(cur);
		c->failed = 1;
		return -1;
	}
	memset(c->f.have, 0, cells + 1);
	memset(c->f.sent, 0, nu + 1);
	char path[80];
	int r;
	while ((r = c->api->next(cur)) == 1) {
		const unit *u = find_unit(c, c->api->item_get(cur, "unit"));
		if (!u)
			continue;
		c->f.sent[u->i] = c->api->item_count(cur, "values") > 0;
		for (size_t k = 0; k < c->f.n_names; k++) {
			snprintf(path, sizeof path, "values.%s", c->f.names[k]);
			size_t at = u->i * c->f.n_names + k;
			c->f.have[at] = c->api->item_number(cur, path,
							    &c->f.v[at]) == 0;
		}
	}
	c->api->close(cur);
	if (r < 0)
		c->failed = 1;
	return r < 0 ? -1 : 0;
}

/* The expression over one unit's values; 0 if a term is missing (the
 * core counts a unit in a ratio only if it reported every term). */
static int eval_expr(ctx *c, const expr *e, const unit *u, double *out)
{
	double sum = 0;
	for (size_t i = 0; i < e->n; i++) {
		double v = e->t[i].k;
		if (e->t[i].name[0]) {
			size_t k = fig_index(c, e->t[i].name);
			size_t at = u->i * c->f.n_names + k;
			if (k == c->f.n_names || !c->f.have[at])
				return 0;
			v = c->f.v[at];
		}
		sum += e->t[i].sign * v;
	}
	*out = sum;
	return 1;
}

/* The ratio of one unit, in per cent rounded as the core rounds it. */
static int unit_ratio(ctx *c, const expr *num_e, const expr *den_e,
		      const unit *u, double *out)
{
	double n, d;
	if (!eval_expr(c, num_e, u, &n) ||
	    !eval_expr(c, den_e, u, &d) || d == 0)
		return 0;
	double r = 100.0 * n / d;
	*out = (double)(long long)(r * 10 + (r < 0 ? -0.5 : 0.5)) / 10;
	return 1;
}

/* ---- charts ---------------------------------------------------------------- */

typedef struct bar {
	const char *name;
	double v;
	size_t order; /* the model's order, to keep ties stable */
} bar;

static int by_value(const void *a, const void *b)
{
	const bar *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? 1 : -1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The top of a percentage axis: 100, or the next multiple of 25 above
 * the largest value (a budget collected at 130 % of the estimate). */
static double axis_max(double top)
{
	double m = 100;
	while (m < top)
		m += 25;
	return m;
}

enum {
	CHART_W = 600,
	LABEL_W = 170, /* unit names, right-aligned */
	PLOT_W = 360,
	ROW_H = 20,
	TOP = 30,
};

/* An SVG chart's opening, its title and its vertical grid of per cent
 * from 0 to max every 25. */
static void chart_open(ctx *c, const char *title, int h, double max)
{
	char buf[64];
	putf(c, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		"height=\"%d\" role=\"img\" aria-label=\"",
	     CHART_W, h, CHART_W, h);
	esc(c, title);
	put(c, "\"><title>");
	esc(c, title);
	put(c, "</title>\n");
	for (double t = 0; t <= max + 1e-9; t += 25) {
		double x = LABEL_W + PLOT_W * t / max;
		fmt_num(t, 0, buf, sizeof buf);
		putf(c, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
			"y2=\"%d\"/><text class=\"tick\" x=\"%.1f\" y=\"%d\">%s"
			"</text>\n",
		     x, TOP - 4, x, h - 8, x, TOP - 8, buf);
	}
}

/* One bar from the plot's left edge, its value after it; cls "bar",
 * "bar low" or "bar prev". */
static void chart_bar(ctx *c, const char *cls, const char *tip, double v,
		      double max, int y, int height)
{
	char buf[64];
	double w = PLOT_W * (v < 0 ? 0 : v) / max;
	fmt_num(v, 1, buf, sizeof buf);
	putf(c, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
		"height=\"%d\"><title>",
	     cls, LABEL_W, y, w, height);
	esc(c, tip);
	putf(c, ": %s%%</title></rect><text class=\"val\" x=\"%.1f\" "
		"y=\"%d\">%s</text>\n",
	     buf, LABEL_W + w + 4, y + height - 2, buf);
}

/* Horizontal bars, best first, with the level's figure as a dashed line:
 * who is behind shows at a glance. */
static void chart_units(ctx *c, const char *title, const bar *bars, size_t n,
			int have_ref, double ref, const char *ref_label)
{
	double top = have_ref ? ref : 0;
	for (size_t i = 0; i < n; i++)
		if (bars[i].v > top)
			top = bars[i].v;
	double max = axis_max(top);
	int h = TOP + (int)n * ROW_H + 10;
	chart_open(c, title, h, max);
	for (size_t i = 0; i < n; i++) {
		int y = TOP + (int)i * ROW_H;
		putf(c, "<text class=\"name\" x=\"%d\" y=\"%d\">", LABEL_W - 6,
		     y + 14);
		esc_cut(c, bars[i].name, 26);
		put(c, "</text>");
		chart_bar(c, have_ref && bars[i].v < ref ? "bar low" : "bar",
			  bars[i].name, bars[i].v, max, y + 3, 14);
	}
	if (have_ref) {
		char buf[64];
		double x = LABEL_W + PLOT_W * (ref < 0 ? 0 : ref) / max;
		fmt_num(ref, 1, buf, sizeof buf);
		putf(c, "<line class=\"ref\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
			"y2=\"%d\"><title>",
		     x, TOP - 2, x, h - 8);
		esc(c, ref_label);
		putf(c, ": %s%%</title></line>\n", buf);
	}
	put(c, "</svg>\n");
}

/* Bars per level and in total, this year above the same period of the
 * previous year: for indicators the model has no per-unit figures of
 * (those counting table rows) or where too few units report. */
static void chart_levels(ctx *c, const char *form, const char *ind,
			 const char *title)
{
	enum { GROUP_H = 38, MAX_GROUPS = 16 };
	struct {
		const char *label;
		double v[2];
		int have[2];
	} g[MAX_GROUPS];
	size_t n = 0;
	double top = 0;
	for (size_t i = 0; i <= c->n_levels && n < MAX_GROUPS; i++) {
		const char *lv = i < c->n_levels ? c->levels[i].id : "total";
		g[n].label = i < c->n_levels ? c->levels[i].label
					     : doc_word(c, "total");
		g[n].have[0] = num(c, &g[n].v[0],
				   "aggregate.forms.%s.indicators.%s.%s", form,
				   ind, lv);
		g[n].have[1] = num(c, &g[n].v[1],
				   "aggregate.forms.%s.indicators.%s.previous.%s",
				   form, ind, lv);
		/* A level that sends nothing of the form has no bar. */
		if (!g[n].have[0] && !g[n].have[1])
			continue;
		for (int k = 0; k < 2; k++)
			if (g[n].have[k] && g[n].v[k] > top)
				top = g[n].v[k];
		n++;
	}
	double max = axis_max(top);
	int h = TOP + (int)n * GROUP_H + 10;
	chart_open(c, title, h, max);
	for (size_t i = 0; i < n; i++) {
		int y = TOP + (int)i * GROUP_H;
		putf(c, "<text class=\"name\" x=\"%d\" y=\"%d\">", LABEL_W - 6,
		     y + 20);
		esc(c, g[i].label);
		put(c, "</text>\n");
		for (int k = 0; k < 2; k++) {
			int by = y + 4 + k * 16;
			if (g[i].have[k])
				chart_bar(c, k ? "bar prev" : "bar",
					  word(c, k ? "last_year" : "this_period"),
					  g[i].v[k], max, by, 13);
			else {
				putf(c, "<text class=\"val na\" x=\"%d\" "
					"y=\"%d\">",
				     LABEL_W + 4, by + 11);
				say(c, "no_figures", NULL, 0);
				put(c, "</text>\n");
			}
		}
	}
	put(c, "</svg>\n");
}

/* Whether an indicator has a figure for some level or in total, this
 * year or last. */
static int has_level_figures(ctx *c, const char *form, const char *ind)
{
	double v;
	for (size_t i = 0; i <= c->n_levels; i++) {
		const char *lv = i < c->n_levels ? c->levels[i].id : "total";
		if (num(c, &v, "aggregate.forms.%s.indicators.%s.%s", form, ind,
			lv) ||
		    num(c, &v, "aggregate.forms.%s.indicators.%s.previous.%s",
			form, ind, lv))
			return 1;
	}
	return 0;
}

/* One indicator's chart: per unit of the level where most units have a
 * figure (the communes, for most forms), else per level. */
static void indicator_chart(ctx *c, const char *form, size_t fi, size_t k)
{
	const char *id = get(c, "forms[%zu].indicators[%zu].id", fi, k);
	const char *label = get(c, "forms[%zu].indicators[%zu].label", fi, k);
	const char *num_s = get(c, "forms[%zu].indicators[%zu].num", fi, k);
	const char *den_s = get(c, "forms[%zu].indicators[%zu].den", fi, k);
	expr ne, de;
	if (!id)
		return;
	if (!label)
		label = id;
	int ratio = parse_expr(num_s, &ne) == 0 && parse_expr(den_s, &de) == 0;

	bar *bars = alloc(c, c->n_units + 1, sizeof *bars);
	const unit **nodata = alloc(c, c->n_units + 1, sizeof *nodata);
	if (!bars || !nodata)
		return;
	size_t best = 0, best_n = 0;
	for (size_t l = 0; ratio && l < c->n_levels; l++) {
		size_t got = 0;
		for (size_t i = 0; i < c->n_units; i++) {
			double v;
			if (c->units[i].level &&
			    !strcmp(c->units[i].level, c->levels[l].id) &&
			    unit_ratio(c, &ne, &de, &c->units[i], &v))
				got++;
		}
		if (got >= best_n) { /* ties: the lower level, more units */
			best = l;
			best_n = got;
		}
	}

	if (best_n < 2 && !has_level_figures(c, form, id)) {
		/* Nobody sent the form, this year or last: no chart at all
		 * rather than an empty one. */
		c->api->free(c->h, bars);
		c->api->free(c->h, nodata);
		return;
	}
	put(c, "<figure class=\"fig\"><figcaption>");
	esc(c, label);
	if (best_n < 2) {
		put(c, " <span class=\"unit\">");
		say(c, "by_level", NULL, 0);
		put(c, "</span></figcaption>\n");
		chart_levels(c, form, id, label);
		put(c, "<p class=\"legend\"><span class=\"sw cur\"></span>");
		say(c, "this_period", NULL, 0);
		put(c, " <span class=\"sw prev\"></span>");
		say(c, "last_year", NULL, 0);
		put(c, "</p></figure>\n");
		c->api->free(c->h, bars);
		c->api->free(c->h, nodata);
		return;
	}
	const level *lv = &c->levels[best];
	put(c, " <span class=\"unit\">");
	say(c, "by_unit", SLOTS({"level", lv->label, NULL}));
	put(c, "</span></figcaption>\n");

	/* The units of the level that have a figure, and those expected to
	 * send the form that do not (a unit that is not asked for the form
	 * is not missing from it). */
	size_t n = 0, n_no = 0;
	size_t n_missing = count(c, "aggregate.missing_units.%s", form);
	for (size_t i = 0; i < c->n_units; i++) {
		const unit *u = &c->units[i];
		double v;
		if (!u->level || strcmp(u->level, lv->id))
			continue;
		if (unit_ratio(c, &ne, &de, u, &v)) {
			bars[n++] = (bar){u->name, v, i};
			continue;
		}
		int expected = c->f.sent[u->i];
		for (size_t j = 0; !expected && j < n_missing; j++) {
			const char *m = get(c, "aggregate.missing_units.%s[%zu]",
					    form, j);
			expected = m && !strcmp(m, u->code);
		}
		if (expected)
			nodata[n_no++] = u;
	}
	qsort(bars, n, sizeof *bars, by_value);
	double ref = 0;
	int have_ref = num(c, &ref, "aggregate.forms.%s.indicators.%s.%s",
			   form, id, lv->id);
	chart_units(c, label, bars, n, have_ref, ref, lv->label);
	put(c, "<p class=\"legend\"><span class=\"sw cur\"></span>");
	say(c, "at_or_above", NULL, 0);
	put(c, " <span class=\"sw low\"></span>");
	say(c, "below", NULL, 0);
	if (have_ref) {
		char buf[64];
		fmt_num(ref, 1, buf, sizeof buf);
		put(c, " <span class=\"sw ref\"></span>");
		say(c, "reference",
		    SLOTS({"level", lv->label, NULL}, {"value", buf, NULL}));
	}
	put(c, "</p>\n");
	if (n_no) {
		c->listed = nodata;
		c->n_listed = n_no;
		put(c, "<p class=\"nodata\">");
		say(c, "no_data", SLOTS({"units", NULL, put_listed}));
		put(c, "</p>\n");
	}
	put(c, "</figure>\n");
	c->api->free(c->h, bars);
	c->api->free(c->h, nodata);
}

/* ---- the page ---------------------------------------------------------------- */

static const char STYLE[] =
	"<style>\n"
	":root{--ink:#1d2733;--mute:#5b6775;--line:#d5dbe3;--head:#eef2f7;"
	"--accent:#1f4e79;--good:#2f6f9f;--low:#d9822b;--prev:#b9c4d0}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:#f4f6f9;color:var(--ink);font:14px/1.45 "
	"\"Segoe UI\",\"Noto Sans\",\"DejaVu Sans\",Arial,sans-serif}\n"
	"main{max-width:1180px;margin:0 auto;background:#fff;padding:32px "
	"48px 48px;box-shadow:0 1px 4px rgba(0,0,0,.08)}\n"
	".masthead{display:flex;justify-content:space-between;gap:24px;"
	"text-align:center;font-family:\"Times New Roman\",\"Liberation "
	"Serif\",\"DejaVu Serif\",serif}\n"
	".masthead div{flex:1}.masthead b{display:block;text-transform:"
	"uppercase}.masthead .motto{display:inline-block;border-bottom:1px "
	"solid var(--ink);font-weight:bold}\n"
	".masthead .parent{display:block}.masthead b.body{display:"
	"inline-block}.masthead b.body::after{content:\"\";display:block;"
	"width:40%;margin:3px auto 0;border-top:1px solid var(--ink)}\n"
	".masthead .num{display:block;margin-top:6px;white-space:pre-wrap}"
	".masthead .date{"
	"display:block;font-style:italic;margin-top:10px}\n"
	".doctitle{font:bold 18px/1.35 \"Times New Roman\",\"Liberation "
	"Serif\",\"DejaVu Serif\",serif;text-align:center;margin:0 0 6px}\n"
	".signoff{display:flex;justify-content:space-between;gap:24px;"
	"margin-top:36px;font-family:\"Times New Roman\",\"Liberation "
	"Serif\",\"DejaVu Serif\",serif;break-inside:avoid}\n"
	".signoff .recv{flex:1;font-size:12.5px}.signoff .recv b{font-style:"
	"italic;font-size:14px}.signoff .recv span{display:block}\n"
	".signoff .signer{flex:1;text-align:center;font-weight:bold;"
	"font-size:15px}.signoff .signer span{display:block}"
	".signoff .space{height:84px}\n"
	"h1{font:bold 22px/1.3 \"Times New Roman\",\"Liberation Serif\","
	"\"DejaVu Serif\",serif;text-align:center;margin:28px 0 4px;"
	"text-transform:uppercase}\n"
	".sub{text-align:center;margin:0;color:var(--mute)}\n"
	".sub.period{font-size:17px;color:var(--ink);font-weight:600}\n"
	"h2{font-size:17px;color:var(--accent);border-bottom:2px solid "
	"var(--accent);padding-bottom:4px;margin:36px 0 12px;text-transform:"
	"uppercase}\n"
	"h3{font-size:15px;margin:24px 0 6px;color:var(--accent)}\n"
	"h4{font-size:15px;margin:26px 0 4px}\n"
	".meta{color:var(--mute);margin:0 0 8px}\n"
	".cards{display:grid;grid-template-columns:repeat(7,1fr);gap:10px;"
	"margin:12px 0}\n"
	".card{border:1px solid var(--line);border-radius:6px;padding:10px;"
	"text-align:center}.card .n{display:block;font-size:24px;font-weight:"
	"700}.card .l{color:var(--mute);font-size:12.5px}\n"
	".card.ok .n{color:var(--good)}.card.warn .n{color:var(--low)}"
	".card.bad .n{color:#b3261e}.card.rate{background:var(--head)}\n"
	".stack{display:flex;height:14px;border-radius:7px;overflow:hidden;"
	"margin:6px 0 14px}.stack span{display:block}\n"
	"table{border-collapse:collapse;width:100%;margin:6px 0 10px}\n"
	"th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:"
	"top}\n"
	"th{background:var(--head);font-weight:600;text-align:center}\n"
	"td.n{text-align:right;white-space:nowrap;font-variant-numeric:"
	"tabular-nums}\n"
	"td.c{text-align:center;color:var(--mute);white-space:nowrap}\n"
	"td.t{font-weight:600}\n"
	"tr.cat td{color:var(--mute)}tr.cat td.l{padding-left:28px}\n"
	"tr.sec td{background:var(--head);font-weight:600;color:var(--accent)}"
	"\ntr.ind td{background:#fafbfd}\n"
	".na{color:#9aa5b1}.up{color:#256029}.down{color:#b3261e}"
	".flat{color:var(--mute)}\n"
	".state{display:inline-block;padding:0 8px;border-radius:9px;"
	"font-size:12.5px;white-space:nowrap}\n"
	".s-late{background:#fdecd5}.s-partial{background:#fff4bf}"
	".s-missing{background:#f9d6d3}.s-on_time{background:#dcebf6}\n"
	".charts{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px}\n"
	".fig{margin:8px 0;break-inside:avoid}.fig figcaption{font-weight:"
	"600;margin-bottom:2px}\n"
	".unit{font-weight:normal;color:var(--mute)}\n"
	"svg.chart{width:100%;height:auto;display:block}\n"
	".chart .grid{stroke:#e3e8ee}.chart .tick{fill:var(--mute);"
	"font-size:10px;text-anchor:middle}\n"
	".chart .name{font-size:11.5px;text-anchor:end;fill:var(--ink)}\n"
	".chart .val{font-size:11px;fill:var(--ink)}.chart .val.na{fill:"
	"#9aa5b1}\n"
	".chart .bar{fill:var(--good)}.chart .bar.low{fill:var(--low)}"
	".chart .bar.prev{fill:var(--prev)}\n"
	".chart .ref{stroke:#1d2733;stroke-width:1.5;stroke-dasharray:4 3}\n"
	".legend{font-size:12px;color:var(--mute);margin:2px 0}\n"
	".sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;"
	"vertical-align:-1px;background:var(--good)}.sw.low{background:"
	"var(--low)}.sw.prev{background:var(--prev)}.sw.ref{width:14px;"
	"height:0;border-top:2px dashed #1d2733;background:none;"
	"vertical-align:3px}\n"
	".nodata,.missing{font-size:13px;color:#8a3b12}\n"
	"footer{margin-top:36px;border-top:1px solid var(--line);"
	"padding-top:8px;color:var(--mute);font-size:12.5px}\n"
	"@media print{body{background:#fff}main{box-shadow:none;max-width:"
	"none;padding:0}h2,h3,h4{break-after:avoid}tr{break-inside:avoid}"
	".cards{grid-template-columns:repeat(7,1fr)}}\n"
	"@page{size:A4;margin:16mm 14mm}\n"
	"</style>\n";

/* Each line of the frame's list at document.frame.<key>, escaped, in
 * a span of class cls (none for NULL), or "<br>" between them. */
static void frame_lines(ctx *c, const char *key, const char *cls)
{
	size_t n = count(c, "document.frame.%s", key);
	for (size_t i = 0; i < n; i++) {
		const char *t = get(c, "document.frame.%s[%zu]", key, i);
		if (cls)
			putf(c, "<span class=\"%s\">", cls);
		else if (i)
			put(c, "<br>");
		esc(c, t ? t : "");
		if (cls)
			put(c, "</span>");
	}
}

/* The frame's element key in a tag of class cls, when it has one. */
static void frame_one(ctx *c, const char *key, const char *tag,
		      const char *cls)
{
	const char *t = get(c, "document.frame.%s", key);
	if (!t || !*t)
		return;
	putf(c, "<%s class=\"%s\">", tag, cls);
	esc(c, t);
	putf(c, "</%s>", tag);
}

/* The header block of Nghị định 30 from the frame the host built (ABI
 * 1.2): the bodies, a short rule and the number at the left, the
 * national title, the motto and the place and date at the right; then
 * the document's type and title.  A host without a frame gives the
 * district's name and the page's own title instead. */
static void masthead(ctx *c, const char *district)
{
	int framed = exists(c, "document.frame");
	put(c, "<header class=\"masthead\">\n<div>");
	if (framed) {
		frame_one(c, "parent", "span", "parent");
		put(c, "<b class=\"body\">");
		frame_lines(c, "body", NULL);
		put(c, "</b>");
		frame_one(c, "number", "span", "num");
		frame_one(c, "about", "span", "num");
	} else {
		put(c, "<b>");
		esc(c, district);
		put(c, "</b>");
	}
	put(c, "</div>\n<div><b>");
	esc(c, doc_word(c, "nation"));
	put(c, "</b><span class=\"motto\">");
	esc(c, doc_word(c, "motto"));
	put(c, "</span>");
	if (framed)
		frame_one(c, "place_date", "span", "date");
	put(c, "</div>\n</header>\n");
	if (framed && count(c, "document.frame.title")) {
		frame_one(c, "type", "h1", "doctype");
		put(c, "<p class=\"doctitle\">");
		frame_lines(c, "title", NULL);
		put(c, "</p>\n");
	} else {
		put(c, "<h1>");
		say(c, "title", NULL, 0);
		put(c, "</h1>\n");
	}
}

static void head(ctx *c)
{
	const char *district = get(c, "district.name");
	const char *label = get(c, "period.label");
	put(c, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta "
	       "charset=\"utf-8\">\n<meta name=\"viewport\" "
	       "content=\"width=device-width, initial-scale=1\">\n<title>");
	say(c, "doc_title", NULL, 0);
	put(c, " – ");
	esc(c, label ? label : get(c, "period.period"));
	if (district) {
		put(c, " – ");
		esc(c, district);
	}
	put(c, "</title>\n");
	put(c, STYLE);
	put(c, "</head>\n<body>\n<main>\n");
	masthead(c, district);
	put(c, "<p class=\"sub period\">");
	esc(c, label ? label : get(c, "period.period"));
	put(c, "</p>\n<p class=\"sub\">");
	const char *from = get(c, "period.window.from");
	const char *to = get(c, "period.window.to");
	if (from && to)
		say(c, "window",
		    SLOTS({"from", from, put_date}, {"to", to, put_date}));
	const char *due = get(c, "period.unit_due");
	if (due) {
		put(c, " · ");
		say(c, "due", SLOTS({"date", due, put_date}));
	}
	put(c, "</p>\n");
}

/* The frame's signer block: "Nơi nhận" and its lines at the left; the
 * authority, the signer's title, room to sign and the name at the
 * right.  Nothing from a host without a frame. */
static void signoff(ctx *c)
{
	if (!exists(c, "document.frame"))
		return;
	put(c, "<section class=\"signoff\">\n<div class=\"recv\">");
	frame_one(c, "recipients_head", "b", "head");
	frame_lines(c, "recipients", "line");
	put(c, "</div>\n<div class=\"signer\">");
	frame_lines(c, "authority", "line");
	frame_one(c, "signer_title", "span", "line");
	put(c, "<span class=\"space\"></span>");
	frame_one(c, "signer_name", "span", "line");
	put(c, "</div>\n</section>\n");
}

/* A unit's state as the page says it: wording.html.<state>. */
static const char *state_label(ctx *c, const char *s)
{
	static const char *const states[] = {"on_time", "late", "partial",
					     "missing"};
	for (size_t i = 0; s && i < sizeof states / sizeof *states; i++)
		if (!strcmp(states[i], s))
			return word(c, s);
	return s;
}

/* A form as people call it: the name its rules give ("Biểu số 03"), by
 * its code for a model without names. */
static void put_form(ctx *c, const char *form)
{
	for (size_t i = 0, n = count(c, "forms"); form && i < n; i++) {
		const char *id = get(c, "forms[%zu].id", i),
			   *name = get(c, "forms[%zu].name", i);
		if (id && name && !strcmp(id, form)) {
			esc(c, name);
			return;
		}
	}
	esc_upper(c, form);
}

/* A part a unit owes: the written report, or a form. */
static void put_part(ctx *c, const char *part)
{
	if (part && !strcmp(part, "report"))
		say(c, "report_part", NULL, 0);
	else
		put_form(c, part);
}

/* The value at path of the unit whose status is being written. */
PRINTF(2, 3) static const char *item(ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = vpath(c, fmt, ap);
	va_end(ap);
	return p ? c->api->item_get(c->item, p) : NULL;
}

/* When a unit that sent everything late sent its last late part:
 * received_at strings of one offset compare as times. */
static void late_note(ctx *c)
{
	const char *last = NULL;
	size_t n = c->api->item_count(c->item, "received");
	for (size_t k = 0; k < n; k++) {
		const char *part = c->api->item_key(c->item, "received", k);
		const char *on_time =
			part ? item(c, "received.%s.on_time", part) : NULL;
		const char *at =
			part ? item(c, "received.%s.received_at", part) : NULL;
		if (on_time && !strcmp(on_time, "false") && at &&
		    (!last || strcmp(at, last) > 0))
			last = at;
	}
	if (last)
		say(c, "sent_at", SLOTS({"time", last, put_time}));
}

static void card(ctx *c, const char *cls, const char *path, int rate,
		 const char *label)
{
	double v;
	char buf[64];
	int have = c->api->get_number(c->h, path, &v) == 0;
	if (have)
		fmt_num(v, 1, buf, sizeof buf);
	putf(c, "<div class=\"card %s\"><span class=\"n\">%s%s</span>"
		"<span class=\"l\">",
	     cls, have ? buf : "–", have && rate ? "%" : "");
	say(c, label, NULL, 0);
	put(c, "</span></div>\n");
}

/* The parts of the list at path of c->item, between commas. */
static void put_parts(ctx *c, const char *path)
{
	char base[sizeof c->path];
	snprintf(base, sizeof base, "%s", path);
	size_t m = c->api->item_count(c->item, base);
	for (size_t j = 0; j < m; j++) {
		if (j)
			put(c, ", ");
		put_part(c, item(c, "%s[%zu]", base, j));
	}
}

/* A table's head cell: the ruleset's word key, or a document's word. */
static void th(ctx *c, const char *text)
{
	put(c, "<th>");
	say_text(c, text, NULL, 0);
	put(c, "</th>");
}

static void late_head(ctx *c)
{
	put(c, "<h3>");
	say(c, "late_head", NULL, 0);
	put(c, "</h3>\n<table>\n<tr>");
	th(c, doc_word(c, "seq"));
	th(c, word(c, "unit"));
	th(c, word(c, "state"));
	th(c, word(c, "note"));
	put(c, "</tr>\n");
}

static void status_section(ctx *c)
{
	static const struct {
		const char *key, *color;
	} parts[] = {
		{"on_time", "#2f6f9f"},
		{"late", "#d9822b"},
		{"partial", "#e8c547"},
		{"missing", "#b3261e"},
	};
	double expected = 0;
	put(c, "<h2>");
	say(c, "status_head", NULL, 0);
	put(c, "</h2>\n");
	const char *as_of = get(c, "status.as_of");
	if (as_of) {
		put(c, "<p class=\"meta\">");
		say(c, "as_of", SLOTS({"date", as_of, put_date}));
		put(c, "</p>\n");
	}
	put(c, "<div class=\"cards\">\n");
	card(c, "", "status.summary.expected", 0, "card_expected");
	card(c, "ok", "status.summary.on_time", 0, "card_on_time");
	card(c, "warn", "status.summary.late", 0, "card_late");
	card(c, "warn", "status.summary.partial", 0, "card_partial");
	card(c, "bad", "status.summary.missing", 0, "card_missing");
	card(c, "rate", "status.summary.reporting_rate", 1,
	     "card_reporting_rate");
	card(c, "rate", "status.summary.on_time_rate", 1, "card_on_time_rate");
	put(c, "</div>\n");

	/* The same four numbers as one bar: the share of each state. */
	if (num(c, &expected, "status.summary.expected") && expected > 0) {
		put(c, "<div class=\"stack\" role=\"img\" aria-label=\"");
		say(c, "states", NULL, 0);
		put(c, "\">");
		for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
			double v;
			if (num(c, &v, "status.summary.%s", parts[i].key) &&
			    v > 0) {
				putf(c, "<span style=\"width:%.2f%%;background:"
					"%s\" title=\"",
				     100 * v / expected, parts[i].color);
				esc(c, state_label(c, parts[i].key));
				put(c, "\"></span>");
			}
		}
		put(c, "</div>\n");
	}

	/* Who the chairman has to call: every unit not on time, read a
	 * unit at a time. */
	size_t n = 0, shown = 0;
	int r;
	if (!(c->item = c->api->open_status(c->h))) {
		c->failed = 1;
		return;
	}
	while ((r = c->api->next(c->item)) == 1 && !c->failed) {
		n++;
		const char *state = item(c, "state");
		if (!state || !strcmp(state, "on_time"))
			continue;
		if (!shown++)
			late_head(c);
		const char *code = item(c, "unit");
		const char *name = item(c, "name");
		putf(c, "<tr><td class=\"c\">%zu</td><td>", shown);
		esc(c, name ? name : unit_name(c, code));
		put(c, "</td><td><span class=\"state s-");
		esc(c, state);
		put(c, "\">");
		esc(c, state_label(c, state));
		put(c, "</span></td><td>");
		size_t m = c->api->item_count(c->item, "missing");
		if (m)
			say(c, "lacking", SLOTS({"parts", "missing", put_parts}));
		if (!m)
			late_note(c);
		put(c, "</td></tr>\n");
	}
	c->api->close(c->item);
	c->item = NULL;
	if (r < 0)
		c->failed = 1;
	if (shown)
		put(c, "</table>\n");
	else if (n) {
		put(c, "<p>");
		say(c, "all_on_time", NULL, 0);
		put(c, "</p>\n");
	}
}

static void key_head(ctx *c)
{
	put(c, "<h2>");
	say(c, "key_head", NULL, 0);
	put(c, "</h2>\n<table>\n<tr>");
	th(c, doc_word(c, "seq"));
	th(c, word(c, "form"));
	th(c, word(c, "indicator"));
	th(c, word(c, "this_period_pct"));
	th(c, word(c, "last_year_pct"));
	th(c, word(c, "change_pp"));
	put(c, "</tr>\n");
}

/* The indicators of every form on one table: the page a chairman reads
 * if he reads one. */
static void key_indicators(ctx *c)
{
	size_t nf = count(c, "forms"), row = 0;
	for (size_t i = 0; i < nf; i++) {
		const char *form = get(c, "forms[%zu].id", i);
		size_t ni = count(c, "forms[%zu].indicators", i);
		for (size_t k = 0; form && k < ni; k++) {
			const char *id = get(c, "forms[%zu].indicators[%zu].id",
					     i, k);
			const char *label =
				get(c, "forms[%zu].indicators[%zu].label", i, k);
			if (!id)
				continue;
			if (!row++)
				key_head(c);
			putf(c, "<tr><td class=\"c\">%zu</td><td class=\"c\">",
			     row);
			put_form(c, form);
			put(c, "</td><td>");
			esc(c, label ? label : id);
			put(c, "</td><td class=\"n t\">");
			num_at(c, 1, "aggregate.forms.%s.indicators.%s.total",
			       form, id);
			put(c, "</td><td class=\"n\">");
			num_at(c, 1, "aggregate.forms.%s.indicators.%s"
				     ".previous.total", form, id);
			put(c, "</td><td class=\"n\">");
			change_at(c, 1, "aggregate.forms.%s.indicators.%s"
				     ".change_pp.total", form, id);
			put(c, "</td></tr>\n");
		}
	}
	if (row)
		put(c, "</table>\n");
}

/* The header row of a form's table: the levels, the total, last year. */
static void table_head(ctx *c, const char *what, const char *change)
{
	put(c, "<table>\n<tr>");
	th(c, doc_word(c, "seq"));
	th(c, what);
	th(c, doc_word(c, "uom"));
	for (size_t l = 0; l < c->n_levels; l++) {
		put(c, "<th>");
		esc(c, c->levels[l].label);
		put(c, "</th>");
	}
	th(c, doc_word(c, "total"));
	th(c, word(c, "last_year"));
	th(c, change);
	put(c, "</tr>\n");
}

/* The cells of one figure: per level, total, previous total, change.
 * base is the aggregate's object for the figure; sub a key below each
 * level (a count_by category) or NULL. */
static void figure_cells(ctx *c, const char *base, const char *sub, int dec,
			 const char *change, int judged)
{
	char b[sizeof c->path];
	snprintf(b, sizeof b, "%s", base);
	const char *dot = sub ? "." : "", *s = sub ? sub : "";
	for (size_t l = 0; l < c->n_levels; l++) {
		put(c, "<td class=\"n\">");
		num_at(c, dec, "%s.%s%s%s", b, c->levels[l].id, dot, s);
		put(c, "</td>");
	}
	put(c, "<td class=\"n t\">");
	num_at(c, dec, "%s.total%s%s", b, dot, s);
	put(c, "</td><td class=\"n\">");
	num_at(c, dec, "%s.previous.total%s%s", b, dot, s);
	put(c, "</td><td class=\"n\">");
	if (change)
		change_at(c, judged, "%s.%s.total", b, change);
	else
		put(c, "<span class=\"na\">–</span>");
	put(c, "</td>");
}

static void indicator_rows(ctx *c, const char *form, size_t fi)
{
	size_t n = count(c, "forms[%zu].indicators", fi);
	char base[sizeof c->path];
	if (!n)
		return;
	/* Below the fields, in the same columns: one table per form. */
	putf(c, "<tr class=\"sec\"><td colspan=\"%zu\">", c->n_levels + 6);
	say(c, "indicator_note", NULL, 0);
	put(c, "</td></tr>\n");
	for (size_t k = 0; k < n; k++) {
		const char *id = get(c, "forms[%zu].indicators[%zu].id", fi, k);
		const char *label = get(c, "forms[%zu].indicators[%zu].label",
					fi, k);
		if (!id)
			continue;
		snprintf(base, sizeof base, "aggregate.forms.%s.indicators.%s",
			 form, id);
		putf(c, "<tr class=\"ind\"><td class=\"c\">%zu</td><td>", k + 1);
		esc(c, label ? label : id);
		put(c, "</td><td class=\"c\">%</td>");
		/* An indicator changes in points, not in per cent of itself. */
		figure_cells(c, base, NULL, 1, "change_pp", 1);
		put(c, "</tr>\n");
	}
}

static void form_table(ctx *c, const char *form, size_t fi)
{
	size_t nfield = count(c, "forms[%zu].fields", fi), row = 0;
	char base[sizeof c->path];
	table_head(c, word(c, "field"), word(c, "change_pct"));
	for (size_t j = 0; j < nfield; j++) {
		const char *id = get(c, "forms[%zu].fields[%zu].id", fi, j);
		const char *label = get(c, "forms[%zu].fields[%zu].label", fi, j);
		const char *type = get(c, "forms[%zu].fields[%zu].type", fi, j);
		const char *u = get(c, "forms[%zu].fields[%zu].unit", fi, j);
		const char *method;
		if (!id)
			continue;
		snprintf(base, sizeof base, "aggregate.forms.%s.fields.%s", form,
			 id);
		method = get(c, "%s.method", base);
		putf(c, "<tr><td class=\"c\">%zu</td><td>", ++row);
		esc(c, label ? label : id);
		put(c, "</td><td class=\"c\">");
		if (u)
			esc(c, u);
		else if (type && !strcmp(type, "bool"))
			say(c, "uom_units", NULL, 0);
		else if (method && !strcmp(method, "count_by"))
			say(c, "uom_rows", NULL, 0);
		put(c, "</td>");
		if (!method || strcmp(method, "count_by")) {
			figure_cells(c, base, NULL, 2, "change_pct", 0);
			put(c, "</tr>\n");
			continue;
		}
		/* A table counted by one of its columns: a row per value. */
		const char *by = get(c, "%s.by", base);
		const char *by_label = NULL;
		size_t ncol = count(c, "forms[%zu].fields[%zu].columns", fi, j),
		       bk = 0;
		for (size_t k = 0; by && k < ncol && !by_label; k++) {
			const char *cid = get(c, "forms[%zu].fields[%zu]"
						 ".columns[%zu].id", fi, j, k);
			if (cid && !strcmp(cid, by)) {
				bk = k;
				by_label = get(c, "forms[%zu].fields[%zu]"
						  ".columns[%zu].label", fi, j,
					       k);
			}
		}
		for (size_t l = 0; l < c->n_levels + 3; l++)
			put(c, "<td></td>");
		put(c, "</tr>\n");
		size_t nk = count(c, "%s.total", base);
		for (size_t k = 0; k < nk; k++) {
			const char *cat = key(c, k, "%s.total", base);
			if (!cat)
				continue;
			/* A choice by its label (ABI 1.1); a value the rules
			 * no longer list, as it was stored. */
			const char *shown = get(c, "forms[%zu].fields[%zu]"
						   ".columns[%zu].value_labels.%s",
					       fi, j, bk, cat);
			put(c, "<tr class=\"cat\"><td></td><td class=\"l\">");
			esc(c, by_label ? by_label : by);
			put(c, ": ");
			esc(c, shown ? shown : cat);
			put(c, "</td><td class=\"c\">");
			say(c, "uom_rows", NULL, 0);
			put(c, "</td>");
			figure_cells(c, base, cat, 0, NULL, 0);
			put(c, "</tr>\n");
		}
	}
	indicator_rows(c, form, fi);
	put(c, "</table>\n");
}

/* Whether any unit sent the form this period, or any figure of the same
 * period of the previous year exists. */
static int form_has_figures(ctx *c, const char *form, size_t fi)
{
	double v;
	for (size_t l = 0; l < c->n_levels; l++)
		if (num(c, &v, "aggregate.forms.%s.units.%s", form,
			c->levels[l].id) &&
		    v > 0)
			return 1;
	size_t n = count(c, "forms[%zu].fields", fi);
	for (size_t j = 0; j < n; j++) {
		const char *id = get(c, "forms[%zu].fields[%zu].id", fi, j);
		if (id && (num(c, &v, "aggregate.forms.%s.fields.%s.previous.total",
			       form, id) ||
			   count(c, "aggregate.forms.%s.fields.%s.previous.total",
				 form, id)))
			return 1;
	}
	return 0;
}

/* Whether a level has a count of the units that sent form. */
static int form_units_reported(ctx *c, const char *form)
{
	double v;
	for (size_t l = 0; l < c->n_levels; l++)
		if (num(c, &v, "aggregate.forms.%s.units.%s", form,
			c->levels[l].id))
			return 1;
	return 0;
}

/* "Cấp huyện 10, Cấp xã 20": the units of each level that sent form. */
static void put_counts(ctx *c, const char *form)
{
	size_t shown = 0;
	for (size_t l = 0; l < c->n_levels; l++) {
		double v;
		if (!num(c, &v, "aggregate.forms.%s.units.%s", form,
			 c->levels[l].id))
			continue;
		if (shown++)
			put(c, ", ");
		esc(c, c->levels[l].label);
		put(c, " ");
		put_num(c, 1, v, 0);
	}
}

static void form_section(ctx *c, size_t fi)
{
	const char *form = get(c, "forms[%zu].id", fi);
	const char *title = get(c, "forms[%zu].title", fi);
	const char *owner = get(c, "forms[%zu].owner", fi);
	if (!form)
		return;
	put(c, "<h4 id=\"f-");
	esc(c, form);
	put(c, "\">");
	say(c, "form_heading",
	    SLOTS({"code", form, esc_upper}, {"title", title ? title : form, NULL},
		  {"name", get(c, "forms[%zu].name", fi), NULL}));
	put(c, "</h4>\n<p class=\"meta\">");
	if (owner) {
		say(c, "owner", SLOTS({"owner", owner, NULL}));
		put(c, " ");
	}
	if (form_units_reported(c, form)) {
		char path[128];
		snprintf(path, sizeof path, "%s", form);
		say(c, "units_reported", SLOTS({"counts", path, put_counts}));
	}
	put(c, "</p>\n");
	if (!form_has_figures(c, form, fi)) {
		/* A table of dashes tells nothing a sentence does not. */
		put(c, "<p class=\"missing\">");
		say(c, "form_empty", NULL, 0);
		put(c, "</p>\n");
		return;
	}
	form_table(c, form, fi);
	size_t ni = count(c, "forms[%zu].indicators", fi);
	if (ni && figs_load(c, form, fi) == 0) {
		put(c, "<div class=\"charts\">\n");
		for (size_t k = 0; k < ni && !c->failed; k++)
			indicator_chart(c, form, fi, k);
		put(c, "</div>\n");
	}
	if (ni)
		figs_free(c);
	if (count(c, "aggregate.missing_units.%s", form)) {
		char path[128];
		snprintf(path, sizeof path, "aggregate.missing_units.%s", form);
		put(c, "<p class=\"missing\">");
		say(c, "form_missing", SLOTS({"units", path, put_unit_list}));
		put(c, "</p>\n");
	}
}

/* The forms in the order of the report's outline (each under its
 * section's heading), then any form the outline does not place. */
static void forms_section(ctx *c)
{
	size_t nf = count(c, "forms"), ns = count(c, "outline");
	char *done = alloc(c, nf + 1, 1);
	if (!done)
		return;
	memset(done, 0, nf + 1);
	put(c, "<h2>");
	say(c, "forms_head", NULL, 0);
	put(c, "</h2>\n");
	for (size_t s = 0; s < ns && !c->failed; s++) {
		size_t n = count(c, "outline[%zu].forms", s), heading = 0;
		for (size_t k = 0; k < n; k++) {
			const char *id = get(c, "outline[%zu].forms[%zu]", s, k);
			for (size_t i = 0; id && i < nf; i++) {
				const char *f = get(c, "forms[%zu].id", i);
				if (done[i] || !f || strcmp(f, id))
					continue;
				if (!heading++) {
					const char *sid =
						get(c, "outline[%zu].id", s);
					const char *st =
						get(c, "outline[%zu].title", s);
					put(c, "<h3>");
					esc(c, sid);
					put(c, ". ");
					esc(c, st);
					put(c, "</h3>\n");
				}
				done[i] = 1;
				form_section(c, i);
				break;
			}
		}
	}
	for (size_t i = 0; i < nf && !c->failed; i++)
		if (!done[i])
			form_section(c, i);
	c->api->free(c->h, done);
}

static void footer(ctx *c)
{
	put(c, "<footer>\n");
	if (count(c, "aggregate.estimated_units")) {
		put(c, "<p>");
		say(c, "estimated",
		    SLOTS({"units", "aggregate.estimated_units", put_unit_list}));
		put(c, "</p>\n");
	}
	put(c, "<p>");
	say(c, "footer", SLOTS({"ruleset", get(c, "ruleset"), NULL},
			       {"time", get(c, "generated_at"), put_time}));
	put(c, "</p>\n</footer>\n</main>\n</body>\n</html>\n");
}

static int run(bc_host *h, const bc_host_api *api)
{
	ctx c = {.h = h, .api = api};
	/* A host older than ABI 1.1, which gives the model its words,
	 * refuses this plugin before run(); the check guards against a host
	 * that is not baocao's. */
	if (api->abi_major != BC_PLUGIN_ABI_MAJOR ||
	    api->size < sizeof(bc_host_api)) {
		api->error(h, "incompatible host");
		return 1;
	}
	if (load_units(&c) != 0)
		return 1;
	head(&c);
	status_section(&c);
	key_indicators(&c);
	forms_section(&c);
	signoff(&c);
	footer(&c);
	return c.failed;
}

static const bc_exporter exporter = {
	.abi_major = BC_PLUGIN_ABI_MAJOR,
	.abi_minor = BC_PLUGIN_ABI_MINOR,
	.name = "html",
	.description = "a self-contained HTML report with charts, in Vietnamese",
	.extension = "html",
	.run = run,
};

const bc_exporter *baocao_exporter(void)
{
	return &exporter;
}

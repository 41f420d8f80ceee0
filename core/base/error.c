/* SPDX-License-Identifier: MIT */
#include "error.h"
#include "i18n.h"
#include "mem.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

const char *bc_strerror(bc_err err)
{
	switch (err) {
#define BC_ERR_CASE(code, text)                                               \
	case code:                                                            \
		return _(text);
		BC_ERRORS(BC_ERR_CASE)
#undef BC_ERR_CASE
	}
	return _("unknown error");
}

struct bc_diag_kind {
	size_t first; /* index + 1 of its first diagnostic; 0: empty */
	size_t count; /* how many of the kind, kept or folded */
};

/* FNV-1a of s, with each run of digits read as one '#' when masked. */
static uint64_t hash_text(uint64_t h, const char *s, bool masked)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (masked && isdigit(c)) {
			c = '#';
			while (isdigit((unsigned char)s[1]))
				s++;
		}
		h = (h ^ c) * 0x100000001b3u;
	}
	return (h ^ 0xff) * 0x100000001b3u;
}

static bool same_masked(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (isdigit((unsigned char)*a))
				a++;
			while (isdigit((unsigned char)*b))
				b++;
		} else if (*a++ != *b++)
			return false;
	}
	return *a == *b;
}

/* A field may be a cell written with its row ("van_ban[12].ngay"); file
 * and form are names, their digits count. */
static bool alike(const bc_diag *a, const bc_diag *b)
{
	return a->severity == b->severity && same_masked(a->msg, b->msg) &&
	       same_masked(a->field ? a->field : "", b->field ? b->field : "") &&
	       !strcmp(a->file ? a->file : "", b->file ? b->file : "") &&
	       !strcmp(a->form ? a->form : "", b->form ? b->form : "");
}

static size_t kind_hash(const bc_diag *g)
{
	/* Hashed as alike() compares: a form by its name, so that forms
	 * f1 … f50000 do not all fall on one chain. */
	uint64_t h = hash_text(0xcbf29ce484222325u, g->msg, true);
	h = hash_text(h, g->field, true);
	return (size_t)(hash_text(h, g->form, false) ^ g->severity);
}

/* The slot of g's kind in kinds: its entry, or an empty slot. */
static size_t kind_slot(const struct bc_diag_kind *kinds, size_t mask,
			const bc_diag *v, size_t n, const bc_diag *g)
{
	size_t h = kind_hash(g) & mask;
	for (; kinds[h].first; h = (h + 1) & mask)
		if (kinds[h].first <= n && alike(&v[kinds[h].first - 1], g))
			break;
	return h;
}

/* Makes room for one more kind, indexing those of the list anew when
 * the table grows (their counts start from what is kept). */
static bool kinds_room(bc_diags *d)
{
	size_t size = d->kinds ? d->kinds_mask + 1 : 0;
	if (2 * (d->n_kinds + 1) <= size)
		return true;
	size = size ? 2 * size : 16;
	while (size < 2 * (d->n + 1))
		size *= 2;
	struct bc_diag_kind *k = bc_calloc(size, sizeof *k);
	if (!k)
		return false;
	bc_free(d->kinds);
	d->kinds = k;
	d->kinds_mask = size - 1;
	d->n_kinds = 0;
	for (size_t i = 0; i < d->n; i++) {
		size_t h = kind_slot(k, d->kinds_mask, d->v, d->n, &d->v[i]);
		if (!k[h].first) {
			k[h].first = i + 1;
			d->n_kinds++;
		}
		k[h].count += 1 + d->v[i].more;
	}
	return true;
}

static void diag_free(bc_diag *g)
{
	bc_free(g->file);
	bc_free(g->loc);
	bc_free(g->form);
	bc_free(g->field);
	bc_free(g->msg);
	bc_free(g->text);
	bc_free(g->form_name);
	bc_free(g->label);
	bc_free(g->col);
	bc_free(g->col_label);
	bc_free(g->check);
}

/* Puts g (and what is folded into it), whose strings d now owns, at the
 * end of d, or folds it into the first of its kind when there are
 * BC_DIAGS_ALIKE of that kind already.  Counts are the caller's. */
static void place(bc_diags *d, bc_diag *g)
{
	struct bc_diag_kind *k = NULL;
	if (kinds_room(d)) {
		k = &d->kinds[kind_slot(d->kinds, d->kinds_mask, d->v, d->n, g)];
		if (k->first && k->count >= BC_DIAGS_ALIKE) {
			k->count += 1 + g->more;
			d->v[k->first - 1].more += 1 + g->more;
			diag_free(g);
			return;
		}
	}
	if (bc_grow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v) < 0) {
		d->oom = true;
		diag_free(g);
		return;
	}
	d->v[d->n++] = *g;
	if (k && !k->first) {
		k->first = d->n;
		d->n_kinds++;
	}
	if (k)
		k->count += 1 + g->more;
}

/* A copy of s, NULL for NULL; a copy that failed is said in d. */
static char *copy(bc_diags *d, const char *s)
{
	char *c = bc_strdup(s);
	if (s && !c)
		d->oom = true;
	return c;
}

void bc_diags_put(bc_diags *d, bc_severity sev, const bc_where *w,
		  const char *msg, const char *text)
{
	bc_diag g = {.severity = sev,
		     .line = w->line,
		     .number = w->number,
		     .row = w->row,
		     .col_number = w->col_number};
	g.file = copy(d, w->file);
	g.loc = copy(d, w->loc);
	g.form = copy(d, w->form);
	g.field = copy(d, w->field);
	g.msg = copy(d, msg ? msg : "");
	g.text = text && msg && strcmp(text, msg) ? copy(d, text) : NULL;
	g.form_name = copy(d, w->form_name);
	g.label = copy(d, w->label);
	g.col = copy(d, w->col);
	g.col_label = copy(d, w->col_label);
	g.check = copy(d, w->check);
	if (sev == BC_ERROR)
		d->errors++;
	else
		d->warnings++;
	place(d, &g);
}

void bc_diags_say(bc_diags *d, bc_severity sev, const bc_where *w,
		  const char *fmt, ...)
{
	char msg[1024], text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, _(fmt), ap);
	va_end(ap);
	bc_diags_put(d, sev, w, msg, text);
}

/* Whether fmt reads otherwise in the reader's language (never under C):
 * gettext hands back its argument when it has no translation, and the
 * header of the catalogue for "". */
static bool translated(const char *fmt)
{
	return fmt && *fmt && _(fmt) != fmt;
}

void bc_diags_vadd(bc_diags *d, bc_severity sev, const char *file, int line,
		   const char *loc, const char *form, const char *field,
		   const char *fmt, va_list ap)
{
	char msg[1024], text[1024];
	bool tr = translated(fmt);
	if (tr) {
		va_list again;
		va_copy(again, ap);
		vsnprintf(text, sizeof text, _(fmt), again);
		va_end(again);
	}
	vsnprintf(msg, sizeof msg, fmt, ap);
	bc_where w = {.file = file, .line = line, .loc = loc, .form = form,
		      .field = field};
	bc_diags_put(d, sev, &w, msg, tr ? text : NULL);
}

void bc_diags_add_made(bc_diags *d, bc_severity sev, const char *file,
		       int line, const char *msg, const char *text)
{
	bc_where w = {.file = file, .line = line};
	bc_diags_put(d, sev, &w, msg, text);
}

void bc_diags_add(bc_diags *d, bc_severity sev, const char *file, int line,
		  const char *form, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bc_diags_vadd(d, sev, file, line, NULL, form, field, fmt, ap);
	va_end(ap);
}

void bc_diags_add_at(bc_diags *d, bc_severity sev, const char *file,
		     const char *loc, const char *form, const char *field,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bc_diags_vadd(d, sev, file, 0, loc, form, field, fmt, ap);
	va_end(ap);
}

bool bc_said_vmake(bc_said *s, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	size_t n = (size_t)vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	size_t t = (size_t)vsnprintf(s->text, sizeof s->text, _(fmt), again);
	va_end(again);
	return n < sizeof s->msg && t < sizeof s->text;
}

bool bc_said_make(bc_said *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool whole = bc_said_vmake(s, fmt, ap);
	va_end(ap);
	return whole;
}

void bc_said_cat(bc_said *s, const char *sep, const char *piece)
{
	size_t n = strlen(s->msg), t = strlen(s->text);
	snprintf(s->msg + n, sizeof s->msg - n, "%s%s", sep, piece);
	snprintf(s->text + t, sizeof s->text - t, "%s%s", sep,
		 *piece ? _(piece) : piece);
}

void bc_said_catf(bc_said *s, const char *fmt, ...)
{
	bc_said more;
	va_list ap;
	va_start(ap, fmt);
	bc_said_vmake(&more, fmt, ap);
	va_end(ap);
	size_t n = strlen(s->msg), t = strlen(s->text);
	snprintf(s->msg + n, sizeof s->msg - n, "%s", more.msg);
	snprintf(s->text + t, sizeof s->text - t, "%s", more.text);
}

const char *bc_diag_message(const bc_diag *dg)
{
	return dg->text ? dg->text : dg->msg;
}

void bc_diags_move(bc_diags *dst, bc_diags *src)
{
	for (size_t i = 0; i < src->n; i++)
		place(dst, &src->v[i]);
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	dst->oom |= src->oom;
	bc_free(src->v);
	bc_free(src->kinds);
	*src = (bc_diags)BC_DIAGS_INIT;
}

void bc_diags_drop_warnings(bc_diags *d)
{
	size_t o = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity == BC_ERROR)
			d->v[o++] = d->v[i];
		else
			diag_free(&d->v[i]);
	}
	d->n = o;
	d->warnings = 0;
}

void bc_diags_fold(bc_diags *d)
{
	size_t size = 16;
	while (size < 2 * (d->n + 1))
		size *= 2;
	struct bc_diag_kind *k = bc_calloc(size, sizeof *k);
	size_t *slot = bc_malloc((d->n + 1) * sizeof *slot);
	for (size_t i = 0; k && slot && i < d->n; i++) {
		size_t h = slot[i] = kind_slot(k, size - 1, d->v, d->n, &d->v[i]);
		if (!k[h].first)
			k[h].first = i + 1;
		k[h].count += 1 + d->v[i].more;
	}
	size_t o = 0;
	for (size_t i = 0; k && slot && i < d->n; i++) {
		const struct bc_diag_kind *t = &k[slot[i]];
		if (t->count <= BC_DIAGS_ALIKE || t->first == i + 1) {
			if (t->count > BC_DIAGS_ALIKE)
				d->v[i].more = t->count - 1;
			d->v[o++] = d->v[i];
		} else
			diag_free(&d->v[i]);
	}
	if (k && slot) {
		d->n = o;
		/* Indices have moved: the list's own index starts again. */
		bc_free(d->kinds);
		d->kinds = NULL;
		d->n_kinds = 0;
	}
	bc_free(k);
	bc_free(slot);
}

void bc_diags_free(bc_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		diag_free(&d->v[i]);
	bc_free(d->v);
	bc_free(d->kinds);
	*d = (bc_diags)BC_DIAGS_INIT;
}

/* n with its thousands apart, as in "8 912 344". */
static const char *grouped(size_t n, char out[32])
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%zu", n), o = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}

/* Text appended to a buffer, cut at its end. */
typedef struct out {
	char *s;
	size_t n, o;
} out;

static void put(out *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out *b, const char *fmt, ...)
{
	if (b->o + 1 >= b->n)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(b->s + b->o, b->n - b->o, fmt, ap);
	va_end(ap);
	if (k > 0)
		b->o = b->o + (size_t)k < b->n ? b->o + (size_t)k : b->n - 1;
}

/* The words around what is said are English, or the reader's. */
#define T(s) (local ? _(s) : (s))

/* A form's value as a person finds it on the form: the form's name, a
 * table's row and column or the field, each by its number and label. */
static void about_value(out *b, const bc_diag *dg, bool local)
{
	const char *msg = local && dg->text ? dg->text : dg->msg;
	put(b, "%s", dg->form_name);
	if (dg->row) {
		put(b, ", ");
		put(b, T(N_("table \"%s\"")), dg->label ? dg->label : dg->field);
		put(b, ", ");
		put(b, T(N_("row %d")), dg->row);
	}
	const char *what = dg->row ? dg->col_label : dg->label,
		   *id = dg->row ? dg->col : dg->field;
	int no = dg->row ? dg->col_number : dg->number;
	if (id && no && dg->row) {
		put(b, ", ");
		put(b, T(N_("column (%d) \"%s\"")), no, what ? what : id);
	} else if (id && no) {
		put(b, ", ");
		put(b, T(N_("column [%d] \"%s\"")), no, what ? what : id);
	} else if (id) {
		put(b, what ? ", \"%s\"" : ", %s", what ? what : id);
	}
	/* "… [9] "Tổng số" = 390, but …": a check goes on from its field. */
	put(b, "%s", msg && !strncmp(msg, "= ", 2) ? " " : ": ");
}

/* "form.field: ", the ids every message begins with (docs/cli.md: a
 * script finds the problem by them); a table's row and column too when
 * nothing names them the way a person reads them. */
static void about_ids(out *b, const bc_diag *dg, bool local, bool row)
{
	if (dg->form)
		put(b, "%s%s%s: ", dg->form, dg->field ? "." : "",
		    dg->field ? dg->field : "");
	else if (dg->field)
		put(b, "%s: ", dg->field);
	if (row && dg->row) {
		put(b, T(N_("row %d")), dg->row);
		put(b, "%s%s: ", dg->col ? ", " : "", dg->col ? dg->col : "");
	}
}

static char *render(const bc_diag *dg, bool local)
{
	char text[4096] = "", count[32];
	out b = {text, sizeof text, 0};
	bool cell = dg->loc && strchr(dg->loc, '!');
	if (dg->file && dg->line > 0)
		put(&b, "%s:%d: ", dg->file, dg->line);
	else if (dg->file)
		put(&b, "%s: ", dg->file);
	if (dg->loc && !cell && !(dg->file && dg->line > 0))
		put(&b, "%s: ", dg->loc);
	bool named = dg->form_name && dg->form;
	about_ids(&b, dg, local, !named);
	if (dg->severity == BC_WARNING)
		put(&b, "%s", T(N_("warning: ")));
	if (named)
		about_value(&b, dg, local);
	put(&b, "%s", local && dg->text ? dg->text : dg->msg ? dg->msg : "");
	if (cell)
		put(&b, T(N_(" — cell %s")), dg->loc);
	if (dg->more && dg->line > 0)
		put(&b, local ? P_(" (and %s more line like it)",
				   " (and %s more lines like it)", dg->more)
			      : dg->more == 1 ? " (and %s more line like it)"
					      : " (and %s more lines like it)",
		    grouped(dg->more, count));
	else if (dg->more)
		put(&b, local ? P_(" (and %s more place like it)",
				   " (and %s more places like it)", dg->more)
			      : dg->more == 1 ? " (and %s more place like it)"
					      : " (and %s more places like it)",
		    grouped(dg->more, count));
	return bc_strdup(text);
}

char *bc_diag_format(const bc_diag *dg)
{
	return render(dg, true);
}

char *bc_diag_format_neutral(const bc_diag *dg)
{
	return render(dg, false);
}

/* SPDX-License-Identifier: MIT */
#include "validate.h"
#include "derived.h"
#include "i18n.h"
#include "mem.h"
#include "rename.h"
#include "text.h"
#include "unit.h"
#include "vndoc.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


typedef struct vctx {
	bc_store *st;
	const bc_submission *s;
	bc_checked *c;
	bc_diags *d;
	const bc_ruleset *rs; /* NULL until the period is known */
	char **refused;       /* forms already refused, said once each */
	size_t n_refused;
	bc_rulebook *rb;
	/* Last year's values of each unit this one continues (itself, or
	 * those merged into it: last_from), read with the first form, and
	 * the rules they were sent under. */
	struct continued *last_from;
	bc_numbers *last;
	bool last_read;
	const bc_ruleset *last_rs;
	/* The periods just before this one (carry), with their rules and
	 * the units this one continues then, read with the first carry. */
	char before[4][24];
	const bc_ruleset *before_rs[4];
	struct continued *before_from[4];
	size_t n_before;
	bool before_read, carry_split_said;
	const bc_form *owed_last; /* the form owed_form found last */
	size_t part_last;         /* the part part_for found last, + 1 */
	int receipt_line;         /* where the receipt time was read */
	const char *receipt_loc;
	bc_budget patterns; /* the rules' one budget for this submission */
	/* The values by key (form, field, row, column): indices + 1, open
	 * addressing, built by check_duplicates for given(). */
	size_t *keys, keys_mask;
	bc_err rc;
} vctx;

/* Where something was read: a line, or a cell. */
typedef struct place {
	int line;
	const char *loc;
} place;

static place at(const bc_val *v)
{
	return v ? (place){v->line, v->loc} : (place){0, NULL};
}

static place at_attr(const bc_attr *a)
{
	return (place){a->line, a->loc};
}

static void note_rc(vctx *x, bc_err rc)
{
	if (rc != BC_OK && x->rc == BC_OK)
		x->rc = rc;
}

/* A message twice: in English (JSON, what is kept) and in the reader's
 * language, formatted from one English format marked N_(). */
typedef struct words {
	char en[768], local[768];
} words;

static void wordsv(words *w, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	vsnprintf(w->en, sizeof w->en, fmt, ap);
	vsnprintf(w->local, sizeof w->local, _(fmt), again);
	va_end(again);
}

static void put_words(words *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void put_words(words *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wordsv(w, fmt, ap);
	va_end(ap);
}

/* What a message is about: the submission (all NULL), a form, one of
 * its fields, a table's row or cell; a check.  Named in the message by
 * what the unit reads on its form, in JSON by the ids. */
typedef struct about {
	const bc_form *form;
	const char *form_id; /* a form id the rules do not know */
	const bc_field *field;
	const char *field_id; /* a field the form does not have */
	int row;
	const bc_field *col;
	const char *col_id;
	const char *check;
} about;

#define NOTHING ((about){0})

static about of_form(const bc_form *f)
{
	return (about){.form = f};
}

static about of_field(const bc_form *f, const bc_field *fd)
{
	return (about){.form = f, .field = fd};
}

static about of_cell(const bc_form *f, const bc_field *t, int row,
		     const bc_field *col)
{
	return (about){.form = f, .field = t, .row = row, .col = col};
}

static bc_where where_of(const vctx *x, place w, const about *a)
{
	const bc_form *f = a->form;
	const bc_field *fd = a->field, *col = a->col;
	bc_where r = {.file = x->s->file, .line = w.loc ? 0 : w.line,
		      .loc = w.loc, .row = a->row, .check = a->check};
	r.form = f ? f->id : a->form_id;
	r.form_name = f ? f->name : NULL;
	r.field = fd ? fd->id : a->field_id;
	r.label = fd ? fd->label : NULL;
	if (f && fd && !a->row)
		r.number = bc_field_number(f, (size_t)(fd - f->fields),
					   x->c->level);
	r.col = col ? col->id : a->col_id;
	r.col_label = col ? col->label : NULL;
	if (fd && col)
		r.col_number = bc_column_number((size_t)(col - fd->columns));
	return r;
}

static void tell(vctx *x, bc_diags *d, bc_severity sev, place w,
		 const about *a, const words *m)
{
	bc_where at = where_of(x, w, a);
	bc_diags_put(d, sev, &at, m->en, m->local);
}

static void fail_words(vctx *x, place w, about a, const words *m)
{
	tell(x, x->d, BC_ERROR, w, &a, m);
}

static void fail(vctx *x, place w, about a, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void fail(vctx *x, place w, about a, const char *fmt, ...)
{
	words m;
	va_list ap;
	va_start(ap, fmt);
	wordsv(&m, fmt, ap);
	va_end(ap);
	fail_words(x, w, a, &m);
}

/* A warning, printed (d) and kept with the part's revision. */
static void warn_words(vctx *x, bc_part *p, place w, about a,
		       const words *m)
{
	tell(x, x->d, BC_WARNING, w, &a, m);
	tell(x, p ? &p->notes : &x->c->warnings, BC_WARNING, w, &a, m);
}

static void warn(vctx *x, bc_part *p, place w, about a, const char *fmt,
		 ...) __attribute__((format(printf, 5, 6)));
static void warn(vctx *x, bc_part *p, place w, about a, const char *fmt,
		 ...)
{
	words m;
	va_list ap;
	va_start(ap, fmt);
	wordsv(&m, fmt, ap);
	va_end(ap);
	warn_words(x, p, w, a, &m);
}

static place line_at(int line)
{
	return (place){line, NULL};
}

/* ---- the envelope ---------------------------------------------------- */

static const char *attr_text(const bc_attr *a)
{
	const char *t = a->text;
	while (t && isspace((unsigned char)*t))
		t++;
	return t && *t ? a->text : NULL;
}

static void check_unit(vctx *x)
{
	const bc_attr *u = &x->s->unit;
	if (!attr_text(u)) {
		fail(x, line_at(x->s->line), NOTHING,
		     N_("no unit: a submission names the unit that sends "
			"it"));
		return;
	}
	/* The unit as the period sees it; without a period, as it last
	 * was, to say at least whether it exists. */
	const bc_period *p = x->rs ? &x->c->period : NULL;
	bc_err rc = p ? bc_unit_get_as_of(x->st, u->text, p->to, &x->c->unit,
					  x->d)
		      : bc_unit_latest(x->st, u->text, &x->c->unit, x->d);
	bc_said why = {0};
	if (rc == BC_ERR_NOT_FOUND && p)
		rc = bc_unit_absent(x->st, u->text, p->code, p->to, &why, x->d);
	else if (rc == BC_ERR_NOT_FOUND)
		bc_said_make(&why, N_("unknown unit '%s' (see 'baocao units "
				      "list')"),
			     u->text);
	if (*why.msg) {
		words m;
		snprintf(m.en, sizeof m.en, "%.700s", why.msg);
		snprintf(m.local, sizeof m.local, "%.700s", why.text);
		fail_words(x, at_attr(u), NOTHING, &m);
		bc_unit_free(&x->c->unit);
	} else {
		note_rc(x, rc);
	}
}

/* No unit sends a derived period: its figures are its parts'. */
static void refuse_derived(vctx *x, const bc_attr *p)
{
	char parts[256];
	bc_period_parts_text(&x->c->period, parts, sizeof parts);
	fail(x, at_attr(p), NOTHING,
	     N_("%s is computed from other periods (%s) and nothing is sent "
		"for it: send the reports of those periods"),
	     x->c->period.code, parts);
}

static void check_period(vctx *x, bc_rulebook *rb)
{
	const bc_attr *p = &x->s->period;
	if (!attr_text(p)) {
		fail(x, line_at(x->s->line), NOTHING,
		     N_("no period: a submission names its period "
			"(2023-Q1)"));
		return;
	}
	bc_diags why = BC_DIAGS_INIT;
	bc_err rc = bc_period_get(x->st, rb, p->text, &x->c->period, &why);
	if (rc == BC_ERR_SYNTAX || rc == BC_ERR_NOT_FOUND) {
		words m;
		put_words(&m, N_("unknown period '%s'"), p->text);
		if (why.n) /* the period's own words, in both languages */
			snprintf(m.en, sizeof m.en, "%s", why.v[0].msg),
			snprintf(m.local, sizeof m.local, "%s",
				 why.v[0].text ? why.v[0].text : why.v[0].msg);
		fail_words(x, at_attr(p), NOTHING, &m);
	}
	else if (rc == BC_OK && x->c->period.derived)
		refuse_derived(x, p);
	else if (rc == BC_OK)
		x->rs = x->c->period.rs;
	else {
		bc_diags_move(x->d, &why);
		note_rc(x, rc);
	}
	bc_diags_free(&why);
}

/* A workbook made from a template says which rules it was made from;
 * if the period's rules have changed since, its cells may no longer
 * mean what the rules now say. */
static void check_template_rules(vctx *x)
{
	const bc_attr *id = &x->s->ruleset, *hash = &x->s->ruleset_hash;
	if (!id->text && !hash->text)
		return;
	if (!id->text || !hash->text || strcmp(id->text, x->rs->id) ||
	    strcmp(hash->text, x->rs->hash))
		fail(x, (place){0, hash->loc ? hash->loc : id->loc}, NOTHING,
		     N_("this workbook was made from ruleset %s (version "
			"%.12s); %s is governed by %s (version %.12s) now: "
			"fill a new template ('baocao template')"),
		     id->text ? id->text : "?", hash->text ? hash->text : "?",
		     x->c->period.code, x->rs->id, x->rs->hash);
}

static void check_owed(vctx *x)
{
	bc_checked *c = x->c;
	const bc_unit_kind *k = bc_ruleset_kind(x->rs, c->unit.kind);
	c->level = k ? k->level : NULL;
	note_rc(x, bc_owed_for(&c->period, c->unit.kind, c->unit.roles,
			       c->unit.n_roles, &c->owed));
	if (x->rc == BC_OK && !c->owed.n_parts)
		fail(x, at_attr(&x->s->unit), NOTHING,
		     N_("unit '%s' owes nothing for %s under %s"), c->unit.code,
		     c->period.code, x->rs->id);
}

static void check_signer(vctx *x)
{
	const bc_submission *s = x->s;
	bc_checked *c = x->c;
	const bc_attr *missing = !attr_text(&s->signer_name) ? &s->signer_name
				 : !attr_text(&s->signer_title) ? &s->signer_title
								 : NULL;
	place w = {missing && missing->line ? missing->line : s->line,
		   missing ? missing->loc : NULL};
	if (missing == &s->signer_name)
		fail(x, w, NOTHING,
		     N_("no signer's name: the head of the unit signs and "
			"answers for the figures (name and title)"));
	else if (missing)
		fail(x, w, NOTHING,
		     N_("no signer's title: the head of the unit signs and "
			"answers for the figures (name and title)"));
	c->signer_name = s->signer_name.text;
	c->signer_title = s->signer_title.text;
	c->signed_date = attr_text(&s->signed_date);
	bc_date day;
	if (c->signed_date && !bc_date_parse(c->signed_date, &day))
		fail(x, at_attr(&s->signed_date), NOTHING,
		     N_("signed date '%s' is not a date YYYY-MM-DD"),
		     c->signed_date);
}

/* Why a receipt time is no time the period's report can have come at,
 * in both languages; true when it can. */
static bool plausible(bc_time at, bc_time now, const bc_period *p,
		      int offset, words *why)
{
	char when[BC_TIME_BUF], other[BC_TIME_BUF];
	bc_time_format(at, offset, when);
	if (at > now + BC_RECEIPT_SKEW) {
		bc_time_format(now, offset, other);
		put_words(why, N_("received %s is later than now (%s): a "
				  "typing mistake? Give the time the file "
				  "came"),
			  when, other);
		return false;
	}
	if (p && bc_time_date(at, offset) < p->from) {
		bc_date_format(p->from, other);
		put_words(why, N_("received %s is before period %s began "
				  "(%s): a typing mistake? Give the time the "
				  "file came"),
			  when, p->code, other);
		return false;
	}
	return true;
}

bool bc_receipt_plausible(bc_time at, bc_time now, const bc_period *p,
			  int offset, char *why, size_t n)
{
	words w;
	if (plausible(at, now, p, offset, &w))
		return true;
	snprintf(why, n, "%s", w.local);
	return false;
}

/* The receipt time read is one a unit can have sent the period's report
 * at (see bc_receipt_plausible); the time of import always is. */
static void check_plausible(vctx *x, const bc_import_opts *o)
{
	words why;
	const bc_checked *c = x->c;
	const bc_period *p = x->rs ? &c->period : NULL;
	int offset = x->rs ? x->rs->directive.utc_offset : o->tz_offset;
	if (!c->received_default &&
	    !plausible(c->received_at, bc_store_now(x->st), p, offset, &why))
		fail_words(x, (place){x->receipt_line, x->receipt_loc},
			   NOTHING, &why);
}

static void check_receipt(vctx *x, const bc_import_opts *o)
{
	const bc_submission *s = x->s;
	bc_checked *c = x->c;
	const char *at = o->received_at ? o->received_at
					: attr_text(&s->received_at);
	x->receipt_line = o->received_at ? 0 : s->received_at.line;
	x->receipt_loc = o->received_at ? "--received-at" : s->received_at.loc;
	if (!at) {
		c->received_at = bc_store_now(x->st);
		c->offset = o->tz_offset;
		c->received_default = true;
	} else if (!bc_time_parse(at, o->tz_offset, &c->received_at,
				  &c->offset)) {
		fail(x, (place){x->receipt_line, x->receipt_loc}, NOTHING,
		     N_("received_at '%s' is not a date or a timestamp "
			"(2023-02-26T09:30:00+07:00)"),
		     at);
	} else {
		check_plausible(x, o);
	}
	c->channel = o->channel ? o->channel : attr_text(&s->channel);
	if (!c->channel)
		c->channel = BC_CHANNEL_FILE;
	if (x->rs && strcmp(c->channel, BC_CHANNEL_FILE) != 0 &&
	    !bc_ruleset_channel(x->rs, c->channel)) {
		char list[256] = BC_CHANNEL_FILE;
		for (size_t i = 0; i < x->rs->n_channels; i++) {
			strncat(list, ", ", sizeof list - strlen(list) - 1);
			strncat(list, x->rs->channels[i].id,
				sizeof list - strlen(list) - 1);
		}
		fail(x,
		     (place){o->channel ? 0 : s->channel.line,
			     o->channel ? "--channel" : s->channel.loc},
		     NOTHING, N_("unknown channel '%s' (%s)"), c->channel,
		     list);
	}
	const char *e = attr_text(&s->estimated);
	c->estimated = e && (!strcmp(e, "true") || !strcmp(e, "1"));
	if (e && !c->estimated && strcmp(e, "false") && strcmp(e, "0"))
		fail(x, at_attr(&s->estimated), NOTHING,
		     N_("estimated is true or false, not '%s'"), e);
}

/* ---- text a clerk types ------------------------------------------------ */

/* What a raw value is about, by the rules' names where they know it. */
static about of_raw(const vctx *x, const char *form, const char *field,
		    int row, const char *col)
{
	about a = {.form_id = form, .field_id = field, .row = row,
		   .col_id = col};
	const bc_form *f = x->rs && form ? bc_ruleset_form(x->rs, form) : NULL;
	int fi = f && field ? bc_form_field(f, field)
			    : -1;
	if (fi < 0)
		return a;
	const bc_field *fd = &f->fields[fi];
	int ci = row && col ? bc_table_column(fd, col)
			    : -1;
	if (row && col && ci < 0)
		return a;
	a.form = f;
	a.field = fd;
	a.col = ci >= 0 ? &fd->columns[ci] : NULL;
	return a;
}

/* A control character is nothing a clerk types, and a terminal acts on
 * it (ESC): refused in every text, once per value.  Tabs and line breaks
 * are a narrative's and a table text's own (lines). */
static void say_control(vctx *x, unsigned c, place w, about a)
{
	fail(x, w, a,
	     N_("U+%04X, a control character, which no one types and a "
		"terminal acts on: remove it"),
	     c);
}

static void refuse_control(vctx *x, const char *text, bool lines, place w,
			   about a)
{
	unsigned c = text ? bc_utf8_first_control(text, lines) : 0;
	if (c)
		say_control(x, c, w, a);
}

static void check_controls(vctx *x)
{
	const bc_submission *s = x->s;
	const struct {
		const char *field;
		const bc_attr *a;
	} attrs[] = {{"signer_name", &s->signer_name},
		     {"signer_title", &s->signer_title},
		     {"signed_date", &s->signed_date},
		     {"received_at", &s->received_at},
		     {"channel", &s->channel},
		     {"estimated", &s->estimated}};
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
		refuse_control(x, attrs[i].a->text, false,
			       (place){attrs[i].a->line ? attrs[i].a->line
							: s->line,
				       attrs[i].a->loc},
			       (about){.form_id = BC_FORM_META,
				       .field_id = attrs[i].field});
	/* What a value is about is looked up only for one refused. */
	for (size_t i = 0; i < s->n; i++) {
		const bc_raw *r = &s->v[i];
		unsigned c = r->text ? bc_utf8_first_control(r->text, true) : 0;
		if (c)
			say_control(x, c, (place){r->line, r->loc},
				    of_raw(x, r->form, r->field, r->row,
					   r->col));
	}
}

/* ---- values ------------------------------------------------------------ */

static bc_part *part_for(vctx *x, const char *part, const bc_form *form)
{
	bc_checked *c = x->c;
	/* Values come a form at a time: the part of the last one first. */
	if (x->part_last && x->part_last <= c->n_parts &&
	    strcmp(c->parts[x->part_last - 1].part, part) == 0)
		return &c->parts[x->part_last - 1];
	for (size_t i = 0; i < c->n_parts; i++)
		if (strcmp(c->parts[i].part, part) == 0) {
			x->part_last = i + 1;
			return &c->parts[i];
		}
	bc_part *v = bc_realloc(c->parts, (c->n_parts + 1) * sizeof *v);
	if (!v) {
		note_rc(x, BC_ERR_NOMEM);
		return NULL;
	}
	c->parts = v;
	/* A form counts as received once it has a value (drop_empty); the
	 * report only once every section owed has text (finish_report). */
	v[c->n_parts] = (bc_part){.part = part, .form = form,
				  .complete = form != NULL};
	x->part_last = ++c->n_parts;
	return &v[c->n_parts - 1];
}

static bool refused_before(vctx *x, const char *form)
{
	for (size_t i = 0; i < x->n_refused; i++)
		if (strcmp(x->refused[i], form) == 0)
			return true;
	char **v = bc_realloc(x->refused, (x->n_refused + 1) * sizeof *v);
	if (!v || !(v[x->n_refused] = bc_strdup(form))) {
		if (v)
			x->refused = v;
		note_rc(x, BC_ERR_NOMEM);
		return true;
	}
	x->refused = v;
	x->n_refused++;
	return false;
}

/* The form of a raw value, if the unit may send it; NULL after saying
 * why not (once per form). */
static const bc_form *owed_form(vctx *x, const char *id, int line,
				const char *loc)
{
	/* Values come a form at a time: the form of the last one first. */
	if (x->owed_last && !strcmp(x->owed_last->id, id))
		return x->owed_last;
	const bc_form *f = bc_ruleset_form(x->rs, id);
	if (f && bc_owed_part(&x->c->owed, id))
		return x->owed_last = f;
	if (refused_before(x, id))
		return NULL;
	place w = {line, loc};
	if (!f)
		fail(x, w, (about){.form_id = id}, N_("no such form in %s"),
		     x->rs->id);
	else
		fail(x, w, of_form(f),
		     N_("unit '%s' does not owe this form for %s"),
		     x->c->unit.code, x->c->period.code);
	return NULL;
}

/* The largest count or amount: 10^15 (no district counts or spends that
 * far).  An amount is kept in hundredths in 64 bits, which hold 92 of
 * the largest; sums past that are refused where they are made. */
static const bc_dec NUM_MAX = {1000000000000000, 0};
#define TOO_LARGE N_("%s: too large (at most 1 000 000 000 000 000)")
/* A percentage is kept as a double, which gives back every number of
 * up to 15 significant digits as it was written. */
#define PCT_DIGITS 15

static bool check_number(const bc_field *f, const bc_raw *r, bc_dec *num,
			 words *why)
{
	/* Digits with an optional fraction ("12", "12.50", "-3"); a number
	 * written as a JSON or spreadsheet number may have an exponent. */
	bc_dec_read rd = r->kind == BC_RAW_BOOL
				 ? BC_DEC_NOT_NUMBER
				 : bc_dec_parse(r->text, r->kind == BC_RAW_NUM,
						num);
	if (rd == BC_DEC_NOT_NUMBER) {
		put_words(why, N_("'%s' is not a number (digits, '.' before "
				 "decimals, no grouping)"), r->text);
		return false;
	}
	if (rd == BC_DEC_TOO_LONG) {
		put_words(why, fabs(strtod(r->text, NULL)) > 1e15
					 ? TOO_LARGE
					 : N_("%s: more digits than a number is "
					      "kept with exactly (18)"),
			 r->text);
		return false;
	}
	if (num->v < 0 && f->type != BC_T_PCT) {
		put_words(why, N_("%s: cannot be negative"), r->text);
		return false;
	}
	if (f->type != BC_T_PCT && bc_dec_cmp(*num, NUM_MAX) > 0) {
		put_words(why, TOO_LARGE, r->text);
		return false;
	}
	if (f->type == BC_T_INT && num->scale > 0) {
		put_words(why, N_("%s: a count is a whole number"), r->text);
		return false;
	}
	if (f->type == BC_T_MONEY && num->scale > 2) {
		put_words(why, N_("%s: money takes at most 2 decimals (it is "
				 "never rounded)"), r->text);
		return false;
	}
	if (f->type == BC_T_PCT &&
	    (num->v < 0 || bc_dec_cmp(*num, bc_dec_int(100)) > 0)) {
		put_words(why, N_("%s: a percentage is between 0 and 100"),
			 r->text);
		return false;
	}
	if (f->type == BC_T_PCT && bc_dec_digits(*num) > PCT_DIGITS) {
		put_words(why, N_("%s: a percentage has at most %d significant "
				 "digits (it is never rounded)"), r->text,
			 PCT_DIGITS);
		return false;
	}
	return true;
}

/*
 * A number typed as text in a spreadsheet, with Vietnamese separators:
 * "1.204" (thousands), "12,5" (decimal), "1.204,5".  Read as meant, or
 * refused when it could be read two ways — never silently misread.
 * Writes plain digits into out; false with a reason in why.
 */
static bool local_number(const char *s, char *out, size_t n, words *why)
{
	const char *dot = strchr(s, '.'), *comma = strchr(s, ',');
	const char *last_dot = strrchr(s, '.'), *last_comma = strrchr(s, ',');
	size_t o = 0;
	char dec = 0, group = 0;
	if (dot && comma)
		dec = last_comma > last_dot ? ',' : '.',
		group = dec == ',' ? '.' : ',';
	else if (comma && comma == last_comma)
		dec = ','; /* one comma: the Vietnamese decimal mark */
	else if (comma || dot)
		group = comma ? ',' : '.';
	for (const char *p = s; *p && o + 2 < n; p++) {
		if (*p == ' ' || (unsigned char)*p == 0xC2) /* spaces, NBSP */
			continue;
		if ((unsigned char)*p == 0xA0)
			continue;
		if (*p == group) {
			/* A group mark is followed by exactly three digits. */
			const char *q = p + 1;
			int k = 0;
			while (isdigit((unsigned char)q[k]))
				k++;
			if (k != 3) {
				put_words(why, N_("'%s' can be read two ways: "
						  "type the number without "
						  "separators"),
					 s);
				return false;
			}
			continue;
		}
		out[o++] = *p == dec ? '.' : *p;
	}
	out[o] = '\0';
	if (strlen(s) >= n) {
		put_words(why, N_("'%.20s…' is too long for a number"), s);
		return false;
	}
	return true;
}

/* A date typed as text in a spreadsheet: 2023-02-10 or 10/02/2023. */
static bool local_date(const char *s, bc_date *day)
{
	int d, m, y, k = 0;
	if (bc_date_parse(s, day))
		return true;
	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &k) != 3 || s[k] ||
	    !bc_ymd_valid(y, m, d))
		return false;
	*day = bc_date_from_ymd(y, m, d);
	return true;
}

/*
 * A number as a spreadsheet writes a cell's double.  Its digits past the
 * 15 that Excel keeps and shows are binary noise: 12.339999999999998 is
 * the 12.34 typed (or computed).  Kept as written when it has no more
 * digits, or when the field takes it as it is (a program wrote
 * 12345678901234.56); otherwise a count or an amount is the value with
 * the field's decimals that the double stands for, when the double tells
 * that value from its neighbours, and anything else what Excel shows.
 */
static bool sheet_number(const bc_field *f, const bc_raw *r, bc_raw *norm,
			 char *buf, size_t n, words *why)
{
	bc_dec d;
	char fixed[BC_DEC_BUF];
	int decimals = f->type == BC_T_MONEY ? 2 : f->type == BC_T_INT ? 0 : -1;
	if (bc_dec_parse(r->text, true, &d) != BC_DEC_OK ||
	    bc_dec_digits(d) <= 15 || (decimals >= 0 && d.scale <= decimals))
		return true;
	double x = strtod(r->text, NULL);
	double ulp = nextafter(fabs(x), INFINITY) - fabs(x);
	if (decimals < 0) {
		snprintf(buf, n, "%.15g", x);
	} else {
		bc_dec_text_fixed(d, decimals, fixed);
		/* The double stands for one value when it has two digits to
		 * spare past the field's last decimal, and is that value's
		 * but for eight units in its last place (what a sum of a
		 * few rounded terms drifts by). */
		if (ulp * 100 > pow(10, -decimals) ||
		    fabs(strtod(fixed, NULL) - x) > 8 * ulp) {
			put_words(why, N_("%s: more digits than a spreadsheet "
					  "keeps (15) and more decimals than "
					  "the field takes (%d): type it as "
					  "text"), r->text, decimals);
			return false;
		}
		snprintf(buf, n, "%s", fixed);
	}
	norm->text = buf;
	return true;
}

/* The spreadsheet's way of writing a value, made the formats' way. */
static bool from_sheet(const bc_field *f, const bc_raw *r, bc_raw *norm,
		       char *buf, size_t n, words *why)
{
	*norm = *r;
	if (!r->sheet_dates || !r->text)
		return true;
	if (f->type == BC_T_DATE) {
		bc_date day;
		bool ok = r->kind == BC_RAW_NUM
				  ? bc_date_from_serial(r->text,
							r->sheet_dates == 1904,
							&day)
				  : local_date(r->text, &day);
		if (!ok) {
			put_words(why, N_("'%s' is not a date (dd/mm/yyyy)"),
				 r->text);
			return false;
		}
		bc_date_format(day, buf);
		norm->text = buf;
		norm->kind = BC_RAW_TEXT;
	} else if (f->type == BC_T_BOOL && r->kind == BC_RAW_TEXT) {
		bool yes;
		if (bc_vndoc_bool_parse(r->text, &yes))
			norm->text = yes ? "true" : "false";
		else if (!strcasecmp(r->text, "true"))
			norm->text = "true";
		else if (!strcasecmp(r->text, "false"))
			norm->text = "false";
	} else if ((f->type == BC_T_INT || f->type == BC_T_MONEY ||
		    f->type == BC_T_PCT) &&
		   r->kind == BC_RAW_TEXT) {
		if (!local_number(r->text, buf, n, why))
			return false;
		norm->text = buf;
	} else if (r->kind == BC_RAW_NUM) {
		return sheet_number(f, r, norm, buf, n, why);
	}
	return true;
}

/* Checks a raw value against its field's type; fills num/text (text
 * may point into buf, which the caller provides). */
static bool typed(const bc_field *f, const bc_raw *raw, char *buf,
		  size_t bufn, bool *has_num, bc_dec *num, const char **text,
		  words *why)
{
	bc_date day;
	bc_raw norm;
	const bc_raw *r = &norm;
	int choice;
	if (!from_sheet(f, raw, &norm, buf, bufn, why))
		return false;
	*has_num = false;
	*text = NULL;
	switch (f->type) {
	case BC_T_INT:
	case BC_T_MONEY:
	case BC_T_PCT:
		*has_num = true;
		return check_number(f, r, num, why);
	case BC_T_DATE:
		if (!bc_date_parse(r->text, &day)) {
			put_words(why, N_("'%s' is not a date YYYY-MM-DD"),
				 r->text);
			return false;
		}
		*has_num = true;
		*num = bc_dec_int(day);
		*text = r->text;
		return true;
	case BC_T_BOOL:
		if (!strcmp(r->text, "true") || !strcmp(r->text, "1"))
			*num = bc_dec_int(1);
		else if (!strcmp(r->text, "false") || !strcmp(r->text, "0"))
			*num = bc_dec_int(0);
		else {
			put_words(why, N_("'%s' is not true or false"), r->text);
			return false;
		}
		*has_num = true;
		return true;
	case BC_T_ENUM:
		if ((choice = bc_field_choice(f, r->text)) >= 0) {
			*text = f->values[choice];
			return true;
		}
		/* The labels, as a person types them on the form. */
		char list[1024] = "";
		for (size_t i = 0, o = 0; i < f->n_values && o < sizeof list;
		     i++)
			o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
					      i ? "; " : "",
					      f->value_labels[i]);
		put_words(why, N_("'%s' is not one of: %s"), r->text, list);
		return false;
	case BC_T_TEXT:
		*text = r->text;
		return true;
	case BC_T_TABLE:
		put_words(why, N_("a table takes rows, not a single value"));
		return false;
	}
	return false;
}

/* Value r of field f, or of a table t's column f, typed into part p. */
static void add_typed(vctx *x, bc_part *p, const bc_field *t,
		      const bc_field *f, const bc_raw *r)
{
	bool has_num;
	bc_dec num = {0};
	const char *text;
	char buf[128];
	words why;
	if (!typed(f, r, buf, sizeof buf, &has_num, &num, &text, &why)) {
		fail_words(x, (place){r->line, r->loc},
			   t ? of_cell(p->form, t, r->row, f)
			     : of_field(p->form, f),
			   &why);
		return;
	}
	note_rc(x, bc_part_add(p, t ? t->id : f->id, r->row, t ? f->id : NULL,
			       has_num ? &num : NULL, text, r->line, r->loc));
}

static void check_form_value(vctx *x, const bc_raw *r)
{
	const bc_form *form = owed_form(x, r->form, r->line, r->loc);
	if (!form)
		return;
	int fi = bc_form_field(form, r->field);
	const bc_field *f = fi >= 0 ? &form->fields[fi] : NULL;
	place w = {r->line, r->loc};
	if (!f) {
		fail(x, w, (about){.form = form, .field_id = r->field},
		     N_("the form has no such field"));
		return;
	}
	if (!bc_field_asked(f, x->c->level)) {
		fail(x, w, of_field(form, f),
		     N_("asked only of level %s, not of this unit"), f->level);
		return;
	}
	bc_part *p = part_for(x, form->id, form);
	if (!p || r->kind == BC_RAW_NULL)
		return;
	if (f->type != BC_T_TABLE) {
		if (r->row || r->kind == BC_RAW_EMPTY)
			fail(x, w, of_field(form, f),
			     N_("not a table: it takes one value"));
		else
			add_typed(x, p, NULL, f, r);
		return;
	}
	if (!r->row) {
		if (r->kind != BC_RAW_EMPTY)
			fail(x, w, of_field(form, f),
			     N_("a table takes rows (or [] for none)"));
		return;
	}
	int ci = bc_table_column(f, r->col);
	if (ci < 0) {
		fail(x, w, of_cell(form, f, r->row, NULL),
		     N_("the table has no column '%s'"), r->col);
		return;
	}
	if (r->row > BC_TABLE_MAX_ROWS) {
		fail(x, w, of_field(form, f), N_("more than %d rows"),
		     BC_TABLE_MAX_ROWS);
		return;
	}
	add_typed(x, p, f, &f->columns[ci], r);
}

static void check_section(vctx *x, const bc_raw *r)
{
	place w = {r->line, r->loc};
	about a = {.form_id = BC_PART_REPORT, .field_id = r->field};
	if (r->row || r->col) {
		fail(x, w, a, N_("a report section takes one text, not rows"));
		return;
	}
	const bc_section *sec = bc_ruleset_section(x->rs, r->field);
	if (!sec) {
		fail(x, w, a, N_("no such section in the outline of %s"),
		     x->rs->id);
		return;
	}
	if (!bc_owed_may_write(&x->c->owed, sec->id)) {
		if (x->c->owed.n_sections)
			fail(x, w, a,
			     N_("another unit's section: unit '%s' writes the "
				"sections it owes"),
			     x->c->unit.code);
		else
			fail(x, w, a,
			     N_("another unit's section: unit '%s' writes no "
				"report"),
			     x->c->unit.code);
		return;
	}
	if (r->kind == BC_RAW_NULL || !r->text || !*r->text)
		return;
	bc_part *p = part_for(x, BC_PART_REPORT, NULL);
	if (p)
		note_rc(x, bc_part_add(p, sec->id, 0, NULL, NULL, r->text,
				       r->line, r->loc));
}

/* Refuses a value given twice (possible in CSV; JSON refuses duplicate
 * keys itself). */
static int cmp_raw(const void *a, const void *b)
{
	const bc_raw *x = *(const bc_raw *const *)a, *y = *(const bc_raw *const *)b;
	int c = strcmp(x->form, y->form);
	if (!c)
		c = strcmp(x->field, y->field);
	if (!c)
		c = (x->row > y->row) - (x->row < y->row);
	if (!c)
		c = strcmp(x->col ? x->col : "", y->col ? y->col : "");
	if (!c)
		c = (x->line > y->line) - (x->line < y->line);
	return c;
}

static bool same_key(const bc_raw *a, const bc_raw *b)
{
	return a->row == b->row && !strcmp(a->field, b->field) &&
	       !strcmp(a->form, b->form) &&
	       !strcmp(a->col ? a->col : "", b->col ? b->col : "");
}

static uint64_t hash_key(const bc_raw *r)
{
	uint64_t h = bc_hash_text(BC_HASH_SEED, r->form);
	h = bc_hash_text(h, r->field);
	h = bc_hash_text(h, r->col);
	return (h ^ (uint32_t)r->row) * 0x100000001b3u;
}

/* Which values share their key with another: a hash table of the
 * values' indices, open addressing.  dup[i] set for each; false when
 * none does. */
static bool find_shared(const bc_submission *s, size_t *slot, size_t mask,
			bool *dup)
{
	bool any = false;
	for (size_t i = 0; i < s->n; i++) {
		size_t h = (size_t)hash_key(&s->v[i]) & mask;
		while (slot[h] && !same_key(&s->v[slot[h] - 1], &s->v[i]))
			h = (h + 1) & mask;
		if (slot[h]) {
			dup[slot[h] - 1] = dup[i] = any = true;
		} else
			slot[h] = i + 1;
	}
	return any;
}

/* The values that share a key, in the order of cmp_raw: each after the
 * first of its key is refused, naming the line before it. */
static void say_duplicates(vctx *x, const bool *dup)
{
	const bc_submission *s = x->s;
	const bc_raw **v = bc_malloc((s->n + 1) * sizeof *v);
	size_t n = 0;
	if (!v) {
		note_rc(x, BC_ERR_NOMEM);
		return;
	}
	for (size_t i = 0; i < s->n; i++)
		if (dup[i])
			v[n++] = &s->v[i];
	qsort(v, n, sizeof *v, cmp_raw);
	for (size_t i = 1; i < n; i++)
		if (same_key(v[i - 1], v[i]))
			fail(x, (place){v[i]->line, v[i]->loc},
			     of_raw(x, v[i]->form, v[i]->field, v[i]->row,
				    v[i]->col),
			     N_("given twice (first on line %d)"),
			     v[i - 1]->line);
	bc_free(v);
}

/* Hashing finds the keys given twice without sorting every value; the
 * few found are sorted to be reported as before. */
static void check_duplicates(vctx *x)
{
	const bc_submission *s = x->s;
	size_t size = 16;
	while (size < 2 * s->n)
		size *= 2;
	x->keys = bc_calloc(size, sizeof *x->keys);
	x->keys_mask = size - 1;
	bool *dup = bc_calloc(s->n + 1, sizeof *dup);
	if (!x->keys || !dup)
		note_rc(x, BC_ERR_NOMEM);
	else if (find_shared(s, x->keys, size - 1, dup))
		say_duplicates(x, dup);
	bc_free(dup);
}

/* ---- whole forms --------------------------------------------------------- */

typedef struct lookup {
	const bc_part *p;
	int row; /* table row, or 0 for the form's plain fields */
	const bc_field *fields;
	size_t n;
	const char *level; /* the unit's, which numbers the fields */
	bool local;        /* dates as a person reads them */
} lookup;

static bool value_of(void *ud, int ref, bc_dec *v)
{
	const lookup *l = ud;
	const char *id = l->fields[ref].id;
	for (size_t i = 0; i < l->p->n; i++) {
		const bc_val *x = &l->p->v[i];
		bool hit = l->row ? x->row == l->row && x->col &&
					    !strcmp(x->col, id)
				  : !x->row && !strcmp(x->field, id);
		if (hit && x->has_num) {
			*v = x->num;
			return true;
		}
	}
	return false;
}

static bool show_value(void *ud, int ref, bc_dec v, char *buf, size_t n)
{
	const lookup *l = ud;
	if (l->fields[ref].type != BC_T_DATE || n < BC_DATE_BUF)
		return false;
	if (l->local)
		bc_date_format_dmy((bc_date)v.v, buf);
	else
		bc_date_format((bc_date)v.v, buf);
	return true;
}

/* A field as the unit's sheet numbers it: "[9]", or a table's column
 * "(4)"; false for one the sheet does not show. */
static bool name_value(void *ud, int ref, char *buf, size_t n)
{
	const lookup *l = ud;
	int no = l->row ? bc_column_number((size_t)ref)
			: bc_field_number(l->p->form, (size_t)ref, l->level);
	if (no && l->row)
		snprintf(buf, n, "(%d)", no);
	else if (no)
		snprintf(buf, n, "[%d]", no);
	return no > 0;
}

/* Where a table's values are in a part, found in one pass instead of a
 * scan of the part for every cell: the first value of each row, and of
 * each (row, column), in the part's order. */
typedef struct table_index {
	int rows;
	size_t n_cols;
	const bc_val **first; /* [rows + 2] */
	const bc_val **cells; /* [(rows + 1) * n_cols] */
} table_index;

static bc_err index_table(table_index *ix, const bc_part *p,
			  const bc_field *t)
{
	*ix = (table_index){.n_cols = t->n_columns};
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].field, t->id) && p->v[i].row > ix->rows)
			ix->rows = p->v[i].row;
	ix->first = bc_calloc((size_t)ix->rows + 2, sizeof *ix->first);
	ix->cells = bc_calloc(((size_t)ix->rows + 1) * ix->n_cols + 1,
			      sizeof *ix->cells);
	if (!ix->first || !ix->cells)
		return BC_ERR_NOMEM;
	for (size_t i = 0; i < p->n; i++) {
		const bc_val *v = &p->v[i];
		if (v->row < 1 || strcmp(v->field, t->id))
			continue;
		if (!ix->first[v->row])
			ix->first[v->row] = v;
		int c = v->col ? bc_table_column(t, v->col)
			       : -1;
		if (c < 0)
			continue;
		const bc_val **at = &ix->cells[(size_t)v->row * ix->n_cols +
					       (size_t)c];
		if (!*at)
			*at = v;
	}
	return BC_OK;
}

static void table_index_free(table_index *ix)
{
	bc_free(ix->first);
	bc_free(ix->cells);
}

/* The value of column col (an index in the table's columns) in row. */
static const bc_val *cell(const table_index *ix, int row, int col)
{
	return ix->cells[(size_t)row * ix->n_cols + (size_t)col];
}

static bool when_holds(const bc_whens *w, const table_index *ix, int row)
{
	for (size_t i = 0; i < w->n; i++) {
		if (w->v[i].col < 0)
			return false;
		const bc_val *v = cell(ix, row, w->v[i].col);
		bool any = false;
		for (size_t k = 0; v && v->text && k < w->v[i].n_values; k++)
			any |= !strcmp(v->text, w->v[i].values[k]);
		if (!any)
			return false;
	}
	return true;
}

/* Why check k fails, in one language: the rules' own words first. */
static void explain(const bc_check *k, lookup *l, int self, bool local,
		    char *out, size_t n)
{
	bc_explain how = {.value = value_of, .show = show_value,
			  .name = name_value, .ud = l, .self = self,
			  .local = local};
	l->local = local;
	char *why = bc_cond_explain(&k->cond, &how);
	snprintf(out, n, "%s%s%s", k->message ? k->message : "",
		 k->message ? ": " : "", why ? why : k->text);
	bc_free(why);
}

/* Check k of part p, on row l->row of table t or on the form's fields;
 * said at w, about field (an index in the form's fields, or -1). */
static void run_check(vctx *x, bc_part *p, const bc_check *k, lookup *l,
		      place w, const bc_field *t, int field)
{
	if (bc_cond_eval(&k->cond, value_of, l) != 0)
		return;
	const bc_form *f = p->form;
	about a = t ? of_cell(f, t, l->row, NULL)
		  : field >= 0 ? of_field(f, &f->fields[field])
			       : of_form(f);
	a.check = k->text;
	/* "[9] "Tổng số" = 390, but …" when the field is the left side. */
	int self = t || k->message ? -1 : field;
	words m;
	explain(k, l, self, false, m.en, sizeof m.en);
	explain(k, l, self, true, m.local, sizeof m.local);
	if (k->severity == BC_ERROR)
		fail_words(x, w, a, &m);
	else
		warn_words(x, p, w, a, &m);
}

/* Longest text a column's pattern is matched against: a document
 * number, not a book. */
#define PATTERN_TEXT_MAX 1024

/* A Lua pattern, run in the ruleset's sandbox.  When the rules fail the
 * error blames them, once, and the submission is not judged on it. */
static bool pattern_ok(vctx *x, const bc_field *col, const char *text)
{
	if (strlen(text) > PATTERN_TEXT_MAX)
		return false;
	if (x->rc != BC_OK)
		return true;
	bool match = true;
	note_rc(x, bc_ruleset_match(x->rs, col, text, &x->patterns, &match,
				    x->d));
	return match || x->rc != BC_OK;
}

/* What the file has for (field, row, col), col NULL for a plain field:
 * a value, or a cell of a workbook left blank (BC_RAW_NULL); NULL. */
static const bc_raw *raw_at(const vctx *x, const char *form,
			    const char *field, int row, const char *col)
{
	bc_raw key = {.form = (char *)form, .field = (char *)field,
		      .row = row, .col = (char *)col};
	size_t h = (size_t)hash_key(&key) & x->keys_mask;
	for (; x->keys && x->keys[h]; h = (h + 1) & x->keys_mask) {
		const bc_raw *r = &x->s->v[x->keys[h] - 1];
		if (same_key(r, &key) && (r->col != NULL) == (col != NULL))
			return r;
	}
	return NULL;
}

/* Whether the file gave a value for (field, row, col): given but
 * refused, it has its own message. */
static bool given(const vctx *x, const char *form, const char *field,
		  int row, const char *col)
{
	const bc_raw *r = raw_at(x, form, field, row, col);
	return r && r->kind != BC_RAW_NULL;
}

static void check_cell(vctx *x, bc_part *p, const bc_field *t,
		       const table_index *ix, int c, int row, place w)
{
	const bc_field *col = &t->columns[c];
	const bc_val *v = cell(ix, row, c);
	about a = of_cell(p->form, t, row, col);
	bool needed = col->required ||
		      (col->required_when.n &&
		       when_holds(&col->required_when, ix, row));
	if (!v || (!v->has_num && (!v->text || !*v->text))) {
		/* A value that was given but refused has its own message;
		 * a workbook's cell left blank is said at that cell. */
		const bc_raw *r = raw_at(x, p->form->id, t->id, row, col->id);
		if (needed && !(r && r->kind != BC_RAW_NULL))
			fail(x, r ? (place){r->line, r->loc} : w, a,
			     N_("required"));
		return;
	}
	if (col->pattern && v->text && !pattern_ok(x, col, v->text))
		fail(x, at(v), a, N_("'%s' does not look like %s"), v->text,
		     col->example ? col->example : col->pattern);
	if (col->in_window_warn && col->type == BC_T_DATE &&
	    (v->num.v < x->c->period.from || v->num.v > x->c->period.to))
		warn(x, p, at(v), a,
		     N_("%s is outside the period's data window"), v->text);
}

static void check_table(vctx *x, bc_part *p, const bc_field *t)
{
	table_index ix;
	if (index_table(&ix, p, t) != BC_OK) {
		note_rc(x, BC_ERR_NOMEM);
		table_index_free(&ix);
		return;
	}
	/* A missing row is said where the next row present is (the last
	 * row is present): found once for a run of missing rows. */
	int next = 0;
	for (int r = 1; r <= ix.rows; r++) {
		place w = at(ix.first[r]);
		if (!ix.first[r]) {
			for (next = next > r ? next : r + 1; !ix.first[next];)
				next++;
			place there = at(ix.first[next]);
			fail(x, there, of_field(p->form, t),
			     N_("rows are numbered 1, 2, 3 … and row %d is "
				"missing"),
			     r);
			continue;
		}
		for (size_t c = 0; c < t->n_columns; c++)
			check_cell(x, p, t, &ix, (int)c, r, w);
		lookup l = {p, r, t->columns, t->n_columns, x->c->level, false};
		for (size_t k = 0; k < t->n_row_checks; k++) {
			const bc_check *ck = &t->row_checks[k];
			if (when_holds(&ck->when, &ix, r))
				run_check(x, p, ck, &l, w, t, -1);
		}
	}
	table_index_free(&ix);
}

/* The table's row count, stored as its row-0 value, marks that the table
 * was reported, rows or none. */
static void mark_tables(vctx *x, bc_part *p, const bc_raw *raws, size_t n)
{
	const bc_form *form = p->form;
	for (size_t i = 0; i < form->n_fields; i++) {
		const bc_field *t = &form->fields[i];
		if (t->type != BC_T_TABLE)
			continue;
		int rows = 0;
		const bc_raw *first = NULL;
		bool empty = false;
		for (size_t k = 0; k < n; k++)
			if (!strcmp(raws[k].form, form->id) &&
			    !strcmp(raws[k].field, t->id)) {
				empty |= raws[k].kind == BC_RAW_EMPTY;
				first = first ? first : &raws[k];
				if (raws[k].row > rows)
					rows = raws[k].row;
			}
		if (empty && rows)
			fail(x, (place){first->line, first->loc},
			     of_field(form, t),
			     N_("both empty ([]) and with rows"));
		bc_dec count = bc_dec_int(rows);
		if (first)
			note_rc(x, bc_part_add(p, t->id, 0, NULL, &count, NULL,
					       first->line, first->loc));
	}
}

static const bc_val *field_val(const bc_part *p, const char *field)
{
	for (size_t i = 0; i < p->n; i++)
		if (!p->v[i].row && !strcmp(p->v[i].field, field))
			return &p->v[i];
	return NULL;
}

/* The rules of period code as recorded (or as they would be) and the
 * last day of its window, or NULL when no ruleset governs it; a failing
 * database is noted. */
static const bc_ruleset *rules_of(vctx *x, const char *code, bc_date *to)
{
	bc_period pp;
	bc_diags ignore = BC_DIAGS_INIT;
	bc_err rc = bc_period_get(x->st, x->rb, code, &pp, &ignore);
	const bc_ruleset *rs = rc == BC_OK ? pp.rs : NULL;
	if (rc == BC_OK) {
		*to = pp.to;
		bc_period_free(&pp);
	} else if (rc != BC_ERR_NOT_FOUND && rc != BC_ERR_SYNTAX) {
		bc_diags_move(x->d, &ignore);
		note_rc(x, rc);
	}
	bc_diags_free(&ignore);
	return rs;
}

/* Whose figures of an earlier period the unit continues (unit.h's
 * lineage): itself, or the units merged into it, by name for messages
 * ("" when it is itself); split when one of them was divided, and then
 * nothing is compared. */
typedef struct continued {
	bc_lineage lin;
	char names[512];
	bool merged;
} continued;

/* The lineage of the unit back to earlier, the last day of an earlier
 * period's window; NULL when memory runs out (noted). */
static continued *continued_of(vctx *x, bc_date earlier)
{
	continued *c = bc_calloc(1, sizeof *c);
	if (!c) {
		note_rc(x, BC_ERR_NOMEM);
		return NULL;
	}
	bc_err rc = bc_unit_lineage(x->st, x->c->unit.code, x->c->period.to,
				    earlier, &c->lin, x->d);
	if (rc != BC_ERR_NOT_FOUND) /* none then: nothing to compare */
		note_rc(x, rc);
	c->merged = c->lin.n_from > 1 ||
		    (c->lin.n_from == 1 && c->lin.from_ids[0] != x->c->unit.id);
	size_t o = 0;
	for (size_t i = 0; (c->merged || c->lin.split) && i < c->lin.n_from &&
			   o < sizeof c->names;
	     i++) {
		bc_unit u;
		bool named = bc_unit_get_as_of(x->st, c->lin.from[i], earlier, &u,
					       x->d) == BC_OK;
		o += (size_t)snprintf(c->names + o, sizeof c->names - o, "%s%s",
				      i ? ", " : "",
				      named ? u.name : c->lin.from[i]);
		if (named)
			bc_unit_free(&u);
	}
	return c;
}

static void continued_free(continued *c)
{
	if (c)
		bc_lineage_free(&c->lin);
	bc_free(c);
}

/* Whether the values of several units may be added for a comparison:
 * counts and amounts; one unit's value of any number stands alone. */
static bool addable(const bc_field *f, size_t units)
{
	return units == 1 || f->type == BC_T_INT || f->type == BC_T_MONEY;
}

/* Says once, on part p, that the figures of period code are not
 * compared: a unit the unit continues was split. */
static void say_split(vctx *x, bc_part *p, const continued *c,
		      const char *code)
{
	warn(x, p, at(p->n ? &p->v[0] : NULL), of_form(p->form),
	     N_("not compared with %s: one of the units whose figures this "
		"unit continues (%s) was split among several units, so its "
		"figures cannot be laid on this one"),
	     code, c->names);
}

/* The unit's value of this ruleset's form.field in the report for the
 * period just before (the first of them with a report of the form by
 * the units it continues, under whatever the form and the field were
 * called then, rename.h; added over the units merged into it), its
 * period in code; *cont the lineage then, when there is such a report.
 * False when there is no value. */
static bool carried(vctx *x, const bc_form *form, const bc_field *field,
		    bc_dec *num, char code[24], const continued **cont)
{
	if (!x->before_read) {
		x->before_read = true;
		note_rc(x, bc_revision_periods_before(
				   x->st, x->c->period.from, x->before,
				   sizeof x->before / sizeof *x->before,
				   &x->n_before, x->d));
		for (size_t i = 0; i < x->n_before; i++) {
			bc_date to = BC_DATE_NONE;
			x->before_rs[i] = rules_of(x, x->before[i], &to);
			if (x->before_rs[i])
				x->before_from[i] = continued_of(x, to);
		}
	}
	for (size_t i = 0; i < x->n_before && x->rc == BC_OK; i++) {
		const bc_form *ft = bc_form_then(x->rs, form, x->before_rs[i]);
		const bc_field *fd = bc_field_then(field, ft);
		const continued *c = x->before_from[i];
		bool any = false, all = c && c->lin.n_from;
		*num = (bc_dec){0};
		for (size_t k = 0; ft && c && k < c->lin.n_from; k++) {
			bool held = false, found = false;
			bc_dec v;
			note_rc(x, bc_revision_previous(
					   x->st, c->lin.from_ids[k], ft->id,
					   fd ? fd->id : NULL, x->before[i], &v,
					   &held, &found, x->d));
			any |= held;
			all = all && found && bc_dec_add(*num, v, num);
		}
		if (!any)
			continue;
		snprintf(code, 24, "%s", x->before[i]);
		*cont = c;
		return all && addable(field, c->lin.n_from);
	}
	return false;
}

static void check_carries(vctx *x, bc_part *p)
{
	const bc_form *form = p->form;
	lookup l = {p, 0, form->fields, form->n_fields, x->c->level, false};
	for (size_t i = 0; i < form->n_carries; i++) {
		const bc_carry *c = &form->carries[i];
		const continued *cont = NULL;
		bc_dec v, prev;
		char code[24];
		if (c->field < 0 || c->from < 0 || !value_of(&l, c->field, &v))
			continue;
		bool found = carried(x, form, &form->fields[c->from], &prev,
				     code, &cont);
		if (cont && cont->lin.split && !x->carry_split_said) {
			x->carry_split_said = true;
			say_split(x, p, cont, code);
		}
		if (!found || cont->lin.split || !bc_dec_cmp(v, prev))
			continue;
		char a[BC_DEC_BUF], b[BC_DEC_BUF], from[32];
		bc_dec_local(v, a);
		bc_dec_local(prev, b);
		if (!name_value(&l, c->from, from, sizeof from))
			snprintf(from, sizeof from, "%.31s",
				 form->fields[c->from].id);
		place w = at(field_val(p, form->fields[c->field].id));
		about of = of_field(form, &form->fields[c->field]);
		if (cont->merged)
			warn(x, p, w, of,
			     N_("= %s, but %s of the reports of %s for %s add "
				"up to %s"),
			     a, from, cont->names, code, b);
		else
			warn(x, p, w, of,
			     N_("= %s, but %s of the report for %s = %s"), a,
			     from, code, b);
	}
}

/* Last year's code for the period; false for an ad-hoc one. */
static bool last_year_code(const bc_period *per, char *code, size_t n)
{
	if (per->adhoc_no)
		return false;
	snprintf(code, n, "%04u-%s", (unsigned)(per->year - 1) % 10000u,
		 per->type);
	return true;
}

/* Reads last year's values of the units this one continues, and the
 * rules they were sent under (only when there are some: most imports
 * have none to read). */
static void read_last_year(vctx *x, const char *code)
{
	bc_date to;
	bool recorded = false;
	note_rc(x, bc_revision_period_to(x->st, code, &to, &recorded, x->d));
	if (!recorded || !(x->last_from = continued_of(x, to)))
		return;
	size_t n = x->last_from->lin.n_from;
	bool any = false;
	if (n && !(x->last = bc_calloc(n, sizeof *x->last)))
		note_rc(x, BC_ERR_NOMEM);
	for (size_t i = 0; x->last && i < n && x->rc == BC_OK; i++) {
		note_rc(x, bc_revision_numbers(x->st,
					       x->last_from->lin.from_ids[i],
					       code, &x->last[i], x->d));
		any |= x->last[i].n > 0;
	}
	if (any)
		x->last_rs = rules_of(x, code, &to);
}

/* The value last year of field fi of form f, under whatever the form
 * and the field were called then (rename.h), of the unit or added over
 * the units merged into it (each must have one), into *v; false when
 * there is none. */
static bool last_year_value(vctx *x, const bc_form *f, int fi, bc_dec *v)
{
	const bc_form *ft = bc_form_then(x->rs, f, x->last_rs);
	const bc_field *fd = bc_field_then(&f->fields[fi], ft);
	size_t n = x->last ? x->last_from->lin.n_from : 0;
	bc_dec one;
	*v = (bc_dec){0};
	if (!fd || !n || x->last_from->lin.split ||
	    !addable(&f->fields[fi], n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!bc_numbers_get(&x->last[i], ft->id, fd->id, &one) ||
		    !bc_dec_add(*v, one, v))
			return false;
	return true;
}

/* A value more than 3x, or less than a third of, the same unit's value
 * for the same period a year before.  Last year's values of every form
 * are read once, with the first form checked. */
static void check_last_year(vctx *x, bc_part *p)
{
	char prev[BC_PERIOD_CODE_MAX + 16];
	if (!last_year_code(&x->c->period, prev, sizeof prev))
		return;
	if (!x->last_read) {
		x->last_read = true;
		read_last_year(x, prev);
		if (x->last_from && x->last_from->lin.split)
			say_split(x, p, x->last_from, prev);
	}
	for (size_t i = 0; x->last && i < p->n; i++) {
		const bc_val *v = &p->v[i];
		bc_dec last;
		if (v->row || !v->has_num)
			continue;
		int fi = bc_form_field(p->form, v->field);
		if (fi < 0 || p->form->fields[fi].type == BC_T_BOOL ||
		    p->form->fields[fi].type == BC_T_TABLE ||
		    !last_year_value(x, p->form, fi, &last) || last.v <= 0)
			continue;
		/* A rough measure: doubles do. */
		double now = bc_dec_double(v->num), then = bc_dec_double(last);
		if (now > 3 * then || now < then / 3) {
			char a[BC_DEC_BUF], b[BC_DEC_BUF];
			bc_dec_local(v->num, a);
			bc_dec_local(last, b);
			about of = of_field(p->form, &p->form->fields[fi]);
			const char *sum = x->last_from->names;
			if (now > 3 * then && x->last_from->merged)
				warn(x, p, at(v), of,
				     N_("%s is more than three times %s, the "
					"sum of the values of %s for %s"),
				     a, b, sum, prev);
			else if (now > 3 * then)
				warn(x, p, at(v), of,
				     N_("%s is more than three times %s, the "
					"value of %s"),
				     a, b, prev);
			else if (x->last_from->merged)
				warn(x, p, at(v), of,
				     N_("%s is less than a third of %s, the "
					"sum of the values of %s for %s"),
				     a, b, sum, prev);
			else
				warn(x, p, at(v), of,
				     N_("%s is less than a third of %s, the "
					"value of %s"),
				     a, b, prev);
		}
	}
}

/* Where the file names a form: its line, or its first value's place
 * (a workbook's sheet names no line). */
static place form_place(vctx *x, const char *form)
{
	const bc_submission *s = x->s;
	for (size_t i = 0; i < s->n_forms; i++)
		if (!strcmp(s->forms[i], form) && s->form_lines[i] > 0)
			return (place){s->form_lines[i], NULL};
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].form, form))
			return (place){s->v[i].line, s->v[i].loc};
	return (place){s->line, NULL};
}

/* Where the file has (or left blank) a plain field, else its form. */
static place field_place(vctx *x, const char *form, const char *field)
{
	const bc_submission *s = x->s;
	for (size_t i = 0; i < s->n; i++)
		if (!s->v[i].row && !strcmp(s->v[i].field, field) &&
		    !strcmp(s->v[i].form, form))
			return (place){s->v[i].line, s->v[i].loc};
	return form_place(x, form);
}

/* The fields the rules mark required: a form sent without one is
 * refused, never stored as received. */
static void check_required(vctx *x, const bc_part *p)
{
	const bc_form *form = p->form;
	for (size_t i = 0; i < form->n_fields; i++) {
		const bc_field *f = &form->fields[i];
		if (!f->required || !bc_field_asked(f, x->c->level) ||
		    field_val(p, f->id) || given(x, form->id, f->id, 0, NULL))
			continue;
		fail(x, field_place(x, form->id, f->id), of_field(form, f),
		     N_("required: the form is not received without it"));
	}
}

static void check_form(vctx *x, bc_part *p)
{
	const bc_form *form = p->form;
	mark_tables(x, p, x->s->v, x->s->n);
	if (!p->n)
		return; /* no value: no form (drop_empty) */
	check_required(x, p);
	for (size_t i = 0; i < form->n_fields; i++)
		if (form->fields[i].type == BC_T_TABLE)
			check_table(x, p, &form->fields[i]);
	lookup l = {p, 0, form->fields, form->n_fields, x->c->level, false};
	for (size_t i = 0; i < form->n_checks; i++) {
		const bc_check *k = &form->checks[i];
		/* Said of the field it is attached to, else of its left
		 * side's first field. */
		const char *field = k->field;
		if (!field && k->cond.lhs.n && k->cond.lhs.v[0].name)
			field = k->cond.lhs.v[0].name;
		int fi = field ? bc_form_field(form, field) : -1;
		run_check(x, p, k, &l, at(field ? field_val(p, field) : NULL),
			  NULL, fi);
	}
	check_carries(x, p);
	check_last_year(x, p);
}

/* Every form named must be owed, values or none (a form with none is
 * then left out by drop_empty). */
static void forms_present(vctx *x)
{
	for (size_t i = 0; i < x->s->n_forms; i++) {
		const bc_form *f = owed_form(x, x->s->forms[i],
					     x->s->form_lines[i], NULL);
		if (f)
			part_for(x, f->id, f);
	}
}

/* Whether the file gives the form any value, refused or not. */
static bool form_given(const bc_submission *s, const char *form)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].kind != BC_RAW_NULL && !strcmp(s->v[i].form, form))
			return true;
	return false;
}

/* A form with no value in it ("bm1": {}, only nulls) is not a receipt
 * of that form: it is left out, said, and still owed.  A form with some
 * values is received; 0 is a value.  (Values given but refused have
 * their own messages.) */
static void drop_empty(vctx *x)
{
	bc_checked *c = x->c;
	size_t kept = 0;
	for (size_t i = 0; i < c->n_parts; i++) {
		bc_part *p = &c->parts[i];
		if (p->form && !p->n) {
			if (!form_given(x->s, p->part))
				warn(x, NULL, form_place(x, p->part),
				     of_form(p->form),
				     N_("no value in this form: it is not "
					"received, and nothing is stored for "
					"it"));
			bc_part_free(p);
			continue;
		}
		c->parts[kept++] = *p;
	}
	c->n_parts = kept;
}

static void finish_report(vctx *x)
{
	bc_checked *c = x->c;
	for (size_t i = 0; i < c->n_parts; i++) {
		bc_part *p = &c->parts[i];
		if (p->form)
			continue;
		const char **written = bc_malloc((p->n + 1) * sizeof *written);
		if (!written) {
			note_rc(x, BC_ERR_NOMEM);
			return;
		}
		for (size_t k = 0; k < p->n; k++)
			written[k] = p->v[k].field;
		p->complete = bc_owed_report_complete(&c->owed, written, p->n);
		bc_free(written);
		/* The report goes last, as the forms feed it. */
		bc_part tmp = *p;
		memmove(p, p + 1, (c->n_parts - i - 1) * sizeof *p);
		c->parts[c->n_parts - 1] = tmp;
		return;
	}
}

/* A warning about the whole submission: said once, and kept with each
 * of its parts (each revision shows it in history). */
static void warn_parts_words(vctx *x, place w, const words *m)
{
	tell(x, x->d, BC_WARNING, w, &NOTHING, m);
	for (size_t i = 0; i < x->c->n_parts; i++) {
		about a = {.form_id = x->c->parts[i].part};
		tell(x, &x->c->parts[i].notes, BC_WARNING, w, &a, m);
	}
}

static void warn_parts(vctx *x, place w, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void warn_parts(vctx *x, place w, const char *fmt, ...)
{
	words m;
	va_list ap;
	va_start(ap, fmt);
	wordsv(&m, fmt, ap);
	va_end(ap);
	warn_parts_words(x, w, &m);
}

/* fmt is one of check_late's, each taking two strings. */
static void put_two(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

/* A time and a date in a message: ISO in the English kept for JSON and
 * history, day first in the reader's language. */
static void put_time_date(words *m, const char *fmt, bc_time at,
			  int offset, bc_date due)
{
	char when[BC_TIME_BUF], day[BC_DATE_BUF];
	bc_time_format(at, offset, when);
	bc_date_format(due, day);
	put_two(m->en, sizeof m->en, fmt, when, day);
	bc_time_format_dmy(at, offset, when);
	bc_date_format_dmy(due, day);
	put_two(m->local, sizeof m->local, _(fmt), when, day);
}

/* The late warnings, for a receipt time given and (as late only by the
 * clock of the import is worth a second look) for the time of import. */
static const char *const late_formats[] = {
	N_("received %s, after the deadline %s"),
	N_("received %s at import (no --received-at, and the file gives no "
	   "receipt time), after the deadline %s"),
};

bool bc_late_warning_text(const char *stored, bc_time at, int offset,
			  bc_date due, char *out, size_t n)
{
	for (size_t i = 0; i < sizeof late_formats / sizeof *late_formats;
	     i++) {
		words m;
		put_time_date(&m, late_formats[i], at, offset, due);
		if (!strcmp(m.en, stored)) {
			snprintf(out, n, "%s", m.local);
			return true;
		}
	}
	return false;
}

static void check_late(vctx *x)
{
	bc_checked *c = x->c;
	const bc_directive *dir = &x->rs->directive;
	bc_date day = bc_time_date(c->received_at, dir->utc_offset);
	bc_date due = bc_period_unit_due(&c->period, c->unit.kind, NULL);
	c->late = dir->deadline_inclusive ? day > due : day >= due;
	place w = {x->receipt_line, x->receipt_loc};
	words m;
	if (c->late) {
		put_time_date(&m, late_formats[c->received_default],
			      c->received_at, dir->utc_offset, due);
		warn_parts_words(x, w, &m);
	}
	if (c->estimated)
		warn_parts(x, at_attr(&x->s->estimated),
			   N_("figures flagged as estimates"));
}

bc_err bc_validate(bc_store *st, bc_rulebook *rb, const bc_submission *s,
		   const bc_import_opts *o, bc_checked *out, bc_diags *d)
{
	*out = (bc_checked){.warnings = BC_DIAGS_INIT};
	vctx x = {.st = st, .rb = rb, .s = s, .c = out, .d = d};
	size_t before = d->errors;
	check_period(&x, rb);
	check_unit(&x);
	if (x.rs)
		check_template_rules(&x);
	if (x.rs && out->unit.code)
		check_owed(&x);
	check_signer(&x);
	check_receipt(&x, o);
	check_controls(&x);
	check_duplicates(&x);
	if (x.rs && out->owed.n_parts && x.rc == BC_OK) {
		forms_present(&x);
		for (size_t i = 0; i < s->n && x.rc == BC_OK; i++) {
			if (!strcmp(s->v[i].form, BC_PART_REPORT))
				check_section(&x, &s->v[i]);
			else
				check_form_value(&x, &s->v[i]);
		}
		for (size_t i = 0; i < out->n_parts && x.rc == BC_OK; i++)
			if (out->parts[i].form)
				check_form(&x, &out->parts[i]);
		drop_empty(&x);
		finish_report(&x);
		if (!out->n_parts && d->errors == before)
			fail(&x, line_at(s->line), NOTHING,
			     N_("nothing to import: no form with a value in "
				"it and no report section"));
		if (d->errors == before)
			check_late(&x);
	}
	for (size_t i = 0; i < x.n_refused; i++)
		bc_free(x.refused[i]);
	bc_free(x.refused);
	bc_free(x.keys);
	for (size_t i = 0; x.last && i < x.last_from->lin.n_from; i++)
		bc_numbers_free(&x.last[i]);
	bc_free(x.last);
	continued_free(x.last_from);
	for (size_t i = 0; i < x.n_before; i++)
		continued_free(x.before_from[i]);
	if (x.rc != BC_OK)
		return x.rc;
	return d->errors > before ? BC_ERR_INVALID : BC_OK;
}

void bc_checked_free(bc_checked *c)
{
	bc_unit_free(&c->unit);
	bc_period_free(&c->period);
	bc_owed_free(&c->owed);
	for (size_t i = 0; i < c->n_parts; i++)
		bc_part_free(&c->parts[i]);
	bc_free(c->parts);
	bc_diags_free(&c->warnings);
	*c = (bc_checked){0};
}

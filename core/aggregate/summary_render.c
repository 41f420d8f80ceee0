/* SPDX-License-Identifier: MIT */
#include "summary_render.h"
#include "jsonout.h"
#include "mem.h"
#include "vndoc.h"
#include "wording.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A paragraph as it grows, and of the sentence being written, how many
 * figures it gives and how many of those are not there. */
typedef struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
	size_t figures, absent;
} sbuf;

static void put(sbuf *b, const char *t)
{
	size_t n = strlen(t);
	if (b->oom || bc_grow((void **)&b->s, &b->cap, b->len + n + 1, 1) < 0) {
		b->oom = true;
		return;
	}
	memcpy(b->s + b->len, t, n + 1);
	b->len += n;
}

/* What one placeholder's figures are: this period's and last year's
 * (each NAN when there is none), and how to write them. */
typedef struct figure {
	double now, last;
	int decimals;
	unsigned flags;  /* BC_VN_TRIM, BC_VN_PERCENT */
	bool points;     /* a percentage: its change in points */
	const char *unit; /* of its amounts, or NULL */
} figure;

/* The figure of a counted table at one level: its rows, or those with
 * the choice; NAN when nobody reported it there. */
static double counted(const json_t *v, const char *choice)
{
	if (!json_is_object(v))
		return NAN;
	if (choice)
		return (double)json_integer_value(json_object_get(v, choice));
	double n = 0;
	const char *k;
	json_t *c;
	json_object_foreach((json_t *)v, k, c) n += bc_json_num_value(c);
	return n;
}

static double number_at(const json_t *o, const char *key, const char *choice,
			bool table)
{
	const json_t *v = json_object_get(o, key);
	if (table)
		return counted(v, choice);
	return bc_json_is_num(v) ? bc_json_num_value(v) : NAN;
}

static void field_format(const bc_field *f, figure *g)
{
	g->unit = f->unit;
	switch (f->type) {
	case BC_T_MONEY:
		g->decimals = 2;
		g->flags = BC_VN_TRIM;
		break;
	case BC_T_PCT:
		g->decimals = 2;
		g->flags = BC_VN_TRIM | BC_VN_PERCENT;
		g->points = true;
		g->unit = NULL;
		break;
	default:
		break;
	}
}

/* The figures a field or an indicator placeholder names, from the
 * form's object of the aggregate. */
static figure item_figure(const bc_ruleset *rs, const bc_sum_piece *pc,
			  const json_t *fo)
{
	const bc_form *f = &rs->forms[pc->form_ix];
	const char *key = pc->level_ix >= 0 ? rs->levels[pc->level_ix].id
					    : "total";
	figure g = {NAN, NAN, 0, 0, false, NULL};
	const json_t *o;
	bool table = false;
	if (pc->what == BC_SUM_INDICATOR) {
		o = json_object_get(json_object_get(fo, "indicators"),
				    f->indicators[pc->item_ix].id);
		g.decimals = 1;
		g.flags = BC_VN_TRIM | BC_VN_PERCENT;
		g.points = true;
	} else {
		const bc_field *fd = &f->fields[pc->item_ix];
		o = json_object_get(json_object_get(fo, "fields"), fd->id);
		table = fd->type == BC_T_TABLE;
		field_format(fd, &g);
	}
	const char *choice =
		pc->choice_ix >= 0
			? f->fields[pc->item_ix]
				  .columns[f->fields[pc->item_ix].count_by]
				  .values[pc->choice_ix]
			: NULL;
	g.now = number_at(o, key, choice, table);
	g.last = number_at(json_object_get(o, "previous"), key, choice, table);
	return g;
}

/* A form's count of units: those counted (at a level, or all), or those
 * that owe it and sent none. */
static double units_figure(const bc_ruleset *rs, const bc_sum_piece *pc,
			   const json_t *agg, const json_t *fo)
{
	const char *id = rs->forms[pc->form_ix].id;
	if (pc->mod == BC_SUM_MISSING)
		return (double)json_array_size(json_object_get(
			json_object_get(agg, "missing_units"), id));
	const json_t *u = json_object_get(fo, "units");
	if (pc->level_ix >= 0)
		return bc_json_num_value(
			json_object_get(u, rs->levels[pc->level_ix].id));
	double n = 0;
	const char *k;
	json_t *c;
	json_object_foreach((json_t *)u, k, c) n += bc_json_num_value(c);
	return n;
}

static void num(sbuf *b, double v, int decimals, unsigned flags)
{
	char t[BC_VN_NUMBER_MAX];
	put(b, bc_vndoc_number(v, decimals, flags, t, sizeof t));
}

/* The change from last year in the rules' words. */
static void change(sbuf *b, const bc_ruleset *rs, const figure *g)
{
	if (isnan(g->now)) {
		put(b, "-");
		return;
	}
	if (isnan(g->last)) {
		put(b, bc_word(rs, BC_W_SUMMARY_NO_PREVIOUS));
		return;
	}
	double d = g->now - g->last;
	char amount[BC_VN_NUMBER_MAX + 128], pct[BC_VN_NUMBER_MAX];
	bc_vndoc_number(fabs(d), g->decimals, g->flags & BC_VN_TRIM, amount,
			BC_VN_NUMBER_MAX);
	if (!strcmp(amount, "0")) {
		put(b, bc_word(rs, BC_W_SUMMARY_SAME));
		return;
	}
	if (!strcmp(amount, "-")) { /* beyond what a number is written as */
		put(b, "-");
		return;
	}
	const char *unit = g->points ? bc_word(rs, BC_W_SUMMARY_POINTS) : g->unit;
	if (unit && *unit) {
		size_t n = strlen(amount);
		snprintf(amount + n, sizeof amount - n, " %s", unit);
	}
	bool plain = g->points || g->last == 0;
	if (!plain)
		bc_vndoc_number(d / g->last * 100, 1,
				BC_VN_SIGNED | BC_VN_PERCENT, pct, sizeof pct);
	bc_wkey k = d > 0 ? (plain ? BC_W_SUMMARY_UP_PLAIN : BC_W_SUMMARY_UP)
			  : (plain ? BC_W_SUMMARY_DOWN_PLAIN
				   : BC_W_SUMMARY_DOWN);
	char text[1024];
	bc_word_fill(rs, k, text, sizeof text,
		     BC_SLOTS({"amount", amount}, {"pct", plain ? "" : pct}));
	put(b, text);
}

static void figure_text(sbuf *b, const bc_ruleset *rs, const bc_sum_piece *pc,
			const figure *g)
{
	double d = g->now - g->last;
	switch (pc->mod) {
	case BC_SUM_LAST:
		num(b, g->last, g->decimals, g->flags);
		break;
	case BC_SUM_DIFF:
		num(b, d, g->decimals,
		    (g->flags & ~(unsigned)BC_VN_PERCENT) | BC_VN_SIGNED);
		break;
	case BC_SUM_PCT:
		/* nan when last year's is 0 or none: written "-". */
		num(b, g->last == 0 ? NAN : d / g->last * 100, 1,
		    BC_VN_SIGNED | BC_VN_PERCENT);
		break;
	case BC_SUM_CHANGE:
		change(b, rs, g);
		break;
	default:
		num(b, g->now, g->decimals, g->flags);
	}
}

static void piece(sbuf *b, const bc_ruleset *rs, const bc_sum_piece *pc,
		  const json_t *agg)
{
	if (pc->what == BC_SUM_TEXT) {
		put(b, pc->text);
		return;
	}
	const json_t *fo = json_object_get(json_object_get(agg, "forms"),
					   rs->forms[pc->form_ix].id);
	if (pc->what == BC_SUM_FORM) {
		num(b, units_figure(rs, pc, agg, fo), 0, 0);
		return;
	}
	figure g = item_figure(rs, pc, fo);
	b->figures++;
	b->absent += isnan(pc->mod == BC_SUM_LAST ? g.last : g.now);
	figure_text(b, rs, pc, &g);
}

static bc_err finish(sbuf *b, char **out)
{
	if (b->oom) {
		bc_free(b->s);
		*out = NULL;
		return BC_ERR_NOMEM;
	}
	*out = b->s;
	return BC_OK;
}

bc_err bc_summary_render(const bc_ruleset *rs, const bc_summary *t,
			 const json_t *agg, char **out)
{
	sbuf b = {0};
	put(&b, "");
	for (size_t i = 0; i < t->n; i++)
		piece(&b, rs, &t->v[i], agg);
	return finish(&b, out);
}

/* Sentences v[n] filled from agg and joined into *out (NULL for none). */
static bc_err sentences(const bc_ruleset *rs, const bc_summary *v, size_t n,
			const json_t *agg, char **out)
{
	sbuf b = {0};
	*out = NULL;
	put(&b, "");
	for (size_t k = 0; k < n; k++) {
		size_t was = b.len;
		if (b.len)
			put(&b, " ");
		b.figures = b.absent = 0;
		for (size_t i = 0; i < v[k].n; i++)
			piece(&b, rs, &v[k].v[i], agg);
		/* A sentence of dashes says nothing: left out. */
		if (!b.oom && b.figures && b.absent == b.figures)
			b.s[b.len = was] = '\0';
	}
	if (!b.oom && !b.len) {
		bc_free(b.s);
		return BC_OK;
	}
	return finish(&b, out);
}

bc_err bc_section_summary(const bc_ruleset *rs, const bc_section *s,
			  const json_t *agg, char **out)
{
	return sentences(rs, s->summaries, s->n_summary, agg, out);
}

bc_err bc_section_unit_summary(const bc_ruleset *rs, const bc_section *s,
			       const json_t *agg, char **out)
{
	return sentences(rs, s->unit_summaries, s->n_unit_summary, agg, out);
}

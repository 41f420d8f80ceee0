/* SPDX-License-Identifier: MIT */
#include "rank_text.h"
#include "i18n.h"
#include "text.h"
#include "vndoc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Appends to out[n] what fmt makes, cutting what does not fit. */
static void cat(char *out, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void cat(char *out, size_t n, const char *fmt, ...)
{
	size_t len = strlen(out);
	if (len + 1 >= n)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out + len, n - len, fmt, ap);
	va_end(ap);
}

typedef struct num {
	char s[64];
} num;

static num vn(double v)
{
	num x;
	bc_num_text(v, x.s, sizeof x.s);
	return x;
}

const char *bc_rank_state_text(bc_pstate s)
{
	switch (s) {
	case BC_PSTATE_ON_TIME:
		return _("on time");
	case BC_PSTATE_LATE:
		return _("late");
	case BC_PSTATE_PARTIAL:
		return _("partial");
	case BC_PSTATE_MISSING:
		return _("not sent");
	case BC_PSTATE_RETURNED:
		return C_("period state", "returned");
	case BC_PSTATE_NOT_OWED:
		return C_("period state", "not owed");
	case BC_PSTATE_PENDING:
		return C_("period state", "not yet due");
	case BC_PSTATE_N:
		break;
	}
	return "";
}

const char *bc_rank_class_text(const bc_rank_unit *u)
{
	const bc_score_class *c = u->score.cls;
	return c ? (c->label && *c->label ? c->label : c->id) : "";
}

static const char *op_text(bc_relop op)
{
	switch (op) {
	case BC_GE:
		return "≥";
	case BC_GT:
		return ">";
	case BC_LE:
		return "≤";
	case BC_LT:
		return "<";
	case BC_EQ:
		return "=";
	case BC_NE:
		return "≠";
	}
	return "";
}

/* What the figure is called: its indicator's or field's label, else the
 * criterion's title. */
static const char *figure_label(const bc_criterion *c)
{
	if (c->indicator && c->indicator->label)
		return c->indicator->label;
	if (c->field && c->field->label)
		return c->field->label;
	return c->title;
}

/* A period as people call it ("Quý I năm 2023"), by its code. */
static const char *period_label(const bc_rank *r, const char *code)
{
	for (size_t i = 0; code && i < r->n_periods; i++)
		if (!strcmp(r->periods[i].period.code, code) &&
		    r->periods[i].period.label)
			return r->periods[i].period.label;
	return code;
}

static void periods_text(const bc_rank *r, const bc_crit_score *cs,
			 char *out, size_t n)
{
	for (size_t i = 0; i < cs->n_periods; i++)
		cat(out, n, "%s%s: %s", i ? ", " : "",
		    period_label(r, cs->periods[i].period),
		    bc_rank_state_text(cs->periods[i].state));
	if (cs->why == BC_WHY_NO_PERIOD)
		cat(out, n, "%s%s", cs->n_periods ? "; " : "",
		    _("no period owed in the year"));
}

/* A percentage as reports give it, to the tenth: "97,2". */
static num pct(double v)
{
	return vn(round(v * 10) / 10);
}

/* A field's value as its form asks for it: a percentage with its sign,
 * yes or no, a number. */
static void value_text(const bc_field *f, double v, char *out, size_t n)
{
	if (f && f->type == BC_T_PCT)
		cat(out, n, "%s %%", pct(v).s);
	else if (f && f->type == BC_T_BOOL)
		cat(out, n, "%s", bc_vndoc_word(v ? BC_VN_YES : BC_VN_NO));
	else
		cat(out, n, "%s", vn(v).s);
}

static void figure_text(const bc_rank *r, const bc_crit_score *cs,
			char *out, size_t n)
{
	const bc_criterion *c = cs->crit;
	if (cs->why == BC_WHY_MISSING) {
		cat(out, n, "%s", _("not reported"));
		return;
	}
	if (cs->has_ratio && cs->why == BC_WHY_ZERO_DEN)
		cat(out, n, _("%s / %s: nothing to measure"), vn(cs->num).s,
		    vn(cs->den).s);
	else if (cs->has_ratio)
		cat(out, n, "%s %% (%s / %s)", pct(cs->value).s,
		    vn(cs->num).s, vn(cs->den).s);
	else if (cs->has_value)
		value_text(c->field, cs->value, out, n);
	if (cs->source)
		cat(out, n, ", %s", period_label(r, cs->source));
	if (cs->why == BC_WHY_NO_BAND)
		cat(out, n, ", %s", _("below every band"));
	else if (c->scoring == BC_SCORING_BANDS && cs->band >= 0 &&
		 (size_t)cs->band < c->n_bands)
		cat(out, n, ", %s %s", op_text(c->bands[cs->band].op),
		    vn(c->bands[cs->band].bound).s);
	else if (c->scoring == BC_SCORING_PROPORTIONAL &&
		 cs->why == BC_WHY_SCORED)
		cat(out, n, _(", between %s and %s"), vn(c->from).s,
		    vn(c->to).s);
}

static void council_text(const bc_rank *r, const bc_crit_score *cs,
			 char *out, size_t n)
{
	if (cs->crit->kind == BC_CRIT_SELF && cs->has_value)
		cat(out, n, _("self-assessed %s"), vn(cs->value).s);
	else if (cs->crit->kind == BC_CRIT_SELF)
		cat(out, n, "%s", _("not self-assessed"));
	if (cs->crit->kind == BC_CRIT_SELF && cs->source)
		cat(out, n, ", %s", period_label(r, cs->source));
	if (cs->why == BC_WHY_OVERRIDDEN || cs->crit->kind == BC_CRIT_ASSESSED) {
		if (*out)
			cat(out, n, "; ");
		if (cs->why == BC_WHY_NOT_ASSESSED)
			cat(out, n, "%s", _("not assessed by the council"));
		else
			cat(out, n, _("the council gives %s"),
			    vn(cs->points).s);
	}
	if (cs->note && *cs->note)
		cat(out, n, " (%s)", cs->note);
}

void bc_rank_detail(const bc_rank *r, const bc_rank_unit *u, size_t k,
		    char *out, size_t n)
{
	const bc_crit_score *cs = &u->score.crit[k];
	*out = '\0';
	switch (cs->crit->kind) {
	case BC_CRIT_DISCIPLINE:
		periods_text(r, cs, out, n);
		break;
	case BC_CRIT_FIGURE:
		figure_text(r, cs, out, n);
		break;
	case BC_CRIT_ASSESSED:
	case BC_CRIT_SELF:
		council_text(r, cs, out, n);
		break;
	case BC_CRIT_N:
		break;
	}
}

void bc_rank_explain(const bc_rank *r, const bc_rank_unit *u, size_t k,
		     char *out, size_t n)
{
	const bc_crit_score *cs = &u->score.crit[k];
	char detail[BC_RANK_TEXT_MAX];
	bc_rank_detail(r, u, k, detail, sizeof detail);
	*out = '\0';
	if (cs->crit->kind == BC_CRIT_FIGURE)
		cat(out, n, cs->has_value || cs->has_ratio ? "%s %s" : "%s: %s",
		    figure_label(cs->crit), detail);
	else
		cat(out, n, "%s: %s", cs->crit->title, detail);
	cat(out, n, " → %s / %s", vn(cs->points).s, vn(cs->crit->max).s);
}

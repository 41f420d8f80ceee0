/* SPDX-License-Identifier: MIT */
#include "rank_json.h"
#include "jsonset.h"
#include "jsonout.h"

#include <math.h>
#include <string.h>

/* A number: whole ones as integers, others as reals (never NaN: the
 * evaluator gives none, and a stray one would be null). */
static json_t *number(double v)
{
	if (!isfinite(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *periods_json(bc_err *e, const bc_rank *r)
{
	json_t *a = bc_json_made(e, json_array());
	for (size_t i = 0; a && i < r->n_periods; i++) {
		const bc_period *p = &r->periods[i].period;
		bc_json_push(e, a,
			     json_pack("{s:s, s:s, s:{s:o, s:o}, s:o}", "code",
				       p->code, "label",
				       p->label ? p->label : "", "window",
				       "from", bc_date_json(p->from), "to",
				       bc_date_json(p->to), "unit_due",
				       bc_date_json(p->unit_due)));
	}
	return a;
}

static json_t *batches_json(bc_err *e, const bc_assessments *as)
{
	json_t *a = bc_json_made(e, json_array());
	for (size_t i = 0; a && i < as->n_batches; i++) {
		const bc_assess_batch *b = &as->batches[i];
		char at[BC_TIME_BUF];
		bc_time_format(b->imported_at, 7 * 60, at);
		bc_json_push(e, a,
			     json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:I}",
				       "number", b->number, "file", b->file,
				       "sha256", b->sha256, "by", b->by,
				       "imported_by", b->actor, "imported_at",
				       at, "entries", (json_int_t)b->entries));
	}
	return a;
}

static json_t *states_json(bc_err *e, const bc_crit_score *cs)
{
	json_t *o = bc_json_made(e, json_object());
	for (int s = 0; o && s < BC_PSTATE_N; s++)
		if (cs->counts[s])
			bc_json_set(e, o, bc_pstate_name((bc_pstate)s),
				    json_integer((json_int_t)cs->counts[s]));
	return o;
}

static json_t *discipline_json(bc_err *e, const bc_crit_score *cs, json_t *o)
{
	json_t *a = bc_json_set(e, o, "periods", json_array());
	for (size_t i = 0; a && i < cs->n_periods; i++)
		bc_json_push(e, a,
			     json_pack("{s:s, s:s}", "period",
				       cs->periods[i].period, "state",
				       bc_pstate_name(cs->periods[i].state)));
	bc_json_set(e, o, "states", states_json(e, cs));
	bc_json_set(e, o, "periods_scored", json_integer((json_int_t)cs->owed));
	return o;
}

static void figure_json(bc_err *e, const bc_crit_score *cs, json_t *o)
{
	const bc_criterion *c = cs->crit;
	if (c->form)
		bc_json_set(e, o, "form", json_string(c->form->id));
	if (c->field)
		bc_json_set(e, o, "field", json_string(c->field->id));
	if (c->indicator)
		bc_json_set(e, o, "indicator", json_string(c->indicator->id));
	bc_json_set(e, o, "source", str_or_null(cs->source));
	bc_json_set(e, o, "value", cs->has_value ? number(cs->value)
						 : json_null());
	if (cs->has_ratio) {
		bc_json_set(e, o, "num", number(cs->num));
		bc_json_set(e, o, "den", number(cs->den));
	}
	if (c->kind == BC_CRIT_FIGURE && c->scoring == BC_SCORING_BANDS)
		bc_json_set(e, o, "band",
			    cs->band >= 0 ? json_integer(cs->band)
					  : json_null());
	else if (c->kind == BC_CRIT_FIGURE)
		bc_json_set(e, o, "share", number(cs->share));
}

static json_t *assessed_json(const bc_rank *r, const bc_rank_unit *u,
			     const bc_criterion *c)
{
	const bc_assessment *a =
		bc_assessment_find(&r->assessed, u->unit->id, c->id);
	if (!a)
		return json_null();
	return json_pack("{s:o, s:s, s:i, s:i}", "points",
			 number((double)a->points / 100.0), "note", a->note,
			 "batch", a->batch, "line", a->line);
}

static json_t *criterion_json(bc_err *e, const bc_rank *r,
			      const bc_rank_unit *u, size_t k)
{
	const bc_crit_score *cs = &u->score.crit[k];
	const bc_criterion *c = cs->crit;
	json_t *o = bc_json_made(
		e, json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "id", c->id,
			     "part", c->part ? c->part->id : "", "kind",
			     bc_crit_kind_name(c->kind), "points",
			     number(cs->points), "max", number(c->max), "why",
			     bc_why_name(cs->why)));
	if (!o)
		return NULL;
	switch (c->kind) {
	case BC_CRIT_DISCIPLINE:
		discipline_json(e, cs, o);
		break;
	case BC_CRIT_FIGURE:
		figure_json(e, cs, o);
		break;
	case BC_CRIT_SELF: /* the unit's own, which the council may override */
		figure_json(e, cs, o);
		bc_json_set(e, o, "assessed", assessed_json(r, u, c));
		break;
	case BC_CRIT_ASSESSED:
		bc_json_set(e, o, "assessed", assessed_json(r, u, c));
		break;
	case BC_CRIT_N:
		break;
	}
	if (cs->clamped)
		bc_json_set(e, o, "clamped", json_true());
	return o;
}

json_t *bc_rank_unit_json(const bc_rank *r, const bc_rank_unit *u)
{
	bc_err e = BC_OK;
	const bc_unit_score *s = &u->score;
	json_t *o = bc_json_made(
		&e, json_pack("{s:s, s:s, s:s, s:s, s:i, s:o, s:o}", "unit",
			      u->unit->code, "name", u->unit->name, "kind",
			      u->unit->kind, "group", u->group->id, "rank",
			      u->rank, "total", number(s->total), "class",
			      str_or_null(s->cls ? s->cls->id : NULL)));
	json_t *parts = o ? bc_json_set(&e, o, "parts", json_object()) : NULL;
	for (size_t i = 0; parts && i < u->group->n_parts; i++)
		bc_json_set(&e, parts, u->group->parts[i]->id,
			    number(s->parts[i]));
	json_t *crit = o ? bc_json_set(&e, o, "criteria", json_array()) : NULL;
	for (size_t k = 0; crit && k < u->group->n_criteria; k++)
		bc_json_push(&e, crit, criterion_json(&e, r, u, k));
	if (e != BC_OK) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* A group but its units: id, label, parts, criteria. */
static json_t *group_json(const bc_score_group *g)
{
	bc_err e = BC_OK;
	json_t *o = bc_json_made(&e, json_pack("{s:s, s:s}", "id", g->id,
					       "label",
					       g->label ? g->label : g->id));
	json_t *parts = o ? bc_json_set(&e, o, "parts", json_array()) : NULL;
	for (size_t i = 0; parts && i < g->n_parts; i++)
		bc_json_push(&e, parts,
			     json_pack("{s:s, s:s, s:o}", "id", g->parts[i]->id,
				       "title", g->parts[i]->title, "max",
				       number(g->parts[i]->max)));
	json_t *crit = o ? bc_json_set(&e, o, "criteria", json_array()) : NULL;
	for (size_t i = 0; crit && i < g->n_criteria; i++) {
		const bc_criterion *c = g->criteria[i];
		bc_json_push(&e, crit,
			     json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", c->id,
				       "title", c->title, "part",
				       c->part ? c->part->id : "", "kind",
				       bc_crit_kind_name(c->kind), "max",
				       number(c->max)));
	}
	return bc_json_whole(o, e);
}

/* The whole but its groups: year, as_of, provisional, scheme, periods,
 * the assessment batches. */
static json_t *head_json(const bc_rank *r)
{
	bc_err e = BC_OK;
	const bc_scheme *s = r->scheme;
	json_t *o = bc_json_made(
		&e, json_pack("{s:i, s:o, s:b, s:{s:s, s:s, s:s, s:o, s:i}}",
			      "year", r->year, "as_of", bc_date_json(r->as_of),
			      "provisional", r->provisional, "scheme", "id",
			      s->id, "title", s->title, "ruleset", r->rs->id,
			      "max", number(s->max), "decimals", s->decimals));
	if (o) {
		json_t *cls = bc_json_set(&e, json_object_get(o, "scheme"),
					  "classes", json_array());
		for (size_t i = 0; cls && i < s->n_classes; i++)
			bc_json_push(&e, cls,
				     json_pack("{s:s, s:s, s:o}", "id",
					       s->classes[i].id, "label",
					       s->classes[i].label,
					       "min", number(s->classes[i].min)));
		bc_json_set(&e, o, "periods", periods_json(&e, r));
		bc_json_set(&e, o, "assessment_batches",
			    batches_json(&e, &r->assessed));
	}
	return bc_json_whole(o, e);
}

/* A group, its units in rank order one at a time. */
static bc_err group_write(bc_jw *w, const bc_rank *r, const bc_score_group *g)
{
	json_t *o = group_json(g);
	if (!o)
		return BC_ERR_NOMEM;
	bc_jw_object_then_list(w, o, "units");
	for (size_t i = 0; !bc_jw_error(w) && i < r->n; i++) {
		if (r->units[i].group != g)
			continue;
		json_t *u = bc_rank_unit_json(r, &r->units[i]);
		if (!u)
			return BC_ERR_NOMEM;
		bc_jw_value(w, u);
		json_decref(u);
	}
	bc_jw_array_end(w);
	bc_jw_object_end(w);
	return BC_OK;
}

bc_err bc_rank_write(bc_jw *w, const bc_rank *r)
{
	json_t *head = head_json(r);
	if (!head)
		return BC_ERR_NOMEM;
	bc_jw_object_then_list(w, head, "groups");
	bc_err e = BC_OK;
	for (size_t i = 0; e == BC_OK && !bc_jw_error(w) &&
			   i < r->scheme->n_groups;
	     i++)
		e = group_write(w, r, &r->scheme->groups[i]);
	if (e == BC_OK) {
		bc_jw_array_end(w);
		bc_jw_object_end(w);
	}
	return e;
}

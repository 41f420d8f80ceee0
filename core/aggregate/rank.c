/* SPDX-License-Identifier: MIT */
/*
 * A year's scores: the periods' statuses read once, each unit's inputs
 * gathered from them and from its revisions in force, scored and ranked.
 */
#include "rank.h"
#include "collate.h"
#include "mem.h"
#include "revision.h"
#include "strmap.h"
#include "tally.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* A unit's figures of one period: the tally its revisions are read
 * into, each form once (fed, by form index of the period's rules). */
typedef struct figures {
	bc_tally *t;
	bool *fed;
} figures;

typedef struct gather {
	bc_store *st;
	bc_diags *d;
	bc_rank *r;
	/* For unit u (its index in r->units), its status in period p, or
	 * NULL when it owed nothing then: owed[u * n_periods + p]. */
	const bc_unit_status **owed;
	size_t cap, owed_cap;
	figures *fig; /* the unit being gathered's, per period */
	bc_err rc;
} gather;

/* Reported by units: neither ad-hoc nor derived. */
static bool reported(const bc_period *p)
{
	return !p->adhoc_no && !p->derived && p->pt;
}

/* The year's periods units report, by deadline, into *out. */
static bc_err year_periods(bc_store *st, bc_rulebook *rb, int year,
			   bc_period **out, size_t *n, bc_diags *d)
{
	bc_err rc = bc_period_calendar(st, rb, year, out, n, d);
	if (rc != BC_OK)
		return rc;
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (reported(&(*out)[i]))
			(*out)[k++] = (*out)[i];
		else
			bc_period_free(&(*out)[i]);
	}
	*n = k;
	return BC_OK;
}

const bc_scheme *bc_rank_scheme(bc_store *st, bc_rulebook *rb, int year,
				const bc_ruleset **rs, bc_diags *d)
{
	bc_period *v = NULL;
	size_t n = 0;
	const bc_scheme *s = NULL;
	*rs = NULL;
	if (year_periods(st, rb, year, &v, &n, d) != BC_OK)
		return NULL;
	/* The rules now, which a district changes to score: a recorded
	 * period's own version may be older than its scheme. */
	for (size_t i = n; i-- > 0 && !s;) {
		const bc_ruleset *now = bc_period_rules_now(rb, &v[i]);
		*rs = now ? now : v[i].rs;
		s = bc_scheme_for_year(*rs, year);
	}
	bc_period_list_free(v, n);
	if (!s) {
		*rs = NULL;
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("the rules give no scoring scheme for %d"),
			     year);
	}
	return s;
}

/* ---- units and their states ------------------------------------------ */

static bc_pstate pstate(bc_state s)
{
	switch (s) {
	case BC_STATE_ON_TIME:
		return BC_PSTATE_ON_TIME;
	case BC_STATE_LATE:
		return BC_PSTATE_LATE;
	case BC_STATE_PARTIAL:
		return BC_PSTATE_PARTIAL;
	case BC_STATE_MISSING:
		return BC_PSTATE_MISSING;
	}
	return BC_PSTATE_MISSING;
}

/* The unit with id among the first n of r, by the map of ids. */
static bc_err unit_slot(gather *g, bc_strmap *ids, const bc_unit_status *us,
			size_t p)
{
	bc_rank *r = g->r;
	const bc_score_group *grp = bc_scheme_group(r->scheme, us->unit.kind);
	size_t i;
	if (!bc_strmap_get(ids, us->unit.code, &i)) {
		if (!grp)
			return BC_OK; /* not scored: no group takes its kind */
		if (bc_grow((void **)&r->units, &g->cap, r->n + 1,
			    sizeof *r->units) < 0 ||
		    bc_grow((void **)&g->owed, &g->owed_cap,
			    (r->n + 1) * r->n_periods, sizeof *g->owed) < 0)
			return BC_ERR_NOMEM;
		i = r->n++;
		r->units[i] = (bc_rank_unit){0};
		memset(&g->owed[i * r->n_periods], 0,
		       r->n_periods * sizeof *g->owed);
		if (bc_strmap_add(ids, us->unit.code, i, NULL) < 0)
			return BC_ERR_NOMEM;
	}
	/* The last period it owed names it and says its group. */
	r->units[i].unit = &us->unit;
	r->units[i].group = grp ? grp : r->units[i].group;
	g->owed[i * r->n_periods + p] = us;
	return BC_OK;
}

static bc_err collect_units(gather *g)
{
	bc_strmap ids = BC_STRMAP_INIT;
	bc_err rc = BC_OK;
	for (size_t p = 0; rc == BC_OK && p < g->r->n_periods; p++)
		for (size_t k = 0; rc == BC_OK && k < g->r->periods[p].n; k++)
			rc = unit_slot(g, &ids, &g->r->periods[p].units[k], p);
	bc_strmap_free(&ids);
	return rc;
}

/* The unit's state in period p as scored on the day. */
static bc_pstate state_in(const gather *g, size_t u, size_t p)
{
	const bc_unit_status *us = g->owed[u * g->r->n_periods + p];
	if (!us)
		return BC_PSTATE_NOT_OWED;
	/* Before its deadline a unit is not judged, whatever it has sent. */
	if (g->r->as_of < us->due)
		return BC_PSTATE_PENDING;
	/* Short of a part the district sent back: returned, which a
	 * scheme may score apart from never sending it. */
	if (us->state == BC_STATE_PARTIAL || us->state == BC_STATE_MISSING)
		for (size_t i = 0; i < us->owed.n_parts; i++)
			if (us->parts[i].returned)
				return BC_PSTATE_RETURNED;
	return pstate(us->state);
}

/* Whether criterion c counts periods of type code. */
static bool counts_type(const bc_criterion *c, const char *code)
{
	if (!c->n_periods)
		return true;
	for (size_t i = 0; i < c->n_periods; i++)
		if (strcmp(c->periods[i]->code, code) == 0)
			return true;
	return false;
}

static void discipline_in(gather *g, size_t u, const bc_criterion *c,
			  bc_score_in *in)
{
	bc_rank *r = g->r;
	bc_period_in *v = bc_arena_alloc(&r->mem,
					 (r->n_periods + 1) * sizeof *v);
	if (!v) {
		g->rc = BC_ERR_NOMEM;
		return;
	}
	size_t n = 0;
	for (size_t p = 0; p < r->n_periods; p++)
		if (counts_type(c, r->periods[p].period.pt->code))
			v[n++] = (bc_period_in){r->periods[p].period.code,
						state_in(g, u, p)};
	in->periods = v;
	in->n_periods = n;
}

/* ---- a unit's own figures ----------------------------------------------- */

/* The revision of form in force for unit u in period p, or 0. */
static int revision_of(const gather *g, size_t u, size_t p, const char *form)
{
	const bc_unit_status *us = g->owed[u * g->r->n_periods + p];
	for (size_t i = 0; us && i < us->owed.n_parts; i++)
		if (strcmp(us->parts[i].part, form) == 0)
			return us->parts[i].revision;
	return 0;
}

/* The period to read form from for unit u: of type code if it has one
 * in force there, else the widest window it has one for, the latest
 * among equals; -1 when none. */
static int figure_period(const gather *g, size_t u, const char *code,
			 const char *form)
{
	const bc_rank *r = g->r;
	int best = -1;
	for (size_t p = 0; p < r->n_periods; p++) {
		const bc_period *pp = &r->periods[p].period;
		if (!revision_of(g, u, p, form))
			continue;
		if (code && strcmp(pp->pt->code, code) == 0)
			return (int)p;
		const bc_period *b = best >= 0 ? &r->periods[best].period : NULL;
		if (!b || pp->to - pp->from > b->to - b->from ||
		    (pp->to - pp->from == b->to - b->from && pp->to >= b->to))
			best = (int)p;
	}
	return best;
}

/* The values of one revision into the tally. */
static bc_err feed(gather *g, bc_tally *t, const bc_period *p, int64_t unit,
		   const char *form, int number, size_t form_no,
		   size_t level_no)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(g->st),
			       "SELECT v.field, v.row, v.col, v.num, v.cents,"
			       " v.txt FROM revision r JOIN value v"
			       " ON v.revision_id = r.id WHERE r.unit_id = ?"
			       " AND r.period_id = ? AND r.part = ?"
			       " AND r.number = ? ORDER BY v.field, v.row, v.col",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(g->st, g->d, N_("reading figures"));
	sqlite3_bind_int64(s, 1, unit);
	sqlite3_bind_int64(s, 2, p->id);
	sqlite3_bind_text(s, 3, form, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, number);
	bc_err rc = BC_OK;
	int step;
	bc_tally_begin(t, form_no, level_no, 0);
	while (rc == BC_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
		bc_dec num;
		bool has = bc_value_number(s, 3, &num);
		rc = bc_tally_value(t, (const char *)sqlite3_column_text(s, 0),
				    sqlite3_column_int(s, 1),
				    (const char *)sqlite3_column_text(s, 2),
				    has ? &num : NULL,
				    (const char *)sqlite3_column_text(s, 5));
	}
	if (rc == BC_OK && step != SQLITE_DONE)
		rc = bc_store_fail(g->st, g->d, N_("reading figures"));
	bc_tally_end(t);
	sqlite3_finalize(s);
	return rc;
}

static int level_no(const bc_ruleset *rs, const char *kind)
{
	const bc_unit_kind *k = bc_ruleset_kind(rs, kind);
	for (size_t i = 0; k && k->level && i < rs->n_levels; i++)
		if (strcmp(rs->levels[i].id, k->level) == 0)
			return (int)i;
	return -1;
}

static int indicator_no(const bc_form *f, const char *id)
{
	for (size_t i = 0; i < f->n_indicators; i++)
		if (strcmp(f->indicators[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* The criterion's field or indicator read from the tally into in. */
static void read_figure(const bc_tally *t, const bc_criterion *c,
			const bc_form *f, size_t fi, size_t li,
			bc_score_in *in)
{
	bc_dec a, b;
	if (c->field) {
		int k = bc_field_index(f->fields, f->n_fields, c->field->id);
		if (k >= 0 && bc_tally_sum(t, 0, fi, (size_t)k, li, &a) == 1) {
			in->has_value = true;
			in->value = bc_dec_double(a);
		}
		return;
	}
	int k = c->indicator ? indicator_no(f, c->indicator->id) : -1;
	if (k >= 0 && bc_tally_ratio(t, 0, fi, (size_t)k, li, &a, &b) == 1) {
		in->has_ratio = true;
		in->num = bc_dec_double(a);
		in->den = bc_dec_double(b);
	}
}

/* The tally of unit u's figures of period p with form fi read into it
 * (at level li), or NULL (g->rc says why when it is an error). */
static const bc_tally *figures_of(gather *g, size_t u, size_t p, size_t fi,
				  size_t li)
{
	figures *fg = &g->fig[p];
	const bc_period *pp = &g->r->periods[p].period;
	if (!fg->t) {
		fg->t = bc_tally_new(pp->rs, 0);
		fg->fed = bc_calloc(pp->rs->n_forms + 1, sizeof *fg->fed);
		if (!fg->t || !fg->fed) {
			g->rc = BC_ERR_NOMEM;
			return NULL;
		}
	}
	if (!fg->fed[fi]) {
		const char *form = pp->rs->forms[fi].id;
		bc_err rc = feed(g, fg->t, pp, g->r->units[u].unit->id, form,
				 revision_of(g, u, p, form), fi, li);
		if (rc != BC_OK) {
			g->rc = rc;
			return NULL;
		}
		fg->fed[fi] = true;
	}
	return fg->t;
}

static void figures_free(gather *g)
{
	for (size_t p = 0; g->fig && p < g->r->n_periods; p++) {
		bc_tally_free(g->fig[p].t);
		bc_free(g->fig[p].fed);
		g->fig[p] = (figures){0};
	}
}

static void figure_in(gather *g, size_t u, const bc_criterion *c,
		      bc_score_in *in)
{
	bc_rank *r = g->r;
	const bc_period_type *want = c->period ? c->period : r->scheme->period;
	if (!c->form)
		return;
	int p = figure_period(g, u, want ? want->code : NULL, c->form->id);
	if (p < 0)
		return; /* nothing reported: scored 0, and said so */
	const bc_period *pp = &r->periods[p].period;
	const bc_form *f = bc_ruleset_form(pp->rs, c->form->id);
	int li = level_no(pp->rs, r->units[u].unit->kind);
	if (!f || li < 0)
		return;
	size_t fi = (size_t)(f - pp->rs->forms);
	const bc_tally *t = figures_of(g, u, (size_t)p, fi, (size_t)li);
	if (t)
		read_figure(t, c, f, fi, (size_t)li, in);
	in->source = pp->code;
}

static void assessed_in(const bc_rank *r, int64_t unit, const bc_criterion *c,
			bc_score_in *in)
{
	const bc_assessment *a = bc_assessment_find(&r->assessed, unit, c->id);
	if (!a)
		return;
	in->assessed = true;
	in->points = (double)a->points / 100.0;
	in->note = a->note;
}

static void gather_unit(gather *g, size_t u)
{
	bc_rank_unit *ru = &g->r->units[u];
	const bc_score_group *grp = ru->group;
	ru->in = bc_arena_alloc(&g->r->mem,
				(grp->n_criteria + 1) * sizeof *ru->in);
	ru->sort_key = bc_collate_key(ru->unit->name);
	if (!ru->in || !ru->sort_key) {
		g->rc = BC_ERR_NOMEM;
		return;
	}
	for (size_t k = 0; g->rc == BC_OK && k < grp->n_criteria; k++) {
		const bc_criterion *c = grp->criteria[k];
		bc_score_in *in = &ru->in[k];
		*in = (bc_score_in){0};
		switch (c->kind) {
		case BC_CRIT_DISCIPLINE:
			discipline_in(g, u, c, in);
			break;
		case BC_CRIT_FIGURE:
			figure_in(g, u, c, in);
			break;
		case BC_CRIT_SELF:
			figure_in(g, u, c, in);
			assessed_in(g->r, ru->unit->id, c, in);
			break;
		case BC_CRIT_ASSESSED:
			assessed_in(g->r, ru->unit->id, c, in);
			break;
		case BC_CRIT_N:
			break;
		}
	}
	figures_free(g);
	if (g->rc == BC_OK)
		g->rc = bc_score_unit(g->r->scheme, grp, ru->in, &ru->score);
}

/* ---- ranks -------------------------------------------------------------- */

static size_t group_no(const bc_scheme *s, const bc_score_group *g)
{
	return (size_t)(g - s->groups);
}

static int cmp_score(const void *a, const void *b)
{
	const bc_rank_unit *x = a, *y = b;
	size_t gx = group_no(x->score.scheme, x->group),
	       gy = group_no(y->score.scheme, y->group);
	if (gx != gy)
		return gx < gy ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->score.total != y->score.total)
		return x->score.total > y->score.total ? -1 : 1;
	int c = strcmp(x->sort_key, y->sort_key);
	return c ? c : strcmp(x->unit->code, y->unit->code);
}

/* Ranks within each group: units sorted by group and total first, then
 * each group's run ranked, then sorted again with ranks. */
static bc_err rank_groups(bc_rank *r)
{
	if (!r->n)
		return BC_OK;
	qsort(r->units, r->n, sizeof *r->units, cmp_score);
	double *total = bc_calloc(r->n, sizeof *total);
	int *rank = bc_calloc(r->n, sizeof *rank);
	bc_err rc = total && rank ? BC_OK : BC_ERR_NOMEM;
	for (size_t i = 0; rc == BC_OK && i < r->n;) {
		size_t j = i;
		while (j < r->n && r->units[j].group == r->units[i].group) {
			total[j - i] = r->units[j].score.total;
			j++;
		}
		rc = bc_score_ranks(r->scheme, total, j - i, rank);
		for (size_t k = i; rc == BC_OK && k < j; k++)
			r->units[k].rank = rank[k - i];
		i = j;
	}
	if (rc == BC_OK)
		qsort(r->units, r->n, sizeof *r->units, cmp_score);
	bc_free(total);
	bc_free(rank);
	return rc;
}

/* ---- the year ----------------------------------------------------------- */

/* Before the last deadline of the year's periods, more is to come. */
static bool before_last_deadline(const bc_rank *r)
{
	for (size_t p = 0; p < r->n_periods; p++) {
		const bc_status *s = &r->periods[p];
		if (r->as_of < s->period.unit_due)
			return true;
		for (size_t k = 0; k < s->n; k++)
			if (r->as_of < s->units[k].due)
				return true;
	}
	return false;
}

static bc_err statuses(bc_store *st, bc_rulebook *rb, bc_rank *r,
		       bc_diags *d)
{
	bc_period *v = NULL;
	size_t n = 0;
	bc_err rc = year_periods(st, rb, r->year, &v, &n, d);
	if (rc == BC_OK && n)
		r->periods = bc_calloc(n, sizeof *r->periods);
	if (rc == BC_OK && n && !r->periods)
		rc = BC_ERR_NOMEM;
	for (size_t i = 0; rc == BC_OK && i < n; i++) {
		rc = bc_status_get(st, rb, v[i].code, r->as_of, &r->periods[i],
				   d);
		r->n_periods = i + 1; /* freed with the rank, also half made */
	}
	bc_period_list_free(v, n);
	return rc;
}

bc_err bc_rank_year(bc_store *st, bc_rulebook *rb, int year, bc_date as_of,
		    bool given, bc_rank *out, bc_diags *d)
{
	*out = (bc_rank){.year = year, .as_of = as_of};
	out->scheme = bc_rank_scheme(st, rb, year, &out->rs, d);
	if (!out->scheme)
		return d->oom ? BC_ERR_NOMEM : BC_ERR_NOT_FOUND;
	bc_err rc = statuses(st, rb, out, d);
	if (rc == BC_OK && out->n_periods)
		rc = bc_assessments_get(
			st, year,
			bc_period_day_end(&out->periods[out->n_periods - 1].period,
					  as_of),
			&out->assessed, d);
	gather g = {.st = st, .d = d, .r = out};
	if (rc == BC_OK)
		rc = collect_units(&g);
	if (rc == BC_OK && out->n_periods &&
	    !(g.fig = bc_calloc(out->n_periods, sizeof *g.fig)))
		rc = BC_ERR_NOMEM;
	g.rc = rc;
	for (size_t u = 0; g.rc == BC_OK && u < out->n; u++)
		gather_unit(&g, u);
	rc = g.rc;
	figures_free(&g);
	bc_free(g.owed);
	bc_free(g.fig);
	if (rc == BC_OK)
		rc = rank_groups(out);
	out->provisional = given || before_last_deadline(out);
	return rc;
}

const bc_rank_unit *bc_rank_find(const bc_rank *r, const char *code)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->units[i].unit->code, code) == 0)
			return &r->units[i];
	return NULL;
}

void bc_rank_free(bc_rank *r)
{
	for (size_t i = 0; i < r->n; i++) {
		bc_unit_score_free(&r->units[i].score);
		bc_free(r->units[i].sort_key);
	}
	bc_free(r->units);
	for (size_t i = 0; i < r->n_periods; i++)
		bc_status_free(&r->periods[i]);
	bc_free(r->periods);
	bc_assessments_free(&r->assessed);
	bc_arena_free(&r->mem);
	*r = (bc_rank){0};
}

/* SPDX-License-Identifier: MIT */
/* A unit's score on a scheme: the arithmetic alone, each zero with its
 * reason (score.h). */
#include "score.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const WHY_NAMES[BC_WHY_N] = {
	[BC_WHY_SCORED] = "scored",
	[BC_WHY_NO_PERIOD] = "no_period",
	[BC_WHY_MISSING] = "missing",
	[BC_WHY_ZERO_DEN] = "zero_denominator",
	[BC_WHY_NO_BAND] = "no_band",
	[BC_WHY_NOT_ASSESSED] = "not_assessed",
	[BC_WHY_OVERRIDDEN] = "overridden",
};

const char *bc_why_name(bc_why w)
{
	return w < BC_WHY_N ? WHY_NAMES[w] : "?";
}

/* Points in whole units of the scheme's last decimal: sums and ties are
 * counted in these, so that 0.1 + 0.2 ties with 0.3. */
static long long units(const bc_scheme *s, double points)
{
	double f = pow(10, s->decimals);
	/* The nudge keeps 1.005 (1.00499… as a double) rounding up. */
	double x = fabs(points) * f * (1 + 1e-12);
	long long u = (long long)floor(x + 0.5);
	return points < 0 ? -u : u;
}

static double from_units(const bc_scheme *s, long long u)
{
	return (double)u / pow(10, s->decimals);
}

double bc_score_round(const bc_scheme *s, double points)
{
	return from_units(s, units(s, points));
}

static bool meets(bc_relop op, double v, double bound)
{
	switch (op) {
	case BC_GE:
		return v >= bound;
	case BC_GT:
		return v > bound;
	case BC_LE:
		return v <= bound;
	case BC_LT:
		return v < bound;
	default:
		return false;
	}
}

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

double bc_score_figure(const bc_criterion *c, double v, int *band,
		       double *share)
{
	*band = -1;
	*share = 0;
	if (c->scoring == BC_SCORING_PROPORTIONAL) {
		*share = clamp((v - c->from) / (c->to - c->from), 0, 1);
		return *share * c->max;
	}
	for (size_t i = 0; i < c->n_bands; i++)
		if (meets(c->bands[i].op, v, c->bands[i].bound)) {
			*band = (int)i;
			return c->bands[i].points;
		}
	return 0;
}

/* The mean of the points of the periods the unit owed. */
static void score_discipline(const bc_criterion *c, const bc_score_in *in,
			     bc_crit_score *out)
{
	double sum = 0;
	out->periods = in->periods;
	out->n_periods = in->n_periods;
	for (size_t i = 0; i < in->n_periods; i++) {
		bc_pstate s = in->periods[i].state;
		if (s >= BC_PSTATE_N)
			s = BC_PSTATE_MISSING;
		out->counts[s]++;
		if (s < BC_PSTATE_SCORED) {
			out->owed++;
			sum += c->state_points[s];
		}
	}
	if (!out->owed)
		out->why = BC_WHY_NO_PERIOD;
	else
		out->points = sum / (double)out->owed;
}

/* The value a figure scores, from a field or an indicator's parts;
 * false (with the reason) when there is none. */
static bool figure_value(const bc_criterion *c, const bc_score_in *in,
			 bc_crit_score *out)
{
	if (!c->indicator) {
		out->has_value = in->has_value && isfinite(in->value);
		out->value = out->has_value ? in->value : 0;
		out->why = out->has_value ? BC_WHY_SCORED : BC_WHY_MISSING;
		return out->has_value;
	}
	out->has_ratio = in->has_ratio && isfinite(in->num) &&
			 isfinite(in->den);
	if (!out->has_ratio) {
		out->why = BC_WHY_MISSING;
		return false;
	}
	out->num = in->num;
	out->den = in->den;
	if (in->den == 0) {
		out->why = BC_WHY_ZERO_DEN;
		out->points = c->has_if_none ? c->if_none : 0;
		return false;
	}
	out->has_value = true;
	out->value = in->num / in->den * 100;
	return true;
}

static void score_figure(const bc_criterion *c, const bc_score_in *in,
			 bc_crit_score *out)
{
	out->source = in->source;
	if (!figure_value(c, in, out))
		return;
	out->points = bc_score_figure(c, out->value, &out->band, &out->share);
	if (c->scoring == BC_SCORING_BANDS && out->band < 0)
		out->why = BC_WHY_NO_BAND;
}

/* The council's points, clamped to the criterion's. */
static void take_assessed(const bc_criterion *c, const bc_score_in *in,
			  bc_crit_score *out)
{
	double p = isfinite(in->points) ? in->points : 0;
	out->points = clamp(p, 0, c->max);
	out->clamped = out->points != in->points;
	out->note = in->note;
}

static void score_self(const bc_criterion *c, const bc_score_in *in,
		       bc_crit_score *out)
{
	out->source = in->source;
	out->has_value = in->has_value && isfinite(in->value);
	out->value = out->has_value ? in->value : 0;
	if (in->assessed) {
		take_assessed(c, in, out);
		out->why = BC_WHY_OVERRIDDEN;
	} else if (!out->has_value) {
		out->why = BC_WHY_MISSING;
	} else {
		out->points = clamp(out->value, 0, c->max);
		out->clamped = out->points != out->value;
	}
}

void bc_score_criterion(const bc_criterion *c, const bc_score_in *in,
			bc_crit_score *out)
{
	*out = (bc_crit_score){.crit = c, .band = -1, .why = BC_WHY_SCORED};
	switch (c->kind) {
	case BC_CRIT_DISCIPLINE:
		score_discipline(c, in, out);
		break;
	case BC_CRIT_FIGURE:
		score_figure(c, in, out);
		break;
	case BC_CRIT_ASSESSED:
		if (in->assessed)
			take_assessed(c, in, out);
		else
			out->why = BC_WHY_NOT_ASSESSED;
		break;
	case BC_CRIT_SELF:
		score_self(c, in, out);
		break;
	default:
		break;
	}
	double p = isfinite(out->points) ? out->points : 0;
	out->points = bc_score_round(c->scheme, clamp(p, 0, c->max));
}

bc_err bc_score_unit(const bc_scheme *s, const bc_score_group *g,
		     const bc_score_in *in, bc_unit_score *out)
{
	*out = (bc_unit_score){.scheme = s, .group = g};
	out->crit = bc_calloc(g->n_criteria + 1, sizeof *out->crit);
	out->parts = bc_calloc(g->n_parts + 1, sizeof *out->parts);
	long long *sum = bc_calloc(g->n_parts + 1, sizeof *sum);
	if (!out->crit || !out->parts || !sum) {
		bc_free(sum);
		bc_unit_score_free(out);
		return BC_ERR_NOMEM;
	}
	long long total = 0;
	for (size_t i = 0; i < g->n_criteria; i++) {
		bc_score_criterion(g->criteria[i], &in[i], &out->crit[i]);
		long long u = units(s, out->crit[i].points);
		sum[g->criteria[i]->part->index] += u;
		total += u;
	}
	for (size_t k = 0; k < g->n_parts; k++)
		out->parts[k] = from_units(s, sum[k]);
	out->total = from_units(s, total);
	out->cls = bc_scheme_class(s, out->total);
	bc_free(sum);
	return BC_OK;
}

void bc_unit_score_free(bc_unit_score *u)
{
	if (!u)
		return;
	bc_free(u->crit);
	bc_free(u->parts);
	u->crit = NULL;
	u->parts = NULL;
}

/* Orders positions by their totals' units, highest first. */
typedef struct ranked {
	long long units;
	size_t at;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->units != y->units)
		return x->units > y->units ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

bc_err bc_score_ranks(const bc_scheme *s, const double *total, size_t n,
		      int *rank)
{
	ranked *v = bc_calloc(n + 1, sizeof *v);
	if (!v)
		return BC_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		v[i] = (ranked){units(s, total[i]), i};
	qsort(v, n, sizeof *v, cmp_ranked);
	for (size_t i = 0; i < n; i++)
		rank[v[i].at] = i && v[i].units == v[i - 1].units
					? rank[v[i - 1].at]
					: (int)i + 1;
	bc_free(v);
	return BC_OK;
}

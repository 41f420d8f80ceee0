/* SPDX-License-Identifier: MIT */
/*
 * A unit's score on a scoring scheme (rules/scheme.h): points per
 * criterion, each with the numbers it came from, part sums, a total and
 * a class; and ranks within a group.
 *
 * Pure functions: the caller gathers each unit's inputs (its state in
 * each period, its figures, the council's points) from the store and
 * hands them here, so that the arithmetic and every reason for a zero is
 * tested without a database.  No result is ever NaN or infinite: a
 * missing value or a zero denominator scores 0 and says so (bc_why).
 *
 * A unit that existed for only part of the year is scored on the periods
 * it owed: a discipline criterion's points are the mean of its periods'
 * points over the periods in a scored state (bc_pstate below
 * BC_PSTATE_SCORED); periods not owed or not yet due are left out, and
 * counted in the explanation.  Figures are read from the periods the
 * unit reported for; the caller gives what there is.
 */
#ifndef BC_SCORE_H
#define BC_SCORE_H

#include "error.h"
#include "scheme.h"

#include <stdbool.h>
#include <stddef.h>

/* A unit's state in one period (discipline). */
typedef struct bc_period_in {
	const char *period; /* its code, "2023-Q1" (borrowed from the caller) */
	bc_pstate state;
} bc_period_in;

/* What the caller knows of one criterion for one unit.  Zeroed is "nothing
 * known": no periods, no value, no assessed entry.  Every pointer is the
 * caller's and must outlive the bc_unit_score made from it. */
typedef struct bc_score_in {
	/* discipline: the unit's state in each period of the year of the
	 * criterion's period types, in order (those it did not owe
	 * BC_PSTATE_NOT_OWED, or simply left out) */
	const bc_period_in *periods;
	size_t n_periods;
	/* figure (a field), self: the unit's value, when it reported one */
	bool has_value;
	double value;
	/* figure (an indicator): its numerator and denominator, each the
	 * sum of the unit's own values the indicator names (a rows
	 * indicator: the rows matching and all rows); the evaluator makes
	 * the percentage */
	bool has_ratio;
	double num, den;
	/* figure, self: where the value came from, "2023-Y" (or NULL) */
	const char *source;
	/* assessed, and self when the council overrides it: the points it
	 * gave (clamped to 0..max) and its note (or NULL).  Ignored for
	 * discipline and figure criteria. */
	bool assessed;
	double points;
	const char *note;
} bc_score_in;

/* Why a criterion scored what it did. */
typedef enum bc_why {
	BC_WHY_SCORED,       /* from its inputs, as the criterion says */
	BC_WHY_NO_PERIOD,    /* discipline: no period owed in the year */
	BC_WHY_MISSING,      /* figure, self: no value reported */
	BC_WHY_ZERO_DEN,     /* figure: an indicator whose denominator is 0
			      * (crit->if_none points, 0 unless said) */
	BC_WHY_NO_BAND,      /* figure: the value meets no band */
	BC_WHY_NOT_ASSESSED, /* assessed: no points from the council */
	BC_WHY_OVERRIDDEN,   /* self: the council's points replace the unit's */
	BC_WHY_N
} bc_why;

/* One criterion's points and what they came from: the explanation as
 * data (rank --unit, --json). */
typedef struct bc_crit_score {
	const bc_criterion *crit; /* borrowed from the scheme */
	double points;            /* 0..crit->max, rounded to the scheme's
				   * decimals; never NaN */
	bc_why why;
	/* figure, self: the value scored (an indicator's percentage, or the
	 * self-assessed points), and an indicator's parts */
	bool has_value;
	double value;
	bool has_ratio;
	double num, den;
	const char *source; /* borrowed from the input */
	/* figure: the band that matched (index in crit->bands, -1 none);
	 * proportional: where the value falls between from (0) and to (1),
	 * clamped */
	int band;
	double share;
	/* discipline: the periods in each state, and the periods scored
	 * (those in a scored state); the periods themselves, borrowed from
	 * the input */
	size_t counts[BC_PSTATE_N];
	size_t owed;
	const bc_period_in *periods;
	size_t n_periods;
	/* assessed, self overridden: the council's note (borrowed) and,
	 * overridden, what the unit gave itself (has_value, value above) */
	const char *note;
	bool clamped; /* assessed or self points outside 0..max, clamped */
} bc_crit_score;

/* A unit's score in its group. */
typedef struct bc_unit_score {
	const bc_scheme *scheme;     /* borrowed */
	const bc_score_group *group; /* borrowed */
	bc_crit_score *crit; /* group->n_criteria, in group->criteria order */
	double *parts;       /* group->n_parts: the sum of each part */
	double total;        /* the sum of the parts */
	const bc_score_class *cls; /* its class, or NULL below every class */
} bc_unit_score;

/*
 * Scores one unit of group g of scheme s from in[g->n_criteria] (in
 * g->criteria order) into *out.  BC_ERR_NOMEM is the only failure; on
 * success the caller frees out with bc_unit_score_free (also on failure,
 * which leaves it empty).  out borrows from s, g and in.
 */
bc_err bc_score_unit(const bc_scheme *s, const bc_score_group *g,
		     const bc_score_in *in, bc_unit_score *out);
void bc_unit_score_free(bc_unit_score *u);

/* One criterion's score from its input: what bc_score_unit does for each. */
void bc_score_criterion(const bc_criterion *c, const bc_score_in *in,
			bc_crit_score *out);

/* The points scored on figure criterion c for value v (a field's value
 * or an indicator's percentage), with the band (-1 none) or share it
 * took: the arithmetic of bands and proportions alone. */
double bc_score_figure(const bc_criterion *c, double v, int *band,
		       double *share);

/* Points rounded to s's decimals, half away from zero. */
double bc_score_round(const bc_scheme *s, double points);

/*
 * The ranks of n totals within a group into rank[n]: 1 for the highest,
 * ties (equal once rounded to s's decimals) sharing the better rank and
 * the next rank skipping as many ("1, 2, 2, 4").  BC_ERR_NOMEM only.
 */
bc_err bc_score_ranks(const bc_scheme *s, const double *total, size_t n,
		      int *rank);

/* "scored", "no_period", "missing", "zero_denominator", "no_band",
 * "not_assessed", "overridden": the ids JSON uses. */
const char *bc_why_name(bc_why w);

#endif

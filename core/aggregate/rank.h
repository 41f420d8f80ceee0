/* SPDX-License-Identifier: MIT */
/*
 * A year's scores: what the store says of every unit for the criteria of
 * the year's scoring scheme (rules/scheme.h), scored (score.h) and ranked
 * within each group.
 *
 * What is gathered, as of a day (the end of it, in the rules' time zone):
 *  - the periods of the year: its regular periods that units report
 *    (neither ad-hoc nor derived), each seen as bc_status sees it, with
 *    the units of its own day (bc_period.to);
 *  - each unit's state in each: on time, late, partial, missing as
 *    status says; not owed when the unit did not exist that day or owed
 *    nothing; pending when the unit's deadline had not passed on the day
 *    scored (every unit alike, whatever it had sent, so that early
 *    reporters are not set apart from the others before the deadline);
 *  - its own figures: a field or indicator of a form, from the report of
 *    the period the criterion names (the scheme's, "Y") in force on the
 *    day; when the unit has none in force there (the year not over, the
 *    report not sent), from the period of the year with the widest data
 *    window of those it has one for (the latest among equals): what is
 *    known of the year so far, the explanation naming the period;
 *  - the council's points in force (assessment.h) among the batches
 *    imported by the day.
 * A unit is scored when it owed something in one of the year's periods
 * and its kind is in one of the scheme's groups; it is named as it was in
 * the last period it owed.  The scheme is the one the rules in force now
 * give the year (a recorded period's figures are read under its own
 * recorded rules, form and field matched by id).
 */
#ifndef BC_RANK_H
#define BC_RANK_H

#include "assessment.h"
#include "rulebook.h"
#include "score.h"
#include "status.h"
#include "store.h"
#include "unit.h"

typedef struct bc_rank_unit {
	/* As of the last period it owed (borrowed from periods). */
	const bc_unit *unit;
	const bc_score_group *group; /* borrowed from the scheme */
	bc_score_in *in;	/* group->n_criteria, what was gathered */
	bc_unit_score score;
	int rank;		/* within its group, ties sharing it */
	char *sort_key;		/* its name's Vietnamese order */
} bc_rank_unit;

typedef struct bc_rank {
	int year;
	bc_date as_of;
	/* Scored before the year's reporting was over: as of a day before
	 * the last deadline of its periods, or as of a day given (more may
	 * still arrive). */
	bool provisional;
	const bc_ruleset *rs;	  /* the scheme's, borrowed from the rulebook */
	const bc_scheme *scheme;  /* borrowed */
	/* The year's periods, by deadline, each as status saw it on the
	 * day: the period, and who owed what and sent it. */
	bc_status *periods;
	size_t n_periods;
	/* Group by group in the scheme's order, then by rank, then by name
	 * in Vietnamese order. */
	bc_rank_unit *units;
	size_t n;
	bc_assessments assessed;
	bc_arena mem; /* the inputs' arrays */
} bc_rank;

/*
 * Scores year as of the end of day as_of; given says the day was asked
 * for (the result is then provisional).  BC_ERR_NOT_FOUND, said in d,
 * when the rules give no scoring scheme for the year.  Free out with
 * bc_rank_free, also after an error.
 */
bc_err bc_rank_year(bc_store *st, bc_rulebook *rb, int year, bc_date as_of,
		    bool given, bc_rank *out, bc_diags *d);
void bc_rank_free(bc_rank *r);

/* The unit with this code in r, or NULL. */
const bc_rank_unit *bc_rank_find(const bc_rank *r, const char *code);

/* The scheme the rules in force now give year, with its ruleset in *rs,
 * or NULL (then d says so). */
const bc_scheme *bc_rank_scheme(bc_store *st, bc_rulebook *rb, int year,
				const bc_ruleset **rs, bc_diags *d);

#endif

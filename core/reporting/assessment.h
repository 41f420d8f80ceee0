/* SPDX-License-Identifier: MIT */
/*
 * The points the district's assessment council gives units for a year's
 * criteria, imported from a CSV (unit,criterion,points,note) all or
 * nothing, and kept: each import is a batch (who assessed, who imported
 * it, when, the file and its SHA-256) numbered 1, 2, … within its year,
 * appended, never changed.  For a unit and a criterion the entry of the
 * latest batch that names them is in force, so a batch may correct a
 * few entries and leave the rest as they were.
 *
 * The criteria come from the caller (the scoring scheme of the year):
 * this module knows only their ids, their maxima and whether the council
 * may score them.
 */
#ifndef BC_ASSESSMENT_H
#define BC_ASSESSMENT_H

#include "date.h"
#include "error.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

/* A criterion as an import checks entries against it: the same id may
 * score several groups of units, each its own criterion. */
typedef struct bc_assess_criterion {
	const char *id;
	char *const *kinds; /* the unit kinds it scores */
	size_t n_kinds;
	int64_t max; /* its maximum, in hundredths of a point */
	/* The council may score it (an assessed criterion, or one a unit
	 * assesses itself, which the council may override). */
	bool assessable;
} bc_assess_criterion;

typedef struct bc_assess_import {
	int year;
	const char *path;  /* the CSV, as the user named it */
	const char *by;    /* who assessed (the council); NULL: the actor */
	const bc_assess_criterion *criteria; /* the year's, any order */
	size_t n_criteria;
} bc_assess_import;

typedef struct bc_assess_batch {
	int year, number; /* the number within the year, from 1 */
	char *file, *sha256, *by, *actor;
	bc_time imported_at;
	size_t entries;
} bc_assess_batch;

/*
 * Imports in->path as a new batch of in->year.  Every bad line is listed
 * in d with file:line (a unit unknown or in force on no day of the year,
 * a criterion not among in->criteria, none of that id scoring the
 * unit's kind (of its last version in the year) or not one the council
 * scores,
 * points that are no number, negative, with more than two decimals or
 * above the criterion's maximum, a unit and criterion given twice, a
 * column missing or unknown) and then nothing is stored:
 * BC_ERR_INVALID.  A file with no entry is refused too.  On success the
 * batch, as stored, is in *out (free with bc_assess_batch_free).
 */
bc_err bc_assess_import_file(bc_store *st, const bc_assess_import *in,
			     bc_assess_batch *out, bc_diags *d);
void bc_assess_batch_free(bc_assess_batch *b);

/* One entry in force. */
typedef struct bc_assessment {
	int64_t unit_id;
	char *unit, *criterion; /* the unit's code */
	int64_t points;		/* hundredths */
	char *note;		/* "" when none */
	int batch, line; /* the batch's number, the entry's line in its file */
} bc_assessment;

typedef struct bc_assessments {
	bc_assessment *v; /* by unit id, then criterion */
	size_t n;
	bc_assess_batch *batches; /* every batch of the year counted, in order */
	size_t n_batches;
} bc_assessments;

/* The entries in force for year among the batches imported up to until
 * (0: all), and those batches.  Free out with bc_assessments_free, also
 * after an error. */
bc_err bc_assessments_get(bc_store *st, int year, bc_time until,
			  bc_assessments *out, bc_diags *d);
/* The entry in force for unit id and criterion, or NULL. */
const bc_assessment *bc_assessment_find(const bc_assessments *a,
					int64_t unit_id, const char *criterion);
void bc_assessments_free(bc_assessments *a);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Correcting a stored receipt time.  Revisions are kept as received: a
 * wrong time (2023-03-20 typed for 2023-02-20, or a 2032 stored before
 * such times were refused) is corrected by appending a correction to the
 * submission that made them, with its reason and an audit entry.  Status,
 * history, the revision in force, aggregates and exports read the time
 * of the latest correction (the view revision_received); history shows
 * the time as imported beside it.
 */
#ifndef BC_RECEIPT_H
#define BC_RECEIPT_H

#include "rulebook.h"
#include "store.h"

/* Which submission, and its new time. */
typedef struct bc_receipt_fix {
	const char *unit, *period; /* codes */
	/* The submission that made revision number of part (0: the
	 * revision in force), or, part NULL, the one imported from the file
	 * whose SHA-256 begins with sha (8 hex digits at least). */
	const char *part;
	int number;
	const char *sha;
	bc_time received_at;
	int offset; /* the UTC offset it was written with */
	const char *reason;
} bc_receipt_fix;

/* What was corrected (strings owned; free with bc_receipt_done_free). */
typedef struct bc_receipt_done {
	char *revisions; /* "bm1 r2, bm3 r2" */
	char *sha256;
	bc_time was; /* the time in force before */
	int was_offset;
} bc_receipt_done;

/* Appends the correction in one transaction.  BC_ERR_NOT_FOUND when
 * no submission matches (or an unknown unit or period), BC_ERR_INVALID
 * when the new time is one the report cannot have come at
 * (bc_receipt_plausible), the reason is empty, or a SHA-256 prefix
 * names several files; the reason in d. */
bc_err bc_receipt_correct(bc_store *st, bc_rulebook *rb,
			  const bc_receipt_fix *f, bc_receipt_done *out,
			  bc_diags *d);
void bc_receipt_done_free(bc_receipt_done *r);

#endif

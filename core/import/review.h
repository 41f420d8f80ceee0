/* SPDX-License-Identifier: MIT */
/*
 * The district's word on what came in, appended beside the revisions
 * (store.c, step 7), never written into them:
 *
 * - a review of a revision in force: returned to its unit (with a
 *   reason; the part counts as not received until the unit sends a
 *   newer revision) or accepted (checked by the district).  The latest
 *   review of a revision stands, so an acceptance after a return takes
 *   the return back;
 * - a void: a revision imported by mistake (the wrong unit's file, a
 *   test file) is withdrawn, kept stored; the revision in force is then
 *   the one before it, or none.
 *
 * Each names who (the store's actor), when (the store's clock) and why,
 * with an audit entry.  What they mean for the revision in force is read
 * from the view revision_standing (revision.h: BC_STANDING), by status,
 * aggregate, exports and history alike.
 */
#ifndef BC_REVIEW_H
#define BC_REVIEW_H

#include "rulebook.h"
#include "store.h"

typedef enum bc_verdict {
	BC_VERDICT_RETURN,
	BC_VERDICT_ACCEPT,
} bc_verdict;

/* "return", "accept": the ids the database and --json use. */
const char *bc_verdict_id(bc_verdict v);

typedef struct bc_review_req {
	const char *unit, *period; /* codes */
	/* Parts (form ids or the report), or none: every part the unit
	 * has a revision in force of that the verdict would change. */
	const char *const *parts;
	size_t n_parts;
	bc_verdict verdict;
	const char *reason; /* a return's is required; NULL: none */
} bc_review_req;

/* A revision acted on: part (owned) and number. */
typedef struct bc_acted {
	char *part;
	int number;
} bc_acted;

typedef struct bc_acted_list {
	bc_acted *v;
	size_t n;
} bc_acted_list;
void bc_acted_list_free(bc_acted_list *l);
/* "bm3 r1, bm4 r2", as the audit and the command line say it; the
 * caller frees it (bc_free); NULL when memory runs out. */
char *bc_acted_text(const bc_acted_list *l);

/*
 * Records the verdict on the revision in force of each part, in one
 * transaction, or nothing.  Refused, every problem said in d: an unknown
 * unit, period or part (BC_ERR_NOT_FOUND); a blank reason for a return,
 * a part with no revision standing, a part already so reviewed (a
 * return of a returned revision, an acceptance of an accepted one)
 * (BC_ERR_INVALID).  What was acted on into *out (free with
 * bc_acted_list_free, also after an error).
 */
bc_err bc_review_record(bc_store *st, bc_rulebook *rb,
			const bc_review_req *r, bc_acted_list *out,
			bc_diags *d);

typedef struct bc_void_req {
	const char *unit, *period, *part; /* codes, and a form id or report */
	/* The revision to void; 0: the part's latest, which must not be
	 * void already (so a command repeated voids nothing more). */
	int number;
	const char *reason;
} bc_void_req;

/* Voids a revision, in one transaction, or nothing: BC_ERR_NOT_FOUND
 * for an unknown unit, period, part or revision number; BC_ERR_INVALID
 * for a blank reason or a revision void already.  Its number in
 * *number. */
bc_err bc_revision_void(bc_store *st, bc_rulebook *rb, const bc_void_req *r,
			int *number, bc_diags *d);

#endif

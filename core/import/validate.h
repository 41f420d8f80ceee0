/* SPDX-License-Identifier: MIT */
/*
 * Checking a submission against the rules that govern its period: the
 * unit and period exist, the signer is named, every form is one the unit
 * owes, every field one its form asks of the unit's level, every value of
 * its field's type, every field the rules mark required is there, every
 * declared check holds.  Every problem is reported; warnings (late,
 * estimated, unlike last year, a carry-over that does not match) are kept
 * with the parts.  A form with no value in it is no part: it is left out
 * with a warning, and is still owed.
 */
#ifndef BC_VALIDATE_H
#define BC_VALIDATE_H

#include "duty.h"
#include "import.h"
#include "period.h"
#include "revision.h"
#include "rulebook.h"
#include "store.h"
#include "submission.h"
#include "unit.h"

typedef struct bc_checked {
	bc_unit unit;
	const char *level; /* the unit's level (borrowed from the rules) */
	bc_period period;
	bc_owed owed;
	bc_time received_at;
	int offset;
	/* Neither the file nor the options said when it arrived: received_at
	 * is the time of import, and a late verdict rests on that alone. */
	bool received_default;
	const char *channel; /* borrowed from the submission, options or rules */
	const char *signer_name, *signer_title, *signed_date; /* borrowed */
	bool estimated;
	bool late;
	bc_part *parts; /* in file order, the report last */
	size_t n_parts;
	bc_diags warnings; /* about the whole submission */
} bc_checked;

/* Checks s; errors and warnings go to d (with the file and line), and on
 * BC_OK out holds the parts to store (free with bc_checked_free, also
 * after an error).  BC_ERR_INVALID when s is refused. */
bc_err bc_validate(bc_store *st, bc_rulebook *rb, const bc_submission *s,
		   const bc_import_opts *o, bc_checked *out, bc_diags *d);
void bc_checked_free(bc_checked *c);

/* Seconds a receipt time may be ahead of "now": another computer's clock,
 * the minutes between a file's arrival and its import. */
#define BC_RECEIPT_SKEW (5 * 60)

/* Whether a unit can have sent its report of p at time at, now being
 * now: not later than now (beyond BC_RECEIPT_SKEW) — a typed 2032 would
 * stay the revision in force for good, later corrections being earlier
 * — and not before the day p's data window opens, as no report of a
 * period comes before it begins (a typed 2003; a report sent early,
 * within its window, is possible and accepted).  When not, why[n] says
 * so, with the times at offset. */
bool bc_receipt_plausible(bc_time at, bc_time now, const bc_period *p,
			  int offset, char *why, size_t n);

/* The late warning an import keeps with a revision, in English, told in
 * the reader's language with dates day first: true, and out[n] set, when
 * stored is word for word the one made for a receipt at `at` (at offset)
 * after the deadline due; false otherwise. */
bool bc_late_warning_text(const char *stored, bc_time at, int offset,
			  bc_date due, char *out, size_t n);

#endif

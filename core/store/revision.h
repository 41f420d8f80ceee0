/* SPDX-License-Identifier: MIT */
/*
 * Revisions: every part (a form, or the narrative report) a unit sends
 * for a period is stored as a new revision of (unit, period, part), with
 * its values and the warnings it drew.  Nothing is ever overwritten; the
 * revision in force is the one with the latest receipt time, ties going
 * to the higher number, of those not voided.
 */
#ifndef BC_REVISION_H
#define BC_REVISION_H

#include "date.h"
#include "decimal.h"
#include "error.h"
#include "ruleset.h"
#include "store.h"

#include <stdint.h>

/*
 * Every query of the revision in force reads it so: from BC_STANDING
 * (the view revision_standing: the revisions not void, each with
 * `returned`, true when the district's latest review of it sent it
 * back), the first in BC_LATEST order among those received by the time
 * asked.  It counts as received, and its values as the unit's, unless
 * it is returned (then the part is owed again until a newer revision
 * comes): a query of values keeps the row only when NOT returned.
 */
#define BC_STANDING "revision_standing"
#define BC_LATEST(r) " ORDER BY " r ".received_at DESC, " r ".number DESC"
/* BC_LATEST's order as one integer, greatest first: a query that takes
 * every (unit, part)'s revision in force at once groups by them and
 * keeps the row of max(BC_LATEST_KEY), which SQLite streams in the
 * index's order where row_number() over BC_LATEST sorts each group
 * (half the time, nationally).  Exact while |received_at| < 2^33 s
 * (the year 2242) and 0 <= number < 2^30; past that SQLite computes it
 * in floating point, which still orders by receipt and loses only the
 * tie to the higher number. */
#define BC_LATEST_KEY(r) " (" r ".received_at * 1073741824 + " r ".number)"

/* One checked value. */
typedef struct bc_val {
	const char *field; /* field, table or section id (borrowed) */
	int row;           /* table row from 1; 0 otherwise */
	const char *col;   /* table column or NULL (borrowed) */
	bool has_num;
	bc_dec num; /* exactly as written; a date's day, a boolean's 0 or 1 */
	char *text; /* owned: the text, a date, an enum value; or NULL */
	int line;
	const char *loc; /* a cell such as "bm3!E14" (borrowed), or NULL */
} bc_val;

/* One part of a checked submission, as it is stored. */
typedef struct bc_part {
	const char *part;    /* form id or BC_PART_REPORT (borrowed) */
	const bc_form *form; /* NULL for the report */
	bc_val *v;
	size_t n, cap;
	bool complete; /* the report: every section owed has text */
	bc_diags notes; /* warnings, kept with the revision */
	int number;     /* the revision number, once stored */
} bc_part;

void bc_part_free(bc_part *p);
/* Appends a value: num when it has one (or NULL), text copied, loc
 * borrowed. */
bc_err bc_part_add(bc_part *p, const char *field, int row, const char *col,
		   const bc_dec *num, const char *text, int line,
		   const char *loc);

/* How and when a submission came in. */
typedef struct bc_receipt {
	int64_t unit_id, period_id;
	const char *file, *sha256, *format;
	bc_time received_at;
	int offset; /* the UTC offset it was written with */
	const char *channel, *signer_name, *signer_title, *signed_date;
	bool estimated;
	const char *actor;
} bc_receipt;

/* Stores a submission and a revision per part (numbers set in parts),
 * inside the caller's transaction; on failure part of it may be
 * written, which the caller undoes (bc_store_rollback). */
bc_err bc_revision_store(bc_store *st, const bc_receipt *r, bc_part *parts,
			 size_t n, bc_diags *d);

/* If a file with this SHA-256 was imported for (unit, period), the
 * revisions it made, as "bm1 2, bm3 2"; otherwise *found is false. */
bc_err bc_revision_duplicate(bc_store *st, int64_t unit_id,
			     int64_t period_id, const char *sha256,
			     bool *found, char *what, size_t n, bc_diags *d);

/* Plain numeric values of revisions: part and field ids (owned). */
typedef struct bc_number {
	char *part, *field;
	bc_dec num;
} bc_number;

typedef struct bc_numbers {
	bc_number *v; /* by part, then field */
	size_t n;
} bc_numbers;

/* The plain numeric values of the revisions in force of every part of
 * (unit, period code); empty when there is none.  Free with
 * bc_numbers_free. */
bc_err bc_revision_numbers(bc_store *st, int64_t unit_id, const char *period,
			   bc_numbers *out, bc_diags *d);
/* The value of (part, field) in nums, or false. */
bool bc_numbers_get(const bc_numbers *nums, const char *part,
		    const char *field, bc_dec *v);
void bc_numbers_free(bc_numbers *nums);

/* The last day of the data window of period code into *to, and
 * *recorded, when it is recorded; else no unit has a report for it. */
bc_err bc_revision_period_to(bc_store *st, const char *code, bc_date *to,
			     bool *recorded, bc_diags *d);

/* The codes of the recorded periods just before one whose window
 * begins on day: those whose window ends on day (windows sharing their
 * cut-off day) or the day before (windows that abut), the later end
 * first, then the longer window (the regular report).  At most max,
 * each code of at most 23 characters; their number in *n. */
bc_err bc_revision_periods_before(bc_store *st, bc_date day,
				  char (*codes)[24], size_t max, size_t *n,
				  bc_diags *d);

/* The value of field (NULL: none) in the unit's revision in force of
 * part for period: *held when the unit has one, *found when it holds
 * a number for field. */
bc_err bc_revision_previous(bc_store *st, int64_t unit_id, const char *part,
			    const char *field, const char *period,
			    bc_dec *num, bool *held, bool *found, bc_diags *d);

/* The signer (name, title) of the unit's submission in force for period
 * as of until: of its parts' revisions in force received by then and
 * not sent back, the latest received that names a signer.  *name and
 * *title are new strings (bc_free), NULL when no such submission. */
bc_err bc_revision_signer(bc_store *st, int64_t unit_id, const char *period,
			  bc_time until, char **name, char **title,
			  bc_diags *d);

/*
 * A stored number, exactly, from columns num and num + 1 (cents) of a
 * row of the value table; false when it has none.  A number with one or
 * two decimals is stored in hundredths too (cents), as num, a double,
 * holds 15 significant digits and an amount may have 17; any other
 * number num gives back as written (whole numbers up to 10^15,
 * percentages of up to 15 digits, and rows stored before cents were).
 */
bool bc_value_number(struct sqlite3_stmt *s, int num, bc_dec *out);

#endif

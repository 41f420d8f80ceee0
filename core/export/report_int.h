/* SPDX-License-Identifier: MIT */
/* Private to report.c and report_annex.c: what building a report
 * shares. */
#ifndef BC_REPORT_INT_H
#define BC_REPORT_INT_H

#include "doc.h"
#include "duty.h"
#include "period.h"
#include "status.h"
#include "unit.h"

#include <jansson.h>

/* Where the building of the document stands. */
enum { BC_REP_BODY, BC_REP_ANNEX };

/* Where the appendices stand: which part, which form and table field,
 * which unit a list goes on from. */
typedef struct bc_rep_annex_at {
	int part;
	size_t form, field, unit;
	json_t *units; /* the units that have rows of the list begun */
	int no;        /* its rows numbered so far */
} bc_rep_annex_at;

struct bc_narrative;

typedef struct bc_rep {
	bc_store *st;
	bc_period period;
	const bc_period *p;
	const bc_ruleset *rs;
	bc_doc *doc;
	json_t *agg;         /* the figures, last year's beside them */
	bc_unit_list ul;     /* the units of the period's day */
	bc_unit_list who;    /* those it speaks of: ul, or its own unit */
	const bc_unit *own;  /* a unit's own report: its unit; else NULL */
	const bc_unit *issuer; /* who issues it: own, or the root */
	bc_owed owed;        /* what own owes */
	bc_status status;    /* who reported (the whole's report only) */
	bc_time until;       /* revisions received by then count */
	bc_date date;
	char period_words[256]; /* the period as a sentence names it */
	bc_diags *d;
	bc_err rc; /* the first failure; later steps do nothing */
	bool snapshot; /* a read transaction is open */
	struct bc_narrative *nar;
	bool *wrote; /* per section: it had texts */
	int stage;   /* BC_REP_BODY, BC_REP_ANNEX */
	size_t at;   /* the body's next section */
	bc_rep_annex_at ax;
} bc_rep;

/* The next piece of the appendices: their head and the indicators,
 * a form's figures, a piece of a list, and, in the whole's report, the
 * status; false when none is left (nothing appended). */
bool bc_rep_annex_step(bc_rep *r);

/* Notes e as r's failure when it is the first; returns whether r is
 * still sound. */
bool bc_rep_ok(bc_rep *r, bc_err e);

#endif

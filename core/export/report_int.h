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

typedef struct bc_rep {
	bc_store *st;
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
} bc_rep;

/* The appendices: the indicators, each form's figures, the lists and,
 * in the whole's report, the status. */
void bc_rep_annex(bc_rep *r);

/* Notes e as r's failure when it is the first; returns whether r is
 * still sound. */
bool bc_rep_ok(bc_rep *r, bc_err e);

#endif

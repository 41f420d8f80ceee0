/* SPDX-License-Identifier: MIT */
/*
 * The units' narrative texts of a period (the part "report"), a section
 * of the outline at a time, from each unit's report revision in force:
 * what the district's report quotes under each section, unit by unit.
 *
 * Opening notes which revision is in force for each unit of a list (in
 * a temporary table of the store, so the open narrative holds no text);
 * each section's texts are then read in the list's order and handed
 * over one at a time, so memory does not grow with the country.
 */
#ifndef BC_NARRATIVE_H
#define BC_NARRATIVE_H

#include "period.h"
#include "store.h"
#include "unit.h"

typedef struct bc_narrative bc_narrative;

/* The report revisions in force of period p for the units of ul,
 * among those received by until (0: every one).  *out is freed with
 * bc_narrative_close, which drops the temporary table; the store must
 * outlive it, and ul the reads. */
bc_err bc_narrative_open(bc_store *st, const bc_period *p, bc_time until,
			 const bc_unit_list *ul, bc_narrative **out,
			 bc_diags *d);
/* How many units of the list have a report in force. */
size_t bc_narrative_count(const bc_narrative *n);
/* Calls each(ud, i, text) for the text of section (its id) of every
 * unit ul->v[i] that wrote it, in the list's order; text is valid
 * during the call only.  An error each returns stops the reading and is
 * returned. */
bc_err bc_narrative_section(bc_narrative *n, const char *section,
			    bc_err (*each)(void *ud, size_t i,
					   const char *text),
			    void *ud, bc_diags *d);
void bc_narrative_close(bc_narrative *n);

#endif

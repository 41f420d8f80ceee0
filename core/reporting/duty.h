/* SPDX-License-Identifier: MIT */
/*
 * Who owes what: the parts (forms and the narrative report) and report
 * sections a unit owes for a period, from the ruleset's
 * responsibility{…} registrations and, for an ad-hoc period, the forms
 * it asked for.
 */
#ifndef BC_DUTY_H
#define BC_DUTY_H

#include "period.h"
#include "ruleset.h"

typedef struct bc_owed {
	const char **parts;    /* in declaration order; strings borrowed */
	size_t n_parts;
	const char **sections; /* report sections that must have text */
	size_t n_sections;
} bc_owed;

/* What a unit of kind with roles owes for period p (governed by
 * p->rs).  out's arrays are freed with bc_owed_free. */
bc_err bc_owed_for(const bc_period *p, const char *kind, char *const *roles,
		   size_t n_roles, bc_owed *out);
void bc_owed_free(bc_owed *o);

bool bc_owed_part(const bc_owed *o, const char *part);
/* A unit may write a section it owes, a parent of one or a sub-section
 * of one. */
bool bc_owed_may_write(const bc_owed *o, const char *section);
/* The report is complete when every owed section, or a sub-section of
 * it, is among the written ones. */
bool bc_owed_report_complete(const bc_owed *o, const char *const *written,
			     size_t n_written);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Who is to be reminded of a period as of a day, and what to tell each:
 * every unit that still owes parts (none sent, some, or parts sent back
 * to it), and every unit that sent everything but late, read off the
 * period's status (status.h) so that status and reminders never
 * disagree.  For each: the parts it still owes, its deadline (the last
 * day on time: the unit's own due, or the day before it where the
 * rules count the due day as late), the days left or overdue, and a
 * message in the rules' words (wording{ remind = … }) to paste into a
 * chat or send by e-mail.
 */
#ifndef BC_REMIND_H
#define BC_REMIND_H

#include "status.h"

typedef enum bc_remind_why {
	BC_REMIND_OWES, /* parts still owed, by a deadline ahead or today */
	BC_REMIND_OVERDUE, /* parts still owed past the deadline */
	BC_REMIND_LATE, /* everything sent, some of it after the deadline */
} bc_remind_why;

/* "owes", "overdue", "late": the ids of --json. */
const char *bc_remind_why_name(bc_remind_why w);

typedef struct bc_reminder {
	const bc_unit_status *u; /* the status's */
	bc_remind_why why;
	const char **owes; /* ids of the parts still owed, the rules' order */
	size_t n_owes;
	bc_date last_day; /* the last day on time */
	/* Days from as_of to last_day: left (>= 0) or, negative, overdue;
	 * for a unit that sent late, how many days after last_day its
	 * last part first arrived. */
	int days;
	bc_date sent; /* BC_REMIND_LATE: the day its last part arrived */
	char *subject, *message;
} bc_reminder;

typedef struct bc_remind {
	bc_status status;
	bc_reminder *v; /* in the status's order (Vietnamese, by name) */
	size_t n;
} bc_remind;

/* The reminders of period as of the end of day as_of, their texts in
 * the words of the period's rules.  BC_ERR_REFUSED, said in d, for a
 * derived period (its parts are what units send).  Free out with
 * bc_remind_free, also after an error. */
bc_err bc_remind_get(bc_store *st, bc_rulebook *rb, const char *period,
		     bc_date as_of, bc_remind *out, bc_diags *d);
void bc_remind_free(bc_remind *r);

/* How running text names p ("quý I năm 2023": the rules' document
 * words), its label where they say nothing, into out[n]. */
void bc_remind_period_text(const bc_period *p, char *out, size_t n);

/* The names of r's parts still owed, ", " between, into out[n]. */
void bc_remind_parts(const bc_remind *rm, const bc_reminder *r, char *out,
		     size_t n);

/* Keeps that r's message went to address through program (the mail
 * program took it): a row of the reminders sent, with who and when,
 * and an audit entry, in one transaction; the period is recorded first
 * when it is not yet. */
bc_err bc_remind_record(bc_store *st, bc_remind *rm, const bc_reminder *r,
			const char *address, const char *program,
			bc_diags *d);

#endif

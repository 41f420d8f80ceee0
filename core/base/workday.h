/* SPDX-License-Identifier: MIT */
/*
 * Working days: a calendar is data (weekends, holidays, weekend days
 * worked in exchange), and "the n-th working day after a day" is a pure
 * function of it.
 *
 * Saturdays and Sundays are days off unless registered as worked; a day
 * of a holiday is off.  A year the calendar registers no holiday in is
 * unknown: counting through it stops there, never counting as if the
 * year had no holidays.  So does a holiday whose days are not yet
 * decided (a Tết whose five days the Prime Minister has not yet set).
 */
#ifndef BC_WORKDAY_H
#define BC_WORKDAY_H

#include "date.h"
#include "error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Days off from `from` to `to`, both included. */
typedef struct bc_holiday {
	bc_date from, to;
	const char *label;
	/* Its days are not yet decided: counting through it is refused. */
	bool undecided;
} bc_holiday;

/* A Saturday or Sunday worked in exchange for a day off. */
typedef struct bc_makeup {
	bc_date day;
	const char *label;
} bc_makeup;

#define BC_WORKCAL_YEARS 10000 /* years 0..9999 */

/* Borrowed arrays, each sorted by day (bc_workcal_init), holidays not
 * overlapping; years[y / 8] bit y % 8 marks a year some holiday falls
 * in. */
typedef struct bc_workcal {
	const bc_holiday *holidays;
	size_t n_holidays;
	const bc_makeup *makeups;
	size_t n_makeups;
	uint8_t years[BC_WORKCAL_YEARS / 8];
} bc_workcal;

/* Sorts h and m in place and makes *c the calendar of them (it borrows
 * both: they must outlive it). */
void bc_workcal_init(bc_workcal *c, bc_holiday *h, size_t nh, bc_makeup *m,
		     size_t nm);

/* Whether some holiday of c falls in year. */
bool bc_workcal_knows(const bc_workcal *c, int year);

typedef enum bc_daykind {
	BC_DAY_WORKING,   /* a weekday, no holiday */
	BC_DAY_WEEKEND,   /* Saturday or Sunday, not worked */
	BC_DAY_HOLIDAY,   /* in a holiday (*label its label) */
	BC_DAY_MAKEUP,    /* a weekend day worked (*label its label) */
	BC_DAY_UNDECIDED, /* in a holiday not yet decided (*label) */
	BC_DAY_UNKNOWN,   /* in a year c knows nothing of */
} bc_daykind;

/* What day d is in c; *label (when label is not NULL) the label of its
 * holiday or make-up day, else NULL. */
bc_daykind bc_workcal_day(const bc_workcal *c, bc_date d, const char **label);
/* Whether k counts as a working day. */
bool bc_daykind_works(bc_daykind k);

/* The n-th working day after `after` (after itself never counts), n >= 1,
 * into *out: BC_DAY_WORKING.  When a day on the way is unknown or in an
 * undecided holiday, that day's kind, with that day in *out. */
bc_daykind bc_workcal_add(const bc_workcal *c, bc_date after, int n,
			  bc_date *out);

/* Days alike in a row: what `from` to `to` were to a count. */
typedef struct bc_dayrun {
	bc_date from, to;
	bc_daykind kind;
	const char *label; /* of a holiday or make-up day, else NULL */
	int first, last;   /* working days: their numbers in the count */
} bc_dayrun;

/* How the days after `after` up to `due` counted: runs of days of one
 * kind and label, in order.  *out is freed with bc_free. */
bc_err bc_workcal_runs(const bc_workcal *c, bc_date after, bc_date due,
		       bc_dayrun **out, size_t *n);

#endif

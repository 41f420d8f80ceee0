/* SPDX-License-Identifier: MIT */
/*
 * Completeness and timeliness of a period as of a day: for every unit
 * that owes something, what it owes, what arrived (the revision in force
 * then, and when the part was first received), what is missing.  A part
 * is on time when its first receipt was on or before the unit's deadline
 * in force now (its kind's or level's own, where the rules give one);
 * later revisions never change that.  A void revision is as if never
 * received; a returned one is shown, but not counted as received.
 */
#ifndef BC_STATUS_H
#define BC_STATUS_H

#include "duty.h"
#include "period.h"
#include "unit.h"

typedef struct bc_part_status {
	const char *part;
	int revision;   /* in force as of the day; 0 when none */
	bc_time first;  /* first (complete) receipt */
	bool on_time;
	/* A derived period's part: bit k set when parts[k] of the period
	 * has it not in force (aggregate/derive.h). */
	unsigned lacking;
	/* The district's latest review of the revision in force: returned
	 * (its number here, and revision 0: the part counts as not
	 * received until a newer revision comes) or accepted; when, by
	 * whom (owned) and why (owned, "" when none was given); reviewer
	 * NULL when none. */
	int returned;
	bool accepted;
	bc_time reviewed_at;
	char *reviewer, *review_reason;
} bc_part_status;

typedef enum bc_state {
	BC_STATE_ON_TIME,
	BC_STATE_LATE,
	BC_STATE_PARTIAL,
	BC_STATE_MISSING,
} bc_state;

const char *bc_state_name(bc_state s);

typedef struct bc_unit_status {
	bc_unit unit;
	bc_date due; /* the unit's own deadline (bc_period_unit_due) */
	bc_owed owed;
	bc_part_status *parts; /* one per part owed, in the rules' order */
	bc_state state;
	char *sort_key;
} bc_unit_status;

typedef struct bc_status {
	bc_period period;
	bc_date as_of;
	bc_unit_status *units; /* in Vietnamese order of their names */
	size_t n;
	size_t complete, on_time, late, partial, missing;
} bc_status;

/* What happened to a period's submissions: a revision received, one
 * returned to its unit or accepted by the district, one voided. */
typedef enum bc_event_kind {
	BC_EVENT_RECEIVED,
	BC_EVENT_RETURNED,
	BC_EVENT_ACCEPTED,
	BC_EVENT_VOIDED,
} bc_event_kind;

/* "received", "returned", "accepted", "voided": the ids of --json. */
const char *bc_event_name(bc_event_kind k);

typedef struct bc_event {
	bc_time at;
	bc_event_kind kind;
	char *unit, *part; /* codes (owned) */
	int number;        /* the revision */
	char *actor;       /* who imported, reviewed or voided it (owned) */
	char *reason;      /* a review's or a void's (owned); NULL for a receipt */
} bc_event;

typedef struct bc_events {
	bc_event *v; /* in time order */
	size_t n;
} bc_events;

/* What happened to the submissions of s's period from the start of day
 * since to the end of s's as-of day (both in the rules' time zone):
 * revisions received then (void ones too: they did arrive), reviews and
 * voids made then.  Free out with bc_events_free, also after an
 * error. */
bc_err bc_status_since(bc_store *st, const bc_status *s, bc_date since,
		       bc_events *out, bc_diags *d);
void bc_events_free(bc_events *e);

/* The status of period as of the end of day as_of (in the rules' time
 * zone).  Free out with bc_status_free, also after an error. */
bc_err bc_status_get(bc_store *st, bc_rulebook *rb, const char *period,
		     bc_date as_of, bc_status *out, bc_diags *d);
/* The same of a period already got, without the rulebook, so that a
 * thread may read it while another uses the rules: *p becomes the
 * status's (left empty).  A derived period, whose parts' statuses need
 * the rules, is BC_ERR_INVALID (use bc_status_get). */
bc_err bc_status_of(bc_store *st, bc_period *p, bc_date as_of,
		    bc_status *out, bc_diags *d);
void bc_status_free(bc_status *s);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The history of a unit's submissions for a period: every revision of
 * every part, how and when it came, who signed it, the file and its
 * SHA-256, the warnings it drew, what changed from the revision
 * before it, and what the district said of it (returned, accepted,
 * void).
 */
#ifndef BC_HISTORY_H
#define BC_HISTORY_H

#include "date.h"
#include "decimal.h"
#include "rulebook.h"
#include "store.h"

typedef struct bc_change {
	char *field; /* "hs_tiep_nhan", "van_ban[2].ngay", a section id */
	char *from;  /* NULL when added */
	char *to;    /* NULL when removed */
} bc_change;

/* The district's review of a revision: returned to its unit, or
 * accepted. */
typedef struct bc_review_info {
	bool returned; /* else accepted */
	char *reason;  /* "" when none was given (an acceptance's may be) */
	char *actor;
	bc_time at;
} bc_review_info;

typedef struct bc_revision_info {
	char *part;
	int number;
	bc_time received_at; /* corrected, if it was */
	int offset;
	/* A corrected receipt time: the reason of the latest correction,
	 * and the time the file was imported with; NULL otherwise. */
	char *correction;
	bc_time received_as;
	char *channel, *signer_name, *signer_title, *signed_date;
	char *file, *sha256;
	bc_time imported_at;
	char *actor;
	bool estimated, complete, in_force;
	/* A void revision: why, who, when; void_reason NULL otherwise. */
	char *void_reason, *void_actor;
	bc_time voided_at;
	bc_review_info *reviews; /* oldest first; the last one stands */
	size_t n_reviews;
	char **warnings;
	size_t n_warnings;
	bc_change *changes; /* from the previous revision of the part */
	size_t n_changes;
} bc_revision_info;

typedef struct bc_history {
	char *unit, *period;
	bc_revision_info *v; /* by part, then number */
	size_t n;
} bc_history;

/* One period of a unit's history of one field. */
typedef struct bc_field_point {
	char period[24];
	const bc_ruleset *rs; /* the period's rules */
	/* What they called the form and the field (rename.h): NULL when
	 * they had no such field. */
	const char *form, *field;
	bool sent;    /* the unit had a revision of the form in force */
	bool has;     /* and it held a value of the field: */
	bool is_num;  /* num, */
	bc_dec num;
	char *text;   /* or text (a choice's id, a date, a text) */
} bc_field_point;

typedef struct bc_field_history {
	bc_field_point *v; /* oldest first */
	size_t n;
} bc_field_history;

/*
 * The values unit had of form.field in every recorded period whose data
 * window ends by the end of `period`'s (every one when period is NULL),
 * oldest first: form and field as the rules of `period` call them (of
 * the latest period recorded when NULL), followed to what each period's
 * rules called them (renamed_from).  BC_ERR_NOT_FOUND with a message
 * when those rules have no such field.  Free *out with
 * bc_field_history_free.
 */
bc_err bc_history_field(bc_store *st, bc_rulebook *rb, int64_t unit_id,
			const char *period, const char *form,
			const char *field, bc_field_history *out,
			bc_diags *d);
void bc_field_history_free(bc_field_history *h);

/* Every revision of (unit, period), of one part when part is not NULL.
 * BC_ERR_NOT_FOUND for an unknown unit or a period never used. */
bc_err bc_history_get(bc_store *st, const char *unit, const char *period,
		      const char *part, bc_history *out, bc_diags *d);
void bc_history_free(bc_history *h);

#endif

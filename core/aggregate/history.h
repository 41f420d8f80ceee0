/* SPDX-License-Identifier: MIT */
/*
 * The history of a unit's submissions for a period: every revision of
 * every part, how and when it came, who signed it, the file and its
 * SHA-256, the warnings it drew, and what changed from the revision
 * before it.
 */
#ifndef BC_HISTORY_H
#define BC_HISTORY_H

#include "date.h"
#include "rulebook.h"
#include "store.h"

typedef struct bc_change {
	char *field; /* "hs_tiep_nhan", "van_ban[2].ngay", a section id */
	char *from;  /* NULL when added */
	char *to;    /* NULL when removed */
} bc_change;

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

/* Every revision of (unit, period), of one part when part is not NULL.
 * BC_ERR_NOT_FOUND for an unknown unit or a period never used. */
bc_err bc_history_get(bc_store *st, const char *unit, const char *period,
		      const char *part, bc_history *out, bc_diags *d);
void bc_history_free(bc_history *h);

#endif

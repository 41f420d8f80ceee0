/* SPDX-License-Identifier: MIT */
/*
 * A recorded period moved to the rules in force for it now.  Once a
 * submission is recorded its period keeps the ruleset it was recorded
 * under, so a directive that arrives late (1131/SNV-CCHC was issued on
 * 10 May 2023, after 2023-Q1 was due) governs it only when someone says
 * so, with the document that decided it.
 *
 * Before anything is kept, every submission's revisions in force are
 * checked again under the new rules by the validation an import runs
 * (validate.c), each rebuilt from what was stored: its unit, signer,
 * receipt time and channel, and the values of its parts that the unit
 * still owes (a form no longer asked, a section no longer in the
 * outline, is set aside, not refused).  The move is made in one
 * transaction, which a dry run, and a move refused for its failures,
 * rolls back: what is reported is what the move does.
 */
#ifndef BC_REPOINT_H
#define BC_REPOINT_H

#include "period.h"
#include "rulebook.h"
#include "store.h"

/* One submission whose revisions in force the new rules refuse. */
typedef struct bc_recheck {
	char *unit;   /* code */
	char *file;   /* as it was imported */
	char *sha256;
	char *parts;  /* the revisions checked: "bm1 r2, report r1" */
	bc_diags problems; /* its errors, as import gives them */
} bc_recheck;

/* Looks at the period moved, inside the move's transaction, before the
 * move is kept or undone (the caller's status of it, say). */
typedef bc_err (*bc_repoint_look)(bc_store *st, bc_rulebook *rb,
				  const char *period, void *ud, bc_diags *d);

typedef struct bc_repoint_opts {
	const char *doc; /* the document that decided it: needed to apply */
	bool apply;      /* keep the move; else a dry run */
	/* Keep it although revisions in force fail the new rules: they stay
	 * as received and count as before, and their units are asked for
	 * a corrected revision, which the new rules check. */
	bool force;
	bc_repoint_look look; /* or NULL */
	void *ud;
} bc_repoint_opts;

typedef struct bc_repoint {
	char code[BC_PERIOD_CODE_MAX];
	/* The ruleset the period follows and the one in force for it now
	 * (the rulebook's); the same when there is nothing to move. */
	const bc_ruleset *from, *to;
	bool recorded; /* a period not recorded follows the rules now */
	bool applied;  /* the move was kept */
	size_t checked; /* submissions checked again */
	bc_recheck *failing; /* those the new rules refuse, by unit */
	size_t n_failing;
	size_t reports; /* report revisions complete under one outline and
			   not the other */
} bc_repoint;

/*
 * Checks, and with o->apply moves, period code to the ruleset in force
 * for it now; out says what was found (free it with bc_repoint_free,
 * also after an error).  BC_OK for a dry run, a move kept, and a period
 * with nothing to move (out->from == out->to); BC_ERR_INVALID when a
 * move is refused, nothing kept: submissions fail the new rules and
 * o->force is not given, or no document (o->doc) says who decided it;
 * BC_ERR_REFUSED when no ruleset in force now knows the period's type,
 * or the new one cannot take it (bc_period_move); bc_period_get's errors
 * for the code.
 */
bc_err bc_repoint_period(bc_store *st, bc_rulebook *rb, const char *code,
			 const bc_repoint_opts *o, bc_repoint *out,
			 bc_diags *d);
void bc_repoint_free(bc_repoint *r);

#endif

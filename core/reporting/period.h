/* SPDX-License-Identifier: MIT */
/*
 * Reporting periods.
 *
 * The core knows only the shape of a period code, YYYY-<TYPE> (with an
 * ad-hoc number, YYYY-<PREFIX><n>); which types exist, their windows and
 * deadlines come from the ruleset that governs the period.  Once a period
 * is recorded in the database it keeps that ruleset (and the exact
 * version of its sources), whatever later appears in the rules directory.
 */
#ifndef BC_PERIOD_H
#define BC_PERIOD_H

#include "date.h"
#include "error.h"
#include "rulebook.h"
#include "store.h"

#include <stdint.h>

#define BC_PERIOD_CODE_MAX 24

/* The unit deadline the rules give the units of one kind or level. */
typedef struct bc_period_due {
	const bc_due_for *of; /* borrowed from the ruleset */
	bc_date rules_due;    /* before any advance */
} bc_period_due;

typedef struct bc_period {
	int64_t id; /* database row; 0 while the period is not recorded */
	char code[BC_PERIOD_CODE_MAX];
	char type[16]; /* "Q1", or the ad-hoc prefix "DX" */
	int year;
	int adhoc_no; /* 0 for a regular period */
	char *label;
	const bc_ruleset *rs; /* borrowed from the rulebook */
	const bc_period_type *pt; /* borrowed; NULL for an ad-hoc period */
	/* unit_due: of the units the rules give no deadline of their own
	 * (dues), the advance in force applied; a unit's own is
	 * bc_period_unit_due's */
	bc_date from, to, unit_due, compile_due;
	bc_date rules_unit_due; /* unit_due before any advance */
	char *advanced_doc;     /* document of the advance in force, or NULL */
	bc_date advanced_due;   /* the day it sets; BC_DATE_NONE without */
	bc_period_due *dues;    /* kinds' and levels' own (pt's order) */
	size_t n_dues;
	char *forms;            /* ad-hoc: comma-separated forms asked */
	char *doc;              /* ad-hoc: the document that asked for it */
	bool rules_changed; /* the rules directory now holds another version */
	/* A derived period (period_type{ derived = … }) is computed from
	 * its parts, each a period with its sign (+1, -1), and stores
	 * nothing: its window is the one theirs make, its deadlines the
	 * latest of theirs (reporting/derived.h).  parts[latest] ends last.
	 * parts NULL for a period that units report. */
	struct bc_period_part *parts;
	size_t n_parts, latest;
	const char *derived; /* the expression, borrowed from the rules */
} bc_period;

typedef struct bc_period_part {
	bc_period period;
	int sign;
} bc_period_part;

/* Splits "2023-Q1" into year and type token ("Q1").  BC_ERR_SYNTAX for
 * anything not four digits, a dash and letters then digits.  Letters are
 * read in either case and the token is in capitals ("2023-q1" is
 * 2023-Q1). */
bc_err bc_period_code_parse(const char *code, int *year, char *token,
			    size_t token_size);
/* code as the program writes it, the type in capitals ("2023-dx1" →
 * "2023-DX1"), into out; BC_ERR_SYNTAX as bc_period_code_parse. */
bc_err bc_period_code_canon(const char *code, char out[BC_PERIOD_CODE_MAX]);

/*
 * The period with this code: as recorded, or as the governing ruleset
 * computes it (id 0).  BC_ERR_SYNTAX for a malformed code, BC_ERR_NOT_FOUND
 * for a type no ruleset in force knows or an ad-hoc period never created.
 * The rulebook may adopt the recorded version of a ruleset.  Free *out
 * with bc_period_free.
 */
bc_err bc_period_get(bc_store *st, bc_rulebook *rb, const char *code,
		     bc_period *out, bc_diags *d);
/* Records p (and its ruleset version) if it is not yet; sets p->id.
 * Runs inside the caller's transaction.  A derived period is refused
 * (BC_ERR_REFUSED): nothing is stored for it. */
bc_err bc_period_record(bc_store *st, bc_period *p, bc_diags *d);
void bc_period_free(bc_period *p);
/*
 * The deadline of a unit of kind (NULL: of no kind the rules know) for
 * period p: its kind's own, else its level's, else the period's; an
 * advance earlier than that day moves it there.  Every consumer of a
 * unit's deadline (status, import's late warning, the template's cover,
 * the exports) asks here.  *advanced_by (when not NULL) is the advance's
 * document when it moved the deadline, else NULL.
 */
bc_date bc_period_unit_due(const bc_period *p, const char *kind,
			   const char **advanced_by);
/* A unit deadline of p as the rules set it, due, as it is in force: the
 * advance in force when that is earlier (never later); *doc (when not
 * NULL) its document then, else NULL. */
bc_date bc_period_due_in_force(const bc_period *p, bc_date due,
			       const char **doc);
/* Whether the rules give some units of p a deadline of their own. */
bool bc_period_dues_vary(const bc_period *p);
/* How deadline `rule` of p, falling on due, was counted in working days:
 * the days after the window's end up to due, in runs (workday.h); none
 * (*n 0) for a deadline on a day of the year.  Free *out with bc_free. */
bc_err bc_period_due_runs(const bc_period *p, const bc_due *rule, bc_date due,
			  bc_dayrun **out, size_t *n);

/* The last second of day in the time zone of p's rules: what is received
 * by then counts as received "as of" day. */
bc_time bc_period_day_end(const bc_period *p, bc_date day);

/* Moves the unit deadline of a period earlier than the rules' date, by
 * document doc (for the units whose own deadline is later: an advance
 * never gives a unit more time).  Every advance is a new record: the
 * last one recorded is in force, whether it sets a day earlier or later
 * than the one before (a later document may give back some days), and
 * the earlier ones stay on record.  The advance in force given again (same day, same document)
 * records nothing.  Refused (BC_ERR_REFUSED) for a type the rules do not
 * let be advanced, or a date not before the rules' latest unit deadline
 * or before the window opens. */
bc_err bc_period_advance(bc_store *st, bc_rulebook *rb, const char *code,
			 bc_date due, const char *doc, bc_diags *d);

typedef struct bc_advance {
	bc_date unit_due;
	char *doc;
	bc_time recorded_at;
} bc_advance;
/* Every advance of recorded period p, in the order recorded (the last is
 * in force; none for a period not recorded).  Free *out with
 * bc_period_advances_free. */
bc_err bc_period_advances(bc_store *st, const bc_period *p, bc_advance **out,
			  size_t *n, bc_diags *d);
void bc_period_advances_free(bc_advance *v, size_t n);

typedef struct bc_adhoc {
	const char *code; /* "2023-DX1" */
	bc_date from, to, unit_due, compile_due; /* compile_due may be NONE */
	const char *doc;
	const char *forms; /* comma-separated form ids, or NULL for all */
} bc_adhoc;
/* Creates an ad-hoc period. */
bc_err bc_period_add_adhoc(bc_store *st, bc_rulebook *rb, const bc_adhoc *a,
			   bc_diags *d);

/* Every period of year (regular types of the rulesets governing them,
 * and recorded ad-hoc periods), ordered by unit deadline, then code.
 * BC_ERR_RULES when the deadline of some cannot be counted (a year
 * without holidays, a holiday not yet decided: said in d), *out then
 * holding the others.  Free with bc_period_list_free. */
bc_err bc_period_calendar(bc_store *st, bc_rulebook *rb, int year,
			  bc_period **out, size_t *n, bc_diags *d);
void bc_period_list_free(bc_period *v, size_t n);

/* ---- the rules a recorded period follows ------------------------------ */

/* The current ruleset that would govern p were it not recorded: the one
 * in force on the last day of its data window (of an ad-hoc period, of
 * its own window).  NULL when no ruleset in force then knows its
 * type. */
const bc_ruleset *bc_period_rules_now(const bc_rulebook *rb,
				      const bc_period *p);

/* Moves recorded period p to ruleset to (the one in force for it now),
 * inside the caller's transaction: records to's version (p's stays
 * stored) and gives the period's row the window, deadlines and label to
 * gives it (an ad-hoc period keeps its own window, deadlines and forms,
 * which to must know).  An advance of the deadline stays in force while
 * it is earlier than to's deadline.  p is left as it was: get the period
 * again to read it under to, then record the move with
 * bc_period_move_log.  BC_ERR_REFUSED (why in d) when to has no type for
 * p or lacks a form an ad-hoc p asks for. */
bc_err bc_period_move(bc_store *st, const bc_period *p, const bc_ruleset *to,
		      bc_diags *d);
/* Appends the move of p (as it was before) to to, with who made it, the
 * document doc that decided it, both versions and how many submissions
 * in force failed to's checks (failing), to the period's moves and to
 * the audit, in the same transaction.  The move's row in *move. */
bc_err bc_period_move_log(bc_store *st, const bc_period *p,
			  const bc_ruleset *to, const char *doc, int failing,
			  int64_t *move, bc_diags *d);

/* One move of a period's rules, as recorded. */
typedef struct bc_move {
	char *from, *from_hash; /* the ruleset and version it left */
	char *to, *to_hash;
	char *doc, *actor;
	int failing;
	bc_time moved_at;
} bc_move;
/* Every move of recorded p, oldest first (none for a period not
 * recorded).  Free *out with bc_period_moves_free. */
bc_err bc_period_moves(bc_store *st, const bc_period *p, bc_move **out,
		       size_t *n, bc_diags *d);
void bc_period_moves_free(bc_move *v, size_t n);

/* A recorded period whose ruleset is no longer the one in force for it:
 * another ruleset governs it now, or another version of its own. */
typedef struct bc_stale {
	char code[BC_PERIOD_CODE_MAX];
	char *ruleset, *hash;  /* as recorded */
	const bc_ruleset *now; /* in force for it now (the rulebook's) */
} bc_stale;
/* Every such period, by code; read from the database alone (no
 * recorded version is loaded).  Free *out with bc_period_stale_free. */
bc_err bc_period_stale(bc_store *st, const bc_rulebook *rb, bc_stale **out,
		       size_t *n, bc_diags *d);
void bc_period_stale_free(bc_stale *v, size_t n);

#endif

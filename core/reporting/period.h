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

typedef struct bc_period {
	int64_t id; /* database row; 0 while the period is not recorded */
	char code[BC_PERIOD_CODE_MAX];
	char type[16]; /* "Q1", or the ad-hoc prefix "DX" */
	int year;
	int adhoc_no; /* 0 for a regular period */
	char *label;
	const bc_ruleset *rs; /* borrowed from the rulebook */
	bc_date from, to, unit_due, compile_due;
	bc_date rules_unit_due; /* unit_due before any advance */
	char *advanced_doc;     /* document that advanced unit_due, or NULL */
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
/* The last second of day in the time zone of p's rules: what is received
 * by then counts as received "as of" day. */
bc_time bc_period_day_end(const bc_period *p, bc_date day);

/* Moves the unit deadline of a period earlier than the rules' date, by
 * document doc.  Every advance is a new record: the last one recorded is
 * in force, whether it sets a day earlier or later than the one before
 * (a later document may give back some days), and the earlier ones stay
 * on record.  The advance in force given again (same day, same document)
 * records nothing.  Refused (BC_ERR_REFUSED) for a type the rules do not
 * let be advanced, or a date not before the rules' date or before the
 * window opens. */
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
 * Free with bc_period_list_free. */
bc_err bc_period_calendar(bc_store *st, bc_rulebook *rb, int year,
			  bc_period **out, size_t *n, bc_diags *d);
void bc_period_list_free(bc_period *v, size_t n);

#endif

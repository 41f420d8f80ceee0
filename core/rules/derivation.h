/* SPDX-License-Identifier: MIT */
/*
 * Derived period types: a period computed from others instead of
 * reported, period_type{ code = "Q2A", derived = "H1 - Q1" }.
 *
 * Here is what the rules stage knows of one: the expression read into
 * its terms, the terms expanded down to the types that store reports
 * (a derived type may name another), and the arithmetic of windows that
 * says whether the parts make one window and which.  Values are the
 * aggregate's (aggregate/derive.h), periods the reporting stage's
 * (reporting/derived.h).
 */
#ifndef BC_DERIVATION_H
#define BC_DERIVATION_H

#include "date.h"

#include <stdbool.h>
#include <stddef.h>

struct bc_ruleset;
struct bc_period_type;
struct bc_rl_loader;

/* The most terms an expression writes, and the most periods it expands
 * to: a derived report is a few periods, never a year of months. */
#define BC_DERIVED_MAX 16

/* A term as written: a period type's code and its sign (+1 or -1). */
typedef struct bc_dterm {
	char *type;
	int sign;
} bc_dterm;

typedef enum bc_dparse {
	BC_DPARSE_OK,
	BC_DPARSE_EMPTY,      /* no term at all */
	BC_DPARSE_SIGN_FIRST, /* a sign before the first term */
	BC_DPARSE_SIGN_LAST,  /* a sign with no term after it */
	BC_DPARSE_NO_SIGN,    /* two terms with no sign between */
	BC_DPARSE_CHAR,       /* a character that is no code, sign or space */
	BC_DPARSE_LONG,       /* a code longer than a period type's */
	BC_DPARSE_TOO_MANY,   /* more than BC_DERIVED_MAX terms */
} bc_dparse;

/* A code as the expression writes it: room for a period type's 8
 * characters and more, so that a longer one is told apart. */
typedef char bc_dcode[16];

/* Reads text ("H1 - Q1", "Y − H1 − Q3": codes of letters, digits and _
 * with '+', '-' or the minus sign U+2212 between them; the first term
 * has no sign) into its terms: code[i] with sign[i] (+1, -1), *n of
 * them.  On failure *at is the byte of text where reading stopped. */
bc_dparse bc_derivation_parse(const char *text, bc_dcode code[BC_DERIVED_MAX],
			      int sign[BC_DERIVED_MAX], size_t *n,
			      size_t *at);

/* A period a derived type is computed from, with its coefficient. */
typedef struct bc_dpart {
	const struct bc_period_type *type;
	int coef;
} bc_dpart;

typedef enum bc_dexpand {
	BC_DEXPAND_OK,
	BC_DEXPAND_UNKNOWN, /* names no period type of the ruleset */
	BC_DEXPAND_ADHOC,   /* names an ad-hoc type, which has no year's window */
	BC_DEXPAND_CYCLE,   /* comes back to a type being expanded */
	BC_DEXPAND_TOO_MANY, /* more than BC_DERIVED_MAX periods */
	BC_DEXPAND_NOTHING, /* the terms cancel out */
} bc_dexpand;

/* The periods that store reports pt is computed from, in the order the
 * expression first names them, each with the sum of its signs (zeros
 * dropped) into out, *n of them.  On failure *culprit is the code at
 * fault (borrowed from the rules). */
bc_dexpand bc_derivation_expand(const struct bc_ruleset *rs,
				const struct bc_period_type *pt,
				bc_dpart out[BC_DERIVED_MAX], size_t *n,
				const char **culprit);

/* A window of data with a coefficient: a part of a derived period. */
typedef struct bc_dspan {
	bc_date from, to;
	int coef;
} bc_dspan;

/*
 * The one window n spans make, each counted coef times, into *from and
 * *to.  Consecutive windows either share their cut-off day (cchc-1131's
 * 10/06 ends H1 and begins Q3: abut false) or abut (30/06 and 01/07:
 * abut true); each day between cut-offs is counted once, so H1 - Q1 is
 * 10/03 – 10/06 with shared cut-offs, 01/04 – 30/06 with abutting
 * windows.  False when some days are counted other than once or none,
 * or the days counted once are not one stretch: *bad is then the first
 * stretch at fault (from, to as the windows read, coef the times its
 * days are counted: 0 for a gap).
 */
bool bc_derivation_window(const bc_dspan *v, size_t n, bool abut,
			  bc_date *from, bc_date *to, bc_dspan *bad);

/* Whether rs's consecutive windows abut (one begins the day after
 * another ends) rather than share their cut-off day, as its regular
 * types show it; sharing when they show neither. */
bool bc_derivation_abut(const struct bc_ruleset *rs);

/* Reads the derived = "…" of the period_type{} table at index 1 of L
 * into p, raising an error at the rules' line for an expression that
 * does not read, or a window or deadline given beside it. */
struct lua_State;
void bc_derivation_read(struct lua_State *L, struct bc_period_type *p);

/* Checks every derived type of the ruleset being loaded (its terms
 * known, stored, windows that make one), each problem at the type's
 * file:line, and gives each its window, day rules from its parts, for
 * the rulebook to tell which ruleset governs it. */
void bc_derivation_check(struct bc_rl_loader *ld);

#endif

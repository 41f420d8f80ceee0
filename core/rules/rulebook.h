/* SPDX-License-Identifier: MIT */
/*
 * The rulesets side by side: every directive in a rules directory, plus
 * older versions of them read back from the database for the periods they
 * governed.  Decides which ruleset governs a period.
 *
 * A ruleset is in force from directive.in_force.from until its
 * in_force.to, or until the day before a ruleset that names it in
 * `supersedes` comes into force.  A period is governed by the ruleset in
 * force on the last day of the period's data window (as that ruleset
 * computes it); where two are, the one in force from the later date.
 */
#ifndef BC_RULEBOOK_H
#define BC_RULEBOOK_H

#include "ruleset.h"

typedef struct bc_rulebook {
	char *dir;          /* where the current rulesets were read */
	bc_ruleset **v;     /* current rulesets, sorted by id */
	size_t n, cap;
	bc_ruleset **older; /* versions adopted from the database */
	size_t n_older, cap_older;
	bc_limits limits;
} bc_rulebook;

/* Loads every sub-directory of dir that holds a ruleset.lua.  All
 * problems of all rulesets are reported; BC_ERR_RULES if any failed.
 * *out is set even on failure (with the rulesets that loaded) and is
 * freed with bc_rulebook_free. */
bc_err bc_rulebook_load(const char *dir, const bc_limits *lim,
			bc_rulebook **out, bc_diags *d);
void bc_rulebook_free(bc_rulebook *rb);

/* Cross-ruleset checks: supersedes naming an unknown ruleset, scopes of
 * two rulesets starting the same day, deadlines in working days that
 * cannot be counted for a period a ruleset governs (in the years it is
 * in force, or, open-ended, up to the last its holidays reach).  Errors
 * and warnings go to d. */
void bc_rulebook_check(const bc_rulebook *rb, bc_diags *d);

/* The current ruleset with this id, or NULL. */
const bc_ruleset *bc_rulebook_find(const bc_rulebook *rb, const char *id);
/* The ruleset (current or adopted) with this id and content hash. */
const bc_ruleset *bc_rulebook_version(const bc_rulebook *rb, const char *id,
				      const char *hash);
/* Takes rs over as an older version of a ruleset. */
bc_err bc_rulebook_adopt(bc_rulebook *rb, bc_ruleset *rs);

/* The last day rs is in force, BC_DATE_NONE when open-ended. */
bc_date bc_rulebook_in_force_to(const bc_rulebook *rb, const bc_ruleset *rs);
/* True when rs is in force on day. */
bool bc_rulebook_in_force(const bc_rulebook *rb, const bc_ruleset *rs,
			  bc_date day);

/*
 * The ruleset governing the regular period (token, year) — token is the
 * type part of the code, "Q1" — or for an ad-hoc token ("DX2") the
 * ruleset in force on adhoc_day.  NULL when none: no ruleset in force
 * then knows that type.
 */
const bc_ruleset *bc_rulebook_govern(const bc_rulebook *rb,
				     const char *token, int year,
				     bc_date adhoc_day);

/* The item of kind k with this id that a current ruleset declares (the
 * first in id order), or NULL; typed for the kinds a unit names. */
const void *bc_rulebook_item(const bc_rulebook *rb, bc_reg_kind k,
			     const char *id);
const bc_unit_kind *bc_rulebook_kind(const bc_rulebook *rb, const char *id);
const bc_role *bc_rulebook_role(const bc_rulebook *rb, const char *id);
const bc_channel *bc_rulebook_channel(const bc_rulebook *rb, const char *id);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * A derived period: one of a type the rules compute from others
 * (period_type{ derived = "H1 - Q1" }, rules/derivation.h), such as
 * 2023-Q2A from 2023-H1 and 2023-Q1.  No unit reports it and nothing is
 * stored for it; it is its parts, each the period of the same year
 * governed as any period is (its own ruleset, recorded or not), with the
 * window their windows make and the deadlines of the last of them.  The
 * figures are the aggregate's (aggregate/derive.h).
 */
#ifndef BC_DERIVED_H
#define BC_DERIVED_H

#include <jansson.h>

#include "period.h"

/* Makes p, computed from type pt's day rules, the derived period it is:
 * its parts got (bc_period_get), its window theirs, its unit and
 * compile deadlines the latest of theirs.  BC_ERR_NOT_FOUND when a part
 * is a period no ruleset in force knows, BC_ERR_INVALID when the parts'
 * windows (as recorded) make no one window; each said in d. */
bc_err bc_period_derive(bc_store *st, bc_rulebook *rb,
			const bc_period_type *pt, bc_period *p, bc_diags *d);

/* BC_OK for a period units report; for a derived one BC_ERR_REFUSED,
 * said in d: nothing is sent nor stored for it. */
bc_err bc_period_sent(const bc_period *p, bc_diags *d);

/* The parts of p as an expression of periods, "2023-H1 − 2023-Q1",
 * into buf[n]. */
void bc_period_parts_text(const bc_period *p, char *buf, size_t n);

/* The parts of p whose bit is set in mask (bit i: p->parts[i]), "2023-H1,
 * 2023-Q1", into buf[n]. */
void bc_period_parts_named(const bc_period *p, unsigned mask, char *buf,
			   size_t n);

/* What --json says of derived p: {"expression": "H1 - Q1", "parts":
 * [{"period": "2023-H1", "sign": 1, "recorded": true}, …], "latest":
 * "2023-H1"}.  A new reference, or NULL when memory runs out. */
json_t *bc_period_derived_json(const bc_period *p);

#endif

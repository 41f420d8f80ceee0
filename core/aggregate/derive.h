/* SPDX-License-Identifier: MIT */
/*
 * The figures of a derived period (reporting/derived.h), computed per
 * unit and form from the revisions in force of each of its parts, never
 * stored:
 *
 * - a unit has the form in the derived period when it has a revision of
 *   it in force in every part; otherwise it is missing there, and the
 *   output says which parts it lacks;
 * - a `sum` field is the parts' values by the derived type's arithmetic
 *   (H1 - Q1), when every part has it;
 * - a `snap` or `count_true` field, a stock at the window's end, is the
 *   latest part's value;
 * - other fields (texts, dates, choices, tables) have no arithmetic
 *   across periods and are left out ("not_derived");
 * - indicators are the aggregate's own, computed from those values as
 *   for any period: never subtracted.
 *
 * The aggregate (aggregate.c) reads the derived values as it reads
 * stored ones: it puts each part's revisions in force in its agg_rev
 * and hands them over here (bc_derive_take), then reads the revisions
 * this leaves in agg_rev with their values in BC_DERIVE_VALUES, a
 * temporary table with the value table's columns.
 */
#ifndef BC_DERIVE_H
#define BC_DERIVE_H

#include <jansson.h>

#include "period.h"
#include "status.h"
#include "store.h"

#define BC_DERIVE_VALUES "temp.agg_dval"
#define BC_DERIVE_DROP                                                        \
	"DROP TABLE IF EXISTS temp.agg_drev;"                                  \
	"DROP TABLE IF EXISTS temp.agg_dval;"

/* Takes the revisions in force of part k of a derived period, which the
 * aggregate has put in temp.agg_rev as for any period (k = 0 first),
 * leaving agg_rev empty. */
bc_err bc_derive_take(bc_store *st, size_t k, bc_diags *d);

/*
 * Once every part of p is taken: a revision in agg_rev per unit and form
 * every part has (its id the latest part's revision, estimated when one
 * of the parts' is) and its values in BC_DERIVE_VALUES.  *info is the
 * aggregate's "derived" (bc_period_derived_json, with "not_derived":
 * {form: [field ids]} and "negative": the sums below zero, each also a
 * warning in d: its parts do not agree).  A new reference.
 */
bc_err bc_derive_values(bc_store *st, const bc_period *p, json_t **info,
			bc_diags *d);

/* Adds "lacking" to info: {form: {unit code: [part period codes]}}, the
 * parts each unit of missing ({form: [unit codes]}, the aggregate's
 * missing_units) has no revision of in force. */
bc_err bc_derive_lacking(bc_store *st, const bc_period *p,
			 const json_t *missing, json_t *info, bc_diags *d);

/* What an export's host reads a form or a unit at a time, from the
 * aggregate's "values" of a derived period (values: {form: {unit:
 * {field: value}}}): a form's {unit: {field: value}}, a unit's {form:
 * {field: value}}.  New references; NULL when memory runs out. */
json_t *bc_derive_form_values(const json_t *values, const char *form);
json_t *bc_derive_unit_values(const json_t *values, const char *unit);

/* The parts of s's units, s being the status of a derived period with
 * its units and what each owes: a form is received when every part
 * period has it in force as of s->as_of (its revision the latest part's,
 * its first receipt the last of theirs, on time when each was), and
 * lacking names the parts that have not. */
bc_err bc_derive_status(bc_store *st, bc_rulebook *rb, bc_status *s,
			bc_diags *d);

#endif

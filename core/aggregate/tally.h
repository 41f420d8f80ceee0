/* SPDX-License-Identifier: MIT */
/*
 * The arithmetic of an aggregate, in one pass over the values in force:
 * each form's numbers summed per level, the rows of count_by tables
 * counted by value, and each indicator's numerator and denominator summed
 * over the units that reported all of it — for the whole and for every
 * --by group at once.
 *
 * It knows the rules (which field sums, which terms make an indicator)
 * and nothing of storage: the caller reads the values revision by
 * revision and hands them over, a table's cells row by row (the value
 * table's key order gives both).  Memory
 * is a few numbers per (group, field, level), allocated up front, so a
 * national aggregate costs the same whatever the number of values.
 *
 * The longest text of each table column is noted on the way, which a
 * writer sizes a list's columns by before it writes the rows.
 *
 * Sums are exact (bc_dec: money to the hundredth at any size); a sum that
 * outgrows 18 digits is not rounded but reported as too large.
 */
#ifndef BC_TALLY_H
#define BC_TALLY_H

#include "decimal.h"
#include "error.h"
#include "ruleset.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct bc_tally bc_tally;

/* A tally of rs's forms at rs's levels, for the whole (group 0) and
 * n_groups --by groups (1 … n_groups).  NULL when memory runs out.  rs
 * must outlive it; free it with bc_tally_free. */
bc_tally *bc_tally_new(const bc_ruleset *rs, size_t n_groups);
void bc_tally_free(bc_tally *t);

/* Starts a revision of rs->forms[form] by a unit at rs->levels[level]:
 * it counts in the whole and, when grp > 0, in group grp.  Ends the
 * previous revision if one is open. */
void bc_tally_begin(bc_tally *t, size_t form, size_t level, size_t grp);

/* One value of the revision: field (or table) id, row (0 for a form's
 * own value), column id ("" outside tables), num (NULL when it has no
 * number), txt (NULL when it has no text).  Values come in any order,
 * except that all the cells of a table's row come before those of its
 * next row: a rows indicator judges a row when the next one starts.  A
 * field the form does not have is ignored.  BC_ERR_NOMEM when memory
 * runs out. */
bc_err bc_tally_value(bc_tally *t, const char *field, int row,
		      const char *col, const bc_dec *num, const char *txt);

/* Ends the open revision, if any: its values now count. */
void bc_tally_end(bc_tally *t);

/* Adds src's figures to dst's (a tally of the same rs and groups, both
 * ended): what one tally would hold had it been handed the revisions of
 * both, in any order (the rows of a table, and so a rows indicator's
 * hits, stay within a revision).  Sums stay exact, too large when one of
 * them was or when they add up to more; counts of the same value add up.
 * *exact is false when that depends on the order: some sum has values
 * of both signs whose magnitudes add up past 18 digits, and one order of
 * them passes the limit on its way where another does not.  dst then
 * holds nothing to judge by: hand every revision to one tally, in order.
 * BC_ERR_INVALID when the tallies do not match or one is open,
 * BC_ERR_NOMEM when memory runs out (dst half merged: free it).  src is
 * unchanged. */
bc_err bc_tally_merge(bc_tally *dst, const bc_tally *src, bool *exact);

/* The sum of a number field of rs->forms[form] at a level in a group,
 * in *sum: 1, or 0 when no unit there reported it, or -1 when it is too
 * large to keep exactly. */
int bc_tally_sum(const bc_tally *t, size_t grp, size_t form, size_t field,
		 size_t level, bc_dec *sum);

/* The i-th value (in byte order) a count_by table's rows hold in its
 * counted column, at a level in a group, and how many rows hold it; false
 * past the last.  *value belongs to the tally. */
bool bc_tally_count(const bc_tally *t, size_t grp, size_t form, size_t field,
		    size_t level, size_t i, const char **value, int64_t *n);

/* Summed numerator and denominator of an indicator of rs->forms[form] at
 * a level in a group: 1, or 0 when no unit there reported all of it, or
 * -1 when a sum is too large to keep exactly. */
int bc_tally_ratio(const bc_tally *t, size_t grp, size_t form, size_t ind,
		   size_t level, bc_dec *num, bc_dec *den);

/* The longest text, in characters, among the cells of column col of
 * table field `field` of rs->forms[form], over every revision handed
 * over (any group); 0 when there is none, or no such column. */
int64_t bc_tally_longest(const bc_tally *t, size_t form, size_t field,
			 size_t col);

#endif

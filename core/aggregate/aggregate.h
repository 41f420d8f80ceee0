/* SPDX-License-Identifier: MIT */
/*
 * District figures of a period, from the revision in force of each unit's
 * forms: each field per level and in total by its aggregation method,
 * each indicator per level from summed numerators and denominators (only
 * units that reported every field of it), the units contributing and
 * missing per form, the units whose figures are estimates.
 *
 * The units, the revisions in force and the forms go into temporary
 * tables; one pass over the values of those revisions, in the value
 * table's key order, feeds the arithmetic (tally.h); the result is the
 * JSON object of docs/cli.md, which the exporters read as well.
 */
#ifndef BC_AGGREGATE_H
#define BC_AGGREGATE_H

#include <jansson.h>

#include "formvals.h"
#include "period.h"
#include "rulebook.h"
#include "store.h"
#include "unit.h"

typedef struct bc_agg_opts {
	bool compare;     /* add the same period of the previous year */
	const char *by;   /* also per ancestor unit of this kind, or NULL */
	bool unit_values; /* add each unit's values ("values") */
	bool rows;        /* list the tables' rows with their unit */
	bool longest;     /* add "longest": {form: {table: {column: the
			   * longest text of its cells in force, in
			   * characters}}}, what a writer sizes a list's
			   * columns by before it writes the rows */
	bc_time until;    /* count only revisions received by then (the
			   * end of an export's --as-of day); 0: all */
	const char *unit; /* only this unit's own figures (a unit's own
			   * report), last year's its own too; NULL: every
			   * unit of the period */
	const bc_unit_list *units; /* the period's units as of its last
				    * day (bc_units_as_of), when the caller
				    * has read them: not read again;
				    * borrowed.  NULL: read here */
	bc_formvals *keep; /* when not NULL, each form's own values by unit
			    * as the pass over the values reads them
			    * (formvals.h), the same as bc_feed_form_values
			    * gives them: initialised by the call, freed by
			    * the caller (bc_formvals_free) whether it
			    * succeeds or not.  Not for a derived period
			    * (left empty), nor last year's (compare) */
	bc_store *twin;   /* a twin of st (bc_twins_begin_read), which a
			   * thread of the aggregate's reads half the values
			   * on during the call, and no one else; never
			   * kept.  NULL: the values are read on this thread
			   * alone, as they are for a derived period */
} bc_agg_opts;

/* The aggregate of period (see docs/cli.md); *out is a new reference the
 * caller releases with json_decref. */
bc_err bc_aggregate(bc_store *st, bc_rulebook *rb, const char *period,
		    const bc_agg_opts *o, json_t **out, bc_diags *d);

/* bc_aggregate for a caller that writes the --by groups one at a time
 * instead of holding them all (a country's 705 districts are ~100 MB as
 * one tree): *out is the aggregate with "by" empty in its place among the
 * keys, *groups gives its members in their order (bc_agg_groups_next).
 * Whatever would refuse the whole (a sum too large in any group) refuses
 * it here, before any group.  The caller releases *out with json_decref
 * and *groups with bc_agg_groups_free; *groups reads nothing more from
 * the store. */
typedef struct bc_agg_groups bc_agg_groups;
bc_err bc_aggregate_open(bc_store *st, bc_rulebook *rb, const char *period,
			 const bc_agg_opts *o, json_t **out,
			 bc_agg_groups **groups, bc_diags *d);

/* The next member of "by": its unit's code in *code (valid until the
 * next call) and its figures in *group, a new reference; *group NULL
 * after the last.  BC_ERR_NOMEM when memory runs out. */
bc_err bc_agg_groups_next(bc_agg_groups *g, const char **code,
			  json_t **group);
void bc_agg_groups_free(bc_agg_groups *g);

/* What an exporter that writes a form or a table at a time needs
 * instead of the whole (whose "values" and "rows" grow with the country),
 * each in force among the revisions received by until (0: all), as
 * bc_agg_opts.until:
 *
 * Each unit's own values in force for one form, as "values" holds them
 * for it: {unit code: {field: value}}.  *out is a new reference. */
bc_err bc_aggregate_form_values(bc_store *st, const bc_period *p,
				bc_time until, const char *form, json_t **out,
				bc_diags *d);

/* One unit's own values in force, every form: {form: {field: value}},
 * as "values" holds them for that unit.  *out is a new reference. */
bc_err bc_aggregate_unit_values(bc_store *st, const bc_period *p,
				bc_time until, const char *unit, json_t **out,
				bc_diags *d);

/* Which units have rows of table `table` of `form` in force ({unit code:
 * true}), and the longest text of each column in characters ({column:
 * length}): what a writer sizes a list by before it writes the rows.
 * Both new references. */
bc_err bc_aggregate_table_shape(bc_store *st, const bc_period *p,
				bc_time until, const char *form,
				const char *table, json_t **units,
				json_t **longest, bc_diags *d);

/* The rows of table `table` of `form` in the revision of it in force for
 * unit, in order, as "rows" lists them: a new array of {"unit", "row",
 * column: value} objects, empty when the unit has none. */
bc_err bc_aggregate_unit_rows(bc_store *st, const bc_period *p,
			      bc_time until, const char *form,
			      const char *table, const char *unit,
			      json_t **out, bc_diags *d);

#endif

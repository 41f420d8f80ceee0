/* SPDX-License-Identifier: MIT */
/*
 * The values in force of a period handed straight from the store's rows
 * to a writer, a value at a time: what bc_aggregate_form_values and
 * bc_aggregate_unit_rows give as JSON, without building it.  A national
 * workbook reads three million values; as JSON objects, then looked up
 * again by key, that was a quarter of its time.
 *
 * Each value comes as a bc_cell, the JSON the aggregate would have made
 * told apart the same way (a table field's value is its number of rows,
 * a yes/no is BC_CELL_BOOL, text stays text, a number is exact), so a
 * writer fed either way writes the same.
 */
#ifndef BC_FEED_H
#define BC_FEED_H

#include <jansson.h>

#include "decimal.h"
#include "period.h"
#include "store.h"

typedef enum bc_cell_kind {
	BC_CELL_NONE, /* stored without a value (JSON null) */
	BC_CELL_BOOL, /* num is 0 or 1 */
	BC_CELL_NUM,
	BC_CELL_TEXT,
} bc_cell_kind;

typedef struct bc_cell {
	bc_cell_kind kind;
	bc_dec num;       /* BOOL, NUM: exact, as bc_json_get_dec reads
			   * the aggregate's JSON of it back */
	double x;         /* BOOL, NUM: as bc_json_num_value reads it */
	const char *text; /* TEXT: borrowed until the callback returns */
} bc_cell;

/* The cell JSON value v stands for (a value of the aggregate's
 * "values", or a table row's cell); text borrowed from v. */
bc_cell bc_cell_of_json(const json_t *v);

/* A unit's own value of field f from columns num, num + 1 (cents) and
 * num + 2 (txt) of the row s is on: a table's is its number of rows; a
 * text borrowed from s until its next step.  What every reader of the
 * forms' own values makes of a stored value (formvals.h). */
bc_cell bc_feed_own_cell(const bc_field *f, struct sqlite3_stmt *s,
			 int num);

/* Whether a unit of kind reports in rs: a kind that only collects (no
 * level) reports nothing. */
bool bc_feed_reports(const bc_ruleset *rs, const char *kind);

/* The revisions in force of p received by until (0: all), every part's,
 * into a temporary table of the store's connection that the readers
 * below read: call it before them, again for another period or day. */
bc_err bc_feed_in_force(bc_store *st, const bc_period *p, bc_time until,
			bc_diags *d);

/* Called with each value of a form a unit has in force: field is the
 * index of the field in the form's fields.  A unit's values come
 * together.  Returns false to stop the read (it then fails with
 * BC_ERR_NOMEM: a writer stops when its memory runs out). */
typedef bool (*bc_feed_value_fn)(void *ud, const char *unit, size_t field,
				 const bc_cell *v);

/* Each unit's own values in force of form, as bc_aggregate_form_values
 * holds them for the same p and until (bc_feed_in_force). */
bc_err bc_feed_form_values(bc_store *st, const bc_period *p, const char *form,
			   bc_feed_value_fn fn, void *ud, bc_diags *d);

/* Called with each cell of a table's rows: pos the unit's place in the
 * codes asked, row from 1, col the column's id (borrowed). */
typedef bool (*bc_feed_cell_fn)(void *ud, size_t pos, int row,
				const char *col, const bc_cell *v);

/* The rows of table `table` of `form` in force for each of the n units
 * codes names, as bc_aggregate_unit_rows gives each (same period and
 * until, bc_feed_in_force), in one ordered
 * read: units in the order of codes, each unit's rows by number, a
 * row's cells by column id. */
bc_err bc_feed_table_rows(bc_store *st, const char *form, const char *table,
			  const char *const *codes, size_t n,
			  bc_feed_cell_fn fn, void *ud, bc_diags *d);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Excel templates: the blank workbook a unit fills in for one period and
 * sends back, holding exactly the parts it owes.
 *
 * Beside the sheets a clerk sees, the workbook carries its own map, so
 * that any tool can fill it and the importer can read it without knowing
 * the layout: the hidden sheet `_fields` lists every input cell with its
 * form and field (the CSV format's naming), and the hidden sheet `_meta`
 * says which unit, period and ruleset version it was made for.  The
 * layout itself is free to change; the map is the contract
 * (docs/excel-templates.md).
 */
#ifndef BC_TEMPLATE_H
#define BC_TEMPLATE_H

#include "date.h"
#include "error.h"
#include "progress_cb.h"
#include "rulebook.h"
#include "store.h"
#include "template_map.h"

#include <stddef.h>

/* Rows a table field leaves room for. */
#define BC_TEMPLATE_TABLE_ROWS 30

/*
 * Writes the template of unit for period to path (replaced only once the
 * workbook is complete).  fixed is the time written into the file's
 * properties (0: now), for byte-identical output.
 *
 * BC_ERR_NOT_FOUND for an unknown unit or period, or a unit that owes
 * nothing for the period; BC_ERR_SYNTAX for a malformed period code;
 * BC_ERR_IO when the file cannot be written.  Every problem is in d.
 */
bc_err bc_template_write(bc_store *st, bc_rulebook *rb, const char *unit,
			 const char *period, const char *path, bc_time fixed,
			 bc_diags *d);

/*
 * Writes dir/CODE.xlsx for every unit that owes something for period
 * (dir is created when missing).  *files receives the paths written, in
 * the units' order (free with bc_template_files_free), also when a later
 * unit fails.  progress (NULL for none) hears of each unit looked at,
 * of all the units there are.
 */
bc_err bc_template_write_all(bc_store *st, bc_rulebook *rb,
			     const char *period, const char *dir,
			     bc_time fixed, const bc_progress *progress,
			     char ***files, size_t *n, bc_diags *d);
void bc_template_files_free(char **files, size_t n);

/*
 * The texts of rs a template writes into one cell, each that a cell of
 * Excel cannot hold (32,767 characters) said in d at its file and line:
 * an error, as no template could be written (a label, a section's
 * title, the directive's reading, a worded text); a warning for a
 * section's guidance, which templates write over several rows.
 */
void bc_template_lint(const bc_ruleset *rs, bc_diags *d);

#endif

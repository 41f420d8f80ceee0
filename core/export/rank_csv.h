/* SPDX-License-Identifier: MIT */
/*
 * A year's scores as CSV (rank --format csv): a row per unit and
 * criterion, the unit's rank, total and class repeated on each, numbers
 * with a '.' as the import formats write them, the explanation in the
 * reader's language.  UTF-8 with a BOM, so that Excel shows the
 * diacritics; text a spreadsheet would run as a formula gets an
 * apostrophe before it (csv_cell.h).
 */
#ifndef BC_RANK_CSV_H
#define BC_RANK_CSV_H

#include "rank.h"

/* Writes r into the file at path (made anew); BC_ERR_IO, said in d,
 * when it cannot be written. */
bc_err bc_rank_csv(const bc_rank *r, const char *path, bc_diags *d);

#endif

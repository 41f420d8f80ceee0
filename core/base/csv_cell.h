/* SPDX-License-Identifier: MIT */
/*
 * A cell of baocao's CSV as a spreadsheet opens it.  Excel, LibreOffice
 * and Google Sheets run a cell that begins with = + - @, a tab or a
 * carriage return as a formula (CSV injection, OWASP): the csv export
 * writes such text with an apostrophe before it, which spreadsheets take
 * for "this is text", and the CSV reader takes it off again, so that an
 * export imported back holds the same text.  Numbers (-12.5) are not
 * formulas and are written as they are.
 *
 * The two are inverse for any text: the apostrophe goes before a text
 * that begins, after any apostrophes of its own, with one of those
 * characters (and is not a number), and comes off a cell that begins
 * with apostrophes followed by one of them.
 */
#ifndef BC_CSV_CELL_H
#define BC_CSV_CELL_H

#include <stdbool.h>

/* True when text is written into a cell with an apostrophe before it. */
bool bc_csv_cell_guarded(const char *text);
/* The text a cell holds: cell, or past the apostrophe the writer put
 * before it (a pointer into cell). */
const char *bc_csv_cell_text(const char *cell);

#endif

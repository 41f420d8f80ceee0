/* SPDX-License-Identifier: MIT */
/* Excel's rules for a worksheet's name, shared by the workbooks baocao
 * writes (the export and the templates). */
#ifndef BC_XLSX_SHEET_H
#define BC_XLSX_SHEET_H

#include <stddef.h>

/* The sheet name for a form: the id, then as much of the title as fits in
 * Excel's 31 characters, cut between words, with the characters Excel
 * refuses ([]:*?/\) and the apostrophe (so that a formula can name the
 * sheet without quoting it, and it never ends the name) written as '-'.
 * Written into out[n]. */
void bc_xlsx_sheet_name(const char *id, const char *title, char *out,
			size_t n);

#endif

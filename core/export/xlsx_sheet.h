/* SPDX-License-Identifier: MIT */
/* What the workbooks baocao writes (the export and the templates) share
 * below their layouts: Excel's rules for a sheet's name, and cell
 * formats built from a few flags. */
#ifndef BC_XLSX_SHEET_H
#define BC_XLSX_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* Cell format flags; bits from BC_XF_OWN up are left to a writer's own
 * meanings (bc_xlsx_format ignores them). */
enum {
	BC_XF_BOLD = 1 << 0,
	BC_XF_ITALIC = 1 << 1,
	BC_XF_UNDER = 1 << 2,
	BC_XF_BORDER = 1 << 3,
	BC_XF_CENTER = 1 << 4,
	BC_XF_RIGHT = 1 << 5,
	BC_XF_VCENTER = 1 << 6,
	BC_XF_TOP = 1 << 7,
	BC_XF_WRAP = 1 << 8,
	BC_XF_INDENT = 1 << 9,
	BC_XF_UNLOCKED = 1 << 10,
	BC_XF_OWN = 1 << 16
};

/* The sheet name for a form: the id, then as much of the title as fits in
 * Excel's 31 characters, cut between words, with the characters Excel
 * refuses ([]:*?/\) and the apostrophe (so that a formula can name the
 * sheet without quoting it, and it never ends the name) written as '-'.
 * Written into out[n]. */
void bc_xlsx_sheet_name(const char *id, const char *title, char *out,
			size_t n);

/* A cell format as a writer declares its formats: flags, size, number
 * format (or NULL). */
typedef struct bc_xf_spec {
	unsigned fl;
	double pt;
	const char *num;
} bc_xf_spec;

/* The first of v[0..i] equal to v[i]: a writer makes one format per kind
 * and shares it among twins, because libxlsxwriter caches the index of
 * only the first format of a kind — a twin costs a hash lookup and a
 * malloc on every cell written with it. */
size_t bc_xf_spec_first(const bc_xf_spec *v, size_t i);

/* A new format of wb: font at pt points, the flags, the number format
 * num (or none) and the background fill (0 for none).  Owned by wb;
 * NULL when out of memory. */
lxw_format *bc_xlsx_format(lxw_workbook *wb, const char *font, unsigned flags,
			   double pt, const char *num, lxw_color_t fill);

/* workbook_close, with what libxlsxwriter would print on stderr kept
 * off it (only the CLI speaks there): *errnum is the errno of a failed
 * write, for the caller's one message. */
lxw_error bc_xlsx_close(lxw_workbook *wb, int *errnum);
/* True for the errors of writing the file (a full disk, an I/O error),
 * which are the environment's, not the workbook's. */
bool bc_xlsx_io_error(lxw_error e);

#endif

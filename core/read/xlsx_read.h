/* SPDX-License-Identifier: MIT */
/* The reader of filled Excel templates (docs/excel-templates.md). */
#ifndef BC_XLSX_READ_H
#define BC_XLSX_READ_H

#include "submission.h"

/* Reads a workbook made from a baocao template (see
 * docs/excel-templates.md) through its _fields and _meta sheets.
 * Anything else, or anything hostile (a zip bomb, paths with "..", too
 * many cells), is refused with its reason. */
bc_err bc_xlsx_read(const char *name, const char *buf, size_t len,
		    bc_submissions *out, bc_diags *d);

#endif

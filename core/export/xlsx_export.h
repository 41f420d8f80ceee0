/* SPDX-License-Identifier: MIT */
/* The built-in xlsx exporter: the official workbook, laid out as Nghị
 * định 30 lays out documents.  The export host runs it through the
 * plugin descriptor, as any plugin; it reads what a lean model leaves
 * out through export_host.h. */
#ifndef BC_XLSX_EXPORT_H
#define BC_XLSX_EXPORT_H

#include "baocao/plugin.h"

extern const bc_exporter bc_xlsx_exporter;

/* What the exporter starts before the model is made (export.c's struct
 * builtin): the reading of the forms' values (xlsx_values.h), on a
 * thread of its own when the host has a reader.  NULL when memory runs
 * out (run then says so).  bc_xlsx_early_free stops and frees it. */
void *bc_xlsx_early(bc_host *h);
void bc_xlsx_early_free(void *early);

#endif

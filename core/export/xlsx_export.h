/* SPDX-License-Identifier: MIT */
/* The built-in xlsx exporter: the official workbook, laid out as Nghị
 * định 30 lays out documents.  The export host runs it through the
 * plugin descriptor, as any plugin; it reads what a lean model leaves
 * out through export_host.h. */
#ifndef BC_XLSX_EXPORT_H
#define BC_XLSX_EXPORT_H

#include "baocao/plugin.h"

extern const bc_exporter bc_xlsx_exporter;

/* What the exporter reads before the model is made, on the export's
 * thread while another makes the model (export.c): each list's shape.
 * NULL when memory runs out (run then says so).  Freed with
 * bc_xlsx_ahead_free. */
void *bc_xlsx_ahead(bc_host *h);
void bc_xlsx_ahead_free(void *ahead);

#endif

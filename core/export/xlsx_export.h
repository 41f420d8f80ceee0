/* SPDX-License-Identifier: MIT */
/* The built-in xlsx exporter: the official workbook, laid out as Nghị
 * định 30 lays out documents.  The export host runs it through the
 * plugin descriptor, as any plugin; it reads what a lean model leaves
 * out through export_host.h. */
#ifndef BC_XLSX_EXPORT_H
#define BC_XLSX_EXPORT_H

#include "baocao/plugin.h"

extern const bc_exporter bc_xlsx_exporter;

#endif

/* SPDX-License-Identifier: MIT */
/* The built-in csv exporter: every value in force in the import format,
 * then the aggregate.  The export host runs it through the plugin
 * descriptor, as any plugin; it reads what a lean model leaves out
 * through export_host.h. */
#ifndef BC_CSV_EXPORT_H
#define BC_CSV_EXPORT_H

#include "baocao/plugin.h"

extern const bc_exporter bc_csv_exporter;

#endif

/* SPDX-License-Identifier: MIT */
/* Private to the exporters built into baocao: what they may reach
 * beyond the plugin API (they live in the same program). */
#ifndef BC_EXPORT_HOST_H
#define BC_EXPORT_HOST_H

#include <jansson.h>

#include "baocao/plugin.h"
#include "period.h"
#include "status.h"
#include "store.h"

/* The report model (borrowed). */
json_t *bc_host_model(bc_host *h);
/* The period and its ruleset (borrowed). */
const bc_period *bc_host_period(bc_host *h);
/* The store, for exporters that read a form at a time
 * (bc_aggregate_form_values, bc_aggregate_unit_rows) from a lean model:
 * one without "aggregate.values" and the tables' "rows". */
bc_store *bc_host_store(bc_host *h);
/* The status of every unit, which a lean model's "status" leaves out of
 * its "units" (bc_status_unit_json gives each); empty otherwise. */
const bc_status *bc_host_status(bc_host *h);
/* Hands the diagnostics of a failed read of the store over to the
 * export's (they keep their file and line); d is left empty. */
void bc_host_diags(bc_host *h, bc_diags *d);
/* The temporary file the output goes to, for writers that must open it
 * themselves (libxlsxwriter). */
const char *bc_host_path(bc_host *h);
/* The export's timestamp. */
bc_time bc_host_time(bc_host *h);

extern const bc_exporter bc_xlsx_exporter;
extern const bc_exporter bc_csv_exporter;
extern const bc_exporter bc_json_exporter;

#endif

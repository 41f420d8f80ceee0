/* SPDX-License-Identifier: MIT */
/* The built-in json exporter: the aggregate with each unit's values.
 * The export host runs it through the plugin descriptor, as any plugin;
 * it reads what a lean model leaves out through export_host.h. */
#ifndef BC_JSON_EXPORT_H
#define BC_JSON_EXPORT_H

#include "baocao/plugin.h"

extern const bc_exporter bc_json_exporter;

#endif

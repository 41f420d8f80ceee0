/* SPDX-License-Identifier: MIT */
/*
 * JSON views of the library's objects: what `--json` prints (the shapes
 * cli.md fixes) and what exporters read.  Each returns a new reference.
 */
#ifndef BC_VIEW_H
#define BC_VIEW_H

#include <jansson.h>

#include "period.h"
#include "status.h"

/* A date as "YYYY-MM-DD", or null for BC_DATE_NONE. */
json_t *bc_date_json(bc_date d);
/* The object of `period show --json`. */
json_t *bc_period_json(const bc_period *p);
/* The object of `status --json`; without its "units" when units is
 * false (an exporter that takes them one at a time). */
json_t *bc_status_json(const bc_status *s, bool units);
/* The i-th element of its "units". */
json_t *bc_status_unit_json(const bc_status *s, size_t i);

#endif

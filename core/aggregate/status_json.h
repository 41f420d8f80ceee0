/* SPDX-License-Identifier: MIT */
/* A period's status as JSON: what `status --json` prints (docs/cli.md) and
 * exporters read.  Each returns a new reference, or NULL when memory
 * ran out (never a view with a part missing). */
#ifndef BC_STATUS_JSON_H
#define BC_STATUS_JSON_H

#include <jansson.h>

#include "status.h"

/* The object of `status --json`; without its "units" when units is
 * false (an exporter that takes them one at a time). */
json_t *bc_status_json(const bc_status *s, bool units);
/* The i-th element of its "units". */
json_t *bc_status_unit_json(const bc_status *s, size_t i);
/* What happened since a day (bc_status_since): an array of {"at",
 * "event", "unit", "part", "revision", "by"} and, for a review or a
 * void, "reason"; times at the UTC offset given. */
json_t *bc_events_json(const bc_events *e, int offset);

#endif

/* SPDX-License-Identifier: MIT */
/* A period as JSON: the object `period show --json` prints (docs/cli.md) and
 * the export model holds. */
#ifndef BC_PERIOD_JSON_H
#define BC_PERIOD_JSON_H

#include <jansson.h>

#include "period.h"

/* The object of `period show --json`.  New reference, or NULL when
 * memory ran out (never a period with a part missing). */
json_t *bc_period_json(const bc_period *p);

#endif

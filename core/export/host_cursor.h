/* SPDX-License-Identifier: MIT */
/* The passes of plugin ABI 1.3 (baocao/plugin.h says what each gives and
 * who owns what): the host API's open_*, next, item_* and close. */
#ifndef BC_HOST_CURSOR_H
#define BC_HOST_CURSOR_H

#include <jansson.h>

#include "baocao/plugin.h"

bc_cursor *bc_cursor_units(bc_host *h);
bc_cursor *bc_cursor_values(bc_host *h, const char *form);
bc_cursor *bc_cursor_rows(bc_host *h, const char *form, const char *table,
			  const char *unit);
bc_cursor *bc_cursor_status(bc_host *h);
int bc_cursor_next(bc_cursor *c);
const char *bc_cursor_get(bc_cursor *c, const char *path);
int bc_cursor_number(bc_cursor *c, const char *path, double *out);
size_t bc_cursor_count(bc_cursor *c, const char *path);
const char *bc_cursor_key(bc_cursor *c, const char *path, size_t i);
/* The current item (borrowed: until the next step or close), NULL
 * before the first and after the last. */
json_t *bc_cursor_item(bc_cursor *c);
/* Ends the pass and unlinks it from its host; NULL does nothing. */
void bc_cursor_close(bc_cursor *c);

#endif

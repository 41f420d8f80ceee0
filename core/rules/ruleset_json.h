/* SPDX-License-Identifier: MIT */
/* A ruleset as data: what `rules show --json` prints and exporters read. */
#ifndef BC_RULESET_JSON_H
#define BC_RULESET_JSON_H

#include <jansson.h>

#include "rulebook.h"

/* The directive, with when rb says it is in force.  New reference. */
json_t *bc_directive_json(const bc_rulebook *rb, const bc_ruleset *rs);
/* Forms, outline, responsibilities and channels.  New reference. */
json_t *bc_catalogue_json(const bc_ruleset *rs);
/* Item i of kind k (not the directive) as `rules show --json` shows it.
 * New reference; NULL when out of memory. */
json_t *bc_item_json(const bc_ruleset *rs, bc_reg_kind k, size_t i);
/* All of it: directive, period types, unit kinds, levels, roles and the
 * catalogue.  New reference. */
json_t *bc_ruleset_json(const bc_rulebook *rb, const bc_ruleset *rs);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * What a ruleset's forms, fields and levels were called under the rules
 * before it: a form's or a field's `renamed_from`, a level's `was`.
 * They are read and checked at load (file:line) into the catalogue — each
 * item's own list, and one map of them all, bc_ruleset.renames, which
 * `rules show --json` shows — and every reader of two periods under two
 * rulesets goes through the lookups below: aggregate --compare, the
 * warning against last year, carry-over checks, a unit's history of a
 * field.
 *
 * A form or a field is looked for under the earlier rules by the ids
 * the rules say it had, in the order listed, then by its own: a field
 * renamed twice (renamed_from = { "b", "a" }) is found under the rules
 * that called it b and under those that called it a, and an id left
 * behind by a rename is never taken for the item that now bears it.  A
 * level lays over its own id and every level it says it was; several
 * make one (their figures are added).
 */
#ifndef BC_RENAME_H
#define BC_RENAME_H

#include "ruleset.h"

#include <jansson.h>

typedef enum bc_rename_kind {
	BC_RENAME_FORM,  /* form{ renamed_from = … } */
	BC_RENAME_FIELD, /* a field's renamed_from */
	BC_RENAME_LEVEL, /* level{ was = … } */
} bc_rename_kind;

/* One entry of a ruleset's map: what it calls id (a field of form) was
 * called under earlier rules.  Everything in it belongs to the
 * ruleset. */
typedef struct bc_rename {
	bc_rename_kind kind;
	const char *form; /* a field's form; NULL for a form or a level */
	const char *id;
	char *const *was; /* the ids it had, as the rules list them */
	size_t n_was;
	bc_origin at;
} bc_rename;

/* The form of `then` that form f of `now` was, or NULL when then has
 * none (a new form).  f itself when then is now. */
const bc_form *bc_form_then(const bc_ruleset *now, const bc_form *f,
			    const bc_ruleset *then);

/* The field of form `then` (bc_form_then's) that field fd was, or NULL
 * when it has none (a new field). */
const bc_field *bc_field_then(const bc_field *fd, const bc_form *then);

/* The levels of `then` that level lv lays over, into out (room for
 * then->n_levels), in then's order; how many (0: no counterpart). */
size_t bc_level_then(const bc_level *lv, const bc_ruleset *then,
		     const bc_level **out);

/* The renames of rs checked against `before`, the ruleset it
 * supersedes: an old id `before` does not declare (a warning: a list
 * may name older rules' ids, but a name none of whose ids it knows is
 * likely a typo), a field renamed from one that holds another kind of
 * value (an error: a number is compared with a number only). */
void bc_renames_check(const bc_ruleset *rs, const bc_ruleset *before,
		      bc_diags *d);

/* rs's map as `rules show --json` shows it: [{"form", "field", "level",
 * "was"}], a new reference (NULL when out of memory). */
json_t *bc_renames_json(const bc_ruleset *rs);

#endif

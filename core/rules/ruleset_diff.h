/* SPDX-License-Identifier: MIT */
/*
 * What changed from one ruleset to another, read from their catalogues
 * (`rules diff`): the directive, period types and their deadlines,
 * levels, unit kinds, roles, channels, forms with their fields, columns,
 * choices, checks, indicators and carries, the outline, who owes what,
 * and the wording.
 *
 * Items are paired by id; a form or a field of b first with the one of
 * a it says it was (renamed_from, rename.h), so that a rename is one
 * change and the id it left behind is not taken for another item.  What
 * a renamed form is owed as counts as owing it.  Each item's keys are
 * compared as `rules show
 * --json` shows them, so a key the rules gain is compared with the rest;
 * what that JSON leaves out (a column's required_when, an example) is
 * added from the catalogue.  Responsibilities are compared by what each
 * unit kind and each role owes, whichever responsibility{} says it.
 */
#ifndef BC_RULESET_DIFF_H
#define BC_RULESET_DIFF_H

#include "ruleset.h"

#include <jansson.h>

typedef enum bc_change_op {
	BC_CH_ADDED,   /* in b only */
	BC_CH_REMOVED, /* in a only */
	BC_CH_CHANGED, /* in both, a key of it differs */
	BC_CH_RENAMED, /* a form or field b says it was renamed from */
} bc_change_op;

/* What a change is about; its name in JSON is bc_change_what_name's. */
typedef enum bc_change_what {
	BC_CW_DIRECTIVE,
	BC_CW_PERIOD_TYPE,
	BC_CW_LEVEL,
	BC_CW_UNIT_KIND,
	BC_CW_ROLE,
	BC_CW_CHANNEL,
	BC_CW_FORM,
	BC_CW_FIELD,
	BC_CW_COLUMN,
	BC_CW_CHOICE,    /* an enum's value */
	BC_CW_CHECK,     /* a form's check or expect, a table's row check */
	BC_CW_INDICATOR,
	BC_CW_CARRY,
	BC_CW_SECTION,   /* of the outline */
	BC_CW_OWED_PART, /* a part a unit kind or a role owes */
	BC_CW_OWED_SECTION,
	BC_CW_WORDING,
	BC_CW_N
} bc_change_what;

typedef struct bc_change {
	bc_change_op op;
	bc_change_what what;
	/* Where it is: its form, the field (the table, for a column or a row
	 * check) and the column; b's, or a's for what b does not have; NULL
	 * where there is none. */
	const bc_form *form;
	const bc_field *field, *column;
	/* The item's own id (a field's, a choice's, a period type's code, a
	 * check's condition as written, a part's, a wording key), and what
	 * people call it (a label, a form's name, a section's title, a
	 * wording text's key); NULL for the directive. */
	const char *id, *label;
	/* A change: the key that differs, as the rules write it
	 * ("unit_due", "window.from"); NULL otherwise. */
	const char *key;
	/* A change: the key's value in a and in b (null when absent); a
	 * rename: the id in a and in b; an item added: after is the item,
	 * removed: before is; otherwise NULL.  Owned by the diff. */
	json_t *before, *after;
	/* An owed part or section: the unit kind or the role owing it. */
	const char *kind, *role;
	const char *who_label; /* that kind's or role's label */
} bc_change;

typedef struct bc_rsdiff {
	const bc_ruleset *a, *b;
	bc_change *v;
	size_t n, cap;
	bc_arena mem; /* the texts the changes name */
} bc_rsdiff;

/*
 * What changed from a to b, into *out (freed with bc_rsdiff_free, also
 * on failure), in the order a reader takes it: the directive, period
 * types, levels, unit kinds, roles, channels, forms (b's order, then
 * a's that b has not), the outline, what is owed, the wording.  Both
 * rulesets must outlive *out.  BC_ERR_NOMEM when memory ran out.
 */
bc_err bc_ruleset_diff(const bc_ruleset *a, const bc_ruleset *b,
		       bc_rsdiff *out);
void bc_rsdiff_free(bc_rsdiff *d);

/* "added", "removed", "changed", "renamed". */
const char *bc_change_op_name(bc_change_op op);
/* "directive", "period_type", "field", "owed_part", … */
const char *bc_change_what_name(bc_change_what w);

/* The diff as `rules diff --json` prints it (docs/cli.md): ids, never
 * words.  New reference; NULL when out of memory. */
json_t *bc_rsdiff_json(const bc_rsdiff *d);

#endif

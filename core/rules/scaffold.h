/* SPDX-License-Identifier: MIT */
/*
 * A new directive begun from another (`rules new`): a copy of a
 * ruleset's files under a new id, its directive{} written anew.  The new
 * directive keeps what is likely to carry over (who issues it, how
 * deadlines read, the unit of money, what the report is called) and
 * names the ruleset it supersedes; what only the new document can say —
 * its title, number, date and the day it comes into force — is left
 * empty, which the loader reports as to fill in (docs/rules.md), so
 * that `rules check` lists what is left and no period is governed by a
 * directive that has no date.
 */
#ifndef BC_SCAFFOLD_H
#define BC_SCAFFOLD_H

#include "ruleset.h"

#include <stdbool.h>

/* Whether id can name a ruleset (a directory of the rules directory):
 * lower-case letters, digits, '-' and '_', a letter or a digit first, at
 * most 64 bytes. */
bool bc_ruleset_id_ok(const char *id);

/* The keys of directive{} a new directive leaves empty, in the order
 * written, NULL-ended. */
extern const char *const bc_scaffold_to_fill[];

/* What was made. */
typedef struct bc_scaffold {
	char *dir;   /* rules_dir/id */
	char *entry; /* the file holding directive{}, in the ruleset */
	int line;    /* the line directive{} begins on there */
	size_t n_files;
} bc_scaffold;

/*
 * Makes the directory rules_dir/id, a copy of every file of src with
 * src's directive{} replaced by the new one's, into *out (freed with
 * bc_scaffold_free).  It appears whole or not at all.  BC_ERR_SYNTAX
 * for an id bc_ruleset_id_ok refuses; refused with BC_ERR_INVALID when
 * rules_dir/id exists, with BC_ERR_REFUSED when src's directive{} is no
 * call the copy can find in its file (registered through another name);
 * BC_ERR_IO when writing fails.  d says why.
 */
bc_err bc_ruleset_scaffold(const bc_ruleset *src, const char *rules_dir,
			   const char *id, bc_scaffold *out, bc_diags *d);
void bc_scaffold_free(bc_scaffold *s);

#endif

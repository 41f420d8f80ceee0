/* SPDX-License-Identifier: MIT */
/*
 * Private to the ruleset loader: reading registration tables in Lua.
 * Each helper raises a Lua error (file:line of the registration) when the
 * table is malformed, so a registration function reads like its schema.
 */
#ifndef BC_RULESET_LUA_H
#define BC_RULESET_LUA_H

#include "registry.h"
#include "rename.h"
#include "ruleset.h"
#include "strmap.h"

#include <lua.h>

/* The ids of an array of items (fields, columns) and, built when first
 * asked for, the values of each item's list (an enum's choices). */
typedef struct bc_rl_names {
	bc_strmap ids;
	bc_strmap *values; /* per item; empty until asked for */
	size_t n_values;
} bc_rl_names;

/* A ruleset's maps from ids to positions, kept with it for its lookups:
 * a registration finds a name in one step, so that loading takes time
 * in the rules' size, not its square. */
typedef struct bc_rl_index {
	bc_strmap by_id[BC_REG_N]; /* of each kind found by id */
} bc_rl_index;

void bc_rl_index_free(bc_rl_index *ix);

/* A ruleset being loaded: what only its loading needs, gone once it has
 * loaded.  The registrations find it through the Lua registry while the
 * rules run (bc_rl_loader_of), and nowhere once they have. */
typedef struct bc_rl_loader {
	bc_ruleset *rs;
	const bc_reg *reg; /* the kind being registered */
	bc_diags *d;     /* where registrations report */
	int broken;      /* registrations that failed */
	size_t problems; /* bc_rl_problem's, listed or not */
	/* The form being registered: its fields, and each table field's
	 * columns (by the field's position). */
	bc_rl_names fields;
	bc_rl_names *tables;
	size_t n_tables;
} bc_rl_loader;

/* Makes ld the loading the registrations of L find. */
void bc_rl_loader_begin(lua_State *L, bc_rl_loader *ld);
/* Ends it: the registrations of L find none (and refuse to run), and
 * what ld held is freed. */
void bc_rl_loader_end(lua_State *L, bc_rl_loader *ld);
/* The loading in progress, or NULL. */
bc_rl_loader *bc_rl_loader_of(lua_State *L);
/* Adds key -> val to m, charging its growth first; false when key was
 * there already (*old its value).  Raises a memory error on failure. */
bool bc_rl_map_add(lua_State *L, bc_strmap *m, const char *key, size_t val,
		   size_t *old);
/* m's value for key, or -1. */
int bc_rl_map_find(const bc_strmap *m, const char *key);
/* Frees the maps of the form registered last (its fields, its tables'
 * columns and values), giving back what they were charged. */
void bc_rl_forget_form(lua_State *L);
/* The names of the columns of the current form's field i. */
bc_rl_names *bc_rl_table_names(lua_State *L, size_t i);
/* Whether s is one of v[0..n), the list of item i of nm. */
bool bc_rl_names_has(lua_State *L, bc_rl_names *nm, size_t i,
		     char *const *v, size_t n, const char *s);

/* The ruleset being loaded. */
bc_ruleset *bc_rl_rs_of(lua_State *L);
/* A copy of s in the ruleset's arena, charged to the rules' memory
 * (bc_sandbox_charge); raises a memory or time error on failure. */
char *bc_rl_dup(lua_State *L, const char *s);
/* The n bytes at p, copied into the ruleset's arena (charged by the
 * caller); raises a memory error on failure. */
void *bc_rl_keep(lua_State *L, const void *p, size_t n);
/* A new item of the kind being registered, zeroed, at the end of its
 * array, counted at once. */
void *bc_rl_item(lua_State *L);
/* Adds the id of the newest item of the kind being registered to its
 * map; false when one of that id came before (*old its position). */
bool bc_rl_add_id(lua_State *L, const char *id, size_t *old);
/* Grows *v, an array in the ruleset's arena, by one zeroed element,
 * counted at once.  Capacity doubles (it is implied by *n), and each new
 * block is charged. */
void *bc_rl_push_item(lua_State *L, void **v, size_t *n, size_t elem);
/* Where the registration being run was called from. */
void bc_rl_origin(lua_State *L, bc_origin *o);
/* Raises an error for a key of the table at idx not in allowed; what
 * names the table in the message ("form{}"). */
void bc_rl_check_keys(lua_State *L, int idx, const char *what,
		      const char *const *allowed);
/* The same, allowing positional values 1..npos as well. */
void bc_rl_check_keys_pos(lua_State *L, int idx, const char *what,
			  const char *const *allowed, int npos);
/* t[key] as a copied string; NULL when absent and optional. */
char *bc_rl_get_str(lua_State *L, int t, const char *what, const char *key,
		    bool required);
/* t[key] as a string left on the stack (nil when absent and optional),
 * valid until the caller pops it: a value read to be looked at, not
 * kept, needs no copy that an error could leak. */
const char *bc_rl_peek_str(lua_State *L, int t, const char *what,
			   const char *key, bool required);
/* t[key] as bytes that need not be text (a Lua pattern), or NULL. */
char *bc_rl_get_bytes(lua_State *L, int t, const char *what, const char *key);
bool bc_rl_get_bool(lua_State *L, int t, const char *what, const char *key,
		    bool dflt);
/* A lower-case (or, with upper, capital) identifier of at most 32. */
bool bc_rl_valid_id(const char *s, bool upper);
/* t[key], a string or a list of strings, copied into *v, *n. */
void bc_rl_get_list(lua_State *L, int t, const char *what, const char *key,
		    char ***v, size_t *n);

/* A problem of the rules that does not stop them loading, so that `rules
 * check` lists every one at once: an error in ld->d at at.  The first
 * BC_RL_LISTED are listed, the rest only counted: the memory cap bounds
 * what the rules make, not how much C could say about it. */
#define BC_RL_LISTED 1000
void bc_rl_problem(bc_rl_loader *ld, const bc_origin *at, const char *fmt,
		   ...) __attribute__((format(printf, 3, 4)));
void bc_rl_vproblem(bc_rl_loader *ld, const bc_origin *at, const char *fmt,
		    va_list ap) __attribute__((format(printf, 3, 0)));

/* form{…}: registers a form (ruleset_form.c). */
int bc_rl_form(lua_State *L);
/* scheme{…}, part{…}, criterion{…}: a scoring scheme (scheme.c). */
int bc_rl_scheme(lua_State *L);
int bc_rl_part(lua_State *L);
int bc_rl_criterion(lua_State *L);
/* Once the rules have run: every scheme's names resolved, its groups
 * given their parts and criteria, its sums checked; each problem at its
 * file:line.  BC_ERR_NOMEM only. */
bc_err bc_rl_check_schemes(bc_rl_loader *ld);
/* wording{…}: the words of the ruleset's documents (wording.c). */
int bc_rl_wording(lua_State *L);

/* What an item was called before (rename.c): a form's or a field's
 * renamed_from, a level's was, at t[key], copied into *v, *n, checked
 * (ids, none claimed twice) and added to the ruleset's map; form is a
 * field's form, id the item's, at is where it was declared. */
void bc_rl_renamed(lua_State *L, int t, bc_rename_kind kind,
		   const char *form, const char *id, const bc_origin *at,
		   char ***v, size_t *n);
/* The form just read renames no field to one it still declares. */
void bc_rl_form_renames(lua_State *L, const bc_form *form);
/* Once the rules have run: no form or level renamed from one the
 * ruleset still declares. */
void bc_rl_check_renames(bc_rl_loader *ld);

#endif

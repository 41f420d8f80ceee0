/* SPDX-License-Identifier: MIT */
/*
 * Private to the ruleset loader: reading registration tables in Lua.
 * Each helper raises a Lua error (file:line of the registration) when the
 * table is malformed, so a registration function reads like its schema.
 */
#ifndef BC_RULESET_LUA_H
#define BC_RULESET_LUA_H

#include "ruleset.h"

#include <lua.h>

/* The ruleset a registration closure was made for (upvalue 1). */
bc_ruleset *bc_rl_rs_of(lua_State *L);
/* A copy of s; raises a memory error on failure. */
char *bc_rl_dup(lua_State *L, const char *s);
/* Grows *v by one zeroed element, counted at once so that an error
 * unwinding past it still frees it with the ruleset. */
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
/* t[key] as bytes that need not be text (a Lua pattern), or NULL. */
char *bc_rl_get_bytes(lua_State *L, int t, const char *what, const char *key);
bool bc_rl_get_bool(lua_State *L, int t, const char *what, const char *key,
		    bool dflt);
/* A lower-case (or, with upper, capital) identifier of at most 32. */
bool bc_rl_valid_id(const char *s, bool upper);
/* t[key], a string or a list of strings, copied into *v, *n. */
void bc_rl_get_list(lua_State *L, int t, const char *what, const char *key,
		    char ***v, size_t *n);
/* Frees a list of strings. */
void bc_rl_free_list(char **v, size_t n);

/* form{…}: registers a form (form.c). */
int bc_rl_form(lua_State *L);
void bc_form_free(bc_form *f);

#endif

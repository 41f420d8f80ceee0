/* SPDX-License-Identifier: MIT */
#include "ruleset_lua.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

/* ---- reading registration tables ------------------------------------ */

bc_ruleset *bc_rl_rs_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* A copy of s owned by the ruleset; raises a memory error on failure. */
static char *dup_bytes(lua_State *L, const char *s)
{
	char *p = bc_strdup(s);
	if (s && !p)
		luaL_error(L, "out of memory");
	return p;
}

char *bc_rl_dup(lua_State *L, const char *s)
{
	/* Rules text reaches workbooks and messages: it must be UTF-8
	 * (a Lua escape such as "\240" could make it anything). */
	if (s && !bc_utf8_valid(s, strlen(s), NULL))
		luaL_error(L, "a text of the rules is not UTF-8");
	char *p = bc_strdup(s);
	if (s && !p)
		luaL_error(L, "out of memory");
	return p;
}

/* Grows an array of the ruleset by one zeroed element and returns it.
 * The element is counted at once, so whatever it holds when an error
 * unwinds is freed with the ruleset. */
void *bc_rl_push_item(lua_State *L, void **v, size_t *n, size_t elem)
{
	void *p = bc_realloc(*v, (*n + 1) * elem);
	if (!p)
		luaL_error(L, "out of memory");
	*v = p;
	char *item = (char *)p + *n * elem;
	memset(item, 0, elem);
	(*n)++;
	return item;
}

void bc_rl_origin(lua_State *L, bc_origin *o)
{
	/* The first Lua function up the stack: the rule that registered
	 * (registrations are called through a guard written in C). */
	lua_Debug ar;
	for (int level = 1; lua_getstack(L, level, &ar); level++)
		if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
			o->file = bc_rl_dup(L, ar.short_src);
			o->line = ar.currentline;
			return;
		}
}

void bc_rl_check_keys(lua_State *L, int idx, const char *what,
		      const char *const *allowed)
{
	bc_rl_check_keys_pos(L, idx, what, allowed, 0);
}

void bc_rl_check_keys_pos(lua_State *L, int idx, const char *what,
			  const char *const *allowed, int npos)
{
	luaL_checktype(L, idx, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_isinteger(L, -1)) {
			lua_Integer i = lua_tointeger(L, -1);
			if (i >= 1 && i <= npos)
				continue;
			luaL_error(L, "%s: unexpected value at position %d",
				   what, (int)i);
		}
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "%s: keys must be names", what);
		const char *k = lua_tostring(L, -1);
		const char *const *a = allowed;
		while (*a && strcmp(*a, k) != 0)
			a++;
		if (!*a) {
			char list[512] = "";
			size_t o = 0;
			for (a = allowed; *a && o < sizeof list; a++)
				o += (size_t)snprintf(list + o, sizeof list - o,
						      "%s%s", *a, a[1] ? ", " : "");
			luaL_error(L, "%s: unknown key '%s' (known: %s)", what,
				   k, list);
		}
	}
}

/* The string at t[key], copied, or NULL when absent and optional. */
char *bc_rl_get_str(lua_State *L, int t, const char *what, const char *key,
		     bool required)
{
	int ty = lua_getfield(L, t, key);
	char *s = NULL;
	if (ty == LUA_TSTRING)
		s = bc_rl_dup(L, lua_tostring(L, -1));
	else if (ty != LUA_TNIL)
		luaL_error(L, "%s{}: '%s' must be a string, not %s", what, key,
			   lua_typename(L, ty));
	else if (required)
		luaL_error(L, "%s{}: '%s' is required", what, key);
	lua_pop(L, 1);
	return s;
}

bool bc_rl_get_bool(lua_State *L, int t, const char *what, const char *key,
		     bool dflt)
{
	int ty = lua_getfield(L, t, key);
	bool b = dflt;
	if (ty == LUA_TBOOLEAN)
		b = lua_toboolean(L, -1);
	else if (ty != LUA_TNIL)
		luaL_error(L, "%s{}: '%s' must be true or false", what, key);
	lua_pop(L, 1);
	return b;
}

bool bc_rl_valid_id(const char *s, bool upper)
{
	if (!s || !*s || strlen(s) > 32)
		return false;
	if (upper ? !isupper((unsigned char)s[0]) : !islower((unsigned char)s[0]))
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool ok = upper ? (isupper(c) || isdigit(c))
				: (islower(c) || isdigit(c) || c == '_');
		if (!ok)
			return false;
	}
	return true;
}


void bc_rl_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bc_free(v[i]);
	bc_free(v);
}

/* Appends a copy of s to *v; the count grows first so that an error
 * leaves nothing unowned. */
static void list_push(lua_State *L, char ***v, size_t *n, const char *s)
{
	char **p = bc_realloc(*v, (*n + 1) * sizeof *p);
	if (!p)
		luaL_error(L, "out of memory");
	*v = p;
	p[(*n)++] = NULL;
	p[*n - 1] = bc_rl_dup(L, s);
}

void bc_rl_get_list(lua_State *L, int t, const char *what, const char *key,
		    char ***v, size_t *n)
{
	int ty = lua_getfield(L, t, key);
	if (ty == LUA_TSTRING) {
		list_push(L, v, n, lua_tostring(L, -1));
	} else if (ty == LUA_TTABLE) {
		lua_Integer len = luaL_len(L, -1);
		for (lua_Integer i = 1; i <= len; i++) {
			if (lua_geti(L, -1, i) != LUA_TSTRING)
				luaL_error(L, "%s: '%s' must list strings",
					   what, key);
			list_push(L, v, n, lua_tostring(L, -1));
			lua_pop(L, 1);
		}
	} else if (ty != LUA_TNIL) {
		luaL_error(L, "%s: '%s' must be a string or a list of strings",
			   what, key);
	}
	lua_pop(L, 1);
}

char *bc_rl_get_bytes(lua_State *L, int t, const char *what, const char *key)
{
	int ty = lua_getfield(L, t, key);
	char *s = NULL;
	if (ty == LUA_TSTRING)
		s = dup_bytes(L, lua_tostring(L, -1));
	else if (ty != LUA_TNIL)
		luaL_error(L, "%s{}: '%s' must be a string", what, key);
	lua_pop(L, 1);
	return s;
}

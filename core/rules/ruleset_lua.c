/* SPDX-License-Identifier: MIT */
#include "ruleset_lua.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- reading registration tables ------------------------------------ */

/* Where the registry holds the loading in progress. */
#define LOADER_KEY "baocao.loader"

void bc_rl_loader_begin(lua_State *L, bc_rl_loader *ld)
{
	lua_pushlightuserdata(L, ld);
	lua_setfield(L, LUA_REGISTRYINDEX, LOADER_KEY);
}

bc_rl_loader *bc_rl_loader_of(lua_State *L)
{
	lua_getfield(L, LUA_REGISTRYINDEX, LOADER_KEY);
	bc_rl_loader *ld = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return ld;
}

bc_ruleset *bc_rl_rs_of(lua_State *L)
{
	return bc_rl_loader_of(L)->rs;
}

/* n bytes of the ruleset's arena (charged by the caller). */
static void *kept(lua_State *L, size_t n)
{
	void *p = bc_arena_alloc(&bc_rl_rs_of(L)->mem, n);
	if (!p)
		bc_sandbox_oom(L);
	return p;
}

/* A copy of s owned by the ruleset, charged to the rules' memory before
 * the bytes are even read: rules that catch an error pay, in time and
 * memory, for each try.  Text must be UTF-8: it reaches workbooks and
 * messages (a Lua escape such as "\240" could make it anything). */
static char *copy(lua_State *L, const char *s, bool text)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	bc_sandbox_charge(L, n);
	if (text && !bc_utf8_valid(s, n - 1, NULL))
		bc_sandbox_error(L, N_("a text of the rules is not UTF-8"));
	return memcpy(kept(L, n), s, n);
}

char *bc_rl_dup(lua_State *L, const char *s)
{
	return copy(L, s, true);
}

void *bc_rl_keep(lua_State *L, const void *p, size_t n)
{
	return n ? memcpy(kept(L, n), p, n) : NULL;
}

/* The capacity of an array of n items grown by grow: doubling, so
 * that n items cost time in n. */
static size_t cap_of(size_t n)
{
	size_t c = 4;
	while (c < n)
		c *= 2;
	return n ? c : 0;
}

/* Makes room for item n of *v, the growth charged first.  An array of
 * the ruleset (kept) grows into a new block of its arena, the old one
 * staying until the ruleset is freed; an array of the loader's own is
 * reallocated. */
static void grow(lua_State *L, void **v, size_t n, size_t elem, bool kept_)
{
	size_t cap = cap_of(n), want = cap_of(n + 1);
	bc_sandbox_charge(L, 0); /* the clock, also when nothing grows */
	if (want == cap)
		return;
	if (want > SIZE_MAX / elem)
		bc_sandbox_error(L, N_("out of memory"));
	bc_sandbox_charge(L, (want - (kept_ ? 0 : cap)) * elem);
	void *p = kept_ ? kept(L, want * elem) : bc_realloc(*v, want * elem);
	if (!p)
		bc_sandbox_oom(L);
	if (kept_ && n)
		memcpy(p, *v, n * elem);
	*v = p;
}

/* Grows an array of the ruleset by one zeroed element and returns it.
 * The element is counted at once, so whatever it holds when an error
 * unwinds is freed with the ruleset. */
void *bc_rl_push_item(lua_State *L, void **v, size_t *n, size_t elem)
{
	grow(L, v, *n, elem, true);
	char *item = (char *)*v + *n * elem;
	memset(item, 0, elem);
	(*n)++;
	return item;
}

void *bc_rl_item(lua_State *L)
{
	const bc_reg *g = bc_rl_loader_of(L)->reg;
	char *rs = (char *)bc_rl_rs_of(L);
	return bc_rl_push_item(L, (void **)(rs + g->items),
			       (size_t *)(rs + g->count), g->size);
}

bool bc_rl_add_id(lua_State *L, const char *id, size_t *old)
{
	const bc_reg *g = bc_rl_loader_of(L)->reg;
	bc_ruleset *rs = bc_rl_rs_of(L);
	size_t n = *(size_t *)((char *)rs + g->count);
	return bc_rl_map_add(L, &rs->index->by_id[g - bc_registry], id, n - 1,
			     old);
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
			bc_sandbox_error(L, N_("%s: unexpected value at "
					       "position %d"),
				   what, (int)i);
		}
		if (lua_type(L, -1) != LUA_TSTRING)
			bc_sandbox_error(L, N_("%s: keys must be names"), what);
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
			bc_sandbox_error(L, N_("%s: unknown key '%s' (known: "
					       "%s)"), what,
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
		bc_sandbox_error(L, N_("%s{}: '%s' must be a string, not %s"), what, key,
			   lua_typename(L, ty));
	else if (required)
		bc_sandbox_error(L, N_("%s{}: '%s' is required"), what, key);
	lua_pop(L, 1);
	return s;
}

const char *bc_rl_peek_str(lua_State *L, int t, const char *what,
			   const char *key, bool required)
{
	int ty = lua_getfield(L, t, key);
	if (ty == LUA_TNIL && required)
		bc_sandbox_error(L, N_("%s{}: '%s' is required"), what, key);
	else if (ty != LUA_TNIL && ty != LUA_TSTRING)
		bc_sandbox_error(L, N_("%s{}: '%s' must be a string, not %s"), what, key,
			   lua_typename(L, ty));
	return lua_tostring(L, -1);
}

bool bc_rl_get_bool(lua_State *L, int t, const char *what, const char *key,
		     bool dflt)
{
	int ty = lua_getfield(L, t, key);
	bool b = dflt;
	if (ty == LUA_TBOOLEAN)
		b = lua_toboolean(L, -1);
	else if (ty != LUA_TNIL)
		bc_sandbox_error(L, N_("%s{}: '%s' must be true or false"), what, key);
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

/* Appends a copy of s to *v. */
static void list_push(lua_State *L, char ***v, size_t *n, const char *s)
{
	grow(L, (void **)v, *n, sizeof **v, true);
	(*v)[(*n)++] = NULL;
	(*v)[*n - 1] = bc_rl_dup(L, s);
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
				bc_sandbox_error(L, N_("%s: '%s' must list "
						       "strings"),
					   what, key);
			list_push(L, v, n, lua_tostring(L, -1));
			lua_pop(L, 1);
		}
	} else if (ty != LUA_TNIL) {
		bc_sandbox_error(L, N_("%s: '%s' must be a string or a list of "
				       "strings"),
			   what, key);
	}
	lua_pop(L, 1);
}

char *bc_rl_get_bytes(lua_State *L, int t, const char *what, const char *key)
{
	int ty = lua_getfield(L, t, key);
	char *s = NULL;
	if (ty == LUA_TSTRING)
		s = copy(L, lua_tostring(L, -1), false);
	else if (ty != LUA_TNIL)
		bc_sandbox_error(L, N_("%s{}: '%s' must be a string"), what, key);
	lua_pop(L, 1);
	return s;
}

void bc_rl_problem(bc_rl_loader *ld, const bc_origin *at, const char *fmt,
		   ...)
{
	va_list ap;
	va_start(ap, fmt);
	bc_rl_vproblem(ld, at, fmt, ap);
	va_end(ap);
}

void bc_rl_vproblem(bc_rl_loader *ld, const bc_origin *at, const char *fmt,
		    va_list ap)
{
	if (ld->problems++ < BC_RL_LISTED)
		bc_diags_vadd(ld->d, BC_ERROR, at->file, at->line, NULL, NULL,
			      NULL, fmt, ap);
}

/* ---- lookups by id ------------------------------------------------------- */

bool bc_rl_map_add(lua_State *L, bc_strmap *m, const char *key, size_t val,
		   size_t *old)
{
	/* Growing holds the old table and the new one for a moment. */
	size_t before = bc_strmap_bytes(m), grow = bc_strmap_growth(m);
	bc_sandbox_charge(L, grow);
	int rc = bc_strmap_add(m, key, val, old);
	bc_sandbox_refund(L, before + grow - bc_strmap_bytes(m));
	if (rc < 0)
		bc_sandbox_oom(L);
	return rc > 0;
}

int bc_rl_map_find(const bc_strmap *m, const char *key)
{
	size_t i;
	return bc_strmap_get(m, key, &i) ? (int)i : -1;
}

/* Frees nm; the bytes it held. */
static size_t names_free(bc_rl_names *nm)
{
	size_t bytes = bc_strmap_bytes(&nm->ids);
	bc_strmap_free(&nm->ids);
	for (size_t i = 0; i < nm->n_values; i++) {
		bytes += bc_strmap_bytes(&nm->values[i]);
		bc_strmap_free(&nm->values[i]);
	}
	bytes += cap_of(nm->n_values) * sizeof *nm->values;
	bc_free(nm->values);
	*nm = (bc_rl_names){0};
	return bytes;
}

/* Frees the current form's maps; the bytes they held. */
static size_t form_maps_free(bc_rl_loader *ld)
{
	size_t bytes = names_free(&ld->fields);
	for (size_t i = 0; i < ld->n_tables; i++)
		bytes += names_free(&ld->tables[i]);
	bytes += cap_of(ld->n_tables) * sizeof *ld->tables;
	bc_free(ld->tables);
	ld->tables = NULL;
	ld->n_tables = 0;
	return bytes;
}

void bc_rl_forget_form(lua_State *L)
{
	bc_sandbox_refund(L, form_maps_free(bc_rl_loader_of(L)));
}

void bc_rl_loader_end(lua_State *L, bc_rl_loader *ld)
{
	lua_pushnil(L);
	lua_setfield(L, LUA_REGISTRYINDEX, LOADER_KEY);
	form_maps_free(ld);
}

/* Grows *v, an array of *n zeroed elements, to hold at least need. */
static void *keep_array(lua_State *L, void *v, size_t *n, size_t need,
			size_t elem)
{
	while (*n < need) {
		grow(L, &v, *n, elem, false);
		memset((char *)v + *n * elem, 0, elem);
		(*n)++;
	}
	return v;
}

bc_rl_names *bc_rl_table_names(lua_State *L, size_t i)
{
	bc_rl_loader *ld = bc_rl_loader_of(L);
	ld->tables = keep_array(L, ld->tables, &ld->n_tables, i + 1,
				sizeof *ld->tables);
	return &ld->tables[i];
}

bool bc_rl_names_has(lua_State *L, bc_rl_names *nm, size_t i,
		     char *const *v, size_t n, const char *s)
{
	nm->values = keep_array(L, nm->values, &nm->n_values, i + 1,
				sizeof *nm->values);
	bc_strmap *m = &nm->values[i];
	if (!m->n)
		for (size_t k = 0; k < n; k++)
			bc_rl_map_add(L, m, v[k], k, NULL);
	return bc_rl_map_find(m, s) >= 0;
}

void bc_rl_index_free(bc_rl_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < BC_REG_N; i++)
		bc_strmap_free(&ix->by_id[i]);
	bc_free(ix);
}

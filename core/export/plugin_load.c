/* SPDX-License-Identifier: MIT */
#include "plugin_load.h"
#include "export_host.h"
#include "host_cursor.h"
#include "jsonout.h"
#include "mem.h"
#include "sandbox.h"
#include "text.h"

#include <dirent.h>
#include <dlfcn.h>
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The first dir/name.ext along path, or NULL (and *oom when memory ran
 * out: not "no such plugin").  Caller frees. */
static char *find_file(const char *path, const char *name, const char *ext,
		       bool *oom)
{
	for (const char *p = path; p && *p;) {
		size_t n = strcspn(p, ":");
		char *f = n ? bc_sprintf("%.*s/%s.%s", (int)n, p, name, ext)
			    : NULL;
		if (n && !f) {
			*oom = true;
			return NULL;
		}
		if (f && is_file(f))
			return f;
		bc_free(f);
		p += n + (p[n] == ':');
	}
	return NULL;
}

static bool name_ok(const char *name)
{
	if (!*name || strlen(name) > 64)
		return false;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '_' || *c == '-'))
			return false;
	return true;
}

static bc_err load_so(const char *file, const char *name, bc_plugin *out,
		      bool *no_entry, bc_diags *d)
{
	out->handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!out->handle) {
		bc_diags_add(d, BC_ERROR, file, 0, NULL, NULL,
			     N_("cannot load the plugin: %s"), dlerror());
		return BC_ERR_RULES;
	}
	const bc_exporter *(*entry)(void);
	*(void **)&entry = dlsym(out->handle, BC_PLUGIN_ENTRY);
	if (!entry) {
		*no_entry = true;
		return BC_ERR_NOT_FOUND;
	}
	const bc_exporter *e = entry();
	if (!e || e->abi_major != BC_PLUGIN_ABI_MAJOR ||
	    e->abi_minor > BC_PLUGIN_ABI_MINOR) {
		bc_diags_add(d, BC_ERROR, file, 0, NULL, NULL,
			     N_("plugin '%s' was built for plugin ABI %u.%u and "
				"this baocao has ABI %d.%d: rebuild against "
				"this baocao"),
			     name, e ? e->abi_major : 0, e ? e->abi_minor : 0,
			     BC_PLUGIN_ABI_MAJOR, BC_PLUGIN_ABI_MINOR);
		return BC_ERR_RULES;
	}
	if (!e->run || !e->name || strcmp(e->name, name)) {
		bc_diags_add(d, BC_ERROR, file, 0, NULL, NULL,
			     N_("plugin '%s' describes itself as '%s' or has no "
				"run function"),
			     name, e->name ? e->name : "");
		return BC_ERR_RULES;
	}
	out->desc = e;
	return BC_OK;
}

bc_err bc_plugin_find(const char *path, const char *name, bc_plugin *out,
		      bc_diags *d)
{
	*out = (bc_plugin){0};
	if (!name_ok(name))
		return BC_ERR_NOT_FOUND;
	if (!(out->name = bc_strdup(name)))
		return BC_ERR_NOMEM;
	bool no_entry = false, oom = false;
	char *so = find_file(path, name, "so", &oom);
	bc_err rc = oom ? BC_ERR_NOMEM : BC_ERR_NOT_FOUND;
	if (so)
		rc = load_so(so, name, out, &no_entry, d);
	bc_free(so);
	if (rc != BC_ERR_NOT_FOUND)
		return rc;
	if (out->handle) {
		dlclose(out->handle);
		out->handle = NULL;
	}
	out->lua = find_file(path, name, "lua", &oom);
	if (out->lua)
		return BC_OK;
	if (oom)
		return BC_ERR_NOMEM;
	if (no_entry)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("plugin '%s' has no %s() and there is no %s.lua"),
			     name, BC_PLUGIN_ENTRY, name);
	return no_entry ? BC_ERR_RULES : BC_ERR_NOT_FOUND;
}

static void lx_free(bc_lua_exporter *x);

void bc_plugin_close(bc_plugin *p)
{
	lx_free(p->lx);
	if (p->handle)
		dlclose(p->handle);
	bc_free(p->lua);
	bc_free(p->name);
	*p = (bc_plugin){0};
}

/* ---- Lua exporters ----------------------------------------------------- */

/* The model reaches Lua as a read-only proxy that looks values up in
 * the JSON tree when indexed, so a script pays only for what it reads. */
static const char PROXY[] = "baocao.model";

typedef struct proxy {
	json_t *v;
} proxy;

/* An exact decimal as a Lua float when the float gives its digits back
 * (15 significant digits or fewer); else as its text, which
 * format_number() takes too: a float would turn 99999999999999.99 into
 * …99.98. */
static void push_decimal(lua_State *L, json_t *v)
{
	bc_dec d;
	char text[BC_DEC_BUF];
	bc_json_get_dec(v, &d);
	if (bc_dec_digits(d) <= 15) {
		lua_pushnumber(L, bc_dec_double(d));
		return;
	}
	bc_dec_text(d, text);
	lua_pushstring(L, text);
}

static void push_value(lua_State *L, json_t *v)
{
	if (!v) {
		lua_pushnil(L);
		return;
	}
	if (bc_json_is_num(v) && !json_is_number(v)) {
		push_decimal(L, v);
		return;
	}
	switch (json_typeof(v)) {
	case JSON_STRING:
		lua_pushlstring(L, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		lua_pushinteger(L, (lua_Integer)json_integer_value(v));
		break;
	case JSON_REAL:
		lua_pushnumber(L, json_real_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		lua_pushboolean(L, json_is_true(v));
		break;
	case JSON_OBJECT:
	case JSON_ARRAY: {
		proxy *p = lua_newuserdatauv(L, sizeof *p, 0);
		p->v = json_incref(v);
		luaL_setmetatable(L, PROXY);
		break;
	}
	default:
		lua_pushnil(L);
	}
}

static int proxy_index(lua_State *L)
{
	proxy *p = luaL_checkudata(L, 1, PROXY);
	json_t *v = NULL;
	if (json_is_object(p->v) && lua_type(L, 2) == LUA_TSTRING)
		v = json_object_get(p->v, lua_tostring(L, 2));
	else if (json_is_array(p->v) && lua_isinteger(L, 2) &&
		 lua_tointeger(L, 2) >= 1)
		v = json_array_get(p->v, (size_t)lua_tointeger(L, 2) - 1);
	push_value(L, v);
	return 1;
}

static int proxy_len(lua_State *L)
{
	proxy *p = luaL_checkudata(L, 1, PROXY);
	lua_pushinteger(L, (lua_Integer)(json_is_array(p->v)
						 ? json_array_size(p->v)
						 : json_object_size(p->v)));
	return 1;
}

static int proxy_newindex(lua_State *L)
{
	return bc_sandbox_error(L, N_("the model is read-only"));
}

/* pairs(): keys in the model's order (objects), or 1..n (arrays). */
static int proxy_next(lua_State *L)
{
	proxy *p = luaL_checkudata(L, 1, PROXY);
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(1));
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(1));
	if (json_is_array(p->v)) {
		if ((size_t)i >= json_array_size(p->v))
			return 0;
		lua_pushinteger(L, i + 1);
		push_value(L, json_array_get(p->v, (size_t)i));
		return 2;
	}
	void *it = json_object_iter(p->v);
	for (lua_Integer k = 0; it && k < i; k++)
		it = json_object_iter_next(p->v, it);
	if (!it)
		return 0;
	lua_pushstring(L, json_object_iter_key(it));
	push_value(L, json_object_iter_value(it));
	return 2;
}

static int proxy_pairs(lua_State *L)
{
	luaL_checkudata(L, 1, PROXY);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, proxy_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int proxy_gc(lua_State *L)
{
	proxy *p = luaL_checkudata(L, 1, PROXY);
	json_decref(p->v);
	p->v = NULL;
	return 0;
}

static void proxy_register(lua_State *L)
{
	static const luaL_Reg mt[] = {
		{"__index", proxy_index}, {"__len", proxy_len},
		{"__newindex", proxy_newindex}, {"__pairs", proxy_pairs},
		{"__gc", proxy_gc}, {NULL, NULL},
	};
	luaL_newmetatable(L, PROXY);
	luaL_setfuncs(L, mt, 0);
	lua_pushliteral(L, "model");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

typedef struct lua_ctx {
	bc_host *h;
	const bc_host_api *api;
	const char *name;
	int run_ref; /* the registered run function */
	bool stream; /* exporter{stream = true}: the lean model */
	bool running; /* in run(), the model built: passes may open */
} lua_ctx;

/* A Lua exporter loaded (its exporter{} declared) before the model is
 * built, which it decides lean or whole; run once, then freed. */
struct bc_lua_exporter {
	bc_srcset src;
	bc_sandbox *sb;
	lua_ctx c;
	bc_err rc;   /* of loading it */
	bc_diags d;  /* loading's messages, given to the run's */
};

static lua_ctx *ctx_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* write(...): the exporter's only output. */
static int l_write(lua_State *L)
{
	lua_ctx *c = ctx_of(L);
	int n = lua_gettop(L);
	for (int i = 1; i <= n; i++) {
		size_t len;
		const char *s = luaL_tolstring(L, i, &len);
		if (c->api->write(c->h, s, len) != 0)
			return bc_sandbox_error(L, N_("write failed"));
		lua_pop(L, 1);
	}
	return 0;
}

/* format_number(n): "1 204", "12,5" as the forms print them; n a
 * number, or the text of an exact decimal the model handed over. */
static int l_format_number(lua_State *L)
{
	char buf[64];
	bc_dec d;
	if (lua_type(L, 1) == LUA_TSTRING &&
	    bc_dec_parse(lua_tostring(L, 1), false, &d) == BC_DEC_OK)
		bc_dec_local(d, buf);
	else
		bc_num_text(luaL_checknumber(L, 1), buf, sizeof buf);
	lua_pushstring(L, buf);
	return 1;
}

static int l_exporter(lua_State *L)
{
	static const char *const keys[] = {"name", "description", "extension",
					   "run", "stream", NULL};
	lua_ctx *c = ctx_of(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		const char *k = lua_tostring(L, -1);
		const char *const *a = keys;
		while (*a && (!k || strcmp(*a, k)))
			a++;
		if (!*a)
			return bc_sandbox_error(L, N_("exporter{}: unknown key "
						      "'%s'"),
					  k ? k : "?");
	}
	lua_getfield(L, 1, "name");
	if (!lua_isstring(L, -1) || strcmp(lua_tostring(L, -1), c->name))
		return bc_sandbox_error(L, N_("exporter{}: name must be '%s' "
					      "(the file's name)"), c->name);
	lua_pop(L, 1);
	if (lua_getfield(L, 1, "run") != LUA_TFUNCTION)
		return bc_sandbox_error(L, N_("exporter{}: run must be a "
					      "function run(model, write)"));
	if (c->run_ref != LUA_NOREF)
		return bc_sandbox_error(L, N_("exporter{}: declared twice"));
	c->run_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	c->stream = lua_getfield(L, 1, "stream") != LUA_TNIL &&
		    lua_toboolean(L, -1);
	return 0;
}

/* ---- passes (plugin ABI 1.3) for Lua: each_unit(), each_value(form),
 * each_row(form, table [, unit]), each_status() ---------------------- */

static const char PASS[] = "baocao.pass";

static bc_cursor **pass_of(lua_State *L, int i)
{
	return luaL_checkudata(L, i, PASS);
}

static int pass_close(lua_State *L)
{
	bc_cursor **c = pass_of(L, 1);
	bc_cursor_close(*c);
	*c = NULL;
	return 0;
}

/* The generic for's step: the next item as a read-only proxy, which
 * stays readable after the pass moves on (it holds its own reference). */
static int pass_step(lua_State *L)
{
	bc_cursor **c = pass_of(L, lua_upvalueindex(1));
	int r = *c ? bc_cursor_next(*c) : 0;
	if (r < 0)
		return bc_sandbox_error(L, N_("reading the figures failed"));
	if (r == 0) {
		bc_cursor_close(*c);
		*c = NULL;
		return 0;
	}
	push_value(L, bc_cursor_item(*c));
	return 1;
}

/* for item in <pass>: the step, nil, nil and the pass as the loop's
 * closing value, so a loop left early (break, an error) closes it. */
static int pass_push(lua_State *L, bc_cursor *cur)
{
	if (!cur)
		return bc_sandbox_error(L, N_("reading the figures failed"));
	bc_cursor **c = lua_newuserdatauv(L, sizeof *c, 0);
	*c = cur;
	luaL_setmetatable(L, PASS);
	lua_pushvalue(L, -1);
	lua_pushcclosure(L, pass_step, 1);
	lua_pushnil(L);
	lua_pushnil(L);
	lua_rotate(L, -4, -1);
	return 4;
}

static lua_ctx *run_ctx(lua_State *L)
{
	lua_ctx *c = ctx_of(L);
	if (!c->running)
		bc_sandbox_error(L, N_("the figures are read in run(), not "
				       "while the exporter is declared"));
	return c;
}

static int l_each_unit(lua_State *L)
{
	lua_ctx *c = run_ctx(L);
	return pass_push(L, c->api->open_units(c->h));
}

static int l_each_value(lua_State *L)
{
	lua_ctx *c = run_ctx(L);
	return pass_push(L, c->api->open_values(c->h, luaL_checkstring(L, 1)));
}

static int l_each_row(lua_State *L)
{
	lua_ctx *c = run_ctx(L);
	const char *form = luaL_checkstring(L, 1),
		   *table = luaL_checkstring(L, 2),
		   *unit = luaL_optstring(L, 3, NULL);
	return pass_push(L, c->api->open_rows(c->h, form, table, unit));
}

static int l_each_status(lua_State *L)
{
	lua_ctx *c = run_ctx(L);
	return pass_push(L, c->api->open_status(c->h));
}

static void pass_register(lua_State *L)
{
	static const luaL_Reg mt[] = {
		{"__close", pass_close}, {"__gc", pass_close}, {NULL, NULL},
	};
	luaL_newmetatable(L, PASS);
	luaL_setfuncs(L, mt, 0);
	lua_pushliteral(L, "pass");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

/* Loads p's script and runs its declaration for the export h: *x, whose
 * rc and d say how that went. */
static void lx_load(bc_plugin *p, bc_lua_exporter *x, bc_host *h,
		    const bc_host_api *api)
{
	char *text;
	size_t len;
	const char *base = strrchr(p->lua, '/');
	base = base ? base + 1 : p->lua;
	x->c = (lua_ctx){h, api, p->name, LUA_NOREF, false, false};
	bc_diags *d = &x->d;
	bc_err rc = bc_file_read(p->lua, 1u << 20, &text, &len, d);
	if (rc == BC_OK) {
		rc = bc_srcset_add(&x->src, base, text, len);
		bc_free(text);
	}
	bc_srcset_sort(&x->src);
	/* An exporter reads the whole model of a province: more room than
	 * rules need. */
	bc_limits lim = {256u << 20, 2000000000u, 120.0};
	if (rc == BC_OK)
		rc = bc_sandbox_new(&lim, "plugins", &x->src, &x->sb);
	if (rc == BC_OK) {
		lua_State *L = bc_sandbox_state(x->sb);
		proxy_register(L);
		pass_register(L);
		static const luaL_Reg fns[] = {
			{"exporter", l_exporter},
			{"write", l_write},
			{"format_number", l_format_number},
			{"each_unit", l_each_unit},
			{"each_value", l_each_value},
			{"each_row", l_each_row},
			{"each_status", l_each_status},
			{NULL, NULL}};
		for (const luaL_Reg *f = fns; f->name; f++) {
			lua_pushlightuserdata(L, &x->c);
			lua_pushcclosure(L, f->func, 1);
			bc_sandbox_set_global(x->sb, f->name);
		}
		rc = bc_sandbox_run(x->sb, base, d);
		if (rc == BC_OK && x->c.run_ref == LUA_NOREF) {
			bc_diags_add(d, BC_ERROR, p->lua, 0, NULL, NULL,
				     N_("no exporter{} declared"));
			rc = BC_ERR_RULES;
		}
	}
	x->rc = rc;
}

/* p's Lua exporter, loaded at the first call; NULL when memory ran out
 * for the handle itself. */
static bc_lua_exporter *lx_loaded(bc_plugin *p, bc_host *h,
				  const bc_host_api *api)
{
	if (!p->lx && (p->lx = bc_calloc(1, sizeof *p->lx)))
		lx_load(p, p->lx, h, api);
	return p->lx;
}

static void lx_free(bc_lua_exporter *x)
{
	if (!x)
		return;
	bc_sandbox_free(x->sb);
	bc_srcset_free(&x->src);
	bc_diags_free(&x->d);
	bc_free(x);
}

static int run_lua(bc_plugin *p, bc_host *h, const bc_host_api *api,
		   bc_diags *d)
{
	bc_lua_exporter *x = lx_loaded(p, h, api);
	if (!x) {
		bc_host_nomem(h);
		return -1;
	}
	bc_diags_move(d, &x->d);
	bc_err rc = x->rc;
	if (rc == BC_OK) {
		lua_State *L = bc_sandbox_state(x->sb);
		x->c.running = true;
		lua_rawgeti(L, LUA_REGISTRYINDEX, x->c.run_ref);
		push_value(L, bc_host_model(h));
		lua_getglobal(L, "write");
		rc = bc_sandbox_pcall(x->sb, 2, 0, d);
	}
	/* Now, while the host's cursors are open: closing the state closes
	 * the passes a script left open. */
	lx_free(x);
	p->lx = NULL;
	return rc == BC_OK ? 0 : -1;
}

bool bc_plugin_lean(bc_plugin *p, bc_host *h, const bc_host_api *api)
{
	if (p->desc)
		return p->desc->abi_minor >= 3;
	bc_lua_exporter *x = p->lua ? lx_loaded(p, h, api) : NULL;
	return x && x->rc == BC_OK && x->c.stream;
}

int bc_plugin_run(bc_plugin *p, bc_host *h, const bc_host_api *api,
		  bc_diags *d)
{
	if (p->desc)
		return p->desc->run(h, api);
	return run_lua(p, h, api, d);
}

/* ---- listing ------------------------------------------------------------ */

static bool listed(char **names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return true;
	return false;
}

bc_err bc_plugin_list(const char *path, char ***names, size_t *n,
		      size_t *cap)
{
	for (const char *p = path; p && *p;) {
		size_t len = strcspn(p, ":");
		char *dir = bc_strndup(p, len);
		DIR *dp = dir && len ? opendir(dir) : NULL;
		struct dirent *e;
		while (dp && (e = readdir(dp))) {
			char name[256];
			size_t l = strlen(e->d_name);
			const char *ext = strrchr(e->d_name, '.');
			if (!ext || (strcmp(ext, ".so") && strcmp(ext, ".lua")) ||
			    l >= sizeof name)
				continue;
			snprintf(name, sizeof name, "%.*s",
				 (int)(ext - e->d_name), e->d_name);
			if (!name_ok(name) || listed(*names, *n, name))
				continue;
			if (bc_grow((void **)names, cap, *n + 1,
				    sizeof **names) < 0 ||
			    !((*names)[*n] = bc_strdup(name))) {
				closedir(dp);
				bc_free(dir);
				return BC_ERR_NOMEM;
			}
			(*n)++;
		}
		if (dp)
			closedir(dp);
		bc_free(dir);
		p += len + (p[len] == ':');
	}
	return BC_OK;
}

/* SPDX-License-Identifier: MIT */
#include "sandbox.h"
#include "i18n.h"
#include "mem.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How often (in VM instructions) the budget is checked. */
#define HOOK_EVERY 1000

struct bc_sandbox {
	lua_State *L;
	const bc_srcset *src;
	bool *included; /* per file of src: include() ran it */
	char *name;
	bc_limits lim;
	size_t used, peak;
	uint64_t spent;
	bool over_budget;
	double deadline;    /* monotonic seconds; 0 for none */
	size_t since_check; /* bytes taken since the clock was read */
	unsigned charges;   /* bc_sandbox_charge calls, to read it every 64 */
	bool timed_out;
	bool mem_refused; /* the cap refused memory in this call (a wrapped
			   * library function may have turned the memory
			   * error into an ordinary one) */
	bool charge_refused; /* ... memory the host would copy into C */
	bool oom; /* the machine refused memory in this call: not the
		   * rules' doing, so not blamed on them */
	bool running;        /* inside bc_sandbox_pcall */
	char limit_where[256]; /* file:line where memory or time ran out, or "" */
	/* The last error the host raised, in English and translated: the
	 * diagnostic an error becomes takes the translation when its
	 * message is this English one. */
	bc_said said;
};

/* Keeps the message of fmt in English and translated (see said); one
 * too long for either is not kept. */
static void vsay(bc_sandbox *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static void vsay(bc_sandbox *sb, const char *fmt, va_list ap)
{
	if (!bc_said_vmake(&sb->said, fmt, ap))
		sb->said.msg[0] = sb->said.text[0] = '\0';
}

static const char *say(bc_sandbox *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static const char *say(bc_sandbox *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(sb, fmt, ap);
	va_end(ap);
	return sb->said.msg;
}

/* The innermost Lua function's "file:line", or "" when none runs. */
static void lua_where(lua_State *L, char *buf, size_t n)
{
	lua_Debug ar;
	buf[0] = '\0';
	for (int level = 0; lua_getstack(L, level, &ar); level++)
		if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
			snprintf(buf, n, "%s:%d", ar.short_src, ar.currentline);
			return;
		}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool past_deadline(bc_sandbox *sb)
{
	if (sb->timed_out)
		return true;
	if (sb->running && sb->deadline > 0 && now() > sb->deadline)
		sb->timed_out = true;
	return sb->timed_out;
}

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	bc_sandbox *sb = ud;
	/* Memory taken in a loop is time spent in C: look at the clock
	 * every MiB. */
	if (nsize > (ptr ? osize : 0)) {
		sb->since_check += nsize;
		if (sb->since_check > (1u << 20)) {
			sb->since_check = 0;
			if (past_deadline(sb)) {
				if (!sb->limit_where[0])
					lua_where(sb->L, sb->limit_where,
						  sizeof sb->limit_where);
				return NULL; /* a memory error, told apart below */
			}
		}
	}
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		bc_free(ptr);
		sb->used -= old;
		return NULL;
	}
	if (nsize > old && sb->used - old + nsize > sb->lim.memory) {
		/* Lua's message handler does not run for memory errors, so
		 * note here where the rules were (reading the stack does not
		 * allocate). */
		if (sb->running && !sb->limit_where[0])
			lua_where(sb->L, sb->limit_where, sizeof sb->limit_where);
		sb->mem_refused = true;
		return NULL; /* Lua raises a memory error */
	}
	void *p = bc_realloc(ptr, nsize);
	if (p) {
		sb->used = sb->used - old + nsize;
		if (sb->used > sb->peak)
			sb->peak = sb->used;
	}
	sb->oom |= !p;
	return p;
}

static bc_sandbox *sb_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

static void budget_hook(lua_State *L, lua_Debug *ar);

/* Once the budget is spent, the hook raises again on every instruction:
 * a pcall in the rules can catch the error but run nothing more. */
static void poison(bc_sandbox *sb)
{
	sb->over_budget = true;
	lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, 1);
}

void bc_sandbox_charge(lua_State *L, size_t n)
{
	bc_sandbox *sb = sb_of(L);
	if (!sb->running)
		return;
	sb->since_check += n;
	bool look = ++sb->charges % 64 == 0 || sb->since_check > (1u << 20);
	if (look)
		sb->since_check = 0;
	if (look && past_deadline(sb)) {
		if (!sb->limit_where[0])
			lua_where(L, sb->limit_where, sizeof sb->limit_where);
		poison(sb);
		bc_sandbox_error(L, N_("time limit of %d s exceeded"),
			   (int)sb->lim.seconds);
	}
	/* As Lua's allocator does before it refuses: garbage does not
	 * count. */
	if (n > sb->lim.memory - sb->used)
		lua_gc(L, LUA_GCCOLLECT);
	if (n > sb->lim.memory || sb->used > sb->lim.memory - n) {
		if (!sb->limit_where[0])
			lua_where(L, sb->limit_where, sizeof sb->limit_where);
		/* What C holds stays held until the load ends: there is
		 * nothing a pcall in the rules could go on with. */
		sb->mem_refused = sb->charge_refused = true;
		poison(sb);
		bc_sandbox_error(L, N_("not enough memory"));
	}
	sb->used += n;
	if (sb->used > sb->peak)
		sb->peak = sb->used;
}

int bc_sandbox_oom(lua_State *L)
{
	sb_of(L)->oom = true;
	return bc_sandbox_error(L, N_("not enough memory"));
}

void bc_sandbox_refund(lua_State *L, size_t n)
{
	bc_sandbox *sb = sb_of(L);
	if (sb->running)
		sb->used -= n < sb->used ? n : sb->used;
}

/*
 * Once the budget is spent the hook fires on every instruction and
 * raises again, so a pcall in the rules can catch the error but never
 * run another instruction of its own.
 */
static void budget_hook(lua_State *L, lua_Debug *ar)
{
	bc_sandbox *sb = sb_of(L);
	if (!sb->over_budget) {
		sb->spent += HOOK_EVERY;
		if (sb->spent < sb->lim.instructions && !past_deadline(sb))
			return;
		poison(sb);
	}
	lua_getinfo(L, "Sl", ar);
	/* bc_sandbox_pcall reports a time-out with this place, whether the
	 * hook or the allocator saw the clock run out. */
	if (sb->timed_out && !sb->limit_where[0])
		lua_where(L, sb->limit_where, sizeof sb->limit_where);
	if (sb->timed_out)
		say(sb, N_("time limit of %d s exceeded"), (int)sb->lim.seconds);
	else if (sb->charge_refused)
		say(sb, N_("memory limit of %d MiB exceeded"),
		    (int)(sb->lim.memory >> 20));
	else
		say(sb, N_("instruction budget of %llu exceeded (an endless "
			   "loop?)"),
		    (unsigned long long)sb->lim.instructions);
	lua_pushfstring(L, "%s:%d: %s", ar->short_src, ar->currentline,
			sb->said.msg);
	lua_error(L);
}

/* Starts a call under what is left of b. */
static void budget_start(bc_sandbox *sb, const bc_budget *b)
{
	sb->spent = b->instructions;
	sb->over_budget = false;
	sb->timed_out = false;
	sb->mem_refused = sb->charge_refused = sb->oom = false;
	sb->since_check = 0;
	sb->deadline = sb->lim.seconds > 0
			       ? now() + sb->lim.seconds - b->seconds
			       : 0;
	lua_sethook(sb->L, budget_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

/* Whether b is spent: a call under it would stop before it began (a call
 * of C alone would not even look). */
static bool budget_spent(const bc_sandbox *sb, const bc_budget *b)
{
	return b->instructions >= sb->lim.instructions ||
	       (sb->lim.seconds > 0 && b->seconds >= sb->lim.seconds);
}

/* __index of every file's environment: undefined names are errors. */
static int env_index(lua_State *L)
{
	lua_pushvalue(L, 2);
	lua_rawget(L, lua_upvalueindex(1));
	if (!lua_isnil(L, -1))
		return 1;
	if (lua_type(L, 2) == LUA_TSTRING)
		return bc_sandbox_error(L, N_("undefined global '%s'"),
				  lua_tostring(L, 2));
	return bc_sandbox_error(L, N_("undefined global"));
}

static int env_newindex(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING)
		return bc_sandbox_error(L,
				  N_("assignment to global '%s' "
				  "(declare it local)"),
				  lua_tostring(L, 2));
	return bc_sandbox_error(L, N_("assignment to a global (declare it "
				      "local)"));
}

/* Pushes a fresh, empty environment that reads the locked globals. */
static void push_env(lua_State *L)
{
	lua_newtable(L);
	lua_newtable(L);
	lua_pushglobaltable(L);
	lua_pushcclosure(L, env_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, env_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable"); /* getmetatable sees false */
	lua_setmetatable(L, -2);
}

/* Registry key of the table path -> results (or a loading marker). */
static const char INCLUDED = 'i';
static const char LOADING = 'l';

static int msgh(lua_State *L);

/* include(path): runs a file of the same ruleset once; returns its
 * first result (true when it returned nothing). */
static int sb_include(lua_State *L)
{
	bc_sandbox *sb = sb_of(L);
	const char *path = luaL_checkstring(L, 1);
	if (!bc_srcset_path_ok(path))
		return bc_sandbox_error(L, N_("include: '%s' is not a path "
					      "inside the ruleset directory (a "
					      "file the rules directory shares "
					      "is \"_common/NAME.lua\")"),
					path);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &INCLUDED);
	lua_getfield(L, -1, path);
	if (lua_touserdata(L, -1) == &LOADING)
		return bc_sandbox_error(L, N_("include: '%s' includes itself"), path);
	if (!lua_isnil(L, -1))
		return 1;
	lua_pop(L, 1);
	const bc_srcfile *f = bc_srcset_find(sb->src, path);
	if (!f && bc_srcset_common(path))
		return bc_sandbox_error(L, N_("include: no file '%s' in the "
					      "rules directory's shared "
					      "files"), path);
	if (!f)
		return bc_sandbox_error(L, N_("include: no file '%s' in %s"), path,
				  sb->name);
	/* Lua's own refusal ("attempt to load a binary chunk") names no
	 * file: say which one. */
	if (f->len >= 4 && !memcmp(f->text, LUA_SIGNATURE, 4))
		return bc_sandbox_error(L, N_("%s/%s:1: a binary chunk "
					      "(precompiled Lua) is refused: "
					      "rules are text"),
				  sb->name, path);
	lua_pushlightuserdata(L, (void *)&LOADING);
	lua_setfield(L, -2, path);
	char chunk[512];
	snprintf(chunk, sizeof chunk, "@%s/%s", sb->name, path);
	int rc = luaL_loadbufferx(L, f->text, f->len, chunk, "t");
	if (rc == LUA_OK) {
		push_env(L);
		lua_setupvalue(L, -2, 1); /* the chunk's _ENV */
		/* The handler must run where the error is raised, while the
		 * chunk's frames still say where that is. */
		lua_pushcfunction(L, msgh);
		lua_insert(L, -2);
		rc = lua_pcall(L, 0, 1, -2);
		lua_remove(L, -2); /* the handler, under the result or error */
	}
	if (rc != LUA_OK) {
		/* Forget the attempt, so that including the file again
		 * reports its own error, not a cycle. */
		lua_pushnil(L);
		lua_setfield(L, -3, path);
		return lua_error(L);
	}
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, -3, path);
	sb->included[f - sb->src->v] = true;
	return 1;
}

/*
 * setmetatable without __gc: Lua runs finalizers with hooks off (and
 * again at lua_close), so a finalizer would escape the instruction
 * budget.  Lua marks an object for finalization only if its metatable has
 * __gc when set, so checking here (raw, as Lua does) is enough.  Written
 * out rather than wrapping the original so that its errors keep the
 * rules' file and line.
 */
static int sb_setmetatable(lua_State *L)
{
	int t = lua_type(L, 2);
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return bc_sandbox_error(L, N_("cannot change a protected "
					      "metatable"));
	if (t == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		bool has_gc = lua_rawget(L, 2) != LUA_TNIL;
		lua_pop(L, 1);
		if (has_gc)
			return bc_sandbox_error(L, N_("__gc metamethods are not "
						      "available to rules"));
	}
	lua_settop(L, 2);
	lua_setmetatable(L, 1);
	return 1;
}

/* Whether msg already names a place in the rules ("sb/main.lua:3: …"):
 * an error that came up through nested calls has one. */
static bool has_place(const bc_sandbox *sb, const char *msg)
{
	size_t n = strlen(sb->name);
	if (strncmp(msg, sb->name, n) != 0 || msg[n] != '/')
		return false;
	const char *p = strstr(msg + n, ".lua:");
	if (!p || !isdigit((unsigned char)p[5]))
		return false;
	for (p += 5; isdigit((unsigned char)*p); p++)
		;
	return *p == ':';
}

int bc_sandbox_error(lua_State *L, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(sb_of(L), fmt, ap);
	va_end(ap);
	/* As luaL_error: the message whole, however long, in the rules'
	 * memory (its specifiers are those lua_pushfstring knows). */
	va_start(ap, fmt);
	luaL_where(L, 1);
	lua_pushvfstring(L, fmt, ap);
	va_end(ap);
	lua_concat(L, 2);
	return lua_error(L);
}

int bc_sandbox_raise(lua_State *L)
{
	if (lua_type(L, -1) == LUA_TSTRING &&
	    !has_place(sb_of(L), lua_tostring(L, -1))) {
		luaL_where(L, 1);
		lua_insert(L, -2);
		lua_concat(L, 2);
	}
	return lua_error(L);
}

/*
 * Calls the library function in upvalue 1 on this call's arguments.  Its
 * errors come back with the rules' file and line (a C caller leaves Lua
 * none to name) and with the function's name (upvalue 2).
 */
static int call_original(lua_State *L)
{
	int n = lua_gettop(L);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	if (lua_pcall(L, n, LUA_MULTRET, 0) == LUA_OK)
		return lua_gettop(L);
	if (lua_type(L, -1) != LUA_TSTRING ||
	    has_place(sb_of(L), lua_tostring(L, -1)))
		return lua_error(L);
	luaL_Buffer b;
	const char *msg = lua_tostring(L, -1);
	const char *q = strstr(msg, " to '?'");
	luaL_buffinit(L, &b); /* before anything is pushed: it uses the stack */
	luaL_where(L, 1);
	luaL_addvalue(&b);
	if (q) {
		luaL_addlstring(&b, msg, (size_t)(q - msg));
		lua_pushfstring(L, " to '%s'", lua_tostring(L, lua_upvalueindex(2)));
		luaL_addvalue(&b);
		luaL_addstring(&b, q + 7);
	} else {
		luaL_addstring(&b, msg);
	}
	luaL_pushresult(&b);
	return lua_error(L);
}

/* Pattern matching backtracks inside one C call, where the count hook
 * cannot stop it: a pattern of m bytes with k quantifiers over a subject
 * of n bytes can take about m n^(k+1)/k! steps, m n^k/k! when anchored
 * (only the first place is tried).  Past this many, the call is
 * refused. */
#define PATTERN_STEPS 1e8

/* The end of the set [...] that starts at pat[i], as Lua reads it: a ']'
 * right after '[' or '[^' is a member, '%' escapes the next byte. */
static size_t set_end(const char *pat, size_t m, size_t i)
{
	i++;
	if (i < m && pat[i] == '^')
		i++;
	do {
		if (i >= m)
			return m;
		if (pat[i++] == '%' && i < m)
			i++;
	} while (i < m && pat[i] != ']');
	return i < m ? i + 1 : m;
}

/* Item by item, as Lua's matcher reads the pattern: a quantifier is one
 * of * + - ? after a single-character class, not a '-' of a range in a
 * set nor an escaped one; %b (balanced) and a back-reference rescan the
 * subject and count as one. */
static double pattern_cost(const char *pat, size_t m, size_t n, bool anchors)
{
	bool anchored = anchors && m && pat[0] == '^';
	int k = 0;
	for (size_t i = anchored; i < m;) {
		char c = pat[i];
		if (c == '(' || c == ')') {
			i++;
			continue;
		}
		if (c == '%' && i + 1 < m) {
			char e = pat[i + 1];
			if (e == 'b' || (e >= '0' && e <= '9')) {
				k++;
				i += e == 'b' ? 4 : 2;
				continue;
			}
			if (e == 'f') {
				i = set_end(pat, m, i + 2);
				continue;
			}
			i += 2;
		} else {
			i = c == '[' ? set_end(pat, m, i) : i + 1;
		}
		if (i < m && memchr("*+-?", pat[i], 4)) {
			k++;
			i++;
		}
	}
	double cost = (anchored ? 1.0 : (double)n + 1) * ((double)m + 1);
	for (int i = 1; i <= k && cost < 1e300; i++)
		cost *= ((double)n + 1) / i;
	return cost;
}

/* string.find, match, gmatch and gsub, refusing costly patterns. */
static int sb_pattern_fn(lua_State *L)
{
	size_t n, m;
	luaL_checklstring(L, 1, &n);
	const char *pat = luaL_checklstring(L, 2, &m);
	bool plain = lua_toboolean(L, lua_upvalueindex(3)) &&
		     lua_toboolean(L, 4);
	/* gmatch reads a leading '^' as itself: it tries every place. */
	bool anchors = strcmp(lua_tostring(L, lua_upvalueindex(2)),
			      "string.gmatch") != 0;
	/* A plain search still compares the pattern at every place. */
	double cost = plain ? ((double)n + 1) * ((double)m + 1)
			    : pattern_cost(pat, m, n, anchors);
	if (cost > PATTERN_STEPS)
		return bc_sandbox_error(L, N_("pattern on %d bytes may take too "
					      "long: simplify it or shorten the "
					      "text"),
				  (int)n);
	return call_original(L);
}

/* string.rep with nothing to repeat loops n times in C for nothing. */
static int sb_rep(lua_State *L)
{
	size_t l, ls = 0;
	luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &ls);
	if (n > 0 && l + ls == 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	return call_original(L);
}

/* table.move copies element by element in C: bound how many. */
#define MOVE_MAX 10000000

static int sb_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2);
	lua_Integer e = luaL_checkinteger(L, 3);
	if (e >= f && (e - f >= MOVE_MAX || e - f < 0))
		return bc_sandbox_error(L, N_("table.move of more than %d "
					      "elements"),
				  MOVE_MAX);
	return call_original(L);
}

static void wrap(lua_State *L, const char *lib, const char *fn,
		 lua_CFunction w, bool plain_flag)
{
	lua_getglobal(L, lib);
	lua_getfield(L, -1, fn);
	lua_pushfstring(L, "%s.%s", lib, fn);
	lua_pushboolean(L, plain_flag);
	lua_pushcclosure(L, w, 3);
	lua_setfield(L, -2, fn);
	lua_pop(L, 1);
}

static void guard_library(lua_State *L)
{
	static const char *const patterns[] = {"find", "match", "gmatch",
					       "gsub"};
	for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++)
		wrap(L, "string", patterns[i], sb_pattern_fn,
		     i == 0 /* find takes a "plain" flag */);
	wrap(L, "string", "rep", sb_rep, false);
	wrap(L, "table", "move", sb_move, false);
	lua_pushcfunction(L, sb_setmetatable);
	lua_setglobal(L, "setmetatable");
}

/* Registry keys: the host's own string.find, saved before any rule
 * runs; the set of read-only library tables. */
static const char HOST_FIND = 'f';
static const char READONLY = 'r';

/* Named at the rules' line, also when a library function (table.insert)
 * did the writing. */
static int readonly_newindex(lua_State *L)
{
	char where[256];
	lua_where(L, where, sizeof where);
	say(sb_of(L), N_("%s is read-only to rules (use a local)"),
	    lua_tostring(L, lua_upvalueindex(1)));
	lua_pushfstring(L, "%s%s%s", where, where[0] ? ": " : "",
			sb_of(L)->said.msg);
	return lua_error(L);
}

/*
 * Puts a read-only view in the place of library table lib.  Rules share
 * the library with the host and with each other: a rule that replaced
 * string.find would run whenever anything searched text.  The view reads
 * through to the real table, which nothing of the rules can reach.
 */
static void lock_library(lua_State *L, const char *lib)
{
	lua_getglobal(L, lib);
	lua_newtable(L); /* the view */
	lua_newtable(L); /* its metatable */
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, lib);
	lua_pushcclosure(L, readonly_newindex, 1);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &READONLY);
	lua_pushvalue(L, -2);
	lua_pushboolean(L, 1);
	lua_rawset(L, -3);
	lua_pop(L, 1);
	lua_setglobal(L, lib);
	lua_pop(L, 1);
}

/* rawset, which would write past a view's __newindex, refuses them.
 * Written out, like setmetatable, so that errors keep the rules' line. */
static int sb_rawset(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checkany(L, 2);
	luaL_checkany(L, 3);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &READONLY);
	lua_pushvalue(L, 1);
	bool locked = lua_rawget(L, -2) != LUA_TNIL;
	lua_pop(L, 2);
	if (locked)
		return bc_sandbox_error(L, N_("rawset: library tables are "
					      "read-only to rules"));
	lua_settop(L, 3);
	lua_rawset(L, 1);
	return 1;
}

static void lock_libraries(lua_State *L)
{
	static const char *const libs[] = {"string", "table", "math", "utf8"};
	lua_getglobal(L, "string");
	lua_getfield(L, -1, "find");
	lua_rawsetp(L, LUA_REGISTRYINDEX, &HOST_FIND);
	lua_pop(L, 1);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &READONLY);
	for (size_t i = 0; i < sizeof libs / sizeof *libs; i++)
		lock_library(L, libs[i]);
	/* ("").find reads the real string table through the strings'
	 * metatable: getmetatable("") must not hand it out. */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
	lua_pushcfunction(L, sb_rawset);
	lua_setglobal(L, "rawset");
}

static const char *const removed[] = {
	"dofile", "loadfile", "load", "print", "collectgarbage", "require",
	"_G", /* the real global table: writing it would share globals */
	NULL,
};

static int sb_open(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{LUA_GNAME, luaopen_base},
		{LUA_TABLIBNAME, luaopen_table},
		{LUA_STRLIBNAME, luaopen_string},
		{LUA_MATHLIBNAME, luaopen_math},
		{LUA_UTF8LIBNAME, luaopen_utf8},
		{NULL, NULL},
	};
	for (const luaL_Reg *l = libs; l->func; l++) {
		luaL_requiref(L, l->name, l->func, 1);
		lua_pop(L, 1);
	}
	lua_pushglobaltable(L);
	for (const char *const *r = removed; *r; r++) {
		lua_pushnil(L);
		lua_setfield(L, -2, *r);
	}
	lua_getfield(L, -1, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	lua_pushcfunction(L, sb_include);
	lua_setfield(L, -2, "include");
	lua_pop(L, 1);
	guard_library(L);
	lock_libraries(L);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &INCLUDED);
	return 0;
}

bc_err bc_sandbox_new(const bc_limits *lim, const char *name,
		      const bc_srcset *src, bc_sandbox **out)
{
	bc_sandbox *sb = bc_calloc(1, sizeof *sb);
	if (!sb)
		return BC_ERR_NOMEM;
	sb->lim = lim ? *lim : BC_LIMITS_DEFAULT;
	sb->src = src;
	sb->name = bc_strdup(name);
	sb->included = bc_calloc(src->n + 1, sizeof *sb->included);
	sb->L = sb->name && sb->included ? lua_newstate(sb_alloc, sb) : NULL;
	if (!sb->L) {
		bc_free(sb->included);
		bc_free(sb->name);
		bc_free(sb);
		return BC_ERR_NOMEM;
	}
	lua_pushcfunction(sb->L, sb_open);
	if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) {
		bc_sandbox_free(sb);
		return BC_ERR_NOMEM;
	}
	*out = sb;
	return BC_OK;
}

void bc_sandbox_free(bc_sandbox *sb)
{
	if (!sb)
		return;
	if (sb->L)
		lua_close(sb->L);
	bc_free(sb->included);
	bc_free(sb->name);
	bc_free(sb);
}

bool bc_sandbox_included(const bc_sandbox *sb, size_t i)
{
	return sb->included[i];
}

struct lua_State *bc_sandbox_state(bc_sandbox *sb)
{
	return sb->L;
}

void bc_sandbox_set_global(bc_sandbox *sb, const char *name)
{
	lua_setglobal(sb->L, name);
}

size_t bc_sandbox_memory(const bc_sandbox *sb, size_t *peak)
{
	if (peak)
		*peak = sb->peak;
	return sb->used;
}

/* Splits "dir/file.lua:12: message" into a diagnostic with file and line;
 * anything else is kept whole.  A message the host raised (said) reads
 * translated. */
static void error_to_diag(const bc_sandbox *sb, const char *msg,
			  const char *fallback_file, bc_diags *d)
{
	const char *file = fallback_file, *m = msg;
	char buf[512];
	int line = 0;
	const char *colon = strstr(msg, ".lua:");
	if (colon) {
		char *end;
		long n = strtol(colon + 5, &end, 10);
		if (end != colon + 5 && *end == ':' && n > 0 && n <= INT_MAX) {
			snprintf(buf, sizeof buf, "%.*s",
				 (int)(colon + 4 - msg), msg);
			file = buf;
			line = (int)n;
			for (m = end + 1; *m == ' '; m++)
				;
		}
	}
	bc_diags_add_made(d, BC_ERROR, file, line, m,
			  strcmp(m, sb->said.msg) ? NULL : sb->said.text);
}

/* Gives an error that is not a string (error{} or error(nil)) the
 * place it was raised, as Lua does for strings. */
static int msgh(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TSTRING)
		return 1;
	char where[256];
	lua_where(L, where, sizeof where);
	say(sb_of(L), N_("error object is a %s value"), luaL_typename(L, 1));
	lua_pushfstring(L, "%s%s%s", where, where[0] ? ": " : "",
			sb_of(L)->said.msg);
	return 1;
}

/* The error of a call that ran out of memory or time, with the place
 * the rules were when it did. */
static void limit_diag(bc_sandbox *sb, bc_diags *d)
{
	char msg[sizeof sb->limit_where + sizeof sb->said.msg + 2];
	if (sb->timed_out)
		say(sb, N_("time limit of %d s exceeded"), (int)sb->lim.seconds);
	else
		say(sb, N_("memory limit of %zu MiB exceeded"),
		    sb->lim.memory >> 20);
	snprintf(msg, sizeof msg, "%s%s%s", sb->limit_where,
		 sb->limit_where[0] ? ": " : "", sb->said.msg);
	error_to_diag(sb, msg, sb->name, d);
}

bc_err bc_sandbox_pcall_in(bc_sandbox *sb, bc_budget *b, int nargs,
			   int nresults, bc_diags *d)
{
	int base = lua_gettop(sb->L) - nargs;
	if (budget_spent(sb, b)) {
		lua_settop(sb->L, base - 1);
		bc_diags_add(d, BC_ERROR, sb->name, 0, NULL, NULL,
			     N_("the rules spent their budget (%d s, %llu "
			        "instructions) on earlier calls"),
			     (int)sb->lim.seconds,
			     (unsigned long long)sb->lim.instructions);
		return BC_ERR_LIMIT;
	}
	lua_pushcfunction(sb->L, msgh);
	lua_insert(sb->L, base);
	budget_start(sb, b);
	sb->running = true;
	sb->limit_where[0] = '\0';
	double t0 = now();
	int rc = lua_pcall(sb->L, nargs, nresults, base);
	sb->running = false;
	lua_remove(sb->L, base);
	lua_sethook(sb->L, NULL, 0, 0);
	b->instructions = sb->spent;
	b->seconds += now() - t0;
	if (sb->timed_out)
		b->seconds = sb->lim.seconds;
	if (rc == LUA_OK)
		return BC_OK;
	if (sb->oom) {
		lua_pop(sb->L, 1);
		return BC_ERR_NOMEM;
	}
	if (rc == LUA_ERRMEM || sb->timed_out || sb->mem_refused) {
		limit_diag(sb, d);
		lua_pop(sb->L, 1);
		return BC_ERR_LIMIT;
	}
	const char *msg = lua_tostring(sb->L, -1);
	if (msg)
		error_to_diag(sb, msg, sb->name, d);
	else
		bc_diags_add(d, BC_ERROR, sb->name, 0, NULL, NULL,
			     N_("error object is not a string"));
	lua_pop(sb->L, 1);
	return sb->over_budget ? BC_ERR_LIMIT : BC_ERR_RULES;
}

bc_err bc_sandbox_pcall(bc_sandbox *sb, int nargs, int nresults,
			bc_diags *d)
{
	bc_budget fresh = {0, 0};
	return bc_sandbox_pcall_in(sb, &fresh, nargs, nresults, d);
}

/* include(path), path given as light userdata: pushing the string
 * allocates, which only a protected call may. */
static int include_host(lua_State *L)
{
	const char *path = lua_touserdata(L, 1);
	lua_settop(L, 0);
	lua_pushcfunction(L, sb_include);
	lua_pushstring(L, path);
	lua_call(L, 1, 0);
	return 0;
}

bc_err bc_sandbox_run(bc_sandbox *sb, const char *path, bc_diags *d)
{
	lua_pushcfunction(sb->L, include_host);
	lua_pushlightuserdata(sb->L, (void *)path);
	return bc_sandbox_pcall(sb, 1, 0, d);
}

/* The host's string.find(text, pattern), its arguments passed as light
 * userdata so that even pushing the text (which allocates) happens inside
 * the protected call. */
static int host_find(lua_State *L)
{
	const char *text = lua_touserdata(L, 1);
	const char *pattern = lua_touserdata(L, 2);
	lua_settop(L, 0);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &HOST_FIND);
	lua_pushstring(L, text);
	lua_pushstring(L, pattern);
	lua_call(L, 2, 1);
	lua_pushboolean(L, !lua_isnil(L, -1));
	return 1;
}

bc_err bc_sandbox_find(bc_sandbox *sb, bc_budget *b, const char *pattern,
		       const char *text, bool *found, char *err, size_t errn)
{
	lua_State *L = sb->L;
	bc_diags d = BC_DIAGS_INIT;
	bc_budget fresh = {0, 0};
	bc_err rc;
	*found = false;
	if (!b)
		b = &fresh;
	err[0] = '\0';
	lua_pushcfunction(L, host_find);
	lua_pushlightuserdata(L, (void *)text);
	lua_pushlightuserdata(L, (void *)pattern);
	if (!sb->running) {
		rc = bc_sandbox_pcall_in(sb, b, 2, 1, &d);
		if (rc != BC_OK)
			snprintf(err, errn, "%s", d.n ? d.v[0].msg : "failed");
	} else if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
		/* Inside a running call: under its budget, which a time-out
		 * or the memory cap ends for the whole call. */
		rc = sb->oom			       ? BC_ERR_NOMEM
		     : sb->timed_out || sb->mem_refused ? BC_ERR_LIMIT
							: BC_ERR_RULES;
		const char *m = lua_tostring(L, -1);
		snprintf(err, errn, "%s", m ? m : "failed");
		lua_pop(L, 1);
	} else {
		rc = BC_OK;
	}
	if (rc == BC_OK) {
		*found = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	bc_diags_free(&d);
	return rc;
}

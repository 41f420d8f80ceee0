/* SPDX-License-Identifier: MIT */
#include "ruleset.h"
#include "mem.h"

#include <ctype.h>
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading registration tables ------------------------------------ */

static bc_ruleset *rs_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* A copy of s owned by the ruleset; raises a memory error on failure. */
static char *dup(lua_State *L, const char *s)
{
	char *p = bc_strdup(s);
	if (s && !p)
		luaL_error(L, "out of memory");
	return p;
}

/* Grows an array of the ruleset by one zeroed element and returns it.
 * The element is counted at once, so whatever it holds when an error
 * unwinds is freed with the ruleset. */
static void *push_item(lua_State *L, void **v, size_t *n, size_t elem)
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

static void origin(lua_State *L, bc_origin *o)
{
	lua_Debug ar;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
		o->file = dup(L, ar.short_src);
		o->line = ar.currentline;
	}
}

/* Raises an error for any key of the table at idx not in allowed. */
static void check_keys(lua_State *L, int idx, const char *what,
		       const char *const *allowed)
{
	luaL_checktype(L, idx, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "%s{}: keys must be names", what);
		const char *k = lua_tostring(L, -1);
		const char *const *a = allowed;
		while (*a && strcmp(*a, k) != 0)
			a++;
		if (!*a) {
			char list[256] = "";
			for (a = allowed; *a; a++) {
				strncat(list, *a, sizeof list - strlen(list) - 3);
				if (a[1])
					strcat(list, ", ");
			}
			luaL_error(L, "%s{}: unknown key '%s' (known: %s)",
				   what, k, list);
		}
	}
}

/* The string at t[key], copied, or NULL when absent and optional. */
static char *get_str(lua_State *L, int t, const char *what, const char *key,
		     bool required)
{
	int ty = lua_getfield(L, t, key);
	char *s = NULL;
	if (ty == LUA_TSTRING)
		s = dup(L, lua_tostring(L, -1));
	else if (ty != LUA_TNIL)
		luaL_error(L, "%s{}: '%s' must be a string, not %s", what, key,
			   lua_typename(L, ty));
	else if (required)
		luaL_error(L, "%s{}: '%s' is required", what, key);
	lua_pop(L, 1);
	return s;
}

static bool get_bool(lua_State *L, int t, const char *what, const char *key,
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

static bool valid_id(const char *s, bool upper)
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

bool bc_dayrule_parse(const char *s, bc_dayrule *r)
{
	int d, m, off = 0, n = 0;
	char sign = 0;
	if (!s)
		return false;
	if (sscanf(s, "%2d/%2d/Y%n", &d, &m, &n) != 2 || n == 0)
		return false;
	if (s[n] == '+' || s[n] == '-') {
		sign = s[n];
		int k = 0;
		if (sscanf(s + n + 1, "%1d%n", &off, &k) != 1 || s[n + 1 + k])
			return false;
	} else if (s[n]) {
		return false;
	}
	/* Any day that exists in some year (29/02 included). */
	if (m < 1 || m > 12 || d < 1 || d > bc_days_in_month(2000, m))
		return false;
	*r = (bc_dayrule){d, m, sign == '-' ? -off : off};
	return true;
}

bc_date bc_dayrule_date(bc_dayrule r, int year)
{
	int y = year + r.year_offset;
	int last = bc_days_in_month(y, r.month);
	return bc_date_from_ymd(y, r.month, r.day > last ? last : r.day);
}

static bc_dayrule get_day(lua_State *L, int t, const char *what,
			  const char *key, bool required)
{
	bc_dayrule r = {0, 0, 0};
	char *s = get_str(L, t, what, key, required);
	bool ok = !s || bc_dayrule_parse(s, &r);
	bc_free(s);
	if (!ok)
		luaL_error(L,
			   "%s{}: '%s' must read like \"28/02/Y\" or "
			   "\"10/12/Y-1\" (day/month/year of the period)",
			   what, key);
	return r;
}

static bc_date get_date(lua_State *L, int t, const char *what,
			const char *key, bool required)
{
	bc_date d = BC_DATE_NONE;
	char *s = get_str(L, t, what, key, required);
	bool ok = !s || bc_date_parse(s, &d);
	bc_free(s);
	if (!ok)
		luaL_error(L, "%s{}: '%s' must be a date YYYY-MM-DD", what,
			   key);
	return d;
}

/* Pushes the sub-table t[key] after checking its keys; false if absent. */
static bool sub_table(lua_State *L, int t, const char *what, const char *key,
		      const char *const *allowed, bool required)
{
	int ty = lua_getfield(L, t, key);
	if (ty == LUA_TNIL) {
		lua_pop(L, 1);
		if (required)
			luaL_error(L, "%s{}: '%s' is required", what, key);
		return false;
	}
	if (ty != LUA_TTABLE)
		luaL_error(L, "%s{}: '%s' must be a table", what, key);
	char sub[64];
	snprintf(sub, sizeof sub, "%s.%s", what, key);
	check_keys(L, lua_gettop(L), sub, allowed);
	return true;
}

/* ---- registrations ----------------------------------------------------- */

static int reg_directive(lua_State *L)
{
	static const char *const keys[] = {
		"id", "title", "reference", "issued", "issuer", "replaces",
		"supersedes", "in_force", "deadline", "reading", NULL};
	static const char *const in_force_keys[] = {"from", "to", NULL};
	static const char *const deadline_keys[] = {"inclusive", "utc_offset",
						    NULL};
	bc_ruleset *rs = rs_of(L);
	check_keys(L, 1, "directive", keys);
	bc_directive *d = &rs->directive;
	if (d->at.file)
		luaL_error(L, "directive{}: already declared at %s:%d",
			   d->at.file, d->at.line);
	origin(L, &d->at);
	char *id = get_str(L, 1, "directive", "id", true);
	bool same = strcmp(id, rs->id) == 0;
	bc_free(id);
	if (!same)
		luaL_error(L,
			   "directive{}: id must be the directory's name '%s'",
			   rs->id);
	d->title = get_str(L, 1, "directive", "title", true);
	d->reference = get_str(L, 1, "directive", "reference", true);
	d->issued = get_date(L, 1, "directive", "issued", false);
	d->issuer = get_str(L, 1, "directive", "issuer", false);
	d->replaces = get_str(L, 1, "directive", "replaces", false);
	d->supersedes = get_str(L, 1, "directive", "supersedes", false);
	d->reading = get_str(L, 1, "directive", "reading", false);
	sub_table(L, 1, "directive", "in_force", in_force_keys, true);
	d->in_force_from = get_date(L, -1, "directive.in_force", "from", true);
	d->in_force_to = get_date(L, -1, "directive.in_force", "to", false);
	lua_pop(L, 1);
	if (d->in_force_to != BC_DATE_NONE && d->in_force_to < d->in_force_from)
		luaL_error(L, "directive{}: in_force.to is before in_force.from");
	sub_table(L, 1, "directive", "deadline", deadline_keys, true);
	d->deadline_inclusive =
		get_bool(L, -1, "directive.deadline", "inclusive", true);
	char *off = get_str(L, -1, "directive.deadline", "utc_offset", true);
	bool ok = bc_offset_parse(off, &d->utc_offset);
	bc_free(off);
	if (!ok)
		luaL_error(L, "directive{}: deadline.utc_offset must read like "
			      "\"+07:00\"");
	lua_pop(L, 1);
	return 0;
}

static int reg_period_type(lua_State *L)
{
	static const char *const keys[] = {"code", "label", "adhoc", "window",
					   "unit_due", "compile_due",
					   "advance", NULL};
	static const char *const window_keys[] = {"from", "to", NULL};
	const char *W = "period_type";
	bc_ruleset *rs = rs_of(L);
	check_keys(L, 1, W, keys);
	bc_period_type *p = push_item(L, (void **)&rs->ptypes, &rs->n_ptypes,
				      sizeof *p);
	origin(L, &p->at);
	p->code = get_str(L, 1, W, "code", true);
	if (!valid_id(p->code, true) || strlen(p->code) > 8)
		luaL_error(L, "period_type{}: code '%s' must be capital "
			      "letters and digits, at most 8", p->code);
	for (size_t i = 0; i + 1 < rs->n_ptypes; i++)
		if (strcmp(rs->ptypes[i].code, p->code) == 0)
			luaL_error(L, "period_type{}: '%s' already declared "
				      "at %s:%d", p->code,
				   rs->ptypes[i].at.file, rs->ptypes[i].at.line);
	p->label = get_str(L, 1, W, "label", true);
	p->adhoc = get_bool(L, 1, W, "adhoc", false);
	p->advance = get_bool(L, 1, W, "advance", false);
	if (p->adhoc) {
		for (const char *c = p->code; *c; c++)
			if (isdigit((unsigned char)*c))
				luaL_error(L, "period_type{}: an ad-hoc code is "
					      "letters only (the number "
					      "follows it)");
		if (!lua_isnil(L, (lua_getfield(L, 1, "window"), -1)) ||
		    !lua_isnil(L, (lua_getfield(L, 1, "unit_due"), -1)) ||
		    !lua_isnil(L, (lua_getfield(L, 1, "compile_due"), -1)))
			luaL_error(L, "period_type{}: an ad-hoc type takes its "
				      "window and deadlines when created");
		lua_pop(L, 3);
		return 0;
	}
	sub_table(L, 1, W, "window", window_keys, true);
	p->from = get_day(L, -1, "period_type.window", "from", true);
	p->to = get_day(L, -1, "period_type.window", "to", true);
	lua_pop(L, 1);
	p->unit_due = get_day(L, 1, W, "unit_due", true);
	p->compile_due = get_day(L, 1, W, "compile_due", true);
	return 0;
}

static int reg_level(lua_State *L)
{
	static const char *const keys[] = {"id", "label", NULL};
	bc_ruleset *rs = rs_of(L);
	check_keys(L, 1, "level", keys);
	bc_level *l = push_item(L, (void **)&rs->levels, &rs->n_levels,
				sizeof *l);
	origin(L, &l->at);
	l->id = get_str(L, 1, "level", "id", true);
	l->label = get_str(L, 1, "level", "label", true);
	if (!valid_id(l->id, false))
		luaL_error(L, "level{}: id '%s' must be lower-case letters, "
			      "digits and _", l->id);
	for (size_t i = 0; i + 1 < rs->n_levels; i++)
		if (strcmp(rs->levels[i].id, l->id) == 0)
			luaL_error(L, "level{}: '%s' already declared", l->id);
	return 0;
}

static int reg_unit_kind(lua_State *L)
{
	static const char *const keys[] = {"id", "label", "level", NULL};
	bc_ruleset *rs = rs_of(L);
	check_keys(L, 1, "unit_kind", keys);
	bc_unit_kind *k = push_item(L, (void **)&rs->kinds, &rs->n_kinds,
				    sizeof *k);
	origin(L, &k->at);
	k->id = get_str(L, 1, "unit_kind", "id", true);
	k->label = get_str(L, 1, "unit_kind", "label", true);
	k->level = get_str(L, 1, "unit_kind", "level", false);
	if (!valid_id(k->id, false))
		luaL_error(L, "unit_kind{}: id '%s' must be lower-case "
			      "letters, digits and _", k->id);
	for (size_t i = 0; i + 1 < rs->n_kinds; i++)
		if (strcmp(rs->kinds[i].id, k->id) == 0)
			luaL_error(L, "unit_kind{}: '%s' already declared",
				   k->id);
	return 0;
}

static int reg_role(lua_State *L)
{
	static const char *const keys[] = {"id", "label", NULL};
	bc_ruleset *rs = rs_of(L);
	check_keys(L, 1, "role", keys);
	bc_role *r = push_item(L, (void **)&rs->roles, &rs->n_roles,
			       sizeof *r);
	origin(L, &r->at);
	r->id = get_str(L, 1, "role", "id", true);
	r->label = get_str(L, 1, "role", "label", true);
	if (!valid_id(r->id, false))
		luaL_error(L, "role{}: id '%s' must be lower-case letters, "
			      "digits and _", r->id);
	for (size_t i = 0; i + 1 < rs->n_roles; i++)
		if (strcmp(rs->roles[i].id, r->id) == 0)
			luaL_error(L, "role{}: '%s' already declared", r->id);
	return 0;
}

static const luaL_Reg registrations[] = {
	{"directive", reg_directive}, {"period_type", reg_period_type},
	{"level", reg_level},         {"unit_kind", reg_unit_kind},
	{"role", reg_role},           {NULL, NULL},
};

/* ---- whole-ruleset checks ---------------------------------------------- */

static void check_whole(bc_ruleset *rs, bc_diags *d)
{
	char entry[512];
	snprintf(entry, sizeof entry, "%s/ruleset.lua", rs->id);
	if (!rs->directive.at.file)
		bc_diags_add(d, BC_ERROR, entry, 0, NULL, NULL,
			     "no directive{} declared");
	if (!rs->n_ptypes)
		bc_diags_add(d, BC_ERROR, entry, 0, NULL, NULL,
			     "no period_type{} declared");
	for (size_t i = 0; i < rs->n_kinds; i++) {
		bc_unit_kind *k = &rs->kinds[i];
		if (k->level && !bc_ruleset_level(rs, k->level))
			bc_diags_add(d, BC_ERROR, k->at.file, k->at.line, NULL,
				     NULL,
				     "unit_kind '%s': no level '%s' declared",
				     k->id, k->level);
	}
	/* An ad-hoc prefix followed by digits must not be a regular code. */
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		int n;
		const bc_period_type *p = &rs->ptypes[i];
		const bc_period_type *q;
		if (!p->adhoc && (q = bc_ruleset_period_type(rs, p->code, &n)) &&
		    q != p)
			bc_diags_add(d, BC_ERROR, p->at.file, p->at.line, NULL,
				     NULL,
				     "period type '%s' reads as ad-hoc '%s' "
				     "number %d",
				     p->code, q->code, n);
	}
}

static int day_cmp(bc_dayrule a, bc_dayrule b)
{
	if (a.year_offset != b.year_offset)
		return a.year_offset < b.year_offset ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return (a.day > b.day) - (a.day < b.day);
}

static void day_text(bc_dayrule r, char *buf, size_t n)
{
	if (r.year_offset)
		snprintf(buf, n, "%02d/%02d/Y%+d", r.day, r.month,
			 r.year_offset);
	else
		snprintf(buf, n, "%02d/%02d/Y", r.day, r.month);
}

/* Errors that make a period type meaningless; found at load. */
static void check_period_types(bc_ruleset *rs, bc_diags *d)
{
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		if (p->adhoc)
			continue;
		if (day_cmp(p->from, p->to) > 0)
			bc_diags_add(d, BC_ERROR, p->at.file, p->at.line, NULL,
				     NULL,
				     "period type %s: window ends before it "
				     "starts",
				     p->code);
		if (day_cmp(p->unit_due, p->from) < 0)
			bc_diags_add(d, BC_ERROR, p->at.file, p->at.line, NULL,
				     NULL,
				     "period type %s: unit deadline before "
				     "the window starts",
				     p->code);
	}
}

void bc_ruleset_lint(const bc_ruleset *rs, bc_diags *d)
{
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		char due[24], end[24], comp[24];
		if (p->adhoc)
			continue;
		day_text(p->unit_due, due, sizeof due);
		day_text(p->to, end, sizeof end);
		day_text(p->compile_due, comp, sizeof comp);
		if (day_cmp(p->unit_due, p->to) < 0)
			bc_diags_add(d, BC_WARNING, p->at.file, p->at.line,
				     NULL, NULL,
				     "period type %s: units are due %s, before "
				     "the data window ends %s; the last days "
				     "are reported as estimates",
				     p->code, due, end);
		if (day_cmp(p->compile_due, p->to) < 0)
			bc_diags_add(d, BC_WARNING, p->at.file, p->at.line,
				     NULL, NULL,
				     "period type %s: compilation is due %s, "
				     "before the data window ends %s",
				     p->code, comp, end);
		if (day_cmp(p->compile_due, p->unit_due) < 0)
			bc_diags_add(d, BC_WARNING, p->at.file, p->at.line,
				     NULL, NULL,
				     "period type %s: compilation is due %s, "
				     "before the units' deadline %s",
				     p->code, comp, due);
	}
}

/* ---- loading ------------------------------------------------------------ */

bc_err bc_ruleset_load(const char *id, bc_srcset *src, const bc_limits *lim,
		       bc_ruleset **out, bc_diags *d)
{
	bc_ruleset *rs = bc_calloc(1, sizeof *rs);
	if (!rs || !(rs->id = bc_strdup(id))) {
		bc_free(rs);
		bc_srcset_free(src);
		return BC_ERR_NOMEM;
	}
	rs->directive.in_force_to = BC_DATE_NONE;
	rs->src = *src;
	*src = (bc_srcset)BC_SRCSET_INIT;
	bc_srcset_sort(&rs->src);
	bc_srcset_hash(&rs->src, rs->hash);
	bc_err rc = bc_sandbox_new(lim, id, &rs->src, &rs->lua);
	if (rc != BC_OK) {
		bc_ruleset_free(rs);
		return rc;
	}
	lua_State *L = bc_sandbox_state(rs->lua);
	for (const luaL_Reg *r = registrations; r->name; r++) {
		lua_pushlightuserdata(L, rs);
		lua_pushcclosure(L, r->func, 1);
		bc_sandbox_set_global(rs->lua, r->name);
	}
	size_t before = d->errors;
	if (!bc_srcset_find(&rs->src, "ruleset.lua")) {
		bc_diags_add(d, BC_ERROR, id, 0, NULL, NULL,
			     "no ruleset.lua: not a ruleset directory");
		rc = BC_ERR_RULES;
	} else {
		rc = bc_sandbox_run(rs->lua, "ruleset.lua", d);
	}
	if (rc == BC_OK) {
		check_whole(rs, d);
		check_period_types(rs, d);
	}
	if (rc == BC_OK && d->errors > before)
		rc = BC_ERR_RULES;
	if (rc != BC_OK) {
		bc_ruleset_free(rs);
		return rc == BC_ERR_NOMEM ? rc : BC_ERR_RULES;
	}
	*out = rs;
	return BC_OK;
}

bc_err bc_ruleset_load_dir(const char *id, const char *dir,
			   const bc_limits *lim, bc_ruleset **out,
			   bc_diags *d)
{
	bc_srcset src = BC_SRCSET_INIT;
	bc_err rc = bc_srcset_read_dir(&src, dir, d);
	if (rc != BC_OK) {
		bc_srcset_free(&src);
		return rc == BC_ERR_NOMEM ? rc : BC_ERR_RULES;
	}
	return bc_ruleset_load(id, &src, lim, out, d);
}

static void free_origin(bc_origin *o)
{
	bc_free(o->file);
}

void bc_ruleset_free(bc_ruleset *rs)
{
	if (!rs)
		return;
	bc_sandbox_free(rs->lua);
	bc_directive *d = &rs->directive;
	bc_free(d->title);
	bc_free(d->reference);
	bc_free(d->issuer);
	bc_free(d->replaces);
	bc_free(d->supersedes);
	bc_free(d->reading);
	free_origin(&d->at);
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		bc_free(rs->ptypes[i].code);
		bc_free(rs->ptypes[i].label);
		free_origin(&rs->ptypes[i].at);
	}
	for (size_t i = 0; i < rs->n_levels; i++) {
		bc_free(rs->levels[i].id);
		bc_free(rs->levels[i].label);
		free_origin(&rs->levels[i].at);
	}
	for (size_t i = 0; i < rs->n_kinds; i++) {
		bc_free(rs->kinds[i].id);
		bc_free(rs->kinds[i].label);
		bc_free(rs->kinds[i].level);
		free_origin(&rs->kinds[i].at);
	}
	for (size_t i = 0; i < rs->n_roles; i++) {
		bc_free(rs->roles[i].id);
		bc_free(rs->roles[i].label);
		free_origin(&rs->roles[i].at);
	}
	bc_free(rs->ptypes);
	bc_free(rs->levels);
	bc_free(rs->kinds);
	bc_free(rs->roles);
	bc_srcset_free(&rs->src);
	bc_free(rs->id);
	bc_free(rs);
}

/* ---- lookups ------------------------------------------------------------- */

const bc_period_type *bc_ruleset_period_type(const bc_ruleset *rs,
					     const char *token, int *adhoc_no)
{
	*adhoc_no = 0;
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		if (!p->adhoc) {
			if (strcmp(p->code, token) == 0)
				return p;
			continue;
		}
		size_t n = strlen(p->code);
		const char *num = token + n;
		if (strncmp(token, p->code, n) != 0 || !isdigit((unsigned char)*num) ||
		    *num == '0' || strlen(num) > 4)
			continue;
		bool digits = true;
		for (const char *c = num; *c; c++)
			digits &= isdigit((unsigned char)*c) != 0;
		if (digits) {
			*adhoc_no = atoi(num);
			return p;
		}
	}
	return NULL;
}

#define FIND_BY_ID(arr, n, id)                                                \
	for (size_t i = 0; i < (n); i++)                                      \
		if (strcmp((arr)[i].id, (id)) == 0)                           \
			return &(arr)[i];                                     \
	return NULL

const bc_unit_kind *bc_ruleset_kind(const bc_ruleset *rs, const char *id)
{
	FIND_BY_ID(rs->kinds, rs->n_kinds, id);
}

const bc_role *bc_ruleset_role(const bc_ruleset *rs, const char *id)
{
	FIND_BY_ID(rs->roles, rs->n_roles, id);
}

const bc_level *bc_ruleset_level(const bc_ruleset *rs, const char *id)
{
	FIND_BY_ID(rs->levels, rs->n_levels, id);
}

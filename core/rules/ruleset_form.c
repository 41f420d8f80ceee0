/* SPDX-License-Identifier: MIT */
/* form{…}: a form's fields, checks and indicators, read from Lua. */
#include "mem.h"
#include "ruleset_lua.h"
#include "text.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const type_names[] = {
	[BC_T_INT] = "int",   [BC_T_MONEY] = "money", [BC_T_PCT] = "pct",
	[BC_T_TEXT] = "text", [BC_T_DATE] = "date",   [BC_T_BOOL] = "bool",
	[BC_T_ENUM] = "enum", [BC_T_TABLE] = "table",
};

static const char *const agg_names[] = {
	[BC_AGG_NONE] = "none",       [BC_AGG_SUM] = "sum",
	[BC_AGG_SNAP] = "snap",       [BC_AGG_COUNT_TRUE] = "count_true",
	[BC_AGG_LIST] = "list",       [BC_AGG_COUNT_BY] = "count_by",
};

const char *bc_ftype_name(bc_ftype t)
{
	return type_names[t];
}

const char *bc_agg_name(bc_agg a)
{
	return agg_names[a];
}

static int find_name(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

int bc_field_index(const bc_field *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* A map that holds every id is whole; one missing some (an id there
 * twice, memory that ran out) is passed over for the walk, which finds
 * the first of twins as the map does. */
static int find_field(const bc_strmap *m, const bc_field *v, size_t n,
		      const char *id)
{
	size_t i;
	if (!n || m->n != n)
		return bc_field_index(v, n, id);
	return bc_strmap_get(m, id, &i) ? (int)i : -1;
}

int bc_form_field(const bc_form *f, const char *id)
{
	return find_field(&f->field_ids, f->fields, f->n_fields, id);
}

int bc_table_column(const bc_field *t, const char *id)
{
	return find_field(&t->column_ids, t->columns, t->n_columns, id);
}

static bc_err map_ids(bc_strmap *m, const bc_field *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (bc_strmap_add(m, v[i].id, i, NULL) < 0)
			return BC_ERR_NOMEM;
	return BC_OK;
}

bc_err bc_form_index(bc_form *f)
{
	bc_err rc = map_ids(&f->field_ids, f->fields, f->n_fields);
	for (size_t i = 0; i < f->n_fields && rc == BC_OK; i++)
		rc = map_ids(&f->fields[i].column_ids, f->fields[i].columns,
			     f->fields[i].n_columns);
	return rc;
}

void bc_form_index_free(bc_form *f)
{
	bc_strmap_free(&f->field_ids);
	for (size_t i = 0; i < f->n_fields; i++)
		bc_strmap_free(&f->fields[i].column_ids);
}

const char *bc_field_value_label(const bc_field *f, const char *value)
{
	for (size_t i = 0; i < f->n_values; i++)
		if (!strcmp(f->values[i], value))
			return f->value_labels[i];
	return value;
}

int bc_field_choice(const bc_field *f, const char *text)
{
	for (size_t i = 0; i < f->n_values; i++)
		if (!strcmp(f->values[i], text))
			return (int)i;
	return bc_text_find(text, f->value_labels, f->n_values);
}

static bool is_number(bc_ftype t)
{
	return t == BC_T_INT || t == BC_T_MONEY || t == BC_T_PCT;
}

/* ---- reading ------------------------------------------------------------ */

/* A soft error: the rules are wrong but loading goes on, so that
 * `rules check` can list every such problem at once. */
static void soft(lua_State *L, const bc_origin *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void soft(lua_State *L, const bc_origin *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bc_rl_vproblem(bc_rl_loader_of(L), at, fmt, ap);
	va_end(ap);
}

static void copy_origin(lua_State *L, const bc_origin *from, bc_origin *to)
{
	to->file = bc_rl_dup(L, from->file);
	to->line = from->line;
}

/* The positional string t[i], left on the stack (see bc_rl_peek_str). */
static const char *pos_peek(lua_State *L, int t, int i, const char *what,
			    bool required)
{
	int ty = lua_geti(L, t, i);
	if (ty != LUA_TSTRING && (ty != LUA_TNIL || required))
		bc_sandbox_error(L, N_("%s: item %d must be a string"), what, i);
	return lua_tostring(L, -1);
}

/* The positional string t[i], copied. */
static char *pos_str(lua_State *L, int t, int i, const char *what,
		     bool required)
{
	char *s = bc_rl_dup(L, pos_peek(L, t, i, what, required));
	lua_pop(L, 1);
	return s;
}

/* Fields or a table's columns, with the map of their ids. */
typedef struct scope {
	const bc_field *v;
	size_t n;
	bc_rl_names *names;
} scope;

/* The fields of the form being registered. */
static scope form_scope(lua_State *L, const bc_form *form)
{
	return (scope){form->fields, form->n_fields,
		       &bc_rl_loader_of(L)->fields};
}

/* The position of field or column id in sc, or -1. */
static int scope_find(const scope *sc, const char *id)
{
	return bc_rl_map_find(&sc->names->ids, id);
}

/* `when = { column = "value" or { "v1", "v2" } }`; columns resolved
 * against the columns of sc. */
static void read_whens(lua_State *L, int t, const char *key, const scope *sc,
		       const bc_origin *at, bc_whens *out)
{
	const bc_field *cols = sc->v;
	int ty = lua_getfield(L, t, key);
	if (ty == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	if (ty != LUA_TTABLE)
		bc_sandbox_error(L, N_("'%s' must be a table { column = value }"), key);
	int w = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, w)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			bc_sandbox_error(L, N_("'%s': keys must be column names"), key);
		const char *col = lua_tostring(L, -1);
		bc_when *x = bc_rl_push_item(L, (void **)&out->v, &out->n,
					     sizeof *x);
		x->col = scope_find(sc, col);
		if (x->col < 0)
			soft(L, at, N_("'%s' names no column '%s'"), key, col);
		bc_rl_get_list(L, w, key, col, &x->values, &x->n_values);
		if (x->col < 0 || cols[x->col].type != BC_T_ENUM)
			continue;
		for (size_t i = 0; i < x->n_values; i++)
			if (!bc_rl_names_has(L, sc->names, (size_t)x->col,
					     cols[x->col].values,
					     cols[x->col].n_values,
					     x->values[i]))
				soft(L, at, N_("'%s': '%s' is not a value of %s"),
				     key, x->values[i], col);
	}
	lua_pop(L, 1);
}

static bc_ftype read_type(lua_State *L, const char *s)
{
	int i = find_name(type_names, sizeof type_names / sizeof *type_names,
			  s);
	if (i < 0)
		bc_sandbox_error(L, N_("unknown type '%s' (int, money, pct, "
				       "text, date, bool, enum, table)"), s);
	return (bc_ftype)i;
}

static bc_agg default_agg(bc_ftype t)
{
	switch (t) {
	case BC_T_BOOL:
		return BC_AGG_COUNT_TRUE;
	case BC_T_TEXT:
	case BC_T_DATE:
	case BC_T_ENUM:
	case BC_T_TABLE:
		return BC_AGG_LIST;
	default:
		return BC_AGG_NONE;
	}
}

static bool agg_fits(bc_agg a, bc_ftype t)
{
	switch (a) {
	case BC_AGG_SUM:
	case BC_AGG_SNAP:
		return is_number(t);
	case BC_AGG_COUNT_TRUE:
		return t == BC_T_BOOL;
	case BC_AGG_COUNT_BY:
		return t == BC_T_TABLE;
	case BC_AGG_LIST:
		return !is_number(t) && t != BC_T_BOOL;
	default:
		return false;
	}
}

static void read_field(lua_State *L, int t, bc_field *f, int pos,
		       const bc_origin *at);

static void read_columns(lua_State *L, int t, bc_field *f,
			 const bc_origin *at, bc_rl_names *names)
{
	if (lua_getfield(L, t, "columns") != LUA_TTABLE)
		bc_sandbox_error(L, N_("table '%s': 'columns' is required"), f->id);
	int c = lua_gettop(L);
	lua_Integer n = luaL_len(L, c);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, c, i);
		bc_field *col = bc_rl_push_item(L, (void **)&f->columns,
						&f->n_columns, sizeof *col);
		read_field(L, lua_gettop(L), col, -1, at);
		if (!bc_rl_map_add(L, &names->ids, col->id, f->n_columns - 1,
				   NULL))
			bc_sandbox_error(L, N_("table '%s': column '%s' twice"), f->id,
				   col->id);
		lua_pop(L, 1);
	}
	if (!f->n_columns)
		bc_sandbox_error(L, N_("table '%s' has no columns"), f->id);
	/* Conditions on other columns, now that all are known. */
	scope sc = {f->columns, f->n_columns, names};
	for (size_t i = 0; i < f->n_columns; i++) {
		lua_geti(L, c, (lua_Integer)i + 1);
		read_whens(L, lua_gettop(L), "required_when", &sc, at,
			   &f->columns[i].required_when);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static int resolve_in(void *ud, const char *name)
{
	const scope *s = ud;
	int i = scope_find(s, name);
	return i >= 0 && (is_number(s->v[i].type) || s->v[i].type == BC_T_DATE ||
			  s->v[i].type == BC_T_BOOL)
		       ? i
		       : -1;
}

/* e, parsed into the heap, moved into the ruleset's arena, where the
 * rest of the catalogue is (its bytes were charged as it was parsed).
 * Nothing in between raises an error, so nothing is lost on the heap. */
static void keep_expr(lua_State *L, bc_expr *e)
{
	bc_arena *a = &bc_rl_rs_of(L)->mem;
	size_t n = e->n;
	bc_term *v = n ? bc_arena_alloc(a, n * sizeof *v) : NULL;
	bool ok = !n || v;
	for (size_t i = 0; ok && i < n; i++) {
		v[i] = e->v[i];
		ok = !v[i].name || (v[i].name = bc_arena_strdup(a, v[i].name));
	}
	bc_expr_free(e);
	if (!ok)
		bc_sandbox_oom(L);
	*e = (bc_expr){v, n};
}

/* Compiles a condition against the fields (or columns) of sc. */
static void compile_check(lua_State *L, bc_check *c, const char *text,
			  const char *self, const scope *sc,
			  const bc_origin *at, const char *where)
{
	char err[256];
	const char *bad;
	c->text = bc_rl_dup(L, text);
	size_t most = bc_cond_parse_max(strlen(text));
	bc_sandbox_charge(L, most);
	bool parsed = bc_cond_parse(text, self, &c->cond, err, sizeof err);
	bc_sandbox_refund(L, most - bc_cond_bytes(&c->cond));
	if (!parsed && !*err)
		bc_sandbox_oom(L);
	if (!parsed)
		soft(L, at, N_("%s: condition '%s': %s"), where, text, err);
	else if (!bc_cond_resolve(&c->cond, resolve_in, (void *)sc, &bad))
		soft(L, at, N_("%s: condition '%s' names '%s', which is no "
			    "number or date of it"),
		     where, text, bad);
	keep_expr(L, &c->cond.lhs);
	keep_expr(L, &c->cond.rhs);
}

static void read_row_checks(lua_State *L, int t, bc_field *f,
			    const bc_origin *at, bc_rl_names *names)
{
	static const char *const keys[] = {"when", "severity", "message",
					   NULL};
	if (lua_getfield(L, t, "row_checks") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	int r = lua_gettop(L);
	scope sc = {f->columns, f->n_columns, names};
	lua_Integer n = luaL_len(L, r);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, r, i);
		int e = lua_gettop(L);
		bc_check *c = bc_rl_push_item(L, (void **)&f->row_checks,
					      &f->n_row_checks, sizeof *c);
		copy_origin(L, at, &c->at);
		bc_rl_check_keys_pos(L, e, "row_checks entry", keys, 1);
		const char *text = pos_peek(L, e, 1, "row_checks entry", true);
		char where[96];
		snprintf(where, sizeof where, "table %s, row check", f->id);
		compile_check(L, c, text, NULL, &sc, at, where);
		const char *sev = bc_rl_peek_str(L, e, "row_checks entry",
						 "severity", false);
		c->severity = sev && strcmp(sev, "warn") == 0 ? BC_WARNING
							      : BC_ERROR;
		lua_pop(L, 2);
		c->message = bc_rl_get_str(L, e, "row_checks entry", "message",
					   false);
		read_whens(L, e, "when", &sc, at, &c->when);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

/* Checks that the pattern compiles, by running it once on "" (with the
 * host's string.find, as imports will). */
static void check_pattern(lua_State *L, const char *pattern,
			  const bc_origin *at)
{
	char err[256];
	bool found;
	bc_ruleset *rs = bc_rl_rs_of(L);
	bc_err rc = bc_sandbox_find(rs->lua, NULL, pattern, "", &found, err,
				    sizeof err);
	if (rc == BC_ERR_LIMIT)
		bc_sandbox_error(L, "%s", err);
	if (rc != BC_OK)
		soft(L, at, N_("pattern '%s': %s"), pattern, err);
}

/* Notes text, an id or a label of choice i, in the table at seen (text,
 * or its key as import compares labels, to i): two choices that import
 * could not tell apart are a problem of the rules. */
static void choice_seen(lua_State *L, int seen, const char *text, bool key,
			const bc_field *f, size_t i, const char *ctx,
			const bc_origin *at)
{
	char k[BC_TEXT_KEY_MAX];
	if (key && !bc_text_key(text, k))
		luaL_error(L, "%s: '%s' is too long for a choice (at most %d "
			      "bytes)", ctx, text, BC_TEXT_KEY_MAX - 1);
	lua_pushstring(L, key ? k : text);
	if (lua_rawget(L, seen) == LUA_TNUMBER &&
	    (size_t)lua_tointeger(L, -1) != i) {
		size_t j = (size_t)lua_tointeger(L, -1);
		if (key)
			soft(L, at, "%s: '%s' and '%s' are one choice to "
				    "import: '%s' reads as '%s' (letter case "
				    "and how marks are typed aside)",
			     ctx, f->values[j], f->values[i], text,
			     f->value_labels[j]);
		else
			soft(L, at, "%s: value '%s' twice", ctx, text);
	}
	lua_pop(L, 1);
	lua_pushstring(L, key ? k : text);
	lua_pushinteger(L, (lua_Integer)i);
	lua_rawset(L, seen);
}

/* The choice at the top of the stack, "id" or { "id", "label" }, added
 * to f's. */
static void read_choice(lua_State *L, bc_field *f, const char *ctx)
{
	static const char *const none[] = {NULL};
	int e = lua_gettop(L);
	char what[128];
	snprintf(what, sizeof what, "%s: 'values' entry %zu", ctx,
		 f->n_values + 1);
	const char *id = NULL, *label = NULL;
	if (lua_type(L, e) == LUA_TSTRING) {
		id = label = lua_tostring(L, e);
	} else if (lua_type(L, e) == LUA_TTABLE) {
		bc_rl_check_keys_pos(L, e, what, none, 2);
		id = pos_peek(L, e, 1, what, true);
		label = pos_peek(L, e, 2, what, true);
	} else {
		luaL_error(L, "%s: each of 'values' is an id or { id, label }",
			   ctx);
	}
	if (!*id || !*label)
		luaL_error(L, "%s: value %d has an empty %s", ctx,
			   (int)f->n_values + 1, *id ? "label" : "id");
	size_t n = f->n_values;
	char **v = bc_rl_push_item(L, (void **)&f->values, &f->n_values,
				   sizeof *v);
	*v = bc_rl_dup(L, id);
	char **l = bc_rl_push_item(L, (void **)&f->value_labels, &n, sizeof *l);
	*l = label == id ? *v : bc_rl_dup(L, label);
	lua_settop(L, e);
}

/* `values = { "id", { "id", "label" }, … }` (or one "id"): an enum's
 * choices, each with the label people read.  No text import accepts
 * (an id, or a label as bc_text_same compares it) may name two. */
static void read_values(lua_State *L, int t, bc_field *f, const char *ctx,
			const bc_origin *at)
{
	int ty = lua_getfield(L, t, "values");
	if (ty == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	if (ty == LUA_TSTRING) { /* one choice, as if listed */
		lua_createtable(L, 1, 0);
		lua_insert(L, -2);
		lua_rawseti(L, -2, 1);
	} else if (ty != LUA_TTABLE) {
		luaL_error(L, "%s: 'values' must be a list of ids or "
			      "{ id, label }", ctx);
	}
	int v = lua_gettop(L);
	lua_Integer n = luaL_len(L, v);
	lua_newtable(L); /* the ids seen */
	lua_newtable(L); /* the keys of labels and ids seen */
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, v, i);
		read_choice(L, f, ctx);
		lua_pop(L, 1);
		size_t k = f->n_values - 1;
		choice_seen(L, v + 1, f->values[k], false, f, k, ctx, at);
		choice_seen(L, v + 2, f->values[k], true, f, k, ctx, at);
		if (strcmp(f->value_labels[k], f->values[k]))
			choice_seen(L, v + 2, f->value_labels[k], true, f, k,
				    ctx, at);
	}
	lua_settop(L, v - 1);
}

/* A field's renamed_from (a column has none: rows are listed, not
 * compared), its form being the one registered. */
static void read_renamed(lua_State *L, int t, bc_field *f, bool column,
			 const bc_origin *at)
{
	if (column) {
		bool named = lua_getfield(L, t, "renamed_from") != LUA_TNIL;
		lua_pop(L, 1);
		if (named)
			bc_sandbox_error(L, N_("column '%s': renamed_from is "
					       "for fields"), f->id);
		return;
	}
	/* The form being registered is the last so far. */
	const bc_ruleset *rs = bc_rl_rs_of(L);
	const bc_form *form = &rs->forms[rs->n_forms - 1];
	bc_rl_renamed(L, t, BC_RENAME_FIELD, form->id, f->id, at,
		      &f->renamed_from, &f->n_renamed_from);
}

/* Reads field number pos of the form, or a column (pos -1). */
static void read_field(lua_State *L, int t, bc_field *f, int pos,
		       const bc_origin *at)
{
	static const char *const keys[] = {
		"level",   "unit",          "check",   "expect",
		"values",  "required",      "required_when", "pattern",
		"example", "in_window",     "columns", "count_by",
		"row_checks", "renamed_from", NULL};
	bool column = pos < 0;
	const char *what = column ? "column" : "field";
	f->count_by = -1;
	if (!lua_istable(L, t))
		bc_sandbox_error(L, N_("each %s is a table { id, label, type, … "
				       "}"), what);
	f->id = pos_str(L, t, 1, what, true);
	if (!bc_rl_valid_id(f->id, false))
		bc_sandbox_error(L, N_("%s id '%s' must be lower-case letters, "
				       "digits and _"), what, f->id);
	char ctx[96];
	snprintf(ctx, sizeof ctx, "%s '%s'", what, f->id);
	bc_rl_check_keys_pos(L, t, ctx, keys, column ? 3 : 4);
	f->label = pos_str(L, t, 2, ctx, true);
	f->type = read_type(L, pos_peek(L, t, 3, ctx, true));
	lua_pop(L, 1);
	/* A table in a table would read its columns in C recursion as
	 * deep as the rules nest them. */
	if (column && f->type == BC_T_TABLE)
		bc_sandbox_error(L, N_("%s: a column cannot be a table"), ctx);
	const char *agg = column ? NULL : pos_peek(L, t, 4, ctx, false);
	f->agg = column ? BC_AGG_NONE : default_agg(f->type);
	if (agg) {
		int a = find_name(agg_names, sizeof agg_names / sizeof *agg_names,
				  agg);
		if (a <= 0)
			bc_sandbox_error(L, N_("%s: unknown aggregation (sum, "
					       "snap, count_true, list, "
					       "count_by)"), ctx);
		f->agg = (bc_agg)a;
	}
	if (!column)
		lua_pop(L, 1);
	if (!column && !agg_fits(f->agg, f->type)) {
		if (f->agg == BC_AGG_NONE)
			bc_sandbox_error(L, N_("%s: aggregation none does not "
					       "fit type %s (give one)"),
					 ctx, type_names[f->type]);
		else
			bc_sandbox_error(L, N_("%s: aggregation %s does not fit "
					       "type %s"),
				 ctx, agg_names[f->agg], type_names[f->type]);
	}
	copy_origin(L, at, &f->at);
	f->level = bc_rl_get_str(L, t, ctx, "level", false);
	f->unit = bc_rl_get_str(L, t, ctx, "unit", false);
	if (!f->unit && f->type == BC_T_PCT)
		f->unit = bc_rl_dup(L, "%");
	read_values(L, t, f, ctx, at);
	if ((f->type == BC_T_ENUM) != (f->n_values > 0))
		bc_sandbox_error(L, N_("%s: 'values' lists the choices of an "
				       "enum, and only of an enum"), ctx);
	f->required = bc_rl_get_bool(L, t, ctx, "required", false);
	/* A field is required or not; only a table's rows tell a column
	 * when it is needed. */
	if (!column) {
		bool when = lua_getfield(L, t, "required_when") != LUA_TNIL;
		lua_pop(L, 1);
		if (when)
			bc_sandbox_error(L, N_("%s: 'required_when' is for "
					       "table columns; a field is "
					       "required = true or not"), ctx);
	}
	f->pattern = bc_rl_get_bytes(L, t, ctx, "pattern");
	f->example = bc_rl_get_str(L, t, ctx, "example", false);
	if (f->pattern)
		check_pattern(L, f->pattern, at);
	const char *win = bc_rl_peek_str(L, t, ctx, "in_window", false);
	f->in_window_warn = win && strcmp(win, "warn") == 0;
	if (win && !f->in_window_warn)
		bc_sandbox_error(L, N_("%s: in_window can only be \"warn\""), ctx);
	lua_pop(L, 1);
	read_renamed(L, t, f, column, at);
	if (f->type == BC_T_TABLE) {
		bc_rl_names *names = bc_rl_table_names(L, (size_t)pos);
		read_columns(L, t, f, at, names);
		const char *cb = bc_rl_peek_str(L, t, ctx, "count_by", false);
		scope sc = {f->columns, f->n_columns, names};
		if (cb && (f->count_by = scope_find(&sc, cb)) < 0)
			soft(L, at, N_("%s: count_by names no column '%s'"), ctx, cb);
		if ((f->agg == BC_AGG_COUNT_BY) != (cb != NULL))
			bc_sandbox_error(L, N_("%s: aggregation count_by goes "
					       "with count_by = \"column\""), ctx);
		lua_pop(L, 1);
		read_row_checks(L, t, f, at, names);
	}
}

/* Fields' check = / expect = become form checks once every field is
 * known; so do the form's checks{}. */
static void field_checks(lua_State *L, int t, bc_form *form, int fi)
{
	static const char *const kinds[] = {"check", "expect"};
	scope sc = form_scope(L, form);
	for (int k = 0; k < 2; k++) {
		lua_geti(L, t, fi + 1);
		const char *text = bc_rl_peek_str(L, lua_gettop(L), "field",
						  kinds[k], false);
		if (!text) {
			lua_pop(L, 2);
			continue;
		}
		bc_check *c = bc_rl_push_item(L, (void **)&form->checks,
					      &form->n_checks, sizeof *c);
		copy_origin(L, &form->at, &c->at);
		c->severity = k ? BC_WARNING : BC_ERROR;
		c->field = bc_rl_dup(L, form->fields[fi].id);
		char where[96];
		snprintf(where, sizeof where, "form %s, field %s", form->id,
			 form->fields[fi].id);
		compile_check(L, c, text, form->fields[fi].id, &sc, &form->at,
			      where);
		lua_pop(L, 2);
	}
}

static void read_fields(lua_State *L, bc_form *form)
{
	if (lua_getfield(L, 1, "fields") != LUA_TTABLE)
		bc_sandbox_error(L, N_("form{} '%s': 'fields' is required"), form->id);
	int t = lua_gettop(L);
	lua_Integer n = luaL_len(L, t);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, t, i);
		bc_field *f = bc_rl_push_item(L, (void **)&form->fields,
					      &form->n_fields, sizeof *f);
		read_field(L, lua_gettop(L), f, (int)i - 1, &form->at);
		if (!bc_rl_map_add(L, &bc_rl_loader_of(L)->fields.ids, f->id,
				   form->n_fields - 1, NULL))
			bc_sandbox_error(L, N_("form{} '%s': field '%s' twice"), form->id,
				   f->id);
		lua_pop(L, 1);
	}
	if (!form->n_fields)
		bc_sandbox_error(L, N_("form{} '%s' has no fields"), form->id);
	for (size_t i = 0; i < form->n_fields; i++)
		field_checks(L, t, form, (int)i);
	lua_pop(L, 1);
}

static void read_checks(lua_State *L, bc_form *form)
{
	static const char *const keys[] = {"severity", "message", NULL};
	if (lua_getfield(L, 1, "checks") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	int t = lua_gettop(L);
	scope sc = form_scope(L, form);
	char where[64];
	snprintf(where, sizeof where, "form %s", form->id);
	lua_Integer n = luaL_len(L, t);
	for (lua_Integer i = 1; i <= n; i++) {
		bc_check *c = bc_rl_push_item(L, (void **)&form->checks,
					      &form->n_checks, sizeof *c);
		copy_origin(L, &form->at, &c->at);
		if (lua_geti(L, t, i) == LUA_TSTRING) {
			lua_pushvalue(L, -1); /* as if read from an entry */
		} else {
			int e = lua_gettop(L);
			bc_rl_check_keys_pos(L, e, "checks entry", keys, 1);
			const char *sev = bc_rl_peek_str(L, e, "checks entry",
							 "severity", false);
			c->severity = sev && !strcmp(sev, "warn") ? BC_WARNING
								   : BC_ERROR;
			lua_pop(L, 1);
			c->message = bc_rl_get_str(L, e, "checks entry",
						   "message", false);
			pos_peek(L, e, 1, "checks entry", true);
		}
		compile_check(L, c, lua_tostring(L, -1), NULL, &sc, &form->at,
			      where);
		lua_pop(L, 2);
	}
	lua_pop(L, 1);
}

static void read_expr(lua_State *L, int t, const char *key, bc_expr *e,
		      const bc_form *form, const char *id)
{
	const char *text = bc_rl_peek_str(L, t, "indicator", key, true);
	char err[256];
	const char *bad;
	scope sc = form_scope(L, form);
	size_t most = bc_cond_parse_max(strlen(text));
	bc_sandbox_charge(L, most);
	bool parsed = bc_expr_parse(text, e, err, sizeof err);
	bc_sandbox_refund(L, most - bc_expr_bytes(e));
	if (!parsed && !*err)
		bc_sandbox_oom(L);
	if (!parsed)
		soft(L, &form->at, N_("form %s, indicator %s: %s '%s': %s"),
		     form->id, id, key, text, err);
	else if (!bc_expr_resolve(e, resolve_in, &sc, &bad))
		soft(L, &form->at,
		     N_("form %s, indicator %s: %s names '%s', which is no "
		     "number of the form"),
		     form->id, id, key, bad);
	keep_expr(L, e);
	lua_pop(L, 1);
}

static void read_indicators(lua_State *L, bc_form *form)
{
	static const char *const keys[] = {"num", "den", "rows", "where",
					   NULL};
	if (lua_getfield(L, 1, "indicators") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	int t = lua_gettop(L);
	lua_Integer n = luaL_len(L, t);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, t, i);
		int e = lua_gettop(L);
		bc_indicator *x = bc_rl_push_item(L, (void **)&form->indicators,
						  &form->n_indicators,
						  sizeof *x);
		copy_origin(L, &form->at, &x->at);
		x->rows = -1;
		bc_rl_check_keys_pos(L, e, "indicator", keys, 2);
		x->id = pos_str(L, e, 1, "indicator", true);
		x->label = pos_str(L, e, 2, "indicator", true);
		scope sc = form_scope(L, form);
		const char *rows = bc_rl_peek_str(L, e, "indicator", "rows",
						  false);
		if (rows) {
			x->rows = scope_find(&sc, rows);
			const bc_field *tf = x->rows >= 0 ? &form->fields[x->rows]
							  : NULL;
			scope cols = {tf ? tf->columns : NULL,
				      tf ? tf->n_columns : 0, NULL};
			if (!tf || tf->type != BC_T_TABLE) {
				soft(L, &form->at, N_("form %s, indicator %s: "
						   "rows names no table '%s'"),
				     form->id, x->id, rows);
			} else {
				cols.names = bc_rl_table_names(L, (size_t)x->rows);
				read_whens(L, e, "where", &cols, &form->at,
					   &x->where);
			}
		}
		lua_pop(L, 1);
		if (!rows) {
			read_expr(L, e, "num", &x->num, form, x->id);
			read_expr(L, e, "den", &x->den, form, x->id);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static void read_carries(lua_State *L, bc_form *form)
{
	static const char *const keys[] = {"from", NULL};
	if (lua_getfield(L, 1, "carry") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	int t = lua_gettop(L);
	lua_Integer n = luaL_len(L, t);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, t, i);
		int e = lua_gettop(L);
		bc_carry *c = bc_rl_push_item(L, (void **)&form->carries,
					      &form->n_carries, sizeof *c);
		copy_origin(L, &form->at, &c->at);
		bc_rl_check_keys_pos(L, e, "carry entry", keys, 1);
		scope sc = form_scope(L, form);
		const char *field = pos_peek(L, e, 1, "carry entry", true);
		const char *from = bc_rl_peek_str(L, e, "carry entry", "from",
						  true);
		c->field = scope_find(&sc, field);
		c->from = scope_find(&sc, from);
		if (c->field < 0 || c->from < 0)
			soft(L, &form->at, N_("form %s: carry names no field "
					      "'%s'"),
			     form->id, c->field < 0 ? field : from);
		lua_pop(L, 3);
	}
	lua_pop(L, 1);
}

int bc_rl_form(lua_State *L)
{
	static const char *const keys[] = {"id",     "name",   "title",
					   "section", "owner", "fields",
					   "checks", "indicators", "carry",
					   "renamed_from", NULL};
	bc_ruleset *rs = bc_rl_rs_of(L);
	bc_rl_check_keys(L, 1, "form{}", keys);
	bc_form *form = bc_rl_item(L);
	bc_rl_origin(L, &form->at);
	form->id = bc_rl_get_str(L, 1, "form", "id", true);
	if (!bc_rl_valid_id(form->id, false))
		bc_sandbox_error(L, N_("form{}: id '%s' must be lower-case "
				       "letters, digits and _"), form->id);
	size_t i;
	if (!bc_rl_add_id(L, form->id, &i))
		bc_sandbox_error(L, N_("form{}: '%s' already declared at %s:%d"),
			   form->id, rs->forms[i].at.file,
			   rs->forms[i].at.line);
	bc_rl_forget_form(L); /* a form that failed may have left them */
	form->name = bc_rl_get_str(L, 1, "form", "name", false);
	if (!form->name)
		form->name = form->id;
	form->title = bc_rl_get_str(L, 1, "form", "title", true);
	form->section = bc_rl_get_str(L, 1, "form", "section", false);
	form->owner = bc_rl_get_str(L, 1, "form", "owner", false);
	bc_rl_renamed(L, 1, BC_RENAME_FORM, NULL, form->id, &form->at,
		      &form->renamed_from, &form->n_renamed_from);
	read_fields(L, form);
	read_checks(L, form);
	read_indicators(L, form);
	read_carries(L, form);
	bc_rl_form_renames(L, form);
	bc_rl_forget_form(L);
	return 0;
}

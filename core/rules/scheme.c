/* SPDX-License-Identifier: MIT */
/* scheme{}, part{}, criterion{}: scoring schemes read from the rules,
 * their names resolved and their sums checked once the rules have run. */
#include "scheme.h"
#include "jsonset.h"
#include "mem.h"
#include "registry.h"
#include "ruleset_lua.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

/* ---- names -------------------------------------------------------------- */

static const char *const KIND_NAMES[BC_CRIT_N] = {
	[BC_CRIT_DISCIPLINE] = "discipline",
	[BC_CRIT_FIGURE] = "figure",
	[BC_CRIT_ASSESSED] = "assessed",
	[BC_CRIT_SELF] = "self",
};

static const char *const STATE_NAMES[BC_PSTATE_N] = {
	[BC_PSTATE_ON_TIME] = "on_time",   [BC_PSTATE_LATE] = "late",
	[BC_PSTATE_PARTIAL] = "partial",   [BC_PSTATE_MISSING] = "missing",
	[BC_PSTATE_RETURNED] = "returned", [BC_PSTATE_NOT_OWED] = "not_owed",
	[BC_PSTATE_PENDING] = "pending",
};

const char *bc_crit_kind_name(bc_crit_kind k)
{
	return k < BC_CRIT_N ? KIND_NAMES[k] : "?";
}

const char *bc_pstate_name(bc_pstate s)
{
	return s < BC_PSTATE_N ? STATE_NAMES[s] : "?";
}

/* ---- reading ------------------------------------------------------------ */

/* A number as the rules wrote it, for a message raised in the rules
 * (whose formats know no %g). */
typedef struct numtext {
	char s[32];
} numtext;

static numtext num(double v)
{
	numtext t;
	snprintf(t.s, sizeof t.s, "%g", v);
	return t;
}

/* t[key], a finite number; dflt when absent and optional. */
static double get_num(lua_State *L, int t, const char *what, const char *key,
		      bool required, double dflt)
{
	int ty = lua_getfield(L, t, key);
	double v = dflt;
	if (ty == LUA_TNUMBER)
		v = lua_tonumber(L, -1);
	else if (ty != LUA_TNIL || required)
		bc_sandbox_error(L, N_("%s{}: '%s' must be a number"), what,
				 key);
	lua_pop(L, 1);
	if (!isfinite(v))
		bc_sandbox_error(L, N_("%s{}: '%s' must be a finite number"),
				 what, key);
	return v;
}

/* A max: more than 0. */
static double get_max(lua_State *L, const char *what)
{
	double v = get_num(L, 1, what, "max", true, 0);
	if (v <= 0)
		bc_sandbox_error(L, N_("%s{}: max must be more than 0"), what);
	return v;
}

/* A scheme's id: lower-case letters, digits, '-' and '_'
 * ("cchc-2023"). */
static bool scheme_id_ok(const char *s)
{
	size_t n = strlen(s);
	return n && n <= 32 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

/* A part's or criterion's id as directives number them: "1", "1.3",
 * "II.2a". */
static bool item_id_ok(const char *s)
{
	size_t n = strlen(s);
	return n && n <= 16 && s[0] != '.' && s[n - 1] != '.' &&
	       !strstr(s, "..") &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789.") == n;
}

/* Pushes t[key] after checking it is a table; false when absent. */
static bool get_table(lua_State *L, int t, const char *what, const char *key,
		      bool required)
{
	int ty = lua_getfield(L, t, key);
	if (ty == LUA_TTABLE)
		return true;
	if (ty != LUA_TNIL)
		bc_sandbox_error(L, N_("%s{}: '%s' must be a table"), what, key);
	if (required)
		bc_sandbox_error(L, N_("%s{}: '%s' is required"), what, key);
	lua_pop(L, 1);
	return false;
}

/* years = { from = 2023, to = 2025 }: both optional. */
static void read_years(lua_State *L, bc_scheme *s)
{
	static const char *const keys[] = {"from", "to", NULL};
	if (!get_table(L, 1, "scheme", "years", false))
		return;
	int t = lua_gettop(L);
	bc_rl_check_keys(L, t, "scheme{}.years", keys);
	double from = get_num(L, t, "scheme.years", "from", false, 0);
	double to = get_num(L, t, "scheme.years", "to", false, 0);
	lua_pop(L, 1);
	if (from != floor(from) || to != floor(to) || from < 0 || to < 0 ||
	    from > 9999 || to > 9999)
		bc_sandbox_error(L, N_("scheme{}: years are whole years, "
				       "such as { from = 2023 }"));
	if (to && from > to)
		bc_sandbox_error(L, N_("scheme{}: years.to is before "
				       "years.from"));
	s->year_from = (int)from;
	s->year_to = (int)to;
}

/* groups = { { id = …, label = …, kinds = { … } }, … } */
static void read_groups(lua_State *L, bc_scheme *s)
{
	static const char *const keys[] = {"id", "label", "kinds", NULL};
	get_table(L, 1, "scheme", "groups", true);
	int t = lua_gettop(L);
	lua_Integer n = luaL_len(L, t);
	if (n < 1)
		bc_sandbox_error(L, N_("scheme{}: groups lists none"));
	for (lua_Integer i = 1; i <= n; i++) {
		if (lua_geti(L, t, i) != LUA_TTABLE)
			bc_sandbox_error(L, N_("scheme{}: each of groups is a "
					       "table { id = …, label = …, "
					       "kinds = { … } }"));
		int e = lua_gettop(L);
		bc_rl_check_keys(L, e, "scheme{}.groups", keys);
		bc_score_group *g = bc_rl_push_item(L, (void **)&s->groups,
						    &s->n_groups, sizeof *g);
		g->id = bc_rl_get_str(L, e, "scheme.groups", "id", true);
		g->label = bc_rl_get_str(L, e, "scheme.groups", "label", true);
		bc_rl_get_list(L, e, "scheme{}.groups", "kinds", &g->kinds,
			       &g->n_kinds);
		if (!bc_rl_valid_id(g->id, false))
			bc_sandbox_error(L, N_("scheme{}: group id '%s' must "
					       "be lower-case letters, digits "
					       "and _"), g->id);
		for (size_t k = 0; k + 1 < s->n_groups; k++)
			if (!strcmp(s->groups[k].id, g->id))
				bc_sandbox_error(L, N_("scheme{}: group '%s' "
						       "listed twice"), g->id);
		if (!g->n_kinds)
			bc_sandbox_error(L, N_("scheme{}: group '%s' names no "
					       "unit kinds"), g->id);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

/* classes = { { id = …, label = …, min = … }, … }, best first. */
static void read_classes(lua_State *L, bc_scheme *s)
{
	static const char *const keys[] = {"id", "label", "min", NULL};
	if (!get_table(L, 1, "scheme", "classes", false))
		return;
	int t = lua_gettop(L);
	lua_Integer n = luaL_len(L, t);
	for (lua_Integer i = 1; i <= n; i++) {
		if (lua_geti(L, t, i) != LUA_TTABLE)
			bc_sandbox_error(L, N_("scheme{}: each of classes is a "
					       "table { id = …, label = …, "
					       "min = … }"));
		int e = lua_gettop(L);
		bc_rl_check_keys(L, e, "scheme{}.classes", keys);
		bc_score_class *c = bc_rl_push_item(L, (void **)&s->classes,
						    &s->n_classes, sizeof *c);
		c->id = bc_rl_get_str(L, e, "scheme.classes", "id", true);
		c->label = bc_rl_get_str(L, e, "scheme.classes", "label", true);
		c->min = get_num(L, e, "scheme.classes", "min", true, 0);
		if (!bc_rl_valid_id(c->id, false))
			bc_sandbox_error(L, N_("scheme{}: class id '%s' must "
					       "be lower-case letters, digits "
					       "and _"), c->id);
		if (c->min < 0 || c->min > s->max)
			bc_sandbox_error(L, N_("scheme{}: class %s: min %s is "
					       "outside 0 to the scheme's max "
					       "%s"), c->id, num(c->min).s,
					 num(s->max).s);
		if (s->n_classes > 1 && c->min >= s->classes[s->n_classes - 2].min)
			bc_sandbox_error(L, N_("scheme{}: classes go from the "
					       "best down: class %s (min %s) "
					       "after %s (min %s)"),
					 c->id, num(c->min).s,
					 s->classes[s->n_classes - 2].id,
					 num(s->classes[s->n_classes - 2].min).s);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

int bc_rl_scheme(lua_State *L)
{
	static const char *const keys[] = {"id", "title", "max", "years",
					   "period", "decimals", "groups",
					   "classes", NULL};
	bc_rl_check_keys(L, 1, "scheme{}", keys);
	bc_scheme *s = bc_rl_item(L);
	bc_rl_origin(L, &s->at);
	s->id = bc_rl_get_str(L, 1, "scheme", "id", true);
	if (!scheme_id_ok(s->id))
		bc_sandbox_error(L, N_("scheme{}: id '%s' must be lower-case "
				       "letters, digits, - and _"), s->id);
	if (!bc_rl_add_id(L, s->id, NULL))
		bc_sandbox_error(L, N_("scheme{}: '%s' already declared"),
				 s->id);
	s->title = bc_rl_get_str(L, 1, "scheme", "title", true);
	s->max = get_max(L, "scheme");
	s->period_code = bc_rl_get_str(L, 1, "scheme", "period", false);
	double dec = get_num(L, 1, "scheme", "decimals", false, 2);
	if (dec != floor(dec) || dec < 0 || dec > 3)
		bc_sandbox_error(L, N_("scheme{}: decimals is 0, 1, 2 or 3"));
	s->decimals = (int)dec;
	read_years(L, s);
	read_groups(L, s);
	read_classes(L, s);
	return 0;
}

/* The scheme a part or criterion names, else the one declared last
 * before it (NULL when none was). */
static char *scheme_named(lua_State *L, const char *what)
{
	char *id = bc_rl_get_str(L, 1, what, "scheme", false);
	const bc_ruleset *rs = bc_rl_rs_of(L);
	return id ? id : rs->n_schemes ? rs->schemes[rs->n_schemes - 1].id
				       : NULL;
}

int bc_rl_part(lua_State *L)
{
	static const char *const keys[] = {"id", "title", "max", "scheme",
					   "group", NULL};
	bc_rl_check_keys(L, 1, "part{}", keys);
	bc_score_part *p = bc_rl_item(L);
	bc_rl_origin(L, &p->at);
	p->id = bc_rl_get_str(L, 1, "part", "id", true);
	if (!item_id_ok(p->id))
		bc_sandbox_error(L, N_("part{}: id '%s' must be letters and "
				       "digits, dotted (\"1\", \"II.2\")"),
				 p->id);
	p->title = bc_rl_get_str(L, 1, "part", "title", true);
	p->max = get_max(L, "part");
	p->scheme_id = scheme_named(L, "part");
	p->group_id = bc_rl_get_str(L, 1, "part", "group", false);
	return 0;
}

/* points = { on_time = …, late = …, partial = …, missing = …,
 * returned = … }: every state said, none above max. */
static void read_state_points(lua_State *L, bc_criterion *c)
{
	static const char *const keys[] = {"on_time", "late", "partial",
					   "missing", "returned", NULL};
	get_table(L, 1, "criterion", "points", true);
	int t = lua_gettop(L);
	bc_rl_check_keys(L, t, "criterion{}.points", keys);
	for (int s = 0; s < BC_PSTATE_SCORED; s++) {
		double v = get_num(L, t, "criterion.points", STATE_NAMES[s],
				   true, 0);
		if (v < 0 || v > c->max)
			bc_sandbox_error(L, N_("criterion{}: points.%s = %s is "
					       "outside 0 to max %s"),
					 STATE_NAMES[s], num(v).s,
					 num(c->max).s);
		c->state_points[s] = v;
	}
	lua_pop(L, 1);
}

static const struct {
	const char *text;
	bc_relop op;
} BAND_OPS[] = {{">=", BC_GE}, {">", BC_GT}, {"<=", BC_LE}, {"<", BC_LT}};

/* One band { op, bound, points } at the top of the stack. */
static void read_band(lua_State *L, bc_criterion *c, lua_Integer i)
{
	int e = lua_gettop(L);
	if (lua_type(L, e) != LUA_TTABLE || luaL_len(L, e) != 3 ||
	    lua_geti(L, e, 1) != LUA_TSTRING ||
	    lua_geti(L, e, 2) != LUA_TNUMBER ||
	    lua_geti(L, e, 3) != LUA_TNUMBER)
		bc_sandbox_error(L, N_("criterion{}: band %d must read like "
				       "{ \">=\", 95, 1.5 } (the value, "
				       "compared to a bound, gives points)"),
				 (int)i);
	bc_rl_check_keys_pos(L, e, "criterion{}.bands", (const char *[]){NULL},
			     3);
	const char *op = lua_tostring(L, e + 1);
	bc_band *b = bc_rl_push_item(L, (void **)&c->bands, &c->n_bands,
				     sizeof *b);
	size_t k = 0;
	while (k < sizeof BAND_OPS / sizeof *BAND_OPS &&
	       strcmp(BAND_OPS[k].text, op))
		k++;
	if (k == sizeof BAND_OPS / sizeof *BAND_OPS)
		bc_sandbox_error(L, N_("criterion{}: band %d: '%s' is no "
				       "comparison (>=, >, <=, <)"),
				 (int)i, op);
	b->op = BAND_OPS[k].op;
	b->bound = lua_tonumber(L, e + 2);
	b->points = lua_tonumber(L, e + 3);
	if (!isfinite(b->bound) || !isfinite(b->points) || b->points < 0 ||
	    b->points > c->max)
		bc_sandbox_error(L, N_("criterion{}: band %d gives %s points, "
				       "outside 0 to max %s"),
				 (int)i, num(b->points).s, num(c->max).s);
	lua_pop(L, 3);
}

/* Whether band b may follow band a: the same direction, a bound further
 * on and no more points. */
static bool band_follows(const bc_band *a, const bc_band *b)
{
	bool up = a->op == BC_GE || a->op == BC_GT;
	if (up != (b->op == BC_GE || b->op == BC_GT))
		return false;
	return (up ? b->bound < a->bound : b->bound > a->bound) &&
	       b->points <= a->points;
}

static void read_bands(lua_State *L, bc_criterion *c)
{
	int t = lua_gettop(L);
	lua_Integer n = luaL_len(L, t);
	if (n < 1)
		bc_sandbox_error(L, N_("criterion{}: bands lists none"));
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, t, i);
		read_band(L, c, i);
		lua_pop(L, 1);
		if (i > 1 && !band_follows(&c->bands[i - 2], &c->bands[i - 1]))
			bc_sandbox_error(L, N_("criterion{}: bands are not in "
					       "order at band %d: all >= or > "
					       "with bounds falling, or all <= "
					       "or < with bounds rising, and "
					       "points never rising"),
					 (int)i);
	}
}

static void read_proportional(lua_State *L, bc_criterion *c)
{
	static const char *const keys[] = {"from", "to", NULL};
	int t = lua_gettop(L);
	bc_rl_check_keys(L, t, "criterion{}.proportional", keys);
	c->from = get_num(L, t, "criterion.proportional", "from", true, 0);
	c->to = get_num(L, t, "criterion.proportional", "to", true, 0);
	if (c->from == c->to)
		bc_sandbox_error(L, N_("criterion{}: proportional from and to "
				       "are the same"));
}

/* A figure's source (form and field or indicator, period) and how it
 * is scored: bands or proportional, one of them. */
static void read_figure(lua_State *L, bc_criterion *c)
{
	c->indicator_id = bc_rl_get_str(L, 1, "criterion", "indicator", false);
	if (!c->field_id == !c->indicator_id)
		bc_sandbox_error(L, N_("criterion{}: a figure names a field or "
				       "an indicator (one of them)"));
	lua_getfield(L, 1, "if_none");
	c->has_if_none = !lua_isnil(L, -1);
	lua_pop(L, 1);
	c->if_none = get_num(L, 1, "criterion", "if_none", false, 0);
	if (c->has_if_none && !c->indicator_id)
		bc_sandbox_error(L, N_("criterion{}: if_none is for an "
				       "indicator, whose denominator may be "
				       "0"));
	if (c->if_none < 0 || c->if_none > c->max)
		bc_sandbox_error(L, N_("criterion{}: if_none = %s is outside 0 "
				       "to max %s"),
				 num(c->if_none).s, num(c->max).s);
	bool bands = get_table(L, 1, "criterion", "bands", false);
	if (bands) {
		c->scoring = BC_SCORING_BANDS;
		read_bands(L, c);
		lua_pop(L, 1);
	}
	if (get_table(L, 1, "criterion", "proportional", false)) {
		if (bands)
			bc_sandbox_error(L, N_("criterion{}: bands or "
					       "proportional, not both"));
		c->scoring = BC_SCORING_PROPORTIONAL;
		read_proportional(L, c);
		lua_pop(L, 1);
	} else if (!bands) {
		bc_sandbox_error(L, N_("criterion{}: a figure is scored by "
				       "bands or proportional"));
	}
}

/* The keys only some kinds take, and which. */
static const struct {
	const char *key;
	unsigned kinds; /* 1 << bc_crit_kind */
} KIND_KEYS[] = {
	{"points", 1u << BC_CRIT_DISCIPLINE},
	{"periods", 1u << BC_CRIT_DISCIPLINE},
	{"form", 1u << BC_CRIT_FIGURE | 1u << BC_CRIT_SELF},
	{"field", 1u << BC_CRIT_FIGURE | 1u << BC_CRIT_SELF},
	{"period", 1u << BC_CRIT_FIGURE | 1u << BC_CRIT_SELF},
	{"indicator", 1u << BC_CRIT_FIGURE},
	{"bands", 1u << BC_CRIT_FIGURE},
	{"proportional", 1u << BC_CRIT_FIGURE},
	{"if_none", 1u << BC_CRIT_FIGURE},
};

static void kind_keys(lua_State *L, bc_crit_kind k)
{
	for (size_t i = 0; i < sizeof KIND_KEYS / sizeof *KIND_KEYS; i++) {
		bool given = lua_getfield(L, 1, KIND_KEYS[i].key) != LUA_TNIL;
		lua_pop(L, 1);
		if (given && !(KIND_KEYS[i].kinds & 1u << k))
			bc_sandbox_error(L, N_("criterion{}: a criterion of "
					       "kind %s takes no '%s'"),
					 KIND_NAMES[k], KIND_KEYS[i].key);
	}
}

static bc_crit_kind get_kind(lua_State *L)
{
	const char *k = bc_rl_peek_str(L, 1, "criterion", "kind", true);
	int found = -1;
	for (int i = 0; i < BC_CRIT_N; i++)
		if (!strcmp(k, KIND_NAMES[i]))
			found = i;
	if (found < 0)
		bc_sandbox_error(L, N_("criterion{}: kind '%s' is none of "
				       "discipline, figure, assessed, self"),
				 k);
	lua_pop(L, 1);
	return (bc_crit_kind)found;
}

int bc_rl_criterion(lua_State *L)
{
	static const char *const keys[] = {
		"id", "title", "max", "kind", "scheme", "group", "part",
		"points", "periods", "form", "field", "indicator", "period",
		"bands", "proportional", "if_none", NULL};
	bc_rl_check_keys(L, 1, "criterion{}", keys);
	bc_criterion *c = bc_rl_item(L);
	bc_rl_origin(L, &c->at);
	c->id = bc_rl_get_str(L, 1, "criterion", "id", true);
	if (!item_id_ok(c->id))
		bc_sandbox_error(L, N_("criterion{}: id '%s' must be letters "
				       "and digits, dotted (\"1.3\")"), c->id);
	c->title = bc_rl_get_str(L, 1, "criterion", "title", true);
	c->max = get_max(L, "criterion");
	c->kind = get_kind(L);
	kind_keys(L, c->kind);
	c->scheme_id = scheme_named(L, "criterion");
	c->group_id = bc_rl_get_str(L, 1, "criterion", "group", false);
	c->part_id = bc_rl_get_str(L, 1, "criterion", "part", true);
	bool source = c->kind == BC_CRIT_FIGURE || c->kind == BC_CRIT_SELF;
	c->form_id = bc_rl_get_str(L, 1, "criterion", "form", source);
	c->field_id = bc_rl_get_str(L, 1, "criterion", "field",
				    c->kind == BC_CRIT_SELF);
	c->period_code = bc_rl_get_str(L, 1, "criterion", "period", false);
	if (c->kind == BC_CRIT_DISCIPLINE) {
		read_state_points(L, c);
		bc_rl_get_list(L, 1, "criterion{}", "periods",
			       &c->period_codes, &c->n_period_codes);
	} else if (c->kind == BC_CRIT_FIGURE) {
		read_figure(L, c);
	}
	return 0;
}


/* ---- resolving, once the rules have run --------------------------------- */

/* The scheme an item names (scheme_named); NULL (a problem said) when
 * there is none. */
static bc_scheme *scheme_of(bc_rl_loader *ld, const char *id,
			    const bc_origin *at, const char *what,
			    const char *item)
{
	bc_scheme *s = id ? (bc_scheme *)bc_ruleset_find(ld->rs,
							 BC_REG_SCHEME, id)
			  : NULL;
	if (!id)
		bc_rl_problem(ld, at, N_("%s{} %s: no scheme{} declared before "
					 "it"),
			      what, item);
	else if (!s)
		bc_rl_problem(ld, at, N_("%s{} %s names no scheme '%s'"), what,
			      item, id);
	return s;
}

/* The group of s an item names, or s's only one; NULL as scheme_of. */
static bc_score_group *group_of(bc_rl_loader *ld, bc_scheme *s,
				const char *id, const bc_origin *at,
				const char *what, const char *item)
{
	if (!id && s->n_groups == 1)
		return &s->groups[0];
	if (!id) {
		bc_rl_problem(ld, at, N_("%s{} %s: name its group, one of the "
					 "%zu of scheme %s"),
			      what, item, s->n_groups, s->id);
		return NULL;
	}
	for (size_t i = 0; i < s->n_groups; i++)
		if (!strcmp(s->groups[i].id, id))
			return &s->groups[i];
	bc_rl_problem(ld, at, N_("%s{} %s names no group '%s' of scheme %s"),
		      what, item, id, s->id);
	return NULL;
}

/* A regular period type of rs: one units report for, with a window in
 * the year.  NULL (a problem said) otherwise. */
static const bc_period_type *period_of(bc_rl_loader *ld, const char *code,
				       const bc_origin *at, const char *what,
				       const char *item)
{
	const bc_period_type *p =
		bc_ruleset_find(ld->rs, BC_REG_PERIOD_TYPE, code);
	if (!p)
		bc_rl_problem(ld, at, N_("%s{} %s names no period type '%s'"),
			      what, item, code);
	else if (p->adhoc)
		bc_rl_problem(ld, at, N_("%s{} %s names period type %s, which "
					 "is ad hoc: scores read the periods "
					 "units report for every year"),
			      what, item, code);
	else if (p->derived)
		bc_rl_problem(ld, at, N_("%s{} %s names period type %s, which "
					 "is derived: scores read the periods "
					 "units report for every year"),
			      what, item, code);
	else
		return p;
	return NULL;
}

/* The years s scores, from and to, 0 and INT_MAX for open ends. */
static void years_of(const bc_scheme *s, int *from, int *to)
{
	*from = s->year_from;
	*to = s->year_to ? s->year_to : 1 << 30;
}

static void check_scheme(bc_rl_loader *ld, bc_scheme *s, size_t i)
{
	bc_ruleset *rs = ld->rs;
	if (s->period_code)
		s->period = period_of(ld, s->period_code, &s->at, "scheme",
				      s->id);
	for (size_t g = 0; g < s->n_groups; g++)
		for (size_t k = 0; k < s->groups[g].n_kinds; k++) {
			const char *kind = s->groups[g].kinds[k];
			if (!bc_ruleset_kind(rs, kind))
				bc_rl_problem(ld, &s->at,
					      N_("scheme %s, group %s names no "
						 "unit kind '%s'"),
					      s->id, s->groups[g].id, kind);
			const bc_score_group *o = bc_scheme_group(s, kind);
			if (o != &s->groups[g])
				bc_rl_problem(ld, &s->at,
					      N_("scheme %s: unit kind %s is "
						 "in groups %s and %s"),
					      s->id, kind, o->id,
					      s->groups[g].id);
		}
	int from, to;
	years_of(s, &from, &to);
	for (size_t j = 0; j < i; j++) {
		int f, t;
		years_of(&rs->schemes[j], &f, &t);
		if (from <= t && f <= to)
			bc_rl_problem(ld, &s->at,
				      N_("scheme %s scores years that scheme "
					 "%s (%s:%d) scores too"),
				      s->id, rs->schemes[j].id,
				      rs->schemes[j].at.file,
				      rs->schemes[j].at.line);
	}
}

/* The key of id within group into buf. */
static void group_key(char *buf, size_t n, const void *group, const char *id)
{
	snprintf(buf, n, "%p/%s", group, id);
}

/* Adds the key of id within group → val to m, the key kept in keys (a
 * map borrows its keys); *added false when it was there (*old its
 * value). */
static bc_err map_add(bc_strmap *m, bc_arena *keys, const void *group,
		      const char *id, size_t val, size_t *old, bool *added)
{
	char buf[64];
	group_key(buf, sizeof buf, group, id);
	char *key = bc_arena_strdup(keys, buf);
	int rc = key ? bc_strmap_add(m, key, val, old) : -1;
	*added = rc > 0;
	return rc < 0 ? BC_ERR_NOMEM : BC_OK;
}

static bool map_get(const bc_strmap *m, const void *group, const char *id,
		    size_t *val)
{
	char key[64];
	group_key(key, sizeof key, group, id);
	return bc_strmap_get(m, key, val);
}

/* Each part's scheme and group; their ids into parts. */
static bc_err resolve_parts(bc_rl_loader *ld, bc_strmap *parts,
			    bc_arena *keys)
{
	bc_ruleset *rs = ld->rs;
	for (size_t i = 0; i < rs->n_score_parts; i++) {
		bc_score_part *p = &rs->score_parts[i];
		bc_scheme *s = scheme_of(ld, p->scheme_id, &p->at, "part",
					 p->id);
		bc_score_group *g = s ? group_of(ld, s, p->group_id, &p->at,
						 "part", p->id)
				      : NULL;
		if (!g)
			continue;
		size_t old;
		bool added;
		if (map_add(parts, keys, g, p->id, i, &old, &added) != BC_OK)
			return BC_ERR_NOMEM;
		if (!added) {
			bc_rl_problem(ld, &p->at, N_("part %s of group %s is "
						     "declared at %s:%d "
						     "already"),
				      p->id, g->id, rs->score_parts[old].at.file,
				      rs->score_parts[old].at.line);
			continue;
		}
		p->scheme = s;
		p->group = g;
	}
	return BC_OK;
}

/* The field of form f that t names, when it is a field (not a number). */
static const bc_field *term_field(const bc_form *f, const bc_term *t)
{
	return t->name && t->ref >= 0 && (size_t)t->ref < f->n_fields
		       ? &f->fields[t->ref]
		       : NULL;
}

/* Whether units of kind k (one of c's group) are asked field fd; a
 * problem said when they are not. */
static void check_asked(bc_rl_loader *ld, const bc_criterion *c,
			const bc_unit_kind *k, const bc_field *fd)
{
	if (!fd || bc_field_asked(fd, k->level))
		return;
	if (k->level)
		bc_rl_problem(ld, &c->at,
			      N_("criterion %s (group %s): form %s asks field "
				 "%s of level %s only, and units of kind %s are "
				 "of level %s"),
			      c->id, c->group->id, c->form->id, fd->id,
			      fd->level, k->id, k->level);
	else
		bc_rl_problem(ld, &c->at,
			      N_("criterion %s (group %s): form %s asks field "
				 "%s of level %s only, and units of kind %s "
				 "report at no level"),
			      c->id, c->group->id, c->form->id, fd->id,
			      fd->level, k->id);
}

/* Every unit of c's group is asked what c reads: a department scored
 * on a commune's field would score 0 for want of a value it never
 * owed. */
static void check_levels(bc_rl_loader *ld, const bc_criterion *c)
{
	const bc_form *f = c->form;
	for (size_t i = 0; i < c->group->n_kinds; i++) {
		const bc_unit_kind *k = bc_ruleset_kind(ld->rs,
							c->group->kinds[i]);
		if (!k)
			continue;
		check_asked(ld, c, k, c->field);
		const bc_indicator *x = c->indicator;
		if (!x)
			continue;
		if (x->rows >= 0)
			check_asked(ld, c, k, &f->fields[x->rows]);
		for (size_t t = 0; t < x->num.n; t++)
			check_asked(ld, c, k, term_field(f, &x->num.v[t]));
		for (size_t t = 0; t < x->den.n; t++)
			check_asked(ld, c, k, term_field(f, &x->den.v[t]));
	}
}

static bool numeric(const bc_field *fd, bool bools)
{
	return fd->type == BC_T_INT || fd->type == BC_T_MONEY ||
	       fd->type == BC_T_PCT || (bools && fd->type == BC_T_BOOL);
}

/* A figure's or self-assessment's form, field or indicator and period. */
static void resolve_source(bc_rl_loader *ld, bc_criterion *c)
{
	const char *W = "criterion";
	c->form = bc_ruleset_form(ld->rs, c->form_id);
	if (!c->form) {
		bc_rl_problem(ld, &c->at, N_("criterion %s names no form '%s'"),
			      c->id, c->form_id);
		return;
	}
	const bc_form *f = c->form;
	if (c->field_id) {
		int i = bc_field_index(f->fields, f->n_fields, c->field_id);
		c->field = i >= 0 ? &f->fields[i] : NULL;
		if (!c->field)
			bc_rl_problem(ld, &c->at, N_("criterion %s names no "
						     "field '%s' of form %s"),
				      c->id, c->field_id, f->id);
		else if (!numeric(c->field, c->kind == BC_CRIT_FIGURE))
			bc_rl_problem(ld, &c->at, N_("criterion %s: field %s "
						     "of form %s is %s, not a "
						     "number"),
				      c->id, c->field->id, f->id,
				      bc_ftype_name(c->field->type));
	}
	for (size_t i = 0; c->indicator_id && i < f->n_indicators; i++)
		if (!strcmp(f->indicators[i].id, c->indicator_id))
			c->indicator = &f->indicators[i];
	if (c->indicator_id && !c->indicator)
		bc_rl_problem(ld, &c->at, N_("criterion %s names no indicator "
					     "'%s' of form %s"),
			      c->id, c->indicator_id, f->id);
	if (c->period_code)
		c->period = period_of(ld, c->period_code, &c->at, W, c->id);
	else if (!(c->period = c->scheme->period) && !c->scheme->period_code)
		bc_rl_problem(ld, &c->at, N_("criterion %s: no period to read "
					     "its figure from: give period "
					     "here or in scheme{}"),
			      c->id);
	if (c->field || c->indicator)
		check_levels(ld, c);
}

/* The period types a discipline criterion counts: those it names, or
 * every one units report for. */
static bc_err resolve_periods(bc_rl_loader *ld, bc_criterion *c)
{
	bc_ruleset *rs = ld->rs;
	size_t n = c->n_period_codes ? c->n_period_codes : rs->n_ptypes;
	const bc_period_type **v = bc_arena_alloc(&rs->mem, (n + 1) * sizeof *v);
	if (!v)
		return BC_ERR_NOMEM;
	c->periods = v;
	for (size_t i = 0; i < c->n_period_codes; i++) {
		const bc_period_type *p = period_of(ld, c->period_codes[i],
						    &c->at, "criterion", c->id);
		if (p)
			v[c->n_periods++] = p;
	}
	for (size_t i = 0; !c->n_period_codes && i < rs->n_ptypes; i++)
		if (!rs->ptypes[i].adhoc && !rs->ptypes[i].derived)
			v[c->n_periods++] = &rs->ptypes[i];
	return BC_OK;
}

/* Each criterion's scheme, group and part, and what its kind reads. */
static bc_err resolve_criteria(bc_rl_loader *ld, const bc_strmap *parts,
			       bc_strmap *crits, bc_arena *keys)
{
	bc_ruleset *rs = ld->rs;
	for (size_t i = 0; i < rs->n_criteria; i++) {
		bc_criterion *c = &rs->criteria[i];
		bc_scheme *s = scheme_of(ld, c->scheme_id, &c->at, "criterion",
					 c->id);
		bc_score_group *g = s ? group_of(ld, s, c->group_id, &c->at,
						 "criterion", c->id)
				      : NULL;
		size_t p, old;
		bool added;
		if (!g)
			continue;
		if (!map_get(parts, g, c->part_id, &p)) {
			bc_rl_problem(ld, &c->at, N_("criterion %s names no "
						     "part '%s' of group %s"),
				      c->id, c->part_id, g->id);
			continue;
		}
		if (map_add(crits, keys, g, c->id, i, &old, &added) != BC_OK)
			return BC_ERR_NOMEM;
		if (!added) {
			bc_rl_problem(ld, &c->at, N_("criterion %s of group %s "
						     "is declared at %s:%d "
						     "already"),
				      c->id, g->id, rs->criteria[old].at.file,
				      rs->criteria[old].at.line);
			continue;
		}
		c->scheme = s;
		c->group = g;
		c->part = &rs->score_parts[p];
		if (c->kind == BC_CRIT_FIGURE || c->kind == BC_CRIT_SELF)
			resolve_source(ld, c);
		if (c->kind == BC_CRIT_DISCIPLINE &&
		    resolve_periods(ld, c) != BC_OK)
			return BC_ERR_NOMEM;
	}
	return BC_OK;
}

static int cmp_part(const void *a, const void *b)
{
	const bc_score_part *x = *(const bc_score_part *const *)a,
			    *y = *(const bc_score_part *const *)b;
	uintptr_t gx = (uintptr_t)x->group, gy = (uintptr_t)y->group;
	if (gx != gy)
		return gx < gy ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int cmp_crit(const void *a, const void *b)
{
	const bc_criterion *x = *(const bc_criterion *const *)a,
			   *y = *(const bc_criterion *const *)b;
	uintptr_t gx = (uintptr_t)x->group, gy = (uintptr_t)y->group;
	if (gx != gy)
		return gx < gy ? -1 : 1;
	if (x->part->index != y->part->index)
		return x->part->index < y->part->index ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Pointers to those of the n items that resolved, sorted by cmp (by
 * group first), in rs's arena: each group gets its slice of them. */
static void *sorted(bc_arena *a, void *items, size_t n, size_t size,
		    bool (*resolved)(const void *),
		    int (*cmp)(const void *, const void *), size_t *kept)
{
	const void **v = bc_arena_alloc(a, (n + 1) * sizeof *v);
	if (!v)
		return NULL;
	*kept = 0;
	for (size_t i = 0; i < n; i++) {
		const void *it = (const char *)items + i * size;
		if (resolved(it))
			v[(*kept)++] = it;
	}
	qsort(v, *kept, sizeof *v, cmp);
	return v;
}

static bool part_resolved(const void *p)
{
	return ((const bc_score_part *)p)->group != NULL;
}

static bool crit_resolved(const void *c)
{
	return ((const bc_criterion *)c)->part != NULL;
}

/* Each group's parts in the order declared, and its criteria part by
 * part. */
static bc_err fill_groups(bc_ruleset *rs)
{
	size_t np, nc;
	bc_score_part **pv = sorted(&rs->mem, rs->score_parts,
				    rs->n_score_parts, sizeof **pv,
				    part_resolved, cmp_part, &np);
	if (!pv)
		return BC_ERR_NOMEM;
	for (size_t i = 0; i < np; i++) {
		bc_score_group *g = (bc_score_group *)pv[i]->group;
		if (!g->n_parts)
			g->parts = (const bc_score_part **)&pv[i];
		pv[i]->index = g->n_parts++;
	}
	bc_criterion **cv = sorted(&rs->mem, rs->criteria, rs->n_criteria,
				   sizeof **cv, crit_resolved, cmp_crit, &nc);
	if (!cv)
		return BC_ERR_NOMEM;
	for (size_t i = 0; i < nc; i++) {
		bc_score_group *g = (bc_score_group *)cv[i]->group;
		if (!g->n_criteria)
			g->criteria = (const bc_criterion **)&cv[i];
		cv[i]->index = g->n_criteria++;
	}
	return BC_OK;
}

static bool same_sum(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1, fabs(b));
}

/* Criteria add up to their part's max, parts to the scheme's. */
static void check_sums(bc_rl_loader *ld, const bc_scheme *s)
{
	for (size_t i = 0; i < s->n_groups; i++) {
		const bc_score_group *g = &s->groups[i];
		double parts = 0;
		size_t j = 0;
		if (!g->n_parts)
			bc_rl_problem(ld, &s->at, N_("scheme %s, group %s: no "
						     "part{} declared"),
				      s->id, g->id);
		for (size_t k = 0; k < g->n_parts; k++) {
			const bc_score_part *p = g->parts[k];
			double sum = 0;
			parts += p->max;
			/* The criteria come part by part (fill_groups). */
			for (; j < g->n_criteria && g->criteria[j]->part == p;
			     j++)
				sum += g->criteria[j]->max;
			if (!same_sum(sum, p->max))
				bc_rl_problem(ld, &p->at,
					      N_("part %s (group %s): its "
						 "criteria's maxima add up to "
						 "%g, not the part's max %g"),
					      p->id, g->id, sum, p->max);
		}
		if (g->n_parts && !same_sum(parts, s->max))
			bc_rl_problem(ld, &s->at,
				      N_("scheme %s, group %s: its parts' "
					 "maxima add up to %g, not the "
					 "scheme's max %g"),
				      s->id, g->id, parts, s->max);
	}
}

bc_err bc_rl_check_schemes(bc_rl_loader *ld)
{
	bc_ruleset *rs = ld->rs;
	for (size_t i = 0; i < rs->n_schemes; i++)
		check_scheme(ld, &rs->schemes[i], i);
	bc_strmap parts = {0}, crits = {0};
	bc_arena keys = {0};
	bc_err rc = resolve_parts(ld, &parts, &keys);
	if (rc == BC_OK)
		rc = resolve_criteria(ld, &parts, &crits, &keys);
	if (rc == BC_OK)
		rc = fill_groups(rs);
	for (size_t i = 0; rc == BC_OK && i < rs->n_schemes; i++)
		check_sums(ld, &rs->schemes[i]);
	bc_strmap_free(&parts);
	bc_strmap_free(&crits);
	bc_arena_free(&keys);
	return rc;
}

/* ---- lookups ------------------------------------------------------------- */

const bc_scheme *bc_scheme_for_year(const bc_ruleset *rs, int year)
{
	for (size_t i = 0; i < rs->n_schemes; i++) {
		int from, to;
		years_of(&rs->schemes[i], &from, &to);
		if (from <= year && year <= to)
			return &rs->schemes[i];
	}
	return NULL;
}

const bc_scheme *bc_scheme_find(const bc_ruleset *rs, const char *id)
{
	return bc_ruleset_find(rs, BC_REG_SCHEME, id);
}

const bc_score_group *bc_scheme_group(const bc_scheme *s, const char *kind)
{
	for (size_t i = 0; i < s->n_groups; i++)
		for (size_t k = 0; k < s->groups[i].n_kinds; k++)
			if (!strcmp(s->groups[i].kinds[k], kind))
				return &s->groups[i];
	return NULL;
}

const bc_criterion *bc_scheme_criterion(const bc_score_group *g,
					const char *id)
{
	for (size_t i = 0; i < g->n_criteria; i++)
		if (!strcmp(g->criteria[i]->id, id))
			return g->criteria[i];
	return NULL;
}

const bc_score_class *bc_scheme_class(const bc_scheme *s, double total)
{
	/* total is a sum of rounded points: within a rounding of min is
	 * min. */
	double eps = 1e-9 * fmax(1, s->max);
	for (size_t i = 0; i < s->n_classes; i++)
		if (total + eps >= s->classes[i].min)
			return &s->classes[i];
	return NULL;
}

/* ---- as JSON (rules show --json) ------------------------------------------ */

/* A number as the rules wrote it: 2, not 2.0. */
static json_t *num_json(double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *nullable(const char *s)
{
	return s ? json_string(s) : json_null();
}

static const char *op_text(bc_relop op)
{
	for (size_t k = 0; k < sizeof BAND_OPS / sizeof *BAND_OPS; k++)
		if (BAND_OPS[k].op == op)
			return BAND_OPS[k].text;
	return "?";
}

/* What criterion c's kind adds to its JSON o. */
static void kind_json(bc_err *e, json_t *o, const bc_criterion *c)
{
	if (c->kind == BC_CRIT_DISCIPLINE) {
		json_t *pts = bc_json_set(e, o, "points", json_object());
		for (int s = 0; pts && s < BC_PSTATE_SCORED; s++)
			bc_json_set(e, pts, STATE_NAMES[s],
				    num_json(c->state_points[s]));
		json_t *pv = bc_json_set(e, o, "periods", json_array());
		for (size_t i = 0; pv && i < c->n_periods; i++)
			bc_json_push(e, pv, json_string(c->periods[i]->code));
		return;
	}
	if (c->kind == BC_CRIT_ASSESSED)
		return;
	bc_json_set(e, o, "form", json_string(c->form->id));
	bc_json_set(e, o, "field", nullable(c->field ? c->field->id : NULL));
	if (c->kind == BC_CRIT_SELF)
		return;
	bc_json_set(e, o, "indicator",
		    nullable(c->indicator ? c->indicator->id : NULL));
	bc_json_set(e, o, "period", json_string(c->period->code));
	if (c->has_if_none)
		bc_json_set(e, o, "if_none", num_json(c->if_none));
	if (c->scoring == BC_SCORING_PROPORTIONAL) {
		bc_json_set(e, o, "proportional",
			    json_pack("{s:o, s:o}", "from", num_json(c->from),
				      "to", num_json(c->to)));
		return;
	}
	json_t *bv = bc_json_set(e, o, "bands", json_array());
	for (size_t i = 0; bv && i < c->n_bands; i++)
		bc_json_push(e, bv,
			     json_pack("[s, o, o]", op_text(c->bands[i].op),
				       num_json(c->bands[i].bound),
				       num_json(c->bands[i].points)));
}

static json_t *criterion_json(bc_err *e, const bc_criterion *c)
{
	json_t *o = bc_json_made(
		e, json_pack("{s:s, s:s, s:o, s:s}", "id", c->id, "title",
			     c->title, "max", num_json(c->max), "kind",
			     KIND_NAMES[c->kind]));
	if (o)
		kind_json(e, o, c);
	return o;
}

static json_t *group_json(bc_err *e, const bc_score_group *g)
{
	json_t *o = bc_json_made(e, json_pack("{s:s, s:s, s:[]}", "id", g->id,
					      "label", g->label, "kinds"));
	json_t *kinds = o ? json_object_get(o, "kinds") : NULL;
	for (size_t k = 0; kinds && k < g->n_kinds; k++)
		bc_json_push(e, kinds, json_string(g->kinds[k]));
	json_t *parts = o ? bc_json_set(e, o, "parts", json_array()) : NULL;
	size_t j = 0;
	for (size_t k = 0; parts && k < g->n_parts; k++) {
		const bc_score_part *p = g->parts[k];
		json_t *po = bc_json_push(
			e, parts,
			json_pack("{s:s, s:s, s:o, s:[]}", "id", p->id, "title",
				  p->title, "max", num_json(p->max),
				  "criteria"));
		json_t *cv = po ? json_object_get(po, "criteria") : NULL;
		for (; j < g->n_criteria && g->criteria[j]->part == p; j++)
			if (cv)
				bc_json_push(e, cv,
					     criterion_json(e, g->criteria[j]));
	}
	return o;
}

json_t *bc_scheme_json(const void *item)
{
	const bc_scheme *s = item;
	bc_err e = BC_OK;
	json_t *o = bc_json_made(
		&e, json_pack("{s:s, s:s, s:o, s:{s:o, s:o}, s:o, s:i}", "id",
			      s->id, "title", s->title, "max", num_json(s->max),
			      "years", "from",
			      s->year_from ? json_integer(s->year_from)
					   : json_null(),
			      "to",
			      s->year_to ? json_integer(s->year_to)
					 : json_null(),
			      "period",
			      nullable(s->period ? s->period->code : NULL),
			      "decimals", s->decimals));
	json_t *cl = o ? bc_json_set(&e, o, "classes", json_array()) : NULL;
	for (size_t i = 0; cl && i < s->n_classes; i++)
		bc_json_push(&e, cl,
			     json_pack("{s:s, s:s, s:o}", "id",
				       s->classes[i].id, "label",
				       s->classes[i].label, "min",
				       num_json(s->classes[i].min)));
	json_t *gv = o ? bc_json_set(&e, o, "groups", json_array()) : NULL;
	for (size_t i = 0; gv && i < s->n_groups; i++)
		bc_json_push(&e, gv, group_json(&e, &s->groups[i]));
	return bc_json_whole(o, e);
}

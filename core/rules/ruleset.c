/* SPDX-License-Identifier: MIT */
#include "ruleset.h"
#include "mem.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stddef.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset_lua.h"

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

static const bc_period_type *adhoc_type(const bc_ruleset *rs,
					const char *token, int *adhoc_no);

static bc_dayrule get_day(lua_State *L, int t, const char *what,
			  const char *key, bool required)
{
	bc_dayrule r = {0, 0, 0};
	const char *s = bc_rl_peek_str(L, t, what, key, required);
	bool ok = !s || bc_dayrule_parse(s, &r);
	lua_pop(L, 1);
	if (!ok)
		bc_sandbox_error(L,
			   N_("%s{}: '%s' must read like \"28/02/Y\" or "
			   "\"10/12/Y-1\" (day/month/year of the period)"),
			   what, key);
	return r;
}

static bc_date get_date(lua_State *L, int t, const char *what,
			const char *key, bool required)
{
	bc_date d = BC_DATE_NONE;
	const char *s = bc_rl_peek_str(L, t, what, key, required);
	bool ok = !s || bc_date_parse(s, &d);
	lua_pop(L, 1);
	if (!ok)
		bc_sandbox_error(L, N_("%s{}: '%s' must be a date YYYY-MM-DD"), what,
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
			bc_sandbox_error(L, N_("%s{}: '%s' is required"), what, key);
		return false;
	}
	if (ty != LUA_TTABLE)
		bc_sandbox_error(L, N_("%s{}: '%s' must be a table"), what, key);
	char sub[64];
	snprintf(sub, sizeof sub, "%s{}.%s", what, key);
	bc_rl_check_keys(L, lua_gettop(L), sub, allowed);
	return true;
}

/* ---- registrations ----------------------------------------------------- */

static int reg_directive(lua_State *L)
{
	static const char *const keys[] = {
		"id", "title", "reference", "issued", "issuer", "replaces",
		"supersedes", "in_force", "deadline", "reading", "money_unit",
		"report_name", NULL};
	static const char *const in_force_keys[] = {"from", "to", NULL};
	static const char *const deadline_keys[] = {"inclusive", "utc_offset",
						    NULL};
	bc_ruleset *rs = bc_rl_rs_of(L);
	bc_rl_check_keys(L, 1, "directive{}", keys);
	bc_directive *d = &rs->directive;
	if (d->at.file)
		bc_sandbox_error(L, N_("directive{}: already declared at %s:%d"),
			   d->at.file, d->at.line);
	bc_rl_origin(L, &d->at);
	bool same = strcmp(bc_rl_peek_str(L, 1, "directive", "id", true),
			   rs->id) == 0;
	lua_pop(L, 1);
	if (!same)
		bc_sandbox_error(L,
			   N_("directive{}: id must be the directory's name "
			      "'%s'"),
			   rs->id);
	d->title = bc_rl_get_str(L, 1, "directive", "title", true);
	d->reference = bc_rl_get_str(L, 1, "directive", "reference", true);
	d->issued = get_date(L, 1, "directive", "issued", false);
	d->issuer = bc_rl_get_str(L, 1, "directive", "issuer", false);
	d->replaces = bc_rl_get_str(L, 1, "directive", "replaces", false);
	d->supersedes = bc_rl_get_str(L, 1, "directive", "supersedes", false);
	d->reading = bc_rl_get_str(L, 1, "directive", "reading", false);
	d->report_name =
		bc_rl_get_str(L, 1, "directive", "report_name", false);
	if (!d->report_name)
		d->report_name = BC_PART_REPORT;
	d->money_unit = bc_rl_get_str(L, 1, "directive", "money_unit", false);
	sub_table(L, 1, "directive", "in_force", in_force_keys, true);
	d->in_force_from = get_date(L, -1, "directive.in_force", "from", true);
	d->in_force_to = get_date(L, -1, "directive.in_force", "to", false);
	lua_pop(L, 1);
	if (d->in_force_to != BC_DATE_NONE && d->in_force_to < d->in_force_from)
		bc_sandbox_error(L, N_("directive{}: in_force.to is before "
				       "in_force.from"));
	sub_table(L, 1, "directive", "deadline", deadline_keys, true);
	d->deadline_inclusive =
		bc_rl_get_bool(L, -1, "directive.deadline", "inclusive", true);
	bool ok = bc_offset_parse(bc_rl_peek_str(L, -1, "directive.deadline",
						 "utc_offset", true),
				  &d->utc_offset);
	lua_pop(L, 1);
	if (!ok)
		bc_sandbox_error(L, N_("directive{}: deadline.utc_offset must "
				       "read like \"+07:00\""));
	lua_pop(L, 1);
	return 0;
}

/* What a period code can name (period.h): letters, then digits;
 * "2023-Q2A" reads as no period, "2023-Q2" does. */
static bool period_code_shape(const char *code)
{
	size_t letters = strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	return !code[letters + strspn(code + letters, "0123456789")];
}

static int reg_period_type(lua_State *L)
{
	static const char *const keys[] = {"code", "label", "adhoc", "window",
					   "unit_due", "compile_due",
					   "advance", "derived", NULL};
	static const char *const window_keys[] = {"from", "to", NULL};
	const char *W = "period_type";
	bc_ruleset *rs = bc_rl_rs_of(L);
	bc_rl_check_keys(L, 1, "period_type{}", keys);
	bc_period_type *p = bc_rl_item(L);
	bc_rl_origin(L, &p->at);
	p->code = bc_rl_get_str(L, 1, W, "code", true);
	if (!bc_rl_valid_id(p->code, true) || strlen(p->code) > 8)
		bc_sandbox_error(L, N_("period_type{}: code '%s' must be "
				       "capital letters and digits, at most 8"), p->code);
	if (!period_code_shape(p->code))
		bc_sandbox_error(L, N_("period_type{}: code '%s' would name no "
				       "period: a period code is its letters, "
				       "then digits (2023-Q1)"),
				 p->code);
	size_t i;
	if (!bc_rl_add_id(L, p->code, &i))
		bc_sandbox_error(L, N_("period_type{}: '%s' already declared "
			      "at %s:%d"), p->code,
			   rs->ptypes[i].at.file, rs->ptypes[i].at.line);
	p->label = bc_rl_get_str(L, 1, W, "label", true);
	if (lua_getfield(L, 1, "derived") != LUA_TNIL) {
		lua_pop(L, 1);
		bc_derivation_read(L, p);
		return 0;
	}
	lua_pop(L, 1);
	p->adhoc = bc_rl_get_bool(L, 1, W, "adhoc", false);
	p->advance = bc_rl_get_bool(L, 1, W, "advance", false);
	if (p->adhoc) {
		for (const char *c = p->code; *c; c++)
			if (isdigit((unsigned char)*c))
				bc_sandbox_error(L, N_("period_type{}: an "
						       "ad-hoc code is letters "
						       "only (the number "
						       "follows it)"));
		if (!lua_isnil(L, (lua_getfield(L, 1, "window"), -1)) ||
		    !lua_isnil(L, (lua_getfield(L, 1, "unit_due"), -1)) ||
		    !lua_isnil(L, (lua_getfield(L, 1, "compile_due"), -1)))
			bc_sandbox_error(L, N_("period_type{}: an ad-hoc type "
					       "takes its window and deadlines "
					       "when created"));
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

/* The id and label of a named item (and a unit kind), read. */
static void read_named(lua_State *L, const char *what, char **id,
		       char **label)
{
	*id = bc_rl_get_str(L, 1, what, "id", true);
	*label = bc_rl_get_str(L, 1, what, "label", true);
}

/* The id of the newest item: a name, not taken by one before it. */
static void check_id(lua_State *L, const char *what, const char *id)
{
	if (!bc_rl_valid_id(id, false))
		bc_sandbox_error(L, N_("%s{}: id '%s' must be lower-case "
				       "letters, digits and _"), what, id);
	if (!bc_rl_add_id(L, id, NULL))
		bc_sandbox_error(L, N_("%s{}: '%s' already declared"), what, id);
}

/* level{}, role{}, channel{}: an id and a label. */
static int reg_named(lua_State *L)
{
	static const char *const keys[] = {"id", "label", NULL};
	const char *what = bc_rl_loader_of(L)->reg->name;
	char call[64];
	snprintf(call, sizeof call, "%s{}", what);
	bc_rl_check_keys(L, 1, call, keys);
	bc_named *x = bc_rl_item(L);
	bc_rl_origin(L, &x->at);
	read_named(L, what, &x->id, &x->label);
	check_id(L, what, x->id);
	return 0;
}

static int reg_unit_kind(lua_State *L)
{
	static const char *const keys[] = {"id", "label", "level", NULL};
	bc_rl_check_keys(L, 1, "unit_kind{}", keys);
	bc_unit_kind *k = bc_rl_item(L);
	bc_rl_origin(L, &k->at);
	read_named(L, "unit_kind", &k->id, &k->label);
	k->level = bc_rl_get_str(L, 1, "unit_kind", "level", false);
	check_id(L, "unit_kind", k->id);
	return 0;
}

/* "A.II.4" is a child of "A.II": its index, -1 for a top section, -2
 * when the parent is not declared. */
static int parent_section(const bc_ruleset *rs, const char *id)
{
	const char *dot = strrchr(id, '.');
	size_t i;
	if (!dot)
		return -1;
	if (bc_strmap_getn(&rs->index->by_id[BC_REG_SECTION], id,
			   (size_t)(dot - id), &i))
		return (int)i;
	return -2;
}

static bool section_id_ok(const char *id)
{
	if (!*id || *id == '.' || id[strlen(id) - 1] == '.' ||
	    strstr(id, ".."))
		return false;
	for (const char *p = id; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.')
			return false;
	return strlen(id) <= 32;
}

static int reg_section(lua_State *L)
{
	static const char *const keys[] = {"id", "title", "guidance", "forms",
					   NULL};
	bc_ruleset *rs = bc_rl_rs_of(L);
	bc_rl_check_keys(L, 1, "section{}", keys);
	bc_section *s = bc_rl_item(L);
	bc_rl_origin(L, &s->at);
	s->id = bc_rl_get_str(L, 1, "section", "id", true);
	s->title = bc_rl_get_str(L, 1, "section", "title", true);
	s->guidance = bc_rl_get_str(L, 1, "section", "guidance", false);
	bc_rl_get_list(L, 1, "section{}", "forms", &s->forms, &s->n_forms);
	if (!section_id_ok(s->id))
		bc_sandbox_error(L, N_("section{}: id '%s' must be dotted names "
				       "such as A.II.4"), s->id);
	s->parent = parent_section(rs, s->id);
	if (!bc_rl_add_id(L, s->id, NULL))
		bc_sandbox_error(L, N_("section{}: '%s' already declared"), s->id);
	if (s->parent == -2)
		bc_sandbox_error(L, N_("section{}: the parent of '%s' must be "
				       "declared before it"), s->id);
	return 0;
}

static int reg_responsibility(lua_State *L)
{
	static const char *const keys[] = {"kinds", "role", "parts",
					   "sections", NULL};
	bc_rl_check_keys(L, 1, "responsibility{}", keys);
	bc_duty *u = bc_rl_item(L);
	bc_rl_origin(L, &u->at);
	bc_rl_get_list(L, 1, "responsibility{}", "kinds", &u->kinds,
		       &u->n_kinds);
	u->role = bc_rl_get_str(L, 1, "responsibility", "role", false);
	bc_rl_get_list(L, 1, "responsibility{}", "parts", &u->parts,
		       &u->n_parts);
	bc_rl_get_list(L, 1, "responsibility{}", "sections", &u->sections,
		       &u->n_sections);
	if ((u->n_kinds > 0) == (u->role != NULL))
		bc_sandbox_error(L, N_("responsibility{}: give kinds or a role "
				       "(one of them)"));
	if (!u->n_parts && !u->n_sections)
		bc_sandbox_error(L, N_("responsibility{}: no parts and no "
				       "sections"));
	return 0;
}

/*
 * Every registration runs through here.  A registration adds its item
 * before filling it in, so that an error mid-way frees it with the
 * ruleset; a rule could catch that error with pcall and go on with a
 * half-made item, so a failed registration fails the whole load whatever
 * the rule does with the error.  And registrations are refused once the
 * rules have loaded (a rule could keep one and call it later).
 */
static int reg_guard(lua_State *L)
{
	bc_rl_loader *ld = bc_rl_loader_of(L);
	if (!ld)
		return bc_sandbox_error(L, N_("registrations are made only "
					      "while the rules load"));
	/* A registration's reader may run rules (a metatable's __index)
	 * that register something else. */
	const bc_reg *g = lua_touserdata(L, lua_upvalueindex(1));
	const bc_reg *was = ld->reg;
	int n = lua_gettop(L);
	lua_pushcfunction(L, g->read);
	lua_insert(L, 1);
	ld->reg = g;
	int rc = lua_pcall(L, n, 0, 0);
	ld->reg = was;
	if (rc == LUA_OK)
		return 0;
	ld->broken++;
	/* Raised from a C function called by C, the message has no place:
	 * give it the rule's. */
	return bc_sandbox_raise(L);
}

#define ITEMS(array, n, type)                                                 \
	.items = offsetof(bc_ruleset, array),                                  \
	.count = offsetof(bc_ruleset, n), .size = sizeof(type)
#define SHOWN(type, key, how, m) {key, how, offsetof(type, m), 0}
#define SHOWN_LIST(type, key, how, m)                                          \
	{key, how, offsetof(type, m), offsetof(type, n_##m)}

static const bc_shown named_shown[] = {
	SHOWN(bc_named, "id", BC_SHOW_TEXT, id),
	SHOWN(bc_named, "label", BC_SHOW_TEXT, label),
	{NULL}};
static const bc_shown kind_shown[] = {
	SHOWN(bc_unit_kind, "id", BC_SHOW_TEXT, id),
	SHOWN(bc_unit_kind, "label", BC_SHOW_TEXT, label),
	SHOWN(bc_unit_kind, "level", BC_SHOW_TEXT_OR_NULL, level),
	{NULL}};
static const bc_shown section_shown[] = {
	SHOWN(bc_section, "id", BC_SHOW_TEXT, id),
	SHOWN(bc_section, "title", BC_SHOW_TEXT, title),
	SHOWN(bc_section, "guidance", BC_SHOW_TEXT_OR_NULL, guidance),
	SHOWN_LIST(bc_section, "forms", BC_SHOW_LIST, forms),
	{NULL}};
/* Kinds or a role, never both (reg_responsibility). */
static const bc_shown duty_shown[] = {
	SHOWN_LIST(bc_duty, "parts", BC_SHOW_LIST, parts),
	SHOWN_LIST(bc_duty, "sections", BC_SHOW_LIST, sections),
	SHOWN(bc_duty, "role", BC_SHOW_TEXT_IF_SET, role),
	SHOWN_LIST(bc_duty, "kinds", BC_SHOW_LIST_IF_ANY, kinds),
	{NULL}};

/* Every kind of registration, described once (registry.h). */
const bc_reg bc_registry[BC_REG_N] = {
	[BC_REG_DIRECTIVE] = {.name = "directive", .read = reg_directive},
	[BC_REG_PERIOD_TYPE] = {.name = "period_type", .read = reg_period_type,
				ITEMS(ptypes, n_ptypes, bc_period_type),
				.json = "period_types",
				.show = bc_period_type_json},
	[BC_REG_UNIT_KIND] = {.name = "unit_kind", .read = reg_unit_kind,
			      ITEMS(kinds, n_kinds, bc_unit_kind),
			      .json = "unit_kinds", .shown = kind_shown},
	[BC_REG_LEVEL] = {.name = "level", .read = reg_named,
			  ITEMS(levels, n_levels, bc_level),
			  .json = "levels", .shown = named_shown},
	[BC_REG_ROLE] = {.name = "role", .read = reg_named,
			 ITEMS(roles, n_roles, bc_role), .json = "roles",
			 .shown = named_shown},
	[BC_REG_FORM] = {.name = "form", .read = bc_rl_form,
			 ITEMS(forms, n_forms, bc_form), .json = "forms",
			 .catalogue = true, .show = bc_form_json},
	[BC_REG_SECTION] = {.name = "section", .read = reg_section,
			    ITEMS(sections, n_sections, bc_section),
			    .json = "outline", .catalogue = true,
			    .shown = section_shown},
	[BC_REG_RESPONSIBILITY] = {.name = "responsibility",
				   .read = reg_responsibility,
				   ITEMS(duties, n_duties, bc_duty),
				   .json = "responsibilities",
				   .catalogue = true, .shown = duty_shown},
	[BC_REG_CHANNEL] = {.name = "channel", .read = reg_named,
			    ITEMS(channels, n_channels, bc_channel),
			    .json = "channels", .catalogue = true,
			    .shown = named_shown},
	[BC_REG_WORDING] = {.name = "wording", .read = bc_rl_wording},
};

/* Makes the registrations globals of the rules and the loader theirs to
 * find (the ruleset is argument 1, the loader 2): called protected, as
 * each allocates and a refusal raises. */
static int set_registrations(lua_State *L)
{
	bc_ruleset *rs = lua_touserdata(L, 1);
	for (size_t k = 0; k < BC_REG_N; k++) {
		lua_pushlightuserdata(L, (void *)&bc_registry[k]);
		lua_pushcclosure(L, reg_guard, 1);
		bc_sandbox_set_global(rs->lua, bc_registry[k].name);
	}
	bc_rl_loader_begin(L, lua_touserdata(L, 2));
	return 0;
}

/* ---- whole-ruleset checks ---------------------------------------------- */

static bool is_part(const bc_ruleset *rs, const char *part)
{
	return strcmp(part, BC_PART_REPORT) == 0 || bc_ruleset_form(rs, part);
}

static void check_forms(bc_rl_loader *ld)
{
	const bc_ruleset *rs = ld->rs;
	for (size_t i = 0; i < rs->n_forms; i++) {
		const bc_form *f = &rs->forms[i];
		if (f->section && !bc_ruleset_section(rs, f->section))
			bc_rl_problem(ld, &f->at, N_("form %s: no section '%s' "
						     "declared"),
				     f->id, f->section);
		for (size_t k = 0; k < f->n_fields; k++)
			if (f->fields[k].level &&
			    !bc_ruleset_level(rs, f->fields[k].level))
				bc_rl_problem(ld, &f->at, N_("form %s, field "
							     "%s: no level '%s' "
							     "declared"),
					     f->id, f->fields[k].id,
					     f->fields[k].level);
		if (strcmp(f->id, BC_PART_REPORT) == 0)
			bc_rl_problem(ld, &f->at, N_("form id '%s' is reserved "
						     "for the narrative report"),
				     f->id);
	}
}

/* Every name a registration gives must be declared somewhere. */
static void check_references(bc_rl_loader *ld)
{
	const bc_ruleset *rs = ld->rs;
	check_forms(ld);
	for (size_t i = 0; i < rs->n_sections; i++) {
		const bc_section *s = &rs->sections[i];
		for (size_t k = 0; k < s->n_forms; k++)
			if (!bc_ruleset_form(rs, s->forms[k]))
				bc_rl_problem(ld, &s->at, N_("section %s names "
							     "no form '%s'"),
					     s->id, s->forms[k]);
	}
	for (size_t i = 0; i < rs->n_duties; i++) {
		const bc_duty *u = &rs->duties[i];
		for (size_t k = 0; k < u->n_kinds; k++)
			if (!bc_ruleset_kind(rs, u->kinds[k]))
				bc_rl_problem(ld, &u->at, N_("responsibility "
							     "names no unit "
							     "kind '%s'"),
					     u->kinds[k]);
		if (u->role && !bc_ruleset_role(rs, u->role))
			bc_rl_problem(ld, &u->at, N_("responsibility names no "
						     "role '%s'"),
				     u->role);
		for (size_t k = 0; k < u->n_parts; k++)
			if (!is_part(rs, u->parts[k]))
				bc_rl_problem(ld, &u->at, N_("responsibility "
							     "names no form "
							     "'%s'"),
					     u->parts[k]);
		for (size_t k = 0; k < u->n_sections; k++)
			if (!bc_ruleset_section(rs, u->sections[k]))
				bc_rl_problem(ld, &u->at, N_("responsibility "
							     "names no section "
							     "'%s'"),
					     u->sections[k]);
	}
}

/* The directive's unit of money, for the money fields and columns that
 * name none: known only once the whole has loaded, as a form may be
 * registered before the directive. */
static void money_units(bc_ruleset *rs)
{
	const char *u = rs->directive.money_unit;
	for (size_t i = 0; u && i < rs->n_forms; i++)
		for (size_t k = 0; k < rs->forms[i].n_fields; k++) {
			bc_field *f = &rs->forms[i].fields[k];
			if (f->type == BC_T_MONEY && !f->unit)
				f->unit = (char *)u;
			for (size_t c = 0; c < f->n_columns; c++)
				if (f->columns[c].type == BC_T_MONEY &&
				    !f->columns[c].unit)
					f->columns[c].unit = (char *)u;
		}
}

static void check_whole(bc_rl_loader *ld)
{
	bc_ruleset *rs = ld->rs;
	bc_diags *d = ld->d;
	char entry[512];
	snprintf(entry, sizeof entry, "%s/ruleset.lua", rs->id);
	if (!rs->directive.at.file)
		bc_diags_add(d, BC_ERROR, entry, 0, NULL, NULL,
			     N_("no directive{} declared"));
	if (!rs->n_ptypes)
		bc_diags_add(d, BC_ERROR, entry, 0, NULL, NULL,
			     N_("no period_type{} declared"));
	for (size_t i = 0; i < rs->n_kinds; i++) {
		bc_unit_kind *k = &rs->kinds[i];
		if (k->level && !bc_ruleset_level(rs, k->level))
			bc_rl_problem(ld, &k->at, N_("unit_kind '%s': no level "
						     "'%s' declared"),
				     k->id, k->level);
	}
	check_references(ld);
	money_units(rs);
	/* An ad-hoc prefix followed by digits must not be a regular code. */
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		int n;
		const bc_period_type *p = &rs->ptypes[i];
		const bc_period_type *q;
		if (!p->adhoc && (q = adhoc_type(rs, p->code, &n)))
			bc_rl_problem(ld, &p->at, N_("period type '%s' reads as "
						     "ad-hoc '%s' number %d"),
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
static void check_period_types(bc_rl_loader *ld)
{
	const bc_ruleset *rs = ld->rs;
	bc_derivation_check(ld);
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		if (p->adhoc || p->derived)
			continue;
		if (day_cmp(p->from, p->to) > 0)
			bc_rl_problem(ld, &p->at, N_("period type %s: window "
						     "ends before it starts"),
				     p->code);
		if (day_cmp(p->unit_due, p->from) < 0)
			bc_rl_problem(ld, &p->at, N_("period type %s: unit "
						     "deadline before the "
						     "window starts"),
				     p->code);
	}
}

void bc_ruleset_lint(const bc_ruleset *rs, bc_diags *d)
{
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		char due[24], end[24], comp[24];
		if (p->adhoc || p->derived)
			continue;
		day_text(p->unit_due, due, sizeof due);
		day_text(p->to, end, sizeof end);
		day_text(p->compile_due, comp, sizeof comp);
		if (day_cmp(p->unit_due, p->to) < 0)
			bc_diags_add(d, BC_WARNING, p->at.file, p->at.line,
				     NULL, NULL,
				     N_("period type %s: units are due %s, "
					"before the data window ends %s; the "
					"last days are reported as estimates"),
				     p->code, due, end);
		if (day_cmp(p->compile_due, p->to) < 0)
			bc_diags_add(d, BC_WARNING, p->at.file, p->at.line,
				     NULL, NULL,
				     N_("period type %s: compilation is due %s, "
					"before the data window ends %s"),
				     p->code, comp, end);
		if (day_cmp(p->compile_due, p->unit_due) < 0)
			bc_diags_add(d, BC_WARNING, p->at.file, p->at.line,
				     NULL, NULL,
				     N_("period type %s: compilation is due %s, "
					"before the units' deadline %s"),
				     p->code, comp, due);
	}
}

/* ---- loading ------------------------------------------------------------ */

/* Runs the rules of rs with the registrations offered, then checks the
 * whole; every problem to d. */
static bc_err run_rules(bc_ruleset *rs, bc_diags *d)
{
	lua_State *L = bc_sandbox_state(rs->lua);
	char entry_name[512];
	snprintf(entry_name, sizeof entry_name, "%s/ruleset.lua", rs->id);
	if (!bc_srcset_find(&rs->src, "ruleset.lua")) {
		bc_diags_add(d, BC_ERROR, rs->id, 0, NULL, NULL,
			     N_("no ruleset.lua: not a ruleset directory"));
		return BC_ERR_RULES;
	}
	bc_rl_loader ld = {.rs = rs, .d = d};
	lua_pushcfunction(L, set_registrations);
	lua_pushlightuserdata(L, rs);
	lua_pushlightuserdata(L, &ld);
	if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
		lua_pop(L, 1);
		return BC_ERR_NOMEM;
	}
	bc_err rc = bc_sandbox_run(rs->lua, "ruleset.lua", d);
	if (rc == BC_OK && ld.broken == 1)
		bc_diags_add(d, BC_ERROR, entry_name, 0, NULL, NULL,
			     N_("1 registration failed and the rules went on "
				"(an error caught by pcall?): the rules are "
				"incomplete"));
	else if (rc == BC_OK && ld.broken)
		bc_diags_add(d, BC_ERROR, entry_name, 0, NULL, NULL,
			     N_("%d registrations failed and the rules went on "
				"(an error caught by pcall?): the rules are "
				"incomplete"),
			     ld.broken);
	if (rc == BC_OK && !ld.broken) {
		check_whole(&ld);
		check_period_types(&ld);
	}
	if (ld.problems > BC_RL_LISTED)
		bc_diags_add(d, BC_ERROR, entry_name, 0, NULL, NULL,
			     N_("and %zu more problems, not listed"),
			     ld.problems - BC_RL_LISTED);
	bc_rl_loader_end(L, &ld);
	return rc;
}

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
	rs->index = bc_calloc(1, sizeof *rs->index);
	if (!rs->index) {
		bc_ruleset_free(rs);
		return BC_ERR_NOMEM;
	}
	bc_srcset_sort(&rs->src);
	bc_srcset_hash(&rs->src, rs->hash);
	bc_err rc = bc_sandbox_new(lim, id, &rs->src, &rs->lua);
	if (rc != BC_OK) {
		bc_ruleset_free(rs);
		return rc;
	}
	size_t before = d->errors;
	rc = run_rules(rs, d);
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

void bc_ruleset_free(bc_ruleset *rs)
{
	if (!rs)
		return;
	bc_sandbox_free(rs->lua);
	bc_rl_index_free(rs->index);
	bc_arena_free(&rs->mem);
	bc_srcset_free(&rs->src);
	bc_free(rs->id);
	bc_free(rs);
}

bc_err bc_ruleset_match(const bc_ruleset *rs, const bc_field *col,
			const char *text, bc_budget *b, bool *match,
			bc_diags *d)
{
	char err[512];
	bc_err rc = bc_sandbox_find(rs->lua, b, col->pattern, text, match, err,
				    sizeof err);
	if (rc != BC_OK && rc != BC_ERR_NOMEM)
		bc_diags_add(d, BC_ERROR, col->at.file, col->at.line, NULL,
			     NULL, N_("column %s: pattern '%s' failed: %s"),
			     col->id, col->pattern, err);
	return rc;
}

/* ---- lookups ------------------------------------------------------------- */

/* The ad-hoc type token reads as: its code is letters only, its number
 * follows ("DX3"), 1 to 9999.  NULL when none. */
static const bc_period_type *adhoc_type(const bc_ruleset *rs,
					const char *token, int *adhoc_no)
{
	const bc_strmap *codes = &rs->index->by_id[BC_REG_PERIOD_TYPE];
	size_t n = strcspn(token, "0123456789"), i;
	const char *num = token + n;
	if (!n || !bc_strmap_getn(codes, token, n, &i) ||
	    !rs->ptypes[i].adhoc || *num == '0' || !*num || strlen(num) > 4 ||
	    strspn(num, "0123456789") != strlen(num))
		return NULL;
	*adhoc_no = atoi(num);
	return &rs->ptypes[i];
}

const bc_period_type *bc_ruleset_period_type(const bc_ruleset *rs,
					     const char *token, int *adhoc_no)
{
	size_t i;
	*adhoc_no = 0;
	if (bc_strmap_get(&rs->index->by_id[BC_REG_PERIOD_TYPE], token, &i) &&
	    !rs->ptypes[i].adhoc)
		return &rs->ptypes[i];
	return adhoc_type(rs, token, adhoc_no);
}

const void *bc_ruleset_items(const bc_ruleset *rs, bc_reg_kind k, size_t *n)
{
	const bc_reg *g = &bc_registry[k];
	*n = g->count ? *(const size_t *)((const char *)rs + g->count) : 0;
	return g->items ? *(void *const *)((const char *)rs + g->items) : NULL;
}

const void *bc_ruleset_find(const bc_ruleset *rs, bc_reg_kind k,
			    const char *id)
{
	size_t n, i;
	const char *v = bc_ruleset_items(rs, k, &n);
	if (!bc_strmap_get(&rs->index->by_id[k], id, &i))
		return NULL;
	return v + i * bc_registry[k].size;
}

const bc_unit_kind *bc_ruleset_kind(const bc_ruleset *rs, const char *id)
{
	return bc_ruleset_find(rs, BC_REG_UNIT_KIND, id);
}

const bc_role *bc_ruleset_role(const bc_ruleset *rs, const char *id)
{
	return bc_ruleset_find(rs, BC_REG_ROLE, id);
}

const bc_level *bc_ruleset_level(const bc_ruleset *rs, const char *id)
{
	return bc_ruleset_find(rs, BC_REG_LEVEL, id);
}

const bc_channel *bc_ruleset_channel(const bc_ruleset *rs, const char *id)
{
	return bc_ruleset_find(rs, BC_REG_CHANNEL, id);
}

const bc_form *bc_ruleset_form(const bc_ruleset *rs, const char *id)
{
	return bc_ruleset_find(rs, BC_REG_FORM, id);
}

const bc_section *bc_ruleset_section(const bc_ruleset *rs, const char *id)
{
	return bc_ruleset_find(rs, BC_REG_SECTION, id);
}

bool bc_field_asked(const bc_field *f, const char *level)
{
	return !f->level || (level && !strcmp(f->level, level));
}

int bc_field_number(const bc_form *f, size_t i, const char *level)
{
	const bc_field *fd = &f->fields[i];
	if (fd->type == BC_T_TABLE || !bc_field_asked(fd, level))
		return 0;
	int no = 1;
	for (size_t k = 0; k < i; k++)
		no += f->fields[k].type != BC_T_TABLE &&
		      bc_field_asked(&f->fields[k], level);
	return no;
}

int bc_column_number(size_t c)
{
	return (int)c + 2;
}

bool bc_ruleset_part(const bc_ruleset *rs, const char *id)
{
	return bc_ruleset_form(rs, id) ||
	       (rs->n_sections && !strcmp(id, BC_PART_REPORT));
}

const char *bc_ruleset_part_name(const bc_ruleset *rs, const char *part)
{
	const bc_form *f = bc_ruleset_form(rs, part);
	if (f)
		return f->name;
	return bc_ruleset_part(rs, part) ? rs->directive.report_name : part;
}

char *bc_ruleset_parts_text(const bc_ruleset *rs)
{
	size_t n = sizeof BC_PART_REPORT;
	for (size_t i = 0; i < rs->n_forms; i++)
		n += strlen(rs->forms[i].id) + 2;
	char *s = bc_malloc(n);
	if (!s)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < rs->n_forms; i++)
		o += (size_t)snprintf(s + o, n - o, "%s%s", o ? ", " : "",
				      rs->forms[i].id);
	if (rs->n_sections)
		snprintf(s + o, n - o, "%s%s", o ? ", " : "", BC_PART_REPORT);
	else
		s[o] = '\0';
	return s;
}

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
#include <sys/stat.h>

#include "ruleset_lua.h"
#include "scheme.h"

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

/* "+5wd after window": the 5th working day after the window's end. */
static bool workdays_parse(const char *s, int *n)
{
	int v = 0, len = 0;
	if (*s++ != '+')
		return false;
	while (*s >= '0' && *s <= '9' && len < 4)
		v = v * 10 + (*s++ - '0'), len++;
	if (!len || v < 1 || v > BC_DUE_MAX_WORKDAYS)
		return false;
	*n = v;
	return strcmp(s, "wd after window") == 0;
}

bool bc_due_parse(const char *s, bc_due *d)
{
	*d = (bc_due){{0, 0, 0}, 0};
	return s && (s[0] == '+' ? workdays_parse(s, &d->workdays)
				 : bc_dayrule_parse(s, &d->day));
}

static void day_text(bc_dayrule r, char *buf, size_t n)
{
	if (r.year_offset)
		snprintf(buf, n, "%02d/%02d/Y%+d", r.day, r.month,
			 r.year_offset);
	else
		snprintf(buf, n, "%02d/%02d/Y", r.day, r.month);
}

void bc_due_text(const bc_due *d, char buf[BC_DUE_BUF])
{
	if (d->workdays)
		snprintf(buf, BC_DUE_BUF, "+%dwd after window", d->workdays);
	else
		day_text(d->day, buf, BC_DUE_BUF);
}

bc_daykind bc_due_date(const bc_ruleset *rs, const bc_due *d, int year,
		       bc_date to, bc_date *out)
{
	if (!d->workdays) {
		*out = bc_dayrule_date(d->day, year);
		return BC_DAY_WORKING;
	}
	return bc_workcal_add(&rs->cal, to, d->workdays, out);
}

const bc_due *bc_period_type_unit_due(const bc_ruleset *rs,
				      const bc_period_type *pt,
				      const char *kind)
{
	const bc_unit_kind *k = kind ? bc_ruleset_kind(rs, kind) : NULL;
	const bc_due *of_level = NULL;
	for (size_t i = 0; i < pt->n_unit_due_for; i++) {
		const bc_due_for *f = &pt->unit_due_for[i];
		if (f->kind && kind && strcmp(f->kind, kind) == 0)
			return &f->due;
		if (f->level && k && k->level && !of_level &&
		    strcmp(f->level, k->level) == 0)
			of_level = &f->due;
	}
	return of_level ? of_level : &pt->unit_due;
}


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

static void due_error(lua_State *L, const char *what, const char *key)
{
	bc_sandbox_error(L,
			 N_("%s{}: '%s' must read like \"28/02/Y\", "
			    "\"10/12/Y-1\" (day/month/year of the period) or "
			    "\"+5wd after window\" (the 5th working day after "
			    "the data window ends)"),
			 what, key);
}

static bc_due get_due(lua_State *L, int t, const char *what, const char *key,
		      bool required)
{
	bc_due r = {{0, 0, 0}, 0};
	const char *s = bc_rl_peek_str(L, t, what, key, required);
	bool ok = !s || bc_due_parse(s, &r);
	lua_pop(L, 1);
	if (!ok)
		due_error(L, what, key);
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

/* Whether t[key] is "", what `rules new` writes for the new directive to
 * say (scaffold.h): a problem listed, the load going on, so that `rules
 * check` lists all that is left to fill in at once. */
static bool to_fill(lua_State *L, int t, const char *key, const char *name)
{
	bool empty = lua_getfield(L, t, key) == LUA_TSTRING &&
		     lua_rawlen(L, -1) == 0;
	lua_pop(L, 1);
	if (empty)
		bc_rl_problem(bc_rl_loader_of(L), &bc_rl_rs_of(L)->directive.at,
			      N_("directive{}: %s is to be filled in"), name);
	return empty;
}

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
	to_fill(L, 1, "title", "title");
	d->reference = bc_rl_get_str(L, 1, "directive", "reference", true);
	to_fill(L, 1, "reference", "reference");
	d->issued = to_fill(L, 1, "issued", "issued")
			    ? BC_DATE_NONE
			    : get_date(L, 1, "directive", "issued", false);
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
	d->in_force_from = to_fill(L, lua_gettop(L), "from", "in_force.from")
				   ? BC_DATE_NONE
				   : get_date(L, -1, "directive.in_force",
					      "from", true);
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

static void read_unit_due(lua_State *L, bc_period_type *p);

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
	read_unit_due(L, p);
	p->compile_due = get_due(L, 1, W, "compile_due", true);
	return 0;
}

/* unit_due = { kind = {…}, level = {…} }: the kinds or levels (key) with
 * their own unit deadlines, from the table at t. */
static void dues_for(lua_State *L, int t, const char *key,
		     bc_period_type *p)
{
	char what[64];
	snprintf(what, sizeof what, "period_type.unit_due.%s", key);
	int ty = lua_getfield(L, t, key);
	if (ty == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	if (ty != LUA_TTABLE)
		bc_sandbox_error(L, N_("period_type{}: unit_due.%s must be a "
				       "table of ids and deadlines, such as "
				       "{ xa = \"25/02/Y\" }"),
				 key);
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) != LUA_TSTRING)
			bc_sandbox_error(L, N_("period_type{}: unit_due.%s "
					       "names ids: a key that is no "
					       "string"),
					 key);
		const char *id = lua_tostring(L, -2);
		bc_due d;
		if (lua_type(L, -1) != LUA_TSTRING ||
		    !bc_due_parse(lua_tostring(L, -1), &d))
			due_error(L, what, id);
		bc_due_for *f = bc_rl_push_item(L, (void **)&p->unit_due_for,
						&p->n_unit_due_for, sizeof *f);
		f->due = d;
		*(strcmp(key, "kind") == 0 ? &f->kind : &f->level) =
			bc_rl_dup(L, id);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static int cmp_due_for(const void *a, const void *b)
{
	const bc_due_for *x = a, *y = b;
	if (!x->kind != !y->kind)
		return x->kind ? -1 : 1;
	return strcmp(x->kind ? x->kind : x->level,
		      y->kind ? y->kind : y->level);
}

/* unit_due: one deadline, or { default = …, level = {…}, kind = {…} }. */
static void read_unit_due(lua_State *L, bc_period_type *p)
{
	static const char *const keys[] = {"default", "level", "kind", NULL};
	if (lua_getfield(L, 1, "unit_due") != LUA_TTABLE) {
		lua_pop(L, 1);
		p->unit_due = get_due(L, 1, "period_type", "unit_due", true);
		return;
	}
	int t = lua_gettop(L);
	bc_rl_check_keys(L, t, "period_type{}.unit_due", keys);
	p->unit_due = get_due(L, t, "period_type.unit_due", "default", true);
	dues_for(L, t, "kind", p);
	dues_for(L, t, "level", p);
	if (p->n_unit_due_for > 1)
		qsort(p->unit_due_for, p->n_unit_due_for,
		      sizeof *p->unit_due_for, cmp_due_for);
	lua_pop(L, 1);
}

/* holiday{ from = …, to = …, label = … } or { date = …, label = … }. */
static int reg_holiday(lua_State *L)
{
	static const char *const keys[] = {"date", "from", "to", "label",
					   "undecided", NULL};
	bc_rl_check_keys(L, 1, "holiday{}", keys);
	bc_day_off *h = bc_rl_item(L);
	bc_rl_origin(L, &h->at);
	h->label = bc_rl_get_str(L, 1, "holiday", "label", true);
	h->undecided = bc_rl_get_bool(L, 1, "holiday", "undecided", false);
	bc_date day = get_date(L, 1, "holiday", "date", false);
	h->from = get_date(L, 1, "holiday", "from", false);
	h->to = get_date(L, 1, "holiday", "to", false);
	bool range = h->from != BC_DATE_NONE || h->to != BC_DATE_NONE;
	if (day != BC_DATE_NONE && !range)
		h->from = h->to = day;
	else if (day != BC_DATE_NONE || h->from == BC_DATE_NONE ||
		 h->to == BC_DATE_NONE)
		bc_sandbox_error(L, N_("holiday{}: give its date, or from "
				       "and to"));
	if (h->to < h->from)
		bc_sandbox_error(L, N_("holiday{}: 'to' is before 'from'"));
	if (h->to - h->from >= 31)
		bc_sandbox_error(L, N_("holiday{}: longer than 31 days: a "
				       "date mistyped?"));
	return 0;
}

/* working_day{ date = …, label = … }: a weekend day worked. */
static int reg_working_day(lua_State *L)
{
	static const char *const keys[] = {"date", "label", NULL};
	bc_rl_check_keys(L, 1, "working_day{}", keys);
	bc_day_worked *w = bc_rl_item(L);
	bc_rl_origin(L, &w->at);
	w->label = bc_rl_get_str(L, 1, "working_day", "label", true);
	w->day = get_date(L, 1, "working_day", "date", true);
	if (bc_date_weekday(w->day) < 5)
		bc_sandbox_error(L, N_("working_day{}: %s is no Saturday or "
				       "Sunday: a weekday is a working day "
				       "already"),
				 bc_rl_peek_str(L, 1, "working_day", "date",
						true));
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

/* level{}: an id, a label, and the levels of the rules before that it
 * lays over (was). */
static int reg_level(lua_State *L)
{
	static const char *const keys[] = {"id", "label", "was", NULL};
	bc_rl_check_keys(L, 1, "level{}", keys);
	bc_level *lv = bc_rl_item(L);
	bc_rl_origin(L, &lv->at);
	read_named(L, "level", &lv->id, &lv->label);
	check_id(L, "level", lv->id);
	bc_rl_renamed(L, 1, BC_RENAME_LEVEL, NULL, lv->id, &lv->at, &lv->was,
		      &lv->n_was);
	return 0;
}

/* role{}, channel{}: an id and a label. */
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

/* The sentences of s's summary (unit: its unit_summary), parsed into
 * the ruleset's arena; one that does not parse is a problem at the
 * section's file:line, and the rules go on loading so that every such
 * problem is listed. */
static void parse_summaries(lua_State *L, const bc_section *s,
			    bool unit, char **text, size_t n,
			    bc_summary **out)
{
	bc_ruleset *rs = bc_rl_rs_of(L);
	if (!n)
		return;
	bc_sandbox_charge(L, n * sizeof **out);
	if (!(*out = bc_arena_alloc(&rs->mem, n * sizeof **out)))
		bc_sandbox_oom(L);
	for (size_t i = 0; i < n; i++) {
		char err[512];
		bc_sandbox_charge(L, bc_summary_parse_max(text[i]));
		if (bc_summary_parse(text[i], &rs->mem, &(*out)[i], err,
				     sizeof err))
			continue;
		if (!*err)
			bc_sandbox_oom(L);
		bc_rl_problem(bc_rl_loader_of(L), &s->at,
			      unit ? N_("section %s, unit_summary: %s")
				   : N_("section %s, summary: %s"),
			      s->id, err);
	}
}

static int reg_section(lua_State *L)
{
	static const char *const keys[] = {"id", "title", "guidance", "forms",
					   "summary", "unit_summary", NULL};
	bc_ruleset *rs = bc_rl_rs_of(L);
	bc_rl_check_keys(L, 1, "section{}", keys);
	bc_section *s = bc_rl_item(L);
	bc_rl_origin(L, &s->at);
	s->id = bc_rl_get_str(L, 1, "section", "id", true);
	s->title = bc_rl_get_str(L, 1, "section", "title", true);
	s->guidance = bc_rl_get_str(L, 1, "section", "guidance", false);
	bc_rl_get_list(L, 1, "section{}", "forms", &s->forms, &s->n_forms);
	bc_rl_get_list(L, 1, "section{}", "summary", &s->summary,
		       &s->n_summary);
	bc_rl_get_list(L, 1, "section{}", "unit_summary", &s->unit_summary,
		       &s->n_unit_summary);
	parse_summaries(L, s, false, s->summary, s->n_summary,
			&s->summaries);
	parse_summaries(L, s, true, s->unit_summary,
			s->n_unit_summary, &s->unit_summaries);
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
static const bc_shown level_shown[] = {
	SHOWN(bc_level, "id", BC_SHOW_TEXT, id),
	SHOWN(bc_level, "label", BC_SHOW_TEXT, label),
	SHOWN_LIST(bc_level, "was", BC_SHOW_LIST_IF_ANY, was),
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
	SHOWN_LIST(bc_section, "summary", BC_SHOW_LIST_IF_ANY, summary),
	SHOWN_LIST(bc_section, "unit_summary", BC_SHOW_LIST_IF_ANY,
		   unit_summary),
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
	[BC_REG_LEVEL] = {.name = "level", .read = reg_level,
			  ITEMS(levels, n_levels, bc_level),
			  .json = "levels", .shown = level_shown},
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
	[BC_REG_DOCUMENT] = {.name = "document", .read = bc_rl_document},
	[BC_REG_HOLIDAY] = {.name = "holiday", .read = reg_holiday,
			    ITEMS(holidays, n_holidays, bc_day_off),
			    .json = "holidays", .show = bc_holiday_json},
	[BC_REG_WORKING_DAY] = {.name = "working_day", .read = reg_working_day,
				ITEMS(working_days, n_working_days,
				      bc_day_worked),
				.json = "working_days",
				.show = bc_working_day_json},
	[BC_REG_SCHEME] = {.name = "scheme", .read = bc_rl_scheme,
			   ITEMS(schemes, n_schemes, bc_scheme),
			   .json = "schemes", .show = bc_scheme_json},
	/* Shown within their scheme's groups. */
	[BC_REG_SCORE_PART] = {.name = "part", .read = bc_rl_part,
			       ITEMS(score_parts, n_score_parts,
				     bc_score_part)},
	[BC_REG_CRITERION] = {.name = "criterion", .read = bc_rl_criterion,
			      ITEMS(criteria, n_criteria, bc_criterion)},
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

/* Every placeholder of s's summaries names something of the catalogue,
 * known only once every form has loaded (outline before forms, as the
 * rules of a directive are often written). */
struct summary_at {
	bc_rl_loader *ld;
	const bc_section *s;
	bool unit;
};

static void summary_bad(void *ud, const char *msg)
{
	struct summary_at *at = ud;
	bc_rl_problem(at->ld, &at->s->at,
		      at->unit ? N_("section %s, unit_summary: %s")
			       : N_("section %s, summary: %s"),
		      at->s->id, msg);
}

static void resolve_summaries(bc_rl_loader *ld, bc_section *s)
{
	struct summary_at at = {ld, s, false};
	for (size_t k = 0; k < s->n_summary; k++)
		bc_summary_resolve(&s->summaries[k], ld->rs, summary_bad, &at);
	at.unit = true;
	for (size_t k = 0; k < s->n_unit_summary; k++)
		bc_summary_resolve(&s->unit_summaries[k], ld->rs, summary_bad,
				   &at);
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
		resolve_summaries(ld, &ld->rs->sections[i]);
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
	bc_rl_check_renames(ld);
	bc_rl_check_docwords(ld);
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

/* -1, 0 or 1 as a falls before, with or after b for the same period
 * (whose window ends on `to`); 2 when that depends on the year.  A count
 * of working days falls after the window's end. */
static int due_cmp(const bc_due *a, const bc_due *b, bc_dayrule to)
{
	if (!a->workdays && !b->workdays)
		return day_cmp(a->day, b->day);
	if (a->workdays && b->workdays)
		return (a->workdays > b->workdays) - (a->workdays < b->workdays);
	if (!a->workdays)
		return day_cmp(a->day, to) <= 0 ? -1 : 2;
	return day_cmp(b->day, to) <= 0 ? 1 : 2;
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
		bool early = !p->unit_due.workdays &&
			     day_cmp(p->unit_due.day, p->from) < 0;
		for (size_t k = 0; k < p->n_unit_due_for; k++) {
			const bc_due *d = &p->unit_due_for[k].due;
			early |= !d->workdays && day_cmp(d->day, p->from) < 0;
		}
		if (early)
			bc_rl_problem(ld, &p->at, N_("period type %s: unit "
						     "deadline before the "
						     "window starts"),
				     p->code);
	}
}

/* Every kind and level a unit deadline is given for is declared. */
static void check_dues_for(bc_rl_loader *ld)
{
	const bc_ruleset *rs = ld->rs;
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		for (size_t k = 0; k < p->n_unit_due_for; k++) {
			const bc_due_for *f = &p->unit_due_for[k];
			if (f->kind && !bc_ruleset_kind(rs, f->kind))
				bc_rl_problem(ld, &p->at,
					      N_("period type %s: unit_due "
						 "names no unit kind '%s'"),
					      p->code, f->kind);
			if (f->level && !bc_ruleset_level(rs, f->level))
				bc_rl_problem(ld, &p->at,
					      N_("period type %s: unit_due "
						 "names no level '%s'"),
					      p->code, f->level);
		}
	}
}

/* Who the unit deadline f is of, as people read it: the label of its
 * kind or level. */
static const char *due_for_label(const bc_ruleset *rs, const bc_due_for *f)
{
	const bc_level *l = f->level ? bc_ruleset_level(rs, f->level) : NULL;
	const bc_unit_kind *k = f->kind ? bc_ruleset_kind(rs, f->kind) : NULL;
	return k ? k->label : l ? l->label : f->kind ? f->kind : f->level;
}

/* A unit deadline of p before its window ends: who is NULL for p's own. */
static void lint_before_end(const bc_period_type *p, const bc_due *due,
			    const char *who, bc_diags *d)
{
	char text[BC_DUE_BUF], end[24];
	if (due->workdays || day_cmp(due->day, p->to) >= 0)
		return;
	bc_due_text(due, text);
	day_text(p->to, end, sizeof end);
	if (who)
		bc_diags_add(d, BC_WARNING, p->at.file, p->at.line, NULL, NULL,
			     N_("period type %s: units of %s are due %s, "
				"before the data window ends %s; the last days "
				"are reported as estimates"),
			     p->code, who, text, end);
	else
		bc_diags_add(d, BC_WARNING, p->at.file, p->at.line, NULL, NULL,
			     N_("period type %s: units are due %s, before the "
				"data window ends %s; the last days are "
				"reported as estimates"),
			     p->code, text, end);
}

/* Compilation due before a unit deadline of p, as lint_before_end. */
static void lint_compile_before(const bc_period_type *p, const bc_due *due,
				const char *who, bc_diags *d)
{
	char text[BC_DUE_BUF], comp[BC_DUE_BUF];
	if (due_cmp(&p->compile_due, due, p->to) != -1)
		return;
	bc_due_text(due, text);
	bc_due_text(&p->compile_due, comp);
	if (who)
		bc_diags_add(d, BC_WARNING, p->at.file, p->at.line, NULL, NULL,
			     N_("period type %s: compilation is due %s, "
				"before the deadline of %s %s"),
			     p->code, comp, who, text);
	else
		bc_diags_add(d, BC_WARNING, p->at.file, p->at.line, NULL, NULL,
			     N_("period type %s: compilation is due %s, "
				"before the units' deadline %s"),
			     p->code, comp, text);
}

void bc_ruleset_lint(const bc_ruleset *rs, bc_diags *d)
{
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		char end[24], comp[BC_DUE_BUF];
		if (p->adhoc || p->derived)
			continue;
		day_text(p->to, end, sizeof end);
		bc_due_text(&p->compile_due, comp);
		lint_before_end(p, &p->unit_due, NULL, d);
		if (!p->compile_due.workdays &&
		    day_cmp(p->compile_due.day, p->to) < 0)
			bc_diags_add(d, BC_WARNING, p->at.file, p->at.line,
				     NULL, NULL,
				     N_("period type %s: compilation is due %s, "
					"before the data window ends %s"),
				     p->code, comp, end);
		lint_compile_before(p, &p->unit_due, NULL, d);
		for (size_t k = 0; k < p->n_unit_due_for; k++) {
			const bc_due_for *f = &p->unit_due_for[k];
			const char *who = due_for_label(rs, f);
			lint_before_end(p, &f->due, who, d);
			lint_compile_before(p, &f->due, who, d);
		}
	}
}

/* ---- loading ------------------------------------------------------------ */

static int cmp_off(const void *a, const void *b)
{
	const bc_day_off *x = *(const bc_day_off *const *)a,
			 *y = *(const bc_day_off *const *)b;
	return (x->from > y->from) - (x->from < y->from);
}

static int cmp_worked(const void *a, const void *b)
{
	const bc_day_worked *x = *(const bc_day_worked *const *)a,
			    *y = *(const bc_day_worked *const *)b;
	return (x->day > y->day) - (x->day < y->day);
}

/* The holidays in order of their first day, each after the last that
 * overlaps it said to; into h, the calendar's copies. */
static void holidays_in_order(bc_rl_loader *ld, const bc_day_off **v,
			      bc_holiday *h)
{
	size_t n = ld->rs->n_holidays;
	for (size_t i = 0; i < n; i++)
		v[i] = &ld->rs->holidays[i];
	qsort(v, n, sizeof *v, cmp_off);
	const bc_day_off *reach = NULL; /* of those before, the last to end */
	for (size_t i = 0; i < n; i++) {
		char from[BC_DATE_BUF];
		bc_date_format(v[i]->from, from);
		if (reach && v[i]->from <= reach->to)
			bc_rl_problem(ld, &v[i]->at,
				      N_("holiday{}: %s falls in the holiday "
					 "declared at %s:%d too"),
				      from, reach->at.file, reach->at.line);
		if (!reach || v[i]->to > reach->to)
			reach = v[i];
		h[i] = (bc_holiday){v[i]->from, v[i]->to, v[i]->label,
				    v[i]->undecided};
	}
}

/* The make-up days in order, each declared once and in no holiday of
 * c; into m, the calendar's copies. */
static void makeups_in_order(bc_rl_loader *ld, const bc_day_worked **v,
			     bc_makeup *m, const bc_workcal *c)
{
	size_t n = ld->rs->n_working_days;
	for (size_t i = 0; i < n; i++)
		v[i] = &ld->rs->working_days[i];
	qsort(v, n, sizeof *v, cmp_worked);
	for (size_t i = 0; i < n; i++) {
		char day[BC_DATE_BUF];
		bc_date_format(v[i]->day, day);
		bc_daykind k = bc_workcal_day(c, v[i]->day, NULL);
		if (i && v[i]->day == v[i - 1]->day)
			bc_rl_problem(ld, &v[i]->at,
				      N_("working_day{}: %s is declared at "
					 "%s:%d already"),
				      day, v[i - 1]->at.file,
				      v[i - 1]->at.line);
		else if (k == BC_DAY_HOLIDAY || k == BC_DAY_UNDECIDED)
			bc_rl_problem(ld, &v[i]->at,
				      N_("working_day{}: %s falls in a "
					 "holiday"),
				      day);
		m[i] = (bc_makeup){v[i]->day, v[i]->label};
	}
}

/* The calendar working days are counted on: holiday{} and
 * working_day{}, checked against each other. */
static bc_err build_calendar(bc_rl_loader *ld)
{
	bc_ruleset *rs = ld->rs;
	size_t nh = rs->n_holidays, nm = rs->n_working_days;
	bc_holiday *h = bc_arena_alloc(&rs->mem, (nh + 1) * sizeof *h);
	bc_makeup *m = bc_arena_alloc(&rs->mem, (nm + 1) * sizeof *m);
	void **order = bc_malloc((nh > nm ? nh : nm) * sizeof *order + 1);
	if (!h || !m || !order) {
		bc_free(order);
		return BC_ERR_NOMEM;
	}
	holidays_in_order(ld, (const bc_day_off **)order, h);
	bc_workcal_init(&rs->cal, h, nh, NULL, 0);
	makeups_in_order(ld, (const bc_day_worked **)order, m, &rs->cal);
	bc_workcal_init(&rs->cal, h, nh, m, nm);
	bc_free(order);
	return BC_OK;
}

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
		check_dues_for(&ld);
		rc = build_calendar(&ld);
		if (rc == BC_OK)
			rc = bc_rl_check_schemes(&ld);
	}
	if (ld.problems > BC_RL_LISTED)
		bc_diags_add(d, BC_ERROR, entry_name, 0, NULL, NULL,
			     N_("and %zu more problems, not listed"),
			     ld.problems - BC_RL_LISTED);
	bc_rl_loader_end(L, &ld);
	return rc;
}

/* The rules directory's shared files rs did not include are none of
 * its own: not in its hash, not kept with it. */
static void drop_unshared(bc_ruleset *rs)
{
	bc_srcset *s = &rs->src;
	size_t kept = 0;
	/* File i is looked at before anything is moved onto it. */
	for (size_t i = 0; i < s->n; i++) {
		if (!bc_srcset_common(s->v[i].path) ||
		    bc_sandbox_included(rs->lua, i)) {
			s->v[kept++] = s->v[i];
			continue;
		}
		bc_free(s->v[i].path);
		bc_free(s->v[i].text);
	}
	s->n = kept;
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
	drop_unshared(rs);
	for (size_t i = 0; i < rs->n_forms && rc == BC_OK; i++)
		rc = bc_form_index(&rs->forms[i]);
	if (rc != BC_OK) {
		bc_ruleset_free(rs);
		return rc;
	}
	bc_srcset_hash(&rs->src, rs->hash);
	*out = rs;
	return BC_OK;
}

/* The shared files of the rules directory dir is in (its parent as the
 * path names it: a ruleset linked in from elsewhere shares the files of
 * the directory it is listed in), added to src under "_common/"; a
 * folder of the ruleset's own of that name is refused. */
static bc_err read_shared(bc_srcset *src, const char *dir, bc_diags *d)
{
	for (size_t i = 0; i < src->n; i++)
		if (bc_srcset_common(src->v[i].path)) {
			bc_diags_add(d, BC_ERROR, dir, 0, NULL, NULL,
				     N_("a ruleset has no folder %s of its own: "
					"%s/ is the rules directory's, for the "
					"files its rulesets share"),
				     BC_SRC_COMMON, BC_SRC_COMMON);
			return BC_ERR_RULES;
		}
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	while (len && dir[len - 1] != '/')
		len--;
	char *root = len > 1 ? bc_strndup(dir, len - 1)
		     : bc_strdup(len ? "/" : ".");
	char *shared = root ? bc_sprintf("%s/%s", root, BC_SRC_COMMON) : NULL;
	struct stat st;
	bc_err rc = !shared ? BC_ERR_NOMEM : BC_OK;
	if (rc == BC_OK && stat(shared, &st) == 0 && S_ISDIR(st.st_mode))
		rc = bc_srcset_read_under(src, root, BC_SRC_COMMON, d);
	bc_free(shared);
	bc_free(root);
	return rc;
}

bc_err bc_ruleset_load_dir(const char *id, const char *dir,
			   const bc_limits *lim, bc_ruleset **out,
			   bc_diags *d)
{
	bc_srcset src = BC_SRCSET_INIT;
	bc_err rc = bc_srcset_read_dir(&src, dir, d);
	if (rc == BC_OK)
		rc = read_shared(&src, dir, d);
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
	for (size_t i = 0; i < rs->n_forms; i++)
		bc_form_index_free(&rs->forms[i]);
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

/* SPDX-License-Identifier: MIT */
#include "docwords.h"
#include "i18n.h"
#include "jsonset.h"
#include "ruleset.h"
#include "ruleset_lua.h"

#include <jansson.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAME[BC_DOC_N] = {
	[BC_DOC_REPORT] = "report",
	[BC_DOC_UNIT_REPORT] = "unit_report",
	[BC_DOC_REMINDER] = "reminder",
};

/* Each word: its name, the placeholders it takes. */
#define IN_TEXT "{period} {year} {name} {place} {parent}"
static const struct {
	const char *name, *slots;
} WORD[BC_DW_N] = {
	[BC_DW_TYPE] = {"type", ""},
	[BC_DW_NUMBER] = {"number", "{number}"},
	[BC_DW_TITLE] = {"title", IN_TEXT},
	[BC_DW_ABOUT] = {"about", IN_TEXT},
	[BC_DW_TO] = {"to", IN_TEXT},
	[BC_DW_AUTHORITY] = {"authority", ""},
	[BC_DW_SIGNER] = {"signer", ""},
	[BC_DW_RECIPIENTS] = {"recipients", IN_TEXT},
};
#define ISSUER_SLOTS "{name} {place}"
#define PERIOD_SLOTS "{year} {n}"

/* baocao's own words, English, translated where they are used; "" for
 * none.  Kept apart from the rules' so that `rules show` shows only
 * theirs. */
static const char *const DEFAULT[BC_DOC_N][BC_DW_N] = {
	[BC_DOC_REPORT] = {
		[BC_DW_TYPE] = N_("REPORT"),
		[BC_DW_NUMBER] = "{number}",
		[BC_DW_TITLE] = N_("Results for {period}"),
		[BC_DW_SIGNER] = N_("HEAD OF THE OFFICE"),
		[BC_DW_RECIPIENTS] = N_("- Filed: VT."),
	},
	[BC_DOC_UNIT_REPORT] = {
		[BC_DW_TYPE] = N_("REPORT"),
		[BC_DW_NUMBER] = "{number}",
		[BC_DW_TITLE] = N_("Results for {period}"),
		[BC_DW_SIGNER] = N_("HEAD OF THE OFFICE"),
		[BC_DW_RECIPIENTS] = N_("- Filed: VT."),
	},
	[BC_DOC_REMINDER] = {
		[BC_DW_NUMBER] = "{number}",
		[BC_DW_ABOUT] = N_("Re: the reports for {period}"),
		[BC_DW_SIGNER] = N_("HEAD OF THE OFFICE"),
		[BC_DW_RECIPIENTS] = N_("- As above;\n- Filed: VT."),
	},
};

const char *bc_dockind_name(bc_dockind k)
{
	return k < BC_DOC_N ? KIND_NAME[k] : "";
}

const char *bc_dword_name(bc_dword w)
{
	return w < BC_DW_N ? WORD[w].name : "";
}

static const bc_docset *set_for(const bc_docwords_of *o, const char *kind)
{
	for (size_t i = 0; kind && i < o->n_by_kind; i++)
		if (strcmp(o->by_kind[i].kind, kind) == 0)
			return &o->by_kind[i].w;
	return NULL;
}

const char *bc_docword_ruled(const bc_ruleset *rs, bc_dockind k,
			     const char *unit_kind, bc_dword w)
{
	if (k >= BC_DOC_N || w >= BC_DW_N)
		return NULL;
	const bc_docwords_of *o = &rs->docwords.doc[k];
	const bc_docset *s = set_for(o, unit_kind);
	if (s && s->text[w])
		return s->text[w];
	return o->all.text[w];
}

const char *bc_docword(const bc_ruleset *rs, bc_dockind k,
		       const char *unit_kind, bc_dword w)
{
	if (k >= BC_DOC_N || w >= BC_DW_N)
		return "";
	const char *r = bc_docword_ruled(rs, k, unit_kind, w);
	if (r)
		return r;
	const char *d = DEFAULT[k][w];
	return d && *d ? _(d) : ""; /* _("") would be the catalogue's header */
}

const bc_doc_naming *bc_doc_naming_of(const bc_ruleset *rs, const char *kind)
{
	for (size_t i = 0; kind && i < rs->docwords.n_issuers; i++)
		if (strcmp(rs->docwords.issuers[i].kind, kind) == 0)
			return &rs->docwords.issuers[i];
	return NULL;
}

const char *bc_doc_period_name(const bc_ruleset *rs, const char *type)
{
	for (size_t i = 0; type && i < rs->docwords.n_periods; i++)
		if (strcmp(rs->docwords.periods[i].type, type) == 0)
			return rs->docwords.periods[i].name;
	return NULL;
}

/* ---- document{} ------------------------------------------------------ */

/* Every placeholder of text is one of slots ("{a} {b}"); what names the
 * text in the message. */
static void check_slots(lua_State *L, const char *what, const char *text,
			const char *slots)
{
	char name[40];
	if (bc_wording_stray_slot(text, slots, NULL, name, sizeof name))
		bc_sandbox_error(L, N_("document{}: %s has no placeholder %s "
				       "(it takes: %s)"),
				 what, name, *slots ? slots : _("none"));
}

/* t[key] as a checked text, NULL when absent. */
static char *get_text(lua_State *L, int t, const char *what, const char *key,
		      const char *slots)
{
	char name[128];
	snprintf(name, sizeof name, "%s.%s", what, key);
	char *s = NULL;
	if (lua_getfield(L, t, key) != LUA_TNIL) {
		s = bc_rl_text(L, "document{}", name);
		check_slots(L, name, s, slots);
	}
	lua_pop(L, 1);
	return s;
}

/* A name given in document{} that must be declared: checked once the
 * whole has loaded (bc_rl_check_docwords). */
static char *ref(lua_State *L, const char *name, bool kind)
{
	bc_docwords *dw = &bc_rl_rs_of(L)->docwords;
	bc_docwords_ref *r = bc_rl_push_item(L, (void **)&dw->refs, &dw->n_refs,
					     sizeof *r);
	bc_origin at = {0};
	bc_rl_origin(L, &at);
	r->name = bc_rl_dup(L, name);
	r->kind = kind;
	r->file = at.file;
	r->line = at.line;
	return r->name;
}

static int word_of(const char *key)
{
	for (int w = 0; w < BC_DW_N; w++)
		if (strcmp(WORD[w].name, key) == 0)
			return w;
	return -1;
}

/* The words of a docset from the table at t. */
static void read_set(lua_State *L, int t, const char *what, bc_docset *s)
{
	for (int w = 0; w < BC_DW_N; w++)
		s->text[w] = get_text(L, t, what, WORD[w].name, WORD[w].slots);
}

/* report = { type = …, …, department = { … } }: the words of document
 * k, a table of words per unit kind beside them. */
static void read_doc(lua_State *L, int t, bc_dockind k)
{
	const char *what = KIND_NAME[k];
	bc_docwords_of *o = &bc_rl_rs_of(L)->docwords.doc[k];
	if (!lua_istable(L, t))
		bc_sandbox_error(L, N_("document{}: '%s' must be a table of "
				       "words"),
				 what);
	read_set(L, t, what, &o->all);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		const char *key = lua_type(L, -2) == LUA_TSTRING
					  ? lua_tostring(L, -2)
					  : NULL;
		if (key && word_of(key) >= 0) {
			lua_pop(L, 1);
			continue;
		}
		if (!key || !lua_istable(L, -1))
			bc_sandbox_error(L, N_("document{}: %s: unknown word "
					       "'%s' (docs/rules.md lists "
					       "them)"),
					 what, key ? key : "?");
		char name[128];
		snprintf(name, sizeof name, "%s.%s", what, key);
		bc_docset_for *f = bc_rl_push_item(L, (void **)&o->by_kind,
						   &o->n_by_kind, sizeof *f);
		f->kind = ref(L, key, true);
		int sub = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, sub)) {
			if (lua_type(L, -2) != LUA_TSTRING ||
			    word_of(lua_tostring(L, -2)) < 0)
				bc_sandbox_error(L, N_("document{}: %s: unknown "
						       "word '%s'"),
						 name,
						 lua_type(L, -2) == LUA_TSTRING
							 ? lua_tostring(L, -2)
							 : "?");
			lua_pop(L, 1);
		}
		read_set(L, sub, name, &f->w);
		lua_pop(L, 1);
	}
}

/* issuers = { district = { prefix = …, body = …, above = … }, … } */
static void read_issuers(lua_State *L, int t)
{
	static const char *const keys[] = {"prefix", "body", "above",
					   "parent_line", NULL};
	bc_docwords *dw = &bc_rl_rs_of(L)->docwords;
	if (!lua_istable(L, t))
		bc_sandbox_error(L, N_("document{}: 'issuers' must be a table "
				       "of unit kinds"));
	lua_pushnil(L);
	while (lua_next(L, t)) {
		if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1))
			bc_sandbox_error(L, N_("document{}: issuers: each unit "
					       "kind's naming is a table"));
		char what[96];
		snprintf(what, sizeof what, "issuers.%s", lua_tostring(L, -2));
		int it = lua_gettop(L);
		bc_rl_check_keys(L, it, "document{}", keys);
		bc_doc_naming *is = bc_rl_push_item(
			L, (void **)&dw->issuers, &dw->n_issuers, sizeof *is);
		is->kind = ref(L, lua_tostring(L, -2), true);
		bc_rl_get_list(L, it, "document{}", "prefix", &is->prefix,
			       &is->n_prefix);
		is->body = get_text(L, it, what, "body", ISSUER_SLOTS);
		is->above = get_text(L, it, what, "above", ISSUER_SLOTS);
		is->parent_line = bc_rl_get_bool(L, it, "document{}",
						 "parent_line", false);
		lua_pop(L, 1);
	}
}

/* periods = { Q1 = "quý I năm {year}", … } */
static void read_periods(lua_State *L, int t)
{
	bc_docwords *dw = &bc_rl_rs_of(L)->docwords;
	if (!lua_istable(L, t))
		bc_sandbox_error(L, N_("document{}: 'periods' must be a table "
				       "of period types"));
	lua_pushnil(L);
	while (lua_next(L, t)) {
		if (lua_type(L, -2) != LUA_TSTRING)
			bc_sandbox_error(L, N_("document{}: periods: the keys "
					       "are period types"));
		char what[96];
		snprintf(what, sizeof what, "periods.%s", lua_tostring(L, -2));
		bc_doc_period *p = bc_rl_push_item(
			L, (void **)&dw->periods, &dw->n_periods, sizeof *p);
		p->type = ref(L, lua_tostring(L, -2), false);
		p->name = bc_rl_text(L, "document{}", what);
		check_slots(L, what, p->name, PERIOD_SLOTS);
		lua_pop(L, 1);
	}
}

static int naming_cmp(const void *a, const void *b)
{
	return strcmp(((const bc_doc_naming *)a)->kind,
		      ((const bc_doc_naming *)b)->kind);
}

static int period_cmp(const void *a, const void *b)
{
	return strcmp(((const bc_doc_period *)a)->type,
		      ((const bc_doc_period *)b)->type);
}

static int set_cmp(const void *a, const void *b)
{
	return strcmp(((const bc_docset_for *)a)->kind,
		      ((const bc_docset_for *)b)->kind);
}

/* A table's keys come in no fixed order: sorted, what document{} gave
 * shows and compares the same at every run. */
static void sort_words(bc_docwords *dw)
{
	if (dw->n_issuers)
		qsort(dw->issuers, dw->n_issuers, sizeof *dw->issuers,
		      naming_cmp);
	if (dw->n_periods)
		qsort(dw->periods, dw->n_periods, sizeof *dw->periods,
		      period_cmp);
	for (int k = 0; k < BC_DOC_N; k++)
		if (dw->doc[k].n_by_kind)
			qsort(dw->doc[k].by_kind, dw->doc[k].n_by_kind,
			      sizeof *dw->doc[k].by_kind, set_cmp);
}

int bc_rl_document(lua_State *L)
{
	static const char *const keys[] = {"issuers", "periods", "report",
					   "unit_report", "reminder", NULL};
	bc_docwords *dw = &bc_rl_rs_of(L)->docwords;
	bc_rl_check_keys(L, 1, "document{}", keys);
	if (dw->registered)
		bc_sandbox_error(L, N_("document{} is registered twice"));
	dw->registered = true;
	if (lua_getfield(L, 1, "issuers") != LUA_TNIL)
		read_issuers(L, lua_gettop(L));
	lua_pop(L, 1);
	if (lua_getfield(L, 1, "periods") != LUA_TNIL)
		read_periods(L, lua_gettop(L));
	lua_pop(L, 1);
	for (int k = 0; k < BC_DOC_N; k++) {
		if (lua_getfield(L, 1, KIND_NAME[k]) != LUA_TNIL)
			read_doc(L, lua_gettop(L), (bc_dockind)k);
		lua_pop(L, 1);
	}
	sort_words(dw);
	return 0;
}

void bc_rl_check_docwords(bc_rl_loader *ld)
{
	const bc_docwords *dw = &ld->rs->docwords;
	for (size_t i = 0; i < dw->n_refs; i++) {
		const bc_docwords_ref *r = &dw->refs[i];
		bc_origin at = {r->file, r->line};
		if (r->kind && !bc_ruleset_kind(ld->rs, r->name))
			bc_rl_problem(ld, &at, N_("document{} names no unit "
						  "kind '%s'"),
				      r->name);
		else if (!r->kind && !bc_ruleset_find(ld->rs,
						      BC_REG_PERIOD_TYPE,
						      r->name))
			bc_rl_problem(ld, &at, N_("document{} names no period "
						  "type '%s'"),
				      r->name);
	}
}

/* ---- as JSON --------------------------------------------------------- */

static void set_text(bc_err *e, json_t *o, const char *key, const char *text)
{
	if (text)
		bc_json_set(e, o, key, bc_json_made(e, json_string(text)));
}

static json_t *set_json(bc_err *e, const bc_docset *s)
{
	json_t *o = bc_json_made(e, json_object());
	for (int w = 0; o && w < BC_DW_N; w++)
		set_text(e, o, WORD[w].name, s->text[w]);
	return o;
}

json_t *bc_docwords_json(const bc_ruleset *rs)
{
	bc_err e = BC_OK;
	const bc_docwords *dw = &rs->docwords;
	json_t *o = bc_json_made(&e, json_object());
	json_t *is = dw->n_issuers ? bc_json_set(&e, o, "issuers",
						 bc_json_made(&e, json_object()))
				   : NULL;
	for (size_t i = 0; is && i < dw->n_issuers; i++) {
		const bc_doc_naming *x = &dw->issuers[i];
		json_t *j = bc_json_set(&e, is, x->kind,
					bc_json_made(&e, json_object()));
		json_t *p = j ? bc_json_set(&e, j, "prefix",
					    bc_json_made(&e, json_array()))
			      : NULL;
		for (size_t k = 0; p && k < x->n_prefix; k++)
			bc_json_push(&e, p,
				     bc_json_made(&e, json_string(x->prefix[k])));
		if (j) {
			set_text(&e, j, "body", x->body);
			set_text(&e, j, "above", x->above);
			bc_json_set(&e, j, "parent_line",
				    bc_json_made(&e, json_boolean(
							     x->parent_line)));
		}
	}
	json_t *ps = dw->n_periods ? bc_json_set(&e, o, "periods",
						 bc_json_made(&e, json_object()))
				   : NULL;
	for (size_t i = 0; ps && i < dw->n_periods; i++)
		set_text(&e, ps, dw->periods[i].type, dw->periods[i].name);
	for (int k = 0; o && k < BC_DOC_N; k++) {
		const bc_docwords_of *d = &dw->doc[k];
		json_t *j = set_json(&e, &d->all);
		for (size_t i = 0; j && i < d->n_by_kind; i++)
			bc_json_set(&e, j, d->by_kind[i].kind,
				    set_json(&e, &d->by_kind[i].w));
		if (j && json_object_size(j))
			bc_json_set(&e, o, KIND_NAME[k], j);
		else
			json_decref(j);
	}
	return bc_json_whole(o, e);
}

/* SPDX-License-Identifier: MIT */
/* renamed_from and was: read, checked and looked up (rename.h). */
#include "rename.h"
#include "jsonset.h"
#include "ruleset_lua.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

/* ---- reading ------------------------------------------------------------ */

/* Where the registry keeps, while the rules load, which item claimed
 * each old id: two items cannot both have been it. */
#define CLAIMS_KEY "baocao.renames"

static const char *const claim_kinds[] = {
	[BC_RENAME_FORM] = "form", [BC_RENAME_FIELD] = "field",
	[BC_RENAME_LEVEL] = "level"};

/* Notes that the item named name claims old (a field's within form);
 * the name of the item that claimed it before, or NULL.  The claims
 * table is pushed first. */
static const char *claim(lua_State *L, bc_rename_kind kind, const char *form,
			 const char *old, const char *name)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, CLAIMS_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, CLAIMS_KEY);
	}
	lua_pushfstring(L, "%s:%s:%s", claim_kinds[kind], form ? form : "",
			old);
	lua_pushvalue(L, -1);
	if (lua_rawget(L, -3) == LUA_TSTRING)
		return lua_tostring(L, -1);
	lua_pop(L, 1);
	lua_pushstring(L, name);
	lua_rawset(L, -3);
	return NULL;
}

void bc_rl_renamed(lua_State *L, int t, bc_rename_kind kind,
		   const char *form, const char *id, const bc_origin *at,
		   char ***v, size_t *n)
{
	const char *key = kind == BC_RENAME_LEVEL ? "was" : "renamed_from";
	bc_rl_loader *ld = bc_rl_loader_of(L);
	/* The item in messages: "dvc", "dvc.ho_so_nhan", "tinh" (the key
	 * says which kind); words would be English in any language. */
	char ctx[80];
	snprintf(ctx, sizeof ctx, "%s%s%s", form ? form : "", form ? "." : "",
		 id);
	bc_rl_get_list(L, t, ctx, key, v, n);
	for (size_t i = 0; i < *n; i++) {
		const char *old = (*v)[i], *by;
		int top = lua_gettop(L);
		if (!bc_rl_valid_id(old, false))
			bc_rl_problem(ld, at, N_("%s: %s '%s' must be an id "
						 "(lower-case letters, digits "
						 "and _)"),
				      ctx, key, old);
		else if (!strcmp(old, id))
			bc_rl_problem(ld, at, N_("%s: %s names itself"), ctx,
				      key);
		else if ((by = claim(L, kind, form, old, ctx)) &&
			 !strcmp(by, ctx))
			bc_rl_problem(ld, at, N_("%s: %s names '%s' twice"),
				      ctx, key, old);
		else if (by)
			bc_rl_problem(ld, at, N_("%s: %s '%s', but %s was "
						 "'%s' already"),
				      ctx, key, old, by, old);
		lua_settop(L, top);
	}
	if (!*n)
		return;
	bc_ruleset *rs = bc_rl_rs_of(L);
	bc_rename *r = bc_rl_push_item(L, (void **)&rs->renames,
				       &rs->n_renames, sizeof *r);
	*r = (bc_rename){kind, form, id, *v, *n, *at};
}

void bc_rl_form_renames(lua_State *L, const bc_form *form)
{
	bc_rl_loader *ld = bc_rl_loader_of(L);
	for (size_t i = 0; i < form->n_fields; i++) {
		const bc_field *f = &form->fields[i];
		for (size_t k = 0; k < f->n_renamed_from; k++)
			if (strcmp(f->renamed_from[k], f->id) &&
			    bc_rl_map_find(&ld->fields.ids,
					   f->renamed_from[k]) >= 0)
				bc_rl_problem(ld, &form->at,
					      N_("form %s, field %s: "
						 "renamed_from '%s' is a "
						 "field the form still "
						 "declares"),
					      form->id, f->id,
					      f->renamed_from[k]);
	}
}

void bc_rl_check_renames(bc_rl_loader *ld)
{
	const bc_ruleset *rs = ld->rs;
	for (size_t i = 0; i < rs->n_renames; i++) {
		const bc_rename *r = &rs->renames[i];
		bool form = r->kind == BC_RENAME_FORM;
		for (size_t k = 0; r->kind != BC_RENAME_FIELD && k < r->n_was;
		     k++) {
			const char *old = r->was[k];
			if (!strcmp(old, r->id) ||
			    !(form ? (const void *)bc_ruleset_form(rs, old)
				   : (const void *)bc_ruleset_level(rs, old)))
				continue;
			bc_rl_problem(ld, &r->at,
				      form ? N_("form %s: renamed_from '%s' is "
						"a form the ruleset still "
						"declares")
					   : N_("level %s: was '%s' is a level "
						"the ruleset still declares"),
				      r->id, old);
		}
	}
}

/* ---- lookups -------------------------------------------------------------- */

const bc_form *bc_form_then(const bc_ruleset *now, const bc_form *f,
			    const bc_ruleset *then)
{
	if (!f || !then || now == then)
		return then ? f : NULL;
	for (size_t i = 0; i < f->n_renamed_from; i++) {
		const bc_form *g = bc_ruleset_form(then, f->renamed_from[i]);
		if (g)
			return g;
	}
	return bc_ruleset_form(then, f->id);
}

const bc_field *bc_field_then(const bc_field *fd, const bc_form *then)
{
	if (!fd || !then)
		return NULL;
	for (size_t i = 0; i < fd->n_renamed_from; i++) {
		int k = bc_field_index(then->fields, then->n_fields,
				       fd->renamed_from[i]);
		if (k >= 0)
			return &then->fields[k];
	}
	int k = bc_field_index(then->fields, then->n_fields, fd->id);
	return k >= 0 ? &then->fields[k] : NULL;
}

static bool listed(char *const *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], id))
			return true;
	return false;
}

size_t bc_level_then(const bc_level *lv, const bc_ruleset *then,
		     const bc_level **out)
{
	size_t n = 0;
	for (size_t i = 0; lv && then && i < then->n_levels; i++) {
		const bc_level *o = &then->levels[i];
		if (!strcmp(o->id, lv->id) || listed(lv->was, lv->n_was, o->id))
			out[n++] = o;
	}
	return n;
}

/* ---- across two rulesets --------------------------------------------------- */

/* What a value of type t is, as far as comparing goes. */
static int value_kind(bc_ftype t)
{
	switch (t) {
	case BC_T_INT:
	case BC_T_MONEY:
	case BC_T_PCT:
		return 0;
	case BC_T_BOOL:
		return 1;
	case BC_T_TABLE:
		return 2;
	default:
		return 3;
	}
}

/* The first of r's old ids `before` declares (among the fields of
 * form, for a field), or NULL. */
static const char *known_before(const bc_rename *r, const bc_ruleset *before,
				const bc_form *form)
{
	for (size_t k = 0; k < r->n_was; k++) {
		const char *old = r->was[k];
		bool known = r->kind == BC_RENAME_FORM
				     ? bc_ruleset_form(before, old) != NULL
			     : r->kind == BC_RENAME_LEVEL
				     ? bc_ruleset_level(before, old) != NULL
				     : form && bc_field_index(form->fields,
							      form->n_fields,
							      old) >= 0;
		if (known)
			return old;
	}
	return NULL;
}

/* A field renamed from one of another kind of value: an error. */
static void check_kind(const bc_rename *r, const bc_ruleset *rs,
		       const bc_form *then, const char *old,
		       const bc_ruleset *before, bc_diags *d)
{
	const bc_form *f = bc_ruleset_form(rs, r->form);
	int k = f ? bc_field_index(f->fields, f->n_fields, r->id) : -1;
	int o = bc_field_index(then->fields, then->n_fields, old);
	if (k < 0 || o < 0 ||
	    value_kind(f->fields[k].type) == value_kind(then->fields[o].type))
		return;
	bc_diags_add(d, BC_ERROR, r->at.file, r->at.line, NULL, NULL,
		     N_("form %s, field %s, of type %s, is renamed from %s "
			"of %s, of type %s: a renamed field keeps its kind of "
			"value (a number, yes or no, a table, a text), or its "
			"figures could not be compared"),
		     r->form, r->id, bc_ftype_name(f->fields[k].type), old,
		     before->id, bc_ftype_name(then->fields[o].type));
}

/* r's old ids, "a, b", into buf[n]. */
static const char *was_text(const bc_rename *r, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < r->n_was && o < n; k++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s", k ? ", " : "",
				      r->was[k]);
	return buf;
}

void bc_renames_check(const bc_ruleset *rs, const bc_ruleset *before,
		      bc_diags *d)
{
	char was[256];
	for (size_t i = 0; before && i < rs->n_renames; i++) {
		const bc_rename *r = &rs->renames[i];
		const bc_form *then = NULL;
		if (r->kind == BC_RENAME_FIELD) {
			then = bc_form_then(rs, bc_ruleset_form(rs, r->form),
					    before);
			if (!then) /* a new form: nothing to be renamed from */
				continue;
		}
		const char *old = known_before(r, before, then);
		if (old && r->kind == BC_RENAME_FIELD)
			check_kind(r, rs, then, old, before, d);
		if (old)
			continue;
		was_text(r, was, sizeof was);
		if (r->kind == BC_RENAME_FIELD)
			bc_diags_add(d, BC_WARNING, r->at.file, r->at.line,
				     NULL, NULL,
				     N_("form %s, field %s: renamed_from "
					"names no field of %s's form %s (%s)"),
				     r->form, r->id, before->id, then->id, was);
		else if (r->kind == BC_RENAME_FORM)
			bc_diags_add(d, BC_WARNING, r->at.file, r->at.line,
				     NULL, NULL,
				     N_("form %s: renamed_from names no form "
					"of %s (%s)"),
				     r->id, before->id, was);
		else
			bc_diags_add(d, BC_WARNING, r->at.file, r->at.line,
				     NULL, NULL,
				     N_("level %s: was names no level of %s "
					"(%s)"),
				     r->id, before->id, was);
	}
}

json_t *bc_renames_json(const bc_ruleset *rs)
{
	bc_err e = BC_OK;
	json_t *a = bc_json_made(&e, json_array());
	for (size_t i = 0; i < rs->n_renames; i++) {
		const bc_rename *r = &rs->renames[i];
		json_t *o = bc_json_push(&e, a, json_object());
		json_t *was = bc_json_made(&e, json_array());
		for (size_t k = 0; k < r->n_was; k++)
			bc_json_push(&e, was, json_string(r->was[k]));
		if (r->kind == BC_RENAME_LEVEL) {
			bc_json_set(&e, o, "level", json_string(r->id));
		} else {
			bc_json_set(&e, o, "form",
				    json_string(r->form ? r->form : r->id));
			if (r->form)
				bc_json_set(&e, o, "field", json_string(r->id));
		}
		bc_json_set(&e, o, "was", was);
	}
	return bc_json_whole(a, e);
}

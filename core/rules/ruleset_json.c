/* SPDX-License-Identifier: MIT */
/* A ruleset's catalogue as JSON: `rules show --json` and the export
 * model. */
#include "ruleset_json.h"
#include "registry.h"

#include <stdio.h>

static json_t *day_json(bc_dayrule r)
{
	char buf[24];
	if (r.year_offset)
		snprintf(buf, sizeof buf, "%02d/%02d/Y%+d", r.day, r.month,
			 r.year_offset);
	else
		snprintf(buf, sizeof buf, "%02d/%02d/Y", r.day, r.month);
	return json_string(buf);
}

static json_t *nullable(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *bc_directive_json(const bc_rulebook *rb, const bc_ruleset *rs)
{
	const bc_directive *d = &rs->directive;
	char off[16];
	int a = d->utc_offset < 0 ? -d->utc_offset : d->utc_offset;
	snprintf(off, sizeof off, "%c%02u:%02u", d->utc_offset < 0 ? '-' : '+',
		 (unsigned)a / 60u % 24u, (unsigned)a % 60u);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:{s:o, s:o},"
			 " s:{s:b, s:s}, s:o, s:s}",
			 "id", rs->id, "title", d->title, "reference",
			 d->reference, "issued", bc_date_json(d->issued),
			 "issuer", nullable(d->issuer), "replaces",
			 nullable(d->replaces), "supersedes",
			 nullable(d->supersedes), "in_force", "from",
			 bc_date_json(d->in_force_from), "to",
			 bc_date_json(bc_rulebook_in_force_to(rb, rs)),
			 "deadline", "inclusive", d->deadline_inclusive,
			 "utc_offset", off, "reading", nullable(d->reading),
			 "hash", rs->hash);
}

static json_t *strings(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *check_json(const bc_check *k)
{
	json_t *o = json_pack("{s:s, s:s}", "condition", k->text, "severity",
			      k->severity == BC_ERROR ? "error" : "warning");
	if (k->field)
		json_object_set_new(o, "field", json_string(k->field));
	if (k->message)
		json_object_set_new(o, "message", json_string(k->message));
	return o;
}

static json_t *field_json(const bc_field *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "id", f->id, "label",
			      f->label, "type", bc_ftype_name(f->type));
	if (f->agg != BC_AGG_NONE)
		json_object_set_new(o, "agg", json_string(bc_agg_name(f->agg)));
	if (f->level)
		json_object_set_new(o, "level", json_string(f->level));
	if (f->unit)
		json_object_set_new(o, "unit", json_string(f->unit));
	if (f->n_values)
		json_object_set_new(o, "values",
				    strings(f->values, f->n_values));
	if (f->required)
		json_object_set_new(o, "required", json_true());
	if (f->pattern)
		json_object_set_new(o, "pattern", json_string(f->pattern));
	if (f->count_by >= 0)
		json_object_set_new(o, "count_by",
				    json_string(f->columns[f->count_by].id));
	if (f->n_columns) {
		json_t *cols = json_array(), *rc = json_array();
		for (size_t i = 0; i < f->n_columns; i++)
			json_array_append_new(cols, field_json(&f->columns[i]));
		for (size_t i = 0; i < f->n_row_checks; i++)
			json_array_append_new(rc, check_json(&f->row_checks[i]));
		json_object_set_new(o, "columns", cols);
		json_object_set_new(o, "row_checks", rc);
	}
	return o;
}

json_t *bc_form_json(const void *item)
{
	const bc_form *f = item;
	json_t *fields = json_array(), *checks = json_array(),
	       *inds = json_array();
	for (size_t i = 0; i < f->n_fields; i++)
		json_array_append_new(fields, field_json(&f->fields[i]));
	for (size_t i = 0; i < f->n_checks; i++)
		json_array_append_new(checks, check_json(&f->checks[i]));
	for (size_t i = 0; i < f->n_indicators; i++) {
		const bc_indicator *x = &f->indicators[i];
		char num[512], den[512];
		bc_expr_text(&x->num, num, sizeof num);
		bc_expr_text(&x->den, den, sizeof den);
		json_array_append_new(
			inds, x->rows >= 0
				      ? json_pack("{s:s, s:s, s:s}", "id", x->id,
						  "label", x->label, "rows",
						  f->fields[x->rows].id)
				      : json_pack("{s:s, s:s, s:s, s:s}", "id",
						  x->id, "label", x->label,
						  "num", num, "den", den));
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id", f->id,
			 "title", f->title, "section", nullable(f->section),
			 "owner", nullable(f->owner), "fields", fields,
			 "checks", checks, "indicators", inds);
}

json_t *bc_period_type_json(const void *item)
{
	const bc_period_type *p = item;
	json_t *o = json_pack("{s:s, s:s, s:b, s:b}", "code", p->code, "label",
			      p->label, "adhoc", p->adhoc, "advance",
			      p->advance);
	if (!p->adhoc) {
		json_object_set_new(o, "window",
				    json_pack("{s:o, s:o}", "from",
					      day_json(p->from), "to",
					      day_json(p->to)));
		json_object_set_new(o, "unit_due", day_json(p->unit_due));
		json_object_set_new(o, "compile_due", day_json(p->compile_due));
	}
	return o;
}

/* A member m of an item as its kind shows it, into o. */
static void show_member(json_t *o, const bc_shown *m, const char *item)
{
	if (m->how < BC_SHOW_LIST) {
		const char *text = *(char *const *)(item + m->at);
		if (text || m->how != BC_SHOW_TEXT_IF_SET)
			json_object_set_new(o, m->key, nullable(text));
		return;
	}
	char *const *list = *(char *const *const *)(item + m->at);
	size_t n = *(const size_t *)(item + m->n_at);
	if (n || m->how != BC_SHOW_LIST_IF_ANY)
		json_object_set_new(o, m->key, strings(list, n));
}

/* The items of kind g in rs, each as its kind shows it. */
static json_t *items_json(const bc_ruleset *rs, const bc_reg *g)
{
	size_t n;
	const char *v = bc_ruleset_items(rs, (bc_reg_kind)(g - bc_registry),
					 &n);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *item = v + i * g->size;
		json_t *o = g->show ? g->show(item) : json_object();
		for (const bc_shown *m = g->shown; m && m->key; m++)
			show_member(o, m, item);
		json_array_append_new(a, o);
	}
	return a;
}

/* Into o, each kind shown in the catalogue (or out of it), in order. */
static void kinds_json(json_t *o, const bc_ruleset *rs, bool catalogue)
{
	for (size_t k = 0; k < BC_REG_N; k++) {
		const bc_reg *g = &bc_registry[k];
		if (g->json && g->catalogue == catalogue)
			json_object_set_new(o, g->json, items_json(rs, g));
	}
}

json_t *bc_catalogue_json(const bc_ruleset *rs)
{
	json_t *o = json_object();
	kinds_json(o, rs, true);
	return o;
}

json_t *bc_ruleset_json(const bc_rulebook *rb, const bc_ruleset *rs)
{
	json_t *o = json_pack("{s:o}", "directive", bc_directive_json(rb, rs));
	kinds_json(o, rs, false);
	kinds_json(o, rs, true);
	return o;
}

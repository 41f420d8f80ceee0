/* SPDX-License-Identifier: MIT */
/* A ruleset's catalogue as JSON: `rules show --json` and the export
 * model. */
#include "ruleset_json.h"
#include "jsonset.h"
#include "registry.h"
#include "rename.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

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

static json_t *due_json(const bc_due *d)
{
	char buf[BC_DUE_BUF];
	bc_due_text(d, buf);
	return json_string(buf);
}

/* The kinds' and levels' own unit deadlines: {"kind": {"town": …},
 * "level": {"xa": …}}, each only when it has one. */
static json_t *dues_for_json(bc_err *e, const bc_period_type *p)
{
	json_t *o = bc_json_made(e, json_object());
	for (size_t i = 0; i < p->n_unit_due_for; i++) {
		const bc_due_for *f = &p->unit_due_for[i];
		const char *by = f->kind ? "kind" : "level";
		json_t *of = json_object_get(o, by);
		if (!of)
			of = bc_json_set(e, o, by, json_object());
		if (of)
			bc_json_set(e, of, f->kind ? f->kind : f->level,
				    due_json(&f->due));
	}
	return o;
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
			 " s:{s:b, s:s}, s:o, s:o, s:s, s:s}",
			 "id", rs->id, "title", d->title, "reference",
			 d->reference, "issued", bc_date_json(d->issued),
			 "issuer", nullable(d->issuer), "replaces",
			 nullable(d->replaces), "supersedes",
			 nullable(d->supersedes), "in_force", "from",
			 bc_date_json(d->in_force_from), "to",
			 bc_date_json(bc_rulebook_in_force_to(rb, rs)),
			 "deadline", "inclusive", d->deadline_inclusive,
			 "utc_offset", off, "reading", nullable(d->reading),
			 "money_unit", nullable(d->money_unit),
			 "report_name", d->report_name, "hash", rs->hash);
}

/* Every builder below notes in *e what jansson could not make. */

static json_t *strings(bc_err *e, char *const *v, size_t n)
{
	json_t *a = bc_json_made(e, json_array());
	for (size_t i = 0; i < n; i++)
		bc_json_push(e, a, json_string(v[i]));
	return a;
}

static json_t *check_json(bc_err *e, const bc_check *k)
{
	json_t *o = json_pack("{s:s, s:s}", "condition", k->text, "severity",
			      k->severity == BC_ERROR ? "error" : "warning");
	if (k->field)
		bc_json_set(e, o, "field", json_string(k->field));
	if (k->message)
		bc_json_set(e, o, "message", json_string(k->message));
	return bc_json_made(e, o);
}

static json_t *field_json(bc_err *e, const bc_field *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "id", f->id, "label",
			      f->label, "type", bc_ftype_name(f->type));
	if (f->agg != BC_AGG_NONE)
		bc_json_set(e, o, "agg", json_string(bc_agg_name(f->agg)));
	if (f->level)
		bc_json_set(e, o, "level", json_string(f->level));
	if (f->unit)
		bc_json_set(e, o, "unit", json_string(f->unit));
	if (f->n_values) {
		json_t *labels = bc_json_made(e, json_object());
		for (size_t i = 0; i < f->n_values; i++)
			bc_json_set(e, labels, f->values[i],
				    json_string(f->value_labels[i]));
		bc_json_set(e, o, "values", strings(e, f->values, f->n_values));
		bc_json_set(e, o, "value_labels", labels);
	}
	if (f->required)
		bc_json_set(e, o, "required", json_true());
	if (f->n_renamed_from)
		bc_json_set(e, o, "renamed_from",
			    strings(e, f->renamed_from, f->n_renamed_from));
	/* A pattern may match bytes that are no UTF-8 ("[\128-\255]"),
	 * which no JSON string holds: left out, as jansson refuses it. */
	if (f->pattern && bc_utf8_valid(f->pattern, strlen(f->pattern), NULL))
		bc_json_set(e, o, "pattern", json_string(f->pattern));
	if (f->count_by >= 0)
		bc_json_set(e, o, "count_by",
			    json_string(f->columns[f->count_by].id));
	if (f->n_columns) {
		json_t *cols = bc_json_made(e, json_array()),
		       *rc = bc_json_made(e, json_array());
		for (size_t i = 0; i < f->n_columns; i++)
			bc_json_push(e, cols, field_json(e, &f->columns[i]));
		for (size_t i = 0; i < f->n_row_checks; i++)
			bc_json_push(e, rc, check_json(e, &f->row_checks[i]));
		bc_json_set(e, o, "columns", cols);
		bc_json_set(e, o, "row_checks", rc);
	}
	return bc_json_made(e, o);
}

static json_t *form_json(bc_err *e, const bc_form *f)
{
	json_t *fields = bc_json_made(e, json_array()),
	       *checks = bc_json_made(e, json_array()),
	       *inds = bc_json_made(e, json_array());
	for (size_t i = 0; i < f->n_fields; i++)
		bc_json_push(e, fields, field_json(e, &f->fields[i]));
	for (size_t i = 0; i < f->n_checks; i++)
		bc_json_push(e, checks, check_json(e, &f->checks[i]));
	for (size_t i = 0; i < f->n_indicators; i++) {
		const bc_indicator *x = &f->indicators[i];
		char num[512], den[512];
		bc_expr_text(&x->num, num, sizeof num);
		bc_expr_text(&x->den, den, sizeof den);
		bc_json_push(
			e, inds, x->rows >= 0
				      ? json_pack("{s:s, s:s, s:s}", "id", x->id,
						  "label", x->label, "rows",
						  f->fields[x->rows].id)
				      : json_pack("{s:s, s:s, s:s, s:s}", "id",
						  x->id, "label", x->label,
						  "num", num, "den", den));
	}
	json_t *o = bc_json_made(
		e, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
			     f->id, "name", f->name, "title", f->title, "section", nullable(f->section),
			     "owner", nullable(f->owner), "fields", fields,
			     "checks", checks, "indicators", inds));
	if (f->n_renamed_from)
		bc_json_set(e, o, "renamed_from",
			    strings(e, f->renamed_from, f->n_renamed_from));
	return o;
}

json_t *bc_form_json(const void *item)
{
	bc_err e = BC_OK;
	json_t *o = form_json(&e, item); /* before e is read */
	return bc_json_whole(o, e);
}

json_t *bc_period_type_json(const void *item)
{
	const bc_period_type *p = item;
	bc_err e = BC_OK;
	json_t *o = json_pack("{s:s, s:s, s:b, s:b}", "code", p->code, "label",
			      p->label, "adhoc", p->adhoc, "advance",
			      p->advance);
	if (!p->adhoc)
		bc_json_set(&e, o, "window",
			    json_pack("{s:o, s:o}", "from", day_json(p->from),
				      "to", day_json(p->to)));
	/* A derived type's deadlines are its parts'. */
	if (p->derived) {
		bc_json_set(&e, o, "derived", json_string(p->derived));
	} else if (!p->adhoc) {
		bc_json_set(&e, o, "unit_due", due_json(&p->unit_due));
		bc_json_set(&e, o, "compile_due", due_json(&p->compile_due));
	}
	if (p->n_unit_due_for)
		bc_json_set(&e, o, "unit_due_for", dues_for_json(&e, p));
	bc_json_made(&e, o);
	return bc_json_whole(o, e);
}

json_t *bc_holiday_json(const void *item)
{
	const bc_day_off *h = item;
	return json_pack("{s:o, s:o, s:s, s:b}", "from", bc_date_json(h->from),
			 "to", bc_date_json(h->to), "label", h->label,
			 "undecided", h->undecided);
}

json_t *bc_working_day_json(const void *item)
{
	const bc_day_worked *w = item;
	return json_pack("{s:o, s:s}", "date", bc_date_json(w->day), "label",
			 w->label);
}

/* A member m of an item as its kind shows it, into o. */
static void show_member(bc_err *e, json_t *o, const bc_shown *m,
			const char *item)
{
	if (m->how < BC_SHOW_LIST) {
		const char *text = *(char *const *)(item + m->at);
		if (text || m->how != BC_SHOW_TEXT_IF_SET)
			bc_json_set(e, o, m->key, nullable(text));
		return;
	}
	char *const *list = *(char *const *const *)(item + m->at);
	size_t n = *(const size_t *)(item + m->n_at);
	if (n || m->how != BC_SHOW_LIST_IF_ANY)
		bc_json_set(e, o, m->key, strings(e, list, n));
}

/* Item i of kind g in rs as its kind shows it. */
static json_t *item_json(bc_err *e, const bc_ruleset *rs, const bc_reg *g,
			 size_t i)
{
	size_t n;
	const char *v = bc_ruleset_items(rs, (bc_reg_kind)(g - bc_registry),
					 &n);
	const char *item = v + i * g->size;
	json_t *o = bc_json_made(e, g->show ? g->show(item) : json_object());
	for (const bc_shown *m = g->shown; o && m && m->key; m++)
		show_member(e, o, m, item);
	return o;
}

json_t *bc_item_json(const bc_ruleset *rs, bc_reg_kind k, size_t i)
{
	bc_err e = BC_OK;
	json_t *o = item_json(&e, rs, &bc_registry[k], i);
	return bc_json_whole(o, e);
}

/* The items of kind g in rs, each as its kind shows it. */
static json_t *items_json(bc_err *e, const bc_ruleset *rs, const bc_reg *g)
{
	size_t n;
	bc_ruleset_items(rs, (bc_reg_kind)(g - bc_registry), &n);
	json_t *a = bc_json_made(e, json_array());
	for (size_t i = 0; i < n; i++)
		bc_json_push(e, a, item_json(e, rs, g, i));
	return a;
}

/* Into o, each kind shown in the catalogue (or out of it), in order. */
static void kinds_json(bc_err *e, json_t *o, const bc_ruleset *rs,
		       bool catalogue)
{
	for (size_t k = 0; k < BC_REG_N; k++) {
		const bc_reg *g = &bc_registry[k];
		if (g->json && g->catalogue == catalogue)
			bc_json_set(e, o, g->json, items_json(e, rs, g));
	}
}

json_t *bc_catalogue_json(const bc_ruleset *rs)
{
	bc_err e = BC_OK;
	json_t *o = bc_json_made(&e, json_object());
	kinds_json(&e, o, rs, true);
	return bc_json_whole(o, e);
}

json_t *bc_ruleset_json(const bc_rulebook *rb, const bc_ruleset *rs)
{
	bc_err e = BC_OK;
	json_t *o = bc_json_made(&e, json_pack("{s:o}", "directive",
					       bc_directive_json(rb, rs)));
	kinds_json(&e, o, rs, false);
	kinds_json(&e, o, rs, true);
	bc_json_set(&e, o, "wording", bc_json_made(&e, bc_wording_json(rs, 0)));
	bc_json_set(&e, o, "document", bc_json_made(&e, bc_docwords_json(rs)));
	bc_json_set(&e, o, "renames", bc_json_made(&e, bc_renames_json(rs)));
	return bc_json_whole(o, e);
}

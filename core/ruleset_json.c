/* SPDX-License-Identifier: MIT */
/* A ruleset's catalogue as JSON: `rules show --json` and the export
 * model. */
#include "ruleset_json.h"
#include "jsonset.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

static json_t *date_json(bc_date d)
{
	char buf[BC_DATE_BUF];
	if (d == BC_DATE_NONE)
		return json_null();
	bc_date_format(d, buf);
	return json_string(buf);
}

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
			 d->reference, "issued", date_json(d->issued),
			 "issuer", nullable(d->issuer), "replaces",
			 nullable(d->replaces), "supersedes",
			 nullable(d->supersedes), "in_force", "from",
			 date_json(d->in_force_from), "to",
			 date_json(bc_rulebook_in_force_to(rb, rs)),
			 "deadline", "inclusive", d->deadline_inclusive,
			 "utc_offset", off, "reading", nullable(d->reading),
			 "hash", rs->hash);
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
	if (f->n_values)
		bc_json_set(e, o, "values", strings(e, f->values, f->n_values));
	if (f->required)
		bc_json_set(e, o, "required", json_true());
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
	return bc_json_made(
		e, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id", f->id,
			     "title", f->title, "section", nullable(f->section),
			     "owner", nullable(f->owner), "fields", fields,
			     "checks", checks, "indicators", inds));
}

json_t *bc_catalogue_json(const bc_ruleset *rs)
{
	bc_err e = BC_OK;
	json_t *forms = bc_json_made(&e, json_array()),
	       *secs = bc_json_made(&e, json_array()),
	       *duties = bc_json_made(&e, json_array()),
	       *chans = bc_json_made(&e, json_array());
	for (size_t i = 0; i < rs->n_forms; i++)
		bc_json_push(&e, forms, form_json(&e, &rs->forms[i]));
	for (size_t i = 0; i < rs->n_sections; i++) {
		const bc_section *x = &rs->sections[i];
		bc_json_push(
			&e, secs,
			json_pack("{s:s, s:s, s:o, s:o}", "id", x->id, "title",
				  x->title, "guidance", nullable(x->guidance),
				  "forms", strings(&e, x->forms, x->n_forms)));
	}
	for (size_t i = 0; i < rs->n_duties; i++) {
		const bc_duty *u = &rs->duties[i];
		json_t *o = json_pack("{s:o, s:o}", "parts",
				      strings(&e, u->parts, u->n_parts),
				      "sections",
				      strings(&e, u->sections, u->n_sections));
		if (u->role)
			bc_json_set(&e, o, "role", json_string(u->role));
		else
			bc_json_set(&e, o, "kinds",
				    strings(&e, u->kinds, u->n_kinds));
		bc_json_push(&e, duties, o);
	}
	for (size_t i = 0; i < rs->n_channels; i++)
		bc_json_push(&e, chans,
			     json_pack("{s:s, s:s}", "id", rs->channels[i].id,
				       "label", rs->channels[i].label));
	return bc_json_whole(json_pack("{s:o, s:o, s:o, s:o}", "forms", forms,
				       "outline", secs, "responsibilities",
				       duties, "channels", chans),
			     e);
}

json_t *bc_ruleset_json(const bc_rulebook *rb, const bc_ruleset *rs)
{
	json_t *types = json_array(), *kinds = json_array(),
	       *levels = json_array(), *roles = json_array();
	for (size_t i = 0; i < rs->n_ptypes; i++) {
		const bc_period_type *p = &rs->ptypes[i];
		json_t *o = json_pack("{s:s, s:s, s:b, s:b}", "code", p->code,
				      "label", p->label, "adhoc", p->adhoc,
				      "advance", p->advance);
		if (!p->adhoc) {
			json_object_set_new(o, "window",
					    json_pack("{s:o, s:o}", "from",
						      day_json(p->from), "to",
						      day_json(p->to)));
			json_object_set_new(o, "unit_due", day_json(p->unit_due));
			json_object_set_new(o, "compile_due",
					    day_json(p->compile_due));
		}
		json_array_append_new(types, o);
	}
	for (size_t i = 0; i < rs->n_kinds; i++)
		json_array_append_new(kinds,
				      json_pack("{s:s, s:s, s:o}", "id",
						rs->kinds[i].id, "label",
						rs->kinds[i].label, "level",
						nullable(rs->kinds[i].level)));
	for (size_t i = 0; i < rs->n_levels; i++)
		json_array_append_new(levels,
				      json_pack("{s:s, s:s}", "id",
						rs->levels[i].id, "label",
						rs->levels[i].label));
	for (size_t i = 0; i < rs->n_roles; i++)
		json_array_append_new(roles,
				      json_pack("{s:s, s:s}", "id",
						rs->roles[i].id, "label",
						rs->roles[i].label));
	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "directive",
			      bc_directive_json(rb, rs), "period_types", types,
			      "unit_kinds", kinds, "levels", levels, "roles",
			      roles);
	json_t *cat = bc_catalogue_json(rs);
	json_object_update(o, cat);
	json_decref(cat);
	return o;
}


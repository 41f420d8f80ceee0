/* SPDX-License-Identifier: MIT */
/* A period as JSON: `period show --json` and the export model. */
#include "period_json.h"
#include "derived.h"
#include "jsonset.h"
#include "mem.h"

#include <string.h>

static const char *const day_kinds[] = {
	[BC_DAY_WORKING] = "working",	    [BC_DAY_WEEKEND] = "weekend",
	[BC_DAY_HOLIDAY] = "holiday",	    [BC_DAY_MAKEUP] = "worked",
	[BC_DAY_UNDECIDED] = "undecided", [BC_DAY_UNKNOWN] = "unknown",
};

/* How deadline rule of p, falling on due, was counted in working days:
 * {"rule", "after", "working_days", "date", "days": [runs]}; NULL (no
 * error) for a deadline on a day of the year. */
static json_t *counted_json(bc_err *e, const bc_period *p,
			    const bc_due *rule, bc_date due)
{
	bc_dayrun *r;
	size_t n;
	char text[BC_DUE_BUF];
	if (!rule->workdays)
		return NULL;
	if (bc_period_due_runs(p, rule, due, &r, &n) != BC_OK) {
		*e = BC_ERR_NOMEM;
		return NULL;
	}
	bc_due_text(rule, text);
	json_t *days = bc_json_made(e, json_array());
	for (size_t i = 0; i < n; i++) {
		json_t *o = bc_json_push(
			e, days,
			json_pack("{s:o, s:o, s:s}", "from",
				  bc_date_json(r[i].from), "to",
				  bc_date_json(r[i].to), "kind",
				  day_kinds[r[i].kind]));
		if (o && r[i].label)
			bc_json_set(e, o, "label", json_string(r[i].label));
		if (o && r[i].first)
			bc_json_set(e, o, "counted",
				    json_pack("[i, i]", r[i].first, r[i].last));
	}
	bc_free(r);
	return bc_json_made(
		e, json_pack("{s:s, s:o, s:i, s:o, s:o}", "rule", text, "after",
			     bc_date_json(p->to), "working_days",
			     rule->workdays, "date", bc_date_json(due),
			     "days", days ? days : json_null()));
}

/* Into o: "unit_due_for", the kinds' and levels' own unit deadlines (in
 * force), and "counted", how deadlines in working days were counted;
 * each only for a period that has some. */
static void dues_json(bc_err *e, json_t *o, const bc_period *p)
{
	if (!p->pt)
		return;
	json_t *counted = bc_json_made(e, json_object()), *c;
	if ((c = counted_json(e, p, &p->pt->unit_due, p->rules_unit_due)))
		bc_json_set(e, counted, "unit_due", c);
	if ((c = counted_json(e, p, &p->pt->compile_due, p->compile_due)))
		bc_json_set(e, counted, "compile_due", c);
	json_t *own = p->n_dues ? bc_json_made(e, json_array()) : NULL;
	for (size_t i = 0; own && i < p->n_dues; i++) {
		const bc_due_for *f = p->dues[i].of;
		bc_date due = p->dues[i].rules_due;
		json_t *x = bc_json_push(
			e, own,
			json_pack("{s:s, s:o}", f->kind ? "kind" : "level",
				  f->kind ? f->kind : f->level, "unit_due",
				  bc_date_json(bc_period_due_in_force(p, due, NULL))));
		if (x && (c = counted_json(e, p, &f->due, due)))
			bc_json_set(e, x, "counted", c);
	}
	if (own)
		bc_json_set(e, o, "unit_due_for", own);
	if (counted && json_object_size(counted))
		bc_json_set(e, o, "counted", counted);
	else
		json_decref(counted);
}

json_t *bc_period_json(const bc_period *p)
{
	bc_err e = BC_OK;
	json_t *o = json_pack(
		"{s:s, s:s, s:i, s:s, s:s, s:{s:o, s:o}, s:o, s:o}", "period",
		p->code, "type", p->type, "year", p->year, "label", p->label,
		"ruleset", p->rs->id, "window", "from", bc_date_json(p->from),
		"to", bc_date_json(p->to), "unit_due",
		bc_date_json(p->unit_due), "compile_due",
		bc_date_json(p->compile_due));
	bc_json_set(&e, o, "advanced_by",
		    p->advanced_doc ? json_pack("{s:s, s:o}", "doc",
						p->advanced_doc, "unit_due",
						bc_date_json(p->advanced_due))
				    : json_null());
	dues_json(&e, o, p);
	if (p->adhoc_no) {
		json_t *forms = bc_json_made(&e, json_array());
		for (const char *f = p->forms; f && *f;) {
			const char *c = strchr(f, ',');
			size_t n = c ? (size_t)(c - f) : strlen(f);
			bc_json_push(&e, forms, json_stringn(f, n));
			f += n + (c != NULL);
		}
		bc_json_set(&e, o, "forms", p->forms ? forms
						    : (json_decref(forms),
						       json_null()));
		bc_json_set(&e, o, "doc", json_string(p->doc));
	}
	if (p->derived)
		bc_json_set(&e, o, "derived",
			    bc_json_made(&e, bc_period_derived_json(p)));
	return bc_json_whole(o, e);
}

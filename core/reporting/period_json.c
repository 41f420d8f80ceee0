/* SPDX-License-Identifier: MIT */
/* A period as JSON: `period show --json` and the export model. */
#include "period_json.h"
#include "derived.h"
#include "jsonset.h"

#include <string.h>

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
						bc_date_json(p->unit_due))
				    : json_null());
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

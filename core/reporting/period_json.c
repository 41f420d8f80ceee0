/* SPDX-License-Identifier: MIT */
/* A period as JSON: `period show --json` and the export model. */
#include "period_json.h"

#include <string.h>

json_t *bc_period_json(const bc_period *p)
{
	json_t *o = json_pack(
		"{s:s, s:s, s:i, s:s, s:s, s:{s:o, s:o}, s:o, s:o}", "period",
		p->code, "type", p->type, "year", p->year, "label", p->label,
		"ruleset", p->rs->id, "window", "from", bc_date_json(p->from),
		"to", bc_date_json(p->to), "unit_due",
		bc_date_json(p->unit_due), "compile_due",
		bc_date_json(p->compile_due));
	json_object_set_new(
		o, "advanced_by",
		p->advanced_doc ? json_pack("{s:s, s:o}", "doc", p->advanced_doc,
					    "unit_due",
					    bc_date_json(p->unit_due))
				: json_null());
	if (p->adhoc_no) {
		json_t *forms = json_array();
		for (const char *f = p->forms; f && *f;) {
			const char *e = strchr(f, ',');
			size_t n = e ? (size_t)(e - f) : strlen(f);
			json_array_append_new(forms, json_stringn(f, n));
			f += n + (e != NULL);
		}
		json_object_set_new(o, "forms", p->forms ? forms
							  : (json_decref(forms),
							     json_null()));
		json_object_set_new(o, "doc", json_string(p->doc));
	}
	return o;
}

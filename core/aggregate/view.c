/* SPDX-License-Identifier: MIT */
/* JSON views of the library's objects, shared by --json and exports. */
#include "view.h"

#include <math.h>
#include <string.h>

json_t *bc_date_json(bc_date d)
{
	char buf[BC_DATE_BUF];
	if (d == BC_DATE_NONE)
		return json_null();
	bc_date_format(d, buf);
	return json_string(buf);
}

#define date_json bc_date_json

json_t *bc_period_json(const bc_period *p)
{
	json_t *o = json_pack(
		"{s:s, s:s, s:i, s:s, s:s, s:{s:o, s:o}, s:o, s:o}", "period",
		p->code, "type", p->type, "year", p->year, "label", p->label,
		"ruleset", p->rs->id, "window", "from", date_json(p->from),
		"to", date_json(p->to), "unit_due",
		date_json(p->unit_due), "compile_due",
		date_json(p->compile_due));
	json_object_set_new(
		o, "advanced_by",
		p->advanced_doc ? json_pack("{s:s, s:o}", "doc", p->advanced_doc,
					    "unit_due",
					    date_json(p->unit_due))
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

static json_t *rate(size_t part, size_t whole)
{
	if (!whole)
		return json_null();
	return json_real(round(1000.0 * (double)part / (double)whole) / 10.0);
}

json_t *bc_status_unit_json(const bc_status *s, size_t k)
{
	const bc_unit_status *u = &s->units[k];
	int offset = s->period.rs->directive.utc_offset;
	json_t *req = json_array(), *rec = json_object(), *miss = json_array();
	for (size_t i = 0; i < u->owed.n_parts; i++) {
		const bc_part_status *p = &u->parts[i];
		json_array_append_new(req, json_string(p->part));
		if (!p->revision) {
			json_array_append_new(miss, json_string(p->part));
			continue;
		}
		char at[BC_TIME_BUF];
		bc_time_format(p->first, offset, at);
		json_object_set_new(rec, p->part,
				    json_pack("{s:i, s:s, s:b}", "revision",
					      p->revision, "received_at", at,
					      "on_time", p->on_time));
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:s}", "unit",
			 u->unit.code, "kind", u->unit.kind, "required", req,
			 "received", rec, "missing", miss, "state",
			 bc_state_name(u->state));
}

json_t *bc_status_json(const bc_status *s, bool units)
{
	size_t n = s->n;
	json_t *list = units ? json_array() : NULL;
	for (size_t i = 0; list && i < n; i++)
		json_array_append_new(list, bc_status_unit_json(s, i));
	return json_pack("{s:s, s:o, s:o, s:{s:i, s:i, s:i, s:i, s:i, s:i,"
			 " s:o, s:o}, s:o*}",
			 "period", s->period.code, "as_of",
			 date_json(s->as_of), "unit_due",
			 date_json(s->period.unit_due), "summary",
			 "expected", (int)n, "complete", (int)s->complete,
			 "on_time", (int)s->on_time, "late", (int)s->late,
			 "partial", (int)s->partial, "missing",
			 (int)s->missing, "reporting_rate",
			 rate(s->complete, n), "on_time_rate",
			 rate(s->on_time, n), "units", list);
}


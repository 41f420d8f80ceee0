/* SPDX-License-Identifier: MIT */
/* A period's status as JSON: `status --json` and the export model. */
#include "status_json.h"
#include "derived.h"
#include "jsonset.h"

#include <math.h>

static json_t *rate(size_t part, size_t whole)
{
	if (!whole)
		return json_null();
	return json_real(round(1000.0 * (double)part / (double)whole) / 10.0);
}

/* A derived period's unit: {form: [the part periods without it]}. */
static json_t *lacking_json(bc_err *e, const bc_status *s,
			    const bc_unit_status *u)
{
	json_t *o = bc_json_made(e, json_object());
	for (size_t i = 0; i < u->owed.n_parts; i++) {
		const bc_part_status *p = &u->parts[i];
		json_t *a = p->lacking ? bc_json_set(e, o, p->part, json_array())
				       : NULL;
		for (size_t k = 0; a && k < s->period.n_parts; k++)
			if (p->lacking & (1u << k))
				bc_json_push(e, a,
					     json_string(s->period.parts[k]
								 .period.code));
	}
	return o;
}

/* The district's review of p: when, by whom, why. */
static json_t *review_json(const bc_part_status *p, int offset)
{
	char at[BC_TIME_BUF];
	bc_time_format(p->reviewed_at, offset, at);
	return json_pack("{s:s, s:s, s:s}", "at", at, "by", p->reviewer,
			 "reason", p->review_reason);
}

/* A returned part: the revision sent back, the part's first receipt,
 * and the review. */
static json_t *returned_json(const bc_part_status *p, int offset)
{
	char at[BC_TIME_BUF];
	bc_time_format(p->first, offset, at);
	bc_err e = BC_OK;
	json_t *o = bc_json_made(&e, review_json(p, offset));
	bc_json_set(&e, o, "revision", json_integer(p->returned));
	bc_json_set(&e, o, "received_at", json_string(at));
	return bc_json_whole(o, e);
}

static json_t *received_json(const bc_part_status *p, int offset)
{
	char at[BC_TIME_BUF];
	bc_time_format(p->first, offset, at);
	bc_err e = BC_OK;
	json_t *o = bc_json_made(&e, json_pack("{s:i, s:s, s:b}", "revision",
					       p->revision, "received_at", at,
					       "on_time", p->on_time));
	if (p->accepted)
		bc_json_set(&e, o, "accepted", review_json(p, offset));
	return bc_json_whole(o, e);
}

json_t *bc_status_unit_json(const bc_status *s, size_t k)
{
	const bc_unit_status *u = &s->units[k];
	int offset = s->period.rs->directive.utc_offset;
	bc_err e = BC_OK;
	json_t *req = bc_json_made(&e, json_array()),
	       *rec = bc_json_made(&e, json_object()),
	       *miss = bc_json_made(&e, json_array()), *ret = NULL;
	for (size_t i = 0; i < u->owed.n_parts; i++) {
		const bc_part_status *p = &u->parts[i];
		bc_json_push(&e, req, json_string(p->part));
		if (p->revision) {
			bc_json_set(&e, rec, p->part, received_json(p, offset));
			continue;
		}
		bc_json_push(&e, miss, json_string(p->part));
		if (p->returned && !ret)
			ret = bc_json_made(&e, json_object());
		if (p->returned)
			bc_json_set(&e, ret, p->part, returned_json(p, offset));
	}
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:s}", "unit",
			      u->unit.code, "kind", u->unit.kind, "required",
			      req, "received", rec, "missing", miss, "state",
			      bc_state_name(u->state));
	/* A returned part is owed again (under missing); what was said of
	 * it, only where some part was returned. */
	if (ret)
		bc_json_set(&e, o, "returned", ret);
	/* Where deadlines differ by kind or level, each unit's own. */
	if (o && bc_period_dues_vary(&s->period))
		bc_json_set(&e, o, "unit_due", bc_date_json(u->due));
	if (s->period.derived)
		bc_json_set(&e, o, "lacking", lacking_json(&e, s, u));
	return bc_json_whole(o, e);
}

json_t *bc_status_json(const bc_status *s, bool units)
{
	size_t n = s->n;
	bc_err e = BC_OK;
	json_t *list = units ? bc_json_made(&e, json_array()) : NULL;
	for (size_t i = 0; list && i < n; i++)
		bc_json_push(&e, list, bc_status_unit_json(s, i));
	if (e != BC_OK) {
		json_decref(list);
		return NULL;
	}
	json_t *o = json_pack("{s:s, s:o, s:o, s:{s:i, s:i, s:i, s:i, s:i, s:i,"
			 " s:o, s:o}, s:o*}",
			 "period", s->period.code, "as_of",
			 bc_date_json(s->as_of), "unit_due",
			 bc_date_json(s->period.unit_due), "summary",
			 "expected", (int)n, "complete", (int)s->complete,
			 "on_time", (int)s->on_time, "late", (int)s->late,
			 "partial", (int)s->partial, "missing",
			 (int)s->missing, "reporting_rate",
			 rate(s->complete, n), "on_time_rate",
			 rate(s->on_time, n), "units", list);
	if (s->period.derived)
		bc_json_set(&e, o, "derived",
			    bc_json_made(&e, bc_period_derived_json(&s->period)));
	return bc_json_whole(o, e);
}


json_t *bc_events_json(const bc_events *e, int offset)
{
	bc_err err = BC_OK;
	json_t *a = bc_json_made(&err, json_array());
	for (size_t i = 0; a && i < e->n; i++) {
		const bc_event *v = &e->v[i];
		char at[BC_TIME_BUF];
		bc_time_format(v->at, offset, at);
		json_t *o = bc_json_push(
			&err, a,
			json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "at", at,
				  "event", bc_event_name(v->kind), "unit",
				  v->unit, "part", v->part, "revision",
				  v->number, "by", v->actor));
		if (o && v->reason)
			bc_json_set(&err, o, "reason", json_string(v->reason));
	}
	return bc_json_whole(a, err);
}

/* SPDX-License-Identifier: MIT */
#include "status.h"
#include "collate.h"
#include "derive.h"
#include "mem.h"
#include "revision.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

const char *bc_state_name(bc_state s)
{
	static const char *const names[] = {"on_time", "late", "partial",
					    "missing"};
	return names[s];
}

/* One revision as the status sees it, with the district's latest
 * review of it (verdict 0 none, 'r' returned, 'a' accepted). */
typedef struct receipt {
	int64_t unit_id;
	char *part;
	int number;
	bc_time at;
	bool complete;
	char verdict;
	bc_time reviewed_at;
	char *reviewer, *reason;
} receipt;

static bc_err receipt_from_row(sqlite3_stmt *s, receipt *r)
{
	const char *verdict = (const char *)sqlite3_column_text(s, 5);
	*r = (receipt){sqlite3_column_int64(s, 0),
		       bc_strdup((const char *)sqlite3_column_text(s, 1)),
		       sqlite3_column_int(s, 2),
		       sqlite3_column_int64(s, 3),
		       sqlite3_column_int(s, 4) != 0,
		       verdict ? verdict[0] : 0,
		       sqlite3_column_int64(s, 6),
		       NULL,
		       NULL};
	if (verdict) {
		r->reviewer = bc_strdup((const char *)sqlite3_column_text(s, 7));
		r->reason = bc_strdup((const char *)sqlite3_column_text(s, 8));
	}
	bool ok = r->part && (!verdict || (r->reviewer && r->reason));
	if (!ok) {
		bc_free(r->part);
		bc_free(r->reviewer);
		bc_free(r->reason);
	}
	return ok ? BC_OK : BC_ERR_NOMEM;
}

static bc_err receipts(bc_store *st, int64_t period_id, bc_time until,
		       receipt **out, size_t *n, bc_diags *d)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (!period_id)
		return BC_OK;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "SELECT r.unit_id, r.part, r.number,"
			       " r.received_at, r.complete, w.verdict,"
			       " w.reviewed_at, w.actor, w.reason"
			       " FROM " BC_STANDING " r"
			       " LEFT JOIN review w ON w.id = r.review_id"
			       " WHERE r.period_id = ? AND r.received_at <= ?"
			       " ORDER BY r.unit_id, r.part, r.received_at,"
			       " r.number",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, "status");
	sqlite3_bind_int64(s, 1, period_id);
	sqlite3_bind_int64(s, 2, until);
	bc_err rc = BC_OK;
	int step = SQLITE_DONE;
	while (rc == BC_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)out, &cap, *n + 1, sizeof **out) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		rc = receipt_from_row(s, &(*out)[*n]);
		if (rc == BC_OK)
			(*n)++;
	}
	if (rc == BC_OK && step != SQLITE_DONE) /* not the last receipt */
		rc = bc_store_fail(st, d, "status");
	sqlite3_finalize(s);
	return rc;
}

static void receipts_free(receipt *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bc_free(v[i].part);
		bc_free(v[i].reviewer);
		bc_free(v[i].reason);
	}
	bc_free(v);
}

/* The district's review of the revision in force r into ps: a returned
 * one does not count as received (the part is owed again). */
static bc_err take_review(bc_part_status *ps, const receipt *r)
{
	if (!r->verdict)
		return BC_OK;
	ps->reviewed_at = r->reviewed_at;
	ps->reviewer = bc_strdup(r->reviewer);
	ps->review_reason = bc_strdup(r->reason);
	if (r->verdict == 'r') {
		ps->returned = ps->revision;
		ps->revision = 0;
	} else {
		ps->accepted = true;
	}
	return ps->reviewer && ps->review_reason ? BC_OK : BC_ERR_NOMEM;
}

/* Fills ps from the receipts of (unit, part), which are in time order:
 * the last is in force, the first complete one is the first receipt. */
static bc_err part_status(bc_part_status *ps, const receipt *v, size_t n,
			  int64_t unit_id, const bc_period *p, bc_date due)
{
	const bc_directive *dir = &p->rs->directive;
	const receipt *in_force = NULL;
	for (size_t i = 0; i < n; i++) {
		if (v[i].unit_id != unit_id || strcmp(v[i].part, ps->part))
			continue;
		if (v[i].complete && !in_force)
			ps->first = v[i].at;
		if (v[i].complete || in_force)
			in_force = &v[i];
	}
	if (!in_force)
		return BC_OK;
	ps->revision = in_force->number;
	bc_date day = bc_time_date(ps->first, dir->utc_offset);
	ps->on_time = dir->deadline_inclusive ? day <= due : day < due;
	return take_review(ps, in_force);
}

static bc_state unit_state(const bc_unit_status *u)
{
	size_t got = 0, late = 0;
	for (size_t i = 0; i < u->owed.n_parts; i++) {
		got += u->parts[i].revision > 0;
		late += u->parts[i].revision > 0 && !u->parts[i].on_time;
	}
	if (!got)
		return BC_STATE_MISSING;
	if (got < u->owed.n_parts)
		return BC_STATE_PARTIAL;
	return late ? BC_STATE_LATE : BC_STATE_ON_TIME;
}

static int cmp_unit(const void *a, const void *b)
{
	const bc_unit_status *x = a, *y = b;
	int c = strcmp(x->sort_key, y->sort_key);
	return c ? c : strcmp(x->unit.code, y->unit.code);
}

/* The receipts of one unit: they are sorted by unit first. */
static const receipt *unit_receipts(const receipt *v, size_t n,
				    int64_t unit_id, size_t *count)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].unit_id < unit_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < n && v[end].unit_id == unit_id)
		end++;
	*count = end - lo;
	return v + lo;
}

/* Takes the unit over into out if it owes anything. */
static bc_err add_unit(bc_status *out, size_t *cap, bc_unit *u,
		       const receipt *rv, size_t nr)
{
	bc_owed owed;
	bc_err rc = bc_owed_for(&out->period, u->kind, u->roles, u->n_roles,
				&owed);
	if (rc != BC_OK || !owed.n_parts) {
		bc_owed_free(&owed);
		return rc;
	}
	if (bc_grow((void **)&out->units, cap, out->n + 1,
		    sizeof *out->units) < 0) {
		bc_owed_free(&owed);
		return BC_ERR_NOMEM;
	}
	bc_unit_status *us = &out->units[out->n++];
	*us = (bc_unit_status){.unit = *u, .owed = owed};
	*u = (bc_unit){0};
	us->parts = bc_calloc(owed.n_parts, sizeof *us->parts);
	us->sort_key = bc_collate_key(us->unit.name);
	if (!us->parts || !us->sort_key)
		return BC_ERR_NOMEM;
	size_t mine;
	const receipt *r = unit_receipts(rv, nr, us->unit.id, &mine);
	us->due = bc_period_unit_due(&out->period, us->unit.kind, NULL);
	for (size_t i = 0; rc == BC_OK && i < owed.n_parts; i++) {
		us->parts[i].part = owed.parts[i];
		rc = part_status(&us->parts[i], r, mine, us->unit.id,
				 &out->period, us->due);
	}
	us->state = unit_state(us);
	return rc;
}

static void count(bc_status *s)
{
	for (size_t i = 0; i < s->n; i++)
		switch (s->units[i].state) {
		case BC_STATE_ON_TIME:
			s->complete++;
			s->on_time++;
			break;
		case BC_STATE_LATE:
			s->complete++;
			s->late++;
			break;
		case BC_STATE_PARTIAL:
			s->partial++;
			break;
		case BC_STATE_MISSING:
			s->missing++;
			break;
		}
}

/* The status of out->period (got, and owned by out) as of out->as_of;
 * rb only for a derived period, whose parts' say. */
static bc_err fill(bc_store *st, bc_rulebook *rb, bc_status *out,
		   bc_diags *d)
{
	bc_unit_list units;
	receipt *rv = NULL;
	size_t nr = 0, cap = 0;
	bc_time until = bc_period_day_end(&out->period, out->as_of);
	/* Who is expected: the units of the day the period sees. */
	bc_err rc = bc_units_as_of(st, out->period.to, &units, d);
	if (rc == BC_OK)
		rc = receipts(st, out->period.id, until, &rv, &nr, d);
	for (size_t i = 0; rc == BC_OK && i < units.n; i++)
		rc = add_unit(out, &cap, &units.v[i], rv, nr);
	/* A derived period has no receipts of its own: its parts' say. */
	if (rc == BC_OK && out->period.derived)
		rc = bc_derive_status(st, rb, out, d);
	for (size_t i = 0; rc == BC_OK && out->period.derived && i < out->n; i++)
		out->units[i].state = unit_state(&out->units[i]);
	if (rc == BC_OK) {
		if (out->n) /* no unit, no array: qsort takes none */
			qsort(out->units, out->n, sizeof *out->units,
			      cmp_unit);
		count(out);
	}
	receipts_free(rv, nr);
	bc_unit_list_free(&units);
	return rc;
}

bc_err bc_status_get(bc_store *st, bc_rulebook *rb, const char *period,
		     bc_date as_of, bc_status *out, bc_diags *d)
{
	*out = (bc_status){.as_of = as_of};
	bc_err rc = bc_period_get(st, rb, period, &out->period, d);
	return rc == BC_OK ? fill(st, rb, out, d) : rc;
}

bc_err bc_status_of(bc_store *st, bc_period *p, bc_date as_of,
		    bc_status *out, bc_diags *d)
{
	*out = (bc_status){.as_of = as_of, .period = *p};
	*p = (bc_period){0};
	if (out->period.derived)
		return BC_ERR_INVALID;
	return fill(st, NULL, out, d);
}

void bc_status_free(bc_status *s)
{
	for (size_t i = 0; i < s->n; i++) {
		bc_unit_free(&s->units[i].unit);
		for (size_t k = 0; s->units[i].parts &&
				   k < s->units[i].owed.n_parts; k++) {
			bc_free(s->units[i].parts[k].reviewer);
			bc_free(s->units[i].parts[k].review_reason);
		}
		bc_owed_free(&s->units[i].owed);
		bc_free(s->units[i].parts);
		bc_free(s->units[i].sort_key);
	}
	bc_free(s->units);
	bc_period_free(&s->period);
	*s = (bc_status){0};
}

const char *bc_event_name(bc_event_kind k)
{
	static const char *const names[] = {"received", "returned",
					    "accepted", "voided"};
	return names[k];
}

/* Receipts, reviews and voids of period ?1 from ?2 to ?3, in time
 * order; a kind each as bc_event_kind numbers them. */
static const char SINCE_SQL[] =
	"SELECT r.received_at, 0, u.code, r.part, r.number, s.actor, NULL"
	" FROM revision_received r JOIN submission s ON s.id = r.submission_id"
	" JOIN unit u ON u.id = r.unit_id WHERE r.period_id = ?1"
	" AND r.received_at BETWEEN ?2 AND ?3"
	" UNION ALL SELECT w.reviewed_at, iif(w.verdict = 'return', 1, 2),"
	" u.code, r.part, r.number, w.actor, w.reason FROM review w"
	" JOIN revision r ON r.id = w.revision_id JOIN unit u ON u.id = r.unit_id"
	" WHERE r.period_id = ?1 AND w.reviewed_at BETWEEN ?2 AND ?3"
	" UNION ALL SELECT x.voided_at, 3, u.code, r.part, r.number, x.actor,"
	" x.reason FROM revision_void x JOIN revision r ON r.id = x.revision_id"
	" JOIN unit u ON u.id = r.unit_id"
	" WHERE r.period_id = ?1 AND x.voided_at BETWEEN ?2 AND ?3"
	" ORDER BY 1, 2, 3, 4, 5";

static bc_err event_from_row(sqlite3_stmt *s, bc_event *e)
{
	bool oom = false;
	char **strs[] = {&e->unit, &e->part, &e->actor, &e->reason};
	int cols[] = {2, 3, 5, 6};
	*e = (bc_event){.at = sqlite3_column_int64(s, 0),
			.kind = (bc_event_kind)sqlite3_column_int(s, 1),
			.number = sqlite3_column_int(s, 4)};
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		const char *t = (const char *)sqlite3_column_text(s, cols[i]);
		*strs[i] = t ? bc_strdup(t) : NULL;
		oom |= t && !*strs[i];
	}
	return oom ? BC_ERR_NOMEM : BC_OK;
}

bc_err bc_status_since(bc_store *st, const bc_status *s, bc_date since,
		       bc_events *out, bc_diags *d)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	*out = (bc_events){0};
	if (!s->period.id)
		return BC_OK; /* never used: nothing happened to it */
	if (sqlite3_prepare_v2(bc_store_db(st), SINCE_SQL, -1, &q, NULL) !=
	    SQLITE_OK)
		return bc_store_fail(st, d, "status");
	sqlite3_bind_int64(q, 1, s->period.id);
	sqlite3_bind_int64(q, 2, bc_period_day_end(&s->period, since - 1) + 1);
	sqlite3_bind_int64(q, 3, bc_period_day_end(&s->period, s->as_of));
	bc_err rc = BC_OK;
	int step = SQLITE_DONE;
	while (rc == BC_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		if (bc_grow((void **)&out->v, &cap, out->n + 1,
			    sizeof *out->v) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		rc = event_from_row(q, &out->v[out->n++]);
	}
	if (rc == BC_OK && step != SQLITE_DONE)
		rc = bc_store_fail(st, d, "status");
	sqlite3_finalize(q);
	return rc;
}

void bc_events_free(bc_events *e)
{
	for (size_t i = 0; i < e->n; i++) {
		bc_free(e->v[i].unit);
		bc_free(e->v[i].part);
		bc_free(e->v[i].actor);
		bc_free(e->v[i].reason);
	}
	bc_free(e->v);
	*e = (bc_events){0};
}

/* SPDX-License-Identifier: MIT */
#include "remind.h"
#include "derived.h"
#include "docwords.h"
#include "i18n.h"
#include "mem.h"
#include "wording.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

const char *bc_remind_why_name(bc_remind_why w)
{
	static const char *const names[] = {"owes", "overdue", "late"};
	return names[w];
}

/* The last day a part arrives on time: the due day itself, or the day
 * before it where the rules count the due day as late. */
static bc_date last_day(const bc_period *p, bc_date due)
{
	return p->rs->directive.deadline_inclusive ? due : due - 1;
}

/* The day the latest of u's parts first arrived, in the rules' zone. */
static bc_date last_arrival(const bc_period *p, const bc_unit_status *u)
{
	bc_date last = BC_DATE_NONE;
	for (size_t k = 0; k < u->owed.n_parts; k++) {
		bc_date day = bc_time_date(u->parts[k].first,
					   p->rs->directive.utc_offset);
		if (u->parts[k].revision && (last == BC_DATE_NONE || day > last))
			last = day;
	}
	return last;
}

void bc_remind_period_text(const bc_period *p, char *out, size_t n)
{
	const char *name = bc_doc_period_name(p->rs, p->type);
	char year[8], no[8];
	snprintf(year, sizeof year, "%d", p->year);
	snprintf(no, sizeof no, "%d", p->adhoc_no);
	bc_wording_fill(name ? name : p->label, BC_SLOTS({"year", year},
							  {"n", no}),
			out, n);
}

void bc_remind_parts(const bc_remind *rm, const bc_reminder *r, char *out,
		     size_t n)
{
	size_t o = 0;
	if (n)
		out[0] = '\0';
	for (size_t k = 0; k < r->n_owes && o < n; k++)
		o += (size_t)snprintf(out + o, n - o, "%s%s", k ? ", " : "",
				      bc_ruleset_part_name(rm->status.period.rs,
							   r->owes[k]));
}

/* The key of r's message. */
static bc_wkey message_key(const bc_reminder *r)
{
	if (r->why == BC_REMIND_LATE)
		return BC_W_REMIND_LATE;
	if (r->why == BC_REMIND_OVERDUE)
		return BC_W_REMIND_OVERDUE;
	return r->days ? BC_W_REMIND_AHEAD : BC_W_REMIND_TODAY;
}

/* A sentence for each part of r sent back to its unit, into out[n]. */
static void returned_text(const bc_remind *rm, const bc_reminder *r,
			  char *out, size_t n)
{
	const bc_period *p = &rm->status.period;
	size_t o = 0;
	out[0] = '\0';
	for (size_t k = 0; k < r->u->owed.n_parts && o + 1 < n; k++) {
		const bc_part_status *ps = &r->u->parts[k];
		char day[BC_DATE_BUF];
		if (!ps->returned)
			continue;
		bc_date_format_dmy(bc_time_date(ps->reviewed_at,
						p->rs->directive.utc_offset),
				   day);
		bc_word_fill(p->rs, BC_W_REMIND_RETURNED, out + o, n - o,
			     BC_SLOTS({"part", bc_ruleset_part_name(p->rs,
								    ps->part)},
				      {"date", day},
				      {"reason", ps->review_reason}));
		o += strlen(out + o);
	}
}

/* r's subject and message, in the words of the period's rules. */
static bc_err texts(const bc_remind *rm, bc_reminder *r)
{
	const bc_status *s = &rm->status;
	char parts[2048], due[BC_DATE_BUF], as_of[BC_DATE_BUF],
		sent[BC_DATE_BUF], days[16], text[4096], returned[2048],
		period[256];
	bc_remind_parts(rm, r, parts, sizeof parts);
	returned_text(rm, r, returned, sizeof returned);
	bc_remind_period_text(&s->period, period, sizeof period);
	bc_date_format_dmy(r->last_day, due);
	bc_date_format_dmy(s->as_of, as_of);
	bc_date_format_dmy(r->sent, sent);
	snprintf(days, sizeof days, "%d", r->days < 0 ? -r->days : r->days);
	const bc_slot slots[] = {
		{"unit", r->u->unit.name}, {"period", period},
		{"parts", parts},	   {"due", due},
		{"as_of", as_of},	   {"sent", sent},
		{"days", days},		   {"returned", returned}};
	const size_t n = sizeof slots / sizeof *slots;
	bc_word_fill(s->period.rs, BC_W_REMIND_SUBJECT, text, sizeof text,
		     slots, n);
	r->subject = bc_strdup(text);
	bc_word_fill(s->period.rs, message_key(r), text, sizeof text, slots,
		     n);
	r->message = bc_strdup(text);
	return r->subject && r->message ? BC_OK : BC_ERR_NOMEM;
}

/* The reminder of u into r, when u is to be reminded (*wanted). */
static bc_err reminder_of(const bc_remind *rm, const bc_unit_status *u,
			  bc_reminder *r, bool *wanted)
{
	const bc_status *s = &rm->status;
	*r = (bc_reminder){.u = u, .last_day = last_day(&s->period, u->due),
			   .sent = BC_DATE_NONE};
	*wanted = u->state != BC_STATE_ON_TIME;
	if (!*wanted)
		return BC_OK;
	r->owes = bc_calloc(u->owed.n_parts + 1, sizeof *r->owes);
	if (!r->owes)
		return BC_ERR_NOMEM;
	for (size_t k = 0; k < u->owed.n_parts; k++)
		if (!u->parts[k].revision)
			r->owes[r->n_owes++] = u->parts[k].part;
	r->days = (int)(r->last_day - s->as_of);
	if (!r->n_owes) {
		r->why = BC_REMIND_LATE;
		r->sent = last_arrival(&s->period, u);
		r->days = (int)(r->sent - r->last_day);
	} else {
		r->why = r->days < 0 ? BC_REMIND_OVERDUE : BC_REMIND_OWES;
	}
	return texts(rm, r);
}

bc_err bc_remind_get(bc_store *st, bc_rulebook *rb, const char *period,
		     bc_date as_of, bc_remind *out, bc_diags *d)
{
	*out = (bc_remind){0};
	bc_err rc = bc_status_get(st, rb, period, as_of, &out->status, d);
	if (rc == BC_OK)
		rc = bc_period_sent(&out->status.period, d);
	if (rc == BC_OK && out->status.n &&
	    !(out->v = bc_calloc(out->status.n, sizeof *out->v)))
		rc = BC_ERR_NOMEM;
	for (size_t i = 0; rc == BC_OK && i < out->status.n; i++) {
		bool wanted;
		rc = reminder_of(out, &out->status.units[i], &out->v[out->n],
				 &wanted);
		if (wanted || rc != BC_OK)
			out->n++;
	}
	return rc;
}

void bc_remind_free(bc_remind *r)
{
	for (size_t i = 0; i < r->n; i++) {
		bc_free(r->v[i].owes);
		bc_free(r->v[i].subject);
		bc_free(r->v[i].message);
	}
	bc_free(r->v);
	bc_status_free(&r->status);
	*r = (bc_remind){0};
}

/* The reminder's row, inside the caller's transaction. */
static bc_err insert_sent(bc_store *st, const bc_remind *rm,
			  const bc_reminder *r, const char *address,
			  const char *program, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "INSERT INTO reminder (period_id, unit_id,"
			       " address, subject, body, program, sent_at,"
			       " actor) VALUES (?,?,?,?,?,?,?,?)",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("reminder"));
	sqlite3_bind_int64(s, 1, rm->status.period.id);
	sqlite3_bind_int64(s, 2, r->u->unit.id);
	sqlite3_bind_text(s, 3, address, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->message, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, program, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, bc_store_now(st));
	sqlite3_bind_text(s, 8, bc_store_actor(st), -1, SQLITE_STATIC);
	bc_err rc = sqlite3_step(s) == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("reminder"));
	sqlite3_finalize(s);
	return rc;
}

bc_err bc_remind_record(bc_store *st, bc_remind *rm, const bc_reminder *r,
			const char *address, const char *program,
			bc_diags *d)
{
	bc_err rc = bc_store_begin(st, d);
	if (rc != BC_OK)
		return rc;
	rc = bc_period_record(st, &rm->status.period, d);
	if (rc == BC_OK)
		rc = insert_sent(st, rm, r, address, program, d);
	char *object = rc == BC_OK ? bc_sprintf("%s %s", r->u->unit.code,
						rm->status.period.code)
				   : NULL;
	if (rc == BC_OK)
		rc = object ? bc_store_audit(st, "remind.send", object, address,
					     d)
			    : BC_ERR_NOMEM;
	bc_free(object);
	return rc == BC_OK ? bc_store_commit(st, d)
			   : (bc_store_rollback(st), rc);
}

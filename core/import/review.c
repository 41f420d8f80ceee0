/* SPDX-License-Identifier: MIT */
#include "review.h"
#include "i18n.h"
#include "mem.h"
#include "period.h"
#include "revision.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

const char *bc_verdict_id(bc_verdict v)
{
	return v == BC_VERDICT_RETURN ? "return" : "accept";
}

void bc_acted_list_free(bc_acted_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		bc_free(l->v[i].part);
	bc_free(l->v);
	*l = (bc_acted_list){0};
}

static bool blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

/* What a review or a void acts on: the period, the unit's id. */
typedef struct target {
	bc_period p;
	int64_t unit_id;
	int offset; /* the rules' time zone, for the times said */
} target;

static bc_err unit_id(bc_store *st, const char *code, int64_t *id,
		      bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(st, "SELECT id FROM unit WHERE code = ?");
	if (!s)
		return bc_store_fail(st, d, N_("review"));
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	*id = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return bc_store_fail(st, d, N_("review"));
	if (!*id) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("unknown unit '%s' (see 'baocao units list')"),
			     code);
		return BC_ERR_NOT_FOUND;
	}
	return BC_OK;
}

/* The period and unit, and every part one of the period's rules: each
 * problem said. */
static bc_err find_target(bc_store *st, bc_rulebook *rb, const char *unit,
			  const char *period, const char *const *parts,
			  size_t n, target *t, bc_diags *d)
{
	*t = (target){0};
	bc_err rc = bc_period_get(st, rb, period, &t->p, d);
	if (rc != BC_OK)
		return rc;
	t->offset = t->p.rs->directive.utc_offset;
	rc = unit_id(st, unit, &t->unit_id, d);
	for (size_t i = 0; i < n; i++) {
		if (bc_ruleset_part(t->p.rs, parts[i]))
			continue;
		char *all = bc_ruleset_parts_text(t->p.rs);
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s is no form of %s (ruleset %s); its forms "
				"are %s"),
			     parts[i], t->p.code, t->p.rs->id,
			     all ? all : "…");
		bc_free(all);
		rc = BC_ERR_NOT_FOUND;
	}
	return rc;
}

/* ---- reviews --------------------------------------------------------- */

/* The revision in force of a part now, with its latest review. */
typedef struct in_force {
	int64_t id; /* 0: none stands */
	int number;
	char verdict; /* 0, 'r' returned, 'a' accepted */
	bc_time at;
	char actor[128];
	bool again; /* its part named before: acted on once */
} in_force;

static bc_err find_in_force(bc_store *st, const target *t, const char *part,
			    in_force *f, bc_diags *d)
{
	static const char sql[] =
		"SELECT r.id, r.number, w.verdict, w.reviewed_at, w.actor"
		" FROM " BC_STANDING " r LEFT JOIN review w ON w.id = r.review_id"
		" WHERE r.unit_id = ?1 AND r.period_id = ?2 AND r.part = ?3"
		BC_LATEST("r") " LIMIT 1";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	*f = (in_force){0};
	if (!s)
		return bc_store_fail(st, d, N_("review"));
	sqlite3_bind_int64(s, 1, t->unit_id);
	sqlite3_bind_int64(s, 2, t->p.id);
	sqlite3_bind_text(s, 3, part, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 2);
		const char *who = (const char *)sqlite3_column_text(s, 4);
		f->id = sqlite3_column_int64(s, 0);
		f->number = sqlite3_column_int(s, 1);
		f->verdict = v ? v[0] : 0;
		f->at = sqlite3_column_int64(s, 3);
		snprintf(f->actor, sizeof f->actor, "%s", who ? who : "");
	}
	sqlite3_reset(s);
	return r == SQLITE_ROW || r == SQLITE_DONE
		       ? BC_OK
		       : bc_store_fail(st, d, N_("review"));
}

/* Whether the verdict changes anything of f: a revision stands, and
 * its latest review is not the same verdict. */
static bool changes(const bc_review_req *q, const in_force *f)
{
	return f->id && f->verdict != (q->verdict == BC_VERDICT_RETURN ? 'r'
								       : 'a');
}

/* Says in d why the verdict cannot be given on f (!changes). */
static void say_refused(const bc_review_req *q, const target *t,
			const char *part, const in_force *f, bc_diags *d)
{
	char at[BC_TIME_BUF];
	bc_time_format_dmy(f->at, t->offset, at);
	if (!f->id)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s %s: %s was never sent (no revision of it "
				"stands): nothing to review"),
			     q->unit, q->period, part);
	else if (q->verdict == BC_VERDICT_RETURN)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s %s: %s revision %d was returned already "
				"(%s, by %s): it counts again when the unit "
				"sends a new revision"),
			     q->unit, q->period, part, f->number, at, f->actor);
	else
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s %s: %s revision %d was accepted already "
				"(%s, by %s)"),
			     q->unit, q->period, part, f->number, at, f->actor);
}

static bc_err acted_add(bc_acted_list *l, const char *part, int number)
{
	bc_acted *v = bc_realloc(l->v, (l->n + 1) * sizeof *v);
	if (!v)
		return BC_ERR_NOMEM;
	l->v = v;
	v[l->n] = (bc_acted){bc_strdup(part), number};
	return v[l->n++].part ? BC_OK : BC_ERR_NOMEM;
}

/* Appends a row of the district's word on revision rev by sql, whose
 * parameters are ?1 rev, ?2 reason, ?3 who, ?4 when and, for a review,
 * ?5 its verdict (NULL: none). */
static bc_err append_said(bc_store *st, const char *sql, int64_t rev,
			  const char *reason, const char *verdict, bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return bc_store_fail(st, d, N_("review"));
	sqlite3_bind_int64(s, 1, rev);
	sqlite3_bind_text(s, 2, reason ? reason : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, bc_store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, bc_store_now(st));
	if (verdict)
		sqlite3_bind_text(s, 5, verdict, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	return r == SQLITE_DONE ? BC_OK : bc_store_fail(st, d, N_("review"));
}

static bc_err append_review(bc_store *st, const bc_review_req *q,
			    const in_force *f, bc_diags *d)
{
	static const char sql[] =
		"INSERT INTO review (revision_id, verdict, reason, actor,"
		" reviewed_at) VALUES (?1, ?5, ?2, ?3, ?4)";
	return append_said(st, sql, f->id, q->reason, bc_verdict_id(q->verdict),
			   d);
}

/* The parts of which the unit has a revision standing. */
static bc_err parts_sent(bc_store *st, const target *t, bc_acted_list *out,
			 bc_diags *d)
{
	static const char sql[] =
		"SELECT DISTINCT part FROM " BC_STANDING
		" WHERE unit_id = ?1 AND period_id = ?2 ORDER BY part";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return bc_store_fail(st, d, N_("review"));
	sqlite3_bind_int64(s, 1, t->unit_id);
	sqlite3_bind_int64(s, 2, t->p.id);
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW)
		rc = acted_add(out, (const char *)sqlite3_column_text(s, 0), 0);
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(st, d, N_("review"));
	sqlite3_reset(s);
	return rc;
}

/* Judges every part, then, when none is refused, appends the reviews:
 * nothing is written for a request with a problem. */
static bc_err review_parts(bc_store *st, const bc_review_req *q,
			   const target *t, const bc_acted_list *parts,
			   bool named, bc_acted_list *out, bc_diags *d)
{
	in_force *f = bc_calloc(parts->n + 1, sizeof *f);
	bc_err rc = f ? BC_OK : BC_ERR_NOMEM;
	bool bad = false;
	for (size_t i = 0; rc == BC_OK && i < parts->n; i++) {
		rc = find_in_force(st, t, parts->v[i].part, &f[i], d);
		for (size_t k = 0; f[i].id && k < i; k++)
			f[i].again |= f[k].id == f[i].id;
		if (rc != BC_OK || f[i].again || changes(q, &f[i]))
			continue;
		/* Of the parts named, each must be one the verdict
		 * changes; of every part, those are taken. */
		if (named)
			say_refused(q, t, parts->v[i].part, &f[i], d);
		bad |= named;
		f[i].id = 0;
	}
	for (size_t i = 0; rc == BC_OK && !bad && i < parts->n; i++)
		if (f[i].id && !f[i].again) {
			rc = append_review(st, q, &f[i], d);
			if (rc == BC_OK)
				rc = acted_add(out, parts->v[i].part,
					       f[i].number);
		}
	bc_free(f);
	return rc == BC_OK && bad ? BC_ERR_INVALID : rc;
}

char *bc_acted_text(const bc_acted_list *l)
{
	char *s = bc_strdup("");
	for (size_t i = 0; s && i < l->n; i++) {
		char *t = bc_sprintf("%s%s%s r%d", s, i ? ", " : "",
				     l->v[i].part, l->v[i].number);
		bc_free(s);
		s = t;
	}
	return s;
}

static bc_err audit(bc_store *st, const char *action, const char *unit,
		    const char *period, const bc_acted_list *l,
		    const char *reason, bc_diags *d)
{
	char *object = bc_sprintf("%s %s", unit, period);
	char *what = bc_acted_text(l);
	char *detail = what ? bc_sprintf("%s: %s", what, reason ? reason : "")
			    : NULL;
	bc_err rc = object && detail
			    ? bc_store_audit(st, action, object, detail, d)
			    : BC_ERR_NOMEM;
	bc_free(object);
	bc_free(what);
	bc_free(detail);
	return rc;
}

static bc_err review_in(bc_store *st, const bc_review_req *q, const target *t,
			bc_acted_list *out, bc_diags *d)
{
	bc_acted_list parts = {0};
	bc_err rc = BC_OK;
	for (size_t i = 0; rc == BC_OK && i < q->n_parts; i++)
		rc = acted_add(&parts, q->parts[i], 0);
	if (rc == BC_OK && !q->n_parts)
		rc = parts_sent(st, t, &parts, d);
	if (rc == BC_OK)
		rc = review_parts(st, q, t, &parts, q->n_parts > 0, out, d);
	if (rc == BC_OK && !out->n) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     q->verdict == BC_VERDICT_RETURN
				     ? N_("%s %s: nothing to return (no part "
					  "in force that is not returned "
					  "already)")
				     : N_("%s %s: nothing to accept (no part "
					  "in force that is not accepted "
					  "already)"),
			     q->unit, q->period);
		rc = BC_ERR_INVALID;
	}
	bc_acted_list_free(&parts);
	char action[32];
	snprintf(action, sizeof action, "review.%s", bc_verdict_id(q->verdict));
	return rc == BC_OK ? audit(st, action, q->unit, q->period, out,
				   q->reason, d)
			   : rc;
}

bc_err bc_review_record(bc_store *st, bc_rulebook *rb, const bc_review_req *q,
			bc_acted_list *out, bc_diags *d)
{
	*out = (bc_acted_list){0};
	bc_err rc = BC_OK;
	if (q->verdict == BC_VERDICT_RETURN && blank(q->reason)) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("--reason: say why the part is returned (what "
				"the unit is to check or correct)"));
		rc = BC_ERR_INVALID;
	}
	target t;
	bc_err found = find_target(st, rb, q->unit, q->period, q->parts,
				   q->n_parts, &t, d);
	rc = found != BC_OK ? found : rc;
	if (rc == BC_OK)
		rc = bc_store_begin(st, d);
	if (rc == BC_OK) {
		rc = review_in(st, q, &t, out, d);
		if (rc == BC_OK)
			rc = bc_store_commit(st, d);
		else
			bc_store_rollback(st);
	}
	bc_period_free(&t.p);
	return rc;
}

/* ---- voids ----------------------------------------------------------- */

/* The revision r asks for, and whether it is void (since when, by whom,
 * why). */
typedef struct voidable {
	int64_t id; /* 0: none */
	int number;
	bool is_void;
	bc_time at;
	char actor[128], reason[512];
} voidable;

static bc_err find_voidable(bc_store *st, const target *t,
			    const bc_void_req *q, voidable *v, bc_diags *d)
{
	static const char sql[] =
		"SELECT r.id, r.number, x.voided_at IS NOT NULL, x.voided_at,"
		" x.actor, x.reason FROM revision_received r"
		" LEFT JOIN revision_void x ON x.revision_id = r.id"
		" WHERE r.unit_id = ?1 AND r.period_id = ?2 AND r.part = ?3"
		" AND (?4 = 0 OR r.number = ?4)" BC_LATEST("r") " LIMIT 1";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	*v = (voidable){0};
	if (!s)
		return bc_store_fail(st, d, N_("review"));
	sqlite3_bind_int64(s, 1, t->unit_id);
	sqlite3_bind_int64(s, 2, t->p.id);
	sqlite3_bind_text(s, 3, q->part, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, q->number);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		const char *who = (const char *)sqlite3_column_text(s, 4),
			   *why = (const char *)sqlite3_column_text(s, 5);
		v->id = sqlite3_column_int64(s, 0);
		v->number = sqlite3_column_int(s, 1);
		v->is_void = sqlite3_column_int(s, 2);
		v->at = sqlite3_column_int64(s, 3);
		snprintf(v->actor, sizeof v->actor, "%s", who ? who : "");
		snprintf(v->reason, sizeof v->reason, "%s", why ? why : "");
	}
	sqlite3_reset(s);
	return r == SQLITE_ROW || r == SQLITE_DONE
		       ? BC_OK
		       : bc_store_fail(st, d, N_("review"));
}

/* Why v cannot be voided (said in d), or BC_OK. */
static bc_err void_refused(const bc_void_req *q, const target *t,
			   const voidable *v, bc_diags *d)
{
	char at[BC_TIME_BUF];
	bc_time_format_dmy(v->at, t->offset, at);
	if (!v->id && q->number) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s %s has no revision %d of %s"), q->unit,
			     q->period, q->number, q->part);
		return BC_ERR_NOT_FOUND;
	}
	if (!v->id) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s %s: %s was never sent: nothing to void"),
			     q->unit, q->period, q->part);
		return BC_ERR_INVALID;
	}
	if (!v->is_void)
		return BC_OK;
	bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
		     q->number ? N_("%s %s: %s revision %d is void already "
				    "(%s, by %s: %s)")
			       : N_("%s %s: %s revision %d, the latest, is "
				    "void already (%s, by %s: %s); an earlier "
				    "one is voided with --revision N"),
		     q->unit, q->period, q->part, v->number, at, v->actor,
		     v->reason);
	return BC_ERR_INVALID;
}

static bc_err append_void(bc_store *st, const voidable *v,
			  const bc_void_req *q, bc_diags *d)
{
	static const char sql[] =
		"INSERT INTO revision_void (revision_id, reason, actor,"
		" voided_at) VALUES (?1, ?2, ?3, ?4)";
	bc_err rc = append_said(st, sql, v->id, q->reason, NULL, d);
	bc_acted one = {(char *)q->part, v->number};
	bc_acted_list l = {&one, 1};
	return rc == BC_OK ? audit(st, "revision.void", q->unit, q->period, &l,
				   q->reason, d)
			   : rc;
}

bc_err bc_revision_void(bc_store *st, bc_rulebook *rb, const bc_void_req *q,
			int *number, bc_diags *d)
{
	bc_err rc = BC_OK;
	*number = 0;
	if (blank(q->reason)) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("--reason: say why the revision is void (whose "
				"file it was, what was wrong)"));
		rc = BC_ERR_INVALID;
	}
	target t;
	bc_err found = find_target(st, rb, q->unit, q->period, &q->part, 1,
				   &t, d);
	rc = found != BC_OK ? found : rc;
	if (rc == BC_OK)
		rc = bc_store_begin(st, d);
	if (rc != BC_OK) {
		bc_period_free(&t.p);
		return rc;
	}
	voidable v;
	rc = find_voidable(st, &t, q, &v, d);
	if (rc == BC_OK)
		rc = void_refused(q, &t, &v, d);
	if (rc == BC_OK)
		rc = append_void(st, &v, q, d);
	if (rc == BC_OK)
		rc = bc_store_commit(st, d);
	else
		bc_store_rollback(st);
	if (rc == BC_OK)
		*number = v.number;
	bc_period_free(&t.p);
	return rc;
}

/* SPDX-License-Identifier: MIT */
#include "receipt.h"
#include "mem.h"
#include "period.h"
#include "revision.h"
#include "validate.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

void bc_receipt_done_free(bc_receipt_done *r)
{
	bc_free(r->revisions);
	bc_free(r->sha256);
	*r = (bc_receipt_done){0};
}

/* The id of the submission f names; BC_ERR_NOT_FOUND when none, and
 * BC_ERR_INVALID for a SHA-256 prefix of several (said in d). */
static bc_err find_submission(bc_store *st, const bc_receipt_fix *f,
			      int64_t *id, bc_diags *d)
{
	static const char by_part[] =
		"SELECT r.submission_id, 1 FROM revision_received r"
		" JOIN unit u ON u.id = r.unit_id"
		" JOIN period p ON p.id = r.period_id"
		" WHERE u.code = ?1 AND p.code = ?2 AND r.part = ?3"
		" AND (?4 = 0 OR r.number = ?4) AND (?4 <> 0 OR r.id IN"
		" (SELECT id FROM " BC_STANDING "))" BC_LATEST("r") " LIMIT 1";
	static const char by_sha[] =
		"SELECT s.id, count(*) OVER () FROM submission s"
		" JOIN unit u ON u.id = s.unit_id"
		" JOIN period p ON p.id = s.period_id"
		" WHERE u.code = ?1 AND p.code = ?2"
		" AND substr(s.sha256, 1, length(?3)) = lower(?3)";
	sqlite3_stmt *s = bc_store_stmt(st, f->part ? by_part : by_sha);
	if (!s)
		return bc_store_fail(st, d, N_("correct-time"));
	sqlite3_bind_text(s, 1, f->unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, f->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f->part ? f->part : f->sha, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, f->number);
	*id = 0;
	int many = 0;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		many = sqlite3_column_int(s, 1);
		if (many > 1)
			bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
				     N_("--file %s: %d files of %s %s begin so: "
					"give more of the SHA-256"),
				     f->sha, many, f->unit, f->period);
	}
	sqlite3_reset(s);
	if (many > 1)
		return BC_ERR_INVALID;
	if (*id)
		return BC_OK;
	if (f->part && f->number)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s %s has no revision %d of %s"), f->unit,
			     f->period, f->number, f->part);
	else if (f->part)
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s %s has no revision of %s"), f->unit, f->period,
			     f->part);
	else
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s %s has no file whose SHA-256 begins %s"),
			     f->unit, f->period, f->sha);
	return BC_ERR_NOT_FOUND;
}

/* The revisions the submission made and the time in force before. */
static bc_err describe(bc_store *st, int64_t id, bc_receipt_done *out,
		       bc_diags *d)
{
	static const char sql[] =
		"SELECT group_concat(r.part || ' r' || r.number, ', '),"
		" s.sha256, max(r.received_at), max(r.received_offset)"
		" FROM revision_received r JOIN submission s"
		" ON s.id = r.submission_id WHERE r.submission_id = ?";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return bc_store_fail(st, d, N_("correct-time"));
	sqlite3_bind_int64(s, 1, id);
	bc_err rc = BC_ERR_DB;
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->revisions =
			bc_strdup((const char *)sqlite3_column_text(s, 0));
		out->sha256 = bc_strdup((const char *)sqlite3_column_text(s, 1));
		out->was = sqlite3_column_int64(s, 2);
		out->was_offset = sqlite3_column_int(s, 3);
		rc = out->revisions && out->sha256 ? BC_OK : BC_ERR_NOMEM;
	}
	sqlite3_reset(s);
	return rc == BC_ERR_DB ? bc_store_fail(st, d, N_("correct-time")) : rc;
}

static bc_err append(bc_store *st, int64_t id, const bc_receipt_fix *f,
		     const bc_receipt_done *done, bc_diags *d)
{
	static const char sql[] =
		"INSERT INTO receipt_correction (submission_id, received_at,"
		" received_offset, reason, corrected_at) VALUES (?,?,?,?,?)";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return bc_store_fail(st, d, N_("correct-time"));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, f->received_at);
	sqlite3_bind_int(s, 3, f->offset);
	sqlite3_bind_text(s, 4, f->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, bc_store_now(st));
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE)
		return bc_store_fail(st, d, N_("correct-time"));
	char was[BC_TIME_BUF], now[BC_TIME_BUF];
	bc_time_format(done->was, done->was_offset, was);
	bc_time_format(f->received_at, f->offset, now);
	char *object = bc_sprintf("%s %s", f->unit, f->period);
	char *detail = bc_sprintf("%s (sha256 %s): received %s, not %s: %s",
				  done->revisions, done->sha256, now, was,
				  f->reason);
	bc_err rc = object && detail
			    ? bc_store_audit(st, "correct-time", object, detail, d)
			    : BC_ERR_NOMEM;
	bc_free(object);
	bc_free(detail);
	return rc;
}

/* The new time is one the period's report can have come at. */
static bc_err plausible(bc_store *st, bc_rulebook *rb, const bc_receipt_fix *f,
			bc_diags *d)
{
	bc_period p;
	bc_err rc = bc_period_get(st, rb, f->period, &p, d);
	char why[256];
	if (rc == BC_OK && !bc_receipt_plausible(f->received_at,
						 bc_store_now(st), &p,
						 p.rs->directive.utc_offset,
						 why, sizeof why)) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("--received-at: %s"), why);
		rc = BC_ERR_INVALID;
	}
	bc_period_free(&p);
	return rc;
}

bc_err bc_receipt_correct(bc_store *st, bc_rulebook *rb,
			  const bc_receipt_fix *f, bc_receipt_done *out,
			  bc_diags *d)
{
	*out = (bc_receipt_done){0};
	if (!f->reason || !f->reason[strspn(f->reason, " \t\n")]) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("--reason: say why the time is corrected (the "
				"document or message that gives the right one)"));
		return BC_ERR_INVALID;
	}
	bc_err rc = plausible(st, rb, f, d);
	if (rc == BC_OK)
		rc = bc_store_begin(st, d);
	if (rc != BC_OK)
		return rc;
	int64_t id = 0;
	rc = find_submission(st, f, &id, d);
	if (rc == BC_OK)
		rc = describe(st, id, out, d);
	if (rc == BC_OK)
		rc = append(st, id, f, out, d);
	if (rc == BC_OK)
		return bc_store_commit(st, d);
	bc_store_rollback(st);
	return rc;
}

/* SPDX-License-Identifier: MIT */
#include "repoint.h"
#include "duty.h"
#include "formats.h"
#include "mem.h"
#include "revision.h"
#include "submission.h"
#include "unit.h"
#include "validate.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static void recheck_free(bc_recheck *r)
{
	bc_free(r->unit);
	bc_free(r->file);
	bc_free(r->sha256);
	bc_free(r->parts);
	bc_diags_free(&r->problems);
}

void bc_repoint_free(bc_repoint *r)
{
	for (size_t i = 0; i < r->n_failing; i++)
		recheck_free(&r->failing[i]);
	bc_free(r->failing);
	*r = (bc_repoint){0};
}

/* What checking the period's submissions again needs. */
typedef struct rctx {
	bc_store *st;
	bc_rulebook *rb;
	const bc_ruleset *old; /* the rules the values were stored under */
	const bc_period *now;  /* the period moved */
	bc_repoint *out;
	size_t cap;
	bc_diags *d;
	/* The unit of the submission rebuilt (code), its version on the
	 * period's day (unit, when it has one: known) and what it owes
	 * then under the new rules. */
	char code[BC_UNIT_CODE_MAX + 1];
	bool known;
	bc_unit unit;
	bc_owed owed;
} rctx;

static void unit_drop(rctx *x)
{
	bc_unit_free(&x->unit);
	bc_owed_free(&x->owed);
	x->unit = (bc_unit){0};
	x->owed = (bc_owed){0};
	x->code[0] = '\0';
	x->known = false;
}

/* The unit of this code as the moved period sees it and what it owes,
 * kept while its submissions come one after another.  A unit with no
 * version on the period's day (the new rules end its window later, say)
 * is not known: validation says why. */
static bc_err unit_owed(rctx *x, const char *code)
{
	if (!strcmp(x->code, code))
		return BC_OK;
	unit_drop(x);
	snprintf(x->code, sizeof x->code, "%s", code);
	bc_diags quiet = BC_DIAGS_INIT;
	bc_err rc = bc_unit_get_as_of(x->st, code, x->now->to, &x->unit,
				      &quiet);
	bc_diags_free(&quiet);
	x->known = rc == BC_OK;
	if (rc == BC_OK)
		rc = bc_owed_for(x->now, x->unit.kind, x->unit.roles,
				 x->unit.n_roles, &x->owed);
	return rc == BC_ERR_NOT_FOUND ? BC_OK : rc;
}

/* The revisions in force of a period (not void), a submission's
 * together, with what the submission said of itself and when it was
 * received (after any correction). */
static const char IN_FORCE_SQL[] =
	"SELECT r.id, r.submission_id, r.part, r.number, u.code, s.file_name,"
	" s.sha256, s.channel, s.signer_name, s.signer_title, s.signed_date,"
	" s.estimated, r.received_at, r.received_offset"
	" FROM (SELECT v.*, row_number() OVER (PARTITION BY v.unit_id, v.part"
	"  ORDER BY v.received_at DESC, v.number DESC) AS k"
	"  FROM " BC_STANDING " v WHERE v.period_id = ?) r"
	" JOIN submission s ON s.id = r.submission_id"
	" JOIN unit u ON u.id = r.unit_id"
	" WHERE r.k = 1 ORDER BY u.code, r.submission_id, r.part";
enum { C_REV, C_SUB, C_PART, C_NUMBER, C_UNIT, C_FILE, C_SHA, C_CHANNEL,
       C_SIGNER, C_TITLE, C_SIGNED, C_ESTIMATED, C_AT, C_OFFSET };

static const char *text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* One stored value as a reader would have read it: text as text, a
 * number as its digits (a boolean's 0 or 1), a table's row count as the
 * table sent empty or as nothing (its rows say it), so that validation
 * judges it as it judged the file. */
static bc_err add_value(bc_submission *sub, const bc_form *old_form,
			const char *part, sqlite3_stmt *v)
{
	const char *field = text(v, 0), *col = text(v, 2), *txt = text(v, 5);
	int row = sqlite3_column_int(v, 1);
	bc_dec num;
	int fi = old_form ? bc_field_index(old_form->fields,
					   old_form->n_fields, field)
			  : -1;
	bool table = fi >= 0 && old_form->fields[fi].type == BC_T_TABLE;
	if (table && row == 0) {
		bool empty = bc_value_number(v, 3, &num) && num.v == 0;
		return empty ? bc_submission_value(sub, part, field, 0, NULL,
						   "[]", BC_RAW_EMPTY, 0, NULL)
			     : BC_OK;
	}
	col = col && *col ? col : NULL;
	if (txt)
		return bc_submission_value(sub, part, field, row, col, txt,
					   BC_RAW_TEXT, 0, NULL);
	if (!bc_value_number(v, 3, &num))
		return BC_OK;
	char digits[BC_DEC_BUF];
	bc_dec_text(num, digits);
	return bc_submission_value(sub, part, field, row, col, digits,
				   BC_RAW_NUM, 0, NULL);
}

/* Whether the unit still writes this section of its report: one the
 * new outline has, and the unit's to write. */
static bool section_kept(const rctx *x, const char *section)
{
	return !x->known || (bc_ruleset_section(x->now->rs, section) &&
			     bc_owed_may_write(&x->owed, section));
}

/* The values of revision rev (part) into sub, but those the unit no
 * longer owes. */
static bc_err add_part(rctx *x, bc_submission *sub, int64_t rev,
		       const char *part)
{
	static const char sql[] =
		"SELECT field, row, col, num, cents, txt FROM value"
		" WHERE revision_id = ? ORDER BY field, row, col";
	bool report = !strcmp(part, BC_PART_REPORT);
	const bc_form *old_form = report ? NULL : bc_ruleset_form(x->old, part);
	bc_err rc = report ? BC_OK : bc_submission_form(sub, part, 0);
	sqlite3_stmt *v = bc_store_stmt(x->st, sql);
	if (!v)
		return bc_store_fail(x->st, x->d, N_("revision"));
	sqlite3_bind_int64(v, 1, rev);
	int r;
	while (rc == BC_OK && (r = sqlite3_step(v)) == SQLITE_ROW)
		if (!report || section_kept(x, text(v, 0)))
			rc = add_value(sub, old_form, part, v);
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(x->st, x->d, N_("revision"));
	sqlite3_reset(v);
	return rc;
}

/* The submission of the row s begins: what it said of itself. */
static bc_err envelope(bc_submission *sub, sqlite3_stmt *s, const char *code)
{
	bc_err rc = bc_attr_set(&sub->unit, text(s, C_UNIT), 0, NULL);
	if (rc == BC_OK)
		rc = bc_attr_set(&sub->period, code, 0, NULL);
	if (rc == BC_OK)
		rc = bc_attr_set(&sub->signer_name, text(s, C_SIGNER), 0, NULL);
	if (rc == BC_OK)
		rc = bc_attr_set(&sub->signer_title, text(s, C_TITLE), 0, NULL);
	if (rc == BC_OK && text(s, C_SIGNED))
		rc = bc_attr_set(&sub->signed_date, text(s, C_SIGNED), 0, NULL);
	if (rc == BC_OK)
		rc = bc_attr_set(&sub->channel, text(s, C_CHANNEL), 0, NULL);
	if (rc == BC_OK)
		rc = bc_attr_set(&sub->estimated,
				 sqlite3_column_int(s, C_ESTIMATED) ? "true"
								    : "false",
				 0, NULL);
	return rc;
}

/* A submission being rebuilt: its parts, and when it was received. */
typedef struct rebuilt {
	bc_submissions list;
	bc_submission *sub;
	char file[1024], sha[80], parts[1024];
	size_t o;
	char received[BC_TIME_BUF];
	int offset;
} rebuilt;

static bc_err begin_submission(rctx *x, rebuilt *b, sqlite3_stmt *s)
{
	*b = (rebuilt){0};
	b->sub = bc_submission_add(&b->list, text(s, C_FILE), 0);
	if (!b->sub)
		return BC_ERR_NOMEM;
	snprintf(b->file, sizeof b->file, "%s", text(s, C_FILE));
	snprintf(b->sha, sizeof b->sha, "%s", text(s, C_SHA));
	b->offset = sqlite3_column_int(s, C_OFFSET);
	bc_time_format(sqlite3_column_int64(s, C_AT), b->offset, b->received);
	bc_err rc = unit_owed(x, text(s, C_UNIT));
	return rc == BC_OK ? envelope(b->sub, s, x->now->code) : rc;
}

/* Adds the revision of row s, if its unit still owes its part. */
static bc_err add_revision(rctx *x, rebuilt *b, sqlite3_stmt *s)
{
	const char *part = text(s, C_PART);
	if (x->known && !bc_owed_part(&x->owed, part))
		return BC_OK;
	if (b->o < sizeof b->parts)
		b->o += (size_t)snprintf(b->parts + b->o, sizeof b->parts - b->o,
					 "%s%s r%d", b->o ? ", " : "", part,
					 sqlite3_column_int(s, C_NUMBER));
	return add_part(x, b->sub, sqlite3_column_int64(s, C_REV), part);
}

static bc_err push_failing(rctx *x, const rebuilt *b, bc_diags *errors)
{
	bc_repoint *out = x->out;
	if (bc_grow((void **)&out->failing, &x->cap, out->n_failing + 1,
		    sizeof *out->failing) < 0)
		return BC_ERR_NOMEM;
	bc_recheck *r = &out->failing[out->n_failing++];
	*r = (bc_recheck){.unit = bc_strdup(x->code),
			  .file = bc_strdup(b->file),
			  .sha256 = bc_strdup(b->sha),
			  .parts = bc_strdup(b->parts)};
	bc_diags_move(&r->problems, errors);
	/* Problems said in part are no list of them. */
	return r->unit && r->file && r->sha256 && r->parts &&
			       !r->problems.oom
		       ? BC_OK
		       : BC_ERR_NOMEM;
}

/* Validates the submission rebuilt, as an import would, and keeps its
 * errors when it fails; one left with nothing the unit owes is set
 * aside. */
static bc_err check_rebuilt(rctx *x, rebuilt *b)
{
	bc_err rc = BC_OK;
	if (b->o) {
		bc_import_opts o = {.received_at = b->received,
				    .tz_offset = b->offset};
		bc_checked c;
		bc_diags found = BC_DIAGS_INIT;
		x->out->checked++;
		rc = bc_validate(x->st, x->rb, b->sub, &o, &c, &found);
		bc_checked_free(&c);
		bc_diags_drop_warnings(&found);
		if (rc == BC_ERR_INVALID)
			rc = push_failing(x, b, &found);
		bc_diags_free(&found);
	}
	bc_submissions_free(&b->list);
	b->sub = NULL;
	return rc;
}

/* Every submission's revisions in force, checked again. */
static bc_err recheck_all(rctx *x)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(x->st), IN_FORCE_SQL, -1, &s,
			       NULL) != SQLITE_OK)
		return bc_store_fail(x->st, x->d, N_("revision"));
	sqlite3_bind_int64(s, 1, x->now->id);
	rebuilt b = {0};
	int64_t sub = 0;
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, C_SUB) != sub) {
			if (b.sub)
				rc = check_rebuilt(x, &b);
			sub = sqlite3_column_int64(s, C_SUB);
			if (rc == BC_OK)
				rc = begin_submission(x, &b, s);
		}
		if (rc == BC_OK)
			rc = add_revision(x, &b, s);
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(x->st, x->d, N_("revision"));
	if (rc == BC_OK && b.sub)
		rc = check_rebuilt(x, &b);
	bc_submissions_free(&b.list);
	sqlite3_finalize(s);
	return rc;
}

/* The sections a report revision has text in (value rows hold only
 * those), into *out (free with strings_free). */
static bc_err written_sections(rctx *x, int64_t rev, char ***out, size_t *n)
{
	static const char sql[] =
		"SELECT field FROM value WHERE revision_id = ? ORDER BY field";
	sqlite3_stmt *v = bc_store_stmt(x->st, sql);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (!v)
		return bc_store_fail(x->st, x->d, N_("revision"));
	sqlite3_bind_int64(v, 1, rev);
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(v)) == SQLITE_ROW) {
		char *f = bc_strdup(text(v, 0));
		if (!f || bc_grow((void **)out, &cap, *n + 1, sizeof **out) < 0) {
			bc_free(f);
			rc = BC_ERR_NOMEM;
		} else
			(*out)[(*n)++] = f;
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(x->st, x->d, N_("revision"));
	sqlite3_reset(v);
	return rc;
}

static void strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bc_free(v[i]);
	bc_free(v);
}

static bc_err note_complete(rctx *x, int64_t rev, int64_t move, bool complete)
{
	static const char sql[] = "INSERT INTO revision_recheck (revision_id,"
				  " move_id, complete) VALUES (?, ?, ?)";
	sqlite3_stmt *s = bc_store_stmt(x->st, sql);
	if (!s)
		return bc_store_fail(x->st, x->d, N_("revision"));
	sqlite3_bind_int64(s, 1, rev);
	sqlite3_bind_int64(s, 2, move);
	sqlite3_bind_int(s, 3, complete);
	int r = sqlite3_step(s);
	sqlite3_reset(s);
	x->out->reports++;
	return r == SQLITE_DONE ? BC_OK
				: bc_store_fail(x->st, x->d, N_("revision"));
}

/* Every report revision of the period (not only those in force: status
 * reads the first complete one) judged complete or not by the outline
 * now in force, the verdicts that change kept with the move. */
static bc_err recheck_reports(rctx *x, int64_t move)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(x->st),
			       "SELECT r.id, u.code, r.complete"
			       " FROM revision_received r"
			       " JOIN unit u ON u.id = r.unit_id"
			       " WHERE r.period_id = ? AND r.part = ?"
			       " ORDER BY u.code, r.id",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(x->st, x->d, N_("revision"));
	sqlite3_bind_int64(s, 1, x->now->id);
	sqlite3_bind_text(s, 2, BC_PART_REPORT, -1, SQLITE_STATIC);
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		char **written;
		size_t n;
		int64_t rev = sqlite3_column_int64(s, 0);
		rc = unit_owed(x, text(s, 1));
		if (rc == BC_OK && !x->known)
			continue;
		if (rc == BC_OK)
			rc = written_sections(x, rev, &written, &n);
		if (rc != BC_OK)
			break;
		bool complete = bc_owed_report_complete(
			&x->owed, (const char *const *)written, n);
		strings_free(written, n);
		if (complete != (sqlite3_column_int(s, 2) != 0))
			rc = note_complete(x, rev, move, complete);
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(x->st, x->d, N_("revision"));
	sqlite3_finalize(s);
	return rc;
}

/* The move, its check and its record, in the transaction begun. */
static bc_err move_checked(rctx *x, const bc_period *before,
			   const bc_repoint_opts *o)
{
	bc_period after;
	int64_t move = 0;
	bc_err rc = bc_period_move(x->st, before, x->out->to, x->d);
	if (rc == BC_OK)
		rc = bc_period_get(x->st, x->rb, before->code, &after, x->d);
	if (rc != BC_OK)
		return rc;
	x->now = &after;
	rc = recheck_all(x);
	if (rc == BC_OK)
		rc = bc_period_move_log(x->st, before, x->out->to,
					o->doc ? o->doc : "",
					(int)x->out->n_failing, &move, x->d);
	if (rc == BC_OK)
		rc = recheck_reports(x, move);
	if (rc == BC_OK && o->look)
		rc = o->look(x->st, x->rb, before->code, o->ud, x->d);
	unit_drop(x);
	x->now = NULL;
	bc_period_free(&after);
	return rc;
}

static bool has_text(const char *s)
{
	return s && s[strspn(s, " \t\r\n")];
}

/* Whether the move may be kept: asked for, decided by a document, and
 * failing nothing unless forced (said in d when not). */
static bool keep(const bc_repoint *r, const bc_repoint_opts *o, bc_diags *d)
{
	if (!o->apply)
		return false;
	if (!has_text(o->doc)) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: moving a period to other rules needs the "
				"reference of the document that decided it "
				"(--doc)"),
			     r->code);
		return false;
	}
	if (r->n_failing && !o->force) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: submissions in force that fail the rules "
				"of %s: %zu; nothing was moved (--force moves "
				"it all the same)"),
			     r->code, r->to->id, r->n_failing);
		return false;
	}
	return true;
}

bc_err bc_repoint_period(bc_store *st, bc_rulebook *rb, const char *code,
			 const bc_repoint_opts *o, bc_repoint *out,
			 bc_diags *d)
{
	bc_period before;
	*out = (bc_repoint){0};
	bc_err rc = bc_period_get(st, rb, code, &before, d);
	if (rc != BC_OK)
		return rc;
	snprintf(out->code, sizeof out->code, "%s", before.code);
	out->from = before.rs;
	out->to = bc_period_rules_now(rb, &before);
	out->recorded = before.id != 0;
	if (!out->to) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s: no ruleset in force for it now has a "
				"period type %s; it keeps %s"),
			     before.code, before.type, before.rs->id);
		rc = BC_ERR_REFUSED;
	}
	bool moves = rc == BC_OK && out->recorded && out->to != out->from;
	if (!moves)
		out->to = out->to ? out->to : out->from;
	if (moves)
		rc = bc_store_begin(st, d);
	if (moves && rc == BC_OK) {
		rctx x = {.st = st, .rb = rb, .old = before.rs, .out = out,
			  .d = d};
		rc = move_checked(&x, &before, o);
		bool kept = rc == BC_OK && keep(out, o, d);
		if (kept)
			rc = bc_store_commit(st, d);
		else
			bc_store_rollback(st);
		out->applied = kept && rc == BC_OK;
		if (rc == BC_OK && o->apply && !kept)
			rc = BC_ERR_INVALID;
	}
	bc_period_free(&before);
	return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * The council's points: a CSV read whole, every line checked, then one
 * transaction storing the batch and its entries (or nothing).
 */
#include "assessment.h"
#include "csv_parse.h"
#include "decimal.h"
#include "digest.h"
#include "mem.h"
#include "text.h"
#include "unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define ASSESS_MAX_FILE (16u << 20)

enum { COL_UNIT, COL_CRITERION, COL_POINTS, COL_NOTE, N_COLS };
static const char *const col_names[N_COLS] = {"unit", "criterion", "points",
					      "note"};

typedef struct entry {
	int line;
	int64_t unit_id;
	const char *unit, *criterion, *note; /* in the arena */
	int64_t points;			      /* hundredths */
} entry;

typedef struct reader {
	bc_store *st;
	const bc_assess_import *in;
	bc_diags *d;
	bc_arena a;
	int col[N_COLS];
	bool header_done, header_bad, oom;
	bc_err db_rc; /* a query that failed: not the file's fault */
	entry *v;
	size_t n, cap;
} reader;

static void bad(reader *r, int line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void bad(reader *r, int line, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bc_diags_vadd(r->d, BC_ERROR, r->in->path, line, NULL, NULL, field,
		      fmt, ap);
	va_end(ap);
}

static int read_header(reader *r, int line, size_t n, char *const *f)
{
	for (int c = 0; c < N_COLS; c++)
		r->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		bc_csv_trim(f[i]);
		int c = 0;
		while (c < N_COLS && strcmp(f[i], col_names[c]) != 0)
			c++;
		if (c == N_COLS)
			bad(r, line, NULL,
			    N_("unknown column '%s' (columns: unit, criterion, "
			       "points, note)"),
			    f[i]);
		else if (r->col[c] >= 0)
			bad(r, line, NULL, N_("column '%s' appears twice"), f[i]);
		r->header_bad |= c == N_COLS || r->col[c] >= 0;
		if (c < N_COLS && r->col[c] < 0)
			r->col[c] = (int)i;
	}
	for (int c = 0; c < COL_NOTE; c++)
		if (r->col[c] < 0) {
			bad(r, line, NULL, N_("no '%s' column in the header"),
			    col_names[c]);
			r->header_bad = true;
		}
	r->header_done = true;
	return r->header_bad; /* stop: no line can be read without it */
}

/* The criterion with id scoring units of kind; *known says whether any
 * criterion has that id. */
static const bc_assess_criterion *criterion(const bc_assess_import *in,
					    const char *id, const char *kind,
					    bool *known)
{
	*known = false;
	for (size_t i = 0; i < in->n_criteria; i++) {
		const bc_assess_criterion *c = &in->criteria[i];
		if (strcmp(c->id, id) != 0)
			continue;
		*known = true;
		for (size_t k = 0; kind && k < c->n_kinds; k++)
			if (strcmp(c->kinds[k], kind) == 0)
				return c;
	}
	return NULL;
}

/* The unit with code, when it has a version on some day of the year,
 * and the kind of its last version in the year (in the arena); else 0,
 * said in d. */
static int64_t unit_of_year(reader *r, int line, const char *code,
			    const char **kind)
{
	static const char sql[] =
		"SELECT u.id, v.kind FROM unit u LEFT JOIN unit_version v"
		" ON v.unit_id = u.id AND (" BC_UNIT_IN_FORCE("v", "?2")
		"  OR v.valid_from BETWEEN ?2 AND ?3)"
		" WHERE u.code = ?1 ORDER BY v.valid_from DESC LIMIT 1";
	sqlite3_stmt *s;
	char from[BC_DATE_BUF], to[BC_DATE_BUF];
	bc_date_format(bc_date_from_ymd(r->in->year, 1, 1), from);
	bc_date_format(bc_date_from_ymd(r->in->year, 12, 31), to);
	*kind = NULL;
	if (sqlite3_prepare_v2(bc_store_db(r->st), sql, -1, &s, NULL) !=
	    SQLITE_OK) {
		r->db_rc = bc_store_fail(r->st, r->d, N_("reading units"));
		return 0;
	}
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	int64_t id = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	const char *k = step == SQLITE_ROW
				? (const char *)sqlite3_column_text(s, 1)
				: NULL;
	if (k && !(*kind = bc_arena_strdup(&r->a, k)))
		r->oom = true;
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		r->db_rc = bc_store_fail(r->st, r->d, N_("reading units"));
	sqlite3_finalize(s);
	if (r->db_rc != BC_OK || r->oom)
		return 0;
	if (!id)
		bad(r, line, "unit", N_("unknown unit '%s'"), code);
	else if (!*kind)
		bad(r, line, "unit", N_("unit '%s' did not exist in %d"), code,
		    r->in->year);
	return *kind ? id : 0;
}

/* "1,5" or "1.5": a number of points, in hundredths into *out. */
static bool read_points(reader *r, int line, char *text, int64_t *out)
{
	char *comma = strchr(text, ',');
	if (comma && !strchr(text, '.'))
		*comma = '.';
	bc_dec v, cents;
	if (!*text || bc_dec_parse(text, false, &v) != BC_DEC_OK) {
		bad(r, line, "points", N_("'%s' is not a number of points"),
		    text);
		return false;
	}
	if (v.v < 0) {
		bad(r, line, "points", N_("%s points: points are never "
					  "negative"), text);
		return false;
	}
	if (!bc_dec_rescale(v, 2, &cents)) {
		bad(r, line, "points", N_("%s points: at most two decimals"),
		    text);
		return false;
	}
	*out = cents.v;
	return true;
}

/* The line that already gave unit and criterion, or 0. */
static int given_at(const reader *r, int64_t unit_id, const char *crit)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].unit_id == unit_id &&
		    strcmp(r->v[i].criterion, crit) == 0)
			return r->v[i].line;
	return 0;
}

static void check_criterion(reader *r, int line, const bc_assess_criterion *c,
			    bool known, bool unit_ok, const char *id,
			    const char *code,
			    const char *text, int64_t points, bool points_ok)
{
	char max[BC_DEC_BUF];
	bc_dec_text((bc_dec){c ? c->max : 0, 2}, max);
	if (!known)
		bad(r, line, "criterion",
		    N_("unknown criterion '%s' (the scoring scheme of %d has "
		       "no such criterion)"),
		    id, r->in->year);
	else if (!c && unit_ok)
		bad(r, line, "criterion",
		    N_("criterion %s does not score a unit of the kind of %s"),
		    id, code);
	else if (!c)
		return;
	else if (!c->assessable)
		bad(r, line, "criterion",
		    N_("criterion %s is scored from the reports, not by the "
		       "council"),
		    id);
	else if (points_ok && points > c->max)
		bad(r, line, "points",
		    N_("%s points where criterion %s gives at most %s"), text,
		    id, max);
}

static int on_row(void *ud, int line, size_t n, char *const *f)
{
	reader *r = ud;
	if (!r->header_done)
		return read_header(r, line, n, f);
	if (n == 1 && !*f[0])
		return 0; /* a line of nothing */
	size_t want = 3 + (r->col[COL_NOTE] >= 0);
	if (n != want) {
		bad(r, line, NULL, N_("%zu fields where the header has %zu"),
		    n, want);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		bc_csv_trim(f[i]);
	const char *code = f[r->col[COL_UNIT]];
	const char *crit = f[r->col[COL_CRITERION]];
	char *text = f[r->col[COL_POINTS]];
	const char *note = r->col[COL_NOTE] >= 0 ? f[r->col[COL_NOTE]] : "";
	unsigned ctl = bc_utf8_first_control(note, false);
	if (ctl)
		bad(r, line, "note",
		    N_("U+%04X, a control character, which no one types and a "
		       "terminal acts on: remove it"),
		    ctl);
	const char *kind;
	int64_t id = unit_of_year(r, line, code, &kind), points = 0;
	if (r->db_rc != BC_OK || r->oom)
		return 1;
	bool points_ok = read_points(r, line, text, &points), known;
	const bc_assess_criterion *c = criterion(r->in, crit, kind, &known);
	check_criterion(r, line, c, known, id != 0, crit, code, text, points,
			points_ok);
	int twice = id && c ? given_at(r, id, crit) : 0;
	if (twice)
		bad(r, line, NULL,
		    N_("unit %s, criterion %s given again (first on line %d)"),
		    code, crit, twice);
	if (!id || !c || !c->assessable || !points_ok || twice || ctl)
		return 0;
	if (bc_grow((void **)&r->v, &r->cap, r->n + 1, sizeof *r->v) < 0) {
		r->oom = true;
		return 1;
	}
	entry *e = &r->v[r->n++];
	*e = (entry){.line = line, .unit_id = id, .points = points,
		     .unit = bc_arena_strdup(&r->a, code),
		     .criterion = bc_arena_strdup(&r->a, c->id),
		     .note = bc_arena_strdup(&r->a, note)};
	r->oom |= !e->unit || !e->criterion || !e->note;
	return r->oom;
}

/* ---- storing ------------------------------------------------------------ */

static bc_err step_done(bc_store *st, sqlite3_stmt *s, bc_diags *d)
{
	bc_err rc = sqlite3_step(s) == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("storing assessments"));
	sqlite3_reset(s);
	return rc;
}

static bc_err insert_batch(bc_store *st, const bc_assess_import *in,
			   bc_assess_batch *b, int64_t *id, bc_diags *d)
{
	sqlite3 *db = bc_store_db(st);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO assessment_batch (year, number,"
			       " file_name, sha256, assessed_by, actor,"
			       " imported_at) VALUES (?1, 1 + (SELECT"
			       " count(*) FROM assessment_batch WHERE year ="
			       " ?1), ?2, ?3, ?4, ?5, ?6) RETURNING number",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("storing assessments"));
	sqlite3_bind_int(s, 1, in->year);
	sqlite3_bind_text(s, 2, b->file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, b->by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, b->actor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, b->imported_at);
	bc_err rc = BC_OK;
	if (sqlite3_step(s) == SQLITE_ROW)
		b->number = sqlite3_column_int(s, 0);
	else
		rc = bc_store_fail(st, d, N_("storing assessments"));
	if (rc == BC_OK)
		rc = step_done(st, s, d);
	sqlite3_finalize(s);
	*id = sqlite3_last_insert_rowid(db);
	return rc;
}

static bc_err insert_entries(bc_store *st, const reader *r, int64_t batch,
			     bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "INSERT INTO assessment (batch_id, unit_id,"
			       " criterion, points, note, line)"
			       " VALUES (?, ?, ?, ?, ?, ?)",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("storing assessments"));
	bc_err rc = BC_OK;
	for (size_t i = 0; i < r->n && rc == BC_OK; i++) {
		const entry *e = &r->v[i];
		sqlite3_bind_int64(s, 1, batch);
		sqlite3_bind_int64(s, 2, e->unit_id);
		sqlite3_bind_text(s, 3, e->criterion, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, e->points);
		sqlite3_bind_text(s, 5, e->note, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 6, e->line);
		rc = step_done(st, s, d);
	}
	sqlite3_finalize(s);
	return rc;
}

static bc_err store(bc_store *st, const reader *r, bc_assess_batch *b,
		    bc_diags *d)
{
	bc_err rc = bc_store_begin(st, d);
	if (rc != BC_OK)
		return rc;
	int64_t id = 0;
	rc = insert_batch(st, r->in, b, &id, d);
	if (rc == BC_OK)
		rc = insert_entries(st, r, id, d);
	char object[16];
	snprintf(object, sizeof object, "%d", r->in->year);
	char *detail = rc == BC_OK ? bc_sprintf("batch %d of %zu entries "
						"from %s, assessed by %s",
						b->number, r->n, b->file,
						b->by)
				   : NULL;
	if (rc == BC_OK)
		rc = detail ? bc_store_audit(st, "assessment.import", object,
					     detail, d)
			    : BC_ERR_NOMEM;
	bc_free(detail);
	return rc == BC_OK ? bc_store_commit(st, d)
			   : (bc_store_rollback(st), rc);
}

static bc_err read_all(reader *r, const char *buf, size_t len)
{
	size_t before = r->d->errors;
	bc_err rc = bc_csv_parse(r->in->path, buf, len, on_row, r, r->d);
	if (rc == BC_OK && r->db_rc != BC_OK)
		rc = r->db_rc;
	if (rc == BC_OK && r->oom)
		rc = BC_ERR_NOMEM;
	if (rc == BC_OK && !r->header_done)
		bad(r, 1, NULL,
		    N_("empty file: no header unit,criterion,points,note"));
	else if (rc == BC_OK && !r->header_bad && r->n == 0 &&
		 r->d->errors == before)
		bad(r, 2, NULL, N_("no entry: the file has a header alone"));
	if (rc == BC_OK && r->d->errors > before)
		rc = BC_ERR_INVALID;
	return rc;
}

bc_err bc_assess_import_file(bc_store *st, const bc_assess_import *in,
			     bc_assess_batch *out, bc_diags *d)
{
	*out = (bc_assess_batch){.year = in->year};
	char *buf;
	size_t len;
	bc_err rc = bc_file_read(in->path, ASSESS_MAX_FILE, &buf, &len, d);
	if (rc != BC_OK)
		return rc;
	reader r = {.st = st, .in = in, .d = d};
	rc = read_all(&r, buf, len);
	char sha[BC_SHA256_HEX];
	bc_sha256_buf(buf, len, sha);
	bc_free(buf);
	const char *by = in->by && *in->by ? in->by : bc_store_actor(st);
	out->file = bc_strdup(in->path);
	out->sha256 = bc_strdup(sha);
	out->by = bc_strdup(by);
	out->actor = bc_strdup(bc_store_actor(st));
	out->imported_at = bc_store_now(st);
	out->entries = r.n;
	if (rc == BC_OK && (!out->file || !out->sha256 || !out->by ||
			    !out->actor))
		rc = BC_ERR_NOMEM;
	if (rc == BC_OK)
		rc = store(st, &r, out, d);
	if (rc != BC_OK)
		bc_assess_batch_free(out);
	bc_free(r.v);
	bc_arena_free(&r.a);
	return rc;
}

void bc_assess_batch_free(bc_assess_batch *b)
{
	if (!b)
		return;
	bc_free(b->file);
	bc_free(b->sha256);
	bc_free(b->by);
	bc_free(b->actor);
	*b = (bc_assess_batch){0};
}

/* ---- reading what is in force ------------------------------------------- */

static char *col_dup(sqlite3_stmt *s, int i, bool *oom)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	char *c = bc_strdup(t ? t : "");
	*oom |= !c;
	return c;
}

static bc_err read_batches(bc_store *st, int year, bc_time until,
			   bc_assessments *out, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "SELECT b.number, b.file_name, b.sha256,"
			       " b.assessed_by, b.actor, b.imported_at,"
			       " (SELECT count(*) FROM assessment a"
			       "  WHERE a.batch_id = b.id)"
			       " FROM assessment_batch b WHERE b.year = ?1"
			       " AND (?2 = 0 OR b.imported_at <= ?2)"
			       " ORDER BY b.number",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("reading assessments"));
	sqlite3_bind_int(s, 1, year);
	sqlite3_bind_int64(s, 2, until);
	bc_err rc = BC_OK;
	size_t cap = 0;
	bool oom = false;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW && !oom) {
		if (bc_grow((void **)&out->batches, &cap, out->n_batches + 1,
			    sizeof *out->batches) < 0) {
			oom = true;
			break;
		}
		bc_assess_batch *b = &out->batches[out->n_batches++];
		*b = (bc_assess_batch){
			.year = year,
			.number = sqlite3_column_int(s, 0),
			.file = col_dup(s, 1, &oom),
			.sha256 = col_dup(s, 2, &oom),
			.by = col_dup(s, 3, &oom),
			.actor = col_dup(s, 4, &oom),
			.imported_at = sqlite3_column_int64(s, 5),
			.entries = (size_t)sqlite3_column_int64(s, 6)};
	}
	if (oom)
		rc = BC_ERR_NOMEM;
	else if (step != SQLITE_DONE)
		rc = bc_store_fail(st, d, N_("reading assessments"));
	sqlite3_finalize(s);
	return rc;
}

static bc_err read_entries(bc_store *st, int year, bc_time until,
			   bc_assessments *out, bc_diags *d)
{
	sqlite3_stmt *s;
	/* Per unit and criterion, the entry of the latest batch counted. */
	if (sqlite3_prepare_v2(
		    bc_store_db(st),
		    "SELECT a.unit_id, u.code, a.criterion, a.points, a.note,"
		    " b.number, a.line FROM assessment a"
		    " JOIN assessment_batch b ON b.id = a.batch_id"
		    " JOIN unit u ON u.id = a.unit_id"
		    " WHERE b.year = ?1 AND (?2 = 0 OR b.imported_at <= ?2)"
		    " AND b.number = (SELECT max(k.number) FROM assessment x"
		    "  JOIN assessment_batch k ON k.id = x.batch_id"
		    "  WHERE x.unit_id = a.unit_id AND x.criterion = a.criterion"
		    "  AND k.year = ?1 AND (?2 = 0 OR k.imported_at <= ?2))"
		    " ORDER BY a.unit_id, a.criterion",
		    -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("reading assessments"));
	sqlite3_bind_int(s, 1, year);
	sqlite3_bind_int64(s, 2, until);
	size_t cap = 0;
	bool oom = false;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW && !oom) {
		if (bc_grow((void **)&out->v, &cap, out->n + 1,
			    sizeof *out->v) < 0) {
			oom = true;
			break;
		}
		bc_assessment *e = &out->v[out->n++];
		*e = (bc_assessment){.unit_id = sqlite3_column_int64(s, 0),
				     .unit = col_dup(s, 1, &oom),
				     .criterion = col_dup(s, 2, &oom),
				     .points = sqlite3_column_int64(s, 3),
				     .note = col_dup(s, 4, &oom),
				     .batch = sqlite3_column_int(s, 5),
				     .line = sqlite3_column_int(s, 6)};
	}
	bc_err rc = oom			  ? BC_ERR_NOMEM
		    : step != SQLITE_DONE ? bc_store_fail(st, d,
							  N_("reading "
							     "assessments"))
					  : BC_OK;
	sqlite3_finalize(s);
	return rc;
}

bc_err bc_assessments_get(bc_store *st, int year, bc_time until,
			  bc_assessments *out, bc_diags *d)
{
	*out = (bc_assessments){0};
	bc_err rc = read_batches(st, year, until, out, d);
	if (rc == BC_OK)
		rc = read_entries(st, year, until, out, d);
	return rc;
}

const bc_assessment *bc_assessment_find(const bc_assessments *a,
					int64_t unit_id, const char *criterion)
{
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const bc_assessment *e = &a->v[mid];
		int c = e->unit_id < unit_id	 ? -1
			: e->unit_id > unit_id ? 1
					       : strcmp(e->criterion, criterion);
		if (c == 0)
			return e;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void bc_assessments_free(bc_assessments *a)
{
	for (size_t i = 0; i < a->n; i++) {
		bc_free(a->v[i].unit);
		bc_free(a->v[i].criterion);
		bc_free(a->v[i].note);
	}
	bc_free(a->v);
	for (size_t i = 0; i < a->n_batches; i++)
		bc_assess_batch_free(&a->batches[i]);
	bc_free(a->batches);
	*a = (bc_assessments){0};
}

/* SPDX-License-Identifier: MIT */
#include "revision.h"
#include "mem.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

void bc_part_free(bc_part *p)
{
	for (size_t i = 0; i < p->n; i++)
		bc_free(p->v[i].text);
	bc_free(p->v);
	bc_diags_free(&p->notes);
	*p = (bc_part){0};
}

bc_err bc_part_add(bc_part *p, const char *field, int row, const char *col,
		   const bc_dec *num, const char *text, int line,
		   const char *loc)
{
	if (bc_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v) < 0)
		return BC_ERR_NOMEM;
	char *t = bc_strdup(text);
	if (text && !t)
		return BC_ERR_NOMEM;
	p->v[p->n++] = (bc_val){field, row, col, num != NULL,
				num ? *num : bc_dec_int(0), t, line, loc};
	return BC_OK;
}

bool bc_value_number(sqlite3_stmt *s, int num, bc_dec *out)
{
	if (sqlite3_column_type(s, num + 1) != SQLITE_NULL) {
		*out = (bc_dec){sqlite3_column_int64(s, num + 1), 2};
		return true;
	}
	return sqlite3_column_type(s, num) != SQLITE_NULL &&
	       bc_dec_from_double(sqlite3_column_double(s, num), out);
}

static int64_t insert_submission(bc_store *st, const bc_receipt *r)
{
	static const char sql[] =
		"INSERT INTO submission (unit_id, period_id, file_name, sha256,"
		" format, received_at, received_offset, channel, signer_name,"
		" signer_title, signed_date, estimated, imported_at, actor)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return 0;
	sqlite3_bind_int64(s, 1, r->unit_id);
	sqlite3_bind_int64(s, 2, r->period_id);
	sqlite3_bind_text(s, 3, r->file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->format, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, r->received_at);
	sqlite3_bind_int(s, 7, r->offset);
	sqlite3_bind_text(s, 8, r->channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, r->signer_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, r->signer_title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, r->signed_date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 12, r->estimated);
	sqlite3_bind_int64(s, 13, bc_store_now(st));
	sqlite3_bind_text(s, 14, r->actor ? r->actor : "unknown", -1,
			  SQLITE_STATIC);
	int rc = sqlite3_step(s);
	int64_t id = rc == SQLITE_DONE
			     ? sqlite3_last_insert_rowid(bc_store_db(st))
			     : 0;
	sqlite3_reset(s);
	return id;
}

/* Statements for one submission's revisions, prepared once. */
enum { S_NUMBER, S_REVISION, S_NOTE, N_S };
static const char *const store_sql[N_S] = {
	"SELECT coalesce(max(number), 0) + 1 FROM revision"
	" WHERE unit_id = ? AND period_id = ? AND part = ?",
	"INSERT INTO revision (submission_id, unit_id, period_id, part,"
	" number, received_at, complete) VALUES (?,?,?,?,?,?,?)",
	"INSERT INTO diagnostic (revision_id, severity, field, line, message)"
	" VALUES (?,?,?,?,?)",
};

/*
 * Values go in several rows to a statement, so that one statement's
 * set-up (cursors, the halt) serves many rows, and in
 * the order of the table's key, so that each row lands at the end of
 * the b-tree, where SQLite appends without searching from the root.
 * Together they took ~40% off the cost of storing a value.  OR FAIL:
 * a statement of several rows that may stop half way with ABORT makes
 * SQLite journal every page it changes, to undo the rows it wrote
 * (5% of an import's instructions); FAIL keeps them, and the caller
 * undoes the whole file anyway when storing fails (bc_store_rollback).
 */
#define VALUE_INSERT                                                          \
	"INSERT OR FAIL INTO value"                                            \
	" (revision_id, field, row, col, num, cents, txt) VALUES "
#define ROW1 "(?,?,?,?,?,?,?)"
#define ROW4 ROW1 "," ROW1 "," ROW1 "," ROW1
#define ROW16 ROW4 "," ROW4 "," ROW4 "," ROW4
#define ROW64 ROW16 "," ROW16 "," ROW16 "," ROW16
enum { VALUE_COLS = 7 };
static const struct {
	size_t rows;
	const char *sql;
} value_sql[] = {
	{64, VALUE_INSERT ROW64},
	{16, VALUE_INSERT ROW16},
	{4, VALUE_INSERT ROW4},
	{1, VALUE_INSERT ROW1},
};
#define N_VALUE_SQL (sizeof value_sql / sizeof *value_sql)

static bool step(sqlite3_stmt *s)
{
	bool ok = sqlite3_step(s) == SQLITE_DONE ||
		  sqlite3_data_count(s) > 0;
	sqlite3_reset(s);
	return ok;
}

static int cmp_text(const char *a, const char *b)
{
	return a == b ? 0 : strcmp(a ? a : "", b ? b : "");
}

/* The value table's key order: field, row, column (SQLite's BINARY
 * collation orders text as strcmp does). */
static int cmp_key(const void *pa, const void *pb)
{
	const bc_val *a = *(const bc_val *const *)pa,
		     *b = *(const bc_val *const *)pb;
	int c = cmp_text(a->field, b->field);
	if (!c)
		c = (a->row > b->row) - (a->row < b->row);
	return c ? c : cmp_text(a->col, b->col);
}

static void key_order(const bc_part *p, const bc_val **order)
{
	bool sorted = true;
	for (size_t i = 0; i < p->n; i++) {
		order[i] = &p->v[i];
		sorted = sorted && (!i || cmp_key(&order[i - 1], &order[i]) < 0);
	}
	if (!sorted)
		qsort(order, p->n, sizeof *order, cmp_key);
}

static void bind_value(sqlite3_stmt *s, int at, int64_t rev, const bc_val *v)
{
	sqlite3_bind_int64(s, at + 1, rev);
	sqlite3_bind_text(s, at + 2, v->field, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, at + 3, v->row);
	sqlite3_bind_text(s, at + 4, v->col ? v->col : "", -1, SQLITE_STATIC);
	bc_dec cents;
	if (v->has_num)
		sqlite3_bind_double(s, at + 5, bc_dec_double(v->num));
	else
		sqlite3_bind_null(s, at + 5);
	/* Hundredths for what has decimals to the hundredth (amounts of
	 * money): what bc_value_number reads back exactly. */
	if (v->has_num && v->num.scale > 0 && bc_dec_rescale(v->num, 2, &cents))
		sqlite3_bind_int64(s, at + 6, cents.v);
	else
		sqlite3_bind_null(s, at + 6);
	sqlite3_bind_text(s, at + 7, v->text, -1, SQLITE_STATIC);
}

static bool store_values(sqlite3_stmt **vs, int64_t rev, const bc_val **v,
			 size_t n)
{
	for (size_t k = 0, i = 0; i < n; i += value_sql[k].rows) {
		while (value_sql[k].rows > n - i)
			k++;
		for (size_t j = 0; j < value_sql[k].rows; j++)
			bind_value(vs[k], (int)j * VALUE_COLS, rev, v[i + j]);
		if (!step(vs[k]))
			return false;
	}
	return true;
}

static bool store_part(sqlite3_stmt **s, sqlite3_stmt **vs, int64_t sub,
		       const bc_receipt *r, bc_part *p, const bc_val **order)
{
	sqlite3_bind_int64(s[S_NUMBER], 1, r->unit_id);
	sqlite3_bind_int64(s[S_NUMBER], 2, r->period_id);
	sqlite3_bind_text(s[S_NUMBER], 3, p->part, -1, SQLITE_STATIC);
	bool got = sqlite3_step(s[S_NUMBER]) == SQLITE_ROW;
	p->number = got ? sqlite3_column_int(s[S_NUMBER], 0) : 0;
	sqlite3_reset(s[S_NUMBER]);
	if (!got)
		return false;
	sqlite3_bind_int64(s[S_REVISION], 1, sub);
	sqlite3_bind_int64(s[S_REVISION], 2, r->unit_id);
	sqlite3_bind_int64(s[S_REVISION], 3, r->period_id);
	sqlite3_bind_text(s[S_REVISION], 4, p->part, -1, SQLITE_STATIC);
	sqlite3_bind_int(s[S_REVISION], 5, p->number);
	sqlite3_bind_int64(s[S_REVISION], 6, r->received_at);
	sqlite3_bind_int(s[S_REVISION], 7, p->complete);
	if (!step(s[S_REVISION]))
		return false;
	int64_t rev = sqlite3_last_insert_rowid(sqlite3_db_handle(s[S_NOTE]));
	key_order(p, order);
	if (!store_values(vs, rev, order, p->n))
		return false;
	for (size_t i = 0; i < p->notes.n; i++) {
		const bc_diag *g = &p->notes.v[i];
		sqlite3_bind_int64(s[S_NOTE], 1, rev);
		sqlite3_bind_text(s[S_NOTE], 2,
				  g->severity == BC_ERROR ? "error" : "warning",
				  -1, SQLITE_STATIC);
		sqlite3_bind_text(s[S_NOTE], 3, g->field, -1, SQLITE_STATIC);
		if (g->line)
			sqlite3_bind_int(s[S_NOTE], 4, g->line);
		else
			sqlite3_bind_null(s[S_NOTE], 4);
		sqlite3_bind_text(s[S_NOTE], 5, g->msg, -1, SQLITE_STATIC);
		if (!step(s[S_NOTE]))
			return false;
	}
	return true;
}

bc_err bc_revision_store(bc_store *st, const bc_receipt *r, bc_part *parts,
			 size_t n, bc_diags *d)
{
	size_t most = 1;
	for (size_t i = 0; i < n; i++)
		most = parts[i].n > most ? parts[i].n : most;
	const bc_val **order = bc_malloc(most * sizeof *order);
	if (!order)
		return BC_ERR_NOMEM;
	int64_t sub = insert_submission(st, r);
	sqlite3_stmt *s[N_S] = {0}, *vs[N_VALUE_SQL] = {0};
	bool ok = sub != 0;
	for (int i = 0; i < N_S && ok; i++)
		ok = (s[i] = bc_store_stmt(st, store_sql[i])) != NULL;
	for (size_t i = 0; i < N_VALUE_SQL && ok; i++)
		ok = (vs[i] = bc_store_stmt(st, value_sql[i].sql)) != NULL;
	for (size_t i = 0; i < n && ok; i++)
		ok = store_part(s, vs, sub, r, &parts[i], order);
	bc_free(order);
	if (!sub)
		return bc_store_fail(st, d, N_("submission"));
	return ok ? BC_OK : bc_store_fail(st, d, N_("revision"));
}

bc_err bc_revision_duplicate(bc_store *st, int64_t unit_id,
			     int64_t period_id, const char *sha256,
			     bool *found, char *what, size_t n, bc_diags *d)
{
	static const char sql[] =
		"SELECT r.part, r.number FROM submission s"
		" JOIN revision r ON r.submission_id = s.id"
		" WHERE s.unit_id = ? AND s.period_id = ?"
		" AND s.sha256 = ? ORDER BY s.id, r.id";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	*found = false;
	what[0] = '\0';
	if (!s)
		return bc_store_fail(st, d, N_("submission"));
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, period_id);
	sqlite3_bind_text(s, 3, sha256, -1, SQLITE_STATIC);
	size_t o = 0;
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		*found = true;
		if (o < n)
			o += (size_t)snprintf(what + o, n - o, "%s%s %d",
					      o ? ", " : "",
					      sqlite3_column_text(s, 0),
					      sqlite3_column_int(s, 1));
	}
	/* An error is not the end of the rows. */
	bc_err rc = r == SQLITE_DONE ? BC_OK : bc_store_fail(st, d, "submission");
	sqlite3_reset(s);
	return rc;
}

bc_err bc_revision_numbers(bc_store *st, int64_t unit_id, const char *period,
			   bc_numbers *out, bc_diags *d)
{
	/* Every part at once: one query per unit, not one per form. */
	static const char sql[] =
		"SELECT f.part, v.field, v.num, v.cents FROM " BC_STANDING " f"
		" JOIN period p ON p.id = f.period_id"
		" JOIN value v ON v.revision_id = f.id"
		" WHERE f.unit_id = ?1 AND p.code = ?2 AND NOT f.returned"
		" AND v.row = 0 AND v.col = '' AND v.num IS NOT NULL"
		" AND f.id = (SELECT r.id FROM " BC_STANDING " r"
		" WHERE r.unit_id = f.unit_id AND r.period_id = f.period_id"
		" AND r.part = f.part" BC_LATEST("r") " LIMIT 1)"
		" ORDER BY f.part, v.field";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	*out = (bc_numbers){0};
	if (!s)
		return bc_store_fail(st, d, N_("revision"));
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
	size_t cap = 0;
	bc_err rc = BC_OK;
	int r = SQLITE_DONE;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)&out->v, &cap, out->n + 1,
			    sizeof *out->v) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		bc_number *e = &out->v[out->n];
		e->part = bc_strdup((const char *)sqlite3_column_text(s, 0));
		e->field = bc_strdup((const char *)sqlite3_column_text(s, 1));
		bc_value_number(s, 2, &e->num);
		out->n++;
		if (!e->part || !e->field)
			rc = BC_ERR_NOMEM;
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(st, d, N_("revision"));
	sqlite3_reset(s);
	if (rc != BC_OK)
		bc_numbers_free(out);
	return rc;
}

typedef struct number_key {
	const char *part, *field;
} number_key;

static int cmp_number(const void *k, const void *e)
{
	const number_key *key = k;
	const bc_number *n = e;
	int c = strcmp(key->part, n->part);
	return c ? c : strcmp(key->field, n->field);
}

bool bc_numbers_get(const bc_numbers *nums, const char *part,
		    const char *field, bc_dec *v)
{
	number_key key = {part, field};
	const bc_number *n = nums->n ? bsearch(&key, nums->v, nums->n,
					       sizeof *nums->v, cmp_number)
				     : NULL;
	if (n)
		*v = n->num;
	return n != NULL;
}

void bc_numbers_free(bc_numbers *nums)
{
	for (size_t i = 0; i < nums->n; i++) {
		bc_free(nums->v[i].part);
		bc_free(nums->v[i].field);
	}
	bc_free(nums->v);
	*nums = (bc_numbers){0};
}

bc_err bc_revision_period_to(bc_store *st, const char *code, bc_date *to,
			     bool *recorded, bc_diags *d)
{
	sqlite3_stmt *s =
		bc_store_stmt(st, "SELECT window_to FROM period WHERE code = ?1");
	*recorded = false;
	if (!s)
		return bc_store_fail(st, d, N_("revision"));
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		*recorded = bc_date_parse((const char *)sqlite3_column_text(s, 0),
					  to);
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("revision"));
	sqlite3_reset(s);
	return rc;
}

bc_err bc_revision_periods_before(bc_store *st, bc_date day,
				  char (*codes)[24], size_t max, size_t *n,
				  bc_diags *d)
{
	/* Windows that follow each other either share their cut-off day
	 * (10/6 ends H1 and begins Q3) or abut; of several periods ending
	 * there, the longest window first, which is the regular report. */
	static const char sql[] =
		"SELECT code FROM period WHERE window_to IN (?1, ?2)"
		" ORDER BY window_to DESC, window_from ASC, code";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	char when[BC_DATE_BUF], before[BC_DATE_BUF];
	bc_date_format(day, when);
	bc_date_format(day - 1, before);
	*n = 0;
	if (!s)
		return bc_store_fail(st, d, N_("revision"));
	sqlite3_bind_text(s, 1, when, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_STATIC);
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		snprintf(codes[(*n)++], 24, "%s", sqlite3_column_text(s, 0));
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("revision"));
	sqlite3_reset(s);
	return rc;
}

bc_err bc_revision_previous(bc_store *st, int64_t unit_id, const char *part,
			    const char *field, const char *period,
			    bc_dec *num, bool *held, bool *found, bc_diags *d)
{
	static const char sql[] =
		"SELECT v.num, v.cents FROM (SELECT r.id, r.returned"
		" FROM " BC_STANDING " r JOIN period p ON p.id = r.period_id"
		" WHERE r.unit_id = ?1 AND r.part = ?2 AND p.code = ?3"
		BC_LATEST("r") " LIMIT 1) r LEFT JOIN value v"
		" ON v.revision_id = r.id AND v.field = ?4 AND v.row = 0"
		" AND v.col = '' WHERE NOT r.returned";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	*held = *found = false;
	if (!s)
		return bc_store_fail(st, d, N_("revision"));
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_text(s, 2, part, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, period, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, field, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	*held = r == SQLITE_ROW;
	*found = *held && bc_value_number(s, 0, num);
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("revision"));
	sqlite3_reset(s);
	return rc;
}

bc_err bc_revision_signer(bc_store *st, int64_t unit_id, const char *period,
			  bc_time until, char **name, char **title,
			  bc_diags *d)
{
	static const char sql[] =
		"SELECT s.signer_name, s.signer_title FROM (SELECT r.id,"
		" r.submission_id, r.returned, r.received_at, r.number,"
		" row_number() OVER (PARTITION BY r.part" BC_LATEST("r") ") AS k"
		" FROM " BC_STANDING " r JOIN period p ON p.id = r.period_id"
		" WHERE r.unit_id = ?1 AND p.code = ?2 AND r.received_at <= ?3) r"
		" JOIN submission s ON s.id = r.submission_id"
		" WHERE r.k = 1 AND NOT r.returned AND trim(s.signer_name) <> ''"
		BC_LATEST("r") " LIMIT 1";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	*name = *title = NULL;
	if (!s)
		return bc_store_fail(st, d, N_("revision"));
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, until);
	int r = sqlite3_step(s);
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("revision"));
	if (r == SQLITE_ROW) {
		*name = bc_strdup((const char *)sqlite3_column_text(s, 0));
		*title = bc_strdup((const char *)sqlite3_column_text(s, 1));
		if (!*name || !*title) {
			bc_free(*name);
			bc_free(*title);
			*name = *title = NULL;
			rc = BC_ERR_NOMEM;
		}
	}
	sqlite3_reset(s);
	return rc;
}

/* SPDX-License-Identifier: MIT */
#include "history.h"
#include "mem.h"
#include "period.h"
#include "rename.h"
#include "revision.h"
#include "text.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static char *dup_col(sqlite3_stmt *s, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	char *c = t ? bc_strdup((const char *)t) : NULL;
	*oom |= t && !c;
	return c;
}

/* A revision's values as "key" → "text", key being field[row].col. */
typedef struct kv {
	char *key, *val;
} kv;

typedef struct kvs {
	kv *v;
	size_t n, cap;
} kvs;

static void kvs_free(kvs *k)
{
	for (size_t i = 0; i < k->n; i++) {
		bc_free(k->v[i].key);
		bc_free(k->v[i].val);
	}
	bc_free(k->v);
	*k = (kvs){0};
}

static bc_err load_values(sqlite3 *db, int64_t rev, kvs *out)
{
	sqlite3_stmt *s;
	*out = (kvs){0};
	if (!rev)
		return BC_OK;
	if (sqlite3_prepare_v2(db,
			       "SELECT field, row, col, num, cents, txt FROM value"
			       " WHERE revision_id = ? ORDER BY field, row, col",
			       -1, &s, NULL) != SQLITE_OK)
		return BC_ERR_DB;
	sqlite3_bind_int64(s, 1, rev);
	bc_err rc = BC_OK;
	while (rc == BC_OK && sqlite3_step(s) == SQLITE_ROW) {
		const char *field = (const char *)sqlite3_column_text(s, 0);
		int row = sqlite3_column_int(s, 1);
		const char *col = (const char *)sqlite3_column_text(s, 2);
		char num[BC_DEC_BUF];
		bc_dec d;
		const char *txt = (const char *)sqlite3_column_text(s, 5);
		if (!txt && bc_value_number(s, 3, &d)) {
			bc_dec_local(d, num);
			txt = num;
		}
		if (bc_grow((void **)&out->v, &out->cap, out->n + 1,
			    sizeof *out->v) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		kv *k = &out->v[out->n++];
		k->key = row ? bc_sprintf("%s[%d].%s", field, row, col)
			     : *col ? bc_sprintf("%s.%s", field, col)
				    : bc_strdup(field);
		k->val = bc_strdup(txt ? txt : "");
		if (!k->key || !k->val)
			rc = BC_ERR_NOMEM;
	}
	sqlite3_finalize(s);
	return rc;
}

static const char *lookup(const kvs *k, const char *key)
{
	for (size_t i = 0; i < k->n; i++)
		if (!strcmp(k->v[i].key, key))
			return k->v[i].val;
	return NULL;
}

static bc_err add_change(bc_revision_info *r, const char *field,
			 const char *from, const char *to)
{
	bc_change *v = bc_realloc(r->changes, (r->n_changes + 1) * sizeof *v);
	if (!v)
		return BC_ERR_NOMEM;
	r->changes = v;
	bc_change *c = &v[r->n_changes++];
	*c = (bc_change){bc_strdup(field), bc_strdup(from), bc_strdup(to)};
	return !c->field || (from && !c->from) || (to && !c->to)
		       ? BC_ERR_NOMEM
		       : BC_OK;
}

/* What changed from revision prev to rev (prev 0: everything is new). */
static bc_err diff(sqlite3 *db, int64_t prev, int64_t rev,
		   bc_revision_info *r)
{
	kvs a, b;
	bc_err rc = load_values(db, prev, &a);
	if (rc == BC_OK)
		rc = load_values(db, rev, &b);
	else
		b = (kvs){0};
	for (size_t i = 0; rc == BC_OK && prev && i < b.n; i++) {
		const char *old = lookup(&a, b.v[i].key);
		if (!old || strcmp(old, b.v[i].val))
			rc = add_change(r, b.v[i].key, old, b.v[i].val);
	}
	for (size_t i = 0; rc == BC_OK && prev && i < a.n; i++)
		if (!lookup(&b, a.v[i].key))
			rc = add_change(r, a.v[i].key, a.v[i].val, NULL);
	kvs_free(&a);
	kvs_free(&b);
	return rc;
}

static bc_err load_warnings(sqlite3 *db, int64_t rev, bc_revision_info *r)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db,
			       "SELECT coalesce(field || ': ', '') || message"
			       " FROM diagnostic WHERE revision_id = ?"
			       " ORDER BY rowid",
			       -1, &s, NULL) != SQLITE_OK)
		return BC_ERR_DB;
	sqlite3_bind_int64(s, 1, rev);
	bc_err rc = BC_OK;
	while (rc == BC_OK && sqlite3_step(s) == SQLITE_ROW) {
		char **v = bc_realloc(r->warnings,
				      (r->n_warnings + 1) * sizeof *v);
		if (!v) {
			rc = BC_ERR_NOMEM;
			break;
		}
		r->warnings = v;
		bool oom = false;
		v[r->n_warnings++] = dup_col(s, 0, &oom);
		if (oom)
			rc = BC_ERR_NOMEM;
	}
	sqlite3_finalize(s);
	return rc;
}

/* The district's reviews of revision rev, oldest first. */
static bc_err load_reviews(sqlite3 *db, int64_t rev, bc_revision_info *r)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db,
			       "SELECT verdict = 'return', reason, actor,"
			       " reviewed_at FROM review WHERE revision_id = ?"
			       " ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK)
		return BC_ERR_DB;
	sqlite3_bind_int64(s, 1, rev);
	bc_err rc = BC_OK;
	size_t cap = 0;
	int step;
	while (rc == BC_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)&r->reviews, &cap, r->n_reviews + 1,
			    sizeof *r->reviews) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		bool oom = false;
		bc_review_info *v = &r->reviews[r->n_reviews++];
		*v = (bc_review_info){sqlite3_column_int(s, 0) != 0,
				      dup_col(s, 1, &oom), dup_col(s, 2, &oom),
				      sqlite3_column_int64(s, 3)};
		if (oom)
			rc = BC_ERR_NOMEM;
	}
	if (rc == BC_OK && step != SQLITE_DONE)
		rc = BC_ERR_DB;
	sqlite3_finalize(s);
	return rc;
}

static const char HISTORY_SQL[] =
	"SELECT r.id, r.part, r.number, r.received_at, r.received_offset,"
	" s.channel, s.signer_name, s.signer_title, s.signed_date,"
	" s.file_name, s.sha256, s.imported_at, s.actor, s.estimated,"
	" r.complete,"
	" (SELECT p.id FROM revision_received p WHERE p.unit_id = r.unit_id AND"
	"  p.period_id = r.period_id AND p.part = r.part AND"
	"  p.number = r.number - 1),"
	" r.id = (SELECT f.id FROM " BC_STANDING " f WHERE"
	"  f.unit_id = r.unit_id"
	"  AND f.period_id = r.period_id AND f.part = r.part" BC_LATEST("f")
	"  LIMIT 1),"
	" r.received_as, r.correction, x.reason, x.actor, x.voided_at"
	" FROM revision_received r JOIN submission s ON s.id = r.submission_id"
	" LEFT JOIN revision_void x ON x.revision_id = r.id"
	" JOIN unit u ON u.id = r.unit_id JOIN period pe ON pe.id = r.period_id"
	" WHERE u.code = ?1 AND pe.code = ?2 AND (?3 IS NULL OR r.part = ?3)"
	" ORDER BY r.part = 'report', r.part, r.number";

static bc_err revision_from_row(sqlite3 *db, sqlite3_stmt *s,
				bc_revision_info *r)
{
	bool oom = false;
	*r = (bc_revision_info){0};
	r->part = dup_col(s, 1, &oom);
	r->number = sqlite3_column_int(s, 2);
	r->received_at = sqlite3_column_int64(s, 3);
	r->offset = sqlite3_column_int(s, 4);
	r->channel = dup_col(s, 5, &oom);
	r->signer_name = dup_col(s, 6, &oom);
	r->signer_title = dup_col(s, 7, &oom);
	r->signed_date = dup_col(s, 8, &oom);
	r->file = dup_col(s, 9, &oom);
	r->sha256 = dup_col(s, 10, &oom);
	r->imported_at = sqlite3_column_int64(s, 11);
	r->actor = dup_col(s, 12, &oom);
	r->estimated = sqlite3_column_int(s, 13);
	r->complete = sqlite3_column_int(s, 14);
	r->in_force = sqlite3_column_int(s, 16);
	r->received_as = sqlite3_column_int64(s, 17);
	r->correction = dup_col(s, 18, &oom);
	r->void_reason = dup_col(s, 19, &oom);
	r->void_actor = dup_col(s, 20, &oom);
	r->voided_at = sqlite3_column_int64(s, 21);
	if (oom)
		return BC_ERR_NOMEM;
	int64_t rev = sqlite3_column_int64(s, 0);
	bc_err rc = load_warnings(db, rev, r);
	if (rc == BC_OK)
		rc = load_reviews(db, rev, r);
	return rc == BC_OK ? diff(db, sqlite3_column_int64(s, 15), rev, r) : rc;
}

static bool exists(sqlite3 *db, const char *sql, const char *code)
{
	sqlite3_stmt *s;
	bool found = false;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
		found = sqlite3_step(s) == SQLITE_ROW;
		sqlite3_finalize(s);
	}
	return found;
}

bc_err bc_history_get(bc_store *st, const char *unit, const char *period,
		      const char *part, bc_history *out, bc_diags *d)
{
	sqlite3 *db = bc_store_db(st);
	*out = (bc_history){bc_strdup(unit), bc_strdup(period), NULL, 0};
	if (!out->unit || !out->period)
		return BC_ERR_NOMEM;
	if (!exists(db, "SELECT 1 FROM unit WHERE code = ?", unit)) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     "unknown unit '%s'", unit);
		return BC_ERR_NOT_FOUND;
	}
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, HISTORY_SQL, -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, "history");
	sqlite3_bind_text(s, 1, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, part, -1, SQLITE_STATIC);
	bc_err rc = BC_OK;
	size_t cap = 0;
	while (rc == BC_OK && sqlite3_step(s) == SQLITE_ROW) {
		if (bc_grow((void **)&out->v, &cap, out->n + 1,
			    sizeof *out->v) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		rc = revision_from_row(db, s, &out->v[out->n++]);
	}
	sqlite3_finalize(s);
	return rc == BC_ERR_DB ? bc_store_fail(st, d, "history") : rc;
}

void bc_history_free(bc_history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		bc_revision_info *r = &h->v[i];
		char *strs[] = {r->part,        r->channel, r->signer_name,
				r->signer_title, r->signed_date, r->file,
				r->sha256,      r->actor,       r->correction,
				r->void_reason, r->void_actor};
		for (size_t k = 0; k < sizeof strs / sizeof *strs; k++)
			bc_free(strs[k]);
		for (size_t k = 0; k < r->n_reviews; k++) {
			bc_free(r->reviews[k].reason);
			bc_free(r->reviews[k].actor);
		}
		bc_free(r->reviews);
		for (size_t k = 0; k < r->n_warnings; k++)
			bc_free(r->warnings[k]);
		bc_free(r->warnings);
		for (size_t k = 0; k < r->n_changes; k++) {
			bc_free(r->changes[k].field);
			bc_free(r->changes[k].from);
			bc_free(r->changes[k].to);
		}
		bc_free(r->changes);
	}
	bc_free(h->v);
	bc_free(h->unit);
	bc_free(h->period);
	*h = (bc_history){0};
}

/* ---- one field across periods ------------------------------------------- */

/* The recorded periods whose window ends by ?1 (NULL: all), the latest
 * first: the order in which renames are followed back. */
static const char PERIODS_SQL[] =
	"SELECT code FROM period WHERE ?1 IS NULL OR window_to <= ?1"
	" ORDER BY window_to DESC, window_from ASC, code DESC";

/* The unit's value of part.field in its revision in force for a
 * period: a row when it had one, its value null when it holds none. */
static const char VALUE_SQL[] =
	"SELECT v.num, v.cents, v.txt FROM (SELECT r.id, r.returned"
	" FROM " BC_STANDING " r JOIN period p ON p.id = r.period_id"
	" WHERE r.unit_id = ?1 AND p.code = ?2 AND r.part = ?3"
	BC_LATEST("r") " LIMIT 1) r LEFT JOIN value v"
	" ON v.revision_id = r.id AND v.field = ?4 AND v.row = 0"
	" AND v.col = '' WHERE NOT r.returned";

/* The rules of recorded period code, or NULL when none governs it. */
static const bc_ruleset *rules_of(bc_store *st, bc_rulebook *rb,
				  const char *code)
{
	bc_period p;
	bc_diags ignore = BC_DIAGS_INIT;
	const bc_ruleset *rs = NULL;
	if (bc_period_get(st, rb, code, &p, &ignore) == BC_OK) {
		rs = p.rs;
		bc_period_free(&p);
	}
	bc_diags_free(&ignore);
	return rs;
}

/* pt's value, pt->form.field of the unit in pt->period. */
static bc_err point_value(bc_store *st, int64_t unit_id, bc_field_point *pt,
			  bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(st, VALUE_SQL);
	if (!s)
		return bc_store_fail(st, d, "history");
	sqlite3_bind_int64(s, 1, unit_id);
	sqlite3_bind_text(s, 2, pt->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, pt->form, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, pt->field, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	bool oom = false;
	pt->sent = r == SQLITE_ROW;
	if (pt->sent && sqlite3_column_type(s, 2) != SQLITE_NULL)
		pt->text = dup_col(s, 2, &oom);
	else if (pt->sent)
		pt->is_num = bc_value_number(s, 0, &pt->num);
	pt->has = pt->text || pt->is_num;
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? (oom ? BC_ERR_NOMEM : BC_OK)
			    : bc_store_fail(st, d, "history");
	sqlite3_reset(s);
	return rc;
}

/* The codes of the periods PERIODS_SQL lists, into *out (*n of them). */
static bc_err period_codes(bc_store *st, const char *to, char (**out)[24],
			   size_t *n, bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(st, PERIODS_SQL);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (!s)
		return bc_store_fail(st, d, "history");
	sqlite3_bind_text(s, 1, to, -1, SQLITE_STATIC);
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)out, &cap, *n + 1, sizeof **out) < 0)
			rc = BC_ERR_NOMEM;
		else
			snprintf((*out)[(*n)++], 24, "%s",
				 sqlite3_column_text(s, 0));
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(st, d, "history");
	sqlite3_reset(s);
	return rc;
}

/* A field of the rules the history starts from, and where it stands
 * as the periods are followed back. */
typedef struct named_as {
	const bc_ruleset *rs;
	const bc_form *form;
	const bc_field *field;
} named_as;

/* The field as rs names it; BC_ERR_NOT_FOUND, said, when it has none. */
static bc_err field_of(const bc_ruleset *rs, const char *form,
		       const char *field, named_as *at, bc_diags *d)
{
	const bc_form *f = bc_ruleset_form(rs, form);
	int k = f ? bc_field_index(f->fields, f->n_fields, field) : -1;
	if (k < 0) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("%s.%s is no field of ruleset %s"), form, field,
			     rs->id);
		return BC_ERR_NOT_FOUND;
	}
	*at = (named_as){rs, f, &f->fields[k]};
	return BC_OK;
}

bc_err bc_history_field(bc_store *st, bc_rulebook *rb, int64_t unit_id,
			const char *period, const char *form,
			const char *field, bc_field_history *out, bc_diags *d)
{
	char to[BC_DATE_BUF];
	named_as at = {0};
	*out = (bc_field_history){0};
	if (period) {
		bc_period p;
		bc_err rc = bc_period_get(st, rb, period, &p, d);
		if (rc != BC_OK)
			return rc;
		at.rs = p.rs;
		bc_date_format(p.to, to);
		bc_period_free(&p);
	}
	char (*codes)[24];
	size_t n;
	bc_err rc = period_codes(st, period ? to : NULL, &codes, &n, d);
	if (rc == BC_OK && !at.rs && n)
		at.rs = rules_of(st, rb, codes[0]);
	if (rc == BC_OK && at.rs)
		rc = field_of(at.rs, form, field, &at, d);
	if (rc == BC_OK && at.rs && n &&
	    !(out->v = bc_calloc(n, sizeof *out->v)))
		rc = BC_ERR_NOMEM;
	if (out->v)
		out->n = n;
	for (size_t i = 0; rc == BC_OK && out->v && i < n; i++) {
		/* Latest first into the end: oldest first when done. */
		bc_field_point *pt = &out->v[n - 1 - i];
		snprintf(pt->period, sizeof pt->period, "%s", codes[i]);
		pt->rs = rules_of(st, rb, codes[i]);
		const bc_form *ft = bc_form_then(at.rs, at.form, pt->rs);
		const bc_field *fd = bc_field_then(at.field, ft);
		if (!fd)
			continue; /* none then: older rules may still have it */
		at = (named_as){pt->rs, ft, fd};
		pt->form = ft->id;
		pt->field = fd->id;
		rc = point_value(st, unit_id, pt, d);
	}
	bc_free(codes);
	if (rc != BC_OK)
		bc_field_history_free(out);
	return rc;
}

void bc_field_history_free(bc_field_history *h)
{
	for (size_t i = 0; h->v && i < h->n; i++)
		bc_free(h->v[i].text);
	bc_free(h->v);
	*h = (bc_field_history){0};
}

/* SPDX-License-Identifier: MIT */
#include "derive.h"
#include "derived.h"
#include "jsonout.h"
#include "jsonset.h"
#include "mem.h"
#include "revision.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the tables ------------------------------------------------------------ */

/* agg_drev: the revisions in force of each part k; agg_dval: the
 * derived values, keyed as the value table is, in the order the
 * aggregate reads them. */
static const char TABLES[] =
	BC_DERIVE_DROP
	"CREATE TEMP TABLE agg_drev (k INTEGER, id INTEGER, unit_id INTEGER,"
	" part TEXT, estimated INTEGER);"
	"CREATE INDEX temp.agg_drev_unit ON agg_drev (unit_id, part);"
	"CREATE TEMP TABLE agg_dval (revision_id INTEGER, field TEXT,"
	" row INTEGER, col TEXT, num REAL, cents INTEGER, txt TEXT,"
	" PRIMARY KEY (revision_id, field, row, col));";

static bc_err fail(bc_store *st, bc_diags *d)
{
	return bc_store_fail(st, d, N_("aggregate"));
}

static bc_err exec(bc_store *st, const char *sql, bc_diags *d)
{
	if (sqlite3_exec(bc_store_db(st), sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(st, d);
	return BC_OK;
}

/* Runs sql with ?1 = a and ?2 = b to its end. */
static bc_err run(bc_store *st, const char *sql, int64_t a, int64_t b,
		  bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return fail(st, d);
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	int r = sqlite3_step(s);
	sqlite3_finalize(s);
	return r == SQLITE_DONE ? BC_OK : fail(st, d);
}

bc_err bc_derive_take(bc_store *st, size_t k, bc_diags *d)
{
	bc_err rc = k ? BC_OK : exec(st, TABLES, d);
	if (rc == BC_OK)
		rc = run(st,
			 "INSERT INTO agg_drev SELECT ?1, id, unit_id, part,"
			 " estimated FROM agg_rev WHERE part <> 'report'",
			 (int64_t)k, 0, d);
	return rc == BC_OK ? exec(st, "DELETE FROM agg_rev", d) : rc;
}

/* ---- the values ------------------------------------------------------------ */

/* One field of one unit's form: its value in each part. */
typedef struct group {
	int64_t rev;
	char part[64], field[64], unit[128]; /* ids of 32, codes of 64 */
	bool has[BC_DERIVED_MAX];
	bc_dec num[BC_DERIVED_MAX];
} group;

typedef struct dctx {
	bc_store *st;
	const bc_period *p;
	bc_diags *d;
	sqlite3_stmt *ins;
	json_t *negative;
	bc_err rc;
} dctx;

/* v into agg_dval, stored as the value table stores a number. */
static void insert(dctx *x, int64_t rev, const char *field, bc_dec v)
{
	sqlite3_stmt *s = x->ins;
	bc_dec cents;
	sqlite3_bind_int64(s, 1, rev);
	sqlite3_bind_text(s, 2, field, -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 3, bc_dec_double(v));
	if (v.scale > 0 && bc_dec_rescale(v, 2, &cents))
		sqlite3_bind_int64(s, 4, cents.v);
	else
		sqlite3_bind_null(s, 4);
	if (sqlite3_step(s) != SQLITE_DONE && x->rc == BC_OK)
		x->rc = fail(x->st, x->d);
	sqlite3_reset(s);
}

/* "2023-H1 10, 2023-Q1 12": the parts' values of g. */
static void parts_values(const bc_period *p, const group *g, char *buf,
			 size_t n)
{
	size_t o = 0;
	for (size_t k = 0; k < p->n_parts && o < n; k++) {
		char v[BC_DEC_BUF];
		bc_dec_text(g->num[k], v);
		o += (size_t)snprintf(buf + o, n - o, "%s%s %s", k ? ", " : "",
				      p->parts[k].period.code, v);
	}
}

/* A sum below zero: a later cumulative report gave less than an earlier
 * one.  Kept as the arithmetic gives it, and said. */
static void below_zero(dctx *x, const group *g, bc_dec v)
{
	char parts[256];
	parts_values(x->p, g, parts, sizeof parts);
	bc_diags_add(x->d, BC_WARNING, NULL, 0, g->part, g->field,
		     N_("unit %s: below zero in %s (%s): its parts do not "
			"agree"),
		     g->unit, x->p->code, parts);
	json_t *by = bc_json_made(&x->rc, json_object());
	for (size_t k = 0; k < x->p->n_parts; k++)
		bc_json_set(&x->rc, by, x->p->parts[k].period.code,
			    bc_json_dec(g->num[k]));
	bc_json_push(&x->rc, x->negative,
		     json_pack("{s:s, s:s, s:s, s:o, s:o}", "unit", g->unit,
			       "form", g->part, "field", g->field, "value",
			       bc_json_dec(v), "parts", by));
}

/* The parts' values of g by the derived type's arithmetic; false when a
 * part has none (the unit did not report the field there). */
static bool combine(dctx *x, const group *g, bc_dec *out)
{
	bc_dec sum = bc_dec_int(0);
	for (size_t k = 0; k < x->p->n_parts; k++) {
		if (!g->has[k])
			return false;
		bool ok = x->p->parts[k].sign > 0
				  ? bc_dec_add(sum, g->num[k], &sum)
				  : bc_dec_sub(sum, g->num[k], &sum);
		if (!ok) {
			bc_diags_add(x->d, BC_ERROR, NULL, 0, g->part, g->field,
				     N_("unit %s: the sum of its parts has "
					"more digits than baocao adds exactly "
					"(18)"),
				     g->unit);
			x->rc = BC_ERR_INVALID;
			return false;
		}
	}
	*out = sum;
	return true;
}

/* The derived value of g, if its field has one. */
static void flush(dctx *x, const group *g)
{
	const bc_form *fm = bc_ruleset_form(x->p->rs, g->part);
	int i = fm ? bc_field_index(fm->fields, fm->n_fields, g->field) : -1;
	if (i < 0 || g->rev < 0)
		return;
	bc_agg agg = fm->fields[i].agg;
	bc_dec v;
	if (agg == BC_AGG_SUM) {
		if (!combine(x, g, &v))
			return;
		if (v.v < 0)
			below_zero(x, g, v);
	} else if (agg == BC_AGG_SNAP || agg == BC_AGG_COUNT_TRUE) {
		if (!g->has[x->p->latest])
			return;
		v = g->num[x->p->latest];
	} else {
		return;
	}
	insert(x, g->rev, fm->fields[i].id, v);
}

static bool same_group(const group *g, sqlite3_stmt *s)
{
	return g->rev == sqlite3_column_int64(s, 0) &&
	       !strcmp(g->field, (const char *)sqlite3_column_text(s, 3));
}

/* Every plain value of the parts' revisions of the units and forms that
 * have them all, a field of a unit's form at a time. */
static void values(dctx *x)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(
		    bc_store_db(x->st),
		    "SELECT a.id, a.part, u.code, v.field, d.k, v.num, v.cents"
		    " FROM agg_rev a JOIN agg_drev d ON d.unit_id = a.unit_id"
		    " AND d.part = a.part JOIN agg_unit u ON u.unit_id ="
		    " a.unit_id JOIN value v ON v.revision_id = d.id"
		    " AND v.row = 0 AND v.col = '' ORDER BY a.id, v.field, d.k",
		    -1, &s, NULL) != SQLITE_OK) {
		x->rc = fail(x->st, x->d);
		return;
	}
	group g = {.rev = -1};
	int r;
	while (x->rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (!same_group(&g, s)) {
			flush(x, &g);
			g = (group){.rev = sqlite3_column_int64(s, 0)};
			snprintf(g.part, sizeof g.part, "%s",
				 sqlite3_column_text(s, 1));
			snprintf(g.unit, sizeof g.unit, "%s",
				 sqlite3_column_text(s, 2));
			snprintf(g.field, sizeof g.field, "%s",
				 sqlite3_column_text(s, 3));
		}
		size_t k = (size_t)sqlite3_column_int64(s, 4);
		if (k < BC_DERIVED_MAX)
			g.has[k] = bc_value_number(s, 5, &g.num[k]);
	}
	if (x->rc == BC_OK && r != SQLITE_DONE)
		x->rc = fail(x->st, x->d);
	if (x->rc == BC_OK)
		flush(x, &g);
	sqlite3_finalize(s);
}

/* values() in one transaction, not one per insert (a country's values
 * each committed take minutes): within the caller's if it has one (an
 * export's snapshot), else its own, which a failure does not leave
 * open. */
static void values_at_once(dctx *x)
{
	sqlite3 *db = bc_store_db(x->st);
	bool outer = !sqlite3_get_autocommit(db);
	if ((x->rc = exec(x->st, "SAVEPOINT derive", x->d)) != BC_OK)
		return;
	values(x);
	bc_err e = exec(x->st, "RELEASE derive", x->d);
	if (e != BC_OK && !outer && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	if (x->rc == BC_OK)
		x->rc = e;
}

/* {form: [field ids]}: the fields no arithmetic across periods gives. */
static json_t *not_derived(bc_err *e, const bc_ruleset *rs)
{
	json_t *o = bc_json_made(e, json_object());
	for (size_t i = 0; i < rs->n_forms; i++) {
		const bc_form *f = &rs->forms[i];
		json_t *ids = NULL;
		for (size_t k = 0; k < f->n_fields; k++) {
			bc_agg a = f->fields[k].agg;
			if (a == BC_AGG_SUM || a == BC_AGG_SNAP ||
			    a == BC_AGG_COUNT_TRUE)
				continue;
			if (!ids)
				ids = bc_json_set(e, o, f->id, json_array());
			bc_json_push(e, ids, json_string(f->fields[k].id));
		}
	}
	return o;
}

bc_err bc_derive_values(bc_store *st, const bc_period *p, json_t **info,
			bc_diags *d)
{
	dctx x = {.st = st, .p = p, .d = d, .negative = json_array()};
	*info = NULL;
	x.rc = x.negative ? BC_OK : BC_ERR_NOMEM;
	if (x.rc == BC_OK)
		x.rc = run(st,
			   "INSERT INTO agg_rev SELECT max(CASE WHEN k = ?1"
			   " THEN id END), unit_id, part, max(estimated)"
			   " FROM agg_drev GROUP BY unit_id, part"
			   " HAVING count(*) = ?2",
			   (int64_t)p->latest, (int64_t)p->n_parts, d);
	if (x.rc == BC_OK &&
	    sqlite3_prepare_v2(bc_store_db(st),
			       "INSERT INTO agg_dval VALUES (?1, ?2, 0, '', ?3,"
			       " ?4, NULL)",
			       -1, &x.ins, NULL) != SQLITE_OK)
		x.rc = fail(st, d);
	if (x.rc == BC_OK)
		values_at_once(&x);
	sqlite3_finalize(x.ins);
	json_t *o = x.rc == BC_OK ? bc_json_made(&x.rc, bc_period_derived_json(p))
				  : NULL;
	bc_json_set(&x.rc, o, "not_derived", not_derived(&x.rc, p->rs));
	bc_json_set(&x.rc, o, "negative", x.negative);
	if (x.rc != BC_OK) {
		json_decref(o);
		return x.rc;
	}
	*info = o;
	return BC_OK;
}

/* ---- who lacks what ---------------------------------------------------------- */

/* The parts each (unit, form) has: {"form\nunit": mask}. */
static bc_err parts_held(bc_store *st, json_t *held, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "SELECT d.part || char(10) || u.code, d.k"
			       " FROM agg_drev d JOIN agg_unit u"
			       " ON u.unit_id = d.unit_id",
			       -1, &s, NULL) != SQLITE_OK)
		return fail(st, d);
	bc_err e = BC_OK;
	int r;
	while (e == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		json_int_t mask = json_integer_value(json_object_get(held, key));
		mask |= (json_int_t)1 << sqlite3_column_int(s, 1);
		bc_json_set(&e, held, key, json_integer(mask));
	}
	if (e == BC_OK && r != SQLITE_DONE)
		e = fail(st, d);
	sqlite3_finalize(s);
	return e;
}

bc_err bc_derive_lacking(bc_store *st, const bc_period *p,
			 const json_t *missing, json_t *info, bc_diags *d)
{
	bc_err e = BC_OK;
	json_t *held = bc_json_made(&e, json_object());
	json_t *lacking = bc_json_made(&e, json_object());
	if (e == BC_OK)
		e = parts_held(st, held, d);
	unsigned all = (1u << p->n_parts) - 1;
	const char *form;
	json_t *units;
	json_object_foreach((json_t *)missing, form, units) {
		json_t *by = bc_json_set(&e, lacking, form, json_object());
		size_t i;
		json_t *u;
		json_array_foreach(units, i, u) {
			char key[256];
			snprintf(key, sizeof key, "%s\n%s", form,
				 json_string_value(u));
			unsigned has = (unsigned)json_integer_value(
				json_object_get(held, key));
			json_t *a = bc_json_set(&e, by, json_string_value(u),
						json_array());
			for (size_t k = 0; k < p->n_parts; k++)
				if ((all & ~has) & (1u << k))
					bc_json_push(&e, a,
						     json_string(p->parts[k]
									 .period.code));
		}
	}
	json_decref(held);
	bc_json_set(&e, info, "lacking", lacking);
	return e;
}

/* ---- for an export ----------------------------------------------------------- */

json_t *bc_derive_form_values(const json_t *values, const char *form)
{
	json_t *v = json_object_get(values, form);
	return v ? json_incref(v) : json_object();
}

json_t *bc_derive_unit_values(const json_t *values, const char *unit)
{
	bc_err e = BC_OK;
	json_t *out = bc_json_made(&e, json_object());
	const char *form;
	json_t *units;
	json_object_foreach((json_t *)values, form, units) {
		json_t *v = json_object_get(units, unit);
		if (v)
			bc_json_set(&e, out, form, json_incref(v));
	}
	return bc_json_whole(out, e);
}

/* ---- status ------------------------------------------------------------------ */

/* A unit of a part's status, found by its id. */
typedef struct seat {
	int64_t id;
	const bc_unit_status *u;
} seat;

static int cmp_seat(const void *a, const void *b)
{
	const seat *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static seat *seats(const bc_status *s)
{
	seat *v = bc_calloc(s->n + 1, sizeof *v);
	for (size_t i = 0; v && i < s->n; i++)
		v[i] = (seat){s->units[i].unit.id, &s->units[i]};
	if (v && s->n > 1)
		qsort(v, s->n, sizeof *v, cmp_seat);
	return v;
}

/* The status of part in unit id of a part period, or NULL. */
static const bc_part_status *held_part(const seat *v, const bc_status *s,
				       int64_t id, const char *part)
{
	seat key = {id, NULL};
	const seat *at = s->n ? bsearch(&key, v, s->n, sizeof *v, cmp_seat)
			      : NULL;
	for (size_t i = 0; at && i < at->u->owed.n_parts; i++)
		if (!strcmp(at->u->parts[i].part, part))
			return at->u->parts[i].revision ? &at->u->parts[i]
							 : NULL;
	return NULL;
}

/* ps's part from the parts' statuses q (with their seats). */
static void part_from(const bc_period *p, const bc_status *q,
		      seat *const *v, int64_t id, bc_part_status *ps)
{
	bool on_time = true;
	for (size_t k = 0; k < p->n_parts; k++) {
		const bc_part_status *h = held_part(v[k], &q[k], id, ps->part);
		if (!h) {
			ps->lacking |= 1u << k;
			continue;
		}
		on_time = on_time && h->on_time;
		ps->first = h->first > ps->first ? h->first : ps->first;
		if (k == p->latest)
			ps->revision = h->revision;
	}
	if (ps->lacking) {
		ps->revision = 0;
		ps->first = 0;
	}
	ps->on_time = !ps->lacking && on_time;
}

bc_err bc_derive_status(bc_store *st, bc_rulebook *rb, bc_status *s,
			bc_diags *d)
{
	const bc_period *p = &s->period;
	bc_status q[BC_DERIVED_MAX];
	seat *v[BC_DERIVED_MAX] = {0};
	memset(q, 0, sizeof q); /* what is not got is freed as empty */
	bc_err rc = BC_OK;
	for (size_t k = 0; rc == BC_OK && k < p->n_parts; k++) {
		rc = bc_status_get(st, rb, p->parts[k].period.code, s->as_of,
				   &q[k], d);
		if (rc == BC_OK && !(v[k] = seats(&q[k])))
			rc = BC_ERR_NOMEM;
	}
	for (size_t i = 0; rc == BC_OK && i < s->n; i++) {
		bc_unit_status *u = &s->units[i];
		for (size_t j = 0; j < u->owed.n_parts; j++)
			part_from(p, q, v, u->unit.id, &u->parts[j]);
	}
	for (size_t k = 0; k < p->n_parts; k++) {
		bc_free(v[k]);
		bc_status_free(&q[k]);
	}
	return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * Whose figures a unit continues.  Three queries read what lineage
 * needs between two days: the units of each day and the predecessor
 * edges of the versions that began between them (few: a reform's
 * merges); the walks back (whose figures) and forward (whether a unit
 * was divided) run over them in memory, with explicit work lists.
 */
#include "unit.h"
#include "mem.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef struct day_units { /* the units in force on a day, by id */
	int64_t *id;
	char **code;
	size_t n, cap_id, cap_code;
} day_units;

typedef struct edge { /* a version of unit, begun on from, names pred */
	int64_t unit, pred;
	bc_date from;
} edge;

typedef struct graph {
	bc_date day, earlier;
	day_units now, then;
	edge *by_unit, *by_pred; /* the same edges, sorted two ways */
	size_t n_edges;
	int *flows; /* per unit of then: into how many of now (-1 unknown) */
} graph;

typedef struct item { /* a unit as it stood on a day, in a work list */
	int64_t unit;
	bc_date day;
} item;

typedef struct work {
	item *v;
	size_t n, cap;
} work;

static bool push(work *w, int64_t unit, bc_date day)
{
	if (bc_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v) < 0)
		return false;
	w->v[w->n++] = (item){unit, day};
	return true;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static long find_id(const int64_t *v, size_t n, int64_t id)
{
	const int64_t *at = n ? bsearch(&id, v, n, sizeof *v, cmp_i64) : NULL;
	return at ? (long)(at - v) : -1;
}

/* Binds day as its ISO text in iso, which the caller keeps while s
 * runs (a copy could fail for memory unseen). */
static void bind_iso(sqlite3_stmt *s, int i, bc_date day,
		     char iso[BC_DATE_BUF])
{
	bc_date_format(day, iso);
	sqlite3_bind_text(s, i, iso, -1, SQLITE_STATIC);
}

static bc_err read_day(bc_store *st, bc_date day, day_units *out,
		       bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "SELECT u.id, u.code FROM unit_version v"
			       " JOIN unit u ON u.id = v.unit_id WHERE "
			       BC_UNIT_IN_FORCE("v", "?1") " ORDER BY u.id",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("units"));
	char iso[BC_DATE_BUF];
	bind_iso(s, 1, day, iso);
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)&out->id, &out->cap_id, out->n + 1,
			    sizeof *out->id) < 0 ||
		    bc_grow((void **)&out->code, &out->cap_code, out->n + 1,
			    sizeof *out->code) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		out->id[out->n] = sqlite3_column_int64(s, 0);
		out->code[out->n] =
			bc_strdup((const char *)sqlite3_column_text(s, 1));
		if (!out->code[out->n++])
			rc = BC_ERR_NOMEM;
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(st, d, N_("units"));
	sqlite3_finalize(s);
	return rc;
}

static int cmp_by_unit(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return x->from < y->from ? -1 : x->from > y->from;
}

static int cmp_by_pred(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	if (x->pred != y->pred)
		return x->pred < y->pred ? -1 : 1;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* The predecessors named by versions begun after earlier, by day. */
static bc_err read_edges(bc_store *st, graph *g, bc_diags *d)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "SELECT v.unit_id, v.valid_from, x.unit_id"
			       " FROM unit_predecessor x JOIN unit_version v"
			       " ON v.id = x.version_id WHERE v.valid_from > ?1"
			       " AND v.valid_from <= ?2",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("units"));
	char a[BC_DATE_BUF], b[BC_DATE_BUF];
	bind_iso(s, 1, g->earlier, a);
	bind_iso(s, 2, g->day, b);
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		bc_date from;
		if (bc_grow((void **)&g->by_unit, &cap, g->n_edges + 1,
			    sizeof *g->by_unit) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		if (!bc_date_parse((const char *)sqlite3_column_text(s, 1),
				   &from))
			continue; /* a day no import writes */
		g->by_unit[g->n_edges++] = (edge){sqlite3_column_int64(s, 0),
						  sqlite3_column_int64(s, 2),
						  from};
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(st, d, N_("units"));
	sqlite3_finalize(s);
	if (rc != BC_OK)
		return rc;
	g->by_pred = bc_malloc((g->n_edges + 1) * sizeof *g->by_pred);
	if (!g->by_pred)
		return BC_ERR_NOMEM;
	/* No edge, no array: qsort and memcpy take none (UBSan). */
	if (!g->n_edges)
		return BC_OK;
	memcpy(g->by_pred, g->by_unit, g->n_edges * sizeof *g->by_pred);
	qsort(g->by_unit, g->n_edges, sizeof *g->by_unit, cmp_by_unit);
	qsort(g->by_pred, g->n_edges, sizeof *g->by_pred, cmp_by_pred);
	return BC_OK;
}

/* The first edge of v (sorted by key) whose key is id. */
static size_t first_edge(const edge *v, size_t n, int64_t id, bool by_pred)
{
	size_t a = 0, b = n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if ((by_pred ? v[m].pred : v[m].unit) < id)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

static void day_units_free(day_units *u)
{
	for (size_t i = 0; i < u->n; i++)
		bc_free(u->code[i]);
	bc_free(u->id);
	bc_free(u->code);
}

static void graph_free(graph *g)
{
	day_units_free(&g->now);
	day_units_free(&g->then);
	bc_free(g->by_unit);
	bc_free(g->by_pred);
	bc_free(g->flows);
}

static bc_err graph_read(bc_store *st, bc_date day, bc_date earlier,
			 graph *g, bc_diags *d)
{
	*g = (graph){.day = day, .earlier = earlier};
	bc_err rc = read_day(st, day, &g->now, d);
	if (rc == BC_OK)
		rc = read_day(st, earlier, &g->then, d);
	if (rc == BC_OK)
		rc = read_edges(st, g, d);
	if (rc == BC_OK &&
	    !(g->flows = bc_malloc((g->then.n + 1) * sizeof *g->flows)))
		rc = BC_ERR_NOMEM;
	for (size_t i = 0; rc == BC_OK && i < g->then.n; i++)
		g->flows[i] = -1;
	return rc;
}

/* Adds id to the set (sorted, distinct) *v of *n. */
static bool add_id(int64_t **v, size_t *n, size_t *cap, int64_t id)
{
	size_t a = 0;
	while (a < *n && (*v)[a] < id)
		a++;
	if (a < *n && (*v)[a] == id)
		return true;
	if (bc_grow((void **)v, cap, *n + 1, sizeof **v) < 0)
		return false;
	memmove(*v + a + 1, *v + a, (*n - a) * sizeof **v);
	(*v)[a] = id;
	++*n;
	return true;
}

/* Into how many units of day the unit at index i of then flows: itself
 * if it is still there, and every unit that names it (after earlier),
 * followed forward the same way. */
static bc_err flows(graph *g, size_t i, int *out)
{
	work w = {0};
	int64_t *into = NULL;
	size_t n = 0, cap = 0;
	bool ok = push(&w, g->then.id[i], g->earlier);
	while (ok && w.n) {
		item it = w.v[--w.n];
		if (find_id(g->now.id, g->now.n, it.unit) >= 0)
			ok = add_id(&into, &n, &cap, it.unit);
		for (size_t k = first_edge(g->by_pred, g->n_edges, it.unit, true);
		     ok && k < g->n_edges && g->by_pred[k].pred == it.unit; k++)
			if (g->by_pred[k].from > it.day)
				ok = push(&w, g->by_pred[k].unit,
					  g->by_pred[k].from);
	}
	bc_free(w.v);
	bc_free(into);
	*out = (int)n;
	return ok ? BC_OK : BC_ERR_NOMEM;
}

/* Whose figures the unit id (of day) continues, into l. */
static bc_err lineage(graph *g, int64_t id, const char *code, bc_lineage *l)
{
	work w = {0};
	size_t cap = 0;
	*l = (bc_lineage){.id = id, .code = bc_strdup(code)};
	bool ok = l->code && push(&w, id, g->day);
	while (ok && w.n) {
		item it = w.v[--w.n];
		long then = find_id(g->then.id, g->then.n, it.unit);
		if (then >= 0)
			ok = add_id(&l->from_ids, &l->n_from, &cap, it.unit);
		if (then >= 0 && ok && g->flows[then] < 0)
			ok = flows(g, (size_t)then, &g->flows[then]) == BC_OK;
		if (then >= 0 && ok && g->flows[then] > 1)
			l->split = true;
		for (size_t k = first_edge(g->by_unit, g->n_edges, it.unit,
					   false);
		     ok && k < g->n_edges && g->by_unit[k].unit == it.unit; k++)
			if (g->by_unit[k].from <= it.day)
				ok = push(&w, g->by_unit[k].pred,
					  g->by_unit[k].from - 1);
	}
	bc_free(w.v);
	if (ok)
		l->from = bc_calloc(l->n_from + 1, sizeof *l->from);
	ok = ok && l->from;
	/* Ids in the order of their codes, which the caller shows. */
	for (size_t i = 0; ok && i < l->n_from; i++) {
		long k = find_id(g->then.id, g->then.n, l->from_ids[i]);
		ok = (l->from[i] = bc_strdup(g->then.code[k])) != NULL;
	}
	for (size_t i = 1; ok && i < l->n_from; i++)
		for (size_t j = i; j > 0 && strcmp(l->from[j], l->from[j - 1]) < 0;
		     j--) {
			char *c = l->from[j];
			int64_t x = l->from_ids[j];
			l->from[j] = l->from[j - 1];
			l->from_ids[j] = l->from_ids[j - 1];
			l->from[j - 1] = c;
			l->from_ids[j - 1] = x;
		}
	if (!ok)
		bc_lineage_free(l);
	return ok ? BC_OK : BC_ERR_NOMEM;
}

void bc_lineage_free(bc_lineage *l)
{
	bc_free(l->code);
	for (size_t i = 0; l->from && i < l->n_from; i++)
		bc_free(l->from[i]);
	bc_free(l->from);
	bc_free(l->from_ids);
	*l = (bc_lineage){0};
}

/* A unit no change between earlier and day touched (no version begun
 * after earlier and by day names a predecessor of it, nor names it)
 * continues itself alone, if it existed on earlier: found with a few
 * indexed reads, as an import asks this of every unit it checks.  *done
 * false when the unit was touched, or has no version on day: the whole
 * graph decides then. */
static bc_err lineage_untouched(bc_store *st, const char *code, bc_date day,
				bc_date earlier, bc_lineage *out, bool *done,
				bc_diags *d)
{
	static const char sql[] =
		"SELECT u.id,"
		" EXISTS (SELECT 1 FROM unit_version v WHERE v.unit_id = u.id"
		"  AND " BC_UNIT_IN_FORCE("v", "?2") "),"
		" EXISTS (SELECT 1 FROM unit_version v WHERE v.unit_id = u.id"
		"  AND " BC_UNIT_IN_FORCE("v", "?3") "),"
		" EXISTS (SELECT 1 FROM unit_version v JOIN unit_predecessor x"
		"  ON x.version_id = v.id WHERE v.unit_id = u.id"
		"  AND v.valid_from > ?3 AND v.valid_from <= ?2)"
		" OR EXISTS (SELECT 1 FROM unit_predecessor x JOIN unit_version v"
		"  ON v.id = x.version_id WHERE x.unit_id = u.id"
		"  AND v.valid_from > ?3 AND v.valid_from <= ?2)"
		" FROM unit u WHERE u.code = ?1";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	char a[BC_DATE_BUF], b[BC_DATE_BUF];
	*done = false;
	if (!s)
		return bc_store_fail(st, d, N_("units"));
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	bind_iso(s, 2, day, a);
	bind_iso(s, 3, earlier, b);
	int r = sqlite3_step(s);
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("units"));
	if (r == SQLITE_ROW && sqlite3_column_int(s, 1) &&
	    !sqlite3_column_int(s, 3)) {
		bool then = sqlite3_column_int(s, 2);
		*out = (bc_lineage){.id = sqlite3_column_int64(s, 0),
				    .code = bc_strdup(code)};
		out->from = bc_calloc(2, sizeof *out->from);
		out->from_ids = bc_calloc(2, sizeof *out->from_ids);
		if (then && out->from && out->from_ids &&
		    (out->from[0] = bc_strdup(code))) {
			out->from_ids[0] = out->id;
			out->n_from = 1;
		}
		*done = true;
		if (!out->code || !out->from || !out->from_ids ||
		    (then && !out->n_from))
			rc = BC_ERR_NOMEM;
	}
	sqlite3_reset(s);
	if (rc != BC_OK)
		bc_lineage_free(out);
	return rc;
}

bc_err bc_unit_lineage(bc_store *st, const char *code, bc_date day,
		       bc_date earlier, bc_lineage *out, bc_diags *d)
{
	graph g;
	bool done;
	*out = (bc_lineage){0};
	bc_err rc = lineage_untouched(st, code, day, earlier, out, &done, d);
	if (rc != BC_OK || done)
		return rc;
	rc = graph_read(st, day, earlier, &g, d);
	long at = -1;
	for (size_t i = 0; rc == BC_OK && at < 0 && i < g.now.n; i++)
		if (!strcmp(g.now.code[i], code))
			at = (long)i;
	if (rc == BC_OK)
		rc = at < 0 ? BC_ERR_NOT_FOUND
			    : lineage(&g, g.now.id[at], code, out);
	graph_free(&g);
	return rc;
}

bc_err bc_units_lineage(bc_store *st, bc_date day, bc_date earlier,
			bc_lineage_map *out, bc_diags *d)
{
	graph g;
	*out = (bc_lineage_map){0};
	bc_err rc = graph_read(st, day, earlier, &g, d);
	if (rc == BC_OK &&
	    !(out->v = bc_calloc(g.now.n + 1, sizeof *out->v)))
		rc = BC_ERR_NOMEM;
	for (size_t i = 0; rc == BC_OK && i < g.now.n; i++)
		if ((rc = lineage(&g, g.now.id[i], g.now.code[i],
				  &out->v[i])) == BC_OK)
			out->n++;
	graph_free(&g);
	if (rc != BC_OK)
		bc_lineage_map_free(out);
	return rc;
}

const bc_lineage *bc_lineage_find(const bc_lineage_map *m, int64_t id)
{
	size_t a = 0, b = m->n;
	while (a < b) {
		size_t k = a + (b - a) / 2;
		if (m->v[k].id < id)
			a = k + 1;
		else
			b = k;
	}
	return a < m->n && m->v[a].id == id ? &m->v[a] : NULL;
}

void bc_lineage_map_free(bc_lineage_map *m)
{
	for (size_t i = 0; i < m->n; i++)
		bc_lineage_free(&m->v[i]);
	bc_free(m->v);
	*m = (bc_lineage_map){0};
}

/* SPDX-License-Identifier: MIT */
/* Units read: a version as of a day, every version, a unit named as a
 * person types it.  The import is unit_import.c, lineage unit_lineage.c. */
#include "unit.h"
#include "mem.h"
#include "text.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

bool bc_unit_code_ok(const char *s)
{
	if (!*s || strlen(s) > BC_UNIT_CODE_MAX)
		return false;
	/* ASCII by hand: islower() would follow the locale. */
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

bool bc_unit_in_force(const bc_unit *u, bc_date day)
{
	return (u->valid_from == BC_DATE_NONE || u->valid_from <= day) &&
	       (u->valid_to == BC_DATE_NONE || day <= u->valid_to);
}

/* ---- reading versions ------------------------------------------------- */

static void free_strv(char **v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		bc_free(v[k]);
	bc_free(v);
}

void bc_unit_free(bc_unit *u)
{
	bc_free(u->code);
	bc_free(u->name);
	bc_free(u->kind);
	bc_free(u->parent);
	free_strv(u->roles, u->n_roles);
	free_strv(u->predecessors, u->n_predecessors);
	bc_free(u->person);
	bc_free(u->phone);
	bc_free(u->email);
	*u = (bc_unit){0};
}

void bc_unit_list_free(bc_unit_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		bc_unit_free(&l->v[i]);
	bc_free(l->v);
	*l = (bc_unit_list){0};
}

static char *col(sqlite3_stmt *s, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	char *c = t ? bc_strdup((const char *)t) : NULL;
	if (t && !c)
		*oom = true;
	return c;
}

/* "a;b;c" into a new array of its pieces (none for NULL or ""). */
static bc_err split_list(const char *list, char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!list || !*list)
		return BC_OK;
	size_t cap = 1;
	for (const char *p = list; *p; p++)
		cap += *p == ';';
	if (!(*out = bc_calloc(cap, sizeof **out)))
		return BC_ERR_NOMEM;
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ';');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (!((*out)[(*n)++] = bc_strndup(p, len)))
			return BC_ERR_NOMEM;
		p += len + (e != NULL);
	}
	return BC_OK;
}

static bc_date date_col(sqlite3_stmt *s, int i)
{
	bc_date d;
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t && bc_date_parse(t, &d) ? d : BC_DATE_NONE;
}

/* The columns every query of versions selects, in this order (VERSION_COLS
 * of unit_version v joined to its unit u and parent p); the parent's id
 * last, for bc_units_as_of's tree.  Roles come in their key's order;
 * predecessors are put in their codes' order in C (an ORDER BY there
 * would sort, for every unit, the none most have); the contact after
 * it. */
#define VERSION_COLS                                                          \
	"u.id, u.code, v.name, v.kind, p.code, v.valid_from, v.valid_to,"     \
	" (SELECT group_concat(role, ';') FROM (SELECT role FROM"             \
	"  unit_version_role WHERE version_id = v.id ORDER BY role)),"        \
	" (SELECT group_concat(q.code, ';') FROM unit_predecessor x"          \
	"  JOIN unit q ON q.id = x.unit_id WHERE x.version_id = v.id),"       \
	" v.parent_id, v.person, v.phone, v.email"
#define VERSION_FROM                                                          \
	" FROM unit_version v JOIN unit u ON u.id = v.unit_id"                \
	" LEFT JOIN unit p ON p.id = v.parent_id"
#define COL_PARENT_ID 9
/* Date order of one unit's versions: an open start first. */
#define DATE_ORDER "v.valid_from IS NOT NULL, v.valid_from"

/* Fills u from a row of VERSION_COLS. */
static bc_err unit_from_row(sqlite3_stmt *s, bc_unit *u)
{
	bool oom = false;
	*u = (bc_unit){.id = sqlite3_column_int64(s, 0)};
	u->code = col(s, 1, &oom);
	u->name = col(s, 2, &oom);
	u->kind = col(s, 3, &oom);
	u->parent = col(s, 4, &oom);
	u->valid_from = date_col(s, 5);
	u->valid_to = date_col(s, 6);
	u->person = col(s, COL_PARENT_ID + 1, &oom);
	u->phone = col(s, COL_PARENT_ID + 2, &oom);
	u->email = col(s, COL_PARENT_ID + 3, &oom);
	bc_err rc = split_list((const char *)sqlite3_column_text(s, 7),
			       &u->roles, &u->n_roles);
	if (rc == BC_OK)
		rc = split_list((const char *)sqlite3_column_text(s, 8),
				&u->predecessors, &u->n_predecessors);
	if (rc == BC_OK && u->n_predecessors > 1)
		qsort(u->predecessors, u->n_predecessors,
		      sizeof *u->predecessors, bc_str_cmp);
	return oom ? BC_ERR_NOMEM : rc;
}

/* Every row of s into out (appended); parent ids into *pids when not
 * NULL.  Finalizes s unless it is cached (bc_store_stmt's). */
static bc_err rows_into(bc_store *st, sqlite3_stmt *s, bool cached,
			bc_unit_list *out, int64_t **pids, bc_diags *d)
{
	bc_err rc = BC_OK;
	size_t pcap = 0;
	int r = SQLITE_DONE;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)&out->v, &out->cap, out->n + 1,
			    sizeof *out->v) < 0 ||
		    (pids && bc_grow((void **)pids, &pcap, out->n + 1,
				     sizeof **pids) < 0)) {
			rc = BC_ERR_NOMEM;
			break;
		}
		if (pids)
			(*pids)[out->n] = sqlite3_column_int64(s, COL_PARENT_ID);
		rc = unit_from_row(s, &out->v[out->n++]);
	}
	if (rc == BC_OK && r != SQLITE_DONE) /* not the end of the units */
		rc = bc_store_fail(st, d, N_("units"));
	if (cached)
		sqlite3_reset(s);
	else
		sqlite3_finalize(s);
	if (rc != BC_OK)
		bc_unit_list_free(out);
	return rc;
}

/* Binds day as its ISO text in iso, which the caller keeps while s
 * runs: a copy (SQLITE_TRANSIENT) could fail for memory unseen, and the
 * query run for no day at all. */
static void bind_day(sqlite3_stmt *s, int i, bc_date day,
		     char iso[BC_DATE_BUF])
{
	bc_date_format(day, iso);
	sqlite3_bind_text(s, i, iso, -1, SQLITE_STATIC);
}

/* One unit's version by a cached query (?1 its code, ?2 a day). */
static bc_err one_version(bc_store *st, const char *sql, const char *code,
			  bc_date day, bc_unit *out, bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	bc_unit_list l = {0};
	*out = (bc_unit){0};
	if (!s)
		return bc_store_fail(st, d, N_("units"));
	char iso[BC_DATE_BUF];
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	if (day != BC_DATE_NONE)
		bind_day(s, 2, day, iso);
	bc_err rc = rows_into(st, s, true, &l, NULL, d);
	if (rc == BC_OK && !l.n)
		rc = BC_ERR_NOT_FOUND;
	if (rc == BC_OK) {
		*out = l.v[0];
		l.v[0] = (bc_unit){0};
	}
	bc_unit_list_free(&l);
	return rc;
}

static const char GET_AS_OF_SQL[] =
	"SELECT " VERSION_COLS VERSION_FROM
	" WHERE u.code = ?1 AND " BC_UNIT_IN_FORCE("v", "?2");

bc_err bc_unit_get_as_of(bc_store *st, const char *code, bc_date day,
			 bc_unit *out, bc_diags *d)
{
	return one_version(st, GET_AS_OF_SQL, code, day, out, d);
}

static const char LATEST_SQL[] =
	"SELECT " VERSION_COLS VERSION_FROM " WHERE u.code = ?1"
	" ORDER BY v.valid_from DESC LIMIT 1"; /* NULL, the earliest, last */

bc_err bc_unit_latest(bc_store *st, const char *code, bc_unit *out,
		      bc_diags *d)
{
	return one_version(st, LATEST_SQL, code, BC_DATE_NONE, out, d);
}

/* The versions sql selects (VERSION_COLS) into out, ?1 bound to code
 * unless NULL, ?2 to day unless none; their parents' ids into *pids
 * when not NULL. */
static bc_err query_list(bc_store *st, const char *sql, const char *code,
			 bc_date day, bc_unit_list *out, int64_t **pids,
			 bc_diags *d)
{
	sqlite3_stmt *s;
	char iso[BC_DATE_BUF];
	*out = (bc_unit_list){0};
	if (sqlite3_prepare_v2(bc_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("units"));
	if (code)
		sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	if (day != BC_DATE_NONE)
		bind_day(s, 2, day, iso);
	return rows_into(st, s, false, out, pids, d);
}

bc_err bc_unit_versions(bc_store *st, const char *code, bc_unit_list *out,
			bc_diags *d)
{
	bc_err rc = query_list(st,
			       "SELECT " VERSION_COLS VERSION_FROM
			       " WHERE u.code = ?1 ORDER BY " DATE_ORDER,
			       code, BC_DATE_NONE, out, NULL, d);
	return rc == BC_OK && !out->n ? BC_ERR_NOT_FOUND : rc;
}

bc_err bc_units_all_versions(bc_store *st, bc_unit_list *out, bc_diags *d)
{
	return query_list(st,
			  "SELECT " VERSION_COLS VERSION_FROM
			  " ORDER BY u.id, " DATE_ORDER,
			  NULL, BC_DATE_NONE, out, NULL, d);
}

/* The days of l (one code's versions in date order) as spans of
 * versions that follow one another, into out: " from A to B", " from A
 * on", " until B", joined by commas. */
static void spans(const bc_unit_list *l, bc_said *out)
{
	for (size_t i = 0; i < l->n;) {
		size_t j = i;
		while (j + 1 < l->n && l->v[j].valid_to != BC_DATE_NONE &&
		       l->v[j + 1].valid_from == l->v[j].valid_to + 1)
			j++;
		char a[BC_DATE_BUF], b[BC_DATE_BUF];
		bc_date from = l->v[i].valid_from, to = l->v[j].valid_to;
		bc_date_format_dmy(from, a);
		bc_date_format_dmy(to, b);
		if (i)
			bc_said_cat(out, ",", "");
		if (from == BC_DATE_NONE && to == BC_DATE_NONE)
			bc_said_cat(out, "", N_(" always"));
		else if (from == BC_DATE_NONE)
			bc_said_catf(out, N_(" until %s"), b);
		else if (to == BC_DATE_NONE)
			bc_said_catf(out, N_(" from %s on"), a);
		else
			bc_said_catf(out, N_(" from %s to %s"), a, b);
		i = j + 1;
	}
}

bc_err bc_unit_absent(bc_store *st, const char *code, const char *period,
		      bc_date day, bc_said *out, bc_diags *d)
{
	bc_unit_list l;
	bc_err rc = bc_unit_versions(st, code, &l, d);
	if (rc == BC_ERR_NOT_FOUND)
		bc_said_make(out, N_("unknown unit '%s' (see 'baocao units "
				     "list')"),
			     code);
	if (rc != BC_OK)
		return rc;
	bc_date last = l.v[l.n - 1].valid_to;
	if (last != BC_DATE_NONE && last < day)
		bc_said_make(out, N_("%s: no such unit in %s; it existed"),
			     code, period);
	else
		bc_said_make(out, N_("%s: no such unit in %s; it exists"),
			     code, period);
	spans(&l, out);
	bc_unit_list_free(&l);
	return BC_OK;
}

/* ---- a day's tree ------------------------------------------------------ */

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The index of the unit with id among l's (sorted by id), or -1. */
static long index_of(const bc_unit_list *l, const int64_t *ids, int64_t id)
{
	const int64_t *at = l->n ? bsearch(&id, ids, l->n, sizeof *ids, cmp_id)
				 : NULL;
	return at ? (long)(at - ids) : -1;
}

/* The depth-first walk from root r into out[*m]: kids[first[i] ..
 * first[i + 1]) are i's children in id order; an explicit stack keeps a
 * deep tree off the C stack. */
static void walk(bc_unit_list *l, size_t r, const size_t *first,
		 const size_t *kids, size_t *stack, bool *seen, bc_unit *out,
		 size_t *m)
{
	size_t top = 0;
	l->v[r].depth = 0;
	stack[top++] = r;
	while (top) {
		size_t i = stack[--top];
		seen[i] = true;
		out[(*m)++] = l->v[i];
		for (size_t k = first[i + 1]; k-- > first[i];)
			if (!seen[kids[k]]) {
				l->v[kids[k]].depth = l->v[i].depth + 1;
				stack[top++] = kids[k];
			}
	}
}

/* Puts l (sorted by id, its parents' ids in pids) in depth-first order:
 * children after their parent, siblings by id.  A unit whose parent is
 * not in l is a root; one never reached (a cycle in a database written
 * by hand) is put at the end, a root of its own. */
static bc_err tree_order(bc_unit_list *l, const int64_t *pids)
{
	size_t n = l->n, m = 0;
	int64_t *ids = bc_malloc((n + 1) * sizeof *ids);
	long *par = bc_malloc((n + 1) * sizeof *par);
	size_t *first = bc_calloc(n + 2, sizeof *first),
	       *kids = bc_malloc((n + 1) * sizeof *kids),
	       *stack = bc_malloc((n + 1) * sizeof *stack);
	bool *seen = bc_calloc(n + 1, sizeof *seen);
	bc_unit *out = bc_malloc((n + 1) * sizeof *out);
	bc_err rc = ids && par && first && kids && stack && seen && out
			    ? BC_OK
			    : BC_ERR_NOMEM;
	for (size_t i = 0; rc == BC_OK && i < n; i++)
		ids[i] = l->v[i].id;
	for (size_t i = 0; rc == BC_OK && i < n; i++) {
		par[i] = pids[i] ? index_of(l, ids, pids[i]) : -1;
		if (par[i] >= 0)
			first[par[i] + 1]++;
	}
	for (size_t i = 0; rc == BC_OK && i < n; i++) {
		first[i + 1] += first[i];
		stack[i] = first[i]; /* where i's next child goes */
	}
	for (size_t i = 0; rc == BC_OK && i < n; i++)
		if (par[i] >= 0)
			kids[stack[par[i]]++] = i;
	for (size_t r = 0; rc == BC_OK && r < n; r++)
		if (par[r] < 0)
			walk(l, r, first, kids, stack, seen, out, &m);
	for (size_t r = 0; rc == BC_OK && r < n; r++)
		if (!seen[r])
			walk(l, r, first, kids, stack, seen, out, &m);
	if (rc == BC_OK && n) /* no unit, no array: memcpy takes none */
		memcpy(l->v, out, n * sizeof *out);
	bc_free(ids);
	bc_free(par);
	bc_free(first);
	bc_free(kids);
	bc_free(stack);
	bc_free(seen);
	bc_free(out);
	return rc;
}

static const char AS_OF_SQL[] = "SELECT " VERSION_COLS VERSION_FROM
				" WHERE " BC_UNIT_IN_FORCE("v", "?2")
				" ORDER BY u.id";

bc_err bc_units_as_of(bc_store *st, bc_date day, bc_unit_list *out,
		      bc_diags *d)
{
	int64_t *pids = NULL;
	bc_err rc = query_list(st, AS_OF_SQL, NULL, day, out, &pids, d);
	if (rc == BC_OK && (rc = tree_order(out, pids)) != BC_OK)
		bc_unit_list_free(out);
	bc_free(pids);
	return rc;
}

/* ---- a unit named on a command line --------------------------------- */

/* A unit weighed against an argument: its edits from the argument's key
 * (within its code's or name's key, then whole), smallest first. */
typedef struct near_unit {
	size_t within, whole;
	char *code, *name;
} near_unit;

typedef struct near_set {
	const uint32_t *key; /* the argument's */
	size_t n_key;
	near_unit best[BC_UNIT_NEAR_MAX];
	size_t n;
	char **same; /* codes of the units bearing the name itself */
	size_t n_same, cap_same;
	bool oom;
} near_set;

static int near_cmp(const near_unit *a, const near_unit *b)
{
	if (a->within != b->within)
		return a->within < b->within ? -1 : 1;
	if (a->whole != b->whole)
		return a->whole < b->whole ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The edits of key from the key of s: within it and whole. */
static void weigh(near_set *ns, const char *s, near_unit *u)
{
	size_t n;
	uint32_t *k = bc_text_name_key(s, &n);
	if (!k) {
		ns->oom = true;
		return;
	}
	size_t w = bc_text_distance(ns->key, ns->n_key, k, n, true),
	       a = bc_text_distance(ns->key, ns->n_key, k, n, false);
	if (w < u->within || (w == u->within && a < u->whole)) {
		u->within = w;
		u->whole = a;
	}
	ns->oom |= w == SIZE_MAX || a == SIZE_MAX;
	bc_free(k);
}

/* Near enough to be offered: a quarter of the argument's characters
 * mistyped within a name or a code, or a third of the whole of it.  A
 * single character is within too many names to say anything. */
static bool near_enough(const near_unit *u, size_t n_key)
{
	return (n_key >= 2 && u->within <= n_key / 4) || u->whole <= n_key / 3;
}

/* Keeps (code, name) among the best if it is near enough. */
static void consider(near_set *ns, const char *code, const char *name)
{
	near_unit u = {SIZE_MAX, SIZE_MAX, NULL, NULL};
	weigh(ns, code, &u);
	weigh(ns, name, &u);
	u.name = (char *)name;
	/* A unit is weighed by each of its names: its nearest counts. */
	for (size_t i = 0; i < ns->n; i++)
		if (!strcmp(ns->best[i].code, code)) {
			if (near_cmp(&u, &ns->best[i]) >= 0)
				return;
			bc_free(ns->best[i].code);
			bc_free(ns->best[i].name);
			memmove(&ns->best[i], &ns->best[i + 1],
				(--ns->n - i) * sizeof *ns->best);
			break;
		}
	if (!near_enough(&u, ns->n_key) ||
	    (ns->n == BC_UNIT_NEAR_MAX &&
	     near_cmp(&u, &ns->best[ns->n - 1]) >= 0))
		return;
	if (!(u.code = bc_strdup(code)) || !(u.name = bc_strdup(name))) {
		bc_free(u.code);
		ns->oom = true;
		return;
	}
	if (ns->n == BC_UNIT_NEAR_MAX) {
		ns->n--;
		bc_free(ns->best[ns->n].code);
		bc_free(ns->best[ns->n].name);
	}
	size_t i = ns->n++;
	for (; i > 0 && near_cmp(&u, &ns->best[i - 1]) < 0; i--)
		ns->best[i] = ns->best[i - 1];
	ns->best[i] = u;
}

static void same_name(near_set *ns, const char *code)
{
	for (size_t i = 0; i < ns->n_same; i++)
		if (!strcmp(ns->same[i], code))
			return; /* another of its names */
	char *c = bc_strdup(code);
	if (!c || bc_grow((void **)&ns->same, &ns->cap_same, ns->n_same + 1,
			  sizeof *ns->same) < 0) {
		bc_free(c);
		ns->oom = true;
		return;
	}
	ns->same[ns->n_same++] = c;
}

/* Weighs every unit, by every name it has borne, against arg; the units
 * bearing the name itself go to ns->same. */
static bc_err scan(bc_store *st, const char *arg, near_set *ns, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st), "SELECT u.code, v.name FROM unit_version v"
			       " JOIN unit u ON u.id = v.unit_id ORDER BY u.id",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, "units");
	int r = SQLITE_DONE;
	while (!ns->oom && (r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0),
			   *name = (const char *)sqlite3_column_text(s, 1);
		/* A code typed in capitals is no other unit's. */
		if (bc_text_same_name(arg, name) ||
		    bc_text_same_name(arg, code))
			same_name(ns, code);
		else if (!ns->n_same)
			consider(ns, code, name);
	}
	sqlite3_finalize(s);
	if (ns->oom)
		return BC_ERR_NOMEM;
	return r == SQLITE_DONE ? BC_OK : bc_store_fail(st, d, "units");
}

/* The units of codes[0..n) into l, in that order. */
static bc_err units_of(bc_store *st, char *const *codes, size_t n,
		       bc_unit_list *l, bc_diags *d)
{
	bc_err rc = BC_OK;
	for (size_t i = 0; rc == BC_OK && i < n; i++) {
		if (bc_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v) < 0)
			return BC_ERR_NOMEM;
		if ((rc = bc_unit_latest(st, codes[i], &l->v[l->n], d)) == BC_OK)
			l->n++;
	}
	return rc;
}

static void near_set_free(near_set *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		bc_free(ns->best[i].code);
		bc_free(ns->best[i].name);
	}
	for (size_t i = 0; i < ns->n_same; i++)
		bc_free(ns->same[i]);
	bc_free(ns->same);
	bc_free((void *)ns->key);
}

bc_err bc_unit_lookup_get(bc_store *st, const char *arg, bc_unit_lookup *out,
			  bc_diags *d)
{
	*out = (bc_unit_lookup){0};
	bc_err rc = bc_unit_latest(st, arg, &out->unit, d);
	if (rc != BC_ERR_NOT_FOUND)
		return rc;
	near_set ns = {0};
	if (!(ns.key = bc_text_name_key(arg, &ns.n_key)))
		return BC_ERR_NOMEM;
	rc = scan(st, arg, &ns, d);
	if (rc == BC_OK && ns.n_same == 1)
		rc = bc_unit_latest(st, ns.same[0], &out->unit, d);
	else if (rc == BC_OK && ns.n_same) {
		out->ambiguous = true;
		rc = units_of(st, ns.same, ns.n_same, &out->near, d);
	} else if (rc == BC_OK) {
		char *codes[BC_UNIT_NEAR_MAX];
		for (size_t i = 0; i < ns.n; i++)
			codes[i] = ns.best[i].code;
		rc = units_of(st, codes, ns.n, &out->near, d);
	}
	near_set_free(&ns);
	if (rc == BC_OK && !out->unit.code)
		rc = BC_ERR_NOT_FOUND;
	return rc;
}

void bc_unit_lookup_free(bc_unit_lookup *l)
{
	bc_unit_free(&l->unit);
	bc_unit_list_free(&l->near);
	*l = (bc_unit_lookup){0};
}

/* SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "derive.h"
#include "feed.h"
#include "formvals.h"
#include "in_force.h"
#include "duty.h"
#include "rename.h"
#include "jsonset.h"
#include "jsonout.h"
#include "mem.h"
#include "revision.h"
#include "sync.h"
#include "tally.h"
#include "unit.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* The group every unit belongs to; --by adds one group per ancestor. */
#define ALL "*"

typedef struct actx {
	bc_store *st;
	bc_store *twin;  /* bc_agg_opts.twin, for the scan; NULL: none */
	sqlite3 *db;
	const bc_period *p;
	const bc_ruleset *rs;
	bc_diags *d;
	json_t *groups;    /* group → form → figures */
	json_t *estimated; /* group → [unit codes] */
	json_t *missing;   /* group → form → [unit codes] */
	const char **grp_of; /* per unit of the list: its --by group or NULL */
	const char **grp_code; /* per group index: the --by unit; [0] ALL */
	size_t n_groups;
	bool keep_parts; /* finish() leaves indicators' "_parts" */
	bc_unit_list ul; /* the units of the period (grp_code's codes) */
	bool has_ul;     /* ul read here, to free (not the caller's) */
	bc_tally *t;     /* kept for the groups' figures, made one by one */
	int64_t *units_n; /* [group][form][level]: units that reported it */
	bool lazy;       /* the groups' figures are made when asked for */
	bc_formvals *keep; /* bc_agg_opts.keep, or NULL */
	bc_err rc;
} actx;

static bool run(actx *x, const char *sql)
{
	if (x->rc == BC_OK &&
	    sqlite3_exec(x->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		x->rc = bc_store_fail(x->st, x->d, N_("aggregate"));
	return x->rc == BC_OK;
}

static sqlite3_stmt *prepare(actx *x, const char *sql)
{
	sqlite3_stmt *s = NULL;
	if (x->rc == BC_OK &&
	    sqlite3_prepare_v2(x->db, sql, -1, &s, NULL) != SQLITE_OK)
		x->rc = bc_store_fail(x->st, x->d, N_("aggregate"));
	return s;
}

/* A query over the values in force, whose @values reads the value
 * table, or for a derived period the values derive.c computed, alike. */
static sqlite3_stmt *prepare_values(actx *x, const char *sql)
{
	char q[1024];
	const char *at = strstr(sql, "@values");
	snprintf(q, sizeof q, "%.*s%s%s", (int)(at - sql), sql,
		 x->p->derived ? BC_DERIVE_VALUES : "value",
		 at + strlen("@values"));
	return prepare(x, q);
}

/* Ends a loop over the rows of s: finalize says whether the last step
 * failed, which is not the end of the rows. */
static void finalize(actx *x, sqlite3_stmt *s)
{
	if (sqlite3_finalize(s) != SQLITE_OK && x->rc == BC_OK)
		x->rc = bc_store_fail(x->st, x->d, N_("aggregate"));
}

static const char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

/* ---- the catalogue as temporary tables ------------------------------- */

static const char SCHEMA[] =
	"DROP TABLE IF EXISTS temp.agg_unit;"
	"DROP TABLE IF EXISTS temp.agg_rev;"
	"DROP TABLE IF EXISTS temp.agg_form;"
	"CREATE TEMP TABLE agg_unit (unit_id INTEGER PRIMARY KEY, code TEXT,"
	" level TEXT, grp TEXT, level_no INTEGER, grp_no INTEGER, pos INTEGER);"
	"CREATE TEMP TABLE agg_rev (id INTEGER PRIMARY KEY, unit_id INTEGER,"
	" part TEXT, estimated INTEGER);"
	"CREATE TEMP TABLE agg_form (part TEXT PRIMARY KEY, form_no INTEGER);";

static const char IN_FORCE[] =
	"INSERT INTO agg_rev SELECT id, unit_id, part, estimated FROM ("
	" SELECT r.id, r.unit_id, r.part, r.returned, s.estimated"
	LATEST_OF_EACH " FROM " BC_STANDING " r JOIN submission s"
	" ON s.id = r.submission_id"
	" WHERE r.period_id = ?1" RECEIVED " AND r.unit_id IN (SELECT unit_id"
	" FROM agg_unit WHERE level IS NOT NULL)" EACH_COUNTS;

/* Binds RECEIVED of s: revisions received by until (0: every one). */
static void bind_until(sqlite3_stmt *s, bc_time until)
{
	sqlite3_bind_int64(s, UNTIL, until ? until : INT64_MAX);
}

/* The revisions in force of period_id into agg_rev. */
static void in_force(actx *x, int64_t period_id, bc_time until)
{
	sqlite3_stmt *s = prepare(x, IN_FORCE);
	if (!s)
		return;
	sqlite3_bind_int64(s, 1, period_id);
	bind_until(s, until);
	if (sqlite3_step(s) != SQLITE_DONE)
		x->rc = bc_store_fail(x->st, x->d, N_("aggregate"));
	sqlite3_finalize(s);
}

/* Steps an insert of the catalogue's tables, noting a failure. */
static void insert(actx *x, sqlite3_stmt *s)
{
	if (sqlite3_step(s) != SQLITE_DONE && x->rc == BC_OK)
		x->rc = bc_store_fail(x->st, x->d, N_("aggregate"));
	sqlite3_reset(s);
}

static void fill_forms(actx *x)
{
	sqlite3_stmt *s = prepare(x, "INSERT INTO agg_form VALUES (?,?)");
	for (size_t i = 0; s && x->rc == BC_OK && i < x->rs->n_forms; i++) {
		sqlite3_bind_text(s, 1, x->rs->forms[i].id, -1, NULL);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		insert(x, s);
	}
	sqlite3_finalize(s);
}

static int level_no(const bc_ruleset *rs, const char *level)
{
	for (size_t i = 0; level && i < rs->n_levels; i++)
		if (!strcmp(rs->levels[i].id, level))
			return (int)i;
	return -1;
}

/* Units with their level and, with --by, the ancestor of that kind they
 * count under (the list is depth-first, so a stack of the units above
 * finds it without searching). */
static void fill_units(actx *x, const bc_unit_list *ul, const char *by)
{
	sqlite3_stmt *u = prepare(x, "INSERT INTO agg_unit VALUES (?,?,?,?,?,?,?)");
	size_t *above = bc_calloc(ul->n + 1, sizeof *above);
	size_t *own = bc_calloc(ul->n + 1, sizeof *own); /* a group's number */
	x->grp_of = bc_calloc(ul->n + 1, sizeof *x->grp_of);
	x->grp_code = bc_calloc(ul->n + 1, sizeof *x->grp_code);
	if (!above || !own || !x->grp_of || !x->grp_code)
		x->rc = BC_ERR_NOMEM;
	else
		x->grp_code[0] = ALL;
	for (size_t i = 0; u && x->rc == BC_OK && i < ul->n; i++) {
		const bc_unit *un = &ul->v[i];
		const bc_unit_kind *k = bc_ruleset_kind(x->rs, un->kind);
		int depth = un->depth < 0 ? 0 : un->depth, lv;
		size_t grp = 0;
		above[depth] = i;
		if (by && !strcmp(un->kind, by)) {
			own[i] = ++x->n_groups;
			x->grp_code[own[i]] = un->code;
		}
		for (int d = depth - 1; by && d >= 0 && !x->grp_of[i]; d--)
			if (!strcmp(ul->v[above[d]].kind, by)) {
				x->grp_of[i] = ul->v[above[d]].code;
				grp = own[above[d]];
			}
		sqlite3_bind_int64(u, 1, un->id);
		sqlite3_bind_text(u, 2, un->code, -1, NULL);
		sqlite3_bind_text(u, 3, k ? k->level : NULL, -1, NULL);
		sqlite3_bind_text(u, 4, x->grp_of[i], -1, NULL);
		if (k && (lv = level_no(x->rs, k->level)) >= 0)
			sqlite3_bind_int(u, 5, lv);
		else
			sqlite3_bind_null(u, 5);
		sqlite3_bind_int64(u, 6, (sqlite3_int64)grp);
		sqlite3_bind_int64(u, 7, (sqlite3_int64)i);
		if (sqlite3_step(u) != SQLITE_DONE)
			x->rc = bc_store_fail(x->st, x->d, N_("aggregate"));
		sqlite3_reset(u);
	}
	bc_free(above);
	bc_free(own);
	sqlite3_finalize(u);
}

/* ---- building the result -------------------------------------------- */

static json_t *num_json(double v, int decimals)
{
	double r = pow(10, decimals);
	v = round(v * r) / r;
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

/* groups[grp].forms[part] — created on first use. */
static json_t *form_obj(actx *x, const char *grp, const char *part)
{
	json_t *g = json_object_get(x->groups, grp);
	if (!g)
		g = bc_json_set(&x->rc, x->groups, grp, json_object());
	json_t *f = json_object_get(g, part);
	if (!f)
		f = bc_json_set(&x->rc, g, part,
				json_pack("{s:{}, s:{}, s:{}}", "units",
					  "fields", "indicators"));
	return f;
}

static const bc_field *field_of(const bc_ruleset *rs, const char *part,
				const char *field)
{
	const bc_form *f = bc_ruleset_form(rs, part);
	int i = f ? bc_field_index(f->fields, f->n_fields, field) : -1;
	return i >= 0 ? &f->fields[i] : NULL;
}

/* An object with method (when not NULL) first, then every level of the
 * ruleset and the total, all null. */
static json_t *levels_null(bc_err *err, const bc_ruleset *rs,
			   const char *method)
{
	json_t *o = bc_json_made(err, json_object());
	if (method)
		bc_json_set(err, o, "method", json_string(method));
	for (size_t i = 0; i < rs->n_levels; i++)
		bc_json_set(err, o, rs->levels[i].id, json_null());
	bc_json_set(err, o, "total", json_null());
	return o;
}

/* Hands the value of the row s is on to t: its field in column field,
 * then row, col, num, cents and txt. */
static bc_err tally_row(bc_tally *t, sqlite3_stmt *s, int field)
{
	int row = sqlite3_column_int(s, field + 1);
	bc_dec num;
	bool has = bc_value_number(s, field + 3, &num);
	/* Only table cells are read as text: the long texts of the report
	 * never leave SQLite. */
	const char *txt = row > 0 ? (const char *)sqlite3_column_text(s, field + 5)
				  : NULL;
	return bc_tally_value(t, col(s, field), row, col(s, field + 2),
			      has ? &num : NULL, txt);
}

/* Keeps into k the value of the row s is on, as tally_row reads it, if
 * it is one of the unit's own (row 0, no column) of a field of form
 * form: as bc_feed_form_values would give it (formvals.h).  *last is
 * the field after the one found last, tried first: a revision's values
 * come by field id, mostly the form's order.  false when memory runs
 * out. */
static bool keep_row(bc_formvals *k, size_t form, const char *unit,
		     sqlite3_stmt *s, int field, int *last)
{
	if (sqlite3_column_int(s, field + 1) != 0 || *col(s, field + 2))
		return true;
	bc_fvrows *r = &k->form[form];
	const char *id = col(s, field);
	int i = *last;
	if (i < 0 || (size_t)i >= r->f->n_fields || strcmp(r->f->fields[i].id, id))
		i = bc_field_index(r->f->fields, r->f->n_fields, id);
	if (i < 0)
		return true;
	*last = i + 1;
	bc_cell c = bc_feed_own_cell(&r->f->fields[i], s, field + 3);
	return bc_fvrows_keep(r, unit, (size_t)i, &c);
}

/* Every value in force, revision by revision, into the tally: one pass
 * over the value table in its key order (no sorting), which is what
 * makes aggregate cheaper than a GROUP BY over the values. */
static void scan(actx *x, bc_tally *t)
{
	sqlite3_stmt *s = prepare_values(
		x, "SELECT r.id, f.form_no, u.level_no, u.grp_no, v.field,"
		   " v.row, v.col, v.num, v.cents, v.txt, u.code"
		   " FROM agg_rev r JOIN agg_unit u ON u.unit_id = r.unit_id"
		   " JOIN agg_form f ON f.part = r.part"
		   " JOIN @values v ON v.revision_id = r.id"
		   " WHERE u.level_no IS NOT NULL"
		   " ORDER BY r.id, v.field, v.row, v.col");
	sqlite3_int64 rev = -1;
	int rc, last = -1;
	while (s && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t form = (size_t)sqlite3_column_int64(s, 1);
		if (sqlite3_column_int64(s, 0) != rev) {
			rev = sqlite3_column_int64(s, 0);
			bc_tally_begin(t, form, (size_t)sqlite3_column_int64(s, 2),
				       (size_t)sqlite3_column_int64(s, 3));
		}
		bc_err e = tally_row(t, s, 4);
		if (e == BC_OK && x->keep &&
		    !keep_row(x->keep, form, col(s, 10), s, 4, &last))
			e = BC_ERR_NOMEM;
		if (e != BC_OK && x->rc == BC_OK)
			x->rc = e;
	}
	if (s && rc != SQLITE_DONE && x->rc == BC_OK)
		x->rc = bc_store_fail(x->st, x->d, N_("aggregate"));
	bc_tally_end(t);
	sqlite3_finalize(s);
}

/* ---- the scan on two threads ----------------------------------------- */

/* A revision in force as scan() hands it to the tally: its id, its
 * form's number and its unit's level and group. */
typedef struct scan_rev {
	int64_t id;
	size_t form, level, grp;
	size_t unit; /* its unit's place in the period's list (actx.ul) */
} scan_rev;

/* The revisions scan() reads, in its order, into *n new elements the
 * caller frees; NULL when there are none or the read fails (x->rc). */
static scan_rev *in_force_list(actx *x, size_t *n)
{
	scan_rev *v = NULL;
	size_t cap = 0;
	*n = 0;
	sqlite3_stmt *s = prepare(
		x, "SELECT r.id, f.form_no, u.level_no, u.grp_no, u.pos"
		   " FROM agg_rev r JOIN agg_unit u ON u.unit_id = r.unit_id"
		   " JOIN agg_form f ON f.part = r.part"
		   " WHERE u.level_no IS NOT NULL ORDER BY r.id");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		if (bc_grow((void **)&v, &cap, *n + 1, sizeof *v) < 0) {
			x->rc = BC_ERR_NOMEM;
			break;
		}
		v[(*n)++] = (scan_rev){sqlite3_column_int64(s, 0),
				       (size_t)sqlite3_column_int64(s, 1),
				       (size_t)sqlite3_column_int64(s, 2),
				       (size_t)sqlite3_column_int64(s, 3),
				       (size_t)sqlite3_column_int64(s, 4)};
	}
	finalize(x, s);
	return v;
}

/* Revisions a thread takes at a time, at most: both finish within one
 * of each other (a few ms), and take the lock a few thousand times
 * nationally.  A short list goes in smaller chunks, so that each thread
 * has some to take. */
#define CHUNK 32

/* The revisions in force as two threads share them: the store's from
 * the front, the twin's from the back, a chunk at a time, until they
 * meet, so that each reads as much as its core lets it and the cut
 * falls between revisions.  v is read-only while they run; front, back
 * and failed are under mu. */
typedef struct share {
	pthread_mutex_t mu;
	const scan_rev *v;
	const bc_unit_list *ul; /* the units scan_rev.unit places */
	size_t chunk;
	size_t front, back; /* [front, back): not taken yet */
	bool failed;        /* one failed: the other takes no more */
} share;

/* One thread's read, into its own tally, saying what went wrong in its
 * own diagnostics: a thread touches its reader, its connection and the
 * share under its lock, nothing else that is not read-only (the list,
 * the ruleset). */
typedef struct reader {
	share *sh;
	bool from_back;
	bc_store *st; /* its connection: the store's, or the twin */
	bc_tally *t;
	bc_formvals *keep; /* the own values it keeps, or NULL */
	bc_diags *d;
	bc_err rc;
} reader;

/* The next chunk of p's end into [*from, *to); false when none is
 * left. */
static bool take(reader *p, size_t *from, size_t *to)
{
	share *sh = p->sh;
	pthread_mutex_lock(&sh->mu);
	size_t n = sh->failed ? 0 : sh->back - sh->front;
	n = n < sh->chunk ? n : sh->chunk;
	if (p->from_back)
		*from = sh->back -= n;
	else
		*from = (sh->front += n) - n;
	pthread_mutex_unlock(&sh->mu);
	*to = *from + n;
	return n > 0;
}

/* One revision's values, in the value table's key order (scan()'s). */
static void read_revision(reader *p, sqlite3_stmt *s, const scan_rev *r)
{
	bc_tally_begin(p->t, r->form, r->level, r->grp);
	sqlite3_bind_int64(s, 1, r->id);
	const char *unit = p->sh->ul->v[r->unit].code;
	int rc, last = -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		bc_err e = tally_row(p->t, s, 0);
		if (e == BC_OK && p->keep &&
		    !keep_row(p->keep, r->form, unit, s, 0, &last))
			e = BC_ERR_NOMEM;
		if (e != BC_OK) {
			p->rc = e;
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		p->rc = bc_store_fail(p->st, p->d, N_("aggregate"));
	sqlite3_reset(s);
}

/* p's share of the values, chunk by chunk, into p->t. */
static void read_part(reader *p)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(bc_store_db(p->st),
			       "SELECT field, row, col, num, cents, txt"
			       " FROM value WHERE revision_id = ?1"
			       " ORDER BY field, row, col",
			       -1, &s, NULL) != SQLITE_OK)
		p->rc = bc_store_fail(p->st, p->d, N_("aggregate"));
	size_t from, to;
	while (p->rc == BC_OK && take(p, &from, &to))
		for (size_t i = from; p->rc == BC_OK && i < to; i++)
			read_revision(p, s, &p->sh->v[i]);
	bc_tally_end(p->t);
	sqlite3_finalize(s);
	if (p->rc != BC_OK) {
		pthread_mutex_lock(&p->sh->mu);
		p->sh->failed = true;
		pthread_mutex_unlock(&p->sh->mu);
	}
}

static void *read_twin(void *p)
{
	read_part(p);
	return NULL;
}

/* The store's error first (said in x->d already), else the twin's; with
 * none, the twin's tally added to the store's, and what it kept after
 * what the store's kept. */
static void join_parts(actx *x, reader *mine, reader *twin, bool *exact)
{
	*exact = false;
	if (mine->rc != BC_OK) {
		x->rc = mine->rc;
		return;
	}
	if (twin->rc != BC_OK) {
		if (x->d)
			bc_diags_move(x->d, twin->d);
		x->rc = twin->rc;
		return;
	}
	x->rc = bc_tally_merge(mine->t, twin->t, exact);
	if (x->rc == BC_OK && mine->keep &&
	    !bc_formvals_append(mine->keep, twin->keep))
		x->rc = BC_ERR_NOMEM;
}

/* v's n revisions read on this thread and one of its own into t: the
 * store's thread on the store, its own on x's twin into a tally of its
 * own, added to t once both are done.  *started is false when the
 * thread could not be; the result false when the order of the values
 * decides a sum (bc_tally_merge), or on failure (x->rc). */
static bool read_two(actx *x, const scan_rev *v, size_t n, bc_tally *t,
		     bool *started)
{
	*started = false;
	bc_tally *t2 = bc_tally_new(x->rs, x->n_groups);
	bc_formvals kept2 = {0};
	if (!t2 || (x->keep && !bc_formvals_init(&kept2, x->rs))) {
		bc_tally_free(t2);
		x->rc = BC_ERR_NOMEM;
		return false;
	}
	share sh = {.v = v, .ul = &x->ul, .back = n, .chunk = n / 16 + 1};
	if (sh.chunk > CHUNK)
		sh.chunk = CHUNK;
	bc_diags twin_d = BC_DIAGS_INIT;
	reader mine = {&sh, false, x->st, t, x->keep, x->d, BC_OK};
	reader twin = {&sh, true, x->twin, t2, x->keep ? &kept2 : NULL,
		       &twin_d, BC_OK};
	pthread_t thread;
	bool exact = false;
	/* Until the join the thread has twin, and this one mine (reader). */
	*started = bc_sync_start(&sh.mu, NULL, 0, &thread, read_twin, &twin);
	if (*started) {
		read_part(&mine);
		pthread_join(thread, NULL);
		bc_sync_end(&sh.mu, NULL, 0);
		join_parts(x, &mine, &twin, &exact);
	}
	bc_diags_free(&twin_d);
	bc_tally_free(t2);
	bc_formvals_free(&kept2);
	return exact;
}

/* scan() on two threads, when x has a twin (read_two).  False when it
 * did not read, for scan() to read on this thread alone: no twin, no
 * thread, no revisions, or values whose order decides a sum (*t is then
 * a new tally); true when it did, or failed (x->rc). */
static bool scan_twinned(actx *x, bc_tally **t)
{
	if (!x->twin)
		return false;
	size_t n;
	scan_rev *v = in_force_list(x, &n);
	bool started = false, exact = false;
	if (x->rc == BC_OK && n)
		exact = read_two(x, v, n, *t, &started);
	bc_free(v);
	if (x->rc != BC_OK || !started || exact)
		return x->rc != BC_OK || started;
	/* Read again on this thread alone: what was kept goes too. */
	bc_tally_free(*t);
	if (!(*t = bc_tally_new(x->rs, x->n_groups)))
		x->rc = BC_ERR_NOMEM;
	if (x->keep) {
		bc_formvals_free(x->keep);
		if (!bc_formvals_init(x->keep, x->rs))
			x->rc = BC_ERR_NOMEM;
	}
	return x->rc != BC_OK;
}

/* The fields object of a form in a group, the form created if new. */
static json_t *fields_of(actx *x, const char *grp, const char *part)
{
	return json_object_get(form_obj(x, grp, part), "fields");
}

/* A sum past 18 digits is refused, never rounded: a hostile file's
 * worth of the largest amounts makes one. */
static void too_large(actx *x, const char *form, const char *what,
		      const char *level)
{
	if (level)
		bc_diags_add(x->d, BC_ERROR, NULL, 0, form, what,
			     N_("the sum at level %s has more digits than "
				"baocao adds exactly (18)"),
			     level);
	else
		bc_diags_add(x->d, BC_ERROR, NULL, 0, form, what,
			     N_("the sum in total has more digits than baocao "
				"adds exactly (18)"));
	x->rc = BC_ERR_INVALID;
}

/* Each level's sum and the total, the sum of the levels, exactly. */
static void sum_json(actx *x, const bc_tally *t, size_t g, size_t fi,
		     size_t k)
{
	const bc_form *f = &x->rs->forms[fi];
	const char *id = f->fields[k].id;
	json_t *o = NULL;
	bc_dec total = {0};
	for (size_t l = 0; l < x->rs->n_levels; l++) {
		bc_dec v;
		int r = bc_tally_sum(t, g, fi, k, l, &v);
		if (r < 0 || (r > 0 && !bc_dec_add(total, v, &total)))
			too_large(x, f->id, id, r < 0 ? x->rs->levels[l].id : NULL);
		if (r <= 0)
			continue;
		if (!o)
			o = bc_json_set(&x->rc,
					fields_of(x, x->grp_code[g], f->id), id,
					levels_null(&x->rc, x->rs,
						    bc_agg_name(f->fields[k].agg)));
		bc_json_set(&x->rc, o, x->rs->levels[l].id, bc_json_dec(v));
		bc_json_set(&x->rc, o, "total", bc_json_dec(total));
	}
}

/* Whether a counted value is one the column declares. */
static bool declared(const bc_field *col, const char *value)
{
	for (size_t i = 0; i < col->n_values; i++)
		if (!strcmp(col->values[i], value))
			return true;
	return false;
}

/* One level's counts: the column's declared values in their order, then
 * any other value in byte order (free text, or values of older rules). */
static json_t *level_counts(bc_err *err, const bc_tally *t, size_t g,
			    size_t fi, size_t k, size_t l, const bc_field *col)
{
	const char *value;
	int64_t n;
	if (!bc_tally_count(t, g, fi, k, l, 0, &value, &n))
		return NULL;
	json_t *lv = bc_json_made(err, json_object());
	for (size_t d = 0; d < col->n_values; d++)
		for (size_t i = 0; bc_tally_count(t, g, fi, k, l, i, &value, &n); i++)
			if (!strcmp(value, col->values[d]))
				bc_json_set(err, lv, value, json_integer(n));
	for (size_t i = 0; bc_tally_count(t, g, fi, k, l, i, &value, &n); i++)
		if (!declared(col, value))
			bc_json_set(err, lv, value, json_integer(n));
	return lv;
}

static void count_json(actx *x, const bc_tally *t, size_t g, size_t fi,
		       size_t k)
{
	const bc_form *f = &x->rs->forms[fi];
	const bc_field *fl = &f->fields[k];
	json_t *o = NULL;
	for (size_t l = 0; l < x->rs->n_levels; l++) {
		json_t *lv = level_counts(&x->rc, t, g, fi, k, l,
					  &fl->columns[fl->count_by]);
		if (lv && !o) {
			o = levels_null(&x->rc, x->rs, "count_by");
			bc_json_set(&x->rc, o, "by",
				    json_string(fl->columns[fl->count_by].id));
			o = bc_json_set(&x->rc,
					fields_of(x, x->grp_code[g], f->id),
					fl->id, o);
		}
		if (lv)
			bc_json_set(&x->rc, o, x->rs->levels[l].id, lv);
	}
}

/* The total of a count_by field: each value's count over the levels.
 * (A sum's total is sum_json's, made exactly from the levels'.) */
static void count_totals(bc_err *err, json_t *o, const bc_ruleset *rs)
{
	bool objects = false;
	json_t *counts = bc_json_made(err, json_object());
	for (size_t i = 0; i < rs->n_levels; i++) {
		json_t *v = json_object_get(o, rs->levels[i].id);
		const char *k;
		json_t *n;
		objects |= json_is_object(v);
		json_object_foreach(v, k, n) {
			json_int_t c = json_integer_value(json_object_get(counts, k));
			bc_json_set(err, counts, k,
				    json_integer(c + json_integer_value(n)));
		}
	}
	if (objects)
		bc_json_set(err, o, "total", counts);
	else
		json_decref(counts);
}

/* Numerators and denominators per (group, form, indicator, level), as
 * "_num"/"_den" pairs that finish() turns into ratios. */
static void ratio_json(actx *x, const bc_tally *t, size_t g, size_t fi,
		       size_t i)
{
	const bc_form *f = &x->rs->forms[fi];
	json_t *o = NULL, *parts = NULL;
	for (size_t l = 0; l < x->rs->n_levels; l++) {
		bc_dec num, den;
		int r = bc_tally_ratio(t, g, fi, i, l, &num, &den);
		if (r < 0)
			too_large(x, f->id, f->indicators[i].id,
				  x->rs->levels[l].id);
		if (r <= 0)
			continue;
		if (!o) {
			o = levels_null(&x->rc, x->rs, NULL);
			parts = bc_json_set(&x->rc, o, "_parts", json_object());
			if (!bc_json_set(&x->rc,
					 json_object_get(form_obj(x, x->grp_code[g],
								  f->id),
							 "indicators"),
					 f->indicators[i].id, o))
				return; /* o released, and parts with it */
		}
		bc_json_set(&x->rc, parts, x->rs->levels[l].id,
			    json_pack("[o, o]", bc_json_dec(num),
				      bc_json_dec(den)));
	}
}

/* Whether a field is summed (a count_by field is counted; a table's or a
 * date's value is no figure). */
static bool summed(const bc_field *f)
{
	return f->count_by < 0 && f->type != BC_T_TABLE && f->type != BC_T_DATE;
}

/* The tally's figures of group g as the JSON of its forms. */
static void group_json(actx *x, const bc_tally *t, size_t g)
{
	for (size_t fi = 0; fi < x->rs->n_forms; fi++) {
		const bc_form *f = &x->rs->forms[fi];
		for (size_t k = 0; k < f->n_fields; k++) {
			if (f->fields[k].count_by >= 0)
				count_json(x, t, g, fi, k);
			else if (summed(&f->fields[k]))
				sum_json(x, t, g, fi, k);
		}
		for (size_t i = 0; i < f->n_indicators; i++)
			ratio_json(x, t, g, fi, i);
	}
}

/* Whether the sums of field (or indicator, with ratio: its numerator's
 * and denominator's) k of form fi in group g keep exactly, per level and
 * over the levels: what sum_json and finish_indicator refuse. */
static bool sums_fit(const actx *x, const bc_tally *t, size_t g, size_t fi,
		     size_t k, bool ratio)
{
	bc_dec total = {0}, den_total = {0}, v, den;
	for (size_t l = 0; l < x->rs->n_levels; l++) {
		int r = ratio ? bc_tally_ratio(t, g, fi, k, l, &v, &den)
			      : bc_tally_sum(t, g, fi, k, l, &v);
		if (r < 0 ||
		    (r > 0 && (!bc_dec_add(total, v, &total) ||
			       (ratio && !bc_dec_add(den_total, den, &den_total)))))
			return false;
	}
	return true;
}

/* Whether every --by group's sums keep exactly: then making a group's
 * figures has nothing to say, and can wait until it is written. */
static bool groups_fit(const actx *x, const bc_tally *t)
{
	for (size_t g = 1; g <= x->n_groups; g++)
		for (size_t fi = 0; fi < x->rs->n_forms; fi++) {
			const bc_form *f = &x->rs->forms[fi];
			for (size_t k = 0; k < f->n_fields; k++)
				if (summed(&f->fields[k]) &&
				    !sums_fit(x, t, g, fi, k, false))
					return false;
			for (size_t i = 0; i < f->n_indicators; i++)
				if (!sums_fit(x, t, g, fi, i, true))
					return false;
		}
	return true;
}

/* The whole's figures; the groups' too when one of them has a sum too
 * large, so that each such sum is said, in order, before anything is
 * written (group_result makes the others' one at a time). */
static void figures(actx *x)
{
	x->t = x->rc == BC_OK ? bc_tally_new(x->rs, x->n_groups) : NULL;
	if (!x->t) {
		if (x->rc == BC_OK)
			x->rc = BC_ERR_NOMEM;
		return;
	}
	if (!scan_twinned(x, &x->t))
		scan(x, x->t);
	if (x->rc != BC_OK)
		return;
	x->lazy = groups_fit(x, x->t);
	for (size_t g = 0; g <= (x->lazy ? 0 : x->n_groups); g++)
		group_json(x, x->t, g);
}

static json_t *ratio(bc_dec num, bc_dec den)
{
	return den.v == 0 ? json_null()
			  : num_json(100.0 * bc_dec_double(num) /
					     bc_dec_double(den),
				     1);
}

/* Each level's ratio, and the total's from the levels' sums. */
static void finish_indicator(actx *x, const char *form, const char *id,
			     json_t *o)
{
	const bc_ruleset *rs = x->rs;
	json_t *parts = json_object_get(o, "_parts");
	bc_dec tn = {0}, td = {0};
	bool any = false;
	for (size_t i = 0; i < rs->n_levels; i++) {
		json_t *lv = json_object_get(parts, rs->levels[i].id);
		bc_dec n, dn;
		if (!lv || !bc_json_get_dec(json_array_get(lv, 0), &n) ||
		    !bc_json_get_dec(json_array_get(lv, 1), &dn))
			continue;
		bc_json_set(&x->rc, o, rs->levels[i].id, ratio(n, dn));
		if (!bc_dec_add(tn, n, &tn) || !bc_dec_add(td, dn, &td))
			too_large(x, form, id, NULL);
		any = true;
	}
	bc_json_set(&x->rc, o, "total", any ? ratio(tn, td) : json_null());
	if (!x->keep_parts)
		json_object_del(o, "_parts");
}

/* Where units_n counts group g's units of a level in a form. */
static size_t units_at(const actx *x, size_t g, size_t form, size_t level)
{
	return (g * x->rs->n_forms + form) * x->rs->n_levels + level;
}

/* The units that reported each form per level: the whole's in its
 * figures, in the order the rows come; the groups' in units_n (a few
 * numbers each, made into JSON with their figures: group_units). */
static void units_per_form(actx *x)
{
	size_t n = units_at(x, x->n_groups + 1, 0, 0);
	x->units_n = bc_calloc(n + 1, sizeof *x->units_n);
	if (!x->units_n && x->rc == BC_OK)
		x->rc = BC_ERR_NOMEM;
	sqlite3_stmt *s = prepare(
		x, "SELECT u.grp, r.part, u.level, count(*), u.grp_no,"
		   " f.form_no, u.level_no"
		   " FROM agg_rev r JOIN agg_unit u ON u.unit_id = r.unit_id"
		   " LEFT JOIN agg_form f ON f.part = r.part"
		   " WHERE r.part <> 'report' GROUP BY 1, 2, 3");
	while (x->units_n && s && sqlite3_step(s) == SQLITE_ROW) {
		json_t *units = json_object_get(form_obj(x, ALL, col(s, 1)),
						"units");
		json_int_t c = json_integer_value(
			json_object_get(units, col(s, 2)));
		bc_json_set(&x->rc, units, col(s, 2),
			    json_integer(c + sqlite3_column_int(s, 3)));
		size_t g = (size_t)sqlite3_column_int64(s, 4);
		if (g && sqlite3_column_type(s, 5) != SQLITE_NULL &&
		    sqlite3_column_type(s, 6) != SQLITE_NULL)
			x->units_n[units_at(x, g,
					    (size_t)sqlite3_column_int64(s, 5),
					    (size_t)sqlite3_column_int64(s, 6))] +=
				sqlite3_column_int(s, 3);
	}
	finalize(x, s);
}

/* Group g's units per level of form fi, as the whole's are made: the
 * levels that have any in the order of their ids (units_per_form's
 * GROUP BY). */
static json_t *group_units(actx *x, size_t g, size_t fi)
{
	const bc_ruleset *rs = x->rs;
	json_t *o = bc_json_made(&x->rc, json_object());
	const char *last = NULL;
	for (size_t n = 0; n < rs->n_levels; n++) {
		size_t next = rs->n_levels;
		for (size_t l = 0; l < rs->n_levels; l++)
			if ((!last || strcmp(rs->levels[l].id, last) > 0) &&
			    (next == rs->n_levels ||
			     strcmp(rs->levels[l].id, rs->levels[next].id) < 0))
				next = l;
		if (next == rs->n_levels)
			break;
		last = rs->levels[next].id;
		int64_t c = x->units_n[units_at(x, g, fi, next)];
		if (c)
			bc_json_set(&x->rc, o, last, json_integer(c));
	}
	return o;
}

/* A stored number from columns num and num + 1 (cents) of s, exactly;
 * null when it has none. */
static json_t *stored_number(sqlite3_stmt *s, int num)
{
	bc_dec d;
	return bc_value_number(s, num, &d) ? bc_json_dec(d) : json_null();
}

/* A unit's own value of field f, from columns num, num + 1 (cents) and
 * num + 2 (txt) of s: a table's value is its number of rows (they are
 * listed in the aggregate's "rows"). */
static json_t *own_value(const bc_field *f, sqlite3_stmt *s, int num)
{
	if (f->type == BC_T_TABLE)
		return json_integer((json_int_t)sqlite3_column_double(s, num));
	if (f->type == BC_T_BOOL)
		return json_boolean(sqlite3_column_double(s, num) != 0);
	if (sqlite3_column_type(s, num + 2) != SQLITE_NULL)
		return json_string(col(s, num + 2));
	return stored_number(s, num);
}

/* A table cell's value, from columns txt, txt + 1 (num) and txt + 2
 * (cents) of s. */
static json_t *cell_value(sqlite3_stmt *s, int txt)
{
	return sqlite3_column_type(s, txt) != SQLITE_NULL
		       ? json_string(col(s, txt))
		       : stored_number(s, txt + 1);
}

/* Table rows, listed with their unit (docs/forms.md: "rows listed"). */
static void table_rows(actx *x)
{
	/* The rows go with the whole only: per group they would repeat a
	 * national list 700 times. */
	sqlite3_stmt *s = prepare_values(
		x, "SELECT '" ALL "', r.part, v.field, u.code, v.row, v.col,"
		   " v.txt, v.num, v.cents FROM agg_rev r"
		   " JOIN agg_unit u ON u.unit_id = r.unit_id"
		   " JOIN @values v ON v.revision_id = r.id AND v.row > 0"
		   " ORDER BY 2, 3, 4, 5");
	json_t *row = NULL;
	int last_row = -1;
	const char *last_unit = NULL;
	char unit_buf[128] = "";
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		const bc_field *f = field_of(x->rs, col(s, 1), col(s, 2));
		if (!f || f->type != BC_T_TABLE)
			continue;
		json_t *fields = json_object_get(
			form_obj(x, col(s, 0), col(s, 1)), "fields");
		json_t *o = json_object_get(fields, f->id);
		if (!o)
			o = bc_json_set(&x->rc, fields, f->id,
					levels_null(&x->rc, x->rs,
						    bc_agg_name(f->agg)));
		json_t *rows = json_object_get(o, "rows");
		if (!rows) {
			rows = bc_json_set(&x->rc, o, "rows", json_array());
			row = NULL;
		}
		int rn = sqlite3_column_int(s, 4);
		if (!row || rn != last_row || !last_unit ||
		    strcmp(unit_buf, col(s, 3))) {
			row = bc_json_push(&x->rc, rows,
					   json_pack("{s:s, s:i}", "unit",
						     col(s, 3), "row", rn));
			snprintf(unit_buf, sizeof unit_buf, "%s", col(s, 3));
			last_unit = unit_buf;
			last_row = rn;
		}
		bc_json_set(&x->rc, row, col(s, 5), cell_value(s, 6));
	}
	finalize(x, s);
}

/* A group's count_by totals and indicators' ratios. */
static void finish_group(actx *x, json_t *forms)
{
	const char *part;
	json_t *f;
	json_object_foreach(forms, part, f) {
		const char *id;
		json_t *o;
		json_object_foreach(json_object_get(f, "fields"), id, o)
			count_totals(&x->rc, o, x->rs);
		json_object_foreach(json_object_get(f, "indicators"), id, o)
			finish_indicator(x, part, id, o);
	}
}

static void finish(actx *x)
{
	const char *grp;
	json_t *forms;
	json_object_foreach(x->groups, grp, forms)
		finish_group(x, forms);
}

/* The forms object of group g (0: the whole), in the rules' order of
 * forms, with every form present (no units reported: all null). */
static json_t *ordered_forms(actx *x, size_t g)
{
	bc_err *err = &x->rc;
	json_t *out = bc_json_made(err, json_object());
	json_t *gr = json_object_get(x->groups, x->grp_code[g]);
	for (size_t i = 0; i < x->rs->n_forms; i++) {
		const bc_form *f = &x->rs->forms[i];
		json_t *src = gr ? json_object_get(gr, f->id) : NULL;
		json_t *units = g     ? group_units(x, g, i)
				: src ? bc_json_made(err, json_deep_copy(
						json_object_get(src, "units")))
				      : json_object();
		json_t *o = bc_json_made(err, json_object());
		units = bc_json_set(err, o, "units", units);
		bc_json_set(err, o, "fields", json_object());
		bc_json_set(err, o, "indicators", json_object());
		for (size_t l = 0; l < x->rs->n_levels; l++)
			if (!json_object_get(units, x->rs->levels[l].id))
				bc_json_set(err, units, x->rs->levels[l].id,
					    json_integer(0));
		for (size_t k = 0; k < f->n_fields; k++) {
			const bc_field *fl = &f->fields[k];
			json_t *v = src ? json_object_get(
						  json_object_get(src, "fields"),
						  fl->id)
					: NULL;
			if (!v) {
				v = levels_null(err, x->rs, bc_agg_name(fl->agg));
			} else {
				json_incref(v);
			}
			bc_json_set(err, json_object_get(o, "fields"), fl->id, v);
		}
		for (size_t k = 0; k < f->n_indicators; k++) {
			const char *id = f->indicators[k].id;
			json_t *v = src ? json_object_get(
						  json_object_get(src, "indicators"),
						  id)
					: NULL;
			bc_json_set(err, json_object_get(o, "indicators"), id,
				    v ? json_incref(v)
				      : levels_null(err, x->rs, NULL));
		}
		bc_json_set(err, out, f->id, o);
	}
	return out;
}

/* A (unit, part) that has a revision in force. */
typedef struct held {
	int64_t unit;
	char part[32];
} held;

static int cmp_held(const void *a, const void *b)
{
	const held *x = a, *y = b;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return strcmp(x->part, y->part);
}

static void add_code(bc_err *err, json_t *obj, const char *key,
		     const char *code)
{
	json_t *a = json_object_get(obj, key);
	if (!a)
		a = bc_json_set(err, obj, key, json_array());
	bc_json_push(err, a, json_string(code));
}

static json_t *group_obj(bc_err *err, json_t *top, const char *grp)
{
	json_t *g = json_object_get(top, grp);
	if (!g)
		g = bc_json_set(err, top, grp, json_object());
	return g;
}

/* Units that owe a form and have no revision of it in force, for the
 * whole and each group: one query, then the duties unit by unit. */
static void missing(actx *x, const bc_unit_list *ul)
{
	held *h = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *s = prepare(x, "SELECT unit_id, part FROM agg_rev");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		if (bc_grow((void **)&h, &cap, n + 1, sizeof *h) < 0) {
			x->rc = BC_ERR_NOMEM;
			break;
		}
		h[n].unit = sqlite3_column_int64(s, 0);
		snprintf(h[n].part, sizeof h[n].part, "%s", col(s, 1));
		n++;
	}
	finalize(x, s);
	if (n > 1)
		qsort(h, n, sizeof *h, cmp_held);
	for (size_t i = 0; x->rc == BC_OK && i < ul->n; i++) {
		const bc_unit *u = &ul->v[i];
		bc_owed owed;
		/* It fails only for memory: not "owes nothing". */
		if ((x->rc = bc_owed_for(x->p, u->kind, u->roles, u->n_roles,
					 &owed)) != BC_OK)
			break;
		for (size_t k = 0; k < owed.n_parts; k++) {
			held key = {.unit = u->id};
			if (!strcmp(owed.parts[k], BC_PART_REPORT))
				continue;
			snprintf(key.part, sizeof key.part, "%s", owed.parts[k]);
			if (n && bsearch(&key, h, n, sizeof *h, cmp_held))
				continue;
			add_code(&x->rc, group_obj(&x->rc, x->missing, ALL),
				 owed.parts[k], u->code);
			if (x->grp_of[i])
				add_code(&x->rc,
					 group_obj(&x->rc, x->missing,
						   x->grp_of[i]),
					 owed.parts[k], u->code);
		}
		bc_owed_free(&owed);
	}
	bc_free(h);
}

static void estimated(actx *x)
{
	sqlite3_stmt *s = prepare(
		x, "SELECT DISTINCT u.code, u.grp FROM agg_rev r"
		   " JOIN agg_unit u ON u.unit_id = r.unit_id"
		   " WHERE r.estimated ORDER BY u.code");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		add_code(&x->rc, x->estimated, ALL, col(s, 0));
		if (sqlite3_column_type(s, 1) != SQLITE_NULL)
			add_code(&x->rc, x->estimated, col(s, 1), col(s, 0));
	}
	finalize(x, s);
}

/* Each unit's plain values in force: values[form][unit][field]; a
 * table's value is its number of rows. */
static json_t *unit_values(actx *x)
{
	json_t *out = bc_json_made(&x->rc, json_object());
	sqlite3_stmt *s = prepare_values(
		x, "SELECT r.part, u.code, v.field, v.num, v.cents, v.txt"
		   " FROM agg_rev r JOIN agg_unit u ON u.unit_id = r.unit_id"
		   " JOIN @values v ON v.revision_id = r.id AND v.row = 0"
		   " AND v.col = '' ORDER BY 1, 2");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		const bc_field *f = field_of(x->rs, col(s, 0), col(s, 2));
		if (!f)
			continue;
		json_t *form = group_obj(&x->rc, out, col(s, 0));
		json_t *unit = group_obj(&x->rc, form, col(s, 1));
		bc_json_set(&x->rc, unit, f->id, own_value(f, s, 3));
	}
	finalize(x, s);
	return out;
}

/* bc_agg_opts.longest's object, from the tally of the whole. */
static json_t *longest_json(actx *x)
{
	json_t *o = bc_json_made(&x->rc, json_object());
	for (size_t fi = 0; x->t && fi < x->rs->n_forms; fi++) {
		const bc_form *f = &x->rs->forms[fi];
		json_t *form = NULL;
		for (size_t k = 0; k < f->n_fields; k++) {
			const bc_field *t = &f->fields[k];
			if (t->type != BC_T_TABLE)
				continue;
			if (!form)
				form = bc_json_set(&x->rc, o, f->id,
						   json_object());
			json_t *cols = bc_json_set(&x->rc, form, t->id,
						   json_object());
			for (size_t c = 0; c < t->n_columns; c++)
				bc_json_set(&x->rc, cols, t->columns[c].id,
					    json_integer(bc_tally_longest(
						    x->t, fi, k, c)));
		}
	}
	return o;
}

/* The figures of group g (0: the whole). */
static json_t *result(actx *x, size_t g)
{
	json_t *est = json_object_get(x->estimated, x->grp_code[g]);
	json_t *miss = json_object_get(x->missing, x->grp_code[g]);
	return bc_json_made(
		&x->rc,
		json_pack("{s:o, s:o, s:o}", "forms", ordered_forms(x, g),
			  "estimated_units", est ? json_incref(est) : json_array(),
			  "missing_units",
			  miss ? json_incref(miss) : json_object()));
}

/* The list cut to the unit with code (bc_agg_opts.unit): a unit's own
 * figures are the whole of a list of one; none when it did not exist
 * on the day the list is of. */
static void only_unit(bc_unit_list *ul, const char *code)
{
	size_t kept = 0;
	for (size_t i = 0; i < ul->n; i++) {
		if (!kept && !strcmp(ul->v[i].code, code)) {
			bc_unit u = ul->v[i];
			ul->v[i] = ul->v[0];
			ul->v[0] = u;
			ul->v[0].depth = 0;
			kept = 1;
		}
	}
	for (size_t i = kept; i < ul->n; i++)
		bc_unit_free(&ul->v[i]);
	ul->n = kept;
}

/* Releases what x holds. */
static void close_run(actx *x)
{
	if (x->has_ul)
		bc_unit_list_free(&x->ul);
	bc_tally_free(x->t);
	bc_free(x->units_n);
	bc_free(x->grp_of);
	bc_free(x->grp_code);
	json_decref(x->groups);
	json_decref(x->estimated);
	json_decref(x->missing);
	*x = (actx){.rc = x->rc};
}

/* The figures of p into *out; keep_parts keeps each indicator's summed
 * parts per level ("_parts"), from which a comparison adds levels.  With
 * o->by, "by" is left empty: x keeps what makes each of its members
 * (group_result) until close_run. */
static bc_err open_run(bc_store *st, const bc_period *p,
		       const bc_agg_opts *o, bool keep_parts, actx *x,
		       json_t **out, bc_diags *d)
{
	/* A derived period's values are in a table of st's alone. */
	*x = (actx){.st = st, .twin = p->derived ? NULL : o->twin,
		    .keep = p->derived ? NULL : o->keep,
		    .db = bc_store_db(st), .p = p, .rs = p->rs,
		    .d = d, .keep_parts = keep_parts,
		    .groups = json_object(), .estimated = json_object(),
		    .missing = json_object()};
	x->rc = x->groups && x->estimated && x->missing &&
				(!x->keep || bc_formvals_init(x->keep, p->rs))
			? BC_OK
			: BC_ERR_NOMEM;
	/* The caller's list, when it has read it, unless cut to one
	 * unit (only_unit changes it). */
	if (x->rc == BC_OK && o->units && !o->unit)
		x->ul = *o->units;
	else if (x->rc == BC_OK)
		x->has_ul = (x->rc = bc_units_as_of(st, p->to, &x->ul, d)) ==
			    BC_OK;
	if (x->rc != BC_OK) {
		close_run(x);
		return x->rc;
	}
	if (o->unit)
		only_unit(&x->ul, o->unit);
	run(x, SCHEMA);
	fill_units(x, &x->ul, o->by);
	fill_forms(x);
	json_t *derived = NULL;
	if (!p->derived)
		in_force(x, p->id, o->until);
	/* A derived period's revisions: its parts', unit by unit. */
	for (size_t k = 0; x->rc == BC_OK && k < p->n_parts; k++) {
		in_force(x, p->parts[k].period.id, o->until);
		if (x->rc == BC_OK)
			x->rc = bc_derive_take(st, k, d);
	}
	if (x->rc == BC_OK && p->derived)
		x->rc = bc_derive_values(st, p, &derived, d);
	figures(x);
	/* Listing the rows is half the work nationally: only when asked. */
	if (o->rows)
		table_rows(x);
	units_per_form(x);
	estimated(x);
	if (x->rc == BC_OK)
		missing(x, &x->ul);
	if (x->rc == BC_OK && derived)
		x->rc = bc_derive_lacking(st, p, json_object_get(x->missing, ALL),
					  derived, d);
	finish(x);
	json_t *res = NULL;
	if (x->rc == BC_OK) {
		res = result(x, 0);
		bc_json_set(&x->rc, res, "period", json_string(p->code));
		bc_json_set(&x->rc, res, "ruleset", json_string(p->rs->id));
		if (derived)
			bc_json_set(&x->rc, res, "derived", json_incref(derived));
		if (o->unit_values)
			bc_json_set(&x->rc, res, "values", unit_values(x));
		if (o->longest)
			bc_json_set(&x->rc, res, "longest", longest_json(x));
		if (o->by)
			bc_json_set(&x->rc, res, "by", json_object());
	}
	run(x, "DROP TABLE IF EXISTS temp.agg_unit;"
	       "DROP TABLE IF EXISTS temp.agg_rev;"
	       "DROP TABLE IF EXISTS temp.agg_form;" BC_DERIVE_DROP);
	json_decref(derived);
	if (x->rc != BC_OK) {
		json_decref(res);
		close_run(x);
		return x->rc;
	}
	*out = res;
	return BC_OK;
}

/* Group g's member of "by" (g from 1), its figures made now unless they
 * were with the whole's; what x held of it is released.  NULL when
 * memory runs out (x->rc). */
static json_t *group_result(actx *x, size_t g)
{
	const char *code = x->grp_code[g];
	if (x->lazy) {
		group_json(x, x->t, g);
		finish_group(x, json_object_get(x->groups, code));
	}
	json_t *r = x->rc == BC_OK ? result(x, g) : NULL;
	json_object_del(x->groups, code);
	json_object_del(x->estimated, code);
	json_object_del(x->missing, code);
	if (x->rc == BC_OK)
		return r;
	json_decref(r);
	return NULL;
}

/* The member of "by" for the unit with code, or NULL when it is none of
 * x's groups. */
static json_t *group_of_code(actx *x, const char *code)
{
	for (size_t g = 1; g <= x->n_groups; g++)
		if (!strcmp(x->grp_code[g], code))
			return group_result(x, g);
	return NULL;
}

/* value − previous, per level: in percent for fields, in points for
 * indicators; null where either is null (or previous is 0 for %). */
static json_t *change(bc_err *err, json_t *now, json_t *prev, bool points)
{
	json_t *o = bc_json_made(err, json_object());
	const char *k;
	json_t *v;
	json_object_foreach(now, k, v) {
		json_t *p = json_object_get(prev, k);
		if (!bc_json_is_num(v) || !bc_json_is_num(p) ||
		    (!points && bc_json_num_value(p) == 0)) {
			if (bc_json_is_num(v) || json_is_null(v))
				bc_json_set(err, o, k, json_null());
			continue;
		}
		double a = bc_json_num_value(v), b = bc_json_num_value(p);
		bc_json_set(err, o, k,
			    num_json(points ? a - b : (a - b) / b * 100, 1));
	}
	return o;
}

/* The levels of an aggregated value, without its other keys. */
static json_t *levels_of(bc_err *err, json_t *v)
{
	json_t *o = bc_json_made(err, json_object());
	const char *k;
	json_t *x;
	json_object_foreach(v, k, x) if (bc_json_is_num(x) || json_is_null(x) ||
					 (json_is_object(x) && strcmp(k, "rows") &&
					  strcmp(k, "_parts")))
		bc_json_set(err, o, k, json_incref(x));
	return o;
}

/* ---- last year's figures on this year's catalogue -------------------- */

/* The two rulesets a comparison reads across: this period's and the
 * previous year's (rename.h says what each item was called there). */
typedef struct across {
	const bc_ruleset *now, *then;
} across;

/* Several levels' counts of a count_by field, added value by value. */
static json_t *counts_added(bc_err *err, json_t *const *v, size_t n)
{
	json_t *o = bc_json_made(err, json_object());
	const char *k;
	json_t *c;
	for (size_t i = 0; i < n; i++)
		json_object_foreach(v[i], k, c) bc_json_set(
			err, o, k,
			json_integer(json_integer_value(json_object_get(o, k)) +
				     json_integer_value(c)));
	return o;
}

/* Several levels' sums, added exactly; null when none has one. */
static json_t *sums_added(bc_err *err, json_t *const *v, size_t n)
{
	bc_dec sum = {0}, x;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!bc_json_get_dec(v[i], &x))
			continue;
		if (!bc_dec_add(sum, x, &sum))
			return json_null(); /* past 18 digits: not guessed */
		any = true;
	}
	return any ? bc_json_dec(sum) : json_null();
}

/* Several levels' ratio, from their summed parts ("_parts", kept in
 * the previous year's figures for this). */
static json_t *ratio_added(json_t *parts, const bc_level *const *lv,
			   size_t n)
{
	bc_dec num = {0}, den = {0}, a, b;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_object_get(parts, lv[i]->id);
		if (!bc_json_get_dec(json_array_get(p, 0), &a) ||
		    !bc_json_get_dec(json_array_get(p, 1), &b))
			continue;
		if (!bc_dec_add(num, a, &num) || !bc_dec_add(den, b, &den))
			return json_null();
		any = true;
	}
	return any ? ratio(num, den) : json_null();
}

/* Last year's value v (a field's or an indicator's) laid on this
 * year's levels: each level takes the levels of last year it lays over
 * (bc_level_then), added when several, null when none; the total stays
 * last year's whole. */
static json_t *relevel(bc_err *err, json_t *v, const across *a,
		       bool indicator)
{
	size_t most = a->then->n_levels + 1;
	const bc_level **then = bc_calloc(most, sizeof *then);
	json_t **vals = bc_calloc(most, sizeof *vals);
	json_t *o = then && vals ? bc_json_made(err, json_object()) : NULL;
	if (!o && *err == BC_OK)
		*err = BC_ERR_NOMEM;
	for (size_t l = 0; o && l < a->now->n_levels; l++) {
		size_t n = bc_level_then(&a->now->levels[l], a->then, then);
		json_t *x = NULL;
		for (size_t i = 0; i < n; i++)
			vals[i] = json_object_get(v, then[i]->id);
		if (n == 1)
			x = json_incref(vals[0] ? vals[0] : json_null());
		else if (!n)
			x = json_null();
		else if (indicator)
			x = ratio_added(json_object_get(v, "_parts"), then, n);
		else if (json_is_object(json_object_get(v, "total")))
			x = counts_added(err, vals, n);
		else
			x = sums_added(err, vals, n);
		bc_json_set(err, o, a->now->levels[l].id, x);
	}
	json_t *total = json_object_get(v, "total");
	bc_json_set(err, o, "total", json_incref(total ? total : json_null()));
	bc_free(then);
	bc_free(vals);
	return o;
}

/* prev's value (kind "fields" or "indicators") that value `id` of this
 * year's form fn was last year, or NULL: the field's own id last year
 * (renamed_from), an indicator's the same. */
static json_t *previous_of(json_t *pf, const char *kind, const char *id,
			   const bc_form *fn, const bc_form *ft)
{
	if (!pf || !ft)
		return NULL;
	if (!strcmp(kind, "fields")) {
		int k = fn ? bc_field_index(fn->fields, fn->n_fields, id) : -1;
		const bc_field *fd =
			k >= 0 ? bc_field_then(&fn->fields[k], ft) : NULL;
		if (!fd)
			return NULL;
		id = fd->id;
	}
	return json_object_get(json_object_get(pf, kind), id);
}

/* Adds the previous year to one forms object, and to those of --by:
 * each form and field found under last year's ids, each level under
 * last year's levels it stands for. */
static void add_previous(bc_err *err, json_t *res, json_t *prev,
			 const across *a)
{
	const char *grp;
	json_t *g;
	json_object_foreach(json_object_get(res, "by"), grp, g)
		add_previous(err, g,
			     prev ? json_object_get(json_object_get(prev, "by"),
						    grp)
				  : NULL,
			     a);
	const char *form;
	json_t *f;
	json_object_foreach(json_object_get(res, "forms"), form, f) {
		const bc_form *fn = bc_ruleset_form(a->now, form);
		const bc_form *ft = a->then ? bc_form_then(a->now, fn, a->then)
					    : NULL;
		json_t *pf = prev && ft ? json_object_get(
						  json_object_get(prev, "forms"),
						  ft->id)
					: NULL;
		static const char *const kinds[] = {"fields", "indicators"};
		for (int k = 0; k < 2; k++) {
			const char *id;
			json_t *o;
			json_object_foreach(json_object_get(f, kinds[k]), id, o) {
				json_t *po = previous_of(pf, kinds[k], id, fn, ft);
				json_t *now = levels_of(err, o);
				json_t *before = po ? relevel(err, po, a, k)
						    : NULL;
				json_t *delta = before ? change(err, now, before, k)
						       : json_null();
				bc_json_set(err, o, "previous",
					    before ? before : json_null());
				bc_json_set(err, o, k ? "change_pp" : "change_pct",
					    delta);
				json_decref(now);
			}
		}
	}
}

/* The same period a year before p, as "compared" says it, into *pp;
 * BC_ERR_NOT_FOUND when there is none (an ad-hoc report, a year no
 * ruleset governs). */
static bc_err previous_period(bc_store *st, bc_rulebook *rb,
			      const bc_period *p, bc_period *pp, bc_diags *d)
{
	char code[BC_PERIOD_CODE_MAX + 16];
	snprintf(code, sizeof code, "%04u-%s", (unsigned)(p->year - 1) % 10000u,
		 p->type);
	if (p->adhoc_no)
		return BC_ERR_NOT_FOUND;
	bc_diags ignore = BC_DIAGS_INIT;
	bc_err rc = bc_period_get(st, rb, code, pp, &ignore);
	/* The database failing is no such year. */
	if (rc != BC_OK && rc != BC_ERR_NOT_FOUND)
		bc_diags_move(d, &ignore);
	bc_diags_free(&ignore);
	return rc;
}

/* ---- units that continue others (merges, splits) -------------------- */

/* Last year's values of the units a unit continues, each
 * {form: {field: value}} (bc_aggregate_unit_values). */
typedef struct then_values {
	json_t **v;
	size_t n;
} then_values;

/* The sum over tv of last year's value of field fd (this year's) of
 * form fn: under what the form and field were called then, every unit
 * having one, added only for counts and amounts (one unit's number
 * stands alone); null otherwise. */
static json_t *then_sum(const across *a, const then_values *tv,
			const bc_form *fn, const bc_field *fd)
{
	const bc_form *ft = bc_form_then(a->now, fn, a->then);
	const bc_field *old = bc_field_then(fd, ft);
	bool addable = fd->type == BC_T_INT || fd->type == BC_T_MONEY;
	bc_dec sum = {0}, x;
	if (!old || !tv->n || (tv->n > 1 && !addable))
		return json_null();
	for (size_t k = 0; k < tv->n; k++)
		if (!bc_json_get_dec(json_object_get(json_object_get(tv->v[k],
								     ft->id),
						     old->id),
				     &x) ||
		    !bc_dec_add(sum, x, &sum))
			return json_null();
	return bc_json_dec(sum);
}

/* now − then in percent of then, to one decimal; null without both or
 * when then is 0. */
static json_t *pct_change(json_t *now, json_t *then)
{
	if (!bc_json_is_num(now) || !bc_json_is_num(then) ||
	    bc_json_num_value(then) == 0)
		return json_null();
	double b = bc_json_num_value(then);
	return num_json((bc_json_num_value(now) - b) / b * 100, 1);
}

/* A unit's numbers this year beside those of the units it continues
 * last year ({form: {field: {"value", "previous", "change_pct"}}}),
 * previous null through a split. */
static json_t *unit_compared(bc_err *err, const across *a, json_t *now,
			     const then_values *tv, bool split)
{
	json_t *forms = bc_json_made(err, json_object());
	for (size_t i = 0; i < a->now->n_forms; i++) {
		const bc_form *fn = &a->now->forms[i];
		json_t *fv = json_object_get(now, fn->id), *fo = NULL;
		for (size_t k = 0; fv && k < fn->n_fields; k++) {
			json_t *v = json_object_get(fv, fn->fields[k].id);
			if (!bc_json_is_num(v) || fn->fields[k].type == BC_T_TABLE)
				continue;
			json_t *prev = split ? json_null()
					     : then_sum(a, tv, fn, &fn->fields[k]);
			if (!fo)
				fo = bc_json_set(err, forms, fn->id,
						 json_object());
			bc_json_set(err, fo, fn->fields[k].id,
				    json_pack("{s:O, s:o, s:o}", "value", v,
					      "previous", prev, "change_pct",
					      pct_change(v, prev)));
		}
	}
	return forms;
}

/* The entry of "lineage" for a unit that continues others (l):
 * {"from": [codes], "split": bool, "forms": unit_compared}. */
static json_t *lineage_entry(bc_store *st, const bc_period *p,
			     const bc_period *pp, const across *a,
			     const bc_lineage *l, bc_time until, bc_err *rc,
			     bc_diags *d)
{
	json_t *now = NULL, *from = bc_json_made(rc, json_array());
	then_values tv = {bc_calloc(l->n_from + 1, sizeof *tv.v), 0};
	if (!tv.v && *rc == BC_OK)
		*rc = BC_ERR_NOMEM;
	if (*rc == BC_OK)
		*rc = bc_aggregate_unit_values(st, p, until, l->code, &now, d);
	for (size_t k = 0; *rc == BC_OK && k < l->n_from; k++) {
		bc_json_push(rc, from, json_string(l->from[k]));
		if (*rc == BC_OK)
			*rc = bc_aggregate_unit_values(st, pp, until,
						       l->from[k], &tv.v[tv.n++],
						       d);
	}
	json_t *o = *rc == BC_OK
			    ? json_pack("{s:O, s:b, s:o}", "from", from, "split",
					l->split, "forms",
					unit_compared(rc, a, now, &tv, l->split))
			    : NULL;
	bc_json_made(rc, o);
	for (size_t k = 0; k < tv.n; k++)
		json_decref(tv.v[k]);
	bc_free(tv.v);
	json_decref(now);
	json_decref(from);
	return o;
}

/* Whether the unit with code reports in p (its kind has a level). */
static bool reports_in(bc_store *st, const bc_period *p, const char *code,
		       bc_err *rc, bc_diags *d)
{
	bc_unit u;
	bc_err e = bc_unit_get_as_of(st, code, p->to, &u, d);
	if (e != BC_OK) {
		if (e != BC_ERR_NOT_FOUND && *rc == BC_OK)
			*rc = e;
		return false;
	}
	const bc_unit_kind *k = bc_ruleset_kind(p->rs, u.kind);
	bool r = k && k->level;
	bc_unit_free(&u);
	return r;
}

/* "lineage": each unit of p (or only the unit with code only, when not
 * NULL) that reports and continues units other than itself in pp
 * (merged into it, or it was split from them), with its figures beside
 * theirs. */
static json_t *lineage_json(bc_store *st, const bc_period *p,
			    const bc_period *pp, const across *a,
			    bc_time until, const char *only, bc_err *rc,
			    bc_diags *d)
{
	bc_lineage_map m;
	json_t *out = bc_json_made(rc, json_object());
	if (*rc == BC_OK)
		*rc = bc_units_lineage(st, p->to, pp->to, &m, d);
	if (*rc != BC_OK)
		return out;
	for (size_t i = 0; *rc == BC_OK && i < m.n; i++) {
		const bc_lineage *l = &m.v[i];
		if (!l->n_from || (l->n_from == 1 && l->from_ids[0] == l->id &&
				   !l->split) ||
		    (only && strcmp(only, l->code)) ||
		    !reports_in(st, p, l->code, rc, d))
			continue;
		json_t *e = lineage_entry(st, p, pp, a, l, until, rc, d);
		bc_json_set(rc, out, l->code, e);
	}
	bc_lineage_map_free(&m);
	return out;
}

struct bc_agg_groups {
	bc_period p, pp;  /* the period; the previous year's, with has_pp */
	bool has_pp, compare;
	across a;
	actx now, then;   /* then: open with has_pp */
	size_t at;        /* the groups handed so far */
};

/* Adds the same period a year before to *out: its figures laid on
 * this year's forms, fields and levels, and which period and ruleset
 * they are ("compared"); g->then keeps its groups' for
 * bc_agg_groups_next. */
static bc_err compare(bc_store *st, bc_rulebook *rb, bc_agg_groups *g,
		      const bc_agg_opts *o, json_t *out, bc_diags *d)
{
	json_t *prev = NULL;
	g->a = (across){.now = g->p.rs};
	bc_err rc = previous_period(st, rb, &g->p, &g->pp, d);
	if (rc == BC_ERR_NOT_FOUND) {
		add_previous(&rc, out, NULL, &g->a);
		return BC_OK;
	}
	if (rc != BC_OK)
		return rc;
	g->a.then = g->pp.rs;
	bc_agg_opts po = {.by = o->by, .until = o->until, .unit = o->unit,
			  .twin = o->twin};
	rc = open_run(st, &g->pp, &po, true, &g->then, &prev, d);
	g->has_pp = true;
	if (rc == BC_OK) {
		add_previous(&rc, out, prev, &g->a);
		bc_json_set(&rc, out, "compared",
			    json_pack("{s:s, s:s}", "period", g->pp.code,
				      "ruleset", g->pp.rs->id));
		bc_json_set(&rc, out, "lineage",
			    lineage_json(st, &g->p, &g->pp, &g->a, o->until,
					 o->unit, &rc, d));
	}
	json_decref(prev);
	return rc;
}

static void groups_close(bc_agg_groups *g)
{
	close_run(&g->now);
	close_run(&g->then);
	if (g->has_pp)
		bc_period_free(&g->pp);
	bc_period_free(&g->p);
}

/* bc_aggregate_open into g, which stays where it is until groups_close
 * (its runs point into it). */
static bc_err groups_open(bc_agg_groups *g, bc_store *st, bc_rulebook *rb,
			  const char *period, const bc_agg_opts *o,
			  json_t **out, bc_diags *d)
{
	*g = (bc_agg_groups){.compare = o->compare};
	bc_err rc = bc_period_get(st, rb, period, &g->p, d);
	if (rc != BC_OK)
		return rc;
	rc = open_run(st, &g->p, o, false, &g->now, out, d);
	if (rc == BC_OK && o->compare) {
		rc = compare(st, rb, g, o, *out, d);
		if (rc != BC_OK) {
			json_decref(*out);
			*out = NULL;
		}
	}
	if (rc != BC_OK)
		groups_close(g);
	return rc;
}

bc_err bc_aggregate_open(bc_store *st, bc_rulebook *rb, const char *period,
			 const bc_agg_opts *o, json_t **out,
			 bc_agg_groups **groups, bc_diags *d)
{
	bc_agg_groups *g = bc_calloc(1, sizeof *g);
	if (!g)
		return BC_ERR_NOMEM;
	bc_err rc = groups_open(g, st, rb, period, o, out, d);
	if (rc != BC_OK) {
		bc_free(g);
		return rc;
	}
	*groups = g;
	return BC_OK;
}

bc_err bc_agg_groups_next(bc_agg_groups *g, const char **code,
			  json_t **group)
{
	*group = NULL;
	if (g->at >= g->now.n_groups)
		return BC_OK;
	*code = g->now.grp_code[++g->at];
	json_t *r = group_result(&g->now, g->at);
	if (r && g->compare) {
		json_t *prev = g->has_pp ? group_of_code(&g->then, *code)
					 : NULL;
		add_previous(&g->now.rc, r, prev, &g->a);
		json_decref(prev);
	}
	bc_err rc = g->now.rc != BC_OK ? g->now.rc : g->then.rc;
	if (rc != BC_OK) {
		json_decref(r);
		return rc;
	}
	*group = r;
	return BC_OK;
}

void bc_agg_groups_free(bc_agg_groups *g)
{
	if (!g)
		return;
	groups_close(g);
	bc_free(g);
}

bc_err bc_aggregate(bc_store *st, bc_rulebook *rb, const char *period,
		    const bc_agg_opts *o, json_t **out, bc_diags *d)
{
	bc_agg_groups g;
	bc_err rc = groups_open(&g, st, rb, period, o, out, d);
	if (rc != BC_OK)
		return rc;
	json_t *by = json_object_get(*out, "by"), *m;
	const char *code;
	while (rc == BC_OK &&
	       (rc = bc_agg_groups_next(&g, &code, &m)) == BC_OK && m)
		bc_json_set(&rc, by, code, m);
	groups_close(&g);
	if (rc != BC_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- a form, or a unit's table, at a time ---------------------------- */

/* Ends a read of s whose last step returned rc. */
/* The end of a read that built JSON: the store's error, else jansson's
 * (j), else none. */
static bc_err read_end(bc_store *st, sqlite3_stmt *s, int rc, bc_err j,
		       bc_diags *d)
{
	sqlite3_reset(s);
	return rc != SQLITE_DONE ? bc_store_fail(st, d, N_("aggregate")) : j;
}

/* v into *out when e is none; released otherwise. */
static bc_err handed(bc_err e, json_t *v, json_t **out)
{
	if (e != BC_OK)
		json_decref(v);
	else
		*out = v;
	return e;
}

/* Binds UNIT_THEN's day, the day p sees, as ISO text in iso, which the
 * caller keeps while s runs (a copy could fail for memory unseen). */
static void bind_day(sqlite3_stmt *s, const bc_period *p,
		     char iso[BC_DATE_BUF])
{
	bc_date_format(p->to, iso);
	sqlite3_bind_text(s, 8, iso, -1, SQLITE_STATIC);
}

bc_err bc_aggregate_form_values(bc_store *st, const bc_period *p,
				bc_time until, const char *form, json_t **out,
				bc_diags *d)
{
	const bc_form *f = bc_ruleset_form(p->rs, form);
	sqlite3_stmt *s = bc_store_stmt(st, FORM_VALUES);
	if (!s)
		return bc_store_fail(st, d, N_("aggregate"));
	bc_err j = BC_OK; /* jansson's */
	json_t *all = bc_json_made(&j, json_object()), *unit = NULL;
	char last[128] = "";
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, form, -1, NULL);
	bind_until(s, until);
	char iso[BC_DATE_BUF];
	bind_day(s, p, iso);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int i = f ? bc_field_index(f->fields, f->n_fields, col(s, 2)) : -1;
		if (i < 0 || !bc_feed_reports(p->rs, col(s, 1)))
			continue;
		/* A revision's values come together: one lookup per unit. */
		if (!unit || strcmp(last, col(s, 0))) {
			snprintf(last, sizeof last, "%s", col(s, 0));
			unit = group_obj(&j, all, col(s, 0));
		}
		bc_json_set_nocheck(&j, unit, f->fields[i].id,
				    own_value(&f->fields[i], s, 3));
	}
	return handed(read_end(st, s, rc, j, d), all, out);
}

bc_err bc_aggregate_unit_rows(bc_store *st, const bc_period *p,
			      bc_time until, const char *form,
			      const char *table, const char *unit,
			      json_t **out, bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(
		st, "SELECT v.row, v.col, v.txt, v.num, v.cents FROM value v"
		    " WHERE v.revision_id = (SELECT iif(r.returned, NULL, r.id)"
		    "  FROM " BC_STANDING " r"
		    "  JOIN unit u ON u.id = r.unit_id WHERE r.period_id = ?1"
		    "  AND u.code = ?2 AND r.part = ?3" RECEIVED " " LATEST
		    " LIMIT 1)"
		    " AND v.field = ?4 AND v.row > 0 ORDER BY v.row, v.col");
	if (!s)
		return bc_store_fail(st, d, N_("aggregate"));
	bc_err j = BC_OK; /* jansson's */
	json_t *rows = bc_json_made(&j, json_array()), *row = NULL;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, unit, -1, NULL);
	sqlite3_bind_text(s, 3, form, -1, NULL);
	sqlite3_bind_text(s, 4, table, -1, NULL);
	bind_until(s, until);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int rn = sqlite3_column_int(s, 0);
		if (!row || json_integer_value(json_object_get(row, "row")) != rn) {
			row = bc_json_push(&j, rows,
					   json_pack("{s:s, s:i}", "unit", unit,
						     "row", rn));
		}
		bc_json_set(&j, row, col(s, 1), cell_value(s, 2));
	}
	return handed(read_end(st, s, rc, j, d), rows, out);
}

bc_err bc_aggregate_table_shape(bc_store *st, const bc_period *p,
				bc_time until, const char *form,
				const char *table, json_t **units,
				json_t **longest, bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(st, TABLE_SHAPE);
	if (!s)
		return bc_store_fail(st, d, N_("aggregate"));
	bc_err j = BC_OK; /* jansson's */
	json_t *by = bc_json_made(&j, json_object()),
	       *most = bc_json_made(&j, json_object());
	char last[128] = "";
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, form, -1, NULL);
	sqlite3_bind_text(s, 3, table, -1, NULL);
	bind_until(s, until);
	char iso[BC_DATE_BUF];
	bind_day(s, p, iso);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!bc_feed_reports(p->rs, col(s, 1)))
			continue;
		/* A revision's cells come together: one set per unit. */
		if (strcmp(last, col(s, 0))) {
			snprintf(last, sizeof last, "%s", col(s, 0));
			bc_json_set(&j, by, col(s, 0), json_true());
		}
		json_int_t n = sqlite3_column_int64(s, 3);
		if (n > json_integer_value(json_object_get(most, col(s, 2))))
			bc_json_set(&j, most, col(s, 2), json_integer(n));
	}
	bc_err e = read_end(st, s, rc, j, d);
	if (e != BC_OK) {
		json_decref(by);
		json_decref(most);
	} else {
		*units = by;
		*longest = most;
	}
	return e;
}

bc_err bc_aggregate_unit_values(bc_store *st, const bc_period *p,
				bc_time until, const char *unit, json_t **out,
				bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(
		st, "SELECT uv.kind, r.part, v.field, v.num, v.cents, v.txt FROM ("
		    " SELECT r.id, r.part, r.unit_id, r.returned, row_number()"
		    "  OVER (PARTITION BY r.part " LATEST ") AS k"
		    " FROM " BC_STANDING " r JOIN unit u ON u.id = r.unit_id"
		    " WHERE r.period_id = ?1 AND u.code = ?2" RECEIVED ") r"
		    UNIT_THEN
		    " JOIN value v ON v.revision_id = r.id AND v.row = 0"
		    " AND v.col = '' WHERE" COUNTS);
	if (!s)
		return bc_store_fail(st, d, N_("aggregate"));
	bc_err j = BC_OK; /* jansson's */
	json_t *all = bc_json_made(&j, json_object());
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, unit, -1, NULL);
	bind_until(s, until);
	char iso[BC_DATE_BUF];
	bind_day(s, p, iso);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const bc_field *f = field_of(p->rs, col(s, 1), col(s, 2));
		if (f && bc_feed_reports(p->rs, col(s, 0)))
			bc_json_set_nocheck(&j, group_obj(&j, all, col(s, 1)),
					    f->id, own_value(f, s, 3));
	}
	return handed(read_end(st, s, rc, j, d), all, out);
}

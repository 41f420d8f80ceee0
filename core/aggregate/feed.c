/* SPDX-License-Identifier: MIT */
#include "feed.h"
#include "in_force.h"
#include "jsonout.h"
#include "jsonset.h"
#include "mem.h"
#include "revision.h"
#include "unit.h"

#include <sqlite3.h>
#include <string.h>

static const char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

/* A number as the aggregate's JSON of it reads back: a whole number as
 * an integer, any other through its exact text. */
static bc_cell num_cell(bc_dec d)
{
	bc_dec whole;
	if (bc_dec_rescale(d, 0, &whole)) {
		d = bc_dec_int(whole.v);
	} else {
		char t[BC_DEC_BUF];
		bc_dec_text(d, t);
		bc_dec_parse(t, false, &d);
	}
	return (bc_cell){.kind = BC_CELL_NUM, .num = d, .x = bc_dec_double(d)};
}

/* A stored number from columns num and num + 1 (cents) of s. */
static bc_cell stored(sqlite3_stmt *s, int num)
{
	bc_dec d;
	return bc_value_number(s, num, &d) ? num_cell(d)
					   : (bc_cell){.kind = BC_CELL_NONE};
}

/* A table cell from columns txt, txt + 1 (num), txt + 2 (cents). */
static bc_cell table_cell(sqlite3_stmt *s, int txt)
{
	if (sqlite3_column_type(s, txt) != SQLITE_NULL)
		return (bc_cell){.kind = BC_CELL_TEXT, .text = col(s, txt)};
	return stored(s, txt + 1);
}

bc_cell bc_feed_own_cell(const bc_field *f, sqlite3_stmt *s, int num)
{
	if (f->type == BC_T_TABLE)
		return num_cell(bc_dec_int(
			(json_int_t)sqlite3_column_double(s, num)));
	if (f->type == BC_T_BOOL) {
		int b = sqlite3_column_double(s, num) != 0;
		return (bc_cell){.kind = BC_CELL_BOOL, .num = bc_dec_int(b),
				 .x = b};
	}
	if (sqlite3_column_type(s, num + 2) != SQLITE_NULL)
		return (bc_cell){.kind = BC_CELL_TEXT, .text = col(s, num + 2)};
	return stored(s, num);
}

bc_cell bc_cell_of_json(const json_t *v)
{
	bc_cell c = {.kind = BC_CELL_NONE};
	if (json_is_boolean(v)) {
		int b = json_is_true(v);
		return (bc_cell){.kind = BC_CELL_BOOL, .num = bc_dec_int(b),
				 .x = b};
	}
	c.x = bc_json_num_value(v);
	if (bc_json_get_dec(v, &c.num))
		c.kind = BC_CELL_NUM;
	else if (json_is_string(v))
		c = (bc_cell){.kind = BC_CELL_TEXT, .text = json_string_value(v)};
	return c;
}

bool bc_feed_reports(const bc_ruleset *rs, const char *kind)
{
	const bc_unit_kind *k = bc_ruleset_kind(rs, kind);
	return k && k->level;
}

/* What a read asks of each row's unit kind and field, remembered from
 * the row before: a revision's values come together, each unit's kind
 * and a form's fields in order, so most rows ask the same again. */
typedef struct memo {
	char kind[64]; /* the kind asked last ("" none), */
	bool reports;  /* whether it reports */
	int field;     /* the field found last, -1 none */
} memo;

static bool reports(memo *m, const bc_ruleset *rs, const char *kind)
{
	size_t n = strlen(kind);
	if (n >= sizeof m->kind) /* too long to keep: asked every time */
		return bc_feed_reports(rs, kind);
	if (strcmp(m->kind, kind)) {
		memcpy(m->kind, kind, n + 1);
		m->reports = bc_feed_reports(rs, kind);
	}
	return m->reports;
}

/* The index of field id in f, the one after the last found tried
 * first. */
static int field_at(memo *m, const bc_form *f, const char *id)
{
	int next = m->field + 1;
	if (next < 0 || (size_t)next >= f->n_fields ||
	    strcmp(f->fields[next].id, id))
		next = bc_field_index(f->fields, f->n_fields, id);
	return next < 0 ? -1 : (m->field = next);
}

/* The end of a read whose last step returned rc; stopped: the writer
 * stopped it. */
static bc_err read_end(bc_store *st, sqlite3_stmt *s, int rc, bool stopped,
		       bc_diags *d)
{
	sqlite3_reset(s);
	if (stopped)
		return BC_ERR_NOMEM;
	return rc != SQLITE_DONE ? bc_store_fail(st, d, N_("aggregate"))
				 : BC_OK;
}

/* Binds ?8, the day whose unit versions p sees, as text in iso. */
static void bind_day(sqlite3_stmt *s, const bc_period *p,
		     char iso[BC_DATE_BUF])
{
	bc_date_format(p->to, iso);
	sqlite3_bind_text(s, 8, iso, -1, SQLITE_STATIC);
}

/* The revisions in force of every part, as FORM_IN_FORCE finds those of
 * one: their part, unit and id, in (part, unit) order. */
static const char IN_FORCE_SQL[] =
	"CREATE TEMP TABLE IF NOT EXISTS feed_rev (part TEXT, unit_id INTEGER,"
	" id INTEGER, PRIMARY KEY (part, unit_id)) WITHOUT ROWID;"
	"DELETE FROM temp.feed_rev;";

bc_err bc_feed_in_force(bc_store *st, const bc_period *p, bc_time until,
			bc_diags *d)
{
	if (sqlite3_exec(bc_store_db(st), IN_FORCE_SQL, NULL, NULL, NULL) !=
	    SQLITE_OK)
		return bc_store_fail(st, d, N_("aggregate"));
	sqlite3_stmt *s = bc_store_stmt(
		st, "INSERT INTO temp.feed_rev SELECT r.part, r.unit_id, r.id"
		    " FROM (SELECT r.id, r.unit_id, r.part, r.returned"
		    LATEST_OF_EACH " FROM " BC_STANDING " r"
		    " WHERE r.period_id = ?1" RECEIVED EACH_COUNTS);
	if (!s)
		return bc_store_fail(st, d, N_("aggregate"));
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_int64(s, UNTIL, until ? until : INT64_MAX);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? BC_OK : bc_store_fail(st, d, N_("aggregate"));
}

/* A part's revisions in force (feed_rev) with their unit (u) in the
 * version of day ?8 (uv), found once a revision (CROSS JOIN: SQLite's
 * own order looked the version up again for every value). */
#define FED_IN_FORCE                                                          \
	" temp.feed_rev r" UNIT_THEN_J("CROSS JOIN") " CROSS JOIN value v"    \
	" ON v.revision_id = r.id"

/* The ids of f's fields as a JSON array, when f has a table; else
 * NULL (and when memory runs out: then the values are read whole). */
static char *table_form_fields(const bc_form *f)
{
	bool table = false;
	for (size_t i = 0; f && i < f->n_fields; i++)
		table |= f->fields[i].type == BC_T_TABLE;
	if (!table)
		return NULL;
	bc_err e = BC_OK;
	json_t *a = bc_json_made(&e, json_array());
	for (size_t i = 0; i < f->n_fields; i++)
		bc_json_push(&e, a, json_string(f->fields[i].id));
	char *ids = e == BC_OK ? bc_json_dumps(a, JSON_COMPACT) : NULL;
	json_decref(a);
	return ids;
}

bc_err bc_feed_form_values(bc_store *st, const bc_period *p, const char *form,
			   bc_feed_value_fn fn, void *ud, bc_diags *d)
{
	const bc_form *f = bc_ruleset_form(p->rs, form);
	/* A table's cells sit among a revision's own values in the value
	 * table's key (revision, field, row, col): a form with a table has
	 * each field looked up by its key, not every cell stepped over. */
	char *ids = table_form_fields(f);
	sqlite3_stmt *s = bc_store_stmt(
		st, ids ? "SELECT u.code, uv.kind, v.field, v.num, v.cents, v.txt"
			  " FROM temp.feed_rev r" UNIT_THEN_J("CROSS JOIN")
			  " CROSS JOIN json_each(?3) k CROSS JOIN value v"
			  " ON v.revision_id = r.id AND v.field = k.value"
			  " AND v.row = 0 AND v.col = '' WHERE r.part = ?2"
			: "SELECT u.code, uv.kind, v.field, v.num, v.cents, v.txt FROM"
			  FED_IN_FORCE " AND v.row = 0 AND v.col = ''"
			  " WHERE r.part = ?2");
	if (!s) {
		bc_free(ids);
		return bc_store_fail(st, d, N_("aggregate"));
	}
	char iso[BC_DATE_BUF];
	bind_day(s, p, iso);
	sqlite3_bind_text(s, 2, form, -1, SQLITE_STATIC);
	/* Unbound, ?3 would list no field: the values would go unread. */
	bool unbound = ids && sqlite3_bind_text(s, 3, ids, -1,
						SQLITE_TRANSIENT) != SQLITE_OK;
	bc_free(ids);
	if (unbound)
		return read_end(st, s, SQLITE_DONE, true, d);
	int rc;
	bool stopped = false;
	memo m = {.field = -1};
	while (!stopped && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int i = f ? field_at(&m, f, col(s, 2)) : -1;
		if (i < 0 || !reports(&m, p->rs, col(s, 1)))
			continue;
		bc_cell c = bc_feed_own_cell(&f->fields[i], s, 3);
		stopped = !fn(ud, col(s, 0), (size_t)i, &c);
	}
	return read_end(st, s, rc, stopped, d);
}

/* The units asked, in their order: the outer loop of the rows' read,
 * whose rowid orders it with no sort. */
static const char ASKED[] =
	"CREATE TEMP TABLE IF NOT EXISTS feed_unit"
	" (pos INTEGER PRIMARY KEY, code TEXT NOT NULL);"
	"DELETE FROM temp.feed_unit;";

static bc_err ask(bc_store *st, const char *const *codes, size_t n,
		  bc_diags *d)
{
	sqlite3 *db = bc_store_db(st);
	if (sqlite3_exec(db, ASKED, NULL, NULL, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("aggregate"));
	sqlite3_stmt *s = bc_store_stmt(
		st, "INSERT INTO temp.feed_unit (pos, code) VALUES (?1, ?2)");
	if (!s)
		return bc_store_fail(st, d, N_("aggregate"));
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)i);
		sqlite3_bind_text(s, 2, codes[i], -1, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return bc_store_fail(st, d, N_("aggregate"));
	}
	sqlite3_clear_bindings(s);
	return BC_OK;
}

bc_err bc_feed_table_rows(bc_store *st, const char *form, const char *table,
			  const char *const *codes, size_t n,
			  bc_feed_cell_fn fn, void *ud, bc_diags *d)
{
	bc_err e = ask(st, codes, n, d);
	if (e != BC_OK)
		return e;
	/* Each unit's revision in force, as bc_aggregate_unit_rows finds
	 * it (feed_rev), its rows in the value table's key order. */
	sqlite3_stmt *s = bc_store_stmt(
		st, "SELECT o.pos, v.row, v.col, v.txt, v.num, v.cents"
		    " FROM temp.feed_unit o CROSS JOIN unit u ON u.code = o.code"
		    " CROSS JOIN temp.feed_rev r ON r.part = ?2"
		    " AND r.unit_id = u.id CROSS JOIN value v"
		    " ON v.revision_id = r.id AND v.field = ?3 AND v.row > 0"
		    " ORDER BY o.pos, v.row, v.col");
	if (!s)
		return bc_store_fail(st, d, N_("aggregate"));
	sqlite3_bind_text(s, 2, form, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, table, -1, SQLITE_STATIC);
	int rc;
	bool stopped = false;
	while (!stopped && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		bc_cell c = table_cell(s, 3);
		stopped = !fn(ud, (size_t)sqlite3_column_int64(s, 0),
			      sqlite3_column_int(s, 1), col(s, 2), &c);
	}
	e = read_end(st, s, rc, stopped, d);
	if (sqlite3_exec(bc_store_db(st), "DELETE FROM temp.feed_unit", NULL,
			 NULL, NULL) != SQLITE_OK &&
	    e == BC_OK)
		e = bc_store_fail(st, d, N_("aggregate"));
	return e;
}

/* SPDX-License-Identifier: MIT */
#include "dbcheck.h"
#include "dbfile.h"
#include "digest.h"
#include "mem.h"
#include "srcset.h"
#include "unit.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* integrity_check stops after this many problems; "every problem" is
 * meant, and a damaged file has far fewer. */
#define INTEGRITY_MAX 100000

static const char *text(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

/* A check that cannot read what it needs: a problem of its own. */
static void unreadable(bc_store *st, const char *what, bc_diags *d)
{
	sqlite3 *db = bc_store_db(st);
	if (bc_dbfile_damage_code(sqlite3_extended_errcode(db)))
		bc_store_set_damaged(st);
	bc_diags_add_at(d, BC_ERROR, bc_store_path(st), what, NULL, NULL,
			N_("cannot be read: %s"), sqlite3_errmsg(db));
}

/* A row of a check's query said as one problem: the query gives what it
 * is about (column 0) and the figures; the words are C's, so that they
 * are in the catalogue and said in the reader's language. */
typedef void say_fn(sqlite3_stmt *s, const char *file, bc_diags *d);

#define PROBLEM(d, file, s, ...)                                             \
	bc_diags_add_at(d, BC_ERROR, file, text(s, 0), NULL, NULL, __VA_ARGS__)

/* Runs sql, whose rows are problems, each said by say.  Not being able
 * to read is a problem of the check what. */
static void problems_of(bc_store *st, const char *what, const char *sql,
			say_fn *say, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK) {
		unreadable(st, what, d);
		return;
	}
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW)
		say(s, bc_store_path(st), d);
	if (r != SQLITE_DONE)
		unreadable(st, what, d);
	sqlite3_finalize(s);
}

/* SQLite's own words: it has no others. */
static void say_integrity(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	PROBLEM(d, file, s, "%s", text(s, 1));
}

static void say_foreign_key(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	if (sqlite3_column_type(s, 2) == SQLITE_NULL)
		PROBLEM(d, file, s,
			N_("a row of %s (without rowid) refers to a row of %s "
			   "that does not exist"),
			text(s, 1), text(s, 3));
	else
		PROBLEM(d, file, s,
			N_("%s row %s refers to a row of %s that does not "
			   "exist"),
			text(s, 1), text(s, 2), text(s, 3));
}

static void check_sqlite(bc_store *st, bc_diags *d)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT 'integrity', replace(integrity_check, '*** in "
		 "database main ***' || char(10), '') FROM "
		 "pragma_integrity_check(%d) WHERE integrity_check != 'ok'",
		 INTEGRITY_MAX);
	problems_of(st, "integrity", sql, say_integrity, d);
	problems_of(st, "foreign key",
		    "SELECT 'foreign key', \"table\", rowid, parent"
		    " FROM pragma_foreign_key_check",
		    say_foreign_key, d);
}

/* ---- the schema ---------------------------------------------------------- */

typedef struct object {
	char *key; /* "type name" */
	char *sql;
} object;

typedef struct objects {
	object *v;
	size_t n, cap;
} objects;

static void objects_free(objects *o)
{
	for (size_t i = 0; i < o->n; i++) {
		bc_free(o->v[i].key);
		bc_free(o->v[i].sql);
	}
	bc_free(o->v);
}

/* The schema objects of db that are not SQLite's own, by type and name;
 * SQLITE_OK or SQLite's error. */
static int objects_of(sqlite3 *db, objects *o)
{
	sqlite3_stmt *s;
	int r = sqlite3_prepare_v2(db,
				   "SELECT type || ' ' || name, coalesce(sql, '')"
				   " FROM sqlite_schema WHERE name NOT LIKE"
				   " 'sqlite\\_%' ESCAPE '\\' ORDER BY 1",
				   -1, &s, NULL);
	if (r != SQLITE_OK)
		return r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)&o->v, &o->cap, o->n + 1, sizeof *o->v) < 0) {
			r = SQLITE_NOMEM;
			break;
		}
		object *x = &o->v[o->n++];
		x->key = bc_strdup(text(s, 0));
		x->sql = bc_strdup(text(s, 1));
		if (!x->key || !x->sql) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_finalize(s);
	return r == SQLITE_DONE ? SQLITE_OK : r;
}

/* The schema baocao's first v migrations make, in a database in memory. */
static int reference_schema(int v, objects *o)
{
	sqlite3 *db;
	int n, r = sqlite3_open(":memory:", &db);
	const bc_migration *m = bc_store_migrations(&n);
	for (int i = 0; r == SQLITE_OK && i < v && i < n; i++)
		r = sqlite3_exec(db, m[i].sql, NULL, NULL, NULL);
	if (r == SQLITE_OK)
		r = objects_of(db, o);
	sqlite3_close(db);
	return r;
}

/* Both lists are in key order: one walk finds the missing, the changed
 * and the added. */
static void compare_schemas(bc_store *st, const objects *want,
			    const objects *got, bc_diags *d)
{
	const char *db = bc_store_path(st);
	size_t i = 0, j = 0;
	while (i < want->n || j < got->n) {
		int c = i == want->n ? 1
		      : j == got->n  ? -1
				     : strcmp(want->v[i].key, got->v[j].key);
		if (c < 0)
			bc_diags_add_at(d, BC_ERROR, db, "schema", NULL, NULL,
					N_("%s is missing (baocao makes it)"),
					want->v[i++].key);
		else if (c > 0)
			bc_diags_add_at(d, BC_ERROR, db, "schema", NULL, NULL,
					N_("%s is not one baocao makes"),
					got->v[j++].key);
		else if (strcmp(want->v[i++].sql, got->v[j++].sql) != 0)
			bc_diags_add_at(d, BC_ERROR, db, "schema", NULL, NULL,
					N_("%s differs from what baocao makes"),
					want->v[i - 1].key);
	}
}

static bc_err check_schema(bc_store *st, bc_diags *d)
{
	objects want = {0}, got = {0};
	int r = reference_schema(bc_store_schema_version(st), &want);
	int g = objects_of(bc_store_db(st), &got);
	if (g != SQLITE_OK && g != SQLITE_NOMEM)
		unreadable(st, "schema", d);
	else if (r == SQLITE_OK && g == SQLITE_OK)
		compare_schemas(st, &want, &got, d);
	objects_free(&want);
	objects_free(&got);
	if (r == SQLITE_NOMEM || g == SQLITE_NOMEM)
		return BC_ERR_NOMEM;
	if (r != SQLITE_OK)
		bc_diags_add_at(d, BC_ERROR, bc_store_path(st), "schema", NULL,
				NULL, N_("cannot build baocao's own schema to "
				   "compare (SQLite error %d)"), r);
	return BC_OK;
}

/* ---- what baocao wrote --------------------------------------------------- */

static bc_err check_audit(bc_store *st, int64_t *entries, bc_diags *d)
{
	bc_diags why = BC_DIAGS_INIT;
	bc_err rc = bc_store_audit_check(st, entries, d, &why);
	if (rc != BC_OK && rc != BC_ERR_NOMEM) {
		unreadable(st, "audit", d);
		*entries = -1;
	}
	bc_diags_free(&why);
	return rc == BC_ERR_NOMEM ? rc : BC_OK;
}

/* Each recorded version's files, hashed again, give the hash it was
 * recorded under: the rules a period was run with are those kept. */
static bc_err check_rulesets(bc_store *st, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "SELECT code, hash FROM ruleset ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK) {
		unreadable(st, "ruleset", d);
		return BC_OK;
	}
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		bc_srcset src = BC_SRCSET_INIT;
		bc_diags why = BC_DIAGS_INIT;
		char loc[128], h[BC_SHA256_HEX];
		snprintf(loc, sizeof loc, "ruleset %s", text(s, 0));
		rc = bc_store_ruleset_sources(st, text(s, 0), text(s, 1), &src,
					      &why);
		if (rc == BC_OK)
			bc_srcset_hash(&src, h);
		if (rc == BC_OK && strcmp(h, text(s, 1)) != 0)
			bc_diags_add_at(d, BC_ERROR, bc_store_path(st), loc,
					NULL, NULL,
					N_("its recorded sources do not give "
					   "its SHA-256 %.12s… but %.12s…: they "
					   "were changed after they were "
					   "recorded"),
					text(s, 1), h);
		if (rc == BC_ERR_NOT_FOUND)
			bc_diags_move(d, &why);
		else if (rc != BC_OK && rc != BC_ERR_NOMEM)
			unreadable(st, loc, d);
		if (rc != BC_ERR_NOMEM)
			rc = BC_OK;
		bc_diags_free(&why);
		bc_srcset_free(&src);
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		unreadable(st, "ruleset", d);
	sqlite3_finalize(s);
	return rc;
}

static void check_codes(bc_store *st, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st), "SELECT code FROM unit", -1, &s,
			       NULL) != SQLITE_OK) {
		unreadable(st, "units", d);
		return;
	}
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW)
		if (!bc_unit_code_ok(text(s, 0)))
			bc_diags_add_at(d, BC_ERROR, bc_store_path(st), "units",
					NULL, NULL,
					N_("unit code '%s' is not one 'units "
					   "import' accepts (a-z, 0-9, '-')"),
					text(s, 0));
	if (r != SQLITE_DONE)
		unreadable(st, "units", d);
	sqlite3_finalize(s);
}

static void say_no_version(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	PROBLEM(d, file, s, N_("has no version (name, kind): no period sees it"));
}

static void say_not_a_day(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	PROBLEM(d, file, s, N_("a version's %s %s is not a day (YYYY-MM-DD)"),
		text(s, 1), text(s, 2));
}

/* Of two overlapping versions, only the first can begin at the start. */
static void say_overlap(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	bool a = sqlite3_column_type(s, 1) != SQLITE_NULL,
	     b = sqlite3_column_type(s, 2) != SQLITE_NULL;
	if (a)
		PROBLEM(d, file, s, N_("its versions from %s and from %s overlap"),
			text(s, 1), text(s, 2));
	else if (b)
		PROBLEM(d, file, s,
			N_("its versions from the start and from %s overlap"),
			text(s, 2));
	else
		PROBLEM(d, file, s,
			N_("two of its versions both begin at the start"));
}

/* A unit's versions: days that are days (date() alone lets 30 February
 * by; '+0 days' makes it 2 March), one version at most on any day, at
 * least one version (else no period sees the unit). */
static void check_versions(bc_store *st, bc_diags *d)
{
	problems_of(st, "units",
		    "SELECT 'unit ' || u.code FROM unit u WHERE NOT EXISTS"
		    " (SELECT 1 FROM unit_version v WHERE v.unit_id = u.id)"
		    " ORDER BY u.code",
		    say_no_version, d);
	problems_of(st, "units",
		    "SELECT 'unit ' || u.code, k.col, quote(k.day)"
		    " FROM (SELECT unit_id, 'valid_from' AS col,"
		    "  valid_from AS day FROM unit_version UNION ALL"
		    "  SELECT unit_id, 'valid_to', valid_to FROM unit_version) k"
		    " JOIN unit u ON u.id = k.unit_id"
		    " WHERE k.day IS NOT NULL"
		    " AND date(k.day, '+0 days') IS NOT k.day"
		    " ORDER BY u.code",
		    say_not_a_day, d);
	/* a begins first (an open start first, ties by id) and runs into
	 * b. */
	problems_of(st, "units",
		    "SELECT 'unit ' || u.code, a.valid_from, b.valid_from"
		    " FROM unit_version a JOIN unit_version b"
		    " ON b.unit_id = a.unit_id AND b.id != a.id"
		    " JOIN unit u ON u.id = a.unit_id"
		    " WHERE (CASE WHEN a.valid_from IS NULL"
		    "  THEN b.valid_from IS NOT NULL OR a.id < b.id"
		    "  ELSE b.valid_from IS NOT NULL AND (a.valid_from < b.valid_from"
		    "  OR (a.valid_from = b.valid_from AND a.id < b.id)) END)"
		    " AND (a.valid_to IS NULL OR b.valid_from IS NULL"
		    "  OR a.valid_to >= b.valid_from)"
		    " ORDER BY u.code, a.valid_from",
		    say_overlap, d);
}

static void say_not_audited(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	PROBLEM(d, file, s, N_("%s (%s %s): its import is not in the audit log"),
		text(s, 1), text(s, 2), text(s, 3));
}

static void say_other_unit(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	PROBLEM(d, file, s,
		N_("belongs to submission %s, of another unit or period"),
		text(s, 1));
}

static void say_orphans(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	if (sqlite3_column_int64(s, 2) == 1)
		PROBLEM(d, file, s,
			N_("revision %s is not there, yet %s value belongs to "
			   "it"),
			text(s, 1), text(s, 2));
	else
		PROBLEM(d, file, s,
			N_("revision %s is not there, yet %s values belong to "
			   "it"),
			text(s, 1), text(s, 2));
}

static void say_numbering(sqlite3_stmt *s, const char *file, bc_diags *d)
{
	PROBLEM(d, file, s,
		N_("%s %s %s: %s kept, numbered %s to %s (a revision is "
		   "missing)"),
		text(s, 1), text(s, 2), text(s, 3), text(s, 4), text(s, 5),
		text(s, 6));
}

static void check_submissions(bc_store *st, bc_diags *d)
{
	problems_of(st, "submissions",
		    "SELECT 'submission ' || s.id, s.file_name,"
		    " coalesce(u.code, '?'), coalesce(p.code, '?')"
		    " FROM submission s LEFT JOIN unit u ON u.id = s.unit_id"
		    " LEFT JOIN period p ON p.id = s.period_id"
		    " WHERE NOT EXISTS (SELECT 1 FROM audit a"
		    "  WHERE a.object = s.file_name AND a.action = 'import'"
		    "  AND instr(a.detail, s.sha256) > 0)"
		    " ORDER BY s.id",
		    say_not_audited, d);
	problems_of(st, "revisions",
		    "SELECT 'revision ' || r.id, r.submission_id"
		    " FROM revision r JOIN submission s ON s.id = r.submission_id"
		    " WHERE r.unit_id != s.unit_id OR r.period_id != s.period_id"
		    " ORDER BY r.id",
		    say_other_unit, d);
	/* The value table has no foreign key (schema 10: it cost every
	 * import a lookup per value), so its revisions are checked here. */
	problems_of(st, "values",
		    "SELECT 'values', v.revision_id, v.n"
		    " FROM (SELECT revision_id, count(*) AS n FROM value"
		    "  GROUP BY revision_id) v"
		    " WHERE NOT EXISTS (SELECT 1 FROM revision r"
		    "  WHERE r.id = v.revision_id)"
		    " ORDER BY v.revision_id",
		    say_orphans, d);
	problems_of(st, "revisions",
		    "SELECT 'revisions', coalesce(u.code, '?'),"
		    " coalesce(p.code, '?'), r.part, count(*), min(r.number),"
		    " max(r.number)"
		    " FROM revision r LEFT JOIN unit u ON u.id = r.unit_id"
		    " LEFT JOIN period p ON p.id = r.period_id"
		    " GROUP BY r.unit_id, r.period_id, r.part"
		    " HAVING min(r.number) != 1 OR max(r.number) != count(*)",
		    say_numbering, d);
}

/* ---- counts --------------------------------------------------------------- */

static bool has_table(bc_store *st, const char *name)
{
	sqlite3_stmt *s;
	bool has = false;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "SELECT 1 FROM sqlite_schema WHERE type = "
			       "'table' AND name = ?",
			       -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	has = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return has;
}

static int64_t count_of(bc_store *st, const char *table)
{
	char sql[64];
	sqlite3_stmt *s;
	int64_t n = -1;
	if (!has_table(st, table))
		return 0;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
	if (sqlite3_prepare_v2(bc_store_db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void count(bc_store *st, bc_check_counts *c)
{
	c->units = count_of(st, "unit");
	c->periods = count_of(st, "period");
	c->submissions = count_of(st, "submission");
	c->revisions = count_of(st, "revision");
	c->values = count_of(st, "value");
	c->rulesets = count_of(st, "ruleset");
}

bc_err bc_check_database(bc_store *st, bc_check_counts *counts,
			 bc_diags *d)
{
	*counts = (bc_check_counts){0};
	/* One snapshot for every check, while others may write. */
	bc_err rc = bc_store_begin_read(st, d);
	if (rc != BC_OK)
		return rc == BC_ERR_NOMEM ? rc : BC_OK;
	check_sqlite(st, d);
	rc = check_schema(st, d);
	if (rc == BC_OK)
		rc = check_audit(st, &counts->audit, d);
	if (rc == BC_OK)
		rc = check_rulesets(st, d);
	if (rc == BC_OK)
		check_codes(st, d);
	/* Versions came with the fifth. */
	if (rc == BC_OK && has_table(st, "unit_version"))
		check_versions(st, d);
	/* Submissions came with the second schema version. */
	if (rc == BC_OK && has_table(st, "submission") &&
	    has_table(st, "revision"))
		check_submissions(st, d);
	if (rc == BC_OK)
		count(st, counts);
	bc_store_rollback(st);
	return rc;
}

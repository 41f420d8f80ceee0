/* SPDX-License-Identifier: MIT */
#include "store.h"
#include "digest.h"
#include "mem.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct cached {
	const char *sql;
	sqlite3_stmt *stmt;
} cached;

struct bc_store {
	sqlite3 *db;
	char *path;
	char *actor;
	bc_time clock; /* fixed time, or 0 */
	/* A handful of statements run per unit; the library has fewer than
	 * this many of them (a fixed array: nothing allocated as they come). */
	cached stmts[32];
	size_t n_stmts;
};

/*
 * Migrations only ever go forward and are never edited once released:
 * a database records in PRAGMA user_version how many it has run.
 */
static const bc_migration migrations[] = {
	{"CREATE TABLE ruleset ("
	 " id INTEGER PRIMARY KEY,"
	 " code TEXT NOT NULL,"
	 " hash TEXT NOT NULL,"
	 " recorded_at INTEGER NOT NULL,"
	 " UNIQUE (code, hash));"
	 "CREATE TABLE ruleset_file ("
	 " ruleset_id INTEGER NOT NULL REFERENCES ruleset(id),"
	 " path TEXT NOT NULL,"
	 " content BLOB NOT NULL,"
	 " PRIMARY KEY (ruleset_id, path)) WITHOUT ROWID;"
	 "CREATE TABLE unit ("
	 " id INTEGER PRIMARY KEY,"
	 " code TEXT NOT NULL UNIQUE,"
	 " name TEXT NOT NULL,"
	 " kind TEXT NOT NULL,"
	 " parent_id INTEGER REFERENCES unit(id));"
	 "CREATE INDEX unit_parent ON unit(parent_id);"
	 "CREATE TABLE unit_role ("
	 " unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,"
	 " role TEXT NOT NULL,"
	 " PRIMARY KEY (unit_id, role)) WITHOUT ROWID;"
	 "CREATE TABLE period ("
	 " id INTEGER PRIMARY KEY,"
	 " code TEXT NOT NULL UNIQUE,"
	 " type TEXT NOT NULL,"
	 " year INTEGER NOT NULL,"
	 " adhoc_no INTEGER,"
	 " ruleset_id INTEGER NOT NULL REFERENCES ruleset(id),"
	 " label TEXT NOT NULL,"
	 " window_from TEXT NOT NULL,"
	 " window_to TEXT NOT NULL,"
	 " unit_due TEXT NOT NULL,"
	 " compile_due TEXT NOT NULL,"
	 " forms TEXT,"
	 " doc TEXT,"
	 " recorded_at INTEGER NOT NULL);"
	 "CREATE TABLE deadline_override ("
	 " id INTEGER PRIMARY KEY,"
	 " period_id INTEGER NOT NULL REFERENCES period(id),"
	 " unit_due TEXT NOT NULL,"
	 " doc TEXT NOT NULL,"
	 " recorded_at INTEGER NOT NULL);"
	 "CREATE INDEX deadline_override_period ON deadline_override(period_id);"
	 "CREATE TABLE audit ("
	 " id INTEGER PRIMARY KEY,"
	 " at INTEGER NOT NULL,"
	 " actor TEXT NOT NULL,"
	 " action TEXT NOT NULL,"
	 " object TEXT NOT NULL,"
	 " detail TEXT NOT NULL,"
	 " prev_hash TEXT NOT NULL,"
	 " hash TEXT NOT NULL);"
	 "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	 " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	 "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	 " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"},
	/* 2: submissions and their revisions, kept as received. */
	{"CREATE TABLE submission ("
	 " id INTEGER PRIMARY KEY,"
	 " unit_id INTEGER NOT NULL REFERENCES unit(id),"
	 " period_id INTEGER NOT NULL REFERENCES period(id),"
	 " file_name TEXT NOT NULL,"
	 " sha256 TEXT NOT NULL,"
	 " format TEXT NOT NULL,"
	 " received_at INTEGER NOT NULL,"
	 " received_offset INTEGER NOT NULL,"
	 " channel TEXT NOT NULL,"
	 " signer_name TEXT NOT NULL,"
	 " signer_title TEXT NOT NULL,"
	 " signed_date TEXT,"
	 " estimated INTEGER NOT NULL,"
	 " imported_at INTEGER NOT NULL,"
	 " actor TEXT NOT NULL);"
	 "CREATE INDEX submission_sha ON submission(unit_id, period_id, sha256);"
	 "CREATE TABLE revision ("
	 " id INTEGER PRIMARY KEY,"
	 " submission_id INTEGER NOT NULL REFERENCES submission(id),"
	 " unit_id INTEGER NOT NULL REFERENCES unit(id),"
	 " period_id INTEGER NOT NULL REFERENCES period(id),"
	 " part TEXT NOT NULL,"
	 " number INTEGER NOT NULL,"
	 " received_at INTEGER NOT NULL,"
	 " complete INTEGER NOT NULL,"
	 " UNIQUE (unit_id, period_id, part, number));"
	 "CREATE INDEX revision_period"
	 " ON revision(period_id, unit_id, part, received_at);"
	 "CREATE TABLE value ("
	 " revision_id INTEGER NOT NULL REFERENCES revision(id),"
	 " field TEXT NOT NULL,"
	 " row INTEGER NOT NULL,"
	 " col TEXT NOT NULL,"
	 " num REAL,"
	 " txt TEXT,"
	 " PRIMARY KEY (revision_id, field, row, col)) WITHOUT ROWID;"
	 "CREATE TABLE diagnostic ("
	 " revision_id INTEGER NOT NULL REFERENCES revision(id),"
	 " severity TEXT NOT NULL,"
	 " field TEXT,"
	 " line INTEGER,"
	 " message TEXT NOT NULL);"
	 "CREATE INDEX diagnostic_revision ON diagnostic(revision_id);"
	 "CREATE TRIGGER revision_kept BEFORE UPDATE ON revision"
	 " BEGIN SELECT RAISE(ABORT, 'revisions are kept as received'); END;"
	 "CREATE TRIGGER revision_not_deleted BEFORE DELETE ON revision"
	 " BEGIN SELECT RAISE(ABORT, 'revisions are kept as received'); END;"
	 "CREATE TRIGGER value_kept BEFORE UPDATE ON value"
	 " BEGIN SELECT RAISE(ABORT, 'revisions are kept as received'); END;"
	 "CREATE TRIGGER value_not_deleted BEFORE DELETE ON value"
	 " BEGIN SELECT RAISE(ABORT, 'revisions are kept as received'); END;"},
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int bc_store_schema_latest(void)
{
	return N_MIGRATIONS;
}

bc_err bc_store_fail(bc_store *st, bc_diags *d, const char *doing)
{
	bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL, "%s: %s", doing,
		     sqlite3_errmsg(st->db));
	return BC_ERR_DB;
}

static bc_err exec(bc_store *st, const char *sql, bc_diags *d)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, "database");
	return BC_OK;
}

int bc_store_schema_version(bc_store *st)
{
	sqlite3_stmt *s;
	int v = -1;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	return v;
}

bc_err bc_store_migrate(bc_store *st, const bc_migration *steps, int n,
			bc_diags *d)
{
	if (!steps) {
		steps = migrations;
		n = N_MIGRATIONS;
	}
	/* Up to date: no write lock, so readers run beside an import. */
	if (bc_store_schema_version(st) == n)
		return BC_OK;
	bc_err rc = bc_store_begin(st, d);
	if (rc != BC_OK)
		return rc;
	int v = bc_store_schema_version(st);
	if (v > n) {
		bc_store_rollback(st);
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     "schema version %d is newer than this baocao "
			     "knows (%d): use a newer baocao",
			     v, n);
		return BC_ERR_SCHEMA;
	}
	for (; v < n && rc == BC_OK; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
			 v + 1);
		rc = exec(st, steps[v].sql, d);
		if (rc == BC_OK)
			rc = exec(st, pragma, d);
	}
	if (rc != BC_OK) {
		bc_store_rollback(st);
		return rc;
	}
	return bc_store_commit(st, d);
}

static bool file_exists(const char *path)
{
	struct stat s;
	return stat(path, &s) == 0;
}

/* A database someone else made (or garbage) must not be migrated into. */
static bool foreign_database(bc_store *st)
{
	sqlite3_stmt *s;
	bool foreign = true;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT count(*) FROM sqlite_schema WHERE "
			       "name NOT IN (SELECT name FROM sqlite_schema "
			       "WHERE name LIKE 'sqlite_%')",
			       -1, &s, NULL) != SQLITE_OK)
		return true;
	if (sqlite3_step(s) == SQLITE_ROW)
		foreign = sqlite3_column_int(s, 0) > 0 &&
			  bc_store_schema_version(st) == 0;
	sqlite3_finalize(s);
	return foreign;
}

static bc_err configure(bc_store *st, bc_diags *d)
{
	sqlite3_busy_timeout(st->db, 5000);
	/* Someone else's database is refused before anything changes it. */
	if (foreign_database(st)) {
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     "not a baocao database");
		return BC_ERR_DB;
	}
	/* WAL lets readers (status, export) run beside an import; with WAL,
	 * synchronous=NORMAL is durable across application crashes. */
	return exec(st,
		    "PRAGMA foreign_keys = ON;"
		    "PRAGMA journal_mode = WAL;"
		    "PRAGMA synchronous = NORMAL;",
		    d);
}

bc_err bc_store_open(const char *path, bool create, bc_store **out,
		     bc_diags *d)
{
	if (!create && !file_exists(path)) {
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     "no database here (create it with 'baocao "
			     "init', or give --db or $BAOCAO_DB)");
		return BC_ERR_NO_DB;
	}
	bc_store *st = bc_calloc(1, sizeof *st);
	if (!st || !(st->path = bc_strdup(path)) ||
	    !(st->actor = bc_strdup("unknown"))) {
		bc_store_close(st);
		return BC_ERR_NOMEM;
	}
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		bc_err rc = st->db ? bc_store_fail(st, d, "cannot open")
				   : BC_ERR_NOMEM;
		bc_store_close(st);
		return rc == BC_ERR_DB ? BC_ERR_NO_DB : rc;
	}
	bc_err rc = configure(st, d);
	if (rc == BC_OK && !create && bc_store_schema_version(st) == 0) {
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     "empty database (run 'baocao init')");
		rc = BC_ERR_NO_DB;
	}
	if (rc == BC_OK)
		rc = bc_store_migrate(st, NULL, 0, d);
	if (rc != BC_OK) {
		bc_store_close(st);
		return rc;
	}
	*out = st;
	return BC_OK;
}

sqlite3_stmt *bc_store_stmt(bc_store *st, const char *sql)
{
	for (size_t i = 0; i < st->n_stmts; i++)
		if (st->stmts[i].sql == sql) {
			sqlite3_reset(st->stmts[i].stmt);
			sqlite3_clear_bindings(st->stmts[i].stmt);
			return st->stmts[i].stmt;
		}
	sqlite3_stmt *s;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
			       NULL) != SQLITE_OK)
		return NULL;
	if (st->n_stmts == sizeof st->stmts / sizeof *st->stmts) {
		sqlite3_finalize(s);
		return NULL; /* more kinds of statement than the cache holds */
	}
	st->stmts[st->n_stmts++] = (cached){sql, s};
	return s;
}

void bc_store_close(bc_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->n_stmts; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	sqlite3_close(st->db);
	bc_free(st->path);
	bc_free(st->actor);
	bc_free(st);
}

struct sqlite3 *bc_store_db(bc_store *st)
{
	return st->db;
}

bc_err bc_store_set_actor(bc_store *st, const char *actor)
{
	char *a = bc_strdup(actor && *actor ? actor : "unknown");
	if (!a)
		return BC_ERR_NOMEM;
	bc_free(st->actor);
	st->actor = a;
	return BC_OK;
}

void bc_store_set_clock(bc_store *st, bc_time fixed)
{
	st->clock = fixed;
}

bc_time bc_store_now(const bc_store *st)
{
	return st->clock ? st->clock : (bc_time)time(NULL);
}

/* The transaction statements come from the cache too: an import runs
 * four per file, a JSON import one file per unit. */
static const char SQL_BEGIN[] = "BEGIN IMMEDIATE",
		  SQL_BEGIN_READ[] = "BEGIN DEFERRED", SQL_COMMIT[] = "COMMIT",
		  SQL_ROLLBACK[] = "ROLLBACK";

/* Runs sql from the statement cache (or, were the cache full, as
 * sqlite3_exec would); with d, a failure is said there. */
static bc_err run_cached(bc_store *st, const char *sql, bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	bool ok = s ? sqlite3_step(s) == SQLITE_DONE
		    : sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK;
	if (!ok && d)
		bc_store_fail(st, d, "database");
	if (s)
		sqlite3_reset(s);
	return ok ? BC_OK : BC_ERR_DB;
}

bc_err bc_store_begin(bc_store *st, bc_diags *d)
{
	return run_cached(st, SQL_BEGIN, d);
}

bc_err bc_store_begin_read(bc_store *st, bc_diags *d)
{
	return run_cached(st, SQL_BEGIN_READ, d);
}

bc_err bc_store_commit(bc_store *st, bc_diags *d)
{
	bc_err rc = run_cached(st, SQL_COMMIT, d);
	if (rc != BC_OK)
		bc_store_rollback(st);
	return rc;
}

void bc_store_rollback(bc_store *st)
{
	/* Nothing to report: ROLLBACK fails only with no transaction. */
	if (!sqlite3_get_autocommit(st->db))
		run_cached(st, SQL_ROLLBACK, NULL);
}

static void audit_hash(const char *prev, int64_t at, const char *actor,
		       const char *action, const char *object,
		       const char *detail, char out[BC_SHA256_HEX])
{
	char num[32];
	bc_sha256 h;
	snprintf(num, sizeof num, "%lld", (long long)at);
	const char *parts[] = {prev, num, actor, action, object, detail};
	bc_sha256_init(&h);
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		bc_sha256_update(&h, parts[i], strlen(parts[i]) + 1);
	bc_sha256_hex(&h, out);
}

static void last_hash(bc_store *st, char out[BC_SHA256_HEX])
{
	static const char sql[] =
		"SELECT hash FROM audit ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	strcpy(out, "");
	if (!s)
		return;
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, BC_SHA256_HEX, "%s",
			 (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
}

bc_err bc_store_audit(bc_store *st, const char *action, const char *object,
		      const char *detail, bc_diags *d)
{
	char prev[BC_SHA256_HEX], hash[BC_SHA256_HEX];
	int64_t at = bc_store_now(st);
	detail = detail ? detail : "";
	last_hash(st, prev);
	audit_hash(prev, at, st->actor, action, object, detail, hash);
	static const char sql[] =
		"INSERT INTO audit (at, actor, action, object, detail,"
		" prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return bc_store_fail(st, d, "audit");
	sqlite3_bind_int64(s, 1, at);
	sqlite3_bind_text(s, 2, st->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, object, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, detail, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, hash, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	bc_err rc = r == SQLITE_DONE ? BC_OK : bc_store_fail(st, d, "audit");
	sqlite3_reset(s);
	return rc;
}

bc_err bc_store_audit_verify(bc_store *st, int64_t *bad_id, bc_diags *d)
{
	sqlite3_stmt *s;
	char prev[BC_SHA256_HEX] = "", want[BC_SHA256_HEX];
	*bad_id = 0;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT id, at, actor, action, object, detail,"
			       " prev_hash, hash FROM audit ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, "audit");
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *col[8];
		for (int i = 2; i < 8; i++)
			col[i] = (const char *)sqlite3_column_text(s, i);
		audit_hash(prev, sqlite3_column_int64(s, 1), col[2], col[3],
			   col[4], col[5], want);
		if (strcmp(col[6], prev) != 0 || strcmp(col[7], want) != 0) {
			*bad_id = sqlite3_column_int64(s, 0);
			break;
		}
		snprintf(prev, sizeof prev, "%s", col[7]);
	}
	sqlite3_finalize(s);
	return BC_OK;
}

static int64_t ruleset_row(bc_store *st, const char *code, const char *hash)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT id FROM ruleset WHERE code = ? AND "
			       "hash = ?",
			       -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

bc_err bc_store_record_ruleset(bc_store *st, const bc_ruleset *rs,
			       int64_t *id, bc_diags *d)
{
	int64_t row = ruleset_row(st, rs->id, rs->hash);
	if (row < 0)
		return bc_store_fail(st, d, "ruleset");
	if (row == 0) {
		sqlite3_stmt *s = NULL;
		bool ok = sqlite3_prepare_v2(st->db,
					     "INSERT INTO ruleset (code, hash,"
					     " recorded_at) VALUES (?, ?, ?)",
					     -1, &s, NULL) == SQLITE_OK;
		if (ok) {
			sqlite3_bind_text(s, 1, rs->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, rs->hash, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 3, bc_store_now(st));
			ok = sqlite3_step(s) == SQLITE_DONE;
		}
		sqlite3_finalize(s);
		row = sqlite3_last_insert_rowid(st->db);
		ok = ok && sqlite3_prepare_v2(st->db,
					      "INSERT INTO ruleset_file "
					      "(ruleset_id, path, content) "
					      "VALUES (?, ?, ?)",
					      -1, &s, NULL) == SQLITE_OK;
		for (size_t i = 0; ok && i < rs->src.n; i++) {
			sqlite3_reset(s);
			sqlite3_bind_int64(s, 1, row);
			sqlite3_bind_text(s, 2, rs->src.v[i].path, -1,
					  SQLITE_STATIC);
			sqlite3_bind_blob(s, 3, rs->src.v[i].text,
					  (int)rs->src.v[i].len, SQLITE_STATIC);
			ok = sqlite3_step(s) == SQLITE_DONE;
		}
		bc_err rc = ok ? BC_OK : bc_store_fail(st, d, "ruleset");
		sqlite3_finalize(s);
		if (rc == BC_OK)
			rc = bc_store_audit(st, "rules.record", rs->id,
					    rs->hash, d);
		if (rc != BC_OK)
			return rc;
	}
	if (id)
		*id = row;
	return BC_OK;
}

bc_err bc_store_ruleset_sources(bc_store *st, const char *id,
				const char *hash, bc_srcset *out,
				bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT f.path, f.content FROM ruleset_file f"
			       " JOIN ruleset r ON r.id = f.ruleset_id"
			       " WHERE r.code = ? AND r.hash = ?",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, "ruleset");
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
	bc_err rc = BC_OK;
	while (rc == BC_OK && sqlite3_step(s) == SQLITE_ROW)
		rc = bc_srcset_add(out,
				   (const char *)sqlite3_column_text(s, 0),
				   sqlite3_column_blob(s, 1),
				   (size_t)sqlite3_column_bytes(s, 1));
	sqlite3_finalize(s);
	if (rc == BC_OK && out->n == 0) {
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     "the sources of ruleset %s (%.12s…) are not in "
			     "the database",
			     id, hash);
		rc = BC_ERR_NOT_FOUND;
	}
	bc_srcset_sort(out);
	return rc;
}

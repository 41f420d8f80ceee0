/* SPDX-License-Identifier: MIT */
/*
 * The database: one SQLite file in WAL mode with foreign keys on and a
 * busy timeout, its schema versioned with forward migrations, an
 * append-only, hash-chained audit log of every change, and the rules
 * sources of every ruleset version that governed a period.
 *
 * Modules keep their own SQL and reach SQLite through bc_store_db(); the
 * store owns the connection, transactions, the clock and who is acting.
 */
#ifndef BC_STORE_H
#define BC_STORE_H

#include "date.h"
#include "error.h"
#include "ruleset.h"

#include <stdbool.h>
#include <stdint.h>

struct sqlite3;
typedef struct bc_store bc_store;

/* How bc_store_open treats the file (false and true are the first two,
 * as the argument once was a bool). */
typedef enum bc_open_mode {
	BC_OPEN_EXISTING, /* a database that exists; pending migrations run */
	BC_OPEN_CREATE,	  /* created if missing, whole or not at all */
	BC_OPEN_READ,	  /* read as it is: no migration, nothing written */
} bc_open_mode;

/* Opens the database at path.  A missing file (unless created) and an
 * empty one are BC_ERR_NO_DB; a file that is not a baocao database is
 * BC_ERR_DB, as is a schema version outside 0 to the latest; one written
 * by a newer baocao is BC_ERR_SCHEMA; a damaged one BC_ERR_DAMAGED.  d
 * says which, and why SQLite could not open it (the directory, the file,
 * its content).  A refused file is not changed.  A new database appears
 * at path only complete, at the latest schema.  *out is closed with
 * bc_store_close. */
bc_err bc_store_open(const char *path, bc_open_mode mode, bc_store **out,
		     bc_diags *d);
void bc_store_close(bc_store *st);

/* The connection, owned by the store. */
struct sqlite3 *bc_store_db(bc_store *st);
/* Schema version of the open database. */
int bc_store_schema_version(bc_store *st);
/* The schema version this program writes. */
int bc_store_schema_latest(void);

/* Who the audit log names (copied); "unknown" until set. */
bc_err bc_store_set_actor(bc_store *st, const char *actor);
/* Who the audit log names now (owned by the store). */
const char *bc_store_actor(const bc_store *st);
/* Fixes the clock (for reproducible tests); 0 returns to the real one. */
void bc_store_set_clock(bc_store *st, bc_time fixed);
bc_time bc_store_now(const bc_store *st);
/* The fixed time, or 0 when the clock is the real one. */
bc_time bc_store_fixed_clock(const bc_store *st);

/* Transactions.  begin takes the write lock at once (BEGIN IMMEDIATE), so
 * a concurrent writer waits on the busy timeout, not mid-transaction. */
bc_err bc_store_begin(bc_store *st, bc_diags *d);
bc_err bc_store_commit(bc_store *st, bc_diags *d);
void bc_store_rollback(bc_store *st);
/* A read transaction (BEGIN DEFERRED): the queries in it see one
 * snapshot and share one read lock instead of taking one each.  It
 * writes nothing: end it with bc_store_rollback. */
bc_err bc_store_begin_read(bc_store *st, bc_diags *d);

/* Batching: with on, each bc_store_begin … commit (or rollback) is a
 * savepoint of one write transaction, committed about once a second
 * (sooner when the WAL has grown past its cap and been copied, so that
 * it starts over: checkpoint.h) and when batching is turned off, so
 * each is still all or nothing but
 * thousands of small ones cost few commits; a read transaction begun
 * inside it reads within it.  Off commits what is held.  When that
 * transaction is lost (SQLite ends it after a full disk, an I/O error,
 * running out of memory; or its commit fails) the error is said in d
 * and the savepoints released in it are not stored: how many of them
 * (beside the one whose call failed) bc_store_batch_lost tells, once. */
bc_err bc_store_batch(bc_store *st, bool on, bc_diags *d);
size_t bc_store_batch_lost(bc_store *st);

struct sqlite3_stmt;
/* The prepared statement for sql, reset with no bindings, kept by the
 * store until it closes: an import runs the same few statements for
 * every unit, and preparing them each time cost a quarter of its time.
 * sql is the key, by address: a string literal.  Do not finalize it.
 * NULL on error (then bc_store_fail says why). */
struct sqlite3_stmt *bc_store_stmt(bc_store *st, const char *sql);

/* Adds to d why the last SQLite call failed (bc_dbfile_explain) and
 * returns BC_ERR_DAMAGED when the file is damaged (the store then
 * refuses every write), BC_ERR_NOMEM when memory ran out, else
 * BC_ERR_DB.  doing is in English, marked N_(). */
bc_err bc_store_fail(bc_store *st, bc_diags *d, const char *doing);

/* Marks the store damaged: from then on it refuses to begin or commit a
 * write (BC_ERR_DAMAGED, nothing written).  The store marks itself when
 * one of its failures is damage; the program marks it for damage SQLite
 * reports anywhere (its error log), even to a read that gave up. */
void bc_store_set_damaged(bc_store *st);
bool bc_store_damaged(const bc_store *st);
/* The path it was opened with (owned by the store). */
const char *bc_store_path(const bc_store *st);

/* Appends an audit entry: action ("units.import"), the object it acted
 * on ("2023-H1"), a detail text.  Call inside the change's transaction. */
bc_err bc_store_audit(bc_store *st, const char *action, const char *object,
		      const char *detail, bc_diags *d);
/* Verifies the audit chain; the first broken entry's id in *bad_id. */
bc_err bc_store_audit_verify(bc_store *st, int64_t *bad_id, bc_diags *d);
/* Verifies the whole chain: every entry changed after it was written
 * and every link broken (an entry removed or put in) is one error in
 * problems, naming the entry.  *entries is the number of entries; d
 * says why the log could not be read. */
bc_err bc_store_audit_check(bc_store *st, int64_t *entries,
			    bc_diags *problems, bc_diags *d);

/* Records a ruleset version and its sources (idempotent); its row id in
 * *id when not NULL. */
bc_err bc_store_record_ruleset(bc_store *st, const bc_ruleset *rs,
			       int64_t *id, bc_diags *d);
/* The sources of the recorded version (id, hash), into an empty out. */
bc_err bc_store_ruleset_sources(bc_store *st, const char *id,
				const char *hash, bc_srcset *out,
				bc_diags *d);

/* A version of a ruleset the database keeps. */
typedef struct bc_rsversion {
	char hash[BC_SHA256_HEX];
	bc_time recorded_at;
} bc_rsversion;
/* The versions of ruleset id the database keeps, the first recorded
 * first, into *out (freed with bc_free; NULL when none), *n of them. */
bc_err bc_store_ruleset_versions(bc_store *st, const char *id,
				 bc_rsversion **out, size_t *n, bc_diags *d);

/* One step of the schema: SQL run in the transaction that moves the
 * schema from version (index) to version (index + 1). */
typedef struct bc_migration {
	const char *sql;
	/* The tables whose foreign keys are checked before the step
	 * commits, separated by spaces (NULL: none): those that name a
	 * table the step makes anew, which the keys do not guard while the
	 * steps run. */
	const char *keys;
} bc_migration;
/* The program's own steps; *n is how many. */
const bc_migration *bc_store_migrations(int *n);
/* Brings the schema to n steps of steps[] (the program's own list by
 * default).  Exposed for tests of migrations. */
bc_err bc_store_migrate(bc_store *st, const bc_migration *steps, int n,
			bc_diags *d);

#endif

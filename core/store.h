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

/* Opens the database at path.  With create false a missing file is
 * BC_ERR_NO_DB; a file that is not a baocao database is BC_ERR_DB; one
 * written by a newer baocao is BC_ERR_SCHEMA.  Pending migrations run.
 * *out is closed with bc_store_close. */
bc_err bc_store_open(const char *path, bool create, bc_store **out,
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
/* Fixes the clock (for reproducible tests); 0 returns to the real one. */
void bc_store_set_clock(bc_store *st, bc_time fixed);
bc_time bc_store_now(const bc_store *st);

/* Transactions.  begin takes the write lock at once (BEGIN IMMEDIATE), so
 * a concurrent writer waits on the busy timeout, not mid-transaction. */
bc_err bc_store_begin(bc_store *st, bc_diags *d);
bc_err bc_store_commit(bc_store *st, bc_diags *d);
void bc_store_rollback(bc_store *st);
/* A read transaction (BEGIN DEFERRED): the queries in it see one
 * snapshot and share one read lock instead of taking one each.  It
 * writes nothing: end it with bc_store_rollback. */
bc_err bc_store_begin_read(bc_store *st, bc_diags *d);

struct sqlite3_stmt;
/* The prepared statement for sql, reset with no bindings, kept by the
 * store until it closes: an import runs the same few statements for
 * every unit, and preparing them each time cost a quarter of its time.
 * sql is the key, by address: a string literal.  Do not finalize it.
 * NULL on error (then bc_store_fail says why). */
struct sqlite3_stmt *bc_store_stmt(bc_store *st, const char *sql);

/* Adds the message of the last SQLite error to d; returns BC_ERR_DB. */
bc_err bc_store_fail(bc_store *st, bc_diags *d, const char *doing);

/* Appends an audit entry: action ("units.import"), the object it acted
 * on ("2023-H1"), a detail text.  Call inside the change's transaction. */
bc_err bc_store_audit(bc_store *st, const char *action, const char *object,
		      const char *detail, bc_diags *d);
/* Verifies the audit chain; the first broken entry's id in *bad_id. */
bc_err bc_store_audit_verify(bc_store *st, int64_t *bad_id, bc_diags *d);

/* Records a ruleset version and its sources (idempotent); its row id in
 * *id when not NULL. */
bc_err bc_store_record_ruleset(bc_store *st, const bc_ruleset *rs,
			       int64_t *id, bc_diags *d);
/* The sources of the recorded version (id, hash), into an empty out. */
bc_err bc_store_ruleset_sources(bc_store *st, const char *id,
				const char *hash, bc_srcset *out,
				bc_diags *d);

/* One step of the schema: SQL run in the transaction that moves the
 * schema from version (index) to version (index + 1). */
typedef struct bc_migration {
	const char *sql;
} bc_migration;
/* Brings the schema to n steps of steps[] (the program's own list by
 * default).  Exposed for tests of migrations. */
bc_err bc_store_migrate(bc_store *st, const bc_migration *steps, int n,
			bc_diags *d);

#endif

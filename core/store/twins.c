/* SPDX-License-Identifier: MIT */
#include "twins.h"
#include "mem.h"

#include <sqlite3.h>

/* How long the twins wait for the write lock: an import holds it for
 * about a second at a time, and reading on one core is never wrong. */
#define LOCK_MS 50

/* The first read of a transaction fixes its snapshot (BEGIN alone does
 * not, in WAL mode). */
static bool begin_snapshot(sqlite3 *db)
{
	return sqlite3_exec(db, "BEGIN DEFERRED;"
				"SELECT count(*) FROM sqlite_schema",
			    NULL, NULL, NULL) == SQLITE_OK;
}

static void end(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* A connection holding the write lock of path's database, or NULL. */
static sqlite3 *lock(const char *path)
{
	sqlite3 *w = NULL;
	if (sqlite3_open_v2(path, &w, SQLITE_OPEN_READWRITE |
				       SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(w);
		return NULL;
	}
	sqlite3_busy_timeout(w, LOCK_MS);
	if (sqlite3_exec(w, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(w);
		return NULL;
	}
	return w;
}

static void close_all(bc_store **twins, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bc_store_close(twins[i]);
		twins[i] = NULL;
	}
}

/* Opens n twins of st, not yet reading; false (none left open) when one
 * cannot be. */
static bool open_twins(bc_store *st, bc_store **twins, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bc_diags quiet = BC_DIAGS_INIT;
		bc_err rc = bc_store_open(bc_store_path(st), BC_OPEN_READ,
					  &twins[i], &quiet);
		bc_diags_free(&quiet);
		if (rc == BC_OK &&
		    bc_store_set_actor(twins[i], bc_store_actor(st)) != BC_OK) {
			bc_store_close(twins[i]);
			rc = BC_ERR_NOMEM;
		}
		if (rc != BC_OK) {
			twins[i] = NULL;
			close_all(twins, i);
			return false;
		}
		bc_store_set_clock(twins[i], bc_store_fixed_clock(st));
	}
	return true;
}

bc_err bc_twins_begin_read(bc_store *st, bc_store **twins, size_t n,
			   size_t *got, bc_diags *d)
{
	*got = 0;
	sqlite3 *w = NULL;
	if (n && sqlite3_get_autocommit(bc_store_db(st)) &&
	    open_twins(st, twins, n) && !(w = lock(bc_store_path(st))))
		close_all(twins, n);
	if (!w)
		return bc_store_begin_read(st, d);
	/* With the lock held no commit can come between these. */
	bool ok = begin_snapshot(bc_store_db(st));
	for (size_t i = 0; ok && i < n; i++)
		ok = begin_snapshot(bc_store_db(twins[i]));
	sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(w);
	if (ok) {
		*got = n;
		return BC_OK;
	}
	close_all(twins, n);
	end(bc_store_db(st));
	return bc_store_begin_read(st, d);
}

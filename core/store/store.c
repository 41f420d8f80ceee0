/* SPDX-License-Identifier: MIT */
#include "store.h"
#include "checkpoint.h"
#include "dbfile.h"
#include "digest.h"
#include "mem.h"
#include "outfile.h"

#include <sqlite3.h>
#include <stdatomic.h>
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
	/* SQLite reported damage: no more writes.  Atomic: SQLite's error
	 * log may set it on the thread of a twin (twins.h). */
	_Atomic bool damaged;
	bool damage_said; /* and d has been told */
	bool writing;	  /* between bc_store_begin and its end */
	bool committing;  /* bc_store_commit's COMMIT runs */
	/* bc_store_batch: each begin … commit a savepoint of one
	 * transaction, committed every BATCH_MS. */
	bool batch;	     /* asked for */
	bool batch_open;     /* its transaction is open */
	bool saved;	     /* a savepoint of it is open */
	bool alone;	     /* or its first part is open, without one */
	size_t batch_kept;   /* savepoints released in it */
	size_t batch_lost;   /* released ones lost with it, not yet told */
	int64_t batch_since; /* when it began (ms_now) */
	int64_t part_since;  /* when its open part began */
	/* A handful of statements run per unit; the library has fewer than
	 * this many of them (a fixed array: nothing allocated as they come). */
	cached stmts[32];
	size_t n_stmts;
	/* The WAL's checkpoints, on a thread of their own once a commit
	 * leaves it big (wal_hook); alone: that thread could not start. */
	bc_checkpointer *ckpt;
	bool ckpt_alone;
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
	 " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;", NULL},
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
	 " BEGIN SELECT RAISE(ABORT, 'revisions are kept as received'); END;", NULL},
	/* 3: a wrong receipt time is corrected by a row appended here (who
	 * did it is in the audit), never by an update: revision_received is
	 * each revision with the time of its submission's latest correction,
	 * or as received. */
	{"CREATE TABLE receipt_correction ("
	 " id INTEGER PRIMARY KEY,"
	 " submission_id INTEGER NOT NULL REFERENCES submission(id),"
	 " received_at INTEGER NOT NULL,"
	 " received_offset INTEGER NOT NULL,"
	 " reason TEXT NOT NULL,"
	 " corrected_at INTEGER NOT NULL);"
	 "CREATE INDEX receipt_correction_submission"
	 " ON receipt_correction(submission_id, id);"
	 "CREATE TRIGGER receipt_correction_kept"
	 " BEFORE UPDATE ON receipt_correction"
	 " BEGIN SELECT RAISE(ABORT, 'corrections are appended'); END;"
	 "CREATE TRIGGER receipt_correction_not_deleted"
	 " BEFORE DELETE ON receipt_correction"
	 " BEGIN SELECT RAISE(ABORT, 'corrections are appended'); END;"
	 "CREATE VIEW revision_received AS SELECT r.id, r.submission_id,"
	 " r.unit_id, r.period_id, r.part, r.number, r.complete,"
	 " coalesce(c.received_at, r.received_at) AS received_at,"
	 " coalesce(c.received_offset, s.received_offset) AS received_offset,"
	 " r.received_at AS received_as, c.reason AS correction"
	 " FROM revision r JOIN submission s ON s.id = r.submission_id"
	 " LEFT JOIN receipt_correction c ON c.id = (SELECT max(k.id)"
	 "  FROM receipt_correction k WHERE k.submission_id = r.submission_id);", NULL},
	/* 4: a number with one or two decimals (an amount of money) is kept
	 * in hundredths as well, exactly: num, a double, holds 15
	 * significant digits, and 99999999999999.99 has 16.  Rows stored
	 * before have no cents; their num gives back what was written
	 * (bc_value_number), to the hundredth below 70 000 000 000 000. */
	{"ALTER TABLE value ADD COLUMN cents INTEGER;", NULL},
	/* 5: a unit is its code (unit, which submissions reference) with
	 * versions: what it was (name, kind, parent, roles) from valid_from
	 * to valid_to, ISO days both included, NULL an open end, and the
	 * units a version was formed from.  Each unit's row becomes one
	 * version open at both ends, with the id of its unit (so versions
	 * stay in the order their units were imported).  unit loses its
	 * other columns by the table being made anew: SQLite cannot drop a
	 * column a foreign key names (bc_store_migrate turns the keys off
	 * while it runs, and checks them all before it commits).  A unit
	 * and its versions are kept once made. */
	{"CREATE TABLE unit_version ("
	 " id INTEGER PRIMARY KEY,"
	 " unit_id INTEGER NOT NULL REFERENCES unit(id),"
	 " valid_from TEXT,"
	 " valid_to TEXT,"
	 " name TEXT NOT NULL,"
	 " kind TEXT NOT NULL,"
	 " parent_id INTEGER REFERENCES unit(id),"
	 " CHECK (valid_from IS NULL OR valid_to IS NULL"
	 "  OR valid_from <= valid_to));"
	 "CREATE INDEX unit_version_unit ON unit_version(unit_id, valid_from);"
	 "CREATE INDEX unit_version_parent ON unit_version(parent_id);"
	 "CREATE TABLE unit_version_role ("
	 " version_id INTEGER NOT NULL REFERENCES unit_version(id),"
	 " role TEXT NOT NULL,"
	 " PRIMARY KEY (version_id, role)) WITHOUT ROWID;"
	 "CREATE TABLE unit_predecessor ("
	 " version_id INTEGER NOT NULL REFERENCES unit_version(id),"
	 " unit_id INTEGER NOT NULL REFERENCES unit(id),"
	 " PRIMARY KEY (version_id, unit_id)) WITHOUT ROWID;"
	 "CREATE INDEX unit_predecessor_unit ON unit_predecessor(unit_id);"
	 "INSERT INTO unit_version (id, unit_id, name, kind, parent_id)"
	 " SELECT id, id, name, kind, parent_id FROM unit;"
	 "INSERT INTO unit_version_role (version_id, role)"
	 " SELECT unit_id, role FROM unit_role;"
	 "DROP TABLE unit_role;"
	 "CREATE TABLE unit_code ("
	 " id INTEGER PRIMARY KEY,"
	 " code TEXT NOT NULL UNIQUE);"
	 "INSERT INTO unit_code (id, code) SELECT id, code FROM unit;"
	 "DROP TABLE unit;"
	 "ALTER TABLE unit_code RENAME TO unit;"
	 "CREATE TRIGGER unit_kept BEFORE DELETE ON unit"
	 " BEGIN SELECT RAISE(ABORT, 'units are never deleted'); END;"
	 "CREATE TRIGGER unit_version_kept BEFORE DELETE ON unit_version"
	 " BEGIN SELECT RAISE(ABORT, 'unit versions are never deleted'); END;",
	 "submission revision unit_version unit_predecessor"},
	/* 6: a recorded period moved to the rules in force for it now (a
	 * directive that arrived late): each move kept with its document,
	 * who made it, both ruleset versions and how many submissions in
	 * force failed the new rules.  A report revision is complete or not
	 * by the outline of the rules it is read under: revision_recheck
	 * holds the verdicts a move changed, and revision_received gives
	 * the latest. */
	{"CREATE TABLE period_move ("
	 " id INTEGER PRIMARY KEY,"
	 " period_id INTEGER NOT NULL REFERENCES period(id),"
	 " from_ruleset INTEGER NOT NULL REFERENCES ruleset(id),"
	 " to_ruleset INTEGER NOT NULL REFERENCES ruleset(id),"
	 " doc TEXT NOT NULL,"
	 " actor TEXT NOT NULL,"
	 " failing INTEGER NOT NULL,"
	 " moved_at INTEGER NOT NULL);"
	 "CREATE INDEX period_move_period ON period_move(period_id, id);"
	 "CREATE TRIGGER period_move_kept BEFORE UPDATE ON period_move"
	 " BEGIN SELECT RAISE(ABORT, 'moves are kept'); END;"
	 "CREATE TRIGGER period_move_not_deleted BEFORE DELETE ON period_move"
	 " BEGIN SELECT RAISE(ABORT, 'moves are kept'); END;"
	 "CREATE TABLE revision_recheck ("
	 " revision_id INTEGER NOT NULL REFERENCES revision(id),"
	 " move_id INTEGER NOT NULL REFERENCES period_move(id),"
	 " complete INTEGER NOT NULL,"
	 " PRIMARY KEY (revision_id, move_id)) WITHOUT ROWID;"
	 "CREATE TRIGGER revision_recheck_kept BEFORE UPDATE ON revision_recheck"
	 " BEGIN SELECT RAISE(ABORT, 'moves are kept'); END;"
	 "CREATE TRIGGER revision_recheck_not_deleted"
	 " BEFORE DELETE ON revision_recheck"
	 " BEGIN SELECT RAISE(ABORT, 'moves are kept'); END;"
	 "DROP VIEW revision_received;"
	 "CREATE VIEW revision_received AS SELECT r.id, r.submission_id,"
	 " r.unit_id, r.period_id, r.part, r.number,"
	 " coalesce((SELECT k.complete FROM revision_recheck k"
	 "  WHERE k.revision_id = r.id ORDER BY k.move_id DESC LIMIT 1),"
	 "  r.complete) AS complete,"
	 " coalesce(c.received_at, r.received_at) AS received_at,"
	 " coalesce(c.received_offset, s.received_offset) AS received_offset,"
	 " r.received_at AS received_as, c.reason AS correction"
	 " FROM revision r JOIN submission s ON s.id = r.submission_id"
	 " LEFT JOIN receipt_correction c ON c.id = (SELECT max(k.id)"
	 "  FROM receipt_correction k WHERE k.submission_id = r.submission_id);",
	 NULL},
	/* 7: the district's word on what came in, appended beside the
	 * revisions, never written into them: a revision imported by
	 * mistake is voided (once, with who, when and why), and a revision
	 * is returned to its unit or accepted (review, the latest verdict
	 * standing).  revision_standing is every revision not void, with
	 * the latest review of it: the one view from which the revision in
	 * force, and whether it counts as received, are read. */
	{"CREATE TABLE revision_void ("
	 " revision_id INTEGER PRIMARY KEY REFERENCES revision(id),"
	 " reason TEXT NOT NULL CHECK (trim(reason) <> ''),"
	 " actor TEXT NOT NULL,"
	 " voided_at INTEGER NOT NULL);"
	 "CREATE TRIGGER revision_void_kept BEFORE UPDATE ON revision_void"
	 " BEGIN SELECT RAISE(ABORT, 'voids are kept'); END;"
	 "CREATE TRIGGER revision_void_not_deleted"
	 " BEFORE DELETE ON revision_void"
	 " BEGIN SELECT RAISE(ABORT, 'voids are kept'); END;"
	 "CREATE TABLE review ("
	 " id INTEGER PRIMARY KEY,"
	 " revision_id INTEGER NOT NULL REFERENCES revision(id),"
	 " verdict TEXT NOT NULL CHECK (verdict IN ('return', 'accept')),"
	 " reason TEXT NOT NULL,"
	 " actor TEXT NOT NULL,"
	 " reviewed_at INTEGER NOT NULL,"
	 " CHECK (verdict <> 'return' OR trim(reason) <> ''));"
	 "CREATE INDEX review_revision ON review(revision_id, id);"
	 "CREATE TRIGGER review_kept BEFORE UPDATE ON review"
	 " BEGIN SELECT RAISE(ABORT, 'reviews are kept'); END;"
	 "CREATE TRIGGER review_not_deleted BEFORE DELETE ON review"
	 " BEGIN SELECT RAISE(ABORT, 'reviews are kept'); END;"
	 "CREATE VIEW revision_standing AS SELECT r.id, r.submission_id,"
	 " r.unit_id, r.period_id, r.part, r.number, r.complete,"
	 " r.received_at, r.received_offset, r.received_as, r.correction,"
	 " w.id AS review_id, coalesce(w.verdict = 'return', 0) AS returned"
	 " FROM revision_received r"
	 " LEFT JOIN review w ON w.id = (SELECT max(k.id) FROM review k"
	 "  WHERE k.revision_id = r.id)"
	 " WHERE NOT EXISTS (SELECT 1 FROM revision_void x"
	 "  WHERE x.revision_id = r.id);",
	 NULL},
	/* 8: whom a unit's reminders go to (a version's contact: a person,
	 * a phone, an e-mail address; NULL when the units CSV gives none),
	 * and every reminder handed to the mail program, kept as sent. */
	{"ALTER TABLE unit_version ADD COLUMN person TEXT;"
	 "ALTER TABLE unit_version ADD COLUMN phone TEXT;"
	 "ALTER TABLE unit_version ADD COLUMN email TEXT;"
	 "CREATE TABLE reminder ("
	 " id INTEGER PRIMARY KEY,"
	 " period_id INTEGER NOT NULL REFERENCES period(id),"
	 " unit_id INTEGER NOT NULL REFERENCES unit(id),"
	 " address TEXT NOT NULL,"
	 " subject TEXT NOT NULL,"
	 " body TEXT NOT NULL,"
	 " program TEXT NOT NULL,"
	 " sent_at INTEGER NOT NULL,"
	 " actor TEXT NOT NULL);"
	 "CREATE INDEX reminder_period ON reminder(period_id, unit_id, id);"
	 "CREATE TRIGGER reminder_kept BEFORE UPDATE ON reminder"
	 " BEGIN SELECT RAISE(ABORT, 'reminders are kept as sent'); END;"
	 "CREATE TRIGGER reminder_not_deleted BEFORE DELETE ON reminder"
	 " BEGIN SELECT RAISE(ABORT, 'reminders are kept as sent'); END;",
	 NULL},
	/* 9: the points the assessment council gives units for a year's
	 * criteria: each import a batch numbered within its year (who
	 * assessed, who imported it, when, the file), its entries kept as
	 * imported; the latest batch naming a unit and criterion is in
	 * force.  Points in hundredths, exactly. */
	{"CREATE TABLE assessment_batch ("
	 " id INTEGER PRIMARY KEY,"
	 " year INTEGER NOT NULL,"
	 " number INTEGER NOT NULL,"
	 " file_name TEXT NOT NULL,"
	 " sha256 TEXT NOT NULL,"
	 " assessed_by TEXT NOT NULL,"
	 " actor TEXT NOT NULL,"
	 " imported_at INTEGER NOT NULL,"
	 " UNIQUE (year, number));"
	 "CREATE TABLE assessment ("
	 " batch_id INTEGER NOT NULL REFERENCES assessment_batch(id),"
	 " unit_id INTEGER NOT NULL REFERENCES unit(id),"
	 " criterion TEXT NOT NULL,"
	 " points INTEGER NOT NULL,"
	 " note TEXT NOT NULL,"
	 " line INTEGER NOT NULL,"
	 " PRIMARY KEY (batch_id, unit_id, criterion)) WITHOUT ROWID;"
	 "CREATE INDEX assessment_unit ON assessment(unit_id, criterion);"
	 "CREATE TRIGGER assessment_batch_kept BEFORE UPDATE ON assessment_batch"
	 " BEGIN SELECT RAISE(ABORT, 'assessments are kept as imported'); END;"
	 "CREATE TRIGGER assessment_batch_not_deleted"
	 " BEFORE DELETE ON assessment_batch"
	 " BEGIN SELECT RAISE(ABORT, 'assessments are kept as imported'); END;"
	 "CREATE TRIGGER assessment_kept BEFORE UPDATE ON assessment"
	 " BEGIN SELECT RAISE(ABORT, 'assessments are kept as imported'); END;"
	 "CREATE TRIGGER assessment_not_deleted BEFORE DELETE ON assessment"
	 " BEGIN SELECT RAISE(ABORT, 'assessments are kept as imported'); END;",
	 NULL},
	/* 10: value loses its foreign key on revision_id, which cost a
	 * lookup in revision for every value stored: a fifth of storing
	 * one, a tenth of an import's CPU.  It guarded only against
	 * baocao's own bugs: revisions are never deleted (a trigger), and
	 * bc_revision_store writes values only right after their revision,
	 * in the same transaction.  'baocao check' still finds a value
	 * whose revision is missing (bc_check_database), once, instead of
	 * every import paying for it.  The table is made anew (SQLite cannot
	 * drop a constraint), same columns, key and triggers, its rows
	 * copied in key order, so each lands at the end of the new b-tree. */
	{"CREATE TABLE value_new ("
	 " revision_id INTEGER NOT NULL,"
	 " field TEXT NOT NULL,"
	 " row INTEGER NOT NULL,"
	 " col TEXT NOT NULL,"
	 " num REAL,"
	 " txt TEXT,"
	 " cents INTEGER,"
	 " PRIMARY KEY (revision_id, field, row, col)) WITHOUT ROWID;"
	 "INSERT INTO value_new (revision_id, field, row, col, num, txt, cents)"
	 " SELECT revision_id, field, row, col, num, txt, cents FROM value"
	 " ORDER BY revision_id, field, row, col;"
	 "DROP TABLE value;"
	 "ALTER TABLE value_new RENAME TO value;"
	 "CREATE TRIGGER value_kept BEFORE UPDATE ON value"
	 " BEGIN SELECT RAISE(ABORT, 'revisions are kept as received'); END;"
	 "CREATE TRIGGER value_not_deleted BEFORE DELETE ON value"
	 " BEGIN SELECT RAISE(ABORT, 'revisions are kept as received'); END;",
	 NULL},
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int bc_store_schema_latest(void)
{
	return N_MIGRATIONS;
}

const bc_migration *bc_store_migrations(int *n)
{
	*n = N_MIGRATIONS;
	return migrations;
}

/* How long a process waits for another's write lock: several officers
 * importing at once queue behind each other's files, which on a slow
 * machine take seconds each (5 s failed 1 of 8 processes at once). */
#define BUSY_MS 30000

bc_err bc_store_fail(bc_store *st, bc_diags *d, const char *doing)
{
	bc_err rc = bc_dbfile_explain(st->path, sqlite3_extended_errcode(st->db),
				      sqlite3_system_errno(st->db),
				      sqlite3_errmsg(st->db), doing, d);
	if (rc == BC_ERR_DAMAGED)
		st->damaged = st->damage_said = true;
	return rc;
}

void bc_store_set_damaged(bc_store *st)
{
	st->damaged = true;
}

bool bc_store_damaged(const bc_store *st)
{
	return st->damaged;
}

const char *bc_store_path(const bc_store *st)
{
	return st->path;
}

static bc_err exec(bc_store *st, const char *sql, bc_diags *d)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("database"));
	return BC_OK;
}

/* PRAGMA user_version: the first read of the file, so a failure here is
 * the file's (bc_store_fail says what), not the schema's. */
static bc_err read_version(bc_store *st, int *v, bc_diags *d)
{
	sqlite3_stmt *s;
	bc_err rc = BC_OK;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return bc_store_fail(st, d, N_("cannot open"));
	if (sqlite3_step(s) == SQLITE_ROW)
		*v = sqlite3_column_int(s, 0);
	else
		rc = bc_store_fail(st, d, N_("cannot open"));
	sqlite3_finalize(s);
	return rc;
}

int bc_store_schema_version(bc_store *st)
{
	bc_diags quiet = BC_DIAGS_INIT;
	int v = -1;
	if (read_version(st, &v, &quiet) != BC_OK)
		v = -1;
	bc_diags_free(&quiet);
	return v;
}

/* Versions run from 0 (nothing yet) to n.  Any other is no schema of
 * baocao's: "the steps after it" would be whatever memory lies outside
 * the list of steps. */
static bc_err known_version(bc_store *st, int v, int n, bc_diags *d)
{
	if (v > n) {
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     N_("schema version %d is newer than this baocao "
			        "knows (%d): use a newer baocao"),
			     v, n);
		return BC_ERR_SCHEMA;
	}
	if (v < 0) {
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     N_("not a baocao database: its schema version is "
			        "%d, and baocao's run from 0 to %d"),
			     v, n);
		return BC_ERR_DB;
	}
	return BC_OK;
}

/* The foreign keys of the tables named in keys (separated by spaces)
 * hold: PRAGMA foreign_key_check finds none broken. */
static bc_err keys_hold(bc_store *st, const char *keys, bc_diags *d)
{
	bc_err rc = BC_OK;
	while (keys && *keys && rc == BC_OK) {
		size_t n = strcspn(keys, " ");
		char sql[96];
		sqlite3_stmt *s;
		snprintf(sql, sizeof sql, "PRAGMA foreign_key_check(\"%.*s\")",
			 (int)n, keys);
		keys += n + (keys[n] == ' ');
		if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
			return bc_store_fail(st, d, N_("database"));
		int r = sqlite3_step(s);
		if (r == SQLITE_ROW) {
			bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
				     N_("the schema cannot be brought up to "
					"date: table %s names a row of %s that "
					"is not there"),
				     (const char *)sqlite3_column_text(s, 0),
				     (const char *)sqlite3_column_text(s, 2));
			rc = BC_ERR_DB;
		} else if (r != SQLITE_DONE) {
			rc = bc_store_fail(st, d, N_("database"));
		}
		sqlite3_finalize(s);
	}
	return rc;
}

/* The first of a page count query's row, or -1. */
static int64_t pages(bc_store *st, const char *pragma)
{
	sqlite3_stmt *s;
	int64_t n = -1;
	if (sqlite3_prepare_v2(st->db, pragma, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* A step that makes a table anew (SQLite's way of altering one) leaves
 * the old table's pages free: schema 10's value table doubled a national
 * database, 236 MB to 453 MB, until imports filled the gap.  When more
 * than a quarter of the file is free after the steps, it is compacted
 * once.  VACUUM cannot run inside the steps' transaction, so it comes
 * after their commit; if it cannot run (another process reading, a full
 * disk) the database is as sound as before, only larger, so that is no
 * failure of the migration. */
static void compact(bc_store *st)
{
	int64_t unused = pages(st, "PRAGMA freelist_count"),
		all = pages(st, "PRAGMA page_count");
	if (unused > 0 && all > 0 && unused * 4 > all)
		sqlite3_exec(st->db, "VACUUM", NULL, NULL, NULL);
}

bc_err bc_store_migrate(bc_store *st, const bc_migration *steps, int n,
			bc_diags *d)
{
	if (!steps) {
		steps = migrations;
		n = N_MIGRATIONS;
	}
	int v = 0;
	bc_err rc = read_version(st, &v, d);
	if (rc == BC_OK)
		rc = known_version(st, v, n, d);
	/* Up to date: no write lock, so readers run beside an import. */
	if (rc != BC_OK || v == n)
		return rc;
	/* A step may make a table anew, which its foreign keys would
	 * refuse half way (SQLite's way of altering a table): they are off
	 * while the steps run, outside the transaction as SQLite needs,
	 * and checked whole before the commit. */
	rc = exec(st, "PRAGMA foreign_keys = OFF", d);
	if (rc == BC_OK)
		rc = bc_store_begin(st, d);
	/* Another process may have moved it on while this one waited. */
	if (rc == BC_OK)
		rc = read_version(st, &v, d);
	if (rc == BC_OK)
		rc = known_version(st, v, n, d);
	for (; v < n && rc == BC_OK; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
			 v + 1);
		rc = exec(st, steps[v].sql, d);
		if (rc == BC_OK)
			rc = keys_hold(st, steps[v].keys, d);
		if (rc == BC_OK)
			rc = exec(st, pragma, d);
	}
	if (rc == BC_OK)
		rc = bc_store_commit(st, d);
	else
		bc_store_rollback(st);
	if (rc == BC_OK)
		compact(st);
	bc_err on = exec(st, "PRAGMA foreign_keys = ON", d);
	return rc == BC_OK ? on : rc;
}

static bool file_exists(const char *path)
{
	struct stat s;
	return stat(path, &s) == 0;
}

/* Tables but no schema version: someone else's database, which must
 * not be migrated into. */
static bc_err foreign_database(bc_store *st, int v, bc_diags *d)
{
	sqlite3_stmt *s;
	if (v != 0)
		return BC_OK;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT count(*) FROM sqlite_schema WHERE "
			       "name NOT IN (SELECT name FROM sqlite_schema "
			       "WHERE name LIKE 'sqlite_%')",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("cannot open"));
	int r = sqlite3_step(s);
	bool foreign = r == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
	bc_err rc = r == SQLITE_ROW ? BC_OK : bc_store_fail(st, d, "cannot open");
	sqlite3_finalize(s);
	if (foreign) {
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     N_("not a baocao database (its tables are another "
			        "program's)"));
		rc = BC_ERR_DB;
	}
	return rc;
}

static int64_t ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A file not yet in WAL mode (a restored backup, a new file) is switched
 * by every process that opens it, under an exclusive lock that SQLite
 * does not wait for while another holds the write lock (the busy handler
 * is skipped where waiting could deadlock): try again, for as long as
 * the busy timeout. */
static bc_err set_wal(bc_store *st, bc_diags *d)
{
	for (int64_t start = ms_now();;) {
		int r = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL,
				     NULL, NULL);
		if (r == SQLITE_OK)
			return BC_OK;
		if ((r & 0xff) != SQLITE_BUSY || ms_now() - start >= BUSY_MS)
			return bc_store_fail(st, d, N_("cannot open"));
		sqlite3_sleep(20);
	}
}

/*
 * SQLite's automatic checkpoint, moved off the writing thread: the
 * first commit that leaves the WAL past BC_CHECKPOINT_PAGES starts a
 * checkpointer, which this and every later such commit asks for one.
 * A store that never writes that much starts none.  Without one (no
 * memory, no thread) the commit checkpoints itself, as SQLite's own
 * hook, which this one replaces, did.
 */
static int wal_hook(void *ud, sqlite3 *db, const char *name, int pages)
{
	bc_store *st = ud;
	if (pages < BC_CHECKPOINT_PAGES)
		return SQLITE_OK;
	if (!st->ckpt && !st->ckpt_alone)
		st->ckpt_alone = !(st->ckpt = bc_checkpointer_start(
					    db, BC_CHECKPOINT_CAP));
	if (st->ckpt)
		bc_checkpointer_committed(st->ckpt, pages);
	else
		sqlite3_wal_checkpoint(db, name);
	return SQLITE_OK;
}

/* Everything that refuses a file comes before anything that writes to
 * it: a refused file is left as it was. */
static bc_err configure(bc_store *st, bc_open_mode mode, bc_diags *d)
{
	int v = 0;
	sqlite3_busy_timeout(st->db, BUSY_MS);
	bc_err rc = read_version(st, &v, d);
	if (rc == BC_OK)
		rc = known_version(st, v, N_MIGRATIONS, d);
	if (rc == BC_OK)
		rc = foreign_database(st, v, d);
	if (rc == BC_OK && mode != BC_OPEN_CREATE && v == 0) {
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     N_("empty database (run 'baocao init')"));
		rc = BC_ERR_NO_DB;
	}
	if (rc == BC_OK)
		rc = exec(st, "PRAGMA foreign_keys = ON", d);
	if (rc != BC_OK || mode == BC_OPEN_READ)
		return rc;
	/* WAL lets readers (status, export) run beside an import; with WAL,
	 * synchronous=NORMAL is durable across application crashes. */
	rc = set_wal(st, d);
	if (rc == BC_OK)
		sqlite3_wal_hook(st->db, wal_hook, st);
	return rc == BC_OK ? exec(st, "PRAGMA synchronous = NORMAL", d) : rc;
}

/* A new database is made under a temporary name and appears at path
 * only complete: no process opening path sees it half made, and an init
 * that fails leaves nothing.  Of several made at once the first in
 * place is kept; the others open it. */
static bc_err create_file(const char *path, bc_diags *d)
{
	/* Through a link made before the database: where it points. */
	char *file = bc_path_follow(path), *tmp = NULL;
	const char *stray = file ? bc_dbfile_stray_journal(file) : NULL;
	bc_store *st = NULL;
	bool existed;
	bc_err rc = file ? BC_OK : BC_ERR_NOMEM;
	if (stray) {
		bc_said why;
		bc_said_make(&why, N_("cannot create the database"));
		bc_said_cat(&why, ": ", stray);
		bc_diags_add_made(d, BC_ERROR, path, 0, why.msg, why.text);
		rc = BC_ERR_NO_DB;
	}
	if (rc == BC_OK)
		rc = bc_dbfile_tmp(file, &tmp, d);
	if (rc == BC_OK) {
		rc = bc_store_open(tmp, BC_OPEN_CREATE, &st, d);
		/* The last connection to close moves its journal into
		 * the file. */
		bc_store_close(st);
		if (rc == BC_OK)
			rc = bc_dbfile_publish(tmp, file, &existed, d);
		else
			bc_dbfile_remove(tmp);
	}
	bc_free(tmp);
	bc_free(file);
	return rc;
}

/*
 * After some errors (out of memory, a full disk, I/O) SQLite ends a
 * transaction on its own: every statement after it would then commit by
 * itself, and an import that went on past an error it missed would be
 * stored in part.  Between bc_store_begin and its commit only that
 * COMMIT may commit: any other is turned into a rollback, and its
 * statement fails.
 */
static int commit_hook(void *ud)
{
	const bc_store *st = ud;
	return st->writing && !st->committing;
}

bc_err bc_store_open(const char *path, bc_open_mode mode, bc_store **out,
		     bc_diags *d)
{
	if (!file_exists(path) && mode != BC_OPEN_CREATE) {
		bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
			     N_("no database here (create it with 'baocao "
			        "init', or give --db or $BAOCAO_DB)"));
		return BC_ERR_NO_DB;
	}
	if (!file_exists(path)) {
		bc_err rc = create_file(path, d);
		if (rc != BC_OK)
			return rc;
	}
	bc_store *st = bc_calloc(1, sizeof *st);
	if (!st || !(st->path = bc_strdup(path)) ||
	    !(st->actor = bc_strdup("unknown"))) {
		bc_store_close(st);
		return BC_ERR_NOMEM;
	}
	/* One thread uses a store: without the connection's mutex, which
	 * every bind, step and column call took (a tenth of an import). */
	int flags = (mode == BC_OPEN_READ ? SQLITE_OPEN_READONLY
					  : SQLITE_OPEN_READWRITE) |
		    SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		bc_err rc = st->db ? bc_store_fail(st, d, "cannot open")
				   : BC_ERR_NOMEM;
		bc_store_close(st);
		return rc == BC_ERR_DB ? BC_ERR_NO_DB : rc;
	}
	sqlite3_commit_hook(st->db, commit_hook, st);
	bc_err rc = configure(st, mode, d);
	if (rc == BC_OK && mode != BC_OPEN_READ)
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
	/* Its connection first: the last to close, the store's, then
	 * copies what is left of the WAL into the file and removes it. */
	bc_checkpointer_stop(st->ckpt);
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

const char *bc_store_actor(const bc_store *st)
{
	return st->actor;
}

void bc_store_set_clock(bc_store *st, bc_time fixed)
{
	st->clock = fixed;
}

bc_time bc_store_fixed_clock(const bc_store *st)
{
	return st->clock;
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
	/* bc_store_fail's code, which may be out of memory. */
	bc_err rc = ok ? BC_OK : d ? bc_store_fail(st, d, "database") : BC_ERR_DB;
	if (s)
		sqlite3_reset(s);
	return rc;
}

/* Once SQLite has reported damage, nothing more is written: what a
 * transaction read may have been cut short by it. */
static bc_err refuse_damaged(bc_store *st, bc_diags *d)
{
	if (!st->damage_said)
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     N_("%s; nothing was written"), BC_DBFILE_DAMAGED);
	st->damage_said = true;
	return BC_ERR_DAMAGED;
}

/* The batch's savepoints, prepared with the rest: an import of
 * thousands of files would otherwise commit thousands of times, each
 * commit writing the value table's edge pages to the WAL again. */
static const char SQL_SAVE[] = "SAVEPOINT bc_file",
		  SQL_RELEASE[] = "RELEASE bc_file",
		  SQL_UNDO[] = "ROLLBACK TO bc_file";

/* How long a batch holds the write lock: another writer waits that
 * long at most (far under the busy timeout), an interrupted import
 * loses that much work at most. */
#define BATCH_MS 1000
/* A part that took longer (a CSV of a hundred units) is committed at
 * once: batching pays for small parts, and a big part's savepoint
 * journals every page it changes, which costs more than its commit. */
#define BATCH_PART_MS 20

/* SQLite ended the batch's transaction itself (a full disk, an I/O
 * error, memory): the files it held are not stored. */
static bc_err batch_gone(bc_store *st, bc_diags *d)
{
	st->batch_lost += st->batch_kept;
	st->batch_kept = 0;
	st->batch_open = st->saved = st->alone = st->writing = false;
	bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
		     N_("the database ended the import's transaction; the "
			"files accepted since its last commit are not stored"));
	return BC_ERR_DB;
}

/* Commits the batch; on failure the files it held are lost. */
static bc_err batch_commit(bc_store *st, bc_diags *d)
{
	st->committing = true;
	bc_err rc = st->damaged ? refuse_damaged(st, d)
				: run_cached(st, SQL_COMMIT, d);
	st->committing = false;
	st->writing = st->batch_open = false;
	if (rc != BC_OK) {
		st->batch_lost += st->batch_kept;
		if (!sqlite3_get_autocommit(st->db))
			run_cached(st, SQL_ROLLBACK, NULL);
	}
	st->batch_kept = 0;
	return rc;
}

static bc_err batch_begin(bc_store *st, bc_diags *d)
{
	if (st->batch_open && sqlite3_get_autocommit(st->db))
		return batch_gone(st, d);
	st->part_since = ms_now();
	/* The batch's first part needs no savepoint: undoing it is undoing
	 * the transaction.  A savepoint journals every page it changes, a
	 * cost a big CSV file, alone in its batch, need not pay. */
	if (!st->batch_open) {
		bc_err rc = run_cached(st, SQL_BEGIN, d);
		st->batch_open = st->writing = st->alone = rc == BC_OK;
		st->batch_since = st->part_since;
		st->batch_kept = 0;
		return rc;
	}
	bc_err rc = run_cached(st, SQL_SAVE, d);
	st->saved = rc == BC_OK;
	return rc;
}

static bc_err batch_release(bc_store *st, bc_diags *d)
{
	if (st->batch_open && sqlite3_get_autocommit(st->db))
		return batch_gone(st, d);
	bc_err rc = st->damaged ? refuse_damaged(st, d)
		    : st->alone ? BC_OK
				: run_cached(st, SQL_RELEASE, d);
	if (rc != BC_OK) {
		bc_store_rollback(st);
		return rc;
	}
	st->saved = st->alone = false;
	st->batch_kept++;
	int64_t now = ms_now();
	if (now - st->part_since < BATCH_PART_MS &&
	    now - st->batch_since < BATCH_MS && !bc_checkpointer_due(st->ckpt))
		return BC_OK;
	rc = batch_commit(st, d);
	/* This file's failure is its own, told by the caller. */
	if (rc != BC_OK && st->batch_lost)
		st->batch_lost--;
	return rc;
}

bc_err bc_store_begin(bc_store *st, bc_diags *d)
{
	if (st->damaged)
		return refuse_damaged(st, d);
	/* Prepared before anything is written: undoing a transaction that
	 * failed because memory ran out must not need memory. */
	const char *undo[] = {SQL_ROLLBACK, SQL_UNDO, SQL_RELEASE};
	for (size_t i = 0; i < (st->batch ? 3u : 1u); i++)
		if (!bc_store_stmt(st, undo[i]) &&
		    st->n_stmts < sizeof st->stmts / sizeof *st->stmts)
			return bc_store_fail(st, d, N_("database"));
	if (st->batch)
		return batch_begin(st, d);
	bc_err rc = run_cached(st, SQL_BEGIN, d);
	st->writing = rc == BC_OK;
	return rc;
}

bc_err bc_store_begin_read(bc_store *st, bc_diags *d)
{
	/* Inside the batch's transaction, which sees what it stored. */
	if (st->batch_open)
		return BC_OK;
	return run_cached(st, SQL_BEGIN_READ, d);
}

bc_err bc_store_commit(bc_store *st, bc_diags *d)
{
	if (st->batch)
		return batch_release(st, d);
	st->committing = true;
	bc_err rc = st->damaged ? refuse_damaged(st, d)
				: run_cached(st, SQL_COMMIT, d);
	st->committing = false;
	if (rc != BC_OK)
		bc_store_rollback(st);
	st->writing = false;
	return rc;
}

void bc_store_rollback(bc_store *st)
{
	if (st->batch_open) {
		/* Ends the savepoint, or nothing (a read inside the batch). */
		if (sqlite3_get_autocommit(st->db) || st->alone) {
			/* Lost, or holding only this part: ended. */
			st->batch_lost += st->batch_kept;
			st->batch_kept = 0;
			st->batch_open = st->saved = st->alone = false;
			st->writing = false;
			if (!sqlite3_get_autocommit(st->db))
				run_cached(st, SQL_ROLLBACK, NULL);
		} else if (st->saved) {
			run_cached(st, SQL_UNDO, NULL);
			run_cached(st, SQL_RELEASE, NULL);
			st->saved = false;
		}
		return;
	}
	st->writing = false;
	/* Nothing to report: ROLLBACK fails only with no transaction. */
	if (!sqlite3_get_autocommit(st->db))
		run_cached(st, SQL_ROLLBACK, NULL);
}

bc_err bc_store_batch(bc_store *st, bool on, bc_diags *d)
{
	bc_err rc = BC_OK;
	/* A savepoint keeps the pages it changes in a journal of its own,
	 * a temporary file by default: three quarters of a JSON import's
	 * writes.  In memory it holds a file's pages, dropped at each
	 * RELEASE.  Left so for the connection's life (changing it drops
	 * temporary tables). */
	if (on && !st->batch &&
	    sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL, NULL,
			 NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("database"));
	if (!on && st->batch_open && sqlite3_get_autocommit(st->db))
		rc = batch_gone(st, d);
	else if (!on && st->batch_open)
		rc = batch_commit(st, d);
	st->batch = on;
	return rc;
}

size_t bc_store_batch_lost(bc_store *st)
{
	size_t n = st->batch_lost;
	st->batch_lost = 0;
	return n;
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

/* The hash of the last entry ("" for none).  A failed read is an error,
 * not an empty log: the next entry would start a new chain. */
static bc_err last_hash(bc_store *st, char out[BC_SHA256_HEX], bc_diags *d)
{
	static const char sql[] =
		"SELECT hash FROM audit ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	strcpy(out, "");
	if (!s)
		return bc_store_fail(st, d, N_("audit"));
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, BC_SHA256_HEX, "%s",
			 (const char *)sqlite3_column_text(s, 0));
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("audit"));
	sqlite3_reset(s);
	return rc;
}

bc_err bc_store_audit(bc_store *st, const char *action, const char *object,
		      const char *detail, bc_diags *d)
{
	char prev[BC_SHA256_HEX], hash[BC_SHA256_HEX];
	int64_t at = bc_store_now(st);
	detail = detail ? detail : "";
	bc_err rc = last_hash(st, prev, d);
	if (rc != BC_OK)
		return rc;
	audit_hash(prev, at, st->actor, action, object, detail, hash);
	static const char sql[] =
		"INSERT INTO audit (at, actor, action, object, detail,"
		" prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = bc_store_stmt(st, sql);
	if (!s)
		return bc_store_fail(st, d, N_("audit"));
	sqlite3_bind_int64(s, 1, at);
	sqlite3_bind_text(s, 2, st->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, object, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, detail, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, hash, -1, SQLITE_STATIC);
	int r = sqlite3_step(s);
	rc = r == SQLITE_DONE ? BC_OK : bc_store_fail(st, d, N_("audit"));
	sqlite3_reset(s);
	return rc;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

/* One broken entry: its content no longer gives its hash (changed after
 * it was written), or it does not name the entry before it (one
 * removed, changed or put in between). */
static void audit_problem(bc_store *st, sqlite3_stmt *s, bool changed,
			  bool unlinked, bc_diags *problems)
{
	char loc[48];
	snprintf(loc, sizeof loc, "audit entry %lld",
		 (long long)sqlite3_column_int64(s, 0));
	if (changed)
		bc_diags_add_at(problems, BC_ERROR, st->path, loc, NULL, NULL,
				N_("%s %s: changed after it was written (its "
				   "hash does not match what it says)"),
				col_text(s, 3), col_text(s, 4));
	if (unlinked)
		bc_diags_add_at(problems, BC_ERROR, st->path, loc, NULL, NULL,
				N_("%s %s: does not follow the entry before it "
				   "(an entry was removed, changed or put in "
				   "between)"),
				col_text(s, 3), col_text(s, 4));
}

/* Walks the chain.  Every broken entry goes to problems, or, without
 * problems, the walk stops at the first; its id in *first_bad. */
static bc_err audit_walk(bc_store *st, bc_diags *problems, int64_t *first_bad,
			 int64_t *entries, bc_diags *d)
{
	sqlite3_stmt *s;
	char prev[BC_SHA256_HEX] = "", want[BC_SHA256_HEX];
	*first_bad = *entries = 0;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT id, at, actor, action, object, detail,"
			       " prev_hash, hash FROM audit ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("audit"));
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		++*entries;
		audit_hash(col_text(s, 6), sqlite3_column_int64(s, 1),
			   col_text(s, 2), col_text(s, 3), col_text(s, 4),
			   col_text(s, 5), want);
		bool changed = strcmp(col_text(s, 7), want) != 0,
		     unlinked = strcmp(col_text(s, 6), prev) != 0;
		if ((changed || unlinked) && !*first_bad)
			*first_bad = sqlite3_column_int64(s, 0);
		if (changed || unlinked) {
			if (!problems)
				break;
			audit_problem(st, s, changed, unlinked, problems);
		}
		snprintf(prev, sizeof prev, "%s", col_text(s, 7));
	}
	bc_err rc = r == SQLITE_ROW || r == SQLITE_DONE
			    ? BC_OK
			    : bc_store_fail(st, d, N_("audit"));
	sqlite3_finalize(s);
	return rc;
}

bc_err bc_store_audit_verify(bc_store *st, int64_t *bad_id, bc_diags *d)
{
	int64_t n;
	return audit_walk(st, NULL, bad_id, &n, d);
}

bc_err bc_store_audit_check(bc_store *st, int64_t *entries,
			    bc_diags *problems, bc_diags *d)
{
	int64_t first;
	return audit_walk(st, problems, &first, entries, d);
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
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (r != SQLITE_DONE)
		id = -1; /* a failed read is not "not recorded yet" */
	sqlite3_finalize(s);
	return id;
}

bc_err bc_store_record_ruleset(bc_store *st, const bc_ruleset *rs,
			       int64_t *id, bc_diags *d)
{
	int64_t row = ruleset_row(st, rs->id, rs->hash);
	if (row < 0)
		return bc_store_fail(st, d, N_("ruleset"));
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
		s = NULL; /* finalized: not to be finalized again below */
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
		return bc_store_fail(st, d, N_("ruleset"));
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW)
		rc = bc_srcset_add(out, col_text(s, 0),
				   sqlite3_column_blob(s, 1),
				   (size_t)sqlite3_column_bytes(s, 1));
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(st, d, N_("ruleset"));
	sqlite3_finalize(s);
	if (rc == BC_OK && out->n == 0) {
		bc_diags_add(d, BC_ERROR, st->path, 0, NULL, NULL,
			     N_("the sources of ruleset %s (%.12s…) are not in "
			        "the database"),
			     id, hash);
		rc = BC_ERR_NOT_FOUND;
	}
	bc_srcset_sort(out);
	return rc;
}

bc_err bc_store_ruleset_versions(bc_store *st, const char *id,
				 bc_rsversion **out, size_t *n, bc_diags *d)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT hash, recorded_at FROM ruleset"
			       " WHERE code = ? ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("ruleset"));
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	bc_err rc = BC_OK;
	int r;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)out, &cap, *n + 1, sizeof **out) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		bc_rsversion *v = &(*out)[(*n)++];
		snprintf(v->hash, sizeof v->hash, "%s", col_text(s, 0));
		v->recorded_at = sqlite3_column_int64(s, 1);
	}
	if (rc == BC_OK && r != SQLITE_DONE)
		rc = bc_store_fail(st, d, N_("ruleset"));
	sqlite3_finalize(s);
	if (rc != BC_OK) {
		bc_free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "checkpoint.h"
#include "revision.h"
#include "store.h"

#include <dirent.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

/* A temporary directory and a database path in it; the store is opened
 * by each test as it needs. */
typedef struct fx {
	char *dir;
	char path[1024];
	bc_store *st;
	bc_diags d;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = test_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/baocao.db", f->dir);
	*state = f;
	return 0;
}

/* What a test opened it closes itself, with finish(): cmocka checks for
 * leaks when the test function returns, before the teardown. */
static void finish(fx *f)
{
	bc_store_close(f->st);
	f->st = NULL;
	bc_diags_free(&f->d);
}

static int teardown(void **state)
{
	fx *f = *state;
	test_rm_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Opens (creating) the fixture's store; fails the test on any problem. */
static bc_store *open_new(fx *f)
{
	bc_err rc = bc_store_open(f->path, true, &f->st, &f->d);
	if (rc != BC_OK) {
		test_diags_print(&f->d);
		fail_msg("cannot create %s: %s", f->path, bc_strerror(rc));
	}
	return f->st;
}

/* The first column of the first row as text, into out. */
static void text_of(sqlite3 *db, const char *sql, char *out, size_t size)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(s, 0);
	snprintf(out, size, "%s", t ? (const char *)t : "(null)");
	sqlite3_finalize(s);
}

/* A database made by something other than baocao, with sqlite3 alone. */
static void make_foreign_db(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	test_exec(db, "CREATE TABLE people (name TEXT);"
		    "INSERT INTO people VALUES ('Lan');");
	sqlite3_close(db);
}

/* ---- opening ---------------------------------------------------------- */

static void open_missing_without_create(void **state)
{
	fx *f = *state;
	bc_store *st = NULL;
	assert_int_equal(bc_store_open(f->path, false, &st, &f->d),
			 BC_ERR_NO_DB);
	assert_null(st);
	assert_true(test_diags_have(&f->d, f->path));
	/* Looking for a database must not leave one behind. */
	struct stat sb;
	assert_int_not_equal(stat(f->path, &sb), 0);
	finish(f);
}

static void create_gives_latest_schema(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	assert_true(bc_store_schema_latest() >= 1);
	assert_int_equal(bc_store_schema_version(st), bc_store_schema_latest());
	sqlite3 *db = bc_store_db(st);
	assert_non_null(db);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM sqlite_schema WHERE "
				    "type = 'table' AND name IN ('audit', "
				    "'unit', 'ruleset', 'period')"),
			 4);
	assert_int_equal(f->d.n, 0);
	finish(f);
}

static void reopen_is_idempotent(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	assert_int_equal(bc_store_audit(st, "test.one", "x", "first", &f->d),
			 BC_OK);
	bc_store_close(st);
	f->st = NULL;

	for (int create = 0; create < 2; create++) {
		assert_int_equal(bc_store_open(f->path, create, &f->st, &f->d),
				 BC_OK);
		assert_int_equal(bc_store_schema_version(f->st),
				 bc_store_schema_latest());
		sqlite3 *db = bc_store_db(f->st);
		assert_int_equal(test_int_of(db, "SELECT count(*) FROM audit"), 1);
		/* No migration ran again: it would fail on existing tables,
		 * or duplicate the schema objects. */
		assert_int_equal(test_int_of(db, "SELECT count(*) FROM sqlite_schema"
					    " WHERE name = 'audit'"),
				 1);
		bc_store_close(f->st);
		f->st = NULL;
	}
	assert_int_equal(f->d.errors, 0);
	finish(f);
}

static void wal_and_foreign_keys(void **state)
{
	fx *f = *state;
	sqlite3 *db = bc_store_db(open_new(f));
	char mode[32];
	text_of(db, "PRAGMA journal_mode", mode, sizeof mode);
	assert_string_equal(mode, "wal");
	assert_int_equal(test_int_of(db, "PRAGMA foreign_keys"), 1);
	/* And the keys are enforced, not only declared. */
	assert_int_not_equal(sqlite3_exec(db,
					  "INSERT INTO unit_version_role"
					  " (version_id, role) VALUES (999, 'noi_vu')",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit_version_role"), 0);

	/* Both hold on a reopened database, not only a fresh one. */
	bc_store_close(f->st);
	f->st = NULL;
	assert_int_equal(bc_store_open(f->path, false, &f->st, &f->d), BC_OK);
	db = bc_store_db(f->st);
	text_of(db, "PRAGMA journal_mode", mode, sizeof mode);
	assert_string_equal(mode, "wal");
	assert_int_equal(test_int_of(db, "PRAGMA foreign_keys"), 1);
	finish(f);
}

static void empty_file_without_create(void **state)
{
	fx *f = *state;
	test_write(f->dir, "baocao.db", "");
	bc_store *st = NULL;
	assert_int_equal(bc_store_open(f->path, false, &st, &f->d),
			 BC_ERR_NO_DB);
	assert_null(st);
	assert_true(test_diags_have(&f->d, f->path));
	finish(f);
}

static void not_a_database(void **state)
{
	fx *f = *state;
	char *units = test_fixture_read("units-given-as-database.csv");
	test_write(f->dir, "baocao.db", units);
	free(units);
	for (int create = 0; create < 2; create++) {
		bc_store *st = NULL;
		assert_int_equal(bc_store_open(f->path, create, &st, &f->d),
				 BC_ERR_DB);
		assert_null(st);
	}
	assert_true(test_diags_have(&f->d, f->path));
	/* The file is as it was. */
	FILE *fp = fopen(f->path, "rb");
	assert_non_null(fp);
	char head[5] = "";
	assert_int_equal(fread(head, 1, 4, fp), 4);
	fclose(fp);
	assert_string_equal(head, "code");
	finish(f);
}

static void foreign_database_refused(void **state)
{
	fx *f = *state;
	make_foreign_db(f->path);
	for (int create = 0; create < 2; create++) {
		bc_store *st = NULL;
		assert_int_equal(bc_store_open(f->path, create, &st, &f->d),
				 BC_ERR_DB);
		assert_null(st);
	}
	assert_true(test_diags_have(&f->d, "not a baocao database"));
	/* Nothing of baocao's was migrated into it. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM sqlite_schema"), 1);
	assert_int_equal(test_int_of(db, "PRAGMA user_version"), 0);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM people"), 1);
	sqlite3_close(db);
	finish(f);
}

/* Refusing someone else's database must not change it either: WAL mode
 * is written into the file and changes how its own program opens it. */
static void refused_database_keeps_its_journal_mode(void **state)
{
	fx *f = *state;
	make_foreign_db(f->path);
	bc_store *st = NULL;
	assert_int_equal(bc_store_open(f->path, false, &st, &f->d), BC_ERR_DB);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char mode[32];
	text_of(db, "PRAGMA journal_mode", mode, sizeof mode);
	sqlite3_close(db);
	finish(f);
	assert_string_equal(mode, "delete");
}

static void newer_schema_refused(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	int newer = bc_store_schema_latest() + 5;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", newer);
	test_exec(bc_store_db(st), sql);
	bc_store_close(st);
	f->st = NULL;

	for (int create = 0; create < 2; create++) {
		st = NULL;
		assert_int_equal(bc_store_open(f->path, create, &st, &f->d),
				 BC_ERR_SCHEMA);
		assert_null(st);
	}
	assert_true(test_diags_have(&f->d, "newer"));
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(test_int_of(db, "PRAGMA user_version"), newer);
	sqlite3_close(db);
	finish(f);
}

/* The bytes of the file at path, into buf (at most size); their count. */
static size_t file_bytes(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	size_t n = fread(buf, 1, size, fp);
	fclose(fp);
	return n;
}

/* A version below 0 is no schema of baocao's: "the steps after it" were
 * read from before the list, and run (or crashed on). */
static void negative_schema_refused(void **state)
{
	fx *f = *state;
	static char before[1 << 20], after[1 << 20];
	const int versions[] = {-1, -103, -1000, INT32_MIN};
	for (size_t i = 0; i < sizeof versions / sizeof *versions; i++) {
		bc_store *st = open_new(f);
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
			 versions[i]);
		test_exec(bc_store_db(st), sql);
		/* The store already open does not run "the rest" either. */
		assert_int_equal(bc_store_migrate(st, NULL, 0, &f->d),
				 BC_ERR_DB);
		assert_int_equal(bc_store_schema_version(st), versions[i]);
		bc_store_close(st);
		f->st = NULL;
		size_t n = file_bytes(f->path, before, sizeof before);
		for (int mode = 0; mode < 3; mode++) {
			st = NULL;
			assert_int_equal(bc_store_open(f->path, mode, &st,
						       &f->d),
					 BC_ERR_DB);
			assert_null(st);
		}
		assert_int_equal(file_bytes(f->path, after, sizeof after), n);
		assert_memory_equal(before, after, n);
		assert_true(test_diags_have(&f->d, "not a baocao database"));
		bc_diags_free(&f->d);
		unlink(f->path);
	}
	finish(f);
}

/* Once damage is known, the store writes nothing more: a transaction
 * begun before is not committed either. */
static void damaged_store_refuses_writes(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	sqlite3 *db = bc_store_db(st);
	assert_false(bc_store_damaged(st));
	assert_int_equal(bc_store_begin(st, &f->d), BC_OK);
	test_exec(db, "INSERT INTO unit (code) VALUES ('a')");
	bc_store_set_damaged(st);
	assert_true(bc_store_damaged(st));
	assert_int_equal(bc_store_commit(st, &f->d), BC_ERR_DAMAGED);
	assert_int_not_equal(sqlite3_get_autocommit(db), 0);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit"), 0);
	assert_int_equal(bc_store_begin(st, &f->d), BC_ERR_DAMAGED);
	assert_int_not_equal(sqlite3_get_autocommit(db), 0);
	/* Said once, with what to do. */
	assert_int_equal(f->d.errors, 1);
	assert_true(test_diags_have(&f->d, "baocao check"));
	/* Reading goes on: check and backup read a damaged database. */
	assert_int_equal(bc_store_begin_read(st, &f->d), BC_OK);
	bc_store_rollback(st);
	finish(f);
}

/* A new database appears at its path only complete; none is made beside
 * the journal of one that is gone, which SQLite would apply to it. */
static void create_is_whole_or_nothing(void **state)
{
	fx *f = *state;
	char wal[1100];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	test_write(f->dir, "baocao.db-wal", "a journal left behind");
	bc_store *st = NULL;
	assert_int_equal(bc_store_open(f->path, true, &st, &f->d),
			 BC_ERR_NO_DB);
	assert_true(test_diags_have(&f->d, "journal"));
	struct stat sb;
	assert_int_not_equal(stat(f->path, &sb), 0);
	unlink(wal);
	bc_diags_free(&f->d);

	open_new(f);
	finish(f);
	/* Nothing but the database is left in the directory. */
	DIR *dp = opendir(f->dir);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		assert_string_equal(e->d_name, "baocao.db");
		n++;
	}
	closedir(dp);
	assert_int_equal(n, 1);
}

/* Read as it is: an older schema is not migrated, nothing written. */
static void read_mode_changes_nothing(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	test_exec(bc_store_db(st), "PRAGMA user_version = 1");
	bc_store_close(st);
	f->st = NULL;
	assert_int_equal(bc_store_open(f->path, BC_OPEN_READ, &f->st, &f->d),
			 BC_OK);
	assert_int_equal(bc_store_schema_version(f->st), 1);
	assert_int_not_equal(sqlite3_exec(bc_store_db(f->st),
					  "INSERT INTO unit (code) VALUES ('a')",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_equal(f->d.n, 0);
	finish(f);
}

/* ---- migrations --------------------------------------------------------- */

static const bc_migration steps[] = {
	{"CREATE TABLE t (a TEXT NOT NULL)", NULL},
	{"ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 7;"
	 "CREATE INDEX t_b ON t(b)", NULL},
};

/* The store's own tables stay; the custom steps work on table t from a
 * schema version put back to 0. */
static bc_store *at_version_zero(fx *f)
{
	bc_store *st = open_new(f);
	test_exec(bc_store_db(st), "PRAGMA user_version = 0");
	assert_int_equal(bc_store_schema_version(st), 0);
	return st;
}

/* A step that makes a big table anew leaves the old one's pages free:
 * the migration gives them back, and the rows are all there. */
static void migrate_compacts_what_it_freed(void **state)
{
	fx *f = *state;
	bc_store *st = at_version_zero(f);
	sqlite3 *db = bc_store_db(st);
	const bc_migration anew[] = {
		{"CREATE TABLE big (k INTEGER PRIMARY KEY, v TEXT);"
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
		 " WHERE i < 20000) INSERT INTO big SELECT i, printf('%0100d', i)"
		 " FROM n",
		 NULL},
		{"CREATE TABLE big_new (k INTEGER PRIMARY KEY, v TEXT);"
		 "INSERT INTO big_new SELECT * FROM big;"
		 "DROP TABLE big; ALTER TABLE big_new RENAME TO big",
		 NULL},
	};
	assert_int_equal(bc_store_migrate(st, anew, 1, &f->d), BC_OK);
	int64_t before = test_int_of(db, "PRAGMA page_count");
	assert_int_equal(test_int_of(db, "PRAGMA freelist_count"), 0);
	assert_int_equal(bc_store_migrate(st, anew, 2, &f->d), BC_OK);
	assert_int_equal(bc_store_schema_version(st), 2);
	assert_int_equal(test_int_of(db, "PRAGMA freelist_count"), 0);
	assert_true(test_int_of(db, "PRAGMA page_count") <= before + 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM big"), 20000);
	assert_int_equal(f->d.n, 0);
	finish(f);
}

static void migrate_preserves_data(void **state)
{
	fx *f = *state;
	bc_store *st = at_version_zero(f);
	sqlite3 *db = bc_store_db(st);
	assert_int_equal(bc_store_migrate(st, steps, 1, &f->d), BC_OK);
	assert_int_equal(bc_store_schema_version(st), 1);
	test_exec(db, "INSERT INTO t (a) VALUES ('kept')");

	assert_int_equal(bc_store_migrate(st, steps, 2, &f->d), BC_OK);
	assert_int_equal(bc_store_schema_version(st), 2);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM t"), 1);
	char a[16];
	text_of(db, "SELECT a FROM t", a, sizeof a);
	assert_string_equal(a, "kept");
	assert_int_equal(test_int_of(db, "SELECT b FROM t"), 7);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM sqlite_schema "
				    "WHERE name = 't_b'"),
			 1);

	/* Nothing left to run: step 2 would fail on the existing column. */
	assert_int_equal(bc_store_migrate(st, steps, 2, &f->d), BC_OK);
	assert_int_equal(bc_store_schema_version(st), 2);
	/* A list shorter than the database's version is a newer database. */
	assert_int_equal(bc_store_migrate(st, steps, 1, &f->d), BC_ERR_SCHEMA);
	assert_int_equal(bc_store_schema_version(st), 2);
	assert_int_equal(f->d.errors, 1);
	/* Refusal left no transaction open. */
	assert_int_not_equal(sqlite3_get_autocommit(db), 0);
	finish(f);
}

static void failing_step_rolls_back(void **state)
{
	fx *f = *state;
	bc_store *st = at_version_zero(f);
	sqlite3 *db = bc_store_db(st);
	assert_int_equal(bc_store_migrate(st, steps, 1, &f->d), BC_OK);
	test_exec(db, "INSERT INTO t (a) VALUES ('kept')");

	/* The first statements of the step succeed before it fails. */
	const bc_migration bad[] = {
		steps[0],
		{"CREATE TABLE half (x);"
		 "INSERT INTO t (a) VALUES ('lost');"
		 "ALTER TABLE t ADD COLUMN c;"
		 "THIS IS NOT SQL", NULL},
	};
	assert_int_equal(bc_store_migrate(st, bad, 2, &f->d), BC_ERR_DB);
	assert_true(f->d.errors > 0);
	assert_int_equal(bc_store_schema_version(st), 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM sqlite_schema "
				    "WHERE name = 'half'"),
			 0);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM t"), 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM pragma_table_info"
				    "('t') WHERE name = 'c'"),
			 0);
	assert_int_not_equal(sqlite3_get_autocommit(db), 0);

	/* The store is usable afterwards, and the good list still runs. */
	assert_int_equal(bc_store_migrate(st, steps, 2, &f->d), BC_OK);
	assert_int_equal(bc_store_schema_version(st), 2);
	finish(f);
}

/* A database of schema 3, from before amounts were kept in hundredths
 * too: opened, it is migrated, and what it holds reads back as it was
 * written (a double gives back 12345678901234.56, not …234.6). */
static void schema_3_money_migrated_and_read(void **state)
{
	fx *f = *state;
	sqlite3 *db;
	int n;
	const bc_migration *m = bc_store_migrations(&n);
	assert_true(n > 3);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	for (int i = 0; i < 3; i++)
		test_exec(db, m[i].sql);
	test_exec(db, "PRAGMA user_version = 3;"
		    "INSERT INTO value (revision_id, field, row, col, num, txt)"
		    " VALUES (1, 'a', 0, '', 12345678901234.56, NULL),"
		    " (1, 'b', 0, '', 0.07, NULL), (1, 'c', 0, '', 1500, NULL),"
		    " (1, 'd', 0, '', 33.3333333333333, NULL),"
		    " (1, 'e', 0, '', NULL, 'text')");
	sqlite3_close(db);
	bc_store *st = open_new(f);
	assert_int_equal(bc_store_schema_version(st), bc_store_schema_latest());
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(bc_store_db(st),
					    "SELECT num, cents FROM value"
					    " ORDER BY field",
					    -1, &s, NULL),
			 SQLITE_OK);
	static const char *const want[] = {"12345678901234.56", "0.07", "1500",
					   "33.3333333333333", NULL};
	for (size_t i = 0; i < 5; i++) {
		bc_dec d = {0};
		char buf[BC_DEC_BUF];
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(bc_value_number(s, 0, &d), want[i] != NULL);
		bc_dec_text(d, buf);
		if (want[i])
			assert_string_equal(buf, want[i]);
	}
	sqlite3_finalize(s);
	finish(f);
}

/* A database of schema 4, its units in the one table they had (code,
 * name, kind, parent, roles beside), with a submission naming one: each
 * unit becomes one version open at both ends, under its own id, and
 * what named it still does. */
static void schema_4_units_become_versions(void **state)
{
	fx *f = *state;
	sqlite3 *db;
	int n;
	const bc_migration *m = bc_store_migrations(&n);
	assert_true(n > 4);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	for (int i = 0; i < 4; i++)
		test_exec(db, m[i].sql);
	test_exec(db, "PRAGMA user_version = 4; PRAGMA foreign_keys = ON;"
		    "INSERT INTO unit VALUES (1, 'huyen', 'H', 'district', NULL),"
		    " (5, 'noi-vu', 'NV', 'department', 1),"
		    " (3, 'xa-a', 'XA', 'commune', 1);"
		    "INSERT INTO unit_role VALUES (5, 'noi_vu'), (5, 'x');"
		    "INSERT INTO ruleset VALUES (1, 'r', 'h', 0);"
		    "INSERT INTO period VALUES (1, '2023-Q1', 'Q1', 2023, NULL, 1,"
		    " 'L', '2022-12-10', '2023-03-10', '2023-02-28',"
		    " '2023-03-04', NULL, NULL, 0);"
		    "INSERT INTO submission VALUES (1, 3, 1, 'a.json', 's',"
		    " 'json', 0, 0, 'file', 'A', 'B', NULL, 0, 0, 'x');"
		    "INSERT INTO revision VALUES (1, 1, 3, 1, 'bm1', 1, 0, 1);");
	sqlite3_close(db);
	db = bc_store_db(open_new(f));
	assert_int_equal(bc_store_schema_version(f->st), bc_store_schema_latest());
	assert_int_equal(test_int_of(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM pragma_table_info"
				    "('unit')"),
			 2);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit_version"
				    " WHERE valid_from IS NULL AND valid_to IS NULL"
				    " AND id = unit_id"),
			 3);
	char text[128];
	text_of(db, "SELECT group_concat(u.code || ':' || v.name || ':' ||"
		    " v.kind || ':' || coalesce(p.code, '-'), ' ') FROM"
		    " (SELECT * FROM unit_version ORDER BY id) v"
		    " JOIN unit u ON u.id = v.unit_id"
		    " LEFT JOIN unit p ON p.id = v.parent_id",
		    text, sizeof text);
	assert_string_equal(text, "huyen:H:district:- xa-a:XA:commune:huyen "
				  "noi-vu:NV:department:huyen");
	text_of(db, "SELECT group_concat(role) FROM unit_version_role"
		    " WHERE version_id = 5", text, sizeof text);
	assert_string_equal(text, "noi_vu,x");
	text_of(db, "SELECT u.code FROM submission s JOIN revision r"
		    " ON r.submission_id = s.id JOIN unit u ON u.id = s.unit_id"
		    " AND u.id = r.unit_id", text, sizeof text);
	assert_string_equal(text, "xa-a");
	/* Kept: a unit or a version is never deleted, and the keys hold. */
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM unit_version",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM unit WHERE id = 1",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO unit_version"
					  " (unit_id, name, kind)"
					  " VALUES (99, 'N', 'k')",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_equal(f->d.errors, 0);
	finish(f);
}

/* Every row of value, each column quoted, in key order; the caller
 * frees it with sqlite3_free. */
static char *value_rows(sqlite3 *db)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT group_concat(quote(revision_id)"
					    " || ',' || quote(field) || ',' ||"
					    " quote(row) || ',' || quote(col) ||"
					    " ',' || quote(num) || ',' || quote(txt)"
					    " || ',' || quote(cents), ';') FROM"
					    " (SELECT * FROM value ORDER BY"
					    " revision_id, field, row, col)",
					    -1, &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *rows = sqlite3_mprintf("%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	assert_non_null(rows);
	return rows;
}

/* A database of the schema before the latest, with values of every
 * kind (numbers, hundredths, text, NULLs) inserted out of key order:
 * opened, its value table loses the foreign key and keeps every row,
 * its triggers and its key. */
static void value_table_made_anew(void **state)
{
	fx *f = *state;
	sqlite3 *db;
	int n;
	const bc_migration *m = bc_store_migrations(&n);
	int before = bc_store_schema_latest() - 1;
	char sql[64];
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	for (int i = 0; i < before; i++)
		test_exec(db, m[i].sql);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", before);
	test_exec(db, sql);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM"
				    " pragma_foreign_key_list('value')"),
			 1);
	test_exec(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL"
		    " SELECT i + 1 FROM k WHERE i < 500)"
		    " INSERT INTO value (revision_id, field, row, col, num,"
		    " txt, cents) SELECT 40 - i % 7, 'f' || (i * 37 % 101),"
		    " i % 3, CASE i % 4 WHEN 0 THEN '' ELSE 'c' || i END,"
		    " CASE WHEN i % 5 THEN i * 1.25 END,"
		    " CASE WHEN i % 5 = 0 THEN 'v\u1ec1 ' || i END,"
		    " CASE WHEN i % 5 THEN i * 125 END FROM k;"
		    "INSERT INTO value VALUES (1, 'a', 0, '', NULL, NULL, NULL);");
	char *was = value_rows(db);
	sqlite3_close(db);

	db = bc_store_db(open_new(f));
	assert_int_equal(bc_store_schema_version(f->st), bc_store_schema_latest());
	char *is = value_rows(db);
	assert_string_equal(is, was);
	sqlite3_free(is);
	sqlite3_free(was);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM value"), 501);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM"
				    " pragma_foreign_key_list('value')"),
			 0);
	char cols[128];
	text_of(db, "SELECT group_concat(name || ':' || pk, ',') FROM"
		    " (SELECT name, pk FROM pragma_table_info('value')"
		    " ORDER BY cid)", cols, sizeof cols);
	assert_string_equal(cols, "revision_id:1,field:2,row:3,col:4,num:0,"
				  "txt:0,cents:0");
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM sqlite_schema"
				    " WHERE name = 'value' AND sql LIKE"
				    " '%WITHOUT ROWID'"),
			 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM sqlite_schema"
				    " WHERE name = 'value_new'"),
			 0);
	/* Still kept as received. */
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM value", NULL, NULL,
					  NULL),
			     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE value SET num = 0",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM value"), 501);
	assert_int_equal(f->d.errors, 0);
	finish(f);
}

/* A step that leaves a row naming one that is not there is refused
 * whole, the database left at the version before. */
static void broken_keys_roll_back(void **state)
{
	fx *f = *state;
	static const bc_migration broken[] = {
		{"CREATE TABLE p (id INTEGER PRIMARY KEY);"
		 "CREATE TABLE c (p_id INTEGER REFERENCES p(id));", NULL},
		{"INSERT INTO c VALUES (7)", "c"},
	};
	bc_store *st = at_version_zero(f);
	sqlite3 *db = bc_store_db(st);
	assert_int_equal(bc_store_migrate(st, broken, 1, &f->d), BC_OK);
	assert_int_equal(bc_store_migrate(st, broken, 2, &f->d), BC_ERR_DB);
	assert_int_equal(bc_store_schema_version(st), 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM c"), 0);
	assert_int_equal(test_int_of(db, "PRAGMA foreign_keys"), 1);
	assert_true(test_diags_have(&f->d, "table c names a row of p"));
	bc_diags_free(&f->d);
	finish(f);
}

/* ---- audit log ------------------------------------------------------------ */

static void audit_entries_chain(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	sqlite3 *db = bc_store_db(st);
	bc_store_set_clock(st, 1700000000);
	test_texts *tx = test_texts_load("store-samples.txt");
	const char *detail = test_texts_get(tx, "audit_detail");
	int64_t bad = -1;
	/* An empty log verifies. */
	assert_int_equal(bc_store_audit_verify(st, &bad, &f->d), BC_OK);
	assert_int_equal(bad, 0);

	assert_int_equal(bc_store_begin(st, &f->d), BC_OK);
	assert_int_equal(bc_store_audit(st, "units.import", "units.csv",
					"36 added", &f->d),
			 BC_OK);
	assert_int_equal(bc_store_set_actor(st, "nv.lan"), BC_OK);
	assert_int_equal(bc_store_audit(st, "period.advance", "2023-H1",
					detail, &f->d),
			 BC_OK);
	assert_int_equal(bc_store_audit(st, "period.advance", "2023-Y", NULL,
					&f->d),
			 BC_OK);
	assert_int_equal(bc_store_commit(st, &f->d), BC_OK);

	assert_int_equal(test_int_of(db, "SELECT count(*) FROM audit"), 3);
	char s[128];
	text_of(db, "SELECT actor FROM audit WHERE id = 1", s, sizeof s);
	assert_string_equal(s, "unknown");
	text_of(db, "SELECT actor FROM audit WHERE id = 2", s, sizeof s);
	assert_string_equal(s, "nv.lan");
	text_of(db, "SELECT detail FROM audit WHERE id = 2", s, sizeof s);
	assert_string_equal(s, detail);
	text_of(db, "SELECT detail FROM audit WHERE id = 3", s, sizeof s);
	assert_string_equal(s, "");
	assert_int_equal(test_int_of(db, "SELECT min(at) = max(at) AND at = "
				    "1700000000 FROM audit"),
			 1);
	/* Each entry names the one before; the first names none. */
	assert_int_equal(test_int_of(db, "SELECT prev_hash = '' FROM audit "
				    "WHERE id = 1"),
			 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM audit a JOIN audit b"
				    " ON b.id = a.id + 1 WHERE b.prev_hash = "
				    "a.hash AND length(a.hash) = 64"),
			 2);
	assert_int_equal(test_int_of(db, "SELECT count(DISTINCT hash) FROM audit"),
			 3);
	assert_int_equal(bc_store_audit_verify(st, &bad, &f->d), BC_OK);
	assert_int_equal(bad, 0);
	assert_int_equal(f->d.n, 0);
	test_texts_free(tx);
	finish(f);
}

static void fill_audit(fx *f, int n)
{
	bc_store *st = open_new(f);
	for (int i = 0; i < n; i++) {
		char detail[32];
		snprintf(detail, sizeof detail, "entry %d", i + 1);
		assert_int_equal(bc_store_audit(st, "test", "obj", detail,
						&f->d),
				 BC_OK);
	}
}

static void audit_is_append_only(void **state)
{
	fx *f = *state;
	fill_audit(f, 2);
	sqlite3 *db = bc_store_db(f->st);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET detail = 'x'",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit WHERE id = 1",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM audit"), 2);
	char s[32];
	text_of(db, "SELECT detail FROM audit WHERE id = 1", s, sizeof s);
	assert_string_equal(s, "entry 1");
	finish(f);
}

static void audit_tampering_detected(void **state)
{
	fx *f = *state;
	fill_audit(f, 4);
	sqlite3 *db = bc_store_db(f->st);
	int64_t bad = -1;
	test_exec(db, "DROP TRIGGER audit_no_update;"
		    "UPDATE audit SET detail = 'entry two' WHERE id = 2");
	assert_int_equal(bc_store_audit_verify(f->st, &bad, &f->d), BC_OK);
	assert_int_equal(bad, 2);

	/* Forging the hash as well breaks the link from the next entry. */
	test_exec(db, "UPDATE audit SET detail = 'entry 2' WHERE id = 2");
	assert_int_equal(bc_store_audit_verify(f->st, &bad, &f->d), BC_OK);
	assert_int_equal(bad, 0);
	test_exec(db, "UPDATE audit SET hash = '0000' WHERE id = 3");
	assert_int_equal(bc_store_audit_verify(f->st, &bad, &f->d), BC_OK);
	assert_int_equal(bad, 3);
	finish(f);
}

/* An entry's own hash intact but its stored link changed. */
static void audit_broken_link_detected(void **state)
{
	fx *f = *state;
	fill_audit(f, 3);
	int64_t bad = -1;
	test_exec(bc_store_db(f->st), "DROP TRIGGER audit_no_update;"
				    "UPDATE audit SET prev_hash = 'x' "
				    "WHERE id = 2");
	assert_int_equal(bc_store_audit_verify(f->st, &bad, &f->d), BC_OK);
	assert_int_equal(bad, 2);
	finish(f);
}

static void audit_deletion_detected(void **state)
{
	fx *f = *state;
	fill_audit(f, 4);
	int64_t bad = -1;
	test_exec(bc_store_db(f->st), "DROP TRIGGER audit_no_delete;"
				    "DELETE FROM audit WHERE id = 2");
	assert_int_equal(bc_store_audit_verify(f->st, &bad, &f->d), BC_OK);
	assert_int_equal(bad, 3);
	finish(f);
}

/* The check lists every broken entry, not only the first. */
static void audit_check_lists_every_break(void **state)
{
	fx *f = *state;
	fill_audit(f, 6);
	int64_t n = 0;
	bc_diags problems = BC_DIAGS_INIT;
	assert_int_equal(bc_store_audit_check(f->st, &n, &problems, &f->d),
			 BC_OK);
	assert_int_equal(n, 6);
	assert_int_equal(problems.n, 0);
	test_exec(bc_store_db(f->st),
		"DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
		"UPDATE audit SET detail = 'changed' WHERE id = 2;"
		"DELETE FROM audit WHERE id = 5");
	assert_int_equal(bc_store_audit_check(f->st, &n, &problems, &f->d),
			 BC_OK);
	assert_int_equal(n, 5);
	assert_int_equal(problems.errors, 2);
	assert_true(test_diags_have(&problems, "audit entry 2: test obj: "
					       "changed after"));
	assert_true(test_diags_have(&problems, "audit entry 6: test obj: "
					       "does not follow"));
	assert_int_equal(f->d.n, 0);
	bc_diags_free(&problems);
	finish(f);
}

static void actor_and_clock(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	bc_store_set_clock(st, 1234567890);
	assert_int_equal(bc_store_now(st), 1234567890);
	bc_store_set_clock(st, 0);
	bc_time now = bc_store_now(st), real = (bc_time)time(NULL);
	assert_true(now >= real - 5 && now <= real + 5);

	/* An empty actor is no one in particular. */
	assert_int_equal(bc_store_set_actor(st, "nv.lan"), BC_OK);
	assert_int_equal(bc_store_set_actor(st, ""), BC_OK);
	assert_int_equal(bc_store_audit(st, "t", "o", "d", &f->d), BC_OK);
	char s[32];
	text_of(bc_store_db(st), "SELECT actor FROM audit", s, sizeof s);
	assert_string_equal(s, "unknown");
	finish(f);
}

/* ---- transactions ------------------------------------------------------- */

static void transactions(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	sqlite3 *db = bc_store_db(st);

	assert_int_equal(bc_store_begin(st, &f->d), BC_OK);
	test_exec(db, "INSERT INTO unit (code) VALUES ('gone')");
	bc_store_rollback(st);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit"), 0);
	/* A rollback with nothing begun does nothing. */
	bc_store_rollback(st);

	assert_int_equal(bc_store_begin(st, &f->d), BC_OK);
	test_exec(db, "INSERT INTO unit (code) VALUES ('kept')");
	assert_int_equal(bc_store_commit(st, &f->d), BC_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit"), 1);

	bc_store_close(st);
	f->st = NULL;
	assert_int_equal(bc_store_open(f->path, false, &f->st, &f->d), BC_OK);
	assert_int_equal(
		test_int_of(bc_store_db(f->st),
		       "SELECT count(*) FROM unit WHERE code = 'kept'"),
		1);
	assert_int_equal(f->d.n, 0);
	finish(f);
}

/* SQLite ends a transaction on its own after some errors (out of memory,
 * a full disk): the statements a caller runs after it, missing the
 * error, must not commit one by one. */
static void transaction_ended_by_sqlite_stores_nothing(void **state)
{
	static const char second[] = "INSERT INTO unit (code) VALUES ('second')";
	fx *f = *state;
	sqlite3 *db = bc_store_db(open_new(f));

	assert_int_equal(bc_store_begin(f->st, &f->d), BC_OK);
	test_exec(db, "ROLLBACK"); /* as SQLite does after SQLITE_NOMEM */
	assert_int_not_equal(sqlite3_exec(db, second, NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_not_equal(bc_store_commit(f->st, &f->d), BC_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit"), 0);
	bc_diags_free(&f->d);

	/* Outside bc_store_begin, a statement commits by itself. */
	test_exec(db, second);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit"), 1);
	finish(f);
}

/* A unit, a period and a part of n values, the last two under one key
 * when clash: what bc_revision_store needs to store a submission. */
static void one_part(sqlite3 *db, bc_part *p, size_t n, bool clash)
{
	static char fields[80][8];
	test_exec(db, "INSERT OR IGNORE INTO ruleset VALUES (1, 'r', 'h', 0);"
		    "INSERT OR IGNORE INTO unit VALUES (1, 'xa-a');"
		    "INSERT OR IGNORE INTO period VALUES (1, '2023-Q1', 'Q1',"
		    " 2023, NULL, 1, 'L', '2022-12-10', '2023-03-10',"
		    " '2023-02-28', '2023-03-04', NULL, NULL, 0);");
	*p = (bc_part){.part = "bm1"};
	for (size_t i = 0; i < n; i++) {
		bc_dec v = bc_dec_int((int64_t)i);
		snprintf(fields[i], sizeof fields[i], "f%02zu",
			 clash && i == n - 1 ? i - 1 : i);
		assert_int_equal(bc_part_add(p, fields[i], 0, NULL, &v, NULL,
					     0, NULL),
				 BC_OK);
	}
}

/* A value the table refuses (its key twice) fails the submission after
 * a statement of 64 values went in, and in the middle of a statement
 * of 4 (sorted, the last two share a key): the caller's rollback leaves
 * nothing of it, alone in its transaction or a savepoint of a batch.
 * The value INSERT is OR FAIL, which keeps the rows its statement wrote
 * before the failure, so that SQLite need not journal them. */
static void refused_value_stores_nothing(void **state)
{
	fx *f = *state;
	sqlite3 *db = bc_store_db(open_new(f));
	bc_receipt r = {.unit_id = 1, .period_id = 1, .file = "a.json",
			.sha256 = "s", .format = "json", .channel = "file",
			.signer_name = "A", .signer_title = "B"};
	bc_part p;
	one_part(db, &p, 68, true);
	assert_int_equal(bc_store_begin(f->st, &f->d), BC_OK);
	assert_int_not_equal(bc_revision_store(f->st, &r, &p, 1, &f->d), BC_OK);
	bc_store_rollback(f->st);
	bc_part_free(&p);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM submission"), 0);
	assert_true(test_diags_have(&f->d, "UNIQUE constraint failed"));
	bc_diags_free(&f->d);

	assert_int_equal(bc_store_batch(f->st, true, &f->d), BC_OK);
	one_part(db, &p, 70, false);
	assert_int_equal(bc_store_begin(f->st, &f->d), BC_OK);
	assert_int_equal(bc_revision_store(f->st, &r, &p, 1, &f->d), BC_OK);
	assert_int_equal(bc_store_commit(f->st, &f->d), BC_OK);
	bc_part_free(&p);
	one_part(db, &p, 68, true);
	r.file = "b.json";
	assert_int_equal(bc_store_begin(f->st, &f->d), BC_OK);
	assert_int_not_equal(bc_revision_store(f->st, &r, &p, 1, &f->d), BC_OK);
	bc_store_rollback(f->st);
	bc_part_free(&p);
	assert_int_equal(bc_store_batch(f->st, false, &f->d), BC_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM submission"), 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM revision"), 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM value"), 70);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM value v JOIN"
				    " revision r ON r.id = v.revision_id JOIN"
				    " submission s ON s.id = r.submission_id"
				    " WHERE s.file_name = 'a.json'"),
			 70);
	bc_diags_free(&f->d);
	finish(f);
}

/* Stores unit code as one begin … commit of the batch. */
static bc_err batch_unit(fx *f, const char *code, bool keep)
{
	char sql[128];
	snprintf(sql, sizeof sql, "INSERT INTO unit (code) VALUES ('%s')", code);
	bc_err rc = bc_store_begin(f->st, &f->d);
	if (rc != BC_OK)
		return rc;
	test_exec(bc_store_db(f->st), sql);
	if (keep)
		return bc_store_commit(f->st, &f->d);
	bc_store_rollback(f->st);
	return BC_OK;
}

/* In a batch each begin … commit is still all or nothing (the first
 * alone in its transaction or a savepoint, as the time its parts take
 * decides), a read transaction inside it sees what it holds, and
 * another connection sees it all once the batch is off. */
static void batch_keeps_each_part_whole(void **state)
{
	fx *f = *state;
	sqlite3 *db = bc_store_db(open_new(f)), *other;
	assert_int_equal(sqlite3_open_v2(f->path, &other,
					 SQLITE_OPEN_READWRITE, NULL),
			 SQLITE_OK);
	assert_int_equal(bc_store_batch(f->st, true, &f->d), BC_OK);
	assert_int_equal(batch_unit(f, "a", true), BC_OK);
	assert_int_equal(batch_unit(f, "refused", false), BC_OK);
	assert_int_equal(bc_store_begin_read(f->st, &f->d), BC_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit"), 1);
	bc_store_rollback(f->st); /* ends the read, not the batch */
	assert_int_equal(batch_unit(f, "b", true), BC_OK);
	assert_int_equal(bc_store_batch(f->st, false, &f->d), BC_OK);
	assert_int_equal(test_int_of(other, "SELECT count(*) FROM unit WHERE "
				       "code IN ('a', 'b')"),
			 2);
	assert_int_equal(test_int_of(other, "SELECT count(*) FROM unit"), 2);
	assert_int_equal(bc_store_batch_lost(f->st), 0);
	assert_int_equal(f->d.n, 0);
	sqlite3_close(other);
	finish(f);
}

/* When SQLite ends the batch's transaction itself, what it held is not
 * stored: the next part fails, and the parts lost are counted once. */
static void batch_lost_is_told(void **state)
{
	fx *f = *state;
	sqlite3 *db = bc_store_db(open_new(f));
	assert_int_equal(bc_store_batch(f->st, true, &f->d), BC_OK);
	assert_int_equal(batch_unit(f, "a", true), BC_OK);
	assert_int_equal(batch_unit(f, "b", true), BC_OK);
	/* As SQLite does after SQLITE_FULL (unless a part was slow enough
	 * for the batch to commit already: then nothing is lost). */
	bool open = !sqlite3_get_autocommit(db);
	if (open)
		test_exec(db, "ROLLBACK");
	assert_int_equal(bc_store_begin(f->st, &f->d),
			 open ? BC_ERR_DB : BC_OK);
	if (!open)
		bc_store_rollback(f->st);
	assert_int_equal(f->d.errors, open ? 1 : 0);
	/* Every part is stored or told lost, once. */
	size_t lost = bc_store_batch_lost(f->st);
	assert_int_equal(lost + (size_t)test_int_of(db, "SELECT count(*) FROM unit"),
			 2);
	assert_int_equal(bc_store_batch_lost(f->st), 0);
	/* The batch goes on in a new transaction. */
	assert_int_equal(batch_unit(f, "c", true), BC_OK);
	assert_int_equal(bc_store_batch(f->st, false, &f->d), BC_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM unit WHERE code = "
				    "'c'"),
			 1);
	finish(f);
}

/* begin takes the write lock at once; readers still read (WAL). */
static void begin_takes_the_write_lock(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	sqlite3 *other;
	assert_int_equal(sqlite3_open_v2(f->path, &other,
					 SQLITE_OPEN_READWRITE, NULL),
			 SQLITE_OK);
	sqlite3_busy_timeout(other, 0);

	assert_int_equal(bc_store_begin(st, &f->d), BC_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL,
				      NULL),
			 SQLITE_BUSY);
	assert_int_equal(test_int_of(other, "SELECT count(*) FROM unit"), 0);
	bc_store_rollback(st);

	test_exec(other, "BEGIN IMMEDIATE; ROLLBACK");
	sqlite3_close(other);
	finish(f);
}

/* ---- checkpoints ---------------------------------------------------------- */

/* The store's checkpointer threads running in this process. */
static int checkpointers(void)
{
	DIR *dir = opendir("/proc/self/task");
	int n = 0;
	assert_non_null(dir);
	for (struct dirent *e; (e = readdir(dir));) {
		char path[300], name[32] = "";
		snprintf(path, sizeof path, "/proc/self/task/%s/comm",
			 e->d_name);
		FILE *fp = e->d_name[0] != '.' ? fopen(path, "r") : NULL;
		if (fp && fgets(name, sizeof name, fp))
			n += strcmp(name, BC_CHECKPOINT_THREAD "\n") == 0;
		if (fp)
			fclose(fp);
	}
	closedir(dir);
	return n;
}

static off_t wal_size(fx *f)
{
	char wal[1100];
	struct stat sb;
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	return stat(wal, &sb) == 0 ? sb.st_size : -1;
}

/* n rows of a page each (4 KiB pages), in n parts (each begin …
 * commit; every undo-th one, if undo, rolled back instead: a file
 * refused) or, with !parts, in the transaction the caller began. */
static void write_pages(fx *f, int n, bool parts, int undo)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(bc_store_db(f->st),
					    "INSERT INTO t VALUES "
					    "(randomblob(3000))",
					    -1, &s, NULL),
			 SQLITE_OK);
	for (int i = 0; i < n; i++) {
		if (parts)
			assert_int_equal(bc_store_begin(f->st, &f->d), BC_OK);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
		if (parts && undo && i % undo == undo - 1)
			bc_store_rollback(f->st);
		else if (parts)
			assert_int_equal(bc_store_commit(f->st, &f->d), BC_OK);
	}
	sqlite3_finalize(s);
}

/* The fixture's store, new, with a table t of rows of a page each. */
static sqlite3 *open_pages(fx *f)
{
	sqlite3 *db = bc_store_db(open_new(f));
	test_exec(db, "CREATE TABLE t (b BLOB)");
	return db;
}

/* A batch that takes the WAL past SQLite's checkpoint size has its
 * checkpoints run on a thread of the store's; every part committed is
 * stored, none of those refused in between, and once the store is
 * closed the thread is gone and the WAL too, copied into the file. */
static void batch_checkpoints_on_a_thread(void **state)
{
	fx *f = *state;
	sqlite3 *db = open_pages(f);
	assert_int_equal(bc_store_batch(f->st, true, &f->d), BC_OK);
	write_pages(f, 1500, true, 100);
	assert_int_equal(bc_store_batch(f->st, false, &f->d), BC_OK);
	assert_int_equal(checkpointers(), 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM t"), 1485);
	assert_int_equal(f->d.n, 0);
	finish(f);
	assert_int_equal(checkpointers(), 0);
	assert_int_equal(wal_size(f), -1);
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(test_int_of(other, "SELECT count(*) FROM t"), 1485);
	assert_int_equal(test_int_of(other, "SELECT sum(length(b)) FROM t"),
			 1485 * 3000);
	sqlite3_close(other);
}

/* Without memory for the thread the writer checkpoints itself, as
 * SQLite would: the WAL is copied into the file at the commit. */
static void checkpoints_alone_without_memory(void **state)
{
	fx *f = *state;
	sqlite3 *db = open_pages(f);
	struct stat sb;
	assert_int_equal(stat(f->path, &sb), 0);
	off_t before = sb.st_size;
	assert_int_equal(bc_store_begin(f->st, &f->d), BC_OK);
	write_pages(f, 1200, false, 0);
	bc_mem_fail(1, true);
	bc_err rc = bc_store_commit(f->st, &f->d);
	long refused = bc_mem_refused();
	const char *at = bc_mem_refused_at();
	assert_non_null(at);
	assert_non_null(strstr(at, "checkpoint.c"));
	bc_mem_fail(0, false);
	assert_int_equal(rc, BC_OK);
	assert_int_equal(refused, 1);
	assert_int_equal(checkpointers(), 0);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_true(sb.st_size >= before + 1200 * 3000);
	/* And goes on so. */
	write_pages(f, 1200, true, 0);
	assert_int_equal(checkpointers(), 0);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM t"), 2400);
	finish(f);
	assert_int_equal(wal_size(f), -1);
}

/* ---- rules sources ------------------------------------------------------ */

/* Adds tests/data/tiny-rules/path to src as path. */
static void add_tiny_source(bc_srcset *src, const char *path)
{
	char *dir = test_fixture_path("tiny-rules");
	char *file = test_path(dir, path);
	size_t len;
	char *text = test_read_path(file, &len);
	assert_int_equal(bc_srcset_add(src, path, text, len), BC_OK);
	free(text);
	free(file);
	free(dir);
}

/* The ruleset of tests/data/tiny-rules, two files. */
static bc_ruleset *tiny_ruleset(bc_diags *d)
{
	bc_srcset src = BC_SRCSET_INIT;
	add_tiny_source(&src, "ruleset.lua");
	add_tiny_source(&src, "periods/q.lua");
	bc_ruleset *rs = NULL;
	bc_err rc = bc_ruleset_load("tiny", &src, NULL, &rs, d);
	if (rc != BC_OK) {
		test_diags_print(d);
		fail_msg("the test ruleset does not load");
	}
	return rs;
}

static void record_ruleset(void **state)
{
	fx *f = *state;
	bc_store *st = open_new(f);
	sqlite3 *db = bc_store_db(st);
	bc_ruleset *rs = tiny_ruleset(&f->d);
	int64_t id1 = 0, id2 = 0;

	assert_int_equal(bc_store_begin(st, &f->d), BC_OK);
	assert_int_equal(bc_store_record_ruleset(st, rs, &id1, &f->d), BC_OK);
	assert_int_equal(bc_store_commit(st, &f->d), BC_OK);
	assert_true(id1 > 0);
	assert_int_equal(bc_store_begin(st, &f->d), BC_OK);
	assert_int_equal(bc_store_record_ruleset(st, rs, &id2, &f->d), BC_OK);
	assert_int_equal(bc_store_record_ruleset(st, rs, NULL, &f->d), BC_OK);
	assert_int_equal(bc_store_commit(st, &f->d), BC_OK);
	assert_int_equal(id2, id1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM ruleset"), 1);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM ruleset_file"), 2);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM audit WHERE "
				    "action = 'rules.record'"),
			 1);

	bc_srcset back = BC_SRCSET_INIT;
	assert_int_equal(bc_store_ruleset_sources(st, "tiny", rs->hash, &back,
						  &f->d),
			 BC_OK);
	assert_int_equal(back.n, rs->src.n);
	for (size_t i = 0; i < back.n; i++) {
		assert_string_equal(back.v[i].path, rs->src.v[i].path);
		assert_int_equal(back.v[i].len, rs->src.v[i].len);
		assert_memory_equal(back.v[i].text, rs->src.v[i].text,
				    back.v[i].len + 1);
	}
	assert_non_null(bc_srcset_find(&back, "periods/q.lua"));
	char h[BC_SHA256_HEX];
	bc_srcset_hash(&back, h);
	assert_string_equal(h, rs->hash);
	bc_srcset_free(&back);

	/* Another version of the same ruleset is not there. */
	char other[BC_SHA256_HEX];
	memset(other, 'a', 64);
	other[64] = '\0';
	assert_int_equal(bc_store_ruleset_sources(st, "tiny", other, &back,
						  &f->d),
			 BC_ERR_NOT_FOUND);
	assert_int_equal(back.n, 0);
	assert_int_equal(bc_store_ruleset_sources(st, "other", rs->hash, &back,
						  &f->d),
			 BC_ERR_NOT_FOUND);
	assert_int_equal(f->d.errors, 2);
	bc_srcset_free(&back);
	bc_ruleset_free(rs);
	finish(f);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(open_missing_without_create),
		T(create_gives_latest_schema),
		T(reopen_is_idempotent),
		T(wal_and_foreign_keys),
		T(empty_file_without_create),
		T(not_a_database),
		T(foreign_database_refused),
		T(refused_database_keeps_its_journal_mode),
		T(newer_schema_refused),
		T(negative_schema_refused),
		T(damaged_store_refuses_writes),
		T(create_is_whole_or_nothing),
		T(read_mode_changes_nothing),
		T(migrate_preserves_data),
		T(migrate_compacts_what_it_freed),
		T(failing_step_rolls_back),
		T(schema_3_money_migrated_and_read),
		T(schema_4_units_become_versions),
		T(value_table_made_anew),
		T(broken_keys_roll_back),
		T(audit_entries_chain),
		T(audit_is_append_only),
		T(audit_tampering_detected),
		T(audit_broken_link_detected),
		T(audit_deletion_detected),
		T(audit_check_lists_every_break),
		T(actor_and_clock),
		T(transactions),
		T(transaction_ended_by_sqlite_stores_nothing),
		T(begin_takes_the_write_lock),
		T(batch_keeps_each_part_whole),
		T(batch_lost_is_told),
		T(batch_checkpoints_on_a_thread),
		T(checkpoints_alone_without_memory),
		T(refused_value_stores_nothing),
		T(record_ruleset),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

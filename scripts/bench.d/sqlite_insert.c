/* SPDX-License-Identifier: MIT */
/*
 * The storage limit for `baocao import`: the same long-form CSV rows put
 * into one SQLite table with one prepared INSERT in one transaction, no
 * index, no validation.  Whatever baocao does on top (checking every value
 * against the rules, revisions, the audit log, its indexes) is what the
 * ratio to this program measures.
 *
 *     sqlite_insert DB FILE.csv...
 *
 * The database gets baocao's own settings (WAL, synchronous=NORMAL), so
 * that durability is not what the two differ by.  CSV is parsed with
 * libcsv, as baocao does: quoted fields may hold commas and newlines.
 */
#include <csv.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCOLS 5 /* unit, period, form, field, value */

struct loader {
	sqlite3 *db;
	sqlite3_stmt *ins;
	const char *file;
	long line;
	int col;
	int failed;
	long rows;
};

static void on_field(void *s, size_t len, void *p)
{
	struct loader *l = p;
	/* the header row is not data */
	if (l->line > 0 && l->col < NCOLS)
		sqlite3_bind_text(l->ins, l->col + 1, s, (int)len,
				  SQLITE_TRANSIENT);
	l->col++;
}

static void on_row(int c, void *p)
{
	(void)c;
	struct loader *l = p;
	if (l->line > 0 && !l->failed) {
		if (l->col != NCOLS) {
			fprintf(stderr, "%s:%ld: %d fields, expected %d\n",
				l->file, l->line + 1, l->col, NCOLS);
			l->failed = 1;
		} else if (sqlite3_step(l->ins) != SQLITE_DONE) {
			fprintf(stderr, "%s:%ld: %s\n", l->file, l->line + 1,
				sqlite3_errmsg(l->db));
			l->failed = 1;
		} else {
			l->rows++;
		}
		sqlite3_reset(l->ins);
	}
	l->line++;
	l->col = 0;
}

static int load(struct loader *l, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		fclose(f);
		return 1;
	}
	l->file = path;
	l->line = 0;
	l->col = 0;
	char buf[1 << 16];
	size_t n;
	int rc = 0;
	/* a UTF-8 byte order mark is allowed before the header */
	n = fread(buf, 1, sizeof buf, f);
	size_t skip = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (n > 0) {
		if (csv_parse(&p, buf + skip, n - skip, on_field, on_row, l) !=
		    n - skip) {
			fprintf(stderr, "%s: %s\n", path,
				csv_strerror(csv_error(&p)));
			rc = 1;
			break;
		}
		skip = 0;
		n = fread(buf, 1, sizeof buf, f);
	}
	if (rc == 0)
		csv_fini(&p, on_field, on_row, l);
	csv_free(&p);
	fclose(f);
	return rc || l->failed;
}

static int exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sqlite: %s\n", err);
		sqlite3_free(err);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: sqlite_insert DB FILE.csv...\n");
		return 2;
	}
	struct loader l = {0};
	if (sqlite3_open(argv[1], &l.db) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], sqlite3_errmsg(l.db));
		return 3;
	}
	if (exec(l.db, "PRAGMA journal_mode = WAL;"
		       "PRAGMA synchronous = NORMAL;"
		       "CREATE TABLE sub (unit TEXT, period TEXT, form TEXT,"
		       " field TEXT, value TEXT);"
		       "BEGIN"))
		return 3;
	if (sqlite3_prepare_v2(l.db, "INSERT INTO sub VALUES (?,?,?,?,?)", -1,
			       &l.ins, NULL) != SQLITE_OK) {
		fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(l.db));
		return 3;
	}
	int rc = 0;
	for (int i = 2; i < argc && rc == 0; i++)
		rc = load(&l, argv[i]);
	sqlite3_finalize(l.ins);
	if (rc == 0 && exec(l.db, "COMMIT"))
		rc = 3;
	sqlite3_close(l.db);
	if (rc == 0)
		fprintf(stderr, "sqlite_insert: %ld rows\n", l.rows);
	return rc;
}

/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "checkpoint.h"

#include <sqlite3.h>
#include <sys/stat.h>

/* Small numbers, so that a few thousand pages cross them many times:
 * the checkpointer is asked past ASK pages, and keeps the WAL near CAP. */
#define ASK 20
#define CAP 200

/* A writer as the store is: one connection in WAL mode, its commits
 * handing the WAL's size to the checkpointer from the WAL hook. */
typedef struct writer {
	char *dir;
	char path[1024];
	sqlite3 *db;
	bc_checkpointer *c;
	int pages;	/* the WAL's size after the last commit */
	int most;	/* and its largest */
	int grew;	/* what one commit added to it, at most */
	int restarts;	/* commits after which it was smaller than before */
} writer;

static int hook(void *ud, sqlite3 *db, const char *name, int pages)
{
	writer *w = ud;
	if (pages < w->pages)
		w->restarts++;
	else if (pages - w->pages > w->grew)
		w->grew = pages - w->pages;
	w->pages = pages;
	if (pages > w->most)
		w->most = pages;
	if (pages >= ASK)
		bc_checkpointer_committed(w->c, pages);
	return SQLITE_OK;
}

static int setup(void **state)
{
	writer *w = calloc(1, sizeof *w);
	assert_non_null(w);
	w->dir = test_tmpdir();
	snprintf(w->path, sizeof w->path, "%s/wal.db", w->dir);
	assert_int_equal(sqlite3_open(w->path, &w->db), SQLITE_OK);
	test_exec(w->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		       "CREATE TABLE t (n INTEGER PRIMARY KEY, b BLOB)");
	*state = w;
	return 0;
}

/* The checkpointer, started by the test (cmocka checks that what a
 * test allocates it frees). */
static writer *start(void **state)
{
	writer *w = *state;
	w->c = bc_checkpointer_start(w->db, CAP);
	assert_non_null(w->c);
	sqlite3_wal_hook(w->db, hook, w);
	return w;
}

static off_t size_of(const char *path, const char *suffix)
{
	char name[1100];
	struct stat sb;
	snprintf(name, sizeof name, "%s%s", path, suffix);
	return stat(name, &sb) == 0 ? sb.st_size : -1;
}

/* The writer's connection closes last, as the store's does. */
static void finish(writer *w)
{
	bc_checkpointer_stop(w->c);
	w->c = NULL;
	assert_int_equal(sqlite3_close(w->db), SQLITE_OK);
	w->db = NULL;
}

static int teardown(void **state)
{
	writer *w = *state;
	bc_checkpointer_stop(w->c);
	sqlite3_close(w->db);
	test_rm_tree(w->dir);
	free(w->dir);
	free(w);
	return 0;
}

/* n parts of a page of new rows each, committed as bc_store_batch
 * commits: every few parts, or at once when the checkpointer says so. */
static void write_parts(writer *w, int first, int n)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(w->db,
					    "INSERT INTO t VALUES (?, "
					    "randomblob(3000))",
					    -1, &s, NULL),
			 SQLITE_OK);
	test_exec(w->db, "BEGIN IMMEDIATE");
	for (int i = first, held = 0; i < first + n; i++) {
		sqlite3_bind_int(s, 1, i);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
		if (++held == 8 || bc_checkpointer_due(w->c)) {
			test_exec(w->db, "COMMIT; BEGIN IMMEDIATE");
			held = 0;
		}
	}
	test_exec(w->db, "COMMIT");
	sqlite3_finalize(s);
}

/* Past the cap the WAL starts over: it never holds more than the cap
 * and two commits, though twenty times the cap go through it; every
 * row is in the file after the close, and the WAL is gone. */
static void wal_stays_bounded(void **state)
{
	writer *w = start(state);
	write_parts(w, 0, 2000);
	assert_true(w->grew > 0);
	assert_true(w->most <= CAP + 2 * w->grew);
	assert_true(w->restarts >= 2000 / (CAP + 2 * w->grew) - 1);
	/* The file: a header, then each frame a page and its header. */
	assert_true(size_of(w->path, "-wal") <=
		    32 + (off_t)w->most * (4096 + 24));
	finish(w);
	assert_int_equal(size_of(w->path, "-wal"), -1);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(w->path, &db), SQLITE_OK);
	assert_int_equal(test_int_of(db, "SELECT count(*) FROM t"), 2000);
	assert_int_equal(test_int_of(db, "SELECT sum(length(b)) FROM t"),
			 2000 * 3000);
	sqlite3_close(db);
}

/* A reader holding its snapshot keeps the checkpoints from copying what
 * it has not seen, so the WAL grows while it reads; nothing waits for it
 * for ever, nothing is lost, and once it ends the WAL starts over. */
static void reader_holds_the_wal(void **state)
{
	writer *w = start(state);
	sqlite3 *reader;
	assert_int_equal(sqlite3_open(w->path, &reader), SQLITE_OK);
	test_exec(reader, "BEGIN");
	assert_int_equal(test_int_of(reader, "SELECT count(*) FROM t"), 0);
	write_parts(w, 0, 600);
	assert_true(w->pages > CAP + 2 * w->grew);
	assert_int_equal(test_int_of(reader, "SELECT count(*) FROM t"), 0);
	test_exec(reader, "COMMIT");
	int restarts = w->restarts;
	write_parts(w, 600, 600);
	assert_true(w->restarts > restarts);
	assert_true(w->pages <= CAP + 2 * w->grew);
	assert_int_equal(test_int_of(reader, "SELECT count(*) FROM t"), 1200);
	sqlite3_close(reader);
	finish(w);
	assert_int_equal(size_of(w->path, "-wal"), -1);
}

/* A checkpointer never asked for anything stops at once; stopping none
 * does nothing. */
static void stop_unasked(void **state)
{
	writer *w = start(state);
	finish(w);
	bc_checkpointer_stop(NULL);
	assert_int_equal(size_of(w->path, "-wal"), -1);
}

/* No memory for it: no checkpointer, nothing kept. */
static void start_without_memory(void **state)
{
	writer *w = *state;
	bc_mem_fail(1, true);
	assert_null(bc_checkpointer_start(w->db, CAP));
	assert_int_equal(bc_mem_refused(), 1);
	bc_mem_fail(0, false);
	finish(w);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(wal_stays_bounded),
		T(reader_holds_the_wal),
		T(stop_unasked),
		T(start_without_memory),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

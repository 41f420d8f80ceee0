/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "twins.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>

#define N_TWINS 2

typedef struct fx {
	char *dir;
	char path[1024];
	bc_store *st;
	bc_store *tw[N_TWINS];
	bc_diags d;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = test_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/baocao.db", f->dir);
	assert_int_equal(bc_store_open(f->path, BC_OPEN_CREATE, &f->st, &f->d),
			 BC_OK);
	test_exec(bc_store_db(f->st), "CREATE TABLE t (n INTEGER PRIMARY KEY)");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	for (size_t i = 0; i < N_TWINS; i++)
		bc_store_close(f->tw[i]);
	bc_store_close(f->st);
	bc_diags_free(&f->d);
	test_rm_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static sqlite3 *writer(const fx *f)
{
	sqlite3 *w;
	assert_int_equal(sqlite3_open(f->path, &w), SQLITE_OK);
	sqlite3_busy_timeout(w, 5000);
	return w;
}

static int64_t rows(bc_store *st)
{
	return test_int_of(bc_store_db(st), "SELECT count(*) FROM t");
}

static void end_twins(fx *f)
{
	for (size_t i = 0; i < N_TWINS; i++) {
		bc_store_close(f->tw[i]);
		f->tw[i] = NULL;
	}
	bc_store_rollback(f->st);
}

/* A commit after the twins began is seen by none of them, nor by the
 * store, until they begin again. */
static void test_one_snapshot(void **state)
{
	fx *f = *state;
	sqlite3 *w = writer(f);
	test_exec(w, "INSERT INTO t VALUES (1)");
	size_t got = 9;
	assert_int_equal(bc_twins_begin_read(f->st, f->tw, N_TWINS, &got, &f->d),
			 BC_OK);
	assert_int_equal(got, N_TWINS);
	test_exec(w, "INSERT INTO t VALUES (2)");
	assert_int_equal(rows(f->st), 1);
	for (size_t i = 0; i < N_TWINS; i++)
		assert_int_equal(rows(f->tw[i]), 1);
	end_twins(f);
	assert_int_equal(rows(f->st), 2);
	sqlite3_close(w);
}

typedef struct hammer {
	const char *path;
	atomic_bool stop;
	int commits;
} hammer;

static void *commit_on(void *ud)
{
	hammer *h = ud;
	sqlite3 *w;
	if (sqlite3_open(h->path, &w) != SQLITE_OK)
		return NULL;
	sqlite3_busy_timeout(w, 5000);
	while (!atomic_load(&h->stop))
		if (sqlite3_exec(w, "INSERT INTO t VALUES (NULL)", NULL, NULL,
				 NULL) == SQLITE_OK)
			h->commits++;
	sqlite3_close(w);
	return NULL;
}

/* With another program committing as fast as it can, the store and its
 * twins still read the same rows, each time they begin. */
static void test_same_under_commits(void **state)
{
	fx *f = *state;
	hammer h = {.path = f->path};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, commit_on, &h), 0);
	int twinned = 0;
	int64_t last = -1, moved = 0;
	for (int k = 0; k < 200; k++) {
		size_t got;
		assert_int_equal(bc_twins_begin_read(f->st, f->tw, N_TWINS,
						     &got, &f->d),
				 BC_OK);
		int64_t n = rows(f->st);
		moved += n != last;
		last = n;
		for (size_t i = 0; i < got; i++)
			assert_int_equal(rows(f->tw[i]), n);
		twinned += got == N_TWINS;
		end_twins(f);
	}
	atomic_store(&h.stop, true);
	pthread_join(t, NULL);
	/* Some began between commits, and the commits went on meanwhile. */
	assert_true(twinned > 0);
	assert_true(moved > 1);
	assert_true(h.commits > 0);
}

/* Another program in a write transaction: no twins, the store reads on
 * its own at once. */
static void test_no_twins_while_written(void **state)
{
	fx *f = *state;
	sqlite3 *w = writer(f);
	test_exec(w, "BEGIN IMMEDIATE; INSERT INTO t VALUES (1)");
	size_t got = 9;
	assert_int_equal(bc_twins_begin_read(f->st, f->tw, N_TWINS, &got, &f->d),
			 BC_OK);
	assert_int_equal(got, 0);
	for (size_t i = 0; i < N_TWINS; i++)
		assert_null(f->tw[i]);
	assert_false(sqlite3_get_autocommit(bc_store_db(f->st)));
	assert_int_equal(rows(f->st), 0);
	bc_store_rollback(f->st);
	test_exec(w, "COMMIT");
	sqlite3_close(w);
	assert_int_equal(f->d.n, 0);
}

/* Inside a batch's transaction the store gets no twins: they could not
 * see what it has stored and not yet committed. */
static void test_no_twins_in_batch(void **state)
{
	fx *f = *state;
	assert_int_equal(bc_store_batch(f->st, true, &f->d), BC_OK);
	assert_int_equal(bc_store_begin(f->st, &f->d), BC_OK);
	test_exec(bc_store_db(f->st), "INSERT INTO t VALUES (7)");
	assert_int_equal(bc_store_commit(f->st, &f->d), BC_OK);
	size_t got = 9;
	assert_int_equal(bc_twins_begin_read(f->st, f->tw, N_TWINS, &got, &f->d),
			 BC_OK);
	assert_int_equal(got, 0);
	assert_int_equal(rows(f->st), 1);
	bc_store_rollback(f->st);
	assert_int_equal(bc_store_batch(f->st, false, &f->d), BC_OK);
	assert_int_equal(rows(f->st), 1);
}

/* The twins act as the store does: the same actor and fixed clock (a
 * store of the test's own, so that what it allocates it frees). */
static void test_twins_as_store(void **state)
{
	fx *f = *state;
	bc_store *st, *tw;
	assert_int_equal(bc_store_open(f->path, BC_OPEN_EXISTING, &st, &f->d),
			 BC_OK);
	bc_store_set_clock(st, 1700000000);
	assert_int_equal(bc_store_set_actor(st, "lan"), BC_OK);
	size_t got;
	assert_int_equal(bc_twins_begin_read(st, &tw, 1, &got, &f->d), BC_OK);
	assert_int_equal(got, 1);
	assert_int_equal(bc_store_now(tw), 1700000000);
	assert_string_equal(bc_store_actor(tw), "lan");
	bc_store_close(tw);
	bc_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_snapshot, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_same_under_commits, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_no_twins_while_written,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_twins_in_batch,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_twins_as_store, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

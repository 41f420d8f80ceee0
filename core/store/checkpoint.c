/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* pthread_setname_np */
#include "checkpoint.h"
#include "mem.h"
#include "sync.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>

/*
 * A checkpoint copies into the file the WAL's pages that no reader
 * needs from the WAL any more; SQLite starts the WAL over (writes again
 * from its beginning) only when a write transaction begins with all of
 * it copied.  The writer's next transaction begins right after its
 * commit, before this thread has copied what the commit added: the WAL
 * would never start over and grow by the whole import.  So once a
 * commit leaves it past the cap, the writer commits again as soon as
 * the thread has copied that commit (bc_checkpointer_due: little is
 * written meanwhile), and waits for the copy of that second commit, so
 * that its next transaction starts the WAL over.  It waited for every
 * checkpoint before; now for one small one per cap's worth of WAL.
 */

/*
 * What each thread may touch.  The writer (the thread of the store's
 * connection) makes c and its connection db before the checkpointer
 * thread starts, and closes and frees them after joining it; between,
 * db is the checkpointer thread's alone.  asked, done, whole and stop
 * are shared, read and written only under mu; cap and due are the
 * writer's alone.
 */
struct bc_checkpointer {
	sqlite3 *db;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;  /* to the thread: asked moved on, or stop */
	pthread_cond_t ended; /* to the writer: done moved on */
	unsigned long asked;  /* checkpoints asked for, one per commit */
	unsigned long done;   /* asked when the last checkpoint began */
	bool whole;	      /* and it copied the whole WAL */
	bool stop;
	int cap;  /* pages */
	bool due; /* the last commit left the WAL past cap */
};

/*
 * PASSIVE: the checkpoint takes no lock a writer or reader waits for,
 * and waits for none: what a reader still reads from the WAL, or what
 * another checkpoint holds, is left for the next.  Nothing is lost when
 * it fails or stops half way (busy, an I/O error, no memory): the WAL
 * keeps every committed page until SQLite records it copied, which it
 * does only after the file has been written and synced; the next
 * checkpoint, or the last connection's close, copies it again.
 */
static void *run(void *arg)
{
	bc_checkpointer *c = arg;
	pthread_mutex_lock(&c->mu);
	while (!c->stop) {
		if (c->done == c->asked) {
			pthread_cond_wait(&c->wake, &c->mu);
			continue;
		}
		unsigned long ask = c->asked;
		pthread_mutex_unlock(&c->mu);
		int wal = 0, copied = -1;
		int r = sqlite3_wal_checkpoint_v2(c->db, "main",
						  SQLITE_CHECKPOINT_PASSIVE,
						  &wal, &copied);
		pthread_mutex_lock(&c->mu);
		c->done = ask;
		c->whole = r == SQLITE_OK && copied == wal;
		pthread_cond_broadcast(&c->ended);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* A connection of its own to file, with the writer's durability.  It
 * reads the file once: SQLite learns only then that it is in WAL mode,
 * and a checkpoint before that does nothing. */
static bool open_own(bc_checkpointer *c, const char *file)
{
	return file &&
	       sqlite3_open_v2(file, &c->db,
			       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			       NULL) == SQLITE_OK &&
	       sqlite3_exec(c->db, "PRAGMA synchronous = NORMAL;"
				   "PRAGMA user_version",
			    NULL, NULL, NULL) == SQLITE_OK;
}

static bool start_thread(bc_checkpointer *c)
{
	pthread_cond_t *const cv[] = {&c->wake, &c->ended};
	if (!bc_sync_start(&c->mu, cv, 2, &c->thread, run, c))
		return false;
	/* Named for top -H and the tests (which count it); unnamed, it
	 * works the same. */
	pthread_setname_np(c->thread, BC_CHECKPOINT_THREAD);
	return true;
}

bc_checkpointer *bc_checkpointer_start(sqlite3 *db, int cap)
{
	bc_checkpointer *c = bc_calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->cap = cap;
	c->whole = true;
	if (!open_own(c, sqlite3_db_filename(db, "main")) || !start_thread(c)) {
		sqlite3_close(c->db);
		bc_free(c);
		return NULL;
	}
	return c;
}

void bc_checkpointer_committed(bc_checkpointer *c, int pages)
{
	pthread_mutex_lock(&c->mu);
	unsigned long mine = ++c->asked;
	pthread_cond_signal(&c->wake);
	bool wait = c->due && pages >= c->cap;
	c->due = pages >= c->cap;
	/* The thread never waits for the writer: this ends. */
	while (wait && c->done < mine)
		pthread_cond_wait(&c->ended, &c->mu);
	pthread_mutex_unlock(&c->mu);
}

bool bc_checkpointer_due(bc_checkpointer *c)
{
	if (!c || !c->due)
		return false;
	/* Not while a reader keeps the checkpoints from copying it all
	 * (the WAL cannot start over): the batch goes on at its pace. */
	pthread_mutex_lock(&c->mu);
	bool copied = c->done == c->asked && c->whole;
	pthread_mutex_unlock(&c->mu);
	return copied;
}

void bc_checkpointer_stop(bc_checkpointer *c)
{
	if (!c)
		return;
	pthread_cond_t *const cv[] = {&c->wake, &c->ended};
	bc_sync_stop(&c->mu, cv, 2, c->thread, &c->stop);
	sqlite3_close(c->db);
	bc_free(c);
}

/* SPDX-License-Identifier: MIT */
#include "readahead.h"
#include "mem.h"
#include "sync.h"

#include <pthread.h>
#include <stdint.h>
#include <sys/stat.h>

/* A file's read, and the bytes it was charged against lim.bytes. */
typedef struct slot {
	bc_import_read r;
	size_t bytes;
} slot;

/*
 * Who may touch what.  File i is read into slots[i % n_slots]: the
 * caller's, and lim.files read ahead.  A slot is the reader thread's
 * from when the caller is done with the file it held before (done >
 * i - n_slots), which the reader frees, until it counts file i read
 * (read = i + 1), then the caller's until it is done with it (done =
 * i + 1); so no slot is ever touched by both threads at once, and what
 * one made is handed over by the mutex that counts it.  read, done,
 * held and stop are under the mutex; paths, n, lim and n_slots do not
 * change after the start; next and has are the caller's alone.
 *
 * The reader thread runs bc_import_read_file alone, which touches
 * nothing shared with the caller's thread: no store, no Lua state, no
 * rulebook.  What it calls was checked for state of its own: the
 * readers (json_read.c, csv_read.c, xlsx_read.c), base/ (text, digest,
 * csv_parse, error: bc_diags are per list) and read/ hold no mutable
 * static (the allocation hook of mem.c, built into the unit tests only,
 * has a lock); libcsv, expat and libzip keep their state in the parser
 * or archive each call makes; nettle's SHA-256 in its context; jansson
 * 2.14 seeds its hash with atomic builtins (JSON_HAVE_ATOMIC_BUILTINS)
 * and counts references atomically; gettext's dgettext (_()) is
 * thread-safe in glibc, and the locale is set once, by main, before
 * any import; strerror(3), for the errno of a file that cannot be read,
 * returns glibc's own text for every errno open(2) sets (its buffer
 * is for unknown numbers only), copied at once into the read's list.
 */
struct bc_readahead {
	const char *const *paths;
	size_t n;
	bc_readahead_limits lim;
	slot *slots;
	size_t n_slots;
	size_t next; /* files handed to the caller */
	bool has;    /* the caller holds file next - 1 */
	bool threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t moved; /* read, done or stop changed */
	size_t read, done, held;
	bool stop;
	/* A reading thread that had to wait goes on only once the files
	 * held are down to low: it reads several in a row, instead of
	 * waking and waiting again for each file the caller is done with
	 * (two switches a file: 50,000 on a machine where the other core
	 * is busy, for 14,000 small files). */
	size_t low;
};

/* What reading the file at path will hold at most: its size, or nothing
 * when it is refused before it is read (too large, or missing). */
static size_t charge(const char *path)
{
	struct stat st;
	if (stat(path, &st) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > BC_IMPORT_MAX_FILE)
		return 0;
	return (size_t)st.st_size;
}

/* Whether file i, of the bytes given, may be read now (under lock). */
static bool may_read(const bc_readahead *ra, size_t i, size_t bytes)
{
	if (i - ra->done >= ra->n_slots)
		return false;
	return i == ra->done || ra->held + bytes <= ra->lim.bytes;
}

/* Frees the reads of the files the caller is done with, from *freed:
 * on the reading thread, which made them, so that glibc's malloc takes
 * them back into the arena it gave them from, and the caller's thread
 * spends nothing on them.  Called with the lock held, which it lets go
 * meanwhile. */
static void free_done(bc_readahead *ra, size_t *freed)
{
	size_t done = ra->done;
	pthread_mutex_unlock(&ra->lock);
	for (; *freed < done; ++*freed)
		bc_import_read_free(&ra->slots[*freed % ra->n_slots].r);
	pthread_mutex_lock(&ra->lock);
}

/* Waits until file i, of the bytes given, may be read into its slot,
 * freed first; false when the caller stopped the reading. */
static bool wait_turn(bc_readahead *ra, size_t i, size_t bytes,
		      size_t *freed)
{
	pthread_mutex_lock(&ra->lock);
	bool wait = !may_read(ra, i, bytes);
	while (!ra->stop && wait) {
		if (*freed < ra->done)
			free_done(ra, freed);
		else
			pthread_cond_wait(&ra->moved, &ra->lock);
		wait = !may_read(ra, i, bytes) || i - ra->done > ra->low;
	}
	bool go = !ra->stop;
	ra->held += go ? bytes : 0;
	if (go && *freed < ra->done)
		free_done(ra, freed);
	pthread_mutex_unlock(&ra->lock);
	return go;
}

static void *reader(void *arg)
{
	bc_readahead *ra = arg;
	size_t freed = 0;
	for (size_t i = 0; i < ra->n; i++) {
		slot *s = &ra->slots[i % ra->n_slots];
		size_t bytes = charge(ra->paths[i]);
		if (!wait_turn(ra, i, bytes, &freed))
			break;
		s->bytes = bytes;
		bc_import_read_file(ra->paths[i], &s->r);
		pthread_mutex_lock(&ra->lock);
		ra->read = i + 1;
		pthread_cond_broadcast(&ra->moved);
		pthread_mutex_unlock(&ra->lock);
	}
	return NULL;
}

/* The thread, its mutex and condition; false (none of them) when the
 * system gives none of them: the files are then read when asked for. */
static bool start_thread(bc_readahead *ra)
{
	pthread_cond_t *const cv[] = {&ra->moved};
	return bc_sync_start(&ra->lock, cv, 1, &ra->thread, reader, ra);
}

bc_err bc_readahead_start(const char *const *paths, size_t n,
			  const bc_readahead_limits *lim, bc_readahead **out)
{
	*out = NULL;
	bc_readahead *ra = bc_calloc(1, sizeof *ra);
	if (!ra)
		return BC_ERR_NOMEM;
	ra->paths = paths;
	ra->n = n;
	ra->lim = lim ? *lim
		      : (bc_readahead_limits){BC_READAHEAD_FILES,
					      BC_READAHEAD_BYTES};
	ra->n_slots = (ra->lim.files ? ra->lim.files : 1) + 1;
	ra->low = ra->n_slots / 2;
	ra->slots = bc_calloc(ra->n_slots, sizeof *ra->slots);
	if (!ra->slots) {
		bc_free(ra);
		return BC_ERR_NOMEM;
	}
	ra->threaded = n > 1 && start_thread(ra);
	*out = ra;
	return BC_OK;
}

/* The caller is done with its file: its bytes are given back, and the
 * reading thread frees it (free_done), or this one when there is none. */
static void release(bc_readahead *ra)
{
	slot *s = &ra->slots[(ra->next - 1) % ra->n_slots];
	ra->has = false;
	if (!ra->threaded) {
		bc_import_read_free(&s->r);
		return;
	}
	pthread_mutex_lock(&ra->lock);
	ra->done = ra->next;
	ra->held -= s->bytes;
	if (ra->read - ra->done <= ra->low)
		pthread_cond_broadcast(&ra->moved);
	pthread_mutex_unlock(&ra->lock);
}

bc_import_read *bc_readahead_next(bc_readahead *ra)
{
	if (ra->has)
		release(ra);
	if (ra->next == ra->n)
		return NULL;
	size_t i = ra->next++;
	slot *s = &ra->slots[i % ra->n_slots];
	ra->has = true;
	if (!ra->threaded) {
		bc_import_read_file(ra->paths[i], &s->r);
		return &s->r;
	}
	pthread_mutex_lock(&ra->lock);
	while (ra->read <= i)
		pthread_cond_wait(&ra->moved, &ra->lock);
	pthread_mutex_unlock(&ra->lock);
	return &s->r;
}

void bc_readahead_free(bc_readahead *ra)
{
	if (!ra)
		return;
	if (ra->threaded) {
		pthread_cond_t *const cv[] = {&ra->moved};
		bc_sync_stop(&ra->lock, cv, 1, ra->thread, &ra->stop);
	}
	/* Slots never read, or freed already, are empty; those the caller
	 * was done with after the reading thread's last file are not. */
	for (size_t i = 0; i < ra->n_slots; i++)
		bc_import_read_free(&ra->slots[i].r);
	bc_free(ra->slots);
	bc_free(ra);
}

/* SPDX-License-Identifier: MIT */
/*
 * What each of baocao's second threads is made of (import/readahead.c,
 * store/checkpoint.c, export/xlsx_queue.c, export/xlsx_values.c; the
 * deflating threads of base/zipwrite.c): a mutex, the condition
 * variables its hand-overs wait on, and the thread, made together or
 * not at all, so that each owner has one failure to handle (it then
 * does the work on its own thread) and one way to undo them.
 */
#ifndef BC_SYNC_H
#define BC_SYNC_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* Initialises *mu and *cv[0..n); false when the system refuses any of
 * them (what was made is undone).  For an owner with several threads
 * (base/zipwrite.c), which starts them itself. */
bool bc_sync_init(pthread_mutex_t *mu, pthread_cond_t *const *cv, size_t n);
/* Initialises *mu and *cv[0..n), then starts *t running fn(arg).  False
 * when the system refuses any of them: what was made is undone. */
bool bc_sync_start(pthread_mutex_t *mu, pthread_cond_t *const *cv, size_t n,
		   pthread_t *t, void *(*fn)(void *), void *arg);
/* Destroys *mu and *cv[0..n), once the thread bc_sync_start started has
 * been joined. */
void bc_sync_end(pthread_mutex_t *mu, pthread_cond_t *const *cv, size_t n);
/* Sets *stop under *mu and wakes every waiter on *cv[0..n), then joins
 * t, the thread bc_sync_start started, which sees *stop where it waits,
 * and destroys *mu and *cv[0..n). */
void bc_sync_stop(pthread_mutex_t *mu, pthread_cond_t *const *cv, size_t n,
		  pthread_t t, bool *stop);

#endif

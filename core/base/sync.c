/* SPDX-License-Identifier: MIT */
#include "sync.h"

void bc_sync_end(pthread_mutex_t *mu, pthread_cond_t *const *cv, size_t n)
{
	while (n)
		pthread_cond_destroy(cv[--n]);
	pthread_mutex_destroy(mu);
}

bool bc_sync_init(pthread_mutex_t *mu, pthread_cond_t *const *cv, size_t n)
{
	if (pthread_mutex_init(mu, NULL))
		return false;
	for (size_t i = 0; i < n; i++)
		if (pthread_cond_init(cv[i], NULL)) {
			bc_sync_end(mu, cv, i);
			return false;
		}
	return true;
}

bool bc_sync_start(pthread_mutex_t *mu, pthread_cond_t *const *cv, size_t n,
		   pthread_t *t, void *(*fn)(void *), void *arg)
{
	if (!bc_sync_init(mu, cv, n))
		return false;
	if (pthread_create(t, NULL, fn, arg)) {
		bc_sync_end(mu, cv, n);
		return false;
	}
	return true;
}

void bc_sync_stop(pthread_mutex_t *mu, pthread_cond_t *const *cv, size_t n,
		  pthread_t t, bool *stop)
{
	pthread_mutex_lock(mu);
	*stop = true;
	for (size_t i = 0; i < n; i++)
		pthread_cond_broadcast(cv[i]);
	pthread_mutex_unlock(mu);
	pthread_join(t, NULL);
	bc_sync_end(mu, cv, n);
}

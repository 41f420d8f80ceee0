/* SPDX-License-Identifier: MIT */
/*
 * How long work tells its caller how far it has come: the library never
 * prints, so a caller that shows progress (the CLI, on a terminal) hands
 * it a bc_progress, and the work reports "done of total" as it goes.
 */
#ifndef BC_PROGRESS_CB_H
#define BC_PROGRESS_CB_H

#include <stddef.h>

typedef struct bc_progress {
	/* Called with the pieces done so far and the pieces in all, done
	 * growing from 0 to total; NULL for a caller that does not ask. */
	void (*fn)(void *arg, size_t done, size_t total);
	void *arg;
} bc_progress;

/* Reports done of total to p, if p asks. */
static inline void bc_progress_report(const bc_progress *p, size_t done,
				      size_t total)
{
	if (p && p->fn)
		p->fn(p->arg, done, total);
}

#endif

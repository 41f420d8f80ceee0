/* SPDX-License-Identifier: MIT */
/*
 * Twins: more connections to a store's file that read exactly what the
 * store's read transaction reads, one for each other thread that reads
 * for it (a store is used by one thread at a time), so that one export
 * or aggregate can read on several cores and still see one state of the
 * database.
 *
 * SQLite (as Debian builds it) cannot hand a snapshot from one
 * connection to another: the twins and the store begin their
 * transactions while a third connection holds the write lock, so that
 * no commit falls between them, and let it go at once.
 */
#ifndef BC_TWINS_H
#define BC_TWINS_H

#include "error.h"
#include "store.h"

#include <stddef.h>

/* Begins a read transaction on st (as bc_store_begin_read) and opens
 * *got ≤ n twins into twins[], each in a read transaction of the same
 * snapshot, with st's clock and actor.  *got is 0, and only st's
 * transaction begun, when twins cannot be had without waiting or
 * failing: st already in a transaction, another program holding the
 * write lock, a file that cannot be written or a twin that cannot be
 * opened.  Nothing of that is said in d; an error beginning st's own
 * transaction is, and is returned.  Each twin belongs to the caller:
 * bc_store_close ends its transaction. */
bc_err bc_twins_begin_read(bc_store *st, bc_store **twins, size_t n,
			   size_t *got, bc_diags *d);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Checkpoints off the writing thread.  In WAL mode SQLite copies the WAL
 * back into the database file (a checkpoint: the copy and two fsyncs)
 * in the commit that leaves the WAL past 1000 pages, on the thread that
 * committed: an import waited for it after every big file, a second of
 * a national import.  A checkpointer runs them instead on a thread of its
 * own, with a connection of its own to the same file, while the writer
 * goes on.
 */
#ifndef BC_CHECKPOINT_H
#define BC_CHECKPOINT_H

#include <stdbool.h>

struct sqlite3;
typedef struct bc_checkpointer bc_checkpointer;

/* The WAL's size, in pages, past which a commit asks for a checkpoint:
 * SQLite's own default, for which its WAL is made. */
#define BC_CHECKPOINT_PAGES 1000

/* The WAL's size, in pages, past which the writer waits for the
 * checkpointer (a national JSON import's WAL peaked at 19-41 MB with
 * SQLite's checkpoints, at 80-104 MB with this cap and 4 KiB pages, for
 * two short waits: see docs/performance.md). */
#define BC_CHECKPOINT_CAP (16 * BC_CHECKPOINT_PAGES)

/* The name of its thread. */
#define BC_CHECKPOINT_THREAD "bc-checkpoint"

/* Starts a checkpointer on the database file the connection db (in WAL
 * mode, written by the calling thread) has open, that keeps the WAL
 * under about cap pages (see bc_checkpointer_committed).  NULL when it
 * cannot (no memory, no thread, the file cannot be opened again): the
 * caller checkpoints as before.  Stopped and freed by
 * bc_checkpointer_stop. */
bc_checkpointer *bc_checkpointer_start(struct sqlite3 *db, int cap);

/* Called by the writer after a commit left the WAL at pages: asks for a
 * checkpoint and returns at once, unless this commit and the one before
 * both left the WAL past the cap (see checkpoint.c): then it waits for a
 * checkpoint of what it committed, so that its next write starts the
 * WAL over. */
void bc_checkpointer_committed(bc_checkpointer *c, int pages);
/* True when the writer, holding a transaction open to commit it later
 * (bc_store_batch), should commit it now: the last commit left the WAL
 * past the cap and has been copied, so this commit's wait is short.
 * False for NULL. */
bool bc_checkpointer_due(bc_checkpointer *c);

/* Stops the thread once the checkpoint it runs (if any) ends, joins it
 * and closes its connection, then frees c.  Call before the writer's
 * connection closes: the last connection to close copies what is left
 * of the WAL into the file and removes it.  NULL does nothing. */
void bc_checkpointer_stop(bc_checkpointer *c);

#endif

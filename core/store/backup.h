/* SPDX-License-Identifier: MIT */
/*
 * Backups: the database copied into a file of its own, and put back
 * from one.
 */
#ifndef BC_BACKUP_H
#define BC_BACKUP_H

#include "dbcheck.h"
#include "date.h"
#include "error.h"
#include "store.h"

/*
 * Writes a copy of the open database to path with SQLite's online
 * backup, in one step: the copy is one state of the database even while
 * others write to it.  It is written beside path under a temporary name,
 * as a single file (no journal beside it), checked with SQLite's
 * quick_check, and appears at path only complete.  An existing path is
 * never replaced: that is BC_ERR_IO, and d says so.  A damaged database
 * is BC_ERR_DAMAGED, and no copy is left.
 */
bc_err bc_backup_write(bc_store *st, const char *path, bc_diags *d);

/*
 * Puts back the database at db (where it leads, if a symbolic link)
 * from the backup at path.  The backup is
 * copied beside db under a temporary name and checked whole
 * (bc_check_database) first: a backup with any problem is refused
 * (BC_ERR_INVALID, the problems in d) and nothing changes.  A database
 * at db is not removed but renamed, with its journal, to
 * "DB.before-restore-STAMP" (now, UTC); that name goes in *kept (freed
 * with bc_free), NULL if there was none.  *counts says what the backup
 * holds.
 */
bc_err bc_backup_restore(const char *path, const char *db, bc_time now,
			 char **kept, bc_check_counts *counts, bc_diags *d);

#endif

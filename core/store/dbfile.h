/* SPDX-License-Identifier: MIT */
/*
 * The database as a file on disk, beside its journal files (NAME-wal,
 * NAME-shm): saying truly why SQLite could not use it, and putting a
 * finished database file in place without ever replacing one.
 */
#ifndef BC_DBFILE_H
#define BC_DBFILE_H

#include "error.h"

#include <stdbool.h>

/* Adds to d one diagnostic naming path that says why SQLite failed on
 * the database there: the directory (missing, not writable), the file
 * (not readable or writable, a directory), the journal files, the
 * content (too short or not SQLite, cut short, damaged), the disk (full,
 * read-only).  code is SQLite's extended result code, sys_errno the
 * system error it saw (0 if none), msg its text, doing what was being
 * done ("import", in English marked N_(): it is shown translated).
 * Returns BC_ERR_DAMAGED for a damaged file, BC_ERR_NOMEM when SQLite
 * ran out of memory, else BC_ERR_DB. */
bc_err bc_dbfile_explain(const char *path, int code, int sys_errno,
			 const char *msg, const char *doing, bc_diags *d);
/* True for an SQLite result code that means the file is damaged. */
bool bc_dbfile_damage_code(int code);
/* The advice given with every report of damage. */
#define BC_DBFILE_DAMAGED                                                     \
	N_("the database is damaged: run 'baocao check' to see what is "    \
	   "wrong, and restore it from a backup ('baocao restore --help')")

/* The reason a database may not be created at path, or NULL when there
 * is none: its journal file NAME-wal lies there without it (SQLite would
 * apply that journal, a removed database's last changes, to the new
 * file).  The text is static, in English, marked N_(). */
const char *bc_dbfile_stray_journal(const char *path);

/* Creates the temporary file for a database that will become path
 * (beside it, empty, with a new file's mode); *tmp is its name, freed
 * with bc_free.  A failure says why, as bc_dbfile_explain does. */
bc_err bc_dbfile_tmp(const char *path, char **tmp, bc_diags *d);
/* Moves the finished file tmp to path unless something is there: then
 * *existed is true and path is left as it was.  tmp is gone afterwards
 * either way, and the directory is synced, so the name survives a power
 * cut. */
bc_err bc_dbfile_publish(const char *tmp, const char *path, bool *existed,
			 bc_diags *d);
/* Renames from to to unless something is at to: then *existed is true
 * and nothing changes.  The directory is synced. */
bc_err bc_dbfile_rename(const char *from, const char *to, bool *existed,
			bc_diags *d);
/* Removes the database file tmp with its journal files (a temporary
 * database given up). */
void bc_dbfile_remove(const char *tmp);

#endif

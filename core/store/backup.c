/* SPDX-License-Identifier: MIT */
#include "backup.h"
#include "dbfile.h"
#include "mem.h"
#include "outfile.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bc_err exists(const char *path, bc_diags *d)
{
	bc_diags_add(d, BC_ERROR, path, 0, NULL, NULL,
		     N_("already exists: a backup never replaces a file; give "
		        "a new name (or move that file away)"));
	return BC_ERR_IO;
}

/* quick_check of the copy: its first complaint into why, or true. */
static bool sound(sqlite3 *db, char *why, size_t n)
{
	sqlite3_stmt *s;
	bool ok = false;
	snprintf(why, n, "%s", "it cannot be read");
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &s, NULL) !=
	    SQLITE_OK)
		return false;
	if (sqlite3_step(s) == SQLITE_ROW) {
		static const char main_db[] = "*** in database main ***\n";
		const char *r = (const char *)sqlite3_column_text(s, 0);
		ok = r && strcmp(r, "ok") == 0;
		if (r && !strncmp(r, main_db, sizeof main_db - 1))
			r += sizeof main_db - 1;
		snprintf(why, n, "%s", r ? r : "?");
	}
	sqlite3_finalize(s);
	return ok;
}

/* What copy_to says of its source: the verb, and the text of damage (in
 * English, marked N_()). */
typedef struct source {
	const char *path, *doing, *damaged;
} source;

/* The source could not be read: damaged (BC_ERR_DAMAGED), or no SQLite
 * database at all (BC_ERR_INVALID). */
static bc_err bad_source(const source *from, int code, const char *msg,
			 bc_diags *d)
{
	bc_diags why = BC_DIAGS_INIT;
	bc_err rc = bc_dbfile_explain(from->path, code, 0, msg, from->doing,
				      &why);
	if (rc == BC_ERR_DAMAGED) {
		bc_said s = {0};
		bc_said_cat(&s, "", from->damaged);
		bc_said_catf(&s, " (%s)", msg);
		bc_diags_add_made(d, BC_ERROR, from->path, 0, s.msg, s.text);
	} else
		bc_diags_move(d, &why);
	bc_diags_free(&why);
	return rc == BC_ERR_DAMAGED ? rc : BC_ERR_INVALID;
}

/* The whole database of src, in one step, into the new file dst_path;
 * then made a single file (the copy took the source's WAL mode) and
 * checked.  Damage is the source's; other failures the copy's. */
static bc_err copy_to(sqlite3 *src, const source *from, const char *dst_path,
		      bc_diags *d)
{
	sqlite3 *dst;
	char why[256];
	int r = sqlite3_open_v2(dst_path, &dst, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_backup *b =
		r == SQLITE_OK ? sqlite3_backup_init(dst, "main", src, "main")
			       : NULL;
	if (b) {
		/* A lock on the source is waited for by its busy handler. */
		r = sqlite3_backup_step(b, -1);
		int f = sqlite3_backup_finish(b);
		r = r == SQLITE_DONE ? f : r;
	} else if (r == SQLITE_OK) {
		r = sqlite3_extended_errcode(dst);
	}
	if (r == SQLITE_OK)
		r = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL,
				 NULL, NULL);
	bc_err rc = BC_OK;
	if (bc_dbfile_damage_code(r))
		rc = bad_source(from, r, sqlite3_errmsg(dst), d);
	else if (r != SQLITE_OK)
		rc = bc_dbfile_explain(dst_path, r, sqlite3_system_errno(dst),
				       sqlite3_errmsg(dst), from->doing, d);
	else if (!sound(dst, why, sizeof why)) {
		bc_said s = {0};
		bc_said_cat(&s, "", from->damaged);
		bc_said_catf(&s, N_(" (its copy fails SQLite's quick_check: %s)"),
			     why);
		bc_diags_add_made(d, BC_ERROR, from->path, 0, s.msg, s.text);
		rc = BC_ERR_DAMAGED;
	}
	sqlite3_close(dst);
	return rc;
}

bc_err bc_backup_write(bc_store *st, const char *path, bc_diags *d)
{
	struct stat sb;
	if (lstat(path, &sb) == 0)
		return exists(path, d);
	char *tmp;
	bool existed = false;
	bc_err rc = bc_dbfile_tmp(path, &tmp, d);
	if (rc != BC_OK)
		return rc;
	source from = {bc_store_path(st), N_("backup"), BC_DBFILE_DAMAGED};
	rc = copy_to(bc_store_db(st), &from, tmp, d);
	if (rc == BC_ERR_DAMAGED)
		bc_store_set_damaged(st);
	if (rc == BC_OK)
		rc = bc_dbfile_publish(tmp, path, &existed, d);
	else
		bc_dbfile_remove(tmp);
	if (rc == BC_OK && existed)
		rc = exists(path, d);
	bc_free(tmp);
	return rc;
}

/* ---- restore -------------------------------------------------------------- */

/* SQLite's URI of path read as a file nothing changes: no lock, no
 * journal beside it (a backup may sit on a read-only stick). */
static char *immutable_uri(const char *path)
{
	char *u = bc_malloc(3 * strlen(path) + 32), *o = u;
	if (!u)
		return NULL;
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	strcpy(o, "?immutable=1");
	return u;
}

/* Messages about the temporary copy name the backup it came from. */
static void name_backup(bc_diags *d, const char *tmp, const char *path)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].file && strcmp(d->v[i].file, tmp) == 0) {
			char *p = bc_strdup(path);
			if (p) {
				bc_free(d->v[i].file);
				d->v[i].file = p;
			}
		}
}

/* The backup, copied to tmp, must be a baocao database that passes
 * every check: if not, it is refused as input (BC_ERR_INVALID). */
static bc_err copy_checked(const char *path, const char *tmp,
			   bc_check_counts *counts, bc_diags *d)
{
	sqlite3 *src = NULL;
	bc_store *st = NULL;
	size_t errors = d->errors;
	char *uri = immutable_uri(path);
	if (!uri)
		return BC_ERR_NOMEM;
	int r = sqlite3_open_v2(uri, &src, SQLITE_OPEN_READONLY |
					    SQLITE_OPEN_URI, NULL);
	source from = {path, N_("cannot restore"),
		       N_("the backup is damaged and cannot be restored: use "
			  "an earlier one")};
	bc_err rc = r == SQLITE_OK
			    ? copy_to(src, &from, tmp, d)
			    : bc_dbfile_explain(path, r, sqlite3_system_errno(src),
						sqlite3_errmsg(src),
						N_("cannot read the backup"), d);
	sqlite3_close(src);
	bc_free(uri);
	if (rc == BC_OK) {
		rc = bc_store_open(tmp, BC_OPEN_READ, &st, d);
		/* Not a baocao database (or an empty one): refused. */
		if (rc == BC_ERR_DB || rc == BC_ERR_NO_DB)
			rc = BC_ERR_INVALID;
	}
	if (rc == BC_OK)
		rc = bc_check_database(st, counts, d);
	bc_store_close(st);
	name_backup(d, tmp, path);
	if (rc == BC_ERR_DAMAGED || (rc == BC_OK && d->errors > errors))
		return BC_ERR_INVALID;
	return rc;
}

/* Renames the file name+suffix to kept+suffix if it is there. */
static bc_err keep(const char *name, const char *kept, const char *suffix,
		   bool *moved, bc_diags *d)
{
	char *from = bc_sprintf("%s%s", name, suffix),
	     *to = bc_sprintf("%s%s", kept, suffix);
	struct stat sb;
	bool existed = false;
	bc_err rc = from && to ? BC_OK : BC_ERR_NOMEM;
	/* An empty journal (a reader's) holds nothing to keep. */
	if (rc == BC_OK && *suffix && lstat(from, &sb) == 0 && !sb.st_size)
		unlink(from);
	*moved = rc == BC_OK && lstat(from, &sb) == 0;
	if (*moved)
		rc = bc_dbfile_rename(from, to, &existed, d);
	if (rc == BC_OK && existed) {
		bc_diags_add(d, BC_ERROR, to, 0, NULL, NULL,
			     N_("already exists; nothing restored"));
		rc = BC_ERR_IO;
	}
	bc_free(from);
	bc_free(to);
	return rc;
}

/* "DB.before-restore-STAMPZ", or with "-2", "-3" … if that is taken
 * (two restores in a second, or a clock fixed for tests). */
static bool taken(const char *name)
{
	struct stat sb;
	char *wal = bc_sprintf("%s-wal", name);
	bool t = lstat(name, &sb) == 0 || (wal && lstat(wal, &sb) == 0);
	bc_free(wal);
	return t;
}

static char *free_name(const char *db, const char *stamp)
{
	char *name = bc_sprintf("%s.before-restore-%sZ", db, stamp);
	for (int i = 2; name && taken(name); i++) {
		bc_free(name);
		name = bc_sprintf("%s.before-restore-%sZ-%d", db, stamp, i);
	}
	return name;
}

/* The database at db and its journal go to db.before-restore-STAMP: the
 * journal holds committed changes not yet in the file, and must not
 * stay beside db, where SQLite would apply it to the restored file.
 * *kept names what was kept, or is NULL. */
static bc_err move_aside(const char *db, bc_time now, char **kept,
			 bc_diags *d)
{
	char stamp[BC_TIME_BUF];
	bool file = false, wal = false;
	bc_time_format(now, 0, stamp); /* 2024-05-01T08:30:00+00:00 */
	stamp[13] = stamp[16] = '-';
	stamp[19] = '\0';
	*kept = free_name(db, stamp);
	if (!*kept)
		return BC_ERR_NOMEM;
	bc_err rc = keep(db, *kept, "", &file, d);
	if (rc == BC_OK)
		rc = keep(db, *kept, "-wal", &wal, d);
	char *shm = bc_sprintf("%s-shm", db);
	if (rc == BC_OK && shm)
		unlink(shm); /* an index of the journal, made again */
	bc_free(shm);
	char *w = rc == BC_OK && !file && wal ? bc_sprintf("%s-wal", *kept)
					      : NULL;
	if (rc != BC_OK || !file) {
		bc_free(*kept);
		*kept = w; /* the journal alone, or nothing, was kept */
	}
	return rc;
}

bc_err bc_backup_restore(const char *path, const char *link, bc_time now,
			 char **kept, bc_check_counts *counts, bc_diags *d)
{
	char *tmp = NULL, *db = bc_path_follow(link);
	bool existed = false;
	*kept = NULL;
	*counts = (bc_check_counts){0};
	bc_err rc = db ? bc_dbfile_tmp(db, &tmp, d) : BC_ERR_NOMEM;
	if (rc != BC_OK) {
		bc_free(db);
		return rc;
	}
	rc = copy_checked(path, tmp, counts, d);
	if (rc == BC_OK)
		rc = move_aside(db, now, kept, d);
	if (rc == BC_OK)
		rc = bc_dbfile_publish(tmp, db, &existed, d);
	else
		bc_dbfile_remove(tmp);
	if (rc == BC_OK && existed) {
		bc_diags_add(d, BC_ERROR, db, 0, NULL, NULL,
			     N_("another database was made here meanwhile; "
			        "nothing restored"));
		rc = BC_ERR_IO;
	}
	bc_free(tmp);
	bc_free(db);
	return rc;
}

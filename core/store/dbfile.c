/* SPDX-License-Identifier: MIT */
#include "dbfile.h"
#include "mem.h"
#include "outfile.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* SQLite's file header: 100 bytes, the first 16 its signature. */
#define HEADER 100
static const char MAGIC[16] = "SQLite format 3";

bool bc_dbfile_damage_code(int code)
{
	return (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB;
}

static bool can(const char *path, int how)
{
	return faccessat(AT_FDCWD, path, how, AT_EACCESS) == 0;
}

/* Why path's directory or the file keeps SQLite from using it, into
 * why; false when neither seems to. */
static bool why_unusable(const char *path, bc_said *why)
{
	char *dir = bc_path_dir(path);
	struct stat sb;
	bool found = true;
	if (!dir)
		found = false;
	else if (stat(dir, &sb) != 0)
		bc_said_make(why, N_("the directory %s does not exist"), dir);
	else if (!S_ISDIR(sb.st_mode))
		bc_said_make(why, N_("%s is not a directory"), dir);
	else if (!can(dir, W_OK | X_OK))
		bc_said_make(why,
			     N_("%s on the directory %s: SQLite writes its "
				"journal files (the database's name with -wal "
				"and -shm) beside the database, so baocao must "
				"be able to create files there"),
			     strerror(errno), dir);
	else if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		bc_said_make(why, N_("a directory, not a database file"));
	else if (stat(path, &sb) == 0 && !can(path, R_OK | W_OK))
		bc_said_make(why,
			     N_("%s on the file: baocao must be able to read "
				"and write it"),
			     strerror(errno));
	else
		found = false;
	bc_free(dir);
	return found;
}

/* The journal file of path with this suffix ("-wal") when it exists but
 * cannot be read and written, into why. */
static bool journal_unusable(const char *path, const char *suffix,
			     bc_said *why)
{
	char *j = bc_sprintf("%s%s", path, suffix);
	struct stat sb;
	bool bad = j && stat(j, &sb) == 0 && !can(j, R_OK | W_OK);
	if (bad)
		bc_said_make(why, N_("%s on its journal file %s"),
			     strerror(errno), j);
	bc_free(j);
	return bad;
}

/* "doing: why" about path, doing in English marked N_(). */
static void add_doing(bc_diags *d, const char *path, const char *doing,
		      const bc_said *why)
{
	char msg[sizeof why->msg + 128], text[sizeof why->text + 128];
	snprintf(msg, sizeof msg, "%s: %s", doing, why->msg);
	snprintf(text, sizeof text, "%s: %s", *doing ? _(doing) : doing,
		 why->text);
	bc_diags_add_made(d, BC_ERROR, path, 0, msg, text);
}

typedef struct header {
	long long size;	       /* of the file, -1 if it cannot be read */
	bool sqlite;	       /* begins with SQLite's signature */
	long long want;	       /* bytes its header says it has, 0 unknown */
	unsigned pages, psize; /* what the header says */
} header;

static uint32_t be(const unsigned char *p, int n)
{
	uint32_t v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* The size of the file and what its header says of it. */
static header read_header(const char *path)
{
	header h = {.size = -1};
	unsigned char b[HEADER];
	struct stat sb;
	FILE *f = fopen(path, "rb");
	if (!f)
		return h;
	size_t got = fread(b, 1, sizeof b, f);
	if (fstat(fileno(f), &sb) == 0)
		h.size = (long long)sb.st_size;
	fclose(f);
	h.sqlite = got >= sizeof MAGIC && !memcmp(b, MAGIC, sizeof MAGIC);
	if (!h.sqlite || got < HEADER)
		return h;
	h.psize = be(b + 16, 2) == 1 ? 65536 : be(b + 16, 2);
	h.pages = be(b + 28, 4);
	/* The page count is valid only when written by the version that
	 * last changed the file (offset 92 equal to the counter at 24). */
	if (be(b + 92, 4) == be(b + 24, 4))
		h.want = (long long)h.pages * h.psize;
	return h;
}

static long long size_of(const char *path, const char *suffix)
{
	char *p = bc_sprintf("%s%s", path, suffix);
	struct stat sb;
	long long n = p && stat(p, &sb) == 0 ? (long long)sb.st_size : 0;
	bc_free(p);
	return n;
}

/* What is wrong with the content of the file (code CORRUPT or NOTADB). */
static bc_err explain_content(const char *path, const char *msg,
			      const char *doing, bc_diags *d)
{
	header h = read_header(path);
	bc_said why;
	bc_err rc = BC_ERR_DAMAGED;
	if (h.size >= 0 && h.size < HEADER && !h.sqlite) {
		bc_said_make(&why,
			     N_("the file is too short to be a database (%lld "
				"bytes): not a baocao database, or a copy cut "
				"short"),
			     h.size);
		rc = BC_ERR_DB;
	} else if (h.size >= 0 && !h.sqlite) {
		bc_said_make(&why, N_("not an SQLite database (the file does "
				      "not begin as one does): not a baocao "
				      "database"));
		rc = BC_ERR_DB;
	} else if (h.size >= 0 && h.size < HEADER) {
		bc_said_make(&why,
			     N_("the file is cut short: %lld bytes, not even "
				"SQLite's header of %d"),
			     h.size, HEADER);
		bc_said_cat(&why, "; ", BC_DBFILE_DAMAGED);
	} else if (h.size >= 0 && h.size < h.want &&
		   size_of(path, "-wal") == 0) {
		/* With a journal, pages may legitimately lie past the file's
		 * end. */
		bc_said_make(&why,
			     N_("the file is cut short: %lld bytes, where its "
				"header says %u pages of %u bytes (%lld)"),
			     h.size, h.pages, h.psize, h.want);
		bc_said_cat(&why, "; ", BC_DBFILE_DAMAGED);
	} else {
		why = (bc_said){0};
		bc_said_cat(&why, "", BC_DBFILE_DAMAGED);
		bc_said_catf(&why, " (%s)", msg);
	}
	add_doing(d, path, doing, &why);
	return rc;
}

bc_err bc_dbfile_explain(const char *path, int code, int sys_errno,
			 const char *msg, const char *doing, bc_diags *d)
{
	bc_said why;
	switch (code & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return explain_content(path, msg, doing, d);
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_READONLY:
	case SQLITE_IOERR:
	case SQLITE_AUTH:
		if (why_unusable(path, &why) ||
		    journal_unusable(path, "-wal", &why) ||
		    journal_unusable(path, "-shm", &why))
			break;
		if (sys_errno == EROFS)
			bc_said_make(&why, N_("the file system is read-only "
					      "(%s)"),
				     msg);
		else if (sys_errno)
			bc_said_make(&why, "%s (%s)", msg,
				     strerror(sys_errno));
		else
			bc_said_make(&why, "%s", msg);
		break;
	case SQLITE_FULL:
		bc_said_make(&why, N_("the disk is full (%s)"), msg);
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		bc_said_make(&why, N_("another program kept the database "
				      "locked for too long (%s); try again"),
			     msg);
		break;
	default:
		bc_said_make(&why, "%s", msg);
	}
	add_doing(d, path, doing, &why);
	/* The machine's memory, not the database's fault. */
	return (code & 0xff) == SQLITE_NOMEM ? BC_ERR_NOMEM : BC_ERR_DB;
}

const char *bc_dbfile_stray_journal(const char *path)
{
	if (size_of(path, "-wal") == 0)
		return NULL;
	return N_("its journal file (the name with -wal) is here without it: "
		  "it holds the last changes of a database that was removed, "
		  "and SQLite would apply them to a new one; move that file "
		  "away (or restore the database from a backup) first");
}

bc_err bc_dbfile_tmp(const char *path, char **tmp, bc_diags *d)
{
	bc_diags quiet = BC_DIAGS_INIT;
	bc_err rc = bc_outfile_tmp_beside(path, tmp, &quiet);
	bc_said why;
	if (rc == BC_ERR_IO && why_unusable(path, &why))
		bc_diags_add_made(d, BC_ERROR, path, 0, why.msg, why.text);
	else
		bc_diags_move(d, &quiet);
	bc_diags_free(&quiet);
	return rc;
}

/* link() refuses to replace a file, atomically; some file systems (FAT
 * on a USB stick) have no links, then rename() after a look. */
static int place(const char *tmp, const char *path, bool *existed)
{
	*existed = false;
	if (link(tmp, path) == 0)
		return 0;
	if (errno == EEXIST) {
		*existed = true;
		return 0;
	}
	if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP &&
	    errno != ENOSYS && errno != EMLINK)
		return -1;
	struct stat sb;
	if (lstat(path, &sb) == 0) {
		*existed = true;
		return 0;
	}
	return rename(tmp, path);
}

bc_err bc_dbfile_rename(const char *from, const char *to, bool *existed,
			bc_diags *d)
{
	if (place(from, to, existed) != 0) {
		bc_diags_add(d, BC_ERROR, to, 0, NULL, NULL, "%s",
			     strerror(errno));
		return BC_ERR_IO;
	}
	if (!*existed)
		unlink(from); /* linked: the old name goes (renamed: gone) */
	char *dir = bc_path_dir(to);
	if (dir)
		bc_dir_sync(dir);
	bc_free(dir);
	return BC_OK;
}

bc_err bc_dbfile_publish(const char *tmp, const char *path, bool *existed,
			 bc_diags *d)
{
	bc_err rc = bc_dbfile_rename(tmp, path, existed, d);
	if (rc != BC_OK || *existed)
		unlink(tmp);
	return rc;
}

void bc_dbfile_remove(const char *tmp)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		char *p = bc_sprintf("%s%s", tmp, suffix[i]);
		if (p)
			unlink(p);
		bc_free(p);
	}
}

/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* flock, fallocate, mkostemp */
#include "outfile.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A temporary file is locked from the moment it is made to the end of
 * its run.  The age covers the instant between the two, and file systems
 * where locks fail: an unlocked file an hour old belongs to no run. */
#define STALE_SECONDS 3600
#define TMP_SUFFIX ".tmp-"
#define TMP_RANDOM 6 /* mkstemp's XXXXXX */
#define LINKS_MAX 40 /* the kernel's own limit (ELOOP) */

typedef enum how {
	REPLACE, /* rename the temporary file over final */
	INTO,    /* copy the temporary file into path */
} how;

struct bc_outfile {
	char *path;  /* as given: messages name it */
	char *final; /* REPLACE: the file renamed over, links followed */
	char *tmp;   /* the temporary file; NULL once renamed */
	char *dir;   /* its directory */
	int fd;      /* the temporary file, locked while open */
	how how;
	bool kept; /* final exists: its mode and owner are kept (was) */
	struct stat was;
	bool failed;
};

const char *bc_outfile_name(const char *path)
{
	return strcmp(path, "-") ? path : "standard output";
}

void bc_outfile_fail(bc_outfile *o, int errnum, bc_diags *d)
{
	if (o->failed)
		return;
	o->failed = true;
	bc_diags_add(d, BC_ERROR, bc_outfile_name(o->path), 0, NULL, NULL,
		     N_("cannot write: %s"), strerror(errnum ? errnum : EIO));
}

bool bc_outfile_failed(const bc_outfile *o)
{
	return o->failed;
}

static bc_err fail(bc_outfile *o, int errnum, bc_diags *d)
{
	bc_outfile_fail(o, errnum, d);
	return BC_ERR_IO;
}

/* ---- where the output goes --------------------------------------------- */

char *bc_path_follow(const char *path)
{
	char *p = bc_strdup(path), to[PATH_MAX];
	for (int hops = 0; p; hops++) {
		struct stat st;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		ssize_t n = readlink(p, to, sizeof to);
		if (hops == LINKS_MAX || n < 0 || n == (ssize_t)sizeof to) {
			errno = hops == LINKS_MAX ? ELOOP
				: n < 0		  ? errno
						  : ENAMETOOLONG;
			break;
		}
		const char *slash = strrchr(p, '/');
		char *next = to[0] == '/' || !slash
				     ? bc_sprintf("%.*s", (int)n, to)
				     : bc_sprintf("%.*s/%.*s", (int)(slash - p),
						  p, (int)n, to);
		bc_free(p);
		p = next;
	}
	bc_free(p);
	return NULL;
}

static bc_err refuse(bc_outfile *o, const char *why, bc_diags *d)
{
	bc_diags_add_made(d, BC_ERROR, o->path, 0, why, _(why));
	return BC_ERR_IO;
}

/* A file of its own (one link), reached by a path that can be renamed
 * over, is replaced; anything else that can be written is written into:
 * other hard links, FIFOs, devices, /proc/self/fd/N of a deleted file. */
static bc_err classify(bc_outfile *o, bc_diags *d)
{
	struct stat st, fin;
	bool exists = stat(o->path, &st) == 0;
	if (!exists && errno != ENOENT)
		return fail(o, errno, d);
	if (exists && S_ISDIR(st.st_mode))
		return refuse(o, N_("is a directory"), d);
	if (exists && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
		o->how = INTO;
		return BC_OK;
	}
	if (exists && !S_ISREG(st.st_mode))
		return refuse(o, N_("not a regular file, a FIFO or a character "
				 "device: nothing is written there"), d);
	if (!(o->final = bc_path_follow(o->path)))
		return errno == ENOMEM ? BC_ERR_NOMEM : fail(o, errno, d);
	bool found = lstat(o->final, &fin) == 0;
	if (!exists && found)
		return fail(o, ENOENT, d); /* a link into /proc to nothing */
	o->kept = exists;
	if (exists)
		o->was = st;
	bool own = found && fin.st_dev == st.st_dev &&
		   fin.st_ino == st.st_ino && st.st_nlink == 1;
	o->how = !exists || own ? REPLACE : INTO;
	return BC_OK;
}

/* ---- temporary files ---------------------------------------------------- */

/* name is base.tmp-XXXXXX, as mkstemp makes it. */
static bool tmp_name(const char *name, const char *base)
{
	size_t n = strlen(base), k = 0;
	if (strncmp(name, base, n) || strncmp(name + n, TMP_SUFFIX,
					      strlen(TMP_SUFFIX)))
		return false;
	const char *x = name + n + strlen(TMP_SUFFIX);
	while (isalnum((unsigned char)x[k]))
		k++;
	return k == TMP_RANDOM && !x[k];
}

/* Removes name if a killed run left it: a regular file of ours, old,
 * unlocked, and still the file looked at when removed. */
static void remove_stale(int dfd, const char *name)
{
	struct stat st, open_st;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    time(NULL) - st.st_mtime < STALE_SECONDS)
		return;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
					   O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &open_st) == 0 && open_st.st_dev == st.st_dev &&
	    open_st.st_ino == st.st_ino && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    open_st.st_dev == st.st_dev && open_st.st_ino == st.st_ino)
		unlinkat(dfd, name, 0);
	close(fd);
}

static void sweep(const char *dir, const char *base)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	while (dp && (e = readdir(dp)))
		if (tmp_name(e->d_name, base))
			remove_stale(dirfd(dp), e->d_name);
	if (dp)
		closedir(dp);
}

static mode_t new_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* A new file dir/base.tmp-XXXXXX, locked, after sweeping what killed
 * runs left there; path names the output in messages. */
static bc_err tmp_in(const char *dir, const char *base, const char *path,
		     char **tmp, int *fd, bc_diags *d)
{
	sweep(dir, base);
	*tmp = bc_sprintf("%s/%s" TMP_SUFFIX "XXXXXX", dir, base);
	if (!*tmp)
		return BC_ERR_NOMEM;
	if ((*fd = mkostemp(*tmp, O_CLOEXEC)) < 0) {
		bc_diags_add(d, BC_ERROR, bc_outfile_name(path), 0, NULL, NULL,
			     N_("cannot make a file in %s: %s"), dir,
			     strerror(errno));
		bc_free(*tmp);
		*tmp = NULL;
		return BC_ERR_IO;
	}
	/* New, so nobody else holds it; where locks fail, the age alone
	 * keeps it from a sweep. */
	(void)flock(*fd, LOCK_EX | LOCK_NB);
	return BC_OK;
}

char *bc_path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	return !slash ? bc_strdup(".")
		      : bc_strndup(path, slash == path ? 1
						       : (size_t)(slash - path));
}

static bc_err make_tmp(bc_outfile *o, bc_diags *d)
{
	const char *base = "baocao", *env = getenv("TMPDIR");
	if (o->how == REPLACE) {
		const char *slash = strrchr(o->final, '/');
		o->dir = bc_path_dir(o->final);
		base = slash ? slash + 1 : o->final;
	} else {
		o->dir = bc_strdup(env && *env == '/' ? env : "/tmp");
	}
	if (!o->dir)
		return BC_ERR_NOMEM;
	return tmp_in(o->dir, base, o->path, &o->tmp, &o->fd, d);
}

bc_err bc_outfile_tmp_beside(const char *path, char **tmp, bc_diags *d)
{
	const char *slash = strrchr(path, '/');
	char *dir = bc_path_dir(path);
	int fd;
	bc_err rc = dir ? tmp_in(dir, slash ? slash + 1 : path, path, tmp, &fd,
				 d)
			: BC_ERR_NOMEM;
	if (rc == BC_OK) {
		/* mkstemp makes it private; it becomes an ordinary file */
		(void)fchmod(fd, new_mode());
		close(fd);
	}
	bc_free(dir);
	return rc;
}

bc_err bc_outfile_open(const char *path, bc_outfile **out, bc_diags *d)
{
	bc_outfile *o = bc_calloc(1, sizeof *o);
	*out = NULL;
	if (!o || !(o->path = bc_strdup(path))) {
		bc_free(o);
		return BC_ERR_NOMEM;
	}
	o->fd = -1;
	bc_err rc = BC_OK;
	if (!*path)
		rc = refuse(o, N_("no file name"), d);
	else if (strcmp(path, "-") != 0)
		rc = classify(o, d);
	else
		o->how = INTO;
	if (rc == BC_OK)
		rc = make_tmp(o, d);
	if (rc != BC_OK) {
		o->failed = true; /* said already */
		bc_outfile_close(o, rc, d);
		return rc;
	}
	*out = o;
	return BC_OK;
}

const char *bc_outfile_tmp(const bc_outfile *o)
{
	return o->tmp;
}

const char *bc_outfile_dir(const bc_outfile *o)
{
	return o->dir;
}

/* ---- putting the output in place ---------------------------------------- */

/* The mode a new file gets: what open(2) gives 0666 under the umask. */

/* Root gives the file back to its owner; anyone may keep a group of
 * theirs.  A file that cannot keep its owner is still written. */
static void keep_owner(const bc_outfile *o)
{
	if (fchown(o->fd, geteuid() == 0 ? o->was.st_uid : (uid_t)-1,
		   o->was.st_gid) != 0)
		return;
}

/* The rename is made durable; a directory that cannot say so has still
 * renamed. */
void bc_dir_sync(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

static bc_err put_replace(bc_outfile *o, bc_diags *d)
{
	if (fsync(o->fd) != 0)
		return fail(o, errno, d);
	if (o->kept)
		keep_owner(o);
	if (fchmod(o->fd, o->kept ? o->was.st_mode & 07777 : new_mode()) != 0 ||
	    rename(o->tmp, o->final) != 0)
		return fail(o, errno, d);
	bc_free(o->tmp);
	o->tmp = NULL;
	bc_dir_sync(o->dir);
	return BC_OK;
}

static int write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

static int put_fd(void *fd, const char *buf, size_t n)
{
	return write_all(*(int *)fd, buf, n);
}

/* buf into out as it is, or, to a terminal, with control characters
 * escaped as everything baocao prints: a text export shown there runs no
 * escape code.  n == 0 ends the output. */
static int put(int out, bc_escaper *tty, const char *buf, size_t n)
{
	return tty ? bc_escape_controls(tty, buf, n, put_fd, &out)
		   : write_all(out, buf, n);
}

/* Copies the temporary file into out; 0 or an errno.  A regular file
 * first gets room for the whole, so that a full disk shows before its
 * content is overwritten, and is cut to the new length after. */
static int copy(int from, int out, bool file)
{
	struct stat st;
	char buf[1 << 16];
	bc_escaper e = {0}, *tty = isatty(out) ? &e : NULL;
	if (fstat(from, &st) != 0)
		return errno;
	if (file && st.st_size && fallocate(out, 0, 0, st.st_size) != 0 &&
	    (errno == ENOSPC || errno == EDQUOT || errno == EFBIG))
		return errno;
	for (off_t at = 0; at < st.st_size;) {
		ssize_t n = pread(from, buf, sizeof buf, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? errno : EIO;
		int err = put(out, tty, buf, (size_t)n);
		if (err)
			return err;
		at += n;
	}
	int err = put(out, tty, "", 0);
	if (err)
		return err;
	if (file && (ftruncate(out, st.st_size) != 0 || fsync(out) != 0))
		return errno;
	return 0;
}

static bc_err put_into(bc_outfile *o, bc_diags *d)
{
	bool std = !strcmp(o->path, "-");
	int out = std ? STDOUT_FILENO
		      : open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	if (out < 0)
		return fail(o, errno, d);
	bool file = !std && fstat(out, &st) == 0 && S_ISREG(st.st_mode);
	int err = copy(o->fd, out, file);
	if (!std && close(out) != 0 && !err)
		err = errno;
	return err ? fail(o, err, d) : BC_OK;
}

bc_err bc_outfile_close(bc_outfile *o, bc_err rc, bc_diags *d)
{
	if (!o)
		return rc;
	if (rc == BC_OK && !o->failed)
		rc = o->how == REPLACE ? put_replace(o, d) : put_into(o, d);
	if (o->failed)
		rc = BC_ERR_IO;
	/* Removed while still locked: no sweep can take it for a leftover
	 * in between. */
	if (o->tmp)
		unlink(o->tmp);
	if (o->fd >= 0)
		close(o->fd);
	bc_free(o->tmp);
	bc_free(o->dir);
	bc_free(o->final);
	bc_free(o->path);
	bc_free(o);
	return rc;
}

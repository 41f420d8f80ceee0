/* SPDX-License-Identifier: MIT */
/*
 * libxlsxwriter's temporary files, written and read 256 KB at a time.
 *
 * In constant_memory mode libxlsxwriter writes each sheet's rows to a
 * temporary file, copies it at workbook_close into another (the sheet's
 * part whole) and reads that into the zip, all through stdio streams
 * whose buffer is the file system's block, 4 KB: a national workbook's
 * 240 MB of XML cost ~190,000 read and write calls, each a trip into the
 * kernel that a virtual machine makes dear (dd here: 177 MB written 4 KB
 * at a time takes 0.29 s, a megabyte at a time 0.04 s).  The rows are
 * written on the writer's thread, the bound of the sheets' phase; the
 * copy and the read are workbook_close's, the bound of the close.
 *
 * libxlsxwriter makes every such file with lxw_tmpfile (utility.h),
 * called through its PLT, so the executable's definition here comes
 * first, as export/xlsx_zip.c's do for minizip's.  It takes the file
 * libxlsxwriter's own lxw_tmpfile makes (where, and how it is unlinked,
 * stay libxlsxwriter's) and hands back a stream on the same open file
 * with a buffer of its own, freed when the stream is closed.  When
 * anything of that fails, libxlsxwriter's file is handed back as it is:
 * slower, not wrong.  The bytes written and read are the same.
 *
 * A stream libxlsxwriter never closes (a sheet without a cell, whose
 * file 1.1.4 leaves open; the sheets after a failed workbook_close)
 * keeps its buffer, 256 KB where its own kept 4 KB, until the process
 * ends; glibc's list of open streams still reaches it, and flushes it
 * at exit through a live buffer.
 *
 * Not in libbaocao, for the same reason as xlsx_zip.c: every executable
 * that writes workbooks compiles it (core/cli, tests/unit).
 */
#define _GNU_SOURCE /* RTLD_NEXT, fopencookie */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter/utility.h>

#define EXPORTED __attribute__((visibility("default")))

/* Large enough that a call's own cost (~4 microseconds here) is small
 * beside the kernel's copy of the buffer (~60 for 256 KB), small enough
 * that a workbook's dozen sheets open at once hold 3 MB. */
#define BUF_SIZE (256 * 1024)

typedef struct tmp {
	int fd;
	char buf[BUF_SIZE];
} tmp;

static ssize_t tmp_read(void *cookie, char *p, size_t n)
{
	tmp *t = cookie;
	ssize_t r;
	do
		r = read(t->fd, p, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/* All of it or an error: stdio takes a short count as one. */
static ssize_t tmp_write(void *cookie, const char *p, size_t n)
{
	tmp *t = cookie;
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(t->fd, p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return (ssize_t)done; /* short: an error */
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int tmp_seek(void *cookie, off64_t *off, int whence)
{
	tmp *t = cookie;
	off64_t at = lseek(t->fd, *off, whence);
	if (at < 0)
		return -1;
	*off = at;
	return 0;
}

/* stdio is done with the buffer when it calls this (fclose flushes
 * first and never reads it after). */
static int tmp_close(void *cookie)
{
	tmp *t = cookie;
	int r = close(t->fd);
	free(t);
	return r;
}

EXPORTED FILE *lxw_tmpfile(char *tmpdir)
{
	FILE *(*own)(char *) =
		(FILE * (*)(char *)) dlsym(RTLD_NEXT, "lxw_tmpfile");
	/* Without libxlsxwriter loaded nobody would call this but a test. */
	FILE *f = own ? own(tmpdir) : NULL;
	if (!f)
		return NULL;
	/* A file handed back as it is was made: the errno of what failed
	 * here is no concern of the caller's, who reads errno after a
	 * failure of its own (bc_xlsx_close). */
	int saved = errno;
	/* The C library's allocator, not bc_malloc: the stream is
	 * libxlsxwriter's to close, which it may never do. */
	tmp *t = malloc(sizeof *t);
	if (!t) {
		errno = saved;
		return f;
	}
	t->fd = fcntl(fileno(f), F_DUPFD_CLOEXEC, 0);
	cookie_io_functions_t io = {tmp_read, tmp_write, tmp_seek, tmp_close};
	FILE *c = t->fd < 0 ? NULL : fopencookie(t, "w+", io);
	if (!c || setvbuf(c, t->buf, _IOFBF, sizeof t->buf)) {
		if (c)
			fclose(c); /* frees t */
		else {
			if (t->fd >= 0)
				close(t->fd);
			free(t);
		}
		errno = saved;
		return f;
	}
	fclose(f); /* the file lives on in t->fd */
	return c;
}

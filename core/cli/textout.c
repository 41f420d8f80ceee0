/* SPDX-License-Identifier: MIT */
/*
 * What baocao prints, on stdout and stderr, with control characters shown
 * escaped: a unit's name, a signer, a narrative or a rules file can hold
 * ESC or CSI, which a terminal would run (clear the screen, rewrite a
 * line, set its title).  Every printf of every command goes through here,
 * so none can forget: the streams themselves are filtered.
 */
#define _GNU_SOURCE /* fopencookie */
#include "cli.h"
#include "i18n.h"
#include "text.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

typedef struct sink {
	int fd;
	bc_escaper e;
	int err; /* of the first failed write */
} sink;

/* As long-lived as the streams they stand behind: to the end of the
 * process, whose exit flushes them. */
static sink out_sink = {.fd = STDOUT_FILENO};
static sink err_sink = {.fd = STDERR_FILENO};

static int write_all(void *cookie, const char *buf, size_t n)
{
	sink *k = cookie;
	while (n && !k->err) {
		ssize_t w = write(k->fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			k->err = w < 0 ? errno : EIO;
		else
			buf += w, n -= (size_t)w;
	}
	return k->err ? -1 : 0;
}

/* 0 when the write failed, never -1: fopencookie(3) forbids a negative
 * count, and glibc's fwrite of a buffer's worth or more subtracts it
 * from what is left to write, wraps, and copies on past the caller's
 * data (a crash when that data ends at the top of the stack). */
static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	sink *k = cookie;
	return bc_escape_controls(&k->e, buf, n, write_all, k) ? 0
							       : (ssize_t)n;
}

static FILE *filtered(sink *k, int mode)
{
	cookie_io_functions_t io = {.write = sink_write};
	FILE *f = fopencookie(k, "w", io);
	if (f)
		setvbuf(f, NULL, mode, BUFSIZ);
	return f;
}

void cli_textout_begin(void)
{
	FILE *o = filtered(&out_sink, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	FILE *e = filtered(&err_sink, _IONBF);
	/* glibc's stdout and stderr are variables (its manual says so). */
	if (o)
		stdout = o;
	if (e)
		stderr = e;
}

int cli_textout_end(int rc)
{
	fflush(stdout);
	bc_escape_controls(&out_sink.e, "", 0, write_all, &out_sink);
	if (!out_sink.err && !ferror(stdout))
		return rc;
	fprintf(stderr, _("baocao: standard output: %s\n"),
		strerror(out_sink.err ? out_sink.err : EIO));
	return rc == EXIT_OK ? EXIT_ENV : rc;
}

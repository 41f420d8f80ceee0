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
#include "text.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

typedef struct sink {
	int fd;
	bool held; /* the last byte was 0xC2, the lead of a C1 control */
	int err;   /* of the first failed write */
} sink;

/* As long-lived as the streams they stand behind: to the end of the
 * process, whose exit flushes them. */
static sink out_sink = {STDOUT_FILENO, false, 0};
static sink err_sink = {STDERR_FILENO, false, 0};

static int write_all(sink *k, const char *buf, size_t n)
{
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

/* A control character as \\u00XX: a line feed is the text's own line
 * break and stays; JSON output (which escapes C0 itself) reads the
 * same with DEL and C1 written so. */
static size_t escaped(unsigned c, char *o)
{
	return (size_t)snprintf(o, 8, "\\u%04x", c);
}

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	sink *k = cookie;
	char o[4096];
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)buf[i];
		if (len > sizeof o - 16) {
			if (write_all(k, o, len) < 0)
				return -1;
			len = 0;
		}
		if (k->held) {
			k->held = false;
			if (b >= 0x80 && b <= 0x9F) {
				len += escaped(b, o + len);
				continue;
			}
			o[len++] = (char)0xC2;
		}
		if (b == 0xC2)
			k->held = true;
		else if (b < 0x80 && b != '\n' && bc_utf8_control(b))
			len += escaped(b, o + len);
		else
			o[len++] = (char)b;
	}
	return write_all(k, o, len) < 0 ? -1 : (ssize_t)n;
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
	/* A byte held at the very end was no C1 control after all. */
	fflush(stdout);
	if (out_sink.held)
		write_all(&out_sink, "\xC2", 1), out_sink.held = false;
	if (!out_sink.err && !ferror(stdout))
		return rc;
	fprintf(stderr, "baocao: standard output: %s\n",
		strerror(out_sink.err ? out_sink.err : EIO));
	return rc == EXIT_OK ? EXIT_ENV : rc;
}

/* SPDX-License-Identifier: MIT */
#include "progress.h"
#include "i18n.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_duration(char *buf, size_t n, double secs)
{
	long s = secs < 0 ? 0 : (long)(secs + 0.5);
	if (s < 60)
		snprintf(buf, n, _("%ld s"), s);
	else if (s < 3600)
		snprintf(buf, n, _("%ld min %02ld s"), s / 60, s % 60);
	else
		snprintf(buf, n, _("%ld h %02ld min"), s / 3600, s / 60 % 60);
}

/* What each kind counts, in the plural: the line's noun. */
static const char *const nouns[] = {
	[CLI_PROGRESS_FILES] = N_("files"),
	[CLI_PROGRESS_UNITS] = N_("units"),
	[CLI_PROGRESS_PARTS] = N_("parts"),
};

void cli_progress_line(char *buf, size_t n, cli_progress_kind kind,
		       size_t done, size_t total, double elapsed)
{
	/* A rate needs something done and some time to do it in. */
	const char *noun = _(nouns[kind]);
	if (done == 0 || elapsed <= 0 || done > total) {
		/* TRANSLATORS: 3/20 files */
		snprintf(buf, n, _("%zu/%zu %s"), done, total, noun);
		return;
	}
	double rate = (double)done / elapsed;
	char left[64];
	cli_progress_duration(left, sizeof left, (double)(total - done) / rate);
	/* TRANSLATORS: 3/20 files, 1.5 files/s, about 11 s left */
	snprintf(buf, n, _("%zu/%zu %s, %.1f %s/s, about %s left"), done,
		 total, noun, rate, noun, left);
}

/* Written whole to the terminal, around stderr's stream: that stream
 * shows a carriage return escaped (textout.c), and this line is the
 * program's own words, never a unit's text.  stderr is unbuffered, so
 * nothing of it waits to come out after the line. */
static void put(const cli_progress *p, const char *s, size_t len)
{
	while (len) {
		ssize_t w = write(p->fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w, len -= (size_t)w;
	}
}

/* "\r", text, then spaces over what is left of a longer line before. */
static void draw(cli_progress *p, const char *text, size_t width)
{
	char buf[512];
	size_t pad = p->width > width ? p->width - width : 0;
	int len = snprintf(buf, sizeof buf, "\r%s%*s", text, (int)pad, "");
	if (len > 0)
		put(p, buf, (size_t)len < sizeof buf ? (size_t)len
						     : sizeof buf - 1);
	p->width = width;
}

void cli_progress_begin(cli_progress *p, bool json, cli_progress_kind kind,
			size_t total)
{
	*p = (cli_progress){.fd = !json && isatty(STDERR_FILENO)
					  ? STDERR_FILENO
					  : -1,
			    .kind = kind, .clock = monotonic, .total = total};
	p->start = p->clock();
}

void cli_progress_step(cli_progress *p, size_t done, size_t total)
{
	p->done = done;
	p->total = total;
	if (p->fd < 0)
		return;
	double now = p->clock();
	if (p->width && now - p->drawn_at < CLI_PROGRESS_EVERY)
		return;
	char line[256];
	cli_progress_line(line, sizeof line, p->kind, done, total,
			  now - p->start);
	draw(p, line, bc_utf8_width(line));
	p->drawn_at = now;
}

void cli_progress_cb(void *arg, size_t done, size_t total)
{
	cli_progress_step(arg, done, total);
}

void cli_progress_hide(cli_progress *p)
{
	if (p->fd < 0 || !p->width)
		return;
	draw(p, "", 0);
	put(p, "\r", 1);
}

void cli_progress_end(cli_progress *p)
{
	cli_progress_hide(p);
	p->fd = -1;
}

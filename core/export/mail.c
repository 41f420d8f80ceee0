/* SPDX-License-Identifier: MIT */
#include "mail.h"
#include "i18n.h"
#include "mailaddr.h"
#include "mem.h"

#include <errno.h>
#include <nettle/base64.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* A growing text. */
typedef struct buf {
	char *s;
	size_t n, cap;
	bool oom;
} buf;

static void put(buf *t, const char *s, size_t len)
{
	if (t->oom || bc_grow((void **)&t->s, &t->cap, t->n + len + 1, 1) < 0) {
		t->oom = true;
		return;
	}
	memcpy(t->s + t->n, s, len);
	t->n += len;
	t->s[t->n] = '\0';
}

static void puts_(buf *t, const char *s)
{
	put(t, s, strlen(s));
}

static void put_base64(buf *t, const char *s, size_t len)
{
	char out[BASE64_ENCODE_RAW_LENGTH(57)];
	base64_encode_raw(out, len, (const uint8_t *)s);
	put(t, out, BASE64_ENCODE_RAW_LENGTH(len));
}

/* Whether s goes into a header as it is: printable ASCII only. */
static bool plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

/* s as encoded words (RFC 2047, base64), whole characters of UTF-8
 * each, folded so that no line passes 78 characters, the first line
 * beginning at column col.  Control characters become spaces: a header
 * is one line. */
static void put_words(buf *t, const char *s, size_t col)
{
	size_t len = strlen(s);
	for (size_t at = 0; at < len || !len;) {
		/* "=?UTF-8?B?" and "?=" around 4 characters per 3 bytes. */
		size_t room = (78 - col - 12) / 4 * 3;
		size_t take = len - at > room ? room : len - at;
		while (take && at + take < len &&
		       ((unsigned char)s[at + take] & 0xC0) == 0x80)
			take--;
		char chunk[64];
		for (size_t i = 0; i < take; i++)
			chunk[i] = (unsigned char)s[at + i] < 0x20 ? ' '
								   : s[at + i];
		puts_(t, at ? "\n =?UTF-8?B?" : "=?UTF-8?B?");
		put_base64(t, chunk, take);
		puts_(t, "?=");
		at += take;
		col = 1;
		if (!len)
			break;
	}
}

static void header(buf *t, const char *name, const char *value)
{
	puts_(t, name);
	puts_(t, ": ");
	if (plain(value))
		puts_(t, value);
	else
		put_words(t, value, strlen(name) + 2);
	puts_(t, "\n");
}

/* RFC 5322's date, in UTC, in English whatever the locale. */
static void date_header(buf *t, bc_time at)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed",
					   "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr",
					     "May", "Jun", "Jul", "Aug",
					     "Sep", "Oct", "Nov", "Dec"};
	time_t secs = (time_t)at;
	struct tm tm;
	char line[64];
	gmtime_r(&secs, &tm);
	snprintf(line, sizeof line, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\n",
		 days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	puts_(t, line);
}

char *bc_mail_text(const bc_mail *m)
{
	if (!bc_mail_address_ok(m->to) || (m->from && !bc_mail_address_ok(m->from)))
		return NULL;
	buf t = {0};
	if (m->from)
		header(&t, "From", m->from);
	puts_(&t, "To: ");
	if (m->to_name && *m->to_name) {
		put_words(&t, m->to_name, 4);
		puts_(&t, "\n ");
	}
	puts_(&t, "<");
	puts_(&t, m->to);
	puts_(&t, ">\n");
	header(&t, "Subject", m->subject);
	date_header(&t, m->date);
	puts_(&t, "MIME-Version: 1.0\n"
		  "Content-Type: text/plain; charset=UTF-8\n"
		  "Content-Transfer-Encoding: base64\n\n");
	/* 57 bytes a line: 76 characters of base64. */
	for (size_t at = 0, len = strlen(m->body); at < len; at += 57) {
		put_base64(&t, m->body + at, len - at < 57 ? len - at : 57);
		puts_(&t, "\n");
	}
	if (t.oom) {
		bc_free(t.s);
		return NULL;
	}
	return t.s;
}

/* ---- running the program ---------------------------------------------- */

#define MAIL_ARGS_MAX 32

/* The words of program, in copy, into argv (NULL after the last). */
static size_t split_words(char *copy, char *argv[MAIL_ARGS_MAX + 1])
{
	size_t n = 0;
	for (char *save, *w = strtok_r(copy, " \t", &save);
	     w && n < MAIL_ARGS_MAX; w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	argv[n] = NULL;
	return n;
}

/* Writes text whole into fd; false when the reader went away (its
 * SIGPIPE held back by the caller) or another error. */
static bool write_all(int fd, const char *text)
{
	for (size_t len = strlen(text); len;) {
		ssize_t w = write(fd, text, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		text += w;
		len -= (size_t)w;
	}
	return true;
}

/* Starts argv with fds[0] as its standard input, its output on our
 * standard error, every signal as it is by default. */
static int spawn(char **argv, int fds[2], pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
	posix_spawn_file_actions_adddup2(&fa, 2, 1);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &all);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK |
					      POSIX_SPAWN_SETSIGDEF);
	int e = strchr(argv[0], '/')
			? posix_spawn(pid, argv[0], &fa, &at, argv, environ)
			: posix_spawnp(pid, argv[0], &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	return e;
}

/* Feeds text to the running program with SIGPIPE held back, so that a
 * program that stops reading is an error said, not baocao killed. */
static bool feed(int fd, const char *text)
{
	sigset_t pipe_sig, old;
	sigemptyset(&pipe_sig);
	sigaddset(&pipe_sig, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_sig, &old);
	bool ok = write_all(fd, text);
	close(fd);
	struct timespec zero = {0, 0};
	while (sigtimedwait(&pipe_sig, NULL, &zero) == SIGPIPE)
		;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ok;
}

bc_err bc_mail_run(const char *program, const char *text, bc_diags *d)
{
	char *copy = bc_strdup(program), *argv[MAIL_ARGS_MAX + 1];
	if (!copy)
		return BC_ERR_NOMEM;
	int fds[2] = {-1, -1};
	pid_t pid;
	bc_err rc = BC_OK;
	int e = 0;
	if (!split_words(copy, argv))
		e = ENOENT;
	else if (pipe(fds) < 0)
		e = errno;
	else
		e = spawn(argv, fds, &pid);
	if (fds[0] >= 0)
		close(fds[0]);
	if (e) {
		if (fds[1] >= 0)
			close(fds[1]);
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("cannot run the mail program '%s': %s"),
			     program, strerror(e));
		bc_free(copy);
		return BC_ERR_IO;
	}
	bool fed = feed(fds[1], text);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     WIFEXITED(status)
				     ? N_("the mail program '%s' failed (exit "
					  "status %d)")
				     : N_("the mail program '%s' was stopped "
					  "by signal %d"),
			     program,
			     WIFEXITED(status) ? WEXITSTATUS(status)
					       : WTERMSIG(status));
		rc = BC_ERR_IO;
	} else if (!fed) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("the mail program '%s' did not read the "
				"whole message"),
			     program);
		rc = BC_ERR_IO;
	}
	bc_free(copy);
	return rc;
}

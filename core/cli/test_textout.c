/* SPDX-License-Identifier: MIT */
/*
 * textout.c's filtered streams when the output cannot be written (a
 * full disk): fwrite says it failed, nothing past the caller's data is
 * read, and the failure is said once as the exit code's reason.  The
 * data ends where an unreadable page begins, so a copy past it (glibc's
 * fwrite after a cookie write that returns a negative count) crashes
 * here every time instead of now and then.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "test.h"

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* BUFSIZ bytes of text ending at an unreadable page; the mapping's
 * start in *map, its size in *len. */
static char *fenced(void **map, size_t *len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t data = (BUFSIZ + page - 1) / page * page;
	*len = data + page;
	*map = mmap(NULL, *len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(*map != MAP_FAILED);
	assert_int_equal(mprotect((char *)*map + data, page, PROT_NONE), 0);
	char *buf = (char *)*map + data - BUFSIZ;
	memset(buf, 'x', BUFSIZ);
	return buf;
}

static void full_disk(void **state)
{
	(void)state;
	int full = open("/dev/full", O_WRONLY);
	if (full < 0)
		skip();
	char *dir = test_tmpdir(), *err_path = test_path(dir, "stderr");
	int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(err >= 0);
	fflush(stdout);
	fflush(stderr);
	int out_was = dup(STDOUT_FILENO), err_was = dup(STDERR_FILENO);
	dup2(full, STDOUT_FILENO);
	dup2(err, STDERR_FILENO);
	FILE *out0 = stdout, *err0 = stderr;
	cli_textout_begin();
	void *map;
	size_t len;
	const char *buf = fenced(&map, &len);
	size_t wrote = fwrite(buf, 1, BUFSIZ, stdout);
	fwrite(buf, 1, BUFSIZ, stdout); /* buffered: fails at the end */
	int rc = cli_textout_end(EXIT_OK);
	fflush(stderr);
	stdout = out0;
	stderr = err0;
	dup2(out_was, STDOUT_FILENO);
	dup2(err_was, STDERR_FILENO);
	close(out_was);
	close(err_was);
	close(full);
	close(err);
	munmap(map, len);
	assert_true(wrote < BUFSIZ);
	assert_int_equal(rc, EXIT_ENV);
	size_t n;
	char *said = test_read_path(err_path, &n);
	test_rm_tree(dir);
	free(err_path);
	free(dir);
	assert_true(n > 0);
	/* One line, naming the failure. */
	assert_non_null(strstr(said, strerror(ENOSPC)));
	assert_ptr_equal(strchr(said, '\n'), said + n - 1);
	free(said);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

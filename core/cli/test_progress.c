/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "progress.h"

#include <fcntl.h>

/* The clock the tests move by hand (the module's state is the test's). */
static double now_s;

static double fake_clock(void)
{
	return now_s;
}

static void durations(void **state)
{
	(void)state;
	char b[64];
	cli_progress_duration(b, sizeof b, 0);
	assert_string_equal(b, "0 s");
	cli_progress_duration(b, sizeof b, 12.4);
	assert_string_equal(b, "12 s");
	cli_progress_duration(b, sizeof b, 59.6);
	assert_string_equal(b, "1 min 00 s");
	cli_progress_duration(b, sizeof b, 185);
	assert_string_equal(b, "3 min 05 s");
	cli_progress_duration(b, sizeof b, 2 * 3600 + 10 * 60 + 7);
	assert_string_equal(b, "2 h 10 min");
	cli_progress_duration(b, sizeof b, -3);
	assert_string_equal(b, "0 s");
}

/* The rate is what was done over the time taken; the time left, what
 * remains at that rate. */
static void rate_and_time_left(void **state)
{
	(void)state;
	char b[128];
	cli_progress_line(b, sizeof b, CLI_PROGRESS_FILES, 3, 20, 2.0);
	assert_string_equal(b, "3/20 files, 1.5 files/s, about 11 s left");
	cli_progress_line(b, sizeof b, CLI_PROGRESS_UNITS, 100, 400, 50.0);
	assert_string_equal(b, "100/400 units, 2.0 units/s, about 2 min 30 s "
			       "left");
	cli_progress_line(b, sizeof b, CLI_PROGRESS_PARTS, 9, 9, 4.5);
	assert_string_equal(b, "9/9 parts, 2.0 parts/s, about 0 s left");
	/* Nothing done yet, or no time passed: no rate to tell. */
	cli_progress_line(b, sizeof b, CLI_PROGRESS_FILES, 0, 20, 3.0);
	assert_string_equal(b, "0/20 files");
	cli_progress_line(b, sizeof b, CLI_PROGRESS_FILES, 5, 20, 0.0);
	assert_string_equal(b, "5/20 files");
}

/* A progress that writes into a pipe, as if it were a terminal. */
static void on_pipe(cli_progress *p, int fds[2], size_t total)
{
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	now_s = 100.0;
	cli_progress_begin(p, false, CLI_PROGRESS_FILES, total);
	p->fd = fds[1];
	p->clock = fake_clock;
	p->start = now_s;
}

static char *drained(int fd)
{
	static char buf[4096];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* Drawn at once, then no more than every CLI_PROGRESS_EVERY seconds;
 * a shorter line covers the longer one before it; the end clears it. */
static void redrawn_in_place(void **state)
{
	(void)state;
	cli_progress p;
	int fds[2];
	on_pipe(&p, fds, 20);
	cli_progress_step(&p, 0, 20);
	assert_string_equal(drained(fds[0]), "\r0/20 files");
	now_s += 0.1;
	cli_progress_step(&p, 1, 20);
	assert_string_equal(drained(fds[0]), ""); /* too soon */
	now_s += 0.9; /* 1 s in */
	cli_progress_step(&p, 10, 20);
	assert_string_equal(drained(fds[0]),
			    "\r10/20 files, 10.0 files/s, about 1 s left");
	now_s += 2.0; /* 3 s in: a line one column shorter */
	cli_progress_step(&p, 19, 20);
	assert_string_equal(drained(fds[0]),
			    "\r19/20 files, 6.3 files/s, about 0 s left ");
	cli_progress_end(&p);
	char want[64];
	snprintf(want, sizeof want, "\r%40s\r", "");
	assert_string_equal(drained(fds[0]), want);
	/* Ended: nothing more. */
	cli_progress_step(&p, 20, 20);
	assert_string_equal(drained(fds[0]), "");
	close(fds[0]);
	close(fds[1]);
}

/* Cleared for other output, the line comes back at the next step, even
 * within the interval. */
static void hidden_for_output(void **state)
{
	(void)state;
	cli_progress p;
	int fds[2];
	on_pipe(&p, fds, 3);
	cli_progress_step(&p, 0, 3);
	assert_string_equal(drained(fds[0]), "\r0/3 files");
	cli_progress_hide(&p);
	assert_string_equal(drained(fds[0]), "\r         \r");
	cli_progress_hide(&p); /* nothing shown: nothing to clear */
	assert_string_equal(drained(fds[0]), "");
	now_s += 0.01;
	cli_progress_step(&p, 1, 3);
	assert_string_equal(drained(fds[0]),
			    "\r1/3 files, 100.0 files/s, about 0 s left");
	cli_progress_hide(&p);
	drained(fds[0]);
	cli_progress_end(&p);
	assert_string_equal(drained(fds[0]), "");
	close(fds[0]);
	close(fds[1]);
}

/* Not a terminal (the test's stderr is a file or a pipe), or --json:
 * nothing is ever written. */
static void silent_off_terminal(void **state)
{
	(void)state;
	cli_progress p;
	cli_progress_begin(&p, true, CLI_PROGRESS_FILES, 5);
	assert_int_equal(p.fd, -1);
	if (!isatty(STDERR_FILENO)) {
		cli_progress_begin(&p, false, CLI_PROGRESS_FILES, 5);
		assert_int_equal(p.fd, -1);
	}
	cli_progress_step(&p, 1, 5);
	cli_progress_end(&p);
	assert_int_equal(p.done, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(durations),
		cmocka_unit_test(rate_and_time_left),
		cmocka_unit_test(redrawn_in_place),
		cmocka_unit_test(hidden_for_output),
		cmocka_unit_test(silent_off_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* flock, mknod */
#include "test.h"

#include "outfile.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

static char *slurp(const char *path)
{
	char *buf = NULL;
	size_t len;
	bc_diags d = {0};
	bc_err rc = bc_file_read(path, 1024, &buf, &len, &d);
	bc_diags_free(&d);
	return rc == BC_OK ? buf : NULL;
}

static void join(char *out, size_t n, const char *dir, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

/* Writes text to path through an outfile; the close's result. */
static bc_err put(const char *path, const char *text, bc_diags *d)
{
	bc_outfile *o;
	bc_err rc = bc_outfile_open(path, &o, d);
	if (rc != BC_OK)
		return rc;
	FILE *f = fopen(bc_outfile_tmp(o), "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return bc_outfile_close(o, BC_OK, d);
}

static void expect_text(const char *path, const char *want)
{
	char *got = slurp(path);
	assert_non_null(got);
	assert_string_equal(got, want);
	bc_free(got);
}

/* Removes dir and the plain files, links and empty directories in it. */
static void clean(char *dir, const char *const *names)
{
	char p[1024];
	for (size_t i = 0; names[i]; i++) {
		join(p, sizeof p, dir, names[i]);
		if (unlink(p) != 0)
			rmdir(p);
	}
	assert_int_equal(rmdir(dir), 0); /* nothing else was left */
	free(dir);
}

/* A fresh directory holding out.txt, "old"; its path in path[1024]. */
static char *with_old(char *path)
{
	char *dir = test_tmpdir();
	join(path, 1024, dir, "out.txt");
	test_write(dir, "out.txt", "old");
	return dir;
}

static void write_whole_or_not_at_all(void **state)
{
	(void)state;
	char path[1024], *dir = with_old(path);
	bc_diags d = {0};

	/* A failure removes the temporary file and keeps the old content. */
	bc_outfile *o;
	assert_int_equal(bc_outfile_open(path, &o, &d), BC_OK);
	char tmp[1024];
	snprintf(tmp, sizeof tmp, "%s", bc_outfile_tmp(o));
	assert_non_null(strstr(tmp, "out.txt.tmp-"));
	assert_int_equal(access(tmp, F_OK), 0);
	assert_int_equal(bc_outfile_close(o, BC_ERR_INVALID, &d),
			 BC_ERR_INVALID);
	assert_int_not_equal(access(tmp, F_OK), 0);
	expect_text(path, "old");

	/* Success renames it over the target. */
	assert_int_equal(put(path, "new", &d), BC_OK);
	expect_text(path, "new");
	assert_int_equal(d.n, 0);

	/* A new file gets the mode the umask gives. */
	char fresh[1100];
	join(fresh, sizeof fresh, dir, "fresh.txt");
	assert_int_equal(put(fresh, "x", &d), BC_OK);
	struct stat st;
	assert_int_equal(stat(fresh, &st), 0);
	mode_t mask = umask(0);
	umask(mask);
	assert_int_equal(st.st_mode & 0777, 0666 & ~mask);

	/* No directory to write in: an error naming the file. */
	char nowhere[1100];
	snprintf(nowhere, sizeof nowhere, "%s/no/such/out.txt", dir);
	assert_int_equal(bc_outfile_open(nowhere, &o, &d), BC_ERR_IO);
	assert_null(o);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, nowhere);
	bc_diags_free(&d);
	clean(dir, (const char *const[]){"out.txt", "fresh.txt", NULL});
}

/* A failed write is said once, naming the output; the output is left
 * as it was and nothing else is left beside it. */
static void failed_write(void **state)
{
	(void)state;
	char path[1024], *dir = with_old(path);
	bc_diags d = {0};
	bc_outfile *o;
	assert_int_equal(bc_outfile_open(path, &o, &d), BC_OK);
	bc_outfile_fail(o, ENOSPC, &d);
	bc_outfile_fail(o, EIO, &d);
	assert_true(bc_outfile_failed(o));
	assert_int_equal(bc_outfile_close(o, BC_ERR_INVALID, &d), BC_ERR_IO);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, path);
	assert_true(test_diags_have(&d, strerror(ENOSPC)));
	expect_text(path, "old");
	bc_diags_free(&d);
	clean(dir, (const char *const[]){"out.txt", NULL});
}

static void symlinks_followed(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char link[1024], target[1024], dangling[1024], made[1024];
	join(link, sizeof link, dir, "link.txt");
	join(target, sizeof target, dir, "target.txt");
	join(dangling, sizeof dangling, dir, "dangling.txt");
	join(made, sizeof made, dir, "made.txt");
	test_write(dir, "target.txt", "old");
	assert_int_equal(symlink("target.txt", link), 0);
	assert_int_equal(symlink("made.txt", dangling), 0);
	bc_diags d = {0};

	assert_int_equal(put(link, "new", &d), BC_OK);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	expect_text(target, "new");

	/* A link to nothing yet: its target is made. */
	assert_int_equal(put(dangling, "made", &d), BC_OK);
	assert_int_equal(lstat(dangling, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	expect_text(made, "made");

	/* A loop of links is an error, not a hang. */
	char loop[1024];
	join(loop, sizeof loop, dir, "loop.txt");
	assert_int_equal(symlink("loop.txt", loop), 0);
	assert_int_equal(put(loop, "x", &d), BC_ERR_IO);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, loop);
	bc_diags_free(&d);
	clean(dir, (const char *const[]){"link.txt", "target.txt",
					 "dangling.txt", "made.txt",
					 "loop.txt", NULL});
}

static void mode_owner_and_links_kept(void **state)
{
	(void)state;
	char path[1024], other[1024], *dir = with_old(path);
	join(other, sizeof other, dir, "other.txt");
	assert_int_equal(chmod(path, 0640), 0);
	bool root = geteuid() == 0;
	if (root)
		assert_int_equal(chown(path, 65534, 65534), 0);
	bc_diags d = {0};
	assert_int_equal(put(path, "new", &d), BC_OK);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	if (root)
		assert_true(st.st_uid == 65534 && st.st_gid == 65534);
	expect_text(path, "new");

	/* A file with another hard link is written into, longer and then
	 * shorter: both names still show one file. */
	assert_int_equal(link(path, other), 0);
	assert_int_equal(put(path, "much longer than before", &d), BC_OK);
	expect_text(other, "much longer than before");
	assert_int_equal(put(path, "short", &d), BC_OK);
	expect_text(other, "short");
	struct stat a, b;
	assert_int_equal(stat(path, &a), 0);
	assert_int_equal(stat(other, &b), 0);
	assert_true(a.st_ino == b.st_ino && a.st_nlink == 2);
	assert_int_equal(d.n, 0);
	clean(dir, (const char *const[]){"out.txt", "other.txt", NULL});
}

/* A FIFO stays a FIFO and gets the content; a directory is refused. */
static void fifo_written_into(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char fifo[1024];
	join(fifo, sizeof fifo, dir, "fifo");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* Open for both ends, so that the writer's open does not wait. */
	int rd = open(fifo, O_RDWR | O_NONBLOCK);
	assert_true(rd >= 0);
	bc_diags d = {0};
	assert_int_equal(put(fifo, "through", &d), BC_OK);
	char buf[16] = {0};
	assert_int_equal(read(rd, buf, sizeof buf - 1), 7);
	assert_string_equal(buf, "through");
	close(rd);
	struct stat st;
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));

	assert_int_equal(put(dir, "x", &d), BC_ERR_IO);
	assert_true(test_diags_have(&d, "is a directory"));
	bc_diags_free(&d);
	clean(dir, (const char *const[]){"fifo", NULL});
}

/* A character device is written into: the full one says why it fails,
 * once, and is still the device.  Root tries a device node of its own,
 * never the system's. */
static void device_written_into(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char full[1024];
	join(full, sizeof full, dir, "full");
	if (geteuid() == 0)
		assert_int_equal(mknod(full, S_IFCHR | 0666, makedev(1, 7)), 0);
	else
		snprintf(full, sizeof full, "/dev/full");
	struct stat st;
	if (stat(full, &st) != 0 || !S_ISCHR(st.st_mode)) {
		clean(dir, (const char *const[]){"full", NULL});
		skip();
	}
	bc_diags d = {0};
	assert_int_equal(put(full, "x", &d), BC_ERR_IO);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, full);
	assert_true(test_diags_have(&d, strerror(ENOSPC)));
	assert_int_equal(lstat(full, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	bc_diags_free(&d);
	clean(dir, (const char *const[]){"full", NULL});
}

static void make_old(const char *dir, const char *name)
{
	char p[1024];
	join(p, sizeof p, dir, name);
	struct timespec t[2] = {{time(NULL) - 7200, 0}, {time(NULL) - 7200, 0}};
	assert_int_equal(utimensat(AT_FDCWD, p, t, AT_SYMLINK_NOFOLLOW), 0);
}

/* What a killed run left beside the output is removed by the next
 * write there: only files of that name, ours, old and unlocked. */
static void leftovers_swept(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char path[1024], p[1024];
	join(path, sizeof path, dir, "out.txt");
	static const char *const old[] = {
		"out.txt.tmp-Aa0Bb1", /* removed */
		"out.txt.tmp-LOCKED", "out.txt.tmp-short", "out.txt.tmp-longer1",
		"other.txt.tmp-Cc2Dd3", "out.txt.tmp-ab_cd3", "out.txt", NULL};
	for (size_t i = 0; old[i]; i++) {
		test_write(dir, old[i], "x");
		make_old(dir, old[i]);
	}
	test_write(dir, "out.txt.tmp-Young1", "x");
	join(p, sizeof p, dir, "out.txt.tmp-Linkd1");
	assert_int_equal(symlink("out.txt", p), 0);
	make_old(dir, "out.txt.tmp-Linkd1");
	join(p, sizeof p, dir, "out.txt.tmp-Dir123");
	assert_int_equal(mkdir(p, 0700), 0);
	make_old(dir, "out.txt.tmp-Dir123");
	bool root = geteuid() == 0;
	if (root) {
		test_write(dir, "out.txt.tmp-Other1", "x");
		join(p, sizeof p, dir, "out.txt.tmp-Other1");
		assert_int_equal(chown(p, 65534, 65534), 0);
		make_old(dir, "out.txt.tmp-Other1");
	}
	/* A run still going holds its lock. */
	join(p, sizeof p, dir, "out.txt.tmp-LOCKED");
	int held = open(p, O_RDONLY);
	assert_true(held >= 0);
	assert_int_equal(flock(held, LOCK_EX), 0);

	bc_diags d = {0};
	assert_int_equal(put(path, "new", &d), BC_OK);
	close(held);
	join(p, sizeof p, dir, "out.txt.tmp-Aa0Bb1");
	assert_int_not_equal(access(p, F_OK), 0);
	const char *const kept[] = {
		"out.txt.tmp-LOCKED", "out.txt.tmp-short", "out.txt.tmp-longer1",
		"other.txt.tmp-Cc2Dd3", "out.txt.tmp-ab_cd3", "out.txt",
		"out.txt.tmp-Young1", "out.txt.tmp-Linkd1", "out.txt.tmp-Dir123",
		root ? "out.txt.tmp-Other1" : NULL, NULL};
	struct stat st;
	for (size_t i = 0; kept[i]; i++) {
		join(p, sizeof p, dir, kept[i]);
		assert_int_equal(lstat(p, &st), 0);
	}
	assert_int_equal(d.n, 0);
	clean(dir, kept);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(write_whole_or_not_at_all),
		cmocka_unit_test(failed_write),
		cmocka_unit_test(symlinks_followed),
		cmocka_unit_test(mode_owner_and_links_kept),
		cmocka_unit_test(fifo_written_into),
		cmocka_unit_test(device_written_into),
		cmocka_unit_test(leftovers_swept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "test.h"

#include <dlfcn.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <xlsxwriter.h>
#include <zip.h>

/* Each byte of a long text that repeats only every 251 bytes, so that a
 * piece read from the wrong place differs. */
static char byte_at(long i)
{
	return (char)('!' + (i * 7 + i / 251) % 90);
}

/* Reads n bytes of f from where it is and checks they are the text's
 * from offset at. */
static void read_back(FILE *f, long at, size_t n)
{
	char *got = malloc(n);
	assert_non_null(got);
	assert_int_equal(fread(got, 1, n, f), n);
	for (size_t i = 0; i < n; i++)
		if (got[i] != byte_at(at + (long)i))
			fail_msg("byte %ld read back wrong", at + (long)i);
	free(got);
}

/* libxlsxwriter's calls of lxw_tmpfile bind to the definition in
 * export/xlsx_tmp.c: a sheet's temporary file in constant_memory mode
 * is a stream without a descriptor of its own (a cookie's), and the
 * workbook written through such streams holds every row. */
static void libxlsxwriter_binds_here(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "a.xlsx");
	lxw_workbook_options o = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &o);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	assert_non_null(ws);
	assert_non_null(ws->optimize_tmpfile);
	assert_int_equal(fileno(ws->optimize_tmpfile), -1);
	for (lxw_row_t r = 0; r < 30000; r++)
		worksheet_write_number(ws, r, 0, r, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
	assert_non_null(z);
	char *xml = test_zip_part(z, "xl/worksheets/sheet1.xml", NULL);
	assert_non_null(xml);
	zip_close(z);
	assert_non_null(strstr(xml, "<row r=\"1\""));
	assert_non_null(strstr(xml, "<c r=\"A30000\"><v>29999</v></c></row>"
				    "</sheetData>"));
	free(xml);
	test_rm_tree(dir);
	free(path);
	free(dir);
}

/* The descriptors open below 1024, as flags. */
static void fds_open(unsigned char set[1024])
{
	memset(set, 0, 1024);
	DIR *d = opendir("/proc/self/fd");
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));) {
		int fd = atoi(e->d_name);
		if (e->d_name[0] != '.' && fd != dirfd(d) && fd < 1024)
			set[fd] = 1;
	}
	closedir(d);
}

/* One descriptor more while the stream is open, closed on exec and at
 * fclose (libxlsxwriter's own is closed at once); 100 KB written a
 * kilobyte at a time stay in the stream's buffer until a flush. */
static void one_descriptor_buffered(void **state)
{
	(void)state;
	unsigned char before[1024], during[1024], after[1024];
	fds_open(before);
	FILE *f = lxw_tmpfile(NULL);
	assert_non_null(f);
	assert_int_equal(fileno(f), -1);
	fds_open(during);
	int fd = -1, added = 0;
	for (int i = 0; i < 1024; i++) {
		assert_false(before[i] && !during[i]);
		if (during[i] && !before[i]) {
			fd = i;
			added++;
		}
	}
	assert_int_equal(added, 1);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);

	char piece[1024];
	memset(piece, 'x', sizeof piece);
	for (int i = 0; i < 100; i++)
		assert_int_equal(fwrite(piece, 1, sizeof piece, f), sizeof piece);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(fflush(f), 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_size, 100 * 1024);
	assert_int_equal(fclose(f), 0);
	fds_open(after);
	assert_memory_equal(before, after, sizeof before);
}

/* What libxlsxwriter does with a temporary file: write in pieces of
 * every size, flush, rewind, read, seek (an image's header is read with
 * seeks from where the stream is), write over what is there.  The file
 * is made where asked and left nowhere on disk. */
static void a_file_as_stdio_makes_it(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	FILE *f = lxw_tmpfile(dir);
	assert_non_null(f);
	long n = 0;
	for (size_t piece = 1; n < 1500000; piece = piece * 3 + 1) {
		char buf[40000];
		size_t k = piece % sizeof buf;
		for (size_t i = 0; i < k; i++)
			buf[i] = byte_at(n + (long)i);
		assert_int_equal(fwrite(buf, 1, k, f), k);
		n += (long)k;
		assert_int_equal(fputc(byte_at(n), f), (unsigned char)byte_at(n));
		n++;
	}
	assert_int_equal(fflush(f), 0);
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			fail_msg("left on disk: %s", e->d_name);
	closedir(d);

	rewind(f);
	read_back(f, 0, (size_t)n);
	assert_int_equal(fgetc(f), EOF);
	assert_true(feof(f));
	assert_int_equal(fseek(f, 300001, SEEK_SET), 0);
	assert_int_equal(ftell(f), 300001);
	read_back(f, 300001, 70000);
	/* As libxlsxwriter reads an image's header: on from where it is. */
	assert_int_equal(fseek(f, 4, SEEK_CUR), 0);
	read_back(f, 370005, 10);
	assert_int_equal(fseek(f, -2, SEEK_CUR), 0);
	read_back(f, 370013, 2);
	assert_int_equal(fseek(f, -5, SEEK_END), 0);
	read_back(f, n - 5, 5);

	/* Over what is there, then the whole again. */
	assert_int_equal(fseek(f, 1000, SEEK_SET), 0);
	assert_int_equal(fputs("over", f), 1);
	rewind(f);
	char head[1004];
	assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
	assert_memory_equal(head + 1000, "over", 4);
	assert_int_equal(head[999], byte_at(999));
	assert_int_equal(fclose(f), 0);
	test_rm_tree(dir);
	free(dir);
}

/* Runs body in a child, so that the limits it sets end with it; the
 * test fails when the child does. */
static void in_child(void (*body)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* A crash ends the child, not cmocka's handler in it, which
		 * would run the rest of the tests a second time. */
		static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE,
					    SIGABRT};
		for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
			signal(fatal[i], SIG_DFL);
		body();
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* A file that cannot grow (the limit here stands for a full disk)
 * fails as libxlsxwriter's own does: the same bytes written, the error
 * flag set, the write's errno. */
static void fill(FILE *f, size_t *written, int *err)
{
	static char buf[1 << 20];
	memset(buf, 'x', sizeof buf);
	errno = 0;
	*written = fwrite(buf, 1, sizeof buf, f);
	*err = errno;
	if (!ferror(f))
		_exit(5);
	fclose(f);
}

static void cannot_grow(void)
{
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit small = {64 * 1024, 64 * 1024};
	if (setrlimit(RLIMIT_FSIZE, &small))
		_exit(2);
	FILE *(*own)(char *) =
		(FILE * (*)(char *)) dlsym(RTLD_NEXT, "lxw_tmpfile");
	FILE *ours = lxw_tmpfile(NULL), *theirs = own ? own(NULL) : NULL;
	if (!ours || !theirs || fileno(ours) != -1)
		_exit(3);
	size_t n_ours, n_theirs;
	int e_ours, e_theirs;
	fill(ours, &n_ours, &e_ours);
	fill(theirs, &n_theirs, &e_theirs);
	if (n_ours != 64 * 1024 || n_theirs != n_ours || e_ours != EFBIG ||
	    e_theirs != EFBIG)
		_exit(4);
}

static void write_error(void **state)
{
	(void)state;
	in_child(cannot_grow);
}

/* With no descriptor left for the stream, libxlsxwriter's own file is
 * handed back, and works. */
static void no_descriptor_left(void)
{
	int lowest = open("/dev/null", O_RDONLY);
	if (lowest < 0)
		_exit(2);
	close(lowest);
	/* Room for the file libxlsxwriter opens, none for another. */
	struct rlimit few = {(rlim_t)lowest + 1, (rlim_t)lowest + 1};
	if (setrlimit(RLIMIT_NOFILE, &few))
		_exit(3);
	FILE *f = lxw_tmpfile(NULL);
	if (!f || fileno(f) != lowest)
		_exit(4);
	if (fputs("plain", f) < 0 || fflush(f))
		_exit(5);
	rewind(f);
	char got[6] = "";
	if (!fgets(got, sizeof got, f) || strcmp(got, "plain"))
		_exit(6);
	fclose(f);
}

static void falls_back(void **state)
{
	(void)state;
	in_child(no_descriptor_left);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(libxlsxwriter_binds_here),
		cmocka_unit_test(one_descriptor_buffered),
		cmocka_unit_test(a_file_as_stdio_makes_it),
		cmocka_unit_test(write_error),
		cmocka_unit_test(falls_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: MIT
#include "test.h"

#include "readahead.h"

#include <time.h>

/* The files every test reads: samples of each format, and between them
 * files that fail each way a file fails, so that errors come in the
 * middle.  Paths are made by scratch(). */
enum { N_FILES = 9 };

typedef struct files {
	char *dir;
	char *path[N_FILES];
} files;

static void files_free(files *f)
{
	for (int i = 0; i < N_FILES; i++)
		free(f->path[i]);
	test_rm_tree(f->dir);
	free(f->dir);
}

static char *source(const char *name)
{
	return test_path(test_source_root(), name);
}

static files scratch(void)
{
	files f = {.dir = test_tmpdir()};
	test_write(f.dir, "empty.json", "");
	test_write(f.dir, "doc.pdf", "%PDF-1.4\n");
	test_write(f.dir, "broken.json", "{\"unit\": ");
	test_write(f.dir, "none.csv", "unit,period,form,field,value\n");
	f.path[0] = source("examples/2023-Q1/xa-ky-son.json");
	f.path[1] = test_path(f.dir, "missing.json");
	f.path[2] = source("examples/2023-Q1/xa-nghia-binh.csv");
	f.path[3] = test_path(f.dir, "empty.json");
	f.path[4] = test_path(f.dir, "doc.pdf");
	f.path[5] = source("tests/e2e/fixtures/xlsx/filled-openpyxl.xlsx");
	f.path[6] = test_path(f.dir, "broken.json");
	f.path[7] = test_path(f.dir, "none.csv");
	f.path[8] = source("examples/2023-Q1/xa-ky-son.json");
	return f;
}

/* The messages of a list, one a line, for comparing two. */
static char *messages(const bc_diags *d)
{
	size_t len = 0;
	char *text = NULL;
	FILE *m = open_memstream(&text, &len);
	assert_non_null(m);
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format_neutral(&d->v[i]);
		fprintf(m, "%s\n", s);
		bc_free(s);
	}
	fclose(m);
	return text;
}

/* r is what reading path on this thread gives. */
static void same_read(const char *path, const bc_import_read *r)
{
	bc_import_read want;
	bc_import_read_file(path, &want);
	assert_int_equal(r->rc, want.rc);
	assert_true(r->format == want.format ||
		    (r->format && want.format &&
		     !strcmp(r->format, want.format)));
	assert_string_equal(r->sha, want.sha);
	assert_int_equal(r->subs.n, want.subs.n);
	for (size_t i = 0; i < r->subs.n; i++)
		assert_int_equal(r->subs.v[i].n, want.subs.v[i].n);
	char *a = messages(&r->diags), *b = messages(&want.diags);
	assert_string_equal(a, b);
	free(a);
	free(b);
	bc_import_read_free(&want);
}

/* Reads the first n files within lim: each as read alone, in order. */
static void read_all(const files *f, size_t n, const bc_readahead_limits *lim)
{
	bc_readahead *ra;
	assert_int_equal(bc_readahead_start((const char *const *)f->path, n,
					    lim, &ra),
			 BC_OK);
	for (size_t i = 0; i < n; i++) {
		bc_import_read *r = bc_readahead_next(ra);
		assert_non_null(r);
		same_read(f->path[i], r);
	}
	assert_null(bc_readahead_next(ra));
	assert_null(bc_readahead_next(ra));
	bc_readahead_free(ra);
}

static void reads_in_order_with_errors_between(void **state)
{
	(void)state;
	files f = scratch();
	const bc_readahead_limits lims[] = {
		{1, 1}, {1, BC_READAHEAD_BYTES}, {8, BC_READAHEAD_BYTES},
		{0, 0}};
	read_all(&f, N_FILES, NULL);
	for (size_t i = 0; i < sizeof lims / sizeof *lims; i++)
		read_all(&f, N_FILES, &lims[i]);
	/* One file is read when asked for; none, nothing. */
	read_all(&f, 1, NULL);
	read_all(&f, 0, NULL);
	files_free(&f);
}

/* The caller stops after some files (its store failed, say): the
 * reader stops and is joined, and what it read is freed (cmocka counts
 * every block). */
static void stops_early(void **state)
{
	(void)state;
	files f = scratch();
	const bc_readahead_limits lims[] = {{1, 1}, {8, BC_READAHEAD_BYTES}};
	for (size_t l = 0; l < 2; l++)
		for (size_t taken = 0; taken < N_FILES; taken++) {
			bc_readahead *ra;
			assert_int_equal(
				bc_readahead_start((const char *const *)f.path,
						   N_FILES, &lims[l], &ra),
				BC_OK);
			for (size_t i = 0; i < taken; i++)
				assert_non_null(bc_readahead_next(ra));
			bc_readahead_free(ra);
		}
	bc_readahead_free(NULL);
	files_free(&f);
}

/* A fifth of a second, longer in a sanitizer's build (BC_TIME_SCALE):
 * time enough for the reading thread to read two small files. */
static void pause_a_while(void)
{
	const char *scale = getenv("BC_TIME_SCALE");
	double s = 0.2 * (scale ? atof(scale) : 1);
	struct timespec t = {(time_t)s, (long)((s - (time_t)s) * 1e9)};
	nanosleep(&t, NULL);
}

/* Whether the read-ahead, given time, read the third of three copies of
 * a file while the caller held the first: it reads the files as they
 * are when it reads them, and the third is removed meanwhile. */
static bool read_third_early(const bc_readahead_limits *lim)
{
	char *dir = test_tmpdir(), *text = source("examples/2023-Q1/ktht.json");
	size_t len;
	char *bytes = test_read_path(text, &len);
	char *path[3];
	for (int i = 0; i < 3; i++) {
		char name[16];
		snprintf(name, sizeof name, "%d.json", i);
		test_write(dir, name, bytes);
		path[i] = test_path(dir, name);
	}
	bc_readahead *ra;
	assert_int_equal(bc_readahead_start((const char *const *)path, 3, lim,
					    &ra),
			 BC_OK);
	assert_int_equal(bc_readahead_next(ra)->rc, BC_OK);
	pause_a_while();
	assert_int_equal(unlink(path[2]), 0);
	bc_import_read *second = bc_readahead_next(ra);
	bc_err rc = second->rc;
	bool early = bc_readahead_next(ra)->rc == BC_OK;
	bc_readahead_free(ra);
	for (int i = 0; i < 3; i++)
		free(path[i]);
	free(bytes);
	free(text);
	test_rm_tree(dir);
	free(dir);
	/* The second, within the limits or not, is read whole. */
	return rc == BC_OK && early;
}

static void holds_no_more_than_its_limits(void **state)
{
	(void)state;
	size_t len;
	char *text = source("examples/2023-Q1/ktht.json");
	free(test_read_path(text, &len));
	free(text);
	/* One file ahead: the third waits for the caller to be done with
	 * the first. */
	bc_readahead_limits one = {1, BC_READAHEAD_BYTES};
	assert_false(read_third_early(&one));
	/* Bytes for two files: the same. */
	bc_readahead_limits two = {8, 2 * len};
	assert_false(read_third_early(&two));
	/* Room for three: read early, which is how the test sees a limit
	 * work (tried a few times, on a machine busy with other work). */
	bc_readahead_limits three = {2, 3 * len};
	bool early = false;
	for (int i = 0; i < 5 && !early; i++)
		early = read_third_early(&three);
	assert_true(early);
}

/* Allocations refused one by one, alone or with every one after (the
 * reading thread's or the caller's, whichever asks it): every file
 * comes back as it reads alone or out of memory, in order, nothing is
 * kept, and no thread waits for ever. */
static void runs_out_of_memory(void **state)
{
	(void)state;
	files f = scratch();
	/* No workbook: expat misreads a refusal as bad XML (test_nomem.c);
	 * the others say it. */
	const char *path[] = {f.path[0], f.path[1], f.path[2], f.path[6],
			      f.path[7], f.path[8]};
	size_t n = sizeof path / sizeof *path;
	bc_import_read want[sizeof path / sizeof *path];
	for (size_t i = 0; i < n; i++)
		bc_import_read_file(path[i], &want[i]);
	bc_mem_fail(0, false);
	bc_readahead *ra;
	assert_int_equal(bc_readahead_start(path, n, NULL, &ra), BC_OK);
	while (bc_readahead_next(ra))
		;
	bc_readahead_free(ra);
	long asked = bc_mem_asked(), live = bc_mem_live();
	for (long k = 1; k <= asked + 8; k++)
		for (int every = 0; every < 2; every++) {
			bc_mem_fail(k, every);
			bc_err rc = bc_readahead_start(path, n, NULL, &ra);
			for (size_t i = 0; rc == BC_OK && i < n; i++) {
				bc_import_read *r = bc_readahead_next(ra);
				assert_non_null(r);
				if (r->rc != BC_ERR_NOMEM)
					assert_int_equal(r->rc, want[i].rc);
				if (r->rc == BC_OK)
					assert_int_equal(r->subs.n,
							 want[i].subs.n);
			}
			if (rc == BC_OK)
				assert_null(bc_readahead_next(ra));
			else
				assert_int_equal(rc, BC_ERR_NOMEM);
			bc_readahead_free(ra);
			bc_mem_fail(0, false);
			assert_int_equal(bc_mem_live(), live);
		}
	printf("# %ld allocations, each refused alone and with every one "
	       "after\n",
	       asked);
	for (size_t i = 0; i < n; i++)
		bc_import_read_free(&want[i]);
	files_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_in_order_with_errors_between),
		cmocka_unit_test(stops_early),
		cmocka_unit_test(holds_no_more_than_its_limits),
		cmocka_unit_test(runs_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

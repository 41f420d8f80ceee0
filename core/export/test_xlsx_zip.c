/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* RTLD_DEFAULT, RTLD_NEXT, dladdr */
#include "test.h"

#include "zipwrite.h"

#include <dlfcn.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>
#include <zip.h>

/* A workbook whose sheet is several of the writer's blocks of XML;
 * the allocations of baocao's made while it was closed. */
static long write_book(const char *path, bool zip64)
{
	lxw_workbook_options o = {.constant_memory = LXW_TRUE,
				  .use_zip64 = zip64 ? LXW_TRUE : LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &o);
	assert_non_null(wb);
	/* Both books of a test made at the same time, whatever the clock. */
	lxw_doc_properties props = {.created = 1700000000};
	workbook_set_properties(wb, &props);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet 1");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (lxw_row_t r = 0; r < 40000; r++) {
		char text[64];
		snprintf(text, sizeof text, "Unit %u", (unsigned)r % 977);
		worksheet_write_string(ws, r, 0, text, r % 10 ? NULL : bold);
		worksheet_write_number(ws, r, 1, r * 7919 % 100003, NULL);
		worksheet_write_number(ws, r, 2, r / 3.0, NULL);
	}
	bc_mem_fail(0, false); /* counting from 0 */
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return bc_mem_asked();
}

/* The whole of member name of archive a; *n its size. */
static unsigned char *member_data(zip_t *a, zip_uint64_t i, size_t *n)
{
	zip_stat_t st;
	assert_int_equal(zip_stat_index(a, i, 0, &st), 0);
	unsigned char *d = malloc(st.size + 1);
	zip_file_t *f = zip_fopen_index(a, i, 0);
	assert_non_null(f);
	zip_int64_t got = 0, r;
	while ((r = zip_fread(f, d + got, st.size + 1 - got)) > 0)
		got += r;
	assert_int_equal(r, 0); /* the CRC checked */
	assert_int_equal(got, st.size);
	zip_fclose(f);
	*n = (size_t)st.size;
	return d;
}

/* libxlsxwriter's calls come here, and the workbook written here holds
 * the same parts as minizip writes (asked for ZIP64, it does). */
static void workbook_as_minizip_writes_it(void **state)
{
	(void)state;
	void *found = dlsym(RTLD_DEFAULT, "zipOpenNewFileInZip4_64");
	int (*ours)(zipFile, const char *, const zip_fileinfo *, const void *,
		    uInt, const void *, uInt, const char *, int, int, int, int,
		    int, int, const char *, uLong, uLong, uLong,
		    int) = zipOpenNewFileInZip4_64;
	assert_memory_equal(&found, &ours, sizeof found);

	char *dir = test_tmpdir(), *here = test_path(dir, "here.xlsx"),
	     *theirs = test_path(dir, "minizip.xlsx");
	/* libxlsxwriter's zipOpen came to the writer (libxlsxwriter's own
	 * allocations are not counted). */
	assert_true(write_book(here, false) > 0);
	write_book(theirs, true);
	int ze = 0;
	/* minizip's ZIP64 local headers differ from its central
	 * directory's, which libzip's consistency check refuses. */
	zip_t *a = zip_open(here, ZIP_RDONLY | ZIP_CHECKCONS, &ze),
	      *b = zip_open(theirs, ZIP_RDONLY, &ze);
	assert_non_null(a);
	assert_non_null(b);
	zip_int64_t n = zip_get_num_entries(a, 0);
	assert_int_equal(n, zip_get_num_entries(b, 0));
	for (zip_int64_t i = 0; i < n; i++) {
		assert_string_equal(zip_get_name(a, i, 0), zip_get_name(b, i, 0));
		size_t na, nb;
		unsigned char *da = member_data(a, i, &na),
			      *db = member_data(b, i, &nb);
		assert_int_equal(na, nb);
		assert_memory_equal(da, db, na);
		free(da);
		free(db);
	}
	zip_stat_t st;
	assert_int_equal(zip_stat(a, "xl/worksheets/sheet1.xml", 0, &st), 0);
	assert_true(st.size > 2 * BC_ZIPW_BLOCK);
	zip_discard(a);
	zip_discard(b);
	test_rm_tree(dir);
	free(here);
	free(theirs);
	free(dir);
}

static int add(zipFile z, const char *name, const char *text, int zip64,
	       const char *password)
{
	zip_fileinfo fi = {.tmz_date = {.tm_mday = 1, .tm_year = 1980}};
	int r = zipOpenNewFileInZip4_64(z, name, &fi, NULL, 0, NULL, 0, NULL,
					Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0,
					-MAX_WBITS, DEF_MEM_LEVEL,
					Z_DEFAULT_STRATEGY, password, 0, 0, 0,
					zip64);
	if (r != ZIP_OK)
		return r;
	r = zipWriteInFileInZip(z, text, (unsigned)strlen(text));
	return r != ZIP_OK ? r : zipCloseFileInZip(z);
}

/* The archive at path (minizip's) holds the members names, each its
 * own name as data. */
static void names_are(const char *path, const char *const *names, size_t n)
{
	int ze = 0;
	zip_t *a = zip_open(path, ZIP_RDONLY, &ze);
	assert_non_null(a);
	assert_int_equal(zip_get_num_entries(a, 0), n);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		unsigned char *d = member_data(a, i, &len);
		assert_string_equal(zip_get_name(a, i, 0), names[i]);
		assert_int_equal(len, strlen(names[i]));
		assert_memory_equal(d, names[i], len);
		free(d);
	}
	zip_discard(a);
}

/* zip.h used by anyone but libxlsxwriter is minizip's, whole: a later
 * member may ask for ZIP64 (the writer would refuse it), an archive
 * may be added to, and minizip's zipClose, which ends a member left
 * open by calling zipCloseFileInZip, reaches its own through ours. */
static void others_get_minizip(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "a.zip");
	long live = bc_mem_live();
	zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
	assert_non_null(z);
	assert_int_equal(add(z, "small", "small", 0, NULL), ZIP_OK);
	assert_int_equal(add(z, "big", "big", 1, NULL), ZIP_OK);
	assert_int_equal(zipClose(z, NULL), ZIP_OK);
	names_are(path, (const char *const[]){"small", "big"}, 2);

	assert_non_null(z = zipOpen(path, APPEND_STATUS_ADDINZIP));
	assert_int_equal(add(z, "more", "more", 0, NULL), ZIP_OK);
	zip_fileinfo fi = {.tmz_date = {.tm_mday = 1, .tm_year = 1980}};
	assert_int_equal(zipOpenNewFileInZip4_64(
				 z, "open", &fi, NULL, 0, NULL, 0, NULL,
				 Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0,
				 -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY,
				 NULL, 0, 0, 0, 0),
			 ZIP_OK);
	assert_int_equal(zipWriteInFileInZip(z, "open", 4), ZIP_OK);
	assert_int_equal(zipClose(z, NULL), ZIP_OK);
	names_are(path,
		  (const char *const[]){"small", "big", "more", "open"}, 4);
	assert_int_equal(bc_mem_live(), live); /* no writer of ours */
	test_rm_tree(dir);
	free(path);
	free(dir);
}

/* libxlsxwriter calls no function of zip.h but the five answered here:
 * another would be handed a handle of ours and take it for minizip's.
 * (A new libxlsxwriter that does fails here, not in a user's export.) */
static void libxlsxwriter_calls_five(void **state)
{
	(void)state;
	Dl_info lib;
	assert_true(dladdr(dlsym(RTLD_NEXT, "workbook_close"), &lib));
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "nm -D --undefined-only '%s' 2>/dev/null",
		 lib.dli_fname);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	static const char *const five[] = {
		"zipOpen", "zipOpenNewFileInZip4_64", "zipWriteInFileInZip",
		"zipCloseFileInZip", "zipClose"};
	char line[512], name[256];
	int listed = 0, answered = 0;
	while (fgets(line, sizeof line, p))
		if (sscanf(line, " U %255s", name) == 1) {
			listed++;
			if (strncmp(name, "zip", 3) && strncmp(name, "unz", 3))
				continue;
			bool known = false;
			for (size_t i = 0; i < 5; i++)
				known |= !strcmp(name, five[i]);
			if (!known)
				fail_msg("libxlsxwriter calls %s", name);
			answered++;
		}
	if (pclose(p) || !listed)
		skip(); /* no nm (binutils) here */
	assert_int_equal(answered, 5);
}

/* A workbook that cannot be written fails in workbook_close, as with
 * minizip, and the writer's memory and threads go.  Asked for ZIP64
 * the workbook is minizip's, whose zipClose ends the member it failed
 * on through the zipCloseFileInZip here, with its own handle. */
static void full_disk(void **state)
{
	(void)state;
	if (access("/dev/full", W_OK))
		skip();
	for (int zip64 = 0; zip64 <= 1; zip64++) {
		long live = bc_mem_live();
		lxw_workbook_options o = {.constant_memory = LXW_TRUE,
					  .use_zip64 = (uint8_t)zip64};
		lxw_workbook *wb = workbook_new_opt("/dev/full", &o);
		assert_non_null(wb);
		lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
		for (lxw_row_t r = 0; r < 20000; r++)
			worksheet_write_number(ws, r, 0, r, NULL);
		assert_int_not_equal(workbook_close(wb), LXW_NO_ERROR);
		assert_int_equal(bc_mem_live(), live);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(workbook_as_minizip_writes_it),
		cmocka_unit_test(others_get_minizip),
		cmocka_unit_test(libxlsxwriter_calls_five),
		cmocka_unit_test(full_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

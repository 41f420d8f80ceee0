/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "zipwrite.h"

#include <errno.h>
#include <zip.h>
#include <zlib.h>

/* What the archives of these tests hold: sizes on each side of a
 * block's end, text that deflates well and bytes that do not. */
typedef struct part {
	const char *name;
	size_t len;
	bool noise;
} part;

static const part parts[] = {
	{"empty.xml", 0, false},
	{"small.xml", 5, false},
	{"xl/one-block.xml", BC_ZIPW_BLOCK, false},
	{"xl/one-block-and-a-byte.xml", BC_ZIPW_BLOCK + 1, false},
	{"xl/worksheets/sheet1.xml", 3 * BC_ZIPW_BLOCK + BC_ZIPW_BLOCK / 2,
	 false},
	{"noise.bin", BC_ZIPW_BLOCK + BC_ZIPW_BLOCK / 2, true},
};
#define N_PARTS (sizeof parts / sizeof parts[0])

/* A part's bytes: rows of a sheet, or a generator's noise. */
static unsigned char *part_data(const part *p)
{
	unsigned char *d = malloc(p->len + 1);
	uint32_t x = 2463534242u;
	size_t n = 0;
	for (long row = 1; n < p->len; row++) {
		if (p->noise) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			d[n++] = (unsigned char)x;
			continue;
		}
		char line[128];
		int k = snprintf(line, sizeof line,
				 "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c>"
				 "<c r=\"B%ld\" t=\"inlineStr\"><is><t>Xa %ld"
				 "</t></is></c></row>",
				 row, row, row * 7919 % 100003, row, row % 97);
		for (int i = 0; i < k && n < p->len; i++)
			d[n++] = (unsigned char)line[i];
	}
	return d;
}

static bc_zipw_member member(const char *name, int level)
{
	return (bc_zipw_member){.name = name,
				.dos_time = 0x6000, /* 12:00:00 */
				.dos_date = 0x5a21, /* 2025-01-01 */
				.made_by = 0x0314,
				.external_attr = 0644u << 16,
				.level = level,
				.window_bits = -15,
				.mem_level = 8,
				.strategy = Z_DEFAULT_STRATEGY};
}

/* Writes every part to path with threads, chunk bytes a call. */
static void write_parts(const char *path, unsigned threads, size_t chunk)
{
	bc_err err = BC_OK;
	bc_zipw *z = bc_zipw_open(path, threads, &err);
	assert_non_null(z);
	for (size_t i = 0; i < N_PARTS; i++) {
		bc_zipw_member m = member(parts[i].name, Z_DEFAULT_COMPRESSION);
		assert_int_equal(bc_zipw_begin(z, &m), BC_OK);
		unsigned char *d = part_data(&parts[i]);
		for (size_t at = 0; at < parts[i].len; at += chunk) {
			size_t n = parts[i].len - at < chunk ? parts[i].len - at
							     : chunk;
			assert_int_equal(bc_zipw_write(z, d + at, n), BC_OK);
		}
		free(d);
		/* The last member is ended by the close. */
		if (i + 1 < N_PARTS)
			assert_int_equal(bc_zipw_end(z), BC_OK);
	}
	assert_int_equal(bc_zipw_close(z, "baocao"), BC_OK);
}

/* path holds every part, whole, as written (libzip checks each CRC as
 * it reads to the end, and the local headers against the central
 * directory). */
static void check_parts(const char *path)
{
	int ze = 0;
	zip_t *a = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(a);
	assert_int_equal(zip_get_num_entries(a, 0), N_PARTS);
	for (size_t i = 0; i < N_PARTS; i++) {
		zip_stat_t st;
		assert_int_equal(zip_stat_index(a, i, 0, &st), 0);
		assert_string_equal(st.name, parts[i].name);
		assert_int_equal(st.size, parts[i].len);
		assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
		struct tm *t = localtime(&st.mtime);
		assert_int_equal(t->tm_year + 1900, 2025);
		assert_int_equal(t->tm_hour, 12);
		zip_uint8_t os;
		zip_uint32_t attr;
		assert_int_equal(zip_file_get_external_attributes(a, i, 0, &os,
								  &attr),
				 0);
		assert_int_equal(os, 3);
		assert_int_equal(attr, 0644u << 16);
		unsigned char *want = part_data(&parts[i]),
			      *got = malloc(parts[i].len + 1);
		zip_file_t *f = zip_fopen_index(a, i, 0);
		assert_non_null(f);
		zip_int64_t n = 0, r;
		while ((r = zip_fread(f, got + n, parts[i].len + 1 - n)) > 0)
			n += r;
		assert_int_equal(r, 0); /* not a CRC error */
		assert_int_equal(n, parts[i].len);
		assert_memory_equal(got, want, parts[i].len);
		zip_fclose(f);
		free(want);
		free(got);
	}
	assert_string_equal(zip_get_archive_comment(a, NULL, 0), "baocao");
	zip_discard(a);
}

/* The archive reads back whole, and is the same bytes whatever the
 * threads and however the data came. */
static void same_archive_any_threads(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *one = test_path(dir, "one.zip"),
	     *three = test_path(dir, "three.zip"),
	     *eight = test_path(dir, "eight.zip");
	write_parts(one, 1, 16384);
	write_parts(three, 3, 7777);
	write_parts(eight, 8, BC_ZIPW_BLOCK + 3);
	check_parts(one);
	size_t n1, n3, n8;
	char *b1 = test_read_path(one, &n1), *b3 = test_read_path(three, &n3),
	     *b8 = test_read_path(eight, &n8);
	assert_int_equal(n1, n3);
	assert_int_equal(n1, n8);
	assert_memory_equal(b1, b3, n1);
	assert_memory_equal(b1, b8, n1);
	free(b1);
	free(b3);
	free(b8);
	test_rm_tree(dir);
	free(one);
	free(three);
	free(eight);
	free(dir);
}

/* Each block primed with the 32 KB before it deflates almost as well
 * as the whole in one stream. */
static void deflates_as_one_stream(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "a.zip");
	write_parts(path, 2, 65536);
	const part *p = &parts[4];
	unsigned char *d = part_data(p);
	z_stream s = {0};
	assert_int_equal(deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
				      -15, 8, Z_DEFAULT_STRATEGY),
			 Z_OK);
	size_t cap = deflateBound(&s, p->len);
	unsigned char *out = malloc(cap);
	s.next_in = d;
	s.avail_in = (uInt)p->len;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
	size_t whole = s.total_out;
	deflateEnd(&s);
	int ze = 0;
	zip_t *a = zip_open(path, ZIP_RDONLY, &ze);
	zip_stat_t st;
	assert_int_equal(zip_stat(a, p->name, 0, &st), 0);
	assert_true(st.comp_size <= whole + whole / 200 + 64);
	zip_discard(a);
	free(out);
	free(d);
	test_rm_tree(dir);
	free(path);
	free(dir);
}

/* A member asked for with what the writer does not do is refused and
 * the archive goes on; data with no member open is refused. */
static void refuses_what_it_cannot_write(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "a.zip"),
	     *nowhere = test_path(dir, "no/such/dir.zip");
	bc_err err = BC_OK;
	assert_null(bc_zipw_open(nowhere, 2, &err));
	assert_int_equal(err, BC_ERR_IO);
	assert_int_equal(errno, ENOENT);
	bc_zipw *z = bc_zipw_open(path, 2, &err);
	assert_non_null(z);
	assert_int_equal(bc_zipw_write(z, "x", 1), BC_ERR_SYNTAX);
	bc_zipw_member bad[] = {member("level", 10), member("window", 6),
				member("memory", 6), member("strategy", 6),
				member("crypt", 6), member(NULL, 6)};
	bad[1].window_bits = 15;
	bad[2].mem_level = 0;
	bad[3].strategy = 9;
	bad[4].flags = 1;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(bc_zipw_begin(z, &bad[i]), BC_ERR_SYNTAX);
	assert_int_equal(bc_zipw_error(z), BC_OK);
	bc_zipw_member ok = member("ok.txt", 1);
	assert_int_equal(bc_zipw_begin(z, &ok), BC_OK);
	assert_int_equal(bc_zipw_write(z, "fine", 4), BC_OK);
	assert_int_equal(bc_zipw_close(z, NULL), BC_OK);
	int ze = 0;
	zip_t *a = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(a);
	assert_int_equal(zip_get_num_entries(a, 0), 1);
	zip_discard(a);
	test_rm_tree(dir);
	free(nowhere);
	free(path);
	free(dir);
}

/* A full disk is an input/output error, from the call that meets it on
 * or from the close, with errno the write's. */
static void full_disk(void **state)
{
	(void)state;
	if (access("/dev/full", W_OK))
		skip();
	bc_err err = BC_OK;
	bc_zipw *z = bc_zipw_open("/dev/full", 2, &err);
	assert_non_null(z);
	bc_zipw_member m = member("noise.bin", Z_DEFAULT_COMPRESSION);
	assert_int_equal(bc_zipw_begin(z, &m), BC_OK);
	unsigned char *d = part_data(&parts[5]);
	for (int i = 0; i < 4 && !bc_zipw_error(z); i++) {
		err = bc_zipw_write(z, d, parts[5].len);
		assert_true(err == BC_OK || err == BC_ERR_IO);
	}
	free(d);
	assert_int_equal(bc_zipw_close(z, NULL), BC_ERR_IO);
	assert_int_equal(errno, ENOSPC);
}

/* The archive at path holds a.xml of n bytes and b.xml of 100. */
static bool whole(const char *path, size_t n)
{
	int ze = 0;
	zip_t *a = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	zip_stat_t sa, sb;
	bool ok = a && zip_get_num_entries(a, 0) == 2 &&
		  !zip_stat(a, "a.xml", 0, &sa) && sa.size == n &&
		  !zip_stat(a, "b.xml", 0, &sb) && sb.size == 100;
	zip_discard(a);
	return ok;
}

/* Each allocation refused in turn: the writer fails with BC_ERR_NOMEM,
 * or does without, and keeps nothing. */
static void no_memory(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *path = test_path(dir, "a.zip");
	unsigned char *d = part_data(&parts[4]);
	for (unsigned threads = 1; threads <= 2; threads++)
		for (long n = 1;; n++) {
			long live = bc_mem_live();
			bc_mem_fail(n, false);
			bc_err err = BC_OK;
			bc_zipw *z = bc_zipw_open(path, threads, &err);
			bc_zipw_member m = member("a.xml", 1),
				       m2 = member("b.xml", 1);
			if (z) {
				err = bc_zipw_begin(z, &m);
				if (!err)
					err = bc_zipw_write(z, d, parts[4].len);
				if (!err)
					err = bc_zipw_begin(z, &m2);
				if (!err)
					err = bc_zipw_write(z, d, 100);
				bc_err closed = bc_zipw_close(z, NULL);
				if (!err)
					err = closed;
			}
			long refused = bc_mem_refused();
			bc_mem_fail(0, false);
			assert_int_equal(bc_mem_live(), live);
			if (!refused) {
				assert_int_equal(err, BC_OK);
				break;
			}
			/* Without its threads' array, the writer deflates on
			 * the caller's thread alone. */
			if (err == BC_OK)
				assert_true(whole(path, parts[4].len));
			else
				assert_int_equal(err, BC_ERR_NOMEM);
		}
	free(d);
	test_rm_tree(dir);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_archive_any_threads),
		cmocka_unit_test(deflates_as_one_stream),
		cmocka_unit_test(refuses_what_it_cannot_write),
		cmocka_unit_test(full_disk),
		cmocka_unit_test(no_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

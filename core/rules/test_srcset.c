/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "srcset.h"

#include <sys/stat.h>

static void make_dir(const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void add(bc_srcset *s, const char *path, const char *text)
{
	assert_int_equal(bc_srcset_add(s, path, text, strlen(text)), BC_OK);
}

static void paths(void **state)
{
	const char *good[] = {"a.lua", "forms/bm1.lua", "a/b/c.lua",
			      "..a.lua", "a..lua", ".hidden.lua"};
	const char *bad[] = {"",     "/abs",   "../x",     "a/../b", "a//b",
			     "a/",   "./a",    "a/./b",    "a/..",   ".",
			     "..",   "/",      "forms/.."};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (!bc_srcset_path_ok(good[i]))
			fail_msg("refused '%s'", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (bc_srcset_path_ok(bad[i]))
			fail_msg("accepted '%s'", bad[i]);
	assert_false(bc_srcset_path_ok(NULL));

	/* add applies the same rule and keeps nothing it refused. */
	bc_srcset s = BC_SRCSET_INIT;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(bc_srcset_add(&s, bad[i], "x", 1),
				 BC_ERR_SYNTAX);
	assert_int_equal(s.n, 0);
	bc_srcset_free(&s);
}

static void add_find_sort(void **state)
{
	bc_srcset s = BC_SRCSET_INIT;
	add(&s, "ruleset.lua", "directive {}");
	add(&s, "forms/bm1.lua", "-- bm1");
	add(&s, "periods.lua", "");
	assert_int_equal(bc_srcset_add(&s, "forms/a.lua", "x\0y", 3), BC_OK);
	bc_srcset_sort(&s);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.v[0].path, "forms/a.lua");
	assert_string_equal(s.v[1].path, "forms/bm1.lua");
	assert_string_equal(s.v[2].path, "periods.lua");
	assert_string_equal(s.v[3].path, "ruleset.lua");

	const bc_srcfile *f = bc_srcset_find(&s, "forms/bm1.lua");
	assert_non_null(f);
	assert_string_equal(f->text, "-- bm1");
	assert_int_equal(f->len, 6);
	f = bc_srcset_find(&s, "forms/a.lua");
	assert_non_null(f);
	assert_int_equal(f->len, 3);
	assert_memory_equal(f->text, "x\0y", 4);
	f = bc_srcset_find(&s, "periods.lua");
	assert_non_null(f);
	assert_int_equal(f->len, 0);
	assert_string_equal(f->text, "");
	assert_null(bc_srcset_find(&s, "bm1.lua"));
	assert_null(bc_srcset_find(&s, "forms"));

	/* The stored text is a copy, terminated after len bytes. */
	char buf[] = "abcdef";
	assert_int_equal(bc_srcset_add(&s, "cut.lua", buf, 3), BC_OK);
	buf[0] = 'Z';
	bc_srcset_sort(&s);
	f = bc_srcset_find(&s, "cut.lua");
	assert_non_null(f);
	assert_string_equal(f->text, "abc");
	assert_int_equal(f->len, 3);

	bc_srcset_free(&s);
	assert_int_equal(s.n, 0);
	assert_null(s.v);
	/* An empty set finds nothing. */
	assert_null(bc_srcset_find(&s, "ruleset.lua"));
}

static void duplicates_refused(void **state)
{
	bc_srcset s = BC_SRCSET_INIT;
	add(&s, "a.lua", "first");
	add(&s, "b/a.lua", "other dir");
	assert_int_equal(bc_srcset_add(&s, "a.lua", "second", 6),
			 BC_ERR_SYNTAX);
	assert_int_equal(s.n, 2);
	bc_srcset_sort(&s);
	assert_string_equal(bc_srcset_find(&s, "a.lua")->text, "first");
	bc_srcset_free(&s);
}

static void limits_hold_for_any_source(void **state)
{
	/* Not only a directory read: files added from the database are
	 * held to the same limits. */
	bc_srcset s = BC_SRCSET_INIT;
	char *big = bc_malloc(BC_SRC_MAX_FILE + 2);
	assert_non_null(big);
	memset(big, 'x', BC_SRC_MAX_FILE + 1);
	assert_int_equal(bc_srcset_add(&s, "big.lua", big, BC_SRC_MAX_FILE + 1),
			 BC_ERR_LIMIT);
	assert_int_equal(bc_srcset_add(&s, "big.lua", big, BC_SRC_MAX_FILE),
			 BC_OK);
	bc_free(big);
	for (int i = 1; i < BC_SRC_MAX_FILES; i++) {
		char path[32];
		snprintf(path, sizeof path, "f%d.lua", i);
		assert_int_equal(bc_srcset_add(&s, path, "x", 1), BC_OK);
	}
	assert_int_equal(bc_srcset_add(&s, "one-more.lua", "x", 1),
			 BC_ERR_LIMIT);
	assert_int_equal(s.n, BC_SRC_MAX_FILES);
	bc_srcset_free(&s);
}

static void hash_of(const char *const *pf, size_t n, char out[BC_SHA256_HEX])
{
	bc_srcset s = BC_SRCSET_INIT;
	for (size_t i = 0; i < n; i++)
		add(&s, pf[2 * i], pf[2 * i + 1]);
	bc_srcset_sort(&s);
	bc_srcset_hash(&s, out);
	bc_srcset_free(&s);
}

static void hash(void **state)
{
	char h1[BC_SHA256_HEX], h2[BC_SHA256_HEX], h3[BC_SHA256_HEX];
	const char *a[] = {"ruleset.lua", "include 'x.lua'", "x.lua", "y = 1",
			   "forms/f.lua", "-- f"};
	const char *b[] = {"forms/f.lua", "-- f", "x.lua", "y = 1",
			   "ruleset.lua", "include 'x.lua'"};
	hash_of(a, 3, h1);
	assert_int_equal(strlen(h1), 64);
	for (const char *c = h1; *c; c++)
		assert_non_null(strchr("0123456789abcdef", *c));
	hash_of(a, 3, h2);
	assert_string_equal(h1, h2);
	hash_of(b, 3, h2);
	assert_string_equal(h1, h2);

	const char *content[] = {"ruleset.lua", "include 'x.lua'", "x.lua",
				 "y = 2", "forms/f.lua", "-- f"};
	hash_of(content, 3, h3);
	assert_string_not_equal(h1, h3);
	const char *path[] = {"ruleset.lua", "include 'x.lua'", "z.lua",
			      "y = 1", "forms/f.lua", "-- f"};
	hash_of(path, 3, h3);
	assert_string_not_equal(h1, h3);
	/* A file fewer is another set. */
	hash_of(a, 2, h3);
	assert_string_not_equal(h1, h3);

	/* Where a path ends and its content starts is part of the hash. */
	const char *ab_c[] = {"ab", "c"};
	const char *a_bc[] = {"a", "bc"};
	hash_of(ab_c, 1, h2);
	hash_of(a_bc, 1, h3);
	assert_string_not_equal(h2, h3);
	/* ... and so is where one file ends and the next begins. */
	const char *two[] = {"a", "x", "b", "y"};
	const char *one[] = {"a", "xby"};
	hash_of(two, 2, h2);
	hash_of(one, 1, h3);
	assert_string_not_equal(h2, h3);

	/* The empty set hashes to SHA-256 of nothing. */
	bc_srcset e = BC_SRCSET_INIT;
	bc_srcset_hash(&e, h2);
	assert_string_equal(h2, "e3b0c44298fc1c149afbf4c8996fb924"
				"27ae41e4649b934ca495991b7852b855");
}

static void read_dir(void **state)
{
	char *dir = test_tmpdir();
	test_write(dir, "ruleset.lua", "include 'forms/bm1.lua'\n");
	test_write(dir, "notes.txt", "not rules");
	test_write(dir, "old.lua.bak", "not rules either");
	test_write(dir, ".hidden.lua", "editor swap");
	make_dir(dir, "forms");
	test_write(dir, "forms/bm1.lua", "-- bm1\n");
	make_dir(dir, "forms/deep");
	test_write(dir, "forms/deep/x.lua", "-- x\n");
	test_write(dir, "forms/README", "text");
	/* A directory whose name ends in .lua is not a file to read. */
	make_dir(dir, "dir.lua");
	test_write(dir, "dir.lua/inside.lua", "-- inside\n");

	/* Links could lead outside the ruleset: neither followed nor read. */
	char *outside = test_tmpdir();
	test_write(outside, "secret.lua", "secret = true\n");
	char target[1024], link[1024];
	snprintf(target, sizeof target, "%s/secret.lua", outside);
	snprintf(link, sizeof link, "%s/link.lua", dir);
	assert_int_equal(symlink(target, link), 0);
	snprintf(link, sizeof link, "%s/linked-dir", dir);
	assert_int_equal(symlink(outside, link), 0);
	snprintf(link, sizeof link, "%s/forms/alias.lua", dir);
	assert_int_equal(symlink("bm1.lua", link), 0);

	bc_srcset s = BC_SRCSET_INIT;
	bc_diags d = BC_DIAGS_INIT;
	bc_err rc = bc_srcset_read_dir(&s, dir, &d);
	test_diags_print(&d);
	assert_int_equal(rc, BC_OK);
	assert_int_equal(d.n, 0);
	const char *want[] = {"dir.lua/inside.lua", "forms/bm1.lua",
			      "forms/deep/x.lua", "ruleset.lua"};
	assert_int_equal(s.n, sizeof want / sizeof *want);
	for (size_t i = 0; i < s.n; i++)
		assert_string_equal(s.v[i].path, want[i]);
	const bc_srcfile *f = bc_srcset_find(&s, "forms/bm1.lua");
	assert_non_null(f);
	assert_string_equal(f->text, "-- bm1\n");
	assert_int_equal(f->len, 7);
	bc_srcset_free(&s);
	bc_diags_free(&d);

	test_rm_tree(dir);
	test_rm_tree(outside);
	free(dir);
	free(outside);
}

static void read_dir_refuses_nul(void **state)
{
	char *dir = test_tmpdir();
	test_write(dir, "ruleset.lua", "-- fine\n");
	char path[1024];
	snprintf(path, sizeof path, "%s/compiled.lua", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite("\x1bLua\0\x54", 1, 6, f);
	fclose(f);

	bc_srcset s = BC_SRCSET_INIT;
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_srcset_read_dir(&s, dir, &d), BC_ERR_INVALID);
	assert_true(test_diags_have(&d, "compiled.lua"));
	assert_true(test_diags_have(&d, "binary"));
	assert_null(bc_srcset_find(&s, "compiled.lua"));
	bc_srcset_free(&s);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

static void read_dir_missing(void **state)
{
	char *dir = test_tmpdir();
	char path[1024];
	snprintf(path, sizeof path, "%s/nowhere", dir);
	bc_srcset s = BC_SRCSET_INIT;
	bc_diags d = BC_DIAGS_INIT;
	assert_int_equal(bc_srcset_read_dir(&s, path, &d), BC_ERR_IO);
	assert_true(test_diags_have(&d, "nowhere"));
	assert_int_equal(s.n, 0);
	bc_srcset_free(&s);
	bc_diags_free(&d);
	test_rm_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paths),
		cmocka_unit_test(add_find_sort),
		cmocka_unit_test(duplicates_refused),
		cmocka_unit_test(limits_hold_for_any_source),
		cmocka_unit_test(hash),
		cmocka_unit_test(read_dir),
		cmocka_unit_test(read_dir_refuses_nul),
		cmocka_unit_test(read_dir_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

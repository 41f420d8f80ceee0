/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "dbfile.h"

#include <errno.h>
#include <sqlite3.h>
#include <sys/stat.h>

typedef struct fx {
	char *dir;
	char path[1024];
	bc_diags d;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = test_tmpdir();
	snprintf(f->path, sizeof f->path, "%s/baocao.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	test_rm_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void write_bytes(const char *path, const void *b, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(b, 1, n, fp), n);
	fclose(fp);
}

/* A database of a few pages, into buf; its size. */
static size_t real_database(fx *f, char *buf, size_t size)
{
	sqlite3 *db;
	char path[1100];
	snprintf(path, sizeof path, "%s/real.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "CREATE TABLE t (x); CREATE TABLE u (y);"
				      "CREATE INDEX ux ON u(y);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	FILE *fp = fopen(path, "rb");
	size_t n = fread(buf, 1, size, fp);
	fclose(fp);
	return n;
}

/* What the content of a file that SQLite refused is said to be. */
static void explains_the_content(void **state)
{
	fx *f = *state;
	static char db[1 << 16];
	size_t n = real_database(f, db, sizeof db);
	assert_true(n >= 4 * 1024);
	/* More than a page header's 100 bytes of text: a units file. */
	char *units = test_fixture_read("units-given-as-database.csv");
	const struct {
		const char *content;
		size_t len;
		int code;
		bc_err want;
		const char *says;
	} cases[] = {
		{"hello\n", 6, SQLITE_NOTADB, BC_ERR_DB, "too short"},
		{units, strlen(units), SQLITE_NOTADB, BC_ERR_DB,
		 "not an SQLite database"},
		{db, 50, SQLITE_CORRUPT, BC_ERR_DAMAGED, "cut short: 50 bytes"},
		{db, n - 1024, SQLITE_CORRUPT, BC_ERR_DAMAGED,
		 "where its header says"},
		{db, n, SQLITE_CORRUPT, BC_ERR_DAMAGED, "baocao check"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		write_bytes(f->path, cases[i].content, cases[i].len);
		assert_int_equal(bc_dbfile_explain(f->path, cases[i].code, 0,
						   "SQLite's words", "open",
						   &f->d),
				 cases[i].want);
		if (!test_diags_have(&f->d, cases[i].says)) {
			test_diags_print(&f->d);
			fail_msg("case %zu does not say '%s'", i,
				 cases[i].says);
		}
		assert_true(test_diags_have(&f->d, f->path));
		bc_diags_free(&f->d);
	}
	free(units);
	assert_true(bc_dbfile_damage_code(SQLITE_CORRUPT_INDEX));
	assert_true(bc_dbfile_damage_code(SQLITE_NOTADB));
	assert_false(bc_dbfile_damage_code(SQLITE_BUSY));
}

static void explains_the_place(void **state)
{
	fx *f = *state;
	char path[1100];
	snprintf(path, sizeof path, "%s/khong-co/x.db", f->dir);
	assert_int_equal(bc_dbfile_explain(path, SQLITE_CANTOPEN, ENOENT,
					   "unable to open database file",
					   "open", &f->d),
			 BC_ERR_DB);
	assert_true(test_diags_have(&f->d, "does not exist"));
	snprintf(path, sizeof path, "%s/sub.db", f->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(bc_dbfile_explain(path, SQLITE_CANTOPEN, EISDIR,
					   "unable to open database file",
					   "open", &f->d),
			 BC_ERR_DB);
	assert_true(test_diags_have(&f->d, "a directory, not a database"));
	assert_int_equal(bc_dbfile_explain(f->path, SQLITE_FULL, ENOSPC,
					   "database or disk is full",
					   "import", &f->d),
			 BC_ERR_DB);
	assert_true(test_diags_have(&f->d, "import: the disk is full"));
	bc_diags_free(&f->d);
}

/* A finished file takes its name only if the name is free. */
static void publish_never_replaces(void **state)
{
	fx *f = *state;
	char *tmp = NULL, got[32] = "";
	bool existed = true;
	assert_int_equal(bc_dbfile_tmp(f->path, &tmp, &f->d), BC_OK);
	write_bytes(tmp, "new", 3);
	assert_int_equal(bc_dbfile_publish(tmp, f->path, &existed, &f->d),
			 BC_OK);
	assert_false(existed);
	struct stat sb;
	assert_int_not_equal(stat(tmp, &sb), 0);
	bc_free(tmp);

	assert_int_equal(bc_dbfile_tmp(f->path, &tmp, &f->d), BC_OK);
	write_bytes(tmp, "newer", 5);
	assert_int_equal(bc_dbfile_publish(tmp, f->path, &existed, &f->d),
			 BC_OK);
	assert_true(existed);
	assert_int_not_equal(stat(tmp, &sb), 0);
	FILE *fp = fopen(f->path, "rb");
	assert_int_equal(fread(got, 1, sizeof got - 1, fp), 3);
	fclose(fp);
	assert_string_equal(got, "new");
	bc_free(tmp);

	char missing[1100];
	snprintf(missing, sizeof missing, "%s/khong-co/x.db", f->dir);
	assert_int_equal(bc_dbfile_tmp(missing, &tmp, &f->d), BC_ERR_IO);
	assert_null(tmp);
	assert_true(test_diags_have(&f->d, "does not exist"));
	bc_diags_free(&f->d);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(explains_the_content),
		T(explains_the_place),
		T(publish_never_replaces),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}

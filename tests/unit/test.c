/* SPDX-License-Identifier: MIT */
/* The helpers the unit tests share (test.h). */
#include "test.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

const char *test_source_root(void)
{
	const char *r = getenv("BC_SOURCE_ROOT");
	return r ? r : ".";
}

char *test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[512];
	snprintf(tmpl, sizeof tmpl, "%s/bc-test-XXXXXX", base ? base : "/tmp");
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

char *test_path(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *p = malloc(na + nb + 2);
	assert_non_null(p);
	memcpy(p, a, na);
	p[na] = '/';
	memcpy(p + na + 1, b, nb + 1);
	return p;
}

void test_write(const char *dir, const char *name, const char *text)
{
	char *path = test_path(dir, name);
	FILE *f = fopen(path, "wb");
	free(path);
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

char *test_read_path(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

char *test_read(const char *dir, const char *name)
{
	char *path = test_path(dir, name);
	size_t len;
	char *buf = test_read_path(path, &len);
	free(path);
	return buf;
}

char *test_fixture(const char *file, const char *name)
{
	char *dir = test_path(test_source_root(), "tests/data");
	char *all = test_read(dir, file);
	size_t n = strlen(name);
	char *found = NULL;
	for (char *l = all; l && *l && !found;) {
		char *end = strchr(l, '\n');
		if (end)
			*end = '\0';
		if (!strncmp(l, name, n) && l[n] == '\t')
			found = strdup(l + n + 1);
		l = end ? end + 1 : NULL;
	}
	free(all);
	free(dir);
	if (!found)
		fail_msg("no '%s' in tests/data/%s", name, file);
	return found;
}

void test_mkdir(const char *dir, const char *name)
{
	char *path = test_path(dir, name);
	assert_int_equal(mkdir(path, 0755), 0);
	free(path);
}

void test_rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		assert_int_equal(errno, ENOENT);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		assert_int_equal(unlink(path), 0);
		return;
	}
	DIR *dp = opendir(path);
	assert_non_null(dp);
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *sub = test_path(path, e->d_name);
		test_rm_tree(sub);
		free(sub);
	}
	closedir(dp);
	assert_int_equal(rmdir(path), 0);
}

void test_link_source(const char *dir, const char *name, const char *target)
{
	char *from = test_path(dir, name);
	char *to = test_path(test_source_root(), target);
	assert_int_equal(symlink(to, from), 0);
	free(from);
	free(to);
}

/* Copies file in to a new file out. */
void test_copy_file(const char *in, const char *out)
{
	FILE *fi = fopen(in, "rb");
	assert_non_null(fi);
	FILE *fo = fopen(out, "wb");
	assert_non_null(fo);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fi)) > 0)
		assert_int_equal(fwrite(buf, 1, n, fo), n);
	fclose(fi);
	assert_int_equal(fclose(fo), 0);
}

void test_copy_tree(const char *from, const char *to)
{
	assert_int_equal(mkdir(to, 0755), 0);
	DIR *dp = opendir(from);
	assert_non_null(dp);
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		char *in = test_path(from, e->d_name);
		char *out = test_path(to, e->d_name);
		struct stat st;
		assert_int_equal(stat(in, &st), 0);
		if (S_ISDIR(st.st_mode))
			test_copy_tree(in, out);
		else
			test_copy_file(in, out);
		free(in);
		free(out);
	}
	closedir(dp);
}

void test_copy_source(const char *dir, const char *name, const char *src)
{
	char *from = test_path(test_source_root(), src);
	char *to = test_path(dir, name);
	test_copy_tree(from, to);
	free(from);
	free(to);
}

char *test_rules_over_time(void)
{
	char *dir = test_tmpdir();
	test_link_source(dir, "cchc-1131", "rules/cchc-1131");
	test_link_source(dir, "test-2025", "tests/rules/test-2025");
	return dir;
}

bool test_diags_at(const bc_diags *d, const char *where, const char *what)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format(&d->v[i]);
		bool hit = s && strncmp(s, where, strlen(where)) == 0 &&
			   strstr(s, what);
		bc_free(s);
		if (hit)
			return true;
	}
	return false;
}

bool test_diags_have(const bc_diags *d, const char *needle)
{
	return test_diags_at(d, "", needle);
}

void test_diags_print(const bc_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format(&d->v[i]);
		printf("# %s\n", s ? s : "?");
		bc_free(s);
	}
}

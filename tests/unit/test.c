/* SPDX-License-Identifier: MIT */
/* The helpers the unit tests share (test.h). */
#include "test.h"
#include "ruleset.h"

#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <zip.h>

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

char *test_zip_part(struct zip *z, const char *name, size_t *len)
{
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) != 0)
		return NULL;
	char *buf = malloc(st.size + 1);
	zip_file_t *f = zip_fopen(z, name, 0);
	assert_non_null(buf);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	buf[st.size] = '\0';
	if (len)
		*len = st.size;
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
	test_texts *t = test_texts_load(file);
	char *text = strdup(test_texts_get(t, name));
	test_texts_free(t);
	assert_non_null(text);
	return text;
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

char *test_rules_late(bool with_late)
{
	char *dir = test_tmpdir();
	test_link_source(dir, "late-old", "tests/rules/late-old");
	if (with_late)
		test_link_source(dir, "late-new", "tests/rules/late-new");
	return dir;
}

char *test_diag_ids(const bc_diag *g)
{
	char row[96] = "";
	if (g->row)
		snprintf(row, sizeof row, "row %d%s%s: ", g->row,
			 g->col ? ", " : "", g->col ? g->col : "");
	char line[32] = ": ";
	if (g->line)
		snprintf(line, sizeof line, ":%d: ", g->line);
	char *s = malloc(2048);
	assert_non_null(s);
	snprintf(s, 2048, "%s%s%s%s%s%s%s%s%s%s",
		 g->file ? g->file : "", line, g->loc ? g->loc : "",
		 g->loc ? ": " : "", g->form ? g->form : "",
		 g->field ? "." : "", g->field ? g->field : "",
		 g->form || g->field ? ": " : "",
		 g->severity == BC_WARNING ? "warning: " : "", row);
	size_t n = strlen(s);
	snprintf(s + n, 2048 - n, "%s", g->msg ? g->msg : "");
	return s;
}

static bool said(const char *s, const char *where, const char *what)
{
	return s && strncmp(s, where, strlen(where)) == 0 && strstr(s, what);
}

bool test_diags_at(const bc_diags *d, const char *where, const char *what)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = bc_diag_format(&d->v[i]), *ids = test_diag_ids(&d->v[i]);
		bool hit = said(s, where, what) || said(ids, where, what);
		bc_free(s);
		free(ids);
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

/* ---- fixtures ------------------------------------------------------------ */

char *test_fixture_path(const char *name)
{
	char *data = test_path(test_source_root(), "tests/data");
	char *p = test_path(data, name);
	free(data);
	return p;
}

char *test_fixture_read(const char *name)
{
	char *path = test_fixture_path(name);
	size_t len;
	char *text = test_read_path(path, &len);
	free(path);
	return text;
}

struct test_texts {
	char *file;
	size_t n;
	char *name[256];
	char *text[256];
};

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	assert_non_null(d);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static unsigned hex_value(const char *s, int digits, const char *where)
{
	unsigned v = 0;
	for (int i = 0; i < digits; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			fail_msg("%s: bad hex digit in an escape", where);
		v = v * 16 + (unsigned)d;
	}
	return v;
}

/* Writes code point c as UTF-8 at out; the bytes written. */
static size_t put_utf8(unsigned c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | c >> 12);
	out[1] = (char)(0x80 | (c >> 6 & 0x3F));
	out[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

/* The one-line text s[0..n) with its escapes read. */
static char *unescape(const char *s, size_t n, const char *where)
{
	char *out = malloc(n + 1), *o = out;
	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			*o++ = s[i];
			continue;
		}
		char e = ++i < n ? s[i] : '\0';
		if (e == 'n' || e == 'r' || e == 't' || e == '\\') {
			*o++ = e == 'n'	  ? '\n'
			       : e == 'r' ? '\r'
			       : e == 't' ? '\t'
					  : '\\';
		} else if (e == 'x' && i + 2 < n) {
			*o++ = (char)hex_value(s + i + 1, 2, where);
			i += 2;
		} else if (e == 'u' && i + 4 < n) {
			o += put_utf8(hex_value(s + i + 1, 4, where), o);
			i += 4;
		} else {
			fail_msg("%s: unknown or cut escape \\%c", where, e);
		}
	}
	*o = '\0';
	return out;
}

char *test_unescape(const char *s, size_t n)
{
	return unescape(s, n, "test_unescape");
}

static void texts_add(test_texts *t, char *name, char *text, const char *where)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->name[i], name) == 0)
			fail_msg("%s: '%s' named twice", where, name);
	if (t->n == sizeof t->name / sizeof *t->name)
		fail_msg("%s: too many texts in one file", where);
	t->name[t->n] = name;
	t->text[t->n++] = text;
}

/* The name of a "[name]" line, or NULL. */
static char *block_name(const char *line, size_t n)
{
	if (n < 3 || line[0] != '[' || line[n - 1] != ']' ||
	    !(line[1] >= 'a' && line[1] <= 'z'))
		return NULL;
	for (size_t i = 1; i + 1 < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_-.", line[i]))
			return NULL;
	return dup_n(line + 1, n - 2);
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* Ends the several-line text open in t, dropping its blank last lines. */
static void block_end(test_texts *t, bool open)
{
	if (!open)
		return;
	char *s = t->text[t->n - 1];
	size_t n = strlen(s);
	while (n >= 2 && s[n - 1] == '\n' && s[n - 2] == '\n')
		s[--n] = '\0';
	if (n == 1 && s[0] == '\n')
		s[0] = '\0';
}

static void block_append(test_texts *t, const char *line, size_t n)
{
	char **s = &t->text[t->n - 1];
	size_t had = strlen(*s);
	*s = realloc(*s, had + n + 2);
	assert_non_null(*s);
	memcpy(*s + had, line, n);
	(*s)[had + n] = '\n';
	(*s)[had + n + 1] = '\0';
}

/* A "name = text" line, or a blank one, of line[0..n). */
static void one_line(test_texts *t, const char *line, size_t n,
		     const char *where)
{
	const char *eq = memchr(line, '=', n);
	const char *k = line, *v = eq ? eq + 1 : "";
	size_t kn = eq ? (size_t)(eq - line) : n;
	size_t vn = eq ? n - kn - 1 : 0;
	trim(&k, &kn);
	if (!eq && kn == 0)
		return;
	if (!eq || kn == 0)
		fail_msg("%s: neither 'name = text' nor '[name]'", where);
	trim(&v, &vn);
	texts_add(t, dup_n(k, kn), unescape(v, vn, where), where);
}

test_texts *test_texts_load(const char *name)
{
	test_texts *t = calloc(1, sizeof *t);
	assert_non_null(t);
	t->file = strdup(name);
	char *all = test_fixture_read(name);
	bool in_block = false;
	size_t lineno = 0;
	for (const char *p = all; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char where[300];
		snprintf(where, sizeof where, "tests/data/%s:%zu", name,
			 ++lineno);
		char *block = block_name(p, n);
		if (block) {
			block_end(t, in_block);
			texts_add(t, block, strdup(""), where);
			in_block = true;
		} else if (p[0] != '#') {
			if (in_block)
				block_append(t, p, n);
			else
				one_line(t, p, n, where);
		}
		p += n + (end != NULL);
	}
	block_end(t, in_block);
	free(all);
	return t;
}

const char *test_texts_get(const test_texts *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->name[i], name) == 0)
			return t->text[i];
	fail_msg("no text '%s' in tests/data/%s", name, t->file);
	return NULL;
}

void test_texts_free(test_texts *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->name[i]);
		free(t->text[i]);
	}
	free(t->file);
	free(t);
}

char *test_fill(const char *text, const char *name, const char *value)
{
	char blank[128];
	snprintf(blank, sizeof blank, "${%s}", name);
	size_t nb = strlen(blank), nv = strlen(value), hits = 0;
	for (const char *p = strstr(text, blank); p; p = strstr(p + nb, blank))
		hits++;
	if (!hits)
		fail_msg("no %s to fill in", blank);
	char *out = malloc(strlen(text) + hits * nv + 1), *o = out;
	assert_non_null(out);
	for (const char *p = text, *q; *p; p = q + nb) {
		q = strstr(p, blank);
		size_t n = q ? (size_t)(q - p) : strlen(p);
		memcpy(o, p, n);
		o += n;
		if (!q)
			break;
		memcpy(o, value, nv);
		o += nv;
	}
	*o = '\0';
	return out;
}

bc_err test_rules_mem(const char *id, const char *const *files,
		      bc_ruleset **rs, bc_diags *d)
{
	bc_srcset src = BC_SRCSET_INIT;
	for (; *files; files += 2)
		assert_int_equal(bc_srcset_add(&src, files[0], files[1],
					       strlen(files[1])),
				 BC_OK);
	bc_srcset_sort(&src);
	*rs = NULL;
	return bc_ruleset_load(id, &src, NULL, rs, d);
}

void test_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", err ? err : "?");
		sqlite3_free(err);
		fail_msg("%s: %s", sql, msg);
	}
}

int64_t test_int_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

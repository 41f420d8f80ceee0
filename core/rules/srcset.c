/* SPDX-License-Identifier: MIT */
#include "srcset.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool bc_srcset_path_ok(const char *path)
{
	if (!path || !*path || path[0] == '/')
		return false;
	const char *p = path;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n + (e != NULL);
		if (e && !*p)
			return false;
	}
	return true;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const bc_srcfile *)a)->path,
		      ((const bc_srcfile *)b)->path);
}

bc_err bc_srcset_add(bc_srcset *s, const char *path, const char *text,
		     size_t len)
{
	if (!bc_srcset_path_ok(path))
		return BC_ERR_SYNTAX;
	if (s->n >= BC_SRC_MAX_FILES || len > BC_SRC_MAX_FILE)
		return BC_ERR_LIMIT;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			return BC_ERR_SYNTAX;
	if (bc_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v) < 0)
		return BC_ERR_NOMEM;
	bc_srcfile *f = &s->v[s->n];
	f->path = bc_strdup(path);
	f->text = bc_strndup(text, len);
	f->len = len;
	if (!f->path || !f->text) {
		bc_free(f->path);
		bc_free(f->text);
		return BC_ERR_NOMEM;
	}
	s->n++;
	return BC_OK;
}

void bc_srcset_sort(bc_srcset *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_file);
}

const bc_srcfile *bc_srcset_find(const bc_srcset *s, const char *path)
{
	bc_srcfile key = {.path = (char *)path};
	if (!s->n)
		return NULL;
	return bsearch(&key, s->v, s->n, sizeof *s->v, cmp_file);
}

void bc_srcset_hash(const bc_srcset *s, char out[BC_SHA256_HEX])
{
	bc_sha256 h;
	bc_sha256_init(&h);
	for (size_t i = 0; i < s->n; i++) {
		/* The terminators make ("ab","c") differ from ("a","bc"). */
		bc_sha256_update(&h, s->v[i].path, strlen(s->v[i].path) + 1);
		bc_sha256_update(&h, s->v[i].text, s->v[i].len + 1);
	}
	bc_sha256_hex(&h, out);
}

void bc_srcset_free(bc_srcset *s)
{
	for (size_t i = 0; i < s->n; i++) {
		bc_free(s->v[i].path);
		bc_free(s->v[i].text);
	}
	bc_free(s->v);
	*s = (bc_srcset)BC_SRCSET_INIT;
}

static bc_err read_file(bc_srcset *s, const char *full, const char *rel,
			bc_diags *d)
{
	FILE *f = fopen(full, "rb");
	if (!f) {
		bc_diags_add(d, BC_ERROR, full, 0, NULL, NULL, "%s",
			     strerror(errno));
		return BC_ERR_IO;
	}
	char *buf = bc_malloc(BC_SRC_MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		return BC_ERR_NOMEM;
	}
	size_t n = fread(buf, 1, BC_SRC_MAX_FILE + 1, f);
	bool err = ferror(f);
	fclose(f);
	bc_err rc = BC_OK;
	if (err) {
		bc_diags_add(d, BC_ERROR, full, 0, NULL, NULL, N_("read error"));
		rc = BC_ERR_IO;
	} else if (n > BC_SRC_MAX_FILE) {
		bc_diags_add(d, BC_ERROR, full, 0, NULL, NULL,
			     N_("larger than %u bytes: not a rules file"),
			     BC_SRC_MAX_FILE);
		rc = BC_ERR_LIMIT;
	} else if (memchr(buf, '\0', n)) {
		bc_diags_add(d, BC_ERROR, full, 0, NULL, NULL,
			     N_("binary content (precompiled Lua is refused)"));
		rc = BC_ERR_INVALID;
	} else {
		rc = bc_srcset_add(s, rel, buf, n);
	}
	bc_free(buf);
	return rc;
}

static bool has_lua_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".lua") == 0;
}

static bc_err walk(bc_srcset *s, const char *root, const char *rel, int depth,
		   bc_diags *d)
{
	char *dir = *rel ? bc_sprintf("%s/%s", root, rel) : bc_strdup(root);
	if (!dir)
		return BC_ERR_NOMEM;
	DIR *dp = opendir(dir);
	if (!dp) {
		bc_diags_add(d, BC_ERROR, dir, 0, NULL, NULL, "%s",
			     strerror(errno));
		bc_free(dir);
		return BC_ERR_IO;
	}
	bc_err rc = BC_OK;
	struct dirent *e;
	while (rc == BC_OK && (e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		char *full = bc_sprintf("%s/%s", dir, e->d_name);
		char *sub = *rel ? bc_sprintf("%s/%s", rel, e->d_name)
				 : bc_strdup(e->d_name);
		struct stat st;
		if (!full || !sub)
			rc = BC_ERR_NOMEM;
		else if (lstat(full, &st) != 0 || S_ISLNK(st.st_mode))
			; /* a link could lead outside the ruleset */
		else if (S_ISDIR(st.st_mode) && depth < 4)
			rc = walk(s, root, sub, depth + 1, d);
		else if (S_ISREG(st.st_mode) && has_lua_suffix(e->d_name)) {
			if (s->n >= BC_SRC_MAX_FILES) {
				bc_diags_add(d, BC_ERROR, root, 0, NULL, NULL,
					     N_("more than %d rules files"),
					     BC_SRC_MAX_FILES);
				rc = BC_ERR_LIMIT;
			} else {
				rc = read_file(s, full, sub, d);
			}
		}
		bc_free(full);
		bc_free(sub);
	}
	closedir(dp);
	bc_free(dir);
	return rc;
}

bc_err bc_srcset_read_dir(bc_srcset *s, const char *dir, bc_diags *d)
{
	return bc_srcset_read_under(s, dir, "", d);
}

bc_err bc_srcset_read_under(bc_srcset *s, const char *root, const char *sub,
			    bc_diags *d)
{
	bc_err rc = walk(s, root, sub, 0, d);
	bc_srcset_sort(s);
	return rc;
}

bool bc_srcset_common(const char *path)
{
	size_t n = strlen(BC_SRC_COMMON);
	return strncmp(path, BC_SRC_COMMON, n) == 0 && path[n] == '/';
}

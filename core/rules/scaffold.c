/* SPDX-License-Identifier: MIT */
/* A new directive begun from another (scaffold.h). */
#include "scaffold.h"
#include "mem.h"
#include "outfile.h"
#include "registry.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const bc_scaffold_to_fill[] = {"title", "reference", "issued",
					   "in_force.from", NULL};

bool bc_ruleset_id_ok(const char *id)
{
	size_t n = strlen(id);
	if (!n || n > 64 || !((*id >= 'a' && *id <= 'z') ||
			      (*id >= '0' && *id <= '9')))
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

/* ---- text made in memory ---------------------------------------------------- */

typedef struct buf {
	char *s;
	size_t n, cap;
	bool oom;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->oom || bc_grow((void **)&b->s, &b->cap, b->n + n + 1, 1) < 0) {
		b->oom = true;
		return;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* s as a Lua string literal: what is no text escaped. */
static void quote(buf *b, const char *s)
{
	puts_(b, "\"");
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		char e[8];
		if (*c == '"' || *c == '\\')
			snprintf(e, sizeof e, "\\%c", *c);
		else if (*c == '\n')
			snprintf(e, sizeof e, "\\n");
		else if (*c < 0x20 || *c == 0x7f)
			snprintf(e, sizeof e, "\\%03u", *c);
		else
			snprintf(e, sizeof e, "%c", *c);
		puts_(b, e);
	}
	puts_(b, "\"");
}

/* `  key = "value",` and, when note is given, a comment after it. */
static void key_line(buf *b, const char *key, const char *value,
		     const char *note)
{
	puts_(b, "  ");
	puts_(b, key);
	puts_(b, " = ");
	quote(b, value);
	puts_(b, ",");
	if (note) {
		puts_(b, "  -- ");
		puts_(b, note);
	}
	puts_(b, "\n");
}

/* The new directive{}: its id, what it leaves to fill in, what it keeps
 * of src's, and src named as the ruleset it supersedes. */
static void directive_text(buf *b, const bc_ruleset *src, const char *id)
{
	const bc_directive *d = &src->directive;
	int off = d->utc_offset < 0 ? -d->utc_offset : d->utc_offset;
	char line[160];
	puts_(b, "directive {\n");
	key_line(b, "id", id, NULL);
	puts_(b, "  -- ");
	puts_(b, _("To fill in from the new directive; `baocao rules check` "
		   "lists what is left."));
	puts_(b, "\n");
	key_line(b, "title", "", _("its title, as printed on it"));
	key_line(b, "reference", "", _("its number and symbol"));
	key_line(b, "issued", "", _("the day it was issued, YYYY-MM-DD"));
	puts_(b, "  in_force = { from = \"\" },  -- ");
	puts_(b, _("the day it takes effect: periods whose data window "
		   "ends from then on come under it, YYYY-MM-DD"));
	puts_(b, "\n  -- ");
	puts_(b, _("Kept from the directive it supersedes; check them."));
	puts_(b, "\n");
	key_line(b, "supersedes", src->id, NULL);
	key_line(b, "replaces", d->reference, NULL);
	if (d->issuer)
		key_line(b, "issuer", d->issuer, NULL);
	snprintf(line, sizeof line,
		 "  deadline = { inclusive = %s, utc_offset = \"%c%02d:%02d\" "
		 "},\n",
		 d->deadline_inclusive ? "true" : "false",
		 d->utc_offset < 0 ? '-' : '+', off / 60, off % 60);
	puts_(b, line);
	if (d->reading)
		key_line(b, "reading", d->reading, NULL);
	if (d->money_unit)
		key_line(b, "money_unit", d->money_unit, NULL);
	if (strcmp(d->report_name, BC_PART_REPORT))
		key_line(b, "report_name", d->report_name, NULL);
	puts_(b, "}");
}

/* ---- finding directive{} in its file ------------------------------------- */

/* Lua source read token by token, as far as telling code from strings
 * and comments needs. */
typedef struct lex {
	const char *s;
	size_t n, i;
	int line;
} lex;

/* The level of the long bracket opening at i ("[[" 0, "[==[" 2), or -1. */
static int long_open(const lex *l, size_t i)
{
	size_t k = i + 1;
	if (i >= l->n || l->s[i] != '[')
		return -1;
	while (k < l->n && l->s[k] == '=')
		k++;
	return k < l->n && l->s[k] == '[' ? (int)(k - i - 1) : -1;
}

/* Past the long bracket of level lv opening at l->i. */
static void long_skip(lex *l, int lv)
{
	for (l->i += (size_t)lv + 2; l->i < l->n; l->i++) {
		size_t k = l->i + 1;
		if (l->s[l->i] == '\n')
			l->line++;
		if (l->s[l->i] != ']')
			continue;
		while (k < l->n && l->s[k] == '=')
			k++;
		if (k < l->n && l->s[k] == ']' && (int)(k - l->i - 1) == lv) {
			l->i = k + 1;
			return;
		}
	}
}

/* Past blanks and comments. */
static void blanks(lex *l)
{
	while (l->i < l->n) {
		char c = l->s[l->i];
		if (c == '\n')
			l->line++;
		if (strchr(" \t\r\n\f\v", c)) {
			l->i++;
			continue;
		}
		if (c != '-' || l->i + 1 >= l->n || l->s[l->i + 1] != '-')
			return;
		l->i += 2;
		int lv = long_open(l, l->i);
		if (lv >= 0)
			long_skip(l, lv);
		else
			while (l->i < l->n && l->s[l->i] != '\n')
				l->i++;
	}
}

static bool name_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/* A short string opened by its quote at l->i, passed. */
static void short_skip(lex *l)
{
	char q = l->s[l->i++];
	for (; l->i < l->n && l->s[l->i] != q && l->s[l->i] != '\n'; l->i++)
		if (l->s[l->i] == '\\' && l->i + 1 < l->n)
			l->line += l->s[++l->i] == '\n';
	if (l->i < l->n && l->s[l->i] == q)
		l->i++;
}

/* The next token, its first byte at *at on line *line: 'a' a name
 * (and a number), '"' a string, else its one character; 0 at the end. */
static char token(lex *l, size_t *at, int *line)
{
	blanks(l);
	*at = l->i;
	*line = l->line;
	if (l->i >= l->n)
		return 0;
	char c = l->s[l->i];
	if (name_char(c, false) || c == '.') {
		while (l->i < l->n &&
		       (name_char(l->s[l->i], false) || l->s[l->i] == '.'))
			l->i++;
		return 'a';
	}
	if (c == '"' || c == '\'') {
		short_skip(l);
		return '"';
	}
	int lv = long_open(l, l->i);
	if (lv >= 0) {
		long_skip(l, lv);
		return '"';
	}
	l->i++;
	return c;
}

/* Where the call `directive {…}` (or `directive({…})`) that begins on
 * line of s is: [*from, *to).  False when there is none. */
static bool directive_span(const char *s, size_t n, int line, size_t *from,
			   size_t *to)
{
	const char *name = bc_registry[BC_REG_DIRECTIVE].name;
	lex l = {s, n, 0, 1};
	size_t at, name_at = 0;
	int ln, name_line = 0;
	bool after_name = false;
	char t;
	while ((t = token(&l, &at, &ln)) &&
	       (ln <= line || (after_name && name_line == line))) {
		if (after_name && name_line == line && (t == '{' || t == '(')) {
			int depth = 1;
			while (depth > 0 && (t = token(&l, &at, &ln)))
				depth += (t == '{' || t == '(' || t == '[') -
					 (t == '}' || t == ')' || t == ']');
			*from = name_at;
			*to = l.i;
			return depth == 0;
		}
		after_name = t == 'a' && at + strlen(name) == l.i &&
			     !strncmp(s + at, name, strlen(name));
		name_at = at;
		name_line = ln;
	}
	return false;
}

/* ---- the files, written ---------------------------------------------------- */

/* The directory at path and what it holds, removed (links not
 * followed): the copy a failure leaves. */
static void remove_tree(const char *path)
{
	struct stat st;
	DIR *dp;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (dp = opendir(path))) {
		struct dirent *e;
		while ((e = readdir(dp))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *sub = bc_sprintf("%s/%s", path, e->d_name);
			if (sub)
				remove_tree(sub);
			bc_free(sub);
		}
		closedir(dp);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* The directories of rel (a path in the ruleset) made below root. */
static int make_parents(const char *root, const char *rel)
{
	int err = 0;
	for (const char *p = strchr(rel, '/'); !err && p;
	     p = strchr(p + 1, '/')) {
		char *dir = bc_sprintf("%s/%.*s", root, (int)(p - rel), rel);
		if (!dir)
			return ENOMEM;
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			err = errno;
		bc_free(dir);
	}
	return err;
}

/* text, n bytes, as the file rel below root. */
static int write_file(const char *root, const char *rel, const char *text,
		      size_t n)
{
	int err = make_parents(root, rel);
	char *path = err ? NULL : bc_sprintf("%s/%s", root, rel);
	FILE *f = path ? fopen(path, "wx") : NULL;
	if (!err && !path)
		err = ENOMEM;
	else if (!err && !f)
		err = errno;
	errno = 0;
	if (f && fwrite(text, 1, n, f) != n)
		err = errno ? errno : EIO;
	if (f && fclose(f) != 0 && !err)
		err = errno;
	bc_free(path);
	return err;
}

/* Every file of src into root, the entry's text as new_entry. */
static int write_files(const bc_ruleset *src, const char *root,
		       const char *entry, const buf *new_entry,
		       const char **failed)
{
	for (size_t i = 0; i < src->src.n; i++) {
		const bc_srcfile *f = &src->src.v[i];
		bool is_entry = !strcmp(f->path, entry);
		int err = write_file(root, f->path,
				     is_entry ? new_entry->s : f->text,
				     is_entry ? new_entry->n : f->len);
		if (err) {
			*failed = f->path;
			return err;
		}
	}
	return 0;
}

/* The entry's text with its directive{} replaced, into b. */
static bc_err new_entry(const bc_ruleset *src, const char *id,
			const bc_srcfile *f, int line, buf *b, bc_diags *d)
{
	size_t from, to;
	if (!directive_span(f->text, f->len, line, &from, &to)) {
		bc_diags_add(d, BC_ERROR, src->directive.at.file, line, NULL,
			     NULL,
			     N_("no directive{…} call begins on this line: "
				"the new one cannot take its place"));
		return BC_ERR_REFUSED;
	}
	put(b, f->text, from);
	directive_text(b, src, id);
	put(b, f->text + to, f->len - to);
	return b->oom ? BC_ERR_NOMEM : BC_OK;
}

/* Where src's directive{} is: its file in the ruleset (past the
 * "<id>/" of its origin). */
static const bc_srcfile *entry_of(const bc_ruleset *src)
{
	const char *file = src->directive.at.file;
	size_t n = strlen(src->id);
	if (!file || strncmp(file, src->id, n) || file[n] != '/')
		return NULL;
	return bc_srcset_find(&src->src, file + n + 1);
}

/* The copy in a directory of its own beside final, put in final's
 * place (claimed, empty) when whole. */
static bc_err copy_in(const bc_ruleset *src, const char *rules_dir,
		      const char *id, const char *final, const char *entry,
		      const buf *text, bc_diags *d)
{
	/* Hidden from the rulebook (a name beginning with '.'), and with a
	 * new directory's mode, as mkdtemp's would not be. */
	char *tmp = bc_sprintf("%s/.%s.new-%ld", rules_dir, id, (long)getpid());
	const char *failed = NULL;
	int err = 0;
	if (!tmp)
		return BC_ERR_NOMEM;
	if (mkdir(tmp, 0777) != 0)
		err = errno;
	else if (!(err = write_files(src, tmp, entry, text, &failed)) &&
		 rename(tmp, final) != 0)
		err = errno;
	if (err) {
		bc_diags_add(d, BC_ERROR, failed ? failed : final, 0, NULL,
			     NULL, N_("cannot write the new ruleset: %s"),
			     strerror(err));
		if (err != EEXIST || failed)
			remove_tree(tmp);
	} else {
		bc_dir_sync(rules_dir);
	}
	bc_free(tmp);
	return err == ENOMEM ? BC_ERR_NOMEM : err ? BC_ERR_IO : BC_OK;
}

/* final made empty, or why not: a new ruleset never takes the place of
 * anything. */
static bc_err claim(const char *final, bc_diags *d)
{
	if (mkdir(final, 0777) == 0)
		return BC_OK;
	if (errno == EEXIST) {
		bc_diags_add(d, BC_ERROR, final, 0, NULL, NULL,
			     N_("already there: a new ruleset is never "
				"written over anything"));
		return BC_ERR_INVALID;
	}
	bc_diags_add(d, BC_ERROR, final, 0, NULL, NULL,
		     N_("cannot make the new ruleset's directory: %s"),
		     strerror(errno));
	return BC_ERR_IO;
}

bc_err bc_ruleset_scaffold(const bc_ruleset *src, const char *rules_dir,
			   const char *id, bc_scaffold *out, bc_diags *d)
{
	*out = (bc_scaffold){0};
	if (!bc_ruleset_id_ok(id)) {
		bc_diags_add(d, BC_ERROR, NULL, 0, NULL, NULL,
			     N_("'%s' cannot name a ruleset: lower-case "
				"letters, digits, '-' and '_', a letter or a "
				"digit first, at most 64"),
			     id);
		return BC_ERR_SYNTAX;
	}
	const bc_srcfile *entry = entry_of(src);
	if (!entry) {
		bc_diags_add(d, BC_ERROR, src->directive.at.file, 0, NULL, NULL,
			     N_("the directive{} of ruleset %s is in none of "
				"its files"),
			     src->id);
		return BC_ERR_REFUSED;
	}
	buf text = {0};
	bc_err rc = new_entry(src, id, entry, src->directive.at.line, &text, d);
	*out = (bc_scaffold){.dir = bc_sprintf("%s/%s", rules_dir, id),
			     .entry = bc_strdup(entry->path),
			     .line = src->directive.at.line,
			     .n_files = src->src.n};
	if (rc == BC_OK && (!out->dir || !out->entry))
		rc = BC_ERR_NOMEM;
	if (rc == BC_OK)
		rc = claim(out->dir, d);
	if (rc == BC_OK && (rc = copy_in(src, rules_dir, id, out->dir,
					 entry->path, &text, d)))
		rmdir(out->dir);
	bc_free(text.s);
	if (rc != BC_OK)
		bc_scaffold_free(out);
	return rc;
}

void bc_scaffold_free(bc_scaffold *s)
{
	bc_free(s->dir);
	bc_free(s->entry);
	*s = (bc_scaffold){0};
}

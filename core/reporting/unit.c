/* SPDX-License-Identifier: MIT */
#include "unit.h"
#include "csv_parse.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define UNITS_MAX_FILE (64u << 20)
#define CODE_MAX 64

enum { COL_CODE, COL_NAME, COL_KIND, COL_ROLES, COL_PARENT, N_COLS };
static const char *const col_names[N_COLS] = {"code", "name", "kind",
					      "roles", "parent"};

typedef struct row {
	int line;
	char *f[N_COLS]; /* owned; NULL for an absent column */
} row;

typedef struct node { /* a unit as it will be after the import */
	const char *code, *parent;
	int line; /* 0 for a unit only in the database */
} node;

typedef struct importer {
	const char *file;
	const bc_rulebook *rb;
	bc_diags *d;
	int col[N_COLS]; /* column index of each known column, -1 absent */
	bool header_done, header_bad;
	row *rows;
	size_t n, cap;
	bool oom;
} importer;

bool bc_unit_code_ok(const char *s)
{
	if (!*s || strlen(s) > CODE_MAX)
		return false;
	/* ASCII by hand: islower() would follow the locale. */
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t i = 0;
	while (isspace((unsigned char)s[i]))
		i++;
	memmove(s, s + i, n - i + 1);
}

static int read_header(importer *im, int line, size_t n, char *const *f)
{
	for (int c = 0; c < N_COLS; c++)
		im->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		trim(f[i]);
		int c = 0;
		while (c < N_COLS && strcmp(f[i], col_names[c]) != 0)
			c++;
		if (c == N_COLS) {
			bc_diags_add(im->d, BC_ERROR, im->file, line, NULL,
				     NULL,
				     N_("unknown column '%s' (columns: code, "
				        "name, kind, roles, parent)"),
				     f[i]);
			im->header_bad = true;
		} else if (im->col[c] >= 0) {
			bc_diags_add(im->d, BC_ERROR, im->file, line, NULL,
				     NULL, N_("column '%s' appears twice"), f[i]);
			im->header_bad = true;
		} else {
			im->col[c] = (int)i;
		}
	}
	for (int c = 0; c <= COL_KIND; c++)
		if (im->col[c] < 0) {
			bc_diags_add(im->d, BC_ERROR, im->file, line, NULL,
				     NULL, N_("no '%s' column in the header"),
				     col_names[c]);
			im->header_bad = true;
		}
	im->header_done = true;
	return im->header_bad; /* stop: lines cannot be read without it */
}

static int on_row(void *ud, int line, size_t n, char *const *f)
{
	importer *im = ud;
	if (!im->header_done)
		return read_header(im, line, n, f);
	if (n == 1 && !*f[0])
		return 0; /* a line of nothing */
	size_t want = 0;
	for (int c = 0; c < N_COLS; c++)
		if (im->col[c] >= 0)
			want++;
	if (n != want) {
		bc_diags_add(im->d, BC_ERROR, im->file, line, NULL, NULL,
			     N_("%zu fields where the header has %zu"), n, want);
		return 0;
	}
	if (bc_grow((void **)&im->rows, &im->cap, im->n + 1,
		    sizeof *im->rows) < 0) {
		im->oom = true;
		return 1;
	}
	row *r = &im->rows[im->n++];
	*r = (row){.line = line};
	for (int c = 0; c < N_COLS; c++) {
		if (im->col[c] < 0)
			continue;
		if (!(r->f[c] = bc_strdup(f[im->col[c]]))) {
			im->oom = true;
			return 1;
		}
		trim(r->f[c]);
	}
	return 0;
}

/* ---- checks ------------------------------------------------------------- */

static int cmp_node(const void *a, const void *b)
{
	return strcmp(((const node *)a)->code, ((const node *)b)->code);
}

static const node *find_node(const node *v, size_t n, const char *code)
{
	node key = {.code = code};
	return n ? bsearch(&key, v, n, sizeof *v, cmp_node) : NULL;
}

static void check_roles(importer *im, row *r)
{
	char *roles = r->f[COL_ROLES];
	if (!roles || !*roles)
		return;
	char *copy = bc_strdup(roles);
	if (!copy) {
		im->oom = true;
		return;
	}
	for (char *save, *t = strtok_r(copy, ";", &save); t;
	     t = strtok_r(NULL, ";", &save)) {
		trim(t);
		if (*t && !bc_rulebook_role(im->rb, t))
			bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL,
				     "roles",
				     N_("unknown role '%s' (the rules declare "
				        "no such role)"),
				     t);
	}
	bc_free(copy);
}

static void check_row(importer *im, row *r)
{
	const char *code = r->f[COL_CODE];
	if (!bc_unit_code_ok(code))
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "code",
			     N_("bad code '%s': use a-z, 0-9 and '-', at most "
				"%d"),
			     code, CODE_MAX);
	if (!*r->f[COL_NAME])
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "name",
			     N_("the name is empty"));
	unsigned ctl = bc_utf8_first_control(r->f[COL_NAME], false);
	if (ctl)
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "name",
			     N_("U+%04X, a control character, which no one "
				"types and a terminal acts on: remove it"), ctl);
	if (!bc_rulebook_kind(im->rb, r->f[COL_KIND]))
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "kind",
			     N_("unknown kind '%s' (the rules declare no such "
			        "unit kind)"),
			     r->f[COL_KIND]);
	check_roles(im, r);
	const char *parent = r->f[COL_PARENT];
	if (parent && strcmp(parent, code) == 0)
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL,
			     "parent", N_("a unit cannot be its own parent"));
}

/* Units of the database, as nodes; their strings are in *strs (*ns of
 * them, parents possibly NULL), freed with free_strs. */
static bc_err db_nodes(bc_store *st, node **v, size_t *n, char ***strs,
		       size_t *ns, bc_diags *d)
{
	sqlite3_stmt *s;
	size_t cap = 0, scap = 0;
	*v = NULL;
	*n = *ns = 0;
	*strs = NULL;
	if (sqlite3_prepare_v2(bc_store_db(st),
			       "SELECT u.code, p.code FROM unit u"
			       " LEFT JOIN unit p ON p.id = u.parent_id"
			       " ORDER BY u.code",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, N_("units"));
	bc_err rc = BC_OK;
	int r = SQLITE_DONE;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_text(s, 1);
		if (bc_grow((void **)v, &cap, *n + 1, sizeof **v) < 0 ||
		    bc_grow((void **)strs, &scap, *ns + 2, sizeof **strs) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		char *code = bc_strdup((const char *)sqlite3_column_text(s, 0));
		char *parent = p ? bc_strdup((const char *)p) : NULL;
		(*strs)[(*ns)++] = code;
		(*strs)[(*ns)++] = parent;
		if (!code || (p && !parent))
			rc = BC_ERR_NOMEM;
		else
			(*v)[(*n)++] = (node){code, parent, 0};
	}
	if (rc == BC_OK && r != SQLITE_DONE) /* not the end of the units */
		rc = bc_store_fail(st, d, N_("units"));
	sqlite3_finalize(s);
	return rc;
}

static void free_strs(char **strs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bc_free(strs[i]);
	bc_free(strs);
}

/* Merges the file's units over the database's: the tree after import. */
static bc_err merged_tree(importer *im, const node *db, size_t ndb, node **out,
			  size_t *nout)
{
	node *v = bc_malloc((ndb + im->n + 1) * sizeof *v);
	if (!v)
		return BC_ERR_NOMEM;
	size_t n = 0;
	for (size_t i = 0; i < im->n; i++) {
		const char *parent = im->rows[i].f[COL_PARENT];
		/* Without a parent column a unit keeps the parent it has. */
		if (im->col[COL_PARENT] < 0) {
			const node *old = find_node(db, ndb,
						    im->rows[i].f[COL_CODE]);
			parent = old ? old->parent : NULL;
		}
		v[n++] = (node){im->rows[i].f[COL_CODE],
				parent && *parent ? parent : NULL,
				im->rows[i].line};
	}
	qsort(v, n, sizeof *v, cmp_node);
	size_t nfile = n;
	for (size_t i = 0; i < ndb; i++)
		if (!find_node(v, nfile, db[i].code))
			v[n++] = db[i];
	qsort(v, n, sizeof *v, cmp_node);
	*out = v;
	*nout = n;
	return BC_OK;
}

static void check_duplicates(importer *im)
{
	node *v = bc_malloc((im->n + 1) * sizeof *v);
	if (!v) {
		im->oom = true;
		return;
	}
	for (size_t i = 0; i < im->n; i++)
		v[i] = (node){im->rows[i].f[COL_CODE], NULL, im->rows[i].line};
	qsort(v, im->n, sizeof *v, cmp_node);
	for (size_t i = 1; i < im->n; i++)
		if (strcmp(v[i].code, v[i - 1].code) == 0) {
			int a = v[i].line < v[i - 1].line ? v[i].line
							  : v[i - 1].line;
			int b = v[i].line < v[i - 1].line ? v[i - 1].line
							  : v[i].line;
			bc_diags_add(im->d, BC_ERROR, im->file, b, NULL, "code",
				     N_("duplicate code '%s' (also on line %d)"),
				     v[i].code, a);
		}
	bc_free(v);
}

static void check_parents(importer *im, const node *tree, size_t n)
{
	for (size_t i = 0; i < im->n; i++) {
		row *r = &im->rows[i];
		const char *p = r->f[COL_PARENT];
		if (!p || !*p || strcmp(p, r->f[COL_CODE]) == 0)
			continue;
		if (!find_node(tree, n, p)) {
			bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL,
				     "parent",
				     N_("unknown parent '%s' (not in this file "
				        "nor in the database)"),
				     p);
			continue;
		}
		/* Walk up: a chain longer than the tree has units loops. */
		const node *at = find_node(tree, n, r->f[COL_CODE]);
		size_t steps = 0;
		while (at && at->parent && steps <= n) {
			at = find_node(tree, n, at->parent);
			steps++;
			if (at && strcmp(at->code, r->f[COL_CODE]) == 0) {
				bc_diags_add(im->d, BC_ERROR, im->file, r->line,
					     NULL, "parent",
					     N_("a cycle of parents: '%s' is "
						"its own ancestor through '%s'"),
					     r->f[COL_CODE], p);
				break;
			}
		}
	}
}

/* ---- storing ---------------------------------------------------------- */

static int64_t unit_id(sqlite3 *db, const char *code)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	if (sqlite3_prepare_v2(db, "SELECT id FROM unit WHERE code = ?", -1, &s,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

static bool step_done(sqlite3_stmt *s)
{
	bool ok = sqlite3_step(s) == SQLITE_DONE;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return ok;
}

/* Statements of one import, prepared once. */
enum { S_UPSERT, S_PARENT, S_DEL_ROLES, S_ADD_ROLE, S_SAME, N_STMTS };
static const char *const stmt_sql[N_STMTS] = {
	"INSERT INTO unit (code, name, kind) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (code) DO UPDATE SET name = ?2, kind = ?3",
	"UPDATE unit SET parent_id = (SELECT id FROM unit WHERE code = ?2)"
	" WHERE code = ?1",
	"DELETE FROM unit_role WHERE unit_id = (SELECT id FROM unit"
	" WHERE code = ?1)",
	"INSERT OR IGNORE INTO unit_role (unit_id, role)"
	" VALUES ((SELECT id FROM unit WHERE code = ?1), ?2)",
	"SELECT u.name = ?2 AND u.kind = ?3 AND"
	" (NOT ?7 OR coalesce(p.code, '') = coalesce(?5, '')) AND"
	" (NOT ?6 OR (SELECT coalesce(group_concat(role, ';'), '') FROM"
	"  (SELECT role FROM unit_role WHERE unit_id = u.id ORDER BY role))"
	"  = ?4)"
	" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.code = ?1",
};

/* The roles of a row, trimmed, sorted, deduplicated, joined by ';'. */
static char *norm_roles(const char *roles)
{
	char *copy = bc_strdup(roles ? roles : "");
	char **v = bc_calloc(strlen(copy ? copy : "") / 2 + 2, sizeof *v);
	char *out = copy ? bc_malloc(strlen(copy) + 1) : NULL;
	size_t n = 0;
	if (!copy || !v || !out) {
		bc_free(copy);
		bc_free(v);
		bc_free(out);
		return NULL;
	}
	for (char *save, *t = strtok_r(copy, ";", &save); t;
	     t = strtok_r(NULL, ";", &save)) {
		trim(t);
		if (*t)
			v[n++] = t;
	}
	qsort(v, n, sizeof *v, bc_str_cmp);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0) {
			if (*out)
				strcat(out, ";");
			strcat(out, v[i]);
		}
	bc_free(copy);
	bc_free(v);
	return out;
}

static bc_err store_rows(bc_store *st, importer *im,
			 bc_units_import_result *res, bc_diags *d)
{
	sqlite3 *db = bc_store_db(st);
	sqlite3_stmt *s[N_STMTS] = {0};
	bc_err rc = BC_OK;
	for (int i = 0; i < N_STMTS && rc == BC_OK; i++)
		if (sqlite3_prepare_v2(db, stmt_sql[i], -1, &s[i], NULL))
			rc = bc_store_fail(st, d, N_("units"));
	for (size_t i = 0; i < im->n && rc == BC_OK; i++) {
		row *r = &im->rows[i];
		char *roles = norm_roles(r->f[COL_ROLES]);
		const char *parent = r->f[COL_PARENT] && *r->f[COL_PARENT]
					     ? r->f[COL_PARENT]
					     : NULL;
		if (!roles) {
			rc = BC_ERR_NOMEM;
			break;
		}
		int64_t id = unit_id(db, r->f[COL_CODE]);
		bool same = false;
		if (id > 0) {
			for (int k = 0; k < N_COLS; k++)
				sqlite3_bind_text(s[S_SAME], k + 1,
						  k == COL_ROLES ? roles
						  : k == COL_PARENT ? parent
								    : r->f[k],
						  -1, SQLITE_STATIC);
			sqlite3_bind_int(s[S_SAME], 6, im->col[COL_ROLES] >= 0);
			sqlite3_bind_int(s[S_SAME], 7, im->col[COL_PARENT] >= 0);
			same = sqlite3_step(s[S_SAME]) == SQLITE_ROW &&
			       sqlite3_column_int(s[S_SAME], 0);
			sqlite3_reset(s[S_SAME]);
		}
		id > 0 ? (same ? res->unchanged++ : res->updated++)
		       : res->added++;
		for (int k = 0; k < 3; k++)
			sqlite3_bind_text(s[S_UPSERT], k + 1, r->f[k], -1,
					  SQLITE_STATIC);
		sqlite3_bind_text(s[S_DEL_ROLES], 1, r->f[COL_CODE], -1,
				  SQLITE_STATIC);
		/* Without a roles column a unit keeps the roles it has. */
		bool has_roles = im->col[COL_ROLES] >= 0;
		bool ok = step_done(s[S_UPSERT]) &&
			  (!has_roles || step_done(s[S_DEL_ROLES]));
		char *save = NULL;
		for (char *t = has_roles ? strtok_r(roles, ";", &save) : NULL;
		     ok && t; t = strtok_r(NULL, ";", &save)) {
			sqlite3_bind_text(s[S_ADD_ROLE], 1, r->f[COL_CODE], -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(s[S_ADD_ROLE], 2, t, -1,
					  SQLITE_STATIC);
			ok = step_done(s[S_ADD_ROLE]);
		}
		bc_free(roles);
		if (!ok)
			rc = bc_store_fail(st, d, N_("units"));
	}
	/* Parents last: a unit may name one defined further down. */
	for (size_t i = 0; im->col[COL_PARENT] >= 0 && i < im->n && rc == BC_OK;
	     i++) {
		row *r = &im->rows[i];
		const char *p = r->f[COL_PARENT];
		sqlite3_bind_text(s[S_PARENT], 1, r->f[COL_CODE], -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(s[S_PARENT], 2, p && *p ? p : NULL, -1,
				  SQLITE_STATIC);
		if (!step_done(s[S_PARENT]))
			rc = bc_store_fail(st, d, N_("units"));
	}
	for (int i = 0; i < N_STMTS; i++)
		sqlite3_finalize(s[i]);
	return rc;
}

static void free_rows(importer *im)
{
	for (size_t i = 0; i < im->n; i++)
		for (int c = 0; c < N_COLS; c++)
			bc_free(im->rows[i].f[c]);
	bc_free(im->rows);
}

static bc_err validate(bc_store *st, importer *im)
{
	for (size_t i = 0; i < im->n; i++)
		check_row(im, &im->rows[i]);
	check_duplicates(im);
	node *db = NULL, *tree = NULL;
	size_t ndb = 0, ntree = 0, nstrs = 0;
	char **strs = NULL;
	bc_err rc = db_nodes(st, &db, &ndb, &strs, &nstrs, im->d);
	if (rc == BC_OK)
		rc = merged_tree(im, db, ndb, &tree, &ntree);
	if (rc == BC_OK)
		check_parents(im, tree, ntree);
	bc_free(tree);
	bc_free(db);
	free_strs(strs, nstrs);
	return im->oom ? BC_ERR_NOMEM : rc;
}

bc_err bc_units_import(bc_store *st, const bc_rulebook *rb, const char *path,
		       bc_units_import_result *res, bc_diags *d)
{
	char *buf;
	size_t len;
	*res = (bc_units_import_result){0};
	bc_err rc = bc_file_read(path, UNITS_MAX_FILE, &buf, &len, d);
	if (rc != BC_OK)
		return rc;
	importer im = {.file = path, .rb = rb, .d = d};
	size_t before = d->errors;
	rc = bc_csv_parse(path, buf, len, on_row, &im, d);
	bc_free(buf);
	if (rc == BC_OK && !im.header_done)
		bc_diags_add(d, BC_ERROR, path, 1, NULL, NULL,
			     N_("empty file: no header "
			        "code,name,kind,roles,parent"));
	if (rc == BC_OK && im.oom)
		rc = BC_ERR_NOMEM;
	/* Checked under the write lock, so that the tree checked is the
	 * tree written to. */
	bool locked = false;
	if (rc == BC_OK && !im.header_bad && im.header_done &&
	    (rc = bc_store_begin(st, d)) == BC_OK) {
		locked = true;
		rc = validate(st, &im);
	}
	if (rc == BC_OK && d->errors > before)
		rc = BC_ERR_INVALID;
	if (rc != BC_OK && locked)
		bc_store_rollback(st);
	if (rc == BC_OK) {
		rc = store_rows(st, &im, res, d);
		char *detail = bc_sprintf("%zu added, %zu updated, %zu "
					  "unchanged",
					  res->added, res->updated,
					  res->unchanged);
		if (rc == BC_OK)
			rc = detail ? bc_store_audit(st, "units.import", path,
						     detail, d)
				    : BC_ERR_NOMEM;
		bc_free(detail);
		rc = rc == BC_OK ? bc_store_commit(st, d)
				 : (bc_store_rollback(st), rc);
		if (rc != BC_OK)
			*res = (bc_units_import_result){0};
	}
	free_rows(&im);
	return rc;
}

/* ---- listing ---------------------------------------------------------- */

void bc_unit_free(bc_unit *u)
{
	bc_free(u->code);
	bc_free(u->name);
	bc_free(u->kind);
	bc_free(u->parent);
	for (size_t k = 0; k < u->n_roles; k++)
		bc_free(u->roles[k]);
	bc_free(u->roles);
	*u = (bc_unit){0};
}

void bc_unit_list_free(bc_unit_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		bc_unit_free(&l->v[i]);
	bc_free(l->v);
	*l = (bc_unit_list){0};
}

static char *col(sqlite3_stmt *s, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	char *c = t ? bc_strdup((const char *)t) : NULL;
	if (t && !c)
		*oom = true;
	return c;
}

static bc_err split_roles(bc_unit *u, const char *roles)
{
	if (!roles || !*roles)
		return BC_OK;
	size_t n = 1;
	for (const char *p = roles; *p; p++)
		n += *p == ';';
	u->roles = bc_calloc(n, sizeof *u->roles);
	if (!u->roles)
		return BC_ERR_NOMEM;
	for (const char *p = roles; *p;) {
		const char *e = strchr(p, ';');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (!(u->roles[u->n_roles++] = bc_strndup(p, len)))
			return BC_ERR_NOMEM;
		p += len + (e != NULL);
	}
	return BC_OK;
}

static const char GET_SQL[] =
	"SELECT u.id, u.code, u.name, u.kind, p.code, 0,"
	" (SELECT group_concat(role, ';') FROM (SELECT role FROM unit_role"
	"  WHERE unit_id = u.id ORDER BY role))"
	" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.code = ?";

/* Fills u from a row of GET_SQL or LIST_SQL. */
static bc_err unit_from_row(sqlite3_stmt *s, bc_unit *u)
{
	bool oom = false;
	*u = (bc_unit){.id = sqlite3_column_int64(s, 0)};
	u->code = col(s, 1, &oom);
	u->name = col(s, 2, &oom);
	u->kind = col(s, 3, &oom);
	u->parent = col(s, 4, &oom);
	u->depth = sqlite3_column_int(s, 5);
	bc_err rc = split_roles(u, (const char *)sqlite3_column_text(s, 6));
	return oom ? BC_ERR_NOMEM : rc;
}

bc_err bc_unit_get(bc_store *st, const char *code, bc_unit *out,
		   bc_diags *d)
{
	sqlite3_stmt *s = bc_store_stmt(st, GET_SQL);
	*out = (bc_unit){0};
	if (!s)
		return bc_store_fail(st, d, N_("units"));
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	bc_err rc = BC_ERR_NOT_FOUND;
	int r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		rc = unit_from_row(s, out);
	else if (r != SQLITE_DONE) /* an error is not "no such unit" */
		rc = bc_store_fail(st, d, N_("units"));
	sqlite3_reset(s);
	if (rc != BC_OK)
		bc_unit_free(out);
	return rc;
}

/* The units depth-first: a recursive CTE keeps the walk in SQLite. */
static const char LIST_SQL[] =
	"WITH RECURSIVE walk(id, depth, path) AS ("
	" SELECT id, 0, printf('%010d', id) FROM unit WHERE parent_id IS NULL"
	" UNION ALL"
	" SELECT u.id, w.depth + 1, w.path || '/' || printf('%010d', u.id)"
	" FROM unit u JOIN walk w ON u.parent_id = w.id)"
	" SELECT u.id, u.code, u.name, u.kind, p.code, w.depth,"
	" (SELECT group_concat(role, ';') FROM (SELECT role FROM unit_role"
	"  WHERE unit_id = u.id ORDER BY role))"
	" FROM walk w JOIN unit u ON u.id = w.id"
	" LEFT JOIN unit p ON p.id = u.parent_id ORDER BY w.path";

bc_err bc_units_list(bc_store *st, bc_unit_list *out, bc_diags *d)
{
	sqlite3_stmt *s;
	*out = (bc_unit_list){0};
	if (sqlite3_prepare_v2(bc_store_db(st), LIST_SQL, -1, &s, NULL) !=
	    SQLITE_OK)
		return bc_store_fail(st, d, N_("units"));
	bc_err rc = BC_OK;
	int r = SQLITE_DONE;
	while (rc == BC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)&out->v, &out->cap, out->n + 1,
			    sizeof *out->v) < 0) {
			rc = BC_ERR_NOMEM;
			break;
		}
		rc = unit_from_row(s, &out->v[out->n++]);
	}
	if (rc == BC_OK && r != SQLITE_DONE) /* not the end of the list */
		rc = bc_store_fail(st, d, N_("units"));
	sqlite3_finalize(s);
	if (rc != BC_OK)
		bc_unit_list_free(out);
	return rc;
}

/* ---- a unit named on a command line --------------------------------- */

/* A unit weighed against an argument: its edits from the argument's key
 * (within its code's or name's key, then whole), smallest first. */
typedef struct near_unit {
	size_t within, whole;
	char *code, *name;
} near_unit;

typedef struct near_set {
	const uint32_t *key; /* the argument's */
	size_t n_key;
	near_unit best[BC_UNIT_NEAR_MAX];
	size_t n;
	char **same; /* codes of the units bearing the name itself */
	size_t n_same, cap_same;
	bool oom;
} near_set;

static int near_cmp(const near_unit *a, const near_unit *b)
{
	if (a->within != b->within)
		return a->within < b->within ? -1 : 1;
	if (a->whole != b->whole)
		return a->whole < b->whole ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The edits of key from the key of s: within it and whole. */
static void weigh(near_set *ns, const char *s, near_unit *u)
{
	size_t n;
	uint32_t *k = bc_text_name_key(s, &n);
	if (!k) {
		ns->oom = true;
		return;
	}
	size_t w = bc_text_distance(ns->key, ns->n_key, k, n, true),
	       a = bc_text_distance(ns->key, ns->n_key, k, n, false);
	if (w < u->within || (w == u->within && a < u->whole)) {
		u->within = w;
		u->whole = a;
	}
	ns->oom |= w == SIZE_MAX || a == SIZE_MAX;
	bc_free(k);
}

/* Near enough to be offered: a quarter of the argument's characters
 * mistyped within a name or a code, or a third of the whole of it.  A
 * single character is within too many names to say anything. */
static bool near_enough(const near_unit *u, size_t n_key)
{
	return (n_key >= 2 && u->within <= n_key / 4) || u->whole <= n_key / 3;
}

/* Keeps (code, name) among the best if it is near enough. */
static void consider(near_set *ns, const char *code, const char *name)
{
	near_unit u = {SIZE_MAX, SIZE_MAX, NULL, NULL};
	weigh(ns, code, &u);
	weigh(ns, name, &u);
	u.name = (char *)name;
	if (!near_enough(&u, ns->n_key) ||
	    (ns->n == BC_UNIT_NEAR_MAX &&
	     near_cmp(&u, &ns->best[ns->n - 1]) >= 0))
		return;
	if (!(u.code = bc_strdup(code)) || !(u.name = bc_strdup(name))) {
		bc_free(u.code);
		ns->oom = true;
		return;
	}
	if (ns->n == BC_UNIT_NEAR_MAX) {
		ns->n--;
		bc_free(ns->best[ns->n].code);
		bc_free(ns->best[ns->n].name);
	}
	size_t i = ns->n++;
	for (; i > 0 && near_cmp(&u, &ns->best[i - 1]) < 0; i--)
		ns->best[i] = ns->best[i - 1];
	ns->best[i] = u;
}

static void same_name(near_set *ns, const char *code)
{
	char *c = bc_strdup(code);
	if (!c || bc_grow((void **)&ns->same, &ns->cap_same, ns->n_same + 1,
			  sizeof *ns->same) < 0) {
		bc_free(c);
		ns->oom = true;
		return;
	}
	ns->same[ns->n_same++] = c;
}

/* Weighs every unit against arg; the units bearing the name itself go
 * to ns->same. */
static bc_err scan(bc_store *st, const char *arg, near_set *ns, bc_diags *d)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bc_store_db(st), "SELECT code, name FROM unit",
			       -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, d, "units");
	int r = SQLITE_DONE;
	while (!ns->oom && (r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0),
			   *name = (const char *)sqlite3_column_text(s, 1);
		/* A code typed in capitals is no other unit's. */
		if (bc_text_same_name(arg, name) ||
		    bc_text_same_name(arg, code))
			same_name(ns, code);
		else if (!ns->n_same)
			consider(ns, code, name);
	}
	sqlite3_finalize(s);
	if (ns->oom)
		return BC_ERR_NOMEM;
	return r == SQLITE_DONE ? BC_OK : bc_store_fail(st, d, "units");
}

/* The units of codes[0..n) into l, in that order. */
static bc_err units_of(bc_store *st, char *const *codes, size_t n,
		       bc_unit_list *l, bc_diags *d)
{
	bc_err rc = BC_OK;
	for (size_t i = 0; rc == BC_OK && i < n; i++) {
		if (bc_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v) < 0)
			return BC_ERR_NOMEM;
		if ((rc = bc_unit_get(st, codes[i], &l->v[l->n], d)) == BC_OK)
			l->n++;
	}
	return rc;
}

static void near_set_free(near_set *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		bc_free(ns->best[i].code);
		bc_free(ns->best[i].name);
	}
	for (size_t i = 0; i < ns->n_same; i++)
		bc_free(ns->same[i]);
	bc_free(ns->same);
	bc_free((void *)ns->key);
}

bc_err bc_unit_lookup_get(bc_store *st, const char *arg, bc_unit_lookup *out,
			  bc_diags *d)
{
	*out = (bc_unit_lookup){0};
	bc_err rc = bc_unit_get(st, arg, &out->unit, d);
	if (rc != BC_ERR_NOT_FOUND)
		return rc;
	near_set ns = {0};
	if (!(ns.key = bc_text_name_key(arg, &ns.n_key)))
		return BC_ERR_NOMEM;
	rc = scan(st, arg, &ns, d);
	if (rc == BC_OK && ns.n_same == 1)
		rc = bc_unit_get(st, ns.same[0], &out->unit, d);
	else if (rc == BC_OK && ns.n_same) {
		out->ambiguous = true;
		rc = units_of(st, ns.same, ns.n_same, &out->near, d);
	} else if (rc == BC_OK) {
		char *codes[BC_UNIT_NEAR_MAX];
		for (size_t i = 0; i < ns.n; i++)
			codes[i] = ns.best[i].code;
		rc = units_of(st, codes, ns.n, &out->near, d);
	}
	near_set_free(&ns);
	if (rc == BC_OK && !out->unit.code)
		rc = BC_ERR_NOT_FOUND;
	return rc;
}

void bc_unit_lookup_free(bc_unit_lookup *l)
{
	bc_unit_free(&l->unit);
	bc_unit_list_free(&l->near);
	*l = (bc_unit_lookup){0};
}

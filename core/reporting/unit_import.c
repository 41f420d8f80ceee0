/* SPDX-License-Identifier: MIT */
/*
 * The units CSV, imported all or nothing.  A row is a version of its
 * code; the file's versions are laid over the database's into one list
 * sorted by (code, valid_from), the list every check reads: versions of
 * a code in a row, so that overlaps, a parent's days and a predecessor's
 * day before are found by a search, never by a query per row.
 */
#include "unit.h"
#include "csv_parse.h"
#include "mailaddr.h"
#include "mem.h"
#include "text.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define UNITS_MAX_FILE (64u << 20)

enum {
	COL_CODE,
	COL_NAME,
	COL_KIND,
	COL_ROLES,
	COL_PARENT,
	COL_FROM,
	COL_TO,
	COL_PREDS,
	COL_PERSON,
	COL_PHONE,
	COL_EMAIL,
	N_COLS
};
static const char *const col_names[N_COLS] = {
	"code",	     "name",	 "kind",     "roles",
	"parent",    "valid_from", "valid_to", "predecessors",
	"person",    "phone",	   "email"};

typedef struct row {
	int line;
	char *f[N_COLS]; /* in the arena; NULL for an absent column */
	bc_date from, to; /* BC_DATE_NONE: empty or absent */
	bool bad;	  /* a date that is none, or no version to name */
} row;

/* A version as it will be after the import: the database's, with the
 * file's rows laid over them, and the file's new ones. */
typedef struct ver {
	const char *code, *name, *kind, *parent; /* parent NULL: none */
	const char *roles, *preds; /* sorted, ';' between, "" for none */
	const char *person, *phone, *email; /* NULL: none */
	bc_date from, to;	    /* BC_DATE_NONE: open */
	int64_t id;		    /* in the database; 0 for a new one */
	int line;		    /* the row's; 0 for the database's own */
	bool closed;		    /* its end set by the next one's start */
	bool said;		    /* a cycle through it reported */
	bool written;		    /* stored anew by this import */
	size_t stamp;		    /* the last walk up that met it */
	struct ver *was;	    /* the version as stored, for changes */
} ver;

typedef struct importer {
	const char *file;
	const bc_rulebook *rb;
	bc_diags *d;
	bc_arena a; /* every string of the import */
	int col[N_COLS]; /* column index of each known column, -1 absent */
	bool header_done, header_bad;
	row *rows;
	size_t n, cap;
	ver *db;     /* the database's versions, as stored, sorted */
	size_t n_db;
	ver *v;	     /* after the import, sorted by (code, from) */
	size_t n_v;
	bool oom;
} importer;

static bool has(const importer *im, int c)
{
	return im->col[c] >= 0;
}

static char *keep(importer *im, const char *s)
{
	char *c = s ? bc_arena_strdup(&im->a, s) : NULL;
	im->oom |= s && !c;
	return c;
}

/* A day as messages show it. */
static const char *dmy(importer *im, bc_date day)
{
	char buf[BC_DATE_BUF];
	bc_date_format_dmy(day, buf);
	return keep(im, buf);
}

/* ---- reading the file ------------------------------------------------ */

static int read_header(importer *im, int line, size_t n, char *const *f)
{
	for (int c = 0; c < N_COLS; c++)
		im->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		bc_csv_trim(f[i]);
		int c = 0;
		while (c < N_COLS && strcmp(f[i], col_names[c]) != 0)
			c++;
		if (c == N_COLS) {
			bc_diags_add(im->d, BC_ERROR, im->file, line, NULL,
				     NULL,
				     N_("unknown column '%s' (columns: code, "
				        "name, kind, roles, parent, valid_from, "
				        "valid_to, predecessors, person, phone, "
				        "email)"),
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
		want += has(im, c);
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
	*r = (row){.line = line, .from = BC_DATE_NONE, .to = BC_DATE_NONE};
	for (int c = 0; c < N_COLS; c++) {
		if (!has(im, c))
			continue;
		if (!(r->f[c] = keep(im, f[im->col[c]])))
			return 1;
		bc_csv_trim(r->f[c]);
	}
	return 0;
}

/* ---- one row ------------------------------------------------------------ */

/* "b; a;;a" as "a;b": trimmed, sorted, each once; NULL reads as "". */
static char *norm_list(importer *im, const char *list)
{
	char *copy = keep(im, list ? list : "");
	char **v = copy ? bc_calloc(strlen(copy) / 2 + 2, sizeof *v) : NULL;
	char *out = v ? bc_arena_alloc(&im->a, strlen(copy) + 1) : NULL;
	size_t n = 0;
	if (!out) {
		bc_free(v);
		im->oom = true;
		return NULL;
	}
	for (char *save, *t = strtok_r(copy, ";", &save); t;
	     t = strtok_r(NULL, ";", &save)) {
		bc_csv_trim(t);
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
	bc_free(v);
	return out;
}

/* t over each piece of list (';' between), in a copy the arena keeps. */
#define EACH_CODE(im, list, t)                                                \
	for (char *t##_l = keep(im, list), *t##_s = NULL,                     \
		  *t = t##_l ? strtok_r(t##_l, ";", &t##_s) : NULL;           \
	     t; t = strtok_r(NULL, ";", &t##_s))

static void check_roles(importer *im, row *r)
{
	EACH_CODE(im, norm_list(im, r->f[COL_ROLES]), t) {
		if (!bc_rulebook_role(im->rb, t))
			bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL,
				     "roles",
				     N_("unknown role '%s' (the rules declare "
					"no such role)"),
				     t);
	}
}

/* A phone as people write one: digits, with spaces, dots, hyphens,
 * brackets, a leading '+', and ';' or ',' between two numbers. */
static bool phone_ok(const char *s)
{
	size_t digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" .-()+;,/", *p))
			return false;
	}
	return digits >= 3;
}

/* The name and the contact's cells: no control character (they are
 * shown on a terminal, and go into a mail's headers), a phone that is
 * one, one e-mail address. */
static void check_texts(importer *im, row *r)
{
	static const int texts[] = {COL_NAME, COL_PERSON, COL_PHONE, COL_EMAIL};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		int c = texts[i];
		unsigned ctl = r->f[c] ? bc_utf8_first_control(r->f[c], false)
				       : 0;
		if (ctl)
			bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL,
				     col_names[c],
				     N_("U+%04X, a control character, which "
					"no one types and a terminal acts on: "
					"remove it"),
				     ctl);
	}
	const char *phone = r->f[COL_PHONE], *email = r->f[COL_EMAIL];
	if (phone && *phone && !phone_ok(phone))
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "phone",
			     N_("'%s' is not a phone number (digits, with "
				"spaces, dots, hyphens or brackets)"),
			     phone);
	if (email && *email && !bc_mail_address_ok(email))
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "email",
			     N_("'%s' is not an e-mail address (one address, "
				"name@domain, without spaces or a name)"),
			     email);
}

/* A date cell: empty is none (an open end), else a day as every date
 * the program takes. */
static void read_date(importer *im, row *r, int c, bc_date *out)
{
	const char *s = r->f[c];
	if (!s || !*s || bc_date_parse_any(s, out))
		return;
	bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, col_names[c],
		     N_("'%s' is not a date (dd/mm/yyyy or YYYY-MM-DD)"), s);
	r->bad = true;
}

static void check_row(importer *im, row *r)
{
	const char *code = r->f[COL_CODE];
	if (!bc_unit_code_ok(code))
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "code",
			     N_("bad code '%s': use a-z, 0-9 and '-', at most "
				"%d"),
			     code, BC_UNIT_CODE_MAX);
	if (!*r->f[COL_NAME])
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "name",
			     N_("the name is empty"));
	if (!bc_rulebook_kind(im->rb, r->f[COL_KIND]))
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "kind",
			     N_("unknown kind '%s' (the rules declare no such "
			        "unit kind)"),
			     r->f[COL_KIND]);
	check_roles(im, r);
	check_texts(im, r);
	const char *parent = r->f[COL_PARENT];
	if (parent && strcmp(parent, code) == 0)
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL,
			     "parent", N_("a unit cannot be its own parent"));
	read_date(im, r, COL_FROM, &r->from);
	read_date(im, r, COL_TO, &r->to);
	if (r->from != BC_DATE_NONE && r->to != BC_DATE_NONE &&
	    r->to < r->from) {
		bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL,
			     "valid_to",
			     N_("valid_to %s is before valid_from %s"),
			     dmy(im, r->to), dmy(im, r->from));
		r->bad = true;
	}
}

/* ---- the versions, before and after ------------------------------------ */

/* Open starts first, open ends last. */
static int64_t lo(bc_date d)
{
	return d == BC_DATE_NONE ? INT64_MIN : d;
}

static int64_t hi(bc_date d)
{
	return d == BC_DATE_NONE ? INT64_MAX : d;
}

static int cmp_ver(const void *a, const void *b)
{
	const ver *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	if (c)
		return c;
	return lo(x->from) < lo(y->from) ? -1 : lo(x->from) > lo(y->from);
}

/* The versions of code in v[0..n) (sorted): *count of them from the
 * one returned, NULL for none. */
static ver *versions_of(ver *v, size_t n, const char *code, size_t *count)
{
	size_t a = 0, b = n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (strcmp(v[m].code, code) < 0)
			a = m + 1;
		else
			b = m;
	}
	size_t e = a;
	while (e < n && !strcmp(v[e].code, code))
		e++;
	*count = e - a;
	return e > a ? &v[a] : NULL;
}

/* The version of code in force on day (lo() of it), or NULL. */
static ver *in_force(ver *v, size_t n, const char *code, int64_t day)
{
	size_t k;
	ver *w = versions_of(v, n, code, &k);
	for (size_t i = 0; i < k; i++)
		if (lo(w[i].from) <= day && day <= hi(w[i].to))
			return &w[i];
	return NULL;
}

static bc_date iso_col(sqlite3_stmt *s, int i)
{
	bc_date d;
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t && bc_date_parse(t, &d) ? d : BC_DATE_NONE;
}

static const char *text_col(importer *im, sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return keep(im, t ? t : "");
}

/* A text kept, or NULL for NULL. */
static const char *null_col(importer *im, sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? keep(im, t) : NULL;
}

/* Every version in the database, sorted as the list is. */
static bc_err load_db(bc_store *st, importer *im)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	if (sqlite3_prepare_v2(
		    bc_store_db(st),
		    "SELECT v.id, u.code, v.valid_from, v.valid_to, v.name,"
		    " v.kind, p.code,"
		    " (SELECT group_concat(role, ';') FROM (SELECT role FROM"
		    "  unit_version_role WHERE version_id = v.id ORDER BY role)),"
		    " (SELECT group_concat(code, ';') FROM (SELECT q.code FROM"
		    "  unit_predecessor x JOIN unit q ON q.id = x.unit_id"
		    "  WHERE x.version_id = v.id ORDER BY q.code)),"
		    " v.person, v.phone, v.email"
		    " FROM unit_version v JOIN unit u ON u.id = v.unit_id"
		    " LEFT JOIN unit p ON p.id = v.parent_id",
		    -1, &s, NULL) != SQLITE_OK)
		return bc_store_fail(st, im->d, N_("units"));
	int r;
	while (!im->oom && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (bc_grow((void **)&im->db, &cap, im->n_db + 1,
			    sizeof *im->db) < 0) {
			im->oom = true;
			break;
		}
		const char *parent = (const char *)sqlite3_column_text(s, 6);
		im->db[im->n_db++] = (ver){
			.id = sqlite3_column_int64(s, 0),
			.code = text_col(im, s, 1),
			.from = iso_col(s, 2),
			.to = iso_col(s, 3),
			.name = text_col(im, s, 4),
			.kind = text_col(im, s, 5),
			.parent = parent ? keep(im, parent) : NULL,
			.roles = text_col(im, s, 7),
			.preds = text_col(im, s, 8),
			.person = null_col(im, s, 9),
			.phone = null_col(im, s, 10),
			.email = null_col(im, s, 11)};
	}
	sqlite3_finalize(s);
	if (im->oom)
		return BC_ERR_NOMEM;
	if (r != SQLITE_DONE) /* not the end of the versions */
		return bc_store_fail(st, im->d, N_("units"));
	if (im->n_db > 1)
		qsort(im->db, im->n_db, sizeof *im->db, cmp_ver);
	return BC_OK;
}

/* The database's version a row names, or NULL for a new one: by its
 * valid_from (empty: the one open at the start); in a file without the
 * column (as before versions existed), the code's only version. */
static ver *named(importer *im, row *r)
{
	size_t k;
	ver *w = versions_of(im->db, im->n_db, r->f[COL_CODE], &k);
	if (has(im, COL_FROM) || k == 0) {
		for (size_t i = 0; i < k; i++)
			if (w[i].from == r->from)
				return &w[i];
		return NULL;
	}
	if (k == 1) {
		r->from = w[0].from;
		return &w[0];
	}
	bc_diags_add(im->d, BC_ERROR, im->file, r->line, NULL, "code",
		     N_("'%s' has %zu versions: give valid_from to say which "
			"this row is ('baocao units list --all' lists them)"),
		     r->f[COL_CODE], k);
	r->bad = true;
	return NULL;
}

/* What a row says of its version, laid over v (the stored one, or the
 * one before it for a new version, whose parent and roles it keeps when
 * the file has no such column). */
static void lay(importer *im, const row *r, ver *v)
{
	v->code = r->f[COL_CODE];
	v->name = r->f[COL_NAME];
	v->kind = r->f[COL_KIND];
	v->from = r->from;
	v->line = r->line;
	if (has(im, COL_TO))
		v->to = r->to;
	if (has(im, COL_PARENT))
		v->parent = *r->f[COL_PARENT] ? r->f[COL_PARENT] : NULL;
	if (has(im, COL_ROLES))
		v->roles = norm_list(im, r->f[COL_ROLES]);
	if (has(im, COL_PREDS))
		v->preds = norm_list(im, r->f[COL_PREDS]);
	const char **contact[] = {&v->person, &v->phone, &v->email};
	for (int c = COL_PERSON; c <= COL_EMAIL; c++)
		if (has(im, c))
			*contact[c - COL_PERSON] = *r->f[c] ? r->f[c] : NULL;
}

/* ---- checks over the list -------------------------------------------- */

static void say(importer *im, int line, const char *column, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));
static void say(importer *im, int line, const char *column, const char *fmt,
		...)
{
	va_list ap;
	va_start(ap, fmt);
	bc_diags_vadd(im->d, BC_ERROR, im->file, line, NULL, NULL, column, fmt,
		      ap);
	va_end(ap);
}

/* Two rows for one version, on lines a and b. */
static void duplicate(importer *im, const char *code, bc_date from, int a,
		      int b)
{
	int first = a < b ? a : b, second = a < b ? b : a;
	if (from == BC_DATE_NONE)
		say(im, second, "code",
		    N_("duplicate code '%s' (also on line %d)"), code, first);
	else
		say(im, second, "valid_from",
		    N_("a second row for '%s' from %s (also on line %d)"), code,
		    dmy(im, from), first);
}

/* The list after the import: the database's versions with the rows laid
 * over those they name, the rows' new versions, sorted. */
static void merge(importer *im)
{
	im->v = bc_calloc(im->n_db + im->n + 1, sizeof *im->v);
	if (!im->v) {
		im->oom = true;
		return;
	}
	for (size_t i = 0; i < im->n_db; i++) {
		im->v[i] = im->db[i];
		im->v[i].was = &im->db[i];
	}
	im->n_v = im->n_db;
	for (size_t i = 0; i < im->n; i++) {
		row *r = &im->rows[i];
		if (r->bad)
			continue;
		ver *old = named(im, r);
		if (old && im->v[old - im->db].line) {
			duplicate(im, old->code, old->from,
				  im->v[old - im->db].line, r->line);
			continue;
		}
		if (old) {
			lay(im, r, &im->v[old - im->db]);
			continue;
		}
		ver *before = r->from == BC_DATE_NONE
				      ? NULL
				      : in_force(im->db, im->n_db, r->f[COL_CODE],
						 (int64_t)r->from - 1);
		ver *v = &im->v[im->n_v++];
		*v = (ver){.roles = "", .preds = "", .to = BC_DATE_NONE};
		if (before) {
			v->parent = before->parent;
			v->roles = before->roles;
			v->person = before->person;
			v->phone = before->phone;
			v->email = before->email;
		}
		lay(im, r, v);
	}
	qsort(im->v, im->n_v, sizeof *im->v, cmp_ver);
}

/* Two rows for one new version. */
static void check_duplicates(importer *im)
{
	for (size_t i = 1; i < im->n_v; i++) {
		ver *a = &im->v[i - 1], *b = &im->v[i];
		if (a->line && b->line && !cmp_ver(a, b))
			duplicate(im, b->code, b->from, a->line, b->line);
	}
}

/* A version open at its end ends the day before the next begins; one
 * that ends later overlaps it.  Each overlap is said at a row of the
 * file (both, when both are). */
static void check_overlaps(importer *im)
{
	for (size_t i = 0; i < im->n_v; i++) {
		ver *a = &im->v[i];
		if (a->to != BC_DATE_NONE && a->from != BC_DATE_NONE &&
		    a->to < a->from && a->line)
			say(im, a->line, "valid_to",
			    N_("valid_to %s is before valid_from %s"),
			    dmy(im, a->to), dmy(im, a->from));
		if (i + 1 == im->n_v || strcmp(a->code, im->v[i + 1].code))
			continue;
		ver *b = &im->v[i + 1];
		if (!cmp_ver(a, b))
			continue; /* a duplicate, said once */
		if (a->to == BC_DATE_NONE) {
			a->to = b->from - 1;
			a->closed = true;
		} else if (a->to >= b->from) {
			int lines[2] = {a->line, b->line};
			for (int k = 0; k < 2; k++)
				if (lines[k])
					say(im, lines[k], "valid_to",
					    N_("versions of '%s' overlap: the "
					       "one from %s runs to %s, and "
					       "the next begins %s"),
					    a->code,
					    a->from == BC_DATE_NONE
						    ? "-"
						    : dmy(im, a->from),
					    dmy(im, a->to), dmy(im, b->from));
		}
	}
}

/* The first day of [from, to] on which code has no version, or
 * INT64_MAX when it has one every day. */
static int64_t first_gap(importer *im, const char *code, int64_t from,
			 int64_t to)
{
	int64_t day = from;
	while (day <= to) {
		ver *w = in_force(im->v, im->n_v, code, day);
		if (!w)
			return day;
		if (w->to == BC_DATE_NONE)
			break;
		day = (int64_t)w->to + 1;
	}
	return INT64_MAX;
}

static const char *day_text(importer *im, int64_t day)
{
	return day == INT64_MIN ? "-" : dmy(im, (bc_date)day);
}

/* The first row of the file for code, or 0. */
static int line_of(importer *im, const char *code)
{
	size_t k;
	ver *w = versions_of(im->v, im->n_v, code, &k);
	int line = 0;
	for (size_t i = 0; i < k; i++)
		if (w[i].line && (!line || w[i].line < line))
			line = w[i].line;
	return line;
}

/* Every version's parent exists on every day of it.  A child of the
 * database left without its parent by the file is said at the parent's
 * row. */
static void check_parents(importer *im)
{
	for (size_t i = 0; i < im->n_v; i++) {
		ver *v = &im->v[i];
		if (!v->parent || !strcmp(v->parent, v->code))
			continue;
		size_t k;
		int parent_line = line_of(im, v->parent);
		if (!versions_of(im->v, im->n_v, v->parent, &k)) {
			if (v->line)
				say(im, v->line, "parent",
				    N_("unknown parent '%s' (not in this file "
				       "nor in the database)"),
				    v->parent);
			continue;
		}
		int64_t gap = first_gap(im, v->parent, lo(v->from), hi(v->to));
		if (gap == INT64_MAX || (!v->line && !parent_line))
			continue;
		if (v->line)
			say(im, v->line, "parent",
			    N_("parent '%s' does not exist on %s, within this "
			       "version's days"),
			    v->parent, day_text(im, gap));
		else
			say(im, parent_line, "valid_to",
			    N_("'%s' would not exist on %s, when its child "
			       "'%s' still does"),
			    v->parent, day_text(im, gap), v->code);
	}
}

/* A version's predecessors exist the day before it begins. */
static void check_predecessors(importer *im)
{
	for (size_t i = 0; i < im->n_v; i++) {
		ver *v = &im->v[i];
		if (!v->line || !*v->preds)
			continue;
		if (v->from == BC_DATE_NONE) {
			say(im, v->line, "predecessors",
			    N_("a version formed from others begins on a day: "
			       "give its valid_from"));
			continue;
		}
		EACH_CODE(im, v->preds, p) {
			size_t k;
			if (!strcmp(p, v->code))
				say(im, v->line, "predecessors",
				    N_("a cycle of predecessors: '%s' names "
				       "itself"),
				    p);
			else if (!versions_of(im->v, im->n_v, p, &k))
				say(im, v->line, "predecessors",
				    N_("unknown predecessor '%s' (not in this "
				       "file nor in the database)"),
				    p);
			else if (!in_force(im->v, im->n_v, p,
					   (int64_t)v->from - 1))
				say(im, v->line, "predecessors",
				    N_("predecessor '%s' does not exist on %s, "
				       "the day before this version begins"),
				    p, dmy(im, v->from - 1));
		}
	}
}

/* The parents on each day form a tree.  A cycle exists from the latest
 * start among its versions, so a walk up from each version on the day
 * it starts finds every one; it is said at a row of the file on it.  A
 * walk that meets a version twice (a cycle above, not through, the one
 * it began at) stops there. */
static void check_cycles(importer *im)
{
	for (size_t i = 0; i < im->n_v; i++) {
		ver *v = &im->v[i], *at = v, *blame = v->line ? v : NULL;
		int64_t day = lo(v->from);
		bool cycle = false;
		v->stamp = i + 1;
		while (at && at->parent && !cycle) {
			at = in_force(im->v, im->n_v, at->parent, day);
			if (!at || (at != v && at->stamp == i + 1))
				break;
			cycle = at == v;
			at->stamp = i + 1;
			if (!blame && at->line)
				blame = at;
		}
		if (!cycle || !blame || blame->said)
			continue;
		blame->said = true;
		say(im, blame->line, "parent",
		    N_("a cycle of parents: '%s' is its own ancestor through "
		       "'%s'"),
		    blame->code, blame->parent);
	}
}

static void validate(importer *im)
{
	for (size_t i = 0; i < im->n; i++)
		check_row(im, &im->rows[i]);
	merge(im);
	if (im->oom)
		return;
	check_duplicates(im);
	check_overlaps(im);
	check_parents(im);
	check_predecessors(im);
	check_cycles(im);
}

/* ---- storing ---------------------------------------------------------- */

static bool same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static bool unchanged(const ver *v)
{
	const ver *w = v->was;
	return w && w->to == v->to && same_text(w->name, v->name) &&
	       same_text(w->kind, v->kind) && same_text(w->parent, v->parent) &&
	       same_text(w->roles, v->roles) && same_text(w->preds, v->preds) &&
	       same_text(w->person, v->person) &&
	       same_text(w->phone, v->phone) && same_text(w->email, v->email);
}

/* Statements of one import, prepared once. */
enum {
	S_UNIT,
	S_ADD,
	S_SET,
	S_DEL_ROLES,
	S_ADD_ROLE,
	S_DEL_PREDS,
	S_ADD_PRED,
	S_PARENT,
	N_STMTS
};
static const char *const stmt_sql[N_STMTS] = {
	"INSERT INTO unit (code) VALUES (?1) ON CONFLICT (code) DO NOTHING",
	"INSERT INTO unit_version (unit_id, valid_from, valid_to, name, kind,"
	" person, phone, email)"
	" VALUES ((SELECT id FROM unit WHERE code = ?1), ?2, ?3, ?4, ?5, ?6, ?7,"
	" ?8)",
	"UPDATE unit_version SET valid_to = ?3, name = ?4, kind = ?5,"
	" person = ?6, phone = ?7, email = ?8 WHERE id = ?1",
	"DELETE FROM unit_version_role WHERE version_id = ?1",
	"INSERT OR IGNORE INTO unit_version_role (version_id, role)"
	" VALUES (?1, ?2)",
	"DELETE FROM unit_predecessor WHERE version_id = ?1",
	"INSERT OR IGNORE INTO unit_predecessor (version_id, unit_id)"
	" VALUES (?1, (SELECT id FROM unit WHERE code = ?2))",
	"UPDATE unit_version SET parent_id = (SELECT id FROM unit"
	" WHERE code = ?2) WHERE id = ?1",
};

typedef struct writer {
	importer *im;
	sqlite3_stmt *s[N_STMTS];
	bool ok;
} writer;

static void step(writer *w, int i)
{
	if (w->ok)
		w->ok = sqlite3_step(w->s[i]) == SQLITE_DONE;
	sqlite3_reset(w->s[i]);
	sqlite3_clear_bindings(w->s[i]);
}

/* Binds d as ISO text kept in the arena (NULL: open): a copy by SQLite
 * could fail for memory unseen and store an open end. */
static void bind_date(writer *w, sqlite3_stmt *s, int i, bc_date d)
{
	char iso[BC_DATE_BUF];
	if (d == BC_DATE_NONE)
		return;
	bc_date_format(d, iso);
	const char *kept = keep(w->im, iso);
	if (!kept)
		w->ok = false;
	sqlite3_bind_text(s, i, kept, -1, SQLITE_STATIC);
}

/* (id, each code of list) through statement i, after clearing by del. */
static void replace_list(writer *w, int64_t id, int del, int add,
			 const char *list)
{
	sqlite3_bind_int64(w->s[del], 1, id);
	step(w, del);
	EACH_CODE(w->im, list, t) {
		sqlite3_bind_int64(w->s[add], 1, id);
		sqlite3_bind_text(w->s[add], 2, t, -1, SQLITE_STATIC);
		step(w, add);
	}
}

/* A version written as it now is: added, or its row set. */
static void write_version(writer *w, bc_store *st, ver *v)
{
	int i = v->id ? S_SET : S_ADD;
	if (!v->id) {
		sqlite3_bind_text(w->s[S_UNIT], 1, v->code, -1, SQLITE_STATIC);
		step(w, S_UNIT);
		sqlite3_bind_text(w->s[i], 1, v->code, -1, SQLITE_STATIC);
		bind_date(w, w->s[i], 2, v->from);
	} else {
		sqlite3_bind_int64(w->s[i], 1, v->id);
	}
	bind_date(w, w->s[i], 3, v->to);
	sqlite3_bind_text(w->s[i], 4, v->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->s[i], 5, v->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->s[i], 6, v->person, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->s[i], 7, v->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->s[i], 8, v->email, -1, SQLITE_STATIC);
	step(w, i);
	if (!v->id && w->ok)
		v->id = sqlite3_last_insert_rowid(bc_store_db(st));
	replace_list(w, v->id, S_DEL_ROLES, S_ADD_ROLE, v->roles);
}

static int cmp_line(const void *a, const void *b)
{
	const ver *x = *(ver *const *)a, *y = *(ver *const *)b;
	return x->line < y->line ? -1 : x->line > y->line;
}

static bc_err store(bc_store *st, importer *im, bc_units_import_result *res,
		    bc_diags *d)
{
	writer w = {.im = im, .ok = true};
	for (int i = 0; i < N_STMTS && w.ok; i++)
		w.ok = sqlite3_prepare_v2(bc_store_db(st), stmt_sql[i], -1,
					  &w.s[i], NULL) == SQLITE_OK;
	/* In the file's order, so new codes are numbered as they come. */
	ver **order = bc_calloc(im->n_v + 1, sizeof *order);
	size_t n = 0;
	if (!order)
		im->oom = true;
	for (size_t i = 0; order && i < im->n_v; i++)
		if (im->v[i].line || im->v[i].closed)
			order[n++] = &im->v[i];
	if (n > 1)
		qsort(order, n, sizeof *order, cmp_line);
	for (size_t i = 0; w.ok && i < n; i++) {
		ver *v = order[i];
		if (unchanged(v)) {
			res->unchanged++;
			continue;
		}
		v->id ? res->updated++ : res->added++;
		write_version(&w, st, v);
		v->written = true;
	}
	/* Parents and predecessors last: a row may name a unit defined
	 * further down. */
	for (size_t i = 0; w.ok && i < n; i++) {
		ver *v = order[i];
		if (!v->written)
			continue;
		sqlite3_bind_int64(w.s[S_PARENT], 1, v->id);
		sqlite3_bind_text(w.s[S_PARENT], 2, v->parent, -1,
				  SQLITE_STATIC);
		step(&w, S_PARENT);
		replace_list(&w, v->id, S_DEL_PREDS, S_ADD_PRED, v->preds);
	}
	bc_free(order);
	for (int i = 0; i < N_STMTS; i++)
		sqlite3_finalize(w.s[i]);
	if (im->oom)
		return BC_ERR_NOMEM;
	return w.ok ? BC_OK : bc_store_fail(st, d, N_("units"));
}

static bc_err check_and_store(bc_store *st, importer *im,
			      bc_units_import_result *res, size_t before)
{
	bc_diags *d = im->d;
	/* Checked under the write lock, so that what is checked is what is
	 * written to. */
	bc_err rc = bc_store_begin(st, d);
	if (rc != BC_OK)
		return rc;
	rc = load_db(st, im);
	if (rc == BC_OK) {
		validate(im);
		rc = im->oom ? BC_ERR_NOMEM : BC_OK;
	}
	if (rc == BC_OK && d->errors > before)
		rc = BC_ERR_INVALID;
	if (rc == BC_OK)
		rc = store(st, im, res, d);
	char *detail = rc == BC_OK ? bc_sprintf("%zu added, %zu updated, %zu "
						"unchanged",
						res->added, res->updated,
						res->unchanged)
				   : NULL;
	if (rc == BC_OK)
		rc = detail ? bc_store_audit(st, "units.import", im->file,
					     detail, d)
			    : BC_ERR_NOMEM;
	bc_free(detail);
	return rc == BC_OK ? bc_store_commit(st, d)
			   : (bc_store_rollback(st), rc);
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
	if (rc == BC_OK && !im.header_bad && im.header_done)
		rc = check_and_store(st, &im, res, before);
	else if (rc == BC_OK)
		rc = BC_ERR_INVALID;
	if (rc != BC_OK)
		*res = (bc_units_import_result){0};
	bc_free(im.rows);
	bc_free(im.db);
	bc_free(im.v);
	bc_arena_free(&im.a);
	return rc;
}
